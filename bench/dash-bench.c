/* SPDX-License-Identifier: GPL-3.0-or-later */

/* dash-bench: times what users wait for.
 *
 *   dash-bench import [--no-analysis] DB PATH...
 *                                  import, print stories/s, MB/s and peak memory
 *   dash-bench search DB [ROUNDS]  run a fixed query set, print median and p95 latency
 *   dash-bench analyze FILE...     parse and analyse on one thread, without storing:
 *                                  print each stage's processor time and speed
 *
 * Figures go to stdout as "name: value" lines so that scripts can pick them up. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "dash-bench-util.h"
#include "dash-core.h"

/* A fixed query set: single words, names, phrases, prefixes, boolean and filtered. */
static const char *queries[] = {
  "China", "tariffs", "DeepSeek", "Alibaba Qwen", "\"trade war\"", "semiconductor*",
  "sanctions AND chips", "Russia OR Ukraine", "missile NOT test", "Trump", "Huawei",
  "artificial intelligence", "Myanmar", "\"Belt and Road\"", "export controls",
  "TikTok ban", "nuclear", "Gaza ceasefire", "Stargate", "rare earth",
};

static int
bench_import (const char          *db,
              const char * const  *paths,
              gboolean             analyze)
{
  g_autoptr(DashImportJob) job = dash_import_job_new (db, paths);
  g_autoptr(GError) error = NULL;
  double start, elapsed;
  guint imported;
  double mb;

  dash_import_job_set_analyze (job, analyze);
  start = dash_bench_now_ms ();
  if (!dash_import_job_run (job, NULL, &error))
    {
      fprintf (stderr, "dash-bench: %s\n", error->message);
      return 2;
    }
  elapsed = (dash_bench_now_ms () - start) / 1000.0;
  imported = dash_import_job_get_imported (job);
  mb = dash_import_job_get_bytes_read (job) / (1024.0 * 1024.0);

  printf ("import.files: %u\n", dash_import_job_get_files_done (job));
  printf ("import.failed: %u\n", dash_import_job_get_failed (job));
  printf ("import.stories: %u\n", imported);
  printf ("import.duplicates: %u\n", dash_import_job_get_duplicates (job));
  printf ("import.seconds: %.2f\n", elapsed);
  printf ("import.stories_per_second: %.0f\n", imported / elapsed);
  printf ("import.mb_per_second: %.2f\n", mb / elapsed);
  printf ("import.peak_rss_mib: %.1f\n", dash_bench_peak_rss_kib () / 1024.0);
  return 0;
}

/* Processor time of the calling thread, in seconds: the stages run on one thread, so
 * that other load on the machine does not blur their figures as much as wall time. */
static double
thread_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
bench_analyze (const char * const *paths)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DashAnalyzer) analyzer = dash_analyzer_new_default (&error);
  double parse_seconds = 0, analysis_seconds = 0;
  guint stories = 0;

  if (analyzer == NULL)
    {
      fprintf (stderr, "dash-bench: %s\n", error->message);
      return 2;
    }
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) articles = NULL;
      double start = thread_seconds ();

      articles = dash_parser_parse_file (paths[i], now, NULL, NULL, &error);
      if (articles == NULL)
        {
          fprintf (stderr, "dash-bench: %s\n", error->message);
          return 2;
        }
      parse_seconds += thread_seconds () - start;

      start = thread_seconds ();
      for (guint k = 0; k < articles->len; k++)
        dash_analyzer_analyze (analyzer, g_ptr_array_index (articles, k));
      analysis_seconds += thread_seconds () - start;
      stories += articles->len;
    }

  printf ("analyze.stories: %u\n", stories);
  printf ("analyze.parse_cpu_seconds: %.3f\n", parse_seconds);
  printf ("analyze.analysis_cpu_seconds: %.3f\n", analysis_seconds);
  printf ("analyze.parse_stories_per_cpu_second: %.0f\n", stories / parse_seconds);
  printf ("analyze.analysis_stories_per_cpu_second: %.0f\n", stories / analysis_seconds);
  return 0;
}

static int
bench_search (const char *db,
              guint       rounds)
{
  g_autoptr(DashCorpus) corpus = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  guint total_hits = 0;

  corpus = dash_corpus_open (db, &error);
  if (corpus == NULL)
    {
      fprintf (stderr, "dash-bench: %s\n", error->message);
      return 2;
    }

  for (guint round = 0; round < rounds; round++)
    for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
      {
        g_autoptr(DashFilter) filter = dash_filter_new ();
        g_autoptr(GListModel) hits = NULL;
        double start, elapsed;

        /* What the CLI and the story list ask for: the best 20 with snippets. */
        dash_filter_set_query (filter, queries[i]);
        filter->sort = DASH_SORT_RELEVANCE;
        filter->limit = 20;
        start = dash_bench_now_ms ();
        hits = dash_corpus_query (corpus, filter, &error);
        if (hits == NULL)
          {
            fprintf (stderr, "dash-bench: %s: %s\n", queries[i], error->message);
            return 2;
          }
        for (guint k = 0; k < g_list_model_get_n_items (hits); k++)
          {
            g_autoptr(DashArticle) article = g_list_model_get_item (hits, k);
            g_assert (dash_article_get_snippet (article) != NULL);
          }
        elapsed = dash_bench_now_ms () - start;
        g_array_append_val (times, elapsed);
        if (round == 0)
          total_hits += g_list_model_get_n_items (hits);
      }

  printf ("search.queries: %u\n", times->len);
  printf ("search.hits_first_round: %u\n", total_hits);
  dash_bench_print_times ("search", times);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc >= 5 && g_str_equal (argv[1], "import") && g_str_equal (argv[2], "--no-analysis"))
    return bench_import (argv[3], (const char * const *)argv + 4, FALSE);
  if (argc >= 4 && g_str_equal (argv[1], "import"))
    return bench_import (argv[2], (const char * const *)argv + 3, TRUE);
  if (argc >= 3 && g_str_equal (argv[1], "analyze"))
    return bench_analyze ((const char * const *)argv + 2);
  if (argc >= 3 && g_str_equal (argv[1], "search"))
    return bench_search (argv[2], argc >= 4 ? (guint)atoi (argv[3]) : 5);

  fprintf (stderr, "usage: dash-bench import [--no-analysis] DB PATH...\n"
                   "       dash-bench search DB [ROUNDS]\n"
                   "       dash-bench analyze FILE...\n");
  return 1;
}
