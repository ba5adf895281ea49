/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-importer.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_CONLL_IMPORTER (tessera_conll_importer_get_type ())
G_DECLARE_FINAL_TYPE (TesseraConllImporter, tessera_conll_importer, TESSERA, CONLL_IMPORTER,
                      TesseraImporter)

G_END_DECLS
