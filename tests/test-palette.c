/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gdk/x11/gdkx.h>

#include "gui-helpers.h"
#include "tessera-palette.h"

/*
 * What the article shows of the types, and the annotation's menu, in the real window:
 * the type labels (Ctrl+Shift+L), the types hidden from the palette's menu, and the menu
 * a right click, Shift+F10 or the Menu key opens, driven through the X server.
 */

typedef struct
{
  TesseraTextView *view;
  guint            n_labels;
} LabelsWait;

static gboolean
draws_labels (gpointer data)
{
  LabelsWait *wait = data;

  gui_wait_drawn (GTK_WIDGET (wait->view));
  return tessera_text_view_get_n_drawn_labels (wait->view) == wait->n_labels;
}

static void
await_labels (TesseraTextView *view,
              guint            n_labels)
{
  LabelsWait wait = { view, n_labels };
  g_autofree char *what = g_strdup_printf ("a frame drawing %u type labels", n_labels);

  gui_await (draws_labels, &wait, what);
}

static gboolean
settings_flag (GSettings  *settings,
               const char *key)
{
  return g_settings_get_boolean (settings, key);
}

/* Ctrl+Shift+L shows a label above each annotation, and hides them again; the choice is
 * kept in the settings and shown in the main menu's check mark. */
static void
test_type_labels (GuiFixture    *fixture,
                  gconstpointer  data)
{
  TesseraTextView *view = gui_text_view (fixture);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GVariant) state = NULL;

  gui_add_annotation (fixture, "Alliance des États du Sahel", "organisation");
  gui_add_annotation (fixture, "Sahel", "place");
  gui_add_annotation (fixture, "Assimi Goïta", "person");
  await_labels (view, 0);

  gui_xdotool (GTK_WINDOW (fixture->window), "key", "ctrl+shift+l", NULL);
  await_labels (view, 3);
  g_assert_true (settings_flag (settings, "show-type-labels"));
  state = g_action_group_get_action_state (G_ACTION_GROUP (fixture->window),
                                           "show-type-labels");
  g_assert_true (g_variant_get_boolean (state));

  /* A new annotation gets its label; one of a hidden type has none. */
  gui_add_annotation (fixture, "ce mercredi", "date");
  await_labels (view, 4);
  g_settings_set_strv (settings, "hidden-types", (const char *[]) { "place", NULL });
  await_labels (view, 3);
  g_settings_reset (settings, "hidden-types");

  gui_xdotool (GTK_WINDOW (fixture->window), "key", "ctrl+shift+l", NULL);
  await_labels (view, 0);
  g_assert_false (settings_flag (settings, "show-type-labels"));
}

static gboolean
is_tinted (GuiFixture *fixture,
           guint       offset,
           const char *type_key)
{
  g_autoptr(TesseraAnnotationType) type =
    tessera_store_dup_annotation_type (gui_store (fixture), gui_type_id (fixture, type_key));
  GdkRGBA background, painted, color;

  g_assert_true (gdk_rgba_parse (&color, tessera_annotation_type_get_color (type)));
  gui_painted_at (GTK_TEXT_VIEW (gui_text_view (fixture)), offset, &background, &painted);
  return gui_is_tinted_with (&painted, &background, &color);
}

static void
on_selection_changed (TesseraTextView *view,
                      GArray          *selections)
{
  gint64 id = tessera_text_view_get_selected (view);

  if (id != 0)
    g_array_append_val (selections, id);
}

typedef struct
{
  GuiFixture *fixture;
  const char *key;
  gboolean    hidden;
} HiddenWait;

static gboolean
hidden_is (gpointer data)
{
  HiddenWait *wait = data;

  return tessera_text_view_is_type_hidden (gui_text_view (wait->fixture),
                                           gui_type_id (wait->fixture, wait->key)) == wait->hidden;
}

/* How many annotations the pointer finds in the middle of the character at @offset. */
static guint
n_found_at (TesseraTextView *view,
            guint            offset)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (view);
  g_autoptr(GPtrArray) found = NULL;
  GtkTextIter iter;
  GdkRectangle box;
  int x, y;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &iter, (int) offset);
  gtk_text_view_get_iter_location (text_view, &iter, &box);
  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET, box.x, box.y, &x, &y);
  found = tessera_text_view_dup_annotations_at_point (view, x + box.width / 2.0,
                                                      y + box.height / 2.0);
  return found->len;
}

/* A type hidden from the palette's menu is not drawn, not reached by Tab nor by the pointer;
 * marking with its key shows it again. */
static void
test_hide_type (GuiFixture    *fixture,
                gconstpointer  data)
{
  TesseraTextView *view = gui_text_view (fixture);
  GtkWidget *palette = gui_find_widget (GTK_WIDGET (fixture->window), TESSERA_TYPE_PALETTE, NULL);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GArray) selections = g_array_new (FALSE, FALSE, sizeof (gint64));
  TesseraRange person_range = gui_find_range (fixture, "Assimi Goïta", 1);
  TesseraRange place_range = gui_find_range (fixture, "Sahel", 1);
  gint64 person = gui_add_annotation (fixture, "Assimi Goïta", "person");
  gint64 place = gui_add_annotation (fixture, "Sahel", "place");
  gint64 person_type = gui_type_id (fixture, "person");
  g_autofree char *action = g_strdup_printf ("palette.type-%" G_GINT64_FORMAT, person_type);
  HiddenWait wait = { fixture, "person", TRUE };
  g_auto(GStrv) hidden = NULL;
  TesseraRange moussa = gui_find_range (fixture, "Moussa Barmou", 1);
  gint64 marked;
  gulong handler;

  g_assert_nonnull (palette);
  g_assert_true (is_tinted (fixture, person_range.start + 1, "person"));
  g_assert_cmpuint (n_found_at (view, person_range.start + 1), ==, 1);

  /* The palette's menu item of the type, unchecked. */
  g_assert_true (gtk_widget_activate_action (palette, action, NULL));
  gui_await (hidden_is, &wait, "the person type to be hidden");
  hidden = g_settings_get_strv (settings, "hidden-types");
  g_assert_cmpstrv (hidden, ((const char *[]) { "person", NULL }));

  g_assert_false (is_tinted (fixture, person_range.start + 1, "person"));
  g_assert_true (is_tinted (fixture, place_range.start + 1, "place"));
  g_assert_cmpuint (n_found_at (view, person_range.start + 1), ==, 0);
  g_assert_cmpuint (n_found_at (view, place_range.start + 1), ==, 1);

  /* Tab and Shift+Tab from the start reach the place only. */
  tessera_text_view_select (view, 0, FALSE);
  handler = g_signal_connect (view, "selection-changed", G_CALLBACK (on_selection_changed),
                              selections);
  gui_xdotool (GTK_WINDOW (fixture->window), "key", "Tab", "Tab", "Tab", "shift+Tab", NULL);
  g_signal_handler_disconnect (view, handler);
  g_assert_cmpuint (selections->len, >=, 1);
  for (guint i = 0; i < selections->len; i++)
    g_assert_cmpint (g_array_index (selections, gint64, i), ==, place);
  g_assert_cmpint (tessera_text_view_get_selected (view), ==, place);
  g_assert_cmpint (person, !=, place);

  /* Marking with the hidden type's key: the new annotation is seen, the type shown again. */
  tessera_text_view_select_text (view, moussa.start, moussa.end);
  gui_xdotool (GTK_WINDOW (fixture->window), "key", "1", NULL);
  wait.hidden = FALSE;
  gui_await (hidden_is, &wait, "the person type to be shown again");
  marked = tessera_text_view_get_selected (view);
  g_assert_cmpint (marked, !=, 0);
  g_assert_cmpint (tessera_annotation_get_type_id (
                     tessera_annotation_list_lookup (tessera_text_view_get_annotations (view),
                                                     marked)), ==, person_type);
  g_clear_pointer (&hidden, g_strfreev);
  hidden = g_settings_get_strv (settings, "hidden-types");
  g_assert_cmpstrv (hidden, ((const char *[]) { NULL }));
  g_assert_true (is_tinted (fixture, moussa.start + 1, "person"));
  g_assert_true (is_tinted (fixture, person_range.start + 1, "person"));
}

/* The menu ---------------------------------------------------------------------------- */

static gboolean
menu_is_open (gpointer data)
{
  GtkPopover *menu = tessera_text_view_get_menu (TESSERA_TEXT_VIEW (data));

  return menu != NULL && gtk_widget_get_mapped (GTK_WIDGET (menu)) &&
         gtk_widget_get_width (GTK_WIDGET (menu)) > 0;
}

static gboolean
menu_is_closed (gpointer data)
{
  return tessera_text_view_get_menu (TESSERA_TEXT_VIEW (data)) == NULL;
}

static gboolean
is_item (GtkWidget     *widget,
         gconstpointer  data)
{
  g_autofree char *text = NULL;

  if (!g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkModelButton") ||
      !gtk_widget_is_drawable (widget))
    return FALSE;
  g_object_get (widget, "text", &text, NULL);
  return g_strcmp0 (text, data) == 0;
}

typedef struct
{
  TesseraTextView *view;
  const char      *label;
} ItemWait;

static gboolean
item_is_shown (gpointer data)
{
  ItemWait *wait = data;
  GtkPopover *menu = tessera_text_view_get_menu (wait->view);

  return menu != NULL && gui_find_descendant (GTK_WIDGET (menu), is_item, wait->label) != NULL;
}

/* Input that opens, drives or closes a menu: while a menu is open, the keys go to it and
 * not to the window, so the caller waits for what the input does. */
static void
send_input (GuiFixture *fixture,
            const char *first,
            ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list list;

  va_start (list, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (list, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (list);
  g_ptr_array_add (args, NULL);
  gui_xdotool_argv (GTK_WINDOW (fixture->window), (char **) args->pdata);
}

/* Clicks the item of the open menu labelled @label (as shown, without its mnemonic). */
static void
click_item (GuiFixture *fixture,
            const char *label)
{
  TesseraTextView *view = gui_text_view (fixture);
  ItemWait wait = { view, label };
  g_autofree char *what = g_strdup_printf ("the menu to show “%s”", label);
  g_autofree char *xid = NULL;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  GtkWidget *item;

  gui_await (item_is_shown, &wait, what);
  item = gui_find_descendant (GTK_WIDGET (tessera_text_view_get_menu (view)), is_item, label);
  gui_wait_drawn (item);
  /* A submenu is a popover of its own. */
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (
                           gtk_native_get_surface (gtk_widget_get_native (item))));
  gui_widget_to_window (item, gtk_widget_get_width (item) / 2, gtk_widget_get_height (item) / 2,
                        &x, &y);
  send_input (fixture, "mousemove", "--window", xid, x, y, "click", "1", NULL);
}

typedef struct
{
  TesseraStore *store;
  gint64        annotation_id;
  gint64        type_id;
} TypeWait;

static gboolean
has_type (gpointer data)
{
  TypeWait *wait = data;
  g_autoptr(TesseraAnnotation) annotation =
    tessera_store_dup_annotation (wait->store, wait->annotation_id, NULL);

  if (wait->type_id == 0)
    return annotation == NULL;
  return annotation != NULL && tessera_annotation_get_type_id (annotation) == wait->type_id;
}

/* Shift+F10 opens the selected annotation's menu; its Change Type submenu retypes it, in
 * one step that Ctrl+Z undoes. */
static void
test_menu_by_keyboard (GuiFixture    *fixture,
                       gconstpointer  data)
{
  TesseraTextView *view = gui_text_view (fixture);
  gint64 id = gui_add_annotation (fixture, "Oumar Diarra", "organisation");
  TypeWait wait = { gui_store (fixture), id, gui_type_id (fixture, "person") };

  tessera_text_view_select (view, id, TRUE);
  send_input (fixture, "key", "shift+F10", NULL);
  gui_await (menu_is_open, view, "the annotation's menu to open");

  click_item (fixture, "Change Type");
  click_item (fixture, "Person");
  gui_await (has_type, &wait, "the annotation to be a person");
  gui_await (menu_is_closed, view, "the menu to close");
  g_assert_cmpint (tessera_text_view_get_selected (view), ==, id);

  gui_xdotool (GTK_WINDOW (fixture->window), "key", "ctrl+z", NULL);
  wait.type_id = gui_type_id (fixture, "organisation");
  gui_await (has_type, &wait, "the annotation to be an organisation again");

  /* The Menu key too; Escape closes the menu, changing nothing. */
  send_input (fixture, "key", "Menu", NULL);
  gui_await (menu_is_open, view, "the annotation's menu to open by the Menu key");
  send_input (fixture, "key", "Escape", NULL);
  gui_await (menu_is_closed, view, "the menu to close");
  g_assert_true (has_type (&wait));
}

/* A right click on an annotation that is not selected opens its menu (not GTK's): Delete
 * removes it, Ctrl+Z brings it back. On unmarked text, the menu offers the types. */
static void
test_menu_by_right_click (GuiFixture    *fixture,
                          gconstpointer  data)
{
  TesseraTextView *view = gui_text_view (fixture);
  GtkTextView *text_view = GTK_TEXT_VIEW (view);
  TesseraRange range = gui_find_range (fixture, "Assimi Goïta", 1);
  gint64 id = gui_add_annotation (fixture, "Assimi Goïta", "person");
  TypeWait wait = { gui_store (fixture), id, 0 };
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (
                                            gtk_native_get_surface (GTK_NATIVE (fixture->window))));
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  g_autofree char *away_x = NULL;
  g_autofree char *away_y = NULL;
  GtkTextIter iter;
  GdkRectangle box;
  int wx, wy;

  gui_wait_drawn (GTK_WIDGET (view));
  tessera_text_view_select (view, 0, FALSE);
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &iter,
                                      (int) range.start + 2);
  gtk_text_view_get_iter_location (text_view, &iter, &box);
  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET, box.x, box.y,
                                         &wx, &wy);
  gui_widget_to_window (GTK_WIDGET (view), wx + box.width / 2, wy + box.height / 2, &x, &y);

  send_input (fixture, "mousemove", "--window", xid, x, y, "click", "3", NULL);
  gui_await (menu_is_open, view, "the annotation's menu to open on a right click");
  /* The menu is about the annotation under the pointer; the selection stays as it was. */
  g_assert_cmpint (tessera_text_view_get_selected (view), ==, 0);
  click_item (fixture, "Delete");
  gui_await (has_type, &wait, "the annotation to be deleted");

  gui_xdotool (GTK_WINDOW (fixture->window), "key", "ctrl+z", NULL);
  wait.type_id = gui_type_id (fixture, "person");
  gui_await (has_type, &wait, "the annotation to come back");

  /* Unmarked text: the types to mark with, and Copy. */
  gui_wait_drawn (GTK_WIDGET (view));
  gui_widget_to_window (GTK_WIDGET (view), wx + box.width / 2,
                        gtk_widget_get_height (GTK_WIDGET (view)) - 4, &away_x, &away_y);
  send_input (fixture, "mousemove", "--window", xid, away_x, away_y, "click", "3", NULL);
  gui_await (menu_is_open, view, "the text's menu to open on a right click");
  {
    ItemWait item = { view, "Organisation" };

    gui_await (item_is_shown, &item, "the text's menu to offer the types");
    item.label = "Copy";
    gui_await (item_is_shown, &item, "the text's menu to offer Copy");
  }
  send_input (fixture, "key", "Escape", NULL);
  gui_await (menu_is_closed, view, "the menu to close");
}

int
main (int    argc,
      char **argv)
{
  gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/gui/palette/" path, GuiFixture, NULL, gui_fixture_set_up, func, \
              gui_fixture_tear_down)
  ADD ("type-labels", test_type_labels);
  ADD ("hide-type", test_hide_type);
  ADD ("menu-by-keyboard", test_menu_by_keyboard);
  ADD ("menu-by-right-click", test_menu_by_right_click);
#undef ADD

  return g_test_run ();
}
