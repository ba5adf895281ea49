/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-store"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tessera-store-private.h"
#include "tessera-text.h"
#include "tessera-util-private.h"

/*
 * TesseraStore: one project, one SQLite file.
 *
 * Every change a user makes goes through a TesseraOp: BEGIN IMMEDIATE, the change, a
 * journal row that records the touched rows before and after, COMMIT — or ROLLBACK of the
 * whole on any error. Undo and redo replay those row states, so they survive restarts.
 */

#define BUSY_TIMEOUT_MS 5000
#define SQLITE_HEADER_SIZE 100

/*
 * Durability: WAL with synchronous=FULL (configure_and_migrate()).
 *
 * A killed process loses no committed change whatever the setting: COMMIT has written the
 * frames to the -wal file, so they are in the kernel's page cache, and the next opener
 * replays them: tests/test-reliability*.c kill tessera-cli and the window mid-burst and
 * find every acknowledged annotation (tessera-cli built with NORMAL and with OFF passed
 * too). What `synchronous` decides is a power cut or a kernel crash: NORMAL syncs the WAL
 * only at checkpoints (16 fdatasync for 500 annotations), so the last changes a user saw
 * saved could vanish; FULL syncs at every COMMIT (516 for 500). Measured with tessera-cli
 * annotate --repeat, FULL costs 0.40-0.51 ms per annotation against 0.20-0.25 ms for
 * NORMAL: far below a frame, so Tessera pays it and "saved" means on disk. README.md,
 * "Data safety", has the figures.
 */

/*
 * Fault injection for the reliability tests, read only when the variable is set; Tessera
 * itself never sets them:
 * - TESSERA_TEST_BUSY_TIMEOUT_MS: how long to wait for another program's write lock
 *   instead of BUSY_TIMEOUT_MS, so that a test of a locked project need not wait 5 s;
 * - TESSERA_TEST_MAX_PAGE_COUNT: caps the project at that many pages
 *   (PRAGMA max_page_count), so that a change needing more fails exactly as on a full
 *   disk (SQLITE_FULL).
 */
static gboolean
test_hook (const char *name,
           guint64     max,
           guint64    *out_value)
{
  const char *value = g_getenv (name);

  return value != NULL && g_ascii_string_to_unsigned (value, 10, 1, max, out_value, NULL);
}

typedef struct
{
  const char *table;           /* static string */
  gint64      id;
  GVariant   *before;          /* a{sv}, NULL when the row did not exist */
} TouchedRow;

struct _TesseraOp
{
  TesseraStore *store;
  char         *action;
  char         *summary;
  gint64        document_id;
  GArray       *touched;       /* TouchedRow */
  GHashTable   *seen;          /* "table:id" */
  gboolean      permanent;
};

G_DEFINE_FINAL_TYPE (TesseraStore, tessera_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (tessera-store-error-quark, tessera_store_error)

enum {
  DOCUMENT_CHANGED,
  ANNOTATION_CHANGED,
  ENTITY_CHANGED,
  TAGSET_CHANGED,
  RELATION_CHANGED,
  CHANGED,
  RELOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Tables whose rows the journal records, children after parents. */
static const char * const journaled_tables[] = {
  "document", "annotation_type", "annotation_type_label", "relation_type",
  "relation_type_label", "entity", "entity_authority", "annotation", "annotation_range",
  "claim", "relation", "attribute",
};

static const char *
intern_table (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (journaled_tables); i++)
    {
      if (g_str_equal (table, journaled_tables[i]))
        return journaled_tables[i];
    }
  return NULL;
}

void
tessera_relation_free (TesseraRelation *relation)
{
  if (relation == NULL)
    return;
  g_free (relation->type);
  g_free (relation->note);
  g_free (relation->annotator);
  g_free (relation);
}

void
tessera_journal_entry_free (TesseraJournalEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->time);
  g_free (entry->annotator);
  g_free (entry->action);
  g_free (entry->summary);
  g_free (entry);
}

/* The label of the type @key, in the user's language; @key itself for a type since removed. */
static char *
dup_type_label (TesseraStore *self,
                const char   *key)
{
  g_autoptr(TesseraAnnotationType) type = tessera_store_find_annotation_type (self, key);

  return g_strdup (type != NULL ? tessera_annotation_type_get_label_localized (type) : key);
}

/* The label, in the user's language, of the type whose English label is @label. */
static char *
dup_localized_label (TesseraStore *self,
                     const char   *label)
{
  GListModel *tagset = tessera_store_get_tagset (self);

  for (guint i = 0; i < g_list_model_get_n_items (tagset); i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (tagset, i);

      if (g_strcmp0 (tessera_annotation_type_get_label (type), label) == 0)
        return g_strdup (tessera_annotation_type_get_label_localized (type));
    }
  return g_strdup (label);
}

/**
 * tessera_store_describe_journal_entry:
 * @entry: a change of the project's journal
 *
 * The journal keeps a summary of each change in the project's own terms ("person «Assimi
 * Goïta»"); this is what a user reads of it, with the tagset's labels and the states of
 * documents in the user's language ("Person «Assimi Goïta»").
 *
 * Returns: (transfer full): the description
 */
char *
tessera_store_describe_journal_entry (TesseraStore              *self,
                                      const TesseraJournalEntry *entry)
{
  const char *summary;
  TesseraProgress progress;

  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  summary = entry->summary != NULL ? entry->summary : "";
  if (g_str_equal (entry->action, "document-progress") &&
      tessera_progress_from_string (summary, &progress))
    return g_strdup (tessera_progress_to_label (progress));
  if (g_str_has_prefix (entry->action, "type-"))
    return dup_localized_label (self, summary);
  if (g_str_has_prefix (entry->action, "relation-type-"))
    {
      for (guint i = 0; i < self->relation_types->len; i++)
        {
          TesseraRelationType *type = g_ptr_array_index (self->relation_types, i);

          if (g_strcmp0 (tessera_relation_type_get_own_label (type), summary) == 0)
            return g_strdup (tessera_relation_type_get_label (type));
        }
      return g_strdup (summary);
    }

  /* Annotations: "KEY «TEXT»", then ": DETAIL" for some changes. */
  if (g_str_has_prefix (entry->action, "annotation-") || g_str_has_prefix (entry->action, "claim-"))
    {
      const char *space = strchr (summary, ' ');
      const char *quoted = space != NULL ? g_utf8_next_char (space) : NULL;
      const char *closing = quoted != NULL ? strstr (quoted, "»") : NULL;
      g_autofree char *key = NULL;
      g_autofree char *label = NULL;
      g_autofree char *text = NULL;
      g_autofree char *described = NULL;
      const char *detail;

      if (closing == NULL || !g_str_has_prefix (quoted, "«"))
        return g_strdup (summary);
      key = g_strndup (summary, space - summary);
      label = dup_type_label (self, key);
      quoted += strlen ("«");
      text = g_strndup (quoted, closing - quoted);
      /* TRANSLATORS: an annotation: its type, then the text it covers, e.g. Person «Oumar
       * Diarra». French: "%s «\u00a0%s\u00a0»". */
      described = g_strdup_printf (_("%s «%s»"), label, text);

      detail = closing + strlen ("»");
      if (!g_str_has_prefix (detail, ": "))
        return g_steal_pointer (&described);
      detail += 2;
      {
        /* A new type is named by its key. */
        g_autofree char *shown = g_str_equal (entry->action, "annotation-retype")
                                 ? dup_type_label (self, detail) : g_strdup (detail);

        /* TRANSLATORS: a change of an annotation, then what it became, e.g. Person «Oumar
         * Diarra»: Place. French: "%s\u00a0: %s". */
        return g_strdup_printf (_("%s: %s"), described, shown);
      }
    }
  return g_strdup (summary);
}

void
tessera_stats_free (TesseraStats *stats)
{
  if (stats == NULL)
    return;
  g_clear_pointer (&stats->per_type, g_array_unref);
  g_free (stats);
}

/* Lists ordered by id ---------------------------------------------------------------- */

/*
 * The store keeps its documents and its entities as lists ordered by id, kept current one
 * row at a time after each change: found by bisection, then replaced, inserted or removed.
 */

/* Where the item with @id stands in @list, or where it would go if it is not there. */
gboolean
_tessera_store_list_find (GListModel     *list,
                          gint64          id,
                          TesseraIdGetter get_id,
                          guint          *out_position)
{
  guint lo = 0, hi = g_list_model_get_n_items (list);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(GObject) item = g_list_model_get_item (list, mid);
      gint64 item_id = get_id (item);

      if (item_id == id)
        {
          *out_position = mid;
          return TRUE;
        }
      if (item_id < id)
        lo = mid + 1;
      else
        hi = mid;
    }

  *out_position = lo;
  return FALSE;
}

/* Puts @item, as it now is, in its place in @list; with @item %NULL, removes the item with
 * @id, which is gone. */
void
_tessera_store_list_put (GListStore      *list,
                         gint64           id,
                         gpointer         item,
                         TesseraIdGetter  get_id)
{
  guint position;
  gboolean found = _tessera_store_list_find (G_LIST_MODEL (list), id, get_id, &position);

  if (item == NULL)
    {
      if (found)
        g_list_store_remove (list, position);
    }
  else if (found)
    g_list_store_splice (list, position, 1, &item, 1);
  else
    g_list_store_insert (list, position, item);
}

/* Makes @list, ordered by id, hold @items (ordered by id too), touching only what differs,
 * so that views keep their rows: after another program added ten documents to a thousand,
 * ten rows are added, not a thousand made anew. @equal says whether an item in @list
 * still is what the fresh one with its id says. */
void
_tessera_store_list_sync (GListStore      *list,
                          GPtrArray       *items,
                          TesseraIdGetter  get_id,
                          GEqualFunc       equal)
{
  GListModel *model = G_LIST_MODEL (list);
  guint position = 0;
  guint i = 0;

  while (i < items->len || position < g_list_model_get_n_items (model))
    {
      g_autoptr(GObject) old = g_list_model_get_item (model, position);
      gint64 old_id = old != NULL ? get_id (old) : G_MAXINT64;
      guint first = i;

      /* New items before this one: added in one go. */
      while (i < items->len && get_id (g_ptr_array_index (items, i)) < old_id)
        i++;
      if (i > first)
        {
          g_list_store_splice (list, position, 0, items->pdata + first, i - first);
          position += i - first;
          continue;
        }

      if (i == items->len || get_id (g_ptr_array_index (items, i)) > old_id)
        g_list_store_remove (list, position);
      else
        {
          if (!equal (old, g_ptr_array_index (items, i)))
            g_list_store_splice (list, position, 1, &g_ptr_array_index (items, i), 1);
          position++;
          i++;
        }
    }
}

/* Errors ----------------------------------------------------------------------------- */

gboolean
_tessera_store_set_error (TesseraStore  *self,
                          int            rc,
                          GError       **error)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  g_autofree char *name = g_filename_display_basename (self->path);

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_BUSY,
                   _("The project “%s” is in use by another program; nothing was changed. "
                     "Close the other program and try again"), name);
      break;
    case SQLITE_FULL:
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_FULL,
                   _("The disk holding “%s” is full; the change was not saved. "
                     "Free some space and try again"), name);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_READ_ONLY,
                   _("The project “%s” cannot be written to (%s); nothing was changed"),
                   name, detail);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_CORRUPT,
                   _("The project “%s” is damaged (%s)"), name, detail);
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                   _("The change breaks a rule of the project (%s); nothing was changed"),
                   detail);
      break;
    default:
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_FAILED,
                   _("Could not use the project “%s”: %s"), name, detail);
      break;
    }

  return FALSE;
}

/* Statements ------------------------------------------------------------------------- */

/* A cached statement, reset and unbound. Do not use it for a query whose rows you iterate
 * while calling other store functions: use _tessera_store_prepare_fresh() for those. */
sqlite3_stmt *
_tessera_store_prepare (TesseraStore  *self,
                        const char    *sql,
                        GError       **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _tessera_store_set_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

sqlite3_stmt *
_tessera_store_prepare_fresh (TesseraStore  *self,
                              const char    *sql,
                              GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _tessera_store_set_error (self, rc, error);
      return NULL;
    }
  return stmt;
}

gboolean
_tessera_store_step_done (TesseraStore  *self,
                          sqlite3_stmt  *stmt,
                          GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }

  sqlite3_reset (stmt);
  return _tessera_store_set_error (self, rc, error);
}

gboolean
_tessera_store_exec (TesseraStore  *self,
                     const char    *sql,
                     GError       **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _tessera_store_set_error (self, rc, error);
  return TRUE;
}

/* Runs @sql, whose one parameter is @id: deleting a row, inserting one by its id. */
gboolean
_tessera_store_run_for_id (TesseraStore  *self,
                           const char    *sql,
                           gint64         id,
                           GError       **error)
{
  sqlite3_stmt *stmt = _tessera_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return _tessera_store_step_done (self, stmt, error);
}

/* Steps an UPDATE or DELETE of one row; when no row changed, the row is not there:
 * %TESSERA_STORE_ERROR_NOT_FOUND with @not_found, a translated printf format. */
gboolean
_tessera_store_step_found (TesseraStore  *self,
                           sqlite3_stmt  *stmt,
                           GError       **error,
                           const char    *not_found,
                           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (!_tessera_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) > 0)
    return TRUE;

  va_start (args, not_found);
  message = g_strdup_vprintf (not_found, args);
  va_end (args);
  g_set_error_literal (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_FOUND, message);
  return FALSE;
}

/* Appends the first column of every row of @stmt to @ids (of gint64). */
gboolean
_tessera_store_collect_ids (TesseraStore  *self,
                            sqlite3_stmt  *stmt,
                            GArray        *ids,
                            GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    return _tessera_store_set_error (self, rc, error);
  return TRUE;
}

/* Every write is one transaction, begun and ended by these three. IMMEDIATE: a second
 * writer waits for the busy timeout here, never half-way through its change. */
gboolean
_tessera_store_begin (TesseraStore  *self,
                      GError       **error)
{
  return _tessera_store_exec (self, "BEGIN IMMEDIATE", error);
}

/* Commits; when that fails, rolls back: either way the transaction is over. */
gboolean
_tessera_store_commit (TesseraStore  *self,
                       GError       **error)
{
  if (_tessera_store_exec (self, "COMMIT", error))
    return TRUE;
  _tessera_store_abort (self);
  return FALSE;
}

/* Rolls back the transaction under way, unless SQLite already has (a full disk, an I/O
 * error): the file is left as it was before _tessera_store_begin(). */
void
_tessera_store_abort (TesseraStore *self)
{
  if (self->db != NULL && !sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

char *
_tessera_store_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static gint64
query_int64 (TesseraStore *self,
             const char   *sql,
             gint64        fallback)
{
  sqlite3_stmt *stmt = _tessera_store_prepare (self, sql, NULL);
  gint64 value = fallback;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return value;
}

gboolean
_tessera_store_check_writable (TesseraStore  *self,
                               GError       **error)
{
  if (self->read_only_reason == NULL)
    return TRUE;

  g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_READ_ONLY,
               _("The project is open for reading only (%s); nothing was changed"),
               self->read_only_reason);
  return FALSE;
}

/* Stored text ------------------------------------------------------------------------- */

typedef struct
{
  const char *table;
  const char *column;
  const char *label;
} FieldLabel;

/* What a user calls each field that takes text from them, in messages. */
static const FieldLabel field_labels[] = {
  { "annotator", "name", N_("annotator name") },
  { "document", "title", N_("title") },
  { "document", "author", N_("author") },
  { "document", "source_url", N_("source URL") },
  { "document", "publisher", N_("publisher") },
  { "document", "publication_date", N_("publication date") },
  { "document", "language", N_("language") },
  { "document", "licence", N_("licence") },
  { "document", "notes", N_("document notes") },
  { "document", "source_path", N_("imported file name") },
  { "document", "text", N_("document text") },
  { "annotation_type", "key", N_("type key") },
  { "annotation_type", "label", N_("type label") },
  { "annotation_type", "tei_element", N_("TEI element") },
  { "annotation_type", "tei_type", N_("TEI type") },
  { "annotation_type", "color", N_("colour") },
  { "annotation_type", "shortcut", N_("shortcut") },
  { "annotation_type", "description", N_("type description") },
  { "annotation_type_label", "language", N_("language") },
  { "annotation_type_label", "label", N_("type label") },
  { "entity", "name", N_("entity name") },
  { "entity", "description", N_("entity description") },
  { "entity_authority", "scheme", N_("authority scheme") },
  { "entity_authority", "uri", N_("authority URI") },
  { "annotation", "note", N_("note") },
  { "annotation", "normalized", N_("normalised form") },
  { "claim", "statement_date", N_("statement date") },
  { "claim", "topic", N_("claim topic") },
  { "relation_type", "key", N_("relation type key") },
  { "relation_type", "label", N_("relation type label") },
  { "relation_type", "tei_name", N_("TEI name") },
  { "relation_type", "description", N_("relation type description") },
  { "relation_type_label", "label", N_("relation type label") },
  { "relation_type_label", "language", N_("language") },
  { "relation", "type", N_("relation type") },
  { "relation", "note", N_("relation note") },
  { "attribute", "key", N_("attribute name") },
  { "attribute", "value", N_("attribute value") },
};

/**
 * _tessera_store_check_text:
 * @table: the table the text goes to
 * @column: its column
 * @text: the text, not necessarily NUL-terminated
 * @length: its length in bytes, or -1
 *
 * The store's one rule for text: whatever it holds can be written to a TEI file, so it is
 * valid UTF-8 and holds no character XML 1.0 cannot carry (tessera_text_find_non_xml()).
 * Every change is checked against it before it is committed.
 *
 * Returns: %TRUE if @text may be stored; %FALSE with %TESSERA_STORE_ERROR_INVALID
 */
gboolean
_tessera_store_check_text (const char  *table,
                           const char  *column,
                           const char  *text,
                           gssize       length,
                           GError     **error)
{
  g_autofree char *fallback = NULL;
  const char *label = NULL;
  guint offset = 0;
  gunichar c = 0;

  if (!tessera_text_find_non_xml (text, length, &offset, &c))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    {
      if (g_str_equal (field_labels[i].table, table) &&
          g_str_equal (field_labels[i].column, column))
        label = _(field_labels[i].label);
    }
  if (label == NULL)
    label = fallback = g_strdup_printf ("%s.%s", table, column);

  if (c == (gunichar) -1)
    g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                 _("The %s is not valid UTF-8 from its character %u on; nothing was changed"),
                 label, offset + 1);
  else
    g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID,
                 _("The %s holds the character U+%04X (its character %u), which a TEI file "
                   "cannot carry; nothing was changed"),
                 label, c, offset + 1);
  return FALSE;
}

gint64
_tessera_store_ensure_annotator (TesseraStore  *self,
                                 GError       **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *now = NULL;

  if (self->annotator_id > 0)
    return self->annotator_id;

  stmt = _tessera_store_prepare (self, "SELECT id FROM annotator WHERE name = ?", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, self->annotator, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      self->annotator_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      return self->annotator_id;
    }
  sqlite3_reset (stmt);

  /* Annotators are not journaled: undo never forgets who worked on a project. */
  if (!_tessera_store_check_text ("annotator", "name", self->annotator, -1, error))
    return 0;
  now = _tessera_store_now ();
  stmt = _tessera_store_prepare (self, "INSERT INTO annotator (name, created) VALUES (?, ?)",
                                 error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, self->annotator, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  if (!_tessera_store_step_done (self, stmt, error))
    return 0;

  self->annotator_id = sqlite3_last_insert_rowid (self->db);
  return self->annotator_id;
}

/* Row snapshots ----------------------------------------------------------------------- */

static const char * const *
table_columns (TesseraStore *self,
               const char   *table)
{
  GStrv columns = g_hash_table_lookup (self->columns, table);
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;

  if (columns != NULL)
    return (const char * const *) columns;

  sql = g_strdup_printf ("SELECT name FROM pragma_table_info ('%s') ORDER BY cid", table);
  stmt = _tessera_store_prepare_fresh (self, sql, NULL);
  g_return_val_if_fail (stmt != NULL, NULL);

  builder = g_strv_builder_new ();
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, _tessera_column_text (stmt, 0));

  columns = g_strv_builder_end (builder);
  g_hash_table_insert (self->columns, (gpointer) table, columns);
  return (const char * const *) columns;
}

/* Whether the text of @column differs from its value in @before. */
static gboolean
text_changed (GVariant   *before,
              const char *column,
              const char *text,
              gsize       length)
{
  const char *old = NULL;

  if (before == NULL || !g_variant_lookup (before, column, "&s", &old))
    return TRUE;
  return strlen (old) != length || memcmp (old, text, length) != 0;
}

/* The row as a{sv}, NULL values left out; NULL when there is no such row. With @check,
 * every text that differs from @before must pass _tessera_store_check_text(), and a row
 * that breaks the rule is an error. */
static gboolean
snapshot_row (TesseraStore  *self,
              const char    *table,
              gint64         id,
              gboolean       check,
              GVariant      *before,
              GVariant     **out_row,
              GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s WHERE id = ?", table);
  sqlite3_stmt *stmt = _tessera_store_prepare (self, g_intern_string (sql), error);
  GVariantBuilder builder;
  int rc;

  *out_row = NULL;
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return _tessera_store_set_error (self, rc, error);
    }

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    {
      const char *name = sqlite3_column_name (stmt, i);

      switch (sqlite3_column_type (stmt, i))
        {
        case SQLITE_INTEGER:
          g_variant_builder_add (&builder, "{sv}", name,
                                 g_variant_new_int64 (sqlite3_column_int64 (stmt, i)));
          break;
        case SQLITE_FLOAT:
          g_variant_builder_add (&builder, "{sv}", name,
                                 g_variant_new_double (sqlite3_column_double (stmt, i)));
          break;
        case SQLITE_TEXT:
          {
            const char *text = _tessera_column_text (stmt, i);
            gsize length = (gsize) sqlite3_column_bytes (stmt, i);

            if (check && text_changed (before, name, text, length) &&
                !_tessera_store_check_text (table, name, text, length, error))
              {
                g_variant_builder_clear (&builder);
                sqlite3_reset (stmt);
                return FALSE;
              }
            if (g_utf8_validate_len (text, length, NULL))
              g_variant_builder_add (&builder, "{sv}", name, g_variant_new_string (text));
            else
              {
                /* Written before the rule: what undo restores is at least text. */
                g_autofree char *valid = g_utf8_make_valid (text, length);

                g_variant_builder_add (&builder, "{sv}", name, g_variant_new_string (valid));
              }
          }
          break;
        case SQLITE_BLOB:
          g_variant_builder_add (&builder, "{sv}", name,
                                 g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE,
                                                            sqlite3_column_blob (stmt, i),
                                                            sqlite3_column_bytes (stmt, i), 1));
          break;
        default:
          break;
        }
    }
  sqlite3_reset (stmt);

  *out_row = g_variant_ref_sink (g_variant_builder_end (&builder));
  return TRUE;
}

static void
bind_variant (sqlite3_stmt *stmt,
              int           index,
              GVariant     *value)
{
  if (value == NULL)
    sqlite3_bind_null (stmt, index);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    sqlite3_bind_int64 (stmt, index, g_variant_get_int64 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    sqlite3_bind_double (stmt, index, g_variant_get_double (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    sqlite3_bind_text (stmt, index, g_variant_get_string (value, NULL), -1, SQLITE_TRANSIENT);
  else
    {
      gsize size = 0;
      gconstpointer data = g_variant_get_fixed_array (value, &size, 1);

      sqlite3_bind_blob (stmt, index, data, (int) size, SQLITE_TRANSIENT);
    }
}

/* Puts the row in the given state: deleted when @row is NULL, else inserted or updated. */
static gboolean
apply_row (TesseraStore  *self,
           const char    *table,
           gint64         id,
           GVariant      *row,
           GError       **error)
{
  const char * const *columns = table_columns (self, table);
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  guint n_columns;

  if (row == NULL)
    {
      g_string_printf (sql, "DELETE FROM %s WHERE id = ?", table);
      stmt = _tessera_store_prepare (self, g_intern_string (sql->str), error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      return _tessera_store_step_done (self, stmt, error);
    }

  n_columns = g_strv_length ((GStrv) columns);
  g_string_printf (sql, "INSERT INTO %s (", table);
  for (guint i = 0; i < n_columns; i++)
    g_string_append_printf (sql, "%s%s", i ? ", " : "", columns[i]);
  g_string_append (sql, ") VALUES (");
  for (guint i = 0; i < n_columns; i++)
    g_string_append (sql, i ? ", ?" : "?");
  g_string_append (sql, ") ON CONFLICT (id) DO UPDATE SET ");
  for (guint i = 0, n = 0; i < n_columns; i++)
    {
      if (g_str_equal (columns[i], "id"))
        continue;
      g_string_append_printf (sql, "%s%s = excluded.%s", n++ ? ", " : "",
                              columns[i], columns[i]);
    }

  stmt = _tessera_store_prepare (self, g_intern_string (sql->str), error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < n_columns; i++)
    {
      g_autoptr(GVariant) value = g_variant_lookup_value (row, columns[i], NULL);

      bind_variant (stmt, (int) i + 1, value);
    }

  return _tessera_store_step_done (self, stmt, error);
}

static gint64
row_int64 (GVariant   *row,
           const char *column)
{
  gint64 value = 0;

  if (row != NULL)
    g_variant_lookup (row, column, "x", &value);
  return value;
}

/* Signals from row changes -------------------------------------------------------------- */

typedef struct
{
  const char *table;
  gint64      id;
  gboolean    existed;
  gboolean    exists;
  GVariant   *before;
  GVariant   *after;
} RowChange;

static TesseraChange
row_change_kind (const RowChange *change)
{
  if (!change->existed)
    return TESSERA_CHANGE_ADDED;
  if (!change->exists)
    return TESSERA_CHANGE_REMOVED;
  return TESSERA_CHANGE_MODIFIED;
}

static gint64
annotation_document (TesseraStore *self,
                     gint64        annotation_id)
{
  sqlite3_stmt *stmt = _tessera_store_prepare (self,
                                               "SELECT document_id FROM annotation WHERE id = ?",
                                               NULL);
  gint64 document_id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, annotation_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    document_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return document_id;
}

/* Tells the views what a committed change did, from the rows it touched. */
static void
emit_changes (TesseraStore *self,
              GArray       *changes)
{
  g_autoptr(GHashTable) removed_documents = g_hash_table_new (g_int64_hash, g_int64_equal);
  /* Both own their keys: g_hash_table_add() of a key already there replaces the key. */
  g_autoptr(GHashTable) modified_annotations = g_hash_table_new_full (g_int64_hash,
                                                                      g_int64_equal,
                                                                      g_free, NULL);
  g_autoptr(GHashTable) modified_entities = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                                   g_free, NULL);
  /* annotation id → its document, for the relations of an annotation removed with them */
  g_autoptr(GHashTable) annotation_documents = g_hash_table_new_full (g_int64_hash,
                                                                      g_int64_equal,
                                                                      g_free, g_free);
  /* document id → change of its annotation count */
  g_autoptr(GHashTable) count_deltas = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                              g_free, NULL);
  gboolean tagset_changed = FALSE;

  /* Documents first, so that lists of a removed document are not replayed row by row. */
  for (guint i = 0; i < changes->len; i++)
    {
      RowChange *change = &g_array_index (changes, RowChange, i);

      if (change->table == journaled_tables[0])
        {
          TesseraChange kind = row_change_kind (change);

          if (kind == TESSERA_CHANGE_REMOVED)
            g_hash_table_add (removed_documents, &change->id);
          /* Its row changed: an id can come back with another text after an undo. */
          _tessera_store_forget_text (self, change->id);
          _tessera_store_refresh_document (self, change->id, kind);
          g_signal_emit (self, signals[DOCUMENT_CHANGED], 0, change->id, kind);
        }
      else if (g_str_has_prefix (change->table, "annotation_type") ||
               g_str_has_prefix (change->table, "relation_type"))
        tagset_changed = TRUE;
    }

  if (tagset_changed)
    {
      _tessera_store_reload_tagset (self, NULL);
      g_signal_emit (self, signals[TAGSET_CHANGED], 0);
    }

  for (guint i = 0; i < changes->len; i++)
    {
      RowChange *change = &g_array_index (changes, RowChange, i);

      if (g_str_equal (change->table, "annotation"))
        {
          TesseraChange kind = row_change_kind (change);
          gint64 document_id = row_int64 (change->after ? change->after : change->before,
                                          "document_id");
          gint64 entity_before = row_int64 (change->before, "entity_id");
          gint64 entity_after = row_int64 (change->after, "entity_id");

          if (entity_before != entity_after)
            {
              if (entity_before)
                g_hash_table_add (modified_entities, g_memdup2 (&entity_before, 8));
              if (entity_after)
                g_hash_table_add (modified_entities, g_memdup2 (&entity_after, 8));
            }

          if (g_hash_table_contains (removed_documents, &document_id))
            continue;

          g_hash_table_insert (annotation_documents, g_memdup2 (&change->id, 8),
                               g_memdup2 (&document_id, 8));
          g_hash_table_add (modified_annotations, g_memdup2 (&change->id, 8));
          if (kind != TESSERA_CHANGE_MODIFIED)
            {
              int delta = GPOINTER_TO_INT (g_hash_table_lookup (count_deltas, &document_id));

              delta += kind == TESSERA_CHANGE_ADDED ? 1 : -1;
              g_hash_table_insert (count_deltas, g_memdup2 (&document_id, sizeof document_id),
                                   GINT_TO_POINTER (delta));
            }
          g_signal_emit (self, signals[ANNOTATION_CHANGED], 0, document_id, change->id, kind);
        }
      else if (g_str_equal (change->table, "entity"))
        {
          _tessera_store_refresh_entity (self, change->id, row_change_kind (change));
          g_signal_emit (self, signals[ENTITY_CHANGED], 0, change->id, row_change_kind (change));
        }
      else if (g_str_equal (change->table, "entity_authority"))
        {
          gint64 entity_id = row_int64 (change->after ? change->after : change->before,
                                        "entity_id");
          g_hash_table_add (modified_entities, g_memdup2 (&entity_id, 8));
        }
    }

  /* Relations, to the documents of their ends: two when the relation joins documents. */
  for (guint i = 0; i < changes->len; i++)
    {
      RowChange *change = &g_array_index (changes, RowChange, i);
      GVariant *row = change->after ? change->after : change->before;
      gint64 documents[2] = { 0, 0 };
      const char *ends[2] = { "source_id", "target_id" };

      if (!g_str_equal (change->table, "relation"))
        continue;
      for (guint e = 0; e < G_N_ELEMENTS (ends); e++)
        {
          gint64 annotation_id = row_int64 (row, ends[e]);
          gint64 *known = g_hash_table_lookup (annotation_documents, &annotation_id);

          documents[e] = known != NULL ? *known : annotation_document (self, annotation_id);
          if (documents[e] == 0 || g_hash_table_contains (removed_documents, &documents[e]) ||
              (e == 1 && documents[1] == documents[0]))
            continue;
          g_signal_emit (self, signals[RELATION_CHANGED], 0, documents[e], change->id,
                         row_change_kind (change));
        }
    }

  /* Ranges and claim fields change their annotation. */
  for (guint i = 0; i < changes->len; i++)
    {
      RowChange *change = &g_array_index (changes, RowChange, i);
      gint64 annotation_id = 0;
      gint64 document_id;

      if (g_str_equal (change->table, "annotation_range"))
        annotation_id = row_int64 (change->after ? change->after : change->before,
                                   "annotation_id");
      else if (g_str_equal (change->table, "claim"))
        annotation_id = change->id;
      else
        continue;

      if (g_hash_table_contains (modified_annotations, &annotation_id))
        continue;
      document_id = annotation_document (self, annotation_id);
      if (document_id == 0)
        continue;
      g_hash_table_add (modified_annotations, g_memdup2 (&annotation_id, 8));
      g_signal_emit (self, signals[ANNOTATION_CHANGED], 0, document_id, annotation_id,
                     TESSERA_CHANGE_MODIFIED);
    }

  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, modified_entities);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        gint64 entity_id = *(gint64 *) key;

        _tessera_store_refresh_entity (self, entity_id, TESSERA_CHANGE_MODIFIED);
        g_signal_emit (self, signals[ENTITY_CHANGED], 0, entity_id, TESSERA_CHANGE_MODIFIED);
      }
  }

  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, count_deltas);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        gint64 document_id = *(gint64 *) key;

        _tessera_store_adjust_document_count (self, document_id, GPOINTER_TO_INT (value));
        g_signal_emit (self, signals[DOCUMENT_CHANGED], 0, document_id, TESSERA_CHANGE_MODIFIED);
      }
  }

  /* Not a place to read PRAGMA data_version: our own commits leave it alone, and a value
   * read now would swallow another program's commit made since the last poll, which the
   * views would then never reload. */
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Ops ---------------------------------------------------------------------------------- */

static void
touched_row_clear (gpointer data)
{
  TouchedRow *row = data;

  g_clear_pointer (&row->before, g_variant_unref);
}

static void
op_free (TesseraOp *op)
{
  g_free (op->action);
  g_free (op->summary);
  g_array_unref (op->touched);
  g_hash_table_unref (op->seen);
  g_free (op);
}

/**
 * _tessera_op_begin:
 * @action: what the journal calls this change, e.g. "annotation-add"
 * @document_id: the document it belongs to, or 0
 *
 * Starts a user-visible change: an IMMEDIATE transaction, so that a second writer waits
 * for the busy timeout here and never half-way through.
 */
TesseraOp *
_tessera_op_begin (TesseraStore  *self,
                   const char    *action,
                   gint64         document_id,
                   GError       **error)
{
  TesseraOp *op;

  g_return_val_if_fail (self->op == NULL, NULL);

  if (!_tessera_store_check_writable (self, error))
    return NULL;
  if (self->db == NULL)
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_FAILED,
                   _("The project is closed"));
      return NULL;
    }
  if (!_tessera_store_begin (self, error))
    return NULL;

  op = g_new0 (TesseraOp, 1);
  op->store = self;
  op->action = g_strdup (action);
  op->document_id = document_id;
  op->touched = g_array_new (FALSE, FALSE, sizeof (TouchedRow));
  g_array_set_clear_func (op->touched, touched_row_clear);
  op->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->op = op;

  return op;
}

static gboolean
touch (TesseraOp   *op,
       const char  *table,
       gint64       id,
       gboolean     is_new,
       GError     **error)
{
  TouchedRow row = { intern_table (table), id, NULL };
  char *key;

  g_return_val_if_fail (row.table != NULL, FALSE);

  key = g_strdup_printf ("%s:%" G_GINT64_FORMAT, row.table, id);
  if (g_hash_table_contains (op->seen, key))
    {
      g_free (key);
      return TRUE;
    }
  g_hash_table_add (op->seen, key);

  if (!is_new && !snapshot_row (op->store, row.table, id, FALSE, NULL, &row.before, error))
    return FALSE;

  g_array_append_val (op->touched, row);
  return TRUE;
}

/**
 * _tessera_op_touch:
 *
 * Records the row's state before the op changes it: call it before changing or deleting
 * a row.
 */
gboolean
_tessera_op_touch (TesseraOp   *op,
                   const char  *table,
                   gint64       id,
                   GError     **error)
{
  return touch (op, table, id, FALSE, error);
}

/**
 * _tessera_op_touch_new:
 *
 * Records a row the op has just inserted: before the op, it did not exist. A row already
 * touched keeps the state recorded first.
 */
void
_tessera_op_touch_new (TesseraOp  *op,
                       const char *table,
                       gint64      id)
{
  touch (op, table, id, TRUE, NULL);
}

typedef struct
{
  const char *table;
  const char *column;
  gboolean    cascade;   /* ON DELETE CASCADE, else SET NULL */
} Reference;

/* Who points at whom: what deleting a row also deletes or clears. */
static const Reference references[] = {
  { "annotation_type_label", "type_id", TRUE },
  { "relation_type_label", "type_id", TRUE },
  { "entity", "type_id", FALSE },
  { "annotation", "type_id", FALSE },
  { "entity_authority", "entity_id", TRUE },
  { "annotation", "entity_id", FALSE },
  { "claim", "source_entity_id", FALSE },
  { "attribute", "entity_id", TRUE },
  { "annotation", "document_id", TRUE },
  { "attribute", "document_id", TRUE },
  { "annotation_range", "annotation_id", TRUE },
  { "claim", "id", TRUE },
  { "claim", "source_annotation_id", FALSE },
  { "claim", "cue_annotation_id", FALSE },
  { "claim", "parent_claim_id", FALSE },
  { "relation", "source_id", TRUE },
  { "relation", "target_id", TRUE },
  { "attribute", "annotation_id", TRUE },
};

static const char *
referenced_table (const Reference *reference)
{
  if (g_str_equal (reference->table, "relation_type_label"))
    return "relation_type";
  if (g_str_has_prefix (reference->column, "type_id"))
    return "annotation_type";
  if (g_str_equal (reference->column, "entity_id") ||
      g_str_equal (reference->column, "source_entity_id"))
    return "entity";
  if (g_str_equal (reference->column, "document_id"))
    return "document";
  if (g_str_equal (reference->column, "parent_claim_id"))
    return "claim";
  return "annotation";
}

/* Deletes one row of a journaled table, after recording it and every row its deletion
 * removes or changes (_tessera_op_touch_cascade()), so that undo brings all of them back. */
gboolean
_tessera_op_delete (TesseraOp   *op,
                    const char  *table,
                    gint64       id,
                    GError     **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (intern_table (table) != NULL, FALSE);

  if (!_tessera_op_touch_cascade (op, table, id, error))
    return FALSE;
  /* The statement cache keys on the text: intern it so that it outlives this call. */
  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", table);
  return _tessera_store_run_for_id (op->store, g_intern_string (sql), id, error);
}

/**
 * _tessera_op_touch_cascade:
 *
 * Records a row about to be deleted together with every row its deletion removes or
 * changes through foreign keys, so that undo brings all of them back.
 */
gboolean
_tessera_op_touch_cascade (TesseraOp   *op,
                           const char  *table,
                           gint64       id,
                           GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (references); i++)
    {
      const Reference *reference = &references[i];
      g_autofree char *sql = NULL;
      g_autoptr(GArray) ids = NULL;
      sqlite3_stmt *stmt;
      gboolean collected;

      if (!g_str_equal (referenced_table (reference), table))
        continue;

      /* Cached, as every delete asks: the ids are read to the end before going down. The
       * cache keys on the text: intern it so that it outlives this call. */
      sql = g_strdup_printf ("SELECT id FROM %s WHERE %s = ?", reference->table,
                             reference->column);
      stmt = _tessera_store_prepare (op->store, g_intern_string (sql), error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);

      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      collected = _tessera_store_collect_ids (op->store, stmt, ids, error);
      sqlite3_reset (stmt);
      if (!collected)
        return FALSE;

      for (guint j = 0; j < ids->len; j++)
        {
          gint64 child = g_array_index (ids, gint64, j);
          gboolean ok;

          if (reference->cascade)
            ok = _tessera_op_touch_cascade (op, reference->table, child, error);
          else
            ok = _tessera_op_touch (op, reference->table, child, error);
          if (!ok)
            return FALSE;
        }
    }

  return _tessera_op_touch (op, table, id, error);
}

void
_tessera_op_set_summary (TesseraOp  *op,
                         const char *format,
                         ...)
{
  va_list args;

  g_free (op->summary);
  va_start (args, format);
  op->summary = g_strdup_vprintf (format, args);
  va_end (args);
}

/* The change is recorded in the history but cannot be undone (an import). */
void
_tessera_op_set_permanent (TesseraOp *op)
{
  op->permanent = TRUE;
}

/* For a change whose document is known only once it is made (an import). */
void
_tessera_op_set_document (TesseraOp *op,
                          gint64     document_id)
{
  op->document_id = document_id;
}

static void
row_changes_clear (gpointer data)
{
  RowChange *change = data;

  g_clear_pointer (&change->before, g_variant_unref);
  g_clear_pointer (&change->after, g_variant_unref);
}

static GVariant *
serialize_changes (GArray *changes)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sxma{sv}ma{sv})"));
  for (guint i = 0; i < changes->len; i++)
    {
      RowChange *change = &g_array_index (changes, RowChange, i);

      g_variant_builder_add (&builder, "(sx@ma{sv}@ma{sv})", change->table, change->id,
                             g_variant_new_maybe (G_VARIANT_TYPE_VARDICT, change->before),
                             g_variant_new_maybe (G_VARIANT_TYPE_VARDICT, change->after));
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static GArray *
deserialize_changes (const void *data,
                     gsize       size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GVariant) variant =
    g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE ("a(sxma{sv}ma{sv})"),
                                                  bytes, FALSE));
  g_autoptr(GVariant) normal = g_variant_get_normal_form (variant);
  GArray *changes = g_array_new (FALSE, TRUE, sizeof (RowChange));
  GVariantIter iter;
  const char *table;
  gint64 id;
  GVariant *before, *after;

  g_array_set_clear_func (changes, row_changes_clear);
  g_variant_iter_init (&iter, normal);
  while (g_variant_iter_next (&iter, "(&sx@ma{sv}@ma{sv})", &table, &id, &before, &after))
    {
      RowChange change = { intern_table (table), id, FALSE, FALSE, NULL, NULL };

      change.before = g_variant_get_maybe (before);
      change.after = g_variant_get_maybe (after);
      change.existed = change.before != NULL;
      change.exists = change.after != NULL;
      g_variant_unref (before);
      g_variant_unref (after);

      if (change.table == NULL)
        {
          row_changes_clear (&change);
          continue;
        }
      g_array_append_val (changes, change);
    }

  return changes;
}

static gboolean
finish_transaction (TesseraStore  *self,
                    GArray        *changes,
                    GError       **error)
{
  if (!_tessera_store_commit (self, error))
    return FALSE;

  emit_changes (self, changes);
  return TRUE;
}

/**
 * _tessera_op_commit:
 *
 * Reads the touched rows' new state, writes the journal row and commits. On failure,
 * everything the op did is rolled back and @error says why.
 */
gboolean
_tessera_op_commit (TesseraOp  *op,
                    GError    **error)
{
  TesseraStore *self = op->store;
  g_autoptr(GArray) changes = g_array_new (FALSE, TRUE, sizeof (RowChange));
  g_autoptr(GVariant) serialized = NULL;
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  gint64 annotator_id;

  g_array_set_clear_func (changes, row_changes_clear);

  for (guint i = 0; i < op->touched->len; i++)
    {
      TouchedRow *row = &g_array_index (op->touched, TouchedRow, i);
      RowChange change = { row->table, row->id, row->before != NULL, FALSE, NULL, NULL };

      if (!snapshot_row (self, row->table, row->id, TRUE, row->before, &change.after, error))
        goto failed;
      change.exists = change.after != NULL;
      if (row->before != NULL)
        change.before = g_variant_ref (row->before);

      /* Rows that end as they began are no change. */
      if (change.before == change.after ||
          (change.before && change.after && g_variant_equal (change.before, change.after)))
        {
          row_changes_clear (&change);
          continue;
        }
      g_array_append_val (changes, change);
    }

  if (changes->len == 0 && !op->permanent)
    {
      /* Nothing changed: nothing to journal. */
      if (!_tessera_store_commit (self, error))
        goto failed;
      self->op = NULL;
      op_free (op);
      return TRUE;
    }

  annotator_id = _tessera_store_ensure_annotator (self, error);
  if (annotator_id == 0)
    goto failed;

  if (!op->permanent)
    {
      /* A new change ends the redo branch. */
      stmt = _tessera_store_prepare (self,
                                     "UPDATE journal SET state = 'discarded'"
                                     " WHERE state = 'undone'", error);
      if (stmt == NULL || !_tessera_store_step_done (self, stmt, error))
        goto failed;
    }

  now = _tessera_store_now ();
  serialized = serialize_changes (changes);
  stmt = _tessera_store_prepare (self,
                                 "INSERT INTO journal"
                                 " (time, annotator_id, document_id, action, summary, state,"
                                 "  changes)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, annotator_id);
  _tessera_bind_id_or_null (stmt, 3, op->document_id);
  sqlite3_bind_text (stmt, 4, op->action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, op->summary ? op->summary : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, op->permanent ? "permanent" : "done", -1, SQLITE_STATIC);
  if (op->permanent)
    sqlite3_bind_null (stmt, 7);
  else
    sqlite3_bind_blob (stmt, 7, g_variant_get_data (serialized),
                       (int) g_variant_get_size (serialized), SQLITE_TRANSIENT);
  if (!_tessera_store_step_done (self, stmt, error))
    goto failed;

  self->op = NULL;
  op_free (op);
  return finish_transaction (self, changes, error);

failed:
  _tessera_op_abort (op);
  return FALSE;
}

void
_tessera_op_abort (TesseraOp *op)
{
  TesseraStore *self = op->store;

  _tessera_store_abort (self);
  /* A rollback may undo the creation of our annotator row. */
  self->annotator_id = 0;
  self->op = NULL;
  op_free (op);
}

/* Undo and redo ------------------------------------------------------------------------ */

static TesseraJournalEntry *
journal_entry_from_stmt (sqlite3_stmt *stmt)
{
  TesseraJournalEntry *entry = g_new0 (TesseraJournalEntry, 1);
  const char *state = _tessera_column_text (stmt, 6);

  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->time = g_strdup (_tessera_column_text (stmt, 1));
  entry->annotator = g_strdup (_tessera_column_text (stmt, 2));
  entry->document_id = sqlite3_column_int64 (stmt, 3);
  entry->action = g_strdup (_tessera_column_text (stmt, 4));
  entry->summary = g_strdup (_tessera_column_text (stmt, 5));
  if (g_strcmp0 (state, "undone") == 0)
    entry->state = TESSERA_JOURNAL_UNDONE;
  else if (g_strcmp0 (state, "discarded") == 0)
    entry->state = TESSERA_JOURNAL_DISCARDED;
  else if (g_strcmp0 (state, "permanent") == 0)
    entry->state = TESSERA_JOURNAL_PERMANENT;
  else
    entry->state = TESSERA_JOURNAL_DONE;

  return entry;
}

#define JOURNAL_COLUMNS \
  "j.id, j.time, a.name, j.document_id, j.action, j.summary, j.state, j.changes"

gboolean
tessera_store_can_undo (TesseraStore *self)
{
  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);

  return self->db != NULL && self->read_only_reason == NULL &&
         query_int64 (self, "SELECT EXISTS (SELECT 1 FROM journal WHERE state = 'done')", 0);
}

gboolean
tessera_store_can_redo (TesseraStore *self)
{
  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);

  return self->db != NULL && self->read_only_reason == NULL &&
         query_int64 (self, "SELECT EXISTS (SELECT 1 FROM journal WHERE state = 'undone')", 0);
}

static TesseraJournalEntry *
replay (TesseraStore  *self,
        gboolean       undo,
        GError       **error)
{
  const char *sql = undo
    ? "SELECT " JOURNAL_COLUMNS " FROM journal j LEFT JOIN annotator a ON a.id = j.annotator_id"
      " WHERE j.state = 'done' ORDER BY j.id DESC LIMIT 1"
    : "SELECT " JOURNAL_COLUMNS " FROM journal j LEFT JOIN annotator a ON a.id = j.annotator_id"
      " WHERE j.state = 'undone' ORDER BY j.id ASC LIMIT 1";
  g_autoptr(TesseraJournalEntry) entry = NULL;
  g_autoptr(GArray) changes = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!_tessera_store_check_writable (self, error))
    return NULL;
  if (!_tessera_store_begin (self, error))
    return NULL;

  stmt = _tessera_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto failed;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOTHING_TO_UNDO,
                   undo ? _("There is nothing to undo") : _("There is nothing to redo"));
      goto failed;
    }
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      _tessera_store_set_error (self, rc, error);
      goto failed;
    }
  entry = journal_entry_from_stmt (stmt);
  changes = deserialize_changes (sqlite3_column_blob (stmt, 7),
                                 (gsize) sqlite3_column_bytes (stmt, 7));
  sqlite3_reset (stmt);

  /* Undo walks the changes backwards to their "before"; redo forwards to their "after". */
  for (guint n = 0; n < changes->len; n++)
    {
      guint i = undo ? changes->len - 1 - n : n;
      RowChange *change = &g_array_index (changes, RowChange, i);

      if (!apply_row (self, change->table, change->id,
                      undo ? change->before : change->after, error))
        goto failed;
    }

  if (undo)
    {
      /* Present the change the other way round to the views. */
      for (guint i = 0; i < changes->len; i++)
        {
          RowChange *change = &g_array_index (changes, RowChange, i);
          GVariant *tmp = change->before;
          gboolean existed = change->existed;

          change->before = change->after;
          change->after = tmp;
          change->existed = change->exists;
          change->exists = existed;
        }
    }

  stmt = _tessera_store_prepare (self, "UPDATE journal SET state = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, undo ? "undone" : "done", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, entry->id);
  if (!_tessera_store_step_done (self, stmt, error))
    goto failed;

  if (!finish_transaction (self, changes, error))
    return NULL;

  entry->state = undo ? TESSERA_JOURNAL_UNDONE : TESSERA_JOURNAL_DONE;
  return g_steal_pointer (&entry);

failed:
  _tessera_store_abort (self);
  return NULL;
}

/**
 * tessera_store_undo:
 *
 * Undoes the most recent change still done, whoever made it and whenever: the journal
 * lives in the project, so undo survives restarts.
 *
 * Returns: (transfer full): the journal entry undone, or %NULL with @error set
 */
TesseraJournalEntry *
tessera_store_undo (TesseraStore  *self,
                    GError       **error)
{
  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);
  return replay (self, TRUE, error);
}

/**
 * tessera_store_redo:
 *
 * Returns: (transfer full): the journal entry redone, or %NULL with @error set
 */
TesseraJournalEntry *
tessera_store_redo (TesseraStore  *self,
                    GError       **error)
{
  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);
  return replay (self, FALSE, error);
}

/**
 * tessera_store_dup_history:
 * @document_id: a document, or 0 for the whole project
 * @limit: at most this many entries, newest first; 0 for all
 *
 * Returns: (transfer full) (element-type TesseraJournalEntry): the history
 */
GPtrArray *
tessera_store_dup_history (TesseraStore  *self,
                           gint64         document_id,
                           guint          limit,
                           GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  int rc;

  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);

  stmt = _tessera_store_prepare_fresh (self,
                                       "SELECT " JOURNAL_COLUMNS " FROM journal j"
                                       " LEFT JOIN annotator a ON a.id = j.annotator_id"
                                       " WHERE ?1 = 0 OR j.document_id = ?1"
                                       " ORDER BY j.id DESC LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, limit ? (gint64) limit : -1);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_journal_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, journal_entry_from_stmt (stmt));
  if (rc != SQLITE_DONE)
    {
      _tessera_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&entries);
}

/* Opening ------------------------------------------------------------------------------ */

/*
 * Looks at the file's header without SQLite, so that a file we must refuse is never
 * opened for writing, let alone changed. A project this process already has open is not
 * read again outside SQLite: closing that descriptor would drop the locks of the open
 * connection (tessera-project-files.c); configure_and_migrate() checks it through SQLite.
 */
/* A project from a newer Tessera is refused, never "repaired". */
static gboolean
refuse_newer_version (const char  *name,
                      guint        version,
                      GError     **error)
{
  g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NEWER_VERSION,
               _("“%s” was written by a newer version of Tessera (project format %u; "
                 "this version reads up to %u). Update Tessera to open it; "
                 "the file was left untouched"),
               name, version, TESSERA_STORE_SCHEMA_VERSION);
  return FALSE;
}

static gboolean
inspect_file (const char  *path,
              gboolean     may_create,
              gboolean    *out_new,
              GError     **error)
{
  g_autofree char *name = g_filename_display_name (path);
  GStatBuf st;
  guint8 header[SQLITE_HEADER_SIZE];
  gboolean is_open;
  int saved_errno;
  gsize n_read;
  guint32 application_id, user_version;

  *out_new = FALSE;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT && may_create)
        {
          *out_new = TRUE;
          return TRUE;
        }
      g_set_error (error, TESSERA_STORE_ERROR,
                   saved_errno == ENOENT ? TESSERA_STORE_ERROR_NOT_FOUND
                                         : TESSERA_STORE_ERROR_FAILED,
                   _("Cannot open the project “%s”: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_A_PROJECT,
                   _("“%s” is not a Tessera project: it is not a regular file"), name);
      return FALSE;
    }

  if (st.st_size == 0)
    {
      if (may_create)
        {
          *out_new = TRUE;
          return TRUE;
        }
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_A_PROJECT,
                   _("“%s” is not a Tessera project: the file is empty (0 bytes)"), name);
      return FALSE;
    }

  if (!_tessera_project_files_read_header (path, header, sizeof header, &n_read, &is_open,
                                           &saved_errno))
    {
      g_set_error (error, TESSERA_STORE_ERROR,
                   saved_errno == EACCES ? TESSERA_STORE_ERROR_READ_ONLY
                                         : TESSERA_STORE_ERROR_FAILED,
                   _("Cannot read the project “%s”: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }
  if (is_open)
    return TRUE;

  if (n_read < sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_A_PROJECT,
                   _("“%s” is not a Tessera project (it is not an SQLite database); "
                     "it was left untouched"), name);
      return FALSE;
    }

  user_version = _tessera_read_be32 (header + 60);
  application_id = _tessera_read_be32 (header + 68);

  if (application_id != TESSERA_STORE_APPLICATION_ID)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);

      /* A project being created by another program: its header is still in the WAL.
       * SQLite will tell once the file is open (configure_and_migrate()). */
      if (application_id == 0 && user_version == 0 && g_file_test (wal, G_FILE_TEST_EXISTS))
        return TRUE;

      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_A_PROJECT,
                   _("“%s” is an SQLite database but not a Tessera project; "
                     "it was left untouched"), name);
      return FALSE;
    }

  if (user_version > TESSERA_STORE_SCHEMA_VERSION)
    return refuse_newer_version (name, user_version, error);

  return TRUE;
}

static char *
read_only_reason_for (const char *path,
                      gboolean    is_new)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (!is_new && g_access (path, W_OK) != 0)
    return g_strdup (_("the project file is read-only"));
  /* WAL needs to create its -wal and -shm files beside the project. */
  if (g_access (dir, W_OK) != 0)
    return g_strdup (_("the folder holding the project is read-only"));
  return NULL;
}

static gboolean
open_database (TesseraStore  *self,
               gboolean       read_only,
               gboolean       immutable,
               GError       **error)
{
  g_autofree char *uri = NULL;
  int flags = SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
  int rc;

  if (read_only)
    flags |= SQLITE_OPEN_READONLY;
  else
    flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

  {
    g_autofree char *absolute = g_canonicalize_filename (self->path, NULL);
    g_autofree char *escaped = g_uri_escape_string (absolute, "/", FALSE);

    uri = g_strdup_printf ("file:%s%s", escaped, immutable ? "?immutable=1" : "");
  }

  rc = sqlite3_open_v2 (uri, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      _tessera_store_set_error (self, rc, error);
      sqlite3_close (self->db);
      self->db = NULL;
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  {
    guint64 timeout_ms = BUSY_TIMEOUT_MS;

    test_hook ("TESSERA_TEST_BUSY_TIMEOUT_MS", G_MAXINT, &timeout_ms);
    sqlite3_busy_timeout (self->db, (int) timeout_ms);
  }
  return TRUE;
}

static gboolean
configure_and_migrate (TesseraStore  *self,
                       GError       **error)
{
  gint64 application_id, user_version;
  gboolean writable = self->read_only_reason == NULL;

  if (!_tessera_store_exec (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;

  /* Read through SQLite too: a WAL may hold a newer header than the file. */
  application_id = query_int64 (self, "PRAGMA application_id", -1);
  user_version = query_int64 (self, "PRAGMA user_version", -1);
  if (application_id < 0 || user_version < 0)
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_CORRUPT,
                   _("The project “%s” cannot be read: %s"), self->path,
                   sqlite3_errmsg (self->db));
      return FALSE;
    }
  if (user_version > TESSERA_STORE_SCHEMA_VERSION)
    return refuse_newer_version (self->path, (guint) user_version, error);
  if ((user_version > 0 && application_id != TESSERA_STORE_APPLICATION_ID) ||
      (user_version == 0 && query_int64 (self, "SELECT count(*) FROM sqlite_schema", 0) > 0))
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_A_PROJECT,
                   _("“%s” is an SQLite database but not a Tessera project; "
                     "it was left untouched"), self->path);
      return FALSE;
    }

  if (!writable)
    {
      if (user_version < TESSERA_STORE_SCHEMA_VERSION)
        {
          g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_READ_ONLY,
                       _("“%s” was made by an older version of Tessera and must be updated, "
                         "but %s"), self->path, self->read_only_reason);
          return FALSE;
        }
      return TRUE;
    }

  /* FULL, not NORMAL: a change reported saved survives a power cut (see the top). */
  if (!_tessera_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !_tessera_store_exec (self, "PRAGMA synchronous = FULL", error))
    return FALSE;

  /* Each step is its own transaction: a failure leaves the file at the last good step. */
  for (guint step = (guint) user_version; step < _tessera_store_n_migrations (); step++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!_tessera_store_begin (self, error))
        return FALSE;
      if (!_tessera_store_migrate_step (self, step, &local_error) ||
          !_tessera_store_commit (self, &local_error))
        {
          _tessera_store_abort (self);
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      _("Could not update the project to format %u: "),
                                      step + 1);
          return FALSE;
        }
    }

  /* Write the new header into the file itself, so that other programs recognise the
   * project from its first bytes at once. */
  if (user_version < TESSERA_STORE_SCHEMA_VERSION)
    sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);

  return TRUE;
}

/**
 * tessera_store_open:
 * @path: the project file (`*.tessera`)
 * @flags: %TESSERA_STORE_OPEN_CREATE to create a missing or empty file
 *
 * Opens a project. A file that is not a Tessera project, or that a newer version of
 * Tessera wrote, is refused and left byte for byte as it was. A project that cannot be
 * written (read-only file or folder, or %TESSERA_STORE_OPEN_READ_ONLY) opens for reading;
 * tessera_store_get_read_only_reason() says why.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
TesseraStore *
tessera_store_open (const char             *path,
                    TesseraStoreOpenFlags   flags,
                    GError                **error)
{
  g_autoptr(TesseraStore) self = NULL;
  gboolean is_new = FALSE;
  gboolean read_only;

  g_return_val_if_fail (path != NULL, NULL);

  if (!inspect_file (path, (flags & TESSERA_STORE_OPEN_CREATE) != 0, &is_new, error))
    return NULL;

  self = g_object_new (TESSERA_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (flags & TESSERA_STORE_OPEN_READ_ONLY)
    self->read_only_reason = g_strdup (_("it was opened for reading only"));
  else
    self->read_only_reason = read_only_reason_for (path, is_new);
  read_only = self->read_only_reason != NULL;

  if (is_new)
    {
      g_autofree char *folder = g_path_get_dirname (path);

      if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *name = g_filename_display_name (path);
          g_autofree char *folder_name = g_filename_display_name (folder);

          g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_FOUND,
                       _("Cannot create the project “%s”: the folder “%s” does not exist"),
                       name, folder_name);
          return NULL;
        }
    }

  if (is_new && read_only)
    {
      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_READ_ONLY,
                   _("Cannot create the project “%s”: %s"), path, self->read_only_reason);
      return NULL;
    }

  if (!open_database (self, read_only, FALSE, error))
    return NULL;
  /* Before any statement takes a lock: from now on nothing in this process opens the file
   * but SQLite. */
  _tessera_project_files_add (path, &self->file_id);

  if (read_only && query_int64 (self, "SELECT count(*) FROM sqlite_schema", -1) < 0)
    {
      /* A WAL project in a read-only folder: SQLite cannot make its -shm file there.
       * Nobody can be writing to it, so read it as immutable. */
      sqlite3_close (self->db);
      self->db = NULL;
      if (!open_database (self, TRUE, TRUE, error))
        return NULL;
    }

  if (!configure_and_migrate (self, error))
    {
      sqlite3_close (self->db);
      self->db = NULL;
      return NULL;
    }

  {
    guint64 max_pages;

    /* A pragma takes no bound parameter; the value is a number we parsed. */
    if (!read_only && test_hook ("TESSERA_TEST_MAX_PAGE_COUNT", G_MAXUINT32, &max_pages))
      {
        g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GUINT64_FORMAT,
                                                max_pages);

        if (!_tessera_store_exec (self, sql, error))
          {
            sqlite3_close (self->db);
            self->db = NULL;
            return NULL;
          }
      }
  }

  self->data_version = query_int64 (self, "PRAGMA data_version", 0);

  /* A damaged file must be refused here, not shown as a project with fewer documents. */
  if (!_tessera_store_reload_tagset (self, error) ||
      !_tessera_store_reload_documents (self, error) ||
      !_tessera_store_reload_entities (self, error))
    {
      sqlite3_close (self->db);
      self->db = NULL;
      return NULL;
    }

  /* In WAL mode and read: the -shm exists. */
  _tessera_project_files_hold_locks (&self->file_id);

  return g_steal_pointer (&self);
}

/**
 * tessera_store_close:
 *
 * Closes the database; the store refuses every change afterwards. Finalizing the store
 * closes it too.
 */
void
tessera_store_close (TesseraStore *self)
{
  g_return_if_fail (TESSERA_IS_STORE (self));

  g_hash_table_remove_all (self->statements);
  if (self->db != NULL)
    {
      _tessera_project_files_release_locks (&self->file_id);
      sqlite3_close (self->db);
      self->db = NULL;
    }
  _tessera_project_files_remove (&self->file_id);
  self->file_id = (TesseraFileId) { 0, 0 };
}

/**
 * tessera_store_file_is_project:
 * @path: any file
 *
 * Whether @path is a Tessera project, whatever its name, by the header SQLite and Tessera
 * write. Ask this rather than a content type: sniffing one would open the file, and closing
 * it would drop the locks of a connection this process has to the project.
 *
 * Returns: %TRUE for a project (or a project being created)
 */
gboolean
tessera_store_file_is_project (const char *path)
{
  g_return_val_if_fail (path != NULL, FALSE);

  return _tessera_project_files_is_project (path);
}

/**
 * tessera_store_poll_external_changes:
 *
 * Checks whether another program (another window, tessera-cli) changed the project since
 * we last looked, and if so reloads the lists and emits #TesseraStore::reloaded.
 *
 * Returns: %TRUE if the project had changed
 */
gboolean
tessera_store_poll_external_changes (TesseraStore *self)
{
  gint64 version;

  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);

  if (self->db == NULL)
    return FALSE;

  version = query_int64 (self, "PRAGMA data_version", self->data_version);
  if (version == self->data_version)
    return FALSE;

  self->data_version = version;
  _tessera_store_forget_text (self, 0);
  /* A list that cannot be read now keeps what it showed; the next action says why. */
  _tessera_store_reload_tagset (self, NULL);
  _tessera_store_reload_documents (self, NULL);
  _tessera_store_reload_entities (self, NULL);
  g_signal_emit (self, signals[RELOADED], 0);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

const char *
tessera_store_get_path (TesseraStore *self)
{
  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);
  return self->path;
}

gboolean
tessera_store_is_read_only (TesseraStore *self)
{
  g_return_val_if_fail (TESSERA_IS_STORE (self), TRUE);
  return self->read_only_reason != NULL;
}

/**
 * tessera_store_get_read_only_reason:
 *
 * Returns: (nullable): why the project cannot be changed, or %NULL if it can
 */
const char *
tessera_store_get_read_only_reason (TesseraStore *self)
{
  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);
  return self->read_only_reason;
}

const char *
tessera_store_get_annotator (TesseraStore *self)
{
  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);
  return self->annotator;
}

/**
 * tessera_store_set_annotator:
 * @name: the name changes are recorded under (TEI `@resp`)
 */
void
tessera_store_set_annotator (TesseraStore *self,
                             const char   *name)
{
  g_return_if_fail (TESSERA_IS_STORE (self));
  g_return_if_fail (name != NULL && *name != '\0');

  if (tessera_set_str (&self->annotator, name))
    self->annotator_id = 0;
}

/**
 * tessera_store_dup_annotators:
 *
 * Returns: (transfer full): the names of everyone who changed the project
 */
GStrv
tessera_store_dup_annotators (TesseraStore  *self,
                              GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);

  stmt = _tessera_store_prepare_fresh (self, "SELECT name FROM annotator ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, _tessera_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      _tessera_store_set_error (self, rc, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/* Statistics and checks ---------------------------------------------------------------- */

/*
 * Counts the annotations of the project (or of @document_id) by type, and the people who
 * made them, in one pass over the annotations. In SQL, "GROUP BY type_id" sorts every
 * annotation (no index leads with the type), and "count(DISTINCT annotator_id)" reads them
 * all again.
 */
static gboolean
count_annotations (TesseraStore  *self,
                   gint64         document_id,
                   TesseraStats  *stats,
                   GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) by_type = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) annotators = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                            g_free, NULL);
  gint64 last_annotator_id = 0;
  int rc;

  /* Every type of the tagset in its order, none for the types nothing uses. */
  stmt = _tessera_store_prepare_fresh (self, "SELECT id FROM annotation_type"
                                       " ORDER BY position, id", error);
  if (stmt == NULL)
    return FALSE;
  stats->per_type = g_array_new (FALSE, FALSE, sizeof (TesseraTypeCount));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TesseraTypeCount count = { sqlite3_column_int64 (stmt, 0), 0 };

      g_array_append_val (stats->per_type, count);
    }
  if (rc != SQLITE_DONE)
    {
      _tessera_store_set_error (self, rc, error);
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  /* The array is complete: its elements stay where they are. */
  for (guint i = 0; i < stats->per_type->len; i++)
    {
      TesseraTypeCount *count = &g_array_index (stats->per_type, TesseraTypeCount, i);

      g_hash_table_insert (by_type, &count->type_id, count);
    }

  stmt = _tessera_store_prepare_fresh (self, document_id == 0 ?
                                       "SELECT type_id, annotator_id FROM annotation" :
                                       "SELECT type_id, annotator_id FROM annotation"
                                       " WHERE document_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  if (document_id != 0)
    sqlite3_bind_int64 (stmt, 1, document_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 type_id = sqlite3_column_int64 (stmt, 0);
      gint64 annotator_id = sqlite3_column_int64 (stmt, 1);    /* 0 for none */
      TesseraTypeCount *count = g_hash_table_lookup (by_type, &type_id);

      stats->n_annotations++;
      if (count != NULL)
        count->count++;
      /* Runs of one annotator are the rule. */
      if (annotator_id != 0 && annotator_id != last_annotator_id &&
          !g_hash_table_contains (annotators, &annotator_id))
        g_hash_table_add (annotators, g_memdup2 (&annotator_id, sizeof annotator_id));
      last_annotator_id = annotator_id;
    }
  if (rc != SQLITE_DONE)
    {
      _tessera_store_set_error (self, rc, error);
      return FALSE;
    }
  stats->n_annotators = g_hash_table_size (annotators);
  return TRUE;
}

/**
 * tessera_store_dup_stats:
 * @document_id: a document, or 0 for the whole project
 *
 * Returns: (transfer full): counts of what the project (or document) holds
 */
TesseraStats *
tessera_store_dup_stats (TesseraStore  *self,
                         gint64         document_id,
                         GError       **error)
{
  g_autoptr(TesseraStats) stats = g_new0 (TesseraStats, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);

  /* Two forms of each query, so that SQLite can use the indexes on document_id for one
   * document: "?1 = 0 OR document_id = ?1" would scan every annotation either way. */
  stmt = _tessera_store_prepare_fresh (self, document_id == 0 ?
    "SELECT"
    " (SELECT count(*) FROM document),"
    " (SELECT coalesce (sum (length), 0) FROM document),"
    " (SELECT count(*) FROM entity),"
    " (SELECT count(*) FROM annotation WHERE entity_id IS NOT NULL),"
    " (SELECT count(*) FROM claim),"
    " (SELECT count(*) FROM claim c WHERE c.source_entity_id IS NOT NULL"
    "   OR c.source_annotation_id IS NOT NULL OR c.source_kind IN ('writer', 'anonymous')),"
    " (SELECT count(*) FROM relation)"
    :
    "SELECT"
    " (SELECT count(*) FROM document WHERE id = ?1),"
    " (SELECT coalesce (sum (length), 0) FROM document WHERE id = ?1),"
    " (SELECT count(DISTINCT entity_id) FROM annotation"
    "   WHERE entity_id IS NOT NULL AND document_id = ?1),"
    " (SELECT count(*) FROM annotation WHERE entity_id IS NOT NULL AND document_id = ?1),"
    " (SELECT count(*) FROM claim c JOIN annotation a ON a.id = c.id WHERE a.document_id = ?1),"
    " (SELECT count(*) FROM claim c JOIN annotation a ON a.id = c.id"
    "   WHERE a.document_id = ?1 AND (c.source_entity_id IS NOT NULL"
    "   OR c.source_annotation_id IS NOT NULL OR c.source_kind IN ('writer', 'anonymous'))),"
    " (SELECT count(*) FROM relation r JOIN annotation a ON a.id = r.source_id"
    "   WHERE a.document_id = ?1)",
    error);
  if (stmt == NULL)
    return NULL;
  if (document_id != 0)
    sqlite3_bind_int64 (stmt, 1, document_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _tessera_store_set_error (self, rc, error);
      return NULL;
    }
  stats->n_documents = (guint) sqlite3_column_int64 (stmt, 0);
  stats->n_characters = (guint) sqlite3_column_int64 (stmt, 1);
  /* Over the whole project, entities are the records, linked or not; in a document, the
   * ones its annotations link to. */
  stats->n_entities = (guint) sqlite3_column_int64 (stmt, 2);
  stats->n_linked_mentions = (guint) sqlite3_column_int64 (stmt, 3);
  stats->n_claims = (guint) sqlite3_column_int64 (stmt, 4);
  stats->n_claims_with_source = (guint) sqlite3_column_int64 (stmt, 5);
  stats->n_relations = (guint) sqlite3_column_int64 (stmt, 6);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!count_annotations (self, document_id, stats, error))
    return NULL;

  return g_steal_pointer (&stats);
}

static gboolean
collect_problems (TesseraStore  *self,
                  const char    *sql,
                  GPtrArray     *problems,
                  GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = _tessera_store_prepare_fresh (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = _tessera_column_text (stmt, 0);

      if (text != NULL && !g_str_equal (text, "ok"))
        g_ptr_array_add (problems, g_strdup (text));
    }
  if (rc != SQLITE_DONE)
    return _tessera_store_set_error (self, rc, error);
  return TRUE;
}

/* One problem per text of @table that breaks _tessera_store_check_text()'s rule. The text
 * of a document that is not UTF-8 is reported with the other checks of texts. */
static gboolean
collect_non_xml_text (TesseraStore  *self,
                      const char    *table,
                      GPtrArray     *problems,
                      GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY id", table);
  g_autoptr(sqlite3_stmt) stmt = _tessera_store_prepare_fresh (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *column = sqlite3_column_name (stmt, i);
          const char *text;
          int length;
          guint offset = 0;
          gunichar c = 0;

          if (sqlite3_column_type (stmt, i) != SQLITE_TEXT)
            continue;
          text = _tessera_column_text (stmt, i);
          length = sqlite3_column_bytes (stmt, i);
          if (!tessera_text_find_non_xml (text, length, &offset, &c))
            continue;
          if (c != (gunichar) -1)
            g_ptr_array_add (problems,
                             g_strdup_printf ("%s %" G_GINT64_FORMAT ": %s holds U+%04X at "
                                              "character %u, which XML cannot carry",
                                              table, (gint64) sqlite3_column_int64 (stmt, 0),
                                              column, c, offset + 1));
          else if (!g_str_equal (table, "document") || !g_str_equal (column, "text"))
            g_ptr_array_add (problems,
                             g_strdup_printf ("%s %" G_GINT64_FORMAT ": %s is not valid UTF-8 "
                                              "from character %u on",
                                              table, (gint64) sqlite3_column_int64 (stmt, 0),
                                              column, offset + 1));
        }
    }
  if (rc != SQLITE_DONE)
    return _tessera_store_set_error (self, rc, error);
  return TRUE;
}

/* One problem per mention linked to an entity its type cannot name
 * (tessera_annotation_type_can_name()), a link written before the store refused it. */
static gboolean
collect_unnameable_links (TesseraStore  *self,
                          GPtrArray     *problems,
                          GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    _tessera_store_prepare_fresh (self,
                                  "SELECT a.id, a.type_id, e.id, e.type_id, e.name"
                                  " FROM annotation a JOIN entity e ON e.id = a.entity_id"
                                  " JOIN annotation_type t ON t.id = a.type_id"
                                  " WHERE t.kind = 'entity' ORDER BY a.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(TesseraAnnotationType) type =
        tessera_store_dup_annotation_type (self, sqlite3_column_int64 (stmt, 1));
      g_autoptr(TesseraAnnotationType) entity_type =
        tessera_store_dup_annotation_type (self, sqlite3_column_int64 (stmt, 3));

      if (type == NULL || tessera_annotation_type_can_name (type, entity_type))
        continue;
      g_ptr_array_add (problems,
                       g_strdup_printf ("annotation %" G_GINT64_FORMAT " (%s) is linked to "
                                        "entity %" G_GINT64_FORMAT " “%s” (%s), which a "
                                        "mention of its type cannot name",
                                        (gint64) sqlite3_column_int64 (stmt, 0),
                                        tessera_annotation_type_get_key (type),
                                        (gint64) sqlite3_column_int64 (stmt, 2),
                                        _tessera_column_text (stmt, 4),
                                        tessera_annotation_type_get_key (entity_type)));
    }
  if (rc != SQLITE_DONE)
    return _tessera_store_set_error (self, rc, error);
  return TRUE;
}

/**
 * tessera_store_check:
 * @problems: (out) (transfer full): one line per problem found
 *
 * Checks SQLite's integrity and Tessera's own invariants: every range inside its text,
 * texts in NFC with the checksum and length they were stored with, claims only on claim
 * annotations, entity links only on mentions whose type can name the entity, and so on.
 *
 * Returns: %TRUE if the check ran (look at @problems); %FALSE with @error if it could not
 */
gboolean
tessera_store_check (TesseraStore  *self,
                     GPtrArray    **problems,
                     GError       **error)
{
  static const char * const invariants[] = {
    "SELECT format ('annotation %d: range %d–%d is outside its document (%d characters)',"
    " a.id, r.start_offset, r.end_offset, d.length)"
    " FROM annotation_range r JOIN annotation a ON a.id = r.annotation_id"
    " JOIN document d ON d.id = a.document_id WHERE r.end_offset > d.length",

    "SELECT format ('annotation %d has no range', a.id) FROM annotation a"
    " WHERE NOT EXISTS (SELECT 1 FROM annotation_range r WHERE r.annotation_id = a.id)",

    "SELECT format ('annotation %d: ranges %d–%d and %d–%d overlap', r1.annotation_id,"
    " r1.start_offset, r1.end_offset, r2.start_offset, r2.end_offset)"
    " FROM annotation_range r1 JOIN annotation_range r2"
    " ON r1.annotation_id = r2.annotation_id AND r1.id < r2.id"
    " AND r1.start_offset < r2.end_offset AND r2.start_offset < r1.end_offset",

    "SELECT format ('claim %d is attached to an annotation of kind %s', c.id, t.kind)"
    " FROM claim c JOIN annotation a ON a.id = c.id"
    " JOIN annotation_type t ON t.id = a.type_id WHERE t.kind != 'claim'",

    "SELECT format ('annotation %d is a %s (%s) linked to entity %d; only mentions link to"
    " entities', a.id, t.kind, t.key, a.entity_id)"
    " FROM annotation a JOIN annotation_type t ON t.id = a.type_id"
    " WHERE a.entity_id IS NOT NULL AND t.kind != 'entity'",

    "SELECT format ('relation %d links annotations of two documents, which its type “%s”"
    " does not allow', r.id, r.type)"
    " FROM relation r JOIN annotation s ON s.id = r.source_id"
    " JOIN annotation t ON t.id = r.target_id JOIN relation_type rt ON rt.key = r.type"
    " WHERE s.document_id != t.document_id AND NOT rt.crosses_documents",

    "SELECT format ('relation %d has the type “%s”, which the tagset does not have',"
    " r.id, r.type) FROM relation r"
    " WHERE r.type NOT IN (SELECT key FROM relation_type)",

    "SELECT format ('claim %d: its source or cue is in another document', c.id)"
    " FROM claim c JOIN annotation a ON a.id = c.id"
    " LEFT JOIN annotation s ON s.id = c.source_annotation_id"
    " LEFT JOIN annotation q ON q.id = c.cue_annotation_id"
    " WHERE s.document_id != a.document_id OR q.document_id != a.document_id",

    "SELECT format ('journal entry %d (%s) has no recorded changes', id, action) FROM journal"
    " WHERE state != 'permanent' AND changes IS NULL",
  };
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TESSERA_IS_STORE (self), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  if (!collect_problems (self, "PRAGMA integrity_check", found, error))
    return FALSE;

  {
    g_autoptr(sqlite3_stmt) fk = _tessera_store_prepare_fresh (self, "PRAGMA foreign_key_check",
                                                               error);
    if (fk == NULL)
      return FALSE;
    while ((rc = sqlite3_step (fk)) == SQLITE_ROW)
      g_ptr_array_add (found,
                       g_strdup_printf ("%s row %" G_GINT64_FORMAT " points to a missing %s row",
                                        _tessera_column_text (fk, 0),
                                        (gint64) sqlite3_column_int64 (fk, 1),
                                        _tessera_column_text (fk, 2)));
    if (rc != SQLITE_DONE)
      return _tessera_store_set_error (self, rc, error);
  }

  for (guint i = 0; i < G_N_ELEMENTS (invariants); i++)
    {
      if (!collect_problems (self, invariants[i], found, error))
        return FALSE;
    }

  if (!collect_unnameable_links (self, found, error))
    return FALSE;

  /* Text a TEI file cannot carry, written before the store refused it. */
  if (!collect_non_xml_text (self, "annotator", found, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (journaled_tables); i++)
    {
      if (!collect_non_xml_text (self, journaled_tables[i], found, error))
        return FALSE;
    }

  /* Texts: NFC, valid, and still the text whose checksum and length were stored. */
  stmt = _tessera_store_prepare_fresh (self, "SELECT id, text, sha256, length FROM document",
                                       error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *text = _tessera_column_text (stmt, 1);
      const char *sha256 = _tessera_column_text (stmt, 2);
      gint64 length = sqlite3_column_int64 (stmt, 3);
      g_autofree char *computed = NULL;

      if (text == NULL || !g_utf8_validate (text, sqlite3_column_bytes (stmt, 1), NULL))
        {
          g_ptr_array_add (found, g_strdup_printf ("document %" G_GINT64_FORMAT
                                                   ": text is not valid UTF-8", id));
          continue;
        }
      computed = tessera_text_sha256 (text);
      if (g_strcmp0 (computed, sha256) != 0)
        g_ptr_array_add (found, g_strdup_printf ("document %" G_GINT64_FORMAT
                                                 ": text does not match its checksum", id));
      if ((gint64) tessera_text_length (text) != length)
        g_ptr_array_add (found, g_strdup_printf ("document %" G_GINT64_FORMAT
                                                 ": stored length %" G_GINT64_FORMAT
                                                 " is not the text's", id, length));
      if (!tessera_text_is_nfc (text))
        g_ptr_array_add (found, g_strdup_printf ("document %" G_GINT64_FORMAT
                                                 ": text is not in NFC", id));
    }
  if (rc != SQLITE_DONE)
    return _tessera_store_set_error (self, rc, error);

  *problems = g_steal_pointer (&found);
  return TRUE;
}

/* GObject ----------------------------------------------------------------------------- */

static void
tessera_store_finalize (GObject *object)
{
  TesseraStore *self = (TesseraStore *)object;

  tessera_store_close (self);
  g_hash_table_unref (self->statements);
  g_hash_table_unref (self->columns);
  _tessera_store_forget_text (self, 0);
  g_clear_object (&self->documents);
  g_clear_object (&self->tagset);
  g_clear_pointer (&self->relation_types, g_ptr_array_unref);
  g_clear_object (&self->entities);
  g_free (self->path);
  g_free (self->annotator);
  g_free (self->read_only_reason);

  G_OBJECT_CLASS (tessera_store_parent_class)->finalize (object);
}

static void
tessera_store_class_init (TesseraStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tessera_store_finalize;

  /**
   * TesseraStore::document-changed:
   * @document_id: the document
   * @change: a #TesseraChange
   */
  signals[DOCUMENT_CHANGED] =
    g_signal_new ("document-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT);

  /**
   * TesseraStore::annotation-changed:
   * @document_id: the annotation's document
   * @annotation_id: the annotation
   * @change: a #TesseraChange (ranges and claim fields count as modifications)
   */
  signals[ANNOTATION_CHANGED] =
    g_signal_new ("annotation-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT);

  signals[ENTITY_CHANGED] =
    g_signal_new ("entity-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT);

  signals[TAGSET_CHANGED] =
    g_signal_new ("tagset-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * TesseraStore::changed:
   *
   * Emitted after every committed change, undo and redo included.
   */
  /**
   * TesseraStore::relation-changed:
   * @document_id: the document of the relation's annotations; a relation that joins two
   *   documents is told to each
   * @relation_id: the relation
   * @change: a #TesseraChange, as #TesseraStore::annotation-changed gives
   *
   * A relation was added or removed, by a change, its undo or its redo (also when its
   * annotation was removed, taking it along).
   */
  signals[RELATION_CHANGED] =
    g_signal_new ("relation-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * TesseraStore::reloaded:
   *
   * Another program changed the project: everything shown must be read again.
   */
  signals[RELOADED] =
    g_signal_new ("reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
tessera_store_init (TesseraStore *self)
{
  const char *user = g_get_real_name ();

  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);
  self->columns = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) g_strfreev);
  if (user == NULL || *user == '\0' || g_str_equal (user, "Unknown"))
    user = g_get_user_name ();
  self->annotator = g_strdup (user);
  self->documents = g_list_store_new (TESSERA_TYPE_DOCUMENT);
  self->tagset = g_list_store_new (TESSERA_TYPE_ANNOTATION_TYPE);
  self->relation_types = g_ptr_array_new_with_free_func (g_object_unref);
  self->entities = g_list_store_new (TESSERA_TYPE_ENTITY);
}
