/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-record.h"
#include "tessera-store.h"
#include "tessera-tei-export.h"

G_BEGIN_DECLS

/* tessera-tei-export.c: what the TEI exporter writes into the files the exporter framework
 * opens, and reads back as it writes them. One per export. */
typedef struct _TesseraTeiWriter TesseraTeiWriter;

TesseraTeiWriter *_tessera_tei_writer_new            (TesseraStore                   *store,
                                                      const TesseraTeiExportOptions  *options,
                                                      const gint64                   *document_ids,
                                                      guint                           n_documents,
                                                      GCancellable                   *cancellable,
                                                      GError                        **error);
gboolean          _tessera_tei_writer_begin_file     (TesseraTeiWriter               *self,
                                                      GOutputStream                  *stream,
                                                      const char                     *temporary,
                                                      const char                     *display_name,
                                                      GError                        **error);
gboolean          _tessera_tei_writer_write_document (TesseraTeiWriter               *self,
                                                      TesseraDocumentRecord          *record,
                                                      GError                        **error);
gboolean          _tessera_tei_writer_end_file       (TesseraTeiWriter               *self,
                                                      GError                        **error);
gboolean          _tessera_tei_writer_check_file     (TesseraTeiWriter               *self,
                                                      GCancellable                   *cancellable,
                                                      GError                        **error);
void              _tessera_tei_writer_free           (TesseraTeiWriter               *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraTeiWriter, _tessera_tei_writer_free)

G_END_DECLS
