/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-inspector-section.h"
#include "tessera-window-private.h"

/*
 * One claim repeated by several articles: "Same Claim As…" on a claim of the article
 * (win.same-claim-as) opens the claims of the corpus to choose the other one, and Enter
 * there, or "Mark as Same Claim as the Selected Claim" in a row's menu
 * (win.mark-same-claim), joins the two with a same-claim relation: one step of undo, and
 * the claims view groups them.
 */

#define MAX_TEXT_LENGTH 60

/* The annotation of the article, if it is a claim. */
static TesseraAnnotation *
lookup_claim (TesseraWindow *self,
              gint64         annotation_id)
{
  TesseraAnnotationList *list = tessera_text_view_get_annotations (self->text_view);
  TesseraAnnotation *annotation = list != NULL && annotation_id != 0
                                  ? tessera_annotation_list_lookup (list, annotation_id) : NULL;
  TesseraAnnotationType *type;

  if (annotation == NULL || self->store == NULL)
    return NULL;
  /* Borrowed: asked at every change of the selection. */
  type = tessera_store_get_annotation_type (self->store,
                                            tessera_annotation_get_type_id (annotation));
  return type != NULL && tessera_annotation_type_carries_claim (type) ? annotation : NULL;
}

static gboolean
is_writable (TesseraWindow *self)
{
  return self->store != NULL && !tessera_store_is_read_only (self->store);
}

/* win.same-claim-as (x: a claim of the article): selected, it waits in the claims view. */
static void
same_claim_as_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  gint64 claim_id = g_variant_get_int64 (parameter);
  TesseraAnnotation *claim = lookup_claim (self, claim_id);
  g_autofree char *covered = NULL;
  g_autofree char *shown = NULL;
  const TesseraRange *ranges;
  guint n;

  if (claim == NULL)
    {
      _tessera_window_toast (self, _("Select a claim of the article first"), FALSE);
      return;
    }
  if (tessera_text_view_get_selected (self->text_view) != claim_id)
    tessera_text_view_select (self->text_view, claim_id, FALSE);
  ranges = tessera_annotation_get_ranges (claim, &n);
  covered = tessera_text_view_dup_covered_text (self->text_view, ranges, n, " … ");
  shown = tessera_inspector_section_shorten (covered, MAX_TEXT_LENGTH);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "claims") != 0)
    gtk_widget_activate_action (widget, "win.show-claims", NULL);
  /* Made when first shown. */
  if (self->claims_view != NULL)
    tessera_claims_view_pick_same_claim (self->claims_view, shown);
}

/* win.mark-same-claim (x: any claim of the project): the same claim as the one selected in
 * the article. */
static void
mark_same_claim_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  gint64 other_id = g_variant_get_int64 (parameter);
  TesseraAnnotation *claim = lookup_claim (self,
                                           tessera_text_view_get_selected (self->text_view));
  g_autoptr(GError) error = NULL;

  if (claim == NULL)
    {
      _tessera_window_toast (self, _("Select a claim of the article first"), FALSE);
      return;
    }
  if (tessera_store_add_relation (self->store, TESSERA_RELATION_SAME_CLAIM,
                                  tessera_annotation_get_id (claim), other_id, NULL,
                                  &error) == 0)
    {
      tessera_window_show_error (self, error->message);
      return;
    }
  _tessera_window_toast (self, _("Marked as the same claim"), TRUE);
}

void
_tessera_window_same_claim_update_actions (TesseraWindow *self)
{
  gboolean claim = is_writable (self) &&
                   lookup_claim (self, tessera_text_view_get_selected (self->text_view)) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.same-claim-as", is_writable (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.mark-same-claim", claim);
}

void
_tessera_window_class_same_claim_init (TesseraWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.same-claim-as", "x",
                                   same_claim_as_action);
  gtk_widget_class_install_action (widget_class, "win.mark-same-claim", "x",
                                   mark_same_claim_action);
}
