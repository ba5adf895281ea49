/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-store.h"
#include "tessera-tei-error.h"

G_BEGIN_DECLS

/**
 * TesseraTeiOverlap:
 * @TESSERA_TEI_OVERLAP_FRAGMENTS: an annotation that cannot nest is split into fragments
 *   chained with `@next`/`@prev` and reassembled by a `join` in `standOff` (the default)
 * @TESSERA_TEI_OVERLAP_ANCHORS: such an annotation is delimited by two `anchor`s in the
 *   text and described by a `span @from @to` in `standOff`
 *
 * How annotations that cross another annotation or a paragraph boundary, and
 * discontinuous ones, are written.
 */
typedef enum
{
  TESSERA_TEI_OVERLAP_FRAGMENTS,
  TESSERA_TEI_OVERLAP_ANCHORS,
} TesseraTeiOverlap;

/**
 * TesseraTeiExportOptions:
 * @corpus: one `teiCorpus` file instead of one `TEI` file per document
 * @standoff_only: every annotation in `standOff` only; the body is the bare text
 * @overlap: how annotations that cannot nest are written
 * @publisher: (nullable): the `publicationStmt/publisher`; the current annotator if %NULL
 * @licence_url: (nullable): the licence of the annotations, e.g. a Creative Commons URL
 * @title: (nullable): the corpus title; the project's file name if %NULL
 */
typedef struct
{
  gboolean           corpus;
  gboolean           standoff_only;
  TesseraTeiOverlap  overlap;
  const char        *publisher;
  const char        *licence_url;
  const char        *title;
} TesseraTeiExportOptions;

void      tessera_tei_export_options_init (TesseraTeiExportOptions *options);
char     *tessera_tei_export_file_name    (gint64                   document_id);

G_END_DECLS
