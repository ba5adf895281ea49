/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-import"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tessera-import.h"

#include "tessera-document.h"
#include "tessera-project-files-private.h"
#include "tessera-store.h"
#include "tessera-tei-import.h"
#include "tessera-text.h"

/* Longest title, in code points, ellipsis included. */
#define TITLE_MAX_LENGTH 200

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

/* The 1-based line on which byte @offset of @data lies. A line ends with LF,
 * CRLF or a lone CR, as in the text the user sees in their editor. */
static gsize
line_at_offset (const char *data,
                gsize       offset)
{
  gsize line = 1;

  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        line++;
      else if (data[i] == '\r' && (i + 1 >= offset || data[i + 1] != '\n'))
        line++;
    }

  return line;
}

/* Removes white space (Unicode's, not only ASCII) at the end of @string. */
static void
truncate_trailing_space (GString *string)
{
  const char *end = string->str + string->len;

  while (end > string->str)
    {
      const char *prev = g_utf8_find_prev_char (string->str, end);

      if (prev == NULL || !g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  g_string_truncate (string, end - string->str);
}

/* The trimmed copy of [@start, @end), or %NULL if it is only white space. */
static char *
dup_trimmed (const char *start,
             const char *end)
{
  while (start < end && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);

  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);

      if (prev == NULL || !g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  return start < end ? g_strndup (start, end - start) : NULL;
}

/* At most TITLE_MAX_LENGTH code points, cut between two words with "…". */
static char *
shorten_title (char *title)
{
  g_autoptr(GString) shortened = NULL;
  const char *limit;
  const char *cut;

  if (g_utf8_strlen (title, -1) <= TITLE_MAX_LENGTH)
    return title;

  /* Keep room for the ellipsis. */
  limit = g_utf8_offset_to_pointer (title, TITLE_MAX_LENGTH - 1);
  cut = limit;

  if (!g_unichar_isspace (g_utf8_get_char (limit)))
    {
      const char *p = limit;

      while (p > title)
        {
          p = g_utf8_prev_char (p);
          if (g_unichar_isspace (g_utf8_get_char (p)))
            break;
        }

      /* A boundary too close to the start would leave a uselessly short
       * title: cut the long word instead. */
      if (g_utf8_pointer_to_offset (title, p) >= TITLE_MAX_LENGTH / 2)
        cut = p;
    }

  shortened = g_string_new_len (title, cut - title);
  truncate_trailing_space (shortened);
  g_string_append (shortened, "…");
  g_free (title);

  return g_string_free (g_steal_pointer (&shortened), FALSE);
}

/* The first line of @text that is not blank, trimmed and shortened. */
static char *
dup_title (const char *text)
{
  const char *line = text;

  while (*line != '\0')
    {
      const char *end = strchr (line, '\n');
      char *title;

      if (end == NULL)
        end = line + strlen (line);

      title = dup_trimmed (line, end);
      if (title != NULL)
        return shorten_title (title);

      line = *end == '\n' ? end + 1 : end;
    }

  return NULL;
}

static gboolean
has_utf16_bom (const char *data,
               gsize       length)
{
  return length >= 2 &&
         (((guchar)data[0] == 0xFF && (guchar)data[1] == 0xFE) ||
          ((guchar)data[0] == 0xFE && (guchar)data[1] == 0xFF));
}

/**
 * tessera_import_prepare_text:
 * @display_name: how to call the file in error messages, such as its name
 * @data: (array length=length): the bytes of the file
 * @length: the number of bytes in @data
 * @out_title: (out) (optional) (transfer full): where to store a title for
 *   the document: its first non-blank line
 * @error: return location for a #TesseraImportError
 *
 * Turns the bytes of a plain-text file into text that can be annotated:
 * valid UTF-8 without a byte-order mark, lines ending in LF, no control
 * characters other than tab and newline, in NFC, without trailing white
 * space. Paragraphs and blank lines inside the text are kept as they are.
 *
 * Byte offsets in error messages count from the start of @data, byte-order
 * mark included, as a hex editor would.
 *
 * Returns: (transfer full): the prepared text, or %NULL with @error set
 */
char *
tessera_import_prepare_text (const char  *display_name,
                             const char  *data,
                             gsize        length,
                             char       **out_title,
                             GError     **error)
{
  g_autoptr(GString) lines = NULL;
  char *text;
  const char *nul;
  const char *invalid = NULL;
  gsize start = 0;
  gsize line_start;
  gsize line = 1;
  gsize i;

  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_title != NULL)
    *out_title = NULL;

  if (has_utf16_bom (data, length))
    {
      g_set_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_ENCODING,
                   _("%s is saved as UTF-16; save the file as UTF-8 and import it again"),
                   display_name);
      return NULL;
    }

  nul = length > 0 ? memchr (data, '\0', length) : NULL;
  if (nul != NULL)
    {
      g_set_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_BINARY,
                   _("%s looks like a binary file (byte %lu is NUL), not plain text"),
                   display_name, (gulong)(nul - data));
      return NULL;
    }

  if (length > 0 && !g_utf8_validate_len (data, length, &invalid))
    {
      gsize offset = invalid - data;

      g_set_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_ENCODING,
                   _("%s: byte %lu (line %lu) is not valid UTF-8; "
                     "save the file as UTF-8 and import it again"),
                   display_name, (gulong)offset, (gulong)line_at_offset (data, offset));
      return NULL;
    }

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    start = 3;

  lines = g_string_sized_new (length - start + 1);

  /* One pass: CRLF and lone CR become LF, control characters and the two
   * noncharacters U+FFFE and U+FFFF are refused. Control characters are all
   * ASCII and the data is valid UTF-8, so looking at bytes is safe. */
  line_start = start;
  i = start;
  while (i < length)
    {
      guchar c = data[i];

      if (c == '\n' || c == '\r')
        {
          g_string_append_len (lines, data + line_start, i - line_start);
          g_string_append_c (lines, '\n');

          if (c == '\r' && i + 1 < length && data[i + 1] == '\n')
            i++;
          i++;
          line++;
          line_start = i;
        }
      else if ((c < 0x20 && c != '\t') || c == 0x7F)
        {
          g_set_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_CONTROL_CHARACTER,
                       _("%s: byte %lu (line %lu) is the control character U+%04X, "
                         "which cannot be annotated"),
                       display_name, (gulong)i, (gulong)line, (guint)c);
          return NULL;
        }
      else if (c == 0xEF && i + 2 < length && (guchar) data[i + 1] == 0xBF &&
               ((guchar) data[i + 2] == 0xBE || (guchar) data[i + 2] == 0xBF))
        {
          /* U+FFFE and U+FFFF are valid UTF-8 but no text: XML cannot carry them. */
          g_set_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_CONTROL_CHARACTER,
                       _("%s: byte %lu (line %lu) is U+%04X, which is not a character "
                         "and cannot be annotated"),
                       display_name, (gulong)i, (gulong)line,
                       (guint) ((guchar) data[i + 2] == 0xBE ? 0xFFFE : 0xFFFF));
          return NULL;
        }
      else
        {
          i++;
        }
    }
  g_string_append_len (lines, data + line_start, length - line_start);

  truncate_trailing_space (lines);

  if (lines->len == 0)
    {
      g_set_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_EMPTY,
                   _("%s contains no text to annotate"), display_name);
      return NULL;
    }

  text = tessera_text_to_nfc (lines->str);
  g_assert (text != NULL);

  if (out_title != NULL)
    *out_title = dup_title (text);

  return text;
}

/* In binary units: the limit is exactly 64 MiB, and "67.1 MB" would puzzle. */
static void
set_too_large_error (GError     **error,
                     const char  *display_name,
                     guint64      size)
{
  g_autofree char *file_size = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *max_size = g_format_size_full (TESSERA_IMPORT_MAX_BYTES,
                                                  G_FORMAT_SIZE_IEC_UNITS);

  g_set_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_TOO_LARGE,
               _("%s is %s; Tessera imports articles of at most %s"),
               display_name, file_size, max_size);
}

/* Only a regular file is opened, and only one Tessera imports: a FIFO would block the
 * import until something writes to it, a device would never end. Looked at with stat(),
 * which opens nothing. */
static gboolean
check_file (const char  *path,
            const char  *display_name,
            GError     **error)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", display_name, g_strerror (saved_errno));
      return FALSE;
    }

  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_FAILED,
                   _("%s is a folder, not a text file"), display_name);
      return FALSE;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_FAILED,
                   _("%s is not a regular file"), display_name);
      return FALSE;
    }

  /* Refuse before reading: the file could be a disk image. */
  if (st.st_size > TESSERA_IMPORT_MAX_BYTES)
    {
      set_too_large_error (error, display_name, st.st_size);
      return FALSE;
    }

  return TRUE;
}

static gint64
import_file (TesseraStore  *store,
             const char    *path,
             gboolean      *out_existing,
             char         **out_title,
             GError       **error)
{
  g_autofree char *display_name = NULL;
  g_autofree char *absolute_path = NULL;
  g_autofree char *data = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  TesseraDocumentInfo info = { 0 };
  gsize length = 0;
  gboolean existing = FALSE;
  gint64 document_id;

  display_name = g_filename_display_basename (path);

  if (!check_file (path, display_name, error))
    return 0;

  /* A project is not a text; and this process may have it open (its locks). */
  if (!_tessera_project_files_check_readable (path, error) ||
      !g_file_get_contents (path, &data, &length, error))
    return 0;

  /* The file may have grown since it was examined. */
  if (length > TESSERA_IMPORT_MAX_BYTES)
    {
      set_too_large_error (error, display_name, length);
      return 0;
    }

  text = tessera_import_prepare_text (display_name, data, length, &title, error);
  if (text == NULL)
    return 0;
  g_clear_pointer (&data, g_free);

  /* A text column holds text: a name that is not UTF-8 is stored as it is shown. */
  {
    g_autofree char *absolute = g_canonicalize_filename (path, NULL);

    absolute_path = g_filename_display_name (absolute);
  }
  info.title = title;
  info.source_path = absolute_path;

  document_id = tessera_store_add_document (store, &info, text, &existing, error);
  if (document_id == 0)
    return 0;

  if (out_existing != NULL)
    *out_existing = existing;

  if (out_title != NULL)
    {
      g_autoptr(TesseraDocument) document = NULL;

      /* A text the project already has keeps the title it has there. */
      if (existing)
        document = tessera_store_dup_document (store, document_id, NULL);

      if (document != NULL && tessera_document_get_title (document) != NULL)
        *out_title = g_strdup (tessera_document_get_title (document));
      else
        *out_title = g_steal_pointer (&title);
    }

  return document_id;
}

/**
 * tessera_import_text_file:
 * @store: the project to import into
 * @path: a plain-text file, in UTF-8
 * @out_existing: (out) (optional): set to %TRUE when the project already had
 *   this text, in which case nothing is added and its id is returned
 * @error: return location for a #TesseraImportError, a #GFileError or a
 *   #TesseraStoreError
 *
 * Imports a plain-text article as a new document, titled after its first
 * line. Files larger than %TESSERA_IMPORT_MAX_BYTES are refused without
 * being read. Either the whole document is added or the project is left as
 * it was.
 *
 * Returns: the id of the document, or 0 with @error set
 */
gint64
tessera_import_text_file (TesseraStore  *store,
                          const char    *path,
                          gboolean      *out_existing,
                          GError       **error)
{
  g_return_val_if_fail (TESSERA_IS_STORE (store), 0);
  g_return_val_if_fail (path != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (out_existing != NULL)
    *out_existing = FALSE;

  return import_file (store, path, out_existing, NULL, error);
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

static gboolean
has_suffix (const char *name,
            const char *suffix)
{
  gsize length = strlen (name);

  return length > strlen (suffix) &&
         g_ascii_strcasecmp (name + length - strlen (suffix), suffix) == 0;
}

/* TEI by its name: .xml or .tei, in any case. */
static gboolean
is_tei_file_name (const char *name)
{
  return has_suffix (name, ".xml") || has_suffix (name, ".tei");
}

static gboolean
is_text_file_name (const char *name)
{
  return name[0] != '.' && (has_suffix (name, ".txt") || is_tei_file_name (name));
}

/* The articles directly inside @folder (.txt, and TEI as .xml or .tei), in the order a
 * file manager shows them ("2.txt" before "10.txt"). */
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

      if (!is_text_file_name (name))
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

static TesseraImportResult *
import_result_for_file (TesseraStore *store,
                        const char   *path)
{
  TesseraImportResult *result = import_result_new (path);

  result->document_id = import_file (store, path, &result->existing, &result->title,
                                     &result->error);

  return result;
}

/* The results of one file, named or found in a folder: one rule for both. A file that is
 * not regular is refused before anything opens it. TEI goes to the TEI importer, one
 * result per document it holds: files named .xml or .tei, and any whose root is TEI. The
 * rest is plain text. */
static void
append_file_results (TesseraStore *store,
                     const char   *path,
                     GPtrArray    *results)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) imported = NULL;
  g_autofree char *display_name = g_filename_display_basename (path);

  if (!check_file (path, display_name, &error))
    {
      TesseraImportResult *result = import_result_new (path);

      result->error = g_steal_pointer (&error);
      g_ptr_array_add (results, result);
      return;
    }

  if (!is_tei_file_name (path) && !tessera_tei_file_is_tei (path))
    {
      g_ptr_array_add (results, import_result_for_file (store, path));
      return;
    }

  imported = tessera_tei_import_file (store, path, NULL, &error);
  if (imported == NULL)
    {
      TesseraImportResult *result = import_result_new (path);

      result->error = g_steal_pointer (&error);
      g_ptr_array_add (results, result);
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
        append_file_results (store, entry->path, results);

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
 * stop the others. TEI files (named `.xml` or `.tei`, or whose root element
 * is TEI or teiCorpus) go to tessera_tei_import_file() and give one result
 * per document they hold.
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
  g_return_val_if_fail (TESSERA_IS_STORE (store), NULL);
  g_return_val_if_fail (paths != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return import_paths_full (store, paths, NULL, NULL, NULL, error);
}

/* Asynchronous import ------------------------------------------------------------------- */

typedef struct
{
  char                      *project_path;
  char                      *annotator;
  gboolean                   read_only;
  GStrv                      paths;
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

  results = import_paths_full (store, (const char * const *) job->paths, cancellable,
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
 * @cancellable: (nullable): stops the import between two files
 * @progress: (nullable): called on the thread-default main context
 *   after each file
 * @progress_data: data for @progress; it must live until @callback is called
 * @callback: called on the thread-default main context when the import is over
 * @user_data: data for @callback
 *
 * Imports @paths as tessera_import_paths() does, on a worker thread with a connection of
 * its own to the project of @store, so that the caller's main loop goes on meanwhile.
 * Each file is its own transaction: when @cancellable is cancelled, the import stops
 * before the next file and the files already imported stay in the project.
 */
void
tessera_import_paths_async (TesseraStore               *store,
                            const char * const         *paths,
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
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (ImportJob, 1);
  job->project_path = g_strdup (tessera_store_get_path (store));
  job->annotator = g_strdup (tessera_store_get_annotator (store));
  job->read_only = tessera_store_is_read_only (store);
  job->paths = g_strdupv ((char **) paths);
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
