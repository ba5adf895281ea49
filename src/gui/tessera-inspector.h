/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tessera-claim-section.h"
#include "tessera-core.h"
#include "tessera-text-view.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_INSPECTOR (tessera_inspector_get_type ())
G_DECLARE_FINAL_TYPE (TesseraInspector, tessera_inspector, TESSERA, INSPECTOR, GtkWidget)

GtkWidget       *tessera_inspector_new            (void);
void             tessera_inspector_set_text_view  (TesseraInspector *self,
                                                   TesseraTextView  *text_view);
TesseraTextView *tessera_inspector_get_text_view  (TesseraInspector *self);
void             tessera_inspector_set_store      (TesseraInspector *self,
                                                   TesseraStore     *store);
void             tessera_inspector_reload         (TesseraInspector *self);
gint64           tessera_inspector_get_annotation (TesseraInspector *self);
gboolean         tessera_inspector_is_picking     (TesseraInspector *self);
void             tessera_inspector_pick_entity    (TesseraInspector *self,
                                                   gint64            entity_id);
void             tessera_inspector_cancel_pick    (TesseraInspector *self);
TesseraClaimSection *tessera_inspector_get_claim_section (TesseraInspector *self);
void             tessera_inspector_pick_source    (TesseraInspector *self);
void             tessera_inspector_pick_cue       (TesseraInspector *self);

G_END_DECLS
