/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-graph-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dash-graph-page.h"
#include "dash-graph-view.h"
#include "dash-ui-util.h"

/* Links listed beside the selected entity, and passages behind a link. */
#define N_TOP_LINKS 8
#define N_EVIDENCE  12

static const guint graph_sizes[] = { 25, 50, 100, 200, 500 };

/* The columns of the two tables. */
typedef enum {
  NODE_NAME,
  NODE_TYPE,
  NODE_STORIES,
  NODE_DEGREE,
  NODE_COMMUNITY,
  NODE_PAGERANK,
  LINK_SOURCE,
  LINK_TARGET,
  LINK_WEIGHT,
  LINK_PMI,
} Column;

/* The worker thread's own connection to the corpus: the window's connection belongs to
 * the main thread. Queries take turns on it. */
typedef struct {
  GMutex      lock;
  DashCorpus *corpus;
} Worker;

struct _DashGraphPage
{
  GtkWidget       parent_instance;

  DashCorpus     *corpus;
  DashFilter     *filter;          /* the window's */
  Worker         *worker;
  GCancellable   *query_cancellable;
  GCancellable   *evidence_cancellable;
  char           *evidence_key;    /* the link whose passages are shown, "a\nb" */
  DashCooccurrence shown_window;   /* of the graph shown, for its evidence */
  gboolean        loading;
  gboolean        syncing;         /* while a selection is copied to the other views */

  /* Table rows: node and edge indices into the graph shown, as strings. */
  GtkStringList  *node_rows;
  GtkStringList  *link_rows;
  GtkSingleSelection *node_selection;
  GtkSingleSelection *link_selection;
  GtkCustomFilter *link_filter;

  /* Template children. */
  AdwFlap        *flap;
  GtkButton      *back_button;
  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkSpinner     *spinner;
  GtkSearchEntry *search_entry;
  GtkToggleButton *graph_button;
  GtkToggleButton *table_button;
  GtkFlowBox     *controls;
  GtkDropDown    *window_dropdown;
  GtkSpinButton  *weight_spin;
  GtkDropDown    *size_dropdown;
  GtkDropDown    *color_dropdown;
  GtkStack       *view_stack;
  DashGraphView  *graph_view;
  GtkColumnView  *nodes_view;
  GtkColumnView  *links_view;
  GtkLabel       *links_heading;
  AdwStatusPage  *none_page;
  GtkWidget      *overview_box;
  GtkLabel       *central_heading;
  GtkListBox     *central_list;
  GtkWidget      *node_box;
  GtkLabel       *node_name_label;
  GtkLabel       *node_info_label;
  GtkButton      *stories_button;
  GtkListBox     *top_links_list;
  GtkWidget      *evidence_box;
  GtkLabel       *evidence_heading;
  GtkSpinner     *evidence_spinner;
  GtkListBox     *evidence_list;
};

G_DEFINE_FINAL_TYPE (DashGraphPage, dash_graph_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ENTITY_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
dash_graph_page_new (void)
{
  return g_object_new (DASH_TYPE_GRAPH_PAGE, NULL);
}

static Worker *
worker_new (void)
{
  Worker *worker = g_atomic_rc_box_new0 (Worker);

  g_mutex_init (&worker->lock);
  return worker;
}

static void
worker_clear (Worker *worker)
{
  g_clear_object (&worker->corpus);
  g_mutex_clear (&worker->lock);
}

static void
worker_unref (Worker *worker)
{
  g_atomic_rc_box_release_full (worker, (GDestroyNotify)worker_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Worker, worker_unref)

/* Locks the worker's connection to the database at @path, opening it if needed. */
static DashCorpus *
worker_lock (Worker      *worker,
             const char  *path,
             GError     **error)
{
  g_mutex_lock (&worker->lock);
  if (worker->corpus != NULL && g_strcmp0 (dash_corpus_get_path (worker->corpus), path) != 0)
    g_clear_object (&worker->corpus);
  if (worker->corpus == NULL)
    worker->corpus = dash_corpus_open (path, error);
  if (worker->corpus == NULL)
    g_mutex_unlock (&worker->lock);
  return worker->corpus;
}

static void
worker_unlock (Worker *worker)
{
  g_mutex_unlock (&worker->lock);
}

static const DashGraph *
get_graph (DashGraphPage *self)
{
  return self->graph_view != NULL ? dash_graph_view_get_graph (self->graph_view) : NULL;
}

static DashGraphNode *
graph_node (const DashGraph *graph,
            guint            index)
{
  return g_ptr_array_index (graph->nodes, index);
}

/* The node or edge index a table row stands for, or -1 when the graph moved on. */
static int
row_index (DashGraphPage *self,
           gpointer       item,
           gboolean       link)
{
  const DashGraph *graph = get_graph (self);
  const char *string;
  guint64 index;

  if (graph == NULL || !GTK_IS_STRING_OBJECT (item))
    return -1;
  string = gtk_string_object_get_string (item);
  if (!g_ascii_string_to_unsigned (string, 10, 0, G_MAXUINT, &index, NULL))
    return -1;
  if (index >= (link ? graph->edges->len : graph->nodes->len))
    return -1;
  return index;
}

const DashGraphChart *
dash_graph_page_get_chart (DashGraphPage *self)
{
  g_return_val_if_fail (DASH_IS_GRAPH_PAGE (self), NULL);
  return dash_graph_view_get_chart (self->graph_view);
}

gboolean
dash_graph_page_get_loading (DashGraphPage *self)
{
  g_return_val_if_fail (DASH_IS_GRAPH_PAGE (self), FALSE);
  return self->loading;
}

static void
set_loading (DashGraphPage *self,
             gboolean       loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Querying the graph. */

typedef struct {
  Worker          *worker;
  char            *path;
  DashFilter      *filter;
  guint            limit;
  guint            min_weight;
  DashCooccurrence window;
  char            *ego;
  char            *title;
} GraphQuery;

typedef struct {
  DashGraph           *graph;
  DashChartProvenance *provenance;
  DashCooccurrence     window;
} GraphResult;

static void
graph_query_free (GraphQuery *query)
{
  g_clear_pointer (&query->worker, worker_unref);
  g_free (query->path);
  dash_filter_free (query->filter);
  g_free (query->ego);
  g_free (query->title);
  g_free (query);
}

static void
graph_result_free (GraphResult *result)
{
  g_clear_pointer (&result->graph, dash_graph_free);
  g_clear_pointer (&result->provenance, dash_chart_provenance_free);
  g_free (result);
}

/* Keeps only @ego and the nodes linked to it (within a paragraph or sentence window,
 * sharing a story is not enough), with the links among them. */
static void
keep_ego_network (DashGraph  *graph,
                  const char *ego)
{
  g_autofree int *new_index = NULL;
  g_autoptr(GArray) edges = NULL;
  int center = -1;

  for (guint i = 0; i < graph->nodes->len && center < 0; i++)
    if (g_utf8_collate (graph_node (graph, i)->name, ego) == 0)
      center = i;
  if (center < 0)
    {
      g_autofree char *folded = g_utf8_casefold (ego, -1);

      for (guint i = 0; i < graph->nodes->len && center < 0; i++)
        {
          g_autofree char *name = g_utf8_casefold (graph_node (graph, i)->name, -1);

          if (g_str_equal (name, folded))
            center = i;
        }
    }
  if (center < 0)
    return;

  new_index = g_new (int, graph->nodes->len);
  for (guint i = 0; i < graph->nodes->len; i++)
    new_index[i] = (int)i == center ? 0 : -1;
  for (guint e = 0; e < graph->edges->len; e++)
    {
      const DashGraphEdge *edge = &g_array_index (graph->edges, DashGraphEdge, e);

      if ((int)edge->source == center)
        new_index[edge->target] = 0;
      else if ((int)edge->target == center)
        new_index[edge->source] = 0;
    }

  /* New indices in the order the nodes keep; then the others go, last first. */
  for (guint i = 0, kept = 0; i < graph->nodes->len; i++)
    if (new_index[i] >= 0)
      {
        new_index[i] = kept++;
        graph_node (graph, i)->degree = 0;
      }
  for (guint i = graph->nodes->len; i-- > 0;)
    if (new_index[i] < 0)
      g_ptr_array_remove_index (graph->nodes, i);

  edges = g_array_new (FALSE, FALSE, sizeof (DashGraphEdge));
  for (guint e = 0; e < graph->edges->len; e++)
    {
      DashGraphEdge edge = g_array_index (graph->edges, DashGraphEdge, e);

      if (new_index[edge.source] < 0 || new_index[edge.target] < 0)
        continue;
      edge.source = new_index[edge.source];
      edge.target = new_index[edge.target];
      graph_node (graph, edge.source)->degree++;
      graph_node (graph, edge.target)->degree++;
      g_array_append_val (edges, edge);
    }

  g_array_unref (graph->edges);
  graph->edges = g_steal_pointer (&edges);
}

static void
graph_query_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GraphQuery *query = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DashFilter) filter = dash_filter_copy (query->filter);
  GraphResult *result;
  DashCorpus *corpus;

  if (g_task_return_error_if_cancelled (task))
    return;
  corpus = worker_lock (query->worker, query->path, &error);
  if (corpus == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (query->ego != NULL)
    dash_filter_set_entity (filter, query->ego);
  result = g_new0 (GraphResult, 1);
  result->window = query->window;
  if (!g_cancellable_is_cancelled (cancellable))
    result->graph = dash_corpus_graph (corpus, filter, query->limit, query->min_weight,
                                       query->window, &error);
  if (result->graph != NULL && !g_cancellable_is_cancelled (cancellable))
    result->provenance = dash_chart_provenance_new_for_corpus (corpus, filter, query->title,
                                                               NULL);
  worker_unlock (query->worker);

  if (result->graph != NULL && query->ego != NULL)
    keep_ego_network (result->graph, query->ego);

  if (g_task_return_error_if_cancelled (task))
    graph_result_free (result);
  else if (result->graph == NULL)
    {
      graph_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    g_task_return_pointer (task, result, (GDestroyNotify)graph_result_free);
}

static void clear_evidence (DashGraphPage *self);
static void show_selection (DashGraphPage *self);
static void show_central (DashGraphPage *self);

static void
fill_tables (DashGraphPage *self)
{
  const DashGraph *graph = get_graph (self);
  guint n = graph != NULL ? graph->nodes->len : 0, m = graph != NULL ? graph->edges->len : 0;
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (strings, g_strdup_printf ("%u", i));
  g_ptr_array_add (strings, NULL);
  gtk_string_list_splice (self->node_rows, 0, 0, (const char * const *)strings->pdata);

  g_ptr_array_set_size (strings, 0);
  for (guint e = 0; e < m; e++)
    g_ptr_array_add (strings, g_strdup_printf ("%u", e));
  g_ptr_array_add (strings, NULL);
  gtk_string_list_splice (self->link_rows, 0, 0, (const char * const *)strings->pdata);
}

static void
empty_tables (DashGraphPage *self)
{
  gtk_string_list_splice (self->node_rows, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->node_rows)), NULL);
  gtk_string_list_splice (self->link_rows, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->link_rows)), NULL);
}

static void
update_subtitle (DashGraphPage *self)
{
  const DashGraph *graph = get_graph (self);
  guint n = graph != NULL ? graph->nodes->len : 0, m = graph != NULL ? graph->edges->len : 0;
  g_autofree char *entities = g_strdup_printf (ngettext ("%'u entity", "%'u entities", n), n);
  g_autofree char *links = g_strdup_printf (ngettext ("%'u link", "%'u links", m), m);
  g_autofree char *text = NULL;
  const char *ego = dash_graph_view_get_ego (self->graph_view);

  if (ego != NULL)
    /* Translators: the ego network's entity, then the graph's size. */
    text = g_strdup_printf (_("Around %s · %s, %s"), ego, entities, links);
  else
    /* Translators: the graph's size, "50 entities, 120 links". */
    text = g_strdup_printf (_("%s, %s"), entities, links);
  gtk_label_set_label (self->subtitle_label, text);
}

static void
graph_query_done_cb (GObject      *object,
                     GAsyncResult *async_result,
                     gpointer      user_data)
{
  DashGraphPage *self = DASH_GRAPH_PAGE (object);
  g_autoptr(GError) error = NULL;
  GraphResult *result;
  DashGraph *graph;

  result = g_task_propagate_pointer (G_TASK (async_result), &error);
  if (result == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_loading (self, FALSE);
      empty_tables (self);
      dash_graph_view_set_graph (self->graph_view, NULL);
      adw_status_page_set_title (self->none_page, _("Cannot Draw the Graph"));
      /* The message may quote a query the user typed: text, not markup. */
      {
        g_autofree char *escaped = g_markup_escape_text (error->message, -1);

        adw_status_page_set_description (self->none_page, escaped);
      }
      gtk_stack_set_visible_child_name (self->view_stack, "none");
      update_subtitle (self);
      show_central (self);
      show_selection (self);
      return;
    }

  set_loading (self, FALSE);
  graph = g_steal_pointer (&result->graph);
  self->shown_window = result->window;

  /* The rows point into the graph: empty them before it goes. */
  self->syncing = TRUE;
  empty_tables (self);
  dash_graph_view_set_title (self->graph_view, result->provenance != NULL
                                                 ? result->provenance->title : NULL,
                             result->provenance);
  dash_graph_view_set_graph (self->graph_view, graph);
  fill_tables (self);
  self->syncing = FALSE;
  graph_result_free (result);

  clear_evidence (self);
  update_subtitle (self);
  show_central (self);
  if (graph->nodes->len == 0)
    {
      adw_status_page_set_title (self->none_page, _("No Entities"));
      adw_status_page_set_description (self->none_page,
                                       _("No entity is named in these stories."));
      gtk_stack_set_visible_child_name (self->view_stack, "none");
    }
  else
    gtk_stack_set_visible_child_name (self->view_stack,
                                      gtk_toggle_button_get_active (self->table_button)
                                      ? "table" : "graph");
  show_selection (self);
}

static DashCooccurrence
selected_window (DashGraphPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->window_dropdown);

  return selected <= DASH_COOCCURRENCE_SENTENCE ? (DashCooccurrence)selected
                                                : DASH_COOCCURRENCE_STORY;
}

static void
start_query (DashGraphPage *self)
{
  g_autoptr(GTask) task = NULL;
  GraphQuery *query;
  guint size = gtk_drop_down_get_selected (self->size_dropdown);
  const char *ego = dash_graph_view_get_ego (self->graph_view);

  if (self->corpus == NULL)
    return;

  g_cancellable_cancel (self->query_cancellable);
  g_clear_object (&self->query_cancellable);
  self->query_cancellable = g_cancellable_new ();

  query = g_new0 (GraphQuery, 1);
  query->worker = g_atomic_rc_box_acquire (self->worker);
  query->path = g_strdup (dash_corpus_get_path (self->corpus));
  query->filter = self->filter != NULL ? dash_filter_copy (self->filter) : dash_filter_new ();
  query->limit = graph_sizes[MIN (size, G_N_ELEMENTS (graph_sizes) - 1)];
  query->min_weight = MAX (1, gtk_spin_button_get_value_as_int (self->weight_spin));
  query->window = selected_window (self);
  query->ego = g_strdup (ego);
  query->title = ego != NULL ? g_strdup_printf (_("Entity Graph around %s"), ego)
                             : g_strdup (_("Entity Graph"));

  task = g_task_new (self, self->query_cancellable, graph_query_done_cb, NULL);
  g_task_set_source_tag (task, start_query);
  g_task_set_task_data (task, query, (GDestroyNotify)graph_query_free);
  g_task_run_in_thread (task, graph_query_thread);
  set_loading (self, TRUE);
}

static void
corpus_changed_cb (DashGraphPage *self,
                   DashCorpus    *corpus)
{
  start_query (self);
}

void
dash_graph_page_show (DashGraphPage    *self,
                      DashCorpus       *corpus,
                      const DashFilter *filter)
{
  g_return_if_fail (DASH_IS_GRAPH_PAGE (self));
  g_return_if_fail (DASH_IS_CORPUS (corpus));

  if (self->corpus != corpus)
    {
      if (self->corpus != NULL)
        g_signal_handlers_disconnect_by_data (self->corpus, self);
      g_set_object (&self->corpus, corpus);
      /* Renamed, merged or hidden entities, and new stories, redraw the graph. */
      g_signal_connect_object (corpus, "changed", G_CALLBACK (corpus_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  g_clear_pointer (&self->filter, dash_filter_free);
  if (filter != NULL)
    self->filter = dash_filter_copy (filter);
  start_query (self);
}

/* The passages behind a link. */

typedef struct {
  Worker          *worker;
  char            *path;
  char            *a;
  char            *b;
  DashCooccurrence window;
} EvidenceQuery;

static void
evidence_query_free (EvidenceQuery *query)
{
  g_clear_pointer (&query->worker, worker_unref);
  g_free (query->path);
  g_free (query->a);
  g_free (query->b);
  g_free (query);
}

static void
evidence_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  EvidenceQuery *query = task_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *evidence;
  DashCorpus *corpus;

  if (g_task_return_error_if_cancelled (task))
    return;
  corpus = worker_lock (query->worker, query->path, &error);
  if (corpus == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  evidence = dash_corpus_edge_evidence (corpus, query->a, query->b, query->window, N_EVIDENCE,
                                        &error);
  worker_unlock (query->worker);
  if (evidence == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, evidence, (GDestroyNotify)g_ptr_array_unref);
}

/* @text escaped for markup, with @a and @b (as they stand) in bold. */
static char *
evidence_markup (const char *text,
                 const char *a,
                 const char *b)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  const char *names[2] = { a, b };
  GString *markup = g_string_new (escaped);

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      g_autofree char *name = g_markup_escape_text (names[k], -1);
      g_autofree char *bold = g_strdup_printf ("<b>%s</b>", name);

      if (name[0] != '\0')
        g_string_replace (markup, name, bold, 0);
    }
  return g_string_free (markup, FALSE);
}

static GtkWidget *
evidence_row_new (const DashEvidence *item,
                  const char         *a,
                  const char         *b)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (item->title);
  g_autofree char *markup = evidence_markup (item->text != NULL ? item->text : "", a, b);
  GtkWidget *text = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (text), markup);
  for (GtkWidget *label = title; label != NULL; label = label == title ? text : NULL)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      /* Wrapped at the side's width rather than widening it. */
      gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
    }
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_add_css_class (text, "evidence-text");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), text);
  gtk_widget_add_css_class (box, "evidence");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static void
evidence_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  DashGraphPage *self = DASH_GRAPH_PAGE (object);
  EvidenceQuery *query = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) evidence = NULL;
  g_autoptr(GError) error = NULL;

  evidence = g_task_propagate_pointer (G_TASK (result), &error);
  if (evidence == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_set_spinning (self->evidence_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->evidence_spinner), FALSE);
  dash_list_box_remove_all (self->evidence_list);
  if (evidence == NULL)
    {
      gtk_list_box_append (self->evidence_list, dash_count_row_new (error->message, NULL));
      return;
    }
  if (evidence->len == 0)
    gtk_list_box_append (self->evidence_list,
                         dash_count_row_new (_("No passage names both"), NULL));
  for (guint i = 0; i < evidence->len; i++)
    gtk_list_box_append (self->evidence_list,
                         evidence_row_new (g_ptr_array_index (evidence, i), query->a, query->b));
}

static void
clear_evidence (DashGraphPage *self)
{
  g_cancellable_cancel (self->evidence_cancellable);
  g_clear_object (&self->evidence_cancellable);
  g_clear_pointer (&self->evidence_key, g_free);
  dash_list_box_remove_all (self->evidence_list);
  gtk_widget_set_visible (self->evidence_box, FALSE);
}

/* Shows why @a and @b are linked. */
static void
show_evidence (DashGraphPage *self,
               const char    *a,
               const char    *b)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *key = g_strconcat (a, "\n", b, NULL);
  EvidenceQuery *query;

  /* The links table moves under a selection as it is filtered: same link, same list. */
  if (g_strcmp0 (key, self->evidence_key) == 0)
    return;
  clear_evidence (self);
  if (self->corpus == NULL)
    return;
  self->evidence_key = g_steal_pointer (&key);

  /* Translators: the heading over the passages that link two entities. */
  heading = g_strdup_printf (_("%s and %s"), a, b);
  gtk_label_set_label (self->evidence_heading, heading);
  gtk_widget_set_visible (self->evidence_box, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->evidence_spinner), TRUE);
  gtk_spinner_set_spinning (self->evidence_spinner, TRUE);
  adw_flap_set_reveal_flap (self->flap, TRUE);

  self->evidence_cancellable = g_cancellable_new ();
  query = g_new0 (EvidenceQuery, 1);
  query->worker = g_atomic_rc_box_acquire (self->worker);
  query->path = g_strdup (dash_corpus_get_path (self->corpus));
  query->a = g_strdup (a);
  query->b = g_strdup (b);
  query->window = self->shown_window;

  task = g_task_new (self, self->evidence_cancellable, evidence_done_cb, NULL);
  g_task_set_source_tag (task, show_evidence);
  g_task_set_task_data (task, query, (GDestroyNotify)evidence_query_free);
  g_task_run_in_thread (task, evidence_thread);
}

/* The selection: the graph, the tables and the details agree. */

static char *
format_node_info (const DashGraphNode *node)
{
  g_autofree char *stories = g_strdup_printf (ngettext ("%'u story", "%'u stories",
                                                        node->articles), node->articles);
  g_autofree char *links = g_strdup_printf (ngettext ("%'u link", "%'u links", node->degree),
                                            node->degree);

  /* Translators: an entity's type, stories, links, community and PageRank. */
  return g_strdup_printf (_("%s · %s · %s\nCommunity %d · PageRank %.3f"),
                          dash_entity_type_label (node->type), stories, links,
                          node->community + 1, node->pagerank);
}

static void
show_top_links (DashGraphPage *self,
                guint          index)
{
  const DashGraph *graph = get_graph (self);
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (guint));

  dash_list_box_remove_all (self->top_links_list);
  for (guint e = 0; e < graph->edges->len; e++)
    {
      const DashGraphEdge *edge = &g_array_index (graph->edges, DashGraphEdge, e);

      if (edge->source == index || edge->target == index)
        g_array_append_val (links, e);
    }
  /* Heaviest first: a partial selection sort, there are few to show. */
  for (guint k = 0; k < MIN (links->len, N_TOP_LINKS); k++)
    {
      guint best = k;

      for (guint j = k + 1; j < links->len; j++)
        if (g_array_index (graph->edges, DashGraphEdge, g_array_index (links, guint, j)).weight >
            g_array_index (graph->edges, DashGraphEdge, g_array_index (links, guint, best)).weight)
          best = j;
      if (best != k)
        {
          guint t = g_array_index (links, guint, k);

          g_array_index (links, guint, k) = g_array_index (links, guint, best);
          g_array_index (links, guint, best) = t;
        }
    }
  for (guint k = 0; k < MIN (links->len, N_TOP_LINKS); k++)
    {
      guint e = g_array_index (links, guint, k);
      const DashGraphEdge *edge = &g_array_index (graph->edges, DashGraphEdge, e);
      const DashGraphNode *other = graph_node (graph, edge->source == index ? edge->target
                                                                            : edge->source);
      g_autofree char *count = g_strdup_printf (ngettext ("%'u story", "%'u stories",
                                                          edge->weight), edge->weight);
      GtkWidget *row = dash_count_row_new (other->name, count);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dash_entity_type_label (other->type));
      g_object_set_data (G_OBJECT (row), "edge", GUINT_TO_POINTER (e));
      gtk_list_box_append (self->top_links_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->top_links_list), links->len > 0);
}

/* The most central entities, to start from when none is selected. */
static void
show_central (DashGraphPage *self)
{
  const DashGraph *graph = get_graph (self);
  guint n = graph != NULL ? graph->nodes->len : 0;
  g_autofree guint *order = g_new (guint, MAX (n, 1));
  guint shown = MIN (n, N_TOP_LINKS);

  dash_list_box_remove_all (self->central_list);
  for (guint i = 0; i < n; i++)
    order[i] = i;
  for (guint k = 0; k < shown; k++)
    {
      guint best = k;
      const DashGraphNode *node;
      g_autofree char *count = NULL;
      GtkWidget *row;

      for (guint j = k + 1; j < n; j++)
        if (graph_node (graph, order[j])->pagerank > graph_node (graph, order[best])->pagerank)
          best = j;
      if (best != k)
        {
          guint t = order[k];

          order[k] = order[best];
          order[best] = t;
        }
      node = graph_node (graph, order[k]);
      count = g_strdup_printf (ngettext ("%'u link", "%'u links", node->degree), node->degree);
      row = dash_count_row_new (node->name, count);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dash_entity_type_label (node->type));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "node", GUINT_TO_POINTER (order[k]));
      gtk_list_box_append (self->central_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->central_heading), shown > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->central_list), shown > 0);
}

static void
central_activated_cb (DashGraphPage *self,
                      GtkListBoxRow *row,
                      GtkListBox    *list)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "node"));

  dash_graph_view_set_selected (self->graph_view, index);
  dash_graph_view_show_node (self->graph_view, index);
}

/* The position of the row for @index in @selection's sorted model, or GTK_INVALID_LIST_POSITION. */
static guint
find_row (DashGraphPage      *self,
          GtkSingleSelection *selection,
          int                 index,
          gboolean            link)
{
  GListModel *model = G_LIST_MODEL (selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; index >= 0 && i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (row_index (self, item, link) == index)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* GTK 4.8 has no gtk_column_view_scroll_to (4.12): its list view's action does it. */
static void
scroll_to_row (GtkColumnView *view,
               guint          position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      {
        gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
        return;
      }
}

static void
show_selection (DashGraphPage *self)
{
  const DashGraph *graph = get_graph (self);
  int index = dash_graph_view_get_selected (self->graph_view);
  guint position;

  gtk_filter_changed (GTK_FILTER (self->link_filter), GTK_FILTER_CHANGE_DIFFERENT);

  if (graph == NULL || index < 0)
    {
      g_autofree char *heading = NULL;
      guint m = graph != NULL ? graph->edges->len : 0;

      gtk_widget_set_visible (self->node_box, FALSE);
      gtk_widget_set_visible (self->overview_box, TRUE);
      /* Translators: the heading of the links table, with their count. */
      heading = g_strdup_printf (_("All Links (%'u)"), m);
      gtk_label_set_label (self->links_heading, heading);
      self->syncing = TRUE;
      gtk_single_selection_set_selected (self->node_selection, GTK_INVALID_LIST_POSITION);
      self->syncing = FALSE;
      return;
    }

  {
    const DashGraphNode *node = graph_node (graph, index);
    g_autofree char *info = format_node_info (node);
    g_autofree char *heading = NULL;

    gtk_label_set_label (self->node_name_label, node->name);
    gtk_label_set_label (self->node_info_label, info);
    /* Translators: the heading of the links table when an entity is selected. */
    heading = g_strdup_printf (_("Links of %s (%'u)"), node->name, node->degree);
    gtk_label_set_label (self->links_heading, heading);
    show_top_links (self, index);
    gtk_widget_set_visible (self->node_box, TRUE);
    gtk_widget_set_visible (self->overview_box, FALSE);
  }

  position = find_row (self, self->node_selection, index, FALSE);
  if (position != gtk_single_selection_get_selected (self->node_selection))
    {
      self->syncing = TRUE;
      gtk_single_selection_set_selected (self->node_selection, position);
      self->syncing = FALSE;
      if (position != GTK_INVALID_LIST_POSITION)
        scroll_to_row (self->nodes_view, position);
    }
}

static void
node_selected_cb (DashGraphPage *self,
                  const char    *name,
                  DashGraphView *view)
{
  show_selection (self);
}

static void
node_activated_cb (DashGraphPage *self,
                   const char    *name,
                   DashGraphView *view)
{
  g_signal_emit (self, signals[ENTITY_ACTIVATED], 0, name);
}

static void
node_row_selected_cb (DashGraphPage      *self,
                      GParamSpec         *pspec,
                      GtkSingleSelection *selection)
{
  gpointer item = gtk_single_selection_get_selected_item (selection);

  if (self->syncing)
    return;
  dash_graph_view_set_selected (self->graph_view, item != NULL ? row_index (self, item, FALSE)
                                                               : -1);
}

static void
link_row_selected_cb (DashGraphPage      *self,
                      GParamSpec         *pspec,
                      GtkSingleSelection *selection)
{
  const DashGraph *graph = get_graph (self);
  gpointer item = gtk_single_selection_get_selected_item (selection);
  int e = item != NULL ? row_index (self, item, TRUE) : -1;
  const DashGraphEdge *edge;

  if (self->syncing || e < 0)
    return;
  edge = &g_array_index (graph->edges, DashGraphEdge, e);
  show_evidence (self, graph_node (graph, edge->source)->name,
                 graph_node (graph, edge->target)->name);
}

static void
top_link_activated_cb (DashGraphPage *self,
                       GtkListBoxRow *row,
                       GtkListBox    *list)
{
  const DashGraph *graph = get_graph (self);
  guint e = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "edge"));
  const DashGraphEdge *edge;

  if (graph == NULL || e >= graph->edges->len)
    return;
  edge = &g_array_index (graph->edges, DashGraphEdge, e);
  show_evidence (self, graph_node (graph, edge->source)->name,
                 graph_node (graph, edge->target)->name);
}

static void
stories_clicked_cb (DashGraphPage *self)
{
  const DashGraph *graph = get_graph (self);
  int index = dash_graph_view_get_selected (self->graph_view);

  if (graph != NULL && index >= 0)
    g_signal_emit (self, signals[ENTITY_ACTIVATED], 0, graph_node (graph, index)->name);
}

/* Controls. */

static void
query_changed_cb (DashGraphPage *self)
{
  start_query (self);
}

static void
color_changed_cb (DashGraphPage *self)
{
  dash_graph_view_set_color_by (self->graph_view,
                                gtk_drop_down_get_selected (self->color_dropdown) == 1
                                ? DASH_GRAPH_COLOR_TYPE : DASH_GRAPH_COLOR_COMMUNITY);
}

static void
reset_clicked_cb (DashGraphPage *self)
{
  dash_graph_view_reset_layout (self->graph_view);
}

static void
ego_changed_cb (DashGraphPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->back_button),
                          dash_graph_view_get_ego (self->graph_view) != NULL);
  start_query (self);
}

static void
back_clicked_cb (DashGraphPage *self)
{
  dash_graph_view_set_ego (self->graph_view, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->graph_view));
}

static void
view_toggled_cb (DashGraphPage *self)
{
  const DashGraph *graph = get_graph (self);

  if (graph == NULL || graph->nodes->len == 0)
    return;
  gtk_stack_set_visible_child_name (self->view_stack,
                                    gtk_toggle_button_get_active (self->table_button)
                                    ? "table" : "graph");
}

/* The best match for what was typed: the same name, else a name that starts with it,
 * else one that holds it; the most central first. */
static int
search_node (DashGraphPage *self,
             const char    *text)
{
  const DashGraph *graph = get_graph (self);
  g_autofree char *needle = g_utf8_casefold (text, -1);
  int best = -1, best_rank = 3;

  g_strstrip (needle);
  if (graph == NULL || needle[0] == '\0')
    return -1;
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      const DashGraphNode *node = graph_node (graph, i);
      g_autofree char *name = g_utf8_casefold (node->name, -1);
      const char *found = strstr (name, needle);
      int rank = g_str_equal (name, needle) ? 0 : found == name ? 1 : found != NULL ? 2 : 3;

      if (rank < best_rank ||
          (rank == best_rank && rank < 3 && node->pagerank > graph_node (graph, best)->pagerank))
        {
          best = i;
          best_rank = rank;
        }
    }
  return best;
}

static void
search_changed_cb (DashGraphPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  int index = search_node (self, text);

  if (text[0] != '\0' && index < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->search_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");
  if (index < 0)
    return;
  dash_graph_view_set_selected (self->graph_view, index);
  dash_graph_view_show_node (self->graph_view, index);
}

/* Enter in the search goes to the graph, on the entity found. */
static void
search_activate_cb (DashGraphPage *self)
{
  search_changed_cb (self);
  if (dash_graph_view_get_selected (self->graph_view) >= 0 &&
      !gtk_toggle_button_get_active (self->table_button))
    gtk_widget_grab_focus (GTK_WIDGET (self->graph_view));
}

/* The tables. */

typedef struct {
  DashGraphPage *page;
  Column         column;
} ColumnData;

static int
compare_doubles (double a,
                 double b)
{
  return a < b ? -1 : a > b ? 1 : 0;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  ColumnData *data = user_data;
  DashGraphPage *self = data->page;
  const DashGraph *graph = get_graph (self);
  gboolean link = data->column >= LINK_SOURCE;
  int ia = row_index (self, (gpointer)a, link), ib = row_index (self, (gpointer)b, link);
  int order = 0;

  if (ia < 0 || ib < 0)
    return ia < ib ? GTK_ORDERING_SMALLER : ia > ib ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;

  if (!link)
    {
      const DashGraphNode *na = graph_node (graph, ia), *nb = graph_node (graph, ib);

      switch (data->column)
        {
        case NODE_NAME:
          order = g_utf8_collate (na->name, nb->name);
          break;
        case NODE_TYPE:
          order = g_utf8_collate (dash_entity_type_label (na->type),
                                  dash_entity_type_label (nb->type));
          break;
        case NODE_STORIES:
          order = compare_doubles (na->articles, nb->articles);
          break;
        case NODE_DEGREE:
          order = compare_doubles (na->degree, nb->degree);
          break;
        case NODE_COMMUNITY:
          order = compare_doubles (na->community, nb->community);
          break;
        case NODE_PAGERANK:
        case LINK_SOURCE:
        case LINK_TARGET:
        case LINK_WEIGHT:
        case LINK_PMI:
        default:
          order = compare_doubles (na->pagerank, nb->pagerank);
          break;
        }
    }
  else
    {
      const DashGraphEdge *ea = &g_array_index (graph->edges, DashGraphEdge, ia);
      const DashGraphEdge *eb = &g_array_index (graph->edges, DashGraphEdge, ib);

      switch (data->column)
        {
        case LINK_SOURCE:
          order = g_utf8_collate (graph_node (graph, ea->source)->name,
                                  graph_node (graph, eb->source)->name);
          break;
        case LINK_TARGET:
          order = g_utf8_collate (graph_node (graph, ea->target)->name,
                                  graph_node (graph, eb->target)->name);
          break;
        case LINK_PMI:
          order = compare_doubles (ea->pmi, eb->pmi);
          break;
        case LINK_WEIGHT:
        case NODE_NAME:
        case NODE_TYPE:
        case NODE_STORIES:
        case NODE_DEGREE:
        case NODE_COMMUNITY:
        case NODE_PAGERANK:
        default:
          order = compare_doubles (ea->weight, eb->weight);
          break;
        }
    }
  /* Ties keep the graph's order, so that sorting is stable. */
  if (order == 0)
    order = ia - ib;
  return order < 0 ? GTK_ORDERING_SMALLER : order > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static gboolean
is_numeric (Column column)
{
  return column != NODE_NAME && column != NODE_TYPE && column != LINK_SOURCE &&
         column != LINK_TARGET;
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               ColumnData               *data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), is_numeric (data->column) ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (is_numeric (data->column))
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static char *
cell_text (DashGraphPage *self,
           Column         column,
           int            index)
{
  const DashGraph *graph = get_graph (self);

  if (column < LINK_SOURCE)
    {
      const DashGraphNode *node = graph_node (graph, index);

      switch (column)
        {
        case NODE_NAME:
          return g_strdup (node->name);
        case NODE_TYPE:
          return g_strdup (dash_entity_type_label (node->type));
        case NODE_STORIES:
          return g_strdup_printf ("%'u", node->articles);
        case NODE_DEGREE:
          return g_strdup_printf ("%'u", node->degree);
        case NODE_COMMUNITY:
          return g_strdup_printf ("%d", node->community + 1);
        case NODE_PAGERANK:
        case LINK_SOURCE:
        case LINK_TARGET:
        case LINK_WEIGHT:
        case LINK_PMI:
        default:
          return g_strdup_printf ("%.4f", node->pagerank);
        }
    }
  else
    {
      const DashGraphEdge *edge = &g_array_index (graph->edges, DashGraphEdge, index);

      switch (column)
        {
        case LINK_SOURCE:
          return g_strdup (graph_node (graph, edge->source)->name);
        case LINK_TARGET:
          return g_strdup (graph_node (graph, edge->target)->name);
        case LINK_PMI:
          return g_strdup_printf ("%.2f", edge->pmi);
        case LINK_WEIGHT:
        case NODE_NAME:
        case NODE_TYPE:
        case NODE_STORIES:
        case NODE_DEGREE:
        case NODE_COMMUNITY:
        case NODE_PAGERANK:
        default:
          return g_strdup_printf ("%'u", edge->weight);
        }
    }
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              ColumnData               *data)
{
  int index = row_index (data->page, gtk_list_item_get_item (item), data->column >= LINK_SOURCE);
  g_autofree char *text = index >= 0 ? cell_text (data->page, data->column, index) : NULL;

  /* Plain text: names come from the corpus. */
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text != NULL ? text : "");
}

static void
add_column (DashGraphPage *self,
            GtkColumnView *view,
            const char    *title,
            Column         column,
            gboolean       expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;
  g_autoptr(GtkSorter) sorter = NULL;
  ColumnData *data = g_new0 (ColumnData, 1);

  data->page = self;
  data->column = column;
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), data);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), data);
  /* The factory keeps the column's data. */
  g_object_set_data_full (G_OBJECT (factory), "column-data", data, g_free);

  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows, g_memdup2 (data, sizeof *data),
                                              g_free));
  view_column = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_sorter (view_column, sorter);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (view, view_column);
}

/* With an entity selected, the links table lists its links only. */
static gboolean
link_filter_cb (gpointer item,
                gpointer user_data)
{
  DashGraphPage *self = user_data;
  const DashGraph *graph = get_graph (self);
  int selected = self->graph_view != NULL ? dash_graph_view_get_selected (self->graph_view) : -1;
  int e = row_index (self, item, TRUE);
  const DashGraphEdge *edge;

  if (selected < 0 || e < 0)
    return TRUE;
  edge = &g_array_index (graph->edges, DashGraphEdge, e);
  return (int)edge->source == selected || (int)edge->target == selected;
}

static void
setup_tables (DashGraphPage *self)
{
  g_autoptr(GtkSortListModel) node_sorted = NULL;
  g_autoptr(GtkSortListModel) link_sorted = NULL;
  g_autoptr(GtkFilterListModel) link_filtered = NULL;
  GtkColumnViewColumn *column;

  self->node_rows = gtk_string_list_new (NULL);
  self->link_rows = gtk_string_list_new (NULL);

  add_column (self, self->nodes_view, _("Name"), NODE_NAME, TRUE);
  add_column (self, self->nodes_view, _("Type"), NODE_TYPE, FALSE);
  add_column (self, self->nodes_view, _("Stories"), NODE_STORIES, FALSE);
  add_column (self, self->nodes_view, _("Degree"), NODE_DEGREE, FALSE);
  add_column (self, self->nodes_view, _("Community"), NODE_COMMUNITY, FALSE);
  add_column (self, self->nodes_view, _("PageRank"), NODE_PAGERANK, FALSE);
  add_column (self, self->links_view, _("Source"), LINK_SOURCE, TRUE);
  add_column (self, self->links_view, _("Target"), LINK_TARGET, TRUE);
  add_column (self, self->links_view, _("Weight"), LINK_WEIGHT, FALSE);
  add_column (self, self->links_view, _("PMI"), LINK_PMI, FALSE);

  node_sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->node_rows)),
                                         g_object_ref (gtk_column_view_get_sorter (self->nodes_view)));
  self->node_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (node_sorted)));
  gtk_single_selection_set_autoselect (self->node_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->node_selection, TRUE);
  gtk_column_view_set_model (self->nodes_view, GTK_SELECTION_MODEL (self->node_selection));
  g_signal_connect_object (self->node_selection, "notify::selected",
                           G_CALLBACK (node_row_selected_cb), self, G_CONNECT_SWAPPED);

  self->link_filter = gtk_custom_filter_new (link_filter_cb, self, NULL);
  link_filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->link_rows)),
                                             GTK_FILTER (g_object_ref (self->link_filter)));
  link_sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (link_filtered)),
                                         g_object_ref (gtk_column_view_get_sorter (self->links_view)));
  self->link_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (link_sorted)));
  gtk_single_selection_set_autoselect (self->link_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->link_selection, TRUE);
  gtk_column_view_set_model (self->links_view, GTK_SELECTION_MODEL (self->link_selection));
  g_signal_connect_object (self->link_selection, "notify::selected",
                           G_CALLBACK (link_row_selected_cb), self, G_CONNECT_SWAPPED);

  /* Most central entities and heaviest links first. */
  column = g_list_model_get_item (gtk_column_view_get_columns (self->nodes_view), NODE_PAGERANK);
  gtk_column_view_sort_by_column (self->nodes_view, column, GTK_SORT_DESCENDING);
  g_object_unref (column);
  column = g_list_model_get_item (gtk_column_view_get_columns (self->links_view),
                                  LINK_WEIGHT - LINK_SOURCE);
  gtk_column_view_sort_by_column (self->links_view, column, GTK_SORT_DESCENDING);
  g_object_unref (column);
}

static void
dash_graph_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DashGraphPage *self = DASH_GRAPH_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dash_graph_page_dispose (GObject *object)
{
  DashGraphPage *self = (DashGraphPage *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->query_cancellable);
  g_cancellable_cancel (self->evidence_cancellable);
  if (self->nodes_view != NULL)
    gtk_column_view_set_model (self->nodes_view, NULL);
  if (self->links_view != NULL)
    gtk_column_view_set_model (self->links_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DASH_TYPE_GRAPH_PAGE);
  /* The template's root is not bound to a field: unparent it too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->node_selection);
  g_clear_object (&self->link_selection);
  g_clear_object (&self->link_filter);
  g_clear_object (&self->node_rows);
  g_clear_object (&self->link_rows);
  g_clear_object (&self->query_cancellable);
  g_clear_object (&self->evidence_cancellable);
  g_clear_object (&self->corpus);

  G_OBJECT_CLASS (dash_graph_page_parent_class)->dispose (object);
}

static void
dash_graph_page_finalize (GObject *object)
{
  DashGraphPage *self = (DashGraphPage *)object;

  g_clear_pointer (&self->filter, dash_filter_free);
  g_clear_pointer (&self->evidence_key, g_free);
  g_clear_pointer (&self->worker, worker_unref);

  G_OBJECT_CLASS (dash_graph_page_parent_class)->finalize (object);
}

static void
dash_graph_page_class_init (DashGraphPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = dash_graph_page_get_property;
  object_class->dispose = dash_graph_page_dispose;
  object_class->finalize = dash_graph_page_finalize;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ENTITY_ACTIVATED] =
    g_signal_new ("entity-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (DASH_TYPE_GRAPH_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Dashboard/dash-graph-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, flap);
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, graph_button);
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, table_button);
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, controls);
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, window_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, weight_spin);
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, size_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, color_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, graph_view);
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, nodes_view);
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, links_view);
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, links_heading);
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, none_page);
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, overview_box);
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, central_heading);
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, central_list);
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, node_box);
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, node_name_label);
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, node_info_label);
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, stories_button);
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, top_links_list);
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, evidence_box);
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, evidence_heading);
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, evidence_spinner);
  gtk_widget_class_bind_template_child (widget_class, DashGraphPage, evidence_list);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, query_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, color_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, reset_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, node_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, node_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, ego_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stories_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, top_link_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, central_activated_cb);
  gtk_widget_class_set_css_name (widget_class, "graphpage");
}

static void
dash_graph_page_init (DashGraphPage *self)
{
  self->worker = worker_new ();
  /* The template's signals fire while it is built: nothing to query yet. */
  gtk_widget_init_template (GTK_WIDGET (self));
  setup_tables (self);
  /* The flow box only lays the controls out: Tab goes to them, not to its children. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->controls));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->evidence_spinner), FALSE);
  show_central (self);
  show_selection (self);
}
