/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The small type labels the article draws at the start of its annotations (internal). */
typedef struct _TesseraTypeLabels TesseraTypeLabels;

TesseraTypeLabels *_tessera_type_labels_new      (void);
void               _tessera_type_labels_free     (TesseraTypeLabels     *labels);
void               _tessera_type_labels_set_tagset (TesseraTypeLabels   *labels,
                                                  GListModel            *tagset);
void               _tessera_type_labels_begin    (TesseraTypeLabels     *labels,
                                                  GtkWidget             *widget);
void               _tessera_type_labels_draw     (TesseraTypeLabels     *labels,
                                                  GtkSnapshot           *snapshot,
                                                  gint64                 type_id,
                                                  const GdkRGBA         *color,
                                                  const graphene_rect_t *first_rect);
guint              _tessera_type_labels_get_n_drawn (TesseraTypeLabels  *labels);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraTypeLabels, _tessera_type_labels_free)

G_END_DECLS
