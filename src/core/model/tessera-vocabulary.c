/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-vocabulary"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tessera-vocabulary.h"

/*
 * Adding a value is one line in its table. Append it: a term's position is stored for the
 * enumerations, and the schema's first step knows how many terms each list had then (a new
 * value needs a migration step that widens the project's CHECK; test-store tells when).
 * Codes are letters, digits, "+" and "-".
 */

typedef struct
{
  const char *code;
  const char *label;        /* N_(): translated when read */
  const char *description;  /* N_() or NULL */
} Term;

typedef struct
{
  Term         term;
  gboolean     links_entity;   /* a mention: it may name an entity */
  gboolean     carries_claim;  /* it has a claim record (source, quote type…) */
  gboolean     can_be_cue;     /* a claim may point to it as its cue */
  const char  *tei_element;    /* the element of a new type of this kind */
  const char  *tei_type;
  const char  *tei_label_en;   /* in the taxonomy of kinds of a TEI header */
  const char  *tei_label_fr;
} Kind;

static const Kind kinds[] = {
  { { "entity", N_("Entity"), N_("A mention of a person, an organisation, a place…") },
    TRUE, FALSE, FALSE, "rs", NULL, "Entity", "Entité" },
  { { "claim", N_("Claim"), N_("Reported speech or thought, with its source") },
    FALSE, TRUE, FALSE, "said", NULL, "Claim", "Propos rapporté" },
  { { "cue", N_("Attribution cue"), N_("The words that introduce a claim («selon»…)") },
    FALSE, FALSE, TRUE, "seg", "cue", "Cue", "Marqueur d’attribution" },
};
G_STATIC_ASSERT (G_N_ELEMENTS (kinds) == TESSERA_N_KINDS);

static const Term certainties[] = {
  { "unknown", NC_("certainty", "Unknown"), NULL },
  { "low", NC_("certainty", "Low"), NULL },
  { "medium", NC_("certainty", "Medium"), NULL },
  { "high", NC_("certainty", "High"), NULL },
};

static const Term statuses[] = {
  { "accepted", NC_("annotation status", "Accepted"), NULL },
  { "suggested", NC_("annotation status", "Suggested"), NULL },
};

static const Term progresses[] = {
  { "not-started", N_("Not started"), NULL },
  { "in-progress", N_("In progress"), NULL },
  { "done", N_("Done"), NULL },
};

static const Term source_kinds[] = {
  { "named", N_("Named source"), NULL },
  { "anonymous", N_("Anonymous source"), NULL },
  { "collective", N_("Collective (“experts”, “the police”)"), NULL },
  { "document", N_("Document or report"), NULL },
  { "writer", N_("The writer"), NULL },
};

static const Term quote_types[] = {
  { "direct", N_("Direct quote"), NULL },
  { "indirect", N_("Indirect (reported speech)"), NULL },
  { "mixed", N_("Mixed"), NULL },
  { "according-to", N_("“According to”"), NULL },
};

static const Term polarities[] = {
  { "positive", N_("Positive"), NULL },
  { "negative", N_("Negative"), NULL },
  { "neutral", N_("Neutral"), NULL },
  { "underspecified", N_("Underspecified"), NULL },
};

/* FactBank: certain, probable, possible × positive, negative; certain but underspecified
 * polarity; underspecified. Annotators know these by their code, which stays visible. */
static const Term factualities[] = {
  { "CT+", N_("certain, positive"), NULL },
  { "CT-", N_("certain, negative"), NULL },
  { "PR+", N_("probable, positive"), NULL },
  { "PR-", N_("probable, negative"), NULL },
  { "PS+", N_("possible, positive"), NULL },
  { "PS-", N_("possible, negative"), NULL },
  { "CTu", N_("certain, polarity unknown"), NULL },
  { "Uu", N_("uncommitted"), NULL },
};

/* How far the writer stands from the claim: the French reporting conditional distances. */
static const Term writer_distances[] = {
  { "endorsed", N_("Endorsed by the writer"), NULL },
  { "neutral", N_("Neutral (reported as is)"), NULL },
  { "distanced", N_("Distanced (e.g. reporting conditional)"), NULL },
};

typedef struct
{
  const char  *name;       /* as the claim field and the command-line option say it */
  const char  *title;      /* N_(): what a form calls the field, in header capitalisation */
  const char  *context;    /* of the labels' msgids, or NULL */
  const void  *terms;      /* Term, or a struct that starts with one */
  gsize        stride;
  guint        n_terms;
  gboolean     shows_code;
} Vocabulary;

#define TERMS(table) (table), sizeof ((table)[0]), G_N_ELEMENTS (table)

static const Vocabulary vocabularies[] = {
  [TESSERA_VOCABULARY_KIND] =
    { "kind", N_("Kind"), NULL, TERMS (kinds), FALSE },
  [TESSERA_VOCABULARY_CERTAINTY] =
    { "certainty", N_("Certainty"), "certainty", TERMS (certainties), FALSE },
  [TESSERA_VOCABULARY_STATUS] =
    { "status", N_("Status"), "annotation status", TERMS (statuses), FALSE },
  [TESSERA_VOCABULARY_PROGRESS] =
    { "progress", N_("Progress"), NULL, TERMS (progresses), FALSE },
  [TESSERA_VOCABULARY_SOURCE_KIND] =
    { "source-kind", N_("Source Kind"), NULL, TERMS (source_kinds), FALSE },
  [TESSERA_VOCABULARY_QUOTE_TYPE] =
    { "quote-type", N_("Quote Type"), NULL, TERMS (quote_types), FALSE },
  [TESSERA_VOCABULARY_POLARITY] =
    { "polarity", N_("Polarity"), NULL, TERMS (polarities), FALSE },
  [TESSERA_VOCABULARY_FACTUALITY] =
    { "factuality", N_("Factuality"), NULL, TERMS (factualities), TRUE },
  [TESSERA_VOCABULARY_WRITER_DISTANCE] =
    { "writer-distance", N_("Writer’s Distance"), NULL, TERMS (writer_distances), FALSE },
};
G_STATIC_ASSERT (G_N_ELEMENTS (vocabularies) == TESSERA_N_VOCABULARIES);

static const Term *
term_at (TesseraVocabulary vocabulary,
         guint             position)
{
  const Vocabulary *v = &vocabularies[vocabulary];

  return (const Term *) ((const char *) v->terms + position * v->stride);
}

static const char *
translate (TesseraVocabulary  vocabulary,
           const char        *msgid)
{
  const char *context = vocabularies[vocabulary].context;

  if (msgid == NULL)
    return NULL;
  if (context == NULL)
    return g_dgettext (GETTEXT_PACKAGE, msgid);
  return g_dpgettext2 (GETTEXT_PACKAGE, context, msgid);
}

/**
 * tessera_vocabulary_get_name:
 *
 * Returns: the vocabulary's name, as its claim field and command-line option say it
 *   ("quote-type")
 */
const char *
tessera_vocabulary_get_name (TesseraVocabulary vocabulary)
{
  g_return_val_if_fail (vocabulary < TESSERA_N_VOCABULARIES, NULL);
  return vocabularies[vocabulary].name;
}

/**
 * tessera_vocabulary_get_title:
 *
 * Returns: what a form calls the field the vocabulary fills, in the user's language
 *   ("Quote Type")
 */
const char *
tessera_vocabulary_get_title (TesseraVocabulary vocabulary)
{
  g_return_val_if_fail (vocabulary < TESSERA_N_VOCABULARIES, NULL);
  return g_dgettext (GETTEXT_PACKAGE, vocabularies[vocabulary].title);
}

guint
tessera_vocabulary_get_n_terms (TesseraVocabulary vocabulary)
{
  g_return_val_if_fail (vocabulary < TESSERA_N_VOCABULARIES, 0);
  return vocabularies[vocabulary].n_terms;
}

/**
 * tessera_vocabulary_get_codes:
 *
 * Returns: (transfer none): the codes in table order, %NULL-terminated
 */
const char * const *
tessera_vocabulary_get_codes (TesseraVocabulary vocabulary)
{
  static const char **codes[TESSERA_N_VOCABULARIES];

  g_return_val_if_fail (vocabulary < TESSERA_N_VOCABULARIES, NULL);

  if (g_once_init_enter (&codes[vocabulary]))
    {
      guint n_terms = vocabularies[vocabulary].n_terms;
      const char **array = g_new0 (const char *, n_terms + 1);

      for (guint i = 0; i < n_terms; i++)
        array[i] = term_at (vocabulary, i)->code;
      g_once_init_leave (&codes[vocabulary], array);
    }
  return (const char * const *) codes[vocabulary];
}

/**
 * tessera_vocabulary_shows_code:
 *
 * Returns: whether users know the terms by their code (FactBank's "CT+"), so that a list
 *   of choices shows it beside the label
 */
gboolean
tessera_vocabulary_shows_code (TesseraVocabulary vocabulary)
{
  g_return_val_if_fail (vocabulary < TESSERA_N_VOCABULARIES, FALSE);
  return vocabularies[vocabulary].shows_code;
}

const char *
tessera_vocabulary_get_code (TesseraVocabulary vocabulary,
                             guint             position)
{
  g_return_val_if_fail (vocabulary < TESSERA_N_VOCABULARIES, NULL);
  g_return_val_if_fail (position < vocabularies[vocabulary].n_terms, NULL);
  return term_at (vocabulary, position)->code;
}

/**
 * tessera_vocabulary_get_label:
 *
 * Returns: the term's label in the user's language
 */
const char *
tessera_vocabulary_get_label (TesseraVocabulary vocabulary,
                              guint             position)
{
  g_return_val_if_fail (vocabulary < TESSERA_N_VOCABULARIES, NULL);
  g_return_val_if_fail (position < vocabularies[vocabulary].n_terms, NULL);
  return translate (vocabulary, term_at (vocabulary, position)->label);
}

/**
 * tessera_vocabulary_get_description:
 *
 * Returns: (nullable): a sentence on the term in the user's language, if it has one
 */
const char *
tessera_vocabulary_get_description (TesseraVocabulary vocabulary,
                                    guint             position)
{
  g_return_val_if_fail (vocabulary < TESSERA_N_VOCABULARIES, NULL);
  g_return_val_if_fail (position < vocabularies[vocabulary].n_terms, NULL);
  return translate (vocabulary, term_at (vocabulary, position)->description);
}

/**
 * tessera_vocabulary_lookup:
 * @code: (nullable): a stored code
 * @out_position: (out) (optional): its position in the table
 *
 * Returns: whether @code is a term of @vocabulary (codes are case-sensitive)
 */
gboolean
tessera_vocabulary_lookup (TesseraVocabulary  vocabulary,
                           const char        *code,
                           guint             *out_position)
{
  g_return_val_if_fail (vocabulary < TESSERA_N_VOCABULARIES, FALSE);

  for (guint i = 0; code != NULL && i < vocabularies[vocabulary].n_terms; i++)
    {
      if (g_str_equal (term_at (vocabulary, i)->code, code))
        {
          if (out_position != NULL)
            *out_position = i;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
tessera_vocabulary_contains (TesseraVocabulary  vocabulary,
                             const char        *code)
{
  return tessera_vocabulary_lookup (vocabulary, code, NULL);
}

/**
 * tessera_vocabulary_label_of:
 * @code: (nullable): a stored code
 *
 * Returns: (nullable): the label of @code in the user's language, %NULL if @code is not
 *   a term of @vocabulary
 */
const char *
tessera_vocabulary_label_of (TesseraVocabulary  vocabulary,
                             const char        *code)
{
  guint position;

  if (!tessera_vocabulary_lookup (vocabulary, code, &position))
    return NULL;
  return tessera_vocabulary_get_label (vocabulary, position);
}

/* Kinds ------------------------------------------------------------------------------- */

static const Kind *
kind_at (TesseraKind kind)
{
  /* An out-of-range kind reads as an entity, what a project's unknown kind defaults to. */
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kinds), &kinds[TESSERA_KIND_ENTITY]);
  return &kinds[kind];
}

/**
 * tessera_kind_links_entity:
 *
 * Returns: whether an annotation of @kind is a mention, that may name an entity
 */
gboolean
tessera_kind_links_entity (TesseraKind kind)
{
  return kind_at (kind)->links_entity;
}

/**
 * tessera_kind_carries_claim:
 *
 * Returns: whether an annotation of @kind has a claim record (its source, quote type…)
 */
gboolean
tessera_kind_carries_claim (TesseraKind kind)
{
  return kind_at (kind)->carries_claim;
}

/**
 * tessera_kind_can_be_cue:
 *
 * Returns: whether an annotation of @kind may be the cue of a claim («selon»)
 */
gboolean
tessera_kind_can_be_cue (TesseraKind kind)
{
  return kind_at (kind)->can_be_cue;
}

/**
 * tessera_kind_get_label:
 *
 * Returns: what the user reads for @kind, in the user's language
 */
const char *
tessera_kind_get_label (TesseraKind kind)
{
  return g_dgettext (GETTEXT_PACKAGE, kind_at (kind)->term.label);
}

/**
 * tessera_kind_get_tei_element:
 *
 * Returns: the TEI element of a new annotation type of @kind ("rs", "said"…)
 */
const char *
tessera_kind_get_tei_element (TesseraKind kind)
{
  return kind_at (kind)->tei_element;
}

/**
 * tessera_kind_get_tei_type:
 *
 * Returns: (nullable): the TEI @type of a new annotation type of @kind
 */
const char *
tessera_kind_get_tei_type (TesseraKind kind)
{
  return kind_at (kind)->tei_type;
}

/**
 * tessera_kind_get_tei_label:
 * @language: "en" or "fr"
 *
 * The label a TEI file gives the kind, whatever the user's language: files are read by
 * other people's tools.
 *
 * Returns: (nullable): the label of @kind in @language, %NULL for another language
 */
const char *
tessera_kind_get_tei_label (TesseraKind  kind,
                            const char  *language)
{
  if (g_strcmp0 (language, "en") == 0)
    return kind_at (kind)->tei_label_en;
  if (g_strcmp0 (language, "fr") == 0)
    return kind_at (kind)->tei_label_fr;
  return NULL;
}
