/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * TesseraToken:
 * @start: first code point of the token
 * @end: one past its last code point
 *
 * A word, number or punctuation mark of a text, in code points of the NFC text.
 */
typedef struct
{
  guint start;
  guint end;
} TesseraToken;

/**
 * TesseraSentence:
 * @first_token: index of its first token in the tokens array
 * @n_tokens: number of its tokens (at least one)
 */
typedef struct
{
  guint first_token;
  guint n_tokens;
} TesseraSentence;

void  tessera_tokenize   (const char         *text,
                          GArray             *tokens,
                          GArray             *sentences);
char *tessera_detokenize (const char * const *tokens,
                          guint               n_tokens,
                          const guint        *sentence_ends,
                          guint               n_sentences,
                          GArray             *starts,
                          GArray             *ends);

G_END_DECLS
