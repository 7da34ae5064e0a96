/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dash-chart.h"

G_BEGIN_DECLS

/* The entity co-occurrence graph: nodes sized by mentions and coloured by community or
 * entity type, edges as wide and dark as their weight, and labels for the most
 * important nodes placed where they do not overlap. */

typedef enum {
  DASH_GRAPH_COLOR_COMMUNITY,
  DASH_GRAPH_COLOR_TYPE,
} DashGraphColorBy;

typedef struct {
  char                *title;
  const DashGraph     *graph;       /* not owned: it must outlive the chart */
  double              *positions;   /* x0, y0, x1, y1, ... in any unit */
  DashGraphColorBy     color_by;
  guint                max_labels;  /* 0 for as many as fit */
  DashChartProvenance *provenance;  /* may be NULL */
} DashGraphChart;

/* Copies @positions (2 per node of @graph). */
DashGraphChart *dash_graph_chart_new      (const char            *title,
                                           const DashGraph       *graph,
                                           const double          *positions);
void            dash_graph_chart_free     (DashGraphChart        *chart);
void            dash_graph_chart_set_provenance (DashGraphChart            *chart,
                                           const DashChartProvenance *provenance);

void            dash_graph_chart_draw     (cairo_t               *cr,
                                           double                 width,
                                           double                 height,
                                           const DashGraphChart  *chart,
                                           const DashChartStyle  *style);
/* Where node @index is drawn at @width × @height: centre and radius. */
gboolean        dash_graph_chart_get_node (cairo_t               *cr,
                                           double                 width,
                                           double                 height,
                                           const DashGraphChart  *chart,
                                           const DashChartStyle  *style,
                                           guint                  index,
                                           double                *x,
                                           double                *y,
                                           double                *radius);
/* The colour node @index is filled with. */
DashChartColor  dash_graph_chart_get_node_color (const DashGraphChart *chart,
                                           const DashChartStyle  *style,
                                           guint                  index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DashGraphChart, dash_graph_chart_free)

G_END_DECLS
