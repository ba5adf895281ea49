/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-tei-private.h"

G_BEGIN_DECLS

/* tessera-tei-export-check.c: an exported file read back into the model as it is
 * written, streamed. */
typedef struct _TesseraTeiReadBack TesseraTeiReadBack;

TesseraTeiReadBack   *_tessera_tei_read_back_new       (const char           *path,
                                                        gboolean              corpus,
                                                        GListModel           *tagset,
                                                        TesseraTeiDocumentFunc func,
                                                        gpointer              user_data,
                                                        GError              **error);
gboolean              _tessera_tei_read_back_step      (TesseraTeiReadBack   *self,
                                                        GCancellable         *cancellable,
                                                        GError              **error);
TesseraTeiContext    *_tessera_tei_read_back_finish    (TesseraTeiReadBack   *self,
                                                        GCancellable         *cancellable,
                                                        GError              **error);
void                  _tessera_tei_read_back_free      (TesseraTeiReadBack   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraTeiReadBack, _tessera_tei_read_back_free)

/* Tests only: @func is called each time the exporter is about to read back what it has
 * written so far of the temporary file @path (after each document, and at the end). */
typedef void (*TesseraTeiExportWrittenFunc) (const char *path,
                                             gpointer    user_data);

void                  _tessera_tei_export_set_written_func (TesseraTeiExportWrittenFunc func,
                                                            gpointer              user_data);

G_END_DECLS
