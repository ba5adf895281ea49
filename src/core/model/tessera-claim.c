/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-claim"

#include "config.h"

#include "tessera-claim.h"
#include "tessera-util-private.h"
#include "tessera-vocabulary.h"

struct _TesseraClaim
{
  GObject  parent_instance;

  gint64   annotation_id;
  gint64   source_entity_id;
  gint64   source_annotation_id;
  gint64   cue_annotation_id;
  gint64   parent_annotation_id;
  char    *source_kind;
  char    *quote_type;
  char    *polarity;
  char    *factuality;
  char    *writer_distance;
  char    *statement_date;
  char    *topic;
};

G_DEFINE_FINAL_TYPE (TesseraClaim, tessera_claim, G_TYPE_OBJECT)

static void
tessera_claim_finalize (GObject *object)
{
  TesseraClaim *self = (TesseraClaim *)object;

  g_free (self->source_kind);
  g_free (self->quote_type);
  g_free (self->polarity);
  g_free (self->factuality);
  g_free (self->writer_distance);
  g_free (self->statement_date);
  g_free (self->topic);

  G_OBJECT_CLASS (tessera_claim_parent_class)->finalize (object);
}

static void
tessera_claim_class_init (TesseraClaimClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tessera_claim_finalize;
}

static void
tessera_claim_init (TesseraClaim *self)
{
}

TesseraClaim *
_tessera_claim_new (gint64 annotation_id)
{
  TesseraClaim *self = g_object_new (TESSERA_TYPE_CLAIM, NULL);

  self->annotation_id = annotation_id;
  return self;
}

#define GETTER(type, name)                               \
  type                                                   \
  tessera_claim_get_##name (TesseraClaim *self)          \
  {                                                      \
    g_return_val_if_fail (TESSERA_IS_CLAIM (self), 0);   \
    return self->name;                                   \
  }

GETTER (gint64, annotation_id)
GETTER (gint64, source_entity_id)
GETTER (gint64, source_annotation_id)
GETTER (gint64, cue_annotation_id)
GETTER (gint64, parent_annotation_id)
GETTER (const char *, source_kind)
GETTER (const char *, quote_type)
GETTER (const char *, polarity)
GETTER (const char *, factuality)
GETTER (const char *, writer_distance)
GETTER (const char *, statement_date)
GETTER (const char *, topic)

#define ID_SETTER(name)                                  \
  void                                                   \
  tessera_claim_set_##name (TesseraClaim *self,          \
                            gint64        value)         \
  {                                                      \
    g_return_if_fail (TESSERA_IS_CLAIM (self));          \
    g_return_if_fail (value >= 0);                       \
    self->name = value;                                  \
  }

ID_SETTER (source_entity_id)
ID_SETTER (source_annotation_id)
ID_SETTER (cue_annotation_id)
ID_SETTER (parent_annotation_id)

/* Setters of coded fields refuse values outside their vocabulary; NULL clears. */
#define CODE_SETTER(name, vocabulary)                                         \
  gboolean                                                                    \
  tessera_claim_set_##name (TesseraClaim *self,                               \
                            const char   *value)                              \
  {                                                                           \
    g_return_val_if_fail (TESSERA_IS_CLAIM (self), FALSE);                    \
    if (value != NULL && !tessera_vocabulary_contains (vocabulary, value))    \
      return FALSE;                                                           \
    tessera_set_str (&self->name, value);                                     \
    return TRUE;                                                              \
  }

CODE_SETTER (source_kind, TESSERA_VOCABULARY_SOURCE_KIND)
CODE_SETTER (quote_type, TESSERA_VOCABULARY_QUOTE_TYPE)
CODE_SETTER (polarity, TESSERA_VOCABULARY_POLARITY)
CODE_SETTER (factuality, TESSERA_VOCABULARY_FACTUALITY)
CODE_SETTER (writer_distance, TESSERA_VOCABULARY_WRITER_DISTANCE)

void
tessera_claim_set_statement_date (TesseraClaim *self,
                                  const char   *date)
{
  g_return_if_fail (TESSERA_IS_CLAIM (self));
  tessera_set_str (&self->statement_date, date != NULL && *date != '\0' ? date : NULL);
}

void
tessera_claim_set_topic (TesseraClaim *self,
                         const char   *topic)
{
  g_return_if_fail (TESSERA_IS_CLAIM (self));
  tessera_set_str (&self->topic, topic != NULL && *topic != '\0' ? topic : NULL);
}

/**
 * tessera_claim_is_complete:
 *
 * A claim is complete when its source is known: an entity or a mention, or a source
 * kind that needs neither (the writer, an anonymous source).
 */
gboolean
tessera_claim_is_complete (TesseraClaim *self)
{
  g_return_val_if_fail (TESSERA_IS_CLAIM (self), FALSE);

  return self->source_entity_id != 0 ||
         self->source_annotation_id != 0 ||
         g_strcmp0 (self->source_kind, "writer") == 0 ||
         g_strcmp0 (self->source_kind, "anonymous") == 0;
}

/* The codes of each field, in table order (see tessera-vocabulary.c). */
#define CODES(name, vocabulary)                                               \
  const char * const *                                                        \
  tessera_claim_##name (void)                                                 \
  {                                                                           \
    return tessera_vocabulary_get_codes (vocabulary);                         \
  }

CODES (source_kinds, TESSERA_VOCABULARY_SOURCE_KIND)
CODES (quote_types, TESSERA_VOCABULARY_QUOTE_TYPE)
CODES (polarities, TESSERA_VOCABULARY_POLARITY)
CODES (factualities, TESSERA_VOCABULARY_FACTUALITY)
CODES (writer_distances, TESSERA_VOCABULARY_WRITER_DISTANCE)
