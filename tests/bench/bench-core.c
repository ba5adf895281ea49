/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-bench"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <sqlite3.h>

#include "tessera-core.h"

#include "bench-common.h"

/*
 * The benchmarks' fixtures, and the core operations timed one per process so that each
 * has its own peak RSS:
 *
 *   bench-core fixtures CORPUS_DIR WORK_DIR   extract the novels, build every project
 *   bench-core extract TEI OUT                the body text of an ELTeC novel
 *   bench-core import-text FILE               plain-text import into a new project
 *   bench-core import-tei FILE                TEI import into a new project
 *   bench-core export PROJECT OUT             TEI export of every document, one corpus file
 *   bench-core formats                        the ids of the other exporters and importers
 *   bench-core export-format ID PROJECT OUT [larger]
 *                                             export in format ID of every document (of the
 *                                             longest only with "larger"), default options
 *   bench-core import-format ID PATH          import of a file or folder in format ID
 *   bench-core stats PROJECT                  open a project, then tessera_store_dup_stats
 *
 * The fixtures are generated with a fixed seed. Documents are added through the product's
 * own import, but annotations are written with raw SQL in one transaction: the store has no
 * bulk API, and adding 500,000 annotations one undoable change at a time would take longer
 * than every benchmark together. Only the fixtures are written this way; every measured
 * operation goes through the product's code. The few hundred relations of the annotate
 * benchmark's project are made through the store, one change each, as a user makes them.
 */

/* Bump when the fixtures change, so that cached ones are rebuilt. */
#define FIXTURE_VERSION "tessera-bench-fixtures 2"
#define SEED            20240505

#define OPEN_ANNOTATIONS   50000   /* on the larger novel */
#define SCALE_ARTICLES     10000
#define SCALE_PER_ARTICLE  50      /* 500,000 in all */
#define EXPORT_COPIES      4       /* the "4× corpus" project */
#define ANNOTATE_RELATIONS 600     /* on the pages the annotate benchmark goes through */
#define RELATION_REACH     8       /* a relation's target: one of the next annotations */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static void G_GNUC_NORETURN G_GNUC_PRINTF (1, 2)
die (const char *format,
     ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("bench-core: %s\n", message);
  exit (1);
}

/* Body text of a TEI file --------------------------------------------------------------- */

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, name) == 0;
}

/* Appends the text of @node with white space collapsed, as XML readers see it. */
static void
append_collapsed (GString *out,
                  xmlNode *node)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean space = FALSE;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      xmlChar *content;

      if (is_element (child, "note"))
        continue;
      content = xmlNodeGetContent (child);
      for (const char *p = (const char *) content; p != NULL && *p != '\0'; p++)
        {
          if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            space = text->len > 0;
          else
            {
              if (space)
                g_string_append_c (text, ' ');
              space = FALSE;
              g_string_append_c (text, *p);
            }
        }
      xmlFree (content);
    }

  if (text->len == 0)
    return;
  if (out->len > 0)
    g_string_append_c (out, '\n');
  g_string_append_len (out, text->str, text->len);
}

static void
append_paragraphs (GString *out,
                   xmlNode *node)
{
  static const char * const paragraphs[] = { "p", "head", "l", "ab", "trailer", NULL };

  for (xmlNode *child = node; child != NULL; child = child->next)
    {
      gboolean paragraph = FALSE;

      if (child->type != XML_ELEMENT_NODE || is_element (child, "note"))
        continue;
      for (guint i = 0; paragraphs[i] != NULL; i++)
        paragraph |= is_element (child, paragraphs[i]);
      if (paragraph)
        append_collapsed (out, child);
      else
        append_paragraphs (out, child->children);
    }
}

static xmlNode *
find_element (xmlNode    *node,
              const char *name)
{
  for (xmlNode *child = node; child != NULL; child = child->next)
    {
      xmlNode *found;

      if (is_element (child, name))
        return child;
      if (child->type == XML_ELEMENT_NODE && (found = find_element (child->children, name)))
        return found;
    }
  return NULL;
}

/* The text of the body's paragraphs, one per line. */
static char *
extract_body_text (const char *tei_path)
{
  xmlDoc *doc = xmlReadFile (tei_path, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING);
  xmlNode *body;
  GString *out = g_string_new (NULL);

  if (doc == NULL)
    die ("%s is not well-formed XML", tei_path);
  body = find_element (xmlDocGetRootElement (doc), "body");
  if (body == NULL)
    die ("%s has no body", tei_path);
  append_paragraphs (out, body->children);
  xmlFreeDoc (doc);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* Generated annotations ----------------------------------------------------------------- */

typedef struct
{
  guint start;        /* code points */
  guint end;
  guint paragraph;
} Word;

typedef struct
{
  guint start;        /* code points */
  guint end;
  guint first_word;
  guint last_word;
  guint type;         /* index in type_weights */
} Span;

/* Realistic proportions: mostly people and places, some claims and cues. */
static const struct
{
  const char *key;
  guint       weight;
} type_weights[] = {
  { "person", 30 }, { "place", 18 }, { "organisation", 10 }, { "date", 10 }, { "event", 6 },
  { "role", 8 }, { "other", 6 }, { "claim", 6 }, { "cue", 6 },
};

static GArray *
split_words (const char *text)
{
  GArray *words = g_array_new (FALSE, FALSE, sizeof (Word));
  guint offset = 0, paragraph = 0;
  gboolean in_word = FALSE;
  Word word = { 0 };

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), offset++)
    {
      gunichar c = g_utf8_get_char (p);
      gboolean letter = g_unichar_isalnum (c);

      if (letter && !in_word)
        {
          word.start = offset;
          word.paragraph = paragraph;
        }
      else if (!letter && in_word)
        {
          word.end = offset;
          g_array_append_val (words, word);
        }
      in_word = letter;
      if (c == '\n')
        paragraph++;
    }
  if (in_word)
    {
      word.end = offset;
      g_array_append_val (words, word);
    }
  return words;
}

static guint
random_type (GRand *rand,
             int    except)
{
  for (;;)
    {
      guint total = 0, pick, type = 0;

      for (guint i = 0; i < G_N_ELEMENTS (type_weights); i++)
        total += type_weights[i].weight;
      pick = (guint) g_rand_int_range (rand, 0, (gint32) total);
      while (pick >= type_weights[type].weight)
        pick -= type_weights[type++].weight;
      if ((int) type != except)
        return type;
    }
}

static Span
span_of_words (GArray *words,
               guint   first,
               guint   last,
               guint   type)
{
  Span span = {
    g_array_index (words, Word, first).start,
    g_array_index (words, Word, last).end,
    first, last, type,
  };

  return span;
}

static gboolean
same_paragraph (GArray *words,
                guint   a,
                guint   b)
{
  return g_array_index (words, Word, a).paragraph == g_array_index (words, Word, b).paragraph;
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  return (int) x->type - (int) y->type;
}

/*
 * @n annotations of 1 to 4 words (45%, 30%, 15%, 10%) within a paragraph: 95% of them
 * apart from each other, 5% overlapping one of those (nested in it, crossing its end, or
 * on the same words with another type).
 */
static GArray *
generate_spans (const char *text,
                guint       n,
                GRand      *rand)
{
  g_autoptr(GArray) words = split_words (text);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GArray *spans = g_array_sized_new (FALSE, FALSE, sizeof (Span), n);
  guint n_overlapping = n / 20;
  guint n_apart = n - n_overlapping;
  guint room, needed = n_apart;

  if (words->len < 5 * n_apart)
    die ("a text of %u words cannot hold %u annotations apart", words->len, n_apart);

  /* Choose n_apart of the room positions uniformly (Knuth's selection sampling), then
   * spread them so that each has four words of its own. */
  room = words->len - 4 * n_apart;
  for (guint i = 0; i < room && needed > 0; i++)
    {
      guint first, length, roll;

      if (g_rand_double (rand) * (room - i) >= needed)
        continue;
      first = i + 4 * (n_apart - needed);
      needed--;

      roll = (guint) g_rand_int_range (rand, 0, 100);
      length = roll < 45 ? 1 : roll < 75 ? 2 : roll < 90 ? 3 : 4;
      while (length > 1 && (first + length - 1 >= words->len ||
                            !same_paragraph (words, first, first + length - 1)))
        length--;

      {
        Span span = span_of_words (words, first, first + length - 1, random_type (rand, -1));
        g_array_append_val (spans, span);
      }
    }
  g_assert (spans->len == n_apart);

  for (guint i = 0; i < n_overlapping; )
    {
      const Span *base = &g_array_index (spans, Span, g_rand_int_range (rand, 0, (gint32) n_apart));
      guint type = random_type (rand, (int) base->type);
      guint first = base->first_word, last = base->last_word;
      Span span;
      gint64 key;

      if (g_rand_boolean (rand) && last > first)
        {
          /* Nested: the first or the last words of the other one. */
          guint keep = (guint) g_rand_int_range (rand, 1, (gint32) (last - first + 1));

          if (g_rand_boolean (rand))
            last = first + keep - 1;
          else
            first = last - keep + 1;
        }
      else
        {
          /* Crossing its end, when the paragraph goes on; else the same words. */
          guint stop = last + 1 + (guint) g_rand_int_range (rand, 0, 2);

          if (stop < words->len && same_paragraph (words, last, stop))
            {
              first = last;
              last = stop;
            }
        }

      span = span_of_words (words, first, last, type);
      key = ((gint64) span.start << 24) | ((gint64) (span.end - span.start) << 4) | type;
      if (g_hash_table_contains (seen, &key))
        continue;
      g_hash_table_add (seen, g_memdup2 (&key, sizeof key));
      g_array_append_val (spans, span);
      i++;
    }

  g_array_sort (spans, compare_spans);
  return spans;
}

/* Raw writes for the fixtures ----------------------------------------------------------- */

typedef struct
{
  sqlite3      *db;
  sqlite3_stmt *annotation;
  sqlite3_stmt *range;
  sqlite3_stmt *claim;
  sqlite3_stmt *document;
  gint64        type_ids[G_N_ELEMENTS (type_weights)];
  gboolean      is_claim[G_N_ELEMENTS (type_weights)];
  gint64        annotator_id;
  char         *now;
} Writer;

static void
check (Writer     *writer,
       int         rc,
       const char *what)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    die ("%s: %s", what, sqlite3_errmsg (writer->db));
}

static void
exec (Writer     *writer,
      const char *sql)
{
  check (writer, sqlite3_exec (writer->db, sql, NULL, NULL, NULL), sql);
}

static sqlite3_stmt *
prepare (Writer     *writer,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  check (writer, sqlite3_prepare_v2 (writer->db, sql, -1, &stmt, NULL), sql);
  return stmt;
}

static void
step_done (Writer       *writer,
           sqlite3_stmt *stmt)
{
  check (writer, sqlite3_step (stmt), sqlite3_sql (stmt));
  sqlite3_reset (stmt);
}

static void
writer_open (Writer     *writer,
             const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  memset (writer, 0, sizeof *writer);
  if (sqlite3_open_v2 (path, &writer->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    die ("cannot open %s", path);
  exec (writer, "PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON; BEGIN IMMEDIATE");

  for (guint i = 0; i < G_N_ELEMENTS (type_weights); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = prepare (writer, "SELECT id, kind FROM annotation_type"
                                                      " WHERE key = ?");

      sqlite3_bind_text (stmt, 1, type_weights[i].key, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        die ("the default tagset has no type %s", type_weights[i].key);
      writer->type_ids[i] = sqlite3_column_int64 (stmt, 0);
      writer->is_claim[i] = g_str_equal ((const char *) sqlite3_column_text (stmt, 1), "claim");
    }

  writer->now = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  {
    g_autoptr(sqlite3_stmt) stmt = prepare (writer, "INSERT OR IGNORE INTO annotator"
                                                    " (name, created) VALUES ('bench', ?)");
    g_autoptr(sqlite3_stmt) select = prepare (writer, "SELECT id FROM annotator"
                                                      " WHERE name = 'bench'");

    sqlite3_bind_text (stmt, 1, writer->now, -1, SQLITE_STATIC);
    step_done (writer, stmt);
    check (writer, sqlite3_step (select), "annotator");
    writer->annotator_id = sqlite3_column_int64 (select, 0);
  }

  writer->annotation = prepare (writer, "INSERT INTO annotation"
                                        " (document_id, type_id, annotator_id, created, modified)"
                                        " VALUES (?, ?, ?, ?, ?)");
  writer->range = prepare (writer, "INSERT INTO annotation_range"
                                   " (annotation_id, start_offset, end_offset) VALUES (?, ?, ?)");
  writer->claim = prepare (writer, "INSERT INTO claim (id) VALUES (?)");
  writer->document = prepare (writer, "INSERT INTO document"
                                      " (title, text, length, sha256, language, imported, modified)"
                                      " VALUES (?, ?, ?, ?, 'fr', ?, ?)");
}

static void
writer_close (Writer *writer)
{
  g_clear_pointer (&writer->annotation, sqlite3_finalize);
  g_clear_pointer (&writer->range, sqlite3_finalize);
  g_clear_pointer (&writer->claim, sqlite3_finalize);
  g_clear_pointer (&writer->document, sqlite3_finalize);
  exec (writer, "COMMIT; PRAGMA wal_checkpoint (TRUNCATE)");
  sqlite3_close (writer->db);
  g_free (writer->now);
}

static void
write_spans (Writer *writer,
             gint64  document_id,
             GArray *spans)
{
  for (guint i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);
      gint64 id;

      sqlite3_bind_int64 (writer->annotation, 1, document_id);
      sqlite3_bind_int64 (writer->annotation, 2, writer->type_ids[span->type]);
      sqlite3_bind_int64 (writer->annotation, 3, writer->annotator_id);
      sqlite3_bind_text (writer->annotation, 4, writer->now, -1, SQLITE_STATIC);
      sqlite3_bind_text (writer->annotation, 5, writer->now, -1, SQLITE_STATIC);
      step_done (writer, writer->annotation);
      id = sqlite3_last_insert_rowid (writer->db);

      sqlite3_bind_int64 (writer->range, 1, id);
      sqlite3_bind_int64 (writer->range, 2, span->start);
      sqlite3_bind_int64 (writer->range, 3, span->end);
      step_done (writer, writer->range);

      if (writer->is_claim[span->type])
        {
          sqlite3_bind_int64 (writer->claim, 1, id);
          step_done (writer, writer->claim);
        }
    }
}

/* Projects ------------------------------------------------------------------------------ */

typedef struct
{
  gint64  id;
  char   *text;
  guint   n_annotations;
} Added;

static void
added_clear (gpointer data)
{
  g_free (((Added *) data)->text);
}

/* A new project at @path holding @files, imported as plain text by the product. */
static GArray *
import_files (const char         *path,
              const char * const *files,
              const guint        *n_annotations)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraStore) store = NULL;
  GArray *added = g_array_new (FALSE, FALSE, sizeof (Added));

  g_array_set_clear_func (added, added_clear);
  g_unlink (path);
  store = tessera_store_open (path, TESSERA_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    die ("%s: %s", path, error->message);

  for (guint i = 0; files[i] != NULL; i++)
    {
      Added item = { 0 };

      item.id = tessera_import_text_file (store, files[i], NULL, &error);
      if (item.id == 0)
        die ("%s: %s", files[i], error->message);
      item.text = tessera_store_dup_document_text (store, item.id, &error);
      if (item.text == NULL)
        die ("%s: %s", files[i], error->message);
      item.n_annotations = n_annotations[i];
      g_array_append_val (added, item);
    }

  tessera_store_close (store);
  return added;
}

static void
annotate_added (const char *path,
                GArray     *added,
                GRand      *rand)
{
  Writer writer;

  writer_open (&writer, path);
  for (guint i = 0; i < added->len; i++)
    {
      Added *item = &g_array_index (added, Added, i);
      g_autoptr(GArray) spans = generate_spans (item->text, item->n_annotations, rand);

      write_spans (&writer, item->id, spans);
    }
  writer_close (&writer);
}

/*
 * Relations between annotations of the pages the annotate benchmark goes through, of every
 * type the issue lists, each to one of the next few annotations, so that most arcs are
 * drawn within a page, as in an annotated article.
 */
static void
relate_annotated_pages (const char *path,
                        const char *text,
                        GRand      *rand)
{
  static const char * const types[] = {
    "supports", "contradicts", "same-claim", "part-of", "same-as",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraStore) store = tessera_store_open (path, TESSERA_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) paged = g_ptr_array_new ();
  g_autoptr(GHashTable) related = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(TesseraDocument) document = NULL;
  guint from, to, made = 0;

  if (store == NULL)
    die ("%s: %s", path, error->message);
  document = g_list_model_get_item (tessera_store_get_documents (store), 0);
  annotations = tessera_store_dup_annotations (store, tessera_document_get_id (document),
                                               &error);
  if (annotations == NULL)
    die ("%s: %s", path, error->message);

  from = (guint) (g_utf8_strlen (text, -1) / BENCH_ANNOTATE_START_DIVISOR);
  to = from + BENCH_ANNOTATE_SPAN_CHARS;
  for (guint i = 0; i < annotations->len; i++)
    {
      TesseraAnnotation *annotation = g_ptr_array_index (annotations, i);

      if (tessera_annotation_get_start (annotation) >= from &&
          tessera_annotation_get_end (annotation) <= to)
        g_ptr_array_add (paged, annotation);
    }
  if (paged->len <= RELATION_REACH)
    die ("%s: too few annotations to relate on the annotated pages", path);

  while (made < ANNOTATE_RELATIONS)
    {
      guint source = (guint) g_rand_int_range (rand, 0, (gint32) (paged->len - RELATION_REACH));
      guint target = source + (guint) g_rand_int_range (rand, 1, RELATION_REACH + 1);
      gint64 source_id = tessera_annotation_get_id (g_ptr_array_index (paged, source));
      gint64 target_id = tessera_annotation_get_id (g_ptr_array_index (paged, target));
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                                              source_id, target_id);

      if (!g_hash_table_add (related, g_steal_pointer (&key)))
        continue;
      if (tessera_store_add_relation (store, types[made % G_N_ELEMENTS (types)], source_id,
                                      target_id, NULL, &error) == 0)
        die ("%s: %s", path, error->message);
      made++;
    }
  tessera_store_close (store);
}

/* The text and ranges of the open benchmark's document, for the GtkTextView baseline. */
static void
write_baseline_files (const char *work,
                      const char *text,
                      const char *project)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text_path = g_build_filename (work, "open.txt", NULL);
  g_autofree char *ranges_path = g_build_filename (work, "open.ranges", NULL);
  g_autoptr(GString) ranges = g_string_new (NULL);
  sqlite3 *db;
  sqlite3_stmt *stmt;

  if (!g_file_set_contents (text_path, text, -1, &error))
    die ("%s", error->message);

  /* One line per type (its colour), then one per range: start, end, type index. */
  if (sqlite3_open_v2 (project, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT id, color FROM annotation_type ORDER BY position",
                          -1, &stmt, NULL) != SQLITE_OK)
    die ("%s: cannot read the tagset", project);
  {
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);

        g_array_append_val (ids, id);
        g_string_append_printf (ranges, "type %s\n", (const char *) sqlite3_column_text (stmt, 1));
      }
    sqlite3_finalize (stmt);

    if (sqlite3_prepare_v2 (db, "SELECT r.start_offset, r.end_offset, a.type_id"
                                " FROM annotation_range r JOIN annotation a"
                                " ON a.id = r.annotation_id ORDER BY a.id",
                            -1, &stmt, NULL) != SQLITE_OK)
      die ("%s: cannot read the annotations", project);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        gint64 type_id = sqlite3_column_int64 (stmt, 2);
        guint index = 0;

        while (index < ids->len && g_array_index (ids, gint64, index) != type_id)
          index++;
        g_string_append_printf (ranges, "%lld %lld %u\n", sqlite3_column_int64 (stmt, 0),
                                sqlite3_column_int64 (stmt, 1), index);
      }
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);

  if (!g_file_set_contents (ranges_path, ranges->str, (gssize) ranges->len, &error))
    die ("%s", error->message);
}

static char **
split_paragraphs (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *kept = g_ptr_array_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] != '\0')
        g_ptr_array_add (kept, g_strdup (lines[i]));
    }
  g_ptr_array_add (kept, NULL);
  return (char **) g_ptr_array_free (kept, FALSE);
}

/* A title cut at a word boundary, about 70 bytes. */
static char *
dup_title (const char *body)
{
  const char *end = body;
  const char *last_space = NULL;

  while (*end != '\0' && *end != '\n' && end - body < 70)
    {
      if (*end == ' ')
        last_space = end;
      end = g_utf8_next_char (end);
    }
  if (*end != '\0' && *end != '\n' && last_space != NULL)
    end = last_space;
  return g_strndup (body, end - body);
}

/* 10,000 articles of 3 to 5 kB made of consecutive paragraphs of the novels. */
static void
build_scale_project (const char *path,
                     const char *novel_a,
                     const char *novel_b,
                     GRand      *rand)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraStore) store = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *both = g_strconcat (novel_a, novel_b, NULL);
  g_auto(GStrv) paragraphs = split_paragraphs (both);
  guint n_paragraphs = g_strv_length (paragraphs);
  Writer writer;

  g_unlink (path);
  store = tessera_store_open (path, TESSERA_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    die ("%s: %s", path, error->message);
  tessera_store_close (store);

  writer_open (&writer, path);
  for (guint article = 0; article < SCALE_ARTICLES; )
    {
      g_autoptr(GString) body = g_string_new (NULL);
      guint target = (guint) g_rand_int_range (rand, 3000, 5001);
      guint paragraph = (guint) g_rand_int_range (rand, 0, (gint32) n_paragraphs);
      g_autofree char *sha256 = NULL;
      g_autofree char *title = NULL;
      g_autoptr(GArray) spans = NULL;
      gint64 id;

      while (body->len < target)
        {
          if (body->len > 0)
            g_string_append_c (body, '\n');
          g_string_append (body, paragraphs[paragraph]);
          paragraph = (paragraph + 1) % n_paragraphs;
        }
      if (body->len > 5000)
        {
          /* Cut at the last space before 5000 bytes. */
          gsize cut = 5000;

          while (cut > 3000 && body->str[cut] != ' ' && body->str[cut] != '\n')
            cut--;
          g_string_truncate (body, cut);
        }

      sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, body->str, (gssize) body->len);
      if (g_hash_table_contains (seen, sha256))
        continue;
      g_hash_table_add (seen, g_strdup (sha256));

      title = dup_title (body->str);
      sqlite3_bind_text (writer.document, 1, title, -1, SQLITE_STATIC);
      sqlite3_bind_text (writer.document, 2, body->str, (int) body->len, SQLITE_STATIC);
      sqlite3_bind_int64 (writer.document, 3, g_utf8_strlen (body->str, (gssize) body->len));
      sqlite3_bind_text (writer.document, 4, sha256, -1, SQLITE_STATIC);
      sqlite3_bind_text (writer.document, 5, writer.now, -1, SQLITE_STATIC);
      sqlite3_bind_text (writer.document, 6, writer.now, -1, SQLITE_STATIC);
      step_done (&writer, writer.document);
      id = sqlite3_last_insert_rowid (writer.db);

      spans = generate_spans (body->str, SCALE_PER_ARTICLE, rand);
      write_spans (&writer, id, spans);
      article++;
    }
  writer_close (&writer);
}

/* Writes @text to @path, or dies. */
static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, text, -1, &error))
    die ("%s", error->message);
}

static int
build_fixtures (const char *corpus,
                const char *work)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (corpus, 0, &error);
  g_autoptr(GPtrArray) tei = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autofree char *large_txt = NULL;
  g_autofree char *small_txt = NULL;
  g_autofree char *large_text = NULL;
  g_autofree char *small_text = NULL;
  g_autofree char *stamp = g_build_filename (work, "fixtures.stamp", NULL);
  g_autofree char *tmp = g_build_filename (work, "tmp.tessera", NULL);
  g_autofree char *stamp_text = NULL;
  g_autofree char *current = NULL;
  const char *name;

  if (dir == NULL)
    die ("%s", error->message);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (name, ".xml"))
        g_ptr_array_add (tei, g_build_filename (corpus, name, NULL));
    }
  if (tei->len != 2)
    die ("%s should hold the two ELTeC novels, found %u XML files", corpus, tei->len);
  g_ptr_array_sort (tei, (GCompareFunc) g_strcmp0);

  g_mkdir_with_parents (work, 0755);
  /* Projects of an older schema would be migrated by the first program that opens them. */
  stamp_text = g_strdup_printf ("%s, schema %d\n%s\n", FIXTURE_VERSION,
                                TESSERA_STORE_SCHEMA_VERSION, corpus);
  if (g_file_get_contents (stamp, &current, NULL, NULL) && g_str_equal (current, stamp_text))
    {
      printf ("fixtures=cached\n");
      return 0;
    }
  g_unlink (stamp);

  /* The larger novel is the one the window opens. */
  {
    g_autofree char *a = extract_body_text (g_ptr_array_index (tei, 0));
    g_autofree char *b = extract_body_text (g_ptr_array_index (tei, 1));
    gboolean a_larger = strlen (a) >= strlen (b);
    g_autofree char *novels = g_build_filename (work, "novels", NULL);
    g_autofree char *list = g_strdup_printf ("%s\n%s\n",
                                             (char *) g_ptr_array_index (tei, a_larger ? 0 : 1),
                                             (char *) g_ptr_array_index (tei, a_larger ? 1 : 0));

    large_text = g_strdup (a_larger ? a : b);
    small_text = g_strdup (a_larger ? b : a);
    large_txt = g_build_filename (work, "large.txt", NULL);
    small_txt = g_build_filename (work, "small.txt", NULL);
    write_text (large_txt, large_text);
    write_text (small_txt, small_text);
    /* The TEI files, larger first, for the import benchmark. */
    write_text (novels, list);
  }

  /* open.tessera: the larger novel with 50,000 annotations. */
  {
    const char *files[] = { large_txt, NULL };
    const guint counts[] = { OPEN_ANNOTATIONS };
    g_autoptr(GArray) added = import_files (tmp, files, counts);
    g_autofree char *path = g_build_filename (work, "open.tessera", NULL);

    annotate_added (tmp, added, rand);
    write_baseline_files (work, g_array_index (added, Added, 0).text, tmp);
    if (g_rename (tmp, path) != 0)
      die ("cannot rename %s", tmp);
  }

  /* annotate-relations.tessera: the same, with relations on the pages annotated. */
  {
    g_autofree char *open_path = g_build_filename (work, "open.tessera", NULL);
    g_autofree char *path = g_build_filename (work, "annotate-relations.tessera", NULL);
    g_autoptr(GFile) source = g_file_new_for_path (open_path);
    g_autoptr(GFile) target = g_file_new_for_path (tmp);

    if (!g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
      die ("%s", error->message);
    relate_annotated_pages (tmp, large_text, rand);
    if (g_rename (tmp, path) != 0)
      die ("cannot rename %s", tmp);
  }

  /* export.tessera: both novels, 75,000 annotations; export4.tessera: four copies. */
  for (guint round = 0; round < 2; round++)
    {
      guint copies = round == 0 ? 1 : EXPORT_COPIES;
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GArray) added = NULL;
      g_autofree char *path = g_build_filename (work, copies == 1 ? "export.tessera"
                                                                  : "export4.tessera", NULL);

      for (guint copy = 1; copy <= copies; copy++)
        {
          for (guint novel = 0; novel < 2; novel++)
            {
              guint count = novel == 0 ? OPEN_ANNOTATIONS : OPEN_ANNOTATIONS / 2;
              g_autofree char *file = g_strdup_printf ("%s/copy-%u-%u.txt", work, copy, novel);
              g_autofree char *text = NULL;

              /* A different last line, so that each copy is a new document. */
              text = copy == 1 ? g_strdup (novel == 0 ? large_text : small_text)
                               : g_strdup_printf ("%s(Exemplaire %u)\n",
                                                  novel == 0 ? large_text : small_text, copy);
              write_text (file, text);
              g_ptr_array_add (files, g_steal_pointer (&file));
              g_array_append_val (counts, count);
            }
        }
      g_ptr_array_add (files, NULL);
      added = import_files (tmp, (const char * const *) files->pdata, (guint *) counts->data);
      annotate_added (tmp, added, rand);
      if (g_rename (tmp, path) != 0)
        die ("cannot rename %s", tmp);
      for (guint i = 0; i + 1 < files->len; i++)
        g_unlink (g_ptr_array_index (files, i));
    }

  /* scale.tessera: 10,000 articles, 500,000 annotations. */
  {
    g_autofree char *path = g_build_filename (work, "scale.tessera", NULL);

    build_scale_project (tmp, large_text, small_text, rand);
    if (g_rename (tmp, path) != 0)
      die ("cannot rename %s", tmp);
  }

  write_text (stamp, stamp_text);
  return 0;
}

/* Measured operations ------------------------------------------------------------------- */

static TesseraStore *
open_store (const char            *path,
            TesseraStoreOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  TesseraStore *store = tessera_store_open (path, flags, &error);

  if (store == NULL)
    die ("%s: %s", path, error->message);
  return store;
}

/* A new project in a temporary folder, removed at exit. */
static char *temporary_dir;

static void
remove_temporary_dir (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (temporary_dir == NULL || (dir = g_dir_open (temporary_dir, 0, NULL)) == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (temporary_dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (temporary_dir);
}

static TesseraStore *
new_project (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  temporary_dir = g_dir_make_tmp ("tessera-bench-XXXXXX", &error);
  if (temporary_dir == NULL)
    die ("%s", error->message);
  atexit (remove_temporary_dir);
  path = g_build_filename (temporary_dir, "import.tessera", NULL);
  return open_store (path, TESSERA_STORE_OPEN_CREATE);
}

static int
import_text (const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraStore) store = new_project ();
  g_autoptr(TesseraDocument) document = NULL;
  GStatBuf buf;
  gint64 t0, id;
  double ms;

  if (g_stat (file, &buf) != 0)
    die ("%s: cannot read", file);
  t0 = g_get_monotonic_time ();
  id = tessera_import_text_file (store, file, NULL, &error);
  ms = bench_ms_since (t0);
  if (id == 0)
    die ("%s: %s", file, error->message);
  document = tessera_store_dup_document (store, id, &error);

  bench_print_ms ("import_ms", ms);
  bench_print_int ("bytes", buf.st_size);
  bench_print_int ("characters", tessera_document_get_length (document));
  return 0;
}

static int
import_tei (const char *file)
{
#ifdef TESSERA_BENCH_HAVE_TEI_IMPORT
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraStore) store = new_project ();
  g_autoptr(GPtrArray) results = NULL;
  guint characters = 0;
  gint64 t0;
  double ms;

  t0 = g_get_monotonic_time ();
  results = tessera_tei_import_file (store, file, NULL, &error);
  ms = bench_ms_since (t0);
  if (results == NULL)
    die ("%s: %s", file, error->message);
  for (guint i = 0; i < results->len; i++)
    {
      TesseraImportResult *result = g_ptr_array_index (results, i);
      g_autoptr(TesseraDocument) document = NULL;

      if (result->error != NULL)
        die ("%s: %s", file, result->error->message);
      document = tessera_store_dup_document (store, result->document_id, NULL);
      if (document != NULL)
        characters += tessera_document_get_length (document);
    }

  bench_print_ms ("import_ms", ms);
  bench_print_int ("documents", results->len);
  bench_print_int ("characters", characters);
  return 0;
#else
  printf ("missing=TEI importer\n");
  return 0;
#endif
}

static int
export_tei (const char *project,
            const char *out)
{
#ifdef TESSERA_BENCH_HAVE_TEI_EXPORT
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraStore) store = open_store (project, TESSERA_STORE_OPEN_READ_ONLY);
  GListModel *documents = tessera_store_get_documents (store);
  guint n = g_list_model_get_n_items (documents);
  g_autofree gint64 *ids = g_new (gint64, n);
  g_autoptr(TesseraExporter) exporter = g_object_new (TESSERA_TYPE_TEI_EXPORTER, "corpus", TRUE,
                                                      NULL);
  GStatBuf buf;
  gint64 t0;
  double ms;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TesseraDocument) document = g_list_model_get_item (documents, i);
      ids[i] = tessera_document_get_id (document);
    }

  bench_print_int ("rss_before_kib", bench_peak_rss_kib ());
  t0 = g_get_monotonic_time ();
  if (!tessera_exporter_export (exporter, store, ids, n, out, NULL, NULL, NULL, &error))
    die ("%s: %s", project, error->message);
  ms = bench_ms_since (t0);
  if (g_stat (out, &buf) != 0)
    die ("%s was not written", out);

  bench_print_ms ("export_ms", ms);
  bench_print_int ("documents", n);
  bench_print_int ("bytes", buf.st_size);
  return 0;
#else
  printf ("missing=TEI exporter\n");
  return 0;
#endif
}

/* The formats of the registry measured beside TEI: every exporter but text and TEI, and
 * those of them that import too. */
static int
list_formats (void)
{
  g_autoptr(GPtrArray) exporters = tessera_formats_list_exporters ();
  g_autoptr(GPtrArray) importers = tessera_formats_list_importers ();
  g_autoptr(GString) exporter_ids = g_string_new (NULL);
  g_autoptr(GString) importer_ids = g_string_new (NULL);

  for (guint i = 0; i < exporters->len; i++)
    {
      const char *id = tessera_exporter_get_id (g_ptr_array_index (exporters, i));

      if (g_str_equal (id, "text") || g_str_equal (id, "tei"))
        continue;
      g_string_append_printf (exporter_ids, "%s%s", exporter_ids->len > 0 ? " " : "", id);
      for (guint j = 0; j < importers->len; j++)
        {
          if (g_str_equal (tessera_importer_get_id (g_ptr_array_index (importers, j)), id))
            g_string_append_printf (importer_ids, "%s%s", importer_ids->len > 0 ? " " : "", id);
        }
    }
  printf ("exporters=%s\n", exporter_ids->str);
  printf ("importers=%s\n", importer_ids->str);
  return 0;
}

/* The size of a file, or of the files of a folder. */
static gint64
path_bytes (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  GStatBuf buf;
  gint64 bytes = 0;

  if (dir == NULL)
    return g_stat (path, &buf) == 0 ? buf.st_size : -1;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      bytes += MAX (path_bytes (child), 0);
    }
  return bytes;
}

static int
export_format (const char *id,
               const char *project,
               const char *out,
               gboolean    larger)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraStore) store = open_store (project, TESSERA_STORE_OPEN_READ_ONLY);
  g_autoptr(TesseraExporter) exporter = tessera_formats_new_exporter (id, &error);
  GListModel *documents = tessera_store_get_documents (store);
  guint n = g_list_model_get_n_items (documents);
  g_autofree gint64 *ids = g_new (gint64, n);
  guint longest = 0, n_ids = 0;
  gint64 t0;
  double ms;

  if (exporter == NULL)
    die ("%s", error->message);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TesseraDocument) document = g_list_model_get_item (documents, i);

      if (!larger)
        ids[n_ids++] = tessera_document_get_id (document);
      else if (tessera_document_get_length (document) > longest)
        {
          longest = tessera_document_get_length (document);
          ids[0] = tessera_document_get_id (document);
          n_ids = 1;
        }
    }

  bench_print_int ("rss_before_kib", bench_peak_rss_kib ());
  t0 = g_get_monotonic_time ();
  if (!tessera_exporter_export (exporter, store, ids, n_ids, out, NULL, NULL, NULL, &error))
    die ("%s: %s", project, error->message);
  ms = bench_ms_since (t0);

  bench_print_ms ("export_ms", ms);
  bench_print_int ("documents", n_ids);
  bench_print_int ("bytes", path_bytes (out));
  return 0;
}

static int
import_format (const char *id,
               const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraStore) store = new_project ();
  g_autoptr(TesseraImporter) importer = tessera_formats_new_importer (id, &error);
  const char *paths[] = { path, NULL };
  g_autoptr(GPtrArray) results = NULL;
  gint64 t0;
  double ms;

  if (importer == NULL)
    die ("%s", error->message);
  t0 = g_get_monotonic_time ();
  results = tessera_import_paths_with_importer (store, paths, importer, &error);
  ms = bench_ms_since (t0);
  if (results == NULL)
    die ("%s: %s", path, error->message);
  for (guint i = 0; i < results->len; i++)
    {
      TesseraImportResult *result = g_ptr_array_index (results, i);

      if (result->error != NULL)
        die ("%s: %s", result->path, result->error->message);
    }

  bench_print_ms ("import_ms", ms);
  bench_print_int ("documents", results->len);
  bench_print_int ("bytes", path_bytes (path));
  return 0;
}

static int
stats (const char *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraStore) store = NULL;
  g_autoptr(TesseraStats) first = NULL;
  g_autoptr(TesseraStats) again = NULL;
  gint64 t0;
  double open_ms, stats_ms, again_ms;

  t0 = g_get_monotonic_time ();
  store = open_store (project, TESSERA_STORE_OPEN_READ_ONLY);
  open_ms = bench_ms_since (t0);

  t0 = g_get_monotonic_time ();
  first = tessera_store_dup_stats (store, 0, &error);
  stats_ms = bench_ms_since (t0);
  if (first == NULL)
    die ("%s: %s", project, error->message);

  t0 = g_get_monotonic_time ();
  again = tessera_store_dup_stats (store, 0, &error);
  again_ms = bench_ms_since (t0);

  bench_print_ms ("open_ms", open_ms);
  bench_print_ms ("stats_ms", stats_ms);
  bench_print_ms ("stats_again_ms", again_ms);
  bench_print_int ("documents", first->n_documents);
  bench_print_int ("annotations", first->n_annotations);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  /* Error messages are UTF-8, like the product's. */
  setlocale (LC_ALL, "");

  if (argc == 4 && g_str_equal (argv[1], "fixtures"))
    return build_fixtures (argv[2], argv[3]);
  if (argc == 4 && g_str_equal (argv[1], "extract"))
    {
      g_autofree char *text = extract_body_text (argv[2]);
      write_text (argv[3], text);
      return 0;
    }
  if (argc == 3 && g_str_equal (argv[1], "import-text"))
    return import_text (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "import-tei"))
    return import_tei (argv[2]);
  if (argc == 4 && g_str_equal (argv[1], "export"))
    return export_tei (argv[2], argv[3]);
  if (argc == 3 && g_str_equal (argv[1], "stats"))
    return stats (argv[2]);
  if (argc == 2 && g_str_equal (argv[1], "formats"))
    return list_formats ();
  if ((argc == 5 || (argc == 6 && g_str_equal (argv[5], "larger"))) &&
      g_str_equal (argv[1], "export-format"))
    return export_format (argv[2], argv[3], argv[4], argc == 6);
  if (argc == 4 && g_str_equal (argv[1], "import-format"))
    return import_format (argv[2], argv[3]);

  g_printerr ("usage: bench-core fixtures CORPUS_DIR WORK_DIR | extract TEI OUT |\n"
              "       import-text FILE | import-tei FILE | export PROJECT OUT | stats PROJECT |\n"
              "       formats | export-format ID PROJECT OUT [larger] | import-format ID PATH\n");
  return 2;
}
