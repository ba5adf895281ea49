/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tessera-import.h"

#include "tessera-formats.h"
#include "tessera-importer-private.h"

G_DEFINE_QUARK (tessera-import-error-quark, tessera_import_error)

/**
 * tessera_import_result_free:
 * @result: (transfer full) (nullable): a result of tessera_import_paths()
 */
void
tessera_import_result_free (TesseraImportResult *result)
{
  if (result == NULL)
    return;

  g_free (result->path);
  g_free (result->title);
  g_clear_error (&result->error);
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
  g_free (result);
}

static TesseraImportResult *
import_result_new (const char *path)
{
  TesseraImportResult *result = g_new0 (TesseraImportResult, 1);

  result->path = g_strdup (path);

  return result;
}

typedef struct
{
  char *name;
  char *collate_key;
} FolderEntry;

static void
folder_entry_free (gpointer data)
{
  FolderEntry *entry = data;

  g_free (entry->name);
  g_free (entry->collate_key);
  g_free (entry);
}

static int
folder_entry_compare (gconstpointer a,
                      gconstpointer b)
{
  const FolderEntry *entry_a = *(FolderEntry * const *)a;
  const FolderEntry *entry_b = *(FolderEntry * const *)b;
  int cmp = strcmp (entry_a->collate_key, entry_b->collate_key);

  return cmp != 0 ? cmp : strcmp (entry_a->name, entry_b->name);
}

/* The articles directly inside @folder (the files an import format names: .txt, and TEI
 * as .xml or .tei), in the order a file manager shows them ("2.txt" before "10.txt"). */
static GPtrArray *
list_text_files (const char  *folder,
                 GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  GPtrArray *files;
  const char *name;

  dir = g_dir_open (folder, 0, error);
  if (dir == NULL)
    return NULL;

  entries = g_ptr_array_new_with_free_func (folder_entry_free);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = NULL;
      g_autofree char *display_name = NULL;
      FolderEntry *entry;

      if (!tessera_formats_is_importable_name (name))
        continue;

      child = g_build_filename (folder, name, NULL);
      if (!g_file_test (child, G_FILE_TEST_IS_REGULAR))
        continue;

      display_name = g_filename_display_name (name);
      entry = g_new0 (FolderEntry, 1);
      entry->name = g_strdup (name);
      entry->collate_key = g_utf8_collate_key_for_filename (display_name, -1);
      g_ptr_array_add (entries, entry);
    }

  g_ptr_array_sort (entries, folder_entry_compare);

  files = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < entries->len; i++)
    {
      const FolderEntry *entry = g_ptr_array_index (entries, i);

      g_ptr_array_add (files, g_build_filename (folder, entry->name, NULL));
    }

  return files;
}

static void
append_error_result (GPtrArray  *results,
                     const char *path,
                     GError     *error)
{
  TesseraImportResult *result = import_result_new (path);

  result->error = error;
  g_ptr_array_add (results, result);
}

/* The results of one file, named or found in a folder: one rule for both. A file that is
 * not regular is refused before anything opens it. Unless @importer is given, the file
 * goes to the importer most sure it reads it (tessera_formats_sniff_importer()): TEI for
 * files named .xml or .tei and any whose root is TEI, plain text for the rest. */
static void
append_file_results (TesseraStore    *store,
                     TesseraImporter *importer,
                     const char      *path,
                     GPtrArray       *results)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) imported = NULL;
  g_autoptr(TesseraImporter) sniffed = NULL;
  g_autofree char *display_name = g_filename_display_basename (path);

  if (!_tessera_importer_check_file (path, display_name, &error))
    {
      append_error_result (results, path, g_steal_pointer (&error));
      return;
    }

  if (importer == NULL)
    importer = sniffed = tessera_formats_sniff_importer (path, &error);
  if (importer != NULL)
    imported = tessera_importer_import_file (importer, store, path, NULL, &error);
  if (imported == NULL)
    {
      append_error_result (results, path, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < imported->len; i++)
    g_ptr_array_add (results, g_ptr_array_steal_index (imported, i--));
}

/**
 * tessera_import_paths:
 * @store: the project to import into
 * @paths: (array zero-terminated=1): files and folders to import
 * @error: return location for a #GError, set only on a programming error
 *
 * Imports each file of @paths, and the `.txt` files directly inside each
 * folder of @paths (not hidden, not in subfolders, in name order). Every
 * file is imported on its own: one that fails leaves no trace and does not
 * stop the others. Each file goes to the import format that recognises it
 * (tessera_formats_sniff_importer()): TEI files (named `.xml` or `.tei`, or
 * whose root element is TEI or teiCorpus) give one result per document they
 * hold, the rest is plain text.
 *
 * A folder that cannot be read, or holds no `.txt` file, gets a result of
 * its own with the error.
 *
 * Returns: (transfer container) (element-type TesseraImportResult): one
 *   result per file, in order
 */
GPtrArray *
tessera_import_paths (TesseraStore        *store,
                      const char * const  *paths,
                      GError             **error)
{
  return tessera_import_paths_with_importer (store, paths, NULL, error);
}

/**
 * tessera_import_paths_with_importer:
 * @store: the project to import into
 * @paths: (array zero-terminated=1): files and folders to import
 * @importer: (nullable): the format of every file, or %NULL to recognise each
 * @error: return location for a #GError, set only on a programming error
 *
 * As tessera_import_paths(), reading every file with @importer when it is given.
 *
 * Returns: (transfer container) (element-type TesseraImportResult): one
 *   result per file, in order
 */
GPtrArray *
tessera_import_paths_with_importer (TesseraStore        *store,
                                    const char * const  *paths,
                                    TesseraImporter     *importer,
                                    GError             **error)
{
  g_autoptr(GPtrArray) results = NULL;

  g_return_val_if_fail (TESSERA_IS_STORE (store), NULL);
  g_return_val_if_fail (importer == NULL || TESSERA_IS_IMPORTER (importer), NULL);
  g_return_val_if_fail (paths != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  results = g_ptr_array_new_with_free_func ((GDestroyNotify)tessera_import_result_free);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) files = NULL;
      TesseraImportResult *result;

      if (!g_file_test (paths[i], G_FILE_TEST_IS_DIR))
        {
          append_file_results (store, importer, paths[i], results);
          continue;
        }

      result = import_result_new (paths[i]);
      files = list_text_files (paths[i], &result->error);

      if (files != NULL && files->len == 0)
        {
          g_autofree char *display_name = g_filename_display_basename (paths[i]);

          g_set_error (&result->error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_FAILED,
                       _("The folder %s contains no article to import (.txt, or TEI as .xml or .tei)"), display_name);
        }

      if (result->error != NULL)
        {
          g_ptr_array_add (results, result);
          continue;
        }

      tessera_import_result_free (result);

      for (guint j = 0; j < files->len; j++)
        append_file_results (store, importer, g_ptr_array_index (files, j), results);
    }

  return g_steal_pointer (&results);
}
