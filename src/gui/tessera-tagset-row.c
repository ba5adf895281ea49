/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-tagset-row"

#include "config.h"

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
