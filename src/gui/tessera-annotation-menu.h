/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-text-view.h"

G_BEGIN_DECLS

void        tessera_annotation_menu_attach            (TesseraTextView *view);
void        tessera_annotation_menu_popup_at_selection (TesseraTextView *view);

G_END_DECLS
