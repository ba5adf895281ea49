/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-record.h"
#include "tessera-text.h"

G_BEGIN_DECLS

#define TESSERA_WEBANNOTATION_CONTEXT "http://www.w3.org/ns/anno.jsonld"

/* Code points of context in a TextQuoteSelector's prefix and suffix. */
#define TESSERA_WEBANNOTATION_CONTEXT_LENGTH 32

/* A claim's field as the value of a body: "polarity: negative", with its purpose. */
typedef struct
{
  const char *name;
  const char *purpose;
  gsize       offset;    /* of the field in TesseraClaimRecord */
} TesseraWebannotationClaimField;

#define TESSERA_WEBANNOTATION_N_CLAIM_FIELDS 7
extern const TesseraWebannotationClaimField
  tessera_webannotation_claim_fields[TESSERA_WEBANNOTATION_N_CLAIM_FIELDS];

#define TESSERA_WEBANNOTATION_CLAIM_FIELD(claim, field) \
  (*(char **) (gpointer) ((guint8 *) (claim) + (field)->offset))

/* The claim's roles, as the value of the linking annotations' bodies. */
#define TESSERA_WEBANNOTATION_SOURCE "source"
#define TESSERA_WEBANNOTATION_CUE "cue"

/* What a TextQuoteSelector holds of a range. */
typedef struct
{
  char *exact;
  char *prefix;
  char *suffix;
} TesseraWebannotationQuote;

void        _tessera_webannotation_quote        (const char                 *text,
                                                 TesseraTextCursor          *cursor,
                                                 const TesseraRange         *range,
                                                 TesseraWebannotationQuote  *quote);
void        _tessera_webannotation_quote_clear  (TesseraWebannotationQuote  *quote);

/* The tag (the label of a type, with its key when two types share a label) each way. */
typedef struct
{
  GHashTable *by_key;   /* type key → tag */
  GHashTable *by_tag;   /* tag → TesseraAnnotationType */
} TesseraWebannotationTags;

void        _tessera_webannotation_tags_init    (TesseraWebannotationTags   *tags,
                                                 GListModel                 *tagset);
void        _tessera_webannotation_tags_clear   (TesseraWebannotationTags   *tags);

/* The read-back of one collection (one line of the file) into @read. */
gboolean    _tessera_webannotation_read_collection (const char                  *line,
                                                    gsize                        length,
                                                    const char                  *where,
                                                    const TesseraDocumentRecord *written,
                                                    const char                  *document_iri,
                                                    TesseraWebannotationTags    *tags,
                                                    TesseraDocumentRecord       *read,
                                                    GError                     **error);

G_END_DECLS
