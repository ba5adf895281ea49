/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-format-error.h"
#include "tessera-import.h"
#include "tessera-record.h"
#include "tessera-store.h"

G_BEGIN_DECLS

/**
 * TesseraImportBatch:
 * @documents: (element-type TesseraDocumentRecord): the documents of the file, in order
 * @entities: (element-type TesseraEntityRecord): the entities they name, to create (or,
 *   with an id, the project's own)
 * @new_types: (element-type TesseraAnnotationType): annotation types to add to the tagset
 *   before the documents that use them
 * @warnings: (element-type utf8): what was read otherwise than written, for the user
 * @new_relation_types: (element-type TesseraRelationType): relation types to add to the
 *   tagset, with their labels (a relation of a type the tagset lacks brings it along
 *   anyway, named by its key)
 *
 * What a file holds, as an importer reads it. The framework writes it into the project in
 * one transaction.
 */
typedef struct
{
  GPtrArray *documents;
  GPtrArray *entities;
  GPtrArray *new_types;
  GPtrArray *warnings;
  GPtrArray *new_relation_types;
} TesseraImportBatch;

TesseraImportBatch *tessera_import_batch_new  (void);
void                tessera_import_batch_free (TesseraImportBatch *batch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraImportBatch, tessera_import_batch_free)

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
 * @read_file: reads a file the framework has checked (a regular file, not too large) into
 *   records, without writing anything; the project is there to look at (its tagset, its
 *   entities), the framework writes the records
 *
 * A format Tessera imports. A format only reads: tessera_importer_import_file() writes what
 * it read into the project, for every format alike. Options are properties of the
 * subclass.
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
  TesseraImportBatch *(*read_file) (TesseraImporter  *self,
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
