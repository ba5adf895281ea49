/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-brat"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-brat-importer.h"

#include "tessera-brat-private.h"
#include "tessera-importer-private.h"

/*
 * brat standoff as an import format: a NAME.ann with its NAME.txt beside it is one
 * document (the reader is tessera-brat-reader.c). A folder of such pairs imports each
 * pair once (tessera-import.c leaves out the .txt that has its .ann).
 */

struct _TesseraBratImporter
{
  TesseraImporter parent_instance;
};

G_DEFINE_FINAL_TYPE (TesseraBratImporter, tessera_brat_importer, TESSERA_TYPE_IMPORTER)

static const char * const brat_extensions[] = { "ann", NULL };

/* @path with its extension (if any) replaced by @extension. */
static char *
dup_sibling (const char *path,
             const char *extension)
{
  g_autofree char *base = g_path_get_basename (path);
  const char *dot = strrchr (base, '.');
  gsize stem = dot != NULL && dot != base ? (gsize) (dot - base) : strlen (base);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *name = g_strdup_printf ("%.*s.%s", (int) stem, base, extension);

  return g_build_filename (folder, name, NULL);
}

/* A .ann is brat's; so is a .txt with its .ann beside it. Else the first line of a .ann:
 * "T1<tab>Person 0 5". */
static guint
tessera_brat_importer_sniff (TesseraImporter *importer,
                             const char      *path,
                             const guint8    *data,
                             gsize            length)
{
  const char *text = (const char *) data;
  gsize i = 0;

  if (tessera_importer_handles_name (importer, path))
    return 90;
  if (_tessera_importer_has_suffix (path, "txt"))
    {
      g_autofree char *ann = dup_sibling (path, "ann");

      return g_file_test (ann, G_FILE_TEST_IS_REGULAR) ? 80 : 0;
    }
  if (length < 4 || (text[0] != 'T' && text[0] != '#'))
    return 0;
  for (i = 1; i < length && g_ascii_isdigit (text[i]); i++)
    ;
  return i > 1 && i < length && text[i] == '\t' ? 60 : 0;
}

static TesseraImportBatch *
tessera_brat_importer_read_file (TesseraImporter  *importer,
                                 TesseraStore     *store,
                                 const char       *path,
                                 GCancellable     *cancellable,
                                 GError          **error)
{
  g_autoptr(TesseraImportBatch) batch = tessera_import_batch_new ();
  g_autoptr(TesseraBratReader) reader = _tessera_brat_reader_new (store, batch, TRUE);
  gboolean named_text = _tessera_importer_has_suffix (path, "txt");
  g_autofree char *ann = named_text ? dup_sibling (path, "ann") : g_strdup (path);
  g_autofree char *txt = named_text ? g_strdup (path) : dup_sibling (path, "txt");
  g_autofree char *display_name = g_filename_display_basename (ann);
  TesseraDocumentRecord *document;

  if (!g_file_test (txt, G_FILE_TEST_EXISTS))
    {
      g_autofree char *txt_name = g_filename_display_basename (txt);

      g_set_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_FAILED,
                   _("%s has no text beside it: brat keeps it in %s, in the same folder"),
                   display_name, txt_name);
      return NULL;
    }
  document = _tessera_brat_reader_read (reader, ann, txt, display_name, error);
  if (document == NULL)
    return NULL;
  g_ptr_array_add (batch->documents, document);
  return g_steal_pointer (&batch);
}

static void
tessera_brat_importer_class_init (TesseraBratImporterClass *klass)
{
  TesseraImporterClass *importer_class = TESSERA_IMPORTER_CLASS (klass);

  importer_class->id = "brat";
  importer_class->name = N_("brat standoff");
  importer_class->extensions = brat_extensions;
  importer_class->mime_type = "text/x-brat-ann";
  importer_class->sniff = tessera_brat_importer_sniff;
  importer_class->read_file = tessera_brat_importer_read_file;
}

static void
tessera_brat_importer_init (TesseraBratImporter *self)
{
}
