/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* What the rows of the tagset editor share, annotation types and relation types alike. */

void  tessera_tagset_row_draw_dot            (GtkDrawingArea *area,
                                              cairo_t        *cr,
                                              int             width,
                                              int             height,
                                              gpointer        color);
void  tessera_tagset_row_set_entry_text      (AdwEntryRow    *row,
                                              const char     *text);
void  tessera_tagset_row_sync_entry          (AdwEntryRow    *row,
                                              const char     *text);
char *tessera_tagset_row_dup_text            (gpointer        editable);
char *tessera_tagset_row_dup_color           (GtkColorButton *button);
void  tessera_tagset_row_set_accessible_label (gpointer       widget,
                                              char           *label);
void  tessera_tagset_row_keep_focus          (GtkButton      *pressed,
                                              GtkButton      *other);

GtkWidget *tessera_tagset_row_new_add_dialog     (GtkWidget   *parent,
                                                  const char  *heading,
                                                  const char  *body,
                                                  const char  *fields_label,
                                                  const char  *name_title,
                                                  GtkWidget  **out_fields,
                                                  GtkWidget  **out_name_row);
GtkWidget *tessera_tagset_row_new_replace_dialog (GtkWidget   *parent,
                                                  const char  *heading,
                                                  const char  *body,
                                                  const char  *replacement_title,
                                                  GListModel  *names,
                                                  AdwComboRow **out_replacement_row);

G_END_DECLS
