/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dash-core.h"

G_BEGIN_DECLS

#define DASH_TYPE_OVERVIEW_PAGE (dash_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (DashOverviewPage, dash_overview_page, DASH, OVERVIEW_PAGE, GtkWidget)

/* The whole corpus at a glance: counts, the built-in topics month by month, what is
 * moving (bursts), the top entities, the latest stories and the recent searches. Emits
 * ::topic-activated (topic id), ::entity-activated (name), ::article-activated
 * (DashArticle), ::filter-activated (DashFilter, from a burst) and ::search-activated
 * (a recent search's text). */
GtkWidget *dash_overview_page_new    (void);
void       dash_overview_page_reload (DashOverviewPage *self,
                                      DashCorpus       *corpus);
void       dash_overview_page_set_recent_searches (DashOverviewPage   *self,
                                                   const char * const *searches);

G_END_DECLS
