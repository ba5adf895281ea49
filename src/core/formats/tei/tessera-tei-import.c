/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-tei"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tessera-tei-import.h"

#include "tessera-import.h"
#include "tessera-importer-private.h"
#include "tessera-project-files-private.h"
#include "tessera-util-private.h"
#include "tessera-tei-private.h"
#include "tessera-tei-reader-private.h"
#include "tessera-text.h"
#include "tessera-vocabulary.h"

/*
 * TEI P5 import: the reader (tessera-tei-reader.c) turns the file into the model, one
 * document at a time; here the model becomes the project's records: types for the
 * categories the project lacks, entities reused or created, then every document in one
 * bulk insert. Nothing is written to the project unless every document of the file was
 * read.
 */

static gboolean
is_xml_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Importing into a project ------------------------------------------------------------------ */

/* Skips "<?…?>", "<!--…-->" and "<!DOCTYPE …>" (with its internal subset). */
static const char *
skip_prolog (const char *p,
             const char *end)
{
  for (;;)
    {
      while (p < end && is_xml_space (*p))
        p++;
      if (end - p >= 2 && p[0] == '<' && p[1] == '?')
        {
          const char *close = g_strstr_len (p, end - p, "?>");

          if (close == NULL)
            return NULL;
          p = close + 2;
        }
      else if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
        {
          const char *close = g_strstr_len (p + 4, end - p - 4, "-->");

          if (close == NULL)
            return NULL;
          p = close + 3;
        }
      else if (end - p >= 9 && memcmp (p, "<!DOCTYPE", 9) == 0)
        {
          int depth = 0;

          for (p += 9; p < end; p++)
            {
              if (*p == '[')
                depth++;
              else if (*p == ']')
                depth--;
              else if (*p == '>' && depth <= 0)
                break;
            }
          if (p >= end)
            return NULL;
          p++;
        }
      else
        return p;
    }
}

/**
 * tessera_tei_file_is_tei:
 * @path: a file
 *
 * Whether the file's root element is TEI or teiCorpus, looking past a byte-order mark, the
 * XML declaration, processing instructions, comments and a document type declaration.
 *
 * Returns: %TRUE for a TEI file (well-formed or not)
 */
gboolean
tessera_tei_file_is_tei (const char *path)
{
  char buffer[64 * 1024];
  const char *p, *end, *name;
  gsize n;
  gboolean is_open;
  int saved_errno;

  g_return_val_if_fail (path != NULL, FALSE);

  /* Read through the registry of open projects: a project is not TEI, and this process
   * may have it open. */
  if (!_tessera_project_files_read_header (path, (guint8 *) buffer, sizeof buffer, &n, &is_open,
                                           &saved_errno) || is_open)
    return FALSE;

  p = buffer;
  end = buffer + n;
  if (n >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  p = skip_prolog (p, end);
  if (p == NULL || p >= end || *p != '<')
    return FALSE;
  p++;
  name = p;
  while (p < end && (g_ascii_isalnum (*p) || *p == '_' || *p == '-' || *p == '.' || *p == ':'))
    {
      if (*p == ':')
        name = p + 1;
      p++;
    }
  if (p >= end || !(is_xml_space (*p) || *p == '>' || *p == '/'))
    return FALSE;
  return (p - name == 3 && memcmp (name, "TEI", 3) == 0) ||
         (p - name == 9 && memcmp (name, "teiCorpus", 9) == 0);
}

/* The importer writes nothing before every document is read: it keeps them all. */
static gboolean
collect_document (TesseraTeiContext   *context,
                  TesseraTeiDocument  *document,
                  gpointer             user_data,
                  GError             **error)
{
  GPtrArray *documents = user_data;

  g_ptr_array_add (documents, document);
  return TRUE;
}

static TesseraAnnotationType *
find_type_by_key (GListModel *tagset,
                  const char *key)
{
  for (guint i = 0; key != NULL && i < g_list_model_get_n_items (tagset); i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (tagset, i);

      if (g_str_equal (tessera_annotation_type_get_key (type), key))
        return g_steal_pointer (&type);
    }
  return NULL;
}

/* A category of the file the project lacks, as a new type. */
static TesseraAnnotationType *
type_from_category (TesseraTeiCategory *category)
{
  const char *label = g_hash_table_lookup (category->labels, "en");
  TesseraKind kind = TESSERA_KIND_ENTITY;
  TesseraAnnotationType *type;
  GHashTableIter iter;
  gpointer language, text;
  const char *element = category->element;
  g_autofree char *key = NULL;

  if (category->has_kind)
    kind = category->kind;
  else if (g_strcmp0 (element, "said") == 0 || g_strcmp0 (element, "q") == 0 ||
           g_strcmp0 (element, "quote") == 0)
    kind = TESSERA_KIND_CLAIM;
  if (element == NULL || !_tessera_tei_element_is_mappable (element))
    element = tessera_kind_get_tei_element (kind);

  /* Keys are letters, digits, "-" and "_" (an xml:id may hold more). */
  key = g_strdup (category->key);
  for (char *c = key; *c; c++)
    {
      if (!g_ascii_isalnum (*c) && *c != '-' && *c != '_')
        *c = '-';
    }
  type = tessera_annotation_type_new (key, label ? label : key, kind);
  g_hash_table_iter_init (&iter, category->labels);
  while (g_hash_table_iter_next (&iter, &language, &text))
    tessera_annotation_type_set_label_for (type, language, text);
  tessera_annotation_type_set_tei (type, element,
                                   category->element ? category->element_type
                                                     : tessera_kind_get_tei_type (kind));
  if (category->color != NULL)
    tessera_annotation_type_set_color (type, category->color);
  return type;
}

static TesseraAnnotationType *
default_entity_type (GListModel *tagset,
                     const char *list)
{
  if (g_strcmp0 (list, "person") == 0)
    return _tessera_tei_find_type_for_element (tagset, "persName", NULL);
  if (g_strcmp0 (list, "org") == 0)
    return _tessera_tei_find_type_for_element (tagset, "orgName", NULL);
  if (g_strcmp0 (list, "place") == 0)
    return _tessera_tei_find_type_for_element (tagset, "placeName", NULL);
  if (g_strcmp0 (list, "event") == 0)
    return _tessera_tei_find_type_for_element (tagset, "name", "event");
  return NULL;
}

static gboolean
code_or_null (const char * const *codes,
              const char         *value)
{
  return value == NULL || g_strv_contains (codes, value);
}

static char *
first_line_title (const char *text)
{
  const char *end = strchr (text, '\n');
  g_autofree char *line = end ? g_strndup (text, end - text) : g_strdup (text);
  g_autofree char *stripped = g_strstrip (g_strdup (line));

  if (g_utf8_strlen (stripped, -1) > 200)
    {
      g_autofree char *cut = g_utf8_substring (stripped, 0, 199);

      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&stripped);
}

typedef struct
{
  TesseraStore      *store;
  GListModel        *tagset;
  TesseraTeiContext *context;
  GHashTable        *types;            /* key → TesseraAnnotationType (owned) */
  GPtrArray         *new_types;
  GPtrArray         *entities;         /* TesseraEntityRecord */
  GHashTable        *entity_of_id;     /* xml:id → TesseraEntityRecord */
  GHashTable        *entity_of_uri;    /* authority URI → TesseraEntityRecord */
  GHashTable        *project_uris;     /* URI → gint64 id of an entity of the project */
  GPtrArray         *refused_links;    /* the mentions whose entity their type cannot name */
  GPtrArray         *relation_types;   /* the project's TesseraRelationType */
  GHashTable        *relation_keys;    /* type as read → the key it becomes */
  GPtrArray         *new_relation_types;
  GPtrArray         *undeclared_relation_types; /* names no category described */
} Conversion;

static TesseraAnnotationType *
conversion_type (Conversion *self,
                 const char *key)
{
  TesseraAnnotationType *type;
  TesseraTeiCategory *category;

  if (key == NULL)
    return NULL;
  type = g_hash_table_lookup (self->types, key);
  if (type != NULL)
    return type;
  type = find_type_by_key (self->tagset, key);
  if (type == NULL)
    {
      category = g_hash_table_lookup (self->context->categories, key);
      if (category == NULL)
        return NULL;
      type = type_from_category (category);
      g_ptr_array_add (self->new_types, g_object_ref (type));
    }
  g_hash_table_insert (self->types, g_strdup (key), type);
  return type;
}

/* Relation types ----------------------------------------------------------------------- */

static TesseraRelationType *
find_project_relation_type (Conversion *self,
                            const char *name,
                            gboolean    by_tei_name)
{
  for (guint i = 0; i < self->relation_types->len; i++)
    {
      TesseraRelationType *type = g_ptr_array_index (self->relation_types, i);

      if (g_strcmp0 (by_tei_name ? tessera_relation_type_get_tei_name (type)
                                 : tessera_relation_type_get_key (type), name) == 0)
        return type;
    }
  return NULL;
}

/* The category of the file's relation taxonomy whose key is @key, or NULL. */
static TesseraTeiCategory *
relation_category (Conversion *self,
                   const char *key)
{
  for (guint i = 0; i < self->context->relation_category_order->len; i++)
    {
      TesseraTeiCategory *category = g_ptr_array_index (self->context->relation_category_order,
                                                        i);

      if (g_str_equal (category->key, key))
        return category;
    }
  return NULL;
}

/* A relation type the project lacks, as its category describes it. */
static void
add_relation_type_from_category (Conversion         *self,
                                 TesseraTeiCategory *category,
                                 const char         *tei_name)
{
  const char *label = g_hash_table_lookup (category->labels, "en");
  TesseraRelationType *type = tessera_relation_type_new (category->key,
                                                         label ? label : category->key);
  GHashTableIter iter;
  gpointer language, text;

  g_hash_table_iter_init (&iter, category->labels);
  while (g_hash_table_iter_next (&iter, &language, &text))
    tessera_relation_type_set_label_for (type, language, text);
  if (category->color != NULL)
    tessera_relation_type_set_color (type, category->color);
  if (tei_name != NULL)
    tessera_relation_type_set_tei_name (type, tei_name);
  g_ptr_array_add (self->new_relation_types, type);
  g_hash_table_insert (self->relation_keys, g_strdup (category->key),
                       g_strdup (category->key));
}

/* The TEI name the first relation of type @key of @models gives, or NULL. */
static const char *
find_relation_name (GPtrArray  *models,
                    const char *key)
{
  for (guint i = 0; i < models->len; i++)
    {
      TesseraTeiDocument *model = g_ptr_array_index (models, i);

      for (guint j = 0; j < model->relations->len; j++)
        {
          TesseraTeiRelation *relation = g_ptr_array_index (model->relations, j);

          if (g_str_equal (relation->type, key))
            return relation->name;
        }
    }
  return NULL;
}

/* The key of the project's relation type that @relation becomes. A type of a Tessera
 * export is found by its key (its category came along when the project lacked it); any
 * other by its TEI name, then its key; a name the project does not know becomes a type
 * of that key (the store adds it) and the user is told. */
static const char *
conversion_relation_type (Conversion         *self,
                          TesseraTeiRelation *relation)
{
  const char *key = g_hash_table_lookup (self->relation_keys, relation->type);
  TesseraTeiCategory *category;
  TesseraRelationType *known;

  if (key != NULL)
    return key;
  /* The file's categories the project lacks are in relation_keys already. */
  category = relation_category (self, relation->type);
  known = category != NULL ? NULL : find_project_relation_type (self, relation->type, TRUE);
  if (known == NULL)
    known = find_project_relation_type (self, relation->type, FALSE);
  if (known == NULL)
    g_ptr_array_add (self->undeclared_relation_types, g_strdup (relation->type));
  g_hash_table_insert (self->relation_keys, g_strdup (relation->type),
                       g_strdup (known ? tessera_relation_type_get_key (known)
                                       : relation->type));
  return g_hash_table_lookup (self->relation_keys, relation->type);
}

static TesseraEntityRecord *
entity_record_for_uri (Conversion            *self,
                     const char            *uri,
                     const char            *name,
                     TesseraAnnotationType *type)
{
  TesseraEntityRecord *entity = g_hash_table_lookup (self->entity_of_uri, uri);
  gint64 *existing;
  TesseraAuthority authority;

  if (entity != NULL)
    return entity;
  entity = tessera_entity_record_new ();
  existing = g_hash_table_lookup (self->project_uris, uri);
  if (existing != NULL)
    entity->id = *existing;
  entity->name = g_strdup (name);
  entity->type = g_object_ref (type);
  authority.scheme = g_strdup (tessera_authority_guess_scheme (uri));
  authority.uri = g_strdup (uri);
  g_array_append_val (entity->authorities, authority);
  g_ptr_array_add (self->entities, entity);
  g_hash_table_insert (self->entity_of_uri, g_strdup (uri), entity);
  return entity;
}

static void
convert_entities (Conversion *self)
{
  for (guint i = 0; i < self->context->entity_order->len; i++)
    {
      TesseraTeiEntity *model = g_ptr_array_index (self->context->entity_order, i);
      TesseraEntityRecord *entity;
      TesseraAnnotationType *type = conversion_type (self, model->type_key);
      g_autoptr(TesseraAnnotationType) fallback = NULL;

      if (g_hash_table_lookup (self->entity_of_id, model->id) != NULL)
        continue;
      if (type == NULL)
        type = fallback = default_entity_type (self->tagset, model->list);

      entity = tessera_entity_record_new ();
      entity->name = g_strdup (model->name);
      entity->description = g_strdup (model->description);
      if (type != NULL && tessera_annotation_type_links_entity (type))
        entity->type = g_object_ref (type);
      if (model->attributes != NULL)
        entity->attributes = g_hash_table_ref (model->attributes);
      for (guint a = 0; a < model->authorities->len; a++)
        {
          TesseraAuthority *source = &g_array_index (model->authorities, TesseraAuthority, a);
          TesseraAuthority copy = { g_strdup (source->scheme), g_strdup (source->uri) };
          gint64 *existing = g_hash_table_lookup (self->project_uris, source->uri);

          /* One authority link in common is the same entity. */
          if (existing != NULL && entity->id == 0)
            entity->id = *existing;
          g_array_append_val (entity->authorities, copy);
          g_hash_table_insert (self->entity_of_uri, g_strdup (source->uri), entity);
        }
      g_ptr_array_add (self->entities, entity);
      g_hash_table_insert (self->entity_of_id, g_strdup (model->id), entity);
    }
}

/* The type an entity will have in the project: its own when the project has it already. */
static TesseraAnnotationType *
dup_entity_type (Conversion        *self,
                 TesseraEntityRecord *entity)
{
  g_autoptr(TesseraEntity) stored = NULL;

  if (entity->id > 0)
    stored = tessera_store_dup_entity (self->store, entity->id, NULL);
  if (stored != NULL)
    return tessera_store_dup_annotation_type (self->store, tessera_entity_get_type_id (stored));
  return entity->type != NULL ? g_object_ref (entity->type) : NULL;
}

static TesseraDocumentRecord *
convert_document (Conversion          *self,
                  TesseraTeiDocument  *model,
                  const char          *source_path,
                  GError             **error)
{
  g_autoptr(TesseraDocumentRecord) document = tessera_document_record_new ();
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) pairs = g_ptr_array_new ();

  document->info = model->info;
  memset (&model->info, 0, sizeof model->info);
  g_free (document->info.source_path);
  document->info.source_path = g_strdup (source_path);
  document->text = g_steal_pointer (&model->text);
  if (document->info.title == NULL || *document->info.title == '\0')
    {
      g_free (document->info.title);
      document->info.title = first_line_title (document->text);
    }
  document->progress = model->progress;
  document->attributes = model->attributes ? g_hash_table_ref (model->attributes) : NULL;

  for (guint i = 0; i < model->annotations->len; i++)
    {
      TesseraTeiAnnotation *a = g_ptr_array_index (model->annotations, i);
      TesseraAnnotationType *type = conversion_type (self, a->type_key);
      TesseraAnnotationRecord *annotation;

      if (type == NULL)
        continue;
      annotation = tessera_annotation_record_new ();
      annotation->type = g_object_ref (type);
      g_array_append_vals (annotation->ranges, a->ranges->data, a->ranges->len);
      annotation->annotator = g_strdup (a->annotator);
      annotation->certainty = a->certainty;
      annotation->status = a->status;
      annotation->note = g_strdup (a->note);
      annotation->normalized = g_strdup (a->normalized);
      if (a->attributes != NULL)
        annotation->attributes = g_hash_table_ref (a->attributes);
      if (tessera_annotation_type_links_entity (type))
        {
          if (a->entity != NULL)
            annotation->entity = g_hash_table_lookup (self->entity_of_id, a->entity);
          else if (a->entity_uri != NULL)
            {
              const TesseraRange *ranges = (TesseraRange *) (gpointer) a->ranges->data;
              g_autofree char *name = tessera_text_slice_ranges (document->text, ranges,
                                                                 a->ranges->len, " ");

              annotation->entity = entity_record_for_uri (self, a->entity_uri, name, type);
            }
          /* The store's rule, for files written before it: the mention stays, unlinked. */
          if (annotation->entity != NULL)
            {
              g_autoptr(TesseraAnnotationType) entity_type =
                dup_entity_type (self, annotation->entity);

              if (!tessera_annotation_type_can_name (type, entity_type))
                {
                  annotation->entity = NULL;
                  g_ptr_array_add (self->refused_links,
                                   a->id != NULL ? g_strdup (a->id)
                                                 : g_strdup_printf (_("line %d"),
                                                                    (int) a->line));
                }
            }
        }
      g_ptr_array_add (document->annotations, annotation);
      g_ptr_array_add (pairs, a);
      if (a->id != NULL)
        g_hash_table_insert (by_id, a->id, annotation);
    }

  for (guint i = 0; i < document->annotations->len; i++)
    {
      TesseraAnnotationRecord *annotation = g_ptr_array_index (document->annotations, i);
      TesseraTeiAnnotation *a = g_ptr_array_index (pairs, i);
      TesseraTeiClaim *c = a->claim;
      TesseraClaimRecord *claim;

      if (c == NULL || !tessera_annotation_type_carries_claim (annotation->type))
        continue;
      claim = annotation->claim = g_new0 (TesseraClaimRecord, 1);
      claim->source_entity = c->source_entity ? g_hash_table_lookup (self->entity_of_id,
                                                                     c->source_entity) : NULL;
      claim->source_annotation = c->source_annotation ? g_hash_table_lookup (by_id,
                                                                             c->source_annotation)
                                                      : NULL;
      claim->cue = c->cue ? g_hash_table_lookup (by_id, c->cue) : NULL;
      claim->parent = c->parent ? g_hash_table_lookup (by_id, c->parent) : NULL;
      if (code_or_null (tessera_claim_source_kinds (), c->source_kind))
        claim->source_kind = g_strdup (c->source_kind);
      if (code_or_null (tessera_claim_quote_types (), c->quote_type))
        claim->quote_type = g_strdup (c->quote_type);
      if (code_or_null (tessera_claim_polarities (), c->polarity))
        claim->polarity = g_strdup (c->polarity);
      if (code_or_null (tessera_claim_factualities (), c->factuality))
        claim->factuality = g_strdup (c->factuality);
      if (code_or_null (tessera_claim_writer_distances (), c->writer_distance))
        claim->writer_distance = g_strdup (c->writer_distance);
      claim->statement_date = g_strdup (c->statement_date);
      claim->topic = g_strdup (c->topic);
    }

  for (guint i = 0; i < model->relations->len; i++)
    {
      TesseraTeiRelation *r = g_ptr_array_index (model->relations, i);
      TesseraAnnotationRecord *source = r->source ? g_hash_table_lookup (by_id, r->source) : NULL;
      TesseraAnnotationRecord *target = r->target ? g_hash_table_lookup (by_id, r->target) : NULL;
      TesseraRelationRecord *relation;

      if (source == NULL || target == NULL || source == target)
        continue;
      relation = g_new0 (TesseraRelationRecord, 1);
      relation->type = g_strdup (conversion_relation_type (self, r));
      relation->source = source;
      relation->target = target;
      relation->note = g_strdup (r->note);
      relation->annotator = g_strdup (r->annotator);
      g_ptr_array_add (document->relations, relation);
    }

  return g_steal_pointer (&document);
}

/**
 * tessera_tei_read_batch:
 * @store: the project the file is read for: its tagset and entities, which it does not change
 * @path: a TEI P5 file: one `TEI` or a `teiCorpus`
 *
 * Reads every document of a TEI file with its metadata, its text (see the comment at the
 * top of this file for what becomes text) and the annotations, entities (with their
 * authority links), claims and relations it holds, as records to write. Categories of a
 * Tessera export the project lacks become new types; entities sharing an authority link
 * with one of the project's are that entity.
 *
 * Returns: (transfer full): the records, or %NULL with @error set if any document cannot
 *   be read
 */
TesseraImportBatch *
tessera_tei_read_batch (TesseraStore  *store,
                        const char    *path,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GPtrArray) models =
    g_ptr_array_new_with_free_func ((GDestroyNotify) _tessera_tei_document_free);
  g_autoptr(TesseraImportBatch) batch = tessera_import_batch_new ();
  g_autoptr(TesseraTeiContext) context = NULL;
  g_autofree char *display_name = g_filename_display_basename (path);
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);
  /* A text column holds text: a name that is not UTF-8 is stored as it is shown. */
  g_autofree char *absolute = g_filename_display_name (canonical);
  Conversion conversion = { 0 };
  GListModel *entities;
  GStatBuf st;

  g_return_val_if_fail (TESSERA_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Refused before it is read, as plain-text files are. */
  if (g_stat (path, &st) == 0 && st.st_size > TESSERA_IMPORT_MAX_BYTES)
    {
      g_autofree char *size = g_format_size_full (st.st_size, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *limit = g_format_size_full (TESSERA_IMPORT_MAX_BYTES,
                                                   G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_TOO_LARGE,
                   _("%s is %s; Tessera imports files of at most %s"), display_name, size,
                   limit);
      return NULL;
    }

  context = _tessera_tei_read_file (path, tessera_store_get_tagset (store), collect_document,
                                    models, cancellable, error);
  if (context == NULL)
    return NULL;

  for (guint i = 0; i < models->len; i++)
    {
      TesseraTeiDocument *model = g_ptr_array_index (models, i);

      if (model->text == NULL || *model->text == '\0')
        {
          g_set_error (error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_EMPTY,
                       _("%s: the document at line %u has no text to annotate; nothing was "
                         "imported"), display_name, model->line);
          return NULL;
        }
    }

  conversion.store = store;
  conversion.tagset = tessera_store_get_tagset (store);
  conversion.context = context;
  conversion.types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  conversion.new_types = g_ptr_array_ref (batch->new_types);
  conversion.entities = g_ptr_array_ref (batch->entities);
  conversion.entity_of_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  conversion.entity_of_uri = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  conversion.project_uris = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  conversion.refused_links = g_ptr_array_new_with_free_func (g_free);
  conversion.relation_types = tessera_store_dup_relation_types (store, NULL);
  conversion.relation_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  conversion.new_relation_types = g_ptr_array_ref (batch->new_relation_types);
  conversion.undeclared_relation_types = g_ptr_array_new_with_free_func (g_free);

  entities = tessera_store_get_entities (store);
  for (guint i = 0; i < g_list_model_get_n_items (entities); i++)
    {
      g_autoptr(TesseraEntity) entity = g_list_model_get_item (entities, i);
      const TesseraAuthority *authorities;
      guint n;
      gint64 id = tessera_entity_get_id (entity);

      authorities = tessera_entity_get_authorities (entity, &n);
      for (guint a = 0; a < n; a++)
        g_hash_table_insert (conversion.project_uris, g_strdup (authorities[a].uri),
                             g_memdup2 (&id, 8));
    }

  /* The whole tagset of a Tessera export comes along, in its order. */
  for (guint i = 0; i < context->category_order->len; i++)
    conversion_type (&conversion,
                     ((TesseraTeiCategory *) g_ptr_array_index (context->category_order, i))->key);
  /* So do its relation types, with the TEI name their relations give. */
  for (guint i = 0; i < context->relation_category_order->len; i++)
    {
      TesseraTeiCategory *category = g_ptr_array_index (context->relation_category_order, i);

      if (find_project_relation_type (&conversion, category->key, FALSE) == NULL)
        add_relation_type_from_category (&conversion, category,
                                         find_relation_name (models, category->key));
    }
  convert_entities (&conversion);
  for (guint i = 0; i < models->len; i++)
    g_ptr_array_add (batch->documents,
                     convert_document (&conversion, g_ptr_array_index (models, i), absolute,
                                       error));

  for (guint i = 0; i < context->warnings->len; i++)
    g_ptr_array_add (batch->warnings, g_strdup (g_ptr_array_index (context->warnings, i)));
  if (conversion.refused_links->len > 0)
    {
      g_autofree char *names = _tessera_tei_first_few (conversion.refused_links);
      guint n = conversion.refused_links->len;

      g_ptr_array_add (batch->warnings,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%s: %u mention refers to an entity of "
                                                     "another type, which it cannot name (a "
                                                     "date does not name an organisation); it "
                                                     "was imported without that link: %s",
                                                     "%s: %u mentions refer to an entity of "
                                                     "another type, which they cannot name (a "
                                                     "date does not name an organisation); "
                                                     "they were imported without that link: %s",
                                                     n),
                                        display_name, n, names));
    }

  if (conversion.undeclared_relation_types->len > 0)
    {
      g_autofree char *names = _tessera_tei_first_few (conversion.undeclared_relation_types);
      guint n = conversion.undeclared_relation_types->len;

      g_ptr_array_add (batch->warnings,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%s: %u relation type was not in the "
                                                     "tagset; it was added to it: %s",
                                                     "%s: %u relation types were not in the "
                                                     "tagset; they were added to it: %s",
                                                     n),
                                        display_name, n, names));
    }

  g_hash_table_unref (conversion.types);
  g_ptr_array_unref (conversion.relation_types);
  g_hash_table_unref (conversion.relation_keys);
  g_ptr_array_unref (conversion.new_relation_types);
  g_ptr_array_unref (conversion.undeclared_relation_types);
  g_ptr_array_unref (conversion.new_types);
  g_ptr_array_unref (conversion.entities);
  g_hash_table_unref (conversion.entity_of_id);
  g_hash_table_unref (conversion.entity_of_uri);
  g_hash_table_unref (conversion.project_uris);
  g_ptr_array_unref (conversion.refused_links);
  return g_steal_pointer (&batch);
}

/**
 * tessera_tei_import_file:
 * @store: the project to import into
 * @path: a TEI P5 file: one `TEI` or a `teiCorpus`
 *
 * Imports every document of a TEI file as tessera_tei_read_batch() reads them. A text the
 * project already has is not imported again.
 *
 * All or nothing: if any document cannot be read, nothing is written.
 *
 * Returns: (transfer container) (element-type TesseraImportResult): one result per document
 *   of the file, or %NULL with @error set
 */
GPtrArray *
tessera_tei_import_file (TesseraStore  *store,
                         const char    *path,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(TesseraImportBatch) batch = tessera_tei_read_batch (store, path, cancellable,
                                                                error);

  if (batch == NULL)
    return NULL;
  return _tessera_import_batch_insert (batch, store, path, cancellable, error);
}
