/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-bench"

#include "config.h"

#include <gtk/gtk.h>

#include "bench-common.h"

/*
 * The baseline of the open benchmark: the least a GTK program must do to show the same
 * text with the same annotations. A plain GtkTextView, wrapping like Tessera's, loads the
 * text, applies every range with one tag per type, all before the first frame, in a window
 * of Tessera's default size.
 *
 *   bench-baseline TEXT RANGES
 *
 * RANGES (written by bench-core fixtures) has one "type #rrggbb" line per type, then one
 * "start end type-index" line per range, offsets in code points.
 *
 * Prints first_frame_ms (from launch) and peak_rss_kib, and how long setting the text and
 * applying the tags took.
 */

typedef struct
{
  gint64   launch;
  gboolean done;
  double   first_frame_ms;
} Baseline;

static void
on_after_paint (GdkFrameClock *clock,
                Baseline      *baseline)
{
  if (baseline->done)
    return;
  baseline->first_frame_ms = bench_ms_since (baseline->launch);
  baseline->done = TRUE;
}

static void
on_realize (GtkWidget *window,
            Baseline  *baseline)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint), baseline);
}

static void
apply_ranges (GtkTextBuffer *buffer,
              const char    *ranges)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  g_auto(GStrv) lines = g_strsplit (ranges, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      unsigned int start, end, type;
      GtkTextIter a, b;

      if (g_str_has_prefix (lines[i], "type "))
        {
          GdkRGBA tint;

          if (!gdk_rgba_parse (&tint, lines[i] + 5))
            gdk_rgba_parse (&tint, "#888888");
          tint.alpha = 0.22;
          g_ptr_array_add (tags, gtk_text_buffer_create_tag (buffer, NULL,
                                                             "background-rgba", &tint, NULL));
          continue;
        }
      if (sscanf (lines[i], "%u %u %u", &start, &end, &type) != 3 || type >= tags->len)
        continue;
      gtk_text_buffer_get_iter_at_offset (buffer, &a, (int) start);
      gtk_text_buffer_get_iter_at_offset (buffer, &b, (int) end);
      gtk_text_buffer_apply_tag (buffer, g_ptr_array_index (tags, type), &a, &b);
    }
}

int
main (int   argc,
      char *argv[])
{
  Baseline baseline = { bench_launch_time (), FALSE, 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *ranges = NULL;
  GtkWidget *window, *scrolled, *view;
  GtkTextBuffer *buffer;
  gint64 t0;
  double set_text_ms, tags_ms;

  if (argc != 3)
    {
      g_printerr ("usage: bench-baseline TEXT RANGES\n");
      return 2;
    }

  gtk_init ();

  if (!g_file_get_contents (argv[1], &text, NULL, &error) ||
      !g_file_get_contents (argv[2], &ranges, NULL, &error))
    {
      g_printerr ("bench-baseline: %s\n", error->message);
      return 1;
    }

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 820);
  scrolled = gtk_scrolled_window_new ();
  view = gtk_text_view_new ();
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  t0 = g_get_monotonic_time ();
  gtk_text_buffer_set_text (buffer, text, -1);
  set_text_ms = bench_ms_since (t0);
  t0 = g_get_monotonic_time ();
  apply_ranges (buffer, ranges);
  tags_ms = bench_ms_since (t0);

  g_signal_connect (window, "realize", G_CALLBACK (on_realize), &baseline);
  gtk_window_present (GTK_WINDOW (window));

  while (!baseline.done)
    g_main_context_iteration (NULL, TRUE);

  bench_print_ms ("first_frame_ms", baseline.first_frame_ms);
  bench_print_ms ("all_painted_ms", baseline.first_frame_ms);
  bench_print_ms ("set_text_ms", set_text_ms);
  bench_print_ms ("apply_tags_ms", tags_ms);
  bench_print_int ("characters", gtk_text_buffer_get_char_count (buffer));
  bench_print_int ("peak_rss_kib", bench_peak_rss_kib ());
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
