/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tessera-claim-section.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_ATTRIBUTION_BAR (tessera_attribution_bar_get_type ())
G_DECLARE_FINAL_TYPE (TesseraAttributionBar, tessera_attribution_bar,
                      TESSERA, ATTRIBUTION_BAR, GtkWidget)

void tessera_attribution_bar_set_pick (TesseraAttributionBar *self,
                                       TesseraPickTarget      pick);

G_END_DECLS
