/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-document"

#include "config.h"

#include "tessera-document.h"

struct _TesseraDocument
{
  GObject             parent_instance;

  gint64              id;
  TesseraDocumentInfo info;
  char               *sha256;
  char               *imported;
  guint               length;
  guint               annotation_count;
  TesseraProgress     progress;
};

G_DEFINE_FINAL_TYPE (TesseraDocument, tessera_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_ANNOTATION_COUNT,
  PROP_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
tessera_document_info_clear (TesseraDocumentInfo *info)
{
  g_clear_pointer (&info->title, g_free);
  g_clear_pointer (&info->author, g_free);
  g_clear_pointer (&info->source_url, g_free);
  g_clear_pointer (&info->publisher, g_free);
  g_clear_pointer (&info->publication_date, g_free);
  g_clear_pointer (&info->language, g_free);
  g_clear_pointer (&info->licence, g_free);
  g_clear_pointer (&info->notes, g_free);
  g_clear_pointer (&info->source_path, g_free);
}

static void
tessera_document_finalize (GObject *object)
{
  TesseraDocument *self = (TesseraDocument *)object;

  tessera_document_info_clear (&self->info);
  g_free (self->sha256);
  g_free (self->imported);

  G_OBJECT_CLASS (tessera_document_parent_class)->finalize (object);
}

static void
tessera_document_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TesseraDocument *self = TESSERA_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->info.title);
      break;
    case PROP_ANNOTATION_COUNT:
      g_value_set_uint (value, self->annotation_count);
      break;
    case PROP_PROGRESS:
      g_value_set_int (value, self->progress);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_document_class_init (TesseraDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tessera_document_finalize;
  object_class->get_property = tessera_document_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANNOTATION_COUNT] =
    g_param_spec_uint ("annotation-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_int ("progress", NULL, NULL,
                      TESSERA_PROGRESS_NOT_STARTED, TESSERA_PROGRESS_DONE,
                      TESSERA_PROGRESS_NOT_STARTED,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tessera_document_init (TesseraDocument *self)
{
}

TesseraDocument *
_tessera_document_new (gint64                     id,
                       const TesseraDocumentInfo *info,
                       const char                *sha256,
                       const char                *imported,
                       guint                      length,
                       guint                      annotation_count,
                       TesseraProgress            progress)
{
  TesseraDocument *self = g_object_new (TESSERA_TYPE_DOCUMENT, NULL);

  self->id = id;
  self->info.title = g_strdup (info->title);
  self->info.author = g_strdup (info->author);
  self->info.source_url = g_strdup (info->source_url);
  self->info.publisher = g_strdup (info->publisher);
  self->info.publication_date = g_strdup (info->publication_date);
  self->info.language = g_strdup (info->language);
  self->info.licence = g_strdup (info->licence);
  self->info.notes = g_strdup (info->notes);
  self->info.source_path = g_strdup (info->source_path);
  self->sha256 = g_strdup (sha256);
  self->imported = g_strdup (imported);
  self->length = length;
  self->annotation_count = annotation_count;
  self->progress = progress;

  return self;
}

/* The store keeps counts from its own changes instead of recounting (and re-reading the
 * row past its long text), on the document its list holds: a view follows the notification
 * and keeps its row, where a new document in the list would make it build the row anew. */
void
_tessera_document_set_annotation_count (TesseraDocument *self,
                                        guint            annotation_count)
{
  g_return_if_fail (TESSERA_IS_DOCUMENT (self));

  if (self->annotation_count == annotation_count)
    return;
  self->annotation_count = annotation_count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATION_COUNT]);
}

#define GETTER(type, name, expr)                        \
  type                                                  \
  tessera_document_get_##name (TesseraDocument *self)   \
  {                                                     \
    g_return_val_if_fail (TESSERA_IS_DOCUMENT (self), 0); \
    return expr;                                        \
  }

GETTER (gint64, id, self->id)
GETTER (const char *, title, self->info.title)
GETTER (const char *, author, self->info.author)
GETTER (const char *, source_url, self->info.source_url)
GETTER (const char *, publisher, self->info.publisher)
GETTER (const char *, publication_date, self->info.publication_date)
GETTER (const char *, language, self->info.language)
GETTER (const char *, licence, self->info.licence)
GETTER (const char *, notes, self->info.notes)
GETTER (const char *, source_path, self->info.source_path)
GETTER (const char *, sha256, self->sha256)
GETTER (const char *, imported, self->imported)
GETTER (guint, length, self->length)
GETTER (guint, annotation_count, self->annotation_count)
GETTER (TesseraProgress, progress, self->progress)
