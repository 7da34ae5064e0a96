/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dash-core.h"

G_BEGIN_DECLS

/* A Fruchterman–Reingold force-directed layout with a Barnes–Hut quadtree for the
 * repulsion (O(n log n) per step), edge weights pulling harder, a weak gravity that
 * keeps disconnected parts together, and a cooling schedule so that it settles and
 * stops. Deterministic: the same graph and seed give the same positions. */

typedef struct _DashForceLayout DashForceLayout;

DashForceLayout *dash_force_layout_new        (guint                n_nodes,
                                               const DashGraphEdge *edges,
                                               guint                n_edges,
                                               guint32              seed);
DashForceLayout *dash_force_layout_new_for_graph (const DashGraph  *graph,
                                               guint32              seed);
void             dash_force_layout_free       (DashForceLayout     *self);

/* How hard each node pushes the others away (default 1); for_graph() uses the
 * square root of the node's mentions over the mean, so big nodes keep apart. */
void             dash_force_layout_set_node_weights (DashForceLayout *self,
                                               const double        *weights);
/* Barnes–Hut opening angle; 0 computes every pair exactly. Default 0.8. */
void             dash_force_layout_set_theta  (DashForceLayout     *self,
                                               double               theta);
/* Starts from these positions (x0, y0, x1, y1, ...), e.g. the previous layout. */
void             dash_force_layout_set_positions (DashForceLayout  *self,
                                               const double        *xy);
/* Holds node @index at (@x, @y), in layout units, until it is unpinned (as a view does
 * while the user drags it): it still pushes and pulls the others, but does not move. */
void             dash_force_layout_pin        (DashForceLayout     *self,
                                               guint                index,
                                               double               x,
                                               double               y);
void             dash_force_layout_unpin      (DashForceLayout     *self,
                                               guint                index);
void             dash_force_layout_unpin_all  (DashForceLayout     *self);
gboolean         dash_force_layout_is_pinned  (DashForceLayout     *self,
                                               guint                index);
/* Lets a settled layout move again, by at most @temperature layout units a step at
 * first, cooling as before (e.g. after a node was dragged). */
void             dash_force_layout_reheat     (DashForceLayout     *self,
                                               double               temperature);
gboolean         dash_force_layout_is_settled (DashForceLayout     *self);
/* Steps taken since the layout was made. */
guint            dash_force_layout_get_steps  (DashForceLayout     *self);
/* One step; FALSE once the layout has settled. */
gboolean         dash_force_layout_step       (DashForceLayout     *self);
/* Steps until settled or @max_iterations; returns the steps taken. */
guint            dash_force_layout_run        (DashForceLayout     *self,
                                               guint                max_iterations);
guint            dash_force_layout_get_n_nodes (DashForceLayout    *self);
/* x0, y0, x1, y1, ... in layout units (the ideal edge length is 1). */
const double    *dash_force_layout_get_positions (DashForceLayout  *self);
/* The potential whose gradient the forces follow (computed exactly, O(n²)). */
double           dash_force_layout_get_energy (DashForceLayout     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DashForceLayout, dash_force_layout_free)

G_END_DECLS
