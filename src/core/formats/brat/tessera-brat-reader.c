/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-brat"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-brat-private.h"

#include "tessera-import.h"
#include "tessera-importer-private.h"
#include "tessera-project-files-private.h"
#include "tessera-text-importer.h"
#include "tessera-text.h"

/*
 * The one reader of a brat document, a .txt and its .ann: the import reads a file with
 * it, the export reads back what it wrote with it. Every text-bound line is checked
 * against the text at its offsets (code points, as brat counts them); the other lines
 * refer to those. What Tessera has no place for (events, equivalences, modifiers) is
 * counted and left out, not an error.
 */

struct _TesseraBratReader
{
  TesseraStore       *store;
  TesseraImportBatch *batch;
  GHashTable         *types;           /* key → TesseraAnnotationType (owned) */
  GHashTable         *relation_keys;   /* the keys of the project's relation types, and new */
  GHashTable         *project_uris;    /* URI → gint64 id of an entity of the project */
  GHashTable         *entities;        /* URI or "Tessera:ID" → TesseraEntityRecord */
};

typedef struct
{
  TesseraBratReader     *reader;
  TesseraDocumentRecord *document;
  TesseraBratText        index;
  const char            *display_name;
  GHashTable            *textbounds;   /* id → TesseraAnnotationRecord */
  GHashTable            *relations;    /* id → TesseraRelationRecord */
  GHashTable            *ids;          /* every id of the file */
  guint                  n_left_out;   /* lines of kinds Tessera does not carry */
  guint                  n_unknown_values;
  guint                  n_unlinked;   /* normalisations of what names no entity */
} Reading;

typedef struct
{
  guint  line;
  char  *id;
  char  *data;
  char  *tail;    /* after the second tab; NULL if none */
} Line;

TesseraBratReader *
_tessera_brat_reader_new (TesseraStore       *store,
                          TesseraImportBatch *batch,
                          gboolean            match_project)
{
  TesseraBratReader *self = g_new0 (TesseraBratReader, 1);
  GListModel *tagset = tessera_store_get_tagset (store);
  g_autoptr(GPtrArray) relation_types = tessera_store_dup_relation_types (store, NULL);

  self->store = store;
  self->batch = batch;
  self->types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->relation_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->project_uris = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->entities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (tagset); i++)
    {
      TesseraAnnotationType *type = g_list_model_get_item (tagset, i);

      g_hash_table_insert (self->types, g_strdup (tessera_annotation_type_get_key (type)), type);
    }
  for (guint i = 0; relation_types != NULL && i < relation_types->len; i++)
    {
      TesseraRelationType *type = g_ptr_array_index (relation_types, i);

      g_hash_table_add (self->relation_keys, g_strdup (tessera_relation_type_get_key (type)));
    }

  /* One authority record in common is the same entity as the project's. */
  if (match_project)
    {
      GListModel *entities = tessera_store_get_entities (store);

      for (guint i = 0; i < g_list_model_get_n_items (entities); i++)
        {
          g_autoptr(TesseraEntity) entity = g_list_model_get_item (entities, i);
          gint64 id = tessera_entity_get_id (entity);
          const TesseraAuthority *authorities;
          guint n;

          authorities = tessera_entity_get_authorities (entity, &n);
          for (guint a = 0; a < n; a++)
            g_hash_table_insert (self->project_uris, g_strdup (authorities[a].uri),
                                 g_memdup2 (&id, sizeof id));
        }
    }
  return self;
}

void
_tessera_brat_reader_free (TesseraBratReader *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->types);
  g_hash_table_unref (self->relation_keys);
  g_hash_table_unref (self->project_uris);
  g_hash_table_unref (self->entities);
  g_free (self);
}

/* A file this process may read: not a project, regular, not too large. */
static char *
read_contents (const char  *path,
               const char  *display_name,
               gsize       *out_length,
               GError     **error)
{
  char *data = NULL;

  if (!_tessera_project_files_check_readable (path, error) ||
      !_tessera_importer_check_file (path, display_name, error) ||
      !g_file_get_contents (path, &data, out_length, error))
    return NULL;
  if (*out_length > TESSERA_IMPORT_MAX_BYTES)
    {
      _tessera_importer_set_too_large (error, display_name, *out_length);
      g_free (data);
      return NULL;
    }
  return data;
}

/* The text as brat counts it: the .txt as it is, which must be the text the project would
 * keep of it (NFC, LF line ends, no byte-order mark), else the offsets would shift; its
 * white space at the end is kept, so that the text reads back byte for byte. */
static char *
read_text (const char  *path,
           const char  *display_name,
           char       **out_title,
           GError     **error)
{
  g_autofree char *data = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  gsize kept, same = 0;

  data = read_contents (path, display_name, &length, error);
  if (data == NULL)
    return NULL;
  text = tessera_import_prepare_text (display_name, data, length, out_title, error);
  if (text == NULL)
    return NULL;
  kept = strlen (text);
  while (same < kept && text[same] == data[same])
    same++;
  if (same == kept)
    {
      const char *cr = memchr (data + kept, '\r', length - kept);

      same = cr != NULL ? (gsize) (cr - data) : length;
    }
  if (same < length)
    {
      g_clear_pointer (out_title, g_free);
      g_set_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_ENCODING,
                   _("%s: the text changes at byte %lu once made annotatable (Unicode NFC, "
                     "lines ending in LF, no byte-order mark), so the offsets of its "
                     "annotations would point elsewhere; save it so and import it again"),
                   display_name, (gulong) same);
      return NULL;
    }
  return g_steal_pointer (&data);
}

static void G_GNUC_PRINTF (4, 5)
set_line_error (GError     **error,
                const char  *display_name,
                guint        line,
                const char  *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: the file, its line, and what is wrong there */
  g_set_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_FAILED, _("%s, line %u: %s"),
               display_name, line, message);
}

static gboolean
parse_offset (const char *text,
              guint      *out_offset)
{
  guint64 value;

  return g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &value, NULL) &&
         g_ascii_isdigit (text[0]) && (*out_offset = (guint) value, TRUE);
}

static TesseraAnnotationType *
reader_type (TesseraBratReader *self,
             const char        *key)
{
  TesseraAnnotationType *type = g_hash_table_lookup (self->types, key);

  if (type != NULL)
    return type;
  /* A type the tagset lacks: an entity type of that name, added with the document. */
  type = tessera_annotation_type_new (key, key, TESSERA_KIND_ENTITY);
  g_ptr_array_add (self->batch->new_types, g_object_ref (type));
  g_ptr_array_add (self->batch->warnings,
                   g_strdup_printf (_("The type %s was not in the tagset; it was added to it "
                                      "as an entity type"), key));
  g_hash_table_insert (self->types, g_strdup (key), type);
  return type;
}

static const char *
reader_relation_type (TesseraBratReader *self,
                      const char        *key)
{
  if (!g_hash_table_contains (self->relation_keys, key))
    {
      g_ptr_array_add (self->batch->new_relation_types, tessera_relation_type_new (key, key));
      g_ptr_array_add (self->batch->warnings,
                       g_strdup_printf (_("The relation type %s was not in the tagset; it was "
                                          "added to it"), key));
      g_hash_table_add (self->relation_keys, g_strdup (key));
    }
  return key;
}

/* At most 40 characters of @text, for a message. */
static char *
dup_quote (const char *text)
{
  g_autofree char *start = NULL;

  if (g_utf8_strlen (text, -1) <= 40)
    return g_strdup (text);
  start = g_utf8_substring (text, 0, 39);
  return g_strconcat (start, "…", NULL);
}

/* "T3\tPerson 0 5;10 15\tOumar Diarra" */
static gboolean
read_textbound (Reading     *reading,
                Line        *line,
                GError     **error)
{
  g_autoptr(TesseraAnnotationRecord) annotation = tessera_annotation_record_new ();
  g_autoptr(GString) marked = g_string_new (NULL);
  g_auto(GStrv) fragments = NULL;
  char *space = strchr (line->data, ' ');
  const char *name = reading->display_name;

  if (space == NULL || space == line->data)
    {
      set_line_error (error, name, line->line,
                      _("%s has no type and offsets (“Person 0 5”)"), line->id);
      return FALSE;
    }
  *space = '\0';
  if (!_tessera_brat_is_name (line->data))
    {
      set_line_error (error, name, line->line,
                      _("%s: “%s” is not a type name brat accepts"), line->id, line->data);
      return FALSE;
    }
  fragments = g_strsplit (space + 1, ";", -1);
  for (guint i = 0; fragments[i] != NULL; i++)
    {
      g_auto(GStrv) offsets = g_strsplit (fragments[i], " ", -1);
      TesseraRange range;

      if (g_strv_length (offsets) != 2 || !parse_offset (offsets[0], &range.start) ||
          !parse_offset (g_strchomp (offsets[1]), &range.end))
        {
          set_line_error (error, name, line->line,
                          _("%s: “%s” is not a start and an end offset (“0 5”)"), line->id,
                          fragments[i]);
          return FALSE;
        }
      if (range.start >= range.end || range.end > reading->index.length)
        {
          set_line_error (error, name, line->line,
                          _("%s: the offsets %u–%u are not a span of the text, which has "
                            "%u characters"), line->id, range.start, range.end,
                          reading->index.length);
          return FALSE;
        }
      if (i > 0)
        g_string_append_c (marked, ' ');
      g_string_append_len (marked, reading->index.text + reading->index.bytes[range.start],
                           reading->index.bytes[range.end] - reading->index.bytes[range.start]);
      g_array_append_val (annotation->ranges, range);
    }
  if (line->tail != NULL && strcmp (line->tail, marked->str) != 0)
    {
      g_autofree char *said = dup_quote (line->tail);
      g_autofree char *found = dup_quote (marked->str);

      set_line_error (error, name, line->line,
                      _("%s says «%s» but the text at its offsets is «%s»"), line->id, said,
                      found);
      return FALSE;
    }

  g_array_sort (annotation->ranges, (GCompareFunc) tessera_range_compare);
  for (guint i = 1; i < annotation->ranges->len; i++)
    {
      if (g_array_index (annotation->ranges, TesseraRange, i).start <
          g_array_index (annotation->ranges, TesseraRange, i - 1).end)
        {
          set_line_error (error, name, line->line, _("%s: two of its fragments overlap"),
                          line->id);
          return FALSE;
        }
    }
  _tessera_brat_join_fragments (&reading->index, annotation->ranges);
  annotation->type = g_object_ref (reader_type (reading->reader, line->data));
  if (tessera_annotation_type_carries_claim (annotation->type))
    annotation->claim = g_new0 (TesseraClaimRecord, 1);
  g_hash_table_insert (reading->textbounds, line->id, annotation);
  g_ptr_array_add (reading->document->annotations, g_steal_pointer (&annotation));
  return TRUE;
}

/* The text-bound annotation @id names, or NULL with @error set; NULL without when it is
 * one Tessera left out (an event's). */
static TesseraAnnotationRecord *
find_textbound (Reading     *reading,
                Line        *line,
                const char  *id,
                GError     **error)
{
  TesseraAnnotationRecord *annotation = g_hash_table_lookup (reading->textbounds, id);

  if (annotation == NULL && !g_hash_table_contains (reading->ids, id))
    set_line_error (error, reading->display_name, line->line,
                    _("%s refers to %s, which the file does not have"), line->id, id);
  else if (annotation == NULL)
    reading->n_left_out++;
  return annotation;
}

/* "R1\tsupports Arg1:T3 Arg2:T7"; a claim's source and cue are relations too. */
static gboolean
read_relation (Reading  *reading,
               Line     *line,
               GError  **error)
{
  g_auto(GStrv) words = g_strsplit (line->data, " ", -1);
  TesseraAnnotationRecord *ends[2];
  TesseraRelationRecord *relation;

  if (g_strv_length (words) != 3 || strchr (words[1], ':') == NULL ||
      strchr (words[2], ':') == NULL || !_tessera_brat_is_name (words[0]))
    {
      set_line_error (error, reading->display_name, line->line,
                      _("%s is not a type and two arguments (“supports Arg1:T3 Arg2:T7”)"),
                      line->id);
      return FALSE;
    }
  for (guint i = 0; i < 2; i++)
    {
      ends[i] = find_textbound (reading, line, strchr (words[i + 1], ':') + 1, error);
      if (ends[i] == NULL)
        return error == NULL || *error == NULL;
    }
  if (ends[0]->claim != NULL && strcmp (words[0], TESSERA_BRAT_SOURCE) == 0)
    {
      ends[0]->claim->source_annotation = ends[1];
      return TRUE;
    }
  if (ends[0]->claim != NULL && strcmp (words[0], TESSERA_BRAT_CUE) == 0)
    {
      ends[0]->claim->cue = ends[1];
      return TRUE;
    }
  relation = g_new0 (TesseraRelationRecord, 1);
  relation->type = g_strdup (reader_relation_type (reading->reader, words[0]));
  relation->source = ends[0];
  relation->target = ends[1];
  g_ptr_array_add (reading->document->relations, relation);
  g_hash_table_insert (reading->relations, line->id, relation);
  return TRUE;
}

/* "A1\tQuoteType T3 direct": a claim's field, or an attribute of the annotation. */
static gboolean
read_attribute (Reading  *reading,
                Line     *line,
                GError  **error)
{
  g_auto(GStrv) words = g_strsplit (line->data, " ", 3);
  guint n_words = g_strv_length (words);
  const TesseraBratAttribute *attributes;
  TesseraAnnotationRecord *annotation;
  guint n_attributes;

  if ((n_words != 2 && n_words != 3) || *words[0] == '\0')
    {
      set_line_error (error, reading->display_name, line->line,
                      _("%s is not a name, an annotation and a value (“QuoteType T3 direct”)"),
                      line->id);
      return FALSE;
    }
  annotation = find_textbound (reading, line, words[1], error);
  if (annotation == NULL)
    return error == NULL || *error == NULL;
  attributes = _tessera_brat_get_attributes (&n_attributes);
  for (guint i = 0; annotation->claim != NULL && n_words == 3 && i < n_attributes; i++)
    {
      char **field;

      if (strcmp (words[0], attributes[i].name) != 0)
        continue;
      if (attributes[i].vocabulary != TESSERA_N_VOCABULARIES &&
          !tessera_vocabulary_contains (attributes[i].vocabulary, words[2]))
        {
          reading->n_unknown_values++;
          return TRUE;
        }
      field = _tessera_brat_claim_field (annotation->claim, &attributes[i]);
      g_free (*field);
      *field = g_strdup (words[2]);
      return TRUE;
    }
  if (annotation->attributes == NULL)
    annotation->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (annotation->attributes, g_strdup (words[0]),
                       g_strdup (n_words == 3 ? words[2] : "true"));
  return TRUE;
}

static gboolean
has_authority (TesseraEntityRecord *entity,
               const char          *uri)
{
  for (guint i = 0; i < entity->authorities->len; i++)
    {
      if (g_strcmp0 (g_array_index (entity->authorities, TesseraAuthority, i).uri, uri) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The entity of a reference: one authority record, or one "Tessera:ID", is one entity
 * (@entity, when the annotation has one already from another line). */
static TesseraEntityRecord *
resolve_entity (Reading                 *reading,
                TesseraEntityRecord     *entity,
                const char              *reference,
                const char              *scheme,
                const char              *uri,
                const char              *name,
                TesseraAnnotationRecord *mention)
{
  TesseraBratReader *self = reading->reader;
  gboolean by_id = g_ascii_strcasecmp (scheme, TESSERA_BRAT_TESSERA_DB) == 0;
  const char *key = by_id ? reference : uri;

  if (entity == NULL)
    entity = g_hash_table_lookup (self->entities, key);
  if (entity == NULL)
    {
      gint64 *existing = g_hash_table_lookup (self->project_uris, key);

      entity = tessera_entity_record_new ();
      entity->id = existing != NULL ? *existing : 0;
      if (name != NULL && *name != '\0')
        entity->name = _tessera_brat_unescape (name, -1);
      else if (mention != NULL)
        entity->name = tessera_text_slice_ranges (reading->document->text,
                                                  (TesseraRange *) (gpointer) mention->ranges->data,
                                                  mention->ranges->len, " ");
      else
        entity->name = g_strdup (reference);
      entity->type = mention != NULL ? g_object_ref (mention->type) : NULL;
      g_ptr_array_add (self->batch->entities, entity);
    }
  if (!by_id && !has_authority (entity, uri))
    tessera_authorities_append (entity->authorities, scheme, uri);
  g_hash_table_insert (self->entities, g_strdup (key), entity);
  return entity;
}

/* "N1\tReference T1 Wikidata:Q42\tOumar Diarra": the entity the annotation names;
 * "N2\tSource T3 Tessera:12\tla police": the source of a claim, an entity. */
static gboolean
read_normalization (Reading  *reading,
                    Line     *line,
                    GError  **error)
{
  g_auto(GStrv) words = g_strsplit (line->data, " ", -1);
  g_autofree char *scheme = NULL;
  g_autofree char *uri = NULL;
  TesseraAnnotationRecord *annotation;

  if (g_strv_length (words) != 3 || *words[0] == '\0' ||
      !_tessera_brat_parse_reference (words[2], &scheme, &uri))
    {
      set_line_error (error, reading->display_name, line->line,
                      _("%s is not a type, an annotation and a reference "
                        "(“Reference T1 Wikidata:Q42”)"), line->id);
      return FALSE;
    }
  annotation = find_textbound (reading, line, words[1], error);
  if (annotation == NULL)
    return error == NULL || *error == NULL;
  if (annotation->claim != NULL && strcmp (words[0], TESSERA_BRAT_SOURCE) == 0)
    {
      annotation->claim->source_entity =
        resolve_entity (reading, annotation->claim->source_entity, words[2], scheme, uri,
                        line->tail, NULL);
      return TRUE;
    }
  if (!tessera_annotation_type_links_entity (annotation->type))
    {
      reading->n_unlinked++;
      return TRUE;
    }
  annotation->entity = resolve_entity (reading, annotation->entity, words[2], scheme, uri,
                                       line->tail, annotation);
  return TRUE;
}

static void
append_note (char       **note,
             const char  *tail)
{
  g_autofree char *text = _tessera_brat_unescape (tail != NULL ? tail : "", -1);
  char *joined = *note != NULL ? g_strconcat (*note, "\n", text, NULL) : g_steal_pointer (&text);

  g_free (*note);
  *note = joined;
}

/* "#1\tAnnotatorNotes T1\tthe note", on an annotation or a relation. */
static gboolean
read_note (Reading  *reading,
           Line     *line,
           GError  **error)
{
  g_auto(GStrv) words = g_strsplit (line->data, " ", -1);
  TesseraRelationRecord *relation;
  TesseraAnnotationRecord *annotation;

  if (g_strv_length (words) != 2 || *words[0] == '\0')
    {
      set_line_error (error, reading->display_name, line->line,
                      _("%s is not a type and an annotation (“AnnotatorNotes T1”)"),
                      line->id);
      return FALSE;
    }
  relation = g_hash_table_lookup (reading->relations, words[1]);
  if (relation != NULL)
    {
      append_note (&relation->note, line->tail);
      return TRUE;
    }
  if (words[1][0] == 'R' && g_hash_table_contains (reading->ids, words[1]))
    return TRUE;   /* a claim's source or cue */
  annotation = find_textbound (reading, line, words[1], error);
  if (annotation != NULL)
    append_note (&annotation->note, line->tail);
  return error == NULL || *error == NULL;
}

/* "T12", "#3", "*": brat's ids, a letter (or #) and a number. */
static gboolean
is_id (const char *id)
{
  const char *p = id;

  if (strcmp (id, "*") == 0)
    return TRUE;
  if (*p == '#')
    p++;
  while (g_ascii_isalpha (*p))
    p++;
  if ((p == id && *id != '#') || !g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  return *p == '\0';
}

/* Every line of the .ann as id, data and tail, the text-bound ones read already. */
static GArray *
split_lines (Reading  *reading,
             char     *data,
             gsize     length,
             GError  **error)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (Line));
  const char *invalid;
  const char *name = reading->display_name;
  char *next = data;
  guint number = 0;

  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_BINARY,
                   _("%s looks like a binary file (byte %lu is NUL), not brat annotations"),
                   name, (gulong) ((char *) memchr (data, '\0', length) - data));
      return NULL;
    }
  if (!g_utf8_validate_len (data, length, &invalid))
    {
      guint line = 1;

      for (const char *p = data; p < invalid; p++)
        line += *p == '\n';
      set_line_error (error, name, line, _("byte %lu is not valid UTF-8; save the file as "
                                           "UTF-8 and import it again"),
                      (gulong) (invalid - data));
      return NULL;
    }
  while (next != NULL && *next != '\0')
    {
      char *text = next;
      char *end = strchr (text, '\n');
      Line line = { ++number, text, NULL, NULL };
      char *tab;
      guint column;
      gunichar c;

      next = end != NULL ? end + 1 : NULL;
      if (end != NULL)
        *end = '\0';
      if (end != NULL && end > text && end[-1] == '\r')
        end[-1] = '\0';
      if (*text == '\0')
        continue;
      if (tessera_text_find_non_xml (text, -1, &column, &c))
        {
          set_line_error (error, name, number,
                          _("character %u is U+%04X, a control character Tessera cannot "
                            "store"), column + 1, (guint) c);
          return NULL;
        }
      tab = strchr (text, '\t');
      if (tab == NULL || !is_id ((*tab = '\0', text)))
        {
          set_line_error (error, name, number,
                          _("“%s” is not an id and a tab, as every line of a .ann begins "
                            "(“T1<tab>Person 0 5<tab>Diarra”)"), text);
          return NULL;
        }
      line.data = tab + 1;
      tab = strchr (line.data, '\t');
      if (tab != NULL)
        {
          *tab = '\0';
          line.tail = tab + 1;
        }
      if (strcmp (line.id, "*") != 0 && !g_hash_table_add (reading->ids, line.id))
        {
          set_line_error (error, name, number, _("the id %s is used twice"), line.id);
          return NULL;
        }
      if (!strchr ("TRANM#E*", line.id[0]))
        {
          set_line_error (error, name, number,
                          _("%s is not a kind of annotation brat has (T, R, A, N, #, E…)"),
                          line.id);
          return NULL;
        }
      if (line.id[0] == 'T' && !read_textbound (reading, &line, error))
        return NULL;
      if (line.id[0] != 'T')
        g_array_append_val (lines, line);
    }
  return g_steal_pointer (&lines);
}

static gboolean
read_lines (Reading  *reading,
            GArray   *lines,
            GError  **error)
{
  /* Relations first, then what refers to them or to text-bound annotations. */
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < lines->len; i++)
        {
          Line *line = &g_array_index (lines, Line, i);
          gboolean ok = TRUE;

          switch (line->id[0])
            {
            case 'R':
              ok = pass > 0 || read_relation (reading, line, error);
              break;
            case 'A':
              ok = pass == 0 || read_attribute (reading, line, error);
              break;
            case 'N':
              ok = pass == 0 || read_normalization (reading, line, error);
              break;
            case '#':
              ok = pass == 0 || read_note (reading, line, error);
              break;
            default:
              reading->n_left_out += pass == 0;
            }
          if (!ok)
            return FALSE;
        }
    }
  return TRUE;
}

static void
add_warnings (Reading *reading)
{
  GPtrArray *warnings = reading->reader->batch->warnings;
  const char *name = reading->display_name;

  if (reading->n_left_out > 0)
    g_ptr_array_add (warnings,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%s: %u line of a kind Tessera does not "
                                                   "carry (an event, an equivalence, a "
                                                   "modifier) was left out",
                                                   "%s: %u lines of kinds Tessera does not "
                                                   "carry (events, equivalences, modifiers) "
                                                   "were left out",
                                                   reading->n_left_out),
                                      name, reading->n_left_out));
  if (reading->n_unknown_values > 0)
    g_ptr_array_add (warnings,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%s: %u claim attribute has a value "
                                                   "Tessera does not know; it was left out",
                                                   "%s: %u claim attributes have values "
                                                   "Tessera does not know; they were left out",
                                                   reading->n_unknown_values),
                                      name, reading->n_unknown_values));
  if (reading->n_unlinked > 0)
    g_ptr_array_add (warnings,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%s: %u normalisation is on an annotation "
                                                   "that names no entity; it was left out",
                                                   "%s: %u normalisations are on annotations "
                                                   "that name no entity; they were left out",
                                                   reading->n_unlinked),
                                      name, reading->n_unlinked));
}

/**
 * _tessera_brat_reader_read:
 * @ann_path: the .ann file
 * @txt_path: its text
 * @display_name: the name of the .ann in messages
 *
 * Reads one brat document; the entities it names go to the reader's batch.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
TesseraDocumentRecord *
_tessera_brat_reader_read (TesseraBratReader  *self,
                           const char         *ann_path,
                           const char         *txt_path,
                           const char         *display_name,
                           GError            **error)
{
  g_autoptr(TesseraDocumentRecord) document = tessera_document_record_new ();
  g_autofree char *txt_name = g_filename_display_basename (txt_path);
  g_autofree char *data = NULL;
  g_autoptr(GArray) lines = NULL;
  Reading reading = { self, document, { 0 }, display_name, NULL, NULL, NULL, 0, 0, 0 };
  gsize length = 0;
  gboolean ok;

  document->text = read_text (txt_path, txt_name, &document->info.title, error);
  if (document->text == NULL)
    return NULL;
  data = read_contents (ann_path, display_name, &length, error);
  if (data == NULL)
    return NULL;

  _tessera_brat_text_init (&reading.index, document->text);
  reading.textbounds = g_hash_table_new (g_str_hash, g_str_equal);
  reading.relations = g_hash_table_new (g_str_hash, g_str_equal);
  reading.ids = g_hash_table_new (g_str_hash, g_str_equal);
  lines = split_lines (&reading, data, length, error);
  ok = lines != NULL && read_lines (&reading, lines, error);
  if (ok)
    add_warnings (&reading);
  _tessera_brat_text_clear (&reading.index);
  g_hash_table_unref (reading.textbounds);
  g_hash_table_unref (reading.relations);
  g_hash_table_unref (reading.ids);
  if (!ok)
    return NULL;
  document->info.source_path = g_filename_display_name (ann_path);
  return g_steal_pointer (&document);
}
