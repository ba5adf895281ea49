/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tessera-conll-exporter.h"
#include "tessera-record.h"
#include "tessera-store.h"
#include "tessera-tokenizer.h"

G_BEGIN_DECLS

/* What the importer and the exporter's read-back share: one reader of CoNLL lines, and the
 * annotation types of tags. */

#define TESSERA_CONLL_DOCSTART "-DOCSTART-"
#define TESSERA_CONLL_TITLE_COMMENT "# title = "
#define TESSERA_CONLL_MAX_TAG_COLUMNS TESSERA_N_KINDS

/* The types of the tags of a file: the project's, by key, or new ones. */
typedef struct
{
  GListModel *tagset;
  GHashTable *types;      /* key → TesseraAnnotationType, owned */
  GPtrArray  *new_types;  /* TesseraAnnotationType, owned */
} TesseraConllTypes;

void                   _tessera_conll_types_init   (TesseraConllTypes *types,
                                                    TesseraStore      *store);
void                   _tessera_conll_types_clear  (TesseraConllTypes *types);
TesseraAnnotationType *_tessera_conll_types_lookup (TesseraConllTypes *types,
                                                    const char        *key,
                                                    guint              column,
                                                    guint              n_columns);

/* A reader of a CoNLL file, line by line; a document is complete when the next one starts
 * or the file ends. */
typedef struct _TesseraConllReader TesseraConllReader;

TesseraConllReader    *_tessera_conll_reader_new         (const char          *display_name,
                                                          TesseraConllTypes   *types);
void                   _tessera_conll_reader_free        (TesseraConllReader  *reader);
gboolean               _tessera_conll_reader_read_line   (TesseraConllReader  *reader,
                                                          const char          *line,
                                                          gsize                length,
                                                          TesseraDocumentRecord **out_document,
                                                          GError             **error);
gboolean               _tessera_conll_reader_finish      (TesseraConllReader  *reader,
                                                          TesseraDocumentRecord **out_document,
                                                          GError             **error);
guint                  _tessera_conll_reader_get_line    (TesseraConllReader  *reader);
guint                  _tessera_conll_reader_get_n_tag_columns (TesseraConllReader *reader);
gboolean               _tessera_conll_reader_has_offsets (TesseraConllReader  *reader);
GPtrArray             *_tessera_conll_reader_get_tokens  (TesseraConllReader  *reader);
const TesseraToken    *_tessera_conll_reader_get_offsets (TesseraConllReader  *reader);

gboolean               _tessera_conll_is_token_line      (const char          *line,
                                                          gsize                length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraConllReader, _tessera_conll_reader_free)

/* How a document is laid out in the file: its tokens, sentences and the annotations each
 * tag column holds (the exporter writes it, its read-back compares with it). */
typedef struct
{
  guint                    first;      /* tokens */
  guint                    last;
  TesseraAnnotationRecord *annotation; /* borrowed from the document */
} TesseraConllSpan;

typedef struct
{
  GArray *tokens;                                    /* TesseraToken, no spaces inside */
  GArray *sentence_ends;                             /* guint: one past each last token */
  guint   n_columns;
  GArray *spans[TESSERA_CONLL_MAX_TAG_COLUMNS];      /* TesseraConllSpan, by first token */
  guint   n_left_out;    /* nested in or overlapping an annotation of its column */
  guint   n_flattened;   /* discontinuous, written as its extent */
  guint   n_inside;      /* with a boundary inside a token */
  guint   n_no_token;    /* covering no token */
} TesseraConllLayout;

TesseraConllLayout *_tessera_conll_layout_new  (const TesseraDocumentRecord *document,
                                                TesseraConllLayers           layers);
void                _tessera_conll_layout_free (TesseraConllLayout          *layout);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraConllLayout, _tessera_conll_layout_free)

G_END_DECLS
