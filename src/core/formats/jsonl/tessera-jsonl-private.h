/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-importer.h"
#include "tessera-record.h"
#include "tessera-store.h"

G_BEGIN_DECLS

/*
 * doccano JSONL, read by the importer and by the exporter's read-back alike: one reader of
 * lines, one conversion of a line to a document record.
 */

/* The keys a line's object may hold besides its metadata. */
#define TESSERA_JSONL_KEY_ID        "id"
#define TESSERA_JSONL_KEY_TEXT      "text"
#define TESSERA_JSONL_KEY_LABEL     "label"
#define TESSERA_JSONL_KEY_LABELS    "labels"
#define TESSERA_JSONL_KEY_ENTITIES  "entities"
#define TESSERA_JSONL_KEY_RELATIONS "relations"

/* The relation types that carry a claim's source and cue. */
#define TESSERA_JSONL_RELATION_SOURCE "source"
#define TESSERA_JSONL_RELATION_CUE    "cue"

/* The metadata keys of a document, as the exporter writes them. */
typedef enum
{
  TESSERA_JSONL_META_TITLE,
  TESSERA_JSONL_META_AUTHOR,
  TESSERA_JSONL_META_SOURCE_URL,
  TESSERA_JSONL_META_PUBLISHER,
  TESSERA_JSONL_META_DATE,
  TESSERA_JSONL_META_LANGUAGE,
  TESSERA_JSONL_META_LICENCE,
  TESSERA_JSONL_N_META
} TesseraJsonlMeta;

const char  *_tessera_jsonl_meta_key            (TesseraJsonlMeta  meta);
char       **_tessera_jsonl_meta_field          (TesseraDocumentInfo *info,
                                                 TesseraJsonlMeta  meta);
gboolean     _tessera_jsonl_is_reserved_key     (const char       *key);

/* Reads a file line by line, without holding more than a line. */
typedef struct _TesseraJsonlReader TesseraJsonlReader;

TesseraJsonlReader *_tessera_jsonl_reader_new   (TesseraStore     *store,
                                                 const char       *path,
                                                 GCancellable     *cancellable,
                                                 GError          **error);
void                _tessera_jsonl_reader_free  (TesseraJsonlReader *self);
TesseraDocumentRecord *_tessera_jsonl_reader_next (TesseraJsonlReader *self,
                                                   gboolean         *out_end,
                                                   GError          **error);
guint               _tessera_jsonl_reader_get_line (TesseraJsonlReader *self);
void                _tessera_jsonl_reader_steal_into (TesseraJsonlReader *self,
                                                      TesseraImportBatch *batch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraJsonlReader, _tessera_jsonl_reader_free)

G_END_DECLS
