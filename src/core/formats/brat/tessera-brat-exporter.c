/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-brat"

#include "config.h"

#include <string.h>

#include <gio/gunixoutputstream.h>
#include <glib/gi18n-lib.h>

#include "tessera-brat-exporter.h"

#include "tessera-brat-private.h"
#include "tessera-exporter-private.h"
#include "tessera-format-compare.h"
#include "tessera-output-file-private.h"

/*
 * brat standoff: a folder with NAME.txt (the text, byte for byte) and NAME.ann (its
 * annotations, offsets in code points) for each document, and the annotation.conf and
 * visual.conf that declare the project's types to brat. Each pair is written beside its
 * destination, read back with the importer's reader (tessera-brat-reader.c) and compared
 * with the document as brat can hold it, then renamed into place; a document at a time.
 */

#define CARRIES (TESSERA_CARRIES_TEXT | TESSERA_CARRIES_RANGES | TESSERA_CARRIES_ENTITIES | \
                 TESSERA_CARRIES_AUTHORITIES | TESSERA_CARRIES_CLAIM_FIELDS | \
                 TESSERA_CARRIES_CLAIM_ROLES | TESSERA_CARRIES_RELATIONS | \
                 TESSERA_CARRIES_NOTES)

#define ANNOTATION_CONF "annotation.conf"
#define VISUAL_CONF "visual.conf"
#define FLUSH_BYTES (64 * 1024)

struct _TesseraBratExporter
{
  TesseraExporter  parent_instance;

  GHashTable      *names;   /* document id → NAME, of the last export */
};

G_DEFINE_FINAL_TYPE (TesseraBratExporter, tessera_brat_exporter, TESSERA_TYPE_EXPORTER)

static const char * const brat_extensions[] = { "ann", NULL };

/* What one export gathers as it goes: the types the configuration declares, and what brat
 * could not carry, for the notes. */
typedef struct
{
  TesseraStore *store;
  GPtrArray    *relation_keys;     /* in order, each once */
  GHashTable   *source_types;      /* keys of the types of claims' sources */
  GHashTable   *cue_types;
  GPtrArray    *values[8];         /* of each free-text attribute, each once */
  guint         n_dropped;         /* annotations of nothing but line breaks */
  guint         n_cut;             /* annotations that began or ended with one */
  guint         n_claim_texts;     /* dates or topics a declaration cannot hold */
  guint         n_authorities;     /* authority records with a space in their URI */
  guint         n_unrecorded;      /* annotations with an annotator, status or certainty */
  guint         n_attributes;      /* annotations with attributes of their own */
} Export;

/* Writing ----------------------------------------------------------------------------- */

static gboolean
flush_lines (GOutputStream  *stream,
             GString        *lines,
             GError        **error)
{
  gboolean ok = g_output_stream_write_all (stream, lines->str, lines->len, NULL, NULL, error);

  g_string_truncate (lines, 0);
  return ok;
}

static void
append_text (GString               *line,
             const TesseraBratText *index,
             const TesseraRange    *range)
{
  g_string_append_len (line, index->text + index->bytes[range->start],
                       index->bytes[range->end] - index->bytes[range->start]);
}

/* "T3\tPerson 0 5;10 15\tOumar Diarra" */
static void
append_textbound (GString               *lines,
                  guint                  id,
                  const char            *type,
                  const TesseraBratText *index,
                  GArray                *fragments)
{
  g_string_append_printf (lines, "T%u\t%s ", id, type);
  for (guint i = 0; i < fragments->len; i++)
    g_string_append_printf (lines, "%s%u %u", i > 0 ? ";" : "",
                            g_array_index (fragments, TesseraRange, i).start,
                            g_array_index (fragments, TesseraRange, i).end);
  g_string_append_c (lines, '\t');
  for (guint i = 0; i < fragments->len; i++)
    {
      if (i > 0)
        g_string_append_c (lines, ' ');
      append_text (lines, index, &g_array_index (fragments, TesseraRange, i));
    }
  g_string_append_c (lines, '\n');
}

typedef struct
{
  guint t, r, a, n, note;
} Counters;

static void
append_note (GString    *lines,
             Counters   *ids,
             const char *target,
             const char *note)
{
  if (note == NULL || *note == '\0')
    return;
  g_string_append_printf (lines, "#%u\tAnnotatorNotes %s\t", ++ids->note, target);
  _tessera_brat_append_escaped (lines, note);
  g_string_append_c (lines, '\n');
}

/* The entity as normalisations: one per authority record, or its id in the project.
 * "Reference" for the entity a mention names, "Source" for a claim's source entity. */
static void
append_entity (GString             *lines,
               Counters            *ids,
               const char          *kind,
               guint                target,
               TesseraEntityRecord *entity)
{
  guint written = 0;

  for (guint i = 0; i <= entity->authorities->len; i++)
    {
      g_autofree char *reference = NULL;

      if (i < entity->authorities->len)
        reference = _tessera_brat_dup_reference (&g_array_index (entity->authorities,
                                                                 TesseraAuthority, i));
      else if (written == 0)
        reference = g_strdup_printf ("%s:%" G_GINT64_FORMAT, TESSERA_BRAT_TESSERA_DB,
                                     entity->id);
      if (reference == NULL)
        continue;
      g_string_append_printf (lines, "N%u\t%s T%u %s\t", ++ids->n, kind, target, reference);
      _tessera_brat_append_escaped (lines, entity->name != NULL ? entity->name : "");
      g_string_append_c (lines, '\n');
      written++;
    }
}

static void
add_value (GPtrArray  *values,
           const char *value)
{
  if (!g_ptr_array_find_with_equal_func (values, value, g_str_equal, NULL))
    g_ptr_array_add (values, g_strdup (value));
}

/* The claim's fields; free text only where annotation.conf can declare it. */
static void
append_attributes (Export             *export,
                   GString            *lines,
                   Counters           *ids,
                   guint               target,
                   TesseraClaimRecord *claim)
{
  const TesseraBratAttribute *attributes;
  guint n_attributes;

  attributes = _tessera_brat_get_attributes (&n_attributes);
  for (guint i = 0; i < n_attributes; i++)
    {
      const char *value = *_tessera_brat_claim_field (claim, &attributes[i]);
      gboolean free_text = attributes[i].vocabulary == TESSERA_N_VOCABULARIES;

      if (value == NULL || *value == '\0' || (free_text && !_tessera_brat_is_value (value)))
        continue;
      if (free_text)
        add_value (export->values[i], value);
      g_string_append_printf (lines, "A%u\t%s T%u %s\n", ++ids->a, attributes[i].name,
                              target, value);
    }
}

static void
add_key (GHashTable *keys,
         gpointer    annotation)
{
  g_hash_table_add (keys, g_strdup (tessera_annotation_type_get_key (
                                      ((TesseraAnnotationRecord *) annotation)->type)));
}

/* "R1\tSource Arg1:T3 Arg2:T7"; nothing if either end was not written. */
static gboolean
append_relation (GString    *lines,
                 Counters   *ids,
                 GHashTable *t_ids,
                 const char *type,
                 gpointer    source,
                 gpointer    target)
{
  guint from = GPOINTER_TO_UINT (g_hash_table_lookup (t_ids, source));
  guint to = GPOINTER_TO_UINT (g_hash_table_lookup (t_ids, target));

  if (from == 0 || to == 0)
    return FALSE;
  g_string_append_printf (lines, "R%u\t%s Arg1:T%u Arg2:T%u\n", ++ids->r, type, from, to);
  return TRUE;
}

static gboolean
check_relation_key (const char  *key,
                    GError     **error)
{
  if (_tessera_brat_is_name (key) && strcmp (key, TESSERA_BRAT_SOURCE) != 0 &&
      strcmp (key, TESSERA_BRAT_CUE) != 0)
    return TRUE;
  g_set_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_FAILED,
               _("The relation type “%s” cannot be a brat type: rename it in the tagset "
                 "without spaces nor : ; | , < > = # ! (nor Source or Cue), then export again"),
               key);
  return FALSE;
}

static void
add_relation_key (Export     *export,
                  const char *key)
{
  if (!g_ptr_array_find_with_equal_func (export->relation_keys, key, g_str_equal, NULL))
    g_ptr_array_add (export->relation_keys, g_strdup (key));
}

/* The .ann of @document, whose annotations are cut into @fragments (NULL: not written). */
static gboolean
write_annotations (Export                 *export,
                   GOutputStream          *stream,
                   TesseraDocumentRecord  *document,
                   const TesseraBratText  *index,
                   GPtrArray              *fragments,
                   GError                **error)
{
  g_autoptr(GString) lines = g_string_sized_new (FLUSH_BYTES + 1024);
  g_autoptr(GHashTable) t_ids = g_hash_table_new (NULL, NULL);
  Counters ids = { 0, };

  for (guint i = 0; i < document->annotations->len; i++)
    {
      TesseraAnnotationRecord *annotation = g_ptr_array_index (document->annotations, i);
      g_autofree char *t = NULL;

      if (g_ptr_array_index (fragments, i) == NULL)
        continue;
      append_textbound (lines, ++ids.t, tessera_annotation_type_get_key (annotation->type),
                        index, g_ptr_array_index (fragments, i));
      g_hash_table_insert (t_ids, annotation, GUINT_TO_POINTER (ids.t));
      if (annotation->claim != NULL)
        append_attributes (export, lines, &ids, ids.t, annotation->claim);
      if (annotation->entity != NULL && tessera_annotation_type_links_entity (annotation->type))
        append_entity (lines, &ids, TESSERA_BRAT_REFERENCE, ids.t, annotation->entity);
      if (annotation->claim != NULL && annotation->claim->source_entity != NULL)
        append_entity (lines, &ids, TESSERA_BRAT_SOURCE, ids.t, annotation->claim->source_entity);
      t = g_strdup_printf ("T%u", ids.t);
      append_note (lines, &ids, t, annotation->note);
      if (lines->len > FLUSH_BYTES && !flush_lines (stream, lines, error))
        return FALSE;
    }
  for (guint i = 0; i < document->annotations->len; i++)
    {
      TesseraAnnotationRecord *annotation = g_ptr_array_index (document->annotations, i);
      TesseraClaimRecord *claim = annotation->claim;

      if (claim == NULL)
        continue;
      if (claim->source_annotation != NULL &&
          append_relation (lines, &ids, t_ids, TESSERA_BRAT_SOURCE, annotation,
                           claim->source_annotation))
        add_key (export->source_types, claim->source_annotation);
      if (claim->cue != NULL &&
          append_relation (lines, &ids, t_ids, TESSERA_BRAT_CUE, annotation, claim->cue))
        add_key (export->cue_types, claim->cue);
    }
  for (guint i = 0; i < document->relations->len; i++)
    {
      TesseraRelationRecord *relation = g_ptr_array_index (document->relations, i);
      g_autofree char *r = NULL;

      if (!check_relation_key (relation->type, error))
        return FALSE;
      if (!append_relation (lines, &ids, t_ids, relation->type, relation->source,
                            relation->target))
        continue;
      add_relation_key (export, relation->type);
      r = g_strdup_printf ("R%u", ids.r);
      append_note (lines, &ids, r, relation->note);
      if (lines->len > FLUSH_BYTES && !flush_lines (stream, lines, error))
        return FALSE;
    }
  return flush_lines (stream, lines, error);
}

/* The document as brat holds it --------------------------------------------------------- */

static gboolean
same_ranges (GArray *a,
             GArray *b)
{
  return a->len == b->len &&
         memcmp (a->data, b->data, a->len * sizeof (TesseraRange)) == 0;
}

/* Each annotation's fragments, NULL for one brat cannot mark. */
static GPtrArray *
dup_fragments (const TesseraBratText *index,
               TesseraDocumentRecord *document)
{
  GPtrArray *fragments = g_ptr_array_new_full (document->annotations->len,
                                               (GDestroyNotify) g_array_unref);

  for (guint i = 0; i < document->annotations->len; i++)
    {
      TesseraAnnotationRecord *annotation = g_ptr_array_index (document->annotations, i);
      GArray *split = _tessera_brat_split_fragments (index, annotation->ranges);

      if (split->len == 0)
        g_clear_pointer (&split, g_array_unref);
      g_ptr_array_add (fragments, split);
    }
  return fragments;
}

static gboolean
is_written (GHashTable *dropped,
            gpointer    annotation)
{
  return annotation != NULL && !g_hash_table_contains (dropped, annotation);
}

/* Leaves in @document what brat carries of it, as it reads back, and counts the rest. */
static void
keep_what_brat_carries (Export                *export,
                        const TesseraBratText *index,
                        TesseraDocumentRecord *document,
                        GPtrArray             *fragments,
                        GPtrArray             *dropped_annotations)
{
  g_autoptr(GHashTable) dropped = g_hash_table_new (NULL, NULL);
  const TesseraBratAttribute *attributes;
  guint n_attributes;

  attributes = _tessera_brat_get_attributes (&n_attributes);
  for (guint i = 0; i < document->entities->len; i++)
    {
      TesseraEntityRecord *entity = g_ptr_array_index (document->entities, i);

      for (guint a = 0; a < entity->authorities->len; a++)
        {
          g_autofree char *reference = _tessera_brat_dup_reference (
            &g_array_index (entity->authorities, TesseraAuthority, a));

          TesseraAuthority *authority = &g_array_index (entity->authorities, TesseraAuthority, a);

          if (reference != NULL)
            continue;
          export->n_authorities++;
          g_free (authority->scheme);
          g_free (authority->uri);
          g_array_remove_index (entity->authorities, a--);
        }
    }
  for (guint i = 0; i < document->annotations->len; i++)
    {
      TesseraAnnotationRecord *annotation = g_ptr_array_index (document->annotations, i);
      GArray *written = g_ptr_array_index (fragments, i);

      if (annotation->annotator != NULL || annotation->status != TESSERA_STATUS_ACCEPTED ||
          annotation->certainty != TESSERA_CERTAINTY_UNKNOWN)
        export->n_unrecorded++;
      if (annotation->attributes != NULL && g_hash_table_size (annotation->attributes) > 0)
        export->n_attributes++;
      if (!tessera_annotation_type_links_entity (annotation->type))
        annotation->entity = NULL;
      if (written == NULL)
        {
          export->n_dropped++;
          g_hash_table_add (dropped, annotation);
          continue;
        }
      {
        g_autoptr(GArray) joined = g_array_copy (written);

        _tessera_brat_join_fragments (index, joined);
        if (!same_ranges (joined, annotation->ranges))
          {
            export->n_cut++;
            g_array_set_size (annotation->ranges, 0);
            g_array_append_vals (annotation->ranges, joined->data, joined->len);
          }
      }
    }
  for (guint i = 0; i < document->annotations->len; i++)
    {
      TesseraAnnotationRecord *annotation = g_ptr_array_index (document->annotations, i);
      TesseraClaimRecord *claim = annotation->claim;

      if (claim == NULL)
        continue;
      for (guint a = 0; a < n_attributes; a++)
        {
          char **field = _tessera_brat_claim_field (claim, &attributes[a]);

          if (attributes[a].vocabulary != TESSERA_N_VOCABULARIES || *field == NULL ||
              **field == '\0' || _tessera_brat_is_value (*field))
            continue;
          export->n_claim_texts++;
          g_clear_pointer (field, g_free);
        }
      if (!is_written (dropped, claim->source_annotation))
        claim->source_annotation = NULL;
      if (!is_written (dropped, claim->cue))
        claim->cue = NULL;
    }
  for (guint i = 0; i < document->relations->len; i++)
    {
      TesseraRelationRecord *relation = g_ptr_array_index (document->relations, i);

      if (!is_written (dropped, relation->source) || !is_written (dropped, relation->target))
        g_ptr_array_remove_index (document->relations, i--);
    }
  /* Kept alive: what was left in the document may still point at them. */
  for (guint i = 0; i < document->annotations->len; i++)
    {
      if (g_hash_table_contains (dropped, g_ptr_array_index (document->annotations, i)))
        g_ptr_array_add (dropped_annotations,
                         g_ptr_array_steal_index (document->annotations, i--));
    }
}

/* One document --------------------------------------------------------------------------- */

static GOutputStream *
open_stream (TesseraOutputFile *output)
{
  g_autoptr(GOutputStream) file_stream =
    g_unix_output_stream_new (_tessera_output_file_steal_fd (output), TRUE);

  return g_buffered_output_stream_new (file_stream);
}

static gboolean
check_document (Export                 *export,
                TesseraDocumentRecord  *document,
                const char             *ann_path,
                const char             *txt_path,
                const char             *display_name,
                GError                **error)
{
  g_autoptr(TesseraImportBatch) batch = tessera_import_batch_new ();
  g_autoptr(TesseraBratReader) reader = _tessera_brat_reader_new (export->store, batch, FALSE);
  g_autoptr(TesseraDocumentRecord) read = NULL;

  read = _tessera_brat_reader_read (reader, ann_path, txt_path, display_name, error);
  return read != NULL &&
         tessera_format_compare_document (display_name, document, read, CARRIES, error);
}

static gboolean
export_document (Export        *export,
                 gint64         document_id,
                 const char    *folder,
                 const char    *name,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(TesseraDocumentRecord) document = NULL;
  g_autoptr(TesseraOutputFile) txt = NULL;
  g_autoptr(TesseraOutputFile) ann = NULL;
  g_autoptr(GOutputStream) txt_stream = NULL;
  g_autoptr(GOutputStream) ann_stream = NULL;
  g_autoptr(GPtrArray) fragments = NULL;
  g_autoptr(GPtrArray) dropped = NULL;
  g_autofree char *txt_path = g_strconcat (folder, G_DIR_SEPARATOR_S, name, ".txt", NULL);
  g_autofree char *ann_path = g_strconcat (folder, G_DIR_SEPARATOR_S, name, ".ann", NULL);
  g_autofree char *display_name = g_filename_display_basename (ann_path);
  TesseraBratText index;
  gboolean ok;

  document = tessera_store_dup_document_record (export->store, document_id, error);
  if (document == NULL ||
      (txt = _tessera_output_file_new (txt_path, error)) == NULL ||
      (ann = _tessera_output_file_new (ann_path, error)) == NULL)
    return FALSE;
  txt_stream = open_stream (txt);
  ann_stream = open_stream (ann);

  _tessera_brat_text_init (&index, document->text);
  fragments = dup_fragments (&index, document);
  ok = g_output_stream_write_all (txt_stream, document->text, strlen (document->text), NULL,
                                  cancellable, error) &&
       g_output_stream_close (txt_stream, cancellable, error) &&
       write_annotations (export, ann_stream, document, &index, fragments, error) &&
       g_output_stream_close (ann_stream, cancellable, error);
  if (ok)
    {
      dropped = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_annotation_record_free);
      keep_what_brat_carries (export, &index, document, fragments, dropped);
    }
  _tessera_brat_text_clear (&index);
  return ok &&
         check_document (export, document, _tessera_output_file_get_temporary (ann),
                         _tessera_output_file_get_temporary (txt), display_name, error) &&
         _tessera_output_file_commit (txt, error) &&
         _tessera_output_file_commit (ann, error);
}

/* The configuration ---------------------------------------------------------------------- */

static void
append_types (GString    *conf,
              GListModel *tagset,
              TesseraKind kind,
              GHashTable *also)
{
  gboolean first = TRUE;

  /* The records hold the tagset's types: @also names types of the tagset. */
  for (guint i = 0; i < g_list_model_get_n_items (tagset); i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (tagset, i);
      const char *type_key = tessera_annotation_type_get_key (type);

      if (tessera_annotation_type_get_kind (type) != kind &&
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

static char *
dup_annotation_conf (Export *export)
{
  GListModel *tagset = tessera_store_get_tagset (export->store);
  GString *conf = g_string_new ("# The types of a Tessera project, for brat.\n\n[entities]\n");
  const TesseraBratAttribute *attributes;
  guint n_attributes;

  for (guint i = 0; i < g_list_model_get_n_items (tagset); i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (tagset, i);

      g_string_append_printf (conf, "%s\n", tessera_annotation_type_get_key (type));
    }
  g_string_append (conf, "\n[relations]\n");
  for (guint i = 0; i < export->relation_keys->len; i++)
    g_string_append_printf (conf, "%s Arg1:<ENTITY>, Arg2:<ENTITY>\n",
                            (char *) g_ptr_array_index (export->relation_keys, i));
  if (has_kind (tagset, TESSERA_KIND_CLAIM))
    {
      const char *roles[] = { TESSERA_BRAT_SOURCE, TESSERA_BRAT_CUE };
      TesseraKind kinds[] = { TESSERA_KIND_ENTITY, TESSERA_KIND_CUE };
      GHashTable *used[] = { export->source_types, export->cue_types };

      for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
        {
          g_string_append_printf (conf, "%s Arg1:", roles[r]);
          append_types (conf, tagset, TESSERA_KIND_CLAIM, NULL);
          g_string_append (conf, ", Arg2:");
          if (has_kind (tagset, kinds[r]) || g_hash_table_size (used[r]) > 0)
            append_types (conf, tagset, kinds[r], used[r]);
          else
            g_string_append (conf, "<ENTITY>");
          g_string_append_c (conf, '\n');
        }
    }
  /* Tessera's annotations nest and cross: brat is told they may. */
  g_string_append (conf, "<OVERLAP> Arg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");
  g_string_append (conf, "\n[events]\n\n[attributes]\n");
  attributes = _tessera_brat_get_attributes (&n_attributes);
  for (guint i = 0; i < n_attributes && has_kind (tagset, TESSERA_KIND_CLAIM); i++)
    {
      if (attributes[i].vocabulary == TESSERA_N_VOCABULARIES && export->values[i]->len == 0)
        continue;
      g_string_append_printf (conf, "%s Arg:", attributes[i].name);
      append_types (conf, tagset, TESSERA_KIND_CLAIM, NULL);
      g_string_append (conf, ", Value:");
      for (guint v = 0; attributes[i].vocabulary != TESSERA_N_VOCABULARIES &&
                        v < tessera_vocabulary_get_n_terms (attributes[i].vocabulary); v++)
        g_string_append_printf (conf, "%s%s", v > 0 ? "|" : "",
                                tessera_vocabulary_get_code (attributes[i].vocabulary, v));
      for (guint v = 0; v < export->values[i]->len; v++)
        g_string_append_printf (conf, "%s%s", v > 0 ? "|" : "",
                                (char *) g_ptr_array_index (export->values[i], v));
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

static char *
dup_visual_conf (Export *export)
{
  GListModel *tagset = tessera_store_get_tagset (export->store);
  g_autoptr(GPtrArray) relation_types = tessera_store_dup_relation_types (export->store, NULL);
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

      if (!g_ptr_array_find_with_equal_func (export->relation_keys, key, g_str_equal, NULL))
        continue;
      append_label (conf, key, tessera_relation_type_get_label (type));
      if (is_color (tessera_relation_type_get_color (type)))
        g_string_append_printf (drawing, "%s\tcolor:%s\n", key,
                                tessera_relation_type_get_color (type));
    }
  g_string_append (conf, drawing->str);
  return g_string_free (conf, FALSE);
}

/* A configuration file, read back before it replaces its destination. */
static gboolean
write_conf (const char  *folder,
            const char  *name,
            const char  *contents,
            GError     **error)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(TesseraOutputFile) output = _tessera_output_file_new (path, error);
  g_autoptr(GOutputStream) stream = NULL;
  g_autofree char *read = NULL;

  if (output == NULL)
    return FALSE;
  stream = open_stream (output);
  if (!g_output_stream_write_all (stream, contents, strlen (contents), NULL, NULL, error) ||
      !g_output_stream_close (stream, NULL, error) ||
      !g_file_get_contents (_tessera_output_file_get_temporary (output), &read, NULL, error))
    return FALSE;
  if (strcmp (read, contents) != 0)
    {
      g_set_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK,
                   _("%s does not read back as it was written, so it was not kept; check "
                     "the disk"), name);
      return FALSE;
    }
  return _tessera_output_file_commit (output, error);
}

/* The export ------------------------------------------------------------------------------ */

/* Every type a brat file names must be one name to brat. */
static gboolean
check_tagset (TesseraStore  *store,
              GError       **error)
{
  GListModel *tagset = tessera_store_get_tagset (store);
  g_autoptr(GPtrArray) relation_types = tessera_store_dup_relation_types (store, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (tagset); i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (tagset, i);

      if (!_tessera_brat_is_name (tessera_annotation_type_get_key (type)))
        {
          g_set_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_FAILED,
                       _("The annotation type “%s” cannot be a brat type: rename it in the "
                         "tagset without spaces nor : ; | , < > = # !, then export again"),
                       tessera_annotation_type_get_key (type));
          return FALSE;
        }
    }
  for (guint i = 0; relation_types != NULL && i < relation_types->len; i++)
    {
      TesseraRelationType *type = g_ptr_array_index (relation_types, i);

      if (!check_relation_key (tessera_relation_type_get_key (type), error))
        return FALSE;
    }
  return TRUE;
}

/* NAME of "NAME.txt": the title's letters and digits, dashes between words. */
static char *
dup_safe_name (const char *title)
{
  g_autoptr(GString) name = g_string_new (NULL);

  for (const char *p = title != NULL ? title : ""; *p != '\0' && name->len < 80;
       p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || c == '_' || (c == '-' && name->len > 0))
        g_string_append_unichar (name, c);
      else if (name->len > 0 && name->str[name->len - 1] != '-')
        g_string_append_c (name, '-');
    }
  while (name->len > 0 && name->str[name->len - 1] == '-')
    g_string_truncate (name, name->len - 1);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

/* A name per document, its number and title, each once in the folder whatever the case. */
static void
assign_names (TesseraBratExporter *self,
              TesseraStore        *store,
              GArray              *ids)
{
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *last = g_strdup_printf ("%u", ids->len);
  int width = MAX (2, (int) strlen (last));

  g_hash_table_remove_all (self->names);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(TesseraDocument) document = tessera_store_dup_document (store, id, NULL);
      g_autofree char *title = dup_safe_name (document != NULL
                                              ? tessera_document_get_title (document) : NULL);
      /* Numbered, so that brat and a folder import list them in the corpus's order. */
      g_autofree char *base = *title != '\0' ? g_strdup_printf ("%0*u-%s", width, i + 1, title)
                                             : g_strdup_printf ("%0*u", width, i + 1);
      char *name = NULL;

      for (guint n = 1; name == NULL; n++)
        {
          g_autofree char *candidate = n == 1 ? g_strdup (base)
                                              : g_strdup_printf ("%s-%u", base, n);
          g_autofree char *folded = g_utf8_casefold (candidate, -1);

          if (!g_hash_table_contains (taken, folded))
            {
              g_hash_table_add (taken, g_steal_pointer (&folded));
              name = g_steal_pointer (&candidate);
            }
        }
      g_hash_table_insert (self->names, g_memdup2 (&id, sizeof id), name);
    }
}

static void
add_notes (TesseraExporter *exporter,
           Export          *export)
{
  /* Each count with its sentence, translated for that count. */
  struct { guint n; char *message; } notes[] = {
    { export->n_dropped,
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                    "%u annotation holds nothing but line breaks, which brat "
                                    "cannot mark; it is not in the files",
                                    "%u annotations hold nothing but line breaks, which brat "
                                    "cannot mark; they are not in the files",
                                    export->n_dropped), export->n_dropped) },
    { export->n_cut,
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                    "%u annotation begins or ends with a line break, which brat "
                                    "cannot mark; it was written without it",
                                    "%u annotations begin or end with a line break, which brat "
                                    "cannot mark; they were written without it",
                                    export->n_cut), export->n_cut) },
    { export->n_claim_texts,
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                    "%u claim date or topic holds a comma, a bar, a colon or a "
                                    "line break, which a brat attribute cannot; it is not in the "
                                    "files",
                                    "%u claim dates or topics hold a comma, a bar, a colon or a "
                                    "line break, which a brat attribute cannot; they are not in "
                                    "the files",
                                    export->n_claim_texts), export->n_claim_texts) },
    { export->n_authorities,
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                    "%u authority record has a space in its URI, or a scheme brat "
                                    "cannot name; it is not in the files",
                                    "%u authority records have a space in their URI, or a scheme "
                                    "brat cannot name; they are not in the files",
                                    export->n_authorities), export->n_authorities) },
    { export->n_unrecorded,
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                    "%u annotation has an annotator, a status or a certainty, "
                                    "which brat does not record",
                                    "%u annotations have an annotator, a status or a certainty, "
                                    "which brat does not record",
                                    export->n_unrecorded), export->n_unrecorded) },
    { export->n_attributes,
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                    "%u annotation has attributes of its own, which are not in "
                                    "the files",
                                    "%u annotations have attributes of their own, which are not "
                                    "in the files",
                                    export->n_attributes), export->n_attributes) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      if (notes[i].n > 0)
        tessera_exporter_add_note (exporter, "%s", notes[i].message);
      g_free (notes[i].message);
    }
}

static gboolean
export_documents (TesseraBratExporter        *self,
                  Export                     *export,
                  GArray                     *ids,
                  const char                 *path,
                  GCancellable               *cancellable,
                  TesseraFormatProgressFunc   progress,
                  gpointer                    progress_data,
                  GError                    **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *annotation_conf = NULL;
  g_autofree char *visual_conf = NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      const char *name = g_hash_table_lookup (self->names, &g_array_index (ids, gint64, i));

      g_ptr_array_add (files, g_strconcat (name, ".txt", NULL));
      g_ptr_array_add (files, g_strconcat (name, ".ann", NULL));
    }
  g_ptr_array_add (files, g_strdup (ANNOTATION_CONF));
  g_ptr_array_add (files, g_strdup (VISUAL_CONF));
  if (!_tessera_exporter_prepare_folder (path, files, "*", error))
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !export_document (export, id, path, g_hash_table_lookup (self->names, &id),
                            cancellable, error))
        return FALSE;
      if (progress != NULL)
        progress (2 * (i + 1), 2 * ids->len + 1, progress_data);
    }
  /* Last: it declares the relation types the documents use. */
  annotation_conf = dup_annotation_conf (export);
  visual_conf = dup_visual_conf (export);
  if (!write_conf (path, ANNOTATION_CONF, annotation_conf, error) ||
      !write_conf (path, VISUAL_CONF, visual_conf, error))
    return FALSE;
  if (progress != NULL)
    progress (2 * ids->len + 1, 2 * ids->len + 1, progress_data);
  return TRUE;
}

static gboolean
tessera_brat_exporter_export (TesseraExporter            *exporter,
                              TesseraStore               *store,
                              const gint64               *document_ids,
                              guint                       n_documents,
                              const char                 *path,
                              GCancellable               *cancellable,
                              TesseraFormatProgressFunc   progress,
                              gpointer                    progress_data,
                              GError                    **error)
{
  TesseraBratExporter *self = TESSERA_BRAT_EXPORTER (exporter);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) relation_types = NULL;
  Export export = { store, };
  gboolean ok;

  ids = _tessera_exporter_list_document_ids (store, document_ids, n_documents, error);
  if (ids == NULL || !check_tagset (store, error))
    return FALSE;
  assign_names (self, store, ids);

  export.relation_keys = g_ptr_array_new_with_free_func (g_free);
  export.source_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  export.cue_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (export.values); i++)
    export.values[i] = g_ptr_array_new_with_free_func (g_free);
  relation_types = tessera_store_dup_relation_types (store, NULL);
  for (guint i = 0; relation_types != NULL && i < relation_types->len; i++)
    {
      TesseraRelationType *type = g_ptr_array_index (relation_types, i);

      add_relation_key (&export, tessera_relation_type_get_key (type));
    }

  ok = export_documents (self, &export, ids, path, cancellable, progress, progress_data, error);
  if (ok)
    add_notes (exporter, &export);
  g_ptr_array_unref (export.relation_keys);
  g_hash_table_unref (export.source_types);
  g_hash_table_unref (export.cue_types);
  for (guint i = 0; i < G_N_ELEMENTS (export.values); i++)
    g_ptr_array_unref (export.values[i]);
  return ok;
}

static gboolean
tessera_brat_exporter_writes_folder (TesseraExporter *exporter)
{
  return TRUE;
}

/* NAME.ann, once the document has been exported. */
static char *
tessera_brat_exporter_dup_file_name (TesseraExporter *exporter,
                                     gint64           document_id)
{
  TesseraBratExporter *self = TESSERA_BRAT_EXPORTER (exporter);
  const char *name = g_hash_table_lookup (self->names, &document_id);

  if (name == NULL)
    return TESSERA_EXPORTER_CLASS (tessera_brat_exporter_parent_class)->dup_file_name (exporter,
                                                                                      document_id);
  return g_strconcat (name, ".ann", NULL);
}

static void
tessera_brat_exporter_finalize (GObject *object)
{
  TesseraBratExporter *self = TESSERA_BRAT_EXPORTER (object);

  g_hash_table_unref (self->names);
  G_OBJECT_CLASS (tessera_brat_exporter_parent_class)->finalize (object);
}

static void
tessera_brat_exporter_class_init (TesseraBratExporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TesseraExporterClass *exporter_class = TESSERA_EXPORTER_CLASS (klass);

  object_class->finalize = tessera_brat_exporter_finalize;

  exporter_class->id = "brat";
  exporter_class->name = N_("brat standoff");
  exporter_class->extensions = brat_extensions;
  exporter_class->mime_type = "text/x-brat-ann";
  exporter_class->writes_folder = tessera_brat_exporter_writes_folder;
  exporter_class->export = tessera_brat_exporter_export;
  exporter_class->dup_file_name = tessera_brat_exporter_dup_file_name;
}

static void
tessera_brat_exporter_init (TesseraBratExporter *self)
{
  self->names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}
