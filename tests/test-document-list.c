/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gui-helpers.h"
#include "tessera-document-row.h"
#include "tessera-entity-list.h"

/*
 * The document list in the sidebar, filtered as a user types: titles match whatever the
 * case, the accents and the apostrophes typed, the open document stays selected, and
 * renamed or imported documents are found. The five sample articles are titled:
 *
 *   1 Les chefs d’état-major des forces armées de l’Alliance des États du Sahel (AES) …
 *     par le général Assimi Goïta.
 *   2 ALLIANCE DES ÉTATS DU SAHEL : Les Chefs d’États-Majors Généraux des Armées, …
 *     le Plan d’actions « défense et sécurité »
 *   3 Les ministres de la défense des pays membres de l’AES étaient réunis le 20 juin
 *     à Bamako …
 *   4 Défense et Sécurité : Le Mali, le Burkina et le Niger instituent l’Alliance des
 *     États du Sahel
 *   5 Dans un contexte régional marqué par des menaces sécuritaires persistantes, … réunis
 *     à Bamako pour une…
 */

static GtkWidget *
filter_entry (GuiFixture *fixture)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                    TESSERA_TYPE_WINDOW, "document_filter"));
}

static GtkListView *
document_list (GuiFixture *fixture)
{
  return GTK_LIST_VIEW (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                       TESSERA_TYPE_WINDOW, "document_list"));
}

static GtkSingleSelection *
selection (GuiFixture *fixture)
{
  return GTK_SINGLE_SELECTION (gtk_list_view_get_model (document_list (fixture)));
}

/* The ids of the documents listed, in order: "1 2 5". @data: the GuiFixture */
static char *
dup_listed (gpointer data)
{
  GuiFixture *fixture = data;
  GListModel *model = G_LIST_MODEL (selection (fixture));
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TesseraDocument) document = g_list_model_get_item (model, i);

      g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len > 0 ? " " : "",
                              tessera_document_get_id (document));
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static gint64
selected_id (GuiFixture *fixture)
{
  TesseraDocument *document = gtk_single_selection_get_selected_item (selection (fixture));

  return document != NULL ? tessera_document_get_id (document) : 0;
}

/* As typed: the entry says the search changed once typing pauses. */
static void
set_filter (GuiFixture *fixture,
            const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (filter_entry (fixture)), text);
  g_signal_emit_by_name (filter_entry (fixture), "search-changed");
}

static void
assert_listed (GuiFixture *fixture,
               const char *filter,
               const char *expected)
{
  set_filter (fixture, filter);
  gui_wait_string (dup_listed, fixture, expected);
}

static TesseraDocumentRow *
row_of (GuiFixture *fixture,
        gint64      document_id)
{
  g_autoptr(TesseraDocument) document = tessera_store_lookup_document (gui_store (fixture),
                                                                       document_id);

  g_assert_nonnull (document);
  return gui_find_document_row (GTK_WIDGET (document_list (fixture)), tessera_document_get_title (document));
}

static void
test_filter_folds (GuiFixture    *fixture,
                   gconstpointer  data)
{
  assert_listed (fixture, "", "1 2 3 4 5");
  /* Case and accents: “Goïta”, “Sécurité”, “sécurité”. */
  assert_listed (fixture, "GOITA", "1");
  assert_listed (fixture, "securite", "2 4");
  assert_listed (fixture, "Défense", "2 3 4 5");
  /* The typewriter apostrophe finds the typographic one. */
  assert_listed (fixture, "d'etat", "1 2");
  /* Longer, shorter, then something else. */
  assert_listed (fixture, "bam", "3 5");
  assert_listed (fixture, "bamako", "3 5");
  assert_listed (fixture, "bamako pour", "5");
  assert_listed (fixture, "bamako", "3 5");
  assert_listed (fixture, "zyxwv", "");
  assert_listed (fixture, "sahel", "1 2 4 5");
  assert_listed (fixture, "", "1 2 3 4 5");
}

/* By the keyboard, as a user does: Alt+1 focuses the filter. */
static void
test_filter_typed (GuiFixture    *fixture,
                   gconstpointer  data)
{
  gui_xdotool (GTK_WINDOW (fixture->window), "key", "alt+1", NULL);
  g_assert_true (gtk_widget_has_focus (filter_entry (fixture)) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         filter_entry (fixture)));
  gui_xdotool (GTK_WINDOW (fixture->window), "type", "--delay", "30", "etats du sahel", NULL);
  gui_wait_text (GTK_EDITABLE (filter_entry (fixture)), "etats du sahel");
  /* The entry says the search changed once typing pauses. */
  gui_wait_string (dup_listed, fixture, "1 2 4 5");

  gui_xdotool (GTK_WINDOW (fixture->window), "key", "ctrl+a", "BackSpace", NULL);
  gui_wait_text (GTK_EDITABLE (filter_entry (fixture)), "");
  gui_wait_string (dup_listed, fixture, "1 2 3 4 5");

  /* Down from the filter into the list, down again to the second document listed, which
   * opens; Enter hands the keyboard to the article. */
  gui_xdotool (GTK_WINDOW (fixture->window), "type", "--delay", "30", "bamako", NULL);
  gui_wait_text (GTK_EDITABLE (filter_entry (fixture)), "bamako");
  gui_wait_string (dup_listed, fixture, "3 5");
  gui_xdotool (GTK_WINDOW (fixture->window), "key", "Down", "Down", NULL);
  g_assert_cmpint (selected_id (fixture), ==, 5);
  g_assert_cmpint (tessera_window_get_document_id (fixture->window), ==, 5);
  gui_xdotool (GTK_WINDOW (fixture->window), "key", "Return", NULL);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (gui_text_view (fixture))));
}

static void
test_filter_keeps_selection (GuiFixture    *fixture,
                             gconstpointer  data)
{
  g_assert_true (tessera_window_show_document (fixture->window, 3));
  g_assert_cmpint (selected_id (fixture), ==, 3);

  assert_listed (fixture, "bamako", "3 5");
  g_assert_cmpint (selected_id (fixture), ==, 3);

  /* Hidden by the filter, then listed again: selected again. */
  assert_listed (fixture, "goita", "1");
  g_assert_cmpint (selected_id (fixture), ==, 0);
  g_assert_cmpint (tessera_window_get_document_id (fixture->window), ==, 3);
  assert_listed (fixture, "", "1 2 3 4 5");
  g_assert_cmpint (selected_id (fixture), ==, 3);
}

static void
test_filter_finds_changes (GuiFixture    *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TesseraDocumentInfo info = { .title = (char *) "Revue de presse : Ouagadougou, Niamey" };
  gint64 id;

  assert_listed (fixture, "ouaga", "");

  /* Renamed while the filter is on. */
  g_assert_true (tessera_store_update_document_info (gui_store (fixture), 4, &info, &error));
  g_assert_no_error (error);
  assert_listed (fixture, "ouaga", "4");
  assert_listed (fixture, "instituent", "");

  /* Imported while the filter is on. */
  set_filter (fixture, "niamey");
  info.title = (char *) "NIAMEY : la Confédération des États du Sahel se réunit";
  id = tessera_store_add_document (gui_store (fixture), &info, "Niamey, le 6 juillet.", NULL,
                                   &error);
  g_assert_no_error (error);
  {
    g_autofree char *expected = g_strdup_printf ("4 %" G_GINT64_FORMAT, id);

    gui_wait_string (dup_listed, fixture, expected);
  }
}

typedef struct
{
  GuiFixture *fixture;
  gint64      document_id;
  const char *details;
} DetailsWait;

static gboolean
row_says (gpointer data)
{
  DetailsWait *wait = data;
  TesseraDocumentRow *row = row_of (wait->fixture, wait->document_id);

  return row != NULL && g_strcmp0 (tessera_document_row_get_details (row), wait->details) == 0;
}

/* The row of @document_id, once it says @details; fails saying what it says. */
static TesseraDocumentRow *
wait_row_details (GuiFixture *fixture,
                  gint64      document_id,
                  const char *details)
{
  DetailsWait wait = { fixture, document_id, details };
  TesseraDocumentRow *row;

  gui_wait_until (row_says, &wait, GUI_WAIT_TIMEOUT_MS);
  row = row_of (fixture, document_id);
  g_assert_nonnull (row);
  g_assert_cmpstr (tessera_document_row_get_details (row), ==, details);
  return row;
}

static void
test_rows_show_counts (GuiFixture    *fixture,
                       gconstpointer  data)
{
  TesseraDocumentRow *row;
  gint64 id = tessera_window_get_document_id (fixture->window);
  g_autofree char *missing = NULL;

  wait_row_details (fixture, id, "0 annotations · Not started");

  gui_add_annotation (fixture, "Assimi Goïta", "person");
  gui_add_annotation (fixture, "Oumar Diarra", "person");
  row = wait_row_details (fixture, id, "2 annotations · Not started");

  /* A screen reader reads the title, then the details. */
  missing = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row),
                                                GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                tessera_document_row_get_title (row));
  g_assert_null (missing);
  missing = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row),
                                                GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                "2 annotations · Not started");
  g_assert_null (missing);
}

/* The entity list's filter folds as the document list's does, anywhere in the name. */
static char *
dup_entities_listed (GuiFixture *fixture,
                     const char *filter)
{
  GtkWidget *sidebar = gui_find_widget (GTK_WIDGET (fixture->window), TESSERA_TYPE_ENTITY_LIST,
                                        NULL);
  GtkWidget *entry = GTK_WIDGET (gtk_widget_get_template_child (sidebar, TESSERA_TYPE_ENTITY_LIST,
                                                                "filter"));
  GtkListView *list = GTK_LIST_VIEW (gtk_widget_get_template_child (sidebar,
                                                                    TESSERA_TYPE_ENTITY_LIST,
                                                                    "list"));
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));
  g_autoptr(GString) names = g_string_new (NULL);

  gtk_editable_set_text (GTK_EDITABLE (entry), filter);
  g_signal_emit_by_name (entry, "search-changed");
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TesseraEntity) entity = g_list_model_get_item (model, i);

      g_string_append_printf (names, "%s%s", names->len > 0 ? "|" : "",
                              tessera_entity_get_name (entity));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
test_entity_filter_folds (GuiFixture    *fixture,
                          gconstpointer  data)
{
  TesseraStore *store = gui_store (fixture);
  g_autoptr(TesseraAnnotationType) person = tessera_store_find_annotation_type (store, "person");
  g_autoptr(TesseraAnnotationType) place = tessera_store_find_annotation_type (store, "place");
  g_autoptr(GError) error = NULL;
  const struct { const char *filter; const char *expected; } cases[] = {
    { "", "Assimi Goïta|Ségou|Côte d’Ivoire" },
    { "goita", "Assimi Goïta" },
    { "SEGOU", "Ségou" },
    { "d'ivoire", "Côte d’Ivoire" },
    { "ivo", "Côte d’Ivoire" },
    { "o", "Assimi Goïta|Ségou|Côte d’Ivoire" },
    { "bamako", "" },
  };

  g_assert_cmpint (tessera_store_add_entity (store, "Assimi Goïta",
                                             tessera_annotation_type_get_id (person), NULL,
                                             &error), >, 0);
  g_assert_cmpint (tessera_store_add_entity (store, "Ségou",
                                             tessera_annotation_type_get_id (place), NULL,
                                             &error), >, 0);
  g_assert_cmpint (tessera_store_add_entity (store, "Côte d’Ivoire",
                                             tessera_annotation_type_get_id (place), NULL,
                                             &error), >, 0);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *listed = dup_entities_listed (fixture, cases[i].filter);
      g_auto(GStrv) wanted = g_strsplit (cases[i].expected, "|", -1);
      g_auto(GStrv) got = g_strsplit (listed, "|", -1);

      /* The list's order is the store's; compare as sets. */
      g_assert_cmpuint (g_strv_length (got), ==, g_strv_length (wanted));
      for (guint k = 0; wanted[k] != NULL && *wanted[k] != '\0'; k++)
        if (!g_strv_contains ((const char * const *) got, wanted[k]))
          g_error ("“%s” lists “%s”, not “%s”", cases[i].filter, listed, wanted[k]);
    }
}

/* Choosing an entity in the sidebar goes to the document that mentions it. */
static void
test_entity_goes_to_mentions (GuiFixture    *fixture,
                              gconstpointer  data)
{
  TesseraStore *store = gui_store (fixture);
  GListModel *documents = tessera_store_get_documents (store);
  g_autoptr(TesseraDocument) last =
    g_list_model_get_item (documents, g_list_model_get_n_items (documents) - 1);
  g_autoptr(TesseraAnnotationType) place = tessera_store_find_annotation_type (store, "place");
  GtkWidget *sidebar = gui_find_widget (GTK_WIDGET (fixture->window), TESSERA_TYPE_ENTITY_LIST,
                                        NULL);
  GtkListView *list = GTK_LIST_VIEW (gtk_widget_get_template_child (sidebar,
                                                                    TESSERA_TYPE_ENTITY_LIST,
                                                                    "list"));
  g_autoptr(GError) error = NULL;
  TesseraRange range = { 0, 4 };
  gint64 entity, mention;

  g_assert_cmpint (tessera_window_get_document_id (fixture->window), !=,
                   tessera_document_get_id (last));
  entity = tessera_store_add_entity (store, "Ségou", tessera_annotation_type_get_id (place),
                                     NULL, &error);
  g_assert_no_error (error);
  mention = tessera_store_add_annotation (store, tessera_document_get_id (last),
                                          tessera_annotation_type_get_id (place), &range, 1,
                                          NULL, &error);
  g_assert_no_error (error);
  g_assert_true (tessera_store_link_annotation (store, mention, entity, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))), ==, 1);
  g_signal_emit_by_name (list, "activate", 0);
  g_assert_cmpint (tessera_window_get_document_id (fixture->window), ==,
                   tessera_document_get_id (last));
}

int
main (int   argc,
      char *argv[])
{
  gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/gui/document-list/" path, GuiFixture, NULL, gui_fixture_set_up, func, \
              gui_fixture_tear_down)

  ADD ("filter-folds-case-accents-apostrophes", test_filter_folds);
  ADD ("filter-typed", test_filter_typed);
  ADD ("filter-keeps-selection", test_filter_keeps_selection);
  ADD ("filter-finds-renamed-and-imported", test_filter_finds_changes);
  ADD ("rows-show-counts", test_rows_show_counts);
  ADD ("entity-filter-folds", test_entity_filter_folds);
  ADD ("entity-goes-to-mentions", test_entity_goes_to_mentions);

  return g_test_run ();
}
