/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tessera-claims-model.h"
#include "tessera-core.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_CLAIMS_VIEW (tessera_claims_view_get_type ())
G_DECLARE_FINAL_TYPE (TesseraClaimsView, tessera_claims_view, TESSERA, CLAIMS_VIEW, GtkWidget)

void                tessera_claims_view_set_store  (TesseraClaimsView *self,
                                                    TesseraStore      *store);
TesseraClaimsModel *tessera_claims_view_get_model  (TesseraClaimsView *self);
void                tessera_claims_view_focus_list (TesseraClaimsView *self);
void                tessera_claims_view_pick_same_claim
                                                   (TesseraClaimsView *self,
                                                    const char        *claim_text);
gboolean            tessera_claims_view_is_picking (TesseraClaimsView *self);

G_END_DECLS
