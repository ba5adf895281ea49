/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-types.h"

G_BEGIN_DECLS

/*
 * The attribution of a claim, after the PARC and FactBank schemes: who says it (an entity
 * and/or the mention that names them), how it is reported, and how sure the writer makes it.
 * String fields hold the stored codes of their vocabularies (tessera-vocabulary.h: source
 * kind, quote type, polarity, FactBank factuality, writer distance); NULL means "not set".
 */

/* What an annotation is to a claim: the mention of who says it, or the words that
 * attribute it. */
typedef enum
{
  TESSERA_CLAIM_ROLE_SOURCE,
  TESSERA_CLAIM_ROLE_CUE,
} TesseraClaimRole;

#define TESSERA_TYPE_CLAIM (tessera_claim_get_type ())
G_DECLARE_FINAL_TYPE (TesseraClaim, tessera_claim, TESSERA, CLAIM, GObject)

gint64      tessera_claim_get_annotation_id        (TesseraClaim *self);
gint64      tessera_claim_get_source_entity_id     (TesseraClaim *self);
gint64      tessera_claim_get_source_annotation_id (TesseraClaim *self);
gint64      tessera_claim_get_cue_annotation_id    (TesseraClaim *self);
gint64      tessera_claim_get_parent_annotation_id (TesseraClaim *self);
const char *tessera_claim_get_source_kind          (TesseraClaim *self);
const char *tessera_claim_get_quote_type           (TesseraClaim *self);
const char *tessera_claim_get_polarity             (TesseraClaim *self);
const char *tessera_claim_get_factuality           (TesseraClaim *self);
const char *tessera_claim_get_writer_distance      (TesseraClaim *self);
const char *tessera_claim_get_statement_date       (TesseraClaim *self);
const char *tessera_claim_get_topic                (TesseraClaim *self);
gboolean    tessera_claim_is_complete              (TesseraClaim *self);

void        tessera_claim_set_source_entity_id     (TesseraClaim *self,
                                                    gint64        entity_id);
void        tessera_claim_set_source_annotation_id (TesseraClaim *self,
                                                    gint64        annotation_id);
void        tessera_claim_set_cue_annotation_id    (TesseraClaim *self,
                                                    gint64        annotation_id);
void        tessera_claim_set_parent_annotation_id (TesseraClaim *self,
                                                    gint64        annotation_id);
gboolean    tessera_claim_set_source_kind          (TesseraClaim *self,
                                                    const char   *source_kind);
gboolean    tessera_claim_set_quote_type           (TesseraClaim *self,
                                                    const char   *quote_type);
gboolean    tessera_claim_set_polarity             (TesseraClaim *self,
                                                    const char   *polarity);
gboolean    tessera_claim_set_factuality           (TesseraClaim *self,
                                                    const char   *factuality);
gboolean    tessera_claim_set_writer_distance      (TesseraClaim *self,
                                                    const char   *writer_distance);
void        tessera_claim_set_statement_date       (TesseraClaim *self,
                                                    const char   *date);
void        tessera_claim_set_topic                (TesseraClaim *self,
                                                    const char   *topic);

const char * const *tessera_claim_source_kinds     (void);
const char * const *tessera_claim_quote_types      (void);
const char * const *tessera_claim_polarities       (void);
const char * const *tessera_claim_factualities     (void);
const char * const *tessera_claim_writer_distances (void);

/* Used by the store. */
TesseraClaim *_tessera_claim_new                   (gint64        annotation_id);

G_END_DECLS
