/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-inspector-section.h"
#include "tessera-range-list.h"

/*
 * The ranges of a discontinuous annotation, in the inspector's annotation section: one row
 * per range with its first words and a button that removes it (win.remove-range).
 * Activating a row selects that range's text in the article. Hidden for a single range.
 */

#define ROW_CHARS 40

struct _TesseraRangeList
{
  GtkWidget        parent_instance;

  GtkListBox      *list;

  TesseraTextView *text_view;
  GArray          *ranges;      /* TesseraRange, those the rows show */
  GPtrArray       *buttons;     /* the rows' remove buttons */
};

G_DEFINE_FINAL_TYPE (TesseraRangeList, tessera_range_list, GTK_TYPE_WIDGET)

static GtkWidget *
range_row_new (TesseraRangeList   *self,
               const TesseraRange *range,
               guint               index)
{
  g_autofree char *covered = tessera_text_view_dup_covered_text (self->text_view, range, 1, NULL);
  g_autofree char *shown = tessera_inspector_section_shorten (covered, ROW_CHARS);
  g_autofree char *title = g_strdup_printf (C_("quoted text", "«%s»"), shown);
  g_autofree char *label = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Select This Range’s Text"));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove This Range"));
  /* TRANSLATORS: a button's accessible name; the text of the range. French: "… «\u00a0%s\u00a0»" */
  label = g_strdup_printf (_("Remove the range «%s»"), shown);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.remove-range");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", (guint32) index);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  g_ptr_array_add (self->buttons, button);
  return row;
}

/**
 * tessera_range_list_set_annotation:
 * @text_view: (nullable): the article, which gives the ranges' text
 * @annotation: (nullable): the annotation shown
 *
 * Lists the ranges of @annotation, if it has several in the document @text_view shows.
 */
void
tessera_range_list_set_annotation (TesseraRangeList  *self,
                                   TesseraTextView   *text_view,
                                   TesseraAnnotation *annotation)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *child;
  const TesseraRange *ranges = NULL;
  gboolean on_button = FALSE;
  int focused = -1;
  guint n = 0;

  g_return_if_fail (TESSERA_IS_RANGE_LIST (self));

  g_set_object (&self->text_view, text_view);
  if (annotation != NULL && text_view != NULL &&
      tessera_text_view_get_document_id (text_view) == tessera_annotation_get_document_id (annotation))
    ranges = tessera_annotation_get_ranges (annotation, &n);
  if (n < 2)
    n = 0;

  /* The rows go: the keyboard focus, if on one (its button just removed a range), stays
   * at the same place, and never on a widget no longer in the window. */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list)))
    {
      GtkWidget *row = GTK_IS_LIST_BOX_ROW (focus)
                       ? focus : gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);

      focused = row != NULL ? gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) : 0;
      on_button = GTK_IS_BUTTON (focus);
      gtk_widget_grab_focus (GTK_WIDGET (self->list));
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->buttons, 0);
  g_array_set_size (self->ranges, 0);
  g_array_append_vals (self->ranges, ranges, n);
  for (guint i = 0; i < n; i++)
    gtk_list_box_append (self->list, range_row_new (self, &ranges[i], i));
  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);

  if (focused >= 0 && n > 0)
    {
      guint index = MIN ((guint) focused, n - 1);

      gtk_widget_grab_focus (on_button ? g_ptr_array_index (self->buttons, index)
                                       : GTK_WIDGET (gtk_list_box_get_row_at_index (self->list,
                                                                                   (int) index)));
    }
  else if (focused >= 0 && self->text_view != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
on_row_activated (TesseraRangeList *self,
                  GtkListBoxRow    *row)
{
  int index = gtk_list_box_row_get_index (row);
  TesseraRange *range;

  if (self->text_view == NULL || index < 0 || (guint) index >= self->ranges->len)
    return;
  range = &g_array_index (self->ranges, TesseraRange, index);
  tessera_text_view_select_text (self->text_view, range->start, range->end);
}

static void
tessera_range_list_dispose (GObject *object)
{
  TesseraRangeList *self = TESSERA_RANGE_LIST (object);

  tessera_inspector_section_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_RANGE_LIST);
  g_clear_object (&self->text_view);
  g_clear_pointer (&self->ranges, g_array_unref);
  g_clear_pointer (&self->buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (tessera_range_list_parent_class)->dispose (object);
}

static void
tessera_range_list_class_init (TesseraRangeListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_range_list_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/tessera/Tessera/tessera-range-list.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraRangeList, list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
tessera_range_list_init (TesseraRangeList *self)
{
  self->ranges = g_array_new (FALSE, FALSE, sizeof (TesseraRange));
  self->buttons = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
