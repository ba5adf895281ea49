/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-tagset-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-tagset-row.h"

/*
 * The pieces every row of the tagset editor is made of: the colour dot, the entry rows that
 * show what the project holds without stepping on what the user types, the colour as the
 * store writes it, the accessible names, the focus after a move.
 */

/**
 * tessera_tagset_row_draw_dot:
 * @color: (type GdkRGBA): the colour of the dot
 *
 * The draw function of a row's colour dot.
 */
void
tessera_tagset_row_draw_dot (GtkDrawingArea *area,
                             cairo_t        *cr,
                             int             width,
                             int             height,
                             gpointer        color)
{
  gdk_cairo_set_source_rgba (cr, color);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

/* Sets an entry row's text without revealing its apply button. */
void
tessera_tagset_row_set_entry_text (AdwEntryRow *row,
                                   const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  adw_entry_row_set_show_apply_button (row, FALSE);
  adw_entry_row_set_show_apply_button (row, TRUE);
}

/* The same, unless the user is typing in it. */
void
tessera_tagset_row_sync_entry (AdwEntryRow *row,
                               const char  *text)
{
  if (gtk_widget_get_state_flags (GTK_WIDGET (row)) & GTK_STATE_FLAG_FOCUS_WITHIN)
    return;
  tessera_tagset_row_set_entry_text (row, text);
}

/**
 * tessera_tagset_row_dup_text:
 * @editable: a #GtkEditable
 *
 * Returns: (transfer full): its text without the spaces around it
 */
char *
tessera_tagset_row_dup_text (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

/**
 * tessera_tagset_row_dup_color:
 *
 * Returns: (transfer full): the colour chosen, as the store writes it: "#rrggbb"
 */
char *
tessera_tagset_row_dup_color (GtkColorButton *button)
{
  GdkRGBA rgba;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  return g_strdup_printf ("#%02x%02x%02x",
                          (guint) (CLAMP (rgba.red, 0, 1) * 255 + 0.5),
                          (guint) (CLAMP (rgba.green, 0, 1) * 255 + 0.5),
                          (guint) (CLAMP (rgba.blue, 0, 1) * 255 + 0.5));
}

/**
 * tessera_tagset_row_set_accessible_label:
 * @label: (transfer full): the name a screen reader says
 */
void
tessera_tagset_row_set_accessible_label (gpointer  widget,
                                         char     *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_free (label);
}

/* At either end of the list a move button turns insensitive: keep the keyboard in the row. */
void
tessera_tagset_row_keep_focus (GtkButton *pressed,
                               GtkButton *other)
{
  if (!gtk_widget_get_sensitive (GTK_WIDGET (pressed)))
    gtk_widget_grab_focus (GTK_WIDGET (other));
}

/* Dialogs ------------------------------------------------------------------------------- */

static GtkWidget *
new_fields (const char *label)
{
  GtkWidget *fields = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (fields), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (fields, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (fields), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  return fields;
}

static void
on_new_name_changed (AdwMessageDialog *dialog,
                     GtkEditable      *name_row)
{
  g_autofree char *name = tessera_tagset_row_dup_text (name_row);

  adw_message_dialog_set_response_enabled (dialog, "add", *name != '\0');
}

/**
 * tessera_tagset_row_new_add_dialog:
 * @parent: the window it goes over
 * @fields_label: the accessible name of its box of fields
 * @name_title: the title of its name field
 * @out_fields: (out) (transfer none): the box of fields, for more of them
 * @out_name_row: (out) (transfer none): the name field, which takes the focus once shown
 *
 * The dialog that adds a type: a name field, Cancel, and Add ("add"), which Enter presses
 * once there is a name.
 *
 * Returns: (transfer none): the dialog, not shown yet
 */
GtkWidget *
tessera_tagset_row_new_add_dialog (GtkWidget   *parent,
                                   const char  *heading,
                                   const char  *body,
                                   const char  *fields_label,
                                   const char  *name_title,
                                   GtkWidget  **out_fields,
                                   GtkWidget  **out_name_row)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (parent), heading, body);
  GtkWidget *fields = new_fields (fields_label);
  GtkWidget *name_row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name_row), name_title);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (name_row), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (fields), name_row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), fields);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (name_row, "changed", G_CALLBACK (on_new_name_changed), dialog,
                           G_CONNECT_SWAPPED);

  *out_fields = fields;
  *out_name_row = name_row;
  return dialog;
}

/**
 * tessera_tagset_row_new_replace_dialog:
 * @parent: the window it goes over
 * @replacement_title: the title of the field that chooses the replacement
 * @names: (nullable): the types that can take the place of the one deleted, or %NULL when
 *   none can
 * @out_replacement_row: (out) (transfer none) (nullable): the field that chooses among @names
 *
 * The dialog that deletes a type in use: Cancel, and "C_onvert and Delete" ("convert")
 * once a replacement is chosen; only Close when there is none.
 *
 * Returns: (transfer none): the dialog, not shown yet
 */
GtkWidget *
tessera_tagset_row_new_replace_dialog (GtkWidget    *parent,
                                       const char   *heading,
                                       const char   *body,
                                       const char   *replacement_title,
                                       GListModel   *names,
                                       AdwComboRow **out_replacement_row)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (parent), heading, body);

  *out_replacement_row = NULL;
  if (names != NULL)
    {
      GtkWidget *fields = new_fields (_("Replacement type"));
      GtkWidget *replacement_row = adw_combo_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (replacement_row), replacement_title);
      adw_combo_row_set_model (ADW_COMBO_ROW (replacement_row), names);
      gtk_list_box_append (GTK_LIST_BOX (fields), replacement_row);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), fields);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "convert", _("C_onvert and Delete"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "convert",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      *out_replacement_row = ADW_COMBO_ROW (replacement_row);
    }
  else
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Close"));

  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}
