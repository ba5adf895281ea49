/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tessera-range.h"

G_BEGIN_DECLS

typedef enum
{
  TESSERA_KIND_ENTITY,
  TESSERA_KIND_CLAIM,
  TESSERA_KIND_CUE,
  TESSERA_N_KINDS
} TesseraKind;

typedef enum
{
  TESSERA_CERTAINTY_UNKNOWN,
  TESSERA_CERTAINTY_LOW,
  TESSERA_CERTAINTY_MEDIUM,
  TESSERA_CERTAINTY_HIGH,
} TesseraCertainty;

typedef enum
{
  TESSERA_STATUS_ACCEPTED,
  TESSERA_STATUS_SUGGESTED,
} TesseraStatus;

typedef enum
{
  TESSERA_PROGRESS_NOT_STARTED,
  TESSERA_PROGRESS_IN_PROGRESS,
  TESSERA_PROGRESS_DONE,
} TesseraProgress;

typedef enum
{
  TESSERA_CHANGE_ADDED,
  TESSERA_CHANGE_REMOVED,
  TESSERA_CHANGE_MODIFIED,
} TesseraChange;

const char *tessera_kind_to_string        (TesseraKind        kind);
gboolean    tessera_kind_from_string      (const char        *str,
                                           TesseraKind       *out_kind);
const char *tessera_certainty_to_string   (TesseraCertainty   certainty);
gboolean    tessera_certainty_from_string (const char        *str,
                                           TesseraCertainty  *out_certainty);
const char *tessera_status_to_string      (TesseraStatus      status);
gboolean    tessera_status_from_string    (const char        *str,
                                           TesseraStatus     *out_status);
const char *tessera_progress_to_string    (TesseraProgress    progress);
const char *tessera_progress_to_label     (TesseraProgress    progress);
gboolean    tessera_progress_from_string  (const char        *str,
                                           TesseraProgress   *out_progress);

G_END_DECLS
