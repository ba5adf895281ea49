/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-csv"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-csv-private.h"

#include "tessera-format-error.h"

/*
 * Reading CSV as RFC 4180 writes it, strictly: the CSV export reads its file back with it,
 * so a field it would quote wrongly or a line end it would get wrong is an error here, not
 * a guess. The stream is read through a buffer of its own, a record at a time.
 */

const char * const tessera_csv_column_names[TESSERA_CSV_N_COLUMNS] = {
  "document", "title", "id", "type", "start", "end", "text", "entity", "uri", "source",
  "source entity", "cue", "quote type", "polarity", "factuality", "writer distance",
  "source kind", "date", "topic", "annotator", "status", "certainty", "note",
};

#define BUFFER_SIZE (64 * 1024)

struct _TesseraCsvReader
{
  GInputStream *stream;
  GCancellable *cancellable;  /* during a call */
  char         *display_name;
  char         *buffer;
  gsize         length;     /* bytes in the buffer */
  gsize         position;   /* the next byte to read */
  gboolean      at_end;
  gboolean      started;
  gboolean      had_bom;
  guint         line;       /* of the next byte, from 1 */
  GError       *error;      /* the first failure; reading stops there */
};

TesseraCsvReader *
_tessera_csv_reader_new (GInputStream *stream,
                         const char   *display_name)
{
  TesseraCsvReader *self = g_new0 (TesseraCsvReader, 1);

  self->stream = g_object_ref (stream);
  self->display_name = g_strdup (display_name);
  self->buffer = g_malloc (BUFFER_SIZE);
  self->line = 1;
  return self;
}

void
_tessera_csv_reader_free (TesseraCsvReader *self)
{
  g_object_unref (self->stream);
  g_clear_error (&self->error);
  g_free (self->display_name);
  g_free (self->buffer);
  g_free (self);
}

gboolean
_tessera_csv_reader_had_bom (TesseraCsvReader *self)
{
  return self->had_bom;
}

guint
_tessera_csv_reader_get_line (TesseraCsvReader *self)
{
  return self->line;
}

/* Makes the next byte available: FALSE at the end of the stream or on error. */
static gboolean
fill (TesseraCsvReader *self)
{
  gssize n;

  if (self->position < self->length)
    return TRUE;
  if (self->at_end)
    return FALSE;
  n = g_input_stream_read (self->stream, self->buffer, BUFFER_SIZE, self->cancellable,
                           self->error == NULL ? &self->error : NULL);
  if (n <= 0)
    {
      self->at_end = TRUE;
      return FALSE;
    }
  self->length = n;
  self->position = 0;
  return TRUE;
}

/* The next byte, or -1 at the end (or on error). */
static int
next_byte (TesseraCsvReader *self)
{
  int c;

  if (!fill (self))
    return -1;
  c = (guchar) self->buffer[self->position++];
  if (c == '\n')
    self->line++;
  return c;
}

static int
peek_byte (TesseraCsvReader *self)
{
  return fill (self) ? (guchar) self->buffer[self->position] : -1;
}

static gboolean
fail (TesseraCsvReader *self,
      const char       *message)
{
  if (self->error == NULL)
    g_set_error (&self->error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK,
                 /* Translators: file name, line number, what is wrong */
                 _("%s, line %u: %s"), self->display_name, self->line, message);
  return FALSE;
}

static void
skip_bom (TesseraCsvReader *self)
{
  self->started = TRUE;
  if (!fill (self))
    return;
  /* The first read fills the buffer; a stream shorter than a BOM has none. */
  if (self->length - self->position >= 3 &&
      memcmp (self->buffer + self->position, TESSERA_CSV_BOM, 3) == 0)
    {
      self->position += 3;
      self->had_bom = TRUE;
    }
}

/* A quoted field, from after its opening quote to after its closing one. */
static gboolean
read_quoted (TesseraCsvReader *self,
             GString          *field)
{
  guint first_line = self->line;

  for (;;)
    {
      int c = next_byte (self);

      if (c < 0)
        {
          g_autofree char *message = NULL;

          if (self->error != NULL)
            return FALSE;
          message = g_strdup_printf (_("the file ends inside the quoted field opened on "
                                       "line %u"), first_line);
          return fail (self, message);
        }
      if (c == '"')
        {
          if (peek_byte (self) != '"')
            return self->error == NULL;
          self->position++;
        }
      g_string_append_c (field, (char) c);
    }
}

static gboolean
read_unquoted (TesseraCsvReader *self,
               GString          *field)
{
  for (;;)
    {
      int c = peek_byte (self);

      if (c < 0 || c == ',' || c == '\r')
        return self->error == NULL;
      if (c == '"')
        return fail (self, _("a field that is not in quotes has a quote in it"));
      if (c == '\n')
        return fail (self, _("the line ends with LF alone, not with CR LF"));
      g_string_append_c (field, (char) c);
      self->position++;
    }
}

static gboolean
read_field (TesseraCsvReader *self,
            GString          *field)
{
  int c;

  g_string_truncate (field, 0);
  if (peek_byte (self) == '"')
    {
      self->position++;
      if (!read_quoted (self, field))
        return FALSE;
      c = peek_byte (self);
      if (c >= 0 && c != ',' && c != '\r')
        return fail (self, _("a quoted field is followed by something other than a comma "
                             "or the end of the line"));
    }
  else if (!read_unquoted (self, field))
    return FALSE;

  if (!g_utf8_validate_len (field->str, field->len, NULL))
    return fail (self, _("the text is not UTF-8"));
  return self->error == NULL;
}

static GPtrArray *
read_record (TesseraCsvReader *self)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);

  if (!self->started)
    skip_bom (self);
  if (peek_byte (self) < 0)
    return NULL;

  for (;;)
    {
      int c;

      if (!read_field (self, field))
        return NULL;
      g_ptr_array_add (fields, g_strndup (field->str, field->len));

      c = next_byte (self);
      if (c == ',')
        continue;
      if (c == '\r' && next_byte (self) != '\n')
        {
          fail (self, _("a carriage return (CR) is not followed by a line feed (LF)"));
          return NULL;
        }
      return self->error == NULL ? g_steal_pointer (&fields) : NULL;
    }
}

/**
 * _tessera_csv_reader_next_row:
 *
 * Returns: (transfer full) (element-type utf8): the fields of the next record, or %NULL at
 *   the end of the file or with @error set
 */
GPtrArray *
_tessera_csv_reader_next_row (TesseraCsvReader  *self,
                              GCancellable      *cancellable,
                              GError           **error)
{
  GPtrArray *fields;

  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return NULL;
    }
  self->cancellable = cancellable;
  fields = read_record (self);
  self->cancellable = NULL;
  if (self->error != NULL)
    {
      g_clear_pointer (&fields, g_ptr_array_unref);
      g_propagate_error (error, g_error_copy (self->error));
    }
  return fields;
}
