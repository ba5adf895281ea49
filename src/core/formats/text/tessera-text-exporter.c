/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-text-exporter.h"

/*
 * Plain text: each document's text, as the project holds it (UTF-8, NFC, lines ending in
 * LF), in a file of its own or one after the other in one file. The read-back compares
 * the SHA-256 of the file with that of what was written.
 */

struct _TesseraTextExporter
{
  TesseraExporter  parent_instance;

  gboolean         corpus;
  GChecksum       *written;    /* of the file being written */
  guint            n_written;  /* documents in it */
};

G_DEFINE_FINAL_TYPE (TesseraTextExporter, tessera_text_exporter, TESSERA_TYPE_EXPORTER)

enum {
  PROP_0,
  PROP_CORPUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const text_extensions[] = { "txt", NULL };

static gboolean
write_bytes (TesseraTextExporter  *self,
             GOutputStream        *stream,
             const char           *bytes,
             gsize                 length,
             GError              **error)
{
  g_checksum_update (self->written, (const guchar *) bytes, length);
  return g_output_stream_write_all (stream, bytes, length, NULL, NULL, error);
}

static gboolean
tessera_text_exporter_writes_folder (TesseraExporter *exporter)
{
  return !TESSERA_TEXT_EXPORTER (exporter)->corpus;
}

static gboolean
tessera_text_exporter_begin (TesseraExporter  *exporter,
                             GOutputStream    *stream,
                             GError          **error)
{
  TesseraTextExporter *self = TESSERA_TEXT_EXPORTER (exporter);

  g_clear_pointer (&self->written, g_checksum_free);
  self->written = g_checksum_new (G_CHECKSUM_SHA256);
  self->n_written = 0;
  return TRUE;
}

/* The text and a newline; in one file, a blank line between two documents. */
static gboolean
tessera_text_exporter_write_document (TesseraExporter              *exporter,
                                      GOutputStream                *stream,
                                      TesseraDocumentRecord        *document,
                                      GError                      **error)
{
  TesseraTextExporter *self = TESSERA_TEXT_EXPORTER (exporter);

  if (self->n_written++ > 0 && !write_bytes (self, stream, "\n", 1, error))
    return FALSE;
  return write_bytes (self, stream, document->text, strlen (document->text), error) &&
         write_bytes (self, stream, "\n", 1, error);
}

static gboolean
tessera_text_exporter_check (TesseraExporter  *exporter,
                             const char       *path,
                             GCancellable     *cancellable,
                             GError          **error)
{
  TesseraTextExporter *self = TESSERA_TEXT_EXPORTER (exporter);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, error);
  g_autoptr(GChecksum) read = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *display = g_filename_display_basename (path);
  char buffer[64 * 1024];
  gssize n;

  if (stream == NULL)
    return FALSE;
  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer,
                                   cancellable, error)) > 0)
    g_checksum_update (read, (const guchar *) buffer, n);
  if (n < 0)
    return FALSE;

  if (g_strcmp0 (g_checksum_get_string (read), g_checksum_get_string (self->written)) != 0)
    {
      g_set_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK,
                   _("%s does not read back as the text that was written, so it was not "
                     "kept; check the disk"), display);
      return FALSE;
    }
  return TRUE;
}

static void
tessera_text_exporter_finalize (GObject *object)
{
  TesseraTextExporter *self = TESSERA_TEXT_EXPORTER (object);

  g_clear_pointer (&self->written, g_checksum_free);

  G_OBJECT_CLASS (tessera_text_exporter_parent_class)->finalize (object);
}

static void
tessera_text_exporter_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TesseraTextExporter *self = TESSERA_TEXT_EXPORTER (object);

  switch (prop_id)
    {
    case PROP_CORPUS:
      g_value_set_boolean (value, self->corpus);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_text_exporter_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TesseraTextExporter *self = TESSERA_TEXT_EXPORTER (object);

  switch (prop_id)
    {
    case PROP_CORPUS:
      if (self->corpus != g_value_get_boolean (value))
        {
          self->corpus = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_text_exporter_class_init (TesseraTextExporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TesseraExporterClass *exporter_class = TESSERA_EXPORTER_CLASS (klass);

  object_class->finalize = tessera_text_exporter_finalize;
  object_class->get_property = tessera_text_exporter_get_property;
  object_class->set_property = tessera_text_exporter_set_property;

  exporter_class->id = "text";
  exporter_class->name = N_("Plain text");
  exporter_class->extensions = text_extensions;
  exporter_class->mime_type = "text/plain";
  exporter_class->writes_folder = tessera_text_exporter_writes_folder;
  exporter_class->begin = tessera_text_exporter_begin;
  exporter_class->write_document = tessera_text_exporter_write_document;
  exporter_class->check = tessera_text_exporter_check;

  properties[PROP_CORPUS] =
    g_param_spec_boolean ("corpus", N_("One File"),
                          N_("Every text in one file, a blank line between two, instead of "
                             "a file per document"),
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tessera_text_exporter_init (TesseraTextExporter *self)
{
}
