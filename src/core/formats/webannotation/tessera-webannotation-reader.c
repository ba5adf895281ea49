/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-webannotation"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "tessera-webannotation-private.h"

#include "tessera-format-error.h"

/*
 * Reading back a collection of the Web Annotation export with json-glib's parser, into
 * the records the export wrote it from: the annotations from their tagging, identifying,
 * commenting and classifying bodies and their targets' selectors (the quote must be the
 * text at the position), the claims' roles and the relations from the linking
 * annotations. What the export and its read-back share is here too.
 */

const TesseraWebannotationClaimField
tessera_webannotation_claim_fields[TESSERA_WEBANNOTATION_N_CLAIM_FIELDS] = {
  { "quote type", "classifying", G_STRUCT_OFFSET (TesseraClaimRecord, quote_type) },
  { "polarity", "classifying", G_STRUCT_OFFSET (TesseraClaimRecord, polarity) },
  { "factuality", "classifying", G_STRUCT_OFFSET (TesseraClaimRecord, factuality) },
  { "writer distance", "classifying", G_STRUCT_OFFSET (TesseraClaimRecord, writer_distance) },
  { "source kind", "classifying", G_STRUCT_OFFSET (TesseraClaimRecord, source_kind) },
  { "date", "describing", G_STRUCT_OFFSET (TesseraClaimRecord, statement_date) },
  { "topic", "describing", G_STRUCT_OFFSET (TesseraClaimRecord, topic) },
};

/* The range's text and up to 32 code points each side. @cursor walks on through the
 * document (tessera_text_slice_ranges_at()); it ends at the range's start. */
void
_tessera_webannotation_quote (const char                 *text,
                              TesseraTextCursor          *cursor,
                              const TesseraRange         *range,
                              TesseraWebannotationQuote  *quote)
{
  const char *start, *end, *p;

  quote->exact = tessera_text_slice_ranges_at (text, cursor, range, 1, NULL);
  start = cursor->position;
  end = start + strlen (quote->exact);
  p = start;
  for (guint i = 0; i < TESSERA_WEBANNOTATION_CONTEXT_LENGTH && p > text; i++)
    p = g_utf8_prev_char (p);
  quote->prefix = g_strndup (p, start - p);
  p = end;
  for (guint i = 0; i < TESSERA_WEBANNOTATION_CONTEXT_LENGTH && *p != '\0'; i++)
    p = g_utf8_next_char (p);
  quote->suffix = g_strndup (end, p - end);
}

void
_tessera_webannotation_quote_clear (TesseraWebannotationQuote *quote)
{
  g_clear_pointer (&quote->exact, g_free);
  g_clear_pointer (&quote->prefix, g_free);
  g_clear_pointer (&quote->suffix, g_free);
}

/* A type's label is its tag, unless another type has the same: then "label (key)". */
void
_tessera_webannotation_tags_init (TesseraWebannotationTags *tags,
                                  GListModel               *tagset)
{
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (tagset);

  tags->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  tags->by_tag = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (tagset, i);
      const char *label = tessera_annotation_type_get_label (type);

      g_hash_table_insert (labels, (gpointer) label,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (labels, label)) + 1));
    }
  for (guint i = 0; i < n; i++)
    {
      TesseraAnnotationType *type = g_list_model_get_item (tagset, i);
      const char *label = tessera_annotation_type_get_label (type);
      const char *key = tessera_annotation_type_get_key (type);
      char *tag = GPOINTER_TO_UINT (g_hash_table_lookup (labels, label)) > 1
                  ? g_strdup_printf ("%s (%s)", label, key) : g_strdup (label);

      g_hash_table_insert (tags->by_key, g_strdup (key), tag);
      g_hash_table_insert (tags->by_tag, tag, type);
    }
}

void
_tessera_webannotation_tags_clear (TesseraWebannotationTags *tags)
{
  g_clear_pointer (&tags->by_tag, g_hash_table_unref);
  g_clear_pointer (&tags->by_key, g_hash_table_unref);
}

struct _TesseraWebannotationReader
{
  const char                  *where;
  const TesseraDocumentRecord *written;
  const char                  *document_iri;
  TesseraWebannotationTags    *tags;
  TesseraDocumentRecord       *read;
  GHashTable                  *by_id;     /* annotation id → its read record */
  guint                        length;    /* of the text, in code points */
  TesseraTextCursor            cursor;
  JsonParser                  *parser;
  GPtrArray                   *links;     /* JsonNode: the linking items, read at the end */
  gint64                       total;     /* items, as the head says */
  gint64                       n_items;
  GError                     **error;     /* of the call */
};

typedef struct _TesseraWebannotationReader Reader;

static gboolean
fail (Reader     *reader,
      const char *id,
      const char *message)
{
  g_set_error (reader->error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK,
               /* Translators: the file, an annotation's id, what is wrong */
               _("%s: %s: %s"), reader->where, id != NULL ? id : "?", message);
  return FALSE;
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

static gboolean
get_int (JsonObject *object,
         const char *name,
         gint64     *out_value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out_value = json_node_get_int (node);
  return TRUE;
}

/* A member that holds one value or an array of them. */
typedef struct
{
  JsonNode  *node;
  JsonArray *array;
  guint      length;
} Many;

static void
get_many (JsonObject *object,
          const char *name,
          Many       *many)
{
  many->node = object != NULL ? json_object_get_member (object, name) : NULL;
  many->array = many->node != NULL && JSON_NODE_HOLDS_ARRAY (many->node)
                ? json_node_get_array (many->node) : NULL;
  many->length = many->array != NULL ? json_array_get_length (many->array)
                                     : many->node != NULL ? 1 : 0;
}

static JsonNode *
many_element (Many  *many,
              guint  index)
{
  return many->array != NULL ? json_array_get_element (many->array, index) : many->node;
}

static JsonObject *
many_object (Many  *many,
             guint  index)
{
  JsonNode *node = many_element (many, index);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static TesseraEntityRecord *
ensure_entity (Reader                   *reader,
               TesseraEntityRecord     **entity)
{
  if (*entity == NULL)
    {
      *entity = tessera_entity_record_new ();
      g_ptr_array_add (reader->read->entities, *entity);
    }
  return *entity;
}

/* "polarity: negative" into the claim's field. */
static gboolean
read_claim_field (TesseraClaimRecord *claim,
                  const char         *purpose,
                  const char         *value)
{
  for (guint i = 0; i < TESSERA_WEBANNOTATION_N_CLAIM_FIELDS; i++)
    {
      const TesseraWebannotationClaimField *field = &tessera_webannotation_claim_fields[i];
      gsize length = strlen (field->name);

      if (strcmp (purpose, field->purpose) == 0 && strncmp (value, field->name, length) == 0 &&
          strncmp (value + length, ": ", 2) == 0)
        {
          g_free (TESSERA_WEBANNOTATION_CLAIM_FIELD (claim, field));
          TESSERA_WEBANNOTATION_CLAIM_FIELD (claim, field) = g_strdup (value + length + 2);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
read_bodies (Reader                  *reader,
             const char              *id,
             JsonObject              *item,
             TesseraAnnotationRecord *annotation)
{
  g_autoptr(TesseraClaimRecord) claim = g_new0 (TesseraClaimRecord, 1);
  gboolean has_claim_field = FALSE;
  Many bodies;

  get_many (item, "body", &bodies);
  for (guint i = 0; i < bodies.length; i++)
    {
      JsonObject *body = many_object (&bodies, i);
      const char *type = get_string (body, "type");
      const char *purpose = get_string (body, "purpose");
      const char *value = get_string (body, "value");
      gboolean textual = g_strcmp0 (type, "TextualBody") == 0 && value != NULL;

      if (purpose == NULL)
        return fail (reader, id, _("a body has no purpose"));
      if (textual && strcmp (purpose, "tagging") == 0)
        {
          TesseraAnnotationType *annotation_type = g_hash_table_lookup (reader->tags->by_tag,
                                                                        value);

          if (annotation_type == NULL)
            return fail (reader, id, _("the tag is not a type of the project"));
          g_set_object (&annotation->type, annotation_type);
        }
      else if (textual && strcmp (purpose, "identifying") == 0)
        ensure_entity (reader, &annotation->entity)->name = g_strdup (value);
      else if (g_strcmp0 (type, "SpecificResource") == 0 && strcmp (purpose, "identifying") == 0 &&
               get_string (body, "source") != NULL)
        tessera_authorities_append (ensure_entity (reader, &annotation->entity)->authorities,
                                    tessera_authority_guess_scheme (get_string (body, "source")),
                                    get_string (body, "source"));
      else if (textual && strcmp (purpose, "commenting") == 0)
        annotation->note = g_strdup (value);
      else if (textual && read_claim_field (claim, purpose, value))
        has_claim_field = TRUE;
      else
        return fail (reader, id, _("a body is not one the export writes"));
    }
  if (annotation->type == NULL)
    return fail (reader, id, _("the annotation has no tag"));
  if (tessera_annotation_type_carries_claim (annotation->type))
    annotation->claim = g_steal_pointer (&claim);
  else if (has_claim_field)
    return fail (reader, id, _("the annotation has a claim’s fields but its type has no "
                               "claims"));
  return TRUE;
}

/* A target: the document, its range by position, and the quote of that range. */
static gboolean
read_target (Reader                  *reader,
             const char              *id,
             JsonObject              *target,
             TesseraAnnotationRecord *annotation,
             TesseraTextCursor       *cursor)
{
  JsonObject *quote_selector = NULL, *position_selector = NULL;
  Many selectors;
  TesseraWebannotationQuote quote;
  TesseraRange range;
  gint64 start, end;
  gboolean same;

  if (g_strcmp0 (get_string (target, "source"), reader->document_iri) != 0)
    return fail (reader, id, _("the target is not the document"));
  get_many (target, "selector", &selectors);
  for (guint i = 0; i < selectors.length; i++)
    {
      JsonObject *selector = many_object (&selectors, i);

      if (g_strcmp0 (get_string (selector, "type"), "TextQuoteSelector") == 0)
        quote_selector = selector;
      else if (g_strcmp0 (get_string (selector, "type"), "TextPositionSelector") == 0)
        position_selector = selector;
    }
  if (quote_selector == NULL || position_selector == NULL ||
      !get_int (position_selector, "start", &start) || !get_int (position_selector, "end", &end))
    return fail (reader, id, _("the target lacks a quote or a position selector"));
  if (start < 0 || start > end || end > reader->length)
    return fail (reader, id, _("the position is outside the text"));

  range.start = start;
  range.end = end;
  _tessera_webannotation_quote (reader->written->text, cursor, &range, &quote);
  same = g_strcmp0 (quote.exact, get_string (quote_selector, "exact")) == 0 &&
         g_strcmp0 (quote.prefix, get_string (quote_selector, "prefix")) == 0 &&
         g_strcmp0 (quote.suffix, get_string (quote_selector, "suffix")) == 0;
  _tessera_webannotation_quote_clear (&quote);
  if (!same)
    return fail (reader, id, _("the quote is not the text at the position"));
  g_array_append_val (annotation->ranges, range);
  return TRUE;
}

static gboolean
read_annotation (Reader     *reader,
                 JsonObject *item)
{
  g_autoptr(TesseraAnnotationRecord) annotation = tessera_annotation_record_new ();
  const char *id = get_string (item, "id");
  TesseraTextCursor first_range;
  Many targets;

  if (id == NULL || g_hash_table_contains (reader->by_id, id))
    return fail (reader, id, _("the annotation has no id, or the id of another"));
  if (!read_bodies (reader, id, item, annotation))
    return FALSE;
  annotation->annotator = g_strdup (get_string (json_object_get_member (item, "creator") &&
                                                JSON_NODE_HOLDS_OBJECT (json_object_get_member (item, "creator"))
                                                ? json_object_get_object_member (item, "creator")
                                                : NULL, "name"));
  get_many (item, "target", &targets);
  if (targets.length == 0)
    return fail (reader, id, _("the annotation has no target"));
  for (guint i = 0; i < targets.length; i++)
    {
      if (i == 1)
        first_range = reader->cursor;
      if (!read_target (reader, id, many_object (&targets, i), annotation,
                        i == 0 ? &reader->cursor : &first_range))
        return FALSE;
    }
  g_hash_table_insert (reader->by_id, g_strdup (id), annotation);
  g_ptr_array_add (reader->read->annotations, g_steal_pointer (&annotation));
  return TRUE;
}

static TesseraAnnotationRecord *
lookup_target (Reader *reader,
               Many   *targets,
               guint   index)
{
  JsonNode *node = many_element (targets, index);
  const char *id;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  id = json_node_get_string (node);
  return g_hash_table_lookup (reader->by_id, id);
}

/* A claim's source or cue, or a relation: what the body says joins the targets. */
static gboolean
read_link (Reader     *reader,
           JsonObject *item)
{
  const char *id = get_string (item, "id");
  JsonObject *body, *second_body;
  const char *purpose, *value;
  TesseraAnnotationRecord *first, *second;
  Many bodies, targets;

  get_many (item, "body", &bodies);
  get_many (item, "target", &targets);
  body = bodies.length > 0 ? many_object (&bodies, 0) : NULL;
  second_body = bodies.length > 1 ? many_object (&bodies, 1) : NULL;
  purpose = get_string (body, "purpose");
  value = get_string (body, "value");
  if (targets.length != 2 || value == NULL || purpose == NULL || bodies.length > 2)
    return fail (reader, id, _("a linking annotation must have a body and two targets"));
  first = lookup_target (reader, &targets, 0);
  second = lookup_target (reader, &targets, 1);
  if (first == NULL)
    return fail (reader, id, _("the first target is not an annotation of the document"));

  if (strcmp (purpose, "tagging") == 0)
    {
      TesseraRelationRecord *relation = g_new0 (TesseraRelationRecord, 1);

      g_ptr_array_add (reader->read->relations, relation);
      relation->type = g_strdup (value);
      relation->source = first;
      relation->target = second;
      relation->note = g_strdup (get_string (second_body, "value"));
      return second != NULL ||
             fail (reader, id, _("the second target is not an annotation of the document"));
    }
  if (strcmp (purpose, "classifying") != 0 || first->claim == NULL)
    return fail (reader, id, _("the linking annotation is neither a relation nor a claim’s "
                               "source or cue"));
  /* A source is an annotation, an entity (named by the second body), or both. */
  if (strcmp (value, TESSERA_WEBANNOTATION_CUE) == 0 && second != NULL)
    first->claim->cue = second;
  else if (strcmp (value, TESSERA_WEBANNOTATION_SOURCE) == 0 &&
           (second != NULL || get_string (second_body, "value") != NULL))
    {
      first->claim->source_annotation = second;
      if (get_string (second_body, "value") != NULL)
        ensure_entity (reader, &first->claim->source_entity)->name =
          g_strdup (get_string (second_body, "value"));
    }
  else
    return fail (reader, id, _("the claim’s source or cue is not in the document"));
  return TRUE;
}

/**
 * _tessera_webannotation_reader_new:
 * @where: the file, for messages
 * @written: the document the collection was written from, for its text
 * @document_iri: the source of its targets
 * @read: an empty record, which the lines read fill
 */
TesseraWebannotationReader *
_tessera_webannotation_reader_new (const char                  *where,
                                   const TesseraDocumentRecord *written,
                                   const char                  *document_iri,
                                   TesseraWebannotationTags    *tags,
                                   TesseraDocumentRecord       *read)
{
  TesseraWebannotationReader *self = g_new0 (TesseraWebannotationReader, 1);

  self->where = where;
  self->written = written;
  self->document_iri = document_iri;
  self->tags = tags;
  self->read = read;
  self->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->length = tessera_text_length (written->text);
  self->parser = json_parser_new ();
  self->links = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  return self;
}

void
_tessera_webannotation_reader_free (TesseraWebannotationReader *self)
{
  g_hash_table_unref (self->by_id);
  g_object_unref (self->parser);
  g_ptr_array_unref (self->links);
  g_free (self);
}

/* The line as JSON: its root node, owned by the parser until the next line. */
static JsonNode *
parse_line (Reader     *reader,
            const char *line,
            gsize       length)
{
  g_autoptr(GError) local_error = NULL;

  if (!json_parser_load_from_data (reader->parser, line, length, &local_error))
    {
      fail (reader, reader->written->info.title, local_error->message);
      return NULL;
    }
  return json_parser_get_root (reader->parser);
}

/**
 * _tessera_webannotation_reader_head:
 * @line: (array length=length): the collection up to the "[" that opens its items
 *
 * Returns: %FALSE with @error set when the head is not what the export writes
 */
gboolean
_tessera_webannotation_reader_head (TesseraWebannotationReader  *self,
                                    const char                  *line,
                                    gsize                        length,
                                    GError                     **error)
{
  g_autofree char *whole = g_strconcat (line, "]}}", NULL);
  JsonObject *collection, *page;
  JsonNode *root;

  self->error = error;
  root = parse_line (self, whole, length + 3);
  if (root == NULL)
    return FALSE;
  collection = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  page = collection != NULL && json_object_get_member (collection, "first") != NULL &&
         JSON_NODE_HOLDS_OBJECT (json_object_get_member (collection, "first"))
         ? json_object_get_object_member (collection, "first") : NULL;
  if (page == NULL ||
      g_strcmp0 (get_string (collection, "@context"), TESSERA_WEBANNOTATION_CONTEXT) != 0 ||
      g_strcmp0 (get_string (collection, "type"), "AnnotationCollection") != 0 ||
      g_strcmp0 (get_string (page, "type"), "AnnotationPage") != 0 ||
      !get_int (collection, "total", &self->total))
    return fail (self, self->written->info.title,
                 _("the collection does not have the context, type, total and first page "
                   "that were written"));
  if (get_string (collection, "label") != NULL && *get_string (collection, "label") != '\0')
    self->read->info.title = g_strdup (get_string (collection, "label"));
  return TRUE;
}

/**
 * _tessera_webannotation_reader_items:
 * @json: (array length=length): a JSON array of items of the collection: lines of the
 *   file, parsed a batch at a time
 *
 * Reads the annotations; the linking ones are kept for
 * _tessera_webannotation_reader_finish(), since they may name annotations that come after.
 */
gboolean
_tessera_webannotation_reader_items (TesseraWebannotationReader  *self,
                                     const char                  *json,
                                     gsize                        length,
                                     GError                     **error)
{
  JsonNode *root;
  JsonArray *items;

  self->error = error;
  root = parse_line (self, json, length);
  if (root == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_ARRAY (root))
    return fail (self, NULL, _("an item of the collection is not an annotation"));
  items = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      self->n_items++;
      if (item == NULL || g_strcmp0 (get_string (item, "type"), "Annotation") != 0)
        return fail (self, NULL, _("an item of the collection is not an annotation"));
      if (g_strcmp0 (get_string (item, "motivation"), "linking") == 0)
        g_ptr_array_add (self->links, json_node_ref (node));
      else if (!read_annotation (self, item))
        return FALSE;
    }
  return TRUE;
}

/* The linking annotations, once the annotations they name are read; and the count. */
gboolean
_tessera_webannotation_reader_finish (TesseraWebannotationReader  *self,
                                      GError                     **error)
{
  self->error = error;
  if (self->n_items != self->total)
    return fail (self, self->written->info.title,
                 _("the collection does not hold as many annotations as its total says"));
  for (guint i = 0; i < self->links->len; i++)
    {
      if (!read_link (self, json_node_get_object (g_ptr_array_index (self->links, i))))
        return FALSE;
    }
  return TRUE;
}
