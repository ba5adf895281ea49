/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-importer.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_JSONL_IMPORTER (tessera_jsonl_importer_get_type ())
G_DECLARE_FINAL_TYPE (TesseraJsonlImporter, tessera_jsonl_importer, TESSERA, JSONL_IMPORTER,
                      TesseraImporter)

G_END_DECLS
