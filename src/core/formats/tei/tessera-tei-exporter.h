/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-exporter.h"
#include "tessera-tei-export.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_TEI_OVERLAP (tessera_tei_overlap_get_type ())
GType tessera_tei_overlap_get_type (void);

#define TESSERA_TYPE_TEI_EXPORTER (tessera_tei_exporter_get_type ())
G_DECLARE_FINAL_TYPE (TesseraTeiExporter, tessera_tei_exporter, TESSERA, TEI_EXPORTER,
                      TesseraExporter)

TesseraExporter *tessera_tei_exporter_new (const TesseraTeiExportOptions *options);

G_END_DECLS
