/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-store"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "tessera-store-bulk-private.h"
#include "tessera-store-private.h"

/*
 * Reading the document model (tessera-record.h): a snapshot of one document with its
 * annotations, the entities they name, claims, relations and attributes, read inside one
 * read transaction so that a change committed meanwhile by another program is either all in
 * it or not at all. The readers are those of the rest of the store; this file only turns
 * their objects into records and resolves ids into pointers.
 */

#define SNAPSHOT "document_record"

typedef struct
{
  TesseraStore          *store;
  TesseraDocumentRecord *document;
  GHashTable            *types;        /* type id → TesseraAnnotationType of the tagset */
  GHashTable            *entities;     /* entity id → TesseraEntityRecord (borrowed) */
  GHashTable            *annotations;  /* annotation id → TesseraAnnotationRecord (borrowed) */
} RecordReader;

static void
record_reader_clear (RecordReader *reader)
{
  g_clear_pointer (&reader->document, tessera_document_record_free);
  g_clear_pointer (&reader->types, g_hash_table_unref);
  g_clear_pointer (&reader->entities, g_hash_table_unref);
  g_clear_pointer (&reader->annotations, g_hash_table_unref);
}

/* The records hold the tagset's own types, as the bulk insert expects them. */
static GHashTable *
tagset_by_id (TesseraStore *self)
{
  GListModel *tagset = tessera_store_get_tagset (self);
  GHashTable *types = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                             g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (tagset); i++)
    {
      TesseraAnnotationType *type = g_list_model_get_item (tagset, i);
      gint64 id = tessera_annotation_type_get_id (type);

      g_hash_table_insert (types, g_memdup2 (&id, sizeof id), type);
    }
  return types;
}

static TesseraAnnotationType *
type_ref_or_null (GHashTable *types,
                  gint64      type_id)
{
  TesseraAnnotationType *type = g_hash_table_lookup (types, &type_id);

  return type != NULL ? g_object_ref (type) : NULL;
}

/* NULL for an owner without attributes, as the records of an import have it. */
static GHashTable *
attributes_or_null (GHashTable *attributes)
{
  if (attributes != NULL && g_hash_table_size (attributes) == 0)
    g_clear_pointer (&attributes, g_hash_table_unref);
  return attributes;
}

static TesseraEntityRecord *
read_entity (TesseraStore  *self,
             GHashTable    *types,
             gint64         entity_id,
             GError       **error)
{
  g_autoptr(TesseraEntityRecord) record = tessera_entity_record_new ();
  g_autoptr(TesseraEntity) entity = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  const TesseraAuthority *authorities;
  guint n;

  entity = tessera_store_dup_entity (self, entity_id, error);
  if (entity == NULL)
    return NULL;
  attributes = tessera_store_dup_attributes (self, "entity", entity_id, error);
  if (attributes == NULL)
    return NULL;

  record->id = entity_id;
  record->name = g_strdup (tessera_entity_get_name (entity));
  record->type = type_ref_or_null (types, tessera_entity_get_type_id (entity));
  record->description = g_strdup (tessera_entity_get_description (entity));
  authorities = tessera_entity_get_authorities (entity, &n);
  for (guint i = 0; i < n; i++)
    {
      TesseraAuthority authority = { g_strdup (authorities[i].scheme),
                                     g_strdup (authorities[i].uri) };

      g_array_append_val (record->authorities, authority);
    }
  record->attributes = attributes_or_null (g_steal_pointer (&attributes));
  return g_steal_pointer (&record);
}

/* One record per entity, however many times the document names it. */
static TesseraEntityRecord *
entity_of (RecordReader  *reader,
           gint64         entity_id,
           GError       **error)
{
  TesseraEntityRecord *entity;

  if (entity_id <= 0)
    return NULL;
  entity = g_hash_table_lookup (reader->entities, &entity_id);
  if (entity != NULL)
    return entity;
  entity = read_entity (reader->store, reader->types, entity_id, error);
  if (entity == NULL)
    return NULL;
  g_ptr_array_add (reader->document->entities, entity);
  g_hash_table_insert (reader->entities, &entity->id, entity);
  return entity;
}

/* Claims and relations point at annotations of the same document (the store refuses any
 * other), so an id that leads nowhere here is a damaged project. */
static gboolean
annotation_of (RecordReader             *reader,
               gint64                    annotation_id,
               TesseraAnnotationRecord **out_annotation,
               GError                  **error)
{
  *out_annotation = NULL;
  if (annotation_id <= 0)
    return TRUE;
  *out_annotation = g_hash_table_lookup (reader->annotations, &annotation_id);
  if (*out_annotation != NULL)
    return TRUE;
  g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_CORRUPT,
               _("Document %" PRId64 " refers to annotation %" PRId64 ", which is not in it: "
                 "the project is damaged"),
               reader->document->id, annotation_id);
  return FALSE;
}

static gboolean
read_document (RecordReader  *reader,
               gint64         document_id,
               GError       **error)
{
  TesseraDocumentRecord *record = reader->document;
  g_autoptr(TesseraDocument) document = NULL;

  document = tessera_store_dup_document (reader->store, document_id, error);
  if (document == NULL)
    return FALSE;
  record->id = document_id;
  record->info.title = g_strdup (tessera_document_get_title (document));
  record->info.author = g_strdup (tessera_document_get_author (document));
  record->info.source_url = g_strdup (tessera_document_get_source_url (document));
  record->info.publisher = g_strdup (tessera_document_get_publisher (document));
  record->info.publication_date = g_strdup (tessera_document_get_publication_date (document));
  record->info.language = g_strdup (tessera_document_get_language (document));
  record->info.licence = g_strdup (tessera_document_get_licence (document));
  record->info.notes = g_strdup (tessera_document_get_notes (document));
  record->info.source_path = g_strdup (tessera_document_get_source_path (document));
  record->progress = tessera_document_get_progress (document);

  record->text = tessera_store_dup_document_text (reader->store, document_id, error);
  if (record->text == NULL)
    return FALSE;
  record->attributes = tessera_store_dup_attributes (reader->store, "document", document_id,
                                                     error);
  if (record->attributes == NULL)
    return FALSE;
  record->attributes = attributes_or_null (record->attributes);
  return TRUE;
}

static gboolean
read_annotations (RecordReader  *reader,
                  GError       **error)
{
  TesseraDocumentRecord *document = reader->document;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GHashTable) attributes = NULL;

  annotations = tessera_store_dup_annotations (reader->store, document->id, error);
  if (annotations == NULL)
    return FALSE;
  attributes = _tessera_store_dup_document_attributes (reader->store, document->id, error);
  if (attributes == NULL)
    return FALSE;

  for (guint i = 0; i < annotations->len; i++)
    {
      TesseraAnnotation *annotation = g_ptr_array_index (annotations, i);
      TesseraAnnotationRecord *record = tessera_annotation_record_new ();
      gint64 entity_id = tessera_annotation_get_entity_id (annotation);
      GHashTable *own_attributes;
      const TesseraRange *ranges;
      guint n;

      g_ptr_array_add (document->annotations, record);
      record->id = tessera_annotation_get_id (annotation);
      g_hash_table_insert (reader->annotations, &record->id, record);
      record->type = type_ref_or_null (reader->types, tessera_annotation_get_type_id (annotation));
      if (record->type == NULL)
        {
          g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_CORRUPT,
                       _("Annotation %" PRId64 " has a type the tagset does not have: the "
                         "project is damaged"), record->id);
          return FALSE;
        }
      ranges = tessera_annotation_get_ranges (annotation, &n);
      g_array_append_vals (record->ranges, ranges, n);
      record->annotator = g_strdup (tessera_annotation_get_annotator (annotation));
      record->created = g_strdup (tessera_annotation_get_created (annotation));
      record->certainty = tessera_annotation_get_certainty (annotation);
      record->status = tessera_annotation_get_status (annotation);
      record->note = g_strdup (tessera_annotation_get_note (annotation));
      record->normalized = g_strdup (tessera_annotation_get_normalized (annotation));
      own_attributes = g_hash_table_lookup (attributes, &record->id);
      if (own_attributes != NULL)
        record->attributes = g_hash_table_ref (own_attributes);
      if (entity_id > 0 && (record->entity = entity_of (reader, entity_id, error)) == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_claim (RecordReader             *reader,
            TesseraAnnotationRecord  *annotation,
            GError                  **error)
{
  g_autoptr(TesseraClaim) claim = NULL;
  TesseraClaimRecord *record;
  gint64 source_entity_id;

  claim = tessera_store_dup_claim (reader->store, annotation->id, error);
  if (claim == NULL)
    return FALSE;
  record = annotation->claim = g_new0 (TesseraClaimRecord, 1);
  source_entity_id = tessera_claim_get_source_entity_id (claim);
  if (source_entity_id > 0 &&
      (record->source_entity = entity_of (reader, source_entity_id, error)) == NULL)
    return FALSE;
  if (!annotation_of (reader, tessera_claim_get_source_annotation_id (claim),
                      &record->source_annotation, error) ||
      !annotation_of (reader, tessera_claim_get_cue_annotation_id (claim), &record->cue,
                      error) ||
      !annotation_of (reader, tessera_claim_get_parent_annotation_id (claim), &record->parent,
                      error))
    return FALSE;
  record->source_kind = g_strdup (tessera_claim_get_source_kind (claim));
  record->quote_type = g_strdup (tessera_claim_get_quote_type (claim));
  record->polarity = g_strdup (tessera_claim_get_polarity (claim));
  record->factuality = g_strdup (tessera_claim_get_factuality (claim));
  record->writer_distance = g_strdup (tessera_claim_get_writer_distance (claim));
  record->statement_date = g_strdup (tessera_claim_get_statement_date (claim));
  record->topic = g_strdup (tessera_claim_get_topic (claim));
  return TRUE;
}

static gboolean
read_relations (RecordReader  *reader,
                GError       **error)
{
  g_autoptr(GPtrArray) relations = NULL;

  relations = tessera_store_dup_relations (reader->store, reader->document->id, error);
  if (relations == NULL)
    return FALSE;
  for (guint i = 0; i < relations->len; i++)
    {
      TesseraRelation *relation = g_ptr_array_index (relations, i);
      TesseraRelationRecord *record = g_new0 (TesseraRelationRecord, 1);

      g_ptr_array_add (reader->document->relations, record);
      record->id = relation->id;
      record->type = g_strdup (relation->type);
      record->note = g_strdup (relation->note);
      record->annotator = g_strdup (relation->annotator);
      {
        g_autoptr(TesseraRelationType) type = tessera_store_find_relation_type (reader->store, relation->type);

        record->symmetric = type != NULL && tessera_relation_type_get_symmetric (type);
      }
      if (!annotation_of (reader, relation->source_id, &record->source, error) ||
          !annotation_of (reader, relation->target_id, &record->target, error))
        return FALSE;
    }
  return TRUE;
}

/* The claims come once every annotation has its record, since they point at them. */
static gboolean
read_snapshot (RecordReader  *reader,
               gint64         document_id,
               GError       **error)
{
  GPtrArray *annotations = reader->document->annotations;

  if (!read_document (reader, document_id, error) || !read_annotations (reader, error))
    return FALSE;
  for (guint i = 0; i < annotations->len; i++)
    {
      TesseraAnnotationRecord *annotation = g_ptr_array_index (annotations, i);

      if (tessera_annotation_type_carries_claim (annotation->type) &&
          !read_claim (reader, annotation, error))
        return FALSE;
    }
  return read_relations (reader, error);
}

/**
 * tessera_store_dup_document_record:
 * @document_id: a document of the project
 *
 * A snapshot of one document as plain data (tessera-record.h), read in one read
 * transaction: its text, bibliographic record, progress and attributes; every annotation
 * in reading order (see tessera_annotation_compare()) with its ranges, type, certainty,
 * status, note, normalized value, annotator and attributes; one record for each entity the
 * annotations and claims name, owned by the document's @entities; the claim of each
 * annotation of a claim type, pointing at the records of its source, cue and parent; and
 * the relations. Every record carries its id in the project, and the types are the
 * tagset's own (tessera_store_get_tagset()).
 *
 * One document is in memory at a time: an export of a corpus calls this once per document.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
TesseraDocumentRecord *
tessera_store_dup_document_record (TesseraStore  *self,
                                   gint64         document_id,
                                   GError       **error)
{
  RecordReader reader = { self, NULL, NULL, NULL, NULL };
  TesseraDocumentRecord *document;
  gboolean ok;

  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A savepoint is a read transaction of its own, or nests in a change in progress. */
  if (!_tessera_store_exec (self, "SAVEPOINT " SNAPSHOT, error))
    return NULL;
  reader.document = tessera_document_record_new ();
  reader.types = tagset_by_id (self);
  reader.entities = g_hash_table_new (g_int64_hash, g_int64_equal);
  reader.annotations = g_hash_table_new (g_int64_hash, g_int64_equal);
  ok = read_snapshot (&reader, document_id, error);
  /* Nothing was written: releasing cannot lose anything, whatever happened. */
  sqlite3_exec (self->db, "RELEASE " SNAPSHOT, NULL, NULL, NULL);
  document = ok ? g_steal_pointer (&reader.document) : NULL;
  record_reader_clear (&reader);
  return document;
}

/**
 * _tessera_store_dup_entity_record:
 *
 * One entity of the project as the document records hold it, for what lists every entity
 * (a corpus's authority lists).
 *
 * Returns: (transfer full): the entity, or %NULL with @error set
 */
TesseraEntityRecord *
_tessera_store_dup_entity_record (TesseraStore  *self,
                                  gint64         entity_id,
                                  GError       **error)
{
  g_autoptr(GHashTable) types = NULL;

  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);

  types = tagset_by_id (self);
  return read_entity (self, types, entity_id, error);
}
