/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-test"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "format-corpus.h"
#include "test-common.h"

/* What brat carries: all but titles, annotators, statuses and certainties. */
#define BRAT_CARRIES (TESSERA_CARRIES_TEXT | TESSERA_CARRIES_RANGES | \
                      TESSERA_CARRIES_ENTITIES | TESSERA_CARRIES_AUTHORITIES | \
                      TESSERA_CARRIES_CLAIM_FIELDS | TESSERA_CARRIES_CLAIM_ROLES | \
                      TESSERA_CARRIES_RELATIONS | TESSERA_CARRIES_NOTES)

static char *
export_corpus (FormatCorpus     *corpus,
               TesseraExporter **out_exporter)
{
  g_autoptr(GError) error = NULL;
  TesseraExporter *exporter = tessera_formats_new_exporter ("brat", &error);
  char *folder;

  g_assert_no_error (error);
  folder = format_corpus_export (corpus, exporter, "brat");
  *out_exporter = exporter;
  return folder;
}

static guint
count_annotations (FormatCorpus *corpus)
{
  guint n = 0;

  for (guint i = 0; i < corpus->document_ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 id = g_array_index (corpus->document_ids, gint64, i);
      g_autoptr(GPtrArray) annotations = tessera_store_dup_annotations (corpus->store, id, &error);

      g_assert_no_error (error);
      n += annotations->len;
    }
  return n;
}

/* The corpus goes out as a folder of brat pairs and comes back whole in what brat
 * carries, sniffed or named; each .txt is the stored text byte for byte, and the summary
 * counts what brat does not record. */
static void
test_round_trip (FormatCorpus  *corpus,
                 gconstpointer  data)
{
  g_autoptr(TesseraExporter) exporter = NULL;
  g_autofree char *folder = export_corpus (corpus, &exporter);
  g_autofree char *annotator_note = NULL;
  GPtrArray *notes = tessera_exporter_get_notes (exporter);
  gboolean noted = FALSE;

  for (guint i = 0; i < corpus->document_ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 id = g_array_index (corpus->document_ids, gint64, i);
      g_autofree char *name = tessera_exporter_dup_file_name (exporter, id);
      g_autofree char *ann = g_build_filename (folder, name, NULL);
      g_autofree char *txt = g_strdup (ann);
      g_autofree char *stored = tessera_store_dup_document_text (corpus->store, id, &error);
      g_autofree char *written = NULL;
      g_autofree char *prefix = g_strdup_printf ("%02u-", i + 1);

      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (name, prefix));
      g_assert_true (g_str_has_suffix (name, ".ann"));
      g_assert_true (g_file_test (ann, G_FILE_TEST_IS_REGULAR));
      memcpy (txt + strlen (txt) - 3, "txt", 3);
      written = test_read_file (txt);
      g_assert_cmpstr (written, ==, stored);
    }

  annotator_note = g_strdup_printf ("%u annotations have an annotator", count_annotations (corpus));
  for (guint i = 0; i < notes->len; i++)
    noted |= strstr (g_ptr_array_index (notes, i), annotator_note) != NULL;
  g_assert_true (noted);

  {
    g_autoptr(TesseraStore) sniffed = format_corpus_import (corpus, NULL, folder);
    g_autoptr(TesseraStore) named = format_corpus_import (corpus, "brat", folder);

    format_corpus_assert_equal (corpus, sniffed, BRAT_CARRIES, NULL, NULL);
    format_corpus_assert_equal (corpus, named, BRAT_CARRIES, NULL, NULL);
  }
}

/* The lines are brat's: offsets in code points, fragments, normalisations by authority,
 * a claim's source and cue as relations and its fields as attributes, notes; and the
 * configuration declares every type, relation and attribute value the files use. */
static void
test_lines (FormatCorpus  *corpus,
            gconstpointer  data)
{
  g_autoptr(TesseraExporter) exporter = NULL;
  g_autofree char *folder = export_corpus (corpus, &exporter);
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *conf_path = g_build_filename (folder, "annotation.conf", NULL);
  g_autofree char *visual_path = g_build_filename (folder, "visual.conf", NULL);
  g_autofree char *conf = test_read_file (conf_path);
  g_autofree char *visual = test_read_file (visual_path);
  gint64 extra = g_array_index (corpus->document_ids, gint64, corpus->document_ids->len - 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = tessera_store_dup_document_text (corpus->store, extra, &error);
  g_autofree char *line = NULL;
  TesseraRange scientist;
  const char *lines[] = {
    "^T[0-9]+\tevent [0-9]+ [0-9]+;[0-9]+ [0-9]+\tPlan d",
    "^N[0-9]+\tReference T[0-9]+ Wikidata:Q[0-9]+\t",
    "^R[0-9]+\tSource Arg1:T[0-9]+ Arg2:T[0-9]+$",
    "^R[0-9]+\tCue Arg1:T[0-9]+ Arg2:T[0-9]+$",
    "^R[0-9]+\tsupports Arg1:T[0-9]+ Arg2:T[0-9]+$",
    "^A[0-9]+\tFactuality T[0-9]+ PS\\+$",
    "^A[0-9]+\tTopic T[0-9]+ défense$",
    "^#[0-9]+\tAnnotatorNotes T[0-9]+\t« général »",
    "^#[0-9]+\tAnnotatorNotes R[0-9]+\tla seconde appuie la première$",
  };

  for (guint i = 0; i < corpus->document_ids->len; i++)
    {
      gint64 id = g_array_index (corpus->document_ids, gint64, i);
      g_autofree char *name = tessera_exporter_dup_file_name (exporter, id);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *contents = test_read_file (path);

      g_string_append (all, contents);
    }

  /* 👩🏽‍🔬 is four code points (and 15 bytes, and 7 UTF-16 units). */
  g_assert_no_error (error);
  g_assert_true (tessera_text_find (text, "👩🏽‍🔬", 1, &scientist));
  g_assert_cmpuint (scientist.end - scientist.start, ==, 4);
  line = g_strdup_printf ("\tperson %u %u\t👩🏽‍🔬\n", scientist.start, scientist.end);
  test_assert_contains (all->str, line);

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      if (!g_regex_match_simple (lines[i], all->str, G_REGEX_MULTILINE, 0))
        g_error ("no line of the .ann files matches %s", lines[i]);
    }

  test_assert_contains (conf, "[entities]\nperson\norganisation\n");
  test_assert_contains (conf, "\nsupports Arg1:<ENTITY>, Arg2:<ENTITY>\n");
  test_assert_contains (conf, "\nSource Arg1:claim, Arg2:person|");
  test_assert_contains (conf, "\nCue Arg1:claim, Arg2:cue\n");
  test_assert_contains (conf, "\n[events]\n");
  test_assert_contains (conf, "\nQuoteType Arg:claim, Value:direct|indirect|mixed|according-to\n");
  test_assert_contains (conf, "\nTopic Arg:claim, Value:défense\n");
  test_assert_contains (visual, "[labels]\nperson | ");
  test_assert_contains (visual, "\n[drawing]\nperson\tbgColor:#");
  test_assert_contains (visual, "\nsupports\tcolor:#");
}

/* brat marks no line break: a span across one is written as two fragments, and reads
 * back as the one range it was. */
static void
test_line_breaks (FormatCorpus  *corpus,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraExporter) exporter = tessera_formats_new_exporter ("brat", &error);
  g_autofree char *project = g_build_filename (corpus->dir, "breaks.tessera", NULL);
  g_autoptr(TesseraStore) store = test_create_project (project);
  g_autofree char *folder = g_build_filename (corpus->dir, "breaks", NULL);
  g_autofree char *ann = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  TesseraDocumentInfo info = { .title = (char *) "Oumar" };
  TesseraRange range = { 0, 12 };
  const char *paths[] = { folder, NULL };
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  gint64 id;

  g_assert_no_error (error);
  id = tessera_store_add_document (store, &info, "Oumar\nDiarra a dit.", NULL, &error);
  g_assert_no_error (error);
  tessera_store_add_annotation (store, id, test_type_id (store, "person"), &range, 1, NULL,
                                &error);
  g_assert_no_error (error);
  g_assert_true (tessera_exporter_export (exporter, store, &id, 1, folder, NULL, NULL, NULL,
                                          &error));
  g_assert_no_error (error);
  name = tessera_exporter_dup_file_name (exporter, id);
  g_assert_cmpstr (name, ==, "01-Oumar.ann");
  ann = g_build_filename (folder, name, NULL);
  contents = test_read_file (ann);
  g_assert_cmpstr (contents, ==, "T1\tperson 0 5;6 12\tOumar Diarra\n");

  tessera_store_remove_document (store, id, &error);
  g_assert_no_error (error);
  results = tessera_import_paths (store, paths, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_no_error (((TesseraImportResult *) g_ptr_array_index (results, 0))->error);
  id = ((TesseraImportResult *) g_ptr_array_index (results, 0))->document_id;
  annotations = tessera_store_dup_annotations (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annotations->len, ==, 1);
  {
    guint n = 0;
    const TesseraRange *ranges = tessera_annotation_get_ranges (g_ptr_array_index (annotations, 0),
                                                                &n);

    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpuint (ranges[0].start, ==, 0);
    g_assert_cmpuint (ranges[0].end, ==, 12);
  }
}

static void
write_text (FormatCorpus *corpus,
            const char   *name,
            const char   *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (corpus->dir, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* A file from elsewhere: entities re-created from their normalisations (one authority,
 * one entity), events and equivalences left out with a warning, not an error. */
static void
test_import_foreign (FormatCorpus  *corpus,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ann = g_build_filename (corpus->dir, "foreign.ann", NULL);
  const char *paths[] = { ann, NULL };
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(TesseraDocumentRecord) record = NULL;
  const TesseraImportResult *result;
  guint n_entities = g_list_model_get_n_items (tessera_store_get_entities (corpus->store));
  guint linked = 0;

  write_text (corpus, "foreign.txt", "Diarra a vu Oumar Diarra à Bamako.\n");
  write_text (corpus, "foreign.ann",
              "T1\tperson 0 6\tDiarra\n"
              "T2\tperson 12 24\tOumar Diarra\n"
              "T3\tVille 27 33\tBamako\n"
              "N1\tReference T1 Wikidata:Q4242\tOumar Diarra\n"
              "N2\tReference T2 Wikidata:Q4242\tOumar Diarra\n"
              "E1\tVoir:T1 Theme:T2\n"
              "*\tEquiv T1 T2\n"
              "#1\tAnnotatorNotes T3\tla capitale\\tdu Mali\n");
  results = tessera_import_paths (corpus->store, paths, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);
  result = g_ptr_array_index (results, 0);
  g_assert_no_error (result->error);
  g_assert_nonnull (result->warnings);
  {
    g_autofree char *warnings = NULL;

    g_ptr_array_add (result->warnings, NULL);
    warnings = g_strjoinv ("\n", (char **) result->warnings->pdata);
    g_ptr_array_remove_index (result->warnings, result->warnings->len - 1);
    test_assert_contains (warnings, "2 lines");
    test_assert_contains (warnings, "Ville");
  }

  g_assert_cmpuint (g_list_model_get_n_items (tessera_store_get_entities (corpus->store)), ==,
                    n_entities + 1);
  record = tessera_store_dup_document_record (corpus->store, result->document_id, &error);
  g_assert_no_error (error);
  /* The text as brat has it, byte for byte. */
  g_assert_cmpstr (record->text, ==, "Diarra a vu Oumar Diarra à Bamako.\n");
  for (guint i = 0; i < record->annotations->len; i++)
    {
      TesseraAnnotationRecord *annotation = g_ptr_array_index (record->annotations, i);

      if (annotation->entity == NULL)
        {
          g_assert_cmpstr (annotation->note, ==, "la capitale\tdu Mali");
          continue;
        }
      linked++;
      g_assert_cmpstr (annotation->entity->name, ==, "Oumar Diarra");
      g_assert_cmpuint (annotation->entity->authorities->len, ==, 1);
      g_assert_cmpstr (g_array_index (annotation->entity->authorities, TesseraAuthority, 0).uri,
                       ==, "http://www.wikidata.org/entity/Q4242");
    }
  g_assert_cmpuint (linked, ==, 2);
}

/* A .ann (or the .txt of one) is brat's; a lone .txt is plain text. */
static void
test_sniff (FormatCorpus  *corpus,
            gconstpointer  data)
{
  const struct { const char *name; const char *id; } cases[] = {
    { "pair.ann", "brat" }, { "pair.txt", "brat" }, { "lone.txt", "text" },
  };

  write_text (corpus, "pair.txt", "Bamako.");
  write_text (corpus, "pair.ann", "T1\tplace 0 6\tBamako\n");
  write_text (corpus, "lone.txt", "Bamako.");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (corpus->dir, cases[i].name, NULL);
      g_autoptr(TesseraImporter) importer = tessera_formats_sniff_importer (path, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (tessera_importer_get_id (importer), ==, cases[i].id);
    }
}

/* A .txt the offsets cannot count in, refused with its name and what is wrong. */
static void
assert_text_refused (FormatCorpus *corpus,
                     const char   *text,
                     const char   *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraImporter) importer = tessera_formats_new_importer ("brat", &error);
  g_autofree char *ann = g_build_filename (corpus->dir, "hostile.ann", NULL);
  g_autoptr(GPtrArray) results = NULL;
  guint n_documents = g_list_model_get_n_items (tessera_store_get_documents (corpus->store));

  g_assert_no_error (error);
  write_text (corpus, "hostile.txt", text);
  results = tessera_importer_import_file (importer, corpus->store, ann, NULL, &error);
  g_assert_null (results);
  g_assert_nonnull (error);
  test_assert_contains (error->message, "hostile.txt");
  test_assert_contains (error->message, expected);
  g_assert_cmpuint (g_list_model_get_n_items (tessera_store_get_documents (corpus->store)), ==,
                    n_documents);
}

/* Hostile files: each refused with the file, the line and what is wrong; nothing written. */
static void
test_hostile (FormatCorpus  *corpus,
              gconstpointer  data)
{
  const struct { const char *ann; const char *expected; } cases[] = {
    { "T1 person 0 5\tOumar\n", "line 1" },
    { "T1\tperson 0 5\tOumar\nT2\tperson 6 500\tDiarra\n", "6–500" },
    { "T1\tperson 0 5\tOumar\nT2\tperson 6 12\tAmadou\n", "«Amadou»" },
    { "T1\tperson zero 5\tOumar\n", "line 1" },
    { "T1\tperson 5 0\tOumar\n", "5–0" },
    { "T1\tperson\n", "line 1" },
    { "T1\tperson 0 5\tOumar\nT1\tperson 6 12\tDiarra\n", "T1 is used twice" },
    { "T1\tperson 0 5\tOumar\nR1\tsupports Arg1:T1 Arg2:T9\n", "T9" },
    { "T1\tperson 0 5\tOumar\nR1\tsupports T1\n", "line 2" },
    { "T1\tperson 0 5\tOumar\nN1\tReference T1 Q42\tOumar\n", "line 2" },
    { "T1\tperson 0 5\tOumar\nA1\tQuoteType\n", "line 2" },
    { "T1\tperson 0 5\tOumar\nX1\tsomething\n", "X1" },
    { "T1\tperson 0 5\tOumar\n#1\tAnnotatorNotes\tnote\n", "line 2" },
    { "T1\tperson 0 5\tOum\xff\n", "UTF-8" },
  };

  write_text (corpus, "hostile.txt", "Oumar Diarra a dit.");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    format_assert_import_refused (corpus, "brat", "hostile.ann", cases[i].ann, -1,
                                  cases[i].expected);
  format_assert_import_refused (corpus, "brat", "hostile.ann", "T1\tperson\0 0 5\n", 16,
                                "binary");

  /* The text must be what the offsets count: in NFC, lines ending in LF. */
  write_text (corpus, "hostile.ann", "T1\tperson 0 5\tOumar\n");
  assert_text_refused (corpus, "Ame\xcc\x81lie a dit.", "byte 2");
  assert_text_refused (corpus, "Oumar\r\nDiarra", "byte 5");
  assert_text_refused (corpus, "Oumar\xff Diarra", "UTF-8");
  /* No text beside it. */
  format_assert_import_refused (corpus, "brat", "alone.ann", "T1\tperson 0 5\tOumar\n", -1,
                                "alone.txt");
}

/* Larger than an import takes: refused before it is read. */
static void
test_too_large (FormatCorpus  *corpus,
                gconstpointer  data)
{
  gsize length = TESSERA_IMPORT_MAX_BYTES + 1;
  g_autofree char *large = g_malloc (length);

  memset (large, '\n', length);
  write_text (corpus, "large.txt", "Oumar Diarra a dit.");
  format_assert_import_refused (corpus, "brat", "large.ann", large, length, "MiB");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, FormatCorpus, NULL, format_corpus_set_up, func, format_corpus_tear_down)

  ADD ("/format/brat/round-trip", test_round_trip);
  ADD ("/format/brat/lines", test_lines);
  ADD ("/format/brat/line-breaks", test_line_breaks);
  ADD ("/format/brat/import-foreign", test_import_foreign);
  ADD ("/format/brat/sniff", test_sniff);
  ADD ("/format/brat/hostile", test_hostile);
  ADD ("/format/brat/too-large", test_too_large);

#undef ADD

  return g_test_run ();
}
