/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Drives the Feeds page and the Preferences window in this process, against an
 * in-process SoupServer on 127.0.0.1 and a network monitor the test controls: run under
 * Xvfb (xvfb-run -a). Without a display the tests are skipped, or fail when
 * DASH_REQUIRE_DISPLAY is set. Nothing here touches the internet. */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "dash-feeds-page.h"
#include "dash-preferences-window.h"
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
  else if (g_str_equal (path, "/site/"))
    respond (msg, SOUP_STATUS_OK, "text/html",
             g_strdup ("<!DOCTYPE html><html><head><title>Alpha</title>"
                       "<link rel=\"alternate\" type=\"application/rss+xml\" "
                       "href=\"/alpha.xml\"></head><body><p>Ferries</p></body></html>"));
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

static gboolean have_display;

/* The fixture: a server, an empty corpus, its subscriptions and refresher, and a window
 * that shows the page. */

typedef struct {
  Server             server;
  char              *dir;
  DashCorpus        *corpus;
  DashSubscriptions *subs;
  TestMonitor       *monitor;
  DashRefresher     *refresher;
  GtkWindow         *window;
  DashFeedsPage     *page;
  guint              n_refreshed;
} Fixture;

static void
refreshed_cb (DashRefresher *refresher,
              guint          n_new,
              GPtrArray     *results,
              Fixture       *f)
{
  f->n_refreshed++;
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context until @done says so, failing after 20 seconds. */
static void
spin_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (20, timeout_cb, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;

  memset (f, 0, sizeof *f);
  server_start (&f->server);
  f->dir = dash_test_make_tmp_dir ("feeds-page");
  path = g_build_filename (f->dir, "corpus.db", NULL);
  f->corpus = dash_corpus_open (path, &error);
  g_assert_no_error (error);
  f->subs = dash_subscriptions_new (f->corpus);
  f->monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  f->refresher = dash_refresher_new (f->subs, G_NETWORK_MONITOR (f->monitor));
  g_signal_connect (f->refresher, "refreshed", G_CALLBACK (refreshed_cb), f);

  f->window = GTK_WINDOW (gtk_window_new ());
  /* Our reference outlives gtk_window_destroy(), to check that the window is freed. */
  g_object_ref_sink (f->window);
  gtk_window_set_default_size (f->window, 800, 600);
  overlay = adw_toast_overlay_new ();
  f->page = DASH_FEEDS_PAGE (dash_feeds_page_new ());
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->page));
  gtk_window_set_child (f->window, overlay);
  dash_feeds_page_set_refresher (f->page, f->refresher);
  dash_feeds_page_set_subscriptions (f->page, f->subs);
  gtk_window_present (f->window);
  spin_until (is_mapped, f->page);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->window);
  /* Let GTK drop what it holds until the next frame. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (f->window);
  g_assert_finalize_object (f->refresher);
  g_assert_finalize_object (f->monitor);
  g_assert_finalize_object (f->subs);
  g_assert_finalize_object (f->corpus);
  server_stop (&f->server);
  dash_test_remove_tree (f->dir);
  g_free (f->dir);
}

static char *
url (Fixture    *f,
     const char *path)
{
  return g_strconcat (f->server.base, path, NULL);
}

static DashFeed *
subscribe (Fixture    *f,
           const char *path)
{
  g_autofree char *u = url (f, path);
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

static gpointer
page_child (Fixture    *f,
            const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (f->page), DASH_TYPE_FEEDS_PAGE,
                                                  name);

  g_assert_nonnull (child);
  return child;
}

/* The first label under @root whose text holds @text, or NULL. */
static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_label (GTK_LABEL (root)), text) != NULL)
    return GTK_LABEL (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_widget_of_type (GtkWidget *root,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_of_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkButton *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return GTK_BUTTON (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The row of the feed whose title is @title, or NULL. */
static GtkListBoxRow *
find_row (Fixture    *f,
          const char *title)
{
  GtkListBox *list = page_child (f, "feeds_list");
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      GtkLabel *label = find_label (GTK_WIDGET (row), title);

      if (label != NULL && g_str_equal (gtk_label_get_label (label), title))
        return row;
    }
  return NULL;
}

static guint
n_rows (Fixture *f)
{
  GtkListBox *list = page_child (f, "feeds_list");
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

/* A shown top-level window of @type, titled @title when not NULL. */
static GtkWindow *
find_window (GType       type,
             const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          (title == NULL || g_strcmp0 (gtk_window_get_title (window), title) == 0))
        return window;
    }
  return NULL;
}

typedef struct {
  Fixture    *f;
  const char *title;
  const char *state;
} RowState;

/* Whether the row of @data's title shows @data's state. */
static gboolean
row_shows (gpointer data)
{
  RowState *expected = data;
  GtkListBoxRow *row = find_row (expected->f, expected->title);

  return row != NULL && find_label (GTK_WIDGET (row), expected->state) != NULL;
}

static void
wait_row (Fixture    *f,
          const char *title,
          const char *state)
{
  RowState expected = { f, title, state };

  spin_until (row_shows, &expected);
}

static gboolean
no_add_dialog (gpointer data)
{
  return find_window (ADW_TYPE_WINDOW, "Add Feed") == NULL;
}

typedef struct {
  GtkWindow  *dialog;
  const char *text;
} DialogText;

static gboolean
dialog_says (gpointer data)
{
  DialogText *expected = data;

  return find_label (GTK_WIDGET (expected->dialog), expected->text) != NULL;
}

/* Types @address in the Add Feed dialog and presses Add; returns the dialog. */
static GtkWindow *
add_through_dialog (Fixture    *f,
                    const char *address)
{
  GtkWindow *dialog;
  GtkEditable *entry;
  GtkButton *add;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "feeds.add", NULL));
  dialog = find_window (ADW_TYPE_WINDOW, "Add Feed");
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (dialog));
  entry = GTK_EDITABLE (find_widget_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY));
  add = find_button (GTK_WIDGET (dialog), "_Add");
  g_assert_nonnull (entry);
  g_assert_nonnull (add);
  /* Nothing to add yet. */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (add)));

  gtk_editable_set_text (entry, address);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (add)));
  g_signal_emit_by_name (add, "clicked");
  /* Busy: the search runs in a worker thread. */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (add)));
  g_assert_true (gtk_widget_get_visible (find_widget_of_type (GTK_WIDGET (dialog),
                                                               GTK_TYPE_SPINNER)));
  return dialog;
}

static void
test_feeds_page_add (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *site = url (f, "/site/");
  g_autofree char *alpha = url (f, "/alpha.xml");
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (f, "stack")), ==, "empty");

  /* A web page that names its feed: the feed is found, subscribed to and fetched. */
  add_through_dialog (f, site);
  spin_until (no_add_dialog, NULL);
  wait_row (f, "Alpha Wire", "3 new stories");
  g_assert_true (find_label (GTK_WIDGET (find_row (f, "Alpha Wire")), "Updated just now") != NULL);
  g_assert_nonnull (find_label (GTK_WIDGET (find_row (f, "Alpha Wire")), alpha));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (f, "stack")), ==, "list");
  g_assert_cmpuint (count_articles (f), ==, 3);

  feeds = dash_subscriptions_list (f->subs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feeds->len, ==, 1);
  g_assert_cmpstr (((DashFeed *)g_ptr_array_index (feeds, 0))->url, ==, alpha);
}

static void
test_feeds_page_add_error (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *missing = url (f, "/missing.xml");
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;
  DialogText expected;
  GtkWindow *dialog;
  GtkLabel *label;

  dialog = add_through_dialog (f, missing);
  expected.dialog = dialog;
  expected.text = "404 Not Found";
  spin_until (dialog_says, &expected);

  /* The dialog stays, says what went wrong, and lets the user try again. */
  g_assert_true (find_window (ADW_TYPE_WINDOW, "Add Feed") == dialog);
  label = find_label (GTK_WIDGET (dialog), "404 Not Found");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "error"));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (find_button (GTK_WIDGET (dialog),
                                                                    "_Add"))));
  g_assert_false (gtk_widget_get_visible (find_widget_of_type (GTK_WIDGET (dialog),
                                                                GTK_TYPE_SPINNER)));
  feeds = dash_subscriptions_list (f->subs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feeds->len, ==, 0);

  gtk_window_close (dialog);
  spin_until (no_add_dialog, NULL);
}

static void
test_feeds_page_refresh_errors (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(DashFeed) alpha = subscribe (f, "/alpha.xml");
  g_autoptr(DashFeed) beta = subscribe (f, "/beta.xml");
  g_autoptr(DashFeed) missing = subscribe (f, "/missing.xml");
  g_autofree char *missing_url = url (f, "/missing.xml");
  GtkLabel *label;

  dash_feeds_page_reload (f->page);
  g_assert_cmpuint (n_rows (f), ==, 3);
  /* Not fetched yet: the site's name stands for the title. */
  wait_row (f, "127.0.0.1", "Not refreshed yet");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "feeds.refresh-all", NULL));
  g_assert_true (gtk_widget_get_visible (page_child (f, "spinner")));
  wait_row (f, "Alpha Wire", "3 new stories");
  wait_row (f, "Beta Desk", "2 new stories");
  wait_row (f, "127.0.0.1", "404 Not Found");
  g_assert_false (gtk_widget_get_visible (page_child (f, "spinner")));

  /* The error is the row's state line, in the error style. */
  g_assert_nonnull (find_label (GTK_WIDGET (find_row (f, "127.0.0.1")), missing_url));
  label = find_label (GTK_WIDGET (find_row (f, "127.0.0.1")), "404 Not Found");
  g_assert_cmpstr (gtk_label_get_label (label), ==, "404 Not Found");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "error"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (find_label (GTK_WIDGET (find_row (f, "Alpha Wire")),
                                                                    "3 new stories")),
                                            "error"));
  g_assert_nonnull (find_label (GTK_WIDGET (f->page), "1 feed could not be refreshed"));

  /* Nothing new the second time. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "feed.refresh", "x",
                                             alpha->id));
  wait_row (f, "Alpha Wire", "no new stories");
  g_assert_cmpuint (count_articles (f), ==, 5);
}

static void
test_feeds_page_pause_rename (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(DashFeed) alpha = subscribe (f, "/alpha.xml");
  AdwMessageDialog *dialog;
  GtkEditable *entry;

  dash_refresher_refresh_now (f->refresher);
  wait_row (f, "Alpha Wire", "3 new stories");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "feed.pause", "x",
                                             alpha->id));
  wait_row (f, "Alpha Wire", "Paused");
  /* A paused feed is left out of Refresh All. */
  f->n_refreshed = 0;
  dash_refresher_refresh_now (f->refresher);
  while (f->n_refreshed == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (find_label (GTK_WIDGET (find_row (f, "Alpha Wire")), "Paused"));
  g_assert_cmpuint (server_hits (&f->server, "/alpha.xml"), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "feed.resume", "x",
                                             alpha->id));
  wait_row (f, "Alpha Wire", "Updated");
  g_assert_null (find_label (GTK_WIDGET (find_row (f, "Alpha Wire")), "Paused"));

  /* Rename, through its dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "feed.rename", "x",
                                             alpha->id));
  dialog = ADW_MESSAGE_DIALOG (find_window (ADW_TYPE_MESSAGE_DIALOG, NULL));
  g_assert_nonnull (dialog);
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "Alpha Wire");
  gtk_editable_set_text (entry, "  ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "rename"));
  gtk_editable_set_text (entry, "Ferry <News> & Co");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "rename"));
  adw_message_dialog_response (dialog, "rename");
  gtk_window_destroy (GTK_WINDOW (dialog));
  /* Shown as text, not markup. */
  g_assert_nonnull (find_row (f, "Ferry <News> & Co"));
  g_assert_null (find_row (f, "Alpha Wire"));
}

static void
test_feeds_page_remove (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(DashFeed) alpha = subscribe (f, "/alpha.xml");
  g_autoptr(DashFeed) beta = subscribe (f, "/beta.xml");
  AdwMessageDialog *dialog;

  dash_refresher_refresh_now (f->refresher);
  wait_row (f, "Alpha Wire", "3 new stories");
  g_assert_cmpuint (count_articles (f), ==, 5);

  /* Remove, deleting its stories: only the other feed's stay. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "feed.remove", "x",
                                             alpha->id));
  dialog = ADW_MESSAGE_DIALOG (find_window (ADW_TYPE_MESSAGE_DIALOG, NULL));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove “Alpha Wire”?");
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "keep"), ==,
                   "_Keep Its Stories");
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "delete"), ==,
                   "_Delete Its Stories");
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (count_articles (f), ==, 2);
  g_assert_cmpuint (n_rows (f), ==, 1);
  g_assert_null (find_row (f, "Alpha Wire"));

  /* Remove, keeping them: the page is empty, the stories stay. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "feed.remove", "x",
                                             beta->id));
  dialog = ADW_MESSAGE_DIALOG (find_window (ADW_TYPE_MESSAGE_DIALOG, NULL));
  adw_message_dialog_response (dialog, "keep");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (count_articles (f), ==, 2);
  g_assert_cmpuint (n_rows (f), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (f, "stack")), ==, "empty");
}

static void
test_feeds_page_offline (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(DashFeed) alpha = subscribe (f, "/alpha.xml");
  GtkLabel *state = page_child (f, "state_label");

  dash_feeds_page_reload (f->page);
  g_assert_cmpstr (gtk_label_get_label (state), ==, "1 feed");

  /* Offline: the page says why nothing happens, and refreshes when the network is back. */
  test_monitor_set (f->monitor, FALSE, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "feeds.refresh-all", NULL));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (state), "1 feed · Offline"));
  g_assert_false (gtk_widget_get_visible (page_child (f, "spinner")));
  wait_row (f, "127.0.0.1", "Not refreshed yet");

  test_monitor_set (f->monitor, TRUE, FALSE);
  wait_row (f, "Alpha Wire", "3 new stories");
  g_assert_true (g_str_has_prefix (gtk_label_get_label (state), "1 feed · Refreshed at "));
}

static void
feed_activated_cb (DashFeedsPage  *page,
                   const char     *source,
                   char          **out)
{
  g_free (*out);
  *out = g_strdup (source);
}

static void
test_feeds_page_activate (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(DashFeed) beta = subscribe (f, "/beta.xml");
  g_autofree char *source = NULL;

  dash_refresher_refresh_now (f->refresher);
  wait_row (f, "Beta Desk", "2 new stories");
  g_signal_connect (f->page, "feed-activated", G_CALLBACK (feed_activated_cb), &source);
  gtk_widget_activate (GTK_WIDGET (find_row (f, "Beta Desk")));
  g_assert_cmpstr (source, ==, "Beta Desk");
}

static void
test_feeds_page_suggestions (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *json = g_strdup_printf ("{\"groups\": ["
                                           "{\"name\": \"Harbours\", \"feeds\": ["
                                           "{\"name\": \"Alpha Harbour\", \"url\": \"%s/alpha.xml\","
                                           " \"description\": \"Ferries and pilots.\"},"
                                           "{\"name\": \"Missing Harbour\", \"url\": \"%s/missing.xml\","
                                           " \"description\": \"Gone.\"}]},"
                                           "{\"name\": \"Rivers\", \"feeds\": ["
                                           "{\"name\": \"Beta River\", \"url\": \"%s/beta.xml\","
                                           " \"description\": \"Barges.\"}]}]}",
                                           f->server.base, f->server.base, f->server.base);
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *alpha = url (f, "/alpha.xml");
  g_autofree char *beta = url (f, "/beta.xml");
  GtkWidget *suggestions = page_child (f, "suggestions_box");
  GtkButton *subscribe_button;
  GtkWidget *check;

  g_assert_true (dash_feeds_page_set_suggestions (f->page, bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (f, "stack")), ==, "empty");
  g_assert_nonnull (find_label (suggestions, "Harbours"));
  g_assert_nonnull (find_label (suggestions, "Rivers"));
  g_assert_nonnull (find_label (suggestions, "Alpha Harbour"));
  g_assert_nonnull (find_label (suggestions, "Ferries and pilots."));
  g_assert_null (find_label (suggestions, "BBC"));

  /* Nothing ticked, nothing to subscribe to. */
  subscribe_button = find_button (GTK_WIDGET (f->page), "_Subscribe");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (subscribe_button)));

  /* Tick Alpha and Beta, through their rows. */
  check = find_widget_of_type (gtk_widget_get_ancestor (GTK_WIDGET (find_label (suggestions, "Alpha Harbour")),
                                                        ADW_TYPE_ACTION_ROW),
                               GTK_TYPE_CHECK_BUTTON);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (subscribe_button)));
  check = find_widget_of_type (gtk_widget_get_ancestor (GTK_WIDGET (find_label (suggestions, "Beta River")),
                                                        ADW_TYPE_ACTION_ROW),
                               GTK_TYPE_CHECK_BUTTON);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_signal_emit_by_name (subscribe_button, "clicked");

  /* Only the ticked ones. */
  feeds = dash_subscriptions_list (f->subs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feeds->len, ==, 2);
  g_assert_cmpstr (((DashFeed *)g_ptr_array_index (feeds, 0))->url, ==, alpha);
  g_assert_cmpstr (((DashFeed *)g_ptr_array_index (feeds, 1))->url, ==, beta);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (f, "stack")), ==, "list");

  /* Fetched at once; their titles are the feeds' own. */
  wait_row (f, "Alpha Wire", "3 new stories");
  wait_row (f, "Beta Desk", "2 new stories");
  g_assert_cmpuint (server_hits (&f->server, "/missing.xml"), ==, 0);
}

static void
test_feeds_page_default_suggestions (Fixture       *f,
                                     gconstpointer  data)
{
  GtkWidget *suggestions = page_child (f, "suggestions_box");
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;

  /* The app's own list, from its resources: geopolitics and Asian technology. */
  g_assert_nonnull (find_label (suggestions, "Geopolitics"));
  g_assert_nonnull (find_label (suggestions, "Asia Tech"));
  g_assert_nonnull (find_label (suggestions, "BBC News – World"));
  g_assert_nonnull (find_label (suggestions, "The Diplomat"));
  g_assert_nonnull (find_label (suggestions, "TechWire Asia"));
  /* No "0 feeds" under the title. */
  g_assert_false (gtk_widget_get_visible (page_child (f, "state_label")));
  /* Nothing is subscribed to without asking. */
  feeds = dash_subscriptions_list (f->subs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feeds->len, ==, 0);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (find_button (GTK_WIDGET (f->page),
                                                                     "_Subscribe"))));
}

static void
test_preferences_settings (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.example.Dashboard");
  GtkWidget *window = dash_preferences_window_new (f->window, settings);
  AdwComboRow *interval;
  GtkSwitch *metered;

  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  interval = ADW_COMBO_ROW (gtk_widget_get_template_child (window, DASH_TYPE_PREFERENCES_WINDOW,
                                                          "interval_row"));
  metered = GTK_SWITCH (gtk_widget_get_template_child (window, DASH_TYPE_PREFERENCES_WINDOW,
                                                       "metered_switch"));

  /* The defaults: every hour, not on metered connections. */
  g_assert_cmpuint (adw_combo_row_get_selected (interval), ==, 2);
  g_assert_false (gtk_switch_get_active (metered));

  adw_combo_row_set_selected (interval, 1);
  g_assert_cmpuint (g_settings_get_uint (settings, "refresh-interval"), ==, 15);
  adw_combo_row_set_selected (interval, 0);
  g_assert_cmpuint (g_settings_get_uint (settings, "refresh-interval"), ==, 0);
  adw_combo_row_set_selected (interval, 4);
  g_assert_cmpuint (g_settings_get_uint (settings, "refresh-interval"), ==, 24 * 60);

  g_settings_set_uint (settings, "refresh-interval", 180);
  g_assert_cmpuint (adw_combo_row_get_selected (interval), ==, 3);
  /* Set elsewhere to a value the row does not offer: the nearest shows. */
  g_settings_set_uint (settings, "refresh-interval", 20);
  g_assert_cmpuint (adw_combo_row_get_selected (interval), ==, 1);

  gtk_switch_set_active (metered, TRUE);
  g_assert_true (g_settings_get_boolean (settings, "refresh-on-metered"));

  /* The refresher follows the same keys. */
  dash_refresher_bind_settings (f->refresher, settings);
  g_assert_true (dash_refresher_get_allow_metered (f->refresher));
  adw_combo_row_set_selected (interval, 0);
  g_assert_cmpuint (dash_refresher_get_interval (f->refresher), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (window);
  g_settings_reset (settings, "refresh-interval");
  g_settings_reset (settings, "refresh-on-metered");
}

static void
skip_test (gconstpointer data)
{
  g_test_skip ("No display: run under Xvfb (xvfb-run -a)");
}

static void
add_test (const char *path,
          void      (*func) (Fixture *, gconstpointer))
{
  if (have_display)
    g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown);
  else
    g_test_add_data_func (path, NULL, skip_test);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* Without a session bus (plain Xvfb), the accessibility bridge would warn, and
   * warnings are fatal here. */
  g_setenv ("GTK_A11Y", "none", FALSE);

  have_display = gtk_init_check ();
  if (!have_display && g_getenv ("DASH_REQUIRE_DISPLAY") != NULL)
    {
      g_printerr ("No display, and DASH_REQUIRE_DISPLAY is set: run under Xvfb\n");
      return EXIT_FAILURE;
    }
  if (have_display)
    adw_init ();

  add_test ("/feeds-page/add", test_feeds_page_add);
  add_test ("/feeds-page/add-error", test_feeds_page_add_error);
  add_test ("/feeds-page/refresh-errors", test_feeds_page_refresh_errors);
  add_test ("/feeds-page/pause-rename", test_feeds_page_pause_rename);
  add_test ("/feeds-page/remove", test_feeds_page_remove);
  add_test ("/feeds-page/offline", test_feeds_page_offline);
  add_test ("/feeds-page/activate", test_feeds_page_activate);
  add_test ("/feeds-page/suggestions", test_feeds_page_suggestions);
  add_test ("/feeds-page/suggestions-default", test_feeds_page_default_suggestions);
  add_test ("/preferences/settings", test_preferences_settings);

  return g_test_run ();
}
