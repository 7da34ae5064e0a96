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

  /* For interactive views; dash_graph_chart_new() sets them to show the whole graph
   * with nothing singled out. */
  double               zoom;        /* 1 (or 0) fits the graph to the plot; 2 doubles it */
  double               pan_x;       /* pixels the zoomed graph moves by */
  double               pan_y;
  DashChartRect        bounds;      /* layout area fitted to the plot; width 0 for the
                                     * extent of the positions */
  int                  highlight;   /* a node shown with its links and neighbours while
                                     * the rest is dimmed, -1 for none */
  int                  selected;    /* a node ringed and labelled first, -1 for none */
  double               raster_scale; /* device pixels a unit for edges drawn as an image
                                     * (many edges, PNG or screen); 0 for the context's */
} DashGraphChart;

/* Where the graph is drawn: widget = (ox, oy) + scale × layout. */
typedef struct {
  DashChartRect plot;               /* the area under the legend that nodes are drawn in */
  double        scale;
  double        ox;
  double        oy;
  double        r_min;              /* node radii: the fewest mentions … */
  double        r_max;              /* … and the most */
  guint         max_mentions;
} DashGraphFrame;

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
/* The frame @chart is drawn in at @width × @height (its zoom and pan included); FALSE
 * when there is nothing to draw or no room. */
gboolean        dash_graph_chart_get_frame (cairo_t              *cr,
                                           double                 width,
                                           double                 height,
                                           const DashGraphChart  *chart,
                                           const DashChartStyle  *style,
                                           DashGraphFrame        *frame);
/* Node @index's radius in @frame. */
double          dash_graph_frame_get_radius (const DashGraphFrame *frame,
                                           const DashGraphChart  *chart,
                                           guint                  index);
/* The node drawn at (@x, @y) in @frame, within @slop pixels of its disc, the nearest
 * when several are; -1 for none. */
int             dash_graph_chart_node_at  (const DashGraphChart  *chart,
                                           const DashGraphFrame  *frame,
                                           double                 x,
                                           double                 y,
                                           double                 slop);
/* The smallest rectangle holding every position, in layout units. */
void            dash_graph_chart_get_extent (const DashGraphChart *chart,
                                           DashChartRect         *extent);
/* The colour node @index is filled with. */
DashChartColor  dash_graph_chart_get_node_color (const DashGraphChart *chart,
                                           const DashChartStyle  *style,
                                           guint                  index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DashGraphChart, dash_graph_chart_free)

G_END_DECLS
