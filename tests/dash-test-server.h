/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "dash-core.h"

G_BEGIN_DECLS

/* What the feed tests share: an HTTP server on 127.0.0.1 that runs in its own thread, a
 * network monitor whose state the test sets, and a way to subscribe to the server's feeds.
 * Nothing touches the internet.
 *
 * The server always answers these common routes; anything else is 404 "not here":
 *   /alpha.xml   "Alpha Wire", 3 stories
 *   /beta.xml    "Beta Desk", 2 stories
 *   /slow.xml    "Slow Desk", 1 story, half a second late
 * A test's own routes come first, so they may also replace a common one. */

typedef struct _DashTestServer DashTestServer;

/* Answers @msg for @path, on the server's thread. */
typedef void (*DashTestHandler) (DashTestServer    *server,
                                 SoupServerMessage *msg,
                                 const char        *path);

typedef struct {
  const char      *path;
  DashTestHandler  handler;
} DashTestRoute;

/* Starts a server with the common routes and @routes, an array ending with { NULL }
 * (or NULL for none). */
DashTestServer *dash_test_server_new                (const DashTestRoute *routes);
/* The same over HTTPS, with @certificate (and its key), which no one trusts. */
DashTestServer *dash_test_server_new_https          (const DashTestRoute *routes,
                                                     GTlsCertificate     *certificate);
/* Stops the server and frees it. */
void            dash_test_server_free               (DashTestServer      *self);

/* "http://127.0.0.1:PORT", or https:// */
const char     *dash_test_server_get_base           (DashTestServer      *self);
/* The base followed by @path. */
char           *dash_test_server_url                (DashTestServer      *self,
                                                     const char          *path);
/* How many requests for @path came in. */
guint           dash_test_server_get_hits           (DashTestServer      *self,
                                                     const char          *path);
/* The If-None-Match header of the last request for @path, or NULL. */
char           *dash_test_server_get_if_none_match  (DashTestServer      *self,
                                                     const char          *path);
/* The most replies that were late at the same time (see dash_test_server_reply_later()). */
guint           dash_test_server_get_max_in_flight  (DashTestServer      *self);

/* Answers @msg with the feed @rss, taken, after @delay_ms milliseconds. */
void            dash_test_server_reply_later        (DashTestServer      *self,
                                                     SoupServerMessage   *msg,
                                                     guint                delay_ms,
                                                     char                *rss);

/* Sets the status and, unless @body is NULL, the body, taken. */
void            dash_test_respond                   (SoupServerMessage   *msg,
                                                     guint                status,
                                                     const char          *content_type,
                                                     char                *body);

/* An RSS feed @title of @n_items stories, whose links start with https://@prefix.example.org/. */
char           *dash_test_rss                       (const char          *title,
                                                     const char          *prefix,
                                                     guint                n_items);

/* What a feed test's fixture holds: the server, an empty corpus in a new temporary
 * folder, and the corpus's subscriptions. */
typedef struct {
  DashTestServer    *server;
  char              *dir;
  DashCorpus        *corpus;
  DashSubscriptions *subs;
} DashTestFeeds;

/* Starts the server with @routes (see dash_test_server_new()) and opens the corpus in a
 * folder named after @prefix. */
void            dash_test_feeds_set_up              (DashTestFeeds       *self,
                                                     const char          *prefix,
                                                     const DashTestRoute *routes);
/* Checks that the subscriptions and the corpus are freed, stops the server and removes
 * the folder. */
void            dash_test_feeds_tear_down           (DashTestFeeds       *self);
/* Subscribes to the feed at @path on the server; the test fails if it cannot. */
DashFeed       *dash_test_feeds_subscribe           (DashTestFeeds       *self,
                                                     const char          *path);
/* How many stories the corpus holds. */
guint           dash_test_feeds_count_articles      (DashTestFeeds       *self);

/* A network monitor whose state the test sets: online and not metered at first. */
#define DASH_TEST_TYPE_MONITOR (dash_test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (DashTestMonitor, dash_test_monitor, DASH_TEST, MONITOR, GObject)

DashTestMonitor *dash_test_monitor_new (void);
/* Changes the state, and says so as a real monitor does. */
void             dash_test_monitor_set (DashTestMonitor *self,
                                        gboolean         available,
                                        gboolean         metered);

G_END_DECLS
