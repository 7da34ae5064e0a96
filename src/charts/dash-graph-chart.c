/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-graph-chart"

#include "config.h"

#include <glib/gi18n.h>

#include <math.h>

#include "dash-graph-chart.h"
#include "dash-chart-private.h"

#define MAX_LEGEND_COMMUNITIES 6

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
  double    size;
  double    x0, y0, x1, y1;    /* the plot area */
  double    scale, ox, oy;     /* screen = o + scale × layout */
  double    min_x, min_y;
  double    r_min, r_max;
  guint     max_mentions;
  guint     max_weight;
  guint    *ranks;
  guint     n_ranked;
  GArray   *legend;            /* DashChartLegendItem */
  double    legend_y;
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
        g_strdup_printf ("%u smaller groups", g->n_ranked - MAX_LEGEND_COMMUNITIES),
        dash_chart_style_get_muted (style, 0.4), TRUE
      };
      g_array_append_val (g->legend, item);
    }
}

static double
node_radius (const Geometry *g,
             const DashGraphNode *node)
{
  double f = g->max_mentions > 0 ? sqrt ((double)node->mentions / g->max_mentions) : 0;

  return g->r_min + (g->r_max - g->r_min) * f;
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
  double max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE, footer, legend_height;
  double pad_x, pad_y, sx, sy;

  *g = (Geometry) { 0 };
  g->size = style->font_size > 0 ? style->font_size : 12;
  g->ranks = community_ranks (graph, &g->n_ranked);
  g->min_x = G_MAXDOUBLE;
  g->min_y = G_MAXDOUBLE;

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

  g->x0 = g->size;
  g->x1 = width - g->size;
  g->y0 = g->legend_y + legend_height + g->size;
  g->y1 = height - footer;
  if (graph->nodes->len == 0 || g->x1 - g->x0 < 20 || g->y1 - g->y0 < 20)
    return FALSE;

  for (guint i = 0; i < graph->nodes->len; i++)
    {
      DashGraphNode *node = g_ptr_array_index (graph->nodes, i);

      g->max_mentions = MAX (g->max_mentions, node->mentions);
      g->min_x = MIN (g->min_x, chart->positions[2 * i]);
      g->min_y = MIN (g->min_y, chart->positions[2 * i + 1]);
      max_x = MAX (max_x, chart->positions[2 * i]);
      max_y = MAX (max_y, chart->positions[2 * i + 1]);
    }
  for (guint e = 0; e < graph->edges->len; e++)
    g->max_weight = MAX (g->max_weight, g_array_index (graph->edges, DashGraphEdge, e).weight);

  /* Node sizes follow the room there is, within readable bounds. */
  {
    double area = (g->x1 - g->x0) * (g->y1 - g->y0);
    double per_node = sqrt (area / graph->nodes->len);

    g->r_max = CLAMP (per_node * 0.28, g->size * 0.6, g->size * 2.2);
    g->r_min = MAX (2.5, g->r_max * 0.25);
  }

  /* Leave room for the biggest node and for labels beside the nodes on the edges. */
  pad_x = g->r_max + g->size * 3;
  pad_y = g->r_max + g->size * 0.5;
  sx = (g->x1 - g->x0 - 2 * pad_x) / MAX (max_x - g->min_x, 1e-9);
  sy = (g->y1 - g->y0 - 2 * pad_y) / MAX (max_y - g->min_y, 1e-9);
  g->scale = MAX (MIN (sx, sy), 0);

  /* Nodes never cover each other: the biggest is at most half the closest gap. */
  {
    double closest = G_MAXDOUBLE;

    for (guint i = 0; i < graph->nodes->len; i++)
      for (guint j = i + 1; j < graph->nodes->len; j++)
        closest = MIN (closest, hypot (chart->positions[2 * i] - chart->positions[2 * j],
                                       chart->positions[2 * i + 1] - chart->positions[2 * j + 1]));
    if (graph->nodes->len > 1)
      {
        g->r_max = MIN (g->r_max, MAX (closest * g->scale * 0.5, 4));
        g->r_min = MIN (g->r_min, g->r_max);
      }
  }
  g->ox = (g->x0 + g->x1) / 2 - g->scale * (g->min_x + max_x) / 2;
  g->oy = (g->y0 + g->y1) / 2 - g->scale * (g->min_y + max_y) / 2;
  return TRUE;
}

static void
node_position (const Geometry       *g,
               const DashGraphChart *chart,
               guint                 i,
               double               *x,
               double               *y)
{
  *x = g->ox + g->scale * chart->positions[2 * i];
  *y = g->oy + g->scale * chart->positions[2 * i + 1];
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
  Geometry g;
  gboolean ok;

  g_return_val_if_fail (cr != NULL && chart != NULL && style != NULL, FALSE);

  ok = index < chart->graph->nodes->len &&
       geometry_compute (&g, cr, width, height, chart, style);
  if (ok)
    {
      node_position (&g, chart, index, x, y);
      *radius = node_radius (&g, g_ptr_array_index (chart->graph->nodes, index));
    }
  if (index < chart->graph->nodes->len)
    geometry_clear (&g);
  return ok;
}

static int
compare_edges_by_weight (gconstpointer a,
                         gconstpointer b,
                         gpointer      data)
{
  const DashGraphEdge *edges = data;
  guint wa = edges[*(const guint *)a].weight, wb = edges[*(const guint *)b].weight;

  return wa < wb ? -1 : wa > wb ? 1 : (int)*(const guint *)a - (int)*(const guint *)b;
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

static void
draw_labels (cairo_t              *cr,
             const Geometry       *g,
             const DashGraphChart *chart,
             const DashChartStyle *style)
{
  const DashGraph *graph = chart->graph;
  guint n = graph->nodes->len;
  g_autofree guint *order = g_new (guint, n);
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (DashChartRect));
  guint placed = 0;

  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, n, sizeof (guint), compare_nodes_by_importance, (gpointer)graph);

  /* Nodes are obstacles too. */
  for (guint i = 0; i < n; i++)
    {
      double x, y, r = node_radius (g, g_ptr_array_index (graph->nodes, i));
      DashChartRect rect;

      node_position (g, chart, i, &x, &y);
      rect = (DashChartRect) { x - r, y - r, 2 * r, 2 * r };
      g_array_append_val (taken, rect);
    }

  cairo_save (cr);
  for (guint k = 0; k < n; k++)
    {
      guint i = order[k];
      DashGraphNode *node = g_ptr_array_index (graph->nodes, i);
      double x, y, r = node_radius (g, node);
      g_autoptr(PangoLayout) layout = NULL;
      DashChartRect candidates[4];
      int w, h;

      if (chart->max_labels > 0 && placed >= chart->max_labels)
        break;
      node_position (g, chart, i, &x, &y);
      layout = _dash_chart_layout_text (cr, style, k < 5 ? DASH_CHART_TEXT_BODY
                                                         : DASH_CHART_TEXT_SMALL, node->name);
      pango_layout_get_pixel_size (layout, &w, &h);
      /* Right, left, above, below. */
      candidates[0] = (DashChartRect) { x + r + 3, y - h / 2.0, w, h };
      candidates[1] = (DashChartRect) { x - r - 3 - w, y - h / 2.0, w, h };
      candidates[2] = (DashChartRect) { x - w / 2.0, y - r - 1 - h, w, h };
      candidates[3] = (DashChartRect) { x - w / 2.0, y + r + 1, w, h };

      for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
        {
          DashChartRect *rect = &candidates[c];
          gboolean free = rect->x >= g->x0 && rect->x + rect->width <= g->x1 &&
                          rect->y >= g->y0 - g->size * 0.5 && rect->y + rect->height <= g->y1;

          for (guint t = 0; t < taken->len && free; t++)
            {
              /* Its own node is no obstacle. */
              if (t == i)
                continue;
              free = !rects_overlap (rect, &g_array_index (taken, DashChartRect, t));
            }
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
            g_array_append_val (taken, padded);
          }
          placed++;
          break;
        }
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
      g_autofree guint *edge_order = g_new (guint, MAX (graph->edges->len, 1));
      /* Many edges make a dark hairball: lighten them as they grow in number. */
      double fade = MIN (1, sqrt (120.0 / MAX (graph->edges->len, 1)));

      _dash_chart_draw_legend (cr, style, g.size, g.legend_y, width - 2 * g.size,
                               (DashChartLegendItem *)g.legend->data, g.legend->len, TRUE);

      /* Edges, the heaviest on top. */
      for (guint e = 0; e < graph->edges->len; e++)
        edge_order[e] = e;
      g_qsort_with_data (edge_order, graph->edges->len, sizeof (guint), compare_edges_by_weight,
                    graph->edges->data);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      for (guint k = 0; k < graph->edges->len; k++)
        {
          const DashGraphEdge *edge = &g_array_index (graph->edges, DashGraphEdge, edge_order[k]);
          double f = g.max_weight > 0 ? sqrt ((double)edge->weight / g.max_weight) : 1;
          double ax, ay, bx, by;

          node_position (&g, chart, edge->source, &ax, &ay);
          node_position (&g, chart, edge->target, &bx, &by);
          _dash_chart_set_color (cr, dash_chart_style_get_muted (style, (0.06 + 0.4 * f) * fade));
          cairo_set_line_width (cr, 0.6 + 3.4 * f * f);
          cairo_move_to (cr, ax, ay);
          cairo_line_to (cr, bx, by);
          cairo_stroke (cr);
        }

      /* Nodes, the biggest first so small ones stay visible on top. */
      {
        g_autofree guint *order = g_new (guint, graph->nodes->len);

        for (guint i = 0; i < graph->nodes->len; i++)
          order[i] = i;
        g_qsort_with_data (order, graph->nodes->len, sizeof (guint), compare_nodes_by_importance,
                      (gpointer)graph);
        for (guint k = 0; k < graph->nodes->len; k++)
          {
            guint i = order[k];
            double x, y, r = node_radius (&g, g_ptr_array_index (graph->nodes, i));

            node_position (&g, chart, i, &x, &y);
            cairo_new_path (cr);
            cairo_arc (cr, x, y, r, 0, 2 * G_PI);
            _dash_chart_set_color (cr, node_color (chart, style, g.ranks, i));
            cairo_fill_preserve (cr);
            _dash_chart_set_color (cr, style->background.alpha > 0 ? style->background
                                                                   : style->foreground);
            cairo_set_line_width (cr, 1.25);
            cairo_stroke (cr);
          }
      }
      draw_labels (cr, &g, chart, style);
    }

  _dash_chart_draw_footer (cr, style, width, height, chart->provenance);
  geometry_clear (&g);
  cairo_restore (cr);
}
