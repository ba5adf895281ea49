/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-export-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tessera-export-dialog.h"

/*
 * Export: what, in which format and form, and whether to validate. The formats are those
 * of the registry (tessera-formats.c); the rows of a format's options are built from the
 * exporter's properties (a switch for a boolean, a drop-down for an enumeration, an entry
 * for text, a spin button for a number), and an option with a GSettings key named
 * "export-OPTION" starts from the last value used. The export runs in a worker
 * thread on its own read-only connection to the project (SQLite's WAL lets it read while
 * the window goes on writing); a RELAX NG schema is compiled once per process, off the main
 * thread, and reused for every file.
 */

enum {
  SCOPE_CURRENT,
  SCOPE_ALL,
  SCOPE_CHOSEN,
};

struct _TesseraExportDialog
{
  AdwWindow      parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkButton       *cancel_button;
  GtkButton       *export_button;
  AdwComboRow     *scope_row;
  AdwExpanderRow  *choice_row;
  AdwPreferencesGroup *form_group;
  AdwComboRow     *format_row;
  AdwPreferencesGroup *validation_group;
  AdwActionRow    *schema_row;
  GtkSwitch       *validate_switch;
  GtkBox          *progress_box;
  GtkLabel        *progress_label;
  GtkProgressBar  *progress_bar;
  AdwPreferencesGroup *problems_group;
  GtkListBox      *problems_list;

  GSettings       *settings;
  TesseraStore    *store;
  gint64           document_id;
  GPtrArray       *choices;        /* GtkCheckButton, data "document-id" */
  GPtrArray       *exporters;      /* TesseraExporter, as the format row lists them */
  GPtrArray       *option_rows;    /* the rows of the chosen format's options */
  GCancellable    *cancellable;
  char            *schema_path;
};

G_DEFINE_FINAL_TYPE (TesseraExportDialog, tessera_export_dialog, ADW_TYPE_WINDOW)

enum {
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Validators by schema path, for the life of the process. */
static GMutex validators_lock;
static GHashTable *validators;

static TesseraTeiValidator *
dup_validator (const char    *schema_path,
               GCancellable  *cancellable,
               GError       **error)
{
  TesseraTeiValidator *validator;

  g_mutex_lock (&validators_lock);
  if (validators == NULL)
    validators = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  validator = g_hash_table_lookup (validators, schema_path);
  if (validator != NULL)
    {
      g_object_ref (validator);
      g_mutex_unlock (&validators_lock);
      return validator;
    }
  g_mutex_unlock (&validators_lock);

  /* Compiling tei_all takes seconds: outside the lock. */
  validator = tessera_tei_validator_new (schema_path, cancellable, error);
  if (validator == NULL)
    return NULL;

  g_mutex_lock (&validators_lock);
  g_hash_table_replace (validators, g_strdup (schema_path), g_object_ref (validator));
  g_mutex_unlock (&validators_lock);
  return validator;
}

/* The job ------------------------------------------------------------------------------ */

typedef struct
{
  TesseraExportDialog     *dialog;       /* owned */
  char                    *project_path;
  GArray                  *ids;
  char                    *destination;
  TesseraExporter         *exporter;     /* a copy: the dialog's may change meanwhile */
  char                    *schema_path;  /* NULL: no validation */
  GPtrArray               *files;        /* char *, written */
  GPtrArray               *problems;     /* char *, "file, line N: message" */
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->dialog);
  g_free (job->project_path);
  g_array_unref (job->ids);
  g_free (job->destination);
  g_clear_object (&job->exporter);
  g_free (job->schema_path);
  g_ptr_array_unref (job->files);
  g_ptr_array_unref (job->problems);
  g_free (job);
}

typedef struct
{
  TesseraExportDialog *dialog;
  double               fraction;
  char                *text;
} Progress;

static gboolean
show_progress (gpointer data)
{
  Progress *progress = data;

  gtk_progress_bar_set_fraction (progress->dialog->progress_bar, progress->fraction);
  if (progress->text != NULL)
    gtk_label_set_label (progress->dialog->progress_label, progress->text);
  g_object_unref (progress->dialog);
  g_free (progress->text);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

static void
post_progress (TesseraExportDialog *dialog,
               double               fraction,
               const char          *text)
{
  Progress *progress = g_new0 (Progress, 1);

  progress->dialog = g_object_ref (dialog);
  progress->fraction = fraction;
  progress->text = g_strdup (text);
  g_main_context_invoke (NULL, show_progress, progress);
}

static void
on_export_progress (guint    done,
                    guint    total,
                    gpointer data)
{
  ExportJob *job = data;

  /* The last tenth is left for validation, when there is one. */
  post_progress (job->dialog, (job->schema_path ? 0.9 : 1.0) * done / MAX (total, 1), NULL);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(TesseraStore) store = NULL;
  g_autoptr(TesseraTeiValidator) validator = NULL;
  GError *error = NULL;

  store = tessera_store_open (job->project_path, TESSERA_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  post_progress (job->dialog, 0, _("Writing and checking the files…"));
  if (!tessera_exporter_export (job->exporter, store, (const gint64 *) (gpointer) job->ids->data,
                                job->ids->len, job->destination, cancellable,
                                on_export_progress, job, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (!tessera_exporter_writes_folder (job->exporter))
    g_ptr_array_add (job->files, g_strdup (job->destination));
  else
    {
      for (guint i = 0; i < job->ids->len; i++)
        {
          gint64 id = g_array_index (job->ids, gint64, i);
          g_autofree char *name = tessera_exporter_dup_file_name (job->exporter, id);

          g_ptr_array_add (job->files, g_build_filename (job->destination, name, NULL));
        }
    }

  if (job->schema_path == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  post_progress (job->dialog, 0.9, _("Compiling the schema (once per session)…"));
  validator = dup_validator (job->schema_path, cancellable, &error);
  if (validator == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  post_progress (job->dialog, 0.95, _("Validating…"));
  for (guint i = 0; i < job->files->len; i++)
    {
      const char *file = g_ptr_array_index (job->files, i);
      g_autoptr(GPtrArray) problems = NULL;
      g_autofree char *name = g_path_get_basename (file);

      /* Invalid is not a failure of the export: the problems are listed, line by line. */
      if (!tessera_tei_validator_validate_file (validator, file, &problems, &error))
        {
          if (!g_error_matches (error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_INVALID) ||
              problems == NULL || problems->len == 0)
            {
              g_task_return_error (task, error);
              return;
            }
          g_clear_error (&error);
        }
      for (guint j = 0; problems != NULL && j < problems->len; j++)
        {
          TesseraTeiProblem *problem = g_ptr_array_index (problems, j);

          g_ptr_array_add (job->problems,
                           g_strdup_printf (_("%s, line %u: %s"), name, problem->line,
                                            problem->message));
        }
    }

  g_task_return_boolean (task, TRUE);
}

/* Finishing ----------------------------------------------------------------------------- */

static void
set_busy (TesseraExportDialog *self,
          gboolean             busy)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), busy);
  if (busy)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_widget_set_visible (GTK_WIDGET (self->problems_group), FALSE);
    }
}

/* Lines under the options: the schema's errors, or the export's summary. */
static void
show_lines (TesseraExportDialog *self,
            const char          *title,
            const char          *description,
            GPtrArray           *lines)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, row);
  for (guint i = 0; i < lines->len && i < 200; i++)
    {
      GtkWidget *label = gtk_label_new (g_ptr_array_index (lines, i));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_list_box_append (self->problems_list, label);
    }
  adw_preferences_group_set_title (self->problems_group, title);
  adw_preferences_group_set_description (self->problems_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), TRUE);
}

static void
on_export_done (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  TesseraExportDialog *self = TESSERA_EXPORT_DIALOG (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GPtrArray *notes;

  set_busy (self, FALSE);
  g_clear_object (&self->cancellable);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_debug ("Export failed: %s", error->message);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          AdwToast *toast = adw_toast_new (error->message);

          adw_toast_set_timeout (toast, 0);
          adw_toast_overlay_add_toast (self->toast_overlay, toast);
        }
      return;
    }

  notes = tessera_exporter_get_notes (job->exporter);
  if (job->problems->len == 0 && notes->len == 0)
    {
      g_signal_emit (self, signals[EXPORTED], 0, job->destination, job->files->len,
                     job->schema_path != NULL);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  /* Written and checked, but not valid against the schema: say where, line by line. Or
   * written, checked and valid, with what the format could not carry. */
  if (job->problems->len == 0)
    {
      g_autofree char *description =
        g_strdup_printf (_("The files were written to %s and read back. The format could not carry everything:"),
                         job->destination);

      g_signal_emit (self, signals[EXPORTED], 0, job->destination, job->files->len,
                     job->schema_path != NULL);
      show_lines (self, _("Export Summary"), description, notes);
      return;
    }
  {
    g_autofree char *description =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                    "The files were written to %s, but the schema reports %u error.",
                                    "The files were written to %s, but the schema reports %u errors.",
                                    job->problems->len),
                       job->destination, job->problems->len);

    show_lines (self, _("Validation Errors"), description, job->problems);
  }
}

/* Formats and their options ------------------------------------------------------------- */

static TesseraExporter *
get_exporter (TesseraExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->format_row);

  return g_ptr_array_index (self->exporters, MIN (selected, self->exporters->len - 1));
}

/* An exporter of the same format with the same options, for the worker thread. */
static TesseraExporter *
dup_exporter (TesseraExporter *exporter)
{
  g_autofree GParamSpec **pspecs = NULL;
  TesseraExporter *copy = g_object_new (G_OBJECT_TYPE (exporter), NULL);
  guint n_pspecs = 0;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (exporter), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if ((pspecs[i]->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE)
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (exporter), pspecs[i]->name, &value);
      g_object_set_property (G_OBJECT (copy), pspecs[i]->name, &value);
    }
  return copy;
}

/* RELAX NG validates XML formats only. */
static gboolean
validates (TesseraExportDialog *self)
{
  const char *mime_type = tessera_exporter_get_mime_type (get_exporter (self));

  return mime_type != NULL && (g_str_has_suffix (mime_type, "+xml") ||
                               g_str_has_suffix (mime_type, "/xml"));
}

/* The boolean key "export-OPTION" that remembers an option, or NULL. */
static char *
dup_settings_key (TesseraExportDialog *self,
                  GParamSpec          *pspec)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) key = NULL;
  g_autofree char *name = g_strconcat ("export-", pspec->name, NULL);

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  if (!G_IS_PARAM_SPEC_BOOLEAN (pspec) || !g_settings_schema_has_key (schema, name))
    return NULL;
  key = g_settings_schema_get_key (schema, name);
  if (!g_variant_type_equal (g_settings_schema_key_get_value_type (key), G_VARIANT_TYPE_BOOLEAN))
    return NULL;
  return g_steal_pointer (&name);
}

/* Restores (@save FALSE) or saves the options that have a key of their own. */
static void
sync_settings (TesseraExportDialog *self,
               TesseraExporter     *exporter,
               gboolean             save)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs = 0;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (exporter), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_autofree char *key = dup_settings_key (self, pspecs[i]);
      gboolean value;

      if (key == NULL)
        continue;
      if (save)
        {
          g_object_get (exporter, pspecs[i]->name, &value, NULL);
          g_settings_set_boolean (self->settings, key, value);
        }
      else
        g_object_set (exporter, pspecs[i]->name, g_settings_get_boolean (self->settings, key),
                      NULL);
    }
}

static void
save_options (TesseraExportDialog *self)
{
  TesseraExporter *exporter = get_exporter (self);

  g_settings_set_string (self->settings, "export-format", tessera_exporter_get_id (exporter));
  sync_settings (self, exporter, TRUE);
}

static gboolean
enum_to_position (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      data)
{
  GEnumClass *enum_class = data;

  for (guint i = 0; i < enum_class->n_values; i++)
    {
      if (enum_class->values[i].value == g_value_get_enum (from))
        {
          g_value_set_uint (to, i);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
position_to_enum (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      data)
{
  GEnumClass *enum_class = data;
  guint position = g_value_get_uint (from);

  if (position >= enum_class->n_values)
    return FALSE;
  g_value_set_enum (to, enum_class->values[position].value);
  return TRUE;
}

/* An option left empty is not set: the format's default applies. */
static gboolean
string_to_text (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      data)
{
  const char *string = g_value_get_string (from);

  g_value_set_string (to, string != NULL ? string : "");
  return TRUE;
}

static gboolean
text_to_string (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      data)
{
  const char *text = g_value_get_string (from);

  g_value_set_string (to, text != NULL && *text != '\0' ? text : NULL);
  return TRUE;
}

/* A row with @control at its end, named for assistive technologies after the option. */
static GtkWidget *
new_control_row (GtkWidget  *control,
                 const char *label)
{
  GtkWidget *row = adw_action_row_new ();

  gtk_widget_set_valign (control, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), control);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), control);
  return row;
}

/* The row of one option, bound both ways to the exporter's property; NULL for a kind of
 * option the dialog does not show. */
static GtkWidget *
new_option_row (TesseraExporter *exporter,
                GParamSpec      *pspec)
{
  const char *title = g_dgettext (GETTEXT_PACKAGE, g_param_spec_get_nick (pspec));
  const char *blurb = g_dgettext (GETTEXT_PACKAGE, g_param_spec_get_blurb (pspec));
  GBindingFlags flags = G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE;
  GtkWidget *row = NULL;

  if (G_IS_PARAM_SPEC_BOOLEAN (pspec))
    {
      GtkWidget *toggle = gtk_switch_new ();

      row = new_control_row (toggle, title);
      g_object_bind_property (exporter, pspec->name, toggle, "active", flags);
    }
  else if (G_IS_PARAM_SPEC_ENUM (pspec))
    {
      GEnumClass *enum_class = G_PARAM_SPEC_ENUM (pspec)->enum_class;
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

      for (guint i = 0; i < enum_class->n_values; i++)
        gtk_string_list_append (labels, g_dgettext (GETTEXT_PACKAGE,
                                                    enum_class->values[i].value_name));
      row = adw_combo_row_new ();
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
      g_object_bind_property_full (exporter, pspec->name, row, "selected", flags,
                                   enum_to_position, position_to_enum,
                                   g_type_class_ref (G_TYPE_FROM_CLASS (enum_class)),
                                   g_type_class_unref);
    }
  else if (G_IS_PARAM_SPEC_STRING (pspec))
    {
      row = adw_entry_row_new ();
      gtk_widget_set_tooltip_text (row, blurb);
      g_object_bind_property_full (exporter, pspec->name, row, "text", flags,
                                   string_to_text, text_to_string, NULL, NULL);
    }
  else if (G_IS_PARAM_SPEC_INT (pspec))
    {
      GParamSpecInt *range = G_PARAM_SPEC_INT (pspec);
      GtkWidget *spin = gtk_spin_button_new_with_range (range->minimum, range->maximum, 1);

      row = new_control_row (spin, title);
      g_object_bind_property (exporter, pspec->name, spin, "value", flags);
    }

  if (row == NULL)
    return NULL;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (ADW_IS_ACTION_ROW (row))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), blurb);
  return row;
}

static void
on_format_changed (TesseraExportDialog *self)
{
  TesseraExporter *exporter;
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs = 0;

  if (self->exporters == NULL || self->exporters->len == 0)
    return;

  for (guint i = 0; i < self->option_rows->len; i++)
    adw_preferences_group_remove (self->form_group, g_ptr_array_index (self->option_rows, i));
  g_ptr_array_set_size (self->option_rows, 0);

  exporter = get_exporter (self);
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (exporter), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      GtkWidget *row;

      if ((pspecs[i]->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE)
        continue;
      row = new_option_row (exporter, pspecs[i]);
      if (row == NULL)
        continue;
      adw_preferences_group_add (self->form_group, row);
      g_ptr_array_add (self->option_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->validation_group), validates (self));
}

/* The registry's formats, the last one used chosen, with the options last used. */
static void
fill_formats (TesseraExportDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *last = g_settings_get_string (self->settings, "export-format");
  guint selected = 0;

  for (guint i = 0; i < self->exporters->len; i++)
    {
      TesseraExporter *exporter = g_ptr_array_index (self->exporters, i);

      sync_settings (self, exporter, FALSE);
      gtk_string_list_append (names, tessera_exporter_get_name (exporter));
      if (g_strcmp0 (tessera_exporter_get_id (exporter), last) == 0)
        selected = i;
    }
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->format_row, selected);
  on_format_changed (self);
}

/* Starting ------------------------------------------------------------------------------ */

static GArray *
chosen_ids (TesseraExportDialog *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint scope = adw_combo_row_get_selected (self->scope_row);

  if (scope == SCOPE_CURRENT)
    {
      if (self->document_id != 0)
        g_array_append_val (ids, self->document_id);
    }
  else
    {
      GListModel *documents = tessera_store_get_documents (self->store);

      for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
        {
          g_autoptr(TesseraDocument) document = g_list_model_get_item (documents, i);
          gint64 id = tessera_document_get_id (document);

          if (scope == SCOPE_CHOSEN &&
              !gtk_check_button_get_active (g_ptr_array_index (self->choices, i)))
            continue;
          g_array_append_val (ids, id);
        }
    }
  return ids;
}

static void
start_export (TesseraExportDialog *self,
              const char          *destination)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job = g_new0 (ExportJob, 1);

  job->dialog = g_object_ref (self);
  job->project_path = g_strdup (tessera_store_get_path (self->store));
  job->ids = chosen_ids (self);
  job->destination = g_strdup (destination);
  job->exporter = dup_exporter (get_exporter (self));
  if (validates (self) && gtk_switch_get_active (self->validate_switch) &&
      self->schema_path != NULL)
    job->schema_path = g_strdup (self->schema_path);
  job->files = g_ptr_array_new_with_free_func (g_free);
  job->problems = g_ptr_array_new_with_free_func (g_free);

  save_options (self);

  set_busy (self, TRUE);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, on_export_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

/* The local file a chooser was answered with, or NULL (cancelled, or not a local file). */
static GFile *
dup_chosen_file (GtkNativeDialog *chooser,
                 int              response)
{
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return NULL;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file == NULL || !g_file_is_native (file))
    return NULL;
  return g_steal_pointer (&file);
}

static void
on_destination_response (GtkNativeDialog     *chooser,
                         int                  response,
                         TesseraExportDialog *self)
{
  g_autoptr(GFile) file = dup_chosen_file (chooser, response);

  if (file != NULL)
    {
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GFile) folder = NULL;

      if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE)
        folder = g_file_get_parent (file);
      else
        folder = g_object_ref (file);
      if (folder != NULL)
        {
          g_autofree char *folder_path = g_file_get_path (folder);
          g_settings_set_string (self->settings, "export-folder", folder_path ? folder_path : "");
        }
      start_export (self, path);
    }
  g_object_unref (chooser);
}

static void
on_export_clicked (TesseraExportDialog *self)
{
  g_autoptr(GArray) ids = chosen_ids (self);
  TesseraExporter *exporter = get_exporter (self);
  gboolean one_file = !tessera_exporter_writes_folder (exporter);
  g_autofree char *folder = g_settings_get_string (self->settings, "export-folder");
  GtkFileChooserNative *chooser;

  if (ids->len == 0)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Choose at least one document to export")));
      return;
    }
  if (validates (self) && gtk_switch_get_active (self->validate_switch) &&
      self->schema_path == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Choose a RELAX NG schema to validate against")));
      return;
    }

  chooser = gtk_file_chooser_native_new (one_file ? _("Save the Export")
                                                  : _("Choose a Folder for the Files"),
                                         GTK_WINDOW (self),
                                         one_file ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                  : GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Export"), _("_Cancel"));
  if (folder != NULL && *folder != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) start = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), start, NULL);
    }
  if (one_file)
    {
      g_autofree char *base = g_path_get_basename (tessera_store_get_path (self->store));
      const char * const *extensions = tessera_exporter_get_extensions (exporter);
      char *dot = strrchr (base, '.');
      g_autofree char *name = NULL;

      if (dot != NULL)
        *dot = '\0';
      name = g_strconcat (base, ".", extensions != NULL && extensions[0] != NULL
                                     ? extensions[0] : "txt", NULL);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (on_destination_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Options -------------------------------------------------------------------------------- */

static void
show_schema (TesseraExportDialog *self)
{
  if (self->schema_path != NULL)
    {
      g_autofree char *name = g_filename_display_basename (self->schema_path);

      adw_action_row_set_subtitle (self->schema_row, name);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->schema_row), self->schema_path);
    }
  else
    adw_action_row_set_subtitle (self->schema_row, _("None chosen"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->validate_switch), self->schema_path != NULL);
}

static void
on_schema_response (GtkNativeDialog     *chooser,
                    int                  response,
                    TesseraExportDialog *self)
{
  g_autoptr(GFile) file = dup_chosen_file (chooser, response);

  if (file != NULL)
    {
      g_free (self->schema_path);
      self->schema_path = g_file_get_path (file);
      g_settings_set_string (self->settings, "relaxng-schema", self->schema_path);
      gtk_switch_set_active (self->validate_switch, TRUE);
      show_schema (self);
    }
  g_object_unref (chooser);
}

static void
on_schema_clicked (TesseraExportDialog *self)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Choose a RELAX NG Schema"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("RELAX NG schemas (XML syntax)"));
  gtk_file_filter_add_suffix (filter, "rng");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_schema_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_cancel_clicked (TesseraExportDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_scope_changed (TesseraExportDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->choice_row),
                          adw_combo_row_get_selected (self->scope_row) == SCOPE_CHOSEN);
}

static void
fill_choices (TesseraExportDialog *self)
{
  GListModel *documents = tessera_store_get_documents (self->store);
  guint n = g_list_model_get_n_items (documents);

  /* Long lists are for "All documents"; the expander is for a handful. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TesseraDocument) document = g_list_model_get_item (documents, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tessera_document_get_title (document));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   tessera_document_get_id (document) == self->document_id);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      tessera_document_get_title (document), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (self->choice_row, row);
      g_ptr_array_add (self->choices, check);
    }
}

static gboolean
on_escape (GtkWidget *widget,
           GVariant  *arguments,
           gpointer   data)
{
  on_cancel_clicked (TESSERA_EXPORT_DIALOG (widget));
  return TRUE;
}

/* GObject -------------------------------------------------------------------------------- */

static void
tessera_export_dialog_dispose (GObject *object)
{
  TesseraExportDialog *self = (TesseraExportDialog *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (tessera_export_dialog_parent_class)->dispose (object);
}

static void
tessera_export_dialog_finalize (GObject *object)
{
  TesseraExportDialog *self = (TesseraExportDialog *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_ptr_array_unref (self->choices);
  g_ptr_array_unref (self->exporters);
  g_ptr_array_unref (self->option_rows);
  g_free (self->schema_path);

  G_OBJECT_CLASS (tessera_export_dialog_parent_class)->finalize (object);
}

static void
tessera_export_dialog_class_init (TesseraExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_export_dialog_dispose;
  object_class->finalize = tessera_export_dialog_finalize;

  /**
   * TesseraExportDialog::exported:
   * @destination: the folder or corpus file written
   * @n_files: how many files
   * @validated: whether they were validated against a schema
   */
  signals[EXPORTED] =
    g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_UINT, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/tessera/Tessera/tessera-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraExportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TesseraExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraExportDialog, scope_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraExportDialog, choice_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraExportDialog, form_group);
  gtk_widget_class_bind_template_child (widget_class, TesseraExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraExportDialog, validation_group);
  gtk_widget_class_bind_template_child (widget_class, TesseraExportDialog, schema_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraExportDialog, validate_switch);
  gtk_widget_class_bind_template_child (widget_class, TesseraExportDialog, progress_box);
  gtk_widget_class_bind_template_child (widget_class, TesseraExportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TesseraExportDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, TesseraExportDialog, problems_list);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_schema_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_format_changed);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, on_escape, NULL);
}

static void
tessera_export_dialog_init (TesseraExportDialog *self)
{
  g_autofree char *schema = NULL;

  self->choices = g_ptr_array_new ();
  self->option_rows = g_ptr_array_new ();
  self->settings = g_settings_new (APPLICATION_ID);
  self->exporters = tessera_formats_list_exporters ();

  gtk_widget_init_template (GTK_WIDGET (self));

  fill_formats (self);
  schema = g_settings_get_string (self->settings, "relaxng-schema");
  if (schema != NULL && *schema != '\0' && g_file_test (schema, G_FILE_TEST_IS_REGULAR))
    self->schema_path = g_steal_pointer (&schema);
  gtk_switch_set_active (self->validate_switch, self->schema_path != NULL);
  show_schema (self);

  g_signal_connect_swapped (self->scope_row, "notify::selected", G_CALLBACK (on_scope_changed), self);
}

/**
 * tessera_export_dialog_new:
 * @document_id: the document shown in the window, or 0
 */
TesseraExportDialog *
tessera_export_dialog_new (GtkWindow    *parent,
                           TesseraStore *store,
                           gint64        document_id)
{
  TesseraExportDialog *self;

  g_return_val_if_fail (TESSERA_IS_STORE (store), NULL);

  self = g_object_new (TESSERA_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->document_id = document_id;
  adw_combo_row_set_selected (self->scope_row, document_id != 0 ? SCOPE_CURRENT : SCOPE_ALL);
  fill_choices (self);
  return self;
}

/**
 * tessera_export_dialog_start:
 * @destination: the folder (one file per document) or the corpus file
 *
 * Exports with the options shown, as the Export button does once a destination is chosen.
 */
void
tessera_export_dialog_start (TesseraExportDialog *self,
                             const char          *destination)
{
  g_return_if_fail (TESSERA_IS_EXPORT_DIALOG (self));
  g_return_if_fail (destination != NULL);

  start_export (self, destination);
}

gboolean
tessera_export_dialog_is_busy (TesseraExportDialog *self)
{
  g_return_val_if_fail (TESSERA_IS_EXPORT_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

/**
 * tessera_export_dialog_get_n_problems:
 *
 * Returns: how many validation errors the dialog lists
 */
guint
tessera_export_dialog_get_n_problems (TesseraExportDialog *self)
{
  guint n = 0;

  g_return_val_if_fail (TESSERA_IS_EXPORT_DIALOG (self), 0);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->problems_group)))
    return 0;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    n++;
  return n;
}
