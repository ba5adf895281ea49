/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "tessera-jsonl-exporter.h"
#include "tessera-jsonl-importer.h"

/*
 * doccano JSONL import of arbitrary bytes, saved as a file, into a fresh project. It must
 * never crash, leak or hang. A refused file leaves the project exactly as it was; an
 * accepted one leaves a sound project that exports to JSONL again, whose read-back (the
 * importer's own reader) agrees with the project.
 */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(TesseraImporter) importer = g_object_new (TESSERA_TYPE_JSONL_IMPORTER, NULL);
  g_autoptr(TesseraExporter) exporter = g_object_new (TESSERA_TYPE_JSONL_EXPORTER, NULL);

  tessera_fuzz_import (data, size, importer, "input.jsonl", exporter, "export.jsonl");
  return 0;
}
