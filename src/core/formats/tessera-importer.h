/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-format-error.h"
#include "tessera-import.h"
#include "tessera-store.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_IMPORTER (tessera_importer_get_type ())
G_DECLARE_DERIVABLE_TYPE (TesseraImporter, tessera_importer, TESSERA, IMPORTER, GObject)

/**
 * TesseraImporterClass:
 * @id: the name the command line knows the format by, such as "tei"
 * @name: what the user reads, marked for translation
 * @extensions: (array zero-terminated=1): the file name endings, without the dot
 * @mime_type: the format's MIME type
 * @sniff: how sure the importer is that it reads the file, from 0 (not at all) to 100,
 *   judging by its name and first bytes
 * @import_file: imports a file the framework has checked (a regular file, not too large,
 *   not a project); one result per document it holds
 *
 * A format Tessera imports. Options are properties of the subclass.
 */
struct _TesseraImporterClass
{
  GObjectClass parent_class;

  const char          *id;
  const char          *name;
  const char * const  *extensions;
  const char          *mime_type;

  guint      (*sniff)       (TesseraImporter  *self,
                             const char       *path,
                             const guint8     *data,
                             gsize             length);
  GPtrArray *(*import_file) (TesseraImporter  *self,
                             TesseraStore     *store,
                             const char       *path,
                             GCancellable     *cancellable,
                             GError          **error);

  /*< private >*/
  gpointer padding[8];
};

const char         *tessera_importer_get_id          (TesseraImporter  *self);
const char         *tessera_importer_get_name        (TesseraImporter  *self);
const char * const *tessera_importer_get_extensions  (TesseraImporter  *self);
const char         *tessera_importer_get_mime_type   (TesseraImporter  *self);
gboolean            tessera_importer_handles_name    (TesseraImporter  *self,
                                                      const char       *name);
guint               tessera_importer_sniff           (TesseraImporter  *self,
                                                      const char       *path,
                                                      const guint8     *data,
                                                      gsize             length);
GPtrArray          *tessera_importer_import_file     (TesseraImporter  *self,
                                                      TesseraStore     *store,
                                                      const char       *path,
                                                      GCancellable     *cancellable,
                                                      GError          **error);

G_END_DECLS
