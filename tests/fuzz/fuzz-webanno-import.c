/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-fuzz"

#include "config.h"

#include <glib/gstdio.h>

#include "fuzz-common.h"
#include "test-common.h"
#include "tessera-formats.h"
#include "tessera-import.h"

/*
 * WebAnno TSV import of arbitrary bytes, saved as a file, into a fresh project. It must
 * never crash, leak or hang. A refused file leaves the project exactly as it was; an
 * accepted one leaves a sound project, which Tessera exports to WebAnno TSV again (the
 * export reads its file back and compares it with the project).
 */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(TesseraImporter) importer = tessera_formats_new_importer ("webanno", &error);
  g_autofree char *project = tessera_fuzz_new_project ("project");
  g_autofree char *input = tessera_fuzz_build_path ("input.tsv");
  TesseraStore *store;

  g_assert_no_error (error);
  tessera_fuzz_write_file (input, data, size);
  store = tessera_fuzz_open_project (project, TESSERA_STORE_OPEN_DEFAULT);

  results = tessera_importer_import_file (importer, store, input, NULL, &error);
  tessera_fuzz_assert_import (store, results, error);
  if (results != NULL)
    tessera_fuzz_assert_exportable (store,
                                    ((TesseraImportResult *) results->pdata[0])->document_id,
                                    "webanno");
  tessera_fuzz_end_import (store, project, results != NULL);
  g_remove (input);
  tessera_fuzz_assert_dir_empty ();
  return 0;
}
