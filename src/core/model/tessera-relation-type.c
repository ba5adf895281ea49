/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-relation-type"

#include "config.h"

#include "tessera-relation-type.h"
#include "tessera-locale.h"
#include "tessera-util-private.h"

/*
 * A type of relation between two annotations ("supports", "same-as"…), part of the
 * project's tagset as annotation types are. A relation names its type by key; the TEI
 * name is what `<relation name=…>` says in an export, which may differ from the key.
 */
struct _TesseraRelationType
{
  GObject     parent_instance;

  gint64      id;
  char       *key;
  char       *label;        /* its own label, used where no language has one */
  GHashTable *labels;       /* language → label */
  char       *tei_name;
  char       *color;
  char       *description;
  gboolean    symmetric;
  gboolean    crosses_documents;
  int         position;
};

G_DEFINE_FINAL_TYPE (TesseraRelationType, tessera_relation_type, G_TYPE_OBJECT)

/* The label in the user's language, for expressions (a drop-down of types). */
enum {
  PROP_0,
  PROP_LABEL,
};

static void
tessera_relation_type_finalize (GObject *object)
{
  TesseraRelationType *self = (TesseraRelationType *)object;

  g_hash_table_unref (self->labels);
  g_free (self->key);
  g_free (self->label);
  g_free (self->tei_name);
  g_free (self->description);
  g_free (self->color);

  G_OBJECT_CLASS (tessera_relation_type_parent_class)->finalize (object);
}

static void
tessera_relation_type_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  if (prop_id == PROP_LABEL)
    g_value_set_string (value, tessera_relation_type_get_label (TESSERA_RELATION_TYPE (object)));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
tessera_relation_type_class_init (TesseraRelationTypeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tessera_relation_type_finalize;
  object_class->get_property = tessera_relation_type_get_property;
  g_object_class_install_property (object_class, PROP_LABEL,
                                   g_param_spec_string ("label", NULL, NULL, NULL,
                                                        G_PARAM_READABLE |
                                                        G_PARAM_STATIC_STRINGS));
}

static void
tessera_relation_type_init (TesseraRelationType *self)
{
  self->labels = tessera_labels_new ();
  self->color = g_strdup ("#77767b");
}

/**
 * tessera_relation_type_new:
 * @key: what relations of this type store, e.g. "supports"
 * @label: its own label, shown where no label in the user's language is set
 *
 * Creates a type that is not in a project yet (its TEI name is its key); add it with
 * tessera_store_add_relation_type().
 *
 * Returns: (transfer full): the type
 */
TesseraRelationType *
tessera_relation_type_new (const char *key,
                           const char *label)
{
  TesseraRelationType *self;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (label != NULL, NULL);

  self = g_object_new (TESSERA_TYPE_RELATION_TYPE, NULL);
  self->key = g_strdup (key);
  self->label = g_strdup (label);
  self->tei_name = g_strdup (key);
  return self;
}

/**
 * tessera_relation_type_copy:
 *
 * Returns: (transfer full): a copy, to edit and give to tessera_store_update_relation_type()
 */
TesseraRelationType *
tessera_relation_type_copy (TesseraRelationType *self)
{
  TesseraRelationType *copy;

  g_return_val_if_fail (TESSERA_IS_RELATION_TYPE (self), NULL);

  copy = tessera_relation_type_new (self->key, self->label);
  copy->id = self->id;
  copy->position = self->position;
  copy->symmetric = self->symmetric;
  copy->crosses_documents = self->crosses_documents;
  tessera_set_str (&copy->tei_name, self->tei_name);
  tessera_set_str (&copy->color, self->color);
  tessera_set_str (&copy->description, self->description);
  tessera_labels_copy (copy->labels, self->labels);
  return copy;
}

#define GETTER(type, name, expr) \
  TESSERA_DEFINE_GETTER (TesseraRelationType, tessera_relation_type, TESSERA_IS_RELATION_TYPE, \
                         type, name, expr)

GETTER (gint64, id, self->id)
GETTER (const char *, key, self->key)
GETTER (const char *, own_label, self->label)
GETTER (GHashTable *, labels, self->labels)
GETTER (const char *, tei_name, self->tei_name)
GETTER (const char *, color, self->color)
GETTER (const char *, description, self->description)
GETTER (gboolean, symmetric, self->symmetric)
GETTER (gboolean, crosses_documents, self->crosses_documents)
GETTER (int, position, self->position)

/**
 * tessera_relation_type_get_label:
 *
 * Returns: the label in the user's language (from the locale), as annotation types show
 *   theirs, or the type's own label
 */
const char *
tessera_relation_type_get_label (TesseraRelationType *self)
{
  g_return_val_if_fail (TESSERA_IS_RELATION_TYPE (self), NULL);
  return tessera_locale_pick_label (self->labels, self->label);
}

/**
 * tessera_relation_type_get_label_for:
 * @language: a language code such as "fr" or "en"
 *
 * Returns: the label in that language, or the type's own label
 */
const char *
tessera_relation_type_get_label_for (TesseraRelationType *self,
                                     const char          *language)
{
  g_return_val_if_fail (TESSERA_IS_RELATION_TYPE (self), NULL);
  return tessera_labels_lookup (self->labels, language, self->label);
}

void
tessera_relation_type_set_key (TesseraRelationType *self,
                               const char          *key)
{
  g_return_if_fail (TESSERA_IS_RELATION_TYPE (self));
  g_return_if_fail (key != NULL);
  tessera_set_str (&self->key, key);
}

void
tessera_relation_type_set_own_label (TesseraRelationType *self,
                                     const char          *label)
{
  g_return_if_fail (TESSERA_IS_RELATION_TYPE (self));
  g_return_if_fail (label != NULL);
  tessera_set_str (&self->label, label);
}

/**
 * tessera_relation_type_set_label_for:
 * @language: a language code such as "fr" or "en"
 * @label: (nullable): the label in that language, or %NULL (or "") to remove it
 */
void
tessera_relation_type_set_label_for (TesseraRelationType *self,
                                     const char          *language,
                                     const char          *label)
{
  g_return_if_fail (TESSERA_IS_RELATION_TYPE (self));
  g_return_if_fail (language != NULL);
  tessera_labels_set (self->labels, language, label != NULL && *label != '\0' ? label : NULL);
}

void
tessera_relation_type_set_tei_name (TesseraRelationType *self,
                                    const char          *tei_name)
{
  g_return_if_fail (TESSERA_IS_RELATION_TYPE (self));
  g_return_if_fail (tei_name != NULL);
  tessera_set_str (&self->tei_name, tei_name);
}

void
tessera_relation_type_set_color (TesseraRelationType *self,
                                 const char          *color)
{
  g_return_if_fail (TESSERA_IS_RELATION_TYPE (self));
  g_return_if_fail (color != NULL);
  tessera_set_str (&self->color, color);
}

void
tessera_relation_type_set_description (TesseraRelationType *self,
                                       const char          *description)
{
  g_return_if_fail (TESSERA_IS_RELATION_TYPE (self));
  tessera_set_str (&self->description,
                   description != NULL && *description != '\0' ? description : NULL);
}

/**
 * tessera_relation_type_set_symmetric:
 * @symmetric: whether A→B says the same as B→A ("same-as"), so that it is drawn without
 *   an arrow head
 */
void
tessera_relation_type_set_symmetric (TesseraRelationType *self,
                                     gboolean             symmetric)
{
  g_return_if_fail (TESSERA_IS_RELATION_TYPE (self));
  self->symmetric = !!symmetric;
}

/**
 * tessera_relation_type_set_crosses_documents:
 * @crosses_documents: whether a relation of this type may join annotations of two
 *   documents ("same-claim": one claim repeated by two articles); the store refuses any
 *   other relation between documents
 */
void
tessera_relation_type_set_crosses_documents (TesseraRelationType *self,
                                             gboolean             crosses_documents)
{
  g_return_if_fail (TESSERA_IS_RELATION_TYPE (self));
  self->crosses_documents = !!crosses_documents;
}

void
_tessera_relation_type_set_id (TesseraRelationType *self,
                               gint64               id)
{
  g_return_if_fail (TESSERA_IS_RELATION_TYPE (self));
  self->id = id;
}

void
_tessera_relation_type_set_position (TesseraRelationType *self,
                                     int                  position)
{
  g_return_if_fail (TESSERA_IS_RELATION_TYPE (self));
  self->position = position;
}
