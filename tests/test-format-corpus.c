/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-test"

#include "config.h"

#include "format-corpus.h"
#include "test-common.h"

/* The corpus every format's round trip uses holds every case it claims to. */
static void
test_contents (FormatCorpus  *corpus,
               gconstpointer  data)
{
  guint discontinuous = 0, claims_with_roles = 0, relations = 0, authorities = 0, notes = 0;
  guint nested = 0, overlapping = 0;
  gboolean arabic = FALSE, emoji = FALSE;

  for (guint i = 0; i < corpus->document_ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TesseraDocumentRecord) record =
        tessera_store_dup_document_record (corpus->store, g_array_index (corpus->document_ids, gint64, i), &error);

      g_assert_no_error (error);
      arabic |= strstr (record->text, "غويتا") != NULL;
      emoji |= strstr (record->text, "👩🏽‍🔬") != NULL;
      relations += record->relations->len;
      for (guint j = 0; j < record->annotations->len; j++)
        {
          TesseraAnnotationRecord *a = g_ptr_array_index (record->annotations, j);
          const TesseraRange *ra = &g_array_index (a->ranges, TesseraRange, 0);

          discontinuous += a->ranges->len > 1;
          notes += a->note != NULL;
          claims_with_roles += a->claim != NULL && a->claim->cue != NULL &&
                               (a->claim->source_annotation != NULL || a->claim->source_entity != NULL);
          authorities += a->entity != NULL && a->entity->authorities != NULL &&
                         a->entity->authorities->len > 0;
          for (guint k = 0; k < record->annotations->len; k++)
            {
              TesseraAnnotationRecord *b = g_ptr_array_index (record->annotations, k);
              const TesseraRange *rb = &g_array_index (b->ranges, TesseraRange, 0);

              if (a == b || a->ranges->len > 1 || b->ranges->len > 1)
                continue;
              nested += rb->start >= ra->start && rb->end <= ra->end &&
                        (rb->start > ra->start || rb->end < ra->end);
              overlapping += rb->start > ra->start && rb->start < ra->end && rb->end > ra->end;
            }
        }
    }
  g_assert_true (arabic);
  g_assert_true (emoji);
  g_assert_cmpuint (discontinuous, >, 0);
  g_assert_cmpuint (claims_with_roles, >=, 3);
  g_assert_cmpuint (relations, >=, 3);
  g_assert_cmpuint (authorities, >=, 5);
  g_assert_cmpuint (notes, >, 0);
  g_assert_cmpuint (nested, >, 0);
  g_assert_cmpuint (overlapping, >, 0);
}

/* TEI carries everything: the corpus reads back whole, which shows the fixture and the
 * comparison agree with the format that is the reference. */
static void
test_tei_round_trip (FormatCorpus  *corpus,
                     gconstpointer  data)
{
  g_autoptr(TesseraExporter) exporter = g_object_new (TESSERA_TYPE_TEI_EXPORTER, "corpus", TRUE, NULL);
  g_autofree char *path = format_corpus_export (corpus, exporter, "corpus.xml");
  g_autoptr(TesseraStore) other = format_corpus_import (corpus, NULL, path);

  format_corpus_assert_equal (corpus, other, TESSERA_CARRIES_ALL & ~TESSERA_CARRIES_ANNOTATOR,
                              NULL, NULL);
}

/* The comparison finds a moved boundary, a changed field and a lost relation. */
static void
test_compare_finds_differences (FormatCorpus  *corpus,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = g_array_index (corpus->document_ids, gint64, 0);
  g_autoptr(TesseraDocumentRecord) a = tessera_store_dup_document_record (corpus->store, id, &error);
  g_autoptr(TesseraDocumentRecord) b = tessera_store_dup_document_record (corpus->store, id, &error);
  TesseraAnnotationRecord *annotation;

  g_assert_no_error (error);
  g_assert_true (tessera_format_compare_document ("same", a, b, TESSERA_CARRIES_ALL, &error));
  g_assert_no_error (error);

  annotation = g_ptr_array_index (b->annotations, 0);
  g_array_index (annotation->ranges, TesseraRange, 0).end++;
  g_assert_false (tessera_format_compare_document ("moved", a, b, TESSERA_CARRIES_ALL, &error));
  g_assert_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK);
  test_assert_contains (error->message, "moved");
  g_clear_error (&error);
  g_array_index (annotation->ranges, TesseraRange, 0).end--;

  g_free (annotation->note);
  annotation->note = g_strdup ("une autre note");
  g_assert_false (tessera_format_compare_document ("note", a, b, TESSERA_CARRIES_ALL, &error));
  g_assert_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK);
  g_clear_error (&error);
  /* A format that does not carry notes does not compare them. */
  g_assert_true (tessera_format_compare_document ("note", a, b, TESSERA_CARRIES_ALL & ~TESSERA_CARRIES_NOTES, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (b->relations->len, >, 0);
  g_ptr_array_remove_index (b->relations, 0);
  g_assert_false (tessera_format_compare_document ("relation", a, b, TESSERA_CARRIES_ALL & ~TESSERA_CARRIES_NOTES, &error));
  g_assert_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK);
  g_clear_error (&error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/format-corpus/contents", FormatCorpus, NULL,
              format_corpus_set_up, test_contents, format_corpus_tear_down);
  g_test_add ("/format-corpus/tei-round-trip", FormatCorpus, NULL,
              format_corpus_set_up, test_tei_round_trip, format_corpus_tear_down);
  g_test_add ("/format-corpus/compare-finds-differences", FormatCorpus, NULL,
              format_corpus_set_up, test_compare_finds_differences, format_corpus_tear_down);
  return g_test_run ();
}
