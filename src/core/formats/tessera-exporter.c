/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-export"

#include "config.h"

#include <errno.h>

#include <gio/gunixoutputstream.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tessera-exporter.h"

#include "tessera-exporter-private.h"
#include "tessera-output-file-private.h"

/*
 * An export format. What every format must guarantee is done here once: the destination
 * is checked (never a project), each file is written beside its destination, read back by
 * the format's check() and compared with what was written, and only then renamed over the
 * destination. Documents are read from the project one at a time, so memory does not grow
 * with the corpus.
 */

G_DEFINE_QUARK (tessera-format-error-quark, tessera_format_error)

typedef struct
{
  TesseraOutputFile *output;        /* the file being written, during an export */
  char              *display_name;  /* its destination's, for messages */
  GPtrArray         *notes;         /* utf8: the last export's summary notes */
} TesseraExporterPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (TesseraExporter, tessera_exporter, G_TYPE_OBJECT)

/* The documents to export, each once (a corpus cannot hold the same ids twice), in order:
 * all of the project's when none is named. */
GArray *
_tessera_exporter_list_document_ids (TesseraStore  *store,
                                     const gint64  *document_ids,
                                     guint          n_documents,
                                     GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  GListModel *documents = tessera_store_get_documents (store);

  for (guint i = 0; i < n_documents; i++)
    {
      if (g_hash_table_add (seen, (gpointer) &document_ids[i]))
        g_array_append_val (ids, document_ids[i]);
    }
  for (guint i = 0; n_documents == 0 && i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(TesseraDocument) document = g_list_model_get_item (documents, i);
      gint64 id = tessera_document_get_id (document);

      g_array_append_val (ids, id);
    }
  if (ids->len == 0)
    {
      g_set_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_EMPTY,
                   _("The project has no documents to export"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* Before a folder export writes anything: every destination is checked (none is a
 * project), what killed exports left of files named @name_pattern is removed, and the
 * folder is created. */
gboolean
_tessera_exporter_prepare_folder (const char  *folder,
                                  GPtrArray   *file_names,
                                  const char  *name_pattern,
                                  GError     **error)
{
  if (!_tessera_output_file_check_destination (folder, error))
    return FALSE;
  for (guint i = 0; i < file_names->len; i++)
    {
      g_autofree char *file = g_build_filename (folder, g_ptr_array_index (file_names, i), NULL);

      if (!_tessera_output_file_check_destination (file, error))
        return FALSE;
    }
  _tessera_output_file_clean_stale (folder, name_pattern);

  if (g_mkdir_with_parents (folder, 0777) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the folder %s: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* The extension of the files written: the format's first. */
static const char *
get_file_extension (TesseraExporter *self)
{
  const char * const *extensions = TESSERA_EXPORTER_GET_CLASS (self)->extensions;

  return extensions != NULL && extensions[0] != NULL ? extensions[0] : "txt";
}

typedef struct
{
  TesseraFormatProgressFunc  func;
  gpointer                   data;
  guint                      done;
  guint                      total;
} Progress;

/* Each document counts twice: once written, once read back. */
static void
progress_advance (Progress *progress,
                  guint     n_steps)
{
  progress->done += n_steps;
  if (progress->func != NULL)
    progress->func (progress->done, progress->total, progress->data);
}

/**
 * _tessera_exporter_get_temporary_path:
 *
 * Returns: (nullable): the file being written beside its destination, from begin() to
 *   check(), for a format that reads it back as it writes it
 */
const char *
_tessera_exporter_get_temporary_path (TesseraExporter *self)
{
  TesseraExporterPrivate *priv = tessera_exporter_get_instance_private (self);

  return priv->output != NULL ? _tessera_output_file_get_temporary (priv->output) : NULL;
}

/**
 * _tessera_exporter_get_display_name:
 *
 * Returns: (nullable): the destination of the file being written, for messages
 */
const char *
_tessera_exporter_get_display_name (TesseraExporter *self)
{
  TesseraExporterPrivate *priv = tessera_exporter_get_instance_private (self);

  return priv->display_name;
}

/* One file: written beside @path, read back, then renamed over it. */
static gboolean
write_and_check_file (TesseraExporter    *self,
                      TesseraStore       *store,
                      TesseraOutputFile  *output,
                      const gint64       *ids,
                      guint               n_ids,
                      GCancellable       *cancellable,
                      Progress           *progress,
                      GError            **error)
{
  TesseraExporterClass *klass = TESSERA_EXPORTER_GET_CLASS (self);
  g_autoptr(GOutputStream) file_stream = NULL;
  g_autoptr(GOutputStream) stream = NULL;

  file_stream = g_unix_output_stream_new (_tessera_output_file_steal_fd (output), TRUE);
  stream = g_buffered_output_stream_new (file_stream);

  if (klass->begin != NULL && !klass->begin (self, stream, error))
    return FALSE;
  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr(TesseraDocumentRecord) document = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      document = tessera_store_dup_document_record (store, ids[i], error);
      if (document == NULL || !klass->write_document (self, stream, document, error))
        return FALSE;
      progress_advance (progress, 1);
    }
  if ((klass->end != NULL && !klass->end (self, stream, error)) ||
      !g_output_stream_close (stream, cancellable, error))
    return FALSE;

  if (!klass->check (self, _tessera_output_file_get_temporary (output), cancellable, error))
    return FALSE;
  progress_advance (progress, n_ids);
  return _tessera_output_file_commit (output, error);
}

static gboolean
export_file (TesseraExporter  *self,
             TesseraStore     *store,
             const char       *path,
             const gint64     *ids,
             guint             n_ids,
             GCancellable     *cancellable,
             Progress         *progress,
             GError          **error)
{
  TesseraExporterPrivate *priv = tessera_exporter_get_instance_private (self);
  g_autoptr(TesseraOutputFile) output = _tessera_output_file_new (path, error);
  gboolean ok;

  if (output == NULL)
    return FALSE;
  priv->output = output;
  priv->display_name = g_filename_display_name (path);
  ok = write_and_check_file (self, store, output, ids, n_ids, cancellable, progress, error);
  priv->output = NULL;
  g_clear_pointer (&priv->display_name, g_free);
  return ok;
}

static gboolean
export_files (TesseraExporter            *self,
              TesseraStore               *store,
              GArray                     *ids,
              const char                 *path,
              GCancellable               *cancellable,
              TesseraFormatProgressFunc   progress_func,
              gpointer                    progress_data,
              GError                    **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *pattern = NULL;
  Progress progress = { progress_func, progress_data, 0, 2 * ids->len };

  if (!tessera_exporter_writes_folder (self))
    return export_file (self, store, path, (const gint64 *) (gpointer) ids->data, ids->len,
                        cancellable, &progress, error);

  for (guint i = 0; i < ids->len; i++)
    g_ptr_array_add (names, tessera_exporter_dup_file_name (self, g_array_index (ids, gint64, i)));
  pattern = g_strconcat ("document-*.", get_file_extension (self), NULL);
  if (!_tessera_exporter_prepare_folder (path, names, pattern, error))
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *file = g_build_filename (path, g_ptr_array_index (names, i), NULL);

      if (!export_file (self, store, file, &g_array_index (ids, gint64, i), 1, cancellable,
                        &progress, error))
        return FALSE;
    }
  return TRUE;
}

/* The relations between documents that the files written leave out, in the summary: each
 * relation with an end in @ids, unless the format carries it (both ends in one file). */
static gboolean
note_cross_document_relations (TesseraExporter  *self,
                               TesseraStore     *store,
                               GArray           *ids,
                               GError          **error)
{
  TesseraExporterClass *klass = TESSERA_EXPORTER_GET_CLASS (self);
  gboolean carried = klass->carries_cross_document_relations != NULL &&
                     klass->carries_cross_document_relations (self) &&
                     !tessera_exporter_writes_folder (self);
  g_autoptr(GHashTable) exported = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) relations = NULL;
  guint n = 0;

  relations = tessera_store_dup_cross_document_relations (store, 0, error);
  if (relations == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (exported, &g_array_index (ids, gint64, i));
  for (guint i = 0; i < relations->len; i++)
    {
      TesseraRelation *relation = g_ptr_array_index (relations, i);
      gboolean source = g_hash_table_contains (exported, &relation->source_document_id);
      gboolean target = g_hash_table_contains (exported, &relation->target_document_id);

      if ((source || target) && !(carried && source && target))
        n++;
    }
  if (n > 0)
    tessera_exporter_add_note (self,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "%u relation joins an exported document to "
                                            "another one (such as the same claim in two "
                                            "articles) and is not in the export; a TEI "
                                            "corpus of both documents carries it",
                                            "%u relations join an exported document to "
                                            "another one (such as the same claim in two "
                                            "articles) and are not in the export; a TEI "
                                            "corpus of both documents carries them", n), n);
  return TRUE;
}

static gboolean
tessera_exporter_real_export (TesseraExporter            *self,
                              TesseraStore               *store,
                              const gint64               *document_ids,
                              guint                       n_documents,
                              const char                 *path,
                              GCancellable               *cancellable,
                              TesseraFormatProgressFunc   progress_func,
                              gpointer                    progress_data,
                              GError                    **error)
{
  TesseraExporterClass *klass = TESSERA_EXPORTER_GET_CLASS (self);
  g_autoptr(GArray) ids = NULL;
  gboolean ok;

  /* A format that does not override export() writes documents and checks them. */
  g_return_val_if_fail (klass->write_document != NULL, FALSE);
  g_return_val_if_fail (klass->check != NULL, FALSE);

  ids = _tessera_exporter_list_document_ids (store, document_ids, n_documents, error);
  if (ids == NULL)
    return FALSE;
  if (klass->prepare != NULL &&
      !klass->prepare (self, store, (const gint64 *) (gpointer) ids->data, ids->len,
                       cancellable, error))
    ok = FALSE;
  else
    ok = export_files (self, store, ids, path, cancellable, progress_func, progress_data,
                       error) &&
         note_cross_document_relations (self, store, ids, error);
  if (klass->finish != NULL)
    klass->finish (self);
  return ok;
}

static gboolean
tessera_exporter_real_writes_folder (TesseraExporter *self)
{
  return FALSE;
}

static char *
tessera_exporter_real_dup_file_name (TesseraExporter *self,
                                     gint64           document_id)
{
  return g_strdup_printf ("document-%" G_GINT64_FORMAT ".%s", document_id,
                          get_file_extension (self));
}

static void
tessera_exporter_finalize (GObject *object)
{
  TesseraExporterPrivate *priv = tessera_exporter_get_instance_private (TESSERA_EXPORTER (object));

  g_ptr_array_unref (priv->notes);
  G_OBJECT_CLASS (tessera_exporter_parent_class)->finalize (object);
}

static void
tessera_exporter_class_init (TesseraExporterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tessera_exporter_finalize;
  klass->export = tessera_exporter_real_export;
  klass->writes_folder = tessera_exporter_real_writes_folder;
  klass->dup_file_name = tessera_exporter_real_dup_file_name;
}

static void
tessera_exporter_init (TesseraExporter *self)
{
  TesseraExporterPrivate *priv = tessera_exporter_get_instance_private (self);

  priv->notes = g_ptr_array_new_with_free_func (g_free);
}

/**
 * tessera_exporter_add_note:
 * @format: a printf() format for one sentence, translated
 *
 * Adds a line to the export's summary, for what the user should know of the files written:
 * above all what the format could not carry ("12 annotations nested in others are not in
 * the tag column"). Formats call it while they export; the notes of an export replace the
 * previous one's.
 */
void
tessera_exporter_add_note (TesseraExporter *self,
                           const char      *format,
                           ...)
{
  TesseraExporterPrivate *priv = tessera_exporter_get_instance_private (self);
  va_list args;

  g_return_if_fail (TESSERA_IS_EXPORTER (self));

  va_start (args, format);
  g_ptr_array_add (priv->notes, g_strdup_vprintf (format, args));
  va_end (args);
}

/**
 * tessera_exporter_get_notes:
 *
 * Returns: (transfer none) (element-type utf8): the summary notes of the last export, in
 *   the order they were added; empty when the format carried everything
 */
GPtrArray *
tessera_exporter_get_notes (TesseraExporter *self)
{
  TesseraExporterPrivate *priv = tessera_exporter_get_instance_private (self);

  g_return_val_if_fail (TESSERA_IS_EXPORTER (self), NULL);

  return priv->notes;
}

/**
 * tessera_exporter_get_id:
 *
 * Returns: the name the command line knows the format by, such as "tei"
 */
const char *
tessera_exporter_get_id (TesseraExporter *self)
{
  g_return_val_if_fail (TESSERA_IS_EXPORTER (self), NULL);
  return TESSERA_EXPORTER_GET_CLASS (self)->id;
}

/**
 * tessera_exporter_get_name:
 *
 * Returns: the format's name, translated
 */
const char *
tessera_exporter_get_name (TesseraExporter *self)
{
  g_return_val_if_fail (TESSERA_IS_EXPORTER (self), NULL);
  return g_dgettext (GETTEXT_PACKAGE, TESSERA_EXPORTER_GET_CLASS (self)->name);
}

/**
 * tessera_exporter_get_extensions:
 *
 * Returns: (array zero-terminated=1) (transfer none): the file name endings, without the
 *   dot, the one of the files written first
 */
const char * const *
tessera_exporter_get_extensions (TesseraExporter *self)
{
  g_return_val_if_fail (TESSERA_IS_EXPORTER (self), NULL);
  return TESSERA_EXPORTER_GET_CLASS (self)->extensions;
}

const char *
tessera_exporter_get_mime_type (TesseraExporter *self)
{
  g_return_val_if_fail (TESSERA_IS_EXPORTER (self), NULL);
  return TESSERA_EXPORTER_GET_CLASS (self)->mime_type;
}

/**
 * tessera_exporter_writes_folder:
 *
 * Returns: %TRUE when, with the options set, the destination is a folder that gets one
 *   file per document (named by tessera_exporter_dup_file_name()); %FALSE when it is one
 *   file
 */
gboolean
tessera_exporter_writes_folder (TesseraExporter *self)
{
  g_return_val_if_fail (TESSERA_IS_EXPORTER (self), FALSE);
  return TESSERA_EXPORTER_GET_CLASS (self)->writes_folder (self);
}

/**
 * tessera_exporter_dup_file_name:
 * @document_id: a document
 *
 * Returns: (transfer full): the name of the document's file in a folder export:
 *   "document-ID.EXT" unless the format names it otherwise (after the document's title,
 *   once it has been exported)
 */
char *
tessera_exporter_dup_file_name (TesseraExporter *self,
                                gint64           document_id)
{
  g_return_val_if_fail (TESSERA_IS_EXPORTER (self), NULL);

  return TESSERA_EXPORTER_GET_CLASS (self)->dup_file_name (self, document_id);
}

/**
 * tessera_exporter_export:
 * @store: the project
 * @document_ids: (array length=n_documents) (nullable): the documents, or %NULL for all
 * @n_documents: how many; 0 for all
 * @path: the file, or the folder when tessera_exporter_writes_folder()
 * @progress: (scope call) (nullable): told of each step done
 *
 * Exports documents with the options set as properties. Every file is read back and
 * compared with what was exported before it replaces its destination; one that does not
 * read back is not kept, and the destination is left as it was.
 *
 * Returns: %TRUE on success, else %FALSE with @error set
 */
gboolean
tessera_exporter_export (TesseraExporter            *self,
                         TesseraStore               *store,
                         const gint64               *document_ids,
                         guint                       n_documents,
                         const char                 *path,
                         GCancellable               *cancellable,
                         TesseraFormatProgressFunc   progress,
                         gpointer                    progress_data,
                         GError                    **error)
{
  g_return_val_if_fail (TESSERA_IS_EXPORTER (self), FALSE);
  g_return_val_if_fail (TESSERA_IS_STORE (store), FALSE);
  g_return_val_if_fail (document_ids != NULL || n_documents == 0, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_ptr_array_set_size (((TesseraExporterPrivate *) tessera_exporter_get_instance_private (self))->notes, 0);
  return TESSERA_EXPORTER_GET_CLASS (self)->export (self, store, document_ids, n_documents,
                                                    path, cancellable, progress,
                                                    progress_data, error);
}
