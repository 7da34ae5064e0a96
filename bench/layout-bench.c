/* SPDX-License-Identifier: GPL-3.0-or-later */

/* layout-bench: times the charts library's force layout on a graph read from a file.
 *
 *   layout-bench [--seed N] [--max-iterations N] [--theta T] [--positions OUT] EDGES
 *
 * EDGES has one edge a line, "SOURCE TARGET [WEIGHT]" with node indices from 0; lines
 * starting with '#' are comments, and "# nodes N" gives the node count (else the
 * largest index + 1). The layout steps until its own stop criterion says it has settled
 * (dash_force_layout_step() returns FALSE) or --max-iterations, each step timed.
 * Figures go to stdout as "layout.name: value" lines, the same keys as
 * bench/layout-d3.mjs, so that bench/layout-compare reads both alike; --positions
 * writes the final "INDEX X Y" lines. */

#define G_LOG_DOMAIN "layout-bench"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "dash-bench-util.h"
#include "dash-force-layout.h"

static gboolean
parse_index (const char *text,
             guint      *out)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT - 1, &value, NULL))
    return FALSE;
  *out = (guint)value;
  return TRUE;
}

/* Reads the edge list into @edges (DashGraphEdge) and returns the node count, or
 * G_MAXUINT with @error set. */
static guint
read_edges (const char  *path,
            GArray      *edges,
            GError     **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_nodes = 0;
  gboolean have_header = FALSE;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return G_MAXUINT;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      DashGraphEdge edge = { 0, 0, 1, 0 };
      char *line = g_strstrip (lines[i]);

      if (*line == '\0')
        continue;
      fields = g_strsplit_set (line, " \t", -1);
      if (*line == '#')
        {
          guint n;

          if (g_strv_length (fields) >= 3 && g_str_equal (fields[1], "nodes") &&
              parse_index (fields[2], &n))
            {
              n_nodes = n;
              have_header = TRUE;
            }
          continue;
        }
      if (g_strv_length (fields) < 2 ||
          !parse_index (fields[0], &edge.source) || !parse_index (fields[1], &edge.target) ||
          (fields[2] != NULL && !parse_index (fields[2], &edge.weight)))
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                       "%s:%u: expected \"SOURCE TARGET [WEIGHT]\"", path, i + 1);
          return G_MAXUINT;
        }
      if (!have_header)
        n_nodes = MAX (n_nodes, MAX (edge.source, edge.target) + 1);
      else if (edge.source >= n_nodes || edge.target >= n_nodes)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                       "%s:%u: node index beyond the %u nodes of the header", path, i + 1,
                       n_nodes);
          return G_MAXUINT;
        }
      g_array_append_val (edges, edge);
    }
  return n_nodes;
}

static gboolean
write_positions (const char       *path,
                 DashForceLayout  *layout,
                 GError          **error)
{
  const double *xy = dash_force_layout_get_positions (layout);
  guint n = dash_force_layout_get_n_nodes (layout);
  g_autoptr(GString) out = g_string_sized_new (32 * (gsize)n);

  for (guint i = 0; i < n; i++)
    {
      char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (out, "%u %s %s\n", i,
                              g_ascii_formatd (x, sizeof x, "%.6f", xy[2 * i]),
                              g_ascii_formatd (y, sizeof y, "%.6f", xy[2 * i + 1]));
    }
  return g_file_set_contents (path, out->str, out->len, error);
}

int
main (int   argc,
      char *argv[])
{
  int seed = 1;
  int max_iterations = 10000;
  double theta = -1;
  g_autofree char *positions = NULL;
  GOptionEntry entries[] = {
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, "Seed of the initial positions (1)", "N" },
    { "max-iterations", 'm', 0, G_OPTION_ARG_INT, &max_iterations,
      "Stop after this many steps even if not settled (10000)", "N" },
    { "theta", 't', 0, G_OPTION_ARG_DOUBLE, &theta,
      "Barnes–Hut opening angle (the layout's default)", "T" },
    { "positions", 'p', 0, G_OPTION_ARG_FILENAME, &positions,
      "Write the final positions here", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("EDGES");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (DashGraphEdge));
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(DashForceLayout) layout = NULL;
  double start, setup_ms, total_ms, sum = 0;
  gboolean settled = FALSE;
  guint n_nodes;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context,
                                "Times the force layout of the charts library, step by step, "
                                "until it settles.");
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 ||
      max_iterations <= 0)
    {
      fprintf (stderr, "layout-bench: %s\n",
               error != NULL ? error->message : "usage: layout-bench [OPTION...] EDGES");
      return 1;
    }

  n_nodes = read_edges (argv[1], edges, &error);
  if (n_nodes == G_MAXUINT)
    {
      fprintf (stderr, "layout-bench: %s\n", error->message);
      return 2;
    }

  /* Timed: building the layout (initial positions, edge arrays) and every step. */
  start = dash_bench_now_ms ();
  layout = dash_force_layout_new (n_nodes, (const DashGraphEdge *)(gpointer)edges->data,
                                  edges->len, (guint32)seed);
  if (theta >= 0)
    dash_force_layout_set_theta (layout, theta);
  setup_ms = dash_bench_now_ms () - start;
  while (times->len < (guint)max_iterations)
    {
      double step_start = dash_bench_now_ms (), elapsed;
      gboolean more = dash_force_layout_step (layout);

      elapsed = dash_bench_now_ms () - step_start;
      g_array_append_val (times, elapsed);
      sum += elapsed;
      if (!more)
        {
          settled = TRUE;
          break;
        }
    }
  total_ms = dash_bench_now_ms () - start;

  if (positions != NULL && !write_positions (positions, layout, &error))
    {
      fprintf (stderr, "layout-bench: %s\n", error->message);
      return 2;
    }

  printf ("layout.tool: dashboard\n");
  printf ("layout.nodes: %u\n", n_nodes);
  printf ("layout.edges: %u\n", edges->len);
  printf ("layout.iterations: %u\n", times->len);
  printf ("layout.settled: %s\n", settled ? "yes" : "no");
  printf ("layout.setup_ms: %.3f\n", setup_ms);
  printf ("layout.ms_per_iteration: %.3f\n", times->len > 0 ? sum / times->len : 0.0);
  dash_bench_sort_times (times);
  printf ("layout.median_iteration_ms: %.3f\n", dash_bench_median (times));
  printf ("layout.total_ms: %.3f\n", total_ms);
  printf ("layout.peak_rss_mib: %.1f\n", dash_bench_peak_rss_kib () / 1024.0);
  return 0;
}
