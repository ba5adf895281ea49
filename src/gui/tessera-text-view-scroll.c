/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-text-view"

#include "config.h"

#include "tessera-text-view-private.h"

/*
 * Bringing a place of the text into view (an annotation selected, text selected by the
 * program), so that scrolling costs as few frames as it can:
 *
 * - A place already in view, away from the edges, is not scrolled to: no frame of GTK's
 *   deferred scroll, which would otherwise land in the frame of the next change (a mark).
 * - A place out of view, or near an edge, is put a third of the way into the view from the
 *   edge it is nearer, so that the next ones in the same direction, as when reading on or
 *   going back through a page, stay in view without another scroll.
 * - The view scrolls at once, by its adjustment, rather than with
 *   gtk_text_view_scroll_to_mark(), which GTK 4.8 defers while the layout is incomplete.
 * - While GTK lays out a long text after it is loaded (in the background, for seconds on a
 *   novel), the lines below those laid out have no height yet, and a place far down cannot
 *   be reached in one move: the view stopped short of it, at whatever the layout reached,
 *   and jumped again at each later change (a mark), laying out and painting a new screen in
 *   that change's frame. Each move lays out the lines it shows, which lets the next one go
 *   further: the view moves on at once until the place is in view, which takes a second or
 *   two on a novel just opened (what GTK would spend laying it out in the background), and
 *   past CATCH_UP_US, between frames (before GTK's own layout of the rest), until the user
 *   scrolls or moves the caret.
 */

/* The part of the view's height kept clear at either edge before a place counts as shown. */
#define EDGE_MARGIN     0.1
/* Where a place scrolled to is put, from the edge it is nearer. */
#define PLACE_ALIGN     0.3
/* How long the view may follow the layout towards a place: at once, then in all, and at a
 * time between frames. */
#define CATCH_UP_US     (3 * G_USEC_PER_SEC)
#define FOLLOW_US       (10 * G_USEC_PER_SEC)
#define STEP_US         (8 * 1000)

typedef struct
{
  TesseraTextView *view;        /* not owned: this is the view's own data */
  guint            follow_source;
  guint            offset;
  gint64           deadline;
} Scroll;

static GQuark scroll_quark;

static void
stop_following (Scroll *scroll)
{
  g_clear_handle_id (&scroll->follow_source, g_source_remove);
}

static void
scroll_free (gpointer data)
{
  Scroll *scroll = data;

  stop_following (scroll);
  g_free (scroll);
}

static Scroll *
scroll_of (TesseraTextView *self)
{
  return g_object_get_qdata (G_OBJECT (self), scroll_quark);
}

/* The place at @offset in buffer coordinates, and the visible part of the buffer; FALSE if
 * the view has no size yet. */
static gboolean
locate (TesseraTextView *self,
        guint            offset,
        GdkRectangle    *place,
        GdkRectangle    *visible)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextIter iter;

  gtk_text_view_get_visible_rect (view, visible);
  if (visible->height <= 0)
    return FALSE;
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter, (int) offset);
  gtk_text_view_get_iter_location (view, &iter, place);
  return TRUE;
}

static gboolean
is_shown (const GdkRectangle *place,
          const GdkRectangle *visible,
          double              margin)
{
  int clear = (int) (visible->height * margin);

  return place->y >= visible->y + clear &&
         place->y + place->height <= visible->y + visible->height - clear;
}

/* Moves the view so that @place is at PLACE_ALIGN of it, from the edge it is nearer;
 * FALSE if it cannot move (the layout ends there for now). */
static gboolean
move_to (Scroll             *scroll,
         const GdkRectangle *place,
         const GdkRectangle *visible)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (scroll->view));
  /* In the upper half or above: the next ones are likely above, so it goes down. */
  double align = place->y + place->height / 2.0 < visible->y + visible->height / 2.0
                 ? 1.0 - PLACE_ALIGN : PLACE_ALIGN;
  double top = place->y + place->height / 2.0 - align * visible->height;
  double value = gtk_adjustment_get_value (adjustment);

  /* The adjustment counts from the top of the text, the buffer coordinates from the top
   * of the first line: they differ by the view's top margin. */
  gtk_adjustment_set_value (adjustment, value + (top - visible->y));
  return gtk_adjustment_get_value (adjustment) != value;
}

/* Moves the view towards the place for up to @step_us: FALSE once it is in view, or cannot
 * be reached, or has been followed for long enough. */
static gboolean
catch_up (Scroll *scroll,
          gint64  step_us)
{
  gint64 until = g_get_monotonic_time () + step_us;
  GdkRectangle place, visible;

  while (locate (scroll->view, scroll->offset, &place, &visible) &&
         !is_shown (&place, &visible, EDGE_MARGIN))
    {
      /* Each move lays out the lines it shows, which lets the next one go further; none
       * at all, and the text ends there. */
      if (!move_to (scroll, &place, &visible))
        return FALSE;
      if (g_get_monotonic_time () > until)
        return g_get_monotonic_time () < scroll->deadline;
    }
  return FALSE;
}

static gboolean
follow_layout (gpointer data)
{
  Scroll *scroll = data;

  if (catch_up (scroll, STEP_US))
    return G_SOURCE_CONTINUE;
  scroll->follow_source = 0;
  return G_SOURCE_REMOVE;
}

/**
 * _tessera_text_view_scroll_to_offset:
 *
 * Brings the character at @offset into view, if it is not well in view already.
 */
void
_tessera_text_view_scroll_to_offset (TesseraTextView *self,
                                     guint            offset)
{
  Scroll *scroll = scroll_of (self);
  GdkRectangle place, visible;

  if (!locate (self, offset, &place, &visible))
    {
      /* Not allocated yet: GTK scrolls once it is. */
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
      GtkTextMark *mark = gtk_text_buffer_get_mark (buffer, "tessera-scroll");
      GtkTextIter iter;

      gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) offset);
      if (mark == NULL)
        mark = gtk_text_buffer_create_mark (buffer, "tessera-scroll", &iter, TRUE);
      else
        gtk_text_buffer_move_mark (buffer, mark, &iter);
      gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self), mark, 0.0, TRUE, 0.0, PLACE_ALIGN);
      return;
    }

  stop_following (scroll);
  if (is_shown (&place, &visible, EDGE_MARGIN))
    return;

  scroll->offset = offset;
  scroll->deadline = g_get_monotonic_time () + FOLLOW_US;
  if (catch_up (scroll, CATCH_UP_US))
    {
      /* Between frames, before GTK's own layout of the rest of the text. */
      scroll->follow_source = g_idle_add_full (GDK_PRIORITY_REDRAW + 4, follow_layout, scroll,
                                               NULL);
    }
}

/**
 * _tessera_text_view_scroll_stop:
 *
 * Stops following the layout towards the last place scrolled to: the user scrolled, moved
 * the caret, or another text was loaded.
 */
void
_tessera_text_view_scroll_stop (TesseraTextView *self)
{
  stop_following (scroll_of (self));
}

static gboolean
on_user_scroll (GtkEventControllerScroll *controller,
                double                    dx,
                double                    dy,
                Scroll                   *scroll)
{
  stop_following (scroll);
  return FALSE;
}

void
_tessera_text_view_init_scroll (TesseraTextView *self)
{
  Scroll *scroll = g_new0 (Scroll, 1);
  GtkEventController *controller;

  if (scroll_quark == 0)
    scroll_quark = g_quark_from_static_string ("tessera-text-view-scroll");
  scroll->view = self;
  g_object_set_qdata_full (G_OBJECT (self), scroll_quark, scroll, scroll_free);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_user_scroll), scroll);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}
