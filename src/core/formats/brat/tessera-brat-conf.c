/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-brat"

#include "config.h"

#include <string.h>

#include "tessera-brat-private.h"

/*
 * The configuration a brat export writes beside its documents, so that brat shows the
 * project's types and its verifier accepts the files: annotation.conf declares every
 * type, relation type (with the types of its arguments) and attribute value the files
 * use, visual.conf gives the tagset's labels and colours.
 */

static void
append_types (GString    *conf,
              GListModel *tagset,
              TesseraKind kind,
              GHashTable *also)
{
  gboolean first = TRUE;

  /* The records hold the tagset's types: @also names types of the tagset. Every type
   * for TESSERA_N_KINDS: brat's verifier matches argument types by name (only <ANY> is a
   * wildcard there). */
  for (guint i = 0; i < g_list_model_get_n_items (tagset); i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (tagset, i);
      const char *type_key = tessera_annotation_type_get_key (type);

      if (kind != TESSERA_N_KINDS && tessera_annotation_type_get_kind (type) != kind &&
          (also == NULL || !g_hash_table_contains (also, type_key)))
        continue;
      g_string_append_printf (conf, "%s%s", first ? "" : "|", type_key);
      first = FALSE;
    }
}

static gboolean
has_kind (GListModel  *tagset,
          TesseraKind  kind)
{
  for (guint i = 0; i < g_list_model_get_n_items (tagset); i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (tagset, i);

      if (tessera_annotation_type_get_kind (type) == kind)
        return TRUE;
    }
  return FALSE;
}

/**
 * _tessera_brat_dup_annotation_conf:
 * @declared: the relation types, the types of sources and cues and the free-text values
 *   the files use
 *
 * Returns: (transfer full): annotation.conf: the tagset's types, the relation types (a
 *   claim's source and cue among them), the claim fields as attributes
 */
char *
_tessera_brat_dup_annotation_conf (TesseraStore              *store,
                                   const TesseraBratDeclared *declared)
{
  GListModel *tagset = tessera_store_get_tagset (store);
  GString *conf = g_string_new ("# The types of a Tessera project, for brat.\n\n[entities]\n");
  const TesseraBratAttribute *attributes;
  guint n_attributes;

  for (guint i = 0; i < g_list_model_get_n_items (tagset); i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (tagset, i);

      g_string_append_printf (conf, "%s\n", tessera_annotation_type_get_key (type));
    }
  g_string_append (conf, "\n[relations]\n");
  for (guint i = 0; i < declared->relation_keys->len; i++)
    {
      g_string_append_printf (conf, "%s Arg1:",
                              (char *) g_ptr_array_index (declared->relation_keys, i));
      append_types (conf, tagset, TESSERA_N_KINDS, NULL);
      g_string_append (conf, ", Arg2:");
      append_types (conf, tagset, TESSERA_N_KINDS, NULL);
      g_string_append_c (conf, '\n');
    }
  if (has_kind (tagset, TESSERA_KIND_CLAIM))
    {
      const char *roles[] = { TESSERA_BRAT_SOURCE, TESSERA_BRAT_CUE };
      TesseraKind kinds[] = { TESSERA_KIND_ENTITY, TESSERA_KIND_CUE };
      GHashTable *used[] = { declared->source_types, declared->cue_types };

      for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
        {
          g_string_append_printf (conf, "%s Arg1:", roles[r]);
          append_types (conf, tagset, TESSERA_KIND_CLAIM, NULL);
          g_string_append (conf, ", Arg2:");
          append_types (conf, tagset,
                        has_kind (tagset, kinds[r]) || g_hash_table_size (used[r]) > 0
                        ? kinds[r] : TESSERA_N_KINDS, used[r]);
          g_string_append_c (conf, '\n');
        }
    }
  /* Tessera's annotations nest and cross: brat is told they may. */
  g_string_append (conf, "<OVERLAP> Arg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");
  g_string_append (conf, "\n[events]\n\n[attributes]\n");
  attributes = _tessera_brat_get_attributes (&n_attributes);
  for (guint i = 0; i < n_attributes && has_kind (tagset, TESSERA_KIND_CLAIM); i++)
    {
      if (attributes[i].vocabulary == TESSERA_N_VOCABULARIES && declared->values[i]->len == 0)
        continue;
      g_string_append_printf (conf, "%s Arg:", attributes[i].name);
      append_types (conf, tagset, TESSERA_KIND_CLAIM, NULL);
      g_string_append (conf, ", Value:");
      for (guint v = 0; attributes[i].vocabulary != TESSERA_N_VOCABULARIES &&
                        v < tessera_vocabulary_get_n_terms (attributes[i].vocabulary); v++)
        g_string_append_printf (conf, "%s%s", v > 0 ? "|" : "",
                                tessera_vocabulary_get_code (attributes[i].vocabulary, v));
      for (guint v = 0; v < declared->values[i]->len; v++)
        g_string_append_printf (conf, "%s%s", v > 0 ? "|" : "",
                                (char *) g_ptr_array_index (declared->values[i], v));
      g_string_append_c (conf, '\n');
    }
  return g_string_free (conf, FALSE);
}

static gboolean
is_color (const char *color)
{
  if (color == NULL || strlen (color) != 7 || color[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    {
      if (!g_ascii_isxdigit (color[i]))
        return FALSE;
    }
  return TRUE;
}

/* "person | Personne": a label without brat's separator, on one line. */
static void
append_label (GString    *conf,
              const char *key,
              const char *label)
{
  g_string_append_printf (conf, "%s | ", key);
  for (const char *p = label != NULL && *label != '\0' ? label : key; *p != '\0'; p++)
    g_string_append_c (conf, *p == '|' || *p == '\n' || *p == '\t' ? ' ' : *p);
  g_string_append_c (conf, '\n');
}

/**
 * _tessera_brat_dup_visual_conf:
 *
 * Returns: (transfer full): visual.conf: the labels and colours of the tagset's types and
 *   of the relation types the files use
 */
char *
_tessera_brat_dup_visual_conf (TesseraStore              *store,
                               const TesseraBratDeclared *declared)
{
  GListModel *tagset = tessera_store_get_tagset (store);
  g_autoptr(GPtrArray) relation_types = tessera_store_dup_relation_types (store, NULL);
  g_autoptr(GString) drawing = g_string_new ("\n[drawing]\n");
  GString *conf = g_string_new ("# The labels and colours of a Tessera project, for brat.\n\n"
                                "[labels]\n");

  for (guint i = 0; i < g_list_model_get_n_items (tagset); i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (tagset, i);
      const char *key = tessera_annotation_type_get_key (type);

      append_label (conf, key, tessera_annotation_type_get_label_localized (type));
      if (is_color (tessera_annotation_type_get_color (type)))
        g_string_append_printf (drawing, "%s\tbgColor:%s\n", key,
                                tessera_annotation_type_get_color (type));
    }
  for (guint i = 0; relation_types != NULL && i < relation_types->len; i++)
    {
      TesseraRelationType *type = g_ptr_array_index (relation_types, i);
      const char *key = tessera_relation_type_get_key (type);

      if (!g_ptr_array_find_with_equal_func (declared->relation_keys, key, g_str_equal, NULL))
        continue;
      append_label (conf, key, tessera_relation_type_get_label (type));
      if (is_color (tessera_relation_type_get_color (type)))
        g_string_append_printf (drawing, "%s\tcolor:%s\n", key,
                                tessera_relation_type_get_color (type));
    }
  g_string_append (conf, drawing->str);
  return g_string_free (conf, FALSE);
}
