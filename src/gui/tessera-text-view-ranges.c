/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-text-view"

#include "config.h"

#include <adwaita.h>

#include "tessera-text-view-private.h"

/*
 * Discontinuous spans in the article: the ranges of one annotation are joined by a thin
 * dashed curve from the end of one to the start of the next, drawn from the rectangles the
 * frame already holds, for the visible lines only; and text selected with Ctrl held, while
 * an annotation is selected, becomes one more range of it (win.add-range).
 */

#define JOIN_SAG 7.0

/* Where a range's underline meets its end (@at_end) or its start, in buffer coordinates. */
static void
underline_point (const graphene_rect_t *rect,
                 guint                  lane,
                 gboolean               at_end,
                 double                *out_x,
                 double                *out_y)
{
  *out_x = at_end ? rect->origin.x + rect->size.width : rect->origin.x;
  *out_y = rect->origin.y + rect->size.height + 1 + lane * LANE_SPACING + UNDERLINE_HEIGHT / 2.0;
}

/* From the end of one range, on its underline, to the start of the next: sagging below
 * the line when both are on it; otherwise out through the space below the first line and
 * into the next range from above its first character (@top). */
static void
draw_join (cairo_t *cr,
           double   x1,
           double   y1,
           double   x2,
           double   y2,
           double   top)
{
  double reach = MAX (12.0, ABS (x2 - x1) / 3.0);

  cairo_move_to (cr, x1, y1);
  if (ABS (y2 - y1) < 1.0)
    cairo_curve_to (cr, x1 + reach, y1 + JOIN_SAG, x2 - reach, y2 + JOIN_SAG, x2, y2);
  else
    cairo_curve_to (cr, x1 + 12.0, y1 + JOIN_SAG, x2 - 12.0, top - JOIN_SAG, x2, top);
  cairo_stroke (cr);
}

/**
 * _tessera_text_view_snapshot_range_joins:
 *
 * Joins the ranges of each discontinuous annotation the frame shows. The frame's
 * rectangles come in the order of the ranges; the placed ones say which range each shows.
 */
void
_tessera_text_view_snapshot_range_joins (TesseraTextView *self,
                                         GtkSnapshot     *snapshot)
{
  static const double dashes[] = { 3.0, 2.0 };
  GdkRectangle visible;
  graphene_rect_t bounds;
  GdkRGBA accent;
  cairo_t *cr = NULL;

  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (self), &visible);
  graphene_rect_init (&bounds, visible.x, visible.y, visible.width, visible.height);
  gdk_rgba_parse (&accent, adw_style_manager_get_dark (adw_style_manager_get_default ())
                           ? "#78aeed" : "#1c71d8");

  for (guint i = 0; i < self->frame->len; i++)
    {
      Drawn *item = &g_array_index (self->frame, Drawn, i);
      GArray *placed = g_hash_table_lookup (self->placed, item->annotation);
      gint64 type_id = tessera_annotation_get_type_id (item->annotation);
      gboolean selected = tessera_annotation_get_id (item->annotation) == self->selected_id;
      GdkRGBA *color = selected ? &accent : g_hash_table_lookup (self->colors, &type_id);

      if (placed == NULL || placed->len != item->n_rects || color == NULL)
        continue;

      for (guint r = 1; r < item->n_rects; r++)
        {
          const graphene_rect_t *from, *to;
          double x1, y1, x2, y2;

          if (g_array_index (placed, Placed, r).range == g_array_index (placed, Placed, r - 1).range)
            continue;
          from = &g_array_index (self->frame_rects, graphene_rect_t, item->first_rect + r - 1);
          to = &g_array_index (self->frame_rects, graphene_rect_t, item->first_rect + r);
          underline_point (from, item->lane, TRUE, &x1, &y1);
          underline_point (to, item->lane, FALSE, &x2, &y2);
          /* Only what crosses the visible lines. */
          if (MAX (y1, y2) + JOIN_SAG < visible.y ||
              MIN (y1, y2) - JOIN_SAG > visible.y + visible.height)
            continue;

          if (cr == NULL)
            {
              cr = gtk_snapshot_append_cairo (snapshot, &bounds);
              cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
              cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
            }
          cairo_set_line_width (cr, selected ? 1.5 : 1.0);
          gdk_cairo_set_source_rgba (cr, color);
          draw_join (cr, x1, y1, x2, y2, to->origin.y);
        }
    }

  if (cr != NULL)
    cairo_destroy (cr);
}

/* Ctrl+drag or Ctrl+double-click: at the release, the text selected is added. */
static void
on_drag_end (GtkGestureDrag  *gesture,
             double           offset_x,
             double           offset_y,
             TesseraTextView *self)
{
  GdkModifierType state =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));

  if ((state & GDK_CONTROL_MASK) == 0 || self->selected_id == 0 || self->pick_mode ||
      !gtk_text_buffer_get_has_selection (buffer))
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.add-range", NULL);
}

void
_tessera_text_view_init_ranges (TesseraTextView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  /* Beside GtkTextView's own gestures, never claiming the sequence. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}
