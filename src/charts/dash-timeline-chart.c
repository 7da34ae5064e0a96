/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-timeline-chart"

#include "config.h"

#include <glib/gi18n.h>

#include <math.h>

#include "dash-timeline-chart.h"
#include "dash-chart-private.h"

#define DAY (24 * 60 * 60)

static void
series_clear (gpointer data)
{
  DashTimelineSeries *series = data;

  g_free (series->name);
  g_clear_pointer (&series->points, g_array_unref);
  g_free (series);
}

static void
mark_clear (gpointer data)
{
  DashTimelineMark *mark = data;

  g_clear_pointer (&mark->label, g_free);
}

DashTimelineChart *
dash_timeline_chart_new (const char *title,
                         DashBucket  bucket)
{
  DashTimelineChart *chart = g_new0 (DashTimelineChart, 1);

  chart->title = g_strdup (title);
  chart->bucket = bucket;
  chart->series = g_ptr_array_new_with_free_func (series_clear);
  chart->marks = g_array_new (FALSE, TRUE, sizeof (DashTimelineMark));
  g_array_set_clear_func (chart->marks, mark_clear);
  return chart;
}

void
dash_timeline_chart_free (DashTimelineChart *chart)
{
  if (chart == NULL)
    return;
  g_free (chart->title);
  g_ptr_array_unref (chart->series);
  g_array_unref (chart->marks);
  dash_chart_provenance_free (chart->provenance);
  g_free (chart);
}

void
dash_timeline_chart_add_series (DashTimelineChart *chart,
                                const char        *name,
                                GArray            *points)
{
  DashTimelineSeries *series;

  g_return_if_fail (chart != NULL);
  g_return_if_fail (points != NULL);

  series = g_new0 (DashTimelineSeries, 1);
  series->name = g_strdup (name != NULL ? name : _("Stories"));
  series->points = g_array_sized_new (FALSE, FALSE, sizeof (DashTimelinePoint), points->len);
  g_array_append_vals (series->points, points->data, points->len);
  g_ptr_array_add (chart->series, series);
}

void
dash_timeline_chart_add_mark (DashTimelineChart *chart,
                              gint64             start,
                              gint64             end,
                              const char        *label)
{
  DashTimelineMark mark = { start, end, g_strdup (label) };

  g_return_if_fail (chart != NULL);
  g_array_append_val (chart->marks, mark);
}

void
dash_timeline_chart_set_provenance (DashTimelineChart         *chart,
                                    const DashChartProvenance *provenance)
{
  g_return_if_fail (chart != NULL);

  g_clear_pointer (&chart->provenance, dash_chart_provenance_free);
  if (provenance != NULL)
    chart->provenance = dash_chart_provenance_copy (provenance);
}

const char *
dash_bucket_to_string (DashBucket bucket)
{
  static const char *names[] = { "day", "week", "month", "quarter", "year" };

  return (guint)bucket < G_N_ELEMENTS (names) ? names[bucket] : "month";
}

static GDateTime *
date_at (gint64 time)
{
  return g_date_time_new_from_unix_utc (time);
}

static gint64
add_months (gint64 time,
            int    months)
{
  g_autoptr(GDateTime) dt = date_at (time);
  g_autoptr(GDateTime) next = dt != NULL ? g_date_time_add_months (dt, months) : NULL;

  return next != NULL ? g_date_time_to_unix (next) : time + months * 31 * DAY;
}

gint64
dash_bucket_next (DashBucket bucket,
                  gint64     start)
{
  switch (bucket)
    {
    case DASH_BUCKET_DAY:
      return start + DAY;
    case DASH_BUCKET_WEEK:
      return start + 7 * DAY;
    case DASH_BUCKET_MONTH:
      return add_months (start, 1);
    case DASH_BUCKET_QUARTER:
      return add_months (start, 3);
    case DASH_BUCKET_YEAR:
    default:
      return add_months (start, 12);
    }
}

DashBucket
dash_bucket_for_span (gint64 from,
                      gint64 to)
{
  gint64 days = (to - from) / DAY;

  if (days <= 45)
    return DASH_BUCKET_DAY;
  if (days <= 270)
    return DASH_BUCKET_WEEK;
  if (days <= 5 * 366)
    return DASH_BUCKET_MONTH;
  if (days <= 15 * 366)
    return DASH_BUCKET_QUARTER;
  return DASH_BUCKET_YEAR;
}

/* Calendar units for the ticks of the time axis, finest first. */
typedef enum { UNIT_DAY, UNIT_WEEK, UNIT_MONTH, UNIT_YEAR } Unit;

typedef struct {
  Unit unit;
  int  step;
} TickUnit;

static const TickUnit tick_units[] = {
  { UNIT_DAY, 1 }, { UNIT_DAY, 2 }, { UNIT_WEEK, 1 }, { UNIT_WEEK, 2 },
  { UNIT_MONTH, 1 }, { UNIT_MONTH, 2 }, { UNIT_MONTH, 3 }, { UNIT_MONTH, 6 },
  { UNIT_YEAR, 1 }, { UNIT_YEAR, 2 }, { UNIT_YEAR, 5 }, { UNIT_YEAR, 10 },
  { UNIT_YEAR, 25 }, { UNIT_YEAR, 50 }, { UNIT_YEAR, 100 },
};

/* The first tick boundary at or after @time. */
static gint64
tick_first (const TickUnit *unit,
            gint64          time)
{
  g_autoptr(GDateTime) dt = date_at (time);
  int y, m, d;
  gint64 t;

  if (dt == NULL)
    return time;
  g_date_time_get_ymd (dt, &y, &m, &d);
  switch (unit->unit)
    {
    case UNIT_DAY:
      t = time - (((time % DAY) + DAY) % DAY);
      if (t < time)
        t += DAY;
      return t;
    case UNIT_WEEK:
      {
        /* 1970-01-05 was a Monday. */
        gint64 monday = 4 * DAY;
        gint64 week = 7 * DAY * unit->step;

        t = monday + ((time - monday) / week) * week;
        while (t < time)
          t += week;
        return t;
      }
    case UNIT_MONTH:
      {
        g_autoptr(GDateTime) first = g_date_time_new_utc (y, m - ((m - 1) % unit->step), 1,
                                                          0, 0, 0);
        t = g_date_time_to_unix (first);
        while (t < time)
          t = add_months (t, unit->step);
        return t;
      }
    case UNIT_YEAR:
    default:
      {
        g_autoptr(GDateTime) first = g_date_time_new_utc (MAX (1, y - (y % unit->step)), 1, 1,
                                                          0, 0, 0);
        t = first != NULL ? g_date_time_to_unix (first) : time;
        while (t < time)
          t = add_months (t, 12 * unit->step);
        return t;
      }
    }
}

static gint64
tick_next (const TickUnit *unit,
           gint64          time)
{
  switch (unit->unit)
    {
    case UNIT_DAY:
      return time + DAY * unit->step;
    case UNIT_WEEK:
      return time + 7 * DAY * unit->step;
    case UNIT_MONTH:
      return add_months (time, unit->step);
    case UNIT_YEAR:
    default:
      return add_months (time, 12 * unit->step);
    }
}

/* The tick's label: a first line, and a second (the month or year) shown where it
 * changes, so that every label stays short. */
static void
tick_labels (const TickUnit *unit,
             gint64          time,
             gint64          previous,
             char          **first,
             char          **second)
{
  g_autoptr(GDateTime) dt = date_at (time);
  g_autoptr(GDateTime) prev = previous != G_MININT64 ? date_at (previous) : NULL;
  gboolean new_year = prev == NULL || g_date_time_get_year (prev) != g_date_time_get_year (dt);

  *second = NULL;
  switch (unit->unit)
    {
    case UNIT_DAY:
    case UNIT_WEEK:
      *first = g_date_time_format (dt, "%-d %b");
      if (new_year)
        *second = g_date_time_format (dt, "%Y");
      break;
    case UNIT_MONTH:
      *first = g_date_time_format (dt, "%b");
      if (new_year)
        *second = g_date_time_format (dt, "%Y");
      break;
    case UNIT_YEAR:
    default:
      *first = g_date_time_format (dt, "%Y");
      break;
    }
}

static guint
unit_min_index (DashBucket bucket)
{
  switch (bucket)
    {
    case DASH_BUCKET_DAY:
      return 0;
    case DASH_BUCKET_WEEK:
      return 2;
    case DASH_BUCKET_MONTH:
      return 4;
    case DASH_BUCKET_QUARTER:
      return 6;
    case DASH_BUCKET_YEAR:
    default:
      return 8;
    }
}

/* Where everything stands, computed the same way for drawing and for hit tests. */
typedef struct {
  double   size;          /* body font size */
  double   title_height;
  double   legend_y;
  double   legend_height;
  double   footer_height;
  double   x0, y0, x1, y1;   /* the plot area; y1 is the baseline */
  gint64   t0, t1;
  double   top;           /* value at y0 */
  double   step;          /* between value ticks */
  gboolean has_marks;
  const TickUnit *ticks;
  guint    n_series;
  GArray  *legend;        /* DashChartLegendItem */
} Geometry;

static void
legend_item_clear (gpointer data)
{
  DashChartLegendItem *item = data;

  g_free (item->label);
}

static void
geometry_clear (Geometry *g)
{
  g_clear_pointer (&g->legend, g_array_unref);
}

static double
nice_step (double range,
           int    n_ticks)
{
  double raw = range / MAX (n_ticks, 1);
  double magnitude = pow (10, floor (log10 (raw)));
  double f = raw / magnitude;
  double nice;

  if (f <= 1)
    nice = 1;
  else if (f <= 2)
    nice = 2;
  else if (f <= 2.5 && magnitude >= 10)
    nice = 2.5;
  else if (f <= 5)
    nice = 5;
  else
    nice = 10;
  return MAX (1, nice * magnitude);
}

static int
text_width (cairo_t              *cr,
            const DashChartStyle *style,
            DashChartTextKind     kind,
            const char           *text,
            int                  *height)
{
  g_autoptr(PangoLayout) layout = _dash_chart_layout_text (cr, style, kind, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  if (height != NULL)
    *height = h;
  return w;
}

static gboolean
geometry_compute (Geometry                *g,
                  cairo_t                 *cr,
                  double                   width,
                  double                   height,
                  const DashTimelineChart *chart,
                  const DashChartStyle    *style)
{
  guint max_count = 0;
  gboolean any = FALSE;
  double label_width, axis_label_height;
  g_autofree char *top_label = NULL;
  int line_height;

  *g = (Geometry) { 0 };
  g->size = style->font_size > 0 ? style->font_size : 12;
  g->n_series = chart->series->len;
  g->t0 = G_MAXINT64;
  g->t1 = G_MININT64;

  for (guint s = 0; s < chart->series->len; s++)
    {
      DashTimelineSeries *series = g_ptr_array_index (chart->series, s);

      for (guint i = 0; i < series->points->len; i++)
        {
          const DashTimelinePoint *p = &g_array_index (series->points, DashTimelinePoint, i);

          g->t0 = MIN (g->t0, p->start);
          g->t1 = MAX (g->t1, dash_bucket_next (chart->bucket, p->start));
          max_count = MAX (max_count, p->count);
          any = TRUE;
        }
    }

  /* Title, then the legend, at the top; provenance at the bottom. */
  {
    g_autoptr(PangoLayout) layout = _dash_chart_layout_text (cr, style, DASH_CHART_TEXT_TITLE,
                                                             "Ag");
    int w, h;

    pango_layout_get_pixel_size (layout, &w, &h);
    g->title_height = chart->title != NULL ? g->size + h + g->size * 0.5 : g->size;
  }
  g->legend = g_array_new (FALSE, TRUE, sizeof (DashChartLegendItem));
  g_array_set_clear_func (g->legend, legend_item_clear);
  for (guint s = 0; s < chart->series->len; s++)
    {
      DashTimelineSeries *series = g_ptr_array_index (chart->series, s);
      DashChartLegendItem item = { g_strdup (series->name), dash_chart_style_get_color (style, s),
                                   FALSE };
      g_array_append_val (g->legend, item);
    }
  for (guint i = 0; i < chart->marks->len; i++)
    {
      const DashTimelineMark *mark = &g_array_index (chart->marks, DashTimelineMark, i);

      if (mark->end > g->t0 && mark->start < g->t1)
        g->has_marks = TRUE;
    }
  if (g->has_marks)
    {
      DashChartLegendItem item = { g_strdup (_("Burst")), dash_chart_style_get_muted (style, 0.18),
                                   FALSE };
      g_array_append_val (g->legend, item);
    }
  g->legend_y = g->title_height;
  g->legend_height = _dash_chart_draw_legend (cr, style, g->size, g->legend_y,
                                              width - 2 * g->size,
                                              (DashChartLegendItem *)g->legend->data,
                                              g->legend->len, FALSE);

  if (style->show_footer && chart->provenance != NULL)
    {
      /* Measure the footer the way it is drawn, without drawing it. */
      cairo_save (cr);
      cairo_rectangle (cr, 0, 0, 0, 0);
      cairo_clip (cr);
      g->footer_height = _dash_chart_draw_footer (cr, style, width, height, chart->provenance);
      cairo_restore (cr);
    }
  else
    g->footer_height = g->size * 0.5;

  if (!any)
    return FALSE;

  g->step = nice_step (MAX (max_count, 1), 4);
  g->top = ceil (MAX (max_count, 1) / g->step) * g->step;
  top_label = g_strdup_printf ("%.0f", g->top);
  label_width = text_width (cr, style, DASH_CHART_TEXT_SMALL, top_label, &line_height);
  axis_label_height = 2 * line_height + g->size * 0.6;

  g->x0 = g->size + label_width + g->size * 0.6;
  g->x1 = width - g->size * 1.5;
  g->y0 = g->legend_y + g->legend_height + g->size * (g->has_marks ? 2.4 : 1.0);
  g->y1 = height - g->footer_height - axis_label_height;
  if (g->x1 - g->x0 < 10 || g->y1 - g->y0 < 10)
    return FALSE;

  /* The finest calendar unit whose labels do not run into each other. */
  g->ticks = &tick_units[G_N_ELEMENTS (tick_units) - 1];
  for (guint i = unit_min_index (chart->bucket); i < G_N_ELEMENTS (tick_units); i++)
    {
      const TickUnit *unit = &tick_units[i];
      const char *sample = unit->unit == UNIT_YEAR ? "2088" : unit->unit == UNIT_MONTH ? "May"
                                                                                      : "28 May";
      double label = text_width (cr, style, DASH_CHART_TEXT_SMALL, sample, NULL) + g->size * 1.2;
      double seconds = unit->unit == UNIT_DAY ? DAY : unit->unit == UNIT_WEEK ? 7.0 * DAY
                       : unit->unit == UNIT_MONTH ? 28.0 * DAY : 365.0 * DAY;
      double pixels = seconds * unit->step * (g->x1 - g->x0) / (double)(g->t1 - g->t0);

      if (pixels >= label)
        {
          g->ticks = unit;
          break;
        }
    }
  return TRUE;
}

static double
x_for_time (const Geometry *g,
            gint64          time)
{
  return g->x0 + (g->x1 - g->x0) * (double)(time - g->t0) / (double)(g->t1 - g->t0);
}

static double
y_for_value (const Geometry *g,
             double          value)
{
  return g->y1 - (g->y1 - g->y0) * value / g->top;
}

static gboolean
bar_rect (const Geometry          *g,
          const DashTimelineChart *chart,
          guint                    s,
          guint                    i,
          DashChartRect           *rect)
{
  DashTimelineSeries *series;
  const DashTimelinePoint *p;
  double left, right, slot, inset;

  if (s >= chart->series->len)
    return FALSE;
  series = g_ptr_array_index (chart->series, s);
  if (i >= series->points->len)
    return FALSE;
  p = &g_array_index (series->points, DashTimelinePoint, i);

  left = x_for_time (g, p->start);
  right = x_for_time (g, dash_bucket_next (chart->bucket, p->start));
  inset = MIN ((right - left) * 0.12, g->size);
  if (right - left - 2 * inset < 1)
    inset = 0;
  slot = (right - left - 2 * inset) / g->n_series;
  /* With few buckets, keep bars slim and centred in their bucket. */
  if (slot > g->size * 6)
    {
      inset += (slot - g->size * 6) * g->n_series / 2;
      slot = g->size * 6;
    }
  rect->x = left + inset + s * slot;
  rect->width = MAX (slot, 1);
  rect->y = y_for_value (g, p->count);
  rect->height = g->y1 - rect->y;
  return TRUE;
}

gboolean
dash_timeline_chart_get_bar (cairo_t                 *cr,
                             double                   width,
                             double                   height,
                             const DashTimelineChart *chart,
                             const DashChartStyle    *style,
                             guint                    series,
                             guint                    index,
                             DashChartRect           *rect)
{
  Geometry g;
  gboolean ok;

  g_return_val_if_fail (cr != NULL && chart != NULL && style != NULL && rect != NULL, FALSE);

  ok = geometry_compute (&g, cr, width, height, chart, style) &&
       bar_rect (&g, chart, series, index, rect);
  geometry_clear (&g);
  return ok;
}

static void
draw_value_axis (cairo_t              *cr,
                 const Geometry       *g,
                 const DashChartStyle *style)
{
  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  for (double v = 0; v <= g->top + 0.5; v += g->step)
    {
      double y = round (y_for_value (g, v)) + 0.5;
      g_autofree char *text = g_strdup_printf ("%.0f", v);
      g_autoptr(PangoLayout) layout = _dash_chart_layout_text (cr, style, DASH_CHART_TEXT_SMALL,
                                                               text);
      int w, h;

      _dash_chart_set_color (cr, dash_chart_style_get_muted (style, v == 0 ? 0.6 : 0.12));
      cairo_move_to (cr, g->x0, y);
      cairo_line_to (cr, g->x1, y);
      cairo_stroke (cr);

      pango_layout_get_pixel_size (layout, &w, &h);
      _dash_chart_set_color (cr, dash_chart_style_get_muted (style, 0.75));
      cairo_move_to (cr, g->x0 - g->size * 0.5 - w, y - h / 2.0);
      pango_cairo_show_layout (cr, layout);
    }
  cairo_restore (cr);
}

static void
draw_time_axis (cairo_t              *cr,
                const Geometry       *g,
                const DashChartStyle *style)
{
  gint64 previous = G_MININT64;
  double last_right = -G_MAXDOUBLE;

  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  for (gint64 t = tick_first (g->ticks, g->t0); t <= g->t1; t = tick_next (g->ticks, t))
    {
      double x = round (x_for_time (g, t)) + 0.5;
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      int w, h;

      _dash_chart_set_color (cr, dash_chart_style_get_muted (style, 0.6));
      cairo_move_to (cr, x, g->y1);
      cairo_line_to (cr, x, g->y1 + g->size * 0.4);
      cairo_stroke (cr);

      tick_labels (g->ticks, t, previous, &first, &second);
      layout = _dash_chart_layout_text (cr, style, DASH_CHART_TEXT_SMALL, first);
      pango_layout_get_pixel_size (layout, &w, &h);
      /* The label starts at its tick, like a calendar's; skip one that would not fit. */
      if (x + 3 < last_right || x + 3 + w > g->x1 + g->size * 1.5)
        continue;
      _dash_chart_set_color (cr, dash_chart_style_get_muted (style, 0.75));
      cairo_move_to (cr, x + 3, g->y1 + g->size * 0.3);
      pango_cairo_show_layout (cr, layout);
      last_right = x + 3 + w + g->size * 0.4;
      if (second != NULL)
        {
          g_autoptr(PangoLayout) year = _dash_chart_layout_text (cr, style,
                                                                 DASH_CHART_TEXT_SMALL, second);
          int yw, yh;

          pango_layout_get_pixel_size (year, &yw, &yh);
          _dash_chart_set_color (cr, style->foreground);
          cairo_move_to (cr, x + 3, g->y1 + g->size * 0.3 + h);
          pango_cairo_show_layout (cr, year);
          last_right = MAX (last_right, x + 3 + yw + g->size * 0.4);
        }
      previous = t;
    }
  cairo_restore (cr);
}

static void
draw_marks (cairo_t                 *cr,
            const Geometry          *g,
            const DashTimelineChart *chart,
            const DashChartStyle    *style)
{
  double last_right = -G_MAXDOUBLE;

  cairo_save (cr);
  for (guint i = 0; i < chart->marks->len; i++)
    {
      const DashTimelineMark *mark = &g_array_index (chart->marks, DashTimelineMark, i);
      double a = x_for_time (g, MAX (mark->start, g->t0));
      double b = x_for_time (g, MIN (mark->end, g->t1));
      g_autoptr(PangoLayout) layout = NULL;
      int w, h;

      if (b <= a)
        continue;
      _dash_chart_set_color (cr, dash_chart_style_get_muted (style, 0.09));
      cairo_rectangle (cr, a, g->y0 - g->size * 0.3, b - a, g->y1 - g->y0 + g->size * 0.3);
      cairo_fill (cr);

      if (mark->label == NULL)
        continue;
      layout = _dash_chart_layout_text (cr, style, DASH_CHART_TEXT_SMALL, mark->label);
      pango_layout_get_pixel_size (layout, &w, &h);
      {
        double x = CLAMP ((a + b - w) / 2, g->x0, g->x1 - w);

        if (x < last_right)
          continue;
        _dash_chart_set_color (cr, dash_chart_style_get_muted (style, 0.85));
        cairo_move_to (cr, x, g->y0 - g->size * 0.4 - h);
        pango_cairo_show_layout (cr, layout);
        last_right = x + w + g->size * 0.5;
      }
    }
  cairo_restore (cr);
}

void
dash_timeline_chart_draw (cairo_t                 *cr,
                          double                   width,
                          double                   height,
                          const DashTimelineChart *chart,
                          const DashChartStyle    *style)
{
  Geometry g;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (chart != NULL);
  g_return_if_fail (style != NULL);

  cairo_save (cr);
  _dash_chart_fill_background (cr, style, width, height);
  _dash_chart_draw_title (cr, style, width, chart->title);

  if (!geometry_compute (&g, cr, width, height, chart, style))
    {
      g_autoptr(PangoLayout) layout = _dash_chart_layout_text (cr, style, DASH_CHART_TEXT_BODY,
                                                               _("No stories"));
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      _dash_chart_set_color (cr, dash_chart_style_get_muted (style, 0.6));
      cairo_move_to (cr, (width - w) / 2, (height - h) / 2);
      pango_cairo_show_layout (cr, layout);
    }
  else
    {
      _dash_chart_draw_legend (cr, style, g.size, g.legend_y, width - 2 * g.size,
                               (DashChartLegendItem *)g.legend->data, g.legend->len, TRUE);
      draw_marks (cr, &g, chart, style);
      draw_value_axis (cr, &g, style);

      for (guint s = 0; s < chart->series->len; s++)
        {
          DashTimelineSeries *series = g_ptr_array_index (chart->series, s);

          _dash_chart_set_color (cr, dash_chart_style_get_color (style, s));
          for (guint i = 0; i < series->points->len; i++)
            {
              DashChartRect rect;

              if (g_array_index (series->points, DashTimelinePoint, i).count == 0 ||
                  !bar_rect (&g, chart, s, i, &rect))
                continue;
              cairo_rectangle (cr, rect.x, rect.y, rect.width, rect.height);
              cairo_fill (cr);
            }
        }
      draw_time_axis (cr, &g, style);
    }

  _dash_chart_draw_footer (cr, style, width, height, chart->provenance);
  geometry_clear (&g);
  cairo_restore (cr);
}
