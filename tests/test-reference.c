/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The reference corpus (../shared/corpus, named by DASH_REFERENCE_CORPUS): two real
 * files of the kinds users import. Its text is read from there, never copied here:
 * what the tests expect of it is derived from the files themselves. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "dash-core.h"
#include "dash-test-util.h"

typedef struct {
  char       *dir;
  char       *db;
  DashCorpus *corpus;
  GPtrArray  *articles;   /* every stored story */
} Fixture;

static const char *
corpus_dir (void)
{
  const char *dir = g_getenv ("DASH_REFERENCE_CORPUS");

  if (dir == NULL)
    return NULL;
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    g_error ("DASH_REFERENCE_CORPUS is set to %s, which is not a folder", dir);
  return dir;
}

/* The reference file whose text contains @marker. */
static char *
reference_file (const char *marker)
{
  g_autoptr(GDir) dir = g_dir_open (corpus_dir (), 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (corpus_dir (), name, NULL);
      g_autofree char *text = NULL;

      if (g_file_get_contents (path, &text, NULL, NULL) && strstr (text, marker) != NULL)
        return g_steal_pointer (&path);
    }
  g_error ("no reference file contains “%s”", marker);
  return NULL;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DashImportJob) job = NULL;
  g_autoptr(GListModel) all = NULL;
  const char *paths[2] = { corpus_dir (), NULL };

  if (paths[0] == NULL)
    return;

  f->dir = dash_test_make_tmp_dir ("dash-reference");
  f->db = g_build_filename (f->dir, "corpus.db", NULL);
  job = dash_import_job_new (f->db, paths);
  g_assert_true (dash_import_job_run (job, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dash_import_job_get_failed (job), ==, 0);
  g_assert_cmpuint (dash_import_job_get_failures (job)->len, ==, 0);

  f->corpus = dash_corpus_open (f->db, &error);
  g_assert_no_error (error);
  all = dash_corpus_query (f->corpus, NULL, &error);
  g_assert_no_error (error);
  f->articles = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(DashArticle) row = g_list_model_get_item (all, i);
      g_ptr_array_add (f->articles, dash_corpus_get_article (f->corpus, dash_article_get_id (row),
                                                             NULL));
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->articles, g_ptr_array_unref);
  g_clear_object (&f->corpus);
  if (f->dir != NULL)
    dash_test_remove_tree (f->dir);
  g_clear_pointer (&f->db, g_free);
  g_clear_pointer (&f->dir, g_free);
}

static gboolean
skip_without_corpus (void)
{
  if (corpus_dir () == NULL)
    {
      g_test_skip ("DASH_REFERENCE_CORPUS is not set");
      return TRUE;
    }
  return FALSE;
}

static DashArticle *
find_by_title (Fixture    *f,
               const char *title)
{
  for (guint i = 0; i < f->articles->len; i++)
    if (g_strcmp0 (dash_article_get_title (g_ptr_array_index (f->articles, i)), title) == 0)
      return g_ptr_array_index (f->articles, i);
  return NULL;
}

static void
assert_clean_body (DashArticle *a)
{
  const char *body = dash_article_get_body (a);

  g_assert_nonnull (body);
  g_assert_cmpuint (strlen (body), >, 500);
  g_assert_null (strstr (body, "appeared first on"));
  g_assert_null (strstr (body, "Continue Reading"));
  g_assert_null (strstr (body, "]]>"));
  g_assert_null (strstr (body, "  "));
  g_assert_null (strstr (body, "\n\n\n"));
  g_assert_nonnull (strstr (body, "\n\n"));
}

static void
test_counts (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DashCorpusStats stats;

  if (skip_without_corpus ())
    return;

  g_assert_true (dash_corpus_get_stats (f->corpus, &stats, &error));
  g_assert_cmpuint (stats.articles, ==, 20);
  g_assert_cmpuint (stats.sources, ==, 2);

  /* Importing again adds nothing. */
  {
    const char *paths[] = { corpus_dir (), NULL };
    g_autoptr(DashImportJob) job = dash_import_job_new (f->db, paths);

    g_assert_true (dash_import_job_run (job, NULL, &error));
    g_assert_cmpuint (dash_import_job_get_imported (job), ==, 0);
    g_assert_cmpuint (dash_import_job_get_duplicates (job), ==, 20);
  }
}

static void
test_feed (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GRegex) footer = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GHashTable) titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_feed = 0;

  if (skip_without_corpus ())
    return;

  path = reference_file ("appeared first on");
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));

  /* The exact titles, as the WordPress footer of each item writes them. */
  footer = g_regex_new ("^\\s*The post (.+) appeared first on ", G_REGEX_MULTILINE, 0, NULL);
  g_regex_match (footer, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_hash_table_add (titles, g_match_info_fetch (match, 1));
      g_match_info_next (match, NULL);
    }
  g_assert_cmpuint (g_hash_table_size (titles), ==, 10);

  for (guint i = 0; i < f->articles->len; i++)
    {
      DashArticle *a = g_ptr_array_index (f->articles, i);
      g_autofree char *url_in_text = NULL;
      g_autofree char *header = NULL;

      if (!g_str_has_prefix (dash_article_get_url (a) ?: "", "https://techwireasia.com/20"))
        continue;
      n_feed++;
      g_assert_true (g_hash_table_contains (titles, dash_article_get_title (a)));
      /* The item's header line holds its title, URL and date in that order. */
      header = g_strdup_printf ("%s %s ", dash_article_get_title (a), dash_article_get_url (a));
      g_assert_nonnull (strstr (text, header));
      g_assert_false (dash_article_get_date_estimated (a));
      g_assert_cmpint (dash_article_get_published (a), >, 1735689600);  /* 2025 */
      g_assert_true (g_str_has_prefix (dash_article_get_guid (a), "https://techwireasia.com/?p="));
      g_assert_cmpstr (dash_article_get_source (a), ==, "TechWire Asia");
      g_assert_cmpstr (dash_article_get_language (a), ==, "en-GB");
      assert_clean_body (a);
    }
  g_assert_cmpuint (n_feed, ==, 10);

  /* Two dates checked against their header lines by hand. */
  {
    DashArticle *a = find_by_title (f, "Trade War 2.0: China strikes back at US with tech and "
                                       "metal sanctions");
    g_autoptr(GDateTime) dt = NULL;
    g_autofree char *iso = NULL;

    g_assert_nonnull (a);
    dt = g_date_time_new_from_unix_utc (dash_article_get_published (a));
    iso = dash_date_to_iso8601 (dt);
    g_assert_cmpstr (iso, ==, "2025-02-05T17:15:56Z");
  }
}

static void
test_dump (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) chunks = NULL;
  guint n_titles = 0;

  if (skip_without_corpus ())
    return;

  path = reference_file ("Continue Reading");
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));

  /* Each article's first line is "Title – Asia Times": the stored title is the part
   * before the dash, exactly. */
  chunks = g_strsplit (text, "Continue Reading", -1);
  for (guint i = 0; chunks[i] != NULL; i++)
    {
      g_autofree char *chunk = g_strstrip (g_strdup (chunks[i]));
      g_autofree char *title = NULL;
      char *nl, *dash;
      DashArticle *a;

      if (*chunk == '\0')
        continue;
      nl = strchr (chunk, '\n');
      if (nl != NULL)
        *nl = '\0';
      dash = g_strrstr (chunk, " \u2013 Asia Times");
      g_assert_nonnull (dash);
      title = g_strndup (chunk, dash - chunk);

      a = find_by_title (f, title);
      g_assert_nonnull (a);
      n_titles++;
      g_assert_cmpstr (dash_article_get_source (a), ==, "Asia Times");
      g_assert_true (dash_article_get_date_estimated (a));
      g_assert_cmpint (dash_article_get_published (a), >, 0);
      g_assert_null (dash_article_get_url (a));
      assert_clean_body (a);
    }
  g_assert_cmpuint (n_titles, ==, 10);

  /* "mid-January 2025" is the latest date the Africa media story names. */
  {
    DashArticle *a = find_by_title (f, "Chinese media in a good news, soft power push into Africa");
    g_autoptr(GDateTime) dt = NULL;
    g_autofree char *iso = NULL;

    g_assert_nonnull (a);
    dt = g_date_time_new_from_unix_utc (dash_article_get_published (a));
    iso = dash_date_to_iso8601 (dt);
    g_assert_cmpstr (iso, ==, "2025-01-15T00:00:00Z");
  }
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(DashFilter) filter = dash_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) hits = NULL;

  if (skip_without_corpus ())
    return;

  dash_filter_set_query (filter, "DeepSeek");
  filter->sort = DASH_SORT_RELEVANCE;
  hits = dash_corpus_query (f->corpus, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (hits), >=, 4);
  for (guint i = 0; i < g_list_model_get_n_items (hits); i++)
    {
      g_autoptr(DashArticle) a = g_list_model_get_item (hits, i);
      g_assert_nonnull (strstr (dash_article_get_snippet (a), "**DeepSeek"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/reference/counts", test_counts);
  ADD ("/reference/feed", test_feed);
  ADD ("/reference/dump", test_dump);
  ADD ("/reference/search", test_search);

  return g_test_run ();
}
