/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-format-webannotation"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "format-corpus.h"
#include "tessera-webannotation-private.h"
#include "test-common.h"

/*
 * The Web Annotation export of the round-trip corpus, parsed here as a JSON-LD consumer
 * would: a collection per document, each annotation's quote and position pointing at its
 * text in code points (emoji, combining marks and Arabic included), its type, entity and
 * authority records as bodies, the claims' sources and cues and the relations as linking
 * annotations between ids of the same collection; the read-back refusing a collection whose
 * quote does not match its position.
 */

static JsonArray *
parse_export (FormatCorpus    *corpus,
              TesseraExporter *exporter,
              JsonParser      *parser)
{
  g_autofree char *path = format_corpus_export (corpus, exporter, "corpus.jsonld");
  g_autoptr(GError) error = NULL;

  json_parser_load_from_mapped_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  return json_node_get_array (json_parser_get_root (parser));
}

/* The text of [start, end) in code points, counted here on its own. */
static char *
slice (const char *text,
       gint64      start,
       gint64      end)
{
  const char *first = g_utf8_offset_to_pointer (text, start);

  return g_strndup (first, g_utf8_offset_to_pointer (first, end - start) - first);
}

static JsonArray *
member_as_array (JsonObject *object,
                 const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  JsonArray *array;

  g_assert_nonnull (node);
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_ref (json_node_get_array (node));
  array = json_array_new ();
  json_array_add_element (array, json_node_copy (node));
  return array;
}

static void
assert_target (JsonObject                    *target,
               const TesseraDocumentRecord   *document,
               const TesseraRange            *range)
{
  JsonArray *selectors = json_object_get_array_member (target, "selector");
  JsonObject *quote = json_array_get_object_element (selectors, 0);
  JsonObject *position = json_array_get_object_element (selectors, 1);
  g_autofree char *exact = slice (document->text, range->start, range->end);
  g_autofree char *before = slice (document->text, 0, range->start);
  const char *prefix, *suffix;

  g_assert_cmpstr (json_object_get_string_member (quote, "type"), ==, "TextQuoteSelector");
  g_assert_cmpstr (json_object_get_string_member (position, "type"), ==, "TextPositionSelector");
  g_assert_cmpint (json_object_get_int_member (position, "start"), ==, range->start);
  g_assert_cmpint (json_object_get_int_member (position, "end"), ==, range->end);
  g_assert_cmpstr (json_object_get_string_member (quote, "exact"), ==, exact);
  prefix = json_object_get_string_member (quote, "prefix");
  suffix = json_object_get_string_member (quote, "suffix");
  g_assert_true (g_str_has_suffix (before, prefix));
  g_assert_cmpint (g_utf8_strlen (prefix, -1), ==, MIN (range->start, 32));
  g_assert_true (g_str_has_prefix (g_utf8_offset_to_pointer (document->text, range->end), suffix));
  g_assert_cmpint (g_utf8_strlen (suffix, -1), <=, 32);
}

static gboolean
has_body (JsonArray  *bodies,
          const char *purpose,
          const char *member,
          const char *value)
{
  for (guint i = 0; i < json_array_get_length (bodies); i++)
    {
      JsonObject *body = json_array_get_object_element (bodies, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (body, "purpose", NULL), purpose) == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (body, member, NULL), value) == 0)
        return TRUE;
    }
  return FALSE;
}

/* An annotation: its targets are its ranges; its bodies its type, entity and note. */
static void
assert_annotation (JsonObject                    *item,
                   const TesseraDocumentRecord   *document,
                   const TesseraAnnotationRecord *annotation)
{
  g_autoptr(JsonArray) targets = member_as_array (item, "target");
  g_autoptr(JsonArray) bodies = member_as_array (item, "body");

  g_assert_cmpstr (json_object_get_string_member (item, "type"), ==, "Annotation");
  g_assert_true (json_object_has_member (item, "created"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item, "creator"),
                                                  "name"), ==, annotation->annotator);
  g_assert_cmpuint (json_array_get_length (targets), ==, annotation->ranges->len);
  for (guint i = 0; i < annotation->ranges->len; i++)
    assert_target (json_array_get_object_element (targets, i), document,
                   &g_array_index (annotation->ranges, TesseraRange, i));
  g_assert_true (has_body (bodies, "tagging", "value",
                           tessera_annotation_type_get_label (annotation->type)));
  if (annotation->entity != NULL)
    {
      g_assert_true (has_body (bodies, "identifying", "value", annotation->entity->name));
      for (guint i = 0; i < annotation->entity->authorities->len; i++)
        g_assert_true (has_body (bodies, "identifying", "source",
                                 g_array_index (annotation->entity->authorities,
                                                TesseraAuthority, i).uri));
    }
  if (annotation->note != NULL)
    g_assert_true (has_body (bodies, "commenting", "value", annotation->note));
  if (annotation->claim != NULL && annotation->claim->polarity != NULL)
    {
      g_autofree char *polarity = g_strdup_printf ("polarity: %s", annotation->claim->polarity);

      g_assert_true (has_body (bodies, "classifying", "value", polarity));
    }
}

static JsonObject *
find_item (GHashTable *items,
           const char *id)
{
  JsonObject *item = g_hash_table_lookup (items, id);

  g_assert_nonnull (item);
  return item;
}

static void
assert_link (GHashTable *items,
             JsonObject *link,
             const char *first,
             const char *second)
{
  JsonArray *targets = json_object_get_array_member (link, "target");

  g_assert_cmpstr (json_object_get_string_member (link, "motivation"), ==, "linking");
  g_assert_cmpuint (json_array_get_length (targets), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (targets, 0), ==, first);
  if (second != NULL)
    g_assert_cmpstr (json_array_get_string_element (targets, 1), ==, second);
  find_item (items, first);
}

/* A collection per document, whose items are its annotations, then what links them. */
static void
test_collections (FormatCorpus  *corpus,
                  gconstpointer  data)
{
  g_autoptr(TesseraExporter) exporter = g_object_new (TESSERA_TYPE_WEBANNOTATION_EXPORTER, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *collections = parse_export (corpus, exporter, parser);
  guint n_status = 0, n_links = 0, n_discontinuous = 0;

  g_assert_cmpuint (json_array_get_length (collections), ==, corpus->document_ids->len);
  for (guint d = 0; d < corpus->document_ids->len; d++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TesseraDocumentRecord) document =
        tessera_store_dup_document_record (corpus->store,
                                           g_array_index (corpus->document_ids, gint64, d),
                                           &error);
      JsonObject *collection = json_array_get_object_element (collections, d);
      JsonObject *page = json_object_get_object_member (collection, "first");
      JsonArray *list = json_object_get_array_member (page, "items");
      g_autoptr(GHashTable) items = g_hash_table_new (g_str_hash, g_str_equal);
      g_autofree char *prefix = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (json_object_get_string_member (collection, "@context"), ==,
                       "http://www.w3.org/ns/anno.jsonld");
      g_assert_cmpstr (json_object_get_string_member (collection, "type"), ==,
                       "AnnotationCollection");
      g_assert_cmpstr (json_object_get_string_member (collection, "label"), ==,
                       document->info.title);
      g_assert_cmpint (json_object_get_int_member (collection, "total"), ==,
                       json_array_get_length (list));
      g_assert_cmpstr (json_object_get_string_member (page, "type"), ==, "AnnotationPage");

      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonObject *item = json_array_get_object_element (list, i);

          g_hash_table_insert (items, (gpointer) json_object_get_string_member (item, "id"), item);
        }
      g_assert_cmpuint (g_hash_table_size (items), ==, json_array_get_length (list));

      /* The ids are the annotations', under a prefix of the document. */
      prefix = g_strndup (json_object_get_string_member (json_array_get_object_element (list, 0), "id"),
                          strrchr (json_object_get_string_member (json_array_get_object_element (list, 0), "id"), ':') -
                          json_object_get_string_member (json_array_get_object_element (list, 0), "id") + 1);
      for (guint i = 0; i < document->annotations->len; i++)
        {
          TesseraAnnotationRecord *annotation = g_ptr_array_index (document->annotations, i);
          g_autofree char *id = g_strdup_printf ("%s%" G_GINT64_FORMAT, prefix, annotation->id);
          TesseraClaimRecord *claim = annotation->claim;

          assert_annotation (find_item (items, id), document, annotation);
          n_discontinuous += annotation->ranges->len > 1;
          n_status += annotation->status != TESSERA_STATUS_ACCEPTED ||
                      annotation->certainty != TESSERA_CERTAINTY_UNKNOWN;
          if (claim != NULL && claim->cue != NULL)
            {
              g_autofree char *link = g_strconcat (id, ":cue", NULL);
              g_autofree char *cue = g_strdup_printf ("%s%" G_GINT64_FORMAT, prefix, claim->cue->id);

              assert_link (items, find_item (items, link), id, cue);
              n_links++;
            }
          if (claim != NULL && (claim->source_annotation != NULL || claim->source_entity != NULL))
            {
              g_autofree char *link = g_strconcat (id, ":source", NULL);
              g_autofree char *source = claim->source_annotation != NULL
                ? g_strdup_printf ("%s%" G_GINT64_FORMAT, prefix, claim->source_annotation->id)
                : NULL;

              assert_link (items, find_item (items, link), id, source);
              n_links++;
            }
        }
      for (guint i = 0; i < document->relations->len; i++)
        {
          TesseraRelationRecord *relation = g_ptr_array_index (document->relations, i);
          g_autofree char *base = g_strndup (prefix, strlen (prefix) - strlen ("annotation:"));
          g_autofree char *id = g_strdup_printf ("%srelation:%" G_GINT64_FORMAT, base, relation->id);
          g_autofree char *source = g_strdup_printf ("%s%" G_GINT64_FORMAT, prefix, relation->source->id);
          g_autofree char *target = g_strdup_printf ("%s%" G_GINT64_FORMAT, prefix, relation->target->id);
          JsonObject *link = find_item (items, id);
          g_autoptr(JsonArray) bodies = member_as_array (link, "body");

          assert_link (items, link, source, target);
          g_assert_true (has_body (bodies, "tagging", "value", relation->type));
          n_links++;
        }
      g_assert_cmpuint (json_array_get_length (list), ==, document->annotations->len + n_links);
      n_links = 0;
    }
  g_assert_cmpuint (n_discontinuous, >, 0);

  /* Status and certainty are not carried, and counted. */
  g_assert_cmpuint (n_status, >, 0);
  g_assert_cmpuint (tessera_exporter_get_notes (exporter)->len, ==, 1);
  {
    g_autofree char *count = g_strdup_printf ("%u annotations", n_status);

    test_assert_contains (g_ptr_array_index (tessera_exporter_get_notes (exporter), 0), count);
  }
}

/* Reads the collection of lines[1…] (up to its end line) into @read, through the
 * read-back's reader; @tamper changes the first item's position. */
static gboolean
read_back (FormatCorpus           *corpus,
           char                  **lines,
           const char             *source,
           gboolean                tamper,
           TesseraDocumentRecord  *read,
           GError                **error)
{
  g_autoptr(TesseraDocumentRecord) written =
    tessera_store_dup_document_record (corpus->store,
                                       g_array_index (corpus->document_ids, gint64, 0), NULL);
  g_autoptr(GRegex) position = g_regex_new ("\"start\":([0-9]+)", 0, 0, NULL);
  g_autoptr(TesseraWebannotationReader) reader = NULL;
  TesseraWebannotationTags tags;
  gboolean ok;

  _tessera_webannotation_tags_init (&tags, tessera_store_get_tagset (corpus->store));
  reader = _tessera_webannotation_reader_new ("corpus.jsonld", written, source, &tags, read);
  ok = _tessera_webannotation_reader_head (reader, lines[1], strlen (lines[1]), error);
  for (guint i = 2; ok && !g_str_has_prefix (lines[i], "]}}"); i++)
    {
      g_autofree char *item = g_strndup (lines[i], strlen (lines[i]) -
                                                   (g_str_has_suffix (lines[i], ",") ? 1 : 0));

      if (tamper && i == 2)
        {
          g_autofree char *moved = g_regex_replace_literal (position, item, -1, 0, "\"start\":1",
                                                            G_REGEX_MATCH_DEFAULT, NULL);

          g_free (item);
          item = g_steal_pointer (&moved);
        }
      {
        g_autofree char *items = g_strconcat ("[", item, "]", NULL);

        ok = _tessera_webannotation_reader_items (reader, items, strlen (items), error);
      }
    }
  ok = ok && _tessera_webannotation_reader_finish (reader, error) &&
       tessera_format_compare_document ("corpus.jsonld", written, read,
                                        TESSERA_CARRIES_TITLE | TESSERA_CARRIES_RANGES |
                                        TESSERA_CARRIES_ENTITIES | TESSERA_CARRIES_AUTHORITIES |
                                        TESSERA_CARRIES_CLAIM_FIELDS |
                                        TESSERA_CARRIES_CLAIM_ROLES | TESSERA_CARRIES_RELATIONS |
                                        TESSERA_CARRIES_NOTES | TESSERA_CARRIES_ANNOTATOR,
                                        error);
  _tessera_webannotation_tags_clear (&tags);
  return ok;
}

/* The file is one JSON array whose lines are each a collection's head or end or one
 * annotation, which the read-back reads a line at a time; it reads the first collection
 * back whole, and refuses it once a position no longer matches its quote. */
static void
test_read_back_refuses (FormatCorpus  *corpus,
                        gconstpointer  data)
{
  g_autoptr(TesseraExporter) exporter = g_object_new (TESSERA_TYPE_WEBANNOTATION_EXPORTER, NULL);
  g_autofree char *path = format_corpus_export (corpus, exporter, "corpus.jsonld");
  g_autoptr(TesseraDocumentRecord) read = tessera_document_record_new ();
  g_autoptr(TesseraDocumentRecord) tampered = tessera_document_record_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *contents = NULL;
  g_autofree char *source = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint n_lines;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  n_lines = g_strv_length (lines);
  g_assert_cmpstr (lines[0], ==, "[");
  g_assert_cmpstr (lines[n_lines - 2], ==, "]");
  g_assert_cmpstr (lines[n_lines - 1], ==, "");
  g_assert_true (g_str_has_suffix (lines[1], "\"items\":["));

  /* An item's line is an annotation of its own, with the document as its target. */
  json_parser_load_from_data (parser, lines[2], strlen (lines[2]) - 1, &error);
  g_assert_no_error (error);
  {
    g_autoptr(JsonArray) targets = member_as_array (json_node_get_object (json_parser_get_root (parser)),
                                                    "target");

    source = g_strdup (json_object_get_string_member (json_array_get_object_element (targets, 0),
                                                      "source"));
  }

  g_assert_true (read_back (corpus, lines, source, FALSE, read, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (read->annotations->len, >, 0);

  g_assert_false (read_back (corpus, lines, source, TRUE, tampered, &error));
  g_assert_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK);
  test_assert_contains (error->message, "corpus.jsonld");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/format/webannotation/collections", FormatCorpus, NULL,
              format_corpus_set_up, test_collections, format_corpus_tear_down);
  g_test_add ("/core/format/webannotation/read-back-refuses", FormatCorpus, NULL,
              format_corpus_set_up, test_read_back_refuses, format_corpus_tear_down);

  return g_test_run ();
}
