/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-store"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "tessera-store-private.h"

/*
 * Relation types: the second half of the tagset. Relations name their type by key
 * (relation.type); a change of a type's key renames its relations with it, and a type in
 * use is removed only by giving its relations another one, as annotation types are.
 */

static TesseraRelationType *
relation_type_from_stmt (sqlite3_stmt *stmt)
{
  TesseraRelationType *type = tessera_relation_type_new (_tessera_column_text (stmt, 1),
                                                         _tessera_column_text (stmt, 2));

  _tessera_relation_type_set_id (type, sqlite3_column_int64 (stmt, 0));
  tessera_relation_type_set_tei_name (type, _tessera_column_text (stmt, 3));
  tessera_relation_type_set_color (type, _tessera_column_text (stmt, 4));
  tessera_relation_type_set_description (type, _tessera_column_text (stmt, 5));
  tessera_relation_type_set_symmetric (type, sqlite3_column_int (stmt, 6));
  _tessera_relation_type_set_position (type, sqlite3_column_int (stmt, 7));
  tessera_relation_type_set_crosses_documents (type, sqlite3_column_int (stmt, 8));
  return type;
}

static gint64
relation_type_id (gpointer type)
{
  return tessera_relation_type_get_id (type);
}

gboolean
_tessera_store_reload_relation_types (TesseraStore  *self,
                                      GError       **error)
{
  GPtrArray *types;

  types = _tessera_store_load_types (self,
                                     "SELECT id, key, label, tei_name, color, description,"
                                     " symmetric, position, crosses_documents"
                                     " FROM relation_type ORDER BY position, id",
                                     (TesseraTypeFromRow) relation_type_from_stmt,
                                     relation_type_id, "relation_type_label",
                                     (TesseraLabelSetter) tessera_relation_type_set_label_for,
                                     error);
  if (types == NULL)
    return FALSE;
  g_ptr_array_unref (self->relation_types);
  self->relation_types = types;
  return TRUE;
}

/**
 * tessera_store_dup_relation_types:
 *
 * Returns: (transfer full) (element-type TesseraRelationType): the project's relation
 *   types in tagset order; #TesseraStore::tagset-changed says when they change
 */
GPtrArray *
tessera_store_dup_relation_types (TesseraStore  *self,
                                  GError       **error)
{
  GPtrArray *types;

  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);

  types = g_ptr_array_new_full (self->relation_types->len, g_object_unref);
  for (guint i = 0; i < self->relation_types->len; i++)
    g_ptr_array_add (types, g_object_ref (g_ptr_array_index (self->relation_types, i)));
  return types;
}

/* The type of key @key, or else of id @type_id, from the tagset's list. */
static TesseraRelationType *
find_cached (TesseraStore *self,
             const char   *key,
             gint64        type_id)
{
  for (guint i = 0; i < self->relation_types->len; i++)
    {
      TesseraRelationType *type = g_ptr_array_index (self->relation_types, i);

      if (key != NULL ? g_str_equal (tessera_relation_type_get_key (type), key)
                      : tessera_relation_type_get_id (type) == type_id)
        return g_object_ref (type);
    }
  return NULL;
}

/**
 * tessera_store_lookup_relation_type:
 * @key: a relation type's key, as relations store it ("supports")
 *
 * The type as the tagset holds it: no database read. Do not change it; edit a
 * tessera_relation_type_copy().
 *
 * Returns: (transfer full) (nullable): the type, or %NULL if the tagset has none of that key
 */
TesseraRelationType *
tessera_store_lookup_relation_type (TesseraStore *self,
                                    const char   *key)
{
  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);
  return find_cached (self, key, 0);
}


static gboolean
casefold_equal (const char *a,
                const char *wanted)
{
  g_autofree char *folded = a != NULL ? g_utf8_casefold (a, -1) : NULL;

  return folded != NULL && g_str_equal (folded, wanted);
}

/**
 * tessera_store_find_relation_type:
 * @name: a key ("supports"), a TEI name, or a label in any stored language ("Soutient");
 *   case does not matter
 *
 * Returns: (transfer full) (nullable): the matching type, the one with that key first
 */
TesseraRelationType *
tessera_store_find_relation_type (TesseraStore *self,
                                  const char   *name)
{
  g_autofree char *wanted = NULL;
  TesseraRelationType *type;

  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if ((type = tessera_store_lookup_relation_type (self, name)) != NULL)
    return type;

  wanted = g_utf8_casefold (name, -1);
  for (guint i = 0; i < self->relation_types->len; i++)
    {
      GHashTableIter iter;
      gpointer label;

      type = g_ptr_array_index (self->relation_types, i);
      if (casefold_equal (tessera_relation_type_get_key (type), wanted) ||
          casefold_equal (tessera_relation_type_get_tei_name (type), wanted) ||
          casefold_equal (tessera_relation_type_get_own_label (type), wanted))
        return g_object_ref (type);
      g_hash_table_iter_init (&iter, tessera_relation_type_get_labels (type));
      while (g_hash_table_iter_next (&iter, NULL, &label))
        {
          if (casefold_equal (label, wanted))
            return g_object_ref (type);
        }
    }
  return NULL;
}

static gboolean
validate_relation_type (TesseraRelationType  *type,
                        GError              **error)
{
  const char *key = tessera_relation_type_get_key (type);
  const char *tei_name = tessera_relation_type_get_tei_name (type);
  g_autofree char *stripped = g_strstrip (g_strdup (key));

  if (*stripped == '\0' || !g_str_equal (stripped, key))
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                   _("A relation type needs a key, without spaces around it"));
      return FALSE;
    }
  if (*tessera_relation_type_get_own_label (type) == '\0')
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                   _("The relation type “%s” needs a label"), key);
      return FALSE;
    }
  if (tei_name == NULL || *tei_name == '\0')
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                   _("The relation type “%s” needs a TEI name"), key);
      return FALSE;
    }
  return _tessera_store_check_color (tessera_relation_type_get_color (type), error);
}

/* A type whose relations join documents keeps crossing them while any does. */
static gboolean
check_still_within (TesseraStore         *self,
                    TesseraRelationType  *stored,
                    TesseraRelationType  *type,
                    GError              **error)
{
  g_autoptr(GPtrArray) crossing = NULL;
  guint n = 0;

  if (tessera_relation_type_get_crosses_documents (type) ||
      !tessera_relation_type_get_crosses_documents (stored))
    return TRUE;
  crossing = tessera_store_dup_cross_document_relations (self, 0, error);
  if (crossing == NULL)
    return FALSE;
  for (guint i = 0; i < crossing->len; i++)
    {
      TesseraRelation *relation = g_ptr_array_index (crossing, i);

      if (g_str_equal (relation->type, tessera_relation_type_get_key (stored)))
        n++;
    }
  if (n == 0)
    return TRUE;
  g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
               g_dngettext (GETTEXT_PACKAGE,
                            "%u “%s” relation joins two documents: remove it first",
                            "%u “%s” relations join two documents: remove them first", n),
               n, tessera_relation_type_get_label (stored));
  return FALSE;
}

/* Whether @key is free for the type @type_id (0 for a new one). */
static gboolean
key_free (TesseraStore  *self,
          const char    *key,
          gint64         type_id,
          GError       **error)
{
  g_autoptr(TesseraRelationType) owner = tessera_store_lookup_relation_type (self, key);

  if (owner != NULL && tessera_relation_type_get_id (owner) != type_id)
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                   _("There is already a relation type with the key “%s”"), key);
      return FALSE;
    }
  return TRUE;
}

/* Writes every column of the stored type @type_id but its position, and its labels. */
static gboolean
write_relation_type (TesseraStore         *self,
                     TesseraOp            *op,
                     TesseraRelationType  *type,
                     gint64                type_id,
                     GError              **error)
{
  sqlite3_stmt *stmt;

  stmt = _tessera_store_prepare (self,
                                 "UPDATE relation_type SET key = ?, label = ?, tei_name = ?,"
                                 " color = ?, description = ?, symmetric = ?,"
                                 " crosses_documents = ? WHERE id = ?",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, tessera_relation_type_get_key (type), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, tessera_relation_type_get_own_label (type), -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, tessera_relation_type_get_tei_name (type), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, tessera_relation_type_get_color (type), -1, SQLITE_TRANSIENT);
  _tessera_bind_text_or_null (stmt, 5, tessera_relation_type_get_description (type));
  sqlite3_bind_int (stmt, 6, tessera_relation_type_get_symmetric (type));
  sqlite3_bind_int (stmt, 7, tessera_relation_type_get_crosses_documents (type));
  sqlite3_bind_int64 (stmt, 8, type_id);
  if (!_tessera_store_step_done (self, stmt, error))
    return FALSE;

  return _tessera_store_write_labels (self, op, "relation_type_label", type_id,
                                      tessera_relation_type_get_labels (type), error);
}

/* Inserts a type at the end of the list, within @op; its id, or 0 with @error set. */
gint64
_tessera_store_insert_relation_type (TesseraStore         *self,
                      TesseraOp            *op,
                      TesseraRelationType  *type,
                      GError              **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  stmt = _tessera_store_prepare (self,
                                 "INSERT INTO relation_type"
                                 " (key, label, tei_name, color, position)"
                                 " VALUES (?1, ?1, ?1, '#77767b',"
                                 "  (SELECT coalesce (max (position) + 1, 0)"
                                 "   FROM relation_type))", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, tessera_relation_type_get_key (type), -1, SQLITE_TRANSIENT);
  if (!_tessera_store_step_done (self, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (self->db);
  _tessera_op_touch_new (op, "relation_type", id);
  if (!write_relation_type (self, op, type, id, error))
    return 0;
  return id;
}

/* Ends a change of the tagset's relation types, which the journal names by @type: commits
 * it if @done, else (@error set) leaves everything as it was. */
static gboolean
finish_type_change (TesseraOp            *op,
                    TesseraRelationType  *type,
                    gboolean              done,
                    GError              **error)
{
  if (!done)
    {
      _tessera_op_abort (op);
      return FALSE;
    }
  _tessera_op_set_summary (op, "%s", tessera_relation_type_get_own_label (type));
  return _tessera_op_commit (op, error);
}

/**
 * tessera_store_add_relation_type:
 * @type: a new type (tessera_relation_type_new()); it goes at the end of the list
 *
 * Adds a relation type to the tagset, as one undoable change.
 *
 * Returns: the new type's id, or 0 with @error set
 */
gint64
tessera_store_add_relation_type (TesseraStore         *self,
                                 TesseraRelationType  *type,
                                 GError              **error)
{
  TesseraOp *op;
  gint64 id;

  g_return_val_if_fail (TESSERA_IS_STORE (self), 0);
  g_return_val_if_fail (TESSERA_IS_RELATION_TYPE (type), 0);

  if (!validate_relation_type (type, error) ||
      !key_free (self, tessera_relation_type_get_key (type), 0, error))
    return 0;

  op = _tessera_op_begin (self, "relation-type-add", 0, error);
  if (op == NULL)
    return 0;
  id = _tessera_store_insert_relation_type (self, op, type, error);
  if (!finish_type_change (op, type, id != 0, error))
    return 0;
  _tessera_relation_type_set_id (type, id);
  return id;
}

/* Gives the relations of type @from the type @to, recording each. */
static gboolean
retype_relations (TesseraStore  *self,
                  TesseraOp     *op,
                  const char    *from,
                  const char    *to,
                  guint         *out_count,
                  GError       **error)
{
  g_autoptr(sqlite3_stmt) users = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  users = _tessera_store_prepare_fresh (self, "SELECT id FROM relation WHERE type = ?", error);
  if (users == NULL)
    return FALSE;
  sqlite3_bind_text (users, 1, from, -1, SQLITE_TRANSIENT);
  if (!_tessera_store_collect_ids (self, users, ids, error))
    return FALSE;
  if (out_count != NULL)
    *out_count = ids->len;
  if (to == NULL || ids->len == 0)
    return TRUE;

  for (guint i = 0; i < ids->len; i++)
    {
      if (!_tessera_op_touch (op, "relation", g_array_index (ids, gint64, i), error))
        return FALSE;
    }
  stmt = _tessera_store_prepare (self, "UPDATE relation SET type = ? WHERE type = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, to, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, from, -1, SQLITE_TRANSIENT);
  return _tessera_store_step_done (self, stmt, error);
}

static TesseraRelationType *
dup_stored_type (TesseraStore  *self,
                 gint64         type_id,
                 GError       **error)
{
  TesseraRelationType *stored = find_cached (self, NULL, type_id);

  if (stored == NULL)
    g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_FOUND,
                 _("There is no relation type %" PRId64), type_id);
  return stored;
}

/**
 * tessera_store_update_relation_type:
 * @type: a type of the project (a tessera_relation_type_copy() of one), changed
 *
 * Writes the type's key, labels, TEI name, colour, description and symmetry, as one
 * undoable change. A new key renames the relations of the type with it.
 */
gboolean
tessera_store_update_relation_type (TesseraStore         *self,
                                    TesseraRelationType  *type,
                                    GError              **error)
{
  g_autoptr(TesseraRelationType) stored = NULL;
  gint64 id;
  TesseraOp *op;

  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);
  g_return_val_if_fail (TESSERA_IS_RELATION_TYPE (type), FALSE);

  id = tessera_relation_type_get_id (type);
  stored = dup_stored_type (self, id, error);
  if (stored == NULL ||
      !validate_relation_type (type, error) ||
      !key_free (self, tessera_relation_type_get_key (type), id, error) ||
      !check_still_within (self, stored, type, error))
    return FALSE;

  op = _tessera_op_begin (self, "relation-type-edit", 0, error);
  if (op == NULL)
    return FALSE;
  return finish_type_change (op, type,
                             _tessera_op_touch (op, "relation_type", id, error) &&
                             write_relation_type (self, op, type, id, error) &&
                             retype_relations (self, op, tessera_relation_type_get_key (stored),
                                               tessera_relation_type_get_key (type), NULL,
                                               error),
                             error);
}

/**
 * tessera_store_move_relation_type:
 * @position: the new place in the list of relation types, from 0
 */
gboolean
tessera_store_move_relation_type (TesseraStore  *self,
                                  gint64         type_id,
                                  int            position,
                                  GError       **error)
{
  g_autofree char *not_found = NULL;

  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);

  not_found = g_strdup_printf (_("There is no relation type %" PRId64), type_id);
  return _tessera_store_move_type (self, "relation-type-move", "relation_type", type_id,
                                   position, not_found, error);
}

/**
 * tessera_store_remove_relation_type:
 * @replacement_id: the type the relations of this type take, or 0
 *
 * Removes a relation type, as one undoable change. If relations still use it and no
 * @replacement_id is given, nothing happens and @error (%TESSERA_STORE_ERROR_IN_USE) says
 * how many would be affected.
 */
gboolean
tessera_store_remove_relation_type (TesseraStore  *self,
                                    gint64         type_id,
                                    gint64         replacement_id,
                                    GError       **error)
{
  g_autoptr(TesseraRelationType) type = NULL;
  g_autoptr(TesseraRelationType) replacement = NULL;
  const char *label;
  TesseraOp *op;
  guint n_users = 0;
  gboolean done;

  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);

  type = dup_stored_type (self, type_id, error);
  if (type == NULL)
    return FALSE;
  label = tessera_relation_type_get_label (type);
  if (replacement_id == type_id)
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                   _("A type cannot replace itself"));
      return FALSE;
    }
  if (replacement_id != 0)
    {
      replacement = dup_stored_type (self, replacement_id, error);
      if (replacement == NULL)
        return FALSE;
    }

  op = _tessera_op_begin (self, "relation-type-remove", 0, error);
  if (op == NULL)
    return FALSE;
  done = retype_relations (self, op, tessera_relation_type_get_key (type),
                           replacement ? tessera_relation_type_get_key (replacement) : NULL,
                           &n_users, error);
  if (done && n_users > 0 && replacement == NULL)
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_IN_USE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "“%s” is used by %u relation; choose the type it should take "
                                "before removing “%s”",
                                "“%s” is used by %u relations; choose the type they should "
                                "take before removing “%s”",
                                n_users),
                   label, n_users, label);
      done = FALSE;
    }
  done = done && _tessera_op_delete (op, "relation_type", type_id, error);
  return finish_type_change (op, type, done, error);
}

/**
 * _tessera_store_ensure_relation_type:
 * @op: the change in progress
 * @key: a relation type's key
 *
 * Adds a type of key @key (labelled and named in TEI by it) when the tagset lacks one:
 * imports bring the types of their relations along.
 */
gboolean
_tessera_store_ensure_relation_type (TesseraStore  *self,
                                     TesseraOp     *op,
                                     const char    *key,
                                     GError       **error)
{
  g_autoptr(TesseraRelationType) known = tessera_store_lookup_relation_type (self, key);
  g_autoptr(TesseraRelationType) type = NULL;
  sqlite3_stmt *stmt;

  if (known != NULL)
    return TRUE;
  /* Added by an earlier document of the same import, not reloaded yet. */
  stmt = _tessera_store_prepare (self, "SELECT id FROM relation_type WHERE key = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }
  sqlite3_reset (stmt);

  type = tessera_relation_type_new (key, key);
  return _tessera_store_insert_relation_type (self, op, type, error) != 0;
}
