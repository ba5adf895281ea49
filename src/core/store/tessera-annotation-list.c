/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-annotation-list"

#include "config.h"

#include "tessera-annotation-list.h"
#include "tessera-store-private.h"

/*
 * The annotations of one document in reading order, as a GListModel that follows the
 * store: an added, removed or changed annotation is one items-changed, found by binary
 * search, so a view of tens of thousands of annotations stays instant.
 */

struct _TesseraAnnotationList
{
  GObject       parent_instance;

  TesseraStore *store;
  gint64        document_id;
  GPtrArray    *items;          /* TesseraAnnotation, sorted */
  GHashTable   *by_id;          /* id → TesseraAnnotation (borrowed from items) */
  guint         max_length;     /* never shrinks: a bound, not an exact value */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TesseraAnnotationList, tessera_annotation_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return TESSERA_TYPE_ANNOTATION;
}

static guint
get_n_items (GListModel *model)
{
  return TESSERA_ANNOTATION_LIST (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  TesseraAnnotationList *self = TESSERA_ANNOTATION_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* The first position whose item does not sort before @annotation. */
static guint
lower_bound (TesseraAnnotationList *self,
             TesseraAnnotation     *annotation)
{
  guint lo = 0, hi = self->items->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (tessera_annotation_compare (g_ptr_array_index (self->items, mid), annotation) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/**
 * tessera_annotation_list_find:
 * @out_position: (out): where the annotation is
 *
 * Returns: %TRUE if the annotation is in the list
 */
gboolean
tessera_annotation_list_find (TesseraAnnotationList *self,
                              gint64                 annotation_id,
                              guint                 *out_position)
{
  TesseraAnnotation *annotation;
  guint position;

  g_return_val_if_fail (TESSERA_IS_ANNOTATION_LIST (self), FALSE);

  annotation = g_hash_table_lookup (self->by_id, &annotation_id);
  if (annotation == NULL)
    return FALSE;
  position = lower_bound (self, annotation);
  g_assert (position < self->items->len && g_ptr_array_index (self->items, position) == annotation);
  if (out_position != NULL)
    *out_position = position;
  return TRUE;
}

static void
index_annotation (TesseraAnnotationList *self,
                  TesseraAnnotation     *annotation)
{
  gint64 *id = g_new (gint64, 1);
  guint length = tessera_annotation_get_end (annotation) - tessera_annotation_get_start (annotation);

  self->max_length = MAX (self->max_length, length);

  *id = tessera_annotation_get_id (annotation);
  g_hash_table_insert (self->by_id, id, annotation);
}

static gboolean
reload (TesseraAnnotationList  *self,
        GError                **error)
{
  g_autoptr(GPtrArray) annotations = NULL;
  guint removed = self->items->len;

  annotations = tessera_store_dup_annotations (self->store, self->document_id, error);
  if (annotations == NULL)
    return FALSE;

  g_hash_table_remove_all (self->by_id);
  g_ptr_array_unref (self->items);
  self->items = g_steal_pointer (&annotations);
  for (guint i = 0; i < self->items->len; i++)
    index_annotation (self, g_ptr_array_index (self->items, i));

  if (removed > 0 || self->items->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->items->len);
  return TRUE;
}

static void
on_annotation_changed (TesseraAnnotationList *self,
                       gint64                 document_id,
                       gint64                 annotation_id,
                       int                    change,
                       TesseraStore          *store)
{
  g_autoptr(TesseraAnnotation) fresh = NULL;
  guint old_position = 0;
  gboolean had;

  if (document_id != self->document_id)
    return;

  had = tessera_annotation_list_find (self, annotation_id, &old_position);
  if (change != TESSERA_CHANGE_REMOVED)
    fresh = _tessera_store_load_annotation (self->store, annotation_id);

  if (had)
    {
      g_hash_table_remove (self->by_id, &annotation_id);
      g_ptr_array_remove_index (self->items, old_position);
    }

  if (fresh != NULL)
    {
      guint new_position = lower_bound (self, fresh);

      g_ptr_array_insert (self->items, (int) new_position, g_object_ref (fresh));
      index_annotation (self, fresh);

      if (had && new_position == old_position)
        g_list_model_items_changed (G_LIST_MODEL (self), new_position, 1, 1);
      else
        {
          if (had)
            g_list_model_items_changed (G_LIST_MODEL (self), old_position, 1, 0);
          g_list_model_items_changed (G_LIST_MODEL (self), new_position, 0, 1);
        }
    }
  else if (had)
    g_list_model_items_changed (G_LIST_MODEL (self), old_position, 1, 0);
}

static void
on_reloaded (TesseraAnnotationList *self,
             TesseraStore          *store)
{
  g_autoptr(GError) error = NULL;

  if (!reload (self, &error))
    g_warning ("Could not reload the annotations of document %" G_GINT64_FORMAT ": %s",
               self->document_id, error->message);
}

static void
tessera_annotation_list_finalize (GObject *object)
{
  TesseraAnnotationList *self = (TesseraAnnotationList *)object;

  g_clear_object (&self->store);
  g_hash_table_unref (self->by_id);
  g_ptr_array_unref (self->items);

  G_OBJECT_CLASS (tessera_annotation_list_parent_class)->finalize (object);
}

static void
tessera_annotation_list_class_init (TesseraAnnotationListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tessera_annotation_list_finalize;
}

static void
tessera_annotation_list_init (TesseraAnnotationList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/**
 * tessera_annotation_list_new:
 *
 * Returns: (transfer full): the document's annotations, kept current; %NULL with @error
 *   set if they cannot be read
 */
TesseraAnnotationList *
tessera_annotation_list_new (TesseraStore  *store,
                             gint64         document_id,
                             GError       **error)
{
  g_autoptr(TesseraAnnotationList) self = NULL;

  g_return_val_if_fail (TESSERA_IS_STORE (store), NULL);

  self = g_object_new (TESSERA_TYPE_ANNOTATION_LIST, NULL);
  self->store = g_object_ref (store);
  self->document_id = document_id;
  if (!reload (self, error))
    return NULL;

  g_signal_connect_object (store, "annotation-changed", G_CALLBACK (on_annotation_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "reloaded", G_CALLBACK (on_reloaded), self,
                           G_CONNECT_SWAPPED);

  return g_steal_pointer (&self);
}

/**
 * tessera_annotation_list_peek:
 *
 * Returns: (transfer none): the annotation at @position, without a reference
 */
TesseraAnnotation *
tessera_annotation_list_peek (TesseraAnnotationList *self,
                              guint                  position)
{
  g_return_val_if_fail (TESSERA_IS_ANNOTATION_LIST (self), NULL);
  g_return_val_if_fail (position < self->items->len, NULL);

  return g_ptr_array_index (self->items, position);
}

/**
 * tessera_annotation_list_lookup:
 *
 * Returns: (transfer none) (nullable): the annotation with this id
 */
TesseraAnnotation *
tessera_annotation_list_lookup (TesseraAnnotationList *self,
                                gint64                 annotation_id)
{
  g_return_val_if_fail (TESSERA_IS_ANNOTATION_LIST (self), NULL);

  return g_hash_table_lookup (self->by_id, &annotation_id);
}

/**
 * tessera_annotation_list_bisect:
 *
 * Returns: the first position whose annotation starts at or after @offset
 */
guint
tessera_annotation_list_bisect (TesseraAnnotationList *self,
                                guint                  offset)
{
  guint lo = 0, hi;

  g_return_val_if_fail (TESSERA_IS_ANNOTATION_LIST (self), 0);

  hi = self->items->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (tessera_annotation_get_start (g_ptr_array_index (self->items, mid)) < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/**
 * tessera_annotation_list_get_max_length:
 *
 * Returns: the longest extent (first start to last end) of any annotation held, so that
 *   callers can bound a search for the annotations covering an offset
 */
guint
tessera_annotation_list_get_max_length (TesseraAnnotationList *self)
{
  g_return_val_if_fail (TESSERA_IS_ANNOTATION_LIST (self), 0);

  return self->max_length;
}

gint64
tessera_annotation_list_get_document_id (TesseraAnnotationList *self)
{
  g_return_val_if_fail (TESSERA_IS_ANNOTATION_LIST (self), 0);
  return self->document_id;
}
