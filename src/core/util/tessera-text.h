/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tessera-range.h"

G_BEGIN_DECLS

/* Offsets everywhere in Tessera are Unicode code points of NFC text. */

/* A place in a text, for walking through it in order (tessera_text_slice_ranges_at()). */
typedef struct
{
  const char *position;
  guint       offset;
} TesseraTextCursor;
/* The longest elided word with its apostrophe: "lorsqu’", "puisqu’". */
#define TESSERA_TEXT_ELISION_MAX_LENGTH 7

guint     tessera_text_length          (const char         *text);
char     *tessera_text_slice           (const char         *text,
                                        guint               start,
                                        guint               end);
char     *tessera_text_slice_ranges    (const char         *text,
                                        const TesseraRange *ranges,
                                        guint               n_ranges,
                                        const char         *separator);
char     *tessera_text_slice_ranges_at (const char         *text,
                                        TesseraTextCursor  *cursor,
                                        const TesseraRange *ranges,
                                        guint               n_ranges,
                                        const char         *separator);
gboolean  tessera_text_find            (const char         *text,
                                        const char         *needle,
                                        guint               occurrence,
                                        TesseraRange       *out_range);
guint     tessera_text_count           (const char         *text,
                                        const char         *needle);
char     *tessera_text_sha256          (const char         *text);
gboolean  tessera_text_is_nfc          (const char         *text);
gboolean  tessera_text_find_non_xml    (const char         *text,
                                        gssize              length,
                                        guint              *out_offset,
                                        gunichar           *out_char);
char     *tessera_text_to_nfc          (const char         *text);
char     *tessera_text_fold            (const char         *text);
guint     tessera_text_elision_length  (const char         *text,
                                        const char         *word);
GArray   *tessera_text_find_all        (const char         *text,
                                        const char         *needle,
                                        gboolean            exact);

G_END_DECLS
