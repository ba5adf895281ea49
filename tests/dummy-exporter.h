/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-core.h"

G_BEGIN_DECLS

/*
 * A format that only tests register (tessera_formats_register_exporter()): "dummy" writes
 * each document's title after a prefix, one a line, into one file, and reads the file back
 * against the SHA-256 of what it wrote. With "sabotage" set it writes one byte more than it
 * remembers, as a disk that corrupts a write would: its check must then refuse the file.
 */
#define DUMMY_TYPE_EXPORTER (dummy_exporter_get_type ())
G_DECLARE_FINAL_TYPE (DummyExporter, dummy_exporter, DUMMY, EXPORTER, TesseraExporter)

G_END_DECLS
