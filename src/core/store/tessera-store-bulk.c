/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tessera-store-bulk-private.h"
#include "tessera-store-private.h"
#include "tessera-text.h"
#include "tessera-vocabulary.h"

/*
 * Bulk insert: whole documents (TesseraDocumentRecord) written with cached statements
 * inside one TesseraOp. The op is permanent (imports cannot be undone), so only the rows the views
 * must refresh are recorded: documents, entities and annotation types. Annotations of a
 * new document are read when it is opened.
 */

/* Writing ---------------------------------------------------------------------------- */

typedef struct
{
  TesseraStore *store;
  TesseraOp    *op;
  GHashTable   *annotators;      /* name → gint64 id */
  char         *now;
} BulkWriter;

static gboolean
step (BulkWriter    *writer,
      sqlite3_stmt  *stmt,
      GError       **error)
{
  return _tessera_store_step_done (writer->store, stmt, error);
}

static gint64
last_id (BulkWriter *writer)
{
  return sqlite3_last_insert_rowid (writer->store->db);
}

/* Annotators are not journaled (see _tessera_store_ensure_annotator()). */
static gboolean
annotator_id (BulkWriter   *writer,
              const char   *name,
              gint64       *out_id,
              GError      **error)
{
  gpointer cached;
  sqlite3_stmt *stmt;
  gint64 id = 0;

  *out_id = 0;
  if (name == NULL || *name == '\0')
    return TRUE;
  if (g_hash_table_lookup_extended (writer->annotators, name, NULL, &cached))
    {
      *out_id = GPOINTER_TO_SIZE (cached);
      return TRUE;
    }

  stmt = _tessera_store_prepare (writer->store, "SELECT id FROM annotator WHERE name = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (id == 0)
    {
      stmt = _tessera_store_prepare (writer->store,
                                     "INSERT INTO annotator (name, created) VALUES (?, ?)",
                                     error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, writer->now, -1, SQLITE_STATIC);
      if (!step (writer, stmt, error))
        return FALSE;
      id = last_id (writer);
    }

  g_hash_table_insert (writer->annotators, g_strdup (name), GSIZE_TO_POINTER ((gsize) id));
  *out_id = id;
  return TRUE;
}

static gboolean
write_type (BulkWriter             *writer,
            TesseraAnnotationType  *type,
            GError                **error)
{
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer language, label;
  gint64 id;

  stmt = _tessera_store_prepare (writer->store,
                                 "INSERT INTO annotation_type"
                                 " (key, label, kind, tei_element, tei_type, color, description,"
                                 "  position)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?,"
                                 "  (SELECT coalesce (max (position) + 1, 0)"
                                 "   FROM annotation_type))", error);
  if (stmt == NULL)
    return FALSE;
  _tessera_store_bind_type (stmt, type);
  _tessera_bind_text_or_null (stmt, 7, tessera_annotation_type_get_description (type));
  if (!step (writer, stmt, error))
    return FALSE;
  id = last_id (writer);
  _tessera_op_touch_new (writer->op, "annotation_type", id);
  _tessera_annotation_type_set_id (type, id);

  g_hash_table_iter_init (&iter, tessera_annotation_type_get_labels (type));
  while (g_hash_table_iter_next (&iter, &language, &label))
    {
      stmt = _tessera_store_prepare (writer->store,
                                     "INSERT INTO annotation_type_label (type_id, language, label)"
                                     " VALUES (?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, language, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, label, -1, SQLITE_TRANSIENT);
      if (!step (writer, stmt, error))
        return FALSE;
      _tessera_op_touch_new (writer->op, "annotation_type_label", last_id (writer));
    }
  return TRUE;
}

static gboolean
write_attributes (BulkWriter  *writer,
                  const char  *column,
                  gint64       owner_id,
                  GHashTable  *attributes,
                  GError     **error)
{
  g_autofree char *sql = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (attributes == NULL || g_hash_table_size (attributes) == 0)
    return TRUE;

  sql = g_strdup_printf ("INSERT INTO attribute (%s, key, value) VALUES (?, ?, ?)", column);
  g_hash_table_iter_init (&iter, attributes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      sqlite3_stmt *stmt = _tessera_store_prepare (writer->store, g_intern_string (sql), error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, owner_id);
      sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, value ? value : "", -1, SQLITE_TRANSIENT);
      if (!step (writer, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_entity (BulkWriter         *writer,
              TesseraEntityRecord  *entity,
              GError            **error)
{
  g_autofree char *name = g_strstrip (g_strdup (entity->name ? entity->name : ""));
  sqlite3_stmt *stmt;

  if (entity->id > 0)
    return TRUE;
  if (*name == '\0')
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                   _("An entity needs a name"));
      return FALSE;
    }

  stmt = _tessera_store_prepare (writer->store,
                                 "INSERT INTO entity (name, type_id, description, created,"
                                 " modified) VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  _tessera_bind_id_or_null (stmt, 2, entity->type != NULL &&
                                     tessera_annotation_type_links_entity (entity->type)
                                     ? tessera_annotation_type_get_id (entity->type) : 0);
  _tessera_bind_text_or_null (stmt, 3, entity->description);
  sqlite3_bind_text (stmt, 4, writer->now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, writer->now, -1, SQLITE_STATIC);
  if (!step (writer, stmt, error))
    return FALSE;
  entity->id = last_id (writer);
  _tessera_op_touch_new (writer->op, "entity", entity->id);

  for (guint i = 0; i < entity->authorities->len; i++)
    {
      TesseraAuthority *authority = &g_array_index (entity->authorities, TesseraAuthority, i);

      const char *scheme = authority->scheme ? authority->scheme
                                             : tessera_authority_guess_scheme (authority->uri);

      stmt = _tessera_store_prepare (writer->store,
                                     "INSERT INTO entity_authority (entity_id, scheme, uri)"
                                     " VALUES (?, ?, ?) ON CONFLICT (entity_id, uri) DO NOTHING",
                                     error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, entity->id);
      sqlite3_bind_text (stmt, 2, scheme, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, authority->uri, -1, SQLITE_TRANSIENT);
      if (!step (writer, stmt, error))
        return FALSE;
    }

  return write_attributes (writer, "entity_id", entity->id, entity->attributes, error);
}

/* Sorted, non-empty, inside the text, disjoint: what tessera_store_add_annotation() checks. */
static gboolean
check_ranges (TesseraAnnotationRecord  *annotation,
              guint                   length,
              const char             *title,
              GError                **error)
{
  if (annotation->ranges->len == 0)
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                   _("“%s”: an annotation has no range of text"), title);
      return FALSE;
    }

  g_array_sort (annotation->ranges, (GCompareFunc) tessera_range_compare);
  for (guint i = 0; i < annotation->ranges->len; i++)
    {
      const TesseraRange *range = &g_array_index (annotation->ranges, TesseraRange, i);

      if (range->end <= range->start || range->end > length ||
          (i > 0 && g_array_index (annotation->ranges, TesseraRange, i - 1).end > range->start))
        {
          g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                       _("“%s”: the range %u–%u of an annotation is empty, overlaps another "
                         "or goes past the end of the text (%u characters)"),
                       title, range->start, range->end, length);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
write_annotation (BulkWriter             *writer,
                  TesseraDocumentRecord    *document,
                  TesseraAnnotationRecord  *annotation,
                  guint                   length,
                  GError                **error)
{
  TesseraKind kind = tessera_annotation_type_get_kind (annotation->type);
  sqlite3_stmt *stmt;
  gint64 annotator = 0;

  g_return_val_if_fail (tessera_annotation_type_get_id (annotation->type) > 0, FALSE);

  if (!check_ranges (annotation, length, document->info.title ? document->info.title : "",
                     error) ||
      !annotator_id (writer, annotation->annotator, &annotator, error))
    return FALSE;

  stmt = _tessera_store_prepare (writer->store,
                                 "INSERT INTO annotation"
                                 " (document_id, type_id, entity_id, annotator_id, certainty,"
                                 "  status, note, normalized, created, modified)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document->id);
  sqlite3_bind_int64 (stmt, 2, tessera_annotation_type_get_id (annotation->type));
  /* Only mentions link to entities (tessera_store_link_annotation()). */
  _tessera_bind_id_or_null (stmt, 3, tessera_kind_links_entity (kind) && annotation->entity != NULL
                                     ? annotation->entity->id : 0);
  _tessera_bind_id_or_null (stmt, 4, annotator);
  sqlite3_bind_text (stmt, 5, tessera_certainty_to_string (annotation->certainty), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, tessera_status_to_string (annotation->status), -1, SQLITE_STATIC);
  _tessera_bind_text_or_null (stmt, 7, annotation->note);
  _tessera_bind_text_or_null (stmt, 8, annotation->normalized);
  sqlite3_bind_text (stmt, 9, writer->now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, writer->now, -1, SQLITE_STATIC);
  if (!step (writer, stmt, error))
    return FALSE;
  annotation->id = last_id (writer);

  for (guint i = 0; i < annotation->ranges->len; i++)
    {
      const TesseraRange *range = &g_array_index (annotation->ranges, TesseraRange, i);

      stmt = _tessera_store_prepare (writer->store,
                                     "INSERT INTO annotation_range"
                                     " (annotation_id, start_offset, end_offset)"
                                     " VALUES (?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, annotation->id);
      sqlite3_bind_int64 (stmt, 2, range->start);
      sqlite3_bind_int64 (stmt, 3, range->end);
      if (!step (writer, stmt, error))
        return FALSE;
    }

  return write_attributes (writer, "annotation_id", annotation->id, annotation->attributes,
                           error);
}

static gint64
annotation_id_or_zero (TesseraAnnotationRecord *annotation)
{
  return annotation != NULL ? annotation->id : 0;
}

/* Claims point at other annotations of the document: written once all of them have ids. */
static gboolean
write_claim (BulkWriter             *writer,
             TesseraAnnotationRecord  *annotation,
             GError                **error)
{
  TesseraClaimRecord *claim = annotation->claim;
  TesseraAnnotationRecord *parent = NULL;
  sqlite3_stmt *stmt;

  if (claim != NULL && claim->parent != NULL && claim->parent->claim != NULL &&
      claim->parent != annotation)
    parent = claim->parent;

  stmt = _tessera_store_prepare (writer->store,
                                 "INSERT INTO claim (id, source_entity_id, source_annotation_id,"
                                 " cue_annotation_id, parent_claim_id, source_kind, quote_type,"
                                 " polarity, factuality, writer_distance, statement_date, topic)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, annotation->id);
  if (claim != NULL)
    {
      _tessera_bind_id_or_null (stmt, 2, claim->source_entity ? claim->source_entity->id : 0);
      _tessera_bind_id_or_null (stmt, 3, claim->source_annotation != annotation
                                         ? annotation_id_or_zero (claim->source_annotation) : 0);
      _tessera_bind_id_or_null (stmt, 4, claim->cue != annotation
                                         ? annotation_id_or_zero (claim->cue) : 0);
      _tessera_bind_id_or_null (stmt, 5, annotation_id_or_zero (parent));
      _tessera_bind_text_or_null (stmt, 6, claim->source_kind);
      _tessera_bind_text_or_null (stmt, 7, claim->quote_type);
      _tessera_bind_text_or_null (stmt, 8, claim->polarity);
      _tessera_bind_text_or_null (stmt, 9, claim->factuality);
      _tessera_bind_text_or_null (stmt, 10, claim->writer_distance);
      _tessera_bind_text_or_null (stmt, 11, claim->statement_date);
      _tessera_bind_text_or_null (stmt, 12, claim->topic);
    }
  return step (writer, stmt, error);
}

static gboolean
write_relation (BulkWriter           *writer,
                TesseraRelationRecord  *relation,
                GError              **error)
{
  sqlite3_stmt *stmt;
  gint64 annotator = 0;

  if (relation->source == NULL || relation->target == NULL ||
      relation->source == relation->target || relation->type == NULL || *relation->type == '\0')
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                   _("A relation needs a type and two different annotations"));
      return FALSE;
    }
  /* A file's relation types join the tagset with it. */
  if (!_tessera_store_ensure_relation_type (writer->store, writer->op, relation->type, error) ||
      !annotator_id (writer, relation->annotator, &annotator, error))
    return FALSE;

  stmt = _tessera_store_prepare (writer->store,
                                 "INSERT INTO relation"
                                 " (type, source_id, target_id, annotator_id, note, created)"
                                 " VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, relation->type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, relation->source->id);
  sqlite3_bind_int64 (stmt, 3, relation->target->id);
  _tessera_bind_id_or_null (stmt, 4, annotator);
  _tessera_bind_text_or_null (stmt, 5, relation->note);
  sqlite3_bind_text (stmt, 6, writer->now, -1, SQLITE_STATIC);
  if (!step (writer, stmt, error))
    return FALSE;
  relation->id = last_id (writer);
  return TRUE;
}

static gboolean
write_document (BulkWriter           *writer,
                TesseraDocumentRecord  *document,
                GError              **error)
{
  g_autofree char *sha256 = NULL;
  const char *title = document->info.title ? document->info.title : "";
  sqlite3_stmt *stmt;
  guint length;

  if (!g_utf8_validate (document->text, -1, NULL) || !tessera_text_is_nfc (document->text))
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                   _("The text of “%s” is not valid NFC UTF-8"), title);
      return FALSE;
    }
  sha256 = tessera_text_sha256 (document->text);
  length = tessera_text_length (document->text);

  stmt = _tessera_store_prepare (writer->store, "SELECT id FROM document WHERE sha256 = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      document->id = sqlite3_column_int64 (stmt, 0);
      document->existing = TRUE;
    }
  sqlite3_reset (stmt);
  if (document->existing)
    return TRUE;

  stmt = _tessera_store_prepare (writer->store,
                                 "INSERT INTO document"
                                 " (title, author, source_url, publisher, publication_date,"
                                 "  language, licence, notes, source_path,"
                                 "  text, length, sha256, progress, imported, modified)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, title, -1, SQLITE_TRANSIENT);
  _tessera_bind_text_or_null (stmt, 2, document->info.author);
  _tessera_bind_text_or_null (stmt, 3, document->info.source_url);
  _tessera_bind_text_or_null (stmt, 4, document->info.publisher);
  _tessera_bind_text_or_null (stmt, 5, document->info.publication_date);
  _tessera_bind_text_or_null (stmt, 6, document->info.language);
  _tessera_bind_text_or_null (stmt, 7, document->info.licence);
  _tessera_bind_text_or_null (stmt, 8, document->info.notes);
  _tessera_bind_text_or_null (stmt, 9, document->info.source_path);
  sqlite3_bind_text (stmt, 10, document->text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 11, length);
  sqlite3_bind_text (stmt, 12, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 13, tessera_progress_to_string (document->progress), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 14, writer->now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 15, writer->now, -1, SQLITE_STATIC);
  if (!step (writer, stmt, error))
    return FALSE;
  document->id = last_id (writer);
  _tessera_op_touch_new (writer->op, "document", document->id);

  if (!write_attributes (writer, "document_id", document->id, document->attributes, error))
    return FALSE;

  for (guint i = 0; i < document->annotations->len; i++)
    {
      if (!write_annotation (writer, document, g_ptr_array_index (document->annotations, i),
                             length, error))
        return FALSE;
    }
  for (guint i = 0; i < document->annotations->len; i++)
    {
      TesseraAnnotationRecord *annotation = g_ptr_array_index (document->annotations, i);

      if (tessera_annotation_type_carries_claim (annotation->type) &&
          !write_claim (writer, annotation, error))
        return FALSE;
    }
  return TRUE;
}

/* The relations of a document written, once every document is: one may go to an
 * annotation of another document of the batch (a corpus's same claim), whose type must
 * then cross documents. One to a text the project already had is left out: that text's
 * annotations are the project's, not the file's. */
static gboolean
write_relations (BulkWriter             *writer,
                 TesseraDocumentRecord  *document,
                 GError                **error)
{
  g_autoptr(GHashTable) own = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < document->annotations->len; i++)
    g_hash_table_add (own, g_ptr_array_index (document->annotations, i));
  for (guint i = 0; i < document->relations->len; i++)
    {
      TesseraRelationRecord *relation = g_ptr_array_index (document->relations, i);
      g_autoptr(TesseraRelationType) type = NULL;

      if (relation->source != NULL && relation->target != NULL &&
          (relation->source->id == 0 || relation->target->id == 0))
        continue;
      if (!write_relation (writer, relation, error))
        return FALSE;
      type = tessera_store_lookup_relation_type (writer->store, relation->type);
      if ((!g_hash_table_contains (own, relation->source) ||
           !g_hash_table_contains (own, relation->target)) &&
          (type == NULL || !tessera_relation_type_get_crosses_documents (type)))
        {
          g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                       _("“%s” holds a “%s” relation to another document; that type links "
                         "two annotations of one document"),
                       document->info.title ? document->info.title : "", relation->type);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * _tessera_store_insert_documents:
 * @summary: what the journal says of the import, e.g. the file's name
 * @new_relation_types: (element-type TesseraRelationType) (nullable): relation types to add
 *   to the tagset, those whose key it has skipped
 * @new_types: (element-type TesseraAnnotationType): types to add to the tagset first; their
 *   ids are set
 * @entities: (element-type TesseraEntityRecord): entities to create (those with an id are
 *   reused as they are)
 * @documents: (element-type TesseraDocumentRecord): the documents; a text the project already
 *   has is skipped and marked existing
 *
 * Writes everything in one permanent change. On any error nothing is written.
 */
gboolean
_tessera_store_insert_documents (TesseraStore  *self,
                                 const char    *summary,
                                 GPtrArray     *new_types,
                                 GPtrArray     *new_relation_types,
                                 GPtrArray     *entities,
                                 GPtrArray     *documents,
                                 GError       **error)
{
  g_autoptr(GHashTable) annotators = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *now = _tessera_store_now ();
  BulkWriter writer = { self, NULL, annotators, now };
  gint64 first_document = 0;
  guint n_written = 0;
  guint n_new = 0;

  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);
  g_return_val_if_fail (documents != NULL, FALSE);

  writer.op = _tessera_op_begin (self, "document-import", 0, error);
  if (writer.op == NULL)
    return FALSE;
  _tessera_op_set_permanent (writer.op);

  for (guint i = 0; new_types != NULL && i < new_types->len; i++)
    {
      if (!write_type (&writer, g_ptr_array_index (new_types, i), error))
        goto failed;
      n_written++;
    }
  for (guint i = 0; new_relation_types != NULL && i < new_relation_types->len; i++)
    {
      TesseraRelationType *type = g_ptr_array_index (new_relation_types, i);
      g_autoptr(TesseraRelationType) known =
        tessera_store_lookup_relation_type (self, tessera_relation_type_get_key (type));

      if (known != NULL)
        continue;
      if (_tessera_store_insert_relation_type (self, writer.op, type, error) == 0)
        goto failed;
      n_written++;
    }
  for (guint i = 0; entities != NULL && i < entities->len; i++)
    {
      TesseraEntityRecord *entity = g_ptr_array_index (entities, i);

      /* One with an id is the project's own, reused as it is. */
      if (entity->id == 0)
        n_written++;
      if (!write_entity (&writer, entity, error))
        goto failed;
    }
  for (guint i = 0; i < documents->len; i++)
    {
      TesseraDocumentRecord *document = g_ptr_array_index (documents, i);

      if (!write_document (&writer, document, error))
        goto failed;
      if (!document->existing)
        {
          n_new++;
          if (first_document == 0)
            first_document = document->id;
        }
    }
  for (guint i = 0; i < documents->len; i++)
    {
      TesseraDocumentRecord *document = g_ptr_array_index (documents, i);

      if (!document->existing && !write_relations (&writer, document, error))
        goto failed;
    }

  /* Texts the project already has, and nothing else: nothing to write, nor to journal. */
  if (n_written + n_new == 0)
    {
      _tessera_op_abort (writer.op);
      return TRUE;
    }

  /* The history of a single imported document is found under it. */
  if (n_new == 1)
    _tessera_op_set_document (writer.op, first_document);
  _tessera_op_set_summary (writer.op, "%s", summary ? summary : "");
  if (!_tessera_op_commit (writer.op, error))
    {
      for (guint i = 0; new_types != NULL && i < new_types->len; i++)
        _tessera_annotation_type_set_id (g_ptr_array_index (new_types, i), 0);
      return FALSE;
    }

  /* Entities that gained mentions show their new counts. */
  for (guint i = 0; entities != NULL && i < entities->len; i++)
    {
      TesseraEntityRecord *entity = g_ptr_array_index (entities, i);

      _tessera_store_refresh_entity (self, entity->id, TESSERA_CHANGE_MODIFIED);
    }
  return TRUE;

failed:
  _tessera_op_abort (writer.op);
  for (guint i = 0; new_types != NULL && i < new_types->len; i++)
    _tessera_annotation_type_set_id (g_ptr_array_index (new_types, i), 0);
  for (guint i = 0; i < documents->len; i++)
    {
      TesseraDocumentRecord *document = g_ptr_array_index (documents, i);

      document->id = 0;
      document->existing = FALSE;
    }
  return FALSE;
}

/* Readers ---------------------------------------------------------------------------- */

/**
 * _tessera_store_dup_annotator_ids:
 *
 * Returns: (transfer full): annotator name → id (gint64, boxed)
 */
GHashTable *
_tessera_store_dup_annotator_ids (TesseraStore  *self,
                                  GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int rc;

  stmt = _tessera_store_prepare_fresh (self, "SELECT id, name FROM annotator", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_hash_table_insert (ids, g_strdup (_tessera_column_text (stmt, 1)), g_memdup2 (&id, 8));
    }
  if (rc != SQLITE_DONE)
    {
      _tessera_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

void
_tessera_revision_day_free (TesseraRevisionDay *day)
{
  if (day == NULL)
    return;
  g_free (day->annotator);
  g_free (day->day);
  g_free (day);
}

/**
 * _tessera_store_dup_revision_days:
 * @document_id: a document, or 0 for the whole project
 *
 * The journal summarised as one entry per annotator and day (UTC), undone changes left
 * out, oldest first.
 *
 * Returns: (transfer full) (element-type TesseraRevisionDay): the days
 */
GPtrArray *
_tessera_store_dup_revision_days (TesseraStore  *self,
                                  gint64         document_id,
                                  GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) days =
    g_ptr_array_new_with_free_func ((GDestroyNotify) _tessera_revision_day_free);
  int rc;

  stmt = _tessera_store_prepare_fresh (self,
                                       "SELECT a.name, substr (j.time, 1, 10) AS day, count(*)"
                                       " FROM journal j LEFT JOIN annotator a"
                                       " ON a.id = j.annotator_id"
                                       " WHERE (?1 = 0 OR j.document_id = ?1)"
                                       " AND j.state IN ('done', 'permanent')"
                                       " GROUP BY day, j.annotator_id"
                                       " ORDER BY day, j.annotator_id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TesseraRevisionDay *day = g_new0 (TesseraRevisionDay, 1);

      day->annotator = g_strdup (_tessera_column_text (stmt, 0));
      day->day = g_strdup (_tessera_column_text (stmt, 1));
      day->n_changes = (guint) sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (days, day);
    }
  if (rc != SQLITE_DONE)
    {
      _tessera_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&days);
}

/**
 * _tessera_store_dup_document_attributes:
 *
 * The attributes of all the annotations of a document in one query.
 *
 * Returns: (transfer full): annotation id (gint64, boxed) → (key → value)
 */
GHashTable *
_tessera_store_dup_document_attributes (TesseraStore  *self,
                                        gint64         document_id,
                                        GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) owners = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        (GDestroyNotify) g_hash_table_unref);
  int rc;

  stmt = _tessera_store_prepare_fresh (self,
                                       "SELECT t.annotation_id, t.key, t.value FROM attribute t"
                                       " JOIN annotation a ON a.id = t.annotation_id"
                                       " WHERE a.document_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      GHashTable *attributes = g_hash_table_lookup (owners, &id);

      if (attributes == NULL)
        {
          attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          g_hash_table_insert (owners, g_memdup2 (&id, 8), attributes);
        }
      g_hash_table_insert (attributes, g_strdup (_tessera_column_text (stmt, 1)),
                           g_strdup (_tessera_column_text (stmt, 2)));
    }
  if (rc != SQLITE_DONE)
    {
      _tessera_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&owners);
}
