/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tessera-core.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_ENTITY_CHOOSER (tessera_entity_chooser_get_type ())
G_DECLARE_FINAL_TYPE (TesseraEntityChooser, tessera_entity_chooser,
                      TESSERA, ENTITY_CHOOSER, GtkWidget)

void tessera_entity_chooser_set_filter   (TesseraEntityChooser *self,
                                          TesseraStore         *store,
                                          gint64                mention_type_id,
                                          gint64                exclude_id);
void tessera_entity_chooser_invalidate   (TesseraEntityChooser *self);
void tessera_entity_chooser_clear_search (TesseraEntityChooser *self);

G_END_DECLS
