/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-import-queue"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tessera-import-queue.h"

/*
 * The import of articles the user chose: files and folders queued, imported by
 * tessera_import_paths_async() on a worker thread, so that the window goes on answering,
 * with the name of the last file and a progress bar under the document list, a button
 * that cancels (the files imported until then stay), and a report at the end: a toast
 * (win.show-message) when all went well, else a dialog with each failure and what was
 * imported otherwise than written.
 *
 * Each imported document is announced by ::document-imported as soon as its file is done,
 * so that the window can show it; ::finished ends a run.
 */

/* The file and the bar follow the import a few times a second: a frame for each file would
 * hold the import up, which waits for the main loop after each file. */
#define PROGRESS_INTERVAL_MS 200

struct _TesseraImportQueue
{
  GtkWidget        parent_instance;

  /* Template */
  GtkRevealer     *revealer;
  GtkLabel        *label;
  GtkProgressBar  *progress;

  /* State */
  TesseraStore    *store;
  GPtrArray       *paths;        /* char *: still to import, after the import under way */
  GCancellable    *cancellable;  /* of the import under way, or NULL */
  TesseraStore    *import_store; /* the project of the import under way */
  gboolean         listed;       /* the store lists the documents of this run */
  gboolean         disposed;

  /* What the user is told: as it goes, then at the end */
  char            *last_file;    /* the file last done, and the fraction of the files */
  double           fraction;
  guint            progress_source;
  GPtrArray       *failures;     /* char * */
  GPtrArray       *warnings;     /* char *: what was imported otherwise than written */
  char            *cancelled;    /* what the cancelled import said, or NULL */
  guint            added;
};

G_DEFINE_FINAL_TYPE (TesseraImportQueue, tessera_import_queue, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  DOCUMENT_IMPORTED,
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Tells the user how the run went, and forgets it. */
static void
report (TesseraImportQueue *self)
{
  if (self->failures->len > 0 || self->warnings->len > 0)
    {
      g_autoptr(GPtrArray) paragraphs = g_ptr_array_new ();
      g_autofree char *body = NULL;
      g_autofree char *heading = NULL;
      GtkWidget *dialog;

      /* That the run was cut short, the failures, then what was imported otherwise than
       * the files say. */
      if (self->cancelled != NULL)
        g_ptr_array_add (paragraphs, self->cancelled);
      g_ptr_array_extend (paragraphs, self->failures, NULL, NULL);
      g_ptr_array_extend (paragraphs, self->warnings, NULL, NULL);
      g_ptr_array_add (paragraphs, NULL);
      body = g_strjoinv ("\n\n", (char **) paragraphs->pdata);
      if (self->failures->len > 0)
        heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u File Could Not Be Imported",
                                                "%u Files Could Not Be Imported",
                                                self->failures->len),
                                   self->failures->len);
      else
        heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Imported %u Article, with Warnings",
                                                "Imported %u Articles, with Warnings",
                                                self->added),
                                   self->added);
      dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                       heading, body);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  else if (self->cancelled != NULL)
    {
      /* How far the import went; what it imported stays. */
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-message", "s", self->cancelled);
    }
  else
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u article", "Imported %u articles",
                                      self->added), self->added);

      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-message", "s", message);
    }

  g_ptr_array_set_size (self->failures, 0);
  g_ptr_array_set_size (self->warnings, 0);
  g_clear_pointer (&self->cancelled, g_free);
}

static void
finish (TesseraImportQueue *self)
{
  guint added = self->added;

  g_clear_handle_id (&self->progress_source, g_source_remove);
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  report (self);
  self->added = 0;
  self->listed = FALSE;
  g_signal_emit (self, signals[FINISHED], 0, added);
}

static gboolean
show_progress (gpointer data)
{
  TesseraImportQueue *self = data;

  self->progress_source = 0;
  gtk_label_set_label (self->label, self->last_file);
  gtk_progress_bar_set_fraction (self->progress, self->fraction);
  return G_SOURCE_REMOVE;
}

/* After each file, on the main loop: the worker waits for this before the next file. */
static void
on_import_progress (guint        files_done,
                    guint        files_total,
                    const char  *path,
                    GPtrArray   *results,
                    gpointer     user_data)
{
  TesseraImportQueue *self = user_data;

  /* Gone, or writing to a project the window has left. */
  if (self->disposed || self->import_store != self->store)
    return;

  g_free (self->last_file);
  self->last_file = g_filename_display_basename (path);
  self->fraction = (double) files_done / MAX (1, files_total);
  if (self->progress_source == 0)
    self->progress_source = g_timeout_add (PROGRESS_INTERVAL_MS, show_progress, self);

  for (guint i = 0; i < results->len; i++)
    {
      TesseraImportResult *result = g_ptr_array_index (results, i);

      if (result->document_id == 0)
        {
          g_ptr_array_add (self->failures, g_strdup (result->error->message));
          continue;
        }
      for (guint w = 0; result->warnings != NULL && w < result->warnings->len; w++)
        g_ptr_array_add (self->warnings, g_strdup (g_ptr_array_index (result->warnings, w)));
      if (!result->existing)
        self->added++;
      /* Another connection wrote it: the document list learns of it at the store's next
       * poll. Once is enough for the first document a run shows; the window's poll and
       * the end of the import bring the others. */
      if (!self->listed)
        {
          tessera_store_poll_external_changes (self->store);
          self->listed = TRUE;
        }
      g_signal_emit (self, signals[DOCUMENT_IMPORTED], 0, result->document_id, result->existing);
    }
}

static void start_import (TesseraImportQueue *self);

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TesseraImportQueue) self = user_data;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  results = tessera_import_paths_finish (TESSERA_STORE (source), result, &error);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->import_store);
  if (self->disposed)
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    self->cancelled = g_strdup (error->message);
  else if (error != NULL)
    g_ptr_array_add (self->failures, g_strdup (error->message));

  /* Files added while this import ran go next. */
  start_import (self);
}

/* Imports the files queued, or ends the run when there are none. */
static void
start_import (TesseraImportQueue *self)
{
  g_autoptr(GPtrArray) paths = NULL;

  if (self->paths->len == 0 || self->store == NULL)
    {
      g_ptr_array_set_size (self->paths, 0);
      finish (self);
      return;
    }

  paths = g_steal_pointer (&self->paths);
  self->paths = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (paths, NULL);

  self->cancellable = g_cancellable_new ();
  self->import_store = g_object_ref (self->store);
  gtk_label_set_label (self->label, "");
  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
  tessera_import_paths_async (self->store, (const char * const *) paths->pdata, NULL,
                              self->cancellable, on_import_progress, self, on_import_done,
                              g_object_ref (self));
}

/**
 * tessera_import_queue_add_paths:
 * @files: (array length=n_files): articles, and folders of articles
 *
 * Imports @files into the project, after those already queued, on a worker thread. The
 * progress shows until the queue is empty; ::finished follows the report.
 */
void
tessera_import_queue_add_paths (TesseraImportQueue  *self,
                                GFile              **files,
                                guint                n_files)
{
  g_return_if_fail (TESSERA_IS_IMPORT_QUEUE (self));

  for (guint i = 0; i < n_files; i++)
    {
      char *path = g_file_get_path (files[i]);

      if (path == NULL)
        g_ptr_array_add (self->failures, g_strdup (_("Only local files can be imported")));
      else
        g_ptr_array_add (self->paths, path);
    }

  if (!tessera_import_queue_is_busy (self))
    start_import (self);
}

/**
 * tessera_import_queue_cancel:
 *
 * Stops the import between two files and forgets the files queued. What was imported
 * stays in the project; the report says how far the import went.
 */
void
tessera_import_queue_cancel (TesseraImportQueue *self)
{
  g_return_if_fail (TESSERA_IS_IMPORT_QUEUE (self));

  g_ptr_array_set_size (self->paths, 0);
  g_cancellable_cancel (self->cancellable);
}

static void
on_cancel_clicked (TesseraImportQueue *self)
{
  tessera_import_queue_cancel (self);
}

/* Whether a run is under way. */
gboolean
tessera_import_queue_is_busy (TesseraImportQueue *self)
{
  g_return_val_if_fail (TESSERA_IS_IMPORT_QUEUE (self), FALSE);
  return self->cancellable != NULL;
}

TesseraStore *
tessera_import_queue_get_store (TesseraImportQueue *self)
{
  g_return_val_if_fail (TESSERA_IS_IMPORT_QUEUE (self), NULL);
  return self->store;
}

/* The project the files go to. An import under way into the project left is cancelled:
 * what it imported stays there. */
void
tessera_import_queue_set_store (TesseraImportQueue *self,
                                TesseraStore       *store)
{
  g_return_if_fail (TESSERA_IS_IMPORT_QUEUE (self));
  g_return_if_fail (store == NULL || TESSERA_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  if (tessera_import_queue_is_busy (self))
    tessera_import_queue_cancel (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
tessera_import_queue_dispose (GObject *object)
{
  TesseraImportQueue *self = (TesseraImportQueue *)object;

  /* The worker ends at the next file, and its callbacks find the queue gone. */
  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_IMPORT_QUEUE);

  G_OBJECT_CLASS (tessera_import_queue_parent_class)->dispose (object);
}

static void
tessera_import_queue_finalize (GObject *object)
{
  TesseraImportQueue *self = (TesseraImportQueue *)object;

  g_clear_object (&self->store);
  g_ptr_array_unref (self->paths);
  g_ptr_array_unref (self->failures);
  g_ptr_array_unref (self->warnings);
  g_free (self->cancelled);
  g_free (self->last_file);

  G_OBJECT_CLASS (tessera_import_queue_parent_class)->finalize (object);
}

static void
tessera_import_queue_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TesseraImportQueue *self = TESSERA_IMPORT_QUEUE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_import_queue_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TesseraImportQueue *self = TESSERA_IMPORT_QUEUE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tessera_import_queue_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_import_queue_class_init (TesseraImportQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_import_queue_dispose;
  object_class->finalize = tessera_import_queue_finalize;
  object_class->get_property = tessera_import_queue_get_property;
  object_class->set_property = tessera_import_queue_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TESSERA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TesseraImportQueue::document-imported:
   * @document_id: the document, new or already in the project
   * @existing: whether the project held it already
   */
  signals[DOCUMENT_IMPORTED] =
    g_signal_new ("document-imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_BOOLEAN);

  /**
   * TesseraImportQueue::finished:
   * @n_added: how many documents the run added to the project
   *
   * The queue is empty and the user was told how it went.
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/tessera/Tessera/tessera-import-queue.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraImportQueue, revealer);
  gtk_widget_class_bind_template_child (widget_class, TesseraImportQueue, label);
  gtk_widget_class_bind_template_child (widget_class, TesseraImportQueue, progress);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
}

static void
tessera_import_queue_init (TesseraImportQueue *self)
{
  self->paths = g_ptr_array_new_with_free_func (g_free);
  self->failures = g_ptr_array_new_with_free_func (g_free);
  self->warnings = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
}
