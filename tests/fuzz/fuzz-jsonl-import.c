/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-fuzz"

#include "config.h"

#include <glib/gstdio.h>

#include "fuzz-common.h"
#include "tessera-jsonl-exporter.h"
#include "tessera-jsonl-importer.h"

/*
 * doccano JSONL import of arbitrary bytes, saved as a file, into a fresh project. It must
 * never crash, leak or hang. A refused file leaves the project exactly as it was; an
 * accepted one leaves a sound project that exports to JSONL again, whose read-back (the
 * importer's own reader) agrees with the project.
 */

static void
assert_exportable (TesseraStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraExporter) exporter = g_object_new (TESSERA_TYPE_JSONL_EXPORTER, NULL);
  g_autofree char *file = tessera_fuzz_build_path ("export.jsonl");

  /* The project was empty: all its documents are the file's. */
  if (!tessera_exporter_export (exporter, store, NULL, 0, file, NULL, NULL, NULL, &error))
    g_error ("an imported project could not be exported: %s", error->message);
  g_remove (file);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(TesseraImporter) importer = g_object_new (TESSERA_TYPE_JSONL_IMPORTER, NULL);
  g_autofree char *project = tessera_fuzz_new_project ("project");
  g_autofree char *input = tessera_fuzz_build_path ("input.jsonl");
  TesseraStore *store;

  tessera_fuzz_write_file (input, data, size);
  store = tessera_fuzz_open_project (project, TESSERA_STORE_OPEN_DEFAULT);

  results = tessera_importer_import_file (importer, store, input, NULL, &error);
  tessera_fuzz_assert_import (store, results, error);
  if (results != NULL)
    assert_exportable (store);
  tessera_fuzz_end_import (store, project, results != NULL);
  g_remove (input);
  tessera_fuzz_assert_dir_empty ();
  return 0;
}
