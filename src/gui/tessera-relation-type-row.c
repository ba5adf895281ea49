/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-relation-type-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-preferences-window.h"
#include "tessera-relation-type-row.h"
#include "tessera-tagset-row.h"

/*
 * One relation type of the project in the preferences' tagset editor: its colour, name and
 * TEI name in the header; expanded, the fields that change them. As for annotation types,
 * every change goes straight to the store, which journals it; its buttons (move, delete)
 * are actions of the relation types group, which asks what deleting needs asked.
 */

struct _TesseraRelationTypeRow
{
  AdwExpanderRow       parent_instance;

  /* Template */
  GtkWidget           *color_dot;
  GtkButton           *up_button;
  GtkButton           *down_button;
  AdwEntryRow         *english_row;
  AdwEntryRow         *french_row;
  GtkColorButton      *color_button;
  AdwEntryRow         *tei_name_row;
  GtkSwitch           *crosses_switch;
  AdwEntryRow         *description_row;
  GtkButton           *delete_button;

  /* State */
  TesseraStore        *store;
  TesseraRelationType *type;
  GdkRGBA              color;
  guint                position;
  guint                syncing;
};

G_DEFINE_FINAL_TYPE (TesseraRelationTypeRow, tessera_relation_type_row, ADW_TYPE_EXPANDER_ROW)

/* Edits --------------------------------------------------------------------------------- */

/* Errors show in the preferences window the row is in. */
static void
report (TesseraRelationTypeRow *self,
        const char             *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (TESSERA_IS_PREFERENCES_WINDOW (root))
    tessera_preferences_window_show_error (TESSERA_PREFERENCES_WINDOW (root), message);
}

static TesseraRelationType *
dup_type (TesseraRelationTypeRow *self)
{
  if (self->type == NULL || self->syncing > 0)
    return NULL;
  return tessera_relation_type_copy (self->type);
}

/* Writes a changed copy of the type; the row is refreshed through the store's signal. */
static void
commit (TesseraRelationTypeRow *self,
        TesseraRelationType    *changed)
{
  g_autoptr(GError) error = NULL;

  if (tessera_store_update_relation_type (self->store, changed, &error))
    return;
  report (self, error->message);
  /* Show what the project really holds again. */
  tessera_relation_type_row_set_type (self, self->type, self->position, 0);
}

static void
on_label_apply (TesseraRelationTypeRow *self,
                AdwEntryRow            *row)
{
  g_autoptr(TesseraRelationType) changed = dup_type (self);
  g_autofree char *text = tessera_tagset_row_dup_text (row);

  if (changed == NULL)
    return;
  if (row == self->english_row)
    {
      /* The English name is the type's own name, shown where no translation exists. */
      if (*text == '\0')
        {
          report (self, _("A relation type needs a name in English"));
          tessera_tagset_row_set_entry_text (row, tessera_relation_type_get_own_label (self->type));
          return;
        }
      tessera_relation_type_set_own_label (changed, text);
    }
  tessera_relation_type_set_label_for (changed, row == self->english_row ? "en" : "fr", text);
  commit (self, changed);
}

static void
on_color_set (TesseraRelationTypeRow *self)
{
  g_autoptr(TesseraRelationType) changed = dup_type (self);
  g_autofree char *spec = tessera_tagset_row_dup_color (self->color_button);

  if (changed == NULL)
    return;
  tessera_relation_type_set_color (changed, spec);
  commit (self, changed);
}

static void
on_tei_name_apply (TesseraRelationTypeRow *self)
{
  g_autoptr(TesseraRelationType) changed = dup_type (self);
  g_autofree char *text = tessera_tagset_row_dup_text (self->tei_name_row);

  if (changed == NULL)
    return;
  /* No TEI name of its own: the key serves. */
  tessera_relation_type_set_tei_name (changed,
                                      *text != '\0' ? text
                                                    : tessera_relation_type_get_key (changed));
  commit (self, changed);
}

static void
on_crosses_toggled (TesseraRelationTypeRow *self)
{
  g_autoptr(TesseraRelationType) changed = dup_type (self);

  if (changed == NULL)
    return;
  tessera_relation_type_set_crosses_documents (changed,
                                               gtk_switch_get_active (self->crosses_switch));
  commit (self, changed);
}

static void
on_description_apply (TesseraRelationTypeRow *self)
{
  g_autoptr(TesseraRelationType) changed = dup_type (self);
  g_autofree char *text = tessera_tagset_row_dup_text (self->description_row);

  if (changed == NULL)
    return;
  tessera_relation_type_set_description (changed, text);
  commit (self, changed);
}

/* The buttons are the group's actions: move (type, its new place) and delete (type). */
static void
on_move_clicked (TesseraRelationTypeRow *self,
                 GtkButton              *button)
{
  int delta = button == self->up_button ? -1 : 1;

  if (self->type != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "relation-types.move", "(xi)",
                                tessera_relation_type_get_id (self->type),
                                (int) self->position + delta);
}

static void
on_delete_clicked (TesseraRelationTypeRow *self)
{
  if (self->type != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "relation-types.delete", "x",
                                tessera_relation_type_get_id (self->type));
}

/* Showing the type ------------------------------------------------------------------------ */

/* A screen reader reaching a button of the row hears which type it acts on. */
static void
update_accessible_labels (TesseraRelationTypeRow *self,
                          const char             *label)
{
  GtkWidget *color_button = GTK_WIDGET (self->color_button);

  tessera_tagset_row_set_accessible_label (self->up_button,
                                           g_strdup_printf (_("Move “%s” up in the list"),
                                                            label));
  tessera_tagset_row_set_accessible_label (self->down_button,
                                           g_strdup_printf (_("Move “%s” down in the list"),
                                                            label));
  tessera_tagset_row_set_accessible_label (color_button,
                                           g_strdup_printf (_("Colour of “%s”"), label));
  tessera_tagset_row_set_accessible_label (gtk_widget_get_first_child (color_button),
                                           g_strdup_printf (_("Colour of “%s”"), label));
  tessera_tagset_row_set_accessible_label (self->delete_button,
                                           g_strdup_printf (_("Delete “%s”…"), label));
}

/**
 * tessera_relation_type_row_set_type:
 * @type: the type as the project holds it now
 * @n_types: how many relation types the tagset has, or 0 to keep what the row knew
 *
 * Shows @type. Fields the user is typing in keep their text.
 */
void
tessera_relation_type_row_set_type (TesseraRelationTypeRow *self,
                                    TesseraRelationType    *type,
                                    guint                   position,
                                    guint                   n_types)
{
  g_autofree char *subtitle = NULL;
  const char *label;

  g_return_if_fail (TESSERA_IS_RELATION_TYPE_ROW (self));
  g_return_if_fail (TESSERA_IS_RELATION_TYPE (type));

  if (type != self->type)
    {
      g_clear_object (&self->type);
      self->type = tessera_relation_type_copy (type);
    }
  self->position = position;
  self->syncing++;

  label = tessera_relation_type_get_label (self->type);
  subtitle = g_strdup_printf ("<relation name=\"%s\">",
                              tessera_relation_type_get_tei_name (self->type));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), label);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
  if (!gdk_rgba_parse (&self->color, tessera_relation_type_get_color (self->type)))
    gdk_rgba_parse (&self->color, "#888888");
  gtk_widget_queue_draw (self->color_dot);
  if (n_types > 0)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->up_button), position > 0);
      gtk_widget_set_sensitive (GTK_WIDGET (self->down_button), position + 1 < n_types);
    }
  update_accessible_labels (self, label);

  tessera_tagset_row_sync_entry (self->english_row,
                                 tessera_relation_type_get_label_for (self->type, "en"));
  tessera_tagset_row_sync_entry (self->french_row,
                                 g_hash_table_lookup (tessera_relation_type_get_labels (self->type),
                                                      "fr"));
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->color_button), &self->color);
  tessera_tagset_row_sync_entry (self->tei_name_row,
                                 tessera_relation_type_get_tei_name (self->type));
  tessera_tagset_row_sync_entry (self->description_row,
                                 tessera_relation_type_get_description (self->type));
  gtk_switch_set_active (self->crosses_switch,
                         tessera_relation_type_get_crosses_documents (self->type));

  self->syncing--;
}

/**
 * tessera_relation_type_row_keep_focus:
 * @moved_up: whether the type moved up
 *
 * After a move by one of the row's buttons, keeps the keyboard in the row when the button
 * pressed turned insensitive at an end of the list.
 */
void
tessera_relation_type_row_keep_focus (TesseraRelationTypeRow *self,
                                      gboolean                moved_up)
{
  g_return_if_fail (TESSERA_IS_RELATION_TYPE_ROW (self));
  tessera_tagset_row_keep_focus (moved_up ? self->up_button : self->down_button,
                                 moved_up ? self->down_button : self->up_button);
}

gint64
tessera_relation_type_row_get_type_id (TesseraRelationTypeRow *self)
{
  g_return_val_if_fail (TESSERA_IS_RELATION_TYPE_ROW (self), 0);
  return self->type ? tessera_relation_type_get_id (self->type) : 0;
}

guint
tessera_relation_type_row_get_position (TesseraRelationTypeRow *self)
{
  g_return_val_if_fail (TESSERA_IS_RELATION_TYPE_ROW (self), 0);
  return self->position;
}

/* GObject ------------------------------------------------------------------------------- */

static void
tessera_relation_type_row_dispose (GObject *object)
{
  TesseraRelationTypeRow *self = TESSERA_RELATION_TYPE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_RELATION_TYPE_ROW);
  g_clear_object (&self->type);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tessera_relation_type_row_parent_class)->dispose (object);
}

static void
tessera_relation_type_row_class_init (TesseraRelationTypeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_relation_type_row_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/tessera/Tessera/tessera-relation-type-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraRelationTypeRow, color_dot);
  gtk_widget_class_bind_template_child (widget_class, TesseraRelationTypeRow, up_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraRelationTypeRow, down_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraRelationTypeRow, english_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraRelationTypeRow, french_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraRelationTypeRow, color_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraRelationTypeRow, tei_name_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraRelationTypeRow, crosses_switch);
  gtk_widget_class_bind_template_child (widget_class, TesseraRelationTypeRow, description_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraRelationTypeRow, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, on_label_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_color_set);
  gtk_widget_class_bind_template_callback (widget_class, on_tei_name_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_description_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_crosses_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_move_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked);
}

static void
tessera_relation_type_row_init (TesseraRelationTypeRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->color_dot),
                                  tessera_tagset_row_draw_dot, &self->color, NULL);
  gdk_rgba_parse (&self->color, "#888888");
}

GtkWidget *
tessera_relation_type_row_new (TesseraStore *store)
{
  TesseraRelationTypeRow *self;

  g_return_val_if_fail (TESSERA_IS_STORE (store), NULL);

  self = g_object_new (TESSERA_TYPE_RELATION_TYPE_ROW, NULL);
  self->store = g_object_ref (store);
  return GTK_WIDGET (self);
}
