/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-subscriptions"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <libsoup/soup.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "dash-analyzer.h"
#include "dash-article.h"
#include "dash-corpus-private.h"
#include "dash-parser.h"
#include "dash-subscriptions.h"

/* Failures in a row wait 15 minutes, then twice as long each time, at most a day. */
#define BACKOFF_BASE     (15 * 60)
#define BACKOFF_MAX      (24 * 60 * 60)
#define MAX_REDIRECTS    5
#define CONNS_PER_HOST   2
#define READ_CHUNK       (64 * 1024)

struct _DashSubscriptions
{
  GObject       parent_instance;

  DashCorpus   *corpus;
  SoupSession  *session;
  DashAnalyzer *analyzer;   /* made on the first refresh that stores something */
  gsize         max_size;
  guint         interval;
};

G_DEFINE_FINAL_TYPE (DashSubscriptions, dash_subscriptions, G_TYPE_OBJECT)

#define FEED_COLUMNS \
  "id, url, title, paused, etag, last_modified, last_fetch, last_success, last_error, " \
  "items_added, next_fetch, failures, ttl"

void
dash_feed_free (DashFeed *feed)
{
  if (feed == NULL)
    return;
  g_free (feed->url);
  g_free (feed->title);
  g_free (feed->etag);
  g_free (feed->last_modified);
  g_free (feed->last_error);
  g_free (feed);
}

void
dash_feed_result_free (DashFeedResult *result)
{
  if (result == NULL)
    return;
  g_free (result->url);
  g_free (result->error);
  g_free (result);
}

static void
dash_subscriptions_dispose (GObject *object)
{
  DashSubscriptions *self = (DashSubscriptions *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->analyzer);
  g_clear_object (&self->corpus);

  G_OBJECT_CLASS (dash_subscriptions_parent_class)->dispose (object);
}

static void
dash_subscriptions_class_init (DashSubscriptionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dash_subscriptions_dispose;
}

static void
dash_subscriptions_init (DashSubscriptions *self)
{
  /* TLS is verified by default (the system's trust store); the content decoder that
   * undoes gzip is on by default too. */
  self->session = soup_session_new_with_options ("user-agent", DASH_FEED_USER_AGENT,
                                                 "timeout", 30,
                                                 "max-conns-per-host", CONNS_PER_HOST,
                                                 NULL);
  self->max_size = DASH_FEED_MAX_SIZE;
  self->interval = 60 * 60;
}

DashSubscriptions *
dash_subscriptions_new (DashCorpus *corpus)
{
  DashSubscriptions *self;

  g_return_val_if_fail (DASH_IS_CORPUS (corpus), NULL);

  self = g_object_new (DASH_TYPE_SUBSCRIPTIONS, NULL);
  self->corpus = g_object_ref (corpus);
  return self;
}

DashCorpus *
dash_subscriptions_get_corpus (DashSubscriptions *self)
{
  g_return_val_if_fail (DASH_IS_SUBSCRIPTIONS (self), NULL);
  return self->corpus;
}

void
dash_subscriptions_set_timeout (DashSubscriptions *self,
                                guint              seconds)
{
  g_return_if_fail (DASH_IS_SUBSCRIPTIONS (self));
  soup_session_set_timeout (self->session, seconds);
}

void
dash_subscriptions_set_max_size (DashSubscriptions *self,
                                 gsize              max_size)
{
  g_return_if_fail (DASH_IS_SUBSCRIPTIONS (self));
  self->max_size = max_size;
}

void
dash_subscriptions_set_interval (DashSubscriptions *self,
                                 guint              seconds)
{
  g_return_if_fail (DASH_IS_SUBSCRIPTIONS (self));
  self->interval = seconds;
}

/* The minutes an RSS 2.0 channel's <ttl> asks between fetches, in seconds (at most a
 * day, so that a feed cannot silence itself); 0 when it says nothing usable. */
static gint64
rss_ttl (const char *data,
         gsize       len)
{
  g_autoptr(GString) text = NULL;
  xmlDocPtr doc;
  xmlNodePtr root;
  gint64 minutes = 0;

  if (len > G_MAXINT)
    return 0;
  doc = xmlReadMemory (data, (int) len, NULL, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    return 0;
  root = xmlDocGetRootElement (doc);
  if (root != NULL && xmlStrEqual (root->name, BAD_CAST "rss"))
    for (xmlNodePtr channel = root->children; channel != NULL; channel = channel->next)
      if (channel->type == XML_ELEMENT_NODE && xmlStrEqual (channel->name, BAD_CAST "channel"))
        for (xmlNodePtr node = channel->children; node != NULL; node = node->next)
          if (node->type == XML_ELEMENT_NODE && xmlStrEqual (node->name, BAD_CAST "ttl"))
            {
              xmlChar *content = xmlNodeGetContent (node);
              guint64 value = 0;

              if (content != NULL &&
                  g_ascii_string_to_unsigned (g_strstrip ((char *) content), 10, 1, 24 * 60,
                                              &value, NULL))
                minutes = (gint64) value;
              xmlFree (content);
            }
  xmlFreeDoc (doc);
  return minutes * 60;
}

/* Storage. */

static DashFeed *
feed_from_row (sqlite3_stmt *stmt)
{
  DashFeed *feed = g_new0 (DashFeed, 1);

  feed->id = sqlite3_column_int64 (stmt, 0);
  feed->url = g_strdup (_dash_corpus_column_text (stmt, 1));
  feed->title = g_strdup (_dash_corpus_column_text (stmt, 2));
  feed->paused = sqlite3_column_int (stmt, 3) != 0;
  feed->etag = g_strdup (_dash_corpus_column_text (stmt, 4));
  feed->last_modified = g_strdup (_dash_corpus_column_text (stmt, 5));
  feed->last_fetch = sqlite3_column_int64 (stmt, 6);
  feed->last_success = sqlite3_column_int64 (stmt, 7);
  feed->last_error = g_strdup (_dash_corpus_column_text (stmt, 8));
  feed->items_added = sqlite3_column_int (stmt, 9);
  feed->next_fetch = sqlite3_column_int64 (stmt, 10);
  feed->failures = sqlite3_column_int (stmt, 11);
  feed->ttl = sqlite3_column_int64 (stmt, 12);
  return feed;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

DashFeed *
dash_subscriptions_get (DashSubscriptions *self,
                        gint64             id,
                        GError           **error)
{
  sqlite3_stmt *stmt;
  DashFeed *feed = NULL;
  int rc;

  g_return_val_if_fail (DASH_IS_SUBSCRIPTIONS (self), NULL);

  stmt = _dash_corpus_get_statement (self->corpus,
                                     "SELECT " FEED_COLUMNS " FROM feeds WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    feed = feed_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, DASH_ERROR, DASH_ERROR_NOT_FOUND, _("no feed with id %" PRId64),
                 (int64_t)id);
  else
    _dash_corpus_set_error (self->corpus, error, _("cannot read the feeds"));
  sqlite3_reset (stmt);
  return feed;
}

GPtrArray *
dash_subscriptions_list (DashSubscriptions *self,
                         GError           **error)
{
  g_autoptr(GPtrArray) feeds = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DASH_IS_SUBSCRIPTIONS (self), NULL);

  stmt = _dash_corpus_get_statement (self->corpus,
                                     "SELECT " FEED_COLUMNS " FROM feeds ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  feeds = g_ptr_array_new_with_free_func ((GDestroyNotify)dash_feed_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (feeds, feed_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _dash_corpus_set_error (self->corpus, error, _("cannot read the feeds"));
      return NULL;
    }
  return g_steal_pointer (&feeds);
}

/* Inserts a feed; 0 when @url is already there, -1 on a database error. */
static gint64
insert_feed (DashSubscriptions *self,
             const char        *url,
             const char        *title,
             GError           **error)
{
  sqlite3_stmt *stmt = _dash_corpus_get_statement (self->corpus,
                                                   "INSERT OR IGNORE INTO feeds (url, title) "
                                                   "VALUES (?1, ?2)", error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, url, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 2, title);
  if (!_dash_corpus_step_done (self->corpus, stmt, _("cannot add the feed"), error))
    return -1;
  if (sqlite3_changes (self->corpus->db) == 0)
    return 0;
  return sqlite3_last_insert_rowid (self->corpus->db);
}

static gboolean
is_web_address (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);

  return uri != NULL && g_uri_get_host (uri) != NULL &&
         (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0 ||
          g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0);
}

DashFeed *
dash_subscriptions_add_url (DashSubscriptions *self,
                            const char        *url,
                            const char        *title,
                            GError           **error)
{
  gint64 id;

  g_return_val_if_fail (DASH_IS_SUBSCRIPTIONS (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  if (!is_web_address (url))
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_FAILED, _("not a web address: %s"), url);
      return NULL;
    }
  id = insert_feed (self, url, title != NULL && title[0] != '\0' ? title : NULL, error);
  if (id < 0)
    return NULL;
  if (id == 0)
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_FAILED, _("already subscribed to %s"), url);
      return NULL;
    }
  dash_corpus_notify_changed (self->corpus);
  return dash_subscriptions_get (self, id, error);
}

static gboolean
check_changed (DashSubscriptions *self,
               gint64             id,
               GError           **error)
{
  if (sqlite3_changes (self->corpus->db) == 0)
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_NOT_FOUND, _("no feed with id %" PRId64),
                   (int64_t)id);
      return FALSE;
    }
  return TRUE;
}

gboolean
dash_subscriptions_rename (DashSubscriptions *self,
                           gint64             id,
                           const char        *title,
                           GError           **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DASH_IS_SUBSCRIPTIONS (self), FALSE);
  g_return_val_if_fail (title != NULL, FALSE);

  stmt = _dash_corpus_get_statement (self->corpus, "UPDATE feeds SET title = ?2 WHERE id = ?1",
                                     error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_TRANSIENT);
  return _dash_corpus_step_done (self->corpus, stmt, _("cannot rename the feed"), error) &&
         check_changed (self, id, error);
}

char *
dash_subscriptions_get_source_name (DashSubscriptions  *self,
                                    gint64              id,
                                    GError            **error)
{
  sqlite3_stmt *stmt;
  char *name = NULL;
  int rc;

  g_return_val_if_fail (DASH_IS_SUBSCRIPTIONS (self), NULL);

  stmt = _dash_corpus_get_statement (self->corpus,
                                     "SELECT s.name FROM articles a "
                                     "JOIN sources s ON s.id = a.source_id "
                                     "WHERE a.origin = (SELECT url FROM feeds WHERE id = ?1) "
                                     "GROUP BY s.id ORDER BY count(*) DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    name = g_strdup (_dash_corpus_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return name;
  if (rc == SQLITE_DONE)
    g_set_error (error, DASH_ERROR, DASH_ERROR_NOT_FOUND,
                 _("feed %" PRId64 " brought no stories yet"), (int64_t) id);
  else
    _dash_corpus_set_error (self->corpus, error, _("cannot read the feed's stories"));
  return NULL;
}

gboolean
dash_subscriptions_set_paused (DashSubscriptions *self,
                               gint64             id,
                               gboolean           paused,
                               GError           **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DASH_IS_SUBSCRIPTIONS (self), FALSE);

  stmt = _dash_corpus_get_statement (self->corpus, "UPDATE feeds SET paused = ?2 WHERE id = ?1",
                                     error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, paused ? 1 : 0);
  return _dash_corpus_step_done (self->corpus, stmt, _("cannot pause the feed"), error) &&
         check_changed (self, id, error);
}

gboolean
dash_subscriptions_remove (DashSubscriptions *self,
                           gint64             id,
                           gboolean           delete_stories,
                           guint             *n_deleted,
                           GError           **error)
{
  g_autoptr(DashFeed) feed = NULL;
  sqlite3_stmt *stmt;
  guint deleted = 0;

  g_return_val_if_fail (DASH_IS_SUBSCRIPTIONS (self), FALSE);

  if (n_deleted != NULL)
    *n_deleted = 0;
  feed = dash_subscriptions_get (self, id, error);
  if (feed == NULL)
    return FALSE;

  if (!_dash_corpus_exec (self->corpus, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (delete_stories)
    {
      /* Their entities and topics go with them (foreign keys cascade). */
      stmt = _dash_corpus_get_statement (self->corpus, "DELETE FROM articles WHERE origin = ?1",
                                         error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, feed->url, -1, SQLITE_TRANSIENT);
      if (!_dash_corpus_step_done (self->corpus, stmt, _("cannot delete the feed's stories"),
                                   error))
        goto failed;
      deleted = sqlite3_changes (self->corpus->db);
    }
  stmt = _dash_corpus_get_statement (self->corpus, "DELETE FROM feeds WHERE id = ?1", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_dash_corpus_step_done (self->corpus, stmt, _("cannot remove the feed"), error) ||
      !_dash_corpus_exec (self->corpus, "COMMIT", error))
    goto failed;

  if (deleted > 0)
    {
      /* The per-day counts behind the timelines are counted anew, under the same
       * analysis version. */
      g_autofree char *version = _dash_corpus_get_meta (self->corpus, "analysis_version");

      if (!_dash_corpus_finish_reanalysis (self->corpus, version != NULL ? version : "", error))
        return FALSE;
    }
  if (n_deleted != NULL)
    *n_deleted = deleted;
  dash_corpus_notify_changed (self->corpus);
  return TRUE;

failed:
  sqlite3_exec (self->corpus->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static gboolean
store_state (DashSubscriptions *self,
             const DashFeed    *feed,
             GError           **error)
{
  sqlite3_stmt *stmt = _dash_corpus_get_statement (self->corpus,
                                                   "UPDATE feeds SET title = ?2, etag = ?3, "
                                                   "last_modified = ?4, last_fetch = ?5, "
                                                   "last_success = ?6, last_error = ?7, "
                                                   "items_added = ?8, next_fetch = ?9, "
                                                   "failures = ?10, ttl = ?11 WHERE id = ?1",
                                                   error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, feed->id);
  bind_text_or_null (stmt, 2, feed->title);
  bind_text_or_null (stmt, 3, feed->etag);
  bind_text_or_null (stmt, 4, feed->last_modified);
  sqlite3_bind_int64 (stmt, 5, feed->last_fetch);
  sqlite3_bind_int64 (stmt, 6, feed->last_success);
  bind_text_or_null (stmt, 7, feed->last_error);
  sqlite3_bind_int (stmt, 8, feed->items_added);
  sqlite3_bind_int64 (stmt, 9, feed->next_fetch);
  sqlite3_bind_int (stmt, 10, feed->failures);
  sqlite3_bind_int64 (stmt, 11, feed->ttl);
  return _dash_corpus_step_done (self->corpus, stmt, _("cannot save the feed's state"), error);
}

/* A permanent redirect: the feed and the stories it brought move to @url, unless
 * another subscription already has it. */
static gboolean
move_feed (DashSubscriptions *self,
           DashFeed          *feed,
           const char        *url,
           GError           **error)
{
  sqlite3_stmt *stmt;

  stmt = _dash_corpus_get_statement (self->corpus,
                                     "UPDATE OR IGNORE feeds SET url = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, feed->id);
  sqlite3_bind_text (stmt, 2, url, -1, SQLITE_TRANSIENT);
  if (!_dash_corpus_step_done (self->corpus, stmt, _("cannot save the feed's state"), error))
    return FALSE;
  if (sqlite3_changes (self->corpus->db) == 0)
    return TRUE;

  stmt = _dash_corpus_get_statement (self->corpus,
                                     "UPDATE articles SET origin = ?2 WHERE origin = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, feed->url, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, url, -1, SQLITE_TRANSIENT);
  if (!_dash_corpus_step_done (self->corpus, stmt, _("cannot save the feed's state"), error))
    return FALSE;
  g_free (feed->url);
  feed->url = g_strdup (url);
  return TRUE;
}

/* Fetching. */

typedef struct {
  guint   status;
  char   *reason;
  GBytes *body;            /* only for 200 */
  char   *final_url;
  gboolean moved;          /* redirected, and every redirect was permanent */
  char   *etag;
  char   *last_modified;
  char   *content_type;
  gint64  retry_after;     /* seconds from now; 0 when not said */
} Fetch;

static void
fetch_clear (Fetch *fetch)
{
  g_clear_pointer (&fetch->reason, g_free);
  g_clear_pointer (&fetch->body, g_bytes_unref);
  g_clear_pointer (&fetch->final_url, g_free);
  g_clear_pointer (&fetch->etag, g_free);
  g_clear_pointer (&fetch->last_modified, g_free);
  g_clear_pointer (&fetch->content_type, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fetch, fetch_clear)

/* Says in words what went wrong with the connection. */
static void
set_transport_error (GError     **error,
                     GError      *cause,
                     const char  *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  const char *host = uri != NULL ? g_uri_get_host (uri) : url;

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (cause));
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error_literal (error, DASH_ERROR, DASH_ERROR_FAILED, _("timed out"));
  else if (g_error_matches (cause, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    g_set_error_literal (error, DASH_ERROR, DASH_ERROR_FAILED, _("TLS certificate not trusted"));
  else if (cause->domain == G_TLS_ERROR)
    g_set_error (error, DASH_ERROR, DASH_ERROR_FAILED, _("TLS error: %s"), cause->message);
  else if (cause->domain == G_RESOLVER_ERROR)
    g_set_error (error, DASH_ERROR, DASH_ERROR_FAILED, _("host not found: %s"), host);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    g_set_error (error, DASH_ERROR, DASH_ERROR_FAILED, _("connection refused by %s"), host);
  else
    g_set_error_literal (error, DASH_ERROR, DASH_ERROR_FAILED, cause->message);
}

static gint64
parse_retry_after (const char *value,
                   gint64      now)
{
  guint64 seconds;

  if (value == NULL)
    return 0;
  if (g_ascii_string_to_unsigned (value, 10, 0, 7 * 24 * 60 * 60, &seconds, NULL))
    return seconds;
  {
    g_autoptr(GDateTime) date = soup_date_time_new_from_http_string (value);

    if (date != NULL && g_date_time_to_unix (date) > now)
      return g_date_time_to_unix (date) - now;
  }
  return 0;
}

static void
set_too_large (DashSubscriptions  *self,
               GError            **error)
{
  g_set_error (error, DASH_ERROR, DASH_ERROR_TOO_LARGE,
               _("too large: the feed is bigger than %u MB"),
               (guint)MAX (self->max_size / (1024 * 1024), 1));
}

static GBytes *
read_body (DashSubscriptions *self,
           GInputStream      *stream,
           GCancellable      *cancellable,
           GError           **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();

  for (;;)
    {
      g_autoptr(GBytes) chunk = NULL;
      g_autoptr(GError) local_error = NULL;

      chunk = g_input_stream_read_bytes (stream, READ_CHUNK, cancellable, &local_error);
      if (chunk == NULL)
        {
          set_transport_error (error, local_error, "");
          return NULL;
        }
      if (g_bytes_get_size (chunk) == 0)
        break;
      if (data->len + g_bytes_get_size (chunk) > self->max_size)
        {
          set_too_large (self, error);
          return NULL;
        }
      g_byte_array_append (data, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* GETs @url, following up to MAX_REDIRECTS redirects, conditionally when @etag or
 * @last_modified are given. Any HTTP status is a success here; only the connection,
 * a body too large or too many redirects fail. */
static gboolean
fetch_url (DashSubscriptions *self,
           const char        *url,
           const char        *etag,
           const char        *last_modified,
           Fetch             *out,
           GCancellable      *cancellable,
           GError           **error)
{
  g_autofree char *current = g_strdup (url);
  gboolean permanent = TRUE;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint hops = 0; hops <= MAX_REDIRECTS; hops++)
    {
      g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_GET, current);
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(GError) local_error = NULL;
      SoupMessageHeaders *request;
      SoupMessageHeaders *response;
      guint status;

      if (message == NULL)
        {
          g_set_error (error, DASH_ERROR, DASH_ERROR_FAILED, _("not a web address: %s"), current);
          return FALSE;
        }
      soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
      request = soup_message_get_request_headers (message);
      soup_message_headers_replace (request, "Accept",
                                    "application/rss+xml, application/atom+xml, "
                                    "application/xml;q=0.9, text/xml;q=0.9, "
                                    "text/html;q=0.5, */*;q=0.1");
      if (etag != NULL)
        soup_message_headers_replace (request, "If-None-Match", etag);
      if (last_modified != NULL)
        soup_message_headers_replace (request, "If-Modified-Since", last_modified);

      stream = soup_session_send (self->session, message, cancellable, &local_error);
      if (stream == NULL)
        {
          set_transport_error (error, local_error, current);
          return FALSE;
        }
      status = soup_message_get_status (message);
      response = soup_message_get_response_headers (message);

      if (SOUP_STATUS_IS_REDIRECTION (status) && status != SOUP_STATUS_NOT_MODIFIED &&
          soup_message_headers_get_one (response, "Location") != NULL)
        {
          const char *location = soup_message_headers_get_one (response, "Location");
          g_autoptr(GUri) next = g_uri_parse_relative (soup_message_get_uri (message), location,
                                                       SOUP_HTTP_URI_FLAGS, NULL);

          g_input_stream_close (stream, NULL, NULL);
          if (next == NULL)
            {
              g_set_error (error, DASH_ERROR, DASH_ERROR_FAILED,
                           _("redirected to a bad address: %s"), location);
              return FALSE;
            }
          if (status != SOUP_STATUS_MOVED_PERMANENTLY && status != SOUP_STATUS_PERMANENT_REDIRECT)
            permanent = FALSE;
          g_free (current);
          current = g_uri_to_string (next);
          continue;
        }

      out->status = status;
      out->reason = g_strdup (soup_message_get_reason_phrase (message));
      out->final_url = g_strdup (current);
      out->moved = hops > 0 && permanent;
      out->etag = g_strdup (soup_message_headers_get_one (response, "ETag"));
      out->last_modified = g_strdup (soup_message_headers_get_one (response, "Last-Modified"));
      out->content_type = g_strdup (soup_message_headers_get_content_type (response, NULL));
      out->retry_after = parse_retry_after (soup_message_headers_get_one (response,
                                                                          "Retry-After"), now);
      if (status == SOUP_STATUS_OK)
        {
          goffset length = soup_message_headers_get_content_length (response);

          /* Before reading anything, when the server says how much there is. */
          if (soup_message_headers_get_encoding (response) == SOUP_ENCODING_CONTENT_LENGTH &&
              length > 0 && (guint64)length > self->max_size)
            {
              set_too_large (self, error);
              return FALSE;
            }
          out->body = read_body (self, stream, cancellable, error);
          if (out->body == NULL)
            return FALSE;
        }
      g_input_stream_close (stream, NULL, NULL);
      return TRUE;
    }

  g_set_error (error, DASH_ERROR, DASH_ERROR_FAILED, _("too many redirects"));
  return FALSE;
}

static gboolean
looks_like_html (const Fetch *fetch)
{
  const char *data;
  gsize len;
  g_autofree char *head = NULL;

  if (fetch->content_type != NULL &&
      (g_ascii_strcasecmp (fetch->content_type, "text/html") == 0 ||
       g_ascii_strcasecmp (fetch->content_type, "application/xhtml+xml") == 0))
    return TRUE;
  if (fetch->body == NULL)
    return FALSE;
  data = g_bytes_get_data (fetch->body, &len);
  head = g_ascii_strdown (data, MIN (len, 1024));
  return strstr (head, "<!doctype html") != NULL || strstr (head, "<html") != NULL;
}

static gboolean
is_feed (const Fetch *fetch)
{
  const char *data;
  gsize len;
  DashFormat format;

  if (fetch->body == NULL || looks_like_html (fetch))
    return FALSE;
  data = g_bytes_get_data (fetch->body, &len);
  format = dash_parser_detect (data, len, NULL);
  return format == DASH_FORMAT_RSS || format == DASH_FORMAT_RDF || format == DASH_FORMAT_ATOM;
}

/* The feed an HTML page names in <link rel="alternate" type="application/rss+xml"> (or
 * Atom), resolved against @base; NULL when it names none. */
static char *
discover_feed (GBytes     *body,
               const char *base)
{
  gsize len;
  const char *data = g_bytes_get_data (body, &len);
  htmlDocPtr doc;
  xmlNodePtr node;
  char *found = NULL;

  doc = htmlReadMemory (data, (int)MIN (len, G_MAXINT), base, NULL,
                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_NONET);
  if (doc == NULL)
    return NULL;

  /* A depth-first walk in document order. */
  node = xmlDocGetRootElement (doc);
  while (node != NULL && found == NULL)
    {
      if (node->type == XML_ELEMENT_NODE &&
          g_ascii_strcasecmp ((const char *)node->name, "link") == 0)
        {
          g_autofree xmlChar *rel = xmlGetProp (node, (const xmlChar *)"rel");
          g_autofree xmlChar *type = xmlGetProp (node, (const xmlChar *)"type");
          g_autofree xmlChar *href = xmlGetProp (node, (const xmlChar *)"href");
          g_auto(GStrv) rels = rel != NULL ? g_strsplit_set ((const char *)rel, " \t\n", -1)
                                           : NULL;
          gboolean alternate = FALSE;

          for (guint i = 0; rels != NULL && rels[i] != NULL; i++)
            alternate |= g_ascii_strcasecmp (rels[i], "alternate") == 0;
          if (alternate && href != NULL && type != NULL &&
              (g_ascii_strcasecmp ((const char *)type, "application/rss+xml") == 0 ||
               g_ascii_strcasecmp ((const char *)type, "application/atom+xml") == 0))
            found = g_uri_resolve_relative (base, g_strstrip ((char *)href),
                                            SOUP_HTTP_URI_FLAGS, NULL);
        }

      if (node->children != NULL)
        node = node->children;
      else
        {
          while (node != NULL && node->next == NULL)
            node = node->parent;
          if (node != NULL)
            node = node->next;
        }
    }
  xmlFreeDoc (doc);
  return found;
}

static char *
status_text (const Fetch *fetch)
{
  const char *reason = fetch->reason != NULL && fetch->reason[0] != '\0'
                       ? fetch->reason : soup_status_get_phrase (fetch->status);

  return g_strdup_printf ("%u %s", fetch->status, reason != NULL ? reason : "");
}

/* The title a feed gives itself: the source name of its stories. */
static char *
feed_title (const Fetch *fetch,
            const char  *url)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) articles = NULL;
  gsize len;
  const char *data = g_bytes_get_data (fetch->body, &len);

  articles = dash_parser_parse (data, len, url, now, NULL, NULL, NULL);
  if (articles == NULL || articles->len == 0)
    return NULL;
  return g_strdup (dash_article_get_source (g_ptr_array_index (articles, 0)));
}

DashFeed *
dash_subscriptions_add (DashSubscriptions *self,
                        const char        *url,
                        GCancellable      *cancellable,
                        GError           **error)
{
  g_auto(Fetch) fetch = { 0 };
  g_autofree char *title = NULL;
  g_autofree char *feed_url = NULL;

  g_return_val_if_fail (DASH_IS_SUBSCRIPTIONS (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  if (!is_web_address (url))
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_FAILED, _("not a web address: %s"), url);
      return NULL;
    }
  if (!fetch_url (self, url, NULL, NULL, &fetch, cancellable, error))
    return NULL;
  if (fetch.status != SOUP_STATUS_OK)
    {
      g_autofree char *status = status_text (&fetch);

      g_set_error (error, DASH_ERROR, DASH_ERROR_FAILED, "%s: %s", url, status);
      return NULL;
    }

  if (is_feed (&fetch))
    feed_url = g_strdup (fetch.moved ? fetch.final_url : url);
  else if (looks_like_html (&fetch))
    {
      g_autofree char *found = discover_feed (fetch.body, fetch.final_url);

      if (found == NULL)
        {
          g_set_error (error, DASH_ERROR, DASH_ERROR_FORMAT,
                       _("no feed found: the page at %s names none"), url);
          return NULL;
        }
      fetch_clear (&fetch);
      memset (&fetch, 0, sizeof fetch);
      if (!fetch_url (self, found, NULL, NULL, &fetch, cancellable, error))
        return NULL;
      if (fetch.status != SOUP_STATUS_OK || !is_feed (&fetch))
        {
          g_set_error (error, DASH_ERROR, DASH_ERROR_FORMAT,
                       _("the page at %s names %s, which is not a feed"), url, found);
          return NULL;
        }
      feed_url = g_strdup (fetch.moved ? fetch.final_url : found);
    }
  else
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_FORMAT, _("not a feed: %s"), url);
      return NULL;
    }

  title = feed_title (&fetch, feed_url);
  return dash_subscriptions_add_url (self, feed_url, title, error);
}

static DashAnalyzer *
get_analyzer (DashSubscriptions *self,
              GError           **error)
{
  if (self->analyzer == NULL)
    self->analyzer = dash_analyzer_new_for_corpus (self->corpus, error);
  return self->analyzer;
}

/* Fetches one feed and stores what is new. Only a database failure returns NULL: what
 * goes wrong with the feed is in the result and in its stored state. */
static DashFeedResult *
refresh_feed (DashSubscriptions *self,
              DashFeed          *feed,
              GCancellable      *cancellable,
              GError           **error)
{
  g_autoptr(DashFeedResult) result = g_new0 (DashFeedResult, 1);
  g_auto(Fetch) fetch = { 0 };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) now_dt = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) articles = NULL;
  g_autofree char *message = NULL;
  gint64 now = g_date_time_to_unix (now_dt);
  const char *data;
  gsize len;

  result->feed_id = feed->id;
  feed->last_fetch = now;

  if (!fetch_url (self, feed->url, feed->etag, feed->last_modified, &fetch, cancellable,
                  &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      message = g_strdup (local_error->message);
      goto failed;
    }

  if (fetch.moved && g_strcmp0 (fetch.final_url, feed->url) != 0 &&
      !move_feed (self, feed, fetch.final_url, error))
    return NULL;

  if (fetch.status == SOUP_STATUS_NOT_MODIFIED)
    {
      result->not_modified = TRUE;
      goto succeeded;
    }
  if (fetch.status != SOUP_STATUS_OK)
    {
      message = status_text (&fetch);
      goto failed;
    }
  if (!is_feed (&fetch))
    {
      if (looks_like_html (&fetch))
        message = g_strdup (_("not a feed: the server sent an HTML page"));
      else if (fetch.content_type != NULL)
        message = g_strdup_printf (_("not a feed: the server sent %s"), fetch.content_type);
      else
        message = g_strdup (_("not a feed: the server sent something else"));
      goto failed;
    }

  data = g_bytes_get_data (fetch.body, &len);
  articles = dash_parser_parse (data, len, feed->url, now_dt, NULL, NULL, &local_error);
  feed->ttl = articles != NULL ? rss_ttl (data, len) : feed->ttl;
  if (articles == NULL)
    {
      message = g_strdup_printf (_("malformed feed: %s"), local_error->message);
      goto failed;
    }
  if (articles->len > 0)
    {
      DashAnalyzer *analyzer = get_analyzer (self, error);

      if (analyzer == NULL)
        return NULL;
      for (guint i = 0; i < articles->len; i++)
        dash_analyzer_analyze (analyzer, g_ptr_array_index (articles, i));
      if (!dash_corpus_add_articles (self->corpus, articles, &result->added, &result->duplicates,
                                     error))
        return NULL;
      if (result->added > 0 &&
          !_dash_corpus_set_meta (self->corpus, "analysis_version",
                                  dash_analyzer_get_version (analyzer), error))
        return NULL;
      if (feed->title == NULL)
        feed->title = g_strdup (dash_article_get_source (g_ptr_array_index (articles, 0)));
    }
  g_free (feed->etag);
  feed->etag = g_strdup (fetch.etag);
  g_free (feed->last_modified);
  feed->last_modified = g_strdup (fetch.last_modified);
  feed->items_added += result->added;

succeeded:
  result->ok = TRUE;
  feed->failures = 0;
  feed->last_success = now;
  g_clear_pointer (&feed->last_error, g_free);
  /* A feed that says how often it changes is not asked more often. */
  feed->next_fetch = now + MAX ((gint64) self->interval, feed->ttl);
  goto store;

failed:
  {
    gint64 wait = BACKOFF_BASE;

    feed->failures++;
    for (guint i = 1; i < feed->failures && wait < BACKOFF_MAX; i++)
      wait *= 2;
    wait = MIN (wait, BACKOFF_MAX);
    /* The server's own word on when to come back wins when it asks for longer. */
    wait = MAX (wait, fetch.retry_after);
    feed->next_fetch = now + wait;
    g_free (feed->last_error);
    feed->last_error = g_strdup (message);
    result->error = g_steal_pointer (&message);
  }

store:
  result->url = g_strdup (feed->url);
  if (!store_state (self, feed, error))
    return NULL;
  return g_steal_pointer (&result);
}

GPtrArray *
dash_subscriptions_refresh (DashSubscriptions *self,
                            gint64             id,
                            GCancellable      *cancellable,
                            GError           **error)
{
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GPtrArray) results = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint added = 0;

  g_return_val_if_fail (DASH_IS_SUBSCRIPTIONS (self), NULL);

  if (id != 0)
    {
      DashFeed *feed = dash_subscriptions_get (self, id, error);

      if (feed == NULL)
        return NULL;
      feeds = g_ptr_array_new_with_free_func ((GDestroyNotify)dash_feed_free);
      g_ptr_array_add (feeds, feed);
    }
  else if ((feeds = dash_subscriptions_list (self, error)) == NULL)
    return NULL;

  results = g_ptr_array_new_with_free_func ((GDestroyNotify)dash_feed_result_free);
  for (guint i = 0; i < feeds->len; i++)
    {
      DashFeed *feed = g_ptr_array_index (feeds, i);
      DashFeedResult *result;

      if (id == 0 && feed->paused)
        continue;
      /* Refreshing all leaves alone a feed in its back-off, or one whose <ttl> asked
       * for a longer wait; asked by id, it is fetched anyway. */
      if (id == 0 && (feed->failures > 0 || feed->ttl > 0) && feed->next_fetch > now)
        {
          result = g_new0 (DashFeedResult, 1);
          result->feed_id = feed->id;
          result->url = g_strdup (feed->url);
          result->skipped = TRUE;
          result->error = g_strdup (feed->last_error);
          g_ptr_array_add (results, result);
          continue;
        }
      result = refresh_feed (self, feed, cancellable, error);
      if (result == NULL)
        return NULL;
      added += result->added;
      g_ptr_array_add (results, result);
    }

  if (added > 0)
    dash_corpus_notify_changed (self->corpus);
  return g_steal_pointer (&results);
}

static void
refresh_thread_cb (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  DashSubscriptions *self = source_object;
  gint64 *id = task_data;
  GError *error = NULL;
  GPtrArray *results;

  results = dash_subscriptions_refresh (self, *id, cancellable, &error);
  if (results == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, results, (GDestroyNotify)g_ptr_array_unref);
}

void
dash_subscriptions_refresh_async (DashSubscriptions   *self,
                                  gint64               id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DASH_IS_SUBSCRIPTIONS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dash_subscriptions_refresh_async);
  g_task_set_task_data (task, g_memdup2 (&id, sizeof id), g_free);
  g_task_run_in_thread (task, refresh_thread_cb);
}

GPtrArray *
dash_subscriptions_refresh_finish (DashSubscriptions  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (DASH_IS_SUBSCRIPTIONS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* OPML. */

static void
import_outlines (DashSubscriptions  *self,
                 xmlNodePtr          node,
                 guint              *added,
                 guint              *skipped,
                 GError            **error)
{
  for (; node != NULL && (error == NULL || *error == NULL); node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (g_str_equal ((const char *)node->name, "outline"))
        {
          g_autofree xmlChar *url = xmlGetProp (node, (const xmlChar *)"xmlUrl");

          if (url != NULL && is_web_address ((const char *)url))
            {
              g_autofree xmlChar *title = xmlGetProp (node, (const xmlChar *)"title");
              gint64 id;

              if (title == NULL)
                title = xmlGetProp (node, (const xmlChar *)"text");
              id = insert_feed (self, (const char *)url, (const char *)title, error);
              if (id > 0)
                (*added)++;
              else if (id == 0)
                (*skipped)++;
            }
          else if (url != NULL)
            (*skipped)++;
        }
      /* Folders hold outlines of their own. */
      import_outlines (self, node->children, added, skipped, error);
    }
}

gboolean
dash_subscriptions_import_opml (DashSubscriptions *self,
                                const char        *path,
                                guint             *n_added,
                                guint             *n_skipped,
                                GError           **error)
{
  g_autofree char *text = NULL;
  gsize len;
  xmlDocPtr doc;
  xmlNodePtr root;
  GError *local_error = NULL;
  guint added = 0;
  guint skipped = 0;

  g_return_val_if_fail (DASH_IS_SUBSCRIPTIONS (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_get_contents (path, &text, &len, error))
    return FALSE;
  /* No network, no external entities. */
  doc = xmlReadMemory (text, (int)MIN (len, G_MAXINT), path, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL || !g_str_equal ((const char *)root->name, "opml"))
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_FORMAT, _("%s: not an OPML file"), path);
      g_clear_pointer (&doc, xmlFreeDoc);
      return FALSE;
    }

  if (!_dash_corpus_exec (self->corpus, "BEGIN IMMEDIATE", error))
    {
      xmlFreeDoc (doc);
      return FALSE;
    }
  import_outlines (self, root->children, &added, &skipped, &local_error);
  xmlFreeDoc (doc);
  if (local_error != NULL || !_dash_corpus_exec (self->corpus, "COMMIT", &local_error))
    {
      sqlite3_exec (self->corpus->db, "ROLLBACK", NULL, NULL, NULL);
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (n_added != NULL)
    *n_added = added;
  if (n_skipped != NULL)
    *n_skipped = skipped;
  if (added > 0)
    dash_corpus_notify_changed (self->corpus);
  return TRUE;
}

gboolean
dash_subscriptions_export_opml (DashSubscriptions *self,
                                const char        *path,
                                GError           **error)
{
  g_autoptr(GPtrArray) feeds = NULL;
  xmlDocPtr doc;
  xmlNodePtr root;
  xmlNodePtr head;
  xmlNodePtr body;
  xmlChar *text = NULL;
  int len = 0;
  gboolean ok;

  g_return_val_if_fail (DASH_IS_SUBSCRIPTIONS (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  feeds = dash_subscriptions_list (self, error);
  if (feeds == NULL)
    return FALSE;

  doc = xmlNewDoc ((const xmlChar *)"1.0");
  root = xmlNewNode (NULL, (const xmlChar *)"opml");
  xmlSetProp (root, (const xmlChar *)"version", (const xmlChar *)"2.0");
  xmlDocSetRootElement (doc, root);
  head = xmlNewChild (root, NULL, (const xmlChar *)"head", NULL);
  xmlNewTextChild (head, NULL, (const xmlChar *)"title",
                   (const xmlChar *)"Dashboard subscriptions");
  body = xmlNewChild (root, NULL, (const xmlChar *)"body", NULL);
  for (guint i = 0; i < feeds->len; i++)
    {
      DashFeed *feed = g_ptr_array_index (feeds, i);
      const char *title = feed->title != NULL ? feed->title : feed->url;
      xmlNodePtr outline = xmlNewChild (body, NULL, (const xmlChar *)"outline", NULL);

      xmlSetProp (outline, (const xmlChar *)"type", (const xmlChar *)"rss");
      xmlSetProp (outline, (const xmlChar *)"text", (const xmlChar *)title);
      xmlSetProp (outline, (const xmlChar *)"title", (const xmlChar *)title);
      xmlSetProp (outline, (const xmlChar *)"xmlUrl", (const xmlChar *)feed->url);
    }
  xmlDocDumpFormatMemoryEnc (doc, &text, &len, "UTF-8", 1);
  xmlFreeDoc (doc);

  ok = g_file_set_contents (path, (const char *)text, len, error);
  xmlFree (text);
  return ok;
}
