/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-window"

#include "config.h"

#include "tessera-annotation-menu.h"
#include "tessera-window-private.h"

/*
 * The window's actions on types and on the annotation's menu: changing the selected
 * annotation's type, showing the types' labels (a setting, Ctrl+Shift+L), which types
 * the article shows (the palette's menu, the hidden-types setting), and the menu of an
 * annotation (a right click, Shift+F10 or the Menu key).
 */

static void
change_type_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  gint64 selected = tessera_text_view_get_selected (self->text_view);
  gint64 type_id = g_variant_get_int64 (parameter);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || selected == 0)
    return;
  /* A type it is given is shown, or it would vanish. */
  tessera_palette_reveal_type (self->palette, type_id);
  if (!tessera_store_set_annotation_type (self->store, selected, type_id, &error))
    tessera_window_show_error (self, error->message);
}

/* The inspector's entity chooser, for the selected mention. */
static void
link_entity_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->inspector), "inspector.choose-entity", NULL);
}

static void
annotation_menu_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  tessera_annotation_menu_popup_at_selection (self->text_view);
}

void
_tessera_window_types_update_actions (TesseraWindow *self)
{
  gboolean writable = self->store != NULL && !tessera_store_is_read_only (self->store);
  gboolean selected = tessera_text_view_get_selected (self->text_view) != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.change-type", writable && selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.link-entity", writable && selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.annotation-menu",
                                 self->document_id != 0);
}

void
_tessera_window_types_class_init (TesseraWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.change-type", "x", change_type_action);
  gtk_widget_class_install_action (widget_class, "win.link-entity", NULL, link_entity_action);
  gtk_widget_class_install_action (widget_class, "win.annotation-menu", NULL,
                                   annotation_menu_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.show-type-labels", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_L, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.show-type-labels", NULL);
}

void
_tessera_window_types_init (TesseraWindow *self)
{
  g_autoptr(GPropertyAction) show_labels =
    g_property_action_new ("show-type-labels", self->text_view, "show-type-labels");

  /* win.show-type-labels: a check mark in the menus, kept in the settings. */
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (show_labels));
  g_settings_bind (self->settings, "show-type-labels", self->text_view, "show-type-labels",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "hidden-types", self->text_view, "hidden-types",
                   G_SETTINGS_BIND_GET);
  tessera_annotation_menu_attach (self->text_view);
}
