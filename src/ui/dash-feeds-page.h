/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dash-core.h"
#include "dash-refresher.h"

G_BEGIN_DECLS

#define DASH_TYPE_FEEDS_PAGE (dash_feeds_page_get_type ())
G_DECLARE_FINAL_TYPE (DashFeedsPage, dash_feeds_page, DASH, FEEDS_PAGE, GtkWidget)

/* The subscriptions and the state of their last refresh, with what adds, renames,
 * pauses, removes and refreshes them and OPML import and export. With no subscription,
 * suggested feeds the user may tick and subscribe to. Emits ::feed-activated with the
 * source name of the feed's stories when the user picks a feed. */
GtkWidget *dash_feeds_page_new               (void);

void       dash_feeds_page_set_subscriptions (DashFeedsPage     *self,
                                              DashSubscriptions *subscriptions);
/* The refresher the page's refreshes go through: the app's, so that it never runs two
 * at once. Without one, the page makes its own, for manual refreshes only. */
void       dash_feeds_page_set_refresher     (DashFeedsPage     *self,
                                              DashRefresher     *refresher);
/* Lists the subscriptions again. */
void       dash_feeds_page_reload            (DashFeedsPage     *self);

/* Replaces the suggestions of the empty page (by default the app's own list) with
 * @json: {"groups": [{"name": …, "feeds": [{"name": …, "url": …, "description": …}]}]}. */
gboolean   dash_feeds_page_set_suggestions   (DashFeedsPage     *self,
                                              GBytes            *json,
                                              GError           **error);

G_END_DECLS
