/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "format-corpus.h"
#include "tessera-core.h"
#include "test-common.h"

/*
 * WebAnno TSV 3.3: INCEpTION's conformance suite imports file by file; hostile files are
 * refused with their line; an export of the project reads back.
 */

static char *
suite_dir (void)
{
  const char *shared = g_getenv ("TESSERA_SHARED_DIR");

  g_assert_nonnull (shared);
  return g_build_filename (shared, "formats", "webanno-tsv3-suite", NULL);
}

/* What a file of the suite must give: counted by hand from the file. */
typedef struct
{
  const char *name;
  guint       annotations;
  guint       relations;
  const char *warning;     /* a part of the warnings, or NULL when there must be none */
  const char *text;        /* the document's text, or NULL */
} SuiteCase;

static const SuiteCase suite_cases[] = {
  { "testMultiTokenStackedSpanWithFeatureValue", 2, 0, NULL, "This is a test ." },
  { "testSubMultiTokenSpanWithFeatureValue", 9, 0, "3 annotations of no width", NULL },
  { "testTokenAttachedAnnotationsWithValues", 0, 0, "“MorphologicalFeatures”", NULL },
  { "testSingleNonMultiTokenRelationWithMultipleFeatureValues", 2, 1, NULL, NULL },
  { "testSimpleChain", 3, 2, NULL, NULL },
  { "testStackedChain", 6, 4, NULL, NULL },
  { "testDependencyWithValues", 0, 0, "“Dependency”", NULL },
  { "testSentenceWithEmoji", 1, 0, NULL, "I like it 😊 ." },
  { "testSingleTokenRelationWithFeatureValue", 0, 0, "“Relation”", NULL },
  { "testZeroLengthSpansWithFeatureValues", 0, 0, "2 annotations of no width", NULL },
  { "testSimpleSlotFeature", 3, 0, "slot features", NULL },
  { "testSubTokenRelation", 2, 1, NULL, "Test" },
  { "testCrossSentenceSpanWithFeatureValue", 1, 0, NULL,
    "He loves her .\nShe loves him not ." },
  { "testTwoSentencesWithNoSpaceInBetween", 0, 0, NULL, "onetwo" },
  { "testSentenceWithLineBreak", 1, 0, NULL, "This is\na test ." },
  { "testSentenceWithTab", 1, 0, NULL, "This is\ta test ." },
  { "testTokenBoundedSpanWithSpecialSymbolsValue", 5, 0, NULL, NULL },
};

static const SuiteCase *
find_case (const char *file_name)
{
  for (guint i = 0; i < G_N_ELEMENTS (suite_cases); i++)
    {
      g_autofree char *name = g_strconcat (suite_cases[i].name, ".tsv", NULL);

      if (g_str_equal (name, file_name))
        return &suite_cases[i];
    }
  return NULL;
}

static char *
join_warnings (GPtrArray *warnings)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    g_string_append_printf (text, "%s\n", (const char *) g_ptr_array_index (warnings, i));
  return g_string_free (text, FALSE);
}

/* Imports @file_name of the suite into a new project; returns the project's folder. */
static GPtrArray *
import_suite_file (const char    *dir,
                   const char    *file_name,
                   TestProject   *project)
{
  g_autoptr(TesseraImporter) importer = g_object_new (TESSERA_TYPE_WEBANNO_IMPORTER, NULL);
  g_autofree char *path = g_build_filename (dir, file_name, NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *results;

  test_project_set_up (project, "tessera-webanno-XXXXXX", "suite.tessera");
  results = tessera_importer_import_file (importer, project->store, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);
  return results;
}

static void
test_suite (void)
{
  g_autofree char *dir = suite_dir ();
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint checked = 0;
  const char *name;

  g_assert_nonnull (folder);
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      if (g_str_has_suffix (name, ".tsv"))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_assert_cmpuint (names->len, ==, 75);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file_name = g_ptr_array_index (names, i);
      const SuiteCase *expected = find_case (file_name);
      TestProject project = { 0 };
      g_autoptr(GPtrArray) results = NULL;
      g_autoptr(GPtrArray) annotations = NULL;
      g_autoptr(GPtrArray) relations = NULL;
      g_autofree char *warnings = NULL;
      g_autofree char *text = NULL;
      TesseraImportResult *result;

      g_test_message ("%s", file_name);
      results = import_suite_file (dir, file_name, &project);
      result = g_ptr_array_index (results, 0);
      g_assert_no_error (result->error);
      g_assert_cmpint (result->document_id, >, 0);
      warnings = join_warnings (result->warnings);
      annotations = tessera_store_dup_annotations (project.store, result->document_id, NULL);
      relations = tessera_store_dup_relations (project.store, result->document_id, NULL);
      text = tessera_store_dup_document_text (project.store, result->document_id, NULL);
      g_assert_nonnull (annotations);
      g_assert_nonnull (relations);

      if (expected != NULL)
        {
          checked++;
          g_assert_cmpuint (annotations->len, ==, expected->annotations);
          g_assert_cmpuint (relations->len, ==, expected->relations);
          if (expected->warning != NULL)
            test_assert_contains (warnings, expected->warning);
          else
            g_assert_cmpstr (warnings, ==, "");
          if (expected->text != NULL)
            g_assert_cmpstr (text, ==, expected->text);
        }
      /* Every layer a file declares that the project has no place for is named. */
      if (strstr (file_name, "TokenAttached") || strstr (file_name, "Dependency") ||
          strstr (file_name, "ElevatedType"))
        test_assert_contains (warnings, "“POS”");
      if (strstr (file_name, "SlotFeature") || strstr (file_name, "sampleSlot"))
        test_assert_contains (warnings, "slot features");
      test_project_tear_down (&project);
    }
  g_assert_cmpuint (checked, ==, G_N_ELEMENTS (suite_cases));
}

/* The emoji of the suite is one code point but two UTF-16 units. */
static void
test_suite_offsets (void)
{
  g_autofree char *dir = suite_dir ();
  TestProject project = { 0 };
  g_autoptr(GPtrArray) results = import_suite_file (dir, "testSentenceWithEmoji.tsv",
                                                    &project);
  TesseraImportResult *result = g_ptr_array_index (results, 0);
  g_autoptr(GPtrArray) annotations = tessera_store_dup_annotations (project.store,
                                                                    result->document_id,
                                                                    NULL);
  TesseraAnnotation *annotation = g_ptr_array_index (annotations, 0);
  guint n_ranges;
  const TesseraRange *ranges = tessera_annotation_get_ranges (annotation, &n_ranges);

  g_assert_cmpuint (n_ranges, ==, 1);
  g_assert_cmpuint (ranges[0].start, ==, 10);
  g_assert_cmpuint (ranges[0].end, ==, 11);
  test_project_tear_down (&project);
}

/* What WebAnno TSV carries of the corpus: types, extents, claims with their fields, source
 * and cue, relations within a layer; the export's notes count the rest. */
static void
test_round_trip (FormatCorpus  *corpus,
                 gconstpointer  data)
{
  g_autoptr(TesseraExporter) exporter = tessera_formats_new_exporter ("webanno", NULL);
  g_autofree char *path = format_corpus_export (corpus, exporter, "webanno");
  g_autoptr(TesseraStore) other = format_corpus_import (corpus, "webanno", path);
  GPtrArray *notes = tessera_exporter_get_notes (exporter);
  g_autofree char *joined = NULL;
  guint discontinuous = 0, with_notes = 0;
  gboolean found_uri = FALSE;
  GListModel *entities;

  format_corpus_assert_equal (corpus, other,
                              TESSERA_CARRIES_CLAIM_FIELDS | TESSERA_CARRIES_CLAIM_ROLES |
                              TESSERA_CARRIES_RELATIONS, NULL, NULL);

  for (guint i = 0; i < corpus->document_ids->len; i++)
    {
      g_autoptr(TesseraDocumentRecord) record =
        tessera_store_dup_document_record (corpus->store,
                                           g_array_index (corpus->document_ids, gint64, i),
                                           NULL);

      for (guint j = 0; j < record->annotations->len; j++)
        {
          TesseraAnnotationRecord *annotation = g_ptr_array_index (record->annotations, j);

          discontinuous += annotation->ranges->len > 1;
          with_notes += annotation->note != NULL;
        }
    }
  g_assert_cmpuint (discontinuous, >, 0);
  g_assert_cmpuint (with_notes, >, 0);
  g_ptr_array_add (notes, NULL);
  joined = g_strjoinv ("\n", (char **) notes->pdata);
  g_ptr_array_remove_index (notes, notes->len - 1);
  {
    g_autofree char *expected = g_strdup_printf ("%u discontinuous annotation", discontinuous);

    test_assert_contains (joined, expected);
  }
  {
    g_autofree char *expected = g_strdup_printf ("%u annotation note", with_notes);

    test_assert_contains (joined, expected);
  }
  test_assert_contains (joined, "without an authority record");
  test_assert_contains (joined, "only the first is");

  /* Mentions keep their entity's authority record (the first). */
  entities = tessera_store_get_entities (other);
  for (guint i = 0; i < g_list_model_get_n_items (entities); i++)
    {
      g_autoptr(TesseraEntity) entity = g_list_model_get_item (entities, i);

      found_uri |= g_strcmp0 (tessera_entity_get_authority (entity, "wikidata"),
                              "http://www.wikidata.org/entity/Q56648539") == 0;
    }
  g_assert_true (found_uri);
}

#define HEADER "#FORMAT=WebAnno TSV 3.3\n" \
  "#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|identifier|value\n" \
  "#T_RL=webanno.custom.EntityRelation|value|BT_de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity\n\n\n"

/* Each refused with the file, the line and what is wrong; the project is unchanged. */
static void
test_hostile (FormatCorpus  *corpus,
              gconstpointer  data)
{
  static const struct
  {
    const char *name;
    const char *content;
    const char *expected;
  } cases[] = {
    { "no-header.tsv", "#Text=Bonjour\n1-1\t0-7\tBonjour\t\n", "WebAnno TSV 3" },
    { "few-fields.tsv", HEADER "#Text=Il pleut .\n1-1\t0-2\tIl\t_\n", "line 7" },
    { "bad-offsets.tsv", HEADER "#Text=Il pleut .\n1-1\t0+2\tIl\t_\t_\t_\t_\t\n",
      "“0+2” is not a pair of offsets" },
    { "out-of-range.tsv", HEADER "#Text=Il pleut .\n1-1\t0-2\tIl\t_\t_\t_\t_\t\n"
      "1-2\t3-40\tpleut\t_\t_\t_\t_\t\n", "line 8: the offset 40 is past the end" },
    { "surrogate.tsv", HEADER "#Text=Il 😊 .\n1-1\t0-2\tIl\t_\t_\t_\t_\t\n"
      "1-2\t3-4\t😊\t_\t_\t_\t_\t\n", "line 8: the offset 4 falls inside the character U+1F60A" },
    { "wrong-text.tsv", HEADER "#Text=Il pleut .\n1-1\t0-2\tIl\t_\t_\t_\t_\t\n"
      "1-2\t3-8\tneige\t_\t_\t_\t_\t\n", "line 8: the token “neige” does not match" },
    { "token-first.tsv", HEADER "1-1\t0-2\tIl\t_\t_\t_\t_\t\n", "line 6" },
    { "missing-token.tsv", HEADER "#Text=Il pleut .\n1-1\t0-2\tIl\t*\tperson\t_\t_\t\n"
      "1-2\t3-8\tpleut\t*\tperson\t*\t9-9\t\n", "the token 9-9, which is not in the file" },
    { "control.tsv", HEADER "#Text=Il pleut .\n1-1\t0-2\tIl\t*\tper\033son\t_\t_\t\n",
      "line 7: the value of column 5 holds the control character U+001B" },
    { "bad-ref.tsv", HEADER "#Text=Il pleut .\n1-1\t0-2\tIl\t*[x]\tperson[x]\t_\t_\t\n",
      "“x” is not an annotation number" },
  };
  static const char binary[] = HEADER "#Text=Il\0pleut\n";
  static const char invalid[] = HEADER "#Text=Il pl\xffut\n";

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    format_assert_import_refused (corpus, "webanno", cases[i].name, cases[i].content, -1,
                                  cases[i].expected);
  format_assert_import_refused (corpus, "webanno", "binary.tsv", binary, sizeof binary - 1,
                                "binary");
  format_assert_import_refused (corpus, "webanno", "invalid.tsv", invalid, -1,
                                "byte 215 (line 6) is not valid UTF-8");
}

/* Larger than the framework reads: refused before the importer opens it. */
static void
test_too_large (FormatCorpus  *corpus,
                gconstpointer  data)
{
  g_autoptr(TesseraImporter) importer = tessera_formats_new_importer ("webanno", NULL);
  g_autofree char *path = g_build_filename (corpus->dir, "huge.tsv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  FILE *file = fopen (path, "w");

  g_assert_nonnull (file);
  fputs (HEADER, file);
  g_assert_cmpint (fseek (file, TESSERA_IMPORT_MAX_BYTES + 10, SEEK_SET), ==, 0);
  fputc ('\n', file);
  fclose (file);
  results = tessera_importer_import_file (importer, corpus->store, path, NULL, &error);
  g_assert_null (results);
  g_assert_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_TOO_LARGE);
  test_assert_contains (error->message, "huge.tsv");
}

/* The format is found by its first line, whatever the file's name. */
static void
test_sniff (void)
{
  g_autoptr(TesseraImporter) importer = tessera_formats_new_importer ("webanno", NULL);
  static const char content[] = HEADER;

  g_assert_cmpuint (tessera_importer_sniff (importer, "export.txt", (const guint8 *) content,
                                            sizeof content - 1), ==, 100);
  g_assert_cmpuint (tessera_importer_sniff (importer, "table.tsv", (const guint8 *) "a\tb\n", 4),
                    <, 50);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/webanno/suite", test_suite);
  g_test_add_func ("/core/webanno/suite-offsets", test_suite_offsets);

  g_test_add_func ("/core/webanno/sniff", test_sniff);
  g_test_add ("/core/webanno/hostile", FormatCorpus, NULL,
              format_corpus_set_up, test_hostile, format_corpus_tear_down);
  g_test_add ("/core/webanno/too-large", FormatCorpus, NULL,
              format_corpus_set_up, test_too_large, format_corpus_tear_down);
  g_test_add ("/core/webanno/round-trip", FormatCorpus, NULL,
              format_corpus_set_up, test_round_trip, format_corpus_tear_down);

  return g_test_run ();
}
