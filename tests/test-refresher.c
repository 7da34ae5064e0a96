/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The app's periodic feed refresh, against an in-process SoupServer on 127.0.0.1 that
 * runs in its own thread, with a network monitor the test controls. Nothing here touches
 * the internet, and no display is needed. */

#include "config.h"

#include <string.h>

#include "dash-refresher.h"
#include "dash-test-server.h"

/* The fixture: a server, an empty corpus, its subscriptions, a monitor and a refresher
 * that refreshes only when asked. */

typedef struct {
  DashTestFeeds      feeds;
  DashTestMonitor   *monitor;
  DashRefresher     *refresher;

  /* What the refresher said. */
  guint              n_refreshed;
  guint              last_new;
  GPtrArray         *last_results;
  guint              n_changed;
  guint              n_refreshing_notifies;
} Fixture;

static void
refreshed_cb (DashRefresher *refresher,
              guint          n_new,
              GPtrArray     *results,
              Fixture       *f)
{
  g_assert_false (dash_refresher_get_refreshing (refresher));
  f->n_refreshed++;
  f->last_new = n_new;
  g_clear_pointer (&f->last_results, g_ptr_array_unref);
  f->last_results = g_ptr_array_ref (results);
}

static void
changed_cb (DashCorpus *corpus,
            Fixture    *f)
{
  f->n_changed++;
}

static void
refreshing_cb (DashRefresher *refresher,
               GParamSpec    *pspec,
               Fixture       *f)
{
  f->n_refreshing_notifies++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  memset (f, 0, sizeof *f);
  dash_test_feeds_set_up (&f->feeds, "refresher", NULL);
  f->monitor = dash_test_monitor_new ();
  f->refresher = dash_refresher_new (f->feeds.subs, G_NETWORK_MONITOR (f->monitor));
  g_signal_connect (f->refresher, "refreshed", G_CALLBACK (refreshed_cb), f);
  g_signal_connect (f->refresher, "notify::refreshing", G_CALLBACK (refreshing_cb), f);
  g_signal_connect (f->feeds.corpus, "changed", G_CALLBACK (changed_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->last_results, g_ptr_array_unref);
  g_assert_finalize_object (f->refresher);
  g_assert_finalize_object (f->monitor);
  dash_test_feeds_tear_down (&f->feeds);
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context until f->n_refreshed reaches @n, failing after 20 seconds. */
static void
wait_refreshed (Fixture *f,
                guint    n)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (20, timeout_cb, &timed_out);

  while (f->n_refreshed < n && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

/* Runs the main context for @ms milliseconds. */
static void
spin_for (guint ms)
{
  gboolean done = FALSE;
  guint id = g_timeout_add (ms, timeout_cb, &done);

  while (!done)
    g_main_context_iteration (NULL, TRUE);
  (void)id;
}

static const DashFeedResult *
find_result (GPtrArray *results,
             gint64     feed_id)
{
  for (guint i = 0; i < results->len; i++)
    {
      const DashFeedResult *result = g_ptr_array_index (results, i);

      if (result->feed_id == feed_id)
        return result;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_refresher_refresh_now (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(DashFeed) alpha = dash_test_feeds_subscribe (&f->feeds, "/alpha.xml");
  g_autoptr(DashFeed) missing = dash_test_feeds_subscribe (&f->feeds, "/missing.xml");
  g_autoptr(DashFeed) paused = dash_test_feeds_subscribe (&f->feeds, "/beta.xml");
  g_autoptr(GError) error = NULL;
  const DashFeedResult *result;

  dash_subscriptions_set_paused (f->feeds.subs, paused->id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dash_refresher_get_state_message (f->refresher), ==, "");

  f->n_changed = 0;
  dash_refresher_refresh_now (f->refresher);
  g_assert_true (dash_refresher_get_refreshing (f->refresher));
  g_assert_cmpstr (dash_refresher_get_state_message (f->refresher), ==, "Refreshing the feeds…");
  wait_refreshed (f, 1);

  g_assert_false (dash_refresher_get_refreshing (f->refresher));
  g_assert_cmpuint (f->n_refreshing_notifies, ==, 2);
  g_assert_cmpuint (f->last_new, ==, 3);
  /* The paused feed was left alone. */
  g_assert_cmpuint (f->last_results->len, ==, 2);
  g_assert_cmpuint (dash_test_server_get_hits (f->feeds.server, "/beta.xml"), ==, 0);
  result = find_result (f->last_results, alpha->id);
  g_assert_true (result->ok);
  g_assert_cmpuint (result->added, ==, 3);
  result = find_result (f->last_results, missing->id);
  g_assert_false (result->ok);
  g_assert_cmpstr (result->error, ==, "404 Not Found");
  g_assert_true (g_str_has_suffix (dash_refresher_get_state_message (f->refresher),
                                   "1 feed could not be refreshed"));

  /* The stories were written through the refresher's own connection, and the UI's
   * connection was told, once. */
  g_assert_cmpuint (dash_test_feeds_count_articles (&f->feeds), ==, 3);
  g_assert_cmpuint (f->n_changed, ==, 1);

  /* Nothing new the second time: no ::changed, but ::refreshed all the same. */
  dash_refresher_refresh_now (f->refresher);
  wait_refreshed (f, 2);
  g_assert_cmpuint (f->last_new, ==, 0);
  g_assert_cmpuint (f->n_changed, ==, 1);
  g_assert_cmpuint (dash_test_server_get_hits (f->feeds.server, "/alpha.xml"), ==, 2);
}

static void
test_refresher_refresh_feed (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(DashFeed) alpha = dash_test_feeds_subscribe (&f->feeds, "/alpha.xml");
  g_autoptr(DashFeed) beta = dash_test_feeds_subscribe (&f->feeds, "/beta.xml");

  dash_refresher_refresh_feed (f->refresher, beta->id);
  wait_refreshed (f, 1);
  g_assert_cmpuint (f->last_results->len, ==, 1);
  g_assert_cmpuint (f->last_new, ==, 2);
  g_assert_cmpuint (dash_test_server_get_hits (f->feeds.server, "/alpha.xml"), ==, 0);
  g_assert_cmpuint (dash_test_server_get_hits (f->feeds.server, "/beta.xml"), ==, 1);
  g_assert_cmpuint (dash_test_feeds_count_articles (&f->feeds), ==, 2);
}

static void
test_refresher_one_at_a_time (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(DashFeed) slow = dash_test_feeds_subscribe (&f->feeds, "/slow.xml");

  /* Asked three times while the first runs: the same request twice is one. */
  dash_refresher_refresh_now (f->refresher);
  dash_refresher_refresh_now (f->refresher);
  dash_refresher_refresh_now (f->refresher);
  dash_refresher_refresh_feed (f->refresher, slow->id);
  g_assert_true (dash_refresher_get_refreshing (f->refresher));

  wait_refreshed (f, 3);
  g_assert_false (dash_refresher_get_refreshing (f->refresher));
  spin_for (1200);
  g_assert_cmpuint (f->n_refreshed, ==, 3);
  g_assert_cmpuint (dash_test_server_get_hits (f->feeds.server, "/slow.xml"), ==, 3);
  /* Never two fetches at once. */
  g_assert_cmpuint (dash_test_server_get_max_in_flight (f->feeds.server), ==, 1);
}

static void
test_refresher_offline (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(DashFeed) alpha = dash_test_feeds_subscribe (&f->feeds, "/alpha.xml");

  dash_test_monitor_set (f->monitor, FALSE, FALSE);
  dash_refresher_refresh_now (f->refresher);
  g_assert_false (dash_refresher_get_refreshing (f->refresher));
  g_assert_true (g_str_has_prefix (dash_refresher_get_state_message (f->refresher), "Offline"));
  spin_for (300);
  g_assert_cmpuint (dash_test_server_get_hits (f->feeds.server, "/alpha.xml"), ==, 0);
  g_assert_cmpuint (f->n_refreshed, ==, 0);

  /* Back online: the refresh that waited runs. */
  dash_test_monitor_set (f->monitor, TRUE, FALSE);
  g_assert_true (dash_refresher_get_refreshing (f->refresher));
  wait_refreshed (f, 1);
  g_assert_cmpuint (dash_test_server_get_hits (f->feeds.server, "/alpha.xml"), ==, 1);
  g_assert_cmpuint (f->last_new, ==, 3);
  g_assert_true (g_str_has_prefix (dash_refresher_get_state_message (f->refresher),
                                   "Refreshed at "));
}

static void
test_refresher_metered (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(DashFeed) alpha = dash_test_feeds_subscribe (&f->feeds, "/alpha.xml");

  dash_test_monitor_set (f->monitor, TRUE, TRUE);
  /* The feed was never fetched: it is due at once. */
  dash_refresher_set_interval (f->refresher, 60);
  spin_for (1500);
  g_assert_false (dash_refresher_get_refreshing (f->refresher));
  g_assert_cmpuint (dash_test_server_get_hits (f->feeds.server, "/alpha.xml"), ==, 0);
  g_assert_true (g_str_has_prefix (dash_refresher_get_state_message (f->refresher),
                                   "Metered connection"));

  /* Allowed: the refresh that waited runs. */
  dash_refresher_set_allow_metered (f->refresher, TRUE);
  wait_refreshed (f, 1);
  g_assert_cmpuint (dash_test_server_get_hits (f->feeds.server, "/alpha.xml"), ==, 1);

  /* The next one is an interval away. */
  spin_for (1500);
  g_assert_cmpuint (dash_test_server_get_hits (f->feeds.server, "/alpha.xml"), ==, 1);
  g_assert_cmpuint (f->n_refreshed, ==, 1);
}

static void
test_refresher_metered_manual (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(DashFeed) alpha = dash_test_feeds_subscribe (&f->feeds, "/alpha.xml");

  /* The user asked: a metered connection does not stop it. */
  dash_test_monitor_set (f->monitor, TRUE, TRUE);
  dash_refresher_refresh_now (f->refresher);
  wait_refreshed (f, 1);
  g_assert_cmpuint (dash_test_server_get_hits (f->feeds.server, "/alpha.xml"), ==, 1);
}

static void
test_refresher_interval (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(DashFeed) alpha = dash_test_feeds_subscribe (&f->feeds, "/alpha.xml");
  g_autoptr(DashFeed) beta = NULL;

  /* Manual only: nothing happens on its own. */
  g_assert_cmpuint (dash_refresher_get_interval (f->refresher), ==, 0);
  spin_for (1500);
  g_assert_cmpuint (dash_test_server_get_hits (f->feeds.server, "/alpha.xml"), ==, 0);

  /* Every hour, and the feed was never fetched: it is due now. */
  dash_refresher_set_interval (f->refresher, 60);
  wait_refreshed (f, 1);
  g_assert_cmpuint (dash_test_server_get_hits (f->feeds.server, "/alpha.xml"), ==, 1);
  g_assert_cmpuint (dash_test_feeds_count_articles (&f->feeds), ==, 3);

  /* Just fetched: the next time is an hour away. */
  spin_for (1500);
  g_assert_cmpuint (f->n_refreshed, ==, 1);

  /* An automatic refresh that waits for the network is dropped when the user switches
   * to manual refreshes. */
  beta = dash_test_feeds_subscribe (&f->feeds, "/beta.xml");
  dash_test_monitor_set (f->monitor, FALSE, FALSE);
  dash_refresher_set_interval (f->refresher, 30);
  spin_for (1500);
  g_assert_true (g_str_has_prefix (dash_refresher_get_state_message (f->refresher), "Offline"));
  dash_refresher_set_interval (f->refresher, 0);
  dash_test_monitor_set (f->monitor, TRUE, FALSE);
  spin_for (300);
  g_assert_false (dash_refresher_get_refreshing (f->refresher));
  g_assert_cmpuint (f->n_refreshed, ==, 1);
  g_assert_cmpuint (dash_test_server_get_hits (f->feeds.server, "/beta.xml"), ==, 0);
}

static void
test_refresher_settings (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.example.Dashboard");

  dash_refresher_bind_settings (f->refresher, settings);
  /* The defaults: every hour, not on metered connections. */
  g_assert_cmpuint (dash_refresher_get_interval (f->refresher), ==, 60);
  g_assert_false (dash_refresher_get_allow_metered (f->refresher));

  g_settings_set_uint (settings, "refresh-interval", 15);
  g_assert_cmpuint (dash_refresher_get_interval (f->refresher), ==, 15);
  g_settings_set_boolean (settings, "refresh-on-metered", TRUE);
  g_assert_true (dash_refresher_get_allow_metered (f->refresher));
  g_settings_set_uint (settings, "refresh-interval", 0);
  g_assert_cmpuint (dash_refresher_get_interval (f->refresher), ==, 0);

  g_settings_reset (settings, "refresh-interval");
  g_settings_reset (settings, "refresh-on-metered");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/refresher/refresh-now", test_refresher_refresh_now);
  ADD ("/refresher/refresh-feed", test_refresher_refresh_feed);
  ADD ("/refresher/one-at-a-time", test_refresher_one_at_a_time);
  ADD ("/refresher/offline", test_refresher_offline);
  ADD ("/refresher/metered", test_refresher_metered);
  ADD ("/refresher/metered-manual", test_refresher_metered_manual);
  ADD ("/refresher/interval", test_refresher_interval);
  ADD ("/refresher/settings", test_refresher_settings);

#undef ADD

  return g_test_run ();
}
