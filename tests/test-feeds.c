/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Subscriptions and fetching, against an in-process SoupServer on 127.0.0.1 that runs in
 * its own thread. Nothing here touches the internet. */

#include "config.h"

#include <string.h>

#include "dash-core.h"
#include "dash-test-server.h"

/* The routes of these tests, beside the server's common ones. */

static void
rss_cb (DashTestServer    *server,
        SoupServerMessage *msg,
        const char        *path)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);

  if (g_strcmp0 (soup_message_headers_get_one (request, "If-None-Match"), "\"v1\"") == 0)
    {
      dash_test_respond (msg, SOUP_STATUS_NOT_MODIFIED, NULL, NULL);
      return;
    }
  soup_message_headers_replace (response, "ETag", "\"v1\"");
  dash_test_respond (msg, SOUP_STATUS_OK, "application/rss+xml",
                     dash_test_rss ("Harbour Wire", "wire", 3));
}

static void
moved_cb (DashTestServer    *server,
          SoupServerMessage *msg,
          const char        *path)
{
  soup_server_message_set_redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, "/new-home.xml");
}

static void
for_now_cb (DashTestServer    *server,
            SoupServerMessage *msg,
            const char        *path)
{
  soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "/new-home.xml");
}

static void
new_home_cb (DashTestServer    *server,
             SoupServerMessage *msg,
             const char        *path)
{
  dash_test_respond (msg, SOUP_STATUS_OK, "application/rss+xml",
                     dash_test_rss ("Moved Desk", "moved", 2));
}

/* Later than the subscriptions' timeout of a second. */
static void
slow_cb (DashTestServer    *server,
         SoupServerMessage *msg,
         const char        *path)
{
  dash_test_server_reply_later (server, msg, 2500, dash_test_rss ("Slow", "slow", 1));
}

static void
error_cb (DashTestServer    *server,
          SoupServerMessage *msg,
          const char        *path)
{
  dash_test_respond (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "text/plain", g_strdup ("oops"));
}

static void
garbage_cb (DashTestServer    *server,
            SoupServerMessage *msg,
            const char        *path)
{
  char *junk = g_malloc (4096);

  for (guint i = 0; i < 4096; i++)
    junk[i] = (char)(i * 37 % 251 + 1);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/octet-stream", SOUP_MEMORY_TAKE,
                                    junk, 4096);
}

static void
broken_cb (DashTestServer    *server,
           SoupServerMessage *msg,
           const char        *path)
{
  g_autofree char *whole = dash_test_rss ("Broken", "broken", 3);

  /* Cut in the middle of an item. */
  dash_test_respond (msg, SOUP_STATUS_OK, "application/rss+xml",
                     g_strndup (whole, strlen (whole) / 2));
}

static void
site_cb (DashTestServer    *server,
         SoupServerMessage *msg,
         const char        *path)
{
  dash_test_respond (msg, SOUP_STATUS_OK, "text/html",
                     g_strdup ("<!DOCTYPE html><html><head><title>Site</title>"
                               "<link rel=\"stylesheet\" href=\"/style.css\">"
                               "<link rel=\"alternate\" type=\"application/rss+xml\" "
                               "title=\"News\" href=\"feed.xml\">"
                               "</head><body><p>Hello</p></body></html>"));
}

static void
site_feed_cb (DashTestServer    *server,
              SoupServerMessage *msg,
              const char        *path)
{
  dash_test_respond (msg, SOUP_STATUS_OK, "application/rss+xml",
                     dash_test_rss ("Site News", "site", 2));
}

static void
plain_cb (DashTestServer    *server,
          SoupServerMessage *msg,
          const char        *path)
{
  dash_test_respond (msg, SOUP_STATUS_OK, "text/html",
                     g_strdup ("<!DOCTYPE html><html><body>No feed here</body></html>"));
}

static void
big_cb (DashTestServer    *server,
        SoupServerMessage *msg,
        const char        *path)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
                               "<title>Big</title><!--");

  while (xml->len < 2 * 1024 * 1024)
    g_string_append (xml, "padding padding padding padding padding padding padding ");
  g_string_append (xml, "--></channel></rss>");
  dash_test_respond (msg, SOUP_STATUS_OK, "application/rss+xml", g_string_free (xml, FALSE));
}

static void
ttl_cb (DashTestServer    *server,
        SoupServerMessage *msg,
        const char        *path)
{
  g_autofree char *whole = dash_test_rss ("Slow Changes", "ttl", 1);
  const char *ttl = g_str_equal (path, "/ttl.xml") ? "<ttl> 180 </ttl>" : "<ttl>99999</ttl>";
  const char *at = strstr (whole, "</title>") + strlen ("</title>");

  /* <ttl> right after the channel's title. */
  dash_test_respond (msg, SOUP_STATUS_OK, "application/rss+xml",
                     g_strdup_printf ("%.*s%s%s", (int) (at - whole), whole, ttl, at));
}

static void
limited_cb (DashTestServer    *server,
            SoupServerMessage *msg,
            const char        *path)
{
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (response, "Retry-After", "3600");
  soup_server_message_set_status (msg, 429, "Too Many Requests");
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "slow down", 9);
}

static const DashTestRoute routes[] = {
  { "/rss.xml", rss_cb },
  { "/moved.xml", moved_cb },
  { "/for-now.xml", for_now_cb },
  { "/new-home.xml", new_home_cb },
  { "/slow.xml", slow_cb },
  { "/error.xml", error_cb },
  { "/garbage", garbage_cb },
  { "/broken.xml", broken_cb },
  { "/site/", site_cb },
  { "/site/feed.xml", site_feed_cb },
  { "/plain.html", plain_cb },
  { "/big.xml", big_cb },
  { "/ttl.xml", ttl_cb },
  { "/huge-ttl.xml", ttl_cb },
  { "/limited.xml", limited_cb },
  { NULL },
};

/* The fixture: a server, an empty corpus and its subscriptions. */

typedef DashTestFeeds Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  dash_test_feeds_set_up (f, "feeds", routes);
  dash_subscriptions_set_timeout (f->subs, 1);
  dash_subscriptions_set_max_size (f->subs, 1024 * 1024);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  dash_test_feeds_tear_down (f);
}

static guint
count_origin (Fixture    *f,
              const char *origin)
{
  g_autoptr(GListModel) all = dash_corpus_query (f->corpus, NULL, NULL);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(DashArticle) article = g_list_model_get_item (all, i);

      if (g_strcmp0 (dash_article_get_origin (article), origin) == 0)
        n++;
    }
  return n;
}

static DashFeed *
reload (Fixture *f,
        gint64   id)
{
  g_autoptr(GError) error = NULL;
  DashFeed *feed = dash_subscriptions_get (f->subs, id, &error);

  g_assert_no_error (error);
  return feed;
}

static DashFeedResult *
refresh_one (Fixture *f,
             gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = dash_subscriptions_refresh (f->subs, id, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);
  return g_ptr_array_steal_index (results, 0);
}

static void
test_feeds_fetch_and_conditional (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(DashFeed) feed = dash_test_feeds_subscribe (f, "/rss.xml");
  g_autoptr(DashFeedResult) first = NULL;
  g_autoptr(DashFeedResult) second = NULL;
  g_autoptr(DashFeed) after = NULL;
  g_autofree char *inm = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  first = refresh_one (f, feed->id);
  g_assert_true (first->ok);
  g_assert_false (first->not_modified);
  g_assert_cmpuint (first->added, ==, 3);
  g_assert_cmpuint (count_origin (f, feed->url), ==, 3);

  after = reload (f, feed->id);
  g_assert_cmpstr (after->title, ==, "Harbour Wire");
  g_assert_cmpstr (after->etag, ==, "\"v1\"");
  g_assert_null (after->last_error);
  g_assert_cmpuint (after->items_added, ==, 3);
  g_assert_cmpint (after->last_success, >=, now);
  g_assert_cmpint (after->next_fetch, >, now);
  g_assert_cmpuint (after->failures, ==, 0);

  /* The second time, the ETag comes back and the server says nothing changed. */
  second = refresh_one (f, feed->id);
  g_assert_true (second->ok);
  g_assert_true (second->not_modified);
  g_assert_cmpuint (second->added, ==, 0);
  inm = dash_test_server_get_if_none_match (f->server, "/rss.xml");
  g_assert_cmpstr (inm, ==, "\"v1\"");
  g_assert_cmpuint (dash_test_server_get_hits (f->server, "/rss.xml"), ==, 2);
  g_assert_cmpuint (dash_test_feeds_count_articles (f), ==, 3);
}

static void
test_feeds_redirect (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DashFeed) feed = dash_test_feeds_subscribe (f, "/moved.xml");
  g_autoptr(DashFeedResult) result = refresh_one (f, feed->id);
  g_autoptr(DashFeed) after = reload (f, feed->id);
  g_autofree char *new_url = dash_test_server_url (f->server, "/new-home.xml");

  g_assert_true (result->ok);
  g_assert_cmpuint (result->added, ==, 2);
  /* A permanent redirect moves the subscription and its stories. */
  g_assert_cmpstr (after->url, ==, new_url);
  g_assert_cmpuint (count_origin (f, new_url), ==, 2);
}

typedef struct {
  const char *path;
  const char *error;
} Broken;

static void
test_feeds_errors (Fixture       *f,
                   gconstpointer  data)
{
  static const Broken broken[] = {
    { "/error.xml", "500 Internal Server Error" },
    { "/missing.xml", "404 Not Found" },
    { "/slow.xml", "timed out" },
    { "/plain.html", "not a feed: the server sent an HTML page" },
    { "/garbage", "not a feed: the server sent application/octet-stream" },
    { "/big.xml", "too large: the feed is bigger than 1 MB" },
  };
  g_autoptr(DashFeed) good = NULL;
  g_autoptr(DashFeed) malformed = NULL;
  g_autoptr(GPtrArray) feeds = g_ptr_array_new_with_free_func ((GDestroyNotify)dash_feed_free);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    g_ptr_array_add (feeds, dash_test_feeds_subscribe (f, broken[i].path));
  malformed = dash_test_feeds_subscribe (f, "/broken.xml");
  good = dash_test_feeds_subscribe (f, "/rss.xml");

  /* The broken feeds come first and never stop the good one. */
  results = dash_subscriptions_refresh (f->subs, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, G_N_ELEMENTS (broken) + 2);

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      DashFeed *feed = g_ptr_array_index (feeds, i);
      DashFeedResult *result = g_ptr_array_index (results, i);
      g_autoptr(DashFeed) after = reload (f, feed->id);

      g_test_message ("%s: %s", broken[i].path, after->last_error);
      g_assert_false (result->ok);
      g_assert_cmpstr (result->error, ==, broken[i].error);
      g_assert_cmpstr (after->last_error, ==, broken[i].error);
      g_assert_cmpuint (after->failures, ==, 1);
      g_assert_cmpint (after->last_success, ==, 0);
      g_assert_cmpint (after->last_fetch, >=, now);
      /* The first back-off is a quarter of an hour. */
      g_assert_cmpint (after->next_fetch, >=, now + 15 * 60);
      g_assert_cmpuint (count_origin (f, feed->url), ==, 0);
    }

  /* A malformed document stores nothing. */
  {
    DashFeedResult *result = g_ptr_array_index (results, G_N_ELEMENTS (broken));
    g_autoptr(DashFeed) after = reload (f, malformed->id);

    g_assert_false (result->ok);
    g_assert_true (g_str_has_prefix (after->last_error, "malformed feed: "));
    g_assert_cmpuint (count_origin (f, malformed->url), ==, 0);
  }

  g_assert_true (((DashFeedResult *)g_ptr_array_index (results, results->len - 1))->ok);
  g_assert_cmpuint (dash_test_feeds_count_articles (f), ==, 3);

  /* Back-off: a refresh of everything leaves the broken ones alone for now. */
  g_clear_pointer (&results, g_ptr_array_unref);
  results = dash_subscriptions_refresh (f->subs, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dash_test_server_get_hits (f->server, "/error.xml"), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    g_assert_true (((DashFeedResult *)g_ptr_array_index (results, i))->skipped);

  /* Asking for one by id fetches it anyway, and the back-off doubles. */
  {
    DashFeed *feed = g_ptr_array_index (feeds, 0);
    g_autoptr(DashFeedResult) result = refresh_one (f, feed->id);
    g_autoptr(DashFeed) after = reload (f, feed->id);

    g_assert_false (result->ok);
    g_assert_cmpuint (after->failures, ==, 2);
    g_assert_cmpint (after->next_fetch, >=, now + 30 * 60);
    g_assert_cmpuint (dash_test_server_get_hits (f->server, "/error.xml"), ==, 2);
  }
}

static void
test_feeds_retry_after (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(DashFeed) feed = dash_test_feeds_subscribe (f, "/limited.xml");
  g_autoptr(DashFeedResult) result = refresh_one (f, feed->id);
  g_autoptr(DashFeed) after = reload (f, feed->id);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_false (result->ok);
  g_assert_cmpstr (after->last_error, ==, "429 Too Many Requests");
  /* The server asked for an hour, longer than our first back-off. */
  g_assert_cmpint (after->next_fetch, >=, now + 3600 - 5);

  results = dash_subscriptions_refresh (f->subs, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_true (((DashFeedResult *)g_ptr_array_index (results, 0))->skipped);
  g_assert_cmpuint (dash_test_server_get_hits (f->server, "/limited.xml"), ==, 1);
}

/* A channel's <ttl> (minutes) holds off the next fetch when it asks for longer than our
 * interval; a value past a day is not believed. */
static void
test_feeds_ttl (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DashFeed) feed = dash_test_feeds_subscribe (f, "/ttl.xml");
  g_autoptr(DashFeed) huge = dash_test_feeds_subscribe (f, "/huge-ttl.xml");
  g_autoptr(DashFeedResult) result = refresh_one (f, feed->id);
  g_autoptr(DashFeedResult) huge_result = refresh_one (f, huge->id);
  g_autoptr(DashFeed) after = reload (f, feed->id);
  g_autoptr(DashFeed) huge_after = reload (f, huge->id);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_true (result->ok);
  g_assert_cmpint (after->ttl, ==, 180 * 60);
  g_assert_cmpint (after->next_fetch, >=, now + 180 * 60 - 5);
  g_assert_true (huge_result->ok);
  g_assert_cmpint (huge_after->ttl, ==, 0);

  /* Refreshing all now leaves it be. */
  results = dash_subscriptions_refresh (f->subs, 0, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    {
      DashFeedResult *r = g_ptr_array_index (results, i);

      if (r->feed_id == feed->id)
        g_assert_true (r->skipped);
    }
  g_assert_cmpuint (dash_test_server_get_hits (f->server, "/ttl.xml"), ==, 1);
}

/* A server whose certificate nobody vouches for is not trusted, and says so; a
 * temporary redirect is followed without moving the subscription. */
static void
test_feeds_tls_and_temporary_redirect (Fixture       *f,
                                       gconstpointer  data)
{
  g_autofree char *pem = g_test_build_filename (G_TEST_DIST, "data", "self-signed.pem", NULL);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DashFeed) feed = NULL;
  g_autoptr(DashFeed) after = NULL;
  g_autoptr(DashFeed) moved = NULL;
  g_autoptr(DashFeed) moved_after = NULL;
  g_autoptr(DashFeedResult) result = NULL;
  g_autoptr(DashFeedResult) moved_result = NULL;
  g_autofree char *https_url = NULL;
  DashTestServer *https;

  certificate = g_tls_certificate_new_from_file (pem, &error);
  g_assert_no_error (error);
  https = dash_test_server_new_https (NULL, certificate);
  https_url = dash_test_server_url (https, "/alpha.xml");
  g_assert_true (g_str_has_prefix (https_url, "https://"));

  /* Adding fetches the address to find the feed: that is refused. */
  g_assert_null (dash_subscriptions_add (f->subs, https_url, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "certificate not trusted"));
  g_clear_error (&error);
  /* Subscribed all the same (as from OPML), each refresh says why nothing comes. */
  feed = dash_subscriptions_add_url (f->subs, https_url, NULL, &error);
  g_assert_no_error (error);
  result = refresh_one (f, feed->id);
  after = reload (f, feed->id);
  g_assert_false (result->ok);
  g_assert_cmpstr (after->last_error, ==, "TLS certificate not trusted");
  g_assert_cmpuint (dash_test_feeds_count_articles (f), ==, 0);
  dash_test_server_free (https);

  moved = dash_test_feeds_subscribe (f, "/for-now.xml");
  moved_result = refresh_one (f, moved->id);
  moved_after = reload (f, moved->id);
  g_assert_true (moved_result->ok);
  g_assert_cmpuint (moved_result->added, ==, 2);
  g_assert_cmpstr (moved_after->url, ==, moved->url);
}

static void
test_feeds_discovery (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *page = dash_test_server_url (f->server, "/site/");
  g_autofree char *expected = dash_test_server_url (f->server, "/site/feed.xml");
  g_autofree char *plain = dash_test_server_url (f->server, "/plain.html");
  g_autoptr(DashFeed) feed = NULL;
  g_autoptr(DashFeed) none = NULL;
  g_autoptr(DashFeed) again = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;

  feed = dash_subscriptions_add (f->subs, page, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (feed->url, ==, expected);
  g_assert_cmpstr (feed->title, ==, "Site News");

  /* A page without a feed subscribes to nothing. */
  none = dash_subscriptions_add (f->subs, plain, NULL, &error);
  g_assert_error (error, DASH_ERROR, DASH_ERROR_FORMAT);
  g_assert_null (none);
  g_clear_error (&error);

  /* Nor does a page already subscribed to. */
  again = dash_subscriptions_add (f->subs, page, NULL, &error);
  g_assert_error (error, DASH_ERROR, DASH_ERROR_FAILED);
  g_assert_null (again);
  g_clear_error (&error);

  feeds = dash_subscriptions_list (f->subs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feeds->len, ==, 1);
}

static void
test_feeds_manage (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DashFeed) wire = dash_test_feeds_subscribe (f, "/rss.xml");
  g_autoptr(DashFeed) site = dash_test_feeds_subscribe (f, "/site/feed.xml");
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DashFeed) renamed = NULL;
  g_autoptr(DashFeed) gone = NULL;
  guint deleted = 0;

  results = dash_subscriptions_refresh (f->subs, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dash_test_feeds_count_articles (f), ==, 5);

  g_assert_true (dash_subscriptions_rename (f->subs, wire->id, "My wire", &error));
  g_assert_no_error (error);
  renamed = reload (f, wire->id);
  g_assert_cmpstr (renamed->title, ==, "My wire");

  /* A paused feed is left out of a refresh of everything. */
  g_assert_true (dash_subscriptions_set_paused (f->subs, wire->id, TRUE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&results, g_ptr_array_unref);
  results = dash_subscriptions_refresh (f->subs, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_cmpint (((DashFeedResult *)g_ptr_array_index (results, 0))->feed_id, ==, site->id);

  /* Removing keeps the stories, or deletes the feed's own. */
  g_assert_true (dash_subscriptions_remove (f->subs, site->id, FALSE, &deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (deleted, ==, 0);
  g_assert_cmpuint (dash_test_feeds_count_articles (f), ==, 5);
  g_assert_true (dash_subscriptions_remove (f->subs, wire->id, TRUE, &deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (deleted, ==, 3);
  g_assert_cmpuint (dash_test_feeds_count_articles (f), ==, 2);

  gone = dash_subscriptions_get (f->subs, wire->id, &error);
  g_assert_error (error, DASH_ERROR, DASH_ERROR_NOT_FOUND);
  g_assert_null (gone);
  g_clear_error (&error);
  g_assert_false (dash_subscriptions_remove (f->subs, wire->id, FALSE, NULL, &error));
  g_assert_error (error, DASH_ERROR, DASH_ERROR_NOT_FOUND);
}

static void
refresh_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = dash_subscriptions_refresh_finish (DASH_SUBSCRIPTIONS (object), result, &error);
  g_assert_no_error (error);
}

static void
test_feeds_async (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DashFeed) feed = dash_test_feeds_subscribe (f, "/rss.xml");
  g_autoptr(GPtrArray) results = NULL;

  dash_subscriptions_refresh_async (f->subs, 0, NULL, refresh_done_cb, &results);
  while (results == NULL)
    g_main_context_iteration (NULL, TRUE);
  /* The worker thread may still hold the task, and through it the subscriptions, for a
   * moment after the callback ran. */
  for (guint i = 0; i < 5000 && g_atomic_int_get (&G_OBJECT (f->subs)->ref_count) > 1; i++)
    g_usleep (1000);
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_cmpuint (((DashFeedResult *)g_ptr_array_index (results, 0))->added, ==, 3);
  g_assert_cmpuint (dash_test_feeds_count_articles (f), ==, 3);
}

static void
test_feeds_opml (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(DashFeed) a = dash_test_feeds_subscribe (f, "/rss.xml");
  g_autoptr(DashFeed) b = dash_test_feeds_subscribe (f, "/site/feed.xml");
  g_autofree char *path = g_build_filename (f->dir, "feeds.opml", NULL);
  g_autofree char *other_db = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *foreign = g_build_filename (f->dir, "foreign.opml", NULL);
  g_autofree char *text = NULL;
  g_autoptr(DashCorpus) other = NULL;
  g_autoptr(DashSubscriptions) other_subs = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;
  guint added = 0;
  guint skipped = 0;

  g_assert_true (dash_subscriptions_rename (f->subs, b->id, "Site & News", &error));
  g_assert_true (dash_subscriptions_export_opml (f->subs, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "<opml version=\"2.0\">"));
  g_assert_nonnull (strstr (text, "Site &amp; News"));

  /* Into another corpus: the same feeds, titles and all. */
  other = dash_corpus_open (other_db, &error);
  g_assert_no_error (error);
  other_subs = dash_subscriptions_new (other);
  g_assert_true (dash_subscriptions_import_opml (other_subs, path, &added, &skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 2);
  g_assert_cmpuint (skipped, ==, 0);
  feeds = dash_subscriptions_list (other_subs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feeds->len, ==, 2);
  g_assert_cmpstr (((DashFeed *)g_ptr_array_index (feeds, 0))->url, ==, a->url);
  g_assert_cmpstr (((DashFeed *)g_ptr_array_index (feeds, 1))->url, ==, b->url);
  g_assert_cmpstr (((DashFeed *)g_ptr_array_index (feeds, 1))->title, ==, "Site & News");

  /* Again: nothing new. Folders of another reader, and a file that is not OPML. */
  g_assert_true (dash_subscriptions_import_opml (other_subs, path, &added, &skipped, &error));
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (skipped, ==, 2);
  g_assert_true (g_file_set_contents (foreign,
                                      "<?xml version=\"1.0\"?><opml version=\"1.0\"><body>"
                                      "<outline text=\"Asia\"><outline text=\"Tech\" "
                                      "type=\"rss\" xmlUrl=\"https://tech.example.com/rss\"/>"
                                      "</outline><outline text=\"bad\" xmlUrl=\"file:///etc\"/>"
                                      "</body></opml>", -1, NULL));
  g_assert_true (dash_subscriptions_import_opml (other_subs, foreign, &added, &skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);
  g_assert_cmpuint (skipped, ==, 1);
  g_assert_false (dash_subscriptions_import_opml (other_subs, other_db, NULL, NULL, &error));
  g_assert_error (error, DASH_ERROR, DASH_ERROR_FORMAT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/feeds/fetch/conditional", test_feeds_fetch_and_conditional);
  ADD ("/feeds/fetch/redirect", test_feeds_redirect);
  ADD ("/feeds/fetch/errors", test_feeds_errors);
  ADD ("/feeds/fetch/retry-after", test_feeds_retry_after);
  ADD ("/feeds/fetch/ttl", test_feeds_ttl);
  ADD ("/feeds/fetch/tls-and-temporary-redirect", test_feeds_tls_and_temporary_redirect);
  ADD ("/feeds/fetch/async", test_feeds_async);
  ADD ("/feeds/add/discovery", test_feeds_discovery);
  ADD ("/feeds/manage", test_feeds_manage);
  ADD ("/feeds/opml/round-trip", test_feeds_opml);
#undef ADD

  return g_test_run ();
}
