/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-format-csv"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "format-corpus.h"
#include "tessera-csv-private.h"
#include "test-common.h"

/*
 * The CSV export: a row per annotation of the round-trip corpus, RFC 4180 as a spreadsheet
 * reads it (quoted fields, doubled quotes, CRLF), UTF-8 with a byte order mark; the
 * relations it cannot carry counted in its notes; its reader refusing what RFC 4180 does
 * not allow; LibreOffice opening it with the accents right, when LibreOffice is installed.
 */

/* A note with everything a field must be quoted for. */
#define HOSTILE_NOTE "Il a dit « non », puis \"oui\",\r\nenfin\nrien"

static GPtrArray *
read_rows (const char *path,
           gboolean   *out_had_bom)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, &error);
  g_autoptr(TesseraCsvReader) reader = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row;

  g_assert_no_error (error);
  reader = _tessera_csv_reader_new (G_INPUT_STREAM (stream), "test.csv");
  while ((row = _tessera_csv_reader_next_row (reader, NULL, &error)) != NULL)
    g_ptr_array_add (rows, row);
  g_assert_no_error (error);
  *out_had_bom = _tessera_csv_reader_had_bom (reader);
  return rows;
}

static const char *
field (GPtrArray        *row,
       TesseraCsvColumn  column)
{
  return g_ptr_array_index (row, column);
}

static void
set_hostile_note (FormatCorpus *corpus,
                  gint64       *out_annotation_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDocumentRecord) document =
    tessera_store_dup_document_record (corpus->store,
                                       g_array_index (corpus->document_ids, gint64, 0), &error);
  TesseraAnnotationRecord *annotation;

  g_assert_no_error (error);
  annotation = g_ptr_array_index (document->annotations, 0);
  tessera_store_set_annotation_note (corpus->store, annotation->id, HOSTILE_NOTE, &error);
  g_assert_no_error (error);
  *out_annotation_id = annotation->id;
}

/* Every annotation has its row, with its text at its offsets, its fields, and its claim's
 * source and cue by the ids of their rows. */
static void
test_rows (FormatCorpus  *corpus,
           gconstpointer  data)
{
  g_autoptr(TesseraExporter) exporter = g_object_new (TESSERA_TYPE_CSV_EXPORTER, NULL);
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint row_index = 1, n_relations = 0, n_discontinuous = 0, n_roles = 0;
  gboolean had_bom = FALSE;
  gint64 noted_id;

  set_hostile_note (corpus, &noted_id);
  path = format_corpus_export (corpus, exporter, "corpus.csv");
  rows = read_rows (path, &had_bom);
  g_assert_true (had_bom);
  g_assert_cmpuint (rows->len, >, 1);
  for (guint i = 0; i < TESSERA_CSV_N_COLUMNS; i++)
    g_assert_cmpstr (field (g_ptr_array_index (rows, 0), i), ==, tessera_csv_column_names[i]);

  for (guint d = 0; d < corpus->document_ids->len; d++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TesseraDocumentRecord) document =
        tessera_store_dup_document_record (corpus->store,
                                           g_array_index (corpus->document_ids, gint64, d),
                                           &error);

      g_assert_no_error (error);
      n_relations += document->relations->len;
      for (guint i = 0; i < document->annotations->len; i++, row_index++)
        {
          TesseraAnnotationRecord *annotation = g_ptr_array_index (document->annotations, i);
          GPtrArray *row = g_ptr_array_index (rows, row_index);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, annotation->id);
          g_autofree char *document_id = g_strdup_printf ("%" G_GINT64_FORMAT, document->id);
          g_autofree char *text = tessera_text_slice_ranges (document->text,
                                                             (TesseraRange *) (gpointer) annotation->ranges->data,
                                                             annotation->ranges->len, " … ");
          const TesseraRange *first = &g_array_index (annotation->ranges, TesseraRange, 0);
          g_auto(GStrv) starts = g_strsplit (field (row, TESSERA_CSV_START), ";", -1);

          g_assert_cmpuint (row->len, ==, TESSERA_CSV_N_COLUMNS);
          g_assert_cmpstr (field (row, TESSERA_CSV_DOCUMENT), ==, document_id);
          g_assert_cmpstr (field (row, TESSERA_CSV_TITLE), ==, document->info.title);
          g_assert_cmpstr (field (row, TESSERA_CSV_ID), ==, id);
          g_assert_cmpstr (field (row, TESSERA_CSV_TYPE), ==,
                           tessera_annotation_type_get_key (annotation->type));
          g_assert_cmpstr (field (row, TESSERA_CSV_TEXT), ==, text);
          g_assert_cmpuint (g_strv_length (starts), ==, annotation->ranges->len);
          g_assert_cmpuint (g_ascii_strtoull (starts[0], NULL, 10), ==, first->start);
          n_discontinuous += annotation->ranges->len > 1;
          g_assert_cmpstr (field (row, TESSERA_CSV_NOTE), ==,
                           annotation->note != NULL ? annotation->note : "");
          g_assert_cmpstr (field (row, TESSERA_CSV_STATUS), ==,
                           tessera_status_to_string (annotation->status));
          if (annotation->entity != NULL && annotation->entity->authorities->len > 0)
            test_assert_contains (field (row, TESSERA_CSV_URI),
                                  g_array_index (annotation->entity->authorities,
                                                 TesseraAuthority, 0).uri);
          if (annotation->claim != NULL && annotation->claim->cue != NULL)
            {
              g_autofree char *cue = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                      annotation->claim->cue->id);

              g_assert_cmpstr (field (row, TESSERA_CSV_CUE), ==, cue);
              g_assert_cmpstr (field (row, TESSERA_CSV_POLARITY), ==,
                               annotation->claim->polarity ? annotation->claim->polarity : "");
              n_roles++;
            }
          g_hash_table_add (ids, (gpointer) field (row, TESSERA_CSV_ID));
        }
    }
  g_assert_cmpuint (rows->len, ==, row_index);
  g_assert_cmpuint (n_discontinuous, >, 0);
  g_assert_cmpuint (n_roles, >, 0);

  /* What CSV cannot carry is counted. */
  g_assert_cmpuint (n_relations, >, 0);
  g_assert_cmpuint (tessera_exporter_get_notes (exporter)->len, ==, 1);
  {
    g_autofree char *count = g_strdup_printf ("%u relations", n_relations);

    test_assert_contains (g_ptr_array_index (tessera_exporter_get_notes (exporter), 0), count);
  }
}

/* The bytes: a BOM, CRLF after every record, the hostile note quoted with its quotes
 * doubled and its line breaks kept. */
static void
test_rfc4180 (FormatCorpus  *corpus,
              gconstpointer  data)
{
  g_autoptr(TesseraExporter) exporter = g_object_new (TESSERA_TYPE_CSV_EXPORTER, NULL);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gint64 noted_id;
  gsize length;

  set_hostile_note (corpus, &noted_id);
  path = format_corpus_export (corpus, exporter, "corpus.csv");
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, TESSERA_CSV_BOM "document,title,id,type,start,"));
  g_assert_true (g_str_has_suffix (contents, "\r\n"));
  test_assert_contains (contents, ",note\r\n");
  test_assert_contains (contents, ",\"Il a dit « non », puis \"\"oui\"\",\r\nenfin\nrien\"\r\n");
  /* Discontinuous ranges: the starts, then the ends, in the same order. */
  g_assert_true (g_regex_match_simple (",[0-9]+;[0-9]+,[0-9]+;[0-9]+,", contents, 0, 0));
}

static void
assert_reader_refuses (const char *contents,
                       const char *expected)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (contents, -1, NULL);
  g_autoptr(TesseraCsvReader) reader = _tessera_csv_reader_new (stream, "hostile.csv");
  g_autoptr(GError) error = NULL;
  GPtrArray *row;

  while ((row = _tessera_csv_reader_next_row (reader, NULL, &error)) != NULL)
    g_ptr_array_unref (row);
  g_assert_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK);
  test_assert_contains (error->message, "hostile.csv");
  test_assert_contains (error->message, expected);
}

/* The reader takes RFC 4180 only, and says on which line it is not. */
static void
test_reader (void)
{
  g_autoptr(GInputStream) stream =
    g_memory_input_stream_new_from_data (TESSERA_CSV_BOM "a,\"b,\"\"c\"\"\r\nd\",\r\n,é\r\n", -1,
                                         NULL);
  g_autoptr(TesseraCsvReader) reader = _tessera_csv_reader_new (stream, "good.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = _tessera_csv_reader_next_row (reader, NULL, &error);
  g_autoptr(GPtrArray) second = _tessera_csv_reader_next_row (reader, NULL, &error);
  g_autoptr(GPtrArray) end = _tessera_csv_reader_next_row (reader, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (_tessera_csv_reader_had_bom (reader));
  g_assert_cmpuint (first->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (first, 1), ==, "b,\"c\"\r\nd");
  g_assert_cmpstr (g_ptr_array_index (first, 2), ==, "");
  g_assert_cmpuint (second->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (second, 1), ==, "é");
  g_assert_null (end);

  assert_reader_refuses ("a,b\r\nc,\"d\r\n", "the file ends inside the quoted field opened "
                                             "on line 2");
  assert_reader_refuses ("a,b\r\nc,d\"e\r\n", "line 2: a field that is not in quotes has a "
                                              "quote in it");
  assert_reader_refuses ("a,b\nc\r\n", "line 1: the line ends with LF alone");
  assert_reader_refuses ("a,\"b\"c\r\n", "line 1: a quoted field is followed by something");
  assert_reader_refuses ("a,b\r\nc,\xff\xfe\r\n", "line 2: the text is not UTF-8");
  assert_reader_refuses ("a,b\rc\r\n", "line 1: a carriage return (CR) is not followed");
}

/* LibreOffice reads the file as CSV in UTF-8, accents, quoted commas and line breaks in
 * their cells, and the byte order mark is not in the first cell. LibreOffice 7.4 does not
 * take the encoding from the byte order mark when it converts (Excel does): the README
 * says to choose UTF-8, as the filter options here do. Skipped where it is not installed. */
static void
test_libreoffice (FormatCorpus  *corpus,
                  gconstpointer  data)
{
  g_autoptr(TesseraExporter) exporter = g_object_new (TESSERA_TYPE_CSV_EXPORTER, NULL);
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *path = NULL;
  g_autofree char *html_path = NULL;
  g_autofree char *html = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  gint64 noted_id;
  int status;

  if (soffice == NULL)
    {
      g_test_skip ("LibreOffice (soffice) is not installed");
      return;
    }
  set_hostile_note (corpus, &noted_id);
  path = format_corpus_export (corpus, exporter, "corpus.csv");
  profile = g_strdup_printf ("-env:UserInstallation=file://%s/lo-profile", corpus->dir);
  {
    const char *argv[] = { soffice, profile, "--headless", "--infilter=CSV:44,34,76,1",
                           "--convert-to", "html", "--outdir", corpus->dir, path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                  &error);
  }
  g_assert_no_error (error);
  html_path = g_build_filename (corpus->dir, "corpus.html", NULL);
  g_file_get_contents (html_path, &html, NULL, &error);
  g_assert_no_error (error);
  /* Arabic, a header cell, and the note with its quotes, comma and line breaks in one cell. */
  test_assert_contains (html, "غويتا");
  test_assert_contains (html, ">document</td>");
  test_assert_contains (html, ">writer distance</td>");
  test_assert_contains (html, ">Il a dit « non », puis &quot;oui&quot;,<br>enfin<br>rien</td>");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/format/csv/rows", FormatCorpus, NULL, format_corpus_set_up, test_rows,
              format_corpus_tear_down);
  g_test_add ("/core/format/csv/rfc4180", FormatCorpus, NULL, format_corpus_set_up,
              test_rfc4180, format_corpus_tear_down);
  g_test_add_func ("/core/format/csv/reader", test_reader);
  g_test_add ("/core/format/csv/libreoffice", FormatCorpus, NULL, format_corpus_set_up,
              test_libreoffice, format_corpus_tear_down);

  return g_test_run ();
}
