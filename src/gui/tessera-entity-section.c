/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-entity-chooser.h"
#include "tessera-entity-section.h"

/* A mention's entity link: the entity it names with its authority links, another entity to
 * link it to, or a new one made from its words. */

struct _TesseraEntitySection
{
  GtkWidget              parent_instance;

  /* Template widgets */
  AdwPreferencesGroup   *linked_group;
  GtkListBox            *linked_list;
  AdwActionRow          *linked_row;
  AdwEntryRow           *authority_row;
  GtkLabel              *authority_scheme_label;
  AdwPreferencesGroup   *chooser_group;
  GtkToggleButton       *new_entity_button;
  AdwEntryRow           *new_name_row;
  AdwEntryRow           *new_uri_row;
  GtkLabel              *new_uri_scheme_label;
  TesseraEntityChooser  *entity_chooser;

  TesseraStore          *store;
  TesseraAnnotation     *annotation;  /* a mention, or NULL */
  TesseraEntity         *entity;
  char                  *authority_key;
  guint                  syncing;
};

static void section_iface_init (TesseraInspectorSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TesseraEntitySection, tessera_entity_section, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (TESSERA_TYPE_INSPECTOR_SECTION,
                                                      section_iface_init))

static void
show_error (TesseraEntitySection *self,
            const GError         *error)
{
  tessera_inspector_section_show_error (TESSERA_INSPECTOR_SECTION (self), error->message);
}

static gboolean
is_web_address (const char *uri)
{
  return (g_str_has_prefix (uri, "http://") || g_str_has_prefix (uri, "https://")) &&
         g_uri_is_valid (uri, G_URI_FLAGS_NONE, NULL);
}

/* The linked entity ---------------------------------------------------------------------- */

static void
on_authority_remove_clicked (TesseraEntitySection *self,
                             GtkButton            *button)
{
  const char *uri = g_object_get_data (G_OBJECT (button), "tessera-uri");
  g_autoptr(GError) error = NULL;

  if (self->entity == NULL || uri == NULL)
    return;
  if (!tessera_store_remove_entity_authority (self->store, tessera_entity_get_id (self->entity),
                                              uri, &error))
    show_error (self, error);
}

static void
sync_authorities (TesseraEntitySection *self)
{
  g_autoptr(GString) key = g_string_new (NULL);
  const TesseraAuthority *authorities;
  guint n = 0;
  GtkWidget *child;

  authorities = self->entity ? tessera_entity_get_authorities (self->entity, &n) : NULL;
  for (guint i = 0; i < n; i++)
    g_string_append_printf (key, "%s\n%s\n", authorities[i].scheme, authorities[i].uri);

  /* Rebuilding would lose the focus of a row the user is on. */
  if (g_strcmp0 (key->str, self->authority_key) == 0)
    return;
  g_free (self->authority_key);
  self->authority_key = g_string_free (g_steal_pointer (&key), FALSE);

  child = gtk_widget_get_first_child (GTK_WIDGET (self->linked_list));
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (g_object_get_data (G_OBJECT (child), "tessera-authority") != NULL)
        gtk_list_box_remove (self->linked_list, child);
      child = next;
    }

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");
      g_autofree char *label = g_strdup_printf (_("Remove the link to %s"), authorities[i].uri);
      const char *scheme = tessera_inspector_section_scheme_label (authorities[i].scheme);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), scheme);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), authorities[i].uri);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Remove Authority Link"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data_full (G_OBJECT (button), "tessera-uri", g_strdup (authorities[i].uri),
                              g_free);
      /* Rows made here, not in the template: their handler cannot be declared there. */
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_authority_remove_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      g_object_set_data (G_OBJECT (row), "tessera-authority", GINT_TO_POINTER (TRUE));
      /* After the entity's own row, before the entry that adds one. */
      gtk_list_box_insert (self->linked_list, row, (int) i + 1);
    }
}

static void
sync_entity (TesseraEntitySection *self,
             gboolean              fresh)
{
  gtk_widget_set_visible (GTK_WIDGET (self->linked_group), self->entity != NULL);

  if (self->entity != NULL)
    {
      const char *description = tessera_entity_get_description (self->entity);
      guint mentions = tessera_entity_get_mention_count (self->entity);
      g_autofree char *subtitle = NULL;

      if (description != NULL && *description != '\0')
        subtitle = g_strdup (description);
      else
        subtitle = g_strdup_printf (ngettext ("%u mention in the project",
                                              "%u mentions in the project", mentions), mentions);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->linked_row),
                                     tessera_entity_get_name (self->entity));
      adw_action_row_set_subtitle (self->linked_row, subtitle);
    }
  sync_authorities (self);
  if (fresh)
    tessera_inspector_section_set_entry_text (self->authority_row, NULL);
}

static void
sync_chooser (TesseraEntitySection *self)
{
  adw_preferences_group_set_title (self->chooser_group,
                                   self->entity != NULL ? _("Link to Another Entity")
                                                        : _("Link to an Entity"));
  tessera_entity_chooser_set_filter (self->entity_chooser, self->store,
                                     tessera_annotation_get_type_id (self->annotation),
                                     self->entity != NULL ? tessera_entity_get_id (self->entity)
                                                          : 0);
}

static void
tessera_entity_section_set_annotation (TesseraInspectorSection *section,
                                       TesseraStore            *store,
                                       TesseraAnnotation       *annotation)
{
  TesseraEntitySection *self = TESSERA_ENTITY_SECTION (section);
  gboolean mention =
    tessera_kind_links_entity (tessera_inspector_section_get_kind (store, annotation));
  gint64 shown_id = self->annotation != NULL ? tessera_annotation_get_id (self->annotation) : 0;
  gboolean fresh;
  gboolean writable;

  if (annotation == NULL || !mention)
    {
      g_clear_object (&self->annotation);
      g_clear_object (&self->entity);
      gtk_toggle_button_set_active (self->new_entity_button, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      /* Another project's entities are not kept. */
      if (g_set_object (&self->store, store))
        tessera_entity_chooser_set_filter (self->entity_chooser, store, 0, 0);
      return;
    }

  fresh = store != self->store || tessera_annotation_get_id (annotation) != shown_id;
  g_set_object (&self->store, store);
  g_set_object (&self->annotation, annotation);
  g_clear_object (&self->entity);
  if (tessera_annotation_get_entity_id (annotation) != 0)
    self->entity = tessera_store_dup_entity (store, tessera_annotation_get_entity_id (annotation),
                                             NULL);

  self->syncing++;
  if (fresh)
    tessera_entity_chooser_clear_search (self->entity_chooser);
  sync_entity (self, fresh);
  if (fresh)
    gtk_toggle_button_set_active (self->new_entity_button, FALSE);
  sync_chooser (self);

  writable = !tessera_store_is_read_only (store);
  gtk_widget_set_sensitive (GTK_WIDGET (self->linked_group), writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->chooser_group), writable);
  self->syncing--;

  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

static void
tessera_entity_section_tagset_changed (TesseraInspectorSection *section)
{
  tessera_entity_chooser_invalidate (TESSERA_ENTITY_SECTION (section)->entity_chooser);
}

static void
section_iface_init (TesseraInspectorSectionInterface *iface)
{
  iface->set_annotation = tessera_entity_section_set_annotation;
  iface->tagset_changed = tessera_entity_section_tagset_changed;
}

/* Linking -------------------------------------------------------------------------------- */

static void
link_entity (TesseraEntitySection *self,
             gint64                entity_id)
{
  g_autoptr(GError) error = NULL;

  if (self->annotation == NULL)
    return;
  if (!tessera_store_link_annotation (self->store, tessera_annotation_get_id (self->annotation),
                                      entity_id, &error))
    show_error (self, error);
}

static void
on_entity_chosen (TesseraEntitySection *self,
                  gint64                entity_id)
{
  if (entity_id != 0)
    link_entity (self, entity_id);
}

static void
on_unlink_clicked (TesseraEntitySection *self)
{
  link_entity (self, 0);
}

static void
on_uri_changed (TesseraEntitySection *self,
                GtkEditable          *editable)
{
  GtkLabel *label = editable == GTK_EDITABLE (self->authority_row)
                    ? self->authority_scheme_label : self->new_uri_scheme_label;
  g_autofree char *uri = tessera_inspector_section_dup_text (editable);

  gtk_label_set_text (label, *uri != '\0'
                             ? tessera_inspector_section_scheme_label (
                                 tessera_authority_guess_scheme (uri))
                             : "");
}

static void
on_authority_apply (TesseraEntitySection *self,
                    AdwEntryRow          *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = tessera_inspector_section_dup_text (GTK_EDITABLE (row));

  if (*uri == '\0' || self->entity == NULL)
    return;
  if (!tessera_store_add_entity_authority (self->store, tessera_entity_get_id (self->entity),
                                           tessera_authority_guess_scheme (uri), uri, &error))
    {
      show_error (self, error);
      return;
    }
  tessera_inspector_section_set_entry_text (row, NULL);
}

/* A new entity --------------------------------------------------------------------------- */

/* The first words of @annotation's text that another annotation marks as a role (a title,
 * "général" of "général Assimi Goïta"): where the name of its entity starts. */
static guint
leading_role_end (TesseraEntitySection *self,
                  TesseraAnnotation    *annotation)
{
  TesseraTextView *text_view =
    tessera_inspector_section_get_text_view (TESSERA_INSPECTOR_SECTION (self));
  g_autoptr(GPtrArray) covering = NULL;
  guint start = tessera_annotation_get_start (annotation);
  guint end = tessera_annotation_get_end (annotation);
  guint role_end = start;

  if (text_view == NULL)
    return start;
  covering = tessera_text_view_dup_annotations_at (text_view, start);
  for (guint i = 0; i < covering->len; i++)
    {
      TesseraAnnotation *other = g_ptr_array_index (covering, i);
      g_autoptr(TesseraAnnotationType) type =
        tessera_store_dup_annotation_type (self->store, tessera_annotation_get_type_id (other));

      if (other != annotation && type != NULL &&
          g_strcmp0 (tessera_annotation_type_get_tei_element (type), "roleName") == 0 &&
          tessera_annotation_get_start (other) == start && tessera_annotation_get_end (other) < end)
        role_end = MAX (role_end, tessera_annotation_get_end (other));
    }
  return role_end;
}

/* The name a new entity for the mention starts with: its words, without a leading role. */
static char *
dup_new_entity_name (TesseraEntitySection *self,
                     TesseraAnnotation    *annotation)
{
  g_autofree char *covered =
    tessera_inspector_section_dup_covered_text (TESSERA_INSPECTOR_SECTION (self), annotation, " ");
  guint skip = leading_role_end (self, annotation) - tessera_annotation_get_start (annotation);
  const char *name = g_utf8_offset_to_pointer (covered, MIN (skip, g_utf8_strlen (covered, -1)));

  /* The role is only stripped when words follow it. */
  while (g_unichar_isspace (g_utf8_get_char (name)))
    name = g_utf8_next_char (name);
  if (*name == '\0')
    name = covered;
  return tessera_inspector_section_shorten (name, 200);
}

static void
on_new_entity_toggled (TesseraEntitySection *self,
                       GtkToggleButton      *button)
{
  g_autofree char *name = NULL;

  if (!gtk_toggle_button_get_active (button) || self->annotation == NULL)
    return;

  /* The canonical name starts as the mention's words, selected: typing replaces them. */
  name = dup_new_entity_name (self, self->annotation);
  gtk_editable_set_text (GTK_EDITABLE (self->new_name_row), name);
  gtk_editable_set_text (GTK_EDITABLE (self->new_uri_row), "");
  if (!self->syncing)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->new_name_row));
      gtk_editable_select_region (GTK_EDITABLE (self->new_name_row), 0, -1);
    }
}

static void
on_cancel_entity (TesseraEntitySection *self)
{
  gtk_toggle_button_set_active (self->new_entity_button, FALSE);
}

/* One change: undo takes back the entity, its authority link and the link at once. */
static gboolean
create_and_link_entity (TesseraEntitySection *self,
                        const char           *name,
                        const char           *uri)
{
  g_autoptr(GError) error = NULL;
  TesseraInspectorSection *section = TESSERA_INSPECTOR_SECTION (self);

  if (self->annotation == NULL)
    return FALSE;
  if (*name == '\0')
    {
      tessera_inspector_section_show_error (section, _("The new entity needs a name"));
      return FALSE;
    }
  if (*uri != '\0' && !is_web_address (uri))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a web address (http:// or https://)"), uri);

      tessera_inspector_section_show_error (section, message);
      return FALSE;
    }

  if (tessera_store_add_entity_for_mention (self->store,
                                            tessera_annotation_get_id (self->annotation), name,
                                            *uri != '\0' ? uri : NULL, &error) == 0)
    {
      show_error (self, error);
      return FALSE;
    }
  return TRUE;
}

static void
on_create_entity (TesseraEntitySection *self)
{
  g_autofree char *name = tessera_inspector_section_dup_text (GTK_EDITABLE (self->new_name_row));
  g_autofree char *uri = tessera_inspector_section_dup_text (GTK_EDITABLE (self->new_uri_row));

  if (create_and_link_entity (self, name, uri))
    gtk_toggle_button_set_active (self->new_entity_button, FALSE);
  else if (*name == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->new_name_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->new_uri_row));
}

/**
 * tessera_entity_section_focus_chooser:
 *
 * Puts the keyboard in the search of the entities to link the mention to.
 */
void
tessera_entity_section_focus_chooser (TesseraEntitySection *self)
{
  g_return_if_fail (TESSERA_IS_ENTITY_SECTION (self));

  if (self->annotation != NULL)
    gtk_widget_child_focus (GTK_WIDGET (self->entity_chooser), GTK_DIR_TAB_FORWARD);
}

/**
 * tessera_entity_section_create_entity:
 *
 * Creates an entity for the mention shown and links it: with the form's values when it is
 * open, otherwise with the mention's words, in one go.
 */
void
tessera_entity_section_create_entity (TesseraEntitySection *self)
{
  g_autofree char *name = NULL;

  g_return_if_fail (TESSERA_IS_ENTITY_SECTION (self));

  if (gtk_toggle_button_get_active (self->new_entity_button))
    {
      on_create_entity (self);
      return;
    }
  if (self->annotation == NULL)
    return;
  name = dup_new_entity_name (self, self->annotation);
  create_and_link_entity (self, name, "");
}

/* Returns: %TRUE if the new entity form was open */
gboolean
tessera_entity_section_close_new_entity (TesseraEntitySection *self)
{
  g_return_val_if_fail (TESSERA_IS_ENTITY_SECTION (self), FALSE);

  if (!gtk_toggle_button_get_active (self->new_entity_button))
    return FALSE;
  gtk_toggle_button_set_active (self->new_entity_button, FALSE);
  return TRUE;
}

/* GObject -------------------------------------------------------------------------------- */

static void
tessera_entity_section_dispose (GObject *object)
{
  TesseraEntitySection *self = TESSERA_ENTITY_SECTION (object);

  tessera_inspector_section_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_ENTITY_SECTION);
  g_clear_object (&self->annotation);
  g_clear_object (&self->entity);
  g_clear_object (&self->store);
  g_clear_pointer (&self->authority_key, g_free);

  G_OBJECT_CLASS (tessera_entity_section_parent_class)->dispose (object);
}

static void
tessera_entity_section_class_init (TesseraEntitySectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_entity_section_dispose;

  g_type_ensure (TESSERA_TYPE_ENTITY_CHOOSER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/tessera/Tessera/tessera-entity-section.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraEntitySection, linked_group);
  gtk_widget_class_bind_template_child (widget_class, TesseraEntitySection, linked_list);
  gtk_widget_class_bind_template_child (widget_class, TesseraEntitySection, linked_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraEntitySection, authority_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraEntitySection,
                                        authority_scheme_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraEntitySection, chooser_group);
  gtk_widget_class_bind_template_child (widget_class, TesseraEntitySection, new_entity_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraEntitySection, new_name_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraEntitySection, new_uri_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraEntitySection, new_uri_scheme_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraEntitySection, entity_chooser);
  gtk_widget_class_bind_template_callback (widget_class, on_unlink_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_authority_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_uri_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_new_entity_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_create_entity);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_entity);
  gtk_widget_class_bind_template_callback (widget_class, on_entity_chosen);
}

static void
tessera_entity_section_init (TesseraEntitySection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
