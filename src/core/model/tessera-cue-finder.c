/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-model"

#include "config.h"

#include <string.h>

#include "tessera-cue-finder.h"

/*
 * The words that attribute a claim in French news: «selon», «d’après», «pour» opening the
 * sentence, a reporting verb («a déclaré», «a-t-il précisé», «estime», «soulignant»…). The
 * proposal is the one nearest to the claim in its sentence, outside the claim itself; the
 * annotator accepts it with Enter or selects other words.
 */

/* How far from the claim a sentence boundary is looked for, in characters. */
#define WINDOW_MAX 2000

/* Roots of the reporting verbs: a form is a root and one of the endings below. */
static const char *const reporting_roots[] = {
  "affirm", "ajout", "annonc", "assur", "confi", "confirm", "déclar", "dénonc", "estim",
  "expliqu", "indiqu", "insist", "martel", "observ", "précis", "rappel", "réaffirm",
  "réitér", "répét", "soulign", "témoign",
};

typedef enum
{
  FORM_NONE,
  FORM_PARTICIPLE,   /* «déclaré», after an auxiliary */
  FORM_FINITE,       /* «déclare», «déclarent», «déclara» */
  FORM_GERUND,       /* «déclarant» */
} Form;

static const struct
{
  const char *ending;
  Form        form;
} endings[] = {
  { "é", FORM_PARTICIPLE }, { "ée", FORM_PARTICIPLE }, { "és", FORM_PARTICIPLE },
  { "ées", FORM_PARTICIPLE }, { "e", FORM_FINITE }, { "ent", FORM_FINITE },
  { "a", FORM_FINITE }, { "ait", FORM_FINITE }, { "èrent", FORM_FINITE },
  { "ant", FORM_GERUND },
};

/* «a» of «a déclaré», «a-t-il déclaré», «ont», «avait»… */
static const char *const auxiliaries[] = {
  "a", "ont", "avait", "avaient", "aurait", "auraient", "eut", "eurent",
};

/* What may stand between the auxiliary and the participle: «a également souligné». */
static const char *const between[] = {
  "aussi", "encore", "enfin", "ensuite", "déjà", "bien", "alors", "toutefois", "pourtant",
};

/* The subject pronoun of an inversion: «a-t-il», «estime-t-elle», «dit-on». */
static const char *const pronouns[] = {
  "t", "il", "elle", "on", "ils", "elles",
};

typedef struct
{
  guint  start;            /* in characters, in the whole text */
  guint  end;
  char  *word;             /* folded to lower case */
  gsize  head_length;      /* of the part before its first hyphen, in bytes */
  gboolean inverted;       /* the rest after hyphens is a subject pronoun */
  gboolean after_apostrophe;
} Word;

static void
word_clear (gpointer data)
{
  g_free (((Word *) data)->word);
}

static gboolean
in_list (const char        *word,
         const char *const *list,
         gsize              n)
{
  for (gsize i = 0; i < n; i++)
    {
      if (g_str_equal (word, list[i]))
        return TRUE;
    }
  return FALSE;
}

static Form
reporting_form (const char *word)
{
  if (g_str_equal (word, "dit") || g_str_equal (word, "dits"))
    return FORM_PARTICIPLE;
  for (gsize r = 0; r < G_N_ELEMENTS (reporting_roots); r++)
    {
      if (!g_str_has_prefix (word, reporting_roots[r]))
        continue;
      for (gsize e = 0; e < G_N_ELEMENTS (endings); e++)
        {
          if (g_str_equal (word + strlen (reporting_roots[r]), endings[e].ending))
            return endings[e].form;
        }
    }
  return FORM_NONE;
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x02BC;
}

static gboolean
is_hyphen (gunichar c)
{
  return c == '-' || c == 0x2010 || c == 0x2011;
}

/* Whether a sentence ends with the character at @at of @text (a '.', '!', '?', '…' or a
 * newline): what follows (spaces, no-break ones too, aside) opens a new sentence, not «»,
 * a-t-il dit» or a lower-case word, and the dot is not an initial's («M. Diarra»). */
static gboolean
ends_sentence (const char *text,
               const char *at)
{
  gunichar c = g_utf8_get_char (at);
  const char *after = g_utf8_next_char (at);

  if (c == '\n')
    return TRUE;
  if (c != '.' && c != '!' && c != '?' && c != 0x2026)
    return FALSE;
  if (c == '.' && at > text)
    {
      const char *letter = g_utf8_prev_char (at);

      if (g_unichar_isupper (g_utf8_get_char (letter)) &&
          (letter == text || !g_unichar_isalpha (g_utf8_get_char (g_utf8_prev_char (letter)))))
        return FALSE;
    }
  while (*after != '\0' && *after != '\n' && g_unichar_isspace (g_utf8_get_char (after)))
    after = g_utf8_next_char (after);
  c = g_utf8_get_char (after);
  return c == 0 || c == '\n' || g_unichar_isupper (c) || g_unichar_isdigit (c) ||
         c == 0x00AB || c == 0x201C || c == '"';
}

/* Splits the sentence into words, hyphenated ones («a-t-il», «État-Major») whole. */
static GArray *
split_words (const gunichar *chars,
             guint           n_chars,
             guint           first_offset)
{
  GArray *words = g_array_new (FALSE, TRUE, sizeof (Word));
  guint i = 0;

  g_array_set_clear_func (words, word_clear);
  while (i < n_chars)
    {
      g_autofree char *text = NULL;
      Word word = { 0 };
      char *hyphen;
      guint start;

      if (!g_unichar_isalnum (chars[i]))
        {
          i++;
          continue;
        }
      start = i;
      while (i < n_chars &&
             (g_unichar_isalnum (chars[i]) ||
              (is_hyphen (chars[i]) && i + 1 < n_chars && g_unichar_isalnum (chars[i + 1]) &&
               g_unichar_isalnum (chars[i - 1]))))
        i++;

      text = g_ucs4_to_utf8 (chars + start, i - start, NULL, NULL, NULL);
      if (text == NULL)
        continue;
      word.start = first_offset + start;
      word.end = first_offset + i;
      word.word = g_utf8_strdown (text, -1);
      word.after_apostrophe = start > 0 && is_apostrophe (chars[start - 1]);
      /* Hyphens other than '-' count as one, for the pronouns' sake. */
      word.inverted = FALSE;
      hyphen = word.word;
      while (*hyphen != '\0' && !is_hyphen (g_utf8_get_char (hyphen)))
        hyphen = g_utf8_next_char (hyphen);
      word.head_length = hyphen - word.word;
      if (*hyphen != '\0')
        {
          g_autofree char *rest = g_strdup (g_utf8_next_char (hyphen));
          g_auto(GStrv) parts = NULL;

          for (char *p = rest; *p != '\0'; p = g_utf8_next_char (p))
            {
              if (is_hyphen (g_utf8_get_char (p)))
                memset (p, '-', g_utf8_next_char (p) - p);
            }
          parts = g_strsplit (rest, "-", -1);
          word.inverted = TRUE;
          for (guint p = 0; parts[p] != NULL; p++)
            {
              if (*parts[p] != '\0' && !in_list (parts[p], pronouns, G_N_ELEMENTS (pronouns)))
                word.inverted = FALSE;
            }
        }
      g_array_append_val (words, word);
    }
  return words;
}

/* Whether [start, end) lies outside every range of the claim. */
static gboolean
outside_claim (const TesseraRange *claim,
               guint               n_ranges,
               guint               start,
               guint               end)
{
  for (guint r = 0; r < n_ranges; r++)
    {
      if (start < claim[r].end && end > claim[r].start)
        return FALSE;
    }
  return TRUE;
}

/* The cue word @i begins, if it is one: its span in @out_range. A participle is a cue with
 * its auxiliary before it, which is where the span starts. */
static gboolean
cue_at (GArray       *words,
        guint         i,
        TesseraRange *out_range)
{
  Word *word = &g_array_index (words, Word, i);
  g_autofree char *head = g_strndup (word->word, word->head_length);
  gboolean single = word->word[word->head_length] == '\0';
  Form form;

  out_range->start = word->start;
  out_range->end = word->end;

  if (single && g_str_equal (word->word, "selon"))
    return TRUE;
  if (single && g_str_equal (word->word, "après") && word->after_apostrophe && i > 0 &&
      g_str_equal (g_array_index (words, Word, i - 1).word, "d"))
    {
      out_range->start = g_array_index (words, Word, i - 1).start;
      return TRUE;
    }
  /* «Pour le ministre, …» opens the sentence; elsewhere «pour» is mostly a purpose. */
  if (single && i == 0 && g_str_equal (word->word, "pour"))
    return TRUE;

  form = reporting_form (head);
  if (form == FORM_NONE)
    return FALSE;
  if (!single)
    return word->inverted && form != FORM_GERUND;   /* «estime-t-il», «dit-il» */
  if (form == FORM_FINITE || form == FORM_GERUND)
    return TRUE;

  /* A participle: its auxiliary, maybe with an adverb between. */
  for (guint back = 1; back <= 3 && back <= i; back++)
    {
      Word *before = &g_array_index (words, Word, i - back);
      g_autofree char *verb = g_strndup (before->word, before->head_length);

      if (in_list (verb, auxiliaries, G_N_ELEMENTS (auxiliaries)) &&
          (before->word[before->head_length] == '\0' || before->inverted))
        {
          out_range->start = before->start;
          return TRUE;
        }
      if (!g_str_has_suffix (before->word, "ment") &&
          !in_list (before->word, between, G_N_ELEMENTS (between)))
        break;
    }
  return FALSE;
}

/* @n characters further in @text, or %NULL if it ends before. */
static const char *
skip_chars (const char *text,
            guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      if (*text == '\0')
        return NULL;
      text = g_utf8_next_char (text);
    }
  return text;
}

/**
 * tessera_propose_cue:
 * @text: the document's text
 * @claim: (array length=n_ranges): the claim's ranges, in characters
 * @out_start: (out): the proposed cue's first character
 * @out_end: (out): one past its last character
 *
 * Finds the words that most likely attribute a claim: a reporting verb or «selon» next to
 * it in the same sentence, before or after it, outside the claim.
 *
 * Returns: whether a cue was found
 */
gboolean
tessera_propose_cue (const char         *text,
                     const TesseraRange *claim,
                     guint               n_ranges,
                     guint              *out_start,
                     guint              *out_end)
{
  g_autoptr(GArray) words = NULL;
  g_autofree gunichar *chars = NULL;
  const char *claim_start, *claim_end, *first, *last;
  guint start = G_MAXUINT, end = 0, first_offset;
  glong n_chars = 0;
  guint best_distance = G_MAXUINT;
  gboolean found = FALSE;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (claim != NULL || n_ranges == 0, FALSE);

  for (guint r = 0; r < n_ranges; r++)
    {
      start = MIN (start, claim[r].start);
      end = MAX (end, claim[r].end);
    }
  if (n_ranges == 0 || start >= end)
    return FALSE;

  /* The sentence, or sentences, the claim lies in; a claim past the text has none. */
  claim_start = skip_chars (text, start);
  claim_end = claim_start != NULL ? skip_chars (claim_start, end - start) : NULL;
  if (claim_end == NULL)
    return FALSE;
  first = claim_start;
  first_offset = start;
  for (guint n = 0; first > text && n < WINDOW_MAX; n++)
    {
      const char *previous = g_utf8_prev_char (first);

      if (ends_sentence (text, previous))
        break;
      first = previous;
      first_offset--;
    }
  last = claim_end;
  for (guint n = 0; *last != '\0' && n < WINDOW_MAX; n++)
    {
      gboolean end_here = ends_sentence (text, last);

      if (g_utf8_get_char (last) == '\n')
        break;
      last = g_utf8_next_char (last);
      if (end_here)
        break;
    }

  chars = g_utf8_to_ucs4_fast (first, last - first, &n_chars);
  words = split_words (chars, (guint) n_chars, first_offset);

  for (guint i = 0; i < words->len; i++)
    {
      TesseraRange cue;
      guint distance;

      if (!cue_at (words, i, &cue) || !outside_claim (claim, n_ranges, cue.start, cue.end))
        continue;
      if (cue.end <= start)
        distance = start - cue.end;
      else if (cue.start >= end)
        distance = cue.start - end;
      else
        distance = 0;   /* between two ranges of the claim */
      if (distance < best_distance)
        {
          best_distance = distance;
          *out_start = cue.start;
          *out_end = cue.end;
          found = TRUE;
        }
    }
  return found;
}
