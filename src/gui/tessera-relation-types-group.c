/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-relation-types-group"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-preferences-window.h"
#include "tessera-relation-type-row.h"
#include "tessera-relation-types-group.h"
#include "tessera-tagset-row.h"

/*
 * The relation types of the project, in the preferences' tagset page under the annotation
 * types: one row each, in their order, with a button to add one. Rows live as long as
 * their type, so that an edit or an undo updates the row being edited in place.
 */

struct _TesseraRelationTypesGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Template */
  GtkListBox          *relation_list;

  /* State */
  TesseraStore        *store;
  GHashTable          *rows;     /* type id → TesseraRelationTypeRow */
};

G_DEFINE_FINAL_TYPE (TesseraRelationTypesGroup, tessera_relation_types_group,
                     ADW_TYPE_PREFERENCES_GROUP)

static void
show_error (TesseraRelationTypesGroup *self,
            const char                *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (TESSERA_IS_PREFERENCES_WINDOW (root))
    tessera_preferences_window_show_error (TESSERA_PREFERENCES_WINDOW (root), message);
}

static void
show_undoable (TesseraRelationTypesGroup *self,
               const char                *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (TESSERA_IS_PREFERENCES_WINDOW (root))
    tessera_preferences_window_show_undoable (TESSERA_PREFERENCES_WINDOW (root), message);
}

static int
compare_rows (GtkListBoxRow *a,
              GtkListBoxRow *b,
              gpointer       data)
{
  guint position_a = tessera_relation_type_row_get_position (TESSERA_RELATION_TYPE_ROW (a));
  guint position_b = tessera_relation_type_row_get_position (TESSERA_RELATION_TYPE_ROW (b));

  return position_a < position_b ? -1 : position_a > position_b ? 1 : 0;
}

/* Deleting ------------------------------------------------------------------------------ */

static void
delete_type (TesseraRelationTypesGroup *self,
             TesseraRelationType       *type,
             TesseraRelationType       *replacement)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!tessera_store_remove_relation_type (self->store, tessera_relation_type_get_id (type),
                                           replacement ? tessera_relation_type_get_id (replacement)
                                                       : 0,
                                           &error))
    {
      show_error (self, error->message);
      return;
    }
  if (replacement != NULL)
    message = g_strdup_printf (_("Deleted “%s”; its relations are now “%s”"),
                               tessera_relation_type_get_label (type),
                               tessera_relation_type_get_label (replacement));
  else
    message = g_strdup_printf (_("Deleted “%s”"), tessera_relation_type_get_label (type));
  show_undoable (self, message);
}

static void
on_delete_response (AdwMessageDialog          *dialog,
                    const char                *response,
                    TesseraRelationTypesGroup *self)
{
  TesseraRelationType *type = g_object_get_data (G_OBJECT (dialog), "tessera-type");
  GPtrArray *candidates = g_object_get_data (G_OBJECT (dialog), "tessera-candidates");
  AdwComboRow *replacement_row = g_object_get_data (G_OBJECT (dialog), "tessera-replacement-row");
  guint selected;

  if (!g_str_equal (response, "convert") || replacement_row == NULL)
    return;
  selected = adw_combo_row_get_selected (replacement_row);
  if (selected < candidates->len)
    delete_type (self, type, g_ptr_array_index (candidates, selected));
}

/* A type no relation uses goes at once (undoable); one in use, once the user chose the type
 * its relations take. */
static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TesseraRelationTypesGroup *self = TESSERA_RELATION_TYPES_GROUP (widget);
  g_autoptr(GPtrArray) types = tessera_store_dup_relation_types (self->store, NULL);
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  TesseraRelationType *type = NULL;
  AdwComboRow *replacement_row;
  GtkWidget *dialog;

  for (guint i = 0; i < types->len; i++)
    {
      TesseraRelationType *other = g_ptr_array_index (types, i);

      if (tessera_relation_type_get_id (other) == g_variant_get_int64 (parameter))
        type = other;
      else
        {
          g_ptr_array_add (candidates, g_object_ref (other));
          gtk_string_list_append (names, tessera_relation_type_get_label (other));
        }
    }
  if (type == NULL)
    return;
  if (tessera_store_remove_relation_type (self->store, tessera_relation_type_get_id (type), 0,
                                          &error))
    {
      g_autofree char *message = g_strdup_printf (_("Deleted “%s”"),
                                                  tessera_relation_type_get_label (type));

      show_undoable (self, message);
      return;
    }
  if (!g_error_matches (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_IN_USE) ||
      candidates->len == 0)
    {
      show_error (self, error->message);
      return;
    }

  heading = g_strdup_printf (_("Delete “%s”?"), tessera_relation_type_get_label (type));
  dialog = tessera_tagset_row_new_replace_dialog (GTK_WIDGET (gtk_widget_get_root (widget)),
                                                  heading, error->message, _("Their New Type"),
                                                  G_LIST_MODEL (names), &replacement_row);
  g_object_set_data_full (G_OBJECT (dialog), "tessera-type", g_object_ref (type),
                          g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "tessera-candidates",
                          g_steal_pointer (&candidates), (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data (G_OBJECT (dialog), "tessera-replacement-row", replacement_row);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Rows ---------------------------------------------------------------------------------- */

/* @parameter: (type, its new place) */
static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TesseraRelationTypesGroup *self = TESSERA_RELATION_TYPES_GROUP (widget);
  g_autoptr(GError) error = NULL;
  TesseraRelationTypeRow *row;
  gboolean moved_up;
  gint64 type_id;
  int position;

  g_variant_get (parameter, "(xi)", &type_id, &position);
  row = g_hash_table_lookup (self->rows, &type_id);
  if (position < 0 || row == NULL)
    return;
  moved_up = position < (int) tessera_relation_type_row_get_position (row);
  if (!tessera_store_move_relation_type (self->store, type_id, position, &error))
    {
      show_error (self, error->message);
      return;
    }
  tessera_relation_type_row_keep_focus (row, moved_up);
}

static void
sync_types (TesseraRelationTypesGroup *self)
{
  g_autoptr(GPtrArray) types = NULL;
  GHashTable *previous = self->rows;
  GHashTableIter iter;
  gpointer value;

  if (self->store == NULL)
    return;

  types = tessera_store_dup_relation_types (self->store, NULL);
  self->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < types->len; i++)
    {
      TesseraRelationType *type = g_ptr_array_index (types, i);
      gint64 id = tessera_relation_type_get_id (type);
      GtkWidget *row = g_hash_table_lookup (previous, &id);

      if (row != NULL)
        g_hash_table_remove (previous, &id);
      else
        {
          g_autofree char *name = g_strdup_printf ("relation-type-%" G_GINT64_FORMAT, id);

          row = tessera_relation_type_row_new (self->store);
          /* A stable name, so that tests can find the row of a type. */
          gtk_widget_set_name (row, name);
          gtk_list_box_append (self->relation_list, row);
        }
      tessera_relation_type_row_set_type (TESSERA_RELATION_TYPE_ROW (row), type, i, types->len);
      g_hash_table_insert (self->rows, g_memdup2 (&id, sizeof id), row);
    }

  g_hash_table_iter_init (&iter, previous);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    gtk_list_box_remove (self->relation_list, value);
  g_hash_table_unref (previous);
  gtk_list_box_invalidate_sort (self->relation_list);
}

/* Adding -------------------------------------------------------------------------------- */

/* "Répond à" → "repond-a", made unique: the key relations store. */
static char *
dup_unique_key (TesseraRelationTypesGroup *self,
                const char                *label)
{
  g_autofree char *ascii = g_str_to_ascii (label, "C");
  g_autofree char *base = NULL;
  char *key;

  g_strdelimit (ascii, " \t'’\"", '-');
  base = g_ascii_strdown (ascii, -1);
  key = g_strdup (base);
  for (guint n = 2; ; n++)
    {
      g_autoptr(TesseraRelationType) known = tessera_store_lookup_relation_type (self->store,
                                                                                 key);

      if (known == NULL)
        return key;
      g_free (key);
      key = g_strdup_printf ("%s-%u", base, n);
    }
}

static void
add_type (TesseraRelationTypesGroup *self,
          const char                *label)
{
  g_autofree char *key = dup_unique_key (self, label);
  g_autoptr(TesseraRelationType) type = tessera_relation_type_new (key, label);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  GtkWidget *row;
  gint64 id;

  tessera_relation_type_set_label_for (type, "en", label);
  id = tessera_store_add_relation_type (self->store, type, &error);
  if (id == 0)
    {
      show_error (self, error->message);
      return;
    }
  /* Open the new type, ready for its French name, colour and TEI name. */
  row = g_hash_table_lookup (self->rows, &id);
  if (row != NULL)
    {
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      gtk_widget_grab_focus (row);
    }
  message = g_strdup_printf (_("Added “%s”"), label);
  show_undoable (self, message);
}

static void
on_add_response (AdwMessageDialog          *dialog,
                 const char                *response,
                 TesseraRelationTypesGroup *self)
{
  GtkEditable *name_row = g_object_get_data (G_OBJECT (dialog), "tessera-name-row");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (name_row)));

  if (g_str_equal (response, "add") && *name != '\0')
    add_type (self, name);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TesseraRelationTypesGroup *self = TESSERA_RELATION_TYPES_GROUP (widget);
  GtkWidget *dialog, *fields, *name_row;

  if (self->store == NULL)
    return;

  dialog = tessera_tagset_row_new_add_dialog (GTK_WIDGET (gtk_widget_get_root (widget)),
                                              _("New Relation Type"),
                                              _("It goes at the end of the list. Its names, "
                                                "colour and TEI name can change later."),
                                              _("New relation type"), _("Name in English"),
                                              &fields, &name_row);
  g_object_set_data (G_OBJECT (dialog), "tessera-name-row", name_row);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_add_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (name_row);
}

/**
 * tessera_relation_types_group_set_store:
 * @store: (nullable): the project whose relation types are shown, or %NULL
 */
void
tessera_relation_types_group_set_store (TesseraRelationTypesGroup *self,
                                        TesseraStore              *store)
{
  gboolean writable = store != NULL && !tessera_store_is_read_only (store);

  g_return_if_fail (TESSERA_IS_RELATION_TYPES_GROUP (self));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  gtk_widget_set_sensitive (GTK_WIDGET (self->relation_list), writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "relation-types.add", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "relation-types.move", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "relation-types.delete", writable);
  gtk_widget_set_visible (GTK_WIDGET (self), store != NULL);
  if (store == NULL)
    return;
  g_signal_connect_object (store, "tagset-changed", G_CALLBACK (sync_types), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "reloaded", G_CALLBACK (sync_types), self,
                           G_CONNECT_SWAPPED);
  sync_types (self);
}

/* GObject ------------------------------------------------------------------------------- */

static void
tessera_relation_types_group_dispose (GObject *object)
{
  TesseraRelationTypesGroup *self = TESSERA_RELATION_TYPES_GROUP (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_RELATION_TYPES_GROUP);

  G_OBJECT_CLASS (tessera_relation_types_group_parent_class)->dispose (object);
}

static void
tessera_relation_types_group_finalize (GObject *object)
{
  TesseraRelationTypesGroup *self = TESSERA_RELATION_TYPES_GROUP (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);

  G_OBJECT_CLASS (tessera_relation_types_group_parent_class)->finalize (object);
}

static void
tessera_relation_types_group_class_init (TesseraRelationTypesGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_relation_types_group_dispose;
  object_class->finalize = tessera_relation_types_group_finalize;

  g_type_ensure (TESSERA_TYPE_RELATION_TYPE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/tessera/Tessera/tessera-relation-types-group.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraRelationTypesGroup, relation_list);
  gtk_widget_class_install_action (widget_class, "relation-types.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "relation-types.move", "(xi)", move_action);
  gtk_widget_class_install_action (widget_class, "relation-types.delete", "x", delete_action);
}

static void
tessera_relation_types_group_init (TesseraRelationTypesGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gtk_list_box_set_sort_func (self->relation_list, compare_rows, NULL, NULL);
}
