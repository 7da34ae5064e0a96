/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The app's periodic feed refresh, against an in-process SoupServer on 127.0.0.1 that
 * runs in its own thread, with a network monitor the test controls. Nothing here touches
 * the internet, and no display is needed. */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "dash-refresher.h"
#include "dash-test-util.h"

/* A network monitor whose state the test sets. */

#define TEST_TYPE_MONITOR (test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestMonitor, test_monitor, TEST, MONITOR, GObject)

struct _TestMonitor
{
  GObject  parent_instance;
  gboolean available;
  gboolean metered;
};

enum {
  MONITOR_PROP_0,
  MONITOR_PROP_AVAILABLE,
  MONITOR_PROP_METERED,
  MONITOR_PROP_CONNECTIVITY,
};

static void test_monitor_network_iface_init  (GNetworkMonitorInterface *iface);
static void test_monitor_initable_iface_init (GInitableIface           *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMonitor, test_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      test_monitor_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR,
                                                      test_monitor_network_iface_init))

static gboolean
test_monitor_initable_init (GInitable     *initable,
                            GCancellable  *cancellable,
                            GError       **error)
{
  return TRUE;
}

static void
test_monitor_initable_iface_init (GInitableIface *iface)
{
  iface->init = test_monitor_initable_init;
}

static gboolean
test_monitor_can_reach (GNetworkMonitor     *monitor,
                        GSocketConnectable  *connectable,
                        GCancellable        *cancellable,
                        GError             **error)
{
  if (TEST_MONITOR (monitor)->available)
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE, "offline");
  return FALSE;
}

static void
test_monitor_network_iface_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = test_monitor_can_reach;
}

static void
test_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TestMonitor *self = TEST_MONITOR (object);

  switch (prop_id)
    {
    case MONITOR_PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case MONITOR_PROP_METERED:
      g_value_set_boolean (value, self->metered);
      break;
    case MONITOR_PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL
                                               : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_monitor_class_init (TestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_monitor_get_property;
  g_object_class_override_property (object_class, MONITOR_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, MONITOR_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, MONITOR_PROP_CONNECTIVITY, "connectivity");
}

static void
test_monitor_init (TestMonitor *self)
{
  self->available = TRUE;
}

/* Changes the state, and says so as a real monitor does. */
static void
test_monitor_set (TestMonitor *self,
                  gboolean     available,
                  gboolean     metered)
{
  if (self->metered != metered)
    {
      self->metered = metered;
      g_object_notify (G_OBJECT (self), "network-metered");
    }
  if (self->available != available)
    {
      self->available = available;
      g_object_notify (G_OBJECT (self), "network-available");
      g_object_notify (G_OBJECT (self), "connectivity");
      g_signal_emit_by_name (self, "network-changed", available);
    }
}

/* The server. */

typedef struct {
  GMainContext *context;
  GMainLoop    *loop;
  GThread      *thread;
  char         *base;        /* "http://127.0.0.1:PORT" */
  GMutex        lock;
  GCond         cond;
  GHashTable   *hits;        /* path → number of requests */
  guint         in_flight;   /* requests not answered yet */
  guint         max_in_flight;
} Server;

static char *
rss (const char *title,
     const char *prefix,
     guint       n_items)
{
  GString *xml = g_string_new (NULL);

  g_string_append_printf (xml, "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>"
                          "<title>%s</title><link>https://%s.example.org/</link>\n",
                          title, prefix);
  for (guint i = 0; i < n_items; i++)
    g_string_append_printf (xml, "<item><title>%s story %u about river ferries</title>"
                            "<link>https://%s.example.org/story/%u</link>"
                            "<pubDate>Tue, 07 Jan 2025 09:%02u:00 +0000</pubDate>"
                            "<description>Pilots from %s charted crossing %u with the port "
                            "authority.</description></item>\n",
                            title, i, prefix, i, i, title, i);
  g_string_append (xml, "</channel></rss>\n");
  return g_string_free (xml, FALSE);
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *content_type,
         char              *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, body, strlen (body));
}

typedef struct {
  Server            *server;
  SoupServerMessage *msg;
} SlowReply;

static gboolean
slow_reply_cb (gpointer user_data)
{
  SlowReply *reply = user_data;

  respond (reply->msg, SOUP_STATUS_OK, "application/rss+xml", rss ("Slow Desk", "slow", 1));
  soup_server_message_unpause (reply->msg);
  g_mutex_lock (&reply->server->lock);
  reply->server->in_flight--;
  g_mutex_unlock (&reply->server->lock);
  g_object_unref (reply->msg);
  g_free (reply);
  return G_SOURCE_REMOVE;
}

static void
handler_cb (SoupServer        *soup_server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Server *s = user_data;

  g_mutex_lock (&s->lock);
  g_hash_table_insert (s->hits, g_strdup (path),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (s->hits,
                                                                                path)) + 1));
  g_mutex_unlock (&s->lock);

  if (g_str_equal (path, "/alpha.xml"))
    respond (msg, SOUP_STATUS_OK, "application/rss+xml", rss ("Alpha Wire", "alpha", 3));
  else if (g_str_equal (path, "/beta.xml"))
    respond (msg, SOUP_STATUS_OK, "application/rss+xml", rss ("Beta Desk", "beta", 2));
  else if (g_str_equal (path, "/slow.xml"))
    {
      g_autoptr(GSource) source = g_timeout_source_new (500);
      SlowReply *reply = g_new0 (SlowReply, 1);

      g_mutex_lock (&s->lock);
      s->in_flight++;
      s->max_in_flight = MAX (s->max_in_flight, s->in_flight);
      g_mutex_unlock (&s->lock);
      reply->server = s;
      reply->msg = g_object_ref (msg);
      soup_server_message_pause (msg);
      g_source_set_callback (source, slow_reply_cb, reply, NULL);
      g_source_attach (source, s->context);
    }
  else
    respond (msg, SOUP_STATUS_NOT_FOUND, "text/plain", g_strdup ("not here"));
}

static gpointer
server_thread (gpointer user_data)
{
  Server *s = user_data;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (s->context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, handler_cb, s, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);

  g_mutex_lock (&s->lock);
  s->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_cond_signal (&s->cond);
  g_mutex_unlock (&s->lock);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  g_main_loop_run (s->loop);
  soup_server_disconnect (server);
  g_main_context_pop_thread_default (s->context);
  return NULL;
}

static void
server_start (Server *s)
{
  g_mutex_init (&s->lock);
  g_cond_init (&s->cond);
  s->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s->context = g_main_context_new ();
  s->loop = g_main_loop_new (s->context, FALSE);
  s->thread = g_thread_new ("test-server", server_thread, s);
  g_mutex_lock (&s->lock);
  while (s->base == NULL)
    g_cond_wait (&s->cond, &s->lock);
  g_mutex_unlock (&s->lock);
}

static void
server_stop (Server *s)
{
  g_main_loop_quit (s->loop);
  g_thread_join (s->thread);
  g_main_loop_unref (s->loop);
  g_main_context_unref (s->context);
  g_hash_table_unref (s->hits);
  g_free (s->base);
  g_mutex_clear (&s->lock);
  g_cond_clear (&s->cond);
}

static guint
server_hits (Server     *s,
             const char *path)
{
  guint n;

  g_mutex_lock (&s->lock);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (s->hits, path));
  g_mutex_unlock (&s->lock);
  return n;
}

/* The fixture: a server, an empty corpus, its subscriptions, a monitor and a refresher
 * that refreshes only when asked. */

typedef struct {
  Server             server;
  char              *dir;
  DashCorpus        *corpus;
  DashSubscriptions *subs;
  TestMonitor       *monitor;
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
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  memset (f, 0, sizeof *f);
  server_start (&f->server);
  f->dir = dash_test_make_tmp_dir ("refresher");
  path = g_build_filename (f->dir, "corpus.db", NULL);
  f->corpus = dash_corpus_open (path, &error);
  g_assert_no_error (error);
  f->subs = dash_subscriptions_new (f->corpus);
  f->monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  f->refresher = dash_refresher_new (f->subs, G_NETWORK_MONITOR (f->monitor));
  g_signal_connect (f->refresher, "refreshed", G_CALLBACK (refreshed_cb), f);
  g_signal_connect (f->refresher, "notify::refreshing", G_CALLBACK (refreshing_cb), f);
  g_signal_connect (f->corpus, "changed", G_CALLBACK (changed_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->last_results, g_ptr_array_unref);
  g_assert_finalize_object (f->refresher);
  g_assert_finalize_object (f->monitor);
  g_assert_finalize_object (f->subs);
  g_assert_finalize_object (f->corpus);
  server_stop (&f->server);
  dash_test_remove_tree (f->dir);
  g_free (f->dir);
}

static DashFeed *
subscribe (Fixture    *f,
           const char *path)
{
  g_autofree char *u = g_strconcat (f->server.base, path, NULL);
  g_autoptr(GError) error = NULL;
  DashFeed *feed = dash_subscriptions_add_url (f->subs, u, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (feed);
  return feed;
}

static guint
count_articles (Fixture *f)
{
  DashCorpusStats stats;
  g_autoptr(GError) error = NULL;

  dash_corpus_get_stats (f->corpus, &stats, &error);
  g_assert_no_error (error);
  return stats.articles;
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
  g_autoptr(DashFeed) alpha = subscribe (f, "/alpha.xml");
  g_autoptr(DashFeed) missing = subscribe (f, "/missing.xml");
  g_autoptr(DashFeed) paused = subscribe (f, "/beta.xml");
  g_autoptr(GError) error = NULL;
  const DashFeedResult *result;

  dash_subscriptions_set_paused (f->subs, paused->id, TRUE, &error);
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
  g_assert_cmpuint (server_hits (&f->server, "/beta.xml"), ==, 0);
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
  g_assert_cmpuint (count_articles (f), ==, 3);
  g_assert_cmpuint (f->n_changed, ==, 1);

  /* Nothing new the second time: no ::changed, but ::refreshed all the same. */
  dash_refresher_refresh_now (f->refresher);
  wait_refreshed (f, 2);
  g_assert_cmpuint (f->last_new, ==, 0);
  g_assert_cmpuint (f->n_changed, ==, 1);
  g_assert_cmpuint (server_hits (&f->server, "/alpha.xml"), ==, 2);
}

static void
test_refresher_refresh_feed (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(DashFeed) alpha = subscribe (f, "/alpha.xml");
  g_autoptr(DashFeed) beta = subscribe (f, "/beta.xml");

  dash_refresher_refresh_feed (f->refresher, beta->id);
  wait_refreshed (f, 1);
  g_assert_cmpuint (f->last_results->len, ==, 1);
  g_assert_cmpuint (f->last_new, ==, 2);
  g_assert_cmpuint (server_hits (&f->server, "/alpha.xml"), ==, 0);
  g_assert_cmpuint (server_hits (&f->server, "/beta.xml"), ==, 1);
  g_assert_cmpuint (count_articles (f), ==, 2);
}

static void
test_refresher_one_at_a_time (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(DashFeed) slow = subscribe (f, "/slow.xml");

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
  g_assert_cmpuint (server_hits (&f->server, "/slow.xml"), ==, 3);
  /* Never two fetches at once. */
  g_assert_cmpuint (f->server.max_in_flight, ==, 1);
}

static void
test_refresher_offline (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(DashFeed) alpha = subscribe (f, "/alpha.xml");

  test_monitor_set (f->monitor, FALSE, FALSE);
  dash_refresher_refresh_now (f->refresher);
  g_assert_false (dash_refresher_get_refreshing (f->refresher));
  g_assert_true (g_str_has_prefix (dash_refresher_get_state_message (f->refresher), "Offline"));
  spin_for (300);
  g_assert_cmpuint (server_hits (&f->server, "/alpha.xml"), ==, 0);
  g_assert_cmpuint (f->n_refreshed, ==, 0);

  /* Back online: the refresh that waited runs. */
  test_monitor_set (f->monitor, TRUE, FALSE);
  g_assert_true (dash_refresher_get_refreshing (f->refresher));
  wait_refreshed (f, 1);
  g_assert_cmpuint (server_hits (&f->server, "/alpha.xml"), ==, 1);
  g_assert_cmpuint (f->last_new, ==, 3);
  g_assert_true (g_str_has_prefix (dash_refresher_get_state_message (f->refresher),
                                   "Refreshed at "));
}

static void
test_refresher_metered (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(DashFeed) alpha = subscribe (f, "/alpha.xml");

  test_monitor_set (f->monitor, TRUE, TRUE);
  /* The feed was never fetched: it is due at once. */
  dash_refresher_set_interval (f->refresher, 60);
  spin_for (1500);
  g_assert_false (dash_refresher_get_refreshing (f->refresher));
  g_assert_cmpuint (server_hits (&f->server, "/alpha.xml"), ==, 0);
  g_assert_true (g_str_has_prefix (dash_refresher_get_state_message (f->refresher),
                                   "Metered connection"));

  /* Allowed: the refresh that waited runs. */
  dash_refresher_set_allow_metered (f->refresher, TRUE);
  wait_refreshed (f, 1);
  g_assert_cmpuint (server_hits (&f->server, "/alpha.xml"), ==, 1);

  /* The next one is an interval away. */
  spin_for (1500);
  g_assert_cmpuint (server_hits (&f->server, "/alpha.xml"), ==, 1);
  g_assert_cmpuint (f->n_refreshed, ==, 1);
}

static void
test_refresher_metered_manual (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(DashFeed) alpha = subscribe (f, "/alpha.xml");

  /* The user asked: a metered connection does not stop it. */
  test_monitor_set (f->monitor, TRUE, TRUE);
  dash_refresher_refresh_now (f->refresher);
  wait_refreshed (f, 1);
  g_assert_cmpuint (server_hits (&f->server, "/alpha.xml"), ==, 1);
}

static void
test_refresher_interval (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(DashFeed) alpha = subscribe (f, "/alpha.xml");
  g_autoptr(DashFeed) beta = NULL;

  /* Manual only: nothing happens on its own. */
  g_assert_cmpuint (dash_refresher_get_interval (f->refresher), ==, 0);
  spin_for (1500);
  g_assert_cmpuint (server_hits (&f->server, "/alpha.xml"), ==, 0);

  /* Every hour, and the feed was never fetched: it is due now. */
  dash_refresher_set_interval (f->refresher, 60);
  wait_refreshed (f, 1);
  g_assert_cmpuint (server_hits (&f->server, "/alpha.xml"), ==, 1);
  g_assert_cmpuint (count_articles (f), ==, 3);

  /* Just fetched: the next time is an hour away. */
  spin_for (1500);
  g_assert_cmpuint (f->n_refreshed, ==, 1);

  /* An automatic refresh that waits for the network is dropped when the user switches
   * to manual refreshes. */
  beta = subscribe (f, "/beta.xml");
  test_monitor_set (f->monitor, FALSE, FALSE);
  dash_refresher_set_interval (f->refresher, 30);
  spin_for (1500);
  g_assert_true (g_str_has_prefix (dash_refresher_get_state_message (f->refresher), "Offline"));
  dash_refresher_set_interval (f->refresher, 0);
  test_monitor_set (f->monitor, TRUE, FALSE);
  spin_for (300);
  g_assert_false (dash_refresher_get_refreshing (f->refresher));
  g_assert_cmpuint (f->n_refreshed, ==, 1);
  g_assert_cmpuint (server_hits (&f->server, "/beta.xml"), ==, 0);
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
