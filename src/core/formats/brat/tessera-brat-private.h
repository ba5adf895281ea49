/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-importer.h"
#include "tessera-record.h"
#include "tessera-store.h"
#include "tessera-vocabulary.h"

G_BEGIN_DECLS

/*
 * brat standoff, shared by its importer and exporter: what the claim fields, authority
 * links and notes become in a .ann file, and the one reader of a .txt + .ann pair, which
 * the export's check uses as the import does.
 */

/* The relation types a claim's source and cue become. */
#define TESSERA_BRAT_SOURCE "Source"
#define TESSERA_BRAT_CUE "Cue"
/* The normalisations of the entity a mention names, and of a claim's source entity. */
#define TESSERA_BRAT_REFERENCE "Reference"
/* The normalisation of an entity without an authority record: "Tessera:42". */
#define TESSERA_BRAT_TESSERA_DB "Tessera"

/* A claim field as a multi-valued brat attribute ("QuoteType T3 direct"); a field of
 * free text has the vocabulary TESSERA_N_VOCABULARIES. */
typedef struct
{
  const char        *name;
  TesseraVocabulary  vocabulary;
  gsize              offset;       /* of its char * in TesseraClaimRecord */
} TesseraBratAttribute;

const TesseraBratAttribute *_tessera_brat_get_attributes (guint *n_attributes);
char                      **_tessera_brat_claim_field    (TesseraClaimRecord         *claim,
                                                          const TesseraBratAttribute *attribute);

gboolean  _tessera_brat_is_name          (const char              *name);
gboolean  _tessera_brat_is_value         (const char              *value);
char     *_tessera_brat_dup_reference    (const TesseraAuthority  *authority);
gboolean  _tessera_brat_parse_reference  (const char              *reference,
                                          char                   **out_scheme,
                                          char                   **out_uri);
void      _tessera_brat_append_escaped   (GString                 *line,
                                          const char              *text);
char     *_tessera_brat_unescape         (const char              *text,
                                          gssize                   length);

/* Where each code point of a text starts, for offsets in code points. */
typedef struct
{
  const char *text;
  guint       length;      /* in code points */
  guint32    *bytes;       /* length + 1 byte offsets */
} TesseraBratText;

void      _tessera_brat_text_init        (TesseraBratText         *index,
                                          const char              *text);
void      _tessera_brat_text_clear       (TesseraBratText         *index);
GArray   *_tessera_brat_split_fragments  (const TesseraBratText   *index,
                                          GArray                  *ranges);
void      _tessera_brat_join_fragments   (const TesseraBratText   *index,
                                          GArray                  *fragments);

typedef struct _TesseraBratReader TesseraBratReader;

TesseraBratReader     *_tessera_brat_reader_new  (TesseraStore        *store,
                                                  TesseraImportBatch  *batch,
                                                  gboolean             match_project);
TesseraDocumentRecord *_tessera_brat_reader_read (TesseraBratReader   *self,
                                                  const char          *ann_path,
                                                  const char          *txt_path,
                                                  const char          *display_name,
                                                  GError             **error);
void                   _tessera_brat_reader_free (TesseraBratReader   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraBratReader, _tessera_brat_reader_free)

G_END_DECLS
