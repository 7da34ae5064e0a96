/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Drives the real main window in this process: run under Xvfb (xvfb-run -a). Without a
 * display the tests are skipped, or fail when DASH_REQUIRE_DISPLAY is set. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "dash-export-dialog.h"
#include "dash-graph-page.h"
#include "dash-location.h"
#include "dash-overview-page.h"
#include "dash-reader.h"
#include "dash-stories-page.h"
#include "dash-test-ui.h"
#include "dash-timeline-view.h"
#include "dash-window.h"

/* Written for this test: four stories from an invented wire service; the last one is
 * about a trade war, and names China for the entity extractor. */
static const char fixture_feed[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<rss version=\"2.0\">\n"
  "  <channel>\n"
  "    <title>Lighthouse Wire</title>\n"
  "    <link>https://wire.example.org/</link>\n"
  "    <description>Test stories for the window tests.</description>\n"
  "    <item>\n"
  "      <title>Ferry operators agree on a shared timetable for the strait</title>\n"
  "      <link>https://wire.example.org/ferry-timetable</link>\n"
  "      <guid>https://wire.example.org/ferry-timetable</guid>\n"
  "      <pubDate>Mon, 03 Mar 2025 09:15:00 +0000</pubDate>\n"
  "      <description>Three ferry companies signed a timetable that spaces crossings "
  "twenty minutes apart, ending a season of crowded mornings at both ports.</description>\n"
  "    </item>\n"
  "    <item>\n"
  "      <title>River commission maps the shifting sandbanks near the delta</title>\n"
  "      <link>https://wire.example.org/sandbank-survey</link>\n"
  "      <guid>https://wire.example.org/sandbank-survey</guid>\n"
  "      <pubDate>Tue, 04 Mar 2025 14:40:00 +0000</pubDate>\n"
  "      <description>Surveyors from both banks spent a fortnight measuring channels "
  "that moved after the winter floods; the new charts go to pilots next week.</description>\n"
  "    </item>\n"
  "    <item>\n"
  "      <title>Mountain villages vote to pool money for a winter road</title>\n"
  "      <link>https://wire.example.org/winter-road</link>\n"
  "      <guid>https://wire.example.org/winter-road</guid>\n"
  "      <pubDate>Wed, 05 Mar 2025 07:05:00 +0000</pubDate>\n"
  "      <description>Eleven councils approved a joint budget to keep the pass open "
  "through January, the first such agreement in the valley.</description>\n"
  "    </item>\n"
  "    <item>\n"
  "      <title>Tariffs and export controls widen the trade war</title>\n"
  "      <link>https://wire.example.org/trade-war</link>\n"
  "      <guid>https://wire.example.org/trade-war</guid>\n"
  "      <pubDate>Thu, 06 Mar 2025 11:30:00 +0000</pubDate>\n"
  "      <description>The ministry raised tariffs on steel and added export controls on "
  "chips; China promised retaliation &amp; more sanctions. Traders expect the trade war "
  "to bring further tariffs and retaliatory measures.</description>\n"
  "    </item>\n"
  "  </channel>\n"
  "</rss>\n";

/* Two more stories from an invented source: one names Japan, the other Germany. */
static const char fixture_feed_more[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<rss version=\"2.0\">\n"
  "  <channel>\n"
  "    <title>Harbour Notes</title>\n"
  "    <link>https://notes.example.org/</link>\n"
  "    <description>More test stories for the window tests.</description>\n"
  "    <item>\n"
  "      <title>Shipyard in Japan launches a hydrogen ferry</title>\n"
  "      <link>https://notes.example.org/hydrogen-ferry</link>\n"
  "      <guid>https://notes.example.org/hydrogen-ferry</guid>\n"
  "      <pubDate>Fri, 07 Mar 2025 08:00:00 +0000</pubDate>\n"
  "      <description>Engineers at the yard said the ferry will carry four hundred "
  "passengers across the bay.</description>\n"
  "    </item>\n"
  "    <item>\n"
  "      <title>Rail operators in Germany test a quieter bogie</title>\n"
  "      <link>https://notes.example.org/quiet-bogie</link>\n"
  "      <guid>https://notes.example.org/quiet-bogie</guid>\n"
  "      <pubDate>Sat, 08 Mar 2025 08:00:00 +0000</pubDate>\n"
  "      <description>Observers rode the trial trains on a mountain line, where the new "
  "bogies halved the noise in tunnels.</description>\n"
  "    </item>\n"
  "  </channel>\n"
  "</rss>\n";

typedef struct {
  char *dir;
  char *db_path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("dash-test-window-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->dir, "corpus.db", NULL);

  /* Each test starts from the default settings (the memory backend lives as long as
   * the process). */
  {
    g_autoptr(GSettings) settings = g_settings_new ("org.example.Dashboard");
    g_autoptr(GSettingsSchema) schema = NULL;
    g_auto(GStrv) keys = NULL;

    g_object_get (settings, "settings-schema", &schema, NULL);
    keys = g_settings_schema_list_keys (schema);
    for (guint i = 0; keys[i] != NULL; i++)
      g_settings_reset (settings, keys[i]);
  }
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
    }
  g_remove (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_clear_pointer (&fixture->db_path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static gboolean
import_finished (gpointer data)
{
  return !dash_window_get_importing (data);
}

static DashWindow *
open_window (const char *db_path)
{
  DashWindow *window = dash_window_new (NULL, db_path);

  /* Our reference outlives gtk_window_destroy(), to check that the window is freed. */
  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  dash_test_spin_until (dash_test_is_mapped, window, 30);
  return window;
}

static gpointer
template_child (DashWindow *window,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), DASH_TYPE_WINDOW, name);

  g_assert_nonnull (child);
  return child;
}

static const char *
visible_page (DashWindow *window)
{
  return gtk_stack_get_visible_child_name (template_child (window, "stack"));
}

static const char *
story_count (DashWindow *window)
{
  return adw_window_title_get_subtitle (template_child (window, "window_title"));
}

/* A template child of one of the window's pages. */
static gpointer
page_child (gpointer    page,
            GType       type,
            const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (page), type, name);

  g_assert_nonnull (child);
  return child;
}

static const char *
visible_content (DashWindow *window)
{
  return gtk_stack_get_visible_child_name (template_child (window, "content_stack"));
}

static guint
n_listed_stories (DashWindow *window)
{
  GListModel *model = dash_stories_page_get_model (template_child (window, "stories_page"));

  return model != NULL ? g_list_model_get_n_items (model) : 0;
}

/* The sidebar row that leads to the topic @id, or NULL. */
static GtkListBoxRow *
find_topic_row (DashWindow *window,
                const char *id)
{
  GtkListBox *sidebar = template_child (window, "sidebar_list");
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (sidebar, i)) != NULL; i++)
    {
      const DashLocation *location = g_object_get_data (G_OBJECT (row), "location");

      if (location != NULL && location->kind == DASH_LOCATION_STORIES &&
          location->saved_search == 0 && g_strcmp0 (location->filter->topic, id) == 0)
        return row;
    }
  return NULL;
}

/* The text of the first label under @widget whose text is @text, or NULL. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first widget of @type under @widget, or NULL. */
static GtkWidget *
find_widget_of_type (GtkWidget *widget,
                     GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_of_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_height (data) > 0;
}

static void assert_chips (DashWindow *window,
                          const char *first,
                          ...) G_GNUC_NULL_TERMINATED;

static gboolean
timeline_counted (gpointer data)
{
  return !dash_timeline_view_get_loading (data) && dash_timeline_view_get_chart (data) != NULL;
}

/* Whether a bar (the first point of the first series) lies under some pointer position
 * half way down the timeline @data. */
static gboolean
has_bars (gpointer data)
{
  int width = gtk_widget_get_width (data);
  int height = gtk_widget_get_height (data);

  for (int x = 0; x < width; x++)
    {
      guint series = G_MAXUINT, index = G_MAXUINT;

      if (dash_timeline_view_get_bar_at (data, x, height / 2.0, &series, &index))
        return series == 0 && index == 0;
    }
  return FALSE;
}

/* The message dialog on top of @window, if there is one. */
static AdwMessageDialog *
find_message_dialog (DashWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static void
import_one (DashWindow *window,
            GFile      *file)
{
  dash_window_import_files (window, &file, 1);
  g_assert_true (dash_window_get_importing (window));
  dash_test_spin_until (import_finished, window, 30);
}

static void
test_window_import_feed (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GFile) feed = write_file (fixture, "wire.xml", fixture_feed, -1);
  DashWindow *window = open_window (fixture->db_path);

  g_assert_nonnull (dash_window_get_corpus (window));
  g_assert_cmpstr (visible_page (window), ==, "empty");
  g_assert_true (gtk_widget_get_sensitive (template_child (window, "import_button")));

  import_one (window, feed);

  g_assert_cmpstr (visible_page (window), ==, "browse");
  g_assert_cmpstr (visible_content (window), ==, "overview");
  g_assert_cmpstr (story_count (window), ==, "4 stories");
  g_assert_cmpstr (gtk_label_get_text (page_child (template_child (window, "overview_page"),
                                                   DASH_TYPE_OVERVIEW_PAGE, "stories_label")),
                   ==, "4");
  g_assert_null (find_message_dialog (window));
  g_assert_true (gtk_widget_get_sensitive (template_child (window, "import_button")));

  /* The same feed again only finds duplicates. */
  import_one (window, feed);
  g_assert_cmpstr (story_count (window), ==, "4 stories");
  g_assert_null (find_message_dialog (window));

  dash_test_destroy_window (window);

  /* A new window on the same database lists what was stored. */
  window = open_window (fixture->db_path);
  g_assert_cmpstr (visible_page (window), ==, "browse");
  g_assert_cmpstr (story_count (window), ==, "4 stories");
  dash_test_destroy_window (window);
}

static void
test_window_import_garbage (Fixture       *fixture,
                            gconstpointer  data)
{
  static const char garbage[] = {
    0x00, 0x13, 0x7f, (char)0xff, (char)0xfe, 0x01, 0x02, 0x00, (char)0x89, 0x50, 0x00, 0x0b,
    (char)0xc3, 0x28, 0x00, 0x00, 0x11, (char)0xa0, (char)0xa1, 0x00, 0x7f, 0x00, 0x03, 0x04,
  };
  g_autoptr(GFile) file = write_file (fixture, "garbage.bin", garbage, sizeof garbage);
  DashWindow *window = open_window (fixture->db_path);
  AdwMessageDialog *dialog;

  import_one (window, file);

  dialog = find_message_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "garbage.bin"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_cmpstr (visible_page (window), ==, "empty");
  g_assert_cmpstr (story_count (window), ==, "");

  dash_test_destroy_window (window);
}

static void
test_window_database_corrupt (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GString) junk = g_string_new (NULL);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  DashWindow *window;
  AdwStatusPage *error_page;

  for (guint i = 0; i < 200; i++)
    g_string_append (junk, "This file is plain text and no database at all.\n");
  file = write_file (fixture, "corrupt.db", junk->str, junk->len);
  path = g_file_get_path (file);

  window = open_window (path);

  g_assert_null (dash_window_get_corpus (window));
  g_assert_cmpstr (visible_page (window), ==, "error");
  error_page = template_child (window, "error_page");
  g_assert_nonnull (strstr (adw_status_page_get_description (error_page), "corrupt.db"));
  g_assert_false (gtk_widget_get_sensitive (template_child (window, "import_button")));

  /* Importing into it is refused without a crash, and the file is left alone. */
  {
    g_autoptr(GFile) feed = write_file (fixture, "wire.xml", fixture_feed, -1);
    g_autofree char *contents = NULL;

    dash_window_import_files (window, &feed, 1);
    g_assert_false (dash_window_get_importing (window));
    g_file_get_contents (path, &contents, NULL, NULL);
    g_assert_cmpstr (contents, ==, junk->str);
  }

  dash_test_destroy_window (window);
}

/* Choosing a topic in the sidebar shows its stories; opening one shows it in the reader
 * with its entities highlighted; a name leads to the entity, and Back returns. */
static void
test_window_navigate_topic (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GFile) feed = write_file (fixture, "wire.xml", fixture_feed, -1);
  DashWindow *window = open_window (fixture->db_path);
  GtkListBoxRow *row;
  DashStoriesPage *page;
  DashReader *reader;
  GtkLabel *subtitle;
  GtkLabel *body;
  const char *markup;

  import_one (window, feed);

  row = find_topic_row (window, "trade_war");
  g_assert_nonnull (row);
  /* The row shows the topic's story count. */
  g_assert_nonnull (find_label (GTK_WIDGET (row), "Trade war"));
  g_assert_nonnull (find_label (GTK_WIDGET (row), "1"));

  gtk_list_box_select_row (template_child (window, "sidebar_list"), row);
  g_assert_cmpstr (visible_content (window), ==, "stories");
  page = template_child (window, "stories_page");
  g_assert_cmpstr (dash_stories_page_get_title (page), ==, "Trade war");
  subtitle = page_child (page, DASH_TYPE_STORIES_PAGE, "subtitle_label");
  g_assert_nonnull (strstr (gtk_label_get_text (subtitle), "1 story"));
  g_assert_cmpuint (n_listed_stories (window), ==, 1);

  /* The timeline beside the stories counts the topic's one story, and asks for room. */
  {
    DashTimelineView *timeline = page_child (page, DASH_TYPE_STORIES_PAGE, "timeline");
    const DashTimelineChart *chart;
    int minimum, natural;

    /* It counts in a worker thread. */
    dash_test_spin_until (timeline_counted, timeline, 30);
    chart = dash_timeline_view_get_chart (timeline);

    g_assert_true (DASH_IS_TIMELINE_VIEW (timeline));
    g_assert_cmpstr (gtk_widget_get_css_name (GTK_WIDGET (timeline)), ==, "timeline");
    g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (timeline)), ==,
                     GTK_ACCESSIBLE_ROLE_IMG);
    g_assert_nonnull (chart);
    g_assert_cmpuint (chart->series->len, ==, 1);
    g_assert_cmpuint (dash_timeline_view_get_total (timeline), ==, 1);
    gtk_widget_measure (GTK_WIDGET (timeline), GTK_ORIENTATION_VERTICAL, -1,
                        &minimum, &natural, NULL, NULL);
    g_assert_cmpint (minimum, >, 0);
    g_assert_cmpint (natural, >, 0);
    g_assert_cmpint (natural, >=, minimum);

    /* Once drawn, the pointer finds its one bar half way up. */
    dash_test_spin_until (has_drawn, timeline, 30);
    gtk_widget_queue_draw (GTK_WIDGET (timeline));
    dash_test_spin_until (has_bars, timeline, 30);

    /* A bar clicked (or a period dragged across) narrows the stories to its days. */
    g_signal_emit_by_name (timeline, "range-activated", (gint64) 1740787200,
                           (gint64) 1743465600);
    assert_chips (window, "Topic: Trade war", "Date: 1 Mar 2025 – 31 Mar 2025", NULL);
    g_assert_cmpuint (n_listed_stories (window), ==, 1);
    g_signal_emit_by_name (timeline, "range-selected", (gint64) 1735689600,
                           (gint64) 1738368000);
    assert_chips (window, "Topic: Trade war", "Date: 1 Jan 2025 – 31 Jan 2025", NULL);
    g_assert_cmpuint (n_listed_stories (window), ==, 0);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
    assert_chips (window, "Topic: Trade war", NULL);
  }
  /* Each story shows its topics as tags. */
  g_assert_nonnull (find_label (page_child (page, DASH_TYPE_STORIES_PAGE, "list_view"),
                                "Trade war"));

  /* The overview's topic cards show timelines too, not level bars. */
  {
    GtkWidget *overview = template_child (window, "overview_page");

    g_assert_nonnull (find_widget_of_type (overview, DASH_TYPE_TIMELINE_VIEW));
    g_assert_null (find_widget_of_type (overview, GTK_TYPE_LEVEL_BAR));
  }

  /* Open the story. */
  g_signal_emit_by_name (page_child (page, DASH_TYPE_STORIES_PAGE, "list_view"), "activate", 0);
  g_assert_cmpstr (visible_content (window), ==, "reader");
  reader = template_child (window, "reader");
  g_assert_cmpstr (gtk_label_get_text (page_child (reader, DASH_TYPE_READER, "title_label")), ==,
                   "Tariffs and export controls widen the trade war");
  body = page_child (reader, DASH_TYPE_READER, "body_label");
  markup = gtk_label_get_label (body);
  g_assert_nonnull (strstr (markup, "<a href=\"entity:China\""));
  g_assert_nonnull (strstr (markup, ">China</span></a>"));
  /* Corpus text is escaped before it becomes markup. */
  g_assert_nonnull (strstr (markup, "retaliation &amp; more"));
  g_assert_nonnull (strstr (gtk_label_get_text (body), "retaliation & more"));
  g_assert_true (gtk_widget_get_visible (page_child (reader, DASH_TYPE_READER, "open_button")));

  /* Clicking the name shows the entity; Back returns to the story, then the topic. */
  {
    gboolean handled = FALSE;

    g_signal_emit_by_name (body, "activate-link", "entity:China", &handled);
    g_assert_true (handled);
  }
  g_assert_cmpstr (visible_content (window), ==, "stories");
  g_assert_cmpstr (dash_stories_page_get_title (page), ==, "China");
  g_assert_cmpuint (n_listed_stories (window), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  g_assert_cmpstr (visible_content (window), ==, "reader");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  g_assert_cmpstr (visible_content (window), ==, "stories");
  g_assert_cmpstr (dash_stories_page_get_title (page), ==, "Trade war");

  dash_test_destroy_window (window);
}

static gboolean
showing_results (gpointer data)
{
  DashWindow *window = data;

  return g_strcmp0 (visible_content (window), "stories") == 0 &&
         g_str_has_prefix (dash_stories_page_get_title (template_child (window, "stories_page")),
                           "Results");
}

static gboolean
showing_overview (gpointer data)
{
  return g_strcmp0 (visible_content (data), "overview") == 0;
}

/* Typing a search lists the matching stories with their snippets; clearing it returns. */
static void
test_window_search (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GFile) feed = write_file (fixture, "wire.xml", fixture_feed, -1);
  DashWindow *window = open_window (fixture->db_path);
  GtkEditable *entry;
  GListModel *model;

  import_one (window, feed);
  entry = template_child (window, "search_entry");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  gtk_editable_set_text (entry, "ferry");
  dash_test_spin_until (showing_results, window, 30);
  g_assert_cmpuint (n_listed_stories (window), ==, 1);
  model = dash_stories_page_get_model (template_child (window, "stories_page"));
  {
    g_autoptr(DashArticle) article = g_list_model_get_item (model, 0);

    g_assert_nonnull (strstr (dash_article_get_snippet (article), "**"));
  }

  /* The story opened from the results shows the word searched for. */
  {
    DashStoriesPage *page = template_child (window, "stories_page");
    DashReader *reader = template_child (window, "reader");
    const char *markup;

    g_signal_emit_by_name (page_child (page, DASH_TYPE_STORIES_PAGE, "list_view"), "activate", 0);
    g_assert_cmpstr (visible_content (window), ==, "reader");
    markup = gtk_label_get_label (page_child (reader, DASH_TYPE_READER, "title_label"));
    g_assert_nonnull (strstr (markup, "weight=\"bold\">Ferry</span>"));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
    dash_test_spin_until (showing_results, window, 30);
  }

  /* Enter keeps the search among the recent ones. */
  g_signal_emit_by_name (entry, "activate");
  {
    g_autoptr(GSettings) settings = g_settings_new ("org.example.Dashboard");
    g_auto(GStrv) recent = g_settings_get_strv (settings, "recent-searches");

    g_assert_cmpstr (recent[0], ==, "ferry");
  }

  /* A word in two stories. */
  gtk_editable_set_text (entry, "tariffs OR councils");
  dash_test_spin_until (showing_results, window, 30);
  while (n_listed_stories (window) != 2 && g_main_context_iteration (NULL, TRUE))
    ;
  g_assert_cmpuint (n_listed_stories (window), ==, 2);

  gtk_editable_set_text (entry, "");
  dash_test_spin_until (showing_overview, window, 30);

  /* The overview lists it; choosing it searches again. */
  {
    DashOverviewPage *overview = template_child (window, "overview_page");
    GtkListBox *recent = page_child (overview, DASH_TYPE_OVERVIEW_PAGE, "recent_list");
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (recent, 0);

    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (recent)));
    g_assert_nonnull (row);
    g_assert_nonnull (find_label (GTK_WIDGET (row), "ferry"));
    g_signal_emit_by_name (recent, "row-activated", row);
    dash_test_spin_until (showing_results, window, 30);
    g_assert_cmpstr (gtk_editable_get_text (entry), ==, "ferry");
    g_assert_cmpuint (n_listed_stories (window), ==, 1);
  }

  dash_test_destroy_window (window);
}

/* Imports both fixture feeds: six stories naming China, Japan and Germany once each. */
static DashWindow *
open_window_with_entities (Fixture *fixture)
{
  g_autoptr(GFile) feed = write_file (fixture, "wire.xml", fixture_feed, -1);
  g_autoptr(GFile) more = write_file (fixture, "notes.xml", fixture_feed_more, -1);
  DashWindow *window = open_window (fixture->db_path);

  import_one (window, feed);
  import_one (window, more);
  g_assert_cmpstr (story_count (window), ==, "6 stories");
  return window;
}

/* Chooses the sidebar row whose label is @label. */
static void
select_sidebar_row (DashWindow *window,
                    const char *label)
{
  GtkListBox *sidebar = template_child (window, "sidebar_list");
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (sidebar, i)) != NULL; i++)
    if (find_label (GTK_WIDGET (row), label) != NULL)
      {
        gtk_list_box_select_row (sidebar, row);
        return;
      }
  g_assert_not_reached ();
}

static gboolean
list_filled (gpointer data)
{
  return gtk_list_box_get_row_at_index (data, 0) != NULL;
}

/* The row of the entity @name on the Entities page, shown first; or NULL. */
static GtkListBoxRow *
find_listed_entity (DashWindow *window,
                    const char *name)
{
  GtkListBox *list = template_child (window, "list_box");
  GtkListBoxRow *row;

  select_sidebar_row (window, "Entities");
  g_assert_cmpstr (visible_content (window), ==, "list");
  /* The list is counted in a worker. */
  dash_test_spin_until (list_filled, list, 30);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "entity-name"), name) == 0)
      return row;
  return NULL;
}

/* Opens the page of the entity @name from the Entities page, as a click does. */
static DashStoriesPage *
open_entity (DashWindow *window,
             const char *name)
{
  GtkListBoxRow *row = find_listed_entity (window, name);
  DashStoriesPage *page = template_child (window, "stories_page");

  g_assert_nonnull (row);
  g_signal_emit_by_name (template_child (window, "list_box"), "row-activated", row);
  g_assert_cmpstr (visible_content (window), ==, "stories");
  g_assert_cmpstr (dash_stories_page_get_title (page), ==, name);
  g_assert_nonnull (dash_stories_page_get_entity (page));
  g_assert_true (gtk_widget_get_visible (page_child (page, DASH_TYPE_STORIES_PAGE,
                                                     "entity_button")));
  return page;
}

/* The open window of @type other than the main one, or NULL. */
static gpointer
find_toplevel (GType type)
{
  GList *toplevels = gtk_window_list_toplevels ();
  gpointer found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static const char *
aliases_text (DashStoriesPage *page)
{
  GtkWidget *label = page_child (page, DASH_TYPE_STORIES_PAGE, "aliases_label");

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

/* Another name added to an entity is found in the stories stored: the entity's page
 * lists it and counts the story that uses it. */
static void
test_window_entity_alias (Fixture       *fixture,
                          gconstpointer  data)
{
  DashWindow *window = open_window_with_entities (fixture);
  DashStoriesPage *page = open_entity (window, "Japan");
  g_autoptr(GError) error = NULL;
  guint before = n_listed_stories (window);

  /* The menu item asks for the name. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "entity.add-alias", NULL));
  {
    GtkWindow *dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                     "Add Another Name");
    gtk_window_destroy (dialog);
  }

  /* A name that is another entity's is refused; "Ferry operators" names none in the
   * stories, and as Japan's other name it brings the ferry story to Japan. */
  g_assert_false (dash_stories_page_add_entity_alias (page, "Germany", &error));
  g_assert_error (error, DASH_ERROR, DASH_ERROR_QUERY);
  g_clear_error (&error);
  g_assert_true (dash_stories_page_add_entity_alias (page, "Ferry operators", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (dash_stories_page_get_title (page), ==, "Japan");
  g_assert_nonnull (strstr (aliases_text (page), "Ferry operators"));
  g_assert_cmpuint (n_listed_stories (window), ==, before + 1);

  dash_test_destroy_window (window);
}

/* Renaming an entity, through its dialog or the function the dialog calls, retitles its
 * page, keeps the old name as an alias, and leaves the other pages working; Undo names
 * it back. */
static void
test_window_entity_rename (Fixture       *fixture,
                           gconstpointer  data)
{
  DashWindow *window = open_window_with_entities (fixture);
  DashStoriesPage *page;
  AdwMessageDialog *dialog;
  GtkEditable *entry;
  g_autoptr(GError) error = NULL;
  gint64 id;

  page = open_entity (window, "China");
  id = dash_stories_page_get_entity (page)->id;
  g_assert_null (aliases_text (page));

  g_assert_true (dash_stories_page_rename_entity (page, "People's Republic of China", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (visible_content (window), ==, "stories");
  g_assert_cmpstr (dash_stories_page_get_title (page), ==, "People's Republic of China");
  g_assert_cmpstr (gtk_label_get_text (page_child (page, DASH_TYPE_STORIES_PAGE, "title_label")),
                   ==, "People's Republic of China");
  g_assert_cmpstr (aliases_text (page), ==, "Also called: China");
  g_assert_cmpuint (n_listed_stories (window), ==, 1);
  g_assert_cmpint (dash_stories_page_get_entity (page)->id, ==, id);

  /* Back from the renamed page leads to the Entities page, which has the new name. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  g_assert_cmpstr (visible_content (window), ==, "list");
  g_assert_nonnull (find_listed_entity (window, "People's Republic of China"));
  g_assert_null (find_listed_entity (window, "China"));

  /* The sidebar and the overview still work. */
  gtk_list_box_select_row (template_child (window, "sidebar_list"),
                           find_topic_row (window, "trade_war"));
  g_assert_cmpstr (visible_content (window), ==, "stories");
  g_assert_cmpstr (dash_stories_page_get_title (page), ==, "Trade war");
  g_assert_cmpuint (n_listed_stories (window), ==, 1);
  g_assert_null (dash_stories_page_get_entity (page));
  g_assert_false (gtk_widget_get_visible (page_child (page, DASH_TYPE_STORIES_PAGE,
                                                      "entity_button")));
  select_sidebar_row (window, "Overview");
  g_assert_cmpstr (visible_content (window), ==, "overview");
  g_assert_cmpstr (gtk_label_get_text (page_child (template_child (window, "overview_page"),
                                                   DASH_TYPE_OVERVIEW_PAGE, "stories_label")),
                   ==, "6");

  /* The toast's Undo names it back, and the page follows. */
  page = open_entity (window, "People's Republic of China");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.rename-entity", "(xss)",
                                             id, "People's Republic of China", "China"));
  g_assert_cmpstr (visible_content (window), ==, "stories");
  g_assert_cmpstr (dash_stories_page_get_title (page), ==, "China");
  g_assert_cmpuint (n_listed_stories (window), ==, 1);

  /* The dialog comes with the name filled in, and its response renames. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "entity.rename", NULL));
  dialog = find_message_dialog (window);
  g_assert_nonnull (dialog);
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "China");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "rename"));
  gtk_editable_set_text (entry, "  PRC ");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "rename"));
  adw_message_dialog_response (dialog, "rename");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpstr (dash_stories_page_get_title (page), ==, "PRC");
  g_assert_nonnull (strstr (aliases_text (page), "China"));

  dash_test_destroy_window (window);
}

/* Hiding an entity leaves its page for the one before and takes it off the lists;
 * Undo shows it again. */
static void
test_window_entity_hide (Fixture       *fixture,
                         gconstpointer  data)
{
  DashWindow *window = open_window_with_entities (fixture);
  DashStoriesPage *page;
  GtkListBox *overview_entities;
  g_autoptr(GError) error = NULL;
  gint64 id;

  page = open_entity (window, "Japan");
  id = dash_stories_page_get_entity (page)->id;

  g_assert_true (dash_stories_page_hide_entity (page, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (visible_content (window), ==, "list");
  g_assert_null (find_listed_entity (window, "Japan"));
  g_assert_nonnull (find_listed_entity (window, "China"));
  /* The overview's top entities lose it too, and its stories stay. */
  select_sidebar_row (window, "Overview");
  overview_entities = page_child (template_child (window, "overview_page"),
                                  DASH_TYPE_OVERVIEW_PAGE, "entities_list");
  dash_test_spin_until (list_filled, overview_entities, 30);
  g_assert_null (find_label (GTK_WIDGET (overview_entities), "Japan"));
  g_assert_nonnull (find_label (GTK_WIDGET (overview_entities), "China"));
  g_assert_cmpstr (story_count (window), ==, "6 stories");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.unhide-entity", "x", id));
  dash_test_spin_until (list_filled, overview_entities, 30);
  g_assert_nonnull (find_label (GTK_WIDGET (overview_entities), "Japan"));
  g_assert_nonnull (find_listed_entity (window, "Japan"));

  dash_test_destroy_window (window);
}

/* Merging an entity into another shows the other's page, with the stories of both. */
static void
test_window_entity_merge (Fixture       *fixture,
                          gconstpointer  data)
{
  DashWindow *window = open_window_with_entities (fixture);
  DashCorpus *corpus = dash_window_get_corpus (window);
  g_autoptr(DashEntityStat) source = NULL;
  g_autoptr(DashEntityStat) target = NULL;
  g_autoptr(DashEntityStat) merged = NULL;
  g_autoptr(GError) error = NULL;
  DashStoriesPage *page;
  GtkListBoxRow *row;

  source = dash_corpus_find_entity (corpus, "Germany", &error);
  g_assert_no_error (error);
  target = dash_corpus_find_entity (corpus, "China", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (source->articles, ==, 1);
  g_assert_cmpuint (target->articles, ==, 1);

  page = open_entity (window, "Germany");
  g_assert_true (dash_stories_page_merge_entity (page, target, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (visible_content (window), ==, "stories");
  g_assert_cmpstr (dash_stories_page_get_title (page), ==, "China");
  g_assert_cmpint (dash_stories_page_get_entity (page)->id, ==, target->id);
  g_assert_cmpuint (n_listed_stories (window), ==, source->articles + target->articles);
  g_assert_cmpstr (aliases_text (page), ==, "Also called: Germany");
  merged = dash_corpus_find_entity (corpus, "China", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (merged->articles, ==, source->articles + target->articles);

  /* Back leads to the Entities page, where the merged one is gone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  g_assert_cmpstr (visible_content (window), ==, "list");
  g_assert_null (find_listed_entity (window, "Germany"));
  row = find_listed_entity (window, "China");
  g_assert_nonnull (row);
  g_assert_nonnull (find_label (GTK_WIDGET (row), "2 stories"));

  /* Undo, as the toast offers: both are back as they were. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-merge", NULL));
  row = find_listed_entity (window, "Germany");
  g_assert_nonnull (row);
  g_assert_nonnull (find_label (GTK_WIDGET (row), "1 story"));
  row = find_listed_entity (window, "China");
  g_assert_nonnull (find_label (GTK_WIDGET (row), "1 story"));
  page = open_entity (window, "Germany");
  g_assert_null (aliases_text (page));
  g_assert_cmpuint (n_listed_stories (window), ==, 1);

  dash_test_destroy_window (window);
}

/* The Merge Into dialog lists the other entities, narrowed by what is typed. */
static void
test_window_entity_merge_dialog (Fixture       *fixture,
                                 gconstpointer  data)
{
  DashWindow *window = open_window_with_entities (fixture);
  DashStoriesPage *page = open_entity (window, "Germany");
  AdwMessageDialog *dialog;
  GtkListBox *list;
  GtkEditable *search;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "entity.merge", NULL));
  dialog = find_message_dialog (window);
  g_assert_nonnull (dialog);
  list = GTK_LIST_BOX (find_widget_of_type (adw_message_dialog_get_extra_child (dialog),
                                            GTK_TYPE_LIST_BOX));
  search = GTK_EDITABLE (find_widget_of_type (adw_message_dialog_get_extra_child (dialog),
                                              GTK_TYPE_SEARCH_ENTRY));
  /* Every entity but itself, with its type and count. */
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 1));
  g_assert_null (gtk_list_box_get_row_at_index (list, 2));
  g_assert_null (find_label (GTK_WIDGET (list), "Germany"));
  g_assert_nonnull (find_label (GTK_WIDGET (list), "Country"));
  g_assert_nonnull (find_label (GTK_WIDGET (list), "1 story"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "merge"));

  gtk_editable_set_text (search, "jap");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 0));
  g_assert_null (gtk_list_box_get_row_at_index (list, 1));
  g_assert_nonnull (find_label (GTK_WIDGET (list), "Japan"));
  g_signal_emit_by_name (search, "activate");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "merge"));
  adw_message_dialog_response (dialog, "merge");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_cmpstr (dash_stories_page_get_title (page), ==, "Japan");
  g_assert_cmpuint (n_listed_stories (window), ==, 2);

  dash_test_destroy_window (window);
}

static char **
chips (DashWindow *window)
{
  DashStoriesPage *page = template_child (window, "stories_page");

  return dash_filter_bar_dup_chips (dash_stories_page_get_filter_bar (page));
}

static void
assert_chips (DashWindow *window,
              const char *first,
              ...)
{
  g_auto(GStrv) shown = chips (window);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) expected = NULL;
  g_autofree char *shown_text = NULL;
  g_autofree char *expected_text = NULL;
  va_list args;

  va_start (args, first);
  for (const char *chip = first; chip != NULL; chip = va_arg (args, const char *))
    g_strv_builder_add (builder, chip);
  va_end (args);
  expected = g_strv_builder_end (builder);
  shown_text = g_strjoinv (" | ", shown);
  expected_text = g_strjoinv (" | ", expected);
  g_assert_cmpstr (shown_text, ==, expected_text);
}

/* Types into the Filter popover's @field, as the user would, and presses Apply. */
static void
apply_in_popover (DashWindow *window,
                  const char *field,
                  const char *text)
{
  DashStoriesPage *page = template_child (window, "stories_page");
  DashFilterBar *bar = dash_stories_page_get_filter_bar (page);
  GtkMenuButton *button = page_child (bar, DASH_TYPE_FILTER_BAR, "add_button");

  /* Opening the popover shows the filter as it is, dropping what a failed try left. */
  gtk_menu_button_popdown (button);
  gtk_menu_button_popup (button);
  gtk_editable_set_text (page_child (bar, DASH_TYPE_FILTER_BAR, field), text);
  g_signal_emit_by_name (page_child (bar, DASH_TYPE_FILTER_BAR, "apply_button"), "clicked");
}

/* Filters combine: a topic page narrowed to an entity and a date range, shown as chips
 * that remove one filter each; Back and Forward walk through them; the date range
 * stays on in other places until removed. */
static void
test_window_filters (Fixture       *fixture,
                     gconstpointer  data)
{
  DashWindow *window = open_window_with_entities (fixture);
  DashStoriesPage *page = template_child (window, "stories_page");
  DashFilterBar *bar = dash_stories_page_get_filter_bar (page);
  GtkWidget *problem = page_child (bar, DASH_TYPE_FILTER_BAR, "problem_label");

  gtk_list_box_select_row (template_child (window, "sidebar_list"),
                           find_topic_row (window, "trade_war"));
  assert_chips (window, "Topic: Trade war", NULL);
  g_assert_cmpuint (n_listed_stories (window), ==, 1);

  /* The trade-war story does not name Japan. */
  apply_in_popover (window, "entity_entry", "Japan");
  assert_chips (window, "Topic: Trade war", "Entity: Japan", NULL);
  g_assert_cmpstr (dash_stories_page_get_title (page), ==, "Japan");
  g_assert_cmpuint (n_listed_stories (window), ==, 0);

  dash_filter_bar_remove_chip (bar, 0);
  assert_chips (window, "Entity: Japan", NULL);
  g_assert_cmpuint (n_listed_stories (window), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  assert_chips (window, "Topic: Trade war", "Entity: Japan", NULL);
  g_assert_true (gtk_widget_get_visible (template_child (window, "forward_button")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.forward", NULL));
  assert_chips (window, "Entity: Japan", NULL);
  g_assert_false (gtk_widget_get_visible (template_child (window, "forward_button")));

  /* Mistakes are said in the popover and change nothing. */
  apply_in_popover (window, "entity_entry", "Atlantis");
  g_assert_true (gtk_widget_get_visible (problem));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (problem)), "Atlantis"));
  assert_chips (window, "Entity: Japan", NULL);
  apply_in_popover (window, "from_entry", "the day after");
  g_assert_true (gtk_widget_get_visible (problem));
  assert_chips (window, "Entity: Japan", NULL);

  /* The Japan story is of 7 March; the range keeps it, then leaves it out. */
  apply_in_popover (window, "from_entry", "2025-03-06");
  assert_chips (window, "Entity: Japan", "Date: Since 6 Mar 2025", NULL);
  g_assert_cmpuint (n_listed_stories (window), ==, 1);
  apply_in_popover (window, "to_entry", "2025-03-06");
  assert_chips (window, "Entity: Japan", "Date: 6 Mar 2025", NULL);
  g_assert_cmpuint (n_listed_stories (window), ==, 0);

  /* The range goes along to another topic, until its chip is removed. */
  gtk_list_box_select_row (template_child (window, "sidebar_list"),
                           find_topic_row (window, "trade_war"));
  assert_chips (window, "Topic: Trade war", "Date: 6 Mar 2025", NULL);
  dash_filter_bar_remove_chip (bar, 1);
  assert_chips (window, "Topic: Trade war", NULL);

  /* Without filters: every story, newest first, or oldest first when asked. */
  dash_filter_bar_remove_chip (bar, 0);
  assert_chips (window, NULL, NULL);
  g_assert_cmpstr (dash_stories_page_get_title (page), ==, "All Stories");
  g_assert_cmpuint (n_listed_stories (window), ==, 6);
  gtk_drop_down_set_selected (page_child (bar, DASH_TYPE_FILTER_BAR, "sort_choice"), 1);
  {
    g_autoptr(DashArticle) first = g_list_model_get_item (dash_stories_page_get_model (page), 0);
    g_autoptr(DashArticle) last = g_list_model_get_item (dash_stories_page_get_model (page), 5);

    g_assert_cmpint (dash_article_get_published (first), <, dash_article_get_published (last));
    g_assert_cmpstr (dash_article_get_title (first), ==,
                     "Ferry operators agree on a shared timetable for the strait");
  }

  g_signal_emit_by_name (page, "entity-activated", "Germany");
  assert_chips (window, "Entity: Germany", NULL);

  dash_test_destroy_window (window);
}

static GtkListBoxRow *
find_sidebar_row (DashWindow *window,
                  const char *label)
{
  GtkListBox *sidebar = template_child (window, "sidebar_list");
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (sidebar, i)) != NULL; i++)
    if (find_label (GTK_WIDGET (row), label) != NULL)
      return row;
  return NULL;
}

/* A search saved from the filter bar shows in the sidebar with its count of new stories,
 * which seeing it clears; the window opens again where it was. */
static void
test_window_saved_search (Fixture       *fixture,
                          gconstpointer  data)
{
  DashWindow *window = open_window_with_entities (fixture);
  DashCorpus *corpus = dash_window_get_corpus (window);
  DashStoriesPage *page = template_child (window, "stories_page");
  DashFilterBar *bar = dash_stories_page_get_filter_bar (page);
  g_autoptr(GSettings) settings = g_settings_new ("org.example.Dashboard");
  g_autoptr(GPtrArray) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_view = NULL;
  GtkListBoxRow *row;
  GtkWidget *count;

  g_signal_emit_by_name (page, "entity-activated", "Japan");
  g_assert_true (gtk_widget_get_visible (page_child (bar, DASH_TYPE_FILTER_BAR, "save_button")));
  g_assert_true (dash_filter_bar_save (bar, "Japan watch", &error));
  g_assert_no_error (error);

  row = find_sidebar_row (window, "Japan watch");
  g_assert_nonnull (row);
  /* Nothing is new yet. */
  g_assert_null (g_object_get_data (G_OBJECT (row), "count-label"));

  /* As if it were last seen long before the import. */
  saved = dash_corpus_list_saved_searches (corpus, &error);
  g_assert_cmpuint (saved->len, ==, 1);
  g_assert_true (dash_corpus_mark_saved_search_seen (corpus,
                                                     ((DashSavedSearch *) saved->pdata[0])->id,
                                                     1000, &error));
  dash_corpus_notify_changed (corpus);
  row = find_sidebar_row (window, "Japan watch");
  count = g_object_get_data (G_OBJECT (row), "count-label");
  g_assert_nonnull (count);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count)), ==, "1 new");
  g_assert_true (gtk_widget_get_visible (count));

  gtk_list_box_select_row (template_child (window, "sidebar_list"), row);
  g_assert_cmpstr (dash_stories_page_get_title (page), ==, "Japan watch");
  g_assert_cmpuint (n_listed_stories (window), ==, 1);
  g_assert_false (gtk_widget_get_visible (count));
  g_assert_true (gtk_widget_get_visible (page_child (bar, DASH_TYPE_FILTER_BAR, "saved_button")));
  g_assert_false (gtk_widget_get_visible (page_child (bar, DASH_TYPE_FILTER_BAR, "save_button")));

  /* Rename, through its dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bar), "bar.rename-saved", NULL));
  {
    AdwMessageDialog *dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    GtkEditable *entry;

    g_assert_nonnull (dialog);
    entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
    g_assert_cmpstr (gtk_editable_get_text (entry), ==, "Japan watch");
    gtk_editable_set_text (entry, " ");
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "accept"));
    gtk_editable_set_text (entry, "Japan desk");
    adw_message_dialog_response (dialog, "accept");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  g_assert_nonnull (find_sidebar_row (window, "Japan desk"));
  g_assert_null (find_sidebar_row (window, "Japan watch"));
  g_assert_cmpstr (dash_stories_page_get_title (page), ==, "Japan desk");
  g_assert_true (dash_corpus_rename_saved_search (corpus,
                   ((DashSavedSearch *) saved->pdata[0])->id, "Japan watch", &error));
  g_assert_no_error (error);

  /* Notify is a toggle of the saved search, kept in the database. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bar), "bar.notify-new", NULL));
  g_clear_pointer (&saved, g_ptr_array_unref);
  saved = dash_corpus_list_saved_searches (corpus, &error);
  g_assert_true (((DashSavedSearch *) saved->pdata[0])->notify);

  expected_view = g_strdup_printf ("saved:%" G_GINT64_FORMAT,
                                   ((DashSavedSearch *) saved->pdata[0])->id);
  {
    g_autofree char *view = g_settings_get_string (settings, "last-view");
    g_assert_cmpstr (view, ==, expected_view);
  }

  /* F9 hides the sidebar on a wide window, and the choice is kept. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  if (!adw_leaflet_get_folded (template_child (window, "leaflet")))
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL));
      g_assert_false (gtk_widget_get_visible (template_child (window, "sidebar")));
      g_assert_false (g_settings_get_boolean (settings, "sidebar-visible"));
    }

  dash_test_destroy_window (window);

  /* The window opens where it was, sidebar hidden. */
  window = open_window (fixture->db_path);
  page = template_child (window, "stories_page");
  g_assert_cmpstr (visible_content (window), ==, "stories");
  g_assert_cmpstr (dash_stories_page_get_title (page), ==, "Japan watch");
  g_assert_false (gtk_widget_get_visible (template_child (window, "sidebar")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL));
  g_assert_true (gtk_widget_get_visible (template_child (window, "sidebar")));

  /* Deleting it leaves its page. */
  bar = dash_stories_page_get_filter_bar (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bar), "bar.delete-saved", NULL));
  g_assert_cmpstr (visible_content (window), ==, "overview");
  g_assert_null (find_sidebar_row (window, "Japan watch"));

  dash_test_destroy_window (window);
}

/* The first-run page opens the demo library: the stories the project wrote, in a
 * database of their own, said to be a demo; leaving it returns to the user's. */
static void
test_window_demo (Fixture       *fixture,
                  gconstpointer  data)
{
  DashWindow *window = open_window (fixture->db_path);
  g_autofree char *subtitle = NULL;

  g_assert_cmpstr (visible_page (window), ==, "empty");
  g_assert_false (dash_window_get_demo (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-demo", NULL));
  g_assert_true (dash_window_get_demo (window));
  dash_test_spin_until (import_finished, window, 30);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_cmpstr (visible_page (window), ==, "browse");
  g_assert_cmpstr (visible_content (window), ==, "overview");
  g_assert_true (g_str_has_prefix (story_count (window), "Demo Library · "));
  g_assert_true (gtk_revealer_get_reveal_child (template_child (window, "demo_revealer")));
  /* Every built-in topic has stories there. */
  for (guint i = 0; i < 3; i++)
    {
      const char *topics[] = { "trade_war", "ai", "defense" };
      GtkListBoxRow *row = find_topic_row (window, topics[i]);

      g_assert_nonnull (row);
      gtk_list_box_select_row (template_child (window, "sidebar_list"), row);
      g_assert_cmpuint (n_listed_stories (window), >=, 15);
    }
  /* The user's database was left alone. */
  {
    g_autoptr(DashCorpus) mine = dash_corpus_open (fixture->db_path, NULL);
    DashCorpusStats stats = { 0, };

    g_assert_true (dash_corpus_get_stats (mine, &stats, NULL));
    g_assert_cmpuint (stats.articles, ==, 0);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-demo", NULL));
  g_assert_false (dash_window_get_demo (window));
  g_assert_cmpstr (visible_page (window), ==, "empty");
  g_assert_false (gtk_revealer_get_reveal_child (template_child (window, "demo_revealer")));

  /* Opening it again finds it ready, with nothing imported twice. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-demo", NULL));
  g_assert_false (dash_window_get_importing (window));
  subtitle = g_strdup (story_count (window));
  g_assert_true (g_str_has_prefix (subtitle, "Demo Library · "));

  dash_test_destroy_window (window);
}


/* Ctrl+E on a topic: its timeline as PNG (of the size asked), SVG (with its provenance)
 * and CSV (its counts). */
static void
test_window_export (Fixture       *fixture,
                    gconstpointer  data)
{
  DashWindow *window = open_window_with_entities (fixture);
  DashStoriesPage *page = template_child (window, "stories_page");
  DashExportDialog *dialog;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *svg_text = NULL;

  /* Nothing to export on the overview: it says so. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  g_assert_null (find_toplevel (DASH_TYPE_EXPORT_DIALOG));

  gtk_list_box_select_row (template_child (window, "sidebar_list"),
                           find_topic_row (window, "trade_war"));
  dash_test_spin_until (timeline_counted, dash_stories_page_get_timeline (page), 30);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  dialog = find_toplevel (DASH_TYPE_EXPORT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_false (dash_export_dialog_set_format (dialog, "gexf"));   /* graphs only */

  gtk_spin_button_set_value (page_child (dialog, DASH_TYPE_EXPORT_DIALOG, "width_spin"), 800);
  gtk_spin_button_set_value (page_child (dialog, DASH_TYPE_EXPORT_DIALOG, "height_spin"), 400);
  adw_combo_row_set_selected (page_child (dialog, DASH_TYPE_EXPORT_DIALOG, "scale_row"), 1);
  g_assert_true (dash_export_dialog_set_format (dialog, "png"));
  png = dash_export_dialog_render (dialog, &error);
  g_assert_no_error (error);
  texture = gdk_texture_new_from_bytes (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 1600);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 800);

  g_assert_true (dash_export_dialog_set_format (dialog, "svg"));
  svg = dash_export_dialog_render (dialog, &error);
  svg_text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));
  g_assert_nonnull (strstr (svg_text, "<metadata"));
  g_assert_nonnull (strstr (svg_text, "Trade war: Stories per"));
  g_assert_nonnull (strstr (svg_text, "Topic: trade_war"));

  g_assert_true (dash_export_dialog_set_format (dialog, "csv"));
  csv = dash_export_dialog_render (dialog, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (csv), >, 10);

  gtk_window_destroy (GTK_WINDOW (dialog));
  dash_test_destroy_window (window);
}

static gboolean
graph_loaded (gpointer data)
{
  DashGraphPage *page = data;

  return !dash_graph_page_get_loading (page) && dash_graph_page_get_chart (page) != NULL;
}

/* The entity graph of a story list, one click from it; its entities lead to their
 * stories. */
static void
test_window_graph (Fixture       *fixture,
                   gconstpointer  data)
{
  DashWindow *window = open_window_with_entities (fixture);
  DashGraphPage *graph = template_child (window, "graph_page");
  const DashGraphChart *chart;

  g_assert_nonnull (find_sidebar_row (window, "Entity Graph"));
  gtk_list_box_select_row (template_child (window, "sidebar_list"),
                           find_sidebar_row (window, "Entity Graph"));
  g_assert_cmpstr (visible_content (window), ==, "graph");
  dash_test_spin_until (graph_loaded, graph, 30);
  chart = dash_graph_page_get_chart (graph);
  g_assert_cmpuint (chart->graph->nodes->len, >=, 3);

  /* From a topic's stories, the graph of those stories only. */
  gtk_list_box_select_row (template_child (window, "sidebar_list"),
                           find_topic_row (window, "trade_war"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-graph", NULL));
  g_assert_cmpstr (visible_content (window), ==, "graph");
  dash_test_spin_until (graph_loaded, graph, 30);
  chart = dash_graph_page_get_chart (graph);
  for (guint i = 0; i < chart->graph->nodes->len; i++)
    g_assert_cmpstr (((DashGraphNode *) g_ptr_array_index (chart->graph->nodes, i))->name, !=, "Japan");

  /* Ctrl+E exports the graph shown: as GraphML, the nodes Gephi will read. */
  {
    g_autofree char *path = g_build_filename (fixture->dir, "graph.graphml", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;
    g_autofree char *contents = NULL;
    DashExportDialog *dialog = find_toplevel (DASH_TYPE_EXPORT_DIALOG);

    g_assert_null (dialog);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
    dialog = find_toplevel (DASH_TYPE_EXPORT_DIALOG);
    g_assert_nonnull (dialog);
    g_assert_true (dash_export_dialog_set_format (dialog, "graphml"));
    g_assert_true (dash_export_dialog_save (dialog, file, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "<graphml"));
    g_assert_nonnull (strstr (contents, "China"));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  g_signal_emit_by_name (graph, "entity-activated", "China");
  g_assert_cmpstr (visible_content (window), ==, "stories");
  assert_chips (window, "Entity: China", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  g_assert_cmpstr (visible_content (window), ==, "graph");

  dash_test_destroy_window (window);
}

/* Feeds have a place in the sidebar; Preferences open from the window. */
static void
test_window_feeds (Fixture       *fixture,
                   gconstpointer  data)
{
  DashWindow *window = open_window_with_entities (fixture);
  GtkListBoxRow *row = find_sidebar_row (window, "Feeds");
  GtkWidget *preferences = NULL;
  GList *toplevels;

  g_assert_nonnull (row);
  gtk_list_box_select_row (template_child (window, "sidebar_list"), row);
  g_assert_cmpstr (visible_content (window), ==, "feeds");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh-feeds", NULL));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_PREFERENCES_WINDOW (l->data))
      preferences = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (preferences);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences)) == GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (preferences));

  dash_test_destroy_window (window);
}

#define add_test(path, func) \
  dash_test_add_display (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  dash_test_init_display ();

  add_test ("/window/import/feed", test_window_import_feed);
  add_test ("/window/import/garbage", test_window_import_garbage);
  add_test ("/window/database/corrupt", test_window_database_corrupt);
  add_test ("/window/navigate/topic", test_window_navigate_topic);
  add_test ("/window/search", test_window_search);
  add_test ("/window/filters", test_window_filters);
  add_test ("/window/demo", test_window_demo);
  add_test ("/window/feeds", test_window_feeds);
  add_test ("/window/graph", test_window_graph);
  add_test ("/window/export", test_window_export);
  add_test ("/window/saved-search", test_window_saved_search);
  add_test ("/window/entity/rename", test_window_entity_rename);
  add_test ("/window/entity/alias", test_window_entity_alias);
  add_test ("/window/entity/hide", test_window_entity_hide);
  add_test ("/window/entity/merge", test_window_entity_merge);
  add_test ("/window/entity/merge-dialog", test_window_entity_merge_dialog);

  return g_test_run ();
}
