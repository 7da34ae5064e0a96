/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dash-core.h"
#include "dash-graph-chart.h"

G_BEGIN_DECLS

#define DASH_TYPE_GRAPH_PAGE (dash_graph_page_get_type ())
G_DECLARE_FINAL_TYPE (DashGraphPage, dash_graph_page, DASH, GRAPH_PAGE, GtkWidget)

/* Who appears with whom: the entity graph of the stories a filter selects, with its own
 * controls (co-occurrence window, minimum link weight, number of entities, colours), a
 * search that finds an entity, a table of the same entities and links, and beside them
 * the selected entity, its strongest links and the passages behind a link. Emits
 * ::entity-activated (name) from its Show Stories button. */
GtkWidget            *dash_graph_page_new       (void);

/* Shows the graph of @filter's stories (topic, dates, source from the window; NULL for
 * all) from @corpus. The graph is queried in a worker thread, on a connection of its
 * own; a newer call cancels the query still running. */
void                  dash_graph_page_show      (DashGraphPage    *self,
                                                 DashCorpus       *corpus,
                                                 const DashFilter *filter);
/* The graph shown, with its current layout, title and provenance, for export; NULL
 * before the first graph arrives. It belongs to the page. */
const DashGraphChart *dash_graph_page_get_chart (DashGraphPage    *self);

/* Whether a query is running (the "loading" property). */
gboolean              dash_graph_page_get_loading (DashGraphPage  *self);

G_END_DECLS
