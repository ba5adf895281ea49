/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-types.h"
#include "tessera-annotation.h"
#include "tessera-annotation-type.h"
#include "tessera-claim.h"
#include "tessera-document.h"
#include "tessera-entity.h"
#include "tessera-record.h"
#include "tessera-relation-type.h"

G_BEGIN_DECLS

#define TESSERA_STORE_ERROR (tessera_store_error_quark ())

typedef enum
{
  TESSERA_STORE_ERROR_FAILED,
  TESSERA_STORE_ERROR_NOT_A_PROJECT,
  TESSERA_STORE_ERROR_NEWER_VERSION,
  TESSERA_STORE_ERROR_CORRUPT,
  TESSERA_STORE_ERROR_BUSY,
  TESSERA_STORE_ERROR_READ_ONLY,
  TESSERA_STORE_ERROR_FULL,
  TESSERA_STORE_ERROR_NOT_FOUND,
  TESSERA_STORE_ERROR_INVALID,
  TESSERA_STORE_ERROR_IN_USE,
  TESSERA_STORE_ERROR_NOTHING_TO_UNDO,
  TESSERA_STORE_ERROR_IS_PROJECT,
} TesseraStoreError;

typedef enum
{
  TESSERA_STORE_OPEN_DEFAULT   = 0,
  TESSERA_STORE_OPEN_CREATE    = 1 << 0,
  TESSERA_STORE_OPEN_READ_ONLY = 1 << 1,
} TesseraStoreOpenFlags;

/* The schema version this build writes; PRAGMA user_version of a current project. */
#define TESSERA_STORE_SCHEMA_VERSION 3
/* PRAGMA application_id of every project: "TSRA". */
#define TESSERA_STORE_APPLICATION_ID 0x54535241

typedef struct
{
  gint64  id;
  gint64  source_id;
  gint64  target_id;
  char   *type;
  char   *note;
  char   *annotator;
  gint64  source_document_id;
  gint64  target_document_id;   /* another document's when the type crosses documents */
} TesseraRelation;

void tessera_relation_free (TesseraRelation *relation);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraRelation, tessera_relation_free)

typedef enum
{
  TESSERA_JOURNAL_DONE,
  TESSERA_JOURNAL_UNDONE,
  TESSERA_JOURNAL_DISCARDED,
  TESSERA_JOURNAL_PERMANENT,
} TesseraJournalState;

typedef struct
{
  gint64               id;
  char                *time;
  char                *annotator;
  gint64               document_id;
  char                *action;
  char                *summary;
  TesseraJournalState  state;
} TesseraJournalEntry;

void tessera_journal_entry_free (TesseraJournalEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraJournalEntry, tessera_journal_entry_free)

typedef struct
{
  gint64 type_id;
  guint  count;
} TesseraTypeCount;

typedef struct
{
  guint   n_documents;
  guint   n_characters;
  guint   n_annotations;
  guint   n_entities;
  guint   n_linked_mentions;
  guint   n_claims;
  guint   n_claims_with_source;
  guint   n_relations;
  guint   n_annotators;
  GArray *per_type;          /* TesseraTypeCount, in tagset order */
} TesseraStats;

void tessera_stats_free (TesseraStats *stats);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraStats, tessera_stats_free)

#define TESSERA_TYPE_STORE (tessera_store_get_type ())
G_DECLARE_FINAL_TYPE (TesseraStore, tessera_store, TESSERA, STORE, GObject)

GQuark                 tessera_store_error_quark              (void);

TesseraStore          *tessera_store_open                     (const char             *path,
                                                               TesseraStoreOpenFlags   flags,
                                                               GError                **error);
void                   tessera_store_close                    (TesseraStore           *self);
gboolean               tessera_store_file_is_project          (const char             *path);
const char            *tessera_store_get_path                 (TesseraStore           *self);
gboolean               tessera_store_is_read_only             (TesseraStore           *self);
const char            *tessera_store_get_read_only_reason     (TesseraStore           *self);
const char            *tessera_store_get_annotator            (TesseraStore           *self);
void                   tessera_store_set_annotator            (TesseraStore           *self,
                                                               const char             *name);
gboolean               tessera_store_poll_external_changes    (TesseraStore           *self);

/* Documents */
GListModel            *tessera_store_get_documents            (TesseraStore           *self);
TesseraDocument       *tessera_store_dup_document             (TesseraStore           *self,
                                                               gint64                  document_id,
                                                               GError                **error);
TesseraDocument       *tessera_store_lookup_document          (TesseraStore           *self,
                                                               gint64                  document_id);
TesseraDocument       *tessera_store_find_document_by_sha256  (TesseraStore           *self,
                                                               const char             *sha256);
char                  *tessera_store_dup_document_text        (TesseraStore           *self,
                                                               gint64                  document_id,
                                                               GError                **error);
gint64                 tessera_store_add_document             (TesseraStore           *self,
                                                               const TesseraDocumentInfo *info,
                                                               const char             *text,
                                                               gboolean               *out_existing,
                                                               GError                **error);
gboolean               tessera_store_update_document_info     (TesseraStore           *self,
                                                               gint64                  document_id,
                                                               const TesseraDocumentInfo *info,
                                                               GError                **error);
gboolean               tessera_store_set_document_progress    (TesseraStore           *self,
                                                               gint64                  document_id,
                                                               TesseraProgress         progress,
                                                               GError                **error);
gboolean               tessera_store_remove_document          (TesseraStore           *self,
                                                               gint64                  document_id,
                                                               GError                **error);

/* Tagset */
GListModel            *tessera_store_get_tagset               (TesseraStore           *self);
TesseraAnnotationType *tessera_store_get_annotation_type      (TesseraStore           *self,
                                                               gint64                  type_id);
TesseraAnnotationType *tessera_store_dup_annotation_type      (TesseraStore           *self,
                                                               gint64                  type_id);
TesseraAnnotationType *tessera_store_find_annotation_type     (TesseraStore           *self,
                                                               const char             *key_or_label);
gint64                 tessera_store_add_annotation_type      (TesseraStore           *self,
                                                               TesseraAnnotationType  *type,
                                                               GError                **error);
gboolean               tessera_store_update_annotation_type   (TesseraStore           *self,
                                                               TesseraAnnotationType  *type,
                                                               GError                **error);
gboolean               tessera_store_move_annotation_type     (TesseraStore           *self,
                                                               gint64                  type_id,
                                                               int                     position,
                                                               GError                **error);
gboolean               tessera_store_remove_annotation_type   (TesseraStore           *self,
                                                               gint64                  type_id,
                                                               gint64                  replacement_id,
                                                               GError                **error);

/* Relation types: the tagset's second half */
GPtrArray             *tessera_store_dup_relation_types       (TesseraStore           *self,
                                                               GError                **error);
TesseraRelationType   *tessera_store_lookup_relation_type     (TesseraStore           *self,
                                                               const char             *key);
TesseraRelationType   *tessera_store_find_relation_type       (TesseraStore           *self,
                                                               const char             *name);
gint64                 tessera_store_add_relation_type        (TesseraStore           *self,
                                                               TesseraRelationType    *type,
                                                               GError                **error);
gboolean               tessera_store_update_relation_type     (TesseraStore           *self,
                                                               TesseraRelationType    *type,
                                                               GError                **error);
gboolean               tessera_store_move_relation_type       (TesseraStore           *self,
                                                               gint64                  type_id,
                                                               int                     position,
                                                               GError                **error);
gboolean               tessera_store_remove_relation_type     (TesseraStore           *self,
                                                               gint64                  type_id,
                                                               gint64                  replacement_id,
                                                               GError                **error);

/* Annotations */
GListModel            *tessera_store_list_annotations         (TesseraStore           *self,
                                                               gint64                  document_id,
                                                               GError                **error);
GPtrArray             *tessera_store_dup_annotations          (TesseraStore           *self,
                                                               gint64                  document_id,
                                                               GError                **error);
TesseraAnnotation     *tessera_store_dup_annotation           (TesseraStore           *self,
                                                               gint64                  annotation_id,
                                                               GError                **error);
gint64                 tessera_store_add_annotation           (TesseraStore           *self,
                                                               gint64                  document_id,
                                                               gint64                  type_id,
                                                               const TesseraRange     *ranges,
                                                               guint                   n_ranges,
                                                               gboolean               *out_existing,
                                                               GError                **error);
gboolean               tessera_store_remove_annotation        (TesseraStore           *self,
                                                               gint64                  annotation_id,
                                                               GError                **error);
gboolean               tessera_store_set_annotation_type      (TesseraStore           *self,
                                                               gint64                  annotation_id,
                                                               gint64                  type_id,
                                                               GError                **error);
gboolean               tessera_store_set_annotation_ranges    (TesseraStore           *self,
                                                               gint64                  annotation_id,
                                                               const TesseraRange     *ranges,
                                                               guint                   n_ranges,
                                                               GError                **error);
gboolean               tessera_store_set_annotation_certainty (TesseraStore           *self,
                                                               gint64                  annotation_id,
                                                               TesseraCertainty        certainty,
                                                               GError                **error);
gboolean               tessera_store_set_annotation_status    (TesseraStore           *self,
                                                               gint64                  annotation_id,
                                                               TesseraStatus           status,
                                                               GError                **error);
gboolean               tessera_store_set_annotation_note      (TesseraStore           *self,
                                                               gint64                  annotation_id,
                                                               const char             *note,
                                                               GError                **error);
gboolean               tessera_store_set_annotation_normalized (TesseraStore          *self,
                                                               gint64                  annotation_id,
                                                               const char             *normalized,
                                                               GError                **error);
gboolean               tessera_store_link_annotation          (TesseraStore           *self,
                                                               gint64                  annotation_id,
                                                               gint64                  entity_id,
                                                               GError                **error);

/* Entities */
GListModel            *tessera_store_get_entities             (TesseraStore           *self);
TesseraEntity         *tessera_store_dup_entity               (TesseraStore           *self,
                                                               gint64                  entity_id,
                                                               GError                **error);
gint64                 tessera_store_add_entity               (TesseraStore           *self,
                                                               const char             *name,
                                                               gint64                  type_id,
                                                               const char             *description,
                                                               GError                **error);
gint64                 tessera_store_add_entity_for_mention   (TesseraStore           *self,
                                                               gint64                  annotation_id,
                                                               const char             *name,
                                                               const char             *uri,
                                                               GError                **error);
gboolean               tessera_store_update_entity            (TesseraStore           *self,
                                                               gint64                  entity_id,
                                                               const char             *name,
                                                               const char             *description,
                                                               GError                **error);
gboolean               tessera_store_add_entity_authority     (TesseraStore           *self,
                                                               gint64                  entity_id,
                                                               const char             *scheme,
                                                               const char             *uri,
                                                               GError                **error);
gboolean               tessera_store_remove_entity_authority  (TesseraStore           *self,
                                                               gint64                  entity_id,
                                                               const char             *uri,
                                                               GError                **error);
gboolean               tessera_store_remove_entity            (TesseraStore           *self,
                                                               gint64                  entity_id,
                                                               GError                **error);
GArray                *tessera_store_dup_entity_mentions      (TesseraStore           *self,
                                                               gint64                  entity_id,
                                                               GError                **error);

/* Claims */
TesseraClaim          *tessera_store_dup_claim                (TesseraStore           *self,
                                                               gint64                  annotation_id,
                                                               GError                **error);
gboolean               tessera_store_update_claim             (TesseraStore           *self,
                                                               TesseraClaim           *claim,
                                                               GError                **error);
gboolean               tessera_store_set_claim_field          (TesseraStore           *self,
                                                               gint64                  annotation_id,
                                                               const char             *field,
                                                               const char             *value,
                                                               GError                **error);
gboolean               tessera_store_set_claim_source         (TesseraStore           *self,
                                                               gint64                  annotation_id,
                                                               gint64                  mention_id,
                                                               gint64                  entity_id,
                                                               GError                **error);
gboolean               tessera_store_set_claim_cue            (TesseraStore           *self,
                                                               gint64                  annotation_id,
                                                               gint64                  cue_id,
                                                               GError                **error);
gint64                 tessera_store_add_claim_mention        (TesseraStore           *self,
                                                               gint64                  annotation_id,
                                                               TesseraClaimRole        role,
                                                               gint64                  type_id,
                                                               const TesseraRange     *ranges,
                                                               guint                   n_ranges,
                                                               GError                **error);

/* Relations */
gint64                 tessera_store_add_relation             (TesseraStore           *self,
                                                               const char             *type,
                                                               gint64                  source_id,
                                                               gint64                  target_id,
                                                               const char             *note,
                                                               GError                **error);
gboolean               tessera_store_remove_relation          (TesseraStore           *self,
                                                               gint64                  relation_id,
                                                               GError                **error);
GPtrArray             *tessera_store_dup_relations            (TesseraStore           *self,
                                                               gint64                  document_id,
                                                               GError                **error);
GPtrArray             *tessera_store_dup_annotation_relations (TesseraStore           *self,
                                                               gint64                  annotation_id,
                                                               GError                **error);
char                  *tessera_store_dup_annotation_excerpt   (TesseraStore           *self,
                                                               gint64                  annotation_id,
                                                               guint                   max_chars,
                                                               GError                **error);
GPtrArray             *tessera_store_dup_cross_document_relations
                                                              (TesseraStore           *self,
                                                               gint64                  document_id,
                                                               GError                **error);

/* The document model: one document as plain data (tessera-record.h) */
TesseraDocumentRecord *tessera_store_dup_document_record      (TesseraStore           *self,
                                                               gint64                  document_id,
                                                               GError                **error);

/* Attributes: owner is "document", "annotation" or "entity". */
gboolean               tessera_store_set_attribute            (TesseraStore           *self,
                                                               const char             *owner,
                                                               gint64                  owner_id,
                                                               const char             *key,
                                                               const char             *value,
                                                               GError                **error);
GHashTable            *tessera_store_dup_attributes           (TesseraStore           *self,
                                                               const char             *owner,
                                                               gint64                  owner_id,
                                                               GError                **error);

/* Annotators */
GStrv                  tessera_store_dup_annotators           (TesseraStore           *self,
                                                               GError                **error);

/* Journal, undo and redo */
gboolean               tessera_store_can_undo                 (TesseraStore           *self);
gboolean               tessera_store_can_redo                 (TesseraStore           *self);
TesseraJournalEntry   *tessera_store_undo                     (TesseraStore           *self,
                                                               GError                **error);
TesseraJournalEntry   *tessera_store_redo                     (TesseraStore           *self,
                                                               GError                **error);
char                  *tessera_store_describe_journal_entry   (TesseraStore              *self,
                                                               const TesseraJournalEntry *entry);
GPtrArray             *tessera_store_dup_history              (TesseraStore           *self,
                                                               gint64                  document_id,
                                                               guint                   limit,
                                                               GError                **error);

/* Whole project */
TesseraStats          *tessera_store_dup_stats                (TesseraStore           *self,
                                                               gint64                  document_id,
                                                               GError                **error);
gboolean               tessera_store_check                    (TesseraStore           *self,
                                                               GPtrArray             **problems,
                                                               GError                **error);

G_END_DECLS
