/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-text"

#include "config.h"

#include <string.h>

#include "tessera-text.h"
#include "tessera-util-private.h"

/* Number of code points in the first @n_bytes of valid UTF-8: every byte
 * that is not a continuation byte starts a code point. */
static guint
count_code_points (const char *text,
                   gsize       n_bytes)
{
  const guchar *p = (const guchar *)text;
  const guchar *end = p + n_bytes;
  guint n = 0;

  for (; p < end; p++)
    {
      if ((*p & 0xC0) != 0x80)
        n++;
    }

  return n;
}

/* Like g_utf8_offset_to_pointer(), but stops at the end of the string:
 * returns %NULL when @text has fewer than @offset code points. */
static const char *
skip_code_points (const char *text,
                  guint       offset)
{
  const char *p = text;

  while (offset > 0 && *p != '\0')
    {
      p = g_utf8_next_char (p);
      offset--;
    }

  return offset == 0 ? p : NULL;
}

/* g_utf8_normalize() shifts the rest of its buffer whenever two code points
 * compose, which is quadratic on a long text. Code points below U+0300 are
 * starters that never compose with what precedes them, so NFC never changes
 * across a boundary before one: normalise short pieces cut there. */
#define NFC_PIECE_BYTES 256

/* Whether @byte starts a code point below U+0300. */
static inline gboolean
is_nfc_boundary (guchar byte)
{
  return byte < 0x80 || (byte >= 0xC0 && byte < 0xCC);
}

static const char *
next_nfc_piece_end (const char *piece,
                    const char *end)
{
  const char *p;

  if ((gsize)(end - piece) <= NFC_PIECE_BYTES)
    return end;

  p = piece + NFC_PIECE_BYTES;
  while (p < end && !is_nfc_boundary (*p))
    p++;

  return p;
}

/* Text made only of code points below U+0300 and of U+2002–U+20CF (general
 * punctuation, super- and subscripts, currency signs: ’ « — … €, no canonical
 * decomposition, combining class 0, never the second of a composition) is
 * already in NFC. French prose has little else. */
static gboolean
nfc_piece_may_change (const char *piece,
                      const char *end)
{
  for (const char *p = piece; p < end; p++)
    {
      guchar byte = (guchar)*p;

      if (byte < 0xCC)
        continue;
      if (byte == 0xE2 && end - p >= 3)
        {
          /* E2 80 82 .. E2 83 8F */
          guchar second = (guchar)p[1];
      guchar third = (guchar)p[2];

          if ((second == 0x80 && third >= 0x82) || second == 0x81 ||
              (second == 0x82) || (second == 0x83 && third < 0x90))
            {
              p += 2;
              continue;
            }
        }
      return TRUE;
    }

  return FALSE;
}

gboolean
_tessera_text_may_change_under_nfc (const char *text,
                                    gsize       length)
{
  return nfc_piece_may_change (text, text + length);
}

/**
 * tessera_text_length:
 * @text: NFC text
 *
 * Returns: the number of Unicode code points in @text, the unit of every
 *   offset in Tessera
 */
guint
tessera_text_length (const char *text)
{
  g_return_val_if_fail (text != NULL, 0);

  return count_code_points (text, strlen (text));
}

/**
 * tessera_text_slice:
 * @text: NFC text
 * @start: first code point
 * @end: one past the last code point
 *
 * Copies the code points [@start, @end) of @text. The range must lie inside
 * the text.
 *
 * Returns: (transfer full): the slice, or %NULL when the range is invalid
 */
char *
tessera_text_slice (const char *text,
                    guint       start,
                    guint       end)
{
  const char *first;
  const char *last;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (end >= start, NULL);

  first = skip_code_points (text, start);
  g_return_val_if_fail (first != NULL, NULL);
  last = skip_code_points (first, end - start);
  g_return_val_if_fail (last != NULL, NULL);

  return g_strndup (first, last - first);
}

/**
 * tessera_text_slice_ranges:
 * @text: NFC text
 * @ranges: (array length=n_ranges): the ranges to copy
 * @n_ranges: the number of @ranges
 * @separator: (nullable): what to put between two slices, such as " … "
 *
 * Copies the text of each range, in the order given, joined by @separator:
 * the text of a discontinuous annotation.
 *
 * Returns: (transfer full): the joined slices, or %NULL when a range is
 *   invalid
 */
char *
tessera_text_slice_ranges (const char         *text,
                           const TesseraRange *ranges,
                           guint               n_ranges,
                           const char         *separator)
{
  TesseraTextCursor cursor = { NULL, 0 };

  return tessera_text_slice_ranges_at (text, &cursor, ranges, n_ranges, separator);
}

/**
 * tessera_text_slice_ranges_at:
 * @text: NFC text
 * @cursor: (inout): where the previous call started, zero-filled for the first call
 * @ranges: (array length=n_ranges): the ranges to copy
 * @n_ranges: the number of @ranges
 * @separator: (nullable): what to put between two slices
 *
 * Like tessera_text_slice_ranges(), but walks on from the start of the previous call's
 * first range instead of from the start of @text: the texts of a document's annotations
 * in reading order cost one walk through the document, not one per annotation.
 *
 * Returns: (transfer full): the joined slices, or %NULL when a range is invalid
 */
char *
tessera_text_slice_ranges_at (const char         *text,
                              TesseraTextCursor  *cursor,
                              const TesseraRange *ranges,
                              guint               n_ranges,
                              const char         *separator)
{
  g_autoptr(GString) joined = NULL;
  const char *position;
  guint position_offset;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (cursor != NULL, NULL);
  g_return_val_if_fail (ranges != NULL || n_ranges == 0, NULL);

  position = cursor->position != NULL ? cursor->position : text;
  position_offset = cursor->position != NULL ? cursor->offset : 0;
  joined = g_string_new (NULL);

  for (guint i = 0; i < n_ranges; i++)
    {
      const char *first;
      const char *last;

      g_return_val_if_fail (ranges[i].end >= ranges[i].start, NULL);

      /* Ranges usually come sorted: walk on from the previous one instead of
       * from the start of the text. */
      if (ranges[i].start < position_offset)
        {
          position = text;
          position_offset = 0;
        }

      first = skip_code_points (position, ranges[i].start - position_offset);
      g_return_val_if_fail (first != NULL, NULL);
      last = skip_code_points (first, ranges[i].end - ranges[i].start);
      g_return_val_if_fail (last != NULL, NULL);

      if (i == 0)
        {
          cursor->position = first;
          cursor->offset = ranges[i].start;
        }
      if (i > 0 && separator != NULL)
        g_string_append (joined, separator);
      g_string_append_len (joined, first, last - first);

      position = last;
      position_offset = ranges[i].end;
    }

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* Finds non-overlapping occurrences of @needle in @text, keeping the
 * code-point offset up to date as it goes so that a search through a long
 * text stays linear. Stops at the @occurrence-th one (1-based), or counts
 * them all when @occurrence is 0, appending each to @all if given. Returns
 * how many were seen. */
static guint
search (const char   *text,
        const char   *needle,
        guint         occurrence,
        TesseraRange *out_range,
        GArray       *all)
{
  g_autofree char *nfc_needle = NULL;
  const char *cursor = text;
  guint cursor_offset = 0;
  gsize needle_bytes;
  guint needle_length;
  guint n = 0;

  nfc_needle = g_utf8_normalize (needle, -1, G_NORMALIZE_NFC);
  if (nfc_needle == NULL || nfc_needle[0] == '\0')
    return 0;

  needle_bytes = strlen (nfc_needle);
  needle_length = count_code_points (nfc_needle, needle_bytes);

  for (;;)
    {
      const char *match = strstr (cursor, nfc_needle);

      if (match == NULL)
        break;

      cursor_offset += count_code_points (cursor, match - cursor);
      n++;
      if (all != NULL)
        {
          TesseraRange range = { cursor_offset, cursor_offset + needle_length };

          g_array_append_val (all, range);
        }

      if (n == occurrence)
        {
          if (out_range != NULL)
            {
              out_range->start = cursor_offset;
              out_range->end = cursor_offset + needle_length;
            }
          break;
        }

      cursor = match + needle_bytes;
      cursor_offset += needle_length;
    }

  return n;
}

/**
 * tessera_text_find:
 * @text: NFC text
 * @needle: the text to look for; it is normalised to NFC first
 * @occurrence: which occurrence to find, counting from 1
 * @out_range: (out) (optional): where to store the range of the occurrence
 *
 * Finds the @occurrence-th of the non-overlapping occurrences of @needle in
 * @text.
 *
 * Returns: %TRUE if there is such an occurrence
 */
gboolean
tessera_text_find (const char   *text,
                   const char   *needle,
                   guint         occurrence,
                   TesseraRange *out_range)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (needle != NULL, FALSE);
  g_return_val_if_fail (occurrence >= 1, FALSE);

  return search (text, needle, occurrence, out_range, NULL) == occurrence;
}

/**
 * tessera_text_count:
 * @text: NFC text
 * @needle: the text to count; it is normalised to NFC first
 *
 * Returns: the number of non-overlapping occurrences of @needle in @text;
 *   0 for an empty @needle
 */
guint
tessera_text_count (const char *text,
                    const char *needle)
{
  g_return_val_if_fail (text != NULL, 0);
  g_return_val_if_fail (needle != NULL, 0);

  return search (text, needle, 0, NULL, NULL);
}

/**
 * tessera_text_sha256:
 * @text: NFC text
 *
 * Returns: (transfer full): the SHA-256 of the UTF-8 bytes of @text, in
 *   lowercase hexadecimal; how a project recognises a text it already has
 */
char *
tessera_text_sha256 (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

/* The characters XML 1.0 can carry (its Char production). */
static inline gboolean
is_xml_char (gunichar c)
{
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/**
 * tessera_text_find_non_xml:
 * @text: the text to look at, in any encoding
 * @length: its length in bytes, or -1 if it ends with a NUL
 * @out_offset: (out) (optional): the code point offset of the first character XML cannot
 *   carry, or of the first byte that is not UTF-8
 * @out_char: (out) (optional): that character, or (gunichar) -1 for a byte that is not
 *   UTF-8
 *
 * The one rule for every string Tessera stores: it must be valid UTF-8 and hold only
 * what an XML 1.0 file can carry (no control character but tab, newline and carriage
 * return, no U+FFFE or U+FFFF, no surrogate), or no TEI file could be written from it.
 *
 * Returns: %TRUE if @text breaks the rule, with where and what in the out arguments
 */
gboolean
tessera_text_find_non_xml (const char *text,
                           gssize      length,
                           guint      *out_offset,
                           gunichar   *out_char)
{
  const char *end;
  const char *valid_end = NULL;
  const char *p;
  gboolean valid;
  guint offset = 0;

  if (text == NULL)
    return FALSE;
  end = text + (length < 0 ? strlen (text) : (gsize) length);
  valid = g_utf8_validate_len (text, end - text, &valid_end);
  end = valid_end;

  for (p = text; p < end; p = g_utf8_next_char (p), offset++)
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_xml_char (c))
        {
          if (out_offset != NULL)
            *out_offset = offset;
          if (out_char != NULL)
            *out_char = c;
          return TRUE;
        }
    }

  if (!valid)
    {
      if (out_offset != NULL)
        *out_offset = offset;
      if (out_char != NULL)
        *out_char = (gunichar) -1;
      return TRUE;
    }
  return FALSE;
}

/**
 * tessera_text_is_nfc:
 * @text: valid UTF-8
 *
 * Returns: %TRUE if @text is in Unicode normalisation form C
 */
gboolean
tessera_text_is_nfc (const char *text)
{
  gsize length;
  const char *end;
  const char *piece_end;

  g_return_val_if_fail (text != NULL, FALSE);

  length = strlen (text);
  if (!g_utf8_validate_len (text, length, NULL))
    return FALSE;

  end = text + length;
  for (const char *piece = text; piece < end; piece = piece_end)
    {
      g_autofree char *nfc = NULL;
      gsize piece_length;

      piece_end = next_nfc_piece_end (piece, end);
      if (!nfc_piece_may_change (piece, piece_end))
        continue;

      piece_length = piece_end - piece;
      nfc = g_utf8_normalize (piece, piece_length, G_NORMALIZE_NFC);
      if (nfc == NULL || strlen (nfc) != piece_length || memcmp (nfc, piece, piece_length) != 0)
        return FALSE;
    }

  return TRUE;
}

/**
 * tessera_text_to_nfc:
 * @text: valid UTF-8
 *
 * Returns: (transfer full) (nullable): @text in Unicode normalisation
 *   form C, or %NULL if @text is not valid UTF-8
 */
char *
tessera_text_to_nfc (const char *text)
{
  g_autoptr(GString) nfc = NULL;
  gsize length;
  const char *end;
  const char *piece_end;

  g_return_val_if_fail (text != NULL, NULL);

  length = strlen (text);
  if (!g_utf8_validate_len (text, length, NULL))
    return NULL;

  nfc = g_string_sized_new (length);
  end = text + length;
  for (const char *piece = text; piece < end; piece = piece_end)
    {
      g_autofree char *normalized = NULL;

      piece_end = next_nfc_piece_end (piece, end);
      if (!nfc_piece_may_change (piece, piece_end))
        {
          g_string_append_len (nfc, piece, piece_end - piece);
          continue;
        }

      normalized = g_utf8_normalize (piece, piece_end - piece, G_NORMALIZE_NFC);
      g_assert (normalized != NULL);
      g_string_append (nfc, normalized);
    }

  return g_string_free (g_steal_pointer (&nfc), FALSE);
}

/* Appends @c, one code point of a full compatibility decomposition, as it is compared. */
static gboolean
append_folded (GString  *folded,
               gunichar  c)
{
  switch (c)
    {
    case 0x2018: /* ‘ */
    case 0x2019: /* ’ */
    case 0x02BC: /* ʼ */
      g_string_append_c (folded, '\'');
      return TRUE;
    case 0x00C6: /* Æ */
    case 0x00E6: /* æ */
      g_string_append (folded, "ae");
      return TRUE;
    case 0x0152: /* Œ */
    case 0x0153: /* œ */
      g_string_append (folded, "oe");
      return TRUE;
    default:
      break;
    }

  if (c < 0x80)
    {
      g_string_append_c (folded, g_ascii_tolower ((char) c));
      return TRUE;
    }
  /* Accents, cedillas and other diacritics. */
  if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
    return TRUE;
  g_string_append_unichar (folded, c);
  return FALSE;
}

/* Appends the fold of the code point at @p to @folded; see tessera_text_fold(). */
static void
append_folded_char (GString    *folded,
                    const char *p)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gboolean ascii = TRUE;
  gsize start = folded->len;
  gsize n;

  if ((guchar) *p < 0x80)
    {
      g_string_append_c (folded, g_ascii_tolower (*p));
      return;
    }
  n = g_unichar_fully_decompose (g_utf8_get_char (p), TRUE, decomposed,
                                 G_N_ELEMENTS (decomposed));
  for (gsize i = 0; i < n; i++)
    ascii &= append_folded (folded, decomposed[i]);

  /* What is left beyond ASCII has no diacritics to lose, only a case to fold. */
  if (!ascii)
    {
      g_autofree char *cased = g_utf8_casefold (folded->str + start,
                                                (gssize) (folded->len - start));

      g_string_truncate (folded, start);
      g_string_append (folded, cased);
    }
}

/**
 * tessera_text_fold:
 * @text: valid UTF-8
 *
 * Folds @text for matching what a user types against what a project holds: case folded,
 * without diacritics, compatibility forms (ligatures, no-break spaces) replaced by what
 * they stand for, typographic apostrophes by `'`, and `œ`, `æ` spelled `oe`, `ae`. Text
 * @a contains text @b, ignoring those differences, when the fold of @a contains the fold
 * of @b.
 *
 * Returns: (transfer full): the folded text
 */
char *
tessera_text_fold (const char *text)
{
  GString *folded;

  g_return_val_if_fail (text != NULL, NULL);

  folded = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    append_folded_char (folded, p);
  return g_string_free (folded, FALSE);
}

/* The code point of @text whose fold holds the byte @byte of the folded text, given where
 * the fold of each code point starts (@starts, ascending). */
static guint
folded_byte_to_offset (GArray *starts,
                       gsize   byte)
{
  guint low = 0;
  guint high = starts->len;

  /* The last code point whose fold starts at or before @byte. */
  while (high - low > 1)
    {
      guint middle = low + (high - low) / 2;

      if (g_array_index (starts, guint32, middle) <= byte)
        low = middle;
      else
        high = middle;
    }
  return low;
}

/**
 * tessera_text_find_all:
 * @text: NFC text
 * @needle: what a user looks for
 * @exact: %TRUE to find @needle as it is written (in NFC); %FALSE to find it whatever the
 *   case, accents, apostrophes and ligatures, as tessera_text_fold() compares
 *
 * Finds the non-overlapping occurrences of @needle, in one pass over @text.
 *
 * Returns: (transfer full) (element-type TesseraRange): the occurrences, in order; empty for
 *   an empty @needle
 */
GArray *
tessera_text_find_all (const char *text,
                       const char *needle,
                       gboolean    exact)
{
  GArray *found;
  g_autoptr(GString) folded = NULL;
  g_autoptr(GArray) starts = NULL;
  g_autofree char *folded_needle = NULL;
  gsize needle_bytes;
  const char *cursor;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (needle != NULL, NULL);

  found = g_array_new (FALSE, FALSE, sizeof (TesseraRange));

  if (exact)
    {
      search (text, needle, 0, NULL, found);
      return found;
    }

  folded_needle = tessera_text_fold (needle);
  needle_bytes = strlen (folded_needle);
  if (needle_bytes == 0)
    return found;

  /* The folded text, and where the fold of each code point starts in it. */
  folded = g_string_sized_new (strlen (text));
  starts = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      guint32 start = (guint32) folded->len;

      g_array_append_val (starts, start);
      append_folded_char (folded, p);
    }

  for (cursor = folded->str; (cursor = strstr (cursor, folded_needle)) != NULL;
       cursor += needle_bytes)
    {
      gsize first = (gsize) (cursor - folded->str);
      TesseraRange range;

      range.start = folded_byte_to_offset (starts, first);
      range.end = folded_byte_to_offset (starts, first + needle_bytes - 1) + 1;
      g_array_append_val (found, range);
    }
  return found;
}

/* The French words that lose their vowel before one: "l’Alliance", "qu’il", "jusqu’à". */
static const char * const elided_words[] = {
  "c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu",
};

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 /* ’ */ || c == 0x02BC /* ʼ */;
}

/**
 * tessera_text_elision_length:
 * @text: valid UTF-8, the text @word is in
 * @word: a position in @text
 *
 * French elides a word before a vowel, and the result is written as one word ("l’Alliance",
 * "qu’il", "jusqu’à") which is two: the elided word with its apostrophe, then the word a
 * user annotates. Word movement and the snapping of a selection to words stop between them.
 *
 * Returns: the number of code points of the elided word and its apostrophe when one starts
 *   at @word (2 for "l’Alliance", 3 for "qu’il"), or 0
 */
guint
tessera_text_elision_length (const char *text,
                             const char *word)
{
  g_return_val_if_fail (text != NULL, 0);
  g_return_val_if_fail (word != NULL && word >= text, 0);

  /* The elided word starts a word: "aujourd’hui" holds none. */
  if (word > text)
    {
      gunichar before = g_utf8_get_char (g_utf8_find_prev_char (text, word));

      if (g_unichar_isalnum (before) || g_unichar_ismark (before) || is_apostrophe (before) ||
          before == '-')
        return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (elided_words); i++)
    {
      gsize length = strlen (elided_words[i]);
      const char *after;

      if (g_ascii_strncasecmp (word, elided_words[i], length) != 0)
        continue;
      after = word + length;
      if (!is_apostrophe (g_utf8_get_char (after)))
        continue;
      /* Followed by the word it is elided before. */
      if (!g_unichar_isalpha (g_utf8_get_char (g_utf8_next_char (after))))
        continue;
      return (guint) length + 1;
    }
  return 0;
}
