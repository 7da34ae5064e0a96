/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DASH_TYPE_PREFERENCES_WINDOW (dash_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (DashPreferencesWindow, dash_preferences_window, DASH, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* The app's preferences: how often the feeds are refreshed (the key refresh-interval of
 * @settings) and whether on metered connections (refresh-on-metered). Changes apply at
 * once. */
GtkWidget *dash_preferences_window_new (GtkWindow *parent,
                                        GSettings *settings);

G_END_DECLS
