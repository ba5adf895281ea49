/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-tei"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-tei-private.h"
#include "tessera-text.h"

G_DEFINE_QUARK (tessera-tei-error-quark, tessera_tei_error)

/* Model ----------------------------------------------------------------------------- */

static void
claim_clear (TesseraTeiClaim *claim)
{
  g_free (claim->source_entity);
  g_free (claim->source_annotation);
  g_free (claim->cue);
  g_free (claim->parent);
}

TesseraTeiAnnotation *
_tessera_tei_annotation_new (void)
{
  TesseraTeiAnnotation *annotation = g_new0 (TesseraTeiAnnotation, 1);

  annotation->record = tessera_annotation_record_new ();
  return annotation;
}

void
_tessera_tei_annotation_free (TesseraTeiAnnotation *annotation)
{
  if (annotation == NULL)
    return;
  tessera_annotation_record_free (annotation->record);
  g_free (annotation->id);
  g_free (annotation->type_key);
  g_free (annotation->element);
  g_free (annotation->element_type);
  g_free (annotation->entity);
  g_free (annotation->entity_uri);
  claim_clear (&annotation->claim);
  g_free (annotation);
}

void
_tessera_tei_relation_free (TesseraTeiRelation *relation)
{
  if (relation == NULL)
    return;
  tessera_relation_record_free (relation->record);
  g_free (relation->id);
  g_free (relation->name);
  g_free (relation->source);
  g_free (relation->target);
  g_free (relation);
}

TesseraTeiEntity *
_tessera_tei_entity_new (void)
{
  TesseraTeiEntity *entity = g_new0 (TesseraTeiEntity, 1);

  entity->record = tessera_entity_record_new ();
  return entity;
}

void
_tessera_tei_entity_free (TesseraTeiEntity *entity)
{
  if (entity == NULL)
    return;
  tessera_entity_record_free (entity->record);
  g_free (entity->id);
  g_free (entity->type_key);
  g_free (entity->list);
  g_free (entity);
}

TesseraTeiCategory *
_tessera_tei_category_new (const char *key)
{
  TesseraTeiCategory *category = g_new0 (TesseraTeiCategory, 1);

  category->key = g_strdup (key);
  category->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return category;
}

void
_tessera_tei_category_free (TesseraTeiCategory *category)
{
  if (category == NULL)
    return;
  g_free (category->key);
  g_hash_table_unref (category->labels);
  g_free (category->color);
  g_free (category->element);
  g_free (category->element_type);
  g_free (category);
}

TesseraTeiDocument *
_tessera_tei_document_new (void)
{
  TesseraTeiDocument *document = g_new0 (TesseraTeiDocument, 1);

  document->record = tessera_document_record_new ();
  document->annotations =
    g_ptr_array_new_with_free_func ((GDestroyNotify) _tessera_tei_annotation_free);
  document->relations =
    g_ptr_array_new_with_free_func ((GDestroyNotify) _tessera_tei_relation_free);
  return document;
}

void
_tessera_tei_document_free (TesseraTeiDocument *document)
{
  if (document == NULL)
    return;
  tessera_document_record_free (document->record);
  g_free (document->id);
  g_ptr_array_unref (document->annotations);
  g_ptr_array_unref (document->relations);
  g_free (document);
}

TesseraTeiContext *
_tessera_tei_context_new (void)
{
  TesseraTeiContext *context = g_new0 (TesseraTeiContext, 1);

  context->categories = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                               (GDestroyNotify) _tessera_tei_category_free);
  context->category_order = g_ptr_array_new ();
  context->relation_categories =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                           (GDestroyNotify) _tessera_tei_category_free);
  context->relation_category_order = g_ptr_array_new ();
  context->entities = g_hash_table_new (g_str_hash, g_str_equal);
  context->entity_order =
    g_ptr_array_new_with_free_func ((GDestroyNotify) _tessera_tei_entity_free);
  context->annotators = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  context->warnings = g_ptr_array_new_with_free_func (g_free);
  context->relations =
    g_ptr_array_new_with_free_func ((GDestroyNotify) _tessera_tei_relation_record_free);
  return context;
}

void
_tessera_tei_context_free (TesseraTeiContext *context)
{
  if (context == NULL)
    return;
  g_ptr_array_unref (context->category_order);
  g_hash_table_unref (context->categories);
  g_ptr_array_unref (context->relation_category_order);
  g_hash_table_unref (context->relation_categories);
  g_hash_table_unref (context->entities);
  g_ptr_array_unref (context->entity_order);
  g_hash_table_unref (context->annotators);
  g_ptr_array_unref (context->warnings);
  g_ptr_array_unref (context->relations);
  g_free (context);
}

/* Takes @entity; a later record with the same id replaces the earlier one's lookup. */
void
_tessera_tei_context_add_entity (TesseraTeiContext *context,
                                 TesseraTeiEntity  *entity)
{
  g_ptr_array_add (context->entity_order, entity);
  g_hash_table_insert (context->entities, entity->id, entity);
}

/* Self-check ------------------------------------------------------------------------- */

static gboolean
str_same (const char *a,
          const char *b)
{
  return g_strcmp0 (a && *a ? a : NULL, b && *b ? b : NULL) == 0;
}

static gboolean
attributes_same (GHashTable *a,
                 GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;
  guint na = a ? g_hash_table_size (a) : 0;
  guint nb = b ? g_hash_table_size (b) : 0;

  if (na != nb)
    return FALSE;
  if (na == 0)
    return TRUE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!g_hash_table_contains (b, key) || g_strcmp0 (value, g_hash_table_lookup (b, key)) != 0)
        return FALSE;
    }
  return TRUE;
}

static char *
ranges_to_string (GArray *ranges)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < ranges->len; i++)
    {
      const TesseraRange *range = &g_array_index (ranges, TesseraRange, i);

      g_string_append_printf (out, "%s%u–%u", i ? ", " : "", range->start, range->end);
    }
  return g_string_free (out, FALSE);
}

static gboolean
ranges_same (GArray *a,
             GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  return a->len == 0 || memcmp (a->data, b->data, a->len * sizeof (TesseraRange)) == 0;
}

static const char *
first_difference_in_claims (TesseraTeiAnnotation *a,
                            TesseraTeiAnnotation *b)
{
  static TesseraClaimRecord empty;
  TesseraClaimRecord *ca = a->record->claim ? a->record->claim : &empty;
  TesseraClaimRecord *cb = b->record->claim ? b->record->claim : &empty;

#define SAME(field) if (!str_same (a->claim.field, b->claim.field)) return #field;
  SAME (source_entity);
  SAME (source_annotation);
  SAME (cue);
  SAME (parent);
#undef SAME
#define SAME(field) if (!str_same (ca->field, cb->field)) return #field;
  SAME (source_kind);
  SAME (quote_type);
  SAME (polarity);
  SAME (factuality);
  SAME (writer_distance);
  SAME (statement_date);
  SAME (topic);
#undef SAME
  return NULL;
}

static char *
compare_entities (const char        *id,
                  TesseraTeiContext *expected_context,
                  TesseraTeiContext *read_context)
{
  TesseraTeiEntity *expected_model = g_hash_table_lookup (expected_context->entities, id);
  TesseraTeiEntity *read_model = g_hash_table_lookup (read_context->entities, id);
  TesseraEntityRecord *expected, *read;

  if (expected_model == NULL)
    return NULL;
  if (read_model == NULL)
    return g_strdup_printf (_("the entity record “%s” is missing"), id);
  expected = expected_model->record;
  read = read_model->record;
  if (!str_same (expected->name, read->name) ||
      !str_same (expected_model->type_key, read_model->type_key) ||
      !str_same (expected->description, read->description) ||
      !attributes_same (expected->attributes, read->attributes) ||
      expected->authorities->len != read->authorities->len)
    return g_strdup_printf (_("the entity record “%s” reads back differently"), id);
  for (guint i = 0; i < expected->authorities->len; i++)
    {
      TesseraAuthority *a = &g_array_index (expected->authorities, TesseraAuthority, i);
      TesseraAuthority *b = &g_array_index (read->authorities, TesseraAuthority, i);

      if (g_strcmp0 (a->uri, b->uri) != 0 || g_strcmp0 (a->scheme, b->scheme) != 0)
        return g_strdup_printf (_("the authority links of “%s” read back differently"), id);
    }
  return NULL;
}

/* Where two texts first differ, in code points, with a little context. */
static char *
describe_text_difference (const char *expected,
                          const char *read)
{
  const char *a = expected, *b = read;
  guint offset = 0;
  g_autofree char *context_a = NULL;
  g_autofree char *context_b = NULL;

  while (*a != '\0' && g_utf8_get_char (a) == g_utf8_get_char (b))
    {
      a = g_utf8_next_char (a);
      b = g_utf8_next_char (b);
      offset++;
    }
  context_a = g_utf8_substring (a, 0, MIN (20, g_utf8_strlen (a, -1)));
  context_b = g_utf8_substring (b, 0, MIN (20, g_utf8_strlen (b, -1)));
  return g_strdup_printf (_("the text differs from character %u on: “%s” was written, “%s” "
                            "was read back"), offset, context_a, context_b);
}

/**
 * _tessera_tei_document_compare:
 *
 * Returns: (transfer full) (nullable): %NULL when @read holds what @expected holds (the
 *   text, the metadata, every annotation with its ranges, type, entity, claim, and the
 *   relations), else a sentence saying the first difference
 */
char *
_tessera_tei_document_compare (TesseraTeiDocument *expected,
                               TesseraTeiContext  *expected_context,
                               TesseraTeiDocument *read,
                               TesseraTeiContext  *read_context)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) relations = g_hash_table_new (g_str_hash, g_str_equal);
  TesseraDocumentRecord *want = expected->record;
  TesseraDocumentRecord *got = read->record;

  if (g_strcmp0 (want->text, got->text) != 0)
    return describe_text_difference (want->text, got->text);

#define SAME_INFO(field)                                                                 \
  if (!str_same (want->info.field, got->info.field))                                     \
    return g_strdup_printf (_("the %s reads back as “%s” instead of “%s”"), #field,      \
                            got->info.field ? got->info.field : "",                     \
                            want->info.field ? want->info.field : "");
  SAME_INFO (title);
  SAME_INFO (author);
  SAME_INFO (source_url);
  SAME_INFO (publisher);
  SAME_INFO (publication_date);
  SAME_INFO (language);
  SAME_INFO (licence);
  SAME_INFO (notes);
#undef SAME_INFO
  if (want->progress != got->progress)
    return g_strdup (_("the progress of the document reads back differently"));
  if (!attributes_same (want->attributes, got->attributes))
    return g_strdup (_("the attributes of the document read back differently"));

  for (guint i = 0; i < read->annotations->len; i++)
    {
      TesseraTeiAnnotation *annotation = g_ptr_array_index (read->annotations, i);

      if (annotation->id != NULL)
        g_hash_table_insert (by_id, annotation->id, annotation);
    }
  if (read->annotations->len != expected->annotations->len)
    return g_strdup_printf (_("%u annotations were written but %u read back"),
                            expected->annotations->len, read->annotations->len);

  for (guint i = 0; i < expected->annotations->len; i++)
    {
      TesseraTeiAnnotation *a = g_ptr_array_index (expected->annotations, i);
      TesseraTeiAnnotation *b = g_hash_table_lookup (by_id, a->id);
      TesseraAnnotationRecord *ra, *rb;
      const char *field = NULL;
      char *problem;

      if (b == NULL)
        return g_strdup_printf (_("the annotation “%s” did not come back"), a->id);
      ra = a->record;
      rb = b->record;
      if (!ranges_same (ra->ranges, rb->ranges))
        {
          g_autofree char *want_ranges = ranges_to_string (ra->ranges);
          g_autofree char *got_ranges = ranges_to_string (rb->ranges);

          return g_strdup_printf (_("the annotation “%s” reads back over %s instead of %s"),
                                  a->id, got_ranges, want_ranges);
        }
      if (!str_same (a->type_key, b->type_key))
        field = "type";
      else if (!str_same (a->entity, b->entity))
        field = "entity";
      else if (!str_same (ra->annotator, rb->annotator))
        field = "annotator";
      else if (ra->certainty != rb->certainty)
        field = "certainty";
      else if (ra->status != rb->status)
        field = "status";
      else if (!str_same (ra->note, rb->note))
        field = "note";
      else if (!str_same (ra->normalized, rb->normalized))
        field = "normalized";
      else if (!attributes_same (ra->attributes, rb->attributes))
        field = "attributes";
      else if ((ra->claim == NULL) != (rb->claim == NULL))
        field = "claim";
      else
        field = first_difference_in_claims (a, b);
      if (field != NULL)
        return g_strdup_printf (_("the %s of the annotation “%s” reads back differently"),
                                field, a->id);

      if (a->entity != NULL &&
          (problem = compare_entities (a->entity, expected_context, read_context)) != NULL)
        return problem;
      if (ra->claim != NULL && a->claim.source_entity != NULL &&
          (problem = compare_entities (a->claim.source_entity, expected_context,
                                       read_context)) != NULL)
        return problem;
    }

  if (read->relations->len != expected->relations->len)
    return g_strdup_printf (_("%u relations were written but %u read back"),
                            expected->relations->len, read->relations->len);
  for (guint i = 0; i < read->relations->len; i++)
    {
      TesseraTeiRelation *relation = g_ptr_array_index (read->relations, i);

      if (relation->id != NULL)
        g_hash_table_insert (relations, relation->id, relation);
    }
  for (guint i = 0; i < expected->relations->len; i++)
    {
      TesseraTeiRelation *a = g_ptr_array_index (expected->relations, i);
      TesseraTeiRelation *b = g_hash_table_lookup (relations, a->id);

      if (b == NULL || !str_same (a->record->type, b->record->type) ||
          !str_same (a->name, b->name) ||
          !str_same (a->source, b->source) || !str_same (a->target, b->target) ||
          !str_same (a->record->note, b->record->note) ||
          !str_same (a->record->annotator, b->record->annotator))
        return g_strdup_printf (_("the relation “%s” reads back differently"), a->id);
    }

  return NULL;
}

/* Naming and mapping --------------------------------------------------------------------- */

char *
_tessera_tei_category_id (const char *key)
{
  return g_strconcat (TESSERA_TEI_CATEGORY_PREFIX, key, NULL);
}

/* Phrase-level elements that nest in one another and in p and head (checked with jing
 * against tei_all), with the one exception handled by the exporter: date and time cannot
 * hold said or quote. */
static const char * const mappable_elements[] = {
  "persName", "orgName", "placeName", "geogName", "date", "time", "name", "roleName", "rs",
  "said", "seg", "q", "quote", "term", "title", "num", "measure", "forename", "surname",
  "addName", "genName", "country", "settlement", "region", "district", "bloc", "objectName",
  NULL
};

gboolean
_tessera_tei_element_is_mappable (const char *element)
{
  return element != NULL && g_strv_contains (mappable_elements, element);
}

/* Of those, the ones without @ref (no att.canonical), checked against tei_all. */
gboolean
_tessera_tei_element_takes_ref (const char *element)
{
  static const char * const without[] = { "said", "seg", "q", "quote", "num", "measure", NULL };

  return element != NULL && !g_strv_contains (without, element);
}

/**
 * _tessera_tei_element_for_type:
 * @out_type: (out): the `@type` to write, or %NULL
 *
 * Returns: the element annotations of @type are written as: the type's TEI mapping, or
 *   `rs` with the type's key as `@type` when the mapping is not an element Tessera can nest
 */
const char *
_tessera_tei_element_for_type (TesseraAnnotationType  *type,
                               const char            **out_type)
{
  const char *element = tessera_annotation_type_get_tei_element (type);
  const char *tei_type = tessera_annotation_type_get_tei_type (type);

  if (!_tessera_tei_element_is_mappable (element))
    {
      *out_type = tessera_annotation_type_get_key (type);
      return "rs";
    }
  /* said alone has no @type. */
  *out_type = tei_type != NULL && _tessera_tei_is_token (tei_type) &&
              !g_str_equal (element, "said") ? tei_type : NULL;
  return element;
}

/**
 * _tessera_tei_entity_list:
 *
 * Returns: which standOff list holds the records of entities of this element: "person",
 *   "org", "place", "event" or "object"
 */
const char *
_tessera_tei_entity_list (const char *element,
                          const char *element_type)
{
  static const char * const places[] = {
    "placeName", "geogName", "country", "settlement", "region", "district", "bloc", NULL
  };

  if (g_strcmp0 (element, "persName") == 0)
    return "person";
  if (g_strcmp0 (element, "orgName") == 0)
    return "org";
  if (element != NULL && g_strv_contains (places, element))
    return "place";
  if (g_strcmp0 (element, "eventName") == 0 ||
      (g_strcmp0 (element, "name") == 0 && g_strcmp0 (element_type, "event") == 0))
    return "event";
  return "object";
}

static TesseraAnnotationType *
find_type (GListModel *tagset,
           const char *element,
           const char *element_type,
           gboolean    any_type)
{
  for (guint i = 0; i < g_list_model_get_n_items (tagset); i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (tagset, i);

      if (g_strcmp0 (tessera_annotation_type_get_tei_element (type), element) != 0)
        continue;
      if (any_type ? tessera_annotation_type_get_tei_type (type) == NULL
                   : g_strcmp0 (tessera_annotation_type_get_tei_type (type), element_type) == 0)
        return g_steal_pointer (&type);
    }
  return NULL;
}

/**
 * _tessera_tei_find_type_for_element:
 *
 * The type of the tagset whose TEI mapping fits an element of a file that does not say
 * its category: the exact element and `@type`, then the element alone, then the nearest
 * mapping (geogName → placeName, q and quote → said, time → date, rs, name and seg by
 * `@type`: "person", "place", "org", "date", "event", "role").
 *
 * Returns: (transfer full) (nullable): the type, or %NULL when the element is no annotation
 */
TesseraAnnotationType *
_tessera_tei_find_type_for_element (GListModel *tagset,
                                    const char *element,
                                    const char *element_type)
{
  static const struct { const char *rs_type; const char *element; const char *type; } rs_types[] = {
    { "person", "persName", NULL },
    { "persName", "persName", NULL },
    { "org", "orgName", NULL },
    { "organisation", "orgName", NULL },
    { "organization", "orgName", NULL },
    { "place", "placeName", NULL },
    { "date", "date", NULL },
    { "event", "name", "event" },
    { "role", "roleName", NULL },
  };
  TesseraAnnotationType *type;

  if (element == NULL)
    return NULL;

  type = find_type (tagset, element, element_type, FALSE);
  if (type != NULL)
    return type;
  /* A referring string says by its @type what it refers to. */
  if (element_type != NULL && (g_str_equal (element, "rs") || g_str_equal (element, "name") ||
                               g_str_equal (element, "seg")))
    {
      for (guint i = 0; i < G_N_ELEMENTS (rs_types); i++)
        {
          if (g_str_equal (element_type, rs_types[i].rs_type) &&
              (type = find_type (tagset, rs_types[i].element, rs_types[i].type, FALSE)) != NULL)
            return type;
        }
    }
  if (element_type != NULL)
    type = find_type (tagset, element, NULL, TRUE);
  if (type != NULL)
    return type;

  if (g_str_equal (element, "geogName"))
    return _tessera_tei_find_type_for_element (tagset, "placeName", NULL);
  if (g_str_equal (element, "q") || g_str_equal (element, "quote"))
    return find_type (tagset, "said", NULL, TRUE);
  if (g_str_equal (element, "time"))
    return find_type (tagset, "date", NULL, TRUE);
  if (g_str_equal (element, "name"))
    return find_type (tagset, "rs", NULL, TRUE);
  return NULL;
}

/* Values --------------------------------------------------------------------------------- */

static gboolean
digits (const char **p,
        guint        n,
        guint       *out_value)
{
  guint value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      value = value * 10 + (guint) ((*p)[i] - '0');
    }
  *p += n;
  if (out_value != NULL)
    *out_value = value;
  return TRUE;
}

static gboolean
timezone_then_end (const char *p)
{
  guint hours, minutes;

  if (*p == 'Z')
    return p[1] == '\0';
  if (*p == '+' || *p == '-')
    {
      p++;
      return digits (&p, 2, &hours) && *p++ == ':' && digits (&p, 2, &minutes) &&
             *p == '\0' && hours <= 14 && minutes < 60;
    }
  return *p == '\0';
}

/**
 * _tessera_tei_is_w3c_date:
 *
 * Returns: %TRUE for the forms of `@when` Tessera writes and the schema accepts: a year
 *   (YYYY), a month (YYYY-MM), a day (YYYY-MM-DD) or a time stamp (YYYY-MM-DDThh:mm:ss,
 *   optional fraction), each with an optional time zone
 */
gboolean
_tessera_tei_is_w3c_date (const char *value)
{
  const char *p = value;
  guint year, month, day, hours, minutes, seconds;

  if (value == NULL || !digits (&p, 4, &year) || year == 0)
    return FALSE;
  if (*p != '-')
    return timezone_then_end (p);
  p++;
  if (!digits (&p, 2, &month) || month < 1 || month > 12)
    return FALSE;
  if (*p != '-')
    return timezone_then_end (p);
  p++;
  if (!digits (&p, 2, &day) || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month,
                                                   (GDateYear) year))
    return FALSE;
  if (*p != 'T')
    return timezone_then_end (p);
  p++;
  if (!digits (&p, 2, &hours) || *p++ != ':' || !digits (&p, 2, &minutes) || *p++ != ':' ||
      !digits (&p, 2, &seconds) || hours > 23 || minutes > 59 || seconds > 59)
    return FALSE;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return timezone_then_end (p);
}

/* xsd:language, which @xml:lang and language/@ident require. */
gboolean
_tessera_tei_is_language_tag (const char *value)
{
  guint n = 0;
  gboolean first = TRUE;

  if (value == NULL || *value == '\0')
    return FALSE;
  for (const char *p = value; ; p++)
    {
      if (*p == '-' || *p == '\0')
        {
          if (n < 1 || n > 8)
            return FALSE;
          if (*p == '\0')
            return TRUE;
          n = 0;
          first = FALSE;
          continue;
        }
      if (!(first ? g_ascii_isalpha (*p) : g_ascii_isalnum (*p)))
        return FALSE;
      n++;
    }
}

/* teidata.enumerated: no control or separator character. */
gboolean
_tessera_tei_is_token (const char *value)
{
  if (value == NULL || *value == '\0' || !g_utf8_validate (value, -1, NULL))
    return FALSE;
  for (const char *p = value; *p; p = g_utf8_next_char (p))
    {
      switch (g_unichar_type (g_utf8_get_char (p)))
        {
        case G_UNICODE_CONTROL:
        case G_UNICODE_FORMAT:
        case G_UNICODE_UNASSIGNED:
        case G_UNICODE_PRIVATE_USE:
        case G_UNICODE_SURROGATE:
        case G_UNICODE_SPACE_SEPARATOR:
        case G_UNICODE_LINE_SEPARATOR:
        case G_UNICODE_PARAGRAPH_SEPARATOR:
          return FALSE;
        default:
          break;
        }
    }
  return TRUE;
}

/**
 * _tessera_tei_check_text:
 * @what: how to call the text in the message, e.g. "the text of “Titre”"
 *
 * XML 1.0 cannot carry most control characters: refuse them with their place, rather than
 * write a file no XML parser reads.
 */
gboolean
_tessera_tei_check_text (const char  *text,
                         const char  *what,
                         GError     **error)
{
  guint offset = 0;
  gunichar c = 0;

  if (tessera_text_find_non_xml (text, -1, &offset, &c))
    {
      g_set_error (error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_CHARACTER,
                   _("%s holds the character U+%04X at offset %u, which XML cannot carry; "
                     "remove it and export again"), what, c, offset);
      return FALSE;
    }
  return TRUE;
}

/* XML white space runs become one space; none at either end. */
char *
_tessera_tei_collapse_space (const char *text)
{
  GString *out;
  gboolean space = FALSE;

  if (text == NULL)
    return NULL;
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* A libxml2 error as a sentence a user can act on: where, then what. */
char *
_tessera_tei_error_message (const xmlError *error)
{
  g_autofree char *message = NULL;

  if (error == NULL || error->message == NULL)
    return g_strdup (_("unknown XML error"));
  message = g_strstrip (g_strdup (error->message));
  if (g_str_has_prefix (message, "Input is not proper UTF-8"))
    {
      /* "Input is not proper UTF-8, indicate encoding !\nBytes: 0xE9 0x20" */
      const char *bytes = strstr (message, "Bytes: ");
      char *plain = bytes != NULL
        ? g_strdup_printf (_("the text is not valid UTF-8 (bytes %s)"), bytes + strlen ("Bytes: "))
        : g_strdup (_("the text is not valid UTF-8"));

      g_free (message);
      message = plain;
    }
  g_strdelimit (message, "\n", ' ');
  if (error->line > 0 && error->int2 > 0)
    return g_strdup_printf (_("line %d, column %d: %s"), error->line, error->int2, message);
  if (error->line > 0)
    return g_strdup_printf (_("line %d: %s"), error->line, message);
  return g_steal_pointer (&message);
}

static void
ignore_generic_error (void       *data,
                      const char *format,
                      ...)
{
  /* What arrives here repeats an error already given to the structured handler. */
}

void
_tessera_xml_error_scope_begin (TesseraXmlErrorScope   *scope,
                                xmlStructuredErrorFunc  func,
                                void                   *data)
{
  /* libxml2 keeps these per thread: other threads' parsers are not affected. */
  scope->structured = xmlStructuredError;
  scope->structured_data = xmlStructuredErrorContext;
  scope->generic = xmlGenericError;
  scope->generic_data = xmlGenericErrorContext;
  xmlSetStructuredErrorFunc (data, func);
  xmlSetGenericErrorFunc (NULL, ignore_generic_error);
}

void
_tessera_xml_error_scope_end (TesseraXmlErrorScope *scope)
{
  xmlSetStructuredErrorFunc (scope->structured_data, scope->structured);
  xmlSetGenericErrorFunc (scope->generic_data, scope->generic);
}
