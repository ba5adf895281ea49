/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-text-view.h"

G_BEGIN_DECLS

/*
 * What the files of the article view share (tessera-text-view-FEATURE.c): hooks called from
 * tessera-text-view.c at load, clear and snapshot time.
 */

/* Relations drawn as arcs above the lines (tessera-text-view-arcs.c). */
void     _tessera_text_view_arcs_init      (TesseraTextView         *self);
void     _tessera_text_view_arcs_load      (TesseraTextView         *self,
                                            TesseraStore            *store,
                                            gint64                   document_id);
void     _tessera_text_view_arcs_clear     (TesseraTextView         *self);
gboolean _tessera_text_view_arcs_begin     (TesseraTextView         *self);
void     _tessera_text_view_arcs_add_end   (TesseraTextView         *self,
                                            TesseraAnnotation       *annotation,
                                            const graphene_rect_t   *first_rect);
void     _tessera_text_view_arcs_snapshot  (TesseraTextView         *self,
                                            GtkSnapshot             *snapshot,
                                            gint64                   selected_id);
guint    _tessera_text_view_arcs_get_n_drawn (TesseraTextView       *self);

G_END_DECLS
