/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-tokenizer"

#include "config.h"

#include <string.h>

#include "tessera-tokenizer.h"
#include "tessera-text.h"

/* Words and sentences of French press text, for the token-based exchange formats (CoNLL,
 * WebAnno TSV). One pass over the UTF-8 bytes, no copy of the text: the 3.3 M code points of
 * a novel take a few tens of milliseconds. */

#define NBSP "\302\240"            /* U+00A0, before : % » and after « */
#define NARROW_NBSP "\342\200\257" /* U+202F, before ; ! ? */

/* Abbreviations that keep their full stop ("M. Dupont", "av. J.-C.", "etc."): a sentence does
 * not end after them. Those in lower case also match with a capital ("Cf."). */
static const char * const abbreviations[] = {
  "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Mgr", "Me", "Dr", "Pr", "St", "Ste", "Jr", "Gal",
  "Gén", "Col", "Cdt", "Lt", "Cie", "etc", "av", "apr", "cf", "ex", "p", "pp", "vol", "chap",
  "art", "fig", "éd", "coll", "env", "réf", "tél", "n", "no", "vs", "op", "cit", "ibid", "al",
  "resp", "suiv", "sq", "janv", "févr", "avr", "juil", "juill", "sept", "oct", "nov", "déc",
};

static inline gunichar
char_at (const char *p)
{
  return (guchar) *p < 0x80 ? (gunichar) (guchar) *p : g_utf8_get_char (p);
}

static inline const char *
next_char (const char *p)
{
  return *p == '\0' ? p : g_utf8_next_char (p);
}

static inline guint
count_code_points (const char *from,
                   const char *to)
{
  guint n = 0;

  for (; from < to; from++)
    {
      if (((guchar) *from & 0xC0) != 0x80)
        n++;
    }
  return n;
}

static inline gboolean
is_space (gunichar c)
{
  if (c < 0x80)
    return c == ' ' || (c >= '\t' && c <= '\r');
  /* Zero-width spaces separate words as well. */
  return g_unichar_isspace (c) || c == 0x85 || c == 0x200B || c == 0xFEFF;
}

static inline gboolean
is_line_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 ||
         c == 0x2029;
}

static inline gboolean
is_mark (gunichar c)
{
  return c >= 0x300 && g_unichar_ismark (c);
}

static inline gboolean
is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c) || c == '_';
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* A letter or digit that may start a word (not a combining mark). */
static inline gboolean
is_word_start (gunichar c)
{
  return is_word_char (c) && !is_mark (c);
}

static inline gboolean
is_digit (gunichar c)
{
  return c < 0x80 ? g_ascii_isdigit (c) : g_unichar_isdigit (c);
}

static inline gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x02BC;
}

static inline gboolean
is_hyphen (gunichar c)
{
  return c == '-' || c == 0x2010 || c == 0x2011;
}

/* The spaces that group the digits of a number: "3 500", "1 200,50". */
static inline gboolean
is_group_space (gunichar c)
{
  return c == ' ' || c == 0xA0 || c == 0x202F || c == 0x2009 || c == 0x2007;
}

/* . ! ? … and their Arabic and CJK forms end a sentence. */
static inline gboolean
is_terminal (gunichar c)
{
  return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x203C ||
         (c >= 0x2047 && c <= 0x2049) || c == 0x061F || c == 0x06D4 || c == 0x3002;
}

/* What may follow the end of a sentence inside it: « Vraiment ? » */
static inline gboolean
is_closer (gunichar c)
{
  return c == 0xBB || c == 0x201D || c == 0x2019 || c == 0x203A || c == ')' || c == ']';
}

/* What may start a sentence: a capital, a letter of a script without case, an opening
 * quote, a dialogue dash. */
static gboolean
is_sentence_start (gunichar c)
{
  if (c == 0xAB || c == 0x201C || c == 0x2018 || c == 0x2039 || c == '"' || c == '(' ||
      c == '[' || c == 0x2014 || c == 0x2013 || c == '-' || c == 0xBF || c == 0xA1)
    return TRUE;
  return g_unichar_isalpha (c) && !g_unichar_islower (c);
}

static inline gboolean
is_emoji (gunichar c)
{
  return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF) ||
         (c >= 0x2B00 && c <= 0x2BFF) || (c >= 0x2300 && c <= 0x23FF);
}

/* What stays with an emoji: variation selectors, skin tones, keycaps, tags. */
static inline gboolean
is_emoji_modifier (gunichar c)
{
  return is_mark (c) || (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0020 && c <= 0xE007F);
}

static inline gboolean
is_regional_indicator (gunichar c)
{
  return c >= 0x1F1E6 && c <= 0x1F1FF;
}

/* Whether the word [@start, @end) takes a full stop as an abbreviation. */
static gboolean
is_abbreviation (const char *start,
                 const char *end)
{
  gsize length = end - start;

  for (guint i = 0; i < G_N_ELEMENTS (abbreviations); i++)
    {
      const char *abbreviation = abbreviations[i];

      if (strlen (abbreviation) != length)
        continue;
      if (memcmp (abbreviation, start, length) == 0)
        return TRUE;
      if (g_ascii_islower (abbreviation[0]) && start[0] == g_ascii_toupper (abbreviation[0]) &&
          memcmp (abbreviation + 1, start + 1, length - 1) == 0)
        return TRUE;
    }
  return FALSE;
}

/* "presqu’", "quoiqu’": elided too, where the word movement of the text view keeps
 * "presqu’île" whole, as the tokeniser does. */
static gboolean
is_rare_elision (const char *start,
                 const char *apostrophe,
                 const char *after)
{
  if (apostrophe - start != 6 || !g_unichar_isalpha (char_at (after)))
    return FALSE;
  if (g_ascii_strncasecmp (start, "quoiqu", 6) == 0)
    return TRUE;
  return g_ascii_strncasecmp (start, "presqu", 6) == 0 && !g_str_has_prefix (after, "île");
}

/* Three digits and no more letters or digits: the next group of "3 500". */
static gboolean
is_digit_group (const char *p)
{
  for (guint i = 0; i < 3; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
    }
  return !is_word_char (char_at (p + 3));
}

/* The domain after the @ of an e-mail address, or %NULL. */
static const char *
scan_email_domain (const char *p)
{
  const char *q = p;
  gboolean dot = FALSE;

  if (!g_ascii_isalnum (*p))
    return NULL;
  while (g_ascii_isalnum (*q) || ((*q == '-' || *q == '.') && g_ascii_isalnum (q[1])))
    {
      dot |= *q == '.';
      q++;
    }
  return dot ? q : NULL;
}

static const char *
scan_url (const char *p)
{
  static const char * const prefixes[] = { "https://", "http://", "ftp://", "www." };
  const char *q = NULL;
  const char *last;
  int parentheses = 0; /* opened minus closed */

  if (*p != 'h' && *p != 'H' && *p != 'w' && *p != 'W' && *p != 'f' && *p != 'F')
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (prefixes) && q == NULL; i++)
    {
      gsize length = strlen (prefixes[i]);

      if (g_ascii_strncasecmp (p, prefixes[i], length) == 0)
        q = p + length;
    }
  if (q == NULL || !is_word_start (char_at (q)))
    return NULL;

  for (gunichar c = char_at (q);
       c != 0 && !is_space (c) && c != '<' && c != '>' && c != '"' && c != 0xAB && c != 0xBB &&
       c != 0x201C && c != 0x201D;
       c = char_at (q))
    {
      parentheses += (c == '(') - (c == ')');
      q = next_char (q);
    }
  /* The punctuation that follows an address in a sentence is not part of it. */
  for (last = g_utf8_find_prev_char (p, q); last != NULL; last = g_utf8_find_prev_char (p, q))
    {
      gunichar c = char_at (last);

      if (!(c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
            is_apostrophe (c) || c == 0x2026 || c == ']' || (c == ')' && parentheses < 0)))
        break;
      parentheses += c == ')';
      q = last;
    }
  return q;
}

/* A word: letters, digits and combining marks, with the hyphens, apostrophes, dots, slashes
 * and group spaces inside it ("a-t-il", "aujourd’hui", "J.-P.", "lemonde.fr", "24/24",
 * "3 500", "1 200,50"), an abbreviation's full stop, or an e-mail address. */
static const char *
scan_word (const char *text,
           const char *start)
{
  const char *p = start;
  const char *segment = start; /* the current run of letters and digits */
  gboolean number = TRUE;      /* digits only so far, with group spaces and decimals */
  gboolean fraction = FALSE;
  guint group = 0;             /* digits in the current group of the number */
  guint n_groups = 0;

  for (;;)
    {
      gunichar c = char_at (p);
      const char *after;
      gunichar next;

      if (c == 0)
        break;
      if (is_word_char (c))
        {
          if (is_digit (c))
            group++;
          else if (!is_mark (c))
            number = FALSE;
          p = next_char (p);
          continue;
        }

      after = next_char (p);
      next = char_at (after);
      if (number && !fraction && is_group_space (c) && group >= 1 && group <= 3 &&
          (n_groups == 0 || group == 3) && is_digit_group (after))
        {
          group = 0;
          n_groups++;
          p = after;
          continue;
        }
      if (number && (c == ',' || c == '.') && is_digit (next) && group > 0)
        {
          fraction |= c == ',';
          group = 0;
          n_groups++;
          p = after;
          continue;
        }
      if ((c == 0x200C || c == 0x200D) && is_word_start (next))
        {
          p = after;
          continue;
        }
      /* "l’", "jusqu’": the elided word is a token; "aujourd’hui" is one. */
      if (is_apostrophe (c) && segment == start && p - start <= TESSERA_TEXT_ELISION_MAX_LENGTH &&
          (tessera_text_elision_length (text, start) > 0 || is_rare_elision (start, p, after)))
        return after;
      if ((is_apostrophe (c) || is_hyphen (c) || c == '/') && is_word_start (next))
        {
          number = number && c == '/' && is_digit (next);
          p = segment = after;
          continue;
        }
      if (c == '.')
        {
          /* An initial ("J.", "J.-P.", "U.S.A."), then an abbreviation. */
          if (next_char (segment) == p && g_unichar_isupper (char_at (segment)))
            {
              number = FALSE;
              p = segment = after;
              continue;
            }
          if (segment == start && is_abbreviation (start, p))
            return after;
          /* "lemonde.fr"; a capital after a full stop starts a sentence. */
          if (is_word_start (next) && !g_unichar_isupper (next))
            {
              number = FALSE;
              p = segment = after;
              continue;
            }
          break;
        }
      if (c == '@')
        {
          const char *end = scan_email_domain (after);

          if (end != NULL)
            return end;
        }
      break;
    }
  return p;
}

static const char *
scan_emoji (const char *p)
{
  gunichar first = char_at (p);

  p = next_char (p);
  if (is_regional_indicator (first))
    return is_regional_indicator (char_at (p)) ? next_char (p) : p;
  for (;;)
    {
      gunichar c = char_at (p);

      if (is_emoji_modifier (c))
        p = next_char (p);
      else if (c == 0x200D && is_emoji (char_at (next_char (p))))
        p = next_char (next_char (p));
      else
        return p;
    }
}

/* A punctuation mark or a symbol with its combining marks; runs of dots ("..."), of ? and !
 * ("?!"), of hyphens ("--") and the guillemets typed as "<<" ">>" are one token. */
static const char *
scan_punctuation (const char *p)
{
  gunichar first = char_at (p);

  p = next_char (p);
  for (gunichar c = char_at (p);
       ((first == '.' || first == '<' || first == '>') && c == first) ||
       ((first == '?' || first == '!') && (c == '?' || c == '!')) ||
       (is_hyphen (first) && is_hyphen (c));
       c = char_at (p))
    p = next_char (p);
  while (is_mark (char_at (p)))
    p = next_char (p);
  return p;
}

static const char *
scan_token (const char *text,
            const char *p)
{
  gunichar c = char_at (p);
  const char *end;

  if ((end = scan_url (p)) != NULL)
    return end;
  if (is_word_char (c))
    return scan_word (text, p);
  /* Hashtags and mentions. */
  if ((c == '#' || c == '@') && is_word_start (char_at (p + 1)))
    return scan_word (text, p + 1);
  if (is_emoji (c))
    return scan_emoji (p);
  return scan_punctuation (p);
}

/**
 * tessera_tokenize:
 * @text: NFC text, valid UTF-8
 * @tokens: an array of #TesseraToken to append the tokens of @text to
 * @sentences: (nullable): an array of #TesseraSentence to append its sentences to; their
 *   @first_token is an index in @tokens, counting the tokens it held before
 *
 * Cuts @text into tokens as French press text writes them: elided words with their
 * apostrophe ("l’", "qu’", "jusqu’"), hyphenated words whole ("a-t-il", "Porto-Novo"),
 * numbers with their group spaces and decimal comma ("3 500", "6,5"), abbreviations and
 * initials with their full stop ("M.", "etc.", "J.-C."), an ellipsis as one token, URLs,
 * e-mail addresses and emoji sequences whole. Spaces, no-break spaces included, are in no
 * token. Offsets are code points of @text.
 *
 * A sentence ends at a line break, and after . ! ? … (and the closing quotes or brackets
 * that follow them) when a capital, an opening quote or a dash comes next. The full stop of
 * an abbreviation or an initial ends none.
 */
void
tessera_tokenize (const char *text,
                  GArray     *tokens,
                  GArray     *sentences)
{
  gboolean line_break = FALSE;     /* between the last token and this one */
  gboolean after_terminal = FALSE; /* the sentence so far ends with . ! ? … */
  const char *previous_end = text;
  const char *p = text;
  guint sentence_start;
  guint offset = 0;

  g_return_if_fail (text != NULL);
  g_return_if_fail (tokens != NULL);

  sentence_start = tokens->len;
  while (*p != '\0')
    {
      gunichar c = char_at (p);
      gboolean space_before;
      TesseraToken token;
      const char *end;

      if (is_space (c))
        {
          line_break |= is_line_break (c);
          p = next_char (p);
          continue;
        }

      end = scan_token (text, p);
      g_assert (end > p);
      token.start = offset + count_code_points (previous_end, p);
      token.end = token.start + count_code_points (p, end);
      space_before = p > previous_end;
      offset = token.end;
      previous_end = end;

      if (after_terminal && !line_break &&
          (is_closer (c) || (c == '"' && !space_before)))
        {
          /* « Pourquoi ? » stays in its sentence. */
        }
      else
        {
          if (sentences != NULL && tokens->len > sentence_start &&
              (line_break || (after_terminal && is_sentence_start (c))))
            {
              TesseraSentence sentence = { sentence_start, tokens->len - sentence_start };

              g_array_append_val (sentences, sentence);
              sentence_start = tokens->len;
            }
          after_terminal = is_terminal (c);
        }
      g_array_append_val (tokens, token);
      line_break = FALSE;
      p = end;
    }

  if (sentences != NULL && tokens->len > sentence_start)
    {
      TesseraSentence sentence = { sentence_start, tokens->len - sentence_start };

      g_array_append_val (sentences, sentence);
    }
}

/* Whether @token is an elided word with its apostrophe: "l’", "qu'". */
static gboolean
is_elision (const char *token)
{
  gsize length = strlen (token);
  const char *last;

  if (length < 2)
    return FALSE;
  last = g_utf8_find_prev_char (token, token + length);
  return last != NULL && last > token && is_apostrophe (char_at (last)) &&
         g_unichar_isalpha (char_at (g_utf8_find_prev_char (token, last)));
}

/* The space the tokeniser's rules put between @previous and @token in a sentence. */
static const char *
space_between (const char *previous,
               const char *token,
               gboolean   *quote_open)
{
  gunichar before = char_at (previous);
  gunichar c = char_at (token);

  if (c == '"' && token[1] == '\0')
    {
      *quote_open = !*quote_open;
      if (!*quote_open)
        return "";
    }
  if (is_elision (previous))
    return "";
  if (previous[0] != '\0' && next_char (previous)[0] == '\0')
    {
      if (before == 0xAB)
        return NBSP;
      if (before == '(' || before == '[' || before == '{' || before == 0x201C ||
          before == 0x2018 || before == 0xBF || before == 0xA1 ||
          (before == '"' && *quote_open))
        return "";
    }
  /* ">>" for », as typed without a no-break space. */
  if (c == '>' && token[1] == '>')
    return "";
  if (c == 0xBB || c == ':' || c == '%')
    return NBSP;
  if (c == ';' || c == '!' || c == '?')
    return NARROW_NBSP;
  if (c == ',' || c == '.' || c == ')' || c == ']' || c == '}' || c == 0x2026 || c == 0x201D ||
      c == 0x2019 || c == 0x060C || c == 0x061B || c == 0x061F || c == 0x06D4)
    return "";
  return " ";
}

/**
 * tessera_detokenize:
 * @tokens: (array length=n_tokens): the tokens, UTF-8
 * @n_tokens: their number
 * @sentence_ends: (array length=n_sentences) (nullable): for each sentence, the index one past
 *   its last token, in increasing order; tokens after the last are one more sentence
 * @n_sentences: the number of sentence ends
 * @starts: (nullable): an array of guint to append each token's first code point to
 * @ends: (nullable): an array of guint to append each token's end to
 *
 * Joins tokens into text with the spacing rules of tessera_tokenize(): no space before
 * , . ) … nor after ( or an elided word ("l’"), a no-break space inside « » and before : and
 * %, a narrow no-break space before ; ! ?. Sentences are joined by a space after the
 * punctuation that ends a sentence and by a line break otherwise (a title, a list item).
 * For ordinary press text, the tokens of a paragraph give the paragraph back.
 *
 * Returns: (transfer full): the text
 */
char *
tessera_detokenize (const char * const *tokens,
                    guint               n_tokens,
                    const guint        *sentence_ends,
                    guint               n_sentences,
                    GArray             *starts,
                    GArray             *ends)
{
  GString *text = g_string_new (NULL);
  guint offset = 0;
  guint sentence = 0;
  gboolean after_terminal = FALSE;
  gboolean quote_open = FALSE;

  g_return_val_if_fail (tokens != NULL || n_tokens == 0, NULL);
  g_return_val_if_fail (sentence_ends != NULL || n_sentences == 0, NULL);

  for (guint i = 0; i < n_tokens; i++)
    {
      const char *token = tokens[i];
      const char *space = "";
      gunichar c = char_at (token);

      if (i > 0)
        {
          gboolean new_sentence = FALSE;

          while (sentence < n_sentences && sentence_ends[sentence] <= i)
            {
              new_sentence |= sentence_ends[sentence] == i;
              sentence++;
            }
          if (new_sentence)
            {
              space = after_terminal ? " " : "\n";
              quote_open = c == '"';
            }
          else
            space = space_between (tokens[i - 1], token, &quote_open);
        }
      else
        quote_open = c == '"';

      g_string_append (text, space);
      offset += count_code_points (space, space + strlen (space));
      if (starts != NULL)
        g_array_append_val (starts, offset);
      g_string_append (text, token);
      offset += count_code_points (token, token + strlen (token));
      if (ends != NULL)
        g_array_append_val (ends, offset);

      if (is_terminal (c))
        after_terminal = TRUE;
      else if (!(after_terminal && (is_closer (c) || c == '"')))
        after_terminal = FALSE;
    }

  return g_string_free (text, FALSE);
}
