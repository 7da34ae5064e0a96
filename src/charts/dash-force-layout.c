/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-force-layout"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dash-force-layout.h"

/* Forces, with the ideal edge length k = 1:
 *   attraction along an edge of weight w:  w' d²        (potential w' d³ / 3)
 *   repulsion between nodes of weights m, n:  m n / d  (potential −m n ln d)
 *   gravity towards the origin:            G d          (potential G d² / 2)
 *     with G = 2 / n within [0.02, 0.3], so that parts of a small graph stay near;
 * where w' = 1 + ln w grows slowly with the number of shared stories. */
#define GRAVITY      (self->gravity)
#define MIN_DISTANCE 0.01
#define COOLING      0.95
#define SETTLED      0.002
#define EXACT_BELOW  64     /* nodes: below this, repulsion is computed pair by pair */

typedef struct {
  double cx, cy;     /* centre of mass */
  double mass;
  double x, y, size; /* the square's corner and side */
  int    child[4];   /* -1 when absent */
  int    body;       /* the one node in a leaf, -1 for internal or empty */
} QuadNode;

struct _DashForceLayout {
  guint    n;
  double  *xy;
  double  *disp;
  double  *mass;     /* repulsion weight of each node */
  guint   *edge_source;
  guint   *edge_target;
  double  *edge_weight;
  guint    n_edges;
  double   temperature;
  double   theta;
  double   gravity;
  GArray  *tree;     /* QuadNode */
  guint   *order;    /* bodies in the tree's depth-first order */
  guint8  *pinned;   /* per node, NULL until one is pinned */
  guint    n_pinned;
  guint    steps;
  gboolean settled;
};

DashForceLayout *
dash_force_layout_new (guint                n_nodes,
                       const DashGraphEdge *edges,
                       guint                n_edges,
                       guint32              seed)
{
  DashForceLayout *self = g_new0 (DashForceLayout, 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  double side = sqrt (MAX (n_nodes, 1)) * 1.5;

  self->n = n_nodes;
  self->xy = g_new (double, 2 * (gsize)MAX (n_nodes, 1));
  self->disp = g_new0 (double, 2 * (gsize)MAX (n_nodes, 1));
  self->mass = g_new (double, MAX (n_nodes, 1));
  for (guint i = 0; i < n_nodes; i++)
    self->mass[i] = 1;
  self->edge_source = g_new (guint, MAX (n_edges, 1));
  self->edge_target = g_new (guint, MAX (n_edges, 1));
  self->edge_weight = g_new (double, MAX (n_edges, 1));
  for (guint i = 0; i < n_edges; i++)
    {
      g_return_val_if_fail (edges[i].source < n_nodes && edges[i].target < n_nodes, self);
      if (edges[i].source == edges[i].target)
        continue;
      self->edge_source[self->n_edges] = edges[i].source;
      self->edge_target[self->n_edges] = edges[i].target;
      self->edge_weight[self->n_edges] = 1 + log (MAX (edges[i].weight, 1));
      self->n_edges++;
    }
  for (guint i = 0; i < n_nodes; i++)
    {
      self->xy[2 * i] = g_rand_double_range (rand, -side / 2, side / 2);
      self->xy[2 * i + 1] = g_rand_double_range (rand, -side / 2, side / 2);
    }
  self->temperature = side / 8 + 0.5;
  self->gravity = CLAMP (2.0 / MAX (n_nodes, 1), 0.02, 0.3);
  self->theta = 0.8;
  self->tree = g_array_new (FALSE, FALSE, sizeof (QuadNode));
  self->order = g_new (guint, MAX (n_nodes, 1));
  return self;
}

DashForceLayout *
dash_force_layout_new_for_graph (const DashGraph *graph,
                                 guint32          seed)
{
  DashForceLayout *self;
  g_autofree double *weights = NULL;
  double mean = 0;

  g_return_val_if_fail (graph != NULL, NULL);

  self = dash_force_layout_new (graph->nodes->len, (const DashGraphEdge *)graph->edges->data,
                                graph->edges->len, seed);

  /* Nodes drawn bigger (more mentions) push harder, so that they do not overlap. */
  weights = g_new (double, MAX (graph->nodes->len, 1));
  for (guint i = 0; i < graph->nodes->len; i++)
    mean += ((DashGraphNode *)g_ptr_array_index (graph->nodes, i))->mentions;
  mean = MAX (mean / MAX (graph->nodes->len, 1), 1);
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      DashGraphNode *node = g_ptr_array_index (graph->nodes, i);
      weights[i] = CLAMP (sqrt (node->mentions / mean), 0.5, 4);
    }
  dash_force_layout_set_node_weights (self, weights);
  return self;
}

void
dash_force_layout_set_node_weights (DashForceLayout *self,
                                    const double    *weights)
{
  g_return_if_fail (self != NULL);

  for (guint i = 0; i < self->n; i++)
    self->mass[i] = weights != NULL && weights[i] > 0 ? weights[i] : 1;
}

void
dash_force_layout_free (DashForceLayout *self)
{
  if (self == NULL)
    return;
  g_free (self->xy);
  g_free (self->disp);
  g_free (self->mass);
  g_free (self->edge_source);
  g_free (self->edge_target);
  g_free (self->edge_weight);
  g_array_unref (self->tree);
  g_free (self->order);
  g_free (self->pinned);
  g_free (self);
}

void
dash_force_layout_set_theta (DashForceLayout *self,
                             double           theta)
{
  g_return_if_fail (self != NULL);
  self->theta = MAX (theta, 0);
}

void
dash_force_layout_set_positions (DashForceLayout *self,
                                 const double    *xy)
{
  g_return_if_fail (self != NULL);
  memcpy (self->xy, xy, sizeof (double) * 2 * self->n);
  /* Nodes given the same place could never be told apart: spread them a little, along
   * a spiral fixed by their index. */
  for (guint i = 0; i < self->n; i++)
    {
      double r = 1e-3 * sqrt (i + 1);

      self->xy[2 * i] += r * cos (i * 2.39996);
      self->xy[2 * i + 1] += r * sin (i * 2.39996);
    }
  /* Start cooler: the positions are already close to a layout. */
  self->temperature = MIN (self->temperature, 0.5);
  self->settled = FALSE;
}

guint
dash_force_layout_get_n_nodes (DashForceLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n;
}

const double *
dash_force_layout_get_positions (DashForceLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->xy;
}

void
dash_force_layout_pin (DashForceLayout *self,
                       guint            index,
                       double           x,
                       double           y)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->n);
  g_return_if_fail (isfinite (x) && isfinite (y));

  if (self->pinned == NULL)
    self->pinned = g_new0 (guint8, self->n);
  if (!self->pinned[index])
    self->n_pinned++;
  self->pinned[index] = TRUE;
  self->xy[2 * index] = x;
  self->xy[2 * index + 1] = y;
}

void
dash_force_layout_unpin (DashForceLayout *self,
                         guint            index)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->n);

  if (self->pinned == NULL || !self->pinned[index])
    return;
  self->pinned[index] = FALSE;
  self->n_pinned--;
}

void
dash_force_layout_unpin_all (DashForceLayout *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->pinned, g_free);
  self->n_pinned = 0;
}

gboolean
dash_force_layout_is_pinned (DashForceLayout *self,
                             guint            index)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < self->n, FALSE);

  return self->pinned != NULL && self->pinned[index];
}

void
dash_force_layout_reheat (DashForceLayout *self,
                          double           temperature)
{
  g_return_if_fail (self != NULL);

  if (!(temperature > 0))
    return;
  self->temperature = MAX (self->temperature, temperature);
  self->settled = FALSE;
}

gboolean
dash_force_layout_is_settled (DashForceLayout *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return self->settled || self->n == 0;
}

guint
dash_force_layout_get_steps (DashForceLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->steps;
}

/* Barnes–Hut quadtree. */

static int
tree_new_node (DashForceLayout *self,
               double           x,
               double           y,
               double           size)
{
  QuadNode node = { 0, 0, 0, x, y, size, { -1, -1, -1, -1 }, -1 };

  g_array_append_val (self->tree, node);
  return self->tree->len - 1;
}

static int
quadrant (const QuadNode *node,
          double          px,
          double          py)
{
  double half = node->size / 2;

  return (px >= node->x + half ? 1 : 0) + (py >= node->y + half ? 2 : 0);
}

static void
tree_insert (DashForceLayout *self,
             int              index,
             guint            body,
             int              depth)
{
  double px = self->xy[2 * body], py = self->xy[2 * body + 1];
  double m = self->mass[body];

  for (;;)
    {
      QuadNode *node = &g_array_index (self->tree, QuadNode, index);
      gboolean is_leaf = node->child[0] < 0 && node->child[1] < 0 &&
                         node->child[2] < 0 && node->child[3] < 0;

      /* Update the centre of mass on the way down. */
      gboolean was_empty = node->mass == 0;

      node->cx = (node->cx * node->mass + px * m) / (node->mass + m);
      node->cy = (node->cy * node->mass + py * m) / (node->mass + m);
      node->mass += m;

      if (is_leaf && was_empty)
        {
          node->body = body;
          return;
        }
      if (is_leaf && depth > 40)
        {
          /* Nodes at nearly the same place: keep them together as one cluster. */
          node->body = -1;
          return;
        }
      if (is_leaf && node->body >= 0)
        {
          /* Split: move the resident body one level down. */
          int resident = node->body;
          double rx = self->xy[2 * resident], ry = self->xy[2 * resident + 1];
          int q = quadrant (node, rx, ry);
          double half = node->size / 2;
          double cx = node->x + (q & 1 ? half : 0), cy = node->y + (q & 2 ? half : 0);
          int child = tree_new_node (self, cx, cy, half);
          QuadNode *c;

          node = &g_array_index (self->tree, QuadNode, index);
          node->body = -1;
          node->child[q] = child;
          c = &g_array_index (self->tree, QuadNode, child);
          c->cx = rx;
          c->cy = ry;
          c->mass = self->mass[resident];
          c->body = resident;
        }
      else if (is_leaf)
        return;   /* a cluster leaf deep down */

      {
        int q = quadrant (node, px, py);
        double half = node->size / 2;

        if (node->child[q] < 0)
          {
            double cx = node->x + (q & 1 ? half : 0), cy = node->y + (q & 2 ? half : 0);
            int child = tree_new_node (self, cx, cy, half);

            node = &g_array_index (self->tree, QuadNode, index);
            node->child[q] = child;
          }
        index = node->child[q];
        depth++;
      }
    }
}

static void
tree_build (DashForceLayout *self)
{
  double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  double size;

  g_array_set_size (self->tree, 0);
  for (guint i = 0; i < self->n; i++)
    {
      min_x = MIN (min_x, self->xy[2 * i]);
      max_x = MAX (max_x, self->xy[2 * i]);
      min_y = MIN (min_y, self->xy[2 * i + 1]);
      max_y = MAX (max_y, self->xy[2 * i + 1]);
    }
  size = MAX (max_x - min_x, max_y - min_y) * 1.0001 + 1e-6;
  tree_new_node (self, min_x, min_y, size);
  for (guint i = 0; i < self->n; i++)
    tree_insert (self, 0, i, 0);
}

/* Lists the bodies of the leaves under @index, depth first: near bodies come together. */
static void
tree_order (DashForceLayout *self,
            int              index,
            guint           *n_order)
{
  const QuadNode *node = &g_array_index (self->tree, QuadNode, index);

  if (node->body >= 0)
    self->order[(*n_order)++] = node->body;
  for (int q = 0; q < 4; q++)
    if (node->child[q] >= 0)
      tree_order (self, node->child[q], n_order);
}

static void
repel (double  dx,
       double  dy,
       double  mass,
       double *fx,
       double *fy)
{
  double d2 = dx * dx + dy * dy;

  d2 = MAX (d2, MIN_DISTANCE * MIN_DISTANCE);
  /* Direction (dx, dy)/d times magnitude mass/d. */
  *fx += dx * mass / d2;
  *fy += dy * mass / d2;
}

static void
tree_force (DashForceLayout *self,
            guint            body,
            double          *fx,
            double          *fy)
{
  double px = self->xy[2 * body], py = self->xy[2 * body + 1];
  double m = self->mass[body];
  double theta2 = self->theta * self->theta;
  const QuadNode *nodes = (const QuadNode *)(gpointer)self->tree->data;
  int stack[256];
  int top = 0;

  stack[top++] = 0;
  while (top > 0)
    {
      const QuadNode *node = &nodes[stack[--top]];
      double dx = px - node->cx, dy = py - node->cy;
      double d2 = dx * dx + dy * dy;
      gboolean leaf = node->child[0] < 0 && node->child[1] < 0 &&
                      node->child[2] < 0 && node->child[3] < 0;

      if (node->mass == 0)
        continue;
      if (leaf)
        {
          if (node->body == (int)body)
            continue;
          if (node->body >= 0)
            repel (dx, dy, m * node->mass, fx, fy);
          else if (d2 > 0)
            /* A cluster leaf: the body may be inside it; count the others. */
            repel (dx, dy, m * (node->mass - (d2 < 1e-18 ? m : 0)), fx, fy);
          continue;
        }
      /* size / d < theta, without the square root. */
      if (d2 > 0 && node->size * node->size < theta2 * d2)
        {
          repel (dx, dy, m * node->mass, fx, fy);
          continue;
        }
      for (int q = 0; q < 4; q++)
        if (node->child[q] >= 0 && top < (int)G_N_ELEMENTS (stack))
          stack[top++] = node->child[q];
    }
}

gboolean
dash_force_layout_step (DashForceLayout *self)
{
  double max_move = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->settled || self->n == 0)
    return FALSE;

  memset (self->disp, 0, sizeof (double) * 2 * self->n);

  /* Repulsion. */
  if (self->n < EXACT_BELOW || self->theta <= 0)
    {
      for (guint i = 0; i < self->n; i++)
        for (guint j = i + 1; j < self->n; j++)
          {
            double dx = self->xy[2 * i] - self->xy[2 * j];
            double dy = self->xy[2 * i + 1] - self->xy[2 * j + 1];
            double fx = 0, fy = 0;

            if (dx == 0 && dy == 0)
              {
                /* Same place: push apart along a direction fixed by the indices. */
                dx = 1e-3 * cos (i * 2.39996 + j);
                dy = 1e-3 * sin (i * 2.39996 + j);
              }
            repel (dx, dy, self->mass[i] * self->mass[j], &fx, &fy);
            self->disp[2 * i] += fx;
            self->disp[2 * i + 1] += fy;
            self->disp[2 * j] -= fx;
            self->disp[2 * j + 1] -= fy;
          }
    }
  else
    {
      guint n_order = 0;

      tree_build (self);
      /* Bodies in the tree's order, so that neighbours in space, which visit much the
       * same tree nodes, come one after another and find them in the cache. */
      tree_order (self, 0, &n_order);
      if (n_order < self->n)
        {
          /* Bodies at nearly one place share a cluster leaf (see tree_insert()) that
           * lists none of them: add those that are missing. */
          g_autofree guint8 *listed = g_new0 (guint8, self->n);

          for (guint k = 0; k < n_order; k++)
            listed[self->order[k]] = TRUE;
          for (guint i = 0; i < self->n; i++)
            if (!listed[i])
              self->order[n_order++] = i;
        }
      for (guint k = 0; k < self->n; k++)
        {
          guint i = self->order[k];

          tree_force (self, i, &self->disp[2 * i], &self->disp[2 * i + 1]);
        }
    }

  /* Attraction along the edges. */
  for (guint e = 0; e < self->n_edges; e++)
    {
      guint a = self->edge_source[e], b = self->edge_target[e];
      double dx = self->xy[2 * a] - self->xy[2 * b];
      double dy = self->xy[2 * a + 1] - self->xy[2 * b + 1];
      double d = sqrt (dx * dx + dy * dy);
      double f = self->edge_weight[e] * d;   /* × (dx, dy) / d × d² */

      self->disp[2 * a] -= dx * f;
      self->disp[2 * a + 1] -= dy * f;
      self->disp[2 * b] += dx * f;
      self->disp[2 * b + 1] += dy * f;
    }

  /* Gravity, then move each node by at most the temperature. */
  for (guint i = 0; i < self->n; i++)
    {
      double fx = self->disp[2 * i] - GRAVITY * self->xy[2 * i];
      double fy = self->disp[2 * i + 1] - GRAVITY * self->xy[2 * i + 1];
      double f = sqrt (fx * fx + fy * fy);
      double move;

      if (!(f > 0) || !isfinite (f))
        continue;
      if (self->pinned != NULL && self->pinned[i])
        continue;
      move = MIN (f, self->temperature);
      self->xy[2 * i] += fx / f * move;
      self->xy[2 * i + 1] += fy / f * move;
      max_move = MAX (max_move, move);
    }

  self->temperature *= COOLING;
  self->steps++;
  if (self->temperature < SETTLED || max_move < SETTLED / 4)
    self->settled = TRUE;
  return !self->settled;
}

guint
dash_force_layout_run (DashForceLayout *self,
                       guint            max_iterations)
{
  guint steps = 0;

  g_return_val_if_fail (self != NULL, 0);

  while (steps < max_iterations && dash_force_layout_step (self))
    steps++;
  return steps;
}

double
dash_force_layout_get_energy (DashForceLayout *self)
{
  double energy = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->n; i++)
    {
      double x = self->xy[2 * i], y = self->xy[2 * i + 1];

      energy += GRAVITY * (x * x + y * y) / 2;
      for (guint j = i + 1; j < self->n; j++)
        {
          double dx = x - self->xy[2 * j], dy = y - self->xy[2 * j + 1];
          double d = MAX (sqrt (dx * dx + dy * dy), MIN_DISTANCE);

          energy -= self->mass[i] * self->mass[j] * log (d);
        }
    }
  for (guint e = 0; e < self->n_edges; e++)
    {
      guint a = self->edge_source[e], b = self->edge_target[e];
      double dx = self->xy[2 * a] - self->xy[2 * b];
      double dy = self->xy[2 * a + 1] - self->xy[2 * b + 1];
      double d = sqrt (dx * dx + dy * dy);

      energy += self->edge_weight[e] * d * d * d / 3;
    }
  return energy;
}
