/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tessera-importer.h"

G_BEGIN_DECLS

gboolean   _tessera_importer_check_file    (const char          *path,
                                            const char          *display_name,
                                            GError             **error);
void       _tessera_importer_set_too_large (GError             **error,
                                            const char          *display_name,
                                            guint64              size);
gboolean   _tessera_importer_has_suffix    (const char          *name,
                                            const char          *extension);
void       _tessera_import_set_line_error (GError            **error,
                                           int                 code,
                                           const char         *display_name,
                                           guint               line,
                                           const char         *format,
                                           ...) G_GNUC_PRINTF (5, 6);
GPtrArray *_tessera_import_batch_insert    (TesseraImportBatch  *batch,
                                            TesseraStore        *store,
                                            const char          *path,
                                            GCancellable        *cancellable,
                                            GError             **error);

G_END_DECLS
