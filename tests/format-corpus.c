/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-test"

#include "config.h"

#include <glib/gstdio.h>

#include "format-corpus.h"
#include "test-common.h"

/* Entities, each linked to the first mention of its name in every article that has one. */
static const struct
{
  const char *needle;
  const char *type;
  const char *uri;        /* nullable */
  const char *uri2;       /* nullable: a second authority */
} entities[] = {
  { "Assimi Goïta", "person", "http://www.wikidata.org/entity/Q56648539", "https://viaf.org/viaf/9154161889442012410005" },
  { "Oumar Diarra", "person", "http://www.wikidata.org/entity/Q123456789", NULL },
  { "Bamako", "place", "https://www.geonames.org/2460596", "http://www.wikidata.org/entity/Q3703" },
  { "Burkina Faso", "place", "http://www.wikidata.org/entity/Q965", NULL },
  { "Niger", "place", "https://www.geonames.org/2440476", NULL },
  { "AES", "organisation", NULL, NULL },
};

/* The article in other scripts: emoji (a ZWJ sequence with a skin tone, a flag), combining
 * marks that have no precomposed form, Arabic (right to left), Devanagari. */
static const char extra_title[] = "Écritures : 👩🏽‍🔬, عربي";
static const char extra_text[] =
  "La chercheuse 👩🏽‍🔬 de Bamako 🇲🇱 a présenté ses travaux.\n"
  "Le mot q̇a̧ porte deux diacritiques combinants, et ṇ̄ aussi.\n"
  "قال الرئيس عاصمي غويتا إن التحالف سيستمر في بماكو.\n"
  "Selon la chercheuse, « नमस्ते » se dit partout.\n";

static gint64
mark_nth (TesseraStore *store,
          gint64        document_id,
          const char   *text,
          const char   *key,
          const char   *needle,
          guint         occurrence)
{
  g_autoptr(GError) error = NULL;
  TesseraRange range;
  gint64 id;

  if (!tessera_text_find (text, needle, occurrence, &range))
    return 0;
  id = tessera_store_add_annotation (store, document_id, test_type_id (store, key), &range, 1,
                                     NULL, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
find_entity (TesseraStore *store,
             const char   *name)
{
  GListModel *model = tessera_store_get_entities (store);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TesseraEntity) entity = g_list_model_get_item (model, i);

      if (g_strcmp0 (tessera_entity_get_name (entity), name) == 0)
        return tessera_entity_get_id (entity);
    }
  return 0;
}

static void
link_entity (TesseraStore *store,
             gint64        annotation_id,
             guint         index)
{
  g_autoptr(GError) error = NULL;
  gint64 entity_id = find_entity (store, entities[index].needle);

  if (entity_id == 0)
    {
      entity_id = tessera_store_add_entity (store, entities[index].needle,
                                            test_type_id (store, entities[index].type), NULL,
                                            &error);
      g_assert_no_error (error);
      if (entities[index].uri != NULL)
        tessera_store_add_entity_authority (store, entity_id, NULL, entities[index].uri, &error);
      g_assert_no_error (error);
      if (entities[index].uri2 != NULL)
        tessera_store_add_entity_authority (store, entity_id, NULL, entities[index].uri2, &error);
      g_assert_no_error (error);
    }
  tessera_store_link_annotation (store, annotation_id, entity_id, &error);
  g_assert_no_error (error);
}

static void
set_claim (TesseraStore *store,
           gint64        claim_id,
           gint64        source_id,
           gint64        cue_id,
           const char   *quote_type,
           const char   *factuality)
{
  g_autoptr(GError) error = NULL;
  const char *fields[][2] = {
    { "quote-type", quote_type }, { "factuality", factuality }, { "polarity", "positive" },
    { "writer-distance", "neutral" }, { "source-kind", "named" },
    { "statement-date", "2024-11-06" }, { "topic", "défense" },
  };

  if (source_id != 0)
    tessera_store_set_claim_source (store, claim_id, source_id, 0, &error);
  g_assert_no_error (error);
  if (cue_id != 0)
    tessera_store_set_claim_cue (store, claim_id, cue_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      tessera_store_set_claim_field (store, claim_id, fields[i][0], fields[i][1], &error);
      g_assert_no_error (error);
    }
}

/* A sentence of @text holding @needle, as a range: from the line's start to its first
 * full stop after the needle (or the line's end). */
static gboolean
find_sentence (const char   *text,
               const char   *needle,
               TesseraRange *out_range)
{
  const char *at = strstr (text, needle);
  const char *start, *end;

  if (at == NULL)
    return FALSE;
  for (start = at; start > text && start[-1] != '\n'; start--)
    ;
  end = strstr (at, ".");
  if (end == NULL || memchr (at, '\n', end - at) != NULL)
    end = at + strcspn (at, "\n");
  out_range->start = g_utf8_pointer_to_offset (text, start);
  out_range->end = g_utf8_pointer_to_offset (text, end);
  return out_range->end > out_range->start;
}

static gint64
add_range_annotation (TesseraStore       *store,
                      gint64              document_id,
                      const char         *key,
                      const TesseraRange *ranges,
                      guint               n_ranges)
{
  g_autoptr(GError) error = NULL;
  gint64 id = tessera_store_add_annotation (store, document_id, test_type_id (store, key),
                                            ranges, n_ranges, NULL, &error);

  g_assert_no_error (error);
  return id;
}

/* Every article gets what its text allows; together they hold every case. */
static void
annotate_article (TesseraStore *store,
                  gint64        document_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = tessera_store_dup_document_text (store, document_id, &error);
  gint64 people[2] = { 0, 0 };
  gint64 claims[2] = { 0, 0 };
  TesseraRange range;

  g_assert_no_error (error);

  /* Entities linked to entities with authority records; a second mention of the first. */
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      gint64 id = mark_nth (store, document_id, text, entities[i].type, entities[i].needle, 1);

      if (id == 0)
        continue;
      link_entity (store, id, i);
      if (g_str_equal (entities[i].type, "person"))
        people[people[0] == 0 ? 0 : 1] = id;
      if (i == 0 && (id = mark_nth (store, document_id, text, "person", entities[i].needle, 2)) != 0)
        {
          link_entity (store, id, i);
          tessera_store_add_relation (store, "same-as", id, people[0], NULL, &error);
          g_assert_no_error (error);
        }
    }

  /* Nested: a place inside an organisation's name. */
  if (mark_nth (store, document_id, text, "organisation", "Alliance des États du Sahel", 1) != 0)
    mark_nth (store, document_id, text, "place", "Sahel", 1);

  /* Overlapping without nesting: a role that runs into a person's name. */
  if (tessera_text_find (text, "général Assimi", 1, &range))
    {
      gint64 id = add_range_annotation (store, document_id, "role", &range, 1);

      tessera_store_set_annotation_note (store, id, "« général » et le prénom : chevauche la personne", &error);
      g_assert_no_error (error);
      tessera_store_set_annotation_certainty (store, id, TESSERA_CERTAINTY_LOW, &error);
      g_assert_no_error (error);
    }

  /* Discontinuous: one event in two ranges, the second on a later line. */
  {
    TesseraRange ranges[2];

    if (tessera_text_find (text, "Plan d", 1, &ranges[0]) &&
        tessera_text_find (text, "sécurité", 2, &ranges[1]) && ranges[1].start > ranges[0].end)
      {
        gint64 id = add_range_annotation (store, document_id, "event", ranges, 2);

        tessera_store_set_annotation_status (store, id, TESSERA_STATUS_SUGGESTED, &error);
        g_assert_no_error (error);
      }
  }

  /* Claims: a sentence with a cue in it, its source a person of the article. */
  {
    const char *cues[] = { "a reçu", "ont été reçus", "se sont réunis", "ont signé", "était" };

    for (guint i = 0; i < G_N_ELEMENTS (cues) && claims[1] == 0; i++)
      {
        gint64 cue;

        if (!find_sentence (text, cues[i], &range))
          continue;
        claims[claims[0] == 0 ? 0 : 1] = add_range_annotation (store, document_id, "claim", &range, 1);
        cue = mark_nth (store, document_id, text, "cue", cues[i], 1);
        set_claim (store, claims[claims[1] == 0 ? 0 : 1], people[0], cue,
                   i % 2 == 0 ? "indirect" : "direct", i % 2 == 0 ? "CT+" : "PR+");
      }
  }
  if (claims[0] != 0 && claims[1] != 0)
    {
      tessera_store_add_relation (store, "supports", claims[1], claims[0], "la seconde appuie la première", &error);
      g_assert_no_error (error);
    }
}

static void
annotate_extra (TesseraStore *store,
                gint64        document_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = tessera_store_dup_document_text (store, document_id, &error);
  gint64 person, place, claim, cue;
  TesseraRange range;

  g_assert_no_error (error);
  person = mark_nth (store, document_id, text, "person", "👩🏽‍🔬", 1);
  place = mark_nth (store, document_id, text, "place", "Bamako 🇲🇱", 1);
  link_entity (store, place, 2);
  mark_nth (store, document_id, text, "other", "q̇a̧", 1);
  mark_nth (store, document_id, text, "other", "ṇ̄", 1);
  g_assert_cmpint (mark_nth (store, document_id, text, "person", "عاصمي غويتا", 1), !=, 0);
  mark_nth (store, document_id, text, "place", "بماكو", 1);
  g_assert_true (find_sentence (text, "قال", &range));
  claim = add_range_annotation (store, document_id, "claim", &range, 1);
  cue = mark_nth (store, document_id, text, "cue", "قال", 1);
  set_claim (store, claim, 0, cue, "indirect", "Uu");
  g_assert_true (tessera_text_find (text, "« नमस्ते » se dit partout", 1, &range));
  claim = add_range_annotation (store, document_id, "claim", &range, 1);
  cue = mark_nth (store, document_id, text, "cue", "Selon", 1);
  set_claim (store, claim, person, cue, "according-to", "PS+");
  g_assert_no_error (error);
}

void
format_corpus_set_up (FormatCorpus  *corpus,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *normalized = g_utf8_normalize (extra_text, -1, G_NORMALIZE_NFC);
  TesseraDocumentInfo info = { .title = (char *) extra_title, .language = (char *) "fr" };
  GListModel *documents;
  gint64 extra_id;

  corpus->dir = test_make_tmp_dir ("tessera-format-XXXXXX");
  path = test_make_seeded_project (corpus->dir, "corpus.tessera");
  corpus->path = g_steal_pointer (&path);
  corpus->store = test_open_existing_project (corpus->path);
  tessera_store_set_annotator (corpus->store, "Awa Traoré");

  extra_id = tessera_store_add_document (corpus->store, &info, normalized, NULL, &error);
  g_assert_no_error (error);

  corpus->document_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  documents = tessera_store_get_documents (corpus->store);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(TesseraDocument) document = g_list_model_get_item (documents, i);
      gint64 id = tessera_document_get_id (document);

      g_array_append_val (corpus->document_ids, id);
      if (id == extra_id)
        annotate_extra (corpus->store, id);
      else
        annotate_article (corpus->store, id);
    }
  g_assert_cmpuint (corpus->document_ids->len, ==, 6);
}

void
format_corpus_tear_down (FormatCorpus  *corpus,
                         gconstpointer  data)
{
  g_clear_object (&corpus->store);
  g_clear_pointer (&corpus->document_ids, g_array_unref);
  test_remove_tree (corpus->dir);
  g_clear_pointer (&corpus->dir, g_free);
  g_clear_pointer (&corpus->path, g_free);
}

/**
 * format_corpus_export:
 * @name: the file or folder to write, in the corpus's folder
 *
 * Returns: the path written, every document of the corpus exported with @exporter
 */
char *
format_corpus_export (FormatCorpus    *corpus,
                      TesseraExporter *exporter,
                      const char      *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (corpus->dir, name, NULL);

  tessera_exporter_export (exporter, corpus->store, NULL, 0, path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  return path;
}

/**
 * format_corpus_import:
 * @importer_id: (nullable): the format; %NULL to let Tessera find it
 * @path: a file or folder
 *
 * Returns: a new project in the corpus's folder, holding what @path imports into it
 */
TesseraStore *
format_corpus_import (FormatCorpus *corpus,
                      const char   *importer_id,
                      const char   *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraImporter) importer = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *name = g_strdup_printf ("import-%u.tessera", g_random_int ());
  g_autofree char *project = g_build_filename (corpus->dir, name, NULL);
  TesseraStore *store = test_create_project (project);
  const char *paths[] = { path, NULL };

  if (importer_id != NULL)
    {
      importer = tessera_formats_new_importer (importer_id, &error);
      g_assert_no_error (error);
    }
  results = tessera_import_paths_with_importer (store, paths, importer, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    {
      TesseraImportResult *result = g_ptr_array_index (results, i);

      g_assert_no_error (result->error);
    }
  return store;
}

/**
 * format_corpus_assert_equal:
 * @other: a project imported from an export of the corpus
 * @carries: what the format carries
 * @keep: (nullable): the annotations the format wrote; %NULL for all
 *
 * Asserts that @other holds the corpus's documents, in order, equal in what the format
 * carries (the text always).
 */
void
format_corpus_assert_equal (FormatCorpus         *corpus,
                            TesseraStore         *other,
                            TesseraCarries        carries,
                            FormatCorpusKeepFunc  keep,
                            gpointer              data)
{
  GListModel *documents = tessera_store_get_documents (other);

  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, corpus->document_ids->len);
  for (guint i = 0; i < corpus->document_ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TesseraDocument) document = g_list_model_get_item (documents, i);
      g_autoptr(TesseraDocumentRecord) written =
        tessera_store_dup_document_record (corpus->store,
                                           g_array_index (corpus->document_ids, gint64, i),
                                           &error);
      g_autoptr(TesseraDocumentRecord) read = NULL;
      g_autoptr(GPtrArray) kept = g_ptr_array_new ();
      g_autoptr(GPtrArray) kept_relations = g_ptr_array_new ();
      g_autofree char *where = NULL;

      g_assert_no_error (error);
      read = tessera_store_dup_document_record (other, tessera_document_get_id (document), &error);
      g_assert_no_error (error);
      where = g_strdup_printf ("document %u (%s)", i + 1, written->info.title);

      for (guint j = 0; j < written->annotations->len; j++)
        {
          TesseraAnnotationRecord *annotation = g_ptr_array_index (written->annotations, j);

          if (keep == NULL || keep (written, annotation, data))
            g_ptr_array_add (kept, annotation);
        }
      for (guint j = 0; written->relations != NULL && j < written->relations->len; j++)
        {
          TesseraRelationRecord *relation = g_ptr_array_index (written->relations, j);

          if (g_ptr_array_find (kept, relation->source, NULL) &&
              g_ptr_array_find (kept, relation->target, NULL))
            g_ptr_array_add (kept_relations, relation);
        }

      g_assert_cmpstr (read->text, ==, written->text);
      tessera_format_compare_annotations (where, written->text, kept, read->annotations,
                                          carries, &error);
      g_assert_no_error (error);
      if (carries & TESSERA_CARRIES_RELATIONS)
        {
          g_autoptr(GPtrArray) none = g_ptr_array_new ();

          tessera_format_compare_relations (where, kept_relations,
                                            read->relations ? read->relations : none, &error);
          g_assert_no_error (error);
        }
      if (carries & TESSERA_CARRIES_TITLE)
        g_assert_cmpstr (read->info.title, ==, written->info.title);
    }
}

/* What the project holds, to show that a refused import wrote nothing. */
static char *
dup_project_summary (TesseraStore *store)
{
  GListModel *documents = tessera_store_get_documents (store);
  GString *summary = g_string_new (NULL);

  g_string_append_printf (summary, "%u documents, %u entities;",
                          g_list_model_get_n_items (documents),
                          g_list_model_get_n_items (tessera_store_get_entities (store)));
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(TesseraDocument) document = g_list_model_get_item (documents, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) annotations =
        tessera_store_dup_annotations (store, tessera_document_get_id (document), &error);

      g_assert_no_error (error);
      g_string_append_printf (summary, " %u", annotations->len);
    }
  return g_string_free (summary, FALSE);
}

/**
 * format_assert_import_refused:
 * @importer_id: (nullable): the format; %NULL to let Tessera find it by the file
 * @file_name: the file's name, in the corpus's folder
 * @data: what the file holds
 * @length: its length, or -1 when @data is a string
 * @expected: words the message must hold, such as "line 3"
 *
 * Asserts that importing the file into the corpus's project fails with a message that
 * names the file and holds @expected, and that the project is unchanged.
 */
void
format_assert_import_refused (FormatCorpus *corpus,
                              const char   *importer_id,
                              const char   *file_name,
                              const void   *data,
                              gssize        length,
                              const char   *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraImporter) importer = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *path = g_build_filename (corpus->dir, file_name, NULL);
  g_autofree char *before = dup_project_summary (corpus->store);
  g_autofree char *after = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  importer = importer_id != NULL ? tessera_formats_new_importer (importer_id, &error)
                                 : tessera_formats_sniff_importer (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (importer);

  results = tessera_importer_import_file (importer, corpus->store, path, NULL, &error);
  g_assert_null (results);
  g_assert_nonnull (error);
  g_test_message ("refused as expected: %s", error->message);
  test_assert_contains (error->message, file_name);
  test_assert_contains (error->message, expected);

  after = dup_project_summary (corpus->store);
  g_assert_cmpstr (after, ==, before);
  g_unlink (path);
}
