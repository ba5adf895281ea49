/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "tessera-tei-exporter.h"
#include "tessera-tei-importer.h"

/*
 * TEI import of arbitrary bytes, saved as a file, into a fresh project. It must never
 * crash, leak, hang, or read any other file (fuzz-common.c makes libxml2's loader fail the
 * run). A refused file leaves the project exactly as it was (compared row by row); an
 * accepted one leaves a project that passes tessera_store_check(), whose texts are NFC and
 * whose ranges lie inside them, and that Tessera can export again (the export reads its
 * file back and compares it with the project).
 */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(TesseraImporter) importer = g_object_new (TESSERA_TYPE_TEI_IMPORTER, NULL);
  g_autoptr(TesseraExporter) exporter = g_object_new (TESSERA_TYPE_TEI_EXPORTER, "corpus", TRUE,
                                                      "title", "Fuzz", NULL);

  tessera_fuzz_import (data, size, importer, "input.xml", exporter, "export.xml");
  return 0;
}
