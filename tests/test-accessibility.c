/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "gui-helpers.h"
#include "tessera-claims-view.h"
#include "tessera-inspector.h"
#include "tessera-preferences-window.h"

/*
 * Every control a screen reader can reach has a name, and the article says which
 * annotation the caret is in.
 *
 * GTK 4.8 has no public getter for an accessible's computed name, so the check looks at
 * the ways a name is given, through the test API of gtktestatcontext.h where there is one:
 * an accessible label (gtk_test_accessible_has_property), a labelled-by relation
 * (gtk_test_accessible_has_relation), the title of a libadwaita row, or, for buttons and
 * list items only, the text they show. A tooltip is a description, not a name, and counts
 * for nothing.
 */

typedef struct
{
  GPtrArray  *unnamed;   /* char *, one line per control without a name */
  GHashTable *seen;      /* GtkWidget * */
  guint       checked;
} Audit;

static void
audit_init (Audit *audit)
{
  audit->unnamed = g_ptr_array_new_with_free_func (g_free);
  audit->seen = g_hash_table_new (NULL, NULL);
  audit->checked = 0;
}

static void
audit_clear (Audit *audit)
{
  g_ptr_array_unref (audit->unnamed);
  g_hash_table_unref (audit->seen);
}

/* Controls: what a user can act on, or what takes the keyboard focus with a role of its
 * own. GtkScrolledWindow and GtkPaned take the focus only to scroll or to move a divider;
 * GTK 4.8 gives them a generic role ("group", "widget") that screen readers pass over, so
 * they are left out. */
static gboolean
is_control (GtkWidget *widget)
{
  GtkAccessibleRole role;
  const GType types[] = {
    GTK_TYPE_BUTTON, GTK_TYPE_MENU_BUTTON, GTK_TYPE_CHECK_BUTTON, GTK_TYPE_SWITCH,
    GTK_TYPE_ENTRY, GTK_TYPE_SEARCH_ENTRY, GTK_TYPE_PASSWORD_ENTRY, GTK_TYPE_SPIN_BUTTON,
    GTK_TYPE_SCALE, GTK_TYPE_DROP_DOWN, GTK_TYPE_LIST_VIEW, GTK_TYPE_GRID_VIEW,
    GTK_TYPE_COLUMN_VIEW, GTK_TYPE_LIST_BOX, GTK_TYPE_FLOW_BOX, GTK_TYPE_TEXT_VIEW,
    GTK_TYPE_COLOR_BUTTON, GTK_TYPE_FONT_BUTTON, GTK_TYPE_TEXT, GTK_TYPE_SCALE_BUTTON,
    GTK_TYPE_STACK_SWITCHER, ADW_TYPE_PREFERENCES_ROW,
  };

  if (!GTK_IS_ACCESSIBLE (widget))
    return FALSE;
  role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));
  if (role == GTK_ACCESSIBLE_ROLE_PRESENTATION || role == GTK_ACCESSIBLE_ROLE_NONE)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (widget, types[i]))
        return TRUE;
    }
  return gtk_widget_get_focusable (widget) && role != GTK_ACCESSIBLE_ROLE_GENERIC &&
         role != GTK_ACCESSIBLE_ROLE_GROUP && role != GTK_ACCESSIBLE_ROLE_WIDGET;
}

/* The text field inside an entry, a spin button or an entry row: the outer widget is the
 * one checked, and AT-SPI presents the two as one. */
static gboolean
is_inner_text (GtkWidget *widget)
{
  GtkWidget *ancestor;

  if (!GTK_IS_TEXT (widget))
    return FALSE;
  for (ancestor = gtk_widget_get_parent (widget); ancestor != NULL;
       ancestor = gtk_widget_get_parent (ancestor))
    {
      if (GTK_IS_EDITABLE (ancestor) && !GTK_IS_TEXT (ancestor))
        return TRUE;
      if (is_control (ancestor))
        return FALSE;
    }
  return FALSE;
}

/* libadwaita 1.2 builds these inside its own widgets without a name and offers no way to
 * give them one. Each is reached through something named, and what we put inside is
 * checked:
 * - an AdwExpanderRow's list holding its header row (named by the row's title) and the list
 *   of its nested rows (each checked);
 * - AdwPreferencesWindow's search entry and results (search is off in Tessera's) and its
 *   page switcher, whose buttons are named by the pages' titles. */
static gboolean
is_library_internal (GtkWidget *widget)
{
  const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget));

  if (GTK_IS_LIST_BOX (widget))
    {
      GtkWidget *ancestor = gtk_widget_get_parent (widget);

      for (guint i = 0; i < 3 && ancestor != NULL; i++, ancestor = gtk_widget_get_parent (ancestor))
        {
          if (ADW_IS_EXPANDER_ROW (ancestor))
            return TRUE;
        }
    }
  if (gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_WINDOW) != NULL &&
      (ADW_IS_VIEW_SWITCHER (widget) ||
       (GTK_IS_SEARCH_ENTRY (widget) && g_strcmp0 (id, "search_entry") == 0) ||
       (GTK_IS_LIST_BOX (widget) && g_strcmp0 (id, "search_results") == 0)))
    return TRUE;
  return FALSE;
}

/* An accessible label set, and not to nothing. */
static gboolean
has_label_property (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);
  g_autofree char *differs = NULL;

  if (!gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL))
    return FALSE;
  differs = gtk_test_accessible_check_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL, "");
  return differs != NULL;
}

static gboolean
has_shown_text (GtkWidget *widget)
{
  if (!gtk_widget_get_visible (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      return text != NULL && *text != '\0';
    }
  /* A widget drawing its own text (a row of the document list) labels itself with it. */
  if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == GTK_ACCESSIBLE_ROLE_LABEL)
    return has_label_property (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (has_shown_text (child))
        return TRUE;
    }
  return FALSE;
}

/* Widgets named by what they show: buttons, menu items, rows and items of lists. */
static gboolean
named_by_content (GtkWidget *widget)
{
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));

  if (GTK_IS_COLOR_BUTTON (widget) || GTK_IS_FONT_BUTTON (widget))
    return FALSE;
  if (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) ||
      GTK_IS_LIST_BOX_ROW (widget) || GTK_IS_FLOW_BOX_CHILD (widget))
    return TRUE;
  return role == GTK_ACCESSIBLE_ROLE_BUTTON || role == GTK_ACCESSIBLE_ROLE_MENU_ITEM ||
         role == GTK_ACCESSIBLE_ROLE_MENU_ITEM_CHECKBOX ||
         role == GTK_ACCESSIBLE_ROLE_MENU_ITEM_RADIO || role == GTK_ACCESSIBLE_ROLE_LIST_ITEM ||
         role == GTK_ACCESSIBLE_ROLE_ROW || role == GTK_ACCESSIBLE_ROLE_TAB ||
         role == GTK_ACCESSIBLE_ROLE_CHECKBOX || role == GTK_ACCESSIBLE_ROLE_RADIO;
}

static gboolean
points_at (GtkWidget *widget,
           GtkWidget *target)
{
  g_autofree char *differs =
    gtk_test_accessible_check_relation (GTK_ACCESSIBLE (widget),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY, target, NULL);

  return differs == NULL;
}

/* Whether @data, a widget, is labelled by @target. */
static gboolean
is_target_of (GtkWidget     *target,
              gconstpointer  data)
{
  GtkWidget *widget = (GtkWidget *) data;

  return target != widget && points_at (widget, target);
}

static GtkWidget *
find_target (GtkWidget *widget,
             GtkWidget *root)
{
  return gui_find_descendant (root, is_target_of, widget);
}

/* GTK 4.8 labels every button by its child, an icon as well as a text: a labelled-by
 * relation counts when what it points at shows text. The relation cannot be read, only
 * compared, so the target is searched among the widget's descendants, then in its window;
 * one not found there (set by a library for its own parts) is taken on trust. */
static gboolean
labelled_by_something_shown (GtkWidget *widget)
{
  GtkWidget *target = find_target (widget, widget);

  if (target == NULL)
    target = find_target (widget, GTK_WIDGET (gtk_widget_get_root (widget)));
  if (target == NULL)
    return TRUE;
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (target), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return TRUE;
  return has_shown_text (target);
}

static gboolean
has_name (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  if (has_label_property (widget))
    return TRUE;
  if (gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY) &&
      labelled_by_something_shown (widget))
    return TRUE;
  if (ADW_IS_PREFERENCES_ROW (widget))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));

      if (title != NULL && *title != '\0')
        return TRUE;
    }
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
      *gtk_button_get_label (GTK_BUTTON (widget)) != '\0' && !GTK_IS_COLOR_BUTTON (widget))
    return TRUE;
  return named_by_content (widget) && has_shown_text (widget);
}

static char *
describe (GtkWidget *widget)
{
  g_autoptr(GString) path = g_string_new (NULL);

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *id = GTK_IS_BUILDABLE (w) ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (w))
                                            : NULL;
      g_autofree char *part = NULL;

      if (id != NULL)
        part = g_strdup_printf ("%s#%s", G_OBJECT_TYPE_NAME (w), id);
      else if (ADW_IS_PREFERENCES_ROW (w) && adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)))
        part = g_strdup_printf ("%s“%s”", G_OBJECT_TYPE_NAME (w),
                                adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)));
      else
        part = g_strdup (G_OBJECT_TYPE_NAME (w));
      g_string_prepend (path, part);
      if (gtk_widget_get_parent (w) != NULL)
        g_string_prepend (path, " > ");
    }
  return g_string_free (g_steal_pointer (&path), FALSE);
}

static void
audit_widget (Audit     *audit,
              GtkWidget *widget)
{
  if (g_hash_table_contains (audit->seen, widget))
    return;
  g_hash_table_add (audit->seen, widget);

  /* Hidden widgets are not in the accessibility tree. */
  if (!gtk_widget_get_visible (widget))
    return;

  if (is_control (widget) && !is_inner_text (widget) && !is_library_internal (widget))
    {
      audit->checked++;
      if (!has_name (widget))
        g_ptr_array_add (audit->unnamed, describe (widget));
    }

  /* An AdwComboRow is named by its title; inside, the view of the current value and the
   * drop-down list are libadwaita 1.2's own, unnamed there and out of our reach (Orca reads
   * the row, then the items). Nothing of ours goes inside one. */
  if (ADW_IS_COMBO_ROW (widget))
    return;

  /* Children include the popovers of menu buttons. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    audit_widget (audit, child);

  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget)))
    audit_widget (audit, GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget))));
}

static void
assert_all_named (Audit      *audit,
                  const char *what)
{
  g_test_message ("%s: %u controls checked", what, audit->checked);
  g_assert_cmpuint (audit->checked, >, 10);
  if (audit->unnamed->len > 0)
    {
      g_ptr_array_add (audit->unnamed, NULL);
      {
        g_autofree char *list = g_strjoinv ("\n  ", (char **) audit->unnamed->pdata);

        g_test_fail_printf ("%s: %u controls have no accessible name:\n  %s", what,
                            audit->unnamed->len - 1, list);
      }
    }
}

static gboolean
is_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* Opens the main menu, so that its items exist, and walks the window as it is drawn. */
static void
audit_window (Audit      *audit,
              GtkWindow  *window)
{
  GtkWidget *menu_button = gui_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, NULL);
  GtkWidget *popover = NULL;

  if (menu_button != NULL)
    {
      gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
      popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)));
      gui_wait_drawn (popover);
    }
  gui_wait_drawn (GTK_WIDGET (window));
  audit_widget (audit, GTK_WIDGET (window));
  if (menu_button != NULL)
    {
      gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
      gui_await (is_unmapped, popover, "the main menu to close");
    }
}

/* Tests ------------------------------------------------------------------------------ */

static void
test_main_window_controls_named (GuiFixture    *fixture,
                                 gconstpointer  data)
{
  TesseraTextView *view = gui_text_view (fixture);
  gint64 person = gui_add_annotation (fixture, "Oumar Diarra", "person");
  gint64 claim = gui_add_annotation (fixture, "ce plan permettra d’insuffler un nouveau dynamisme",
                                     "claim");
  Audit audit;

  audit_init (&audit);

  /* Nothing selected, then a mention and a claim: the inspector shows other controls. */
  audit_window (&audit, GTK_WINDOW (fixture->window));
  tessera_text_view_select (view, person, TRUE);
  audit_window (&audit, GTK_WINDOW (fixture->window));
  tessera_text_view_select (view, claim, TRUE);
  audit_window (&audit, GTK_WINDOW (fixture->window));
  /* The claims view is made when it is first shown. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-claims", NULL);
  g_assert_nonnull (gui_find_widget (GTK_WIDGET (fixture->window), TESSERA_TYPE_CLAIMS_VIEW,
                                     NULL));
  audit_window (&audit, GTK_WINDOW (fixture->window));

  assert_all_named (&audit, "main window");
  audit_clear (&audit);
}

static void
test_preferences_controls_named (GuiFixture    *fixture,
                                 gconstpointer  data)
{
  GtkWidget *preferences = tessera_preferences_window_new (fixture->window);
  GtkWindow *dialog;
  GtkWidget *row;
  Audit audit;

  gui_add_annotation (fixture, "Burkina Faso", "place");
  audit_init (&audit);
  gui_present (GTK_WINDOW (preferences));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "tagset");
  row = gui_find_widget (preferences, ADW_TYPE_EXPANDER_ROW, NULL);
  g_assert_nonnull (row);
  gui_expand_row (ADW_EXPANDER_ROW (row));
  audit_window (&audit, GTK_WINDOW (preferences));

  /* The dialogs of the tagset editor. */
  gtk_widget_activate_action (preferences, "preferences.add-type", NULL);
  dialog = gui_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  audit_window (&audit, dialog);
  gui_destroy_window (&dialog);

  {
    g_autofree char *name = g_strdup_printf ("type-%" G_GINT64_FORMAT,
                                             gui_type_id (fixture, "place"));

    row = gui_find_widget (preferences, ADW_TYPE_EXPANDER_ROW, name);
  }
  g_assert_nonnull (row);
  gui_expand_row (ADW_EXPANDER_ROW (row));
  gtk_widget_activate (gui_find_widget (row, GTK_TYPE_BUTTON, "delete"));
  dialog = gui_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  audit_window (&audit, dialog);
  gui_destroy_window (&dialog);

  assert_all_named (&audit, "preferences");
  audit_clear (&audit);
  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* The check itself: an icon-only button, a switch and an entry without labels are caught;
 * the same with labels, a labelled-by relation or a row title are not. */
static void
test_audit_finds_unnamed (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *caption = gtk_label_new ("Caption");
  GtkWidget *labelled = gtk_entry_new ();
  GtkWidget *named_button = gtk_button_new_from_icon_name ("list-add-symbolic");
  Audit audit;

  gtk_box_append (GTK_BOX (box), gtk_button_new_from_icon_name ("list-add-symbolic"));
  gtk_box_append (GTK_BOX (box), gtk_switch_new ());
  gtk_box_append (GTK_BOX (box), gtk_entry_new ());
  gtk_box_append (GTK_BOX (box), gtk_button_new_with_label ("Add"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (named_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "Add", -1);
  gtk_box_append (GTK_BOX (box), named_button);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (labelled), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  caption, NULL, -1);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), labelled);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "Row");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, "List", -1);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_box_append (GTK_BOX (box), list);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gui_present (GTK_WINDOW (window));

  audit_init (&audit);
  audit_widget (&audit, window);
  for (guint i = 0; i < audit.unnamed->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (audit.unnamed, i));
  g_assert_cmpuint (audit.unnamed->len, ==, 3);
  g_assert_nonnull (strstr (g_ptr_array_index (audit.unnamed, 0), "GtkButton"));
  g_assert_nonnull (strstr (g_ptr_array_index (audit.unnamed, 1), "GtkSwitch"));
  g_assert_nonnull (strstr (g_ptr_array_index (audit.unnamed, 2), "GtkEntry"));
  audit_clear (&audit);
  gtk_window_destroy (GTK_WINDOW (window));
}

static char *
dup_description (gpointer widget)
{
  /* No getter in GTK 4.8: ask the test API whether it differs from nothing at all. */
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                         GTK_ACCESSIBLE_PROPERTY_DESCRIPTION))
    return NULL;
  return gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                             GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "");
}

static void
place_caret (GuiFixture *fixture,
             guint       offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (gui_text_view (fixture)));
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) offset);
  gtk_text_buffer_place_cursor (buffer, &iter);
}

/* Waits until @widget's accessible description is @description (NULL: none), or fails
 * saying what it is. */
static void
wait_description (GtkWidget  *widget,
                  const char *description)
{
  gui_wait_string (dup_description, widget, description);
  if (description != NULL)
    gtk_test_accessible_assert_property (widget, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                         description);
  else
    g_assert_null (dup_description (widget));
}

static void
test_caret_describes_annotation (GuiFixture    *fixture,
                                 gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (gui_text_view (fixture));
  GtkWidget *inspector = tessera_window_get_inspector (fixture->window);
  TesseraRange name = gui_find_range (fixture, "Oumar Diarra", 1);
  TesseraRange place = gui_find_range (fixture, "Burkina Faso", 1);
  gint64 person = gui_add_annotation (fixture, "Oumar Diarra", "person");

  /* The caret in a mention: the view's description names its type and text. */
  place_caret (fixture, name.start + 3);
  wait_description (view, "Person «Oumar Diarra»");

  /* Outside any annotation, no description. */
  place_caret (fixture, place.start + 3);
  wait_description (view, NULL);

  /* Marked while the caret is there: the description follows the store. */
  gui_add_annotation (fixture, "Burkina Faso", "place");
  wait_description (view, "Place «Burkina Faso»");

  /* The inspector says which annotation it shows. */
  wait_description (inspector, "No annotation selected");
  tessera_text_view_select (TESSERA_TEXT_VIEW (view), person, FALSE);
  wait_description (inspector, "Person «Oumar Diarra»");
  wait_description (view, "Person «Oumar Diarra»");
}

int
main (int   argc,
      char *argv[])
{
  gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/gui/accessibility/" path, GuiFixture, NULL, gui_fixture_set_up, func, \
              gui_fixture_tear_down)

  g_test_add_func ("/gui/accessibility/audit-finds-unnamed", test_audit_finds_unnamed);
  ADD ("main-window-controls-named", test_main_window_controls_named);
  ADD ("preferences-controls-named", test_preferences_controls_named);
  ADD ("caret-describes-annotation", test_caret_describes_annotation);

  return g_test_run ();
}
