/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dash-core.h"

G_BEGIN_DECLS

#define DASH_TYPE_WINDOW (dash_window_get_type ())
G_DECLARE_FINAL_TYPE (DashWindow, dash_window, DASH, WINDOW, AdwApplicationWindow)

/* Opens the database at @database_path; when that fails, the window says why. */
DashWindow *dash_window_new               (GtkApplication  *application,
                                           const char      *database_path);
/* NULL when the database could not be opened. */
DashCorpus *dash_window_get_corpus        (DashWindow      *self);
gboolean    dash_window_get_importing     (DashWindow      *self);
/* Shows the stories of the saved search @id, as its notification asks. */
void        dash_window_show_saved_search (DashWindow      *self,
                                           gint64           id);
/* Whether the window shows the demo library (win.open-demo, win.leave-demo). */
gboolean    dash_window_get_demo          (DashWindow      *self);

/* Imports @files (files or folders) into the window's database in the background, as
 * the Import buttons and dropping files do. */
void        dash_window_import_files      (DashWindow      *self,
                                           GFile          **files,
                                           guint            n_files);

G_END_DECLS
