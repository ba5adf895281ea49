/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-store"

#include "config.h"

#include "tessera-store-private.h"
#include "tessera-vocabulary.h"

#include <string.h>

/*
 * The schema, as an append-only list of migration steps: step N takes a project from
 * user_version N to N + 1. Never edit a step that has shipped; add one.
 *
 * The CHECK lists of coded columns come from the vocabularies (tessera-vocabulary.c): a
 * step writes "@name@" where the list goes and says how many terms it knew, so that a
 * term appended later leaves the step's SQL as it shipped. A new term needs a step that
 * widens the column's CHECK (test-store fails until there is one).
 *
 * Every table a user can change has an INTEGER PRIMARY KEY "id": the journal records rows
 * by (table, id), which is what makes undo and redo generic. Foreign keys are deferred to
 * COMMIT so that undo can restore rows in any order.
 */

static const char schema_v1[] =
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT"
  ");"

  "CREATE TABLE annotator ("
  "  id           INTEGER PRIMARY KEY,"
  "  name         TEXT NOT NULL UNIQUE,"
  "  created      TEXT NOT NULL"
  ");"

  "CREATE TABLE document ("
  "  id               INTEGER PRIMARY KEY,"
  "  title            TEXT NOT NULL DEFAULT '',"
  "  author           TEXT,"
  "  source_url       TEXT,"
  "  publisher        TEXT,"
  "  publication_date TEXT,"
  "  language         TEXT,"
  "  licence          TEXT,"
  "  notes            TEXT,"
  "  source_path      TEXT,"
  "  text             TEXT NOT NULL,"
  "  length           INTEGER NOT NULL CHECK (length >= 0),"
  "  sha256           TEXT NOT NULL UNIQUE,"
  "  progress         TEXT NOT NULL DEFAULT 'not-started'"
  "                   CHECK (progress IN @progress@),"
  "  imported         TEXT NOT NULL,"
  "  modified         TEXT NOT NULL"
  ");"

  "CREATE TABLE annotation_type ("
  "  id          INTEGER PRIMARY KEY,"
  "  key         TEXT NOT NULL UNIQUE,"
  "  label       TEXT NOT NULL,"
  "  kind        TEXT NOT NULL CHECK (kind IN @kind@),"
  "  tei_element TEXT NOT NULL,"
  "  tei_type    TEXT,"
  "  color       TEXT NOT NULL,"
  "  shortcut    TEXT UNIQUE,"
  "  description TEXT,"
  "  position    INTEGER NOT NULL"
  ");"

  "CREATE TABLE annotation_type_label ("
  "  id       INTEGER PRIMARY KEY,"
  "  type_id  INTEGER NOT NULL REFERENCES annotation_type (id) ON DELETE CASCADE"
  "           DEFERRABLE INITIALLY DEFERRED,"
  "  language TEXT NOT NULL,"
  "  label    TEXT NOT NULL,"
  "  UNIQUE (type_id, language)"
  ");"

  "CREATE TABLE entity ("
  "  id          INTEGER PRIMARY KEY,"
  "  name        TEXT NOT NULL,"
  "  type_id     INTEGER REFERENCES annotation_type (id) ON DELETE SET NULL"
  "              DEFERRABLE INITIALLY DEFERRED,"
  "  description TEXT,"
  "  created     TEXT NOT NULL,"
  "  modified    TEXT NOT NULL"
  ");"
  "CREATE INDEX entity_by_type ON entity (type_id);"

  "CREATE TABLE entity_authority ("
  "  id        INTEGER PRIMARY KEY,"
  "  entity_id INTEGER NOT NULL REFERENCES entity (id) ON DELETE CASCADE"
  "            DEFERRABLE INITIALLY DEFERRED,"
  "  scheme    TEXT NOT NULL,"
  "  uri       TEXT NOT NULL,"
  "  UNIQUE (entity_id, uri)"
  ");"

  "CREATE TABLE annotation ("
  "  id           INTEGER PRIMARY KEY,"
  "  document_id  INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE"
  "               DEFERRABLE INITIALLY DEFERRED,"
  "  type_id      INTEGER NOT NULL REFERENCES annotation_type (id)"
  "               DEFERRABLE INITIALLY DEFERRED,"
  "  entity_id    INTEGER REFERENCES entity (id) ON DELETE SET NULL"
  "               DEFERRABLE INITIALLY DEFERRED,"
  "  annotator_id INTEGER REFERENCES annotator (id),"
  "  certainty    TEXT NOT NULL DEFAULT 'unknown'"
  "               CHECK (certainty IN @certainty@),"
  "  status       TEXT NOT NULL DEFAULT 'accepted'"
  "               CHECK (status IN @status@),"
  "  note         TEXT,"
  "  normalized   TEXT,"
  "  created      TEXT NOT NULL,"
  "  modified     TEXT NOT NULL"
  ");"
  "CREATE INDEX annotation_by_document ON annotation (document_id, type_id);"
  "CREATE INDEX annotation_by_entity ON annotation (entity_id);"

  /* One row per range; several make a discontinuous span. Offsets are code points. */
  "CREATE TABLE annotation_range ("
  "  id            INTEGER PRIMARY KEY,"
  "  annotation_id INTEGER NOT NULL REFERENCES annotation (id) ON DELETE CASCADE"
  "                DEFERRABLE INITIALLY DEFERRED,"
  "  start_offset  INTEGER NOT NULL CHECK (start_offset >= 0),"
  "  end_offset    INTEGER NOT NULL CHECK (end_offset > start_offset)"
  ");"
  "CREATE INDEX annotation_range_by_annotation ON annotation_range (annotation_id, start_offset);"
  "CREATE INDEX annotation_range_by_span ON annotation_range (start_offset, end_offset);"

  /* The claim's id is its annotation's id. */
  "CREATE TABLE claim ("
  "  id                   INTEGER PRIMARY KEY REFERENCES annotation (id) ON DELETE CASCADE"
  "                       DEFERRABLE INITIALLY DEFERRED,"
  "  source_entity_id     INTEGER REFERENCES entity (id) ON DELETE SET NULL"
  "                       DEFERRABLE INITIALLY DEFERRED,"
  "  source_annotation_id INTEGER REFERENCES annotation (id) ON DELETE SET NULL"
  "                       DEFERRABLE INITIALLY DEFERRED,"
  "  cue_annotation_id    INTEGER REFERENCES annotation (id) ON DELETE SET NULL"
  "                       DEFERRABLE INITIALLY DEFERRED,"
  "  parent_claim_id      INTEGER REFERENCES claim (id) ON DELETE SET NULL"
  "                       DEFERRABLE INITIALLY DEFERRED,"
  "  source_kind          TEXT CHECK (source_kind IN"
  "                         @source-kind@),"
  "  quote_type           TEXT CHECK (quote_type IN"
  "                         @quote-type@),"
  "  polarity             TEXT CHECK (polarity IN"
  "                         @polarity@),"
  "  factuality           TEXT CHECK (factuality IN"
  "                         @factuality@),"
  "  writer_distance      TEXT CHECK (writer_distance IN"
  "                         @writer-distance@),"
  "  statement_date       TEXT,"
  "  topic                TEXT"
  ");"
  "CREATE INDEX claim_by_source_annotation ON claim (source_annotation_id);"
  "CREATE INDEX claim_by_cue ON claim (cue_annotation_id);"
  "CREATE INDEX claim_by_source_entity ON claim (source_entity_id);"
  "CREATE INDEX claim_by_parent ON claim (parent_claim_id);"

  "CREATE TABLE relation ("
  "  id           INTEGER PRIMARY KEY,"
  "  type         TEXT NOT NULL,"
  "  source_id    INTEGER NOT NULL REFERENCES annotation (id) ON DELETE CASCADE"
  "               DEFERRABLE INITIALLY DEFERRED,"
  "  target_id    INTEGER NOT NULL REFERENCES annotation (id) ON DELETE CASCADE"
  "               DEFERRABLE INITIALLY DEFERRED,"
  "  annotator_id INTEGER REFERENCES annotator (id),"
  "  note         TEXT,"
  "  created      TEXT NOT NULL,"
  "  CHECK (source_id != target_id)"
  ");"
  "CREATE INDEX relation_by_source ON relation (source_id);"
  "CREATE INDEX relation_by_target ON relation (target_id);"

  /* Free key/value pairs on a document, an annotation or an entity (exactly one). */
  "CREATE TABLE attribute ("
  "  id            INTEGER PRIMARY KEY,"
  "  document_id   INTEGER REFERENCES document (id) ON DELETE CASCADE"
  "                DEFERRABLE INITIALLY DEFERRED,"
  "  annotation_id INTEGER REFERENCES annotation (id) ON DELETE CASCADE"
  "                DEFERRABLE INITIALLY DEFERRED,"
  "  entity_id     INTEGER REFERENCES entity (id) ON DELETE CASCADE"
  "                DEFERRABLE INITIALLY DEFERRED,"
  "  key           TEXT NOT NULL,"
  "  value         TEXT NOT NULL,"
  "  CHECK ((document_id IS NOT NULL) + (annotation_id IS NOT NULL)"
  "         + (entity_id IS NOT NULL) = 1)"
  ");"
  "CREATE UNIQUE INDEX attribute_by_owner ON attribute"
  "  (coalesce (document_id, 0), coalesce (annotation_id, 0), coalesce (entity_id, 0), key);"
  "CREATE INDEX attribute_by_annotation ON attribute (annotation_id);"
  "CREATE INDEX attribute_by_document ON attribute (document_id);"
  "CREATE INDEX attribute_by_entity ON attribute (entity_id);"

  /* Every user-visible change; undo and redo walk it, the history reads it.
   * state: done | undone | discarded (undone, then superseded) | permanent (not undoable). */
  "CREATE TABLE journal ("
  "  id           INTEGER PRIMARY KEY,"
  "  time         TEXT NOT NULL,"
  "  annotator_id INTEGER REFERENCES annotator (id),"
  "  document_id  INTEGER,"
  "  action       TEXT NOT NULL,"
  "  summary      TEXT NOT NULL DEFAULT '',"
  "  state        TEXT NOT NULL"
  "               CHECK (state IN ('done', 'undone', 'discarded', 'permanent')),"
  "  changes      BLOB"
  ");"
  "CREATE INDEX journal_by_state ON journal (state, id);"
  "CREATE INDEX journal_by_document ON journal (document_id, id);"

  "PRAGMA application_id = 1414746689;";   /* TESSERA_STORE_APPLICATION_ID */

G_STATIC_ASSERT (TESSERA_STORE_APPLICATION_ID == 1414746689);

typedef struct
{
  TesseraVocabulary vocabulary;
  guint             n_terms;    /* the terms the step knew; never change a shipped count */
} CheckList;

static const CheckList schema_v1_lists[] = {
  { TESSERA_VOCABULARY_PROGRESS, 3 },
  { TESSERA_VOCABULARY_KIND, 3 },
  { TESSERA_VOCABULARY_CERTAINTY, 4 },
  { TESSERA_VOCABULARY_STATUS, 2 },
  { TESSERA_VOCABULARY_SOURCE_KIND, 5 },
  { TESSERA_VOCABULARY_QUOTE_TYPE, 4 },
  { TESSERA_VOCABULARY_POLARITY, 4 },
  { TESSERA_VOCABULARY_FACTUALITY, 8 },
  { TESSERA_VOCABULARY_WRITER_DISTANCE, 3 },
};

/* @sql with each "@name@" of @lists replaced by its SQL list: ('a', 'b', 'c'). Codes are
 * letters, digits, "+" and "-": the quotes need no escaping. */
static char *
expand_check_lists (const char      *sql,
                    const CheckList *lists,
                    guint            n_lists)
{
  GString *expanded = g_string_new (sql);

  for (guint i = 0; i < n_lists; i++)
    {
      g_autofree char *placeholder =
        g_strdup_printf ("@%s@", tessera_vocabulary_get_name (lists[i].vocabulary));
      g_autoptr(GString) list = g_string_new ("(");

      g_assert (lists[i].n_terms <= tessera_vocabulary_get_n_terms (lists[i].vocabulary));
      for (guint t = 0; t < lists[i].n_terms; t++)
        {
          const char *code = tessera_vocabulary_get_code (lists[i].vocabulary, t);

          g_assert (strchr (code, '\'') == NULL);
          g_string_append_printf (list, "%s'%s'", t > 0 ? ", " : "", code);
        }
      g_string_append_c (list, ')');
      g_assert (strstr (expanded->str, placeholder) != NULL);
      g_string_replace (expanded, placeholder, list->str, 0);
    }
  return g_string_free (expanded, FALSE);
}

static gboolean
migrate_to_v1 (TesseraStore  *self,
               GError       **error)
{
  g_autofree char *now = _tessera_store_now ();
  g_autofree char *schema = expand_check_lists (schema_v1, schema_v1_lists,
                                                G_N_ELEMENTS (schema_v1_lists));
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_tessera_store_exec (self, schema, error))
    return FALSE;

  stmt = _tessera_store_prepare_fresh (self,
                                       "INSERT INTO meta (key, value) VALUES"
                                       " ('created', ?1), ('created-by', ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, "Tessera " PACKAGE_VERSION, -1, SQLITE_STATIC);
  if (!_tessera_store_step_done (self, stmt, error))
    return FALSE;

  return _tessera_store_add_default_tagset (self, error);
}

/* Relation types join the tagset. Relations keep naming their type by key; a project made
 * before this step gets the default types and one for every other type its relations use,
 * so that none is lost. */
static const char schema_v2[] =
  "CREATE TABLE relation_type ("
  "  id          INTEGER PRIMARY KEY,"
  "  key         TEXT NOT NULL UNIQUE,"
  "  label       TEXT NOT NULL,"
  "  tei_name    TEXT NOT NULL,"
  "  color       TEXT NOT NULL,"
  "  description TEXT,"
  "  symmetric   INTEGER NOT NULL DEFAULT 0 CHECK (symmetric IN (0, 1)),"
  "  position    INTEGER NOT NULL"
  ");"

  "CREATE TABLE relation_type_label ("
  "  id       INTEGER PRIMARY KEY,"
  "  type_id  INTEGER NOT NULL REFERENCES relation_type (id) ON DELETE CASCADE"
  "           DEFERRABLE INITIALLY DEFERRED,"
  "  language TEXT NOT NULL,"
  "  label    TEXT NOT NULL,"
  "  UNIQUE (type_id, language)"
  ");"

  "CREATE INDEX relation_by_type ON relation (type);";

static gboolean
migrate_to_v2 (TesseraStore  *self,
               GError       **error)
{
  if (!_tessera_store_exec (self, schema_v2, error) ||
      !_tessera_store_add_default_relation_types (self, error))
    return FALSE;

  return _tessera_store_exec (self,
                              "INSERT INTO relation_type"
                              " (key, label, tei_name, color, position)"
                              " SELECT type, type, type, '#77767b',"
                              "  (SELECT count(*) FROM relation_type)"
                              "  + row_number () OVER (ORDER BY type) - 1"
                              " FROM (SELECT DISTINCT type FROM relation)"
                              " WHERE type NOT IN (SELECT key FROM relation_type)",
                              error);
}

/* A relation type says whether its relations may join two documents: one claim repeated
 * by two articles, one person named in both. The default types that mean "the same" do;
 * the others, and every type a project made itself, stay within a document until the
 * user says otherwise in Preferences. */
static const char schema_v3[] =
  "ALTER TABLE relation_type ADD COLUMN crosses_documents INTEGER NOT NULL DEFAULT 0"
  "  CHECK (crosses_documents IN (0, 1));"
  "UPDATE relation_type SET crosses_documents = 1 WHERE key IN ('same-claim', 'same-as');";

static gboolean
migrate_to_v3 (TesseraStore  *self,
               GError       **error)
{
  return _tessera_store_exec (self, schema_v3, error);
}

typedef gboolean (*MigrationStep) (TesseraStore *self, GError **error);

static const MigrationStep steps[] = {
  migrate_to_v1,
  migrate_to_v2,
  migrate_to_v3,
};

G_STATIC_ASSERT (G_N_ELEMENTS (steps) == TESSERA_STORE_SCHEMA_VERSION);

guint
_tessera_store_n_migrations (void)
{
  return G_N_ELEMENTS (steps);
}

/* Runs inside the caller's transaction. */
gboolean
_tessera_store_migrate_step (TesseraStore  *self,
                             guint          step,
                             GError       **error)
{
  g_autofree char *pragma = NULL;

  g_return_val_if_fail (step < G_N_ELEMENTS (steps), FALSE);

  if (!steps[step] (self, error))
    return FALSE;

  pragma = g_strdup_printf ("PRAGMA user_version = %u", step + 1);
  return _tessera_store_exec (self, pragma, error);
}
