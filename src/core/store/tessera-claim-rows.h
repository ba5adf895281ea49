/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tessera-store.h"

G_BEGIN_DECLS

/*
 * TesseraClaimRow: one claim of the corpus as the claims view lists it, in plain data.
 *
 * @source: the source entity's name, else the source mention's text; %NULL without one.
 * @cue_key: the cue reduced to a key that groups its forms (tessera_claim_cue_key()).
 * @month: "YYYY-MM" from the document's publication date, %NULL when it gives none.
 * @text: the claim's words, shortened to TESSERA_CLAIM_ROW_TEXT_MAX characters and "…".
 * @same_claim_id: the smallest claim id of its "same-claim" group (its own id if none);
 * @n_same_claim_documents: how many other documents hold a claim of that group.
 */
typedef struct
{
  gint64  annotation_id;
  gint64  document_id;
  char   *document_title;
  char   *document_date;
  char   *month;
  gint64  source_entity_id;
  gint64  source_annotation_id;
  char   *source;
  gint64  cue_annotation_id;
  char   *cue;
  char   *cue_key;
  char   *quote_type;
  char   *factuality;
  char   *text;
  guint   start;
  gint64  same_claim_id;
  guint   n_same_claim_documents;
} TesseraClaimRow;

#define TESSERA_CLAIM_ROW_TEXT_MAX 160
/* The relation type that says two claims are the same statement, reported twice. */
#define TESSERA_RELATION_SAME_CLAIM "same-claim"

void       tessera_claim_row_free       (TesseraClaimRow  *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraClaimRow, tessera_claim_row_free)

char      *tessera_claim_cue_key        (const char       *cue);
GPtrArray *tessera_store_dup_claim_rows (TesseraStore     *self,
                                         GError          **error);

G_END_DECLS
