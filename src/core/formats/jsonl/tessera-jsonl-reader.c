/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-import"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "tessera-jsonl-private.h"

#include "tessera-project-files-private.h"
#include "tessera-text-importer.h"
#include "tessera-text.h"
#include "tessera-vocabulary.h"

/*
 * doccano JSONL: one JSON object per line, one document per object, as doccano imports
 * and exports them. Sequence labelling: {"text": …, "label": [[start, end, "LABEL"], …]}
 * ("labels" in older versions); relation extraction: {"text": …, "entities": [{"id",
 * "label", "start_offset", "end_offset"}], "relations": [{"id", "from_id", "to_id",
 * "type"}]}. Offsets count code points, as Python's strings do. Every other key is the
 * document's metadata: the bibliographic ones fill its record, the others become its
 * attributes. A claim's source and cue are relations "source" and "cue" from the claim.
 *
 * The file is read a line at a time (one JsonParser per line), so that the exporter's
 * read-back holds one document at a time, whatever the corpus.
 */

struct _TesseraJsonlReader
{
  TesseraStore      *store;
  GDataInputStream  *input;
  GCancellable      *cancellable;
  char              *display_name;
  char              *source_path;   /* the file, as documents record it */
  guint              line;          /* the last line read, from 1 */
  JsonParser        *parser;
  GHashTable        *types;         /* label as read → TesseraAnnotationType (owned) */
  GPtrArray         *new_types;     /* TesseraAnnotationType the project lacks */
};

static const char * const meta_keys[TESSERA_JSONL_N_META] = {
  [TESSERA_JSONL_META_TITLE] = "title",
  [TESSERA_JSONL_META_AUTHOR] = "author",
  [TESSERA_JSONL_META_SOURCE_URL] = "source_url",
  [TESSERA_JSONL_META_PUBLISHER] = "publisher",
  [TESSERA_JSONL_META_DATE] = "date",
  [TESSERA_JSONL_META_LANGUAGE] = "language",
  [TESSERA_JSONL_META_LICENCE] = "licence",
};

/* The metadata key @key is, or -1. */
static int
find_meta (const char *key)
{
  for (guint i = 0; i < TESSERA_JSONL_N_META; i++)
    {
      if (g_str_equal (key, meta_keys[i]))
        return i;
    }
  return -1;
}

const char *
_tessera_jsonl_meta_key (TesseraJsonlMeta meta)
{
  g_return_val_if_fail (meta < TESSERA_JSONL_N_META, NULL);
  return meta_keys[meta];
}

/* Where the metadata key @meta goes in a document's record. */
char **
_tessera_jsonl_meta_field (TesseraDocumentInfo *info,
                           TesseraJsonlMeta     meta)
{
  switch (meta)
    {
    case TESSERA_JSONL_META_TITLE: return &info->title;
    case TESSERA_JSONL_META_AUTHOR: return &info->author;
    case TESSERA_JSONL_META_SOURCE_URL: return &info->source_url;
    case TESSERA_JSONL_META_PUBLISHER: return &info->publisher;
    case TESSERA_JSONL_META_DATE: return &info->publication_date;
    case TESSERA_JSONL_META_LANGUAGE: return &info->language;
    case TESSERA_JSONL_META_LICENCE: return &info->licence;
    case TESSERA_JSONL_N_META:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The keys a document's attributes cannot take: doccano's own, and the metadata's. */
gboolean
_tessera_jsonl_is_reserved_key (const char *key)
{
  static const char * const reserved[] = {
    TESSERA_JSONL_KEY_ID, TESSERA_JSONL_KEY_TEXT, TESSERA_JSONL_KEY_LABEL,
    TESSERA_JSONL_KEY_LABELS, TESSERA_JSONL_KEY_ENTITIES, TESSERA_JSONL_KEY_RELATIONS, NULL
  };

  return find_meta (key) >= 0 || g_strv_contains (reserved, key);
}

/**
 * _tessera_jsonl_reader_new:
 * @store: the project the documents are read for: its tagset names their labels
 * @path: a JSONL file
 *
 * Returns: (transfer full): a reader of @path's lines, or %NULL with @error set
 */
TesseraJsonlReader *
_tessera_jsonl_reader_new (TesseraStore  *store,
                           const char    *path,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(TesseraJsonlReader) self = g_new0 (TesseraJsonlReader, 1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);

  self->store = g_object_ref (store);
  self->display_name = g_filename_display_basename (path);
  /* A text column holds text: a name that is not UTF-8 is stored as it is shown. */
  self->source_path = g_filename_display_name (canonical);
  self->parser = json_parser_new ();
  self->types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->new_types = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;

  /* A project is not a corpus; and this process may have it open (its locks). */
  if (!_tessera_project_files_check_readable (path, error))
    return NULL;
  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;
  self->input = g_data_input_stream_new (G_INPUT_STREAM (stream));
  g_buffered_input_stream_set_buffer_size (G_BUFFERED_INPUT_STREAM (self->input), 256 * 1024);
  g_data_input_stream_set_newline_type (self->input, G_DATA_STREAM_NEWLINE_TYPE_LF);
  return g_steal_pointer (&self);
}

void
_tessera_jsonl_reader_free (TesseraJsonlReader *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->input);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->parser);
  g_clear_object (&self->store);
  g_hash_table_unref (self->types);
  g_ptr_array_unref (self->new_types);
  g_free (self->display_name);
  g_free (self->source_path);
  g_free (self);
}

/* The line last read, from 1: for a message. */
guint
_tessera_jsonl_reader_get_line (TesseraJsonlReader *self)
{
  return self->line;
}

/* The types the documents read need and the project lacks go to @batch, to be added. */
void
_tessera_jsonl_reader_steal_into (TesseraJsonlReader *self,
                                  TesseraImportBatch *batch)
{
  for (guint i = 0; i < self->new_types->len; i++)
    g_ptr_array_add (batch->new_types, g_object_ref (g_ptr_array_index (self->new_types, i)));
  g_ptr_array_set_size (self->new_types, 0);
}

static gboolean G_GNUC_PRINTF (3, 4)
set_line_error (TesseraJsonlReader  *self,
                GError             **error,
                const char          *format,
                ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: "corpus.jsonl, line 12: the entity 3 has no “label”" */
  g_set_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_FAILED, _("%s, line %u: %s"),
               self->display_name, self->line, what);
  return FALSE;
}

/* Every string Tessera stores is one an XML file can carry (tessera_text_find_non_xml()). */
static gboolean
check_string (TesseraJsonlReader  *self,
              const char          *what,
              const char          *value,
              GError             **error)
{
  guint offset;
  gunichar c;

  if (!tessera_text_find_non_xml (value, -1, &offset, &c))
    return TRUE;
  if (c == (gunichar) -1)
    return set_line_error (self, error, _("%s is not valid UTF-8 at character %u"),
                           what, offset + 1);
  return set_line_error (self, error,
                         _("%s holds the control character U+%04X at character %u, which "
                           "cannot be annotated"), what, (guint) c, offset + 1);
}

/* Longest part of json-glib's message kept: it may quote a whole string of the line. */
#define PARSE_MESSAGE_MAX_LENGTH 200

/* json-glib says "<data>:1:34: Parse error: unexpected character"; the user reads "column
 * 34: unexpected character". The string it quotes may hold what is not UTF-8 (a lone
 * surrogate) and be a whole article long. */
static gboolean
set_parse_error (TesseraJsonlReader  *self,
                 const GError        *parse_error,
                 GError             **error)
{
  g_autofree char *valid = g_utf8_make_valid (parse_error->message, -1);
  g_autofree char *shortened = NULL;
  const char *message = valid;
  const char *p = g_str_has_prefix (message, "<data>:") ? message + strlen ("<data>:") : NULL;
  const char *parse = strstr (message, "Parse error: ");
  guint64 column = 0;
  char *end;

  if (p != NULL)
    {
      /* Line (always 1: a line is parsed alone), then column. */
      g_ascii_strtoull (p, &end, 10);
      if (*end == ':')
        column = g_ascii_strtoull (end + 1, &end, 10);
    }
  if (parse != NULL)
    message = parse + strlen ("Parse error: ");
  if (g_utf8_strlen (message, -1) > PARSE_MESSAGE_MAX_LENGTH)
    {
      const char *cut = g_utf8_offset_to_pointer (message, PARSE_MESSAGE_MAX_LENGTH);

      shortened = g_strdup_printf ("%.*s…", (int) (cut - message), message);
      message = shortened;
    }
  if (column > 0)
    return set_line_error (self, error, _("column %u: %s"), (guint) column, message);
  return set_line_error (self, error, _("this is not JSON: %s"), message);
}

/* An integer member, or -1 with the error set. */
static gint64
get_offset (TesseraJsonlReader  *self,
            JsonNode            *node,
            const char          *what,
            GError             **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    {
      set_line_error (self, error, _("%s has an offset that is not a whole number"), what);
      return -1;
    }
  if (json_node_get_int (node) < 0)
    {
      set_line_error (self, error, _("%s has a negative offset"), what);
      return -1;
    }
  /* No text Tessera imports is that long: it is past the end of any. */
  if (json_node_get_int (node) > G_MAXINT32)
    {
      set_line_error (self, error, _("%s has an offset past the end of the text"), what);
      return -1;
    }
  return json_node_get_int (node);
}

/* The member @key of @object as a string, or NULL with the error set. */
static const char *
get_string (TesseraJsonlReader  *self,
            JsonObject          *object,
            const char          *key,
            const char          *what,
            GError             **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      set_line_error (self, error, _("%s has no “%s” string"), what, key);
      return NULL;
    }
  if (!check_string (self, key, json_node_get_string (node), error))
    return NULL;
  return json_node_get_string (node);
}

/* An entity's or relation's id, as text: doccano writes numbers, others strings. */
static char *
dup_id (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return NULL;
}

static gboolean
is_new_key (TesseraJsonlReader *self,
            const char         *key)
{
  g_autoptr(TesseraAnnotationType) known = tessera_store_find_annotation_type (self->store, key);

  if (known != NULL)
    return FALSE;
  for (guint i = 0; i < self->new_types->len; i++)
    {
      if (g_ascii_strcasecmp (tessera_annotation_type_get_key (g_ptr_array_index (self->new_types,
                                                                                  i)), key) == 0)
        return FALSE;
    }
  return TRUE;
}

/* A key for a label the project lacks: letters, digits, "-" and "_", taken by no type
 * ("Lieu-dit" and "Lieu dit" become two types, "Lieu-dit" and "Lieu-dit-2"). */
static char *
dup_new_key (TesseraJsonlReader *self,
             const char         *label)
{
  g_autofree char *base = g_strdup (label);
  char *key;

  for (char *c = base; *c; c++)
    {
      if (!g_ascii_isalnum (*c) && *c != '-' && *c != '_')
        *c = '-';
    }
  key = g_strdup (base);
  for (guint n = 2; !is_new_key (self, key); n++)
    {
      g_free (key);
      key = g_strdup_printf ("%s-%u", base, n);
    }
  return key;
}

/* The project's type of that key or label; else a new entity type, keyed after it. */
static TesseraAnnotationType *
lookup_type (TesseraJsonlReader *self,
             const char         *label)
{
  TesseraAnnotationType *type = g_hash_table_lookup (self->types, label);
  GListModel *tagset = tessera_store_get_tagset (self->store);
  g_autofree char *key = NULL;

  if (type != NULL)
    return type;
  /* A key first (what Tessera writes), then a label or a key in another case. */
  for (guint i = 0; type == NULL && i < g_list_model_get_n_items (tagset); i++)
    {
      g_autoptr(TesseraAnnotationType) candidate = g_list_model_get_item (tagset, i);

      if (g_str_equal (tessera_annotation_type_get_key (candidate), label))
        type = g_steal_pointer (&candidate);
    }
  if (type == NULL)
    type = tessera_store_find_annotation_type (self->store, label);
  if (type == NULL)
    {
      key = dup_new_key (self, label);
      type = tessera_annotation_type_new (key, label, TESSERA_KIND_ENTITY);
      tessera_annotation_type_set_tei (type, tessera_kind_get_tei_element (TESSERA_KIND_ENTITY),
                                       NULL);
      g_ptr_array_add (self->new_types, g_object_ref (type));
    }
  g_hash_table_insert (self->types, g_strdup (label), type);
  return type;
}

/* Room for "entity 12345" in any language, without an allocation per entity. */
#define WHAT_SIZE 128

typedef struct
{
  GPtrArray *annotations;   /* TesseraAnnotationRecord, in the line's order */
  GArray    *offsets;       /* guint: every start and end, to map when the text changes */
  guint      length;        /* the text's, in code points */
} Spans;

static gboolean
add_span (TesseraJsonlReader       *self,
          Spans                    *spans,
          const char               *what,
          gint64                    start,
          gint64                    end,
          const char               *label,
          TesseraAnnotationRecord **out_annotation,
          GError                  **error)
{
  TesseraAnnotationRecord *annotation;
  TesseraRange range;

  if (*label == '\0')
    return set_line_error (self, error, _("%s has an empty label"), what);
  if (start >= end)
    return set_line_error (self, error, _("%s (%s) starts at character %u and ends at %u: it "
                                          "must end after it starts"),
                           what, label, (guint) start, (guint) end);
  if (end > spans->length)
    return set_line_error (self, error, _("%s (%s) ends at character %u, past the end of the "
                                          "text (%u characters)"),
                           what, label, (guint) end, spans->length);
  annotation = tessera_annotation_record_new ();
  annotation->type = g_object_ref (lookup_type (self, label));
  if (tessera_annotation_type_carries_claim (annotation->type))
    annotation->claim = g_new0 (TesseraClaimRecord, 1);
  range.start = start;
  range.end = end;
  g_array_append_val (annotation->ranges, range);
  g_array_append_val (spans->offsets, range.start);
  g_array_append_val (spans->offsets, range.end);
  g_ptr_array_add (spans->annotations, annotation);
  if (out_annotation != NULL)
    *out_annotation = annotation;
  return TRUE;
}

/* [start, end, "LABEL"], the sequence-labelling form. */
static gboolean
read_labels (TesseraJsonlReader  *self,
             JsonArray           *labels,
             Spans               *spans,
             GError             **error)
{
  for (guint i = 0; i < json_array_get_length (labels); i++)
    {
      JsonNode *node = json_array_get_element (labels, i);
      char what[WHAT_SIZE];
      JsonArray *label;
      const char *name;
      gint64 start, end;

      g_snprintf (what, sizeof what, _("label %u"), i + 1);
      label = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
      if (label == NULL || json_array_get_length (label) != 3 ||
          !JSON_NODE_HOLDS_VALUE (json_array_get_element (label, 2)) ||
          json_node_get_value_type (json_array_get_element (label, 2)) != G_TYPE_STRING)
        return set_line_error (self, error, _("%s is not [start, end, \"LABEL\"]"), what);
      name = json_array_get_string_element (label, 2);
      if (!check_string (self, what, name, error) ||
          (start = get_offset (self, json_array_get_element (label, 0), what, error)) < 0 ||
          (end = get_offset (self, json_array_get_element (label, 1), what, error)) < 0 ||
          !add_span (self, spans, what, start, end, name, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* The element @i of @array, an object; or NULL with the error set. */
static JsonObject *
get_object_element (TesseraJsonlReader  *self,
                    JsonArray           *array,
                    guint                i,
                    const char          *what,
                    GError             **error)
{
  JsonNode *node = json_array_get_element (array, i);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_line_error (self, error, _("%s is not an object"), what);
      return NULL;
    }
  return json_node_get_object (node);
}

/* {"id", "label", "start_offset", "end_offset"}, the relation-extraction form. */
static gboolean
read_entities (TesseraJsonlReader  *self,
               JsonArray           *entities,
               Spans               *spans,
               GHashTable          *by_id,
               GError             **error)
{
  for (guint i = 0; i < json_array_get_length (entities); i++)
    {
      char what[WHAT_SIZE];
      g_autofree char *id = NULL;
      TesseraAnnotationRecord *annotation;
      JsonObject *entity;
      const char *label;
      gint64 start, end;

      g_snprintf (what, sizeof what, _("entity %u"), i + 1);
      if ((entity = get_object_element (self, entities, i, what, error)) == NULL)
        return FALSE;
      id = dup_id (json_object_get_member (entity, "id"));
      if (id == NULL)
        return set_line_error (self, error, _("%s has no “%s”"), what, "id");
      if (g_hash_table_contains (by_id, id))
        return set_line_error (self, error, _("%s has the id %s of an earlier one"), what, id);
      if ((label = get_string (self, entity, "label", what, error)) == NULL ||
          (start = get_offset (self, json_object_get_member (entity, "start_offset"),
                               what, error)) < 0 ||
          (end = get_offset (self, json_object_get_member (entity, "end_offset"),
                             what, error)) < 0 ||
          !add_span (self, spans, what, start, end, label, &annotation, error))
        return FALSE;
      g_hash_table_insert (by_id, g_steal_pointer (&id), annotation);
    }
  return TRUE;
}

/* The entity that the member @key of @relation names; NULL with the error set. */
static TesseraAnnotationRecord *
lookup_end (TesseraJsonlReader  *self,
            GHashTable          *by_id,
            JsonObject          *relation,
            const char          *key,
            const char          *what,
            GError             **error)
{
  g_autofree char *id = dup_id (json_object_get_member (relation, key));
  TesseraAnnotationRecord *annotation = id != NULL ? g_hash_table_lookup (by_id, id) : NULL;

  if (id == NULL)
    set_line_error (self, error, _("%s has no “%s”"), what, key);
  else if (annotation == NULL)
    set_line_error (self, error, _("%s joins the entity %s, which the line does not hold"),
                    what, id);
  return annotation;
}

/* A relation; "source" and "cue" from a claim are its source and cue. */
static gboolean
read_relations (TesseraJsonlReader     *self,
                JsonArray              *relations,
                GHashTable             *by_id,
                TesseraDocumentRecord  *document,
                GError                **error)
{
  for (guint i = 0; i < json_array_get_length (relations); i++)
    {
      TesseraAnnotationRecord *from, *to;
      TesseraRelationRecord *relation;
      JsonObject *object;
      const char *type;
      char what[WHAT_SIZE];

      g_snprintf (what, sizeof what, _("relation %u"), i + 1);
      if ((object = get_object_element (self, relations, i, what, error)) == NULL ||
          (type = get_string (self, object, "type", what, error)) == NULL ||
          (from = lookup_end (self, by_id, object, "from_id", what, error)) == NULL ||
          (to = lookup_end (self, by_id, object, "to_id", what, error)) == NULL)
        return FALSE;
      if (from == to)
        return set_line_error (self, error, _("%s joins an entity to itself"), what);
      if (from->claim != NULL && g_str_equal (type, TESSERA_JSONL_RELATION_SOURCE) &&
          from->claim->source_annotation == NULL)
        {
          from->claim->source_annotation = to;
          continue;
        }
      if (from->claim != NULL && g_str_equal (type, TESSERA_JSONL_RELATION_CUE) &&
          from->claim->cue == NULL)
        {
          from->claim->cue = to;
          continue;
        }
      relation = g_new0 (TesseraRelationRecord, 1);
      relation->type = g_strdup (type);
      relation->source = from;
      relation->target = to;
      g_ptr_array_add (document->relations, relation);
    }
  return TRUE;
}

/* Line ends as the project holds them (LF), in NFC. */
static char *
dup_normalized (const char *text,
                gsize       length)
{
  g_autoptr(GString) lines = g_string_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] != '\r')
        g_string_append_c (lines, text[i]);
      else
        {
          g_string_append_c (lines, '\n');
          if (i + 1 < length && text[i + 1] == '\n')
            i++;
        }
    }
  return tessera_text_to_nfc (lines->str);
}

static int
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* A text with CR or not in NFC becomes the project's form; the offsets follow it. Each
 * stretch between two offsets is normalised alone: if together they are not the whole
 * text normalised, an offset falls inside what normalisation joins (a letter and its
 * accent, CR and LF), and the line is refused. */
static gboolean
normalize_text (TesseraJsonlReader     *self,
                TesseraDocumentRecord  *document,
                Spans                  *spans,
                GError                **error)
{
  g_autoptr(GString) joined = g_string_new (NULL);
  g_autofree char *whole = NULL;
  g_autoptr(GArray) mapped = g_array_sized_new (FALSE, FALSE, sizeof (guint), 0);
  GArray *offsets = spans->offsets;
  const char *previous = document->text;
  guint at = 0;
  guint length = 0;

  if (strchr (document->text, '\r') == NULL && tessera_text_is_nfc (document->text))
    return TRUE;

  g_array_append_val (offsets, spans->length);
  g_array_sort (offsets, compare_offsets);
  for (guint i = 0; i < offsets->len; i++)
    {
      guint offset = g_array_index (offsets, guint, i);
      const char *end = g_utf8_offset_to_pointer (previous, offset - at);
      g_autofree char *part = dup_normalized (previous, end - previous);

      g_string_append (joined, part);
      length += g_utf8_strlen (part, -1);
      g_array_append_val (mapped, length);
      previous = end;
      at = offset;
    }
  whole = dup_normalized (document->text, strlen (document->text));
  if (!g_str_equal (whole, joined->str))
    return set_line_error (self, error,
                           _("an annotation starts or ends between a letter and its accent, "
                             "or between a carriage return and its line feed"));

  for (guint i = 0; i < spans->annotations->len; i++)
    {
      TesseraAnnotationRecord *annotation = g_ptr_array_index (spans->annotations, i);
      TesseraRange *range = &g_array_index (annotation->ranges, TesseraRange, 0);
      guint *start = bsearch (&range->start, offsets->data, offsets->len, sizeof (guint),
                              compare_offsets);
      guint *end = bsearch (&range->end, offsets->data, offsets->len, sizeof (guint),
                            compare_offsets);

      range->start = g_array_index (mapped, guint, start - (guint *) (gpointer) offsets->data);
      range->end = g_array_index (mapped, guint, end - (guint *) (gpointer) offsets->data);
      if (range->start >= range->end)
        return set_line_error (self, error,
                               _("an annotation covers only a carriage return, which "
                                 "becomes part of a line end"));
    }
  g_free (document->text);
  document->text = g_steal_pointer (&whole);
  return TRUE;
}

/* The value of a metadata key as text: a string as it is, anything else as its JSON. */
static char *
dup_meta_value (JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if ((JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) == 0) ||
      (JSON_NODE_HOLDS_OBJECT (node) && json_object_get_size (json_node_get_object (node)) == 0))
    return NULL;
  return json_to_string (node, FALSE);
}

/* The bibliographic keys fill the record; the others, but doccano's, become attributes. */
static gboolean
read_metadata (TesseraJsonlReader     *self,
               JsonObject             *object,
               TesseraDocumentRecord  *document,
               GError                **error)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &key, &node))
    {
      g_autofree char *value = NULL;
      int meta = find_meta (key);
      char **field;

      if (meta < 0 && _tessera_jsonl_is_reserved_key (key))
        continue;
      value = dup_meta_value (node);
      if (value == NULL)
        continue;
      if (!check_string (self, _("a key"), key, error) ||
          !check_string (self, key, value, error))
        return FALSE;
      if (meta >= 0)
        {
          field = _tessera_jsonl_meta_field (&document->info, meta);
          g_free (*field);
          *field = g_steal_pointer (&value);
          continue;
        }
      if (document->attributes == NULL)
        document->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (document->attributes, g_strdup (key), g_steal_pointer (&value));
    }
  return TRUE;
}

/* A document without a title is named after its first line, as a text file is. */
static void
ensure_title (TesseraDocumentRecord *document)
{
  const char *end = strchr (document->text, '\n');
  gsize length = end != NULL ? (gsize) (end - document->text) : strlen (document->text);
  g_autofree char *line = NULL;
  g_autofree char *prepared = NULL;

  if (document->info.title != NULL && *document->info.title != '\0')
    return;
  /* The title keeps 200 characters at most: a few more are enough to cut it. */
  if (length > 1024)
    length = g_utf8_find_prev_char (document->text, document->text + 1025) - document->text;
  line = g_strndup (document->text, length);
  prepared = tessera_import_prepare_text ("", line, strlen (line), &document->info.title, NULL);
}

static JsonArray *
get_array (TesseraJsonlReader  *self,
           JsonObject          *object,
           const char          *key,
           GError             **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    set_line_error (self, error, _("“%s” is not a list"), key);
  return JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* One line's object as a document record. */
static TesseraDocumentRecord *
read_document (TesseraJsonlReader  *self,
               JsonObject          *object,
               GError             **error)
{
  g_autoptr(TesseraDocumentRecord) document = tessera_document_record_new ();
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  GError *local_error = NULL;
  JsonArray *entities, *labels, *relations;
  const char *text;
  Spans spans;

  if ((text = get_string (self, object, TESSERA_JSONL_KEY_TEXT, _("the line"), error)) == NULL)
    return NULL;
  if (*text == '\0')
    {
      set_line_error (self, error, _("the text is empty"));
      return NULL;
    }
  document->text = g_strdup (text);
  spans.annotations = document->annotations;
  spans.offsets = offsets;
  spans.length = g_utf8_strlen (text, -1);

  entities = get_array (self, object, TESSERA_JSONL_KEY_ENTITIES, &local_error);
  labels = local_error ? NULL : get_array (self, object, TESSERA_JSONL_KEY_LABEL, &local_error);
  if (labels == NULL && local_error == NULL)
    labels = get_array (self, object, TESSERA_JSONL_KEY_LABELS, &local_error);
  relations = local_error ? NULL : get_array (self, object, TESSERA_JSONL_KEY_RELATIONS,
                                              &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if ((entities != NULL && !read_entities (self, entities, &spans, by_id, error)) ||
      (entities == NULL && labels != NULL && !read_labels (self, labels, &spans, error)) ||
      (relations != NULL && !read_relations (self, relations, by_id, document, error)) ||
      !normalize_text (self, document, &spans, error) ||
      !read_metadata (self, object, document, error))
    return NULL;
  ensure_title (document);
  document->info.source_path = g_strdup (self->source_path);
  return g_steal_pointer (&document);
}

/* The next line that is not blank, or NULL at the end or on error. */
static char *
read_line (TesseraJsonlReader  *self,
           gsize               *out_length,
           GError             **error)
{
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line (self->input, out_length,
                                                             self->cancellable, error);
      const char *start;
      const char *invalid;

      if (line == NULL)
        return NULL;
      self->line++;
      if (memchr (line, '\0', *out_length) != NULL)
        {
          set_line_error (self, error, _("this is a binary file (byte %u of the line is NUL), "
                                         "not JSON Lines"),
                          (guint) ((const char *) memchr (line, '\0', *out_length) - line) + 1);
          return NULL;
        }
      if (!g_utf8_validate_len (line, *out_length, &invalid))
        {
          set_line_error (self, error, _("character %u is not valid UTF-8; save the file as "
                                         "UTF-8 and import it again"),
                          (guint) g_utf8_strlen (line, invalid - line) + 1);
          return NULL;
        }
      start = line;
      /* A byte-order mark is not JSON, but editors write it. */
      if (self->line == 1 && g_str_has_prefix (start, "\xEF\xBB\xBF"))
        start += 3;
      while (g_ascii_isspace (*start))
        start++;
      if (*start != '\0')
        {
          *out_length -= start - line;
          memmove (line, start, *out_length + 1);
          return g_steal_pointer (&line);
        }
    }
}

/**
 * _tessera_jsonl_reader_next:
 * @out_end: (out): set to %TRUE when there is no line left
 *
 * Reads the next line that is not blank as a document record.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL at the end (with @out_end
 *   set) or with @error set
 */
TesseraDocumentRecord *
_tessera_jsonl_reader_next (TesseraJsonlReader  *self,
                            gboolean            *out_end,
                            GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *line = NULL;
  JsonNode *root;
  gsize length = 0;

  *out_end = FALSE;
  line = read_line (self, &length, &local_error);
  if (line == NULL)
    {
      *out_end = local_error == NULL;
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!json_parser_load_from_data (self->parser, line, length, &local_error))
    {
      set_parse_error (self, local_error, error);
      return NULL;
    }
  root = json_parser_get_root (self->parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_line_error (self, error, _("this is not a JSON object {…}, one document per line"));
      return NULL;
    }
  return read_document (self, json_node_get_object (root), error);
}
