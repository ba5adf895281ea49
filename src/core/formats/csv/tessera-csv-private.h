/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The columns of a CSV export, in order; the header row names them in English, as a
 * program reading the file expects. */
typedef enum
{
  TESSERA_CSV_DOCUMENT,
  TESSERA_CSV_TITLE,
  TESSERA_CSV_ID,
  TESSERA_CSV_TYPE,
  TESSERA_CSV_START,
  TESSERA_CSV_END,
  TESSERA_CSV_TEXT,
  TESSERA_CSV_ENTITY,
  TESSERA_CSV_URI,
  TESSERA_CSV_SOURCE,
  TESSERA_CSV_SOURCE_ENTITY,
  TESSERA_CSV_CUE,
  TESSERA_CSV_QUOTE_TYPE,
  TESSERA_CSV_POLARITY,
  TESSERA_CSV_FACTUALITY,
  TESSERA_CSV_WRITER_DISTANCE,
  TESSERA_CSV_SOURCE_KIND,
  TESSERA_CSV_DATE,
  TESSERA_CSV_TOPIC,
  TESSERA_CSV_ANNOTATOR,
  TESSERA_CSV_STATUS,
  TESSERA_CSV_CERTAINTY,
  TESSERA_CSV_NOTE,
  TESSERA_CSV_N_COLUMNS
} TesseraCsvColumn;

extern const char * const tessera_csv_column_names[TESSERA_CSV_N_COLUMNS];

/* The byte order mark that tells spreadsheets the file is UTF-8. */
#define TESSERA_CSV_BOM "\xEF\xBB\xBF"

/* An RFC 4180 reader: records end in CRLF, fields are separated by commas, a field with a
 * comma, a quote, CR or LF is quoted and its quotes doubled. */
typedef struct _TesseraCsvReader TesseraCsvReader;

TesseraCsvReader *_tessera_csv_reader_new       (GInputStream      *stream,
                                                 const char        *display_name);
void              _tessera_csv_reader_free      (TesseraCsvReader  *self);
gboolean          _tessera_csv_reader_had_bom   (TesseraCsvReader  *self);
guint             _tessera_csv_reader_get_line  (TesseraCsvReader  *self);
GPtrArray        *_tessera_csv_reader_next_row  (TesseraCsvReader  *self,
                                                 GCancellable      *cancellable,
                                                 GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraCsvReader, _tessera_csv_reader_free)

G_END_DECLS
