/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <adwaita.h>

#include "tessera-inspector.h"
#include "tessera-relation-bar.h"
#include "tessera-relation-section.h"
#include "tessera-text-view-private.h"

#include "gui-helpers.h"

/*
 * Relations made in the real window, by keyboard and by mouse through the X server: the
 * relation in the store, its arc in the article, its row in the inspector, removed there
 * and brought back by Ctrl+Z.
 */

typedef GuiFixture Fixture;

#define xdotool(fixture, ...) gui_xdotool (GTK_WINDOW ((fixture)->window), __VA_ARGS__)

static GPtrArray *
dup_relations (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *relations = tessera_store_dup_relations (gui_store (fixture),
                                                      tessera_window_get_document_id (fixture->window),
                                                      &error);

  g_assert_no_error (error);
  return relations;
}

typedef struct
{
  Fixture *fixture;
  guint    count;
} CountWait;

static gboolean
has_relation_count (gpointer data)
{
  CountWait *wait = data;
  g_autoptr(GPtrArray) relations = dup_relations (wait->fixture);

  return relations->len == wait->count;
}

static gboolean
has_arc_count (gpointer data)
{
  CountWait *wait = data;

  return _tessera_text_view_arcs_get_n_drawn (gui_text_view (wait->fixture)) == wait->count;
}

/* Until the article's frames draw @count arcs. */
static void
wait_for_arcs (Fixture *fixture,
               guint    count)
{
  CountWait wait = { fixture, count };

  gtk_widget_queue_draw (GTK_WIDGET (gui_text_view (fixture)));
  gui_await (has_arc_count, &wait, "the article to draw its relations' arcs");
}

static void
wait_for_relations (Fixture *fixture,
                    guint    count)
{
  CountWait wait = { fixture, count };

  gui_await (has_relation_count, &wait, "the project to hold the relations");
}

static TesseraRelationType *
nth_relation_type (Fixture *fixture,
                   guint    index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) types = tessera_store_dup_relation_types (gui_store (fixture), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (types->len, >, index);
  return g_object_ref (g_ptr_array_index (types, index));
}

static TesseraRelationBar *
relation_bar (Fixture *fixture)
{
  GtkWidget *bar = gui_find_widget (GTK_WIDGET (fixture->window), TESSERA_TYPE_RELATION_BAR,
                                    NULL);

  g_assert_nonnull (bar);
  return TESSERA_RELATION_BAR (bar);
}

static gboolean
is_active (gpointer data)
{
  return tessera_relation_bar_is_active (data);
}

static gboolean
is_inactive (gpointer data)
{
  return !tessera_relation_bar_is_active (data);
}

/* Selects @source in the article and presses R there. */
static void
start_relation (Fixture *fixture,
                gint64   source)
{
  tessera_text_view_select (gui_text_view (fixture), source, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (gui_text_view (fixture)));
  xdotool (fixture, "key", "r", NULL);
  gui_await (is_active, relation_bar (fixture), "the relation bar to wait for a target");
}

/* Waits for the document's one relation, from @source to @target, of the tagset's
 * relation type number @type_index, and for its arc in the article. */
static void
assert_only_relation (Fixture *fixture,
                      gint64   source,
                      gint64   target,
                      guint    type_index)
{
  g_autoptr(TesseraRelationType) type = nth_relation_type (fixture, type_index);
  g_autoptr(GPtrArray) relations = NULL;
  TesseraRelation *relation;

  wait_for_relations (fixture, 1);
  relations = dup_relations (fixture);
  relation = g_ptr_array_index (relations, 0);
  g_assert_cmpint (relation->source_id, ==, source);
  g_assert_cmpint (relation->target_id, ==, target);
  g_assert_cmpstr (relation->type, ==, tessera_relation_type_get_key (type));
  wait_for_arcs (fixture, 1);
}

static gboolean
is_remove_button (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)),
                    "win.remove-relation") == 0;
}

static GtkWidget *
find_remove_button (Fixture *fixture)
{
  GtkWidget *inspector = tessera_window_get_inspector (fixture->window);

  return gui_find_descendant (inspector, is_remove_button, NULL);
}

static gboolean
has_remove_button (gpointer data)
{
  return find_remove_button (data) != NULL;
}

static gboolean
has_no_remove_button (gpointer data)
{
  return find_remove_button (data) == NULL;
}

/* A click at (@x, @y) of @widget, through the X server. */
static void
click_at (Fixture   *fixture,
          GtkWidget *widget,
          int        x,
          int        y)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (fixture->window));
  g_autofree char *window = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  g_autofree char *wx = NULL;
  g_autofree char *wy = NULL;

  gui_widget_to_window (widget, x, y, &wx, &wy);
  xdotool (fixture, "mousemove", "--window", window, wx, wy, "click", "1", NULL);
}

/* The row of the relation in the inspector removes it (its button clicked, or pressed with
 * the keyboard); Ctrl+Z brings back the relation, its arc and its row. */
static void
remove_and_undo (Fixture  *fixture,
                 gint64    source,
                 gboolean  by_mouse)
{
  GtkWidget *button;

  tessera_text_view_select (gui_text_view (fixture), source, FALSE);
  gui_await (has_remove_button, fixture, "the inspector to list the relation");
  button = find_remove_button (fixture);
  /* The inspector scrolls to what has the focus. */
  gtk_widget_grab_focus (button);
  gui_wait_drawn (button);
  if (by_mouse)
    click_at (fixture, button, gtk_widget_get_width (button) / 2,
              gtk_widget_get_height (button) / 2);
  else
    xdotool (fixture, "key", "space", NULL);
  wait_for_relations (fixture, 0);
  wait_for_arcs (fixture, 0);
  gui_await (has_no_remove_button, fixture, "the inspector to drop the relation's row");

  gtk_widget_grab_focus (GTK_WIDGET (gui_text_view (fixture)));
  xdotool (fixture, "key", "ctrl+z", NULL);
  wait_for_relations (fixture, 1);
  wait_for_arcs (fixture, 1);
  tessera_text_view_select (gui_text_view (fixture), source, FALSE);
  gui_await (has_remove_button, fixture, "the inspector to list the relation again");
}

/* Tests ---------------------------------------------------------------------------------- */

static void
test_relate_by_keyboard (Fixture       *fixture,
                         gconstpointer  data)
{
  gint64 source = gui_add_annotation (fixture, "Assimi Goïta", "person");
  gint64 target = gui_add_annotation (fixture, "Burkina Faso", "place");

  wait_for_arcs (fixture, 0);
  start_relation (fixture, source);
  /* The nearest annotation, the only other one, then the first type's key. */
  xdotool (fixture, "key", "Tab", NULL);
  xdotool (fixture, "key", "Return", NULL);
  xdotool (fixture, "key", "1", NULL);
  assert_only_relation (fixture, source, target, 0);
  gui_await (is_inactive, relation_bar (fixture), "the relation bar to close");
  /* One step of undo, and the source still selected. */
  g_assert_cmpint (tessera_text_view_get_selected (gui_text_view (fixture)), ==, source);

  remove_and_undo (fixture, source, FALSE);
}

static void
test_relate_by_mouse (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 source = gui_add_annotation (fixture, "Assimi Goïta", "person");
  gint64 target = gui_add_annotation (fixture, "Burkina Faso", "place");
  TesseraRange range = gui_find_range (fixture, "Burkina Faso", 1);
  GtkTextView *view = GTK_TEXT_VIEW (gui_text_view (fixture));
  GdkRectangle location;
  GtkTextIter iter;
  int wx, wy;

  start_relation (fixture, source);

  /* A click on the target's words. */
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter,
                                      (int) (range.start + 2));
  gtk_text_view_scroll_to_iter (view, &iter, 0.2, FALSE, 0, 0);
  gui_wait_drawn (GTK_WIDGET (view));
  gtk_text_view_get_iter_location (view, &iter, &location);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, location.x + 2,
                                         location.y + location.height / 2, &wx, &wy);
  click_at (fixture, GTK_WIDGET (view), wx, wy);

  /* The second type, by its key. */
  xdotool (fixture, "key", "2", NULL);
  assert_only_relation (fixture, source, target, 1);

  remove_and_undo (fixture, source, TRUE);
}

/* Typing narrows the targets to the annotations holding the words; Esc gives up. A
 * relation goes with its end, and comes back with it. */
static void
test_relate_by_search (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 source = gui_add_annotation (fixture, "Assimi Goïta", "person");
  gint64 target = gui_add_annotation (fixture, "Burkina Faso", "place");

  gui_add_annotation (fixture, "Célestin Simporé", "person");

  start_relation (fixture, source);
  xdotool (fixture, "key", "Escape", NULL);
  gui_await (is_inactive, relation_bar (fixture), "Esc to close the relation bar");
  g_assert_cmpint (tessera_text_view_get_selected (gui_text_view (fixture)), ==, source);

  start_relation (fixture, source);
  xdotool (fixture, "type", "burkina", NULL);
  xdotool (fixture, "key", "Return", "Down", "Up", "Return", NULL);
  assert_only_relation (fixture, source, target, 0);

  /* Deleting an end takes the relation along, and undoing it brings both back. */
  tessera_text_view_select (gui_text_view (fixture), target, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (gui_text_view (fixture)));
  xdotool (fixture, "key", "Delete", NULL);
  wait_for_relations (fixture, 0);
  wait_for_arcs (fixture, 0);
  xdotool (fixture, "key", "ctrl+z", NULL);
  assert_only_relation (fixture, source, target, 0);
}

int
main (int   argc,
      char *argv[])
{
  gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/gui/relations/" path, Fixture, NULL, gui_fixture_set_up, func, gui_fixture_tear_down)

  ADD ("relate-by-keyboard", test_relate_by_keyboard);
  ADD ("relate-by-mouse", test_relate_by_mouse);
  ADD ("relate-by-search", test_relate_by_search);

  return g_test_run ();
}
