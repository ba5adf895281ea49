/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

G_BEGIN_DECLS

/*
 * Shared by the benchmark programs. Each program prints its figures as "key=value" lines
 * on stdout for bench-driver, which runs it as a child process and builds the table.
 */

/*
 * The annotate benchmark (bench-window) reads the novel from a third of its characters on,
 * a word or two every dozen words: 1,000 annotations take it about 80,000 characters
 * further. The relations of its fixture (bench-core) lie on those pages.
 */
#define BENCH_ANNOTATE_START_DIVISOR  3
#define BENCH_ANNOTATE_SPAN_CHARS     100000

/* Milliseconds since @t0_us, a g_get_monotonic_time () value (CLOCK_MONOTONIC). */
static inline double
bench_ms_since (gint64 t0_us)
{
  return (g_get_monotonic_time () - t0_us) / 1000.0;
}

/* The peak resident set size of this process so far, in KiB. */
static inline long
bench_peak_rss_kib (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return -1;
  return usage.ru_maxrss;
}

/*
 * When this process was launched, on the g_get_monotonic_time () clock: the driver passes
 * the time it called fork() in TESSERA_BENCH_LAUNCH_US; run by hand, the process start time
 * from /proc/self/stat is used (10 ms resolution).
 */
static inline gint64
bench_launch_time (void)
{
  const char *launch = g_getenv ("TESSERA_BENCH_LAUNCH_US");
  g_autofree char *stat = NULL;
  const char *fields;
  unsigned long long start_ticks = 0;
  gint64 start_us;
  struct timespec boot;
  gint64 now = g_get_monotonic_time ();

  if (launch != NULL)
    return g_ascii_strtoll (launch, NULL, 10);

  /* Field 22, after the command name in parentheses, which may hold spaces. */
  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) ||
      (fields = strrchr (stat, ')')) == NULL ||
      sscanf (fields + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d"
              " %*d %*d %llu", &start_ticks) != 1 ||
      clock_gettime (CLOCK_BOOTTIME, &boot) != 0)
    return now;

  start_us = (gint64) (start_ticks * G_USEC_PER_SEC / (unsigned long long) sysconf (_SC_CLK_TCK));
  return now - ((gint64) boot.tv_sec * G_USEC_PER_SEC + boot.tv_nsec / 1000 - start_us);
}

static inline void
bench_print_ms (const char *key,
                double      ms)
{
  printf ("%s=%.3f\n", key, ms);
  fflush (stdout);
}

static inline void
bench_print_int (const char *key,
                 gint64      value)
{
  printf ("%s=%" G_GINT64_FORMAT "\n", key, value);
  fflush (stdout);
}

static inline int
bench_compare_doubles (gconstpointer a,
                       gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The @q quantile (0 to 1) of @values, by the nearest-rank method; sorts @values. */
static inline double
bench_quantile (GArray *values,
                double  q)
{
  guint rank;

  if (values->len == 0)
    return 0;
  g_array_sort (values, bench_compare_doubles);
  rank = (guint) (q * values->len + 0.999999);
  rank = CLAMP (rank, 1, values->len);
  return g_array_index (values, double, rank - 1);
}

G_END_DECLS
