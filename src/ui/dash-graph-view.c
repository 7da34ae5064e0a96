/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-graph-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "dash-force-layout.h"
#include "dash-graph-view.h"
#include "dash-ui-util.h"

/* Layout steps get this much of each frame; the rest is for drawing. */
#define LAYOUT_BUDGET_US 6000
#define LAYOUT_SEED      1
/* How far a dragged node shakes its neighbours, in layout units a step. */
#define DRAG_HEAT        0.3
#define MIN_ZOOM         0.25
#define MAX_ZOOM         24.0
#define ZOOM_STEP        1.25
/* Pixels around a node that still count as on it. */
#define HIT_SLOP         3.0
/* Neighbours Tab goes through before it leaves the graph. */
#define TAB_NEIGHBOURS   8
/* Positions remembered across graphs, beyond which the oldest are forgotten. */
#define MAX_REMEMBERED   20000

typedef struct {
  gint64 id;
  double x, y;
} Place;

struct _DashGraphView
{
  GtkWidget        parent_instance;

  DashGraph       *graph;
  DashGraphChart  *chart;         /* positions, title and provenance: what is exported */
  DashForceLayout *layout;
  guint            tick_id;
  GHashTable      *places;        /* entity id → Place, where each entity was last */

  /* Neighbours of each node, heaviest link first: adjacency[start[i] .. start[i + 1]). */
  guint           *adjacency_start;
  guint           *adjacency;

  DashGraphColorBy color_by;
  char            *title;
  DashChartProvenance *provenance;

  /* The view: zoom and pan as in DashGraphChart; once the user zooms, pans or drags,
   * the fitted area stays put instead of following the layout. */
  double           zoom;
  double           pan_x;
  double           pan_y;
  gboolean         bounds_frozen;
  DashChartRect    bounds;

  /* The frame drawn last (or computed for a hit test), valid until something moves. */
  DashGraphFrame   frame;
  gboolean         frame_valid;

  int              hover;
  int              selected;
  int              cursor;        /* the node the keyboard is on */
  int              tab_anchor;    /* where Tab started going through neighbours */
  int              tab_index;
  char            *ego;

  /* Dragging: a node (pinned while it moves) or the background. */
  int              drag_node;
  gboolean         dragging;      /* past the threshold, until the button goes up */
  gboolean         dragged;       /* the same, until the next press */
  double           drag_pan_x;
  double           drag_pan_y;
  double           pointer_x;
  double           pointer_y;

  gint64           snapshot_time;
};

G_DEFINE_FINAL_TYPE (DashGraphView, dash_graph_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EGO,
  PROP_LAYOUT_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  NODE_SELECTED,
  NODE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
dash_graph_view_new (void)
{
  return g_object_new (DASH_TYPE_GRAPH_VIEW, NULL);
}

static DashGraphNode *
get_node (DashGraphView *self,
          guint          index)
{
  return g_ptr_array_index (self->graph->nodes, index);
}

static guint
n_nodes (DashGraphView *self)
{
  return self->graph != NULL ? self->graph->nodes->len : 0;
}

static gboolean
is_node (DashGraphView *self,
         int            index)
{
  return index >= 0 && (guint)index < n_nodes (self);
}

static void
invalidate_frame (DashGraphView *self)
{
  self->frame_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The chart as the widget draws it: no title nor provenance (the page names what it
 * shows), the view's zoom, pan and highlights. */
static void
prepare_chart (DashGraphView  *self,
               DashGraphChart *chart)
{
  *chart = *self->chart;
  chart->title = NULL;
  chart->provenance = NULL;
  chart->zoom = self->zoom;
  chart->pan_x = self->pan_x;
  chart->pan_y = self->pan_y;
  chart->bounds = self->bounds_frozen ? self->bounds : (DashChartRect) { 0 };
  chart->selected = self->selected;
  /* The neighbourhood brought out: under the pointer, else where the keyboard is, else
   * the selection's. */
  if (is_node (self, self->hover))
    chart->highlight = self->hover;
  else if (is_node (self, self->cursor) && gtk_widget_has_visible_focus (GTK_WIDGET (self)))
    chart->highlight = self->cursor;
  else
    chart->highlight = self->selected;
}

/* The chart's style from the theme: the widget's colour and font, the view's
 * background (also the halo behind labels), the dark palette when the style manager
 * says so. */
static void
get_style (DashGraphView  *self,
           DashChartStyle *style,
           GdkRGBA        *accent)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  PangoContext *pango = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *desc = pango_context_get_font_description (pango);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GdkRGBA color, background;
  double size = 0;

  /* GTK 4.8 has no gtk_widget_get_color (4.10): the style context is the way. */
  gtk_style_context_get_color (context, &color);
  if (!gtk_style_context_lookup_color (context, "view_bg_color", &background))
    background = dark ? (GdkRGBA) { 0.12, 0.12, 0.12, 1 } : (GdkRGBA) { 1, 1, 1, 1 };
  if (accent != NULL && !gtk_style_context_lookup_color (context, "accent_color", accent))
    *accent = color;

  dash_chart_style_init (style, dark);
  if (desc != NULL)
    {
      size = pango_font_description_get_size (desc) / (double)PANGO_SCALE;
      if (!pango_font_description_get_size_is_absolute (desc))
        {
          double dpi = pango_cairo_context_get_resolution (pango);

          size *= (dpi > 0 ? dpi : 96) / 72.0;
        }
      style->font_family = pango_font_description_get_family (desc);
    }
  style->font_size = size > 0 ? size : 12;
  style->foreground = (DashChartColor) { color.red, color.green, color.blue, color.alpha };
  style->background = (DashChartColor) { background.red, background.green, background.blue, 1 };
  style->show_footer = FALSE;
}

/* The frame as drawn, or as it would be drawn now. */
static gboolean
ensure_frame (DashGraphView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  DashGraphChart chart;
  DashChartStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;

  if (self->frame_valid)
    return TRUE;
  if (self->chart == NULL || width <= 0 || height <= 0)
    return FALSE;

  prepare_chart (self, &chart);
  get_style (self, &style, NULL);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  self->frame_valid = dash_graph_chart_get_frame (cr, width, height, &chart, &style,
                                                  &self->frame);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return self->frame_valid;
}

static void
node_point (DashGraphView *self,
            guint          index,
            double        *x,
            double        *y)
{
  *x = self->frame.ox + self->frame.scale * self->chart->positions[2 * index];
  *y = self->frame.oy + self->frame.scale * self->chart->positions[2 * index + 1];
}

gboolean
dash_graph_view_get_node_position (DashGraphView *self,
                                   guint          index,
                                   double        *x,
                                   double        *y,
                                   double        *radius)
{
  g_return_val_if_fail (DASH_IS_GRAPH_VIEW (self), FALSE);

  if (!is_node (self, index) || !ensure_frame (self))
    return FALSE;
  node_point (self, index, x, y);
  if (radius != NULL)
    *radius = dash_graph_frame_get_radius (&self->frame, self->chart, index);
  return TRUE;
}

int
dash_graph_view_node_at (DashGraphView *self,
                         double         x,
                         double         y)
{
  g_return_val_if_fail (DASH_IS_GRAPH_VIEW (self), -1);

  if (!ensure_frame (self))
    return -1;
  return dash_graph_chart_node_at (self->chart, &self->frame, x, y, HIT_SLOP);
}

/* The node's name, then after @separator its type, stories and links. */
static char *
describe_node (DashGraphView *self,
               guint          index,
               const char    *separator)
{
  DashGraphNode *node = get_node (self, index);
  g_autofree char *stories = g_strdup_printf (ngettext ("%'u story", "%'u stories",
                                                        node->articles), node->articles);
  g_autofree char *links = g_strdup_printf (ngettext ("%'u link", "%'u links", node->degree),
                                            node->degree);

  /* Translators: an entity's type, story and link counts: "Country · 3 stories · 2 links". */
  g_autofree char *details = g_strdup_printf (_("%s · %s · %s"),
                                              dash_entity_type_label (node->type), stories,
                                              links);

  return g_strconcat (node->name, separator, details, NULL);
}

char *
dash_graph_view_describe_node (DashGraphView *self,
                               guint          index)
{
  g_return_val_if_fail (DASH_IS_GRAPH_VIEW (self), NULL);
  g_return_val_if_fail (is_node (self, index), NULL);

  return describe_node (self, index, "\n");
}

/* The accessible description says how big the graph is, and where the keyboard is. */
static void
update_accessible (DashGraphView *self)
{
  g_autofree char *size = NULL;
  g_autofree char *description = NULL;
  guint n = n_nodes (self), m = self->graph != NULL ? self->graph->edges->len : 0;
  g_autofree char *entities = g_strdup_printf (ngettext ("%'u entity", "%'u entities", n), n);
  g_autofree char *links = g_strdup_printf (ngettext ("%'u link", "%'u links", m), m);

  /* Translators: the size of the entity graph, "50 entities, 120 links". */
  size = g_strdup_printf (_("%s, %s"), entities, links);
  if (is_node (self, self->selected))
    {
      g_autofree char *node = describe_node (self, self->selected, ", ");

      /* Translators: the graph's size, then the entity selected in it. */
      description = g_strdup_printf (_("%s. Selected: %s"), size, node);
    }
  else
    description = g_steal_pointer (&size);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* Where the entities are, to start the next graph from. */
static void
remember_places (DashGraphView *self)
{
  if (self->chart == NULL)
    return;
  if (g_hash_table_size (self->places) > MAX_REMEMBERED)
    g_hash_table_remove_all (self->places);
  for (guint i = 0; i < n_nodes (self); i++)
    {
      Place *place = g_new (Place, 1);

      place->id = get_node (self, i)->id;
      place->x = self->chart->positions[2 * i];
      place->y = self->chart->positions[2 * i + 1];
      g_hash_table_replace (self->places, &place->id, place);
    }
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  DashGraphView *self = DASH_GRAPH_VIEW (widget);
  gint64 start = g_get_monotonic_time ();
  gboolean running;

  do
    running = dash_force_layout_step (self->layout);
  while (running && g_get_monotonic_time () - start < LAYOUT_BUDGET_US);

  memcpy (self->chart->positions, dash_force_layout_get_positions (self->layout),
          sizeof (double) * 2 * n_nodes (self));
  invalidate_frame (self);
  if (running)
    return G_SOURCE_CONTINUE;

  self->tick_id = 0;
  remember_places (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYOUT_RUNNING]);
  return G_SOURCE_REMOVE;
}

static void
start_layout (DashGraphView *self)
{
  if (self->tick_id != 0 || self->layout == NULL || n_nodes (self) == 0)
    return;
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYOUT_RUNNING]);
}

static void
stop_layout (DashGraphView *self)
{
  if (self->tick_id == 0)
    return;
  gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYOUT_RUNNING]);
}

gboolean
dash_graph_view_get_layout_running (DashGraphView *self)
{
  g_return_val_if_fail (DASH_IS_GRAPH_VIEW (self), FALSE);
  return self->tick_id != 0;
}

const double *
dash_graph_view_get_positions (DashGraphView *self)
{
  g_return_val_if_fail (DASH_IS_GRAPH_VIEW (self), NULL);
  return self->chart != NULL ? self->chart->positions : NULL;
}

static void
reset_view (DashGraphView *self)
{
  self->zoom = 1;
  self->pan_x = 0;
  self->pan_y = 0;
  self->bounds_frozen = FALSE;
  invalidate_frame (self);
}

/* The user took the view in hand: the fitted area stops following the layout. */
static void
freeze_bounds (DashGraphView *self)
{
  if (self->bounds_frozen || self->chart == NULL)
    return;
  dash_graph_chart_get_extent (self->chart, &self->bounds);
  self->bounds_frozen = TRUE;
}

typedef struct {
  GArray *edges;      /* DashGraphEdge */
  guint  *edge_of;    /* the edge of each adjacency slot */
} SlotOrder;

static int
compare_slots (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  const SlotOrder *order = data;
  guint ea = order->edge_of[*(const guint *)a], eb = order->edge_of[*(const guint *)b];
  guint wa = g_array_index (order->edges, DashGraphEdge, ea).weight;
  guint wb = g_array_index (order->edges, DashGraphEdge, eb).weight;

  if (wa != wb)
    return wa > wb ? -1 : 1;
  return ea < eb ? -1 : ea > eb ? 1 : 0;
}

static void
build_adjacency (DashGraphView *self)
{
  guint n = n_nodes (self), m = self->graph != NULL ? self->graph->edges->len : 0;
  g_autofree guint *next = NULL;
  g_autofree guint *edge_of = NULL;
  g_autofree guint *slots = NULL;

  g_clear_pointer (&self->adjacency_start, g_free);
  g_clear_pointer (&self->adjacency, g_free);
  self->adjacency_start = g_new0 (guint, n + 1);
  self->adjacency = g_new (guint, MAX (2 * m, 1));
  edge_of = g_new (guint, MAX (2 * m, 1));
  for (guint e = 0; e < m; e++)
    {
      const DashGraphEdge *edge = &g_array_index (self->graph->edges, DashGraphEdge, e);

      self->adjacency_start[edge->source + 1]++;
      self->adjacency_start[edge->target + 1]++;
    }
  for (guint i = 0; i < n; i++)
    self->adjacency_start[i + 1] += self->adjacency_start[i];
  next = g_memdup2 (self->adjacency_start, sizeof (guint) * (n + 1));
  for (guint e = 0; e < m; e++)
    {
      const DashGraphEdge *edge = &g_array_index (self->graph->edges, DashGraphEdge, e);

      edge_of[next[edge->source]] = e;
      self->adjacency[next[edge->source]++] = edge->target;
      edge_of[next[edge->target]] = e;
      self->adjacency[next[edge->target]++] = edge->source;
    }

  /* Sort each node's slots by the weight of their edge. */
  slots = g_new (guint, MAX (2 * m, 1));
  for (guint k = 0; k < 2 * m; k++)
    slots[k] = k;
  for (guint i = 0; i < n; i++)
    {
      guint a = self->adjacency_start[i], b = self->adjacency_start[i + 1];
      SlotOrder order = { self->graph->edges, edge_of };
      g_autofree guint *sorted = NULL;

      if (b - a < 2)
        continue;
      g_qsort_with_data (slots + a, b - a, sizeof (guint), compare_slots, &order);
      sorted = g_new (guint, b - a);
      for (guint k = a; k < b; k++)
        sorted[k - a] = self->adjacency[slots[k]];
      memcpy (self->adjacency + a, sorted, sizeof (guint) * (b - a));
    }
}

/* Places for the nodes of a new graph: where each entity was last, and beside its
 * placed neighbours for the others. FALSE when no entity has a place (start afresh). */
static gboolean
initial_places (DashGraphView *self,
                double        *xy)
{
  guint n = n_nodes (self), known = 0;
  g_autofree guint8 *placed = g_new0 (guint8, MAX (n, 1));
  double min_x = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_y = -G_MAXDOUBLE;

  for (guint i = 0; i < n; i++)
    {
      gint64 id = get_node (self, i)->id;
      Place *place = g_hash_table_lookup (self->places, &id);

      if (place == NULL)
        continue;
      xy[2 * i] = place->x;
      xy[2 * i + 1] = place->y;
      placed[i] = TRUE;
      known++;
      min_x = MIN (min_x, place->x);
      max_x = MAX (max_x, place->x);
      min_y = MIN (min_y, place->y);
      max_y = MAX (max_y, place->y);
    }
  if (known == 0)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      double sx = 0, sy = 0, angle = i * 2.39996;
      guint count = 0;

      if (placed[i])
        continue;
      for (guint k = self->adjacency_start[i]; k < self->adjacency_start[i + 1]; k++)
        if (placed[self->adjacency[k]])
          {
            sx += xy[2 * self->adjacency[k]];
            sy += xy[2 * self->adjacency[k] + 1];
            count++;
          }
      if (count > 0)
        {
          /* Near its neighbours, a little apart from them. */
          xy[2 * i] = sx / count + 0.5 * cos (angle);
          xy[2 * i + 1] = sy / count + 0.5 * sin (angle);
        }
      else
        {
          /* Alone: around the others. */
          double rx = (max_x - min_x) / 2 + 1, ry = (max_y - min_y) / 2 + 1;

          xy[2 * i] = (min_x + max_x) / 2 + rx * 1.1 * cos (angle);
          xy[2 * i + 1] = (min_y + max_y) / 2 + ry * 1.1 * sin (angle);
        }
    }
  return TRUE;
}

static void
make_layout (DashGraphView *self,
             gboolean       keep_places)
{
  g_autofree double *xy = NULL;

  stop_layout (self);
  g_clear_pointer (&self->layout, dash_force_layout_free);
  if (self->graph == NULL)
    return;

  self->layout = dash_force_layout_new_for_graph (self->graph, LAYOUT_SEED);
  xy = g_new (double, 2 * (gsize)MAX (n_nodes (self), 1));
  if (keep_places && initial_places (self, xy))
    dash_force_layout_set_positions (self->layout, xy);
  memcpy (self->chart->positions, dash_force_layout_get_positions (self->layout),
          sizeof (double) * 2 * n_nodes (self));
  start_layout (self);
}

static void
set_cursor (DashGraphView *self,
            int            index)
{
  self->cursor = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
dash_graph_view_set_graph (DashGraphView *self,
                           DashGraph     *graph)
{
  gint64 selected_id = 0, cursor_id = 0;
  gboolean had_selection;

  g_return_if_fail (DASH_IS_GRAPH_VIEW (self));

  had_selection = is_node (self, self->selected);
  if (had_selection)
    selected_id = get_node (self, self->selected)->id;
  if (is_node (self, self->cursor))
    cursor_id = get_node (self, self->cursor)->id;
  remember_places (self);

  stop_layout (self);
  g_clear_pointer (&self->layout, dash_force_layout_free);
  g_clear_pointer (&self->chart, dash_graph_chart_free);
  g_clear_pointer (&self->graph, dash_graph_free);
  self->graph = graph;
  self->hover = -1;
  self->selected = -1;
  self->cursor = -1;
  self->tab_anchor = -1;
  self->drag_node = -1;
  self->dragging = FALSE;
  build_adjacency (self);

  if (graph != NULL)
    {
      g_autofree double *zeros = g_new0 (double, 2 * (gsize)MAX (graph->nodes->len, 1));

      self->chart = dash_graph_chart_new (self->title, graph, zeros);
      self->chart->color_by = self->color_by;
      dash_graph_chart_set_provenance (self->chart, self->provenance);
      for (guint i = 0; i < graph->nodes->len; i++)
        {
          if (had_selection && get_node (self, i)->id == selected_id)
            self->selected = i;
          if (cursor_id != 0 && get_node (self, i)->id == cursor_id)
            self->cursor = i;
        }
    }

  reset_view (self);
  make_layout (self, TRUE);
  update_accessible (self);
  if (had_selection && self->selected < 0)
    g_signal_emit (self, signals[NODE_SELECTED], 0, NULL);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

const DashGraph *
dash_graph_view_get_graph (DashGraphView *self)
{
  g_return_val_if_fail (DASH_IS_GRAPH_VIEW (self), NULL);
  return self->graph;
}

const DashGraphChart *
dash_graph_view_get_chart (DashGraphView *self)
{
  g_return_val_if_fail (DASH_IS_GRAPH_VIEW (self), NULL);
  return self->chart;
}

void
dash_graph_view_set_title (DashGraphView             *self,
                           const char                *title,
                           const DashChartProvenance *provenance)
{
  g_return_if_fail (DASH_IS_GRAPH_VIEW (self));

  g_free (self->title);
  self->title = g_strdup (title);
  g_clear_pointer (&self->provenance, dash_chart_provenance_free);
  if (provenance != NULL)
    self->provenance = dash_chart_provenance_copy (provenance);
  if (self->chart != NULL)
    {
      g_free (self->chart->title);
      self->chart->title = g_strdup (title);
      dash_graph_chart_set_provenance (self->chart, provenance);
    }
}

void
dash_graph_view_set_color_by (DashGraphView    *self,
                              DashGraphColorBy  color_by)
{
  g_return_if_fail (DASH_IS_GRAPH_VIEW (self));

  if (self->color_by == color_by)
    return;
  self->color_by = color_by;
  if (self->chart != NULL)
    self->chart->color_by = color_by;
  /* The legend changes, and with it the room for the plot. */
  invalidate_frame (self);
}

DashGraphColorBy
dash_graph_view_get_color_by (DashGraphView *self)
{
  g_return_val_if_fail (DASH_IS_GRAPH_VIEW (self), DASH_GRAPH_COLOR_COMMUNITY);
  return self->color_by;
}

void
dash_graph_view_reset_layout (DashGraphView *self)
{
  g_return_if_fail (DASH_IS_GRAPH_VIEW (self));

  self->drag_node = -1;
  self->dragging = FALSE;
  reset_view (self);
  make_layout (self, FALSE);
}

int
dash_graph_view_get_selected (DashGraphView *self)
{
  g_return_val_if_fail (DASH_IS_GRAPH_VIEW (self), -1);
  return self->selected;
}

void
dash_graph_view_set_selected (DashGraphView *self,
                              int            index)
{
  g_return_if_fail (DASH_IS_GRAPH_VIEW (self));

  if (!is_node (self, index))
    index = -1;
  if (self->selected == index)
    return;
  self->selected = index;
  if (index >= 0)
    self->cursor = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_accessible (self);
  g_signal_emit (self, signals[NODE_SELECTED], 0, index >= 0 ? get_node (self, index)->name : NULL);
}

int
dash_graph_view_find_node (DashGraphView *self,
                           const char    *name)
{
  g_autofree char *needle = NULL;

  g_return_val_if_fail (DASH_IS_GRAPH_VIEW (self), -1);

  if (name == NULL)
    return -1;
  needle = g_utf8_casefold (name, -1);
  for (guint i = 0; i < n_nodes (self); i++)
    {
      g_autofree char *folded = g_utf8_casefold (get_node (self, i)->name, -1);

      if (g_str_equal (folded, needle))
        return i;
    }
  return -1;
}

void
dash_graph_view_show_node (DashGraphView *self,
                           guint          index)
{
  double x, y, r;
  const DashGraphFrame *f = &self->frame;

  g_return_if_fail (DASH_IS_GRAPH_VIEW (self));

  if (!dash_graph_view_get_node_position (self, index, &x, &y, &r))
    return;
  if (x - r >= f->plot.x && x + r <= f->plot.x + f->plot.width &&
      y - r >= f->plot.y && y + r <= f->plot.y + f->plot.height)
    return;
  freeze_bounds (self);
  self->pan_x += f->plot.x + f->plot.width / 2 - x;
  self->pan_y += f->plot.y + f->plot.height / 2 - y;
  invalidate_frame (self);
}

const char *
dash_graph_view_get_ego (DashGraphView *self)
{
  g_return_val_if_fail (DASH_IS_GRAPH_VIEW (self), NULL);
  return self->ego;
}

void
dash_graph_view_set_ego (DashGraphView *self,
                         const char    *name)
{
  g_return_if_fail (DASH_IS_GRAPH_VIEW (self));

  if (g_strcmp0 (self->ego, name) == 0)
    return;
  g_free (self->ego);
  self->ego = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EGO]);
}

double
dash_graph_view_get_zoom (DashGraphView *self)
{
  g_return_val_if_fail (DASH_IS_GRAPH_VIEW (self), 1);
  return self->zoom;
}

void
dash_graph_view_zoom_at (DashGraphView *self,
                         double         factor,
                         double         x,
                         double         y)
{
  const DashGraphFrame *f = &self->frame;
  double zoom, k, cx, cy, base_x, base_y;

  g_return_if_fail (DASH_IS_GRAPH_VIEW (self));

  if (!ensure_frame (self) || !(factor > 0))
    return;
  zoom = CLAMP (self->zoom * factor, MIN_ZOOM, MAX_ZOOM);
  k = zoom / self->zoom;
  if (k == 1)
    return;

  /* Keep the point under (x, y) where it is: with c the plot's centre and
   * A = ox - pan the unpanned origin, the new origin is c (1 - k) + k A. */
  freeze_bounds (self);
  cx = f->plot.x + f->plot.width / 2;
  cy = f->plot.y + f->plot.height / 2;
  base_x = cx * (1 - k) + k * (f->ox - self->pan_x);
  base_y = cy * (1 - k) + k * (f->oy - self->pan_y);
  self->pan_x = x - k * (x - f->ox) - base_x;
  self->pan_y = y - k * (y - f->oy) - base_y;
  self->zoom = zoom;
  invalidate_frame (self);
}

gint64
dash_graph_view_get_snapshot_time (DashGraphView *self)
{
  g_return_val_if_fail (DASH_IS_GRAPH_VIEW (self), 0);
  return self->snapshot_time;
}

/* Drawing. */

static void
dash_graph_view_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  DashGraphView *self = DASH_GRAPH_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  cairo_surface_t *surface;
  DashGraphChart chart;
  DashChartStyle style;
  GdkRGBA accent;
  cairo_t *cr;
  int scale;

  if (width <= 0 || height <= 0)
    return;

  if (self->chart == NULL)
    {
      /* Text of our own, so that it is translated. */
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, _("No entities"));
      GdkRGBA color;
      int w, h;

      gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
      color.alpha *= 0.55;
      pango_layout_get_pixel_size (layout, &w, &h);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((width - w) / 2.0,
                                                              (height - h) / 2.0));
      gtk_snapshot_append_layout (snapshot, layout, &color);
      gtk_snapshot_restore (snapshot);
      return;
    }

  /* Drawn into an image handed over as a texture: the renderer only uploads it, rather
   * than replaying thousands of cairo operations. */
  scale = gtk_widget_get_scale_factor (widget);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);

  prepare_chart (self, &chart);
  chart.raster_scale = scale;
  get_style (self, &style, &accent);
  dash_graph_chart_draw (cr, width, height, &chart, &style);
  self->frame_valid = dash_graph_chart_get_frame (cr, width, height, &chart, &style,
                                                  &self->frame);

  /* The keyboard's node: a ring in the accent colour, and what it is in a corner (GTK
   * has no keyboard tooltips). */
  if (self->frame_valid && is_node (self, self->cursor) && gtk_widget_has_visible_focus (widget))
    {
      double x, y, r = dash_graph_frame_get_radius (&self->frame, self->chart, self->cursor);
      g_autofree char *text = describe_node (self, self->cursor, " · ");
      g_autoptr(PangoLayout) layout = NULL;
      double dashes[] = { 4, 3 };
      int w, h;

      node_point (self, self->cursor, &x, &y);
      cairo_new_path (cr);
      cairo_arc (cr, x, y, r + 6, 0, 2 * G_PI);
      gdk_cairo_set_source_rgba (cr, &accent);
      cairo_set_line_width (cr, 2);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);

      layout = gtk_widget_create_pango_layout (widget, text);
      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_rectangle (cr, width - w - 18, height - h - 14, w + 12, h + 8);
      cairo_set_source_rgba (cr, style.background.red, style.background.green,
                             style.background.blue, 0.9);
      cairo_fill (cr);
      cairo_move_to (cr, width - w - 12, height - h - 10);
      cairo_set_source_rgba (cr, style.foreground.red, style.foreground.green,
                             style.foreground.blue, style.foreground.alpha);
      pango_cairo_show_layout (cr, layout);
    }
  cairo_destroy (cr);

  /* Cairo's ARGB32 is GDK's default memory format; the bytes keep the surface. */
  cairo_surface_flush (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize)cairo_image_surface_get_stride (surface) *
                                      height * scale,
                                      (GDestroyNotify)cairo_surface_destroy, surface);
  texture = gdk_memory_texture_new (width * scale, height * scale, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  gtk_snapshot_append_texture (snapshot, texture, &GRAPHENE_RECT_INIT (0, 0, width, height));
  self->snapshot_time = g_get_monotonic_time () - start;
}

static void
dash_graph_view_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 640;
    }
  else
    {
      *minimum = 200;
      *natural = 480;
    }
}

static void
dash_graph_view_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  invalidate_frame (DASH_GRAPH_VIEW (widget));
}

static void
style_changed_cb (DashGraphView *self)
{
  invalidate_frame (self);
}

static gboolean
dash_graph_view_query_tooltip (GtkWidget  *widget,
                               int         x,
                               int         y,
                               gboolean    keyboard_mode,
                               GtkTooltip *tooltip)
{
  DashGraphView *self = DASH_GRAPH_VIEW (widget);
  int index = keyboard_mode ? self->cursor : dash_graph_view_node_at (self, x, y);
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  char *details;
  double nx, ny, r;

  if (!is_node (self, index) || self->dragged ||
      !dash_graph_view_get_node_position (self, index, &nx, &ny, &r))
    return FALSE;

  /* The name in bold; names come from the stories, so they are escaped. */
  text = describe_node (self, index, "\n");
  details = strchr (text, '\n');
  *details++ = '\0';
  markup = g_markup_printf_escaped ("<b>%s</b>\n%s", text, details);
  gtk_tooltip_set_markup (tooltip, markup);
  /* Moving onto another node asks again. */
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { floor (nx - r), floor (ny - r),
                                                       ceil (2 * r) + 1, ceil (2 * r) + 1 });
  return TRUE;
}

/* Pointer. */

static void
set_hover (DashGraphView *self,
           int            hover)
{
  if (self->hover == hover)
    return;
  self->hover = hover;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (DashGraphView            *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *motion)
{
  self->pointer_x = x;
  self->pointer_y = y;
  if (!self->dragging)
    set_hover (self, dash_graph_view_node_at (self, x, y));
}

static void
leave_cb (DashGraphView            *self,
          GtkEventControllerMotion *motion)
{
  if (!self->dragging)
    set_hover (self, -1);
}

static void
pressed_cb (DashGraphView   *self,
            int              n_press,
            double           x,
            double           y,
            GtkGestureClick *click)
{
  int index;
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (click));

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (button == 8)
    {
      /* The mouse's Back button leaves the ego network. */
      dash_graph_view_set_ego (self, NULL);
      return;
    }
  if (button != GDK_BUTTON_PRIMARY)
    return;
  index = dash_graph_view_node_at (self, x, y);
  if (n_press == 2 && index >= 0)
    {
      dash_graph_view_set_selected (self, index);
      dash_graph_view_set_ego (self, get_node (self, index)->name);
    }
}

static void
released_cb (DashGraphView   *self,
             int              n_press,
             double           x,
             double           y,
             GtkGestureClick *click)
{
  /* A drag ends in a release too: it does not select. */
  if (n_press != 1 || self->dragged ||
      gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (click)) != GDK_BUTTON_PRIMARY)
    return;
  dash_graph_view_set_selected (self, dash_graph_view_node_at (self, x, y));
}

static void
drag_begin_cb (DashGraphView  *self,
               double          x,
               double          y,
               GtkGestureDrag *drag)
{
  self->drag_node = dash_graph_view_node_at (self, x, y);
  self->dragging = FALSE;
  self->dragged = FALSE;
  self->drag_pan_x = self->pan_x;
  self->drag_pan_y = self->pan_y;
}

static void
drag_update_cb (DashGraphView  *self,
                double          dx,
                double          dy,
                GtkGestureDrag *drag)
{
  double sx, sy;

  if (self->chart == NULL)
    return;
  if (!self->dragging)
    {
      if (!gtk_drag_check_threshold (GTK_WIDGET (self), 0, 0, dx, dy))
        return;
      self->dragging = TRUE;
      self->dragged = TRUE;
      freeze_bounds (self);
      gtk_gesture_set_state (GTK_GESTURE (drag), GTK_EVENT_SEQUENCE_CLAIMED);
      gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
    }

  if (self->drag_node < 0 || !is_node (self, self->drag_node) || self->layout == NULL)
    {
      self->pan_x = self->drag_pan_x + dx;
      self->pan_y = self->drag_pan_y + dy;
      invalidate_frame (self);
      return;
    }

  /* The node follows the pointer, pinned, and its neighbours follow it. */
  if (!ensure_frame (self) || !(self->frame.scale > 0))
    return;
  gtk_gesture_drag_get_start_point (drag, &sx, &sy);
  {
    double lx = (sx + dx - self->frame.ox) / self->frame.scale;
    double ly = (sy + dy - self->frame.oy) / self->frame.scale;

    dash_force_layout_pin (self->layout, self->drag_node, lx, ly);
    self->chart->positions[2 * self->drag_node] = lx;
    self->chart->positions[2 * self->drag_node + 1] = ly;
  }
  dash_force_layout_reheat (self->layout, DRAG_HEAT);
  self->hover = self->drag_node;
  start_layout (self);
  invalidate_frame (self);
}

static void
drag_end_cb (DashGraphView  *self,
             double          dx,
             double          dy,
             GtkGestureDrag *drag)
{
  if (self->dragging && is_node (self, self->drag_node) && self->layout != NULL)
    {
      /* Released: the layout settles around where it was left. */
      dash_force_layout_unpin (self->layout, self->drag_node);
      dash_force_layout_reheat (self->layout, DRAG_HEAT / 3);
      start_layout (self);
    }
  self->drag_node = -1;
  self->dragging = FALSE;
}

static gboolean
scroll_cb (DashGraphView            *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *scroll)
{
  if (dy == 0)
    return FALSE;
  dash_graph_view_zoom_at (self, pow (ZOOM_STEP, -dy), self->pointer_x, self->pointer_y);
  return TRUE;
}

/* Keyboard. */

/* The node to start from when the keyboard comes in. */
static int
default_cursor (DashGraphView *self)
{
  int best = -1;

  if (is_node (self, self->cursor))
    return self->cursor;
  if (is_node (self, self->selected))
    return self->selected;
  for (guint i = 0; i < n_nodes (self); i++)
    if (best < 0 || get_node (self, i)->pagerank > get_node (self, best)->pagerank)
      best = i;
  return best;
}

static void
move_cursor_to (DashGraphView *self,
                int            index)
{
  set_cursor (self, index);
  dash_graph_view_set_selected (self, index);
  dash_graph_view_show_node (self, index);
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

/* The arrow keys follow the link that points most nearly their way. */
static gboolean
move_cb (GtkWidget *widget,
         GVariant  *args,
         gpointer   user_data)
{
  DashGraphView *self = DASH_GRAPH_VIEW (widget);
  GtkDirectionType direction = g_variant_get_int32 (args);
  double ux = 0, uy = 0, cx, cy, best = G_MAXDOUBLE;
  int from, found = -1;

  if (n_nodes (self) == 0 || !ensure_frame (self))
    return FALSE;
  self->tab_anchor = -1;
  if (!is_node (self, self->cursor))
    {
      move_cursor_to (self, default_cursor (self));
      return TRUE;
    }

  switch (direction)
    {
    case GTK_DIR_LEFT:
      ux = -1;
      break;
    case GTK_DIR_RIGHT:
      ux = 1;
      break;
    case GTK_DIR_UP:
      uy = -1;
      break;
    case GTK_DIR_DOWN:
    case GTK_DIR_TAB_FORWARD:
    case GTK_DIR_TAB_BACKWARD:
    default:
      uy = 1;
      break;
    }
  /* Screen left and right swap in right-to-left locales. */
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    ux = -ux;

  from = self->cursor;
  node_point (self, from, &cx, &cy);
  for (guint k = self->adjacency_start[from]; k < self->adjacency_start[from + 1]; k++)
    {
      guint j = self->adjacency[k];
      double x, y, d, cosine, score;

      node_point (self, j, &x, &y);
      d = hypot (x - cx, y - cy);
      if (d < 1e-6)
        continue;
      cosine = ((x - cx) * ux + (y - cy) * uy) / d;
      if (cosine <= 0.2)
        continue;
      /* Straight ahead and near beats far or aside. */
      score = d / (cosine * cosine);
      if (score < best)
        {
          best = score;
          found = j;
        }
    }
  if (found < 0)
    {
      gtk_widget_error_bell (widget);
      return TRUE;
    }
  move_cursor_to (self, found);
  return TRUE;
}

static gboolean
activate_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  DashGraphView *self = DASH_GRAPH_VIEW (widget);

  if (!is_node (self, self->cursor))
    {
      if (n_nodes (self) == 0)
        return FALSE;
      move_cursor_to (self, default_cursor (self));
    }
  dash_graph_view_set_selected (self, self->cursor);
  g_signal_emit (self, signals[NODE_ACTIVATED], 0, get_node (self, self->cursor)->name);
  return TRUE;
}

static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  DashGraphView *self = DASH_GRAPH_VIEW (widget);

  if (self->ego != NULL)
    dash_graph_view_set_ego (self, NULL);
  else if (self->selected >= 0)
    dash_graph_view_set_selected (self, -1);
  else
    return FALSE;
  return TRUE;
}

static gboolean
zoom_cb (GtkWidget *widget,
         GVariant  *args,
         gpointer   user_data)
{
  DashGraphView *self = DASH_GRAPH_VIEW (widget);
  int step = g_variant_get_int32 (args);
  double x = gtk_widget_get_width (widget) / 2.0, y = gtk_widget_get_height (widget) / 2.0;

  if (self->chart == NULL)
    return FALSE;
  if (step == 0)
    {
      reset_view (self);
      return TRUE;
    }
  /* Zoom around the keyboard's node when there is one. */
  if (is_node (self, self->cursor) && ensure_frame (self))
    node_point (self, self->cursor, &x, &y);
  dash_graph_view_zoom_at (self, step > 0 ? ZOOM_STEP : 1 / ZOOM_STEP, x, y);
  return TRUE;
}

/* Tab goes through the neighbours of the node where it started, heaviest link first (the
 * TAB_NEIGHBOURS strongest, so that it is never far to the next control), then leaves
 * the graph. */
static gboolean
dash_graph_view_focus (GtkWidget        *widget,
                       GtkDirectionType  direction)
{
  DashGraphView *self = DASH_GRAPH_VIEW (widget);
  guint first, count;

  if (n_nodes (self) == 0)
    return FALSE;
  if (!gtk_widget_is_focus (widget))
    {
      gtk_widget_grab_focus (widget);
      return TRUE;
    }
  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    return FALSE;

  if (!is_node (self, self->tab_anchor))
    {
      self->tab_anchor = default_cursor (self);
      self->tab_index = -1;
    }
  first = self->adjacency_start[self->tab_anchor];
  count = MIN (self->adjacency_start[self->tab_anchor + 1] - first, TAB_NEIGHBOURS);
  self->tab_index += direction == GTK_DIR_TAB_FORWARD ? 1 : -1;
  if (self->tab_index < -1 || self->tab_index >= (int)count)
    {
      self->tab_anchor = -1;
      return FALSE;
    }
  {
    int anchor = self->tab_anchor, index = self->tab_index;

    move_cursor_to (self, index < 0 ? anchor : (int)self->adjacency[first + index]);
    /* Moving the cursor resets the anchor: Tab goes on from where it started. */
    self->tab_anchor = anchor;
    self->tab_index = index;
  }
  return TRUE;
}

static void
focus_enter_cb (DashGraphView           *self,
                GtkEventControllerFocus *focus)
{
  if (!is_node (self, self->cursor))
    set_cursor (self, default_cursor (self));
  self->tab_anchor = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
focus_leave_cb (DashGraphView           *self,
                GtkEventControllerFocus *focus)
{
  self->tab_anchor = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
dash_graph_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DashGraphView *self = DASH_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_EGO:
      g_value_set_string (value, self->ego);
      break;
    case PROP_LAYOUT_RUNNING:
      g_value_set_boolean (value, self->tick_id != 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dash_graph_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DashGraphView *self = DASH_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_EGO:
      dash_graph_view_set_ego (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dash_graph_view_dispose (GObject *object)
{
  DashGraphView *self = (DashGraphView *)object;

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_clear_pointer (&self->layout, dash_force_layout_free);
  g_clear_pointer (&self->chart, dash_graph_chart_free);
  g_clear_pointer (&self->graph, dash_graph_free);

  G_OBJECT_CLASS (dash_graph_view_parent_class)->dispose (object);
}

static void
dash_graph_view_finalize (GObject *object)
{
  DashGraphView *self = (DashGraphView *)object;

  g_clear_pointer (&self->places, g_hash_table_unref);
  g_clear_pointer (&self->adjacency_start, g_free);
  g_clear_pointer (&self->adjacency, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->provenance, dash_chart_provenance_free);
  g_clear_pointer (&self->ego, g_free);

  G_OBJECT_CLASS (dash_graph_view_parent_class)->finalize (object);
}

static void
add_move_binding (GtkWidgetClass   *widget_class,
                  guint             key,
                  guint             keypad_key,
                  GtkDirectionType  direction)
{
  gtk_widget_class_add_binding (widget_class, key, 0, move_cb, "i", direction);
  gtk_widget_class_add_binding (widget_class, keypad_key, 0, move_cb, "i", direction);
}

static void
dash_graph_view_class_init (DashGraphViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = dash_graph_view_get_property;
  object_class->set_property = dash_graph_view_set_property;
  object_class->dispose = dash_graph_view_dispose;
  object_class->finalize = dash_graph_view_finalize;

  widget_class->measure = dash_graph_view_measure;
  widget_class->size_allocate = dash_graph_view_size_allocate;
  widget_class->snapshot = dash_graph_view_snapshot;
  widget_class->query_tooltip = dash_graph_view_query_tooltip;
  widget_class->focus = dash_graph_view_focus;

  properties[PROP_EGO] =
    g_param_spec_string ("ego", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAYOUT_RUNNING] =
    g_param_spec_boolean ("layout-running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The name of the node selected, NULL when the selection goes. */
  signals[NODE_SELECTED] =
    g_signal_new ("node-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[NODE_ACTIVATED] =
    g_signal_new ("node-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  add_move_binding (widget_class, GDK_KEY_Left, GDK_KEY_KP_Left, GTK_DIR_LEFT);
  add_move_binding (widget_class, GDK_KEY_Right, GDK_KEY_KP_Right, GTK_DIR_RIGHT);
  add_move_binding (widget_class, GDK_KEY_Up, GDK_KEY_KP_Up, GTK_DIR_UP);
  add_move_binding (widget_class, GDK_KEY_Down, GDK_KEY_KP_Down, GTK_DIR_DOWN);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, 0, activate_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, 0, activate_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_ISO_Enter, 0, activate_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_space, 0, activate_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_plus, 0, zoom_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_equal, 0, zoom_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Add, 0, zoom_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_minus, 0, zoom_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Subtract, 0, zoom_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_0, 0, zoom_cb, "i", 0);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_0, 0, zoom_cb, "i", 0);

  gtk_widget_class_set_css_name (widget_class, "entitygraph");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dash_graph_view_init (DashGraphView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  self->places = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  self->adjacency_start = g_new0 (guint, 1);
  self->adjacency = g_new0 (guint, 1);
  self->color_by = DASH_GRAPH_COLOR_COMMUNITY;
  self->zoom = 1;
  self->hover = -1;
  self->selected = -1;
  self->cursor = -1;
  self->tab_anchor = -1;
  self->drag_node = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (pressed_cb), self);
  g_signal_connect_swapped (gesture, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (focus_enter_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect_object (style_manager, "notify::dark", G_CALLBACK (style_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (style_manager, "notify::high-contrast",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Entity graph"),
                                  -1);
  update_accessible (self);
}
