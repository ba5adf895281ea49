/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-fuzz"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "fuzz-common.h"
#include "tessera-import.h"
#include "tessera-tei-exporter.h"
#include "tessera-tei-import.h"

/*
 * TEI import of arbitrary bytes, saved as a file, into a fresh project. It must never
 * crash, leak, hang, or read any other file (fuzz-common.c makes libxml2's loader fail the
 * run). A refused file leaves the project exactly as it was (compared row by row); an
 * accepted one leaves a project that passes tessera_store_check(), whose texts are NFC and
 * whose ranges lie inside them, and that Tessera can export again (the export reads its
 * file back and compares it with the project).
 */

/* What Tessera imported, it can export: the export's own read-back must agree. */
static void
assert_exportable (TesseraStore *store,
                   GPtrArray    *results)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *file = tessera_fuzz_build_path ("export.xml");
  g_autoptr(TesseraExporter) exporter = g_object_new (TESSERA_TYPE_TEI_EXPORTER, "corpus", TRUE,
                                                      "title", "Fuzz", NULL);

  for (guint i = 0; i < results->len; i++)
    {
      TesseraImportResult *result = g_ptr_array_index (results, i);

      g_array_append_val (ids, result->document_id);
    }

  if (!tessera_exporter_export (exporter, store, (const gint64 *) (gpointer) ids->data,
                                ids->len, file, NULL, NULL, NULL, &error))
    g_error ("an imported project could not be exported: %s", error->message);
  g_remove (file);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *project = tessera_fuzz_new_project ("project");
  g_autofree char *input = tessera_fuzz_build_path ("input.xml");
  TesseraStore *store;

  tessera_fuzz_write_file (input, data, size);
  store = tessera_fuzz_open_project (project, TESSERA_STORE_OPEN_DEFAULT);

  results = tessera_tei_import_file (store, input, NULL, &error);
  tessera_fuzz_assert_import (store, results, error);
  if (results != NULL)
    assert_exportable (store, results);
  tessera_fuzz_end_import (store, project, results != NULL);
  g_remove (input);
  tessera_fuzz_assert_dir_empty ();
  return 0;
}
