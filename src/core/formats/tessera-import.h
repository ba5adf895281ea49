/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-store.h"

G_BEGIN_DECLS

#define TESSERA_IMPORT_ERROR (tessera_import_error_quark ())

typedef enum
{
  TESSERA_IMPORT_ERROR_FAILED,
  TESSERA_IMPORT_ERROR_TOO_LARGE,
  TESSERA_IMPORT_ERROR_BINARY,
  TESSERA_IMPORT_ERROR_ENCODING,
  TESSERA_IMPORT_ERROR_CONTROL_CHARACTER,
  TESSERA_IMPORT_ERROR_EMPTY,
} TesseraImportError;

/* Larger files are refused before they are read. */
#define TESSERA_IMPORT_MAX_BYTES (64 * 1024 * 1024)

typedef struct
{
  char    *path;           /* the file as given */
  gint64   document_id;    /* 0 when the import failed */
  gboolean existing;       /* the same text was already in the project */
  char    *title;
  GError  *error;          /* why the import failed, or NULL */
  GPtrArray *warnings;     /* char *: what was imported otherwise than written, or NULL */
} TesseraImportResult;

/**
 * TesseraImportProgressFunc:
 * @files_done: the files finished so far, imported or failed
 * @files_total: the files to import, once the folders are listed
 * @path: the file just finished
 * @results: (element-type TesseraImportResult) (transfer none): its results: one, or one
 *   per document of a TEI file
 * @user_data: the data given to tessera_import_paths_async()
 *
 * Called on the caller's main context after each file. The import waits for it to return
 * before it starts the next file, so that cancelling from it stops the import there.
 */
typedef void (*TesseraImportProgressFunc) (guint        files_done,
                                           guint        files_total,
                                           const char  *path,
                                           GPtrArray   *results,
                                           gpointer     user_data);

void       tessera_import_result_free      (TesseraImportResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraImportResult, tessera_import_result_free)

GQuark     tessera_import_error_quark      (void);

GPtrArray *tessera_import_paths            (TesseraStore        *store,
                                            const char * const  *paths,
                                            GError             **error);

/* tessera-importer.h needs the result above. */
typedef struct _TesseraImporter TesseraImporter;

GPtrArray *tessera_import_paths_with_importer (TesseraStore       *store,
                                               const char * const *paths,
                                               TesseraImporter    *importer,
                                               GError            **error);
void       tessera_import_paths_async      (TesseraStore        *store,
                                            const char * const  *paths,
                                            TesseraImporter     *importer,
                                            GCancellable        *cancellable,
                                            TesseraImportProgressFunc progress,
                                            gpointer             progress_data,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GPtrArray *tessera_import_paths_finish     (TesseraStore        *store,
                                            GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS
