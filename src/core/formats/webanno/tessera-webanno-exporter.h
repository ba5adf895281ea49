/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-exporter.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_WEBANNO_EXPORTER (tessera_webanno_exporter_get_type ())
G_DECLARE_FINAL_TYPE (TesseraWebannoExporter, tessera_webanno_exporter, TESSERA,
                      WEBANNO_EXPORTER, TesseraExporter)

G_END_DECLS
