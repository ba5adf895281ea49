/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-inspector-section.h"

G_BEGIN_DECLS

/* What a click in the text (or an entity chosen) is awaited as. */
typedef enum
{
  TESSERA_PICK_NONE,
  TESSERA_PICK_SOURCE,
  TESSERA_PICK_CUE,
} TesseraPickTarget;

#define TESSERA_TYPE_CLAIM_SECTION (tessera_claim_section_get_type ())
G_DECLARE_FINAL_TYPE (TesseraClaimSection, tessera_claim_section,
                      TESSERA, CLAIM_SECTION, GtkWidget)

TesseraPickTarget tessera_claim_section_get_pick        (TesseraClaimSection *self);
void              tessera_claim_section_set_pick        (TesseraClaimSection *self,
                                                         TesseraPickTarget    pick);
void              tessera_claim_section_start_attribution (TesseraClaimSection *self);
void              tessera_claim_section_pick_done       (TesseraClaimSection *self);
TesseraClaim     *tessera_claim_section_get_claim       (TesseraClaimSection *self);
void              tessera_claim_section_pick_annotation (TesseraClaimSection *self,
                                                         gint64               annotation_id);
void              tessera_claim_section_pick_entity     (TesseraClaimSection *self,
                                                         gint64               entity_id);
gboolean          tessera_claim_section_refers_to       (TesseraClaimSection *self,
                                                         gint64               annotation_id,
                                                         gint64               entity_id);

G_END_DECLS
