/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void _tessera_text_view_draw_connector (GtkSnapshot           *snapshot,
                                        const graphene_rect_t *from,
                                        const graphene_rect_t *to,
                                        gboolean               dark);

G_END_DECLS
