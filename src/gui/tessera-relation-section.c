/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-relation-section.h"

/*
 * The relations of the annotation shown, from it and to it: the type, the other end's words
 * (activating the row selects that end), a button to remove each (win.remove-relation) and
 * one to make another (win.relate). The list is read again when the store says a relation
 * of the document changed, so that undo brings a removed row back. The other end may be in
 * another article (a claim it repeats): the row names that article, and activating it
 * opens the article there (win.open-annotation).
 */

#define MAX_TEXT_LENGTH 60

struct _TesseraRelationSection
{
  GtkWidget             parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *relations_group;
  GtkWidget            *add_button;

  TesseraStore         *store;
  TesseraAnnotation    *annotation;
  GPtrArray            *rows;          /* AdwActionRow, shown in the group */
  GSignalGroup         *store_signals;
};

static void section_iface_init (TesseraInspectorSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TesseraRelationSection, tessera_relation_section, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (TESSERA_TYPE_INSPECTOR_SECTION,
                                                      section_iface_init))

static void
on_row_activated (AdwActionRow           *row,
                  TesseraRelationSection *self)
{
  TesseraTextView *text_view =
    tessera_inspector_section_get_text_view (TESSERA_INSPECTOR_SECTION (self));
  gint64 other_id = *(gint64 *) g_object_get_data (G_OBJECT (row), "tessera-other");

  if (g_object_get_data (G_OBJECT (row), "tessera-other-document") != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-annotation", "x", other_id);
  else if (text_view != NULL)
    {
      tessera_text_view_select (text_view, other_id, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (text_view));
    }
}

/* The words of the other end, if the article shows it. */
static char *
dup_other_text (TesseraRelationSection *self,
                gint64                  other_id)
{
  TesseraTextView *text_view =
    tessera_inspector_section_get_text_view (TESSERA_INSPECTOR_SECTION (self));
  TesseraAnnotationList *list = text_view != NULL ? tessera_text_view_get_annotations (text_view)
                                                  : NULL;
  TesseraAnnotation *other = list != NULL ? tessera_annotation_list_lookup (list, other_id)
                                          : NULL;
  g_autofree char *covered = NULL;

  if (other == NULL)
    return g_strdup ("");
  covered = tessera_inspector_section_dup_covered_text (TESSERA_INSPECTOR_SECTION (self), other,
                                                        " … ");
  return tessera_inspector_section_shorten (covered, MAX_TEXT_LENGTH);
}

/* The words of the other end in another document, from the store. */
static char *
dup_text_elsewhere (TesseraRelationSection *self,
                    gint64                  other_id)
{
  g_autofree char *excerpt = tessera_store_dup_annotation_excerpt (self->store, other_id,
                                                                   MAX_TEXT_LENGTH, NULL);

  return tessera_inspector_section_shorten (excerpt != NULL ? excerpt : "", MAX_TEXT_LENGTH);
}

static GtkWidget *
relation_row_new (TesseraRelationSection *self,
                  TesseraRelation        *relation,
                  gboolean                outgoing)
{
  g_autoptr(TesseraRelationType) type = tessera_store_lookup_relation_type (self->store,
                                                                            relation->type);
  const char *label = type != NULL ? tessera_relation_type_get_label (type) : relation->type;
  gint64 other_id = outgoing ? relation->target_id : relation->source_id;
  gint64 other_document = outgoing ? relation->target_document_id
                                   : relation->source_document_id;
  gboolean elsewhere = other_document != tessera_annotation_get_document_id (self->annotation);
  g_autofree char *other = elsewhere ? dup_text_elsewhere (self, other_id)
                                     : dup_other_text (self, other_id);
  g_autofree char *subtitle = NULL;
  g_autofree char *remove_label = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (outgoing ? "go-next-symbolic"
                                                           : "go-previous-symbolic");
  GtkWidget *remove = gtk_button_new_from_icon_name ("edit-delete-symbolic");

  /* Translators: the annotation a relation goes to, or comes from. */
  if (elsewhere)
    {
      g_autoptr(TesseraDocument) document = tessera_store_dup_document (self->store,
                                                                        other_document, NULL);
      g_autofree char *title =
        tessera_inspector_section_shorten (document != NULL ? tessera_document_get_title (document)
                                                            : "", MAX_TEXT_LENGTH / 2);

      /* Translators: the annotation a relation goes to, or comes from, then the title of
       * its article */
      subtitle = g_strdup_printf (outgoing ? _("To “%s” in “%s”") : _("From “%s” in “%s”"),
                                  other, title);
    }
  else
    subtitle = g_strdup_printf (outgoing ? _("To “%s”") : _("From “%s”"), other);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, elsewhere ? _("Open the other end in its article")
                                              : _("Select the other end"));
  g_object_set_data_full (G_OBJECT (row), "tessera-other",
                          g_memdup2 (&other_id, sizeof other_id), g_free);
  g_object_set_data (G_OBJECT (row), "tessera-other-document", GINT_TO_POINTER (elsewhere));
  g_signal_connect_object (row, "activated", G_CALLBACK (on_row_activated), self, 0);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Relation"));
  remove_label = g_strdup_printf (_("Remove the relation “%s” %s"), label, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "win.remove-relation");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove),
                                          g_variant_new_int64 (relation->id));
  gtk_widget_set_sensitive (remove, !tessera_store_is_read_only (self->store));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
clear_rows (TesseraRelationSection *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->relations_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

/* The relations of the annotation, read again: outgoing first, then incoming. */
static void
refill (TesseraRelationSection *self)
{
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  clear_rows (self);
  if (self->store == NULL || self->annotation == NULL)
    return;

  id = tessera_annotation_get_id (self->annotation);
  /* The annotation's own, not the document's: those are found through every annotation
   * of the document, 5 ms for a novel, at each selection. */
  relations = tessera_store_dup_annotation_relations (self->store, id, &error);
  if (relations == NULL)
    {
      tessera_inspector_section_show_error (TESSERA_INSPECTOR_SECTION (self), error->message);
      return;
    }
  for (guint outgoing = 2; outgoing-- > 0;)
    {
      for (guint i = 0; i < relations->len; i++)
        {
          TesseraRelation *relation = g_ptr_array_index (relations, i);
          GtkWidget *row;

          if ((outgoing ? relation->source_id : relation->target_id) != id)
            continue;
          row = relation_row_new (self, relation, outgoing);
          adw_preferences_group_add (self->relations_group, row);
          g_ptr_array_add (self->rows, row);
        }
    }
  adw_preferences_group_set_description (self->relations_group,
                                         self->rows->len == 0 ? _("None yet") : NULL);
}

static void
on_relation_changed (TesseraRelationSection *self,
                     gint64                  document_id,
                     gint64                  relation_id,
                     int                     change)
{
  if (self->annotation != NULL &&
      tessera_annotation_get_document_id (self->annotation) == document_id)
    refill (self);
}

static void
tessera_relation_section_set_annotation (TesseraInspectorSection *section,
                                         TesseraStore            *store,
                                         TesseraAnnotation       *annotation)
{
  TesseraRelationSection *self = TESSERA_RELATION_SECTION (section);
  gint64 shown_id = self->annotation != NULL ? tessera_annotation_get_id (self->annotation) : 0;
  gboolean fresh = store != self->store || annotation == NULL ||
                   tessera_annotation_get_id (annotation) != shown_id;

  g_set_object (&self->store, store);
  g_set_object (&self->annotation, annotation);
  g_signal_group_set_target (self->store_signals, store);
  /* The relations change only with a relation-changed signal: an edit of the annotation
   * itself leaves the list as it is. */
  if (fresh)
    refill (self);
}

static void
tessera_relation_section_tagset_changed (TesseraInspectorSection *section)
{
  refill (TESSERA_RELATION_SECTION (section));
}

static void
section_iface_init (TesseraInspectorSectionInterface *iface)
{
  iface->set_annotation = tessera_relation_section_set_annotation;
  iface->tagset_changed = tessera_relation_section_tagset_changed;
}

/* GObject -------------------------------------------------------------------------------- */

static void
tessera_relation_section_dispose (GObject *object)
{
  TesseraRelationSection *self = TESSERA_RELATION_SECTION (object);

  g_clear_object (&self->store_signals);
  if (self->rows != NULL && self->relations_group != NULL)
    clear_rows (self);
  tessera_inspector_section_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_RELATION_SECTION);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->annotation);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tessera_relation_section_parent_class)->dispose (object);
}

static void
tessera_relation_section_class_init (TesseraRelationSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_relation_section_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/tessera/Tessera/tessera-relation-section.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraRelationSection, relations_group);
  gtk_widget_class_bind_template_child (widget_class, TesseraRelationSection, add_button);
}

static void
tessera_relation_section_init (TesseraRelationSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->store_signals = g_signal_group_new (TESSERA_TYPE_STORE);
  g_signal_group_connect_swapped (self->store_signals, "relation-changed",
                                  G_CALLBACK (on_relation_changed), self);
}
