/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-exporter.h"

G_BEGIN_DECLS

/**
 * TesseraConllColumns:
 * @TESSERA_CONLL_COLUMNS_TOKEN_TAG: the token, then its tags
 * @TESSERA_CONLL_COLUMNS_TOKEN_OFFSETS_TAG: the token, its first code point and its end in
 *   the document's text, then its tags
 */
typedef enum
{
  TESSERA_CONLL_COLUMNS_TOKEN_TAG,
  TESSERA_CONLL_COLUMNS_TOKEN_OFFSETS_TAG,
} TesseraConllColumns;

/**
 * TesseraConllScheme:
 * @TESSERA_CONLL_SCHEME_IOB2: B- on the first token of an annotation, I- on the others
 * @TESSERA_CONLL_SCHEME_IOBES: S- on a one-token annotation; B-, I- and E- on the first,
 *   inner and last tokens of the others
 */
typedef enum
{
  TESSERA_CONLL_SCHEME_IOB2,
  TESSERA_CONLL_SCHEME_IOBES,
} TesseraConllScheme;

/**
 * TesseraConllLayers:
 * @TESSERA_CONLL_LAYERS_OUTERMOST: one tag column; where annotations nest or overlap, the
 *   longest (then the first) is in it
 * @TESSERA_CONLL_LAYERS_KINDS: one tag column per kind of annotation: entities, claims,
 *   cues
 */
typedef enum
{
  TESSERA_CONLL_LAYERS_OUTERMOST,
  TESSERA_CONLL_LAYERS_KINDS,
} TesseraConllLayers;

#define TESSERA_TYPE_CONLL_COLUMNS (tessera_conll_columns_get_type ())
#define TESSERA_TYPE_CONLL_SCHEME (tessera_conll_scheme_get_type ())
#define TESSERA_TYPE_CONLL_LAYERS (tessera_conll_layers_get_type ())
GType tessera_conll_columns_get_type (void) G_GNUC_CONST;
GType tessera_conll_scheme_get_type  (void) G_GNUC_CONST;
GType tessera_conll_layers_get_type  (void) G_GNUC_CONST;

#define TESSERA_TYPE_CONLL_EXPORTER (tessera_conll_exporter_get_type ())
G_DECLARE_FINAL_TYPE (TesseraConllExporter, tessera_conll_exporter, TESSERA, CONLL_EXPORTER,
                      TesseraExporter)

G_END_DECLS
