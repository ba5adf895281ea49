/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-importer.h"
#include "tessera-store.h"
#include "tessera-tei-error.h"

G_BEGIN_DECLS

gboolean            tessera_tei_file_is_tei  (const char    *path);
GPtrArray          *tessera_tei_import_file  (TesseraStore  *store,
                                              const char    *path,
                                              GCancellable  *cancellable,
                                              GError       **error);

/* The TEI importer's read_file (tessera-tei-importer.c); @importer may be NULL. */
TesseraImportBatch *_tessera_tei_read_batch  (TesseraImporter  *importer,
                                              TesseraStore     *store,
                                              const char       *path,
                                              GCancellable     *cancellable,
                                              GError          **error);

G_END_DECLS
