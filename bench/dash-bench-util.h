/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the benchmarks share: a clock, the peak memory, and figures of a set of times. */

/* A monotonic clock, in milliseconds. */
double dash_bench_now_ms        (void);

/* The process's peak resident memory so far, in KiB. */
long   dash_bench_peak_rss_kib  (void);

/* Sorts @times (doubles) from the shortest. */
void   dash_bench_sort_times    (GArray     *times);

/* The median of the sorted @times, or 0 when there are none. */
double dash_bench_median        (GArray     *times);

/* Sorts @times (milliseconds) and prints "@name.median_ms: …" and
 * "@name.p95_ms: …". */
void   dash_bench_print_times   (const char *name,
                                 GArray     *times);

G_END_DECLS
