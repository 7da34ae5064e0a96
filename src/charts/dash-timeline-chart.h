/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dash-chart.h"

G_BEGIN_DECLS

/* Stories over time for one or several series, drawn as grouped bars or stacked areas
 * on a calendar time axis, with burst periods marked and labelled. */

typedef enum {
  DASH_TIMELINE_STYLE_BARS,    /* the series' bars side by side in each bucket */
  DASH_TIMELINE_STYLE_AREAS,   /* the series stacked as areas */
} DashTimelineStyle;

#define DASH_TYPE_TIMELINE_STYLE (dash_timeline_style_get_type ())
GType dash_timeline_style_get_type (void) G_GNUC_CONST;

typedef struct {
  char   *name;
  GArray *points;    /* DashTimelinePoint, oldest first */
} DashTimelineSeries;

typedef struct {
  gint64  start;     /* Unix seconds UTC */
  gint64  end;       /* exclusive */
  char   *label;     /* "Burst ×6.0" */
} DashTimelineMark;

typedef struct {
  char                *title;
  DashBucket           bucket;
  GPtrArray           *series;      /* DashTimelineSeries */
  GArray              *marks;       /* DashTimelineMark */
  DashChartProvenance *provenance;  /* may be NULL */
  DashTimelineStyle    style;
  gint64               range_start; /* the span drawn, Unix seconds UTC, end exclusive; */
  gint64               range_end;   /* both 0 for the buckets' own extent */
} DashTimelineChart;

/* Where one bucket of one series stands when drawn: its bar, or its band of the stack. */
typedef struct {
  guint         series;
  guint         index;       /* into the series' points */
  DashChartRect rect;
} DashTimelineBar;

DashTimelineChart *dash_timeline_chart_new       (const char        *title,
                                                  DashBucket         bucket);
void               dash_timeline_chart_free      (DashTimelineChart *chart);
/* Copies @points (element-type DashTimelinePoint). */
void               dash_timeline_chart_add_series (DashTimelineChart *chart,
                                                  const char        *name,
                                                  GArray            *points);
void               dash_timeline_chart_add_mark  (DashTimelineChart *chart,
                                                  gint64             start,
                                                  gint64             end,
                                                  const char        *label);
/* Copies @provenance. */
void               dash_timeline_chart_set_provenance (DashTimelineChart         *chart,
                                                  const DashChartProvenance *provenance);

void               dash_timeline_chart_set_style (DashTimelineChart *chart,
                                                  DashTimelineStyle  style);
/* Draws only [@start, @end) (Unix seconds UTC), cutting the buckets at its edges; 0, 0
 * for the extent of the buckets. */
void               dash_timeline_chart_set_range (DashTimelineChart *chart,
                                                  gint64             start,
                                                  gint64             end);

void               dash_timeline_chart_draw      (cairo_t                 *cr,
                                                  double                   width,
                                                  double                   height,
                                                  const DashTimelineChart *chart,
                                                  const DashChartStyle    *style);
/* Where the bar of @series for its point @index stands when drawn at @width × @height
 * (FALSE when there is no such point); for hit tests, tooltips and tests. */
gboolean           dash_timeline_chart_get_bar   (cairo_t                 *cr,
                                                  double                   width,
                                                  double                   height,
                                                  const DashTimelineChart *chart,
                                                  const DashChartStyle    *style,
                                                  guint                    series,
                                                  guint                    index,
                                                  DashChartRect           *rect);

/* Every bucket of every series inside the span drawn, series after series, oldest first,
 * zero counts included, as dash_timeline_chart_get_bar() would give them, computed
 * once. (element-type DashTimelineBar) */
GArray            *dash_timeline_chart_get_bars  (cairo_t                 *cr,
                                                  double                   width,
                                                  double                   height,
                                                  const DashTimelineChart *chart,
                                                  const DashChartStyle    *style);
/* The plot area and the span [@start, @end) its width stands for, to turn a pointer's x
 * into a time and back; FALSE when nothing is plotted. */
gboolean           dash_timeline_chart_get_plot  (cairo_t                 *cr,
                                                  double                   width,
                                                  double                   height,
                                                  const DashTimelineChart *chart,
                                                  const DashChartStyle    *style,
                                                  DashChartRect           *plot,
                                                  gint64                  *start,
                                                  gint64                  *end);

/* The start of the bucket after the one starting at @start. */
gint64             dash_bucket_next              (DashBucket         bucket,
                                                  gint64             start);
/* A bucket that gives a readable number of bars for the span [@from, @to). */
DashBucket         dash_bucket_for_span          (gint64             from,
                                                  gint64             to);
/* "day", "week"... */
const char        *dash_bucket_to_string         (DashBucket         bucket);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DashTimelineChart, dash_timeline_chart_free)

G_END_DECLS
