/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-tei"

#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/xmlwriter.h>

#include "tessera-tei-export.h"

#include "tessera-store-bulk-private.h"
#include "tessera-tei-export-private.h"
#include "tessera-tei-writer-private.h"
#include "tessera-text.h"
#include "tessera-vocabulary.h"

/*
 * TEI P5 export, streamed with xmlTextWriter: one document is in memory at a time, however
 * many the corpus has. The exporter framework gives the file (written beside its
 * destination) and the documents, one record at a time (tessera-tei-exporter.c); each
 * document is read back as soon as it is in the file (streamed too,
 * tessera-tei-reader.c, strict) into the model the importer makes, and compared with the
 * model of the project it was written from (text character for character, every
 * annotation, claim and relation). The framework renames the file into place only once
 * all of it has read back (_tessera_tei_writer_check_file()).
 *
 * The body is the stored text, one head or p per line, xml:space="preserve". Annotations
 * nest where their spans nest; the others (crossing another annotation, a paragraph
 * boundary, or discontinuous) become fragments chained by @next/@prev and joined in
 * standOff, or anchors and a span (TESSERA_TEI_OVERLAP_ANCHORS).
 */

#define SCHEMA_URL "https://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng"
#define BODY_INDENT "\n        "
/* One file per document: tessera_tei_export_file_name() */
#define FILE_NAME_FORMAT "document-%" G_GINT64_FORMAT ".xml"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlTextWriter, xmlFreeTextWriter)

typedef struct
{
  guint start;                 /* code points */
  guint end;                   /* the newline's offset, or the end of the text */
  gsize byte_start;
} Line;

/* The self-check: each document is read back from the file as soon as it is in it, and
 * compared with the model it was written from: a document or two in memory, however many
 * the corpus has. */
typedef struct
{
  const char             *path;           /* the temporary file */
  TesseraTeiReader       *reader;
  guint                   n_ids;          /* documents the file holds */
  guint                   next;
  GQueue                  written;        /* TesseraTeiDocument, not read back yet */
} Verification;

typedef struct _TesseraTeiWriter Exporter;

struct _TesseraTeiWriter
{
  TesseraStore                  *store;
  TesseraTeiExportOptions        options;
  guint                          n_documents;    /* in the export */
  GCancellable                  *cancellable;
  GListModel                    *tagset;
  GHashTable                    *types;          /* type id → TesseraAnnotationType */
  GPtrArray                     *relation_types; /* TesseraRelationType, in tagset order */
  GHashTable                    *annotator_ids;  /* name → gint64 */
  TesseraTeiContext             *context;        /* the entity records, as the model says */
  GPtrArray                     *written_entities; /* TesseraTeiEntity of the current file */
  GPtrArray                     *corpus_relations; /* TesseraTeiRelation between documents of
                                                    * a corpus, in its header */
  xmlTextWriter                 *writer;
  GOutputStream                 *stream;         /* the file the writer writes */
  GError                        *error;          /* the first failure of the writer */
  gsize                          text_run;       /* bytes of text since the last markup */
  gboolean                       indent;         /* the writer indents elements */
  char                          *today;
  const char                    *file_name;      /* for messages */
  Verification                   verification;   /* of the current file */
};

/**
 * tessera_tei_export_options_init:
 *
 * Fills @options with the defaults: one file per document, annotations inline, overlap
 * by fragments and join.
 */
void
tessera_tei_export_options_init (TesseraTeiExportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->overlap = TESSERA_TEI_OVERLAP_FRAGMENTS;
}

/**
 * tessera_tei_export_file_name:
 *
 * Returns: (transfer full): the name of the file a document is written to when each
 *   document gets its own file, e.g. "document-12.xml"
 */
char *
tessera_tei_export_file_name (gint64 document_id)
{
  return g_strdup_printf (FILE_NAME_FORMAT, document_id);
}

/* Writing helpers: each records the first failure and turns the next calls into no-ops,
 * so that a full disk is reported once, with the file's name. --------------------------- */

static gboolean
check (Exporter *self,
       int       rc)
{
  if (rc < 0 && self->error == NULL)
    {
      int saved_errno = errno;

      g_set_error (&self->error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_FAILED,
                   _("Could not write %s: %s"), self->file_name,
                   saved_errno ? g_strerror (saved_errno) : _("the XML writer failed"));
    }
  return self->error == NULL;
}

static void
start (Exporter   *self,
       const char *name)
{
  self->text_run = 0;
  if (self->error == NULL)
    check (self, xmlTextWriterStartElement (self->writer, BAD_CAST name));
}

static void
end (Exporter *self)
{
  self->text_run = 0;
  if (self->error == NULL)
    check (self, xmlTextWriterEndElement (self->writer));
}

static void
attr (Exporter   *self,
      const char *name,
      const char *value)
{
  if (self->error == NULL && value != NULL)
    check (self, xmlTextWriterWriteAttribute (self->writer, BAD_CAST name, BAD_CAST value));
}

static void
attr_printf (Exporter   *self,
             const char *name,
             const char *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
attr_printf (Exporter   *self,
             const char *name,
             const char *format,
             ...)
{
  g_autofree char *value = NULL;
  va_list args;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);
  attr (self, name, value);
}

/* libxml2 refuses a text node longer than XML_MAX_TEXT_LENGTH (10,000,000 bytes) unless
 * its reader is given XML_PARSE_HUGE, which nobody else's is. A longer stretch of text
 * (a paragraph of a novel without a line break) is written in pieces parted by an empty
 * comment, which ends a text node in any reader and adds nothing to the text. */
#define TEXT_NODE_MAX_BYTES (8 * 1024 * 1024)

static void
text (Exporter   *self,
      const char *content)
{
  gsize length;

  if (self->error != NULL || content == NULL || *content == '\0')
    return;

  length = strlen (content);
  while (self->text_run + length > TEXT_NODE_MAX_BYTES && self->error == NULL)
    {
      gsize room = TEXT_NODE_MAX_BYTES - self->text_run;
      const char *cut = g_utf8_find_prev_char (content, content + room + 1);
      const char *starter;
      g_autofree char *piece = NULL;

      /* Cut before the character that would not fit whole, and not inside a combining
       * sequence, so that each piece is text of its own (unless a sequence is longer than
       * a whole piece). */
      if (cut == NULL)
        cut = content;
      starter = cut;
      while (starter > content && g_unichar_combining_class (g_utf8_get_char (starter)) != 0)
        starter = g_utf8_prev_char (starter);
      if (starter > content || self->text_run > 0)
        cut = starter;
      piece = g_strndup (content, cut - content);
      if (*piece != '\0')
        check (self, xmlTextWriterWriteString (self->writer, BAD_CAST piece));
      /* An indenting writer would put white space around the comment, into the text. */
      if (self->indent)
        check (self, xmlTextWriterSetIndent (self->writer, 0));
      check (self, xmlTextWriterWriteComment (self->writer, BAD_CAST ""));
      if (self->indent)
        check (self, xmlTextWriterSetIndent (self->writer, 1));
      self->text_run = 0;
      length -= cut - content;
      content = cut;
    }

  if (self->error == NULL && length > 0)
    check (self, xmlTextWriterWriteString (self->writer, BAD_CAST content));
  self->text_run += length;
}

static void
set_indent (Exporter *self,
            gboolean  indent)
{
  self->indent = indent;
  if (self->error == NULL)
    check (self, xmlTextWriterSetIndent (self->writer, indent ? 1 : 0));
}

/* Stored strings keep their white space: say so where XML would collapse it. */
static void
preserve_if_needed (Exporter   *self,
                    const char *content)
{
  g_autofree char *collapsed = _tessera_tei_collapse_space (content);

  if (content != NULL && g_strcmp0 (collapsed, content) != 0)
    attr (self, "xml:space", "preserve");
}

/* <name>content</name>, white space kept. */
static void
element (Exporter   *self,
         const char *name,
         const char *content)
{
  start (self, name);
  preserve_if_needed (self, content);
  text (self, content);
  end (self);
}

static void
element_typed (Exporter   *self,
               const char *name,
               const char *type,
               const char *content)
{
  start (self, name);
  attr (self, "type", type);
  preserve_if_needed (self, content);
  text (self, content);
  end (self);
}

static void
pointer (Exporter   *self,
         const char *name,
         const char *id)
{
  if (id != NULL)
    attr_printf (self, name, "#%s", id);
}

/* The document record into the model ----------------------------------------------------- */

static TesseraAnnotationType *
lookup_type (Exporter *self,
             gint64    type_id)
{
  return g_hash_table_lookup (self->types, &type_id);
}

static char *
resp_id (Exporter   *self,
         const char *annotator)
{
  gint64 *id = annotator ? g_hash_table_lookup (self->annotator_ids, annotator) : NULL;

  return id ? g_strdup_printf ("resp-%" G_GINT64_FORMAT, *id) : NULL;
}

static char *
entity_xml_id (gint64 entity_id)
{
  return entity_id > 0 ? g_strdup_printf ("e%" G_GINT64_FORMAT, entity_id) : NULL;
}

static char *
annotation_xml_id (const char              *prefix,
                   TesseraAnnotationRecord *annotation)
{
  return annotation != NULL ? g_strdup_printf ("%sa%" G_GINT64_FORMAT, prefix, annotation->id)
                            : NULL;
}

/* An empty table of attributes is none, as it reads back. */
static void
drop_if_empty (GHashTable **attributes)
{
  if (*attributes != NULL && g_hash_table_size (*attributes) == 0)
    g_clear_pointer (attributes, g_hash_table_unref);
}

/* The record of an entity as the model holds it (and as it must read back): once per
 * project, however many documents name it. */
static TesseraTeiEntity *
entity_model (Exporter                  *self,
              const TesseraEntityRecord *entity)
{
  g_autofree char *id = entity_xml_id (entity->id);
  TesseraTeiEntity *model = g_hash_table_lookup (self->context->entities, id);

  if (model != NULL)
    return model;

  model = g_new0 (TesseraTeiEntity, 1);
  model->record = tessera_entity_record_copy (entity);
  model->id = g_steal_pointer (&id);
  if (entity->type != NULL)
    {
      const char *element_type = NULL;
      const char *element = _tessera_tei_element_for_type (entity->type, &element_type);

      model->type_key = g_strdup (tessera_annotation_type_get_key (entity->type));
      model->list = g_strdup (_tessera_tei_entity_list (element, element_type));
    }
  else
    model->list = g_strdup ("object");
  drop_if_empty (&model->record->attributes);

  _tessera_tei_context_add_entity (self->context, model);
  return model;
}

static char *
entity_model_id (Exporter                  *self,
                 const TesseraEntityRecord *entity)
{
  return entity != NULL ? g_strdup (entity_model (self, entity)->id) : NULL;
}

/* The annotation as the model holds it: its record, and the xml:ids it is written with. */
static TesseraTeiAnnotation *
annotation_model (Exporter                *self,
                  TesseraAnnotationRecord *annotation,
                  const char              *prefix)
{
  TesseraTeiAnnotation *model = g_new0 (TesseraTeiAnnotation, 1);
  TesseraClaimRecord *claim = annotation->claim;
  const char *element_type = NULL;

  model->record = annotation;
  model->id = annotation_xml_id (prefix, annotation);
  model->type_key = g_strdup (tessera_annotation_type_get_key (annotation->type));
  model->element = g_strdup (_tessera_tei_element_for_type (annotation->type, &element_type));
  model->element_type = g_strdup (element_type);
  model->entity = entity_model_id (self, annotation->entity);
  drop_if_empty (&annotation->attributes);
  if (claim != NULL)
    {
      model->claim.source_entity = entity_model_id (self, claim->source_entity);
      model->claim.source_annotation = annotation_xml_id (prefix, claim->source_annotation);
      model->claim.cue = annotation_xml_id (prefix, claim->cue);
      model->claim.parent = annotation_xml_id (prefix, claim->parent);
    }
  return model;
}

/* 1 + the place of the relation type @key in the tagset; 0 if the tagset has none. */
static guint
relation_type_position (Exporter   *self,
                        const char *key)
{
  for (guint i = 0; i < self->relation_types->len; i++)
    {
      TesseraRelationType *type = g_ptr_array_index (self->relation_types, i);

      if (g_strcmp0 (tessera_relation_type_get_key (type), key) == 0)
        return i + 1;
    }
  return 0;
}

/* What `<relation>` says of a type: its TEI name (its key if the tagset has no such type). */
static const char *
relation_tei_name (Exporter   *self,
                   const char *key)
{
  guint position = relation_type_position (self, key);

  if (position == 0)
    return key;
  return tessera_relation_type_get_tei_name (g_ptr_array_index (self->relation_types,
                                                                position - 1));
}

/* The document as the model holds it: what the file must say and what it must read back
 * as. Ids get @prefix ("d12." in a corpus). The model takes what the record holds, so that
 * a novel is in memory once; the annotations' and relations' records go to their models. */
static TesseraTeiDocument *
document_model (Exporter               *self,
                TesseraDocumentRecord  *record,
                const char             *prefix,
                GError                **error)
{
  g_autoptr(TesseraTeiDocument) model = _tessera_tei_document_new ();
  g_autofree char *what = NULL;
  g_autofree gpointer *annotations = NULL;
  g_autofree gpointer *relations = NULL;
  gsize n_annotations, n_relations;
  TesseraDocumentRecord *fields;

  tessera_document_record_free (model->record);
  fields = model->record = tessera_document_record_steal (record);
  model->id = g_strdup_printf ("d%" G_GINT64_FORMAT, fields->id);
  what = g_strdup_printf (_("The text of “%s”"), fields->info.title ? fields->info.title : "");
  if (!_tessera_tei_check_text (fields->text, what, error))
    return NULL;
  drop_if_empty (&fields->attributes);

  /* The annotations first: relations point to them. */
  annotations = g_ptr_array_steal (fields->annotations, &n_annotations);
  relations = g_ptr_array_steal (fields->relations, &n_relations);
  for (gsize i = 0; i < n_annotations; i++)
    g_ptr_array_add (model->annotations, annotation_model (self, annotations[i], prefix));
  for (gsize i = 0; i < n_relations; i++)
    {
      TesseraRelationRecord *relation = relations[i];
      TesseraTeiRelation *r = g_new0 (TesseraTeiRelation, 1);

      r->record = relation;
      r->id = g_strdup_printf ("%sr%" G_GINT64_FORMAT, prefix, relation->id);
      r->name = g_strdup (relation_tei_name (self, relation->type));
      r->source = annotation_xml_id (prefix, relation->source);
      r->target = annotation_xml_id (prefix, relation->target);
      g_ptr_array_add (model->relations, r);
    }

  return g_steal_pointer (&model);
}

/* The relations between the corpus's documents, as its header's listRelation holds them:
 * each end pointed to by the xml:id it has in its document. */
static gboolean
collect_corpus_relations (Exporter      *self,
                          const gint64  *document_ids,
                          guint          n_documents,
                          GError       **error)
{
  g_autoptr(GHashTable) exported = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) relations = NULL;

  relations = tessera_store_dup_cross_document_relations (self->store, 0, error);
  if (relations == NULL)
    return FALSE;
  for (guint i = 0; i < n_documents; i++)
    g_hash_table_add (exported, (gpointer) &document_ids[i]);
  for (guint i = 0; i < relations->len; i++)
    {
      TesseraRelation *relation = g_ptr_array_index (relations, i);
      TesseraTeiRelation *r;

      if (!g_hash_table_contains (exported, &relation->source_document_id) ||
          !g_hash_table_contains (exported, &relation->target_document_id))
        continue;
      r = g_new0 (TesseraTeiRelation, 1);
      r->record = g_new0 (TesseraRelationRecord, 1);
      r->record->id = relation->id;
      r->record->type = g_strdup (relation->type);
      r->record->note = g_strdup (relation->note);
      r->record->annotator = g_strdup (relation->annotator);
      r->id = g_strdup_printf ("r%" G_GINT64_FORMAT, relation->id);
      r->name = g_strdup (relation_tei_name (self, relation->type));
      r->source = g_strdup_printf ("d%" G_GINT64_FORMAT ".a%" G_GINT64_FORMAT,
                                   relation->source_document_id, relation->source_id);
      r->target = g_strdup_printf ("d%" G_GINT64_FORMAT ".a%" G_GINT64_FORMAT,
                                   relation->target_document_id, relation->target_id);
      g_ptr_array_add (self->corpus_relations, r);
    }
  return TRUE;
}

/* Layout of the body: where each element opens and closes ------------------------------- */

typedef struct
{
  guint annotation;            /* index in the document's annotations */
  guint range;
  guint start;
  guint end;
} Piece;

typedef struct
{
  guint    annotation;
  guint    range;
  guint    start;
  guint    end;
  guint    number;             /* 1-based, in document order, per annotation */
  int      next;               /* fragment index in the same range, or -1 */
  int      prev;
  guint    chain_position;     /* 0-based within the range's chain */
  guint    chain_length;
  gboolean discarded;
} Fragment;

typedef enum
{
  EVENT_OPEN,
  EVENT_CLOSE,
  EVENT_ANCHOR_START,
  EVENT_ANCHOR_END,
} EventKind;

typedef struct
{
  guint     offset;
  EventKind kind;
  guint     index;             /* a fragment, or for anchors an annotation */
  guint     range;             /* anchors: the range */
} Event;

typedef struct
{
  GArray    *lines;            /* Line */
  GArray    *fragments;        /* Fragment */
  GArray    *events;           /* Event */
  GArray    *paragraph_events; /* guint: first event of each paragraph, then the total */
  guint     *n_fragments;      /* per annotation */
  GArray   **fragments_of;     /* per annotation: fragment indices in document order */
  gboolean  *anchored;         /* per annotation */
  guint      n_annotations;
  gboolean   head;             /* the first line is the title */
  gboolean   distinct_title;   /* the title is not the start of the text */
} Layout;

static void
layout_free (Layout *layout)
{
  if (layout == NULL)
    return;
  g_array_unref (layout->lines);
  g_clear_pointer (&layout->fragments, g_array_unref);
  g_clear_pointer (&layout->events, g_array_unref);
  g_clear_pointer (&layout->paragraph_events, g_array_unref);
  for (guint i = 0; layout->fragments_of != NULL && i < layout->n_annotations; i++)
    g_clear_pointer (&layout->fragments_of[i], g_array_unref);
  g_free (layout->fragments_of);
  g_free (layout->n_fragments);
  g_free (layout->anchored);
  g_free (layout);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Layout, layout_free)

static GArray *
split_lines (const char *text)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Line));
  Line line = { 0, 0, 0 };
  guint offset = 0;
  const char *p;

  for (p = text; *p; p = g_utf8_next_char (p), offset++)
    {
      if (*p == '\n')
        {
          line.end = offset;
          g_array_append_val (lines, line);
          line.start = offset + 1;
          line.byte_start = (gsize) (p - text) + 1;
        }
    }
  line.end = offset;
  g_array_append_val (lines, line);
  return lines;
}

/* The paragraph an offset belongs to: the one whose text it starts, ends or is in. An
 * offset on a newline is the end of the paragraph before it. */
static guint
paragraph_of (GArray *lines,
              guint   offset)
{
  guint lo = 0, hi = lines->len;

  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (lines, Line, mid).start <= offset)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

static gboolean
is_said_like (const char *element)
{
  return g_strcmp0 (element, "said") == 0 || g_strcmp0 (element, "quote") == 0;
}

static gboolean
is_date_like (const char *element)
{
  return g_strcmp0 (element, "date") == 0 || g_strcmp0 (element, "time") == 0;
}

typedef struct
{
  TesseraTeiDocument    *document;
  Layout                *layout;
  GArray                *stack;   /* fragment indices */
} Sweep;

static TesseraTeiAnnotation *
sweep_annotation (Sweep *sweep,
                  guint  annotation)
{
  return g_ptr_array_index (sweep->document->annotations, annotation);
}

/* Opening order at one offset: longest first (it is the outer one), then the type's place
 * in the tagset, then the id. A claim goes round a date it coincides with, since a date
 * cannot hold a claim. */
static int
piece_compare (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  Sweep *sweep = data;
  const Piece *pa = a, *pb = b;
  TesseraTeiAnnotation *aa = sweep_annotation (sweep, pa->annotation);
  TesseraTeiAnnotation *ab = sweep_annotation (sweep, pb->annotation);
  TesseraAnnotationRecord *ra = aa->record;
  TesseraAnnotationRecord *rb = ab->record;
  int position_a, position_b;

  if (pa->start != pb->start)
    return pa->start < pb->start ? -1 : 1;
  if (pa->end != pb->end)
    return pa->end > pb->end ? -1 : 1;
  if (is_said_like (aa->element) && is_date_like (ab->element))
    return -1;
  if (is_date_like (aa->element) && is_said_like (ab->element))
    return 1;
  position_a = tessera_annotation_type_get_position (ra->type);
  position_b = tessera_annotation_type_get_position (rb->type);
  if (position_a != position_b)
    return position_a < position_b ? -1 : 1;
  if (ra->id != rb->id)
    return ra->id < rb->id ? -1 : 1;
  return (pa->range > pb->range) - (pa->range < pb->range);
}

static Fragment *
fragment_at (Sweep *sweep,
             guint  index)
{
  return &g_array_index (sweep->layout->fragments, Fragment, index);
}

static void
emit (Sweep     *sweep,
      guint      offset,
      EventKind  kind,
      guint      index,
      guint      range)
{
  Event event = { offset, kind, index, range };

  g_array_append_val (sweep->layout->events, event);
}

static guint
open_fragment (Sweep       *sweep,
               const Piece *piece,
               guint        offset)
{
  Fragment fragment = { piece->annotation, piece->range, offset, piece->end, 0, -1, -1, 0, 0,
                        FALSE };
  guint index = sweep->layout->fragments->len;

  g_array_append_val (sweep->layout->fragments, fragment);
  emit (sweep, offset, EVENT_OPEN, index, 0);
  return index;
}

/* Closes the stack down to @depth; the pieces that go on are returned, outermost first. */
static GArray *
close_down_to (Sweep *sweep,
               guint  depth,
               guint  offset)
{
  GArray *going_on = g_array_new (FALSE, FALSE, sizeof (Piece));

  while (sweep->stack->len > depth)
    {
      guint index = g_array_index (sweep->stack, guint, sweep->stack->len - 1);
      Fragment *fragment = fragment_at (sweep, index);
      Piece piece = { fragment->annotation, fragment->range, offset, fragment->end };

      g_array_set_size (sweep->stack, sweep->stack->len - 1);
      if (fragment->start == offset && fragment->end > offset)
        {
          /* Opened here a moment ago: take it back rather than leave an empty fragment. */
          for (guint i = sweep->layout->events->len; i > 0; i--)
            {
              Event *event = &g_array_index (sweep->layout->events, Event, i - 1);

              if (event->kind == EVENT_OPEN && event->index == index)
                {
                  g_array_remove_index (sweep->layout->events, i - 1);
                  break;
                }
            }
          fragment->discarded = TRUE;
        }
      else
        {
          emit (sweep, offset, EVENT_CLOSE, index, 0);
          /* The fragment's own end is where it closes now. */
          fragment->end = offset;
        }
      if (piece.end > offset)
        g_array_prepend_val (going_on, piece);
    }
  return going_on;
}

static void
push_piece (Sweep       *sweep,
            const Piece *piece,
            guint        offset)
{
  TesseraTeiAnnotation *annotation = sweep_annotation (sweep, piece->annotation);
  guint index;

  /* A claim cannot be inside a date: split the date around it. */
  if (is_said_like (annotation->element))
    {
      for (guint depth = 0; depth < sweep->stack->len; depth++)
        {
          Fragment *fragment = fragment_at (sweep, g_array_index (sweep->stack, guint, depth));

          if (is_date_like (sweep_annotation (sweep, fragment->annotation)->element))
            {
              g_autoptr(GArray) going_on = close_down_to (sweep, depth, offset);

              push_piece (sweep, piece, offset);
              for (guint i = 0; i < going_on->len; i++)
                push_piece (sweep, &g_array_index (going_on, Piece, i), offset);
              return;
            }
        }
    }

  index = open_fragment (sweep, piece, offset);
  if (piece->end == offset)
    {
      emit (sweep, offset, EVENT_CLOSE, index, 0);
      return;
    }
  g_array_append_val (sweep->stack, index);
}

typedef struct
{
  guint offset;
  guint annotation;
  guint range;
  gboolean is_end;
} AnchorPoint;

static int
anchor_compare (gconstpointer a,
                gconstpointer b)
{
  const AnchorPoint *pa = a, *pb = b;

  if (pa->offset != pb->offset)
    return pa->offset < pb->offset ? -1 : 1;
  if (pa->annotation != pb->annotation)
    return pa->annotation < pb->annotation ? -1 : 1;
  if (pa->range != pb->range)
    return pa->range < pb->range ? -1 : 1;
  return (pa->is_end > pb->is_end) - (pa->is_end < pb->is_end);
}

/* One paragraph: the pieces in opening order, the anchors by offset. */
static void
sweep_paragraph (Sweep  *sweep,
                 GArray *pieces,
                 GArray *anchors)
{
  guint next_piece = 0, next_anchor = 0;

  g_array_sort_with_data (pieces, piece_compare, sweep);
  g_array_sort (anchors, anchor_compare);

  for (;;)
    {
      guint offset = G_MAXUINT;
      g_autoptr(GArray) to_open = g_array_new (FALSE, FALSE, sizeof (Piece));

      if (next_piece < pieces->len)
        offset = g_array_index (pieces, Piece, next_piece).start;
      if (next_anchor < anchors->len)
        offset = MIN (offset, g_array_index (anchors, AnchorPoint, next_anchor).offset);
      for (guint i = 0; i < sweep->stack->len; i++)
        offset = MIN (offset, fragment_at (sweep, g_array_index (sweep->stack, guint, i))->end);
      if (offset == G_MAXUINT)
        break;

      /* Close what ends here; what was inside and goes on is reopened. */
      for (guint depth = 0; depth < sweep->stack->len; depth++)
        {
          Fragment *fragment = fragment_at (sweep, g_array_index (sweep->stack, guint, depth));

          if (fragment->end == offset)
            {
              g_autoptr(GArray) going_on = close_down_to (sweep, depth, offset);

              g_array_append_vals (to_open, going_on->data, going_on->len);
              break;
            }
        }

      while (next_anchor < anchors->len &&
             g_array_index (anchors, AnchorPoint, next_anchor).offset == offset)
        {
          AnchorPoint *anchor = &g_array_index (anchors, AnchorPoint, next_anchor++);

          emit (sweep, offset, anchor->is_end ? EVENT_ANCHOR_END : EVENT_ANCHOR_START,
                anchor->annotation, anchor->range);
        }

      while (next_piece < pieces->len && g_array_index (pieces, Piece, next_piece).start == offset)
        {
          Piece *piece = &g_array_index (pieces, Piece, next_piece++);

          if (piece->end == piece->start)
            push_piece (sweep, piece, offset);
          else
            g_array_append_val (to_open, *piece);
        }

      g_array_sort_with_data (to_open, piece_compare, sweep);
      for (guint i = 0; i < to_open->len; i++)
        {
          Piece piece = g_array_index (to_open, Piece, i);

          piece.start = offset;
          push_piece (sweep, &piece, offset);
        }
    }
  g_assert (sweep->stack->len == 0);
}

/* The parts of a range in each paragraph it touches. A range that starts on a newline gets
 * an empty piece at the end of the paragraph before, one that ends just after a newline an
 * empty piece at the start of the paragraph after: so that fragments say exactly which
 * newlines the annotation covers. */
static void
add_pieces (GArray   *lines,
            guint     annotation,
            guint     range_index,
            const TesseraRange *range,
            GArray  **per_paragraph)
{
  guint first = paragraph_of (lines, range->start);
  guint last = paragraph_of (lines, range->end);

  for (guint k = first; k <= last; k++)
    {
      const Line *line = &g_array_index (lines, Line, k);
      Piece piece = { annotation, range_index, MAX (range->start, line->start),
                      MIN (range->end, line->end) };

      if (piece.start < piece.end ||
          (k == first && range->start == line->end && k < last) ||
          (k == last && range->end == line->start && k > first))
        {
          if (piece.start > piece.end)
            piece.start = piece.end;
          g_array_append_val (per_paragraph[k], piece);
        }
    }
}

static void
sweep_document (TesseraTeiDocument *document,
                Layout             *layout)
{
  guint n_lines = layout->lines->len;
  GArray **pieces = g_new0 (GArray *, n_lines);
  GArray **anchors = g_new0 (GArray *, n_lines);
  Sweep sweep = { document, layout, g_array_new (FALSE, FALSE, sizeof (guint)) };

  g_clear_pointer (&layout->fragments, g_array_unref);
  g_clear_pointer (&layout->events, g_array_unref);
  g_clear_pointer (&layout->paragraph_events, g_array_unref);
  layout->fragments = g_array_new (FALSE, FALSE, sizeof (Fragment));
  layout->events = g_array_new (FALSE, FALSE, sizeof (Event));
  layout->paragraph_events = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_lines + 1);

  for (guint i = 0; i < document->annotations->len; i++)
    {
      TesseraTeiAnnotation *annotation = g_ptr_array_index (document->annotations, i);

      for (guint r = 0; r < annotation->record->ranges->len; r++)
        {
          const TesseraRange *range = &g_array_index (annotation->record->ranges, TesseraRange, r);

          if (layout->anchored[i])
            {
              AnchorPoint start_point = { range->start, i, r, FALSE };
              AnchorPoint end_point = { range->end, i, r, TRUE };
              guint k = paragraph_of (layout->lines, range->start);

              if (anchors[k] == NULL)
                anchors[k] = g_array_new (FALSE, FALSE, sizeof (AnchorPoint));
              g_array_append_val (anchors[k], start_point);
              k = paragraph_of (layout->lines, range->end);
              if (anchors[k] == NULL)
                anchors[k] = g_array_new (FALSE, FALSE, sizeof (AnchorPoint));
              g_array_append_val (anchors[k], end_point);
              continue;
            }
          {
            guint first = paragraph_of (layout->lines, range->start);
            guint last = paragraph_of (layout->lines, range->end);

            for (guint k = first; k <= last; k++)
              if (pieces[k] == NULL)
                pieces[k] = g_array_new (FALSE, FALSE, sizeof (Piece));
          }
          add_pieces (layout->lines, i, r, range, pieces);
        }
    }

  for (guint k = 0; k < n_lines; k++)
    {
      guint first_event = layout->events->len;

      g_array_append_val (layout->paragraph_events, first_event);
      if (pieces[k] == NULL && anchors[k] == NULL)
        continue;
      if (pieces[k] == NULL)
        pieces[k] = g_array_new (FALSE, FALSE, sizeof (Piece));
      if (anchors[k] == NULL)
        anchors[k] = g_array_new (FALSE, FALSE, sizeof (AnchorPoint));
      /* Anchors stay in annotation order at one offset; ends before starts don't matter. */
      sweep_paragraph (&sweep, pieces[k], anchors[k]);
      g_array_unref (pieces[k]);
      g_array_unref (anchors[k]);
    }
  {
    guint total = layout->events->len;

    g_array_append_val (layout->paragraph_events, total);
  }

  g_array_unref (sweep.stack);
  g_free (pieces);
  g_free (anchors);
}

/* Numbers the fragments of each annotation in document order and chains those of each
 * range with next/prev. */
static void
number_fragments (Layout *layout)
{
  for (guint i = 0; i < layout->n_annotations; i++)
    {
      layout->n_fragments[i] = 0;
      g_clear_pointer (&layout->fragments_of[i], g_array_unref);
    }

  for (guint e = 0; e < layout->events->len; e++)
    {
      Event *event = &g_array_index (layout->events, Event, e);
      Fragment *fragment;
      GArray *list;

      if (event->kind != EVENT_OPEN)
        continue;
      fragment = &g_array_index (layout->fragments, Fragment, event->index);
      g_assert (!fragment->discarded);
      list = layout->fragments_of[fragment->annotation];
      if (list == NULL)
        list = layout->fragments_of[fragment->annotation] = g_array_new (FALSE, FALSE,
                                                                         sizeof (guint));
      fragment->number = ++layout->n_fragments[fragment->annotation];
      g_array_append_val (list, event->index);
    }

  for (guint i = 0; i < layout->n_annotations; i++)
    {
      GArray *list = layout->fragments_of[i];
      g_autoptr(GHashTable) last_of_range = NULL;

      if (list == NULL)
        continue;
      last_of_range = g_hash_table_new (g_direct_hash, g_direct_equal);
      for (guint j = 0; j < list->len; j++)
        {
          guint index = g_array_index (list, guint, j);
          Fragment *fragment = &g_array_index (layout->fragments, Fragment, index);
          gpointer previous;

          if (g_hash_table_lookup_extended (last_of_range, GUINT_TO_POINTER (fragment->range),
                                            NULL, &previous))
            {
              Fragment *before = &g_array_index (layout->fragments, Fragment,
                                                 GPOINTER_TO_UINT (previous));

              before->next = (int) index;
              fragment->prev = (int) GPOINTER_TO_UINT (previous);
              fragment->chain_position = before->chain_position + 1;
            }
          g_hash_table_insert (last_of_range, GUINT_TO_POINTER (fragment->range),
                               GUINT_TO_POINTER (index));
        }
      /* Chain lengths, walking each chain from its last fragment. */
      for (guint j = list->len; j > 0; j--)
        {
          Fragment *fragment = &g_array_index (layout->fragments, Fragment,
                                               g_array_index (list, guint, j - 1));

          fragment->chain_length = fragment->next < 0
            ? fragment->chain_position + 1
            : g_array_index (layout->fragments, Fragment, fragment->next).chain_length;
        }
    }
}

/* A paragraph is 6 elements deep in a corpus (teiCorpus, TEI, text, body, div, p), and
 * libxml2 refuses documents deeper than 256 (xmlParserMaxDepth) unless its reader is given
 * XML_PARSE_HUGE, which nobody else's is: annotations nested deeper than this are written
 * as anchors and a span instead of elements. */
#define MAX_NESTED_ELEMENTS 200

/* Anchors the annotations whose elements the sweep opened deeper than
 * MAX_NESTED_ELEMENTS; returns whether there were any. */
static gboolean
anchor_too_deep (Layout *layout)
{
  gboolean changed = FALSE;
  guint depth = 0;

  for (guint e = 0; e < layout->events->len; e++)
    {
      const Event *event = &g_array_index (layout->events, Event, e);

      if (event->kind == EVENT_OPEN)
        {
          const Fragment *fragment = &g_array_index (layout->fragments, Fragment,
                                                     event->index);

          if (++depth > MAX_NESTED_ELEMENTS && !layout->anchored[fragment->annotation])
            {
              layout->anchored[fragment->annotation] = TRUE;
              changed = TRUE;
            }
        }
      else if (event->kind == EVENT_CLOSE)
        depth--;
    }
  return changed;
}

static Layout *
compute_layout (TesseraTeiDocument            *document,
                const TesseraTeiExportOptions *options)
{
  g_autoptr(Layout) layout = g_new0 (Layout, 1);
  guint n = document->annotations->len;

  layout->lines = split_lines (document->record->text);
  layout->n_annotations = n;
  layout->n_fragments = g_new0 (guint, n);
  layout->fragments_of = g_new0 (GArray *, n);
  layout->anchored = g_new0 (gboolean, n);

  if (document->record->info.title != NULL && *document->record->info.title != '\0')
    {
      const Line *first = &g_array_index (layout->lines, Line, 0);
      gsize length = (gsize) (g_utf8_offset_to_pointer (document->record->text, first->end) -
                              document->record->text);
      g_autofree char *line = g_strndup (document->record->text, length);

      g_autofree char *title = g_strdup (document->record->info.title);

      /* Plain-text import titles a document after its first line, trimmed, and shortened
       * with "…" when long: such a title repeats the text, and goes in the header only. */
      gboolean shortened = g_str_has_suffix (title, "…");

      g_strstrip (line);
      layout->head = g_str_equal (line, title);
      if (shortened)
        title[strlen (title) - strlen ("…")] = '\0';
      g_strchomp (title);
      if (*title == '\0')
        layout->distinct_title = FALSE;
      else if (!g_str_has_prefix (line, title))
        layout->distinct_title = TRUE;
      else
        {
          /* "Le Mali" does not start "Le Maliens…"; a shortened title may end mid-word. */
          const char *after = line + strlen (title);

          layout->distinct_title = !shortened && *after != '\0' &&
                                   g_unichar_isalnum (g_utf8_get_char (after));
        }
    }

  if (options->standoff_only)
    return g_steal_pointer (&layout);

  if (options->overlap == TESSERA_TEI_OVERLAP_ANCHORS)
    {
      /* Anchor what cannot be one element: several ranges or paragraphs from the start,
       * then whatever the sweep has to fragment, until nothing is. */
      for (guint i = 0; i < n; i++)
        {
          TesseraTeiAnnotation *annotation = g_ptr_array_index (document->annotations, i);
          const TesseraRange *range = &g_array_index (annotation->record->ranges, TesseraRange, 0);

          layout->anchored[i] = annotation->record->ranges->len != 1 ||
                                paragraph_of (layout->lines, range->start) !=
                                paragraph_of (layout->lines, range->end);
        }
    }

  for (;;)
    {
      gboolean changed = FALSE;

      sweep_document (document, layout);
      number_fragments (layout);
      for (guint i = 0; options->overlap == TESSERA_TEI_OVERLAP_ANCHORS && i < n; i++)
        {
          if (!layout->anchored[i] && layout->n_fragments[i] > 1)
            {
              layout->anchored[i] = TRUE;
              changed = TRUE;
            }
        }
      changed |= anchor_too_deep (layout);
      if (!changed)
        break;
    }
  return g_steal_pointer (&layout);
}

/* Writing the body ------------------------------------------------------------------------- */

static char *
fragment_xml_id (TesseraTeiAnnotation *annotation,
                 Layout               *layout,
                 guint                 index)
{
  Fragment *fragment = &g_array_index (layout->fragments, Fragment, index);

  if (layout->n_fragments[fragment->annotation] == 1)
    return g_strdup (annotation->id);
  return g_strdup_printf ("%s.%u", annotation->id, fragment->number);
}

static gboolean
writes_when (TesseraTeiAnnotation *annotation)
{
  return g_strcmp0 (annotation->element, "date") == 0 &&
         _tessera_tei_is_w3c_date (annotation->record->normalized);
}

/* The @who of a claim: its source entity, else the mention of its source. */
static const char *
claim_who (TesseraTeiAnnotation *annotation)
{
  if (annotation->record->claim == NULL)
    return NULL;
  return annotation->claim.source_entity ? annotation->claim.source_entity
                                         : annotation->claim.source_annotation;
}

static const char *
claim_direct (TesseraTeiAnnotation *annotation)
{
  TesseraClaimRecord *claim = annotation->record->claim;
  const char *quote_type = claim != NULL ? claim->quote_type : NULL;

  if (quote_type == NULL)
    return NULL;
  if (g_str_equal (quote_type, "direct"))
    return "true";
  if (g_str_equal (quote_type, "mixed"))
    return "unknown";
  return "false";
}

static void
identity_attributes (Exporter             *self,
                     TesseraTeiAnnotation *annotation)
{
  g_autofree char *category = _tessera_tei_category_id (annotation->type_key);
  g_autofree char *resp = resp_id (self, annotation->record->annotator);

  pointer (self, "ana", category);
  pointer (self, "resp", resp);
  if (annotation->record->certainty != TESSERA_CERTAINTY_UNKNOWN)
    attr (self, "cert", tessera_certainty_to_string (annotation->record->certainty));
}

static void
open_element (Exporter           *self,
              TesseraTeiDocument *document,
              Layout             *layout,
              guint               index)
{
  Fragment *fragment = &g_array_index (layout->fragments, Fragment, index);
  TesseraTeiAnnotation *annotation = g_ptr_array_index (document->annotations,
                                                        fragment->annotation);
  g_autofree char *id = fragment_xml_id (annotation, layout, index);
  gboolean whole = layout->n_fragments[fragment->annotation] == 1;

  start (self, annotation->element);
  attr (self, "xml:id", id);
  attr (self, "type", annotation->element_type);
  if (whole)
    identity_attributes (self, annotation);
  if (_tessera_tei_element_takes_ref (annotation->element))
    pointer (self, "ref", annotation->entity);
  if (writes_when (annotation))
    attr (self, "when", annotation->record->normalized);
  if (g_str_equal (annotation->element, "said"))
    {
      pointer (self, "who", claim_who (annotation));
      attr (self, "direct", claim_direct (annotation));
    }
  if (!whole)
    {
      if (fragment->next >= 0)
        {
          g_autofree char *next = fragment_xml_id (annotation, layout, (guint) fragment->next);

          pointer (self, "next", next);
        }
      if (fragment->prev >= 0)
        {
          g_autofree char *prev = fragment_xml_id (annotation, layout, (guint) fragment->prev);

          pointer (self, "prev", prev);
        }
      if (g_str_equal (annotation->element, "seg") && fragment->chain_length > 1)
        attr (self, "part", fragment->chain_position == 0 ? "I"
                            : fragment->chain_position + 1 == fragment->chain_length ? "F"
                            : "M");
    }
}

static char *
anchor_xml_id (TesseraTeiAnnotation *annotation,
               guint                 range,
               gboolean              is_end)
{
  return g_strdup_printf ("%s.%c%u", annotation->id, is_end ? 'e' : 's', range + 1);
}

static void
write_text_span (Exporter    *self,
                 GString     *scratch,
                 const char **cursor,
                 guint       *offset,
                 guint        until)
{
  const char *from = *cursor;

  while (*offset < until)
    {
      *cursor = g_utf8_next_char (*cursor);
      (*offset)++;
    }
  if (*cursor > from)
    {
      g_string_truncate (scratch, 0);
      g_string_append_len (scratch, from, *cursor - from);
      text (self, scratch->str);
    }
}

static void
write_body (Exporter           *self,
            TesseraTeiDocument *document,
            Layout             *layout,
            const char         *prefix,
            GCancellable       *cancellable)
{
  g_autoptr(GString) scratch = g_string_new (NULL);

  /* No indentation from here: inside p every character is text. */
  set_indent (self, FALSE);
  text (self, *prefix ? "    " : "  ");
  start (self, "text");
  if (layout->distinct_title)
    {
      /* A title the text does not start with: it heads the text from outside the body,
       * which alone is the stored text. */
      text (self, "\n    ");
      start (self, "front");
      start (self, "docTitle");
      element (self, "titlePart", document->record->info.title);
      end (self);
      end (self);
    }
  text (self, "\n    ");
  start (self, "body");
  attr (self, "xml:space", "preserve");
  text (self, "\n      ");
  start (self, "div");
  attr (self, "type", "article");

  for (guint k = 0; k < layout->lines->len && self->error == NULL; k++)
    {
      const Line *line = &g_array_index (layout->lines, Line, k);
      const char *cursor = document->record->text + line->byte_start;
      guint offset = line->start;

      if (k % 256 == 0 && g_cancellable_is_cancelled (cancellable))
        return;

      text (self, BODY_INDENT);
      start (self, k == 0 && layout->head ? "head" : "p");
      attr_printf (self, "xml:id", "%sp%u", prefix, k + 1);

      if (layout->events != NULL)
        {
          guint first = g_array_index (layout->paragraph_events, guint, k);
          guint last = g_array_index (layout->paragraph_events, guint, k + 1);

          for (guint e = first; e < last; e++)
            {
              Event *event = &g_array_index (layout->events, Event, e);

              write_text_span (self, scratch, &cursor, &offset, event->offset);
              switch (event->kind)
                {
                case EVENT_OPEN:
                  open_element (self, document, layout, event->index);
                  break;
                case EVENT_CLOSE:
                  end (self);
                  break;
                case EVENT_ANCHOR_START:
                case EVENT_ANCHOR_END:
                  {
                    TesseraTeiAnnotation *annotation = g_ptr_array_index (document->annotations,
                                                                          event->index);
                    g_autofree char *id = anchor_xml_id (annotation, event->range,
                                                         event->kind == EVENT_ANCHOR_END);

                    start (self, "anchor");
                    attr (self, "xml:id", id);
                    end (self);
                  }
                  break;
                default:
                  g_assert_not_reached ();
                }
            }
        }
      write_text_span (self, scratch, &cursor, &offset, line->end);
      end (self);
    }

  text (self, "\n      ");
  end (self);   /* div */
  text (self, "\n    ");
  end (self);   /* body */
  text (self, "\n  ");
  end (self);   /* text */
  text (self, "\n");
  set_indent (self, TRUE);
}

/* Writing the header -------------------------------------------------------------------- */

static const char *
language_name (const char *tag)
{
  static const struct { const char *tag; const char *name; } names[] = {
    { "fr", "français" }, { "en", "English" }, { "de", "Deutsch" }, { "es", "español" },
    { "it", "italiano" }, { "ar", "العربية" }, { "pt", "português" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_ascii_strncasecmp (tag, names[i].tag, 2) == 0 && (tag[2] == '\0' || tag[2] == '-'))
        return names[i].name;
    }
  return tag;
}

static void
write_resp_stmts (Exporter  *self,
                  GPtrArray *names)
{
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *id = resp_id (self, name);

      if (id == NULL)
        continue;
      start (self, "respStmt");
      attr (self, "xml:id", id);
      element (self, "resp", "annotation");
      element (self, "name", name);
      end (self);
    }
}

static void
write_publication_stmt (Exporter *self)
{
  const char *publisher = self->options.publisher;

  if (publisher == NULL || *publisher == '\0')
    publisher = tessera_store_get_annotator (self->store);

  start (self, "publicationStmt");
  element (self, "publisher", publisher);
  start (self, "date");
  attr (self, "when", self->today);
  text (self, self->today);
  end (self);
  start (self, "availability");
  start (self, "licence");
  if (self->options.licence_url != NULL)
    {
      attr (self, "target", self->options.licence_url);
      text (self, "Annotations: ");
      text (self, self->options.licence_url);
    }
  else
    text (self, "The licence of the annotations is not stated; ask the publisher.");
  end (self);
  end (self);
  end (self);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Key → value pairs as <note type="attribute" n="key">value</note>, by key. */
static void
write_attribute_notes (Exporter   *self,
                       GHashTable *attributes)
{
  g_autofree gpointer *keys = NULL;
  guint n = 0;

  if (attributes == NULL)
    return;
  keys = g_hash_table_get_keys_as_array (attributes, &n);
  qsort (keys, n, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n; i++)
    {
      const char *value = g_hash_table_lookup (attributes, keys[i]);

      start (self, "note");
      attr (self, "type", "attribute");
      attr (self, "n", keys[i]);
      preserve_if_needed (self, value);
      text (self, value);
      end (self);
    }
}

static gboolean
is_set (const char *value)
{
  return value != NULL && *value != '\0';
}

static void
write_bibl (Exporter           *self,
            TesseraTeiDocument *document)
{
  const TesseraDocumentInfo *info = &document->record->info;

  start (self, "bibl");
  attr (self, "type", "article");
  start (self, "title");
  attr (self, "level", "a");
  preserve_if_needed (self, info->title);
  text (self, info->title);
  end (self);
  if (is_set (info->author))
    element (self, "author", info->author);
  if (is_set (info->publisher))
    element (self, "publisher", info->publisher);
  if (is_set (info->publication_date))
    {
      start (self, "date");
      if (_tessera_tei_is_w3c_date (info->publication_date))
        attr (self, "when", info->publication_date);
      preserve_if_needed (self, info->publication_date);
      text (self, info->publication_date);
      end (self);
    }
  if (is_set (info->source_url))
    element_typed (self, "idno", "URI", info->source_url);
  if (is_set (info->licence))
    {
      start (self, "availability");
      element (self, "licence", info->licence);
      end (self);
    }
  end (self);
}

static void
write_notes_stmt (Exporter           *self,
                  TesseraTeiDocument *document)
{
  if (!is_set (document->record->info.notes) && document->record->attributes == NULL)
    return;
  start (self, "notesStmt");
  if (is_set (document->record->info.notes))
    element_typed (self, "note", "notes", document->record->info.notes);
  write_attribute_notes (self, document->record->attributes);
  end (self);
}

static void
write_editorial_decl (Exporter *self)
{
  const TesseraTeiExportOptions *options = &self->options;
  const char *overlap_en, *overlap_fr;

  if (options->standoff_only)
    {
      overlap_en = "The body is left unmarked: every annotation is a span in standOff whose "
                   "@target points into the paragraphs with string-range(paragraph, offset, "
                   "length), or with range(string-range(…), string-range(…)) when it runs "
                   "over several paragraphs; several pointers make a discontinuous annotation.";
      overlap_fr = "Le corps du texte n’est pas balisé : chaque annotation est un span dans "
                   "standOff dont @target pointe dans les paragraphes par string-range "
                   "(paragraphe, position, longueur), ou par range(string-range(…), "
                   "string-range(…)) quand elle couvre plusieurs paragraphes ; plusieurs "
                   "pointeurs font une annotation discontinue.";
    }
  else if (options->overlap == TESSERA_TEI_OVERLAP_ANCHORS)
    {
      overlap_en = "Annotations nest where their spans nest. One that cannot (it crosses "
                   "another annotation or a paragraph boundary, or is discontinuous) is "
                   "delimited by two anchor elements per range, and a span (@from, @to) in "
                   "standOff carries its identity; a join groups the spans of a discontinuous "
                   "annotation.";
      overlap_fr = "Les annotations s’emboîtent quand leurs étendues s’emboîtent. Celle qui ne "
                   "le peut pas (elle en chevauche une autre, franchit un paragraphe ou est "
                   "discontinue) est délimitée par deux éléments anchor par étendue, et un span "
                   "(@from, @to) dans standOff porte son identité ; un join réunit les spans "
                   "d’une annotation discontinue.";
    }
  else
    {
      overlap_en = "Annotations nest where their spans nest. One that cannot (it crosses "
                   "another annotation or a paragraph boundary, or is discontinuous) is split "
                   "into fragments of the same element, chained with @next/@prev within each "
                   "continuous range (seg fragments also carry @part), and a join in standOff "
                   "carries its identity (@ana, @resp, @cert).";
      overlap_fr = "Les annotations s’emboîtent quand leurs étendues s’emboîtent. Celle qui ne "
                   "le peut pas (elle en chevauche une autre, franchit un paragraphe ou est "
                   "discontinue) est découpée en fragments du même élément, chaînés par "
                   "@next/@prev dans chaque étendue continue (les fragments de seg portent "
                   "aussi @part), et un join dans standOff porte son identité (@ana, @resp, "
                   "@cert).";
    }

  start (self, "editorialDecl");
  start (self, "p");
  attr (self, "xml:lang", "en");
  text (self, "Exported by Tessera. The body holds the text of each article as it was "
              "annotated, one head or p per line, white space preserved (xml:space); the "
              "title is the head when it is the first line. Offsets are counted in Unicode "
              "code points of the NFC-normalised text. Every annotation has an xml:id, @ana "
              "pointing to its category in the taxonomy below, @resp pointing to its "
              "annotator and @cert when its certainty is known. Entity mentions point with "
              "@ref to a record in standOff whose idno elements hold its authority links. "
              "Claims are said elements (@who, @direct), their cues seg type=\"cue\"; the "
              "attribution of each claim (source, cue, quote type, polarity, factuality, "
              "date) is an annotation in listAnnotation, relations are in listRelation.");
  end (self);
  start (self, "p");
  attr (self, "xml:lang", "en");
  text (self, overlap_en);
  end (self);
  start (self, "p");
  attr (self, "xml:lang", "fr");
  text (self, "Exporté par Tessera. Le corps contient le texte de chaque article tel qu’il "
              "a été annoté, un head ou un p par ligne, espaces conservées (xml:space) ; le "
              "titre est le head quand il est la première ligne. Les positions sont comptées "
              "en points de code Unicode du texte normalisé NFC. Chaque annotation porte un "
              "xml:id, @ana vers sa catégorie dans la taxonomie ci-dessous, @resp vers son "
              "annotateur et @cert quand sa certitude est connue. Les mentions d’entités "
              "pointent par @ref vers une fiche dans standOff dont les éléments idno portent "
              "les liens d’autorité. Les propos rapportés sont des éléments said (@who, "
              "@direct), leurs marqueurs des seg type=\"cue\" ; l’attribution de chaque propos "
              "(source, marqueur, type de citation, polarité, factualité, date) est une "
              "annotation de listAnnotation, les relations sont dans listRelation.");
  end (self);
  start (self, "p");
  attr (self, "xml:lang", "fr");
  text (self, overlap_fr);
  end (self);
  end (self);
}

static void
write_label (Exporter   *self,
             const char *language,
             const char *label)
{
  start (self, "catDesc");
  attr (self, "xml:lang", language);
  preserve_if_needed (self, label);
  text (self, label);
  end (self);
}

/* A type's labels, French and English first; @label where it has none. */
static void
write_category_labels (Exporter   *self,
                       GHashTable *labels,
                       const char *label)
{
  g_autofree gpointer *languages = NULL;
  guint n = 0;

  write_label (self, "fr", g_hash_table_lookup (labels, "fr") ? g_hash_table_lookup (labels, "fr")
                                                              : label);
  write_label (self, "en", g_hash_table_lookup (labels, "en") ? g_hash_table_lookup (labels, "en")
                                                              : label);
  languages = g_hash_table_get_keys_as_array (labels, &n);
  qsort (languages, n, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n; i++)
    {
      if (g_str_equal (languages[i], "fr") || g_str_equal (languages[i], "en") ||
          !_tessera_tei_is_language_tag (languages[i]))
        continue;
      write_label (self, languages[i], g_hash_table_lookup (labels, languages[i]));
    }
}

/* The relation types in tagset order: @n is the key a relation's @ana leads to. */
static void
write_relation_taxonomy (Exporter *self)
{
  if (self->relation_types->len == 0)
    return;
  start (self, "taxonomy");
  attr (self, "xml:id", "tessera-relations");
  element (self, "desc", "Tessera relation types: one category per type, in tagset order; "
                         "a relation points to its type with @ana and gives its TEI name in "
                         "@name");
  for (guint i = 0; i < self->relation_types->len; i++)
    {
      TesseraRelationType *type = g_ptr_array_index (self->relation_types, i);

      start (self, "category");
      attr_printf (self, "xml:id", TESSERA_TEI_RELATION_PREFIX "%u", i + 1);
      attr (self, "n", tessera_relation_type_get_key (type));
      attr_printf (self, "style", "color: %s", tessera_relation_type_get_color (type));
      write_category_labels (self, tessera_relation_type_get_labels (type),
                             tessera_relation_type_get_own_label (type));
      end (self);
    }
  end (self);
}

/* Three taxonomies: the three kinds of annotation, then the tagset in palette order, each
 * type pointing with @ana to its kind, then the relation types. */
static void
write_taxonomy (Exporter *self)
{
  start (self, "classDecl");
  start (self, "taxonomy");
  attr (self, "xml:id", "tessera-kinds");
  element (self, "desc", "Kinds of Tessera annotation types");
  for (TesseraKind kind = 0; kind < TESSERA_N_KINDS; kind++)
    {
      start (self, "category");
      attr_printf (self, "xml:id", TESSERA_TEI_KIND_PREFIX "%s", tessera_kind_to_string (kind));
      write_label (self, "fr", tessera_kind_get_tei_label (kind, "fr"));
      write_label (self, "en", tessera_kind_get_tei_label (kind, "en"));
      end (self);
    }
  end (self);

  start (self, "taxonomy");
  attr (self, "xml:id", "tessera-tagset");
  element (self, "desc", "Tessera tagset: one category per annotation type, in palette order");
  for (guint i = 0; i < g_list_model_get_n_items (self->tagset); i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (self->tagset, i);
      g_autofree char *id = _tessera_tei_category_id (tessera_annotation_type_get_key (type));

      start (self, "category");
      attr (self, "xml:id", id);
      attr (self, "n", tessera_annotation_type_get_key (type));
      attr_printf (self, "ana", "#" TESSERA_TEI_KIND_PREFIX "%s",
                   tessera_kind_to_string (tessera_annotation_type_get_kind (type)));
      attr_printf (self, "style", "color: %s", tessera_annotation_type_get_color (type));
      write_category_labels (self, tessera_annotation_type_get_labels (type),
                             tessera_annotation_type_get_label (type));
      end (self);
    }
  end (self);
  write_relation_taxonomy (self);
  end (self);
}

static void
write_encoding_desc (Exporter *self)
{
  start (self, "encodingDesc");
  write_editorial_decl (self);
  write_taxonomy (self);
  start (self, "appInfo");
  start (self, "application");
  attr (self, "ident", TESSERA_TEI_APPLICATION);
  attr (self, "version", PACKAGE_VERSION);
  element (self, "label", "Tessera");
  end (self);
  end (self);
  end (self);
}

static void
write_lang_usage (Exporter   *self,
                  const char *language)
{
  if (!is_set (language))
    return;
  start (self, "profileDesc");
  start (self, "langUsage");
  start (self, "language");
  if (_tessera_tei_is_language_tag (language))
    {
      attr (self, "ident", language);
      text (self, language_name (language));
    }
  else
    {
      /* Not a BCP 47 tag: keep the words, under the tag for "undetermined". */
      attr (self, "ident", "und");
      preserve_if_needed (self, language);
      text (self, language);
    }
  end (self);
  end (self);
  end (self);
}

static void
write_revision_desc (Exporter        *self,
                     GPtrArray       *days,
                     TesseraProgress  progress,
                     gboolean         with_status)
{
  start (self, "revisionDesc");
  if (with_status)
    attr (self, "status", tessera_progress_to_string (progress));
  for (guint i = 0; i < days->len; i++)
    {
      TesseraRevisionDay *day = g_ptr_array_index (days, i);
      g_autofree char *who = resp_id (self, day->annotator);
      g_autofree char *summary = g_strdup_printf (day->n_changes == 1 ? "%u change"
                                                                     : "%u changes",
                                                  day->n_changes);

      start (self, "change");
      if (_tessera_tei_is_w3c_date (day->day))
        attr (self, "when", day->day);
      pointer (self, "who", who);
      text (self, summary);
      end (self);
    }
  if (days->len == 0)
    {
      start (self, "change");
      attr (self, "when", self->today);
      text (self, "exported");
      end (self);
    }
  end (self);
}

static void
add_name (GPtrArray  *names,
          const char *name)
{
  if (name != NULL && !g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
    g_ptr_array_add (names, (gpointer) name);
}

static int
compare_resp (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  GHashTable *ids = data;
  gint64 *ia = g_hash_table_lookup (ids, *(const char * const *) a);
  gint64 *ib = g_hash_table_lookup (ids, *(const char * const *) b);
  gint64 va = ia ? *ia : G_MAXINT64, vb = ib ? *ib : G_MAXINT64;

  return (va > vb) - (va < vb);
}

static void
write_tei_header (Exporter           *self,
                  TesseraTeiDocument *document,
                  GPtrArray          *days,
                  gboolean            in_corpus)
{
  start (self, "teiHeader");
  start (self, "fileDesc");
  start (self, "titleStmt");
  element (self, "title", document->record->info.title);
  if (!in_corpus)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();

      for (guint i = 0; i < document->annotations->len; i++)
        add_name (names, ((TesseraTeiAnnotation *) g_ptr_array_index (document->annotations,
                                                                      i))->record->annotator);
      for (guint i = 0; i < document->relations->len; i++)
        add_name (names, ((TesseraTeiRelation *) g_ptr_array_index (document->relations,
                                                                    i))->record->annotator);
      for (guint i = 0; i < days->len; i++)
        add_name (names, ((TesseraRevisionDay *) g_ptr_array_index (days, i))->annotator);
      g_ptr_array_sort_with_data (names, compare_resp, self->annotator_ids);
      write_resp_stmts (self, names);
    }
  end (self);
  if (in_corpus)
    {
      start (self, "publicationStmt");
      element (self, "p", "Published with the corpus: see the corpus header.");
      end (self);
    }
  else
    write_publication_stmt (self);
  write_notes_stmt (self, document);
  start (self, "sourceDesc");
  write_bibl (self, document);
  end (self);
  end (self);   /* fileDesc */
  if (!in_corpus)
    write_encoding_desc (self);
  write_lang_usage (self, document->record->info.language);
  write_revision_desc (self, days, document->record->progress, TRUE);
  end (self);   /* teiHeader */
}

/* Writing standOff ----------------------------------------------------------------------- */

static TesseraAnnotationType *
type_by_key (Exporter   *self,
             const char *key)
{
  for (guint i = 0; key != NULL && i < g_list_model_get_n_items (self->tagset); i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (self->tagset, i);

      if (g_str_equal (tessera_annotation_type_get_key (type), key))
        return lookup_type (self, tessera_annotation_type_get_id (type));
    }
  return NULL;
}

static void
write_entity (Exporter         *self,
              TesseraTeiEntity *entity)
{
  g_autofree char *category = entity->type_key ? _tessera_tei_category_id (entity->type_key)
                                               : NULL;
  const char *list = entity->list;
  const char *name_element;

  start (self, list);
  attr (self, "xml:id", entity->id);
  pointer (self, "ana", category);

  if (g_str_equal (list, "object"))
    start (self, "objectIdentifier");
  if (g_str_equal (list, "person"))
    name_element = "persName";
  else if (g_str_equal (list, "org"))
    name_element = "orgName";
  else if (g_str_equal (list, "event"))
    name_element = "eventName";
  else if (g_str_equal (list, "place"))
    {
      TesseraAnnotationType *type = type_by_key (self, entity->type_key);

      name_element = type && g_strcmp0 (tessera_annotation_type_get_tei_element (type),
                                        "geogName") == 0 ? "geogName" : "placeName";
    }
  else
    name_element = "objectName";
  element (self, name_element, entity->record->name);

  for (guint i = 0; i < entity->record->authorities->len; i++)
    {
      TesseraAuthority *authority = &g_array_index (entity->record->authorities,
                                                    TesseraAuthority, i);

      /* @type is a token: a scheme with spaces is kept in @n. */
      start (self, "idno");
      if (_tessera_tei_is_token (authority->scheme))
        attr (self, "type", authority->scheme);
      else
        {
          attr (self, "type", "uri");
          attr (self, "n", authority->scheme);
        }
      preserve_if_needed (self, authority->uri);
      text (self, authority->uri);
      end (self);
    }
  if (g_str_equal (list, "object"))
    end (self);
  if (is_set (entity->record->description))
    element_typed (self, "note", "description", entity->record->description);
  write_attribute_notes (self, entity->record->attributes);
  end (self);
}

static gint64
entity_number (TesseraTeiEntity *entity)
{
  return g_ascii_strtoll (entity->id + 1, NULL, 10);
}

static int
compare_entities (gconstpointer a,
                  gconstpointer b)
{
  gint64 ia = entity_number (*(TesseraTeiEntity **) a);
  gint64 ib = entity_number (*(TesseraTeiEntity **) b);

  return (ia > ib) - (ia < ib);
}

static void
write_entity_lists (Exporter  *self,
                    GPtrArray *entities)
{
  static const struct { const char *list; const char *container; } lists[] = {
    { "person", "listPerson" }, { "org", "listOrg" }, { "place", "listPlace" },
    { "event", "listEvent" }, { "object", "listObject" },
  };

  g_ptr_array_sort (entities, compare_entities);
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      gboolean started = FALSE;

      for (guint i = 0; i < entities->len; i++)
        {
          TesseraTeiEntity *entity = g_ptr_array_index (entities, i);

          if (!g_str_equal (entity->list, lists[l].list))
            continue;
          if (!started)
            start (self, lists[l].container);
          started = TRUE;
          write_entity (self, entity);
        }
      if (started)
        end (self);
    }
}

typedef enum
{
  CARRIER_ELEMENT,             /* one inline element, or fragments joined */
  CARRIER_ANCHORS,             /* anchors and span(s) */
  CARRIER_STANDOFF,            /* a span pointing into the bare text */
} Carrier;

static Carrier
carrier_of (Exporter *self,
            Layout   *layout,
            guint     index)
{
  if (self->options.standoff_only)
    return CARRIER_STANDOFF;
  return layout->anchored[index] ? CARRIER_ANCHORS : CARRIER_ELEMENT;
}

/* "#string-range(p3,5,7)", or "#range(string-range(p3,5,0),string-range(p5,0,0))" for a
 * range over several paragraphs: offsets within the paragraph, in code points. */
static char *
string_range_pointer (Layout             *layout,
                      const char         *prefix,
                      const TesseraRange *range)
{
  guint first = paragraph_of (layout->lines, range->start);
  guint last = paragraph_of (layout->lines, range->end);
  guint start_in = range->start - g_array_index (layout->lines, Line, first).start;
  guint end_in = range->end - g_array_index (layout->lines, Line, last).start;

  if (first == last)
    return g_strdup_printf ("#string-range(%sp%u,%u,%u)", prefix, first + 1, start_in,
                            end_in - start_in);
  return g_strdup_printf ("#range(string-range(%sp%u,%u,0),string-range(%sp%u,%u,0))",
                          prefix, first + 1, start_in, prefix, last + 1, end_in);
}

static void
write_span (Exporter             *self,
            TesseraTeiAnnotation *annotation,
            const char           *id,
            gboolean              with_identity)
{
  start (self, "span");
  attr (self, "xml:id", id);
  attr (self, "type", annotation->element);
  attr (self, "subtype", annotation->element_type);
  if (with_identity)
    identity_attributes (self, annotation);
}

static void
write_spans (Exporter           *self,
             TesseraTeiDocument *document,
             Layout             *layout,
             const char         *prefix)
{
  gboolean started = FALSE;

  for (guint i = 0; i < document->annotations->len; i++)
    {
      TesseraTeiAnnotation *annotation = g_ptr_array_index (document->annotations, i);
      Carrier carrier = carrier_of (self, layout, i);
      guint n = annotation->record->ranges->len;

      if (carrier == CARRIER_ELEMENT)
        continue;
      if (!started)
        {
          start (self, "spanGrp");
          attr (self, "type", carrier == CARRIER_STANDOFF ? "standoff" : "anchored");
          started = TRUE;
        }

      if (carrier == CARRIER_STANDOFF)
        {
          g_autoptr(GString) target = g_string_new (NULL);

          for (guint r = 0; r < n; r++)
            {
              g_autofree char *pointer = string_range_pointer (
                layout, prefix, &g_array_index (annotation->record->ranges, TesseraRange, r));

              g_string_append_printf (target, "%s%s", r ? " " : "", pointer);
            }
          write_span (self, annotation, annotation->id, TRUE);
          attr (self, "target", target->str);
          end (self);
          continue;
        }

      for (guint r = 0; r < n; r++)
        {
          g_autofree char *from = anchor_xml_id (annotation, r, FALSE);
          g_autofree char *to = anchor_xml_id (annotation, r, TRUE);
          g_autofree char *id = n == 1 ? g_strdup (annotation->id)
                                       : g_strdup_printf ("%s.r%u", annotation->id, r + 1);

          write_span (self, annotation, id, n == 1);
          pointer (self, "from", from);
          pointer (self, "to", to);
          end (self);
        }
    }
  if (started)
    end (self);
}

static void
write_join (Exporter             *self,
            TesseraTeiAnnotation *annotation,
            GPtrArray            *targets)
{
  g_autoptr(GString) target = g_string_new (NULL);

  for (guint i = 0; i < targets->len; i++)
    g_string_append_printf (target, "%s#%s", i ? " " : "", (char *) g_ptr_array_index (targets, i));
  start (self, "join");
  attr (self, "xml:id", annotation->id);
  attr (self, "result", annotation->element);
  attr (self, "scope", "root");
  attr (self, "target", target->str);
  identity_attributes (self, annotation);
  end (self);
}

static void
write_joins (Exporter           *self,
             TesseraTeiDocument *document,
             Layout             *layout)
{
  for (guint i = 0; i < document->annotations->len; i++)
    {
      TesseraTeiAnnotation *annotation = g_ptr_array_index (document->annotations, i);
      g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);
      Carrier carrier = carrier_of (self, layout, i);

      if (carrier == CARRIER_ELEMENT && layout->n_fragments[i] > 1)
        {
          GArray *fragments = layout->fragments_of[i];

          for (guint f = 0; f < fragments->len; f++)
            g_ptr_array_add (targets, fragment_xml_id (annotation, layout,
                                                       g_array_index (fragments, guint, f)));
        }
      else if (carrier == CARRIER_ANCHORS && annotation->record->ranges->len > 1)
        {
          for (guint r = 0; r < annotation->record->ranges->len; r++)
            g_ptr_array_add (targets, g_strdup_printf ("%s.r%u", annotation->id, r + 1));
        }
      if (targets->len > 1)
        write_join (self, annotation, targets);
    }
}

static void
write_ptr (Exporter   *self,
           const char *type,
           const char *target)
{
  if (target == NULL)
    return;
  start (self, "ptr");
  attr (self, "type", type);
  pointer (self, "target", target);
  end (self);
}

static void
write_code_note (Exporter   *self,
                 const char *type,
                 const char *value)
{
  if (is_set (value))
    element_typed (self, "note", type, value);
}

/* Whether the annotation's own element says which entity it names. */
static gboolean
carries_entity (TesseraTeiAnnotation *annotation,
                Carrier               carrier)
{
  return carrier == CARRIER_ELEMENT && _tessera_tei_element_takes_ref (annotation->element);
}

static gboolean
needs_record (TesseraTeiAnnotation *annotation,
              Carrier               carrier)
{
  TesseraAnnotationRecord *record = annotation->record;

  return record->claim != NULL || is_set (record->note) ||
         record->status != TESSERA_STATUS_ACCEPTED || record->attributes != NULL ||
         (is_set (record->normalized) &&
          (carrier != CARRIER_ELEMENT || !writes_when (annotation))) ||
         (annotation->entity != NULL && !carries_entity (annotation, carrier));
}

static void
write_record (Exporter             *self,
              TesseraTeiAnnotation *annotation,
              Carrier               carrier,
              const char           *prefix)
{
  TesseraAnnotationRecord *record = annotation->record;
  g_autofree char *resp = resp_id (self, record->annotator);
  TesseraClaimRecord *claim = record->claim;
  const char *motivation;

  if (claim != NULL)
    motivation = "classifying";
  else if (annotation->entity != NULL)
    motivation = "identifying";
  else if (is_set (record->note))
    motivation = "commenting";
  else
    motivation = "describing";

  start (self, "annotation");
  attr_printf (self, "xml:id", "%sann.%s", prefix, annotation->id + strlen (prefix));
  pointer (self, "target", annotation->id);
  attr (self, "motivation", motivation);
  pointer (self, "resp", resp);

  if (!carries_entity (annotation, carrier))
    write_ptr (self, "entity", annotation->entity);
  if (claim != NULL)
    {
      write_ptr (self, "source", annotation->claim.source_entity);
      write_ptr (self, "source", annotation->claim.source_annotation);
      write_ptr (self, "cue", annotation->claim.cue);
      write_ptr (self, "parent", annotation->claim.parent);
      write_code_note (self, "source-kind", claim->source_kind);
      write_code_note (self, "quote-type", claim->quote_type);
      write_code_note (self, "polarity", claim->polarity);
      write_code_note (self, "factuality", claim->factuality);
      write_code_note (self, "writer-distance", claim->writer_distance);
      if (is_set (claim->statement_date))
        {
          start (self, "note");
          attr (self, "type", "statement-date");
          start (self, "date");
          if (_tessera_tei_is_w3c_date (claim->statement_date))
            attr (self, "when", claim->statement_date);
          preserve_if_needed (self, claim->statement_date);
          text (self, claim->statement_date);
          end (self);
          end (self);
        }
      write_code_note (self, "topic", claim->topic);
    }
  if (is_set (record->note))
    element_typed (self, "note", "comment", record->note);
  if (record->status != TESSERA_STATUS_ACCEPTED)
    element_typed (self, "note", "status", tessera_status_to_string (record->status));
  if (is_set (record->normalized) && (carrier != CARRIER_ELEMENT || !writes_when (annotation)))
    element_typed (self, "note", "normalized", record->normalized);
  write_attribute_notes (self, record->attributes);
  end (self);
}

static void
write_relation (Exporter           *self,
                TesseraTeiRelation *relation)
{
  g_autofree char *resp = resp_id (self, relation->record->annotator);
  guint position = relation_type_position (self, relation->record->type);

  start (self, "relation");
  attr (self, "xml:id", relation->id);
  /* The type's TEI name: @name is a token; a name with spaces is a label, @n. */
  attr (self, _tessera_tei_is_token (relation->name) ? "name" : "n", relation->name);
  if (position > 0)
    attr_printf (self, "ana", "#" TESSERA_TEI_RELATION_PREFIX "%u", position);
  pointer (self, "active", relation->source);
  pointer (self, "passive", relation->target);
  pointer (self, "resp", resp);
  if (is_set (relation->record->note))
    element (self, "desc", relation->record->note);
  end (self);
}

static void
write_stand_off (Exporter           *self,
                 TesseraTeiDocument *document,
                 Layout             *layout,
                 const char         *prefix,
                 GPtrArray          *entities)
{
  gboolean any = entities != NULL && entities->len > 0;
  gboolean records = FALSE;

  for (guint i = 0; i < document->annotations->len; i++)
    {
      TesseraTeiAnnotation *annotation = g_ptr_array_index (document->annotations, i);
      Carrier carrier = carrier_of (self, layout, i);

      if (carrier != CARRIER_ELEMENT || layout->n_fragments[i] > 1)
        any = TRUE;
      if (needs_record (annotation, carrier))
        records = any = TRUE;
    }
  if (document->relations->len > 0)
    any = TRUE;
  if (!any)
    return;

  start (self, "standOff");
  if (entities != NULL)
    write_entity_lists (self, entities);
  write_joins (self, document, layout);
  write_spans (self, document, layout, prefix);
  if (records)
    {
      start (self, "listAnnotation");
      for (guint i = 0; i < document->annotations->len; i++)
        {
          TesseraTeiAnnotation *annotation = g_ptr_array_index (document->annotations, i);
          Carrier carrier = carrier_of (self, layout, i);

          if (needs_record (annotation, carrier))
            write_record (self, annotation, carrier, prefix);
        }
      end (self);
    }
  if (document->relations->len > 0)
    {
      start (self, "listRelation");
      for (guint i = 0; i < document->relations->len; i++)
        write_relation (self, g_ptr_array_index (document->relations, i));
      end (self);
    }
  end (self);
}

/* Files ---------------------------------------------------------------------------------- */

/* The XML writer writes into the framework's stream; after a failure, or once the file is
 * abandoned, what it still flushes goes nowhere. */
static int
write_to_stream (void       *context,
                 const char *buffer,
                 int         length)
{
  Exporter *self = context;
  g_autoptr(GError) local_error = NULL;

  if (self->stream == NULL)
    return length;
  if (!g_output_stream_write_all (self->stream, buffer, length, NULL, NULL, &local_error))
    {
      if (self->error == NULL)
        g_set_error (&self->error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_FAILED,
                     _("Could not write %s: %s"), self->file_name, local_error->message);
      return -1;
    }
  return length;
}

static int
close_stream (void *context)
{
  return 0;
}

static gboolean
begin_file (Exporter  *self,
            GError   **error)
{
  xmlOutputBuffer *output = xmlOutputBufferCreateIO (write_to_stream, close_stream, self, NULL);

  self->writer = output ? xmlNewTextWriter (output) : NULL;
  if (self->writer == NULL)
    {
      g_clear_pointer (&output, xmlOutputBufferClose);
      g_set_error (error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_FAILED,
                   _("Could not create %s: %s"), self->file_name, _("the XML writer failed"));
      return FALSE;
    }
  check (self, xmlTextWriterSetIndentString (self->writer, BAD_CAST "  "));
  set_indent (self, TRUE);
  check (self, xmlTextWriterStartDocument (self->writer, "1.0", "UTF-8", NULL));
  check (self, xmlTextWriterWritePI (self->writer, BAD_CAST "xml-model",
                                     BAD_CAST "href=\"" SCHEMA_URL "\" type=\"application/xml\""
                                     " schematypens=\"http://relaxng.org/ns/structure/1.0\""));
  return TRUE;
}

/* Everything written is in the framework's stream, which closes the file. */
static gboolean
end_file (Exporter  *self,
          GError   **error)
{
  if (self->error == NULL)
    check (self, xmlTextWriterEndDocument (self->writer));
  if (self->error == NULL)
    check (self, xmlTextWriterFlush (self->writer));
  g_clear_pointer (&self->writer, xmlFreeTextWriter);
  self->stream = NULL;
  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }
  return TRUE;
}

/* The entities a document's file lists: those its mentions and claims refer to. */
static GPtrArray *
referenced_entities (Exporter           *self,
                     TesseraTeiDocument *document)
{
  GPtrArray *entities = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < document->annotations->len; i++)
    {
      TesseraTeiAnnotation *annotation = g_ptr_array_index (document->annotations, i);
      const char *ids[2] = { annotation->entity, annotation->claim.source_entity };

      for (guint j = 0; j < G_N_ELEMENTS (ids); j++)
        {
          TesseraTeiEntity *entity = ids[j] ? g_hash_table_lookup (self->context->entities, ids[j])
                                            : NULL;

          if (entity != NULL && g_hash_table_add (seen, entity))
            g_ptr_array_add (entities, entity);
        }
    }
  return entities;
}

/* Returns the model the document was written from, for the self-check. */
static TesseraTeiDocument *
write_tei (Exporter                     *self,
           TesseraDocumentRecord        *record,
           gboolean                      in_corpus,
           GCancellable                 *cancellable,
           GError                      **error)
{
  g_autofree char *prefix = in_corpus ? g_strdup_printf ("d%" G_GINT64_FORMAT ".", record->id)
                                      : g_strdup ("");
  g_autoptr(TesseraTeiDocument) document = NULL;
  g_autoptr(Layout) layout = NULL;
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(GPtrArray) entities = NULL;

  document = document_model (self, record, prefix, error);
  if (document == NULL)
    return NULL;
  days = _tessera_store_dup_revision_days (self->store, document->record->id, error);
  if (days == NULL)
    return NULL;
  layout = compute_layout (document, &self->options);
  if (!in_corpus)
    entities = referenced_entities (self, document);

  start (self, "TEI");
  if (!in_corpus)
    attr (self, "xmlns", TESSERA_TEI_NS);
  attr (self, "xml:id", document->id);
  if (_tessera_tei_is_language_tag (document->record->info.language))
    attr (self, "xml:lang", document->record->info.language);
  write_tei_header (self, document, days, in_corpus);
  write_stand_off (self, document, layout, prefix, entities);
  write_body (self, document, layout, prefix, cancellable);
  end (self);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&document);
}

static char *
corpus_title (Exporter *self)
{
  g_autofree char *base = NULL;
  char *dot;

  if (is_set (self->options.title))
    return g_strdup (self->options.title);
  base = g_path_get_basename (tessera_store_get_path (self->store));
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_strdup_printf (self->n_documents == 1 ? "%s: %u document" : "%s: %u documents",
                          base, self->n_documents);
}

/* The self-check ------------------------------------------------------------------------- */

static TesseraTeiExportWrittenFunc written_func;
static gpointer written_data;

void
_tessera_tei_export_set_written_func (TesseraTeiExportWrittenFunc func,
                                      gpointer                    user_data)
{
  written_func = func;
  written_data = user_data;
}

static gboolean
verify_document (TesseraTeiContext   *context,
                 TesseraTeiDocument  *document,
                 gpointer             user_data,
                 GError             **error)
{
  /* Taken, and freed once compared. */
  g_autoptr(TesseraTeiDocument) read = document;
  Exporter *self = user_data;
  Verification *verification = &self->verification;
  g_autoptr(TesseraTeiDocument) expected = g_queue_pop_head (&verification->written);
  g_autofree char *problem = NULL;

  if (expected == NULL || verification->next >= verification->n_ids)
    {
      g_set_error (error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_SELF_CHECK,
                   _("%s holds more documents than were written"), self->file_name);
      return FALSE;
    }
  verification->next++;

  if (g_strcmp0 (read->id, expected->id) != 0)
    problem = g_strdup_printf (_("the document “%s” reads back as “%s”"), expected->id,
                               read->id ? read->id : "");
  else
    problem = _tessera_tei_document_compare (expected, self->context, read, context);
  if (problem != NULL)
    {
      g_set_error (error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_SELF_CHECK,
                   _("%s does not read back as the project, so it was not kept: in “%s”, %s"),
                   self->file_name,
                   expected->record->info.title ? expected->record->info.title : "", problem);
      return FALSE;
    }
  return TRUE;
}

/* Takes @local_error: a failure to read the file says so; a difference found is as is. */
static gboolean
read_back_failed (Exporter  *self,
                  GError    *local_error,
                  GError   **error)
{
  if (local_error->domain == TESSERA_TEI_ERROR &&
      local_error->code != TESSERA_TEI_ERROR_SELF_CHECK)
    {
      g_set_error (error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_SELF_CHECK,
                   _("%s could not be read back, so it was not kept: %s"), self->file_name,
                   local_error->message);
      g_error_free (local_error);
    }
  else
    g_propagate_error (error, local_error);
  return FALSE;
}

/* Takes the model @document was written from, and reads back what the file holds so far.
 * A failure of the writer is left for end_file() to report. */
static gboolean
verify_written (Exporter            *self,
                TesseraTeiDocument  *document,
                GError             **error)
{
  Verification *verification = &self->verification;
  GError *local_error = NULL;

  g_queue_push_tail (&verification->written, document);
  if (!check (self, xmlTextWriterFlush (self->writer)))
    return TRUE;
  if (!g_output_stream_flush (self->stream, self->cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      g_set_error (&self->error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_FAILED,
                   _("Could not write %s: %s"), self->file_name, local_error->message);
      g_error_free (local_error);
      return TRUE;
    }
  if (written_func != NULL)
    written_func (verification->path, written_data);
  if (_tessera_tei_reader_step (verification->reader, self->cancellable, &local_error))
    return TRUE;
  return read_back_failed (self, local_error, error);
}

static void
verification_clear (Verification *verification)
{
  g_clear_pointer (&verification->reader, _tessera_tei_reader_free);
  g_queue_clear_full (&verification->written, (GDestroyNotify) _tessera_tei_document_free);
  verification->path = NULL;
  verification->next = 0;
  verification->n_ids = 0;
}

/* After a failure, or at the end: the writer goes, and what it still holds goes nowhere. */
static void
abandon_file (Exporter *self)
{
  self->stream = NULL;
  g_clear_pointer (&self->writer, xmlFreeTextWriter);
  g_clear_error (&self->error);
  verification_clear (&self->verification);
}

/* The files ------------------------------------------------------------------------------ */

/* What a teiCorpus file says before its first TEI: the corpus header, and every entity of
 * the project as the authority the documents point to. */
static gboolean
write_corpus_header (Exporter  *self,
                     GError   **error)
{
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) entities = g_ptr_array_new ();
  g_autofree char *title = corpus_title (self);
  GListModel *all_entities = tessera_store_get_entities (self->store);
  GHashTableIter iter;
  gpointer key;

  days = _tessera_store_dup_revision_days (self->store, 0, error);
  if (days == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (all_entities); i++)
    {
      g_autoptr(TesseraEntity) entity = g_list_model_get_item (all_entities, i);
      g_autoptr(TesseraEntityRecord) record = NULL;

      record = _tessera_store_dup_entity_record (self->store, tessera_entity_get_id (entity),
                                                 error);
      if (record == NULL)
        return FALSE;
      g_ptr_array_add (entities, entity_model (self, record));
    }
  g_hash_table_iter_init (&iter, self->annotator_ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (names, g_strdup (key));
  g_ptr_array_sort_with_data (names, compare_resp, self->annotator_ids);

  start (self, "teiCorpus");
  attr (self, "xmlns", TESSERA_TEI_NS);
  start (self, "teiHeader");
  start (self, "fileDesc");
  start (self, "titleStmt");
  element (self, "title", title);
  write_resp_stmts (self, names);
  end (self);
  write_publication_stmt (self);
  start (self, "sourceDesc");
  element (self, "p", "Articles annotated with Tessera; the header of each TEI below "
                      "describes its source.");
  end (self);
  end (self);
  write_encoding_desc (self);
  write_revision_desc (self, days, TESSERA_PROGRESS_NOT_STARTED, FALSE);
  end (self);

  if (entities->len > 0)
    {
      start (self, "standOff");
      attr (self, "type", "authorities");
      write_entity_lists (self, entities);
      end (self);
    }
  /* Relations between documents: their ends' xml:ids are unique in the corpus. */
  if (self->corpus_relations->len > 0)
    {
      start (self, "standOff");
      attr (self, "type", "relations");
      start (self, "listRelation");
      for (guint i = 0; i < self->corpus_relations->len; i++)
        write_relation (self, g_ptr_array_index (self->corpus_relations, i));
      end (self);
      end (self);
    }
  return TRUE;
}

/**
 * _tessera_tei_writer_new:
 * @store: the project
 * @options: how to write; the strings are borrowed until the writer is freed
 * @document_ids: the documents in the export
 * @n_documents: how many
 *
 * Checks what the options write into every file (text XML carries, as the project's is)
 * and reads what every file takes from the project as a whole.
 *
 * Returns: (transfer full): the writer, or %NULL with @error set, before anything is
 *   written
 */
TesseraTeiWriter *
_tessera_tei_writer_new (TesseraStore                   *store,
                         const TesseraTeiExportOptions  *options,
                         const gint64                   *document_ids,
                         guint                           n_documents,
                         GCancellable                   *cancellable,
                         GError                        **error)
{
  g_autoptr(TesseraTeiWriter) self = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (!_tessera_tei_check_text (options->publisher, _("The publisher"), error) ||
      !_tessera_tei_check_text (options->licence_url, _("The licence"), error) ||
      !_tessera_tei_check_text (options->title, _("The title of the corpus"), error))
    return NULL;

  xmlInitParser ();
  self = g_new0 (TesseraTeiWriter, 1);
  self->store = g_object_ref (store);
  self->options = *options;
  self->n_documents = n_documents;
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  self->tagset = tessera_store_get_tagset (store);
  self->types = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->context = _tessera_tei_context_new ();
  self->today = g_date_time_format (now, "%Y-%m-%d");
  g_queue_init (&self->verification.written);
  for (guint i = 0; i < g_list_model_get_n_items (self->tagset); i++)
    {
      TesseraAnnotationType *type = g_list_model_get_item (self->tagset, i);
      gint64 id = tessera_annotation_type_get_id (type);

      g_hash_table_insert (self->types, g_memdup2 (&id, 8), type);
    }
  self->relation_types = tessera_store_dup_relation_types (store, error);
  if (self->relation_types == NULL)
    return NULL;
  self->annotator_ids = _tessera_store_dup_annotator_ids (store, error);
  if (self->annotator_ids == NULL)
    return NULL;
  self->corpus_relations =
    g_ptr_array_new_with_free_func ((GDestroyNotify) _tessera_tei_relation_free);
  if (options->corpus && !collect_corpus_relations (self, document_ids, n_documents, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * _tessera_tei_writer_begin_file:
 * @stream: where the file is written
 * @temporary: the file @stream writes, read back as it is written
 * @display_name: the destination, for messages
 *
 * Starts a file: the `teiCorpus` and its header, or nothing yet of the one document.
 */
gboolean
_tessera_tei_writer_begin_file (TesseraTeiWriter  *self,
                                GOutputStream     *stream,
                                const char        *temporary,
                                const char        *display_name,
                                GError           **error)
{
  abandon_file (self);
  self->stream = stream;
  self->file_name = display_name;
  self->verification.path = temporary;
  self->verification.n_ids = self->options.corpus ? self->n_documents : 1;
  self->verification.reader = _tessera_tei_reader_new (temporary, TESSERA_TEI_READER_STRICT |
                                                       (self->options.corpus ?
                                                        TESSERA_TEI_READER_CORPUS : 0),
                                                       self->tagset, verify_document,
                                                       self, error);
  if (self->verification.reader == NULL || !begin_file (self, error))
    return FALSE;
  return !self->options.corpus || write_corpus_header (self, error);
}

/**
 * _tessera_tei_writer_write_document:
 *
 * Writes a document (a `TEI`), and reads back what the file holds so far.
 */
gboolean
_tessera_tei_writer_write_document (TesseraTeiWriter             *self,
                                    TesseraDocumentRecord        *record,
                                    GError                      **error)
{
  TesseraTeiDocument *document;

  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }
  document = write_tei (self, record, self->options.corpus, self->cancellable, error);
  if (document == NULL)
    return FALSE;
  return verify_written (self, document, error);
}

/**
 * _tessera_tei_writer_end_file:
 *
 * Ends the file; the stream is closed by the caller.
 */
gboolean
_tessera_tei_writer_end_file (TesseraTeiWriter  *self,
                              GError           **error)
{
  if (self->options.corpus)
    end (self);
  return end_file (self, error);
}

/**
 * _tessera_tei_writer_check_file:
 *
 * Reads back the rest of the file, once it is complete and closed: it must hold every
 * document written, each as it was written.
 *
 * Returns: %FALSE with @error set if the file must not be kept
 */
gboolean
_tessera_tei_writer_check_file (TesseraTeiWriter  *self,
                                GCancellable      *cancellable,
                                GError           **error)
{
  Verification *verification = &self->verification;
  g_autoptr(TesseraTeiContext) context = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (verification->reader != NULL, FALSE);

  if (written_func != NULL)
    written_func (verification->path, written_data);
  context = _tessera_tei_reader_finish (verification->reader, cancellable, &local_error);
  if (context == NULL)
    return read_back_failed (self, local_error, error);
  if (verification->next != verification->n_ids)
    {
      g_set_error (error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_SELF_CHECK,
                   _("%s reads back with %u documents instead of %u, so it was not kept"),
                   self->file_name, verification->next, verification->n_ids);
      return FALSE;
    }
  if (context->relations->len != self->corpus_relations->len)
    {
      g_set_error (error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_SELF_CHECK,
                   _("%s reads back with %u relations between documents instead of %u, so "
                     "it was not kept"),
                   self->file_name, context->relations->len, self->corpus_relations->len);
      return FALSE;
    }
  verification_clear (verification);
  return TRUE;
}

void
_tessera_tei_writer_free (TesseraTeiWriter *self)
{
  if (self == NULL)
    return;
  abandon_file (self);
  g_clear_pointer (&self->types, g_hash_table_unref);
  g_clear_pointer (&self->relation_types, g_ptr_array_unref);
  g_clear_pointer (&self->annotator_ids, g_hash_table_unref);
  g_clear_pointer (&self->context, _tessera_tei_context_free);
  g_clear_pointer (&self->written_entities, g_ptr_array_unref);
  g_clear_pointer (&self->corpus_relations, g_ptr_array_unref);
  g_clear_pointer (&self->today, g_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_free (self);
}
