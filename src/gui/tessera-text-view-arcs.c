/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-text-view"

#include "config.h"

#include <math.h>

#include <adwaita.h>

#include "tessera-text-view-private.h"

/*
 * Relations drawn as arcs above the lines, as brat does: from the first rectangle the
 * source shows to the first one the target shows, curved, an arrow head at the target,
 * the type's label at the top, in the type's colour; those of the selected annotation
 * drawn bolder. The view hands over, in each frame, the rectangles of the annotations it
 * draws (the visible lines only) that take part in a relation, so a frame costs nothing
 * more without relations, and then grows with the relations on screen, not the document.
 *
 * A relation with one end off screen is drawn to the edge of the visible area (the top if
 * the other end comes before, the bottom if after), so that scrolling never hides that it
 * exists; one with both ends off screen, or with an end of a hidden type, is skipped. The document's relations are read
 * again only when the store says one of them changed.
 *
 * An arc is drawn with Cairo, whose render nodes GTK cannot compare: a new node at each
 * frame makes GTK paint again all it covers, the text under it included. So each arc's
 * node is kept from one frame to the next, and drawn again only when its ends, its look
 * or the font move: a mark or a delete repaints what it changed, not every arc on screen.
 */

/* Room added above every line for the arcs. They rise higher than that, into the space
 * below the line above, which its underlines use only in part. */
#define ARC_ROOM        4
#define ARC_RISE        11
#define ARROW_LENGTH    6.0
#define ARROW_HALF      3.5
/* How far from the visible end a relation to an off-screen end meets the edge. */
#define EDGE_RUN        40.0

typedef struct
{
  gint64          annotation_id;
  guint           start;
  graphene_rect_t rect;
} End;

/* An arc as the last frame drew it. */
typedef struct
{
  graphene_point_t  from;
  graphene_point_t  to;
  GdkRGBA           color;
  char             *label;
  gboolean          arrow;
  gboolean          bold;
  guint             font_serial;
  GskRenderNode    *node;
} DrawnArc;

typedef struct
{
  TesseraTextView *view;        /* not owned: this is the view's own data */
  TesseraStore    *store;
  gint64           document_id;
  GPtrArray       *relations;   /* TesseraRelation, of the document */
  GHashTable      *involved;    /* gint64 ids of the annotations a relation joins */
  GArray          *ends;        /* End, of this frame */
  GHashTable      *drawn;       /* relation id → DrawnArc, the last frame's */
  gulong           handlers[3];
  guint            n_drawn;
} Arcs;

static GQuark arcs_quark;

static void
drawn_free (gpointer data)
{
  DrawnArc *drawn = data;

  g_free (drawn->label);
  g_clear_pointer (&drawn->node, gsk_render_node_unref);
  g_free (drawn);
}

static GHashTable *
drawn_table_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, drawn_free);
}

static Arcs *
arcs_of (TesseraTextView *self)
{
  return g_object_get_qdata (G_OBJECT (self), arcs_quark);
}

static void
disconnect_store (Arcs *arcs)
{
  if (arcs->store != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (arcs->handlers); i++)
        g_clear_signal_handler (&arcs->handlers[i], arcs->store);
    }
  g_clear_object (&arcs->store);
}

static void
arcs_free (gpointer data)
{
  Arcs *arcs = data;

  disconnect_store (arcs);
  g_clear_pointer (&arcs->relations, g_ptr_array_unref);
  g_clear_pointer (&arcs->involved, g_hash_table_unref);
  g_clear_pointer (&arcs->ends, g_array_unref);
  g_clear_pointer (&arcs->drawn, g_hash_table_unref);
  g_free (arcs);
}

/* The relations of the document, read again. */
static void
reload (Arcs *arcs)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&arcs->relations, g_ptr_array_unref);
  g_hash_table_remove_all (arcs->involved);
  if (arcs->store != NULL && arcs->document_id != 0)
    arcs->relations = tessera_store_dup_relations (arcs->store, arcs->document_id, &error);
  if (error != NULL)
    g_warning ("The relations of document %" G_GINT64_FORMAT " could not be read: %s",
               arcs->document_id, error->message);

  for (guint i = 0; arcs->relations != NULL && i < arcs->relations->len; i++)
    {
      TesseraRelation *relation = g_ptr_array_index (arcs->relations, i);

      g_hash_table_add (arcs->involved, g_memdup2 (&relation->source_id, sizeof (gint64)));
      g_hash_table_add (arcs->involved, g_memdup2 (&relation->target_id, sizeof (gint64)));
    }
  gtk_widget_queue_draw (GTK_WIDGET (arcs->view));
}

static void
on_relation_changed (Arcs         *arcs,
                     gint64        document_id,
                     gint64        relation_id,
                     int           change,
                     TesseraStore *store)
{
  if (document_id == arcs->document_id)
    reload (arcs);
}

static void
on_store_reloaded (Arcs         *arcs,
                   TesseraStore *store)
{
  reload (arcs);
}

/* Types' colours and labels are read at each frame: a new colour needs a new frame only. */
static void
on_tagset_changed (Arcs         *arcs,
                   TesseraStore *store)
{
  gtk_widget_queue_draw (GTK_WIDGET (arcs->view));
}

/* Removing an annotation removes its relations, which the next reload forgets; meanwhile
 * a relation whose end is gone is not drawn (see snapshot). */

void
_tessera_text_view_arcs_init (TesseraTextView *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  Arcs *arcs = g_new0 (Arcs, 1);

  if (arcs_quark == 0)
    arcs_quark = g_quark_from_static_string ("tessera-text-view-arcs");
  arcs->view = self;
  arcs->involved = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  arcs->ends = g_array_new (FALSE, FALSE, sizeof (End));
  arcs->drawn = drawn_table_new ();
  g_object_set_qdata_full (G_OBJECT (self), arcs_quark, arcs, arcs_free);

  /* Set once: the room is there whether a document has relations or not, so that making
   * the first one never lays the whole document out again. */
  gtk_text_view_set_pixels_above_lines (view, gtk_text_view_get_pixels_above_lines (view) +
                                              ARC_ROOM);
  gtk_text_view_set_pixels_inside_wrap (view, gtk_text_view_get_pixels_inside_wrap (view) +
                                              ARC_ROOM);
}

void
_tessera_text_view_arcs_load (TesseraTextView *self,
                              TesseraStore    *store,
                              gint64           document_id)
{
  Arcs *arcs = arcs_of (self);

  disconnect_store (arcs);
  arcs->store = g_object_ref (store);
  arcs->document_id = document_id;
  arcs->handlers[0] = g_signal_connect_swapped (store, "relation-changed",
                                                G_CALLBACK (on_relation_changed), arcs);
  arcs->handlers[1] = g_signal_connect_swapped (store, "reloaded",
                                                G_CALLBACK (on_store_reloaded), arcs);
  arcs->handlers[2] = g_signal_connect_swapped (store, "tagset-changed",
                                                G_CALLBACK (on_tagset_changed), arcs);
  reload (arcs);
}

void
_tessera_text_view_arcs_clear (TesseraTextView *self)
{
  Arcs *arcs = arcs_of (self);

  disconnect_store (arcs);
  arcs->document_id = 0;
  reload (arcs);
}

/**
 * _tessera_text_view_arcs_begin:
 *
 * Starts a frame's arcs.
 *
 * Returns: whether the document has relations, and so whether the frame's annotations
 *   should be handed over with _tessera_text_view_arcs_add_end()
 */
gboolean
_tessera_text_view_arcs_begin (TesseraTextView *self)
{
  Arcs *arcs = arcs_of (self);

  g_array_set_size (arcs->ends, 0);
  arcs->n_drawn = 0;
  return arcs->relations != NULL && arcs->relations->len > 0;
}

void
_tessera_text_view_arcs_add_end (TesseraTextView       *self,
                                 TesseraAnnotation     *annotation,
                                 const graphene_rect_t *first_rect)
{
  Arcs *arcs = arcs_of (self);
  gint64 id = tessera_annotation_get_id (annotation);
  End end;

  if (!g_hash_table_contains (arcs->involved, &id) ||
      tessera_text_view_is_type_hidden (self, tessera_annotation_get_type_id (annotation)))
    return;
  end.annotation_id = id;
  end.start = tessera_annotation_get_start (annotation);
  end.rect = *first_rect;
  g_array_append_val (arcs->ends, end);
}

static const End *
find_end (Arcs   *arcs,
          gint64  annotation_id)
{
  for (guint i = 0; i < arcs->ends->len; i++)
    {
      const End *end = &g_array_index (arcs->ends, End, i);

      if (end->annotation_id == annotation_id)
        return end;
    }
  return NULL;
}

/* Where an arc meets an end: the middle of the top of its first rectangle. */
static void
end_point (const End         *end,
           graphene_point_t  *point)
{
  graphene_point_init (point, end->rect.origin.x + end->rect.size.width / 2,
                       end->rect.origin.y);
}

/* For an end off screen: a point on the edge of @visible towards it, beside @shown. */
static gboolean
edge_point (Arcs               *arcs,
            const End          *shown,
            gint64              other_id,
            const GdkRectangle *visible,
            graphene_point_t   *point)
{
  TesseraAnnotationList *list = tessera_text_view_get_annotations (arcs->view);
  TesseraAnnotation *other = list != NULL ? tessera_annotation_list_lookup (list, other_id)
                                          : NULL;
  gboolean before;
  graphene_point_t from;

  if (other == NULL ||
      tessera_text_view_is_type_hidden (arcs->view, tessera_annotation_get_type_id (other)))
    return FALSE;
  before = tessera_annotation_get_start (other) < shown->start;
  end_point (shown, &from);
  graphene_point_init (point, from.x + (before ? -EDGE_RUN : EDGE_RUN),
                       before ? visible->y : visible->y + visible->height);
  return TRUE;
}

/* How a relation of type @key looks; a symmetric type (same-as) has no arrow head. */
static void
type_style (Arcs       *arcs,
            const char *key,
            GdkRGBA    *color,
            char      **label,
            gboolean   *arrow)
{
  g_autoptr(TesseraRelationType) type = tessera_store_lookup_relation_type (arcs->store, key);

  if (type == NULL || !gdk_rgba_parse (color, tessera_relation_type_get_color (type)))
    gdk_rgba_parse (color, "#77767b");
  *label = g_strdup (type != NULL ? tessera_relation_type_get_label (type) : key);
  *arrow = type == NULL || !tessera_relation_type_get_symmetric (type);
}

static void
draw_arc (Arcs                   *arcs,
          GtkSnapshot            *snapshot,
          const graphene_point_t *from,
          const graphene_point_t *to,
          const GdkRGBA          *color,
          const char             *label,
          gboolean                arrow,
          gboolean                bold)
{
  GtkWidget *widget = GTK_WIDGET (arcs->view);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, label);
  PangoAttrList *attributes = pango_attr_list_new ();
  double top = MIN (from->y, to->y) - ARC_RISE * 4.0 / 3.0;
  double apex_x = (from->x + to->x) / 2;
  double apex_y = (MIN (from->y, to->y) + 3 * top) / 4;
  graphene_rect_t bounds, pill;
  int width, height;
  GdkRGBA pill_color = *color;
  GdkRGBA text_color;
  cairo_t *cr;

  pango_attr_list_insert (attributes, pango_attr_scale_new (0.68));
  if (bold)
    pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attributes);
  pango_attr_list_unref (attributes);
  pango_layout_get_pixel_size (layout, &width, &height);
  graphene_rect_init (&pill, apex_x - width / 2.0 - 3, apex_y - height / 2.0, width + 6, height);

  graphene_rect_init (&bounds, MIN (from->x, to->x) - ARROW_HALF - 2, top - 2,
                      fabs (to->x - from->x) + 2 * ARROW_HALF + 4,
                      MAX (from->y, to->y) - top + 4);
  graphene_rect_union (&bounds, &pill, &bounds);

  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, bold ? 2.0 : 1.2);
  cairo_move_to (cr, from->x, from->y);
  cairo_curve_to (cr, from->x, top, to->x, top, to->x, arrow ? to->y - ARROW_LENGTH : to->y);
  cairo_stroke (cr);
  if (arrow)
    {
      /* The arrow head, pointing down at the target. */
      cairo_move_to (cr, to->x, to->y);
      cairo_line_to (cr, to->x - ARROW_HALF, to->y - ARROW_LENGTH);
      cairo_line_to (cr, to->x + ARROW_HALF, to->y - ARROW_LENGTH);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  /* The label on a pill of the type's colour, readable over the lines it crosses. */
  pill_color.alpha = 1.0;
  gdk_cairo_set_source_rgba (cr, &pill_color);
  cairo_rectangle (cr, pill.origin.x, pill.origin.y, pill.size.width, pill.size.height);
  cairo_fill (cr);
  cairo_destroy (cr);

  /* Black or white, whichever reads better on the type's colour. */
  if (0.299 * color->red + 0.587 * color->green + 0.114 * color->blue > 0.55)
    gdk_rgba_parse (&text_color, "#000000");
  else
    gdk_rgba_parse (&text_color, "#ffffff");
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (pill.origin.x + 3, pill.origin.y));
  gtk_snapshot_append_layout (snapshot, layout, &text_color);
  gtk_snapshot_restore (snapshot);
}

static gboolean
drawn_equal (const DrawnArc *a,
             const DrawnArc *b)
{
  return graphene_point_equal (&a->from, &b->from) && graphene_point_equal (&a->to, &b->to) &&
         gdk_rgba_equal (&a->color, &b->color) && g_strcmp0 (a->label, b->label) == 0 &&
         a->arrow == b->arrow && a->bold == b->bold && a->font_serial == b->font_serial;
}

/* Appends the arc @wanted describes: the last frame's node if it looked the same, else a
 * node drawn anew; either way kept in @drawn for the next frame. Takes @wanted's label. */
static void
append_arc (Arcs        *arcs,
            GtkSnapshot *snapshot,
            GHashTable  *drawn,
            gint64       relation_id,
            DrawnArc    *wanted)
{
  DrawnArc *last = g_hash_table_lookup (arcs->drawn, &relation_id);
  DrawnArc *kept = g_memdup2 (wanted, sizeof *wanted);

  if (last != NULL && drawn_equal (last, wanted))
    kept->node = gsk_render_node_ref (last->node);
  else
    {
      GtkSnapshot *arc = gtk_snapshot_new ();

      draw_arc (arcs, arc, &wanted->from, &wanted->to, &wanted->color, wanted->label,
                wanted->arrow, wanted->bold);
      kept->node = gtk_snapshot_free_to_node (arc);
    }
  if (kept->node != NULL)
    gtk_snapshot_append_node (snapshot, kept->node);
  g_hash_table_insert (drawn, g_memdup2 (&relation_id, sizeof relation_id), kept);
}

void
_tessera_text_view_arcs_snapshot (TesseraTextView *self,
                                  GtkSnapshot     *snapshot,
                                  gint64           selected_id)
{
  Arcs *arcs = arcs_of (self);
  g_autoptr(GHashTable) drawn = drawn_table_new ();
  guint font_serial = pango_context_get_serial (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  GdkRectangle visible;
  gboolean dim;

  if (arcs->relations == NULL || arcs->ends->len == 0)
    {
      g_hash_table_remove_all (arcs->drawn);
      return;
    }
  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (self), &visible);
  /* The others give way to the relations of the selected annotation; one without any (a
   * new one, most often) changes no arc, so that selecting, marking or deleting it repaints
   * none of them. */
  dim = selected_id != 0 && g_hash_table_contains (arcs->involved, &selected_id);

  for (guint i = 0; i < arcs->relations->len; i++)
    {
      TesseraRelation *relation = g_ptr_array_index (arcs->relations, i);
      const End *source = find_end (arcs, relation->source_id);
      const End *target = find_end (arcs, relation->target_id);
      graphene_point_t from, to;
      g_autofree char *label = NULL;
      GdkRGBA color;
      gboolean arrow, bold;

      if (source == NULL && target == NULL)
        continue;
      if (source != NULL)
        end_point (source, &from);
      else if (!edge_point (arcs, target, relation->source_id, &visible, &from))
        continue;
      if (target != NULL)
        end_point (target, &to);
      else if (!edge_point (arcs, source, relation->target_id, &visible, &to))
        continue;

      bold = selected_id != 0 &&
             (relation->source_id == selected_id || relation->target_id == selected_id);
      type_style (arcs, relation->type, &color, &label, &arrow);
      if (!bold && dim)
        color.alpha *= 0.55;
      append_arc (arcs, snapshot, drawn, relation->id,
                  &(DrawnArc) { from, to, color, g_steal_pointer (&label), arrow, bold,
                                font_serial, NULL });
      arcs->n_drawn++;
    }

  /* Only what this frame drew is kept. */
  g_hash_table_unref (arcs->drawn);
  arcs->drawn = g_steal_pointer (&drawn);
}

/**
 * _tessera_text_view_arcs_get_n_drawn:
 *
 * Returns: how many arcs the last frame drew
 */
guint
_tessera_text_view_arcs_get_n_drawn (TesseraTextView *self)
{
  g_return_val_if_fail (TESSERA_IS_TEXT_VIEW (self), 0);
  return arcs_of (self)->n_drawn;
}
