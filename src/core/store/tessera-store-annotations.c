/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-store"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "tessera-annotation-list.h"
#include "tessera-store-private.h"
#include "tessera-text.h"
#include "tessera-vocabulary.h"

#define ANNOTATION_COLUMNS \
  "a.id, a.document_id, a.type_id, a.entity_id, an.name, a.certainty, a.status, a.note," \
  " a.normalized, a.created, a.modified, r.start_offset, r.end_offset"

#define ANNOTATION_FROM \
  " FROM annotation a JOIN annotation_range r ON r.annotation_id = a.id" \
  " LEFT JOIN annotator an ON an.id = a.annotator_id"

#define SUMMARY_MAX_CHARS 80

static TesseraAnnotation *
annotation_from_stmt (sqlite3_stmt *stmt)
{
  TesseraCertainty certainty = TESSERA_CERTAINTY_UNKNOWN;
  TesseraStatus status = TESSERA_STATUS_ACCEPTED;

  tessera_certainty_from_string (_tessera_column_text (stmt, 5), &certainty);
  tessera_status_from_string (_tessera_column_text (stmt, 6), &status);

  return _tessera_annotation_new (sqlite3_column_int64 (stmt, 0),
                                  sqlite3_column_int64 (stmt, 1),
                                  sqlite3_column_int64 (stmt, 2),
                                  sqlite3_column_int64 (stmt, 3),
                                  _tessera_column_text (stmt, 4),
                                  certainty, status,
                                  _tessera_column_text (stmt, 7),
                                  _tessera_column_text (stmt, 8),
                                  _tessera_column_text (stmt, 9),
                                  _tessera_column_text (stmt, 10));
}

/* Rows come ordered by annotation, then range: one object per run of rows. */
static GPtrArray *
annotations_from_stmt (TesseraStore  *self,
                       sqlite3_stmt  *stmt,
                       GError       **error)
{
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  TesseraAnnotation *current = NULL;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (current == NULL || tessera_annotation_get_id (current) != id)
        {
          current = annotation_from_stmt (stmt);
          g_ptr_array_add (annotations, current);
        }
      _tessera_annotation_add_range (current,
                                     (guint) sqlite3_column_int64 (stmt, 11),
                                     (guint) sqlite3_column_int64 (stmt, 12));
    }
  if (rc != SQLITE_DONE)
    {
      _tessera_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&annotations);
}

TesseraAnnotation *
_tessera_store_load_annotation (TesseraStore *self,
                                gint64        annotation_id)
{
  g_autoptr(GPtrArray) annotations = NULL;
  sqlite3_stmt *stmt;

  /* Cached: every change reloads its annotation, for each view that shows it. Reading the
   * rows calls nothing that could use the same statement. */
  stmt = _tessera_store_prepare (self,
                                 "SELECT " ANNOTATION_COLUMNS ANNOTATION_FROM
                                 " WHERE a.id = ? ORDER BY r.start_offset", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, annotation_id);
  annotations = annotations_from_stmt (self, stmt, NULL);
  sqlite3_reset (stmt);
  if (annotations == NULL || annotations->len == 0)
    return NULL;
  return g_object_ref (g_ptr_array_index (annotations, 0));
}

static int
compare_annotation_pointers (gconstpointer a,
                             gconstpointer b)
{
  return tessera_annotation_compare (*(TesseraAnnotation **) a, *(TesseraAnnotation **) b);
}

/**
 * tessera_store_dup_annotations:
 *
 * Returns: (transfer full) (element-type TesseraAnnotation): the document's annotations,
 *   in reading order (see tessera_annotation_compare())
 */
GPtrArray *
tessera_store_dup_annotations (TesseraStore  *self,
                               gint64         document_id,
                               GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *annotations;

  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);

  /* Grouped by annotation in the order of the index on (document_id, type_id): SQLite
   * reads the rows in that order and sorts none of them, which "ORDER BY a.id" made it do
   * for every range of a novel. Reading order is ours to make. */
  stmt = _tessera_store_prepare_fresh (self,
                                       "SELECT " ANNOTATION_COLUMNS ANNOTATION_FROM
                                       " WHERE a.document_id = ?"
                                       " ORDER BY a.type_id, a.id, r.start_offset", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);

  annotations = annotations_from_stmt (self, stmt, error);
  if (annotations != NULL)
    g_ptr_array_sort (annotations, compare_annotation_pointers);
  return annotations;
}

/**
 * tessera_store_list_annotations:
 *
 * Returns: (transfer full): a list model of the document's annotations in reading order,
 *   kept current as they change
 */
GListModel *
tessera_store_list_annotations (TesseraStore  *self,
                                gint64         document_id,
                                GError       **error)
{
  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);

  return G_LIST_MODEL (tessera_annotation_list_new (self, document_id, error));
}

/**
 * tessera_store_dup_annotation:
 *
 * Returns: (transfer full): the annotation, or %NULL with @error set
 */
TesseraAnnotation *
tessera_store_dup_annotation (TesseraStore  *self,
                              gint64         annotation_id,
                              GError       **error)
{
  TesseraAnnotation *annotation;

  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);

  annotation = _tessera_store_load_annotation (self, annotation_id);
  if (annotation == NULL)
    g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_FOUND,
                 _("There is no annotation %" PRId64 " in this project"), annotation_id);
  return annotation;
}

/* Validation ------------------------------------------------------------------------------ */

static gboolean
document_length (TesseraStore  *self,
                 gint64         document_id,
                 guint         *out_length,
                 GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* Texts never change: the length in the document list is the stored one. */
  if (_tessera_store_peek_document_length (self, document_id, out_length))
    return TRUE;

  stmt = _tessera_store_prepare (self, "SELECT length FROM document WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_length = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_FOUND,
                   _("There is no document %" PRId64 " in this project"), document_id);
      return FALSE;
    }
  return _tessera_store_set_error (self, rc, error);
}

/* Sorts the ranges and checks them against the text: non-empty, inside, disjoint. */
static GArray *
normalize_ranges (const TesseraRange  *ranges,
                  guint                n_ranges,
                  guint                length,
                  GError             **error)
{
  g_autoptr(GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (TesseraRange), n_ranges);

  if (n_ranges == 0)
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                   _("An annotation needs at least one range of text"));
      return NULL;
    }

  g_array_append_vals (sorted, ranges, n_ranges);
  g_array_sort (sorted, (GCompareFunc) tessera_range_compare);

  for (guint i = 0; i < sorted->len; i++)
    {
      const TesseraRange *range = &g_array_index (sorted, TesseraRange, i);

      if (range->end <= range->start)
        {
          g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                       _("The range %u–%u is empty"), range->start, range->end);
          return NULL;
        }
      if (range->end > length)
        {
          g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                       _("The range %u–%u goes past the end of the text (%u characters)"),
                       range->start, range->end, length);
          return NULL;
        }
      if (i > 0 && g_array_index (sorted, TesseraRange, i - 1).end > range->start)
        {
          g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                       _("The ranges of one annotation must not overlap (%u–%u)"),
                       range->start, range->end);
          return NULL;
        }
    }

  return g_steal_pointer (&sorted);
}

static gboolean
ranges_equal (TesseraAnnotation *annotation,
              GArray            *ranges)
{
  guint n;
  const TesseraRange *have = tessera_annotation_get_ranges (annotation, &n);

  if (n != ranges->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      const TesseraRange *want = &g_array_index (ranges, TesseraRange, i);

      if (have[i].start != want->start || have[i].end != want->end)
        return FALSE;
    }
  return TRUE;
}

/* An annotation of this type over exactly these ranges, or 0. */
static gint64
find_same_annotation (TesseraStore *self,
                      gint64        document_id,
                      gint64        type_id,
                      GArray       *ranges)
{
  const TesseraRange *first = &g_array_index (ranges, TesseraRange, 0);
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  /* Cached (every mark asks): the ids are read to the end before any other call. */
  stmt = _tessera_store_prepare (self,
                                 "SELECT a.id FROM annotation_range r"
                                 " JOIN annotation a ON a.id = r.annotation_id"
                                 " WHERE r.start_offset = ? AND r.end_offset = ?"
                                 " AND a.document_id = ? AND a.type_id = ?", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, first->start);
  sqlite3_bind_int64 (stmt, 2, first->end);
  sqlite3_bind_int64 (stmt, 3, document_id);
  sqlite3_bind_int64 (stmt, 4, type_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (candidates, id);
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < candidates->len; i++)
    {
      gint64 id = g_array_index (candidates, gint64, i);
      g_autoptr(TesseraAnnotation) annotation = _tessera_store_load_annotation (self, id);

      if (annotation != NULL && ranges_equal (annotation, ranges))
        return id;
    }
  return 0;
}

static char *
excerpt (TesseraStore *self,
         gint64        document_id,
         GArray       *ranges)
{
  const TesseraRange *first = &g_array_index (ranges, TesseraRange, 0);
  guint length = MIN (first->end - first->start, SUMMARY_MAX_CHARS);
  g_autofree char *slice = _tessera_store_dup_slice (self, document_id, first->start, length);
  GString *text = g_string_new ("«");

  g_string_append (text, slice ? slice : "");
  if (length < first->end - first->start || ranges->len > 1)
    g_string_append (text, "…");
  g_string_append (text, "»");

  return g_string_free (text, FALSE);
}

static gboolean
insert_ranges (TesseraStore  *self,
               TesseraOp     *op,
               gint64         annotation_id,
               GArray        *ranges,
               GError       **error)
{
  for (guint i = 0; i < ranges->len; i++)
    {
      const TesseraRange *range = &g_array_index (ranges, TesseraRange, i);
      sqlite3_stmt *stmt = _tessera_store_prepare (self,
                                                   "INSERT INTO annotation_range"
                                                   " (annotation_id, start_offset, end_offset)"
                                                   " VALUES (?, ?, ?)", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, annotation_id);
      sqlite3_bind_int64 (stmt, 2, range->start);
      sqlite3_bind_int64 (stmt, 3, range->end);
      if (!_tessera_store_step_done (self, stmt, error))
        return FALSE;
      _tessera_op_touch_new (op, "annotation_range", sqlite3_last_insert_rowid (self->db));
    }
  return TRUE;
}

static gboolean
insert_claim (TesseraStore  *self,
              TesseraOp     *op,
              gint64         annotation_id,
              GError       **error)
{
  if (!_tessera_store_run_for_id (self, "INSERT INTO claim (id) VALUES (?)", annotation_id,
                                  error))
    return FALSE;
  _tessera_op_touch_new (op, "claim", annotation_id);
  return TRUE;
}

static TesseraAnnotationType *
require_type (TesseraStore  *self,
              gint64         type_id,
              GError       **error)
{
  TesseraAnnotationType *type = tessera_store_dup_annotation_type (self, type_id);

  if (type == NULL)
    g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_FOUND,
                 _("There is no annotation type %" PRId64), type_id);
  return type;
}

/* The type and the checked, sorted ranges of an annotation about to be added. */
static GArray *
prepare_annotation (TesseraStore           *self,
                    gint64                  document_id,
                    gint64                  type_id,
                    const TesseraRange     *ranges,
                    guint                   n_ranges,
                    TesseraAnnotationType **out_type,
                    GError                **error)
{
  g_autoptr(TesseraAnnotationType) type = NULL;
  GArray *sorted;
  guint length = 0;

  if (!_tessera_store_check_writable (self, error))
    return NULL;
  type = require_type (self, type_id, error);
  if (type == NULL)
    return NULL;
  if (!document_length (self, document_id, &length, error))
    return NULL;
  sorted = normalize_ranges (ranges, n_ranges, length, error);
  if (sorted != NULL)
    *out_type = g_steal_pointer (&type);
  return sorted;
}

/* Inside @op: adds the annotation, or finds one of this type over exactly these ranges
 * (@out_existing). Returns its id, or 0 with @error set. */
static gint64
insert_annotation (TesseraStore           *self,
                   TesseraOp              *op,
                   gint64                  document_id,
                   TesseraAnnotationType  *type,
                   GArray                 *sorted,
                   gboolean               *out_existing,
                   GError                **error)
{
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  gint64 annotator_id, id;

  /* Inside the transaction, so that two writers cannot both add the same span. */
  id = find_same_annotation (self, document_id, tessera_annotation_type_get_id (type), sorted);
  *out_existing = id != 0;
  if (id != 0)
    return id;

  annotator_id = _tessera_store_ensure_annotator (self, error);
  if (annotator_id == 0)
    return 0;

  now = _tessera_store_now ();
  stmt = _tessera_store_prepare (self,
                                 "INSERT INTO annotation"
                                 " (document_id, type_id, annotator_id, created, modified)"
                                 " VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, tessera_annotation_type_get_id (type));
  sqlite3_bind_int64 (stmt, 3, annotator_id);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_STATIC);
  if (!_tessera_store_step_done (self, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (self->db);

  _tessera_op_touch_new (op, "annotation", id);
  if (!insert_ranges (self, op, id, sorted, error))
    return 0;
  if (tessera_annotation_type_carries_claim (type) &&
      !insert_claim (self, op, id, error))
    return 0;
  return id;
}

/**
 * tessera_store_add_annotation:
 * @ranges: (array length=n_ranges): the span; several ranges make a discontinuous span
 * @out_existing: (out) (optional): %TRUE when an annotation of this type already covered
 *   exactly these ranges; its id is returned and nothing changes
 *
 * Marks a span. An annotation of a claim type gets an (empty) claim record with it.
 *
 * Returns: the annotation's id, or 0 with @error set
 */
gint64
tessera_store_add_annotation (TesseraStore        *self,
                              gint64               document_id,
                              gint64               type_id,
                              const TesseraRange  *ranges,
                              guint                n_ranges,
                              gboolean            *out_existing,
                              GError             **error)
{
  g_autoptr(TesseraAnnotationType) type = NULL;
  g_autoptr(GArray) sorted = NULL;
  g_autofree char *text = NULL;
  gboolean existing = FALSE;
  TesseraOp *op;
  gint64 id;

  g_return_val_if_fail (TESSERA_IS_STORE (self), 0);
  g_return_val_if_fail (ranges != NULL || n_ranges == 0, 0);

  if (out_existing != NULL)
    *out_existing = FALSE;

  sorted = prepare_annotation (self, document_id, type_id, ranges, n_ranges, &type, error);
  if (sorted == NULL)
    return 0;

  op = _tessera_op_begin (self, "annotation-add", document_id, error);
  if (op == NULL)
    return 0;
  id = insert_annotation (self, op, document_id, type, sorted, &existing, error);
  if (id == 0 || existing)
    {
      _tessera_op_abort (op);
      if (out_existing != NULL)
        *out_existing = existing;
      return id;
    }

  text = excerpt (self, document_id, sorted);
  _tessera_op_set_summary (op, "%s %s", tessera_annotation_type_get_key (type), text);
  if (!_tessera_op_commit (op, error))
    return 0;

  return id;
}

/* Begins an op on an existing annotation: touches its row and reads its document. */
static TesseraOp *
begin_annotation_op (TesseraStore       *self,
                     const char         *action,
                     gint64              annotation_id,
                     TesseraAnnotation **out_annotation,
                     GError            **error)
{
  g_autoptr(TesseraAnnotation) annotation = NULL;
  TesseraOp *op;

  if (!_tessera_store_check_writable (self, error))
    return NULL;
  annotation = tessera_store_dup_annotation (self, annotation_id, error);
  if (annotation == NULL)
    return NULL;

  op = _tessera_op_begin (self, action, tessera_annotation_get_document_id (annotation), error);
  if (op == NULL)
    return NULL;
  if (!_tessera_op_touch (op, "annotation", annotation_id, error))
    {
      _tessera_op_abort (op);
      return NULL;
    }

  if (out_annotation != NULL)
    *out_annotation = g_steal_pointer (&annotation);
  return op;
}

static gboolean
touch_modified (TesseraStore  *self,
                gint64         annotation_id,
                GError       **error)
{
  g_autofree char *now = _tessera_store_now ();
  sqlite3_stmt *stmt = _tessera_store_prepare (self,
                                               "UPDATE annotation SET modified = ?"
                                               " WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, annotation_id);
  return _tessera_store_step_done (self, stmt, error);
}

static gboolean
commit_with_excerpt (TesseraStore       *self,
                     TesseraOp          *op,
                     TesseraAnnotation  *annotation,
                     const char         *detail,
                     GError            **error)
{
  g_autoptr(TesseraAnnotationType) type = NULL;
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (TesseraRange));
  g_autofree char *text = NULL;
  guint n;
  const TesseraRange *r = tessera_annotation_get_ranges (annotation, &n);

  g_array_append_vals (ranges, r, n);
  type = tessera_store_dup_annotation_type (self, tessera_annotation_get_type_id (annotation));
  text = excerpt (self, tessera_annotation_get_document_id (annotation), ranges);
  if (detail != NULL)
    _tessera_op_set_summary (op, "%s %s: %s", type ? tessera_annotation_type_get_key (type) : "",
                             text, detail);
  else
    _tessera_op_set_summary (op, "%s %s", type ? tessera_annotation_type_get_key (type) : "",
                             text);

  return _tessera_op_commit (op, error);
}

/**
 * tessera_store_remove_annotation:
 *
 * Removes an annotation with its ranges, claim record, relations and attributes; claims
 * that named it as their source or cue lose that link. Undo restores all of it.
 */
gboolean
tessera_store_remove_annotation (TesseraStore  *self,
                                 gint64         annotation_id,
                                 GError       **error)
{
  g_autoptr(TesseraAnnotation) annotation = NULL;
  TesseraOp *op;

  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);

  op = begin_annotation_op (self, "annotation-remove", annotation_id, &annotation, error);
  if (op == NULL)
    return FALSE;
  if (!_tessera_op_delete (op, "annotation", annotation_id, error))
    goto failed;

  return commit_with_excerpt (self, op, annotation, NULL, error);

failed:
  _tessera_op_abort (op);
  return FALSE;
}

/**
 * tessera_store_set_annotation_type:
 *
 * Retypes an annotation. Becoming a claim adds a claim record; ceasing to be one removes
 * it; an annotation that is no longer an entity mention, or whose entity its new type
 * cannot name (tessera_annotation_type_can_name()), loses its entity link.
 */
gboolean
tessera_store_set_annotation_type (TesseraStore  *self,
                                   gint64         annotation_id,
                                   gint64         type_id,
                                   GError       **error)
{
  g_autoptr(TesseraAnnotation) annotation = NULL;
  g_autoptr(TesseraAnnotationType) old_type = NULL;
  g_autoptr(TesseraAnnotationType) new_type = NULL;
  TesseraOp *op;
  sqlite3_stmt *stmt;
  gboolean was_claim, is_claim, keeps_entity;

  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);

  new_type = require_type (self, type_id, error);
  if (new_type == NULL)
    return FALSE;

  op = begin_annotation_op (self, "annotation-retype", annotation_id, &annotation, error);
  if (op == NULL)
    return FALSE;
  if (tessera_annotation_get_type_id (annotation) == type_id)
    {
      _tessera_op_abort (op);
      return TRUE;
    }

  old_type = tessera_store_dup_annotation_type (self, tessera_annotation_get_type_id (annotation));
  was_claim = old_type != NULL && tessera_annotation_type_carries_claim (old_type);
  is_claim = tessera_annotation_type_carries_claim (new_type);
  keeps_entity = tessera_annotation_type_links_entity (new_type);
  if (keeps_entity && tessera_annotation_get_entity_id (annotation) != 0)
    {
      g_autoptr(TesseraEntity) entity =
        tessera_store_dup_entity (self, tessera_annotation_get_entity_id (annotation), NULL);
      g_autoptr(TesseraAnnotationType) entity_type =
        entity ? tessera_store_dup_annotation_type (self, tessera_entity_get_type_id (entity))
               : NULL;

      keeps_entity = entity != NULL && tessera_annotation_type_can_name (new_type, entity_type);
    }

  stmt = _tessera_store_prepare (self,
                                 "UPDATE annotation SET type_id = ?,"
                                 " entity_id = CASE WHEN ? THEN entity_id END"
                                 " WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, type_id);
  sqlite3_bind_int (stmt, 2, keeps_entity);
  sqlite3_bind_int64 (stmt, 3, annotation_id);
  if (!_tessera_store_step_done (self, stmt, error) ||
      !touch_modified (self, annotation_id, error))
    goto failed;

  if (was_claim && !is_claim)
    {
      if (!_tessera_op_delete (op, "claim", annotation_id, error))
        goto failed;
    }
  else if (is_claim && !was_claim && !insert_claim (self, op, annotation_id, error))
    goto failed;

  return commit_with_excerpt (self, op, annotation, tessera_annotation_type_get_key (new_type),
                              error);

failed:
  _tessera_op_abort (op);
  return FALSE;
}

/**
 * tessera_store_set_annotation_ranges:
 *
 * Moves an annotation's boundaries (grow, shrink, split into a discontinuous span).
 */
gboolean
tessera_store_set_annotation_ranges (TesseraStore        *self,
                                     gint64               annotation_id,
                                     const TesseraRange  *ranges,
                                     guint                n_ranges,
                                     GError             **error)
{
  g_autoptr(TesseraAnnotation) annotation = NULL;
  g_autoptr(GArray) sorted = NULL;
  g_autoptr(sqlite3_stmt) old = NULL;
  TesseraOp *op;
  sqlite3_stmt *stmt;
  guint length = 0;
  int rc;

  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);

  op = begin_annotation_op (self, "annotation-resize", annotation_id, &annotation, error);
  if (op == NULL)
    return FALSE;
  if (!document_length (self, tessera_annotation_get_document_id (annotation), &length, error))
    goto failed;
  sorted = normalize_ranges (ranges, n_ranges, length, error);
  if (sorted == NULL)
    goto failed;
  if (ranges_equal (annotation, sorted))
    {
      _tessera_op_abort (op);
      return TRUE;
    }

  old = _tessera_store_prepare_fresh (self, "SELECT id FROM annotation_range"
                                            " WHERE annotation_id = ?", error);
  if (old == NULL)
    goto failed;
  sqlite3_bind_int64 (old, 1, annotation_id);
  while ((rc = sqlite3_step (old)) == SQLITE_ROW)
    {
      if (!_tessera_op_touch (op, "annotation_range", sqlite3_column_int64 (old, 0), error))
        goto failed;
    }
  if (rc != SQLITE_DONE)
    {
      _tessera_store_set_error (self, rc, error);
      goto failed;
    }

  stmt = _tessera_store_prepare (self, "DELETE FROM annotation_range WHERE annotation_id = ?",
                                 error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, annotation_id);
  if (!_tessera_store_step_done (self, stmt, error) ||
      !insert_ranges (self, op, annotation_id, sorted, error) ||
      !touch_modified (self, annotation_id, error))
    goto failed;

  {
    g_autoptr(TesseraAnnotation) moved = _tessera_store_load_annotation (self, annotation_id);

    return commit_with_excerpt (self, op, moved, NULL, error);
  }

failed:
  _tessera_op_abort (op);
  return FALSE;
}

static gboolean
set_annotation_column (TesseraStore  *self,
                       gint64         annotation_id,
                       const char    *action,
                       const char    *sql,
                       const char    *value,
                       GError       **error)
{
  g_autoptr(TesseraAnnotation) annotation = NULL;
  TesseraOp *op;
  sqlite3_stmt *stmt;

  op = begin_annotation_op (self, action, annotation_id, &annotation, error);
  if (op == NULL)
    return FALSE;

  stmt = _tessera_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto failed;
  _tessera_bind_text_or_null (stmt, 1, value);
  sqlite3_bind_int64 (stmt, 2, annotation_id);
  if (!_tessera_store_step_done (self, stmt, error) ||
      !touch_modified (self, annotation_id, error))
    goto failed;

  return commit_with_excerpt (self, op, annotation, value, error);

failed:
  _tessera_op_abort (op);
  return FALSE;
}

gboolean
tessera_store_set_annotation_certainty (TesseraStore      *self,
                                        gint64             annotation_id,
                                        TesseraCertainty   certainty,
                                        GError           **error)
{
  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);

  return set_annotation_column (self, annotation_id, "annotation-certainty",
                                "UPDATE annotation SET certainty = ? WHERE id = ?",
                                tessera_certainty_to_string (certainty), error);
}

gboolean
tessera_store_set_annotation_status (TesseraStore   *self,
                                     gint64          annotation_id,
                                     TesseraStatus   status,
                                     GError        **error)
{
  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);

  return set_annotation_column (self, annotation_id, "annotation-status",
                                "UPDATE annotation SET status = ? WHERE id = ?",
                                tessera_status_to_string (status), error);
}

gboolean
tessera_store_set_annotation_note (TesseraStore  *self,
                                   gint64         annotation_id,
                                   const char    *note,
                                   GError       **error)
{
  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);

  return set_annotation_column (self, annotation_id, "annotation-note",
                                "UPDATE annotation SET note = ? WHERE id = ?", note, error);
}

/**
 * tessera_store_set_annotation_normalized:
 * @normalized: (nullable): a normalised value, e.g. an ISO 8601 date for a date mention
 */
gboolean
tessera_store_set_annotation_normalized (TesseraStore  *self,
                                         gint64         annotation_id,
                                         const char    *normalized,
                                         GError       **error)
{
  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);

  return set_annotation_column (self, annotation_id, "annotation-normalize",
                                "UPDATE annotation SET normalized = ? WHERE id = ?",
                                normalized, error);
}

/**
 * tessera_store_link_annotation:
 * @entity_id: the entity the mention names, or 0 to unlink
 */
gboolean
tessera_store_link_annotation (TesseraStore  *self,
                               gint64         annotation_id,
                               gint64         entity_id,
                               GError       **error)
{
  g_autoptr(TesseraAnnotation) annotation = NULL;
  g_autoptr(TesseraAnnotationType) type = NULL;
  g_autoptr(TesseraAnnotationType) entity_type = NULL;
  g_autoptr(TesseraEntity) entity = NULL;
  TesseraOp *op;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);

  if (entity_id != 0)
    {
      entity = tessera_store_dup_entity (self, entity_id, error);
      if (entity == NULL)
        return FALSE;
    }

  op = begin_annotation_op (self, entity_id ? "annotation-link" : "annotation-unlink",
                            annotation_id, &annotation, error);
  if (op == NULL)
    return FALSE;

  type = tessera_store_dup_annotation_type (self, tessera_annotation_get_type_id (annotation));
  if (entity_id != 0 && (type == NULL ||
                         !tessera_annotation_type_links_entity (type)))
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                   _("Only mentions (not claims or cues) can be linked to an entity"));
      goto failed;
    }
  if (entity != NULL)
    entity_type = tessera_store_dup_annotation_type (self, tessera_entity_get_type_id (entity));
  if (entity != NULL && !tessera_annotation_type_can_name (type, entity_type))
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                   _("“%s” is an entity of type %s; a mention of type %s cannot name it. "
                     "Link the mention to an entity of its own type, or give the mention "
                     "a type written as a generic reference (TEI rs), such as Other."),
                   tessera_entity_get_name (entity),
                   entity_type ? tessera_annotation_type_get_label_localized (entity_type) : "?",
                   tessera_annotation_type_get_label_localized (type));
      goto failed;
    }

  stmt = _tessera_store_prepare (self, "UPDATE annotation SET entity_id = ? WHERE id = ?",
                                 error);
  if (stmt == NULL)
    goto failed;
  _tessera_bind_id_or_null (stmt, 1, entity_id);
  sqlite3_bind_int64 (stmt, 2, annotation_id);
  if (!_tessera_store_step_done (self, stmt, error) ||
      !touch_modified (self, annotation_id, error))
    goto failed;

  return commit_with_excerpt (self, op, annotation,
                              entity ? tessera_entity_get_name (entity) : NULL, error);

failed:
  _tessera_op_abort (op);
  return FALSE;
}

/* Claims ---------------------------------------------------------------------------------- */

/**
 * tessera_store_dup_claim:
 * @annotation_id: an annotation of a claim type
 *
 * Returns: (transfer full): the claim's attribution, or %NULL with @error set
 */
TesseraClaim *
tessera_store_dup_claim (TesseraStore  *self,
                         gint64         annotation_id,
                         GError       **error)
{
  g_autoptr(TesseraClaim) claim = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);

  stmt = _tessera_store_prepare (self,
                                 "SELECT source_entity_id, source_annotation_id,"
                                 " cue_annotation_id, parent_claim_id, source_kind, quote_type,"
                                 " polarity, factuality, writer_distance, statement_date, topic"
                                 " FROM claim WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, annotation_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_FOUND,
                     _("Annotation %" PRId64 " is not a claim"), annotation_id);
      else
        _tessera_store_set_error (self, rc, error);
      return NULL;
    }

  claim = _tessera_claim_new (annotation_id);
  tessera_claim_set_source_entity_id (claim, sqlite3_column_int64 (stmt, 0));
  tessera_claim_set_source_annotation_id (claim, sqlite3_column_int64 (stmt, 1));
  tessera_claim_set_cue_annotation_id (claim, sqlite3_column_int64 (stmt, 2));
  tessera_claim_set_parent_annotation_id (claim, sqlite3_column_int64 (stmt, 3));
  tessera_claim_set_source_kind (claim, _tessera_column_text (stmt, 4));
  tessera_claim_set_quote_type (claim, _tessera_column_text (stmt, 5));
  tessera_claim_set_polarity (claim, _tessera_column_text (stmt, 6));
  tessera_claim_set_factuality (claim, _tessera_column_text (stmt, 7));
  tessera_claim_set_writer_distance (claim, _tessera_column_text (stmt, 8));
  tessera_claim_set_statement_date (claim, _tessera_column_text (stmt, 9));
  tessera_claim_set_topic (claim, _tessera_column_text (stmt, 10));
  sqlite3_reset (stmt);

  return g_steal_pointer (&claim);
}

static gboolean
check_same_document (TesseraStore  *self,
                     gint64         document_id,
                     gint64         annotation_id,
                     const char    *role,
                     GError       **error)
{
  g_autoptr(TesseraAnnotation) other = NULL;

  if (annotation_id == 0)
    return TRUE;
  other = tessera_store_dup_annotation (self, annotation_id, error);
  if (other == NULL)
    return FALSE;
  if (tessera_annotation_get_document_id (other) != document_id)
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                   _("The claim’s %s must be in the same document as the claim"), role);
      return FALSE;
    }
  return TRUE;
}

/* Whether @claim may be written as it is: its source and cue in its document, an existing
 * parent and entity. Returns the claim's annotation, or %NULL with @error set. */
static TesseraAnnotation *
check_claim (TesseraStore  *self,
             TesseraClaim  *claim,
             GError       **error)
{
  g_autoptr(TesseraAnnotation) annotation = NULL;
  g_autoptr(TesseraClaim) stored = NULL;
  gint64 id, document_id, parent;

  id = tessera_claim_get_annotation_id (claim);
  stored = tessera_store_dup_claim (self, id, error);
  if (stored == NULL)
    return NULL;
  annotation = tessera_store_dup_annotation (self, id, error);
  if (annotation == NULL)
    return NULL;
  document_id = tessera_annotation_get_document_id (annotation);

  if (tessera_claim_get_source_annotation_id (claim) == id ||
      tessera_claim_get_cue_annotation_id (claim) == id)
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                   _("A claim cannot be its own source or cue"));
      return NULL;
    }
  if (!check_same_document (self, document_id, tessera_claim_get_source_annotation_id (claim),
                            _("source"), error) ||
      !check_same_document (self, document_id, tessera_claim_get_cue_annotation_id (claim),
                            _("cue"), error))
    return NULL;

  parent = tessera_claim_get_parent_annotation_id (claim);
  if (parent == id)
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                   _("A claim cannot be nested in itself"));
      return NULL;
    }
  if (parent != 0)
    {
      g_autoptr(TesseraClaim) parent_claim = tessera_store_dup_claim (self, parent, error);

      if (parent_claim == NULL)
        return NULL;
    }
  if (tessera_claim_get_source_entity_id (claim) != 0)
    {
      g_autoptr(TesseraEntity) entity =
        tessera_store_dup_entity (self, tessera_claim_get_source_entity_id (claim), error);

      if (entity == NULL)
        return NULL;
    }
  return g_steal_pointer (&annotation);
}

/* Inside @op, which touched the claim's annotation row: writes every field of @claim. */
static gboolean
write_claim (TesseraStore  *self,
             TesseraOp     *op,
             TesseraClaim  *claim,
             GError       **error)
{
  gint64 id = tessera_claim_get_annotation_id (claim);
  sqlite3_stmt *stmt;

  if (!_tessera_op_touch (op, "claim", id, error))
    return FALSE;

  stmt = _tessera_store_prepare (self,
                                 "UPDATE claim SET source_entity_id = ?, source_annotation_id = ?,"
                                 " cue_annotation_id = ?, parent_claim_id = ?, source_kind = ?,"
                                 " quote_type = ?, polarity = ?, factuality = ?,"
                                 " writer_distance = ?, statement_date = ?, topic = ?"
                                 " WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  _tessera_bind_id_or_null (stmt, 1, tessera_claim_get_source_entity_id (claim));
  _tessera_bind_id_or_null (stmt, 2, tessera_claim_get_source_annotation_id (claim));
  _tessera_bind_id_or_null (stmt, 3, tessera_claim_get_cue_annotation_id (claim));
  _tessera_bind_id_or_null (stmt, 4, tessera_claim_get_parent_annotation_id (claim));
  _tessera_bind_text_or_null (stmt, 5, tessera_claim_get_source_kind (claim));
  _tessera_bind_text_or_null (stmt, 6, tessera_claim_get_quote_type (claim));
  _tessera_bind_text_or_null (stmt, 7, tessera_claim_get_polarity (claim));
  _tessera_bind_text_or_null (stmt, 8, tessera_claim_get_factuality (claim));
  _tessera_bind_text_or_null (stmt, 9, tessera_claim_get_writer_distance (claim));
  _tessera_bind_text_or_null (stmt, 10, tessera_claim_get_statement_date (claim));
  _tessera_bind_text_or_null (stmt, 11, tessera_claim_get_topic (claim));
  sqlite3_bind_int64 (stmt, 12, id);
  return _tessera_store_step_done (self, stmt, error) && touch_modified (self, id, error);
}

/**
 * tessera_store_update_claim:
 * @claim: a claim from tessera_store_dup_claim(), changed
 *
 * Writes every field of the claim's attribution in one change.
 */
gboolean
tessera_store_update_claim (TesseraStore  *self,
                            TesseraClaim  *claim,
                            GError       **error)
{
  g_autoptr(TesseraAnnotation) annotation = NULL;
  TesseraOp *op;

  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);
  g_return_val_if_fail (TESSERA_IS_CLAIM (claim), FALSE);

  annotation = check_claim (self, claim, error);
  if (annotation == NULL)
    return FALSE;

  op = begin_annotation_op (self, "claim-edit", tessera_claim_get_annotation_id (claim), NULL,
                            error);
  if (op == NULL)
    return FALSE;
  if (!write_claim (self, op, claim, error))
    {
      _tessera_op_abort (op);
      return FALSE;
    }
  return commit_with_excerpt (self, op, annotation, NULL, error);
}

/* Sets one field of @claim; FALSE if @value is not one of its codes. */
static gboolean
claim_set_field (TesseraClaim *claim,
                 const char   *field,
                 const char   *value)
{
  if (g_str_equal (field, "source-kind"))
    return tessera_claim_set_source_kind (claim, value);
  if (g_str_equal (field, "quote-type"))
    return tessera_claim_set_quote_type (claim, value);
  if (g_str_equal (field, "polarity"))
    return tessera_claim_set_polarity (claim, value);
  if (g_str_equal (field, "factuality"))
    return tessera_claim_set_factuality (claim, value);
  if (g_str_equal (field, "writer-distance"))
    return tessera_claim_set_writer_distance (claim, value);
  if (g_str_equal (field, "statement-date"))
    tessera_claim_set_statement_date (claim, value);
  else if (g_str_equal (field, "topic"))
    tessera_claim_set_topic (claim, value);
  else
    g_return_val_if_reached (FALSE);
  return TRUE;
}

/**
 * tessera_store_set_claim_field:
 * @annotation_id: a claim annotation
 * @field: "source-kind", "quote-type", "polarity", "factuality", "writer-distance",
 *   "statement-date" or "topic"
 * @value: (nullable): a code of the field's vocabulary or a text; %NULL or "" unsets it
 *
 * Changes one field of a claim's attribution, as one undoable change.
 */
gboolean
tessera_store_set_claim_field (TesseraStore  *self,
                               gint64         annotation_id,
                               const char    *field,
                               const char    *value,
                               GError       **error)
{
  g_autoptr(TesseraClaim) claim = NULL;

  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  claim = tessera_store_dup_claim (self, annotation_id, error);
  if (claim == NULL)
    return FALSE;
  if (value != NULL && *value == '\0')
    value = NULL;
  if (!claim_set_field (claim, field, value))
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                   _("“%s” is not a value of a claim’s %s"), value, field);
      return FALSE;
    }
  return tessera_store_update_claim (self, claim, error);
}

/* Names the source of @claim in memory (see tessera_store_set_claim_source()). */
static gboolean
name_source (TesseraStore  *self,
             TesseraClaim  *claim,
             gint64         mention_id,
             gint64         entity_id,
             GError       **error)
{
  gint64 kept_mention = tessera_claim_get_source_annotation_id (claim);

  if (mention_id != 0)
    {
      g_autoptr(TesseraAnnotation) mention = tessera_store_dup_annotation (self, mention_id, error);

      if (mention == NULL)
        return FALSE;
      if (entity_id == 0)
        entity_id = tessera_annotation_get_entity_id (mention);
      kept_mention = mention_id;
    }
  else if (entity_id != 0 && kept_mention != 0)
    {
      g_autoptr(TesseraAnnotation) mention =
        tessera_store_dup_annotation (self, kept_mention, NULL);

      if (mention == NULL ||
          (tessera_annotation_get_entity_id (mention) != 0 &&
           tessera_annotation_get_entity_id (mention) != entity_id))
        kept_mention = 0;
    }

  if (mention_id == 0 && entity_id == 0)
    {
      tessera_claim_set_source_annotation_id (claim, 0);
      tessera_claim_set_source_entity_id (claim, 0);
    }
  else
    {
      tessera_claim_set_source_annotation_id (claim, kept_mention);
      if (entity_id != 0)
        tessera_claim_set_source_entity_id (claim, entity_id);
      if (tessera_claim_get_source_kind (claim) == NULL)
        tessera_claim_set_source_kind (claim, "named");
    }
  return TRUE;
}

/**
 * tessera_store_set_claim_source:
 * @annotation_id: a claim annotation
 * @mention_id: the mention that names who says it, or 0
 * @entity_id: the entity who says it, or 0
 *
 * Names the source of a claim, as one undoable change. A mention brings its linked entity
 * unless @entity_id is given; an entity keeps the source mention only if that mention names
 * no one else. A source once named is "named" unless its kind was set. With both 0, the claim
 * has no source any more.
 */
gboolean
tessera_store_set_claim_source (TesseraStore  *self,
                                gint64         annotation_id,
                                gint64         mention_id,
                                gint64         entity_id,
                                GError       **error)
{
  g_autoptr(TesseraClaim) claim = NULL;

  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);

  claim = tessera_store_dup_claim (self, annotation_id, error);
  if (claim == NULL || !name_source (self, claim, mention_id, entity_id, error))
    return FALSE;
  return tessera_store_update_claim (self, claim, error);
}

/**
 * tessera_store_set_claim_cue:
 * @annotation_id: a claim annotation
 * @cue_id: the annotation of the words that attribute it, or 0
 *
 * Changes the cue of a claim, as one undoable change.
 */
gboolean
tessera_store_set_claim_cue (TesseraStore  *self,
                             gint64         annotation_id,
                             gint64         cue_id,
                             GError       **error)
{
  g_autoptr(TesseraClaim) claim = NULL;

  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);

  claim = tessera_store_dup_claim (self, annotation_id, error);
  if (claim == NULL)
    return FALSE;
  tessera_claim_set_cue_annotation_id (claim, cue_id);
  return tessera_store_update_claim (self, claim, error);
}

/* Inside @op: the words of @sorted marked with @type and made the claim's source or cue.
 * Returns the mark's id, or 0 with @error set; @out_changed says whether anything changes. */
static gint64
mark_for_claim (TesseraStore           *self,
                TesseraOp              *op,
                TesseraClaim           *claim,
                TesseraClaimRole        role,
                gint64                  document_id,
                TesseraAnnotationType  *type,
                GArray                 *sorted,
                gboolean               *out_changed,
                GError                **error)
{
  g_autoptr(TesseraAnnotation) annotation = NULL;
  gboolean existing = FALSE;
  gint64 id, claim_id = tessera_claim_get_annotation_id (claim);

  *out_changed = FALSE;
  id = insert_annotation (self, op, document_id, type, sorted, &existing, error);
  if (id == 0)
    return 0;
  if (existing && id == (role == TESSERA_CLAIM_ROLE_SOURCE
                         ? tessera_claim_get_source_annotation_id (claim)
                         : tessera_claim_get_cue_annotation_id (claim)))
    return id;

  if (!_tessera_op_touch (op, "annotation", claim_id, error))
    return 0;
  if (role == TESSERA_CLAIM_ROLE_SOURCE)
    {
      if (!name_source (self, claim, id, 0, error))
        return 0;
    }
  else
    tessera_claim_set_cue_annotation_id (claim, id);
  annotation = check_claim (self, claim, error);
  if (annotation == NULL || !write_claim (self, op, claim, error))
    return 0;
  *out_changed = TRUE;
  return id;
}

/**
 * tessera_store_add_claim_mention:
 * @annotation_id: a claim annotation
 * @role: what the words are to the claim: its source or its cue
 * @type_id: for a source, a type that names an entity (a person, an organisation…); for a
 *   cue, a type whose annotations can be cues
 * @ranges: (array length=n_ranges): the words that name who says it, or that attribute it
 *
 * Marks the words and makes the mark the claim's source or cue, as one undoable change: one
 * undo takes both back. Words marked with that type already are not marked twice.
 *
 * Returns: the mark's id, or 0 with @error set
 */
gint64
tessera_store_add_claim_mention (TesseraStore        *self,
                                 gint64               annotation_id,
                                 TesseraClaimRole     role,
                                 gint64               type_id,
                                 const TesseraRange  *ranges,
                                 guint                n_ranges,
                                 GError             **error)
{
  g_autoptr(TesseraClaim) claim = NULL;
  g_autoptr(TesseraAnnotation) annotation = NULL;
  g_autoptr(TesseraAnnotationType) type = NULL;
  g_autoptr(GArray) sorted = NULL;
  g_autofree char *text = NULL;
  gboolean for_source = role == TESSERA_CLAIM_ROLE_SOURCE;
  gboolean changed = FALSE;
  gint64 document_id, id;
  TesseraOp *op;

  g_return_val_if_fail (TESSERA_IS_STORE (self), 0);
  g_return_val_if_fail (ranges != NULL || n_ranges == 0, 0);

  claim = tessera_store_dup_claim (self, annotation_id, error);
  if (claim == NULL)
    return 0;
  annotation = tessera_store_dup_annotation (self, annotation_id, error);
  if (annotation == NULL)
    return 0;
  document_id = tessera_annotation_get_document_id (annotation);
  sorted = prepare_annotation (self, document_id, type_id, ranges, n_ranges, &type, error);
  if (sorted == NULL)
    return 0;
  if (for_source ? !tessera_annotation_type_links_entity (type)
                 : !tessera_kind_can_be_cue (tessera_annotation_type_get_kind (type)))
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                   for_source ? _("The source of a claim must be a mention of a person, an "
                                  "organisation or another entity, not a %s")
                              : _("The cue of a claim must be marked as a cue, not as a %s"),
                   tessera_annotation_type_get_label_localized (type));
      return 0;
    }

  op = _tessera_op_begin (self, for_source ? "claim-source" : "claim-cue", document_id, error);
  if (op == NULL)
    return 0;
  id = mark_for_claim (self, op, claim, role, document_id, type, sorted, &changed, error);
  if (!changed)
    {
      _tessera_op_abort (op);
      return id;
    }

  /* The journal names the new mark: undoing it says what goes. */
  text = excerpt (self, document_id, sorted);
  _tessera_op_set_summary (op, "%s %s", tessera_annotation_type_get_key (type), text);
  return _tessera_op_commit (op, error) ? id : 0;
}

/**
 * tessera_store_dup_annotation_excerpt:
 * @max_chars: at most this many characters of the annotation's first range
 *
 * The words of an annotation of any document, for a view that does not show its text
 * (the other end of a relation between two documents): its first range, cut to
 * @max_chars and followed by "…" when there is more.
 *
 * Returns: (transfer full): the words, or %NULL with @error set
 */
char *
tessera_store_dup_annotation_excerpt (TesseraStore  *self,
                                      gint64         annotation_id,
                                      guint          max_chars,
                                      GError       **error)
{
  g_autoptr(TesseraAnnotation) annotation = NULL;
  g_autofree char *slice = NULL;
  const TesseraRange *ranges;
  guint n, length;

  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);

  annotation = tessera_store_dup_annotation (self, annotation_id, error);
  if (annotation == NULL)
    return NULL;
  ranges = tessera_annotation_get_ranges (annotation, &n);
  length = MIN (ranges[0].end - ranges[0].start, max_chars);
  slice = _tessera_store_dup_slice (self, tessera_annotation_get_document_id (annotation),
                                    ranges[0].start, length);
  if (slice == NULL)
    slice = g_strdup ("");
  if (length < ranges[0].end - ranges[0].start || n > 1)
    return g_strconcat (slice, "…", NULL);
  return g_steal_pointer (&slice);
}

/* Relations ------------------------------------------------------------------------------- */

/* The one rule of where a relation's ends may be: in one document, or in two when its type
 * crosses documents ("same-claim": one claim repeated by two articles). */
static gboolean
check_relation_documents (TesseraStore         *self,
                          TesseraRelationType  *type,
                          TesseraAnnotation    *source,
                          TesseraAnnotation    *target,
                          GError              **error)
{
  gint64 source_document = tessera_annotation_get_document_id (source);
  gint64 target_document = tessera_annotation_get_document_id (target);
  g_autoptr(GString) crossing = NULL;

  if (source_document == target_document || tessera_relation_type_get_crosses_documents (type))
    return TRUE;

  /* The types that would do, to name in the message. */
  crossing = g_string_new (NULL);
  for (guint i = 0; i < self->relation_types->len; i++)
    {
      TesseraRelationType *other = g_ptr_array_index (self->relation_types, i);

      if (tessera_relation_type_get_crosses_documents (other))
        g_string_append_printf (crossing, "%s“%s”", crossing->len > 0 ? ", " : "",
                                tessera_relation_type_get_label (other));
    }
  g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
               _("Annotation %" PRId64 " is in document %" PRId64 " and annotation %" PRId64
                 " in document %" PRId64 ": a “%s” relation links two annotations of one "
                 "document. Types that may join two documents: %s"),
               tessera_annotation_get_id (source), source_document,
               tessera_annotation_get_id (target), target_document,
               tessera_relation_type_get_label (type),
               crossing->len > 0 ? crossing->str : _("none"));
  return FALSE;
}

/**
 * tessera_store_add_relation:
 * @type: the key of one of the tagset's relation types, e.g. "supports", "same-as"
 * @source_id: the annotation the relation goes from
 * @target_id: another annotation: of the same document, or of any other when the type
 *   crosses documents (tessera_relation_type_get_crosses_documents())
 * @note: (nullable): a note on the relation
 *
 * Relates two annotations, as one undoable change (#TesseraStore::relation-changed tells).
 * A type the tagset does not know is refused.
 *
 * Returns: the relation's id, or 0 with @error set
 */
gint64
tessera_store_add_relation (TesseraStore  *self,
                            const char    *type,
                            gint64         source_id,
                            gint64         target_id,
                            const char    *note,
                            GError       **error)
{
  g_autoptr(TesseraAnnotation) source = NULL;
  g_autoptr(TesseraAnnotation) target = NULL;
  g_autoptr(TesseraRelationType) known = NULL;
  g_autofree char *now = NULL;
  TesseraOp *op;
  sqlite3_stmt *stmt;
  gint64 annotator_id, id;

  g_return_val_if_fail (TESSERA_IS_STORE (self), 0);

  if (type == NULL || *type == '\0')
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                   _("A relation needs a type"));
      return 0;
    }
  known = tessera_store_lookup_relation_type (self, type);
  if (known == NULL)
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                   _("The tagset has no relation type “%s”; add it in Preferences first"),
                   type);
      return 0;
    }
  if (source_id == target_id)
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                   _("Annotation %" PRId64 " cannot be related to itself"), source_id);
      return 0;
    }
  source = tessera_store_dup_annotation (self, source_id, error);
  if (source == NULL)
    return 0;
  target = tessera_store_dup_annotation (self, target_id, error);
  if (target == NULL)
    return 0;
  if (!check_relation_documents (self, known, source, target, error))
    return 0;

  op = _tessera_op_begin (self, "relation-add", tessera_annotation_get_document_id (source),
                          error);
  if (op == NULL)
    return 0;
  annotator_id = _tessera_store_ensure_annotator (self, error);
  if (annotator_id == 0)
    goto failed;

  now = _tessera_store_now ();
  stmt = _tessera_store_prepare (self,
                                 "INSERT INTO relation"
                                 " (type, source_id, target_id, annotator_id, note, created)"
                                 " VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, source_id);
  sqlite3_bind_int64 (stmt, 3, target_id);
  sqlite3_bind_int64 (stmt, 4, annotator_id);
  _tessera_bind_text_or_null (stmt, 5, note);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_STATIC);
  if (!_tessera_store_step_done (self, stmt, error))
    goto failed;
  id = sqlite3_last_insert_rowid (self->db);
  _tessera_op_touch_new (op, "relation", id);

  _tessera_op_set_summary (op, "%s %" G_GINT64_FORMAT " → %" G_GINT64_FORMAT,
                           type, source_id, target_id);
  if (!_tessera_op_commit (op, error))
    return 0;
  return id;

failed:
  _tessera_op_abort (op);
  return 0;
}

/* The document of a relation, 0 if there is none of that id. */
static gint64
relation_document (TesseraStore *self,
                   gint64        relation_id)
{
  sqlite3_stmt *stmt = _tessera_store_prepare (self,
                                               "SELECT a.document_id FROM relation r"
                                               " JOIN annotation a ON a.id = r.source_id"
                                               " WHERE r.id = ?", NULL);
  gint64 document_id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, relation_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    document_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return document_id;
}

/**
 * tessera_store_remove_relation:
 *
 * Removes a relation, as one undoable change (#TesseraStore::relation-changed tells).
 */
gboolean
tessera_store_remove_relation (TesseraStore  *self,
                               gint64         relation_id,
                               GError       **error)
{
  TesseraOp *op;

  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);

  op = _tessera_op_begin (self, "relation-remove", relation_document (self, relation_id),
                          error);
  if (op == NULL)
    return FALSE;
  if (!_tessera_op_touch (op, "relation", relation_id, error))
    goto failed;

  if (!_tessera_store_run_for_id (self, "DELETE FROM relation WHERE id = ?", relation_id, error))
    goto failed;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_FOUND,
                   _("There is no relation %" PRId64), relation_id);
      goto failed;
    }

  _tessera_op_set_summary (op, "%" G_GINT64_FORMAT, relation_id);
  return _tessera_op_commit (op, error);

failed:
  _tessera_op_abort (op);
  return FALSE;
}

/* A relation with the documents of its ends, which differ when its type crosses documents. */
#define RELATION_COLUMNS \
  "r.id, r.source_id, r.target_id, r.type, r.note, an.name, sa.document_id, ta.document_id" \
  " FROM relation r JOIN annotation sa ON sa.id = r.source_id" \
  " JOIN annotation ta ON ta.id = r.target_id" \
  " LEFT JOIN annotator an ON an.id = r.annotator_id"

static GPtrArray *
relations_from_stmt (TesseraStore  *self,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  g_autoptr(GPtrArray) relations = NULL;
  int rc;

  relations = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_relation_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TesseraRelation *relation = g_new0 (TesseraRelation, 1);

      relation->id = sqlite3_column_int64 (stmt, 0);
      relation->source_id = sqlite3_column_int64 (stmt, 1);
      relation->target_id = sqlite3_column_int64 (stmt, 2);
      relation->type = g_strdup (_tessera_column_text (stmt, 3));
      relation->note = g_strdup (_tessera_column_text (stmt, 4));
      relation->annotator = g_strdup (_tessera_column_text (stmt, 5));
      relation->source_document_id = sqlite3_column_int64 (stmt, 6);
      relation->target_document_id = sqlite3_column_int64 (stmt, 7);
      g_ptr_array_add (relations, relation);
    }
  if (rc != SQLITE_DONE)
    {
      _tessera_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&relations);
}

/* The relations a query with one parameter, @id, selects (RELATION_COLUMNS first). Its
 * statement is cached, as the inspector asks at every selection: the rows are read to the
 * end without calling anything else of the store. */
static GPtrArray *
dup_relations_for (TesseraStore  *self,
                   const char    *sql,
                   gint64         id,
                   GError       **error)
{
  sqlite3_stmt *stmt = _tessera_store_prepare (self, sql, error);
  GPtrArray *relations;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  relations = relations_from_stmt (self, stmt, error);
  sqlite3_reset (stmt);
  return relations;
}

/**
 * tessera_store_dup_relations:
 *
 * The relations within the document, both ends in it: what its view draws and its record
 * holds. Those that join it to another document are
 * tessera_store_dup_cross_document_relations().
 *
 * Returns: (transfer full) (element-type TesseraRelation): the document's relations
 */
GPtrArray *
tessera_store_dup_relations (TesseraStore  *self,
                             gint64         document_id,
                             GError       **error)
{
  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);

  return dup_relations_for (self,
                            "SELECT " RELATION_COLUMNS
                            " WHERE sa.document_id = ?1 AND ta.document_id = ?1 ORDER BY r.id",
                            document_id, error);
}

/**
 * tessera_store_dup_cross_document_relations:
 * @document_id: a document, or 0 for the whole project
 *
 * The relations whose ends are in two documents (their type crosses documents), with
 * one end in @document_id.
 *
 * Returns: (transfer full) (element-type TesseraRelation): the relations, oldest first
 */
GPtrArray *
tessera_store_dup_cross_document_relations (TesseraStore  *self,
                                            gint64         document_id,
                                            GError       **error)
{
  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);

  return dup_relations_for (self,
                            "SELECT " RELATION_COLUMNS
                            " WHERE sa.document_id != ta.document_id"
                            " AND (?1 = 0 OR sa.document_id = ?1 OR ta.document_id = ?1)"
                            " ORDER BY r.id",
                            document_id, error);
}

/**
 * tessera_store_dup_annotation_relations:
 *
 * What the inspector lists for the annotation selected: found through the relations'
 * own indexes, where the document's relations are found through its annotations. The
 * other end may be in another document (#TesseraRelation's document ids say).
 *
 * Returns: (transfer full) (element-type TesseraRelation): the relations from or to the
 *   annotation, oldest first
 */
GPtrArray *
tessera_store_dup_annotation_relations (TesseraStore  *self,
                                        gint64         annotation_id,
                                        GError       **error)
{
  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);

  return dup_relations_for (self,
                            "SELECT " RELATION_COLUMNS
                            " WHERE r.source_id = ?1 OR r.target_id = ?1 ORDER BY r.id",
                            annotation_id, error);
}

/* Attributes ------------------------------------------------------------------------------ */

static const char *
attribute_column (const char  *owner,
                  GError     **error)
{
  if (g_strcmp0 (owner, "document") == 0)
    return "document_id";
  if (g_strcmp0 (owner, "annotation") == 0)
    return "annotation_id";
  if (g_strcmp0 (owner, "entity") == 0)
    return "entity_id";

  g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
               _("Attributes belong to a document, an annotation or an entity, not “%s”"),
               owner ? owner : "");
  return NULL;
}

/**
 * tessera_store_set_attribute:
 * @owner: "document", "annotation" or "entity"
 * @value: (nullable): the value, or %NULL to remove the key
 */
gboolean
tessera_store_set_attribute (TesseraStore  *self,
                             const char    *owner,
                             gint64         owner_id,
                             const char    *key,
                             const char    *value,
                             GError       **error)
{
  const char *column;
  g_autofree char *find_sql = NULL;
  g_autofree char *insert_sql = NULL;
  g_autofree char *owner_sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 existing = 0;
  TesseraOp *op;
  sqlite3_stmt *write;

  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);

  column = attribute_column (owner, error);
  if (column == NULL)
    return FALSE;
  if (key == NULL || *key == '\0')
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                   _("An attribute needs a key"));
      return FALSE;
    }

  op = _tessera_op_begin (self, "attribute-set", 0, error);
  if (op == NULL)
    return FALSE;

  owner_sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?", owner);
  stmt = _tessera_store_prepare_fresh (self, owner_sql, error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, owner_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_FOUND,
                   _("There is no %s %" PRId64 " in this project"), owner, owner_id);
      goto failed;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  find_sql = g_strdup_printf ("SELECT id FROM attribute WHERE %s = ? AND key = ?", column);
  stmt = _tessera_store_prepare_fresh (self, find_sql, error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, owner_id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    existing = sqlite3_column_int64 (stmt, 0);

  if (existing != 0)
    {
      if (!_tessera_op_touch (op, "attribute", existing, error))
        goto failed;
      if (value != NULL)
        {
          write = _tessera_store_prepare (self, "UPDATE attribute SET value = ? WHERE id = ?",
                                          error);
          if (write == NULL)
            goto failed;
          sqlite3_bind_text (write, 1, value, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (write, 2, existing);
        }
      else
        {
          write = _tessera_store_prepare (self, "DELETE FROM attribute WHERE id = ?", error);
          if (write == NULL)
            goto failed;
          sqlite3_bind_int64 (write, 1, existing);
        }
      if (!_tessera_store_step_done (self, write, error))
        goto failed;
    }
  else if (value != NULL)
    {
      insert_sql = g_strdup_printf ("INSERT INTO attribute (%s, key, value) VALUES (?, ?, ?)",
                                    column);
      write = _tessera_store_prepare (self, g_intern_string (insert_sql), error);
      if (write == NULL)
        goto failed;
      sqlite3_bind_int64 (write, 1, owner_id);
      sqlite3_bind_text (write, 2, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (write, 3, value, -1, SQLITE_TRANSIENT);
      if (!_tessera_store_step_done (self, write, error))
        goto failed;
      _tessera_op_touch_new (op, "attribute", sqlite3_last_insert_rowid (self->db));
    }

  _tessera_op_set_summary (op, "%s %" G_GINT64_FORMAT ": %s = %s", owner, owner_id, key,
                           value ? value : "∅");
  return _tessera_op_commit (op, error);

failed:
  _tessera_op_abort (op);
  return FALSE;
}

/**
 * tessera_store_dup_attributes:
 *
 * Returns: (transfer full): key → value
 */
GHashTable *
tessera_store_dup_attributes (TesseraStore  *self,
                              const char    *owner,
                              gint64         owner_id,
                              GError       **error)
{
  const char *column;
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  int rc;

  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);

  column = attribute_column (owner, error);
  if (column == NULL)
    return NULL;

  sql = g_strdup_printf ("SELECT key, value FROM attribute WHERE %s = ?", column);
  stmt = _tessera_store_prepare_fresh (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, owner_id);

  attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (attributes, g_strdup (_tessera_column_text (stmt, 0)),
                         g_strdup (_tessera_column_text (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      _tessera_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&attributes);
}
