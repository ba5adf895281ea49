/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-record.h"
#include "tessera-store.h"

G_BEGIN_DECLS

gboolean             _tessera_store_insert_documents (TesseraStore  *self,
                                                      const char    *summary,
                                                      GPtrArray     *new_types,
                                                      GPtrArray     *new_relation_types,
                                                      GPtrArray     *entities,
                                                      GPtrArray     *documents,
                                                      GError       **error);

/* Readers the exporter needs beyond the public API. */
TesseraEntityRecord *_tessera_store_dup_entity_record (TesseraStore  *self,
                                                       gint64         entity_id,
                                                       GError       **error);
GHashTable          *_tessera_store_dup_annotator_ids (TesseraStore  *self,
                                                       GError       **error);

typedef struct
{
  char   *annotator;                     /* nullable */
  char   *day;                           /* YYYY-MM-DD */
  guint   n_changes;
} TesseraRevisionDay;

void                 _tessera_revision_day_free     (TesseraRevisionDay *day);
GPtrArray           *_tessera_store_dup_revision_days (TesseraStore  *self,
                                                       gint64         document_id,
                                                       GError       **error);
GHashTable          *_tessera_store_dup_document_attributes (TesseraStore  *self,
                                                             gint64         document_id,
                                                             GError       **error);

G_END_DECLS
