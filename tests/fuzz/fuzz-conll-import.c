/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-fuzz"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "fuzz-common.h"
#include "tessera-formats.h"
#include "tessera-import.h"

/*
 * CoNLL import of arbitrary bytes, saved as a .conll file, into a fresh project. It must
 * never crash, leak or hang. A refused file leaves the project exactly as it was; an
 * accepted one leaves a sound project, which Tessera exports to CoNLL again, with and
 * without the offsets columns and with a tag column per kind (each export reads its file
 * back and compares it with the project).
 */

static void
assert_exportable (TesseraStore *store,
                   GPtrArray    *results)
{
  static const char * const options[][2] = {
    { "columns", "token,tag" },
    { "columns", "token,start,end,tag" },
    { "layers", "kinds" },
  };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *file = tessera_fuzz_build_path ("export.conll");

  for (guint i = 0; i < results->len; i++)
    {
      TesseraImportResult *result = g_ptr_array_index (results, i);

      g_array_append_val (ids, result->document_id);
    }
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TesseraExporter) exporter = tessera_formats_new_exporter ("conll", &error);

      g_assert_no_error (error);
      tessera_format_set_option (G_OBJECT (exporter), options[i][0], options[i][1], &error);
      g_assert_no_error (error);
      if (!tessera_exporter_export (exporter, store, (const gint64 *) (gpointer) ids->data,
                                    ids->len, file, NULL, NULL, NULL, &error))
        g_error ("an imported project could not be exported (%s=%s): %s", options[i][0],
                 options[i][1], error->message);
      g_remove (file);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(TesseraImporter) importer = tessera_formats_new_importer ("conll", &error);
  g_autofree char *project = tessera_fuzz_new_project ("project");
  g_autofree char *input = tessera_fuzz_build_path ("input.conll");
  TesseraStore *store;

  g_assert_no_error (error);
  tessera_fuzz_write_file (input, data, size);
  store = tessera_fuzz_open_project (project, TESSERA_STORE_OPEN_DEFAULT);

  results = tessera_importer_import_file (importer, store, input, NULL, &error);
  tessera_fuzz_assert_import (store, results, error);
  if (results != NULL)
    assert_exportable (store, results);
  tessera_fuzz_end_import (store, project, results != NULL);
  g_remove (input);
  tessera_fuzz_assert_dir_empty ();
  return 0;
}
