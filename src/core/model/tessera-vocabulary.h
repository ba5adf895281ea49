/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-types.h"

G_BEGIN_DECLS

/*
 * The closed lists of values a project stores as codes: the annotation kinds, a claim's
 * attribution fields, an annotation's certainty and status, a document's progress. Each is
 * one table in tessera-vocabulary.c; the schema's CHECK lists, the setters, the command
 * line, the formats and the inspector's drop-downs all read it from there.
 *
 * A term is its stored code (never translated, never renamed: files and projects hold it),
 * a label in the user's language and, for some, a short description. Terms are numbered
 * from 0 in table order; for the vocabularies of an enumeration (kind, certainty, status,
 * progress) the number is the enumeration's value.
 */

typedef enum
{
  TESSERA_VOCABULARY_KIND,
  TESSERA_VOCABULARY_CERTAINTY,
  TESSERA_VOCABULARY_STATUS,
  TESSERA_VOCABULARY_PROGRESS,
  TESSERA_VOCABULARY_SOURCE_KIND,
  TESSERA_VOCABULARY_QUOTE_TYPE,
  TESSERA_VOCABULARY_POLARITY,
  TESSERA_VOCABULARY_FACTUALITY,
  TESSERA_VOCABULARY_WRITER_DISTANCE,
  TESSERA_N_VOCABULARIES
} TesseraVocabulary;

const char         *tessera_vocabulary_get_name        (TesseraVocabulary  vocabulary);
const char         *tessera_vocabulary_get_title       (TesseraVocabulary  vocabulary);
guint               tessera_vocabulary_get_n_terms     (TesseraVocabulary  vocabulary);
const char * const *tessera_vocabulary_get_codes       (TesseraVocabulary  vocabulary);
gboolean            tessera_vocabulary_shows_code      (TesseraVocabulary  vocabulary);
const char         *tessera_vocabulary_get_code        (TesseraVocabulary  vocabulary,
                                                        guint              position);
const char         *tessera_vocabulary_get_label       (TesseraVocabulary  vocabulary,
                                                        guint              position);
const char         *tessera_vocabulary_get_description (TesseraVocabulary  vocabulary,
                                                        guint              position);
gboolean            tessera_vocabulary_lookup          (TesseraVocabulary  vocabulary,
                                                        const char        *code,
                                                        guint             *out_position);
gboolean            tessera_vocabulary_contains        (TesseraVocabulary  vocabulary,
                                                        const char        *code);
const char         *tessera_vocabulary_label_of        (TesseraVocabulary  vocabulary,
                                                        const char        *code);

/* What an annotation of each kind can do, from the same table as the kind's code. */
gboolean            tessera_kind_links_entity          (TesseraKind        kind);
gboolean            tessera_kind_carries_claim         (TesseraKind        kind);
gboolean            tessera_kind_can_be_cue            (TesseraKind        kind);
const char         *tessera_kind_get_label             (TesseraKind        kind);
const char         *tessera_kind_get_tei_element       (TesseraKind        kind);
const char         *tessera_kind_get_tei_type          (TesseraKind        kind);
const char         *tessera_kind_get_tei_label         (TesseraKind        kind,
                                                        const char        *language);

G_END_DECLS
