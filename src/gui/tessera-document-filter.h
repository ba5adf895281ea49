/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TESSERA_TYPE_DOCUMENT_FILTER (tessera_document_filter_get_type ())
G_DECLARE_FINAL_TYPE (TesseraDocumentFilter, tessera_document_filter, TESSERA, DOCUMENT_FILTER,
                      GtkFilter)

TesseraDocumentFilter *tessera_document_filter_new        (void);
const char            *tessera_document_filter_get_search (TesseraDocumentFilter *self);
void                   tessera_document_filter_set_search (TesseraDocumentFilter *self,
                                                           const char            *search);
void                   tessera_document_filter_prepare    (TesseraDocumentFilter *self,
                                                           GListModel            *documents);

G_END_DECLS
