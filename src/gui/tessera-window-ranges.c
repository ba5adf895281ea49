/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tessera-window-private.h"

/*
 * Discontinuous spans: win.add-range adds the selected text to the selected annotation,
 * win.remove-range removes one of its ranges. Each is one store call, so one undo step;
 * ranges that overlap or touch become one (tessera_ranges_merge()).
 */

/* The selected annotation, as the article shows it. */
static TesseraAnnotation *
get_selected (TesseraWindow *self)
{
  TesseraAnnotationList *annotations = tessera_text_view_get_annotations (self->text_view);
  gint64 id = tessera_text_view_get_selected (self->text_view);

  if (self->store == NULL || annotations == NULL || id == 0)
    return NULL;
  return tessera_annotation_list_lookup (annotations, id);
}

static guint
get_caret (TesseraWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
  GtkTextIter caret;

  gtk_text_buffer_get_iter_at_mark (buffer, &caret, gtk_text_buffer_get_insert (buffer));
  return (guint) gtk_text_iter_get_offset (&caret);
}

static void
add_range_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  TesseraAnnotation *annotation = get_selected (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) merged = NULL;
  const TesseraRange *ranges;
  TesseraRange range, *added;
  guint n;

  /* The text selected is the document's the article shows, as is the selected annotation. */
  if (annotation == NULL ||
      tessera_annotation_get_document_id (annotation) != self->document_id)
    {
      _tessera_window_toast (self, _("Select an annotation first, then the text to add to it"),
                             FALSE);
      return;
    }
  if (!tessera_text_view_get_marked_range (self->text_view, self->snap_to_words, &range))
    {
      _tessera_window_toast (self, _("Select more text first, then press A"), FALSE);
      return;
    }

  ranges = tessera_annotation_get_ranges (annotation, &n);
  merged = tessera_ranges_merge (ranges, n, &range);
  if (merged->len == n && memcmp (merged->data, ranges, n * sizeof *ranges) == 0)
    {
      _tessera_window_toast (self, _("This text is already part of the annotation"), FALSE);
      return;
    }
  if (!tessera_store_set_annotation_ranges (self->store, tessera_annotation_get_id (annotation),
                                            (const TesseraRange *) (gpointer) merged->data,
                                            merged->len, &error))
    {
      tessera_window_show_error (self, error->message);
      return;
    }

  /* The caret on the range added (or the one it joined): Shift+A and the boundary keys
   * work on it next. */
  added = &g_array_index (merged, TesseraRange,
                          tessera_ranges_find ((const TesseraRange *) (gpointer) merged->data,
                                               merged->len, range.start));
  tessera_text_view_select_text (self->text_view, added->start, added->start);
}

static void
remove_range_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  TesseraAnnotation *annotation = get_selected (self);
  guint index = g_variant_get_uint32 (parameter);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) left = NULL;
  g_autofree char *covered = NULL;
  g_autofree char *message = NULL;
  const TesseraRange *ranges;
  guint n;

  if (annotation == NULL)
    return;
  ranges = tessera_annotation_get_ranges (annotation, &n);
  if (index >= n)
    return;
  if (n == 1)
    {
      _tessera_window_toast (self, _("This is the annotation’s only range: delete the annotation "
                                     "instead"), FALSE);
      return;
    }

  left = g_array_sized_new (FALSE, FALSE, sizeof (TesseraRange), n - 1);
  g_array_append_vals (left, ranges, index);
  g_array_append_vals (left, ranges + index + 1, n - index - 1);
  covered = tessera_text_view_dup_covered_text (self->text_view, &ranges[index], 1, NULL);
  if (!tessera_store_set_annotation_ranges (self->store, tessera_annotation_get_id (annotation),
                                            (const TesseraRange *) (gpointer) left->data,
                                            left->len, &error))
    {
      tessera_window_show_error (self, error->message);
      return;
    }

  /* TRANSLATORS: the text of the range removed from an annotation. French: "… «\u00a0%s\u00a0»" */
  message = g_strdup_printf (_("Removed the range «%s»"), covered);
  _tessera_window_toast (self, message, TRUE);
}

/* Shift+A: the range at the caret, which selecting an annotation by a click leaves there. */
static gboolean
remove_range_at_caret (GtkWidget *widget,
                       GVariant  *args,
                       gpointer   data)
{
  TesseraWindow *self = TESSERA_WINDOW (data);
  TesseraAnnotation *annotation = get_selected (self);
  const TesseraRange *ranges;
  guint n;
  int index;

  if (annotation == NULL || tessera_store_is_read_only (self->store))
    return FALSE;
  ranges = tessera_annotation_get_ranges (annotation, &n);
  index = tessera_ranges_find (ranges, n, get_caret (self));
  if (index < 0)
    {
      _tessera_window_toast (self, _("The caret is not in a range of the selected annotation"),
                             FALSE);
      return TRUE;
    }
  return gtk_widget_activate_action (GTK_WIDGET (self), "win.remove-range", "u", (guint32) index);
}

/* The article's keys for ranges: A adds, Shift+A removes (the window outlives the view). */
void
_tessera_window_add_range_shortcuts (TesseraWindow         *self,
                                     GtkShortcutController *controller)
{
  gtk_shortcut_controller_add_shortcut (controller,
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_a, 0),
                      gtk_named_action_new ("win.add-range")));
  gtk_shortcut_controller_add_shortcut (controller,
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_A, GDK_SHIFT_MASK),
                      gtk_callback_action_new (remove_range_at_caret, self, NULL)));
}

void
_tessera_window_class_ranges_init (TesseraWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.add-range", NULL, add_range_action);
  gtk_widget_class_install_action (widget_class, "win.remove-range", "u", remove_range_action);
}
