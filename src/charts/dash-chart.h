/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "dash-core.h"

G_BEGIN_DECLS

/* What every chart shares: colours and fonts (DashChartStyle), and where the data came
 * from (DashChartProvenance), written under the chart and into exported files. The
 * charts draw with cairo only, so the widgets, PNG, SVG and PDF export all call the
 * same drawing functions. */

typedef struct {
  double red, green, blue, alpha;
} DashChartColor;

typedef struct {
  DashChartColor foreground;   /* text, axes */
  DashChartColor background;   /* filled behind the chart; alpha 0 leaves it clear */
  gboolean       dark;         /* picks the palette order that reads on dark backgrounds */
  const char    *font_family;  /* NULL for "Cantarell, DejaVu Sans, sans-serif" */
  double         font_size;    /* body text in pixels (points in PDF); 0 for 12 */
  gboolean       show_footer;  /* filters and provenance under the chart */
} DashChartStyle;

typedef struct {
  double x, y, width, height;
} DashChartRect;

void           dash_chart_style_init       (DashChartStyle *style,
                                            gboolean        dark);
/* Colour @index of the Okabe–Ito palette (safe for the common kinds of colour
 * blindness), ordered for @style's background: the low-contrast colours come last. */
DashChartColor dash_chart_style_get_color  (const DashChartStyle *style,
                                            guint                 index);
/* @style's foreground at @alpha, for grid lines and secondary text. */
DashChartColor dash_chart_style_get_muted  (const DashChartStyle *style,
                                            double                alpha);

typedef struct {
  char  *title;        /* "Stories per month" */
  char  *filters;      /* "Topic: ai · From 2025-01-01" or NULL */
  char  *date_range;   /* "2025-01-01 – 2025-06-30" */
  gint64 exported;     /* Unix seconds UTC */
  char  *version;      /* application version */
  char  *fingerprint;  /* "20 stories, last 2025-06-30, 3fa2c1d0" */
} DashChartProvenance;

DashChartProvenance *dash_chart_provenance_new  (void);
/* Filled from @corpus's statistics and @filter (may be NULL), exported now. */
DashChartProvenance *dash_chart_provenance_new_for_corpus (DashCorpus       *corpus,
                                                           const DashFilter *filter,
                                                           const char       *title,
                                                           GError          **error);
DashChartProvenance *dash_chart_provenance_copy (const DashChartProvenance *self);
void                 dash_chart_provenance_free (DashChartProvenance *self);
/* "Topic: ai · Entity: China · Query: … · 2025-01-01 – 2025-03-31", NULL for no filter. */
char                *dash_chart_describe_filter (const DashFilter *filter);
/* The one-line provenance written under charts. */
char                *dash_chart_provenance_to_string (const DashChartProvenance *self);
/* ISO 8601 export time. */
char                *dash_chart_provenance_format_exported (const DashChartProvenance *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DashChartProvenance, dash_chart_provenance_free)

G_END_DECLS
