/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-conll"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-conll-importer.h"

#include "tessera-conll-private.h"

/*
 * CoNLL-2003 files (IOB1, IOB2, IOBES; the token and its tag, its offsets too, or one tag
 * column per kind): each document between -DOCSTART- lines, its text joined from the
 * tokens with the tokeniser's spacing rules, or placed at their offsets when the file
 * gives them. Tags name types by key; those the project lacks come as new types.
 */

struct _TesseraConllImporter
{
  TesseraImporter parent_instance;
};

G_DEFINE_FINAL_TYPE (TesseraConllImporter, tessera_conll_importer, TESSERA_TYPE_IMPORTER)

static const char * const conll_extensions[] = { "conll", "iob", "bio", "conll03", NULL };

/* Lines read between two looks at the cancellable. */
#define CANCEL_LINES 4096

static guint
sniff_first_line (const char *text,
                  gsize       length)
{
  const char *end = text + length;
  const char *p = text;

  if (length >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  while (p < end)
    {
      const char *line_end = memchr (p, '\n', end - p);
      gsize line_length = (line_end != NULL ? line_end : end) - p;

      if (line_length >= strlen (TESSERA_CONLL_DOCSTART) &&
          memcmp (p, TESSERA_CONLL_DOCSTART, strlen (TESSERA_CONLL_DOCSTART)) == 0)
        return 90;
      if (strspn (p, " \t\r") < line_length)
        return _tessera_conll_is_token_line (p, line_length) ? 40 : 0;
      if (line_end == NULL)
        break;
      p = line_end + 1;
    }
  return 0;
}

/* The extensions, a -DOCSTART- line or a first line of a token and a tag. */
static guint
tessera_conll_importer_sniff (TesseraImporter *importer,
                              const char      *path,
                              const guint8    *data,
                              gsize            length)
{
  gboolean named = tessera_importer_handles_name (importer, path);
  guint score;

  if (length > 0 && memchr (data, '\0', length) != NULL)
    return named ? 1 : 0;
  score = sniff_first_line ((const char *) data, length);
  if (named)
    return MAX (score, 70);
  return score;
}

static gboolean
add_document (TesseraImportBatch     *batch,
              TesseraDocumentRecord  *document,
              const char             *display_name)
{
  if (document == NULL)
    return FALSE;
  if (document->info.title == NULL || document->info.title[0] == '\0')
    {
      g_free (document->info.title);
      /* Translators: the title of an imported document: the file's name and its number */
      document->info.title = g_strdup_printf (_("%s, document %u"), display_name,
                                              batch->documents->len + 1);
    }
  g_ptr_array_add (batch->documents, document);
  return TRUE;
}

static TesseraImportBatch *
tessera_conll_importer_read_file (TesseraImporter  *importer,
                                  TesseraStore     *store,
                                  const char       *path,
                                  GCancellable     *cancellable,
                                  GError          **error)
{
  g_autofree char *display_name = g_filename_display_basename (path);
  g_autoptr(TesseraImportBatch) batch = tessera_import_batch_new ();
  g_autoptr(TesseraConllReader) reader = NULL;
  g_autofree char *data = NULL;
  TesseraDocumentRecord *document = NULL;
  TesseraConllTypes types;
  gsize length;
  const char *p;
  const char *end;
  gboolean ok = TRUE;

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  _tessera_conll_types_init (&types, store);
  reader = _tessera_conll_reader_new (display_name, &types);

  end = data + length;
  for (p = data; ok && p < end;)
    {
      const char *line_end = memchr (p, '\n', end - p);

      if (line_end == NULL)
        line_end = end;
      if (_tessera_conll_reader_get_line (reader) % CANCEL_LINES == 0 &&
          g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      else if (!_tessera_conll_reader_read_line (reader, p, line_end - p, &document, error))
        ok = FALSE;
      else
        add_document (batch, g_steal_pointer (&document), display_name);
      p = line_end + 1;
    }
  if (ok)
    {
      ok = _tessera_conll_reader_finish (reader, &document, error);
      if (ok)
        add_document (batch, g_steal_pointer (&document), display_name);
    }
  if (ok && batch->documents->len == 0)
    {
      g_set_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_EMPTY,
                   _("%s holds no token: there is nothing to import"), display_name);
      ok = FALSE;
    }
  if (ok)
    g_ptr_array_extend_and_steal (batch->new_types, g_steal_pointer (&types.new_types));
  _tessera_conll_types_clear (&types);
  return ok ? g_steal_pointer (&batch) : NULL;
}

static void
tessera_conll_importer_class_init (TesseraConllImporterClass *klass)
{
  TesseraImporterClass *importer_class = TESSERA_IMPORTER_CLASS (klass);

  importer_class->id = "conll";
  importer_class->name = N_("CoNLL-2003 (IOB1, IOB2, IOBES)");
  importer_class->extensions = conll_extensions;
  importer_class->mime_type = "text/plain";
  importer_class->sniff = tessera_conll_importer_sniff;
  importer_class->read_file = tessera_conll_importer_read_file;
}

static void
tessera_conll_importer_init (TesseraConllImporter *self)
{
}
