/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-graph-chart"

#include "config.h"

#include <glib/gi18n.h>

#include <math.h>

#include "dash-graph-chart.h"
#include "dash-chart-private.h"

#define MAX_LEGEND_COMMUNITIES 6
/* Edges are drawn in this many classes of width and shade, one path each. */
#define N_EDGE_CLASSES 8
/* Labels tried at most, beyond the ones singled out: text shaping is what costs. */
#define MAX_LABEL_TRIES 400
#define GRID_CELL 48.0
/* Past these, edges and nodes are drawn into an image on raster targets (see Canvas). */
#define RASTER_EDGES_ABOVE 1000
#define RASTER_NODES_ABOVE 300

DashGraphChart *
dash_graph_chart_new (const char      *title,
                      const DashGraph *graph,
                      const double    *positions)
{
  DashGraphChart *chart;

  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (positions != NULL || graph->nodes->len == 0, NULL);

  chart = g_new0 (DashGraphChart, 1);
  chart->title = g_strdup (title);
  chart->graph = graph;
  chart->positions = g_memdup2 (positions, sizeof (double) * 2 * graph->nodes->len);
  chart->zoom = 1;
  chart->highlight = -1;
  chart->selected = -1;
  return chart;
}

void
dash_graph_chart_free (DashGraphChart *chart)
{
  if (chart == NULL)
    return;
  g_free (chart->title);
  g_free (chart->positions);
  dash_chart_provenance_free (chart->provenance);
  g_free (chart);
}

void
dash_graph_chart_set_provenance (DashGraphChart            *chart,
                                 const DashChartProvenance *provenance)
{
  g_return_if_fail (chart != NULL);

  g_clear_pointer (&chart->provenance, dash_chart_provenance_free);
  if (provenance != NULL)
    chart->provenance = dash_chart_provenance_copy (provenance);
}

/* Communities ranked by size, largest first, so the largest get the clearest colours. */
static guint *
community_ranks (const DashGraph *graph,
                 guint           *n_ranked)
{
  guint n = 0;
  g_autofree guint *sizes = NULL;
  g_autofree guint *order = NULL;
  guint *rank;

  for (guint i = 0; i < graph->nodes->len; i++)
    {
      DashGraphNode *node = g_ptr_array_index (graph->nodes, i);
      n = MAX (n, (guint)MAX (node->community, 0) + 1);
    }
  sizes = g_new0 (guint, n + 1);
  order = g_new (guint, n + 1);
  rank = g_new0 (guint, n + 1);
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      DashGraphNode *node = g_ptr_array_index (graph->nodes, i);
      sizes[MAX (node->community, 0)]++;
    }
  for (guint i = 0; i < n; i++)
    order[i] = i;
  /* Insertion sort: few communities; ties keep the community order. */
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && sizes[order[j]] > sizes[order[j - 1]]; j--)
      {
        guint t = order[j];
        order[j] = order[j - 1];
        order[j - 1] = t;
      }
  for (guint i = 0; i < n; i++)
    rank[order[i]] = i;
  *n_ranked = n;
  return rank;
}

static DashChartColor
node_color (const DashGraphChart *chart,
            const DashChartStyle *style,
            const guint          *ranks,
            guint                 index)
{
  DashGraphNode *node = g_ptr_array_index (chart->graph->nodes, index);

  if (chart->color_by == DASH_GRAPH_COLOR_TYPE)
    return dash_chart_style_get_color (style, node->type);
  return dash_chart_style_get_color (style, ranks[MAX (node->community, 0)]);
}

DashChartColor
dash_graph_chart_get_node_color (const DashGraphChart *chart,
                                 const DashChartStyle *style,
                                 guint                 index)
{
  g_autofree guint *ranks = NULL;
  guint n;

  g_return_val_if_fail (chart != NULL && index < chart->graph->nodes->len,
                        style->foreground);

  ranks = community_ranks (chart->graph, &n);
  return node_color (chart, style, ranks, index);
}

typedef struct {
  DashGraphFrame frame;
  double         size;
  double         min_x, min_y;  /* the extent fitted to the plot */
  double         max_x, max_y;
  guint          max_weight;
  double         width, height; /* of the whole chart */
  guint         *ranks;
  guint          n_ranked;
  GArray        *legend;        /* DashChartLegendItem */
  double         legend_y;
} Geometry;

static void
legend_item_clear (gpointer data)
{
  DashChartLegendItem *item = data;

  g_free (item->label);
}

static void
geometry_clear (Geometry *g)
{
  g_clear_pointer (&g->ranks, g_free);
  g_clear_pointer (&g->legend, g_array_unref);
}

static const char *
type_label (DashEntityType type)
{
  switch (type)
    {
    case DASH_ENTITY_PERSON:
      return _("People");
    case DASH_ENTITY_ORG:
      return _("Organisations");
    case DASH_ENTITY_COUNTRY:
      return _("Countries");
    case DASH_ENTITY_PLACE:
    default:
      return _("Places");
    }
}

static void
build_legend (Geometry             *g,
              const DashGraphChart *chart,
              const DashChartStyle *style)
{
  const DashGraph *graph = chart->graph;

  g->legend = g_array_new (FALSE, TRUE, sizeof (DashChartLegendItem));
  g_array_set_clear_func (g->legend, legend_item_clear);

  if (chart->color_by == DASH_GRAPH_COLOR_TYPE)
    {
      for (guint t = 0; t < DASH_N_ENTITY_TYPES; t++)
        {
          DashChartLegendItem item = { g_strdup (type_label (t)),
                                       dash_chart_style_get_color (style, t), TRUE };
          gboolean used = FALSE;

          for (guint i = 0; i < graph->nodes->len && !used; i++)
            used = ((DashGraphNode *)g_ptr_array_index (graph->nodes, i))->type == t;
          if (used)
            g_array_append_val (g->legend, item);
          else
            g_free (item.label);
        }
      return;
    }

  /* A community is named after its two most central members. */
  for (guint r = 0; r < MIN (g->n_ranked, MAX_LEGEND_COMMUNITIES); r++)
    {
      DashGraphNode *best = NULL, *second = NULL;
      guint members = 0;
      DashChartLegendItem item = { NULL, dash_chart_style_get_color (style, r), TRUE };

      for (guint i = 0; i < graph->nodes->len; i++)
        {
          DashGraphNode *node = g_ptr_array_index (graph->nodes, i);

          if (g->ranks[MAX (node->community, 0)] != r)
            continue;
          members++;
          if (best == NULL || node->pagerank > best->pagerank)
            {
              second = best;
              best = node;
            }
          else if (second == NULL || node->pagerank > second->pagerank)
            second = node;
        }
      if (best == NULL)
        continue;
      if (members > 2)
        item.label = g_strdup_printf ("%s, %s +%u", best->name, second->name, members - 2);
      else if (second != NULL)
        item.label = g_strdup_printf ("%s, %s", best->name, second->name);
      else
        item.label = g_strdup (best->name);
      g_array_append_val (g->legend, item);
    }
  if (g->n_ranked > MAX_LEGEND_COMMUNITIES)
    {
      DashChartLegendItem item = {
        g_strdup_printf (ngettext ("%u smaller group", "%u smaller groups",
                                   g->n_ranked - MAX_LEGEND_COMMUNITIES),
                         g->n_ranked - MAX_LEGEND_COMMUNITIES),
        dash_chart_style_get_muted (style, 0.4), TRUE
      };
      g_array_append_val (g->legend, item);
    }
}

static double
node_radius (const DashGraphFrame *frame,
             const DashGraphNode  *node)
{
  double f = frame->max_mentions > 0 ? sqrt ((double)node->mentions / frame->max_mentions) : 0;

  return frame->r_min + (frame->r_max - frame->r_min) * f;
}

double
dash_graph_frame_get_radius (const DashGraphFrame *frame,
                             const DashGraphChart *chart,
                             guint                 index)
{
  g_return_val_if_fail (frame != NULL && chart != NULL, 0);
  g_return_val_if_fail (index < chart->graph->nodes->len, 0);

  return node_radius (frame, g_ptr_array_index (chart->graph->nodes, index));
}

void
dash_graph_chart_get_extent (const DashGraphChart *chart,
                             DashChartRect        *extent)
{
  double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  guint n;

  g_return_if_fail (chart != NULL && extent != NULL);

  n = chart->graph->nodes->len;
  for (guint i = 0; i < n; i++)
    {
      min_x = MIN (min_x, chart->positions[2 * i]);
      min_y = MIN (min_y, chart->positions[2 * i + 1]);
      max_x = MAX (max_x, chart->positions[2 * i]);
      max_y = MAX (max_y, chart->positions[2 * i + 1]);
    }
  if (n == 0)
    *extent = (DashChartRect) { 0, 0, 0, 0 };
  else
    *extent = (DashChartRect) { min_x, min_y, max_x - min_x, max_y - min_y };
}

static int
compare_by_x (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  const double *xy = data;
  double xa = xy[2 * *(const guint *)a], xb = xy[2 * *(const guint *)b];

  return xa < xb ? -1 : xa > xb ? 1 : 0;
}

/* The distance between the two closest positions: a sweep along x, which looks at few
 * pairs unless the nodes stand in a column. */
static double
closest_distance (const double *xy,
                  guint         n)
{
  g_autofree guint *order = g_new (guint, MAX (n, 1));
  double best = G_MAXDOUBLE;

  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, n, sizeof (guint), compare_by_x, (gpointer)xy);
  for (guint i = 0; i < n; i++)
    {
      double xi = xy[2 * order[i]], yi = xy[2 * order[i] + 1];

      for (guint j = i + 1; j < n && xy[2 * order[j]] - xi < best; j++)
        best = MIN (best, hypot (xy[2 * order[j]] - xi, xy[2 * order[j] + 1] - yi));
    }
  return best;
}

static gboolean
geometry_compute (Geometry             *g,
                  cairo_t              *cr,
                  double                width,
                  double                height,
                  const DashGraphChart *chart,
                  const DashChartStyle *style)
{
  const DashGraph *graph = chart->graph;
  DashGraphFrame *f = &g->frame;
  double footer, legend_height, pad_x, pad_y, sx, sy, fit;
  double zoom = chart->zoom > 0 ? chart->zoom : 1;

  *g = (Geometry) { 0 };
  g->width = width;
  g->height = height;
  g->size = style->font_size > 0 ? style->font_size : 12;
  g->ranks = community_ranks (graph, &g->n_ranked);

  {
    g_autoptr(PangoLayout) layout = _dash_chart_layout_text (cr, style, DASH_CHART_TEXT_TITLE,
                                                             "Ag");
    int w, h;

    pango_layout_get_pixel_size (layout, &w, &h);
    g->legend_y = chart->title != NULL ? g->size + h + g->size * 0.5 : g->size;
  }
  build_legend (g, chart, style);
  legend_height = _dash_chart_draw_legend (cr, style, g->size, g->legend_y, width - 2 * g->size,
                                           (DashChartLegendItem *)g->legend->data,
                                           g->legend->len, FALSE);
  if (style->show_footer && chart->provenance != NULL)
    {
      cairo_save (cr);
      cairo_rectangle (cr, 0, 0, 0, 0);
      cairo_clip (cr);
      footer = _dash_chart_draw_footer (cr, style, width, height, chart->provenance);
      cairo_restore (cr);
    }
  else
    footer = g->size * 0.5;

  f->plot.x = g->size;
  f->plot.y = g->legend_y + legend_height + g->size;
  f->plot.width = width - 2 * g->size;
  f->plot.height = height - footer - f->plot.y;
  if (graph->nodes->len == 0 || f->plot.width < 20 || f->plot.height < 20)
    return FALSE;

  if (chart->bounds.width > 0 || chart->bounds.height > 0)
    {
      g->min_x = chart->bounds.x;
      g->min_y = chart->bounds.y;
      g->max_x = chart->bounds.x + chart->bounds.width;
      g->max_y = chart->bounds.y + chart->bounds.height;
    }
  else
    {
      DashChartRect extent;

      dash_graph_chart_get_extent (chart, &extent);
      g->min_x = extent.x;
      g->min_y = extent.y;
      g->max_x = extent.x + extent.width;
      g->max_y = extent.y + extent.height;
    }
  for (guint i = 0; i < graph->nodes->len; i++)
    f->max_mentions = MAX (f->max_mentions,
                           ((DashGraphNode *)g_ptr_array_index (graph->nodes, i))->mentions);
  for (guint e = 0; e < graph->edges->len; e++)
    g->max_weight = MAX (g->max_weight, g_array_index (graph->edges, DashGraphEdge, e).weight);

  /* Node sizes follow the room there is, within readable bounds. */
  {
    double per_node = sqrt (f->plot.width * f->plot.height / graph->nodes->len);

    f->r_max = CLAMP (per_node * 0.28, g->size * 0.6, g->size * 2.2);
    f->r_min = MAX (2.5, f->r_max * 0.25);
  }

  /* Leave room for the biggest node and for labels beside the nodes on the edges. */
  pad_x = f->r_max + g->size * 3;
  pad_y = f->r_max + g->size * 0.5;
  sx = (f->plot.width - 2 * pad_x) / MAX (g->max_x - g->min_x, 1e-9);
  sy = (f->plot.height - 2 * pad_y) / MAX (g->max_y - g->min_y, 1e-9);
  fit = MAX (MIN (sx, sy), 0);
  f->scale = fit * zoom;

  /* Zooming in spreads the nodes more than it grows them. */
  if (zoom != 1)
    {
      f->r_max = MIN (f->r_max * sqrt (zoom), g->size * 3);
      f->r_min = MAX (2, MIN (f->r_min * sqrt (zoom), f->r_max));
    }

  /* Nodes never cover each other: the biggest is at most half the closest gap. */
  if (graph->nodes->len > 1)
    {
      double closest = closest_distance (chart->positions, graph->nodes->len);

      f->r_max = MIN (f->r_max, MAX (closest * f->scale * 0.5, 4));
      f->r_min = MIN (f->r_min, f->r_max);
    }

  /* The zoom is around the plot's centre, then the pan moves the picture. */
  f->ox = f->plot.x + f->plot.width / 2 - f->scale * (g->min_x + g->max_x) / 2 + chart->pan_x;
  f->oy = f->plot.y + f->plot.height / 2 - f->scale * (g->min_y + g->max_y) / 2 + chart->pan_y;
  return TRUE;
}

static void
node_position (const DashGraphFrame *f,
               const DashGraphChart *chart,
               guint                 i,
               double               *x,
               double               *y)
{
  *x = f->ox + f->scale * chart->positions[2 * i];
  *y = f->oy + f->scale * chart->positions[2 * i + 1];
}

gboolean
dash_graph_chart_get_frame (cairo_t              *cr,
                            double                width,
                            double                height,
                            const DashGraphChart *chart,
                            const DashChartStyle *style,
                            DashGraphFrame       *frame)
{
  Geometry g;
  gboolean ok;

  g_return_val_if_fail (cr != NULL && chart != NULL && style != NULL, FALSE);
  g_return_val_if_fail (frame != NULL, FALSE);

  ok = geometry_compute (&g, cr, width, height, chart, style);
  *frame = g.frame;
  geometry_clear (&g);
  return ok;
}

gboolean
dash_graph_chart_get_node (cairo_t              *cr,
                           double                width,
                           double                height,
                           const DashGraphChart *chart,
                           const DashChartStyle *style,
                           guint                 index,
                           double               *x,
                           double               *y,
                           double               *radius)
{
  DashGraphFrame frame;

  g_return_val_if_fail (cr != NULL && chart != NULL && style != NULL, FALSE);

  if (index >= chart->graph->nodes->len ||
      !dash_graph_chart_get_frame (cr, width, height, chart, style, &frame))
    return FALSE;
  node_position (&frame, chart, index, x, y);
  *radius = node_radius (&frame, g_ptr_array_index (chart->graph->nodes, index));
  return TRUE;
}

int
dash_graph_chart_node_at (const DashGraphChart *chart,
                          const DashGraphFrame *frame,
                          double                x,
                          double                y,
                          double                slop)
{
  int found = -1;
  double best = G_MAXDOUBLE;

  g_return_val_if_fail (chart != NULL && frame != NULL, -1);

  for (guint i = 0; i < chart->graph->nodes->len; i++)
    {
      double nx, ny, r = node_radius (frame, g_ptr_array_index (chart->graph->nodes, i));
      double d;

      node_position (frame, chart, i, &nx, &ny);
      if (fabs (nx - x) > r + slop || fabs (ny - y) > r + slop)
        continue;
      /* Inside a disc counts before near one; nearer the centre wins. */
      d = hypot (nx - x, ny - y) - r;
      if (d <= slop && d <= best)
        {
          best = d;
          found = i;
        }
    }
  return found;
}

static int
compare_nodes_by_importance (gconstpointer a,
                             gconstpointer b,
                             gpointer      data)
{
  const DashGraph *graph = data;
  DashGraphNode *na = g_ptr_array_index (graph->nodes, *(const guint *)a);
  DashGraphNode *nb = g_ptr_array_index (graph->nodes, *(const guint *)b);

  if (na->pagerank != nb->pagerank)
    return na->pagerank > nb->pagerank ? -1 : 1;
  if (na->mentions != nb->mentions)
    return na->mentions > nb->mentions ? -1 : 1;
  return (int)*(const guint *)a - (int)*(const guint *)b;
}

static gboolean
rects_overlap (const DashChartRect *a,
               const DashChartRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

/* What labels must not cover: nodes and the labels placed so far, in a grid of cells so
 * that a candidate is checked against its neighbourhood only. */
typedef struct {
  DashChartRect rect;
  guint         owner;   /* the node, G_MAXUINT for a label */
} Obstacle;

typedef struct {
  double   x0, y0;
  int      cols, rows;
  GArray  *obstacles;    /* Obstacle */
  GArray **cells;        /* guint indices into obstacles, NULL when empty */
} LabelGrid;

static void
label_grid_init (LabelGrid           *grid,
                 const DashChartRect *area)
{
  grid->x0 = area->x;
  grid->y0 = area->y;
  grid->cols = MAX (1, (int)ceil (area->width / GRID_CELL));
  grid->rows = MAX (1, (int)ceil (area->height / GRID_CELL));
  grid->obstacles = g_array_new (FALSE, FALSE, sizeof (Obstacle));
  grid->cells = g_new0 (GArray *, (gsize)grid->cols * grid->rows);
}

static void
label_grid_clear (LabelGrid *grid)
{
  for (int c = 0; c < grid->cols * grid->rows; c++)
    g_clear_pointer (&grid->cells[c], g_array_unref);
  g_clear_pointer (&grid->cells, g_free);
  g_clear_pointer (&grid->obstacles, g_array_unref);
}

static void
label_grid_range (const LabelGrid     *grid,
                  const DashChartRect *rect,
                  int                 *c0,
                  int                 *r0,
                  int                 *c1,
                  int                 *r1)
{
  *c0 = CLAMP ((int)floor ((rect->x - grid->x0) / GRID_CELL), 0, grid->cols - 1);
  *c1 = CLAMP ((int)floor ((rect->x + rect->width - grid->x0) / GRID_CELL), 0, grid->cols - 1);
  *r0 = CLAMP ((int)floor ((rect->y - grid->y0) / GRID_CELL), 0, grid->rows - 1);
  *r1 = CLAMP ((int)floor ((rect->y + rect->height - grid->y0) / GRID_CELL), 0, grid->rows - 1);
}

static void
label_grid_add (LabelGrid           *grid,
                const DashChartRect *rect,
                guint                owner)
{
  Obstacle obstacle = { *rect, owner };
  guint index = grid->obstacles->len;
  int c0, r0, c1, r1;

  g_array_append_val (grid->obstacles, obstacle);
  label_grid_range (grid, rect, &c0, &r0, &c1, &r1);
  for (int r = r0; r <= r1; r++)
    for (int c = c0; c <= c1; c++)
      {
        GArray **cell = &grid->cells[r * grid->cols + c];

        if (*cell == NULL)
          *cell = g_array_new (FALSE, FALSE, sizeof (guint));
        g_array_append_val (*cell, index);
      }
}

/* Whether @rect covers no obstacle but @owner's own node and, with @near, the nodes
 * faded away from the highlight. */
static gboolean
label_grid_is_free (const LabelGrid     *grid,
                    const DashChartRect *rect,
                    guint                owner,
                    const guint8        *near)
{
  int c0, r0, c1, r1;

  label_grid_range (grid, rect, &c0, &r0, &c1, &r1);
  for (int r = r0; r <= r1; r++)
    for (int c = c0; c <= c1; c++)
      {
        GArray *cell = grid->cells[r * grid->cols + c];

        for (guint k = 0; cell != NULL && k < cell->len; k++)
          {
            const Obstacle *o = &g_array_index (grid->obstacles, Obstacle,
                                                g_array_index (cell, guint, k));

            if (o->owner == owner || (near != NULL && o->owner != G_MAXUINT && near[o->owner] == 0))
              continue;
            if (rects_overlap (rect, &o->rect))
              return FALSE;
          }
      }
  return TRUE;
}

static gboolean
node_is_visible (const Geometry *g,
                 double          x,
                 double          y,
                 double          r)
{
  const DashChartRect *plot = &g->frame.plot;

  return x + r >= plot->x - g->size && x - r <= plot->x + plot->width + g->size &&
         y + r >= plot->y - g->size && y - r <= plot->y + plot->height;
}

/* Labels, the nodes singled out first (@near: 2 for the highlighted or selected node, 1
 * for its neighbours), then by importance; with a highlight, only its neighbourhood. */
static void
draw_labels (cairo_t              *cr,
             const Geometry       *g,
             const DashGraphChart *chart,
             const DashChartStyle *style,
             const guint          *order,
             const guint8         *near)
{
  const DashGraph *graph = chart->graph;
  const DashGraphFrame *f = &g->frame;
  guint n = graph->nodes->len;
  g_autofree guint *rank = g_new (guint, MAX (n, 1));
  g_autofree guint *queue = g_new (guint, MAX (n, 1) + 1);
  g_autoptr(PangoLayout) body = _dash_chart_layout_text (cr, style, DASH_CHART_TEXT_BODY, "");
  g_autoptr(PangoLayout) small = _dash_chart_layout_text (cr, style, DASH_CHART_TEXT_SMALL, "");
  DashChartRect area = { f->plot.x, f->plot.y - g->size * 0.5, f->plot.width,
                         f->plot.height + g->size * 0.5 };
  LabelGrid grid;
  guint n_queue = 0, placed = 0, tries = 0;
  int selected = chart->selected >= 0 && (guint)chart->selected < n ? chart->selected : -1;

  for (guint k = 0; k < n; k++)
    rank[order[k]] = k;

  /* The selected node, then the highlighted one and its neighbours, then the rest. */
  if (selected >= 0)
    queue[n_queue++] = selected;
  for (int level = 2; level >= (near != NULL ? 1 : 3); level--)
    for (guint k = 0; k < n; k++)
      if (near[order[k]] == level && (int)order[k] != selected)
        queue[n_queue++] = order[k];
  if (near == NULL)
    for (guint k = 0; k < n; k++)
      if ((int)order[k] != selected)
        queue[n_queue++] = order[k];

  label_grid_init (&grid, &area);
  /* Nodes are obstacles too. */
  for (guint i = 0; i < n; i++)
    {
      double x, y, r = node_radius (f, g_ptr_array_index (graph->nodes, i));
      DashChartRect rect;

      node_position (f, chart, i, &x, &y);
      if (!node_is_visible (g, x, y, r))
        continue;
      rect = (DashChartRect) { x - r, y - r, 2 * r, 2 * r };
      label_grid_add (&grid, &rect, i);
    }

  cairo_save (cr);
  for (guint k = 0; k < n_queue; k++)
    {
      guint i = queue[k];
      DashGraphNode *node = g_ptr_array_index (graph->nodes, i);
      gboolean singled = (int)i == selected || (near != NULL && near[i] > 0);
      double x, y, r = node_radius (f, node);
      PangoLayout *layout;
      DashChartRect candidates[4];
      int w, h;

      if (chart->max_labels > 0 && placed >= chart->max_labels)
        break;
      if (!singled && tries >= MAX_LABEL_TRIES)
        break;
      node_position (f, chart, i, &x, &y);
      if (x < area.x || x > area.x + area.width || y < area.y || y > area.y + area.height)
        continue;
      tries++;
      layout = rank[i] < 5 || (int)i == selected || (near != NULL && near[i] == 2) ? body : small;
      pango_layout_set_text (layout, node->name, -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      /* Right, left, above, below. */
      candidates[0] = (DashChartRect) { x + r + 3, y - h / 2.0, w, h };
      candidates[1] = (DashChartRect) { x - r - 3 - w, y - h / 2.0, w, h };
      candidates[2] = (DashChartRect) { x - w / 2.0, y - r - 1 - h, w, h };
      candidates[3] = (DashChartRect) { x - w / 2.0, y + r + 1, w, h };

      for (guint c = 0; c < G_N_ELEMENTS (candidates) + 1; c++)
        {
          DashChartRect *rect = &candidates[MIN (c, G_N_ELEMENTS (candidates) - 1)];
          gboolean free;

          if (c == G_N_ELEMENTS (candidates))
            {
              /* The node singled out is labelled even where there is no room, on the
               * side with the most of it. */
              if ((int)i != selected && (near == NULL || near[i] != 2))
                break;
              rect = x > area.x + area.width / 2 ? &candidates[1] : &candidates[0];
              free = TRUE;
            }
          else
            free = rect->x >= area.x && rect->x + rect->width <= area.x + area.width &&
                   rect->y >= area.y && rect->y + rect->height <= area.y + area.height &&
                   label_grid_is_free (&grid, rect, i, singled ? near : NULL);
          if (!free)
            continue;

          /* A halo in the background colour keeps the text readable over edges. */
          cairo_move_to (cr, rect->x, rect->y);
          pango_cairo_layout_path (cr, layout);
          _dash_chart_set_color (cr, style->background.alpha > 0 ? style->background
                                                                 : (DashChartColor) { 1, 1, 1, 1 });
          cairo_set_line_width (cr, 3);
          cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
          cairo_stroke (cr);
          _dash_chart_set_color (cr, style->foreground);
          cairo_move_to (cr, rect->x, rect->y);
          pango_cairo_show_layout (cr, layout);

          {
            /* Keep a little space around placed labels. */
            DashChartRect padded = { rect->x - 2, rect->y, rect->width + 4, rect->height };

            label_grid_add (&grid, &padded, G_MAXUINT);
          }
          placed++;
          break;
        }
    }
  cairo_restore (cr);
  label_grid_clear (&grid);
}

/* Many edges and nodes are drawn by our own rasterizer into an image, on raster
 * targets (the screen, PNG): cairo spends tens of microseconds on each stroke, half a
 * second for 20,000 lines. SVG and PDF keep vector shapes. */
typedef struct {
  cairo_surface_t *image;    /* NULL to draw with cairo */
  guint32         *pixels;   /* premultiplied ARGB32 */
  int              width;
  int              height;
  int              stride;   /* in pixels */
  double           scale;    /* image pixels a unit */
} Canvas;

static void
canvas_init (Canvas               *canvas,
             cairo_t              *cr,
             const Geometry       *g,
             const DashGraphChart *chart)
{
  const DashGraph *graph = chart->graph;
  cairo_surface_type_t type = cairo_surface_get_type (cairo_get_target (cr));
  double k = chart->raster_scale, ux = 1, uy = 0;

  *canvas = (Canvas) { NULL, NULL, 0, 0, 0, 1 };
  if (graph->edges->len <= RASTER_EDGES_ABOVE && graph->nodes->len <= RASTER_NODES_ABOVE)
    return;
  if (type != CAIRO_SURFACE_TYPE_IMAGE && type != CAIRO_SURFACE_TYPE_RECORDING)
    return;

  /* Pixels a unit: the chart's own setting, else the context's. */
  if (!(k > 0))
    {
      cairo_user_to_device_distance (cr, &ux, &uy);
      k = CLAMP (hypot (ux, uy), 0.25, 8);
    }
  canvas->scale = k;
  canvas->width = MAX (1, (int)ceil (g->width * k));
  canvas->height = MAX (1, (int)ceil (g->height * k));
  canvas->image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, canvas->width,
                                              canvas->height);
  if (cairo_surface_status (canvas->image) != CAIRO_STATUS_SUCCESS)
    {
      g_clear_pointer (&canvas->image, cairo_surface_destroy);
      canvas->scale = 1;
      return;
    }
  cairo_surface_flush (canvas->image);
  canvas->pixels = (guint32 *)cairo_image_surface_get_data (canvas->image);
  canvas->stride = cairo_image_surface_get_stride (canvas->image) / 4;
}

/* Paints what was drawn into the image, under the plot's clip. */
static void
canvas_finish (Canvas  *canvas,
               cairo_t *cr)
{
  if (canvas->image == NULL)
    return;
  cairo_surface_mark_dirty (canvas->image);
  cairo_save (cr);
  cairo_scale (cr, 1 / canvas->scale, 1 / canvas->scale);
  cairo_set_source_surface (cr, canvas->image, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
  g_clear_pointer (&canvas->image, cairo_surface_destroy);
}

/* A colour premultiplied, 0–255 a channel. */
typedef struct {
  guint c[4];   /* red, green, blue, alpha */
} Pixel;

static Pixel
pixel_from_color (DashChartColor color)
{
  double a = CLAMP (color.alpha, 0, 1);

  return (Pixel) { { (guint)(CLAMP (color.red, 0, 1) * a * 255 + 0.5),
                     (guint)(CLAMP (color.green, 0, 1) * a * 255 + 0.5),
                     (guint)(CLAMP (color.blue, 0, 1) * a * 255 + 0.5),
                     (guint)(a * 255 + 0.5) } };
}

/* Blends @p at @cover (0–256) over the pixel at @dest: integer arithmetic, this runs
 * millions of times a frame. */
static inline void
blend (guint32     *dest,
       const Pixel *p,
       guint        cover)
{
  guint32 d = *dest;
  guint sa = (p->c[3] * cover) >> 8;
  guint keep = 256 - sa;
  guint a = sa + ((((d >> 24) & 0xff) * keep) >> 8);
  guint r = ((p->c[0] * cover) >> 8) + ((((d >> 16) & 0xff) * keep) >> 8);
  guint g = ((p->c[1] * cover) >> 8) + ((((d >> 8) & 0xff) * keep) >> 8);
  guint b = ((p->c[2] * cover) >> 8) + (((d & 0xff) * keep) >> 8);

  *dest = MIN (a, 255u) << 24 | MIN (r, 255u) << 16 | MIN (g, 255u) << 8 | MIN (b, 255u);
}

/* Lines of one colour composite in any order to the same picture: where lines of
 * alphas a1, a2… cross, the alpha is 1 − (1 − a1)(1 − a2)…. So the many edges drawn in
 * the foreground colour only add up −ln (1 − a) a pixel, in units of 1/INK_ONE, and
 * the sum becomes an alpha once at the end: an addition a pixel and a line instead of
 * a blend. */
#define INK_ONE   4096
#define INK_LEVELS 1024
#define INK_MAX   (8 * INK_ONE)

static const guint32 *
ink_of_alpha (void)
{
  static guint32 table[INK_LEVELS];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint i = 0; i < INK_LEVELS; i++)
        table[i] = (guint32)(-log (1 - MIN ((double)i / INK_LEVELS, 0.999)) * INK_ONE + 0.5);
      g_once_init_leave (&done, 1);
    }
  return table;
}

static const guint8 *
alpha_of_ink (void)
{
  static guint8 table[INK_MAX + 1];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint i = 0; i <= INK_MAX; i++)
        table[i] = (guint8)((1 - exp (-(double)i / INK_ONE)) * 255 + 0.5);
      g_once_init_leave (&done, 1);
    }
  return table;
}

/* What a line leaves on the pixels it covers: blended in @pixel, or added to @ink at
 * @alpha. */
typedef struct {
  const Pixel   *pixel;
  guint32       *ink;      /* one a pixel of the canvas, or NULL */
  double         alpha;
  const guint32 *ink_of_alpha;
} Pen;

/* A line @width pixels wide with butt ends, antialiased by the area it covers of each
 * pixel: column by column along its major axis, the span it covers across it. */
static void
canvas_line (Canvas      *canvas,
             double       x0,
             double       y0,
             double       x1,
             double       y1,
             double       width,
             const Pen   *pen)
{
  gboolean steep = fabs (y1 - y0) > fabs (x1 - x0);
  int major_size = steep ? canvas->height : canvas->width;
  int minor_size = steep ? canvas->width : canvas->height;
  gsize major_step = steep ? (gsize)canvas->stride : 1;
  gsize minor_step = steep ? 1 : (gsize)canvas->stride;
  double gradient, half, cy;
  int first, last;

  if (!isfinite (x0) || !isfinite (y0) || !isfinite (x1) || !isfinite (y1))
    return;
  if (steep)
    {
      double t = x0;

      x0 = y0;
      y0 = t;
      t = x1;
      x1 = y1;
      y1 = t;
    }
  if (x0 > x1)
    {
      double t = x0;

      x0 = x1;
      x1 = t;
      t = y0;
      y0 = y1;
      y1 = t;
    }
  if (x1 - x0 < 1e-9)
    return;
  gradient = (y1 - y0) / (x1 - x0);
  /* Half the thickness, measured across the major axis. */
  half = width * sqrt (1 + gradient * gradient) / 2;
  first = MAX ((int)floor (x0), 0);
  last = MIN ((int)floor (x1), major_size - 1);
  cy = y0 + gradient * (first + 0.5 - x0);

  for (int x = first; x <= last; x++, cy += gradient)
    {
      /* How much of this column the line spans along its length. */
      double along = (x == first || x == last) ? MIN (x + 1.0, x1) - MAX ((double)x, x0) : 1;
      double top = cy - half, bottom = cy + half;
      int j0, j1;
      guint32 *row;

      if (bottom <= 0 || top >= minor_size)
        continue;
      j0 = top <= 0 ? 0 : (int)top;
      j1 = MIN ((int)bottom, minor_size - 1);
      if (pen->ink != NULL)
        {
          guint32 *ink = pen->ink + (gsize)x * major_step + (gsize)j0 * minor_step;
          double full = along * pen->alpha * INK_LEVELS;
          guint level;

          /* The first and last pixels across are partly covered, those between fully. */
          if (j0 == j1)
            {
              level = (guint)((MIN (bottom, j0 + 1.0) - MAX (top, (double)j0)) * full + 0.5);
              *ink += pen->ink_of_alpha[MIN (level, INK_LEVELS - 1)];
              continue;
            }
          level = (guint)((j0 + 1 - MAX (top, (double)j0)) * full + 0.5);
          *ink += pen->ink_of_alpha[MIN (level, INK_LEVELS - 1)];
          ink += minor_step;
          if (j1 > j0 + 1)
            {
              guint32 middle = pen->ink_of_alpha[MIN ((guint)(full + 0.5), INK_LEVELS - 1)];

              for (int j = j0 + 1; j < j1; j++, ink += minor_step)
                *ink += middle;
            }
          level = (guint)((MIN (bottom, j1 + 1.0) - j1) * full + 0.5);
          *ink += pen->ink_of_alpha[MIN (level, INK_LEVELS - 1)];
          continue;
        }
      row = canvas->pixels + (gsize)x * major_step + (gsize)j0 * minor_step;
      for (int j = j0; j <= j1; j++, row += minor_step)
        {
          double span = MIN (j + 1.0, bottom) - MAX ((double)j, top);
          guint cover = (guint)(MIN (span, 1) * along * 256);

          if (cover > 0)
            blend (row, pen->pixel, cover);
        }
    }
}

/* Turns the ink added up into pixels of @color over what the canvas holds. */
static void
canvas_resolve_ink (Canvas         *canvas,
                    const guint32  *ink,
                    DashChartColor  color)
{
  const guint8 *alpha = alpha_of_ink ();
  Pixel p = pixel_from_color ((DashChartColor) { color.red, color.green, color.blue, 1 });

  for (int y = 0; y < canvas->height; y++)
    {
      guint32 *row = canvas->pixels + (gsize)y * canvas->stride;
      const guint32 *in = ink + (gsize)y * canvas->stride;

      for (int x = 0; x < canvas->width; x++)
        if (in[x] > 0)
          blend (row + x, &p, alpha[MIN (in[x], INK_MAX)] + 1);
    }
}

/* A disc of @fill with a ring of @outline, antialiased at its rim. */
static void
canvas_disc (Canvas      *canvas,
             double       cx,
             double       cy,
             double       radius,
             double       ring,
             const Pixel *fill,
             const Pixel *outline)
{
  int x0 = MAX ((int)floor (cx - radius - 1), 0);
  int x1 = MIN ((int)ceil (cx + radius + 1), canvas->width - 1);
  int y0 = MAX ((int)floor (cy - radius - 1), 0);
  int y1 = MIN ((int)ceil (cy + radius + 1), canvas->height - 1);

  for (int y = y0; y <= y1; y++)
    {
      guint32 *row = canvas->pixels + (gsize)y * canvas->stride;
      double dy = y + 0.5 - cy;

      for (int x = x0; x <= x1; x++)
        {
          double dx = x + 0.5 - cx, d = sqrt (dx * dx + dy * dy);
          double outer = CLAMP (radius + 0.5 - d, 0, 1);
          double inner = CLAMP (radius - ring + 0.5 - d, 0, 1);
          Pixel p;

          if (outer <= 0)
            continue;
          /* The fill where it is, the ring around it, as one colour over the pixel. */
          for (guint c = 0; c < 4; c++)
            p.c[c] = (guint)(fill->c[c] * inner + outline->c[c] * (outer - inner) + 0.5);
          blend (row + x, &p, 256);
        }
    }
}

static DashChartColor
with_alpha (DashChartColor color,
            double         alpha)
{
  color.alpha *= alpha;
  return color;
}

/* Edges in classes of weight (light and thin to dark and wide), each class one path:
 * first the dimmed ones, then the others, the heaviest on top, then those of the
 * highlighted node. */
static void
draw_edges (cairo_t              *cr,
            Canvas               *canvas,
            const Geometry       *g,
            const DashGraphChart *chart,
            const DashChartStyle *style,
            const guint8         *near)
{
  const DashGraph *graph = chart->graph;
  const DashGraphFrame *f = &g->frame;
  guint n_edges = graph->edges->len;
  guint n_buckets = 3 * N_EDGE_CLASSES;
  g_autofree guint8 *bucket = g_new (guint8, MAX (n_edges, 1));
  g_autofree guint *start = g_new0 (guint, n_buckets + 1);
  g_autofree guint *order = g_new (guint, MAX (n_edges, 1));
  /* Many edges make a dark hairball: lighten them as they grow in number. */
  double fade = MIN (1, sqrt (120.0 / MAX (n_edges, 1)));
  double left = f->plot.x - g->size, right = f->plot.x + f->plot.width + g->size;
  double top = f->plot.y - g->size, bottom = f->plot.y + f->plot.height;
  g_autofree guint32 *ink = NULL;
  Pen pen;

  for (guint e = 0; e < n_edges; e++)
    {
      const DashGraphEdge *edge = &g_array_index (graph->edges, DashGraphEdge, e);
      double w = g->max_weight > 0 ? sqrt ((double)edge->weight / g->max_weight) : 1;
      guint tier = 1;

      if (near != NULL)
        tier = near[edge->source] == 2 || near[edge->target] == 2 ? 2 : 0;
      bucket[e] = tier * N_EDGE_CLASSES + (guint)lround (w * (N_EDGE_CLASSES - 1));
      start[bucket[e] + 1]++;
    }
  for (guint b = 0; b < n_buckets; b++)
    start[b + 1] += start[b];
  {
    g_autofree guint *next = g_memdup2 (start, sizeof (guint) * n_buckets);

    for (guint e = 0; e < n_edges; e++)
      order[next[bucket[e]]++] = e;
  }

  /* On the canvas, the edges in the foreground colour add up their ink first. */
  if (canvas->image != NULL)
    ink = g_new0 (guint32, (gsize)canvas->stride * canvas->height);

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint b = 0; b < n_buckets; b++)
    {
      guint tier = b / N_EDGE_CLASSES;
      double w = (double)(b % N_EDGE_CLASSES) / (N_EDGE_CLASSES - 1);
      double alpha = (0.06 + 0.4 * w) * fade;
      double line_width = 0.6 + 3.4 * w * w;
      DashChartColor color;
      Pixel pixel;
      guint drawn = 0;

      if (start[b] == start[b + 1])
        continue;
      if (tier == 0)
        alpha *= 0.3;
      else if (tier == 2)
        alpha = MAX (alpha * 2, 0.45 + 0.4 * w);
      color = dash_chart_style_get_muted (style, alpha);
      pixel = pixel_from_color (color);
      pen = (Pen) { &pixel, NULL, color.alpha, ink_of_alpha () };
      if (canvas->image != NULL && tier == 2 && ink != NULL)
        {
          /* The highlighted node's edges go over the others. */
          canvas_resolve_ink (canvas, ink, style->foreground);
          g_clear_pointer (&ink, g_free);
        }
      pen.ink = ink;

      cairo_new_path (cr);
      for (guint k = start[b]; k < start[b + 1]; k++)
        {
          const DashGraphEdge *edge = &g_array_index (graph->edges, DashGraphEdge, order[k]);
          double ax, ay, bx, by;

          node_position (f, chart, edge->source, &ax, &ay);
          node_position (f, chart, edge->target, &bx, &by);
          if ((ax < left && bx < left) || (ax > right && bx > right) ||
              (ay < top && by < top) || (ay > bottom && by > bottom))
            continue;
          if (canvas->image != NULL)
            canvas_line (canvas, ax * canvas->scale, ay * canvas->scale, bx * canvas->scale,
                         by * canvas->scale, line_width * canvas->scale, &pen);
          else
            {
              cairo_move_to (cr, ax, ay);
              cairo_line_to (cr, bx, by);
              drawn++;
            }
        }
      if (drawn == 0)
        continue;
      _dash_chart_set_color (cr, color);
      cairo_set_line_width (cr, line_width);
      cairo_stroke (cr);
    }
  if (ink != NULL)
    canvas_resolve_ink (canvas, ink, style->foreground);
  cairo_restore (cr);
}

/* Nodes, the biggest first so small ones stay visible on top; with a highlight, the
 * nodes away from it faded. */
static void
draw_nodes (cairo_t              *cr,
            Canvas               *canvas,
            const Geometry       *g,
            const DashGraphChart *chart,
            const DashChartStyle *style,
            const guint          *order,
            const guint8         *near)
{
  const DashGraph *graph = chart->graph;
  const DashGraphFrame *f = &g->frame;
  DashChartColor outline = style->background.alpha > 0 ? style->background : style->foreground;
  const double ring = 1.25;

  cairo_save (cr);
  cairo_set_line_width (cr, ring);
  for (guint k = 0; k < graph->nodes->len; k++)
    {
      guint i = order[k];
      double x, y, r = node_radius (f, g_ptr_array_index (graph->nodes, i));
      double alpha = near != NULL && near[i] == 0 ? 0.2 : 1;
      DashChartColor fill = with_alpha (node_color (chart, style, g->ranks, i), alpha);

      node_position (f, chart, i, &x, &y);
      if (!node_is_visible (g, x, y, r))
        continue;
      if (canvas->image != NULL)
        {
          Pixel inside = pixel_from_color (fill);
          Pixel rim = pixel_from_color (with_alpha (outline, alpha));

          /* The ring drawn half outside the disc, as a stroke would be. */
          canvas_disc (canvas, x * canvas->scale, y * canvas->scale,
                       (r + ring / 2) * canvas->scale, ring * canvas->scale, &inside, &rim);
          continue;
        }
      cairo_new_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      _dash_chart_set_color (cr, fill);
      cairo_fill_preserve (cr);
      _dash_chart_set_color (cr, with_alpha (outline, alpha));
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

void
dash_graph_chart_draw (cairo_t              *cr,
                       double                width,
                       double                height,
                       const DashGraphChart *chart,
                       const DashChartStyle *style)
{
  const DashGraph *graph;
  Geometry g;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (chart != NULL);
  g_return_if_fail (style != NULL);

  graph = chart->graph;
  cairo_save (cr);
  _dash_chart_fill_background (cr, style, width, height);
  _dash_chart_draw_title (cr, style, width, chart->title);

  if (!geometry_compute (&g, cr, width, height, chart, style))
    {
      g_autoptr(PangoLayout) layout = _dash_chart_layout_text (cr, style, DASH_CHART_TEXT_BODY,
                                                               _("No entities"));
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      _dash_chart_set_color (cr, dash_chart_style_get_muted (style, 0.6));
      cairo_move_to (cr, (width - w) / 2, (height - h) / 2);
      pango_cairo_show_layout (cr, layout);
    }
  else
    {
      const DashGraphFrame *f = &g.frame;
      guint n = graph->nodes->len;
      g_autofree guint *order = g_new (guint, n);
      g_autofree guint8 *near = NULL;
      Canvas canvas;

      _dash_chart_draw_legend (cr, style, g.size, g.legend_y, width - 2 * g.size,
                               (DashChartLegendItem *)g.legend->data, g.legend->len, TRUE);

      /* Zoomed in, the graph stays under the legend. */
      cairo_save (cr);
      cairo_rectangle (cr, 0, f->plot.y - g.size * 0.5, width,
                       f->plot.height + g.size * 0.5);
      cairo_clip (cr);

      if (chart->highlight >= 0 && (guint)chart->highlight < n)
        {
          near = g_new0 (guint8, n);
          for (guint e = 0; e < graph->edges->len; e++)
            {
              const DashGraphEdge *edge = &g_array_index (graph->edges, DashGraphEdge, e);

              if ((int)edge->source == chart->highlight)
                near[edge->target] = 1;
              else if ((int)edge->target == chart->highlight)
                near[edge->source] = 1;
            }
          near[chart->highlight] = 2;
        }

      for (guint i = 0; i < n; i++)
        order[i] = i;
      g_qsort_with_data (order, n, sizeof (guint), compare_nodes_by_importance,
                         (gpointer)graph);

      canvas_init (&canvas, cr, &g, chart);
      draw_edges (cr, &canvas, &g, chart, style, near);
      draw_nodes (cr, &canvas, &g, chart, style, order, near);
      canvas_finish (&canvas, cr);

      if (chart->selected >= 0 && (guint)chart->selected < n)
        {
          double x, y, r = node_radius (f, g_ptr_array_index (graph->nodes, chart->selected));

          node_position (f, chart, chart->selected, &x, &y);
          cairo_new_path (cr);
          cairo_arc (cr, x, y, r + 3.5, 0, 2 * G_PI);
          _dash_chart_set_color (cr, style->foreground);
          cairo_set_line_width (cr, 2);
          cairo_stroke (cr);
        }

      draw_labels (cr, &g, chart, style, order, near);
      cairo_restore (cr);
    }

  _dash_chart_draw_footer (cr, style, width, height, chart->provenance);
  geometry_clear (&g);
  cairo_restore (cr);
}
