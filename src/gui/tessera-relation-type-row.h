/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tessera-core.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_RELATION_TYPE_ROW (tessera_relation_type_row_get_type ())
G_DECLARE_FINAL_TYPE (TesseraRelationTypeRow, tessera_relation_type_row, TESSERA,
                      RELATION_TYPE_ROW, AdwExpanderRow)

GtkWidget *tessera_relation_type_row_new          (TesseraStore           *store);
void       tessera_relation_type_row_set_type     (TesseraRelationTypeRow *self,
                                                   TesseraRelationType    *type,
                                                   guint                   position,
                                                   guint                   n_types);
void       tessera_relation_type_row_keep_focus   (TesseraRelationTypeRow *self,
                                                   gboolean                moved_up);
gint64     tessera_relation_type_row_get_type_id  (TesseraRelationTypeRow *self);
guint      tessera_relation_type_row_get_position (TesseraRelationTypeRow *self);

G_END_DECLS
