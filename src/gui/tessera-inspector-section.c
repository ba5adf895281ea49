/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-inspector-section.h"
#include "tessera-inspector.h"

/*
 * A part of the inspector, as gnome-calendar's event editor sections: the inspector hands
 * every section the annotation it shows, and each section fills its own controls and turns
 * each edit into one store call. Filling controls from the store never writes back.
 */

G_DEFINE_INTERFACE (TesseraInspectorSection, tessera_inspector_section, GTK_TYPE_WIDGET)

static void
tessera_inspector_section_default_init (TesseraInspectorSectionInterface *iface)
{
}

/**
 * tessera_inspector_section_set_annotation:
 * @store: (nullable): the open project
 * @annotation: (nullable): the annotation to show, as just read from @store
 *
 * Shows @annotation. It is called again, with a fresh copy, whenever the store changes
 * what the section shows.
 */
void
tessera_inspector_section_set_annotation (TesseraInspectorSection *self,
                                          TesseraStore            *store,
                                          TesseraAnnotation       *annotation)
{
  g_return_if_fail (TESSERA_IS_INSPECTOR_SECTION (self));
  g_return_if_fail (store == NULL || TESSERA_IS_STORE (store));
  g_return_if_fail (annotation == NULL || TESSERA_IS_ANNOTATION (annotation));

  TESSERA_INSPECTOR_SECTION_GET_IFACE (self)->set_annotation (self, store, annotation);
}

/* The tagset changed: types, their labels and what a mention can name may differ. */
void
tessera_inspector_section_tagset_changed (TesseraInspectorSection *self)
{
  TesseraInspectorSectionInterface *iface;

  g_return_if_fail (TESSERA_IS_INSPECTOR_SECTION (self));

  iface = TESSERA_INSPECTOR_SECTION_GET_IFACE (self);
  if (iface->tagset_changed != NULL)
    iface->tagset_changed (self);
}

/* The inspector's text view, found through the inspector the section sits in. */
TesseraTextView *
tessera_inspector_section_get_text_view (TesseraInspectorSection *self)
{
  GtkWidget *inspector = gtk_widget_get_ancestor (GTK_WIDGET (self), TESSERA_TYPE_INSPECTOR);

  return inspector != NULL ? tessera_inspector_get_text_view (TESSERA_INSPECTOR (inspector))
                           : NULL;
}

/* Clears the template of a widget made of several groups: the children not bound to a
 * field go too. */
void
tessera_inspector_section_dispose_template (GtkWidget *widget,
                                            GType      type)
{
  GtkWidget *child;

  gtk_widget_dispose_template (widget, type);
  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

/* Shows again what the store holds, after an edit it refused. */
void
tessera_inspector_section_reload (TesseraInspectorSection *self)
{
  GtkWidget *inspector = gtk_widget_get_ancestor (GTK_WIDGET (self), TESSERA_TYPE_INSPECTOR);

  if (inspector != NULL)
    tessera_inspector_reload (TESSERA_INSPECTOR (inspector));
}

void
tessera_inspector_section_show_error (TesseraInspectorSection *self,
                                      const char              *message)
{
  /* The window shows it as a toast. */
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "s", message))
    g_debug ("No win.show-error action for: %s", message);
}

/* The kind of @annotation's type; a type the store does not know counts as a mention's. */
TesseraKind
tessera_inspector_section_get_kind (TesseraStore      *store,
                                    TesseraAnnotation *annotation)
{
  g_autoptr(TesseraAnnotationType) type = NULL;

  if (store == NULL || annotation == NULL)
    return TESSERA_KIND_ENTITY;
  type = tessera_store_dup_annotation_type (store, tessera_annotation_get_type_id (annotation));
  return type != NULL ? tessera_annotation_type_get_kind (type) : TESSERA_KIND_ENTITY;
}

/* The text an annotation covers, if it is in the document the text view shows. */
char *
tessera_inspector_section_dup_covered_text (TesseraInspectorSection *self,
                                            TesseraAnnotation       *annotation,
                                            const char              *separator)
{
  TesseraTextView *text_view = tessera_inspector_section_get_text_view (self);
  const TesseraRange *ranges;
  guint n;

  if (text_view == NULL ||
      tessera_text_view_get_document_id (text_view) !=
      tessera_annotation_get_document_id (annotation) ||
      tessera_text_view_get_text (text_view) == NULL)
    return g_strdup ("");
  ranges = tessera_annotation_get_ranges (annotation, &n);
  return tessera_text_view_dup_covered_text (text_view, ranges, n, separator);
}

/* One line, at most @max_length characters. */
char *
tessera_inspector_section_shorten (const char *text,
                                   guint       max_length)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\r", -1);
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (line->len > 0)
        g_string_append_c (line, ' ');
      g_string_append (line, words[i]);
    }

  if (g_utf8_strlen (line->str, -1) > max_length)
    {
      g_autofree char *head = g_utf8_substring (line->str, 0, max_length - 1);
      return g_strconcat (head, "…", NULL);
    }
  return g_string_free (g_steal_pointer (&line), FALSE);
}

/* What the user typed, without surrounding blanks. */
char *
tessera_inspector_section_dup_text (GtkEditable *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (editable)));
}

/* Sets an entry row's text without revealing its apply button. */
void
tessera_inspector_section_set_entry_text (AdwEntryRow *row,
                                          const char  *text)
{
  gboolean apply = adw_entry_row_get_show_apply_button (row);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  if (apply)
    {
      adw_entry_row_set_show_apply_button (row, FALSE);
      adw_entry_row_set_show_apply_button (row, TRUE);
    }
}

/* Fills an entry from the store unless the user is typing in it. */
void
tessera_inspector_section_sync_entry (AdwEntryRow *row,
                                      const char  *text,
                                      gboolean     fresh)
{
  if (!fresh && gtk_widget_has_focus (GTK_WIDGET (row)))
    return;
  if (!fresh && (gtk_widget_get_state_flags (GTK_WIDGET (row)) & GTK_STATE_FLAG_FOCUS_WITHIN))
    return;
  tessera_inspector_section_set_entry_text (row, text);
}

const char *
tessera_inspector_section_scheme_label (const char *scheme)
{
  if (g_strcmp0 (scheme, "wikidata") == 0)
    return "Wikidata";
  if (g_strcmp0 (scheme, "geonames") == 0)
    return "GeoNames";
  if (g_strcmp0 (scheme, "viaf") == 0)
    return "VIAF";
  if (g_strcmp0 (scheme, "idref") == 0)
    return "IdRef";
  return _("Web address");
}

/* In a combo row's popover, the selected item carries a check mark. */
static void
update_check (GtkListItem *item)
{
  AdwComboRow *row = g_object_get_data (G_OBJECT (item), "tessera-row");
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));

  gtk_widget_set_opacity (check,
                          adw_combo_row_get_selected (row) == gtk_list_item_get_position (item));
}

/* The check mark for the end of an item's box, for @row's popover. */
GtkWidget *
tessera_inspector_section_check_new (GtkListItem *item,
                                     AdwComboRow *row)
{
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_accessible_update_state (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  g_object_set_data (G_OBJECT (item), "tessera-row", row);
  return check;
}

void
tessera_inspector_section_bind_check (GtkListItem *item,
                                      AdwComboRow *row)
{
  g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (update_check), item);
  update_check (item);
}

void
tessera_inspector_section_unbind_check (GtkSignalListItemFactory *factory,
                                        GtkListItem              *item,
                                        AdwComboRow              *row)
{
  g_signal_handlers_disconnect_by_func (row, update_check, item);
}
