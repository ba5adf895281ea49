/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-text"

#include "config.h"

#include <string.h>

#include "tessera-text.h"

/* Written out so that the tests do not depend on how an editor stores them. */
#define E_ACUTE           "\xC3\xA9"           /* U+00E9, é composed */
#define COMBINING_ACUTE   "\xCC\x81"           /* U+0301 */
#define COMBINING_DOT     "\xCC\x87"           /* U+0307 */
#define FLAG_FR           "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7"   /* U+1F1EB U+1F1F7 */
#define ZWJ               "\xE2\x80\x8D"       /* U+200D */
#define FAMILY            "\xF0\x9F\x91\xA8" ZWJ "\xF0\x9F\x91\xA9" ZWJ "\xF0\x9F\x91\xA7"
#define THUMBS_UP         "\xF0\x9F\x91\x8D"   /* U+1F44D */
#define LIGATURE_FI       "\xEF\xAC\x81"       /* U+FB01 */

static void
test_length_ascii (void)
{
  g_assert_cmpuint (tessera_text_length (""), ==, 0);
  g_assert_cmpuint (tessera_text_length ("Macron"), ==, 6);
  g_assert_cmpuint (tessera_text_length ("a\nb\tc"), ==, 5);
}

static void
test_length_accents (void)
{
  /* One code point per letter: GtkTextBuffer offsets agree. */
  g_assert_cmpuint (tessera_text_length ("caf" E_ACUTE), ==, 4);
  g_assert_cmpuint (tessera_text_length ("d" E_ACUTE "j" "\xC3\xA0"), ==, 4);
  g_assert_cmpuint (tessera_text_length ("\xC5\x93uvre"), ==, 5);   /* œuvre */
}

static void
test_length_combining (void)
{
  const char *decomposed = "cafe" COMBINING_ACUTE;
  g_autofree char *composed = NULL;

  /* e + U+0301 is two code points; its NFC form is one. */
  g_assert_cmpuint (tessera_text_length (decomposed), ==, 5);
  g_assert_false (tessera_text_is_nfc (decomposed));

  composed = tessera_text_to_nfc (decomposed);
  g_assert_cmpstr (composed, ==, "caf" E_ACUTE);
  g_assert_cmpuint (tessera_text_length (composed), ==, 4);
  g_assert_true (tessera_text_is_nfc (composed));
}

static void
test_length_combining_without_precomposed (void)
{
  /* q + U+0307 has no precomposed form: NFC keeps both code points. */
  const char *text = "q" COMBINING_DOT "x";
  g_autofree char *nfc = tessera_text_to_nfc (text);

  g_assert_true (tessera_text_is_nfc (text));
  g_assert_cmpstr (nfc, ==, text);
  g_assert_cmpuint (tessera_text_length (text), ==, 3);
}

static void
test_length_emoji (void)
{
  g_assert_cmpuint (tessera_text_length (THUMBS_UP), ==, 1);
  /* A flag is two regional indicators, one glyph. */
  g_assert_cmpuint (tessera_text_length (FLAG_FR), ==, 2);
  /* Man, ZWJ, woman, ZWJ, girl: one glyph, five code points. */
  g_assert_cmpuint (tessera_text_length (FAMILY), ==, 5);
}

static void
test_offsets_emoji (void)
{
  /* L e ␣ [flag 3-4] ␣ s a l u e ␣ [family 12-16] ␣ e t ␣ c a f é */
  const char *text = "Le " FLAG_FR " salue " FAMILY " et caf" E_ACUTE;
  TesseraRange range;
  g_autofree char *flag = NULL;
  g_autofree char *family = NULL;
  g_autofree char *cafe = NULL;

  g_assert_cmpuint (tessera_text_length (text), ==, 25);

  g_assert_true (tessera_text_find (text, FLAG_FR, 1, &range));
  g_assert_cmpuint (range.start, ==, 3);
  g_assert_cmpuint (range.end, ==, 5);

  g_assert_true (tessera_text_find (text, "salue", 1, &range));
  g_assert_cmpuint (range.start, ==, 6);
  g_assert_cmpuint (range.end, ==, 11);

  g_assert_true (tessera_text_find (text, FAMILY, 1, &range));
  g_assert_cmpuint (range.start, ==, 12);
  g_assert_cmpuint (range.end, ==, 17);

  g_assert_true (tessera_text_find (text, "caf" E_ACUTE, 1, &range));
  g_assert_cmpuint (range.start, ==, 21);
  g_assert_cmpuint (range.end, ==, 25);

  flag = tessera_text_slice (text, 3, 5);
  family = tessera_text_slice (text, 12, 17);
  cafe = tessera_text_slice (text, 21, 25);
  g_assert_cmpstr (flag, ==, FLAG_FR);
  g_assert_cmpstr (family, ==, FAMILY);
  g_assert_cmpstr (cafe, ==, "caf" E_ACUTE);
}

static void
test_offsets_arabic (void)
{
  /* "قال ماكرون إن" — offsets count code points in logical order,
   * whatever the direction of display. */
  const char *text = "\xD9\x82\xD8\xA7\xD9\x84 "
                     "\xD9\x85\xD8\xA7\xD9\x83\xD8\xB1\xD9\x88\xD9\x86 "
                     "\xD8\xA5\xD9\x86";
  const char *macron = "\xD9\x85\xD8\xA7\xD9\x83\xD8\xB1\xD9\x88\xD9\x86";
  TesseraRange range;
  g_autofree char *slice = NULL;

  g_assert_cmpuint (tessera_text_length (text), ==, 13);
  g_assert_true (tessera_text_find (text, macron, 1, &range));
  g_assert_cmpuint (range.start, ==, 4);
  g_assert_cmpuint (range.end, ==, 10);

  slice = tessera_text_slice (text, 4, 10);
  g_assert_cmpstr (slice, ==, macron);
}

static void
test_slice (void)
{
  const char *text = "Emmanuel Macron a d" E_ACUTE "clar" E_ACUTE " mardi";
  g_autofree char *whole = tessera_text_slice (text, 0, tessera_text_length (text));
  g_autofree char *name = tessera_text_slice (text, 9, 15);
  g_autofree char *verb = tessera_text_slice (text, 18, 25);
  g_autofree char *empty = tessera_text_slice (text, 3, 3);
  g_autofree char *at_end = tessera_text_slice (text, 31, 31);
  g_autofree char *last = tessera_text_slice (text, 26, 31);

  g_assert_cmpuint (tessera_text_length (text), ==, 31);
  g_assert_cmpstr (whole, ==, text);
  g_assert_cmpstr (name, ==, "Macron");
  g_assert_cmpstr (verb, ==, "d" E_ACUTE "clar" E_ACUTE);
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (at_end, ==, "");
  g_assert_cmpstr (last, ==, "mardi");
}

static void
test_slice_invalid (void)
{
  char *slice;

  g_test_expect_message ("tessera-text", G_LOG_LEVEL_CRITICAL, "*end >= start*");
  slice = tessera_text_slice ("abc", 2, 1);
  g_test_assert_expected_messages ();
  g_assert_null (slice);

  /* Past the end of the text: refused rather than read out of bounds. */
  g_test_expect_message ("tessera-text", G_LOG_LEVEL_CRITICAL, "*!= NULL*");
  slice = tessera_text_slice ("abc", 1, 4);
  g_test_assert_expected_messages ();
  g_assert_null (slice);
}

static void
test_slice_ranges (void)
{
  const char *text = "Le pr" E_ACUTE "sident, dit-on, a menti.";
  const TesseraRange discontinuous[] = { { 3, 12 }, { 22, 29 } };
  const TesseraRange unsorted[] = { { 22, 29 }, { 0, 2 } };
  const TesseraRange one[] = { { 3, 12 } };
  g_autofree char *joined = NULL;
  g_autofree char *reversed = NULL;
  g_autofree char *single = NULL;
  g_autofree char *none = NULL;
  g_autofree char *no_separator = NULL;

  joined = tessera_text_slice_ranges (text, discontinuous, 2, " \xE2\x80\xA6 ");
  g_assert_cmpstr (joined, ==, "pr" E_ACUTE "sident \xE2\x80\xA6 a menti");

  /* The order given is the order joined. */
  reversed = tessera_text_slice_ranges (text, unsorted, 2, " / ");
  g_assert_cmpstr (reversed, ==, "a menti / Le");

  single = tessera_text_slice_ranges (text, one, 1, " \xE2\x80\xA6 ");
  g_assert_cmpstr (single, ==, "pr" E_ACUTE "sident");

  none = tessera_text_slice_ranges (text, NULL, 0, " \xE2\x80\xA6 ");
  g_assert_cmpstr (none, ==, "");

  no_separator = tessera_text_slice_ranges (text, discontinuous, 2, NULL);
  g_assert_cmpstr (no_separator, ==, "pr" E_ACUTE "sidenta menti");
}

/* One cursor through a document's annotations gives each the text it would get alone,
 * whether they nest, follow each other, or go back. */
static void
test_slice_ranges_at (void)
{
  const char *text = "Le pr" E_ACUTE "sident, dit-on, a menti.";
  const TesseraRange annotations[][2] = {
    { { 0, 12 }, { 0, 0 } },
    { { 3, 12 }, { 22, 29 } },
    { { 5, 7 }, { 0, 0 } },
    { { 22, 29 }, { 0, 2 } },
    { { 14, 20 }, { 0, 0 } },
    { { 1, 4 }, { 0, 0 } },
  };
  const guint n_ranges[] = { 1, 2, 1, 2, 1, 1 };
  TesseraTextCursor cursor = { NULL, 0 };

  for (guint i = 0; i < G_N_ELEMENTS (annotations); i++)
    {
      g_autofree char *alone = tessera_text_slice_ranges (text, annotations[i], n_ranges[i],
                                                          " / ");
      g_autofree char *walked = tessera_text_slice_ranges_at (text, &cursor, annotations[i],
                                                              n_ranges[i], " / ");

      g_assert_nonnull (alone);
      g_assert_cmpstr (walked, ==, alone);
    }
}

static void
test_find (void)
{
  const char *text = "Macron, Le Pen et Macron. " E_ACUTE "t" E_ACUTE ", Macron.";
  TesseraRange range = { 99, 99 };

  g_assert_true (tessera_text_find (text, "Macron", 1, &range));
  g_assert_cmpuint (range.start, ==, 0);
  g_assert_cmpuint (range.end, ==, 6);

  g_assert_true (tessera_text_find (text, "Macron", 2, &range));
  g_assert_cmpuint (range.start, ==, 18);
  g_assert_cmpuint (range.end, ==, 24);

  /* After the accented letters: offsets are code points, not bytes. */
  g_assert_true (tessera_text_find (text, "Macron", 3, &range));
  g_assert_cmpuint (range.start, ==, 31);
  g_assert_cmpuint (range.end, ==, 37);

  range.start = range.end = 99;
  g_assert_false (tessera_text_find (text, "Macron", 4, &range));
  g_assert_false (tessera_text_find (text, "Bayrou", 1, &range));
  g_assert_false (tessera_text_find (text, "", 1, &range));
  g_assert_cmpuint (range.start, ==, 99);

  g_assert_true (tessera_text_find (text, "Le Pen", 1, NULL));
}

static void
test_find_normalizes_needle (void)
{
  const char *text = "Un caf" E_ACUTE " cr" E_ACUTE "me.";
  TesseraRange range;

  /* A needle typed with a combining accent still finds the NFC text. */
  g_assert_true (tessera_text_find (text, "cafe" COMBINING_ACUTE, 1, &range));
  g_assert_cmpuint (range.start, ==, 3);
  g_assert_cmpuint (range.end, ==, 7);
  g_assert_cmpuint (tessera_text_count (text, "cre" COMBINING_ACUTE "me"), ==, 1);
}

static void
test_find_non_overlapping (void)
{
  TesseraRange range;

  g_assert_cmpuint (tessera_text_count ("aaaa", "aa"), ==, 2);
  g_assert_cmpuint (tessera_text_count ("aaa", "aa"), ==, 1);
  g_assert_true (tessera_text_find ("aaaa", "aa", 2, &range));
  g_assert_cmpuint (range.start, ==, 2);
  g_assert_cmpuint (range.end, ==, 4);
  g_assert_false (tessera_text_find ("aaa", "aa", 2, &range));
}

static void
test_count (void)
{
  const char *text = "Le " FLAG_FR ", le " FLAG_FR " et le " FAMILY ".";

  g_assert_cmpuint (tessera_text_count (text, "le"), ==, 2);
  g_assert_cmpuint (tessera_text_count (text, "Le"), ==, 1);
  g_assert_cmpuint (tessera_text_count (text, FLAG_FR), ==, 2);
  g_assert_cmpuint (tessera_text_count (text, FAMILY), ==, 1);
  g_assert_cmpuint (tessera_text_count (text, "absent"), ==, 0);
  g_assert_cmpuint (tessera_text_count (text, ""), ==, 0);
  g_assert_cmpuint (tessera_text_count ("", "le"), ==, 0);
}

static void
test_find_long_text (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *slice = NULL;
  TesseraRange range;
  const guint n_lines = 50000;

  /* Megabytes of accented text: the last occurrence still lands on the
   * right code point. */
  for (guint i = 0; i < n_lines; i++)
    g_string_append_printf (text, "Ligne %05u : d" E_ACUTE "j" "\xC3\xA0" " vu " THUMBS_UP "\n", i);

  g_assert_cmpuint (tessera_text_count (text->str, "d" E_ACUTE "j" "\xC3\xA0"), ==, n_lines);
  g_assert_true (tessera_text_find (text->str, "Ligne 49999", 1, &range));
  g_assert_cmpuint (range.start, ==, (n_lines - 1) * 24);
  g_assert_true (tessera_text_find (text->str, "vu " THUMBS_UP, n_lines, &range));
  g_assert_cmpuint (range.end, ==, n_lines * 24 - 1);

  slice = tessera_text_slice (text->str, range.start, range.end);
  g_assert_cmpstr (slice, ==, "vu " THUMBS_UP);
}

static void
test_sha256 (void)
{
  g_autofree char *empty = tessera_text_sha256 ("");
  g_autofree char *abc = tessera_text_sha256 ("abc");
  g_autofree char *composed = tessera_text_sha256 (E_ACUTE);
  g_autofree char *decomposed = tessera_text_sha256 ("e" COMBINING_ACUTE);

  g_assert_cmpstr (empty, ==,
                   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  g_assert_cmpstr (abc, ==,
                   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  /* The hash is of the bytes: it is only stable because texts are NFC. */
  g_assert_cmpstr (composed, !=, decomposed);
}

static void
test_nfc (void)
{
  g_autofree char *angstrom = tessera_text_to_nfc ("A\xCC\x8Angstro\xCC\x88m");
  g_autofree char *ligature = tessera_text_to_nfc ("d" LIGATURE_FI);
  g_autofree char *family = tessera_text_to_nfc (FAMILY);
  g_autofree char *hangul = tessera_text_to_nfc ("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB");

  g_assert_true (tessera_text_is_nfc (""));
  g_assert_true (tessera_text_is_nfc ("Plain ASCII."));
  g_assert_true (tessera_text_is_nfc ("d" E_ACUTE "j" "\xC3\xA0"));
  g_assert_false (tessera_text_is_nfc ("de" COMBINING_ACUTE "ja" "\xCC\x80"));

  g_assert_cmpstr (angstrom, ==, "\xC3\x85ngstr\xC3\xB6m");
  /* NFC is canonical only: compatibility characters stay. */
  g_assert_cmpstr (ligature, ==, "d" LIGATURE_FI);
  g_assert_cmpstr (family, ==, FAMILY);
  /* Conjoining jamo compose to one syllable, U+D55C. */
  g_assert_cmpstr (hangul, ==, "\xED\x95\x9C");

  /* Punctuation that is NFC already (’ — « €) does not hide a mark beside it, and the
   * two spaces of that block that are not NFC (U+2000, U+2001) are still normalised. */
  {
    g_autofree char *quote_then_mark = tessera_text_to_nfc ("l\xE2\x80\x99" "e" COMBINING_ACUTE "t"
                                                            "\xC3\xA9 \xE2\x80\x94 \xE2\x82\xAC");
    g_autofree char *quad = tessera_text_to_nfc ("a\xE2\x80\x80" "b\xE2\x80\x81" "c");

    g_assert_true (tessera_text_is_nfc ("l\xE2\x80\x99" E_ACUTE "t\xC3\xA9 \xE2\x80\x94 \xE2\x82\xAC"));
    g_assert_false (tessera_text_is_nfc ("l\xE2\x80\x99" "e" COMBINING_ACUTE));
    g_assert_cmpstr (quote_then_mark, ==, "l\xE2\x80\x99" E_ACUTE "t\xC3\xA9 \xE2\x80\x94 \xE2\x82\xAC");
    g_assert_false (tessera_text_is_nfc ("a\xE2\x80\x80" "b"));
    g_assert_cmpstr (quad, ==, "a\xE2\x80\x82" "b\xE2\x80\x83" "c");
  }
}

static void
test_nfc_long_text (void)
{
  /* Pieces that compose, reorder, or stay as they are, in a random order. */
  static const char * const pieces[] = {
    "Cafe" COMBINING_ACUTE " ",
    "q" COMBINING_DOT,
    "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB",       /* conjoining jamo */
    "qu\xE2\x80\x99il ",                            /* U+2019 */
    "A\xCC\x8A",                                     /* A + ring above */
    "d" E_ACUTE "j\xC3\xA0 ",
    "o\xCC\xA3\xCC\x82",                             /* ộ: reordered, composed */
    "o\xCC\x82\xCC\xA3",
    FAMILY,
    "\n\n",
    "\xD9\x82\xD8\xA7\xD9\x84 ",                       /* Arabic */
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240601);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *expected = NULL;
  g_autofree char *nfc = NULL;
  g_autofree char *nfc_then_one_more = NULL;

  for (guint i = 0; i < 3000; i++)
    g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);

  /* A base letter with a long run of marks of two classes. */
  g_string_append_c (text, 'e');
  for (guint i = 0; i < 300; i++)
    g_string_append (text, i % 2 ? COMBINING_ACUTE : "\xCC\xA3");
  g_string_append (text, " fin");

  /* Normalising the whole at once is slow, but it is the reference. */
  expected = g_utf8_normalize (text->str, -1, G_NORMALIZE_NFC);
  nfc = tessera_text_to_nfc (text->str);
  g_assert_cmpstr (nfc, ==, expected);
  g_assert_false (tessera_text_is_nfc (text->str));
  g_assert_true (tessera_text_is_nfc (nfc));

  /* One decomposed letter far into a long NFC text is noticed. */
  nfc_then_one_more = g_strconcat (nfc, " e" COMBINING_ACUTE, NULL);
  g_assert_false (tessera_text_is_nfc (nfc_then_one_more));
}

static void
test_nfc_invalid (void)
{
  g_assert_null (tessera_text_to_nfc ("caf\xE9"));
  g_assert_false (tessera_text_is_nfc ("caf\xE9"));
}

static void
test_fold (void)
{
  struct { const char *text; const char *folded; } cases[] = {
    { "", "" },
    { "Plain ASCII.", "plain ascii." },
    /* Accents go, composed or not; case folds beyond ASCII. */
    { "\xC3\x89T\xC3\x89 " "d" E_ACUTE "j" "\xC3\xA0", "ete deja" },
    { "de" COMBINING_ACUTE "ja" "\xCC\x80", "deja" },
    { "Gro\xC3\x9F", "gross" },                          /* ß */
    { "\xCE\x9F\xCE\x94\xCE\x8C\xCE\xA3", "\xCE\xBF\xCE\xB4\xCE\xBF\xCF\x83" },  /* ΟΔΌΣ */
    /* What a keyboard does not type. */
    { "d" LIGATURE_FI, "dfi" },
    { "chefs d\xE2\x80\x99\xC3\xA9tat", "chefs d'etat" },   /* ’ */
    { "C\xC5\x93ur, \xC5\x92uvre, \xC3\x86on", "coeur, oeuvre, aeon" },
    { "Pourquoi\xE2\x80\xAF?", "pourquoi ?" },                 /* narrow no-break space */
    { FAMILY, FAMILY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = tessera_text_fold (cases[i].text);

      g_assert_cmpstr (folded, ==, cases[i].folded);
    }
}

static guint
elision_at (const char *text,
            const char *word)
{
  const char *found = strstr (text, word);

  g_assert_nonnull (found);
  return tessera_text_elision_length (text, found);
}

static void
test_elision (void)
{
  const char *text = "Les chefs de l\u2019Alliance, qu\u2019il a re\u00e7us jusqu\u2019\u00e0 "
                     "Bamako, lorsqu'ils s\u2019y rendent (d\u2019abord), L\u2019\u00c9tat "
                     "aujourd\u2019hui, presqu\u2019\u00eele, c\u2019\u00e9tait, "
                     "puisqu\u2019on, j\u2019ai, n\u2019est, l\u2019 an, d\u2019.";

  g_assert_cmpuint (tessera_text_elision_length (text, text), ==, 0);
  g_assert_cmpuint (elision_at (text, "l\u2019Alliance"), ==, 2);
  g_assert_cmpuint (elision_at (text, "qu\u2019il"), ==, 3);
  g_assert_cmpuint (elision_at (text, "jusqu\u2019\u00e0"), ==, 6);
  g_assert_cmpuint (elision_at (text, "lorsqu'ils"), ==, 7);
  g_assert_cmpuint (elision_at (text, "s\u2019y"), ==, 2);
  g_assert_cmpuint (elision_at (text, "d\u2019abord"), ==, 2);
  g_assert_cmpuint (elision_at (text, "L\u2019\u00c9tat"), ==, 2);
  g_assert_cmpuint (elision_at (text, "c\u2019\u00e9tait"), ==, 2);
  g_assert_cmpuint (elision_at (text, "puisqu\u2019on"), ==, 7);
  g_assert_cmpuint (elision_at (text, "j\u2019ai"), ==, 2);
  g_assert_cmpuint (elision_at (text, "n\u2019est"), ==, 2);
  /* Inside a word, an unknown elided word, or no word after it: none. */
  g_assert_cmpuint (elision_at (text, "d\u2019hui"), ==, 0);
  g_assert_cmpuint (elision_at (text, "qu\u2019\u00eele"), ==, 0);
  g_assert_cmpuint (elision_at (text, "presqu\u2019\u00eele"), ==, 0);
  g_assert_cmpuint (elision_at (text, "l\u2019 an"), ==, 0);
  g_assert_cmpuint (elision_at (text, "d\u2019."), ==, 0);
  g_assert_cmpuint (elision_at (text, "de l"), ==, 0);
}

static void
assert_found (GArray     *found,
              guint       index,
              const char *text,
              const char *expected)
{
  TesseraRange range;
  g_autofree char *slice = NULL;

  g_assert_cmpuint (index, <, found->len);
  range = g_array_index (found, TesseraRange, index);
  slice = tessera_text_slice (text, range.start, range.end);
  g_assert_cmpstr (slice, ==, expected);
}

static void
test_find_all (void)
{
  const char *text = "La Conf" E_ACUTE "d" E_ACUTE "ration, la CONF" "\xC3\x89" "D" "\xC3\x89"
                     "RATION et la conf" E_ACUTE "d" E_ACUTE "ration ; le g" E_ACUTE "n" E_ACUTE
                     "ral Go" "\xC3\xAF" "ta, l\u2019" "\xC5\x93" "uvre de "
                     "l'" LIGATURE_FI "n.";
  const char *needle = "conf" E_ACUTE "d" E_ACUTE "ration";
  g_autoptr(GArray) folded = tessera_text_find_all (text, needle, FALSE);
  g_autoptr(GArray) exact = tessera_text_find_all (text, needle, TRUE);
  g_autoptr(GArray) goita = tessera_text_find_all (text, "Goita", FALSE);
  g_autoptr(GArray) goita_exact = tessera_text_find_all (text, "Goita", TRUE);
  g_autoptr(GArray) oeuvre = tessera_text_find_all (text, "l'oeuvre", FALSE);
  g_autoptr(GArray) fin = tessera_text_find_all (text, "l\u2019fin", FALSE);
  g_autoptr(GArray) general = tessera_text_find_all (text, "GENERAL", FALSE);
  g_autoptr(GArray) none = tessera_text_find_all (text, "", FALSE);

  /* Whatever the case and the accents, unless asked for exactly what was typed. */
  g_assert_cmpuint (folded->len, ==, 3);
  assert_found (folded, 0, text, "Conf" E_ACUTE "d" E_ACUTE "ration");
  assert_found (folded, 1, text, "CONF" "\xC3\x89" "D" "\xC3\x89" "RATION");
  assert_found (folded, 2, text, "conf" E_ACUTE "d" E_ACUTE "ration");
  g_assert_cmpuint (exact->len, ==, 1);
  assert_found (exact, 0, text, "conf" E_ACUTE "d" E_ACUTE "ration");
  g_assert_cmpuint (goita->len, ==, 1);
  assert_found (goita, 0, text, "Go" "\xC3\xAF" "ta");
  g_assert_cmpuint (goita_exact->len, ==, 0);
  g_assert_cmpuint (general->len, ==, 1);
  assert_found (general, 0, text, "g" E_ACUTE "n" E_ACUTE "ral");
  /* Apostrophes and ligatures: one code point of the text may fold to two. */
  g_assert_cmpuint (oeuvre->len, ==, 1);
  assert_found (oeuvre, 0, text, "l\u2019" "\xC5\x93" "uvre");
  g_assert_cmpuint (fin->len, ==, 1);
  assert_found (fin, 0, text, "l'" LIGATURE_FI "n");
  g_assert_cmpuint (none->len, ==, 0);
}

static void
assert_ranges (GArray             *ranges,
               const TesseraRange *expected,
               guint               n_expected)
{
  g_assert_cmpuint (ranges->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      g_assert_cmpuint (g_array_index (ranges, TesseraRange, i).start, ==, expected[i].start);
      g_assert_cmpuint (g_array_index (ranges, TesseraRange, i).end, ==, expected[i].end);
    }
}

/* A range added to a span: apart, it is one more; overlapping or touching, it joins. */
static void
test_ranges_merge (void)
{
  const TesseraRange two[] = { { 3, 12 }, { 22, 29 } };
  const TesseraRange apart = { 15, 18 };
  const TesseraRange before = { 0, 2 };
  const TesseraRange touching = { 12, 15 };
  const TesseraRange bridging = { 10, 25 };
  const TesseraRange inside = { 4, 6 };
  const TesseraRange empty = { 40, 40 };
  const TesseraRange unsorted[] = { { 22, 29 }, { 5, 8 }, { 3, 6 }, { 29, 31 } };
  g_autoptr(GArray) three = tessera_ranges_merge (two, 2, &apart);
  g_autoptr(GArray) first = tessera_ranges_merge (two, 2, &before);
  g_autoptr(GArray) joined = tessera_ranges_merge (two, 2, &touching);
  g_autoptr(GArray) bridged = tessera_ranges_merge (two, 2, &bridging);
  g_autoptr(GArray) same = tessera_ranges_merge (two, 2, &inside);
  g_autoptr(GArray) no_empty = tessera_ranges_merge (two, 2, &empty);
  g_autoptr(GArray) sorted = tessera_ranges_merge (unsorted, 4, NULL);

  assert_ranges (three, (TesseraRange[]) { { 3, 12 }, { 15, 18 }, { 22, 29 } }, 3);
  assert_ranges (first, (TesseraRange[]) { { 0, 2 }, { 3, 12 }, { 22, 29 } }, 3);
  assert_ranges (joined, (TesseraRange[]) { { 3, 15 }, { 22, 29 } }, 2);
  assert_ranges (bridged, (TesseraRange[]) { { 3, 29 } }, 1);
  assert_ranges (same, two, 2);
  assert_ranges (no_empty, two, 2);
  assert_ranges (sorted, (TesseraRange[]) { { 3, 8 }, { 22, 31 } }, 2);
}

/* The range at the caret: inside a range or at either of its ends. */
static void
test_ranges_find (void)
{
  const TesseraRange two[] = { { 3, 12 }, { 22, 29 } };

  g_assert_cmpint (tessera_ranges_find (two, 2, 0), ==, -1);
  g_assert_cmpint (tessera_ranges_find (two, 2, 3), ==, 0);
  g_assert_cmpint (tessera_ranges_find (two, 2, 12), ==, 0);
  g_assert_cmpint (tessera_ranges_find (two, 2, 13), ==, -1);
  g_assert_cmpint (tessera_ranges_find (two, 2, 22), ==, 1);
  g_assert_cmpint (tessera_ranges_find (two, 2, 29), ==, 1);
  g_assert_cmpint (tessera_ranges_find (two, 2, 30), ==, -1);
  g_assert_cmpint (tessera_ranges_find (NULL, 0, 3), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/text/length/ascii", test_length_ascii);
  g_test_add_func ("/core/text/length/accents", test_length_accents);
  g_test_add_func ("/core/text/length/combining", test_length_combining);
  g_test_add_func ("/core/text/length/combining-without-precomposed",
                   test_length_combining_without_precomposed);
  g_test_add_func ("/core/text/length/emoji", test_length_emoji);
  g_test_add_func ("/core/text/offsets/emoji", test_offsets_emoji);
  g_test_add_func ("/core/text/offsets/arabic", test_offsets_arabic);
  g_test_add_func ("/core/text/slice", test_slice);
  g_test_add_func ("/core/text/slice/invalid", test_slice_invalid);
  g_test_add_func ("/core/text/slice/ranges", test_slice_ranges);
  g_test_add_func ("/core/text/slice/ranges-at", test_slice_ranges_at);
  g_test_add_func ("/core/text/find", test_find);
  g_test_add_func ("/core/text/find/normalizes-needle", test_find_normalizes_needle);
  g_test_add_func ("/core/text/find/non-overlapping", test_find_non_overlapping);
  g_test_add_func ("/core/text/find/long-text", test_find_long_text);
  g_test_add_func ("/core/text/count", test_count);
  g_test_add_func ("/core/text/sha256", test_sha256);
  g_test_add_func ("/core/text/nfc", test_nfc);
  g_test_add_func ("/core/text/nfc/long-text", test_nfc_long_text);
  g_test_add_func ("/core/text/nfc/invalid", test_nfc_invalid);
  g_test_add_func ("/core/text/fold", test_fold);
  g_test_add_func ("/core/text/elision", test_elision);
  g_test_add_func ("/core/text/find-all", test_find_all);
  g_test_add_func ("/core/text/ranges/merge", test_ranges_merge);
  g_test_add_func ("/core/text/ranges/find", test_ranges_find);

  return g_test_run ();
}
