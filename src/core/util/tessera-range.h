/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * TesseraRange:
 * @start: first code point of the range (offset into the NFC text)
 * @end: one past the last code point
 *
 * A half-open range of Unicode code points, the unit GtkTextBuffer counts.
 */
typedef struct
{
  guint start;
  guint end;
} TesseraRange;

int     tessera_range_compare (const TesseraRange *a,
                               const TesseraRange *b);
GArray *tessera_ranges_merge  (const TesseraRange *ranges,
                               guint               n_ranges,
                               const TesseraRange *added);
int     tessera_ranges_find   (const TesseraRange *ranges,
                               guint               n_ranges,
                               guint               offset);

G_END_DECLS
