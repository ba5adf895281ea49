/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-types.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_ANNOTATION (tessera_annotation_get_type ())
G_DECLARE_FINAL_TYPE (TesseraAnnotation, tessera_annotation, TESSERA, ANNOTATION, GObject)

gint64              tessera_annotation_get_id          (TesseraAnnotation *self);
gint64              tessera_annotation_get_document_id (TesseraAnnotation *self);
gint64              tessera_annotation_get_type_id     (TesseraAnnotation *self);
gint64              tessera_annotation_get_entity_id   (TesseraAnnotation *self);
const char         *tessera_annotation_get_annotator   (TesseraAnnotation *self);
TesseraCertainty    tessera_annotation_get_certainty   (TesseraAnnotation *self);
TesseraStatus       tessera_annotation_get_status      (TesseraAnnotation *self);
const char         *tessera_annotation_get_note        (TesseraAnnotation *self);
const char         *tessera_annotation_get_normalized  (TesseraAnnotation *self);
const char         *tessera_annotation_get_created     (TesseraAnnotation *self);
const char         *tessera_annotation_get_modified    (TesseraAnnotation *self);
const TesseraRange *tessera_annotation_get_ranges      (TesseraAnnotation *self,
                                                        guint             *n_ranges);
guint               tessera_annotation_get_start       (TesseraAnnotation *self);
guint               tessera_annotation_get_end         (TesseraAnnotation *self);
int                 tessera_annotation_compare         (TesseraAnnotation *a,
                                                        TesseraAnnotation *b);

/* Used by the store. */
TesseraAnnotation  *_tessera_annotation_new            (gint64             id,
                                                        gint64             document_id,
                                                        gint64             type_id,
                                                        gint64             entity_id,
                                                        const char        *annotator,
                                                        TesseraCertainty   certainty,
                                                        TesseraStatus      status,
                                                        const char        *note,
                                                        const char        *normalized,
                                                        const char        *created,
                                                        const char        *modified);
void                _tessera_annotation_add_range      (TesseraAnnotation *self,
                                                        guint              start,
                                                        guint              end);

G_END_DECLS
