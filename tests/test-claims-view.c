/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>

#include "gui-helpers.h"
#include "tessera-annotation-list-view.h"
#include "tessera-claims-view.h"

/*
 * The claims of the corpus, reached and driven by keyboard (Ctrl+Shift+C, Enter, Esc) in
 * the real window on the sample articles; and the annotation list's room and context.
 */

typedef GuiFixture Fixture;

#define xdotool(fixture, ...) gui_xdotool (GTK_WINDOW ((fixture)->window), __VA_ARGS__)

/* The sample document whose text holds @needle. */
static gint64
document_with (Fixture    *fixture,
               const char *needle)
{
  GListModel *documents = tessera_store_get_documents (gui_store (fixture));

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(TesseraDocument) document = g_list_model_get_item (documents, i);
      gint64 id = tessera_document_get_id (document);
      g_autofree char *text = tessera_store_dup_document_text (gui_store (fixture), id, NULL);

      if (text != NULL && tessera_text_count (text, needle) > 0)
        return id;
    }
  g_error ("no sample article holds «%s»", needle);
}

static gint64
annotate (Fixture    *fixture,
          gint64      document_id,
          const char *needle,
          const char *type_key)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = tessera_store_dup_document_text (gui_store (fixture), document_id,
                                                            &error);
  TesseraRange range;
  gint64 id;

  g_assert_no_error (error);
  g_assert_true (tessera_text_find (text, needle, 1, &range));
  id = tessera_store_add_annotation (gui_store (fixture), document_id,
                                     gui_type_id (fixture, type_key), &range, 1, NULL, &error);
  g_assert_no_error (error);
  return id;
}

/* A claim with its source (a mention linked to a new entity @entity) and its cue. */
static gint64
add_claim (Fixture    *fixture,
           const char *words,
           const char *source,
           const char *entity,
           const char *cue)
{
  TesseraStore *store = gui_store (fixture);
  gint64 document_id = document_with (fixture, words);
  g_autoptr(GError) error = NULL;
  gint64 claim = annotate (fixture, document_id, words, "claim");
  gint64 mention = annotate (fixture, document_id, source, "person");

  g_assert_cmpint (tessera_store_add_entity_for_mention (store, mention, entity, NULL, &error),
                   >, 0);
  g_assert_true (tessera_store_set_claim_source (store, claim, mention, 0, &error));
  g_assert_true (tessera_store_set_claim_cue (store, claim,
                                              annotate (fixture, document_id, cue, "cue"),
                                              &error));
  g_assert_true (tessera_store_set_claim_field (store, claim, "quote-type", "indirect", &error));
  g_assert_no_error (error);
  return claim;
}

static GtkStack *
view_stack (Fixture *fixture)
{
  return GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                   TESSERA_TYPE_WINDOW, "view_stack"));
}

static TesseraClaimsView *
claims_view (Fixture *fixture)
{
  return TESSERA_CLAIMS_VIEW (gui_find_widget (GTK_WIDGET (fixture->window),
                                               TESSERA_TYPE_CLAIMS_VIEW, NULL));
}

static GObject *
claims_child (Fixture    *fixture,
              const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (claims_view (fixture)),
                                        TESSERA_TYPE_CLAIMS_VIEW, name);
}

static gboolean
claims_have_focus (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  return g_strcmp0 (gtk_stack_get_visible_child_name (view_stack (fixture)), "claims") == 0 &&
         focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (claims_view (fixture)));
}

static gboolean
article_shown (gpointer data)
{
  Fixture *fixture = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (view_stack (fixture)), "article") == 0 &&
         gtk_widget_has_focus (GTK_WIDGET (gui_text_view (fixture)));
}

/* The rows the table shows, one line each: "source | cue | words" for a claim, "# title n"
 * for a group, children indented. */
static char *
dup_table (gpointer data)
{
  Fixture *fixture = data;
  GListModel *rows = G_LIST_MODEL (claims_child (fixture, "selection"));
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) tree_row = g_list_model_get_item (rows, i);
      g_autoptr(TesseraClaimNode) node = gtk_tree_list_row_get_item (tree_row);
      const TesseraClaimRow *row = tessera_claim_node_get_row (node);

      for (guint depth = 0; depth < gtk_tree_list_row_get_depth (tree_row); depth++)
        g_string_append (out, "  ");
      if (row == NULL)
        g_string_append_printf (out, "# %s %u\n", tessera_claim_node_get_title (node),
                                tessera_claim_node_get_n_claims (node));
      else
        {
          g_autofree char *start = g_utf8_substring (row->text, 0, 20);

          g_string_append_printf (out, "%s | %s | %s\n", row->source, row->cue, start);
        }
    }
  return g_string_free (out, FALSE);
}

/* Ctrl+Shift+C, and the claims view has the keyboard. */
static void
show_claims (Fixture *fixture)
{
  xdotool (fixture, "key", "ctrl+shift+c", NULL);
  gui_await (claims_have_focus, fixture, "the claims view to take the keyboard");
}

/* The choice labelled @label in the drop-down @name, chosen as a click would. */
static void
choose (Fixture    *fixture,
        const char *name,
        const char *label)
{
  GtkDropDown *drop_down = GTK_DROP_DOWN (claims_child (fixture, name));
  GListModel *labels = gtk_drop_down_get_model (drop_down);

  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (labels), i), label) == 0)
        {
          gtk_drop_down_set_selected (drop_down, i);
          return;
        }
    }
  g_error ("the drop-down %s offers no «%s»", name, label);
}

/* The table of the three claims of add_sample_claims (), ungrouped. */
#define SAMPLE_TABLE \
  "Oumar Diarra | Selon | ce plan permettra d’\n" \
  "Présidence du Niger | Selon | cette alliance scell\n" \
  "Sadio Camara | a souligné | l’importance de cett\n"

#define DIARRA_WORDS "ce plan permettra d’insuffler un nouveau dynamisme"
#define NIGER_WORDS "cette alliance scellée entre le Mali"
#define CAMARA_WORDS "l’importance de cette réunion"

static void
add_sample_claims (Fixture *fixture,
                   gint64  *out_diarra)
{
  *out_diarra = add_claim (fixture, DIARRA_WORDS, "Oumar Diarra", "Oumar Diarra", "Selon");
  add_claim (fixture, NIGER_WORDS, "la présidence du Niger", "Présidence du Niger", "Selon");
  add_claim (fixture, CAMARA_WORDS, "Sadio Camara", "Sadio Camara", "a souligné");
}

/* Ctrl+Shift+C shows the claims, a source filters them, a cue groups them, Enter opens the
 * claim chosen in its article, selected. */
static void
test_filter_group_open (Fixture       *fixture,
                        gconstpointer  data)
{
  gint64 diarra;
  gint64 diarra_document = document_with (fixture, DIARRA_WORDS);

  add_sample_claims (fixture, &diarra);
  /* Start from another article than the claim's. */
  g_assert_true (tessera_window_show_document (fixture->window,
                                               document_with (fixture, CAMARA_WORDS)));

  show_claims (fixture);
  gui_wait_string (dup_table, fixture, SAMPLE_TABLE);

  choose (fixture, "source_filter", "Oumar Diarra");
  gui_wait_string (dup_table, fixture, "Oumar Diarra | Selon | ce plan permettra d’\n");

  choose (fixture, "source_filter", "All sources");
  choose (fixture, "grouping", "By cue verb");
  gui_wait_string (dup_table, fixture,
                   "# selon 2\n"
                   "  Oumar Diarra | Selon | ce plan permettra d’\n"
                   "  Présidence du Niger | Selon | cette alliance scell\n"
                   "# souligné 1\n"
                   "  Sadio Camara | a souligné | l’importance de cett\n");

  /* The keyboard: down from the first group to its first claim, Enter. */
  tessera_claims_view_focus_list (claims_view (fixture));
  xdotool (fixture, "key", "Down", NULL);
  xdotool (fixture, "key", "Return", NULL);
  gui_await (article_shown, fixture, "the article to come back with the keyboard");
  g_assert_cmpint (tessera_window_get_document_id (fixture->window), ==, diarra_document);
  g_assert_cmpint (tessera_text_view_get_selected (gui_text_view (fixture)), ==, diarra);
}

/* The view follows the project: a claim marked while it is hidden is there when it is
 * shown; one deleted while it is shown goes. Esc goes back to the article. */
static void
test_follows_changes (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 diarra;

  show_claims (fixture);
  gui_wait_string (dup_table, fixture, "");
  xdotool (fixture, "key", "Escape", NULL);
  gui_await (article_shown, fixture, "Esc to go back to the article");

  add_sample_claims (fixture, &diarra);
  show_claims (fixture);
  gui_wait_string (dup_table, fixture, SAMPLE_TABLE);

  g_assert_true (tessera_store_remove_annotation (gui_store (fixture), diarra, &error));
  g_assert_no_error (error);
  gui_wait_string (dup_table, fixture,
                   "Présidence du Niger | Selon | cette alliance scell\n"
                   "Sadio Camara | a souligné | l’importance de cett\n");

  /* Ctrl+Shift+C again: back to the article. */
  xdotool (fixture, "key", "ctrl+shift+c", NULL);
  gui_await (article_shown, fixture, "Ctrl+Shift+C to go back to the article");
}

/* A claim said again in the same article, related as the same claim: one row, the other
 * folded under it. */
static void
test_same_claim (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 diarra, again;
  gint64 document_id = document_with (fixture, DIARRA_WORDS);

  add_sample_claims (fixture, &diarra);
  again = annotate (fixture, document_id, "coopération militaire", "claim");
  g_assert_cmpint (tessera_store_add_relation (gui_store (fixture), TESSERA_RELATION_SAME_CLAIM,
                                               diarra, again, NULL, &error), >, 0);
  g_assert_no_error (error);

  show_claims (fixture);
  gui_wait_string (dup_table, fixture, SAMPLE_TABLE);
  {
    g_autoptr(TesseraClaimNode) node =
      g_list_model_get_item (tessera_claims_model_get_root (
                               tessera_claims_view_get_model (claims_view (fixture))), 0);

    g_assert_cmpuint (tessera_claim_node_get_n_claims (node), ==, 2);
    g_assert_cmpuint (g_list_model_get_n_items (tessera_claim_node_get_children (node)), ==, 1);
  }
}

/* Same claim across articles ------------------------------------------------------------ */

/* The Niger's chief of staff, in another article than the Malian one's (DIARRA_WORDS). */
#define BARMOU_WORDS "de mutualiser nos efforts"

#define SEND(...) gui_xdotool_argv (GTK_WINDOW (fixture->window), \
                                    (char **) (const char *[]) { __VA_ARGS__, NULL })

typedef struct
{
  Fixture *fixture;
  guint    n_relations;
} RelationWait;

static gboolean
has_cross_relations (gpointer data)
{
  RelationWait *wait = data;
  g_autoptr(GPtrArray) relations =
    tessera_store_dup_cross_document_relations (gui_store (wait->fixture), 0, NULL);

  return relations != NULL && relations->len == wait->n_relations;
}

/* The claims the table's row of @data_claim stands for: 2 once its partner is folded
 * under it, 0 when it is not shown. */
static guint
n_claims_of (Fixture *fixture,
             gint64   claim_id)
{
  GListModel *root = tessera_claims_model_get_root (
    tessera_claims_view_get_model (claims_view (fixture)));

  for (guint i = 0; i < g_list_model_get_n_items (root); i++)
    {
      g_autoptr(TesseraClaimNode) node = g_list_model_get_item (root, i);
      const TesseraClaimRow *row = tessera_claim_node_get_row (node);

      if (row != NULL && row->annotation_id == claim_id)
        return tessera_claim_node_get_n_claims (node);
    }
  return 0;
}

typedef struct
{
  Fixture *fixture;
  gint64   claim_id;
} GroupWait;

static gboolean
grouped (gpointer data)
{
  GroupWait *wait = data;

  return n_claims_of (wait->fixture, wait->claim_id) == 2;
}

static gboolean
picking (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *hint;

  /* The claims view is made when it is first shown. */
  if (claims_view (fixture) == NULL)
    return FALSE;
  hint = GTK_WIDGET (claims_child (fixture, "pick_label"));
  return claims_have_focus (fixture) && gtk_widget_get_mapped (hint) &&
         strstr (gtk_label_get_label (GTK_LABEL (hint)), "ce plan permettra") != NULL;
}

static gboolean
annotation_menu_open (gpointer data)
{
  GtkPopover *menu = tessera_text_view_get_menu (TESSERA_TEXT_VIEW (data));

  return menu != NULL && gtk_widget_get_mapped (GTK_WIDGET (menu));
}

static gboolean
row_menu_open (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *menu = gui_find_widget (GTK_WIDGET (claims_view (fixture)),
                                     GTK_TYPE_POPOVER_MENU, NULL);

  return menu != NULL && gtk_widget_get_mapped (menu) && gtk_widget_get_width (menu) > 0;
}

static gboolean
is_cell_of (GtkWidget     *widget,
            gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), data);
}

/* A row of the inspector's relations to another article. */
static gboolean
is_row_elsewhere (GtkWidget     *widget,
                  gconstpointer  data)
{
  const char *subtitle;

  if (!ADW_IS_ACTION_ROW (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));
  return subtitle != NULL && strstr (subtitle, "” in “ALLIANCE DES ÉTATS DU SAHEL") != NULL;
}

static gboolean
inspector_names_other_article (gpointer data)
{
  Fixture *fixture = data;

  return gui_find_descendant (GTK_WIDGET (fixture->window), is_row_elsewhere, NULL) != NULL;
}

typedef struct
{
  Fixture *fixture;
  gint64   document_id;
  gint64   annotation_id;
} OpenWait;

static gboolean
opened_at (gpointer data)
{
  OpenWait *wait = data;

  return tessera_window_get_document_id (wait->fixture->window) == wait->document_id &&
         tessera_text_view_get_selected (gui_text_view (wait->fixture)) == wait->annotation_id;
}

/* A claim of one article marked the same as a claim of another, by keyboard (Shift+F10,
 * Same Claim As…, the other claim found and Enter), by mouse (a right click on its row in
 * the claims view) and from the relation bar (R, the other claim's words, its type): the
 * claims view folds the second under the first; Ctrl+Z undoes each. The inspector names the
 * other article and opens it there. */
static void
test_same_claim_across_articles (Fixture       *fixture,
                                 gconstpointer  data)
{
  TesseraTextView *view = gui_text_view (fixture);
  gint64 barmou_document = document_with (fixture, BARMOU_WORDS);
  gint64 diarra_document = document_with (fixture, DIARRA_WORDS);
  gint64 diarra, barmou;
  RelationWait related = { fixture, 1 };
  RelationWait unrelated = { fixture, 0 };
  GroupWait group = { fixture, 0 };
  GtkWidget *cell;
  g_autofree char *xid = NULL;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  g_assert_cmpint (barmou_document, !=, diarra_document);
  add_sample_claims (fixture, &diarra);
  group.claim_id = diarra;
  barmou = annotate (fixture, barmou_document, BARMOU_WORDS, "claim");

  /* The keyboard: the claim's menu, Same Claim As…, the other one found, Enter. */
  g_assert_true (tessera_window_show_document (fixture->window, diarra_document));
  gui_wait_shown (view, diarra);
  tessera_text_view_select (view, diarra, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  gui_wait_drawn (GTK_WIDGET (view));
  SEND ("key", "shift+F10");
  gui_await (annotation_menu_open, view, "the claim's menu to open");
  SEND ("key", "a");
  gui_await (picking, fixture, "the claims view to wait for the same claim");
  gtk_widget_grab_focus (GTK_WIDGET (claims_child (fixture, "search")));
  xdotool (fixture, "type", "mutualiser", NULL);
  gui_wait_string (dup_table, fixture, "(null) | (null) | de mutualiser nos ef\n");
  tessera_claims_view_focus_list (claims_view (fixture));
  xdotool (fixture, "key", "Return", NULL);
  gui_await (has_cross_relations, &related, "the two claims to be the same claim");
  g_assert_true (claims_have_focus (fixture));
  g_assert_false (picking (fixture));

  /* Grouped: the Malian claim stands for both. */
  gtk_editable_set_text (GTK_EDITABLE (claims_child (fixture, "search")), "");
  gui_await (grouped, &group, "the claims view to fold the other article's claim");
  g_assert_cmpuint (n_claims_of (fixture, barmou), ==, 0);

  xdotool (fixture, "key", "ctrl+z", NULL);
  gui_await (has_cross_relations, &unrelated, "Ctrl+Z to undo the same claim");

  /* The mouse: a right click on the other claim's row, Mark as Same Claim as the Selected
   * Claim. The article's claim is still selected. */
  g_assert_cmpint (tessera_text_view_get_selected (view), ==, diarra);
  if (!claims_have_focus (fixture))
    show_claims (fixture);
  gui_wait_string (dup_table, fixture,
                   "Oumar Diarra | Selon | ce plan permettra d’\n"
                   "(null) | (null) | de mutualiser nos ef\n"
                   "Présidence du Niger | Selon | cette alliance scell\n"
                   "Sadio Camara | a souligné | l’importance de cett\n");
  cell = gui_find_descendant (GTK_WIDGET (claims_view (fixture)), is_cell_of, BARMOU_WORDS);
  g_assert_nonnull (cell);
  gui_wait_drawn (cell);
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (
                           gtk_native_get_surface (GTK_NATIVE (fixture->window))));
  gui_widget_to_window (cell, 10, gtk_widget_get_height (cell) / 2, &x, &y);
  SEND ("mousemove", "--window", xid, x, y, "click", "3");
  gui_await (row_menu_open, fixture, "the row's menu to open");
  SEND ("key", "s");
  gui_await (has_cross_relations, &related, "the menu to mark the same claim");
  gui_await (grouped, &group, "the claims view to fold it again");

  xdotool (fixture, "key", "ctrl+z", NULL);
  gui_await (has_cross_relations, &unrelated, "Ctrl+Z to undo it again");

  /* Shift+F10 in the table opens the selected row's menu too. */
  tessera_claims_view_focus_list (claims_view (fixture));
  SEND ("key", "shift+F10");
  gui_await (row_menu_open, fixture, "Shift+F10 to open the row's menu");
  SEND ("key", "Escape");

  /* The relation bar: R on the claim, the other article's claim found by its words, the
   * first type that crosses documents (Same claim). */
  g_assert_true (tessera_window_show_document (fixture->window, diarra_document));
  gui_wait_shown (view, diarra);
  tessera_text_view_select (view, diarra, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  xdotool (fixture, "key", "r", NULL);
  xdotool (fixture, "type", "mutualiser", NULL);
  xdotool (fixture, "key", "Return", NULL);
  xdotool (fixture, "key", "1", NULL);
  gui_await (has_cross_relations, &related, "the relation bar to relate the two articles");
  {
    g_autoptr(GPtrArray) relations =
      tessera_store_dup_annotation_relations (gui_store (fixture), diarra, NULL);
    TesseraRelation *relation = g_ptr_array_index (relations, 0);

    g_assert_cmpstr (relation->type, ==, TESSERA_RELATION_SAME_CLAIM);
    g_assert_cmpint (relation->target_id, ==, barmou);
  }

  /* The inspector names the other article; Enter on the row opens it at that claim. */
  {
    OpenWait open = { fixture, barmou_document, barmou };
    GtkWidget *row = NULL;

    gui_await (inspector_names_other_article, fixture, "the inspector to name the article");
    row = gui_find_descendant (GTK_WIDGET (fixture->window), is_row_elsewhere, NULL);
    gtk_widget_grab_focus (row);
    xdotool (fixture, "key", "Return", NULL);
    gui_await (opened_at, &open, "the other article to open at its claim");
  }
}

/* The annotation list ------------------------------------------------------------------ */

static GtkWidget *
annotation_list (Fixture *fixture)
{
  return gui_find_widget (GTK_WIDGET (fixture->window), TESSERA_TYPE_ANNOTATION_LIST_VIEW, NULL);
}

static GtkPaned *
inspector_paned (Fixture *fixture)
{
  return GTK_PANED (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                   TESSERA_TYPE_WINDOW, "inspector_paned"));
}

/* The list has more than three quarters of the column. */
static gboolean
list_has_room (gpointer data)
{
  Fixture *fixture = data;
  int column = gtk_widget_get_height (GTK_WIDGET (inspector_paned (fixture)));

  return column > 0 && gtk_widget_get_height (annotation_list (fixture)) * 4 > column * 3;
}

static gboolean
inspector_at_remembered_height (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  return gtk_paned_get_position (inspector_paned (fixture)) ==
         g_settings_get_int (settings, "inspector-position");
}

/* The inspector made taller than @data pixels, and remembered so. */
static gboolean
drag_remembered (gpointer data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  return g_settings_get_int (settings, "inspector-position") > GPOINTER_TO_INT (data);
}

/* Nothing selected, the inspector is a line and the list has the column; an annotation
 * selected, the inspector has the height the divider was last dragged to. */
static void
test_annotation_list_room (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkPaned *paned = inspector_paned (fixture);
  g_autofree char *x = NULL, *y = NULL, *to_x = NULL, *to_y = NULL;
  g_autofree char *mid_x = NULL, *mid_y = NULL;
  int position;

  gui_add_annotation (fixture, "Assimi Goïta", "person");
  gui_await (list_has_room, fixture, "the annotation list to take the column");

  gtk_widget_grab_focus (GTK_WIDGET (gui_text_view (fixture)));
  xdotool (fixture, "key", "Tab", NULL);
  gui_await (inspector_at_remembered_height, fixture, "the inspector to take its height");
  gui_wait_drawn (GTK_WIDGET (inspector_paned (fixture)));
  g_assert_false (list_has_room (fixture));

  /* Dragged down with the mouse. */
  position = gtk_paned_get_position (paned);
  gui_widget_to_window (GTK_WIDGET (paned), gtk_widget_get_width (GTK_WIDGET (paned)) / 2,
                        position + 1, &x, &y);
  gui_widget_to_window (GTK_WIDGET (paned), gtk_widget_get_width (GTK_WIDGET (paned)) / 2,
                        position + 30, &mid_x, &mid_y);
  gui_widget_to_window (GTK_WIDGET (paned), gtk_widget_get_width (GTK_WIDGET (paned)) / 2,
                        position + 61, &to_x, &to_y);
  {
    g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (
                                              gtk_native_get_surface (GTK_NATIVE (fixture->window))));
    char *commands[] = { "mousemove", "--window", xid, x, y, "mousedown", "1",
                         "mousemove", "--window", xid, x, mid_y,
                         "mousemove", "--window", xid, to_x, to_y, "mouseup", "1", NULL };

    gui_xdotool_argv (GTK_WINDOW (fixture->window), commands);
  }
  /* The pan gesture keeps its threshold: about 60 pixels. */
  gui_await (drag_remembered, GINT_TO_POINTER (position + 40), "the drag to be remembered");
  position = g_settings_get_int (settings, "inspector-position");
  g_assert_cmpint (gtk_paned_get_position (paned), ==, position);

  /* Nothing selected: the list again; selected again: the height dragged to. */
  xdotool (fixture, "key", "Escape", NULL);
  gui_await (list_has_room, fixture, "the annotation list to take the column again");
  xdotool (fixture, "key", "Tab", NULL);
  gui_await (inspector_at_remembered_height, fixture, "the inspector to take its height again");
  g_assert_cmpint (gtk_paned_get_position (paned), ==, position);

  g_settings_reset (settings, "inspector-position");
}

static gboolean
collect_context (GtkWidget     *widget,
                 gconstpointer  data)
{
  GPtrArray *found = (GPtrArray *) data;

  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), "¶"))
    g_ptr_array_add (found, g_strdup (gtk_label_get_label (GTK_LABEL (widget))));
  return FALSE;
}

static char *
dup_contexts (gpointer data)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

  gui_find_descendant (annotation_list (data), collect_context, found);
  g_ptr_array_add (found, NULL);
  return g_strjoinv ("\n", (char **) found->pdata);
}

/* Two rows that read alike say where each is. */
static void
test_annotation_list_context (Fixture       *fixture,
                              gconstpointer  data)
{
  TesseraRange second = gui_find_range (fixture, "Confédération des États du Sahel", 2);
  g_autoptr(GError) error = NULL;
  gint64 id;

  gui_add_annotation (fixture, "Confédération des États du Sahel", "organisation");
  id = tessera_store_add_annotation (gui_store (fixture),
                                     tessera_window_get_document_id (fixture->window),
                                     gui_type_id (fixture, "organisation"), &second, 1, NULL,
                                     &error);
  g_assert_no_error (error);
  gui_wait_shown (gui_text_view (fixture), id);
  gui_wait_string (dup_contexts, fixture,
                   "¶ 2 · …en exercice de la […] (AES), a reçu les…\n"
                   "¶ 4 · …du président de la […] pour assurer la mise…");
}

int
main (int   argc,
      char *argv[])
{
  gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/gui/claims-view/" path, Fixture, NULL, gui_fixture_set_up, func, \
              gui_fixture_tear_down)

  ADD ("filter-group-open", test_filter_group_open);
  ADD ("follows-changes", test_follows_changes);
  ADD ("same-claim", test_same_claim);
  ADD ("same-claim-across-articles", test_same_claim_across_articles);
  ADD ("annotation-list-room", test_annotation_list_room);
  ADD ("annotation-list-context", test_annotation_list_context);

  return g_test_run ();
}
