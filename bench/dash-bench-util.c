/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "dash-bench-util.h"

#include <stdio.h>
#include <sys/resource.h>

double
dash_bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

long
dash_bench_peak_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

void
dash_bench_sort_times (GArray *times)
{
  g_array_sort (times, compare_double);
}

double
dash_bench_median (GArray *times)
{
  return times->len > 0 ? g_array_index (times, double, times->len / 2) : 0.0;
}

/* The 95th percentile of the sorted @times, or 0 when there are none. */
static double
p95 (GArray *times)
{
  if (times->len == 0)
    return 0.0;
  return g_array_index (times, double, MIN (times->len - 1, times->len * 95 / 100));
}

void
dash_bench_print_times (const char *name,
                        GArray     *times)
{
  dash_bench_sort_times (times);
  printf ("%s.median_ms: %.2f\n", name, dash_bench_median (times));
  printf ("%s.p95_ms: %.2f\n", name, p95 (times));
}
