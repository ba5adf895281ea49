/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-claims-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-claims-view.h"
#include "tessera-wrap-box.h"

/*
 * Every claim of the corpus in a table: source, cue, quote type, factuality, document, date
 * and words; filtered and grouped by the model (tessera-claims-model.c). Enter or a double
 * click on a claim opens it in its article (win.open-annotation); Esc goes back there
 * (win.show-article). The table follows the project: a change while it is hidden only
 * marks it out of date, and it reads the claims again when it is shown.
 *
 * "Same claim" across articles: a claim of the article waits here for its partner
 * (tessera_claims_view_pick_same_claim()): Enter on a row marks that one the same claim
 * (win.mark-same-claim) instead of opening it. A right click on a row, or the Menu key,
 * offers the same for the claim selected in the article.
 */

typedef enum
{
  COLUMN_SOURCE,
  COLUMN_CUE,
  COLUMN_QUOTE_TYPE,
  COLUMN_FACTUALITY,
  COLUMN_DOCUMENT,
  COLUMN_DATE,
  COLUMN_CLAIM,
  N_COLUMNS
} Column;

/* The filters' drop-downs, in TesseraClaimsField order from SOURCE. */
#define N_FILTERS (TESSERA_CLAIMS_N_FIELDS - TESSERA_CLAIMS_FIELD_SOURCE)

struct _TesseraClaimsView
{
  GtkWidget           parent_instance;

  /* Template */
  GtkWidget          *box;
  GtkSearchEntry     *search;
  GtkDropDown        *source_filter;
  GtkDropDown        *cue_filter;
  GtkDropDown        *document_filter;
  GtkDropDown        *month_filter;
  GtkDropDown        *grouping;
  GtkLabel           *pick_label;
  GtkLabel           *count;
  GtkColumnView      *columns;
  GtkSingleSelection *selection;

  /* State */
  TesseraStore       *store;
  TesseraClaimsModel *model;
  GtkTreeListModel   *tree;
  GPtrArray          *choice_keys[N_FILTERS];  /* char *, NULL first: "all" */
  guint               n_claims;
  gboolean            out_of_date;
  gboolean            updating_choices;
  guint               reload_source;
  gboolean            picking;       /* the article's claim waits for its partner */
  GtkWidget          *row_menu;      /* GtkPopoverMenu of a row */
};

G_DEFINE_FINAL_TYPE (TesseraClaimsView, tessera_claims_view, GTK_TYPE_WIDGET)

static GtkDropDown *
filter_drop_down (TesseraClaimsView  *self,
                  TesseraClaimsField  field)
{
  GtkDropDown *drop_downs[N_FILTERS] = {
    self->source_filter, self->cue_filter, self->document_filter, self->month_filter,
  };

  return drop_downs[field - TESSERA_CLAIMS_FIELD_SOURCE];
}

/* Rows ---------------------------------------------------------------------------------- */

static GListModel *
create_children (gpointer item,
                 gpointer data)
{
  GListModel *children = tessera_claim_node_get_children (TESSERA_CLAIM_NODE (item));

  return children ? g_object_ref (children) : NULL;
}

static void popup_row_menu (TesseraClaimsView *self,
                            guint              position,
                            GtkWidget         *widget,
                            double             x,
                            double             y);

/* A right click on a cell: its row selected, and its menu. */
static void
on_row_pressed (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                GtkListItem     *item)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *view = gtk_widget_get_ancestor (cell, TESSERA_TYPE_CLAIMS_VIEW);
  guint position = gtk_list_item_get_position (item);

  if (view == NULL || position == GTK_INVALID_LIST_POSITION)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_row_menu (TESSERA_CLAIMS_VIEW (view), position, cell, x, y);
}

static GtkEventController *
row_click_new (GtkListItem *item)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_row_pressed), item, 0);
  return GTK_EVENT_CONTROLLER (click);
}

static void
cell_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  Column column = GPOINTER_TO_INT (data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column == COLUMN_CLAIM)
    {
      /* The words of a claim on two lines at most. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_lines (GTK_LABEL (label), 2);
    }
  else
    gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (column == COLUMN_SOURCE)
    {
      GtkWidget *expander = gtk_tree_expander_new ();

      gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), label);
      gtk_list_item_set_child (item, expander);
    }
  else
    gtk_list_item_set_child (item, label);
  gtk_widget_add_controller (gtk_list_item_get_child (item), row_click_new (item));
}

static const char *
vocabulary_label (TesseraVocabulary  vocabulary,
                  const char        *code)
{
  return code ? tessera_vocabulary_label_of (vocabulary, code) : "";
}

/* The claim's words; with partners in other articles, how many. */
static char *
dup_claim_markup (const TesseraClaimRow *row)
{
  g_autofree char *words = g_markup_escape_text (row->text ? row->text : "", -1);
  g_autofree char *also = NULL;

  if (row->n_same_claim_documents == 0)
    return g_steal_pointer (&words);
  also = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "also in %u article",
                                       "also in %u articles", row->n_same_claim_documents),
                          row->n_same_claim_documents);
  return g_strdup_printf ("%s  <span alpha=\"55%%\">(%s)</span>", words, also);
}

static void
bind_group (GtkLabel         *label,
            Column            column,
            TesseraClaimNode *node)
{
  g_autofree char *title = NULL;
  g_autofree char *markup = NULL;
  guint n = tessera_claim_node_get_n_claims (node);

  if (column != COLUMN_SOURCE)
    {
      gtk_label_set_text (label, "");
      return;
    }
  title = g_markup_escape_text (tessera_claim_node_get_title (node), -1);
  markup = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "<b>%s</b>  <span alpha=\"55%%\">%u claim</span>",
                                         "<b>%s</b>  <span alpha=\"55%%\">%u claims</span>", n),
                            title, n);
  gtk_label_set_markup (label, markup);
}

static void
cell_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  Column column = GPOINTER_TO_INT (data);
  GtkTreeListRow *tree_row = gtk_list_item_get_item (item);
  g_autoptr(TesseraClaimNode) node = gtk_tree_list_row_get_item (tree_row);
  const TesseraClaimRow *row = tessera_claim_node_get_row (node);
  GtkWidget *child = gtk_list_item_get_child (item);
  GtkLabel *label;
  const char *text = "";

  if (column == COLUMN_SOURCE)
    {
      gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (child), tree_row);
      label = GTK_LABEL (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (child)));
    }
  else
    label = GTK_LABEL (child);

  if (row == NULL)
    {
      bind_group (label, column, node);
      return;
    }

  switch (column)
    {
    case COLUMN_SOURCE:
      text = row->source ? row->source : "—";
      break;
    case COLUMN_CUE:
      text = row->cue ? row->cue : "—";
      break;
    case COLUMN_QUOTE_TYPE:
      text = vocabulary_label (TESSERA_VOCABULARY_QUOTE_TYPE, row->quote_type);
      break;
    case COLUMN_FACTUALITY:
      text = vocabulary_label (TESSERA_VOCABULARY_FACTUALITY, row->factuality);
      break;
    case COLUMN_DOCUMENT:
      text = row->document_title;
      break;
    case COLUMN_DATE:
      text = row->document_date ? row->document_date : "";
      break;
    case COLUMN_CLAIM:
      {
        g_autofree char *markup = dup_claim_markup (row);

        gtk_label_set_markup (label, markup);
        return;
      }
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (label, text ? text : "");
}

static void
add_columns (TesseraClaimsView *self)
{
  const char *titles[N_COLUMNS] = {
    N_("Source"), N_("Cue"), N_("Quote Type"), N_("Factuality"), N_("Document"), N_("Date"),
    N_("Claim"),
  };
  const int widths[N_COLUMNS] = { 190, 110, 140, 110, 170, 100, -1 };

  for (Column column = 0; column < N_COLUMNS; column++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *view_column;

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), GINT_TO_POINTER (column));
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), GINT_TO_POINTER (column));
      view_column = gtk_column_view_column_new (_(titles[column]), factory);
      gtk_column_view_column_set_resizable (view_column, TRUE);
      if (widths[column] > 0)
        gtk_column_view_column_set_fixed_width (view_column, widths[column]);
      else
        gtk_column_view_column_set_expand (view_column, TRUE);
      gtk_column_view_append_column (self->columns, view_column);
      g_object_unref (view_column);
    }
}

/* Groups open: their claims are what people came for. Partners stay folded. */
static void
expand_groups (TesseraClaimsView *self)
{
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->tree)); i > 0; i--)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree, i - 1);
      g_autoptr(TesseraClaimNode) node = gtk_tree_list_row_get_item (row);

      if (tessera_claim_node_get_row (node) == NULL)
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
}

static void
update_count (TesseraClaimsView *self)
{
  guint shown = tessera_claims_model_get_n_shown (self->model);
  g_autofree char *text = NULL;

  if (self->n_claims == 0)
    text = g_strdup (_("No claims yet: select a statement in an article and press the "
                       "Claim type’s key"));
  else if (shown == self->n_claims)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u claim", "%u claims", shown),
                            shown);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u claim", "%u of %u claims",
                                         self->n_claims),
                            shown, self->n_claims);
  gtk_label_set_label (self->count, text);
}

static void
after_model_change (TesseraClaimsView *self)
{
  expand_groups (self);
  update_count (self);
}

/* Filters ------------------------------------------------------------------------------- */

/* A choice as a label cut to @data characters: a long document title or source keeps the
 * drop-down, and the window, to a reasonable width. */
static void
choice_setup (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), GPOINTER_TO_INT (data));
  gtk_list_item_set_child (item, label);
}

static void
choice_bind (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  data)
{
  GtkStringObject *choice = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (choice));
}

static GtkListItemFactory *
choice_factory_new (int max_chars)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (choice_setup), GINT_TO_POINTER (max_chars));
  g_signal_connect (factory, "bind", G_CALLBACK (choice_bind), NULL);
  return factory;
}

static const char *
selected_key (TesseraClaimsView  *self,
              TesseraClaimsField  field)
{
  GPtrArray *keys = self->choice_keys[field - TESSERA_CLAIMS_FIELD_SOURCE];
  guint selected = gtk_drop_down_get_selected (filter_drop_down (self, field));

  if (keys == NULL || selected >= keys->len)
    return NULL;
  return g_ptr_array_index (keys, selected);
}

static void
on_filter_changed (TesseraClaimsView *self)
{
  if (self->updating_choices)
    return;
  for (TesseraClaimsField field = TESSERA_CLAIMS_FIELD_SOURCE; field < TESSERA_CLAIMS_N_FIELDS;
       field++)
    tessera_claims_model_set_filter (self->model, field, selected_key (self, field));
  after_model_change (self);
}

static void
on_search_changed (TesseraClaimsView *self)
{
  tessera_claims_model_set_search (self->model,
                                   gtk_editable_get_text (GTK_EDITABLE (self->search)));
  after_model_change (self);
}

/* Esc in the search: empties it, and when it is empty goes back to the article. */
static void
on_stop_search (TesseraClaimsView *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search), "");
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-article", NULL);
}

static void
on_grouping_changed (TesseraClaimsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->grouping);

  /* The drop-down lists "no groups" then the fields in order. */
  tessera_claims_model_set_grouping (self->model,
                                     selected < TESSERA_CLAIMS_N_FIELDS ? selected
                                                                        : TESSERA_CLAIMS_FIELD_NONE);
  after_model_change (self);
}

/* The values each filter offers, now; the one chosen stays chosen while it is there. */
static void
update_choices (TesseraClaimsView *self)
{
  const char *all[N_FILTERS] = {
    _("All sources"), _("All cue verbs"), _("All documents"), _("All months"),
  };

  self->updating_choices = TRUE;
  for (TesseraClaimsField field = TESSERA_CLAIMS_FIELD_SOURCE; field < TESSERA_CLAIMS_N_FIELDS;
       field++)
    {
      guint index = field - TESSERA_CLAIMS_FIELD_SOURCE;
      g_autofree char *chosen = g_strdup (selected_key (self, field));
      g_autoptr(GPtrArray) choices = tessera_claims_model_dup_choices (self->model, field);
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
      guint selected = 0;

      g_clear_pointer (&self->choice_keys[index], g_ptr_array_unref);
      self->choice_keys[index] = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (self->choice_keys[index], NULL);
      gtk_string_list_append (labels, all[index]);
      for (guint i = 0; i < choices->len; i++)
        {
          TesseraClaimsChoice *choice = g_ptr_array_index (choices, i);

          if (g_strcmp0 (choice->key, chosen) == 0)
            selected = i + 1;
          g_ptr_array_add (self->choice_keys[index], g_strdup (choice->key));
          gtk_string_list_append (labels, choice->label);
        }
      gtk_drop_down_set_model (filter_drop_down (self, field), G_LIST_MODEL (labels));
      gtk_drop_down_set_selected (filter_drop_down (self, field), selected);
    }
  self->updating_choices = FALSE;
}

/* Following the project ----------------------------------------------------------------- */

static void
reload (TesseraClaimsView *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root;
  GtkWidget *focus;
  gboolean in_table;

  self->out_of_date = FALSE;
  if (self->store != NULL)
    {
      rows = tessera_store_dup_claim_rows (self->store, &error);
      if (rows == NULL)
        {
          gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "s", error->message);
          return;
        }
    }
  self->n_claims = rows ? rows->len : 0;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root ? gtk_root_get_focus (root) : NULL;
  in_table = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->columns));
  tessera_claims_model_set_rows (self->model, rows);
  update_choices (self);
  /* A filter whose value is gone lets everything through again. */
  on_filter_changed (self);
  /* The row that had the keyboard is gone with the old rows: the table takes it back. */
  if (in_table)
    tessera_claims_view_focus_list (self);
}

static gboolean
reload_when_idle (gpointer data)
{
  TesseraClaimsView *self = data;

  self->reload_source = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

/* Shown, the table follows at once (once for a burst of changes); hidden, it waits. */
static void
on_store_changed (TesseraClaimsView *self)
{
  self->out_of_date = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->reload_source == 0)
    self->reload_source = g_idle_add (reload_when_idle, self);
}

static void
stop_picking (TesseraClaimsView *self)
{
  self->picking = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->pick_label), FALSE);
}

/* Left for the article: the pick is given up. */
static void
tessera_claims_view_unmap (GtkWidget *widget)
{
  TesseraClaimsView *self = TESSERA_CLAIMS_VIEW (widget);

  stop_picking (self);
  gtk_popover_popdown (GTK_POPOVER (self->row_menu));
  GTK_WIDGET_CLASS (tessera_claims_view_parent_class)->unmap (widget);
}

static void
tessera_claims_view_map (GtkWidget *widget)
{
  TesseraClaimsView *self = TESSERA_CLAIMS_VIEW (widget);

  GTK_WIDGET_CLASS (tessera_claims_view_parent_class)->map (widget);
  if (self->out_of_date)
    reload (self);
}

/* The claim of the table's row at @position; %NULL for a group's row. */
static const TesseraClaimRow *
row_at (TesseraClaimsView  *self,
        guint               position,
        GtkTreeListRow    **out_tree_row)
{
  g_autoptr(GtkTreeListRow) tree_row = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                                              position);
  g_autoptr(TesseraClaimNode) node = NULL;

  if (tree_row == NULL)
    return NULL;
  node = gtk_tree_list_row_get_item (tree_row);
  if (out_tree_row != NULL)
    *out_tree_row = g_object_ref (tree_row);
  /* The model's rows outlive the node: they are kept until the next reload. */
  return tessera_claim_node_get_row (node);
}

static void
on_row_activated (TesseraClaimsView *self,
                  guint              position)
{
  g_autoptr(GtkTreeListRow) tree_row = NULL;
  const TesseraClaimRow *row = row_at (self, position, &tree_row);

  if (tree_row == NULL)
    return;
  if (row != NULL && self->picking)
    {
      stop_picking (self);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.mark-same-claim", "x",
                                  row->annotation_id);
    }
  else if (row != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-annotation", "x",
                                row->annotation_id);
  else
    gtk_tree_list_row_set_expanded (tree_row, !gtk_tree_list_row_get_expanded (tree_row));
}

/* The menu of the claim at @position, pointing at (@x, @y) of @widget. */
static void
popup_row_menu (TesseraClaimsView *self,
                guint              position,
                GtkWidget         *widget,
                double             x,
                double             y)
{
  const TesseraClaimRow *row = row_at (self, position, NULL);
  g_autoptr(GMenu) menu = NULL;
  g_autoptr(GMenuItem) same = NULL;
  g_autoptr(GMenuItem) open = NULL;
  graphene_point_t point;

  if (row == NULL)
    return;
  gtk_single_selection_set_selected (self->selection, position);
  menu = g_menu_new ();
  same = g_menu_item_new (_("Mark as _Same Claim as the Selected Claim"), NULL);
  g_menu_item_set_action_and_target_value (same, "win.mark-same-claim",
                                           g_variant_new_int64 (row->annotation_id));
  g_menu_append_item (menu, same);
  open = g_menu_item_new (_("_Open in Its Article"), NULL);
  g_menu_item_set_action_and_target_value (open, "win.open-annotation",
                                           g_variant_new_int64 (row->annotation_id));
  g_menu_append_item (menu, open);
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->row_menu), G_MENU_MODEL (menu));

  if (!gtk_widget_compute_point (widget, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &point))
    graphene_point_init (&point, 0, 0);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->row_menu),
                               &(GdkRectangle) { (int) point.x, (int) point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->row_menu));
}

/* Shift+F10 or the Menu key in the table: the menu of the selected claim, at its row. */
static void
row_menu_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TesseraClaimsView *self = TESSERA_CLAIMS_VIEW (widget);
  guint position = gtk_single_selection_get_selected (self->selection);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->columns)))
    focus = GTK_WIDGET (self->columns);
  popup_row_menu (self, position, focus, gtk_widget_get_width (focus) / 2.0,
                  gtk_widget_get_height (focus) / 2.0);
}

/* API ----------------------------------------------------------------------------------- */

void
tessera_claims_view_set_store (TesseraClaimsView *self,
                               TesseraStore      *store)
{
  g_return_if_fail (TESSERA_IS_CLAIMS_VIEW (self));
  g_return_if_fail (store == NULL || TESSERA_IS_STORE (store));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      g_signal_connect_swapped (store, "changed", G_CALLBACK (on_store_changed), self);
      g_signal_connect_swapped (store, "reloaded", G_CALLBACK (on_store_changed), self);
    }
  on_store_changed (self);
}

/**
 * tessera_claims_view_pick_same_claim:
 * @claim_text: the words of the article's claim that waits for its partner
 *
 * Until the view is left, Enter on a claim marks it the same claim as the article's
 * (win.mark-same-claim) instead of opening it.
 */
void
tessera_claims_view_pick_same_claim (TesseraClaimsView *self,
                                     const char        *claim_text)
{
  g_autofree char *hint = NULL;

  g_return_if_fail (TESSERA_IS_CLAIMS_VIEW (self));

  self->picking = TRUE;
  /* Translators: the words of a claim, shortened */
  hint = g_strdup_printf (_("Choose the claim that says the same as “%s” and press Enter; "
                            "Esc cancels"), claim_text);
  gtk_label_set_label (self->pick_label, hint);
  gtk_widget_set_visible (GTK_WIDGET (self->pick_label), TRUE);
}

gboolean
tessera_claims_view_is_picking (TesseraClaimsView *self)
{
  g_return_val_if_fail (TESSERA_IS_CLAIMS_VIEW (self), FALSE);
  return self->picking;
}

/* The model behind the table, for what it shows. */
TesseraClaimsModel *
tessera_claims_view_get_model (TesseraClaimsView *self)
{
  g_return_val_if_fail (TESSERA_IS_CLAIMS_VIEW (self), NULL);
  return self->model;
}

/* The keyboard in the table, on its selected row or the first. */
void
tessera_claims_view_focus_list (TesseraClaimsView *self)
{
  guint position;

  g_return_if_fail (TESSERA_IS_CLAIMS_VIEW (self));

  if (self->out_of_date)
    reload (self);
  position = gtk_single_selection_get_selected (self->selection);
  if (position == GTK_INVALID_LIST_POSITION &&
      g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    gtk_single_selection_set_selected (self->selection, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->columns));
}

/* GObject ------------------------------------------------------------------------------- */

static void
tessera_claims_view_dispose (GObject *object)
{
  TesseraClaimsView *self = TESSERA_CLAIMS_VIEW (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->row_menu, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_CLAIMS_VIEW);
  g_clear_object (&self->tree);
  g_clear_object (&self->model);
  for (guint i = 0; i < N_FILTERS; i++)
    g_clear_pointer (&self->choice_keys[i], g_ptr_array_unref);

  G_OBJECT_CLASS (tessera_claims_view_parent_class)->dispose (object);
}

static void
tessera_claims_view_class_init (TesseraClaimsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_claims_view_dispose;
  widget_class->map = tessera_claims_view_map;
  widget_class->unmap = tessera_claims_view_unmap;

  g_type_ensure (TESSERA_TYPE_WRAP_BOX);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/tessera/Tessera/tessera-claims-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraClaimsView, box);
  gtk_widget_class_bind_template_child (widget_class, TesseraClaimsView, search);
  gtk_widget_class_bind_template_child (widget_class, TesseraClaimsView, source_filter);
  gtk_widget_class_bind_template_child (widget_class, TesseraClaimsView, cue_filter);
  gtk_widget_class_bind_template_child (widget_class, TesseraClaimsView, document_filter);
  gtk_widget_class_bind_template_child (widget_class, TesseraClaimsView, month_filter);
  gtk_widget_class_bind_template_child (widget_class, TesseraClaimsView, grouping);
  gtk_widget_class_bind_template_child (widget_class, TesseraClaimsView, pick_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraClaimsView, count);
  gtk_widget_class_bind_template_child (widget_class, TesseraClaimsView, columns);
  gtk_widget_class_bind_template_child (widget_class, TesseraClaimsView, selection);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_grouping_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.show-article", NULL);
  gtk_widget_class_install_action (widget_class, "claims.row-menu", NULL, row_menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "claims.row-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "claims.row-menu", NULL);
}

static void
tessera_claims_view_init (TesseraClaimsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->row_menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->row_menu), FALSE);
  gtk_widget_set_halign (self->row_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->row_menu, GTK_WIDGET (self));
  self->model = tessera_claims_model_new ();
  self->tree = gtk_tree_list_model_new (g_object_ref (tessera_claims_model_get_root (self->model)),
                                        FALSE, FALSE, create_children, NULL, NULL);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->tree));
  add_columns (self);
  /* The rows are in a list inside the column view: a screen reader names it too. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->columns));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _("Claims"), -1);
    }
  /* Typing in a long list of sources or documents finds one. */
  {
    GtkExpression *expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                             "string");
    g_autoptr(GtkListItemFactory) button = choice_factory_new (24);
    g_autoptr(GtkListItemFactory) list = choice_factory_new (60);

    for (TesseraClaimsField field = TESSERA_CLAIMS_FIELD_SOURCE;
         field < TESSERA_CLAIMS_N_FIELDS; field++)
      {
        gtk_drop_down_set_expression (filter_drop_down (self, field), expression);
        gtk_drop_down_set_factory (filter_drop_down (self, field), button);
        gtk_drop_down_set_list_factory (filter_drop_down (self, field), list);
      }
    gtk_expression_unref (expression);
  }
  /* The column view's own list is what takes the focus: it carries the view's name. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->columns));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _("Claims"), -1);
    }
  self->out_of_date = TRUE;
  update_choices (self);
  update_count (self);
}
