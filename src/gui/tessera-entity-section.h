/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-inspector-section.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_ENTITY_SECTION (tessera_entity_section_get_type ())
G_DECLARE_FINAL_TYPE (TesseraEntitySection, tessera_entity_section,
                      TESSERA, ENTITY_SECTION, GtkWidget)

void     tessera_entity_section_create_entity     (TesseraEntitySection *self);
void     tessera_entity_section_focus_chooser     (TesseraEntitySection *self);
gboolean tessera_entity_section_close_new_entity  (TesseraEntitySection *self);

G_END_DECLS
