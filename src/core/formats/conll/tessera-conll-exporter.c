/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-conll"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-conll-exporter.h"

#include "tessera-annotation-type.h"
#include "tessera-conll-private.h"
#include "tessera-exporter-private.h"
#include "tessera-format-compare.h"
#include "tessera-text.h"

/*
 * CoNLL-2003 with IOB2 (or IOBES) tags, as conlleval, seqeval, flair and spaCy read it:
 * one token a line, its fields separated by one space, a blank line after each sentence,
 * a -DOCSTART- line (with as many fields as the others) before each document. Every line
 * has the same number of fields: a token never holds a space (the tokeniser's "3 500" is
 * written as two tokens), a type key's spaces are written as underscores. Each document is
 * read back as soon as it is in the file, with the importer's reader, and its tokens and
 * annotations compared with those written, so that one document is in memory at a time.
 */

struct _TesseraConllExporter
{
  TesseraExporter      parent_instance;

  TesseraConllColumns  columns;
  TesseraConllScheme   scheme;
  TesseraConllLayers   layers;
  gboolean             titles;

  /* During an export. */
  TesseraStore        *store;
  GString             *buffer;
  guint                n_written;    /* documents */
  /* The read-back: the file as it grows, read with the importer's reader. */
  GInputStream        *readback;
  GString             *pending;      /* a line read back in part */
  TesseraConllReader  *reader;
  TesseraConllTypes    types;
  guint                n_read;
  guint                n_left_out;
  guint                n_flattened;
  guint                n_inside;
  guint                n_no_token;
  guint                n_claims;
  guint                n_links;
  guint                n_relations;
  guint                n_notes;
};

G_DEFINE_FINAL_TYPE (TesseraConllExporter, tessera_conll_exporter, TESSERA_TYPE_EXPORTER)

enum {
  PROP_0,
  PROP_COLUMNS,
  PROP_SCHEME,
  PROP_LAYERS,
  PROP_TITLES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const conll_extensions[] = { "conll", "iob", "bio", "conll03", NULL };

/* Written when the buffer holds this much. */
#define FLUSH_BYTES (64 * 1024)

/* The names are what the user reads (translated where shown), the nicks what they type. */
static const GEnumValue columns_values[] = {
  { TESSERA_CONLL_COLUMNS_TOKEN_TAG, N_("Token and tag"), "token,tag" },
  { TESSERA_CONLL_COLUMNS_TOKEN_OFFSETS_TAG, N_("Token, its offsets and tag"),
    "token,start,end,tag" },
  { 0, NULL, NULL }
};

static const GEnumValue scheme_values[] = {
  { TESSERA_CONLL_SCHEME_IOB2, N_("IOB2 (B-, I-, O)"), "iob2" },
  { TESSERA_CONLL_SCHEME_IOBES, N_("IOBES (B-, I-, E-, S-, O)"), "iobes" },
  { 0, NULL, NULL }
};

static const GEnumValue layers_values[] = {
  { TESSERA_CONLL_LAYERS_OUTERMOST, N_("One column, the outermost annotation"), "outermost" },
  { TESSERA_CONLL_LAYERS_KINDS, N_("A column per kind: entities, claims, cues"), "kinds" },
  { 0, NULL, NULL }
};

static GType
register_enum (gsize            *type_id,
               const char       *name,
               const GEnumValue *values)
{
  if (g_once_init_enter (type_id))
    g_once_init_leave (type_id, g_enum_register_static (name, values));
  return *type_id;
}

GType
tessera_conll_columns_get_type (void)
{
  static gsize type_id;

  return register_enum (&type_id, "TesseraConllColumns", columns_values);
}

GType
tessera_conll_scheme_get_type (void)
{
  static gsize type_id;

  return register_enum (&type_id, "TesseraConllScheme", scheme_values);
}

GType
tessera_conll_layers_get_type (void)
{
  static gsize type_id;

  return register_enum (&type_id, "TesseraConllLayers", layers_values);
}

/* A type's key as a tag names it: spaces (no-break ones too, which Python's split() cuts
 * at) would split the line, they become underscores. */
static void
append_tag_key (GString               *out,
                TesseraAnnotationType *type)
{
  for (const char *p = tessera_annotation_type_get_key (type); *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_isspace (g_utf8_get_char (p)))
        g_string_append_c (out, '_');
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
}

static char *
dup_tag_key (TesseraAnnotationType *type)
{
  GString *key = g_string_new (NULL);

  append_tag_key (key, type);
  return g_string_free (key, FALSE);
}

/* The first byte of @token in the text @cursor walks through, in order; @cursor is left at
 * its end. */
static const char *
next_token (TesseraTextCursor  *cursor,
            const TesseraToken *token)
{
  const char *start;

  for (; cursor->offset < token->start; cursor->offset++)
    cursor->position = g_utf8_next_char (cursor->position);
  start = cursor->position;
  for (; cursor->offset < token->end; cursor->offset++)
    cursor->position = g_utf8_next_char (cursor->position);
  return start;
}

/* A title on one line. */
static char *
dup_title_line (const char *title)
{
  char *line = g_strdup (title != NULL ? title : "");

  for (char *p = line; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r' || *p == '\t')
        *p = ' ';
    }
  return g_strstrip (line);
}

static gboolean
tessera_conll_exporter_prepare (TesseraExporter  *exporter,
                                TesseraStore     *store,
                                const gint64     *document_ids,
                                guint             n_documents,
                                GCancellable     *cancellable,
                                GError          **error)
{
  TesseraConllExporter *self = TESSERA_CONLL_EXPORTER (exporter);

  g_set_object (&self->store, store);
  self->n_left_out = self->n_flattened = self->n_inside = self->n_no_token = 0;
  self->n_claims = self->n_links = self->n_relations = self->n_notes = 0;
  return TRUE;
}

static void
tessera_conll_exporter_finish (TesseraExporter *exporter)
{
  TesseraConllExporter *self = TESSERA_CONLL_EXPORTER (exporter);

  g_clear_object (&self->store);
  g_clear_object (&self->readback);
  g_clear_pointer (&self->reader, _tessera_conll_reader_free);
  _tessera_conll_types_clear (&self->types);
  if (self->buffer != NULL)
    g_string_free (g_steal_pointer (&self->buffer), TRUE);
  if (self->pending != NULL)
    g_string_free (g_steal_pointer (&self->pending), TRUE);
}

static gboolean
tessera_conll_exporter_begin (TesseraExporter  *exporter,
                              GOutputStream    *stream,
                              GError          **error)
{
  TesseraConllExporter *self = TESSERA_CONLL_EXPORTER (exporter);
  g_autoptr(GFile) file = g_file_new_for_path (_tessera_exporter_get_temporary_path (exporter));

  if (self->buffer == NULL)
    self->buffer = g_string_sized_new (FLUSH_BYTES + 4096);
  if (self->pending == NULL)
    self->pending = g_string_new (NULL);
  g_string_truncate (self->buffer, 0);
  g_string_truncate (self->pending, 0);
  self->n_written = self->n_read = 0;

  g_clear_object (&self->readback);
  self->readback = G_INPUT_STREAM (g_file_read (file, NULL, error));
  if (self->readback == NULL)
    return FALSE;
  g_clear_pointer (&self->reader, _tessera_conll_reader_free);
  _tessera_conll_types_clear (&self->types);
  _tessera_conll_types_init (&self->types, self->store);
  self->reader = _tessera_conll_reader_new (_tessera_exporter_get_display_name (exporter),
                                            &self->types);
  return TRUE;
}

static gboolean
flush (TesseraConllExporter  *self,
       GOutputStream         *stream,
       gsize                  threshold,
       GError               **error)
{
  if (self->buffer->len < threshold)
    return TRUE;
  if (!g_output_stream_write_all (stream, self->buffer->str, self->buffer->len, NULL, NULL,
                                  error))
    return FALSE;
  g_string_truncate (self->buffer, 0);
  return TRUE;
}

/* The tag of token @t in a column, @span the annotation it is in (or NULL). */
static void
append_tag (TesseraConllExporter   *self,
            const TesseraConllSpan *span,
            guint                   t)
{
  char prefix;

  g_string_append_c (self->buffer, ' ');
  if (span == NULL)
    {
      g_string_append_c (self->buffer, 'O');
      return;
    }
  if (self->scheme == TESSERA_CONLL_SCHEME_IOBES)
    prefix = span->first == span->last ? 'S' : t == span->first ? 'B' : t == span->last ? 'E' : 'I';
  else
    prefix = t == span->first ? 'B' : 'I';
  g_string_append_c (self->buffer, prefix);
  g_string_append_c (self->buffer, '-');
  append_tag_key (self->buffer, span->annotation->type);
}

static void
append_docstart (TesseraConllExporter  *self,
                 TesseraDocumentRecord *document,
                 guint                  n_columns)
{
  /* As many fields as a token line: every reader counts them. With the offsets, those of
   * the whole text, so that the white space after the last token is kept. */
  g_string_append (self->buffer, TESSERA_CONLL_DOCSTART);
  if (self->columns == TESSERA_CONLL_COLUMNS_TOKEN_OFFSETS_TAG)
    g_string_append_printf (self->buffer, " 0 %u", tessera_text_length (document->text));
  for (guint c = 0; c < n_columns; c++)
    g_string_append (self->buffer, " O");
  g_string_append_c (self->buffer, '\n');
  if (self->titles)
    {
      g_autofree char *title = dup_title_line (document->info.title);

      g_string_append_printf (self->buffer, "%s%s\n", TESSERA_CONLL_TITLE_COMMENT, title);
    }
  g_string_append_c (self->buffer, '\n');
}

/* What CoNLL cannot carry of @document, for the notes. */
static void
count_left_out (TesseraConllExporter  *self,
                TesseraDocumentRecord *document,
                TesseraConllLayout    *layout)
{
  self->n_left_out += layout->n_left_out;
  self->n_flattened += layout->n_flattened;
  self->n_inside += layout->n_inside;
  self->n_no_token += layout->n_no_token;
  self->n_relations += document->relations != NULL ? document->relations->len : 0;
  for (guint i = 0; i < document->annotations->len; i++)
    {
      TesseraAnnotationRecord *annotation = g_ptr_array_index (document->annotations, i);

      self->n_claims += annotation->claim != NULL;
      self->n_links += annotation->entity != NULL;
      self->n_notes += annotation->note != NULL && annotation->note[0] != '\0';
    }
}

static gboolean read_back (TesseraConllExporter   *self,
                           TesseraDocumentRecord  *written,
                           TesseraConllLayout     *layout,
                           GError                **error);

static gboolean
tessera_conll_exporter_write_document (TesseraExporter        *exporter,
                                       GOutputStream          *stream,
                                       TesseraDocumentRecord  *document,
                                       GError                **error)
{
  TesseraConllExporter *self = TESSERA_CONLL_EXPORTER (exporter);
  g_autoptr(TesseraConllLayout) layout = _tessera_conll_layout_new (document, self->layers);
  const TesseraConllSpan *current[TESSERA_CONLL_MAX_TAG_COLUMNS] = { NULL };
  guint next[TESSERA_CONLL_MAX_TAG_COLUMNS] = { 0 };
  TesseraTextCursor cursor = { document->text, 0 };
  guint sentence = 0;

  count_left_out (self, document, layout);
  self->n_written++;
  append_docstart (self, document, layout->n_columns);

  for (guint t = 0; t < layout->tokens->len; t++)
    {
      const TesseraToken *token = &g_array_index (layout->tokens, TesseraToken, t);
      const char *start = next_token (&cursor, token);

      g_string_append_len (self->buffer, start, cursor.position - start);
      if (self->columns == TESSERA_CONLL_COLUMNS_TOKEN_OFFSETS_TAG)
        g_string_append_printf (self->buffer, " %u %u", token->start, token->end);

      for (guint c = 0; c < layout->n_columns; c++)
        {
          GArray *spans = layout->spans[c];

          if (current[c] != NULL && t > current[c]->last)
            current[c] = NULL;
          if (next[c] < spans->len && g_array_index (spans, TesseraConllSpan, next[c]).first == t)
            current[c] = &g_array_index (spans, TesseraConllSpan, next[c]++);
          append_tag (self, current[c], t);
        }
      g_string_append_c (self->buffer, '\n');

      if (sentence < layout->sentence_ends->len &&
          g_array_index (layout->sentence_ends, guint, sentence) == t + 1)
        {
          g_string_append_c (self->buffer, '\n');
          sentence++;
          if (!flush (self, stream, FLUSH_BYTES, error))
            return FALSE;
        }
    }
  /* Into the file, then read back. */
  return flush (self, stream, 1, error) && g_output_stream_flush (stream, NULL, error) &&
         read_back (self, document, layout, error);
}

static gboolean
tessera_conll_exporter_end (TesseraExporter  *exporter,
                            GOutputStream    *stream,
                            GError          **error)
{
  TesseraConllExporter *self = TESSERA_CONLL_EXPORTER (exporter);
  /* What the file could not carry, for the export's summary. */
  const struct
  {
    guint       count;
    const char *note;
  } notes[] = {
    { self->n_left_out, N_("Annotations nested in or overlapping others, not in the tag "
                           "column:") },
    { self->n_flattened, N_("Discontinuous annotations, written as one span from their first "
                            "word to their last:") },
    { self->n_inside, N_("Annotations that begin or end inside a token, written on the whole "
                         "token:") },
    { self->n_no_token, N_("Annotations that cover no word, not written:") },
    { self->n_claims, N_("Claims whose fields, source and cue CoNLL cannot carry:") },
    { self->n_relations, N_("Relations, which CoNLL cannot carry:") },
    { self->n_links, N_("Links to entities, which CoNLL cannot carry:") },
    { self->n_notes, N_("Notes on annotations, which CoNLL cannot carry:") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      if (notes[i].count > 0)
        tessera_exporter_add_note (exporter, "%s %u", _(notes[i].note), notes[i].count);
    }
  return flush (self, stream, 1, error);
}

/* The tokens read back are those written, one by one. */
static gboolean
check_tokens (const char          *where,
              TesseraConllReader  *reader,
              TesseraDocumentRecord *stored,
              TesseraConllLayout  *layout,
              GError             **error)
{
  GPtrArray *tokens = _tessera_conll_reader_get_tokens (reader);
  TesseraTextCursor cursor = { stored->text, 0 };

  if (tokens->len != layout->tokens->len)
    {
      g_set_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK,
                   _("%s: %u tokens were written but %u read back"), where,
                   layout->tokens->len, tokens->len);
      return FALSE;
    }
  for (guint t = 0; t < tokens->len; t++)
    {
      const TesseraToken *token = &g_array_index (layout->tokens, TesseraToken, t);
      const char *read = g_ptr_array_index (tokens, t);
      const char *start = next_token (&cursor, token);
      gsize length = cursor.position - start;

      if (strlen (read) != length || memcmp (read, start, length) != 0)
        {
          g_set_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK,
                       _("%s: the token “%.*s” was written but “%s” reads back"), where,
                       (int) length, start, read);
          return FALSE;
        }
    }
  return TRUE;
}

/* A document read back against the one written, as it was laid out. */
static gboolean
check_document (TesseraConllExporter   *self,
                TesseraDocumentRecord  *read,
                TesseraDocumentRecord  *written,
                TesseraConllLayout     *layout,
                GError                **error)
{
  g_autoptr(GPtrArray) expected = NULL;
  g_autofree char *where = NULL;
  const TesseraToken *offsets = _tessera_conll_reader_get_offsets (self->reader);

  where = g_strdup_printf (_("%s, document %u (%s)"),
                           _tessera_exporter_get_display_name (TESSERA_EXPORTER (self)),
                           self->n_read, written->info.title != NULL ? written->info.title : "");
  if (!check_tokens (where, self->reader, written, layout, error))
    return FALSE;
  if (self->columns == TESSERA_CONLL_COLUMNS_TOKEN_OFFSETS_TAG &&
      tessera_text_length (read->text) != tessera_text_length (written->text))
    {
      g_set_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK,
                   _("%s: the text reads back with %u characters instead of %u"), where,
                   tessera_text_length (read->text), tessera_text_length (written->text));
      return FALSE;
    }
  if (self->titles)
    {
      g_autofree char *title = dup_title_line (written->info.title);

      if (g_strcmp0 (title, read->info.title != NULL ? read->info.title : "") != 0)
        {
          g_set_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK,
                       _("%s: its title reads back as “%s”"), where,
                       read->info.title != NULL ? read->info.title : "");
          return FALSE;
        }
    }

  expected = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_annotation_record_free);
  for (guint c = 0; c < layout->n_columns; c++)
    {
      for (guint i = 0; i < layout->spans[c]->len; i++)
        {
          const TesseraConllSpan *span = &g_array_index (layout->spans[c], TesseraConllSpan, i);
          TesseraAnnotationRecord *annotation = tessera_annotation_record_new ();
          g_autofree char *key = dup_tag_key (span->annotation->type);
          TesseraRange range = { offsets[span->first].start, offsets[span->last].end };

          annotation->type = g_object_ref (_tessera_conll_types_lookup (&self->types, key, c,
                                                                        layout->n_columns));
          g_array_append_val (annotation->ranges, range);
          g_ptr_array_add (expected, annotation);
        }
    }
  return tessera_format_compare_annotations (where, read->text, expected, read->annotations, 0,
                                             error);
}

/* One line read back; no document may end in the middle of one written. */
static gboolean
read_back_line (TesseraConllExporter  *self,
                const char            *line,
                gsize                  length,
                GError               **error)
{
  g_autoptr(TesseraDocumentRecord) document = NULL;

  if (!_tessera_conll_reader_read_line (self->reader, line, length, &document, error))
    return FALSE;
  if (document != NULL)
    {
      g_set_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK,
                   _("%s reads back with more documents than were written"),
                   _tessera_exporter_get_display_name (TESSERA_EXPORTER (self)));
      return FALSE;
    }
  return TRUE;
}

/* Reads what the file holds beyond what was read back, and checks the document it ends
 * with against @written (at the end of the file, with @written %NULL, none may come). */
static gboolean
read_back (TesseraConllExporter   *self,
           TesseraDocumentRecord  *written,
           TesseraConllLayout     *layout,
           GError                **error)
{
  g_autoptr(TesseraDocumentRecord) read = NULL;
  g_autofree char *chunk = g_malloc (FLUSH_BYTES);
  gssize n;

  while ((n = g_input_stream_read (self->readback, chunk, FLUSH_BYTES, NULL, error)) > 0)
    {
      const char *p = chunk;
      const char *end = chunk + n;

      while (p < end)
        {
          const char *line_end = memchr (p, '\n', end - p);

          if (line_end == NULL)
            {
              g_string_append_len (self->pending, p, end - p);
              break;
            }
          if (self->pending->len > 0)
            {
              g_string_append_len (self->pending, p, line_end - p);
              if (!read_back_line (self, self->pending->str, self->pending->len, error))
                return FALSE;
              g_string_truncate (self->pending, 0);
            }
          else if (!read_back_line (self, p, line_end - p, error))
            return FALSE;
          p = line_end + 1;
        }
    }
  if (n < 0)
    return FALSE;
  if (written == NULL && self->pending->len > 0 &&
      !read_back_line (self, self->pending->str, self->pending->len, error))
    return FALSE;

  if (!_tessera_conll_reader_finish (self->reader, &read, error))
    return FALSE;
  if (read != NULL && written == NULL)
    {
      g_set_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK,
                   _("%s reads back with more documents than were written"),
                   _tessera_exporter_get_display_name (TESSERA_EXPORTER (self)));
      return FALSE;
    }
  if (written == NULL)
    return TRUE;
  self->n_read++;
  /* A document without a word has only its -DOCSTART- line. */
  if (read == NULL && layout->tokens->len == 0)
    return TRUE;
  if (read == NULL)
    {
      g_set_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK,
                   _("%s: %u documents were written but %u read back"),
                   _tessera_exporter_get_display_name (TESSERA_EXPORTER (self)),
                   self->n_written, self->n_read - 1);
      return FALSE;
    }
  return check_document (self, read, written, layout, error);
}

/* The rest of the file, after the last document read back: nothing more. */
static gboolean
tessera_conll_exporter_check (TesseraExporter  *exporter,
                              const char       *path,
                              GCancellable     *cancellable,
                              GError          **error)
{
  TesseraConllExporter *self = TESSERA_CONLL_EXPORTER (exporter);

  if (!read_back (self, NULL, NULL, error))
    return FALSE;
  if (self->n_read != self->n_written)
    {
      g_set_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK,
                   _("%s: %u documents were written but %u read back"),
                   _tessera_exporter_get_display_name (exporter), self->n_written,
                   self->n_read);
      return FALSE;
    }
  return TRUE;
}

static void
tessera_conll_exporter_finalize (GObject *object)
{
  tessera_conll_exporter_finish (TESSERA_EXPORTER (object));

  G_OBJECT_CLASS (tessera_conll_exporter_parent_class)->finalize (object);
}

static void
tessera_conll_exporter_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TesseraConllExporter *self = TESSERA_CONLL_EXPORTER (object);

  switch (prop_id)
    {
    case PROP_COLUMNS:
      g_value_set_enum (value, self->columns);
      break;
    case PROP_SCHEME:
      g_value_set_enum (value, self->scheme);
      break;
    case PROP_LAYERS:
      g_value_set_enum (value, self->layers);
      break;
    case PROP_TITLES:
      g_value_set_boolean (value, self->titles);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Sets the field an option is kept in, telling who listens if it changed. */
static void
set_option (GObject    *object,
            int        *field,
            int         value,
            GParamSpec *pspec)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (object, pspec);
}

static void
tessera_conll_exporter_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TesseraConllExporter *self = TESSERA_CONLL_EXPORTER (object);

  switch (prop_id)
    {
    case PROP_COLUMNS:
      set_option (object, (int *) &self->columns, g_value_get_enum (value), pspec);
      break;
    case PROP_SCHEME:
      set_option (object, (int *) &self->scheme, g_value_get_enum (value), pspec);
      break;
    case PROP_LAYERS:
      set_option (object, (int *) &self->layers, g_value_get_enum (value), pspec);
      break;
    case PROP_TITLES:
      set_option (object, &self->titles, g_value_get_boolean (value), pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_conll_exporter_class_init (TesseraConllExporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TesseraExporterClass *exporter_class = TESSERA_EXPORTER_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tessera_conll_exporter_finalize;
  object_class->get_property = tessera_conll_exporter_get_property;
  object_class->set_property = tessera_conll_exporter_set_property;

  exporter_class->id = "conll";
  exporter_class->name = N_("CoNLL-2003 (IOB2)");
  exporter_class->extensions = conll_extensions;
  exporter_class->mime_type = "text/plain";
  exporter_class->prepare = tessera_conll_exporter_prepare;
  exporter_class->finish = tessera_conll_exporter_finish;
  exporter_class->begin = tessera_conll_exporter_begin;
  exporter_class->write_document = tessera_conll_exporter_write_document;
  exporter_class->end = tessera_conll_exporter_end;
  exporter_class->check = tessera_conll_exporter_check;

  properties[PROP_COLUMNS] =
    g_param_spec_enum ("columns", N_("Columns"),
                       N_("The token and its tag, or the token, its offsets in the text and "
                          "its tag"),
                       TESSERA_TYPE_CONLL_COLUMNS, TESSERA_CONLL_COLUMNS_TOKEN_TAG, flags);
  properties[PROP_SCHEME] =
    g_param_spec_enum ("scheme", N_("Tagging Scheme"),
                       N_("How a tag marks the first, inner and last tokens of an annotation"),
                       TESSERA_TYPE_CONLL_SCHEME, TESSERA_CONLL_SCHEME_IOB2, flags);
  properties[PROP_LAYERS] =
    g_param_spec_enum ("layers", N_("Tag Columns"),
                       N_("One tag column with the outermost annotation, or one column per "
                          "kind of annotation"),
                       TESSERA_TYPE_CONLL_LAYERS, TESSERA_CONLL_LAYERS_OUTERMOST, flags);
  properties[PROP_TITLES] =
    g_param_spec_boolean ("titles", N_("Titles as Comments"),
                          N_("A “# title = …” line after each -DOCSTART- (conlleval and "
                             "spaCy do not read comment lines)"),
                          FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tessera_conll_exporter_init (TesseraConllExporter *self)
{
}
