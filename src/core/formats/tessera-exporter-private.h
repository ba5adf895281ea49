/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-store.h"

G_BEGIN_DECLS

/* What every export does, shared by the framework and the TEI export. */
GArray   *_tessera_exporter_list_document_ids (TesseraStore  *store,
                                               const gint64  *document_ids,
                                               guint          n_documents,
                                               GError       **error);
gboolean  _tessera_exporter_prepare_folder    (const char    *folder,
                                               GPtrArray     *file_names,
                                               const char    *name_pattern,
                                               GError       **error);

G_END_DECLS
