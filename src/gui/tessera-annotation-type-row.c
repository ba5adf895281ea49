/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-annotation-type-row"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tessera-annotation-type-row.h"
#include "tessera-tagset-row.h"

/*
 * One annotation type of the project in the preferences' tagset editor: its colour, name,
 * key and TEI mapping in the header; expanded, the fields that change them. Every change
 * goes straight to the store, which journals it (Ctrl+Z in the main window undoes it).
 * Deleting needs a dialog, which the preferences window shows on "delete-requested".
 */

struct _TesseraAnnotationTypeRow
{
  AdwExpanderRow         parent_instance;

  /* Template */
  GtkWidget             *color_dot;
  GtkLabel              *shortcut_badge;
  GtkButton             *up_button;
  GtkButton             *down_button;
  AdwEntryRow           *english_row;
  AdwEntryRow           *french_row;
  AdwEntryRow           *other_row;
  AdwActionRow          *color_row;
  GtkColorButton        *color_button;
  AdwActionRow          *shortcut_row;
  GtkEntry              *shortcut_entry;
  AdwComboRow           *tei_element_row;
  GtkStringList         *tei_elements;
  AdwEntryRow           *tei_type_row;
  AdwEntryRow           *description_row;
  GtkButton             *delete_button;

  /* State */
  TesseraStore          *store;
  TesseraAnnotationType *type;
  char                  *language;      /* the interface's, when neither English nor French */
  GdkRGBA                color;
  guint                  position;
  guint                  syncing;
  guint                  shortcut_source;
};

G_DEFINE_FINAL_TYPE (TesseraAnnotationTypeRow, tessera_annotation_type_row, ADW_TYPE_EXPANDER_ROW)

enum {
  DELETE_REQUESTED,
  ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * tessera_annotation_type_row_dup_language:
 *
 * Returns: (transfer full) (nullable): the language of the interface as a code such as
 *   "fr", or %NULL in the C locale
 */
char *
tessera_annotation_type_row_dup_language (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], "C") || g_str_equal (names[i], "POSIX") ||
          g_str_has_prefix (names[i], "C."))
        return NULL;
      if (strpbrk (names[i], "_.@") == NULL)
        return g_strdup (names[i]);
    }
  return NULL;
}

/* Edits --------------------------------------------------------------------------------- */

static void
report (TesseraAnnotationTypeRow *self,
        const char               *message)
{
  g_signal_emit (self, signals[ERROR], 0, message);
}

/* Writes a changed copy of the type; the row is refreshed through the store's signal. */
static gboolean
commit (TesseraAnnotationTypeRow *self,
        TesseraAnnotationType    *changed)
{
  g_autoptr(GError) error = NULL;

  if (tessera_store_update_annotation_type (self->store, changed, &error))
    return TRUE;
  report (self, error->message);
  /* Show what the project really holds again. */
  tessera_annotation_type_row_set_type (self, self->type, self->position, 0);
  return FALSE;
}

static TesseraAnnotationType *
dup_type (TesseraAnnotationTypeRow *self)
{
  if (self->type == NULL || self->syncing > 0)
    return NULL;
  return tessera_annotation_type_copy (self->type);
}

static void
on_label_apply (TesseraAnnotationTypeRow *self,
                AdwEntryRow              *row)
{
  g_autoptr(TesseraAnnotationType) changed = dup_type (self);
  g_autofree char *text = tessera_tagset_row_dup_text (row);
  const char *language;

  if (changed == NULL)
    return;

  if (row == self->english_row)
    {
      /* The English name is the type's own name, shown where no translation exists. */
      if (*text == '\0')
        {
          report (self, _("An annotation type needs a name in English"));
          tessera_tagset_row_set_entry_text (row, tessera_annotation_type_get_label (self->type));
          return;
        }
      tessera_annotation_type_set_label (changed, text);
      language = "en";
    }
  else
    language = row == self->french_row ? "fr" : self->language;

  tessera_annotation_type_set_label_for (changed, language, *text != '\0' ? text : NULL);
  commit (self, changed);
}

static void
on_color_set (TesseraAnnotationTypeRow *self)
{
  g_autoptr(TesseraAnnotationType) changed = dup_type (self);
  g_autofree char *spec = NULL;

  if (changed == NULL)
    return;
  spec = tessera_tagset_row_dup_color (self->color_button);
  tessera_annotation_type_set_color (changed, spec);
  commit (self, changed);
}

static void
show_shortcut_message (TesseraAnnotationTypeRow *self,
                       const char               *error)
{
  if (error != NULL)
    {
      adw_action_row_set_subtitle (self->shortcut_row, error);
      gtk_widget_add_css_class (GTK_WIDGET (self->shortcut_entry), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->shortcut_entry),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->shortcut_entry),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error, -1);
    }
  else
    {
      const char *hint = _("Press it in the article to mark the selection with this type");

      adw_action_row_set_subtitle (self->shortcut_row, hint);
      gtk_widget_remove_css_class (GTK_WIDGET (self->shortcut_entry), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->shortcut_entry),
                                  GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->shortcut_entry),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, hint, -1);
    }
}

/* The type that already answers to this key, if any. */
static TesseraAnnotationType *
dup_shortcut_owner (TesseraAnnotationTypeRow *self,
                    const char               *key)
{
  GListModel *tagset = tessera_store_get_tagset (self->store);

  for (guint i = 0; i < g_list_model_get_n_items (tagset); i++)
    {
      g_autoptr(TesseraAnnotationType) other = g_list_model_get_item (tagset, i);

      if (tessera_annotation_type_get_id (other) != tessera_annotation_type_get_id (self->type) &&
          g_strcmp0 (tessera_annotation_type_get_shortcut (other), key) == 0)
        return g_steal_pointer (&other);
    }
  return NULL;
}

static gboolean
commit_shortcut (gpointer data)
{
  TesseraAnnotationTypeRow *self = data;
  g_autoptr(TesseraAnnotationType) changed = dup_type (self);
  g_autoptr(TesseraAnnotationType) owner = NULL;
  g_autoptr(GError) error = NULL;
  const char *key = gtk_editable_get_text (GTK_EDITABLE (self->shortcut_entry));

  self->shortcut_source = 0;
  if (changed == NULL)
    return G_SOURCE_REMOVE;

  if (g_strcmp0 (key, tessera_annotation_type_get_shortcut (self->type)) == 0 ||
      (*key == '\0' && tessera_annotation_type_get_shortcut (self->type) == NULL))
    {
      show_shortcut_message (self, NULL);
      return G_SOURCE_REMOVE;
    }
  if (*key != '\0' && !g_unichar_isgraph (g_utf8_get_char (key)))
    {
      show_shortcut_message (self, _("A key is a single letter, digit or sign"));
      return G_SOURCE_REMOVE;
    }
  if (*key != '\0' && (owner = dup_shortcut_owner (self, key)) != NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is already the key of “%s”: choose another one"), key,
                         tessera_annotation_type_get_label_localized (owner));

      show_shortcut_message (self, message);
      return G_SOURCE_REMOVE;
    }

  tessera_annotation_type_set_shortcut (changed, key);
  if (!tessera_store_update_annotation_type (self->store, changed, &error))
    {
      /* The store refuses duplicates too; say it where the key was typed. */
      show_shortcut_message (self, error->message);
      return G_SOURCE_REMOVE;
    }
  show_shortcut_message (self, NULL);
  return G_SOURCE_REMOVE;
}

/* Typing over the key deletes it, then inserts the new one: an empty field is written only
 * if it is still empty once the keystroke is over. */
static void
on_shortcut_changed (TesseraAnnotationTypeRow *self)
{
  if (self->syncing > 0)
    return;
  g_clear_handle_id (&self->shortcut_source, g_source_remove);
  if (*gtk_editable_get_text (GTK_EDITABLE (self->shortcut_entry)) == '\0')
    self->shortcut_source = g_idle_add (commit_shortcut, self);
  else
    commit_shortcut (self);
}

static void
on_tei_element_selected (TesseraAnnotationTypeRow *self)
{
  g_autoptr(TesseraAnnotationType) changed = dup_type (self);
  guint selected = adw_combo_row_get_selected (self->tei_element_row);
  const char *element;

  if (changed == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  element = gtk_string_list_get_string (self->tei_elements, selected);
  if (g_strcmp0 (element, tessera_annotation_type_get_tei_element (self->type)) == 0)
    return;
  tessera_annotation_type_set_tei (changed, element, tessera_annotation_type_get_tei_type (changed));
  commit (self, changed);
}

static void
on_tei_type_apply (TesseraAnnotationTypeRow *self)
{
  g_autoptr(TesseraAnnotationType) changed = dup_type (self);
  g_autofree char *text = tessera_tagset_row_dup_text (self->tei_type_row);

  if (changed == NULL)
    return;
  tessera_annotation_type_set_tei (changed, tessera_annotation_type_get_tei_element (changed),
                                   *text != '\0' ? text : NULL);
  commit (self, changed);
}

static void
on_description_apply (TesseraAnnotationTypeRow *self)
{
  g_autoptr(TesseraAnnotationType) changed = dup_type (self);
  g_autofree char *text = tessera_tagset_row_dup_text (self->description_row);

  if (changed == NULL)
    return;
  tessera_annotation_type_set_description (changed, *text != '\0' ? text : NULL);
  commit (self, changed);
}

static void
move_by (TesseraAnnotationTypeRow *self,
         int                       delta)
{
  g_autoptr(GError) error = NULL;
  GtkButton *pressed = delta < 0 ? self->up_button : self->down_button;
  GtkButton *other = delta < 0 ? self->down_button : self->up_button;

  if (self->type == NULL || ((int) self->position + delta) < 0)
    return;
  if (!tessera_store_move_annotation_type (self->store, tessera_annotation_type_get_id (self->type),
                                           (int) self->position + delta, &error))
    {
      report (self, error->message);
      return;
    }
  tessera_tagset_row_keep_focus (pressed, other);
}

static void
on_up_clicked (TesseraAnnotationTypeRow *self)
{
  move_by (self, -1);
}

static void
on_down_clicked (TesseraAnnotationTypeRow *self)
{
  move_by (self, 1);
}

static void
on_delete_clicked (TesseraAnnotationTypeRow *self)
{
  g_signal_emit (self, signals[DELETE_REQUESTED], 0);
}

/* Showing the type ------------------------------------------------------------------------ */

static void
sync_tei_element (TesseraAnnotationTypeRow *self,
                  const char               *element)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tei_elements));

  for (guint i = 0; i < n; i++)
    {
      if (g_strcmp0 (gtk_string_list_get_string (self->tei_elements, i), element) == 0)
        {
          adw_combo_row_set_selected (self->tei_element_row, i);
          return;
        }
    }
  /* An element of an imported tagset that is not in the usual list. */
  gtk_string_list_append (self->tei_elements, element);
  adw_combo_row_set_selected (self->tei_element_row, n);
}

/* A screen reader reaching a button of the row hears which type it acts on. */
static void
update_accessible_labels (TesseraAnnotationTypeRow *self,
                          const char               *label)
{
  GtkWidget *color_button = GTK_WIDGET (self->color_button);

  tessera_tagset_row_set_accessible_label (self->up_button,
                                           g_strdup_printf (_("Move “%s” up in the palette"),
                                                            label));
  tessera_tagset_row_set_accessible_label (self->down_button,
                                           g_strdup_printf (_("Move “%s” down in the palette"),
                                                            label));
  tessera_tagset_row_set_accessible_label (self->color_button,
                                           g_strdup_printf (_("Colour of “%s”"), label));
  /* GTK 4.8's colour button gives the focus to a button inside, which has no name of its
   * own: name it too. */
  tessera_tagset_row_set_accessible_label (gtk_widget_get_first_child (color_button),
                                           g_strdup_printf (_("Colour of “%s”"), label));
  tessera_tagset_row_set_accessible_label (self->shortcut_entry,
                                           g_strdup_printf (_("Key of “%s”"), label));
  tessera_tagset_row_set_accessible_label (self->delete_button,
                                           g_strdup_printf (_("Delete “%s”…"), label));
}

/**
 * tessera_annotation_type_row_set_type:
 * @type: the type as the project holds it now
 * @n_types: how many types the tagset has, or 0 to keep what the row knew
 *
 * Shows @type. Fields the user is typing in keep their text.
 */
void
tessera_annotation_type_row_set_type (TesseraAnnotationTypeRow *self,
                                      TesseraAnnotationType    *type,
                                      guint                     position,
                                      guint                     n_types)
{
  const char *label;
  const char *shortcut;
  const char *tei_type;
  const char *english;
  g_autofree char *element = NULL;
  g_autofree char *subtitle = NULL;
  GHashTable *labels;

  g_return_if_fail (TESSERA_IS_ANNOTATION_TYPE_ROW (self));
  g_return_if_fail (TESSERA_IS_ANNOTATION_TYPE (type));

  if (type != self->type)
    {
      g_autoptr(TesseraAnnotationType) copy = tessera_annotation_type_copy (type);

      g_clear_object (&self->type);
      self->type = g_steal_pointer (&copy);
    }
  self->position = position;
  self->syncing++;

  label = tessera_annotation_type_get_label_localized (self->type);
  shortcut = tessera_annotation_type_get_shortcut (self->type);
  tei_type = tessera_annotation_type_get_tei_type (self->type);
  labels = tessera_annotation_type_get_labels (self->type);

  /* Header: name, kind and TEI mapping, key, colour. */
  if (tei_type != NULL)
    element = g_strdup_printf ("<%s type=\"%s\">",
                               tessera_annotation_type_get_tei_element (self->type), tei_type);
  else
    element = g_strdup_printf ("<%s>", tessera_annotation_type_get_tei_element (self->type));
  subtitle = g_strdup_printf ("%s · %s",
                              tessera_kind_get_label (tessera_annotation_type_get_kind (self->type)),
                              element);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), label);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
  gtk_label_set_text (self->shortcut_badge, shortcut ? shortcut : "");
  gtk_widget_set_visible (GTK_WIDGET (self->shortcut_badge), shortcut != NULL);
  if (shortcut != NULL)
    {
      g_autofree char *badge = g_strdup_printf (_("Key %s"), shortcut);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->shortcut_badge), badge);
    }
  if (!gdk_rgba_parse (&self->color, tessera_annotation_type_get_color (self->type)))
    gdk_rgba_parse (&self->color, "#888888");
  gtk_widget_queue_draw (self->color_dot);
  if (n_types > 0)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->up_button), position > 0);
      gtk_widget_set_sensitive (GTK_WIDGET (self->down_button), position + 1 < n_types);
    }
  update_accessible_labels (self, label);

  /* Fields. */
  english = g_hash_table_lookup (labels, "en");
  tessera_tagset_row_sync_entry (self->english_row,
                  english != NULL ? english : tessera_annotation_type_get_label (self->type));
  tessera_tagset_row_sync_entry (self->french_row, g_hash_table_lookup (labels, "fr"));
  if (self->language != NULL)
    tessera_tagset_row_sync_entry (self->other_row, g_hash_table_lookup (labels, self->language));
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->color_button), &self->color);
  if (!gtk_widget_has_focus (GTK_WIDGET (self->shortcut_entry)) &&
      !(gtk_widget_get_state_flags (GTK_WIDGET (self->shortcut_entry)) &
        GTK_STATE_FLAG_FOCUS_WITHIN))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->shortcut_entry), shortcut ? shortcut : "");
      show_shortcut_message (self, NULL);
    }
  sync_tei_element (self, tessera_annotation_type_get_tei_element (self->type));
  tessera_tagset_row_sync_entry (self->tei_type_row, tei_type);
  tessera_tagset_row_sync_entry (self->description_row,
                                 tessera_annotation_type_get_description (self->type));

  self->syncing--;
}

gint64
tessera_annotation_type_row_get_type_id (TesseraAnnotationTypeRow *self)
{
  g_return_val_if_fail (TESSERA_IS_ANNOTATION_TYPE_ROW (self), 0);
  return self->type ? tessera_annotation_type_get_id (self->type) : 0;
}

guint
tessera_annotation_type_row_get_position (TesseraAnnotationTypeRow *self)
{
  g_return_val_if_fail (TESSERA_IS_ANNOTATION_TYPE_ROW (self), 0);
  return self->position;
}

/* GObject ------------------------------------------------------------------------------- */

static void
tessera_annotation_type_row_dispose (GObject *object)
{
  TesseraAnnotationTypeRow *self = TESSERA_ANNOTATION_TYPE_ROW (object);

  g_clear_handle_id (&self->shortcut_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_ANNOTATION_TYPE_ROW);
  g_clear_object (&self->type);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tessera_annotation_type_row_parent_class)->dispose (object);
}

static void
tessera_annotation_type_row_finalize (GObject *object)
{
  TesseraAnnotationTypeRow *self = TESSERA_ANNOTATION_TYPE_ROW (object);

  g_free (self->language);

  G_OBJECT_CLASS (tessera_annotation_type_row_parent_class)->finalize (object);
}

static void
tessera_annotation_type_row_class_init (TesseraAnnotationTypeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_annotation_type_row_dispose;
  object_class->finalize = tessera_annotation_type_row_finalize;

  /**
   * TesseraAnnotationTypeRow::delete-requested:
   *
   * The user asked to delete the type; what happens to its annotations needs asking.
   */
  signals[DELETE_REQUESTED] =
    g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * TesseraAnnotationTypeRow::error:
   * @message: what went wrong, for the user
   */
  signals[ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/tessera/Tessera/tessera-annotation-type-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationTypeRow, color_dot);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationTypeRow, shortcut_badge);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationTypeRow, up_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationTypeRow, down_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationTypeRow, english_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationTypeRow, french_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationTypeRow, other_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationTypeRow, color_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationTypeRow, color_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationTypeRow, shortcut_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationTypeRow, shortcut_entry);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationTypeRow, tei_element_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationTypeRow, tei_elements);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationTypeRow, tei_type_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationTypeRow, description_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationTypeRow, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, on_label_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_color_set);
  gtk_widget_class_bind_template_callback (widget_class, on_shortcut_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_tei_element_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_tei_type_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_description_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_up_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_down_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked);
}

static void
tessera_annotation_type_row_init (TesseraAnnotationTypeRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->color_dot),
                                  tessera_tagset_row_draw_dot, &self->color, NULL);
  gdk_rgba_parse (&self->color, "#888888");

  /* English and French always; the interface's language too when it is another one. */
  self->language = tessera_annotation_type_row_dup_language ();
  if (self->language != NULL &&
      (g_str_equal (self->language, "en") || g_str_equal (self->language, "fr")))
    g_clear_pointer (&self->language, g_free);
  if (self->language != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Name in the Language “%s”"), self->language);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->other_row), title);
      gtk_widget_set_visible (GTK_WIDGET (self->other_row), TRUE);
    }
  show_shortcut_message (self, NULL);
}

GtkWidget *
tessera_annotation_type_row_new (TesseraStore *store)
{
  TesseraAnnotationTypeRow *self;

  g_return_val_if_fail (TESSERA_IS_STORE (store), NULL);

  self = g_object_new (TESSERA_TYPE_ANNOTATION_TYPE_ROW, NULL);
  self->store = g_object_ref (store);
  return GTK_WIDGET (self);
}
