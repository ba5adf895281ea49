/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-bench"

#include "config.h"

#include <locale.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "tessera-application.h"
#include "tessera-text-view.h"
#include "tessera-window.h"

#include "bench-common.h"

/*
 * The real window, timed:
 *
 *   bench-window open PROJECT [WORD…]
 *     Starts the application as main.c does, on PROJECT, and prints the time from launch
 *     to the first frame of its window (first_frame_ms) and to the first frame after every
 *     annotation is painted (all_painted_ms), then the peak RSS at exit. With WORDs, then
 *     filters the document list by each word and prints the time from the change to the
 *     frame that shows the result (filter_*).
 *
 *   bench-window annotate PROJECT N
 *     Opens the window on PROJECT (the novel, with relations drawn on the pages it goes
 *     through), and times N annotations made through the window's own actions: text
 *     selected, win.mark, then win.delete-annotation on each, then win.undo N times. Each figure runs from the action to the end of the next frame
 *     (the change committed to SQLite and visible).
 *
 * Before each timed action the window is idle and the frame clock, which paces frames at
 * 60 Hz, free to start the next frame at once: waiting for the next frame slot is not work.
 */

#define FRAME_INTERVAL_US 17000
#define FRAME_TIMEOUT_US  (5 * G_USEC_PER_SEC)

typedef struct
{
  gint64         launch;
  GtkApplication *application;
  TesseraWindow  *window;
  guint64        frames;
  gint64         last_frame_start;
  gint64         last_frame_end;
  double         first_frame_ms;
  double         all_painted_ms;
  gboolean       all_painted;
  char         **filter_words;
  int            status;
} Bench;

static Bench bench;

/* Frames ---------------------------------------------------------------------------------- */

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       data)
{
  bench.frames++;
  bench.last_frame_start = gdk_frame_clock_get_frame_time (clock);
  bench.last_frame_end = g_get_monotonic_time ();
}

static void
watch_frames (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint), NULL);
}

static gboolean
wake_up (gpointer data)
{
  *(guint *) data = 0;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @us microseconds. */
static void
spin (gint64 us)
{
  guint source = g_timeout_add ((guint) MAX (1, us / 1000), wake_up, &source);

  while (source != 0)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs the main loop until a frame ends after @frames; returns when it ended. */
static gint64
wait_frame (guint64 frames)
{
  gint64 deadline = g_get_monotonic_time () + FRAME_TIMEOUT_US;

  while (bench.frames <= frames)
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_printerr ("bench-window: no frame after an action\n");
          bench.status = 1;
          return g_get_monotonic_time ();
        }
      spin (1000);
    }
  return bench.last_frame_end;
}

/* When the frame clock, which paces frames at 60 Hz, would start a frame at once. */
static gint64
next_frame_allowed (void)
{
  return MAX (bench.last_frame_start + FRAME_INTERVAL_US, bench.last_frame_end + 1000);
}

/* Lets the window become idle: any pending frame drawn, and the next one allowed at once. */
static void
settle (void)
{
  for (;;)
    {
      guint64 frames = bench.frames;

      spin (MAX (next_frame_allowed () - g_get_monotonic_time (), 2000));
      if (bench.frames == frames && g_get_monotonic_time () >= next_frame_allowed ())
        return;
    }
}

/* CPU time of the whole process (every thread: GTK renders in some), in microseconds. */
static gint64
cpu_time (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

typedef struct
{
  GArray *total;      /* from the action to the end of the next frame */
  GArray *action;     /* the action alone: the store, the models, the widgets */
  GArray *cpu;        /* CPU time of the process over the total */
} Timings;

static void
timings_init (Timings *timings)
{
  timings->total = g_array_new (FALSE, FALSE, sizeof (double));
  timings->action = g_array_new (FALSE, FALSE, sizeof (double));
  timings->cpu = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
timings_clear (Timings *timings)
{
  g_array_unref (timings->total);
  g_array_unref (timings->action);
  g_array_unref (timings->cpu);
}

/* Activates @action, and times it up to the end of the next frame. */
static void
time_action (const char *action,
             GVariant   *parameter,
             Timings    *timings)
{
  guint64 frames;
  gint64 t0, t1, end, cpu0;
  double ms;

  settle ();
  frames = bench.frames;
  cpu0 = cpu_time ();
  t0 = g_get_monotonic_time ();
  gtk_widget_activate_action_variant (GTK_WIDGET (bench.window), action, parameter);
  t1 = g_get_monotonic_time ();
  end = wait_frame (frames);

  ms = (end - t0) / 1000.0;
  g_array_append_val (timings->total, ms);
  ms = (t1 - t0) / 1000.0;
  g_array_append_val (timings->action, ms);
  ms = (cpu_time () - cpu0) / 1000.0;
  g_array_append_val (timings->cpu, ms);
}

static void
print_quantiles (const char *name,
                 GArray     *ms)
{
  g_autofree char *median = g_strconcat (name, "_median_ms", NULL);
  g_autofree char *p99 = g_strconcat (name, "_p99_ms", NULL);
  g_autofree char *max = g_strconcat (name, "_max_ms", NULL);
  g_autofree char *count = g_strconcat (name, "_count", NULL);

  bench_print_ms (median, bench_quantile (ms, 0.5));
  bench_print_ms (p99, bench_quantile (ms, 0.99));
  bench_print_ms (max, bench_quantile (ms, 1.0));
  bench_print_int (count, ms->len);
}

static void
print_timings (const char *name,
               Timings    *timings)
{
  g_autofree char *action = g_strconcat (name, "_action", NULL);
  g_autofree char *cpu = g_strconcat (name, "_cpu", NULL);

  print_quantiles (name, timings->total);
  print_quantiles (action, timings->action);
  print_quantiles (cpu, timings->cpu);
}

static TesseraTextView *
text_view (void)
{
  return TESSERA_TEXT_VIEW (tessera_window_get_text_view (bench.window));
}

static gboolean
is_painted (void)
{
  return tessera_window_get_document_id (bench.window) != 0 &&
         !tessera_text_view_is_loading (text_view ());
}

/* open ------------------------------------------------------------------------------------ */

static void
measure_filter (void)
{
  GObject *entry = gtk_widget_get_template_child (GTK_WIDGET (bench.window), TESSERA_TYPE_WINDOW,
                                                  "document_filter");
  GObject *list = gtk_widget_get_template_child (GTK_WIDGET (bench.window), TESSERA_TYPE_WINDOW,
                                                 "document_list");
  g_autoptr(GArray) filter = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) clear = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint round = 0; round < 3; round++)
    {
      for (guint i = 0; bench.filter_words[i] != NULL; i++)
        {
          for (guint pass = 0; pass < 2; pass++)
            {
              const char *text = pass == 0 ? bench.filter_words[i] : "";
              guint64 frames;
              gint64 t0, end;
              double ms;

              settle ();
              frames = bench.frames;
              t0 = g_get_monotonic_time ();
              /* The entry waits for typing to pause before it says the search changed;
               * that pause is the user's, not the filter's. */
              gtk_editable_set_text (GTK_EDITABLE (entry), text);
              g_signal_emit_by_name (entry, "search-changed");
              end = wait_frame (frames);
              ms = (end - t0) / 1000.0;
              g_array_append_val (pass == 0 ? filter : clear, ms);

              if (round == 0 && pass == 0)
                {
                  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
                  g_autofree char *key = g_strdup_printf ("filter_matches_%s",
                                                          bench.filter_words[i]);

                  bench_print_int (key, g_list_model_get_n_items (model));
                }
            }
        }
    }
  print_quantiles ("filter", filter);
  print_quantiles ("filter_clear", clear);
}

static gboolean
finish_open (gpointer data)
{
  if (bench.filter_words != NULL && bench.filter_words[0] != NULL)
    measure_filter ();

  bench_print_ms ("first_frame_ms", bench.first_frame_ms);
  bench_print_ms ("all_painted_ms", bench.all_painted_ms);
  bench_print_int ("peak_rss_kib", bench_peak_rss_kib ());
  /* Tearing down a novel's buffer is not part of what is measured, and takes seconds. */
  _exit (bench.status);
  return G_SOURCE_REMOVE;
}

static void
on_open_after_paint (GdkFrameClock *clock,
                     gpointer       data)
{
  if (bench.first_frame_ms == 0)
    {
      bench.first_frame_ms = bench_ms_since (bench.launch);
      bench_print_int ("first_frame_document_id", tessera_window_get_document_id (bench.window));
    }
  if (!bench.all_painted && is_painted ())
    {
      bench.all_painted_ms = bench_ms_since (bench.launch);
      bench.all_painted = TRUE;
      g_idle_add (finish_open, NULL);
    }
}

static void
on_window_realize (GtkWidget *window)
{
  watch_frames (window);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_open_after_paint), NULL);
}

static void
on_window_added (GtkApplication *application,
                 GtkWindow      *window)
{
  if (!TESSERA_IS_WINDOW (window) || bench.window != NULL)
    return;
  bench.window = TESSERA_WINDOW (window);
  g_signal_connect (window, "realize", G_CALLBACK (on_window_realize), NULL);
}

static gboolean
give_up (gpointer data)
{
  g_printerr ("bench-window: the window did not finish painting within a minute\n");
  bench.status = 1;
  g_application_quit (G_APPLICATION (bench.application));
  return G_SOURCE_REMOVE;
}

static int
run_open (const char *project,
          char      **words)
{
  g_autoptr(TesseraApplication) application = NULL;
  char *args[] = { (char *) "tessera", (char *) project, NULL };
  int status;

  application = tessera_application_new ();
  /* Never hand the project to a Tessera the user has open. */
  g_application_set_flags (G_APPLICATION (application),
                           g_application_get_flags (G_APPLICATION (application)) |
                           G_APPLICATION_NON_UNIQUE);
  bench.application = GTK_APPLICATION (application);
  bench.filter_words = words;
  g_signal_connect (application, "window-added", G_CALLBACK (on_window_added), NULL);
  g_timeout_add_seconds (60, give_up, NULL);

  /* Returns only when the window failed to open or to paint. */
  status = g_application_run (G_APPLICATION (application), 2, args);
  return status != 0 ? status : 1;
}

/* annotate -------------------------------------------------------------------------------- */

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c);
}

/* Word boundaries (code points) from @offset on, like a reader going down the page. */
static guint
next_word (const char *text,
           guint       offset,
           guint      *out_end,
           const char **cursor)
{
  const char *p = *cursor;
  guint start;

  while (*p != '\0' && !is_word_char (g_utf8_get_char (p)))
    {
      p = g_utf8_next_char (p);
      offset++;
    }
  start = offset;
  while (*p != '\0' && is_word_char (g_utf8_get_char (p)))
    {
      p = g_utf8_next_char (p);
      offset++;
    }
  *cursor = p;
  *out_end = offset;
  return start;
}

static gboolean
has_same_annotation (guint  start,
                     guint  end,
                     gint64 type_id)
{
  g_autoptr(GPtrArray) found = tessera_text_view_dup_annotations_at (text_view (), start);

  for (guint i = 0; i < found->len; i++)
    {
      TesseraAnnotation *annotation = g_ptr_array_index (found, i);

      if (tessera_annotation_get_type_id (annotation) == type_id &&
          tessera_annotation_get_start (annotation) == start &&
          tessera_annotation_get_end (annotation) == end)
        return TRUE;
    }
  return FALSE;
}

static int
run_annotate (const char *project,
              guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  Timings mark, remove, undo;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  GListModel *tagset;
  const char *text, *cursor;
  guint offset, n_types;
  gint64 deadline;

  adw_init ();
  timings_init (&mark);
  timings_init (&remove);
  timings_init (&undo);

  bench.window = tessera_window_new (NULL);
  if (!tessera_window_open_project (bench.window, project, &error))
    {
      g_printerr ("bench-window: %s\n", error->message);
      return 1;
    }
  g_signal_connect (bench.window, "realize", G_CALLBACK (watch_frames), NULL);
  gtk_window_present (GTK_WINDOW (bench.window));

  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (bench.frames == 0 || !is_painted ())
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_printerr ("bench-window: the window did not finish painting within a minute\n");
          return 1;
        }
      spin (10000);
    }
  spin (200000);

  before = tessera_store_dup_annotations (tessera_window_get_store (bench.window),
                                          tessera_window_get_document_id (bench.window), NULL);
  relations = tessera_store_dup_relations (tessera_window_get_store (bench.window),
                                           tessera_window_get_document_id (bench.window), NULL);

  /* Entity types only: marking text as a claim or a cue works the same way. */
  tagset = tessera_store_get_tagset (tessera_window_get_store (bench.window));
  n_types = MIN (7, g_list_model_get_n_items (tagset));

  /* Like a reader: from a third of the novel on, a word or two every dozen words. */
  text = tessera_text_view_get_text (text_view ());
  offset = (guint) (g_utf8_strlen (text, -1) / BENCH_ANNOTATE_START_DIVISOR);
  cursor = g_utf8_offset_to_pointer (text, offset);
  while (ids->len < n)
    {
      g_autoptr(TesseraAnnotationType) type =
        g_list_model_get_item (tagset, (guint) g_rand_int_range (rand, 0, (gint32) n_types));
      gint64 type_id = tessera_annotation_type_get_id (type);
      guint start, end, skip = (guint) g_rand_int_range (rand, 6, 18);
      gint64 id;

      for (guint i = 0; i < skip; i++)
        next_word (text, offset, &offset, &cursor);
      start = next_word (text, offset, &end, &cursor);
      offset = end;
      if (g_rand_int_range (rand, 0, 3) == 0)
        {
          next_word (text, offset, &end, &cursor);
          offset = end;
        }
      if (*cursor == '\0')
        break;
      if (has_same_annotation (start, end, type_id))
        continue;

      tessera_text_view_select_text (text_view (), start, end);
      time_action ("win.mark", g_variant_new_int64 (type_id), &mark);
      id = tessera_text_view_get_selected (text_view ());
      if (id == 0)
        {
          g_printerr ("bench-window: marking %u–%u made no annotation\n", start, end);
          return 1;
        }
      g_array_append_val (ids, id);
    }

  /* Delete each, the most recent first. */
  for (guint i = ids->len; i-- > 0; )
    {
      tessera_text_view_select (text_view (), g_array_index (ids, gint64, i), TRUE);
      time_action ("win.delete-annotation", NULL, &remove);
    }

  for (guint i = 0; i < ids->len; i++)
    time_action ("win.undo", NULL, &undo);
  settle ();

  after = tessera_store_dup_annotations (tessera_window_get_store (bench.window),
                                         tessera_window_get_document_id (bench.window), NULL);
  print_timings ("mark", &mark);
  print_timings ("delete", &remove);
  print_timings ("undo", &undo);
  timings_clear (&mark);
  timings_clear (&remove);
  timings_clear (&undo);
  bench_print_int ("annotations_before", before->len);
  bench_print_int ("relations", relations != NULL ? relations->len : 0);
  bench_print_int ("annotations_after", after->len);
  if (after->len != before->len + ids->len)
    {
      g_printerr ("bench-window: %u annotations after marking %u, deleting and undoing"
                  " the deletions; expected %u\n", after->len, ids->len,
                  before->len + ids->len);
      bench.status = 1;
    }

  _exit (bench.status);
}

int
main (int   argc,
      char *argv[])
{
  bench.launch = bench_launch_time ();

  /* As main.c does. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc >= 3 && g_str_equal (argv[1], "open"))
    return run_open (argv[2], argv + 3);
  if (argc == 4 && g_str_equal (argv[1], "annotate"))
    return run_annotate (argv[2], (guint) g_ascii_strtoull (argv[3], NULL, 10));

  g_printerr ("usage: bench-window open PROJECT [WORD…] | annotate PROJECT N\n");
  return 2;
}
