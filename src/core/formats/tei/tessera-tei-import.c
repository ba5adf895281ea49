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
  TesseraImportEntities entities;      /* by authority URI, and the batch's */
  GHashTable        *entity_of_id;     /* xml:id → TesseraEntityRecord */
  GPtrArray         *refused_links;    /* the mentions whose entity their type cannot name */
  GPtrArray         *relation_types;   /* the project's TesseraRelationType */
  GHashTable        *relation_keys;    /* type as read → the key it becomes */
  GPtrArray         *new_relation_types;
  GPtrArray         *undeclared_relation_types; /* names no category described */
  GHashTable        *annotation_of_id; /* xml:id → TesseraAnnotationRecord, every document's */
  GHashTable        *document_of;      /* TesseraAnnotationRecord → TesseraDocumentRecord */
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

          if (g_str_equal (relation->record->type, key))
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
  const char *type = relation->record->type;
  const char *key = g_hash_table_lookup (self->relation_keys, type);
  TesseraTeiCategory *category;
  TesseraRelationType *known;

  if (key != NULL)
    return key;
  /* The file's categories the project lacks are in relation_keys already. */
  category = relation_category (self, type);
  known = category != NULL ? NULL : find_project_relation_type (self, type, TRUE);
  if (known == NULL)
    known = find_project_relation_type (self, type, FALSE);
  if (known == NULL)
    g_ptr_array_add (self->undeclared_relation_types, g_strdup (type));
  g_hash_table_insert (self->relation_keys, g_strdup (type),
                       g_strdup (known ? tessera_relation_type_get_key (known)
                                       : type));
  return g_hash_table_lookup (self->relation_keys, type);
}

/* The file's entity records go to the batch as they were read, with their type. */
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

      entity = g_steal_pointer (&model->record);
      if (type != NULL && tessera_annotation_type_links_entity (type))
        entity->type = g_object_ref (type);
      for (guint a = 0; a < entity->authorities->len; a++)
        {
          TesseraAuthority *authority = &g_array_index (entity->authorities,
                                                        TesseraAuthority, a);
          /* One authority link in common is the same entity. */
          if (entity->id == 0)
            entity->id = _tessera_import_entities_project_id (&self->entities, authority->uri);
          g_hash_table_insert (self->entities.entity_of_uri, g_strdup (authority->uri),
                               entity);
        }
      g_ptr_array_add (self->entities.entities, entity);
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

/* Values outside the claim vocabularies are left out, as the store would refuse them. */
static void
keep_known_codes (TesseraClaimRecord *claim)
{
  struct { char **value; const char * const *codes; } fields[] = {
    { &claim->source_kind, tessera_claim_source_kinds () },
    { &claim->quote_type, tessera_claim_quote_types () },
    { &claim->polarity, tessera_claim_polarities () },
    { &claim->factuality, tessera_claim_factualities () },
    { &claim->writer_distance, tessera_claim_writer_distances () },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (*fields[i].value != NULL && !g_strv_contains (fields[i].codes, *fields[i].value))
        g_clear_pointer (fields[i].value, g_free);
    }
}

/* The entity the annotation names, if its type can name it. */
static void
link_entity (Conversion              *self,
             TesseraDocumentRecord   *document,
             TesseraTeiAnnotation    *model,
             TesseraAnnotationRecord *annotation)
{
  g_autoptr(TesseraAnnotationType) entity_type = NULL;

  if (model->entity != NULL)
    annotation->entity = g_hash_table_lookup (self->entity_of_id, model->entity);
  else if (model->entity_uri != NULL)
    {
      const TesseraRange *ranges = (TesseraRange *) (gpointer) annotation->ranges->data;
      g_autofree char *name = tessera_text_slice_ranges (document->text, ranges,
                                                         annotation->ranges->len, " ");

      annotation->entity = _tessera_import_entities_for_uri (&self->entities, model->entity_uri,
                                                             name, annotation->type);
    }
  if (annotation->entity == NULL)
    return;
  /* The store's rule, for files written before it: the mention stays, unlinked. */
  entity_type = dup_entity_type (self, annotation->entity);
  if (!tessera_annotation_type_can_name (annotation->type, entity_type))
    {
      annotation->entity = NULL;
      g_ptr_array_add (self->refused_links,
                       model->id != NULL ? g_strdup (model->id)
                                         : g_strdup_printf (_("line %d"), (int) model->line));
    }
}

/* Gives @document the relation @r read between two annotations of @by_id (xml:id →
 * TesseraAnnotationRecord), with the project's key for its type. */
static void
add_relation (Conversion            *self,
              TesseraTeiRelation    *r,
              GHashTable            *by_id,
              TesseraDocumentRecord *document)
{
  TesseraAnnotationRecord *source = r->source ? g_hash_table_lookup (by_id, r->source) : NULL;
  TesseraAnnotationRecord *target = r->target ? g_hash_table_lookup (by_id, r->target) : NULL;
  char *key;

  if (source == NULL || target == NULL || source == target || document == NULL)
    return;
  /* The type read becomes the project's key for it. */
  key = g_strdup (conversion_relation_type (self, r));
  g_free (r->record->type);
  r->record->type = key;
  r->record->source = source;
  r->record->target = target;
  g_ptr_array_add (document->relations, g_steal_pointer (&r->record));
}

/* The document's record as read, given the annotations and relations it holds. */
static TesseraDocumentRecord *
convert_document (Conversion          *self,
                  TesseraTeiDocument  *model,
                  const char          *source_path,
                  GError             **error)
{
  g_autoptr(TesseraDocumentRecord) document = g_steal_pointer (&model->record);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);

  g_free (document->info.source_path);
  document->info.source_path = g_strdup (source_path);
  if (document->info.title == NULL || *document->info.title == '\0')
    {
      g_free (document->info.title);
      document->info.title = first_line_title (document->text);
    }

  for (guint i = 0; i < model->annotations->len; i++)
    {
      TesseraTeiAnnotation *a = g_ptr_array_index (model->annotations, i);
      TesseraAnnotationType *type = conversion_type (self, a->type_key);

      if (type == NULL)
        continue;
      a->record->type = g_object_ref (type);
      if (tessera_annotation_type_links_entity (type))
        link_entity (self, document, a, a->record);
      if (!tessera_annotation_type_carries_claim (type))
        g_clear_pointer (&a->record->claim, tessera_claim_record_free);
      if (a->id != NULL)
        {
          g_hash_table_insert (by_id, a->id, a->record);
          g_hash_table_insert (self->annotation_of_id, a->id, a->record);
          g_hash_table_insert (self->document_of, a->record, document);
        }
    }

  for (guint i = 0; i < model->annotations->len; i++)
    {
      TesseraTeiAnnotation *a = g_ptr_array_index (model->annotations, i);
      TesseraClaimRecord *claim;

      if (a->record->type == NULL)
        continue;
      claim = a->record->claim;
      if (claim != NULL)
        {
          TesseraTeiClaim *c = &a->claim;

          claim->source_entity = c->source_entity ? g_hash_table_lookup (self->entity_of_id,
                                                                         c->source_entity)
                                                  : NULL;
          claim->source_annotation = c->source_annotation
                                     ? g_hash_table_lookup (by_id, c->source_annotation)
                                     : NULL;
          claim->cue = c->cue ? g_hash_table_lookup (by_id, c->cue) : NULL;
          claim->parent = c->parent ? g_hash_table_lookup (by_id, c->parent) : NULL;
          keep_known_codes (claim);
        }
      g_ptr_array_add (document->annotations, g_steal_pointer (&a->record));
    }

  for (guint i = 0; i < model->relations->len; i++)
    add_relation (self, g_ptr_array_index (model->relations, i), by_id, document);

  return g_steal_pointer (&document);
}

/* The relations a teiCorpus declares between its documents, each given to the document
 * of its source (the store writes relations once every document is). */
static gboolean
convert_corpus_relations (Conversion  *self,
                          const char  *display_name,
                          GError     **error)
{
  for (guint i = 0; i < self->context->relations->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      TesseraTeiRelation *r =
        _tessera_tei_relation_between (self->context, display_name,
                                       g_ptr_array_index (self->context->relations, i),
                                       self->annotation_of_id, &local_error);
      TesseraAnnotationRecord *source;

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (r == NULL)
        continue;
      source = g_hash_table_lookup (self->annotation_of_id, r->source);
      add_relation (self, r, self->annotation_of_id,
                    g_hash_table_lookup (self->document_of, source));
      _tessera_tei_relation_free (r);
    }
  return TRUE;
}

/**
 * _tessera_tei_read_batch:
 * @importer: (nullable): the importer reading the file
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
_tessera_tei_read_batch (TesseraImporter  *importer,
                         TesseraStore     *store,
                         const char       *path,
                         GCancellable     *cancellable,
                         GError          **error)
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
  gboolean converted;
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

      if (model->record->text == NULL || *model->record->text == '\0')
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
  _tessera_import_entities_init (&conversion.entities, store, batch->entities);
  conversion.entity_of_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  conversion.refused_links = g_ptr_array_new_with_free_func (g_free);
  conversion.relation_types = tessera_store_dup_relation_types (store, NULL);
  conversion.relation_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  conversion.new_relation_types = g_ptr_array_ref (batch->new_relation_types);
  conversion.undeclared_relation_types = g_ptr_array_new_with_free_func (g_free);
  conversion.annotation_of_id = g_hash_table_new (g_str_hash, g_str_equal);
  conversion.document_of = g_hash_table_new (NULL, NULL);

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
  converted = convert_corpus_relations (&conversion, display_name, error);

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
  _tessera_import_entities_clear (&conversion.entities);
  g_hash_table_unref (conversion.entity_of_id);
  g_ptr_array_unref (conversion.refused_links);
  g_hash_table_unref (conversion.annotation_of_id);
  g_hash_table_unref (conversion.document_of);
  if (!converted)
    return NULL;
  return g_steal_pointer (&batch);
}

/**
 * tessera_tei_import_file:
 * @store: the project to import into
 * @path: a TEI P5 file: one `TEI` or a `teiCorpus`
 *
 * Imports every document of a TEI file as _tessera_tei_read_batch() reads them. A text the
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
  g_autoptr(TesseraImportBatch) batch = _tessera_tei_read_batch (NULL, store, path,
                                                                 cancellable, error);

  if (batch == NULL)
    return NULL;
  return _tessera_import_batch_insert (batch, store, path, cancellable, error);
}
