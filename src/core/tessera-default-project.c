/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-default-project"

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tessera-default-project.h"
#include "tessera-import.h"

/**
 * tessera_default_project_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/tessera/default.tessera`
 */
char *
tessera_default_project_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "tessera", "default.tessera", NULL);
}

/**
 * tessera_default_project_seeds_dir:
 *
 * The sample articles a new default project starts with: `$TESSERA_SEEDS_DIR` when set
 * (an uninstalled build), else the installed copy.
 */
const char *
tessera_default_project_seeds_dir (void)
{
  const char *dir = g_getenv ("TESSERA_SEEDS_DIR");

  if (dir != NULL && *dir != '\0')
    return dir;
  return TESSERA_SEEDS_DIR;
}

/**
 * tessera_default_project_open:
 * @out_import_results: (out) (optional) (transfer full): when the project was just
 *   created, the results of importing the sample articles
 *
 * Opens the default project, creating it on first use with the bundled sample articles so
 * that a new user sees real text at once.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
TesseraStore *
tessera_default_project_open (GPtrArray **out_import_results,
                              GError    **error)
{
  g_autofree char *path = tessera_default_project_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(TesseraStore) store = NULL;
  gboolean is_new;

  if (out_import_results != NULL)
    *out_import_results = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  is_new = !g_file_test (path, G_FILE_TEST_EXISTS);
  store = tessera_store_open (path, TESSERA_STORE_OPEN_CREATE, error);
  if (store == NULL)
    return NULL;

  if (is_new)
    {
      const char *seeds = tessera_default_project_seeds_dir ();
      g_autoptr(GPtrArray) results = NULL;

      if (g_file_test (seeds, G_FILE_TEST_IS_DIR))
        {
          const char *paths[] = { seeds, NULL };

          results = tessera_import_paths (store, paths, NULL);
        }
      if (out_import_results != NULL)
        *out_import_results = g_steal_pointer (&results);
    }

  return g_steal_pointer (&store);
}
