/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-text-view"

#include "config.h"

#include <math.h>

#include "tessera-text-view-connectors.h"

/*
 * The line from a selected claim to its source and to its cue: a thin curve arching above
 * the text from the start of the claim to the middle of the other annotation, ending in a
 * dot. Drawn for the annotations of the visible lines only (the view's frame).
 */

#define ARCH_HEIGHT 12
#define LINE_WIDTH  1.5
#define DOT_RADIUS  2.5

/**
 * _tessera_text_view_draw_connector:
 * @from: the first rectangle of the claim, in the view's buffer coordinates
 * @to: the first rectangle of its source or cue
 * @dark: whether the dark style is in use
 */
void
_tessera_text_view_draw_connector (GtkSnapshot           *snapshot,
                                   const graphene_rect_t *from,
                                   const graphene_rect_t *to,
                                   gboolean               dark)
{
  /* Orange reads on white and on the dark background alike, and is no type's colour. */
  GdkRGBA color = dark ? (GdkRGBA) { 1.0, 0.64, 0.28, 0.95 }
                       : (GdkRGBA) { 0.78, 0.27, 0.0, 0.95 };
  double x1 = from->origin.x + MIN (8.0, from->size.width / 2);
  double y1 = from->origin.y;
  double x2 = to->origin.x + to->size.width / 2;
  double y2 = to->origin.y;
  double top = MIN (y1, y2) - ARCH_HEIGHT;
  graphene_rect_t bounds;
  cairo_t *cr;

  graphene_rect_init (&bounds, MIN (x1, x2) - DOT_RADIUS - LINE_WIDTH,
                      top - LINE_WIDTH, fabs (x2 - x1) + 2 * (DOT_RADIUS + LINE_WIDTH),
                      MAX (y1, y2) - top + DOT_RADIUS + 2 * LINE_WIDTH);
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, x1, y1);
  cairo_curve_to (cr, x1, top, x2, top, x2, y2);
  cairo_stroke (cr);
  cairo_arc (cr, x2, y2, DOT_RADIUS, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_destroy (cr);
}
