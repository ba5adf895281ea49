/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tessera-document-filter.h"
#include "tessera-document-row.h"
#include "tessera-export-dialog.h"
#include "tessera-inspector.h"
#include "tessera-text-view.h"
#include "tessera-window-private.h"

#define POLL_INTERVAL_MS 1000
#define MAX_RECENT       10

G_DEFINE_FINAL_TYPE (TesseraWindow, tessera_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SNAP_TO_WORDS,
  PROP_DOCUMENT_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Messages ---------------------------------------------------------------------------- */

void
_tessera_window_toast (TesseraWindow *self,
                       const char    *message,
                       gboolean       with_undo)
{
  AdwToast *item = adw_toast_new (message);

  adw_toast_set_timeout (item, with_undo ? 6 : 3);
  if (with_undo)
    {
      adw_toast_set_button_label (item, _("_Undo"));
      adw_toast_set_action_name (item, "win.undo");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, item);
}

/**
 * tessera_window_show_error:
 *
 * Shows what went wrong without interrupting: a toast that stays until dismissed.
 */
void
tessera_window_show_error (TesseraWindow *self,
                           const char    *message)
{
  AdwToast *item;

  g_return_if_fail (TESSERA_IS_WINDOW (self));

  item = adw_toast_new (message);
  adw_toast_set_timeout (item, 0);
  adw_toast_set_priority (item, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, item);
}

static void
show_saved_state (TesseraWindow *self)
{
  if (self->store == NULL)
    adw_window_title_set_subtitle (self->window_title, NULL);
  else if (tessera_store_is_read_only (self->store))
    adw_window_title_set_subtitle (self->window_title, _("Read only"));
  else
    adw_window_title_set_subtitle (self->window_title, _("All changes saved"));
}

/* Documents ----------------------------------------------------------------------------- */

static void
document_row_setup (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  data)
{
  GtkWidget *row = tessera_document_row_new ();

  gtk_widget_set_margin_top (row, 4);
  gtk_widget_set_margin_bottom (row, 4);
  gtk_list_item_set_child (item, row);
}

static void
show_document_row (TesseraDocument    *document,
                   GParamSpec         *pspec,
                   TesseraDocumentRow *row)
{
  guint count = tessera_document_get_annotation_count (document);
  g_autofree char *text = NULL;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u annotation · %s",
                                       "%u annotations · %s", count),
                          count,
                          tessera_progress_to_label (tessera_document_get_progress (document)));
  tessera_document_row_set_text (row, tessera_document_get_title (document), text);
}

/* The store changes a document's count in place (other changes replace the document). */
static void
document_row_bind (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  data)
{
  TesseraDocument *document = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);

  show_document_row (document, NULL, TESSERA_DOCUMENT_ROW (row));
  g_signal_connect_object (document, "notify::annotation-count", G_CALLBACK (show_document_row),
                           row, 0);
}

static void
document_row_unbind (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  data)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), show_document_row,
                                        gtk_list_item_get_child (item));
}

static void
show_document_header (TesseraWindow   *self,
                      TesseraDocument *document)
{
  g_autoptr(GString) source = g_string_new (NULL);
  const char *parts[] = {
    tessera_document_get_author (document),
    tessera_document_get_publisher (document),
    tessera_document_get_publication_date (document),
    tessera_document_get_source_url (document),
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] == NULL || *parts[i] == '\0')
        continue;
      if (source->len > 0)
        g_string_append (source, " · ");
      g_string_append (source, parts[i]);
    }
  if (source->len == 0 && tessera_document_get_source_path (document) != NULL)
    {
      g_autofree char *name = g_path_get_basename (tessera_document_get_source_path (document));
      g_string_append (source, name);
    }
  {
    guint length = tessera_document_get_length (document);
    g_autofree char *characters = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u character",
                                                                "%u characters", length),
                                                   length);

    g_string_append_printf (source, "%s%s", source->len ? " · " : "", characters);
  }
  gtk_label_set_label (self->document_source, source->str);
  gtk_label_set_label (self->document_heading, tessera_document_get_title (document));
  /* Most articles begin with their title: do not show it twice. */
  {
    const char *text = tessera_text_view_get_text (self->text_view);

    gtk_widget_set_visible (GTK_WIDGET (self->document_heading),
                            text == NULL ||
                            !g_str_has_prefix (text, tessera_document_get_title (document)));
  }
  adw_window_title_set_title (self->window_title, tessera_document_get_title (document));
}

/* Selects the open document in the sidebar, if the filter lists it. */
static void
select_open_document (TesseraWindow *self)
{
  GListModel *model = G_LIST_MODEL (self->documents);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TesseraDocument) item = g_list_model_get_item (model, i);

      if (tessera_document_get_id (item) == self->document_id)
        {
          self->syncing_selection = TRUE;
          gtk_single_selection_set_selected (self->document_selection, i);
          self->syncing_selection = FALSE;
          break;
        }
    }
}

/**
 * tessera_window_show_document:
 *
 * Returns: %TRUE if the document is now shown
 */
gboolean
tessera_window_show_document (TesseraWindow *self,
                              gint64         document_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDocument) document = NULL;

  g_return_val_if_fail (TESSERA_IS_WINDOW (self), FALSE);

  if (self->store == NULL)
    return FALSE;

  document = tessera_store_dup_document (self->store, document_id, &error);
  if (document == NULL || !tessera_text_view_load (self->text_view, self->store, document_id,
                                                   &error))
    {
      tessera_window_show_error (self, error->message);
      return FALSE;
    }

  self->document_id = document_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT_PROGRESS]);
  show_document_header (self, document);
  gtk_widget_set_margin_top (GTK_WIDGET (self->document_source),
                             gtk_widget_get_visible (GTK_WIDGET (self->document_heading)) ? 4 : 18);
  gtk_stack_set_visible_child_name (self->content_stack, "document");
  gtk_stack_set_visible_child_name (self->view_stack, "article");
  g_settings_set_int64 (self->settings, "last-document", document_id);

  tessera_annotation_list_view_set_annotations (self->annotation_list,
                                                tessera_text_view_get_annotations (self->text_view));

  /* Keep the sidebar's selection in step when the document was chosen elsewhere. */
  select_open_document (self);

  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  _tessera_window_update_actions (self);
  return TRUE;
}

gint64
tessera_window_get_document_id (TesseraWindow *self)
{
  g_return_val_if_fail (TESSERA_IS_WINDOW (self), 0);
  return self->document_id;
}

static void
on_document_selected (TesseraWindow *self)
{
  TesseraDocument *document;

  if (self->syncing_selection)
    return;
  document = gtk_single_selection_get_selected_item (self->document_selection);
  if (document != NULL && tessera_document_get_id (document) != self->document_id)
    tessera_window_show_document (self, tessera_document_get_id (document));
}

/* Enter on a document in the list opens it, and the article takes the keyboard. */
static void
on_document_activated (TesseraWindow *self,
                       guint          position)
{
  g_autoptr(TesseraDocument) document = g_list_model_get_item (G_LIST_MODEL (self->documents),
                                                               position);

  if (document == NULL)
    return;
  if (tessera_document_get_id (document) != self->document_id)
    tessera_window_show_document (self, tessera_document_get_id (document));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
on_document_filter_changed (TesseraWindow *self)
{
  tessera_document_filter_set_search (self->document_title_filter,
                                      gtk_editable_get_text (GTK_EDITABLE (self->document_filter)));
  /* The open document, hidden by the filter and now listed again, is selected again. */
  if (self->document_id != 0 &&
      gtk_single_selection_get_selected (self->document_selection) == GTK_INVALID_LIST_POSITION)
    select_open_document (self);
}

static void
on_documents_changed (TesseraWindow *self)
{
  GListModel *all = tessera_store_get_documents (self->store);

  if (g_list_model_get_n_items (all) == 0)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
      adw_window_title_set_title (self->window_title, _("Tessera"));
    }
  else if (self->document_id == 0 || tessera_text_view_get_document_id (self->text_view) == 0)
    {
      g_autoptr(TesseraDocument) first = g_list_model_get_item (all, 0);

      tessera_window_show_document (self, tessera_document_get_id (first));
    }
}

static void
on_document_changed (TesseraWindow *self,
                     gint64         document_id,
                     int            change)
{
  if (document_id != self->document_id)
    return;

  if (change == TESSERA_CHANGE_REMOVED)
    {
      self->document_id = 0;
      tessera_text_view_clear (self->text_view);
      on_documents_changed (self);
    }
  else
    {
      g_autoptr(TesseraDocument) document = tessera_store_lookup_document (self->store,
                                                                           document_id);
      if (document != NULL)
        show_document_header (self, document);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT_PROGRESS]);
}

/* Keys of the article ---------------------------------------------------------------- */

/* The type keys (the palette's) and these work while the article has the focus, before
 * GtkTextView's own bindings (Delete, BackSpace, Ctrl+Z…): the project's win actions first. */
static void
add_article_shortcuts (TesseraWindow *self)
{
  static const struct {
    guint            keyval;
    GdkModifierType  modifiers;
    const char      *action;
  } keys[] = {
    /* Keyboard navigation between annotations, inside the article. */
    { GDK_KEY_Tab, 0, "win.select-next" },
    { GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK, "win.select-previous" },
    { GDK_KEY_Tab, GDK_SHIFT_MASK, "win.select-previous" },
    { GDK_KEY_Escape, 0, "win.escape" },
    { GDK_KEY_Delete, 0, "win.delete-annotation" },
    { GDK_KEY_BackSpace, 0, "win.delete-annotation" },
    { GDK_KEY_z, GDK_CONTROL_MASK, "win.undo" },
    { GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo" },
    { GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo" },
    /* The annotation's menu, rather than GTK's text menu. */
    { GDK_KEY_F10, GDK_SHIFT_MASK, "win.annotation-menu" },
    { GDK_KEY_Menu, 0, "win.annotation-menu" },
    { GDK_KEY_r, 0, "win.relate" },
  };
  GtkEventController *type_keys =
    gtk_shortcut_controller_new_for_model (tessera_palette_get_shortcuts (self->palette));
  GtkEventController *controller = gtk_shortcut_controller_new ();

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
      gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].keyval, keys[i].modifiers),
                        gtk_named_action_new (keys[i].action)));

  _tessera_window_claims_add_shortcuts (self, GTK_SHORTCUT_CONTROLLER (controller));
  _tessera_window_add_range_shortcuts (self, GTK_SHORTCUT_CONTROLLER (controller));

  gtk_event_controller_set_propagation_phase (type_keys, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), type_keys);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), controller);
}

/* Annotations -------------------------------------------------------------------------- */

/* What the actions allow follows the annotation selected or picked in the article. */
static void
on_text_view_selection_changed (TesseraWindow *self)
{
  _tessera_window_update_actions (self);
}

/* Find ---------------------------------------------------------------------------------- */

/*
 * Moves to an occurrence of the search: with @direction 0 the first at or after the start
 * of the current match (as the search is typed), 1 the next one, -1 the previous one,
 * round the article. Case, accents, apostrophes and ligatures aside, as the document and
 * entity lists filter, unless the exact case is asked for.
 */
void
_tessera_window_find (TesseraWindow *self,
                      int            direction)
{
  const char *needle = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *text = tessera_text_view_get_text (self->text_view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
  g_autoptr(GArray) found = NULL;
  g_autofree char *label = NULL;
  TesseraRange last = self->find_match;
  GtkTextIter start, end;
  guint from, to, wanted;

  self->find_match.start = self->find_match.end = 0;
  if (text == NULL || needle == NULL || *needle == '\0')
    {
      gtk_label_set_label (self->search_label, "");
      return;
    }

  found = tessera_text_find_all (text, needle,
                                 gtk_check_button_get_active (self->search_exact_case));
  if (found->len == 0)
    {
      gtk_label_set_label (self->search_label, _("Not found"));
      return;
    }

  /* From the current match, or from the caret. Selecting a match claims the primary
   * selection, which another program may take at once, leaving the caret on the match. */
  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  from = (guint) gtk_text_iter_get_offset (&start);
  to = (guint) gtk_text_iter_get_offset (&end);
  if (from == to && last.start < last.end && from >= last.start && from <= last.end)
    {
      from = last.start;
      to = last.end;
    }
  if (direction < 0)
    {
      guint before = from;

      wanted = found->len - 1;
      for (guint i = found->len; i > 0; i--)
        {
          if (g_array_index (found, TesseraRange, i - 1).start < before)
            {
              wanted = i - 1;
              break;
            }
        }
    }
  else
    {
      guint after = direction > 0 ? to : from;

      wanted = 0;
      for (guint i = 0; i < found->len; i++)
        {
          TesseraRange *range = &g_array_index (found, TesseraRange, i);

          if (range->start >= after)
            {
              wanted = i;
              break;
            }
        }
    }

  self->find_match = g_array_index (found, TesseraRange, wanted);
  tessera_text_view_select_text (self->text_view, self->find_match.start, self->find_match.end);
  label = g_strdup_printf (_("%u of %u"), wanted + 1, found->len);
  gtk_label_set_label (self->search_label, label);
}

static void
on_search_changed (TesseraWindow *self)
{
  _tessera_window_find (self, 0);
}

static void
find_next (TesseraWindow *self)
{
  _tessera_window_find (self, 1);
}

static void
find_previous (TesseraWindow *self)
{
  _tessera_window_find (self, -1);
}

static void
on_search_stop (TesseraWindow *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/* Import -------------------------------------------------------------------------------- */

/* The first document a run brings, or the one asked for: shown. */
static void
on_document_imported (TesseraWindow *self,
                      gint64         document_id,
                      gboolean       existing)
{
  if (self->import_shows_next || (!existing && self->document_id == 0))
    {
      self->import_shows_next = FALSE;
      tessera_window_show_document (self, document_id);
    }
}

static void
on_import_finished (TesseraWindow *self,
                    guint          n_added)
{
  self->import_shows_next = FALSE;
}

/**
 * tessera_window_import_files:
 *
 * Imports files and folders one at a time, with progress in the sidebar and a report of
 * each failure at the end. Each file is all or nothing.
 */
void
tessera_window_import_files (TesseraWindow  *self,
                             GFile         **files,
                             guint           n_files)
{
  g_return_if_fail (TESSERA_IS_WINDOW (self));

  gtk_toggle_button_set_active (self->sidebar_button, TRUE);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "documents");
  tessera_import_queue_add_paths (self->import_queue, files, n_files);
}

/**
 * tessera_window_open_articles:
 *
 * Imports articles like tessera_window_import_files(), then shows the first one that is
 * in the project, whether it was just imported or already there: what the user expects of
 * `tessera article.txt` or of opening an article with Tessera from the file manager.
 */
void
tessera_window_open_articles (TesseraWindow  *self,
                              GFile         **files,
                              guint           n_files)
{
  g_return_if_fail (TESSERA_IS_WINDOW (self));

  self->import_shows_next = TRUE;
  tessera_window_import_files (self, files, n_files);
}

/* Projects ------------------------------------------------------------------------------ */

static void
update_recent (TesseraWindow *self,
               const char    *path)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-projects");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  guint n = 0;

  if (path != NULL)
    {
      g_strv_builder_add (builder, path);
      n++;
    }
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT; i++)
    {
      if (g_strcmp0 (recent[i], path) == 0 || !g_file_test (recent[i], G_FILE_TEST_EXISTS))
        continue;
      g_strv_builder_add (builder, recent[i]);
      n++;
    }
  updated = g_strv_builder_end (builder);
  if (path != NULL)
    g_settings_set_strv (self->settings, "recent-projects", (const char * const *) updated);

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; updated[i] != NULL; i++)
    {
      g_autofree char *label = g_filename_display_basename (updated[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (updated[i]));
      g_menu_append_item (self->recent_menu, item);
    }
}

static gboolean
poll_external_changes (gpointer data)
{
  TesseraWindow *self = data;

  if (self->store != NULL)
    tessera_store_poll_external_changes (self->store);
  return G_SOURCE_CONTINUE;
}

static void
on_store_changed (TesseraWindow *self)
{
  show_saved_state (self);
  _tessera_window_update_actions (self);
}

/* The annotator's name recorded from now on; empty is the user's own name, as at open. */
static void
on_annotator_name_changed (TesseraWindow *self)
{
  g_autofree char *name = g_strstrip (g_settings_get_string (self->settings, "annotator-name"));
  const char *user = g_get_real_name ();

  if (self->store == NULL)
    return;
  if (user == NULL || *user == '\0' || g_str_equal (user, "Unknown"))
    user = g_get_user_name ();
  tessera_store_set_annotator (self->store, *name != '\0' ? name : user);
}

static void
on_text_font_changed (TesseraWindow *self)
{
  g_autofree char *font = g_settings_get_string (self->settings, "font");

  tessera_text_view_set_font (self->text_view, font,
                              g_settings_get_double (self->settings, "text-scale"));
}

static void
set_store (TesseraWindow *self,
           TesseraStore  *store)
{
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  tessera_text_view_clear (self->text_view);
  self->document_id = 0;
  g_set_object (&self->store, store);

  {
    g_autofree char *annotator = g_settings_get_string (self->settings, "annotator-name");

    if (annotator != NULL && *annotator != '\0')
      tessera_store_set_annotator (store, annotator);
  }

  self->document_title_filter = tessera_document_filter_new ();
  g_clear_object (&self->documents);
  self->documents = gtk_filter_list_model_new (g_object_ref (tessera_store_get_documents (store)),
                                               GTK_FILTER (self->document_title_filter));
  gtk_single_selection_set_model (self->document_selection, G_LIST_MODEL (self->documents));
  on_document_filter_changed (self);
  tessera_document_filter_prepare (self->document_title_filter,
                                   tessera_store_get_documents (store));

  tessera_entity_list_set_store (self->entity_list, store);
  tessera_inspector_set_store (self->inspector, store);
  tessera_import_queue_set_store (self->import_queue, store);
  tessera_palette_set_store (self->palette, store);
  tessera_annotation_list_view_set_store (self->annotation_list, store);
  if (self->claims_view != NULL)
    tessera_claims_view_set_store (self->claims_view, store);

  g_signal_connect_swapped (store, "changed", G_CALLBACK (on_store_changed), self);
  g_signal_connect_swapped (store, "document-changed", G_CALLBACK (on_document_changed), self);
  g_signal_connect_object (tessera_store_get_documents (store), "items-changed",
                           G_CALLBACK (on_documents_changed), self, G_CONNECT_SWAPPED);

  if (tessera_store_is_read_only (store))
    {
      g_autofree char *text = g_strdup_printf (_("This project is open for reading only: %s."),
                                               tessera_store_get_read_only_reason (store));
      gtk_label_set_label (self->read_only_label, text);
      gtk_revealer_set_reveal_child (self->read_only_revealer, TRUE);
    }
  else
    gtk_revealer_set_reveal_child (self->read_only_revealer, FALSE);

  show_saved_state (self);

  {
    g_autofree char *name = g_filename_display_basename (tessera_store_get_path (store));
    gtk_window_set_title (GTK_WINDOW (self), name);
  }

  if (self->poll_source == 0)
    self->poll_source = g_timeout_add (POLL_INTERVAL_MS, poll_external_changes, self);

  /* The last document read, or the first. */
  {
    gint64 last = g_settings_get_int64 (self->settings, "last-document");
    g_autoptr(TesseraDocument) document = last ? tessera_store_dup_document (store, last, NULL)
                                               : NULL;

    if (document != NULL)
      tessera_window_show_document (self, last);
    else
      on_documents_changed (self);
  }
  _tessera_window_update_actions (self);
}

/* The project opened at @path shown in this window, and remembered. */
static void
show_project (TesseraWindow *self,
              TesseraStore  *store,
              const char    *path)
{
  g_autofree char *previous = g_settings_get_string (self->settings, "last-project");

  if (g_strcmp0 (previous, path) != 0)
    g_settings_set_int64 (self->settings, "last-document", 0);
  g_settings_set_string (self->settings, "last-project", path);
  update_recent (self, path);
  set_store (self, store);
}

/* Opens the project at @path in this window. On failure the current project stays open
 * and @error says why (newer version, not a project, locked…). */
gboolean
_tessera_window_open_store (TesseraWindow          *self,
                            const char             *path,
                            TesseraStoreOpenFlags   flags,
                            GError                **error)
{
  g_autoptr(TesseraStore) store = tessera_store_open (path, flags, error);

  if (store == NULL)
    return FALSE;
  show_project (self, store, path);
  return TRUE;
}

gboolean
tessera_window_open_project (TesseraWindow  *self,
                             const char     *path,
                             GError        **error)
{
  g_return_val_if_fail (TESSERA_IS_WINDOW (self), FALSE);

  /* An existing project only: an empty or missing file is an error, not a new project. */
  return _tessera_window_open_store (self, path, TESSERA_STORE_OPEN_DEFAULT, error);
}

gboolean
tessera_window_open_default_project (TesseraWindow  *self,
                                     GError        **error)
{
  g_autoptr(TesseraStore) store = NULL;
  g_autofree char *path = tessera_default_project_path ();

  g_return_val_if_fail (TESSERA_IS_WINDOW (self), FALSE);

  store = tessera_default_project_open (NULL, error);
  if (store == NULL)
    return FALSE;
  show_project (self, store, path);
  return TRUE;
}

TesseraStore *
tessera_window_get_store (TesseraWindow *self)
{
  g_return_val_if_fail (TESSERA_IS_WINDOW (self), NULL);
  return self->store;
}

GtkWidget *
tessera_window_get_text_view (TesseraWindow *self)
{
  g_return_val_if_fail (TESSERA_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->text_view);
}

GtkWidget *
tessera_window_get_inspector (TesseraWindow *self)
{
  g_return_val_if_fail (TESSERA_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->inspector);
}

/* GObject ------------------------------------------------------------------------------- */

static void
tessera_window_dispose (GObject *object)
{
  TesseraWindow *self = (TesseraWindow *)object;

  g_clear_handle_id (&self->poll_source, g_source_remove);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_WINDOW);
  self->claims_view = NULL;

  G_OBJECT_CLASS (tessera_window_parent_class)->dispose (object);
}

static void
tessera_window_finalize (GObject *object)
{
  TesseraWindow *self = (TesseraWindow *)object;

  g_clear_object (&self->documents);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tessera_window_parent_class)->finalize (object);
}

/* The stored state of the document shown, as the menu's check mark shows it. */
static const char *
get_document_progress (TesseraWindow *self)
{
  TesseraDocument *document = NULL;

  if (self->store != NULL && self->document_id != 0)
    document = tessera_store_lookup_document (self->store, self->document_id);
  if (document == NULL)
    return "";
  return tessera_progress_to_string (tessera_document_get_progress (document));
}

static void
set_document_progress (TesseraWindow *self,
                       const char    *name)
{
  g_autoptr(GError) error = NULL;
  TesseraProgress progress;

  if (self->document_id == 0 || !tessera_progress_from_string (name, &progress) ||
      g_strcmp0 (name, get_document_progress (self)) == 0)
    return;
  /* The store's document-changed signal notifies the property. */
  if (!tessera_store_set_document_progress (self->store, self->document_id, progress, &error))
    {
      tessera_window_show_error (self, error->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT_PROGRESS]);
    }
}

static void
tessera_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TesseraWindow *self = TESSERA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SNAP_TO_WORDS:
      g_value_set_boolean (value, self->snap_to_words);
      break;
    case PROP_DOCUMENT_PROGRESS:
      g_value_set_string (value, get_document_progress (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TesseraWindow *self = TESSERA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SNAP_TO_WORDS:
      if (self->snap_to_words != g_value_get_boolean (value))
        {
          self->snap_to_words = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_DOCUMENT_PROGRESS:
      set_document_progress (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_window_class_init (TesseraWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_window_dispose;
  object_class->finalize = tessera_window_finalize;
  object_class->get_property = tessera_window_get_property;
  object_class->set_property = tessera_window_set_property;

  /* Whether marking widens a selection to whole words (Alt while selecting: exact). */
  g_object_class_install_property (object_class, PROP_SNAP_TO_WORDS,
                                   g_param_spec_boolean ("snap-to-words", NULL, NULL, TRUE,
                                                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                         G_PARAM_STATIC_STRINGS));
  /* The state of the document shown: "not-started", "in-progress", "done"; "" for none. */
  properties[PROP_DOCUMENT_PROGRESS] =
    g_param_spec_string ("document-progress", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_property (object_class, PROP_DOCUMENT_PROGRESS,
                                   properties[PROP_DOCUMENT_PROGRESS]);

  g_type_ensure (TESSERA_TYPE_TEXT_VIEW);
  g_type_ensure (TESSERA_TYPE_PALETTE);
  g_type_ensure (TESSERA_TYPE_ENTITY_LIST);
  g_type_ensure (TESSERA_TYPE_ANNOTATION_LIST_VIEW);
  g_type_ensure (TESSERA_TYPE_INSPECTOR);
  g_type_ensure (TESSERA_TYPE_IMPORT_QUEUE);
  g_type_ensure (TESSERA_TYPE_RELATION_BAR);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tessera/Tessera/tessera-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, read_only_revealer);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, inner_paned);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, inspector_paned);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, document_filter);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, document_list);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, import_queue);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, entity_list);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, palette);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, search_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, relation_bar);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, search_exact_case);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, document_heading);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, document_source);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, text_view);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, annotation_list);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, claims_page);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, recent_menu);

  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, document_selection);
  gtk_widget_class_bind_template_callback (widget_class, on_document_selected);
  gtk_widget_class_bind_template_callback (widget_class, document_row_setup);
  gtk_widget_class_bind_template_callback (widget_class, document_row_bind);
  gtk_widget_class_bind_template_callback (widget_class, document_row_unbind);
  gtk_widget_class_bind_template_callback (widget_class, on_document_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_document_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_text_view_selection_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, find_next);
  gtk_widget_class_bind_template_callback (widget_class, find_previous);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop);
  gtk_widget_class_bind_template_callback (widget_class, on_document_imported);
  gtk_widget_class_bind_template_callback (widget_class, on_import_finished);

  _tessera_window_class_actions_init (klass);
  _tessera_window_class_claims_init (klass);
  _tessera_window_views_class_init (klass);
}

static void
tessera_window_init (TesseraWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);

  /* Text and inspector */
  add_article_shortcuts (self);
  _tessera_window_types_init (self);
  tessera_inspector_set_text_view (self->inspector, self->text_view);
  tessera_annotation_list_view_set_text_view (self->annotation_list, self->text_view);
  _tessera_window_views_init (self);

  /* Find */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  /* Layout and state */
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "sidebar-position", self->outer_paned, "position",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "text-position", self->inner_paned, "position",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "snap-to-words", self, "snap-to-words", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_swapped (self->settings, "changed::annotator-name",
                            G_CALLBACK (on_annotator_name_changed), self);
  g_signal_connect_swapped (self->settings, "changed::font", G_CALLBACK (on_text_font_changed),
                            self);
  g_signal_connect_swapped (self->settings, "changed::text-scale",
                            G_CALLBACK (on_text_font_changed), self);
  on_text_font_changed (self);

  update_recent (self, NULL);
  _tessera_window_update_actions (self);
}

TesseraWindow *
tessera_window_new (GtkApplication *application)
{
  return g_object_new (TESSERA_TYPE_WINDOW, "application", application, NULL);
}
