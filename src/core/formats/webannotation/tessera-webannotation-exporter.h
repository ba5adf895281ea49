/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-exporter.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_WEBANNOTATION_EXPORTER (tessera_webannotation_exporter_get_type ())
G_DECLARE_FINAL_TYPE (TesseraWebannotationExporter, tessera_webannotation_exporter, TESSERA,
                      WEBANNOTATION_EXPORTER, TesseraExporter)

G_END_DECLS
