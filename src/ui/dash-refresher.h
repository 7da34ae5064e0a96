/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dash-core.h"

G_BEGIN_DECLS

#define DASH_TYPE_REFRESHER (dash_refresher_get_type ())
G_DECLARE_FINAL_TYPE (DashRefresher, dash_refresher, DASH, REFRESHER, GObject)

/* The app's periodic refresh of the feeds of @subscriptions. Every "interval" minutes
 * (0: only when asked) it refreshes the feeds that are due, on a connection of its own to
 * the database, in a worker thread, one refresh at a time: a request made while one runs
 * waits for it. It does not refresh while @monitor (NULL: the default one) says there is
 * no network, nor on a metered connection unless "allow-metered" is set; "state-message"
 * says why, and the refresh runs when the network allows it again. After each refresh it
 * calls dash_corpus_notify_changed() on the corpus of @subscriptions when stories came,
 * and emits ::refreshed with the number of new stories and the results
 * (element-type DashFeedResult). */
DashRefresher     *dash_refresher_new               (DashSubscriptions *subscriptions,
                                                     GNetworkMonitor   *monitor);

/* Binds "interval" to the key refresh-interval and "allow-metered" to the key
 * refresh-on-metered of @settings. */
void               dash_refresher_bind_settings     (DashRefresher     *self,
                                                     GSettings         *settings);

DashSubscriptions *dash_refresher_get_subscriptions (DashRefresher     *self);
guint              dash_refresher_get_interval      (DashRefresher     *self);
void               dash_refresher_set_interval      (DashRefresher     *self,
                                                     guint              minutes);
gboolean           dash_refresher_get_allow_metered (DashRefresher     *self);
void               dash_refresher_set_allow_metered (DashRefresher     *self,
                                                     gboolean           allow);
gboolean           dash_refresher_get_refreshing    (DashRefresher     *self);
/* What the refresher did last or why it waits, in words; "" before anything happened. */
const char        *dash_refresher_get_state_message (DashRefresher     *self);

/* Refreshes every feed that is due now, as Ctrl+R asks. The user asked, so a metered
 * connection does not stop it; no network does. */
void               dash_refresher_refresh_now       (DashRefresher     *self);
/* Refreshes feed @id now, whatever its back-off. */
void               dash_refresher_refresh_feed      (DashRefresher     *self,
                                                     gint64             id);

G_END_DECLS
