/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tessera-core.h"

G_BEGIN_DECLS

/*
 * The corpus every format's round trip exports and reads back: the five seed articles,
 * annotated with what the model holds (entities linked to entities with Wikidata, GeoNames
 * and VIAF records; claims with source, cue and every field; relations; overlapping, nested
 * and discontinuous annotations; notes, annotators, statuses), and one more article in
 * scripts and characters that formats get wrong: emoji sequences, combining marks, Arabic.
 */

typedef gboolean (*FormatCorpusKeepFunc) (const TesseraDocumentRecord   *document,
                                          const TesseraAnnotationRecord *annotation,
                                          gpointer                       data);

typedef struct
{
  char         *dir;            /* a temporary folder, removed with everything in it */
  char         *path;           /* the project */
  TesseraStore *store;
  GArray       *document_ids;   /* gint64, in the project's order */
} FormatCorpus;

void          format_corpus_set_up          (FormatCorpus          *corpus,
                                             gconstpointer          data);
void          format_corpus_tear_down       (FormatCorpus          *corpus,
                                             gconstpointer          data);
char         *format_corpus_export          (FormatCorpus          *corpus,
                                             TesseraExporter       *exporter,
                                             const char            *name);
TesseraStore *format_corpus_import          (FormatCorpus          *corpus,
                                             const char            *importer_id,
                                             const char            *path);
void          format_corpus_assert_equal    (FormatCorpus          *corpus,
                                             TesseraStore          *other,
                                             TesseraCarries         carries,
                                             FormatCorpusKeepFunc   keep,
                                             gpointer               data);
void          format_assert_import_refused  (FormatCorpus          *corpus,
                                             const char            *importer_id,
                                             const char            *file_name,
                                             const void            *data,
                                             gssize                 length,
                                             const char            *expected);

G_END_DECLS
