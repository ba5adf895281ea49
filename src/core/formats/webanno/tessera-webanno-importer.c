/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-webanno-importer.h"

#include "tessera-importer-private.h"
#include "tessera-project-files-private.h"
#include "tessera-webanno-private.h"

/*
 * WebAnno TSV 3 (INCEpTION's and WebAnno's exchange format): one document per file. Named
 * entities keep their type and authority link, claims and cues written by Tessera their
 * fields, source and cue; any other span layer becomes annotations of a type named after
 * it, relations relations, chains "same-as" links. What has no place in a project (parts
 * of speech, lemmas, dependencies, slot links, annotations of no width) is named in the
 * import's warnings.
 */

struct _TesseraWebannoImporter
{
  TesseraImporter parent_instance;
};

G_DEFINE_FINAL_TYPE (TesseraWebannoImporter, tessera_webanno_importer, TESSERA_TYPE_IMPORTER)

static const char * const webanno_extensions[] = { "tsv", NULL };

/* Sure of a file that says it is WebAnno TSV 3; a .tsv may be any table. */
static guint
tessera_webanno_importer_sniff (TesseraImporter *importer,
                                const char      *path,
                                const guint8    *data,
                                gsize            length)
{
  static const char prefix[] = "#FORMAT=WebAnno TSV 3";
  gsize start = length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;

  if (length - start >= sizeof prefix - 1 &&
      memcmp (data + start, prefix, sizeof prefix - 1) == 0)
    return 100;
  return tessera_importer_handles_name (importer, path) ? 20 : 0;
}

static TesseraImportBatch *
tessera_webanno_importer_read_file (TesseraImporter  *importer,
                                    TesseraStore     *store,
                                    const char       *path,
                                    GCancellable     *cancellable,
                                    GError          **error)
{
  g_autoptr(TesseraImportBatch) batch = tessera_import_batch_new ();
  g_autoptr(TesseraWebannoTypes) types = NULL;
  g_autofree char *display_name = g_filename_display_basename (path);
  g_autofree char *absolute = NULL;
  g_autofree char *data = NULL;
  TesseraDocumentRecord *document;
  gsize length = 0;

  /* A project is not WebAnno TSV; and this process may have it open (its locks). */
  if (!_tessera_project_files_check_readable (path, error) ||
      !g_file_get_contents (path, &data, &length, error))
    return NULL;
  if (length > TESSERA_IMPORT_MAX_BYTES)
    {
      _tessera_importer_set_too_large (error, display_name, length);
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  types = _tessera_webanno_types_new (store, batch);
  document = _tessera_webanno_read (types, display_name, data, length, batch->warnings,
                                    error);
  if (document == NULL)
    return NULL;
  absolute = g_canonicalize_filename (path, NULL);
  document->info.source_path = g_filename_display_name (absolute);
  g_ptr_array_add (batch->documents, document);
  return g_steal_pointer (&batch);
}

static void
tessera_webanno_importer_class_init (TesseraWebannoImporterClass *klass)
{
  TesseraImporterClass *importer_class = TESSERA_IMPORTER_CLASS (klass);

  importer_class->id = "webanno";
  importer_class->name = N_("WebAnno TSV 3.3");
  importer_class->extensions = webanno_extensions;
  importer_class->mime_type = "text/tab-separated-values";
  importer_class->sniff = tessera_webanno_importer_sniff;
  importer_class->read_file = tessera_webanno_importer_read_file;
}

static void
tessera_webanno_importer_init (TesseraWebannoImporter *self)
{
}
