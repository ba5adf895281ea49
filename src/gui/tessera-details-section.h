/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-inspector-section.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_DETAILS_SECTION (tessera_details_section_get_type ())
G_DECLARE_FINAL_TYPE (TesseraDetailsSection, tessera_details_section,
                      TESSERA, DETAILS_SECTION, GtkWidget)

G_END_DECLS
