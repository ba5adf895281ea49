/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-types"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tessera-types.h"

static const char *kind_names[] = { "entity", "claim", "cue" };
static const char *certainty_names[] = { "unknown", "low", "medium", "high" };
static const char *status_names[] = { "accepted", "suggested" };
static const char *progress_names[] = { "not-started", "in-progress", "done" };

static gboolean
lookup (const char  *str,
        const char **names,
        guint        n_names,
        int         *out_value)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    {
      if (g_strcmp0 (str, names[i]) == 0)
        {
          if (out_value != NULL)
            *out_value = (int) i;
          return TRUE;
        }
    }

  return FALSE;
}

#define DEFINE_ENUM_STRINGS(Type, name, names)                                   \
  const char *                                                                   \
  tessera_##name##_to_string (Type value)                                        \
  {                                                                              \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (names), NULL);           \
    return names[value];                                                         \
  }                                                                              \
                                                                                 \
  gboolean                                                                       \
  tessera_##name##_from_string (const char *str,                                 \
                                Type       *out_value)                           \
  {                                                                              \
    int value = 0;                                                               \
    if (!lookup (str, names, G_N_ELEMENTS (names), &value))                      \
      return FALSE;                                                              \
    if (out_value != NULL)                                                       \
      *out_value = (Type) value;                                                 \
    return TRUE;                                                                 \
  }

DEFINE_ENUM_STRINGS (TesseraKind, kind, kind_names)
DEFINE_ENUM_STRINGS (TesseraCertainty, certainty, certainty_names)
DEFINE_ENUM_STRINGS (TesseraStatus, status, status_names)
DEFINE_ENUM_STRINGS (TesseraProgress, progress, progress_names)

/**
 * tessera_progress_to_label:
 * @progress: the state of a document
 *
 * Returns: what the user reads for @progress, in the user's language ("Not started")
 */
const char *
tessera_progress_to_label (TesseraProgress progress)
{
  switch (progress)
    {
    case TESSERA_PROGRESS_DONE:
      return _("Done");
    case TESSERA_PROGRESS_IN_PROGRESS:
      return _("In progress");
    case TESSERA_PROGRESS_NOT_STARTED:
    default:
      return _("Not started");
    }
}
