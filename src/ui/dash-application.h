/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DASH_TYPE_APPLICATION (dash_application_get_type ())
G_DECLARE_FINAL_TYPE (DashApplication, dash_application, DASH, APPLICATION, AdwApplication)

DashApplication *dash_application_new              (void);
const char      *dash_application_get_database_path (DashApplication *self);

G_END_DECLS
