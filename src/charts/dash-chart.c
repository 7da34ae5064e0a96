/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "dash-chart-private.h"

#define DEFAULT_FONT "Cantarell, DejaVu Sans, sans-serif"

/* Okabe & Ito (2008), "Color Universal Design". On a light background the yellow and
 * sky blue have little contrast, so they come last; on a dark one the deep blue does. */
static const guint32 palette_light[] = {
  0x0072B2, 0xE69F00, 0x009E73, 0xD55E00, 0xCC79A7, 0x56B4E9, 0xF0E442,
};
static const guint32 palette_dark[] = {
  0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0xCC79A7, 0xD55E00, 0x4C9BE0,
};

void
dash_chart_style_init (DashChartStyle *style,
                       gboolean        dark)
{
  g_return_if_fail (style != NULL);

  *style = (DashChartStyle) { 0 };
  style->dark = dark;
  if (dark)
    {
      style->foreground = (DashChartColor) { 1, 1, 1, 1 };
      style->background = (DashChartColor) { 0.14, 0.14, 0.15, 1 };
    }
  else
    {
      style->foreground = (DashChartColor) { 0.12, 0.12, 0.14, 1 };
      style->background = (DashChartColor) { 1, 1, 1, 1 };
    }
  style->font_size = 12;
  style->show_footer = TRUE;
}

DashChartColor
dash_chart_style_get_color (const DashChartStyle *style,
                            guint                 index)
{
  const guint32 *palette = style != NULL && style->dark ? palette_dark : palette_light;
  guint n = G_N_ELEMENTS (palette_light);
  guint32 rgb = palette[index % n];
  DashChartColor color = {
    ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0, 1
  };

  /* Past the seven colours, repeat them mixed towards the background so that
   * neighbouring communities still differ. */
  if (index >= n && style != NULL)
    {
      double t = (index / n) % 2 == 1 ? 0.45 : 0.25;

      color.red += (style->background.red - color.red) * t;
      color.green += (style->background.green - color.green) * t;
      color.blue += (style->background.blue - color.blue) * t;
    }
  return color;
}

DashChartColor
dash_chart_style_get_muted (const DashChartStyle *style,
                            double                alpha)
{
  DashChartColor color = style->foreground;

  color.alpha *= alpha;
  return color;
}

DashChartProvenance *
dash_chart_provenance_new (void)
{
  DashChartProvenance *self = g_new0 (DashChartProvenance, 1);

  self->exported = g_get_real_time () / G_USEC_PER_SEC;
  self->version = g_strdup (PACKAGE_VERSION);
  return self;
}

DashChartProvenance *
dash_chart_provenance_copy (const DashChartProvenance *self)
{
  DashChartProvenance *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (DashChartProvenance, 1);
  copy->title = g_strdup (self->title);
  copy->filters = g_strdup (self->filters);
  copy->date_range = g_strdup (self->date_range);
  copy->exported = self->exported;
  copy->version = g_strdup (self->version);
  copy->fingerprint = g_strdup (self->fingerprint);
  return copy;
}

void
dash_chart_provenance_free (DashChartProvenance *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->filters);
  g_free (self->date_range);
  g_free (self->version);
  g_free (self->fingerprint);
  g_free (self);
}

static char *
format_day (gint64 time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("?");
}

char *
dash_chart_describe_filter (const DashFilter *filter)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (filter == NULL)
    return NULL;
  if (filter->topic != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("Topic: %s"), filter->topic));
  if (filter->entity != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("Entity: %s"), filter->entity));
  if (filter->source != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("Source: %s"), filter->source));
  if (filter->query != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("Query: \u201c%s\u201d"), filter->query));
  if (filter->from != 0)
    {
      g_autofree char *day = format_day (filter->from);
      g_ptr_array_add (parts, g_strdup_printf (_("From %s"), day));
    }
  if (filter->to != 0)
    {
      /* The bound is exclusive: name the last day included. */
      g_autofree char *day = format_day (filter->to - 1);
      g_ptr_array_add (parts, g_strdup_printf (_("To %s"), day));
    }
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" \u00b7 ", (char **)parts->pdata);
}

DashChartProvenance *
dash_chart_provenance_new_for_corpus (DashCorpus       *corpus,
                                      const DashFilter *filter,
                                      const char       *title,
                                      GError          **error)
{
  g_autoptr(DashChartProvenance) self = dash_chart_provenance_new ();
  g_autofree char *key = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *last = NULL;
  DashCorpusStats stats;
  gint64 from, to;

  g_return_val_if_fail (DASH_IS_CORPUS (corpus), NULL);

  if (!dash_corpus_get_stats (corpus, &stats, error))
    return NULL;

  self->title = g_strdup (title);
  self->filters = dash_chart_describe_filter (filter);

  from = filter != NULL && filter->from != 0 ? filter->from : stats.first;
  to = filter != NULL && filter->to != 0 ? filter->to - 1 : stats.last;
  if (from != 0 && to != 0)
    {
      g_autofree char *a = format_day (from);
      g_autofree char *b = format_day (to);

      self->date_range = g_strdup_printf ("%s \u2013 %s", a, b);
    }

  /* Enough to tell two corpora apart and to notice that one grew since. */
  key = g_strdup_printf ("%u|%u|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT,
                         stats.articles, stats.sources, stats.first, stats.last);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  hash[8] = '\0';
  last = stats.last != 0 ? format_day (stats.last) : g_strdup ("\u2014");
  self->fingerprint = g_strdup_printf ("%u stories, %u sources, latest %s, %s",
                                       stats.articles, stats.sources, last, hash);
  return g_steal_pointer (&self);
}

char *
dash_chart_provenance_format_exported (const DashChartProvenance *self)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (self->exported);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("?");
}

char *
dash_chart_provenance_to_string (const DashChartProvenance *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->date_range != NULL)
    g_string_append_printf (text, "%s \u00b7 ", self->date_range);
  if (self->fingerprint != NULL)
    g_string_append_printf (text, "Corpus: %s \u00b7 ", self->fingerprint);
  dt = g_date_time_new_from_unix_utc (self->exported);
  if (dt != NULL)
    {
      g_autofree char *when = g_date_time_format (dt, "%Y-%m-%d %H:%M UTC");
      g_string_append_printf (text, "Exported %s \u00b7 ", when);
    }
  g_string_append_printf (text, "Dashboard %s", self->version ? self->version : PACKAGE_VERSION);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Drawing helpers shared by the charts. */

void
_dash_chart_set_color (cairo_t        *cr,
                       DashChartColor  color)
{
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha);
}

void
_dash_chart_fill_background (cairo_t              *cr,
                             const DashChartStyle *style,
                             double                width,
                             double                height)
{
  if (style->background.alpha <= 0)
    return;
  cairo_save (cr);
  _dash_chart_set_color (cr, style->background);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cairo_restore (cr);
}

PangoLayout *
_dash_chart_layout_text (cairo_t              *cr,
                         const DashChartStyle *style,
                         DashChartTextKind     kind,
                         const char           *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) desc = NULL;
  double size = style->font_size > 0 ? style->font_size : 12;

  desc = pango_font_description_from_string (style->font_family ? style->font_family
                                                                : DEFAULT_FONT);
  switch (kind)
    {
    case DASH_CHART_TEXT_TITLE:
      size *= 1.4;
      pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
      break;
    case DASH_CHART_TEXT_SMALL:
      size *= 0.85;
      break;
    case DASH_CHART_TEXT_BODY:
    default:
      break;
    }
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

double
_dash_chart_draw_title (cairo_t              *cr,
                        const DashChartStyle *style,
                        double                width,
                        const char           *title)
{
  g_autoptr(PangoLayout) layout = NULL;
  double pad = (style->font_size > 0 ? style->font_size : 12);
  int w, h;

  if (title == NULL || *title == '\0')
    return pad;
  layout = _dash_chart_layout_text (cr, style, DASH_CHART_TEXT_TITLE, title);
  pango_layout_set_width (layout, (int)((width - 2 * pad) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_save (cr);
  _dash_chart_set_color (cr, style->foreground);
  cairo_move_to (cr, pad, pad);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  return pad + h + pad * 0.5;
}

double
_dash_chart_draw_footer (cairo_t                   *cr,
                         const DashChartStyle      *style,
                         double                     width,
                         double                     height,
                         const DashChartProvenance *provenance)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *line = NULL;
  double pad = (style->font_size > 0 ? style->font_size : 12);
  int w, h;

  if (!style->show_footer || provenance == NULL)
    return pad;

  g_string_append (text, provenance->filters != NULL ? provenance->filters : _("All stories"));
  line = dash_chart_provenance_to_string (provenance);
  g_string_append_printf (text, "\n%s", line);

  layout = _dash_chart_layout_text (cr, style, DASH_CHART_TEXT_SMALL, text->str);
  pango_layout_set_width (layout, (int)((width - 2 * pad) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_save (cr);
  _dash_chart_set_color (cr, dash_chart_style_get_muted (style, 0.7));
  cairo_move_to (cr, pad, height - pad * 0.75 - h);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  return h + pad * 1.5;
}

/* Shows @layout with its logical box's left edge at (@x, @y). A layout given a width
 * puts a right-to-left paragraph (an Arabic or Hebrew name) at the right of that width;
 * its logical box says where the text really starts. */
void
_dash_chart_show_layout_at (cairo_t     *cr,
                            PangoLayout *layout,
                            double       x,
                            double       y)
{
  PangoRectangle logical;

  pango_layout_get_pixel_extents (layout, NULL, &logical);
  cairo_move_to (cr, x - logical.x, y);
  pango_cairo_show_layout (cr, layout);
}

/* The legend in rows across @width from (@x0, @y0); drawn when @draw is set. Returns the
 * height it takes. Each name stands right after its swatch, whatever its direction. */
double
_dash_chart_draw_legend (cairo_t                   *cr,
                         const DashChartStyle      *style,
                         double                     x0,
                         double                     y0,
                         double                     width,
                         const DashChartLegendItem *items,
                         guint                      n_items,
                         gboolean                   draw)
{
  double size = style->font_size > 0 ? style->font_size : 12;
  double swatch = size * 0.8;
  double gap = size * 1.2;
  double x = x0, y = y0, row_height = 0;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PangoLayout) layout = _dash_chart_layout_text (cr, style, DASH_CHART_TEXT_BODY,
                                                               items[i].label);
      double item_width;
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      if (w > width - swatch - size)
        {
          /* Only a name too long for the row gets a width, to be ellipsized. */
          pango_layout_set_width (layout, (int)((width - swatch - size) * PANGO_SCALE));
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
          pango_layout_get_pixel_size (layout, &w, &h);
        }
      item_width = swatch + size * 0.4 + w;
      if (x > x0 && x + item_width > x0 + width)
        {
          x = x0;
          y += row_height + size * 0.3;
          row_height = 0;
        }
      row_height = MAX (row_height, h);
      if (draw)
        {
          cairo_save (cr);
          _dash_chart_set_color (cr, items[i].color);
          if (items[i].round)
            cairo_arc (cr, x + swatch / 2, y + h / 2.0, swatch / 2, 0, 2 * G_PI);
          else
            cairo_rectangle (cr, x, y + (h - swatch) / 2, swatch, swatch);
          cairo_fill (cr);
          _dash_chart_set_color (cr, style->foreground);
          _dash_chart_show_layout_at (cr, layout, x + swatch + size * 0.4, y);
          cairo_restore (cr);
        }
      x += item_width + gap;
    }
  return n_items > 0 ? y + row_height - y0 : 0;
}
