/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "gui-helpers.h"
#include "tessera-annotation-type-row.h"
#include "tessera-preferences-window.h"
#include "tessera-relation-type-row.h"

/*
 * The preferences window over a project: the tagset editor changes the palette and the
 * marking keys of the main window at once, asks before converting annotations of a type
 * it deletes, and every change is undone from the main window; the settings apply live.
 */

static AdwPreferencesWindow *
open_preferences (GuiFixture *fixture,
                  const char *page)
{
  GtkWidget *preferences = tessera_preferences_window_new (fixture->window);

  g_assert_true (TESSERA_IS_PREFERENCES_WINDOW (preferences));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), page);
  gui_present (GTK_WINDOW (preferences));
  return ADW_PREFERENCES_WINDOW (preferences);
}

static void
close_preferences (AdwPreferencesWindow *preferences)
{
  GtkWindow *window = GTK_WINDOW (preferences);

  gui_destroy_window (&window);
}

static TesseraAnnotationTypeRow *
type_row (AdwPreferencesWindow *preferences,
          gint64                type_id)
{
  g_autofree char *name = g_strdup_printf ("type-%" G_GINT64_FORMAT, type_id);
  GtkWidget *row = gui_find_widget (GTK_WIDGET (preferences), TESSERA_TYPE_ANNOTATION_TYPE_ROW,
                                    name);

  g_assert_nonnull (row);
  gui_expand_row (ADW_EXPANDER_ROW (row));
  return TESSERA_ANNOTATION_TYPE_ROW (row);
}

static GtkWidget *
named (gpointer    root,
       GType       type,
       const char *name)
{
  GtkWidget *widget = gui_find_widget (GTK_WIDGET (root), type, name);

  g_assert_nonnull (widget);
  return widget;
}

/* Replaces the text of a field the way a user does: focus, select all, type, Enter. */
static void
type_into (GtkWindow  *window,
           GtkWidget  *field,
           const char *text,
           gboolean    enter)
{
  gui_wait_drawn (field);
  g_assert_true (gtk_widget_grab_focus (field));
  gui_xdotool (window, "key", "ctrl+a", NULL);
  if (*text != '\0')
    gui_xdotool (window, "type", "--delay", "20", text, NULL);
  else
    gui_xdotool (window, "key", "BackSpace", NULL);
  if (enter)
    gui_xdotool (window, "key", "Return", NULL);
}

/* What a click does, without the activation animation's delay. */
static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static TesseraAnnotationType *
dup_type (GuiFixture *fixture,
          gint64      type_id)
{
  return tessera_store_dup_annotation_type (gui_store (fixture), type_id);
}

/* @data: the GuiFixture */
static char *
dup_palette_string (gpointer data)
{
  GuiFixture *fixture = data;
  g_autoptr(GPtrArray) labels = gui_dup_palette_labels (fixture);

  g_ptr_array_add (labels, NULL);
  return g_strjoinv (",", (char **) labels->pdata);
}

static void
press_undo_in_main_window (GuiFixture *fixture)
{
  gtk_widget_grab_focus (GTK_WIDGET (gui_text_view (fixture)));
  gui_xdotool (GTK_WINDOW (fixture->window), "key", "ctrl+z", NULL);
}

/* Tests ------------------------------------------------------------------------------ */

static void
test_rename_type (GuiFixture    *fixture,
                  gconstpointer  data)
{
  AdwPreferencesWindow *preferences = open_preferences (fixture, "tagset");
  gint64 person = gui_type_id (fixture, "person");
  TesseraAnnotationTypeRow *row = type_row (preferences, person);
  AdwPreferencesRow *english = gui_find_row (GTK_WIDGET (row), ADW_TYPE_ENTRY_ROW,
                                             "Name in English");
  AdwPreferencesRow *french = gui_find_row (GTK_WIDGET (row), ADW_TYPE_ENTRY_ROW, "Name in French");
  g_autoptr(TesseraAnnotationType) type = NULL;
  g_autoptr(GPtrArray) palette = NULL;

  g_assert_nonnull (english);
  g_assert_nonnull (french);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (english)), ==, "Person");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (french)), ==, "Personne");

  type_into (GTK_WINDOW (preferences), GTK_WIDGET (english), "Human", TRUE);
  type = dup_type (fixture, person);
  g_assert_cmpstr (tessera_annotation_type_get_label (type), ==, "Human");
  g_assert_cmpstr (tessera_annotation_type_get_label_for (type, "en"), ==, "Human");
  g_clear_object (&type);

  /* The palette (shown in the C locale: the type's own name) and the row follow. */
  palette = gui_dup_palette_labels (fixture);
  g_assert_cmpstr (g_ptr_array_index (palette, 0), ==, "Human");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Human");

  type_into (GTK_WINDOW (preferences), GTK_WIDGET (french), "Humain", TRUE);
  type = dup_type (fixture, person);
  g_assert_cmpstr (tessera_annotation_type_get_label_for (type, "fr"), ==, "Humain");
  g_assert_cmpstr (tessera_annotation_type_get_label (type), ==, "Human");
  g_clear_object (&type);

  /* A type keeps a name: an empty English name is refused. */
  type_into (GTK_WINDOW (preferences), GTK_WIDGET (english), "", TRUE);
  type = dup_type (fixture, person);
  g_assert_cmpstr (tessera_annotation_type_get_label (type), ==, "Human");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (english)), ==, "Human");

  close_preferences (preferences);
}

static void
test_recolour_type (GuiFixture    *fixture,
                    gconstpointer  data)
{
  AdwPreferencesWindow *preferences = open_preferences (fixture, "tagset");
  gint64 place = gui_type_id (fixture, "place");
  TesseraAnnotationTypeRow *row = type_row (preferences, place);
  GtkWidget *button = named (row, GTK_TYPE_COLOR_BUTTON, NULL);
  GdkRGBA pink = { 1.0, 0.0, 0.5, 1.0 };
  g_autoptr(TesseraAnnotationType) type = dup_type (fixture, place);
  GtkTextView *view = GTK_TEXT_VIEW (gui_text_view (fixture));
  TesseraRange burkina = gui_find_range (fixture, "Burkina Faso", 1);
  GdkRGBA green, background, painted;

  /* A place in the article, painted in the type's colour. */
  g_assert_true (gdk_rgba_parse (&green, tessera_annotation_type_get_color (type)));
  g_clear_object (&type);
  gui_add_annotation (fixture, "Burkina Faso", "place");
  gui_painted_at (view, burkina.start + 1, &background, &painted);
  g_assert_true (gui_is_tinted_with (&painted, &background, &green));
  g_assert_false (gui_is_tinted_with (&painted, &background, &pink));

  /* What the colour chooser dialog does when the user picks a colour. */
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (button), &pink);
  g_signal_emit_by_name (button, "color-set");

  type = dup_type (fixture, place);
  g_assert_cmpstr (tessera_annotation_type_get_color (type), ==, "#ff0080");

  /* The article paints the type in its new colour. */
  gui_painted_at (view, burkina.start + 1, &background, &painted);
  g_assert_true (gui_is_tinted_with (&painted, &background, &pink));

  close_preferences (preferences);
}

static void
test_change_shortcut (GuiFixture    *fixture,
                      gconstpointer  data)
{
  AdwPreferencesWindow *preferences = open_preferences (fixture, "tagset");
  gint64 event = gui_type_id (fixture, "event");
  TesseraAnnotationTypeRow *row = type_row (preferences, event);
  GtkWidget *entry = named (row, GTK_TYPE_ENTRY, NULL);
  AdwActionRow *key_row = ADW_ACTION_ROW (gui_find_row (GTK_WIDGET (row), ADW_TYPE_ACTION_ROW,
                                                        "Key"));
  g_autoptr(TesseraAnnotationType) type = NULL;
  g_autoptr(GPtrArray) found = NULL;
  TesseraRange range;

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "5");

  /* Person's key: refused, and said so beside the field. */
  type_into (GTK_WINDOW (preferences), entry, "1", FALSE);
  type = dup_type (fixture, event);
  g_assert_cmpstr (tessera_annotation_type_get_shortcut (type), ==, "5");
  g_clear_object (&type);
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (key_row), "already the key of “Person”"));

  /* A free key is taken at once. */
  type_into (GTK_WINDOW (preferences), entry, "e", FALSE);
  type = dup_type (fixture, event);
  g_assert_cmpstr (tessera_annotation_type_get_shortcut (type), ==, "e");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  close_preferences (preferences);

  /* In the article, the new key marks with the type; the old one no longer does. */
  range = gui_find_range (fixture, "Assimi Goïta", 1);
  tessera_text_view_select_text (gui_text_view (fixture), range.start, range.end);
  gtk_widget_grab_focus (GTK_WIDGET (gui_text_view (fixture)));
  gui_xdotool (GTK_WINDOW (fixture->window), "key", "e", NULL);
  found = tessera_text_view_dup_annotations_at (gui_text_view (fixture), range.start + 1);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (tessera_annotation_get_type_id (g_ptr_array_index (found, 0)), ==, event);
  g_clear_pointer (&found, g_ptr_array_unref);

  range = gui_find_range (fixture, "Burkina Faso", 1);
  tessera_text_view_select_text (gui_text_view (fixture), range.start, range.end);
  gui_xdotool (GTK_WINDOW (fixture->window), "key", "5", NULL);
  found = tessera_text_view_dup_annotations_at (gui_text_view (fixture), range.start + 1);
  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_reorder_types (GuiFixture    *fixture,
                    gconstpointer  data)
{
  AdwPreferencesWindow *preferences = open_preferences (fixture, "tagset");
  TesseraAnnotationTypeRow *row = type_row (preferences, gui_type_id (fixture, "event"));
  GtkWidget *up = named (row, GTK_TYPE_BUTTON, "move-up");
  GtkWidget *down = named (row, GTK_TYPE_BUTTON, "move-down");
  const char *before = "Person,Organisation,Place,Date,Event,Role,Other,Claim,Cue";

  gui_wait_string (dup_palette_string, fixture, before);
  click (up);
  gui_wait_string (dup_palette_string, fixture,
                   "Person,Organisation,Place,Event,Date,Role,Other,Claim,Cue");
  g_assert_cmpuint (tessera_annotation_type_row_get_position (row), ==, 3);
  /* The rows follow the palette. */
  g_assert_true (GTK_WIDGET (gtk_list_box_get_row_at_index (
                   GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (row))), 3)) == GTK_WIDGET (row));

  /* With the keyboard: the button keeps the focus as the row moves. */
  g_assert_true (gtk_widget_grab_focus (down));
  gui_xdotool (GTK_WINDOW (preferences), "key", "space", NULL);
  gui_wait_string (dup_palette_string, fixture, before);
  g_assert_true (gtk_widget_has_focus (down));

  /* The first type cannot go further up. */
  row = type_row (preferences, gui_type_id (fixture, "person"));
  g_assert_false (gtk_widget_get_sensitive (named (row, GTK_TYPE_BUTTON, "move-up")));

  close_preferences (preferences);
}

static void
test_add_type (GuiFixture    *fixture,
               gconstpointer  data)
{
  AdwPreferencesWindow *preferences = open_preferences (fixture, "tagset");
  g_autoptr(TesseraAnnotationType) type = NULL;
  g_autoptr(GPtrArray) palette = NULL;
  AdwPreferencesRow *name_row;
  GtkWindow *dialog;
  TesseraAnnotationTypeRow *row;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preferences), "preferences.add-type",
                                             NULL));
  dialog = gui_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  name_row = gui_find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Name");
  g_assert_nonnull (name_row);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));

  type_into (dialog, GTK_WIDGET (name_row), "Lieu de culte", TRUE);
  gui_wait_no_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  type = tessera_store_find_annotation_type (gui_store (fixture), "lieu-de-culte");
  g_assert_nonnull (type);
  g_assert_cmpstr (tessera_annotation_type_get_label (type), ==, "Lieu de culte");
  g_assert_cmpint (tessera_annotation_type_get_kind (type), ==, TESSERA_KIND_ENTITY);
  /* 1 to 9 are taken by the default types. */
  g_assert_cmpstr (tessera_annotation_type_get_shortcut (type), ==, "0");
  g_assert_cmpstr (tessera_annotation_type_get_color (type), ==, "#3584e4");

  palette = gui_dup_palette_labels (fixture);
  g_assert_cmpuint (palette->len, ==, 10);
  g_assert_cmpstr (g_ptr_array_index (palette, 9), ==, "Lieu de culte");

  /* Its row is open, ready for the rest. */
  row = type_row (preferences, tessera_annotation_type_get_id (type));
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));

  close_preferences (preferences);
}

static void
test_delete_unused_type (GuiFixture    *fixture,
                         gconstpointer  data)
{
  g_autoptr(TesseraAnnotationType) spare = tessera_annotation_type_new ("spare", "Spare",
                                                                        TESSERA_KIND_ENTITY);
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAnnotationType) restored = NULL;
  g_autoptr(GPtrArray) palette = NULL;
  AdwPreferencesWindow *preferences;
  TesseraAnnotationTypeRow *row;
  g_autofree char *row_name = NULL;
  gint64 id;

  id = tessera_store_add_annotation_type (gui_store (fixture), spare, &error);
  g_assert_no_error (error);
  preferences = open_preferences (fixture, "tagset");
  row = type_row (preferences, id);

  /* Nothing uses it: it goes without a question, with an undo button. */
  click (named (row, GTK_TYPE_BUTTON, "delete"));
  g_assert_null (dup_type (fixture, id));
  g_assert_null (gui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  row_name = g_strdup_printf ("type-%" G_GINT64_FORMAT, id);
  g_assert_null (gui_find_widget (GTK_WIDGET (preferences), TESSERA_TYPE_ANNOTATION_TYPE_ROW,
                                  row_name));
  palette = gui_dup_palette_labels (fixture);
  g_assert_cmpuint (palette->len, ==, 9);

  /* Ctrl+Z in the preferences is the project's undo. */
  gtk_widget_grab_focus (GTK_WIDGET (type_row (preferences, gui_type_id (fixture, "person"))));
  gui_xdotool (GTK_WINDOW (preferences), "key", "ctrl+z", NULL);
  restored = dup_type (fixture, id);
  g_assert_nonnull (restored);
  g_assert_cmpstr (tessera_annotation_type_get_label (restored), ==, "Spare");
  g_assert_nonnull (gui_find_widget (GTK_WIDGET (preferences), TESSERA_TYPE_ANNOTATION_TYPE_ROW,
                                     row_name));

  close_preferences (preferences);
}

static AdwComboRow *
replacement_row (GtkWindow *dialog)
{
  AdwPreferencesRow *row = gui_find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "Convert Them To");

  g_assert_nonnull (row);
  return ADW_COMBO_ROW (row);
}

static guint
position_of (AdwComboRow *row,
             const char  *label)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), label) == 0)
        return i;
    }
  g_assert_not_reached ();
  return 0;
}

/* What a click on a button of the dialog does. */
static void
respond (GtkWindow  *dialog,
         const char *response)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_close (dialog);
  gui_wait_no_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

static void
test_delete_used_type (GuiFixture    *fixture,
                       gconstpointer  data)
{
  gint64 other = gui_type_id (fixture, "other");
  gint64 place = gui_type_id (fixture, "place");
  gint64 first = gui_add_annotation (fixture, "Assimi Goïta", "other");
  gint64 second = gui_add_annotation (fixture, "Burkina Faso", "other");
  AdwPreferencesWindow *preferences = open_preferences (fixture, "tagset");
  TesseraAnnotationTypeRow *row = type_row (preferences, other);
  g_autoptr(TesseraAnnotation) annotation = NULL;
  g_autoptr(TesseraAnnotationType) restored = NULL;
  g_autofree char *palette = NULL;
  GtkWindow *dialog;
  AdwComboRow *combo;

  /* Cancel leaves everything as it was. */
  click (named (row, GTK_TYPE_BUTTON, "delete"));
  dialog = gui_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "used by 2 annotations"));
  respond (dialog, "cancel");
  g_assert_nonnull (dup_type (fixture, other));

  /* Convert them to Place: only types of the same kind are offered. */
  click (named (row, GTK_TYPE_BUTTON, "delete"));
  dialog = gui_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  combo = replacement_row (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (combo)), ==, 6);
  adw_combo_row_set_selected (combo, position_of (combo, "Place"));
  respond (dialog, "convert");

  g_assert_null (dup_type (fixture, other));
  annotation = tessera_store_dup_annotation (gui_store (fixture), first, NULL);
  g_assert_cmpint (tessera_annotation_get_type_id (annotation), ==, place);
  g_clear_object (&annotation);
  annotation = tessera_store_dup_annotation (gui_store (fixture), second, NULL);
  g_assert_cmpint (tessera_annotation_get_type_id (annotation), ==, place);
  g_clear_object (&annotation);
  palette = dup_palette_string (fixture);
  g_assert_cmpstr (palette, ==, "Person,Organisation,Place,Date,Event,Role,Claim,Cue");
  g_clear_pointer (&palette, g_free);
  close_preferences (preferences);

  /* Ctrl+Z in the main window brings the type and its annotations back. */
  press_undo_in_main_window (fixture);
  restored = dup_type (fixture, other);
  g_assert_nonnull (restored);
  g_assert_cmpstr (tessera_annotation_type_get_shortcut (restored), ==, "7");
  annotation = tessera_store_dup_annotation (gui_store (fixture), first, NULL);
  g_assert_cmpint (tessera_annotation_get_type_id (annotation), ==, other);
  g_clear_object (&annotation);
  annotation = tessera_store_dup_annotation (gui_store (fixture), second, NULL);
  g_assert_cmpint (tessera_annotation_get_type_id (annotation), ==, other);
  palette = dup_palette_string (fixture);
  g_assert_cmpstr (palette, ==, "Person,Organisation,Place,Date,Event,Role,Other,Claim,Cue");
}

/* Relation types ------------------------------------------------------------------------ */

static GtkWidget *
relation_type_row (AdwPreferencesWindow *preferences,
                   GuiFixture           *fixture,
                   const char           *key)
{
  g_autoptr(TesseraRelationType) type = tessera_store_lookup_relation_type (gui_store (fixture),
                                                                            key);
  g_autofree char *name = NULL;
  GtkWidget *row;

  g_assert_nonnull (type);
  name = g_strdup_printf ("relation-type-%" G_GINT64_FORMAT, tessera_relation_type_get_id (type));
  row = named (preferences, TESSERA_TYPE_RELATION_TYPE_ROW, name);
  gui_expand_row (ADW_EXPANDER_ROW (row));
  return row;
}

/* @data: the GuiFixture */
static char *
dup_relation_type_keys (gpointer data)
{
  g_autoptr(GPtrArray) types = tessera_store_dup_relation_types (gui_store (data), NULL);
  g_autoptr(GString) keys = g_string_new (NULL);

  for (guint i = 0; i < types->len; i++)
    g_string_append_printf (keys, "%s%s", i > 0 ? "," : "",
                            tessera_relation_type_get_key (g_ptr_array_index (types, i)));
  return g_strdup (keys->str);
}

/* The type of the relation @relation_id from the annotation @source_id. */
static char *
dup_relation_type_of (GuiFixture *fixture,
                      gint64      source_id,
                      gint64      relation_id)
{
  g_autoptr(TesseraAnnotation) source = tessera_store_dup_annotation (gui_store (fixture),
                                                                      source_id, NULL);
  g_autoptr(GPtrArray) relations =
    tessera_store_dup_relations (gui_store (fixture), tessera_annotation_get_document_id (source),
                                 NULL);

  for (guint i = 0; i < relations->len; i++)
    {
      TesseraRelation *relation = g_ptr_array_index (relations, i);

      if (relation->id == relation_id)
        return g_strdup (relation->type);
    }
  return NULL;
}

static gboolean
supports_crosses_documents (gpointer data)
{
  g_autoptr(TesseraRelationType) type = tessera_store_lookup_relation_type (gui_store (data),
                                                                            "supports");

  return tessera_relation_type_get_crosses_documents (type);
}

static void
test_edit_relation_types (GuiFixture    *fixture,
                          gconstpointer  data)
{
  AdwPreferencesWindow *preferences = open_preferences (fixture, "tagset");
  GtkWidget *row = relation_type_row (preferences, fixture, "supports");
  GtkWidget *french = named (row, ADW_TYPE_ENTRY_ROW, "french");
  g_autoptr(TesseraRelationType) type = NULL;

  /* The ends of the list cannot move further. */
  g_assert_false (gtk_widget_get_sensitive (named (row, GTK_TYPE_BUTTON, "move-up")));
  g_assert_false (gtk_widget_get_sensitive (named (relation_type_row (preferences, fixture,
                                                                      "same-as"),
                                                   GTK_TYPE_BUTTON, "move-down")));

  /* Its names and its TEI name, as typed. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (french)), ==, "Soutient");
  type_into (GTK_WINDOW (preferences), french, "Appuie", TRUE);
  type = tessera_store_lookup_relation_type (gui_store (fixture), "supports");
  g_assert_cmpstr (tessera_relation_type_get_label_for (type, "fr"), ==, "Appuie");
  g_clear_object (&type);
  type_into (GTK_WINDOW (preferences), named (row, ADW_TYPE_ENTRY_ROW, "tei-name"), "support",
             TRUE);
  type = tessera_store_lookup_relation_type (gui_store (fixture), "supports");
  g_assert_cmpstr (tessera_relation_type_get_tei_name (type), ==, "support");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==,
                   "<relation name=\"support\">");

  /* Whether it may join two documents: its switch, by keyboard. */
  {
    GtkWidget *crosses = named (row, GTK_TYPE_SWITCH, "crosses");

    g_assert_false (gtk_switch_get_active (GTK_SWITCH (crosses)));
    g_assert_true (gtk_switch_get_active (GTK_SWITCH (named (relation_type_row (preferences,
                                                                                 fixture,
                                                                                 "same-claim"),
                                                              GTK_TYPE_SWITCH, "crosses"))));
    g_assert_true (gtk_widget_grab_focus (crosses));
    gui_xdotool (GTK_WINDOW (preferences), "key", "space", NULL);
    gui_await (supports_crosses_documents, fixture, "Supports to join two documents");
  }

  /* Reordered by its buttons. */
  click (named (row, GTK_TYPE_BUTTON, "move-down"));
  gui_wait_string (dup_relation_type_keys, fixture,
                   "contradicts,supports,same-claim,part-of,same-as");
  g_assert_true (gtk_widget_get_sensitive (named (row, GTK_TYPE_BUTTON, "move-up")));

  /* Ctrl+Z in the preferences (outside a text field) undoes the move. */
  g_assert_true (gtk_widget_grab_focus (named (row, GTK_TYPE_BUTTON, "move-up")));
  gui_xdotool (GTK_WINDOW (preferences), "key", "ctrl+z", NULL);
  gui_wait_string (dup_relation_type_keys, fixture,
                   "supports,contradicts,same-claim,part-of,same-as");

  close_preferences (preferences);
}

static void
test_add_and_delete_relation_type (GuiFixture    *fixture,
                                   gconstpointer  data)
{
  AdwPreferencesWindow *preferences = open_preferences (fixture, "tagset");
  gint64 first = gui_add_annotation (fixture, "Assimi Goïta", "person");
  gint64 second = gui_add_annotation (fixture, "Burkina Faso", "place");
  g_autoptr(GError) error = NULL;
  g_autofree char *type_of = NULL;
  AdwPreferencesRow *name_row;
  GtkWindow *dialog;
  AdwComboRow *combo;
  GtkWidget *row;
  gint64 relation;

  click (named (preferences, GTK_TYPE_BUTTON, "add-relation-type"));
  dialog = gui_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  name_row = gui_find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Name in English");
  g_assert_nonnull (name_row);
  type_into (dialog, GTK_WIDGET (name_row), "Cites", TRUE);
  gui_wait_no_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  gui_wait_string (dup_relation_type_keys, fixture,
                   "supports,contradicts,same-claim,part-of,same-as,cites");
  row = relation_type_row (preferences, fixture, "cites");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));

  /* In use: deleted once its relations have another type. */
  relation = tessera_store_add_relation (gui_store (fixture), "cites", first, second, NULL,
                                         &error);
  g_assert_no_error (error);
  click (named (row, GTK_TYPE_BUTTON, "delete"));
  dialog = gui_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "used by 1 relation"));
  combo = ADW_COMBO_ROW (gui_find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW,
                                       "Their New Type"));
  adw_combo_row_set_selected (combo, position_of (combo, "Same as"));
  respond (dialog, "convert");
  gui_wait_string (dup_relation_type_keys, fixture,
                   "supports,contradicts,same-claim,part-of,same-as");
  type_of = dup_relation_type_of (fixture, first, relation);
  g_assert_cmpstr (type_of, ==, "same-as");
  g_clear_pointer (&type_of, g_free);

  /* Undone from the main window: the type and its relation's type come back. */
  close_preferences (preferences);
  press_undo_in_main_window (fixture);
  gui_wait_string (dup_relation_type_keys, fixture,
                   "supports,contradicts,same-claim,part-of,same-as,cites");
  type_of = dup_relation_type_of (fixture, first, relation);
  g_assert_cmpstr (type_of, ==, "cites");
}

static double
article_font_size (GuiFixture *fixture)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (gui_text_view (fixture)));

  return pango_font_description_get_size (pango_context_get_font_description (context));
}

typedef struct
{
  GuiFixture *fixture;
  const char *annotator;
  gboolean    equal;
} AnnotatorWait;

static gboolean
annotator_is (gpointer data)
{
  AnnotatorWait *wait = data;

  return (g_strcmp0 (tessera_store_get_annotator (gui_store (wait->fixture)),
                     wait->annotator) == 0) == wait->equal;
}

typedef struct
{
  GuiFixture *fixture;
  double      size;
} SizeWait;

static gboolean
font_size_is (gpointer data)
{
  SizeWait *wait = data;

  return G_APPROX_VALUE (article_font_size (wait->fixture), wait->size, 0.02 * wait->size);
}

static gboolean
is_switched_off (gpointer data)
{
  return !gtk_switch_get_active (GTK_SWITCH (data));
}

static gboolean
font_family_is_serif (gpointer data)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (gui_text_view (data)));
  const PangoFontDescription *font = pango_context_get_font_description (context);

  return g_strcmp0 (pango_font_description_get_family (font), "Serif") == 0;
}

static void
test_settings_apply_live (GuiFixture    *fixture,
                          gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  AdwPreferencesWindow *preferences = open_preferences (fixture, "general");
  AdwPreferencesRow *name_row = gui_find_row (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW,
                                              "Your Name");
  AdwPreferencesRow *style_row = gui_find_row (GTK_WIDGET (preferences), ADW_TYPE_COMBO_ROW,
                                               "Style");
  AdwPreferencesRow *font_row = gui_find_row (GTK_WIDGET (preferences), ADW_TYPE_ACTION_ROW,
                                              "Use the Default Font");
  GtkWidget *spin = named (preferences, GTK_TYPE_SPIN_BUTTON, NULL);
  GtkWidget *font_switch = named (font_row, GTK_TYPE_SWITCH, NULL);
  g_autofree char *scheme = NULL;
  g_autofree char *font = NULL;
  AnnotatorWait curie = { fixture, "Marie Curie", TRUE };
  SizeWait larger = { fixture, 0 };
  PangoContext *context;
  double normal_size;

  /* The name changes are recorded under, from the next change on. */
  g_assert_nonnull (name_row);
  type_into (GTK_WINDOW (preferences), GTK_WIDGET (name_row), "Marie Curie", FALSE);
  gui_wait_text (GTK_EDITABLE (name_row), "Marie Curie");
  gui_await (annotator_is, &curie, "the project to record changes under “Marie Curie”");
  gui_add_annotation (fixture, "Assimi Goïta", "person");
  {
    g_auto(GStrv) annotators = tessera_store_dup_annotators (gui_store (fixture), NULL);

    g_assert_true (g_strv_contains ((const char * const *) annotators, "Marie Curie"));
  }
  type_into (GTK_WINDOW (preferences), GTK_WIDGET (name_row), "", FALSE);
  curie.equal = FALSE;
  gui_await (annotator_is, &curie, "the project to record changes under another name");

  /* Style. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (style_row), 2);
  scheme = g_settings_get_string (settings, "color-scheme");
  g_assert_cmpstr (scheme, ==, "force-dark");

  /* Text size: 150 % of the normal size. */
  normal_size = article_font_size (fixture);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 150);
  larger.size = 1.5 * normal_size;
  gui_await (font_size_is, &larger, "the article's text to be 150 % of its normal size");
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "text-scale"), 1.5, 0.001);
  g_assert_cmpfloat_with_epsilon (article_font_size (fixture) / normal_size, 1.5, 0.02);

  /* Font: off the default, then a family of one's own. */
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (font_switch)));
  g_assert_true (gtk_widget_grab_focus (font_switch));
  gui_xdotool (GTK_WINDOW (preferences), "key", "space", NULL);
  /* The switch moves with an animation, then changes state. */
  gui_await (is_switched_off, font_switch, "the switch to be off");
  font = g_settings_get_string (settings, "font");
  g_assert_cmpstr (font, !=, "");
  g_settings_set_string (settings, "font", "Serif Bold");
  gui_await (font_family_is_serif, fixture, "the article's font to be Serif");
  context = gtk_widget_get_pango_context (GTK_WIDGET (gui_text_view (fixture)));
  g_assert_cmpstr (pango_font_description_get_family (pango_context_get_font_description (context)),
                   ==, "Serif");
  g_assert_cmpint (pango_font_description_get_weight (pango_context_get_font_description (context)),
                   ==, PANGO_WEIGHT_BOLD);
  g_assert_cmpfloat_with_epsilon (article_font_size (fixture) / normal_size, 1.5, 0.02);

  close_preferences (preferences);
}

int
main (int   argc,
      char *argv[])
{
  gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/gui/preferences/" path, GuiFixture, NULL, gui_fixture_set_up, func, \
              gui_fixture_tear_down)

  ADD ("rename-type", test_rename_type);
  ADD ("recolour-type", test_recolour_type);
  ADD ("change-shortcut", test_change_shortcut);
  ADD ("reorder-types", test_reorder_types);
  ADD ("add-type", test_add_type);
  ADD ("delete-unused-type", test_delete_unused_type);
  ADD ("delete-used-type", test_delete_used_type);
  ADD ("settings-apply-live", test_settings_apply_live);
  ADD ("edit-relation-types", test_edit_relation_types);
  ADD ("add-and-delete-relation-type", test_add_and_delete_relation_type);

  return g_test_run ();
}
