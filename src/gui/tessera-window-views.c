/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-window"

#include "config.h"

#include "tessera-window-private.h"

/*
 * The window's two views: the article (text, inspector, annotation list) and the claims of
 * the corpus; the actions that go from one to the other, and the one that opens an
 * annotation wherever it is.
 */

static gboolean
showing_claims (TesseraWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "claims") == 0;
}

/* The claims view is made the first time it is shown, by the action or the view switcher:
 * most sessions never open it, and a hidden page is still built at launch and measured with
 * the stack at every change of the window's layout. */
static void
on_view_changed (TesseraWindow *self)
{
  if (self->claims_view != NULL || !showing_claims (self))
    return;
  self->claims_view = g_object_new (TESSERA_TYPE_CLAIMS_VIEW, NULL);
  tessera_claims_view_set_store (self->claims_view, self->store);
  adw_bin_set_child (self->claims_page, GTK_WIDGET (self->claims_view));
}

static void
show_article (TesseraWindow *self)
{
  gtk_stack_set_visible_child_name (self->view_stack, "article");
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/* Ctrl+Shift+C: the claims of the corpus, the keyboard in their table; again, the article. */
static void
show_claims_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);

  if (showing_claims (self))
    {
      show_article (self);
      return;
    }
  gtk_stack_set_visible_child_name (self->view_stack, "claims");
  tessera_claims_view_focus_list (self->claims_view);
}

static void
show_article_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  show_article (TESSERA_WINDOW (widget));
}

/* The annotation's document in the article, the annotation selected and in view. */
static void
open_annotation_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  gint64 annotation_id = g_variant_get_int64 (parameter);
  g_autoptr(TesseraAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;
  gint64 document_id;

  if (self->store == NULL)
    return;
  annotation = tessera_store_dup_annotation (self->store, annotation_id, &error);
  if (annotation == NULL)
    {
      tessera_window_show_error (self, error->message);
      return;
    }
  document_id = tessera_annotation_get_document_id (annotation);
  if ((document_id != self->document_id ||
       tessera_text_view_get_document_id (self->text_view) != document_id) &&
      !tessera_window_show_document (self, document_id))
    return;
  show_article (self);
  tessera_text_view_select (self->text_view, annotation_id, TRUE);
}

/* The inspector and the annotation list --------------------------------------------------- */

/*
 * With nothing selected the inspector is a line of hint and the annotation list takes the
 * rest of the column; with an annotation selected the inspector has the height the user
 * last gave it by dragging the divider (inspector-position).
 */
static void
fit_inspector (TesseraWindow *self)
{
  int position;

  if (tessera_text_view_get_selected (self->text_view) == 0)
    {
      int width = gtk_widget_get_width (GTK_WIDGET (self->inspector_paned));

      gtk_widget_measure (GTK_WIDGET (self->inspector), GTK_ORIENTATION_VERTICAL,
                          width > 0 ? width : -1, NULL, &position, NULL, NULL);
    }
  else
    position = g_settings_get_int (self->settings, "inspector-position");

  if (position == gtk_paned_get_position (self->inspector_paned))
    return;
  self->fitting_inspector = TRUE;
  gtk_paned_set_position (self->inspector_paned, position);
  self->fitting_inspector = FALSE;
}

/* The divider dragged while the inspector shows an annotation: remembered. */
static void
on_inspector_position (TesseraWindow *self)
{
  if (self->fitting_inspector || tessera_text_view_get_selected (self->text_view) == 0 ||
      !gtk_widget_get_mapped (GTK_WIDGET (self->inspector_paned)))
    return;
  g_settings_set_int (self->settings, "inspector-position",
                      gtk_paned_get_position (self->inspector_paned));
}

void
_tessera_window_views_init (TesseraWindow *self)
{
  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (on_view_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->text_view, "selection-changed", G_CALLBACK (fit_inspector),
                           self, G_CONNECT_SWAPPED);
  /* Resized, the column's hint may take another number of lines. */
  g_signal_connect_object (self->inspector_paned, "notify::max-position",
                           G_CALLBACK (fit_inspector), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->inspector_paned, "notify::position",
                           G_CALLBACK (on_inspector_position), self, G_CONNECT_SWAPPED);
  fit_inspector (self);
}

void
_tessera_window_views_update_actions (TesseraWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-claims", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-annotation", self->store != NULL);
}

void
_tessera_window_views_class_init (TesseraWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.show-claims", NULL, show_claims_action);
  gtk_widget_class_install_action (widget_class, "win.show-article", NULL, show_article_action);
  gtk_widget_class_install_action (widget_class, "win.open-annotation", "x",
                                   open_annotation_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.show-claims", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_C,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.show-claims", NULL);
}
