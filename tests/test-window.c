/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Drives the real main window in this process: run under Xvfb (xvfb-run -a). Without a
 * display the tests are skipped, or fail when DASH_REQUIRE_DISPLAY is set. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "dash-overview-page.h"
#include "dash-reader.h"
#include "dash-stories-page.h"
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

static gboolean have_display;

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
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context until @done says so, failing after 30 seconds. */
static void
spin_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (30, timeout_cb, &timed_out);

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
  spin_until (is_mapped, window);
  return window;
}

static void
close_window (DashWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  /* Let GTK drop what it holds until the next frame. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (window);
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
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "location-arg"), id) == 0)
      return row;
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
  spin_until (import_finished, window);
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

  close_window (window);

  /* A new window on the same database lists what was stored. */
  window = open_window (fixture->db_path);
  g_assert_cmpstr (visible_page (window), ==, "browse");
  g_assert_cmpstr (story_count (window), ==, "4 stories");
  close_window (window);
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

  close_window (window);
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

  close_window (window);
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
    const DashTimelineChart *chart = dash_timeline_view_get_chart (timeline);
    int minimum, natural;

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
    spin_until (has_drawn, timeline);
    gtk_widget_queue_draw (GTK_WIDGET (timeline));
    spin_until (has_bars, timeline);
  }
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

  close_window (window);
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
  spin_until (showing_results, window);
  g_assert_cmpuint (n_listed_stories (window), ==, 1);
  model = dash_stories_page_get_model (template_child (window, "stories_page"));
  {
    g_autoptr(DashArticle) article = g_list_model_get_item (model, 0);

    g_assert_nonnull (strstr (dash_article_get_snippet (article), "**"));
  }

  /* A word in two stories. */
  gtk_editable_set_text (entry, "tariffs OR councils");
  spin_until (showing_results, window);
  while (n_listed_stories (window) != 2 && g_main_context_iteration (NULL, TRUE))
    ;
  g_assert_cmpuint (n_listed_stories (window), ==, 2);

  gtk_editable_set_text (entry, "");
  spin_until (showing_overview, window);

  close_window (window);
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

/* The row of the entity @name on the Entities page, shown first; or NULL. */
static GtkListBoxRow *
find_listed_entity (DashWindow *window,
                    const char *name)
{
  GtkListBox *list = template_child (window, "list_box");
  GtkListBoxRow *row;

  select_sidebar_row (window, "Entities");
  g_assert_cmpstr (visible_content (window), ==, "list");
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

static const char *
aliases_text (DashStoriesPage *page)
{
  GtkWidget *label = page_child (page, DASH_TYPE_STORIES_PAGE, "aliases_label");

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
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

  close_window (window);
}

/* Hiding an entity leaves its page for the one before and takes it off the lists;
 * Undo shows it again. */
static void
test_window_entity_hide (Fixture       *fixture,
                         gconstpointer  data)
{
  DashWindow *window = open_window_with_entities (fixture);
  DashStoriesPage *page;
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
  g_assert_null (find_label (template_child (window, "overview_page"), "Japan"));
  g_assert_nonnull (find_label (template_child (window, "overview_page"), "China"));
  g_assert_cmpstr (story_count (window), ==, "6 stories");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.unhide-entity", "x", id));
  g_assert_nonnull (find_label (template_child (window, "overview_page"), "Japan"));
  g_assert_nonnull (find_listed_entity (window, "Japan"));

  close_window (window);
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

  close_window (window);
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

  close_window (window);
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
    g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
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

  add_test ("/window/import/feed", test_window_import_feed);
  add_test ("/window/import/garbage", test_window_import_garbage);
  add_test ("/window/database/corrupt", test_window_database_corrupt);
  add_test ("/window/navigate/topic", test_window_navigate_topic);
  add_test ("/window/search", test_window_search);
  add_test ("/window/entity/rename", test_window_entity_rename);
  add_test ("/window/entity/hide", test_window_entity_hide);
  add_test ("/window/entity/merge", test_window_entity_merge);
  add_test ("/window/entity/merge-dialog", test_window_entity_merge_dialog);

  return g_test_run ();
}
