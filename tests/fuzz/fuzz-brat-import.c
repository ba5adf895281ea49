/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-fuzz"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "fuzz-common.h"
#include "test-common.h"
#include "tessera-formats.h"
#include "tessera-import.h"

/*
 * brat import of arbitrary bytes: what comes before the first form feed is the .txt, the
 * rest the .ann (all of it, beside a fixed text, when there is no form feed). It must
 * never crash, leak or hang. A refused pair leaves the project exactly as it was; an
 * accepted one leaves a sound project, which Tessera exports to brat again (the export
 * reads its files back and compares them with the project).
 */

static const char default_text[] =
  "Oumar Diarra a dit à Bamako 👩🏽‍🔬 : « q̇a̧ ».\nقال الرئيس.\n";

static void
assert_exportable (TesseraStore *store,
                   gint64        document_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraExporter) exporter = tessera_formats_new_exporter ("brat", &error);
  g_autofree char *folder = tessera_fuzz_build_path ("export");

  g_assert_no_error (error);
  if (!tessera_exporter_export (exporter, store, &document_id, 1, folder, NULL, NULL, NULL,
                                &error))
    g_error ("an imported document could not be exported: %s", error->message);
  test_remove_tree (folder);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(TesseraImporter) importer = tessera_formats_new_importer ("brat", &error);
  g_autofree char *project = tessera_fuzz_new_project ("project");
  g_autofree char *txt = tessera_fuzz_build_path ("input.txt");
  g_autofree char *ann = tessera_fuzz_build_path ("input.ann");
  const uint8_t *form_feed = memchr (data, '\f', size);
  TesseraStore *store;

  g_assert_no_error (error);
  if (form_feed != NULL)
    {
      tessera_fuzz_write_file (txt, data, form_feed - data);
      tessera_fuzz_write_file (ann, form_feed + 1, size - (form_feed - data) - 1);
    }
  else
    {
      tessera_fuzz_write_file (txt, default_text, strlen (default_text));
      tessera_fuzz_write_file (ann, data, size);
    }
  store = tessera_fuzz_open_project (project, TESSERA_STORE_OPEN_DEFAULT);

  results = tessera_importer_import_file (importer, store, ann, NULL, &error);
  tessera_fuzz_assert_import (store, results, error);
  if (results != NULL)
    assert_exportable (store, ((TesseraImportResult *) results->pdata[0])->document_id);
  tessera_fuzz_end_import (store, project, results != NULL);
  g_remove (txt);
  g_remove (ann);
  tessera_fuzz_assert_dir_empty ();
  return 0;
}
