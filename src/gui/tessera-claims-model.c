/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-claims-model"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "tessera-claims-model.h"

/*
 * The claims of the corpus (tessera_store_dup_claim_rows()) as the claims view shows them:
 * filtered by source, cue, document, month and words; a claim's "same-claim" partners
 * folded under it; grouped by one field, a group node per value with its claims as children.
 * The root is a plain list of nodes for a GtkTreeListModel; each change of a filter or of the
 * grouping replaces its items at once.
 */

void
tessera_claims_choice_free (TesseraClaimsChoice *choice)
{
  g_free (choice->key);
  g_free (choice->label);
  g_free (choice);
}

/* Nodes ------------------------------------------------------------------------------- */

struct _TesseraClaimNode
{
  GObject                parent_instance;

  GPtrArray             *rows;      /* keeps @row alive */
  const TesseraClaimRow *row;       /* NULL for a group */
  char                  *title;
  guint                  n_claims;
  GListStore            *children;  /* NULL without any */
};

G_DEFINE_FINAL_TYPE (TesseraClaimNode, tessera_claim_node, G_TYPE_OBJECT)

static void
tessera_claim_node_finalize (GObject *object)
{
  TesseraClaimNode *self = TESSERA_CLAIM_NODE (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->children);
  g_free (self->title);

  G_OBJECT_CLASS (tessera_claim_node_parent_class)->finalize (object);
}

static void
tessera_claim_node_class_init (TesseraClaimNodeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tessera_claim_node_finalize;
}

static void
tessera_claim_node_init (TesseraClaimNode *self)
{
}

static TesseraClaimNode *
claim_node_new (GPtrArray             *rows,
                const TesseraClaimRow *row)
{
  TesseraClaimNode *self = g_object_new (TESSERA_TYPE_CLAIM_NODE, NULL);

  self->rows = g_ptr_array_ref (rows);
  self->row = row;
  self->n_claims = 1;
  return self;
}

static TesseraClaimNode *
group_node_new (const char *title)
{
  TesseraClaimNode *self = g_object_new (TESSERA_TYPE_CLAIM_NODE, NULL);

  self->title = g_strdup (title);
  return self;
}

static void
node_add_child (TesseraClaimNode *self,
                TesseraClaimNode *child)
{
  if (self->children == NULL)
    self->children = g_list_store_new (TESSERA_TYPE_CLAIM_NODE);
  g_list_store_append (self->children, child);
  self->n_claims += child->n_claims;
}

/* The claim, or %NULL for a group. */
const TesseraClaimRow *
tessera_claim_node_get_row (TesseraClaimNode *self)
{
  g_return_val_if_fail (TESSERA_IS_CLAIM_NODE (self), NULL);
  return self->row;
}

/* A group's title; %NULL for a claim. */
const char *
tessera_claim_node_get_title (TesseraClaimNode *self)
{
  g_return_val_if_fail (TESSERA_IS_CLAIM_NODE (self), NULL);
  return self->title;
}

/* How many claims the node stands for: a group's, or a claim with its partners. */
guint
tessera_claim_node_get_n_claims (TesseraClaimNode *self)
{
  g_return_val_if_fail (TESSERA_IS_CLAIM_NODE (self), 0);
  return self->n_claims;
}

/* Returns: (nullable): the group's claims, or the claim's same-claim partners shown */
GListModel *
tessera_claim_node_get_children (TesseraClaimNode *self)
{
  g_return_val_if_fail (TESSERA_IS_CLAIM_NODE (self), NULL);
  return self->children ? G_LIST_MODEL (self->children) : NULL;
}

/* Model --------------------------------------------------------------------------------- */

struct _TesseraClaimsModel
{
  GObject             parent_instance;

  GPtrArray          *rows;
  GListStore         *root;
  char               *filters[TESSERA_CLAIMS_N_FIELDS];
  char               *search;       /* folded */
  TesseraClaimsField  grouping;
  guint               n_shown;
};

G_DEFINE_FINAL_TYPE (TesseraClaimsModel, tessera_claims_model, G_TYPE_OBJECT)

/**
 * tessera_claims_model_dup_key:
 *
 * What @row has in @field, as the filters and groups compare it: the source's entity
 * ("entity:ID") or words ("words:…"), the cue's key, the document's id, the month.
 *
 * Returns: (transfer full) (nullable): the key, %NULL when the row has nothing there
 */
char *
tessera_claims_model_dup_key (const TesseraClaimRow *row,
                              TesseraClaimsField     field)
{
  switch (field)
    {
    case TESSERA_CLAIMS_FIELD_SOURCE:
      if (row->source_entity_id != 0)
        return g_strdup_printf ("entity:%" G_GINT64_FORMAT, row->source_entity_id);
      return row->source ? g_strconcat ("words:", row->source, NULL) : NULL;
    case TESSERA_CLAIMS_FIELD_CUE:
      return row->cue_key && *row->cue_key ? g_strdup (row->cue_key) : NULL;
    case TESSERA_CLAIMS_FIELD_DOCUMENT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, row->document_id);
    case TESSERA_CLAIMS_FIELD_MONTH:
      return g_strdup (row->month);
    case TESSERA_CLAIMS_FIELD_NONE:
    case TESSERA_CLAIMS_N_FIELDS:
    default:
      return NULL;
    }
}

/* "September 2024" for "2024-09", in the user's language. */
static char *
month_label (const char *month)
{
  g_autoptr(GDateTime) date = NULL;
  int year, number;

  if (sscanf (month, "%4d-%2d", &year, &number) != 2)
    return g_strdup (month);
  date = g_date_time_new_utc (year, number, 1, 0, 0, 0);
  if (date == NULL)
    return g_strdup (month);
  /* TRANSLATORS: a month of the claims view, as g_date_time_format () writes it. */
  return g_date_time_format (date, C_("claims month", "%B %Y"));
}

/* What people read for @row's value of @field; for a row without one, what it lacks. */
static char *
dup_label (const TesseraClaimRow *row,
           TesseraClaimsField     field)
{
  switch (field)
    {
    case TESSERA_CLAIMS_FIELD_SOURCE:
      return g_strdup (row->source ? row->source : _("No source"));
    case TESSERA_CLAIMS_FIELD_CUE:
      return g_strdup (row->cue_key && *row->cue_key ? row->cue_key : _("No cue"));
    case TESSERA_CLAIMS_FIELD_DOCUMENT:
      return g_strdup (row->document_title && *row->document_title ? row->document_title
                                                                   : _("Untitled"));
    case TESSERA_CLAIMS_FIELD_MONTH:
      return row->month ? month_label (row->month) : g_strdup (_("No date"));
    case TESSERA_CLAIMS_FIELD_NONE:
    case TESSERA_CLAIMS_N_FIELDS:
    default:
      return NULL;
    }
}

static gboolean
contains_folded (const char *text,
                 const char *folded_needle)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;
  folded = tessera_text_fold (text);
  return strstr (folded, folded_needle) != NULL;
}

static gboolean
row_matches (TesseraClaimsModel    *self,
             const TesseraClaimRow *row)
{
  for (guint field = TESSERA_CLAIMS_FIELD_SOURCE; field < TESSERA_CLAIMS_N_FIELDS; field++)
    {
      g_autofree char *key = NULL;

      if (self->filters[field] == NULL)
        continue;
      key = tessera_claims_model_dup_key (row, field);
      if (g_strcmp0 (key, self->filters[field]) != 0)
        return FALSE;
    }
  if (self->search == NULL)
    return TRUE;
  return contains_folded (row->text, self->search) ||
         contains_folded (row->source, self->search) ||
         contains_folded (row->cue, self->search) ||
         contains_folded (row->document_title, self->search);
}

/* Groups listed by their title, except documents and months: by date, as the rows come. */
static int
compare_titles (gconstpointer a,
                gconstpointer b)
{
  TesseraClaimNode *node_a = *(TesseraClaimNode **) a;
  TesseraClaimNode *node_b = *(TesseraClaimNode **) b;

  return g_utf8_collate (node_a->title, node_b->title);
}

static int
compare_choices (gconstpointer a,
                 gconstpointer b)
{
  const TesseraClaimsChoice *choice_a = *(TesseraClaimsChoice **) a;
  const TesseraClaimsChoice *choice_b = *(TesseraClaimsChoice **) b;

  return g_utf8_collate (choice_a->label, choice_b->label);
}

static void
rebuild (TesseraClaimsModel *self)
{
  g_autoptr(GPtrArray) claims = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) heads = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) items = NULL;

  self->n_shown = 0;
  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      TesseraClaimRow *row = g_ptr_array_index (self->rows, i);
      TesseraClaimNode *head;

      if (!row_matches (self, row))
        continue;
      self->n_shown++;
      head = g_hash_table_lookup (heads, &row->same_claim_id);
      if (head != NULL)
        {
          g_autoptr(TesseraClaimNode) partner = claim_node_new (self->rows, row);

          node_add_child (head, partner);
          continue;
        }
      head = claim_node_new (self->rows, row);
      g_hash_table_insert (heads, &row->same_claim_id, head);
      g_ptr_array_add (claims, head);
    }

  if (self->grouping == TESSERA_CLAIMS_FIELD_NONE)
    items = g_steal_pointer (&claims);
  else
    {
      g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                            g_free, NULL);

      items = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < claims->len; i++)
        {
          TesseraClaimNode *claim = g_ptr_array_index (claims, i);
          g_autofree char *key = tessera_claims_model_dup_key (claim->row, self->grouping);
          TesseraClaimNode *group = g_hash_table_lookup (groups, key ? key : "");

          if (group == NULL)
            {
              g_autofree char *title = dup_label (claim->row, self->grouping);

              group = group_node_new (title);
              g_hash_table_insert (groups, g_strdup (key ? key : ""), group);
              g_ptr_array_add (items, group);
            }
          node_add_child (group, claim);
        }
      if (self->grouping == TESSERA_CLAIMS_FIELD_SOURCE ||
          self->grouping == TESSERA_CLAIMS_FIELD_CUE)
        g_ptr_array_sort (items, compare_titles);
    }

  g_list_store_splice (self->root, 0, g_list_model_get_n_items (G_LIST_MODEL (self->root)),
                       items->pdata, items->len);
}

TesseraClaimsModel *
tessera_claims_model_new (void)
{
  return g_object_new (TESSERA_TYPE_CLAIMS_MODEL, NULL);
}

/* The top rows: claims, or groups of claims (TesseraClaimNode). */
GListModel *
tessera_claims_model_get_root (TesseraClaimsModel *self)
{
  g_return_val_if_fail (TESSERA_IS_CLAIMS_MODEL (self), NULL);
  return G_LIST_MODEL (self->root);
}

/* How many claims the filters let through. */
guint
tessera_claims_model_get_n_shown (TesseraClaimsModel *self)
{
  g_return_val_if_fail (TESSERA_IS_CLAIMS_MODEL (self), 0);
  return self->n_shown;
}

/* @rows: (element-type TesseraClaimRow): the claims, from tessera_store_dup_claim_rows() */
void
tessera_claims_model_set_rows (TesseraClaimsModel *self,
                               GPtrArray          *rows)
{
  g_return_if_fail (TESSERA_IS_CLAIMS_MODEL (self));

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = rows ? g_ptr_array_ref (rows) : NULL;
  rebuild (self);
}

/**
 * tessera_claims_model_dup_choices:
 *
 * The values @field takes among all the claims (filtered or not), for a filter's menu.
 *
 * Returns: (transfer full) (element-type TesseraClaimsChoice): the choices
 */
GPtrArray *
tessera_claims_model_dup_choices (TesseraClaimsModel *self,
                                  TesseraClaimsField  field)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *choices = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_claims_choice_free);

  g_return_val_if_fail (TESSERA_IS_CLAIMS_MODEL (self), choices);

  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      TesseraClaimRow *row = g_ptr_array_index (self->rows, i);
      char *key = tessera_claims_model_dup_key (row, field);
      TesseraClaimsChoice *choice;

      if (key == NULL || !g_hash_table_add (seen, key))
        continue;
      choice = g_new0 (TesseraClaimsChoice, 1);
      choice->key = g_strdup (key);
      choice->label = dup_label (row, field);
      g_ptr_array_add (choices, choice);
    }
  if (field == TESSERA_CLAIMS_FIELD_SOURCE || field == TESSERA_CLAIMS_FIELD_CUE)
    g_ptr_array_sort (choices, compare_choices);
  return choices;
}

/* Only the claims whose @field has @key (tessera_claims_model_dup_key()); %NULL: all. */
void
tessera_claims_model_set_filter (TesseraClaimsModel *self,
                                 TesseraClaimsField  field,
                                 const char         *key)
{
  g_return_if_fail (TESSERA_IS_CLAIMS_MODEL (self));
  g_return_if_fail (field > TESSERA_CLAIMS_FIELD_NONE && field < TESSERA_CLAIMS_N_FIELDS);

  if (g_strcmp0 (self->filters[field], key) == 0)
    return;
  g_free (self->filters[field]);
  self->filters[field] = g_strdup (key);
  rebuild (self);
}

/* Only the claims whose words, source, cue or document title hold @search, case and
 * accents aside. */
void
tessera_claims_model_set_search (TesseraClaimsModel *self,
                                 const char         *search)
{
  g_autofree char *folded = NULL;

  g_return_if_fail (TESSERA_IS_CLAIMS_MODEL (self));

  if (search != NULL && *search != '\0')
    folded = tessera_text_fold (search);
  if (g_strcmp0 (self->search, folded) == 0)
    return;
  g_free (self->search);
  self->search = g_steal_pointer (&folded);
  rebuild (self);
}

void
tessera_claims_model_set_grouping (TesseraClaimsModel *self,
                                   TesseraClaimsField  field)
{
  g_return_if_fail (TESSERA_IS_CLAIMS_MODEL (self));
  g_return_if_fail (field < TESSERA_CLAIMS_N_FIELDS);

  if (self->grouping == field)
    return;
  self->grouping = field;
  rebuild (self);
}

static void
tessera_claims_model_finalize (GObject *object)
{
  TesseraClaimsModel *self = TESSERA_CLAIMS_MODEL (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->root);
  for (guint i = 0; i < TESSERA_CLAIMS_N_FIELDS; i++)
    g_free (self->filters[i]);
  g_free (self->search);

  G_OBJECT_CLASS (tessera_claims_model_parent_class)->finalize (object);
}

static void
tessera_claims_model_class_init (TesseraClaimsModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tessera_claims_model_finalize;
}

static void
tessera_claims_model_init (TesseraClaimsModel *self)
{
  self->root = g_list_store_new (TESSERA_TYPE_CLAIM_NODE);
}
