/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tessera-core.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_IMPORT_QUEUE (tessera_import_queue_get_type ())
G_DECLARE_FINAL_TYPE (TesseraImportQueue, tessera_import_queue, TESSERA, IMPORT_QUEUE, GtkWidget)

TesseraStore *tessera_import_queue_get_store (TesseraImportQueue  *self);
void          tessera_import_queue_set_store (TesseraImportQueue  *self,
                                              TesseraStore        *store);
void          tessera_import_queue_add_paths (TesseraImportQueue  *self,
                                              GFile              **files,
                                              guint                n_files);
void          tessera_import_queue_cancel    (TesseraImportQueue  *self);
gboolean      tessera_import_queue_is_busy   (TesseraImportQueue  *self);

G_END_DECLS
