/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gdk/x11/gdkx.h>
#include <adwaita.h>

#include "tessera-annotation-list-view.h"
#include "tessera-claim-section.h"
#include "tessera-entity-chooser.h"
#include "tessera-entity-section.h"
#include "tessera-export-dialog.h"
#include "tessera-import-queue.h"
#include "tessera-inspector.h"
#include "tessera-text-view.h"
#include "tessera-window.h"

#include "dummy-exporter.h"
#include "gui-helpers.h"

/*
 * The real window, driven like a user would: text selected in the article, keys typed and
 * clicks made through the X server (xdotool), then the project checked in SQLite.
 */

typedef GuiFixture Fixture;

/* X11 input through the real server ------------------------------------------------------ */

static gulong
xid_of (Fixture *fixture)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (fixture->window));

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  return (gulong) gdk_x11_surface_get_xid (surface);
}

/* Returns once the window has handled the input. */
#define xdotool(fixture, ...) gui_xdotool (GTK_WINDOW ((fixture)->window), __VA_ARGS__)

static void
click_offset (Fixture *fixture,
              guint    offset)
{
  GtkTextView *view = GTK_TEXT_VIEW (gui_text_view (fixture));
  GtkTextIter iter;
  GdkRectangle location;
  int wx, wy;
  double x, y;
  g_autofree char *xs = NULL;
  g_autofree char *ys = NULL;
  g_autofree char *window = g_strdup_printf ("%lu", xid_of (fixture));

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter, (int) offset);
  gtk_text_view_get_iter_location (view, &iter, &location);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET,
                                         location.x + location.width / 2 + 1,
                                         location.y + location.height / 2, &wx, &wy);
  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (view), GTK_WIDGET (fixture->window),
                                                   wx, wy, &x, &y));
  xs = g_strdup_printf ("%d", (int) x);
  ys = g_strdup_printf ("%d", (int) y);
  xdotool (fixture, "mousemove", "--window", window, xs, ys, "click", "1", NULL);
}

/* Whether the character at @offset is painted with the tint of the type @type. */
static gboolean
has_tint_at (Fixture *fixture,
             gint64   type,
             guint    offset)
{
  g_autoptr(TesseraAnnotationType) annotation_type =
    tessera_store_dup_annotation_type (gui_store (fixture), type);
  GdkRGBA color, background, painted;

  g_assert_nonnull (annotation_type);
  g_assert_true (gdk_rgba_parse (&color, tessera_annotation_type_get_color (annotation_type)));
  gui_painted_at (GTK_TEXT_VIEW (gui_text_view (fixture)), offset, &background, &painted);
  return gui_is_tinted_with (&painted, &background, &color);
}

typedef struct
{
  Fixture *fixture;
  guint    count;
} CountWait;

static guint
annotation_count (Fixture *fixture)
{
  g_autoptr(GPtrArray) all = tessera_store_dup_annotations (gui_store (fixture),
                                                            tessera_window_get_document_id (fixture->window),
                                                            NULL);
  return all->len;
}

static gboolean
has_count (gpointer data)
{
  CountWait *wait = data;

  return annotation_count (wait->fixture) == wait->count;
}

static void
wait_for_count (Fixture *fixture,
                guint    count)
{
  CountWait wait = { fixture, count };

  gui_wait_until (has_count, &wait, GUI_WAIT_TIMEOUT_MS);
  g_assert_cmpuint (annotation_count (fixture), ==, count);
}

static TesseraAnnotation *
only_annotation_at (Fixture *fixture,
                    guint    offset)
{
  g_autoptr(GPtrArray) found = tessera_text_view_dup_annotations_at (gui_text_view (fixture), offset);

  g_assert_cmpuint (found->len, ==, 1);
  return g_object_ref (g_ptr_array_index (found, 0));
}

static gint64
mark_with_key (Fixture    *fixture,
               const char *needle,
               const char *key)
{
  TesseraRange range = gui_find_range (fixture, needle, 1);
  guint before = annotation_count (fixture);
  g_autoptr(TesseraAnnotation) annotation = NULL;

  tessera_text_view_select_text (gui_text_view (fixture), range.start, range.end);
  gtk_widget_grab_focus (GTK_WIDGET (gui_text_view (fixture)));
  xdotool (fixture, "key", key, NULL);
  wait_for_count (fixture, before + 1);

  annotation = only_annotation_at (fixture, range.start + (range.end - range.start) / 2);
  return tessera_annotation_get_id (annotation);
}

/* Tests ------------------------------------------------------------------------------ */

static void
test_open_project (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *documents = tessera_store_get_documents (gui_store (fixture));
  const char *text = tessera_text_view_get_text (gui_text_view (fixture));

  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 5);
  g_assert_cmpint (tessera_window_get_document_id (fixture->window), >, 0);
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "Les chefs d’état-major"));
}

static void
test_mark_by_key (Fixture       *fixture,
                  gconstpointer  data)
{
  TesseraRange range = gui_find_range (fixture, "Assimi Goïta", 1);
  gint64 id = mark_with_key (fixture, "Assimi Goïta", "1");
  g_autoptr(TesseraAnnotation) annotation = tessera_store_dup_annotation (gui_store (fixture), id, NULL);

  g_assert_nonnull (annotation);
  g_assert_cmpint (tessera_annotation_get_type_id (annotation), ==, gui_type_id (fixture, "person"));
  g_assert_cmpuint (tessera_annotation_get_start (annotation), ==, range.start);
  g_assert_cmpuint (tessera_annotation_get_end (annotation), ==, range.end);
  g_assert_true (has_tint_at (fixture, gui_type_id (fixture, "person"), range.start));
  g_assert_false (has_tint_at (fixture, gui_type_id (fixture, "person"), range.end));
  g_assert_cmpint (tessera_text_view_get_selected (gui_text_view (fixture)), ==, id);

  /* The same span and key again changes nothing. */
  tessera_text_view_select_text (gui_text_view (fixture), range.start, range.end);
  xdotool (fixture, "key", "1", NULL);
  g_assert_cmpuint (annotation_count (fixture), ==, 1);
}

static void
test_selection_snaps_to_words (Fixture       *fixture,
                               gconstpointer  data)
{
  TesseraRange whole = gui_find_range (fixture, "Assimi Goïta", 1);
  g_autoptr(TesseraAnnotation) annotation = NULL;

  /* "ssimi Go" plus the blank before it. */
  tessera_text_view_select_text (gui_text_view (fixture), whole.start + 1, whole.end - 3);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.mark", "x",
                              gui_type_id (fixture, "person"));
  wait_for_count (fixture, 1);

  annotation = only_annotation_at (fixture, whole.start + 2);
  g_assert_cmpuint (tessera_annotation_get_start (annotation), ==, whole.start);
  g_assert_cmpuint (tessera_annotation_get_end (annotation), ==, whole.end);
}

static void
test_claim_source_by_picking (Fixture       *fixture,
                              gconstpointer  data)
{
  TesseraInspector *inspector = TESSERA_INSPECTOR (tessera_window_get_inspector (fixture->window));
  TesseraRange person_range = gui_find_range (fixture, "Oumar Diarra", 1);
  gint64 person = mark_with_key (fixture, "Oumar Diarra", "1");
  gint64 cue = mark_with_key (fixture, "Selon", "9");
  gint64 claim = mark_with_key (fixture, "ce plan permettra d’insuffler un nouveau dynamisme", "8");
  g_autoptr(TesseraClaim) stored = NULL;

  g_assert_cmpint (tessera_text_view_get_selected (gui_text_view (fixture)), ==, claim);
  stored = tessera_store_dup_claim (gui_store (fixture), claim, NULL);
  g_assert_nonnull (stored);
  g_assert_false (tessera_claim_is_complete (stored));
  g_clear_object (&stored);

  /* Pick the source: a click on the mention in the text. */
  tessera_inspector_pick_source (inspector);
  g_assert_true (tessera_inspector_is_picking (inspector));
  g_assert_true (tessera_text_view_get_pick_mode (gui_text_view (fixture)));
  click_offset (fixture, person_range.start + 2);
  g_assert_false (tessera_text_view_get_pick_mode (gui_text_view (fixture)));

  /* Then the cue. */
  tessera_text_view_select (gui_text_view (fixture), claim, FALSE);
  tessera_inspector_pick_cue (inspector);
  click_offset (fixture, gui_find_range (fixture, "Selon", 1).start + 2);
  g_assert_false (tessera_text_view_get_pick_mode (gui_text_view (fixture)));

  stored = tessera_store_dup_claim (gui_store (fixture), claim, NULL);
  g_assert_cmpint (tessera_claim_get_source_annotation_id (stored), ==, person);
  g_assert_cmpint (tessera_claim_get_cue_annotation_id (stored), ==, cue);
  g_assert_true (tessera_claim_is_complete (stored));
}

/* The inspector shows the claim section for a claim only; its drop-downs and entries write
 * one field each, undone in one step, and a date that is not ISO 8601 is refused. */
static void
test_claim_fields (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *inspector = tessera_window_get_inspector (fixture->window);
  GType type = TESSERA_TYPE_INSPECTOR;
  GtkWidget *claim_section = GTK_WIDGET (gtk_widget_get_template_child (inspector, type,
                                                                        "claim_section"));
  GtkWidget *entity_section = GTK_WIDGET (gtk_widget_get_template_child (inspector, type,
                                                                         "entity_section"));
  AdwComboRow *factuality;
  AdwEntryRow *date;
  GListModel *items;
  guint position = GTK_INVALID_LIST_POSITION;
  gint64 claim;
  g_autoptr(TesseraClaim) stored = NULL;

  type = TESSERA_TYPE_CLAIM_SECTION;
  factuality = ADW_COMBO_ROW (gtk_widget_get_template_child (claim_section, type,
                                                             "factuality_row"));
  date = ADW_ENTRY_ROW (gtk_widget_get_template_child (claim_section, type, "date_row"));
  items = adw_combo_row_get_model (factuality);

  mark_with_key (fixture, "Oumar Diarra", "1");
  g_assert_true (gtk_widget_get_visible (entity_section));
  g_assert_false (gtk_widget_get_visible (claim_section));
  claim = mark_with_key (fixture, "ce plan permettra d’insuffler un nouveau dynamisme", "8");
  g_assert_cmpint (tessera_inspector_get_annotation (TESSERA_INSPECTOR (inspector)), ==, claim);
  g_assert_false (gtk_widget_get_visible (entity_section));
  g_assert_true (gtk_widget_get_visible (claim_section));

  /* FactBank codes are offered with their meaning. */
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (items, i);

      if (g_str_equal (gtk_string_object_get_string (item), "PR+ — probable, positive"))
        position = i;
    }
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  adw_combo_row_set_selected (factuality, position);
  stored = gui_dup_claim (fixture, claim);
  g_assert_cmpstr (tessera_claim_get_factuality (stored), ==, "PR+");
  g_clear_object (&stored);

  gtk_editable_set_text (GTK_EDITABLE (date), "18 mars");
  g_signal_emit_by_name (date, "apply");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (date), "error"));
  stored = gui_dup_claim (fixture, claim);
  g_assert_null (tessera_claim_get_statement_date (stored));
  g_clear_object (&stored);

  gtk_editable_set_text (GTK_EDITABLE (date), "2024-03-18");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (date), "error"));
  g_signal_emit_by_name (date, "apply");
  stored = gui_dup_claim (fixture, claim);
  g_assert_cmpstr (tessera_claim_get_statement_date (stored), ==, "2024-03-18");
  g_clear_object (&stored);

  /* One undo takes back the date, not the factuality. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  stored = gui_dup_claim (fixture, claim);
  g_assert_null (tessera_claim_get_statement_date (stored));
  g_assert_cmpstr (tessera_claim_get_factuality (stored), ==, "PR+");
}

static void
test_link_new_entity (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 mention = mark_with_key (fixture, "Assimi Goïta", "1");
  GtkWidget *inspector = tessera_window_get_inspector (fixture->window);
  g_autoptr(TesseraAnnotation) annotation = NULL;
  g_autoptr(TesseraEntity) entity = NULL;

  g_assert_cmpint (tessera_inspector_get_annotation (TESSERA_INSPECTOR (inspector)), ==, mention);
  g_assert_true (gtk_widget_activate_action (inspector, "inspector.new-entity", NULL));

  annotation = tessera_store_dup_annotation (gui_store (fixture), mention, NULL);
  g_assert_cmpint (tessera_annotation_get_entity_id (annotation), >, 0);
  entity = tessera_store_dup_entity (gui_store (fixture),
                                     tessera_annotation_get_entity_id (annotation), NULL);
  g_assert_cmpstr (tessera_entity_get_name (entity), ==, "Assimi Goïta");
  g_assert_cmpint (tessera_entity_get_type_id (entity), ==, gui_type_id (fixture, "person"));
}

static void
test_undo_redo_delete (Fixture       *fixture,
                       gconstpointer  data)
{
  TesseraRange range = gui_find_range (fixture, "Burkina Faso", 1);
  gint64 id = mark_with_key (fixture, "Burkina Faso", "3");

  /* Delete with the key, undo and redo with theirs. */
  tessera_text_view_select (gui_text_view (fixture), id, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (gui_text_view (fixture)));
  xdotool (fixture, "key", "Delete", NULL);
  wait_for_count (fixture, 0);
  g_assert_false (has_tint_at (fixture, gui_type_id (fixture, "place"), range.start));

  xdotool (fixture, "key", "ctrl+z", NULL);
  wait_for_count (fixture, 1);
  g_assert_true (has_tint_at (fixture, gui_type_id (fixture, "place"), range.start));

  xdotool (fixture, "key", "ctrl+shift+z", NULL);
  wait_for_count (fixture, 0);

  xdotool (fixture, "key", "ctrl+z", NULL);
  wait_for_count (fixture, 1);
}

static void
test_reopen_keeps_everything (Fixture       *fixture,
                              gconstpointer  data)
{
  TesseraRange range = gui_find_range (fixture, "Célestin Simporé", 1);
  gint64 id = mark_with_key (fixture, "Célestin Simporé", "1");

  gui_close_window (fixture);
  gui_open_window (fixture);

  g_assert_cmpuint (annotation_count (fixture), ==, 1);
  g_assert_true (has_tint_at (fixture, gui_type_id (fixture, "person"), range.start + 1));
  {
    g_autoptr(TesseraAnnotation) annotation = only_annotation_at (fixture, range.start + 1);
    g_autofree char *description = NULL;

    g_assert_cmpint (tessera_annotation_get_id (annotation), ==, id);
    /* What the annotation list and the screen reader say, from the text several hundred
     * characters (some of them accented) into the article. */
    description = tessera_text_view_describe (gui_text_view (fixture), annotation);
    g_assert_cmpstr (description, ==, "Person «Célestin Simporé»");
  }

  /* Undo still works after the restart. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  wait_for_count (fixture, 0);
}

/* @data: where the dialog is; a weak pointer, NULL once the dialog closed */
static gboolean
export_finished (gpointer data)
{
  TesseraExportDialog **dialog = data;

  return *dialog == NULL || !tessera_export_dialog_is_busy (*dialog);
}

static gboolean
dialog_finalized (gpointer data)
{
  return *(TesseraExportDialog **) data == NULL;
}

static void
on_exported (TesseraExportDialog *dialog,
             const char          *destination,
             guint                n_files,
             gboolean             validated,
             guint               *count)
{
  *count = n_files;
}

/* Exports the window's document into @folder with a new dialog, presented; *@dialog is a
 * weak pointer to it, @exported counts the files it says it wrote. */
static void
start_export_dialog (Fixture              *fixture,
                     const char           *folder,
                     TesseraExportDialog **dialog,
                     guint                *exported)
{
  *dialog = tessera_export_dialog_new (GTK_WINDOW (fixture->window), gui_store (fixture),
                                       tessera_window_get_document_id (fixture->window));
  g_object_add_weak_pointer (G_OBJECT (*dialog), (gpointer *) dialog);
  g_signal_connect (*dialog, "exported", G_CALLBACK (on_exported), exported);
  gui_present (GTK_WINDOW (*dialog));
  tessera_export_dialog_start (*dialog, folder);
}

static void
test_export_dialog (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.tessera.Tessera");
  g_autofree char *schema = g_build_filename (fixture->dir, "root-must-be-foo.rng", NULL);
  g_autofree char *folder = g_build_filename (fixture->dir, "tei", NULL);
  g_autofree char *file = NULL;
  g_autofree char *contents = NULL;
  TesseraExportDialog *dialog;
  guint exported = 0;

  mark_with_key (fixture, "Assimi Goïta", "1");
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  /* A schema every TEI file breaks: the dialog must list the errors, with lines. */
  g_assert_true (g_file_set_contents (schema,
                                      "<element name=\"foo\" xmlns=\"http://relaxng.org/ns/structure/1.0\">"
                                      "<empty/></element>", -1, NULL));
  g_settings_set_string (settings, "relaxng-schema", schema);
  g_settings_set_boolean (settings, "export-corpus", FALSE);

  start_export_dialog (fixture, folder, &dialog, &exported);
  g_assert_true (tessera_export_dialog_is_busy (dialog));
  gui_await (export_finished, &dialog, "the export to finish");
  g_assert_nonnull (dialog);
  g_assert_cmpuint (exported, ==, 0);
  g_assert_cmpuint (tessera_export_dialog_get_n_problems (dialog), >, 0);
  gui_destroy_window ((GtkWindow **) &dialog);

  /* Without a schema the export succeeds, the dialog closes and says where. */
  g_settings_set_string (settings, "relaxng-schema", "");
  start_export_dialog (fixture, folder, &dialog, &exported);
  gui_await (export_finished, &dialog, "the export to finish");
  gui_await (dialog_finalized, &dialog, "the dialog to close");
  g_assert_cmpuint (exported, ==, 1);

  file = g_build_filename (folder, "", NULL);
  {
    g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
    const char *name = g_dir_read_name (dir);
    g_autofree char *path = NULL;

    g_assert_nonnull (name);
    path = g_build_filename (folder, name, NULL);
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "<TEI"));
    g_assert_nonnull (strstr (contents, "Assimi Goïta</persName>"));
    g_unlink (path);
  }
  g_rmdir (folder);
  g_unlink (schema);
}

/* A mapped label (its parents are mapped too) that shows @needle. */
static gboolean
is_label_showing (GtkWidget     *widget,
                  gconstpointer  needle)
{
  return gtk_widget_get_mapped (widget) && GTK_IS_LABEL (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), needle) != NULL;
}

/* The label under @root that shows @needle, if one is mapped. */
static GtkLabel *
find_label_showing (GtkWidget  *root,
                    const char *needle)
{
  return (GtkLabel *) gui_find_descendant (root, is_label_showing, needle);
}

typedef struct
{
  GtkWidget  *root;
  const char *needle;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return find_label_showing (wait->root, wait->needle) != NULL;
}

/* The SHA-256 of a file, read by another process: this one has the project open, and a
 * descriptor it closed would drop the locks of its connection. */
static char *
checksum_by_other_process (const char *path)
{
  const char *argv[] = { "sha256sum", path, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  return g_strndup (out, strcspn (out, " "));
}

/* The preferences row titled @title under @root, or NULL. */
static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The position of @name in the format drop-down, or G_MAXUINT. */
static guint
find_format (AdwComboRow *format_row,
             const char  *name)
{
  GListModel *names = adw_combo_row_get_model (format_row);

  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), name) == 0)
        return i;
    }
  return G_MAXUINT;
}

/* A format registered by the test (tests/dummy-exporter.c), which the dialog has never
 * heard of, is offered with its options, and exports with the values set there. */
static void
test_export_dialog_lists_registered_format (Fixture       *fixture,
                                            gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.tessera.Tessera");
  g_autofree char *destination = g_build_filename (fixture->dir, "titles.dummy", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(TesseraDocument) document = NULL;
  TesseraExportDialog *dialog;
  AdwComboRow *format_row;
  GtkWidget *prefix_row;
  guint exported = 0;
  guint dummy;

  g_settings_set_string (settings, "export-format", "tei");
  dialog = tessera_export_dialog_new (GTK_WINDOW (fixture->window), gui_store (fixture),
                                      tessera_window_get_document_id (fixture->window));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_connect (dialog, "exported", G_CALLBACK (on_exported), &exported);
  gui_present (GTK_WINDOW (dialog));

  /* TEI first, as last time, with its options; the formats of the registry all listed. */
  format_row = ADW_COMBO_ROW (find_row (GTK_WIDGET (dialog), "Format"));
  g_assert_nonnull (format_row);
  g_assert_cmpuint (adw_combo_row_get_selected (format_row), ==,
                    find_format (format_row, "TEI P5"));
  g_assert_cmpuint (find_format (format_row, "Plain text"), !=, G_MAXUINT);
  g_assert_nonnull (find_row (GTK_WIDGET (dialog), "Crossing Annotations"));
  g_assert_nonnull (find_row (GTK_WIDGET (dialog), "Leave the Text Unmarked"));
  g_assert_null (find_row (GTK_WIDGET (dialog), "Prefix"));

  dummy = find_format (format_row, "Dummy titles");
  g_assert_cmpuint (dummy, !=, G_MAXUINT);
  adw_combo_row_set_selected (format_row, dummy);
  g_assert_null (find_row (GTK_WIDGET (dialog), "Crossing Annotations"));
  prefix_row = find_row (GTK_WIDGET (dialog), "Prefix");
  g_assert_true (ADW_IS_ENTRY_ROW (prefix_row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (prefix_row)), ==, "- ");
  g_assert_nonnull (find_row (GTK_WIDGET (dialog), "Sabotage"));

  gtk_editable_set_text (GTK_EDITABLE (prefix_row), "# ");
  tessera_export_dialog_start (dialog, destination);
  gui_await (export_finished, &dialog, "the export to finish");
  gui_await (dialog_finalized, &dialog, "the dialog to close");
  g_assert_cmpuint (exported, ==, 1);

  document = tessera_store_dup_document (gui_store (fixture),
                                         tessera_window_get_document_id (fixture->window), NULL);
  expected = g_strdup_printf ("# %s\n", tessera_document_get_title (document));
  g_assert_true (g_file_get_contents (destination, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
  g_settings_set_string (settings, "export-format", "tei");
}

/* The export dialog refuses to write over the open project (or its -wal), says why, and
 * the project is left byte for byte as it was. */
static void
test_export_dialog_refuses_project (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.tessera.Tessera");
  const char *project = tessera_store_get_path (gui_store (fixture));
  g_autofree char *wal = g_strconcat (project, "-wal", NULL);
  const char *destinations[] = { project, wal };

  mark_with_key (fixture, "Assimi Goïta", "1");
  g_settings_set_string (settings, "relaxng-schema", "");
  g_settings_set_boolean (settings, "export-corpus", TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (destinations); i++)
    {
      g_autofree char *before = checksum_by_other_process (project);
      g_autofree char *after = NULL;
      TesseraExportDialog *dialog;
      LabelWait wait = { NULL, "Nothing was written" };
      guint exported = 0;

      start_export_dialog (fixture, destinations[i], &dialog, &exported);
      gui_await (export_finished, &dialog, "the export to finish");

      /* The dialog stays, with the reason on screen. */
      g_assert_nonnull (dialog);
      g_assert_cmpuint (exported, ==, 0);
      wait.root = GTK_WIDGET (dialog);
      gui_await (label_shown, &wait, "the reason the export was refused");
      g_assert_nonnull (find_label_showing (GTK_WIDGET (dialog), "Cannot export to"));
      gtk_window_destroy (GTK_WINDOW (dialog));

      after = checksum_by_other_process (project);
      g_assert_cmpstr (after, ==, before);
    }

  /* The window goes on saving to its project. */
  {
    TesseraRange range = gui_find_range (fixture, "chefs", 1);
    guint before = annotation_count (fixture);
    g_autoptr(TesseraAnnotationType) type =
      tessera_store_find_annotation_type (gui_store (fixture), "place");

    tessera_text_view_select_text (gui_text_view (fixture), range.start, range.end);
    gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.mark", "x",
                                tessera_annotation_type_get_id (type));
    wait_for_count (fixture, before + 1);
  }
}

/* What an import read otherwise than the file says reaches the import report. */
static void
test_import_report_warnings (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "tei",
                                                 "unresolved-spans.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *dialog;
  const char *body;

  tessera_window_import_files (fixture->window, &file, 1);
  dialog = gui_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Imported 1 Article, with Warnings");
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  if (strstr (body, "unresolved-spans.xml: 4 spans point to nothing") == NULL)
    g_error ("the report says “%s”", body);
  gtk_window_destroy (dialog);
}

static char *
dup_annotation_list_heading (gpointer data)
{
  return g_strdup (gtk_label_get_label (GTK_LABEL (data)));
}

/* The list of the document's annotations counts them, follows the article's selection and
 * selects in the article the annotation chosen. */
static void
test_annotation_list (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *view = gui_find_widget (GTK_WIDGET (fixture->window),
                                     TESSERA_TYPE_ANNOTATION_LIST_VIEW, NULL);
  GtkWidget *heading = GTK_WIDGET (gtk_widget_get_template_child (view,
                                                                  TESSERA_TYPE_ANNOTATION_LIST_VIEW,
                                                                  "count"));
  GtkListView *list = GTK_LIST_VIEW (gtk_widget_get_template_child (view,
                                                                    TESSERA_TYPE_ANNOTATION_LIST_VIEW,
                                                                    "list"));
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list));
  TesseraAnnotationList *annotations = tessera_text_view_get_annotations (gui_text_view (fixture));
  gint64 first, second;
  guint position;

  gui_wait_string (dup_annotation_list_heading, heading, "0 annotations");
  first = gui_add_annotation (fixture, "Assimi Goïta", "person");
  second = gui_add_annotation (fixture, "Burkina", "place");
  gui_wait_string (dup_annotation_list_heading, heading, "2 annotations");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 2);

  tessera_text_view_select (gui_text_view (fixture), second, FALSE);
  g_assert_true (tessera_annotation_list_find (annotations, second, &position));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, position);

  g_assert_true (tessera_annotation_list_find (annotations, first, &position));
  g_signal_emit_by_name (list, "activate", position);
  g_assert_cmpint (tessera_text_view_get_selected (gui_text_view (fixture)), ==, first);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, position);

  tessera_text_view_select (gui_text_view (fixture), 0, FALSE);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, GTK_INVALID_LIST_POSITION);
}

/* What the import queue said of a run. */
typedef struct
{
  GArray   *imported;   /* gint64: the documents, in the order announced */
  guint     existing;   /* how many of them the project held already */
  guint     added;      /* as ::finished says */
  gboolean  finished;
} ImportRun;

static void
on_run_document_imported (TesseraImportQueue *queue,
                          gint64              document_id,
                          gboolean            existing,
                          ImportRun          *run)
{
  g_array_append_val (run->imported, document_id);
  run->existing += existing ? 1 : 0;
}

static void
on_run_finished (TesseraImportQueue *queue,
                 guint               n_added,
                 ImportRun          *run)
{
  run->added = n_added;
  run->finished = TRUE;
}

static gboolean
run_is_finished (gpointer data)
{
  return ((ImportRun *) data)->finished;
}

static void
import_run (TesseraImportQueue *queue,
            GFile              *folder,
            ImportRun          *run)
{
  gulong imported = g_signal_connect (queue, "document-imported",
                                      G_CALLBACK (on_run_document_imported), run);
  gulong finished = g_signal_connect (queue, "finished", G_CALLBACK (on_run_finished), run);

  run->imported = g_array_new (FALSE, FALSE, sizeof (gint64));
  tessera_import_queue_add_paths (queue, &folder, 1);
  g_assert_true (tessera_import_queue_is_busy (queue));
  gui_await (run_is_finished, run, "the import queue to finish its run");
  g_assert_false (tessera_import_queue_is_busy (queue));
  g_signal_handler_disconnect (queue, imported);
  g_signal_handler_disconnect (queue, finished);
}

/* A folder goes in by file name, its articles only; the same folder again adds nothing. */
static void
test_import_queue_folder (Fixture       *fixture,
                          gconstpointer  data)
{
  TesseraImportQueue *queue =
    TESSERA_IMPORT_QUEUE (gui_find_widget (GTK_WIDGET (fixture->window),
                                           TESSERA_TYPE_IMPORT_QUEUE, NULL));
  g_autofree char *folder_path = g_build_filename (fixture->dir, "articles", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  GListModel *documents = tessera_store_get_documents (gui_store (fixture));
  guint before = g_list_model_get_n_items (documents);
  const char *files[][2] = {
    { "b-second.txt", "Second article\n\nBamako, le 2 mai." },
    { "a-first.txt", "First article\n\nSégou, le 1er mai." },
    { "notes.md", "Not an article" },
    { ".hidden.txt", "Hidden\n\nNot listed." },
  };
  ImportRun first = { 0 }, again = { 0 };

  g_assert_nonnull (queue);
  g_assert_true (tessera_import_queue_get_store (queue) == gui_store (fixture));
  g_assert_cmpint (g_mkdir (folder_path, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (folder_path, files[i][0], NULL);
      g_autoptr(GError) error = NULL;

      g_file_set_contents (path, files[i][1], -1, &error);
      g_assert_no_error (error);
    }

  import_run (queue, folder, &first);
  g_assert_cmpuint (first.added, ==, 2);
  g_assert_cmpuint (first.existing, ==, 0);
  g_assert_cmpuint (first.imported->len, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, before + 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(TesseraDocument) document =
        tessera_store_dup_document (gui_store (fixture),
                                    g_array_index (first.imported, gint64, i), NULL);

      g_assert_nonnull (document);
      g_assert_cmpstr (tessera_document_get_title (document), ==,
                       i == 0 ? "First article" : "Second article");
    }

  import_run (queue, folder, &again);
  g_assert_cmpuint (again.added, ==, 0);
  g_assert_cmpuint (again.existing, ==, 2);
  g_assert_cmpmem (again.imported->data, again.imported->len * sizeof (gint64),
                   first.imported->data, first.imported->len * sizeof (gint64));
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, before + 2);

  g_array_unref (first.imported);
  g_array_unref (again.imported);
}

/* What the user does while a folder imports: at the first article, a key; at the third,
 * Cancel. The import waits for the window after each file, so this happens between the
 * same files every time. */
typedef struct
{
  Fixture   *fixture;
  GtkWidget *cancel;
  ImportRun *run;
  gboolean   key_handled;
} ImportUser;

static void
on_user_document_imported (TesseraImportQueue *queue,
                           gint64              document_id,
                           gboolean            existing,
                           ImportUser         *user)
{
  GtkSearchBar *search_bar =
    GTK_SEARCH_BAR (gui_find_widget (GTK_WIDGET (user->fixture->window),
                                     GTK_TYPE_SEARCH_BAR, NULL));

  if (user->run->imported->len == 1)
    {
      /* A key through the X server, handled while the import is under way. */
      g_assert_true (tessera_import_queue_is_busy (queue));
      g_assert_false (gtk_search_bar_get_search_mode (search_bar));
      xdotool (user->fixture, "key", "ctrl+f", NULL);
      user->key_handled = gtk_search_bar_get_search_mode (search_bar);
    }
  else if (user->run->imported->len == 3)
    {
      g_signal_emit_by_name (user->cancel, "clicked");
    }
}

/* A folder of a thousand articles imports on a worker thread: the window answers a key
 * while the import runs, and Cancel stops it between two files, keeping what it imported
 * and nothing else. */
static void
test_import_queue_cancel (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *queue_widget = gui_find_widget (GTK_WIDGET (fixture->window),
                                             TESSERA_TYPE_IMPORT_QUEUE, NULL);
  TesseraImportQueue *queue = TESSERA_IMPORT_QUEUE (queue_widget);
  GListModel *documents = tessera_store_get_documents (gui_store (fixture));
  guint before = g_list_model_get_n_items (documents);
  g_autofree char *folder_path = g_build_filename (fixture->dir, "thousand", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  ImportRun run = { 0 };
  ImportUser user = { fixture, NULL, &run, FALSE };
  gulong imported, finished, acted;

  user.cancel = gui_find_widget (queue_widget, GTK_TYPE_BUTTON, NULL);
  g_assert_nonnull (user.cancel);
  g_assert_cmpint (g_mkdir (folder_path, 0700), ==, 0);
  for (guint i = 1; i <= 1000; i++)
    {
      g_autofree char *name = g_strdup_printf ("%04u.txt", i);
      g_autofree char *path = g_build_filename (folder_path, name, NULL);
      g_autofree char *text = g_strdup_printf ("Article %u\n\nBamako, le %u mai.", i, i);
      g_autoptr(GError) error = NULL;

      g_file_set_contents (path, text, -1, &error);
      g_assert_no_error (error);
    }

  run.imported = g_array_new (FALSE, FALSE, sizeof (gint64));
  imported = g_signal_connect (queue, "document-imported",
                               G_CALLBACK (on_run_document_imported), &run);
  acted = g_signal_connect_after (queue, "document-imported",
                                  G_CALLBACK (on_user_document_imported), &user);
  finished = g_signal_connect (queue, "finished", G_CALLBACK (on_run_finished), &run);

  tessera_window_import_files (fixture->window, &folder, 1);
  g_assert_true (tessera_import_queue_is_busy (queue));
  gui_await (run_is_finished, &run, "the import to stop");
  g_assert_false (tessera_import_queue_is_busy (queue));
  g_assert_true (user.key_handled);

  /* Stopped after the third file; those three are in the project, whole, and no other. */
  g_assert_cmpuint (run.imported->len, ==, 3);
  g_assert_cmpuint (run.added, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, before + 3);
  for (guint i = 0; i < run.imported->len; i++)
    {
      g_autoptr(TesseraDocument) document =
        tessera_store_dup_document (gui_store (fixture),
                                    g_array_index (run.imported, gint64, i), NULL);
      g_autofree char *title = g_strdup_printf ("Article %u", i + 1);

      g_assert_nonnull (document);
      g_assert_cmpstr (tessera_document_get_title (document), ==, title);
    }

  g_signal_handler_disconnect (queue, imported);
  g_signal_handler_disconnect (queue, acted);
  g_signal_handler_disconnect (queue, finished);
  g_array_unref (run.imported);
}

typedef struct
{
  Fixture *fixture;
  gint64   annotation_id;
  gint64   entity_id;
} LinkWait;

static gboolean
is_linked (gpointer data)
{
  LinkWait *wait = data;
  g_autoptr(TesseraAnnotation) annotation =
    tessera_store_dup_annotation (gui_store (wait->fixture), wait->annotation_id, NULL);

  return annotation != NULL && tessera_annotation_get_entity_id (annotation) == wait->entity_id;
}

/* An "Other" mention (TEI rs) is offered entities of every type: the store's rule. */
static void
test_link_generic_mention (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 person = tessera_store_add_entity (gui_store (fixture), "Colonel Assimi Goïta",
                                            gui_type_id (fixture, "person"), NULL, &error);
  gint64 mention;
  GtkWidget *inspector = tessera_window_get_inspector (fixture->window);
  GtkWidget *search;
  LinkWait wait = { fixture, 0, person };

  g_assert_no_error (error);
  mention = mark_with_key (fixture, "Assimi Goïta", "7");
  g_assert_cmpint (tessera_inspector_get_annotation (TESSERA_INSPECTOR (inspector)), ==, mention);
  wait.annotation_id = mention;

  search = GTK_WIDGET (gtk_widget_get_template_child (inspector, TESSERA_TYPE_INSPECTOR,
                                                      "entity_section"));
  search = GTK_WIDGET (gtk_widget_get_template_child (search, TESSERA_TYPE_ENTITY_SECTION,
                                                      "entity_chooser"));
  search = GTK_WIDGET (gtk_widget_get_template_child (search, TESSERA_TYPE_ENTITY_CHOOSER,
                                                      "entity_search"));
  gtk_editable_set_text (GTK_EDITABLE (search), "Colonel");
  g_signal_emit_by_name (search, "activate");
  gui_await (is_linked, &wait, "the mention to be linked to the entity");

  /* A role names a person once its type is written as rs, without choosing it again. */
  mention = mark_with_key (fixture, "président malien", "6");
  wait.annotation_id = mention;
  gtk_editable_set_text (GTK_EDITABLE (search), "Colonel");
  g_signal_emit_by_name (search, "activate");
  g_assert_false (is_linked (&wait));
  {
    g_autoptr(TesseraAnnotationType) role =
      tessera_store_dup_annotation_type (gui_store (fixture), gui_type_id (fixture, "role"));

    tessera_annotation_type_set_tei (role, "rs", "role");
    g_assert_true (tessera_store_update_annotation_type (gui_store (fixture), role, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (tessera_inspector_get_annotation (TESSERA_INSPECTOR (inspector)), ==, mention);
  gtk_editable_set_text (GTK_EDITABLE (search), "Colonel");
  g_signal_emit_by_name (search, "activate");
  gui_await (is_linked, &wait, "the mention to be linked to the entity");
}

int
main (int   argc,
      char *argv[])
{
  gui_init (&argc, &argv);
  /* A format only this test has: the export dialog must offer it all the same. */
  tessera_formats_register_exporter (DUMMY_TYPE_EXPORTER);

#define ADD(path, func) \
  g_test_add ("/gui/window/" path, Fixture, NULL, gui_fixture_set_up, func, gui_fixture_tear_down)

  ADD ("open-project", test_open_project);
  ADD ("mark-by-key", test_mark_by_key);
  ADD ("selection-snaps-to-words", test_selection_snaps_to_words);
  ADD ("claim-source-by-picking", test_claim_source_by_picking);
  ADD ("claim-fields", test_claim_fields);
  ADD ("link-new-entity", test_link_new_entity);
  ADD ("link-generic-mention", test_link_generic_mention);
  ADD ("undo-redo-delete", test_undo_redo_delete);
  ADD ("reopen-keeps-everything", test_reopen_keeps_everything);
  ADD ("export-dialog", test_export_dialog);
  ADD ("export-dialog-refuses-project", test_export_dialog_refuses_project);
  ADD ("export-dialog-lists-registered-format", test_export_dialog_lists_registered_format);
  ADD ("import-report-warnings", test_import_report_warnings);
  ADD ("import-queue-folder", test_import_queue_folder);
  ADD ("import-queue-cancel", test_import_queue_cancel);
  ADD ("annotation-list", test_annotation_list);

  return g_test_run ();
}
