/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-store"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "tessera-store-private.h"
#include "tessera-text.h"

#define DOCUMENT_COLUMNS \
  "d.id, d.title, d.author, d.source_url, d.publisher, d.publication_date, d.language," \
  " d.licence, d.notes, d.source_path, d.sha256, d.imported, d.length, d.progress," \
  " (SELECT count(*) FROM annotation a WHERE a.document_id = d.id)"

static TesseraDocument *
document_from_stmt (sqlite3_stmt *stmt)
{
  TesseraDocumentInfo info = {
    .title = (char *) _tessera_column_text (stmt, 1),
    .author = (char *) _tessera_column_text (stmt, 2),
    .source_url = (char *) _tessera_column_text (stmt, 3),
    .publisher = (char *) _tessera_column_text (stmt, 4),
    .publication_date = (char *) _tessera_column_text (stmt, 5),
    .language = (char *) _tessera_column_text (stmt, 6),
    .licence = (char *) _tessera_column_text (stmt, 7),
    .notes = (char *) _tessera_column_text (stmt, 8),
    .source_path = (char *) _tessera_column_text (stmt, 9),
  };
  TesseraProgress progress = TESSERA_PROGRESS_NOT_STARTED;

  tessera_progress_from_string (_tessera_column_text (stmt, 13), &progress);

  return _tessera_document_new (sqlite3_column_int64 (stmt, 0), &info,
                                _tessera_column_text (stmt, 10),
                                _tessera_column_text (stmt, 11),
                                (guint) sqlite3_column_int64 (stmt, 12),
                                (guint) sqlite3_column_int64 (stmt, 14),
                                progress);
}

/* The document, or %NULL: with @error set if it could not be read, without when there is
 * no such document. */
static TesseraDocument *
load_document (TesseraStore  *self,
               gint64         document_id,
               GError       **error)
{
  sqlite3_stmt *stmt = _tessera_store_prepare (self,
                                               "SELECT " DOCUMENT_COLUMNS " FROM document d"
                                               " WHERE d.id = ?", error);
  TesseraDocument *document = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    document = document_from_stmt (stmt);
  else if (rc != SQLITE_DONE)
    _tessera_store_set_error (self, rc, error);
  sqlite3_reset (stmt);
  return document;
}

static gint64
get_document_id (gpointer document)
{
  return tessera_document_get_id (document);
}

/* Whether two reads of a document say the same of it. */
static gboolean
document_equal (gconstpointer a,
                gconstpointer b)
{
  TesseraDocument *x = (TesseraDocument *) a;
  TesseraDocument *y = (TesseraDocument *) b;
  const char *(*strings[]) (TesseraDocument *) = {
    tessera_document_get_title, tessera_document_get_author,
    tessera_document_get_source_url, tessera_document_get_publisher,
    tessera_document_get_publication_date, tessera_document_get_language,
    tessera_document_get_licence, tessera_document_get_notes,
    tessera_document_get_source_path, tessera_document_get_sha256,
    tessera_document_get_imported,
  };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      if (g_strcmp0 (strings[i] (x), strings[i] (y)) != 0)
        return FALSE;
    }
  return tessera_document_get_id (x) == tessera_document_get_id (y) &&
         tessera_document_get_length (x) == tessera_document_get_length (y) &&
         tessera_document_get_annotation_count (x) == tessera_document_get_annotation_count (y) &&
         tessera_document_get_progress (x) == tessera_document_get_progress (y);
}

gboolean
_tessera_store_reload_documents (TesseraStore  *self,
                                 GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  stmt = _tessera_store_prepare_fresh (self,
                                       "SELECT " DOCUMENT_COLUMNS " FROM document d"
                                       " ORDER BY d.id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (documents, document_from_stmt (stmt));
  if (rc != SQLITE_DONE)
    return _tessera_store_set_error (self, rc, error);

  _tessera_store_list_sync (self->documents, documents, get_document_id, document_equal);
  return TRUE;
}

/* The list is ordered by id. */
static gboolean
find_document_position (TesseraStore *self,
                        gint64        document_id,
                        guint        *out_position)
{
  return _tessera_store_list_find (G_LIST_MODEL (self->documents), document_id, get_document_id,
                                   out_position);
}

#define TEXT_INDEX_STEP 4096

/* A document row changed (added, removed, undone): its text may not be the one cached. */
void
_tessera_store_forget_text (TesseraStore *self,
                            gint64        document_id)
{
  if (document_id != 0 && document_id != self->text_cache_id)
    return;
  self->text_cache_id = 0;
  g_clear_pointer (&self->text_cache, g_free);
  g_clear_pointer (&self->text_cache_index, g_array_unref);
}

/**
 * _tessera_store_dup_slice:
 *
 * Returns: (transfer full) (nullable): @length characters of the document's text from
 *   @start (fewer at the end of the text), or %NULL if there is no such document
 */
char *
_tessera_store_dup_slice (TesseraStore *self,
                          gint64        document_id,
                          guint         start,
                          guint         length)
{
  const char *from, *to;
  guint n_index;

  if (document_id != self->text_cache_id || self->text_cache == NULL)
    {
      g_autofree char *text = tessera_store_dup_document_text (self, document_id, NULL);
      const char *p;
      guint offset = 0;

      if (text == NULL)
        return NULL;
      _tessera_store_forget_text (self, 0);
      self->text_cache_index = g_array_new (FALSE, FALSE, sizeof (gsize));
      for (p = text; *p; p = g_utf8_next_char (p), offset++)
        {
          if (offset % TEXT_INDEX_STEP == 0)
            {
              gsize byte = (gsize) (p - text);
              g_array_append_val (self->text_cache_index, byte);
            }
        }
      self->text_cache = g_steal_pointer (&text);
      self->text_cache_id = document_id;
    }

  n_index = self->text_cache_index->len;
  if (n_index == 0)
    return g_strdup ("");
  from = self->text_cache +
         g_array_index (self->text_cache_index, gsize,
                        MIN (start / TEXT_INDEX_STEP, n_index - 1));
  for (guint i = MIN (start / TEXT_INDEX_STEP, n_index - 1) * TEXT_INDEX_STEP;
       i < start && *from; i++)
    from = g_utf8_next_char (from);
  to = from;
  for (guint i = 0; i < length && *to; i++)
    to = g_utf8_next_char (to);

  return g_strndup (from, (gsize) (to - from));
}

/* A document's annotation count after annotations were added (delta > 0) or removed. */
void
_tessera_store_adjust_document_count (TesseraStore *self,
                                      gint64        document_id,
                                      int           delta)
{
  g_autoptr(TesseraDocument) document = NULL;
  gint64 count;
  guint position;

  if (!find_document_position (self, document_id, &position))
    {
      _tessera_store_refresh_document (self, document_id, TESSERA_CHANGE_MODIFIED);
      return;
    }

  document = g_list_model_get_item (G_LIST_MODEL (self->documents), position);
  count = (gint64) tessera_document_get_annotation_count (document) + delta;
  _tessera_document_set_annotation_count (document, (guint) MAX (count, 0));
}

/* The length of a document in the list, without reading its row. */
gboolean
_tessera_store_peek_document_length (TesseraStore *self,
                                     gint64        document_id,
                                     guint        *out_length)
{
  g_autoptr(TesseraDocument) document = NULL;
  guint position;

  if (!find_document_position (self, document_id, &position))
    return FALSE;
  document = g_list_model_get_item (G_LIST_MODEL (self->documents), position);
  *out_length = tessera_document_get_length (document);
  return TRUE;
}

void
_tessera_store_refresh_document (TesseraStore  *self,
                                 gint64         document_id,
                                 TesseraChange  change)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDocument) document = load_document (self, document_id, &error);

  /* Unreadable is not removed: keep what the list shows. */
  if (error != NULL)
    return;
  _tessera_store_list_put (self->documents, document_id, document, get_document_id);
}

/**
 * tessera_store_get_documents:
 *
 * Returns: (transfer none): the project's documents (#TesseraDocument), in import order,
 *   kept current as the project changes
 */
GListModel *
tessera_store_get_documents (TesseraStore *self)
{
  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->documents);
}

/**
 * tessera_store_dup_document:
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
TesseraDocument *
tessera_store_dup_document (TesseraStore  *self,
                            gint64         document_id,
                            GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  TesseraDocument *document;

  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);

  document = load_document (self, document_id, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (document == NULL)
    g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_FOUND,
                 _("There is no document %" PRId64 " in this project"), document_id);
  return document;
}

/**
 * tessera_store_lookup_document:
 *
 * The document as the document list holds it: no database read, so it costs nothing
 * however long the text. May be a moment behind another program's change until
 * tessera_store_poll_external_changes() runs.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL if the list has none
 */
TesseraDocument *
tessera_store_lookup_document (TesseraStore *self,
                               gint64        document_id)
{
  guint position;

  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);

  if (!find_document_position (self, document_id, &position))
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->documents), position);
}

/**
 * tessera_store_find_document_by_sha256:
 *
 * Returns: (transfer full) (nullable): the document whose text has this checksum
 */
TesseraDocument *
tessera_store_find_document_by_sha256 (TesseraStore *self,
                                       const char   *sha256)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  stmt = _tessera_store_prepare (self, "SELECT id FROM document WHERE sha256 = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return id ? load_document (self, id, NULL) : NULL;
}

/**
 * tessera_store_dup_document_text:
 *
 * Returns: (transfer full): the document's text (NFC), or %NULL with @error set
 */
char *
tessera_store_dup_document_text (TesseraStore  *self,
                                 gint64         document_id,
                                 GError       **error)
{
  sqlite3_stmt *stmt;
  char *text = NULL;
  int rc;

  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);

  stmt = _tessera_store_prepare (self, "SELECT text FROM document WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    text = g_strndup (_tessera_column_text (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
  else if (rc == SQLITE_DONE)
    g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_FOUND,
                 _("There is no document %" PRId64 " in this project"), document_id);
  else
    _tessera_store_set_error (self, rc, error);
  sqlite3_reset (stmt);

  return text;
}

static void
bind_info (sqlite3_stmt              *stmt,
           const TesseraDocumentInfo *info)
{
  sqlite3_bind_text (stmt, 1, info->title ? info->title : "", -1, SQLITE_TRANSIENT);
  _tessera_bind_text_or_null (stmt, 2, info->author);
  _tessera_bind_text_or_null (stmt, 3, info->source_url);
  _tessera_bind_text_or_null (stmt, 4, info->publisher);
  _tessera_bind_text_or_null (stmt, 5, info->publication_date);
  _tessera_bind_text_or_null (stmt, 6, info->language);
  _tessera_bind_text_or_null (stmt, 7, info->licence);
  _tessera_bind_text_or_null (stmt, 8, info->notes);
  _tessera_bind_text_or_null (stmt, 9, info->source_path);
}

/**
 * tessera_store_add_document:
 * @info: the article's bibliographic record
 * @text: the text, valid UTF-8; it is stored in NFC
 * @out_existing: (out) (optional): set to %TRUE when the same text was already in the
 *   project; its id is then returned and nothing is written
 *
 * Returns: the document's id, or 0 with @error set
 */
gint64
tessera_store_add_document (TesseraStore               *self,
                            const TesseraDocumentInfo  *info,
                            const char                 *text,
                            gboolean                   *out_existing,
                            GError                    **error)
{
  g_autofree char *nfc = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *now = NULL;
  g_autoptr(TesseraDocument) existing = NULL;
  TesseraOp *op;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (TESSERA_IS_STORE (self), 0);
  g_return_val_if_fail (info != NULL, 0);
  g_return_val_if_fail (text != NULL, 0);

  if (out_existing != NULL)
    *out_existing = FALSE;

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                   _("The text is not valid UTF-8"));
      return 0;
    }

  nfc = tessera_text_to_nfc (text);
  sha256 = tessera_text_sha256 (nfc);

  existing = tessera_store_find_document_by_sha256 (self, sha256);
  if (existing != NULL)
    {
      if (out_existing != NULL)
        *out_existing = TRUE;
      return tessera_document_get_id (existing);
    }

  op = _tessera_op_begin (self, "document-add", 0, error);
  if (op == NULL)
    return 0;
  _tessera_op_set_permanent (op);

  /* Again inside the transaction: another program may have imported it meanwhile. */
  existing = tessera_store_find_document_by_sha256 (self, sha256);
  if (existing != NULL)
    {
      _tessera_op_abort (op);
      if (out_existing != NULL)
        *out_existing = TRUE;
      return tessera_document_get_id (existing);
    }

  now = _tessera_store_now ();
  stmt = _tessera_store_prepare (self,
                                 "INSERT INTO document"
                                 " (title, author, source_url, publisher, publication_date,"
                                 "  language, licence, notes, source_path,"
                                 "  text, length, sha256, imported, modified)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto failed;
  bind_info (stmt, info);
  sqlite3_bind_text (stmt, 10, nfc, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 11, tessera_text_length (nfc));
  sqlite3_bind_text (stmt, 12, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 13, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 14, now, -1, SQLITE_STATIC);
  if (!_tessera_store_step_done (self, stmt, error))
    goto failed;

  id = sqlite3_last_insert_rowid (self->db);
  _tessera_op_set_document (op, id);
  _tessera_op_set_summary (op, "%s", info->title ? info->title : "");
  _tessera_op_touch_new (op, "document", id);
  if (!_tessera_op_commit (op, error))
    return 0;

  return id;

failed:
  _tessera_op_abort (op);
  return 0;
}

/**
 * tessera_store_update_document_info:
 *
 * Replaces the document's bibliographic record (the text never changes).
 */
gboolean
tessera_store_update_document_info (TesseraStore               *self,
                                    gint64                      document_id,
                                    const TesseraDocumentInfo  *info,
                                    GError                    **error)
{
  g_autofree char *now = _tessera_store_now ();
  TesseraOp *op;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  op = _tessera_op_begin (self, "document-edit", document_id, error);
  if (op == NULL)
    return FALSE;
  if (!_tessera_op_touch (op, "document", document_id, error))
    goto failed;

  stmt = _tessera_store_prepare (self,
                                 "UPDATE document SET title = ?, author = ?, source_url = ?,"
                                 " publisher = ?, publication_date = ?, language = ?,"
                                 " licence = ?, notes = ?, source_path = ?, modified = ?"
                                 " WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  bind_info (stmt, info);
  sqlite3_bind_text (stmt, 10, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 11, document_id);
  if (!_tessera_store_step_found (self, stmt, error,
                                  _("There is no document %" PRId64 " in this project"),
                                  document_id))
    goto failed;

  _tessera_op_set_summary (op, "%s", info->title ? info->title : "");
  return _tessera_op_commit (op, error);

failed:
  _tessera_op_abort (op);
  return FALSE;
}

gboolean
tessera_store_set_document_progress (TesseraStore     *self,
                                     gint64            document_id,
                                     TesseraProgress   progress,
                                     GError          **error)
{
  TesseraOp *op;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);

  op = _tessera_op_begin (self, "document-progress", document_id, error);
  if (op == NULL)
    return FALSE;
  if (!_tessera_op_touch (op, "document", document_id, error))
    goto failed;

  stmt = _tessera_store_prepare (self, "UPDATE document SET progress = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, tessera_progress_to_string (progress), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, document_id);
  if (!_tessera_store_step_found (self, stmt, error,
                                  _("There is no document %" PRId64 " in this project"),
                                  document_id))
    goto failed;

  _tessera_op_set_summary (op, "%s", tessera_progress_to_string (progress));
  return _tessera_op_commit (op, error);

failed:
  _tessera_op_abort (op);
  return FALSE;
}

/**
 * tessera_store_remove_document:
 *
 * Removes a document with all its annotations, in one undoable change.
 */
gboolean
tessera_store_remove_document (TesseraStore  *self,
                               gint64         document_id,
                               GError       **error)
{
  g_autoptr(TesseraDocument) document = NULL;
  TesseraOp *op;

  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);

  document = tessera_store_dup_document (self, document_id, error);
  if (document == NULL)
    return FALSE;

  op = _tessera_op_begin (self, "document-remove", document_id, error);
  if (op == NULL)
    return FALSE;
  if (!_tessera_op_delete (op, "document", document_id, error))
    goto failed;

  _tessera_op_set_summary (op, "%s", tessera_document_get_title (document));
  return _tessera_op_commit (op, error);

failed:
  _tessera_op_abort (op);
  return FALSE;
}
