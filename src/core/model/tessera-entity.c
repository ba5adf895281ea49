/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-entity"

#include "config.h"

#include <string.h>

#include "tessera-entity.h"

struct _TesseraEntity
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  gint64   type_id;
  char    *description;
  guint    mention_count;
  GArray  *authorities;
};

G_DEFINE_FINAL_TYPE (TesseraEntity, tessera_entity, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_MENTION_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_authority (gpointer data)
{
  TesseraAuthority *authority = data;

  g_free (authority->scheme);
  g_free (authority->uri);
}

static void
tessera_entity_finalize (GObject *object)
{
  TesseraEntity *self = (TesseraEntity *)object;

  g_free (self->name);
  g_free (self->description);
  g_array_unref (self->authorities);

  G_OBJECT_CLASS (tessera_entity_parent_class)->finalize (object);
}

static void
tessera_entity_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TesseraEntity *self = TESSERA_ENTITY (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_MENTION_COUNT:
      g_value_set_uint (value, self->mention_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_entity_class_init (TesseraEntityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tessera_entity_finalize;
  object_class->get_property = tessera_entity_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MENTION_COUNT] =
    g_param_spec_uint ("mention-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tessera_entity_init (TesseraEntity *self)
{
  self->authorities = g_array_new (FALSE, FALSE, sizeof (TesseraAuthority));
  g_array_set_clear_func (self->authorities, clear_authority);
}

TesseraEntity *
_tessera_entity_new (gint64      id,
                     const char *name,
                     gint64      type_id,
                     const char *description,
                     guint       mention_count)
{
  TesseraEntity *self = g_object_new (TESSERA_TYPE_ENTITY, NULL);

  self->id = id;
  self->name = g_strdup (name);
  self->type_id = type_id;
  self->description = g_strdup (description);
  self->mention_count = mention_count;

  return self;
}

/**
 * tessera_authorities_append:
 * @authorities: (element-type TesseraAuthority): the links of an entity
 *
 * Appends a copy of the link (@scheme, @uri).
 */
void
tessera_authorities_append (GArray     *authorities,
                            const char *scheme,
                            const char *uri)
{
  TesseraAuthority authority = { g_strdup (scheme), g_strdup (uri) };

  g_array_append_val (authorities, authority);
}

void
_tessera_entity_add_authority (TesseraEntity *self,
                               const char    *scheme,
                               const char    *uri)
{
  tessera_authorities_append (self->authorities, scheme, uri);
}

#define GETTER(type, name, expr)                          \
  type                                                    \
  tessera_entity_get_##name (TesseraEntity *self)         \
  {                                                       \
    g_return_val_if_fail (TESSERA_IS_ENTITY (self), 0);   \
    return expr;                                          \
  }

GETTER (gint64, id, self->id)
GETTER (const char *, name, self->name)
GETTER (gint64, type_id, self->type_id)
GETTER (const char *, description, self->description)
GETTER (guint, mention_count, self->mention_count)

const TesseraAuthority *
tessera_entity_get_authorities (TesseraEntity *self,
                                guint         *n_authorities)
{
  g_return_val_if_fail (TESSERA_IS_ENTITY (self), NULL);

  if (n_authorities != NULL)
    *n_authorities = self->authorities->len;
  return (const TesseraAuthority *) (gpointer) self->authorities->data;
}

/**
 * tessera_entity_get_authority:
 * @scheme: "wikidata", "geonames", …
 *
 * Returns: (nullable): the first URI of that scheme
 */
const char *
tessera_entity_get_authority (TesseraEntity *self,
                              const char    *scheme)
{
  g_return_val_if_fail (TESSERA_IS_ENTITY (self), NULL);

  for (guint i = 0; i < self->authorities->len; i++)
    {
      const TesseraAuthority *authority = &g_array_index (self->authorities, TesseraAuthority, i);

      if (g_strcmp0 (authority->scheme, scheme) == 0)
        return authority->uri;
    }

  return NULL;
}

/**
 * tessera_authority_guess_scheme:
 * @uri: an authority URI
 *
 * Returns: the scheme a URI belongs to, from its host; "uri" when unknown
 */
const char *
tessera_authority_guess_scheme (const char *uri)
{
  static const struct { const char *host; const char *scheme; } hosts[] = {
    { "wikidata.org/", "wikidata" },
    { "geonames.org/", "geonames" },
    { "viaf.org/", "viaf" },
    { "idref.fr/", "idref" },
  };

  g_return_val_if_fail (uri != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
    {
      if (strstr (uri, hosts[i].host) != NULL)
        return hosts[i].scheme;
    }

  return "uri";
}
