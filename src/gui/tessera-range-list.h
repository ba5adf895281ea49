/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tessera-text-view.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_RANGE_LIST (tessera_range_list_get_type ())
G_DECLARE_FINAL_TYPE (TesseraRangeList, tessera_range_list, TESSERA, RANGE_LIST, GtkWidget)

void tessera_range_list_set_annotation (TesseraRangeList  *self,
                                        TesseraTextView   *text_view,
                                        TesseraAnnotation *annotation);

G_END_DECLS
