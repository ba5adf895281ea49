/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* g_set_str() arrived in GLib 2.76; Debian 12 has 2.74. */
static inline gboolean
tessera_set_str (char       **str_pointer,
                 const char  *new_str)
{
  char *copy;

  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;

  return TRUE;
}

/* tessera-text.c: whether NFC might change these bytes of valid UTF-8 (when %FALSE, they
 * are NFC already and cannot compose with what precedes them). */
gboolean _tessera_text_may_change_under_nfc (const char *text,
                                             gsize       length);

G_END_DECLS
