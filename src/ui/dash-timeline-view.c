/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-timeline-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "dash-timeline-view.h"
#include "dash-timeline-view-private.h"
#include "dash-ui-util.h"

#define DAY (24 * 60 * 60)
/* The shortest span a zoom shows. */
#define MIN_SPAN (7 * DAY)
/* A press that moves less than this many pixels is a click. */
#define CLICK_DISTANCE 4.0
/* Story titles in a bucket's tooltip. */
#define N_TITLES 3
#define N_BUCKETS (DASH_BUCKET_YEAR + 1)
#define ZOOM_STEP 1.5

/* Where one bar (or band of the stack) stands in the cached picture. */
typedef struct {
  guint         series;
  guint         index;
  DashChartRect rect;
  double        center;
  double        half;     /* half the width of its column, for hit tests */
} Bar;

typedef enum {
  DRAG_NONE,
  DRAG_SELECT,
  DRAG_PAN,
} DragMode;

struct _DashTimelineView
{
  GtkWidget          parent_instance;

  DashTimelineChart *chart;
  guint              total;
  guint              n_points;
  DashTimelineStyle  style;
  int                user_bucket;
  int                shown_bucket;   /* the chart's, -1 without one */

  /* The stories' whole span, and the part shown when zoomed. */
  gint64             full_start;
  gint64             full_end;
  gboolean           zoomed;
  gint64             view_start;
  gint64             view_end;

  /* The source mode: the corpus, one filter per series (the view's merged in), the
   * counts per bucket as they come from the worker threads, and the bursts. */
  DashCorpus        *corpus;
  GPtrArray         *filters;              /* DashFilter */
  GPtrArray         *names;                /* char * */
  GPtrArray         *counts[N_BUCKETS];    /* per series, a GArray of DashTimelinePoint */
  GPtrArray         *bursts;               /* per series, a GPtrArray of DashBurst */
  guint              pending;              /* a bit for each bucket being counted */
  gboolean           first_pending;        /* the span and the bursts are being found */
  guint              generation;           /* answers to older requests are dropped */
  guint              chart_generation;     /* what the chart was built from */
  GCancellable      *cancellable;
  GHashTable        *titles;               /* "series:bucket:start" → GStrv */
  GHashTable        *titles_pending;       /* the keys being looked up */

  /* The static picture, as drawn for the size, colour, palette and font below. */
  GskRenderNode     *cache;
  int                cache_width;
  int                cache_height;
  GdkRGBA            cache_color;
  gboolean           cache_dark;
  double             cache_font_size;
  char              *cache_font_family;
  GArray            *bars;        /* Bar, left to right */
  double             plot_top;
  double             baseline;
  gboolean           has_plot;
  DashChartRect      plot;
  gint64             plot_start;  /* the span the plot's width stands for */
  gint64             plot_end;

  int                hover;       /* in bars, -1 for none */
  int                selected;    /* chosen with the keyboard, -1 for none */
  /* The bar to choose again once the chart is redrawn (after a zoom or a pan). */
  gboolean           reselect;
  guint              reselect_series;
  gint64             reselect_time;

  /* Pointer and gestures. */
  double             pointer_x;   /* -1 when outside */
  DragMode           drag_mode;
  double             drag_x;
  double             drag_y;
  gboolean           drag_moved;
  gint64             drag_view_start;
  gint64             drag_view_end;
  gboolean           band;
  gint64             band_start;
  gint64             band_end;
  gint64             pinch_time;
  gint64             pinch_view_start;
  gint64             pinch_view_end;
};

G_DEFINE_FINAL_TYPE (DashTimelineView, dash_timeline_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUCKET,
  PROP_CHART_STYLE,
  PROP_LOADING,
  PROP_SHOWN_BUCKET,
  PROP_ZOOMED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  RANGE_ACTIVATED,
  RANGE_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_source_chart (DashTimelineView *self);

DashTimelineSeriesFilter *
dash_timeline_series_filter_new (const char       *name,
                                 const DashFilter *filter)
{
  DashTimelineSeriesFilter *series = g_new0 (DashTimelineSeriesFilter, 1);

  series->name = g_strdup (name);
  series->filter = filter != NULL ? dash_filter_copy (filter) : NULL;
  return series;
}

void
dash_timeline_series_filter_free (DashTimelineSeriesFilter *series)
{
  if (series == NULL)
    return;
  g_free (series->name);
  g_clear_pointer (&series->filter, dash_filter_free);
  g_free (series);
}

GtkWidget *
dash_timeline_view_new (void)
{
  return g_object_new (DASH_TYPE_TIMELINE_VIEW, NULL);
}

/* "Mar 2025", "Q1 2025"…: the bucket starting at @start. */
static char *
format_bucket (DashBucket bucket,
               gint64     start)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (start);

  if (date == NULL)
    return g_strdup ("");
  switch (bucket)
    {
    case DASH_BUCKET_DAY:
      /* Translators: a day in a chart's tooltip, see strftime(3). */
      return g_date_time_format (date, _("%-d %b %Y"));
    case DASH_BUCKET_WEEK:
      {
        /* Translators: the first day of a week in a chart's tooltip, see strftime(3). */
        g_autofree char *day = g_date_time_format (date, _("%-d %b %Y"));

        /* Translators: %s is the week's first day, "3 Mar 2025". */
        return g_strdup_printf (_("Week of %s"), day);
      }
    case DASH_BUCKET_QUARTER:
      /* Translators: a quarter of a year, "Q1 2025". */
      return g_strdup_printf (_("Q%d %d"), (g_date_time_get_month (date) - 1) / 3 + 1,
                              g_date_time_get_year (date));
    case DASH_BUCKET_YEAR:
      return g_date_time_format (date, "%Y");
    case DASH_BUCKET_MONTH:
    default:
      return dash_format_month (start);
    }
}

static const char *
bucket_heading (DashBucket bucket)
{
  switch (bucket)
    {
    case DASH_BUCKET_DAY:
      return _("Stories per day");
    case DASH_BUCKET_WEEK:
      return _("Stories per week");
    case DASH_BUCKET_QUARTER:
      return _("Stories per quarter");
    case DASH_BUCKET_YEAR:
      return _("Stories per year");
    case DASH_BUCKET_MONTH:
    default:
      return _("Stories per month");
    }
}

static char *
format_count (guint count)
{
  return g_strdup_printf (ngettext ("%'u story", "%'u stories", count), count);
}

/* The bars keep their order when redrawn, so the highlight stays. */
static void
drop_cache (DashTimelineView *self)
{
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  g_array_set_size (self->bars, 0);
  self->has_plot = FALSE;
}

/* Whether the bucket starting at @start is in the span shown. */
static gboolean
point_visible (DashTimelineView *self,
               gint64            start)
{
  if (!self->zoomed)
    return TRUE;
  return start < self->view_end && dash_bucket_next (self->chart->bucket, start) > self->view_start;
}

/* The accessible label sums up each series; the description lists every bucket shown. */
static void
update_accessible (DashTimelineView *self)
{
  g_autoptr(GString) label = g_string_new (NULL);
  g_autoptr(GString) description = g_string_new (NULL);
  const DashTimelineChart *chart = self->chart;

  if (chart == NULL || self->n_points == 0)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline: no stories"),
                                      -1);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  g_string_append (label, chart->title != NULL ? chart->title : bucket_heading (chart->bucket));
  for (guint s = 0; s < chart->series->len; s++)
    {
      const DashTimelineSeries *series = g_ptr_array_index (chart->series, s);
      const DashTimelinePoint *most = NULL;
      const DashTimelinePoint *first = NULL;
      const DashTimelinePoint *last = NULL;
      g_autofree char *first_text = NULL;
      g_autofree char *last_text = NULL;
      g_autofree char *summary = NULL;
      gboolean named = FALSE;
      guint total = 0;

      for (guint i = 0; i < series->points->len; i++)
        {
          const DashTimelinePoint *p = &g_array_index (series->points, DashTimelinePoint, i);
          g_autofree char *bucket = NULL;

          if (!point_visible (self, p->start))
            continue;
          bucket = format_bucket (chart->bucket, p->start);
          if (first == NULL)
            first = p;
          last = p;
          total += p->count;
          if (most == NULL || p->count > most->count)
            most = p;
          if (description->len > 0)
            g_string_append (description, ", ");
          if (chart->series->len > 1 && !named)
            g_string_append_printf (description, "%s: ", series->name);
          named = TRUE;
          /* Translators: a bucket of a timeline ("Mar 2025") and its story count. */
          g_string_append_printf (description, _("%s: %'u"), bucket, p->count);
        }
      if (first == NULL)
        continue;
      first_text = format_bucket (chart->bucket, first->start);
      last_text = format_bucket (chart->bucket, last->start);
      /* Translators: a series of a timeline, its story count, its first and last bucket. */
      summary = g_strdup_printf (ngettext ("%s: %'u story from %s to %s",
                                           "%s: %'u stories from %s to %s", total),
                                 series->name, total, first_text, last_text);
      g_string_append_printf (label, s == 0 ? ". %s" : "; %s", summary);
      if (most != NULL && most->count > 0)
        {
          g_autofree char *bucket = format_bucket (chart->bucket, most->start);

          /* Translators: the bucket with the most stories ("Jan 2025") and their count. */
          g_string_append_printf (label, _(", most in %s (%'u)"), bucket, most->count);
        }
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label->str,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
}

/* Keeps the bar chosen with the keyboard chosen in the next picture, by its time. */
static void
remember_selection (DashTimelineView *self)
{
  if (self->selected >= 0 && (guint)self->selected < self->bars->len && self->chart != NULL)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, self->selected);
      const DashTimelineSeries *series = g_ptr_array_index (self->chart->series, bar->series);

      self->reselect = TRUE;
      self->reselect_series = bar->series;
      self->reselect_time = g_array_index (series->points, DashTimelinePoint, bar->index).start;
    }
  self->selected = -1;
  self->hover = -1;
}

/* The span of the chart's buckets. */
static void
chart_extent (const DashTimelineChart *chart,
              gint64                  *start,
              gint64                  *end)
{
  *start = G_MAXINT64;
  *end = G_MININT64;
  for (guint s = 0; chart != NULL && s < chart->series->len; s++)
    {
      const DashTimelineSeries *series = g_ptr_array_index (chart->series, s);

      if (series->points->len == 0)
        continue;
      *start = MIN (*start, g_array_index (series->points, DashTimelinePoint, 0).start);
      *end = MAX (*end, dash_bucket_next (chart->bucket,
                                          g_array_index (series->points, DashTimelinePoint,
                                                         series->points->len - 1).start));
    }
  if (*start >= *end)
    *start = *end = 0;
}

/* The zoomed span (or none) into the chart, to be drawn again. */
static void
apply_range (DashTimelineView *self)
{
  if (self->chart == NULL)
    return;
  if (self->zoomed)
    dash_timeline_chart_set_range (self->chart, self->view_start, self->view_end);
  else
    dash_timeline_chart_set_range (self->chart, 0, 0);
  remember_selection (self);
  drop_cache (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Shows @chart (taken), keeping the zoom and the source. */
static void
replace_chart (DashTimelineView  *self,
               DashTimelineChart *chart)
{
  remember_selection (self);
  g_clear_pointer (&self->chart, dash_timeline_chart_free);
  self->chart = chart;
  self->total = 0;
  self->n_points = 0;
  for (guint s = 0; chart != NULL && s < chart->series->len; s++)
    {
      const DashTimelineSeries *series = g_ptr_array_index (chart->series, s);

      self->n_points += series->points->len;
      for (guint i = 0; i < series->points->len; i++)
        self->total += g_array_index (series->points, DashTimelinePoint, i).count;
    }
  if (chart != NULL)
    {
      dash_timeline_chart_set_style (chart, self->style);
      if (self->zoomed)
        dash_timeline_chart_set_range (chart, self->view_start, self->view_end);
    }

  drop_cache (self);
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  if (self->shown_bucket != (chart != NULL ? (int)chart->bucket : -1))
    {
      self->shown_bucket = chart != NULL ? (int)chart->bucket : -1;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWN_BUCKET]);
    }
}

static void
set_zoomed (DashTimelineView *self,
            gboolean          zoomed)
{
  if (self->zoomed == zoomed)
    return;
  self->zoomed = zoomed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOMED]);
}

static void
clear_source (DashTimelineView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->corpus != NULL)
    g_signal_handlers_disconnect_by_data (self->corpus, self);
  g_clear_object (&self->corpus);
  g_clear_pointer (&self->filters, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_ptr_array_unref);
  for (guint b = 0; b < N_BUCKETS; b++)
    g_clear_pointer (&self->counts[b], g_ptr_array_unref);
  g_clear_pointer (&self->bursts, g_ptr_array_unref);
  g_hash_table_remove_all (self->titles);
  g_hash_table_remove_all (self->titles_pending);
  self->generation++;
  if (self->pending != 0 || self->first_pending)
    {
      self->pending = 0;
      self->first_pending = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
}

void
dash_timeline_view_set_chart (DashTimelineView  *self,
                              DashTimelineChart *chart)
{
  g_return_if_fail (DASH_IS_TIMELINE_VIEW (self));

  clear_source (self);
  set_zoomed (self, FALSE);
  self->reselect = FALSE;
  self->selected = -1;
  chart_extent (chart, &self->full_start, &self->full_end);
  replace_chart (self, chart);
}

void
dash_timeline_view_set_points (DashTimelineView *self,
                               const char       *name,
                               DashBucket        bucket,
                               GArray           *points)
{
  DashTimelineChart *chart;

  g_return_if_fail (DASH_IS_TIMELINE_VIEW (self));

  chart = dash_timeline_chart_new (NULL, bucket);
  if (points != NULL && points->len > 0)
    dash_timeline_chart_add_series (chart, name != NULL ? name : _("Stories"), points);
  dash_timeline_view_set_chart (self, chart);
}

const DashTimelineChart *
dash_timeline_view_get_chart (DashTimelineView *self)
{
  g_return_val_if_fail (DASH_IS_TIMELINE_VIEW (self), NULL);
  return self->chart;
}

guint
dash_timeline_view_get_total (DashTimelineView *self)
{
  g_return_val_if_fail (DASH_IS_TIMELINE_VIEW (self), 0);
  return self->total;
}

gboolean
dash_timeline_view_get_loading (DashTimelineView *self)
{
  g_return_val_if_fail (DASH_IS_TIMELINE_VIEW (self), FALSE);
  return self->first_pending || self->pending != 0;
}

gboolean
dash_timeline_view_get_zoomed (DashTimelineView *self)
{
  g_return_val_if_fail (DASH_IS_TIMELINE_VIEW (self), FALSE);
  return self->zoomed;
}

void
dash_timeline_view_get_visible_range (DashTimelineView *self,
                                      gint64           *start,
                                      gint64           *end)
{
  g_return_if_fail (DASH_IS_TIMELINE_VIEW (self));

  if (start != NULL)
    *start = self->zoomed ? self->view_start : self->full_start;
  if (end != NULL)
    *end = self->zoomed ? self->view_end : self->full_end;
}

/* The bucket for the span shown: the user's, or one that gives a readable number of bars;
 * a chart given whole keeps its own. */
static DashBucket
wanted_bucket (DashTimelineView *self)
{
  gint64 start, end;

  if (self->corpus == NULL)
    return self->chart != NULL ? self->chart->bucket : DASH_BUCKET_MONTH;
  if (self->user_bucket >= 0)
    return self->user_bucket;
  dash_timeline_view_get_visible_range (self, &start, &end);
  return start < end ? dash_bucket_for_span (start, end) : DASH_BUCKET_MONTH;
}

/* A week, or three buckets when the bucket cannot follow the span. */
static gint64
min_span (DashTimelineView *self)
{
  DashBucket bucket;

  if (self->corpus != NULL && self->user_bucket < 0)
    return MIN_SPAN;
  bucket = wanted_bucket (self);
  return MAX (MIN_SPAN, 3 * (dash_bucket_next (bucket, self->full_start) - self->full_start));
}

/* Shows [@start, @end) inside the whole span; the whole span when it covers it. */
static void
show_range (DashTimelineView *self,
            gint64            start,
            gint64            end)
{
  gint64 full = self->full_end - self->full_start;
  gint64 span = MAX (end - start, min_span (self));

  if (full <= 0)
    return;
  if (span >= full)
    {
      if (!self->zoomed)
        return;
      set_zoomed (self, FALSE);
    }
  else
    {
      start = CLAMP (start, self->full_start, self->full_end - span);
      if (self->zoomed && start == self->view_start && start + span == self->view_end)
        return;
      self->view_start = start;
      self->view_end = start + span;
      set_zoomed (self, TRUE);
    }

  if (self->corpus != NULL)
    update_source_chart (self);
  else
    apply_range (self);
}

void
dash_timeline_view_set_visible_range (DashTimelineView *self,
                                      gint64            start,
                                      gint64            end)
{
  g_return_if_fail (DASH_IS_TIMELINE_VIEW (self));
  g_return_if_fail (start < end);

  show_range (self, start, end);
}

/* Shows @factor times less time, @anchor staying where it is. */
static void
zoom_around (DashTimelineView *self,
             double            factor,
             gint64            anchor)
{
  gint64 start, end;
  double span, from;

  if (factor <= 0)
    return;
  dash_timeline_view_get_visible_range (self, &start, &end);
  if (start >= end)
    return;
  anchor = CLAMP (anchor, start, end);
  span = (end - start) / factor;
  from = anchor - (anchor - start) / factor;
  show_range (self, (gint64)round (from), (gint64)round (from + span));
}

void
dash_timeline_view_zoom (DashTimelineView *self,
                         double            factor)
{
  gint64 start, end;

  g_return_if_fail (DASH_IS_TIMELINE_VIEW (self));
  g_return_if_fail (factor > 0);

  dash_timeline_view_get_visible_range (self, &start, &end);
  zoom_around (self, factor, start + (end - start) / 2);
}

void
dash_timeline_view_reset_zoom (DashTimelineView *self)
{
  g_return_if_fail (DASH_IS_TIMELINE_VIEW (self));

  if (!self->zoomed)
    return;
  set_zoomed (self, FALSE);
  if (self->corpus != NULL)
    update_source_chart (self);
  else
    apply_range (self);
}

/* Moves the zoomed span by @delta seconds; FALSE when not zoomed. */
static gboolean
pan (DashTimelineView *self,
     gint64            delta)
{
  if (!self->zoomed)
    return FALSE;
  show_range (self, self->view_start + delta, self->view_end + delta);
  return TRUE;
}

/* The source mode. Workers open their own connection to the corpus's file (a DashCorpus
 * belongs to one thread), count, and hand the counts back to the main thread, where they
 * are kept per bucket: zooming back to a bucket counted once costs nothing. */

/* @base with the fields @series sets in place of its own; the dates narrowed. */
static DashFilter *
merge_filters (const DashFilter *base,
               const DashFilter *series)
{
  DashFilter *filter = base != NULL ? dash_filter_copy (base) : dash_filter_new ();

  if (series != NULL)
    {
      if (series->query != NULL)
        dash_filter_set_query (filter, series->query);
      if (series->topic != NULL)
        dash_filter_set_topic (filter, series->topic);
      if (series->entity != NULL)
        dash_filter_set_entity (filter, series->entity);
      if (series->source != NULL)
        dash_filter_set_source (filter, series->source);
      filter->from = MAX (filter->from, series->from);
      if (series->to != 0)
        filter->to = filter->to != 0 ? MIN (filter->to, series->to) : series->to;
      filter->imported_after = MAX (filter->imported_after, series->imported_after);
    }
  filter->limit = 0;
  return filter;
}

static GPtrArray *
copy_filters (GPtrArray *filters)
{
  GPtrArray *copy = g_ptr_array_new_full (filters->len, (GDestroyNotify)dash_filter_free);

  for (guint i = 0; i < filters->len; i++)
    g_ptr_array_add (copy, dash_filter_copy (g_ptr_array_index (filters, i)));
  return copy;
}

typedef struct {
  char      *path;
  GPtrArray *filters;             /* DashFilter */
  guint      generation;
  gboolean   first;               /* also the days, the whole span and the bursts */
  int        bucket;              /* to count; with @first, AUTO picks it from the span */
  GPtrArray *counts[N_BUCKETS];
  GPtrArray *bursts;
  gint64     full_start;
  gint64     full_end;
} LoadJob;

static void
load_job_free (gpointer data)
{
  LoadJob *job = data;

  g_free (job->path);
  g_ptr_array_unref (job->filters);
  for (guint b = 0; b < N_BUCKETS; b++)
    g_clear_pointer (&job->counts[b], g_ptr_array_unref);
  g_clear_pointer (&job->bursts, g_ptr_array_unref);
  g_free (job);
}

/* Each series' points in @bucket buckets. */
static GPtrArray *
count_series (DashCorpus    *corpus,
              GPtrArray     *filters,
              DashBucket     bucket,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);

  for (guint s = 0; s < filters->len; s++)
    {
      GArray *points;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      points = dash_corpus_timeline (corpus, g_ptr_array_index (filters, s), bucket, error);
      if (points == NULL)
        return NULL;
      g_ptr_array_add (all, points);
    }
  return g_steal_pointer (&all);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  g_autoptr(DashCorpus) corpus = NULL;
  GError *error = NULL;

  corpus = dash_corpus_open (job->path, &error);
  if (corpus == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (job->first)
    {
      GPtrArray *days = count_series (corpus, job->filters, DASH_BUCKET_DAY, cancellable, &error);

      if (days == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      job->counts[DASH_BUCKET_DAY] = days;
      job->full_start = G_MAXINT64;
      job->full_end = G_MININT64;
      for (guint s = 0; s < days->len; s++)
        {
          GArray *points = g_ptr_array_index (days, s);

          if (points->len == 0)
            continue;
          const DashTimelinePoint *first = &g_array_index (points, DashTimelinePoint, 0);
          const DashTimelinePoint *last = &g_array_index (points, DashTimelinePoint,
                                                          points->len - 1);

          job->full_start = MIN (job->full_start, first->start);
          job->full_end = MAX (job->full_end, last->start + DAY);
        }
      if (job->full_start >= job->full_end)
        job->full_start = job->full_end = 0;
      if (job->bucket < 0)
        job->bucket = job->full_start < job->full_end
                      ? (int)dash_bucket_for_span (job->full_start, job->full_end)
                      : DASH_BUCKET_MONTH;

      job->bursts = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
      for (guint s = 0; s < job->filters->len; s++)
        {
          GPtrArray *bursts;

          if (g_cancellable_set_error_if_cancelled (cancellable, &error))
            {
              g_task_return_error (task, error);
              return;
            }
          bursts = dash_corpus_bursts (corpus, g_ptr_array_index (job->filters, s), &error);
          if (bursts == NULL)
            {
              g_task_return_error (task, error);
              return;
            }
          g_ptr_array_add (job->bursts, bursts);
        }
    }

  if (job->counts[job->bucket] == NULL)
    {
      job->counts[job->bucket] = count_series (corpus, job->filters, job->bucket, cancellable,
                                               &error);
      if (job->counts[job->bucket] == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void
notify_loading (DashTimelineView *self,
                gboolean          was_loading)
{
  if (was_loading != dash_timeline_view_get_loading (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
load_done_cb (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DashTimelineView) self = dash_weak_ref_steal (user_data);
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean was_loading;
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (result), &error);
  if (self == NULL || job->generation != self->generation)
    return;

  was_loading = dash_timeline_view_get_loading (self);
  if (job->first)
    self->first_pending = FALSE;
  if (job->bucket >= 0)
    self->pending &= ~(1u << job->bucket);
  if (!ok)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot count the stories over time: %s", error->message);
      notify_loading (self, was_loading);
      return;
    }

  for (guint b = 0; b < N_BUCKETS; b++)
    if (job->counts[b] != NULL && self->counts[b] == NULL)
      self->counts[b] = g_steal_pointer (&job->counts[b]);
  if (job->first)
    {
      g_clear_pointer (&self->bursts, g_ptr_array_unref);
      self->bursts = g_steal_pointer (&job->bursts);
      self->full_start = job->full_start;
      self->full_end = job->full_end;
      /* After a change of the corpus, the zoomed span stays if it still fits. */
      if (self->zoomed)
        {
          gint64 span = self->view_end - self->view_start;

          if (span >= self->full_end - self->full_start)
            set_zoomed (self, FALSE);
          else
            {
              self->view_start = CLAMP (self->view_start, self->full_start, self->full_end - span);
              self->view_end = self->view_start + span;
            }
        }
    }
  notify_loading (self, was_loading);
  update_source_chart (self);
}

static void
start_load (DashTimelineView *self,
            gboolean          first,
            int               bucket)
{
  g_autoptr(GTask) task = NULL;
  LoadJob *job = g_new0 (LoadJob, 1);
  gboolean was_loading = dash_timeline_view_get_loading (self);

  job->path = g_strdup (dash_corpus_get_path (self->corpus));
  job->filters = copy_filters (self->filters);
  job->generation = self->generation;
  job->first = first;
  job->bucket = bucket;
  if (first)
    self->first_pending = TRUE;
  if (bucket >= 0)
    self->pending |= 1u << bucket;
  notify_loading (self, was_loading);

  task = g_task_new (NULL, self->cancellable, load_done_cb, dash_weak_ref_new (self));
  g_task_set_source_tag (task, start_load);
  g_task_set_name (task, "[dash] timeline counts");
  g_task_set_task_data (task, job, load_job_free);
  g_task_run_in_thread (task, load_thread);
}

/* Counts everything again: the first time, or after the corpus changed. */
static void
reload (DashTimelineView *self)
{
  gboolean was_loading = dash_timeline_view_get_loading (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;
  for (guint b = 0; b < N_BUCKETS; b++)
    g_clear_pointer (&self->counts[b], g_ptr_array_unref);
  g_hash_table_remove_all (self->titles);
  g_hash_table_remove_all (self->titles_pending);
  self->pending = 0;
  self->first_pending = FALSE;
  notify_loading (self, was_loading);
  start_load (self, TRUE, self->user_bucket >= 0 ? self->user_bucket
                          : self->zoomed ? (int)wanted_bucket (self)
                          : DASH_TIMELINE_VIEW_BUCKET_AUTO);
}

static void
corpus_changed_cb (DashTimelineView *self)
{
  reload (self);
}

/* The burst marks of series @s. */
static void
add_marks (DashTimelineView  *self,
           DashTimelineChart *chart,
           guint              s)
{
  GPtrArray *bursts;

  if (self->bursts == NULL || s >= self->bursts->len)
    return;
  bursts = g_ptr_array_index (self->bursts, s);
  for (guint i = 0; i < bursts->len; i++)
    {
      const DashBurst *burst = g_ptr_array_index (bursts, i);
      g_autofree char *label = NULL;

      if (self->names->len > 1)
        /* Translators: a series' name and how far its stories rose above the usual. */
        label = g_strdup_printf (_("%s: burst \u00d7%.1f"),
                                 (const char *)g_ptr_array_index (self->names, s), burst->ratio);
      else
        /* Translators: how far the stories rose above the usual, "Burst ×3.5". */
        label = g_strdup_printf (_("Burst \u00d7%.1f"), burst->ratio);
      dash_timeline_chart_add_mark (chart, burst->start, burst->end, label);
    }
}

/* Shows the counts for the span's bucket, asking for them when they are not there; until
 * they are, the buckets at hand show the new span. */
static void
update_source_chart (DashTimelineView *self)
{
  DashBucket bucket;
  DashTimelineChart *chart;
  GPtrArray *counts;

  if (self->corpus == NULL)
    return;
  if (self->first_pending)
    {
      /* Counting again after a change: the counts at hand follow the zoom meanwhile. */
      apply_range (self);
      return;
    }

  bucket = wanted_bucket (self);
  counts = self->counts[bucket];
  if (counts == NULL)
    {
      if ((self->pending & (1u << bucket)) == 0)
        start_load (self, FALSE, bucket);
      apply_range (self);
      return;
    }
  if (self->chart != NULL && self->chart->bucket == bucket &&
      self->chart_generation == self->generation)
    {
      apply_range (self);
      return;
    }

  chart = dash_timeline_chart_new (NULL, bucket);
  for (guint s = 0; s < counts->len; s++)
    {
      GArray *points = g_ptr_array_index (counts, s);

      dash_timeline_chart_add_series (chart, g_ptr_array_index (self->names, s), points);
      add_marks (self, chart, s);
    }
  self->chart_generation = self->generation;
  replace_chart (self, chart);
}

void
dash_timeline_view_set_source (DashTimelineView *self,
                               DashCorpus       *corpus,
                               const DashFilter *filter,
                               GPtrArray        *series)
{
  g_return_if_fail (DASH_IS_TIMELINE_VIEW (self));
  g_return_if_fail (corpus == NULL || DASH_IS_CORPUS (corpus));

  clear_source (self);
  set_zoomed (self, FALSE);
  self->reselect = FALSE;
  self->selected = -1;
  self->full_start = self->full_end = 0;
  replace_chart (self, NULL);
  if (corpus == NULL)
    return;

  self->corpus = g_object_ref (corpus);
  g_signal_connect_object (corpus, "changed", G_CALLBACK (corpus_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->filters = g_ptr_array_new_with_free_func ((GDestroyNotify)dash_filter_free);
  self->names = g_ptr_array_new_with_free_func (g_free);
  for (guint s = 0; series != NULL && s < series->len; s++)
    {
      const DashTimelineSeriesFilter *one = g_ptr_array_index (series, s);

      g_ptr_array_add (self->filters, merge_filters (filter, one->filter));
      g_ptr_array_add (self->names, g_strdup (one->name != NULL ? one->name : _("Stories")));
    }
  if (self->filters->len == 0)
    {
      g_ptr_array_add (self->filters, merge_filters (filter, NULL));
      g_ptr_array_add (self->names, g_strdup (_("Stories")));
    }
  reload (self);
}

void
dash_timeline_view_set_bucket (DashTimelineView *self,
                               int               bucket)
{
  g_return_if_fail (DASH_IS_TIMELINE_VIEW (self));
  g_return_if_fail (bucket >= DASH_TIMELINE_VIEW_BUCKET_AUTO && bucket <= DASH_BUCKET_YEAR);

  if (self->user_bucket == bucket)
    return;
  self->user_bucket = bucket;
  if (self->corpus != NULL)
    {
      /* A longer bucket may not fit in the zoomed span any more. */
      if (self->zoomed)
        show_range (self, self->view_start, self->view_end);
      update_source_chart (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUCKET]);
}

int
dash_timeline_view_get_shown_bucket (DashTimelineView *self)
{
  g_return_val_if_fail (DASH_IS_TIMELINE_VIEW (self), -1);
  return self->shown_bucket;
}

int
dash_timeline_view_get_bucket (DashTimelineView *self)
{
  g_return_val_if_fail (DASH_IS_TIMELINE_VIEW (self), DASH_TIMELINE_VIEW_BUCKET_AUTO);
  return self->user_bucket;
}

void
dash_timeline_view_set_style (DashTimelineView  *self,
                              DashTimelineStyle  style)
{
  g_return_if_fail (DASH_IS_TIMELINE_VIEW (self));
  g_return_if_fail (style == DASH_TIMELINE_STYLE_BARS || style == DASH_TIMELINE_STYLE_AREAS);

  if (self->style == style)
    return;
  self->style = style;
  if (self->chart != NULL)
    {
      dash_timeline_chart_set_style (self->chart, style);
      remember_selection (self);
      drop_cache (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART_STYLE]);
}

DashTimelineStyle
dash_timeline_view_get_style (DashTimelineView *self)
{
  g_return_val_if_fail (DASH_IS_TIMELINE_VIEW (self), DASH_TIMELINE_STYLE_BARS);
  return self->style;
}

/* The titles of a bucket's top stories, looked up when its tooltip first asks. */

typedef struct {
  char       *path;
  DashFilter *filter;
  char       *key;
  guint       generation;
  GStrv       titles;
} TitlesJob;

static void
titles_job_free (gpointer data)
{
  TitlesJob *job = data;

  g_free (job->path);
  dash_filter_free (job->filter);
  g_free (job->key);
  g_strfreev (job->titles);
  g_free (job);
}

static void
titles_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TitlesJob *job = task_data;
  g_autoptr(DashCorpus) corpus = NULL;
  g_autoptr(GListModel) stories = NULL;
  g_autoptr(GStrvBuilder) titles = g_strv_builder_new ();
  GError *error = NULL;

  corpus = dash_corpus_open (job->path, &error);
  stories = corpus != NULL ? dash_corpus_query (corpus, job->filter, &error) : NULL;
  if (stories == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < MIN (g_list_model_get_n_items (stories), N_TITLES); i++)
    {
      g_autoptr(DashArticle) article = g_list_model_get_item (stories, i);

      if (article != NULL && dash_article_get_title (article) != NULL)
        g_strv_builder_add (titles, dash_article_get_title (article));
    }
  job->titles = g_strv_builder_end (titles);
  g_task_return_boolean (task, TRUE);
}

static void
titles_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DashTimelineView) self = dash_weak_ref_steal (user_data);
  TitlesJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (result), &error);
  if (self == NULL || job->generation != self->generation)
    return;
  g_hash_table_remove (self->titles_pending, job->key);
  if (!ok)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot list the stories of %s: %s", job->key, error->message);
      /* Keep an empty list: the tooltip does without rather than asking again. */
      g_hash_table_insert (self->titles, g_steal_pointer (&job->key), g_new0 (char *, 1));
      return;
    }
  g_hash_table_insert (self->titles, g_steal_pointer (&job->key), g_steal_pointer (&job->titles));
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

static char *
titles_key (DashBucket bucket,
            guint      series,
            gint64     start)
{
  return g_strdup_printf ("%u:%s:%" G_GINT64_FORMAT, series, dash_bucket_to_string (bucket),
                          start);
}

/* The titles of the top stories of @series in the bucket starting at @start, or NULL while
 * they are looked up (the lookup starts then). */
static const char * const *
lookup_titles (DashTimelineView *self,
               guint             series,
               gint64            start)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *key = titles_key (self->chart->bucket, series, start);
  const char * const *titles = g_hash_table_lookup (self->titles, key);
  TitlesJob *job;
  DashFilter *filter;

  if (titles != NULL || g_hash_table_contains (self->titles_pending, key) ||
      series >= self->filters->len)
    return titles;

  filter = dash_filter_copy (g_ptr_array_index (self->filters, series));
  filter->from = MAX (filter->from, start);
  filter->to = filter->to != 0 ? MIN (filter->to, dash_bucket_next (self->chart->bucket, start))
                               : dash_bucket_next (self->chart->bucket, start);
  filter->limit = N_TITLES;
  /* The best matches of a search, else the latest stories. */
  filter->sort = filter->query != NULL ? DASH_SORT_RELEVANCE : DASH_SORT_DATE_DESC;

  job = g_new0 (TitlesJob, 1);
  job->path = g_strdup (dash_corpus_get_path (self->corpus));
  job->filter = filter;
  job->key = g_strdup (key);
  job->generation = self->generation;
  g_hash_table_add (self->titles_pending, g_steal_pointer (&key));

  task = g_task_new (NULL, self->cancellable, titles_done_cb, dash_weak_ref_new (self));
  g_task_set_source_tag (task, lookup_titles);
  g_task_set_name (task, "[dash] timeline titles");
  g_task_set_task_data (task, job, titles_job_free);
  g_task_run_in_thread (task, titles_thread);
  return NULL;
}

/* The chart's style from the theme: the widget's colour and font, the dark palette when
 * the style manager says so, a clear background. */
static void
get_style (DashTimelineView *self,
           DashChartStyle   *style,
           GdkRGBA          *color,
           double           *font_size,
           const char      **font_family)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *desc = pango_context_get_font_description (context);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  double size = 0;

  /* GTK 4.8 has no gtk_widget_get_color (4.10): the style context is the way. */
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), color);

  if (desc != NULL)
    {
      size = pango_font_description_get_size (desc) / (double)PANGO_SCALE;
      if (!pango_font_description_get_size_is_absolute (desc))
        {
          double dpi = pango_cairo_context_get_resolution (context);

          size *= (dpi > 0 ? dpi : 96) / 72.0;
        }
      *font_family = pango_font_description_get_family (desc);
    }
  else
    *font_family = NULL;
  *font_size = size > 0 ? size : 12;

  dash_chart_style_init (style, dark);
  style->foreground = (DashChartColor) { color->red, color->green, color->blue, color->alpha };
  style->background.alpha = 0;
  style->font_size = *font_size;
  style->show_footer = FALSE;
}

static double
get_font_size (DashTimelineView *self)
{
  DashChartStyle style;
  GdkRGBA color;
  double size;
  const char *family;

  get_style (self, &style, &color, &size, &family);
  return size;
}

static int
compare_bars (gconstpointer a,
              gconstpointer b)
{
  const Bar *bar_a = a;
  const Bar *bar_b = b;

  if (bar_a->center != bar_b->center)
    return (bar_a->center > bar_b->center) - (bar_a->center < bar_b->center);
  return (bar_a->series > bar_b->series) - (bar_a->series < bar_b->series);
}

/* Where the bars stand, from the same geometry as the drawing. */
static void
compute_bars (DashTimelineView     *self,
              cairo_t              *cr,
              double                width,
              double                height,
              const DashChartStyle *style)
{
  g_autoptr(GArray) bars = dash_timeline_chart_get_bars (cr, width, height, self->chart, style);
  guint first = 0;

  g_array_set_size (self->bars, 0);
  self->plot_top = G_MAXDOUBLE;
  self->baseline = 0;
  self->has_plot = dash_timeline_chart_get_plot (cr, width, height, self->chart, style,
                                                 &self->plot, &self->plot_start, &self->plot_end);
  for (guint j = 0; j < bars->len; j++)
    {
      const DashTimelineBar *drawn = &g_array_index (bars, DashTimelineBar, j);
      Bar bar = { drawn->series, drawn->index, drawn->rect, 0, 0 };

      bar.center = bar.rect.x + bar.rect.width / 2;
      bar.half = bar.rect.width / 2;
      self->plot_top = MIN (self->plot_top, bar.rect.y);
      self->baseline = MAX (self->baseline, bar.rect.y + bar.rect.height);
      g_array_append_val (self->bars, bar);
    }
  if (self->has_plot)
    {
      self->plot_top = MIN (self->plot_top, self->plot.y);
      self->baseline = MAX (self->baseline, self->plot.y + self->plot.height);
    }

  /* A column reaches halfway to the next bar of the same series. */
  for (guint j = 0; j <= self->bars->len; j++)
    {
      const Bar *bars = (const Bar *)self->bars->data;

      if (j < self->bars->len && j > first && bars[j].series == bars[first].series)
        continue;
      for (guint k = first; k < j; k++)
        {
          Bar *bar = &g_array_index (self->bars, Bar, k);
          double gap = G_MAXDOUBLE;

          if (k > first)
            gap = MIN (gap, bar->center - g_array_index (self->bars, Bar, k - 1).center);
          if (k + 1 < j)
            gap = MIN (gap, g_array_index (self->bars, Bar, k + 1).center - bar->center);
          if (gap < G_MAXDOUBLE)
            bar->half = MAX (bar->half, gap / 2);
        }
      first = j;
    }
  g_array_sort (self->bars, compare_bars);
}

/* The point a bar stands for. */
static const DashTimelinePoint *
bar_point (DashTimelineView *self,
           const Bar        *bar)
{
  const DashTimelineSeries *series = g_ptr_array_index (self->chart->series, bar->series);

  return &g_array_index (series->points, DashTimelinePoint, bar->index);
}

static gboolean
ensure_cache (DashTimelineView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GtkSnapshot) snapshot = NULL;
  DashChartStyle style;
  GdkRGBA color;
  double font_size;
  const char *font_family;
  cairo_t *cr;

  if (self->chart == NULL || self->n_points == 0 || width <= 0 || height <= 0)
    return FALSE;

  get_style (self, &style, &color, &font_size, &font_family);
  if (self->cache != NULL &&
      self->cache_width == width && self->cache_height == height &&
      gdk_rgba_equal (&self->cache_color, &color) &&
      self->cache_dark == style.dark &&
      self->cache_font_size == font_size &&
      g_strcmp0 (self->cache_font_family, font_family) == 0)
    return TRUE;

  drop_cache (self);
  self->cache_width = width;
  self->cache_height = height;
  self->cache_color = color;
  self->cache_dark = style.dark;
  self->cache_font_size = font_size;
  g_free (self->cache_font_family);
  self->cache_font_family = g_strdup (font_family);
  style.font_family = self->cache_font_family;

  snapshot = gtk_snapshot_new ();
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  dash_timeline_chart_draw (cr, width, height, self->chart, &style);
  compute_bars (self, cr, width, height, &style);
  cairo_destroy (cr);
  self->cache = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));

  /* The bar chosen before a zoom or a pan, if it is still in sight. */
  if (self->reselect)
    {
      self->reselect = FALSE;
      for (guint i = 0; i < self->bars->len; i++)
        {
          const Bar *bar = &g_array_index (self->bars, Bar, i);
          const DashTimelinePoint *point = bar_point (self, bar);

          if (bar->series == self->reselect_series && point->start <= self->reselect_time &&
              self->reselect_time < dash_bucket_next (self->chart->bucket, point->start))
            {
              self->selected = i;
              break;
            }
        }
    }
  return self->cache != NULL;
}

/* The time at @x in the plot, as drawn last. */
static gint64
time_at (DashTimelineView *self,
         double            x)
{
  double fraction;

  if (!self->has_plot || self->plot.width <= 0)
    return self->plot_start + (self->plot_end - self->plot_start) / 2;
  fraction = CLAMP ((x - self->plot.x) / self->plot.width, 0, 1);
  return self->plot_start + (gint64)round (fraction * (self->plot_end - self->plot_start));
}

static double
x_at (DashTimelineView *self,
      gint64            time)
{
  if (!self->has_plot || self->plot_end <= self->plot_start)
    return 0;
  return self->plot.x + self->plot.width * (double)(time - self->plot_start) /
                        (double)(self->plot_end - self->plot_start);
}

/* The bucket of the chart holding @time; FALSE outside the buckets. */
static gboolean
bucket_at (DashTimelineView *self,
           gint64            time,
           gint64           *start,
           gint64           *end)
{
  for (guint s = 0; self->chart != NULL && s < self->chart->series->len; s++)
    {
      const DashTimelineSeries *series = g_ptr_array_index (self->chart->series, s);
      const DashTimelinePoint *points = (const DashTimelinePoint *)series->points->data;
      guint lo = 0, hi = series->points->len;

      /* The last point starting at or before @time. */
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (points[mid].start <= time)
            lo = mid + 1;
          else
            hi = mid;
        }
      if (lo > 0 && time < dash_bucket_next (self->chart->bucket, points[lo - 1].start))
        {
          *start = points[lo - 1].start;
          *end = dash_bucket_next (self->chart->bucket, *start);
          return TRUE;
        }
    }
  return FALSE;
}

/* The band between @x0 and @x1, stretched to whole buckets (whole days outside them). */
static void
update_band (DashTimelineView *self,
             double            x0,
             double            x1)
{
  gint64 a = time_at (self, MIN (x0, x1));
  gint64 b = time_at (self, MAX (x0, x1));
  gint64 start, end, ignored;

  if (!bucket_at (self, a, &start, &ignored))
    start = a - (a % DAY + DAY) % DAY;
  if (!bucket_at (self, MAX (b - 1, a), &ignored, &end))
    end = b - (b % DAY + DAY) % DAY + DAY;
  self->band = TRUE;
  self->band_start = start;
  self->band_end = MAX (end, start + DAY);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static int
bar_at (DashTimelineView *self,
        double            x,
        double            y)
{
  int found = -1;
  double best_x = G_MAXDOUBLE;
  double best_y = G_MAXDOUBLE;

  if (self->bars->len == 0)
    return -1;
  if (y < self->plot_top - self->cache_font_size || y > self->baseline + 2 * self->cache_font_size)
    return -1;
  /* The nearest column; in a stack, the band under the pointer (or the nearest). */
  for (guint i = 0; i < self->bars->len; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);
      double dx = fabs (x - bar->center);
      double dy = y < bar->rect.y ? bar->rect.y - y
                  : y > bar->rect.y + bar->rect.height ? y - (bar->rect.y + bar->rect.height)
                  : 0;

      if (dx > bar->half)
        continue;
      if (dx < best_x - 0.5 || (dx <= best_x + 0.5 && dy < best_y))
        {
          best_x = MIN (best_x, dx);
          best_y = dy;
          found = i;
        }
    }
  return found;
}

gboolean
dash_timeline_view_get_bar_at (DashTimelineView *self,
                               double            x,
                               double            y,
                               guint            *series,
                               guint            *index)
{
  int i;

  g_return_val_if_fail (DASH_IS_TIMELINE_VIEW (self), FALSE);

  i = bar_at (self, x, y);
  if (i < 0)
    return FALSE;
  if (series != NULL)
    *series = g_array_index (self->bars, Bar, i).series;
  if (index != NULL)
    *index = g_array_index (self->bars, Bar, i).index;
  return TRUE;
}

/* "Mar 2025", @separator, "3 stories", with the series' name when there are several. */
static char *
describe_bar (DashTimelineView *self,
              const Bar        *bar,
              const char       *separator)
{
  const DashTimelineSeries *series = g_ptr_array_index (self->chart->series, bar->series);
  const DashTimelinePoint *point = bar_point (self, bar);
  g_autofree char *bucket = format_bucket (self->chart->bucket, point->start);
  g_autofree char *count = format_count (point->count);

  if (self->chart->series->len > 1)
    {
      /* Translators: a series' name and its story count in a bucket, "China: 3 stories". */
      g_autofree char *named = g_strdup_printf (_("%s: %s"), series->name, count);

      return g_strdup_printf ("%s%s%s", bucket, separator, named);
    }
  return g_strdup_printf ("%s%s%s", bucket, separator, count);
}

/* The bucket in bold, the series and its count, then (from a corpus) the titles of its
 * top stories; every text escaped. */
static char *
tooltip_markup (DashTimelineView *self,
                const Bar        *bar)
{
  const DashTimelineSeries *series = g_ptr_array_index (self->chart->series, bar->series);
  const DashTimelinePoint *point = bar_point (self, bar);
  g_autofree char *bucket = format_bucket (self->chart->bucket, point->start);
  g_autofree char *count = format_count (point->count);
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *heading = g_markup_printf_escaped ("<b>%s</b>", bucket);

  g_string_append (markup, heading);
  if (self->chart->series->len > 1)
    {
      /* Translators: a series' name and its story count in a bucket, "China: 3 stories". */
      g_autofree char *named = g_strdup_printf (_("%s: %s"), series->name, count);
      g_autofree char *line = g_markup_printf_escaped ("\n%s", named);

      g_string_append (markup, line);
    }
  else
    {
      g_autofree char *line = g_markup_printf_escaped ("\n%s", count);

      g_string_append (markup, line);
    }

  if (self->corpus != NULL && point->count > 0)
    {
      const char * const *titles = lookup_titles (self, bar->series, point->start);

      if (titles == NULL)
        {
          g_autofree char *line = g_markup_printf_escaped ("\n<i>%s</i>", _("Loading stories…"));

          g_string_append (markup, line);
        }
      for (guint i = 0; titles != NULL && titles[i] != NULL; i++)
        {
          /* Translators: a story's title in a list, "• Ferries agree on a timetable". */
          g_autofree char *item = g_strdup_printf (_("• %s"), titles[i]);
          g_autofree char *line = g_markup_printf_escaped ("\n%s", item);

          g_string_append (markup, line);
        }
    }
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static void
dash_timeline_view_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  DashTimelineView *self = DASH_TIMELINE_VIEW (widget);
  int highlight;

  if (self->chart == NULL || self->n_points == 0)
    {
      /* Text of our own, so that it is translated. */
      const char *text = dash_timeline_view_get_loading (self) ? _("Counting stories…")
                                                               : _("No stories");
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
      GdkRGBA color;
      int w, h;

      gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
      color.alpha *= 0.55;
      pango_layout_get_pixel_size (layout, &w, &h);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT ((gtk_widget_get_width (widget) - w) / 2,
                                                    (gtk_widget_get_height (widget) - h) / 2));
      gtk_snapshot_append_layout (snapshot, layout, &color);
      gtk_snapshot_restore (snapshot);
      return;
    }

  if (!ensure_cache (self))
    return;
  gtk_snapshot_append_node (snapshot, self->cache);

  /* Only the highlight and the band change from frame to frame. */
  highlight = self->selected >= 0 ? self->selected : self->hover;
  if (highlight >= 0 && (guint)highlight < self->bars->len)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, highlight);
      GdkRGBA color = self->cache_color;
      double top = self->plot_top - self->cache_font_size * 0.3;

      color.alpha *= 0.12;
      gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (self->plot.x - 2, 0,
                                                             self->plot.width + 4,
                                                             self->cache_height));
      gtk_snapshot_append_color (snapshot, &color,
                                 &GRAPHENE_RECT_INIT (bar->rect.x - 2, top, bar->rect.width + 4,
                                                      self->baseline - top));
      gtk_snapshot_pop (snapshot);
    }

  /* The selection band, translucent over the bars, with its edges marked. */
  if (self->band && self->has_plot)
    {
      double a = CLAMP (x_at (self, self->band_start), self->plot.x,
                        self->plot.x + self->plot.width);
      double b = CLAMP (x_at (self, self->band_end), self->plot.x,
                        self->plot.x + self->plot.width);
      GdkRGBA fill = self->cache_color;
      GdkRGBA edge = self->cache_color;
      graphene_rect_t area = GRAPHENE_RECT_INIT (a, self->plot.y, MAX (b - a, 1),
                                                 self->plot.height);

      fill.alpha *= 0.12;
      edge.alpha *= 0.6;
      gtk_snapshot_append_color (snapshot, &fill, &area);
      gtk_snapshot_append_color (snapshot, &edge,
                                 &GRAPHENE_RECT_INIT (a, self->plot.y, 1, self->plot.height));
      gtk_snapshot_append_color (snapshot, &edge,
                                 &GRAPHENE_RECT_INIT (MAX (b - 1, a), self->plot.y, 1,
                                                      self->plot.height));
    }

  /* GTK 4 has no keyboard tooltips: the chosen bar's count goes at the top right. */
  if (self->selected >= 0 && (guint)self->selected < self->bars->len)
    {
      g_autofree char *text = describe_bar (self, &g_array_index (self->bars, Bar,
                                                                  self->selected), ": ");
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (MAX (0, self->cache_width - w -
                                                               1.5 * self->cache_font_size),
                                                    self->cache_font_size));
      gtk_snapshot_append_layout (snapshot, layout, &self->cache_color);
      gtk_snapshot_restore (snapshot);
    }
}

static gboolean
dash_timeline_view_query_tooltip (GtkWidget  *widget,
                                  int         x,
                                  int         y,
                                  gboolean    keyboard_mode,
                                  GtkTooltip *tooltip)
{
  DashTimelineView *self = DASH_TIMELINE_VIEW (widget);
  g_autofree char *markup = NULL;
  const Bar *bar;
  int i;

  /* No tooltip over a band being dragged. */
  if (self->band)
    return FALSE;
  i = keyboard_mode ? self->selected : bar_at (self, x, y);
  if (i < 0 || (guint)i >= self->bars->len)
    return FALSE;

  bar = &g_array_index (self->bars, Bar, i);
  markup = tooltip_markup (self, bar);
  gtk_tooltip_set_markup (tooltip, markup);
  /* Moving onto another bar (or, in a stack, another band) asks again. */
  if (self->chart->style == DASH_TIMELINE_STYLE_AREAS)
    gtk_tooltip_set_tip_area (tooltip,
                              &(GdkRectangle) { floor (bar->center - bar->half),
                                                floor (bar->rect.y), ceil (2 * bar->half),
                                                MAX (ceil (bar->rect.height), 1) });
  else
    gtk_tooltip_set_tip_area (tooltip,
                              &(GdkRectangle) { floor (bar->center - bar->half), 0,
                                                ceil (2 * bar->half),
                                                gtk_widget_get_height (widget) });
  return TRUE;
}

/* Input. The gestures only act where the page makes the view focusable: a compact chart
 * inside a button is a picture. */

static gboolean
interactive (DashTimelineView *self)
{
  return gtk_widget_get_focusable (GTK_WIDGET (self)) && self->chart != NULL &&
         self->n_points > 0;
}

static void
activate_bar (DashTimelineView *self,
              int               i)
{
  const DashTimelinePoint *point;

  if (i < 0 || (guint)i >= self->bars->len)
    return;
  point = bar_point (self, &g_array_index (self->bars, Bar, i));
  g_signal_emit (self, signals[RANGE_ACTIVATED], 0, point->start,
                 dash_bucket_next (self->chart->bucket, point->start));
}

void
_dash_timeline_view_drag_begin (DashTimelineView *self,
                                double            x,
                                double            y,
                                guint             button,
                                GdkModifierType   state)
{
  g_return_if_fail (DASH_IS_TIMELINE_VIEW (self));

  self->drag_mode = DRAG_NONE;
  self->drag_x = x;
  self->drag_y = y;
  self->drag_moved = FALSE;
  if (!interactive (self) || !ensure_cache (self))
    return;
  dash_timeline_view_get_visible_range (self, &self->drag_view_start, &self->drag_view_end);
  if (button == GDK_BUTTON_MIDDLE ||
      (button == GDK_BUTTON_PRIMARY && (state & GDK_SHIFT_MASK) != 0))
    self->drag_mode = self->zoomed ? DRAG_PAN : DRAG_NONE;
  else if (button == GDK_BUTTON_PRIMARY)
    self->drag_mode = DRAG_SELECT;
}

void
_dash_timeline_view_drag_update (DashTimelineView *self,
                                 double            dx,
                                 double            dy)
{
  g_return_if_fail (DASH_IS_TIMELINE_VIEW (self));

  if (self->drag_mode == DRAG_NONE)
    return;
  if (!self->drag_moved && hypot (dx, dy) >= CLICK_DISTANCE)
    self->drag_moved = TRUE;
  if (!self->drag_moved)
    return;

  if (self->drag_mode == DRAG_PAN && self->has_plot && self->plot.width > 0)
    {
      gint64 span = self->drag_view_end - self->drag_view_start;
      gint64 delta = (gint64)round (-dx * span / self->plot.width);

      show_range (self, self->drag_view_start + delta, self->drag_view_end + delta);
    }
  else if (self->drag_mode == DRAG_SELECT)
    update_band (self, self->drag_x, self->drag_x + dx);
}

void
_dash_timeline_view_drag_end (DashTimelineView *self,
                              double            dx,
                              double            dy)
{
  DragMode mode;

  g_return_if_fail (DASH_IS_TIMELINE_VIEW (self));

  _dash_timeline_view_drag_update (self, dx, dy);
  mode = self->drag_mode;
  self->drag_mode = DRAG_NONE;
  if (mode != DRAG_SELECT)
    return;

  if (!self->drag_moved)
    activate_bar (self, bar_at (self, self->drag_x, self->drag_y));
  else if (self->band)
    {
      gint64 start = self->band_start;
      gint64 end = self->band_end;

      self->band = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_signal_emit (self, signals[RANGE_SELECTED], 0, start, end);
    }
}

gboolean
_dash_timeline_view_get_band (DashTimelineView *self,
                              gint64           *start,
                              gint64           *end)
{
  g_return_val_if_fail (DASH_IS_TIMELINE_VIEW (self), FALSE);

  if (!self->band)
    return FALSE;
  if (start != NULL)
    *start = self->band_start;
  if (end != NULL)
    *end = self->band_end;
  return TRUE;
}

static void
drag_begin_cb (DashTimelineView *self,
               double            x,
               double            y,
               GtkGestureDrag   *gesture)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType state =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  _dash_timeline_view_drag_begin (self, x, y, button, state);
  if (self->drag_mode == DRAG_NONE)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
drag_update_cb (DashTimelineView *self,
                double            dx,
                double            dy,
                GtkGestureDrag   *gesture)
{
  _dash_timeline_view_drag_update (self, dx, dy);
  /* A drag is ours: the page around does not scroll with it. */
  if (self->drag_moved)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
drag_end_cb (DashTimelineView *self,
             double            dx,
             double            dy,
             GtkGestureDrag   *gesture)
{
  _dash_timeline_view_drag_end (self, dx, dy);
}

static void
drag_cancel_cb (DashTimelineView *self,
                GdkEventSequence *sequence,
                GtkGesture       *gesture)
{
  self->drag_mode = DRAG_NONE;
  if (self->band)
    {
      self->band = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

gboolean
_dash_timeline_view_scroll (DashTimelineView *self,
                            double            x,
                            double            dx,
                            double            dy,
                            GdkModifierType   state,
                            gboolean          pixels)
{
  gint64 start, end;

  g_return_val_if_fail (DASH_IS_TIMELINE_VIEW (self), FALSE);

  if (!interactive (self) || !ensure_cache (self))
    return FALSE;

  if ((state & GDK_CONTROL_MASK) != 0)
    {
      double steps = pixels ? dy / 20.0 : dy;

      if (steps == 0)
        return TRUE;
      zoom_around (self, pow (1.25, -steps), time_at (self, x));
      return TRUE;
    }

  /* Sideways (or Shift and the wheel) pans the zoomed chart; anything else is the page's. */
  if (dx == 0 && (state & GDK_SHIFT_MASK) != 0)
    dx = dy;
  else if (dx == 0)
    return FALSE;
  if (!self->zoomed)
    return FALSE;
  dash_timeline_view_get_visible_range (self, &start, &end);
  if (pixels && self->plot.width > 0)
    return pan (self, (gint64)round (dx * (end - start) / self->plot.width));
  return pan (self, (gint64)round (dx * (end - start) / 10.0));
}

static gboolean
scroll_cb (DashTimelineView         *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *scroll)
{
  GdkModifierType state =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));
  gboolean pixels = gtk_event_controller_scroll_get_unit (scroll) == GDK_SCROLL_UNIT_SURFACE;
  double x = self->pointer_x >= 0 ? self->pointer_x : self->plot.x + self->plot.width / 2;

  return _dash_timeline_view_scroll (self, x, dx, dy, state, pixels);
}

void
_dash_timeline_view_pinch_begin (DashTimelineView *self,
                                 double            x)
{
  g_return_if_fail (DASH_IS_TIMELINE_VIEW (self));

  ensure_cache (self);
  self->pinch_time = time_at (self, x);
  dash_timeline_view_get_visible_range (self, &self->pinch_view_start, &self->pinch_view_end);
}

void
_dash_timeline_view_pinch_scale (DashTimelineView *self,
                                 double            scale)
{
  gint64 span = self->pinch_view_end - self->pinch_view_start;
  double from;

  g_return_if_fail (DASH_IS_TIMELINE_VIEW (self));

  if (scale <= 0 || span <= 0)
    return;
  /* From the span at the pinch's start, so that going back and forth stays put. */
  from = self->pinch_time - (self->pinch_time - self->pinch_view_start) / scale;
  show_range (self, (gint64)round (from), (gint64)round (from + span / scale));
}

static void
pinch_begin_cb (DashTimelineView *self,
                GdkEventSequence *sequence,
                GtkGesture       *gesture)
{
  double x, y;

  if (!interactive (self) || !gtk_gesture_get_bounding_box_center (gesture, &x, &y))
    {
      gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
  _dash_timeline_view_pinch_begin (self, x);
}

static void
pinch_scale_cb (DashTimelineView *self,
                double            scale,
                GtkGestureZoom   *gesture)
{
  _dash_timeline_view_pinch_scale (self, scale);
}

gboolean
_dash_timeline_view_get_bar_rect (DashTimelineView *self,
                                  guint             series,
                                  guint             index,
                                  graphene_rect_t  *rect)
{
  g_return_val_if_fail (DASH_IS_TIMELINE_VIEW (self), FALSE);

  if (!ensure_cache (self))
    return FALSE;
  for (guint i = 0; i < self->bars->len; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);

      if (bar->series == series && bar->index == index)
        {
          graphene_rect_init (rect, bar->rect.x, bar->rect.y, bar->rect.width, bar->rect.height);
          return TRUE;
        }
    }
  return FALSE;
}

char *
_dash_timeline_view_get_tooltip_markup (DashTimelineView *self,
                                        guint             series,
                                        guint             index)
{
  g_return_val_if_fail (DASH_IS_TIMELINE_VIEW (self), NULL);

  if (!ensure_cache (self))
    return NULL;
  for (guint i = 0; i < self->bars->len; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);

      if (bar->series == series && bar->index == index)
        return tooltip_markup (self, bar);
    }
  return NULL;
}

static void
set_hover (DashTimelineView *self,
           int               hover)
{
  if (self->hover == hover)
    return;
  self->hover = hover;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (DashTimelineView         *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *motion)
{
  self->pointer_x = x;
  set_hover (self, bar_at (self, x, y));
}

static void
leave_cb (DashTimelineView         *self,
          GtkEventControllerMotion *motion)
{
  self->pointer_x = -1;
  set_hover (self, -1);
}

static void
pressed_cb (DashTimelineView *self,
            int               n_press,
            double            x,
            double            y,
            GtkGestureClick  *click)
{
  int i;

  if (!gtk_widget_get_focusable (GTK_WIDGET (self)))
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  i = bar_at (self, x, y);
  self->selected = i;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  /* A double click beside the bars shows the whole span again. */
  if (n_press == 2 && i < 0)
    dash_timeline_view_reset_zoom (self);
}

static void
focus_leave_cb (DashTimelineView        *self,
                GtkEventControllerFocus *focus)
{
  if (self->selected < 0)
    return;
  self->selected = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Left and Right step through the bars as drawn (panning a zoomed chart at its edges),
 * Home and End go to the ends. */
static gboolean
move_cb (GtkWidget *widget,
         GVariant  *args,
         gpointer   user_data)
{
  DashTimelineView *self = DASH_TIMELINE_VIEW (widget);
  int step = g_variant_get_int32 (args);
  int n = self->bars->len;
  int selected;

  if (n == 0)
    return FALSE;
  if (step == G_MININT32)
    selected = 0;
  else if (step == G_MAXINT32)
    selected = n - 1;
  else if (self->selected < 0)
    selected = self->hover >= 0 ? self->hover : step > 0 ? 0 : n - 1;
  else if (self->zoomed && (self->selected + step < 0 || self->selected + step >= n))
    {
      /* Past the edge of the zoomed span: bring the next bucket in, and choose it. */
      const Bar *bar = &g_array_index (self->bars, Bar, self->selected);
      const DashTimelinePoint *point = bar_point (self, bar);
      gint64 length = dash_bucket_next (self->chart->bucket, point->start) - point->start;
      guint series = bar->series;
      gint64 target = step < 0 ? point->start - 1 : point->start + length;

      if (target < self->full_start || target >= self->full_end)
        return TRUE;
      pan (self, step < 0 ? -length : length);
      self->reselect = TRUE;
      self->reselect_series = series;
      self->reselect_time = target;
      gtk_widget_trigger_tooltip_query (widget);
      return TRUE;
    }
  else
    selected = CLAMP (self->selected + step, 0, n - 1);

  self->selected = selected;
  gtk_widget_queue_draw (widget);
  gtk_widget_trigger_tooltip_query (widget);
  return TRUE;
}

/* Home shows the whole span of a zoomed chart, and goes to the first bar of the rest. */
static gboolean
home_cb (GtkWidget *widget,
         GVariant  *args,
         gpointer   user_data)
{
  DashTimelineView *self = DASH_TIMELINE_VIEW (widget);

  if (self->zoomed)
    {
      dash_timeline_view_reset_zoom (self);
      return TRUE;
    }
  return move_cb (widget, g_variant_new_int32 (G_MININT32), user_data);
}

static void
activate_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DashTimelineView *self = DASH_TIMELINE_VIEW (widget);

  ensure_cache (self);
  activate_bar (self, self->selected >= 0 ? self->selected : self->hover);
}

/* Around the chosen bar, else the pointer, else the middle. */
static gint64
zoom_anchor (DashTimelineView *self)
{
  gint64 start, end;

  if (self->selected >= 0 && (guint)self->selected < self->bars->len)
    return time_at (self, g_array_index (self->bars, Bar, self->selected).center);
  if (self->pointer_x >= 0 && self->has_plot)
    return time_at (self, self->pointer_x);
  dash_timeline_view_get_visible_range (self, &start, &end);
  return start + (end - start) / 2;
}

static void
zoom_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DashTimelineView *self = DASH_TIMELINE_VIEW (widget);
  gint64 anchor;

  ensure_cache (self);
  anchor = zoom_anchor (self);
  zoom_around (self, g_str_equal (action_name, "timeline.zoom-in") ? ZOOM_STEP : 1 / ZOOM_STEP,
               anchor);
}

static void
reset_zoom_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  dash_timeline_view_reset_zoom (DASH_TIMELINE_VIEW (widget));
}

static void
dash_timeline_view_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  DashTimelineView *self = DASH_TIMELINE_VIEW (widget);
  double size = get_font_size (self);

  if (self->chart == NULL || self->n_points == 0)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, _("No stories"));
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? w : h + (int)size;
      return;
    }

  /* Around the plot go about seven lines: the padding, the legend and the two lines of
   * the time axis; the plot gets about as much. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = ceil (10 * size);
      *natural = ceil (24 * size);
    }
  else
    {
      /* Containers such as GtkFlowBox hand out the minimum height: ask for the whole
       * height the bars need to read, there is no use in a flatter chart. */
      *minimum = *natural = ceil (12 * size);
    }
}

static void
dash_timeline_view_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  DashTimelineView *self = DASH_TIMELINE_VIEW (widget);

  if (width != self->cache_width || height != self->cache_height)
    drop_cache (self);
}

static void
style_changed_cb (DashTimelineView *self)
{
  drop_cache (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
dash_timeline_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DashTimelineView *self = DASH_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_BUCKET:
      g_value_set_int (value, self->user_bucket);
      break;
    case PROP_CHART_STYLE:
      g_value_set_enum (value, self->style);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, dash_timeline_view_get_loading (self));
      break;
    case PROP_SHOWN_BUCKET:
      g_value_set_int (value, self->shown_bucket);
      break;
    case PROP_ZOOMED:
      g_value_set_boolean (value, self->zoomed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dash_timeline_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DashTimelineView *self = DASH_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_BUCKET:
      dash_timeline_view_set_bucket (self, g_value_get_int (value));
      break;
    case PROP_CHART_STYLE:
      dash_timeline_view_set_style (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dash_timeline_view_dispose (GObject *object)
{
  DashTimelineView *self = (DashTimelineView *)object;

  clear_source (self);
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  g_clear_pointer (&self->chart, dash_timeline_chart_free);

  G_OBJECT_CLASS (dash_timeline_view_parent_class)->dispose (object);
}

static void
dash_timeline_view_finalize (GObject *object)
{
  DashTimelineView *self = (DashTimelineView *)object;

  g_clear_pointer (&self->bars, g_array_unref);
  g_clear_pointer (&self->cache_font_family, g_free);
  g_clear_pointer (&self->titles, g_hash_table_unref);
  g_clear_pointer (&self->titles_pending, g_hash_table_unref);

  G_OBJECT_CLASS (dash_timeline_view_parent_class)->finalize (object);
}

static void
dash_timeline_view_class_init (DashTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dash_timeline_view_dispose;
  object_class->finalize = dash_timeline_view_finalize;
  object_class->get_property = dash_timeline_view_get_property;
  object_class->set_property = dash_timeline_view_set_property;

  widget_class->measure = dash_timeline_view_measure;
  widget_class->size_allocate = dash_timeline_view_size_allocate;
  widget_class->snapshot = dash_timeline_view_snapshot;
  widget_class->query_tooltip = dash_timeline_view_query_tooltip;

  properties[PROP_BUCKET] =
    g_param_spec_int ("bucket", NULL, NULL,
                      DASH_TIMELINE_VIEW_BUCKET_AUTO, DASH_BUCKET_YEAR,
                      DASH_TIMELINE_VIEW_BUCKET_AUTO,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHART_STYLE] =
    g_param_spec_enum ("chart-style", NULL, NULL,
                       DASH_TYPE_TIMELINE_STYLE, DASH_TIMELINE_STYLE_BARS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOWN_BUCKET] =
    g_param_spec_int ("shown-bucket", NULL, NULL, -1, DASH_BUCKET_YEAR, -1,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOMED] =
    g_param_spec_boolean ("zoomed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A bucket was clicked (or chosen and activated): [@start, @end) in Unix seconds. */
  signals[RANGE_ACTIVATED] =
    g_signal_new ("range-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  /* A span was dragged across: the whole buckets it covers, [@start, @end). */
  signals[RANGE_SELECTED] =
    g_signal_new ("range-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "timeline.activate", NULL, activate_action_cb);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, zoom_action_cb);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, zoom_action_cb);
  gtk_widget_class_install_action (widget_class, "timeline.reset-zoom", NULL,
                                   reset_zoom_action_cb);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, 0, move_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Left, 0, move_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, 0, move_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Right, 0, move_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Home, 0, home_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_End, 0, move_cb, "i", G_MAXINT32);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "timeline.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "timeline.activate",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_ISO_Enter, 0, "timeline.activate",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "timeline.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "timeline.zoom-out",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "timeline.reset-zoom", NULL);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dash_timeline_view_init (DashTimelineView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  self->hover = -1;
  self->selected = -1;
  self->pointer_x = -1;
  self->user_bucket = DASH_TIMELINE_VIEW_BUCKET_AUTO;
  self->shown_bucket = -1;
  self->titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify)g_strfreev);
  self->titles_pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  /* Only where the page makes it focusable (not inside a button). */
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  /* Any button: the first selects or activates, Shift+first and the middle one pan. */
  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect_swapped (gesture, "cancel", G_CALLBACK (drag_cancel_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (gesture, "begin", G_CALLBACK (pinch_begin_cb), self);
  g_signal_connect_swapped (gesture, "scale-changed", G_CALLBACK (pinch_scale_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  /* Both axes, but only Ctrl+scroll and sideways scrolls are taken: the rest goes on to
   * the page. */
  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect_object (style_manager, "notify::dark", G_CALLBACK (style_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (style_manager, "notify::high-contrast",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);

  update_accessible (self);
}
