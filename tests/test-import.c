/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include "dash-core.h"
#include "dash-test-util.h"

static void
copy_fixture (const char *name,
              const char *dir)
{
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *dst = g_build_filename (dir, name, NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (src, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (dst, contents, len, NULL));
}

/* Writes @n_files RSS files of @per_file distinct stories each. */
static void
write_feeds (const char *dir,
             guint       n_files,
             guint       per_file)
{
  for (guint f = 0; f < n_files; f++)
    {
      g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"
                                             "<channel><title>Generated Wire</title>"
                                             "<link>https://gen.example.com/</link>\n");
      g_autofree char *name = g_strdup_printf ("feed-%03u.xml", f);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      for (guint i = 0; i < per_file; i++)
        g_string_append_printf (xml,
                                "<item><title>Story %u of file %u</title>"
                                "<link>https://gen.example.com/%u/%u</link>"
                                "<pubDate>Mon, 06 Jan 2025 10:%02u:00 +0000</pubDate>"
                                "<description>Delegates from district %u met envoys from "
                                "province %u to discuss quota %u.</description></item>\n",
                                i, f, f, i, i % 60, i, f, i * 7 + f);
      g_string_append (xml, "</channel></rss>\n");
      g_assert_true (g_file_set_contents (path, xml->str, xml->len, NULL));
    }
}

static int
count_articles (const char *db_path,
                char      **integrity)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int n = -1;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM articles", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (integrity != NULL)
    {
      g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                       SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      *integrity = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
      /* The full-text index agrees with the table. */
      g_assert_cmpint (sqlite3_exec (db, "INSERT INTO articles_fts (articles_fts, rank) "
                                         "VALUES ('integrity-check', 1)", NULL, NULL, NULL),
                       ==, SQLITE_OK);
    }
  sqlite3_close (db);
  return n;
}

static const char *
failure_for (GPtrArray  *failures,
             const char *suffix)
{
  for (guint i = 0; i < failures->len; i++)
    {
      DashImportFailure *failure = g_ptr_array_index (failures, i);

      if (g_str_has_suffix (failure->path, suffix))
        return failure->message;
    }
  return NULL;
}

static void
test_folder (void)
{
  g_autofree char *dir = dash_test_make_tmp_dir ("dash-import");
  g_autofree char *input = g_build_filename (dir, "input", NULL);
  g_autofree char *nested = g_build_filename (input, "nested", NULL);
  g_autofree char *db = g_build_filename (dir, "corpus.db", NULL);
  const char *good[] = { "rss2.xml", "rdf.xml", "atom.xml", "newsapi.json", "array.json",
                         "lines.jsonl", "dump.txt", "textfeed.txt", "rss091.xml" };
  const char *bad[] = { "broken.xml", "page.html", "junk.bin", "empty.txt" };
  const char *paths[] = { input, NULL };
  g_autoptr(DashImportJob) job = NULL;
  g_autoptr(DashImportJob) again = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *failures;
  guint expected = 3 + 2 + 2 + 2 + 3 + 3 + 3 + 2 + 1;

  g_assert_cmpint (g_mkdir_with_parents (nested, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    copy_fixture (good[i], i % 2 ? nested : input);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    copy_fixture (bad[i], input);

  job = dash_import_job_new (db, paths);
  g_assert_true (dash_import_job_run (job, NULL, &error));
  g_assert_no_error (error);

  /* Every good file imports, every bad one is reported with its reason, and the
   * partly readable ones import what they can and say what they skipped. */
  g_assert_cmpuint (dash_import_job_get_imported (job), ==, expected);
  g_assert_cmpuint (dash_import_job_get_duplicates (job), ==, 0);
  g_assert_cmpuint (dash_import_job_get_failed (job), ==, G_N_ELEMENTS (bad));
  g_assert_cmpuint (dash_import_job_get_files_total (job), ==, 13);
  g_assert_cmpuint (dash_import_job_get_files_done (job), ==, 13);
  g_assert_cmpfloat (dash_import_job_get_fraction (job), ==, 1.0);
  failures = dash_import_job_get_failures (job);
  g_assert_cmpuint (failures->len, ==, G_N_ELEMENTS (bad) + 2);
  g_assert_nonnull (strstr (failure_for (failures, "/broken.xml"), "broken XML"));
  g_assert_nonnull (strstr (failure_for (failures, "/page.html"), "HTML page"));
  g_assert_nonnull (strstr (failure_for (failures, "/junk.bin"), "binary"));
  g_assert_nonnull (strstr (failure_for (failures, "/empty.txt"), "empty"));
  g_assert_nonnull (strstr (failure_for (failures, "/lines.jsonl"), "line 3"));
  g_assert_cmpint (count_articles (db, NULL), ==, expected);

  /* Importing the same folder again adds nothing. */
  again = dash_import_job_new (db, paths);
  g_assert_true (dash_import_job_run (again, NULL, &error));
  g_assert_cmpuint (dash_import_job_get_imported (again), ==, 0);
  g_assert_cmpuint (dash_import_job_get_duplicates (again), ==, expected);
  g_assert_cmpint (count_articles (db, NULL), ==, expected);

  dash_test_remove_tree (dir);
}

static void
test_missing_path (void)
{
  g_autofree char *dir = dash_test_make_tmp_dir ("dash-import");
  g_autofree char *db = g_build_filename (dir, "corpus.db", NULL);
  const char *paths[] = { "/nonexistent/news.xml", NULL };
  g_autoptr(DashImportJob) job = dash_import_job_new (db, paths);
  g_autoptr(GError) error = NULL;
  DashImportFailure *failure;

  g_assert_true (dash_import_job_run (job, NULL, &error));
  g_assert_cmpuint (dash_import_job_get_failed (job), ==, 1);
  failure = g_ptr_array_index (dash_import_job_get_failures (job), 0);
  g_assert_cmpstr (failure->path, ==, "/nonexistent/news.xml");
  g_assert_nonnull (strstr (failure->message, "no such file"));
  dash_test_remove_tree (dir);
}

static void
test_corrupt_database (void)
{
  g_autofree char *dir = dash_test_make_tmp_dir ("dash-import");
  g_autofree char *db = g_build_filename (dir, "corpus.db", NULL);
  g_autofree char *feed = g_test_build_filename (G_TEST_DIST, "data", "rss2.xml", NULL);
  const char *paths[] = { feed, NULL };
  g_autoptr(DashImportJob) job = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (db, "this is not a database, but it is mine", -1, NULL));
  job = dash_import_job_new (db, paths);
  g_assert_false (dash_import_job_run (job, NULL, &error));
  g_assert_error (error, DASH_ERROR, DASH_ERROR_DATABASE);
  g_assert_true (g_str_has_prefix (error->message, db));
  dash_test_remove_tree (dir);
}

typedef struct {
  GMainLoop    *loop;
  GCancellable *cancellable;
  guint         cancel_after;
  guint         n_notifies;
  gboolean      ok;
  GError       *error;
} AsyncState;

static void
progress_cb (DashImportJob *job,
             GParamSpec    *pspec,
             AsyncState    *state)
{
  state->n_notifies++;
  if (state->cancel_after > 0 && dash_import_job_get_imported (job) >= state->cancel_after)
    g_cancellable_cancel (state->cancellable);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  AsyncState *state = user_data;

  state->ok = dash_import_job_run_finish (DASH_IMPORT_JOB (object), result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_async_progress (void)
{
  g_autofree char *dir = dash_test_make_tmp_dir ("dash-import");
  g_autofree char *input = g_build_filename (dir, "input", NULL);
  g_autofree char *db = g_build_filename (dir, "corpus.db", NULL);
  const char *paths[] = { input, NULL };
  g_autoptr(DashImportJob) job = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncState state = { loop, NULL, 0, 0, FALSE, NULL };

  g_mkdir (input, 0700);
  write_feeds (input, 4, 300);
  job = dash_import_job_new (db, paths);
  g_signal_connect (job, "notify::fraction", G_CALLBACK (progress_cb), &state);
  dash_import_job_run_async (job, NULL, run_cb, &state);
  g_main_loop_run (loop);

  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_assert_cmpuint (state.n_notifies, >=, 1);
  g_assert_cmpuint (dash_import_job_get_imported (job), ==, 1200);
  g_assert_cmpfloat (dash_import_job_get_fraction (job), ==, 1.0);
  dash_test_remove_tree (dir);
}

static void
test_cancel (void)
{
  g_autofree char *dir = dash_test_make_tmp_dir ("dash-import");
  g_autofree char *input = g_build_filename (dir, "input", NULL);
  g_autofree char *db = g_build_filename (dir, "corpus.db", NULL);
  g_autofree char *integrity = NULL;
  const char *paths[] = { input, NULL };
  g_autoptr(DashImportJob) job = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncState state = { loop, cancellable, DASH_IMPORT_BATCH_SIZE, 0, FALSE, NULL };
  int n;

  g_mkdir (input, 0700);
  write_feeds (input, 20, 1000);
  job = dash_import_job_new (db, paths);
  g_signal_connect (job, "notify::imported", G_CALLBACK (progress_cb), &state);
  dash_import_job_run_async (job, cancellable, run_cb, &state);
  g_main_loop_run (loop);

  /* Cancelled part-way: every finished batch is kept, whole, and nothing else. */
  g_assert_false (state.ok);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);
  n = count_articles (db, &integrity);
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (n, >=, DASH_IMPORT_BATCH_SIZE);
  g_assert_cmpint (n, <, 20000);
  g_assert_cmpint (n % DASH_IMPORT_BATCH_SIZE, ==, 0);
  g_assert_cmpint (n, ==, (int)dash_import_job_get_imported (job));
  dash_test_remove_tree (dir);
}

static void
test_crash (void)
{
  const char *cli = g_getenv ("DASH_CLI");
  g_autofree char *dir = dash_test_make_tmp_dir ("dash-import");
  g_autofree char *input = g_build_filename (dir, "input", NULL);
  g_autofree char *db = g_build_filename (dir, "corpus.db", NULL);
  g_autofree char *integrity = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DashImportJob) resume = NULL;
  const char *paths[] = { input, NULL };
  GPid pid;
  int n = 0;
  int status = 0;

  if (cli == NULL)
    {
      g_test_skip ("DASH_CLI is not set");
      return;
    }

  g_mkdir (input, 0700);
  write_feeds (input, 30, 1000);

  {
    const char *argv[] = { cli, "--db", db, "import", input, NULL };

    g_assert_true (g_spawn_async (NULL, (char **)argv, NULL,
                                  G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                                  G_SPAWN_STDERR_TO_DEV_NULL,
                                  NULL, NULL, &pid, &error));
  }

  /* Kill it hard once a few batches are in, as a crash or power cut would. */
  for (guint i = 0; i < 3000 && n < 3 * DASH_IMPORT_BATCH_SIZE; i++)
    {
      g_usleep (5000);
      if (g_file_test (db, G_FILE_TEST_EXISTS))
        n = count_articles (db, NULL);
    }
  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  g_assert_true (WIFSIGNALED (status));

  n = count_articles (db, &integrity);
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (n, >=, 3 * DASH_IMPORT_BATCH_SIZE);
  g_assert_cmpint (n, <, 30000);
  g_assert_cmpint (n % DASH_IMPORT_BATCH_SIZE, ==, 0);

  /* Importing again completes the corpus: what was stored counts as duplicates. */
  resume = dash_import_job_new (db, paths);
  g_assert_true (dash_import_job_run (resume, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dash_import_job_get_imported (resume) + dash_import_job_get_duplicates (resume),
                    ==, 30000);
  g_assert_cmpuint (dash_import_job_get_duplicates (resume), ==, (guint)n);
  g_assert_cmpint (count_articles (db, NULL), ==, 30000);
  dash_test_remove_tree (dir);
}

static guint
topic_articles (const char *db,
                const char *topic_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DashCorpus) corpus = dash_corpus_open (db, &error);
  g_autoptr(GPtrArray) topics = NULL;

  g_assert_no_error (error);
  topics = dash_corpus_list_topics (corpus, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < topics->len; i++)
    {
      DashTopicStat *topic = g_ptr_array_index (topics, i);

      if (g_str_equal (topic->id, topic_id))
        return topic->articles;
    }
  g_assert_not_reached ();
  return 0;
}

static void
test_reanalyze (void)
{
  g_autofree char *dir = dash_test_make_tmp_dir ("dash-import");
  g_autofree char *db = g_build_filename (dir, "corpus.db", NULL);
  g_autofree char *feed = g_build_filename (dir, "trade.xml", NULL);
  const char *paths[] = { feed, NULL };
  g_autoptr(DashImportJob) first = NULL;
  g_autoptr(DashImportJob) second = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *handle;

  g_assert_true (g_file_set_contents (feed,
    "<rss version=\"2.0\"><channel><title>Trade Desk</title>"
    "<item><title>Tariffs rise as the trade war widens</title>"
    "<link>https://trade.example.com/1</link><pubDate>Mon, 03 Feb 2025 10:00:00 GMT</pubDate>"
    "<description>Washington raised tariffs on imports again. Beijing answered with export "
    "controls on rare metals and sanctions on three firms, and said retaliation would follow "
    "any new tariffs. Negotiators called the trade war the worst since 2019; talks on a trade "
    "deal have stalled, and exporters fear more tariffs, quotas and countermeasures.</description>"
    "</item></channel></rss>", -1, NULL));

  first = dash_import_job_new (db, paths);
  g_assert_true (dash_import_job_run (first, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dash_import_job_get_imported (first), ==, 1);
  g_assert_cmpuint (topic_articles (db, "trade_war"), ==, 1);

  /* Stories whose analysis is missing or out of date (another version of the rules)
   * are analysed again at the next import. */
  g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "UPDATE meta SET value = 'older' WHERE key = "
                                         "'analysis_version'; DELETE FROM article_topics; "
                                         "DELETE FROM topic_days", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
  g_assert_cmpuint (topic_articles (db, "trade_war"), ==, 0);

  second = dash_import_job_new (db, paths);
  g_assert_true (dash_import_job_run (second, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dash_import_job_get_duplicates (second), ==, 1);
  g_assert_cmpuint (topic_articles (db, "trade_war"), ==, 1);
  {
    g_autoptr(DashCorpus) corpus = dash_corpus_open (db, &error);
    g_autoptr(DashFilter) filter = dash_filter_new ();
    g_autoptr(GArray) months = NULL;

    dash_filter_set_topic (filter, "trade_war");
    months = dash_corpus_timeline (corpus, filter, DASH_BUCKET_MONTH, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (months->len, ==, 1);
    g_assert_cmpuint (g_array_index (months, DashTimelinePoint, 0).count, ==, 1);
  }
  dash_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/folder", test_folder);
  g_test_add_func ("/import/missing-path", test_missing_path);
  g_test_add_func ("/import/corrupt-database", test_corrupt_database);
  g_test_add_func ("/import/async-progress", test_async_progress);
  g_test_add_func ("/import/cancel-keeps-batches", test_cancel);
  g_test_add_func ("/import/crash-safety", test_crash);
  g_test_add_func ("/import/reanalyze", test_reanalyze);

  return g_test_run ();
}
