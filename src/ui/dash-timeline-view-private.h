/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dash-timeline-view.h"

G_BEGIN_DECLS

/* What the view's gestures do, as their handlers call it with the event's button and
 * modifiers; declared here so that the tests drive the same code. Coordinates are the
 * widget's. */
void     _dash_timeline_view_drag_begin   (DashTimelineView *self,
                                           double            x,
                                           double            y,
                                           guint             button,
                                           GdkModifierType   state);
void     _dash_timeline_view_drag_update  (DashTimelineView *self,
                                           double            dx,
                                           double            dy);
void     _dash_timeline_view_drag_end     (DashTimelineView *self,
                                           double            dx,
                                           double            dy);
/* A scroll of (@dx, @dy), in pixels when @pixels is set (a touchpad), else in wheel
 * steps, with the pointer at @x. Returns whether the view took it: FALSE lets the page
 * around scroll. */
gboolean _dash_timeline_view_scroll       (DashTimelineView *self,
                                           double            x,
                                           double            dx,
                                           double            dy,
                                           GdkModifierType   state,
                                           gboolean          pixels);
/* A pinch around @x, then its scale (relative to its start) as the fingers move. */
void     _dash_timeline_view_pinch_begin  (DashTimelineView *self,
                                           double            x);
void     _dash_timeline_view_pinch_scale  (DashTimelineView *self,
                                           double            scale);
/* The span of the selection band being dragged; FALSE when there is none. */
gboolean _dash_timeline_view_get_band     (DashTimelineView *self,
                                           gint64           *start,
                                           gint64           *end);
/* Where the bar of point @index of @series stands, as drawn; FALSE when it is not. */
gboolean _dash_timeline_view_get_bar_rect (DashTimelineView *self,
                                           guint             series,
                                           guint             index,
                                           graphene_rect_t  *rect);
/* The tooltip's markup for that bar (its story titles may still be coming). */
char    *_dash_timeline_view_get_tooltip_markup (DashTimelineView *self,
                                                 guint             series,
                                                 guint             index);

G_END_DECLS
