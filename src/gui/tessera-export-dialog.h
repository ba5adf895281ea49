/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tessera-core.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_EXPORT_DIALOG (tessera_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TesseraExportDialog, tessera_export_dialog, TESSERA, EXPORT_DIALOG, AdwWindow)

TesseraExportDialog *tessera_export_dialog_new (GtkWindow    *parent,
                                                TesseraStore *store,
                                                gint64        document_id);
void                 tessera_export_dialog_start (TesseraExportDialog *self,
                                                  const char          *destination);
gboolean             tessera_export_dialog_is_busy (TesseraExportDialog *self);
guint                tessera_export_dialog_get_n_problems (TesseraExportDialog *self);

G_END_DECLS
