/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-store"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-store-private.h"

static TesseraAnnotationType *
type_from_stmt (sqlite3_stmt *stmt)
{
  TesseraAnnotationType *type;
  TesseraKind kind = TESSERA_KIND_ENTITY;

  tessera_kind_from_string (_tessera_column_text (stmt, 3), &kind);
  type = tessera_annotation_type_new (_tessera_column_text (stmt, 1),
                                      _tessera_column_text (stmt, 2), kind);
  _tessera_annotation_type_set_id (type, sqlite3_column_int64 (stmt, 0));
  tessera_annotation_type_set_tei (type, _tessera_column_text (stmt, 4),
                                   _tessera_column_text (stmt, 5));
  tessera_annotation_type_set_color (type, _tessera_column_text (stmt, 6));
  tessera_annotation_type_set_shortcut (type, _tessera_column_text (stmt, 7));
  tessera_annotation_type_set_description (type, _tessera_column_text (stmt, 8));
  _tessera_annotation_type_set_position (type, sqlite3_column_int (stmt, 9));

  return type;
}

static gint64
annotation_type_id (gpointer type)
{
  return tessera_annotation_type_get_id (type);
}

gboolean
_tessera_store_reload_tagset (TesseraStore  *self,
                              GError       **error)
{
  g_autoptr(GPtrArray) types = NULL;

  types = _tessera_store_load_types (self,
                                     "SELECT id, key, label, kind, tei_element, tei_type,"
                                     " color, shortcut, description, position"
                                     " FROM annotation_type ORDER BY position, id",
                                     (TesseraTypeFromRow) type_from_stmt, annotation_type_id,
                                     "annotation_type_label",
                                     (TesseraLabelSetter) tessera_annotation_type_set_label_for,
                                     error);
  if (types == NULL)
    return FALSE;

  g_list_store_splice (self->tagset, 0, g_list_model_get_n_items (G_LIST_MODEL (self->tagset)),
                       types->pdata, types->len);
  return _tessera_store_reload_relation_types (self, error);
}

/**
 * _tessera_store_load_types:
 * @sql: a query of the types, in order, whose first column is the id
 * @from_row: makes a type of a row
 * @label_table: "annotation_type_label" or "relation_type_label"
 * @set_label: how a type takes the label of a language
 *
 * Reads the types of the tagset, annotation or relation types, with their labels.
 *
 * Returns: (transfer full) (element-type GObject): the types, or %NULL with @error set
 */
GPtrArray *
_tessera_store_load_types (TesseraStore        *self,
                           const char          *sql,
                           TesseraTypeFromRow   from_row,
                           TesseraIdGetter      get_id,
                           const char          *label_table,
                           TesseraLabelSetter   set_label,
                           GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) labels = NULL;
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                       g_free, NULL);
  g_autofree char *labels_sql = g_strdup_printf ("SELECT type_id, language, label FROM %s",
                                                 label_table);
  int rc;

  stmt = _tessera_store_prepare_fresh (self, sql, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gpointer type = from_row (stmt);
      gint64 id = get_id (type);

      g_ptr_array_add (types, type);
      g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id), type);
    }
  if (rc != SQLITE_DONE)
    {
      _tessera_store_set_error (self, rc, error);
      return NULL;
    }

  labels = _tessera_store_prepare_fresh (self, labels_sql, error);
  if (labels == NULL)
    return NULL;
  while ((rc = sqlite3_step (labels)) == SQLITE_ROW)
    {
      gint64 type_id = sqlite3_column_int64 (labels, 0);
      gpointer type = g_hash_table_lookup (by_id, &type_id);

      if (type != NULL)
        set_label (type, _tessera_column_text (labels, 1), _tessera_column_text (labels, 2));
    }
  if (rc != SQLITE_DONE)
    {
      _tessera_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&types);
}

/**
 * tessera_store_get_tagset:
 *
 * Returns: (transfer none): the project's annotation types (#TesseraAnnotationType) in
 *   palette order, kept current
 */
GListModel *
tessera_store_get_tagset (TesseraStore *self)
{
  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->tagset);
}

/**
 * tessera_store_get_annotation_type:
 *
 * The tagset's own item, for views that read a type for every row they show; to edit a
 * type, take a copy with tessera_store_dup_annotation_type().
 *
 * Returns: (transfer none) (nullable): the type with this id, valid until the tagset
 *   changes (#TesseraStore::tagset-changed); not to be modified
 */
TesseraAnnotationType *
tessera_store_get_annotation_type (TesseraStore *self,
                                   gint64        type_id)
{
  GListModel *model;

  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);

  model = G_LIST_MODEL (self->tagset);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      TesseraAnnotationType *type = g_list_model_get_item (model, i);

      /* The tagset keeps its own reference. */
      g_object_unref (type);
      if (tessera_annotation_type_get_id (type) == type_id)
        return type;
    }
  return NULL;
}

/**
 * tessera_store_dup_annotation_type:
 *
 * Returns: (transfer full) (nullable): a copy of the type with this id
 */
TesseraAnnotationType *
tessera_store_dup_annotation_type (TesseraStore *self,
                                   gint64        type_id)
{
  TesseraAnnotationType *type;

  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);

  type = tessera_store_get_annotation_type (self, type_id);
  return type != NULL ? tessera_annotation_type_copy (type) : NULL;
}

/**
 * tessera_store_find_annotation_type:
 * @key_or_label: a key ("person"), a label in any stored language ("Personne"),
 *   or a shortcut ("1"); case does not matter
 *
 * Returns: (transfer full) (nullable): a copy of the matching type
 */
TesseraAnnotationType *
tessera_store_find_annotation_type (TesseraStore *self,
                                    const char   *key_or_label)
{
  GListModel *model;
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);
  g_return_val_if_fail (key_or_label != NULL, NULL);

  wanted = g_utf8_casefold (key_or_label, -1);
  model = G_LIST_MODEL (self->tagset);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (model, i);
      g_autofree char *key = g_utf8_casefold (tessera_annotation_type_get_key (type), -1);
      g_autofree char *label = g_utf8_casefold (tessera_annotation_type_get_label (type), -1);
      GHashTableIter iter;
      gpointer value;

      if (g_str_equal (key, wanted) || g_str_equal (label, wanted) ||
          g_strcmp0 (tessera_annotation_type_get_shortcut (type), key_or_label) == 0)
        return tessera_annotation_type_copy (type);

      g_hash_table_iter_init (&iter, tessera_annotation_type_get_labels (type));
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          g_autofree char *translated = g_utf8_casefold (value, -1);

          if (g_str_equal (translated, wanted))
            return tessera_annotation_type_copy (type);
        }
    }

  return NULL;
}

static gboolean
validate_type (TesseraAnnotationType  *type,
               GError                **error)
{
  const char *key = tessera_annotation_type_get_key (type);
  const char *color = tessera_annotation_type_get_color (type);

  if (key == NULL || *key == '\0' || !g_utf8_validate (key, -1, NULL))
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                   _("An annotation type needs a key"));
      return FALSE;
    }
  for (const char *p = key; *p; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
        {
          g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                       _("The key “%s” may hold only letters, digits, “-” and “_”"), key);
          return FALSE;
        }
    }
  return _tessera_store_check_color (color, error);
}

/* The rule for a type's colour, annotation or relation type. */
gboolean
_tessera_store_check_color (const char  *color,
                            GError     **error)
{
  if (color == NULL || color[0] != '#' || strlen (color) != 7 ||
      strspn (color + 1, "0123456789abcdefABCDEF") != 6)
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                   _("The colour “%s” is not of the form #rrggbb"), color ? color : "");
      return FALSE;
    }
  return TRUE;
}

/* Binds the columns an added and an edited type share: parameters 1 to 6 are key, label,
 * kind, tei_element, tei_type and color, in that order. */
void
_tessera_store_bind_type (sqlite3_stmt          *stmt,
                          TesseraAnnotationType *type)
{
  sqlite3_bind_text (stmt, 1, tessera_annotation_type_get_key (type), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, tessera_annotation_type_get_label (type), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, tessera_kind_to_string (tessera_annotation_type_get_kind (type)),
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, tessera_annotation_type_get_tei_element (type), -1,
                     SQLITE_TRANSIENT);
  _tessera_bind_text_or_null (stmt, 5, tessera_annotation_type_get_tei_type (type));
  sqlite3_bind_text (stmt, 6, tessera_annotation_type_get_color (type), -1, SQLITE_TRANSIENT);
}

static gboolean
write_type (TesseraStore           *self,
            TesseraOp              *op,
            TesseraAnnotationType  *type,
            gint64                  type_id,
            GError                **error)
{
  sqlite3_stmt *stmt;

  stmt = _tessera_store_prepare (self,
                                 "UPDATE annotation_type SET key = ?, label = ?, kind = ?,"
                                 " tei_element = ?, tei_type = ?, color = ?, shortcut = ?,"
                                 " description = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  _tessera_store_bind_type (stmt, type);
  _tessera_bind_text_or_null (stmt, 7, tessera_annotation_type_get_shortcut (type));
  _tessera_bind_text_or_null (stmt, 8, tessera_annotation_type_get_description (type));
  sqlite3_bind_int64 (stmt, 9, type_id);
  if (!_tessera_store_step_done (self, stmt, error))
    return FALSE;

  return _tessera_store_write_labels (self, op, "annotation_type_label", type_id,
                                     tessera_annotation_type_get_labels (type), error);
}

/**
 * _tessera_store_write_labels:
 * @table: "annotation_type_label" or "relation_type_label"
 * @labels: (element-type utf8 utf8): language → label, what the type's labels become
 *
 * Writes the labels of a type within @op: drops the languages no longer there, upserts the
 * others, recording every row it touches.
 */
gboolean
_tessera_store_write_labels (TesseraStore  *self,
                             TesseraOp     *op,
                             const char    *table,
                             gint64         type_id,
                             GHashTable    *labels,
                             GError       **error)
{
  g_autofree char *select_sql = g_strdup_printf ("SELECT id, language FROM %s"
                                                 " WHERE type_id = ?", table);
  g_autofree char *delete_sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", table);
  g_autofree char *upsert_sql = g_strdup_printf ("INSERT INTO %s (type_id, language, label)"
                                                 " VALUES (?, ?, ?) ON CONFLICT (type_id,"
                                                 " language) DO UPDATE SET"
                                                 " label = excluded.label RETURNING id",
                                                 table);
  g_autoptr(sqlite3_stmt) existing = NULL;
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer language, label;
  int rc;

  existing = _tessera_store_prepare_fresh (self, select_sql, error);
  if (existing == NULL)
    return FALSE;
  sqlite3_bind_int64 (existing, 1, type_id);
  while ((rc = sqlite3_step (existing)) == SQLITE_ROW)
    {
      gint64 label_id = sqlite3_column_int64 (existing, 0);
      const char *lang = _tessera_column_text (existing, 1);

      if (!_tessera_op_touch (op, table, label_id, error))
        return FALSE;
      if (!g_hash_table_contains (labels, lang))
        {
          /* The statement cache keys on the text: intern it so that it outlives this call. */
          if (!_tessera_store_run_for_id (self, g_intern_string (delete_sql), label_id, error))
            return FALSE;
        }
    }
  if (rc != SQLITE_DONE)
    return _tessera_store_set_error (self, rc, error);

  g_hash_table_iter_init (&iter, labels);
  while (g_hash_table_iter_next (&iter, &language, &label))
    {
      gint64 label_id;

      stmt = _tessera_store_prepare (self, g_intern_string (upsert_sql), error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, type_id);
      sqlite3_bind_text (stmt, 2, language, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, label, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          return _tessera_store_set_error (self, rc, error);
        }
      label_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      /* Labels that existed were touched above; this records the new ones. */
      _tessera_op_touch_new (op, table, label_id);
    }

  return TRUE;
}

static gboolean
shortcut_free (TesseraStore           *self,
               TesseraAnnotationType  *type,
               gint64                  type_id,
               GError                **error)
{
  const char *shortcut = tessera_annotation_type_get_shortcut (type);
  sqlite3_stmt *stmt;
  g_autofree char *owner = NULL;

  if (shortcut == NULL)
    return TRUE;

  stmt = _tessera_store_prepare (self,
                                 "SELECT label FROM annotation_type"
                                 " WHERE shortcut = ? AND id != ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, shortcut, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, type_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    owner = g_strdup (_tessera_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (owner != NULL)
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                   _("The shortcut “%s” is already used by “%s”"), shortcut, owner);
      return FALSE;
    }
  return TRUE;
}

/**
 * tessera_store_add_annotation_type:
 * @type: a new type; it goes at the end of the palette
 *
 * Returns: the new type's id, or 0 with @error set
 */
gint64
tessera_store_add_annotation_type (TesseraStore           *self,
                                   TesseraAnnotationType  *type,
                                   GError                **error)
{
  TesseraOp *op;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (TESSERA_IS_STORE (self), 0);
  g_return_val_if_fail (TESSERA_IS_ANNOTATION_TYPE (type), 0);

  if (!validate_type (type, error))
    return 0;

  op = _tessera_op_begin (self, "type-add", 0, error);
  if (op == NULL)
    return 0;
  if (!shortcut_free (self, type, 0, error))
    goto failed;

  stmt = _tessera_store_prepare (self,
                                 "INSERT INTO annotation_type"
                                 " (key, label, kind, tei_element, color, position)"
                                 " VALUES (?, ?, 'entity', 'rs', '#888888',"
                                 "  (SELECT coalesce (max (position) + 1, 0)"
                                 "   FROM annotation_type))", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, tessera_annotation_type_get_key (type), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, tessera_annotation_type_get_label (type), -1, SQLITE_TRANSIENT);
  if (!_tessera_store_step_done (self, stmt, error))
    {
      if (g_error_matches (*error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID))
        {
          g_clear_error (error);
          g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                       _("There is already an annotation type with the key “%s”"),
                       tessera_annotation_type_get_key (type));
        }
      goto failed;
    }
  id = sqlite3_last_insert_rowid (self->db);
  _tessera_op_touch_new (op, "annotation_type", id);
  if (!write_type (self, op, type, id, error))
    goto failed;

  _tessera_op_set_summary (op, "%s", tessera_annotation_type_get_label (type));
  if (!_tessera_op_commit (op, error))
    return 0;
  _tessera_annotation_type_set_id (type, id);
  return id;

failed:
  _tessera_op_abort (op);
  return 0;
}

/**
 * tessera_store_update_annotation_type:
 * @type: a type of the project (from tessera_store_dup_annotation_type()), changed
 *
 * Writes the type's label(s), kind, TEI mapping, colour, shortcut and description.
 */
gboolean
tessera_store_update_annotation_type (TesseraStore           *self,
                                      TesseraAnnotationType  *type,
                                      GError                **error)
{
  g_autoptr(TesseraAnnotationType) stored = NULL;
  gint64 id;
  TesseraOp *op;

  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);
  g_return_val_if_fail (TESSERA_IS_ANNOTATION_TYPE (type), FALSE);

  id = tessera_annotation_type_get_id (type);
  if (!validate_type (type, error))
    return FALSE;

  stored = tessera_store_dup_annotation_type (self, id);
  if (stored == NULL)
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_FOUND,
                   _("There is no annotation type %" PRId64), id);
      return FALSE;
    }
  /* Claims keep their attribution in the claim table: a kind change would orphan it. */
  if (tessera_annotation_type_get_kind (stored) != tessera_annotation_type_get_kind (type))
    {
      sqlite3_stmt *count = _tessera_store_prepare (self,
                                                    "SELECT count(*) FROM annotation"
                                                    " WHERE type_id = ?", error);
      gint64 n = 0;

      if (count == NULL)
        return FALSE;
      sqlite3_bind_int64 (count, 1, id);
      if (sqlite3_step (count) == SQLITE_ROW)
        n = sqlite3_column_int64 (count, 0);
      sqlite3_reset (count);
      if (n > 0)
        {
          g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_IN_USE,
                       _("“%s” is used by %" PRId64 " annotations; "
                         "its kind cannot change"),
                       tessera_annotation_type_get_label (stored), n);
          return FALSE;
        }
    }

  op = _tessera_op_begin (self, "type-edit", 0, error);
  if (op == NULL)
    return FALSE;
  if (!shortcut_free (self, type, id, error) ||
      !_tessera_op_touch (op, "annotation_type", id, error) ||
      !write_type (self, op, type, id, error))
    goto failed;

  _tessera_op_set_summary (op, "%s", tessera_annotation_type_get_label (type));
  return _tessera_op_commit (op, error);

failed:
  _tessera_op_abort (op);
  return FALSE;
}

/**
 * tessera_store_move_annotation_type:
 * @position: the new place in the palette, from 0
 */
gboolean
tessera_store_move_annotation_type (TesseraStore  *self,
                                    gint64         type_id,
                                    int            position,
                                    GError       **error)
{
  g_autofree char *not_found = NULL;

  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);

  not_found = g_strdup_printf (_("There is no annotation type %" PRId64), type_id);
  return _tessera_store_move_type (self, "type-move", "annotation_type", type_id, position,
                                   not_found, error);
}

/**
 * _tessera_store_move_type:
 * @action: the journal's name of the change
 * @table: "annotation_type" or "relation_type"
 * @not_found: the message when there is no type @type_id
 *
 * Moves a type to @position in its list, as one undoable change.
 */
gboolean
_tessera_store_move_type (TesseraStore  *self,
                          const char    *action,
                          const char    *table,
                          gint64         type_id,
                          int            position,
                          const char    *not_found,
                          GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *select_sql = g_strdup_printf ("SELECT id FROM %s ORDER BY position, id",
                                                 table);
  g_autofree char *update_sql = g_strdup_printf ("UPDATE %s SET position = ? WHERE id = ?",
                                                 table);
  TesseraOp *op;
  guint from = G_MAXUINT;
  int rc;

  op = _tessera_op_begin (self, action, 0, error);
  if (op == NULL)
    return FALSE;

  stmt = _tessera_store_prepare_fresh (self, select_sql, error);
  if (stmt == NULL)
    goto failed;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (id == type_id)
        from = ids->len;
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      _tessera_store_set_error (self, rc, error);
      goto failed;
    }
  if (from == G_MAXUINT)
    {
      g_set_error_literal (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_FOUND,
                           not_found);
      goto failed;
    }

  g_array_remove_index (ids, from);
  position = CLAMP (position, 0, (int) ids->len);
  g_array_insert_val (ids, (guint) position, type_id);

  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_stmt *update;
      gint64 id = g_array_index (ids, gint64, i);

      if (!_tessera_op_touch (op, table, id, error))
        goto failed;
      update = _tessera_store_prepare (self, g_intern_string (update_sql), error);
      if (update == NULL)
        goto failed;
      sqlite3_bind_int (update, 1, (int) i);
      sqlite3_bind_int64 (update, 2, id);
      if (!_tessera_store_step_done (self, update, error))
        goto failed;
    }

  return _tessera_op_commit (op, error);

failed:
  _tessera_op_abort (op);
  return FALSE;
}

/**
 * tessera_store_remove_annotation_type:
 * @replacement_id: the type the annotations of this type take, or 0
 *
 * Removes a type. If annotations still use it and no @replacement_id is given, nothing
 * happens and @error (%TESSERA_STORE_ERROR_IN_USE) says how many would be affected.
 */
gboolean
tessera_store_remove_annotation_type (TesseraStore  *self,
                                      gint64         type_id,
                                      gint64         replacement_id,
                                      GError       **error)
{
  g_autoptr(TesseraAnnotationType) type = NULL;
  g_autoptr(sqlite3_stmt) users = NULL;
  g_autoptr(GArray) annotation_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  TesseraOp *op;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);

  type = tessera_store_dup_annotation_type (self, type_id);
  if (type == NULL)
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_FOUND,
                   _("There is no annotation type %" PRId64), type_id);
      return FALSE;
    }
  if (replacement_id == type_id)
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                   _("A type cannot replace itself"));
      return FALSE;
    }

  op = _tessera_op_begin (self, "type-remove", 0, error);
  if (op == NULL)
    return FALSE;

  users = _tessera_store_prepare_fresh (self, "SELECT id FROM annotation WHERE type_id = ?",
                                        error);
  if (users == NULL)
    goto failed;
  sqlite3_bind_int64 (users, 1, type_id);
  if (!_tessera_store_collect_ids (self, users, annotation_ids, error))
    goto failed;

  if (annotation_ids->len > 0)
    {
      g_autoptr(TesseraAnnotationType) replacement = NULL;

      if (replacement_id == 0)
        {
          g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_IN_USE,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "“%s” is used by %u annotation; choose the type it "
                                    "should take before removing “%s”",
                                    "“%s” is used by %u annotations; choose the type they "
                                    "should take before removing “%s”",
                                    annotation_ids->len),
                       tessera_annotation_type_get_label (type), annotation_ids->len,
                       tessera_annotation_type_get_label (type));
          goto failed;
        }
      replacement = tessera_store_dup_annotation_type (self, replacement_id);
      if (replacement == NULL)
        {
          g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_FOUND,
                       _("There is no annotation type %" PRId64), replacement_id);
          goto failed;
        }
      if (tessera_annotation_type_get_kind (replacement) != tessera_annotation_type_get_kind (type))
        {
          g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                       _("“%s” and “%s” are not of the same kind"),
                       tessera_annotation_type_get_label (type),
                       tessera_annotation_type_get_label (replacement));
          goto failed;
        }

      for (guint i = 0; i < annotation_ids->len; i++)
        {
          if (!_tessera_op_touch (op, "annotation", g_array_index (annotation_ids, gint64, i),
                                  error))
            goto failed;
        }
      stmt = _tessera_store_prepare (self, "UPDATE annotation SET type_id = ? WHERE type_id = ?",
                                     error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, replacement_id);
      sqlite3_bind_int64 (stmt, 2, type_id);
      if (!_tessera_store_step_done (self, stmt, error))
        goto failed;
    }

  if (!_tessera_op_delete (op, "annotation_type", type_id, error))
    goto failed;

  _tessera_op_set_summary (op, "%s", tessera_annotation_type_get_label (type));
  return _tessera_op_commit (op, error);

failed:
  _tessera_op_abort (op);
  return FALSE;
}
