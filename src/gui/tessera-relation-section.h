/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-inspector-section.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_RELATION_SECTION (tessera_relation_section_get_type ())
G_DECLARE_FINAL_TYPE (TesseraRelationSection, tessera_relation_section,
                      TESSERA, RELATION_SECTION, GtkWidget)

G_END_DECLS
