/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-fuzz"

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "tessera-import.h"
#include "tessera-text-importer.h"

/*
 * Plain-text import on arbitrary bytes. Either the bytes are refused with a message a user
 * can read, or the result is text that can be annotated: valid UTF-8 in NFC (compared with
 * GLib's normalisation of the whole text, which the import does piece by piece), no C0
 * control but tab and newline, no DEL, no carriage return, no trailing white space; and the
 * title is one trimmed line of at most 200 code points.
 */

#define TITLE_MAX_LENGTH 200

static void
assert_annotatable (const char *text)
{
  g_autofree char *nfc = NULL;
  const char *last;

  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpstr (text, !=, "");

  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  g_assert_cmpstr (text, ==, nfc);

  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = *p;

      if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F)
        g_error ("byte %ld of the prepared text is the control character 0x%02X",
                 (long) (p - text), c);
    }

  last = g_utf8_find_prev_char (text, text + strlen (text));
  g_assert_nonnull (last);
  g_assert_false (g_unichar_isspace (g_utf8_get_char (last)));
}

static void
assert_title (const char *title)
{
  gunichar first;
  gunichar last;

  if (title == NULL)
    return;
  g_assert_true (g_utf8_validate (title, -1, NULL));
  g_assert_cmpstr (title, !=, "");
  g_assert_null (strchr (title, '\n'));
  g_assert_cmpint (g_utf8_strlen (title, -1), <=, TITLE_MAX_LENGTH);
  first = g_utf8_get_char (title);
  last = g_utf8_get_char (g_utf8_find_prev_char (title, title + strlen (title)));
  g_assert_false (g_unichar_isspace (first));
  g_assert_false (g_unichar_isspace (last));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;

  /* Not NUL-terminated, exactly as libFuzzer gives it: a read past the end is caught. */
  text = tessera_import_prepare_text ("input.txt", (const char *) data, size, &title, &error);
  if (text == NULL)
    {
      tessera_fuzz_assert_error (error);
      g_assert_true (error->domain == TESSERA_IMPORT_ERROR);
      g_assert_null (title);
      return 0;
    }

  g_assert_no_error (error);
  assert_annotatable (text);
  assert_title (title);
  return 0;
}
