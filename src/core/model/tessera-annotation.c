/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-annotation"

#include "config.h"

#include "tessera-annotation.h"

struct _TesseraAnnotation
{
  GObject           parent_instance;

  gint64            id;
  gint64            document_id;
  gint64            type_id;
  gint64            entity_id;
  char             *annotator;
  TesseraCertainty  certainty;
  TesseraStatus     status;
  char             *note;
  char             *normalized;
  char             *created;
  char             *modified;
  GArray           *ranges;
};

G_DEFINE_FINAL_TYPE (TesseraAnnotation, tessera_annotation, G_TYPE_OBJECT)

static void
tessera_annotation_finalize (GObject *object)
{
  TesseraAnnotation *self = (TesseraAnnotation *)object;

  g_free (self->annotator);
  g_free (self->note);
  g_free (self->normalized);
  g_free (self->created);
  g_free (self->modified);
  g_array_unref (self->ranges);

  G_OBJECT_CLASS (tessera_annotation_parent_class)->finalize (object);
}

static void
tessera_annotation_class_init (TesseraAnnotationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tessera_annotation_finalize;
}

static void
tessera_annotation_init (TesseraAnnotation *self)
{
  self->ranges = g_array_sized_new (FALSE, FALSE, sizeof (TesseraRange), 1);
}

TesseraAnnotation *
_tessera_annotation_new (gint64            id,
                         gint64            document_id,
                         gint64            type_id,
                         gint64            entity_id,
                         const char       *annotator,
                         TesseraCertainty  certainty,
                         TesseraStatus     status,
                         const char       *note,
                         const char       *normalized,
                         const char       *created,
                         const char       *modified)
{
  TesseraAnnotation *self = g_object_new (TESSERA_TYPE_ANNOTATION, NULL);

  self->id = id;
  self->document_id = document_id;
  self->type_id = type_id;
  self->entity_id = entity_id;
  self->annotator = g_strdup (annotator);
  self->certainty = certainty;
  self->status = status;
  self->note = g_strdup (note);
  self->normalized = g_strdup (normalized);
  self->created = g_strdup (created);
  self->modified = g_strdup (modified);

  return self;
}

void
_tessera_annotation_add_range (TesseraAnnotation *self,
                               guint              start,
                               guint              end)
{
  TesseraRange range = { start, end };

  g_array_append_val (self->ranges, range);
}

#define GETTER(type, name, expr)                              \
  type                                                        \
  tessera_annotation_get_##name (TesseraAnnotation *self)     \
  {                                                           \
    g_return_val_if_fail (TESSERA_IS_ANNOTATION (self), 0);   \
    return expr;                                              \
  }

GETTER (gint64, id, self->id)
GETTER (gint64, document_id, self->document_id)
GETTER (gint64, type_id, self->type_id)
GETTER (gint64, entity_id, self->entity_id)
GETTER (const char *, annotator, self->annotator)
GETTER (TesseraCertainty, certainty, self->certainty)
GETTER (TesseraStatus, status, self->status)
GETTER (const char *, note, self->note)
GETTER (const char *, normalized, self->normalized)
GETTER (const char *, created, self->created)
GETTER (const char *, modified, self->modified)

/**
 * tessera_annotation_get_ranges:
 * @n_ranges: (out): number of ranges
 *
 * Returns: (transfer none): the ranges, sorted by start; more than one for a
 *   discontinuous span
 */
const TesseraRange *
tessera_annotation_get_ranges (TesseraAnnotation *self,
                               guint             *n_ranges)
{
  g_return_val_if_fail (TESSERA_IS_ANNOTATION (self), NULL);

  if (n_ranges != NULL)
    *n_ranges = self->ranges->len;
  return (const TesseraRange *) (gpointer) self->ranges->data;
}

guint
tessera_annotation_get_start (TesseraAnnotation *self)
{
  g_return_val_if_fail (TESSERA_IS_ANNOTATION (self), 0);
  g_return_val_if_fail (self->ranges->len > 0, 0);

  return g_array_index (self->ranges, TesseraRange, 0).start;
}

guint
tessera_annotation_get_end (TesseraAnnotation *self)
{
  g_return_val_if_fail (TESSERA_IS_ANNOTATION (self), 0);
  g_return_val_if_fail (self->ranges->len > 0, 0);

  return g_array_index (self->ranges, TesseraRange, self->ranges->len - 1).end;
}

/* Reading order: by start, enclosing spans first, then by id so the order is total. */
int
tessera_annotation_compare (TesseraAnnotation *a,
                            TesseraAnnotation *b)
{
  TesseraRange ra = { tessera_annotation_get_start (a), tessera_annotation_get_end (a) };
  TesseraRange rb = { tessera_annotation_get_start (b), tessera_annotation_get_end (b) };
  int cmp = tessera_range_compare (&ra, &rb);

  if (cmp != 0)
    return cmp;
  return (a->id > b->id) - (a->id < b->id);
}
