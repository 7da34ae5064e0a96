/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dash-timeline-chart.h"

G_BEGIN_DECLS

#define DASH_TYPE_TIMELINE_VIEW (dash_timeline_view_get_type ())
G_DECLARE_FINAL_TYPE (DashTimelineView, dash_timeline_view, DASH, TIMELINE_VIEW, GtkWidget)

/* Stories over time as bars, drawn by dash_timeline_chart_draw() in the theme's colours
 * and font, with a tooltip for the bar under the pointer (or, when the widget is
 * focusable, the one chosen with the arrow keys). */
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
