/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "tessera-export-dialog.h"

#include "gui-helpers.h"

/*
 * The export dialog with the formats of the registry that are not TEI: opened by win.export,
 * CSV chosen in its format row writes one file whose rows are the annotations and keeps
 * the dialog open on the summary of what CSV could not carry; Web Annotation writes one
 * JSON-LD file with a collection per document and closes, having nothing to report; brat
 * writes a folder of pairs and its configuration.
 */

typedef GuiFixture Fixture;

static gboolean
dialog_idle (gpointer data)
{
  TesseraExportDialog **dialog = data;

  return *dialog == NULL || !tessera_export_dialog_is_busy (*dialog);
}

static gboolean
dialog_gone (gpointer data)
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

/* The window's export action (Ctrl+E), all documents, the format of that name chosen in
 * the format row. */
static TesseraExportDialog *
open_dialog (Fixture    *fixture,
             const char *format_name,
             guint      *exported)
{
  TesseraExportDialog *dialog;
  AdwComboRow *format_row, *scope_row;
  GListModel *names;
  guint format = G_MAXUINT;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export", NULL);
  dialog = TESSERA_EXPORT_DIALOG (gui_wait_toplevel (TESSERA_TYPE_EXPORT_DIALOG));
  g_signal_connect (dialog, "exported", G_CALLBACK (on_exported), exported);

  scope_row = ADW_COMBO_ROW (gui_find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "Documents"));
  format_row = ADW_COMBO_ROW (gui_find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "Format"));
  g_assert_nonnull (scope_row);
  g_assert_nonnull (format_row);
  /* "All documents", second of the scopes. */
  adw_combo_row_set_selected (scope_row, 1);
  names = adw_combo_row_get_model (format_row);
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), format_name) == 0)
        format = i;
    }
  g_assert_cmpuint (format, !=, G_MAXUINT);
  adw_combo_row_set_selected (format_row, format);
  return dialog;
}

static gboolean
is_note_label (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), data) != NULL &&
         gtk_widget_is_visible (widget);
}

static void
test_csv_and_webannotation (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = g_build_filename (fixture->dir, "annotations.csv", NULL);
  g_autofree char *jsonld = g_build_filename (fixture->dir, "annotations.jsonld", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) rows = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  TesseraExportDialog *dialog;
  JsonArray *collections;
  JsonObject *first;
  guint exported = 0;
  gint64 place, person;

  place = gui_add_annotation (fixture, "Sahel", "place");
  person = gui_add_annotation (fixture, "Assimi Goïta", "person");
  tessera_store_add_relation (gui_store (fixture), "part-of", person, place, NULL, &error);
  g_assert_no_error (error);

  /* CSV: the file, and the relation it could not carry said in the dialog. */
  dialog = open_dialog (fixture, "CSV (spreadsheet)", &exported);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  tessera_export_dialog_start (dialog, csv);
  gui_await (dialog_idle, &dialog, "the CSV export to finish");
  g_assert_nonnull (dialog);
  g_assert_cmpuint (exported, ==, 1);
  g_assert_nonnull (gui_find_descendant (GTK_WIDGET (dialog), is_note_label,
                                         "1 relation between annotations is not in the CSV file"));
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF" "document,title,id,type,"));
  rows = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (rows), ==, 4);   /* header, two rows, the end */
  g_assert_true (strstr (contents, ",place,") != NULL);
  g_assert_true (strstr (contents, ",Assimi Goïta,") != NULL);
  gui_destroy_window ((GtkWindow **) &dialog);

  /* Web Annotation: nothing to report, so the dialog closes. */
  exported = 0;
  dialog = open_dialog (fixture, "Web Annotation (W3C)", &exported);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  tessera_export_dialog_start (dialog, jsonld);
  gui_await (dialog_gone, &dialog, "the Web Annotation export to finish and close the dialog");
  g_assert_cmpuint (exported, ==, 1);
  json_parser_load_from_file (parser, jsonld, &error);
  g_assert_no_error (error);
  collections = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (collections), ==, 5);
  first = json_array_get_object_element (collections, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "type"), ==, "AnnotationCollection");
  /* The two annotations and the relation between them. */
  g_assert_cmpint (json_object_get_int_member (first, "total"), ==, 3);
}

/* brat: a folder with a .txt and a .ann per document and the two configuration files; the
 * dialog counts one file per document, the .ann it names (tessera_exporter_dup_file_name). */
static void
test_brat (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "brat", NULL);
  g_autofree char *ann = NULL;
  g_autoptr(GDir) dir = NULL;
  TesseraExportDialog *dialog;
  guint exported = 0, n_ann = 0, n_txt = 0, n_conf = 0;
  const char *name;

  gui_add_annotation (fixture, "Sahel", "place");
  dialog = open_dialog (fixture, "brat standoff", &exported);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  tessera_export_dialog_start (dialog, folder);
  gui_await (dialog_idle, &dialog, "the brat export to finish");
  g_assert_cmpuint (exported, ==, 5);
  if (dialog != NULL)
    gui_destroy_window ((GtkWindow **) &dialog);

  dir = g_dir_open (folder, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      n_ann += g_str_has_suffix (name, ".ann");
      n_txt += g_str_has_suffix (name, ".txt");
      n_conf += g_str_has_suffix (name, ".conf");
    }
  g_assert_cmpuint (n_ann, ==, 5);
  g_assert_cmpuint (n_txt, ==, 5);
  g_assert_cmpuint (n_conf, ==, 2);
  ann = g_build_filename (folder, "annotation.conf", NULL);
  g_assert_true (g_file_test (ann, G_FILE_TEST_IS_REGULAR));
}

int
main (int   argc,
      char *argv[])
{
  gui_init (&argc, &argv);

  g_test_add ("/gui/export-formats/csv-and-webannotation", Fixture, NULL, gui_fixture_set_up,
              test_csv_and_webannotation, gui_fixture_tear_down);
  g_test_add ("/gui/export-formats/brat", Fixture, NULL, gui_fixture_set_up, test_brat,
              gui_fixture_tear_down);

  return g_test_run ();
}
