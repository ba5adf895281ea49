/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-csv"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-csv-exporter.h"

#include "tessera-csv-private.h"
#include "tessera-format-compare.h"
#include "tessera-text.h"

/*
 * CSV for spreadsheets: one row per annotation, the columns of tessera_csv_column_names,
 * RFC 4180 (CRLF line ends, a field with a comma, a quote, CR or LF in quotes and its
 * quotes doubled), UTF-8 with a byte order mark so that LibreOffice and Excel read the
 * accents right. A discontinuous annotation has its starts in the start column and its
 * ends in the end column, in the same order, separated by semicolons ("0;20", "5;25"), and
 * its fragments joined by " … " in the text column. Relations have no column.
 *
 * The read-back reads the file with the reader of csv/ and rebuilds each document's
 * annotations from their rows, which must equal those of the project in every column.
 */

/* What a row carries, compared by the read-back. */
#define CSV_CARRIES (TESSERA_CARRIES_TITLE | TESSERA_CARRIES_RANGES | \
                     TESSERA_CARRIES_ENTITIES | TESSERA_CARRIES_AUTHORITIES | \
                     TESSERA_CARRIES_CLAIM_FIELDS | TESSERA_CARRIES_CLAIM_ROLES | \
                     TESSERA_CARRIES_NOTES | TESSERA_CARRIES_ANNOTATOR | \
                     TESSERA_CARRIES_STATUS)

#define FRAGMENT_SEPARATOR " … "

typedef struct
{
  gint64 id;
  guint  n_rows;
} WrittenDocument;

struct _TesseraCsvExporter
{
  TesseraExporter  parent_instance;

  /* During an export */
  TesseraStore    *store;
  GHashTable      *types;        /* key → TesseraAnnotationType of the tagset */
  GArray          *written;      /* WrittenDocument of the file, in order */
  guint            n_relations;  /* written in no column */
  GString         *row;
};

G_DEFINE_FINAL_TYPE (TesseraCsvExporter, tessera_csv_exporter, TESSERA_TYPE_EXPORTER)

static const char * const csv_extensions[] = { "csv", NULL };

/* RFC 4180: quoted when it holds a comma, a quote, CR or LF; its quotes doubled. */
static void
append_field (GString    *row,
              guint       column,
              const char *value)
{
  if (column > 0)
    g_string_append_c (row, ',');
  if (value == NULL)
    return;
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (row, value);
      return;
    }
  g_string_append_c (row, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (row, '"');
      g_string_append_c (row, *p);
    }
  g_string_append_c (row, '"');
}

static gboolean
write_row (TesseraCsvExporter  *self,
           GOutputStream       *stream,
           const char * const  *fields,
           GError             **error)
{
  g_string_truncate (self->row, 0);
  for (guint i = 0; i < TESSERA_CSV_N_COLUMNS; i++)
    append_field (self->row, i, fields[i]);
  g_string_append (self->row, "\r\n");
  return g_output_stream_write_all (stream, self->row->str, self->row->len, NULL, NULL, error);
}

static char *
dup_id (const TesseraAnnotationRecord *annotation)
{
  return annotation != NULL ? g_strdup_printf ("%" G_GINT64_FORMAT, annotation->id) : NULL;
}

/* "0;20" and "5;25": the starts and the ends of the ranges, in the same order. */
static char *
dup_range_bounds (GArray   *ranges,
                  gboolean  ends)
{
  GString *bounds = g_string_new (NULL);

  for (guint i = 0; i < ranges->len; i++)
    {
      const TesseraRange *range = &g_array_index (ranges, TesseraRange, i);

      g_string_append_printf (bounds, "%s%u", i > 0 ? ";" : "", ends ? range->end : range->start);
    }
  return g_string_free (bounds, FALSE);
}

static char *
dup_uris (const TesseraEntityRecord *entity)
{
  GString *uris = g_string_new (NULL);

  for (guint i = 0; entity != NULL && i < entity->authorities->len; i++)
    g_string_append_printf (uris, "%s%s", i > 0 ? " " : "",
                            g_array_index (entity->authorities, TesseraAuthority, i).uri);
  return g_string_free (uris, FALSE);
}

/* The fields of an annotation's row; the strings that are not the record's are in @owned. */
static void
fill_fields (const TesseraDocumentRecord    *document,
             const TesseraAnnotationRecord  *annotation,
             TesseraTextCursor              *cursor,
             const char                    **fields,
             GPtrArray                      *owned)
{
  const TesseraClaimRecord *claim = annotation->claim;
  char *text = tessera_text_slice_ranges_at (document->text, cursor,
                                             &g_array_index (annotation->ranges, TesseraRange, 0),
                                             annotation->ranges->len, FRAGMENT_SEPARATOR);

#define OWN(column, value) g_ptr_array_add (owned, (gpointer) (fields[column] = (value)))
  memset (fields, 0, TESSERA_CSV_N_COLUMNS * sizeof (char *));
  OWN (TESSERA_CSV_DOCUMENT, g_strdup_printf ("%" G_GINT64_FORMAT, document->id));
  fields[TESSERA_CSV_TITLE] = document->info.title;
  OWN (TESSERA_CSV_ID, dup_id (annotation));
  fields[TESSERA_CSV_TYPE] = tessera_annotation_type_get_key (annotation->type);
  OWN (TESSERA_CSV_START, dup_range_bounds (annotation->ranges, FALSE));
  OWN (TESSERA_CSV_END, dup_range_bounds (annotation->ranges, TRUE));
  OWN (TESSERA_CSV_TEXT, text);
  fields[TESSERA_CSV_ENTITY] = annotation->entity != NULL ? annotation->entity->name : NULL;
  OWN (TESSERA_CSV_URI, dup_uris (annotation->entity));
  if (claim != NULL)
    {
      OWN (TESSERA_CSV_SOURCE, dup_id (claim->source_annotation));
      fields[TESSERA_CSV_SOURCE_ENTITY] = claim->source_entity != NULL ? claim->source_entity->name
                                                                       : NULL;
      OWN (TESSERA_CSV_CUE, dup_id (claim->cue));
      fields[TESSERA_CSV_QUOTE_TYPE] = claim->quote_type;
      fields[TESSERA_CSV_POLARITY] = claim->polarity;
      fields[TESSERA_CSV_FACTUALITY] = claim->factuality;
      fields[TESSERA_CSV_WRITER_DISTANCE] = claim->writer_distance;
      fields[TESSERA_CSV_SOURCE_KIND] = claim->source_kind;
      fields[TESSERA_CSV_DATE] = claim->statement_date;
      fields[TESSERA_CSV_TOPIC] = claim->topic;
    }
  fields[TESSERA_CSV_ANNOTATOR] = annotation->annotator;
  fields[TESSERA_CSV_STATUS] = tessera_status_to_string (annotation->status);
  fields[TESSERA_CSV_CERTAINTY] = tessera_certainty_to_string (annotation->certainty);
  fields[TESSERA_CSV_NOTE] = annotation->note;
#undef OWN
}

static gboolean
tessera_csv_exporter_prepare (TesseraExporter  *exporter,
                              TesseraStore     *store,
                              const gint64     *document_ids,
                              guint             n_documents,
                              GCancellable     *cancellable,
                              GError          **error)
{
  TesseraCsvExporter *self = TESSERA_CSV_EXPORTER (exporter);
  GListModel *tagset = tessera_store_get_tagset (store);

  self->store = g_object_ref (store);
  self->types = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (tagset); i++)
    {
      TesseraAnnotationType *type = g_list_model_get_item (tagset, i);

      g_hash_table_replace (self->types, (gpointer) tessera_annotation_type_get_key (type), type);
    }
  self->written = g_array_new (FALSE, FALSE, sizeof (WrittenDocument));
  self->row = g_string_new (NULL);
  self->n_relations = 0;
  return TRUE;
}

static void
tessera_csv_exporter_finish (TesseraExporter *exporter)
{
  TesseraCsvExporter *self = TESSERA_CSV_EXPORTER (exporter);

  g_clear_object (&self->store);
  g_clear_pointer (&self->types, g_hash_table_unref);
  g_clear_pointer (&self->written, g_array_unref);
  if (self->row != NULL)
    g_string_free (g_steal_pointer (&self->row), TRUE);
}

static gboolean
tessera_csv_exporter_begin (TesseraExporter  *exporter,
                            GOutputStream    *stream,
                            GError          **error)
{
  TesseraCsvExporter *self = TESSERA_CSV_EXPORTER (exporter);

  g_array_set_size (self->written, 0);
  return g_output_stream_write_all (stream, TESSERA_CSV_BOM, 3, NULL, NULL, error) &&
         write_row (self, stream, tessera_csv_column_names, error);
}

static gboolean
tessera_csv_exporter_write_document (TesseraExporter        *exporter,
                                     GOutputStream          *stream,
                                     TesseraDocumentRecord  *document,
                                     GError                **error)
{
  TesseraCsvExporter *self = TESSERA_CSV_EXPORTER (exporter);
  WrittenDocument written = { document->id, document->annotations->len };
  TesseraTextCursor cursor = { NULL, 0 };

  for (guint i = 0; i < document->annotations->len; i++)
    {
      g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
      const char *fields[TESSERA_CSV_N_COLUMNS];

      fill_fields (document, g_ptr_array_index (document->annotations, i), &cursor, fields,
                   owned);
      if (!write_row (self, stream, fields, error))
        return FALSE;
    }
  g_array_append_val (self->written, written);
  self->n_relations += document->relations->len;
  return TRUE;
}

static gboolean
tessera_csv_exporter_end (TesseraExporter  *exporter,
                          GOutputStream    *stream,
                          GError          **error)
{
  TesseraCsvExporter *self = TESSERA_CSV_EXPORTER (exporter);

  if (self->n_relations > 0)
    tessera_exporter_add_note (exporter,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "%u relation between annotations is not in the "
                                            "CSV file, which has a row per annotation",
                                            "%u relations between annotations are not in the "
                                            "CSV file, which has a row per annotation",
                                            self->n_relations),
                               self->n_relations);
  return TRUE;
}

/* Reading back ------------------------------------------------------------------------ */

typedef struct
{
  TesseraCsvExporter    *self;
  TesseraCsvReader      *reader;
  const char            *display_name;
  TesseraDocumentRecord *written;    /* the document as the project has it */
  TesseraDocumentRecord *read;       /* as its rows read back */
  GHashTable            *by_id;      /* annotation id → its read record */
  guint                  length;     /* of the text, in code points */
  TesseraTextCursor      cursor;
} ReadBack;

static gboolean
row_error (ReadBack    *back,
           guint        line,
           GError     **error,
           const char  *message)
{
  g_set_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK,
               _("%s, line %u: %s"), back->display_name, line, message);
  return FALSE;
}

static gboolean
parse_number (const char *text,
              guint64    *out_number)
{
  return g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, out_number, NULL);
}

static gboolean
parse_ranges (const char *starts,
              const char *ends,
              guint       length,
              GArray     *ranges)
{
  g_auto(GStrv) start_list = g_strsplit (starts, ";", -1);
  g_auto(GStrv) end_list = g_strsplit (ends, ";", -1);

  if (g_strv_length (start_list) != g_strv_length (end_list) || start_list[0] == NULL)
    return FALSE;
  for (guint i = 0; start_list[i] != NULL; i++)
    {
      guint64 start, end;
      TesseraRange range;

      if (!parse_number (start_list[i], &start) || !parse_number (end_list[i], &end) ||
          start > end || end > length)
        return FALSE;
      range.start = start;
      range.end = end;
      g_array_append_val (ranges, range);
    }
  return TRUE;
}

static char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static TesseraEntityRecord *
add_entity (TesseraDocumentRecord *document,
            const char            *name,
            const char            *uris)
{
  TesseraEntityRecord *entity = tessera_entity_record_new ();
  g_auto(GStrv) uri_list = g_strsplit (uris != NULL ? uris : "", " ", -1);

  entity->name = g_strdup (name);
  for (guint i = 0; uri_list[i] != NULL; i++)
    {
      if (*uri_list[i] != '\0')
        tessera_authorities_append (entity->authorities,
                                    tessera_authority_guess_scheme (uri_list[i]), uri_list[i]);
    }
  g_ptr_array_add (document->entities, entity);
  return entity;
}

static TesseraClaimRecord *
read_claim (ReadBack   *back,
            GPtrArray  *fields)
{
  TesseraClaimRecord *claim = g_new0 (TesseraClaimRecord, 1);
  const char *source_entity = g_ptr_array_index (fields, TESSERA_CSV_SOURCE_ENTITY);

  if (*source_entity != '\0')
    claim->source_entity = add_entity (back->read, source_entity, NULL);
  claim->quote_type = nonempty (g_ptr_array_index (fields, TESSERA_CSV_QUOTE_TYPE));
  claim->polarity = nonempty (g_ptr_array_index (fields, TESSERA_CSV_POLARITY));
  claim->factuality = nonempty (g_ptr_array_index (fields, TESSERA_CSV_FACTUALITY));
  claim->writer_distance = nonempty (g_ptr_array_index (fields, TESSERA_CSV_WRITER_DISTANCE));
  claim->source_kind = nonempty (g_ptr_array_index (fields, TESSERA_CSV_SOURCE_KIND));
  claim->statement_date = nonempty (g_ptr_array_index (fields, TESSERA_CSV_DATE));
  claim->topic = nonempty (g_ptr_array_index (fields, TESSERA_CSV_TOPIC));
  return claim;
}

/* An annotation of the document from its row. */
static gboolean
read_annotation (ReadBack    *back,
                 GPtrArray   *fields,
                 guint        line,
                 GError     **error)
{
  g_autoptr(TesseraAnnotationRecord) annotation = tessera_annotation_record_new ();
  const char *entity = g_ptr_array_index (fields, TESSERA_CSV_ENTITY);
  const char *uris = g_ptr_array_index (fields, TESSERA_CSV_URI);
  TesseraAnnotationType *type;
  g_autofree char *text = NULL;
  guint64 id;

  type = g_hash_table_lookup (back->self->types, g_ptr_array_index (fields, TESSERA_CSV_TYPE));
  if (type == NULL)
    return row_error (back, line, error, _("the type is not one of the project’s"));
  annotation->type = g_object_ref (type);
  if (!parse_number (g_ptr_array_index (fields, TESSERA_CSV_ID), &id))
    return row_error (back, line, error, _("the id is not a number"));
  annotation->id = id;
  if (!parse_ranges (g_ptr_array_index (fields, TESSERA_CSV_START),
                     g_ptr_array_index (fields, TESSERA_CSV_END), back->length,
                     annotation->ranges))
    return row_error (back, line, error, _("the start and end columns are not the ranges "
                                           "of the text"));
  text = tessera_text_slice_ranges_at (back->written->text, &back->cursor,
                                       &g_array_index (annotation->ranges, TesseraRange, 0),
                                       annotation->ranges->len, FRAGMENT_SEPARATOR);
  if (g_strcmp0 (text, g_ptr_array_index (fields, TESSERA_CSV_TEXT)) != 0)
    return row_error (back, line, error, _("the text column is not the text at the start "
                                           "and end offsets"));
  if (*entity != '\0' || *uris != '\0')
    annotation->entity = add_entity (back->read, entity, uris);
  if (tessera_annotation_type_carries_claim (type))
    annotation->claim = read_claim (back, fields);
  annotation->annotator = nonempty (g_ptr_array_index (fields, TESSERA_CSV_ANNOTATOR));
  annotation->note = nonempty (g_ptr_array_index (fields, TESSERA_CSV_NOTE));
  if (!tessera_status_from_string (g_ptr_array_index (fields, TESSERA_CSV_STATUS),
                                   &annotation->status) ||
      !tessera_certainty_from_string (g_ptr_array_index (fields, TESSERA_CSV_CERTAINTY),
                                      &annotation->certainty))
    return row_error (back, line, error, _("the status or the certainty is not one Tessera "
                                           "knows"));
  g_hash_table_insert (back->by_id, &annotation->id, annotation);
  g_ptr_array_add (back->read->annotations, g_steal_pointer (&annotation));
  return TRUE;
}

static gboolean
resolve_role (ReadBack                  *back,
              const char                *id,
              TesseraAnnotationRecord  **out_annotation)
{
  guint64 number;

  if (*id == '\0')
    return TRUE;
  if (!parse_number (id, &number))
    return FALSE;
  *out_annotation = g_hash_table_lookup (back->by_id, &(gint64) { (gint64) number });
  return *out_annotation != NULL;
}

/* The rows of one document, then the comparison with the project. */
static gboolean
read_document (ReadBack            *back,
               const WrittenDocument *written,
               GCancellable        *cancellable,
               GError             **error)
{
  g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < written->n_rows; i++)
    {
      guint line = _tessera_csv_reader_get_line (back->reader);
      g_autoptr(GPtrArray) fields = _tessera_csv_reader_next_row (back->reader, cancellable,
                                                                  error);
      guint64 document_id;

      if (fields == NULL)
        return *error == NULL &&
               row_error (back, line, error, _("the file ends before the last annotation"));
      if (fields->len != TESSERA_CSV_N_COLUMNS)
        return row_error (back, line, error, _("the row does not have a field per column"));
      if (!parse_number (g_ptr_array_index (fields, TESSERA_CSV_DOCUMENT), &document_id) ||
          (gint64) document_id != written->id)
        return row_error (back, line, error, _("the row is not of the document that was "
                                               "written there"));
      if (i == 0)
        back->read->info.title = nonempty (g_ptr_array_index (fields, TESSERA_CSV_TITLE));
      if (!read_annotation (back, fields, line, error))
        return FALSE;
      g_ptr_array_add (roles, g_ptr_array_ref (fields));
      g_array_append_val (lines, line);
    }

  /* Sources and cues name annotations by id, which may come later in the file. */
  for (guint i = 0; i < roles->len; i++)
    {
      GPtrArray *fields = g_ptr_array_index (roles, i);
      TesseraClaimRecord *claim = ((TesseraAnnotationRecord *)
                                   g_ptr_array_index (back->read->annotations, i))->claim;
      TesseraAnnotationRecord *source = NULL, *cue = NULL;

      if (!resolve_role (back, g_ptr_array_index (fields, TESSERA_CSV_SOURCE), &source) ||
          !resolve_role (back, g_ptr_array_index (fields, TESSERA_CSV_CUE), &cue) ||
          (claim == NULL && (source != NULL || cue != NULL)))
        return row_error (back, g_array_index (lines, guint, i), error,
                          _("the source or the cue is not an annotation of the document"));
      if (claim != NULL)
        {
          claim->source_annotation = source;
          claim->cue = cue;
        }
    }
  return tessera_format_compare_document (back->display_name, back->written, back->read,
                                          CSV_CARRIES, error);
}

static gboolean
check_header (ReadBack      *back,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GPtrArray) header = _tessera_csv_reader_next_row (back->reader, cancellable, error);

  if (header == NULL)
    return *error == NULL && row_error (back, 1, error, _("the file is empty"));
  if (!_tessera_csv_reader_had_bom (back->reader))
    return row_error (back, 1, error, _("the file does not begin with the UTF-8 byte order "
                                        "mark"));
  if (header->len != TESSERA_CSV_N_COLUMNS)
    return row_error (back, 1, error, _("the header row does not name every column"));
  for (guint i = 0; i < TESSERA_CSV_N_COLUMNS; i++)
    {
      if (strcmp (g_ptr_array_index (header, i), tessera_csv_column_names[i]) != 0)
        return row_error (back, 1, error, _("the header row does not name every column"));
    }
  return TRUE;
}

static gboolean
tessera_csv_exporter_check (TesseraExporter  *exporter,
                            const char       *path,
                            GCancellable     *cancellable,
                            GError          **error)
{
  TesseraCsvExporter *self = TESSERA_CSV_EXPORTER (exporter);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, error);
  g_autofree char *display_name = g_filename_display_basename (path);
  g_autoptr(TesseraCsvReader) reader = NULL;
  g_autoptr(GPtrArray) extra = NULL;
  ReadBack back = { self, NULL, display_name };
  GError *local_error = NULL;

  if (stream == NULL)
    return FALSE;
  reader = back.reader = _tessera_csv_reader_new (G_INPUT_STREAM (stream), display_name);
  if (!check_header (&back, cancellable, &local_error))
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  for (guint i = 0; i < self->written->len; i++)
    {
      const WrittenDocument *written = &g_array_index (self->written, WrittenDocument, i);
      g_autoptr(TesseraDocumentRecord) document = NULL;
      g_autoptr(TesseraDocumentRecord) read = NULL;
      g_autoptr(GHashTable) by_id = NULL;
      gboolean ok;

      if (written->n_rows == 0)
        continue;
      document = tessera_store_dup_document_record (self->store, written->id, error);
      if (document == NULL)
        return FALSE;
      read = tessera_document_record_new ();
      by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
      back.written = document;
      back.read = read;
      back.by_id = by_id;
      back.length = tessera_text_length (document->text);
      back.cursor = (TesseraTextCursor) { NULL, 0 };
      ok = read_document (&back, written, cancellable, &local_error);
      if (!ok)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
    }

  extra = _tessera_csv_reader_next_row (reader, cancellable, &local_error);
  if (extra != NULL || local_error != NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        row_error (&back, _tessera_csv_reader_get_line (reader) - 1, error,
                   _("the row was not written by the export"));
      return FALSE;
    }
  return TRUE;
}

static void
tessera_csv_exporter_finalize (GObject *object)
{
  tessera_csv_exporter_finish (TESSERA_EXPORTER (object));

  G_OBJECT_CLASS (tessera_csv_exporter_parent_class)->finalize (object);
}

static void
tessera_csv_exporter_class_init (TesseraCsvExporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TesseraExporterClass *exporter_class = TESSERA_EXPORTER_CLASS (klass);

  object_class->finalize = tessera_csv_exporter_finalize;

  exporter_class->id = "csv";
  exporter_class->name = N_("CSV (spreadsheet)");
  exporter_class->extensions = csv_extensions;
  exporter_class->mime_type = "text/csv";
  exporter_class->prepare = tessera_csv_exporter_prepare;
  exporter_class->finish = tessera_csv_exporter_finish;
  exporter_class->begin = tessera_csv_exporter_begin;
  exporter_class->write_document = tessera_csv_exporter_write_document;
  exporter_class->end = tessera_csv_exporter_end;
  exporter_class->check = tessera_csv_exporter_check;
}

static void
tessera_csv_exporter_init (TesseraCsvExporter *self)
{
}
