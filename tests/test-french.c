/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gui-helpers.h"
#include "tessera-inspector.h"
#include "tessera-wrap-box.h"

/*
 * The real window in French (LANGUAGE=fr), with the build tree's compiled catalogue
 * (TESSERA_LOCALEDIR): the palette shows the tagset's French labels, and the main menu,
 * the title bar and the inspector the translations of po/fr.po.
 */

/* The labels of a menu and of its sections, and of its submenus when @submenus is set. */
static void
collect_labels (GMenuModel *model,
                gboolean    submenus,
                GPtrArray  *labels)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        g_ptr_array_add (labels, g_steal_pointer (&label));

      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) linked = g_menu_link_iter_get_value (links);

          if (submenus || g_str_equal (g_menu_link_iter_get_name (links), G_MENU_LINK_SECTION))
            collect_labels (linked, submenus, labels);
        }
    }
}

static gboolean
has_label (GPtrArray  *labels,
           const char *wanted)
{
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (g_ptr_array_index (labels, i), wanted) == 0)
      return TRUE;
  return FALSE;
}

static void
assert_has_label (GPtrArray  *labels,
                  const char *wanted)
{
  if (!has_label (labels, wanted))
    {
      g_autoptr(GString) all = g_string_new (NULL);

      for (guint i = 0; i < labels->len; i++)
        g_string_append_printf (all, "%s“%s”", i ? ", " : "",
                                (char *) g_ptr_array_index (labels, i));
      g_test_fail_printf ("“%s” is not among %s", wanted, all->str);
    }
}

static void
test_palette (GuiFixture    *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) labels = gui_dup_palette_labels (fixture);

  assert_has_label (labels, "Personne");
  assert_has_label (labels, "Organisation");
  assert_has_label (labels, "Lieu");
  assert_has_label (labels, "Date");
  assert_has_label (labels, "Événement");
  assert_has_label (labels, "Fonction");
  assert_has_label (labels, "Autre");
  assert_has_label (labels, "Affirmation");
  assert_has_label (labels, "Marqueur");
  g_assert_false (has_label (labels, "Person"));
  g_assert_false (has_label (labels, "Claim"));

  /* The longer French names wrap as words do: in order, inside the palette, and a type
   * starts a line only when it would not fit at the end of the one before. */
  {
    GtkWidget *palette = gui_find_widget (GTK_WIDGET (fixture->window), TESSERA_TYPE_WRAP_BOX,
                                          NULL);
    int width = gtk_widget_get_width (palette);
    float line_end = 0, line_y = -1;
    guint n_lines = 0;

    for (GtkWidget *button = gtk_widget_get_first_child (palette); button != NULL;
         button = gtk_widget_get_next_sibling (button))
      {
        graphene_rect_t bounds;

        g_assert_true (gtk_widget_compute_bounds (button, palette, &bounds));
        g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, width);
        if (bounds.origin.y != line_y)
          {
            g_assert_cmpfloat (bounds.origin.y, >, line_y);
            g_assert_cmpfloat (bounds.origin.x, ==, 0);
            if (n_lines > 0)
              g_assert_cmpfloat (line_end + bounds.size.width, >, width);
            line_y = bounds.origin.y;
            n_lines++;
          }
        else
          g_assert_cmpfloat (bounds.origin.x, >=, line_end);
        line_end = bounds.origin.x + bounds.size.width;
      }
    g_assert_cmpuint (n_lines, >=, 1);
  }
}

static void
test_main_menu (GuiFixture    *fixture,
                gconstpointer  data)
{
  GtkWidget *button = gui_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_MENU_BUTTON, NULL);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) top = g_ptr_array_new_with_free_func (g_free);
  GMenuModel *menu;

  g_assert_nonnull (button);
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_assert_nonnull (menu);
  collect_labels (menu, TRUE, labels);
  collect_labels (menu, FALSE, top);

  assert_has_label (labels, "_Nouveau projet…");
  assert_has_label (labels, "_Ouvrir un projet…");
  assert_has_label (labels, "_Importer des articles…");
  assert_has_label (labels, "_Exporter…");
  assert_has_label (labels, "_Préférences");
  assert_has_label (labels, "_Raccourcis clavier");
  assert_has_label (labels, "À propos de _Tessera");
  assert_has_label (labels, "Pas commencé");
  g_assert_false (has_label (labels, "_Import Articles…"));

  /* Mnemonics: every item of the menu itself has one, and no two share a letter. */
  {
    g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

    for (guint i = 0; i < top->len; i++)
      {
        const char *underscore = strchr (g_ptr_array_index (top, i), '_');
        g_autofree char *key = NULL;

        g_assert_nonnull (underscore);
        key = g_utf8_strdown (underscore + 1, g_utf8_next_char (underscore + 1) - (underscore + 1));
        g_assert_false (g_hash_table_contains (keys, key));
        g_hash_table_add (keys, g_steal_pointer (&key));
      }
    g_assert_cmpuint (g_hash_table_size (keys), ==, top->len);
  }
}

static gboolean
is_inspector_hint (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_LABEL (widget) &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)),
                    "Sélectionnez du texte et appuyez sur la touche d’un type (1–9), ou "
                    "cliquez sur une annotation") == 0;
}

static void
test_window_strings (GuiFixture    *fixture,
                     gconstpointer  data)
{
  GtkWidget *title = gui_find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_WINDOW_TITLE, NULL);
  GtkWidget *inspector = tessera_window_get_inspector (fixture->window);
  GtkWidget *hint;

  g_assert_nonnull (title);
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title)), ==,
                   "Toutes les modifications sont enregistrées");

  /* Nothing selected yet: the inspector's one-line hint. */
  hint = gui_find_descendant (inspector, is_inspector_hint, NULL);
  g_assert_nonnull (hint);

  /* French typography: a narrow no-break space before the question mark. */
  g_assert_cmpstr (_("Delete “%s”?"), ==, "Supprimer «\u00a0%s\u00a0»\u202f?");

  /* An annotation as the list and a screen reader name it: French label, no-break spaces
   * inside the guillemets. */
  {
    TesseraTextView *view = gui_text_view (fixture);
    TesseraStore *store = gui_store (fixture);
    g_autoptr(TesseraAnnotationType) person = tessera_store_find_annotation_type (store, "person");
    g_autoptr(TesseraAnnotation) annotation = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *description = NULL;
    TesseraRange range;
    gint64 id;

    g_assert_true (tessera_text_find (tessera_text_view_get_text (view), "Assimi Goïta", 1,
                                      &range));
    id = tessera_store_add_annotation (store, tessera_text_view_get_document_id (view),
                                       tessera_annotation_type_get_id (person), &range, 1, NULL,
                                       &error);
    g_assert_no_error (error);
    annotation = tessera_store_dup_annotation (store, id, &error);
    g_assert_no_error (error);
    description = tessera_text_view_describe (view, annotation);
    g_assert_cmpstr (description, ==, "Personne «\u00a0Assimi Goïta\u00a0»");
  }
}

/* The keyboard shortcuts window fits a screen 1400 pixels wide, in French, the language with
 * the longer descriptions. */
static void
test_shortcuts_window_fits (GuiFixture    *fixture,
                            gconstpointer  data)
{
  int width = gui_shortcuts_window_width (GTK_WINDOW (fixture->window));

  g_test_message ("shortcuts window: %d px wide", width);
  g_assert_cmpint (width, <=, 1400);
}

/* What undo and redo say is French: the tagset's French labels, French typography. */
static void
test_undo_subtitle (GuiFixture    *fixture,
                    gconstpointer  data)
{
  const char *said[] = {
    "Annul\u00e9\u00a0: Personne \u00ab\u00a0Assimi Go\u00efta\u00a0\u00bb\u00a0: Lieu",
    "Annul\u00e9\u00a0: Personne \u00ab\u00a0Assimi Go\u00efta\u00a0\u00bb",
    "R\u00e9tabli\u00a0: Personne \u00ab\u00a0Assimi Go\u00efta\u00a0\u00bb",
  };

  gui_undo_redo_subtitles (fixture, "Assimi Go\u00efta", "person", "place", said);
}

/* The inspector's minimum width is the column's, whatever it shows: the French hint of the
 * empty page (one long sentence) once made the column 630 pixels wide while a claim was
 * selected, and the article beside it was cut on its left. */
#define COLUMN_WIDTH 340

static gboolean
inspector_shows (gpointer data)
{
  GuiFixture *fixture = data;
  TesseraInspector *inspector = TESSERA_INSPECTOR (tessera_window_get_inspector (fixture->window));

  return tessera_inspector_get_annotation (inspector) ==
         (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (inspector), "test-awaited"));
}

static int
inspector_min_width (GuiFixture *fixture)
{
  int min = 0;

  gtk_widget_measure (tessera_window_get_inspector (fixture->window),
                      GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return min;
}

static void
test_inspector_width (GuiFixture    *fixture,
                      gconstpointer  data)
{
  TesseraTextView *view = gui_text_view (fixture);
  TesseraStore *store = gui_store (fixture);
  GtkWidget *inspector = tessera_window_get_inspector (fixture->window);
  g_autoptr(TesseraAnnotationType) claim = tessera_store_find_annotation_type (store, "claim");
  g_autoptr(GError) error = NULL;
  TesseraRange range;
  gint64 id;

  g_assert_cmpint (inspector_min_width (fixture), <=, COLUMN_WIDTH);

  g_assert_true (tessera_text_find (tessera_text_view_get_text (view), "Assimi Goïta", 1,
                                    &range));
  id = tessera_store_add_annotation (store, tessera_text_view_get_document_id (view),
                                     tessera_annotation_type_get_id (claim), &range, 1, NULL,
                                     &error);
  g_assert_no_error (error);
  g_object_set_data (G_OBJECT (inspector), "test-awaited", GSIZE_TO_POINTER (id));
  tessera_text_view_select (view, id, TRUE);
  gui_await (inspector_shows, fixture, "the inspector to show the claim");

  g_test_message ("inspector with a claim: at least %d px wide", inspector_min_width (fixture));
  g_assert_cmpint (inspector_min_width (fixture), <=, COLUMN_WIDTH);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir;
  const char *locale;

  /* The environment is set before GTK starts threads. */
  g_setenv ("LANGUAGE", "fr", TRUE);
  locale = test_choose_french_locale ();
  gui_init (&argc, &argv);

  /* gtk_test_init() sets a locale of its own: back to ours, then the catalogue as main()
   * binds it. */
  g_assert_nonnull (setlocale (LC_ALL, locale));
  localedir = test_bind_catalogue ();
  g_test_message ("locale %s, catalogue from %s", locale, localedir);

#define ADD(path, func) \
  g_test_add ("/gui/french/" path, GuiFixture, NULL, gui_fixture_set_up, func, \
              gui_fixture_tear_down)

  ADD ("palette", test_palette);
  ADD ("inspector-width", test_inspector_width);
  ADD ("shortcuts-window-fits", test_shortcuts_window_fits);
  ADD ("undo-subtitle", test_undo_subtitle);
  ADD ("main-menu", test_main_menu);
  ADD ("window-strings", test_window_strings);

  return g_test_run ();
}
