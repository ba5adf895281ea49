/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TESSERA_TYPE_DOCUMENT_ROW (tessera_document_row_get_type ())
G_DECLARE_FINAL_TYPE (TesseraDocumentRow, tessera_document_row, TESSERA, DOCUMENT_ROW, GtkWidget)

GtkWidget  *tessera_document_row_new         (void);
const char *tessera_document_row_get_title   (TesseraDocumentRow *self);
const char *tessera_document_row_get_details (TesseraDocumentRow *self);
void        tessera_document_row_set_text    (TesseraDocumentRow *self,
                                              const char         *title,
                                              const char         *details);

G_END_DECLS
