/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-exporter.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_TEXT_EXPORTER (tessera_text_exporter_get_type ())
G_DECLARE_FINAL_TYPE (TesseraTextExporter, tessera_text_exporter, TESSERA, TEXT_EXPORTER,
                      TesseraExporter)

G_END_DECLS
