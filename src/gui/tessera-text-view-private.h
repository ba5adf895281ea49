/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-text-view.h"
#include "tessera-text-view-labels.h"

G_BEGIN_DECLS

/* The view's internals, for the files that draw or handle one concern of it
 * (tessera-text-view-ranges.c: discontinuous spans). */

#define UNDERLINE_HEIGHT  2
#define LANE_SPACING      3

/* An annotation drawn in the current frame, and its rectangles in frame_rects. */
typedef struct
{
  TesseraAnnotation *annotation;
  guint              lane;
  guint              first_rect;
  guint              n_rects;
} Drawn;

/* A rectangle of an annotation, placed from the top of its paragraph: it holds while the
 * paragraph's layout does, wherever GTK's estimates of the lines above put the paragraph. */
typedef struct
{
  graphene_rect_t rect;
  int             line;
  guint           range;        /* which of the annotation's ranges it shows */
} Placed;

/* What the view's paragraphs were laid out with. */
typedef struct
{
  PangoContext *ltr_context;
  PangoContext *rtl_context;
  guint         ltr_serial;
  guint         rtl_serial;
  int           width;
  int           left_margin;
  int           right_margin;
} LayoutKey;

struct _TesseraTextView
{
  GtkTextView            parent_instance;

  TesseraStore          *store;
  gint64                 document_id;
  char                  *text;
  GArray                *byte_index;    /* guint32: byte of every INDEX_STEP-th character */
  guint                  n_chars;
  TesseraAnnotationList *annotations;
  GHashTable            *colors;        /* type id → GdkRGBA */
  GHashTable            *kinds;         /* type id → TesseraKind */
  GStrv                  hidden_types;  /* keys of the types not drawn */
  GHashTable            *hidden;        /* their ids */
  gboolean               show_type_labels;
  TesseraTypeLabels     *type_labels;
  GHashTable            *highlighted;   /* ids */
  GArray                *related;       /* ids drawn as related to the hovered claim */
  GArray                *connected;     /* ids joined by a line to the selected claim */
  GArray                *frame;         /* Drawn, from the layer below the text to the one above */
  GArray                *frame_rects;   /* graphene_rect_t, in buffer coordinates */
  gboolean               frame_ready;
  GHashTable            *placed;        /* TesseraAnnotation → GArray of Placed, last frame's */
  LayoutKey              placed_layout;
  gint64                 selected_id;
  gboolean               pick_mode;
  gboolean               exact_selection;
  guint                  last_click_offset;
  guint                  click_cycle;
  gulong                 store_handlers[3];
  GtkWidget             *menu;          /* the popover of tessera_text_view_popup_menu () */
  char                  *caret_description;
  GtkCssProvider        *font_provider;
};

/* Discontinuous spans: the lines joining their ranges, Ctrl+selection (…-ranges.c). */
void     _tessera_text_view_init_ranges          (TesseraTextView         *self);
void     _tessera_text_view_snapshot_range_joins (TesseraTextView         *self,
                                                  GtkSnapshot             *snapshot);

/* Bringing a place into view in as few frames as can be (…-scroll.c). */
void     _tessera_text_view_init_scroll          (TesseraTextView         *self);
void     _tessera_text_view_scroll_to_offset     (TesseraTextView         *self,
                                                  guint                    offset);
void     _tessera_text_view_scroll_stop          (TesseraTextView         *self);

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
