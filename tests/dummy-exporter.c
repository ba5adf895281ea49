/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dummy-exporter.h"

struct _DummyExporter
{
  TesseraExporter  parent_instance;

  char            *prefix;
  gboolean         sabotage;
  GChecksum       *written;
};

G_DEFINE_FINAL_TYPE (DummyExporter, dummy_exporter, TESSERA_TYPE_EXPORTER)

enum {
  PROP_0,
  PROP_PREFIX,
  PROP_SABOTAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const dummy_extensions[] = { "dummy", NULL };

static gboolean
dummy_exporter_begin (TesseraExporter  *exporter,
                      GOutputStream    *stream,
                      GError          **error)
{
  DummyExporter *self = DUMMY_EXPORTER (exporter);

  g_clear_pointer (&self->written, g_checksum_free);
  self->written = g_checksum_new (G_CHECKSUM_SHA256);
  return TRUE;
}

static gboolean
dummy_exporter_write_document (TesseraExporter              *exporter,
                               GOutputStream                *stream,
                               TesseraDocumentRecord        *document,
                               GError                      **error)
{
  DummyExporter *self = DUMMY_EXPORTER (exporter);
  g_autofree char *line = g_strdup_printf ("%s%s\n", self->prefix ? self->prefix : "",
                                           document->info.title);

  g_checksum_update (self->written, (const guchar *) line, -1);
  if (self->sabotage && !g_output_stream_write_all (stream, "!", 1, NULL, NULL, error))
    return FALSE;
  return g_output_stream_write_all (stream, line, strlen (line), NULL, NULL, error);
}

static gboolean
dummy_exporter_check (TesseraExporter  *exporter,
                      const char       *path,
                      GCancellable     *cancellable,
                      GError          **error)
{
  DummyExporter *self = DUMMY_EXPORTER (exporter);
  g_autofree char *contents = NULL;
  g_autofree char *read = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  read = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  if (g_strcmp0 (read, g_checksum_get_string (self->written)) != 0)
    {
      g_set_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK,
                   "the dummy file does not read back as written");
      return FALSE;
    }
  return TRUE;
}

static void
dummy_exporter_finalize (GObject *object)
{
  DummyExporter *self = DUMMY_EXPORTER (object);

  g_free (self->prefix);
  g_clear_pointer (&self->written, g_checksum_free);

  G_OBJECT_CLASS (dummy_exporter_parent_class)->finalize (object);
}

static void
dummy_exporter_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DummyExporter *self = DUMMY_EXPORTER (object);

  if (prop_id == PROP_PREFIX)
    g_value_set_string (value, self->prefix);
  else if (prop_id == PROP_SABOTAGE)
    g_value_set_boolean (value, self->sabotage);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
dummy_exporter_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DummyExporter *self = DUMMY_EXPORTER (object);

  if (prop_id == PROP_PREFIX)
    {
      g_free (self->prefix);
      self->prefix = g_value_dup_string (value);
    }
  else if (prop_id == PROP_SABOTAGE)
    self->sabotage = g_value_get_boolean (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
dummy_exporter_class_init (DummyExporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TesseraExporterClass *exporter_class = TESSERA_EXPORTER_CLASS (klass);

  object_class->finalize = dummy_exporter_finalize;
  object_class->get_property = dummy_exporter_get_property;
  object_class->set_property = dummy_exporter_set_property;

  exporter_class->id = "dummy";
  exporter_class->name = "Dummy titles";
  exporter_class->extensions = dummy_extensions;
  exporter_class->mime_type = "text/x-dummy";
  exporter_class->begin = dummy_exporter_begin;
  exporter_class->write_document = dummy_exporter_write_document;
  exporter_class->check = dummy_exporter_check;

  properties[PROP_PREFIX] =
    g_param_spec_string ("prefix", "Prefix", "Written before each title", "- ",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SABOTAGE] =
    g_param_spec_boolean ("sabotage", "Sabotage", "Write a byte the check does not expect",
                          FALSE, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dummy_exporter_init (DummyExporter *self)
{
  self->prefix = g_strdup ("- ");
}
