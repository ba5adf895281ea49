/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-import-queue"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tessera-import-queue.h"

/*
 * The import of articles the user chose: files and folders queued, imported one file at a
 * time into the project with the name of the file and a progress bar under the document
 * list, and a report at the end: a toast (win.show-message) when all went well, else a
 * dialog with each failure and what was imported otherwise than written.
 *
 * Each imported document is announced by ::document-imported, so that the window can show
 * it; ::finished ends a run.
 */

struct _TesseraImportQueue
{
  GtkWidget       parent_instance;

  /* Template */
  GtkRevealer    *revealer;
  GtkLabel       *label;
  GtkProgressBar *progress;

  /* State */
  TesseraStore   *store;
  GPtrArray      *files;      /* GFile: still to import */
  GPtrArray      *failures;   /* char * */
  GPtrArray      *warnings;   /* char *: what was imported otherwise than written */
  guint           total;
  guint           done;
  guint           added;
  guint           source;
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

      /* The failures, then what was imported otherwise than the files say. */
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
  else
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u article", "Imported %u articles",
                                      self->added), self->added);

      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-message", "s", message);
    }

  g_ptr_array_set_size (self->failures, 0);
  g_ptr_array_set_size (self->warnings, 0);
}

static void
finish (TesseraImportQueue *self)
{
  guint added = self->added;

  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  self->source = 0;
  g_ptr_array_set_size (self->files, 0);
  report (self);
  g_signal_emit (self, signals[FINISHED], 0, added);
}

/* The import work for one file: plain text, or TEI (one document per text it holds), as
 * tessera-cli import does. Each file is all or nothing. */
static void
import_file (TesseraImportQueue *self,
             GFile              *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GPtrArray) results = NULL;

  if (path != NULL)
    results = tessera_import_paths (self->store, (const char * const []) { path, NULL }, &error);
  if (results == NULL)
    g_ptr_array_add (self->failures,
                     g_strdup (error ? error->message : _("Only local files can be imported")));
  for (guint i = 0; results != NULL && i < results->len; i++)
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
      g_signal_emit (self, signals[DOCUMENT_IMPORTED], 0, result->document_id, result->existing);
    }
}

static gboolean
import_next (gpointer data)
{
  TesseraImportQueue *self = data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;

  if (self->files->len == 0 || self->store == NULL)
    {
      finish (self);
      return G_SOURCE_REMOVE;
    }

  file = g_ptr_array_steal_index (self->files, 0);
  name = g_file_get_basename (file);
  gtk_label_set_label (self->label, name);
  import_file (self, file);

  self->done++;
  gtk_progress_bar_set_fraction (self->progress, (double) self->done / MAX (1, self->total));
  return G_SOURCE_CONTINUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* The articles of a folder, by name: plain text and TEI, hidden files aside. */
static void
queue_folder (TesseraImportQueue *self,
              GFile              *folder)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GFileInfo *info;

  enumerator = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                          G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN,
                                          G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (enumerator == NULL)
    {
      g_ptr_array_add (self->failures, g_strdup (error->message));
      return;
    }
  while ((info = g_file_enumerator_next_file (enumerator, NULL, NULL)) != NULL)
    {
      const char *file_name = g_file_info_get_name (info);
      g_autofree char *lower = g_ascii_strdown (file_name, -1);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
          !g_file_info_get_is_hidden (info) &&
          (g_str_has_suffix (lower, ".txt") || g_str_has_suffix (lower, ".xml") ||
           g_str_has_suffix (lower, ".tei")))
        g_ptr_array_add (names, g_strdup (file_name));
      g_object_unref (info);
    }
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (self->files, g_file_get_child (folder, g_ptr_array_index (names, i)));
}

/**
 * tessera_import_queue_add_paths:
 * @files: (array length=n_files): articles, and folders of articles
 *
 * Imports @files into the project, one file at a time, after those already queued. The
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
      if (g_file_query_file_type (files[i], G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
        queue_folder (self, files[i]);
      else
        g_ptr_array_add (self->files, g_object_ref (files[i]));
    }

  self->total = self->files->len;
  self->done = 0;
  self->added = 0;
  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);

  if (self->source == 0)
    self->source = g_idle_add (import_next, self);
}

/* Whether a run is under way. */
gboolean
tessera_import_queue_is_busy (TesseraImportQueue *self)
{
  g_return_val_if_fail (TESSERA_IS_IMPORT_QUEUE (self), FALSE);
  return self->source != 0;
}

TesseraStore *
tessera_import_queue_get_store (TesseraImportQueue *self)
{
  g_return_val_if_fail (TESSERA_IS_IMPORT_QUEUE (self), NULL);
  return self->store;
}

/* The project the files go to; the queue goes on into the new one. */
void
tessera_import_queue_set_store (TesseraImportQueue *self,
                                TesseraStore       *store)
{
  g_return_if_fail (TESSERA_IS_IMPORT_QUEUE (self));
  g_return_if_fail (store == NULL || TESSERA_IS_STORE (store));

  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
tessera_import_queue_dispose (GObject *object)
{
  TesseraImportQueue *self = (TesseraImportQueue *)object;

  g_clear_handle_id (&self->source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_IMPORT_QUEUE);

  G_OBJECT_CLASS (tessera_import_queue_parent_class)->dispose (object);
}

static void
tessera_import_queue_finalize (GObject *object)
{
  TesseraImportQueue *self = (TesseraImportQueue *)object;

  g_clear_object (&self->store);
  g_ptr_array_unref (self->files);
  g_ptr_array_unref (self->failures);
  g_ptr_array_unref (self->warnings);

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
}

static void
tessera_import_queue_init (TesseraImportQueue *self)
{
  self->files = g_ptr_array_new_with_free_func (g_object_unref);
  self->failures = g_ptr_array_new_with_free_func (g_free);
  self->warnings = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
}
