/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dash-chart.h"

G_BEGIN_DECLS

/* Stories over time for one or several series, drawn as grouped bars on a calendar
 * time axis, with burst periods marked. */

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
} DashTimelineChart;

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
