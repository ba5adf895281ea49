/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-exporter.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_CSV_EXPORTER (tessera_csv_exporter_get_type ())
G_DECLARE_FINAL_TYPE (TesseraCsvExporter, tessera_csv_exporter, TESSERA, CSV_EXPORTER,
                      TesseraExporter)

G_END_DECLS
