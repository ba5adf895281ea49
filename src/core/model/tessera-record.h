/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-annotation-type.h"
#include "tessera-document.h"
#include "tessera-entity.h"

G_BEGIN_DECLS

/*
 * The document model as plain data: a document with its annotations (ranges), the entities
 * they name, claims, relations and attributes. Importers produce it, the store writes it in
 * one transaction (and fills in the ids it assigns), exporters consume it. The records point
 * at each other directly, not by id; the ids are the store's, so that entities named in
 * several documents can be told apart from namesakes.
 */

typedef struct
{
  gint64       id;               /* its id in the project; to insert: one to reuse, or 0 */
  char        *name;
  TesseraAnnotationType *type;   /* nullable: a type of the project, or one of new_types */
  char        *description;
  GArray      *authorities;      /* TesseraAuthority, owned */
  GHashTable  *attributes;       /* key → value, nullable */
} TesseraEntityRecord;

typedef struct _TesseraAnnotationRecord TesseraAnnotationRecord;

typedef struct
{
  TesseraEntityRecord     *source_entity;
  TesseraAnnotationRecord *source_annotation;
  TesseraAnnotationRecord *cue;
  TesseraAnnotationRecord *parent;
  char                  *source_kind;
  char                  *quote_type;
  char                  *polarity;
  char                  *factuality;
  char                  *writer_distance;
  char                  *statement_date;
  char                  *topic;
} TesseraClaimRecord;

struct _TesseraAnnotationRecord
{
  gint64                 id;             /* set by the store */
  TesseraAnnotationType *type;           /* a type of the project, or one of new_types */
  GArray                *ranges;         /* TesseraRange */
  TesseraEntityRecord     *entity;         /* nullable */
  char                  *annotator;      /* nullable */
  char                  *created;        /* nullable: when it was made (ISO 8601, UTC), as
                                          * read from a project; the store sets its own */
  TesseraCertainty       certainty;
  TesseraStatus          status;
  char                  *note;
  char                  *normalized;
  GHashTable            *attributes;     /* nullable */
  TesseraClaimRecord      *claim;          /* nullable; used when the type is a claim type */
};

typedef struct
{
  gint64                 id;             /* set by the store */
  char                  *type;
  TesseraAnnotationRecord *source;
  TesseraAnnotationRecord *target;
  char                  *note;
  char                  *annotator;
  gboolean               symmetric;      /* its type says nothing of direction (same-as…) */
} TesseraRelationRecord;

typedef struct
{
  gint64               id;               /* set by the store */
  gboolean             existing;         /* set when the project already had this text */
  TesseraDocumentInfo  info;
  char                *text;             /* NFC */
  TesseraProgress      progress;
  GHashTable          *attributes;       /* nullable */
  GPtrArray           *annotations;      /* TesseraAnnotationRecord */
  GPtrArray           *relations;        /* TesseraRelationRecord: read from a project, those
                                          * with both ends in the document (the ones between
                                          * documents are a corpus's:
                                          * tessera_store_dup_cross_document_relations());
                                          * to import, an end may be an annotation of another
                                          * document of the batch */
  GPtrArray           *entities;         /* TesseraEntityRecord the document owns; an
                                          * importer may keep its entities elsewhere */
} TesseraDocumentRecord;

TesseraEntityRecord     *tessera_entity_record_new      (void);
TesseraEntityRecord     *tessera_entity_record_copy     (const TesseraEntityRecord *entity);
void                     tessera_entity_record_free     (TesseraEntityRecord     *entity);
TesseraAnnotationRecord *tessera_annotation_record_new  (void);
void                     tessera_annotation_record_free (TesseraAnnotationRecord *annotation);
void                     tessera_claim_record_free      (TesseraClaimRecord      *claim);
void                     tessera_relation_record_free   (TesseraRelationRecord   *relation);
TesseraDocumentRecord   *tessera_document_record_new    (void);
TesseraDocumentRecord   *tessera_document_record_steal  (TesseraDocumentRecord   *document);
void                     tessera_document_record_free   (TesseraDocumentRecord   *document);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraDocumentRecord, tessera_document_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraEntityRecord, tessera_entity_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraAnnotationRecord, tessera_annotation_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraClaimRecord, tessera_claim_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraRelationRecord, tessera_relation_record_free)

G_END_DECLS
