/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cue-finder"

#include "config.h"

#include "tessera-core.h"

/*
 * The cue proposed for a claim (model/tessera-cue-finder.c), on sentences of the sample
 * articles in seeds/ and on the typography French news use: typographic apostrophes,
 * «» with no-break spaces, inversions.
 */

#define NBSP "\xC2\xA0"

static char *
read_seed (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("TESSERA_SEEDS_DIR"), name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

/* The claim from the first @from to the end of the first @to after it. */
static TesseraRange
claim_between (const char *text,
               const char *from,
               const char *to)
{
  TesseraRange start, end, claim;
  guint occurrence = 1;

  g_assert_true (tessera_text_find (text, from, 1, &start));
  do
    g_assert_true (tessera_text_find (text, to, occurrence++, &end));
  while (end.start < start.start);
  claim.start = start.start;
  claim.end = end.end;
  return claim;
}

/* The words proposed as the cue of the claim, or NULL. */
static char *
propose (const char *text,
         const char *from,
         const char *to)
{
  TesseraRange claim = claim_between (text, from, to);
  guint start = 0, end = 0;

  if (!tessera_propose_cue (text, &claim, 1, &start, &end))
    return NULL;
  g_assert_cmpuint (start, <, end);
  g_assert_true (end <= claim.start || start >= claim.end);
  return tessera_text_slice (text, start, end);
}

static void
assert_proposal (const char *text,
                 const char *from,
                 const char *to,
                 const char *expected)
{
  g_autofree char *cue = propose (text, from, to);

  g_assert_cmpstr (cue, ==, expected);
}

static void
test_seed_selon (void)
{
  g_autofree char *article = read_seed ("000_5e5b0498e1a4671a.txt");
  g_autofree char *alliance = read_seed ("003_877f79d1b1d5ff0f.txt");

  /* Before the claim, past the source and its apposition. */
  assert_proposal (article, "ce plan permettra", "entre les trois États", "Selon");
  assert_proposal (alliance, "cette alliance scellée", "défense de nos populations", "Selon");
}

static void
test_seed_inversion (void)
{
  g_autofree char *meeting = read_seed ("001_f5d1b37d16975e7c.txt");
  g_autofree char *ministers = read_seed ("004_e2626a5b02d3a17c.txt");

  /* After the quotation, closed with a no-break space: the inversion whole, not «pour
   * trouver» inside the claim. */
  assert_proposal (meeting, "« Les experts ont réfléchi", "lutte commune" NBSP "»",
                   "a-t-il précisé");
  /* Not the infinitives «assurer», «affirmer» of the quotation, nor «a souligné» of the
   * sentence before. */
  assert_proposal (ministers, "« Il s’agit d’assurer", "vitaux de nos peuples »",
                   "a-t-il déclaré");
}

static void
test_seed_auxiliary (void)
{
  g_autofree char *ministers = read_seed ("004_e2626a5b02d3a17c.txt");

  assert_proposal (ministers, "l’importance de cette réunion", "chefs d’État de l’AES",
                   "a souligné");
}

static void
test_seed_pour (void)
{
  g_autofree char *meeting = read_seed ("001_f5d1b37d16975e7c.txt");

  assert_proposal (meeting, "il était donc question", "criminalité transnationale organisée",
                   "Pour");
}

static void
test_typography (void)
{
  const char *quoted = "Le ministre est arrivé hier. «" NBSP "Nous ne céderons rien" NBSP "»,"
                       " estime-t-elle. La séance est levée.";
  const char *elided = "D’après le ministre, la situation s’améliore.";
  const char *adverb = "Le ministre a également souligné que la situation s’améliore.";
  const char *straight = "D'après l'état-major, l'armée contrôle la ville.";
  const char *gerund = "Le ministre a conclu la séance, précisant que l’armée tiendra.";
  const char *initial = "Selon M. Diarra, la route est fermée.";

  assert_proposal (quoted, "«" NBSP "Nous", "rien" NBSP "»", "estime-t-elle");
  assert_proposal (elided, "la situation", "s’améliore", "D’après");
  assert_proposal (adverb, "la situation", "s’améliore", "a également souligné");
  assert_proposal (straight, "l'armée", "la ville", "D'après");
  assert_proposal (gerund, "l’armée tiendra", "tiendra", "précisant");
  /* «M.» ends no sentence. */
  assert_proposal (initial, "la route", "fermée", "Selon");
}

static void
test_nearest (void)
{
  const char *text = "Selon le maire, la route est fermée, a déclaré son adjoint.";

  /* Both attribute it: the one nearer to the claim. */
  assert_proposal (text, "la route", "est fermée", "a déclaré");
}

static void
test_none (void)
{
  const char *plain = "La réunion s’est tenue à Bamako. Il faut assurer la sécurité.";
  const char *other_sentence = "Le ministre a déclaré la séance ouverte. La situation est grave.";
  const char *participle = "La stratégie arrêtée par les chefs d’État sera appliquée.";
  g_autofree char *a = propose (plain, "Il faut", "sécurité");
  g_autofree char *b = propose (other_sentence, "La situation", "grave");
  g_autofree char *c = propose (participle, "La stratégie", "appliquée");

  /* An infinitive, another sentence, a participle with no auxiliary: no proposal. */
  g_assert_null (a);
  g_assert_null (b);
  g_assert_null (c);
}

static void
test_past_the_text (void)
{
  const char *text = "Selon le maire, la route est fermée.";
  TesseraRange past = { 20, 400 };
  guint start = 0, end = 0;

  /* A claim that does not fit the text (a stale range) has no cue, and nothing is read
   * beyond the text. */
  g_assert_false (tessera_propose_cue (text, &past, 1, &start, &end));
}

static void
test_discontinuous (void)
{
  const char *text = "« La paix, dit-il, est notre priorité. »";
  TesseraRange claim[2];
  guint start = 0, end = 0;
  g_autofree char *cue = NULL;

  claim[0] = claim_between (text, "La paix", "paix");
  claim[1] = claim_between (text, "est notre", "priorité");
  g_assert_true (tessera_propose_cue (text, claim, 2, &start, &end));
  cue = tessera_text_slice (text, start, end);
  g_assert_cmpstr (cue, ==, "dit-il");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/cue-finder/seed-selon", test_seed_selon);
  g_test_add_func ("/core/cue-finder/seed-inversion", test_seed_inversion);
  g_test_add_func ("/core/cue-finder/seed-auxiliary", test_seed_auxiliary);
  g_test_add_func ("/core/cue-finder/seed-pour", test_seed_pour);
  g_test_add_func ("/core/cue-finder/typography", test_typography);
  g_test_add_func ("/core/cue-finder/nearest", test_nearest);
  g_test_add_func ("/core/cue-finder/none", test_none);
  g_test_add_func ("/core/cue-finder/past-the-text", test_past_the_text);
  g_test_add_func ("/core/cue-finder/discontinuous", test_discontinuous);

  return g_test_run ();
}
