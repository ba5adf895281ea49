/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-export-dialog.h"
#include "tessera-import-filters.h"
#include "tessera-window-private.h"

/* The window's win.* actions and their keys: what the menus, buttons and shortcuts do. */

/* Which actions the project and the selection allow. */
void
_tessera_window_update_actions (TesseraWindow *self)
{
  gboolean writable = self->store != NULL && !tessera_store_is_read_only (self->store);
  gboolean has_document = self->document_id != 0;
  gboolean selected = tessera_text_view_get_selected (self->text_view) != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 writable && tessera_store_can_undo (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 writable && tessera_store_can_redo (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.mark", writable && has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-annotation", writable && selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.move-boundary", writable && selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.relate", writable && selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-relation", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-range", writable && has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-range", writable && selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-folder", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export",
                                 self->store != NULL &&
                                 g_list_model_get_n_items (tessera_store_get_documents (self->store)) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.document-progress",
                                 writable && has_document);
  _tessera_window_claims_update_actions (self);
  _tessera_window_types_update_actions (self);
  _tessera_window_views_update_actions (self);
  _tessera_window_same_claim_update_actions (self);
}

static void
show_dialog (TesseraWindow *self,
             const char    *heading,
             const char    *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
mark_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAnnotationType) type = NULL;
  gint64 type_id = g_variant_get_int64 (parameter);
  gboolean existing = FALSE;
  gboolean has_range;
  TesseraRange range;
  gint64 id;

  if (self->store == NULL || self->document_id == 0)
    return;

  type = tessera_store_dup_annotation_type (self->store, type_id);
  if (type == NULL)
    return;
  /* What is marked with a hidden type shows it again: never an invisible annotation. */
  tessera_palette_reveal_type (self->palette, type_id);

  has_range = tessera_text_view_get_marked_range (self->text_view, self->snap_to_words, &range);
  /* Awaited as a claim's source or cue: it becomes that. */
  if (_tessera_window_claims_mark (self, type, has_range ? &range : NULL))
    return;
  if (!has_range)
    {
      gint64 selected = tessera_text_view_get_selected (self->text_view);

      /* With an annotation selected and no text, the key retypes it. */
      if (selected != 0)
        {
          if (!tessera_store_set_annotation_type (self->store, selected, type_id, &error))
            tessera_window_show_error (self, error->message);
          return;
        }
      _tessera_window_toast (self, _("Select some text first, then press the type’s key"), FALSE);
      return;
    }

  id = tessera_store_add_annotation (self->store, self->document_id, type_id, &range, 1,
                                     &existing, &error);
  if (id == 0)
    {
      tessera_window_show_error (self, error->message);
      return;
    }
  if (existing)
    {
      g_autofree char *message = g_strdup_printf (_("Already marked as %s"),
                                                  tessera_annotation_type_get_label_localized (type));
      _tessera_window_toast (self, message, FALSE);
    }

  /* Selecting it puts the caret at its start, which also clears the text selection. */
  tessera_text_view_select (self->text_view, id, FALSE);
  _tessera_window_claims_marked (self, id, type, existing);
}

static void
find_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _tessera_window_find (TESSERA_WINDOW (widget), g_str_equal (action_name, "win.find-previous") ? -1 : 1);
}

static void
after_replay (TesseraWindow       *self,
              TesseraJournalEntry *entry,
              gboolean             undo)
{
  g_autofree char *description = NULL;
  g_autofree char *message = NULL;

  /* Show where the change happened. */
  if (entry->document_id != 0 && entry->document_id != self->document_id)
    {
      g_autoptr(TesseraDocument) document = tessera_store_dup_document (self->store,
                                                                        entry->document_id, NULL);
      if (document != NULL)
        tessera_window_show_document (self, entry->document_id);
    }

  description = tessera_store_describe_journal_entry (self->store, entry);
  message = g_strdup_printf (undo ? _("Undone: %s") : _("Redone: %s"), description);
  adw_window_title_set_subtitle (self->window_title, message);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraJournalEntry) entry = NULL;
  gboolean undo = g_str_equal (action_name, "win.undo");

  if (self->store == NULL)
    return;

  entry = undo ? tessera_store_undo (self->store, &error) : tessera_store_redo (self->store, &error);
  if (entry == NULL)
    {
      if (!g_error_matches (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOTHING_TO_UNDO))
        tessera_window_show_error (self, error->message);
      return;
    }
  after_replay (self, entry, undo);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  TesseraAnnotationList *annotations = tessera_text_view_get_annotations (self->text_view);
  g_autoptr(GError) error = NULL;
  TesseraAnnotation *annotation;
  g_autofree char *description = NULL;
  g_autofree char *message = NULL;
  gint64 id = tessera_text_view_get_selected (self->text_view);

  /* The selected annotation is one the view shows: described from memory, before it goes. */
  if (id == 0 || annotations == NULL)
    return;
  annotation = tessera_annotation_list_lookup (annotations, id);
  if (annotation == NULL)
    return;
  description = tessera_text_view_describe (self->text_view, annotation);

  if (!tessera_store_remove_annotation (self->store, id, &error))
    {
      tessera_window_show_error (self, error->message);
      return;
    }
  message = g_strdup_printf (_("Deleted %s"), description);
  _tessera_window_toast (self, message, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/* The relation bar takes it from the selected annotation: the target, then the type. */
static void
relate_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  gint64 source_id = tessera_text_view_get_selected (self->text_view);

  if (self->store == NULL || source_id == 0)
    return;
  if (tessera_inspector_is_picking (self->inspector))
    tessera_inspector_cancel_pick (self->inspector);
  tessera_relation_bar_start (self->relation_bar, self->store, self->text_view, source_id);
}

static void
remove_relation_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!tessera_store_remove_relation (self->store, g_variant_get_int64 (parameter), &error))
    {
      tessera_window_show_error (self, error->message);
      return;
    }
  _tessera_window_toast (self, _("Relation removed"), TRUE);
  /* The row and its button are gone: the keyboard goes on in the article. */
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
select_next_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);

  tessera_text_view_select_next (self->text_view,
                                 g_str_equal (action_name, "win.select-next") ? 1 : -1);
}

static void
escape_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));

  if (tessera_relation_bar_is_active (self->relation_bar))
    tessera_relation_bar_cancel (self->relation_bar);
  /* A step of a claim's attribution skipped: the source, then the cue. */
  else if (tessera_inspector_is_picking (self->inspector))
    tessera_claim_section_pick_done (tessera_inspector_get_claim_section (self->inspector));
  else if (gtk_text_buffer_get_has_selection (buffer))
    {
      GtkTextIter cursor;

      gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
      gtk_text_buffer_place_cursor (buffer, &cursor);
    }
  else if (tessera_text_view_get_selected (self->text_view) != 0)
    tessera_text_view_select (self->text_view, 0, FALSE);
  else
    tessera_text_view_set_highlighted (self->text_view, NULL, 0);
}

/* The inspector knows how to move a boundary by a word; the keys reach it from anywhere. */
static void
move_boundary_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);

  gtk_widget_activate_action_variant (GTK_WIDGET (self->inspector), "inspector.move-boundary",
                                      parameter);
}

static void
on_exported (TesseraWindow       *self,
             const char          *destination,
             guint                n_files,
             gboolean             validated,
             TesseraExportDialog *dialog)
{
  g_autofree char *name = g_filename_display_basename (destination);
  g_autofree char *message = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (destination);
  g_autofree char *uri = g_file_get_uri (file);
  AdwToast *item;

  if (validated)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Exported %u valid file to %s",
                                            "Exported %u valid files to %s", n_files),
                               n_files, name);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u file to %s",
                                            "Exported %u files to %s", n_files),
                               n_files, name);

  item = adw_toast_new (message);
  adw_toast_set_timeout (item, 8);
  adw_toast_set_button_label (item, _("_Open"));
  adw_toast_set_action_name (item, "win.open-uri");
  adw_toast_set_action_target_value (item, g_variant_new_string (uri));
  adw_toast_overlay_add_toast (self->toast_overlay, item);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  TesseraExportDialog *dialog;

  if (self->store == NULL)
    return;
  dialog = tessera_export_dialog_new (GTK_WINDOW (self), self->store, self->document_id);
  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_exported), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_uri_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

/* What a part of the window has to say: an error stays until dismissed, a message goes by
 * itself. */
static void
show_message_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  const char *message = g_variant_get_string (parameter, NULL);

  if (g_str_equal (action_name, "win.show-error"))
    tessera_window_show_error (TESSERA_WINDOW (widget), message);
  else
    _tessera_window_toast (TESSERA_WINDOW (widget), message, FALSE);
}

/* An entity chosen in the sidebar: its mentions highlighted in the article, in the first
 * document that has one if this one has none; while the inspector waits for a claim's
 * source, the answer. */
static void
show_entity_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  gint64 entity_id = g_variant_get_int64 (parameter);
  g_autoptr(TesseraEntity) entity = NULL;
  g_autoptr(GArray) mentions = NULL;
  g_autoptr(GArray) here = g_array_new (FALSE, FALSE, sizeof (gint64));
  TesseraAnnotationList *list = tessera_text_view_get_annotations (self->text_view);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (self->store == NULL)
    return;
  entity = tessera_store_dup_entity (self->store, entity_id, NULL);
  if (entity == NULL)
    return;

  if (tessera_inspector_is_picking (self->inspector))
    {
      tessera_inspector_pick_entity (self->inspector, entity_id);
      return;
    }

  mentions = tessera_store_dup_entity_mentions (self->store, entity_id, &error);
  if (mentions == NULL)
    {
      tessera_window_show_error (self, error->message);
      return;
    }
  for (guint i = 0; list != NULL && i < mentions->len; i++)
    {
      gint64 id = g_array_index (mentions, gint64, i);

      if (tessera_annotation_list_lookup (list, id) != NULL)
        g_array_append_val (here, id);
    }

  if (here->len == 0 && mentions->len > 0)
    {
      /* Mentioned elsewhere: go there. */
      g_autoptr(TesseraAnnotation) first =
        tessera_store_dup_annotation (self->store, g_array_index (mentions, gint64, 0), NULL);

      if (first != NULL &&
          tessera_window_show_document (self, tessera_annotation_get_document_id (first)))
        {
          show_entity_action (widget, action_name, parameter);
          return;
        }
    }

  tessera_text_view_set_highlighted (self->text_view, (const gint64 *) (gpointer) here->data,
                                     here->len);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u mention in this document",
                                          "%s: %u mentions in this document", here->len),
                             tessera_entity_get_name (entity), here->len);
  _tessera_window_toast (self, message, FALSE);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);

  gtk_toggle_button_set_active (self->sidebar_button,
                                !gtk_toggle_button_get_active (self->sidebar_button));
}

static void
focus_text_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (TESSERA_WINDOW (widget)->text_view));
}

/* Alt+1 / Alt+4: the sidebar page named by the parameter, its filter focused. */
static void
focus_sidebar_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  const char *page = g_variant_get_string (parameter, NULL);

  gtk_toggle_button_set_active (self->sidebar_button, TRUE);
  gtk_stack_set_visible_child_name (self->sidebar_stack, page);
  gtk_widget_grab_focus (g_str_equal (page, "entities") ? GTK_WIDGET (self->entity_list)
                                                        : GTK_WIDGET (self->document_filter));
}

static void
focus_inspector_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);

  gtk_widget_child_focus (GTK_WIDGET (self->inspector), GTK_DIR_TAB_FORWARD);
}

static void
on_import_response (GtkNativeDialog *dialog,
                    int              response,
                    TesseraWindow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      tessera_window_import_files (self, (GFile **) array->pdata, array->len);
    }
  g_object_unref (dialog);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  gboolean folder = g_str_equal (action_name, "win.import-folder");
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (folder ? _("Import a Folder of Articles")
                                                : _("Import Articles"),
                                         GTK_WINDOW (self),
                                         folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  if (!folder)
    {
      gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
      tessera_import_filters_add (GTK_FILE_CHOOSER (chooser));
    }
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_path (TesseraWindow *self,
           const char    *path,
           gboolean       create)
{
  TesseraStoreOpenFlags flags = create ? TESSERA_STORE_OPEN_CREATE : TESSERA_STORE_OPEN_DEFAULT;
  g_autoptr(GError) error = NULL;

  if (!_tessera_window_open_store (self, path, flags, &error))
    show_dialog (self, create ? _("The Project Could Not Be Created")
                              : _("The Project Could Not Be Opened"),
                 error->message);
}

static void
on_project_response (GtkNativeDialog *dialog,
                     int              response,
                     TesseraWindow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      gboolean create = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)) ==
                        GTK_FILE_CHOOSER_ACTION_SAVE;

      if (path != NULL && create && !g_str_has_suffix (path, ".tessera"))
        {
          char *with_suffix = g_strconcat (path, ".tessera", NULL);

          g_free (path);
          path = with_suffix;
        }
      if (path != NULL)
        open_path (self, path, create);
    }
  g_object_unref (dialog);
}

static void
project_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  gboolean create = g_str_equal (action_name, "win.new-project");
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (create ? _("New Project") : _("Open Project"),
                                         GTK_WINDOW (self),
                                         create ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         create ? _("_Create") : _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Tessera projects"));
  gtk_file_filter_add_suffix (filter, "tessera");
  gtk_file_filter_add_mime_type (filter, "application/x-tessera-project");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  if (create)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("Corpus.tessera"));

  g_signal_connect (chooser, "response", G_CALLBACK (on_project_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_path (TESSERA_WINDOW (widget), g_variant_get_string (parameter, NULL), FALSE);
}

void
_tessera_window_class_actions_init (TesseraWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.mark", "x", mark_action);
  gtk_widget_class_install_action (widget_class, "win.delete-annotation", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "win.relate", NULL, relate_action);
  gtk_widget_class_install_action (widget_class, "win.remove-relation", "x",
                                   remove_relation_action);
  gtk_widget_class_install_action (widget_class, "win.select-next", NULL, select_next_action);
  gtk_widget_class_install_action (widget_class, "win.select-previous", NULL, select_next_action);
  gtk_widget_class_install_action (widget_class, "win.escape", NULL, escape_action);
  gtk_widget_class_install_action (widget_class, "win.move-boundary", "s", move_boundary_action);
  gtk_widget_class_install_action (widget_class, "win.show-error", "s", show_message_action);
  gtk_widget_class_install_action (widget_class, "win.show-message", "s", show_message_action);
  gtk_widget_class_install_property_action (widget_class, "win.document-progress",
                                            "document-progress");
  gtk_widget_class_install_action (widget_class, "win.show-entity", "x", show_entity_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.find-next", NULL, find_next_action);
  gtk_widget_class_install_action (widget_class, "win.find-previous", NULL, find_next_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.focus-text", NULL, focus_text_action);
  gtk_widget_class_install_action (widget_class, "win.focus-sidebar", "s", focus_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.focus-inspector", NULL, focus_inspector_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.open-uri", "s", open_uri_action);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.new-project", NULL, project_action);
  gtk_widget_class_install_action (widget_class, "win.open-project", NULL, project_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_property_action (widget_class, "win.snap-to-words", "snap-to-words");
  _tessera_window_types_class_init (klass);
  _tessera_window_class_ranges_init (klass);
  _tessera_window_class_same_claim_init (klass);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open-project", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-project", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "win.delete-annotation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.focus-sidebar", "s", "documents");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.focus-text", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       "win.focus-inspector", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK,
                                       "win.focus-sidebar", "s", "entities");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK | GDK_SHIFT_MASK,
                                       "win.move-boundary", "s", "start-left");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK | GDK_SHIFT_MASK,
                                       "win.move-boundary", "s", "start-right");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.move-boundary", "s", "end-left");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "win.move-boundary", "s", "end-right");
}
