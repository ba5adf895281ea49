/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-test"

#include "config.h"

#include <string.h>

#include "format-corpus.h"
#include "test-common.h"
#include "tessera-conll-private.h"

/* What the CoNLL export wrote of each document: the annotations of its tag columns whose
 * ends are those of tokens (the others cover their whole tokens in the file). */
typedef struct
{
  TesseraConllLayers           layers;
  const TesseraDocumentRecord *document;  /* laid out; the records of one id are copies */
  gint64                       document_id;
  TesseraConllLayout          *layout;
  GHashTable                  *written;   /* TesseraAnnotationRecord, a set */
} Written;

static void
written_clear (Written *self)
{
  g_clear_pointer (&self->layout, _tessera_conll_layout_free);
  g_clear_pointer (&self->written, g_hash_table_unref);
  self->document = NULL;
}

static void
written_lay_out (Written                     *self,
                 const TesseraDocumentRecord *document)
{
  if (self->document == document && self->document_id == document->id)
    return;
  written_clear (self);
  self->document = document;
  self->document_id = document->id;
  self->layout = _tessera_conll_layout_new (document, self->layers);
  self->written = g_hash_table_new (NULL, NULL);
  for (guint c = 0; c < self->layout->n_columns; c++)
    {
      for (guint i = 0; i < self->layout->spans[c]->len; i++)
        {
          GArray *tokens = self->layout->tokens;
          const TesseraConllSpan *span =
            &g_array_index (self->layout->spans[c], TesseraConllSpan, i);
          const TesseraToken *first = &g_array_index (tokens, TesseraToken, span->first);
          const TesseraToken *last = &g_array_index (tokens, TesseraToken, span->last);
          const GArray *ranges = span->annotation->ranges;

          if (g_array_index (ranges, TesseraRange, 0).start == first->start &&
              g_array_index (ranges, TesseraRange, ranges->len - 1).end == last->end)
            g_hash_table_add (self->written, span->annotation);
        }
    }
}

static gboolean
keep_written (const TesseraDocumentRecord   *document,
              const TesseraAnnotationRecord *annotation,
              gpointer                       data)
{
  Written *self = data;

  written_lay_out (self, document);
  return g_hash_table_contains (self->written, annotation);
}

static char *
export_corpus (FormatCorpus *corpus,
               const char   *name,
               const char   *first_option,
               ...)
{
  g_autoptr(TesseraExporter) exporter = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  exporter = tessera_formats_new_exporter ("conll", &error);
  g_assert_no_error (error);
  va_start (args, first_option);
  for (const char *option = first_option; option != NULL; option = va_arg (args, const char *))
    {
      g_auto(GStrv) parts = g_strsplit (option, "=", 2);

      tessera_format_set_option (G_OBJECT (exporter), parts[0], parts[1], &error);
      g_assert_no_error (error);
    }
  va_end (args);
  return format_corpus_export (corpus, exporter, name);
}

/* With the offsets, the corpus reads back with its annotations in their places: those of
 * the tag columns, on whole tokens; the words of the text where they were. */
static void
round_trip_with_offsets (FormatCorpus       *corpus,
                         TesseraConllLayers  layers,
                         const char         *layers_option,
                         const char         *scheme_option)
{
  g_autofree char *path = export_corpus (corpus, "corpus.conll", "columns=token,start,end,tag",
                                         layers_option, scheme_option, NULL);
  g_autoptr(TesseraStore) other = format_corpus_import (corpus, NULL, path);
  Written written = { layers, NULL, 0, NULL, NULL };

  format_corpus_assert_equal (corpus, other, 0, keep_written, &written);
  written_clear (&written);
}

static void
test_round_trip_offsets (FormatCorpus  *corpus,
                         gconstpointer  data)
{
  round_trip_with_offsets (corpus, TESSERA_CONLL_LAYERS_OUTERMOST, "layers=outermost",
                           "scheme=iob2");
}

static void
test_round_trip_kinds_iobes (FormatCorpus  *corpus,
                             gconstpointer  data)
{
  round_trip_with_offsets (corpus, TESSERA_CONLL_LAYERS_KINDS, "layers=kinds", "scheme=iobes");
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* "type words" of each annotation of @annotations, white space made one space, sorted. */
static char *
dup_annotated_words (const char *text,
                     GPtrArray  *annotations)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < annotations->len; i++)
    {
      TesseraAnnotationRecord *annotation = g_ptr_array_index (annotations, i);
      const GArray *ranges = annotation->ranges;
      guint start = g_array_index (ranges, TesseraRange, 0).start;
      guint end = g_array_index (ranges, TesseraRange, ranges->len - 1).end;
      g_autofree char *words = tessera_text_slice (text, start, end);
      g_auto(GStrv) parts = g_regex_split_simple ("\\s+", words, G_REGEX_OPTIMIZE, 0);
      g_autofree char *joined = g_strjoinv (" ", parts);

      g_ptr_array_add (lines, g_strdup_printf ("%s «%s»",
                                               tessera_annotation_type_get_key (annotation->type),
                                               joined));
    }
  g_ptr_array_sort (lines, compare_strings);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

/* With the token and the tag only, the text is joined again from the tokens: each
 * annotation written reads back on the same words, the documents are named after the file. */
static void
test_round_trip_tokens (FormatCorpus  *corpus,
                        gconstpointer  data)
{
  g_autofree char *path = export_corpus (corpus, "corpus.conll", NULL);
  g_autoptr(TesseraStore) other = format_corpus_import (corpus, "conll", path);
  GListModel *documents = tessera_store_get_documents (other);
  Written written = { TESSERA_CONLL_LAYERS_OUTERMOST, NULL, 0, NULL, NULL };

  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, corpus->document_ids->len);
  for (guint i = 0; i < corpus->document_ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TesseraDocument) document = g_list_model_get_item (documents, i);
      g_autoptr(TesseraDocumentRecord) original = NULL;
      g_autoptr(TesseraDocumentRecord) read = NULL;
      g_autoptr(GPtrArray) kept = g_ptr_array_new ();
      g_autofree char *title = g_strdup_printf ("corpus.conll, document %u", i + 1);
      g_autofree char *expected = NULL;
      g_autofree char *got = NULL;

      original = tessera_store_dup_document_record (corpus->store,
                                                    g_array_index (corpus->document_ids, gint64, i),
                                                    &error);
      g_assert_no_error (error);
      read = tessera_store_dup_document_record (other, tessera_document_get_id (document), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (read->info.title, ==, title);

      for (guint j = 0; j < original->annotations->len; j++)
        {
          if (keep_written (original, g_ptr_array_index (original->annotations, j), &written))
            g_ptr_array_add (kept, g_ptr_array_index (original->annotations, j));
        }
      g_assert_cmpuint (kept->len, >, 0);
      expected = dup_annotated_words (original->text, kept);
      got = dup_annotated_words (read->text, read->annotations);
      g_assert_cmpstr (got, ==, expected);
    }
  written_clear (&written);
}

/* The export's notes count what CoNLL could not carry. */
static void
test_notes (FormatCorpus  *corpus,
            gconstpointer  data)
{
  g_autoptr(TesseraExporter) exporter = tessera_formats_new_exporter ("conll", NULL);
  g_autofree char *path = format_corpus_export (corpus, exporter, "corpus.conll");
  GPtrArray *notes = tessera_exporter_get_notes (exporter);
  guint left_out = 0, flattened = 0, inside = 0, relations = 0, links = 0, claims = 0;
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *expected = NULL;

  for (guint i = 0; i < corpus->document_ids->len; i++)
    {
      g_autoptr(TesseraDocumentRecord) document =
        tessera_store_dup_document_record (corpus->store,
                                           g_array_index (corpus->document_ids, gint64, i), NULL);
      g_autoptr(TesseraConllLayout) layout =
        _tessera_conll_layout_new (document, TESSERA_CONLL_LAYERS_OUTERMOST);

      left_out += layout->n_left_out;
      flattened += layout->n_flattened;
      inside += layout->n_inside;
      relations += document->relations->len;
      for (guint j = 0; j < document->annotations->len; j++)
        {
          TesseraAnnotationRecord *annotation = g_ptr_array_index (document->annotations, j);

          links += annotation->entity != NULL;
          claims += annotation->claim != NULL;
        }
    }
  /* The corpus holds every case. */
  g_assert_cmpuint (left_out, >, 0);
  g_assert_cmpuint (relations, >, 0);
  g_assert_cmpuint (links, >, 0);
  g_assert_cmpuint (claims, >, 0);
  g_assert_cmpuint (flattened, >, 0);

  for (guint i = 0; i < notes->len; i++)
    g_string_append_printf (all, "%s\n", (const char *) g_ptr_array_index (notes, i));
  g_test_message ("%s", all->str);
  expected = g_strdup_printf ("Annotations nested in or overlapping others, not in the tag "
                              "column: %u\n", left_out);
  test_assert_contains (all->str, expected);
  g_free (expected);
  expected = g_strdup_printf ("Relations, which CoNLL cannot carry: %u\n", relations);
  test_assert_contains (all->str, expected);
  g_free (expected);
  expected = g_strdup_printf ("Links to entities, which CoNLL cannot carry: %u\n", links);
  test_assert_contains (all->str, expected);
  g_free (expected);
  expected = g_strdup_printf ("Claims whose fields, source and cue CoNLL cannot carry: %u\n",
                              claims);
  test_assert_contains (all->str, expected);
  g_free (expected);
  expected = g_strdup_printf ("Discontinuous annotations, written as one span from their first "
                              "word to their last: %u\n", flattened);
  test_assert_contains (all->str, expected);
  if (inside > 0)
    {
      g_free (expected);
      expected = g_strdup_printf ("inside a token, written on the whole token: %u\n", inside);
      test_assert_contains (all->str, expected);
    }
}

/* What conlleval (and seqeval, flair, spaCy) need: fields separated by one space, the same
 * number on every line, tags B-X, I-X or O (E-, S- with IOBES), no empty token and no
 * white space, no-break spaces included, inside one. */
static void
assert_readable_by_conlleval (const char *path,
                              guint       n_fields,
                              gboolean    iobes,
                              guint       n_documents)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) tag = g_regex_new (iobes ? "^(O|[BIES]-\\S+)$" : "^(O|[BI]-\\S+)$", 0, 0,
                                       NULL);
  guint docstarts = 0;
  guint tokens = 0;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (contents, "\n\n"));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      if (lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], " ", -1);
      g_assert_cmpuint (g_strv_length (fields), ==, n_fields);
      docstarts += g_str_equal (fields[0], "-DOCSTART-");
      tokens++;
      for (guint f = 0; f < n_fields; f++)
        {
          g_assert_cmpstr (fields[f], !=, "");
          for (const char *p = fields[f]; *p != '\0'; p = g_utf8_next_char (p))
            g_assert_false (g_unichar_isspace (g_utf8_get_char (p)));
        }
      if (!g_str_equal (fields[0], "-DOCSTART-"))
        g_assert_true (g_regex_match (tag, fields[n_fields - 1], 0, NULL));
    }
  g_assert_cmpuint (docstarts, ==, n_documents);
  g_assert_cmpuint (tokens, >, 1000);
}

static void
test_conlleval_lines (FormatCorpus  *corpus,
                      gconstpointer  data)
{
  g_autofree char *tags = export_corpus (corpus, "tags.conll", NULL);
  g_autofree char *offsets = export_corpus (corpus, "offsets.conll", "columns=token,start,end,tag",
                                            "scheme=iobes", NULL);
  g_autofree char *kinds = export_corpus (corpus, "kinds.conll", "layers=kinds", NULL);
  g_autofree char *contents = NULL;

  assert_readable_by_conlleval (tags, 2, FALSE, corpus->document_ids->len);
  assert_readable_by_conlleval (offsets, 4, TRUE, corpus->document_ids->len);
  assert_readable_by_conlleval (kinds, 4, FALSE, corpus->document_ids->len);

  /* The seeds' numbers and guillemets: a token never holds a no-break space. */
  g_file_get_contents (offsets, &contents, NULL, NULL);
  g_assert_null (strstr (contents, "\xC2\xA0"));
  g_assert_true (g_str_has_prefix (contents, "-DOCSTART- 0 "));
}

/* An annotation that ends inside a word covers the whole word in the file, and the notes
 * count it; with a column per kind, a claim and the entities in it are both written. */
static void
test_partial_token_and_kinds (FormatCorpus  *corpus,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 document_id = g_array_index (corpus->document_ids, gint64, 0);
  TesseraRange inside = { 1, 3 };   /* "es" of "Les" */
  g_autoptr(TesseraExporter) exporter = tessera_formats_new_exporter ("conll", NULL);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GString) notes = g_string_new (NULL);

  tessera_store_add_annotation (corpus->store, document_id, test_type_id (corpus->store, "place"),
                                &inside, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (tessera_format_set_option (G_OBJECT (exporter), "layers", "kinds", &error));
  g_assert_true (tessera_format_set_option (G_OBJECT (exporter), "columns",
                                            "token,start,end,tag", &error));
  path = format_corpus_export (corpus, exporter, "kinds.conll");
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  /* The first sentence is a claim; "Les" is a place too, in its own column. */
  test_assert_contains (contents, "-DOCSTART- 0 ");
  test_assert_contains (contents, "\n\nLes 0 3 B-place B-claim O\nchefs 4 9 O I-claim O\n");
  for (guint i = 0; i < tessera_exporter_get_notes (exporter)->len; i++)
    {
      const char *note = g_ptr_array_index (tessera_exporter_get_notes (exporter), i);

      g_string_append_printf (notes, "%s\n", note);
    }
  test_assert_contains (notes->str, "inside a token, written on the whole token: 1\n");
}

/* The titles as comment lines, when asked for, come back as the documents' titles. */
static void
test_titles (FormatCorpus  *corpus,
             gconstpointer  data)
{
  g_autofree char *path = export_corpus (corpus, "titled.conll", "titles=true", NULL);
  g_autoptr(TesseraStore) other = format_corpus_import (corpus, NULL, path);
  GListModel *documents = tessera_store_get_documents (other);

  for (guint i = 0; i < corpus->document_ids->len; i++)
    {
      g_autoptr(TesseraDocument) original =
        tessera_store_dup_document (corpus->store,
                                    g_array_index (corpus->document_ids, gint64, i), NULL);
      g_autoptr(TesseraDocument) read = g_list_model_get_item (documents, i);

      g_assert_cmpstr (tessera_document_get_title (read), ==,
                       tessera_document_get_title (original));
    }
}

/* Reads @contents as a file named @name into a new project; returns its first document. */
static TesseraDocumentRecord *
import_one (FormatCorpus *corpus,
            const char   *name,
            const char   *contents,
            guint         n_documents,
            TesseraStore **out_store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (corpus->dir, name, NULL);
  g_autoptr(TesseraStore) store = NULL;
  g_autoptr(TesseraDocument) document = NULL;
  TesseraDocumentRecord *record;
  GListModel *documents;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  store = format_corpus_import (corpus, NULL, path);
  documents = tessera_store_get_documents (store);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, n_documents);
  document = g_list_model_get_item (documents, 0);
  record = tessera_store_dup_document_record (store, tessera_document_get_id (document), &error);
  g_assert_no_error (error);
  if (out_store != NULL)
    *out_store = g_steal_pointer (&store);
  return record;
}

/* "key «words»" of the annotations of @document, sorted, joined by "; ". */
static char *
describe_annotations (TesseraDocumentRecord *document)
{
  g_autofree char *lines = dup_annotated_words (document->text, document->annotations);
  g_auto(GStrv) parts = g_strsplit (lines, "\n", -1);

  return g_strjoinv ("; ", parts);
}

/* IOB1, IOB2 and IOBES read alike; new types come in the tagset, the project's are used. */
static void
test_import_schemes (FormatCorpus  *corpus,
                     gconstpointer  data)
{
  static const char iob1[] =
    "M. I-person\nDiarra I-person\nrejoint O\nle O\nMali I-place\n« O\nNon O\n! O\n» O\n\n"
    "Bamako I-place\nGao B-place\net O\nle O\nG5 I-alliance\nSahel I-alliance\n. O\n";
  static const char iob2[] =
    "M. B-person\nDiarra I-person\nrejoint O\nle O\nMali B-place\n« O\nNon O\n! O\n» O\n\n"
    "Bamako B-place\nGao B-place\net O\nle O\nG5 B-alliance\nSahel I-alliance\n. O\n";
  static const char iobes[] =
    "M.\tB-person\nDiarra\tE-person\r\nrejoint\tO\nle\tO\nMali\tS-place\n«\tO\nNon\tO\n"
    "!\tO\n»\tO\n\n"
    "Bamako  S-place\nGao  S-place\net O\nle O\nG5 B-alliance\nSahel E-alliance\n. O\n";
  const char *expected_text = "M. Diarra rejoint le Mali «\xC2\xA0Non\xE2\x80\xAF!\xC2\xA0» "
                              "Bamako Gao et le G5 Sahel.";
  const char *expected = "alliance «G5 Sahel»; person «M. Diarra»; place «Bamako»; place «Gao»; "
                         "place «Mali»";
  const char *files[][2] = { { "iob1.conll", iob1 }, { "iob2.bio", iob2 }, { "iobes.iob", iobes } };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(TesseraStore) store = NULL;
      g_autoptr(TesseraDocumentRecord) document = import_one (corpus, files[i][0], files[i][1], 1,
                                                              &store);
      g_autofree char *got = describe_annotations (document);
      g_autoptr(TesseraAnnotationType) alliance = tessera_store_find_annotation_type (store,
                                                                                       "alliance");

      g_test_message ("%s", files[i][0]);
      /* French typography; the sentences of a paragraph. */
      g_assert_cmpstr (document->text, ==, expected_text);
      g_assert_cmpstr (got, ==, expected);
      g_assert_nonnull (alliance);
      g_assert_cmpint (tessera_annotation_type_get_kind (alliance), ==, TESSERA_KIND_ENTITY);
    }
}

/* CoNLL-2003 itself: part of speech and chunk columns before the tag, -DOCSTART- -X- -X- O;
 * the offsets columns place the tokens, the gaps become spaces and line breaks. */
static void
test_import_layouts (FormatCorpus  *corpus,
                     gconstpointer  data)
{
  static const char conll2003[] =
    "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\n"
    "call NN I-NP O\n. . O O\n\n-DOCSTART- -X- -X- O\n\nPeter NNP B-NP B-PER\n"
    "Blackburn NNP I-NP I-PER\n";
  static const char offsets[] =
    "# a comment\nLe 0 2 O O\nprésident 3 12 B-role O\nGoïta 13 18 B-person O\na 19 20 O B-cue\n"
    "dit 21 24 O I-cue\n. 24 25 O O\n\nIl 27 29 O O\npart 30 34 O O\n";
  g_autoptr(TesseraDocumentRecord) first = import_one (corpus, "eng.testa", conll2003, 2, NULL);
  g_autoptr(TesseraDocumentRecord) placed = import_one (corpus, "placed.conll", offsets, 1, NULL);
  g_autofree char *first_annotations = describe_annotations (first);
  g_autofree char *placed_annotations = describe_annotations (placed);

  g_assert_cmpstr (first->text, ==, "EU rejects German call.");
  g_assert_cmpstr (first_annotations, ==, "MISC «German»; ORG «EU»");
  g_assert_cmpstr (placed->text, ==, "Le président Goïta a dit.\n Il part");
  g_assert_cmpstr (placed_annotations, ==, "cue «a dit»; person «Goïta»; role «président»");
}

/* A file that is not CoNLL is refused, with its name, the line and what is wrong; the
 * project is left as it was. */
static void
test_hostile (FormatCorpus  *corpus,
              gconstpointer  data)
{
  static const char binary[] = "Le O\nMali B-place\0\x01\x02\n";
  g_autofree char *large = NULL;
  gsize large_length = 64 * 1024 * 1024 + 10;

  format_assert_import_refused (corpus, "conll", "columns.conll", "Le O\nMali B-place O\n", -1,
                                "line 2");
  format_assert_import_refused (corpus, "conll", "tag.conll", "Le O\nMali B-place\nen PLACE\n",
                                -1, "line 3: “PLACE” is not a tag");
  format_assert_import_refused (corpus, "conll", "no-tag.conll", "Le\n", -1, "line 1");
  format_assert_import_refused (corpus, "conll", "overlap.conll",
                                "Le 0 2 O\nMali 1 5 B-place\n", -1, "line 2");
  format_assert_import_refused (corpus, "conll", "length.conll",
                                "Le 0 2 O\n\nMali 3 9 B-place\n", -1, "line 3");
  format_assert_import_refused (corpus, "conll", "offset.conll",
                                "Le 0 2 O\nMali -3 x B-place\n", -1, "line 2");
  format_assert_import_refused (corpus, "conll", "far-offset.conll",
                                "Le 0 2 O\nMali 2000000000 2000000004 B-place\n", -1, "line 2");
  format_assert_import_refused (corpus, "conll", "long-document.conll",
                                "-DOCSTART- 0 2000000000 O\n\nLe 0 2 O\n", -1, "characters");
  format_assert_import_refused (corpus, "conll", "huge-offset.conll",
                                "Le 0 99999999999 O\n", -1, "line 1");
  format_assert_import_refused (corpus, "conll", "binary.conll", binary, sizeof binary - 1,
                                "line 2");
  format_assert_import_refused (corpus, "conll", "latin1.conll", "Le O\nB\xE9nin B-place\n", -1,
                                "line 2");
  format_assert_import_refused (corpus, "conll", "control.conll", "Le O\nMa\x07li B-place\n", -1,
                                "line 2");
  format_assert_import_refused (corpus, "conll", "empty.conll", "-DOCSTART- O\n\n\n", -1,
                                "no token");
  format_assert_import_refused (corpus, "conll", "combining.conll",
                                "Le 0 2 O\n\xCC\x81 2 3 O\n", -1, "NFC");
  /* The framework's limit, through this importer. */
  large = g_malloc (large_length);
  memset (large, 'a', large_length);
  format_assert_import_refused (corpus, "conll", "large.conll", large, large_length, "MiB");
}

/* A CoNLL file is found by its name or its first line, with no format named. */
static void
test_sniff (FormatCorpus  *corpus,
            gconstpointer  data)
{
  static const char * const files[][2] = {
    { "news.conll03", "Le O\n" },
    { "news.data", "-DOCSTART- -X- -X- O\n\nLe 0 2 O\n" },
    { "news.tsv", "\nLe\tO\nMali\tB-place\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (corpus->dir, files[i][0], NULL);
      g_autoptr(TesseraImporter) importer = NULL;

      g_file_set_contents (path, files[i][1], -1, &error);
      g_assert_no_error (error);
      importer = tessera_formats_sniff_importer (path, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (tessera_importer_get_id (importer), ==, "conll");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, FormatCorpus, NULL, format_corpus_set_up, func, format_corpus_tear_down)
  ADD ("/core/format/conll/round-trip-offsets", test_round_trip_offsets);
  ADD ("/core/format/conll/round-trip-kinds-iobes", test_round_trip_kinds_iobes);
  ADD ("/core/format/conll/round-trip-tokens", test_round_trip_tokens);
  ADD ("/core/format/conll/notes", test_notes);
  ADD ("/core/format/conll/conlleval-lines", test_conlleval_lines);
  ADD ("/core/format/conll/partial-token-and-kinds", test_partial_token_and_kinds);
  ADD ("/core/format/conll/titles", test_titles);
  ADD ("/core/format/conll/import-schemes", test_import_schemes);
  ADD ("/core/format/conll/import-layouts", test_import_layouts);
  ADD ("/core/format/conll/hostile", test_hostile);
  ADD ("/core/format/conll/sniff", test_sniff);
#undef ADD

  return g_test_run ();
}
