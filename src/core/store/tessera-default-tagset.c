/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tessera-store-private.h"

/*
 * The tagset a new project starts with. The English label is the type's own label (and a
 * gettext msgid, so the interface can show it in any language); the French one is stored
 * too, because TEI exports describe every category in both languages.
 */
static const struct
{
  const char *key;
  const char *label_en;
  const char *label_fr;
  TesseraKind kind;
  const char *tei_element;
  const char *tei_type;
  const char *color;
  const char *shortcut;
  const char *description;
} default_tagset[] = {
  { "person", N_("Person"), "Personne", TESSERA_KIND_ENTITY, "persName", NULL,
    "#1c71d8", "1", N_("A person named in the text") },
  { "organisation", N_("Organisation"), "Organisation", TESSERA_KIND_ENTITY, "orgName", NULL,
    "#9141ac", "2", N_("An organisation, institution, army or state body") },
  { "place", N_("Place"), "Lieu", TESSERA_KIND_ENTITY, "placeName", NULL,
    "#26a269", "3", N_("A place: country, city, region, natural feature") },
  { "date", N_("Date"), "Date", TESSERA_KIND_ENTITY, "date", NULL,
    "#c88800", "4", N_("A date or a period") },
  { "event", N_("Event"), "Événement", TESSERA_KIND_ENTITY, "name", "event",
    "#e66100", "5", N_("A named event: a meeting, a summit, an operation") },
  { "role", N_("Role"), "Fonction", TESSERA_KIND_ENTITY, "roleName", NULL,
    "#2190a4", "6", N_("A function, title or rank") },
  { "other", N_("Other"), "Autre", TESSERA_KIND_ENTITY, "rs", NULL,
    "#77767b", "7", N_("Any other referring expression") },
  { "claim", N_("Claim"), "Affirmation", TESSERA_KIND_CLAIM, "said", NULL,
    "#c01c28", "8", N_("A statement attributed to a source") },
  { "cue", N_("Cue"), "Marqueur", TESSERA_KIND_CUE, "seg", "cue",
    "#d16d9e", "9", N_("The words that attribute a claim: «selon», «a souligné»…") },
};

/* Prepares the insertion of a type (@type_sql) and of its labels (@label_sql). */
static gboolean
prepare_inserts (TesseraStore   *self,
                 const char     *type_sql,
                 const char     *label_sql,
                 sqlite3_stmt  **type_stmt,
                 sqlite3_stmt  **label_stmt,
                 GError        **error)
{
  *type_stmt = _tessera_store_prepare_fresh (self, type_sql, error);
  if (*type_stmt == NULL)
    return FALSE;
  *label_stmt = _tessera_store_prepare_fresh (self, label_sql, error);
  return *label_stmt != NULL;
}

/* Stores the English and French labels of the type @type_id with @stmt, an INSERT of
 * (type_id, language, label). */
static gboolean
insert_labels (TesseraStore  *self,
               sqlite3_stmt  *stmt,
               gint64         type_id,
               const char    *label_en,
               const char    *label_fr,
               GError       **error)
{
  for (guint j = 0; j < 2; j++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, type_id);
      sqlite3_bind_text (stmt, 2, j == 0 ? "en" : "fr", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, j == 0 ? label_en : label_fr, -1, SQLITE_STATIC);
      if (!_tessera_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_tessera_store_add_default_tagset (TesseraStore  *self,
                                   GError       **error)
{
  g_autoptr(sqlite3_stmt) type_stmt = NULL;
  g_autoptr(sqlite3_stmt) label_stmt = NULL;

  if (!prepare_inserts (self,
                        "INSERT INTO annotation_type"
                        " (key, label, kind, tei_element, tei_type, color, shortcut,"
                        "  description, position)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        "INSERT INTO annotation_type_label (type_id, language, label)"
                        " VALUES (?, ?, ?)",
                        &type_stmt, &label_stmt, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (default_tagset); i++)
    {
      gint64 type_id;

      sqlite3_reset (type_stmt);
      sqlite3_bind_text (type_stmt, 1, default_tagset[i].key, -1, SQLITE_STATIC);
      sqlite3_bind_text (type_stmt, 2, default_tagset[i].label_en, -1, SQLITE_STATIC);
      sqlite3_bind_text (type_stmt, 3, tessera_kind_to_string (default_tagset[i].kind), -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (type_stmt, 4, default_tagset[i].tei_element, -1, SQLITE_STATIC);
      _tessera_bind_text_or_null (type_stmt, 5, default_tagset[i].tei_type);
      sqlite3_bind_text (type_stmt, 6, default_tagset[i].color, -1, SQLITE_STATIC);
      sqlite3_bind_text (type_stmt, 7, default_tagset[i].shortcut, -1, SQLITE_STATIC);
      sqlite3_bind_text (type_stmt, 8, default_tagset[i].description, -1, SQLITE_STATIC);
      sqlite3_bind_int (type_stmt, 9, (int) i);
      if (!_tessera_store_step_done (self, type_stmt, error))
        return FALSE;
      type_id = sqlite3_last_insert_rowid (self->db);
      if (!insert_labels (self, label_stmt, type_id, default_tagset[i].label_en,
                          default_tagset[i].label_fr, error))
        return FALSE;
    }

  return TRUE;
}

/* The relation types a project starts with: claims support, contradict or repeat one
 * another; a claim is part of a larger one; two mentions refer to the same thing. */
static const struct
{
  const char *key;
  const char *label_en;
  const char *label_fr;
  const char *color;
  gboolean    symmetric;
  const char *description;
} default_relation_types[] = {
  { "supports", N_("Supports"), "Soutient", "#26a269", FALSE,
    N_("The first claim supports the second") },
  { "contradicts", N_("Contradicts"), "Contredit", "#c01c28", FALSE,
    N_("The first claim contradicts the second") },
  { "same-claim", N_("Same claim"), "Même affirmation", "#9141ac", TRUE,
    N_("The two claims say the same thing, here or in another article") },
  { "part-of", N_("Part of"), "Fait partie de", "#986a44", FALSE,
    N_("The first annotation is part of the second") },
  { "same-as", N_("Same as"), "Coréférence", "#1c71d8", TRUE,
    N_("The two mentions refer to the same thing (coreference)") },
};

static gboolean
add_default_relation_type (TesseraStore  *self,
                           sqlite3_stmt  *type_stmt,
                           sqlite3_stmt  *label_stmt,
                           guint          i,
                           GError       **error)
{
  const char *key = default_relation_types[i].key;

  sqlite3_reset (type_stmt);
  sqlite3_bind_text (type_stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (type_stmt, 2, default_relation_types[i].label_en, -1, SQLITE_STATIC);
  sqlite3_bind_text (type_stmt, 3, default_relation_types[i].color, -1, SQLITE_STATIC);
  sqlite3_bind_int (type_stmt, 4, default_relation_types[i].symmetric);
  sqlite3_bind_text (type_stmt, 5, default_relation_types[i].description, -1, SQLITE_STATIC);
  sqlite3_bind_int (type_stmt, 6, (int) i);
  return _tessera_store_step_done (self, type_stmt, error) &&
         insert_labels (self, label_stmt, sqlite3_last_insert_rowid (self->db),
                        default_relation_types[i].label_en, default_relation_types[i].label_fr,
                        error);
}

gboolean
_tessera_store_add_default_relation_types (TesseraStore  *self,
                                           GError       **error)
{
  g_autoptr(sqlite3_stmt) type_stmt = NULL;
  g_autoptr(sqlite3_stmt) label_stmt = NULL;

  if (!prepare_inserts (self,
                        "INSERT INTO relation_type"
                        " (key, label, tei_name, color, symmetric, description, position)"
                        " VALUES (?1, ?2, ?1, ?3, ?4, ?5, ?6)",
                        "INSERT INTO relation_type_label (type_id, language, label)"
                        " VALUES (?, ?, ?)",
                        &type_stmt, &label_stmt, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (default_relation_types); i++)
    {
      if (!add_default_relation_type (self, type_stmt, label_stmt, i, error))
        return FALSE;
    }

  return TRUE;
}
