/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dash-chart.h"
#include "dash-graph-chart.h"
#include "dash-timeline-chart.h"

G_BEGIN_DECLS

/* Charts to PNG, SVG and PDF through cairo surfaces, drawn by the same functions as on
 * screen, with the provenance in the file's metadata: PNG text chunks, an SVG
 * <metadata> element, the PDF document information. The data behind them to CSV and
 * JSON, and the graph to GEXF and GraphML. */

typedef enum {
  DASH_CHART_FORMAT_PNG,
  DASH_CHART_FORMAT_SVG,
  DASH_CHART_FORMAT_PDF,
} DashChartFormat;

typedef enum {
  DASH_DATA_FORMAT_CSV,
  DASH_DATA_FORMAT_JSON,
  DASH_DATA_FORMAT_GEXF,
  DASH_DATA_FORMAT_GRAPHML,
} DashDataFormat;

/* "png", "svg", "pdf"; -1 when unknown. */
int      dash_chart_format_from_string (const char *name);
/* "csv", "json", "gexf", "graphml"; -1 when unknown. */
int      dash_data_format_from_string  (const char *name);

typedef void (*DashChartDrawFunc) (cairo_t              *cr,
                                   double                width,
                                   double                height,
                                   gconstpointer         chart,
                                   const DashChartStyle *style);

/* Renders @chart with @draw into a file's bytes. @width and @height are in pixels for
 * PNG (multiplied by @scale) and in points for SVG and PDF. */
GBytes  *dash_chart_render             (DashChartFormat            format,
                                        double                     width,
                                        double                     height,
                                        double                     scale,
                                        DashChartDrawFunc          draw,
                                        gconstpointer              chart,
                                        const DashChartStyle      *style,
                                        const DashChartProvenance *provenance,
                                        GError                   **error);

GBytes  *dash_timeline_chart_render    (const DashTimelineChart   *chart,
                                        DashChartFormat            format,
                                        double                     width,
                                        double                     height,
                                        double                     scale,
                                        const DashChartStyle      *style,
                                        GError                   **error);
GBytes  *dash_graph_chart_render       (const DashGraphChart      *chart,
                                        DashChartFormat            format,
                                        double                     width,
                                        double                     height,
                                        double                     scale,
                                        const DashChartStyle      *style,
                                        GError                   **error);

/* The data behind the charts; GEXF and GraphML only for the graph. */
char    *dash_timeline_chart_to_data   (const DashTimelineChart   *chart,
                                        DashDataFormat             format,
                                        GError                   **error);
char    *dash_graph_chart_to_data      (const DashGraphChart      *chart,
                                        DashDataFormat             format,
                                        GError                   **error);

/* PNG text chunks: inserts one per @keys / @values pair after the IHDR chunk (tEXt
 * for Latin-1 text, iTXt otherwise). */
GBytes  *dash_png_add_text             (GBytes                    *png,
                                        const char * const        *keys,
                                        const char * const        *values,
                                        GError                   **error);
guint32  dash_crc32                    (guint32                    crc,
                                        const guint8              *data,
                                        gsize                      length);

G_END_DECLS
