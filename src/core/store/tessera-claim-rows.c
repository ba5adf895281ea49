/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-store"

#include "config.h"

#include <string.h>

#include "tessera-claim-rows.h"
#include "tessera-store-private.h"

/*
 * The claims of the whole corpus in one query, for the claims view: no document is loaded.
 * The texts shown (source mention, cue, claim) are sliced by SQLite from the document's
 * text, their first range only; offsets are code points, as substr () counts them.
 */

void
tessera_claim_row_free (TesseraClaimRow *row)
{
  if (row == NULL)
    return;
  g_free (row->document_title);
  g_free (row->document_date);
  g_free (row->month);
  g_free (row->source);
  g_free (row->cue);
  g_free (row->cue_key);
  g_free (row->quote_type);
  g_free (row->factuality);
  g_free (row->text);
  g_free (row);
}

/* Words of a cue that only conjugate or invert its verb: «a déclaré», «a-t-il déclaré». */
static const char * const cue_auxiliaries[] = {
  "a", "ai", "as", "avait", "avaient", "aura", "aurait", "auraient", "avons", "avez", "ont",
  "est", "sont", "était", "étaient", "été", "ait", "t", "il", "elle", "ils", "elles", "on",
  "se", "s", "l", "d", "lui", "leur", "ne", "n", "pas", "y", "en", NULL
};

/**
 * tessera_claim_cue_key:
 * @cue: a cue's words
 *
 * The cue reduced to a key that groups the forms of one reporting verb, without a
 * dictionary: lower case; the words that only conjugate or invert it dropped (auxiliaries,
 * the inverted pronoun: «a déclaré», «a-t-il déclaré» and «déclaré» give «déclaré»); the
 * first word left; a participle's agreement dropped («déclarées» gives «déclaré»). Tenses
 * stay apart: «déclare» is not «déclaré».
 *
 * Returns: (transfer full): the key; "" for a cue without a letter
 */
char *
tessera_claim_cue_key (const char *cue)
{
  g_autofree char *lower = NULL;
  g_auto(GStrv) words = NULL;
  GString *key;

  g_return_val_if_fail (cue != NULL, NULL);

  lower = g_utf8_strdown (cue, -1);
  /* Apostrophes, hyphens and spaces separate words; letters make them. */
  for (char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalpha (c) && !g_unichar_ismark (c))
        memset (p, ' ', g_utf8_next_char (p) - p);
    }
  words = g_strsplit (lower, " ", -1);

  key = g_string_new (NULL);
  for (guint i = 0; words[i] != NULL && key->len == 0; i++)
    {
      if (*words[i] != '\0' && !g_strv_contains (cue_auxiliaries, words[i]))
        g_string_append (key, words[i]);
    }
  if (key->len == 0)
    {
      /* Only auxiliaries («a dit» is not one): the last word, whatever it is. */
      for (guint i = 0; words[i] != NULL; i++)
        {
          if (*words[i] != '\0')
            g_string_assign (key, words[i]);
        }
    }

  /* «déclarée», «déclarés», «déclarées» → «déclaré». */
  if (g_str_has_suffix (key->str, "ées"))
    g_string_truncate (key, key->len - strlen ("es"));
  else if (g_str_has_suffix (key->str, "ée") || g_str_has_suffix (key->str, "és"))
    g_string_truncate (key, key->len - 1);
  return g_string_free (key, FALSE);
}

/* "YYYY-MM" when @date begins with a year and a month, else %NULL. */
static char *
month_of (const char *date)
{
  if (date == NULL || strlen (date) < 7)
    return NULL;
  for (guint i = 0; i < 7; i++)
    {
      if (i == 4 ? date[i] != '-' : !g_ascii_isdigit (date[i]))
        return NULL;
    }
  return g_strndup (date, 7);
}

/* Same-claim groups: union-find over claim ids, each group's root its smallest id. */
static gint64
group_root (GHashTable *parents,
            gint64      id)
{
  gint64 *parent;

  while ((parent = g_hash_table_lookup (parents, &id)) != NULL && *parent != id)
    id = *parent;
  return id;
}

static void
group_join (GHashTable *parents,
            gint64      a,
            gint64      b)
{
  gint64 root_a = group_root (parents, a);
  gint64 root_b = group_root (parents, b);
  gint64 *key, *value;

  if (root_a == root_b)
    return;
  key = g_new (gint64, 1);
  value = g_new (gint64, 1);
  *key = MAX (root_a, root_b);
  *value = MIN (root_a, root_b);
  g_hash_table_replace (parents, key, value);
}

static gboolean
add_same_claim_groups (TesseraStore  *self,
                       GPtrArray     *rows,
                       GError       **error)
{
  g_autoptr(GHashTable) parents = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                         g_free, g_free);
  g_autoptr(GHashTable) documents = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                           g_free,
                                                           (GDestroyNotify) g_hash_table_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _tessera_store_prepare_fresh (self,
                                       "SELECT r.source_id, r.target_id FROM relation r"
                                       " JOIN claim s ON s.id = r.source_id"
                                       " JOIN claim t ON t.id = r.target_id"
                                       " WHERE r.type = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, TESSERA_RELATION_SAME_CLAIM, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    group_join (parents, sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1));
  if (rc != SQLITE_DONE)
    return _tessera_store_set_error (self, rc, error);

  /* The documents of each group, then what each claim sees of the others. */
  for (guint i = 0; i < rows->len; i++)
    {
      TesseraClaimRow *row = g_ptr_array_index (rows, i);
      GHashTable *set;

      row->same_claim_id = group_root (parents, row->annotation_id);
      set = g_hash_table_lookup (documents, &row->same_claim_id);
      if (set == NULL)
        {
          set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
          g_hash_table_insert (documents, g_memdup2 (&row->same_claim_id, sizeof (gint64)), set);
        }
      g_hash_table_add (set, g_memdup2 (&row->document_id, sizeof (gint64)));
    }
  for (guint i = 0; i < rows->len; i++)
    {
      TesseraClaimRow *row = g_ptr_array_index (rows, i);
      GHashTable *set = g_hash_table_lookup (documents, &row->same_claim_id);

      row->n_same_claim_documents = g_hash_table_size (set) - 1;
    }
  return TRUE;
}

/* The claim's words: its first range, cut to the length shown. */
static char *
shorten (const char *first_range,
         gint64      total_length,
         gint64      n_ranges)
{
  const char *text = first_range ? first_range : "";
  glong length = g_utf8_strlen (text, -1);

  if (length > TESSERA_CLAIM_ROW_TEXT_MAX)
    {
      const char *end = g_utf8_offset_to_pointer (text, TESSERA_CLAIM_ROW_TEXT_MAX);

      return g_strdup_printf ("%.*s…", (int) (end - text), text);
    }
  if (n_ranges > 1 || total_length > length)
    return g_strconcat (text, "…", NULL);
  return g_strdup (text);
}

#define FIRST_RANGE_TEXT(annotation, max) \
  "(SELECT substr (d.text, r.start_offset + 1, min (r.end_offset - r.start_offset, " #max "))" \
  " FROM annotation_range r WHERE r.annotation_id = " annotation \
  " ORDER BY r.start_offset LIMIT 1)"

/**
 * tessera_store_dup_claim_rows:
 *
 * Every claim of the project, by document date (undated last), document, then place in the
 * text.
 *
 * Returns: (transfer full) (element-type TesseraClaimRow): the claims, or %NULL with
 *   @error set
 */
GPtrArray *
tessera_store_dup_claim_rows (TesseraStore  *self,
                              GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  int rc;

  g_return_val_if_fail (TESSERA_IS_STORE (self), NULL);

  stmt = _tessera_store_prepare_fresh (self,
    "SELECT c.id, a.document_id, d.title, d.publication_date,"
    " c.source_entity_id, c.source_annotation_id, e.name,"
    " " FIRST_RANGE_TEXT ("c.source_annotation_id", 80) ","
    " c.cue_annotation_id, " FIRST_RANGE_TEXT ("c.cue_annotation_id", 80) ","
    " c.quote_type, c.factuality,"
    " (SELECT min (r.start_offset) FROM annotation_range r WHERE r.annotation_id = c.id)"
    "   AS start,"
    " (SELECT sum (r.end_offset - r.start_offset) FROM annotation_range r"
    "   WHERE r.annotation_id = c.id),"
    " (SELECT count (*) FROM annotation_range r WHERE r.annotation_id = c.id),"
    " " FIRST_RANGE_TEXT ("c.id", 161)
    " FROM claim c"
    " JOIN annotation a ON a.id = c.id"
    " JOIN document d ON d.id = a.document_id"
    " LEFT JOIN entity e ON e.id = c.source_entity_id"
    " ORDER BY d.publication_date IS NULL, d.publication_date, d.id, start, c.id", error);
  if (stmt == NULL)
    return NULL;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_claim_row_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TesseraClaimRow *row = g_new0 (TesseraClaimRow, 1);
      const char *entity_name = _tessera_column_text (stmt, 6);

      row->annotation_id = sqlite3_column_int64 (stmt, 0);
      row->document_id = sqlite3_column_int64 (stmt, 1);
      row->document_title = g_strdup (_tessera_column_text (stmt, 2));
      row->document_date = g_strdup (_tessera_column_text (stmt, 3));
      row->month = month_of (row->document_date);
      row->source_entity_id = sqlite3_column_int64 (stmt, 4);
      row->source_annotation_id = sqlite3_column_int64 (stmt, 5);
      row->source = g_strdup (entity_name ? entity_name : _tessera_column_text (stmt, 7));
      row->cue_annotation_id = sqlite3_column_int64 (stmt, 8);
      row->cue = g_strdup (_tessera_column_text (stmt, 9));
      row->cue_key = row->cue ? tessera_claim_cue_key (row->cue) : NULL;
      row->quote_type = g_strdup (_tessera_column_text (stmt, 10));
      row->factuality = g_strdup (_tessera_column_text (stmt, 11));
      row->start = (guint) sqlite3_column_int64 (stmt, 12);
      row->text = shorten (_tessera_column_text (stmt, 15), sqlite3_column_int64 (stmt, 13),
                           sqlite3_column_int64 (stmt, 14));
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      _tessera_store_set_error (self, rc, error);
      return NULL;
    }
  if (!add_same_claim_groups (self, rows, error))
    return NULL;
  return g_steal_pointer (&rows);
}
