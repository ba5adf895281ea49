/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "test-common.h"

void
test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      /* Tests take write access away from folders: give it back to clean up. */
      g_chmod (path, 0755);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          test_remove_tree (child);
        }
    }
  g_remove (path);
}

char *
test_make_tmp_dir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

static TesseraStore *
open_project (const char            *path,
              TesseraStoreOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  TesseraStore *store = tessera_store_open (path, flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

TesseraStore *
test_create_project (const char *path)
{
  return open_project (path, TESSERA_STORE_OPEN_CREATE);
}

TesseraStore *
test_open_existing_project (const char *path)
{
  return open_project (path, TESSERA_STORE_OPEN_DEFAULT);
}

void
test_project_set_up (TestProject *project,
                     const char  *tmpl,
                     const char  *name)
{
  project->dir = test_make_tmp_dir (tmpl);
  project->path = g_build_filename (project->dir, name, NULL);
  project->store = test_create_project (project->path);
}

void
test_project_tear_down (TestProject *project)
{
  g_clear_object (&project->store);
  test_remove_tree (project->dir);
  g_free (project->path);
  g_free (project->dir);
}

char *
test_make_seeded_project (const char *dir,
                          const char *name)
{
  g_autoptr(TesseraStore) store = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  const char *seeds[] = { g_getenv ("TESSERA_SEEDS_DIR"), NULL };
  char *path = g_build_filename (dir, name, NULL);

  store = test_create_project (path);
  results = tessera_import_paths (store, seeds, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 5);
  return path;
}

char *
test_file_sha256 (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

char *
test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

void
test_exec_sql (const char *path,
               const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

gint64
test_type_id (TesseraStore *store,
              const char   *key)
{
  g_autoptr(TesseraAnnotationType) type = tessera_store_find_annotation_type (store, key);

  g_assert_nonnull (type);
  return tessera_annotation_type_get_id (type);
}

void
test_project_add_article (TestProject *project,
                          const char  *title,
                          const char  *text)
{
  g_autoptr(GError) error = NULL;
  TesseraDocumentInfo info = { .title = (char *) title };

  project->document_id = tessera_store_add_document (project->store, &info, text, NULL,
                                                     &error);
  g_assert_no_error (error);
}

gint64
test_mark (TesseraStore *store,
           gint64        document_id,
           const char   *text,
           const char   *key,
           const char   *needle)
{
  g_autoptr(GError) error = NULL;
  TesseraRange range;
  gint64 id;

  g_assert_true (tessera_text_find (text, needle, 1, &range));
  id = tessera_store_add_annotation (store, document_id, test_type_id (store, key), &range, 1,
                                     NULL, &error);
  g_assert_no_error (error);
  return id;
}

void
test_assert_contains_at (const char *domain,
                         const char *file,
                         int         line,
                         const char *function,
                         const char *haystack,
                         const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_assertion_message_cmpstr (domain, file, line, function, "haystack contains needle",
                                haystack, "does not contain", needle);
}

const char *
test_choose_french_locale (void)
{
  const char *candidates[] = { "fr_FR.UTF-8", "fr_FR.utf8", "fr_BE.UTF-8", "fr_CA.UTF-8",
                               "fr_CH.UTF-8", "fr_LU.UTF-8", "C.UTF-8" };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (setlocale (LC_ALL, candidates[i]) != NULL)
      {
        g_setenv ("LC_ALL", candidates[i], TRUE);
        return candidates[i];
      }
  g_error ("neither a French locale nor C.UTF-8 is available");
}

const char *
test_bind_catalogue (void)
{
  const char *localedir = g_getenv ("TESSERA_LOCALEDIR");

  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  return localedir;
}
