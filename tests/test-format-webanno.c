/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/webanno/suite", test_suite);
  g_test_add_func ("/core/webanno/suite-offsets", test_suite_offsets);

  return g_test_run ();
}
