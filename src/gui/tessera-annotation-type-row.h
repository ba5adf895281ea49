/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tessera-core.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_ANNOTATION_TYPE_ROW (tessera_annotation_type_row_get_type ())
G_DECLARE_FINAL_TYPE (TesseraAnnotationTypeRow, tessera_annotation_type_row, TESSERA,
                      ANNOTATION_TYPE_ROW, AdwExpanderRow)

GtkWidget  *tessera_annotation_type_row_new          (TesseraStore             *store);
void        tessera_annotation_type_row_set_type     (TesseraAnnotationTypeRow *self,
                                                      TesseraAnnotationType    *type,
                                                      guint                     position,
                                                      guint                     n_types);
gint64      tessera_annotation_type_row_get_type_id  (TesseraAnnotationTypeRow *self);
guint       tessera_annotation_type_row_get_position (TesseraAnnotationTypeRow *self);
char       *tessera_annotation_type_row_dup_language (void);

G_END_DECLS
