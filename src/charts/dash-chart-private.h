/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "dash-chart.h"

G_BEGIN_DECLS

typedef enum {
  DASH_CHART_TEXT_BODY,
  DASH_CHART_TEXT_SMALL,
  DASH_CHART_TEXT_TITLE,
} DashChartTextKind;

PangoLayout *_dash_chart_layout_text   (cairo_t              *cr,
                                        const DashChartStyle *style,
                                        DashChartTextKind     kind,
                                        const char           *text);
void         _dash_chart_set_color     (cairo_t              *cr,
                                        DashChartColor        color);
void         _dash_chart_fill_background (cairo_t            *cr,
                                        const DashChartStyle *style,
                                        double                width,
                                        double                height);
/* Draws the title at the top, returns the height it takes. */
double       _dash_chart_draw_title    (cairo_t              *cr,
                                        const DashChartStyle *style,
                                        double                width,
                                        const char           *title);
/* Draws the filters and provenance at the bottom, returns the height they take. */
double       _dash_chart_draw_footer   (cairo_t              *cr,
                                        const DashChartStyle *style,
                                        double                width,
                                        double                height,
                                        const DashChartProvenance *provenance);

typedef struct {
  char           *label;
  DashChartColor  color;
  gboolean        round;   /* a dot rather than a square */
} DashChartLegendItem;

/* Shows @layout with its logical box's left edge at (@x, @y), whatever the direction
 * of its text. */
void         _dash_chart_show_layout_at (cairo_t              *cr,
                                        PangoLayout          *layout,
                                        double                x,
                                        double                y);
/* Lays out @items (DashChartLegendItem) in rows across @width from @y; draws them
 * when @draw is set. Returns the height they take. */
double       _dash_chart_draw_legend   (cairo_t              *cr,
                                        const DashChartStyle *style,
                                        double                x,
                                        double                y,
                                        double                width,
                                        const DashChartLegendItem *items,
                                        guint                 n_items,
                                        gboolean              draw);

G_END_DECLS
