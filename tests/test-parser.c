/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dash-core.h"
#include "dash-test-util.h"

static GDateTime *
fixed_now (void)
{
  return g_date_time_new_utc (2026, 11, 24, 12, 0, 0);
}

static GPtrArray *
parse_fixture (const char  *name,
               DashFormat   expected_format,
               char       **warning)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GError) error = NULL;
  DashFormat format = DASH_FORMAT_UNKNOWN;
  GPtrArray *articles;

  articles = dash_parser_parse_file (path, now, &format, warning, &error);
  g_assert_no_error (error);
  g_assert_nonnull (articles);
  g_assert_cmpstr (dash_format_to_string (format), ==, dash_format_to_string (expected_format));
  return articles;
}

static DashArticle *
article_at (GPtrArray *articles,
            guint      i)
{
  g_assert_cmpuint (i, <, articles->len);
  return g_ptr_array_index (articles, i);
}

static char *
iso (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);
  return dash_date_to_iso8601 (dt);
}

static void
assert_time (DashArticle *article,
             const char  *expected,
             gboolean     estimated)
{
  g_autofree char *got = iso (dash_article_get_published (article));

  g_assert_cmpstr (got, ==, expected);
  g_assert_cmpint (dash_article_get_date_estimated (article), ==, estimated);
}

static void
test_rss2 (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("rss2.xml", DASH_FORMAT_RSS, NULL);
  DashArticle *a;

  g_assert_cmpuint (articles->len, ==, 3);

  a = article_at (articles, 0);
  /* Markup in a title is text, entities decoded. */
  g_assert_cmpstr (dash_article_get_title (a), ==, "Port authority doubles inspection fees");
  /* A relative link resolves against the channel link. */
  g_assert_cmpstr (dash_article_get_url (a), ==, "https://monitor.example.org/news/2024/05/port-fees");
  g_assert_cmpstr (dash_article_get_guid (a), ==, "monitor-1001");
  g_assert_cmpstr (dash_article_get_author (a), ==, "Lena Ortiz");
  g_assert_cmpstr (dash_article_get_source (a), ==, "Harbour & Strait Monitor");
  g_assert_cmpstr (dash_article_get_language (a), ==, "en-US");
  assert_time (a, "2024-05-14T00:30:00Z", FALSE);
  /* content:encoded wins over description for the body, paragraphs are kept, scripts
   * and the WordPress footer are gone, entities decoded. */
  g_assert_cmpstr (dash_article_get_body (a), ==,
                   "The port authority said on Tuesday that inspection fees would double "
                   "from June.\n\nShipping lines called the move \u201ca tariff by another "
                   "name\u201d & said they would pass the cost on.");
  g_assert_cmpstr (dash_article_get_summary (a), ==,
                   "The port authority said fees would double from June.");
  g_assert_nonnull (dash_article_get_content_hash (a));

  a = article_at (articles, 1);
  g_assert_cmpstr (dash_article_get_title (a), ==, "Ministers meet on grain corridor");
  /* Without a guid the URL identifies the story; &nbsp; and a bare & are read. */
  g_assert_cmpstr (dash_article_get_guid (a), ==, dash_article_get_url (a));
  g_assert_cmpstr (dash_article_get_body (a), ==,
                   "Talks on the grain corridor resumed in the capital, AT&T engineers said.");
  assert_time (a, "2024-05-15T17:05:00Z", FALSE);

  a = article_at (articles, 2);
  /* A permalink guid is the link; the date is estimated from the text. */
  g_assert_cmpstr (dash_article_get_url (a), ==, "https://monitor.example.org/news/customs-briefing");
  assert_time (a, "2024-04-05T00:00:00Z", TRUE);
}

static void
test_rss091_latin1 (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("rss091.xml", DASH_FORMAT_RSS, NULL);
  DashArticle *a = article_at (articles, 0);

  g_assert_cmpuint (articles->len, ==, 1);
  g_assert_cmpstr (dash_article_get_title (a), ==, "R\u00e9sum\u00e9 des n\u00e9gociations \u00e0 Gen\u00e8ve");
  g_assert_cmpstr (dash_article_get_body (a), ==,
                   "Les d\u00e9l\u00e9gations se sont r\u00e9unies \u00e0 Gen\u00e8ve le 2 juin.");
  g_assert_cmpstr (dash_article_get_language (a), ==, "fr");
  g_assert_cmpstr (dash_article_get_source (a), ==, "Old Wire");
}

static void
test_rdf (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("rdf.xml", DASH_FORMAT_RDF, NULL);
  DashArticle *a = article_at (articles, 0);

  g_assert_cmpuint (articles->len, ==, 2);
  g_assert_cmpstr (dash_article_get_title (a), ==, "Water treaty talks stall");
  g_assert_cmpstr (dash_article_get_url (a), ==, "https://rdf.example.net/2023/09/water-treaty");
  g_assert_cmpstr (dash_article_get_author (a), ==, "Amir Haddad");
  g_assert_cmpstr (dash_article_get_source (a), ==, "Plateau Review");
  assert_time (a, "2023-09-12T08:00:00Z", FALSE);
  assert_time (article_at (articles, 1), "2023-09-13T00:00:00Z", FALSE);
}

static void
test_atom (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("atom.xml", DASH_FORMAT_ATOM, NULL);
  DashArticle *a = article_at (articles, 0);

  g_assert_cmpuint (articles->len, ==, 2);
  g_assert_cmpstr (dash_article_get_title (a), ==, "Drone procurement review");
  /* rel="alternate" is the story; xml:base resolves it. */
  g_assert_cmpstr (dash_article_get_url (a), ==, "https://atom.example.com/blog/posts/drone-review");
  g_assert_cmpstr (dash_article_get_guid (a), ==, "tag:atom.example.com,2025:1");
  g_assert_cmpstr (dash_article_get_author (a), ==, "Priya Raman");
  g_assert_cmpstr (dash_article_get_language (a), ==, "en");
  g_assert_cmpstr (dash_article_get_source (a), ==, "Delta Security Notes");
  /* published wins over updated. */
  assert_time (a, "2025-01-08T14:15:00Z", FALSE);
  g_assert_cmpstr (dash_article_get_body (a), ==,
                   "The ministry reviewed drone purchases.\n\nAuditors found delays.");

  a = article_at (articles, 1);
  assert_time (a, "2025-01-10T07:00:00Z", FALSE);
  g_assert_cmpstr (dash_article_get_body (a), ==,
                   "Ten ships took part.\n\nThe exercise ended on Friday.");
}

static void
test_json_newsapi (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("newsapi.json", DASH_FORMAT_JSON, NULL);
  DashArticle *a = article_at (articles, 0);

  g_assert_cmpuint (articles->len, ==, 2);
  g_assert_cmpstr (dash_article_get_source (a), ==, "Meridian Post");
  g_assert_cmpstr (dash_article_get_author (a), ==, "Tomas Lindqvist");
  g_assert_cmpstr (dash_article_get_url (a), ==, "https://meridian.example.com/chips/export-rules");
  assert_time (a, "2024-10-02T14:20:00Z", FALSE);
  /* The API's truncation marker is not part of the story. */
  g_assert_true (g_str_has_suffix (dash_article_get_body (a), "widening earlier controls\u2026"));

  a = article_at (articles, 1);
  g_assert_null (dash_article_get_author (a));
  assert_time (a, "2024-10-02T21:00:00Z", FALSE);
  g_assert_cmpstr (dash_article_get_summary (a), ==, "Leaders agreed to coordinate on supply chains.");
  /* Without content the body is the description. */
  g_assert_cmpstr (dash_article_get_body (a), ==, dash_article_get_summary (a));
}

static void
test_json_array (void)
{
  g_autofree char *warning = NULL;
  g_autoptr(GPtrArray) articles = parse_fixture ("array.json", DASH_FORMAT_JSON, &warning);
  DashArticle *a = article_at (articles, 0);

  /* Two entries are not articles: they are skipped and said so. */
  g_assert_cmpuint (articles->len, ==, 3);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "2 items skipped"));

  g_assert_cmpstr (dash_article_get_title (a), ==, "Fisheries accord signed");
  g_assert_cmpstr (dash_article_get_body (a), ==,
                   "The two governments signed a fisheries accord.\n\nIt runs for five years.");
  g_assert_cmpstr (dash_article_get_author (a), ==, "Ana Costa, Li Wei");
  g_assert_cmpstr (dash_article_get_source (a), ==, "Coastal Times");
  assert_time (a, "2022-07-19T00:00:00Z", FALSE);

  a = article_at (articles, 1);
  /* Milliseconds since the epoch. */
  assert_time (a, "2022-08-08T23:06:40Z", FALSE);
  g_assert_cmpstr (dash_article_get_source (a), ==, "Coastal Times");

  a = article_at (articles, 2);
  g_assert_cmpstr (dash_article_get_title (a), ==, "Port strike ends");
  assert_time (a, "2022-08-10T02:53:20Z", FALSE);
  /* No source in the entry: the file's name stands in. */
  g_assert_cmpstr (dash_article_get_source (a), ==, "array");
}

static void
test_json_lines (void)
{
  g_autofree char *warning = NULL;
  g_autoptr(GPtrArray) articles = parse_fixture ("lines.jsonl", DASH_FORMAT_JSON_LINES, &warning);

  g_assert_cmpuint (articles->len, ==, 3);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "line 3"));
  assert_time (article_at (articles, 0), "2021-03-01T10:00:00Z", FALSE);
  assert_time (article_at (articles, 1), "2021-03-02T09:30:00Z", FALSE);
  g_assert_cmpstr (dash_article_get_source (article_at (articles, 1)), ==, "ledger.example.net");
  g_assert_cmpstr (dash_article_get_body (article_at (articles, 1)), ==,
                   "The central bank widened the trading band.");
  g_assert_cmpstr (dash_article_get_title (article_at (articles, 2)), ==, "Bridge reopens");
  assert_time (article_at (articles, 2), "2021-03-03T12:00:00Z", FALSE);
}

static void
test_text_dump (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("dump.txt", DASH_FORMAT_TEXT_DUMP, NULL);
  DashArticle *a = article_at (articles, 0);

  g_assert_cmpuint (articles->len, ==, 3);
  g_assert_cmpstr (dash_article_get_title (a), ==, "Border talks resume after long pause");
  g_assert_cmpstr (dash_article_get_source (a), ==, "Frontier Weekly");
  g_assert_cmpstr (dash_article_get_body (a), ==,
                   "Negotiators from both sides met on Monday for the first time in months.\n\n"
                   "The talks, held in a neutral city, focused on patrol routes.\n\n"
                   "Officials said the previous round was held in late October 2024.");
  assert_time (a, "2024-10-25T00:00:00Z", TRUE);
  assert_time (article_at (articles, 1), "2024-09-30T00:00:00Z", TRUE);
  /* No date in the text: the median of the file's other stories. */
  assert_time (article_at (articles, 2), "2024-10-25T00:00:00Z", TRUE);
}

static void
test_text_feed (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("textfeed.txt", DASH_FORMAT_TEXT_FEED, NULL);
  DashArticle *a = article_at (articles, 0);

  g_assert_cmpuint (articles->len, ==, 2);
  /* The channel's own fields before the first item are not part of its title. */
  g_assert_cmpstr (dash_article_get_title (a), ==, "Robotics startup raises new funding");
  g_assert_cmpstr (dash_article_get_url (a), ==,
                   "https://orbit.example.com/2025/03/robotics-startup-funding/");
  g_assert_cmpstr (dash_article_get_guid (a), ==, "https://orbit.example.com/?p=5001");
  g_assert_cmpstr (dash_article_get_source (a), ==, "Orbit News");
  g_assert_cmpstr (dash_article_get_language (a), ==, "en-GB");
  assert_time (a, "2025-03-10T10:00:00Z", FALSE);
  g_assert_true (g_str_has_suffix (dash_article_get_summary (a), "warehouse robots\u2026"));
  g_assert_cmpstr (dash_article_get_body (a), ==,
                   "A robotics startup raised money from regional investors.\n\n"
                   "The round values the company at $1 billion.\n\n"
                   "The startup builds warehouse robots for logistics firms across the region.\n\n"
                   "Its founders said the money would fund a new factory.");

  a = article_at (articles, 1);
  g_assert_cmpstr (dash_article_get_title (a), ==, "Chipmaker opens design centre");
  assert_time (a, "2025-02-20T08:15:30Z", FALSE);
  g_assert_cmpstr (dash_article_get_body (a), ==,
                   "A chipmaker opened a design centre employing 300 engineers.\n\n"
                   "The centre will work on power-efficient processors.");
}

static void
assert_parse_fails (const char *name,
                    int         code,
                    const char *needle)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = dash_parser_parse_file (path, NULL, NULL, NULL, &error);

  g_assert_null (articles);
  g_assert_error (error, DASH_ERROR, code);
  /* Every message names the file. */
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, needle));
}

static void
test_bad_files (void)
{
  assert_parse_fails ("broken.xml", DASH_ERROR_MALFORMED, "broken XML at line");
  assert_parse_fails ("page.html", DASH_ERROR_FORMAT, "HTML page");
  assert_parse_fails ("junk.bin", DASH_ERROR_FORMAT, "binary data");
  assert_parse_fails ("empty.txt", DASH_ERROR_FORMAT, "empty");
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = dash_parser_parse_file ("/nonexistent/feed.xml", NULL, NULL,
                                                          NULL, &error);

  g_assert_null (articles);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "/nonexistent/feed.xml"));
}

static void
test_huge_file (void)
{
  g_autofree char *dir = dash_test_make_tmp_dir ("dash-huge");
  g_autofree char *path = g_build_filename (dir, "huge.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  FILE *file = fopen (path, "w");

  /* A sparse file just over the limit: refused by its size, without reading it. */
  g_assert_nonnull (file);
  g_assert_cmpint (ftruncate (fileno (file), DASH_PARSER_MAX_FILE_SIZE + 1), ==, 0);
  fclose (file);

  articles = dash_parser_parse_file (path, NULL, NULL, NULL, &error);
  g_assert_null (articles);
  g_assert_error (error, DASH_ERROR, DASH_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "too large"));

  g_remove (path);
  g_rmdir (dir);
}

static void
test_hostile_memory (void)
{
  /* Bytes that are none of the formats, truncated prefixes of valid ones, deep
   * nesting, entity bombs: an error or articles, never a crash. */
  const char *inputs[] = {
    "<",
    "<?xml",
    "<rss><channel><item><title>x",
    "<!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>"
    "<rss><channel><item><title>&d;&d;&d;</title></item></channel></rss>",
    "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
    "<rss><channel><title>t</title><item><title>&xxe;</title><description>d</description>"
    "</item></channel></rss>",
    "{",
    "[1, 2, 3]",
    "{\"articles\": 5}",
    "{\"title\": 5}\n{\"title\": [",
    "\xff\xfe\x00\x00",
    "\xef\xbb\xbf",
    "Continue Reading\nContinue Reading\n",
    "Title only\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) articles = dash_parser_parse (inputs[i], strlen (inputs[i]) +
                                                         (i == 9 ? 4 : 0),
                                                         "hostile", NULL, NULL, NULL, &error);

      g_assert_true ((articles == NULL) != (error == NULL));
      if (articles != NULL)
        for (guint k = 0; k < articles->len; k++)
          {
            DashArticle *a = g_ptr_array_index (articles, k);

            g_assert_true (g_utf8_validate (dash_article_get_title (a), -1, NULL));
            /* No external entity was ever read. */
            g_assert_null (strstr (dash_article_get_title (a), "root:"));
          }
    }

  /* Random bytes. */
  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (42);

    for (guint round = 0; round < 200; round++)
      {
        guint len = g_rand_int_range (rand, 1, 2048);
        g_autofree char *bytes = g_malloc (len);
        g_autoptr(GError) error = NULL;
        g_autoptr(GPtrArray) articles = NULL;

        for (guint k = 0; k < len; k++)
          bytes[k] = (char)g_rand_int_range (rand, 0, 256);
        if (round % 3 == 0)
          bytes[0] = '<';
        else if (round % 3 == 1)
          bytes[0] = '{';
        articles = dash_parser_parse (bytes, len, "random", NULL, NULL, NULL, &error);
        g_assert_true ((articles == NULL) != (error == NULL));
      }
  }
}

static GPtrArray *
parse_string (const char  *data,
              gssize       len,
              GError     **error)
{
  return dash_parser_parse (data, len < 0 ? strlen (data) : (gsize)len, "memory", NULL, NULL,
                            NULL, error);
}

static void
test_review_regressions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;

  /* An XML file that is no feed names its root element (and reads no freed memory). */
  articles = parse_string ("<?xml version=\"1.0\"?><notafeed/>", -1, &error);
  g_assert_null (articles);
  g_assert_nonnull (strstr (error->message, "<notafeed>"));
  g_clear_error (&error);

  /* JSON nested deeper than any export is refused, not a stack overflow. */
  {
    g_autoptr(GString) deep = g_string_new (NULL);

    for (guint i = 0; i < 100000; i++)
      g_string_append_c (deep, '[');
    articles = parse_string (deep->str, deep->len, &error);
    g_assert_null (articles);
    g_assert_error (error, DASH_ERROR, DASH_ERROR_MALFORMED);
    g_assert_nonnull (strstr (error->message, "nested"));
    g_clear_error (&error);
  }

  /* A title with a hyphen keeps it when nothing says the tail is a publication. */
  g_clear_pointer (&articles, g_ptr_array_unref);
  articles = parse_string ("Ceasefire talks - what we know so far\n\nNegotiators met.\n", -1,
                           &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dash_article_get_title (g_ptr_array_index (articles, 0)), ==,
                   "Ceasefire talks - what we know so far");

  /* Entities the document declares are part of its text. */
  g_clear_pointer (&articles, g_ptr_array_unref);
  articles = parse_string ("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY co \"Example Co\">]>"
                           "<rss version=\"2.0\"><channel><title>t</title><item>"
                           "<title>&co; results</title><description>d</description>"
                           "</item></channel></rss>", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dash_article_get_title (g_ptr_array_index (articles, 0)), ==,
                   "Example Co results");
}

static void
test_encodings (void)
{
  g_autofree char *feed_path = g_test_build_filename (G_TEST_DIST, "data", "textfeed.txt", NULL);
  g_autofree char *rss_path = g_test_build_filename (G_TEST_DIST, "data", "rss2.xml", NULL);
  g_autofree char *feed = NULL;
  g_autofree char *rss = NULL;
  g_autofree char *cp1252 = NULL;
  g_autofree char *utf16 = NULL;
  g_autofree char *with_bom = NULL;
  g_autoptr(GPtrArray) from_cp1252 = NULL;
  g_autoptr(GPtrArray) from_utf16 = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (feed_path, &feed, NULL, NULL));
  g_assert_true (g_file_get_contents (rss_path, &rss, NULL, NULL));

  /* A stripped feed saved as Windows-1252 is still a feed of two items. */
  cp1252 = g_convert (feed, -1, "WINDOWS-1252", "UTF-8", NULL, &len, &error);
  g_assert_no_error (error);
  from_cp1252 = parse_string (cp1252, len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (from_cp1252->len, ==, 2);
  g_assert_true (g_str_has_suffix (dash_article_get_summary (g_ptr_array_index (from_cp1252, 0)),
                                   "\u2026"));

  /* A UTF-16 feed with its byte order mark. */
  {
    g_autoptr(GString) declared = g_string_new (rss);

    g_string_replace (declared, "encoding=\"UTF-8\"", "encoding=\"UTF-16\"", 1);
    utf16 = g_convert (declared->str, -1, "UTF-16LE", "UTF-8", NULL, &len, &error);
    g_assert_no_error (error);
    with_bom = g_malloc (len + 2);
    with_bom[0] = (char)0xFF;
    with_bom[1] = (char)0xFE;
    memcpy (with_bom + 2, utf16, len);
  }
  from_utf16 = parse_string (with_bom, len + 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (from_utf16->len, ==, 3);
  g_assert_cmpstr (dash_article_get_title (g_ptr_array_index (from_utf16, 0)), ==,
                   "Port authority doubles inspection fees");
}

static void
test_detect (void)
{
  struct { const char *data; DashFormat format; } cases[] = {
    { "<?xml version=\"1.0\"?><rss version=\"2.0\">", DASH_FORMAT_RSS },
    { "\xef\xbb\xbf  <feed xmlns=\"http://www.w3.org/2005/Atom\">", DASH_FORMAT_ATOM },
    { "<rdf:RDF xmlns=\"http://purl.org/rss/1.0/\">", DASH_FORMAT_RDF },
    { "[{\"title\": \"a\"}]", DASH_FORMAT_JSON },
    { "{\"articles\": []}", DASH_FORMAT_JSON },
    { "{\"title\": \"a\"}\n{\"title\": \"b\"}\n", DASH_FORMAT_JSON_LINES },
    { "A title \u2013 Paper\n\nText.\n\nContinue Reading\n", DASH_FORMAT_TEXT_DUMP },
    { "x\0y", DASH_FORMAT_UNKNOWN },
    { "", DASH_FORMAT_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (dash_parser_detect (cases[i].data, i == 7 ? 3 : strlen (cases[i].data), NULL),
                     ==, cases[i].format);
}

static void
test_content_hash (void)
{
  g_autoptr(DashArticle) a = dash_article_new ();
  g_autoptr(DashArticle) b = dash_article_new ();
  g_autoptr(DashArticle) c = dash_article_new ();

  dash_article_set_title (a, "Talks resume");
  dash_article_set_body (a, "Negotiators met on Monday.");
  dash_article_update_content_hash (a);
  /* Case, spacing and punctuation do not make another story. */
  dash_article_set_title (b, "TALKS  resume");
  dash_article_set_body (b, "Negotiators met, on Monday");
  dash_article_update_content_hash (b);
  dash_article_set_title (c, "Talks resume");
  dash_article_set_body (c, "Negotiators met on Tuesday.");
  dash_article_update_content_hash (c);

  g_assert_cmpstr (dash_article_get_content_hash (a), ==, dash_article_get_content_hash (b));
  g_assert_cmpstr (dash_article_get_content_hash (a), !=, dash_article_get_content_hash (c));
  g_assert_cmpuint (strlen (dash_article_get_content_hash (a)), ==, 32);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/parser/rss/2.0", test_rss2);
  g_test_add_func ("/parser/rss/0.91-latin1", test_rss091_latin1);
  g_test_add_func ("/parser/rss/1.0-rdf", test_rdf);
  g_test_add_func ("/parser/atom", test_atom);
  g_test_add_func ("/parser/json/newsapi", test_json_newsapi);
  g_test_add_func ("/parser/json/array", test_json_array);
  g_test_add_func ("/parser/json/lines", test_json_lines);
  g_test_add_func ("/parser/text/dump", test_text_dump);
  g_test_add_func ("/parser/text/feed", test_text_feed);
  g_test_add_func ("/parser/bad-files", test_bad_files);
  g_test_add_func ("/parser/missing-file", test_missing_file);
  g_test_add_func ("/parser/hostile", test_hostile_memory);
  g_test_add_func ("/parser/huge-file", test_huge_file);
  g_test_add_func ("/parser/detect", test_detect);
  g_test_add_func ("/parser/review-regressions", test_review_regressions);
  g_test_add_func ("/parser/encodings", test_encodings);
  g_test_add_func ("/parser/content-hash", test_content_hash);

  return g_test_run ();
}
