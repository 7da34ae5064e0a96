/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The charts: what they draw (pixels of a PNG, elements of an SVG, pages of a PDF), the
 * provenance in the files' metadata, the data exports read back, the force layout, and
 * dashboard-cli's export commands. Stories are made by hand, with their mentions and
 * topics, so the expected counts are known. */

#define _GNU_SOURCE
#include "config.h"

#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <math.h>
#include <string.h>

#include "dash-core.h"
#include "dash-charts.h"
#include "dash-test-stories.h"
#include "dash-test-util.h"

#define DAY (24 * 60 * 60)

/* Fixed so the files are reproducible. */
static DashChartProvenance *
test_provenance (const char *title,
                 const char *filters)
{
  DashChartProvenance *p = dash_chart_provenance_new ();

  p->title = g_strdup (title);
  p->filters = g_strdup (filters);
  p->date_range = g_strdup ("2025-01-01 \u2013 2025-04-30");
  p->exported = 1735689600; /* 2025-01-01T00:00:00Z */
  p->fingerprint = g_strdup ("6 stories, 1 sources, latest 2025-03-20, 0123abcd");
  return p;
}

static gint64
day (const char *iso)
{
  g_autoptr(GDateTime) dt = dash_date_parse (iso);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

/* Months January to April 2025 with 1, 0, 3 and 2 stories. */
static const guint month_counts[] = { 1, 0, 3, 2 };

static DashTimelineChart *
make_timeline (void)
{
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (DashTimelinePoint));
  g_autoptr(DashChartProvenance) provenance = test_provenance ("Stories per month",
                                                               "Topic: trade_war");
  const char *months[] = { "2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01" };
  DashTimelineChart *chart = dash_timeline_chart_new ("Stories per month", DASH_BUCKET_MONTH);

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      DashTimelinePoint point = { day (months[i]), month_counts[i] };
      g_array_append_val (points, point);
    }
  dash_timeline_chart_add_series (chart, "Trade war", points);
  dash_timeline_chart_add_mark (chart, day ("2025-03-03"), day ("2025-03-17"), "Burst \u00d73.0");
  dash_timeline_chart_set_provenance (chart, provenance);
  return chart;
}

typedef struct {
  const guint8 *data;
  gsize         size;
  gsize         offset;
} Reader;

static cairo_status_t
read_bytes_cb (void          *closure,
               unsigned char *data,
               unsigned int   length)
{
  Reader *reader = closure;

  if (reader->offset + length > reader->size)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->data + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *
decode_png (GBytes *bytes)
{
  Reader reader = { g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), 0 };
  cairo_surface_t *surface = cairo_image_surface_create_from_png_stream (read_bytes_cb, &reader);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

/* The colour at (@x, @y), un-premultiplied, 0–255. */
static void
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y,
          int             *r,
          int             *g,
          int             *b)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 argb;
  int a;

  cairo_surface_flush (surface);
  g_assert_cmpint ((int)x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint ((int)y, <, cairo_image_surface_get_height (surface));
  argb = *(const guint32 *)(data + (int)y * stride + 4 * (int)x);
  a = argb >> 24;
  g_assert_cmpint (a, >, 0);
  *r = ((argb >> 16) & 0xff) * 255 / a;
  *g = ((argb >> 8) & 0xff) * 255 / a;
  *b = (argb & 0xff) * 255 / a;
}

static gboolean
pixel_is (cairo_surface_t *surface,
          double           x,
          double           y,
          DashChartColor   color)
{
  int r, g, b;

  pixel_at (surface, x, y, &r, &g, &b);
  return ABS (r - color.red * 255) <= 3 && ABS (g - color.green * 255) <= 3 &&
         ABS (b - color.blue * 255) <= 3;
}

static void
test_timeline_png_bars (void)
{
  g_autoptr(DashTimelineChart) chart = make_timeline ();
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface, *measure;
  cairo_t *cr;
  DashChartStyle style;
  DashChartColor bar_color;
  DashChartRect rects[G_N_ELEMENTS (month_counts)];

  dash_chart_style_init (&style, FALSE);
  bar_color = dash_chart_style_get_color (&style, 0);

  /* Scale 2 doubles the pixels but draws the same chart. */
  png = dash_timeline_chart_render (chart, DASH_CHART_FORMAT_PNG, 640, 360, 2, &style, &error);
  g_assert_no_error (error);
  surface = decode_png (png);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1280);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 720);

  measure = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 360);
  cr = cairo_create (measure);
  for (guint i = 0; i < G_N_ELEMENTS (month_counts); i++)
    g_assert_true (dash_timeline_chart_get_bar (cr, 640, 360, chart, &style, 0, i, &rects[i]));
  g_assert_false (dash_timeline_chart_get_bar (cr, 640, 360, chart, &style, 0, 4, &rects[0]));
  cairo_destroy (cr);
  cairo_surface_destroy (measure);

  /* Bars in time order, heights in proportion to the counts. */
  for (guint i = 1; i < G_N_ELEMENTS (month_counts); i++)
    g_assert_cmpfloat (rects[i].x, >, rects[i - 1].x + rects[i - 1].width);
  g_assert_cmpfloat_with_epsilon (rects[2].height, 3 * rects[0].height, 0.01);
  g_assert_cmpfloat_with_epsilon (rects[3].height, 2 * rects[0].height, 0.01);
  g_assert_cmpfloat (rects[1].height, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (month_counts); i++)
    {
      double cx = 2 * (rects[i].x + rects[i].width / 2);
      double baseline = 2 * (rects[i].y + rects[i].height);

      if (month_counts[i] > 0)
        {
          /* Inside the bar, near its top and near its foot. */
          g_assert_true (pixel_is (surface, cx, 2 * rects[i].y + 4, bar_color));
          g_assert_true (pixel_is (surface, cx, baseline - 4, bar_color));
        }
      else
        g_assert_false (pixel_is (surface, cx, baseline - 4, bar_color));
      /* Above the bar: no bar colour (a grid line or the background). */
      g_assert_false (pixel_is (surface, cx, 2 * rects[i].y - 6, bar_color));
    }
  cairo_surface_destroy (surface);
}

/* A legend name in Arabic or Hebrew starts right after its swatch, as a Latin one does:
 * Pango lays it out right to left, and the chart puts its box where the text is. */
static void
test_timeline_rtl_legend (void)
{
  static const char *names[] = {
    "Trade war", "\u0627\u0644\u0635\u064a\u0646", "\u05d9\u05e9\u05e8\u05d0\u05dc",
  };

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      g_autoptr(DashTimelineChart) chart = make_timeline ();
      g_autoptr(GBytes) png = NULL;
      g_autoptr(GError) error = NULL;
      DashTimelineSeries *series = g_ptr_array_index (chart->series, 0);
      cairo_surface_t *surface;
      DashChartStyle style;
      int swatch_right = -1, swatch_y = -1, text_left = -1, text_right = -1;

      g_free (series->name);
      series->name = g_strdup (names[n]);
      g_clear_pointer (&chart->title, g_free);
      g_array_set_size (chart->marks, 0);
      dash_chart_style_init (&style, FALSE);
      style.show_footer = FALSE;
      png = dash_timeline_chart_render (chart, DASH_CHART_FORMAT_PNG, 640, 200, 1, &style, &error);
      g_assert_no_error (error);
      surface = decode_png (png);

      /* The swatch: the first square of the series' colour near the top left. */
      for (int y = 0; y < 40 && swatch_y < 0; y++)
        for (int x = 0; x < 60; x++)
          if (pixel_is (surface, x, y, dash_chart_style_get_color (&style, 0)))
            {
              swatch_y = y + 4;
              swatch_right = x;
              break;
            }
      g_assert_cmpint (swatch_y, >=, 0);
      while (pixel_is (surface, swatch_right + 1, swatch_y, dash_chart_style_get_color (&style, 0)))
        swatch_right++;

      /* The name: dark pixels on the swatch's rows, to its right. */
      for (int x = swatch_right + 1; x < 640; x++)
        for (int y = swatch_y - 6; y < swatch_y + 8; y++)
          {
            int r, g, b;

            pixel_at (surface, x, y, &r, &g, &b);
            if (r + g + b < 3 * 128)
              {
                if (text_left < 0)
                  text_left = x;
                text_right = x;
              }
          }
      g_assert_cmpint (text_left, >, swatch_right);
      g_assert_cmpint (text_left - swatch_right, <, 12);
      g_assert_cmpint (text_right - text_left, <, 120);
      cairo_surface_destroy (surface);
    }
}

/* Drawn over a span, the chart keeps to the buckets in it; stacked, each series' band
 * sits on the one before. */
static void
test_timeline_range_areas (void)
{
  g_autoptr(DashTimelineChart) chart = make_timeline ();
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (DashTimelinePoint));
  g_autoptr(GArray) bars = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 360);
  cairo_t *cr = cairo_create (surface);
  DashTimelineBar *bar;
  DashChartStyle style;
  DashChartRect plot, below, above;
  gint64 start, end;

  dash_chart_style_init (&style, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (month_counts); i++)
    {
      DashTimelinePoint point = { g_array_index (((DashTimelineSeries *)
                                                   g_ptr_array_index (chart->series, 0))->points,
                                                 DashTimelinePoint, i).start, 2 };
      g_array_append_val (points, point);
    }
  dash_timeline_chart_add_series (chart, "AI", points);

  bars = dash_timeline_chart_get_bars (cr, 640, 360, chart, &style);
  g_assert_cmpuint (bars->len, ==, 2 * G_N_ELEMENTS (month_counts));
  g_clear_pointer (&bars, g_array_unref);

  /* Mid-February to the end of March: February, cut, and March. */
  dash_timeline_chart_set_range (chart, day ("2025-02-15"), day ("2025-04-01"));
  g_assert_true (dash_timeline_chart_get_plot (cr, 640, 360, chart, &style, &plot, &start, &end));
  g_assert_cmpint (start, ==, day ("2025-02-15"));
  g_assert_cmpint (end, ==, day ("2025-04-01"));
  bars = dash_timeline_chart_get_bars (cr, 640, 360, chart, &style);
  g_assert_cmpuint (bars->len, ==, 4);
  bar = &g_array_index (bars, DashTimelineBar, 0);
  g_assert_cmpuint (bar->series, ==, 0);
  g_assert_cmpuint (bar->index, ==, 1);
  g_assert_cmpfloat (bar->rect.x, <, plot.x);
  bar = &g_array_index (bars, DashTimelineBar, 1);
  g_assert_cmpuint (bar->index, ==, 2);
  /* March's 3 stories reach the top of the axis, which the span's counts set. */
  g_assert_cmpfloat_with_epsilon (bar->rect.y, plot.y, 0.01);
  g_clear_pointer (&bars, g_array_unref);

  /* Stacked: in March, 2 over 3, from the baseline up, the stack (5) higher than the
   * bars' top (3) and still inside the plot. */
  dash_timeline_chart_set_style (chart, DASH_TIMELINE_STYLE_AREAS);
  g_assert_true (dash_timeline_chart_get_plot (cr, 640, 360, chart, &style, &plot, NULL, NULL));
  g_assert_true (dash_timeline_chart_get_bar (cr, 640, 360, chart, &style, 0, 2, &below));
  g_assert_true (dash_timeline_chart_get_bar (cr, 640, 360, chart, &style, 1, 2, &above));
  g_assert_cmpfloat_with_epsilon (above.y + above.height, below.y, 0.01);
  g_assert_cmpfloat_with_epsilon (below.height / above.height, 3.0 / 2.0, 0.01);
  g_assert_cmpfloat_with_epsilon (below.y + below.height, plot.y + plot.height, 0.01);
  g_assert_cmpfloat (above.y, >=, plot.y - 0.01);
  g_assert_cmpfloat ((above.height + below.height) / plot.height, >, 3.0 / 5.0);
  /* The band is as wide as the month. */
  g_assert_cmpfloat_with_epsilon (above.width, plot.width * 31.0 / 45.0, 0.5);

  /* Drawn, the bottom band is the first colour (a little of the white shows through). */
  dash_timeline_chart_draw (cr, 640, 360, chart, &style);
  {
    int r, g, b;
    DashChartColor color = dash_chart_style_get_color (&style, 0);

    pixel_at (surface, below.x + below.width / 2, below.y + below.height - 3, &r, &g, &b);
    g_assert_cmpint (ABS (r - (color.red * 0.82 + 0.18) * 255), <=, 3);
    g_assert_cmpint (ABS (b - (color.blue * 0.82 + 0.18) * 255), <=, 3);
  }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_timeline_empty (void)
{
  g_autoptr(DashTimelineChart) chart = dash_timeline_chart_new ("Nothing", DASH_BUCKET_DAY);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;
  DashChartStyle style;

  dash_chart_style_init (&style, TRUE);
  png = dash_timeline_chart_render (chart, DASH_CHART_FORMAT_PNG, 200, 100, 1, &style, &error);
  g_assert_no_error (error);
  g_assert_nonnull (png);

  png = (g_bytes_unref (png), dash_timeline_chart_render (chart, DASH_CHART_FORMAT_PNG, 2, 2, 1,
                                                          &style, &error));
  g_assert_error (error, DASH_ERROR, DASH_ERROR_FAILED);
  g_assert_null (png);
}

/* SVG: count the elements filled with a colour, and read the metadata. */
typedef struct {
  DashChartColor color;
  guint          filled;
  gboolean       in_metadata;
  gboolean       in_title;
  gboolean       has_metadata;
  GString       *dc_title;
  GString       *dc_source;
  GString       *current;
} SvgScan;

static void
svg_start_cb (GMarkupParseContext  *context,
              const char           *element,
              const char          **names,
              const char          **values,
              gpointer              data,
              GError              **error)
{
  SvgScan *scan = data;

  if (g_str_equal (element, "metadata"))
    scan->in_metadata = scan->has_metadata = TRUE;
  if (scan->in_metadata && g_str_equal (element, "dc:title"))
    scan->current = scan->dc_title;
  if (scan->in_metadata && g_str_equal (element, "dc:source"))
    scan->current = scan->dc_source;
  if (!g_str_equal (element, "path") && !g_str_equal (element, "rect"))
    return;
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *fill;
      double r, g, b;

      if (!g_str_equal (names[i], "style") || (fill = strstr (values[i], "fill:rgb(")) == NULL)
        continue;
      if (sscanf (fill, "fill:rgb(%lf%%,%lf%%,%lf%%)", &r, &g, &b) == 3 &&
          fabs (r / 100 - scan->color.red) < 0.01 && fabs (g / 100 - scan->color.green) < 0.01 &&
          fabs (b / 100 - scan->color.blue) < 0.01)
        scan->filled++;
    }
}

static void
svg_end_cb (GMarkupParseContext  *context,
            const char           *element,
            gpointer              data,
            GError              **error)
{
  SvgScan *scan = data;

  if (g_str_equal (element, "metadata"))
    scan->in_metadata = FALSE;
  scan->current = NULL;
}

static void
svg_text_cb (GMarkupParseContext  *context,
             const char           *text,
             gsize                 length,
             gpointer              data,
             GError              **error)
{
  SvgScan *scan = data;

  if (scan->current != NULL)
    g_string_append_len (scan->current, text, length);
}

static void
test_timeline_svg (void)
{
  g_autoptr(DashTimelineChart) chart = make_timeline ();
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  const GMarkupParser parser = { svg_start_cb, svg_end_cb, svg_text_cb, NULL, NULL };
  SvgScan scan = { 0 };
  DashChartStyle style;

  dash_chart_style_init (&style, FALSE);
  svg = dash_timeline_chart_render (chart, DASH_CHART_FORMAT_SVG, 640, 360, 1, &style, &error);
  g_assert_no_error (error);

  scan.color = dash_chart_style_get_color (&style, 0);
  scan.dc_title = g_string_new (NULL);
  scan.dc_source = g_string_new (NULL);
  context = g_markup_parse_context_new (&parser, 0, &scan, NULL);
  g_assert_true (g_markup_parse_context_parse (context, g_bytes_get_data (svg, NULL),
                                               g_bytes_get_size (svg), &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));

  /* Three months with stories, and the legend's swatch. */
  g_assert_cmpuint (scan.filled, ==, 3 + 1);
  g_assert_true (scan.has_metadata);
  g_assert_cmpstr (scan.dc_title->str, ==, "Stories per month");
  g_assert_cmpstr (scan.dc_source->str, ==, "6 stories, 1 sources, latest 2025-03-20, 0123abcd");
  g_string_free (scan.dc_title, TRUE);
  g_string_free (scan.dc_source, TRUE);
}

static guint
count_pdf_pages (GBytes *pdf)
{
  g_autoptr(GRegex) regex = g_regex_new ("/Type\\s*/Page[^s]", G_REGEX_RAW, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  gsize size = g_bytes_get_size (pdf);
  guint n = 0;

  /* The PDF holds binary streams: search every byte, NULs included. */
  g_regex_match_full (regex, g_bytes_get_data (pdf, NULL), size, 0, 0, &match, NULL);
  while (g_match_info_matches (match))
    {
      n++;
      g_match_info_next (match, NULL);
    }
  return n;
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return memmem (data, size, needle, strlen (needle)) != NULL;
}

/* cairo writes PDF strings as literals, or as UTF-16BE in hex when they need it. */
static gboolean
pdf_has_text (GBytes     *pdf,
              const char *text)
{
  g_autoptr(GString) hex = g_string_new (NULL);
  g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (text, -1, NULL, NULL, NULL);

  for (guint i = 0; utf16[i] != 0; i++)
    g_string_append_printf (hex, "%04X", utf16[i]);
  return bytes_contain (pdf, text) || bytes_contain (pdf, hex->str);
}

static void
test_timeline_pdf (void)
{
  g_autoptr(DashTimelineChart) chart = make_timeline ();
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  DashChartStyle style;

  dash_chart_style_init (&style, FALSE);
  pdf = dash_timeline_chart_render (chart, DASH_CHART_FORMAT_PDF, 640, 360, 1, &style, &error);
  g_assert_no_error (error);
  g_assert_true (memcmp (g_bytes_get_data (pdf, NULL), "%PDF-", 5) == 0);
  g_assert_cmpuint (count_pdf_pages (pdf), ==, 1);
  /* The document information. */
  g_assert_true (bytes_contain (pdf, "/Title"));
  g_assert_true (pdf_has_text (pdf, "Stories per month"));
  g_assert_true (pdf_has_text (pdf, "Dashboard " PACKAGE_VERSION));
  g_assert_true (pdf_has_text (pdf, "Topic: trade_war"));
  g_assert_true (pdf_has_text (pdf, "0123abcd"));
}

static void
test_crc32 (void)
{
  g_assert_cmphex (dash_crc32 (0, (const guint8 *)"123456789", 9), ==, 0xcbf43926);
  g_assert_cmphex (dash_crc32 (0, (const guint8 *)"", 0), ==, 0);
}

static void
test_png_text_chunks (void)
{
  g_autoptr(DashTimelineChart) chart = make_timeline ();
  g_autoptr(DashChartProvenance) provenance = test_provenance ("Stories per month",
                                                               "Query: \u201cZ\u00fcrich\u201d");
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const guint8 *data;
  gsize size, offset = 8;
  gboolean saw_ihdr = FALSE, saw_iend = FALSE;
  DashChartStyle style;

  dash_timeline_chart_set_provenance (chart, provenance);
  dash_chart_style_init (&style, FALSE);
  png = dash_timeline_chart_render (chart, DASH_CHART_FORMAT_PNG, 320, 200, 1, &style, &error);
  g_assert_no_error (error);

  /* Walk the chunks: every CRC right, text after IHDR, the image still decodes. */
  data = g_bytes_get_data (png, &size);
  while (offset + 12 <= size)
    {
      guint32 length = GUINT32_FROM_BE (*(const guint32 *)(data + offset));
      const char *type = (const char *)data + offset + 4;
      guint32 crc;

      g_assert_cmpuint (offset + 12 + length, <=, size);
      crc = GUINT32_FROM_BE (*(const guint32 *)(data + offset + 8 + length));
      g_assert_cmphex (crc, ==, dash_crc32 (0, data + offset + 4, length + 4));
      if (memcmp (type, "IHDR", 4) == 0)
        saw_ihdr = TRUE;
      if (memcmp (type, "IEND", 4) == 0)
        saw_iend = TRUE;
      if (memcmp (type, "tEXt", 4) == 0 || memcmp (type, "iTXt", 4) == 0)
        {
          const char *key = type + 4;
          gsize key_length = strlen (key);
          const char *value = key + key_length + 1;

          g_assert_true (saw_ihdr);
          if (type[0] == 'i')
            value += 4;   /* flags, method, empty language and translated key */
          g_hash_table_insert (texts, g_strdup (key),
                               g_strndup (value, type + 4 + length - value));
        }
      offset += 12 + length;
    }
  g_assert_true (saw_iend);
  g_assert_cmpstr (g_hash_table_lookup (texts, "Title"), ==, "Stories per month");
  g_assert_cmpstr (g_hash_table_lookup (texts, "Description"), ==,
                   "Query: \u201cZ\u00fcrich\u201d");
  g_assert_cmpstr (g_hash_table_lookup (texts, "Creation Time"), ==, "2025-01-01T00:00:00Z");
  g_assert_true (g_str_has_prefix (g_hash_table_lookup (texts, "Software"),
                                   "Dashboard " PACKAGE_VERSION));
  g_assert_cmpstr (g_hash_table_lookup (texts, "Source"), ==,
                   "6 stories, 1 sources, latest 2025-03-20, 0123abcd");
  cairo_surface_destroy (decode_png (png));
}

static void
test_timeline_data (void)
{
  g_autoptr(DashTimelineChart) chart = make_timeline ();
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  g_autofree char *gexf = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *points;

  csv = dash_timeline_chart_to_data (chart, DASH_DATA_FORMAT_CSV, &error);
  g_assert_no_error (error);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "series,start,end,count");
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + G_N_ELEMENTS (month_counts) + 1);
  g_assert_cmpstr (lines[1], ==, "Trade war,2025-01-01,2025-02-01,1");
  for (guint i = 0; i < G_N_ELEMENTS (month_counts); i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[1 + i], ",", -1);

      g_assert_cmpuint (g_ascii_strtoull (fields[3], NULL, 10), ==, month_counts[i]);
    }

  json = dash_timeline_chart_to_data (chart, DASH_DATA_FORMAT_JSON, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "bucket"), ==, "month");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root,
                                                                                 "provenance"),
                                                  "exported"), ==, "2025-01-01T00:00:00Z");
  points = json_object_get_array_member (
    json_array_get_object_element (json_object_get_array_member (root, "series"), 0), "points");
  g_assert_cmpuint (json_array_get_length (points), ==, G_N_ELEMENTS (month_counts));
  for (guint i = 0; i < G_N_ELEMENTS (month_counts); i++)
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (points, i),
                                                 "count"), ==, month_counts[i]);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "bursts")), ==, 1);

  gexf = dash_timeline_chart_to_data (chart, DASH_DATA_FORMAT_GEXF, &error);
  g_assert_error (error, DASH_ERROR, DASH_ERROR_FAILED);
  g_assert_null (gexf);
}

/* The sample stories made by hand (dash-test-stories.h). */

typedef struct {
  char       *dir;
  char       *path;
  DashCorpus *corpus;
  guint       n;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  guint added = 0;

  f->dir = dash_test_make_tmp_dir ("dash-charts");
  f->path = g_build_filename (f->dir, "corpus.db", NULL);
  f->corpus = dash_corpus_open (f->path, &error);
  g_assert_no_error (error);

  dash_test_add_sample_stories (articles, &f->n);
  g_assert_true (dash_corpus_add_articles (f->corpus, articles, &added, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, articles->len);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->corpus);
  dash_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static DashGraph *
fixture_graph (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  DashGraph *graph = dash_corpus_graph (f->corpus, NULL, 50, 1, DASH_COOCCURRENCE_STORY, &error);

  g_assert_no_error (error);
  g_assert_nonnull (graph);
  g_assert_cmpuint (graph->nodes->len, ==, 8);
  return graph;
}

static DashGraphChart *
fixture_graph_chart (Fixture   *f,
                     DashGraph *graph)
{
  g_autoptr(DashForceLayout) layout = dash_force_layout_new_for_graph (graph, 7);
  g_autoptr(DashChartProvenance) provenance = NULL;
  g_autoptr(GError) error = NULL;
  DashGraphChart *chart;

  dash_force_layout_run (layout, 500);
  provenance = dash_chart_provenance_new_for_corpus (f->corpus, NULL, "Who appears with whom",
                                                     &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (provenance->fingerprint, "6 stories, 1 sources"));
  g_assert_cmpstr (provenance->version, ==, PACKAGE_VERSION);
  chart = dash_graph_chart_new ("Who appears with whom", graph,
                                dash_force_layout_get_positions (layout));
  dash_graph_chart_set_provenance (chart, provenance);
  return chart;
}

static void
test_graph_png_nodes (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DashGraph) graph = fixture_graph (f);
  g_autoptr(DashGraphChart) chart = fixture_graph_chart (f, graph);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface, *measure;
  cairo_t *cr;
  DashChartStyle style;

  for (guint mode = 0; mode < 2; mode++)
    {
      dash_chart_style_init (&style, mode == 1);
      chart->color_by = mode == 0 ? DASH_GRAPH_COLOR_COMMUNITY : DASH_GRAPH_COLOR_TYPE;
      png = dash_graph_chart_render (chart, DASH_CHART_FORMAT_PNG, 500, 400, 1, &style, &error);
      g_assert_no_error (error);
      surface = decode_png (png);
      g_clear_pointer (&png, g_bytes_unref);
      g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 500);

      measure = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 500, 400);
      cr = cairo_create (measure);
      for (guint i = 0; i < graph->nodes->len; i++)
        {
          double x, y, r;

          g_assert_true (dash_graph_chart_get_node (cr, 500, 400, chart, &style, i, &x, &y, &r));
          g_assert_cmpfloat (r, >=, 2.5);
          g_assert_cmpfloat (x - r, >=, 0);
          g_assert_cmpfloat (x + r, <=, 500);
          /* The node's own colour at its centre (nodes here do not overlap). */
          g_assert_true (pixel_is (surface, x, y, dash_graph_chart_get_node_color (chart, &style,
                                                                                   i)));
        }
      cairo_destroy (cr);
      cairo_surface_destroy (measure);
      cairo_surface_destroy (surface);
    }

  /* China, Russia and Ukraine are countries, so the same colour by type... */
  {
    DashChartColor a = dash_graph_chart_get_node_color (chart, &style, 0);
    guint countries = 0;

    for (guint i = 0; i < graph->nodes->len; i++)
      {
        DashGraphNode *node = g_ptr_array_index (graph->nodes, i);
        DashChartColor c = dash_graph_chart_get_node_color (chart, &style, i);

        if (node->type == ((DashGraphNode *)g_ptr_array_index (graph->nodes, 0))->type)
          {
            g_assert_cmpfloat (c.red, ==, a.red);
            countries++;
          }
      }
    g_assert_cmpuint (countries, >=, 2);
  }
}

static void
test_graph_formats (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DashGraph) graph = fixture_graph (f);
  g_autoptr(DashGraphChart) chart = fixture_graph_chart (f, graph);
  DashChartStyle style;

  dash_chart_style_init (&style, FALSE);
  for (int format = DASH_CHART_FORMAT_PNG; format <= DASH_CHART_FORMAT_PDF; format++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = dash_graph_chart_render (chart, format, 400, 300, 1, &style,
                                                         &error);

      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (bytes), >, 100);
      if (format == DASH_CHART_FORMAT_SVG)
        g_assert_true (bytes_contain (bytes, "<metadata>"));
      if (format == DASH_CHART_FORMAT_PDF)
        g_assert_cmpuint (count_pdf_pages (bytes), ==, 1);
    }
}

static xmlXPathObject *
xpath (xmlDoc     *doc,
       const char *ns_prefix,
       const char *ns,
       const char *expression)
{
  xmlXPathContext *context = xmlXPathNewContext (doc);
  xmlXPathObject *result;

  xmlXPathRegisterNs (context, (const xmlChar *)ns_prefix, (const xmlChar *)ns);
  result = xmlXPathEvalExpression ((const xmlChar *)expression, context);
  xmlXPathFreeContext (context);
  g_assert_nonnull (result);
  return result;
}

static guint
xpath_count (xmlDoc     *doc,
             const char *prefix,
             const char *ns,
             const char *expression)
{
  xmlXPathObject *result = xpath (doc, prefix, ns, expression);
  guint n = result->nodesetval != NULL ? result->nodesetval->nodeNr : 0;

  xmlXPathFreeObject (result);
  return n;
}

static char *
xpath_string (xmlDoc     *doc,
              const char *prefix,
              const char *ns,
              const char *expression)
{
  xmlXPathObject *result = xpath (doc, prefix, ns, expression);
  char *text = g_strdup ((const char *)result->stringval);

  xmlXPathFreeObject (result);
  return text;
}

static void
test_graph_data (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(DashGraph) graph = fixture_graph (f);
  g_autoptr(DashGraphChart) chart = fixture_graph_chart (f, graph);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = dash_graph_chart_to_data (chart, DASH_DATA_FORMAT_JSON, &error);
  g_autofree char *csv = dash_graph_chart_to_data (chart, DASH_DATA_FORMAT_CSV, &error);
  g_autofree char *gexf = dash_graph_chart_to_data (chart, DASH_DATA_FORMAT_GEXF, &error);
  g_autofree char *graphml = dash_graph_chart_to_data (chart, DASH_DATA_FORMAT_GRAPHML, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) lines = NULL;
  JsonArray *nodes, *edges;
  xmlDoc *doc;

  g_assert_no_error (error);

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  nodes = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "nodes");
  edges = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "edges");
  g_assert_cmpuint (json_array_get_length (nodes), ==, graph->nodes->len);
  g_assert_cmpuint (json_array_get_length (edges), ==, graph->edges->len);
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      DashGraphNode *node = g_ptr_array_index (graph->nodes, i);
      JsonObject *o = json_array_get_object_element (nodes, i);

      g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, node->name);
      g_assert_cmpint (json_object_get_int_member (o, "mentions"), ==, node->mentions);
      g_assert_cmpfloat (json_object_get_double_member (o, "x"), ==, chart->positions[2 * i]);
    }
  for (guint i = 0; i < graph->edges->len; i++)
    {
      const DashGraphEdge *edge = &g_array_index (graph->edges, DashGraphEdge, i);
      JsonObject *o = json_array_get_object_element (edges, i);

      g_assert_cmpint (json_object_get_int_member (o, "source"), ==, edge->source);
      g_assert_cmpint (json_object_get_int_member (o, "weight"), ==, edge->weight);
    }

  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + graph->edges->len + 1);

  doc = xmlReadMemory (gexf, strlen (gexf), "graph.gexf", NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  g_assert_cmpuint (xpath_count (doc, "g", "http://gexf.net/1.3", "//g:node"), ==,
                    graph->nodes->len);
  g_assert_cmpuint (xpath_count (doc, "g", "http://gexf.net/1.3", "//g:edge"), ==,
                    graph->edges->len);
  for (guint i = 0; i < graph->edges->len; i++)
    {
      const DashGraphEdge *edge = &g_array_index (graph->edges, DashGraphEdge, i);
      DashGraphNode *source = g_ptr_array_index (graph->nodes, edge->source);
      g_autofree char *expr = g_strdup_printf ("string(//g:edge[@id='%u']/@weight)", i);
      g_autofree char *weight = xpath_string (doc, "g", "http://gexf.net/1.3", expr);
      g_autofree char *expr2 = g_strdup_printf (
        "string(//g:node[@id=string(//g:edge[@id='%u']/@source)]/@label)", i);
      g_autofree char *label = xpath_string (doc, "g", "http://gexf.net/1.3", expr2);

      g_assert_cmpuint (g_ascii_strtoull (weight, NULL, 10), ==, edge->weight);
      g_assert_cmpstr (label, ==, source->name);
    }
  xmlFreeDoc (doc);

  doc = xmlReadMemory (graphml, strlen (graphml), "graph.graphml", NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  g_assert_cmpuint (xpath_count (doc, "g", "http://graphml.graphdrawing.org/xmlns", "//g:node"),
                    ==, graph->nodes->len);
  g_assert_cmpuint (xpath_count (doc, "g", "http://graphml.graphdrawing.org/xmlns", "//g:edge"),
                    ==, graph->edges->len);
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      DashGraphNode *node = g_ptr_array_index (graph->nodes, i);
      g_autofree char *expr = g_strdup_printf (
        "string(//g:node[@id='n%u']/g:data[@key='label'])", i);
      g_autofree char *label = xpath_string (doc, "g", "http://graphml.graphdrawing.org/xmlns",
                                             expr);

      g_assert_cmpstr (label, ==, node->name);
    }
  xmlFreeDoc (doc);
}

/* The force layout. */

/* A graph of @n nodes in @groups rings with a few links across, and some isolated. */
static GArray *
make_edges (guint n,
            guint groups)
{
  GArray *edges = g_array_new (FALSE, TRUE, sizeof (DashGraphEdge));
  guint per = n / groups;

  for (guint g = 0; g < groups; g++)
    for (guint k = 0; k < per; k++)
      {
        DashGraphEdge e = { g * per + k, g * per + (k + 1) % per, 1 + k % 3, 0 };
        DashGraphEdge chord = { g * per + k, g * per + (k + per / 2) % per, 1, 0 };

        if (g * per + k >= n - 3)
          continue;   /* the last nodes stay isolated */
        if (e.target < n - 3)
          g_array_append_val (edges, e);
        if (k % 4 == 0 && chord.target < n - 3 && chord.target != chord.source)
          g_array_append_val (edges, chord);
      }
  for (guint g = 1; g < groups; g++)
    {
      DashGraphEdge e = { 0, g * per, 1, 0 };
      g_array_append_val (edges, e);
    }
  return edges;
}

static void
assert_finite (DashForceLayout *layout)
{
  const double *xy = dash_force_layout_get_positions (layout);

  for (guint i = 0; i < 2 * dash_force_layout_get_n_nodes (layout); i++)
    g_assert_true (isfinite (xy[i]));
}

static double
min_distance (DashForceLayout *layout)
{
  const double *xy = dash_force_layout_get_positions (layout);
  guint n = dash_force_layout_get_n_nodes (layout);
  double best = G_MAXDOUBLE;

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      best = MIN (best, hypot (xy[2 * i] - xy[2 * j], xy[2 * i + 1] - xy[2 * j + 1]));
  return best;
}

static void
test_layout_deterministic (void)
{
  g_autoptr(GArray) edges = make_edges (120, 3);
  g_autoptr(DashForceLayout) a = dash_force_layout_new (120, (DashGraphEdge *)edges->data,
                                                        edges->len, 42);
  g_autoptr(DashForceLayout) b = dash_force_layout_new (120, (DashGraphEdge *)edges->data,
                                                        edges->len, 42);
  g_autoptr(DashForceLayout) c = dash_force_layout_new (120, (DashGraphEdge *)edges->data,
                                                        edges->len, 43);

  dash_force_layout_run (a, 300);
  dash_force_layout_run (b, 300);
  dash_force_layout_run (c, 300);
  g_assert_true (memcmp (dash_force_layout_get_positions (a), dash_force_layout_get_positions (b),
                         sizeof (double) * 240) == 0);
  g_assert_false (memcmp (dash_force_layout_get_positions (a), dash_force_layout_get_positions (c),
                          sizeof (double) * 240) == 0);
}

static void
test_layout_energy (gconstpointer data)
{
  double theta = *(const double *)data;
  guint n = theta > 0 ? 400 : 60;
  g_autoptr(GArray) edges = make_edges (n, 4);
  g_autoptr(DashForceLayout) layout = dash_force_layout_new (n, (DashGraphEdge *)edges->data,
                                                             edges->len, 1);
  double before, after;
  guint steps;

  dash_force_layout_set_theta (layout, theta);
  before = dash_force_layout_get_energy (layout);
  steps = dash_force_layout_run (layout, 2000);
  after = dash_force_layout_get_energy (layout);
  g_test_message ("theta %.1f: energy %.1f -> %.1f in %u steps", theta, before, after, steps);

  g_assert_cmpfloat (after, <, before);
  /* It settles and stops. */
  g_assert_cmpuint (steps, <, 2000);
  g_assert_false (dash_force_layout_step (layout));
  assert_finite (layout);
  /* Nodes stand apart (the ideal edge length is 1). */
  g_assert_cmpfloat (min_distance (layout), >, 0.1);
}

static void
test_layout_degenerate (void)
{
  g_autoptr(GArray) edges = make_edges (80, 2);
  g_autoptr(DashForceLayout) layout = dash_force_layout_new (80, (DashGraphEdge *)edges->data,
                                                             edges->len, 3);
  g_autofree double *zeros = g_new0 (double, 160);
  g_autoptr(DashForceLayout) empty = dash_force_layout_new (0, NULL, 0, 1);
  g_autoptr(DashForceLayout) one = dash_force_layout_new (1, NULL, 0, 1);

  /* Every node at the same place: still pulls apart, without NaN. */
  dash_force_layout_set_positions (layout, zeros);
  dash_force_layout_set_theta (layout, 0.8);
  dash_force_layout_run (layout, 1000);
  assert_finite (layout);
  g_assert_cmpfloat (min_distance (layout), >, 0.05);

  g_assert_false (dash_force_layout_step (empty));
  dash_force_layout_run (one, 100);
  assert_finite (one);
}

/* dashboard-cli's export commands on a database made here, compared with its JSON. */

static char *
run_cli (int         *status,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  const char *cli = g_getenv ("DASH_CLI");
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *)cli);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, status, &error));
  g_assert_no_error (error);
  return out;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  return json_node_copy (json_parser_get_root (parser));
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  return text;
}

static void
test_cli_export (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *graph_json = NULL;
  g_autofree char *timeline_json = NULL;
  g_autofree char *file = g_build_filename (f->dir, "export", NULL);
  g_autoptr(JsonNode) cli_graph = NULL;
  g_autoptr(JsonNode) exported = NULL;
  g_autoptr(JsonNode) cli_timeline = NULL;
  JsonArray *a, *b;
  int status;

  if (g_getenv ("DASH_CLI") == NULL)
    {
      g_test_skip ("DASH_CLI is not set");
      return;
    }
  g_clear_object (&f->corpus);   /* let the command line have the database */

  /* The graph: export-data json holds the same nodes and edges as graph --json. */
  graph_json = run_cli (&status, "--db", f->path, "graph", "--json", NULL);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  out = run_cli (&status, "--db", f->path, "export-data", "graph", "--format", "json",
                 "--output", file, NULL);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  cli_graph = parse_json (graph_json);
  {
    g_autofree char *text = read_file (file);
    exported = parse_json (text);
  }
  for (guint k = 0; k < 2; k++)
    {
      const char *member = k == 0 ? "nodes" : "edges";

      a = json_object_get_array_member (json_node_get_object (cli_graph), member);
      b = json_object_get_array_member (json_node_get_object (exported), member);
      g_assert_cmpuint (json_array_get_length (a), ==, json_array_get_length (b));
      g_assert_cmpuint (json_array_get_length (a), >, 0);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonObject *x = json_array_get_object_element (a, i);
          JsonObject *y = json_array_get_object_element (b, i);
          const char *key = k == 0 ? "name" : "weight";

          if (k == 0)
            g_assert_cmpstr (json_object_get_string_member (x, key), ==,
                             json_object_get_string_member (y, key));
          else
            g_assert_cmpint (json_object_get_int_member (x, key), ==,
                             json_object_get_int_member (y, key));
        }
    }

  /* The timeline: export-data csv holds the counts of timeline --json. */
  timeline_json = run_cli (&status, "--db", f->path, "timeline", "--by", "week", "--json", NULL);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  cli_timeline = parse_json (timeline_json);
  g_free (run_cli (&status, "--db", f->path, "export-data", "timeline", "--by", "week",
                   "--format", "csv", "--output", file, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  {
    g_autofree char *csv = read_file (file);
    g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);

    a = json_node_get_array (cli_timeline);
    g_assert_cmpuint (g_strv_length (lines), ==, json_array_get_length (a) + 2);
    for (guint i = 0; i < json_array_get_length (a); i++)
      {
        JsonObject *point = json_array_get_object_element (a, i);
        g_autofree char *expected = g_strdup_printf (
          ",%s,", json_object_get_string_member (point, "start"));
        g_auto(GStrv) fields = g_strsplit (lines[i + 1], ",", -1);

        g_assert_nonnull (strstr (lines[i + 1], expected));
        g_assert_cmpint (g_ascii_strtoll (fields[3], NULL, 10), ==,
                         json_object_get_int_member (point, "count"));
      }
  }

  /* Every chart format, and errors: a usage error exits 1. */
  for (guint c = 0; c < 2; c++)
    for (guint k = 0; k < 3; k++)
      {
        const char *formats[] = { "png", "svg", "pdf" };
        g_autofree char *text = NULL;
        gsize length = 0;

        g_free (run_cli (&status, "--db", f->path, "export-chart", c == 0 ? "timeline" : "graph",
                         "--format", formats[k], "--width", "400", "--height", "300",
                         "--output", file, NULL));
        g_assert_true (g_spawn_check_wait_status (status, NULL));
        g_assert_true (g_file_get_contents (file, &text, &length, NULL));
        g_assert_cmpuint (length, >, 100);
      }
  g_free (run_cli (&status, "--db", f->path, "export-chart", "timeline", "--format", "gif",
                   "--output", file, NULL));
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 1);
  g_free (run_cli (&status, "--db", f->path, "export-data", "timeline", "--format", "gexf",
                   "--output", file, NULL));
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 1);
  g_free (run_cli (&status, "--db", f->path, "export-chart", "graph", "--format", "png", NULL));
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 1);
}

int
main (int   argc,
      char *argv[])
{
  static const double exact = 0, barnes_hut = 0.8;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/charts/timeline/png-bars", test_timeline_png_bars);
  g_test_add_func ("/charts/timeline/empty", test_timeline_empty);
  g_test_add_func ("/charts/timeline/rtl-legend", test_timeline_rtl_legend);
  g_test_add_func ("/charts/timeline/range-areas", test_timeline_range_areas);
  g_test_add_func ("/charts/timeline/svg", test_timeline_svg);
  g_test_add_func ("/charts/timeline/pdf", test_timeline_pdf);
  g_test_add_func ("/charts/timeline/data", test_timeline_data);
  g_test_add_func ("/charts/png/crc32", test_crc32);
  g_test_add_func ("/charts/png/text-chunks", test_png_text_chunks);
  g_test_add ("/charts/graph/png-nodes", Fixture, NULL, fixture_set_up, test_graph_png_nodes,
              fixture_tear_down);
  g_test_add ("/charts/graph/formats", Fixture, NULL, fixture_set_up, test_graph_formats,
              fixture_tear_down);
  g_test_add ("/charts/graph/data", Fixture, NULL, fixture_set_up, test_graph_data,
              fixture_tear_down);
  g_test_add_func ("/graph/layout/deterministic", test_layout_deterministic);
  g_test_add_data_func ("/graph/layout/energy/exact", &exact, test_layout_energy);
  g_test_add_data_func ("/graph/layout/energy/barnes-hut", &barnes_hut, test_layout_energy);
  g_test_add_func ("/graph/layout/degenerate", test_layout_degenerate);
  g_test_add ("/charts/cli/export", Fixture, NULL, fixture_set_up, test_cli_export,
              fixture_tear_down);

  return g_test_run ();
}
