/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DASH_TYPE_MONTH_COUNTS (dash_month_counts_get_type ())
G_DECLARE_FINAL_TYPE (DashMonthCounts, dash_month_counts, DASH, MONTH_COUNTS, GtkWidget)

/* Stories per month as a plain list: the month, a level bar and the count. It stands in
 * for the timeline chart until that widget lands. */
GtkWidget *dash_month_counts_new        (void);
/* Shows the last @n_last points of @points (element-type DashTimelinePoint; NULL for
 * none), oldest first. */
void       dash_month_counts_set_points (DashMonthCounts *self,
                                         GArray          *points,
                                         guint            n_last);
/* How many months are shown. */
guint      dash_month_counts_get_n_rows (DashMonthCounts *self);

G_END_DECLS
