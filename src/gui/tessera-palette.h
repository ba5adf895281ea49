/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tessera-core.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_PALETTE (tessera_palette_get_type ())
G_DECLARE_FINAL_TYPE (TesseraPalette, tessera_palette, TESSERA, PALETTE, GtkWidget)

void        tessera_palette_set_store     (TesseraPalette *self,
                                           TesseraStore   *store);
GListModel *tessera_palette_get_shortcuts (TesseraPalette *self);
void        tessera_palette_reveal_type   (TesseraPalette *self,
                                           gint64          type_id);

G_END_DECLS
