/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-importer.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_BRAT_IMPORTER (tessera_brat_importer_get_type ())
G_DECLARE_FINAL_TYPE (TesseraBratImporter, tessera_brat_importer, TESSERA, BRAT_IMPORTER,
                      TesseraImporter)

G_END_DECLS
