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

/* Whether @name is the text of a brat document whose NAME.ann is in @folder too: the pair
 * is imported once, by its .ann. */
static gboolean
is_brat_text (const char *folder,
              const char *name)
{
  g_autofree char *ann_name = NULL;
  g_autofree char *ann = NULL;

  if (!_tessera_importer_has_suffix (name, "txt"))
    return FALSE;
  ann_name = g_strdup_printf ("%.*s.ann", (int) strlen (name) - 4, name);
  ann = g_build_filename (folder, ann_name, NULL);
  return g_file_test (ann, G_FILE_TEST_IS_REGULAR);
}

/* The articles directly inside @folder (the files an import format names: .txt, TEI as
 * .xml or .tei, brat's .ann with its .txt), in the order a file manager shows them
 * ("2.txt" before "10.txt"). */
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

      if (!tessera_formats_is_importable_name (name) || is_brat_text (folder, name))
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

/* What @paths name, one result per file to import, with only its path yet: the files
 * named, and those found in each folder. A folder that cannot be read, or holds no
 * article, is a result of its own, with its error. */
static GPtrArray *
list_files (const char * const *paths)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify)tessera_import_result_free);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) files = NULL;
      TesseraImportResult *result = import_result_new (paths[i]);

      g_ptr_array_add (entries, result);
      if (!g_file_test (paths[i], G_FILE_TEST_IS_DIR))
        continue;

      files = list_text_files (paths[i], &result->error);

      if (files != NULL && files->len == 0)
        {
          g_autofree char *display_name = g_filename_display_basename (paths[i]);

          g_set_error (&result->error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_FAILED,
                       _("The folder %s contains no article to import (.txt, or TEI as .xml or .tei)"), display_name);
        }

      if (result->error != NULL)
        continue;

      g_ptr_array_remove_index (entries, entries->len - 1);
      for (guint j = 0; j < files->len; j++)
        g_ptr_array_add (entries, import_result_new (g_ptr_array_index (files, j)));
    }

  return entries;
}

/* tessera_import_paths() with a way to stop between two files and to hear of each. Each
 * file is its own transaction: a cancelled import keeps the files done before it. */
static GPtrArray *
import_paths_full (TesseraStore               *store,
                   const char * const         *paths,
                   TesseraImporter            *importer,
                   GCancellable               *cancellable,
                   TesseraImportProgressFunc   progress,
                   gpointer                    progress_data,
                   GError                    **error)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) entries = list_files (paths);

  results = g_ptr_array_new_with_free_func ((GDestroyNotify)tessera_import_result_free);

  for (guint i = 0; i < entries->len; i++)
    {
      TesseraImportResult *entry = g_ptr_array_index (entries, i);
      g_autoptr(GPtrArray) file_results = NULL;
      guint first = results->len;

      if (g_cancellable_is_cancelled (cancellable))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "Import cancelled after %u of %u file; "
                                    "the files imported until then stay in the project",
                                    "Import cancelled after %u of %u files; "
                                    "the files imported until then stay in the project",
                                    entries->len),
                       i, entries->len);
          return NULL;
        }

      if (entry->error != NULL)
        g_ptr_array_add (results, g_steal_pointer (&g_ptr_array_index (entries, i)));
      else
        append_file_results (store, importer, entry->path, results);

      if (progress == NULL)
        continue;

      /* A view of the file's results: they stay in @results. */
      file_results = g_ptr_array_new ();
      for (guint j = first; j < results->len; j++)
        g_ptr_array_add (file_results, g_ptr_array_index (results, j));
      progress (i + 1, entries->len, entry->path, file_results, progress_data);
    }

  return g_steal_pointer (&results);
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
  g_return_val_if_fail (TESSERA_IS_STORE (store), NULL);
  g_return_val_if_fail (importer == NULL || TESSERA_IS_IMPORTER (importer), NULL);
  g_return_val_if_fail (paths != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return import_paths_full (store, paths, importer, NULL, NULL, NULL, error);
}

/* Asynchronous import ------------------------------------------------------------------- */

typedef struct
{
  char                      *project_path;
  char                      *annotator;
  gboolean                   read_only;
  GStrv                      paths;
  TesseraImporter           *importer;
  TesseraImportProgressFunc  progress;
  gpointer                   progress_data;
  GMainContext              *context;

  /* One report at a time, handed from the worker to the caller's context. */
  GMutex                     mutex;
  GCond                      cond;
  gboolean                   reported;
  guint                      files_done;
  guint                      files_total;
  const char                *path;
  GPtrArray                 *results;
} ImportJob;

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  g_free (job->project_path);
  g_free (job->annotator);
  g_strfreev (job->paths);
  g_clear_object (&job->importer);
  g_main_context_unref (job->context);
  g_mutex_clear (&job->mutex);
  g_cond_clear (&job->cond);
  g_free (job);
}

/* On the caller's context. */
static gboolean
report_progress (gpointer data)
{
  ImportJob *job = data;

  job->progress (job->files_done, job->files_total, job->path, job->results,
                 job->progress_data);

  g_mutex_lock (&job->mutex);
  job->reported = TRUE;
  g_cond_signal (&job->cond);
  g_mutex_unlock (&job->mutex);

  return G_SOURCE_REMOVE;
}

/* On the worker: waits until the caller has heard of the file, so that a cancel from the
 * progress callback stops the import before the next one. */
static void
forward_progress (guint        files_done,
                  guint        files_total,
                  const char  *path,
                  GPtrArray   *results,
                  gpointer     user_data)
{
  ImportJob *job = user_data;

  job->files_done = files_done;
  job->files_total = files_total;
  job->path = path;
  job->results = results;
  job->reported = FALSE;

  g_main_context_invoke (job->context, report_progress, job);

  g_mutex_lock (&job->mutex);
  while (!job->reported)
    g_cond_wait (&job->cond, &job->mutex);
  g_mutex_unlock (&job->mutex);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(TesseraStore) store = NULL;
  g_autoptr(GPtrArray) results = NULL;
  GError *error = NULL;

  /* A connection of its own: the caller's belongs to the caller's thread. */
  store = tessera_store_open (job->project_path,
                              job->read_only ? TESSERA_STORE_OPEN_READ_ONLY
                                             : TESSERA_STORE_OPEN_DEFAULT,
                              &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->annotator != NULL)
    tessera_store_set_annotator (store, job->annotator);

  results = import_paths_full (store, (const char * const *) job->paths, job->importer,
                               cancellable,
                               job->progress != NULL ? forward_progress : NULL, job, &error);
  tessera_store_close (store);

  if (results == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&results), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * tessera_import_paths_async:
 * @store: the project to import into
 * @paths: (array zero-terminated=1): files and folders to import
 * @importer: (nullable): the format of every file, or %NULL to recognise each
 * @cancellable: (nullable): stops the import between two files
 * @progress: (nullable): called on the thread-default main context
 *   after each file
 * @progress_data: data for @progress; it must live until @callback is called
 * @callback: called on the thread-default main context when the import is over
 * @user_data: data for @callback
 *
 * Imports @paths as tessera_import_paths_with_importer() does, on a worker thread with a connection of
 * its own to the project of @store, so that the caller's main loop goes on meanwhile.
 * Each file is its own transaction: when @cancellable is cancelled, the import stops
 * before the next file and the files already imported stay in the project.
 *
 * The worker holds a reference to @store until its thread ends, which may be a moment
 * after @callback: a program about to exit closes @store with tessera_store_close().
 */
void
tessera_import_paths_async (TesseraStore               *store,
                            const char * const         *paths,
                            TesseraImporter            *importer,
                            GCancellable               *cancellable,
                            TesseraImportProgressFunc   progress,
                            gpointer                    progress_data,
                            GAsyncReadyCallback         callback,
                            gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (TESSERA_IS_STORE (store));
  g_return_if_fail (paths != NULL);
  g_return_if_fail (importer == NULL || TESSERA_IS_IMPORTER (importer));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (ImportJob, 1);
  job->project_path = g_strdup (tessera_store_get_path (store));
  job->annotator = g_strdup (tessera_store_get_annotator (store));
  job->read_only = tessera_store_is_read_only (store);
  job->paths = g_strdupv ((char **) paths);
  job->importer = importer != NULL ? g_object_ref (importer) : NULL;
  job->progress = progress;
  job->progress_data = progress_data;
  job->context = g_main_context_ref_thread_default ();
  g_mutex_init (&job->mutex);
  g_cond_init (&job->cond);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_import_paths_async);
  g_task_set_task_data (task, job, import_job_free);
  /* A cancelled import says how far it went: its own error, not GTask's. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, import_thread);
}

/**
 * tessera_import_paths_finish:
 * @store: the project given to tessera_import_paths_async()
 * @result: the result given to its callback
 * @error: return location for a #GError: %G_IO_ERROR_CANCELLED when the import was
 *   cancelled (the files imported before stay in the project), or why the project could
 *   not be opened
 *
 * Ends an import started with tessera_import_paths_async(). @store has looked at the
 * project again: its lists show the documents imported.
 *
 * Returns: (transfer container) (element-type TesseraImportResult): one result per file,
 *   in order, as tessera_import_paths() gives them; or %NULL with @error set
 */
GPtrArray *
tessera_import_paths_finish (TesseraStore  *store,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (TESSERA_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tessera_import_paths_async,
                        NULL);

  /* The documents were written by another connection: the lists would see them only at
   * the next poll. */
  tessera_store_poll_external_changes (store);

  return g_task_propagate_pointer (G_TASK (result), error);
}
