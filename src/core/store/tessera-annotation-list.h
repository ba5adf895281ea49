/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-store.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_ANNOTATION_LIST (tessera_annotation_list_get_type ())
G_DECLARE_FINAL_TYPE (TesseraAnnotationList, tessera_annotation_list, TESSERA, ANNOTATION_LIST, GObject)

TesseraAnnotationList *tessera_annotation_list_new           (TesseraStore          *store,
                                                              gint64                 document_id,
                                                              GError               **error);
gint64                 tessera_annotation_list_get_document_id (TesseraAnnotationList *self);
gboolean               tessera_annotation_list_find          (TesseraAnnotationList *self,
                                                              gint64                 annotation_id,
                                                              guint                 *out_position);
TesseraAnnotation     *tessera_annotation_list_peek          (TesseraAnnotationList *self,
                                                              guint                  position);
TesseraAnnotation     *tessera_annotation_list_lookup        (TesseraAnnotationList *self,
                                                              gint64                 annotation_id);
guint                  tessera_annotation_list_bisect        (TesseraAnnotationList *self,
                                                              guint                  offset);
guint                  tessera_annotation_list_get_max_length (TesseraAnnotationList *self);

G_END_DECLS
