/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <gdk/x11/gdkx.h>

#include "gui-helpers.h"
#include "tessera-annotation-list-view.h"
#include "tessera-entity-chooser.h"
#include "tessera-palette.h"
#include "tessera-relation-bar.h"

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

/* What a test waits for: a type hidden or shown, a row dimmed or not. */
typedef struct
{
  GuiFixture *fixture;
  const char *name;
  gboolean    expected;
} Expectation;

static gboolean
hidden_is (gpointer data)
{
  Expectation *wait = data;

  return tessera_text_view_is_type_hidden (gui_text_view (wait->fixture),
                                           gui_type_id (wait->fixture, wait->name)) ==
         wait->expected;
}

/* The annotation list's row of the annotation covering @words. */
static gboolean
is_row_of (GtkWidget     *widget,
           gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

static gboolean
row_is_dimmed (gpointer data)
{
  Expectation *wait = data;
  GtkWidget *list = gui_find_widget (GTK_WIDGET (wait->fixture->window),
                                     TESSERA_TYPE_ANNOTATION_LIST_VIEW, NULL);
  GtkWidget *row = gui_find_descendant (list, is_row_of, wait->name);

  return row != NULL && gtk_widget_has_css_class (row, "dim-label") == wait->expected;
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
  Expectation wait = { fixture, "person", TRUE };
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

  /* The annotation list still lists them, dimmed. */
  {
    Expectation row = { fixture, "Assimi Goïta", TRUE };

    gui_await (row_is_dimmed, &row, "the person's row to be dimmed");
    row.name = "«Sahel»";
    row.expected = FALSE;
    gui_await (row_is_dimmed, &row, "the place's row to stay as it was");
  }

  /* Tab and Shift+Tab from the start reach the place only. */
  tessera_text_view_select (view, 0, FALSE);
  handler = g_signal_connect (view, "selection-changed", G_CALLBACK (gui_record_selection),
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
  wait.expected = FALSE;
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

/* Clicks the item of the open menu labelled @label (as shown, without its mnemonic). While
 * a menu is open the keys go to it, not to the window: input that opens, drives or closes a
 * menu is sent without waiting for the window to handle it, and the test waits for what it
 * does instead. */
#define SEND(...) gui_xdotool_argv (window, (char **) (const char *[]) { __VA_ARGS__, NULL })

static void
click_item (GuiFixture *fixture,
            const char *label)
{
  GtkWindow *window = GTK_WINDOW (fixture->window);
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
  SEND ("mousemove", "--window", xid, x, y, "click", "1");
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

static gboolean
chooser_has_focus (gpointer data)
{
  GuiFixture *fixture = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  return focus != NULL &&
         gtk_widget_get_ancestor (focus, TESSERA_TYPE_ENTITY_CHOOSER) != NULL;
}

static gboolean
relating (gpointer data)
{
  GuiFixture *fixture = data;
  GtkWidget *bar = gui_find_widget (GTK_WIDGET (fixture->window), TESSERA_TYPE_RELATION_BAR,
                                    NULL);

  return bar != NULL && tessera_relation_bar_is_active (TESSERA_RELATION_BAR (bar));
}

/* Shift+F10 opens the selected annotation's menu; its Change Type submenu retypes it, in
 * one step that Ctrl+Z undoes. */
static void
test_menu_by_keyboard (GuiFixture    *fixture,
                       gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (fixture->window);
  TesseraTextView *view = gui_text_view (fixture);
  gint64 id = gui_add_annotation (fixture, "Oumar Diarra", "organisation");
  TypeWait wait = { gui_store (fixture), id, gui_type_id (fixture, "person") };

  tessera_text_view_select (view, id, TRUE);
  SEND ("key", "shift+F10");
  gui_await (menu_is_open, view, "the annotation's menu to open");

  click_item (fixture, "Change Type");
  click_item (fixture, "Person");
  gui_await (has_type, &wait, "the annotation to be a person");
  gui_await (menu_is_closed, view, "the menu to close");
  g_assert_cmpint (tessera_text_view_get_selected (view), ==, id);

  gui_xdotool (window, "key", "ctrl+z", NULL);
  wait.type_id = gui_type_id (fixture, "organisation");
  gui_await (has_type, &wait, "the annotation to be an organisation again");

  /* Link to Entity… puts the keyboard in the inspector's entity search. */
  SEND ("key", "shift+F10");
  gui_await (menu_is_open, view, "the annotation's menu to open again");
  click_item (fixture, "Link to Entity…");
  gui_await (chooser_has_focus, fixture, "the entity search to take the keyboard");
  gtk_widget_grab_focus (GTK_WIDGET (view));

  /* Add Relation… starts a relation from it. */
  SEND ("key", "shift+F10");
  gui_await (menu_is_open, view, "the annotation's menu to open once more");
  click_item (fixture, "Add Relation…");
  gui_await (relating, fixture, "the relation bar to ask for the target");
  tessera_relation_bar_cancel (TESSERA_RELATION_BAR (
    gui_find_widget (GTK_WIDGET (fixture->window), TESSERA_TYPE_RELATION_BAR, NULL)));
  gtk_widget_grab_focus (GTK_WIDGET (view));

  /* The Menu key too; Escape closes the menu, changing nothing. */
  SEND ("key", "Menu");
  gui_await (menu_is_open, view, "the annotation's menu to open by the Menu key");
  SEND ("key", "Escape");
  gui_await (menu_is_closed, view, "the menu to close");
  g_assert_true (has_type (&wait));
}

typedef struct
{
  TesseraStore *store;
  gint64        claim_id;
  gint64        source_id;
  gint64        cue_id;
} ClaimWait;

static gboolean
claim_is (gpointer data)
{
  ClaimWait *wait = data;
  g_autoptr(TesseraClaim) claim = tessera_store_dup_claim (wait->store, wait->claim_id, NULL);

  return claim != NULL && tessera_claim_get_source_annotation_id (claim) == wait->source_id &&
         tessera_claim_get_cue_annotation_id (claim) == wait->cue_id;
}

/* Right-clicks the middle of the first occurrence of @words. */
static void
right_click_words (GuiFixture *fixture,
                   const char *words)
{
  GtkWindow *window = GTK_WINDOW (fixture->window);
  GtkTextView *text_view = GTK_TEXT_VIEW (gui_text_view (fixture));
  TesseraRange range = gui_find_range (fixture, words, 1);
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (
                                            gtk_native_get_surface (GTK_NATIVE (window))));
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  GtkTextIter iter;
  GdkRectangle box;
  int wx, wy;

  gui_wait_drawn (GTK_WIDGET (text_view));
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &iter,
                                      (int) (range.start + range.end) / 2);
  gtk_text_view_get_iter_location (text_view, &iter, &box);
  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET, box.x, box.y,
                                         &wx, &wy);
  gui_widget_to_window (GTK_WIDGET (text_view), wx + box.width / 2, wy + box.height / 2, &x, &y);
  SEND ("mousemove", "--window", xid, x, y, "click", "3");
  gui_await (menu_is_open, text_view, "the menu to open on a right click");
}

/* A right click on an annotation that is not selected opens its menu (not GTK's): Delete
 * removes it, Ctrl+Z brings it back. On unmarked text, the menu offers the types. */
static void
test_menu_by_right_click (GuiFixture    *fixture,
                          gconstpointer  data)
{
  TesseraTextView *view = gui_text_view (fixture);
  GtkWindow *window = GTK_WINDOW (fixture->window);
  gint64 id = gui_add_annotation (fixture, "Assimi Goïta", "person");
  TypeWait wait = { gui_store (fixture), id, 0 };
  ItemWait item = { view, "Organisation" };

  tessera_text_view_select (view, 0, FALSE);
  right_click_words (fixture, "Assimi Goïta");
  /* The menu is about the annotation under the pointer; the selection stays as it was. */
  g_assert_cmpint (tessera_text_view_get_selected (view), ==, 0);
  click_item (fixture, "Delete");
  gui_await (has_type, &wait, "the annotation to be deleted");

  gui_xdotool (window, "key", "ctrl+z", NULL);
  wait.type_id = gui_type_id (fixture, "person");
  gui_await (has_type, &wait, "the annotation to come back");

  /* Unmarked text (where no notification lies): the types to mark with, and Copy. */
  right_click_words (fixture, "ont été reçus");
  gui_await (item_is_shown, &item, "the text's menu to offer the types");
  item.label = "Copy";
  gui_await (item_is_shown, &item, "the text's menu to offer Copy");
  SEND ("key", "Escape");
  gui_await (menu_is_closed, view, "the menu to close");
}

/* With a claim selected, the menu of a mention makes it the claim's source, and the menu of
 * a cue its cue; the claim stays selected, and Ctrl+Z undoes each. */
static void
test_menu_claim_roles (GuiFixture    *fixture,
                       gconstpointer  data)
{
  TesseraTextView *view = gui_text_view (fixture);
  gint64 person = gui_add_annotation (fixture, "Oumar Diarra", "person");
  gint64 cue = gui_add_annotation (fixture, "Selon", "cue");
  gint64 claim = gui_add_annotation (fixture, "ce plan permettra d’insuffler", "claim");
  ClaimWait wait = { gui_store (fixture), claim, person, 0 };

  tessera_text_view_select (view, claim, TRUE);
  right_click_words (fixture, "Oumar Diarra");
  click_item (fixture, "Set as Source of the Selected Claim");
  gui_await (claim_is, &wait, "the person to be the claim's source");
  g_assert_cmpint (tessera_text_view_get_selected (view), ==, claim);

  right_click_words (fixture, "Selon");
  click_item (fixture, "Set as Cue of the Selected Claim");
  wait.cue_id = cue;
  gui_await (claim_is, &wait, "the cue to be the claim's cue");
  g_assert_cmpint (tessera_text_view_get_selected (view), ==, claim);

  gui_xdotool (GTK_WINDOW (fixture->window), "key", "ctrl+z", NULL);
  wait.cue_id = 0;
  gui_await (claim_is, &wait, "the claim's cue to be undone");
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
  ADD ("menu-claim-roles", test_menu_claim_roles);
#undef ADD

  return g_test_run ();
}
