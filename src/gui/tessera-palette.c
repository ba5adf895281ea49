/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-palette"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-palette.h"
#include "tessera-wrap-box.h"

/*
 * The annotation types to mark with, in the project's tagset order: a button each, with
 * its colour, its name and its key, that activates win.mark with the type. The same keys
 * are offered as shortcuts (tessera_palette_get_shortcuts ()) for the article to use while
 * it has the focus. Both follow the tagset as it changes.
 *
 * Its menu shows or hides each type in the article. What is hidden is a way of looking at
 * the text, not a change to the project: it is the hidden-types setting (type keys, so the
 * choice holds for every project with the same tagset, read-only ones included), never in
 * the project's file, its journal or its exports.
 */

struct _TesseraPalette
{
  GtkWidget       parent_instance;

  /* Template */
  TesseraWrapBox *buttons;
  GtkMenuButton  *visibility_button;
  GMenu          *types_section;

  /* State */
  TesseraStore   *store;
  GListStore     *shortcuts;  /* GtkShortcut: a type's key, and its keypad twin for digits */
  GSettings      *settings;
  GSimpleActionGroup *actions;  /* palette.show-all, palette.type-ID: a type shown or not */
};

G_DEFINE_FINAL_TYPE (TesseraPalette, tessera_palette, GTK_TYPE_WIDGET)

static void
add_shortcut (TesseraPalette *self,
              guint           keyval,
              gint64          type_id)
{
  g_autoptr(GtkShortcut) shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, 0),
                                                      gtk_named_action_new ("win.mark"));

  gtk_shortcut_set_arguments (shortcut, g_variant_new_int64 (type_id));
  g_list_store_append (self->shortcuts, shortcut);
}

static GtkWidget *
type_button_new (TesseraAnnotationType *type)
{
  const char *key = tessera_annotation_type_get_shortcut (type);
  const char *label = tessera_annotation_type_get_label_localized (type);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *dot = gtk_label_new (NULL);
  GtkWidget *name = gtk_label_new (label);
  g_autofree char *dot_markup = g_strdup_printf ("<span foreground=\"%s\">●</span>",
                                                 tessera_annotation_type_get_color (type));
  g_autofree char *tooltip = NULL;

  gtk_label_set_markup (GTK_LABEL (dot), dot_markup);
  gtk_box_append (GTK_BOX (box), dot);
  gtk_box_append (GTK_BOX (box), name);
  if (key != NULL)
    {
      GtkWidget *badge = gtk_label_new (key);

      gtk_widget_add_css_class (badge, "tessera-key");
      gtk_box_append (GTK_BOX (box), badge);
      tooltip = g_strdup_printf (_("Mark the selection as %s (key %s)"), label, key);
    }
  else
    tooltip = g_strdup_printf (_("Mark the selection as %s"), label);

  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.mark");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_int64 (tessera_annotation_type_get_id (type)));
  return button;
}

/* Visibility ------------------------------------------------------------------------------ */

static gboolean
is_hidden (TesseraPalette        *self,
           TesseraAnnotationType *type)
{
  g_auto(GStrv) hidden = g_settings_get_strv (self->settings, "hidden-types");

  return g_strv_contains ((const char * const *) hidden, tessera_annotation_type_get_key (type));
}

static void
set_hidden (TesseraPalette *self,
            const char     *key,
            gboolean        hidden)
{
  g_auto(GStrv) before = g_settings_get_strv (self->settings, "hidden-types");
  g_autoptr(GStrvBuilder) after = g_strv_builder_new ();
  g_auto(GStrv) keys = NULL;

  if (g_strv_contains ((const char * const *) before, key) == hidden)
    return;
  for (guint i = 0; before[i] != NULL; i++)
    {
      if (!g_str_equal (before[i], key))
        g_strv_builder_add (after, before[i]);
    }
  if (hidden)
    g_strv_builder_add (after, key);
  keys = g_strv_builder_end (after);
  g_settings_set_strv (self->settings, "hidden-types", (const char * const *) keys);
}

/* The menu's check marks, the dimmed buttons and the menu button's eye follow the setting. */
static void
sync_visibility (TesseraPalette *self)
{
  GListModel *tagset = self->store != NULL ? tessera_store_get_tagset (self->store) : NULL;
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (self->buttons));
  gboolean any_hidden = FALSE;

  for (guint i = 0; tagset != NULL && i < g_list_model_get_n_items (tagset); i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (tagset, i);
      g_autofree char *name = g_strdup_printf ("type-%" G_GINT64_FORMAT,
                                               tessera_annotation_type_get_id (type));
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);
      gboolean hidden = is_hidden (self, type);

      any_hidden |= hidden;
      if (action != NULL)
        g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (!hidden));
      if (button != NULL)
        {
          if (hidden)
            gtk_widget_add_css_class (button, "dim-label");
          else
            gtk_widget_remove_css_class (button, "dim-label");
          button = gtk_widget_get_next_sibling (button);
        }
    }
  gtk_menu_button_set_icon_name (self->visibility_button,
                                 any_hidden ? "view-conceal-symbolic" : "view-reveal-symbolic");
}

static void
on_type_visibility_changed (GSimpleAction *action,
                            GVariant      *state,
                            gpointer       data)
{
  TesseraPalette *self = TESSERA_PALETTE (data);
  const char *key = g_object_get_data (G_OBJECT (action), "tessera-type-key");

  set_hidden (self, key, !g_variant_get_boolean (state));
}

static void
on_show_all (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       data)
{
  TesseraPalette *self = TESSERA_PALETTE (data);

  g_settings_set_strv (self->settings, "hidden-types", NULL);
}

/* The menu of the types, with a check mark for each one shown. */
static void
add_visibility_item (TesseraPalette        *self,
                     TesseraAnnotationType *type)
{
  g_autofree char *name = g_strdup_printf ("type-%" G_GINT64_FORMAT,
                                           tessera_annotation_type_get_id (type));
  g_autofree char *detailed = g_strconcat ("palette.", name, NULL);
  g_autoptr(GSimpleAction) action = g_simple_action_new_stateful (name, NULL,
                                                                  g_variant_new_boolean (TRUE));

  g_object_set_data_full (G_OBJECT (action), "tessera-type-key",
                          g_strdup (tessera_annotation_type_get_key (type)), g_free);
  g_signal_connect (action, "change-state", G_CALLBACK (on_type_visibility_changed), self);
  g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (action));
  g_menu_append (self->types_section, tessera_annotation_type_get_label_localized (type), detailed);
}

/**
 * tessera_palette_reveal_type:
 *
 * Shows the type in the article again if it was hidden: what is marked with a type is
 * never invisible.
 */
void
tessera_palette_reveal_type (TesseraPalette *self,
                             gint64          type_id)
{
  g_autoptr(TesseraAnnotationType) type = NULL;

  g_return_if_fail (TESSERA_IS_PALETTE (self));

  if (self->store != NULL)
    type = tessera_store_dup_annotation_type (self->store, type_id);
  if (type != NULL)
    set_hidden (self, tessera_annotation_type_get_key (type), FALSE);
}

/* The tagset ------------------------------------------------------------------------------ */

static void
rebuild (TesseraPalette *self)
{
  GListModel *tagset;
  guint n;

  tessera_wrap_box_remove_all (self->buttons);
  g_list_store_remove_all (self->shortcuts);
  g_menu_remove_all (self->types_section);
  {
    g_auto(GStrv) names = g_action_group_list_actions (G_ACTION_GROUP (self->actions));

    for (guint i = 0; names[i] != NULL; i++)
      {
        if (g_str_has_prefix (names[i], "type-"))
          g_action_map_remove_action (G_ACTION_MAP (self->actions), names[i]);
      }
  }
  if (self->store == NULL)
    {
      sync_visibility (self);
      return;
    }

  tagset = tessera_store_get_tagset (self->store);
  n = g_list_model_get_n_items (tagset);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (tagset, i);
      const char *key = tessera_annotation_type_get_shortcut (type);
      gint64 type_id = tessera_annotation_type_get_id (type);

      tessera_wrap_box_append (self->buttons, type_button_new (type));
      add_visibility_item (self, type);

      if (key != NULL && g_utf8_strlen (key, -1) == 1)
        {
          add_shortcut (self, gdk_unicode_to_keyval (g_utf8_get_char (key)), type_id);
          /* Keypad digits too. */
          if (key[0] >= '0' && key[0] <= '9')
            add_shortcut (self, GDK_KEY_KP_0 + (key[0] - '0'), type_id);
        }
    }
  sync_visibility (self);
}

/**
 * tessera_palette_get_shortcuts:
 *
 * Returns: (transfer none): the keys of the types (#GtkShortcut activating win.mark), kept
 *   current: a model for gtk_shortcut_controller_new_for_model ()
 */
GListModel *
tessera_palette_get_shortcuts (TesseraPalette *self)
{
  g_return_val_if_fail (TESSERA_IS_PALETTE (self), NULL);
  return G_LIST_MODEL (self->shortcuts);
}

void
tessera_palette_set_store (TesseraPalette *self,
                           TesseraStore   *store)
{
  g_return_if_fail (TESSERA_IS_PALETTE (self));
  g_return_if_fail (store == NULL || TESSERA_IS_STORE (store));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_swapped (store, "tagset-changed", G_CALLBACK (rebuild), self);
  rebuild (self);
}

static void
tessera_palette_dispose (GObject *object)
{
  TesseraPalette *self = (TesseraPalette *)object;
  GtkWidget *child;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_PALETTE);
  /* The box around the buttons and the menu. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (tessera_palette_parent_class)->dispose (object);
}

static void
tessera_palette_finalize (GObject *object)
{
  TesseraPalette *self = (TesseraPalette *)object;

  g_clear_object (&self->shortcuts);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (tessera_palette_parent_class)->finalize (object);
}

static void
tessera_palette_class_init (TesseraPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_palette_dispose;
  object_class->finalize = tessera_palette_finalize;

  g_type_ensure (TESSERA_TYPE_WRAP_BOX);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/tessera/Tessera/tessera-palette.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraPalette, buttons);
  gtk_widget_class_bind_template_child (widget_class, TesseraPalette, visibility_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraPalette, types_section);
}

static void
tessera_palette_init (TesseraPalette *self)
{
  static const GActionEntry entries[] = {
    { "show-all", on_show_all },
  };

  self->shortcuts = g_list_store_new (GTK_TYPE_SHORTCUT);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries,
                                   G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "palette", G_ACTION_GROUP (self->actions));
  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed::hidden-types",
                           G_CALLBACK (sync_visibility), self, G_CONNECT_SWAPPED);
}
