/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-bench"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "bench-common.h"

/*
 * Runs every benchmark and prints one table: each figure beside its baseline measured in the
 * same run, their ratio, the goal, and whether it is met. Each measurement is a child process
 * (bench-core, bench-window, bench-baseline, xmllint), so that its peak RSS is its own; timed
 * pairs alternate and the median of the runs is kept, which holds on a busy machine.
 *
 *   bench-driver [--runs N] [--annotations N] [--only SECTION,…] [--markdown FILE]
 *
 * SECTION is open, annotate, import, export or scale. The GUI parts need a display;
 * scripts/bench provides one with Xvfb.
 */

static struct
{
  char       *bin_dir;
  char       *work_dir;
  char       *log_dir;
  int         runs;
  int         annotations;
  char      **only;
  char       *markdown;
  gboolean    display;
  GPtrArray  *rows;
  GPtrArray  *notes;
} driver;

#ifdef TESSERA_BENCH_HAVE_GUI
#define NO_DISPLAY "no display (scripts/bench provides one)"
#else
#define NO_DISPLAY "built without the GUI"
#endif

/* Rows of the table -------------------------------------------------------------------------- */

typedef struct
{
  char *section;
  char *measure;
  char *tessera;
  char *baseline;
  char *ratio;
  char *goal;
  char *status;
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->section);
  g_free (row->measure);
  g_free (row->tessera);
  g_free (row->baseline);
  g_free (row->ratio);
  g_free (row->goal);
  g_free (row->status);
  g_free (row);
}

static Row *
add_row (const char *section,
         const char *measure)
{
  Row *row = g_new0 (Row, 1);

  row->section = g_strdup (section);
  row->measure = g_strdup (measure);
  row->tessera = g_strdup ("—");
  row->baseline = g_strdup ("—");
  row->ratio = g_strdup ("—");
  row->goal = g_strdup ("—");
  row->status = g_strdup ("");
  g_ptr_array_add (driver.rows, row);
  return row;
}

static void
set (char       **field,
     const char  *format,
     ...) G_GNUC_PRINTF (2, 3);

static void
set (char       **field,
     const char  *format,
     ...)
{
  va_list args;

  g_free (*field);
  va_start (args, format);
  *field = g_strdup_vprintf (format, args);
  va_end (args);
}

/* A remark printed under the table, referred to from the row's status. */
static void
add_note (Row        *row,
          const char *format,
          ...) G_GNUC_PRINTF (2, 3);

static void
add_note (Row        *row,
          const char *format,
          ...)
{
  va_list args;
  g_autofree char *text = NULL;
  g_autofree char *status = NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (driver.notes, g_strdup_printf ("[%u] %s", driver.notes->len + 1, text));
  status = g_strdup_printf ("%s%s[%u]", row->status, *row->status ? " " : "", driver.notes->len);
  set (&row->status, "%s", status);
}

static void
not_measured (Row        *row,
              const char *why)
{
  if (strlen (why) <= 40)
    {
      set (&row->status, "not measured: %s", why);
      return;
    }
  set (&row->status, "not measured");
  add_note (row, "%s", why);
}

static const char *
verdict (gboolean met)
{
  return met ? "met" : "NOT MET";
}

static char *
format_ms (double ms)
{
  if (ms >= 10000)
    return g_strdup_printf ("%.1f s", ms / 1000);
  if (ms >= 100)
    return g_strdup_printf ("%.0f ms", ms);
  if (ms >= 10)
    return g_strdup_printf ("%.1f ms", ms);
  return g_strdup_printf ("%.2f ms", ms);
}

static char *
format_kib (double kib)
{
  return g_strdup_printf ("%.0f MiB", kib / 1024);
}

/* A figure against a baseline, with a goal on their ratio. */
static void
set_ratio (Row        *row,
           char       *tessera,
           char       *baseline,
           double      ratio,
           double      goal)
{
  set (&row->tessera, "%s", tessera);
  set (&row->baseline, "%s", baseline);
  set (&row->ratio, "%.2f", ratio);
  set (&row->goal, "≤ %.2f", goal);
  set (&row->status, "%s", verdict (ratio <= goal));
  g_free (tessera);
  g_free (baseline);
}

/* A time against an absolute goal. */
static void
set_time (Row    *row,
          double  ms,
          double  goal_ms)
{
  g_autofree char *figure = format_ms (ms);

  set (&row->tessera, "%s", figure);
  if (goal_ms > 0)
    {
      g_autofree char *goal = format_ms (goal_ms);

      set (&row->goal, "≤ %s", goal);
      set (&row->status, "%s", verdict (ms <= goal_ms));
    }
}

/* Child processes ----------------------------------------------------------------------- */

typedef struct
{
  GHashTable *values;     /* key → value, from the "key=value" lines it printed */
  double      wall_ms;
  double      rss_kib;
  gboolean    ok;
  char       *error;      /* the end of its stderr when it failed */
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->values, g_hash_table_unref);
  g_clear_pointer (&run->error, g_free);
}

static double
value (Run        *run,
       const char *key)
{
  const char *text = run->values ? g_hash_table_lookup (run->values, key) : NULL;

  return text ? g_ascii_strtod (text, NULL) : -1;
}

static char *
tail (const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint n;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return g_strdup ("(no output)");
  g_strchomp (text);
  lines = g_strsplit (text, "\n", -1);
  n = g_strv_length (lines);
  return g_strdup (n > 0 ? lines[n - 1] : "(no output)");
}

/*
 * Runs @argv (a program of bin_dir unless it holds a slash, or a program on PATH) with its
 * stdout and stderr in the log folder, and measures its wall time from fork to exit and its
 * peak RSS. The child learns when it was launched from TESSERA_BENCH_LAUNCH_US.
 */
static gboolean
run_child (const char * const *argv,
           const char         *log_name,
           Run                *run)
{
  g_autofree char *program = NULL;
  g_autofree char *out_path = g_strdup_printf ("%s/%s.out", driver.log_dir, log_name);
  g_autofree char *err_path = g_strdup_printf ("%s/%s.err", driver.log_dir, log_name);
  g_autofree char *out = NULL;
  g_autofree char *launch = NULL;
  g_auto(GStrv) lines = NULL;
  struct rusage usage;
  int out_fd, err_fd, status;
  gint64 t0;
  pid_t pid;

  memset (run, 0, sizeof *run);
  program = strchr (argv[0], '/') || g_str_equal (argv[0], "xmllint")
    ? g_strdup (argv[0]) : g_build_filename (driver.bin_dir, argv[0], NULL);

  out_fd = open (out_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  err_fd = open (err_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (out_fd < 0 || err_fd < 0)
    {
      run->error = g_strdup_printf ("cannot write in %s", driver.log_dir);
      return FALSE;
    }

  t0 = g_get_monotonic_time ();
  launch = g_strdup_printf ("%" G_GINT64_FORMAT, t0);
  g_setenv ("TESSERA_BENCH_LAUNCH_US", launch, TRUE);
  pid = fork ();
  if (pid == 0)
    {
      dup2 (out_fd, STDOUT_FILENO);
      dup2 (err_fd, STDERR_FILENO);
      execvp (program, (char * const *) argv);
      _exit (127);
    }
  close (out_fd);
  close (err_fd);
  if (pid < 0)
    {
      run->error = g_strdup_printf ("cannot start %s: %s", program, g_strerror (errno));
      return FALSE;
    }
  while (wait4 (pid, &status, 0, &usage) < 0)
    {
      if (errno != EINTR)
        {
          run->error = g_strdup_printf ("lost %s: %s", program, g_strerror (errno));
          return FALSE;
        }
    }
  run->wall_ms = bench_ms_since (t0);
  run->rss_kib = usage.ru_maxrss;
  g_unsetenv ("TESSERA_BENCH_LAUNCH_US");

  run->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (g_file_get_contents (out_path, &out, NULL, NULL))
    {
      lines = g_strsplit (out, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          char *equal = strchr (lines[i], '=');

          if (equal != NULL)
            g_hash_table_insert (run->values, g_strndup (lines[i], equal - lines[i]),
                                 g_strdup (equal + 1));
        }
    }

  run->ok = WIFEXITED (status) && WEXITSTATUS (status) == 0;
  if (!run->ok)
    {
      g_autofree char *last = tail (err_path);

      run->error = g_strdup_printf ("%s failed (%s): %s", argv[0],
                                    WIFEXITED (status) ? "exit status" : "signal", last);
    }
  return run->ok;
}

static double
median (GArray *values)
{
  return bench_quantile (values, 0.5);
}

static void
progress (const char *format,
          ...) G_GNUC_PRINTF (1, 2);

static void
progress (const char *format,
          ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("bench: %s\n", message);
}

static char *
work_path (const char *name)
{
  return g_build_filename (driver.work_dir, name, NULL);
}

static gboolean
wanted (const char *section)
{
  return driver.only == NULL || g_strv_contains ((const char * const *) driver.only, section);
}

/* 1. Open ----------------------------------------------------------------------------- */

static void
bench_open (void)
{
  g_autofree char *project = work_path ("open.tessera");
  g_autofree char *text = work_path ("open.txt");
  g_autofree char *ranges = work_path ("open.ranges");
  const char *tessera_argv[] = { "bench-window", "open", project, NULL };
  const char *baseline_argv[] = { "bench-baseline", text, ranges, NULL };
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) painted = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) base_first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) base_rss = g_array_new (FALSE, FALSE, sizeof (double));
  Row *first_row = add_row ("1 Open", "launch → first frame, novel + 50,000 annotations");
  Row *painted_row = add_row ("1 Open", "launch → all annotations painted");
  Row *rss_row = add_row ("1 Open", "peak RSS");
  double characters = 0;

  if (!driver.display)
    {
      not_measured (first_row, NO_DISPLAY);
      not_measured (painted_row, "no display");
      not_measured (rss_row, "no display");
      return;
    }

  /* One pair to warm the caches, then alternate. */
  for (int i = -1; i < driver.runs; i++)
    {
      Run tessera = { 0 }, baseline = { 0 };
      double ms;

      progress ("open: run %d of %d", i + 2, driver.runs + 1);
      if (!run_child (baseline_argv, "open-baseline", &baseline) ||
          !run_child (tessera_argv, "open-tessera", &tessera))
        {
          not_measured (first_row, baseline.ok ? tessera.error : baseline.error);
          run_clear (&tessera);
          run_clear (&baseline);
          return;
        }
      characters = value (&baseline, "characters");
      if (i >= 0)
        {
          ms = value (&tessera, "first_frame_ms");
          g_array_append_val (first, ms);
          ms = value (&tessera, "all_painted_ms");
          g_array_append_val (painted, ms);
          g_array_append_val (rss, tessera.rss_kib);
          ms = value (&baseline, "first_frame_ms");
          g_array_append_val (base_first, ms);
          g_array_append_val (base_rss, baseline.rss_kib);
        }
      run_clear (&tessera);
      run_clear (&baseline);
    }

  set (&first_row->measure, "launch → first frame, novel (%.2f M characters)"
       " + 50,000 annotations", characters / 1e6);
  set_ratio (first_row, format_ms (median (first)), format_ms (median (base_first)),
             median (first) / median (base_first), 1.25);
  set_ratio (painted_row, format_ms (median (painted)), format_ms (median (base_first)),
             median (painted) / median (base_first), 1.25);
  set_ratio (rss_row, format_kib (median (rss)), format_kib (median (base_rss)),
             median (rss) / median (base_rss), 1.5);
}

/* 2. Annotate ------------------------------------------------------------------------- */

static gboolean
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) target = g_file_new_for_path (to);

  return g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL);
}

static void
bench_annotate (void)
{
  static const char * const actions[] = { "mark", "delete", "undo" };
  static const char * const labels[] = {
    "mark: selection → win.mark → saved → frame",
    "delete: win.delete-annotation → saved → frame",
    "undo of a delete: win.undo → saved → frame",
  };
  g_autofree char *fixture = work_path ("annotate-relations.tessera");
  g_autofree char *project = work_path ("annotate.tessera");
  g_autofree char *wal = work_path ("annotate.tessera-wal");
  g_autofree char *shm = work_path ("annotate.tessera-shm");
  g_autofree char *count = g_strdup_printf ("%d", driver.annotations);
  const char *argv[] = { "bench-window", "annotate", project, count, NULL };
  Row *medians[G_N_ELEMENTS (actions)], *p99s[G_N_ELEMENTS (actions)];
  Run run;

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autofree char *median_label = g_strdup_printf ("%s, median", labels[i]);
      g_autofree char *p99_label = g_strdup_printf ("%s, 99th percentile", labels[i]);

      medians[i] = add_row ("2 Annotate", median_label);
      p99s[i] = add_row ("2 Annotate", p99_label);
    }

  if (!driver.display)
    {
      for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
        {
          not_measured (medians[i], NO_DISPLAY);
          not_measured (p99s[i], "no display");
        }
      return;
    }

  g_unlink (wal);
  g_unlink (shm);
  if (!copy_file (fixture, project))
    {
      not_measured (medians[0], "cannot copy the fixture");
      return;
    }

  progress ("annotate: %d annotations marked, deleted and undone in the window",
            driver.annotations);
  if (!run_child (argv, "annotate", &run))
    {
      for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
        not_measured (medians[i], run.error);
      run_clear (&run);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autofree char *median_key = g_strdup_printf ("%s_median_ms", actions[i]);
      g_autofree char *p99_key = g_strdup_printf ("%s_p99_ms", actions[i]);
      g_autofree char *count_key = g_strdup_printf ("%s_count", actions[i]);
      g_autofree char *median_label = g_strdup_printf ("%s, median of %.0f", labels[i],
                                                       value (&run, count_key));

      g_autofree char *action_key = g_strdup_printf ("%s_action_p99_ms", actions[i]);
      g_autofree char *cpu_key = g_strdup_printf ("%s_cpu_p99_ms", actions[i]);
      g_autofree char *action_ms = NULL;
      g_autofree char *cpu_ms = NULL;

      set (&medians[i]->measure, "%s", median_label);
      set_time (medians[i], value (&run, median_key), 0);
      set_time (p99s[i], value (&run, p99_key), 16);
      action_ms = format_ms (value (&run, action_key));
      cpu_ms = format_ms (value (&run, cpu_key));
      add_note (p99s[i], "%s: the action alone (store, models, widgets, before the frame)"
                " takes %s at the 99th percentile; the process's CPU time over the whole span,"
                " %s.", actions[i], action_ms, cpu_ms);
    }
  add_note (medians[0], "The window shows the novel with its %.0f annotations and %.0f relations"
            " between annotations of the pages the benchmark goes through.",
            value (&run, "annotations_before"), value (&run, "relations"));
  run_clear (&run);
  g_unlink (project);
  g_unlink (wal);
  g_unlink (shm);
}

/* 3. Import --------------------------------------------------------------------------- */

static char *
file_label (const char *path,
            double     *out_megabytes)
{
  GStatBuf buf;
  g_autofree char *name = g_path_get_basename (path);

  *out_megabytes = g_stat (path, &buf) == 0 ? buf.st_size / 1e6 : 0;
  return g_strdup_printf ("%s (%.1f MB)", name, *out_megabytes);
}

static void
bench_import (void)
{
  g_autofree char *novels_path = work_path ("novels");
  g_autofree char *novels = NULL;
  g_auto(GStrv) tei = NULL;
  const char *texts[] = { "large.txt", "small.txt" };

  if (!g_file_get_contents (novels_path, &novels, NULL, NULL))
    {
      not_measured (add_row ("3 Import", "TEI import"), "fixtures missing");
      return;
    }
  g_strchomp (novels);
  tei = g_strsplit (novels, "\n", -1);

  for (guint n = 0; tei[n] != NULL && n < 2; n++)
    {
      const char *tessera_argv[] = { "bench-core", "import-tei", tei[n], NULL };
      const char *xmllint_argv[] = { "xmllint", "--noout", "--nonet", tei[n], NULL };
      g_autoptr(GArray) tessera_ms = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) xmllint_ms = g_array_new (FALSE, FALSE, sizeof (double));
      double megabytes;
      g_autofree char *label = file_label (tei[n], &megabytes);
      g_autofree char *measure = g_strdup_printf ("TEI import (parse + text + store), %s", label);
      Row *row = add_row ("3 Import", measure);
      gboolean failed = FALSE;

      for (int i = 0; i < driver.runs && !failed; i++)
        {
          Run tessera = { 0 }, xmllint = { 0 };
          double ms;

          progress ("import: %s, run %d of %d", label, i + 1, driver.runs);
          if (!run_child (xmllint_argv, "import-xmllint", &xmllint))
            {
              not_measured (row, xmllint.error);
              failed = TRUE;
            }
          else if (!run_child (tessera_argv, "import-tei", &tessera))
            {
              not_measured (row, tessera.error);
              failed = TRUE;
            }
          else if (value (&tessera, "import_ms") < 0)
            {
              not_measured (row, "the core has no TEI importer yet");
              failed = TRUE;
            }
          else
            {
              ms = value (&tessera, "import_ms");
              g_array_append_val (tessera_ms, ms);
              g_array_append_val (xmllint_ms, xmllint.wall_ms);
            }
          run_clear (&tessera);
          run_clear (&xmllint);
        }
      if (!failed)
        {
          g_autofree char *baseline = format_ms (median (xmllint_ms));

          set_ratio (row, format_ms (median (tessera_ms)),
                     g_strdup_printf ("%s xmllint --noout", baseline),
                     median (tessera_ms) / median (xmllint_ms), 5);
        }
    }

  for (guint n = 0; n < G_N_ELEMENTS (texts); n++)
    {
      g_autofree char *path = work_path (texts[n]);
      const char *argv[] = { "bench-core", "import-text", path, NULL };
      g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
      double megabytes;
      g_autofree char *label = file_label (path, &megabytes);
      g_autofree char *measure = g_strdup_printf ("plain-text import, body text of %s",
                                                  n == 0 ? "the larger novel"
                                                         : "the smaller novel");
      Row *row = add_row ("3 Import", measure);
      gboolean failed = FALSE;

      for (int i = 0; i < driver.runs && !failed; i++)
        {
          Run run;
          double t;

          progress ("import: %s, run %d of %d", label, i + 1, driver.runs);
          if (run_child (argv, "import-text", &run))
            {
              t = value (&run, "import_ms");
              g_array_append_val (ms, t);
            }
          else
            {
              not_measured (row, run.error);
              failed = TRUE;
            }
          run_clear (&run);
        }
      if (!failed)
        {
          g_autofree char *time = format_ms (median (ms));

          set (&row->measure, "%s, %s", measure, label);
          set (&row->tessera, "%.1f MB/s (%s)", megabytes / (median (ms) / 1000), time);
        }
    }
}

/* 4. Export --------------------------------------------------------------------------- */

/* Removes a file, or a folder and its files, that a benchmark wrote. */
static void
remove_output (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_output (child);
    }
  g_remove (path);
}

/* A format's export of both novels against the TEI export of the same run, its peak RSS at
 * 4× against 1×. */
static void
bench_export_format (const char *id,
                     double      tei_ms)
{
  g_autofree char *project = work_path ("export.tessera");
  g_autofree char *project4 = work_path ("export4.tessera");
  g_autofree char *name = g_strdup_printf ("export-%s.out", id);
  g_autofree char *out = work_path (name);
  g_autofree char *log_name = g_strdup_printf ("export-%s", id);
  const char *argv[] = { "bench-core", "export-format", id, project, out, NULL };
  const char *argv4[] = { "bench-core", "export-format", id, project4, out, NULL };
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rss = g_array_new (FALSE, FALSE, sizeof (double));
  Row *row = add_row ("4 Export", "");
  Row *rss_row = add_row ("4 Export", "");
  double megabytes = 0;
  Run run;

  set (&row->measure, "%s export, both novels, 75,000 annotations", id);
  set (&rss_row->measure, "%s export peak RSS, 4× corpus vs 1×", id);
  for (int i = 0; i < driver.runs; i++)
    {
      double t;

      progress ("export: %s, run %d of %d", id, i + 1, driver.runs);
      remove_output (out);
      if (!run_child (argv, log_name, &run))
        {
          not_measured (row, run.error);
          not_measured (rss_row, "the 1× export failed");
          run_clear (&run);
          return;
        }
      t = value (&run, "export_ms");
      megabytes = value (&run, "bytes") / 1e6;
      g_array_append_val (ms, t);
      g_array_append_val (rss, run.rss_kib);
      run_clear (&run);
    }
  set (&row->measure, "%s export, both novels, 75,000 annotations (%.1f MB)", id, megabytes);
  if (tei_ms > 0)
    {
      g_autofree char *baseline = format_ms (tei_ms);

      set_ratio (row, format_ms (median (ms)), g_strdup_printf ("%s TEI export", baseline),
                 median (ms) / tei_ms, 1.0);
    }
  else
    not_measured (row, "no TEI export to compare with");

  progress ("export: %s, the 4× corpus", id);
  remove_output (out);
  if (!run_child (argv4, log_name, &run))
    not_measured (rss_row, run.error);
  else
    set_ratio (rss_row, format_kib (run.rss_kib), g_strdup_printf ("%.0f MiB at 1×",
                                                                    median (rss) / 1024),
               run.rss_kib / median (rss), 1.25);
  run_clear (&run);
  remove_output (out);
}

/* A format's import of its own export of the larger novel, in MB/s. */
static void
bench_import_format (const char *id)
{
  g_autofree char *project = work_path ("export.tessera");
  g_autofree char *name = g_strdup_printf ("larger-%s.out", id);
  g_autofree char *out = work_path (name);
  g_autofree char *log_name = g_strdup_printf ("import-%s", id);
  const char *export_argv[] = { "bench-core", "export-format", id, project, out, "larger", NULL };
  const char *import_argv[] = { "bench-core", "import-format", id, out, NULL };
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  Row *row = add_row ("4 Export", "");
  double megabytes = 0;
  Run run;

  set (&row->measure, "%s import of its export of the larger novel", id);
  remove_output (out);
  if (!run_child (export_argv, log_name, &run))
    {
      not_measured (row, run.error);
      run_clear (&run);
      return;
    }
  megabytes = value (&run, "bytes") / 1e6;
  run_clear (&run);
  for (int i = 0; i < driver.runs; i++)
    {
      double t;

      progress ("import: %s, run %d of %d", id, i + 1, driver.runs);
      if (!run_child (import_argv, log_name, &run))
        {
          not_measured (row, run.error);
          run_clear (&run);
          remove_output (out);
          return;
        }
      t = value (&run, "import_ms");
      g_array_append_val (ms, t);
      run_clear (&run);
    }
  {
    g_autofree char *time = format_ms (median (ms));
    double rate = megabytes / (median (ms) / 1000);

    set (&row->measure, "%s import of its export of the larger novel (%.1f MB)", id, megabytes);
    set (&row->tessera, "%.1f MB/s (%s)", rate, time);
    set (&row->goal, "≥ 20 MB/s");
    set (&row->status, "%s", verdict (rate >= 20));
  }
  remove_output (out);
}

/* Every format of the registry but text and TEI, as bench-core lists them. */
static void
bench_export_formats (double tei_ms)
{
  const char *argv[] = { "bench-core", "formats", NULL };
  g_auto(GStrv) exporters = NULL;
  g_auto(GStrv) importers = NULL;
  Run run;

  if (!run_child (argv, "formats", &run))
    {
      not_measured (add_row ("4 Export", "the other formats"), run.error);
      run_clear (&run);
      return;
    }
  exporters = g_strsplit (g_hash_table_contains (run.values, "exporters")
                          ? g_hash_table_lookup (run.values, "exporters") : "", " ", -1);
  importers = g_strsplit (g_hash_table_contains (run.values, "importers")
                          ? g_hash_table_lookup (run.values, "importers") : "", " ", -1);
  run_clear (&run);

  for (guint i = 0; exporters[i] != NULL; i++)
    {
      if (*exporters[i] != '\0')
        bench_export_format (exporters[i], tei_ms);
    }
  for (guint i = 0; importers[i] != NULL; i++)
    {
      if (*importers[i] != '\0')
        bench_import_format (importers[i]);
    }
}

static void
bench_export (void)
{
  g_autofree char *project = work_path ("export.tessera");
  g_autofree char *project4 = work_path ("export4.tessera");
  g_autofree char *out = work_path ("export.xml");
  g_autofree char *out4 = work_path ("export4.xml");
  g_autofree char *formatted = work_path ("export-formatted.xml");
  const char *tessera_argv[] = { "bench-core", "export", project, out, NULL };
  const char *tessera4_argv[] = { "bench-core", "export", project4, out4, NULL };
  const char *xmllint_argv[] = { "xmllint", "--format", "--nonet", "--output", formatted, out,
                                 NULL };
  g_autoptr(GArray) tessera_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) xmllint_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rss = g_array_new (FALSE, FALSE, sizeof (double));
  Row *row = add_row ("4 Export", "TEI export, both novels, 75,000 annotations");
  Row *rss_row = add_row ("4 Export", "export peak RSS, 4× corpus (300,000 annotations) vs 1×");
  double megabytes = 0;
  Run run;

  for (int i = 0; i < driver.runs; i++)
    {
      Run xmllint = { 0 };
      double ms;

      progress ("export: run %d of %d", i + 1, driver.runs);
      if (!run_child (tessera_argv, "export", &run))
        {
          not_measured (row, run.error);
          not_measured (rss_row, "the 1× export failed");
          run_clear (&run);
          return;
        }
      if (value (&run, "export_ms") < 0)
        {
          not_measured (row, "exporter missing");
          not_measured (rss_row, "exporter missing");
          run_clear (&run);
          return;
        }
      ms = value (&run, "export_ms");
      megabytes = value (&run, "bytes") / 1e6;
      g_array_append_val (tessera_ms, ms);
      g_array_append_val (rss, run.rss_kib);
      run_clear (&run);

      if (!run_child (xmllint_argv, "export-xmllint", &xmllint))
        {
          not_measured (row, xmllint.error);
          run_clear (&xmllint);
          return;
        }
      g_array_append_val (xmllint_ms, xmllint.wall_ms);
      run_clear (&xmllint);
    }

  {
    g_autofree char *baseline = format_ms (median (xmllint_ms));

    set (&row->measure, "TEI export, both novels, 75,000 annotations (%.1f MB of XML)",
         megabytes);
    set_ratio (row, format_ms (median (tessera_ms)),
               g_strdup_printf ("%s xmllint --format", baseline),
               median (tessera_ms) / median (xmllint_ms), 2);
  }

  progress ("export: the 4× corpus");
  if (!run_child (tessera4_argv, "export4", &run))
    not_measured (rss_row, run.error);
  else
    set_ratio (rss_row, format_kib (run.rss_kib), g_strdup_printf ("%.0f MiB at 1×",
                                                                    median (rss) / 1024),
               run.rss_kib / median (rss), 1.25);
  run_clear (&run);
  g_unlink (out4);

  bench_export_formats (median (tessera_ms));
}

/* 5. Scale ---------------------------------------------------------------------------- */

static void
bench_scale (void)
{
  g_autofree char *project = work_path ("scale.tessera");
  /* A frequent word, a rare one, and one found nowhere. */
  const char *window_argv[] = { "bench-window", "open", project, "Christophe", "Lecoq",
                                "zyxwv", NULL };
  const char *stats_argv[] = { "bench-core", "stats", project, NULL };
  g_autoptr(GArray) open_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) filter_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) clear_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stats_ms = g_array_new (FALSE, FALSE, sizeof (double));
  Row *open_row = add_row ("5 Scale", "10,000 articles, 500,000 annotations:"
                                      " launch → first frame");
  Row *filter_row = add_row ("5 Scale", "filter the document list by a word → frame");
  Row *stats_row = add_row ("5 Scale", "project statistics (tessera_store_dup_stats)");
  gboolean failed = FALSE;

  for (int i = 0; i < driver.runs && !failed; i++)
    {
      Run run;
      double ms;

      progress ("scale: statistics, run %d of %d", i + 1, driver.runs);
      if (!run_child (stats_argv, "scale-stats", &run))
        {
          not_measured (stats_row, run.error);
          failed = TRUE;
        }
      else
        {
          ms = value (&run, "stats_ms");
          g_array_append_val (stats_ms, ms);
        }
      run_clear (&run);
    }
  if (!failed)
    set_time (stats_row, median (stats_ms), 1000);

  if (!driver.display)
    {
      not_measured (open_row, NO_DISPLAY);
      not_measured (filter_row, "no display");
      return;
    }

  for (int i = 0; i < driver.runs; i++)
    {
      Run run;
      double ms;

      progress ("scale: window, run %d of %d", i + 1, driver.runs);
      if (!run_child (window_argv, "scale-window", &run))
        {
          not_measured (open_row, run.error);
          not_measured (filter_row, run.error);
          run_clear (&run);
          return;
        }
      ms = value (&run, "first_frame_ms");
      g_array_append_val (open_ms, ms);
      ms = value (&run, "filter_max_ms");
      g_array_append_val (filter_ms, ms);
      ms = value (&run, "filter_clear_max_ms");
      g_array_append_val (clear_ms, ms);
      run_clear (&run);
    }
  set_time (open_row, median (open_ms), 1000);
  set_time (filter_row, median (filter_ms), 50);
  {
    g_autofree char *clear = format_ms (median (clear_ms));

    add_note (filter_row, "Each word is filtered 3 times; the figure is the slowest of the 9,"
              " from the change of the filter (the entry's pause for typing left out) to the"
              " end of the frame showing the result. Clearing the filter again takes %s.",
              clear);
  }
}

/* The machine ------------------------------------------------------------------------- */

static char *
first_match (const char *path,
             const char *prefix)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], prefix))
        {
          const char *value = lines[i] + strlen (prefix);

          while (*value == ' ' || *value == '\t' || *value == ':' || *value == '=')
            value++;
          return g_strdup (value);
        }
    }
  return NULL;
}

static char *
describe_machine (void)
{
  g_autofree char *cpu = first_match ("/proc/cpuinfo", "model name");
  g_autofree char *memory = first_match ("/proc/meminfo", "MemTotal");
  g_autofree char *distro = first_match ("/etc/os-release", "PRETTY_NAME");
  struct utsname name;
  double gib = memory ? g_ascii_strtod (memory, NULL) / (1024.0 * 1024.0) : 0;

  if (distro != NULL)
    g_strdelimit (distro, "\"", ' '), g_strstrip (distro);
  if (uname (&name) != 0)
    strcpy (name.release, "?");

  return g_strdup_printf ("%s, %u cores, %.0f GiB; Linux %s; %s; %s",
                          cpu ? cpu : "unknown CPU", g_get_num_processors (), gib, name.release,
                          distro ? distro : "unknown system", TESSERA_BENCH_VERSIONS);
}

/* The table --------------------------------------------------------------------------- */

static guint
width_of (const char *text)
{
  return (guint) g_utf8_strlen (text, -1);
}

static void
pad (GString    *out,
     const char *text,
     guint       width)
{
  g_string_append (out, text);
  for (guint i = width_of (text); i < width; i++)
    g_string_append_c (out, ' ');
}

static char *
plain_table (void)
{
  GString *out = g_string_new (NULL);
  const char *heading[] = { "", "Measure", "Tessera", "Baseline", "Ratio", "Goal", "Status" };
  guint widths[G_N_ELEMENTS (heading)] = { 0 };

  for (guint c = 0; c < G_N_ELEMENTS (heading); c++)
    widths[c] = width_of (heading[c]);
  for (guint r = 0; r < driver.rows->len; r++)
    {
      Row *row = g_ptr_array_index (driver.rows, r);
      const char *cells[] = { row->section, row->measure, row->tessera, row->baseline,
                              row->ratio, row->goal, row->status };

      for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
        widths[c] = MAX (widths[c], width_of (cells[c]));
    }

  for (guint c = 0; c < G_N_ELEMENTS (heading); c++)
    pad (out, heading[c], c + 1 < G_N_ELEMENTS (heading) ? widths[c] + 2 : 0);
  g_string_append_c (out, '\n');
  for (guint r = 0; r < driver.rows->len; r++)
    {
      Row *row = g_ptr_array_index (driver.rows, r);
      Row *previous = r > 0 ? g_ptr_array_index (driver.rows, r - 1) : NULL;
      const char *cells[] = { previous && g_str_equal (previous->section, row->section)
                                ? "" : row->section,
                              row->measure, row->tessera, row->baseline,
                              row->ratio, row->goal, row->status };

      for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
        pad (out, cells[c], c + 1 < G_N_ELEMENTS (cells) ? widths[c] + 2 : 0);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static char *
markdown_table (void)
{
  GString *out = g_string_new ("| | Measure | Tessera | Baseline | Ratio | Goal | Status |\n"
                               "|---|---|---|---|---|---|---|\n");

  for (guint r = 0; r < driver.rows->len; r++)
    {
      Row *row = g_ptr_array_index (driver.rows, r);

      g_string_append_printf (out, "| %s | %s | %s | %s | %s | %s | %s |\n", row->section,
                              row->measure, row->tessera, row->baseline, row->ratio, row->goal,
                              row->status);
    }
  return g_string_free (out, FALSE);
}

/* Main -------------------------------------------------------------------------------- */

static gboolean
build_fixtures (void)
{
  const char *corpus = g_getenv ("TESSERA_BENCH_CORPUS");
  const char *argv[] = { "bench-core", "fixtures", corpus ? corpus : TESSERA_BENCH_CORPUS,
                         driver.work_dir, NULL };
  Run run;
  gboolean ok;

  progress ("fixtures in %s (built once, about 15 s)", driver.work_dir);
  ok = run_child (argv, "fixtures", &run);
  if (!ok)
    g_printerr ("bench: %s\n", run.error);
  run_clear (&run);
  return ok;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *only = NULL;
  g_autofree char *machine = NULL;
  g_autofree char *table = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *notes_markdown = NULL;
  g_autofree char *home = NULL;
  g_autofree char *self = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d %H:%M");
  gint64 t0 = g_get_monotonic_time ();
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &driver.runs, "Runs of each timed program (5)", "N" },
    { "annotations", 0, 0, G_OPTION_ARG_INT, &driver.annotations,
      "Annotations marked, deleted and undone (1000)", "N" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only,
      "Only these sections: open,annotate,import,export,scale", "LIST" },
    { "markdown", 0, 0, G_OPTION_ARG_FILENAME, &driver.markdown,
      "Also write the table as Markdown to FILE", "FILE" },
    { NULL }
  };

  driver.runs = 5;
  driver.annotations = 1000;
  context = g_option_context_new ("- run Tessera's benchmarks and print one table");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench: %s\n", error->message);
      return 2;
    }
  driver.runs = MAX (1, driver.runs);
  driver.annotations = MAX (10, driver.annotations);
  if (only != NULL)
    driver.only = g_strsplit (only, ",", -1);

  self = g_file_read_link ("/proc/self/exe", NULL);
  driver.bin_dir = self ? g_path_get_dirname (self) : g_strdup (TESSERA_BENCH_BIN_DIR);
  driver.work_dir = g_strdup (g_getenv ("TESSERA_BENCH_WORK") ? g_getenv ("TESSERA_BENCH_WORK")
                                                              : TESSERA_BENCH_WORK_DIR);
  driver.log_dir = g_build_filename (driver.work_dir, "logs", NULL);
  driver.rows = g_ptr_array_new_with_free_func (row_free);
  driver.notes = g_ptr_array_new_with_free_func (g_free);
#ifdef TESSERA_BENCH_HAVE_GUI
  driver.display = g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL;
#endif
  if (g_mkdir_with_parents (driver.log_dir, 0755) != 0)
    {
      g_printerr ("bench: cannot create %s\n", driver.log_dir);
      return 1;
    }

  /* The GUI programs run like the GUI tests: their own settings, data home and bus. */
  home = work_path ("home");
  g_mkdir_with_parents (home, 0755);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", TESSERA_BENCH_SCHEMA_DIR, TRUE);
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  /* Under Xvfb there is no GPU: GTK's GL renderer would run on Mesa's software rasterizer and
   * the figures would be its. Cairo draws only what changed, as a GPU makes cheap. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  if (!build_fixtures ())
    return 1;

  if (wanted ("open"))
    bench_open ();
  if (wanted ("annotate"))
    bench_annotate ();
  if (wanted ("import"))
    bench_import ();
  if (wanted ("export"))
    bench_export ();
  if (wanted ("scale"))
    bench_scale ();

  machine = describe_machine ();
  table = plain_table ();
  g_ptr_array_add (driver.notes, NULL);
  notes = g_strjoinv ("\n", (char **) driver.notes->pdata);
  notes_markdown = g_strjoinv ("\n\n", (char **) driver.notes->pdata);
  printf ("Tessera benchmarks, %s\nMachine: %s\n"
          "Median of %d runs of each program; annotate: %d of each action. Took %.0f s.\n\n"
          "%s\n%s\n", date, machine, driver.runs, driver.annotations,
          bench_ms_since (t0) / 1000, table, notes);

  markdown = markdown_table ();
  {
    g_autofree char *text = g_strdup_printf ("Tessera benchmarks, %s  \nMachine: %s  \n"
                                             "Median of %d runs of each program; annotate: %d"
                                             " of each action.\n\n%s\n%s\n", date, machine,
                                             driver.runs, driver.annotations, markdown,
                                             notes_markdown);
    g_autofree char *results = work_path ("results.md");

    g_file_set_contents (results, text, -1, NULL);
    if (driver.markdown != NULL && !g_file_set_contents (driver.markdown, text, -1, &error))
      g_printerr ("bench: %s\n", error->message);
  }

  g_strfreev (driver.only);
  g_ptr_array_unref (driver.rows);
  g_ptr_array_unref (driver.notes);
  return 0;
}
