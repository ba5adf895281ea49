/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-annotation-section.h"
#include "tessera-claim-section.h"
#include "tessera-details-section.h"
#include "tessera-entity-section.h"
#include "tessera-relation-section.h"
#include "tessera-inspector.h"

/*
 * The pane that edits the annotation selected in the text view: a shell around its
 * sections (TesseraInspectorSection), as gnome-calendar's event editor. The store is the one
 * place state lives: the inspector reads the annotation when the selection or the store
 * changes and hands it to every section; each edit in a section is one store call.
 */

struct _TesseraInspector
{
  GtkWidget                 parent_instance;

  /* Template widgets */
  GtkStack                 *stack;
  GtkWidget                *sections;
  TesseraAnnotationSection *annotation_section;
  TesseraEntitySection     *entity_section;
  TesseraClaimSection      *claim_section;

  /* What is shown, as last read from the store */
  TesseraStore             *store;
  TesseraTextView          *text_view;
  gint64                    annotation_id;
  TesseraAnnotation        *annotation;

  /* Signals of other widgets and of the store: they cannot be declared in the template. */
  GSignalGroup             *store_signals;
  GSignalGroup             *view_signals;
};

G_DEFINE_FINAL_TYPE (TesseraInspector, tessera_inspector, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PICKING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_pick (TesseraInspector  *self,
          TesseraPickTarget  pick)
{
  tessera_claim_section_set_pick (self->claim_section, pick);
}

static void
set_sections_annotation (TesseraInspector *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->sections); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (TESSERA_IS_INSPECTOR_SECTION (child))
        tessera_inspector_section_set_annotation (TESSERA_INSPECTOR_SECTION (child), self->store,
                                                  self->annotation);
    }
}

/**
 * tessera_inspector_reload:
 *
 * Reads the selected annotation again and shows it.
 */
void
tessera_inspector_reload (TesseraInspector *self)
{
  g_autofree char *description = NULL;
  gboolean mention;

  g_return_if_fail (TESSERA_IS_INSPECTOR (self));

  self->annotation_id = 0;
  if (self->text_view != NULL && self->store != NULL)
    self->annotation_id = tessera_text_view_get_selected (self->text_view);
  g_clear_object (&self->annotation);
  if (self->annotation_id != 0)
    self->annotation = tessera_store_dup_annotation (self->store, self->annotation_id, NULL);

  set_sections_annotation (self);

  if (self->annotation == NULL)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.new-entity", FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _("No annotation selected"), -1);
      return;
    }

  mention = tessera_kind_links_entity (tessera_inspector_section_get_kind (self->store,
                                                                          self->annotation));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.new-entity",
                                 mention && !tessera_store_is_read_only (self->store));
  gtk_stack_set_visible_child_name (self->stack, "annotation");

  /* What a screen reader says of the inspector: the annotation it shows (GTK 4.8 sends the
   * change to AT-SPI; it has no way to announce it unasked). */
  description = tessera_text_view_describe (self->text_view, self->annotation);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
}

/* Actions and keys ----------------------------------------------------------------------- */

static void
move_boundary_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TesseraInspector *self = TESSERA_INSPECTOR (widget);

  /* Never an empty span, never past the text. */
  if (!tessera_annotation_section_move_boundary (self->annotation_section,
                                                 g_variant_get_string (parameter, NULL)))
    gtk_widget_error_bell (widget);
}

static void
new_entity_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  tessera_entity_section_create_entity (TESSERA_INSPECTOR (widget)->entity_section);
}

static void
choose_entity_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  tessera_entity_section_focus_chooser (TESSERA_INSPECTOR (widget)->entity_section);
}

static gboolean
escape_pressed (GtkWidget *widget,
                GVariant  *args,
                gpointer   data)
{
  TesseraInspector *self = TESSERA_INSPECTOR (widget);

  /* A step of the claim's attribution skipped: the source, then the cue. */
  if (tessera_claim_section_get_pick (self->claim_section) != TESSERA_PICK_NONE)
    {
      tessera_claim_section_pick_done (self->claim_section);
      return TRUE;
    }
  return tessera_entity_section_close_new_entity (self->entity_section);
}

static void
on_picking_changed (TesseraInspector *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PICKING]);
}

/* Store and text view -------------------------------------------------------------------- */

static void
on_annotation_picked (TesseraInspector *self,
                      gint64            annotation_id,
                      TesseraTextView  *text_view)
{
  tessera_claim_section_pick_annotation (self->claim_section, annotation_id);
}

static void
on_store_annotation_changed (TesseraInspector *self,
                             gint64            document_id,
                             gint64            annotation_id,
                             int               change,
                             TesseraStore     *store)
{
  if (self->annotation_id == 0)
    return;
  /* A claim shows the words of its source and cue too. */
  if (annotation_id == self->annotation_id ||
      tessera_claim_section_refers_to (self->claim_section, annotation_id, 0))
    tessera_inspector_reload (self);
}

static void
on_store_entity_changed (TesseraInspector *self,
                         gint64            entity_id,
                         int               change,
                         TesseraStore     *store)
{
  gint64 linked = self->annotation != NULL ? tessera_annotation_get_entity_id (self->annotation)
                                            : 0;

  if ((linked != 0 && linked == entity_id) ||
      tessera_claim_section_refers_to (self->claim_section, 0, entity_id))
    tessera_inspector_reload (self);
}

static void
on_store_tagset_changed (TesseraInspector *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->sections); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (TESSERA_IS_INSPECTOR_SECTION (child))
        tessera_inspector_section_tagset_changed (TESSERA_INSPECTOR_SECTION (child));
    }
  tessera_inspector_reload (self);
}

/* What the inspector shows comes from @store and @text_view; the other is kept. */
static void
set_sources (TesseraInspector *self,
             TesseraStore     *store,
             TesseraTextView  *text_view)
{
  if (self->store == store && self->text_view == text_view)
    return;

  set_pick (self, TESSERA_PICK_NONE);
  g_set_object (&self->store, store);
  g_set_object (&self->text_view, text_view);
  g_signal_group_set_target (self->store_signals, store);
  g_signal_group_set_target (self->view_signals, text_view);
  tessera_inspector_reload (self);
}

/**
 * tessera_inspector_set_text_view:
 * @text_view: (nullable): the view whose selected annotation is shown
 */
void
tessera_inspector_set_text_view (TesseraInspector *self,
                                 TesseraTextView  *text_view)
{
  g_return_if_fail (TESSERA_IS_INSPECTOR (self));
  g_return_if_fail (text_view == NULL || TESSERA_IS_TEXT_VIEW (text_view));

  set_sources (self, self->store, text_view);
}

/**
 * tessera_inspector_get_text_view:
 *
 * Returns: (transfer none) (nullable): the view whose selected annotation is shown
 */
TesseraTextView *
tessera_inspector_get_text_view (TesseraInspector *self)
{
  g_return_val_if_fail (TESSERA_IS_INSPECTOR (self), NULL);
  return self->text_view;
}

/**
 * tessera_inspector_set_store:
 * @store: (nullable): the open project
 */
void
tessera_inspector_set_store (TesseraInspector *self,
                             TesseraStore     *store)
{
  g_return_if_fail (TESSERA_IS_INSPECTOR (self));
  g_return_if_fail (store == NULL || TESSERA_IS_STORE (store));

  set_sources (self, store, self->text_view);
}

/**
 * tessera_inspector_get_annotation:
 *
 * Returns: the id of the annotation shown, or 0
 */
gint64
tessera_inspector_get_annotation (TesseraInspector *self)
{
  g_return_val_if_fail (TESSERA_IS_INSPECTOR (self), 0);
  return self->annotation != NULL ? self->annotation_id : 0;
}

/**
 * tessera_inspector_is_picking:
 *
 * Returns: %TRUE while a click in the text (or an entity activated in the sidebar) is
 *   awaited as a claim's source or cue
 */
gboolean
tessera_inspector_is_picking (TesseraInspector *self)
{
  g_return_val_if_fail (TESSERA_IS_INSPECTOR (self), FALSE);
  return tessera_claim_section_get_pick (self->claim_section) != TESSERA_PICK_NONE;
}

/**
 * tessera_inspector_pick_entity:
 * @entity_id: an entity the user chose elsewhere (the sidebar)
 *
 * While the source of a claim is picked, makes @entity_id its source. Does nothing
 * otherwise.
 */
void
tessera_inspector_pick_entity (TesseraInspector *self,
                               gint64            entity_id)
{
  g_return_if_fail (TESSERA_IS_INSPECTOR (self));
  tessera_claim_section_pick_entity (self->claim_section, entity_id);
}

/**
 * tessera_inspector_get_claim_section:
 *
 * Returns: (transfer none): the section of a claim's attribution, which holds what is being
 *   picked for it
 */
TesseraClaimSection *
tessera_inspector_get_claim_section (TesseraInspector *self)
{
  g_return_val_if_fail (TESSERA_IS_INSPECTOR (self), NULL);
  return self->claim_section;
}

void
tessera_inspector_cancel_pick (TesseraInspector *self)
{
  g_return_if_fail (TESSERA_IS_INSPECTOR (self));
  set_pick (self, TESSERA_PICK_NONE);
}

/**
 * tessera_inspector_pick_source:
 *
 * Waits for the source of the claim shown to be clicked in the text. Does nothing when
 * the annotation shown is not a claim.
 */
void
tessera_inspector_pick_source (TesseraInspector *self)
{
  g_return_if_fail (TESSERA_IS_INSPECTOR (self));
  set_pick (self, TESSERA_PICK_SOURCE);
}

/**
 * tessera_inspector_pick_cue:
 *
 * Waits for the cue of the claim shown to be clicked in the text.
 */
void
tessera_inspector_pick_cue (TesseraInspector *self)
{
  g_return_if_fail (TESSERA_IS_INSPECTOR (self));
  set_pick (self, TESSERA_PICK_CUE);
}

/* GObject -------------------------------------------------------------------------------- */

static void
tessera_inspector_dispose (GObject *object)
{
  TesseraInspector *self = (TesseraInspector *)object;

  if (self->claim_section != NULL)
    set_pick (self, TESSERA_PICK_NONE);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->view_signals);
  g_clear_object (&self->store);
  g_clear_object (&self->text_view);
  g_clear_object (&self->annotation);

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_INSPECTOR);

  G_OBJECT_CLASS (tessera_inspector_parent_class)->dispose (object);
}

static void
tessera_inspector_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TesseraInspector *self = TESSERA_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_PICKING:
      g_value_set_boolean (value, tessera_inspector_is_picking (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_inspector_class_init (TesseraInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_inspector_dispose;
  object_class->get_property = tessera_inspector_get_property;

  /**
   * TesseraInspector:picking:
   *
   * Whether a claim's source or cue is being picked in the text.
   */
  properties[PROP_PICKING] =
    g_param_spec_boolean ("picking", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TESSERA_TYPE_ANNOTATION_SECTION);
  g_type_ensure (TESSERA_TYPE_ENTITY_SECTION);
  g_type_ensure (TESSERA_TYPE_CLAIM_SECTION);
  g_type_ensure (TESSERA_TYPE_DETAILS_SECTION);
  g_type_ensure (TESSERA_TYPE_RELATION_SECTION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/tessera/Tessera/tessera-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, sections);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, annotation_section);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, entity_section);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, claim_section);
  gtk_widget_class_bind_template_callback (widget_class, on_picking_changed);

  /* Same parameter and keys as win.move-boundary, which can hand its work over to this. */
  gtk_widget_class_install_action (widget_class, "inspector.move-boundary", "s",
                                   move_boundary_action);
  gtk_widget_class_install_action (widget_class, "inspector.new-entity", NULL,
                                   new_entity_action);
  gtk_widget_class_install_action (widget_class, "inspector.choose-entity", NULL,
                                   choose_entity_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_pressed, NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tessera_inspector_init (TesseraInspector *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->store_signals = g_signal_group_new (TESSERA_TYPE_STORE);
  g_signal_group_connect_swapped (self->store_signals, "annotation-changed",
                                  G_CALLBACK (on_store_annotation_changed), self);
  g_signal_group_connect_swapped (self->store_signals, "entity-changed",
                                  G_CALLBACK (on_store_entity_changed), self);
  g_signal_group_connect_swapped (self->store_signals, "tagset-changed",
                                  G_CALLBACK (on_store_tagset_changed), self);
  g_signal_group_connect_swapped (self->store_signals, "reloaded",
                                  G_CALLBACK (on_store_tagset_changed), self);
  self->view_signals = g_signal_group_new (TESSERA_TYPE_TEXT_VIEW);
  g_signal_group_connect_swapped (self->view_signals, "selection-changed",
                                  G_CALLBACK (tessera_inspector_reload), self);
  g_signal_group_connect_swapped (self->view_signals, "annotation-picked",
                                  G_CALLBACK (on_annotation_picked), self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.new-entity", FALSE);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
tessera_inspector_new (void)
{
  return g_object_new (TESSERA_TYPE_INSPECTOR, NULL);
}
