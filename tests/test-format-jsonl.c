/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-test"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "format-corpus.h"
#include "test-common.h"

/*
 * doccano JSONL: the corpus exported in both forms reads back as what each carries, the
 * export's notes count what it does not, doccano's own files (both forms, the older
 * "labels", metadata) import with offsets in code points, and broken files are refused
 * with the file, the line and what is wrong, leaving the project as it was.
 */

static TesseraExporter *
new_exporter (const char *form)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraExporter) exporter = tessera_formats_new_exporter ("jsonl", &error);

  g_assert_no_error (error);
  tessera_format_set_option (G_OBJECT (exporter), "form", form, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&exporter);
}

typedef struct
{
  guint discontinuous;
  guint links;
  guint notes;
  guint claim_fields;
  guint source_entities;
  guint roles;
  guint relations;
} Uncarried;

static Uncarried
count_uncarried (FormatCorpus *corpus)
{
  Uncarried counts = { 0 };

  for (guint i = 0; i < corpus->document_ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TesseraDocumentRecord) document =
        tessera_store_dup_document_record (corpus->store,
                                           g_array_index (corpus->document_ids, gint64, i),
                                           &error);

      g_assert_no_error (error);
      counts.relations += document->relations->len;
      for (guint j = 0; j < document->annotations->len; j++)
        {
          TesseraAnnotationRecord *annotation = g_ptr_array_index (document->annotations, j);
          TesseraClaimRecord *claim = annotation->claim;

          counts.discontinuous += annotation->ranges->len > 1;
          counts.links += annotation->entity != NULL;
          counts.notes += annotation->note != NULL && *annotation->note != '\0';
          if (claim == NULL)
            continue;
          counts.claim_fields += claim->quote_type != NULL || claim->polarity != NULL ||
                                 claim->factuality != NULL || claim->writer_distance != NULL ||
                                 claim->source_kind != NULL || claim->statement_date != NULL ||
                                 claim->topic != NULL;
          counts.source_entities += claim->source_entity != NULL;
          counts.roles += (claim->source_annotation != NULL) + (claim->cue != NULL);
        }
    }
  return counts;
}

/* Asserts that one of the export's notes starts with @n and holds @words. */
static void
assert_note (TesseraExporter *exporter,
             guint            n,
             const char      *words)
{
  GPtrArray *notes = tessera_exporter_get_notes (exporter);
  g_autofree char *start = g_strdup_printf ("%u ", n);

  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < notes->len; i++)
    {
      const char *note = g_ptr_array_index (notes, i);

      if (g_str_has_prefix (note, start) && strstr (note, words) != NULL)
        return;
    }
  g_error ("no note “%s… %s” among the %u notes of the export", start, words, notes->len);
}

/* The annotation of @document whose type is @key and starts at @start, as the file
 * carries it: its extent. */
static TesseraAnnotationRecord *
find_annotation (TesseraDocumentRecord *document,
                 const TesseraAnnotationRecord *wanted)
{
  const TesseraRange *first = &g_array_index (wanted->ranges, TesseraRange, 0);
  const TesseraRange *last = &g_array_index (wanted->ranges, TesseraRange, wanted->ranges->len - 1);

  for (guint i = 0; i < document->annotations->len; i++)
    {
      TesseraAnnotationRecord *annotation = g_ptr_array_index (document->annotations, i);
      const TesseraRange *range = &g_array_index (annotation->ranges, TesseraRange, 0);

      if (g_str_equal (tessera_annotation_type_get_key (annotation->type),
                       tessera_annotation_type_get_key (wanted->type)) &&
          range->start == first->start && range->end == last->end)
        return annotation;
    }
  return NULL;
}

/* Claims' sources (mentions) and cues, and relations, read back between the same spans. */
static void
assert_roles_and_relations (FormatCorpus *corpus,
                            TesseraStore *other)
{
  GListModel *documents = tessera_store_get_documents (other);
  guint n_roles = 0, n_relations = 0;

  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, corpus->document_ids->len);
  for (guint i = 0; i < corpus->document_ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TesseraDocument) item = g_list_model_get_item (documents, i);
      g_autoptr(TesseraDocumentRecord) written =
        tessera_store_dup_document_record (corpus->store,
                                           g_array_index (corpus->document_ids, gint64, i),
                                           &error);
      g_autoptr(TesseraDocumentRecord) read =
        tessera_store_dup_document_record (other, tessera_document_get_id (item), &error);

      g_assert_no_error (error);
      for (guint j = 0; j < written->annotations->len; j++)
        {
          TesseraAnnotationRecord *annotation = g_ptr_array_index (written->annotations, j);
          TesseraAnnotationRecord *copy = find_annotation (read, annotation);

          g_assert_nonnull (copy);
          if (annotation->claim == NULL)
            continue;
          g_assert_nonnull (copy->claim);
          g_assert_true ((annotation->claim->source_annotation == NULL) ==
                         (copy->claim->source_annotation == NULL));
          g_assert_true ((annotation->claim->cue == NULL) == (copy->claim->cue == NULL));
          if (annotation->claim->source_annotation != NULL)
            g_assert_true (copy->claim->source_annotation ==
                           find_annotation (read, annotation->claim->source_annotation));
          if (annotation->claim->cue != NULL)
            g_assert_true (copy->claim->cue == find_annotation (read, annotation->claim->cue));
          n_roles += (annotation->claim->source_annotation != NULL) + (annotation->claim->cue != NULL);
        }
      g_assert_cmpuint (read->relations->len, ==, written->relations->len);
      for (guint j = 0; j < written->relations->len; j++)
        {
          TesseraRelationRecord *relation = g_ptr_array_index (written->relations, j);
          TesseraAnnotationRecord *source = find_annotation (read, relation->source);
          TesseraAnnotationRecord *target = find_annotation (read, relation->target);
          gboolean found = FALSE;

          for (guint k = 0; k < read->relations->len; k++)
            {
              TesseraRelationRecord *copy = g_ptr_array_index (read->relations, k);

              found |= g_str_equal (copy->type, relation->type) && copy->source == source &&
                       copy->target == target;
            }
          g_assert_true (found);
          n_relations++;
        }
    }
  g_assert_cmpuint (n_roles, >=, 3);
  g_assert_cmpuint (n_relations, >=, 3);
}

/* The relations form: every annotation (by its extent), relations, claims' sources and
 * cues; the notes count the rest. */
static void
test_round_trip_relations (FormatCorpus  *corpus,
                           gconstpointer  data)
{
  g_autoptr(TesseraExporter) exporter = new_exporter ("relations");
  g_autofree char *path = format_corpus_export (corpus, exporter, "corpus.jsonl");
  g_autoptr(TesseraStore) other = format_corpus_import (corpus, NULL, path);
  Uncarried counts = count_uncarried (corpus);

  format_corpus_assert_equal (corpus, other, TESSERA_CARRIES_TEXT | TESSERA_CARRIES_TITLE,
                              NULL, NULL);
  assert_roles_and_relations (corpus, other);

  assert_note (exporter, counts.discontinuous, "discontinuous");
  assert_note (exporter, counts.links, "entities");
  assert_note (exporter, counts.notes, "note");
  assert_note (exporter, counts.claim_fields, "fields");
  assert_note (exporter, counts.source_entities, "entities, not mentions");
  g_assert_cmpuint (tessera_exporter_get_notes (exporter)->len, ==, 5);
}

/* The labels form: the spans only; the relations it leaves out are counted. */
static void
test_round_trip_labels (FormatCorpus  *corpus,
                        gconstpointer  data)
{
  g_autoptr(TesseraExporter) exporter = new_exporter ("labels");
  g_autofree char *path = format_corpus_export (corpus, exporter, "corpus.jsonl");
  g_autoptr(TesseraStore) other = format_corpus_import (corpus, "jsonl", path);
  g_autoptr(TesseraStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  Uncarried counts = count_uncarried (corpus);

  format_corpus_assert_equal (corpus, other, TESSERA_CARRIES_TEXT | TESSERA_CARRIES_TITLE,
                              NULL, NULL);
  stats = tessera_store_dup_stats (other, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->n_relations, ==, 0);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  test_assert_contains (contents, "\"label\":[[");
  g_assert_null (strstr (contents, "\"entities\""));
  assert_note (exporter, counts.relations + counts.roles, "labels form");
}

/* Python counts characters in code points, as Tessera does: an emoji sequence, a letter
 * and its combining accent, Arabic. A text in NFD becomes NFC, its offsets with it. */
static void
test_doccano_offsets (FormatCorpus  *corpus,
                      gconstpointer  data)
{
  /* "👩🏽‍🔬" is four code points (woman, skin tone, joiner, microscope), as len() says. */
  const char *line =
    "{\"text\": \"La chercheuse \\ud83d\\udc69\\ud83c\\udffd\\u200d\\ud83d\\udd2c de "
    "Re\\u0301mi Goïta et \\u063a\\u0648\\u064a\\u062a\\u0627.\", "
    "\"label\": [[14, 18, \"other\"], [22, 27, \"person\"], [28, 33, \"person\"], "
    "[37, 42, \"person\"]]}\n";
  g_autofree char *path = g_build_filename (corpus->dir, "offsets.jsonl", NULL);
  g_autoptr(TesseraStore) other = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDocument) document = NULL;
  g_autofree char *text = NULL;
  const char *expected[] = { "👩🏽‍🔬", "Rémi", "Goïta", "غويتا" };

  g_file_set_contents (path, line, -1, &error);
  g_assert_no_error (error);
  other = format_corpus_import (corpus, NULL, path);
  document = g_list_model_get_item (tessera_store_get_documents (other), 0);
  text = tessera_store_dup_document_text (other, tessera_document_get_id (document), &error);
  g_assert_no_error (error);
  annotations = tessera_store_dup_annotations (other, tessera_document_get_id (document), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annotations->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < annotations->len; i++)
    {
      guint n_ranges;
      const TesseraRange *ranges =
        tessera_annotation_get_ranges (g_ptr_array_index (annotations, i), &n_ranges);
      g_autofree char *covered = tessera_text_slice (text, ranges[0].start, ranges[0].end);

      g_assert_cmpstr (covered, ==, expected[i]);
    }
  g_assert_true (tessera_text_is_nfc (text));
}

/* doccano's relation export, its older "labels", a CRLF: every form reads; its metadata
 * fill the document's record or become attributes, written back as they were. */
static void
test_doccano_forms (FormatCorpus  *corpus,
                    gconstpointer  data)
{
  const char *lines =
    "{\"id\": 6400, \"text\": \"Selon Assimi Goïta, l’AES avance.\", \"Comments\": [], "
    "\"entities\": [{\"id\": 1662, \"label\": \"cue\", \"start_offset\": 0, \"end_offset\": 5}, "
    "{\"id\": 1663, \"label\": \"Personne\", \"start_offset\": 6, \"end_offset\": 18}, "
    "{\"id\": 1664, \"label\": \"claim\", \"start_offset\": 20, \"end_offset\": 32}, "
    "{\"id\": 1665, \"label\": \"Groupe armé\", \"start_offset\": 22, \"end_offset\": 25}], "
    "\"relations\": [{\"id\": 273, \"from_id\": 1664, \"to_id\": 1663, \"type\": \"source\"}, "
    "{\"id\": 274, \"from_id\": 1664, \"to_id\": 1662, \"type\": \"cue\"}, "
    "{\"id\": 275, \"from_id\": 1665, \"to_id\": 1663, \"type\": \"allié de\"}], "
    "\"title\": \"L’AES avance\", \"source_url\": \"https://example.org/aes\", "
    "\"date\": \"2024-06-20\", \"rubrique\": \"Sahel\", \"meta\": {\"lot\": 3}}\n"
    "\r\n"
    "{\"text\": \"Deuxième\\r\\narticle\", \"labels\": [[10, 17, \"Groupe armé\"]]}\r\n";
  g_autofree char *path = g_build_filename (corpus->dir, "doccano.jsonl", NULL);
  g_autofree char *again = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(TesseraStore) other = NULL;
  g_autoptr(TesseraDocumentRecord) first = NULL;
  g_autoptr(TesseraDocumentRecord) second = NULL;
  g_autoptr(TesseraExporter) exporter = new_exporter ("relations");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GListModel *documents;
  TesseraAnnotationRecord *claim = NULL;
  JsonObject *object;

  g_file_set_contents (path, lines, -1, &error);
  g_assert_no_error (error);
  other = format_corpus_import (corpus, NULL, path);
  documents = tessera_store_get_documents (other);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 2);
  {
    g_autoptr(TesseraDocument) a = g_list_model_get_item (documents, 0);
    g_autoptr(TesseraDocument) b = g_list_model_get_item (documents, 1);

    first = tessera_store_dup_document_record (other, tessera_document_get_id (a), &error);
    g_assert_no_error (error);
    second = tessera_store_dup_document_record (other, tessera_document_get_id (b), &error);
    g_assert_no_error (error);
  }

  g_assert_cmpstr (first->info.title, ==, "L’AES avance");
  g_assert_cmpstr (first->info.source_url, ==, "https://example.org/aes");
  g_assert_cmpstr (first->info.publication_date, ==, "2024-06-20");
  g_assert_nonnull (first->attributes);
  g_assert_cmpstr (g_hash_table_lookup (first->attributes, "rubrique"), ==, "Sahel");
  g_assert_false (g_hash_table_contains (first->attributes, "Comments"));
  g_assert_cmpuint (first->annotations->len, ==, 4);
  for (guint i = 0; i < first->annotations->len; i++)
    {
      TesseraAnnotationRecord *annotation = g_ptr_array_index (first->annotations, i);

      if (annotation->claim != NULL)
        claim = annotation;
    }
  g_assert_nonnull (claim);
  g_assert_nonnull (claim->claim->source_annotation);
  g_assert_cmpstr (tessera_annotation_type_get_key (claim->claim->source_annotation->type), ==,
                   "person");
  g_assert_nonnull (claim->claim->cue);
  g_assert_cmpuint (first->relations->len, ==, 1);
  g_assert_cmpstr (((TesseraRelationRecord *) g_ptr_array_index (first->relations, 0))->type,
                   ==, "allié de");

  /* CRLF is a line end, one character: the offsets after it move back by one. */
  g_assert_cmpstr (second->text, ==, "Deuxième\narticle");
  g_assert_cmpstr (second->info.title, ==, "Deuxième");
  g_assert_cmpuint (g_array_index (((TesseraAnnotationRecord *)
                                    g_ptr_array_index (second->annotations, 0))->ranges,
                                   TesseraRange, 0).start, ==, 9);

  /* The metadata go back where doccano put them. */
  again = g_build_filename (corpus->dir, "again.jsonl", NULL);
  g_assert_true (tessera_exporter_export (exporter, other, &first->id, 1, again, NULL, NULL,
                                          NULL, &error));
  g_assert_no_error (error);
  g_file_get_contents (again, &contents, NULL, &error);
  g_assert_no_error (error);
  /* One line, ending with a newline. */
  g_assert_true (strchr (contents, '\n') == contents + strlen (contents) - 1);
  json_parser_load_from_data (parser, contents, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "title"), ==, "L’AES avance");
  g_assert_cmpstr (json_object_get_string_member (object, "source_url"), ==,
                   "https://example.org/aes");
  g_assert_cmpstr (json_object_get_string_member (object, "date"), ==, "2024-06-20");
  g_assert_cmpstr (json_object_get_string_member (object, "rubrique"), ==, "Sahel");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "meta"),
                                               "lot"), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "entities")),
                    ==, 4);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "relations")),
                    ==, 3);
}

/* Files that are not doccano JSONL, or broken ones: refused with the line and what is
 * wrong, the project unchanged. */
static void
test_hostile (FormatCorpus  *corpus,
              gconstpointer  data)
{
  const char *good = "{\"text\": \"Un texte.\", \"label\": [[0, 2, \"person\"]]}\n";
  g_autofree char *malformed = g_strconcat (good, good, "{\"text\": \"abc\", \"label\": [[0, 1, \"person\"]\n", NULL);
  g_autofree char *out_of_range = g_strconcat (good, "{\"text\": \"abc\", \"label\": [[1, 4, \"person\"]]}\n", NULL);
  g_autofree char *big = NULL;
  const char binary[] = "{\"text\": \"a\0b\"}\n";
  const char invalid[] = "{\"text\": \"caf\xC3\"}\n";

  format_assert_import_refused (corpus, "jsonl", "malformed.jsonl", malformed, -1,
                                "line 3: column ");
  format_assert_import_refused (corpus, "jsonl", "range.jsonl", out_of_range, -1,
                                "line 2: label 1 (person) ends at character 4, past the end "
                                "of the text (3 characters)");
  format_assert_import_refused (corpus, "jsonl", "backwards.jsonl",
                                "{\"text\": \"abc\", \"entities\": [{\"id\": 1, \"label\": "
                                "\"person\", \"start_offset\": 2, \"end_offset\": 1}]}", -1,
                                "line 1: entity 1 (person) starts at character 2 and ends at 1");
  format_assert_import_refused (corpus, "jsonl", "negative.jsonl",
                                "{\"text\": \"abc\", \"label\": [[-1, 2, \"person\"]]}", -1,
                                "line 1: label 1 has a negative offset");
  format_assert_import_refused (corpus, "jsonl", "accent.jsonl",
                                "{\"text\": \"Re\\u0301mi\", \"label\": [[0, 2, \"person\"]]}",
                                -1, "line 1: an annotation starts or ends between a letter "
                                "and its accent");
  format_assert_import_refused (corpus, "jsonl", "dangling.jsonl",
                                "{\"text\": \"ab\", \"entities\": [{\"id\": 1, \"label\": \"X\", "
                                "\"start_offset\": 0, \"end_offset\": 1}], \"relations\": "
                                "[{\"id\": 1, \"from_id\": 1, \"to_id\": 9, \"type\": \"r\"}]}",
                                -1, "line 1: relation 1 joins the entity 9");
  format_assert_import_refused (corpus, "jsonl", "shape.jsonl",
                                "{\"text\": \"ab\", \"label\": [[0, 1]]}", -1,
                                "line 1: label 1 is not [start, end, \"LABEL\"]");
  format_assert_import_refused (corpus, "jsonl", "no-text.jsonl", "{\"data\": \"ab\"}", -1,
                                "line 1: the line has no “text” string");
  format_assert_import_refused (corpus, "jsonl", "array.jsonl", "[1, 2]\n", -1,
                                "line 1: this is not a JSON object");
  format_assert_import_refused (corpus, "jsonl", "control.jsonl",
                                "{\"text\": \"a\\u0007b\"}", -1,
                                "line 1: text holds the control character U+0007");
  format_assert_import_refused (corpus, "jsonl", "binary.jsonl", binary, sizeof binary - 1,
                                "line 1: this is a binary file");
  format_assert_import_refused (corpus, "jsonl", "invalid.jsonl", invalid, sizeof invalid - 1,
                                "line 1: character 14 is not valid UTF-8");
  format_assert_import_refused (corpus, "jsonl", "empty.jsonl", "\n  \n", -1,
                                "no document");

  /* Refused by the framework before the format reads a byte. */
  big = g_malloc (TESSERA_IMPORT_MAX_BYTES + 2);
  memset (big, ' ', TESSERA_IMPORT_MAX_BYTES + 1);
  big[0] = '{';
  big[TESSERA_IMPORT_MAX_BYTES + 1] = '\0';
  format_assert_import_refused (corpus, "jsonl", "big.jsonl", big, -1, "MiB");
}

/* A doccano file is recognised by its first line, with either ending. */
static void
test_sniff (FormatCorpus  *corpus,
            gconstpointer  data)
{
  const char *names[] = { "doccano.jsonl", "doccano.json", "doccano.txt" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (corpus->dir, names[i], NULL);
      g_autoptr(TesseraImporter) importer = NULL;
      g_autoptr(GError) error = NULL;

      g_file_set_contents (path, "{\"text\": \"Un texte.\", \"label\": []}\n", -1, &error);
      g_assert_no_error (error);
      importer = tessera_formats_sniff_importer (path, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (tessera_importer_get_id (importer), ==, "jsonl");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/format/jsonl/round-trip-relations", FormatCorpus, NULL,
              format_corpus_set_up, test_round_trip_relations, format_corpus_tear_down);
  g_test_add ("/format/jsonl/round-trip-labels", FormatCorpus, NULL,
              format_corpus_set_up, test_round_trip_labels, format_corpus_tear_down);
  g_test_add ("/format/jsonl/doccano-offsets", FormatCorpus, NULL,
              format_corpus_set_up, test_doccano_offsets, format_corpus_tear_down);
  g_test_add ("/format/jsonl/doccano-forms", FormatCorpus, NULL,
              format_corpus_set_up, test_doccano_forms, format_corpus_tear_down);
  g_test_add ("/format/jsonl/hostile", FormatCorpus, NULL,
              format_corpus_set_up, test_hostile, format_corpus_tear_down);
  g_test_add ("/format/jsonl/sniff", FormatCorpus, NULL,
              format_corpus_set_up, test_sniff, format_corpus_tear_down);
  return g_test_run ();
}
