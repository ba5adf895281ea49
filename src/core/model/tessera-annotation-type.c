/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-annotation-type"

#include "config.h"

#include "tessera-annotation-type.h"
#include "tessera-locale.h"
#include "tessera-util-private.h"
#include "tessera-vocabulary.h"

struct _TesseraAnnotationType
{
  GObject      parent_instance;

  gint64       id;
  char        *key;
  char        *label;
  GHashTable  *labels;       /* language → label */
  TesseraKind  kind;
  char        *tei_element;
  char        *tei_type;
  char        *color;
  char        *shortcut;
  char        *description;
  int          position;
};

G_DEFINE_FINAL_TYPE (TesseraAnnotationType, tessera_annotation_type, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_LABEL,
  PROP_COLOR,
  PROP_SHORTCUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tessera_annotation_type_finalize (GObject *object)
{
  TesseraAnnotationType *self = (TesseraAnnotationType *)object;

  g_free (self->key);
  g_free (self->label);
  g_hash_table_unref (self->labels);
  g_free (self->tei_element);
  g_free (self->tei_type);
  g_free (self->color);
  g_free (self->shortcut);
  g_free (self->description);

  G_OBJECT_CLASS (tessera_annotation_type_parent_class)->finalize (object);
}

static void
tessera_annotation_type_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  TesseraAnnotationType *self = TESSERA_ANNOTATION_TYPE (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_LABEL:
      g_value_set_string (value, tessera_annotation_type_get_label_localized (self));
      break;
    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;
    case PROP_SHORTCUT:
      g_value_set_string (value, self->shortcut);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_annotation_type_class_init (TesseraAnnotationTypeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tessera_annotation_type_finalize;
  object_class->get_property = tessera_annotation_type_get_property;

  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHORTCUT] =
    g_param_spec_string ("shortcut", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tessera_annotation_type_init (TesseraAnnotationType *self)
{
  self->labels = tessera_labels_new ();
  self->color = g_strdup ("#888888");
  self->tei_element = g_strdup (tessera_kind_get_tei_element (TESSERA_KIND_ENTITY));
}

/**
 * tessera_annotation_type_new:
 *
 * Creates a type that is not in a project yet; add it with
 * tessera_store_add_annotation_type().
 */
TesseraAnnotationType *
tessera_annotation_type_new (const char  *key,
                             const char  *label,
                             TesseraKind  kind)
{
  TesseraAnnotationType *self;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (label != NULL, NULL);

  self = g_object_new (TESSERA_TYPE_ANNOTATION_TYPE, NULL);
  self->key = g_strdup (key);
  self->label = g_strdup (label);
  self->kind = kind;
  tessera_set_str (&self->tei_element, tessera_kind_get_tei_element (kind));
  tessera_set_str (&self->tei_type, tessera_kind_get_tei_type (kind));

  return self;
}

TesseraAnnotationType *
tessera_annotation_type_copy (TesseraAnnotationType *self)
{
  TesseraAnnotationType *copy;

  g_return_val_if_fail (TESSERA_IS_ANNOTATION_TYPE (self), NULL);

  copy = tessera_annotation_type_new (self->key, self->label, self->kind);
  copy->id = self->id;
  copy->position = self->position;
  tessera_set_str (&copy->tei_element, self->tei_element);
  tessera_set_str (&copy->tei_type, self->tei_type);
  tessera_set_str (&copy->color, self->color);
  tessera_set_str (&copy->shortcut, self->shortcut);
  tessera_set_str (&copy->description, self->description);
  tessera_labels_copy (copy->labels, self->labels);

  return copy;
}

#define GETTER(type, name, expr) \
  TESSERA_DEFINE_GETTER (TesseraAnnotationType, tessera_annotation_type, \
                         TESSERA_IS_ANNOTATION_TYPE, type, name, expr)

GETTER (gint64, id, self->id)
GETTER (const char *, key, self->key)
GETTER (const char *, label, self->label)
GETTER (TesseraKind, kind, self->kind)
GETTER (const char *, tei_element, self->tei_element)
GETTER (const char *, tei_type, self->tei_type)
GETTER (const char *, color, self->color)
GETTER (const char *, shortcut, self->shortcut)
GETTER (const char *, description, self->description)
GETTER (int, position, self->position)
GETTER (GHashTable *, labels, self->labels)

/**
 * tessera_annotation_type_get_label_for:
 * @language: a language code such as "fr" or "en"
 *
 * Returns: the label in that language, or the type's own label
 */
const char *
tessera_annotation_type_get_label_for (TesseraAnnotationType *self,
                                       const char            *language)
{
  g_return_val_if_fail (TESSERA_IS_ANNOTATION_TYPE (self), NULL);
  return tessera_labels_lookup (self->labels, language, self->label);
}

/**
 * tessera_annotation_type_get_label_localized:
 *
 * Returns: the label in the user's language (from the locale), or the type's own label
 */
const char *
tessera_annotation_type_get_label_localized (TesseraAnnotationType *self)
{
  g_return_val_if_fail (TESSERA_IS_ANNOTATION_TYPE (self), NULL);
  return tessera_locale_pick_label (self->labels, self->label);
}

void
tessera_annotation_type_set_label (TesseraAnnotationType *self,
                                   const char            *label)
{
  g_return_if_fail (TESSERA_IS_ANNOTATION_TYPE (self));
  g_return_if_fail (label != NULL);

  tessera_set_str (&self->label, label);
}

void
tessera_annotation_type_set_label_for (TesseraAnnotationType *self,
                                       const char            *language,
                                       const char            *label)
{
  g_return_if_fail (TESSERA_IS_ANNOTATION_TYPE (self));
  g_return_if_fail (language != NULL);
  tessera_labels_set (self->labels, language, label);
}

void
tessera_annotation_type_set_kind (TesseraAnnotationType *self,
                                  TesseraKind            kind)
{
  g_return_if_fail (TESSERA_IS_ANNOTATION_TYPE (self));
  self->kind = kind;
}

void
tessera_annotation_type_set_tei (TesseraAnnotationType *self,
                                 const char            *element,
                                 const char            *type)
{
  g_return_if_fail (TESSERA_IS_ANNOTATION_TYPE (self));
  g_return_if_fail (element != NULL);

  tessera_set_str (&self->tei_element, element);
  tessera_set_str (&self->tei_type, type);
}

void
tessera_annotation_type_set_color (TesseraAnnotationType *self,
                                   const char            *color)
{
  g_return_if_fail (TESSERA_IS_ANNOTATION_TYPE (self));
  g_return_if_fail (color != NULL);
  tessera_set_str (&self->color, color);
}

void
tessera_annotation_type_set_shortcut (TesseraAnnotationType *self,
                                      const char            *shortcut)
{
  g_return_if_fail (TESSERA_IS_ANNOTATION_TYPE (self));
  tessera_set_str (&self->shortcut, shortcut != NULL && *shortcut != '\0' ? shortcut : NULL);
}

void
tessera_annotation_type_set_description (TesseraAnnotationType *self,
                                         const char            *description)
{
  g_return_if_fail (TESSERA_IS_ANNOTATION_TYPE (self));
  tessera_set_str (&self->description, description);
}

/**
 * tessera_annotation_type_can_name:
 * @self: the annotation type of a mention
 * @entity_type: (nullable): the entity's type, %NULL for an entity without one
 *
 * The one rule by which a mention may be linked to an entity, kept by the store, the TEI
 * import, the project check and the window's list of entities: a mention names an entity
 * of its own type, an entity without a type, or any entity when it is a generic referring
 * expression (a type written as TEI `rs`, such as "Other": "le chef de la junte" names a
 * person). A date does not name an organisation.
 *
 * Types are compared by key, which is unique in a tagset and known before a new type is
 * stored.
 *
 * Returns: whether a mention of type @self may name an entity of type @entity_type
 */
gboolean
tessera_annotation_type_can_name (TesseraAnnotationType *self,
                                  TesseraAnnotationType *entity_type)
{
  g_return_val_if_fail (TESSERA_IS_ANNOTATION_TYPE (self), FALSE);
  g_return_val_if_fail (entity_type == NULL || TESSERA_IS_ANNOTATION_TYPE (entity_type), FALSE);

  if (!tessera_kind_links_entity (self->kind))
    return FALSE;
  return entity_type == NULL ||
         g_strcmp0 (self->key, entity_type->key) == 0 ||
         g_strcmp0 (self->tei_element, "rs") == 0;
}

/**
 * tessera_annotation_type_links_entity:
 *
 * Returns: whether an annotation of type @self is a mention, that may name an entity
 *   (tessera_kind_links_entity() of its kind)
 */
gboolean
tessera_annotation_type_links_entity (TesseraAnnotationType *self)
{
  g_return_val_if_fail (TESSERA_IS_ANNOTATION_TYPE (self), FALSE);
  return tessera_kind_links_entity (self->kind);
}

/**
 * tessera_annotation_type_carries_claim:
 *
 * Returns: whether an annotation of type @self has a claim record
 *   (tessera_kind_carries_claim() of its kind)
 */
gboolean
tessera_annotation_type_carries_claim (TesseraAnnotationType *self)
{
  g_return_val_if_fail (TESSERA_IS_ANNOTATION_TYPE (self), FALSE);
  return tessera_kind_carries_claim (self->kind);
}

void
_tessera_annotation_type_set_id (TesseraAnnotationType *self,
                                 gint64                 id)
{
  self->id = id;
}

void
_tessera_annotation_type_set_position (TesseraAnnotationType *self,
                                       int                    position)
{
  self->position = position;
}
