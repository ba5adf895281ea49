/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-import"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tessera-importer.h"

#include "tessera-importer-private.h"
#include "tessera-store-bulk-private.h"

/*
 * An import format. The framework checks each file before a format sees it: a regular
 * file (a FIFO would block, a device never end), not larger than TESSERA_IMPORT_MAX_BYTES,
 * not a project. The format only reads the file into records (a TesseraImportBatch); the
 * framework writes them with the one bulk insert and reports one result per document, so
 * that every format dedupes, journals and fails alike. The registry (tessera-formats.c)
 * picks the importer of a file by asking each how sure it is that it reads it.
 */

G_DEFINE_ABSTRACT_TYPE (TesseraImporter, tessera_importer, G_TYPE_OBJECT)

/* In binary units: the limit is exactly 64 MiB, and "67.1 MB" would puzzle. */
void
_tessera_importer_set_too_large (GError     **error,
                                 const char  *display_name,
                                 guint64      size)
{
  g_autofree char *file_size = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *max_size = g_format_size_full (TESSERA_IMPORT_MAX_BYTES,
                                                  G_FORMAT_SIZE_IEC_UNITS);

  g_set_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_TOO_LARGE,
               _("%s is %s; Tessera imports articles of at most %s"),
               display_name, file_size, max_size);
}

/* Only a regular file is opened, and only one Tessera imports: a FIFO would block the
 * import until something writes to it, a device would never end. Looked at with stat(),
 * which opens nothing. */
gboolean
_tessera_importer_check_file (const char  *path,
                              const char  *display_name,
                              GError     **error)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", display_name, g_strerror (saved_errno));
      return FALSE;
    }

  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_FAILED,
                   _("%s is a folder, not a text file"), display_name);
      return FALSE;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_FAILED,
                   _("%s is not a regular file"), display_name);
      return FALSE;
    }

  /* Refuse before reading: the file could be a disk image. */
  if (st.st_size > TESSERA_IMPORT_MAX_BYTES)
    {
      _tessera_importer_set_too_large (error, display_name, st.st_size);
      return FALSE;
    }

  return TRUE;
}

/* Whether @name ends in ".@extension", in any case. */
gboolean
_tessera_importer_has_suffix (const char *name,
                              const char *extension)
{
  gsize length = strlen (name);
  gsize extension_length = strlen (extension);

  return length > extension_length + 1 && name[length - extension_length - 1] == '.' &&
         g_ascii_strcasecmp (name + length - extension_length, extension) == 0;
}

/**
 * _tessera_import_set_line_error:
 * @code: a #TesseraImportError
 * @display_name: the file, as the user knows it
 * @line: the line, from 1
 * @format: what is wrong there, a printf() format, translated
 *
 * Sets @error to "FILE, line N: what is wrong", the message of a line-based format that
 * refuses a file.
 */
void
_tessera_import_set_line_error (GError     **error,
                                int          code,
                                const char  *display_name,
                                guint        line,
                                const char  *format,
                                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: the file, the line number, then what is wrong with it */
  g_set_error (error, TESSERA_IMPORT_ERROR, code, _("%s, line %u: %s"), display_name, line,
               message);
}

/**
 * tessera_import_batch_new:
 *
 * Returns: (transfer full): an empty batch, to fill
 */
TesseraImportBatch *
tessera_import_batch_new (void)
{
  TesseraImportBatch *batch = g_new0 (TesseraImportBatch, 1);

  batch->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_document_record_free);
  batch->entities = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_entity_record_free);
  batch->new_types = g_ptr_array_new_with_free_func (g_object_unref);
  batch->new_relation_types = g_ptr_array_new_with_free_func (g_object_unref);
  batch->warnings = g_ptr_array_new_with_free_func (g_free);
  return batch;
}

void
tessera_import_batch_free (TesseraImportBatch *batch)
{
  if (batch == NULL)
    return;

  g_ptr_array_unref (batch->documents);
  g_ptr_array_unref (batch->entities);
  g_ptr_array_unref (batch->new_types);
  g_ptr_array_unref (batch->new_relation_types);
  g_ptr_array_unref (batch->warnings);
  g_free (batch);
}

/* The title a result shows: a text the project already has keeps the title it has there. */
static char *
dup_result_title (TesseraStore                *store,
                  const TesseraDocumentRecord *document)
{
  g_autoptr(TesseraDocument) stored = NULL;

  if (document->existing)
    stored = tessera_store_dup_document (store, document->id, NULL);
  if (stored != NULL && tessera_document_get_title (stored) != NULL)
    return g_strdup (tessera_document_get_title (stored));
  return g_strdup (document->info.title);
}

/**
 * _tessera_import_batch_insert:
 * @batch: what an importer read from @path; the store sets the ids of its records
 * @path: the file it was read from, as given
 *
 * Writes the records of @batch into @store in one transaction (a text the project already
 * has is not written again), all or nothing.
 *
 * Returns: (transfer container) (element-type TesseraImportResult): one result per
 *   document, the file's warnings with the first; or %NULL with @error set
 */
GPtrArray *
_tessera_import_batch_insert (TesseraImportBatch  *batch,
                              TesseraStore        *store,
                              const char          *path,
                              GCancellable        *cancellable,
                              GError             **error)
{
  g_autofree char *display_name = g_filename_display_basename (path);
  g_autoptr(GPtrArray) results = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  /* Entity types may be among the new types: their ids exist only once written. */
  if (!_tessera_store_insert_documents (store, display_name, batch->new_types,
                                        batch->new_relation_types,
                                        batch->entities, batch->documents, error))
    return NULL;

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_import_result_free);
  for (guint i = 0; i < batch->documents->len; i++)
    {
      TesseraDocumentRecord *document = g_ptr_array_index (batch->documents, i);
      TesseraImportResult *result = g_new0 (TesseraImportResult, 1);

      result->path = g_strdup (path);
      result->document_id = document->id;
      result->existing = document->existing;
      result->title = dup_result_title (store, document);
      /* What the file as a whole says: with its first document. */
      if (i == 0 && batch->warnings->len > 0)
        result->warnings = g_ptr_array_ref (batch->warnings);
      g_ptr_array_add (results, result);
    }
  return g_steal_pointer (&results);
}

void
_tessera_import_entities_init (TesseraImportEntities *self,
                               TesseraStore          *store,
                               GPtrArray             *entities)
{
  GListModel *project = tessera_store_get_entities (store);

  self->entities = g_ptr_array_ref (entities);
  self->entity_of_uri = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->project_uris = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < g_list_model_get_n_items (project); i++)
    {
      g_autoptr(TesseraEntity) entity = g_list_model_get_item (project, i);
      gint64 id = tessera_entity_get_id (entity);
      const TesseraAuthority *authorities;
      guint n;

      authorities = tessera_entity_get_authorities (entity, &n);
      for (guint a = 0; a < n; a++)
        g_hash_table_insert (self->project_uris, g_strdup (authorities[a].uri),
                             g_memdup2 (&id, sizeof id));
    }
}

void
_tessera_import_entities_clear (TesseraImportEntities *self)
{
  g_clear_pointer (&self->entities, g_ptr_array_unref);
  g_clear_pointer (&self->entity_of_uri, g_hash_table_unref);
  g_clear_pointer (&self->project_uris, g_hash_table_unref);
}

/* The id of the project's entity that has the authority record @uri, or 0. */
gint64
_tessera_import_entities_project_id (TesseraImportEntities *self,
                                     const char            *uri)
{
  gint64 *id = g_hash_table_lookup (self->project_uris, uri);

  return id != NULL ? *id : 0;
}

/* The entity of the authority record @uri: the one the file named already, or a new
 * record (the project's entity when it has that record), called @name. */
TesseraEntityRecord *
_tessera_import_entities_for_uri (TesseraImportEntities *self,
                                  const char            *uri,
                                  const char            *name,
                                  TesseraAnnotationType *type)
{
  TesseraEntityRecord *entity = g_hash_table_lookup (self->entity_of_uri, uri);

  if (entity != NULL)
    return entity;
  entity = tessera_entity_record_new ();
  entity->id = _tessera_import_entities_project_id (self, uri);
  entity->name = g_strdup (name);
  entity->type = type != NULL ? g_object_ref (type) : NULL;
  tessera_authorities_append (entity->authorities, tessera_authority_guess_scheme (uri), uri);
  g_ptr_array_add (self->entities, entity);
  g_hash_table_insert (self->entity_of_uri, g_strdup (uri), entity);
  return entity;
}

static void
tessera_importer_class_init (TesseraImporterClass *klass)
{
}

static void
tessera_importer_init (TesseraImporter *self)
{
}

/**
 * tessera_importer_get_id:
 *
 * Returns: the name the command line knows the format by, such as "tei"
 */
const char *
tessera_importer_get_id (TesseraImporter *self)
{
  g_return_val_if_fail (TESSERA_IS_IMPORTER (self), NULL);
  return TESSERA_IMPORTER_GET_CLASS (self)->id;
}

/**
 * tessera_importer_get_name:
 *
 * Returns: the format's name, translated
 */
const char *
tessera_importer_get_name (TesseraImporter *self)
{
  g_return_val_if_fail (TESSERA_IS_IMPORTER (self), NULL);
  return g_dgettext (GETTEXT_PACKAGE, TESSERA_IMPORTER_GET_CLASS (self)->name);
}

/**
 * tessera_importer_get_extensions:
 *
 * Returns: (array zero-terminated=1) (transfer none): the file name endings, without the dot
 */
const char * const *
tessera_importer_get_extensions (TesseraImporter *self)
{
  g_return_val_if_fail (TESSERA_IS_IMPORTER (self), NULL);
  return TESSERA_IMPORTER_GET_CLASS (self)->extensions;
}

const char *
tessera_importer_get_mime_type (TesseraImporter *self)
{
  g_return_val_if_fail (TESSERA_IS_IMPORTER (self), NULL);
  return TESSERA_IMPORTER_GET_CLASS (self)->mime_type;
}

/**
 * tessera_importer_handles_name:
 * @name: a file name
 *
 * Returns: whether @name ends with one of the format's extensions, in any case
 */
gboolean
tessera_importer_handles_name (TesseraImporter *self,
                               const char      *name)
{
  const char * const *extensions;

  g_return_val_if_fail (TESSERA_IS_IMPORTER (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  extensions = TESSERA_IMPORTER_GET_CLASS (self)->extensions;
  for (guint i = 0; extensions != NULL && extensions[i] != NULL; i++)
    {
      if (_tessera_importer_has_suffix (name, extensions[i]))
        return TRUE;
    }
  return FALSE;
}

/**
 * tessera_importer_sniff:
 * @path: the file
 * @data: (array length=length): its first bytes
 * @length: how many
 *
 * Returns: how sure the importer is that it reads the file, from 0 (it does not) to 100
 */
guint
tessera_importer_sniff (TesseraImporter *self,
                        const char      *path,
                        const guint8    *data,
                        gsize            length)
{
  TesseraImporterClass *klass;

  g_return_val_if_fail (TESSERA_IS_IMPORTER (self), 0);
  g_return_val_if_fail (path != NULL, 0);

  klass = TESSERA_IMPORTER_GET_CLASS (self);
  if (klass->sniff != NULL)
    return MIN (klass->sniff (self, path, data, length), 100);
  return tessera_importer_handles_name (self, path) ? 50 : 0;
}

/**
 * tessera_importer_import_file:
 * @store: the project to import into
 * @path: the file
 *
 * Imports the documents of @path: the format reads them, then they are written in one
 * transaction, all or nothing. A file that is not regular, or too large, is refused before
 * anything opens it; a text the project already has is not imported again.
 *
 * Returns: (transfer container) (element-type TesseraImportResult): one result per
 *   document, or %NULL with @error set when the file could not be read at all
 */
GPtrArray *
tessera_importer_import_file (TesseraImporter  *self,
                              TesseraStore     *store,
                              const char       *path,
                              GCancellable     *cancellable,
                              GError          **error)
{
  g_autofree char *display_name = NULL;
  g_autoptr(TesseraImportBatch) batch = NULL;

  g_return_val_if_fail (TESSERA_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (TESSERA_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display_name = g_filename_display_basename (path);
  if (!_tessera_importer_check_file (path, display_name, error))
    return NULL;
  batch = TESSERA_IMPORTER_GET_CLASS (self)->read_file (self, store, path, cancellable, error);
  if (batch == NULL)
    return NULL;
  return _tessera_import_batch_insert (batch, store, path, cancellable, error);
}
