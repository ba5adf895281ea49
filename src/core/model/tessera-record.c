/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-record"

#include "config.h"

#include "tessera-record.h"

TesseraEntityRecord *
tessera_entity_record_new (void)
{
  TesseraEntityRecord *entity = g_new0 (TesseraEntityRecord, 1);

  entity->authorities = g_array_new (FALSE, TRUE, sizeof (TesseraAuthority));
  return entity;
}

/* A deep copy but for the type, which is shared (a reference). */
TesseraEntityRecord *
tessera_entity_record_copy (const TesseraEntityRecord *entity)
{
  TesseraEntityRecord *copy = tessera_entity_record_new ();

  copy->id = entity->id;
  copy->name = g_strdup (entity->name);
  copy->type = entity->type != NULL ? g_object_ref (entity->type) : NULL;
  copy->description = g_strdup (entity->description);
  for (guint i = 0; i < entity->authorities->len; i++)
    {
      const TesseraAuthority *authority = &g_array_index (entity->authorities,
                                                          TesseraAuthority, i);

      tessera_authorities_append (copy->authorities, authority->scheme, authority->uri);
    }
  copy->attributes = entity->attributes != NULL ? g_hash_table_ref (entity->attributes) : NULL;
  return copy;
}

void
tessera_entity_record_free (TesseraEntityRecord *entity)
{
  if (entity == NULL)
    return;
  for (guint i = 0; i < entity->authorities->len; i++)
    {
      TesseraAuthority *authority = &g_array_index (entity->authorities, TesseraAuthority, i);

      g_free (authority->scheme);
      g_free (authority->uri);
    }
  g_array_unref (entity->authorities);
  g_clear_object (&entity->type);
  g_free (entity->name);
  g_free (entity->description);
  g_clear_pointer (&entity->attributes, g_hash_table_unref);
  g_free (entity);
}

TesseraAnnotationRecord *
tessera_annotation_record_new (void)
{
  TesseraAnnotationRecord *annotation = g_new0 (TesseraAnnotationRecord, 1);

  annotation->ranges = g_array_new (FALSE, FALSE, sizeof (TesseraRange));
  return annotation;
}

void
tessera_claim_record_free (TesseraClaimRecord *claim)
{
  if (claim == NULL)
    return;
  g_free (claim->source_kind);
  g_free (claim->quote_type);
  g_free (claim->polarity);
  g_free (claim->factuality);
  g_free (claim->writer_distance);
  g_free (claim->statement_date);
  g_free (claim->topic);
  g_free (claim);
}

void
tessera_annotation_record_free (TesseraAnnotationRecord *annotation)
{
  if (annotation == NULL)
    return;
  g_clear_object (&annotation->type);
  g_array_unref (annotation->ranges);
  g_free (annotation->annotator);
  g_free (annotation->created);
  g_free (annotation->note);
  g_free (annotation->normalized);
  g_clear_pointer (&annotation->attributes, g_hash_table_unref);
  tessera_claim_record_free (annotation->claim);
  g_free (annotation);
}

void
tessera_relation_record_free (TesseraRelationRecord *relation)
{
  if (relation == NULL)
    return;
  g_free (relation->type);
  g_free (relation->note);
  g_free (relation->annotator);
  g_free (relation);
}

TesseraDocumentRecord *
tessera_document_record_new (void)
{
  TesseraDocumentRecord *document = g_new0 (TesseraDocumentRecord, 1);

  document->annotations =
    g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_annotation_record_free);
  document->relations =
    g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_relation_record_free);
  document->entities =
    g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_entity_record_free);
  return document;
}

/**
 * tessera_document_record_steal:
 *
 * Returns: (transfer full): a record holding all that @document held, which is left
 *   empty, as tessera_document_record_new() makes it
 */
TesseraDocumentRecord *
tessera_document_record_steal (TesseraDocumentRecord *document)
{
  TesseraDocumentRecord *empty = tessera_document_record_new ();
  TesseraDocumentRecord *full = g_new (TesseraDocumentRecord, 1);

  *full = *document;
  *document = *empty;
  g_free (empty);
  return full;
}

void
tessera_document_record_free (TesseraDocumentRecord *document)
{
  if (document == NULL)
    return;
  tessera_document_info_clear (&document->info);
  g_free (document->text);
  g_clear_pointer (&document->attributes, g_hash_table_unref);
  g_ptr_array_unref (document->annotations);
  g_ptr_array_unref (document->relations);
  g_ptr_array_unref (document->entities);
  g_free (document);
}
