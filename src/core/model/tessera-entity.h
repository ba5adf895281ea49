/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-types.h"

G_BEGIN_DECLS

/**
 * TesseraAuthority:
 * @scheme: "wikidata", "geonames", "viaf", "idref" or "uri"
 * @uri: the authority record's URI
 *
 * A link from an entity to an authority file.
 */
typedef struct
{
  char *scheme;
  char *uri;
} TesseraAuthority;

#define TESSERA_TYPE_ENTITY (tessera_entity_get_type ())
G_DECLARE_FINAL_TYPE (TesseraEntity, tessera_entity, TESSERA, ENTITY, GObject)

gint64                  tessera_entity_get_id             (TesseraEntity *self);
const char             *tessera_entity_get_name           (TesseraEntity *self);
gint64                  tessera_entity_get_type_id        (TesseraEntity *self);
const char             *tessera_entity_get_description    (TesseraEntity *self);
guint                   tessera_entity_get_mention_count  (TesseraEntity *self);
const TesseraAuthority *tessera_entity_get_authorities    (TesseraEntity *self,
                                                           guint         *n_authorities);
const char             *tessera_entity_get_authority      (TesseraEntity *self,
                                                           const char    *scheme);

const char             *tessera_authority_guess_scheme    (const char    *uri);
void                    tessera_authorities_append        (GArray        *authorities,
                                                           const char    *scheme,
                                                           const char    *uri);

/* Used by the store. */
TesseraEntity          *_tessera_entity_new               (gint64         id,
                                                           const char    *name,
                                                           gint64         type_id,
                                                           const char    *description,
                                                           guint          mention_count);
void                    _tessera_entity_add_authority     (TesseraEntity *self,
                                                           const char    *scheme,
                                                           const char    *uri);

G_END_DECLS
