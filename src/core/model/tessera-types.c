/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-types"

#include "config.h"

#include "tessera-types.h"
#include "tessera-vocabulary.h"

/* The codes of the enumerations are their vocabularies' terms, in enumeration order
 * (tessera_vocabulary_get_code () refuses a value out of range). */
#define DEFINE_ENUM_STRINGS(Type, name, vocabulary)                              \
  const char *                                                                   \
  tessera_##name##_to_string (Type value)                                        \
  {                                                                              \
    return tessera_vocabulary_get_code (vocabulary, (guint) value);              \
  }                                                                              \
                                                                                 \
  gboolean                                                                       \
  tessera_##name##_from_string (const char *str,                                 \
                                Type       *out_value)                           \
  {                                                                              \
    guint position = 0;                                                          \
    if (!tessera_vocabulary_lookup (vocabulary, str, &position))                 \
      return FALSE;                                                              \
    if (out_value != NULL)                                                       \
      *out_value = (Type) position;                                              \
    return TRUE;                                                                 \
  }

DEFINE_ENUM_STRINGS (TesseraKind, kind, TESSERA_VOCABULARY_KIND)
DEFINE_ENUM_STRINGS (TesseraCertainty, certainty, TESSERA_VOCABULARY_CERTAINTY)
DEFINE_ENUM_STRINGS (TesseraStatus, status, TESSERA_VOCABULARY_STATUS)
DEFINE_ENUM_STRINGS (TesseraProgress, progress, TESSERA_VOCABULARY_PROGRESS)

/**
 * tessera_progress_to_label:
 * @progress: the state of a document
 *
 * Returns: what the user reads for @progress, in the user's language ("Not started")
 */
const char *
tessera_progress_to_label (TesseraProgress progress)
{
  if ((guint) progress >= tessera_vocabulary_get_n_terms (TESSERA_VOCABULARY_PROGRESS))
    progress = TESSERA_PROGRESS_NOT_STARTED;
  return tessera_vocabulary_get_label (TESSERA_VOCABULARY_PROGRESS, progress);
}
