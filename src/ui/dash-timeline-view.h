/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dash-corpus.h"
#include "dash-timeline-chart.h"

G_BEGIN_DECLS

#define DASH_TYPE_TIMELINE_VIEW (dash_timeline_view_get_type ())
G_DECLARE_FINAL_TYPE (DashTimelineView, dash_timeline_view, DASH, TIMELINE_VIEW, GtkWidget)

/* A bucket for dash_timeline_view_set_bucket(): chosen from the visible span. */
#define DASH_TIMELINE_VIEW_BUCKET_AUTO (-1)

/* One series of dash_timeline_view_set_source(): a name for the legend, and a filter
 * whose set fields (query, topic, entity, source) replace those of the view's filter;
 * its dates narrow the view's. */
typedef struct {
  char       *name;
  DashFilter *filter;
} DashTimelineSeriesFilter;

/* Copies @filter (NULL for none). */
DashTimelineSeriesFilter *dash_timeline_series_filter_new  (const char               *name,
                                                            const DashFilter         *filter);
void                      dash_timeline_series_filter_free (DashTimelineSeriesFilter *series);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DashTimelineSeriesFilter, dash_timeline_series_filter_free)

/* Stories over time as bars or stacked areas, drawn by dash_timeline_chart_draw() in the
 * theme's colours and font, with a tooltip for the bar under the pointer (or, when the
 * widget is focusable, the one chosen with the arrow keys).
 *
 * Clicking a bucket (or Enter on the chosen one) emits ::range-activated with its
 * bounds; dragging across the chart draws a band and emits ::range-selected with the
 * buckets it covers. Ctrl+scroll, a pinch, or + and - zoom around the pointer; Shift+drag,
 * a middle-button drag or a horizontal scroll pan the zoomed chart; a double click on the
 * background, Home or Ctrl+0 show the whole span again. A plain vertical scroll is left to
 * the page around. */
GtkWidget               *dash_timeline_view_new        (void);
/* Shows @points (element-type DashTimelinePoint, oldest first; NULL or empty for none)
 * as one series called @name, in @bucket buckets. */
void                     dash_timeline_view_set_points (DashTimelineView  *self,
                                                        const char        *name,
                                                        DashBucket         bucket,
                                                        GArray            *points);
/* Shows @chart, taking it (transfer full; NULL for none). Its title and provenance are
 * not drawn: the page around the widget names what it shows. */
void                     dash_timeline_view_set_chart  (DashTimelineView  *self,
                                                        DashTimelineChart *chart);
/* Counts @corpus's stories itself: those of @filter (NULL for all), as one series, or
 * as one series per element of @series (element-type DashTimelineSeriesFilter; NULL or
 * empty for one), with their bursts marked. The bucket follows the visible span unless
 * one is set with dash_timeline_view_set_bucket(); counts are made off the main thread,
 * once per bucket, and again when @corpus changes. NULL @corpus shows nothing. */
void                     dash_timeline_view_set_source (DashTimelineView  *self,
                                                        DashCorpus        *corpus,
                                                        const DashFilter  *filter,
                                                        GPtrArray         *series);
/* A DashBucket, or DASH_TIMELINE_VIEW_BUCKET_AUTO (the default). Only the source mode
 * can count again: a chart given whole keeps its buckets. */
void                     dash_timeline_view_set_bucket (DashTimelineView  *self,
                                                        int                bucket);
int                      dash_timeline_view_get_bucket (DashTimelineView  *self);
/* The bucket of the chart shown (it follows the zoom unless one is set), -1 without a
 * chart; notified as "shown-bucket", for a heading such as "Stories per Week". */
int                      dash_timeline_view_get_shown_bucket (DashTimelineView *self);
void                     dash_timeline_view_set_style  (DashTimelineView  *self,
                                                        DashTimelineStyle  style);
DashTimelineStyle        dash_timeline_view_get_style  (DashTimelineView  *self);
/* Whether counts for the source are being made. */
gboolean                 dash_timeline_view_get_loading (DashTimelineView *self);

/* The span shown, [@start, @end) in Unix seconds UTC; 0, 0 when there is nothing. */
void                     dash_timeline_view_get_visible_range (DashTimelineView *self,
                                                               gint64           *start,
                                                               gint64           *end);
/* Shows [@start, @end), kept inside the stories' span and no shorter than a week (or
 * three buckets of a fixed bucket); the whole span when it covers it. */
void                     dash_timeline_view_set_visible_range (DashTimelineView *self,
                                                               gint64            start,
                                                               gint64            end);
/* Shows @factor times less time (more when below 1), around the middle of the span. */
void                     dash_timeline_view_zoom       (DashTimelineView  *self,
                                                        double             factor);
void                     dash_timeline_view_reset_zoom (DashTimelineView  *self);
gboolean                 dash_timeline_view_get_zoomed (DashTimelineView  *self);

const DashTimelineChart *dash_timeline_view_get_chart  (DashTimelineView  *self);
/* Stories in all the series. */
guint                    dash_timeline_view_get_total  (DashTimelineView  *self);
/* The bar at (@x, @y) in widget coordinates, as drawn last; FALSE when there is none. */
gboolean                 dash_timeline_view_get_bar_at (DashTimelineView  *self,
                                                        double             x,
                                                        double             y,
                                                        guint             *series,
                                                        guint             *index);

G_END_DECLS
