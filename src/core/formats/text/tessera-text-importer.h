/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-importer.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_TEXT_IMPORTER (tessera_text_importer_get_type ())
G_DECLARE_FINAL_TYPE (TesseraTextImporter, tessera_text_importer, TESSERA, TEXT_IMPORTER,
                      TesseraImporter)

char      *tessera_import_prepare_text     (const char          *display_name,
                                            const char          *data,
                                            gsize                length,
                                            char               **out_title,
                                            GError             **error);
gint64     tessera_import_text_file        (TesseraStore        *store,
                                            const char          *path,
                                            gboolean            *out_existing,
                                            GError             **error);

G_END_DECLS
