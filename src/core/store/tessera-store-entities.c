/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-store"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-store-private.h"

#define ENTITY_COLUMNS \
  "e.id, e.name, e.type_id, e.description," \
  " (SELECT count(*) FROM annotation a WHERE a.entity_id = e.id)"

static gboolean
add_authorities (TesseraStore  *self,
                 GHashTable    *by_id,
                 gint64         only_id,
                 GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _tessera_store_prepare_fresh (self,
                                       "SELECT entity_id, scheme, uri FROM entity_authority"
                                       " WHERE ?1 = 0 OR entity_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, only_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 entity_id = sqlite3_column_int64 (stmt, 0);
      TesseraEntity *entity = g_hash_table_lookup (by_id, &entity_id);

      if (entity != NULL)
        _tessera_entity_add_authority (entity, _tessera_column_text (stmt, 1),
                                       _tessera_column_text (stmt, 2));
    }
  if (rc != SQLITE_DONE)
    return _tessera_store_set_error (self, rc, error);
  return TRUE;
}

static TesseraEntity *
entity_from_stmt (sqlite3_stmt *stmt)
{
  return _tessera_entity_new (sqlite3_column_int64 (stmt, 0),
                              _tessera_column_text (stmt, 1),
                              sqlite3_column_int64 (stmt, 2),
                              _tessera_column_text (stmt, 3),
                              (guint) sqlite3_column_int64 (stmt, 4));
}

static TesseraEntity *
load_entity (TesseraStore *self,
             gint64        entity_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  TesseraEntity *entity = NULL;

  stmt = _tessera_store_prepare_fresh (self, "SELECT " ENTITY_COLUMNS " FROM entity e"
                                             " WHERE e.id = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, entity_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  entity = entity_from_stmt (stmt);

  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_hash_table_insert (by_id, &entity_id, entity);
  add_authorities (self, by_id, entity_id, NULL);

  return entity;
}

gboolean
_tessera_store_reload_entities (TesseraStore  *self,
                                GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  int rc;

  stmt = _tessera_store_prepare_fresh (self, "SELECT " ENTITY_COLUMNS " FROM entity e"
                                             " ORDER BY e.id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TesseraEntity *entity = entity_from_stmt (stmt);
      gint64 *id = g_new (gint64, 1);

      *id = tessera_entity_get_id (entity);
      g_hash_table_insert (by_id, id, entity);
      g_ptr_array_add (entities, entity);
    }
  if (rc != SQLITE_DONE)
    return _tessera_store_set_error (self, rc, error);
  if (!add_authorities (self, by_id, 0, error))
    return FALSE;

  g_list_store_splice (self->entities, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->entities)),
                       entities->pdata, entities->len);
  return TRUE;
}

static gint64
get_entity_id (gpointer entity)
{
  return tessera_entity_get_id (entity);
}

void
_tessera_store_refresh_entity (TesseraStore  *self,
                               gint64         entity_id,
                               TesseraChange  change)
{
  g_autoptr(TesseraEntity) entity = load_entity (self, entity_id);

  _tessera_store_list_put (self->entities, entity_id, entity, get_entity_id);
}

/**
 * tessera_store_get_entities:
 *
 * Returns: (transfer none): the project's entities (#TesseraEntity) with their mention
 *   counts, kept current
 */
GListModel *
tessera_store_get_entities (TesseraStore *self)
{
  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->entities);
}

/**
 * tessera_store_dup_entity:
 *
 * Returns: (transfer full): the entity, or %NULL with @error set
 */
TesseraEntity *
tessera_store_dup_entity (TesseraStore  *self,
                          gint64         entity_id,
                          GError       **error)
{
  TesseraEntity *entity;

  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);

  entity = load_entity (self, entity_id);
  if (entity == NULL)
    g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_FOUND,
                 _("There is no entity %" PRId64 " in this project"), entity_id);
  return entity;
}

/* A canonical name: trimmed, not empty. */
static char *
dup_entity_name (const char  *name,
                 GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name ? name : ""));

  if (*stripped == '\0')
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                   _("An entity needs a name"));
      return NULL;
    }
  return g_steal_pointer (&stripped);
}

/* An authority link: an http(s) address without blanks (g_uri_is_valid lets spaces by). */
static gboolean
check_web_address (const char  *uri,
                   GError     **error)
{
  if (uri != NULL &&
      (g_str_has_prefix (uri, "http://") || g_str_has_prefix (uri, "https://")) &&
      strpbrk (uri, " \t\n\r") == NULL &&
      g_uri_is_valid (uri, G_URI_FLAGS_NONE, NULL))
    return TRUE;

  g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
               _("“%s” is not a web address (http:// or https://)"), uri ? uri : "");
  return FALSE;
}

/* Inserts an entity row inside @op; returns its id, or 0. */
static gint64
insert_entity (TesseraStore  *self,
               TesseraOp     *op,
               const char    *name,
               gint64         type_id,
               const char    *description,
               GError       **error)
{
  g_autofree char *now = _tessera_store_now ();
  sqlite3_stmt *stmt;
  gint64 id;

  stmt = _tessera_store_prepare (self,
                                 "INSERT INTO entity (name, type_id, description, created,"
                                 " modified) VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  _tessera_bind_id_or_null (stmt, 2, type_id);
  _tessera_bind_text_or_null (stmt, 3, description);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  if (!_tessera_store_step_done (self, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (self->db);
  _tessera_op_touch_new (op, "entity", id);
  return id;
}

/**
 * tessera_store_add_entity:
 * @name: the canonical name
 * @type_id: the annotation type of its mentions (e.g. Person), or 0
 *
 * Returns: the entity's id, or 0 with @error set
 */
gint64
tessera_store_add_entity (TesseraStore  *self,
                          const char    *name,
                          gint64         type_id,
                          const char    *description,
                          GError       **error)
{
  g_autofree char *stripped = NULL;
  TesseraOp *op;
  gint64 id;

  g_return_val_if_fail (TESSERA_IS_STORE (self), 0);

  stripped = dup_entity_name (name, error);
  if (stripped == NULL)
    return 0;
  if (type_id != 0)
    {
      g_autoptr(TesseraAnnotationType) type = tessera_store_dup_annotation_type (self, type_id);

      if (type == NULL || !tessera_annotation_type_links_entity (type))
        {
          g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                       _("An entity’s type must be an entity type (person, place…)"));
          return 0;
        }
    }

  op = _tessera_op_begin (self, "entity-add", 0, error);
  if (op == NULL)
    return 0;

  id = insert_entity (self, op, stripped, type_id, description, error);
  if (id == 0)
    goto failed;

  _tessera_op_set_summary (op, "%s", stripped);
  if (!_tessera_op_commit (op, error))
    return 0;
  return id;

failed:
  _tessera_op_abort (op);
  return 0;
}

/**
 * tessera_store_add_entity_for_mention:
 * @annotation_id: a mention (an annotation of an entity type)
 * @name: the entity's canonical name
 * @uri: (nullable): an authority URI for it
 *
 * Creates an entity of the mention's type, with its authority link, and links the mention
 * to it: one change, undone in one step.
 *
 * Returns: the new entity's id, or 0 with @error set
 */
gint64
tessera_store_add_entity_for_mention (TesseraStore  *self,
                                      gint64         annotation_id,
                                      const char    *name,
                                      const char    *uri,
                                      GError       **error)
{
  g_autoptr(TesseraAnnotation) annotation = NULL;
  g_autoptr(TesseraAnnotationType) type = NULL;
  g_autofree char *now = NULL;
  g_autofree char *stripped = NULL;
  TesseraOp *op;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (TESSERA_IS_STORE (self), 0);

  stripped = dup_entity_name (name, error);
  if (stripped == NULL)
    return 0;
  if (uri != NULL && *uri != '\0' && !check_web_address (uri, error))
    return 0;

  annotation = tessera_store_dup_annotation (self, annotation_id, error);
  if (annotation == NULL)
    return 0;
  type = tessera_store_dup_annotation_type (self, tessera_annotation_get_type_id (annotation));
  if (type == NULL || !tessera_annotation_type_links_entity (type))
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                   _("Only mentions (not claims or cues) can be linked to an entity"));
      return 0;
    }

  op = _tessera_op_begin (self, "entity-add-for-mention",
                          tessera_annotation_get_document_id (annotation), error);
  if (op == NULL)
    return 0;

  now = _tessera_store_now ();
  id = insert_entity (self, op, stripped, tessera_annotation_get_type_id (annotation), NULL,
                      error);
  if (id == 0)
    goto failed;

  if (uri != NULL && *uri != '\0')
    {
      stmt = _tessera_store_prepare (self,
                                     "INSERT INTO entity_authority (entity_id, scheme, uri)"
                                     " VALUES (?, ?, ?)", error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, tessera_authority_guess_scheme (uri), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, uri, -1, SQLITE_TRANSIENT);
      if (!_tessera_store_step_done (self, stmt, error))
        goto failed;
      _tessera_op_touch_new (op, "entity_authority", sqlite3_last_insert_rowid (self->db));
    }

  if (!_tessera_op_touch (op, "annotation", annotation_id, error))
    goto failed;
  stmt = _tessera_store_prepare (self,
                                 "UPDATE annotation SET entity_id = ?, modified = ? WHERE id = ?",
                                 error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, annotation_id);
  if (!_tessera_store_step_done (self, stmt, error))
    goto failed;

  _tessera_op_set_summary (op, "%s", stripped);
  if (!_tessera_op_commit (op, error))
    return 0;
  return id;

failed:
  _tessera_op_abort (op);
  return 0;
}

gboolean
tessera_store_update_entity (TesseraStore  *self,
                             gint64         entity_id,
                             const char    *name,
                             const char    *description,
                             GError       **error)
{
  g_autofree char *now = _tessera_store_now ();
  g_autofree char *stripped = NULL;
  TesseraOp *op;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);

  stripped = dup_entity_name (name, error);
  if (stripped == NULL)
    return FALSE;

  op = _tessera_op_begin (self, "entity-edit", 0, error);
  if (op == NULL)
    return FALSE;
  if (!_tessera_op_touch (op, "entity", entity_id, error))
    goto failed;
  stmt = _tessera_store_prepare (self,
                                 "UPDATE entity SET name = ?, description = ?, modified = ?"
                                 " WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, stripped, -1, SQLITE_TRANSIENT);
  _tessera_bind_text_or_null (stmt, 2, description);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, entity_id);
  if (!_tessera_store_step_found (self, stmt, error,
                                  _("There is no entity %" PRId64 " in this project"),
                                  entity_id))
    goto failed;

  _tessera_op_set_summary (op, "%s", stripped);
  return _tessera_op_commit (op, error);

failed:
  _tessera_op_abort (op);
  return FALSE;
}

/**
 * tessera_store_add_entity_authority:
 * @scheme: (nullable): "wikidata", "geonames", "viaf", "idref" or "uri"; guessed from the
 *   URI when %NULL
 * @uri: an http(s) URI of the authority record
 */
gboolean
tessera_store_add_entity_authority (TesseraStore  *self,
                                    gint64         entity_id,
                                    const char    *scheme,
                                    const char    *uri,
                                    GError       **error)
{
  g_autoptr(TesseraEntity) entity = NULL;
  TesseraOp *op;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);

  if (!check_web_address (uri, error))
    return FALSE;
  if (scheme == NULL)
    scheme = tessera_authority_guess_scheme (uri);

  entity = tessera_store_dup_entity (self, entity_id, error);
  if (entity == NULL)
    return FALSE;

  op = _tessera_op_begin (self, "entity-authority-add", 0, error);
  if (op == NULL)
    return FALSE;
  stmt = _tessera_store_prepare (self,
                                 "INSERT INTO entity_authority (entity_id, scheme, uri)"
                                 " VALUES (?, ?, ?) ON CONFLICT (entity_id, uri) DO NOTHING",
                                 error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, entity_id);
  sqlite3_bind_text (stmt, 2, scheme, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, uri, -1, SQLITE_TRANSIENT);
  if (!_tessera_store_step_done (self, stmt, error))
    goto failed;
  if (sqlite3_changes (self->db) > 0)
    _tessera_op_touch_new (op, "entity_authority", sqlite3_last_insert_rowid (self->db));

  _tessera_op_set_summary (op, "%s: %s", tessera_entity_get_name (entity), uri);
  return _tessera_op_commit (op, error);

failed:
  _tessera_op_abort (op);
  return FALSE;
}

gboolean
tessera_store_remove_entity_authority (TesseraStore  *self,
                                       gint64         entity_id,
                                       const char    *uri,
                                       GError       **error)
{
  TesseraOp *op;
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  op = _tessera_op_begin (self, "entity-authority-remove", 0, error);
  if (op == NULL)
    return FALSE;
  stmt = _tessera_store_prepare (self,
                                 "SELECT id FROM entity_authority WHERE entity_id = ? AND uri = ?",
                                 error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, entity_id);
  sqlite3_bind_text (stmt, 2, uri, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (id == 0)
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_FOUND,
                   _("Entity %" PRId64 " has no authority link “%s”"), entity_id, uri);
      goto failed;
    }
  if (!_tessera_op_touch (op, "entity_authority", id, error))
    goto failed;
  if (!_tessera_store_run_for_id (self, "DELETE FROM entity_authority WHERE id = ?", id, error))
    goto failed;

  _tessera_op_set_summary (op, "%s", uri);
  return _tessera_op_commit (op, error);

failed:
  _tessera_op_abort (op);
  return FALSE;
}

/**
 * tessera_store_remove_entity:
 *
 * Removes an entity; its mentions stay, unlinked. Undo relinks them.
 */
gboolean
tessera_store_remove_entity (TesseraStore  *self,
                             gint64         entity_id,
                             GError       **error)
{
  g_autoptr(TesseraEntity) entity = NULL;
  TesseraOp *op;

  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);

  entity = tessera_store_dup_entity (self, entity_id, error);
  if (entity == NULL)
    return FALSE;

  op = _tessera_op_begin (self, "entity-remove", 0, error);
  if (op == NULL)
    return FALSE;
  if (!_tessera_op_delete (op, "entity", entity_id, error))
    goto failed;

  _tessera_op_set_summary (op, "%s", tessera_entity_get_name (entity));
  return _tessera_op_commit (op, error);

failed:
  _tessera_op_abort (op);
  return FALSE;
}

/**
 * tessera_store_dup_entity_mentions:
 *
 * Returns: (transfer full) (element-type gint64): ids of the annotations that mention the
 *   entity, in document and reading order
 */
GArray *
tessera_store_dup_entity_mentions (TesseraStore  *self,
                                   gint64         entity_id,
                                   GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);

  stmt = _tessera_store_prepare_fresh (self,
                                       "SELECT a.id FROM annotation a"
                                       " WHERE a.entity_id = ?"
                                       " ORDER BY a.document_id,"
                                       " (SELECT min (start_offset) FROM annotation_range r"
                                       "  WHERE r.annotation_id = a.id), a.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, entity_id);
  if (!_tessera_store_collect_ids (self, stmt, ids, error))
    return NULL;
  return g_steal_pointer (&ids);
}
