/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Drives the Feeds page and the Preferences window in this process, against an
 * in-process SoupServer on 127.0.0.1 and a network monitor the test controls: run under
 * Xvfb (xvfb-run -a). Without a display the tests are skipped, or fail when
 * DASH_REQUIRE_DISPLAY is set. Nothing here touches the internet. */

#include "config.h"

#include <string.h>

#include "dash-feeds-page.h"
#include "dash-preferences-window.h"
#include "dash-refresher.h"
#include "dash-test-server.h"
#include "dash-test-ui.h"

/* A web page that names its feed, beside the server's common routes. */
static void
site_cb (DashTestServer    *server,
         SoupServerMessage *msg,
         const char        *path)
{
  dash_test_respond (msg, SOUP_STATUS_OK, "text/html",
                     g_strdup ("<!DOCTYPE html><html><head><title>Alpha</title>"
                               "<link rel=\"alternate\" type=\"application/rss+xml\" "
                               "href=\"/alpha.xml\"></head><body><p>Ferries</p></body></html>"));
}

static const DashTestRoute routes[] = {
  { "/site/", site_cb },
  { NULL },
};

/* The fixture: a server, an empty corpus, its subscriptions and refresher, and a window
 * that shows the page. */

typedef struct {
  DashTestFeeds      feeds;
  DashTestMonitor   *monitor;
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

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *overlay;

  memset (f, 0, sizeof *f);
  dash_test_feeds_set_up (&f->feeds, "feeds-page", routes);
  f->monitor = dash_test_monitor_new ();
  f->refresher = dash_refresher_new (f->feeds.subs, G_NETWORK_MONITOR (f->monitor));
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
  dash_feeds_page_set_subscriptions (f->page, f->feeds.subs);
  gtk_window_present (f->window);
  dash_test_spin_until (dash_test_is_mapped, f->page, 20);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  dash_test_destroy_window (f->window);
  g_assert_finalize_object (f->refresher);
  g_assert_finalize_object (f->monitor);
  dash_test_feeds_tear_down (&f->feeds);
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

  dash_test_spin_until (row_shows, &expected, 20);
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
  g_autofree char *site = dash_test_server_url (f->feeds.server, "/site/");
  g_autofree char *alpha = dash_test_server_url (f->feeds.server, "/alpha.xml");
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (f, "stack")), ==, "empty");

  /* A web page that names its feed: the feed is found, subscribed to and fetched. */
  add_through_dialog (f, site);
  dash_test_spin_until (no_add_dialog, NULL, 20);
  wait_row (f, "Alpha Wire", "3 new stories");
  g_assert_true (find_label (GTK_WIDGET (find_row (f, "Alpha Wire")), "Updated just now") != NULL);
  g_assert_nonnull (find_label (GTK_WIDGET (find_row (f, "Alpha Wire")), alpha));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (f, "stack")), ==, "list");
  g_assert_cmpuint (dash_test_feeds_count_articles (&f->feeds), ==, 3);

  feeds = dash_subscriptions_list (f->feeds.subs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feeds->len, ==, 1);
  g_assert_cmpstr (((DashFeed *)g_ptr_array_index (feeds, 0))->url, ==, alpha);
}

static void
test_feeds_page_add_error (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *missing = dash_test_server_url (f->feeds.server, "/missing.xml");
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;
  DialogText expected;
  GtkWindow *dialog;
  GtkLabel *label;

  dialog = add_through_dialog (f, missing);
  expected.dialog = dialog;
  expected.text = "404 Not Found";
  dash_test_spin_until (dialog_says, &expected, 20);

  /* The dialog stays, says what went wrong, and lets the user try again. */
  g_assert_true (find_window (ADW_TYPE_WINDOW, "Add Feed") == dialog);
  label = find_label (GTK_WIDGET (dialog), "404 Not Found");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "error"));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (find_button (GTK_WIDGET (dialog),
                                                                    "_Add"))));
  g_assert_false (gtk_widget_get_visible (find_widget_of_type (GTK_WIDGET (dialog),
                                                                GTK_TYPE_SPINNER)));
  feeds = dash_subscriptions_list (f->feeds.subs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feeds->len, ==, 0);

  gtk_window_close (dialog);
  dash_test_spin_until (no_add_dialog, NULL, 20);
}

static void
test_feeds_page_refresh_errors (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(DashFeed) alpha = dash_test_feeds_subscribe (&f->feeds, "/alpha.xml");
  g_autoptr(DashFeed) beta = dash_test_feeds_subscribe (&f->feeds, "/beta.xml");
  g_autoptr(DashFeed) missing = dash_test_feeds_subscribe (&f->feeds, "/missing.xml");
  g_autofree char *missing_url = dash_test_server_url (f->feeds.server, "/missing.xml");
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
  g_assert_cmpuint (dash_test_feeds_count_articles (&f->feeds), ==, 5);
}

static void
test_feeds_page_pause_rename (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(DashFeed) alpha = dash_test_feeds_subscribe (&f->feeds, "/alpha.xml");
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
  g_assert_cmpuint (dash_test_server_get_hits (f->feeds.server, "/alpha.xml"), ==, 1);

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
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "accept"));
  gtk_editable_set_text (entry, "Ferry <News> & Co");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "accept"));
  adw_message_dialog_response (dialog, "accept");
  gtk_window_destroy (GTK_WINDOW (dialog));
  /* Shown as text, not markup. */
  g_assert_nonnull (find_row (f, "Ferry <News> & Co"));
  g_assert_null (find_row (f, "Alpha Wire"));
}

static void
test_feeds_page_remove (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(DashFeed) alpha = dash_test_feeds_subscribe (&f->feeds, "/alpha.xml");
  g_autoptr(DashFeed) beta = dash_test_feeds_subscribe (&f->feeds, "/beta.xml");
  AdwMessageDialog *dialog;

  dash_refresher_refresh_now (f->refresher);
  wait_row (f, "Alpha Wire", "3 new stories");
  g_assert_cmpuint (dash_test_feeds_count_articles (&f->feeds), ==, 5);

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
  g_assert_cmpuint (dash_test_feeds_count_articles (&f->feeds), ==, 2);
  g_assert_cmpuint (n_rows (f), ==, 1);
  g_assert_null (find_row (f, "Alpha Wire"));

  /* Remove, keeping them: the page is empty, the stories stay. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "feed.remove", "x",
                                             beta->id));
  dialog = ADW_MESSAGE_DIALOG (find_window (ADW_TYPE_MESSAGE_DIALOG, NULL));
  adw_message_dialog_response (dialog, "keep");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (dash_test_feeds_count_articles (&f->feeds), ==, 2);
  g_assert_cmpuint (n_rows (f), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (f, "stack")), ==, "empty");
}

static void
test_feeds_page_offline (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(DashFeed) alpha = dash_test_feeds_subscribe (&f->feeds, "/alpha.xml");
  GtkLabel *state = page_child (f, "state_label");

  dash_feeds_page_reload (f->page);
  g_assert_cmpstr (gtk_label_get_label (state), ==, "1 feed");

  /* Offline: the page says why nothing happens, and refreshes when the network is back. */
  dash_test_monitor_set (f->monitor, FALSE, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "feeds.refresh-all", NULL));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (state), "1 feed · Offline"));
  g_assert_false (gtk_widget_get_visible (page_child (f, "spinner")));
  wait_row (f, "127.0.0.1", "Not refreshed yet");

  dash_test_monitor_set (f->monitor, TRUE, FALSE);
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
  g_autoptr(DashFeed) beta = dash_test_feeds_subscribe (&f->feeds, "/beta.xml");
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
  const char *base = dash_test_server_get_base (f->feeds.server);
  g_autofree char *json = g_strdup_printf ("{\"groups\": ["
                                           "{\"name\": \"Harbours\", \"feeds\": ["
                                           "{\"name\": \"Alpha Harbour\", \"url\": \"%s/alpha.xml\","
                                           " \"description\": \"Ferries and pilots.\"},"
                                           "{\"name\": \"Missing Harbour\", \"url\": \"%s/missing.xml\","
                                           " \"description\": \"Gone.\"}]},"
                                           "{\"name\": \"Rivers\", \"feeds\": ["
                                           "{\"name\": \"Beta River\", \"url\": \"%s/beta.xml\","
                                           " \"description\": \"Barges.\"}]}]}",
                                           base, base, base);
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *alpha = dash_test_server_url (f->feeds.server, "/alpha.xml");
  g_autofree char *beta = dash_test_server_url (f->feeds.server, "/beta.xml");
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
  feeds = dash_subscriptions_list (f->feeds.subs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feeds->len, ==, 2);
  g_assert_cmpstr (((DashFeed *)g_ptr_array_index (feeds, 0))->url, ==, alpha);
  g_assert_cmpstr (((DashFeed *)g_ptr_array_index (feeds, 1))->url, ==, beta);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (f, "stack")), ==, "list");

  /* Fetched at once; their titles are the feeds' own. */
  wait_row (f, "Alpha Wire", "3 new stories");
  wait_row (f, "Beta Desk", "2 new stories");
  g_assert_cmpuint (dash_test_server_get_hits (f->feeds.server, "/missing.xml"), ==, 0);
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
  feeds = dash_subscriptions_list (f->feeds.subs, &error);
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

  dash_test_destroy_window (window);
  g_settings_reset (settings, "refresh-interval");
  g_settings_reset (settings, "refresh-on-metered");
}

#define add_test(path, func) \
  dash_test_add_display (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  dash_test_init_display ();

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
