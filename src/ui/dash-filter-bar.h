/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dash-core.h"

G_BEGIN_DECLS

#define DASH_TYPE_FILTER_BAR (dash_filter_bar_get_type ())
G_DECLARE_FINAL_TYPE (DashFilterBar, dash_filter_bar, DASH, FILTER_BAR, GtkWidget)

/* The filters of a story list as removable chips, a popover that adds or changes them
 * (topic, source, entity, date range), and Save Search, or the saved search's own
 * menu (Rename, Notify, Delete). It emits ::filter-changed with the filter the user
 * asks for; the saved-search edits it makes itself and tells with
 * ::saved-searches-changed and ::saved-search-deleted. */
GtkWidget        *dash_filter_bar_new        (void);
/* Shows @filter; @saved is the saved search it comes from, or NULL. */
void              dash_filter_bar_set_filter (DashFilterBar         *self,
                                              DashCorpus            *corpus,
                                              const DashFilter      *filter,
                                              const DashSavedSearch *saved);
const DashFilter *dash_filter_bar_get_filter (DashFilterBar         *self);
/* The chips' texts, in order, as shown ("Topic: AI"...), NULL-terminated. */
char            **dash_filter_bar_dup_chips  (DashFilterBar         *self);
/* What the chip @index's close button does. */
void              dash_filter_bar_remove_chip (DashFilterBar        *self,
                                              guint                  index);
/* What the dialog of Save Search does; FALSE with @error when it cannot be saved. */
gboolean          dash_filter_bar_save       (DashFilterBar         *self,
                                              const char            *name,
                                              GError               **error);

G_END_DECLS
