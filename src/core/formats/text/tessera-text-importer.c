/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-text-importer.h"

#include "tessera-document.h"
#include "tessera-importer-private.h"
#include "tessera-project-files-private.h"
#include "tessera-text.h"

/*
 * Plain text: a UTF-8 file is one document, titled after its first line. The importer
 * reads it into a record; the framework (tessera-importer.c) writes it.
 */

struct _TesseraTextImporter
{
  TesseraImporter parent_instance;
};

G_DEFINE_FINAL_TYPE (TesseraTextImporter, tessera_text_importer, TESSERA_TYPE_IMPORTER)

/* Longest title, in code points, ellipsis included. */
#define TITLE_MAX_LENGTH 200

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

/* The file as one document record: its text prepared, titled after its first line. */
static TesseraDocumentRecord *
read_document (const char  *path,
               GError     **error)
{
  g_autoptr(TesseraDocumentRecord) document = tessera_document_record_new ();
  g_autofree char *display_name = g_filename_display_basename (path);
  g_autofree char *absolute = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  /* A project is not a text; and this process may have it open (its locks). */
  if (!_tessera_project_files_check_readable (path, error) ||
      !g_file_get_contents (path, &data, &length, error))
    return NULL;

  /* The file may have grown since it was examined. */
  if (length > TESSERA_IMPORT_MAX_BYTES)
    {
      _tessera_importer_set_too_large (error, display_name, length);
      return NULL;
    }

  document->text = tessera_import_prepare_text (display_name, data, length,
                                                &document->info.title, error);
  if (document->text == NULL)
    return NULL;

  /* A text column holds text: a name that is not UTF-8 is stored as it is shown. */
  absolute = g_canonicalize_filename (path, NULL);
  document->info.source_path = g_filename_display_name (absolute);

  return g_steal_pointer (&document);
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
  g_autoptr(TesseraImporter) importer = NULL;
  g_autoptr(GPtrArray) results = NULL;
  const TesseraImportResult *result;

  g_return_val_if_fail (TESSERA_IS_STORE (store), 0);
  g_return_val_if_fail (path != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (out_existing != NULL)
    *out_existing = FALSE;

  importer = g_object_new (TESSERA_TYPE_TEXT_IMPORTER, NULL);
  results = tessera_importer_import_file (importer, store, path, NULL, error);
  if (results == NULL)
    return 0;

  g_assert (results->len == 1);
  result = g_ptr_array_index (results, 0);
  if (out_existing != NULL)
    *out_existing = result->existing;
  return result->document_id;
}


/* The importer class ------------------------------------------------------------------- */

static const char * const text_extensions[] = { "txt", NULL };

/* Text unless it says otherwise: any file may be plain text, a .txt surely is. TEI's
 * importer scores higher when the content is TEI. */
static guint
tessera_text_importer_sniff (TesseraImporter *importer,
                             const char      *path,
                             const guint8    *data,
                             gsize            length)
{
  if (length > 0 && memchr (data, '\0', length) != NULL)
    return 1;
  return tessera_importer_handles_name (importer, path) ? 50 : 10;
}

static TesseraImportBatch *
tessera_text_importer_read_file (TesseraImporter  *importer,
                                 TesseraStore     *store,
                                 const char       *path,
                                 GCancellable     *cancellable,
                                 GError          **error)
{
  g_autoptr(TesseraImportBatch) batch = tessera_import_batch_new ();
  TesseraDocumentRecord *document = read_document (path, error);

  if (document == NULL)
    return NULL;
  g_ptr_array_add (batch->documents, document);
  return g_steal_pointer (&batch);
}

static void
tessera_text_importer_class_init (TesseraTextImporterClass *klass)
{
  TesseraImporterClass *importer_class = TESSERA_IMPORTER_CLASS (klass);

  importer_class->id = "text";
  importer_class->name = N_("Plain text");
  importer_class->extensions = text_extensions;
  importer_class->mime_type = "text/plain";
  importer_class->sniff = tessera_text_importer_sniff;
  importer_class->read_file = tessera_text_importer_read_file;
}

static void
tessera_text_importer_init (TesseraTextImporter *self)
{
}
