/* SPDX-License-Identifier: GPL-3.0-or-later */

/* timeline-draw: times what the timeline widget waits for.
 *
 *   timeline-draw [ROUNDS]       one dash_timeline_chart_draw() of ten years of stories,
 *                                per day and per week, bars and stacked areas, one and
 *                                three series, at 1200 × 400: median and p95 in ms
 *   timeline-draw --db DB        also what the widget asks of a corpus: a connection,
 *                                the counts per bucket, the bursts and a bucket's top
 *                                titles, for all stories, a topic and a search
 *
 * Figures go to stdout as "name: value" lines, as dash-bench's do. */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "dash-bench-util.h"
#include "dash-core.h"
#include "dash-charts.h"

#define DAY (24 * 60 * 60)
#define WIDTH 1200
#define HEIGHT 400

/* Ten years from 2015 in @bucket buckets, @n_series series with made-up counts that rise
 * and fall, and a burst mark a year. */
static DashTimelineChart *
make_chart (DashBucket bucket,
            guint      n_series)
{
  g_autoptr(GDateTime) first = g_date_time_new_utc (2015, 1, 5, 0, 0, 0);
  gint64 start = g_date_time_to_unix (first);
  gint64 end = start + 3653 * (gint64)DAY;
  DashTimelineChart *chart = dash_timeline_chart_new (NULL, bucket);
  guint32 seed = 7;

  for (guint s = 0; s < n_series; s++)
    {
      g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (DashTimelinePoint));
      g_autofree char *name = g_strdup_printf ("Series %u", s + 1);

      for (gint64 t = start; t < end; t = dash_bucket_next (bucket, t))
        {
          DashTimelinePoint point;

          seed = seed * 1103515245 + 12345;
          point.start = t;
          point.count = 20 + (guint)(15 * (1 + sin ((t - start) / (90.0 * DAY) + s))) +
                        (seed >> 16) % 10;
          g_array_append_val (points, point);
        }
      dash_timeline_chart_add_series (chart, name, points);
    }
  for (int year = 0; year < 10; year++)
    dash_timeline_chart_add_mark (chart, start + (year * 365 + 100) * (gint64)DAY,
                                  start + (year * 365 + 114) * (gint64)DAY, "Burst \u00d74.0");
  return chart;
}

static void
bench_draw (guint rounds)
{
  static const struct {
    const char       *name;
    DashBucket        bucket;
    guint             n_series;
    DashTimelineStyle style;
  } cases[] = {
    { "draw.day.bars.1", DASH_BUCKET_DAY, 1, DASH_TIMELINE_STYLE_BARS },
    { "draw.day.bars.3", DASH_BUCKET_DAY, 3, DASH_TIMELINE_STYLE_BARS },
    { "draw.day.areas.3", DASH_BUCKET_DAY, 3, DASH_TIMELINE_STYLE_AREAS },
    { "draw.week.bars.1", DASH_BUCKET_WEEK, 1, DASH_TIMELINE_STYLE_BARS },
    { "draw.week.bars.3", DASH_BUCKET_WEEK, 3, DASH_TIMELINE_STYLE_BARS },
    { "draw.week.areas.3", DASH_BUCKET_WEEK, 3, DASH_TIMELINE_STYLE_AREAS },
    { "draw.month.bars.3", DASH_BUCKET_MONTH, 3, DASH_TIMELINE_STYLE_BARS },
  };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  DashChartStyle style;

  dash_chart_style_init (&style, FALSE);
  style.show_footer = FALSE;
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(DashTimelineChart) chart = make_chart (cases[c].bucket, cases[c].n_series);
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *zoomed = g_strdup_printf ("%s.zoomed-90-days", cases[c].name);
      guint n_points = ((DashTimelineSeries *)g_ptr_array_index (chart->series, 0))->points->len;

      dash_timeline_chart_set_style (chart, cases[c].style);
      printf ("%s.points: %u\n", cases[c].name, n_points * cases[c].n_series);
      for (guint zoom = 0; zoom < 2; zoom++)
        {
          g_array_set_size (times, 0);
          if (zoom == 1)
            {
              /* What a pan redraws: the same series over a shorter span. */
              const DashTimelineSeries *series = g_ptr_array_index (chart->series, 0);
              const DashTimelinePoint *first = &g_array_index (series->points, DashTimelinePoint,
                                                               n_points / 2);

              dash_timeline_chart_set_range (chart, first->start, first->start + 90 * DAY);
            }
          for (guint r = 0; r < rounds; r++)
            {
              cairo_t *cr = cairo_create (surface);
              double start = dash_bench_now_ms ();

              dash_timeline_chart_draw (cr, WIDTH, HEIGHT, chart, &style);
              cairo_surface_flush (surface);
              g_array_append_val (times, (double) { dash_bench_now_ms () - start });
              cairo_destroy (cr);
            }
          dash_bench_print_times (zoom == 0 ? cases[c].name : zoomed, times);
        }
      {
        /* The widget's hit rectangles, computed once per picture. */
        cairo_t *cr = cairo_create (surface);
        double start = dash_bench_now_ms ();
        g_autoptr(GArray) bars = NULL;

        dash_timeline_chart_set_range (chart, 0, 0);
        bars = dash_timeline_chart_get_bars (cr, WIDTH, HEIGHT, chart, &style);
        printf ("%s.get_bars_ms: %.2f\n", cases[c].name, dash_bench_now_ms () - start);
        cairo_destroy (cr);
      }
    }
  cairo_surface_destroy (surface);
}

static int
bench_corpus (const char *path)
{
  g_autoptr(DashCorpus) corpus = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DashFilter) topic = dash_filter_new ();
  g_autoptr(DashFilter) search = dash_filter_new ();
  const struct {
    const char *name;
    DashFilter *filter;
  } filters[] = { { "all", NULL }, { "topic", topic }, { "search", search } };
  DashCorpusStats stats;
  double start;

  start = dash_bench_now_ms ();
  corpus = dash_corpus_open (path, &error);
  if (corpus == NULL)
    {
      fprintf (stderr, "timeline-draw: %s\n", error->message);
      return 2;
    }
  /* What each worker pays before it counts: its own connection. */
  printf ("corpus.open_ms: %.2f\n", dash_bench_now_ms () - start);
  if (!dash_corpus_get_stats (corpus, &stats, &error))
    {
      fprintf (stderr, "timeline-draw: %s\n", error->message);
      return 2;
    }
  printf ("corpus.stories: %u\n", stats.articles);

  dash_filter_set_topic (topic, "trade_war");
  dash_filter_set_query (search, "China");
  for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
    {
      g_autoptr(GPtrArray) bursts = NULL;
      g_autoptr(GListModel) top = NULL;
      g_autoptr(DashFilter) bucket = filters[f].filter != NULL
                                     ? dash_filter_copy (filters[f].filter) : dash_filter_new ();

      for (int b = DASH_BUCKET_DAY; b <= DASH_BUCKET_YEAR; b++)
        {
          g_autoptr(GArray) points = NULL;

          start = dash_bench_now_ms ();
          points = dash_corpus_timeline (corpus, filters[f].filter, b, &error);
          if (points == NULL)
            {
              fprintf (stderr, "timeline-draw: %s\n", error->message);
              return 2;
            }
          printf ("timeline.%s.%s_ms: %.2f\n", filters[f].name, dash_bucket_to_string (b),
                  dash_bench_now_ms () - start);
        }

      start = dash_bench_now_ms ();
      bursts = dash_corpus_bursts (corpus, filters[f].filter, &error);
      if (bursts == NULL)
        {
          fprintf (stderr, "timeline-draw: %s\n", error->message);
          return 2;
        }
      printf ("bursts.%s_ms: %.2f\n", filters[f].name, dash_bench_now_ms () - start);

      /* A tooltip's three titles for the last month. */
      bucket->from = stats.last - 30 * DAY;
      bucket->to = stats.last + 1;
      bucket->limit = 3;
      bucket->sort = bucket->query != NULL ? DASH_SORT_RELEVANCE : DASH_SORT_DATE_DESC;
      start = dash_bench_now_ms ();
      top = dash_corpus_query (corpus, bucket, &error);
      if (top == NULL)
        {
          fprintf (stderr, "timeline-draw: %s\n", error->message);
          return 2;
        }
      for (guint i = 0; i < g_list_model_get_n_items (top); i++)
        g_object_unref (g_list_model_get_item (top, i));
      printf ("titles.%s_ms: %.2f\n", filters[f].name, dash_bench_now_ms () - start);
    }
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  const char *db = NULL;
  guint rounds = 30;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--db") && i + 1 < argc)
        db = argv[++i];
      else if (g_ascii_isdigit (argv[i][0]))
        rounds = MAX (1, (guint)g_ascii_strtoull (argv[i], NULL, 10));
      else
        {
          fprintf (stderr, "usage: timeline-draw [ROUNDS] [--db DB]\n");
          return 1;
        }
    }

  bench_draw (rounds);
  return db != NULL ? bench_corpus (db) : 0;
}
