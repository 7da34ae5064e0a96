/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dash-types.h"

G_BEGIN_DECLS

#define DASH_TYPE_SUBSCRIPTIONS (dash_subscriptions_get_type ())
G_DECLARE_FINAL_TYPE (DashSubscriptions, dash_subscriptions, DASH, SUBSCRIPTIONS, GObject)

/* The largest feed document we agree to download. */
#define DASH_FEED_MAX_SIZE (50 * 1024 * 1024)

/* What the user agent header says about us. */
#define DASH_FEED_USER_AGENT "Dashboard/0.1 (+https://example.org/dashboard)"

/* A subscription and what its last fetches gave. Times are Unix seconds UTC, 0 when it
 * never happened; last_error is NULL after a success and says what went wrong in words
 * ("404 Not Found", "timed out") otherwise. */
typedef struct {
  gint64    id;
  char     *url;
  char     *title;
  gboolean  paused;
  char     *etag;
  char     *last_modified;
  gint64    last_fetch;
  gint64    last_success;
  char     *last_error;
  guint     items_added;   /* stories this feed brought, in all */
  gint64    next_fetch;    /* not fetched again before then, unless asked by id */
  guint     failures;      /* failures in a row: the back-off grows with them */
  gint64    ttl;           /* seconds the feed asks between fetches (RSS <ttl>), or 0 */
} DashFeed;

void      dash_feed_free (DashFeed *feed);

/* What one refresh of one feed gave. */
typedef struct {
  gint64    feed_id;
  char     *url;
  gboolean  ok;
  gboolean  not_modified;  /* 304: nothing new */
  gboolean  skipped;       /* waiting for its back-off, Retry-After or <ttl> */
  guint     added;
  guint     duplicates;
  char     *error;         /* in words, when !ok */
} DashFeedResult;

void      dash_feed_result_free (DashFeedResult *result);

/* Subscriptions kept in @corpus. Fetching uses its own SoupSession, with a polite user
 * agent, a timeout, TLS always verified and a few connections per host at most. The
 * corpus is used from the thread that calls these functions: the async variant uses it
 * from a worker thread, so do not use it elsewhere until the refresh is done. */
DashSubscriptions *dash_subscriptions_new (DashCorpus *corpus);

DashCorpus *dash_subscriptions_get_corpus   (DashSubscriptions *self);
/* Seconds before a request gives up (default 30). */
void        dash_subscriptions_set_timeout  (DashSubscriptions *self,
                                             guint              seconds);
/* Largest body accepted, in bytes (default DASH_FEED_MAX_SIZE). */
void        dash_subscriptions_set_max_size (DashSubscriptions *self,
                                             gsize              max_size);
/* Seconds between two fetches of a healthy feed (default one hour). */
void        dash_subscriptions_set_interval (DashSubscriptions *self,
                                             guint              seconds);

/* Subscribes to @url without fetching it (as OPML import does). An URL already there
 * gives DASH_ERROR_FAILED naming it. @title may be NULL. */
DashFeed   *dash_subscriptions_add_url      (DashSubscriptions *self,
                                             const char        *url,
                                             const char        *title,
                                             GError           **error);
/* Fetches @url first: a feed is subscribed to; an HTML page leads to the feed its
 * <link rel="alternate"> names. Nothing is subscribed when no feed is found. */
DashFeed   *dash_subscriptions_add          (DashSubscriptions *self,
                                             const char        *url,
                                             GCancellable      *cancellable,
                                             GError           **error);
/* (element-type DashFeed) in id order. */
GPtrArray  *dash_subscriptions_list         (DashSubscriptions *self,
                                             GError           **error);
DashFeed   *dash_subscriptions_get          (DashSubscriptions *self,
                                             gint64             id,
                                             GError           **error);
gboolean    dash_subscriptions_rename       (DashSubscriptions *self,
                                             gint64             id,
                                             const char        *title,
                                             GError           **error);
/* The source name of most of the stories the feed @id brought, as the story lists
 * filter by it; DASH_ERROR_NOT_FOUND when it brought none. */
char       *dash_subscriptions_get_source_name (DashSubscriptions *self,
                                                gint64             id,
                                                GError           **error);
gboolean    dash_subscriptions_set_paused   (DashSubscriptions *self,
                                             gint64             id,
                                             gboolean           paused,
                                             GError           **error);
/* Unsubscribes; with @delete_stories, the stories the feed brought go too (the others
 * stay), and @n_deleted (may be NULL) says how many. */
gboolean    dash_subscriptions_remove       (DashSubscriptions *self,
                                             gint64             id,
                                             gboolean           delete_stories,
                                             guint             *n_deleted,
                                             GError           **error);

/* Fetches feed @id (whatever its back-off), or with @id 0 every feed that is not paused
 * and not waiting for a back-off or a Retry-After. Stores what is new, with the feed's
 * URL as the stories' origin. A broken feed never stops the others: its error is in its
 * result and its stored state. FALSE only when the database fails or @id is unknown.
 * (element-type DashFeedResult) */
GPtrArray  *dash_subscriptions_refresh      (DashSubscriptions *self,
                                             gint64             id,
                                             GCancellable      *cancellable,
                                             GError           **error);
void        dash_subscriptions_refresh_async  (DashSubscriptions   *self,
                                               gint64               id,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GPtrArray  *dash_subscriptions_refresh_finish (DashSubscriptions   *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* OPML 2.0, the format feed readers exchange subscriptions in. Import skips the URLs
 * already subscribed to; @n_added and @n_skipped may be NULL. */
gboolean    dash_subscriptions_import_opml  (DashSubscriptions *self,
                                             const char        *path,
                                             guint             *n_added,
                                             guint             *n_skipped,
                                             GError           **error);
gboolean    dash_subscriptions_export_opml  (DashSubscriptions *self,
                                             const char        *path,
                                             GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DashFeed, dash_feed_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DashFeedResult, dash_feed_result_free)

G_END_DECLS
