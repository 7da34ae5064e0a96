/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The timeline widget in a real window: run under Xvfb (xvfb-run -a). It counts a small
 * corpus made here; clicks, drags, scrolls and pinches go through the same functions as
 * the gestures' handlers, keys through the widget's own key bindings. Without a display
 * the tests are skipped, or fail when DASH_REQUIRE_DISPLAY is set. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "dash-core.h"
#include "dash-test-ui.h"
#include "dash-test-util.h"
#include "dash-timeline-view.h"
#include "dash-timeline-view-private.h"

#define DAY (24 * 60 * 60)

/* A weekly story over two years (2023 and 2024), trade war and AI in turn, and a burst
 * of eight more trade-war stories in the week of 3 June 2024; the latest of them has a
 * title that would break markup. */
#define N_WEEKS 104
#define N_BURST 8
static const char markup_title[] = "Tariffs <rise> & ports \"close\"";

typedef struct {
  char             *dir;
  DashCorpus       *corpus;
  GtkWidget        *window;
  DashTimelineView *view;
  guint             n_activated;
  gint64            activated[2];
  guint             n_selected;
  gint64            selected[2];
} Fixture;

static gint64
ymd (int year,
     int month,
     int day)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (year, month, day, 12, 0, 0);

  return g_date_time_to_unix (date);
}

static DashArticle *
story (guint       n,
       gint64      published,
       const char *topic,
       const char *title)
{
  DashArticle *article = dash_article_new ();
  g_autofree char *default_title = g_strdup_printf ("Story %u about %s", n, topic);
  g_autofree char *url = g_strdup_printf ("https://wire.example.org/%u", n);
  g_autofree char *body = g_strdup_printf ("Story number %u, filed for the timeline tests.", n);
  g_autoptr(GArray) topics = g_array_new (FALSE, TRUE, sizeof (DashTopicScore));
  DashTopicScore score = { g_intern_string (topic), 2.5 };

  g_array_append_val (topics, score);
  dash_article_set_title (article, title != NULL ? title : default_title);
  dash_article_set_url (article, url);
  dash_article_set_source (article, "Test Wire");
  dash_article_set_body (article, body);
  dash_article_set_published (article, published);
  dash_article_set_topics (article, topics);
  dash_article_update_content_hash (article);
  return article;
}

static void
range_activated_cb (DashTimelineView *view,
                    gint64            start,
                    gint64            end,
                    Fixture          *f)
{
  f->n_activated++;
  f->activated[0] = start;
  f->activated[1] = end;
}

static void
range_selected_cb (DashTimelineView *view,
                   gint64            start,
                   gint64            end,
                   Fixture          *f)
{
  f->n_selected++;
  f->selected[0] = start;
  f->selected[1] = end;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *path = NULL;
  gint64 monday = ymd (2023, 1, 2);
  guint added = 0;

  f->dir = dash_test_make_tmp_dir ("dash-test-timeline-view");
  path = g_build_filename (f->dir, "corpus.db", NULL);
  f->corpus = dash_corpus_open (path, &error);
  g_assert_no_error (error);

  for (guint w = 0; w < N_WEEKS; w++)
    g_ptr_array_add (articles, story (w, monday + w * 7 * DAY + (w % 5) * DAY,
                                      w % 2 == 0 ? "trade_war" : "ai", NULL));
  for (guint i = 0; i < N_BURST; i++)
    g_ptr_array_add (articles, story (N_WEEKS + i, ymd (2024, 6, 3) + (i % 5) * DAY + i * 60,
                                      "trade_war", i == 4 ? markup_title : NULL));
  g_assert_true (dash_corpus_add_articles (f->corpus, articles, &added, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, N_WEEKS + N_BURST);

  f->view = DASH_TIMELINE_VIEW (g_object_ref_sink (dash_timeline_view_new ()));
  gtk_widget_set_focusable (GTK_WIDGET (f->view), TRUE);
  g_signal_connect (f->view, "range-activated", G_CALLBACK (range_activated_cb), f);
  g_signal_connect (f->view, "range-selected", G_CALLBACK (range_selected_cb), f);

  f->window = gtk_window_new ();
  g_object_ref_sink (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 360);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->view));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  dash_test_destroy_window (f->window);
  g_assert_finalize_object (f->view);
  g_assert_finalize_object (f->corpus);
  dash_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gboolean
counted (gpointer data)
{
  return !dash_timeline_view_get_loading (data);
}

/* Waits for the counts, then for the view to be drawn with them. */
static void
settle (Fixture *f)
{
  dash_test_spin_until (counted, f->view, 30);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->view));
}

static void
show (Fixture *f)
{
  gtk_window_present (GTK_WINDOW (f->window));
  settle (f);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->view)), >, 400);
}

/* The view's counts for series @s are the corpus's for @filter in the view's bucket. */
static void
assert_counts (Fixture          *f,
               guint             s,
               const DashFilter *filter)
{
  const DashTimelineChart *chart = dash_timeline_view_get_chart (f->view);
  const DashTimelineSeries *series;
  g_autoptr(GArray) expected = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (chart);
  g_assert_cmpuint (s, <, chart->series->len);
  series = g_ptr_array_index (chart->series, s);
  expected = dash_corpus_timeline (f->corpus, filter, chart->bucket, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (series->points->len, ==, expected->len);
  g_assert_cmpuint (series->points->len, >, 0);
  for (guint i = 0; i < expected->len; i++)
    {
      const DashTimelinePoint *a = &g_array_index (series->points, DashTimelinePoint, i);
      const DashTimelinePoint *b = &g_array_index (expected, DashTimelinePoint, i);

      g_assert_cmpint (a->start, ==, b->start);
      g_assert_cmpuint (a->count, ==, b->count);
    }
}

static const DashTimelinePoint *
point (Fixture *f,
       guint    s,
       guint    i)
{
  const DashTimelineChart *chart = dash_timeline_view_get_chart (f->view);
  const DashTimelineSeries *series = g_ptr_array_index (chart->series, s);

  g_assert_cmpuint (i, <, series->points->len);
  return &g_array_index (series->points, DashTimelinePoint, i);
}

/* The middle of the bar of point @i of series @s, as drawn. */
static void
bar_center (Fixture *f,
            guint    s,
            guint    i,
            double  *x,
            double  *y)
{
  graphene_rect_t rect;

  g_assert_true (_dash_timeline_view_get_bar_rect (f->view, s, i, &rect));
  *x = rect.origin.x + rect.size.width / 2;
  *y = rect.origin.y + rect.size.height / 2;
}

static void
visible_span (Fixture *f,
              gint64  *start,
              gint64  *end)
{
  dash_timeline_view_get_visible_range (f->view, start, end);
  g_assert_cmpint (*start, <, *end);
}

static void
test_source_counts (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func (
    (GDestroyNotify)dash_timeline_series_filter_free);
  g_autoptr(DashFilter) trade = dash_filter_new ();
  g_autoptr(DashFilter) ai = dash_filter_new ();
  const DashTimelineChart *chart;
  gboolean burst = FALSE;
  gint64 start, end;

  /* One series: all the stories, in the bucket the two years call for. */
  dash_timeline_view_set_source (f->view, f->corpus, NULL, NULL);
  g_assert_true (dash_timeline_view_get_loading (f->view));
  show (f);
  chart = dash_timeline_view_get_chart (f->view);
  g_assert_cmpint (chart->bucket, ==, DASH_BUCKET_MONTH);
  assert_counts (f, 0, NULL);
  g_assert_cmpuint (dash_timeline_view_get_total (f->view), ==, N_WEEKS + N_BURST);
  visible_span (f, &start, &end);
  g_assert_cmpint (start, ==, ymd (2023, 1, 2) - 12 * 60 * 60);
  g_assert_false (dash_timeline_view_get_zoomed (f->view));

  /* The burst is marked, with its label. */
  for (guint i = 0; i < chart->marks->len; i++)
    {
      const DashTimelineMark *mark = &g_array_index (chart->marks, DashTimelineMark, i);

      if (mark->start == ymd (2024, 6, 3) - 12 * 60 * 60 && strstr (mark->label, "\u00d7"))
        burst = TRUE;
    }
  g_assert_true (burst);

  /* Two series, each counted with its own topic. */
  dash_filter_set_topic (trade, "trade_war");
  dash_filter_set_topic (ai, "ai");
  g_ptr_array_add (series, dash_timeline_series_filter_new ("Trade war", trade));
  g_ptr_array_add (series, dash_timeline_series_filter_new ("\u0627\u0644\u0635\u064a\u0646", ai));
  dash_timeline_view_set_source (f->view, f->corpus, NULL, series);
  settle (f);
  chart = dash_timeline_view_get_chart (f->view);
  g_assert_cmpuint (chart->series->len, ==, 2);
  g_assert_cmpstr (((DashTimelineSeries *)g_ptr_array_index (chart->series, 1))->name, ==,
                   "\u0627\u0644\u0635\u064a\u0646");
  assert_counts (f, 0, trade);
  assert_counts (f, 1, ai);
  /* Only the trade war bursts; its mark names it. */
  g_assert_cmpuint (chart->marks->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_array_index (chart->marks, DashTimelineMark, 0).label,
                                   "Trade war"));

  /* A new story counts at once. */
  {
    g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GError) error = NULL;

    g_ptr_array_add (more, story (1000, ymd (2024, 12, 31), "ai", NULL));
    g_assert_true (dash_corpus_add_articles (f->corpus, more, NULL, NULL, &error));
    g_assert_no_error (error);
    dash_corpus_notify_changed (f->corpus);
    g_assert_true (dash_timeline_view_get_loading (f->view));
    settle (f);
    assert_counts (f, 1, ai);
    g_assert_cmpuint (dash_timeline_view_get_total (f->view), ==, N_WEEKS + N_BURST + 1);
  }
}

static void
test_click (Fixture       *f,
            gconstpointer  data)
{
  const DashTimelinePoint *p;
  double x, y;

  dash_timeline_view_set_source (f->view, f->corpus, NULL, NULL);
  show (f);

  /* A click on the bar of June 2024 gives that month. */
  p = point (f, 0, 17);
  g_assert_cmpint (p->start, ==, ymd (2024, 6, 1) - 12 * 60 * 60);
  bar_center (f, 0, 17, &x, &y);
  _dash_timeline_view_drag_begin (f->view, x, y, GDK_BUTTON_PRIMARY, 0);
  _dash_timeline_view_drag_update (f->view, 1, 1);
  _dash_timeline_view_drag_end (f->view, 1, 1);
  g_assert_cmpuint (f->n_activated, ==, 1);
  g_assert_cmpuint (f->n_selected, ==, 0);
  g_assert_cmpint (f->activated[0], ==, ymd (2024, 6, 1) - 12 * 60 * 60);
  g_assert_cmpint (f->activated[1], ==, ymd (2024, 7, 1) - 12 * 60 * 60);

  /* Above the legend there is no bucket to activate. */
  _dash_timeline_view_drag_begin (f->view, 2, 2, GDK_BUTTON_PRIMARY, 0);
  _dash_timeline_view_drag_end (f->view, 0, 0);
  g_assert_cmpuint (f->n_activated, ==, 1);

  /* Other buttons do not activate. */
  _dash_timeline_view_drag_begin (f->view, x, y, GDK_BUTTON_SECONDARY, 0);
  _dash_timeline_view_drag_end (f->view, 0, 0);
  g_assert_cmpuint (f->n_activated, ==, 1);
}

static void
test_drag_select (Fixture       *f,
                  gconstpointer  data)
{
  double x0, y0, x1, y1;
  gint64 start, end;

  dash_timeline_view_set_source (f->view, f->corpus, NULL, NULL);
  show (f);

  /* From March to May 2023: the band covers the three months while dragging... */
  bar_center (f, 0, 2, &x0, &y0);
  bar_center (f, 0, 4, &x1, &y1);
  _dash_timeline_view_drag_begin (f->view, x0, y0, GDK_BUTTON_PRIMARY, 0);
  _dash_timeline_view_drag_update (f->view, (x1 - x0) / 2, 0);
  g_assert_true (_dash_timeline_view_get_band (f->view, &start, &end));
  g_assert_cmpint (start, ==, point (f, 0, 2)->start);
  _dash_timeline_view_drag_update (f->view, x1 - x0, 0);
  g_assert_true (_dash_timeline_view_get_band (f->view, &start, &end));
  g_assert_cmpint (end, ==, point (f, 0, 5)->start);
  g_assert_cmpuint (f->n_selected, ==, 0);

  /* ...and becomes the selection on release. */
  _dash_timeline_view_drag_end (f->view, x1 - x0, 5);
  g_assert_false (_dash_timeline_view_get_band (f->view, NULL, NULL));
  g_assert_cmpuint (f->n_selected, ==, 1);
  g_assert_cmpuint (f->n_activated, ==, 0);
  g_assert_cmpint (f->selected[0], ==, ymd (2023, 3, 1) - 12 * 60 * 60);
  g_assert_cmpint (f->selected[1], ==, ymd (2023, 6, 1) - 12 * 60 * 60);

  /* Right to left gives the same span. */
  _dash_timeline_view_drag_begin (f->view, x1, y1, GDK_BUTTON_PRIMARY, 0);
  _dash_timeline_view_drag_end (f->view, x0 - x1, 0);
  g_assert_cmpuint (f->n_selected, ==, 2);
  g_assert_cmpint (f->selected[0], ==, ymd (2023, 3, 1) - 12 * 60 * 60);
  g_assert_cmpint (f->selected[1], ==, ymd (2023, 6, 1) - 12 * 60 * 60);

  /* Shift+drag pans only a zoomed chart: here it selects nothing. */
  _dash_timeline_view_drag_begin (f->view, x0, y0, GDK_BUTTON_PRIMARY, GDK_SHIFT_MASK);
  _dash_timeline_view_drag_end (f->view, x1 - x0, 0);
  g_assert_cmpuint (f->n_selected, ==, 2);
  g_assert_false (dash_timeline_view_get_zoomed (f->view));
}

static void
test_zoom (Fixture       *f,
           gconstpointer  data)
{
  gint64 full_start, full_end, start, end, before_start, before_end;
  const DashTimelineChart *chart;
  double x, y;
  guint steps = 0;

  dash_timeline_view_set_source (f->view, f->corpus, NULL, NULL);
  show (f);
  visible_span (f, &full_start, &full_end);
  g_assert_cmpint (dash_timeline_view_get_chart (f->view)->bucket, ==, DASH_BUCKET_MONTH);

  /* A plain vertical scroll is the page's. */
  bar_center (f, 0, 12, &x, &y);
  g_assert_false (_dash_timeline_view_scroll (f->view, x, 0, 1, 0, FALSE));
  g_assert_false (_dash_timeline_view_scroll (f->view, x, 0, -30, 0, TRUE));
  /* Sideways too while there is nothing to pan. */
  g_assert_false (_dash_timeline_view_scroll (f->view, x, 1, 0, 0, FALSE));
  visible_span (f, &start, &end);
  g_assert_cmpint (start, ==, full_start);
  g_assert_cmpint (end, ==, full_end);

  /* Ctrl+scroll up zooms in around the pointer: months give way to weeks. */
  g_assert_true (_dash_timeline_view_scroll (f->view, x, 0, -1, GDK_CONTROL_MASK, FALSE));
  settle (f);
  g_assert_true (dash_timeline_view_get_zoomed (f->view));
  visible_span (f, &start, &end);
  g_assert_cmpint (end - start, <, full_end - full_start);
  g_assert_cmpint (start, >, full_start);
  g_assert_cmpint (end, <, full_end);
  while (dash_timeline_view_get_chart (f->view)->bucket == DASH_BUCKET_MONTH && steps++ < 20)
    {
      _dash_timeline_view_scroll (f->view, x, 0, -1, GDK_CONTROL_MASK, FALSE);
      settle (f);
    }
  chart = dash_timeline_view_get_chart (f->view);
  g_assert_cmpint (chart->bucket, ==, DASH_BUCKET_WEEK);
  g_assert_cmpint (dash_timeline_view_get_shown_bucket (f->view), ==, DASH_BUCKET_WEEK);
  assert_counts (f, 0, NULL);
  visible_span (f, &start, &end);
  g_assert_cmpint (end - start, <=, 270 * DAY);
  /* The bucket under the pointer is still there: 2024-01 (the 13th month). */
  g_assert_cmpint (start, <=, ymd (2024, 1, 15));
  g_assert_cmpint (end, >=, ymd (2024, 1, 15));

  /* On to days. */
  steps = 0;
  while (dash_timeline_view_get_chart (f->view)->bucket == DASH_BUCKET_WEEK && steps++ < 20)
    {
      _dash_timeline_view_scroll (f->view, x, 0, -1, GDK_CONTROL_MASK, FALSE);
      settle (f);
    }
  g_assert_cmpint (dash_timeline_view_get_chart (f->view)->bucket, ==, DASH_BUCKET_DAY);
  assert_counts (f, 0, NULL);
  /* No closer than a week. */
  for (guint i = 0; i < 20; i++)
    _dash_timeline_view_scroll (f->view, x, 0, -1, GDK_CONTROL_MASK, FALSE);
  settle (f);
  visible_span (f, &start, &end);
  g_assert_cmpint (end - start, ==, 7 * DAY);

  /* Now a plain scroll is still the page's, but a sideways one pans. */
  g_assert_false (_dash_timeline_view_scroll (f->view, x, 0, 1, 0, FALSE));
  visible_span (f, &before_start, &before_end);
  g_assert_true (_dash_timeline_view_scroll (f->view, x, 1, 0, 0, FALSE));
  visible_span (f, &start, &end);
  g_assert_cmpint (start, >, before_start);
  g_assert_cmpint (end - start, ==, before_end - before_start);
  /* Shift+drag pans too: dragging to the right shows earlier days. */
  before_start = start;
  settle (f);
  _dash_timeline_view_drag_begin (f->view, x, y, GDK_BUTTON_PRIMARY, GDK_SHIFT_MASK);
  _dash_timeline_view_drag_update (f->view, 100, 0);
  _dash_timeline_view_drag_end (f->view, 100, 0);
  visible_span (f, &start, &end);
  g_assert_cmpint (start, <, before_start);
  g_assert_cmpint (end - start, ==, 7 * DAY);
  g_assert_cmpuint (f->n_selected, ==, 0);
  g_assert_cmpuint (f->n_activated, ==, 0);
  /* So does the middle button. */
  before_start = start;
  _dash_timeline_view_drag_begin (f->view, x, y, GDK_BUTTON_MIDDLE, 0);
  _dash_timeline_view_drag_end (f->view, -100, 0);
  visible_span (f, &start, &end);
  g_assert_cmpint (start, >, before_start);

  /* Ctrl+0 shows the whole span, in months again. */
  dash_test_press_key (f->view, "<Control>0");
  settle (f);
  g_assert_false (dash_timeline_view_get_zoomed (f->view));
  visible_span (f, &start, &end);
  g_assert_cmpint (start, ==, full_start);
  g_assert_cmpint (end, ==, full_end);
  g_assert_cmpint (dash_timeline_view_get_chart (f->view)->bucket, ==, DASH_BUCKET_MONTH);
  g_assert_cmpint (dash_timeline_view_get_shown_bucket (f->view), ==, DASH_BUCKET_MONTH);

  /* + zooms in, - back out, Home shows everything. */
  dash_test_press_key (f->view, "plus");
  settle (f);
  g_assert_true (dash_timeline_view_get_zoomed (f->view));
  visible_span (f, &before_start, &before_end);
  dash_test_press_key (f->view, "plus");
  settle (f);
  visible_span (f, &start, &end);
  g_assert_cmpint (end - start, <, before_end - before_start);
  dash_test_press_key (f->view, "minus");
  settle (f);
  visible_span (f, &start, &end);
  g_assert_cmpint (end - start, >, (before_end - before_start) * 9 / 10);
  dash_test_press_key (f->view, "Home");
  settle (f);
  g_assert_false (dash_timeline_view_get_zoomed (f->view));

  /* A double click on the background also shows everything. */
  dash_timeline_view_zoom (f->view, 4);
  settle (f);
  g_assert_true (dash_timeline_view_get_zoomed (f->view));
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->view));

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_GESTURE_CLICK (controller))
          g_signal_emit_by_name (controller, "pressed", 2, 3.0, 3.0);
      }
  }
  settle (f);
  g_assert_false (dash_timeline_view_get_zoomed (f->view));
  g_assert_cmpint (dash_timeline_view_get_chart (f->view)->bucket, ==, DASH_BUCKET_MONTH);
}

static void
test_pinch (Fixture       *f,
            gconstpointer  data)
{
  gint64 full_start, full_end, start, end;
  double x, y;

  dash_timeline_view_set_source (f->view, f->corpus, NULL, NULL);
  show (f);
  visible_span (f, &full_start, &full_end);

  bar_center (f, 0, 6, &x, &y);
  _dash_timeline_view_pinch_begin (f->view, x);
  _dash_timeline_view_pinch_scale (f->view, 2);
  _dash_timeline_view_pinch_scale (f->view, 4);
  settle (f);
  visible_span (f, &start, &end);
  g_assert_cmpint (end - start, <=, (full_end - full_start) / 4 + DAY);
  g_assert_cmpint (dash_timeline_view_get_chart (f->view)->bucket, ==, DASH_BUCKET_WEEK);
  /* Around the fingers: July 2023 (the 7th month) stays in sight. */
  g_assert_cmpint (start, <, ymd (2023, 7, 15));
  g_assert_cmpint (end, >, ymd (2023, 7, 15));
  /* Back to where the pinch began. */
  _dash_timeline_view_pinch_scale (f->view, 1);
  settle (f);
  g_assert_false (dash_timeline_view_get_zoomed (f->view));
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  const DashTimelinePoint *p;
  gint64 start, end;

  dash_timeline_view_set_source (f->view, f->corpus, NULL, NULL);
  show (f);
  gtk_widget_grab_focus (GTK_WIDGET (f->view));

  /* Right chooses the first month, then the next ones; Enter activates the chosen one. */
  dash_test_press_key (f->view, "Right");
  dash_test_press_key (f->view, "Right");
  dash_test_press_key (f->view, "Right");
  dash_test_press_key (f->view, "Return");
  g_assert_cmpuint (f->n_activated, ==, 1);
  p = point (f, 0, 2);
  g_assert_cmpint (f->activated[0], ==, p->start);
  g_assert_cmpint (f->activated[1], ==, ymd (2023, 4, 1) - 12 * 60 * 60);
  dash_test_press_key (f->view, "Left");
  dash_test_press_key (f->view, "KP_Enter");
  g_assert_cmpuint (f->n_activated, ==, 2);
  g_assert_cmpint (f->activated[0], ==, ymd (2023, 2, 1) - 12 * 60 * 60);
  dash_test_press_key (f->view, "End");
  dash_test_press_key (f->view, "space");
  g_assert_cmpint (f->activated[0], ==, ymd (2024, 12, 1) - 12 * 60 * 60);

  /* Zoomed in, Right at the last bar in sight brings the next bucket in. */
  dash_test_press_key (f->view, "Home");
  dash_test_press_key (f->view, "plus");
  dash_test_press_key (f->view, "plus");
  dash_test_press_key (f->view, "plus");
  dash_test_press_key (f->view, "plus");
  settle (f);
  g_assert_true (dash_timeline_view_get_zoomed (f->view));
  /* Around the chosen bar: January 2023 stays at the left. */
  visible_span (f, &start, &end);
  g_assert_cmpint (start, <, ymd (2023, 1, 15));
  g_assert_cmpint (end - start, <, 200 * DAY);
  dash_test_press_key (f->view, "End");
  dash_test_press_key (f->view, "Return");
  visible_span (f, &start, &end);
  g_assert_cmpint (f->activated[0], <, end);
  g_assert_cmpint (f->activated[1], >=, end);
  dash_test_press_key (f->view, "Right");
  settle (f);
  dash_test_press_key (f->view, "Return");
  {
    gint64 previous_end = end;

    visible_span (f, &start, &end);
    g_assert_cmpint (end, >, previous_end);
    g_assert_cmpint (f->activated[0], >=, previous_end - 7 * DAY);
    g_assert_cmpint (f->activated[0], <, end);
  }
}

static gboolean
titles_loaded (gpointer data)
{
  Fixture *f = data;
  g_autofree char *markup = _dash_timeline_view_get_tooltip_markup (f->view, 0, 17);

  return markup != NULL && strstr (markup, "Loading") == NULL;
}

static void
test_tooltip (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *markup = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DashFilter) trade = dash_filter_new ();
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func (
    (GDestroyNotify)dash_timeline_series_filter_free);

  dash_filter_set_topic (trade, "trade_war");
  g_ptr_array_add (series, dash_timeline_series_filter_new ("Trade war", trade));
  dash_timeline_view_set_source (f->view, f->corpus, NULL, series);
  show (f);

  /* June 2024: the bucket, the count, and (once looked up) the three latest titles. */
  markup = _dash_timeline_view_get_tooltip_markup (f->view, 0, 17);
  g_assert_nonnull (markup);
  g_assert_nonnull (strstr (markup, "Loading"));
  dash_test_spin_until (titles_loaded, f, 30);
  g_clear_pointer (&markup, g_free);
  markup = _dash_timeline_view_get_tooltip_markup (f->view, 0, 17);
  g_assert_true (pango_parse_markup (markup, -1, 0, NULL, &text, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "Jun 2024\n10 stories\n"));
  /* The corpus's text is escaped: the title reads as it was written. */
  g_assert_nonnull (strstr (text, markup_title));
  g_assert_nonnull (strstr (markup, "Tariffs &lt;rise&gt; &amp; ports"));
  {
    g_auto(GStrv) items = g_strsplit (text, "\u2022", -1);

    g_assert_cmpuint (g_strv_length (items), ==, 3 + 1);
  }

  /* A day without stories has no titles to ask for. */
  dash_timeline_view_set_bucket (f->view, DASH_BUCKET_DAY);
  settle (f);
  g_clear_pointer (&markup, g_free);
  markup = _dash_timeline_view_get_tooltip_markup (f->view, 0, 1);
  g_assert_cmpstr (markup, ==, "<b>3 Jan 2023</b>\n0 stories");
  g_clear_pointer (&markup, g_free);
  markup = _dash_timeline_view_get_tooltip_markup (f->view, 0, 0);
  g_assert_nonnull (strstr (markup, "Loading"));
}

static void
test_areas (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(DashFilter) trade = dash_filter_new ();
  g_autoptr(DashFilter) ai = dash_filter_new ();
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func (
    (GDestroyNotify)dash_timeline_series_filter_free);
  graphene_rect_t below, above;
  guint s, i;
  double x, y;

  dash_filter_set_topic (trade, "trade_war");
  dash_filter_set_topic (ai, "ai");
  g_ptr_array_add (series, dash_timeline_series_filter_new ("Trade war", trade));
  g_ptr_array_add (series, dash_timeline_series_filter_new ("AI", ai));
  dash_timeline_view_set_source (f->view, f->corpus, NULL, series);
  g_object_set (f->view, "chart-style", DASH_TIMELINE_STYLE_AREAS, NULL);
  show (f);
  g_assert_cmpint (dash_timeline_view_get_chart (f->view)->style, ==, DASH_TIMELINE_STYLE_AREAS);

  /* In June 2024 the AI band sits on the trade war's, as wide as the month. */
  g_assert_true (_dash_timeline_view_get_bar_rect (f->view, 0, 17, &below));
  g_assert_true (_dash_timeline_view_get_bar_rect (f->view, 1, 17, &above));
  g_assert_cmpfloat_with_epsilon (above.origin.y + above.size.height, below.origin.y, 0.01);
  g_assert_cmpfloat_with_epsilon (above.origin.x, below.origin.x, 0.01);
  g_assert_cmpfloat (below.size.height, >, above.size.height);

  /* The pointer on a band finds that band's series. */
  bar_center (f, 1, 17, &x, &y);
  g_assert_true (dash_timeline_view_get_bar_at (f->view, x, y, &s, &i));
  g_assert_cmpuint (s, ==, 1);
  g_assert_cmpuint (i, ==, 17);
  bar_center (f, 0, 17, &x, &y);
  g_assert_true (dash_timeline_view_get_bar_at (f->view, x, y, &s, &i));
  g_assert_cmpuint (s, ==, 0);

  /* Back to bars: side by side. */
  dash_timeline_view_set_style (f->view, DASH_TIMELINE_STYLE_BARS);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->view));
  g_assert_true (_dash_timeline_view_get_bar_rect (f->view, 0, 17, &below));
  g_assert_true (_dash_timeline_view_get_bar_rect (f->view, 1, 17, &above));
  g_assert_cmpfloat (above.origin.x, >=, below.origin.x + below.size.width - 0.01);
}

static void
test_fixed_bucket (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GArray) points = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, end;

  /* A bucket the user picked stays while zooming. */
  dash_timeline_view_set_source (f->view, f->corpus, NULL, NULL);
  dash_timeline_view_set_bucket (f->view, DASH_BUCKET_QUARTER);
  show (f);
  g_assert_cmpint (dash_timeline_view_get_chart (f->view)->bucket, ==, DASH_BUCKET_QUARTER);
  assert_counts (f, 0, NULL);
  dash_timeline_view_zoom (f->view, 3);
  settle (f);
  g_assert_true (dash_timeline_view_get_zoomed (f->view));
  g_assert_cmpint (dash_timeline_view_get_chart (f->view)->bucket, ==, DASH_BUCKET_QUARTER);
  /* Not closer than three quarters. */
  dash_timeline_view_zoom (f->view, 100);
  visible_span (f, &start, &end);
  g_assert_cmpint (end - start, >=, 3 * 89 * DAY);
  g_object_set (f->view, "bucket", DASH_TIMELINE_VIEW_BUCKET_AUTO, NULL);
  settle (f);
  g_assert_cmpint (dash_timeline_view_get_chart (f->view)->bucket, ==, DASH_BUCKET_WEEK);

  /* A chart given as points zooms too, keeping its bucket. */
  points = dash_corpus_timeline (f->corpus, NULL, DASH_BUCKET_MONTH, &error);
  g_assert_no_error (error);
  dash_timeline_view_set_points (f->view, "Stories", DASH_BUCKET_MONTH, points);
  g_assert_false (dash_timeline_view_get_zoomed (f->view));
  g_assert_false (dash_timeline_view_get_loading (f->view));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->view));
  dash_timeline_view_zoom (f->view, 2);
  g_assert_true (dash_timeline_view_get_zoomed (f->view));
  g_assert_cmpint (dash_timeline_view_get_chart (f->view)->bucket, ==, DASH_BUCKET_MONTH);
  visible_span (f, &start, &end);
  g_assert_cmpint (end - start, <, 400 * DAY);
  dash_timeline_view_reset_zoom (f->view);
  visible_span (f, &start, &end);
  g_assert_cmpint (start, ==, ymd (2023, 1, 1) - 12 * 60 * 60);
  g_assert_cmpint (end, ==, ymd (2025, 1, 1) - 12 * 60 * 60);
}

#define add_test(path, func) \
  dash_test_add_display (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  dash_test_init_display ();

  add_test ("/timeline-view/source/counts", test_source_counts);
  add_test ("/timeline-view/source/fixed-bucket", test_fixed_bucket);
  add_test ("/timeline-view/click/activates-bucket", test_click);
  add_test ("/timeline-view/drag/selects-range", test_drag_select);
  add_test ("/timeline-view/zoom/scroll-and-keys", test_zoom);
  add_test ("/timeline-view/zoom/pinch", test_pinch);
  add_test ("/timeline-view/keyboard/activate", test_keyboard);
  add_test ("/timeline-view/tooltip/titles", test_tooltip);
  add_test ("/timeline-view/style/areas", test_areas);

  return g_test_run ();
}
