/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-annotation-menu"

#include "config.h"

#include "tessera-annotation-menu.h"

#include <glib/gi18n.h>

/*
 * The article's menu, on a right click or Shift+F10 / Menu, instead of GTK's generic text
 * menu. On an annotation (the innermost under the pointer, the others stacked there in
 * submenus) it changes its type, links it to an entity, starts a relation from it, makes it
 * the source or the cue of the selected claim, deletes it; on unmarked text it marks the selection with a type, or
 * copies it. Every item is a window action: an item about an annotation first selects it,
 * then runs the action on the selection, as its key does, so the menu adds no second way
 * of changing the project. The claim's items name the annotation instead, so that the
 * claim stays selected.
 */

/* The window actions an annotation's items run on it, once it is selected. */
static const struct
{
  const char *name;
  const char *parameter_type;
} forwarded[] = {
  { "change-type", "x" },
  { "link-entity", NULL },
  { "relate", NULL },
  { "delete-annotation", NULL },
};

typedef struct
{
  TesseraTextView *view;
  gint64           annotation_id;
} Target;

static void
on_forwarded (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       data)
{
  Target *target = data;
  g_autofree char *name = g_strconcat ("win.", g_action_get_name (G_ACTION (action)), NULL);

  tessera_text_view_select (target->view, target->annotation_id, FALSE);
  gtk_widget_activate_action_variant (GTK_WIDGET (target->view), name, parameter);
}

/* The actions of the items about @annotation, as the group "annotationN" of the menu. */
static GSimpleActionGroup *
forwarding_group_new (TesseraTextView   *view,
                      TesseraAnnotation *annotation,
                      gboolean           writable)
{
  GSimpleActionGroup *group = g_simple_action_group_new ();
  Target *target = g_new0 (Target, 1);

  target->view = view;
  target->annotation_id = tessera_annotation_get_id (annotation);
  g_object_set_data_full (G_OBJECT (group), "tessera-target", target, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (forwarded); i++)
    {
      const GVariantType *type = forwarded[i].parameter_type != NULL
                                 ? G_VARIANT_TYPE (forwarded[i].parameter_type) : NULL;
      g_autoptr(GSimpleAction) action = NULL;

      /* The type it has now is checked among the types. */
      if (g_str_equal (forwarded[i].name, "change-type"))
        action = g_simple_action_new_stateful (forwarded[i].name, type,
                                               g_variant_new_int64 (
                                                 tessera_annotation_get_type_id (annotation)));
      else
        action = g_simple_action_new (forwarded[i].name, type);
      g_simple_action_set_enabled (action, writable);
      g_signal_connect (action, "activate", G_CALLBACK (on_forwarded), target);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
    }
  return group;
}

/* One item per type of the tagset, activating @action with the type's id. */
static GMenuModel *
types_menu_new (TesseraStore *store,
                const char   *action)
{
  GListModel *tagset = tessera_store_get_tagset (store);
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < g_list_model_get_n_items (tagset); i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (tagset, i);
      const char *label = tessera_annotation_type_get_label_localized (type);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);
      const char *key = tessera_annotation_type_get_shortcut (type);

      g_menu_item_set_action_and_target_value (item, action,
                                               g_variant_new_int64 (
                                                 tessera_annotation_type_get_id (type)));
      /* The type's key, shown as menus show shortcuts. */
      if (key != NULL && g_utf8_strlen (key, -1) == 1)
        g_menu_item_set_attribute (item, "accel", "s", key);
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

/* Whether the annotation selected in @view is a claim, other than @annotation. */
static gboolean
claim_selected_besides (TesseraTextView   *view,
                        TesseraAnnotation *annotation)
{
  TesseraAnnotationList *list = tessera_text_view_get_annotations (view);
  gint64 selected_id = tessera_text_view_get_selected (view);
  TesseraAnnotation *selected;
  g_autoptr(TesseraAnnotationType) type = NULL;

  if (selected_id == 0 || selected_id == tessera_annotation_get_id (annotation) || list == NULL)
    return FALSE;
  selected = tessera_annotation_list_lookup (list, selected_id);
  if (selected != NULL)
    type = tessera_store_dup_annotation_type (tessera_text_view_get_store (view),
                                              tessera_annotation_get_type_id (selected));
  return type != NULL && tessera_annotation_type_carries_claim (type);
}

/* The items about @annotation, whose actions are in the group @prefix. */
static GMenuModel *
annotation_items_new (TesseraTextView   *view,
                      TesseraAnnotation *annotation,
                      const char        *prefix)
{
  TesseraStore *store = tessera_text_view_get_store (view);
  g_autoptr(TesseraAnnotationType) type =
    tessera_store_dup_annotation_type (store, tessera_annotation_get_type_id (annotation));
  g_autoptr(GMenuModel) types = NULL;
  g_autofree char *change_type = g_strconcat (prefix, ".change-type", NULL);
  g_autofree char *link_entity = g_strconcat (prefix, ".link-entity", NULL);
  g_autofree char *relate = g_strconcat (prefix, ".relate", NULL);
  g_autofree char *remove = g_strconcat (prefix, ".delete-annotation", NULL);
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();

  types = types_menu_new (store, change_type);
  g_menu_append_submenu (edit, _("Change _Type"), types);
  if (type != NULL && tessera_annotation_type_links_entity (type))
    g_menu_append (edit, _("_Link to Entity…"), link_entity);
  g_menu_append (edit, _("Add _Relation…"), relate);
  if (type != NULL && tessera_annotation_type_carries_claim (type))
    {
      g_autoptr(GMenuItem) same = g_menu_item_new (_("Same Claim _As…"), NULL);

      g_menu_item_set_action_and_target_value (same, "win.same-claim-as",
                                               g_variant_new_int64 (tessera_annotation_get_id (annotation)));
      g_menu_append_item (edit, same);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));

  /* A mention as the selected claim's source, a cue as its cue. */
  if (type != NULL && claim_selected_besides (view, annotation))
    {
      TesseraKind kind = tessera_annotation_type_get_kind (type);
      g_autoptr(GMenu) claim = g_menu_new ();
      GVariant *id = g_variant_new_int64 (tessera_annotation_get_id (annotation));
      g_autoptr(GMenuItem) source = g_menu_item_new (_("Set as _Source of the Selected Claim"),
                                                     NULL);
      g_autoptr(GMenuItem) cue = g_menu_item_new (_("Set as C_ue of the Selected Claim"), NULL);

      g_variant_ref_sink (id);
      g_menu_item_set_action_and_target_value (source, "win.set-claim-source", id);
      g_menu_item_set_action_and_target_value (cue, "win.set-claim-cue", id);
      g_variant_unref (id);
      if (tessera_kind_links_entity (kind))
        g_menu_append_item (claim, source);
      if (tessera_kind_can_be_cue (kind))
        g_menu_append_item (claim, cue);
      if (g_menu_model_get_n_items (G_MENU_MODEL (claim)) > 0)
        g_menu_append_section (menu, NULL, G_MENU_MODEL (claim));
    }

  g_menu_append (menu, _("_Delete"), remove);
  return G_MENU_MODEL (menu);
}

static GMenuModel *
unmarked_menu_new (TesseraTextView *view)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenuModel) types = types_menu_new (tessera_text_view_get_store (view), "win.mark");

  g_menu_append_section (menu, _("Mark the Selection As"), types);
  g_menu_append (menu, _("_Copy"), "clipboard.copy");
  return G_MENU_MODEL (menu);
}

static void
popup (TesseraTextView    *view,
       GPtrArray          *annotations,
       const GdkRectangle *pointing_to)
{
  TesseraStore *store = tessera_text_view_get_store (view);
  gboolean writable = !tessera_store_is_read_only (store);
  g_autoptr(GMenuModel) model = NULL;
  GtkWidget *popover;

  if (annotations->len == 0)
    {
      model = unmarked_menu_new (view);
      popover = gtk_popover_menu_new_from_model_full (model, GTK_POPOVER_MENU_NESTED);
    }
  else
    {
      GMenu *menu = g_menu_new ();
      g_autoptr(GMenu) stacked = g_menu_new ();

      model = G_MENU_MODEL (menu);
      for (guint i = 0; i < annotations->len; i++)
        {
          g_autofree char *prefix = g_strdup_printf ("annotation%u", i);
          g_autoptr(GMenuModel) items = annotation_items_new (view,
                                                              g_ptr_array_index (annotations, i),
                                                              prefix);

          /* The innermost first, in the menu itself; those around it in submenus. */
          if (i == 0)
            g_menu_append_section (menu, NULL, items);
          else
            {
              g_autofree char *label =
                tessera_text_view_describe (view, g_ptr_array_index (annotations, i));

              g_menu_append_submenu (stacked, label, items);
            }
        }
      if (annotations->len > 1)
        g_menu_append_section (menu, NULL, G_MENU_MODEL (stacked));

      popover = gtk_popover_menu_new_from_model_full (model, GTK_POPOVER_MENU_NESTED);
      for (guint i = 0; i < annotations->len; i++)
        {
          g_autofree char *prefix = g_strdup_printf ("annotation%u", i);
          g_autoptr(GSimpleActionGroup) group =
            forwarding_group_new (view, g_ptr_array_index (annotations, i), writable);

          gtk_widget_insert_action_group (popover, prefix, G_ACTION_GROUP (group));
        }
    }

  gtk_popover_set_position (GTK_POPOVER (popover), GTK_POS_BOTTOM);
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  tessera_text_view_popup_menu (view, GTK_POPOVER (popover), pointing_to);
}

static void
on_secondary_pressed (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      TesseraTextView *view)
{
  g_autoptr(GPtrArray) found = NULL;
  GdkRectangle at = { (int) x, (int) y, 1, 1 };

  /* Ours, not GTK's text menu. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (tessera_text_view_get_store (view) == NULL)
    return;
  found = tessera_text_view_dup_annotations_at_point (view, x, y);
  popup (view, found, &at);
}

/**
 * tessera_annotation_menu_attach:
 *
 * A right click in @view opens the menu of what is under the pointer.
 */
void
tessera_annotation_menu_attach (TesseraTextView *view)
{
  GtkGesture *click = gtk_gesture_click_new ();

  g_return_if_fail (TESSERA_IS_TEXT_VIEW (view));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_secondary_pressed), view, 0);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (click));
}

/* Where the character at @offset is, in the widget's coordinates. */
static void
location_of (TesseraTextView *view,
             guint            offset,
             GdkRectangle    *out_rect)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (view);
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &iter, (int) offset);
  gtk_text_view_get_iter_location (text_view, &iter, out_rect);
  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET, out_rect->x,
                                         out_rect->y, &out_rect->x, &out_rect->y);
  out_rect->width = MAX (out_rect->width, 1);
}

/**
 * tessera_annotation_menu_popup_at_selection:
 *
 * Opens the menu of the selected annotation below its start, or, with none selected, the
 * menu of the text at the caret: what Shift+F10 and the Menu key do.
 */
void
tessera_annotation_menu_popup_at_selection (TesseraTextView *view)
{
  TesseraAnnotationList *list = tessera_text_view_get_annotations (view);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 selected = tessera_text_view_get_selected (view);
  TesseraAnnotation *annotation = NULL;
  GdkRectangle at;
  guint offset;

  g_return_if_fail (TESSERA_IS_TEXT_VIEW (view));

  if (tessera_text_view_get_store (view) == NULL || list == NULL)
    return;
  if (selected != 0)
    annotation = tessera_annotation_list_lookup (list, selected);
  if (annotation != NULL)
    {
      g_ptr_array_add (found, g_object_ref (annotation));
      offset = tessera_annotation_get_start (annotation);
    }
  else
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
      GtkTextIter caret;

      gtk_text_buffer_get_iter_at_mark (buffer, &caret, gtk_text_buffer_get_insert (buffer));
      offset = (guint) gtk_text_iter_get_offset (&caret);
    }
  location_of (view, offset, &at);
  popup (view, found, &at);
}
