/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tessera-core.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_ENTITY_LIST (tessera_entity_list_get_type ())
G_DECLARE_FINAL_TYPE (TesseraEntityList, tessera_entity_list, TESSERA, ENTITY_LIST, GtkWidget)

void tessera_entity_list_set_store (TesseraEntityList *self,
                                    TesseraStore      *store);

G_END_DECLS
