/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-tokenizer"

#include "config.h"

#include <string.h>

#include "tessera-text.h"
#include "tessera-tokenizer.h"

/* Written out so that the tests do not depend on how an editor stores them. */
#define NBSP        "\xC2\xA0"             /* U+00A0 */
#define NNBSP       "\xE2\x80\xAF"         /* U+202F */
#define APOSTROPHE  "\xE2\x80\x99"         /* U+2019 ’ */
#define ELLIPSIS    "\xE2\x80\xA6"         /* U+2026 … */
#define OPEN_QUOTE  "\xC2\xAB"             /* « */
#define CLOSE_QUOTE "\xC2\xBB"             /* » */
#define ZWJ         "\xE2\x80\x8D"         /* U+200D */
#define FAMILY      "\xF0\x9F\x91\xA8" ZWJ "\xF0\x9F\x91\xA9" ZWJ "\xF0\x9F\x91\xA7"
#define THUMBS_UP_DARK "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBF" /* U+1F44D U+1F3FF */
#define FLAG_FR     "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7"
#define COMBINING_DOT "\xCC\x87"           /* U+0307 */

/* Checks what every tokenisation must hold, then returns the tokens joined by "|" and the
 * sentences by " ‖ ". */
static char *
tokenize_to_string (const char *text)
{
  g_autoptr (GArray) tokens = g_array_new (FALSE, FALSE, sizeof (TesseraToken));
  g_autoptr (GArray) sentences = g_array_new (FALSE, FALSE, sizeof (TesseraSentence));
  g_autoptr (GString) joined = g_string_new (NULL);
  guint length = tessera_text_length (text);
  guint next_token = 0;
  guint previous_end = 0;

  tessera_tokenize (text, tokens, sentences);

  for (guint i = 0; i < tokens->len; i++)
    {
      const TesseraToken *token = &g_array_index (tokens, TesseraToken, i);
      g_autofree char *gap = tessera_text_slice (text, previous_end, token->start);

      /* In order, never empty, never overlapping, inside the text. */
      g_assert_cmpuint (token->start, >=, previous_end);
      g_assert_cmpuint (token->start, <, token->end);
      g_assert_cmpuint (token->end, <=, length);
      /* Only spaces between tokens: no character is lost. */
      for (const char *p = gap; *p != '\0'; p = g_utf8_next_char (p))
        g_assert_true (g_unichar_isspace (g_utf8_get_char (p)));
      previous_end = token->end;
    }
  if (tokens->len == 0)
    g_assert_cmpuint (sentences->len, ==, 0);

  for (guint s = 0; s < sentences->len; s++)
    {
      const TesseraSentence *sentence = &g_array_index (sentences, TesseraSentence, s);

      /* The sentences hold every token once, in order. */
      g_assert_cmpuint (sentence->first_token, ==, next_token);
      g_assert_cmpuint (sentence->n_tokens, >, 0);
      next_token += sentence->n_tokens;
      if (s > 0)
        g_string_append (joined, " ‖ ");
      for (guint i = sentence->first_token; i < next_token; i++)
        {
          const TesseraToken *token = &g_array_index (tokens, TesseraToken, i);
          g_autofree char *slice = tessera_text_slice (text, token->start, token->end);

          if (i > sentence->first_token)
            g_string_append_c (joined, '|');
          g_string_append (joined, slice);
        }
    }
  g_assert_cmpuint (next_token, ==, tokens->len);

  return g_strdup (joined->str);
}

#define assert_tokens(text, expected)                          \
  G_STMT_START {                                               \
    g_autofree char *_joined = tokenize_to_string (text);      \
    g_assert_cmpstr (_joined, ==, expected);                   \
  } G_STMT_END

/* The text of the seed article whose file name starts with @prefix. */
static char *
read_seed (const char *prefix)
{
  const char *seeds_dir = g_getenv ("TESSERA_SEEDS_DIR");
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = NULL;
  const char *name;

  g_assert_nonnull (seeds_dir);
  dir = g_dir_open (seeds_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, prefix))
        {
          g_autofree char *path = g_build_filename (seeds_dir, name, NULL);
          g_autofree char *contents = NULL;

          g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
          g_assert_no_error (error);
          return tessera_text_to_nfc (contents);
        }
    }
  g_assert_not_reached ();
}

static void
test_elisions (void)
{
  /* From the seeds. */
  assert_tokens ("Les chefs d" APOSTROPHE "état-major des forces armées de l" APOSTROPHE
                 "Alliance",
                 "Les|chefs|d" APOSTROPHE "|état-major|des|forces|armées|de|l" APOSTROPHE
                 "|Alliance");
  assert_tokens ("Jusqu" APOSTROPHE "à présent",
                 "Jusqu" APOSTROPHE "|à|présent");
  assert_tokens ("Aussi inédite qu" APOSTROPHE "historique.",
                 "Aussi|inédite|qu" APOSTROPHE "|historique|.");
  /* Every elided word, with either apostrophe. */
  assert_tokens ("lorsqu'il puisqu'elle presqu'entière j'ai n'est s'il c'est m'a t'a quoiqu'il",
                 "lorsqu'|il|puisqu'|elle|presqu'|entière|j'|ai|n'|est|s'|il|c'|est|m'|a|t'|a|"
                 "quoiqu'|il");
  assert_tokens ("L" APOSTROPHE "AES jusqu'au bout",
                 "L" APOSTROPHE "|AES|jusqu'|au|bout");
  /* An apostrophe inside a word is no elision. */
  assert_tokens ("aujourd" APOSTROPHE "hui, d" APOSTROPHE "aujourd" APOSTROPHE "hui",
                 "aujourd" APOSTROPHE "hui|,|d" APOSTROPHE "|aujourd" APOSTROPHE "hui");
  assert_tokens ("quelqu" APOSTROPHE "un, la presqu" APOSTROPHE "île",
                 "quelqu" APOSTROPHE "un|,|la|presqu" APOSTROPHE "île");
}

static void
test_hyphens (void)
{
  assert_tokens ("sécurité " CLOSE_QUOTE ", a-t-il précisé.",
                 "sécurité|" CLOSE_QUOTE "|,|a-t-il|précisé|.");
  assert_tokens ("Peut-être à Porto-Novo, au-delà du G5-Sahel ; ceux-ci",
                 "Peut-être|à|Porto-Novo|,|au-delà|du|G5-Sahel|;|ceux-ci");
  /* A hyphen with a space is a dash of its own. */
  assert_tokens ("pré- et post-électoral - enfin", "pré|-|et|post-électoral|-|enfin");
}

static void
test_numbers (void)
{
  assert_tokens ("3 500 soldats, 6,5 % du PIB et 1" NBSP "200,50 euros",
                 "3 500|soldats|,|6,5|%|du|PIB|et|1" NBSP "200,50|euros");
  assert_tokens ("12" NNBSP "000" NNBSP "000 habitants", "12" NNBSP "000" NNBSP "000|habitants");
  /* A year and a count side by side stay apart; so do numbers in a list. */
  assert_tokens ("en 2023 500 réfugiés", "en|2023|500|réfugiés");
  assert_tokens ("les 2, 3 et 4 mars", "les|2|,|3|et|4|mars");
  assert_tokens ("le 16 septembre 2024, à 15h30", "le|16|septembre|2024|,|à|15h30");
}

static void
test_abbreviations (void)
{
  assert_tokens ("M. Goïta et Mme Diarra ont reçu MM. Tiani et Dr Barmou.",
                 "M.|Goïta|et|Mme|Diarra|ont|reçu|MM.|Tiani|et|Dr|Barmou|.");
  assert_tokens ("En 52 av. J.-C. César écrit, p. 12, etc. Puis J.-P. Sartre.",
                 "En|52|av.|J.-C.|César|écrit|,|p.|12|,|etc.|Puis|J.-P.|Sartre|.");
}

static void
test_quotes (void)
{
  /* From the seeds, with their no-break spaces. */
  assert_tokens ("du G5-Sahel : " OPEN_QUOTE NBSP "dont nous" NBSP CLOSE_QUOTE ".",
                 "du|G5-Sahel|:|" OPEN_QUOTE "|dont|nous|" CLOSE_QUOTE "|.");
  assert_tokens ("Il a dit \"non\".", "Il|a|dit|\"|non|\"|.");
}

static void
test_ellipsis (void)
{
  assert_tokens ("Et puis" ELLIPSIS " rien... ou presque.",
                 "Et|puis|" ELLIPSIS "|rien|...|ou|presque|.");
}

static void
test_urls (void)
{
  assert_tokens ("Lire https://www.lemonde.fr/afrique/article.html, ou www.rfi.fr.",
                 "Lire|https://www.lemonde.fr/afrique/article.html|,|ou|www.rfi.fr|.");
  assert_tokens ("(voir https://fr.wikipedia.org/wiki/Sahel_(région)) et",
                 "(|voir|https://fr.wikipedia.org/wiki/Sahel_(région)|)|et");
  assert_tokens ("Écrire à redaction@journal.ml ou à jean.dupont@rfi.fr.",
                 "Écrire|à|redaction@journal.ml|ou|à|jean.dupont@rfi.fr|.");
  assert_tokens ("#AES et @Presidence_Mali", "#AES|et|@Presidence_Mali");
}

static void
test_emoji_and_scripts (void)
{
  /* A ZWJ sequence, a skin tone and a flag are one token each; a combining mark stays on
   * its letter. */
  assert_tokens ("Bravo " FAMILY THUMBS_UP_DARK " " FLAG_FR "!",
                 "Bravo|" FAMILY "|" THUMBS_UP_DARK "|" FLAG_FR "|!");
  assert_tokens ("q" COMBINING_DOT "x", "q" COMBINING_DOT "x");
  /* Arabic: letters without case start a sentence after its question mark. */
  assert_tokens ("قال الرئيس، هل انتهى؟ نعم.", "قال|الرئيس|،|هل|انتهى|؟ ‖ نعم|.");
}

static void
test_sentences (void)
{
  /* The end of a sentence, a closing quote kept in it, an abbreviation that ends none. */
  assert_tokens ("Il est venu. « Pourquoi ? » demanda-t-il. M. Diarra répondit : « Non ! » "
                 "Puis rien… Et après...",
                 "Il|est|venu|. ‖ «|Pourquoi|?|»|demanda-t-il|. ‖ M.|Diarra|répondit|:|«|Non|!|» ‖ "
                 "Puis|rien|… ‖ Et|après|...");
  /* A lower-case word after . or … continues the sentence. */
  assert_tokens ("Il hésita… puis partit.", "Il|hésita|…|puis|partit|.");
  /* A line break ends a sentence, a title without a full stop too. */
  assert_tokens ("Plan d’action\nL’objectif principal\n\nFin", "Plan|d’|action ‖ L’|objectif|principal ‖ Fin");
  assert_tokens ("", "");
  assert_tokens (" \n ", "");
}

/* Every token of a seed sentence, with its offsets. */
static void
test_offsets (void)
{
  g_autofree char *seed = read_seed ("000_");
  g_autoptr (GArray) tokens = g_array_new (FALSE, FALSE, sizeof (TesseraToken));
  /* "Les chefs d’état-major des forces armées de l’Alliance des États du Sahel (AES) …" */
  static const TesseraToken expected[] = {
    { 0, 3 }, { 4, 9 }, { 10, 12 }, { 12, 22 }, { 23, 26 }, { 27, 33 }, { 34, 40 },
    { 41, 43 }, { 44, 46 }, { 46, 54 }, { 55, 58 }, { 59, 64 }, { 65, 67 }, { 68, 73 },
    { 74, 75 }, { 75, 78 }, { 78, 79 },
  };

  tessera_tokenize (seed, tokens, NULL);
  g_assert_cmpuint (tokens->len, >, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const TesseraToken *token = &g_array_index (tokens, TesseraToken, i);

      g_assert_cmpuint (token->start, ==, expected[i].start);
      g_assert_cmpuint (token->end, ==, expected[i].end);
    }
}

/* The seeds hold: no character lost, no token overlapping another, sentences in order; a
 * combining mark stays with what it is written on. */
static void
test_seeds (void)
{
  for (guint n = 0; n < 5; n++)
    {
      g_autofree char *prefix = g_strdup_printf ("%03u_", n);
      g_autofree char *seed = read_seed (prefix);
      g_autofree char *joined = tokenize_to_string (seed);

      g_assert_cmpuint (strlen (joined), >, strlen (seed) / 2);
    }
  assert_tokens ("fin." COMBINING_DOT " " COMBINING_DOT "a", "fin|." COMBINING_DOT "|" COMBINING_DOT "a");
}

/* Tokens are appended: the sentences count the tokens the array held before. */
static void
test_append (void)
{
  g_autoptr (GArray) tokens = g_array_new (FALSE, FALSE, sizeof (TesseraToken));
  g_autoptr (GArray) sentences = g_array_new (FALSE, FALSE, sizeof (TesseraSentence));
  const TesseraSentence *sentence;

  tessera_tokenize ("Un. Deux.", tokens, sentences);
  tessera_tokenize ("Trois.", tokens, sentences);
  g_assert_cmpuint (tokens->len, ==, 6);
  g_assert_cmpuint (sentences->len, ==, 3);
  sentence = &g_array_index (sentences, TesseraSentence, 2);
  g_assert_cmpuint (sentence->first_token, ==, 4);
  g_assert_cmpuint (sentence->n_tokens, ==, 2);
  /* Offsets are in the text tokenised. */
  g_assert_cmpuint (g_array_index (tokens, TesseraToken, 4).start, ==, 0);
}

/* Detokenises the tokens of @text, checking the offsets it gives. */
static char *
round_trip (const char *text)
{
  g_autoptr (GArray) tokens = g_array_new (FALSE, FALSE, sizeof (TesseraToken));
  g_autoptr (GArray) sentences = g_array_new (FALSE, FALSE, sizeof (TesseraSentence));
  g_autoptr (GArray) sentence_ends = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) ends = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  char *joined;

  tessera_tokenize (text, tokens, sentences);
  for (guint i = 0; i < tokens->len; i++)
    {
      const TesseraToken *token = &g_array_index (tokens, TesseraToken, i);

      g_ptr_array_add (strings, tessera_text_slice (text, token->start, token->end));
    }
  for (guint s = 0; s < sentences->len; s++)
    {
      const TesseraSentence *sentence = &g_array_index (sentences, TesseraSentence, s);
      guint end = sentence->first_token + sentence->n_tokens;

      g_array_append_val (sentence_ends, end);
    }

  joined = tessera_detokenize ((const char * const *) strings->pdata, strings->len,
                               (const guint *) (gpointer) sentence_ends->data, sentence_ends->len,
                               starts, ends);
  g_assert_cmpuint (starts->len, ==, strings->len);
  g_assert_cmpuint (ends->len, ==, strings->len);
  for (guint i = 0; i < strings->len; i++)
    {
      g_autofree char *slice = tessera_text_slice (joined, g_array_index (starts, guint, i),
                                                   g_array_index (ends, guint, i));

      g_assert_cmpstr (slice, ==, g_ptr_array_index (strings, i));
    }
  return joined;
}

/* @text with its no-break spaces as spaces, and one space where it had several. */
static char *
plain_spaces (const char *text)
{
  g_autoptr (GString) plain = g_string_new (text);

  g_string_replace (plain, NBSP, " ", 0);
  g_string_replace (plain, NNBSP, " ", 0);
  while (g_string_replace (plain, "  ", " ", 0) > 0)
    ;
  return g_strdup (plain->str);
}

static void
test_detokenize (void)
{
  /* French typography comes back as it was written. */
  static const char * const paragraphs[] = {
    "L’article 6 de ce Pacte stipule que «" NBSP "toute agression contre la souveraineté et "
    "l’intégrité territoriale d’un ou plusieurs des États parties sera considérée comme une "
    "agression contre les autres parties" NBSP "», précisant que «" NBSP "l’usage de la force "
    "armée, y compris de manière individuelle ou collective, pour rétablir et maintenir la "
    "sécurité dans la zone couverte par l’Alliance" NBSP "» serait une mesure d’assistance "
    "mutuelle.",
    "M. Diarra a-t-il signé" NNBSP "? Oui" NNBSP "! Il l’a dit" NBSP ": 3 500 soldats, 6,5" NBSP
    "% du budget (en 2024)" NNBSP "; le reste… plus tard. Voir https://www.rfi.fr.",
    "Il a dit \"non\" et \"oui\".",
    /* A title and its paragraph. */
    "Une nouvelle étape\nLes dirigeants du Burkina Faso, du Mali et du Niger ont signé le "
    "16 septembre le Pacte de Liptako-Gourma. Ce mercredi, le président malien a reçu les chefs "
    "d’état-major.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paragraphs); i++)
    {
      g_autofree char *joined = round_trip (paragraphs[i]);

      g_assert_cmpstr (joined, ==, paragraphs[i]);
    }

  /* Each line of the seeds comes back with the same words and punctuation; only the spaces
   * may differ where their authors typed them otherwise (a space before : and inside « »
   * instead of a no-break space, two spaces for one). */
  for (guint n = 0; n < 5; n++)
    {
      g_autofree char *prefix = g_strdup_printf ("%03u_", n);
      g_autofree char *seed = read_seed (prefix);
      g_auto (GStrv) lines = g_strsplit (seed, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_autofree char *joined = round_trip (lines[i]);
          g_autofree char *expected = g_strstrip (plain_spaces (lines[i]));
          g_autofree char *got = plain_spaces (joined);

          g_assert_cmpstr (got, ==, expected);
        }
    }
}

static void
test_detokenize_sentences (void)
{
  static const char * const tokens[] = { "Titre", "Il", "vient", ".", "Elle", "part", "." };
  static const guint sentence_ends[] = { 1, 4, 7 };
  g_autofree char *joined = NULL;
  g_autofree char *one_sentence = NULL;

  joined = tessera_detokenize (tokens, G_N_ELEMENTS (tokens), sentence_ends,
                               G_N_ELEMENTS (sentence_ends), NULL, NULL);
  /* A line break after a title, a space after a full stop. */
  g_assert_cmpstr (joined, ==, "Titre\nIl vient. Elle part.");
  one_sentence = tessera_detokenize (tokens, G_N_ELEMENTS (tokens), NULL, 0, NULL, NULL);
  g_assert_cmpstr (one_sentence, ==, "Titre Il vient. Elle part.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/tokenizer/elisions", test_elisions);
  g_test_add_func ("/core/tokenizer/hyphens", test_hyphens);
  g_test_add_func ("/core/tokenizer/numbers", test_numbers);
  g_test_add_func ("/core/tokenizer/abbreviations", test_abbreviations);
  g_test_add_func ("/core/tokenizer/quotes", test_quotes);
  g_test_add_func ("/core/tokenizer/ellipsis", test_ellipsis);
  g_test_add_func ("/core/tokenizer/urls", test_urls);
  g_test_add_func ("/core/tokenizer/emoji-and-scripts", test_emoji_and_scripts);
  g_test_add_func ("/core/tokenizer/sentences", test_sentences);
  g_test_add_func ("/core/tokenizer/offsets", test_offsets);
  g_test_add_func ("/core/tokenizer/seeds", test_seeds);
  g_test_add_func ("/core/tokenizer/append", test_append);
  g_test_add_func ("/core/tokenizer/detokenize", test_detokenize);
  g_test_add_func ("/core/tokenizer/detokenize-sentences", test_detokenize_sentences);

  return g_test_run ();
}
