/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-details-section.h"

/* What every annotation has: certainty, status, a note, and a mention's normalised value. */

struct _TesseraDetailsSection
{
  GtkWidget              parent_instance;

  /* Template widgets */
  AdwPreferencesGroup   *details_group;
  AdwComboRow           *certainty_row;
  AdwComboRow           *status_row;
  AdwEntryRow           *note_row;
  AdwEntryRow           *normalized_row;

  TesseraStore          *store;
  TesseraAnnotation     *annotation;
  guint                  syncing;
};

static void section_iface_init (TesseraInspectorSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TesseraDetailsSection, tessera_details_section, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (TESSERA_TYPE_INSPECTOR_SECTION,
                                                      section_iface_init))

static void
tessera_details_section_set_annotation (TesseraInspectorSection *section,
                                        TesseraStore            *store,
                                        TesseraAnnotation       *annotation)
{
  TesseraDetailsSection *self = TESSERA_DETAILS_SECTION (section);
  gint64 shown_id = self->annotation != NULL ? tessera_annotation_get_id (self->annotation) : 0;
  gboolean fresh;

  fresh = store != self->store || annotation == NULL ||
          tessera_annotation_get_id (annotation) != shown_id;
  g_set_object (&self->store, store);
  g_set_object (&self->annotation, annotation);
  if (annotation == NULL)
    return;

  self->syncing++;
  adw_combo_row_set_selected (self->certainty_row,
                              (guint) tessera_annotation_get_certainty (annotation));
  adw_combo_row_set_selected (self->status_row, (guint) tessera_annotation_get_status (annotation));
  tessera_inspector_section_sync_entry (self->note_row, tessera_annotation_get_note (annotation),
                                        fresh);
  tessera_inspector_section_sync_entry (self->normalized_row,
                                        tessera_annotation_get_normalized (annotation), fresh);
  gtk_widget_set_visible (GTK_WIDGET (self->normalized_row),
                          tessera_kind_links_entity (
                            tessera_inspector_section_get_kind (store, annotation)));
  gtk_widget_set_sensitive (GTK_WIDGET (self->details_group), !tessera_store_is_read_only (store));
  self->syncing--;
}

static void
section_iface_init (TesseraInspectorSectionInterface *iface)
{
  iface->set_annotation = tessera_details_section_set_annotation;
}

/* Edits ---------------------------------------------------------------------------------- */

static gint64
annotation_id (TesseraDetailsSection *self)
{
  return tessera_annotation_get_id (self->annotation);
}

/* After one store call; on failure the controls go back to what the store holds. */
static void
committed (TesseraDetailsSection *self,
           gboolean               done,
           const GError          *error,
           gboolean               reload)
{
  if (done)
    return;
  tessera_inspector_section_show_error (TESSERA_INSPECTOR_SECTION (self), error->message);
  if (reload)
    tessera_inspector_section_reload (TESSERA_INSPECTOR_SECTION (self));
}

/* Certainty and status: the row's position is the value. */
static void
on_level_selected (TesseraDetailsSection *self,
                   GParamSpec            *pspec,
                   AdwComboRow           *row)
{
  g_autoptr(GError) error = NULL;
  gboolean certainty = row == self->certainty_row;
  guint position = adw_combo_row_get_selected (row);
  guint shown;
  gboolean done;

  if (self->syncing || self->annotation == NULL)
    return;
  shown = certainty ? (guint) tessera_annotation_get_certainty (self->annotation)
                    : (guint) tessera_annotation_get_status (self->annotation);
  if (position == shown || position == GTK_INVALID_LIST_POSITION)
    return;
  if (certainty)
    done = tessera_store_set_annotation_certainty (self->store, annotation_id (self),
                                                   (TesseraCertainty) position, &error);
  else
    done = tessera_store_set_annotation_status (self->store, annotation_id (self),
                                                (TesseraStatus) position, &error);
  committed (self, done, error, TRUE);
}

static void
on_note_apply (TesseraDetailsSection *self,
               AdwEntryRow           *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = tessera_inspector_section_dup_text (GTK_EDITABLE (row));
  const char *value = *note != '\0' ? note : NULL;

  if (self->annotation == NULL ||
      g_strcmp0 (value, tessera_annotation_get_note (self->annotation)) == 0)
    return;
  committed (self, tessera_store_set_annotation_note (self->store, annotation_id (self), value,
                                                     &error),
             error, FALSE);
}

static void
on_normalized_apply (TesseraDetailsSection *self,
                     AdwEntryRow           *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = tessera_inspector_section_dup_text (GTK_EDITABLE (row));
  const char *value = *normalized != '\0' ? normalized : NULL;

  if (self->annotation == NULL ||
      g_strcmp0 (value, tessera_annotation_get_normalized (self->annotation)) == 0)
    return;
  committed (self, tessera_store_set_annotation_normalized (self->store, annotation_id (self),
                                                           value, &error),
             error, FALSE);
}

/* GObject -------------------------------------------------------------------------------- */

static void
tessera_details_section_dispose (GObject *object)
{
  TesseraDetailsSection *self = TESSERA_DETAILS_SECTION (object);

  tessera_inspector_section_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_DETAILS_SECTION);
  g_clear_object (&self->annotation);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tessera_details_section_parent_class)->dispose (object);
}

static void
tessera_details_section_class_init (TesseraDetailsSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_details_section_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/tessera/Tessera/tessera-details-section.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraDetailsSection, details_group);
  gtk_widget_class_bind_template_child (widget_class, TesseraDetailsSection, certainty_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraDetailsSection, status_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraDetailsSection, note_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraDetailsSection, normalized_row);
  gtk_widget_class_bind_template_callback (widget_class, on_level_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_note_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_normalized_apply);
}

/* Item i of a level's drop-down is the term i of its vocabulary, the enumeration's value. */
static void
set_level_terms (AdwComboRow       *row,
                 TesseraVocabulary  vocabulary)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; i < tessera_vocabulary_get_n_terms (vocabulary); i++)
    gtk_string_list_append (list, tessera_vocabulary_get_label (vocabulary, i));
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
}

static void
tessera_details_section_init (TesseraDetailsSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  set_level_terms (self->certainty_row, TESSERA_VOCABULARY_CERTAINTY);
  set_level_terms (self->status_row, TESSERA_VOCABULARY_STATUS);
}
