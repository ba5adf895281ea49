/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reliability-gui-writer"

#include "config.h"

#include <stdio.h>

#include <adwaita.h>

#include "tessera-text-view.h"
#include "tessera-window.h"

/*
 * reliability-gui-writer PROJECT DOCUMENT TYPE
 *
 * The real window on a project, marking every word of a document in turn with the window's
 * own action (win.mark), as fast as the main loop allows. It prints "ready" once the
 * document is on screen, then "Annotation N: …" after each action that committed one, so
 * that tests/test-reliability-gui.c can kill it mid-burst and check what it acknowledged.
 *
 * When an action saves nothing (a full disk, a locked or read-only project), it prints every
 * text the window shows as "Shown: …" lines and exits with status 3. A project that does
 * not open: "Refused: …", status 2. Every word marked: "done", status 0.
 */

typedef struct
{
  guint start;
  guint end;
} Word;

typedef struct
{
  TesseraWindow   *window;
  TesseraTextView *view;
  gint64           type_id;
  GArray          *words;
  guint            next;
  gint64           last_id;
  gint64           failed_at;
  int              status;
  gboolean         finished;
} Writer;

/* The words of @text as code point offsets: runs of letters and digits. */
static GArray *
find_words (const char *text)
{
  GArray *words = g_array_new (FALSE, FALSE, sizeof (Word));
  gboolean in_word = FALSE;
  Word word = { 0, 0 };
  guint offset = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), offset++)
    {
      gboolean letter = g_unichar_isalnum (g_utf8_get_char (p));

      if (letter && !in_word)
        word.start = offset;
      else if (!letter && in_word)
        {
          word.end = offset;
          g_array_append_val (words, word);
        }
      in_word = letter;
    }
  if (in_word)
    {
      word.end = offset;
      g_array_append_val (words, word);
    }
  return words;
}

static void
print_shown_texts (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      if (text != NULL && *text != '\0')
        printf ("Shown: %s\n", text);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    print_shown_texts (child);
}

/* Whether a toast is on screen under @widget (AdwToastWidget is libadwaita's own type). */
static gboolean
shows_toast (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget"))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (shows_toast (child))
        return TRUE;
    }
  return FALSE;
}

/* Whether the window says why nothing was saved: a toast, or the banner of a project open
 * for reading only. */
static gboolean
shows_why (TesseraWindow *window)
{
  GtkRevealer *read_only = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                        TESSERA_TYPE_WINDOW,
                                                                        "read_only_revealer"));

  return shows_toast (GTK_WIDGET (window)) ||
         (gtk_widget_get_mapped (GTK_WIDGET (read_only)) &&
          gtk_revealer_get_child_revealed (read_only));
}

/* Once the window shows why nothing was saved, prints what it shows and quits; after a
 * minute without a reason shown, prints what it shows all the same. */
static gboolean
show_and_quit (gpointer data)
{
  Writer *writer = data;

  if (!shows_why (writer->window) &&
      g_get_monotonic_time () - writer->failed_at < 60 * G_USEC_PER_SEC)
    return G_SOURCE_CONTINUE;

  print_shown_texts (GTK_WIDGET (writer->window));
  fflush (stdout);
  writer->status = 3;
  writer->finished = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
mark_next_word (gpointer data)
{
  Writer *writer = data;
  Word *word;
  gint64 id;

  if (writer->next >= writer->words->len)
    {
      printf ("done\n");
      fflush (stdout);
      writer->finished = TRUE;
      return G_SOURCE_REMOVE;
    }

  word = &g_array_index (writer->words, Word, writer->next++);
  tessera_text_view_select_text (writer->view, word->start, word->end);
  gtk_widget_activate_action (GTK_WIDGET (writer->window), "win.mark", "x", writer->type_id);

  /* The action selects what it marked: a new selection is a committed annotation. */
  id = tessera_text_view_get_selected (writer->view);
  if (id > 0 && id != writer->last_id)
    {
      writer->last_id = id;
      printf ("Annotation %" G_GINT64_FORMAT ": %u–%u\n", id, word->start, word->end);
      fflush (stdout);
      return G_SOURCE_CONTINUE;
    }

  /* Nothing saved: wait for the window to show why, then report it. */
  writer->failed_at = g_get_monotonic_time ();
  g_timeout_add (10, show_and_quit, writer);
  return G_SOURCE_REMOVE;
}

static gboolean
is_ready (Writer *writer)
{
  return gtk_widget_get_mapped (GTK_WIDGET (writer->window)) &&
         tessera_text_view_get_document_id (writer->view) > 0 &&
         !tessera_text_view_is_loading (writer->view);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAnnotationType) type = NULL;
  Writer writer = { NULL };
  gint64 document_id;

  if (argc != 4)
    {
      fprintf (stderr, "Usage: reliability-gui-writer PROJECT DOCUMENT TYPE\n");
      return 1;
    }
  document_id = g_ascii_strtoll (argv[2], NULL, 10);

  gtk_init ();
  adw_init ();

  writer.window = tessera_window_new (NULL);
  if (!tessera_window_open_project (writer.window, argv[1], &error))
    {
      printf ("Refused: %s\n", error->message);
      return 2;
    }
  writer.view = TESSERA_TEXT_VIEW (tessera_window_get_text_view (writer.window));
  g_assert_true (tessera_window_show_document (writer.window, document_id));
  type = tessera_store_find_annotation_type (tessera_window_get_store (writer.window), argv[3]);
  g_assert_nonnull (type);
  writer.type_id = tessera_annotation_type_get_id (type);
  writer.words = find_words (tessera_text_view_get_text (writer.view));

  gtk_window_present (GTK_WINDOW (writer.window));
  while (!is_ready (&writer))
    g_main_context_iteration (NULL, TRUE);

  printf ("ready\n");
  fflush (stdout);

  g_idle_add (mark_next_word, &writer);
  while (!writer.finished)
    g_main_context_iteration (NULL, TRUE);

  g_array_unref (writer.words);
  return writer.status;
}
