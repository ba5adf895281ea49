/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tessera-record.h"

G_BEGIN_DECLS

/**
 * TesseraCarries:
 * @TESSERA_CARRIES_TEXT: the document's text, character for character
 * @TESSERA_CARRIES_TITLE: the document's title
 * @TESSERA_CARRIES_RANGES: every range of a discontinuous annotation; without it, an
 *   annotation is compared by its extent, from its first start to its last end
 * @TESSERA_CARRIES_ENTITIES: the entity an annotation names, by its name
 * @TESSERA_CARRIES_AUTHORITIES: the entity's authority records (Wikidata, GeoNames, VIAF…)
 * @TESSERA_CARRIES_CLAIM_FIELDS: a claim's quote type, polarity, factuality, writer
 *   distance, source kind, date and topic
 * @TESSERA_CARRIES_CLAIM_ROLES: a claim's source (annotation or entity) and cue
 * @TESSERA_CARRIES_RELATIONS: the relations between annotations, with their types
 * @TESSERA_CARRIES_NOTES: annotations' notes
 * @TESSERA_CARRIES_ANNOTATOR: who made each annotation
 * @TESSERA_CARRIES_STATUS: each annotation's status and certainty
 * @TESSERA_CARRIES_ALL: everything above
 *
 * What a format carries of a document, for tessera_format_compare_document(): what it
 * does not carry is not compared (and the export says so in its notes).
 */
typedef enum
{
  TESSERA_CARRIES_TEXT         = 1 << 0,
  TESSERA_CARRIES_TITLE        = 1 << 1,
  TESSERA_CARRIES_RANGES       = 1 << 2,
  TESSERA_CARRIES_ENTITIES     = 1 << 3,
  TESSERA_CARRIES_AUTHORITIES  = 1 << 4,
  TESSERA_CARRIES_CLAIM_FIELDS = 1 << 5,
  TESSERA_CARRIES_CLAIM_ROLES  = 1 << 6,
  TESSERA_CARRIES_RELATIONS    = 1 << 7,
  TESSERA_CARRIES_NOTES        = 1 << 8,
  TESSERA_CARRIES_ANNOTATOR    = 1 << 9,
  TESSERA_CARRIES_STATUS       = 1 << 10,
  TESSERA_CARRIES_ALL          = (1 << 11) - 1,
} TesseraCarries;

gboolean tessera_format_compare_annotations (const char                  *where,
                                             const char                  *text,
                                             GPtrArray                   *written,
                                             GPtrArray                   *read,
                                             TesseraCarries               carries,
                                             GError                     **error);
gboolean tessera_format_compare_relations   (const char                  *where,
                                             GPtrArray                   *written,
                                             GPtrArray                   *read,
                                             GError                     **error);
gboolean tessera_format_compare_document    (const char                  *where,
                                             const TesseraDocumentRecord *written,
                                             const TesseraDocumentRecord *read,
                                             TesseraCarries               carries,
                                             GError                     **error);

G_END_DECLS
