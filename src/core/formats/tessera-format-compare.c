/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tessera-format-compare.h"
#include "tessera-format-error.h"

/*
 * The comparison every export's check() makes: what was written against what the format's
 * own importer reads back. Annotations are matched by type and ranges, as a multiset (two
 * annotations of one type on one span are two); then what the format carries is compared
 * field by field. The first difference is the error, named so that a user can find it.
 */

typedef struct
{
  char                    *key;         /* "Person 10-15;20-25" */
  TesseraAnnotationRecord *annotation;
} Keyed;

static void
keyed_free (gpointer data)
{
  Keyed *keyed = data;

  g_free (keyed->key);
  g_free (keyed);
}

static int
keyed_compare (gconstpointer a,
               gconstpointer b)
{
  const Keyed *ka = *(const Keyed * const *) a;
  const Keyed *kb = *(const Keyed * const *) b;

  return strcmp (ka->key, kb->key);
}

/* For g_ptr_array_sort(), which passes pointers to the elements. */
static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static const char *
type_key (TesseraAnnotationType *type)
{
  return type != NULL ? tessera_annotation_type_get_key (type) : "";
}

/* An annotation's type and ranges, or extent when the format keeps one range. */
static char *
dup_annotation_key (const TesseraAnnotationRecord *annotation,
                    TesseraCarries                 carries)
{
  GString *key = g_string_new (type_key (annotation->type));
  GArray *ranges = annotation->ranges;

  if (ranges == NULL || ranges->len == 0)
    return g_string_free (key, FALSE);
  if (!(carries & TESSERA_CARRIES_RANGES))
    {
      guint start = G_MAXUINT, end = 0;

      for (guint i = 0; i < ranges->len; i++)
        {
          start = MIN (start, g_array_index (ranges, TesseraRange, i).start);
          end = MAX (end, g_array_index (ranges, TesseraRange, i).end);
        }
      g_string_append_printf (key, " %u-%u", start, end);
      return g_string_free (key, FALSE);
    }
  for (guint i = 0; i < ranges->len; i++)
    g_string_append_printf (key, "%c%u-%u", i == 0 ? ' ' : ';',
                            g_array_index (ranges, TesseraRange, i).start,
                            g_array_index (ranges, TesseraRange, i).end);
  return g_string_free (key, FALSE);
}

static GPtrArray *
dup_keyed (GPtrArray      *annotations,
           TesseraCarries  carries)
{
  GPtrArray *keyed = g_ptr_array_new_full (annotations->len, keyed_free);

  for (guint i = 0; i < annotations->len; i++)
    {
      Keyed *item = g_new (Keyed, 1);

      item->annotation = g_ptr_array_index (annotations, i);
      item->key = dup_annotation_key (item->annotation, carries);
      g_ptr_array_add (keyed, item);
    }
  g_ptr_array_sort (keyed, keyed_compare);
  return keyed;
}

/* A few words of the annotation, for the message: "Person 10-15 «Diarra»". */
static char *
dup_description (const char                    *text,
                 const TesseraAnnotationRecord *annotation,
                 TesseraCarries                 carries)
{
  g_autofree char *key = dup_annotation_key (annotation, carries);
  glong length;
  const TesseraRange *range;

  if (text == NULL || annotation->ranges == NULL || annotation->ranges->len == 0)
    return g_steal_pointer (&key);
  range = &g_array_index (annotation->ranges, TesseraRange, 0);
  length = g_utf8_strlen (text, -1);
  if (range->end > (guint) length || range->start >= range->end)
    return g_steal_pointer (&key);
  {
    const char *start = g_utf8_offset_to_pointer (text, range->start);
    const char *end = g_utf8_offset_to_pointer (start, MIN (range->end - range->start, 40));

    return g_strdup_printf ("%s «%.*s»", key, (int) (end - start), start);
  }
}

static gboolean
same_string (const char *a,
             const char *b)
{
  return g_strcmp0 (a != NULL && *a != '\0' ? a : NULL, b != NULL && *b != '\0' ? b : NULL) == 0;
}

static char *
dup_authorities (const TesseraEntityRecord *entity)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; entity->authorities != NULL && i < entity->authorities->len; i++)
    {
      const TesseraAuthority *authority = &g_array_index (entity->authorities, TesseraAuthority, i);

      g_ptr_array_add (lines, g_strdup_printf ("%s %s", authority->scheme ? authority->scheme : "",
                                               authority->uri ? authority->uri : ""));
    }
  g_ptr_array_sort (lines, compare_strings);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv (", ", (char **) lines->pdata);
}

static const char *
entity_name (const TesseraEntityRecord *entity)
{
  return entity != NULL ? entity->name : NULL;
}

/* The first field the format carries that differs, by its name for the user; NULL if none. */
static char *
find_difference (const TesseraAnnotationRecord *a,
                 const TesseraAnnotationRecord *b,
                 TesseraCarries                 carries)
{
  if ((carries & TESSERA_CARRIES_ENTITIES) && !same_string (entity_name (a->entity), entity_name (b->entity)))
    return g_strdup (_("its entity"));
  if ((carries & TESSERA_CARRIES_AUTHORITIES) && a->entity != NULL && b->entity != NULL)
    {
      g_autofree char *authorities_a = dup_authorities (a->entity);
      g_autofree char *authorities_b = dup_authorities (b->entity);

      if (!same_string (authorities_a, authorities_b))
        return g_strdup_printf (_("its entity's authority records (%s, read back as %s)"),
                                authorities_a, authorities_b);
    }
  if ((carries & TESSERA_CARRIES_NOTES) && !same_string (a->note, b->note))
    return g_strdup (_("its note"));
  if ((carries & TESSERA_CARRIES_ANNOTATOR) && !same_string (a->annotator, b->annotator))
    return g_strdup (_("its annotator"));
  if ((carries & TESSERA_CARRIES_STATUS) && (a->status != b->status || a->certainty != b->certainty))
    return g_strdup (_("its status or certainty"));
  if ((a->claim != NULL) != (b->claim != NULL) &&
      (carries & (TESSERA_CARRIES_CLAIM_FIELDS | TESSERA_CARRIES_CLAIM_ROLES)))
    return g_strdup (_("its claim"));
  if (a->claim == NULL || b->claim == NULL)
    return NULL;
  if ((carries & TESSERA_CARRIES_CLAIM_FIELDS) &&
      (!same_string (a->claim->quote_type, b->claim->quote_type) ||
       !same_string (a->claim->polarity, b->claim->polarity) ||
       !same_string (a->claim->factuality, b->claim->factuality) ||
       !same_string (a->claim->writer_distance, b->claim->writer_distance) ||
       !same_string (a->claim->source_kind, b->claim->source_kind) ||
       !same_string (a->claim->statement_date, b->claim->statement_date) ||
       !same_string (a->claim->topic, b->claim->topic)))
    return g_strdup (_("its claim's fields"));
  if (carries & TESSERA_CARRIES_CLAIM_ROLES)
    {
      g_autofree char *source_a = a->claim->source_annotation ? dup_annotation_key (a->claim->source_annotation, carries) : NULL;
      g_autofree char *source_b = b->claim->source_annotation ? dup_annotation_key (b->claim->source_annotation, carries) : NULL;
      g_autofree char *cue_a = a->claim->cue ? dup_annotation_key (a->claim->cue, carries) : NULL;
      g_autofree char *cue_b = b->claim->cue ? dup_annotation_key (b->claim->cue, carries) : NULL;

      if (!same_string (source_a, source_b) ||
          !same_string (entity_name (a->claim->source_entity), entity_name (b->claim->source_entity)))
        return g_strdup (_("its claim's source"));
      if (!same_string (cue_a, cue_b))
        return g_strdup (_("its claim's cue"));
    }
  return NULL;
}

/**
 * tessera_format_compare_annotations:
 * @where: the file or document, for the message
 * @text: (nullable): the document's text, to quote the annotation that differs
 * @written: (element-type TesseraAnnotationRecord): the annotations the export wrote (a
 *   format that cannot carry some passes those it wrote)
 * @read: (element-type TesseraAnnotationRecord): those its importer read back
 * @carries: what the format carries
 *
 * Returns: %TRUE if @read holds the annotations of @written and no others, equal in what
 *   the format carries; else %FALSE with a %TESSERA_FORMAT_ERROR_CHECK error naming the
 *   first difference
 */
gboolean
tessera_format_compare_annotations (const char      *where,
                                    const char      *text,
                                    GPtrArray       *written,
                                    GPtrArray       *read,
                                    TesseraCarries   carries,
                                    GError         **error)
{
  g_autoptr(GPtrArray) a = dup_keyed (written, carries);
  g_autoptr(GPtrArray) b = dup_keyed (read, carries);
  guint i = 0, j = 0;

  while (i < a->len || j < b->len)
    {
      Keyed *ka = i < a->len ? g_ptr_array_index (a, i) : NULL;
      Keyed *kb = j < b->len ? g_ptr_array_index (b, j) : NULL;
      int order = ka == NULL ? 1 : kb == NULL ? -1 : strcmp (ka->key, kb->key);
      g_autofree char *field = NULL;

      if (order < 0)
        {
          g_autofree char *description = dup_description (text, ka->annotation, carries);

          g_set_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK,
                       _("%s: the annotation %s was written but does not read back"),
                       where, description);
          return FALSE;
        }
      if (order > 0)
        {
          g_autofree char *description = dup_description (text, kb->annotation, carries);

          g_set_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK,
                       _("%s: the annotation %s reads back but was not written"),
                       where, description);
          return FALSE;
        }
      field = find_difference (ka->annotation, kb->annotation, carries);
      if (field != NULL)
        {
          g_autofree char *description = dup_description (text, ka->annotation, carries);

          g_set_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK,
                       /* Translators: the second %s is a field, such as "its note" */
                       _("%s: the annotation %s reads back with %s changed"),
                       where, description, field);
          return FALSE;
        }
      i++, j++;
    }
  return TRUE;
}

/* "type (source → target)"; for a type that says nothing of direction (same-as, same
 * claim), the two ends in one order, so that a format may write them either way. */
static GPtrArray *
dup_relation_keys (GPtrArray  *relations,
                   GHashTable *symmetric)
{
  GPtrArray *keys = g_ptr_array_new_full (relations->len, g_free);

  for (guint i = 0; i < relations->len; i++)
    {
      const TesseraRelationRecord *relation = g_ptr_array_index (relations, i);
      g_autofree char *source = relation->source ? dup_annotation_key (relation->source, TESSERA_CARRIES_RANGES) : g_strdup ("?");
      g_autofree char *target = relation->target ? dup_annotation_key (relation->target, TESSERA_CARRIES_RANGES) : g_strdup ("?");
      const char *type = relation->type ? relation->type : "";

      if (g_hash_table_contains (symmetric, type) && strcmp (source, target) > 0)
        {
          char *swap = source;

          source = target;
          target = swap;
        }
      g_ptr_array_add (keys, g_strdup_printf ("%s (%s → %s)", type, source, target));
    }
  g_ptr_array_sort (keys, compare_strings);
  return keys;
}

/**
 * tessera_format_compare_relations:
 * @written: (element-type TesseraRelationRecord): the relations written
 * @read: (element-type TesseraRelationRecord): those read back
 *
 * Returns: %TRUE if both hold the same relations (type, source and target, by their types
 *   and ranges; either way round when @written says the type is symmetric); else %FALSE with a %TESSERA_FORMAT_ERROR_CHECK error
 */
gboolean
tessera_format_compare_relations (const char  *where,
                                  GPtrArray   *written,
                                  GPtrArray   *read,
                                  GError     **error)
{
  g_autoptr(GHashTable) symmetric = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;

  for (guint i = 0; i < written->len; i++)
    {
      const TesseraRelationRecord *relation = g_ptr_array_index (written, i);

      if (relation->symmetric && relation->type != NULL)
        g_hash_table_add (symmetric, relation->type);
    }
  a = dup_relation_keys (written, symmetric);
  b = dup_relation_keys (read, symmetric);

  for (guint i = 0; i < MAX (a->len, b->len); i++)
    {
      const char *ka = i < a->len ? g_ptr_array_index (a, i) : NULL;
      const char *kb = i < b->len ? g_ptr_array_index (b, i) : NULL;
      int order = ka == NULL ? 1 : kb == NULL ? -1 : strcmp (ka, kb);

      if (order == 0)
        continue;
      g_set_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK,
                   order < 0 ? _("%s: the relation %s was written but does not read back")
                             : _("%s: the relation %s reads back but was not written"),
                   where, order < 0 ? ka : kb);
      return FALSE;
    }
  return TRUE;
}

/**
 * tessera_format_compare_document:
 * @where: the file, for the message
 * @written: the document as exported
 * @read: the document as the format's importer reads it back
 * @carries: what the format carries
 *
 * Compares text, title, annotations and relations as tessera_format_compare_annotations()
 * and tessera_format_compare_relations() do, for what the format carries.
 *
 * Returns: %TRUE if equal in what the format carries
 */
gboolean
tessera_format_compare_document (const char                  *where,
                                 const TesseraDocumentRecord *written,
                                 const TesseraDocumentRecord *read,
                                 TesseraCarries               carries,
                                 GError                     **error)
{
  if ((carries & TESSERA_CARRIES_TEXT) && g_strcmp0 (written->text, read->text) != 0)
    {
      g_set_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK,
                   _("%s: the text does not read back as written"), where);
      return FALSE;
    }
  if ((carries & TESSERA_CARRIES_TITLE) && !same_string (written->info.title, read->info.title))
    {
      g_set_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK,
                   _("%s: the title does not read back as written"), where);
      return FALSE;
    }
  if (!tessera_format_compare_annotations (where, written->text, written->annotations,
                                           read->annotations, carries, error))
    return FALSE;
  if (carries & TESSERA_CARRIES_RELATIONS)
    {
      g_autoptr(GPtrArray) none = g_ptr_array_new ();

      if (!tessera_format_compare_relations (where, written->relations ? written->relations : none,
                                             read->relations ? read->relations : none, error))
        return FALSE;
    }
  return TRUE;
}
