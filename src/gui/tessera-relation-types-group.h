/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tessera-core.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_RELATION_TYPES_GROUP (tessera_relation_types_group_get_type ())
G_DECLARE_FINAL_TYPE (TesseraRelationTypesGroup, tessera_relation_types_group, TESSERA,
                      RELATION_TYPES_GROUP, AdwPreferencesGroup)

void tessera_relation_types_group_set_store (TesseraRelationTypesGroup *self,
                                             TesseraStore              *store);

G_END_DECLS
