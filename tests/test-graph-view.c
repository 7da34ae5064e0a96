/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The entity graph page and its graph widget, in a real window: run under Xvfb
 * (xvfb-run -a). Without a display the tests are skipped, or fail when
 * DASH_REQUIRE_DISPLAY is set.
 *
 * The corpus is made of the gold fixtures (tests/data/gold): one story per file, naming
 * every entity the file lists, so the graph does not depend on the extractor. With
 * DASH_GRAPH_SCREENSHOTS set to a folder, the tests save the page there as PNGs. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "dash-graph-page.h"
#include "dash-graph-view.h"
#include "dash-force-layout.h"
#include "dash-test-ui.h"
#include "dash-test-util.h"

typedef struct {
  char          *dir;
  char          *db_path;
  DashCorpus    *corpus;
  GtkWindow     *window;
  DashGraphPage *page;
  DashGraphView *view;
  GPtrArray     *selected;    /* names ::node-selected gave, "" for none */
  GPtrArray     *activated;   /* names ::node-activated gave */
  GPtrArray     *entities;    /* names the page's ::entity-activated gave */
} Fixture;

/* What the tests wait for. */

static gboolean
is_drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static gboolean
page_settled (gpointer data)
{
  Fixture *f = data;

  return !dash_graph_page_get_loading (f->page) &&
         dash_graph_view_get_graph (f->view) != NULL &&
         !dash_graph_view_get_layout_running (f->view);
}

static gboolean
view_settled (gpointer data)
{
  return !dash_graph_view_get_layout_running (data);
}

static void
wait_for_page (Fixture *f)
{
  dash_test_spin_until (page_settled, f, 60);
}

/* The corpus: the gold fixtures as stories. */

static DashArticle *
gold_story (const char *path,
            guint       n)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) mentions = g_array_new (FALSE, TRUE, sizeof (DashMention));
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *url = g_strdup_printf ("https://gold.example.org/%u", n);
  DashArticle *article = dash_article_new ();
  JsonObject *root, *entities;
  const char *types[] = { "PERSON", "ORG", "COUNTRY", "PLACE" };

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  entities = json_object_get_object_member (root, "entities");
  g_array_set_clear_func (mentions, (GDestroyNotify)dash_mention_clear);

  /* One sentence an entity, all in one paragraph. */
  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      JsonArray *names = json_object_has_member (entities, types[t])
                         ? json_object_get_array_member (entities, types[t]) : NULL;

      for (guint i = 0; names != NULL && i < json_array_get_length (names); i++)
        {
          const char *name = json_array_get_string_element (names, i);
          DashMention mention = { 0 };

          mention.name = g_strdup (name);
          mention.type = dash_entity_type_from_string (types[t]);
          mention.field = DASH_FIELD_BODY;
          mention.start = g_utf8_strlen (body->str, -1);
          mention.end = mention.start + g_utf8_strlen (name, -1);
          g_array_append_val (mentions, mention);
          g_string_append_printf (body, "%s spoke. ", name);
        }
    }

  dash_article_set_title (article, json_object_get_string_member (root, "title"));
  dash_article_set_url (article, url);
  dash_article_set_source (article, "Gold Wire");
  dash_article_set_body (article, body->str);
  dash_article_set_published (article, 1740787200 + n * 86400);   /* from 2025-03-01 */
  dash_article_set_mentions (article, mentions);
  dash_article_update_content_hash (article);
  return article;
}

static void
fill_corpus (Fixture *f)
{
  g_autofree char *gold = g_test_build_filename (G_TEST_DIST, "data", "gold", NULL);
  g_autoptr(GDir) dir = g_dir_open (gold, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  const char *name;
  guint added = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_build_filename (gold, name, NULL));
  g_ptr_array_sort (names, (GCompareFunc)g_strcmp0);
  g_assert_cmpuint (names->len, >=, 5);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (articles, gold_story (g_ptr_array_index (names, i), i));

  g_assert_true (dash_corpus_add_articles (f->corpus, articles, &added, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, names->len);
}

static void
node_selected_cb (DashGraphView *view,
                  const char    *name,
                  Fixture       *f)
{
  g_ptr_array_add (f->selected, g_strdup (name != NULL ? name : ""));
}

static void
node_activated_cb (DashGraphView *view,
                   const char    *name,
                   Fixture       *f)
{
  g_ptr_array_add (f->activated, g_strdup (name));
}

static void
entity_activated_cb (DashGraphPage *page,
                     const char    *name,
                     Fixture       *f)
{
  g_ptr_array_add (f->entities, g_strdup (name));
}

static gpointer
page_child (Fixture    *f,
            const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (f->page), DASH_TYPE_GRAPH_PAGE,
                                                  name);

  g_assert_nonnull (child);
  return child;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = dash_test_make_tmp_dir ("dash-graph-view");
  f->db_path = g_build_filename (f->dir, "corpus.db", NULL);
  f->corpus = dash_corpus_open (f->db_path, &error);
  g_assert_no_error (error);
  fill_corpus (f);
  f->selected = g_ptr_array_new_with_free_func (g_free);
  f->activated = g_ptr_array_new_with_free_func (g_free);
  f->entities = g_ptr_array_new_with_free_func (g_free);

  f->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (f->window);
  gtk_window_set_default_size (f->window, 1180, 780);
  f->page = DASH_GRAPH_PAGE (dash_graph_page_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  f->view = page_child (f, "graph_view");
  g_signal_connect (f->view, "node-selected", G_CALLBACK (node_selected_cb), f);
  g_signal_connect (f->view, "node-activated", G_CALLBACK (node_activated_cb), f);
  g_signal_connect (f->page, "entity-activated", G_CALLBACK (entity_activated_cb), f);
  gtk_window_present (f->window);
  dash_test_spin_until (is_drawn, f->view, 30);

  dash_graph_page_show (f->page, f->corpus, NULL);
  g_assert_true (dash_graph_page_get_loading (f->page));
  wait_for_page (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  dash_test_destroy_window (f->window);
  g_clear_object (&f->corpus);
  dash_test_remove_tree (f->dir);
  g_clear_pointer (&f->selected, g_ptr_array_unref);
  g_clear_pointer (&f->activated, g_ptr_array_unref);
  g_clear_pointer (&f->entities, g_ptr_array_unref);
  g_clear_pointer (&f->db_path, g_free);
  g_clear_pointer (&f->dir, g_free);
}

static const DashGraphNode *
node_at_index (Fixture *f,
               guint    index)
{
  return g_ptr_array_index (dash_graph_view_get_graph (f->view)->nodes, index);
}

static int
find_node (Fixture    *f,
           const char *name)
{
  int index = dash_graph_view_find_node (f->view, name);

  g_assert_cmpint (index, >=, 0);
  return index;
}

static gboolean
linked (const DashGraph *graph,
        guint            a,
        guint            b)
{
  for (guint e = 0; e < graph->edges->len; e++)
    {
      const DashGraphEdge *edge = &g_array_index (graph->edges, DashGraphEdge, e);

      if ((edge->source == a && edge->target == b) || (edge->source == b && edge->target == a))
        return TRUE;
    }
  return FALSE;
}

/* The node index a row of a table stands for. */
static guint
row_node (GtkColumnView *view,
          guint          position)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (view)),
                                                           position);

  g_assert_nonnull (item);
  return (guint)g_ascii_strtoull (gtk_string_object_get_string (item), NULL, 10);
}

static guint
n_rows (GtkColumnView *view)
{
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view)));
}

static void
save_screenshot (Fixture    *f,
                 const char *name)
{
  const char *dir = g_getenv ("DASH_GRAPH_SCREENSHOTS");
  g_autofree char *file = g_strdup_printf ("graph-%s.png", name);
  g_autofree char *path = dir != NULL ? g_build_filename (dir, file, NULL) : NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;
  int width, height;

  if (path == NULL)
    return;
  /* The window's picture is the one of its last frame. */
  dash_test_spin_for (300);
  width = gtk_widget_get_width (GTK_WIDGET (f->window));
  height = gtk_widget_get_height (GTK_WIDGET (f->window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (f->window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  renderer = gtk_native_get_renderer (GTK_NATIVE (f->window));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved the page to %s", path);
}

/* The graph is laid out: every node at a finite place of its own, the table holds the
 * same nodes, and each node is found where it is drawn. */
static void
test_layout (Fixture       *f,
             gconstpointer  data)
{
  const DashGraph *graph = dash_graph_view_get_graph (f->view);
  const double *xy = dash_graph_view_get_positions (f->view);
  const DashGraphChart *chart = dash_graph_page_get_chart (f->page);
  GtkColumnView *nodes_view = page_child (f, "nodes_view");
  GtkColumnView *links_view = page_child (f, "links_view");
  g_autofree char *description = NULL;
  guint n = graph->nodes->len;

  g_assert_cmpuint (n, ==, 50);
  g_assert_cmpuint (graph->edges->len, >, 100);
  for (guint i = 0; i < 2 * n; i++)
    g_assert_true (isfinite (xy[i]));
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      g_assert_cmpfloat (hypot (xy[2 * i] - xy[2 * j], xy[2 * i + 1] - xy[2 * j + 1]), >, 1e-3);

  /* What is exported is what is shown. */
  g_assert_true (chart->graph == graph);
  g_assert_cmpstr (chart->title, ==, "Entity Graph");
  g_assert_nonnull (chart->provenance);
  g_assert_cmpmem (chart->positions, sizeof (double) * 2 * n, xy, sizeof (double) * 2 * n);

  /* The same entities and links in the tables. */
  g_assert_cmpuint (n_rows (nodes_view), ==, n);
  g_assert_cmpuint (n_rows (links_view), ==, graph->edges->len);
  {
    g_autofree guint8 *seen = g_new0 (guint8, n);

    for (guint r = 0; r < n; r++)
      {
        guint index = row_node (nodes_view, r);

        g_assert_cmpuint (index, <, n);
        g_assert_false (seen[index]);
        seen[index] = TRUE;
      }
    /* Sorted by PageRank, most central first. */
    for (guint r = 1; r < n; r++)
      g_assert_cmpfloat (node_at_index (f, row_node (nodes_view, r - 1))->pagerank, >=,
                         node_at_index (f, row_node (nodes_view, r))->pagerank);
  }

  /* Drawn inside the widget, apart, and found where they are drawn. */
  for (guint i = 0; i < n; i++)
    {
      double x, y, r;

      g_assert_true (dash_graph_view_get_node_position (f->view, i, &x, &y, &r));
      g_assert_cmpfloat (x - r, >=, 0);
      g_assert_cmpfloat (y - r, >=, 0);
      g_assert_cmpfloat (x + r, <=, gtk_widget_get_width (GTK_WIDGET (f->view)));
      g_assert_cmpfloat (y + r, <=, gtk_widget_get_height (GTK_WIDGET (f->view)));
      g_assert_cmpfloat (r, >=, 2);
      g_assert_cmpint (dash_graph_view_node_at (f->view, x, y), ==, i);
      g_assert_cmpint (dash_graph_view_node_at (f->view, x + r * 0.7, y), ==, i);
    }
  g_assert_cmpint (dash_graph_view_node_at (f->view, 1, 1), ==, -1);

  /* Its size for assistive technologies, its tooltips. */
  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (f->view),
                                               GTK_ACCESSIBLE_ROLE_GROUP));
  description = g_strdup_printf ("%u entities, %u links", n, graph->edges->len);
  {
    g_autofree char *message = gtk_test_accessible_check_property (GTK_ACCESSIBLE (f->view),
                                                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                                  description);

    g_assert_null (message);
  }
  {
    int china = find_node (f, "china");
    g_autofree char *tooltip = dash_graph_view_describe_node (f->view, china);
    g_autofree char *stories = g_strdup_printf ("%u stories", node_at_index (f, china)->articles);
    g_autofree char *links = g_strdup_printf ("%u links", node_at_index (f, china)->degree);

    g_assert_true (g_str_has_prefix (tooltip, "China\n"));
    g_assert_nonnull (strstr (tooltip, "Country"));
    g_assert_nonnull (strstr (tooltip, stories));
    g_assert_nonnull (strstr (tooltip, links));
  }

  save_screenshot (f, "page");
  if (g_getenv ("DASH_GRAPH_SCREENSHOTS") != NULL)
    {
      AdwStyleManager *style = adw_style_manager_get_default ();

      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
      dash_graph_view_set_selected (f->view, find_node (f, "Russia"));
      save_screenshot (f, "page-dark");
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
    }
}

/* The same graph laid out twice lands in the same places: after a reset, and in
 * another view. */
static void
test_deterministic (Fixture       *f,
                    gconstpointer  data)
{
  guint n = dash_graph_view_get_graph (f->view)->nodes->len;
  g_autofree double *first = g_memdup2 (dash_graph_view_get_positions (f->view),
                                        sizeof (double) * 2 * n);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  DashGraphView *other;

  dash_graph_view_reset_layout (f->view);
  g_assert_true (dash_graph_view_get_layout_running (f->view));
  dash_test_spin_until (view_settled, f->view, 60);
  g_assert_cmpmem (dash_graph_view_get_positions (f->view), sizeof (double) * 2 * n,
                   first, sizeof (double) * 2 * n);

  window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (window);
  gtk_window_set_default_size (window, 500, 400);
  other = DASH_GRAPH_VIEW (dash_graph_view_new ());
  gtk_window_set_child (window, GTK_WIDGET (other));
  gtk_window_present (window);
  dash_graph_view_set_graph (other, dash_corpus_graph (f->corpus, NULL, 50, 1,
                                                      DASH_COOCCURRENCE_STORY, &error));
  g_assert_no_error (error);
  dash_test_spin_until (view_settled, other, 60);
  g_assert_cmpmem (dash_graph_view_get_positions (other), sizeof (double) * 2 * n,
                   first, sizeof (double) * 2 * n);
  dash_test_destroy_window (window);
}

/* Selecting in the table selects in the graph, and the other way round; the search
 * finds and selects an entity; the details follow. */
static void
test_selection (Fixture       *f,
                gconstpointer  data)
{
  GtkColumnView *nodes_view = page_child (f, "nodes_view");
  GtkColumnView *links_view = page_child (f, "links_view");
  GtkSingleSelection *rows = GTK_SINGLE_SELECTION (gtk_column_view_get_model (nodes_view));
  GtkLabel *name_label = page_child (f, "node_name_label");
  GtkWidget *node_box = page_child (f, "node_box");
  const DashGraph *graph = dash_graph_view_get_graph (f->view);
  guint index;
  int usa;

  g_assert_false (gtk_widget_get_visible (node_box));

  /* Table to graph. */
  gtk_single_selection_set_selected (rows, 3);
  index = row_node (nodes_view, 3);
  g_assert_cmpint (dash_graph_view_get_selected (f->view), ==, index);
  g_assert_cmpuint (f->selected->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->selected, 0), ==, node_at_index (f, index)->name);
  g_assert_true (gtk_widget_get_visible (node_box));
  g_assert_cmpstr (gtk_label_get_text (name_label), ==, node_at_index (f, index)->name);
  /* The links table lists the selected entity's links. */
  g_assert_cmpuint (n_rows (links_view), ==, node_at_index (f, index)->degree);

  /* Graph to table. */
  usa = find_node (f, "United States");
  dash_graph_view_set_selected (f->view, usa);
  g_assert_cmpuint (row_node (nodes_view, gtk_single_selection_get_selected (rows)), ==, usa);
  g_assert_cmpstr (gtk_label_get_text (name_label), ==, "United States");

  /* Show Stories asks the window for the entity's stories. */
  g_signal_emit_by_name (page_child (f, "stories_button"), "clicked");
  g_assert_cmpuint (f->entities->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->entities, 0), ==, "United States");

  /* The search, on part of a name. */
  gtk_editable_set_text (GTK_EDITABLE (page_child (f, "search_entry")), "russ");
  g_signal_emit_by_name (page_child (f, "search_entry"), "search-changed");
  g_assert_cmpint (dash_graph_view_get_selected (f->view), ==, find_node (f, "Russia"));
  g_assert_cmpuint (row_node (nodes_view, gtk_single_selection_get_selected (rows)), ==,
                    find_node (f, "Russia"));
  gtk_editable_set_text (GTK_EDITABLE (page_child (f, "search_entry")), "no such entity");
  g_signal_emit_by_name (page_child (f, "search_entry"), "search-changed");
  g_assert_true (gtk_widget_has_css_class (page_child (f, "search_entry"), "error"));
  g_assert_cmpint (dash_graph_view_get_selected (f->view), ==, find_node (f, "Russia"));

  /* Unselecting in the table unselects in the graph. */
  gtk_single_selection_set_selected (rows, GTK_INVALID_LIST_POSITION);
  g_assert_cmpint (dash_graph_view_get_selected (f->view), ==, -1);
  g_assert_cmpstr (g_ptr_array_index (f->selected, f->selected->len - 1), ==, "");
  g_assert_cmpuint (n_rows (links_view), ==, graph->edges->len);
}

static gboolean
evidence_loaded (gpointer data)
{
  Fixture *f = data;
  GtkListBox *list = page_child (f, "evidence_list");

  return !gtk_widget_get_visible (page_child (f, "evidence_spinner")) &&
         gtk_list_box_get_row_at_index (list, 0) != NULL;
}

/* Clicking a link in the table shows the passages that name both entities. */
static void
test_evidence (Fixture       *f,
               gconstpointer  data)
{
  GtkColumnView *links_view = page_child (f, "links_view");
  GtkSingleSelection *rows = GTK_SINGLE_SELECTION (gtk_column_view_get_model (links_view));
  const DashGraph *graph = dash_graph_view_get_graph (f->view);
  g_autoptr(GtkStringObject) item = NULL;
  const DashGraphEdge *edge;
  GtkListBox *list = page_child (f, "evidence_list");
  guint n = 0;

  guint heaviest = 0;

  g_assert_false (gtk_widget_get_visible (page_child (f, "evidence_box")));
  for (guint e = 1; e < graph->edges->len; e++)
    if (g_array_index (graph->edges, DashGraphEdge, e).weight >
        g_array_index (graph->edges, DashGraphEdge, heaviest).weight)
      heaviest = e;
  /* With an entity of the heaviest link selected, the table lists its links, the
   * heaviest first. */
  dash_graph_view_set_selected (f->view, g_array_index (graph->edges, DashGraphEdge,
                                                        heaviest).source);
  gtk_single_selection_set_selected (rows, 0);
  item = g_list_model_get_item (G_LIST_MODEL (rows), 0);
  edge = &g_array_index (graph->edges, DashGraphEdge,
                         g_ascii_strtoull (gtk_string_object_get_string (item), NULL, 10));
  g_assert_cmpuint (edge->weight, ==, g_array_index (graph->edges, DashGraphEdge,
                                                     heaviest).weight);
  g_assert_cmpuint (edge->weight, >=, 3);

  g_assert_true (gtk_widget_get_visible (page_child (f, "evidence_box")));
  dash_test_spin_until (evidence_loaded, f, 30);
  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  /* One passage a story that names both. */
  g_assert_cmpuint (n, ==, edge->weight);
  save_screenshot (f, "evidence");

  gtk_toggle_button_set_active (page_child (f, "table_button"), TRUE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (f, "view_stack")), ==, "table");
  dash_test_spin_until (is_drawn, page_child (f, "nodes_view"), 30);
  save_screenshot (f, "table");
}

static void
set_min_weight (Fixture *f,
                int      weight)
{
  gtk_spin_button_set_value (page_child (f, "weight_spin"), weight);
  g_assert_true (dash_graph_page_get_loading (f->page));
  wait_for_page (f);
}

typedef struct {
  GHashTable *before;   /* entity id → position (double[2]) of the settled graph */
  gboolean    checked;
  guint       kept;
} PlacesCheck;

/* When the new graph starts its layout, the entities still there are where they were. */
static void
layout_running_cb (DashGraphView *view,
                   GParamSpec    *pspec,
                   PlacesCheck   *check)
{
  const DashGraph *graph = dash_graph_view_get_graph (view);
  const double *xy = dash_graph_view_get_positions (view);

  if (!dash_graph_view_get_layout_running (view) || graph == NULL || check->checked)
    return;
  check->checked = TRUE;
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      const DashGraphNode *node = g_ptr_array_index (graph->nodes, i);
      const double *was = g_hash_table_lookup (check->before, &node->id);

      if (was == NULL)
        continue;
      g_assert_cmpfloat (fabs (xy[2 * i] - was[0]), <, 0.05);
      g_assert_cmpfloat (fabs (xy[2 * i + 1] - was[1]), <, 0.05);
      check->kept++;
    }
}

/* A higher minimum weight leaves fewer links, all of that weight; the layout goes on
 * from where the entities were. */
static void
test_min_weight (Fixture       *f,
                 gconstpointer  data)
{
  const DashGraph *graph = dash_graph_view_get_graph (f->view);
  guint before = graph->edges->len;
  PlacesCheck check = { g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free) };
  gulong handler;

  for (guint i = 0; i < graph->nodes->len; i++)
    {
      const DashGraphNode *node = g_ptr_array_index (graph->nodes, i);

      g_hash_table_insert (check.before, g_memdup2 (&node->id, sizeof node->id),
                           g_memdup2 (dash_graph_view_get_positions (f->view) + 2 * i,
                                      sizeof (double) * 2));
    }
  handler = g_signal_connect (f->view, "notify::layout-running", G_CALLBACK (layout_running_cb),
                              &check);
  set_min_weight (f, 2);
  g_signal_handler_disconnect (f->view, handler);
  graph = dash_graph_view_get_graph (f->view);
  g_assert_cmpuint (graph->edges->len, <, before);
  g_assert_cmpuint (graph->edges->len, >, 0);
  for (guint e = 0; e < graph->edges->len; e++)
    g_assert_cmpuint (g_array_index (graph->edges, DashGraphEdge, e).weight, >=, 2);
  g_assert_cmpuint (n_rows (page_child (f, "links_view")), ==, graph->edges->len);
  g_assert_true (check.checked);
  g_assert_cmpuint (check.kept, ==, graph->nodes->len);
  g_hash_table_unref (check.before);

  before = graph->edges->len;
  set_min_weight (f, 4);
  g_assert_cmpuint (dash_graph_view_get_graph (f->view)->edges->len, <, before);
}

/* A node with a neighbour to its right. */
static int
node_with_right_neighbour (Fixture *f)
{
  const DashGraph *graph = dash_graph_view_get_graph (f->view);

  for (guint e = 0; e < graph->edges->len; e++)
    {
      const DashGraphEdge *edge = &g_array_index (graph->edges, DashGraphEdge, e);
      double ax, ay, bx, by, r;

      dash_graph_view_get_node_position (f->view, edge->source, &ax, &ay, &r);
      dash_graph_view_get_node_position (f->view, edge->target, &bx, &by, &r);
      if (bx - ax > 2 * fabs (by - ay))
        return edge->source;
      if (ax - bx > 2 * fabs (by - ay))
        return edge->target;
    }
  return -1;
}

/* Right goes along a link to the right and selects; Enter activates; Tab goes through
 * the neighbours, heaviest link first. */
static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  const DashGraph *graph = dash_graph_view_get_graph (f->view);
  GtkWidget *view = GTK_WIDGET (f->view);
  int start = node_with_right_neighbour (f), now;
  double sx, sy, x, y, r;

  g_assert_cmpint (start, >=, 0);
  gtk_widget_grab_focus (view);
  g_assert_true (gtk_widget_has_focus (view));
  dash_graph_view_set_selected (f->view, start);
  g_ptr_array_set_size (f->selected, 0);

  dash_test_press_key (view, "Right");
  now = dash_graph_view_get_selected (f->view);
  g_assert_cmpint (now, !=, start);
  g_assert_true (linked (graph, start, now));
  dash_graph_view_get_node_position (f->view, start, &sx, &sy, &r);
  dash_graph_view_get_node_position (f->view, now, &x, &y, &r);
  g_assert_cmpfloat (x, >, sx);
  g_assert_cmpuint (f->selected->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->selected, 0), ==, node_at_index (f, now)->name);

  dash_test_press_key (view, "Return");
  g_assert_cmpuint (f->activated->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->activated, 0), ==, node_at_index (f, now)->name);
  /* The page passes it on to the window. */
  g_assert_cmpuint (f->entities->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->entities, 0), ==, node_at_index (f, now)->name);

  /* Tab: the heaviest link of the node it starts from comes first. */
  {
    guint heaviest = 0, best = G_MAXUINT;

    for (guint e = 0; e < graph->edges->len; e++)
      {
        const DashGraphEdge *edge = &g_array_index (graph->edges, DashGraphEdge, e);

        if ((edge->source == (guint)now || edge->target == (guint)now) &&
            (best == G_MAXUINT || edge->weight > heaviest))
          {
            heaviest = edge->weight;
            best = edge->source == (guint)now ? edge->target : edge->source;
          }
      }
    g_assert_true (gtk_widget_child_focus (view, GTK_DIR_TAB_FORWARD));
    g_assert_cmpint (dash_graph_view_get_selected (f->view), ==, best);
    g_assert_true (gtk_widget_has_focus (view));
    /* Back to where it started, then out of the graph. */
    g_assert_true (gtk_widget_child_focus (view, GTK_DIR_TAB_BACKWARD));
    g_assert_cmpint (dash_graph_view_get_selected (f->view), ==, now);
    g_assert_false (gtk_widget_child_focus (view, GTK_DIR_TAB_BACKWARD));
    /* Forward, at most eight neighbours before the next control. */
    {
      guint steps = 0;

      gtk_widget_grab_focus (view);
      while (gtk_widget_child_focus (view, GTK_DIR_TAB_FORWARD))
        {
          g_assert_true (linked (graph, now, dash_graph_view_get_selected (f->view)));
          steps++;
          g_assert_cmpuint (steps, <=, 8);
        }
      g_assert_cmpuint (steps, ==, MIN (node_at_index (f, now)->degree, 8));
    }
  }

  /* Escape clears the selection. */
  dash_test_press_key (view, "Escape");
  g_assert_cmpint (dash_graph_view_get_selected (f->view), ==, -1);
}

static gboolean
ego_is (gpointer data)
{
  Fixture *f = data;
  const char *ego = dash_graph_view_get_ego (f->view);

  g_autofree char *title = ego != NULL ? g_strdup_printf ("Entity Graph around %s", ego) : NULL;

  return page_settled (f) && title != NULL &&
         g_strcmp0 (dash_graph_page_get_chart (f->page)->title, title) == 0;
}

/* The ego network holds the entity and its neighbours only (here, those it shares two
 * stories with); Escape goes back. */
static void
test_ego (Fixture       *f,
          gconstpointer  data)
{
  const DashGraph *graph;
  int center;

  set_min_weight (f, 2);
  dash_graph_view_set_ego (f->view, "China");
  g_assert_true (gtk_widget_get_visible (page_child (f, "back_button")));
  dash_test_spin_until (ego_is, f, 60);
  graph = dash_graph_view_get_graph (f->view);
  center = find_node (f, "China");
  g_assert_cmpuint (graph->nodes->len, >, 3);
  g_assert_cmpuint (graph->nodes->len, <, 50);
  for (guint i = 0; i < graph->nodes->len; i++)
    if ((int)i != center)
      g_assert_true (linked (graph, center, i));
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      guint degree = 0;

      for (guint e = 0; e < graph->edges->len; e++)
        {
          const DashGraphEdge *edge = &g_array_index (graph->edges, DashGraphEdge, e);

          degree += edge->source == i || edge->target == i;
        }
      g_assert_cmpuint (((DashGraphNode *)g_ptr_array_index (graph->nodes, i))->degree, ==,
                        degree);
    }
  g_assert_cmpstr (dash_graph_page_get_chart (f->page)->title, ==, "Entity Graph around China");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (page_child (f, "subtitle_label")),
                                   "Around China"));

  gtk_widget_grab_focus (GTK_WIDGET (f->view));
  dash_test_press_key (f->view, "Escape");
  g_assert_null (dash_graph_view_get_ego (f->view));
  g_assert_false (gtk_widget_get_visible (page_child (f, "back_button")));
  wait_for_page (f);
  g_assert_cmpuint (dash_graph_view_get_graph (f->view)->nodes->len, ==, 50);
}

/* Zooming keeps the point under the pointer where it is. */
static void
test_zoom (Fixture       *f,
           gconstpointer  data)
{
  int usa = find_node (f, "United States");
  double x, y, r, x2, y2, r2, ox, oy, ox2, oy2;
  int other = usa == 0 ? 1 : 0;

  dash_graph_view_get_node_position (f->view, usa, &x, &y, &r);
  dash_graph_view_get_node_position (f->view, other, &ox, &oy, &r2);
  dash_graph_view_zoom_at (f->view, 2, x, y);
  g_assert_cmpfloat (dash_graph_view_get_zoom (f->view), ==, 2);
  dash_graph_view_get_node_position (f->view, usa, &x2, &y2, &r2);
  g_assert_cmpfloat (fabs (x2 - x), <, 0.5);
  g_assert_cmpfloat (fabs (y2 - y), <, 0.5);
  /* Another node is twice as far from it. */
  dash_graph_view_get_node_position (f->view, other, &ox2, &oy2, &r2);
  g_assert_cmpfloat (fabs (hypot (ox2 - x2, oy2 - y2) - 2 * hypot (ox - x, oy - y)), <, 0.5);
  g_assert_cmpint (dash_graph_view_node_at (f->view, x, y), ==, usa);

  /* 0 shows it whole again. */
  gtk_widget_grab_focus (GTK_WIDGET (f->view));
  dash_test_press_key (f->view, "0");
  g_assert_cmpfloat (dash_graph_view_get_zoom (f->view), ==, 1);
  dash_graph_view_get_node_position (f->view, usa, &x2, &y2, &r2);
  g_assert_cmpfloat (fabs (x2 - x), <, 0.5);
}

static void
big_node_free (DashGraphNode *node)
{
  g_free (node->name);
  g_free (node);
}

/* A big graph: 2,000 nodes in 40 communities and 20,000 links, most of them within a
 * community. */
static DashGraph *
big_graph (void)
{
  DashGraph *graph = g_new0 (DashGraph, 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  const guint n = 2000, m = 20000, communities = 40;

  graph->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify)big_node_free);
  graph->edges = g_array_new (FALSE, FALSE, sizeof (DashGraphEdge));
  for (guint i = 0; i < n; i++)
    {
      DashGraphNode *node = g_new0 (DashGraphNode, 1);

      node->id = i + 1;
      node->name = g_strdup_printf ("Entity %u", i);
      node->type = i % DASH_N_ENTITY_TYPES;
      node->articles = 1 + g_rand_int_range (rand, 0, 60);
      node->mentions = node->articles * 2;
      node->community = i % communities;
      node->pagerank = 1.0 / (i + 1);
      g_ptr_array_add (graph->nodes, node);
    }
  while (graph->edges->len < m)
    {
      guint a = g_rand_int_range (rand, 0, n), b;
      gint64 key;
      DashGraphEdge edge;

      if (g_rand_double (rand) < 0.8)
        b = g_rand_int_range (rand, 0, n / communities) * communities + a % communities;
      else
        b = g_rand_int_range (rand, 0, n);
      if (a == b)
        continue;
      key = (gint64)MIN (a, b) << 32 | MAX (a, b);
      if (g_hash_table_contains (seen, &key))
        continue;
      g_hash_table_add (seen, g_memdup2 (&key, sizeof key));
      edge = (DashGraphEdge) { a, b, 1 + g_rand_int_range (rand, 0, 9), 0 };
      ((DashGraphNode *)g_ptr_array_index (graph->nodes, a))->degree++;
      ((DashGraphNode *)g_ptr_array_index (graph->nodes, b))->degree++;
      g_array_append_val (graph->edges, edge);
    }
  graph->n_communities = communities;
  return graph;
}

static gboolean
frame_cb (GtkWidget     *widget,
          GdkFrameClock *clock,
          gpointer       data)
{
  GArray *frames = data;
  gint64 now = g_get_monotonic_time ();

  g_array_append_val (frames, now);
  return G_SOURCE_CONTINUE;
}

/* Recording and rendering one frame of @widget, in microseconds: its own snapshot, then
 * the window's renderer turning it into pixels. */
static gint64
frame_time (GtkWidget *widget)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  gint64 start = g_get_monotonic_time ();

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_nonnull (texture);
  return g_get_monotonic_time () - start;
}

/* 2,000 nodes and 20,000 links: the window keeps drawing frames while the layout runs,
 * it settles, and a frame (recorded and rendered) stays short. */
static void
test_big (gconstpointer data)
{
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  DashGraphView *view = DASH_GRAPH_VIEW (dash_graph_view_new ());
  gint64 started, longest = 0, total = 0, worst = 0;
  guint tick, n_frames = 5;
  double x, y, r;

  g_object_ref_sink (window);
  gtk_window_set_default_size (window, 1200, 800);
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);
  dash_test_spin_until (is_drawn, view, 30);

  started = g_get_monotonic_time ();
  dash_graph_view_set_graph (view, big_graph ());
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (view), frame_cb, frames, NULL);
  dash_test_spin_until (view_settled, view, 300);
  gtk_widget_remove_tick_callback (GTK_WIDGET (view), tick);
  g_test_message ("2000 nodes, 20000 links: settled in %.1f s, %u frames",
                  (g_get_monotonic_time () - started) / 1e6, frames->len);
  for (guint i = 1; i < frames->len; i++)
    longest = MAX (longest, g_array_index (frames, gint64, i) - g_array_index (frames, gint64, i - 1));
  g_test_message ("longest gap between frames while laying out: %.1f ms", longest / 1e3);
  g_assert_cmpuint (frames->len, >, 10);

  for (guint i = 0; i < n_frames; i++)
    {
      gint64 t = frame_time (GTK_WIDGET (view));

      total += t;
      worst = MAX (worst, t);
    }
  g_test_message ("frame (snapshot + render) %.1f ms on average, %.1f ms at most; "
                  "snapshot alone %.1f ms", total / 1e3 / n_frames, worst / 1e3,
                  dash_graph_view_get_snapshot_time (view) / 1e3);
  if (g_getenv ("DASH_GRAPH_FRAME_TIMES") != NULL)
    g_printerr ("graph frame: %.1f ms mean, %.1f ms max, %.1f ms longest layout gap\n",
                total / 1e3 / n_frames, worst / 1e3, longest / 1e3);
  /* Generous, for slow software rendering: interactive is well under this. */
  g_assert_cmpint (total / n_frames, <, 500000);

  /* Hovering: the node under the pointer is found. */
  g_assert_true (dash_graph_view_get_node_position (view, 0, &x, &y, &r));
  g_assert_cmpint (dash_graph_view_node_at (view, x, y), ==, 0);

  dash_test_destroy_window (window);
}

/* The force layout keeps a pinned node where it is put, and moves again when reheated. */
static void
test_pin (gconstpointer data)
{
  g_autoptr(DashGraph) graph = big_graph ();
  g_autoptr(DashForceLayout) layout = NULL;
  const double *xy;

  g_ptr_array_set_size (graph->nodes, 60);
  for (guint e = graph->edges->len; e-- > 0;)
    {
      const DashGraphEdge *edge = &g_array_index (graph->edges, DashGraphEdge, e);

      if (edge->source >= 60 || edge->target >= 60)
        g_array_remove_index (graph->edges, e);
    }
  layout = dash_force_layout_new_for_graph (graph, 3);
  dash_force_layout_pin (layout, 5, 40, -40);
  g_assert_true (dash_force_layout_is_pinned (layout, 5));
  dash_force_layout_run (layout, 2000);
  g_assert_true (dash_force_layout_is_settled (layout));
  xy = dash_force_layout_get_positions (layout);
  g_assert_cmpfloat (xy[10], ==, 40);
  g_assert_cmpfloat (xy[11], ==, -40);

  dash_force_layout_unpin (layout, 5);
  g_assert_false (dash_force_layout_is_pinned (layout, 5));
  dash_force_layout_reheat (layout, 1);
  g_assert_false (dash_force_layout_is_settled (layout));
  dash_force_layout_run (layout, 2000);
  /* Released, it goes back towards the others. */
  g_assert_cmpfloat (hypot (xy[10], xy[11]), <, 40);
}

#define add_test(path, func) \
  dash_test_add_display (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* GTK's test accessibility backend: the accessible role and properties can be
   * checked, and it needs no session bus (plain Xvfb has none). */
  g_setenv ("GTK_A11Y", "test", TRUE);

  if (dash_test_init_display ())
    {
      g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

      /* The application's style sheet, as AdwApplication loads it. */
      gtk_css_provider_load_from_resource (css, "/org/example/Dashboard/style.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }

  add_test ("/graph-page/layout", test_layout);
  add_test ("/graph-page/layout/deterministic", test_deterministic);
  add_test ("/graph-page/selection", test_selection);
  add_test ("/graph-page/evidence", test_evidence);
  add_test ("/graph-page/min-weight", test_min_weight);
  add_test ("/graph-page/keyboard", test_keyboard);
  add_test ("/graph-page/ego", test_ego);
  add_test ("/graph-page/zoom", test_zoom);
  g_test_add_data_func ("/graph-view/pin", NULL, test_pin);
  dash_test_add_display_func ("/graph-view/big", NULL, test_big);

  return g_test_run ();
}
