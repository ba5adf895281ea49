/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-tei"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tessera-tei-exporter.h"

#include "tessera-exporter-private.h"
#include "tessera-tei-writer-private.h"

/*
 * TEI P5 as an export format: the options as properties, the writing in
 * tessera-tei-export.c. The framework writes each file beside its destination and renames
 * it into place once check() has read all of it back; the TEI writer reads each document
 * back as soon as it is in the file, with the reader its importer shares
 * (tessera-tei-reader.c, strict), so that a document or two is in memory at a time.
 */

struct _TesseraTeiExporter
{
  TesseraExporter    parent_instance;

  gboolean           corpus;
  gboolean           standoff;
  TesseraTeiOverlap  overlap;
  char              *publisher;
  char              *licence;
  char              *title;

  TesseraTeiWriter  *writer;   /* during an export */
};

G_DEFINE_FINAL_TYPE (TesseraTeiExporter, tessera_tei_exporter, TESSERA_TYPE_EXPORTER)

enum {
  PROP_0,
  PROP_CORPUS,
  PROP_OVERLAP,
  PROP_STANDOFF,
  PROP_PUBLISHER,
  PROP_LICENCE,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const tei_extensions[] = { "xml", "tei", NULL };

/* The names are what the user reads (translated where shown), the nicks what they type. */
GType
tessera_tei_overlap_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { TESSERA_TEI_OVERLAP_FRAGMENTS, N_("Fragments and joins"), "fragments" },
        { TESSERA_TEI_OVERLAP_ANCHORS, N_("Anchors and spans"), "anchors" },
        { 0, NULL, NULL }
      };
      GType type = g_enum_register_static (g_intern_static_string ("TesseraTeiOverlap"),
                                           values);

      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

static gboolean
tessera_tei_exporter_writes_folder (TesseraExporter *exporter)
{
  return !TESSERA_TEI_EXPORTER (exporter)->corpus;
}

/* A corpus holds the relations between its documents. */
static gboolean
tessera_tei_exporter_carries_cross_document_relations (TesseraExporter *exporter)
{
  return TESSERA_TEI_EXPORTER (exporter)->corpus;
}

static gboolean
tessera_tei_exporter_prepare (TesseraExporter  *exporter,
                              TesseraStore     *store,
                              const gint64     *document_ids,
                              guint             n_documents,
                              GCancellable     *cancellable,
                              GError          **error)
{
  TesseraTeiExporter *self = TESSERA_TEI_EXPORTER (exporter);
  TesseraTeiExportOptions options;

  tessera_tei_export_options_init (&options);
  options.corpus = self->corpus;
  options.standoff_only = self->standoff;
  options.overlap = self->overlap;
  options.publisher = self->publisher;
  options.licence_url = self->licence;
  options.title = self->title;

  g_clear_pointer (&self->writer, _tessera_tei_writer_free);
  self->writer = _tessera_tei_writer_new (store, &options, document_ids, n_documents,
                                          cancellable, error);
  return self->writer != NULL;
}

static void
tessera_tei_exporter_finish (TesseraExporter *exporter)
{
  TesseraTeiExporter *self = TESSERA_TEI_EXPORTER (exporter);

  g_clear_pointer (&self->writer, _tessera_tei_writer_free);
}

static gboolean
tessera_tei_exporter_begin (TesseraExporter  *exporter,
                            GOutputStream    *stream,
                            GError          **error)
{
  TesseraTeiExporter *self = TESSERA_TEI_EXPORTER (exporter);

  return _tessera_tei_writer_begin_file (self->writer, stream,
                                         _tessera_exporter_get_temporary_path (exporter),
                                         _tessera_exporter_get_display_name (exporter), error);
}

static gboolean
tessera_tei_exporter_write_document (TesseraExporter              *exporter,
                                     GOutputStream                *stream,
                                     TesseraDocumentRecord        *document,
                                     GError                      **error)
{
  TesseraTeiExporter *self = TESSERA_TEI_EXPORTER (exporter);

  return _tessera_tei_writer_write_document (self->writer, document, error);
}

static gboolean
tessera_tei_exporter_end (TesseraExporter  *exporter,
                          GOutputStream    *stream,
                          GError          **error)
{
  TesseraTeiExporter *self = TESSERA_TEI_EXPORTER (exporter);

  return _tessera_tei_writer_end_file (self->writer, error);
}

/* The rest of the file read back: every document, as it was written. */
static gboolean
tessera_tei_exporter_check (TesseraExporter  *exporter,
                            const char       *path,
                            GCancellable     *cancellable,
                            GError          **error)
{
  TesseraTeiExporter *self = TESSERA_TEI_EXPORTER (exporter);

  return _tessera_tei_writer_check_file (self->writer, cancellable, error);
}

static void
tessera_tei_exporter_finalize (GObject *object)
{
  TesseraTeiExporter *self = TESSERA_TEI_EXPORTER (object);

  g_free (self->publisher);
  g_free (self->licence);
  g_free (self->title);
  g_clear_pointer (&self->writer, _tessera_tei_writer_free);

  G_OBJECT_CLASS (tessera_tei_exporter_parent_class)->finalize (object);
}

static void
tessera_tei_exporter_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TesseraTeiExporter *self = TESSERA_TEI_EXPORTER (object);

  switch (prop_id)
    {
    case PROP_CORPUS:
      g_value_set_boolean (value, self->corpus);
      break;
    case PROP_STANDOFF:
      g_value_set_boolean (value, self->standoff);
      break;
    case PROP_OVERLAP:
      g_value_set_enum (value, self->overlap);
      break;
    case PROP_PUBLISHER:
      g_value_set_string (value, self->publisher);
      break;
    case PROP_LICENCE:
      g_value_set_string (value, self->licence);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_string (GObject      *object,
            char        **field,
            const GValue *value,
            GParamSpec   *pspec)
{
  if (g_strcmp0 (*field, g_value_get_string (value)) == 0)
    return;
  g_free (*field);
  *field = g_value_dup_string (value);
  g_object_notify_by_pspec (object, pspec);
}

static void
set_boolean (GObject      *object,
             gboolean     *field,
             const GValue *value,
             GParamSpec   *pspec)
{
  if (*field == g_value_get_boolean (value))
    return;
  *field = g_value_get_boolean (value);
  g_object_notify_by_pspec (object, pspec);
}

static void
tessera_tei_exporter_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TesseraTeiExporter *self = TESSERA_TEI_EXPORTER (object);

  switch (prop_id)
    {
    case PROP_CORPUS:
      set_boolean (object, &self->corpus, value, pspec);
      break;
    case PROP_STANDOFF:
      set_boolean (object, &self->standoff, value, pspec);
      break;
    case PROP_OVERLAP:
      if (self->overlap != (TesseraTeiOverlap) g_value_get_enum (value))
        {
          self->overlap = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_PUBLISHER:
      set_string (object, &self->publisher, value, pspec);
      break;
    case PROP_LICENCE:
      set_string (object, &self->licence, value, pspec);
      break;
    case PROP_TITLE:
      set_string (object, &self->title, value, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_tei_exporter_class_init (TesseraTeiExporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TesseraExporterClass *exporter_class = TESSERA_EXPORTER_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tessera_tei_exporter_finalize;
  object_class->get_property = tessera_tei_exporter_get_property;
  object_class->set_property = tessera_tei_exporter_set_property;

  exporter_class->id = "tei";
  exporter_class->name = N_("TEI P5");
  exporter_class->extensions = tei_extensions;
  exporter_class->mime_type = "application/tei+xml";
  exporter_class->writes_folder = tessera_tei_exporter_writes_folder;
  exporter_class->carries_cross_document_relations =
    tessera_tei_exporter_carries_cross_document_relations;
  exporter_class->prepare = tessera_tei_exporter_prepare;
  exporter_class->finish = tessera_tei_exporter_finish;
  exporter_class->begin = tessera_tei_exporter_begin;
  exporter_class->write_document = tessera_tei_exporter_write_document;
  exporter_class->end = tessera_tei_exporter_end;
  exporter_class->check = tessera_tei_exporter_check;

  properties[PROP_CORPUS] =
    g_param_spec_boolean ("corpus", N_("One Corpus File"),
                          N_("Write one teiCorpus file instead of one file per document"),
                          FALSE, flags);
  properties[PROP_OVERLAP] =
    g_param_spec_enum ("overlap", N_("Crossing Annotations"),
                       N_("How annotations that overlap without nesting are written"),
                       TESSERA_TYPE_TEI_OVERLAP, TESSERA_TEI_OVERLAP_FRAGMENTS, flags);
  properties[PROP_STANDOFF] =
    g_param_spec_boolean ("standoff", N_("Leave the Text Unmarked"),
                          N_("Every annotation in standOff, pointing into a pristine "
                             "transcription"),
                          FALSE, flags);
  properties[PROP_PUBLISHER] =
    g_param_spec_string ("publisher", N_("Publisher"),
                         N_("The publisher named in the files (default: the annotator)"),
                         NULL, flags);
  properties[PROP_LICENCE] =
    g_param_spec_string ("licence", N_("Licence"),
                         N_("The licence of the annotations, as a URL"),
                         NULL, flags);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", N_("Corpus Title"),
                         N_("The title of the corpus (default: the project's file name)"),
                         NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tessera_tei_exporter_init (TesseraTeiExporter *self)
{
  self->overlap = TESSERA_TEI_OVERLAP_FRAGMENTS;
}

/**
 * tessera_tei_exporter_new:
 * @options: (nullable): the options to set; the defaults of
 *   tessera_tei_export_options_init() if %NULL
 *
 * Returns: (transfer full): a TEI exporter with @options set as its properties
 */
TesseraExporter *
tessera_tei_exporter_new (const TesseraTeiExportOptions *options)
{
  TesseraTeiExportOptions defaults;

  if (options == NULL)
    {
      tessera_tei_export_options_init (&defaults);
      options = &defaults;
    }
  return g_object_new (TESSERA_TYPE_TEI_EXPORTER,
                       "corpus", options->corpus,
                       "standoff", options->standoff_only,
                       "overlap", options->overlap,
                       "publisher", options->publisher,
                       "licence", options->licence_url,
                       "title", options->title,
                       NULL);
}
