/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tessera-core.h"
#include "tessera-text-view.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_ANNOTATION_LIST_VIEW (tessera_annotation_list_view_get_type ())
G_DECLARE_FINAL_TYPE (TesseraAnnotationListView, tessera_annotation_list_view,
                      TESSERA, ANNOTATION_LIST_VIEW, GtkWidget)

void tessera_annotation_list_view_set_store       (TesseraAnnotationListView *self,
                                                   TesseraStore              *store);
void tessera_annotation_list_view_set_text_view   (TesseraAnnotationListView *self,
                                                   TesseraTextView           *text_view);
void tessera_annotation_list_view_set_annotations (TesseraAnnotationListView *self,
                                                   TesseraAnnotationList     *annotations);

G_END_DECLS
