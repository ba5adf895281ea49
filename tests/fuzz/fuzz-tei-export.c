/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-fuzz"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>

#include "fuzz-common.h"
#include "test-common.h"
#include "tessera-import.h"
#include "tessera-text-importer.h"
#include "tessera-tei-exporter.h"
#include "tessera-tei-import.h"
#include "tessera-text.h"

/*
 * The TEI exporter's promise: a text and its annotations, whatever they are, export to
 * well-formed XML that reads back as the same text with the same annotations. The exporter
 * checks this itself before it keeps a file; this target checks it again from outside: it
 * parses every file with libxml2, imports it into another fresh project and compares the
 * text, the title and every annotation (type, ranges, certainty, status, note, entity).
 *
 * The input is read as:
 *   byte 0        bit 0: one teiCorpus file; bit 1: standOff only; bit 2: anchors for
 *                 overlaps; bits 3–7: how many annotations follow (0–31)
 *   byte 1        which fields of the document's record to fill (see set_document_info())
 *   byte 2        where in the text those fields are taken from
 *   7 bytes each  type, start (2 bytes, little-endian), length, flags, second, extra
 *   the rest      the bytes of a plain-text file, prepared as the plain-text import does
 * flags: bit 0 a second range after a gap (discontinuous), bit 1 a new entity for a
 * mention, bit 2 a note (a piece of the text), bits 3–4 certainty, bit 5 suggested.
 * extra: bit 0 a normalised value, bit 1 a claim's source, cue and attribution, bit 2 a
 * relation to the annotation before; bits 3–7 choose values.
 * Strings come from the text itself, so that every one is something a user could type.
 */

#define HEADER_BYTES 3
#define ANNOTATION_BYTES 7

typedef struct
{
  guint8 type;
  guint  start;
  guint8 length;
  guint8 flags;
  guint8 second;
  guint8 extra;
} Request;

/* Dates as users write them, well-formed or not. */
static const char * const dates[] = {
  "2024", "2024-05", "2024-05-02", "1999-12-31T23:59:59Z", "-0044-03-15", "2024-13-45",
  "mai 2024", "02/05/2024", "2024-05-02T10:00:00+01:00", "",
};

static const char * const relation_types[] = {
  "supports", "contradicts", "same-claim", "cites", "part of", "",
};

/* XML 1.0's Char production. */
static gboolean
is_xml_char (gunichar c)
{
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

static gboolean
has_non_xml_char (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!is_xml_char (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* Read from memory: libxml2 would open a file through the loader fuzz-common.c forbids. */
static void
assert_well_formed (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  xmlParserCtxtPtr context = xmlNewParserCtxt ();
  xmlDocPtr doc;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_nonnull (context);
  doc = xmlCtxtReadMemory (context, contents, (int) length, path, NULL, XML_PARSE_NONET);
  if (doc == NULL || !context->wellFormed || !context->nsWellFormed)
    g_error ("the export %s is not well-formed XML", path);
  xmlFreeDoc (doc);
  xmlFreeParserCtxt (context);
}

/* One line per annotation, with what a user would see of it. */
static GPtrArray *
describe_annotations (TesseraStore *store,
                      gint64        document_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) annotations = tessera_store_dup_annotations (store, document_id, &error);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < annotations->len; i++)
    {
      TesseraAnnotation *annotation = g_ptr_array_index (annotations, i);
      g_autoptr(TesseraAnnotationType) type = NULL;
      g_autoptr(GString) line = g_string_new (NULL);
      const TesseraRange *ranges;
      guint n_ranges;
      gint64 entity_id = tessera_annotation_get_entity_id (annotation);

      type = tessera_store_dup_annotation_type (store, tessera_annotation_get_type_id (annotation));
      g_assert_nonnull (type);
      g_string_append (line, tessera_annotation_type_get_key (type));
      ranges = tessera_annotation_get_ranges (annotation, &n_ranges);
      for (guint r = 0; r < n_ranges; r++)
        g_string_append_printf (line, " %u-%u", ranges[r].start, ranges[r].end);
      g_string_append_printf (line, " certainty=%s status=%s note=«%s»",
                              tessera_certainty_to_string (tessera_annotation_get_certainty (annotation)),
                              tessera_status_to_string (tessera_annotation_get_status (annotation)),
                              tessera_annotation_get_note (annotation) ?: "");
      if (entity_id != 0)
        {
          g_autoptr(TesseraEntity) entity = tessera_store_dup_entity (store, entity_id, &error);

          g_assert_no_error (error);
          g_string_append_printf (line, " entity=«%s»", tessera_entity_get_name (entity));
        }
      g_ptr_array_add (lines, g_string_free (g_steal_pointer (&line), FALSE));
    }
  return lines;
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
assert_same_annotations (GPtrArray *expected,
                         GPtrArray *found)
{
  g_ptr_array_sort (expected, compare_lines);
  g_ptr_array_sort (found, compare_lines);
  for (guint i = 0; i < MAX (expected->len, found->len); i++)
    {
      const char *want = i < expected->len ? g_ptr_array_index (expected, i) : "(none)";
      const char *got = i < found->len ? g_ptr_array_index (found, i) : "(none)";

      g_assert_cmpstr (want, ==, got);
    }
}

/* Up to @max code points of @text from @seed on: a string a user could have typed. */
static char *
dup_piece (const char *text,
           guint       length,
           guint       seed,
           guint       max)
{
  guint start = seed % length;

  return tessera_text_slice (text, start, MIN (start + 1 + seed % max, length));
}

/* A choice among strings the store expects, or a piece of text it must refuse. */
static const char *
pick (const char * const *values,
      guint               n_values,
      guint               seed)
{
  return values[seed % n_values];
}

static void
set_claim (TesseraStore  *store,
           gint64         id,
           GArray        *added,
           const char    *text,
           guint          length,
           const Request *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraClaim) claim = tessera_store_dup_claim (store, id, &error);
  g_autofree char *topic = NULL;
  const char * const *values;
  guint seed = request->extra >> 3;

  g_assert_no_error (error);
  g_assert_nonnull (claim);
  if (added->len > 0)
    tessera_claim_set_source_annotation_id (claim, g_array_index (added, gint64,
                                                                  seed % added->len));
  if (added->len > 1)
    tessera_claim_set_cue_annotation_id (claim, g_array_index (added, gint64,
                                                               request->second % added->len));
  values = tessera_claim_source_kinds ();
  tessera_claim_set_source_kind (claim, values[seed % g_strv_length ((char **) values)]);
  values = tessera_claim_quote_types ();
  tessera_claim_set_quote_type (claim, values[request->second % g_strv_length ((char **) values)]);
  values = tessera_claim_polarities ();
  tessera_claim_set_polarity (claim, values[request->length % g_strv_length ((char **) values)]);
  values = tessera_claim_factualities ();
  tessera_claim_set_factuality (claim, values[request->start % g_strv_length ((char **) values)]);
  values = tessera_claim_writer_distances ();
  tessera_claim_set_writer_distance (claim, values[request->type % g_strv_length ((char **) values)]);
  tessera_claim_set_statement_date (claim, pick (dates, G_N_ELEMENTS (dates), seed));
  topic = dup_piece (text, length, request->start + seed, 24);
  tessera_claim_set_topic (claim, topic);

  /* A source or cue of the wrong kind, or the claim itself, is refused: fine. */
  if (!tessera_store_update_claim (store, claim, &error))
    {
      g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
      tessera_fuzz_assert_error (error);
    }
}

/* Adds what @request describes to the document, as a user could in the window. */
static void
add_annotation (TesseraStore  *store,
                gint64         document_id,
                const char    *text,
                guint          length,
                GListModel    *tagset,
                GArray        *added,
                const Request *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAnnotationType) type = NULL;
  TesseraRange ranges[2];
  guint n_ranges = 1;
  gboolean existing = FALSE;
  gint64 id;

  type = g_list_model_get_item (tagset, request->type % g_list_model_get_n_items (tagset));
  ranges[0].start = request->start % length;
  ranges[0].end = MIN (ranges[0].start + request->length % 48 + 1, length);
  if ((request->flags & 1) != 0)
    {
      /* A gap of 0 leaves two touching ranges, which the store accepts. */
      guint start = ranges[0].end + (request->second & 0x0F);

      if (start < length)
        {
          ranges[1].start = start;
          ranges[1].end = MIN (start + (request->second >> 4) + 1, length);
          n_ranges = 2;
        }
    }

  id = tessera_store_add_annotation (store, document_id, tessera_annotation_type_get_id (type),
                                     ranges, n_ranges, &existing, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  if (existing)
    return;

  if ((request->flags & 2) != 0 &&
      tessera_annotation_type_get_kind (type) == TESSERA_KIND_ENTITY)
    {
      g_autofree char *name = tessera_text_slice_ranges (text, ranges, n_ranges, " ");

      /* A mention of white space only has no name to give its entity: refused, fine. */
      if (tessera_store_add_entity_for_mention (store, id, name, NULL, &error) == 0)
        {
          g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
          g_clear_error (&error);
        }
    }
  if ((request->flags & 4) != 0)
    {
      guint start = (ranges[0].start + request->second) % length;
      g_autofree char *note = tessera_text_slice (text, start, MIN (start + 40, length));

      g_assert_true (tessera_store_set_annotation_note (store, id, note, &error));
      g_assert_no_error (error);
    }
  if ((request->flags & 0x18) != 0)
    {
      g_assert_true (tessera_store_set_annotation_certainty (store, id,
                                                             (request->flags >> 3) & 3,
                                                             &error));
      g_assert_no_error (error);
    }
  if ((request->flags & 0x20) != 0)
    {
      g_assert_true (tessera_store_set_annotation_status (store, id, TESSERA_STATUS_SUGGESTED,
                                                          &error));
      g_assert_no_error (error);
    }
  if ((request->extra & 1) != 0)
    {
      g_autofree char *piece = dup_piece (text, length, request->second, 16);
      const char *normalized = (request->extra & 8) != 0 ? piece
                               : pick (dates, G_N_ELEMENTS (dates), request->extra >> 4);

      if (!tessera_store_set_annotation_normalized (store, id, normalized, &error))
        {
          g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
          g_clear_error (&error);
        }
    }
  if ((request->extra & 2) != 0 && tessera_annotation_type_get_kind (type) == TESSERA_KIND_CLAIM)
    set_claim (store, id, added, text, length, request);
  if ((request->extra & 4) != 0 && added->len > 0)
    {
      g_autofree char *note = (request->extra & 8) != 0
                              ? dup_piece (text, length, request->second, 30) : NULL;
      const char *relation = pick (relation_types, G_N_ELEMENTS (relation_types),
                                   request->extra >> 4);

      if (tessera_store_add_relation (store, relation, g_array_index (added, gint64,
                                                                      added->len - 1),
                                      id, note, &error) == 0)
        {
          g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
          g_clear_error (&error);
        }
    }
  g_array_append_val (added, id);
}

/* The bibliographic record, field by field as @flags says, from pieces of the text. */
static void
set_document_info (TesseraStore *store,
                   gint64        document_id,
                   const char   *text,
                   guint         length,
                   const char   *title,
                   guint8        flags,
                   guint8        seed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *author = NULL;
  g_autofree char *publisher = NULL;
  g_autofree char *url = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *language = NULL;
  TesseraDocumentInfo info = { 0 };

  if (flags == 0)
    return;
  info.title = (char *) title;
  if ((flags & 1) != 0)
    info.author = author = dup_piece (text, length, seed, 30);
  if ((flags & 2) != 0)
    info.publisher = publisher = dup_piece (text, length, seed * 7 + 3, 30);
  if ((flags & 4) != 0)
    info.publication_date = (char *) pick (dates, G_N_ELEMENTS (dates), seed);
  if ((flags & 8) != 0)
    info.language = language = (seed & 1) ? g_strdup ("fr") : dup_piece (text, length, seed, 6);
  if ((flags & 16) != 0)
    info.licence = (char *) ((seed & 2) ? "https://creativecommons.org/licenses/by/4.0/"
                                        : "CC BY-SA");
  if ((flags & 32) != 0)
    {
      g_autofree char *piece = dup_piece (text, length, seed * 5, 20);

      info.source_url = url = g_strconcat ("https://example.org/", piece, NULL);
    }
  if ((flags & 64) != 0)
    info.notes = notes = dup_piece (text, length, seed * 3, 200);
  if ((flags & 128) != 0)
    info.source_path = (char *) "/tmp/article.txt";

  /* A value the record cannot hold (a language that is no tag) is refused: fine. */
  if (!tessera_store_update_document_info (store, document_id, &info, &error))
    {
      g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
      tessera_fuzz_assert_error (error);
    }
}

static void
check_reimport (const char *file,
                const char *text,
                const char *title,
                GPtrArray  *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(TesseraDocument) document = NULL;
  g_autofree char *project = tessera_fuzz_new_project ("reimport");
  g_autofree char *read_text = NULL;
  TesseraImportResult *result;
  TesseraStore *store;

  store = tessera_fuzz_open_project (project, TESSERA_STORE_OPEN_DEFAULT);
  results = tessera_tei_import_file (store, file, NULL, &error);
  if (results == NULL)
    g_error ("the export %s could not be imported: %s", file, error->message);
  g_assert_cmpuint (results->len, ==, 1);
  result = g_ptr_array_index (results, 0);
  g_assert_false (result->existing);

  read_text = tessera_store_dup_document_text (store, result->document_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read_text, ==, text);
  document = tessera_store_dup_document (store, result->document_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tessera_document_get_title (document), ==, title);

  found = describe_annotations (store, result->document_id);
  assert_same_annotations (expected, found);

  tessera_fuzz_close_project (store);
  tessera_fuzz_remove_project (project);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autofree char *project = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *destination = NULL;
  g_autofree char *file = NULL;
  g_autoptr(GArray) requests = g_array_new (FALSE, FALSE, sizeof (Request));
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(TesseraExporter) exporter = NULL;
  TesseraTeiExportOptions options;
  TesseraDocumentInfo info = { 0 };
  TesseraStore *store;
  gint64 document_id;
  gsize offset = HEADER_BYTES;
  guint length;
  guint n_requests;

  if (size < HEADER_BYTES)
    return 0;
  n_requests = data[0] >> 3;
  for (guint i = 0; i < n_requests && offset + ANNOTATION_BYTES <= size; i++)
    {
      Request request = { data[offset], data[offset + 1] | (data[offset + 2] << 8),
                          data[offset + 3], data[offset + 4], data[offset + 5],
                          data[offset + 6] };

      g_array_append_val (requests, request);
      offset += ANNOTATION_BYTES;
    }

  /* A text the plain-text import refuses cannot be in a project. */
  text = tessera_import_prepare_text ("input.txt", (const char *) data + offset, size - offset,
                                      &title, &error);
  if (text == NULL)
    return 0;
  length = g_utf8_strlen (text, -1);

  project = tessera_fuzz_new_project ("project");
  store = tessera_fuzz_open_project (project, TESSERA_STORE_OPEN_DEFAULT);
  info.title = title;
  document_id = tessera_store_add_document (store, &info, text, NULL, &error);
  g_assert_no_error (error);
  /* Types of the project's own, one of them not a TEI name, beside the defaults. */
  for (guint i = 0; i < G_N_ELEMENTS (relation_types); i++)
    {
      g_autoptr(TesseraRelationType) known = NULL;
      g_autoptr(TesseraRelationType) type = NULL;

      if (*relation_types[i] == '\0' ||
          (known = tessera_store_lookup_relation_type (store, relation_types[i])) != NULL)
        continue;
      type = tessera_relation_type_new (relation_types[i], relation_types[i]);
      tessera_store_add_relation_type (store, type, &error);
      g_assert_no_error (error);
    }

  set_document_info (store, document_id, text, length, title, data[1], data[2]);
  for (guint i = 0; i < requests->len; i++)
    add_annotation (store, document_id, text, length, tessera_store_get_tagset (store), added,
                    &g_array_index (requests, Request, i));
  expected = describe_annotations (store, document_id);

  tessera_tei_export_options_init (&options);
  options.corpus = (data[0] & 1) != 0;
  options.standoff_only = (data[0] & 2) != 0;
  options.overlap = (data[0] & 4) != 0 ? TESSERA_TEI_OVERLAP_ANCHORS
                                       : TESSERA_TEI_OVERLAP_FRAGMENTS;
  options.title = "Fuzz";
  if (options.corpus)
    {
      destination = tessera_fuzz_build_path ("export.xml");
      file = g_strdup (destination);
    }
  else
    {
      g_autofree char *name = tessera_tei_export_file_name (document_id);

      destination = tessera_fuzz_build_path ("export");
      file = g_build_filename (destination, name, NULL);
    }

  exporter = tessera_tei_exporter_new (&options);
  if (tessera_exporter_export (exporter, store, &document_id, 1, destination, NULL, NULL, NULL,
                               &error))
    {
      g_assert_no_error (error);
      assert_well_formed (file);
      check_reimport (file, text, title, expected);
    }
  else if (g_error_matches (error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_CHARACTER))
    {
      /* Only a character XML cannot carry may stop an export, and nothing is written. */
      tessera_fuzz_assert_error (error);
      g_assert_true (has_non_xml_char (text) || has_non_xml_char (title));
      g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
    }
  else
    g_error ("export failed: %s", error->message);

  tessera_fuzz_close_project (store);
  test_remove_tree (destination);
  tessera_fuzz_remove_project (project);
  tessera_fuzz_assert_dir_empty ();
  return 0;
}
