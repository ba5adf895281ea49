/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-format-error.h"
#include "tessera-record.h"
#include "tessera-store.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_EXPORTER (tessera_exporter_get_type ())
G_DECLARE_DERIVABLE_TYPE (TesseraExporter, tessera_exporter, TESSERA, EXPORTER, GObject)

/**
 * TesseraExporterClass:
 * @id: the name the command line knows the format by, such as "tei"
 * @name: what the user reads, marked for translation
 * @extensions: (array zero-terminated=1): the file name endings, without the dot; the
 *   first is the one given to the files written
 * @mime_type: the format's MIME type
 * @writes_folder: whether the destination is a folder with one file per document (with
 *   the options set) rather than one file; the default says one file
 * @prepare: called once before the first file, with the project and the documents that
 *   will be exported (each once, in order), for what a format writes from the project as
 *   a whole or checks before anything is written; %NULL if not needed
 * @finish: called once after the export, whether it succeeded or not, to drop what
 *   @prepare took; %NULL if not needed
 * @begin: writes what comes before the first document
 * @write_document: writes one document; called once per document, in order. The record
 *   is freed after the call: the format may take what it keeps of it (such as its text,
 *   so that a novel is in memory once), or free what it no longer needs
 * @end: writes what comes after the last document
 * @check: reads back the written file @path and compares it with what was written; the
 *   file replaces its destination only if this returns %TRUE
 * @export: the whole export, for a format that does not go through begin, write_document
 *   and end (the default implementation writes, checks and renames each file)
 * @dup_file_name: the name of a document's file in a folder export, for a format that
 *   names its files otherwise than "document-ID.EXT" (the default)
 * @carries_cross_document_relations: whether a file of several documents holds the
 *   relations between them (a TEI corpus); %NULL says no. The default export notes in the
 *   summary every relation between documents (same claim…) that it does not write: all
 *   of them for a format that does not carry them, else those to a document left out
 *
 * A format Tessera exports. Options are properties of the subclass, which the command line
 * and the export dialog show. The framework gives every format the same guarantees: a
 * project is never a destination, a file is written beside its destination, read back
 * with @check, and only then renamed over it; documents are read one at a time.
 */
struct _TesseraExporterClass
{
  GObjectClass parent_class;

  const char          *id;
  const char          *name;
  const char * const  *extensions;
  const char          *mime_type;

  gboolean  (*writes_folder)  (TesseraExporter              *self);
  gboolean  (*prepare)        (TesseraExporter              *self,
                               TesseraStore                 *store,
                               const gint64                 *document_ids,
                               guint                         n_documents,
                               GCancellable                 *cancellable,
                               GError                      **error);
  void      (*finish)         (TesseraExporter              *self);
  gboolean  (*begin)          (TesseraExporter              *self,
                               GOutputStream                *stream,
                               GError                      **error);
  gboolean  (*write_document) (TesseraExporter              *self,
                               GOutputStream                *stream,
                               TesseraDocumentRecord        *document,
                               GError                      **error);
  gboolean  (*end)            (TesseraExporter              *self,
                               GOutputStream                *stream,
                               GError                      **error);
  gboolean  (*check)          (TesseraExporter              *self,
                               const char                   *path,
                               GCancellable                 *cancellable,
                               GError                      **error);
  gboolean  (*export)         (TesseraExporter              *self,
                               TesseraStore                 *store,
                               const gint64                 *document_ids,
                               guint                         n_documents,
                               const char                   *path,
                               GCancellable                 *cancellable,
                               TesseraFormatProgressFunc     progress,
                               gpointer                      progress_data,
                               GError                      **error);
  char     *(*dup_file_name)  (TesseraExporter              *self,
                               gint64                        document_id);
  gboolean  (*carries_cross_document_relations) (TesseraExporter *self);

  /*< private >*/
  gpointer padding[4];
};

const char         *tessera_exporter_get_id          (TesseraExporter  *self);
const char         *tessera_exporter_get_name        (TesseraExporter  *self);
const char * const *tessera_exporter_get_extensions  (TesseraExporter  *self);
const char         *tessera_exporter_get_mime_type   (TesseraExporter  *self);
gboolean            tessera_exporter_writes_folder   (TesseraExporter  *self);
char               *tessera_exporter_dup_file_name   (TesseraExporter  *self,
                                                      gint64            document_id);
gboolean            tessera_exporter_export          (TesseraExporter  *self,
                                                      TesseraStore     *store,
                                                      const gint64     *document_ids,
                                                      guint             n_documents,
                                                      const char       *path,
                                                      GCancellable     *cancellable,
                                                      TesseraFormatProgressFunc progress,
                                                      gpointer          progress_data,
                                                      GError          **error);
void                tessera_exporter_add_note        (TesseraExporter  *self,
                                                      const char       *format,
                                                      ...) G_GNUC_PRINTF (2, 3);
GPtrArray          *tessera_exporter_get_notes       (TesseraExporter  *self);

G_END_DECLS
