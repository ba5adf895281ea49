/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <gdk/x11/gdkx.h>

#include "gui-helpers.h"
#include "tessera-document-row.h"
#include "tessera-entity-section.h"
#include "tessera-inspector.h"

/*
 * The article view under the pointer and the keyboard, in the real window: clicks and
 * hovering go through the X server (xdotool), and every wait is for a condition.
 */

#define TIMEOUT_MS GUI_WAIT_TIMEOUT_MS

typedef struct
{
  GArray *selections;
  guint   n_expected;
} Clicks;

static gboolean
all_clicks_seen (gpointer data)
{
  Clicks *clicks = data;

  return clicks->selections->len >= clicks->n_expected;
}

/* The box, in widget coordinates, of the characters [start, end), on one display line. */
static GdkRectangle
span_box (TesseraTextView *view,
          guint            start,
          guint            end)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GtkTextIter first, last;
  GdkRectangle a, b, box;

  gtk_text_buffer_get_iter_at_offset (buffer, &first, (int) start);
  gtk_text_buffer_get_iter_at_offset (buffer, &last, (int) end - 1);
  gtk_text_view_get_iter_location (text_view, &first, &a);
  gtk_text_view_get_iter_location (text_view, &last, &b);
  g_assert_cmpint (a.y, ==, b.y);
  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET, a.x, a.y,
                                         &box.x, &box.y);
  box.width = b.x + b.width - a.x;
  box.height = a.height;
  return box;
}

static gboolean
is_drawn (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) && gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

/* A click on every pixel column across a marked name selects it: there is no dead band at
 * the boundaries of its letters ("É" of "États" used to have one), and the tooltip's and
 * the pointer's hit test finds it on every column too, with the nested one first. */
static void
test_click_every_column (GuiFixture    *fixture,
                         gconstpointer  data)
{
  TesseraTextView *view = gui_text_view (fixture);
  TesseraRange name = gui_find_range (fixture, "Alliance des États du Sahel", 1);
  TesseraRange inner = gui_find_range (fixture, "Sahel", 1);
  gint64 organisation = gui_add_annotation (fixture, "Alliance des États du Sahel", "organisation");
  gint64 place = gui_add_annotation (fixture, "Sahel", "place");
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) selections = g_array_new (FALSE, FALSE, sizeof (gint64));
  Clicks clicks = { selections, 0 };
  GdkRectangle box, inner_box;
  g_autofree char *away_x = NULL;
  g_autofree char *away_y = NULL;
  g_autofree char *xid = NULL;
  gulong handler;

  g_assert_true (gui_wait_until (is_drawn, view, TIMEOUT_MS));
  box = span_box (view, name.start, name.end);
  inner_box = span_box (view, inner.start, inner.end);
  g_assert_cmpint (box.width, >, 100);
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (
                           gtk_native_get_surface (GTK_NATIVE (fixture->window))));

  /* Far below the text, in the empty part of the view: a click there selects nothing, and
   * the next click is never taken for the second of a double click. */
  gui_widget_to_window (GTK_WIDGET (view), box.x + box.width / 2,
                        gtk_widget_get_height (GTK_WIDGET (view)) - 4, &away_x, &away_y);

  for (int x = box.x; x < box.x + box.width; x++)
    {
      int y = box.y + box.height / 2;
      gboolean in_inner = x >= inner_box.x && x < inner_box.x + inner_box.width;
      gint64 id = in_inner ? place : organisation;
      g_autoptr(GPtrArray) found = tessera_text_view_dup_annotations_at_point (view, x, y);
      char *click_x, *click_y;

      /* What the tooltip names: both annotations inside "Sahel", the place first. */
      g_assert_cmpuint (found->len, ==, in_inner ? 2 : 1);
      g_assert_cmpint (tessera_annotation_get_id (g_ptr_array_index (found, 0)), ==, id);
      g_assert_cmpint (tessera_annotation_get_id (g_ptr_array_index (found, found->len - 1)), ==,
                       organisation);
      /* The underlines below the text belong to it too. */
      g_clear_pointer (&found, g_ptr_array_unref);
      found = tessera_text_view_dup_annotations_at_point (view, x, box.y + box.height + 3);
      g_assert_cmpuint (found->len, >=, 1);

      gui_widget_to_window (GTK_WIDGET (view), x, y, &click_x, &click_y);
      g_ptr_array_add (argv, g_strdup ("mousemove"));
      g_ptr_array_add (argv, g_strdup ("--window"));
      g_ptr_array_add (argv, g_strdup (xid));
      g_ptr_array_add (argv, g_strdup (away_x));
      g_ptr_array_add (argv, g_strdup (away_y));
      g_ptr_array_add (argv, g_strdup ("mousedown"));
      g_ptr_array_add (argv, g_strdup ("1"));
      g_ptr_array_add (argv, g_strdup ("mouseup"));
      g_ptr_array_add (argv, g_strdup ("1"));
      g_ptr_array_add (argv, g_strdup ("mousemove"));
      g_ptr_array_add (argv, g_strdup ("--window"));
      g_ptr_array_add (argv, g_strdup (xid));
      g_ptr_array_add (argv, click_x);
      g_ptr_array_add (argv, click_y);
      g_ptr_array_add (argv, g_strdup ("mousedown"));
      g_ptr_array_add (argv, g_strdup ("1"));
      g_ptr_array_add (argv, g_strdup ("mouseup"));
      g_ptr_array_add (argv, g_strdup ("1"));
      g_array_append_val (expected, id);
    }

  /* Outside the name, nothing. */
  {
    g_autoptr(GPtrArray) before = tessera_text_view_dup_annotations_at_point (view, box.x - 3,
                                                                              box.y + 2);
    g_autoptr(GPtrArray) after = tessera_text_view_dup_annotations_at_point (view,
                                                                             box.x + box.width + 2,
                                                                             box.y + 2);

    g_assert_cmpuint (before->len, ==, 0);
    g_assert_cmpuint (after->len, ==, 0);
  }

  /* Every column clicked, each after a click away: each selects its annotation anew. */
  tessera_text_view_select (view, 0, FALSE);
  handler = g_signal_connect (view, "selection-changed", G_CALLBACK (gui_record_selection),
                              selections);
  g_ptr_array_add (argv, NULL);
  /* Returns once the window has handled every click, however slow the machine. */
  gui_xdotoolv (GTK_WINDOW (fixture->window), (const char * const *) argv->pdata);
  clicks.n_expected = expected->len;
  gui_wait_until (all_clicks_seen, &clicks, TIMEOUT_MS);
  g_signal_handler_disconnect (view, handler);

  for (guint i = 0; i < expected->len; i++)
    {
      if (i >= selections->len ||
          g_array_index (selections, gint64, i) != g_array_index (expected, gint64, i))
        {
          g_test_fail_printf ("%u of %u clicks on the columns %d to %d of «Alliance des États "
                              "du Sahel» selected it", selections->len, expected->len, box.x,
                              box.x + box.width - 1);
          return;
        }
    }
}

typedef struct
{
  TesseraTextView *view;
  int              insert;
  int              bound;
} Caret;

/* Whether the caret and the other end of the selection are where @data says. */
static gboolean
caret_is (gpointer data)
{
  Caret *caret = data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (caret->view));
  GtkTextIter insert, bound;

  gtk_text_buffer_get_iter_at_mark (buffer, &insert, gtk_text_buffer_get_insert (buffer));
  gtk_text_buffer_get_iter_at_mark (buffer, &bound, gtk_text_buffer_get_selection_bound (buffer));
  return gtk_text_iter_get_offset (&insert) == caret->insert &&
         gtk_text_iter_get_offset (&bound) == caret->bound;
}

static void
place_caret (TesseraTextView *view,
             guint            offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) offset);
  gtk_text_buffer_place_cursor (buffer, &iter);
}

static void
press_key (GuiFixture *fixture,
           const char *key)
{
  const char *commands[] = { "key", key, NULL };

  gui_xdotoolv (GTK_WINDOW (fixture->window), commands);
}

/* Ctrl+arrows stop after the elided word of "l’Alliance", so Shift+Ctrl+Right from there
 * selects the name without its article or its apostrophe. */
static void
test_word_movement_elision (GuiFixture    *fixture,
                            gconstpointer  data)
{
  TesseraTextView *view = gui_text_view (fixture);
  TesseraRange article = gui_find_range (fixture, "l\u2019Alliance", 1);
  TesseraRange name = gui_find_range (fixture, "Alliance des \u00c9tats du Sahel", 1);
  Caret caret = { view, 0, 0 };
  TesseraRange marked;

  g_assert_cmpuint (name.start, ==, article.start + 2);
  gtk_widget_grab_focus (GTK_WIDGET (view));

  place_caret (view, article.start);
  press_key (fixture, "ctrl+Right");
  caret.insert = caret.bound = (int) name.start;
  g_assert_true (gui_wait_until (caret_is, &caret, TIMEOUT_MS));

  /* "Alliance", "des", "États", "du", "Sahel". */
  for (guint i = 0; i < 5; i++)
    press_key (fixture, "ctrl+shift+Right");
  caret.insert = (int) name.end;
  g_assert_true (gui_wait_until (caret_is, &caret, TIMEOUT_MS));
  g_assert_true (tessera_text_view_get_marked_range (view, TRUE, &marked));
  g_assert_cmpuint (marked.start, ==, name.start);
  g_assert_cmpuint (marked.end, ==, name.end);

  /* Back from the end of "Alliance": to its first letter, then to the elided word. */
  place_caret (view, name.start + 8);
  press_key (fixture, "ctrl+Left");
  caret.insert = caret.bound = (int) name.start;
  g_assert_true (gui_wait_until (caret_is, &caret, TIMEOUT_MS));
  press_key (fixture, "ctrl+Left");
  caret.insert = caret.bound = (int) article.start;
  g_assert_true (gui_wait_until (caret_is, &caret, TIMEOUT_MS));
}

/* A selection snapped to words never keeps the apostrophe of an elision, nor spreads over
 * the elided word from the word after it. */
static void
test_snap_elision (GuiFixture    *fixture,
                   gconstpointer  data)
{
  TesseraTextView *view = gui_text_view (fixture);
  TesseraRange article = gui_find_range (fixture, "l\u2019Alliance", 1);
  TesseraRange name = gui_find_range (fixture, "Alliance des \u00c9tats du Sahel", 1);
  TesseraRange marked;

  /* «’Alliance des États du Sahel» */
  tessera_text_view_select_text (view, article.start + 1, name.end);
  g_assert_true (tessera_text_view_get_marked_range (view, TRUE, &marked));
  g_assert_cmpuint (marked.start, ==, name.start);
  g_assert_cmpuint (marked.end, ==, name.end);

  /* «lli» of "Alliance" */
  tessera_text_view_select_text (view, name.start + 1, name.start + 4);
  g_assert_true (tessera_text_view_get_marked_range (view, TRUE, &marked));
  g_assert_cmpuint (marked.start, ==, name.start);
  g_assert_cmpuint (marked.end, ==, name.start + 8);

  /* «l» alone is the elided word. */
  tessera_text_view_select_text (view, article.start, article.start + 1);
  g_assert_true (tessera_text_view_get_marked_range (view, TRUE, &marked));
  g_assert_cmpuint (marked.start, ==, article.start);
  g_assert_cmpuint (marked.end, ==, name.start);
}

/* The widget of @type under the search bar; for a label, the one counting the matches. */
static GtkWidget *
find_in_search_bar (GuiFixture *fixture,
                    GType       type)
{
  GtkWidget *bar = gui_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_SEARCH_BAR, NULL);
  GtkWidget *widget = NULL;

  g_assert_nonnull (bar);
  if (type != GTK_TYPE_LABEL)
    widget = gui_find_widget (bar, type, NULL);
  else
    {
      /* The dimmed label, not the check button's. */
      for (GtkWidget *child = gui_find_widget (bar, GTK_TYPE_SEARCH_ENTRY, NULL);
           child != NULL; child = gtk_widget_get_next_sibling (child))
        {
          if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "dim-label"))
            widget = child;
        }
    }
  g_assert_nonnull (widget);
  return widget;
}

static char *
dup_label_text (gpointer label)
{
  return g_strdup (gtk_label_get_text (label));
}

static void
assert_label_says (GtkLabel   *label,
                   const char *expected)
{
  gui_wait_string (dup_label_text, label, expected);
}

/* Whether a shortcut of @entry's own sends @key to @action. */
static gboolean
entry_has_shortcut (GtkEditable *entry,
                    const char  *key,
                    const char  *action)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (entry));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger =
            gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          GtkShortcutAction *named = gtk_shortcut_get_action (shortcut);

          if (strstr (trigger, key) != NULL && GTK_IS_NAMED_ACTION (named) &&
              g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (named)), action) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

/* Find (Ctrl+F) ignores case and accents as the lists do, unless asked for the exact case;
 * Enter goes on, Shift+Enter and the previous button go back, round the article. */
static void
test_find (GuiFixture    *fixture,
           gconstpointer  data)
{
  TesseraTextView *view = gui_text_view (fixture);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkEditable *entry;
  GtkLabel *label;
  GtkCheckButton *exact;
  TesseraRange lower = gui_find_range (fixture, "conf\u00e9d\u00e9ration", 1);
  g_autofree char *slice = NULL;
  GtkTextIter start, end;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.find", NULL);
  entry = GTK_EDITABLE (find_in_search_bar (fixture, GTK_TYPE_SEARCH_ENTRY));
  label = GTK_LABEL (find_in_search_bar (fixture, GTK_TYPE_LABEL));
  exact = GTK_CHECK_BUTTON (find_in_search_bar (fixture, GTK_TYPE_CHECK_BUTTON));
  g_assert_false (gtk_check_button_get_active (exact));

  /* Four «Confédération» and one «confédération». */
  gtk_editable_set_text (entry, "conf\u00e9d\u00e9ration");
  assert_label_says (label, "1 of 5");
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  slice = gtk_text_iter_get_slice (&start, &end);
  g_assert_cmpstr (slice, ==, "Conf\u00e9d\u00e9ration");

  /* Enter goes on; Shift+Enter, the previous button and Ctrl+Shift+G go back. */
  g_signal_emit_by_name (entry, "activate");
  assert_label_says (label, "2 of 5");
  g_assert_true (entry_has_shortcut (entry, "<Shift>Return", "win.find-previous"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.find-previous", NULL);
  assert_label_says (label, "1 of 5");
  g_signal_emit_by_name (entry, "previous-match");
  assert_label_says (label, "5 of 5");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.find-next", NULL);
  assert_label_says (label, "1 of 5");
  g_signal_emit_by_name (entry, "next-match");
  assert_label_says (label, "2 of 5");

  /* Exactly as typed: the lower-case one only. */
  gtk_check_button_set_active (exact, TRUE);
  assert_label_says (label, "1 of 1");
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  g_assert_cmpint (gtk_text_iter_get_offset (&start), ==, lower.start);

  gtk_editable_set_text (entry, "Goita");
  assert_label_says (label, "Not found");
  gtk_check_button_set_active (exact, FALSE);
  assert_label_says (label, "1 of 2");
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  g_free (slice);
  slice = gtk_text_iter_get_slice (&start, &end);
  g_assert_cmpstr (slice, ==, "Go\u00efta");
}

/* The item of the open main menu labelled @text, with its check mark. */
static gboolean
is_menu_item (GtkWidget     *widget,
              gconstpointer  text)
{
  g_autofree char *label = NULL;

  if (!g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkModelButton"))
    return FALSE;
  g_object_get (widget, "text", &label, NULL);
  return g_strcmp0 (label, text) == 0;
}

static GtkWidget *
find_menu_item (GtkWidget  *root,
                const char *text)
{
  return gui_find_descendant (root, is_menu_item, text);
}

typedef struct
{
  GuiFixture *fixture;
  gint64      document_id;
  const char *details;     /* of the document's row in the list */
  const char *checked;     /* the status item of the menu with a check mark */
} DocumentStatus;

static gboolean
status_is (gpointer data)
{
  DocumentStatus *status = data;
  GtkWindow *window = GTK_WINDOW (status->fixture->window);
  GtkMenuButton *button =
    GTK_MENU_BUTTON (gui_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, NULL));
  g_autoptr(TesseraDocument) document =
    tessera_store_dup_document (gui_store (status->fixture), status->document_id, NULL);
  TesseraDocumentRow *row = gui_find_document_row (GTK_WIDGET (window),
                                               tessera_document_get_title (document));
  const char *items[] = { "Not Started", "In Progress", "Done" };

  if (row == NULL || g_strcmp0 (tessera_document_row_get_details (row), status->details) != 0)
    return FALSE;
  g_assert_nonnull (gtk_menu_button_get_menu_model (button));
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      GtkWidget *item = find_menu_item (GTK_WIDGET (gtk_menu_button_get_popover (button)),
                                        items[i]);
      gboolean active = FALSE;

      if (item == NULL)
        return FALSE;
      g_object_get (item, "active", &active, NULL);
      if (active != g_str_equal (items[i], status->checked))
        return FALSE;
    }
  return TRUE;
}

static void
assert_status (DocumentStatus *status,
               const char     *progress,
               const char     *details,
               const char     *checked)
{
  g_autoptr(TesseraDocument) document = NULL;

  status->details = details;
  status->checked = checked;
  if (!gui_wait_until (status_is, status, TIMEOUT_MS))
    {
      g_test_fail_printf ("the document list or the status menu do not show «%s», «%s»",
                          details, checked);
      return;
    }
  /* What the CLI and the TEI revisionDesc read. */
  document = tessera_store_dup_document (gui_store (status->fixture), status->document_id, NULL);
  g_assert_cmpstr (tessera_progress_to_string (tessera_document_get_progress (document)), ==,
                   progress);
}

/* One state of a document, the stored one: the list, the status menu (with a check mark on
 * it), the CLI and the TEI export all show the same, annotated or not. */
static void
test_document_status (GuiFixture    *fixture,
                      gconstpointer  data)
{
  DocumentStatus status = { fixture, tessera_window_get_document_id (fixture->window), NULL, NULL };

  assert_status (&status, "not-started", "0 annotations · Not started", "Not Started");
  gui_add_annotation (fixture, "Assimi Goïta", "person");
  assert_status (&status, "not-started", "1 annotation · Not started", "Not Started");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.document-progress", "s",
                              "in-progress");
  assert_status (&status, "in-progress", "1 annotation · In progress", "In Progress");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  assert_status (&status, "not-started", "1 annotation · Not started", "Not Started");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.document-progress", "s", "done");
  assert_status (&status, "done", "1 annotation · Done", "Done");
}

typedef struct
{
  TesseraInspector *inspector;
  gint64            annotation;
} Inspected;

static gboolean
inspector_shows (gpointer data)
{
  Inspected *inspected = data;

  return tessera_inspector_get_annotation (inspected->inspector) == inspected->annotation;
}

/* "New entity…" on «général Assimi Goïta», whose «général» is marked as a role, starts the
 * name at «Assimi Goïta», selected so that typing replaces it; the one-key way too. */
static void
test_new_entity_name (GuiFixture    *fixture,
                      gconstpointer  data)
{
  TesseraInspector *inspector = TESSERA_INSPECTOR (tessera_window_get_inspector (fixture->window));
  GtkWidget *section;
  GtkToggleButton *button;
  GtkEditable *name;
  gint64 mention;
  Inspected inspected = { inspector, 0 };
  g_autoptr(TesseraAnnotation) linked = NULL;
  g_autoptr(TesseraEntity) entity = NULL;
  int start, end;

  mention = gui_add_annotation (fixture, "g\u00e9n\u00e9ral Assimi Go\u00efta", "person");
  gui_add_annotation (fixture, "g\u00e9n\u00e9ral", "role");
  tessera_text_view_select (gui_text_view (fixture), mention, FALSE);
  inspected.annotation = mention;
  g_assert_true (gui_wait_until (inspector_shows, &inspected, TIMEOUT_MS));

  section = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (inspector),
                                                       TESSERA_TYPE_INSPECTOR, "entity_section"));
  button = GTK_TOGGLE_BUTTON (gtk_widget_get_template_child (section, TESSERA_TYPE_ENTITY_SECTION,
                                                             "new_entity_button"));
  name = GTK_EDITABLE (gtk_widget_get_template_child (section, TESSERA_TYPE_ENTITY_SECTION,
                                                     "new_name_row"));
  gtk_toggle_button_set_active (button, TRUE);
  g_assert_cmpstr (gtk_editable_get_text (name), ==, "Assimi Go\u00efta");
  g_assert_true (gtk_editable_get_selection_bounds (name, &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, (int) g_utf8_strlen (gtk_editable_get_text (name), -1));
  gtk_toggle_button_set_active (button, FALSE);

  /* Created in one go, with the name it would have started with. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (inspector), "inspector.new-entity", NULL));
  linked = tessera_store_dup_annotation (gui_store (fixture), mention, NULL);
  g_assert_cmpint (tessera_annotation_get_entity_id (linked), >, 0);
  entity = tessera_store_dup_entity (gui_store (fixture), tessera_annotation_get_entity_id (linked),
                                     NULL);
  g_assert_cmpstr (tessera_entity_get_name (entity), ==, "Assimi Go\u00efta");
}

/* What undo and redo say names the type by its label, not the tagset's key. */
static void
test_undo_subtitle (GuiFixture    *fixture,
                    gconstpointer  data)
{
  const char *said[] = {
    "Undone: Person \u00abAssimi Go\u00efta\u00bb: Place",
    "Undone: Person \u00abAssimi Go\u00efta\u00bb",
    "Redone: Person \u00abAssimi Go\u00efta\u00bb",
  };

  gui_undo_redo_subtitles (fixture, "Assimi Go\u00efta", "person", "place", said);
}

/* The text of the tooltip shown on @root's widgets, or NULL while none is. */
static const char *
shown_tooltip (GtkWidget *root)
{
  GType tooltip_window = g_type_from_name ("GtkTooltipWindow");

  if (tooltip_window != 0 && G_TYPE_CHECK_INSTANCE_TYPE (root, tooltip_window))
    {
      GtkWidget *label = gui_find_widget (root, GTK_TYPE_LABEL, NULL);

      return label != NULL && gtk_widget_get_mapped (root) ? gtk_label_get_text (GTK_LABEL (label))
                                                          : NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found = shown_tooltip (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
tooltip_is_shown (gpointer data)
{
  return shown_tooltip (GTK_WIDGET (data)) != NULL;
}

/* Hovering nested annotations, the tooltip names them all, innermost first, up to the last
 * pixel they are painted on. */
static void
test_tooltip_names_all (GuiFixture    *fixture,
                        gconstpointer  data)
{
  TesseraTextView *view = gui_text_view (fixture);
  TesseraRange inner = gui_find_range (fixture, "Sahel", 1);
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  g_autofree char *xid = NULL;
  GdkRectangle box;

  gui_add_annotation (fixture, "Alliance des \u00c9tats du Sahel", "organisation");
  gui_add_annotation (fixture, "Sahel", "place");
  g_assert_true (gui_wait_until (is_drawn, view, TIMEOUT_MS));
  box = span_box (view, inner.start, inner.end);
  /* On the last column of «Sahel», where GTK gives the character after it. */
  gui_widget_to_window (GTK_WIDGET (view), box.x + box.width - 1, box.y + box.height / 2, &x, &y);
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (
                           gtk_native_get_surface (GTK_NATIVE (fixture->window))));
  {
    char *commands[] = { "mousemove", "--window", xid, x, y, NULL };

    gui_xdotool_argv (GTK_WINDOW (fixture->window), commands);
  }
  g_assert_true (gui_wait_until (tooltip_is_shown, fixture->window, TIMEOUT_MS));
  g_assert_cmpstr (shown_tooltip (GTK_WIDGET (fixture->window)), ==, "Place\nOrganisation");
}

/* Whether the character at @offset is in view, clear of either edge by @margin of its height. */
static gboolean
offset_in_view (TesseraTextView *view,
                guint            offset,
                double           margin)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (view);
  GtkTextIter iter;
  GdkRectangle visible, place;
  int clear;

  gtk_text_view_get_visible_rect (text_view, &visible);
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &iter, (int) offset);
  gtk_text_view_get_iter_location (text_view, &iter, &place);
  clear = (int) (visible.height * margin);
  return place.y >= visible.y + clear &&
         place.y + place.height <= visible.y + visible.height - clear;
}

/* An annotation near the end of a long text, selected as soon as the text is shown (GTK is
 * still laying the text out): the article shows it in the frame that follows, rather than
 * stopping short of it where the layout ended. One well in view is selected without the
 * article moving. */
static void
test_scroll_to_far_annotation (GuiFixture    *fixture,
                               gconstpointer  data)
{
  TesseraStore *store = gui_store (fixture);
  TesseraTextView *view = gui_text_view (fixture);
  TesseraDocumentInfo info = { .title = (char *) "Chronique : mille jours au Sahel" };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  GtkAdjustment *adjustment;
  TesseraRange far, near;
  gint64 document_id, far_id, near_id;
  double value;

  for (guint i = 0; i < 4000; i++)
    g_string_append_printf (text, "Jour %u. Les délégations se sont retrouvées à Niamey pour "
                            "la réunion du conseil, qui a duré jusqu’au soir.\n", i + 1);
  document_id = tessera_store_add_document (store, &info, text->str, NULL, &error);
  g_assert_no_error (error);
  /* "Niamey" of day 3900, a hundred paragraphs before the end. */
  far.start = (guint) g_utf8_pointer_to_offset (text->str,
                                                strstr (strstr (text->str, "Jour 3900."),
                                                        "Niamey"));
  far.end = far.start + (guint) strlen ("Niamey");
  far_id = tessera_store_add_annotation (store, document_id, gui_type_id (fixture, "place"),
                                         &far, 1, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (tessera_window_show_document (fixture->window, document_id));
  gui_wait_shown (view, far_id);
  gui_wait_drawn (GTK_WIDGET (view));
  g_assert_false (offset_in_view (view, far.start, 0.0));

  tessera_text_view_select (view, far_id, TRUE);
  g_assert_cmpint (tessera_text_view_get_selected (view), ==, far_id);
  gui_wait_drawn (GTK_WIDGET (view));
  g_assert_true (offset_in_view (view, far.start, 0.1));

  /* A few lines up, in view: selected where it is. */
  near.start = far.start - 200;
  near.end = near.start + 4;
  near_id = tessera_store_add_annotation (store, document_id, gui_type_id (fixture, "place"),
                                          &near, 1, NULL, &error);
  g_assert_no_error (error);
  gui_wait_shown (view, near_id);
  g_assert_true (offset_in_view (view, near.start, 0.1));
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  value = gtk_adjustment_get_value (adjustment);
  tessera_text_view_select (view, near_id, TRUE);
  gui_wait_drawn (GTK_WIDGET (view));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, value);
  g_assert_cmpint (tessera_text_view_get_selected (view), ==, near_id);
}

int
main (int   argc,
      char *argv[])
{
  gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/gui/text-view/" path, GuiFixture, NULL, gui_fixture_set_up, func, \
              gui_fixture_tear_down)

  ADD ("click-every-column", test_click_every_column);
  ADD ("word-movement-elision", test_word_movement_elision);
  ADD ("snap-elision", test_snap_elision);
  ADD ("find", test_find);
  ADD ("document-status", test_document_status);
  ADD ("new-entity-name", test_new_entity_name);
  ADD ("undo-subtitle", test_undo_subtitle);
  ADD ("tooltip-names-all", test_tooltip_names_all);
  ADD ("scroll-to-far-annotation", test_scroll_to_far_annotation);

  return g_test_run ();
}
