/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tessera-core.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_TEXT_VIEW (tessera_text_view_get_type ())
G_DECLARE_FINAL_TYPE (TesseraTextView, tessera_text_view, TESSERA, TEXT_VIEW, GtkTextView)

GtkWidget             *tessera_text_view_new                (void);
gboolean               tessera_text_view_load               (TesseraTextView  *self,
                                                             TesseraStore     *store,
                                                             gint64            document_id,
                                                             GError          **error);
void                   tessera_text_view_clear              (TesseraTextView  *self);
gint64                 tessera_text_view_get_document_id    (TesseraTextView  *self);
TesseraAnnotationList *tessera_text_view_get_annotations    (TesseraTextView  *self);
const char            *tessera_text_view_get_text           (TesseraTextView  *self);
gboolean               tessera_text_view_is_loading         (TesseraTextView  *self);

gint64                 tessera_text_view_get_selected       (TesseraTextView  *self);
void                   tessera_text_view_select             (TesseraTextView  *self,
                                                             gint64            annotation_id,
                                                             gboolean          scroll);
void                   tessera_text_view_select_next        (TesseraTextView  *self,
                                                             int               direction);
void                   tessera_text_view_set_highlighted    (TesseraTextView  *self,
                                                             const gint64     *ids,
                                                             guint             n_ids);
GPtrArray             *tessera_text_view_dup_annotations_at (TesseraTextView  *self,
                                                             guint             offset);

GPtrArray             *tessera_text_view_dup_annotations_at_point (TesseraTextView *self,
                                                                   double           x,
                                                                   double           y);
gboolean               tessera_text_view_get_marked_range   (TesseraTextView  *self,
                                                             gboolean          snap_to_words,
                                                             TesseraRange     *out_range);
void                   tessera_text_view_select_text        (TesseraTextView  *self,
                                                             guint             start,
                                                             guint             end);
void                   tessera_text_view_set_pick_mode      (TesseraTextView  *self,
                                                             gboolean          pick_mode);
gboolean               tessera_text_view_get_pick_mode      (TesseraTextView  *self);
char                  *tessera_text_view_dup_covered_text   (TesseraTextView    *self,
                                                             const TesseraRange *ranges,
                                                             guint               n_ranges,
                                                             const char         *separator);
char                  *tessera_text_view_describe           (TesseraTextView  *self,
                                                             TesseraAnnotation *annotation);
void                   tessera_text_view_set_font           (TesseraTextView  *self,
                                                             const char       *font,
                                                             double            scale);
TesseraStore          *tessera_text_view_get_store          (TesseraTextView  *self);
gboolean               tessera_text_view_is_type_hidden     (TesseraTextView  *self,
                                                             gint64            type_id);
guint                  tessera_text_view_get_n_drawn_labels (TesseraTextView  *self);
void                   tessera_text_view_popup_menu         (TesseraTextView    *self,
                                                             GtkPopover         *popover,
                                                             const GdkRectangle *pointing_to);
GtkPopover            *tessera_text_view_get_menu           (TesseraTextView  *self);

G_END_DECLS
