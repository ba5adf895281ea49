/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-importer.h"
#include "tessera-store.h"
#include "tessera-tei-error.h"

G_BEGIN_DECLS

gboolean            tessera_tei_file_is_tei  (const char    *path);
TesseraImportBatch *tessera_tei_read_batch   (TesseraStore  *store,
                                              const char    *path,
                                              GCancellable  *cancellable,
                                              GError       **error);
GPtrArray          *tessera_tei_import_file  (TesseraStore  *store,
                                              const char    *path,
                                              GCancellable  *cancellable,
                                              GError       **error);

G_END_DECLS
