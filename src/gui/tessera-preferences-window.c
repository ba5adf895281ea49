/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-annotation-type-row.h"
#include "tessera-preferences-window.h"
#include "tessera-relation-types-group.h"
#include "tessera-tagset-row.h"

/*
 * Preferences: the settings of the application (annotator name, word snapping, style, the
 * article's font and size) and the tagset of the project open in the window. Settings are
 * bound to GSettings, which the window and the application listen to; tagset changes go
 * straight to the store, journaled like any other change, so Ctrl+Z undoes them here (outside
 * a text field) and in the main window.
 */

struct _TesseraPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template */
  AdwPreferencesGroup  *annotator_group;
  AdwEntryRow          *annotator_row;
  GtkSwitch            *snap_switch;
  AdwComboRow          *style_row;
  GtkSwitch            *default_font_switch;
  AdwActionRow         *font_row;
  GtkFontButton        *font_button;
  GtkAdjustment        *text_size_adjustment;
  AdwPreferencesGroup  *tagset_group;
  GtkListBox           *type_list;
  TesseraRelationTypesGroup *relation_types_group;

  /* State */
  GSettings            *settings;
  TesseraWindow        *window;   /* weak */
  TesseraStore         *store;
  GHashTable           *rows;     /* type id → TesseraAnnotationTypeRow */
  guint                 syncing;
};

G_DEFINE_FINAL_TYPE (TesseraPreferencesWindow, tessera_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

/* Colours offered to new types, in order, skipping those the tagset uses (GNOME palette). */
static const char *new_type_colors[] = {
  "#3584e4", "#2ec27e", "#f5c211", "#ff7800", "#e01b24", "#813d9c", "#986a44",
  "#1a5fb4", "#26a269", "#c64600", "#a51d2d", "#613583", "#63452c", "#5e5c64",
};

/* Messages ------------------------------------------------------------------------------ */

/* A message that stays until closed: what went wrong. */
void
tessera_preferences_window_show_error (TesseraPreferencesWindow *self,
                                       const char               *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

/* A change done, with the button that undoes it. */
void
tessera_preferences_window_show_undoable (TesseraPreferencesWindow *self,
                                          const char               *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "preferences.undo");
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

/* General ------------------------------------------------------------------------------- */

static const char *color_schemes[] = { "default", "force-light", "force-dark" };

static gboolean
style_from_setting (GValue   *value,
                    GVariant *variant,
                    gpointer  data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    {
      if (g_str_equal (scheme, color_schemes[i]))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
style_to_setting (const GValue       *value,
                  const GVariantType *type,
                  gpointer            data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (color_schemes))
    return NULL;
  return g_variant_new_string (color_schemes[selected]);
}

/* text-scale is a factor (1.0); the spin button shows a percentage (100). */
static gboolean
percent_from_setting (GValue   *value,
                      GVariant *variant,
                      gpointer  data)
{
  g_value_set_double (value, g_variant_get_double (variant) * 100.0);
  return TRUE;
}

static GVariant *
percent_to_setting (const GValue       *value,
                    const GVariantType *type,
                    gpointer            data)
{
  return g_variant_new_double (CLAMP (g_value_get_double (value) / 100.0, 0.7, 2.0));
}

/* The font chooser does not offer sizes: the text size setting owns the size. */
static char *
dup_chosen_font (TesseraPreferencesWindow *self)
{
  PangoFontDescription *desc = gtk_font_chooser_get_font_desc (GTK_FONT_CHOOSER (self->font_button));
  char *font;

  if (desc == NULL)
    return g_strdup ("");
  pango_font_description_unset_fields (desc, PANGO_FONT_MASK_SIZE);
  font = pango_font_description_to_string (desc);
  pango_font_description_free (desc);
  return font;
}

static void
sync_font (TesseraPreferencesWindow *self)
{
  g_autofree char *font = g_settings_get_string (self->settings, "font");
  gboolean use_default = *font == '\0';

  self->syncing++;
  gtk_switch_set_active (self->default_font_switch, use_default);
  gtk_widget_set_sensitive (GTK_WIDGET (self->font_row), !use_default);
  if (use_default)
    {
      g_autofree char *desktop = NULL;

      /* Show the font the article uses, ready to be changed. */
      g_object_get (gtk_settings_get_default (), "gtk-font-name", &desktop, NULL);
      gtk_font_chooser_set_font (GTK_FONT_CHOOSER (self->font_button),
                                 desktop != NULL ? desktop : "Sans");
    }
  else
    gtk_font_chooser_set_font (GTK_FONT_CHOOSER (self->font_button), font);
  self->syncing--;
}

static void
on_default_font_toggled (TesseraPreferencesWindow *self)
{
  g_autofree char *font = NULL;

  if (self->syncing > 0)
    return;
  font = gtk_switch_get_active (self->default_font_switch) ? g_strdup ("")
                                                           : dup_chosen_font (self);
  g_settings_set_string (self->settings, "font", font);
}

static void
on_font_set (TesseraPreferencesWindow *self)
{
  g_autofree char *font = dup_chosen_font (self);

  g_settings_set_string (self->settings, "font", font);
}

static void
setup_general (TesseraPreferencesWindow *self)
{
  const char *user = g_get_real_name ();
  g_autofree char *description = NULL;

  if (user == NULL || *user == '\0' || g_str_equal (user, "Unknown"))
    user = g_get_user_name ();
  description = g_strdup_printf (_("Recorded with each annotation you make, and written as the "
                                   "person responsible (@resp) in TEI exports. Leave it empty "
                                   "to use your user name, “%s”."), user);
  adw_preferences_group_set_description (self->annotator_group, description);

  g_settings_bind (self->settings, "annotator-name", self->annotator_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "snap-to-words", self->snap_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "color-scheme", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, style_from_setting, style_to_setting,
                                NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "text-scale", self->text_size_adjustment, "value",
                                G_SETTINGS_BIND_DEFAULT, percent_from_setting, percent_to_setting,
                                NULL, NULL);
  g_signal_connect_object (self->settings, "changed::font", G_CALLBACK (sync_font), self,
                           G_CONNECT_SWAPPED);
  sync_font (self);
}

/* Tagset -------------------------------------------------------------------------------- */

static TesseraAnnotationTypeRow *
row_for (TesseraPreferencesWindow *self,
         gint64                    type_id)
{
  return g_hash_table_lookup (self->rows, &type_id);
}

static TesseraAnnotationType *
dup_type (TesseraPreferencesWindow *self,
          gint64                    type_id)
{
  return tessera_store_dup_annotation_type (self->store, type_id);
}

static int
compare_rows (GtkListBoxRow *a,
              GtkListBoxRow *b,
              gpointer       data)
{
  guint position_a = tessera_annotation_type_row_get_position (TESSERA_ANNOTATION_TYPE_ROW (a));
  guint position_b = tessera_annotation_type_row_get_position (TESSERA_ANNOTATION_TYPE_ROW (b));

  return position_a < position_b ? -1 : position_a > position_b ? 1 : 0;
}

static void on_delete_requested (TesseraPreferencesWindow *self,
                                 TesseraAnnotationTypeRow *row);

static void
on_row_error (TesseraPreferencesWindow *self,
              const char               *message)
{
  tessera_preferences_window_show_error (self, message);
}

/* Rows live as long as their type: an edit or an undo updates them in place, so the row
 * being edited keeps its focus and stays expanded. */
static void
sync_tagset (TesseraPreferencesWindow *self)
{
  GListModel *tagset;
  GHashTable *previous = self->rows;
  GHashTableIter iter;
  gpointer value;
  guint n;

  if (self->store == NULL || self->type_list == NULL)
    return;

  tagset = tessera_store_get_tagset (self->store);
  n = g_list_model_get_n_items (tagset);
  self->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (tagset, i);
      gint64 id = tessera_annotation_type_get_id (type);
      GtkWidget *row = g_hash_table_lookup (previous, &id);

      if (row != NULL)
        g_hash_table_remove (previous, &id);
      else
        {
          g_autofree char *name = g_strdup_printf ("type-%" G_GINT64_FORMAT, id);

          row = tessera_annotation_type_row_new (self->store);
          /* A stable name, so that tests can find the row of a type. */
          gtk_widget_set_name (row, name);
          g_signal_connect_object (row, "delete-requested", G_CALLBACK (on_delete_requested),
                                   self, G_CONNECT_SWAPPED);
          g_signal_connect_object (row, "error", G_CALLBACK (on_row_error), self,
                                   G_CONNECT_SWAPPED);
          gtk_list_box_append (self->type_list, row);
        }
      tessera_annotation_type_row_set_type (TESSERA_ANNOTATION_TYPE_ROW (row), type, i, n);
      g_hash_table_insert (self->rows, g_memdup2 (&id, sizeof id), row);
    }

  /* Types that are gone. */
  g_hash_table_iter_init (&iter, previous);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    gtk_list_box_remove (self->type_list, value);
  g_hash_table_unref (previous);

  gtk_list_box_invalidate_sort (self->type_list);
}

static gboolean
key_exists (TesseraPreferencesWindow *self,
            const char               *key)
{
  GListModel *tagset = tessera_store_get_tagset (self->store);

  for (guint i = 0; i < g_list_model_get_n_items (tagset); i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (tagset, i);

      if (g_ascii_strcasecmp (tessera_annotation_type_get_key (type), key) == 0)
        return TRUE;
    }
  return FALSE;
}

/* "Lieu de culte" → "lieu-de-culte": keys are ASCII and unique in the project. */
static char *
dup_unique_key (TesseraPreferencesWindow *self,
                const char               *label)
{
  g_autofree char *ascii = g_str_to_ascii (label, "C");
  g_autoptr(GString) base = g_string_new (NULL);
  char *key;

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (base, g_ascii_tolower (*p));
      else if (base->len > 0 && base->str[base->len - 1] != '-')
        g_string_append_c (base, '-');
    }
  while (base->len > 0 && base->str[base->len - 1] == '-')
    g_string_truncate (base, base->len - 1);
  if (base->len == 0)
    g_string_append (base, "type");

  key = g_strdup (base->str);
  for (guint n = 2; key_exists (self, key); n++)
    {
      g_free (key);
      key = g_strdup_printf ("%s-%u", base->str, n);
    }
  return key;
}

static gboolean
tagset_uses (TesseraPreferencesWindow *self,
             const char               *color,
             const char               *shortcut)
{
  GListModel *tagset = tessera_store_get_tagset (self->store);

  for (guint i = 0; i < g_list_model_get_n_items (tagset); i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (tagset, i);

      if (color != NULL && g_ascii_strcasecmp (tessera_annotation_type_get_color (type), color) == 0)
        return TRUE;
      if (shortcut != NULL && g_strcmp0 (tessera_annotation_type_get_shortcut (type), shortcut) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
add_type (TesseraPreferencesWindow *self,
          const char               *label,
          TesseraKind               kind)
{
  g_autoptr(TesseraAnnotationType) type = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = dup_unique_key (self, label);
  g_autofree char *language = tessera_annotation_type_row_dup_language ();
  g_autofree char *message = NULL;
  TesseraAnnotationTypeRow *row;
  gint64 id;

  type = tessera_annotation_type_new (key, label, kind);
  tessera_annotation_type_set_label_for (type, language != NULL ? language : "en", label);
  for (guint i = 0; i < G_N_ELEMENTS (new_type_colors); i++)
    {
      if (!tagset_uses (self, new_type_colors[i], NULL))
        {
          tessera_annotation_type_set_color (type, new_type_colors[i]);
          break;
        }
    }
  /* The first free digit, as the default types use 1 to 9. */
  for (const char *digit = "1234567890"; *digit != '\0'; digit++)
    {
      char shortcut[2] = { *digit, '\0' };

      if (!tagset_uses (self, NULL, shortcut))
        {
          tessera_annotation_type_set_shortcut (type, shortcut);
          break;
        }
    }

  id = tessera_store_add_annotation_type (self->store, type, &error);
  if (id == 0)
    {
      tessera_preferences_window_show_error (self, error->message);
      return;
    }

  /* Open the new type, ready for its colour, key and TEI mapping. */
  row = row_for (self, id);
  if (row != NULL)
    {
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
  message = g_strdup_printf (_("Added “%s”"), label);
  tessera_preferences_window_show_undoable (self, message);
}

static void
on_add_response (AdwMessageDialog         *dialog,
                 const char               *response,
                 TesseraPreferencesWindow *self)
{
  GtkEditable *name_row = g_object_get_data (G_OBJECT (dialog), "tessera-name-row");
  AdwComboRow *kind_row = g_object_get_data (G_OBJECT (dialog), "tessera-kind-row");
  g_autofree char *name = NULL;

  if (!g_str_equal (response, "add"))
    return;
  name = g_strstrip (g_strdup (gtk_editable_get_text (name_row)));
  if (*name == '\0')
    return;
  add_type (self, name, (TesseraKind) adw_combo_row_get_selected (kind_row));
}

static void
add_type_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TesseraPreferencesWindow *self = TESSERA_PREFERENCES_WINDOW (widget);
  GtkWidget *dialog;
  GtkWidget *list;
  GtkWidget *name_row;
  GtkWidget *kind_row;
  g_autoptr(GtkStringList) kind_model = gtk_string_list_new (NULL);

  if (self->store == NULL)
    return;

  /* Item i is the kind i. */
  for (TesseraKind kind = 0; kind < TESSERA_N_KINDS; kind++)
    gtk_string_list_append (kind_model, tessera_kind_get_label (kind));

  dialog = tessera_tagset_row_new_add_dialog (widget, _("New Annotation Type"),
                                              _("It goes at the end of the palette. Its kind "
                                                "cannot change later; its name, colour, key "
                                                "and TEI mapping can."),
                                              _("New annotation type"), _("Name"), &list,
                                              &name_row);
  kind_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kind_row),
                                 tessera_vocabulary_get_title (TESSERA_VOCABULARY_KIND));
  adw_combo_row_set_model (ADW_COMBO_ROW (kind_row), G_LIST_MODEL (kind_model));
  gtk_list_box_append (GTK_LIST_BOX (list), kind_row);

  g_object_set_data (G_OBJECT (dialog), "tessera-name-row", name_row);
  g_object_set_data (G_OBJECT (dialog), "tessera-kind-row", kind_row);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_add_response), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (name_row);
}

/* Deleting a type ------------------------------------------------------------------------ */

static guint
count_annotations (TesseraPreferencesWindow  *self,
                   gint64                     type_id,
                   GError                   **error)
{
  g_autoptr(TesseraStats) stats = tessera_store_dup_stats (self->store, 0, error);

  if (stats == NULL)
    return G_MAXUINT;
  for (guint i = 0; i < stats->per_type->len; i++)
    {
      TesseraTypeCount *count = &g_array_index (stats->per_type, TesseraTypeCount, i);

      if (count->type_id == type_id)
        return count->count;
    }
  return 0;
}

static void
delete_type (TesseraPreferencesWindow *self,
             gint64                    type_id,
             gint64                    replacement_id,
             guint                     n_annotations)
{
  g_autoptr(TesseraAnnotationType) type = dup_type (self, type_id);
  g_autoptr(TesseraAnnotationType) replacement = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (type == NULL)
    return;
  if (replacement_id != 0)
    replacement = dup_type (self, replacement_id);

  if (!tessera_store_remove_annotation_type (self->store, type_id, replacement_id, &error))
    {
      tessera_preferences_window_show_error (self, error->message);
      return;
    }

  if (replacement != NULL)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Deleted “%s”; %u annotation is now “%s”",
                                            "Deleted “%s”; %u annotations are now “%s”",
                                            n_annotations),
                               tessera_annotation_type_get_label_localized (type), n_annotations,
                               tessera_annotation_type_get_label_localized (replacement));
  else
    message = g_strdup_printf (_("Deleted “%s”"),
                               tessera_annotation_type_get_label_localized (type));
  tessera_preferences_window_show_undoable (self, message);
}

typedef struct
{
  gint64  type_id;
  guint   n_annotations;
  GArray *candidates;   /* gint64 type ids, in the combo row's order */
} DeleteRequest;

static void
delete_request_free (DeleteRequest *request)
{
  g_array_unref (request->candidates);
  g_free (request);
}

static void
on_delete_response (AdwMessageDialog         *dialog,
                    const char               *response,
                    TesseraPreferencesWindow *self)
{
  DeleteRequest *request = g_object_get_data (G_OBJECT (dialog), "tessera-delete-request");
  AdwComboRow *replacement_row = g_object_get_data (G_OBJECT (dialog), "tessera-replacement-row");
  guint selected;

  if (!g_str_equal (response, "convert") || request == NULL || replacement_row == NULL)
    return;
  selected = adw_combo_row_get_selected (replacement_row);
  if (selected >= request->candidates->len)
    return;
  delete_type (self, request->type_id, g_array_index (request->candidates, gint64, selected),
               request->n_annotations);
}

/* A type in use is deleted only once the user chose the type its annotations take. */
static void
on_delete_requested (TesseraPreferencesWindow *self,
                     TesseraAnnotationTypeRow *row)
{
  gint64 type_id = tessera_annotation_type_row_get_type_id (row);
  g_autoptr(TesseraAnnotationType) type = dup_type (self, type_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  DeleteRequest *request;
  GListModel *tagset;
  GtkWidget *dialog;
  AdwComboRow *replacement_row;
  const char *label;
  guint n;

  if (type == NULL)
    return;
  n = count_annotations (self, type_id, &error);
  if (n == G_MAXUINT)
    {
      tessera_preferences_window_show_error (self, error->message);
      return;
    }
  if (n == 0)
    {
      delete_type (self, type_id, 0, 0);
      return;
    }

  label = tessera_annotation_type_get_label_localized (type);
  request = g_new0 (DeleteRequest, 1);
  request->type_id = type_id;
  request->n_annotations = n;
  request->candidates = g_array_new (FALSE, FALSE, sizeof (gint64));
  names = gtk_string_list_new (NULL);
  tagset = tessera_store_get_tagset (self->store);
  for (guint i = 0; i < g_list_model_get_n_items (tagset); i++)
    {
      g_autoptr(TesseraAnnotationType) other = g_list_model_get_item (tagset, i);
      gint64 other_id = tessera_annotation_type_get_id (other);

      if (other_id == type_id ||
          tessera_annotation_type_get_kind (other) != tessera_annotation_type_get_kind (type))
        continue;
      g_array_append_val (request->candidates, other_id);
      gtk_string_list_append (names, tessera_annotation_type_get_label_localized (other));
    }

  heading = g_strdup_printf (_("Delete “%s”?"), label);
  if (request->candidates->len > 0)
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "“%s” is used by %u annotation. Choose the type it "
                                         "takes instead. This can be undone.",
                                         "“%s” is used by %u annotations. Choose the type they "
                                         "take instead. This can be undone.", n),
                            label, n);
  else
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "“%s” is used by %u annotation, and no other type of "
                                         "the same kind could take it. Add one first, or "
                                         "delete the annotation.",
                                         "“%s” is used by %u annotations, and no other type of "
                                         "the same kind could take them. Add one first, or "
                                         "delete the annotations.", n),
                            label, n);

  dialog = tessera_tagset_row_new_replace_dialog (GTK_WIDGET (self), heading, body,
                                                  g_dngettext (GETTEXT_PACKAGE, "Convert It To",
                                                               "Convert Them To", n),
                                                  request->candidates->len > 0
                                                  ? G_LIST_MODEL (names) : NULL,
                                                  &replacement_row);
  g_object_set_data_full (G_OBJECT (dialog), "tessera-delete-request", request,
                          (GDestroyNotify) delete_request_free);
  g_object_set_data (G_OBJECT (dialog), "tessera-replacement-row", replacement_row);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Store --------------------------------------------------------------------------------- */

static void
set_store (TesseraPreferencesWindow *self,
           TesseraStore             *store)
{
  g_autofree char *description = NULL;
  gboolean writable;

  self->store = store != NULL ? g_object_ref (store) : NULL;
  writable = store != NULL && !tessera_store_is_read_only (store);

  if (store == NULL)
    description = g_strdup (_("Open a project to edit its annotation types."));
  else
    {
      g_autofree char *name = g_filename_display_basename (tessera_store_get_path (store));

      if (writable)
        description = g_strdup_printf (_("The types of “%s”, in the order of the palette. Changes "
                                         "are saved at once; Ctrl+Z undoes them."), name);
      else
        description = g_strdup_printf (_("“%s” is open for reading only: its types cannot "
                                         "change."), name);
    }
  adw_preferences_group_set_description (self->tagset_group, description);
  gtk_widget_set_sensitive (GTK_WIDGET (self->type_list), writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.add-type", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.undo", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.redo", writable);

  tessera_relation_types_group_set_store (self->relation_types_group, store);
  if (store == NULL)
    return;
  g_signal_connect_swapped (store, "tagset-changed", G_CALLBACK (sync_tagset), self);
  g_signal_connect_swapped (store, "reloaded", G_CALLBACK (sync_tagset), self);
  sync_tagset (self);
}

/* Undo and redo are the main window's: one history for the whole project. */
static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TesseraPreferencesWindow *self = TESSERA_PREFERENCES_WINDOW (widget);

  if (self->window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->window),
                                g_str_equal (action_name, "preferences.undo") ? "win.undo"
                                                                              : "win.redo",
                                NULL);
}

/* GObject ------------------------------------------------------------------------------- */

static void
tessera_preferences_window_dispose (GObject *object)
{
  TesseraPreferencesWindow *self = TESSERA_PREFERENCES_WINDOW (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_weak_pointer (&self->window);
  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (tessera_preferences_window_parent_class)->dispose (object);
}

static void
tessera_preferences_window_finalize (GObject *object)
{
  TesseraPreferencesWindow *self = TESSERA_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->rows, g_hash_table_unref);

  G_OBJECT_CLASS (tessera_preferences_window_parent_class)->finalize (object);
}

static void
tessera_preferences_window_class_init (TesseraPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_preferences_window_dispose;
  object_class->finalize = tessera_preferences_window_finalize;

  g_type_ensure (TESSERA_TYPE_ANNOTATION_TYPE_ROW);
  g_type_ensure (TESSERA_TYPE_RELATION_TYPES_GROUP);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/tessera/Tessera/tessera-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraPreferencesWindow, annotator_group);
  gtk_widget_class_bind_template_child (widget_class, TesseraPreferencesWindow, annotator_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraPreferencesWindow, snap_switch);
  gtk_widget_class_bind_template_child (widget_class, TesseraPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraPreferencesWindow,
                                        default_font_switch);
  gtk_widget_class_bind_template_child (widget_class, TesseraPreferencesWindow, font_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraPreferencesWindow, font_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraPreferencesWindow,
                                        text_size_adjustment);
  gtk_widget_class_bind_template_child (widget_class, TesseraPreferencesWindow, tagset_group);
  gtk_widget_class_bind_template_child (widget_class, TesseraPreferencesWindow, type_list);
  gtk_widget_class_bind_template_child (widget_class, TesseraPreferencesWindow,
                                        relation_types_group);
  gtk_widget_class_bind_template_callback (widget_class, on_default_font_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_font_set);

  gtk_widget_class_install_action (widget_class, "preferences.add-type", NULL, add_type_action);
  gtk_widget_class_install_action (widget_class, "preferences.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "preferences.redo", NULL, undo_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "preferences.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "preferences.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "preferences.redo", NULL);
}

static void
tessera_preferences_window_init (TesseraPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  self->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gtk_list_box_set_sort_func (self->type_list, compare_rows, NULL, NULL);
  /* GTK 4.8's font button gives the focus to a button inside, named only by the font. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (GTK_WIDGET (self->font_button))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Article font"), -1);
  setup_general (self);
}

/**
 * tessera_preferences_window_new:
 * @window: the window whose project's tagset is edited
 *
 * Returns: (transfer none): a new preferences window, modal over @window
 */
GtkWidget *
tessera_preferences_window_new (TesseraWindow *window)
{
  TesseraPreferencesWindow *self;

  g_return_val_if_fail (TESSERA_IS_WINDOW (window), NULL);

  self = g_object_new (TESSERA_TYPE_PREFERENCES_WINDOW,
                       "transient-for", window,
                       "application", gtk_window_get_application (GTK_WINDOW (window)),
                       NULL);
  g_set_weak_pointer (&self->window, window);
  set_store (self, tessera_window_get_store (window));
  return GTK_WIDGET (self);
}
