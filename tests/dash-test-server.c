/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "dash-test-server.h"
#include "dash-test-util.h"

#include <string.h>

/* The server. */

struct _DashTestServer
{
  const DashTestRoute *routes;
  GMainContext        *context;
  GMainLoop           *loop;
  GThread             *thread;
  char                *base;       /* "http://127.0.0.1:PORT" or https:// */
  GTlsCertificate     *certificate; /* for HTTPS, or NULL */
  GMutex               lock;
  GCond                cond;
  GHashTable          *hits;       /* path → number of requests */
  GHashTable          *headers;    /* path → the last If-None-Match */
  guint                in_flight;  /* late replies not sent yet */
  guint                max_in_flight;
};

char *
dash_test_rss (const char *title,
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

void
dash_test_respond (SoupServerMessage *msg,
                   guint              status,
                   const char        *content_type,
                   char              *body)
{
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, body, strlen (body));
}

typedef struct {
  DashTestServer    *server;
  SoupServerMessage *msg;
  char              *rss;
} LateReply;

static gboolean
late_reply_cb (gpointer user_data)
{
  LateReply *reply = user_data;

  dash_test_respond (reply->msg, SOUP_STATUS_OK, "application/rss+xml",
                     g_steal_pointer (&reply->rss));
  soup_server_message_unpause (reply->msg);
  return G_SOURCE_REMOVE;
}

/* After the reply, or when the server stops first. */
static void
late_reply_free (gpointer user_data)
{
  LateReply *reply = user_data;

  g_mutex_lock (&reply->server->lock);
  reply->server->in_flight--;
  g_mutex_unlock (&reply->server->lock);
  g_object_unref (reply->msg);
  g_free (reply->rss);
  g_free (reply);
}

void
dash_test_server_reply_later (DashTestServer    *self,
                              SoupServerMessage *msg,
                              guint              delay_ms,
                              char              *rss)
{
  g_autoptr(GSource) source = g_timeout_source_new (delay_ms);
  LateReply *reply = g_new0 (LateReply, 1);

  g_mutex_lock (&self->lock);
  self->in_flight++;
  self->max_in_flight = MAX (self->max_in_flight, self->in_flight);
  g_mutex_unlock (&self->lock);
  reply->server = self;
  reply->msg = g_object_ref (msg);
  reply->rss = rss;
  soup_server_message_pause (msg);
  g_source_set_callback (source, late_reply_cb, reply, late_reply_free);
  g_source_attach (source, self->context);
}

static void
handler_cb (SoupServer        *soup_server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  DashTestServer *self = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  const char *inm = soup_message_headers_get_one (request, "If-None-Match");

  g_mutex_lock (&self->lock);
  g_hash_table_insert (self->hits, g_strdup (path),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->hits,
                                                                                path)) + 1));
  g_hash_table_insert (self->headers, g_strdup (path), g_strdup (inm));
  g_mutex_unlock (&self->lock);

  for (const DashTestRoute *route = self->routes; route != NULL && route->path != NULL; route++)
    if (g_str_equal (path, route->path))
      {
        route->handler (self, msg, path);
        return;
      }

  if (g_str_equal (path, "/alpha.xml"))
    dash_test_respond (msg, SOUP_STATUS_OK, "application/rss+xml",
                       dash_test_rss ("Alpha Wire", "alpha", 3));
  else if (g_str_equal (path, "/beta.xml"))
    dash_test_respond (msg, SOUP_STATUS_OK, "application/rss+xml",
                       dash_test_rss ("Beta Desk", "beta", 2));
  else if (g_str_equal (path, "/slow.xml"))
    dash_test_server_reply_later (self, msg, 500, dash_test_rss ("Slow Desk", "slow", 1));
  else
    dash_test_respond (msg, SOUP_STATUS_NOT_FOUND, "text/plain", g_strdup ("not here"));
}

static gpointer
server_thread (gpointer user_data)
{
  DashTestServer *self = user_data;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);
  server = soup_server_new ("tls-certificate", self->certificate, NULL);
  soup_server_add_handler (server, NULL, handler_cb, self, NULL);
  soup_server_listen_local (server, 0,
                            SOUP_SERVER_LISTEN_IPV4_ONLY |
                            (self->certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0),
                            &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);

  g_mutex_lock (&self->lock);
  self->base = g_strdup_printf ("%s://127.0.0.1:%d", self->certificate != NULL ? "https" : "http",
                                g_uri_get_port (uris->data));
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  g_main_loop_run (self->loop);
  soup_server_disconnect (server);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

DashTestServer *
dash_test_server_new (const DashTestRoute *routes)
{
  return dash_test_server_new_https (routes, NULL);
}

DashTestServer *
dash_test_server_new_https (const DashTestRoute *routes,
                            GTlsCertificate     *certificate)
{
  DashTestServer *self = g_new0 (DashTestServer, 1);

  self->routes = routes;
  self->certificate = certificate != NULL ? g_object_ref (certificate) : NULL;
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("test-server", server_thread, self);
  g_mutex_lock (&self->lock);
  while (self->base == NULL)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
  return self;
}

void
dash_test_server_free (DashTestServer *self)
{
  g_main_loop_quit (self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_hash_table_unref (self->hits);
  g_hash_table_unref (self->headers);
  g_clear_object (&self->certificate);
  g_free (self->base);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}

const char *
dash_test_server_get_base (DashTestServer *self)
{
  return self->base;
}

char *
dash_test_server_url (DashTestServer *self,
                      const char     *path)
{
  return g_strconcat (self->base, path, NULL);
}

guint
dash_test_server_get_hits (DashTestServer *self,
                           const char     *path)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->hits, path));
  g_mutex_unlock (&self->lock);
  return n;
}

char *
dash_test_server_get_if_none_match (DashTestServer *self,
                                    const char     *path)
{
  char *value;

  g_mutex_lock (&self->lock);
  value = g_strdup (g_hash_table_lookup (self->headers, path));
  g_mutex_unlock (&self->lock);
  return value;
}

guint
dash_test_server_get_max_in_flight (DashTestServer *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->max_in_flight;
  g_mutex_unlock (&self->lock);
  return n;
}

/* The fixture. */

void
dash_test_feeds_set_up (DashTestFeeds       *self,
                        const char          *prefix,
                        const DashTestRoute *routes)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  self->server = dash_test_server_new (routes);
  self->dir = dash_test_make_tmp_dir (prefix);
  path = g_build_filename (self->dir, "corpus.db", NULL);
  self->corpus = dash_corpus_open (path, &error);
  g_assert_no_error (error);
  self->subs = dash_subscriptions_new (self->corpus);
}

void
dash_test_feeds_tear_down (DashTestFeeds *self)
{
  g_assert_finalize_object (self->subs);
  g_assert_finalize_object (self->corpus);
  dash_test_server_free (self->server);
  dash_test_remove_tree (self->dir);
  g_free (self->dir);
}

DashFeed *
dash_test_feeds_subscribe (DashTestFeeds *self,
                           const char    *path)
{
  g_autofree char *url = dash_test_server_url (self->server, path);
  g_autoptr(GError) error = NULL;
  DashFeed *feed = dash_subscriptions_add_url (self->subs, url, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (feed);
  return feed;
}

guint
dash_test_feeds_count_articles (DashTestFeeds *self)
{
  DashCorpusStats stats;
  g_autoptr(GError) error = NULL;

  dash_corpus_get_stats (self->corpus, &stats, &error);
  g_assert_no_error (error);
  return stats.articles;
}

/* The network monitor. */

struct _DashTestMonitor
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

static void dash_test_monitor_network_iface_init  (GNetworkMonitorInterface *iface);
static void dash_test_monitor_initable_iface_init (GInitableIface           *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DashTestMonitor, dash_test_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      dash_test_monitor_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR,
                                                      dash_test_monitor_network_iface_init))

static gboolean
dash_test_monitor_initable_init (GInitable     *initable,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  return TRUE;
}

static void
dash_test_monitor_initable_iface_init (GInitableIface *iface)
{
  iface->init = dash_test_monitor_initable_init;
}

static gboolean
dash_test_monitor_can_reach (GNetworkMonitor     *monitor,
                             GSocketConnectable  *connectable,
                             GCancellable        *cancellable,
                             GError             **error)
{
  if (DASH_TEST_MONITOR (monitor)->available)
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE, "offline");
  return FALSE;
}

static void
dash_test_monitor_network_iface_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = dash_test_monitor_can_reach;
}

static void
dash_test_monitor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DashTestMonitor *self = DASH_TEST_MONITOR (object);

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
dash_test_monitor_class_init (DashTestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = dash_test_monitor_get_property;
  g_object_class_override_property (object_class, MONITOR_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, MONITOR_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, MONITOR_PROP_CONNECTIVITY, "connectivity");
}

static void
dash_test_monitor_init (DashTestMonitor *self)
{
  self->available = TRUE;
}

DashTestMonitor *
dash_test_monitor_new (void)
{
  return g_object_new (DASH_TEST_TYPE_MONITOR, NULL);
}

void
dash_test_monitor_set (DashTestMonitor *self,
                       gboolean         available,
                       gboolean         metered)
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
