/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-store.h"

G_BEGIN_DECLS

/*
 * Bulk writing for importers: whole documents with their annotations, entities, claims and
 * relations in one permanent journal entry and one transaction, all or nothing. The records
 * point at each other directly; the store fills in the ids it assigns.
 */

typedef struct
{
  gint64       id;               /* an entity of the project to reuse, or 0 to create it */
  char        *name;
  TesseraAnnotationType *type;   /* nullable: a type of the project, or one of new_types */
  char        *description;
  GArray      *authorities;      /* TesseraAuthority, owned */
  GHashTable  *attributes;       /* key → value, nullable */
} TesseraBulkEntity;

typedef struct _TesseraBulkAnnotation TesseraBulkAnnotation;

typedef struct
{
  TesseraBulkEntity     *source_entity;
  TesseraBulkAnnotation *source_annotation;
  TesseraBulkAnnotation *cue;
  TesseraBulkAnnotation *parent;
  char                  *source_kind;
  char                  *quote_type;
  char                  *polarity;
  char                  *factuality;
  char                  *writer_distance;
  char                  *statement_date;
  char                  *topic;
} TesseraBulkClaim;

struct _TesseraBulkAnnotation
{
  gint64                 id;             /* set by the store */
  TesseraAnnotationType *type;           /* a type of the project, or one of new_types */
  GArray                *ranges;         /* TesseraRange */
  TesseraBulkEntity     *entity;         /* nullable */
  char                  *annotator;      /* nullable */
  TesseraCertainty       certainty;
  TesseraStatus          status;
  char                  *note;
  char                  *normalized;
  GHashTable            *attributes;     /* nullable */
  TesseraBulkClaim      *claim;          /* nullable; used when the type is a claim type */
};

typedef struct
{
  char                  *type;
  TesseraBulkAnnotation *source;
  TesseraBulkAnnotation *target;
  char                  *note;
  char                  *annotator;
} TesseraBulkRelation;

typedef struct
{
  gint64               id;               /* set by the store */
  gboolean             existing;         /* set when the project already had this text */
  TesseraDocumentInfo  info;
  char                *text;             /* NFC */
  TesseraProgress      progress;
  GHashTable          *attributes;       /* nullable */
  GPtrArray           *annotations;      /* TesseraBulkAnnotation */
  GPtrArray           *relations;        /* TesseraBulkRelation */
} TesseraBulkDocument;

TesseraBulkEntity   *_tessera_bulk_entity_new      (void);
void                 _tessera_bulk_entity_free     (TesseraBulkEntity     *entity);
TesseraBulkAnnotation *_tessera_bulk_annotation_new (void);
void                 _tessera_bulk_annotation_free (TesseraBulkAnnotation *annotation);
void                 _tessera_bulk_relation_free   (TesseraBulkRelation   *relation);
TesseraBulkDocument *_tessera_bulk_document_new    (void);
void                 _tessera_bulk_document_free   (TesseraBulkDocument   *document);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraBulkDocument, _tessera_bulk_document_free)

gboolean             _tessera_store_insert_documents (TesseraStore  *self,
                                                      const char    *summary,
                                                      GPtrArray     *new_types,
                                                      GPtrArray     *entities,
                                                      GPtrArray     *documents,
                                                      GError       **error);

/* Readers the exporter needs beyond the public API. */
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
