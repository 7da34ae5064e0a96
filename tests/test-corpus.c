/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dash-core.h"
#include "dash-test-util.h"

typedef struct {
  char       *dir;
  char       *path;
  DashCorpus *corpus;
} Fixture;

static DashArticle *
make_article (const char *title,
              const char *body,
              const char *url,
              const char *source,
              const char *date)
{
  DashArticle *a = dash_article_new ();

  dash_article_set_title (a, title);
  dash_article_set_body (a, body);
  dash_article_set_url (a, url);
  dash_article_set_guid (a, url);
  dash_article_set_source (a, source);
  if (date != NULL)
    {
      g_autoptr(GDateTime) dt = dash_date_parse (date);
      g_assert_nonnull (dt);
      dash_article_set_published (a, g_date_time_to_unix (dt));
    }
  dash_article_update_content_hash (a);
  return a;
}

#define CHIP_STORY \
  "New sanctions target chip exports and tools. The rules cover lithography machines, " \
  "design software and the engineers who service them, and take effect next month. " \
  "Companies have thirty days to apply for licences."

static GPtrArray *
sample_articles (void)
{
  GPtrArray *articles = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (articles, make_article ("Tariffs rise on steel imports",
                                           "The government raised tariffs on steel. Sanctions "
                                           "were also discussed by the trade ministry.",
                                           "https://a.example.com/1", "Alpha", "2024-01-10"));
  g_ptr_array_add (articles, make_article ("Chip sanctions widen", CHIP_STORY,
                                           "https://a.example.com/2", "Alpha", "2024-02-10"));
  g_ptr_array_add (articles, make_article ("Naval drills near the strait",
                                           "Warships held drills. Observers expected tariffs "
                                           "to stay.",
                                           "https://b.example.com/3", "Beta", "2024-03-10"));
  g_ptr_array_add (articles, make_article ("Undated note on US-China relations",
                                           "Officials in US-China talks said little.",
                                           "https://b.example.com/4", "Beta", NULL));
  return articles;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  guint added = 0, dups = 0;

  f->dir = dash_test_make_tmp_dir ("dash-corpus");
  f->path = g_build_filename (f->dir, "sub", "corpus.db", NULL);
  f->corpus = dash_corpus_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->corpus);

  if (data != NULL)
    {
      articles = sample_articles ();
      g_assert_true (dash_corpus_add_articles (f->corpus, articles, &added, &dups, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (added, ==, 4);
      g_assert_cmpuint (dups, ==, 0);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->corpus);
  dash_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static int
sql_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
sql_text (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
test_schema (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *journal = sql_text (f->path, "PRAGMA journal_mode");

  /* The folder was created, the schema is current, WAL is on. */
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, DASH_CORPUS_SCHEMA_VERSION);
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM sqlite_master WHERE name = "
                                     "'articles_fts'"), ==, 1);
  g_assert_false (dash_corpus_get_read_only (f->corpus));

  /* Opening again does not migrate twice. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DashCorpus) again = dash_corpus_open (f->path, &error);

    g_assert_no_error (error);
    g_assert_nonnull (again);
  }
}

static void
test_dedup (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) again = sample_articles ();
  g_autoptr(GPtrArray) variants = g_ptr_array_new_with_free_func (g_object_unref);
  guint added = 99, dups = 99;
  DashCorpusStats stats;

  /* The same stories again: nothing added. */
  g_assert_true (dash_corpus_add_articles (f->corpus, again, &added, &dups, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (dups, ==, 4);

  /* Same URL with new text; same text at a new URL; a new story; and that new story
   * twice in the same batch. */
  g_ptr_array_add (variants, make_article ("Tariffs rise on steel imports (updated)", "Other.",
                                           "https://a.example.com/1", "Alpha", "2024-01-11"));
  g_ptr_array_add (variants, make_article ("Chip sanctions widen", CHIP_STORY,
                                           "https://mirror.example.com/2", "Mirror", "2024-02-10"));
  g_ptr_array_add (variants, make_article ("A genuinely new story", "Fresh text.",
                                           "https://c.example.com/5", "Gamma", "2024-04-01"));
  g_ptr_array_add (variants, make_article ("A genuinely new story", "Fresh text.",
                                           "https://c.example.com/5", "Gamma", "2024-04-01"));
  g_assert_true (dash_corpus_add_articles (f->corpus, variants, &added, &dups, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);
  g_assert_cmpuint (dups, ==, 3);

  g_assert_true (dash_corpus_get_stats (f->corpus, &stats, &error));
  g_assert_cmpuint (stats.articles, ==, 5);
  g_assert_cmpuint (stats.sources, ==, 3);

  /* Items with a title and no text at different addresses are different stories, and
   * two feeds may both number their items 1. */
  {
    g_autoptr(GPtrArray) live = g_ptr_array_new_with_free_func (g_object_unref);
    DashArticle *a = make_article ("Live updates", NULL, "https://d.example.com/live/1", "Delta",
                                   "2024-05-01");
    DashArticle *b = make_article ("Live updates", NULL, "https://e.example.com/live/1", "Echo",
                                   "2024-05-02");

    dash_article_set_guid (a, "1");
    dash_article_set_guid (b, "1");
    dash_article_update_content_hash (a);
    dash_article_update_content_hash (b);
    g_ptr_array_add (live, a);
    g_ptr_array_add (live, b);
    g_assert_true (dash_corpus_add_articles (f->corpus, live, &added, &dups, &error));
    g_assert_cmpuint (added, ==, 2);
    g_assert_cmpuint (dups, ==, 0);
  }
}

static void
test_stats (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  DashCorpusStats stats;

  g_assert_true (dash_corpus_get_stats (f->corpus, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.articles, ==, 4);
  g_assert_cmpuint (stats.sources, ==, 2);
  g_assert_cmpint (stats.first, ==, 1704844800);  /* 2024-01-10 */
  g_assert_cmpint (stats.last, ==, 1710028800);   /* 2024-03-10 */

  sources = dash_corpus_list_sources (f->corpus, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 2);
}

static void
test_empty_stats (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DashCorpusStats stats;

  g_assert_true (dash_corpus_get_stats (f->corpus, &stats, &error));
  g_assert_cmpuint (stats.articles, ==, 0);
  g_assert_cmpint (stats.first, ==, 0);
}

static GListModel *
query (Fixture    *f,
       const char *text,
       DashSort    sort)
{
  g_autoptr(DashFilter) filter = dash_filter_new ();
  g_autoptr(GError) error = NULL;
  GListModel *list;

  dash_filter_set_query (filter, text);
  filter->sort = sort;
  list = dash_corpus_query (f->corpus, filter, &error);
  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GListModel) list = query (f, "sanctions", DASH_SORT_RELEVANCE);
  g_autoptr(GListModel) stemmed = query (f, "sanctioned", DASH_SORT_RELEVANCE);
  g_autoptr(GListModel) phrase = query (f, "\"chip exports\"", DASH_SORT_RELEVANCE);
  g_autoptr(GListModel) boolean = query (f, "tariffs NOT drills", DASH_SORT_RELEVANCE);
  g_autoptr(GListModel) none = query (f, "zeppelin", DASH_SORT_RELEVANCE);
  g_autoptr(DashArticle) first = NULL;

  g_assert_true (g_list_model_get_item_type (list) == DASH_TYPE_ARTICLE);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  /* A title match ranks above a body match. */
  first = g_list_model_get_item (list, 0);
  g_assert_cmpstr (dash_article_get_title (first), ==, "Chip sanctions widen");
  g_assert_nonnull (strstr (dash_article_get_snippet (first), "**sanctions**"));
  g_assert_cmpfloat (dash_article_get_rank (first), <, 0.0);

  /* Stems match ("sanctioned" finds "sanctions"). */
  g_assert_cmpuint (g_list_model_get_n_items (stemmed), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (phrase), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (boolean), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);
  g_assert_null (g_list_model_get_item (none, 0));
}

static void
test_search_hostile (Fixture       *f,
                     gconstpointer  data)
{
  const char *queries[] = {
    "\"unbalanced", "AND OR NOT", "(((", "'; DROP TABLE articles; --", "NEAR(", "*", "^",
    "title:", "US-China", "tariffs)", "\"\"\"", "-", "body:tariffs", "NEAR(a b, -1)",
    "sanctions OR", "{title body}: x", "\xc3\x28", "a\"b", "🙂",
  };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(DashFilter) filter = dash_filter_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) list = NULL;

      dash_filter_set_query (filter, queries[i]);
      list = dash_corpus_query (f->corpus, filter, &error);
      /* Results, or a clear query error: never a database error. */
      if (list == NULL)
        g_assert_error (error, DASH_ERROR, DASH_ERROR_QUERY);
      else
        g_assert_no_error (error);
    }

  /* The table survived. */
  {
    DashCorpusStats stats;
    g_assert_true (dash_corpus_get_stats (f->corpus, &stats, NULL));
    g_assert_cmpuint (stats.articles, ==, 4);
  }

  /* Plain words in odd syntax still find what they name. */
  {
    g_autoptr(GListModel) list = query (f, "US-China", DASH_SORT_RELEVANCE);
    g_autoptr(GListModel) list2 = query (f, "tariffs)", DASH_SORT_RELEVANCE);

    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (list2), ==, 2);
  }

  /* Empty and punctuation-only queries are a clear error. */
  {
    g_autoptr(DashFilter) filter = dash_filter_new ();
    g_autoptr(GError) error = NULL;

    dash_filter_set_query (filter, "   ");
    g_assert_null (dash_corpus_query (f->corpus, filter, &error));
    g_assert_error (error, DASH_ERROR, DASH_ERROR_QUERY);
  }
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(DashFilter) filter = dash_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) all = dash_corpus_query (f->corpus, NULL, &error);
  g_autoptr(GListModel) ranged = NULL;
  g_autoptr(GListModel) beta = NULL;
  g_autoptr(GListModel) limited = NULL;
  g_autoptr(DashArticle) newest = NULL;
  g_autoptr(DashArticle) undated = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 4);
  /* Newest first, undated last. */
  newest = g_list_model_get_item (all, 0);
  undated = g_list_model_get_item (all, 3);
  g_assert_cmpstr (dash_article_get_title (newest), ==, "Naval drills near the strait");
  g_assert_cmpint (dash_article_get_published (undated), ==, 0);

  filter->from = 1704844800 + 1;   /* after 2024-01-10 */
  filter->to = 1710028800;         /* before 2024-03-10 */
  ranged = dash_corpus_query (f->corpus, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ranged), ==, 1);

  filter->from = filter->to = 0;
  dash_filter_set_source (filter, "Beta");
  beta = dash_corpus_query (f->corpus, filter, &error);
  g_assert_cmpuint (g_list_model_get_n_items (beta), ==, 2);

  dash_filter_set_source (filter, NULL);
  filter->limit = 3;
  limited = dash_corpus_query (f->corpus, filter, &error);
  g_assert_cmpuint (g_list_model_get_n_items (limited), ==, 3);
}

static void
test_get_article (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) all = dash_corpus_query (f->corpus, NULL, &error);
  g_autoptr(DashArticle) row = g_list_model_get_item (all, 0);
  g_autoptr(DashArticle) full = dash_corpus_get_article (f->corpus, dash_article_get_id (row),
                                                         &error);
  g_autoptr(DashArticle) missing = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (dash_article_get_body (full), ==, "Warships held drills. Observers expected "
                                                      "tariffs to stay.");
  g_assert_cmpstr (dash_article_get_source (full), ==, "Beta");
  g_assert_cmpint (dash_article_get_imported (full), >, 0);

  missing = dash_corpus_get_article (f->corpus, 999999, &error);
  g_assert_null (missing);
  g_assert_error (error, DASH_ERROR, DASH_ERROR_NOT_FOUND);
}

static void
test_corrupt (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = dash_test_make_tmp_dir ("dash-corrupt");
  g_autofree char *path = g_build_filename (dir, "corpus.db", NULL);
  g_autoptr(DashCorpus) corpus = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  char junk[4096];

  memset (junk, 'x', sizeof junk);
  g_assert_true (g_file_set_contents (path, junk, sizeof junk, NULL));

  corpus = dash_corpus_open (path, &error);
  g_assert_null (corpus);
  g_assert_error (error, DASH_ERROR, DASH_ERROR_DATABASE);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "not a database"));

  /* The file was not touched. */
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, ==, sizeof junk);
  g_assert_cmpint (memcmp (contents, junk, len), ==, 0);

  dash_test_remove_tree (dir);
}

static void
test_foreign_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = dash_test_make_tmp_dir ("dash-foreign");
  g_autofree char *path = g_build_filename (dir, "other.db", NULL);
  g_autoptr(DashCorpus) corpus = NULL;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE mine (x); PRAGMA user_version = 0", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  corpus = dash_corpus_open (path, &error);
  g_assert_null (corpus);
  g_assert_error (error, DASH_ERROR, DASH_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "not made by Dashboard"));
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM sqlite_master"), ==, 1);
  {
    g_autofree char *journal = sql_text (path, "PRAGMA journal_mode");
    g_assert_cmpstr (journal, ==, "delete");
  }
  dash_test_remove_tree (dir);
}

static void
test_newer_schema (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DashCorpus) corpus = NULL;
  sqlite3 *db;

  g_clear_object (&f->corpus);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  corpus = dash_corpus_open (f->path, &error);
  g_assert_null (corpus);
  g_assert_error (error, DASH_ERROR, DASH_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "newer version"));
}

static void
check_read_only (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DashCorpus) corpus = NULL;
  g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) all = NULL;

  corpus = dash_corpus_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (corpus);
  g_assert_true (dash_corpus_get_read_only (corpus));

  /* Still readable. */
  all = dash_corpus_query (corpus, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 4);

  /* Writing says why it cannot, naming the file. */
  g_ptr_array_add (more, make_article ("New", "Text.", "https://n.example.com/", "N", NULL));
  g_assert_false (dash_corpus_add_articles (corpus, more, NULL, NULL, &error));
  g_assert_error (error, DASH_ERROR, DASH_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_assert_true (g_str_has_prefix (error->message, path));
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *folder = g_path_get_dirname (f->path);

  g_clear_object (&f->corpus);
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
  g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);

  if (getuid () == 0)
    {
      /* Root may write anything: check as an unprivileged user, in a child. */
      int status = 0;
      pid_t pid = fork ();

      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          if (setgid (65534) != 0 || setuid (65534) != 0)
            _exit (77);
          check_read_only (f->path);
          _exit (0);
        }
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
        g_test_skip ("cannot drop root privileges to test a read-only database");
      else
        g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
    }
  else
    check_read_only (f->path);

  g_chmod (folder, 0700);
  g_chmod (f->path, 0644);
}

static void
test_list_model_lazy (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) all = NULL;
  g_autoptr(DashArticle) a = NULL;
  g_autoptr(DashArticle) b = NULL;

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *title = g_strdup_printf ("Story number %u", i);
      g_autofree char *url = g_strdup_printf ("https://many.example.com/%u", i);

      g_ptr_array_add (many, make_article (title, "Body.", url, "Many", "2020-01-01"));
    }
  g_assert_true (dash_corpus_add_articles (f->corpus, many, NULL, NULL, &error));

  all = dash_corpus_query (f->corpus, NULL, &error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 1004);
  /* Items are made on demand and the same object comes back while cached. */
  a = g_list_model_get_item (all, 500);
  b = g_list_model_get_item (all, 500);
  g_assert_true (a == b);
  g_assert_cmpint (dash_article_list_get_id (DASH_ARTICLE_LIST (all), 500), ==,
                   dash_article_get_id (a));
}

static void
test_filter_json (void)
{
  g_autoptr(DashFilter) filter = dash_filter_new ();
  g_autoptr(DashFilter) back = NULL;
  g_autoptr(DashFilter) empty = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  dash_filter_set_query (filter, "chip \"export controls\"");
  dash_filter_set_source (filter, "Alpha «news»");
  dash_filter_set_topic (filter, "trade_war");
  dash_filter_set_entity (filter, "Xi Jinping");
  filter->from = 1704844800;
  filter->to = 1710028800;
  filter->sort = DASH_SORT_RELEVANCE;

  json = dash_filter_to_json (filter);
  back = dash_filter_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_true (dash_filter_equal (filter, back));
  g_assert_false (dash_filter_is_empty (back));

  empty = dash_filter_new_from_json ("{}", &error);
  g_assert_no_error (error);
  g_assert_true (dash_filter_is_empty (empty));
  g_assert_false (dash_filter_equal (empty, filter));

  g_assert_null (dash_filter_new_from_json ("[1, 2]", &error));
  g_assert_error (error, DASH_ERROR, DASH_ERROR_QUERY);
  g_clear_error (&error);
  g_assert_null (dash_filter_new_from_json ("{\"query\": ", &error));
  g_assert_error (error, DASH_ERROR, DASH_ERROR_QUERY);
}

static void
test_saved_searches (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DashFilter) filter = dash_filter_new ();
  g_autoptr(DashSavedSearch) beta = NULL;
  g_autoptr(DashSavedSearch) tariffs = NULL;
  g_autoptr(DashSavedSearch) again = NULL;
  g_autoptr(GPtrArray) searches = NULL;
  g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  guint count = 99;

  dash_filter_set_source (filter, "Beta");
  filter->limit = 1;
  beta = dash_corpus_save_search (f->corpus, "  Beta stories ", filter, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (beta->name, ==, "Beta stories");
  g_assert_cmpstr (beta->filter->source, ==, "Beta");
  /* The limit of the view it was saved from is not part of the search. */
  g_assert_cmpuint (beta->filter->limit, ==, 0);

  /* Nothing is new right after saving. */
  g_assert_true (dash_corpus_count_new_stories (f->corpus, beta, &count, &error));
  g_assert_cmpuint (count, ==, 0);

  /* Seen long ago: both Beta stories were imported since. */
  g_assert_true (dash_corpus_mark_saved_search_seen (f->corpus, beta->id, 1000, &error));
  again = dash_corpus_get_saved_search (f->corpus, beta->id, &error);
  g_assert_cmpint (again->seen, ==, 1000);
  g_assert_true (dash_corpus_count_new_stories (f->corpus, again, &count, &error));
  g_assert_cmpuint (count, ==, 2);
  g_ptr_array_add (more, make_article ("Beta follows up", "Another story from Beta.",
                                       "https://b.example.com/5", "Beta", "2024-04-01"));
  g_ptr_array_add (more, make_article ("Alpha follows up", "Another story from Alpha.",
                                       "https://a.example.com/6", "Alpha", "2024-04-01"));
  g_assert_true (dash_corpus_add_articles (f->corpus, more, NULL, NULL, &error));
  g_assert_true (dash_corpus_count_new_stories (f->corpus, again, &count, &error));
  g_assert_cmpuint (count, ==, 3);

  dash_filter_set_source (filter, NULL);
  dash_filter_set_query (filter, "tariffs");
  tariffs = dash_corpus_save_search (f->corpus, "Tariffs", filter, &error);
  g_assert_no_error (error);

  /* Names are unique. */
  g_assert_false (dash_corpus_rename_saved_search (f->corpus, tariffs->id, "Beta stories", &error));
  g_assert_error (error, DASH_ERROR, DASH_ERROR_QUERY);
  g_clear_error (&error);
  g_assert_false (dash_corpus_rename_saved_search (f->corpus, tariffs->id, "  ", &error));
  g_assert_error (error, DASH_ERROR, DASH_ERROR_QUERY);
  g_clear_error (&error);
  g_assert_true (dash_corpus_rename_saved_search (f->corpus, tariffs->id, "Steel tariffs", &error));
  g_assert_true (dash_corpus_set_saved_search_notify (f->corpus, tariffs->id, TRUE, &error));

  /* They survive reopening, by name. */
  g_clear_object (&f->corpus);
  f->corpus = dash_corpus_open (f->path, &error);
  g_assert_no_error (error);
  searches = dash_corpus_list_saved_searches (f->corpus, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (searches->len, ==, 2);
  g_assert_cmpstr (((DashSavedSearch *) searches->pdata[0])->name, ==, "Beta stories");
  g_assert_cmpstr (((DashSavedSearch *) searches->pdata[1])->name, ==, "Steel tariffs");
  g_assert_cmpstr (((DashSavedSearch *) searches->pdata[1])->filter->query, ==, "tariffs");
  g_assert_true (((DashSavedSearch *) searches->pdata[1])->notify);
  g_assert_false (((DashSavedSearch *) searches->pdata[0])->notify);

  /* After a refresh, only the searches set to notify that gained stories since then. */
  {
    g_autoptr(GPtrArray) alerts = NULL;
    g_autoptr(GArray) counts = NULL;
    g_autoptr(GPtrArray) later = g_ptr_array_new_with_free_func (g_object_unref);
    gint64 refresh_started;

    /* Imports are timed to the second: the refresh starts two seconds after the others. */
    g_usleep (2 * G_USEC_PER_SEC);
    refresh_started = g_get_real_time () / G_USEC_PER_SEC - 1;

    /* Both were last seen long ago. */
    g_assert_true (dash_corpus_mark_saved_search_seen (f->corpus, beta->id, 1000, &error));
    g_assert_true (dash_corpus_mark_saved_search_seen (f->corpus, tariffs->id, 1000, &error));
    g_ptr_array_add (later, make_article ("Tariffs bite at the port", "New tariffs on steel "
                                          "reached the port this week.",
                                          "https://b.example.com/7", "Beta", "2024-05-01"));
    g_assert_true (dash_corpus_add_articles (f->corpus, later, NULL, NULL, &error));
    alerts = dash_corpus_saved_searches_to_notify (f->corpus, refresh_started, &counts, &error);
    g_assert_no_error (error);
    /* "Steel tariffs" notifies and gained the story; "Beta stories" gained it too but
     * does not notify. */
    g_assert_cmpuint (alerts->len, ==, 1);
    g_assert_cmpstr (((DashSavedSearch *) alerts->pdata[0])->name, ==, "Steel tariffs");
    g_assert_cmpuint (g_array_index (counts, guint, 0), ==, 1);
    g_clear_pointer (&alerts, g_ptr_array_unref);
    g_clear_pointer (&counts, g_array_unref);

    /* Nothing came after now. */
    alerts = dash_corpus_saved_searches_to_notify (f->corpus,
                                                   g_get_real_time () / G_USEC_PER_SEC + 1,
                                                   &counts, &error);
    g_assert_cmpuint (alerts->len, ==, 0);
  }

  g_assert_true (dash_corpus_delete_saved_search (f->corpus, beta->id, &error));
  g_assert_false (dash_corpus_delete_saved_search (f->corpus, beta->id, &error));
  g_assert_error (error, DASH_ERROR, DASH_ERROR_NOT_FOUND);
  g_clear_pointer (&searches, g_ptr_array_unref);
  searches = dash_corpus_list_saved_searches (f->corpus, NULL);
  g_assert_cmpuint (searches->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("/corpus/schema", test_schema, NULL);
  ADD ("/corpus/dedup", test_dedup, "filled");
  ADD ("/corpus/stats", test_stats, "filled");
  ADD ("/corpus/stats-empty", test_empty_stats, NULL);
  ADD ("/corpus/search/ranked", test_search, "filled");
  ADD ("/corpus/search/hostile", test_search_hostile, "filled");
  ADD ("/corpus/query/filters", test_filters, "filled");
  ADD ("/corpus/article", test_get_article, "filled");
  ADD ("/corpus/open/newer-schema", test_newer_schema, NULL);
  ADD ("/corpus/open/read-only", test_read_only, "filled");
  ADD ("/corpus/list-model/lazy", test_list_model_lazy, "filled");
  ADD ("/corpus/saved-searches", test_saved_searches, "filled");
  g_test_add_func ("/corpus/filter/json", test_filter_json);
  g_test_add_func ("/corpus/open/corrupt", test_corrupt);
  g_test_add_func ("/corpus/open/foreign", test_foreign_database);

  return g_test_run ();
}
