/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-core.h"

G_BEGIN_DECLS

/* What the claims view filters and groups by. */
typedef enum
{
  TESSERA_CLAIMS_FIELD_NONE,
  TESSERA_CLAIMS_FIELD_SOURCE,
  TESSERA_CLAIMS_FIELD_CUE,
  TESSERA_CLAIMS_FIELD_DOCUMENT,
  TESSERA_CLAIMS_FIELD_MONTH,
  TESSERA_CLAIMS_N_FIELDS
} TesseraClaimsField;

/* A choice offered for a field: the key the filter compares, the label people read. */
typedef struct
{
  char *key;
  char *label;
} TesseraClaimsChoice;

void tessera_claims_choice_free (TesseraClaimsChoice *choice);

/*
 * TesseraClaimNode: one row of the claims view, a group (its title, how many claims) or a
 * claim; a claim with "same-claim" partners holds them as its children.
 */
#define TESSERA_TYPE_CLAIM_NODE (tessera_claim_node_get_type ())
G_DECLARE_FINAL_TYPE (TesseraClaimNode, tessera_claim_node, TESSERA, CLAIM_NODE, GObject)

const TesseraClaimRow *tessera_claim_node_get_row      (TesseraClaimNode *self);
const char            *tessera_claim_node_get_title    (TesseraClaimNode *self);
guint                  tessera_claim_node_get_n_claims (TesseraClaimNode *self);
GListModel            *tessera_claim_node_get_children (TesseraClaimNode *self);

#define TESSERA_TYPE_CLAIMS_MODEL (tessera_claims_model_get_type ())
G_DECLARE_FINAL_TYPE (TesseraClaimsModel, tessera_claims_model, TESSERA, CLAIMS_MODEL, GObject)

TesseraClaimsModel *tessera_claims_model_new          (void);
GListModel         *tessera_claims_model_get_root     (TesseraClaimsModel *self);
guint               tessera_claims_model_get_n_shown  (TesseraClaimsModel *self);
void                tessera_claims_model_set_rows     (TesseraClaimsModel *self,
                                                       GPtrArray          *rows);
GPtrArray          *tessera_claims_model_dup_choices  (TesseraClaimsModel *self,
                                                       TesseraClaimsField  field);
void                tessera_claims_model_set_filter   (TesseraClaimsModel *self,
                                                       TesseraClaimsField  field,
                                                       const char         *key);
void                tessera_claims_model_set_search   (TesseraClaimsModel *self,
                                                       const char         *search);
void                tessera_claims_model_set_grouping (TesseraClaimsModel *self,
                                                       TesseraClaimsField  field);
char               *tessera_claims_model_dup_key      (const TesseraClaimRow *row,
                                                       TesseraClaimsField     field);

G_END_DECLS
