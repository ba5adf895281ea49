/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gdk/x11/gdkx.h>

#include "gui-helpers.h"
#include "tessera-range-list.h"

/*
 * Discontinuous spans in the real window: a range added by its key and by a selection
 * with Ctrl held, drawn with a connector, listed in the inspector, removed by Shift+A and
 * by the inspector's button, undone, and moved by the boundary keys. Input goes through
 * the X server (xdotool); every wait is for a condition.
 */

typedef struct
{
  TesseraStore *store;
  gint64        annotation_id;
} Ranges;

/* "12-39 52-55" */
static char *
format_ranges (const TesseraRange *r,
               guint               n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s%u-%u", i > 0 ? " " : "", r[i].start, r[i].end);
  return g_string_free (out, FALSE);
}

/* The ranges of the annotation, as the project file holds them. */
static char *
dup_ranges (gpointer data)
{
  Ranges *ranges = data;
  g_autoptr(TesseraAnnotation) annotation =
    tessera_store_dup_annotation (ranges->store, ranges->annotation_id, NULL);
  const TesseraRange *r;
  guint n;

  if (annotation == NULL)
    return g_strdup ("");
  r = tessera_annotation_get_ranges (annotation, &n);
  return format_ranges (r, n);
}

static void
assert_ranges (GuiFixture         *fixture,
               gint64              annotation_id,
               const TesseraRange *expected,
               guint               n_expected)
{
  Ranges ranges = { gui_store (fixture), annotation_id };
  g_autofree char *text = format_ranges (expected, n_expected);

  gui_wait_string (dup_ranges, &ranges, text);
}

static void
set_ranges (GuiFixture         *fixture,
            gint64              annotation_id,
            const TesseraRange *ranges,
            guint               n_ranges)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_store_set_annotation_ranges (gui_store (fixture), annotation_id, ranges,
                                                      n_ranges, &error));
  g_assert_no_error (error);
}

static void
press (GuiFixture *fixture,
       const char *key)
{
  gui_xdotool (GTK_WINDOW (fixture->window), "key", key, NULL);
}

/* The box of the character at @offset, in the view's coordinates. */
static GdkRectangle
char_box (GuiFixture *fixture,
          guint       offset)
{
  GtkTextView *view = GTK_TEXT_VIEW (gui_text_view (fixture));
  GtkTextIter iter;
  GdkRectangle box;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter, (int) offset);
  gtk_text_view_get_iter_location (view, &iter, &box);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, box.x, box.y,
                                         &box.x, &box.y);
  return box;
}

static char *
window_xid (GuiFixture *fixture)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (fixture->window));

  return g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
}

/* xdotool's "mousemove --window XID X Y" to the middle of @widget's point (@x, @y). */
static void
add_move (GPtrArray  *argv,
          const char *xid,
          GtkWidget  *widget,
          int         x,
          int         y)
{
  char *window_x, *window_y;

  gui_widget_to_window (widget, x, y, &window_x, &window_y);
  g_ptr_array_add (argv, g_strdup ("mousemove"));
  g_ptr_array_add (argv, g_strdup ("--window"));
  g_ptr_array_add (argv, g_strdup (xid));
  g_ptr_array_add (argv, window_x);
  g_ptr_array_add (argv, window_y);
}

static void
add_move_to_char (GPtrArray  *argv,
                  const char *xid,
                  GuiFixture *fixture,
                  guint       offset)
{
  GdkRectangle box = char_box (fixture, offset);

  add_move (argv, xid, GTK_WIDGET (gui_text_view (fixture)), box.x + box.width / 2,
            box.y + box.height / 2);
}

static void
add_words (GPtrArray  *argv,
           const char *words)
{
  g_auto(GStrv) split = g_strsplit (words, " ", -1);

  for (guint i = 0; split[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (split[i]));
}

static void
run_xdotool (GuiFixture *fixture,
             GPtrArray  *argv)
{
  g_ptr_array_add (argv, NULL);
  gui_xdotoolv (GTK_WINDOW (fixture->window), (const char * const *) argv->pdata);
}

/* A click in the middle of @widget. */
static void
click_widget (GuiFixture *fixture,
              GtkWidget  *widget)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *xid = window_xid (fixture);

  gui_wait_drawn (widget);
  add_move (argv, xid, widget, gtk_widget_get_width (widget) / 2,
            gtk_widget_get_height (widget) / 2);
  add_words (argv, "click 1");
  run_xdotool (fixture, argv);
}

static gboolean
is_selected (gpointer data)
{
  GuiFixture *fixture = data;

  return tessera_text_view_get_selected (gui_text_view (fixture)) != 0;
}

/* How many pixels below the line, between the end of @from and the start of @to (on one
 * display line), are drawn in the colour of @type_key: the connector, once they are one
 * annotation. The annotation is not selected, so nothing else of it is drawn there. */
static guint
connector_pixels (GuiFixture   *fixture,
                  TesseraRange  from,
                  TesseraRange  to,
                  const char   *type_key)
{
  TesseraTextView *view = gui_text_view (fixture);
  g_autoptr(TesseraAnnotationType) type =
    tessera_store_dup_annotation_type (gui_store (fixture), gui_type_id (fixture, type_key));
  GdkRectangle end = char_box (fixture, from.end - 1);
  GdkRectangle start = char_box (fixture, to.start);
  GdkRectangle band;
  GdkRGBA color, background, painted;

  g_assert_cmpint (end.y, ==, start.y);
  g_assert_true (gdk_rgba_parse (&color, tessera_annotation_type_get_color (type)));
  gui_painted_at (GTK_TEXT_VIEW (view), from.end + 1, &background, &painted);

  /* Below the underline (lane 0 ends 3 pixels under the characters), above the next line. */
  band.x = end.x + end.width + 3;
  band.width = start.x - 3 - band.x;
  band.y = end.y + end.height + 4;
  band.height = 8;
  g_assert_cmpint (band.width, >, 10);
  return gui_count_tinted (GTK_WIDGET (view), &band, &background, &color);
}

/* A: the text selected becomes one more range of the selected annotation, drawn joined to
 * the first; Shift+A removes the range at the caret; each is one step of undo. */
static void
test_add_remove_by_key (GuiFixture    *fixture,
                        gconstpointer  data)
{
  TesseraTextView *view = gui_text_view (fixture);
  /* Both at the start of the first line, whatever the width of the window. */
  TesseraRange chiefs = gui_find_range (fixture, "chefs", 1);
  TesseraRange forces = gui_find_range (fixture, "forces", 1);
  TesseraRange major = gui_find_range (fixture, "d\u2019\u00e9tat-major", 1);
  gint64 id = gui_add_annotation (fixture, "chefs", "role");
  const TesseraRange both[] = { chiefs, forces };

  gtk_widget_grab_focus (GTK_WIDGET (view));
  g_assert_cmpuint (connector_pixels (fixture, chiefs, forces, "role"), ==, 0);

  /* Nothing selected in the text: nothing changes. */
  tessera_text_view_select (view, id, FALSE);
  press (fixture, "a");
  assert_ranges (fixture, id, &chiefs, 1);

  tessera_text_view_select_text (view, forces.start, forces.end);
  press (fixture, "a");
  assert_ranges (fixture, id, both, 2);
  g_assert_cmpint (tessera_text_view_get_selected (view), ==, id);

  /* Joined by a thin line, for the eye; deselected, so only the line is drawn there. */
  tessera_text_view_select (view, 0, FALSE);
  g_assert_cmpuint (connector_pixels (fixture, chiefs, forces, "role"), >, 3);

  /* The caret in the second range: Shift+A removes that one. */
  tessera_text_view_select (view, id, FALSE);
  tessera_text_view_select_text (view, forces.start + 2, forces.start + 2);
  press (fixture, "shift+a");
  assert_ranges (fixture, id, &chiefs, 1);
  g_assert_cmpuint (connector_pixels (fixture, chiefs, forces, "role"), ==, 0);

  /* One undo step gives both back; another, the annotation as marked. */
  press (fixture, "ctrl+z");
  assert_ranges (fixture, id, both, 2);
  press (fixture, "ctrl+z");
  assert_ranges (fixture, id, &chiefs, 1);
  press (fixture, "shift+ctrl+z");
  assert_ranges (fixture, id, both, 2);

  /* The last range stays: the annotation is deleted instead. */
  set_ranges (fixture, id, &chiefs, 1);
  tessera_text_view_select (view, id, FALSE);
  tessera_text_view_select_text (view, chiefs.start + 1, chiefs.start + 1);
  press (fixture, "shift+a");
  press (fixture, "a");
  assert_ranges (fixture, id, &chiefs, 1);
  g_assert_cmpint (tessera_text_view_get_selected (view), ==, id);

  /* Text overlapping a range joins it: "hefs d’état-major", to whole words. */
  {
    TesseraRange joined = { chiefs.start, major.end };

    tessera_text_view_select_text (view, chiefs.start + 1, major.end);
    press (fixture, "a");
    assert_ranges (fixture, id, &joined, 1);
  }
}

/* With an annotation selected, Ctrl+double-click on a word and Ctrl+drag over words add
 * them to it; without Ctrl the same gestures only select text. */
static void
test_add_by_ctrl_selection (GuiFixture    *fixture,
                            gconstpointer  data)
{
  TesseraTextView *view = gui_text_view (fixture);
  TesseraRange name = gui_find_range (fixture, "Alliance des \u00c9tats du Sahel", 1);
  TesseraRange day = gui_find_range (fixture, "mercredi", 1);
  TesseraRange swept = gui_find_range (fixture, "par le g\u00e9n\u00e9ral", 1);
  gint64 id = gui_add_annotation (fixture, "Alliance des \u00c9tats du Sahel", "organisation");
  g_autofree char *xid = window_xid (fixture);
  const TesseraRange two[] = { name, day };
  const TesseraRange three[] = { name, day, swept };

  /* Selected from the keyboard: a click just before would make the next two one triple
   * click. */
  gtk_widget_grab_focus (GTK_WIDGET (view));
  press (fixture, "Tab");
  gui_await (is_selected, fixture, "Tab to select the annotation");
  g_assert_cmpint (tessera_text_view_get_selected (view), ==, id);

  /* Ctrl+double-click on "mercredi". */
  {
    g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

    add_move_to_char (argv, xid, fixture, day.start + 3);
    add_words (argv, "keydown ctrl click --repeat 2 --delay 80 1 keyup ctrl");
    run_xdotool (fixture, argv);
    assert_ranges (fixture, id, two, 2);
    g_assert_cmpint (tessera_text_view_get_selected (view), ==, id);
  }

  /* Ctrl+drag from inside "par" to inside "général": whole words. */
  {
    g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

    add_move_to_char (argv, xid, fixture, swept.start + 1);
    add_words (argv, "keydown ctrl mousedown 1");
    add_move_to_char (argv, xid, fixture, swept.start + 5);
    add_move_to_char (argv, xid, fixture, swept.end - 2);
    add_words (argv, "mouseup 1 keyup ctrl");
    run_xdotool (fixture, argv);
    assert_ranges (fixture, id, three, 3);
  }

  /* Without Ctrl, a drag selects text and leaves the annotation as it is. */
  {
    g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
    TesseraRange more = gui_find_range (fixture, "Assimi", 1);

    add_move_to_char (argv, xid, fixture, more.start);
    add_words (argv, "mousedown 1");
    add_move_to_char (argv, xid, fixture, more.end - 1);
    add_words (argv, "mouseup 1");
    run_xdotool (fixture, argv);
    g_assert_true (gtk_text_buffer_get_has_selection (
                     gtk_text_view_get_buffer (GTK_TEXT_VIEW (view))));
    assert_ranges (fixture, id, three, 3);
  }

  /* One undo step per range. */
  press (fixture, "ctrl+z");
  assert_ranges (fixture, id, two, 2);
}

static GtkWidget *
range_row (GuiFixture *fixture,
           guint       index)
{
  GtkWidget *inspector = tessera_window_get_inspector (fixture->window);
  GtkWidget *list = gui_find_widget (inspector, TESSERA_TYPE_RANGE_LIST, NULL);
  GtkWidget *rows = gui_find_widget (list, GTK_TYPE_LIST_BOX, "ranges");

  g_assert_nonnull (rows);
  return GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (rows), (int) index));
}

static gboolean
range_rows_shown (gpointer data)
{
  GuiFixture *fixture = data;
  GtkWidget *last = range_row (fixture, 2);

  return last != NULL && range_row (fixture, 3) == NULL && gtk_widget_is_drawable (last);
}

typedef struct
{
  GtkTextBuffer *buffer;
  TesseraRange   range;
} TextSelection;

static gboolean
text_is_selected (gpointer data)
{
  TextSelection *wanted = data;
  GtkTextIter start, end;

  return gtk_text_buffer_get_selection_bounds (wanted->buffer, &start, &end) &&
         (guint) gtk_text_iter_get_offset (&start) == wanted->range.start &&
         (guint) gtk_text_iter_get_offset (&end) == wanted->range.end;
}

/* The inspector lists the ranges with their words; a click on one selects its text, its
 * button removes it, and undo gives it back. */
static void
test_inspector_rows (GuiFixture    *fixture,
                     gconstpointer  data)
{
  TesseraTextView *view = gui_text_view (fixture);
  const TesseraRange three[] = {
    gui_find_range (fixture, "Alliance des \u00c9tats du Sahel", 1),
    gui_find_range (fixture, "ont \u00e9t\u00e9 re\u00e7us", 1),
    gui_find_range (fixture, "Assimi Go\u00efta", 1),
  };
  const TesseraRange two[] = { three[0], three[2] };
  gint64 id = gui_add_annotation (fixture, "Alliance des \u00c9tats du Sahel", "organisation");
  TextSelection selection = { gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), three[1] };
  GtkWidget *remove;

  set_ranges (fixture, id, three, 3);
  tessera_text_view_select (view, id, FALSE);
  gui_await (range_rows_shown, fixture, "a row for each of the three ranges");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (range_row (fixture, 1))),
                   ==, "\u00abont \u00e9t\u00e9 re\u00e7us\u00bb");

  click_widget (fixture, range_row (fixture, 1));
  gui_await (text_is_selected, &selection, "the second range's text to be selected");
  g_assert_cmpint (tessera_text_view_get_selected (view), ==, id);

  remove = gui_find_widget (range_row (fixture, 1), GTK_TYPE_BUTTON, NULL);
  g_assert_nonnull (remove);
  click_widget (fixture, remove);
  assert_ranges (fixture, id, two, 2);
  /* The keyboard focus stays in the window (keys would reach nothing otherwise), on the
   * button that took the place of the one pressed. */
  g_assert_true (gtk_widget_get_root (gtk_window_get_focus (GTK_WINDOW (fixture->window))) ==
                 GTK_ROOT (fixture->window));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (fixture->window)),
                                         range_row (fixture, 1)));

  press (fixture, "ctrl+z");
  assert_ranges (fixture, id, three, 3);
  gui_await (range_rows_shown, fixture, "the three rows again");
}

/* Alt+←/→ move the end of the range at the caret, Alt+Shift+←/→ its start; with the caret
 * in none, those of the last range. A range moved onto another joins it. */
static void
test_boundary_keys (GuiFixture    *fixture,
                    gconstpointer  data)
{
  TesseraTextView *view = gui_text_view (fixture);
  TesseraRange name = gui_find_range (fixture, "Alliance des \u00c9tats du Sahel", 1);
  TesseraRange verb = gui_find_range (fixture, "ont \u00e9t\u00e9 re\u00e7us", 1);
  TesseraRange aes = gui_find_range (fixture, "AES", 1);
  TesseraRange ete = gui_find_range (fixture, "\u00e9t\u00e9 re\u00e7us", 1);
  TesseraRange far = gui_find_range (fixture, "Plan d\u2019action", 1);
  gint64 id = gui_add_annotation (fixture, "Alliance des \u00c9tats du Sahel", "organisation");
  const TesseraRange start[] = { name, verb };

  set_ranges (fixture, id, start, 2);
  tessera_text_view_select (view, id, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (view));

  /* Selecting puts the caret in the first range: its end moves. */
  press (fixture, "alt+Right");
  {
    const TesseraRange expected[] = { { name.start, aes.end }, verb };
    assert_ranges (fixture, id, expected, 2);
  }

  /* The caret in the second: its start. */
  tessera_text_view_select_text (view, verb.start + 1, verb.start + 1);
  press (fixture, "alt+shift+Right");
  {
    const TesseraRange expected[] = { { name.start, aes.end }, ete };
    assert_ranges (fixture, id, expected, 2);
  }

  /* The caret in neither: the last range's end. */
  tessera_text_view_select_text (view, far.start, far.start);
  press (fixture, "alt+Left");
  {
    const TesseraRange expected[] = { { name.start, aes.end }, { ete.start, ete.start + 3 } };
    assert_ranges (fixture, id, expected, 2);
  }

  /* Its start back over "ont" and onto "AES": one range. */
  tessera_text_view_select_text (view, ete.start + 1, ete.start + 1);
  press (fixture, "alt+shift+Left");
  press (fixture, "alt+shift+Left");
  {
    const TesseraRange expected[] = { { name.start, ete.start + 3 } };
    assert_ranges (fixture, id, expected, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/gui/ranges/" path, GuiFixture, NULL, gui_fixture_set_up, func, \
              gui_fixture_tear_down)

  ADD ("add-remove-by-key", test_add_remove_by_key);
  ADD ("add-by-ctrl-selection", test_add_by_ctrl_selection);
  ADD ("inspector-rows", test_inspector_rows);
  ADD ("boundary-keys", test_boundary_keys);

  return g_test_run ();
}
