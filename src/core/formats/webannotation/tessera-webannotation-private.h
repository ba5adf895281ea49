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

/* The read-back of one collection, a line at a time: its head (up to the "[" of its
 * items), then each item, then the end. */
typedef struct _TesseraWebannotationReader TesseraWebannotationReader;

TesseraWebannotationReader *
            _tessera_webannotation_reader_new    (const char                  *where,
                                                  const TesseraDocumentRecord *written,
                                                  const char                  *document_iri,
                                                  TesseraWebannotationTags    *tags,
                                                  TesseraDocumentRecord       *read);
void        _tessera_webannotation_reader_free   (TesseraWebannotationReader  *self);
gboolean    _tessera_webannotation_reader_head   (TesseraWebannotationReader  *self,
                                                  const char                  *line,
                                                  gsize                        length,
                                                  GError                     **error);
gboolean    _tessera_webannotation_reader_items  (TesseraWebannotationReader  *self,
                                                  const char                  *json,
                                                  gsize                        length,
                                                  GError                     **error);
gboolean    _tessera_webannotation_reader_finish (TesseraWebannotationReader  *self,
                                                  GError                     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraWebannotationReader, _tessera_webannotation_reader_free)

G_END_DECLS
