/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-exporter.h"
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

/* For a format that reads its file back as it writes it: the file being written. */
const char *_tessera_exporter_get_temporary_path (TesseraExporter *self);
const char *_tessera_exporter_get_display_name   (TesseraExporter *self);

G_END_DECLS
