/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-fuzz"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <sqlite3.h>

#include "fuzz-common.h"
#include "test-common.h"
#include "tessera-import.h"
#include "tessera-text.h"

/*
 * What the fuzz targets share: one temporary folder per process (removed at exit; scripts/fuzz
 * also points TMPDIR at a folder of its own, removed even after a crash), a fresh project
 * copied from a template made once, a digest of everything a project file holds, and a guard
 * that turns any attempt of libxml2 to read another file into a crash.
 */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static char *fuzz_dir;
static char *template_data;
static gsize template_length;
static char *fresh_digest;

static void
remove_fuzz_dir (void)
{
  if (fuzz_dir != NULL)
    test_remove_tree (fuzz_dir);
  g_clear_pointer (&fuzz_dir, g_free);
  g_clear_pointer (&template_data, g_free);
  g_clear_pointer (&fresh_digest, g_free);
}

/* Untrusted XML must never make libxml2 read anything: no DTD, no external entity, no
 * XInclude. XML_PARSE_NONET alone would still let a file:// URL through, so any request
 * at all is a failure of the code under test. */
static xmlParserInputPtr
refuse_external_entity (const char       *url,
                        const char       *id,
                        xmlParserCtxtPtr  context)
{
  g_printerr ("libxml2 was asked to load “%s” (public id “%s”) while reading untrusted XML\n",
              url ? url : "", id ? id : "");
  abort ();
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  tessera_fuzz_init ();
  return 0;
}

const char *
tessera_fuzz_get_dir (void)
{
  g_assert (fuzz_dir != NULL);
  return fuzz_dir;
}

char *
tessera_fuzz_build_path (const char *name)
{
  return g_build_filename (tessera_fuzz_get_dir (), name, NULL);
}

void
tessera_fuzz_write_file (const char *path,
                         const void *data,
                         gsize       length)
{
  FILE *file = fopen (path, "wb");

  g_assert_nonnull (file);
  g_assert_cmpuint (length > 0 ? fwrite (data, 1, length, file) : 0, ==, length);
  g_assert_cmpint (fclose (file), ==, 0);
}

/* Nothing may be left behind between two inputs: not a temporary file of an export, not a
 * journal, not a file written by following a path from the input. */
void
tessera_fuzz_assert_dir_empty (void)
{
  GDir *dir = g_dir_open (tessera_fuzz_get_dir (), 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  name = g_dir_read_name (dir);
  if (name != NULL)
    g_error ("%s was left in the fuzzer's folder", name);
  g_dir_close (dir);
}

void
tessera_fuzz_assert_error (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

char *
tessera_fuzz_new_project (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".tessera", NULL);
  char *path = tessera_fuzz_build_path (file);

  tessera_fuzz_write_file (path, template_data, template_length);
  return path;
}

/* Opens the project @path, which no input can make fail. */
TesseraStore *
tessera_fuzz_open_project (const char            *path,
                           TesseraStoreOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  TesseraStore *store = tessera_store_open (path, flags, &error);

  g_assert_no_error (error);
  return store;
}

/* Closes @store, so that its file holds everything, and drops it. */
void
tessera_fuzz_close_project (TesseraStore *store)
{
  tessera_store_close (store);
  g_object_unref (store);
}

void
tessera_fuzz_remove_project (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

static void
append_row (GString      *row,
            sqlite3_stmt *stmt)
{
  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    {
      int type = sqlite3_column_type (stmt, i);
      const void *blob = sqlite3_column_blob (stmt, i);
      int length = sqlite3_column_bytes (stmt, i);

      /* Type and length first, so that no two rows print alike. */
      g_string_append_printf (row, "%d:%d:", type, length);
      if (type != SQLITE_NULL && blob != NULL)
        g_string_append_len (row, blob, length);
      g_string_append_c (row, '|');
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* A digest of every row of every table (in no particular order) and of the schema: two
 * files with the same digest hold the same project, whatever SQLite's pages look like. */
char *
tessera_fuzz_dup_project_digest (const char *path)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT type, name, sql FROM sqlite_schema"
                                       " ORDER BY type, name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GString) row = g_string_new (NULL);

      append_row (row, stmt);
      g_checksum_update (checksum, (const guchar *) row->str, row->len);
      if (g_str_equal ((const char *) sqlite3_column_text (stmt, 0), "table"))
        g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *sql = NULL;
      char *quoted = sqlite3_mprintf ("%w", table);

      /* An identifier cannot be a bound parameter; the name comes from the file's schema. */
      sql = g_strdup_printf ("SELECT * FROM \"%s\"", quoted);
      sqlite3_free (quoted);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          GString *row = g_string_new (NULL);

          append_row (row, stmt);
          g_ptr_array_add (rows, g_string_free (row, FALSE));
        }
      g_clear_pointer (&stmt, sqlite3_finalize);

      g_ptr_array_sort (rows, compare_strings);
      g_checksum_update (checksum, (const guchar *) table, -1);
      for (guint r = 0; r < rows->len; r++)
        g_checksum_update (checksum, g_ptr_array_index (rows, r), -1);
    }

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_checksum_update (checksum, sqlite3_column_text (stmt, 0), -1);
  g_clear_pointer (&stmt, sqlite3_finalize);

  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return g_strdup (g_checksum_get_string (checksum));
}

/* The digest of a fresh project that was opened and closed again. */
const char *
tessera_fuzz_get_fresh_digest (void)
{
  g_assert (fresh_digest != NULL);
  return fresh_digest;
}

void
tessera_fuzz_init (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template_path = NULL;
  g_autofree char *path = NULL;

  if (fuzz_dir != NULL)
    return;

  /* No GIO module, settings backend or D-Bus connection: only the code under test runs. */
  g_setenv ("GIO_USE_VFS", "local", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  /* The core never prints: a warning or a critical is a bug the fuzzer found. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  xmlInitParser ();
  xmlSetExternalEntityLoader (refuse_external_entity);

  fuzz_dir = test_make_tmp_dir ("tessera-fuzz-XXXXXX");
  atexit (remove_fuzz_dir);

  template_path = tessera_fuzz_build_path ("template.tessera");
  tessera_fuzz_close_project (tessera_fuzz_open_project (template_path,
                                                         TESSERA_STORE_OPEN_CREATE));
  g_assert_true (g_file_get_contents (template_path, &template_data, &template_length, &error));
  g_assert_no_error (error);
  tessera_fuzz_remove_project (template_path);

  path = tessera_fuzz_new_project ("fresh");
  tessera_fuzz_close_project (tessera_fuzz_open_project (path, TESSERA_STORE_OPEN_DEFAULT));
  fresh_digest = tessera_fuzz_dup_project_digest (path);
  tessera_fuzz_remove_project (path);
  tessera_fuzz_assert_dir_empty ();
}

/* An imported document: an NFC text, and every range inside it. */
void
tessera_fuzz_assert_document_sound (TesseraStore *store,
                                    gint64        document_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDocument) document = tessera_store_dup_document (store, document_id, &error);
  g_autoptr(GPtrArray) annotations = NULL;
  g_autofree char *text = NULL;
  guint length;

  g_assert_no_error (error);
  text = tessera_store_dup_document_text (store, document_id, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpstr (text, !=, "");
  g_assert_true (tessera_text_is_nfc (text));
  length = g_utf8_strlen (text, -1);
  g_assert_cmpuint (tessera_document_get_length (document), ==, length);

  annotations = tessera_store_dup_annotations (store, document_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < annotations->len; i++)
    {
      TesseraAnnotation *annotation = g_ptr_array_index (annotations, i);
      const TesseraRange *ranges;
      guint n_ranges;

      ranges = tessera_annotation_get_ranges (annotation, &n_ranges);
      g_assert_cmpuint (n_ranges, >, 0);
      for (guint r = 0; r < n_ranges; r++)
        {
          g_assert_cmpuint (ranges[r].start, <, ranges[r].end);
          g_assert_cmpuint (ranges[r].end, <=, length);
        }
    }
}

/* The project passes its own integrity check. */
void
tessera_fuzz_assert_project_sound (TesseraStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_true (tessera_store_check (store, &problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("tessera_store_check: %s\n", (const char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
}

/* What an import did: refused, with a message; accepted, every document and the project
 * sound. */
void
tessera_fuzz_assert_import (TesseraStore *store,
                            GPtrArray    *results,
                            const GError *error)
{
  if (results == NULL)
    {
      tessera_fuzz_assert_error (error);
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, >, 0);
  for (guint i = 0; i < results->len; i++)
    {
      TesseraImportResult *result = g_ptr_array_index (results, i);

      g_assert_null (result->error);
      g_assert_cmpint (result->document_id, >, 0);
      tessera_fuzz_assert_document_sound (store, result->document_id);
    }
  tessera_fuzz_assert_project_sound (store);
}

/* Closes and removes the project of an import, which changed it only if it was accepted. */
void
tessera_fuzz_end_import (TesseraStore *store,
                         const char   *project,
                         gboolean      imported)
{
  g_autofree char *digest = NULL;

  tessera_fuzz_close_project (store);
  digest = tessera_fuzz_dup_project_digest (project);
  if (imported)
    g_assert_cmpstr (digest, !=, tessera_fuzz_get_fresh_digest ());
  else
    g_assert_cmpstr (digest, ==, tessera_fuzz_get_fresh_digest ());
  tessera_fuzz_remove_project (project);
}
