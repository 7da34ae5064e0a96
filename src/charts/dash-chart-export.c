/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-chart-export"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "dash-chart-export.h"

/* The index of @name (any case) in @names, in the order of the enum; -1 when unknown. */
static int
name_index (const char         *name,
            const char * const *names,
            guint               n_names)
{
  for (guint i = 0; name != NULL && i < n_names; i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return i;
  return -1;
}

int
dash_chart_format_from_string (const char *name)
{
  static const char * const names[] = {
    [DASH_CHART_FORMAT_PNG] = "png",
    [DASH_CHART_FORMAT_SVG] = "svg",
    [DASH_CHART_FORMAT_PDF] = "pdf",
  };

  return name_index (name, names, G_N_ELEMENTS (names));
}

int
dash_data_format_from_string (const char *name)
{
  static const char * const names[] = {
    [DASH_DATA_FORMAT_CSV] = "csv",
    [DASH_DATA_FORMAT_JSON] = "json",
    [DASH_DATA_FORMAT_GEXF] = "gexf",
    [DASH_DATA_FORMAT_GRAPHML] = "graphml",
  };

  return name_index (name, names, G_N_ELEMENTS (names));
}

/* CRC-32 as PNG uses it (ISO 3309, reflected, polynomial 0xedb88320). */
guint32
dash_crc32 (guint32       crc,
            const guint8 *data,
            gsize         length)
{
  static guint32 table[256];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint32 n = 0; n < 256; n++)
        {
          guint32 c = n;

          for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
          table[n] = c;
        }
      g_once_init_leave (&initialized, 1);
    }

  crc ^= 0xffffffffu;
  for (gsize i = 0; i < length; i++)
    crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
  return crc ^ 0xffffffffu;
}

static void
append_be32 (GByteArray *array,
             guint32     value)
{
  guint8 bytes[4] = { value >> 24, value >> 16, value >> 8, value };

  g_byte_array_append (array, bytes, 4);
}

static gboolean
is_latin1_printable (const char *text)
{
  /* Plain ASCII is the same in Latin-1; keep anything else for iTXt. */
  for (const guchar *p = (const guchar *)text; *p; p++)
    if (*p >= 0x80 || (*p < 0x20 && *p != '\n'))
      return FALSE;
  return TRUE;
}

GBytes *
dash_png_add_text (GBytes             *png,
                   const char * const *keys,
                   const char * const *values,
                   GError            **error)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr(GByteArray) out = NULL;
  const guint8 *data;
  gsize size, ihdr_end;

  g_return_val_if_fail (png != NULL, NULL);

  data = g_bytes_get_data (png, &size);
  if (size < 33 || memcmp (data, signature, 8) != 0 || memcmp (data + 12, "IHDR", 4) != 0)
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_FORMAT, "Not a PNG image");
      return NULL;
    }
  ihdr_end = 8 + 12 + (((gsize)data[8] << 24) | (data[9] << 16) | (data[10] << 8) | data[11]);
  if (ihdr_end > size)
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_MALFORMED, "Truncated PNG image");
      return NULL;
    }

  out = g_byte_array_sized_new (size + 1024);
  g_byte_array_append (out, data, ihdr_end);
  for (guint i = 0; keys[i] != NULL && values[i] != NULL; i++)
    {
      g_autoptr(GByteArray) chunk = g_byte_array_new ();
      gsize key_length = MIN (strlen (keys[i]), 79);
      gboolean latin1 = is_latin1_printable (values[i]);

      g_byte_array_append (chunk, (const guint8 *)(latin1 ? "tEXt" : "iTXt"), 4);
      g_byte_array_append (chunk, (const guint8 *)keys[i], key_length);
      g_byte_array_append (chunk, (const guint8 *)"", 1);
      if (!latin1)
        /* Not compressed, compression method 0, no language tag, no translated key. */
        g_byte_array_append (chunk, (const guint8 *)"\0\0\0\0", 4);
      g_byte_array_append (chunk, (const guint8 *)values[i], strlen (values[i]));

      append_be32 (out, chunk->len - 4);
      g_byte_array_append (out, chunk->data, chunk->len);
      append_be32 (out, dash_crc32 (0, chunk->data, chunk->len));
    }
  g_byte_array_append (out, data + ihdr_end, size - ihdr_end);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static cairo_status_t
write_to_byte_array (void                *closure,
                     const unsigned char *data,
                     unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static char *
software_name (const DashChartProvenance *provenance)
{
  return g_strdup_printf ("Dashboard %s (%s)",
                          provenance != NULL && provenance->version ? provenance->version
                                                                    : PACKAGE_VERSION,
                          APP_ID);
}

static GBytes *
add_svg_metadata (GByteArray                *svg,
                  const DashChartProvenance *provenance,
                  GError                   **error)
{
  g_autoptr(GString) text = NULL;
  g_autoptr(GString) meta = g_string_new (NULL);
  g_autofree char *software = software_name (provenance);
  g_autofree char *exported = NULL;
  const char *start, *end;

  text = g_string_new_len ((const char *)svg->data, svg->len);
  start = strstr (text->str, "<svg");
  end = start != NULL ? strchr (start, '>') : NULL;
  if (end == NULL)
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_FAILED, "cairo wrote no SVG element");
      return NULL;
    }

#define ESC(s) g_markup_printf_escaped ("%s", (s) != NULL ? (s) : "")
  if (provenance != NULL)
    {
      g_autofree char *title = ESC (provenance->title);
      g_autofree char *filters = ESC (provenance->filters != NULL ? provenance->filters
                                                                  : "All stories");
      g_autofree char *range = ESC (provenance->date_range);
      g_autofree char *fingerprint = ESC (provenance->fingerprint);
      g_autofree char *soft = ESC (software);
      g_autofree char *line = dash_chart_provenance_to_string (provenance);
      g_autofree char *line_escaped = ESC (line);

      exported = dash_chart_provenance_format_exported (provenance);
      g_string_append_printf (meta,
        "\n<title>%s</title>\n<desc>%s. %s</desc>\n"
        "<metadata>\n"
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
        " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
        " xmlns:dash=\"https://example.org/dashboard/provenance#\">\n"
        "<rdf:Description rdf:about=\"\">\n"
        "<dc:title>%s</dc:title>\n"
        "<dc:description>%s</dc:description>\n"
        "<dc:date>%s</dc:date>\n"
        "<dc:creator>%s</dc:creator>\n"
        "<dc:source>%s</dc:source>\n"
        "<dc:coverage>%s</dc:coverage>\n"
        "<dash:filters>%s</dash:filters>\n"
        "<dash:exported>%s</dash:exported>\n"
        "<dash:version>%s</dash:version>\n"
        "<dash:fingerprint>%s</dash:fingerprint>\n"
        "</rdf:Description>\n</rdf:RDF>\n</metadata>",
        title, filters, line_escaped, title, filters, exported, soft, fingerprint, range,
        filters, exported, provenance->version ? provenance->version : PACKAGE_VERSION,
        fingerprint);
    }
#undef ESC
  g_string_insert (text, end - text->str + 1, meta->str);
  {
    gsize length = text->len;

    return g_bytes_new_take (g_string_free (g_steal_pointer (&text), FALSE), length);
  }
}

GBytes *
dash_chart_render (DashChartFormat            format,
                   double                     width,
                   double                     height,
                   double                     scale,
                   DashChartDrawFunc          draw,
                   gconstpointer              chart,
                   const DashChartStyle      *style,
                   const DashChartProvenance *provenance,
                   GError                   **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (draw != NULL, NULL);
  g_return_val_if_fail (style != NULL, NULL);

  if (!(width >= 16 && height >= 16 && width <= 20000 && height <= 20000))
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_FAILED,
                   "Chart size %.0f × %.0f is out of range (16 to 20000)", width, height);
      return NULL;
    }
  if (!(scale > 0) || width * scale > 32000 || height * scale > 32000)
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_FAILED, "Scale %.2f is out of range", scale);
      return NULL;
    }

  switch (format)
    {
    case DASH_CHART_FORMAT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int)ceil (width * scale),
                                            (int)ceil (height * scale));
      break;
    case DASH_CHART_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (write_to_byte_array, bytes, width, height);
      break;
    case DASH_CHART_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (write_to_byte_array, bytes, width, height);
      if (provenance != NULL)
        {
          g_autofree char *software = software_name (provenance);
          g_autofree char *exported = dash_chart_provenance_format_exported (provenance);
          g_autofree char *keywords = g_strdup_printf ("%s; %s",
                                                       provenance->date_range ?: "",
                                                       provenance->fingerprint ?: "");

          if (provenance->title != NULL)
            cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                            provenance->title);
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT,
                                          provenance->filters ?: "All stories");
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, keywords);
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, software);
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, exported);
        }
      break;
    default:
      g_set_error (error, DASH_ERROR, DASH_ERROR_FAILED, "Unknown chart format");
      return NULL;
    }

  cr = cairo_create (surface);
  if (format == DASH_CHART_FORMAT_PNG)
    cairo_scale (cr, scale, scale);
  draw (cr, width, height, chart, style);
  if (format != DASH_CHART_FORMAT_PNG)
    cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == DASH_CHART_FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, write_to_byte_array, bytes);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_FAILED, "Could not draw the chart: %s",
                   cairo_status_to_string (status));
      return NULL;
    }

  if (format == DASH_CHART_FORMAT_SVG)
    return add_svg_metadata (bytes, provenance, error);
  if (format == DASH_CHART_FORMAT_PNG && provenance != NULL)
    {
      g_autoptr(GBytes) png = g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
      g_autofree char *software = software_name (provenance);
      g_autofree char *exported = dash_chart_provenance_format_exported (provenance);
      g_autofree char *line = dash_chart_provenance_to_string (provenance);
      const char *keys[] = { "Title", "Description", "Creation Time", "Software", "Source",
                             "Comment", NULL };
      const char *values[] = { provenance->title ?: "", provenance->filters ?: "All stories",
                               exported, software, provenance->fingerprint ?: "", line, NULL };

      return dash_png_add_text (png, keys, values, error);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static void
draw_timeline (cairo_t              *cr,
               double                width,
               double                height,
               gconstpointer         chart,
               const DashChartStyle *style)
{
  dash_timeline_chart_draw (cr, width, height, chart, style);
}

static void
draw_graph (cairo_t              *cr,
            double                width,
            double                height,
            gconstpointer         chart,
            const DashChartStyle *style)
{
  dash_graph_chart_draw (cr, width, height, chart, style);
}

GBytes *
dash_timeline_chart_render (const DashTimelineChart *chart,
                            DashChartFormat          format,
                            double                   width,
                            double                   height,
                            double                   scale,
                            const DashChartStyle    *style,
                            GError                 **error)
{
  g_return_val_if_fail (chart != NULL, NULL);
  return dash_chart_render (format, width, height, scale, draw_timeline, chart, style,
                            chart->provenance, error);
}

GBytes *
dash_graph_chart_render (const DashGraphChart *chart,
                         DashChartFormat       format,
                         double                width,
                         double                height,
                         double                scale,
                         const DashChartStyle *style,
                         GError              **error)
{
  g_return_val_if_fail (chart != NULL, NULL);
  return dash_chart_render (format, width, height, scale, draw_graph, chart, style,
                            chart->provenance, error);
}

/* Data. */

static char *
format_day (gint64 time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("?");
}

static char *
format_double (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    return g_strdup ("0");
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.6g", value));
}

static void
append_escaped (GString    *out,
                const char *format,
                ...) G_GNUC_PRINTF (2, 3);

static void
append_escaped (GString    *out,
                const char *format,
                ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_markup_vprintf_escaped (format, args);
  va_end (args);
  g_string_append (out, text);
}

static void
csv_field (GString    *out,
           const char *text)
{
  if (text == NULL)
    return;
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
add_provenance_json (JsonBuilder               *builder,
                     const DashChartProvenance *provenance)
{
  g_autofree char *exported = NULL;

  json_builder_set_member_name (builder, "provenance");
  if (provenance == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  exported = dash_chart_provenance_format_exported (provenance);
  json_builder_begin_object (builder);
#define STR(name, value) \
  json_builder_set_member_name (builder, name); \
  if ((value) != NULL) json_builder_add_string_value (builder, value); \
  else json_builder_add_null_value (builder);
  STR ("title", provenance->title);
  STR ("filters", provenance->filters);
  STR ("date_range", provenance->date_range);
  STR ("exported", exported);
  STR ("version", provenance->version);
  STR ("corpus", provenance->fingerprint);
#undef STR
  json_builder_end_object (builder);
}

static char *
builder_to_string (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

char *
dash_timeline_chart_to_data (const DashTimelineChart *chart,
                             DashDataFormat           format,
                             GError                 **error)
{
  g_return_val_if_fail (chart != NULL, NULL);

  if (format == DASH_DATA_FORMAT_CSV)
    {
      GString *out = g_string_new ("series,start,end,count\r\n");

      for (guint s = 0; s < chart->series->len; s++)
        {
          DashTimelineSeries *series = g_ptr_array_index (chart->series, s);

          for (guint i = 0; i < series->points->len; i++)
            {
              const DashTimelinePoint *p = &g_array_index (series->points, DashTimelinePoint, i);
              g_autofree char *start = format_day (p->start);
              g_autofree char *end = format_day (dash_bucket_next (chart->bucket, p->start));

              csv_field (out, series->name);
              g_string_append_printf (out, ",%s,%s,%u\r\n", start, end, p->count);
            }
        }
      return g_string_free (out, FALSE);
    }
  if (format == DASH_DATA_FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, chart->title ?: "");
      json_builder_set_member_name (builder, "bucket");
      json_builder_add_string_value (builder, dash_bucket_to_string (chart->bucket));
      add_provenance_json (builder, chart->provenance);
      json_builder_set_member_name (builder, "series");
      json_builder_begin_array (builder);
      for (guint s = 0; s < chart->series->len; s++)
        {
          DashTimelineSeries *series = g_ptr_array_index (chart->series, s);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, series->name);
          json_builder_set_member_name (builder, "points");
          json_builder_begin_array (builder);
          for (guint i = 0; i < series->points->len; i++)
            {
              const DashTimelinePoint *p = &g_array_index (series->points, DashTimelinePoint, i);
              g_autofree char *start = format_day (p->start);

              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "start");
              json_builder_add_string_value (builder, start);
              json_builder_set_member_name (builder, "count");
              json_builder_add_int_value (builder, p->count);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "bursts");
      json_builder_begin_array (builder);
      for (guint i = 0; i < chart->marks->len; i++)
        {
          const DashTimelineMark *mark = &g_array_index (chart->marks, DashTimelineMark, i);
          g_autofree char *start = format_day (mark->start);
          g_autofree char *end = format_day (mark->end);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "start");
          json_builder_add_string_value (builder, start);
          json_builder_set_member_name (builder, "end");
          json_builder_add_string_value (builder, end);
          json_builder_set_member_name (builder, "label");
          json_builder_add_string_value (builder, mark->label ?: "");
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      return builder_to_string (builder);
    }

  g_set_error (error, DASH_ERROR, DASH_ERROR_FAILED,
               "A timeline exports to CSV or JSON; GEXF and GraphML are for the graph");
  return NULL;
}

static char *
graph_json (const DashGraphChart *chart)
{
  const DashGraph *graph = chart->graph;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, chart->title ?: "");
  add_provenance_json (builder, chart->provenance);
  dash_graph_to_json (graph, builder, chart->positions);
  json_builder_end_object (builder);
  return builder_to_string (builder);
}

static char *
graph_gexf (const DashGraphChart *chart)
{
  const DashGraph *graph = chart->graph;
  const DashChartProvenance *p = chart->provenance;
  GString *out = g_string_new (NULL);
  g_autofree char *software = software_name (p);
  g_autofree char *day = format_day (p != NULL ? p->exported : g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *line = p != NULL ? dash_chart_provenance_to_string (p) : NULL;
  DashChartStyle style;
  guint max_mentions = 1;

  dash_chart_style_init (&style, FALSE);
  for (guint i = 0; i < graph->nodes->len; i++)
    max_mentions = MAX (max_mentions, ((DashGraphNode *)g_ptr_array_index (graph->nodes, i))->mentions);

  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\""
                        " version=\"1.3\">\n");
  append_escaped (out, "  <meta lastmodifieddate=\"%s\">\n"
                                  "    <creator>%s</creator>\n"
                                  "    <description>%s. %s</description>\n"
                                  "  </meta>\n", day, software,
                                  p != NULL && p->filters ? p->filters : "All stories",
                                  line ?: "");
  g_string_append (out,
    "  <graph defaultedgetype=\"undirected\" mode=\"static\">\n"
    "    <attributes class=\"node\">\n"
    "      <attribute id=\"type\" title=\"type\" type=\"string\"/>\n"
    "      <attribute id=\"articles\" title=\"articles\" type=\"integer\"/>\n"
    "      <attribute id=\"mentions\" title=\"mentions\" type=\"integer\"/>\n"
    "      <attribute id=\"degree\" title=\"degree\" type=\"integer\"/>\n"
    "      <attribute id=\"pagerank\" title=\"pagerank\" type=\"double\"/>\n"
    "      <attribute id=\"community\" title=\"community\" type=\"integer\"/>\n"
    "    </attributes>\n"
    "    <attributes class=\"edge\">\n"
    "      <attribute id=\"pmi\" title=\"pmi\" type=\"double\"/>\n"
    "    </attributes>\n"
    "    <nodes>\n");
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      DashGraphNode *node = g_ptr_array_index (graph->nodes, i);
      DashChartColor color = dash_graph_chart_get_node_color (chart, &style, i);
      g_autofree char *pagerank = format_double (node->pagerank);
      g_autofree char *x = format_double (chart->positions[2 * i] * 100);
      g_autofree char *y = format_double (-chart->positions[2 * i + 1] * 100);
      g_autofree char *size = format_double (4 + 16 * sqrt ((double)node->mentions / max_mentions));

      append_escaped (out,
        "      <node id=\"%u\" label=\"%s\">\n"
        "        <attvalues>\n"
        "          <attvalue for=\"type\" value=\"%s\"/>\n"
        "          <attvalue for=\"articles\" value=\"%u\"/>\n"
        "          <attvalue for=\"mentions\" value=\"%u\"/>\n"
        "          <attvalue for=\"degree\" value=\"%u\"/>\n"
        "          <attvalue for=\"pagerank\" value=\"%s\"/>\n"
        "          <attvalue for=\"community\" value=\"%d\"/>\n"
        "        </attvalues>\n"
        "        <viz:size value=\"%s\"/>\n"
        "        <viz:position x=\"%s\" y=\"%s\" z=\"0\"/>\n"
        "        <viz:color r=\"%d\" g=\"%d\" b=\"%d\"/>\n"
        "      </node>\n",
        i, node->name, dash_entity_type_to_string (node->type), node->articles, node->mentions,
        node->degree, pagerank, node->community, size, x, y,
        (int)round (color.red * 255), (int)round (color.green * 255),
        (int)round (color.blue * 255));
    }
  g_string_append (out, "    </nodes>\n    <edges>\n");
  for (guint i = 0; i < graph->edges->len; i++)
    {
      const DashGraphEdge *edge = &g_array_index (graph->edges, DashGraphEdge, i);
      g_autofree char *pmi = format_double (edge->pmi);

      g_string_append_printf (out,
        "      <edge id=\"%u\" source=\"%u\" target=\"%u\" weight=\"%u\">\n"
        "        <attvalues><attvalue for=\"pmi\" value=\"%s\"/></attvalues>\n"
        "      </edge>\n", i, edge->source, edge->target, edge->weight, pmi);
    }
  g_string_append (out, "    </edges>\n  </graph>\n</gexf>\n");
  return g_string_free (out, FALSE);
}

static char *
graph_graphml (const DashGraphChart *chart)
{
  const DashGraph *graph = chart->graph;
  const DashChartProvenance *p = chart->provenance;
  GString *out = g_string_new (NULL);
  g_autofree char *line = p != NULL ? dash_chart_provenance_to_string (p) : NULL;

  g_string_append (out,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\""
    " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
    " xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns"
    " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
  append_escaped (out, "  <desc>%s. %s</desc>\n",
                                  p != NULL && p->filters ? p->filters : "All stories",
                                  line ?: "");
  g_string_append (out,
    "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
    "  <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
    "  <key id=\"articles\" for=\"node\" attr.name=\"articles\" attr.type=\"int\"/>\n"
    "  <key id=\"mentions\" for=\"node\" attr.name=\"mentions\" attr.type=\"int\"/>\n"
    "  <key id=\"degree\" for=\"node\" attr.name=\"degree\" attr.type=\"int\"/>\n"
    "  <key id=\"pagerank\" for=\"node\" attr.name=\"pagerank\" attr.type=\"double\"/>\n"
    "  <key id=\"community\" for=\"node\" attr.name=\"community\" attr.type=\"int\"/>\n"
    "  <key id=\"x\" for=\"node\" attr.name=\"x\" attr.type=\"double\"/>\n"
    "  <key id=\"y\" for=\"node\" attr.name=\"y\" attr.type=\"double\"/>\n"
    "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"int\"/>\n"
    "  <key id=\"pmi\" for=\"edge\" attr.name=\"pmi\" attr.type=\"double\"/>\n"
    "  <graph id=\"entities\" edgedefault=\"undirected\">\n");
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      DashGraphNode *node = g_ptr_array_index (graph->nodes, i);
      g_autofree char *pagerank = format_double (node->pagerank);
      g_autofree char *x = format_double (chart->positions[2 * i]);
      g_autofree char *y = format_double (chart->positions[2 * i + 1]);

      append_escaped (out,
        "    <node id=\"n%u\">\n"
        "      <data key=\"label\">%s</data>\n"
        "      <data key=\"type\">%s</data>\n"
        "      <data key=\"articles\">%u</data>\n"
        "      <data key=\"mentions\">%u</data>\n"
        "      <data key=\"degree\">%u</data>\n"
        "      <data key=\"pagerank\">%s</data>\n"
        "      <data key=\"community\">%d</data>\n"
        "      <data key=\"x\">%s</data>\n"
        "      <data key=\"y\">%s</data>\n"
        "    </node>\n",
        i, node->name, dash_entity_type_to_string (node->type), node->articles, node->mentions,
        node->degree, pagerank, node->community, x, y);
    }
  for (guint i = 0; i < graph->edges->len; i++)
    {
      const DashGraphEdge *edge = &g_array_index (graph->edges, DashGraphEdge, i);
      g_autofree char *pmi = format_double (edge->pmi);

      g_string_append_printf (out,
        "    <edge id=\"e%u\" source=\"n%u\" target=\"n%u\">\n"
        "      <data key=\"weight\">%u</data>\n"
        "      <data key=\"pmi\">%s</data>\n"
        "    </edge>\n", i, edge->source, edge->target, edge->weight, pmi);
    }
  g_string_append (out, "  </graph>\n</graphml>\n");
  return g_string_free (out, FALSE);
}

char *
dash_graph_chart_to_data (const DashGraphChart *chart,
                          DashDataFormat        format,
                          GError              **error)
{
  g_return_val_if_fail (chart != NULL, NULL);

  switch (format)
    {
    case DASH_DATA_FORMAT_CSV:
      {
        /* An edge table, as Gephi and spreadsheets read it. */
        GString *out = g_string_new ("source,target,weight,pmi,source_type,target_type\r\n");

        for (guint i = 0; i < chart->graph->edges->len; i++)
          {
            const DashGraphEdge *edge = &g_array_index (chart->graph->edges, DashGraphEdge, i);
            DashGraphNode *a = g_ptr_array_index (chart->graph->nodes, edge->source);
            DashGraphNode *b = g_ptr_array_index (chart->graph->nodes, edge->target);
            g_autofree char *pmi = format_double (edge->pmi);

            csv_field (out, a->name);
            g_string_append_c (out, ',');
            csv_field (out, b->name);
            g_string_append_printf (out, ",%u,%s,%s,%s\r\n", edge->weight, pmi,
                                    dash_entity_type_to_string (a->type),
                                    dash_entity_type_to_string (b->type));
          }
        return g_string_free (out, FALSE);
      }
    case DASH_DATA_FORMAT_JSON:
      return graph_json (chart);
    case DASH_DATA_FORMAT_GEXF:
      return graph_gexf (chart);
    case DASH_DATA_FORMAT_GRAPHML:
      return graph_graphml (chart);
    default:
      g_set_error (error, DASH_ERROR, DASH_ERROR_FAILED, "Unknown data format");
      return NULL;
    }
}
