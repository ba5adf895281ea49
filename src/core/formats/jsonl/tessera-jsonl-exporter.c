/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "tessera-jsonl-exporter.h"

#include "tessera-exporter-private.h"
#include "tessera-format-compare.h"
#include "tessera-jsonl-private.h"

/*
 * doccano JSONL export: one line per document, written by a JsonGenerator as soon as the
 * document is read (the corpus is never in memory). Each line holds "id" (the document's),
 * "text", the spans, then the metadata: title, author, source_url, publisher, date,
 * language, licence and the document's attributes, as top-level keys doccano keeps as the
 * example's metadata. The relations form writes each annotation as an entity (its id is
 * the annotation's) and the relations between them, a claim's source and cue among them
 * as relations "source" and "cue"; the labels form writes the spans only. A discontinuous
 * annotation is one span, its extent. What neither form carries is counted in the notes.
 *
 * The read-back reads the file with the importer's reader, a line at a time, and compares
 * each document with the project's.
 */

struct _TesseraJsonlExporter
{
  TesseraExporter   parent_instance;

  TesseraJsonlForm  form;

  TesseraStore     *store;       /* from prepare() to finish() */
  GArray           *ids;         /* gint64: the documents written, in order */
  JsonGenerator    *generator;

  /* What the file does not carry, counted as it is written. */
  guint             n_discontinuous;
  guint             n_links;
  guint             n_notes;
  guint             n_claim_fields;
  guint             n_source_entities;
  guint             n_relations;   /* the labels form's: relations, sources and cues */
};

G_DEFINE_FINAL_TYPE (TesseraJsonlExporter, tessera_jsonl_exporter, TESSERA_TYPE_EXPORTER)

enum {
  PROP_0,
  PROP_FORM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const jsonl_extensions[] = { "jsonl", NULL };

/* The names are what the user reads (translated where shown), the nicks what they type. */
GType
tessera_jsonl_form_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { TESSERA_JSONL_FORM_RELATIONS, N_("Entities and relations"), "relations" },
        { TESSERA_JSONL_FORM_LABELS, N_("Labels only"), "labels" },
        { 0, NULL, NULL }
      };
      GType type = g_enum_register_static (g_intern_static_string ("TesseraJsonlForm"),
                                           values);

      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

static gboolean
tessera_jsonl_exporter_prepare (TesseraExporter  *exporter,
                                TesseraStore     *store,
                                const gint64     *document_ids,
                                guint             n_documents,
                                GCancellable     *cancellable,
                                GError          **error)
{
  TesseraJsonlExporter *self = TESSERA_JSONL_EXPORTER (exporter);

  g_set_object (&self->store, store);
  g_clear_pointer (&self->ids, g_array_unref);
  self->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_documents);
  g_array_append_vals (self->ids, document_ids, n_documents);
  self->n_discontinuous = self->n_links = self->n_notes = 0;
  self->n_claim_fields = self->n_source_entities = self->n_relations = 0;
  return TRUE;
}

static void
tessera_jsonl_exporter_finish (TesseraExporter *exporter)
{
  TesseraJsonlExporter *self = TESSERA_JSONL_EXPORTER (exporter);

  g_clear_object (&self->store);
  g_clear_pointer (&self->ids, g_array_unref);
}

/* From the first start to the last end. */
static TesseraRange
get_extent (const TesseraAnnotationRecord *annotation)
{
  TesseraRange extent = { G_MAXUINT, 0 };

  for (guint i = 0; i < annotation->ranges->len; i++)
    {
      const TesseraRange *range = &g_array_index (annotation->ranges, TesseraRange, i);

      extent.start = MIN (extent.start, range->start);
      extent.end = MAX (extent.end, range->end);
    }
  return extent;
}

static gboolean
has_claim_fields (const TesseraClaimRecord *claim)
{
  const char *fields[] = { claim->source_kind, claim->quote_type, claim->polarity,
                           claim->factuality, claim->writer_distance, claim->statement_date,
                           claim->topic };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (fields[i] != NULL && *fields[i] != '\0')
        return TRUE;
    }
  return FALSE;
}

/* The claim's source and cue the file carries: another annotation of the document. */
static TesseraAnnotationRecord *
get_role (TesseraAnnotationRecord *annotation,
          TesseraAnnotationRecord *role)
{
  return role != annotation ? role : NULL;
}

static void
count_uncarried (TesseraJsonlExporter    *self,
                 TesseraAnnotationRecord *annotation)
{
  TesseraClaimRecord *claim = annotation->claim;

  self->n_discontinuous += annotation->ranges->len > 1;
  self->n_links += annotation->entity != NULL;
  self->n_notes += annotation->note != NULL && *annotation->note != '\0';
  if (claim == NULL)
    return;
  self->n_claim_fields += has_claim_fields (claim);
  self->n_source_entities += claim->source_entity != NULL;
  if (self->form == TESSERA_JSONL_FORM_LABELS)
    self->n_relations += (get_role (annotation, claim->source_annotation) != NULL) +
                         (get_role (annotation, claim->cue) != NULL);
}

static void
add_relation (JsonBuilder *builder,
              guint        id,
              gint64       from_id,
              gint64       to_id,
              const char  *type)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, id);
  json_builder_set_member_name (builder, "from_id");
  json_builder_add_int_value (builder, from_id);
  json_builder_set_member_name (builder, "to_id");
  json_builder_add_int_value (builder, to_id);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type);
  json_builder_end_object (builder);
}

/* "entities": [{"id", "label", "start_offset", "end_offset"}], "relations": […]. */
static void
add_entities_and_relations (TesseraJsonlExporter  *self,
                            JsonBuilder           *builder,
                            TesseraDocumentRecord *document)
{
  guint n_relations = 0;

  json_builder_set_member_name (builder, TESSERA_JSONL_KEY_ENTITIES);
  json_builder_begin_array (builder);
  for (guint i = 0; i < document->annotations->len; i++)
    {
      TesseraAnnotationRecord *annotation = g_ptr_array_index (document->annotations, i);
      TesseraRange extent = get_extent (annotation);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, annotation->id);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, tessera_annotation_type_get_key (annotation->type));
      json_builder_set_member_name (builder, "start_offset");
      json_builder_add_int_value (builder, extent.start);
      json_builder_set_member_name (builder, "end_offset");
      json_builder_add_int_value (builder, extent.end);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, TESSERA_JSONL_KEY_RELATIONS);
  json_builder_begin_array (builder);
  for (guint i = 0; i < document->annotations->len; i++)
    {
      TesseraAnnotationRecord *annotation = g_ptr_array_index (document->annotations, i);
      TesseraAnnotationRecord *source, *cue;

      if (annotation->claim == NULL)
        continue;
      source = get_role (annotation, annotation->claim->source_annotation);
      cue = get_role (annotation, annotation->claim->cue);
      if (source != NULL)
        add_relation (builder, ++n_relations, annotation->id, source->id,
                      TESSERA_JSONL_RELATION_SOURCE);
      if (cue != NULL)
        add_relation (builder, ++n_relations, annotation->id, cue->id,
                      TESSERA_JSONL_RELATION_CUE);
    }
  for (guint i = 0; i < document->relations->len; i++)
    {
      TesseraRelationRecord *relation = g_ptr_array_index (document->relations, i);

      if (relation->source != NULL && relation->target != NULL)
        add_relation (builder, ++n_relations, relation->source->id, relation->target->id,
                      relation->type);
    }
  json_builder_end_array (builder);
}

/* "label": [[start, end, "LABEL"], …]. */
static void
add_labels (TesseraJsonlExporter  *self,
            JsonBuilder           *builder,
            TesseraDocumentRecord *document)
{
  json_builder_set_member_name (builder, TESSERA_JSONL_KEY_LABEL);
  json_builder_begin_array (builder);
  for (guint i = 0; i < document->annotations->len; i++)
    {
      TesseraAnnotationRecord *annotation = g_ptr_array_index (document->annotations, i);
      TesseraRange extent = get_extent (annotation);

      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, extent.start);
      json_builder_add_int_value (builder, extent.end);
      json_builder_add_string_value (builder, tessera_annotation_type_get_key (annotation->type));
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  self->n_relations += document->relations->len;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* An attribute's value is text; an object or a list an import kept as JSON text (doccano's
 * "meta" of older versions) is written back as what it was. */
static void
add_attribute_value (JsonBuilder *builder,
                     const char  *value)
{
  g_autoptr(JsonNode) node = NULL;

  if (value[0] == '{' || value[0] == '[')
    node = json_from_string (value, NULL);
  if (node != NULL && (JSON_NODE_HOLDS_OBJECT (node) || JSON_NODE_HOLDS_ARRAY (node)))
    json_builder_add_value (builder, g_steal_pointer (&node));
  else
    json_builder_add_string_value (builder, value);
}

/* The bibliographic record, then the attributes, in the order of their keys. */
static void
add_metadata (JsonBuilder           *builder,
              TesseraDocumentRecord *document)
{
  g_autofree const char **keys = NULL;
  guint n_keys = 0;

  for (guint i = 0; i < TESSERA_JSONL_N_META; i++)
    {
      const char *value = *_tessera_jsonl_meta_field (&document->info, i);

      if (value == NULL || *value == '\0')
        continue;
      json_builder_set_member_name (builder, _tessera_jsonl_meta_key (i));
      json_builder_add_string_value (builder, value);
    }
  if (document->attributes == NULL)
    return;
  keys = (const char **) g_hash_table_get_keys_as_array (document->attributes, &n_keys);
  g_qsort_with_data (keys, n_keys, sizeof (char *), compare_keys, NULL);
  for (guint i = 0; i < n_keys; i++)
    {
      if (_tessera_jsonl_is_reserved_key (keys[i]))
        continue;
      json_builder_set_member_name (builder, keys[i]);
      add_attribute_value (builder, g_hash_table_lookup (document->attributes, keys[i]));
    }
}

static gboolean
tessera_jsonl_exporter_write_document (TesseraExporter        *exporter,
                                       GOutputStream          *stream,
                                       TesseraDocumentRecord  *document,
                                       GError                **error)
{
  TesseraJsonlExporter *self = TESSERA_JSONL_EXPORTER (exporter);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *line = NULL;
  gsize length = 0;

  for (guint i = 0; i < document->annotations->len; i++)
    count_uncarried (self, g_ptr_array_index (document->annotations, i));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, TESSERA_JSONL_KEY_ID);
  json_builder_add_int_value (builder, document->id);
  json_builder_set_member_name (builder, TESSERA_JSONL_KEY_TEXT);
  json_builder_add_string_value (builder, document->text);
  if (self->form == TESSERA_JSONL_FORM_LABELS)
    add_labels (self, builder, document);
  else
    add_entities_and_relations (self, builder, document);
  add_metadata (builder, document);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (self->generator, root);
  line = json_generator_to_data (self->generator, &length);
  json_generator_set_root (self->generator, NULL);
  return g_output_stream_write_all (stream, line, length, NULL, NULL, error) &&
         g_output_stream_write_all (stream, "\n", 1, NULL, NULL, error);
}

/* What the file could not carry, in the export's summary. */
static gboolean
tessera_jsonl_exporter_end (TesseraExporter  *exporter,
                            GOutputStream    *stream,
                            GError          **error)
{
  TesseraJsonlExporter *self = TESSERA_JSONL_EXPORTER (exporter);
  guint n;

  if ((n = self->n_discontinuous) > 0)
    tessera_exporter_add_note (exporter,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "%u discontinuous annotation is one span, from its "
                                            "first character to its last",
                                            "%u discontinuous annotations are one span each, "
                                            "from their first character to their last", n), n);
  if ((n = self->n_relations) > 0)
    tessera_exporter_add_note (exporter,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "%u relation (claims' sources and cues included) is "
                                            "not in the labels form; the relations form "
                                            "carries it",
                                            "%u relations (claims' sources and cues included) "
                                            "are not in the labels form; the relations form "
                                            "carries them", n), n);
  if ((n = self->n_links) > 0)
    tessera_exporter_add_note (exporter,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "%u link from a mention to its entity (and the "
                                            "entity's authority records) is not in the file",
                                            "%u links from mentions to their entities (and the "
                                            "entities' authority records) are not in the file",
                                            n), n);
  if ((n = self->n_source_entities) > 0)
    tessera_exporter_add_note (exporter,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "%u claim source that is an entity, not a mention, "
                                            "is not in the file",
                                            "%u claim sources that are entities, not mentions, "
                                            "are not in the file", n), n);
  if ((n = self->n_claim_fields) > 0)
    tessera_exporter_add_note (exporter,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "%u claim's fields (quote type, polarity, "
                                            "factuality…) are not in the file",
                                            "%u claims' fields (quote type, polarity, "
                                            "factuality…) are not in the file", n), n);
  if ((n = self->n_notes) > 0)
    tessera_exporter_add_note (exporter,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "%u annotation's note is not in the file",
                                            "%u annotations' notes are not in the file", n), n);
  return TRUE;
}

/* The project's document as the file carries it: each annotation its extent, a claim's
 * source and cue when they are other annotations (in the relations form), no entity as a
 * source. */
static void
keep_written (TesseraJsonlExporter  *self,
              TesseraDocumentRecord *document)
{
  for (guint i = 0; i < document->annotations->len; i++)
    {
      TesseraAnnotationRecord *annotation = g_ptr_array_index (document->annotations, i);
      TesseraRange extent = get_extent (annotation);
      TesseraClaimRecord *claim;

      g_array_set_size (annotation->ranges, 1);
      g_array_index (annotation->ranges, TesseraRange, 0) = extent;
      if (annotation->claim == NULL && tessera_annotation_type_carries_claim (annotation->type))
        annotation->claim = g_new0 (TesseraClaimRecord, 1);
      if ((claim = annotation->claim) == NULL)
        continue;
      claim->source_entity = NULL;
      claim->source_annotation = get_role (annotation, claim->source_annotation);
      claim->cue = get_role (annotation, claim->cue);
      if (self->form == TESSERA_JSONL_FORM_LABELS)
        claim->source_annotation = claim->cue = NULL;
    }
  for (guint i = document->relations->len; i > 0; i--)
    {
      TesseraRelationRecord *relation = g_ptr_array_index (document->relations, i - 1);

      if (self->form == TESSERA_JSONL_FORM_LABELS || relation->source == NULL ||
          relation->target == NULL)
        g_ptr_array_remove_index (document->relations, i - 1);
    }
}

static gboolean
check_document (TesseraJsonlExporter  *self,
                TesseraJsonlReader    *reader,
                gint64                 document_id,
                const char            *display_name,
                GError               **error)
{
  g_autoptr(TesseraDocumentRecord) read = NULL;
  g_autoptr(TesseraDocumentRecord) written = NULL;
  g_autofree char *where = NULL;
  TesseraCarries carries = TESSERA_CARRIES_TEXT | TESSERA_CARRIES_TITLE;
  gboolean end = FALSE;

  read = _tessera_jsonl_reader_next (reader, &end, error);
  if (read == NULL)
    {
      if (end)
        g_set_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK,
                     _("%s ends before its last document, so it was not kept; check the "
                       "disk"), display_name);
      return FALSE;
    }
  written = tessera_store_dup_document_record (self->store, document_id, error);
  if (written == NULL)
    return FALSE;
  keep_written (self, written);
  /* A document without a title reads back named after its first line. */
  if (written->info.title == NULL || *written->info.title == '\0')
    g_clear_pointer (&read->info.title, g_free);
  if (self->form == TESSERA_JSONL_FORM_RELATIONS)
    carries |= TESSERA_CARRIES_RELATIONS | TESSERA_CARRIES_CLAIM_ROLES;
  /* Translators: "corpus.jsonl, line 3" */
  where = g_strdup_printf (_("%s, line %u"), display_name,
                           _tessera_jsonl_reader_get_line (reader));
  return tessera_format_compare_document (where, written, read, carries, error);
}

static gboolean
tessera_jsonl_exporter_check (TesseraExporter  *exporter,
                              const char       *path,
                              GCancellable     *cancellable,
                              GError          **error)
{
  TesseraJsonlExporter *self = TESSERA_JSONL_EXPORTER (exporter);
  g_autoptr(TesseraJsonlReader) reader = NULL;
  g_autoptr(TesseraDocumentRecord) extra = NULL;
  const char *display_name = _tessera_exporter_get_display_name (exporter);
  gboolean end = FALSE;

  g_return_val_if_fail (self->store != NULL, FALSE);

  reader = _tessera_jsonl_reader_new (self->store, path, cancellable, error);
  if (reader == NULL)
    return FALSE;
  for (guint i = 0; i < self->ids->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !check_document (self, reader, g_array_index (self->ids, gint64, i), display_name,
                           error))
        return FALSE;
    }
  extra = _tessera_jsonl_reader_next (reader, &end, error);
  if (!end)
    {
      g_clear_error (error);
      g_set_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK,
                   _("%s holds more lines than documents were written, so it was not kept; "
                     "check the disk"), display_name);
      return FALSE;
    }
  return TRUE;
}

static void
tessera_jsonl_exporter_finalize (GObject *object)
{
  TesseraJsonlExporter *self = TESSERA_JSONL_EXPORTER (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_object (&self->generator);

  G_OBJECT_CLASS (tessera_jsonl_exporter_parent_class)->finalize (object);
}

static void
tessera_jsonl_exporter_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TesseraJsonlExporter *self = TESSERA_JSONL_EXPORTER (object);

  switch (prop_id)
    {
    case PROP_FORM:
      g_value_set_enum (value, self->form);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_jsonl_exporter_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TesseraJsonlExporter *self = TESSERA_JSONL_EXPORTER (object);

  switch (prop_id)
    {
    case PROP_FORM:
      if (self->form != (TesseraJsonlForm) g_value_get_enum (value))
        {
          self->form = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_jsonl_exporter_class_init (TesseraJsonlExporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TesseraExporterClass *exporter_class = TESSERA_EXPORTER_CLASS (klass);

  object_class->finalize = tessera_jsonl_exporter_finalize;
  object_class->get_property = tessera_jsonl_exporter_get_property;
  object_class->set_property = tessera_jsonl_exporter_set_property;

  exporter_class->id = "jsonl";
  exporter_class->name = N_("doccano JSONL");
  exporter_class->extensions = jsonl_extensions;
  exporter_class->mime_type = "application/jsonl";
  exporter_class->prepare = tessera_jsonl_exporter_prepare;
  exporter_class->finish = tessera_jsonl_exporter_finish;
  exporter_class->write_document = tessera_jsonl_exporter_write_document;
  exporter_class->end = tessera_jsonl_exporter_end;
  exporter_class->check = tessera_jsonl_exporter_check;

  properties[PROP_FORM] =
    g_param_spec_enum ("form", N_("Form"),
                       N_("Entities and relations (doccano’s relation extraction), or labels "
                          "only (its sequence labelling)"),
                       TESSERA_TYPE_JSONL_FORM, TESSERA_JSONL_FORM_RELATIONS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tessera_jsonl_exporter_init (TesseraJsonlExporter *self)
{
  self->generator = json_generator_new ();
}
