/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-exporter.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_BRAT_EXPORTER (tessera_brat_exporter_get_type ())
G_DECLARE_FINAL_TYPE (TesseraBratExporter, tessera_brat_exporter, TESSERA, BRAT_EXPORTER,
                      TesseraExporter)

G_END_DECLS
