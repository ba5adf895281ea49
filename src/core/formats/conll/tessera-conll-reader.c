/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-conll"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-conll-private.h"

#include "tessera-import.h"
#include "tessera-importer-private.h"
#include "tessera-text.h"
#include "tessera-tokenizer.h"
#include "tessera-util-private.h"

/*
 * The reading of CoNLL lines, shared by the importer and the exporter's read-back: one
 * token a line with its tags (IOB1, IOB2 or IOBES; B-, I-, E-, S- or O), a blank line
 * between sentences, -DOCSTART- between documents. The columns are found on the first
 * token line: the token; its offsets when the second and third are numbers; then the tag
 * columns (one, or one per kind). A file of other columns (CoNLL-2003's part of speech and
 * chunk) gives its last column as the tag.
 */

#define MAX_FIELDS 64

typedef struct
{
  char        prefix;   /* 'O', 'B', 'I', 'E' or 'S' */
  const char *key;      /* owned by the reader's keys */
} Tag;

struct _TesseraConllReader
{
  char              *display_name;
  TesseraConllTypes *types;
  guint              line;
  GHashTable        *keys;            /* the type keys of the tags, a set */

  /* The columns, from the first token line. */
  guint              n_fields;        /* 0 before the first token line */
  guint              layout_line;
  gboolean           offsets;
  guint              first_tag_field;
  guint              n_tag_columns;

  /* The document being read, or the one last taken until the next line. */
  gboolean           taken;
  gsize              document_bytes;  /* of its lines */
  guint              text_length;     /* from its -DOCSTART- line, or 0 */
  char              *title;
  GString           *token_text;      /* the tokens, NFC, each ended by a NUL */
  GArray            *token_starts;    /* gsize: where each starts in token_text */
  GPtrArray         *tokens;          /* char *: into token_text, once the document is read */
  GString           *line_copy;
  GArray            *token_offsets;   /* TesseraToken: as the file gives them, then in the text */
  GArray            *token_lines;     /* guint */
  GArray            *sentence_ends;   /* guint */
  GArray            *tags[TESSERA_CONLL_MAX_TAG_COLUMNS];  /* Tag, a column each */
};

/* Types ------------------------------------------------------------------------------- */

void
_tessera_conll_types_init (TesseraConllTypes *types,
                           TesseraStore      *store)
{
  types->tagset = g_object_ref (tessera_store_get_tagset (store));
  types->types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  types->new_types = g_ptr_array_new_with_free_func (g_object_unref);
}

void
_tessera_conll_types_clear (TesseraConllTypes *types)
{
  g_clear_object (&types->tagset);
  g_clear_pointer (&types->types, g_hash_table_unref);
  g_clear_pointer (&types->new_types, g_ptr_array_unref);
}

/**
 * _tessera_conll_types_lookup:
 * @key: a type key, as a tag names it
 * @column: the tag column it is in
 * @n_columns: the number of tag columns; three are entities, claims and cues
 *
 * Returns: (transfer none): the project's type of that key, or a new one (of the kind of
 *   its column, or an entity type), added to the new types
 */
TesseraAnnotationType *
_tessera_conll_types_lookup (TesseraConllTypes *types,
                             const char        *key,
                             guint              column,
                             guint              n_columns)
{
  TesseraAnnotationType *type = g_hash_table_lookup (types->types, key);
  TesseraKind kind;

  if (type != NULL)
    return type;
  for (guint i = 0; i < g_list_model_get_n_items (types->tagset) && type == NULL; i++)
    {
      g_autoptr(TesseraAnnotationType) candidate = g_list_model_get_item (types->tagset, i);

      if (g_str_equal (tessera_annotation_type_get_key (candidate), key))
        type = g_steal_pointer (&candidate);
    }
  if (type == NULL)
    {
      kind = n_columns == TESSERA_N_KINDS ? (TesseraKind) column : TESSERA_KIND_ENTITY;
      type = tessera_annotation_type_new (key, key, kind);
      g_ptr_array_add (types->new_types, g_object_ref (type));
    }
  g_hash_table_insert (types->types, g_strdup (key), type);
  return type;
}

/* Reader ------------------------------------------------------------------------------ */

TesseraConllReader *
_tessera_conll_reader_new (const char        *display_name,
                           TesseraConllTypes *types)
{
  TesseraConllReader *reader = g_new0 (TesseraConllReader, 1);

  reader->display_name = g_strdup (display_name);
  reader->types = types;
  reader->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader->token_text = g_string_new (NULL);
  reader->token_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  reader->tokens = g_ptr_array_new ();
  reader->line_copy = g_string_new (NULL);
  reader->token_offsets = g_array_new (FALSE, FALSE, sizeof (TesseraToken));
  reader->token_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  reader->sentence_ends = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < TESSERA_CONLL_MAX_TAG_COLUMNS; i++)
    reader->tags[i] = g_array_new (FALSE, FALSE, sizeof (Tag));
  return reader;
}

void
_tessera_conll_reader_free (TesseraConllReader *reader)
{
  if (reader == NULL)
    return;
  g_free (reader->display_name);
  g_free (reader->title);
  g_hash_table_unref (reader->keys);
  g_string_free (reader->token_text, TRUE);
  g_array_unref (reader->token_starts);
  g_ptr_array_unref (reader->tokens);
  g_string_free (reader->line_copy, TRUE);
  g_array_unref (reader->token_offsets);
  g_array_unref (reader->token_lines);
  g_array_unref (reader->sentence_ends);
  for (guint i = 0; i < TESSERA_CONLL_MAX_TAG_COLUMNS; i++)
    g_array_unref (reader->tags[i]);
  g_free (reader);
}

guint
_tessera_conll_reader_get_line (TesseraConllReader *reader)
{
  return reader->line;
}

guint
_tessera_conll_reader_get_n_tag_columns (TesseraConllReader *reader)
{
  return reader->n_tag_columns;
}

gboolean
_tessera_conll_reader_has_offsets (TesseraConllReader *reader)
{
  return reader->offsets;
}

/* The tokens of the document last read, NFC. */
GPtrArray *
_tessera_conll_reader_get_tokens (TesseraConllReader *reader)
{
  return reader->tokens;
}

/* Where each token of the document last read is in its text. */
const TesseraToken *
_tessera_conll_reader_get_offsets (TesseraConllReader *reader)
{
  return (const TesseraToken *) (gpointer) reader->token_offsets->data;
}

/* "FILE, line N: what is wrong", N the line being read. */
#define set_line_error(reader, error, code, ...) \
  _tessera_import_set_line_error ((error), (code), (reader)->display_name, (reader)->line, \
                                  __VA_ARGS__)

static gboolean
is_valid_tag (const char *field)
{
  return strcmp (field, "O") == 0 ||
         (field[0] != '\0' && strchr ("BIESLU", field[0]) != NULL && field[1] == '-' &&
          field[2] != '\0');
}

/* Parses "O", "B-person"… (and IOBES's E- and S-, BILOU's L- and U-). */
static gboolean
parse_tag (TesseraConllReader *reader,
           const char         *field,
           Tag                *tag)
{
  char *key;

  if (strcmp (field, "O") == 0)
    {
      tag->prefix = 'O';
      tag->key = NULL;
      return TRUE;
    }
  if (!is_valid_tag (field))
    return FALSE;
  tag->prefix = field[0] == 'L' ? 'E' : field[0] == 'U' ? 'S' : field[0];
  key = g_hash_table_lookup (reader->keys, field + 2);
  if (key == NULL)
    {
      key = g_strdup (field + 2);
      g_hash_table_add (reader->keys, key);
    }
  tag->key = key;
  return TRUE;
}

/* Digits only: an offset, maybe out of range. */
static gboolean
is_number (const char *field)
{
  return field[0] != '\0' && field[strspn (field, "0123456789")] == '\0';
}

/* The columns, from the first token line. */
static gboolean
find_layout (TesseraConllReader  *reader,
             char               **fields,
             guint                n_fields,
             GError             **error)
{
  guint first_tag;
  gboolean all_tags = TRUE;

  if (n_fields < 2)
    {
      set_line_error (reader, error, TESSERA_IMPORT_ERROR_FAILED,
                      _("a token has no tag; a CoNLL line holds a token and its tag, "
                        "separated by a space or a tab"));
      return FALSE;
    }
  reader->offsets = n_fields >= 4 && is_number (fields[1]) && is_number (fields[2]);
  first_tag = reader->offsets ? 3 : 1;
  for (guint i = first_tag; i < n_fields; i++)
    all_tags &= is_valid_tag (fields[i]);
  if (!all_tags || n_fields - first_tag > TESSERA_CONLL_MAX_TAG_COLUMNS)
    first_tag = n_fields - 1;
  if (!is_valid_tag (fields[n_fields - 1]))
    {
      set_line_error (reader, error, TESSERA_IMPORT_ERROR_FAILED,
                      _("“%s” is not a tag; a tag is O, or B-, I-, E- or S- and a type, "
                        "such as B-person"), fields[n_fields - 1]);
      return FALSE;
    }
  reader->n_fields = n_fields;
  reader->layout_line = reader->line;
  reader->first_tag_field = first_tag;
  reader->n_tag_columns = n_fields - first_tag;
  return TRUE;
}

/* A token: text the project can hold, without control characters. */
static gboolean
check_token (TesseraConllReader  *reader,
             const char          *token,
             GError             **error)
{
  for (const char *p = token; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7F || c == 0xFFFE || c == 0xFFFF)
        {
          set_line_error (reader, error, TESSERA_IMPORT_ERROR_CONTROL_CHARACTER,
                          _("the token holds the control character U+%04X, which cannot be "
                            "annotated"), c);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
read_token_line (TesseraConllReader  *reader,
                 char               **fields,
                 guint                n_fields,
                 GError             **error)
{
  TesseraToken offsets = { 0, 0 };
  gsize start;

  if (reader->n_fields == 0 && !find_layout (reader, fields, n_fields, error))
    return FALSE;
  if (n_fields != reader->n_fields)
    {
      set_line_error (reader, error, TESSERA_IMPORT_ERROR_FAILED,
                      _("the line has %u columns where line %u has %u; every token line "
                        "has the same columns"),
                      n_fields, reader->layout_line, reader->n_fields);
      return FALSE;
    }
  if (!check_token (reader, fields[0], error))
    return FALSE;
  if (reader->offsets)
    {
      guint64 start, end;

      if (!g_ascii_string_to_unsigned (fields[1], 10, 0, G_MAXINT32, &start, NULL) ||
          !g_ascii_string_to_unsigned (fields[2], 10, 0, G_MAXINT32, &end, NULL))
        {
          set_line_error (reader, error, TESSERA_IMPORT_ERROR_FAILED,
                          _("“%s” and “%s” are not the offsets of the token; the second and "
                            "third columns are its first character and its end, counted in "
                            "characters from 0"), fields[1], fields[2]);
          return FALSE;
        }
      offsets.start = (guint) start;
      offsets.end = (guint) end;
    }
  for (guint i = 0; i < reader->n_tag_columns; i++)
    {
      const char *field = fields[reader->first_tag_field + i];
      Tag tag;

      if (!parse_tag (reader, field, &tag))
        {
          set_line_error (reader, error, TESSERA_IMPORT_ERROR_FAILED,
                          _("“%s” is not a tag; a tag is O, or B-, I-, E- or S- and a type, "
                            "such as B-person"), field);
          return FALSE;
        }
      g_array_append_val (reader->tags[i], tag);
    }

  start = reader->token_text->len;
  g_array_append_val (reader->token_starts, start);
  if (_tessera_text_may_change_under_nfc (fields[0], strlen (fields[0])))
    {
      g_autofree char *nfc = tessera_text_to_nfc (fields[0]);

      g_string_append (reader->token_text, nfc);
    }
  else
    g_string_append (reader->token_text, fields[0]);
  g_string_append_c (reader->token_text, '\0');
  g_array_append_val (reader->token_offsets, offsets);
  g_array_append_val (reader->token_lines, reader->line);
  return TRUE;
}

static void
end_sentence (TesseraConllReader *reader)
{
  guint n_tokens = reader->token_starts->len;
  guint n_sentences = reader->sentence_ends->len;

  if (n_tokens == 0)
    return;
  if (n_sentences == 0 || g_array_index (reader->sentence_ends, guint, n_sentences - 1) < n_tokens)
    g_array_append_val (reader->sentence_ends, n_tokens);
}

static void
clear_document (TesseraConllReader *reader)
{
  g_clear_pointer (&reader->title, g_free);
  reader->document_bytes = 0;
  g_string_truncate (reader->token_text, 0);
  g_array_set_size (reader->token_starts, 0);
  g_ptr_array_set_size (reader->tokens, 0);
  g_array_set_size (reader->token_offsets, 0);
  g_array_set_size (reader->token_lines, 0);
  g_array_set_size (reader->sentence_ends, 0);
  for (guint i = 0; i < TESSERA_CONLL_MAX_TAG_COLUMNS; i++)
    g_array_set_size (reader->tags[i], 0);
}

/* The text from the tokens' own offsets; the gaps between them are spaces, with a line
 * break between two sentences. */
static char *
dup_text_at_offsets (TesseraConllReader  *reader,
                     GError             **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  TesseraToken *offsets = (TesseraToken *) (gpointer) reader->token_offsets->data;
  guint length = 0;
  guint sentence = 0;
  /* The gaps are white space: far less of it than the lines that give the tokens. A file
   * whose offsets leave more is refused rather than filling memory with spaces. */
  guint64 gaps = 0;
  guint64 budget = 2 * (guint64) reader->document_bytes + 64;

  for (guint i = 0; i < reader->tokens->len; i++)
    {
      const char *token = g_ptr_array_index (reader->tokens, i);
      guint token_length = tessera_text_length (token);
      gboolean new_sentence = FALSE;

      reader->line = g_array_index (reader->token_lines, guint, i);
      if (offsets[i].start < length || offsets[i].end != offsets[i].start + token_length)
        {
          if (offsets[i].start < length)
            set_line_error (reader, error, TESSERA_IMPORT_ERROR_FAILED,
                            _("the token starts at character %u, inside the token before "
                              "it, which ends at %u"), offsets[i].start, length);
          else
            set_line_error (reader, error, TESSERA_IMPORT_ERROR_FAILED,
                            _("the token “%s” has %u characters, but its offsets %u–%u "
                              "span %d"), token, token_length, offsets[i].start,
                            offsets[i].end, (int) offsets[i].end - (int) offsets[i].start);
          return NULL;
        }
      while (sentence < reader->sentence_ends->len &&
             g_array_index (reader->sentence_ends, guint, sentence) <= i)
        {
          new_sentence |= g_array_index (reader->sentence_ends, guint, sentence) == i;
          sentence++;
        }
      gaps += offsets[i].start - length;
      if (gaps > budget)
        {
          set_line_error (reader, error, TESSERA_IMPORT_ERROR_FAILED,
                          _("the token starts at character %u, too far after the token "
                            "before it: the offsets leave more space between the tokens "
                            "than a text holds"), offsets[i].start);
          return NULL;
        }
      if (offsets[i].start > length)
        {
          if (new_sentence && i > 0)
            {
              g_string_append_c (text, '\n');
              length++;
            }
          for (; length < offsets[i].start; length++)
            g_string_append_c (text, ' ');
        }
      g_string_append (text, token);
      length = offsets[i].end;
    }
  if (reader->text_length < length && reader->text_length > 0)
    {
      set_line_error (reader, error, TESSERA_IMPORT_ERROR_FAILED,
                      _("the document has %u characters by its -DOCSTART- line, but its "
                        "tokens reach character %u"), reader->text_length, length);
      return NULL;
    }
  /* The white space after the last token. */
  if (reader->text_length > length && gaps + (reader->text_length - length) > budget)
    {
      set_line_error (reader, error, TESSERA_IMPORT_ERROR_FAILED,
                      _("the document has %u characters by its -DOCSTART- line, far more "
                        "than its tokens reach (%u)"), reader->text_length, length);
      return NULL;
    }
  if (reader->text_length > length)
    {
      g_string_append_c (text, '\n');
      for (length++; length < reader->text_length; length++)
        g_string_append_c (text, ' ');
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The text joined from the tokens; their offsets in it. */
static char *
dup_text_detokenized (TesseraConllReader *reader)
{
  g_autoptr(GArray) starts = g_array_sized_new (FALSE, FALSE, sizeof (guint), reader->tokens->len);
  g_autoptr(GArray) ends = g_array_sized_new (FALSE, FALSE, sizeof (guint), reader->tokens->len);
  char *text;

  text = tessera_detokenize ((const char * const *) reader->tokens->pdata, reader->tokens->len,
                             (const guint *) (gpointer) reader->sentence_ends->data,
                             reader->sentence_ends->len, starts, ends);
  for (guint i = 0; i < reader->tokens->len; i++)
    {
      TesseraToken *token = &g_array_index (reader->token_offsets, TesseraToken, i);

      token->start = g_array_index (starts, guint, i);
      token->end = g_array_index (ends, guint, i);
    }
  return text;
}

static void
add_annotation (TesseraConllReader    *reader,
                TesseraDocumentRecord *document,
                const char            *key,
                guint                  column,
                guint                  first,
                guint                  last)
{
  TesseraAnnotationRecord *annotation = tessera_annotation_record_new ();
  const TesseraToken *offsets = _tessera_conll_reader_get_offsets (reader);
  TesseraRange range = { offsets[first].start, offsets[last].end };

  annotation->type = g_object_ref (_tessera_conll_types_lookup (reader->types, key, column,
                                                                reader->n_tag_columns));
  g_array_append_val (annotation->ranges, range);
  g_ptr_array_add (document->annotations, annotation);
}

/* The annotations of a tag column: a B- or S- starts one, and so does an I- or E- that does
 * not continue one of its type (IOB1); an E-, an S-, an O, another start or the end of the
 * sentence ends it. */
static void
decode_column (TesseraConllReader    *reader,
               TesseraDocumentRecord *document,
               guint                  column)
{
  const Tag *tags = (const Tag *) (gpointer) reader->tags[column]->data;
  const char *open = NULL;   /* the type of the annotation open, or NULL */
  guint first = 0;
  guint sentence = 0;

  for (guint i = 0; i < reader->tokens->len; i++)
    {
      const Tag *tag = &tags[i];
      gboolean continues;

      while (sentence < reader->sentence_ends->len &&
             g_array_index (reader->sentence_ends, guint, sentence) <= i)
        {
          if (g_array_index (reader->sentence_ends, guint, sentence) == i && open != NULL)
            {
              add_annotation (reader, document, open, column, first, i - 1);
              open = NULL;
            }
          sentence++;
        }

      continues = open != NULL && (tag->prefix == 'I' || tag->prefix == 'E') &&
                  tag->key == open;
      if (open != NULL && !continues)
        {
          add_annotation (reader, document, open, column, first, i - 1);
          open = NULL;
        }
      if (tag->prefix == 'O')
        continue;
      if (!continues)
        {
          open = tag->key;
          first = i;
        }
      if (tag->prefix == 'E' || tag->prefix == 'S')
        {
          add_annotation (reader, document, open, column, first, i);
          open = NULL;
        }
    }
  if (open != NULL)
    add_annotation (reader, document, open, column, first, reader->tokens->len - 1);
}

/* The document read since the last -DOCSTART-, or %NULL (and no error) if it has no
 * token. */
static gboolean
take_document (TesseraConllReader     *reader,
               TesseraDocumentRecord **out_document,
               GError                **error)
{
  g_autoptr(TesseraDocumentRecord) document = NULL;
  guint line = reader->line;

  *out_document = NULL;
  if (reader->taken || reader->token_starts->len == 0)
    {
      clear_document (reader);
      reader->taken = FALSE;
      return TRUE;
    }
  end_sentence (reader);
  for (guint i = 0; i < reader->token_starts->len; i++)
    g_ptr_array_add (reader->tokens,
                     reader->token_text->str + g_array_index (reader->token_starts, gsize, i));

  document = tessera_document_record_new ();
  document->info.title = g_steal_pointer (&reader->title);
  document->text = reader->offsets ? dup_text_at_offsets (reader, error)
                                   : dup_text_detokenized (reader);
  reader->line = line;
  reader->text_length = 0;
  if (document->text == NULL)
    return FALSE;
  if (!tessera_text_is_nfc (document->text))
    {
      set_line_error (reader, error, TESSERA_IMPORT_ERROR_ENCODING,
                      _("the tokens of the document that ends here do not join into "
                        "NFC text (a combining mark starts a token)"));
      return FALSE;
    }
  for (guint column = 0; column < reader->n_tag_columns; column++)
    decode_column (reader, document, column);
  reader->taken = TRUE;
  *out_document = g_steal_pointer (&document);
  return TRUE;
}

/* Cuts @line at runs of spaces and tabs; returns the number of fields, or G_MAXUINT if
 * there are too many. */
static guint
split_fields (char  *line,
              char **fields)
{
  guint n = 0;
  char *p = line;

  for (;;)
    {
      while (*p == ' ' || *p == '\t')
        *p++ = '\0';
      if (*p == '\0')
        return n;
      if (n == MAX_FIELDS)
        return G_MAXUINT;
      fields[n++] = p;
      while (*p != '\0' && *p != ' ' && *p != '\t')
        p++;
    }
}

/**
 * _tessera_conll_reader_read_line:
 * @line: a line of the file, without its end (a CR before it is ignored)
 * @length: its length in bytes
 * @out_document: (out) (transfer full): the document this line completes, if any
 *
 * Returns: %FALSE with @error set if the line is not one of a CoNLL file
 */
gboolean
_tessera_conll_reader_read_line (TesseraConllReader      *reader,
                                 const char              *line,
                                 gsize                    length,
                                 TesseraDocumentRecord  **out_document,
                                 GError                 **error)
{
  char *fields[MAX_FIELDS];
  const char *invalid;
  guint n_fields;

  *out_document = NULL;
  reader->line++;
  if (reader->taken)
    {
      clear_document (reader);
      reader->taken = FALSE;
    }
  reader->document_bytes += length + 1;
  if (reader->line == 1 && length >= 3 && memcmp (line, "\xEF\xBB\xBF", 3) == 0)
    line += 3, length -= 3;
  if (length > 0 && line[length - 1] == '\r')
    length--;
  if (memchr (line, '\0', length) != NULL)
    {
      set_line_error (reader, error, TESSERA_IMPORT_ERROR_BINARY,
                      _("the line holds a NUL byte: this is a binary file, not CoNLL text"));
      return FALSE;
    }
  if (!g_utf8_validate_len (line, length, &invalid))
    {
      set_line_error (reader, error, TESSERA_IMPORT_ERROR_ENCODING,
                      _("byte %u of the line is not valid UTF-8; save the file as UTF-8 "
                        "and import it again"), (guint) (invalid - line) + 1);
      return FALSE;
    }

  if (reader->token_starts->len == 0 && length >= strlen (TESSERA_CONLL_TITLE_COMMENT) &&
      memcmp (line, TESSERA_CONLL_TITLE_COMMENT, strlen (TESSERA_CONLL_TITLE_COMMENT)) == 0)
    {
      g_free (reader->title);
      reader->title = g_strstrip (g_strndup (line + strlen (TESSERA_CONLL_TITLE_COMMENT),
                                             length - strlen (TESSERA_CONLL_TITLE_COMMENT)));
      return TRUE;
    }

  g_string_truncate (reader->line_copy, 0);
  g_string_append_len (reader->line_copy, line, length);
  n_fields = split_fields (reader->line_copy->str, fields);
  if (n_fields == G_MAXUINT)
    {
      set_line_error (reader, error, TESSERA_IMPORT_ERROR_FAILED,
                      _("the line has more than %u columns"), MAX_FIELDS);
      return FALSE;
    }
  if (n_fields == 0)
    {
      end_sentence (reader);
      return TRUE;
    }
  if (strcmp (fields[0], TESSERA_CONLL_DOCSTART) == 0)
    {
      guint64 text_length = 0;

      if (!take_document (reader, out_document, error))
        return FALSE;
      /* With the offsets, "-DOCSTART- 0 LENGTH O": the extent of the document's text. */
      if (n_fields >= 4 && is_number (fields[1]) && is_number (fields[2]) &&
          !g_ascii_string_to_unsigned (fields[2], 10, 0, G_MAXINT32, &text_length, NULL))
        {
          set_line_error (reader, error, TESSERA_IMPORT_ERROR_FAILED,
                          _("“%s” is not the length of a document"), fields[2]);
          return FALSE;
        }
      reader->text_length = (guint) text_length;
      return TRUE;
    }
  /* A comment: not a token line of the file's columns. */
  if (fields[0][0] == '#' &&
      (reader->n_fields == 0 ? !is_valid_tag (fields[n_fields - 1])
                             : n_fields != reader->n_fields ||
                               !is_valid_tag (fields[n_fields - 1])))
    return TRUE;
  return read_token_line (reader, fields, n_fields, error);
}

/**
 * _tessera_conll_reader_finish:
 * @out_document: (out) (transfer full): the last document, if it has tokens
 *
 * Returns: %FALSE with @error set if the last document cannot be read
 */
gboolean
_tessera_conll_reader_finish (TesseraConllReader      *reader,
                              TesseraDocumentRecord  **out_document,
                              GError                 **error)
{
  return take_document (reader, out_document, error);
}

/* Whether @line looks like a token line: a token, maybe more columns, and a tag. */
gboolean
_tessera_conll_is_token_line (const char *line,
                              gsize       length)
{
  g_autofree char *copy = g_strndup (line, length);
  char *fields[MAX_FIELDS];
  guint n_fields;

  g_strchomp (copy);
  n_fields = split_fields (copy, fields);
  return n_fields >= 2 && n_fields != G_MAXUINT && is_valid_tag (fields[n_fields - 1]);
}
