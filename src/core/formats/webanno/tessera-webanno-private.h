/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-importer.h"
#include "tessera-record.h"

G_BEGIN_DECLS

/*
 * WebAnno TSV 3.3, as INCEpTION reads and writes it: what the importer and the exporter
 * share (the layers Tessera writes, escaping, the reader the exporter's check uses).
 */

#define TESSERA_WEBANNO_FORMAT_HEADER  "#FORMAT=WebAnno TSV 3.3"
#define TESSERA_WEBANNO_NAMED_ENTITY   "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
#define TESSERA_WEBANNO_CLAIM          "webanno.custom.Claim"
#define TESSERA_WEBANNO_CLAIM_SOURCE   "webanno.custom.ClaimSource"
#define TESSERA_WEBANNO_CLAIM_CUE      "webanno.custom.ClaimCue"
#define TESSERA_WEBANNO_ENTITY_RELATION "webanno.custom.EntityRelation"
#define TESSERA_WEBANNO_CLAIM_RELATION "webanno.custom.ClaimRelation"

/* The kinds of annotation of the claim layer (its feature "kind"). */
#define TESSERA_WEBANNO_KIND_CLAIM     "claim"
#define TESSERA_WEBANNO_KIND_CUE       "cue"
#define TESSERA_WEBANNO_KIND_SOURCE    "source"

/* Where the reader finds and puts types and entities: the project's, or new ones. */
typedef struct _TesseraWebannoTypes TesseraWebannoTypes;

TesseraWebannoTypes   *_tessera_webanno_types_new     (TesseraStore         *store,
                                                       TesseraImportBatch   *batch);
void                   _tessera_webanno_types_free    (TesseraWebannoTypes  *types);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraWebannoTypes, _tessera_webanno_types_free)

TesseraDocumentRecord *_tessera_webanno_read          (TesseraWebannoTypes  *types,
                                                       const char           *display_name,
                                                       char                 *data,
                                                       gsize                 length,
                                                       GPtrArray            *warnings,
                                                       GError              **error);

void                   _tessera_webanno_escape_value  (GString              *out,
                                                       const char           *value);
void                   _tessera_webanno_escape_text   (GString              *out,
                                                       const char           *text,
                                                       gssize                length);

G_END_DECLS
