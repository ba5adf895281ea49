/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-json"

#include "config.h"

#include "tessera-json.h"

struct _TesseraJson
{
  GString  *out;
  GArray   *counts;       /* values written at each open level */
  gboolean  pretty;
  gboolean  after_key;
};

TesseraJson *
tessera_json_new (gboolean pretty)
{
  TesseraJson *self = g_new0 (TesseraJson, 1);
  guint zero = 0;

  self->out = g_string_new (NULL);
  self->counts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (self->counts, zero);
  self->pretty = pretty;
  return self;
}

void
tessera_json_free (TesseraJson *self)
{
  if (self == NULL)
    return;
  g_string_free (self->out, TRUE);
  g_array_unref (self->counts);
  g_free (self);
}

/**
 * tessera_json_steal:
 *
 * Returns: (transfer full): the text written, and frees the writer
 */
char *
tessera_json_steal (TesseraJson *self)
{
  char *text;

  g_return_val_if_fail (self->counts->len == 1, NULL);

  text = g_string_free (g_steal_pointer (&self->out), FALSE);
  g_array_unref (self->counts);
  g_free (self);
  return text;
}

static void
newline (TesseraJson *self)
{
  if (!self->pretty)
    return;
  g_string_append_c (self->out, '\n');
  for (guint i = 1; i < self->counts->len; i++)
    g_string_append (self->out, "  ");
}

/* Separator and indentation before a value (or a key). */
static void
before_value (TesseraJson *self)
{
  guint *count = &g_array_index (self->counts, guint, self->counts->len - 1);

  if (self->after_key)
    {
      self->after_key = FALSE;
      return;
    }
  if (*count > 0)
    g_string_append_c (self->out, ',');
  if (self->counts->len > 1)
    newline (self);
  (*count)++;
}

static void
open_level (TesseraJson *self,
            char         c)
{
  guint zero = 0;

  before_value (self);
  g_string_append_c (self->out, c);
  g_array_append_val (self->counts, zero);
}

static void
close_level (TesseraJson *self,
             char         c)
{
  guint count = g_array_index (self->counts, guint, self->counts->len - 1);

  g_return_if_fail (self->counts->len > 1);

  g_array_set_size (self->counts, self->counts->len - 1);
  if (count > 0)
    newline (self);
  g_string_append_c (self->out, c);
}

void tessera_json_begin_object (TesseraJson *self) { open_level (self, '{'); }
void tessera_json_end_object (TesseraJson *self) { close_level (self, '}'); }
void tessera_json_begin_array (TesseraJson *self) { open_level (self, '['); }
void tessera_json_end_array (TesseraJson *self) { close_level (self, ']'); }

static void
append_string (GString    *out,
               const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

void
tessera_json_key (TesseraJson *self,
                  const char  *key)
{
  g_return_if_fail (key != NULL);

  before_value (self);
  append_string (self->out, key);
  g_string_append (self->out, self->pretty ? ": " : ":");
  self->after_key = TRUE;
}

void
tessera_json_string (TesseraJson *self,
                     const char  *value)
{
  if (value == NULL)
    {
      tessera_json_null (self);
      return;
    }
  before_value (self);
  append_string (self->out, value);
}

void
tessera_json_int (TesseraJson *self,
                  gint64       value)
{
  before_value (self);
  g_string_append_printf (self->out, "%" G_GINT64_FORMAT, value);
}

void
tessera_json_boolean (TesseraJson *self,
                      gboolean     value)
{
  before_value (self);
  g_string_append (self->out, value ? "true" : "false");
}

void
tessera_json_null (TesseraJson *self)
{
  before_value (self);
  g_string_append (self->out, "null");
}
