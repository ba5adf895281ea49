/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-tei"

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "tessera-core.h"
#include "tessera-tei-export-private.h"
#include "tessera-tei-private.h"
#include "tessera-tei-reader-private.h"
#include "test-common.h"

/*
 * TEI export and import. Every TEI file a test writes is validated against tei_all.rng
 * with libxml2 (the schema is compiled once for the whole program) and kept; the last test
 * validates all of them with jing in a single run.
 *
 * TESSERA_SHARED_DIR points at the shared folder (schema, samples, ELTeC novels); the tests
 * that need it fail without it, saying so (a skipped test would pass unseen).
 * TESSERA_UPDATE_GOLDEN=1 rewrites the golden files.
 */

static TesseraTeiValidator *validator;
static char *kept_dir;
static GPtrArray *kept_files;

/* @folder/@name in the shared folder; fails the test, saying what is missing, without it. */
static char *
shared_path (const char *folder,
             const char *name)
{
  const char *dir = g_getenv ("TESSERA_SHARED_DIR");
  g_autofree char *message = NULL;
  char *path;

  if (dir == NULL || *dir == '\0')
    message = g_strdup ("TESSERA_SHARED_DIR is not set: run the tests with “meson test”, which "
                        "sets it to the shared folder beside the source tree (../shared)");
  else if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    message = g_strdup_printf ("the shared folder %s (TESSERA_SHARED_DIR) is missing", dir);
  if (message != NULL)
    g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, message);

  path = g_build_filename (dir, folder, name, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      message = g_strdup_printf ("%s is missing from the shared folder (TESSERA_SHARED_DIR)",
                                 path);
      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, message);
    }
  return path;
}

static char *
schema_path (void)
{
  return shared_path ("tei", "tei_all.rng");
}

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "tei", name, NULL);
}

static void
on_validator_ready (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean *done = user_data;

  validator = tessera_tei_validator_new_finish (result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

/* tei_all.rng, compiled once for the whole program (seconds), in a worker thread as the
 * application does. */
static void
ensure_validator (void)
{
  g_autofree char *schema = NULL;
  gboolean done = FALSE;

  if (validator != NULL)
    return;
  schema = schema_path ();
  tessera_tei_validator_new_async (schema, NULL, on_validator_ready, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (validator);
}

/* Validates with libxml2 now and keeps a copy for jing at the end. */
static void
assert_valid_tei (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *name = NULL;
  g_autofree char *base = NULL;
  gsize length;

  ensure_validator ();
  if (!tessera_tei_validator_validate_file (validator, path, &problems, &error))
    {
      for (guint i = 0; problems != NULL && i < problems->len; i++)
        {
          TesseraTeiProblem *problem = g_ptr_array_index (problems, i);

          g_test_message ("%s:%u: %s", path, problem->line, problem->message);
        }
      g_assert_no_error (error);
    }

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  base = g_path_get_basename (path);
  name = g_strdup_printf ("%03u-%s", kept_files->len, base);
  copy = g_build_filename (kept_dir, name, NULL);
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  g_ptr_array_add (kept_files, g_steal_pointer (&copy));
}

/* Fixtures ------------------------------------------------------------------------------ */

typedef struct
{
  char         *dir;
  TesseraStore *store;
} Fixture;

static TesseraStore *
new_project (const char *dir,
             const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  TesseraStore *store = test_create_project (path);

  tessera_store_set_annotator (store, "Alice Martin");
  return store;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = test_make_tmp_dir ("tessera-tei-XXXXXX");
  fixture->store = new_project (fixture->dir, "project.tessera");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gint64
add_document (TesseraStore *store,
              const char   *title,
              const char   *text)
{
  g_autoptr(GError) error = NULL;
  TesseraDocumentInfo info = { .title = (char *) title };
  gint64 id = tessera_store_add_document (store, &info, text, NULL, &error);

  g_assert_no_error (error);
  return id;
}

static gint64
annotate_ranges (TesseraStore       *store,
                 gint64              document_id,
                 const char         *key,
                 const TesseraRange *ranges,
                 guint               n_ranges)
{
  g_autoptr(GError) error = NULL;
  gint64 id = tessera_store_add_annotation (store, document_id, test_type_id (store, key), ranges,
                                            n_ranges, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
annotate_span (TesseraStore *store,
               gint64        document_id,
               const char   *key,
               guint         start,
               guint         end)
{
  TesseraRange range = { start, end };

  return annotate_ranges (store, document_id, key, &range, 1);
}

/* Marks the @occurrence-th @needle of the document. */
static gint64
annotate (TesseraStore *store,
          gint64        document_id,
          const char   *key,
          const char   *needle,
          guint         occurrence)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = tessera_store_dup_document_text (store, document_id, &error);
  TesseraRange range;

  g_assert_no_error (error);
  if (!tessera_text_find (text, needle, occurrence, &range))
    g_error ("“%s” (%u) is not in document %" G_GINT64_FORMAT, needle, occurrence, document_id);
  return annotate_ranges (store, document_id, key, &range, 1);
}

static gint64
entity (TesseraStore *store,
        const char   *name,
        const char   *key,
        const char   *uri)
{
  g_autoptr(GError) error = NULL;
  gint64 id = tessera_store_add_entity (store, name, test_type_id (store, key), NULL, &error);

  g_assert_no_error (error);
  if (uri != NULL)
    {
      tessera_store_add_entity_authority (store, id, NULL, uri, &error);
      g_assert_no_error (error);
    }
  return id;
}

static void
link_mention (TesseraStore *store,
              gint64        annotation_id,
              gint64        entity_id)
{
  g_autoptr(GError) error = NULL;

  tessera_store_link_annotation (store, annotation_id, entity_id, &error);
  g_assert_no_error (error);
}

static void
set_claim (TesseraStore *store,
           gint64        claim_id,
           gint64        source_entity,
           gint64        source_annotation,
           gint64        cue,
           const char   *quote_type,
           const char   *factuality)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraClaim) claim = tessera_store_dup_claim (store, claim_id, &error);

  g_assert_no_error (error);
  tessera_claim_set_source_entity_id (claim, source_entity);
  tessera_claim_set_source_annotation_id (claim, source_annotation);
  tessera_claim_set_cue_annotation_id (claim, cue);
  g_assert_true (tessera_claim_set_quote_type (claim, quote_type));
  g_assert_true (tessera_claim_set_factuality (claim, factuality));
  g_assert_true (tessera_claim_set_source_kind (claim, "named"));
  g_assert_true (tessera_claim_set_polarity (claim, "positive"));
  g_assert_true (tessera_claim_set_writer_distance (claim, "neutral"));
  tessera_claim_set_statement_date (claim, "2024-06-20");
  tessera_claim_set_topic (claim, "défense & sécurité");
  tessera_store_update_claim (store, claim, &error);
  g_assert_no_error (error);
}

static gint64
import_seeds (TesseraStore *store)
{
  const char *paths[] = { g_getenv ("TESSERA_SEEDS_DIR"), NULL };
  g_autoptr(GPtrArray) results = NULL;

  g_assert_nonnull (paths[0]);
  results = tessera_import_paths (store, paths, NULL);
  g_assert_cmpuint (results->len, ==, 5);
  for (guint i = 0; i < results->len; i++)
    g_assert_no_error (((TesseraImportResult *) g_ptr_array_index (results, i))->error);
  return ((TesseraImportResult *) g_ptr_array_index (results, 0))->document_id;
}

/* The five seeds, annotated as a linguist would: entities linked to Wikidata, claims with
 * their source and cue, a date, a crossing overlap, an annotation over two paragraphs, a
 * discontinuous one, a relation, notes and attributes. */
static void
annotate_seeds (TesseraStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 goita = entity (store, "Assimi Goïta", "person", "http://www.wikidata.org/entity/Q62604431");
  gint64 diarra = entity (store, "Oumar Diarra", "person", NULL);
  gint64 aes = entity (store, "Alliance des États du Sahel", "organisation",
                       "http://www.wikidata.org/entity/Q120436209");
  gint64 mali = entity (store, "Mali", "place", "http://www.wikidata.org/entity/Q912");
  gint64 bamako = entity (store, "Bamako", "place", "https://www.wikidata.org/wiki/Q3703");
  gint64 unused = entity (store, "Liptako-Gourma", "place", "https://sws.geonames.org/2453866/");
  gint64 a, b, claim, cue, source, cross, date;
  TesseraRange pair[2];

  tessera_store_add_entity_authority (store, mali, NULL, "https://sws.geonames.org/2453866/",
                                      &error);
  g_assert_no_error (error);
  tessera_store_set_attribute (store, "entity", unused, "status", "à vérifier", &error);
  g_assert_no_error (error);

  /* Document 1. */
  link_mention (store, annotate (store, 1, "person", "Assimi Goïta", 1), goita);
  link_mention (store, annotate (store, 1, "person", "Assimi Goïta", 2), goita);
  a = annotate (store, 1, "organisation", "Alliance des États du Sahel", 1);
  link_mention (store, a, aes);
  link_mention (store, annotate (store, 1, "place", "Sahel", 1),
                entity (store, "Sahel", "place", "http://www.wikidata.org/entity/Q6250"));
  b = annotate (store, 1, "role", "président malien", 1);
  tessera_store_set_annotation_certainty (store, b, TESSERA_CERTAINTY_HIGH, &error);
  g_assert_no_error (error);
  cue = annotate (store, 1, "cue", "Selon", 1);
  source = annotate (store, 1, "person", "Oumar Diarra", 2);
  link_mention (store, source, diarra);
  claim = annotate (store, 1, "claim", "ce plan permettra d’insuffler un nouveau dynamisme", 1);
  set_claim (store, claim, diarra, source, cue, "indirect", "PR+");
  /* A role crossing an organisation: "forces armées" / "armées maliennes". */
  cross = annotate (store, 1, "role", "chef d’état-major des forces armées", 1);
  annotate (store, 1, "organisation", "forces armées maliennes", 1);
  tessera_store_set_annotation_note (store, cross, "Chevauche « forces armées maliennes » & <FAMa>",
                                     &error);
  g_assert_no_error (error);
  date = annotate (store, 1, "date", "septembre 2023", 1);
  tessera_store_set_annotation_normalized (store, date, "2023-09", &error);
  g_assert_no_error (error);
  tessera_store_add_relation (store, "same-as", source, annotate (store, 1, "person",
                                                                  "Oumar Diarra", 1),
                              "la même personne", &error);
  g_assert_no_error (error);

  /* Document 2: a claim over two paragraphs, a suggested mention, an attribute. */
  {
    g_autofree char *text = tessera_store_dup_document_text (store, 2, &error);
    const char *newline = strchr (text, '\n');
    guint line_end = (guint) g_utf8_pointer_to_offset (text, newline);

    claim = annotate_span (store, 2, "claim", line_end - 20, line_end + 15);
    set_claim (store, claim, aes, 0, 0, "mixed", "CT+");
    a = annotate (store, 2, "organisation", "ALLIANCE DES ÉTATS DU SAHEL", 1);
    link_mention (store, a, aes);
    tessera_store_set_annotation_status (store, a, TESSERA_STATUS_SUGGESTED, &error);
    g_assert_no_error (error);
    tessera_store_set_attribute (store, "annotation", a, "source", "pré-annotation", &error);
    g_assert_no_error (error);
  }

  /* Document 3: a discontinuous mention and nested spans of three types. */
  {
    g_autofree char *text = tessera_store_dup_document_text (store, 3, &error);

    g_assert_true (tessera_text_find (text, "Les ministres", 1, &pair[0]));
    g_assert_true (tessera_text_find (text, "de la défense", 1, &pair[1]));
    annotate_ranges (store, 3, "role", pair, 2);
    link_mention (store, annotate (store, 3, "place", "Bamako", 1), bamako);
    date = annotate (store, 3, "date", "20 juin", 1);
    tessera_store_set_annotation_normalized (store, date, "2024-06-20", &error);
    g_assert_no_error (error);
    annotate (store, 3, "event", "réunis le 20 juin à Bamako", 1);
  }

  /* Document 4: identical spans of three types, and a claim around a date. */
  link_mention (store, annotate (store, 4, "place", "Mali", 1), mali);
  annotate (store, 4, "organisation", "Mali", 1);
  annotate (store, 4, "other", "Mali", 1);
  annotate (store, 4, "event", "instituent l’Alliance des États du Sahel", 1);
  link_mention (store, annotate (store, 4, "organisation", "Alliance des États du Sahel", 1), aes);

  /* Document 5: a date inside a claim that starts with it. */
  claim = annotate (store, 5, "claim", "Bamako pour une", 1);
  set_claim (store, claim, 0, 0, 0, "direct", "Uu");
  link_mention (store, annotate (store, 5, "place", "Bamako", 1), bamako);

  tessera_store_set_document_progress (store, 1, TESSERA_PROGRESS_IN_PROGRESS, &error);
  g_assert_no_error (error);
  {
    TesseraDocumentInfo info = {
      .title = (char *) "Les chefs d’état-major des forces armées de l’Alliance des États du "
                        "Sahel (AES) ont été reçus, ce mercredi, par le général Assimi Goïta.",
      .author = (char *) "Rédaction  «  Sahel » & co",
      .source_url = (char *) "https://example.org/aes?id=1&lang=fr",
      .publisher = (char *) "Journal <du> Sahel",
      .publication_date = (char *) "2024-11-20",
      .language = (char *) "fr",
      .licence = (char *) "Tous droits réservés",
      .notes = (char *) "Ligne 1\nLigne 2",
    };

    tessera_store_update_document_info (store, 1, &info, &error);
    g_assert_no_error (error);
  }
}

/* A project in words: what must survive export and import. ---------------------------- */

static char *
describe_attributes (TesseraStore *store,
                     const char   *owner,
                     gint64        id)
{
  g_autoptr(GHashTable) attributes = tessera_store_dup_attributes (store, owner, id, NULL);
  g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (attributes), (GCompareFunc) g_strcmp0);
  GString *out = g_string_new (NULL);

  for (GList *l = keys; l; l = l->next)
    g_string_append_printf (out, " @%s=%s", (char *) l->data,
                            (char *) g_hash_table_lookup (attributes, l->data));
  return g_string_free (out, FALSE);
}

static char *
describe_entity (TesseraStore *store,
                 gint64        entity_id)
{
  g_autoptr(TesseraEntity) entity = NULL;
  g_autoptr(TesseraAnnotationType) type = NULL;
  g_autofree char *attributes = NULL;
  GString *out;
  const TesseraAuthority *authorities;
  guint n;

  if (entity_id == 0)
    return g_strdup ("-");
  entity = tessera_store_dup_entity (store, entity_id, NULL);
  g_assert_nonnull (entity);
  type = tessera_store_dup_annotation_type (store, tessera_entity_get_type_id (entity));
  out = g_string_new (NULL);
  g_string_append_printf (out, "%s [%s] (%s)", tessera_entity_get_name (entity),
                          type ? tessera_annotation_type_get_key (type) : "-",
                          tessera_entity_get_description (entity) ?: "");
  authorities = tessera_entity_get_authorities (entity, &n);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, " %s=%s", authorities[i].scheme, authorities[i].uri);
  attributes = describe_attributes (store, "entity", entity_id);
  g_string_append (out, attributes);
  return g_string_free (out, FALSE);
}

static char *
describe_annotation (TesseraStore *store,
                     gint64        annotation_id)
{
  g_autoptr(TesseraAnnotation) annotation = NULL;
  g_autoptr(TesseraAnnotationType) type = NULL;
  GString *out;
  const TesseraRange *ranges;
  guint n;

  if (annotation_id == 0)
    return g_strdup ("-");
  annotation = tessera_store_dup_annotation (store, annotation_id, NULL);
  g_assert_nonnull (annotation);
  type = tessera_store_dup_annotation_type (store, tessera_annotation_get_type_id (annotation));
  out = g_string_new (tessera_annotation_type_get_key (type));
  ranges = tessera_annotation_get_ranges (annotation, &n);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, " %u-%u", ranges[i].start, ranges[i].end);
  return g_string_free (out, FALSE);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The relations of document @id: those within it, then those from it to another one. */
static GPtrArray *
dup_relations_from (TesseraStore *store,
                    gint64        id)
{
  GPtrArray *relations = tessera_store_dup_relations (store, id, NULL);
  g_autoptr(GPtrArray) crossing = tessera_store_dup_cross_document_relations (store, id, NULL);

  for (guint i = 0; i < crossing->len; i++)
    {
      TesseraRelation *relation = g_ptr_array_index (crossing, i);

      if (relation->source_document_id == id)
        g_ptr_array_add (relations, g_ptr_array_steal_index (crossing, i--));
    }
  return relations;
}

/* Everything a round trip must keep, ids and time stamps aside, in a stable order. */
static char *
describe_project (TesseraStore *store)
{
  GString *out = g_string_new (NULL);
  GListModel *tagset = tessera_store_get_tagset (store);
  GListModel *documents = tessera_store_get_documents (store);
  GListModel *entities = tessera_store_get_entities (store);
  g_autoptr(GPtrArray) entity_lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) relation_types = tessera_store_dup_relation_types (store, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (tagset); i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (tagset, i);

      g_string_append_printf (out, "type %s %s fr=%s en=%s %s %s %s\n",
                              tessera_annotation_type_get_key (type),
                              tessera_kind_to_string (tessera_annotation_type_get_kind (type)),
                              tessera_annotation_type_get_label_for (type, "fr"),
                              tessera_annotation_type_get_label_for (type, "en"),
                              tessera_annotation_type_get_tei_element (type),
                              tessera_annotation_type_get_tei_type (type) ?: "-",
                              tessera_annotation_type_get_color (type));
    }
  for (guint i = 0; i < relation_types->len; i++)
    {
      TesseraRelationType *type = g_ptr_array_index (relation_types, i);

      g_string_append_printf (out, "relation type «%s» fr=%s en=%s tei=«%s» %s\n",
                              tessera_relation_type_get_key (type),
                              tessera_relation_type_get_label_for (type, "fr"),
                              tessera_relation_type_get_label_for (type, "en"),
                              tessera_relation_type_get_tei_name (type),
                              tessera_relation_type_get_color (type));
    }
  for (guint i = 0; i < g_list_model_get_n_items (entities); i++)
    {
      g_autoptr(TesseraEntity) entity = g_list_model_get_item (entities, i);

      g_ptr_array_add (entity_lines, describe_entity (store, tessera_entity_get_id (entity)));
    }
  g_ptr_array_sort (entity_lines, compare_lines);
  for (guint i = 0; i < entity_lines->len; i++)
    g_string_append_printf (out, "entity %s\n", (char *) g_ptr_array_index (entity_lines, i));

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(TesseraDocument) document = g_list_model_get_item (documents, i);
      gint64 id = tessera_document_get_id (document);
      g_autofree char *text = tessera_store_dup_document_text (store, id, NULL);
      g_autoptr(GPtrArray) annotations = tessera_store_dup_annotations (store, id, NULL);
      g_autoptr(GPtrArray) relations = dup_relations_from (store, id);
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *attributes = describe_attributes (store, "document", id);

      g_string_append_printf (out, "document «%s» by «%s» url=%s publisher=%s date=%s "
                              "language=%s licence=%s notes=«%s» progress=%s%s\n",
                              tessera_document_get_title (document),
                              tessera_document_get_author (document) ?: "",
                              tessera_document_get_source_url (document) ?: "",
                              tessera_document_get_publisher (document) ?: "",
                              tessera_document_get_publication_date (document) ?: "",
                              tessera_document_get_language (document) ?: "",
                              tessera_document_get_licence (document) ?: "",
                              tessera_document_get_notes (document) ?: "",
                              tessera_progress_to_string (tessera_document_get_progress (document)),
                              attributes);
      g_string_append_printf (out, "text «%s»\n", text);

      for (guint j = 0; j < annotations->len; j++)
        {
          TesseraAnnotation *annotation = g_ptr_array_index (annotations, j);
          gint64 aid = tessera_annotation_get_id (annotation);
          g_autofree char *self = describe_annotation (store, aid);
          g_autofree char *linked = describe_entity (store, tessera_annotation_get_entity_id (annotation));
          g_autofree char *own = describe_attributes (store, "annotation", aid);
          g_autoptr(TesseraClaim) claim = tessera_store_dup_claim (store, aid, NULL);
          GString *line = g_string_new (NULL);

          g_string_append_printf (line, "  %s entity=%s by=%s cert=%s status=%s note=«%s» "
                                  "normalized=%s%s", self, linked,
                                  tessera_annotation_get_annotator (annotation) ?: "-",
                                  tessera_certainty_to_string (tessera_annotation_get_certainty (annotation)),
                                  tessera_status_to_string (tessera_annotation_get_status (annotation)),
                                  tessera_annotation_get_note (annotation) ?: "",
                                  tessera_annotation_get_normalized (annotation) ?: "-", own);
          if (claim != NULL)
            {
              g_autofree char *source_entity = describe_entity (store, tessera_claim_get_source_entity_id (claim));
              g_autofree char *source = describe_annotation (store, tessera_claim_get_source_annotation_id (claim));
              g_autofree char *cue = describe_annotation (store, tessera_claim_get_cue_annotation_id (claim));
              g_autofree char *parent = describe_annotation (store, tessera_claim_get_parent_annotation_id (claim));

              g_string_append_printf (line, " claim[source=%s mention=%s cue=%s parent=%s %s %s "
                                      "%s %s %s %s %s]", source_entity, source, cue, parent,
                                      tessera_claim_get_source_kind (claim) ?: "-",
                                      tessera_claim_get_quote_type (claim) ?: "-",
                                      tessera_claim_get_polarity (claim) ?: "-",
                                      tessera_claim_get_factuality (claim) ?: "-",
                                      tessera_claim_get_writer_distance (claim) ?: "-",
                                      tessera_claim_get_statement_date (claim) ?: "-",
                                      tessera_claim_get_topic (claim) ?: "-");
            }
          g_ptr_array_add (lines, g_string_free (line, FALSE));
        }
      for (guint j = 0; j < relations->len; j++)
        {
          TesseraRelation *relation = g_ptr_array_index (relations, j);
          g_autofree char *source = describe_annotation (store, relation->source_id);
          g_autofree char *target = describe_annotation (store, relation->target_id);

          g_ptr_array_add (lines, g_strdup_printf ("  relation %s %s → %s «%s» by=%s",
                                                   relation->type, source, target,
                                                   relation->note ?: "",
                                                   relation->annotator ?: "-"));
        }
      g_ptr_array_sort (lines, compare_lines);
      for (guint j = 0; j < lines->len; j++)
        g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (lines, j));
    }
  return g_string_free (out, FALSE);
}

static GPtrArray *
import_file (TesseraStore *store,
             const char   *path)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *results = tessera_tei_import_file (store, path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  return results;
}

typedef struct
{
  guint done;
  guint total;
  guint calls;
} Progress;

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (done, >, progress->done);
  g_assert_cmpuint (done, <=, total);
  progress->done = done;
  progress->total = total;
  progress->calls++;
}

/* A TEI export with @options, through the exporter. */
static gboolean
export_tei (TesseraStore                   *store,
            const gint64                   *document_ids,
            guint                           n_documents,
            const char                     *path,
            const TesseraTeiExportOptions  *options,
            GCancellable                   *cancellable,
            TesseraFormatProgressFunc       progress,
            gpointer                        progress_data,
            GError                        **error)
{
  g_autoptr(TesseraExporter) exporter = tessera_tei_exporter_new (options);

  return tessera_exporter_export (exporter, store, document_ids, n_documents, path,
                                  cancellable, progress, progress_data, error);
}

static char *
export_corpus (Fixture                       *fixture,
               TesseraStore                  *store,
               const char                    *name,
               const TesseraTeiExportOptions *base)
{
  TesseraTeiExportOptions options;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);
  guint n_documents = g_list_model_get_n_items (tessera_store_get_documents (store));
  Progress progress = { 0 };

  if (base != NULL)
    options = *base;
  else
    tessera_tei_export_options_init (&options);
  options.corpus = TRUE;
  export_tei (store, NULL, 0, path, &options, NULL, on_progress, &progress, &error);
  g_assert_no_error (error);
  /* Each document written, and each read back and checked. */
  g_assert_cmpuint (progress.total, ==, 2 * n_documents);
  g_assert_cmpuint (progress.done, ==, progress.total);
  assert_valid_tei (path);
  return path;
}

/* Export, import into a new project, compare; export the new project too. */
static void
assert_round_trip (Fixture                       *fixture,
                   const TesseraTeiExportOptions *options,
                   const char                    *name)
{
  g_autofree char *first = g_strdup_printf ("%s-1.xml", name);
  g_autofree char *second = g_strdup_printf ("%s-2.xml", name);
  g_autofree char *project = g_strdup_printf ("%s.tessera", name);
  g_autofree char *path = export_corpus (fixture, fixture->store, first, options);
  g_autoptr(TesseraStore) copy = new_project (fixture->dir, project);
  g_autoptr(GPtrArray) results = import_file (copy, path);
  g_autofree char *before = describe_project (fixture->store);
  g_autofree char *after = describe_project (copy);
  g_autofree char *again = export_corpus (fixture, copy, second, options);

  g_assert_cmpuint (results->len, ==,
                    g_list_model_get_n_items (tessera_store_get_documents (fixture->store)));
  g_assert_cmpstr (after, ==, before);
}

/* The round trip with fragments and join, then with standOff only. */
static void
assert_round_trips_fragments_standoff (Fixture *fixture)
{
  TesseraTeiExportOptions options;

  tessera_tei_export_options_init (&options);
  assert_round_trip (fixture, &options, "fragments");
  options.standoff_only = TRUE;
  assert_round_trip (fixture, &options, "standoff");
}

/* The round trip with each overlap encoding: fragments and join, standOff only, anchors. */
static void
assert_round_trips (Fixture *fixture)
{
  TesseraTeiExportOptions options;

  assert_round_trips_fragments_standoff (fixture);
  tessera_tei_export_options_init (&options);
  options.overlap = TESSERA_TEI_OVERLAP_ANCHORS;
  assert_round_trip (fixture, &options, "anchors");
}

/* Export ----------------------------------------------------------------------------------- */

static char *
normalize_volatile (const char *contents)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GRegex) version = g_regex_new ("ident=\"tessera\" version=\"[0-9.]+\"", 0, 0,
                                           NULL);
  g_auto(GStrv) parts = g_strsplit (contents, today, -1);
  g_autofree char *dated = g_strjoinv ("TODAY", parts);

  return g_regex_replace_literal (version, dated, -1, 0,
                                  "ident=\"tessera\" version=\"VERSION\"", 0, NULL);
}

static void
assert_golden (const char *path,
               const char *golden_name)
{
  g_autofree char *golden = data_path (golden_name);
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *normalized = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  normalized = normalize_volatile (contents);
  if (g_getenv ("TESSERA_UPDATE_GOLDEN") != NULL)
    {
      g_autofree char *source = g_build_filename (g_getenv ("TESSERA_UPDATE_GOLDEN"),
                                                  golden_name, NULL);

      g_assert_true (g_file_set_contents (source, normalized, -1, NULL));
      return;
    }
  g_assert_true (g_file_get_contents (golden, &expected, NULL, NULL));
  g_assert_cmpstr (normalized, ==, expected);
}

/* The five seeds, annotated, exported one file a document into a new folder; its path. */
static char *
export_seeds_per_document (Fixture *fixture)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "documents", NULL);
  g_autoptr(GError) error = NULL;

  import_seeds (fixture->store);
  annotate_seeds (fixture->store);
  export_tei (fixture->store, NULL, 0, folder, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&folder);
}

static void
test_export_seeds_golden (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *folder = export_seeds_per_document (fixture);
  TesseraTeiExportOptions options;
  g_autofree char *anchors = NULL;
  g_autofree char *standoff = NULL;

  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *name = tessera_tei_export_file_name (i);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *golden = g_build_filename ("golden", name, NULL);

      assert_valid_tei (path);
      assert_golden (path, golden);
    }

  tessera_tei_export_options_init (&options);
  options.overlap = TESSERA_TEI_OVERLAP_ANCHORS;
  options.licence_url = "https://creativecommons.org/licenses/by/4.0/";
  options.publisher = "Équipe Tessera";
  options.title = "Corpus AES";
  anchors = export_corpus (fixture, fixture->store, "anchors.xml", &options);
  assert_golden (anchors, "golden/corpus-anchors.xml");

  tessera_tei_export_options_init (&options);
  options.standoff_only = TRUE;
  options.title = "Corpus AES";
  standoff = export_corpus (fixture, fixture->store, "standoff.xml", &options);
  assert_golden (standoff, "golden/corpus-standoff.xml");
}

/* The definition of done: five seeds fully annotated, one teiCorpus, valid, and an
 * identical project after import. */
static void
test_round_trip_seeds_corpus (Fixture       *fixture,
                              gconstpointer  data)
{

  import_seeds (fixture->store);
  annotate_seeds (fixture->store);

  assert_round_trips (fixture);
}

static void
test_round_trip_per_document (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(TesseraStore) copy = new_project (fixture->dir, "copy.tessera");
  g_autofree char *folder = export_seeds_per_document (fixture);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *name = tessera_tei_export_file_name (i);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(GPtrArray) results = NULL;

      assert_valid_tei (path);
      results = import_file (copy, path);
      g_assert_cmpuint (results->len, ==, 1);
    }
  /* Per-document files list only the entities they refer to: compare what is referred. */
  before = describe_project (fixture->store);
  after = describe_project (copy);
  {
    g_autoptr(GString) without_unused = g_string_new (before);

    g_string_replace (without_unused,
                      "entity Liptako-Gourma [place] () geonames=https://sws.geonames.org/2453866/ "
                      "@status=à vérifier\n", "", 1);
    g_assert_cmpstr (after, ==, without_unused->str);
  }
}

/* Overlap ---------------------------------------------------------------------------------- */

static const char overlap_text[] =
  "Premier paragraphe avec des mots.\n"
  "\n"
  "Deuxième paragraphe, après une ligne vide.\n"
  "Troisième.\n"
  "Quatrième et dernier paragraphe.";

static void
test_overlap_cases (Fixture       *fixture,
                    gconstpointer  data)
{
  TesseraStore *store = fixture->store;
  gint64 doc = add_document (store, "Chevauchements", overlap_text);
  g_autoptr(GError) error = NULL;
  TesseraRange ranges[3];
  guint nl1 = 33, nl2 = 34;   /* the two newlines after the first paragraph */
  guint p3 = 35;              /* start of "Deuxième" */

  g_assert_cmpint (g_utf8_get_char (g_utf8_offset_to_pointer (overlap_text, nl1)), ==, '\n');
  g_assert_cmpint (g_utf8_get_char (g_utf8_offset_to_pointer (overlap_text, nl2)), ==, '\n');

  /* Crossing. */
  annotate_span (store, doc, "person", 0, 18);
  annotate_span (store, doc, "organisation", 8, 27);
  /* Nested, and a third crossing both. */
  annotate_span (store, doc, "place", 2, 5);
  annotate_span (store, doc, "claim", 4, 30);
  /* Identical spans of four types. */
  annotate_span (store, doc, "date", 28, 32);
  annotate_span (store, doc, "event", 28, 32);
  annotate_span (store, doc, "role", 28, 32);
  annotate_span (store, doc, "cue", 28, 32);
  /* Over paragraph boundaries: through the empty paragraph. */
  annotate_span (store, doc, "other", 19, p3 + 8);
  /* Starting on a newline, ending just after one, and covering only newlines. */
  annotate_span (store, doc, "person", nl1, p3 + 4);
  annotate_span (store, doc, "place", 10, nl2 + 1);
  annotate_span (store, doc, "event", nl1, nl2 + 1);
  annotate_span (store, doc, "organisation", nl2, nl2 + 1);
  /* Discontinuous: adjacent ranges, ranges separated by a newline only, three ranges. */
  ranges[0] = (TesseraRange) { 0, 4 };
  ranges[1] = (TesseraRange) { 4, 9 };
  annotate_ranges (store, doc, "role", ranges, 2);
  ranges[0] = (TesseraRange) { 20, 33 };
  ranges[1] = (TesseraRange) { 34, 34 + 1 };
  annotate_ranges (store, doc, "other", ranges, 2);
  ranges[0] = (TesseraRange) { 1, 3 };
  ranges[1] = (TesseraRange) { p3, p3 + 3 };
  ranges[2] = (TesseraRange) { p3 + 50, p3 + 55 };
  annotate_ranges (store, doc, "cue", ranges, 3);
  /* A claim inside a date, a date inside a claim, a date holding a claim exactly. */
  annotate_span (store, doc, "date", p3, p3 + 20);
  annotate_span (store, doc, "claim", p3 + 5, p3 + 10);
  annotate_span (store, doc, "claim", p3 + 12, p3 + 30);
  annotate_span (store, doc, "date", p3 + 14, p3 + 16);
  annotate_span (store, doc, "claim", p3 + 40, p3 + 44);
  annotate_span (store, doc, "date", p3 + 40, p3 + 44);
  /* The whole text. */
  annotate_span (store, doc, "event", 0, tessera_text_length (overlap_text));

  /* Zero-width annotations are refused when made, so never reach an export. */
  ranges[0] = (TesseraRange) { 5, 5 };
  g_assert_cmpint (tessera_store_add_annotation (store, doc, test_type_id (store, "person"), ranges,
                                                 1, NULL, &error), ==, 0);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);

  assert_round_trips (fixture);
}

/* Many random annotations over many short paragraphs: heavy crossing, nesting, identical
 * spans and discontinuous ranges, the same draw every run. */
static void
test_overlap_generated (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char * const keys[] = {
    "person", "organisation", "place", "date", "event", "role", "other", "claim", "cue"
  };
  static const char * const words[] = {
    "Bamako", "Niamey", "Ouagadougou", "l’AES", "le général", "a déclaré", "« oui »", "<x>",
    "&", "“quotes”", "]]>", "ça", "😀", "محمد", "北京", "e\xcc\x81t\xc3\xa9", "\t"
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  g_autoptr(GString) text = g_string_new (NULL);
  TesseraStore *store = fixture->store;

  for (guint d = 0; d < 3; d++)
    {
      g_autofree char *title = g_strdup_printf ("Document généré %u", d + 1);
      g_autofree char *nfc = NULL;
      gint64 doc;
      guint length;

      g_string_truncate (text, 0);
      for (guint p = 0; p < 12; p++)
        {
          guint n = g_rand_int_range (rand, 0, 9);

          if (p > 0)
            g_string_append_c (text, '\n');
          for (guint w = 0; w < n; w++)
            g_string_append_printf (text, "%s%s", w ? " " : "",
                                    words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
        }
      doc = add_document (store, title, text->str);
      nfc = tessera_store_dup_document_text (store, doc, NULL);
      length = tessera_text_length (nfc);
      if (length < 10)
        continue;

      for (guint i = 0; i < 60; i++)
        {
          TesseraRange ranges[3];
          guint n = g_rand_int_range (rand, 0, 5) == 0 ? g_rand_int_range (rand, 2, 4) : 1;
          guint at = 0;
          g_autoptr(GError) error = NULL;

          for (guint r = 0; r < n; r++)
            {
              guint start = g_rand_int_range (rand, at, MAX (at + 1, length - 1));
              guint size = g_rand_int_range (rand, 1, 40);
              guint end = MIN (length, start + size);

              ranges[r] = (TesseraRange) { start, end };
              at = end + g_rand_int_range (rand, 0, 3);
              if (at >= length - 1)
                {
                  n = r + 1;
                  break;
                }
            }
          tessera_store_add_annotation (store, doc,
                                        test_type_id (store, keys[g_rand_int_range (rand, 0, G_N_ELEMENTS (keys))]),
                                        ranges, n, NULL, &error);
          g_assert_no_error (error);
        }
    }

  assert_round_trips (fixture);
}

/* Characters ------------------------------------------------------------------------------ */

static void
test_special_characters (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char text[] =
    "  Deux espaces devant, <balise> & \"guillemets\" 'apostrophes' ]]> fin  \n"
    "\tTabulation\tau milieu\t\n"
    "\n"
    "CDATA: <![CDATA[ pas du CDATA ]]> &amp; &lt;\n"
    "   ";
  TesseraStore *store = fixture->store;
  gint64 doc = add_document (store, "<Titre> & \"spécial\" ]]>", text);
  g_autoptr(GError) error = NULL;
  gint64 a;

  a = annotate (store, doc, "other", "<balise> & \"guillemets\"", 1);
  tessera_store_set_annotation_note (store, a, "  note <avec> & ]]>  \n seconde ligne", &error);
  g_assert_no_error (error);
  tessera_store_set_attribute (store, "annotation", a, "clé \"spéciale\"", "valeur <&>", &error);
  g_assert_no_error (error);
  tessera_store_set_attribute (store, "document", doc, "origine", "  espaces  ", &error);
  g_assert_no_error (error);
  annotate (store, doc, "person", "]]>", 1);
  annotate (store, doc, "place", "\tTabulation\t", 1);
  annotate (store, doc, "date", "<![CDATA[", 1);
  annotate_span (store, doc, "event", 0, 2);
  {
    gint64 e = entity (store, "Entité <spéciale> & \"citée\"", "other", NULL);
    gint64 m = annotate (store, doc, "other", "'apostrophes'", 1);

    link_mention (store, m, e);
    {
      g_autoptr(TesseraRelationType) spaced = tessera_relation_type_new ("type avec espaces",
                                                                         "Type <spécial>");

      tessera_store_add_relation_type (store, spaced, &error);
      g_assert_no_error (error);
    }
    tessera_store_add_relation (store, "type avec espaces", a, m, "note & <relation>", &error);
    g_assert_no_error (error);
  }

  assert_round_trips_fragments_standoff (fixture);
}

static void
add_relation_type (TesseraStore *store,
                   const char   *key,
                   const char   *tei_name,
                   const char   *label_fr,
                   const char   *color)
{
  g_autoptr(TesseraRelationType) type = tessera_relation_type_new (key, key);
  g_autoptr(GError) error = NULL;

  tessera_relation_type_set_tei_name (type, tei_name);
  tessera_relation_type_set_label_for (type, "fr", label_fr);
  tessera_relation_type_set_label_for (type, "en", key);
  tessera_relation_type_set_color (type, color);
  tessera_store_add_relation_type (store, type, &error);
  g_assert_no_error (error);
}

/* Relation types of the project's own come with the file: key, labels, TEI name, colour;
 * each relation comes back with its type. */
static void
test_relation_types_round_trip (Fixture       *fixture,
                                gconstpointer  data)
{
  static const char text[] =
    "Le ministre a déclaré que le plan avance. Son porte-parole a confirmé que le plan "
    "avance bien, mais l’opposition affirme le contraire.";
  TesseraStore *store = fixture->store;
  gint64 doc = add_document (store, "Relations", text);
  g_autoptr(GError) error = NULL;
  gint64 first, second, third, minister;

  add_relation_type (store, "cites", "citation", "Cite", "#a51d2d");
  add_relation_type (store, "répond à", "reply", "Répond à", "#123456");
  first = annotate (store, doc, "claim", "le plan avance", 1);
  second = annotate (store, doc, "claim", "le plan avance bien", 1);
  third = annotate (store, doc, "claim", "le contraire", 1);
  minister = annotate (store, doc, "person", "Le ministre", 1);
  tessera_store_add_relation (store, "cites", second, first, NULL, &error);
  g_assert_no_error (error);
  tessera_store_add_relation (store, "répond à", third, second, "réponse", &error);
  g_assert_no_error (error);
  tessera_store_add_relation (store, "contradicts", third, first, NULL, &error);
  g_assert_no_error (error);
  tessera_store_add_relation (store, "same-claim", first, second, NULL, &error);
  g_assert_no_error (error);
  tessera_store_add_relation (store, "part-of", minister, first, NULL, &error);
  g_assert_no_error (error);

  assert_round_trips (fixture);

  /* The TEI says the TEI name, and the type the relation has. */
  {
    TesseraTeiExportOptions options;
    g_autofree char *path = NULL;
    g_autofree char *contents = NULL;

    tessera_tei_export_options_init (&options);
    path = export_corpus (fixture, store, "names.xml", &options);
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    test_assert_contains (contents, "<category xml:id=\"rel.6\" n=\"cites\" "
                                    "style=\"color: #a51d2d\">");
    test_assert_contains (contents, "name=\"citation\" ana=\"#rel.6\"");
    test_assert_contains (contents, "name=\"reply\" ana=\"#rel.7\"");
  }
}

/* The notes of a TEI export of @document_ids with @corpus, into @name. */
static char *
dup_export_notes (Fixture      *fixture,
                  const gint64 *document_ids,
                  guint         n_documents,
                  gboolean      corpus,
                  const char   *name)
{
  TesseraTeiExportOptions options;
  g_autoptr(TesseraExporter) exporter = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  GPtrArray *notes;

  tessera_tei_export_options_init (&options);
  options.corpus = corpus;
  exporter = tessera_tei_exporter_new (&options);
  g_assert_true (tessera_exporter_export (exporter, fixture->store, document_ids, n_documents,
                                          path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  notes = tessera_exporter_get_notes (exporter);
  g_ptr_array_add (notes, NULL);
  return g_strjoinv ("\n", (char **) notes->pdata);
}

/* The same claim in two articles: a corpus holds the relation in its own standOff,
 * pointing to each end's xml:id in its TEI, and reads it back; an export that leaves one
 * article out says so. */
static void
test_cross_document_relations (Fixture       *fixture,
                               gconstpointer  data)
{
  static const char first_text[] =
    "Selon le ministre, le plan avance. Le porte-parole le confirme.";
  static const char second_text[] =
    "Le ministre a répété que le plan avance, et que le calendrier tient.";
  TesseraStore *store = fixture->store;
  gint64 first = add_document (store, "Premier article", first_text);
  gint64 second = add_document (store, "Second article", second_text);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *notes = NULL;
  gint64 claim, again, minister, minister_again, relation;

  claim = annotate (store, first, "claim", "le plan avance", 1);
  again = annotate (store, second, "claim", "le plan avance", 1);
  minister = annotate (store, first, "person", "le ministre", 1);
  minister_again = annotate (store, second, "person", "Le ministre", 1);
  relation = tessera_store_add_relation (store, "same-claim", again, claim, "repris", &error);
  g_assert_no_error (error);
  tessera_store_add_relation (store, "same-as", minister, minister_again, NULL, &error);
  g_assert_no_error (error);
  tessera_store_add_relation (store, "part-of", minister, claim, NULL, &error);
  g_assert_no_error (error);

  /* Read back into a new project as they were, with each overlap encoding. */
  assert_round_trips (fixture);

  path = export_corpus (fixture, store, "between.xml", NULL);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  test_assert_contains (contents, "<standOff type=\"relations\">");
  expected = g_strdup_printf ("<relation xml:id=\"r%" G_GINT64_FORMAT "\" name=\"same-claim\" "
                              "ana=\"#rel.3\" active=\"#d%" G_GINT64_FORMAT ".a%" G_GINT64_FORMAT
                              "\" passive=\"#d%" G_GINT64_FORMAT ".a%" G_GINT64_FORMAT "\"",
                              relation, second, again, first, claim);
  test_assert_contains (contents, expected);

  /* Carried: nothing to say. Left out: said, by every export that cannot hold them. */
  notes = dup_export_notes (fixture, NULL, 0, TRUE, "all.xml");
  g_assert_cmpstr (notes, ==, "");
  g_clear_pointer (&notes, g_free);
  notes = dup_export_notes (fixture, &first, 1, TRUE, "first.xml");
  test_assert_contains (notes, "2 relations join an exported document to another one");
  g_clear_pointer (&notes, g_free);
  notes = dup_export_notes (fixture, NULL, 0, FALSE, "folder");
  test_assert_contains (notes, "2 relations join an exported document to another one");
}

static gint64
custom_type (TesseraStore *store,
             const char   *key,
             TesseraKind   kind,
             const char   *element,
             const char   *element_type,
             const char   *color,
             const char   *label_fr)
{
  g_autoptr(TesseraAnnotationType) type = tessera_annotation_type_new (key, key, kind);
  g_autoptr(GError) error = NULL;
  gint64 id;

  tessera_annotation_type_set_tei (type, element, element_type);
  tessera_annotation_type_set_color (type, color);
  tessera_annotation_type_set_label_for (type, "en", key);
  tessera_annotation_type_set_label_for (type, "fr", label_fr);
  id = tessera_store_add_annotation_type (store, type, &error);
  g_assert_no_error (error);
  return id;
}

/* Types the new project lacks come with the file: key, kind, labels, mapping, colour. */
static void
test_custom_tagset (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char text[] =
    "La signature de la charte\r a eu lieu à Bamako, selon un communiqué.\n"
    "Les trois États ont fondé l’Alliance.";
  TesseraStore *store = fixture->store;
  gint64 doc = add_document (store, "Types propres", text);
  g_autoptr(GError) error = NULL;
  gint64 founding, e;

  founding = custom_type (store, "event-founding", TESSERA_KIND_ENTITY, "seg", "event",
                          "#123456", "Création  d’organisation");
  custom_type (store, "treaty", TESSERA_KIND_ENTITY, "name", "treaty", "#abcdef", "Traité");
  custom_type (store, "rumour", TESSERA_KIND_CLAIM, "said", NULL, "#fedcba", "Rumeur");
  custom_type (store, "hedge", TESSERA_KIND_CUE, "seg", "hedge", "#010203", "Modalisateur");

  e = tessera_store_add_entity (store, "Alliance  des États du Sahel", founding, NULL, &error);
  g_assert_no_error (error);
  tessera_store_add_entity_authority (store, e, "registre national",
                                      "https://example.org/registre?id=12&x=1", &error);
  g_assert_no_error (error);
  link_mention (store, annotate (store, doc, "event-founding", "ont fondé l’Alliance", 1), e);
  annotate (store, doc, "treaty", "la charte\r", 1);
  /* Records of every list: an event, a person and a natural feature, described. */
  {
    gint64 geog = custom_type (store, "feature", TESSERA_KIND_ENTITY, "geogName", NULL, "#0f0f0f",
                               "Relief");
    gint64 summit = entity (store, "Sommet de Bamako", "event", "http://www.wikidata.org/entity/Q1");
    gint64 person = entity (store, "Un porte-parole", "person", NULL);
    gint64 river = tessera_store_add_entity (store, "Niger", geog, "Le fleuve", &error);

    g_assert_no_error (error);
    tessera_store_update_entity (store, summit, "Sommet de Bamako", "Réunion de 2023", &error);
    g_assert_no_error (error);
    tessera_store_set_attribute (store, "entity", person, "fonction", "porte-parole", &error);
    g_assert_no_error (error);
    tessera_store_add_entity_authority (store, river, NULL, "https://sws.geonames.org/2440476/",
                                        &error);
    g_assert_no_error (error);
    link_mention (store, annotate (store, doc, "event", "La signature", 1), summit);
    link_mention (store, annotate (store, doc, "person", "un communiqué", 1), person);
    link_mention (store, annotate (store, doc, "feature", "Bamako", 1), river);
  }
  annotate (store, doc, "rumour", "La signature de la charte\r a eu lieu à Bamako", 1);
  annotate (store, doc, "hedge", "selon", 1);

  assert_round_trips_fragments_standoff (fixture);
}

static void
test_non_latin_scripts (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char text[] =
    "قال الوزير إن الخطة ستنجح في باماكو.\n"
    "北京和巴马科的代表举行了会谈。\n"
    "Emoji 👍🏽 et famille 👨‍👩‍👧 et drapeau 🇲🇱, puis e\xcc\x81" "te\xcc\x81 de\xcc\x81" "compose\xcc\x81.\n"
    "Ελληνικά και русский текст.";
  TesseraStore *store = fixture->store;
  gint64 doc = add_document (store, "Écritures", text);

  annotate (store, doc, "person", "الوزير", 1);
  annotate (store, doc, "place", "باماكو", 1);
  annotate (store, doc, "place", "北京", 1);
  annotate (store, doc, "place", "巴马科", 1);
  annotate (store, doc, "other", "👍🏽 et famille 👨‍👩‍👧", 1);
  annotate (store, doc, "place", "🇲🇱", 1);
  annotate (store, doc, "other", "été", 1);
  annotate (store, doc, "claim", "الخطة ستنجح", 1);
  annotate (store, doc, "other", "русский", 1);

  assert_round_trips (fixture);
}

static void
test_control_character_refused (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "corpus.xml", NULL);
  g_autofree char *project = g_strdup (tessera_store_get_path (fixture->store));
  g_autoptr(GError) error = NULL;
  TesseraTeiExportOptions options;
  TesseraDocumentInfo info = { .title = (char *) "Contrôle" };

  /* The store refuses the text, as it refuses any text XML cannot carry… */
  g_assert_cmpint (tessera_store_add_document (fixture->store, &info,
                                               "Un caractère \x01 interdit en XML.", NULL,
                                               &error), ==, 0);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* …and the export refuses one written behind its back. */
  add_document (fixture->store, "Contrôle", "Un caractère X interdit en XML.");
  g_clear_object (&fixture->store);
  test_exec_sql (project, "UPDATE document SET text = replace (text, 'X', char (1))");
  fixture->store = tessera_store_open (project, TESSERA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  tessera_tei_export_options_init (&options);
  options.corpus = TRUE;
  g_assert_false (export_tei (fixture->store, NULL, 0, path, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_CHARACTER);
  g_assert_nonnull (strstr (error->message, "U+0001"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  {
    g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
    const char *name;

    /* No half-written temporary file either. */
    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_prefix (name, "corpus.xml"));
  }
}

/* The self-check compares what was meant with what reads back. */
static void
test_self_check_compare (void)
{
  g_autoptr(TesseraTeiDocument) expected = _tessera_tei_document_new ();
  g_autoptr(TesseraTeiDocument) read = _tessera_tei_document_new ();
  g_autoptr(TesseraTeiContext) context = _tessera_tei_context_new ();
  TesseraTeiAnnotation *a = _tessera_tei_annotation_new ();
  TesseraTeiAnnotation *b = _tessera_tei_annotation_new ();
  TesseraRange range = { 2, 5 };
  g_autofree char *problem = NULL;

  expected->record->text = g_strdup ("Un texte");
  read->record->text = g_strdup ("Un texte");
  a->id = g_strdup ("a1");
  a->type_key = g_strdup ("person");
  g_array_append_val (a->record->ranges, range);
  b->id = g_strdup ("a1");
  b->type_key = g_strdup ("person");
  g_array_append_val (b->record->ranges, range);
  g_ptr_array_add (expected->annotations, a);
  g_ptr_array_add (read->annotations, b);
  g_assert_null (_tessera_tei_document_compare (expected, context, read, context));

  g_array_index (b->record->ranges, TesseraRange, 0).end = 6;
  problem = _tessera_tei_document_compare (expected, context, read, context);
  g_assert_nonnull (strstr (problem, "a1"));
  g_assert_nonnull (strstr (problem, "2–6"));
  g_clear_pointer (&problem, g_free);

  g_array_index (b->record->ranges, TesseraRange, 0).end = 5;
  g_free (read->record->text);
  read->record->text = g_strdup ("Un textE");
  problem = _tessera_tei_document_compare (expected, context, read, context);
  g_assert_nonnull (strstr (problem, "character 7"));
}

/* The self-check reads back the bytes the exporter wrote; whatever happens to them in
 * between, a file that does not give back the project is not kept. Each corruption is
 * made in place, in the part of the temporary file the check has not read yet. */
typedef struct
{
  const char        *what;
  TesseraTeiOverlap  overlap;
  gboolean           standoff_only;
  const char        *find;
  const char        *replace;      /* padded with spaces to the length of find */
} Corruption;

typedef struct
{
  const Corruption *corruption;
  gsize             checked;        /* bytes the check may have read already */
  gboolean          done;
} Corrupter;

static void
corrupt_written (const char *path,
                 gpointer    user_data)
{
  Corrupter *corrupter = user_data;
  const Corruption *corruption = corrupter->corruption;
  g_autofree char *contents = NULL;
  g_autofree char *replacement = NULL;
  const char *found = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  if (!corrupter->done && corruption != NULL && length > corrupter->checked)
    found = g_strstr_len (contents + corrupter->checked, length - corrupter->checked,
                          corruption->find);
  if (found != NULL)
    {
      gsize size = strlen (corruption->find);
      int fd = g_open (path, O_WRONLY, 0);

      g_assert_cmpuint (strlen (corruption->replace), <=, size);
      replacement = g_strnfill (size, ' ');
      memcpy (replacement, corruption->replace, strlen (corruption->replace));
      g_assert_cmpint (fd, >=, 0);
      g_assert_cmpint (pwrite (fd, replacement, size, found - contents), ==, (gssize) size);
      g_assert_true (g_close (fd, NULL));
      corrupter->done = TRUE;
    }
  corrupter->checked = length;
}

static gboolean
export_corrupted (Fixture           *fixture,
                  const char        *path,
                  const Corruption  *corruption,
                  Corrupter         *corrupter,
                  GError           **error)
{
  TesseraTeiExportOptions options;
  gboolean ok;

  tessera_tei_export_options_init (&options);
  options.corpus = TRUE;
  if (corruption != NULL)
    {
      options.overlap = corruption->overlap;
      options.standoff_only = corruption->standoff_only;
    }
  _tessera_tei_export_set_written_func (corrupt_written, corrupter);
  ok = export_tei (fixture->store, NULL, 0, path, &options, NULL, NULL, NULL, error);
  _tessera_tei_export_set_written_func (NULL, NULL);
  return ok;
}

static void
test_self_check_rejects_corruption (Fixture       *fixture,
                                    gconstpointer  data)
{
  static const Corruption corruptions[] = {
    { "not well-formed", 0, FALSE, "</p>", "</q>" },
    { "a document type declaration",
      0, FALSE, "<?xml-model href=\"https://www.tei-c.org/release/xml/tei/custom/schema/relaxng/"
                "tei_all.rng\" type=\"application/xml\" "
                "schematypens=\"http://relaxng.org/ns/structure/1.0\"?>",
      "<!DOCTYPE teiCorpus [<!ENTITY x \"y\">]>" },
    { "an entity reference", 0, FALSE, ">Selon</seg>", ">&x;on</seg>" },
    { "a character of the text", 0, FALSE, ">Selon</seg>", ">Selom</seg>" },
    { "the end of an annotation", 0, FALSE, "dynamisme</said> à", "dynamism</said>e à" },
    { "an annotation's id", 0, FALSE, "xml:id=\"d1.a6\"", "xml:id=\"d1.a0\"" },
    { "an xml:id used twice", 0, FALSE, "<p xml:id=\"d1.p3\">", "<p xml:id=\"d1.p2\">" },
    { "an annotation's type", 0, FALSE, "ana=\"#cat.person\" resp=\"#resp-1\" ref=\"#e2\"",
      "ana=\"#cat.place\"  resp=\"#resp-1\" ref=\"#e2\"" },
    { "an annotation's annotator", 0, FALSE, "ana=\"#cat.cue\" resp=\"#resp-1\"",
      "ana=\"#cat.cue\" resp=\"#resp-2\"" },
    { "a fragment of a join", 0, FALSE, "target=\"#d1.a10.1 #d1.a10.2\"",
      "target=\"#d1.a10.1 #d1.a10.9\"" },
    { "a chain of fragments", 0, FALSE, "next=\"#d2.a13.2\"", "next=\"#d2.a13.9\"" },
    { "an entity record", 0, FALSE, "<persName>Oumar Diarra</persName>",
      "<persName>Oumar Diarre</persName>" },
    { "a claim's attribution", 0, FALSE, "<note type=\"factuality\">PR+</note>",
      "<note type=\"factuality\">PR-</note>" },
    { "a relation", 0, FALSE, "active=\"#d1.a7\" passive=\"#d1.a12\"",
      "active=\"#d1.a2\" passive=\"#d1.a12\"" },
    { "an attribute", 0, FALSE, "n=\"source\">pré-annotation", "n=\"sourcE\">pré-annotation" },
    { "the metadata", 0, FALSE, "Journal &lt;du&gt; Sahel</publisher>",
      "Journal &lt;du&gt; Sahal</publisher>" },
    { "an anchor", TESSERA_TEI_OVERLAP_ANCHORS, FALSE,
      "maliennes<anchor xml:id=\"d1.a10.e1\"/>", "malienne<anchor xml:id=\"d1.a10.e1\"/>s" },
    { "a string-range() pointer", 0, TRUE, "#string-range(d1.p5,0,5)",
      "#string-range(d1.p5,1,5)" },
  };
  g_autofree char *path = g_build_filename (fixture->dir, "corpus.xml", NULL);

  import_seeds (fixture->store);
  annotate_seeds (fixture->store);

  for (guint i = 0; i < G_N_ELEMENTS (corruptions); i++)
    {
      Corrupter corrupter = { &corruptions[i], 0, FALSE };
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      g_autoptr(GDir) dir = NULL;
      const char *name;

      g_test_message ("%s", corruptions[i].what);
      g_assert_true (g_file_set_contents (path, "the previous export\n", -1, NULL));
      g_assert_false (export_corrupted (fixture, path, &corruptions[i], &corrupter, &error));
      g_assert_true (corrupter.done);
      g_assert_error (error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_SELF_CHECK);
      g_test_message ("%s", error->message);

      /* The destination is as it was, and the temporary file is gone. */
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "the previous export\n");
      dir = g_dir_open (fixture->dir, 0, NULL);
      while ((name = g_dir_read_name (dir)) != NULL)
        g_assert_false (g_str_has_prefix (name, "corpus.xml."));
    }

  /* The hook itself changes nothing. */
  {
    Corrupter corrupter = { NULL, 0, FALSE };
    g_autoptr(GError) error = NULL;

    g_assert_true (export_corrupted (fixture, path, NULL, &corrupter, &error));
    g_assert_no_error (error);
    assert_valid_tei (path);
  }
}

/* Import --------------------------------------------------------------------------------- */

static guint
count_documents (TesseraStore *store)
{
  return g_list_model_get_n_items (tessera_store_get_documents (store));
}

static void
assert_import_fails (Fixture    *fixture,
                     const char *path,
                     int         code,
                     const char *in_message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) history = NULL;
  guint before = count_documents (fixture->store);

  results = tessera_tei_import_file (fixture->store, path, NULL, &error);
  g_assert_null (results);
  g_assert_error (error, TESSERA_TEI_ERROR, code);
  if (in_message != NULL && strstr (error->message, in_message) == NULL)
    g_error ("“%s” does not say “%s”", error->message, in_message);
  g_assert_cmpuint (count_documents (fixture->store), ==, before);
  history = tessera_store_dup_history (fixture->store, 0, 0, NULL);
  for (guint i = 0; i < history->len; i++)
    g_assert_cmpstr (((TesseraJournalEntry *) g_ptr_array_index (history, i))->action, !=,
                     "document-import");
}

static void
test_import_external_entity (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *secret = g_build_filename (fixture->dir, "secret.txt", NULL);
  g_autofree char *hostile = g_build_filename (fixture->dir, "xxe.xml", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *passwd = data_path ("xxe-passwd.xml");
  g_autofree char *parameter = data_path ("xxe-parameter.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;

  g_assert_true (g_file_set_contents (secret, "SECRET-MARKER-42", -1, NULL));
  contents = g_strdup_printf ("<?xml version=\"1.0\"?>\n"
                              "<!DOCTYPE TEI [ <!ENTITY xxe SYSTEM \"file://%s\"> ]>\n"
                              "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc>"
                              "<titleStmt><title>x</title></titleStmt></fileDesc></teiHeader>"
                              "<text><body><p>Avant &xxe; après.</p></body></text></TEI>\n",
                              secret);
  g_assert_true (g_file_set_contents (hostile, contents, -1, NULL));

  results = tessera_tei_import_file (fixture->store, hostile, NULL, &error);
  g_assert_null (results);
  g_assert_error (error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_UNSAFE);
  g_assert_null (strstr (error->message, "SECRET-MARKER"));
  g_assert_nonnull (strstr (error->message, "xxe"));
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_assert_cmpuint (count_documents (fixture->store), ==, 0);

  assert_import_fails (fixture, passwd, TESSERA_TEI_ERROR_UNSAFE, "external entity");
  /* An external parameter entity is not read either: the file imports, without it. */
  {
    g_autoptr(GPtrArray) imported = import_file (fixture->store, parameter);
    g_autofree char *text = tessera_store_dup_document_text (
      fixture->store, ((TesseraImportResult *) g_ptr_array_index (imported, 0))->document_id, NULL);

    g_assert_cmpstr (text, ==, "A harmless paragraph.");
  }
}

/* A file of tests/data/tei/ the import refuses, and what the error says. */
typedef struct
{
  const char *name;
  int         code;
  const char *in_message;
} Refusal;

static const Refusal billion_laughs = {
  "billion-laughs.xml", TESSERA_TEI_ERROR_UNSAFE, "billion laughs"
};
static const Refusal malformed = {
  "malformed.xml", TESSERA_TEI_ERROR_MALFORMED, "line 3, column "
};
static const Refusal not_tei = {
  "not-tei.xml", TESSERA_TEI_ERROR_NOT_TEI, "not TEI"
};
/* The parser's limit, in words a user can act on, with the line. */
static const Refusal deep_nesting = {
  "deep-nesting.xml", TESSERA_TEI_ERROR_FAILED,
  "line 13: its elements nest more than 256 levels deep"
};

static void
test_import_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  const Refusal *refusal = data;
  g_autofree char *path = data_path (refusal->name);

  assert_import_fails (fixture, path, refusal->code, refusal->in_message);
}

static void
count_xml_error (void           *data,
                 const xmlError *error)
{
  (*(guint *) data)++;
}

/* Text that is not in the encoding its file declares: a clear error, nothing printed on
 * stderr by libxml2, and the thread's own error handler back in place afterwards. */
static void
test_import_bad_encoding (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *declared = data_path ("bad-encoding.xml");
  g_autofree char *utf8 = data_path ("bad-utf8.xml");
  guint n_reached = 0;

  xmlSetStructuredErrorFunc (&n_reached, (xmlStructuredErrorFunc) count_xml_error);
  assert_import_fails (fixture, declared, TESSERA_TEI_ERROR_MALFORMED,
                       "not valid in the encoding the file declares (bytes 0x6C 0x1B");
  assert_import_fails (fixture, utf8, TESSERA_TEI_ERROR_MALFORMED,
                       "line 2, column 60: the text is not valid UTF-8 (bytes 0xE9 0x20 0xFF");
  g_assert_cmpuint (n_reached, ==, 0);

  /* Ours again once the import is over. */
  xmlFreeDoc (xmlReadMemory ("<a>", 3, "broken.xml", NULL, XML_PARSE_NONET));
  g_assert_cmpuint (n_reached, >, 0);
  xmlSetStructuredErrorFunc (NULL, NULL);
}

static guint n_external_loads;

static xmlParserInputPtr
count_external_load (const char       *url,
                     const char       *id,
                     xmlParserCtxtPtr  context)
{
  g_test_message ("libxml2 was asked to load %s", url ? url : "");
  n_external_loads++;
  return NULL;
}

/* Neither a DTD nor an external entity is ever asked for, let alone read. */
static void
test_import_dtd_not_read (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char * const files[] = { "external-dtd.xml", "xxe-parameter.xml" };
  xmlExternalEntityLoader previous = xmlGetExternalEntityLoader ();

  n_external_loads = 0;
  xmlSetExternalEntityLoader (count_external_load);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = data_path (files[i]);
      g_autoptr(GPtrArray) results = import_file (fixture->store, path);

      g_assert_cmpuint (results->len, ==, 1);
    }
  xmlSetExternalEntityLoader (previous);
  g_assert_cmpuint (n_external_loads, ==, 0);
}

/* A corpus whose second document is broken imports nothing, not even the first. */
static void
test_import_all_or_nothing (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *broken = g_build_filename (fixture->dir, "broken.xml", NULL);
  g_autoptr(TesseraStore) target = new_project (fixture->dir, "target.tessera");
  g_autoptr(GString) edited = NULL;

  add_document (fixture->store, "Premier", "Premier document.");
  add_document (fixture->store, "Second", "Second document, Bamako.");
  annotate (fixture->store, 2, "place", "Bamako", 1);
  path = export_corpus (fixture, fixture->store, "corpus.xml", NULL);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  edited = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (edited, "ana=\"#cat.place\"", "ana=\"#cat.nowhere\"", 0),
                    ==, 1);
  g_assert_true (g_file_set_contents (broken, edited->str, -1, NULL));

  g_clear_object (&fixture->store);
  fixture->store = g_steal_pointer (&target);
  assert_import_fails (fixture, broken, TESSERA_TEI_ERROR_BROKEN_POINTER, "cat.nowhere");
}

static TesseraAnnotation *
find_annotation (GPtrArray  *annotations,
                 const char *text,
                 const char *covered)
{
  for (guint i = 0; i < annotations->len; i++)
    {
      TesseraAnnotation *annotation = g_ptr_array_index (annotations, i);
      guint n;
      const TesseraRange *ranges = tessera_annotation_get_ranges (annotation, &n);
      g_autofree char *slice = tessera_text_slice_ranges (text, ranges, n, "|");

      if (g_str_equal (slice, covered))
        return annotation;
    }
  g_error ("no annotation covers “%s”", covered);
  return NULL;
}

static char *
type_key_of (TesseraStore      *store,
             TesseraAnnotation *annotation)
{
  g_autoptr(TesseraAnnotationType) type =
    tessera_store_dup_annotation_type (store, tessera_annotation_get_type_id (annotation));

  return g_strdup (tessera_annotation_type_get_key (type));
}

/* Imports tests/data/tei/@name, one document; its text. */
static char *
import_fixture (Fixture    *fixture,
                const char *name,
                gint64     *out_document)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GPtrArray) results = import_file (fixture->store, path);
  gint64 doc;

  g_assert_cmpuint (results->len, ==, 1);
  doc = ((TesseraImportResult *) g_ptr_array_index (results, 0))->document_id;
  g_assert_cmpint (doc, >, 0);
  if (out_document != NULL)
    *out_document = doc;
  return tessera_store_dup_document_text (fixture->store, doc, NULL);
}

static void
test_import_foreign_markup (Fixture       *fixture,
                            gconstpointer  data)
{
  gint64 doc;
  g_autofree char *text = import_fixture (fixture, "foreign-markup.xml", &doc);
  g_autoptr(TesseraDocument) document = tessera_store_dup_document (fixture->store, doc, NULL);
  g_autoptr(GPtrArray) annotations = tessera_store_dup_annotations (fixture->store, doc, NULL);
  TesseraAnnotation *a;
  g_autofree char *key = NULL;

  g_assert_cmpstr (text, ==,
                   "Le sommet\n"
                   "Le colonel Assimi Goïta a reçu ses homologues à Bamako le 16 septembre. "
                   "Il a déclaré : « nous sommes unis ».\n"
                   "Le Liptako-Gourma et le Sahel sont concernés. Fin.\n"
                   "Premier vers\n"
                   "Second vers\n"
                   "troisième vers");
  g_assert_cmpstr (tessera_document_get_title (document), ==, "Le sommet de Bamako");
  g_assert_cmpstr (tessera_document_get_author (document), ==, "Awa Traoré");
  g_assert_cmpstr (tessera_document_get_publisher (document), ==, "Journal du Sahel");
  g_assert_cmpstr (tessera_document_get_publication_date (document), ==, "16 septembre 2023");
  g_assert_cmpstr (tessera_document_get_source_url (document), ==, "https://example.org/sommet");
  g_assert_cmpstr (tessera_document_get_language (document), ==, "fr");
  g_assert_cmpstr (tessera_document_get_licence (document), ==,
                   "https://creativecommons.org/licenses/by/4.0/");
  g_assert_cmpuint (annotations->len, ==, 7);

  a = find_annotation (annotations, text, "Assimi Goïta");
  key = type_key_of (fixture->store, a);
  g_assert_cmpstr (key, ==, "person");
  {
    g_autoptr(TesseraEntity) goita = tessera_store_dup_entity (fixture->store,
                                                               tessera_annotation_get_entity_id (a),
                                                               NULL);

    g_assert_cmpstr (tessera_entity_get_name (goita), ==, "Assimi Goïta");
    g_assert_cmpstr (tessera_entity_get_authority (goita, "wikidata"), ==,
                     "http://www.wikidata.org/entity/Q62604431");
  }
  a = find_annotation (annotations, text, "Bamako");
  g_assert_cmpint (tessera_annotation_get_entity_id (a), >, 0);
  a = find_annotation (annotations, text, "16 septembre");
  g_assert_cmpstr (tessera_annotation_get_normalized (a), ==, "2023-09-16");
  a = find_annotation (annotations, text, "« nous sommes unis »");
  {
    g_autoptr(TesseraClaim) claim = tessera_store_dup_claim (fixture->store,
                                                             tessera_annotation_get_id (a), NULL);

    g_assert_nonnull (claim);
    g_assert_cmpstr (tessera_claim_get_quote_type (claim), ==, "direct");
    g_assert_cmpint (tessera_claim_get_source_entity_id (claim), >, 0);
  }
  g_clear_pointer (&key, g_free);
  key = type_key_of (fixture->store, find_annotation (annotations, text, "Liptako-Gourma"));
  g_assert_cmpstr (key, ==, "place");
  g_clear_pointer (&key, g_free);
  key = type_key_of (fixture->store, find_annotation (annotations, text, "Sahel"));
  g_assert_cmpstr (key, ==, "place");
  /* Fragments chained by @next without a join, across a verse line: one claim. */
  g_clear_pointer (&key, g_free);
  key = type_key_of (fixture->store, find_annotation (annotations, text, "vers\ntroisième"));
  g_assert_cmpstr (key, ==, "claim");
}

static void
test_import_structure (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *text = import_fixture (fixture, "structure.xml", NULL);

  g_assert_cmpstr (text, ==, "Un Paul.\nDeux.\nFigure\nA\nTrois\nQuatre\nCinq en italique\n"
                             "Texte libre entre deux blocs.\nSix");
}

/* Text nodes are stored in NFC with XML white space collapsed, and the offsets of what
 * follows count the composed characters. */
static void
test_import_nfc (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "nfc.xml", NULL);
  const char *contents =
    "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt>"
    "<title>NFC</title></titleStmt></fileDesc></teiHeader><text><body>"
    "<p>  Le   cafe\xCC\x81 de l\xE2\x80\x99" "e\xCC\x81" "cole \xE2\x80\x94\n\t"
    "<placeName>Se\xCC\x81gou</placeName>, 10\xE2\x80\xAF\xE2\x82\xAC.</p>"
    "</body></text></TEI>";
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autofree char *text = NULL;
  gint64 doc;
  guint n;
  const TesseraRange *ranges;

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  results = import_file (fixture->store, path);
  doc = ((TesseraImportResult *) g_ptr_array_index (results, 0))->document_id;
  text = tessera_store_dup_document_text (fixture->store, doc, NULL);
  g_assert_cmpstr (text, ==, "Le caf\xC3\xA9 de l\xE2\x80\x99\xC3\xA9" "cole \xE2\x80\x94 "
                             "S\xC3\xA9gou, 10\xE2\x80\xAF\xE2\x82\xAC.");
  g_assert_true (tessera_text_is_nfc (text));

  annotations = tessera_store_dup_annotations (fixture->store, doc, NULL);
  g_assert_cmpuint (annotations->len, ==, 1);
  ranges = tessera_annotation_get_ranges (g_ptr_array_index (annotations, 0), &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (ranges[0].start, ==, 21);
  g_assert_cmpuint (ranges[0].end, ==, 26);
}

/* The shared samples: the same overlap by fragments and join, and by anchors and span. */
static void
test_import_samples (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *fragments = NULL;
  g_autofree char *anchors = NULL;
  g_autofree char *corpus = NULL;
  g_autoptr(TesseraStore) other = NULL;
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;

  fragments = shared_path ("tei", "sample-entities-claims.xml");
  anchors = shared_path ("tei", "sample-overlap-anchors.xml");
  corpus = shared_path ("tei", "sample-corpus.xml");

  {
    g_autoptr(GPtrArray) results = import_file (fixture->store, fragments);
    gint64 doc = ((TesseraImportResult *) g_ptr_array_index (results, 0))->document_id;
    g_autofree char *text = tessera_store_dup_document_text (fixture->store, doc, NULL);
    g_autoptr(GPtrArray) annotations = tessera_store_dup_annotations (fixture->store, doc, NULL);
    TesseraAnnotation *founding = find_annotation (annotations, text,
                                                   "la Charte du Liptako-Gourma, instituant "
                                                   "l’Alliance des États du Sahel (AES)");
    TesseraAnnotation *diarra = find_annotation (annotations, text, "général Oumar Diarra");
    g_autoptr(TesseraEntity) entity = tessera_store_dup_entity (fixture->store,
                                                                tessera_annotation_get_entity_id (diarra),
                                                                NULL);
    g_autofree char *key = type_key_of (fixture->store, founding);

    g_assert_cmpstr (key, ==, "event");
    g_assert_cmpuint (tessera_annotation_get_certainty (founding), ==, TESSERA_CERTAINTY_HIGH);
    g_assert_cmpstr (tessera_entity_get_name (entity), ==, "général Oumar Diarra");
    one = describe_project (fixture->store);
  }

  other = new_project (fixture->dir, "anchors.tessera");
  {
    g_autoptr(GPtrArray) results = import_file (other, anchors);

    g_assert_cmpuint (results->len, ==, 1);
    two = describe_project (other);
  }
  /* Both encodings of the overlap give the same project. */
  g_assert_cmpstr (two, ==, one);

  {
    g_autoptr(TesseraStore) third = new_project (fixture->dir, "corpus.tessera");
    g_autoptr(GPtrArray) results = import_file (third, corpus);
    g_autofree char *text = NULL;

    g_assert_cmpuint (results->len, ==, 2);
    text = tessera_store_dup_document_text (third,
                                            ((TesseraImportResult *) g_ptr_array_index (results, 1))->document_id,
                                            NULL);
    g_assert_cmpstr (text, ==, "Bamako accueillera le prochain sommet de l’AES.");
  }
}

static void
test_import_dispatch (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *sniffed = g_build_filename (fixture->dir, "article.txt", NULL);
  g_autofree char *plain = g_build_filename (fixture->dir, "plain.txt", NULL);
  g_autofree char *not_tei = data_path ("not-tei.xml");
  g_autofree char *tei = data_path ("foreign-markup.xml");
  g_autofree char *contents = NULL;
  const char *paths[] = { sniffed, plain, not_tei, tei, NULL };
  g_autoptr(GPtrArray) results = NULL;

  g_assert_true (g_file_get_contents (tei, &contents, NULL, NULL));
  {
    /* A BOM, a comment and a document type before the root: still TEI. */
    g_autofree char *prefixed = g_strdup_printf ("\xEF\xBB\xBF<!-- x -->\n<!DOCTYPE TEI>\n%s",
                                                 strstr (contents, "<TEI"));

    g_assert_true (g_file_set_contents (sniffed, prefixed, -1, NULL));
  }
  g_assert_true (g_file_set_contents (plain, "<p>Pas du XML, du texte</p>\n", -1, NULL));
  g_assert_true (tessera_tei_file_is_tei (sniffed));
  g_assert_false (tessera_tei_file_is_tei (plain));
  g_assert_false (tessera_tei_file_is_tei (not_tei));

  results = tessera_import_paths (fixture->store, paths, NULL);
  g_assert_cmpuint (results->len, ==, 4);
  g_assert_no_error (((TesseraImportResult *) g_ptr_array_index (results, 0))->error);
  g_assert_no_error (((TesseraImportResult *) g_ptr_array_index (results, 1))->error);
  g_assert_error (((TesseraImportResult *) g_ptr_array_index (results, 2))->error,
                  TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_NOT_TEI);
  /* The same text twice: the second is the existing document. */
  g_assert_true (((TesseraImportResult *) g_ptr_array_index (results, 3))->existing);
  {
    gint64 id = ((TesseraImportResult *) g_ptr_array_index (results, 1))->document_id;
    g_autofree char *text = tessera_store_dup_document_text (fixture->store, id, NULL);

    g_assert_cmpstr (text, ==, "<p>Pas du XML, du texte</p>");
  }
}

/* Importing the same entities again reuses them through their authority links. */
static void
test_import_reuses_entities (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(TesseraStore) target = new_project (fixture->dir, "target.tessera");
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  gint64 goita = entity (fixture->store, "Assimi Goïta", "person",
                         "http://www.wikidata.org/entity/Q62604431");

  add_document (fixture->store, "Un", "Le général Assimi Goïta.");
  add_document (fixture->store, "Deux", "Assimi Goïta encore.");
  link_mention (fixture->store, annotate (fixture->store, 1, "person", "Assimi Goïta", 1), goita);
  link_mention (fixture->store, annotate (fixture->store, 2, "person", "Assimi Goïta", 1), goita);
  path = export_corpus (fixture, fixture->store, "corpus.xml", NULL);

  first = import_file (target, path);
  g_assert_cmpuint (g_list_model_get_n_items (tessera_store_get_entities (target)), ==, 1);
  g_assert_cmpuint (tessera_store_can_undo (target), ==, FALSE);
  second = import_file (target, path);
  g_assert_true (((TesseraImportResult *) g_ptr_array_index (second, 0))->existing);
  g_assert_cmpuint (g_list_model_get_n_items (tessera_store_get_entities (target)), ==, 1);
  g_assert_cmpuint (count_documents (target), ==, 2);
}

/* The ELTeC novels --------------------------------------------------------------------------- */

static guint
count_elements (const char *path,
                const char *name)
{
  g_autofree char *contents = NULL;
  g_autofree char *open = g_strdup_printf ("<%s>", name);
  g_autofree char *open_attributes = g_strdup_printf ("<%s ", name);
  const char *body;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  body = strstr (contents, "<body>");
  g_assert_nonnull (body);
  *strstr (body, "</body>") = '\0';
  for (const char *p = body; (p = strchr (p, '<')) != NULL; p++)
    {
      if (g_str_has_prefix (p, open) || g_str_has_prefix (p, open_attributes))
        n++;
    }
  return n;
}

static void
test_eltec (Fixture       *fixture,
            gconstpointer  data)
{
  const char *name = data;
  g_autofree char *path = NULL;
  g_autofree char *folder = g_build_filename (fixture->dir, "export", NULL);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(TesseraDocument) document = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gint64 doc;
  guint lines = 1;

  path = shared_path ("corpora/eltec-fra", name);

  results = import_file (fixture->store, path);
  g_assert_cmpuint (results->len, ==, 1);
  doc = ((TesseraImportResult *) g_ptr_array_index (results, 0))->document_id;
  document = tessera_store_dup_document (fixture->store, doc, NULL);
  text = tessera_store_dup_document_text (fixture->store, doc, NULL);
  for (const char *p = text; (p = strchr (p, '\n')) != NULL; p++)
    lines++;

  /* Every head and paragraph of the body is a line; verse quotations are claims. */
  g_assert_cmpuint (lines, ==, count_elements (path, "head") + count_elements (path, "p") +
                               count_elements (path, "trailer"));
  g_assert_cmpstr (tessera_document_get_language (document), ==, "fr");
  g_assert_cmpstr (tessera_document_get_licence (document), ==,
                   "https://creativecommons.org/licenses/by/4.0/");
  if (g_str_has_prefix (name, "FRA01902"))
    {
      g_assert_cmpstr (tessera_document_get_title (document), ==, "Monsieur Lecoq : édition ELTeC");
      g_assert_cmpstr (tessera_document_get_author (document), ==, "Gaboriau, Émile (1832-1873)");
      g_assert_cmpstr (tessera_document_get_publication_date (document), ==, "1869");
      g_assert_true (g_str_has_prefix (text, "Chapitre 1\nLe 20 février 18.., un dimanche"));
      g_assert_cmpuint (tessera_text_length (text), >, 1500000);
    }
  else
    {
      g_assert_cmpstr (tessera_document_get_title (document), ==, "Jean-Christophe : édition ELTeC");
      g_assert_cmpstr (tessera_document_get_author (document), ==, "Rolland, Romain (1866-1944)");
      g_assert_true (g_str_has_suffix (text, "\nFIN"));
      g_assert_cmpuint (tessera_text_length (text), >, 3200000);
      g_assert_cmpuint (tessera_document_get_annotation_count (document), ==, 6);
    }

  export_tei (fixture->store, &doc, 1, folder, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  {
    g_autofree char *file = tessera_tei_export_file_name (doc);
    g_autofree char *exported = g_build_filename (folder, file, NULL);

    assert_valid_tei (exported);
  }
}

/* Validator ------------------------------------------------------------------------------------ */

static void
test_validator_reports_lines (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *invalid = g_build_filename (fixture->dir, "invalid.xml", NULL);
  g_autofree char *malformed = data_path ("malformed.xml");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  ensure_validator ();
  g_assert_true (g_file_set_contents (invalid,
                                      "<?xml version=\"1.0\"?>\n"
                                      "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">\n"
                                      "  <teiHeader/>\n"
                                      "  <text><p>No body.</p></text>\n"
                                      "</TEI>\n", -1, NULL));
  g_assert_false (tessera_tei_validator_validate_file (validator, invalid, &problems, &error));
  g_assert_error (error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_INVALID);
  g_assert_cmpuint (problems->len, >, 0);
  g_assert_cmpuint (((TesseraTeiProblem *) g_ptr_array_index (problems, 0))->line, ==, 3);
  g_clear_error (&error);
  g_clear_pointer (&problems, g_ptr_array_unref);

  g_assert_false (tessera_tei_validator_validate_file (validator, malformed, &problems, &error));
  g_assert_error (error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_MALFORMED);
  g_assert_cmpuint (problems->len, >, 0);
  g_assert_nonnull (strstr (error->message, "line 3, column 48"));
}

static gpointer
validate_in_thread (gpointer data)
{
  g_autoptr(GError) error = NULL;
  gboolean valid = tessera_tei_validator_validate_file (validator, data, NULL, &error);

  g_assert_no_error (error);
  return GINT_TO_POINTER (valid);
}

/* One compiled schema, used from several threads at once. */
static void
test_validator_threads (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *sample = NULL;
  GThread *threads[4];

  ensure_validator ();
  sample = shared_path ("tei", "sample-corpus.xml");
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("validate", validate_in_thread, sample);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[i])));
}

static void
test_export_cancelled (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "out", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  add_document (fixture->store, "Un", "Un texte.");
  g_cancellable_cancel (cancellable);
  g_assert_false (export_tei (fixture->store, NULL, 0, folder, NULL, cancellable,
                              NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  {
    g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);

    g_assert_null (dir ? g_dir_read_name (dir) : NULL);
  }
}

/* The command line --------------------------------------------------------------------------- */

static int
run_cli (const char  *dir,
         char       **out,
         char       **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("TESSERA_CLI"));
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (dir, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL) ? 0 : WEXITSTATUS (status);
}

static void
test_cli_export_import (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *project = g_build_filename (fixture->dir, "project.tessera", NULL);
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.tessera", NULL);
  g_autofree char *corpus = g_build_filename (fixture->dir, "corpus.xml", NULL);
  g_autofree char *folder = g_build_filename (fixture->dir, "files", NULL);
  g_autofree char *not_tei = data_path ("not-tei.xml");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (g_getenv ("TESSERA_CLI") == NULL)
    {
      g_test_skip ("TESSERA_CLI is not set");
      return;
    }
  import_seeds (fixture->store);
  annotate_seeds (fixture->store);
  g_clear_object (&fixture->store);

  g_assert_cmpint (run_cli (fixture->dir, &out, &err, "-p", project, "export", "--format", "tei",
                            "--corpus", "-o", corpus, NULL), ==, 0);
  assert_valid_tei (corpus);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fixture->dir, &out, &err, "-p", project, "export", "--format", "tei",
                            "--anchors", "-o", folder, "2", "4", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "2 files"));
  {
    g_autofree char *two = g_build_filename (folder, "document-2.xml", NULL);
    g_autofree char *four = g_build_filename (folder, "document-4.xml", NULL);
    g_autofree char *one = g_build_filename (folder, "document-1.xml", NULL);

    assert_valid_tei (two);
    assert_valid_tei (four);
    g_assert_false (g_file_test (one, G_FILE_TEST_EXISTS));
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fixture->dir, &out, &err, "-p", project, "export", "--format", "odt",
                            "-o", folder, NULL), ==, 2);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fixture->dir, &out, &err, "init", "--project", copy, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fixture->dir, &out, &err, "-p", copy, "import", corpus, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "imported as document 5"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fixture->dir, &out, &err, "-p", copy, "import", not_tei, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "not TEI"));

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TesseraStore) original = tessera_store_open (project, TESSERA_STORE_OPEN_DEFAULT, &error);
    g_autoptr(TesseraStore) imported = tessera_store_open (copy, TESSERA_STORE_OPEN_DEFAULT, &error);
    g_autofree char *before = describe_project (original);
    g_autofree char *after = describe_project (imported);

    g_assert_no_error (error);
    g_assert_cmpstr (after, ==, before);
  }
}

/* What the store holds, the export writes: no limit of libxml2's at export ------------- */

/* A paragraph longer than libxml2 reads as one text node (10,000,000 bytes) is exported
 * in pieces, and reads back whole, even where an annotation spans a cut. */
static void
test_export_long_line (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("Un roman sans retour à la ligne\n");
  TesseraTeiExportOptions options;
  gint64 document_id;
  guint length;

  while (text->len < 10400000)
    g_string_append (text, "Longtemps, je me suis couché de bonne heure. ");
  g_string_truncate (text, text->len - 1);
  document_id = add_document (fixture->store, "Un roman sans retour à la ligne", text->str);
  length = tessera_text_length (text->str);
  /* More than 10,000,000 bytes without markup inside the first annotation. */
  annotate_span (fixture->store, document_id, "person", 40, length - 100);
  annotate_span (fixture->store, document_id, "place", length - 50, length - 10);

  tessera_tei_export_options_init (&options);
  assert_round_trip (fixture, &options, "long-line");
}

/* Annotations nested deeper than libxml2 reads elements (256) are exported, as anchors
 * beyond what it reads, with either overlap encoding. */
static void
test_export_deep_nesting (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("Poupées russes\n");
  static const char * const keys[] = { "person", "place", "organisation", "other" };
  gint64 document_id;
  TesseraTeiExportOptions options;

  for (guint i = 0; i < 100; i++)
    g_string_append (text, "matriochka ");
  g_string_append (text, "fin.");
  document_id = add_document (fixture->store, "Poupées russes", text->str);
  for (guint i = 0; i < 260; i++)
    annotate_span (fixture->store, document_id, keys[i % G_N_ELEMENTS (keys)], 15 + i,
                   15 + 1100 - i);

  /* standOff alone nests nothing. */
  tessera_tei_export_options_init (&options);
  assert_round_trip (fixture, &options, "deep-fragments");
  options.overlap = TESSERA_TEI_OVERLAP_ANCHORS;
  assert_round_trip (fixture, &options, "deep-anchors");
}

/* What the options add to every file is checked as the project's text is, before
 * anything is written. */
static void
test_export_options_text (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "corpus.xml", NULL);
  TesseraTeiExportOptions options;

  add_document (fixture->store, "Essai", "Un texte sans histoire.");
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;

      tessera_tei_export_options_init (&options);
      options.corpus = TRUE;
      if (i == 0)
        options.publisher = "\xC3\x89" "ditions\x01";
      else if (i == 1)
        options.licence_url = "https://creativecommons.org/licenses/by/4.0/\x1F";
      else
        options.title = "Corpus\xEF\xBF\xBE";
      g_assert_false (export_tei (fixture->store, NULL, 0, path, &options,
                                  NULL, NULL, NULL, &error));
      g_assert_error (error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_CHARACTER);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
}

/* jing, once over every file the tests wrote -------------------------------------------------- */

static void
test_jing_all_files (void)
{
  g_autofree char *schema = schema_path ();
  g_autofree char *jing = g_find_program_in_path ("jing");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (jing == NULL)
    {
      g_test_skip ("jing is not installed");
      return;
    }
  if (kept_files->len == 0)
    {
      g_test_skip ("no test wrote a TEI file");
      return;
    }
  g_ptr_array_add (argv, jing);
  g_ptr_array_add (argv, schema);
  for (guint i = 0; i < kept_files->len; i++)
    g_ptr_array_add (argv, g_ptr_array_index (kept_files, i));
  g_ptr_array_add (argv, NULL);
  /* jing writes its findings on stdout; stderr only has the launcher's noise. */
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  g_test_message ("jing checked %u files", kept_files->len);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("jing:\n%s", out);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Files written by other projects ---------------------------------------------------------- */

/* Recogito puts running text in span elements. */
static void
test_real_span_in_body (Fixture       *fixture,
                        gconstpointer  data)
{
  gint64 doc;
  g_autofree char *text = import_fixture (fixture, "span-in-body.xml", &doc);
  g_autoptr(GPtrArray) annotations = tessera_store_dup_annotations (fixture->store, doc, NULL);

  g_assert_cmpstr (text, ==, "It is a grief to me that my heart bleeds, when I think of "
                             "Odysseus.");
  g_assert_cmpuint (annotations->len, ==, 1);
  find_annotation (annotations, text, "Odysseus");
}

static void
test_real_line_break_in_word (Fixture       *fixture,
                              gconstpointer  data)
{
  gint64 doc;
  g_autofree char *text = import_fixture (fixture, "lb-break-no.xml", &doc);
  g_autoptr(GPtrArray) annotations = tessera_store_dup_annotations (fixture->store, doc, NULL);

  g_assert_cmpstr (text, ==, "Veuillez trouver ci-jointe la lettre de Amadou et de Assimi, "
                             "ci-dessous la suite.");
  find_annotation (annotations, text, "Amadou");
  find_annotation (annotations, text, "Assimi");
}

static void
test_real_subst_indented (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *text = import_fixture (fixture, "subst-indented.xml", NULL);

  g_assert_cmpstr (text, ==, "Elle s'est réveillée dans la douleur.");
}

static void
test_real_author_identifier (Fixture       *fixture,
                             gconstpointer  data)
{
  gint64 doc;
  g_autofree char *text = import_fixture (fixture, "author-idno.xml", &doc);
  g_autoptr(TesseraDocument) document = tessera_store_dup_document (fixture->store, doc, NULL);

  g_assert_cmpstr (tessera_document_get_author (document), ==, "Alphonse Allais");
}

/* A title the text starts with is not written again as a docTitle; another one is. */
static void
test_real_export_title_once (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "titles", NULL);
  g_autoptr(GError) error = NULL;
  const char *expected[] = { NULL, NULL, NULL, "Une lettre de Bamako" };

  add_document (fixture->store, "Le sommet de Bamako",
                "Le sommet de Bamako s’est tenu hier.\nIl a duré deux jours.");
  add_document (fixture->store, "Les ministres de la défense se sont…",
                "Les ministres de la défense se sont réunis le 20 juin.");
  add_document (fixture->store, "Le Mali", "Le Mali et le Niger.");
  add_document (fixture->store, "Une lettre de Bamako", "Chers amis,\nnous voici.");
  export_tei (fixture->store, NULL, 0, folder, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *name = tessera_tei_export_file_name (i + 1);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *title_part = NULL;

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      assert_valid_tei (path);
      if (expected[i] == NULL)
        g_assert_null (strstr (contents, "<front>"));
      else
        {
          title_part = g_strdup_printf ("<front><docTitle><titlePart>%s</titlePart>",
                                        expected[i]);
          g_assert_nonnull (strstr (contents, title_part));
        }
    }
}

/* A mention names an entity of its own type (or one without a type), in the store, so in
 * the window and the CLI alike. */
static void
test_real_link_compatible (Fixture       *fixture,
                           gconstpointer  data)
{
  gint64 doc = add_document (fixture->store, "Lien", "Le 20 juin, l’AES et Goïta.");
  gint64 date = annotate (fixture->store, doc, "date", "20 juin", 1);
  gint64 person = annotate (fixture->store, doc, "person", "Goïta", 1);
  gint64 aes = entity (fixture->store, "Alliance des États du Sahel", "organisation", NULL);
  gint64 goita = entity (fixture->store, "Assimi Goïta", "person", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAnnotation) unlinked = NULL;
  g_autofree char *project = g_build_filename (fixture->dir, "project.tessera", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *date_id = g_strdup_printf ("%" G_GINT64_FORMAT, date);
  g_autofree char *aes_id = g_strdup_printf ("%" G_GINT64_FORMAT, aes);

  g_assert_false (tessera_store_link_annotation (fixture->store, date, aes, &error));
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Alliance des États du Sahel"));
  g_clear_error (&error);
  unlinked = tessera_store_dup_annotation (fixture->store, date, NULL);
  g_assert_cmpint (tessera_annotation_get_entity_id (unlinked), ==, 0);
  link_mention (fixture->store, person, goita);

  /* Retyped, a mention keeps only an entity its new type can name. */
  g_assert_true (tessera_store_set_annotation_type (fixture->store, person,
                                                    test_type_id (fixture->store, "role"), &error));
  g_assert_no_error (error);
  {
    g_autoptr(TesseraAnnotation) retyped = tessera_store_dup_annotation (fixture->store, person,
                                                                         NULL);

    g_assert_cmpint (tessera_annotation_get_entity_id (retyped), ==, 0);
  }

  g_clear_object (&fixture->store);
  g_assert_cmpint (run_cli (fixture->dir, &out, &err, "-p", project, "link", date_id,
                            "--entity", aes_id, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "cannot name it"));
}

/* A generic referring expression (TEI rs, as "Other" is) names an entity of any type. */
static void
test_real_link_generic (Fixture       *fixture,
                        gconstpointer  data)
{
  gint64 doc = add_document (fixture->store, "Lien",
                             "Le chef de la junte, le putschiste, Goïta, le 20 juin à Bamako.");
  gint64 chief = annotate (fixture->store, doc, "other", "chef de la junte", 1);
  gint64 coup_type = custom_type (fixture->store, "epithet", TESSERA_KIND_ENTITY, "rs",
                                  "epithet", "#aa5500", "Épithète");
  gint64 coup = annotate (fixture->store, doc, "epithet", "le putschiste", 1);
  gint64 date = annotate (fixture->store, doc, "date", "20 juin", 1);
  gint64 place = annotate (fixture->store, doc, "place", "Bamako", 1);
  gint64 goita = entity (fixture->store, "Assimi Goïta", "person", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (coup_type, >, 0);
  link_mention (fixture->store, chief, goita);
  link_mention (fixture->store, coup, goita);
  {
    g_autoptr(TesseraAnnotation) linked = tessera_store_dup_annotation (fixture->store, chief,
                                                                        NULL);

    g_assert_cmpint (tessera_annotation_get_entity_id (linked), ==, goita);
  }

  /* Only the mention's type is generic: a date or a place still does not name a person. */
  g_assert_false (tessera_store_link_annotation (fixture->store, date, goita, &error));
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tessera_store_link_annotation (fixture->store, place, goita, &error));
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Retyped to Other, a person mention keeps its entity. */
  {
    gint64 mention = annotate (fixture->store, doc, "person", "Goïta", 1);
    g_autoptr(TesseraAnnotation) retyped = NULL;

    link_mention (fixture->store, mention, goita);
    g_assert_true (tessera_store_set_annotation_type (fixture->store, mention,
                                                      test_type_id (fixture->store, "other"),
                                                      &error));
    g_assert_no_error (error);
    retyped = tessera_store_dup_annotation (fixture->store, mention, NULL);
    g_assert_cmpint (tessera_annotation_get_entity_id (retyped), ==, goita);
  }
}

/* The warnings of a file, which come with its first document. */
static char *
import_fixture_warnings (Fixture    *fixture,
                         const char *name,
                         gint64     *out_document,
                         char      **out_text)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GPtrArray) results = import_file (fixture->store, path);
  TesseraImportResult *result = g_ptr_array_index (results, 0);

  g_assert_cmpint (result->document_id, >, 0);
  *out_document = result->document_id;
  *out_text = tessera_store_dup_document_text (fixture->store, result->document_id, NULL);
  g_assert_nonnull (result->warnings);
  g_assert_cmpuint (result->warnings->len, ==, 1);
  return g_strdup (g_ptr_array_index (result->warnings, 0));
}

static void
assert_says (const char *message,
             const char *part)
{
  if (strstr (message, part) == NULL)
    g_error ("“%s” does not say “%s”", message, part);
}

/* A file of another tool names relations its own way: a name the project gives as the TEI
 * name of one of its types is that type; another joins the tagset, and the user is told. */
static void
test_import_foreign_relations (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *warning = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(TesseraRelationType) agrees = NULL;
  g_autoptr(GString) types = g_string_new (NULL);
  gint64 doc;

  add_relation_type (fixture->store, "cites", "citation", "Cite", "#a51d2d");
  warning = import_fixture_warnings (fixture, "foreign-relations.xml", &doc, &text);
  assert_says (warning, "foreign-relations.xml: 1 relation type was not in the tagset; "
                        "it was added to it: agrees");

  relations = tessera_store_dup_relations (fixture->store, doc, NULL);
  for (guint i = 0; i < relations->len; i++)
    g_string_append_printf (types, "%s ", ((TesseraRelation *) g_ptr_array_index (relations,
                                                                                  i))->type);
  g_assert_cmpstr (types->str, ==, "cites agrees agrees ");
  agrees = tessera_store_lookup_relation_type (fixture->store, "agrees");
  g_assert_nonnull (agrees);
  g_assert_cmpstr (tessera_relation_type_get_tei_name (agrees), ==, "agrees");
}

/* The reader ------------------------------------------------------------------------------ */

/* An array for keep_document(). */
static GPtrArray *
new_documents (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) _tessera_tei_document_free);
}

static gboolean
keep_document (TesseraTeiContext   *context,
               TesseraTeiDocument  *document,
               gpointer             user_data,
               GError             **error)
{
  g_ptr_array_add (user_data, document);
  return TRUE;
}

/* The documents of @path as the importer reads them, and what the file declares for all. */
static GPtrArray *
read_as_imported (const char         *path,
                  GListModel         *tagset,
                  TesseraTeiContext **context)
{
  GPtrArray *documents = new_documents ();
  g_autoptr(GError) error = NULL;

  *context = _tessera_tei_read_file (path, tagset, keep_document, documents, NULL, &error);
  g_assert_no_error (error);
  return documents;
}

static guint
count_string (const char *text,
              gsize       length,
              const char *needle)
{
  guint n = 0;

  for (const char *p = g_strstr_len (text, length, needle); p != NULL;
       p = g_strstr_len (p + 1, length - (p + 1 - text), needle))
    n++;
  return n;
}

/* The self-check reads a corpus as it is written, each document once it is complete, and
 * gives each the meaning the importer gives it. */
static void
test_reader_as_written (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "corpus.xml", NULL);
  g_autofree char *growing = g_build_filename (fixture->dir, "growing.xml", NULL);
  g_autoptr(GPtrArray) checked = new_documents ();
  g_autoptr(GPtrArray) imported = NULL;
  g_autoptr(TesseraTeiReader) reading = NULL;
  g_autoptr(TesseraTeiContext) checked_context = NULL;
  g_autoptr(TesseraTeiContext) imported_context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  TesseraTeiExportOptions options;
  gsize length;
  gsize half;
  guint n_complete;

  import_seeds (fixture->store);
  annotate_seeds (fixture->store);
  tessera_tei_export_options_init (&options);
  options.corpus = TRUE;
  g_assert_true (export_tei (fixture->store, NULL, 0, path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));

  /* Half the file: the documents it holds whole, and no more. */
  half = length / 2;
  n_complete = count_string (contents, half, "</TEI>");
  g_assert_cmpuint (n_complete, >, 0);
  g_assert_cmpuint (n_complete, <, 5);
  g_assert_true (g_file_set_contents (growing, contents, half, NULL));
  reading = _tessera_tei_reader_new (growing,
                                     TESSERA_TEI_READER_STRICT | TESSERA_TEI_READER_CORPUS,
                                     tessera_store_get_tagset (fixture->store),
                                     keep_document, checked, &error);
  g_assert_no_error (error);
  g_assert_true (_tessera_tei_reader_step (reading, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (checked->len, ==, n_complete);

  /* The rest, appended to the same file. */
  {
    int fd = g_open (growing, O_WRONLY | O_APPEND, 0);

    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (write (fd, contents + half, length - half), ==, (gssize) (length - half));
    g_assert_true (g_close (fd, NULL));
  }
  checked_context = _tessera_tei_reader_finish (reading, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (checked->len, ==, 5);

  imported = read_as_imported (path, tessera_store_get_tagset (fixture->store),
                               &imported_context);
  g_assert_cmpuint (imported->len, ==, checked->len);
  for (guint i = 0; i < checked->len; i++)
    {
      g_autofree char *problem = _tessera_tei_document_compare (
        g_ptr_array_index (imported, i), imported_context,
        g_ptr_array_index (checked, i), checked_context);

      g_assert_null (problem);
    }
}

/* What a file from elsewhere may hold, and the importer reads (with a warning at most),
 * the self-check refuses in a file the exporter wrote. */
static void
test_reader_strict (Fixture       *fixture,
                    gconstpointer  data)
{
#define HEAD "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\" xml:id=\"d1\"><teiHeader><fileDesc>" \
             "<titleStmt><title>Un</title></titleStmt></fileDesc></teiHeader>\n"
  static const struct
  {
    const char *file;      /* in tests/data/tei, or NULL */
    const char *contents;
    int         code;
    const char *says;
  } cases[] = {
    { NULL, HEAD "<text><body><p xml:id=\"p1\">Un</p>\n<p xml:id=\"p1\">Deux</p></body></text>"
            "</TEI>",
      TESSERA_TEI_ERROR_MALFORMED, "line 3: the xml:id “p1” is used twice" },
    { NULL, HEAD "<text><body><p>Un <b xmlns=\"urn:x\">mot</b></p></body></text></TEI>",
      TESSERA_TEI_ERROR_MALFORMED, "line 2: <b> is not in the TEI namespace" },
    { "xxe-parameter.xml", NULL, TESSERA_TEI_ERROR_UNSAFE, "document type declaration" },
    { "foreign-markup.xml", NULL, TESSERA_TEI_ERROR_MALFORMED, "a TEI document has no xml:id" },
    /* What only a reading of the whole paragraph could settle. */
    { NULL, HEAD "<text><body><p>Un <choice><sic>deu</sic><corr>deux</corr></choice></p>"
            "</body></text></TEI>",
      TESSERA_TEI_ERROR_MALFORMED,
      "line 2: <choice> stands in the text where the exporter never writes it" },
    { NULL, HEAD "<text><body><p>Un\n<list><item>deux</item></list></p></body></text></TEI>",
      TESSERA_TEI_ERROR_MALFORMED,
      "line 3: <list> stands in the text where the exporter never writes it" },
  };
#undef HEAD
  GListModel *tagset = tessera_store_get_tagset (fixture->store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = NULL;
      g_autoptr(GPtrArray) documents = new_documents ();
      g_autoptr(TesseraTeiContext) context = NULL;
      g_autoptr(TesseraTeiReader) reader = NULL;
      g_autoptr(GError) error = NULL;

      if (cases[i].file != NULL)
        path = data_path (cases[i].file);
      else
        {
          path = g_build_filename (fixture->dir, "strict.xml", NULL);
          g_assert_true (g_file_set_contents (path, cases[i].contents, -1, NULL));
        }
      g_test_message ("%s", cases[i].says);
      context = _tessera_tei_read_file (path, tagset, keep_document, documents, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (documents->len, ==, 1);

      reader = _tessera_tei_reader_new (path, TESSERA_TEI_READER_STRICT, tagset, keep_document,
                                        documents, &error);
      g_assert_no_error (error);
      g_clear_pointer (&context, _tessera_tei_context_free);
      context = _tessera_tei_reader_finish (reader, NULL, &error);
      g_assert_null (context);
      g_assert_error (error, TESSERA_TEI_ERROR, cases[i].code);
      assert_says (error->message, cases[i].says);
    }
}

/* The self-check reads the bodies straight from the parser, the importer from libxml2's
 * tree: the same text and annotations either way, white space, breaks, what the text leaves
 * out and character references in attributes included. */
static void
test_reader_text_as_imported (Fixture       *fixture,
                              gconstpointer  data)
{
  static const char contents[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\" xml:id=\"d1\"><teiHeader><fileDesc>"
    "<titleStmt><title>Un</title></titleStmt></fileDesc></teiHeader>\n"
    "<text><body>\n"
    "  <head xml:id=\"h\">  Le   titre\n </head>\n"
    "  <p xml:id=\"p1\">Jean  <persName xml:id=\"a1\">Valjean</persName>,\n"
    "     dit <rs xml:id=\"a2\" type=\"nom&amp;prénom\">Monsieur\n Madeleine</rs><note>pas"
    "     du texte</note> ,  arrive à <placeName xml:id=\"a3\">Di<lb break=\"no\"/>gne"
    "</placeName>.<lb/>Puis<pb n=\"2\"/> il <anchor xml:id=\"x1\"/>repart.</p>\n"
    "  <div><p xml:space=\"preserve\">  Deux  espaces <orgName xml:id=\"a4\">gardés"
    "  </orgName> <seg xml:space=\"default\">puis   plus</seg>.</p>\n"
    "  <p/>\n  <p>Fin &#38; <date xml:id=\"a5\" when=\"1815-10\">octobre 1815</date></p>"
    "</div>\n"
    "</body></text></TEI>\n";
  g_autofree char *path = g_build_filename (fixture->dir, "text.xml", NULL);
  GListModel *tagset = tessera_store_get_tagset (fixture->store);
  g_autoptr(TesseraTeiContext) imported_context = NULL;
  g_autoptr(GPtrArray) imported = NULL;
  g_autoptr(GPtrArray) checked = new_documents ();
  g_autoptr(TesseraTeiContext) checked_context = NULL;
  g_autoptr(TesseraTeiReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  TesseraTeiDocument *document;

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  imported = read_as_imported (path, tagset, &imported_context);
  reader = _tessera_tei_reader_new (path, TESSERA_TEI_READER_STRICT, tagset, keep_document,
                                    checked, &error);
  g_assert_no_error (error);
  checked_context = _tessera_tei_reader_finish (reader, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imported->len, ==, 1);
  g_assert_cmpuint (checked->len, ==, 1);

  document = g_ptr_array_index (checked, 0);
  g_assert_cmpstr (document->record->text, ==,
                   "Le titre\n"
                   "Jean Valjean, dit Monsieur Madeleine , arrive à Digne. Puis il repart.\n"
                   "  Deux  espaces gardés   puis plus.\n"
                   "\n"
                   "Fin & octobre 1815");
  g_assert_cmpuint (document->annotations->len, ==, 5);
  problem = _tessera_tei_document_compare (g_ptr_array_index (imported, 0), imported_context,
                                           document, checked_context);
  g_assert_null (problem);
  for (guint i = 0; i < document->annotations->len; i++)
    {
      TesseraTeiAnnotation *annotation = g_ptr_array_index (document->annotations, i);

      if (g_strcmp0 (annotation->id, "a2") == 0)
        g_assert_cmpstr (annotation->element_type, ==, "nom&prénom");
      if (g_strcmp0 (annotation->id, "a5") == 0)
        g_assert_cmpstr (annotation->record->normalized, ==, "1815-10");
    }
}

/* Recogito Studio repeats a respStmt's xml:id in each annotation: read, with a warning. */
static void
test_real_repeated_id (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 doc;
  g_autofree char *text = NULL;
  g_autofree char *warning = import_fixture_warnings (fixture, "repeated-id.xml", &doc, &text);
  g_autoptr(GPtrArray) annotations = tessera_store_dup_annotations (fixture->store, doc, NULL);

  g_assert_cmpstr (text, ==, "Ulysse rencontre Nausicaa.");
  g_assert_cmpstr (tessera_annotation_get_note (find_annotation (annotations, text, "Ulysse")),
                   ==, "le premier");
  g_assert_cmpstr (tessera_annotation_get_note (find_annotation (annotations, text,
                                                                 "Nausicaa")),
                   ==, "le second");
  assert_says (warning, "repeated-id.xml: the xml:id “annotator” is given to more than one");
  assert_says (warning, "line 18)");

  /* Repeated in every one of many annotations: the first few lines. */
  {
    g_autofree char *many = g_build_filename (fixture->dir, "many.xml", NULL);
    g_autoptr(GString) contents = g_string_new ("<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">"
                                                "<teiHeader><fileDesc><titleStmt><title>Many"
                                                "</title></titleStmt></fileDesc></teiHeader>"
                                                "<standOff><listAnnotation>\n");
    g_autoptr(GPtrArray) results = NULL;
    GPtrArray *warnings;

    for (guint i = 0; i < 8; i++)
      g_string_append (contents, "<annotation target=\"#p1\"><respStmt xml:id=\"me\">"
                                 "<resp>annotator</resp></respStmt></annotation>\n");
    g_string_append (contents, "</listAnnotation></standOff><text><body><p xml:id=\"p1\">"
                               "Un texte.</p></body></text></TEI>");
    g_assert_true (g_file_set_contents (many, contents->str, -1, NULL));
    results = import_file (fixture->store, many);
    warnings = ((TesseraImportResult *) g_ptr_array_index (results, 0))->warnings;
    g_assert_nonnull (warnings);
    assert_says (g_ptr_array_index (warnings, 0), "(again on line 3, 4, 5, 6, 7…)");
  }
}

static void
test_real_unresolved_spans (Fixture       *fixture,
                            gconstpointer  data)
{
  gint64 doc;
  g_autofree char *text = NULL;
  g_autofree char *warning = import_fixture_warnings (fixture, "unresolved-spans.xml", &doc,
                                                      &text);
  g_autoptr(GPtrArray) annotations = tessera_store_dup_annotations (fixture->store, doc, NULL);
  g_autofree char *path = data_path ("unresolved-spans.xml");
  g_autofree char *project = g_build_filename (fixture->dir, "project.tessera", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpuint (annotations->len, ==, 1);
  find_annotation (annotations, text, "colonel Goïta");
  assert_says (warning, "unresolved-spans.xml: 4 spans point to nothing in the text");
  assert_says (warning, "reversed, missing, beyond, empty");

  /* The command line says it too. */
  g_clear_object (&fixture->store);
  g_assert_cmpint (run_cli (fixture->dir, &out, &err, "-p", project, "import", path, NULL),
                   ==, 0);
  assert_says (err, "warning: unresolved-spans.xml: 4 spans point to nothing");
}

/* Boundaries inside a character that NFC composes move to the whole character. */
static void
test_real_nfc_boundary (Fixture       *fixture,
                        gconstpointer  data)
{
  gint64 doc;
  g_autofree char *text = NULL;
  g_autofree char *warning = import_fixture_warnings (fixture, "nfc-boundary.xml", &doc, &text);
  g_autoptr(GPtrArray) annotations = tessera_store_dup_annotations (fixture->store, doc, NULL);
  g_autofree char *key = NULL;

  g_assert_cmpstr (text, ==, "Au Caf\xC3\xA9 de \xEA\xB0\x81 et de Paris.");
  g_assert_true (tessera_text_is_nfc (text));
  g_assert_cmpuint (annotations->len, ==, 2);
  key = type_key_of (fixture->store, find_annotation (annotations, text, "\xC3\xA9"));
  g_assert_cmpstr (key, ==, "person");
  g_clear_pointer (&key, g_free);
  key = type_key_of (fixture->store, find_annotation (annotations, text, "\xEA\xB0\x81"));
  g_assert_cmpstr (key, ==, "place");
  assert_says (warning, "2 annotations began or ended inside a character");
  assert_says (warning, "cafe, hangul");
}

/* string-range() counts the characters as written, composed or not. */
static void
test_real_string_range_nfc (Fixture       *fixture,
                            gconstpointer  data)
{
  gint64 doc;
  g_autofree char *text = import_fixture (fixture, "string-range-nfc.xml", &doc);
  g_autoptr(GPtrArray) annotations = tessera_store_dup_annotations (fixture->store, doc, NULL);

  g_assert_cmpstr (text, ==, "Caf\xC3\xA9 Jos\xC3\xA9 arrive.");
  g_assert_cmpuint (annotations->len, ==, 1);
  find_annotation (annotations, text, "Jos\xC3\xA9");
}

/* A file written before the linking rule: the mentions stay, the links their type cannot
 * make are dropped, and the import says which. */
static void
test_real_link_incompatible (Fixture       *fixture,
                             gconstpointer  data)
{
  gint64 mali = entity (fixture->store, "Mali", "place", "http://www.wikidata.org/entity/Q912");
  gint64 doc;
  g_autofree char *text = NULL;
  g_autofree char *warning = import_fixture_warnings (fixture, "link-incompatible.xml", &doc,
                                                      &text);
  g_autoptr(GPtrArray) annotations = tessera_store_dup_annotations (fixture->store, doc, NULL);
  g_autofree char *path = data_path ("link-incompatible.xml");
  g_autofree char *project = g_build_filename (fixture->dir, "project.tessera", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  TesseraAnnotation *date, *place, *chief, *person, *org;

  g_assert_cmpuint (annotations->len, ==, 6);
  date = find_annotation (annotations, text, "20 juin");
  place = find_annotation (annotations, text, "Bamako");
  chief = find_annotation (annotations, text, "le chef de la junte");
  person = find_annotation (annotations, text, "Assimi Goïta");
  org = find_annotation (annotations, text, "AES");
  g_assert_cmpint (tessera_annotation_get_entity_id (date), ==, 0);
  g_assert_cmpint (tessera_annotation_get_entity_id (place), ==, 0);
  g_assert_cmpint (tessera_annotation_get_entity_id (person), !=, 0);
  g_assert_cmpint (tessera_annotation_get_entity_id (chief), ==,
                   tessera_annotation_get_entity_id (person));
  g_assert_cmpint (tessera_annotation_get_entity_id (org), !=, 0);
  /* A person of the file that is a place of the project: the project's type counts. */
  g_assert_cmpint (mali, >, 0);
  g_assert_cmpint (tessera_annotation_get_entity_id (find_annotation (annotations, text,
                                                                      "Mali")), ==, 0);
  assert_says (warning, "link-incompatible.xml: 3 mentions refer to an entity of another type");
  assert_says (warning, "without that link: m1, m2, m6");

  /* The command line says it too, once. */
  g_clear_object (&fixture->store);
  g_assert_cmpint (run_cli (fixture->dir, &out, &err, "-p", project, "import", path, NULL),
                   ==, 0);
  assert_says (err, "warning: link-incompatible.xml: 3 mentions refer to an entity");
  g_assert_null (strstr (strstr (err, "3 mentions refer") + 1, "3 mentions refer"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  kept_dir = g_dir_make_tmp ("tessera-tei-files-XXXXXX", NULL);
  kept_files = g_ptr_array_new_with_free_func (g_free);

#define ADD(path, func) \
  g_test_add ("/core/tei/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_DATA(path, data, func) \
  g_test_add ("/core/tei/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("export/seeds-golden", test_export_seeds_golden);
  ADD ("export/control-character-refused", test_control_character_refused);
  g_test_add_func ("/core/tei/export/self-check-compares", test_self_check_compare);
  ADD ("export/self-check-rejects-corruption", test_self_check_rejects_corruption);
  ADD ("reader/as-written", test_reader_as_written);
  ADD ("reader/strict", test_reader_strict);
  ADD ("reader/text-as-imported", test_reader_text_as_imported);
  ADD ("round-trip/seeds-corpus", test_round_trip_seeds_corpus);
  ADD ("round-trip/per-document", test_round_trip_per_document);
  ADD ("round-trip/overlap-cases", test_overlap_cases);
  ADD ("round-trip/overlap-generated", test_overlap_generated);
  ADD ("round-trip/special-characters", test_special_characters);
  ADD ("round-trip/non-latin-scripts", test_non_latin_scripts);
  ADD ("round-trip/custom-tagset", test_custom_tagset);
  ADD ("import/foreign-markup", test_import_foreign_markup);
  ADD ("import/foreign-relations", test_import_foreign_relations);
  ADD ("round-trip/relation-types", test_relation_types_round_trip);
  ADD ("round-trip/cross-document-relations", test_cross_document_relations);
  ADD ("import/samples", test_import_samples);
  ADD ("import/structure", test_import_structure);
  ADD ("import/nfc", test_import_nfc);
  ADD ("import/dispatch", test_import_dispatch);
  ADD ("import/reuses-entities", test_import_reuses_entities);
  ADD ("import/all-or-nothing", test_import_all_or_nothing);
  ADD ("hostile/external-entity", test_import_external_entity);
  ADD_DATA ("hostile/billion-laughs", &billion_laughs, test_import_refused);
  ADD_DATA ("hostile/malformed", &malformed, test_import_refused);
  ADD_DATA ("hostile/not-tei", &not_tei, test_import_refused);
  ADD ("hostile/bad-encoding", test_import_bad_encoding);
  ADD ("hostile/dtd-not-read", test_import_dtd_not_read);
  ADD_DATA ("eltec/gaboriau", "FRA01902_Gaboriau.xml", test_eltec);
  ADD_DATA ("eltec/rolland", "FRA04202_Rolland.xml", test_eltec);
  ADD ("validator/reports-lines", test_validator_reports_lines);
  ADD ("validator/threads", test_validator_threads);
  ADD ("export/cancelled", test_export_cancelled);
  ADD ("cli/export-import", test_cli_export_import);
  ADD ("real/span-in-body", test_real_span_in_body);
  ADD ("real/line-break-in-word", test_real_line_break_in_word);
  ADD ("real/subst-indented", test_real_subst_indented);
  ADD ("real/author-identifier", test_real_author_identifier);
  ADD_DATA ("real/deep-nesting", &deep_nesting, test_import_refused);
  ADD ("real/export-title-once", test_real_export_title_once);
  ADD ("real/link-compatible", test_real_link_compatible);
  ADD ("real/link-generic", test_real_link_generic);
  ADD ("real/repeated-id", test_real_repeated_id);
  ADD ("real/unresolved-spans", test_real_unresolved_spans);
  ADD ("real/nfc-boundary", test_real_nfc_boundary);
  ADD ("real/string-range-nfc", test_real_string_range_nfc);
  ADD ("real/link-incompatible", test_real_link_incompatible);
  ADD ("export/long-line", test_export_long_line);
  ADD ("export/deep-nesting", test_export_deep_nesting);
  ADD ("export/options-text", test_export_options_text);
  /* Last: it validates what all the others wrote. */
  g_test_add_func ("/core/tei/jing/all-files", test_jing_all_files);

  status = g_test_run ();

  g_clear_object (&validator);
  test_remove_tree (kept_dir);
  g_free (kept_dir);
  g_ptr_array_unref (kept_files);
  return status;
}
