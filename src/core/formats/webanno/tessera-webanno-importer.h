/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-importer.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_WEBANNO_IMPORTER (tessera_webanno_importer_get_type ())
G_DECLARE_FINAL_TYPE (TesseraWebannoImporter, tessera_webanno_importer, TESSERA,
                      WEBANNO_IMPORTER, TesseraImporter)

G_END_DECLS
