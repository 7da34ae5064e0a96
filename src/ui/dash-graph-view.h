/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dash-graph-chart.h"

G_BEGIN_DECLS

#define DASH_TYPE_GRAPH_VIEW (dash_graph_view_get_type ())
G_DECLARE_FINAL_TYPE (DashGraphView, dash_graph_view, DASH, GRAPH_VIEW, GtkWidget)

/* The entity graph, drawn by dash_graph_chart_draw() in the theme's colours and laid out
 * by a force layout a few steps a frame until it settles.
 *
 * The pointer: hovering a node brings out its neighbourhood and a tooltip, a click
 * selects it (::node-selected), a double click asks for its ego network (the "ego"
 * property), dragging a node moves it, dragging the background pans, scrolling zooms.
 * The keyboard: the arrow keys go to the neighbour in that direction, Tab and Shift+Tab
 * go through the strongest neighbours of the node where they started (then on to the
 * next control), Enter emits ::node-activated, Escape leaves the ego network or the
 * selection, + and - zoom, 0 shows the whole graph. The keyboard's node is selected. */

GtkWidget            *dash_graph_view_new               (void);

/* Shows @graph (transfer full; NULL for none). Entities shown before keep their places
 * and the layout goes on from there; new ones start beside their neighbours. The
 * selected entity stays selected when it is still there. */
void                  dash_graph_view_set_graph         (DashGraphView          *self,
                                                         DashGraph              *graph);
const DashGraph      *dash_graph_view_get_graph         (DashGraphView          *self);
/* The graph with its current positions, titled and with @provenance, for export. It
 * belongs to the view and changes as the layout moves. NULL when there is no graph. */
const DashGraphChart *dash_graph_view_get_chart         (DashGraphView          *self);
void                  dash_graph_view_set_title         (DashGraphView          *self,
                                                         const char             *title,
                                                         const DashChartProvenance *provenance);

void                  dash_graph_view_set_color_by      (DashGraphView          *self,
                                                         DashGraphColorBy        color_by);
DashGraphColorBy      dash_graph_view_get_color_by      (DashGraphView          *self);

/* Lays the graph out afresh from the seed, releases pinned nodes, shows it whole. */
void                  dash_graph_view_reset_layout      (DashGraphView          *self);
/* Whether the layout is still moving (the "layout-running" property). */
gboolean              dash_graph_view_get_layout_running (DashGraphView         *self);
/* Node positions in layout units, x0, y0, x1, y1…; NULL when there is no graph. */
const double         *dash_graph_view_get_positions     (DashGraphView          *self);

/* The selected node, -1 for none. Selecting emits ::node-selected when it changes. */
int                   dash_graph_view_get_selected      (DashGraphView          *self);
void                  dash_graph_view_set_selected      (DashGraphView          *self,
                                                         int                     index);
/* The node called @name (any case), -1 when there is none. */
int                   dash_graph_view_find_node         (DashGraphView          *self,
                                                         const char             *name);
/* Moves the view so that node @index is in sight, keeping the zoom. */
void                  dash_graph_view_show_node         (DashGraphView          *self,
                                                         guint                   index);

/* The entity whose ego network is asked for, NULL for the whole graph (the "ego"
 * property: a double click sets it, Escape clears it). */
const char           *dash_graph_view_get_ego           (DashGraphView          *self);
void                  dash_graph_view_set_ego           (DashGraphView          *self,
                                                         const char             *name);

/* Where node @index is drawn, in widget coordinates; FALSE when it is not. */
gboolean              dash_graph_view_get_node_position (DashGraphView          *self,
                                                         guint                   index,
                                                         double                 *x,
                                                         double                 *y,
                                                         double                 *radius);
/* The node under (@x, @y) in widget coordinates, -1 for none. */
int                   dash_graph_view_node_at           (DashGraphView          *self,
                                                         double                  x,
                                                         double                  y);
/* Zooms by @factor around (@x, @y) in widget coordinates. */
void                  dash_graph_view_zoom_at           (DashGraphView          *self,
                                                         double                  factor,
                                                         double                  x,
                                                         double                  y);
double                dash_graph_view_get_zoom          (DashGraphView          *self);
/* The tooltip of node @index: its name, type, stories and links. */
char                 *dash_graph_view_describe_node     (DashGraphView          *self,
                                                         guint                   index);
/* How long the last snapshot took to record, in microseconds. */
gint64                dash_graph_view_get_snapshot_time (DashGraphView          *self);

G_END_DECLS
