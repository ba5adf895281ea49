/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-webannotation"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "tessera-webannotation-exporter.h"

#include "tessera-format-compare.h"
#include "tessera-webannotation-private.h"

/*
 * The W3C Web Annotation Data Model in JSON-LD, as Recogito and Hypothesis exchange it: a
 * JSON array with an AnnotationCollection per document, each on a line of its own, whose
 * first AnnotationPage holds the annotations. An annotation targets the document (its
 * source URL, or urn:tessera:text:SHA-256 of its text) through a TextQuoteSelector (the
 * text, with 32 code points of context each side) and a TextPositionSelector (offsets in
 * code points, as the model counts characters); a discontinuous one has a target per
 * range. Its bodies: the type as a tagging TextualBody, the entity's name and authority
 * URIs as identifying bodies, the note as a commenting one, a claim's fields as
 * classifying or describing ones. A claim's source and cue and the relations are linking
 * annotations whose targets are the ids of the annotations they join, in order.
 *
 * Each collection is written as it is built, an annotation at a time; the read-back
 * (tessera-webannotation-reader.c) parses the file a line, so a collection, at a time.
 */

struct _TesseraWebannotationExporter
{
  TesseraExporter           parent_instance;

  /* During an export */
  TesseraStore             *store;
  TesseraWebannotationTags  tags;
  GArray                   *written;     /* gint64: the documents of the file, in order */
  guint                     n_status;    /* annotations whose status is not carried */
  JsonBuilder              *builder;
  JsonGenerator            *generator;
  GString                  *json;
};

G_DEFINE_FINAL_TYPE (TesseraWebannotationExporter, tessera_webannotation_exporter,
                     TESSERA_TYPE_EXPORTER)

static const char * const webannotation_extensions[] = { "jsonld", "json", NULL };

/* How much of a collection's items the read-back parses at a time. */
#define BATCH_BYTES (16 * 1024)

/* What the read-back compares. */
#define WEBANNOTATION_CARRIES (TESSERA_CARRIES_TITLE | TESSERA_CARRIES_RANGES | \
                               TESSERA_CARRIES_ENTITIES | TESSERA_CARRIES_AUTHORITIES | \
                               TESSERA_CARRIES_CLAIM_FIELDS | TESSERA_CARRIES_CLAIM_ROLES | \
                               TESSERA_CARRIES_RELATIONS | TESSERA_CARRIES_NOTES | \
                               TESSERA_CARRIES_ANNOTATOR)

/* The document's IRI, and the prefix of its annotations' ids. */
static void
document_iris (const TesseraDocumentRecord  *document,
               char                        **out_source,
               char                        **out_base)
{
  g_autofree char *sha256 = tessera_text_sha256 (document->text);

  *out_base = g_strconcat ("urn:tessera:text:", sha256, NULL);
  *out_source = document->info.source_url != NULL && *document->info.source_url != '\0'
                ? g_strdup (document->info.source_url) : g_strdup (*out_base);
}

static char *
dup_annotation_iri (const char                    *base,
                    const TesseraAnnotationRecord *annotation)
{
  return g_strdup_printf ("%s:annotation:%" G_GINT64_FORMAT, base, annotation->id);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_body (JsonBuilder *builder,
          const char  *type,
          const char  *purpose,
          const char  *member,
          const char  *value)
{
  json_builder_begin_object (builder);
  add_string (builder, "type", type);
  add_string (builder, "purpose", purpose);
  add_string (builder, member, value);
  json_builder_end_object (builder);
}

static void
add_creator (JsonBuilder *builder,
             const char  *annotator)
{
  if (annotator == NULL || *annotator == '\0')
    return;
  json_builder_set_member_name (builder, "creator");
  json_builder_begin_object (builder);
  add_string (builder, "type", "Person");
  add_string (builder, "name", annotator);
  json_builder_end_object (builder);
}

static void
add_target (JsonBuilder        *builder,
            const char         *source,
            const char         *text,
            TesseraTextCursor  *cursor,
            const TesseraRange *range)
{
  TesseraWebannotationQuote quote;

  _tessera_webannotation_quote (text, cursor, range, &quote);
  json_builder_begin_object (builder);
  add_string (builder, "source", source);
  json_builder_set_member_name (builder, "selector");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  add_string (builder, "type", "TextQuoteSelector");
  add_string (builder, "exact", quote.exact);
  add_string (builder, "prefix", quote.prefix);
  add_string (builder, "suffix", quote.suffix);
  json_builder_end_object (builder);
  json_builder_begin_object (builder);
  add_string (builder, "type", "TextPositionSelector");
  json_builder_set_member_name (builder, "start");
  json_builder_add_int_value (builder, range->start);
  json_builder_set_member_name (builder, "end");
  json_builder_add_int_value (builder, range->end);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  _tessera_webannotation_quote_clear (&quote);
}

static void
add_bodies (TesseraWebannotationExporter  *self,
            const TesseraAnnotationRecord *annotation)
{
  JsonBuilder *builder = self->builder;
  const TesseraEntityRecord *entity = annotation->entity;

  json_builder_set_member_name (builder, "body");
  json_builder_begin_array (builder);
  add_body (builder, "TextualBody", "tagging", "value",
            g_hash_table_lookup (self->tags.by_key,
                                 tessera_annotation_type_get_key (annotation->type)));
  if (entity != NULL && entity->name != NULL && *entity->name != '\0')
    add_body (builder, "TextualBody", "identifying", "value", entity->name);
  for (guint i = 0; entity != NULL && i < entity->authorities->len; i++)
    add_body (builder, "SpecificResource", "identifying", "source",
              g_array_index (entity->authorities, TesseraAuthority, i).uri);
  if (annotation->note != NULL && *annotation->note != '\0')
    add_body (builder, "TextualBody", "commenting", "value", annotation->note);
  for (guint i = 0; annotation->claim != NULL && i < TESSERA_WEBANNOTATION_N_CLAIM_FIELDS; i++)
    {
      const TesseraWebannotationClaimField *field = &tessera_webannotation_claim_fields[i];
      const char *value = TESSERA_WEBANNOTATION_CLAIM_FIELD (annotation->claim, field);
      g_autofree char *body = NULL;

      if (value == NULL || *value == '\0')
        continue;
      body = g_strdup_printf ("%s: %s", field->name, value);
      add_body (builder, "TextualBody", field->purpose, "value", body);
    }
  json_builder_end_array (builder);
}

/* The item built last, on a line of its own (after a comma unless @first), in self->json. */
static void
generate_item (TesseraWebannotationExporter *self,
               gboolean                      first)
{
  g_autoptr(JsonNode) root = json_builder_get_root (self->builder);

  g_string_assign (self->json, first ? "\n" : ",\n");
  json_generator_set_root (self->generator, root);
  json_generator_to_gstring (self->generator, self->json);
  json_builder_reset (self->builder);
}

static gboolean
write_item (TesseraWebannotationExporter  *self,
            GOutputStream                 *stream,
            gboolean                       first,
            GError                       **error)
{
  generate_item (self, first);
  return g_output_stream_write_all (stream, self->json->str, self->json->len, NULL, NULL, error);
}

static void
build_annotation (TesseraWebannotationExporter  *self,
                  const TesseraDocumentRecord   *document,
                  const TesseraAnnotationRecord *annotation,
                  const char                    *source,
                  const char                    *base,
                  TesseraTextCursor             *cursor)
{
  JsonBuilder *builder = self->builder;
  g_autofree char *id = dup_annotation_iri (base, annotation);
  GArray *ranges = annotation->ranges;
  TesseraTextCursor first_range;

  json_builder_begin_object (builder);
  add_string (builder, "id", id);
  add_string (builder, "type", "Annotation");
  if (annotation->created != NULL)
    add_string (builder, "created", annotation->created);
  add_creator (builder, annotation->annotator);
  add_bodies (self, annotation);
  json_builder_set_member_name (builder, "target");
  if (ranges->len > 1)
    json_builder_begin_array (builder);
  for (guint i = 0; i < ranges->len; i++)
    {
      /* The ranges after the first walk on from it, not from the document's cursor. */
      if (i == 1)
        first_range = *cursor;
      add_target (builder, source, document->text, i == 0 ? cursor : &first_range,
                  &g_array_index (ranges, TesseraRange, i));
    }
  if (ranges->len > 1)
    json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* A linking annotation: @body_value (with @purpose) joins @first to @second, in order. */
static void
build_link (TesseraWebannotationExporter *self,
            const char                   *id,
            const char                   *annotator,
            const char                   *purpose,
            const char                   *body_value,
            const char                   *note_or_name,
            const char                   *first,
            const char                   *second)
{
  JsonBuilder *builder = self->builder;

  json_builder_begin_object (builder);
  add_string (builder, "id", id);
  add_string (builder, "type", "Annotation");
  add_string (builder, "motivation", "linking");
  add_creator (builder, annotator);
  json_builder_set_member_name (builder, "body");
  json_builder_begin_array (builder);
  add_body (builder, "TextualBody", purpose, "value", body_value);
  /* A relation's note comments it; a claim's source entity is identified by its name. */
  if (note_or_name != NULL && *note_or_name != '\0')
    add_body (builder, "TextualBody", g_str_equal (purpose, "tagging") ? "commenting"
                                                                      : "identifying",
              "value", note_or_name);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "target");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, first);
  json_builder_add_string_value (builder, second);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static char *
dup_entity_iri (const char                *base,
                const TesseraEntityRecord *entity)
{
  if (entity->authorities->len > 0)
    return g_strdup (g_array_index (entity->authorities, TesseraAuthority, 0).uri);
  return g_strdup_printf ("%s:entity:%" G_GINT64_FORMAT, base, entity->id);
}

/* The source and the cue of a claim: a linking annotation each. */
static gboolean
write_claim_roles (TesseraWebannotationExporter  *self,
                   GOutputStream                 *stream,
                   const char                    *base,
                   const TesseraAnnotationRecord *annotation,
                   GError                       **error)
{
  const TesseraClaimRecord *claim = annotation->claim;
  g_autofree char *claim_id = dup_annotation_iri (base, annotation);

  if (claim->source_annotation != NULL || claim->source_entity != NULL)
    {
      g_autofree char *id = g_strconcat (claim_id, ":source", NULL);
      g_autofree char *source = claim->source_annotation != NULL
        ? dup_annotation_iri (base, claim->source_annotation)
        : dup_entity_iri (base, claim->source_entity);

      build_link (self, id, annotation->annotator, "classifying", TESSERA_WEBANNOTATION_SOURCE,
                  claim->source_entity != NULL ? claim->source_entity->name : NULL,
                  claim_id, source);
      if (!write_item (self, stream, FALSE, error))
        return FALSE;
    }
  if (claim->cue != NULL)
    {
      g_autofree char *id = g_strconcat (claim_id, ":cue", NULL);
      g_autofree char *cue = dup_annotation_iri (base, claim->cue);

      build_link (self, id, annotation->annotator, "classifying", TESSERA_WEBANNOTATION_CUE,
                  NULL, claim_id, cue);
      if (!write_item (self, stream, FALSE, error))
        return FALSE;
    }
  return TRUE;
}

static guint
count_items (const TesseraDocumentRecord *document)
{
  guint n = document->annotations->len + document->relations->len;

  for (guint i = 0; i < document->annotations->len; i++)
    {
      const TesseraClaimRecord *claim =
        ((TesseraAnnotationRecord *) g_ptr_array_index (document->annotations, i))->claim;

      if (claim != NULL)
        n += (claim->source_annotation != NULL || claim->source_entity != NULL) +
             (claim->cue != NULL);
    }
  return n;
}

/* The collection up to its first item: built whole with an empty page, then cut before
 * the end of the page's items. */
static gboolean
write_collection_head (TesseraWebannotationExporter  *self,
                       GOutputStream                 *stream,
                       const TesseraDocumentRecord   *document,
                       const char                    *base,
                       GError                       **error)
{
  static const char items_end[] = "[]}}";
  JsonBuilder *builder = self->builder;
  g_autofree char *collection_id = g_strconcat (base, ":annotations", NULL);
  g_autofree char *page_id = g_strconcat (base, ":annotations:page-1", NULL);

  json_builder_begin_object (builder);
  add_string (builder, "@context", TESSERA_WEBANNOTATION_CONTEXT);
  add_string (builder, "id", collection_id);
  add_string (builder, "type", "AnnotationCollection");
  add_string (builder, "label", document->info.title != NULL ? document->info.title : "");
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, count_items (document));
  json_builder_set_member_name (builder, "first");
  json_builder_begin_object (builder);
  add_string (builder, "id", page_id);
  add_string (builder, "type", "AnnotationPage");
  json_builder_set_member_name (builder, "startIndex");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  generate_item (self, TRUE);
  /* The whole collection: cut it after the "[" that opens the items, and the line break
   * before it. */
  g_assert (g_str_has_suffix (self->json->str, items_end));
  g_string_truncate (self->json, self->json->len - strlen (items_end) + 1);
  return g_output_stream_write_all (stream, self->json->str + 1, self->json->len - 1, NULL,
                                    NULL, error);
}

static gboolean
tessera_webannotation_exporter_prepare (TesseraExporter  *exporter,
                                        TesseraStore     *store,
                                        const gint64     *document_ids,
                                        guint             n_documents,
                                        GCancellable     *cancellable,
                                        GError          **error)
{
  TesseraWebannotationExporter *self = TESSERA_WEBANNOTATION_EXPORTER (exporter);

  self->store = g_object_ref (store);
  _tessera_webannotation_tags_init (&self->tags, tessera_store_get_tagset (store));
  self->written = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->n_status = 0;
  self->builder = json_builder_new ();
  self->generator = json_generator_new ();
  self->json = g_string_new (NULL);
  return TRUE;
}

static void
tessera_webannotation_exporter_finish (TesseraExporter *exporter)
{
  TesseraWebannotationExporter *self = TESSERA_WEBANNOTATION_EXPORTER (exporter);

  g_clear_object (&self->store);
  _tessera_webannotation_tags_clear (&self->tags);
  g_clear_pointer (&self->written, g_array_unref);
  g_clear_object (&self->builder);
  g_clear_object (&self->generator);
  if (self->json != NULL)
    g_string_free (g_steal_pointer (&self->json), TRUE);
}

static gboolean
tessera_webannotation_exporter_begin (TesseraExporter  *exporter,
                                      GOutputStream    *stream,
                                      GError          **error)
{
  TesseraWebannotationExporter *self = TESSERA_WEBANNOTATION_EXPORTER (exporter);

  g_array_set_size (self->written, 0);
  return g_output_stream_write_all (stream, "[\n", 2, NULL, NULL, error);
}

/* A collection on a line of its own: the head, then each item as soon as it is built. */
static gboolean
tessera_webannotation_exporter_write_document (TesseraExporter        *exporter,
                                               GOutputStream          *stream,
                                               TesseraDocumentRecord  *document,
                                               GError                **error)
{
  TesseraWebannotationExporter *self = TESSERA_WEBANNOTATION_EXPORTER (exporter);
  g_autofree char *source = NULL;
  g_autofree char *base = NULL;
  TesseraTextCursor cursor = { NULL, 0 };
  gboolean first = TRUE;

  document_iris (document, &source, &base);
  if ((self->written->len > 0 && !g_output_stream_write_all (stream, ",\n", 2, NULL, NULL,
                                                             error)) ||
      !write_collection_head (self, stream, document, base, error))
    return FALSE;

  for (guint i = 0; i < document->annotations->len; i++, first = FALSE)
    {
      const TesseraAnnotationRecord *annotation = g_ptr_array_index (document->annotations, i);

      build_annotation (self, document, annotation, source, base, &cursor);
      if (!write_item (self, stream, first, error) ||
          (annotation->claim != NULL &&
           !write_claim_roles (self, stream, base, annotation, error)))
        return FALSE;
      if (annotation->status != TESSERA_STATUS_ACCEPTED ||
          annotation->certainty != TESSERA_CERTAINTY_UNKNOWN)
        self->n_status++;
    }
  for (guint i = 0; i < document->relations->len; i++, first = FALSE)
    {
      const TesseraRelationRecord *relation = g_ptr_array_index (document->relations, i);
      g_autofree char *id = g_strdup_printf ("%s:relation:%" G_GINT64_FORMAT, base,
                                             relation->id);
      g_autofree char *from = dup_annotation_iri (base, relation->source);
      g_autofree char *to = dup_annotation_iri (base, relation->target);

      build_link (self, id, relation->annotator, "tagging", relation->type, relation->note,
                  from, to);
      if (!write_item (self, stream, first, error))
        return FALSE;
    }
  g_array_append_val (self->written, document->id);
  return g_output_stream_write_all (stream, "\n]}}", 4, NULL, NULL, error);
}

static gboolean
tessera_webannotation_exporter_end (TesseraExporter  *exporter,
                                    GOutputStream    *stream,
                                    GError          **error)
{
  TesseraWebannotationExporter *self = TESSERA_WEBANNOTATION_EXPORTER (exporter);

  if (self->n_status > 0)
    tessera_exporter_add_note (exporter,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "%u annotation has a status or a certainty, "
                                            "which Web Annotation does not carry",
                                            "%u annotations have a status or a certainty, "
                                            "which Web Annotation does not carry",
                                            self->n_status),
                               self->n_status);
  return g_output_stream_write_all (stream, "\n]\n", 3, NULL, NULL, error);
}

/* One collection, from its head line to the line that closes it: each item is parsed on
 * its own, so that an annotation or two is in memory as JSON at a time. */
static gboolean
check_collection (TesseraWebannotationExporter  *self,
                  GDataInputStream              *stream,
                  const char                    *display_name,
                  gint64                         document_id,
                  gboolean                       last,
                  GCancellable                  *cancellable,
                  GError                       **error)
{
  g_autoptr(TesseraDocumentRecord) written = NULL;
  g_autoptr(TesseraDocumentRecord) read = tessera_document_record_new ();
  g_autoptr(TesseraWebannotationReader) reader = NULL;
  g_autofree char *source = NULL;
  g_autofree char *base = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GString) batch = NULL;
  gsize length;

  written = tessera_store_dup_document_record (self->store, document_id, error);
  if (written == NULL)
    return FALSE;
  document_iris (written, &source, &base);
  reader = _tessera_webannotation_reader_new (display_name, written, source, &self->tags, read);

  line = g_data_input_stream_read_line (stream, &length, cancellable, error);
  if (line == NULL || !g_str_has_suffix (line, "\"items\":["))
    return FALSE;
  if (!_tessera_webannotation_reader_head (reader, line, length, error))
    return FALSE;
  /* The items a batch of lines at a time, as a JSON array: the lines end with the commas
   * that separate them. */
  batch = g_string_new ("[");
  for (gboolean end = FALSE; !end;)
    {
      g_free (line);
      line = g_data_input_stream_read_line (stream, &length, cancellable, error);
      if (line == NULL)
        return FALSE;
      end = strcmp (line, last ? "]}}" : "]}},") == 0;
      if (!end && line[0] != '{')
        return FALSE;
      if (!end)
        g_string_append_len (batch, line, length);
      if ((end && batch->len > 1) || batch->len >= BATCH_BYTES)
        {
          if (batch->str[batch->len - 1] == ',')
            g_string_truncate (batch, batch->len - 1);
          g_string_append_c (batch, ']');
          if (!_tessera_webannotation_reader_items (reader, batch->str, batch->len, error))
            return FALSE;
          g_string_assign (batch, "[");
        }
    }
  return _tessera_webannotation_reader_finish (reader, error) &&
         tessera_format_compare_document (display_name, written, read, WEBANNOTATION_CARRIES,
                                          error);
}

/* The file: "[", then each collection over lines of its own (its head, an item per line,
 * its end), then "]". */
static gboolean
tessera_webannotation_exporter_check (TesseraExporter  *exporter,
                                      const char       *path,
                                      GCancellable     *cancellable,
                                      GError          **error)
{
  TesseraWebannotationExporter *self = TESSERA_WEBANNOTATION_EXPORTER (exporter);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) file_stream = g_file_read (file, cancellable, error);
  g_autoptr(GDataInputStream) stream = NULL;
  g_autofree char *display_name = g_filename_display_basename (path);
  g_autofree char *line = NULL;
  GError *local_error = NULL;
  gsize length;

  if (file_stream == NULL)
    return FALSE;
  stream = g_data_input_stream_new (G_INPUT_STREAM (file_stream));
  g_data_input_stream_set_newline_type (stream, G_DATA_STREAM_NEWLINE_TYPE_LF);
  g_buffered_input_stream_set_buffer_size (G_BUFFERED_INPUT_STREAM (stream), 64 * 1024);

  line = g_data_input_stream_read_line (stream, &length, cancellable, &local_error);
  if (line == NULL || strcmp (line, "[") != 0)
    goto malformed;
  for (guint i = 0; i < self->written->len; i++)
    {
      if (!check_collection (self, stream, display_name, g_array_index (self->written, gint64, i),
                             i + 1 == self->written->len, cancellable, &local_error))
        {
          if (local_error != NULL && local_error->domain == TESSERA_FORMAT_ERROR)
            {
              g_propagate_error (error, local_error);
              return FALSE;
            }
          goto malformed;
        }
    }
  g_free (line);
  line = g_data_input_stream_read_line (stream, &length, cancellable, &local_error);
  if (line != NULL && strcmp (line, "]") == 0)
    {
      g_free (line);
      line = g_data_input_stream_read_line (stream, &length, cancellable, &local_error);
      if (line == NULL && local_error == NULL)
        return TRUE;
    }

malformed:
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  g_set_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK,
               _("%s is not the JSON array of collections that was written, a line for each "
                 "annotation, so it was not kept; check the disk"), display_name);
  return FALSE;
}

static void
tessera_webannotation_exporter_finalize (GObject *object)
{
  tessera_webannotation_exporter_finish (TESSERA_EXPORTER (object));

  G_OBJECT_CLASS (tessera_webannotation_exporter_parent_class)->finalize (object);
}

static void
tessera_webannotation_exporter_class_init (TesseraWebannotationExporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TesseraExporterClass *exporter_class = TESSERA_EXPORTER_CLASS (klass);

  object_class->finalize = tessera_webannotation_exporter_finalize;

  exporter_class->id = "webannotation";
  exporter_class->name = N_("Web Annotation (W3C)");
  exporter_class->extensions = webannotation_extensions;
  exporter_class->mime_type = "application/ld+json";
  exporter_class->prepare = tessera_webannotation_exporter_prepare;
  exporter_class->finish = tessera_webannotation_exporter_finish;
  exporter_class->begin = tessera_webannotation_exporter_begin;
  exporter_class->write_document = tessera_webannotation_exporter_write_document;
  exporter_class->end = tessera_webannotation_exporter_end;
  exporter_class->check = tessera_webannotation_exporter_check;
}

static void
tessera_webannotation_exporter_init (TesseraWebannotationExporter *self)
{
}
