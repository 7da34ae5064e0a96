/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The demo library the first-run page offers (data/demo/demo-library.json, built into
 * the core resource): it is read from the resource, imported with analysis through
 * DashImportJob as the app does, and the result is what a first look at the app
 * should show: some 60 dated stories of 2018-2025, every built-in topic well filled,
 * the main people, countries and alliances found, each story citing the home page of
 * a real source. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "dash-core.h"
#include "dash-test-util.h"

#define DEMO_URI "resource:///org/example/Dashboard/core/demo/demo-library.json"

typedef struct {
  char          *dir;
  char          *db_path;
  DashCorpus    *corpus;
  guint          n_entries;   /* objects in the file's "articles" array */
  guint          imported;
  guint          duplicates;
  guint          failed;
  guint          n_failures;
} Demo;

static Demo demo;

typedef struct {
  gboolean  done;
  gboolean  ok;
  GError   *error;
} ImportResult;

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ImportResult *import = user_data;

  import->ok = dash_import_job_run_finish (DASH_IMPORT_JOB (source), result, &import->error);
  import->done = TRUE;
}

/* Reads the demo library from the resource and, since DashImportJob takes paths only,
 * copies it to a file that the job imports; once, for every test. */
static Demo *
get_demo (void)
{
  g_autoptr(GFile) resource = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(DashImportJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  const char *paths[2] = { NULL, NULL };
  ImportResult import = { FALSE, FALSE, NULL };
  JsonObject *root;

  if (demo.corpus != NULL)
    return &demo;

  resource = g_file_new_for_uri (DEMO_URI);
  bytes = g_file_load_bytes (resource, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);

  /* The news-API shape the JSON parser understands: {"articles": [...]}. */
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_has_member (root, "articles"));
  demo.n_entries = json_array_get_length (json_object_get_array_member (root, "articles"));

  demo.dir = dash_test_make_tmp_dir ("dash-demo");
  demo.db_path = g_build_filename (demo.dir, "corpus.db", NULL);
  copy = g_build_filename (demo.dir, "demo-library.json", NULL);
  g_assert_true (g_file_set_contents (copy, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);

  /* The app's import path: the job on a worker thread, with entities and topics. */
  paths[0] = copy;
  job = dash_import_job_new (demo.db_path, paths);
  dash_import_job_set_analyze (job, TRUE);
  dash_import_job_run_async (job, NULL, import_done_cb, &import);
  while (!import.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (import.error);
  g_assert_true (import.ok);

  demo.imported = dash_import_job_get_imported (job);
  demo.duplicates = dash_import_job_get_duplicates (job);
  demo.failed = dash_import_job_get_failed (job);
  demo.n_failures = dash_import_job_get_failures (job)->len;

  demo.corpus = dash_corpus_open (demo.db_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (demo.corpus);
  return &demo;
}

static GPtrArray *
all_stories (Demo *d)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = dash_corpus_query (d->corpus, NULL, &error);
  GPtrArray *stories = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (stories, g_list_model_get_item (model, i));
  return stories;
}

static void
test_import (void)
{
  Demo *d = get_demo ();
  DashCorpusStats stats;
  g_autoptr(GError) error = NULL;

  /* Every story of the file is stored: none skipped as a duplicate, none failed. */
  g_assert_cmpuint (d->n_failures, ==, 0);
  g_assert_cmpuint (d->failed, ==, 0);
  g_assert_cmpuint (d->duplicates, ==, 0);
  g_assert_cmpuint (d->imported, ==, d->n_entries);

  g_assert_true (dash_corpus_get_stats (d->corpus, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.articles, ==, d->imported);
  g_assert_cmpuint (stats.articles, >=, 55);
  g_assert_cmpuint (stats.articles, <=, 65);
}

static void
test_dates (void)
{
  Demo *d = get_demo ();
  g_autoptr(GPtrArray) stories = all_stories (d);
  g_autoptr(GDateTime) first = g_date_time_new_utc (2018, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
  g_autoptr(GHashTable) years = g_hash_table_new (NULL, NULL);

  g_assert_cmpuint (stories->len, ==, d->imported);
  for (guint i = 0; i < stories->len; i++)
    {
      DashArticle *article = g_ptr_array_index (stories, i);
      gint64 published = dash_article_get_published (article);
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (published);

      /* Dated by the file, not guessed from the text. */
      if (dash_article_get_date_estimated (article))
        g_test_fail_printf ("“%s”: date estimated", dash_article_get_title (article));
      if (published < g_date_time_to_unix (first) || published >= g_date_time_to_unix (end))
        g_test_fail_printf ("“%s”: published outside 2018–2025",
                            dash_article_get_title (article));
      g_hash_table_add (years, GINT_TO_POINTER (g_date_time_get_year (dt)));
    }
  g_assert_cmpuint (g_hash_table_size (years), >=, 7);
}

/* Each story shows its title, text, author and a source, and links to the home page of
 * that source (a fragment keeps the links apart), never to a page of our invention. */
static void
test_sources (void)
{
  Demo *d = get_demo ();
  g_autoptr(GPtrArray) stories = all_stories (d);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < stories->len; i++)
    {
      DashArticle *article = g_ptr_array_index (stories, i);
      const char *title = dash_article_get_title (article);
      const char *url = dash_article_get_url (article);
      const char *body = dash_article_get_body (article);
      g_autoptr(GUri) uri = NULL;
      g_autoptr(GError) error = NULL;
      guint sentences = 0;

      g_assert_nonnull (title);
      g_assert_cmpstr (dash_article_get_author (article), ==, "Dashboard demo library");
      g_assert_nonnull (dash_article_get_source (article));
      g_assert_cmpuint (strlen (dash_article_get_source (article)), >, 0);

      g_assert_nonnull (url);
      uri = g_uri_parse (url, G_URI_FLAGS_NONE, &error);
      g_assert_no_error (error);
      g_assert_true (g_str_equal (g_uri_get_scheme (uri), "https") ||
                     g_str_equal (g_uri_get_scheme (uri), "http"));
      if (!g_str_equal (g_uri_get_path (uri), "/") || g_uri_get_query (uri) != NULL)
        g_test_fail_printf ("“%s”: %s is not a home page", title, url);
      g_assert_true (g_hash_table_add (seen, g_strconcat (url, "\n", title, NULL)));

      /* A short story: three to six sentences. */
      g_assert_nonnull (body);
      for (const char *p = body; *p != '\0'; p++)
        if ((*p == '.' || *p == '?' || *p == '!') && (p[1] == ' ' || p[1] == '\0'))
          sentences++;
      if (sentences < 3 || sentences > 6)
        g_test_fail_printf ("“%s”: %u sentences", title, sentences);
    }
}

static void
test_topics (void)
{
  Demo *d = get_demo ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) topics = dash_corpus_list_topics (d->corpus, &error);
  g_autoptr(GPtrArray) stories = all_stories (d);
  const char *builtin[] = { "trade_war", "ai", "defense" };

  g_assert_no_error (error);
  for (guint k = 0; k < G_N_ELEMENTS (builtin); k++)
    {
      DashTopicStat *found = NULL;

      for (guint i = 0; i < topics->len; i++)
        {
          DashTopicStat *topic = g_ptr_array_index (topics, i);

          if (g_str_equal (topic->id, builtin[k]))
            found = topic;
        }
      g_assert_nonnull (found);
      g_assert_true (found->builtin);
      if (found->articles < 15)
        g_test_fail_printf ("topic %s: %u stories", builtin[k], found->articles);
    }

  /* The library is about these three subjects: no story stays outside all of them. */
  for (guint i = 0; i < stories->len; i++)
    {
      DashArticle *article = g_ptr_array_index (stories, i);
      g_autoptr(GPtrArray) in = dash_corpus_article_topics (d->corpus,
                                                            dash_article_get_id (article),
                                                            &error);

      g_assert_no_error (error);
      if (in->len == 0)
        g_test_fail_printf ("“%s” is in no topic", dash_article_get_title (article));
    }
}

static void
test_entities (void)
{
  Demo *d = get_demo ();
  const struct {
    const char     *name;
    DashEntityType  type;
  } expected[] = {
    { "Donald Trump", DASH_ENTITY_PERSON },
    { "Xi Jinping", DASH_ENTITY_PERSON },
    { "China", DASH_ENTITY_COUNTRY },
    { "United States", DASH_ENTITY_COUNTRY },
    { "NATO", DASH_ENTITY_ORG },
    { "Ukraine", DASH_ENTITY_COUNTRY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DashEntityStat) stat = dash_corpus_find_entity (d->corpus, expected[i].name,
                                                                &error);

      g_assert_no_error (error);
      g_assert_nonnull (stat);
      g_assert_cmpstr (stat->name, ==, expected[i].name);
      g_assert_cmpint (stat->type, ==, expected[i].type);
      g_assert_cmpuint (stat->articles, >=, 1);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo/import", test_import);
  g_test_add_func ("/demo/dates", test_dates);
  g_test_add_func ("/demo/sources", test_sources);
  g_test_add_func ("/demo/topics", test_topics);
  g_test_add_func ("/demo/entities", test_entities);

  status = g_test_run ();

  g_clear_object (&demo.corpus);
  if (demo.dir != NULL)
    dash_test_remove_tree (demo.dir);
  g_clear_pointer (&demo.dir, g_free);
  g_clear_pointer (&demo.db_path, g_free);
  return status;
}
