/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TESSERA_TYPE_RELATION_TYPE (tessera_relation_type_get_type ())
G_DECLARE_FINAL_TYPE (TesseraRelationType, tessera_relation_type, TESSERA, RELATION_TYPE, GObject)

TesseraRelationType *tessera_relation_type_new             (const char          *key,
                                                            const char          *label);
TesseraRelationType *tessera_relation_type_copy            (TesseraRelationType *self);

gint64               tessera_relation_type_get_id          (TesseraRelationType *self);
const char          *tessera_relation_type_get_key         (TesseraRelationType *self);
const char          *tessera_relation_type_get_label       (TesseraRelationType *self);
const char          *tessera_relation_type_get_label_for   (TesseraRelationType *self,
                                                            const char          *language);
const char          *tessera_relation_type_get_own_label   (TesseraRelationType *self);
GHashTable          *tessera_relation_type_get_labels      (TesseraRelationType *self);
const char          *tessera_relation_type_get_tei_name    (TesseraRelationType *self);
const char          *tessera_relation_type_get_color       (TesseraRelationType *self);
const char          *tessera_relation_type_get_description (TesseraRelationType *self);
gboolean             tessera_relation_type_get_symmetric   (TesseraRelationType *self);
gboolean             tessera_relation_type_get_crosses_documents
                                                           (TesseraRelationType *self);
int                  tessera_relation_type_get_position    (TesseraRelationType *self);

void                 tessera_relation_type_set_key         (TesseraRelationType *self,
                                                            const char          *key);
void                 tessera_relation_type_set_own_label   (TesseraRelationType *self,
                                                            const char          *label);
void                 tessera_relation_type_set_label_for   (TesseraRelationType *self,
                                                            const char          *language,
                                                            const char          *label);
void                 tessera_relation_type_set_tei_name    (TesseraRelationType *self,
                                                            const char          *tei_name);
void                 tessera_relation_type_set_color       (TesseraRelationType *self,
                                                            const char          *color);
void                 tessera_relation_type_set_description (TesseraRelationType *self,
                                                            const char          *description);
void                 tessera_relation_type_set_symmetric   (TesseraRelationType *self,
                                                            gboolean             symmetric);
void                 tessera_relation_type_set_crosses_documents
                                                           (TesseraRelationType *self,
                                                            gboolean             crosses_documents);

/* Used by the store. */
void                 _tessera_relation_type_set_id         (TesseraRelationType *self,
                                                            gint64               id);
void                 _tessera_relation_type_set_position   (TesseraRelationType *self,
                                                            int                  position);

G_END_DECLS
