/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-types.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_ANNOTATION_TYPE (tessera_annotation_type_get_type ())
G_DECLARE_FINAL_TYPE (TesseraAnnotationType, tessera_annotation_type, TESSERA, ANNOTATION_TYPE, GObject)

TesseraAnnotationType *tessera_annotation_type_new             (const char            *key,
                                                                const char            *label,
                                                                TesseraKind            kind);
TesseraAnnotationType *tessera_annotation_type_copy            (TesseraAnnotationType *self);

gint64                 tessera_annotation_type_get_id          (TesseraAnnotationType *self);
const char            *tessera_annotation_type_get_key         (TesseraAnnotationType *self);
const char            *tessera_annotation_type_get_label       (TesseraAnnotationType *self);
const char            *tessera_annotation_type_get_label_for   (TesseraAnnotationType *self,
                                                                const char            *language);
const char            *tessera_annotation_type_get_label_localized (TesseraAnnotationType *self);
TesseraKind            tessera_annotation_type_get_kind        (TesseraAnnotationType *self);
const char            *tessera_annotation_type_get_tei_element (TesseraAnnotationType *self);
const char            *tessera_annotation_type_get_tei_type    (TesseraAnnotationType *self);
const char            *tessera_annotation_type_get_color       (TesseraAnnotationType *self);
const char            *tessera_annotation_type_get_shortcut    (TesseraAnnotationType *self);
const char            *tessera_annotation_type_get_description (TesseraAnnotationType *self);
int                    tessera_annotation_type_get_position    (TesseraAnnotationType *self);
GHashTable            *tessera_annotation_type_get_labels      (TesseraAnnotationType *self);
gboolean               tessera_annotation_type_can_name        (TesseraAnnotationType *self,
                                                                TesseraAnnotationType *entity_type);
gboolean               tessera_annotation_type_links_entity    (TesseraAnnotationType *self);
gboolean               tessera_annotation_type_carries_claim   (TesseraAnnotationType *self);

void                   tessera_annotation_type_set_label       (TesseraAnnotationType *self,
                                                                const char            *label);
void                   tessera_annotation_type_set_label_for   (TesseraAnnotationType *self,
                                                                const char            *language,
                                                                const char            *label);
void                   tessera_annotation_type_set_kind        (TesseraAnnotationType *self,
                                                                TesseraKind            kind);
void                   tessera_annotation_type_set_tei         (TesseraAnnotationType *self,
                                                                const char            *element,
                                                                const char            *type);
void                   tessera_annotation_type_set_color       (TesseraAnnotationType *self,
                                                                const char            *color);
void                   tessera_annotation_type_set_shortcut    (TesseraAnnotationType *self,
                                                                const char            *shortcut);
void                   tessera_annotation_type_set_description (TesseraAnnotationType *self,
                                                                const char            *description);

/* Used by the store. */
void                   _tessera_annotation_type_set_id         (TesseraAnnotationType *self,
                                                                gint64                 id);
void                   _tessera_annotation_type_set_position   (TesseraAnnotationType *self,
                                                                int                    position);

G_END_DECLS
