/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-tei"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-tei-importer.h"

#include "tessera-tei-import.h"

/*
 * TEI P5 as an import format, read by _tessera_tei_read_batch(): a TEI or teiCorpus file,
 * one document per TEI it holds.
 */

struct _TesseraTeiImporter
{
  TesseraImporter parent_instance;
};

G_DEFINE_FINAL_TYPE (TesseraTeiImporter, tessera_tei_importer, TESSERA_TYPE_IMPORTER)

static const char * const tei_extensions[] = { "xml", "tei", NULL };

/* A root element TEI or teiCorpus makes it TEI whatever its name; a .xml or .tei is
 * meant as TEI, and the importer says what is wrong with it if it is not. */
static guint
tessera_tei_importer_sniff (TesseraImporter *importer,
                            const char      *path,
                            const guint8    *data,
                            gsize            length)
{
  if (length > 0 && memchr (data, '<', length) != NULL && tessera_tei_file_is_tei (path))
    return 90;
  return tessera_importer_handles_name (importer, path) ? 60 : 0;
}

static void
tessera_tei_importer_class_init (TesseraTeiImporterClass *klass)
{
  TesseraImporterClass *importer_class = TESSERA_IMPORTER_CLASS (klass);

  importer_class->id = "tei";
  importer_class->name = N_("TEI P5");
  importer_class->extensions = tei_extensions;
  importer_class->mime_type = "application/tei+xml";
  importer_class->sniff = tessera_tei_importer_sniff;
  importer_class->read_file = _tessera_tei_read_batch;
}

static void
tessera_tei_importer_init (TesseraTeiImporter *self)
{
}
