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

G_DEFINE_ENUM_TYPE (DashTimelineStyle, dash_timeline_style,
                    G_DEFINE_ENUM_VALUE (DASH_TIMELINE_STYLE_BARS, "bars"),
                    G_DEFINE_ENUM_VALUE (DASH_TIMELINE_STYLE_AREAS, "areas"))

void
dash_timeline_chart_set_style (DashTimelineChart *chart,
                               DashTimelineStyle  style)
{
  g_return_if_fail (chart != NULL);
  g_return_if_fail (style == DASH_TIMELINE_STYLE_BARS || style == DASH_TIMELINE_STYLE_AREAS);

  chart->style = style;
}

void
dash_timeline_chart_set_range (DashTimelineChart *chart,
                               gint64             start,
                               gint64             end)
{
  g_return_if_fail (chart != NULL);
  g_return_if_fail ((start == 0 && end == 0) || start < end);

  chart->range_start = start;
  chart->range_end = end;
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
  /* For stacked areas: the bucket starts of all the series (the slots), and for each
   * series the sum of it and the series under it in each slot. */
  GArray  *slots;         /* gint64 */
  double  *stack;         /* n_series × slots->len */
  GPtrArray *slot_of;     /* per series, a GArray of guint: the slot of each point */
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
  g_clear_pointer (&g->slots, g_array_unref);
  g_clear_pointer (&g->stack, g_free);
  g_clear_pointer (&g->slot_of, g_ptr_array_unref);
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

/* The points of @series in [@t0, @t1): indices [*first, *last). Points are oldest first. */
static void
visible_points (const DashTimelineChart  *chart,
                const DashTimelineSeries *series,
                gint64                    t0,
                gint64                    t1,
                guint                    *first,
                guint                    *last)
{
  const DashTimelinePoint *points = (const DashTimelinePoint *)series->points->data;
  guint lo = 0, hi = series->points->len;

  /* The first point starting at or after @t0; the one before may reach into the span. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (points[mid].start < t0)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo > 0 && dash_bucket_next (chart->bucket, points[lo - 1].start) > t0)
    lo--;
  *first = lo;

  hi = series->points->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (points[mid].start < t1)
        lo = mid + 1;
      else
        hi = mid;
    }
  *last = lo;
}

static int
compare_time (gconstpointer a,
              gconstpointer b)
{
  gint64 x = *(const gint64 *)a;
  gint64 y = *(const gint64 *)b;

  return (x > y) - (x < y);
}

/* The slots of the stack (every bucket start of any series) and the running sums. */
static void
stack_compute (Geometry                *g,
               const DashTimelineChart *chart)
{
  guint n;

  g->slots = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint s = 0; s < chart->series->len; s++)
    {
      const DashTimelineSeries *series = g_ptr_array_index (chart->series, s);

      for (guint i = 0; i < series->points->len; i++)
        g_array_append_val (g->slots, g_array_index (series->points, DashTimelinePoint, i).start);
    }
  g_array_sort (g->slots, compare_time);
  n = 0;
  for (guint k = 0; k < g->slots->len; k++)
    if (n == 0 || g_array_index (g->slots, gint64, k) != g_array_index (g->slots, gint64, n - 1))
      g_array_index (g->slots, gint64, n++) = g_array_index (g->slots, gint64, k);
  g_array_set_size (g->slots, n);

  g->stack = g_new0 (double, MAX (chart->series->len * n, 1));
  g->slot_of = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  for (guint s = 0; s < chart->series->len; s++)
    {
      const DashTimelineSeries *series = g_ptr_array_index (chart->series, s);
      GArray *slot_of = g_array_sized_new (FALSE, FALSE, sizeof (guint), series->points->len);
      guint k = 0;

      for (guint i = 0; i < series->points->len; i++)
        {
          const DashTimelinePoint *p = &g_array_index (series->points, DashTimelinePoint, i);

          while (k < n && g_array_index (g->slots, gint64, k) < p->start)
            k++;
          g_assert (k < n);
          g_array_append_val (slot_of, k);
          g->stack[s * n + k] += p->count;
        }
      g_ptr_array_add (g->slot_of, slot_of);
    }
  for (guint s = 1; s < chart->series->len; s++)
    for (guint k = 0; k < n; k++)
      g->stack[s * n + k] += g->stack[(s - 1) * n + k];
}

/* The stack's height at slot @k under and including series @s; 0 below the first. */
static double
stack_at (const Geometry *g,
          int             s,
          guint           k)
{
  return s < 0 ? 0 : g->stack[s * g->slots->len + k];
}

static gboolean
geometry_compute (Geometry                *g,
                  cairo_t                 *cr,
                  double                   width,
                  double                   height,
                  const DashTimelineChart *chart,
                  const DashChartStyle    *style)
{
  double max_count = 0;
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
      const DashTimelinePoint *first, *last;

      if (series->points->len == 0)
        continue;
      first = &g_array_index (series->points, DashTimelinePoint, 0);
      last = &g_array_index (series->points, DashTimelinePoint, series->points->len - 1);
      g->t0 = MIN (g->t0, first->start);
      g->t1 = MAX (g->t1, dash_bucket_next (chart->bucket, last->start));
      any = TRUE;
    }
  if (chart->range_start < chart->range_end)
    {
      g->t0 = chart->range_start;
      g->t1 = chart->range_end;
    }

  /* The highest bar, or the highest stack, inside the span. */
  if (any && chart->style == DASH_TIMELINE_STYLE_AREAS)
    {
      stack_compute (g, chart);
      for (guint k = 0; k < g->slots->len; k++)
        {
          gint64 start = g_array_index (g->slots, gint64, k);

          if (start < g->t1 && dash_bucket_next (chart->bucket, start) > g->t0)
            max_count = MAX (max_count, stack_at (g, g->n_series - 1, k));
        }
    }
  else if (any)
    for (guint s = 0; s < chart->series->len; s++)
      {
        DashTimelineSeries *series = g_ptr_array_index (chart->series, s);
        guint first, last;

        visible_points (chart, series, g->t0, g->t1, &first, &last);
        for (guint i = first; i < last; i++)
          max_count = MAX (max_count, g_array_index (series->points, DashTimelinePoint, i).count);
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
  g->legend_height = _dash_chart_draw_legend (cr, style, g->size, g->legend_y, width - 2 * g->size,
                                  (DashChartLegendItem *)g->legend->data, g->legend->len, FALSE);

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

/* The bar of point @i of series @s; with stacked areas, the band of the series over the
 * whole width of the bucket. */
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

  if (chart->style == DASH_TIMELINE_STYLE_AREAS && g->stack != NULL)
    {
      guint k = g_array_index ((GArray *)g_ptr_array_index (g->slot_of, s), guint, i);
      double top = y_for_value (g, stack_at (g, s, k));

      rect->x = left;
      rect->width = MAX (right - left, 1);
      rect->y = top;
      rect->height = y_for_value (g, stack_at (g, (int)s - 1, k)) - top;
      return TRUE;
    }

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

GArray *
dash_timeline_chart_get_bars (cairo_t                 *cr,
                              double                   width,
                              double                   height,
                              const DashTimelineChart *chart,
                              const DashChartStyle    *style)
{
  GArray *bars;
  Geometry g;

  g_return_val_if_fail (cr != NULL && chart != NULL && style != NULL, NULL);

  bars = g_array_new (FALSE, FALSE, sizeof (DashTimelineBar));
  if (geometry_compute (&g, cr, width, height, chart, style))
    for (guint s = 0; s < chart->series->len; s++)
      {
        const DashTimelineSeries *series = g_ptr_array_index (chart->series, s);
        guint first, last;

        visible_points (chart, series, g.t0, g.t1, &first, &last);
        for (guint i = first; i < last; i++)
          {
            DashTimelineBar bar = { s, i, { 0, } };

            if (bar_rect (&g, chart, s, i, &bar.rect))
              g_array_append_val (bars, bar);
          }
      }
  geometry_clear (&g);
  return bars;
}

gboolean
dash_timeline_chart_get_plot (cairo_t                 *cr,
                              double                   width,
                              double                   height,
                              const DashTimelineChart *chart,
                              const DashChartStyle    *style,
                              DashChartRect           *plot,
                              gint64                  *start,
                              gint64                  *end)
{
  Geometry g;
  gboolean ok;

  g_return_val_if_fail (cr != NULL && chart != NULL && style != NULL, FALSE);

  ok = geometry_compute (&g, cr, width, height, chart, style);
  if (ok && plot != NULL)
    *plot = (DashChartRect) { g.x0, g.y0, g.x1 - g.x0, g.y1 - g.y0 };
  if (ok && start != NULL)
    *start = g.t0;
  if (ok && end != NULL)
    *end = g.t1;
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

/* The burst periods as shaded bands, each with its label above the plot; a label that
 * would run into the one before is left out (the band stays). */
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
        _dash_chart_show_layout_at (cr, layout, x, g->y0 - g->size * 0.4 - h);
        last_right = x + w + g->size * 0.5;
      }
    }
  cairo_restore (cr);
}

/* Each bar filled on its own, so that an SVG holds one element per bar; bars thinner
 * than two pixels (years of days) go into one path per series, filled once, which is
 * several times faster. */
static void
draw_bars (cairo_t                 *cr,
           const Geometry          *g,
           const DashTimelineChart *chart,
           const DashChartStyle    *style)
{
  for (guint s = 0; s < chart->series->len; s++)
    {
      DashTimelineSeries *series = g_ptr_array_index (chart->series, s);
      gboolean thin;
      guint first, last;

      visible_points (chart, series, g->t0, g->t1, &first, &last);
      thin = (last - first) * g->n_series > (g->x1 - g->x0) / 2;
      _dash_chart_set_color (cr, dash_chart_style_get_color (style, s));
      for (guint i = first; i < last; i++)
        {
          DashChartRect rect;

          if (g_array_index (series->points, DashTimelinePoint, i).count == 0 ||
              !bar_rect (g, chart, s, i, &rect))
            continue;
          cairo_rectangle (cr, rect.x, rect.y, rect.width, rect.height);
          if (!thin)
            cairo_fill (cr);
        }
      if (thin)
        cairo_fill (cr);
    }
}

/* One vertex of a band's outline: the middle of a bucket, and the stack's height at it
 * with and without the series. */
typedef struct {
  double x;
  double top;
  double bottom;
} Column;

/* Each series as a band over the ones before it, through the middle of each bucket and
 * out to the outer edges of the first and last; an edge of the series' colour on top.
 * With more buckets than pixels (years of days), the buckets of one pixel column make one
 * vertex at their highest: the outline is the same to the eye, and several times faster
 * to fill and stroke. */
static void
draw_areas (cairo_t                 *cr,
            const Geometry          *g,
            const DashTimelineChart *chart,
            const DashChartStyle    *style)
{
  g_autoptr(GArray) columns = g_array_new (FALSE, FALSE, sizeof (Column));
  guint n = g->slots->len;
  guint first = 0, last = n;
  double left, right;

  /* The slots in the span, and one more on each side for the lines to come in. */
  while (first < n && dash_bucket_next (chart->bucket,
                                        g_array_index (g->slots, gint64, first)) <= g->t0)
    first++;
  while (last > first && g_array_index (g->slots, gint64, last - 1) >= g->t1)
    last--;
  first = first > 0 ? first - 1 : 0;
  last = MIN (last + 1, n);
  if (first >= last)
    return;
  left = x_for_time (g, g_array_index (g->slots, gint64, first));
  right = x_for_time (g, dash_bucket_next (chart->bucket, g_array_index (g->slots, gint64,
                                                                         last - 1)));

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, MAX (1.5, g->size * 0.12));
  for (int s = chart->series->len - 1; s >= 0; s--)
    {
      DashChartColor color = dash_chart_style_get_color (style, s);
      const Column *column;

      g_array_set_size (columns, 0);
      for (guint k = first; k < last; k++)
        {
          gint64 start = g_array_index (g->slots, gint64, k);
          Column here = {
            x_for_time (g, start + (dash_bucket_next (chart->bucket, start) - start) / 2),
            stack_at (g, s, k), stack_at (g, s - 1, k)
          };
          Column *previous = columns->len > 0
                             ? &g_array_index (columns, Column, columns->len - 1) : NULL;

          if (previous != NULL && floor (previous->x) == floor (here.x))
            {
              previous->top = MAX (previous->top, here.top);
              previous->bottom = MAX (previous->bottom, here.bottom);
            }
          else
            g_array_append_val (columns, here);
        }

      /* Along the top, then back along the top of the series under it. */
      column = &g_array_index (columns, Column, 0);
      cairo_move_to (cr, left, y_for_value (g, column->top));
      for (guint c = 0; c < columns->len; c++)
        {
          column = &g_array_index (columns, Column, c);
          cairo_line_to (cr, column->x, y_for_value (g, column->top));
        }
      cairo_line_to (cr, right, y_for_value (g, column->top));
      cairo_line_to (cr, right, y_for_value (g, column->bottom));
      for (guint c = columns->len; c-- > 0;)
        {
          column = &g_array_index (columns, Column, c);
          cairo_line_to (cr, column->x, y_for_value (g, column->bottom));
        }
      cairo_line_to (cr, left, y_for_value (g, column->bottom));
      cairo_close_path (cr);
      /* A little of the background shows through, so the grid lines stay readable. */
      color.alpha = 0.82;
      _dash_chart_set_color (cr, color);
      cairo_fill (cr);

      column = &g_array_index (columns, Column, 0);
      cairo_move_to (cr, left, y_for_value (g, column->top));
      for (guint c = 0; c < columns->len; c++)
        {
          column = &g_array_index (columns, Column, c);
          cairo_line_to (cr, column->x, y_for_value (g, column->top));
        }
      cairo_line_to (cr, right, y_for_value (g, column->top));
      color.alpha = 1;
      _dash_chart_set_color (cr, color);
      cairo_stroke (cr);
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

      /* Buckets cut by the span's edges stop at the plot's. */
      cairo_save (cr);
      cairo_rectangle (cr, g.x0, 0, g.x1 - g.x0, height);
      cairo_clip (cr);
      if (chart->style == DASH_TIMELINE_STYLE_AREAS)
        draw_areas (cr, &g, chart, style);
      else
        draw_bars (cr, &g, chart, style);
      cairo_restore (cr);

      draw_time_axis (cr, &g, style);
    }

  _dash_chart_draw_footer (cr, style, width, height, chart->provenance);
  geometry_clear (&g);
  cairo_restore (cr);
}
