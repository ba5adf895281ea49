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

/* A getter of a GObject's field: `type prefix_get_name (Type *self)`, checking @self. */
#define TESSERA_DEFINE_GETTER(Type, prefix, is_type, type, name, expr) \
  type                                                                 \
  prefix##_get_##name (Type *self)                                     \
  {                                                                    \
    g_return_val_if_fail (is_type (self), 0);                          \
    return expr;                                                       \
  }

/* tessera-text.c: whether NFC might change these bytes of valid UTF-8 (when %FALSE, they
 * are NFC already and cannot compose with what precedes them). */
gboolean _tessera_text_may_change_under_nfc (const char *text,
                                             gsize       length);

G_END_DECLS
