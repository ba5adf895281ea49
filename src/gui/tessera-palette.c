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
 */

struct _TesseraPalette
{
  GtkWidget       parent_instance;

  /* Template */
  TesseraWrapBox *buttons;

  /* State */
  TesseraStore   *store;
  GListStore     *shortcuts;  /* GtkShortcut: a type's key, and its keypad twin for digits */
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

static void
rebuild (TesseraPalette *self)
{
  GListModel *tagset;
  guint n;

  tessera_wrap_box_remove_all (self->buttons);
  g_list_store_remove_all (self->shortcuts);
  if (self->store == NULL)
    return;

  tagset = tessera_store_get_tagset (self->store);
  n = g_list_model_get_n_items (tagset);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (tagset, i);
      const char *key = tessera_annotation_type_get_shortcut (type);
      gint64 type_id = tessera_annotation_type_get_id (type);

      tessera_wrap_box_append (self->buttons, type_button_new (type));

      if (key != NULL && g_utf8_strlen (key, -1) == 1)
        {
          add_shortcut (self, gdk_unicode_to_keyval (g_utf8_get_char (key)), type_id);
          /* Keypad digits too. */
          if (key[0] >= '0' && key[0] <= '9')
            add_shortcut (self, GDK_KEY_KP_0 + (key[0] - '0'), type_id);
        }
    }
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

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_PALETTE);

  G_OBJECT_CLASS (tessera_palette_parent_class)->dispose (object);
}

static void
tessera_palette_finalize (GObject *object)
{
  TesseraPalette *self = (TesseraPalette *)object;

  g_clear_object (&self->shortcuts);

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
}

static void
tessera_palette_init (TesseraPalette *self)
{
  self->shortcuts = g_list_store_new (GTK_TYPE_SHORTCUT);

  gtk_widget_init_template (GTK_WIDGET (self));
}
