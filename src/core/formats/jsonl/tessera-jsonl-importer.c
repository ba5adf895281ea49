/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "tessera-jsonl-importer.h"

#include "tessera-jsonl-private.h"

/*
 * doccano JSONL import: every line of the file is a document, read by the one reader of
 * the format (tessera-jsonl-reader.c); the framework writes them all or none.
 */

struct _TesseraJsonlImporter
{
  TesseraImporter parent_instance;
};

G_DEFINE_FINAL_TYPE (TesseraJsonlImporter, tessera_jsonl_importer, TESSERA_TYPE_IMPORTER)

static const char * const jsonl_extensions[] = { "jsonl", "json", NULL };

/* A JSON object with "text" on the first line. A line longer than what the registry reads
 * (a novel) cannot be parsed whole: its start must look like one. */
static guint
tessera_jsonl_importer_sniff (TesseraImporter *importer,
                              const char      *path,
                              const guint8    *data,
                              gsize            length)
{
  const char *start = (const char *) data;
  const char *end = (const char *) data + length;
  const char *line_end;
  gboolean named = tessera_importer_handles_name (importer, path);

  if (length >= 3 && memcmp (start, "\xEF\xBB\xBF", 3) == 0)
    start += 3;
  while (start < end && g_ascii_isspace (*start))
    start++;
  if (start == end || *start != '{' || memchr (start, '\0', end - start) != NULL)
    return 0;
  line_end = memchr (start, '\n', end - start);
  if (line_end != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      JsonNode *root;

      if (!json_parser_load_from_data (parser, start, line_end - start, NULL))
        return named ? 20 : 0;
      root = json_parser_get_root (parser);
      if (!JSON_NODE_HOLDS_OBJECT (root) ||
          !json_object_has_member (json_node_get_object (root), "text"))
        return named ? 20 : 0;
      return named ? 95 : 80;
    }
  if (g_strstr_len (start, end - start, "\"text\"") == NULL)
    return named ? 20 : 0;
  return named ? 90 : 60;
}

static TesseraImportBatch *
tessera_jsonl_importer_read_file (TesseraImporter  *importer,
                                  TesseraStore     *store,
                                  const char       *path,
                                  GCancellable     *cancellable,
                                  GError          **error)
{
  g_autoptr(TesseraImportBatch) batch = tessera_import_batch_new ();
  g_autoptr(TesseraJsonlReader) reader = _tessera_jsonl_reader_new (store, path, cancellable,
                                                                    error);
  gboolean end = FALSE;

  if (reader == NULL)
    return NULL;
  while (!end)
    {
      TesseraDocumentRecord *document = _tessera_jsonl_reader_next (reader, &end, error);

      if (document != NULL)
        g_ptr_array_add (batch->documents, document);
      else if (!end)
        return NULL;
    }
  if (batch->documents->len == 0)
    {
      g_autofree char *display_name = g_filename_display_basename (path);

      g_set_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_EMPTY,
                   _("%s holds no document: no line with a JSON object"), display_name);
      return NULL;
    }
  _tessera_jsonl_reader_steal_into (reader, batch);
  return g_steal_pointer (&batch);
}

static void
tessera_jsonl_importer_class_init (TesseraJsonlImporterClass *klass)
{
  TesseraImporterClass *importer_class = TESSERA_IMPORTER_CLASS (klass);

  importer_class->id = "jsonl";
  importer_class->name = N_("doccano JSONL");
  importer_class->extensions = jsonl_extensions;
  importer_class->mime_type = "application/jsonl";
  importer_class->sniff = tessera_jsonl_importer_sniff;
  importer_class->read_file = tessera_jsonl_importer_read_file;
}

static void
tessera_jsonl_importer_init (TesseraJsonlImporter *self)
{
}
