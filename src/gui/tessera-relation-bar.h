/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tessera-core.h"
#include "tessera-text-view.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_RELATION_BAR (tessera_relation_bar_get_type ())
G_DECLARE_FINAL_TYPE (TesseraRelationBar, tessera_relation_bar, TESSERA, RELATION_BAR, GtkWidget)

void     tessera_relation_bar_start     (TesseraRelationBar *self,
                                         TesseraStore       *store,
                                         TesseraTextView    *text_view,
                                         gint64              source_id);
void     tessera_relation_bar_cancel    (TesseraRelationBar *self);
gboolean tessera_relation_bar_is_active (TesseraRelationBar *self);

G_END_DECLS
