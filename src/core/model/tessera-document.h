/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-types.h"

G_BEGIN_DECLS

/**
 * TesseraDocumentInfo:
 *
 * The bibliographic record of an article, as the user can edit it.
 * Every field may be %NULL.
 */
typedef struct
{
  char *title;
  char *author;
  char *source_url;
  char *publisher;
  char *publication_date;
  char *language;
  char *licence;
  char *notes;
  char *source_path;
} TesseraDocumentInfo;

void                 tessera_document_info_clear (TesseraDocumentInfo *info);

#define TESSERA_TYPE_DOCUMENT (tessera_document_get_type ())
G_DECLARE_FINAL_TYPE (TesseraDocument, tessera_document, TESSERA, DOCUMENT, GObject)

gint64               tessera_document_get_id               (TesseraDocument *self);
const char          *tessera_document_get_title            (TesseraDocument *self);
const char          *tessera_document_get_author           (TesseraDocument *self);
const char          *tessera_document_get_source_url       (TesseraDocument *self);
const char          *tessera_document_get_publisher        (TesseraDocument *self);
const char          *tessera_document_get_publication_date (TesseraDocument *self);
const char          *tessera_document_get_language         (TesseraDocument *self);
const char          *tessera_document_get_licence          (TesseraDocument *self);
const char          *tessera_document_get_notes            (TesseraDocument *self);
const char          *tessera_document_get_source_path      (TesseraDocument *self);
const char          *tessera_document_get_sha256           (TesseraDocument *self);
const char          *tessera_document_get_imported         (TesseraDocument *self);
guint                tessera_document_get_length           (TesseraDocument *self);
guint                tessera_document_get_annotation_count (TesseraDocument *self);
TesseraProgress      tessera_document_get_progress         (TesseraDocument *self);

/* Used by the store. */
void                 _tessera_document_set_annotation_count (TesseraDocument          *self,
                                                            guint                      annotation_count);
TesseraDocument     *_tessera_document_new                 (gint64                     id,
                                                            const TesseraDocumentInfo *info,
                                                            const char                *sha256,
                                                            const char                *imported,
                                                            guint                      length,
                                                            guint                      annotation_count,
                                                            TesseraProgress            progress);

G_END_DECLS
