/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-importer.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_TEI_IMPORTER (tessera_tei_importer_get_type ())
G_DECLARE_FINAL_TYPE (TesseraTeiImporter, tessera_tei_importer, TESSERA, TEI_IMPORTER,
                      TesseraImporter)

G_END_DECLS
