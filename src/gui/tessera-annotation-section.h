/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-inspector-section.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_ANNOTATION_SECTION (tessera_annotation_section_get_type ())
G_DECLARE_FINAL_TYPE (TesseraAnnotationSection, tessera_annotation_section,
                      TESSERA, ANNOTATION_SECTION, GtkWidget)

gboolean tessera_annotation_section_move_boundary (TesseraAnnotationSection *self,
                                                   const char               *which);

G_END_DECLS
