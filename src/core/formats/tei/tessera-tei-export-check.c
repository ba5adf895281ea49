/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-tei"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include "tessera-tei-export-private.h"

#include "tessera-entity.h"
#include "tessera-util-private.h"

/*
 * The exporter's self-check reads each file back into the model the importer produces
 * (tessera-tei-private.h), one document at a time and as the file is written, so that the
 * exporter can compare every document with what it was written from before the file
 * replaces its destination.
 *
 * The file is streamed through libxml2's SAX2 interface: no tree is built, and memory
 * holds one document's model, whatever the size of the corpus. (xmlTextReader would do
 * neither: libxml2 2.9 keeps every xml:id of the file in the document's ID table, which
 * grows with the corpus and slows down as it grows.) No network, no DTD, no entity but
 * XML's five: the file is refused if it has a document type declaration. What libxml2's
 * tree builder refuses beyond the parser (an xml:id that is no NCName or is used twice, a
 * text node over XML_MAX_TEXT_LENGTH, elements nested too deep) is refused here too.
 *
 * Only what the exporter writes is read, and every value gets the meaning the importer
 * gives it in a file written by Tessera: white space, NFC, the first of several elements,
 * fragments chained by @next and joined, anchors and spans, string-range() pointers,
 * annotation records and relations. Anything the exporter does not write where it stands
 * is an error rather than something to pass over.
 */

/* Frames for the elements open at once; libxml2's tree builder refuses documents deeper
 * than xmlParserMaxDepth (256) unless XML_PARSE_HUGE is given, and so does this reading. */
#define MAX_DEPTH 300

typedef enum
{
  ROLE_ROOT,
  ROLE_SKIP,               /* read past; ids and namespaces are still checked */
  ROLE_EMPTY,              /* join, span, ptr, anchor: nothing inside */
  ROLE_FIELD,              /* a value: the element's text, as the importer's node_text() */
  ROLE_ATTRIBUTE_NOTE,     /* note type="attribute" n="key" */
  ROLE_CORPUS,
  ROLE_CORPUS_STAND_OFF,
  ROLE_TEI,
  ROLE_HEADER,
  ROLE_FILE_DESC,
  ROLE_TITLE_STMT,
  ROLE_RESP_STMT,
  ROLE_SOURCE_DESC,
  ROLE_BIBL,
  ROLE_AVAILABILITY,
  ROLE_NOTES_STMT,
  ROLE_PROFILE_DESC,
  ROLE_LANG_USAGE,
  ROLE_ENCODING_DESC,
  ROLE_APP_INFO,
  ROLE_CLASS,              /* classDecl and all it holds: categories */
  ROLE_STAND_OFF,
  ROLE_ENTITY_LIST,
  ROLE_ENTITY,
  ROLE_OBJECT_IDENTIFIER,
  ROLE_IDNO,
  ROLE_SPAN_GROUP,
  ROLE_LIST_ANNOTATION,
  ROLE_RECORD,
  ROLE_RECORD_NOTE,
  ROLE_LIST_RELATION,
  ROLE_RELATION,
  ROLE_TEXT,
  ROLE_BODY,
  ROLE_DIV,
  ROLE_PARAGRAPH,
  ROLE_INLINE,
} Role;

/* Children already met, where only the first of a kind counts. */
enum
{
  SEEN_1 = 1 << 0,
  SEEN_2 = 1 << 1,
  SEEN_3 = 1 << 2,
  SEEN_4 = 1 << 3,
  SEEN_5 = 1 << 4,
};

typedef struct
{
  char     *type;
  char     *text;
  char     *date_text;
  char     *date_when;
  gboolean  has_date;
} RecordNote;

typedef struct
{
  TesseraTeiEntity *entity;
  gboolean          has_identifier;
  char             *name;               /* the first name directly in the record */
  char             *identifier_name;    /* the first name in its objectIdentifier */
  TesseraTeiEntity *identifier;         /* the authorities in its objectIdentifier */
} EntityRecord;

typedef struct
{
  Role            role;
  const char     *name;          /* the local name, from the parser's dictionary */
  gboolean        preserve;      /* xml:space="preserve" in scope */
  guint           seen;
  gsize           text_start;    /* collecting roles: where their text begins */
  char          **target;        /* ROLE_FIELD: where the value goes */
  char           *key;           /* ROLE_ATTRIBUTE_NOTE: @n; ROLE_IDNO: the scheme;
                                  * ROLE_CLASS: the element's xml:id; ROLE_RESP_STMT: its
                                  * xml:id; ROLE_SPAN_GROUP: @type */
  char           *value;         /* the value a ROLE_FIELD child gave */
  GHashTable    **attributes;    /* ROLE_ATTRIBUTE_NOTE */
  TesseraTeiEntity *links;       /* ROLE_IDNO: where the link goes */
  gpointer        data;          /* owned, see frame_clear() */
} Frame;

struct _TesseraTeiReadBack
{
  int                     fd;
  char                   *buffer;
  xmlParserCtxt          *parser;
  GListModel             *tagset;
  gboolean                corpus;
  TesseraTeiDocumentFunc  func;
  gpointer                user_data;
  TesseraTeiContext      *context;
  GError                 *error;

  Frame                   frames[MAX_DEPTH];
  guint                   depth;
  GString                *field;         /* the text of the values being read */
  guint                   collecting;    /* open frames that read text into field */
  gsize                   node_length;   /* bytes of text since the last markup */
  guint                   n_documents;
  GHashTable             *corpus_ids;    /* xml:ids outside documents, and the documents' */

  /* The document being read. */
  TesseraTeiDocument     *document;
  char                   *lang;
  char                   *title_author;
  char                   *bibl_author;
  char                   *date_when;
  char                   *licence_target;
  gboolean                bibl_seen;
  GString                *text;
  guint                   length;        /* of text, in code points */
  GString                *run;           /* characters since the last tag, in a paragraph */
  GArray                 *newlines;      /* guint: offsets of the newlines */
  GArray                 *paragraphs;    /* TesseraRange of each p and head */
  GStringChunk           *strings;       /* the keys of the tables below */
  GHashTable             *ids;           /* every xml:id of the document */
  GHashTable             *paragraph_of_id;  /* → index + 1 */
  GArray                 *anchors;       /* TesseraRange of each anchor, empty */
  GHashTable             *anchor_of_id;     /* → index + 1 */
  GHashTable             *join_targets;  /* the ids joins point to */
  GPtrArray              *texts;         /* TesseraTeiCarrier a join or a chain takes */
  GHashTable             *text_of_id;
  GPtrArray              *joins;         /* TesseraTeiCarrier */
  GPtrArray              *spans;         /* TesseraTeiCarrier */
  GHashTable             *span_of_id;
  GPtrArray              *records;       /* TesseraTeiRecord */
  GPtrArray              *relations;     /* TesseraTeiRelationRecord */
};

typedef struct _TesseraTeiReadBack ReadBack;

/* Model pieces ------------------------------------------------------------------------ */

static void
record_note_free (RecordNote *note)
{
  if (note == NULL)
    return;
  g_free (note->type);
  g_free (note->text);
  g_free (note->date_text);
  g_free (note->date_when);
  g_free (note);
}

static void
entity_record_free (EntityRecord *record)
{
  if (record == NULL)
    return;
  g_clear_pointer (&record->entity, _tessera_tei_entity_free);
  g_free (record->name);
  g_free (record->identifier_name);
  g_clear_pointer (&record->identifier, _tessera_tei_entity_free);
  g_free (record);
}

static void
frame_clear (Frame *frame)
{
  g_clear_pointer (&frame->key, g_free);
  g_clear_pointer (&frame->value, g_free);
  if (frame->data != NULL)
    {
      switch (frame->role)
        {
        case ROLE_INLINE:
          _tessera_tei_carrier_free (frame->data);
          break;
        case ROLE_RECORD:
          _tessera_tei_record_free (frame->data);
          break;
        case ROLE_RECORD_NOTE:
          record_note_free (frame->data);
          break;
        case ROLE_RELATION:
          _tessera_tei_relation_record_free (frame->data);
          break;
        case ROLE_ENTITY:
          entity_record_free (frame->data);
          break;
        default:
          g_assert_not_reached ();
        }
      frame->data = NULL;
    }
}

/* Errors ----------------------------------------------------------------------------------- */

static void
fail_at (ReadBack   *self,
         int         line,
         int         code,
         const char *format,
         ...) G_GNUC_PRINTF (4, 5);

/* Records the first error, with its line, and stops the parser. */
static void
fail_at (ReadBack   *self,
         int         line,
         int         code,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (self->error == NULL)
    {
      va_start (args, format);
      message = g_strdup_vprintf (format, args);
      va_end (args);
      if (line > 0)
        g_set_error (&self->error, TESSERA_TEI_ERROR, code, _("line %d: %s"), line, message);
      else
        g_set_error_literal (&self->error, TESSERA_TEI_ERROR, code, message);
    }
  xmlStopParser (self->parser);
}

static int
current_line (ReadBack *self)
{
  return xmlSAX2GetLineNumber (self->parser);
}

#define fail(self, code, ...) fail_at ((self), current_line (self), (code), __VA_ARGS__)

/* Attributes --------------------------------------------------------------------------- */

/* libxml2's SAX2 attributes: (local name, prefix, URI, value, end of value) each. */
typedef struct
{
  const xmlChar **values;
  int             n;
} Attributes;

static gboolean
attribute_is (const Attributes *attributes,
              int               i,
              const char       *name,
              gboolean          in_xml_namespace)
{
  const char *uri = (const char *) attributes->values[5 * i + 2];

  if (in_xml_namespace ? g_strcmp0 (uri, (const char *) XML_XML_NAMESPACE) != 0 : uri != NULL)
    return FALSE;
  return strcmp ((const char *) attributes->values[5 * i], name) == 0;
}

static char *
attribute_value (const Attributes *attributes,
                 int               i)
{
  const char *value = (const char *) attributes->values[5 * i + 3];
  const char *end = (const char *) attributes->values[5 * i + 4];

  return g_strndup (value, end - value);
}

static char *
get_attribute (const Attributes *attributes,
               const char       *name)
{
  for (int i = 0; i < attributes->n; i++)
    {
      if (attribute_is (attributes, i, name, FALSE))
        return attribute_value (attributes, i);
    }
  return NULL;
}

static char *
get_xml_attribute (const Attributes *attributes,
                   const char       *name)
{
  for (int i = 0; i < attributes->n; i++)
    {
      if (attribute_is (attributes, i, name, TRUE))
        return attribute_value (attributes, i);
    }
  return NULL;
}

static gboolean
attribute_equals (const Attributes *attributes,
                  const char       *name,
                  const char       *value)
{
  g_autofree char *actual = get_attribute (attributes, name);

  return g_strcmp0 (actual, value) == 0;
}

/* Every attribute an annotation may be read from, in one pass. */
static TesseraTeiCarrier *
carrier_new (TesseraTeiCarrierKind  kind,
             const char            *name,
             const Attributes      *attributes,
             int                    line)
{
  TesseraTeiCarrier *carrier = _tessera_tei_carrier_new (kind, line);

  if (kind == TESSERA_TEI_CARRIER_TEXT)
    carrier->element = g_strdup (name);
  for (int i = 0; i < attributes->n; i++)
    {
      const char *uri = (const char *) attributes->values[5 * i + 2];
      gboolean in_xml_namespace = g_strcmp0 (uri, (const char *) XML_XML_NAMESPACE) == 0;

      if (uri == NULL || in_xml_namespace)
        _tessera_tei_carrier_set (carrier, (const char *) attributes->values[5 * i],
                                  in_xml_namespace, attribute_value (attributes, i));
    }
  return carrier;
}

#define local_target _tessera_tei_local_target

/* Values -------------------------------------------------------------------------------- */

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gboolean
all_space (const char *text,
           gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      if (!is_space (text[i]))
        return FALSE;
    }
  return TRUE;
}

/* The text of an element as the importer reads a value: white space collapsed unless it is
 * preserved, nothing for an empty text. */
static char *
field_value (ReadBack *self,
             Frame *frame)
{
  const char *text = self->field->str + frame->text_start;
  char *value;

  if (frame->preserve)
    value = g_strdup (text);
  else
    value = _tessera_tei_collapse_space (text);
  if (*value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

/* xml:ids -------------------------------------------------------------------------------- */

/* Every xml:id once. In a corpus, those of a document start with the document's own
 * ("d12.…"), so that one document's ids at a time need be kept. */
static void
check_id (ReadBack   *self,
          const char *id,
          Role        role)
{
  /* As libxml2's tree builder checks (white space around allowed). */
  if (xmlValidateNCName ((const xmlChar *) id, 1) != 0)
    {
      fail (self, TESSERA_TEI_ERROR_MALFORMED, _("the xml:id “%s” is not an NCName"), id);
      return;
    }
  if (self->document == NULL || (role == ROLE_TEI && self->corpus))
    {
      if (!g_hash_table_add (self->corpus_ids, g_strdup (id)))
        fail (self, TESSERA_TEI_ERROR_MALFORMED, _("the xml:id “%s” is used twice"), id);
      return;
    }
  if (self->corpus)
    {
      const char *own = self->document->id;
      gsize length = strlen (own);

      if (strncmp (id, own, length) != 0 || id[length] != '.')
        {
          fail (self, TESSERA_TEI_ERROR_MALFORMED,
                _("the xml:id “%s” is not one of the document “%s”"), id, own);
          return;
        }
      if (g_hash_table_contains (self->corpus_ids, id))
        {
          fail (self, TESSERA_TEI_ERROR_MALFORMED, _("the xml:id “%s” is used twice"), id);
          return;
        }
    }
  if (!g_hash_table_add (self->ids, g_string_chunk_insert (self->strings, id)))
    fail (self, TESSERA_TEI_ERROR_MALFORMED, _("the xml:id “%s” is used twice"), id);
}

/* Documents ------------------------------------------------------------------------------ */

static void
clear_document (ReadBack *self)
{
  g_clear_pointer (&self->document, _tessera_tei_document_free);
  g_clear_pointer (&self->lang, g_free);
  g_clear_pointer (&self->title_author, g_free);
  g_clear_pointer (&self->bibl_author, g_free);
  g_clear_pointer (&self->date_when, g_free);
  g_clear_pointer (&self->licence_target, g_free);
  self->bibl_seen = FALSE;
  g_string_truncate (self->text, 0);
  self->length = 0;
  g_string_truncate (self->run, 0);
  g_array_set_size (self->newlines, 0);
  g_array_set_size (self->paragraphs, 0);
  g_hash_table_remove_all (self->ids);
  g_hash_table_remove_all (self->paragraph_of_id);
  g_hash_table_remove_all (self->anchor_of_id);
  g_string_chunk_clear (self->strings);
  g_ptr_array_set_size (self->joins, 0);
  g_array_set_size (self->anchors, 0);
  g_hash_table_remove_all (self->join_targets);
  g_ptr_array_set_size (self->texts, 0);
  g_hash_table_remove_all (self->text_of_id);
  g_ptr_array_set_size (self->spans, 0);
  g_hash_table_remove_all (self->span_of_id);
  g_ptr_array_set_size (self->records, 0);
  g_ptr_array_set_size (self->relations, 0);
}

static void
begin_document (ReadBack         *self,
                const Attributes *attributes)
{
  clear_document (self);
  self->document = _tessera_tei_document_new ();
  self->document->id = get_xml_attribute (attributes, "id");
  self->document->line = (guint) current_line (self);
  self->lang = get_xml_attribute (attributes, "lang");
  if (self->document->id == NULL)
    fail (self, TESSERA_TEI_ERROR_MALFORMED, _("a TEI document has no xml:id"));
}

/* What the header says, once it is all read. */
static void
end_document_header (ReadBack *self)
{
  TesseraDocumentInfo *info = &self->document->info;

  if (info->author == NULL)
    info->author = g_steal_pointer (&self->title_author);
  if (info->author == NULL)
    info->author = g_steal_pointer (&self->bibl_author);
  if (info->publication_date == NULL)
    info->publication_date = g_steal_pointer (&self->date_when);
  if (info->licence == NULL)
    info->licence = g_steal_pointer (&self->licence_target);
  if (info->language == NULL)
    info->language = g_steal_pointer (&self->lang);
}

/* The text ----------------------------------------------------------------------------- */

/* The characters read since the last tag: one text node, NFC as the importer makes it. */
static void
flush_run (ReadBack *self)
{
  if (self->run->len == 0)
    return;
  self->length += _tessera_tei_append_preserved (self->text, self->run->str, self->run->len);
  g_string_truncate (self->run, 0);
}

static void
begin_paragraph (ReadBack         *self,
                 const Attributes *attributes)
{
  g_autofree char *id = get_xml_attribute (attributes, "id");
  TesseraRange paragraph;

  if (self->paragraphs->len > 0)
    {
      g_array_append_val (self->newlines, self->length);
      g_string_append_c (self->text, '\n');
      self->length++;
    }
  paragraph.start = paragraph.end = self->length;
  g_array_append_val (self->paragraphs, paragraph);
  if (id != NULL)
    g_hash_table_insert (self->paragraph_of_id, g_string_chunk_insert (self->strings, id),
                         GUINT_TO_POINTER (self->paragraphs->len));
}

static void
add_anchor (ReadBack         *self,
            const Attributes *attributes)
{
  g_autofree char *id = get_xml_attribute (attributes, "id");
  TesseraRange anchor = { self->length, self->length };

  if (id == NULL)
    return;
  g_array_append_val (self->anchors, anchor);
  g_hash_table_insert (self->anchor_of_id, g_string_chunk_insert (self->strings, id),
                       GUINT_TO_POINTER (self->anchors->len));
}

static void
assembly_of (ReadBack           *self,
             TesseraTeiAssembly *out)
{
  TesseraTeiAssembly assembly = {
    .context = self->context,
    .tagset = self->tagset,
    .newlines = self->newlines,
    .anchors = { self->anchors, self->anchor_of_id },
    .bases = { self->paragraphs, self->paragraph_of_id },
    .texts = self->texts,
    .text_of_id = self->text_of_id,
    .spans = self->spans,
    .span_of_id = self->span_of_id,
    .joins = self->joins,
    .records = self->records,
    .relations = self->relations,
  };

  *out = assembly;
}

/* An element of the text, once closed: settled at once unless a join or a chain takes it. */
static void
end_carrier (ReadBack          *self,
             TesseraTeiCarrier *carrier)
{
  TesseraTeiAssembly assembly;

  if ((carrier->id != NULL && g_hash_table_contains (self->join_targets, carrier->id)) ||
      carrier->next != NULL || carrier->prev != NULL)
    {
      g_ptr_array_add (self->texts, carrier);
      if (carrier->id != NULL)
        g_hash_table_insert (self->text_of_id, carrier->id, carrier);
      return;
    }
  assembly_of (self, &assembly);
  if (!_tessera_tei_assemble_text (&assembly, self->document, carrier, &self->error))
    xmlStopParser (self->parser);
  _tessera_tei_carrier_free (carrier);
}

static void
end_document (ReadBack *self)
{
  TesseraTeiDocument *document = self->document;
  TesseraTeiAssembly assembly;

  assembly_of (self, &assembly);
  document->text = g_strndup (self->text->str, self->text->len);
  if (!_tessera_tei_assemble (&assembly, document, &self->error))
    {
      xmlStopParser (self->parser);
      return;
    }
  self->document = NULL;
  self->n_documents++;
  if (!self->func (self->context, document, self->user_data, &self->error))
    xmlStopParser (self->parser);
  clear_document (self);
}

/* Records of the standOff ---------------------------------------------------------------- */

static void
end_entity (ReadBack     *self,
            EntityRecord *record)
{
  TesseraTeiEntity *entity = record->entity;

  if (record->has_identifier)
    entity->name = g_steal_pointer (&record->identifier_name);
  else
    entity->name = g_steal_pointer (&record->name);
  for (guint i = 0; i < record->identifier->authorities->len; i++)
    {
      TesseraAuthority *authority = &g_array_index (record->identifier->authorities,
                                                    TesseraAuthority, i);

      _tessera_tei_entity_add_authority (entity, authority->scheme, authority->uri);
    }
  if (entity->name == NULL)
    entity->name = g_strdup (entity->id);
  _tessera_tei_context_add_entity (self->context, g_steal_pointer (&record->entity));
}

static void
end_authority (Frame *frame,
               char  *uri)
{
  g_autofree char *owned = uri;

  _tessera_tei_entity_add_link (frame->links, frame->key, uri);
}

static void
add_category (ReadBack         *self,
              Frame            *parent,
              const char       *id,
              const Attributes *attributes)
{
  const char *key = id + strlen (TESSERA_TEI_CATEGORY_PREFIX);
  g_autofree char *ana = get_attribute (attributes, "ana");
  TesseraTeiCategory *category;

  if (g_hash_table_contains (self->context->categories, key))
    return;
  category = _tessera_tei_category_new (key);
  _tessera_tei_category_set_kind (category, ana, parent->key);
  g_ptr_array_add (self->context->category_order, category);
  g_hash_table_insert (self->context->categories, category->key, category);
}

/* Element by element ---------------------------------------------------------------------- */

static gboolean
is_name_element (const char *name)
{
  static const char * const names[] = {
    "persName", "orgName", "placeName", "geogName", "eventName", "objectName", "name",
    "label", NULL
  };

  return g_strv_contains (names, name);
}

static gboolean
is_entity_list (const char *name)
{
  static const char * const lists[] = {
    "listPerson", "listOrg", "listPlace", "listEvent", "listObject", NULL
  };

  return g_strv_contains (lists, name);
}

static gboolean
is_entity_record (const char *name)
{
  static const char * const records[] = {
    "person", "org", "place", "event", "object", "personGrp", NULL
  };

  return g_strv_contains (records, name);
}

/* Whether @bit is new in @frame->seen; it is set from now on. */
static gboolean
first (Frame *frame,
       guint  bit)
{
  gboolean was = (frame->seen & bit) != 0;

  frame->seen |= bit;
  return !was;
}

static Role
field (Frame  *frame,
       char  **target)
{
  frame->target = target;
  return ROLE_FIELD;
}

static Role
attribute_note (Frame            *frame,
                GHashTable      **table,
                const Attributes *attributes)
{
  frame->attributes = table;
  frame->key = get_attribute (attributes, "n");
  return frame->key != NULL ? ROLE_ATTRIBUTE_NOTE : ROLE_SKIP;
}

static Role
unexpected (ReadBack   *self,
            const char *name,
            const char *where)
{
  fail (self, TESSERA_TEI_ERROR_MALFORMED, _("the exporter writes no <%s> in <%s>"), name, where);
  return ROLE_SKIP;
}

/* What an element is, from where it stands; @frame is the element's own. */
static Role
role_of (ReadBack         *self,
         Frame            *parent,
         const char       *name,
         const Attributes *attributes,
         Frame            *frame)
{
  const char *parent_name = parent->name;
  TesseraTeiDocument *document = self->document;
  TesseraDocumentInfo *info = document ? &document->info : NULL;

  switch (parent->role)
    {
    case ROLE_ROOT:
      if (!g_str_equal (name, self->corpus ? "teiCorpus" : "TEI"))
        {
          fail (self, TESSERA_TEI_ERROR_NOT_TEI, _("the root element is <%s>, not <%s>"), name,
                self->corpus ? "teiCorpus" : "TEI");
          return ROLE_SKIP;
        }
      if (!self->corpus)
        begin_document (self, attributes);
      return self->corpus ? ROLE_CORPUS : ROLE_TEI;

    case ROLE_CORPUS:
      if (g_str_equal (name, "TEI") && (parent->seen & SEEN_1))
        {
          parent->seen |= SEEN_3;
          begin_document (self, attributes);
          return ROLE_TEI;
        }
      if (g_str_equal (name, "teiHeader") && parent->seen == 0)
        {
          parent->seen |= SEEN_1;
          return ROLE_HEADER;
        }
      if (g_str_equal (name, "standOff") && parent->seen == SEEN_1)
        {
          parent->seen |= SEEN_2;
          return ROLE_CORPUS_STAND_OFF;
        }
      return unexpected (self, name, parent_name);

    case ROLE_TEI:
      if (g_str_equal (name, "teiHeader") && parent->seen == 0)
        {
          parent->seen |= SEEN_1;
          return ROLE_HEADER;
        }
      if (!(parent->seen & SEEN_1))
        return unexpected (self, name, parent_name);
      if (!self->context->tessera)
        {
          fail (self, TESSERA_TEI_ERROR_MALFORMED,
                _("the header does not say the file was written by Tessera"));
          return ROLE_SKIP;
        }
      if (g_str_equal (name, "standOff") && parent->seen == SEEN_1)
        {
          parent->seen |= SEEN_2;
          return ROLE_STAND_OFF;
        }
      if (g_str_equal (name, "text") && !(parent->seen & SEEN_3))
        {
          parent->seen |= SEEN_3;
          return ROLE_TEXT;
        }
      return unexpected (self, name, parent_name);

    case ROLE_HEADER:
      if (g_str_equal (name, "fileDesc") && first (parent, SEEN_1))
        return ROLE_FILE_DESC;
      if (g_str_equal (name, "encodingDesc") && first (parent, SEEN_2))
        return ROLE_ENCODING_DESC;
      if (document != NULL && g_str_equal (name, "profileDesc") && first (parent, SEEN_3))
        return ROLE_PROFILE_DESC;
      if (document != NULL && g_str_equal (name, "revisionDesc") && first (parent, SEEN_4))
        {
          g_autofree char *status = get_attribute (attributes, "status");

          tessera_progress_from_string (status, &document->progress);
        }
      return ROLE_SKIP;

    case ROLE_FILE_DESC:
      if (g_str_equal (name, "titleStmt") && first (parent, SEEN_1))
        return ROLE_TITLE_STMT;
      if (document != NULL && g_str_equal (name, "sourceDesc") && first (parent, SEEN_2))
        return ROLE_SOURCE_DESC;
      if (document != NULL && g_str_equal (name, "notesStmt") && first (parent, SEEN_3))
        return ROLE_NOTES_STMT;
      return ROLE_SKIP;

    case ROLE_TITLE_STMT:
      if (document != NULL && g_str_equal (name, "title") && first (parent, SEEN_1))
        return field (frame, &info->title);
      if (document != NULL && g_str_equal (name, "author") && first (parent, SEEN_2))
        return field (frame, &self->title_author);
      if (g_str_equal (name, "respStmt"))
        {
          frame->key = get_xml_attribute (attributes, "id");
          if (frame->key != NULL)
            return ROLE_RESP_STMT;
        }
      return ROLE_SKIP;

    case ROLE_RESP_STMT:
      if ((g_str_equal (name, "name") || g_str_equal (name, "persName") ||
           g_str_equal (name, "orgName")) && first (parent, SEEN_1))
        return field (frame, &parent->value);
      return ROLE_SKIP;

    case ROLE_SOURCE_DESC:
      if (g_str_equal (name, "bibl") && !self->bibl_seen &&
          attribute_equals (attributes, "type", "article"))
        {
          self->bibl_seen = TRUE;
          return ROLE_BIBL;
        }
      return ROLE_SKIP;

    case ROLE_BIBL:
      if (g_str_equal (name, "author") && first (parent, SEEN_1))
        return field (frame, &self->bibl_author);
      if (g_str_equal (name, "publisher") && first (parent, SEEN_2))
        return field (frame, &info->publisher);
      if (g_str_equal (name, "date") && first (parent, SEEN_3))
        {
          self->date_when = get_attribute (attributes, "when");
          return field (frame, &info->publication_date);
        }
      if (g_str_equal (name, "idno") && attribute_equals (attributes, "type", "URI") &&
          first (parent, SEEN_4))
        return field (frame, &info->source_url);
      if (g_str_equal (name, "availability") && first (parent, SEEN_5))
        return ROLE_AVAILABILITY;
      return ROLE_SKIP;

    case ROLE_AVAILABILITY:
      if (g_str_equal (name, "licence") && first (parent, SEEN_1))
        {
          self->licence_target = get_attribute (attributes, "target");
          return field (frame, &info->licence);
        }
      return ROLE_SKIP;

    case ROLE_NOTES_STMT:
      if (g_str_equal (name, "note"))
        {
          g_autofree char *type = get_attribute (attributes, "type");

          if (g_strcmp0 (type, "notes") == 0 && first (parent, SEEN_1))
            return field (frame, &info->notes);
          if (g_strcmp0 (type, "attribute") == 0)
            return attribute_note (frame, &document->attributes, attributes);
        }
      return ROLE_SKIP;

    case ROLE_PROFILE_DESC:
      if (g_str_equal (name, "langUsage") && first (parent, SEEN_1))
        return ROLE_LANG_USAGE;
      return ROLE_SKIP;

    case ROLE_LANG_USAGE:
      if (g_str_equal (name, "language") && first (parent, SEEN_1))
        {
          g_autofree char *ident = get_attribute (attributes, "ident");

          if (ident != NULL && !g_str_equal (ident, "und"))
            {
              g_free (info->language);
              info->language = g_steal_pointer (&ident);
              return ROLE_SKIP;
            }
          return field (frame, &info->language);
        }
      return ROLE_SKIP;

    case ROLE_ENCODING_DESC:
      if (g_str_equal (name, "appInfo"))
        return ROLE_APP_INFO;
      if (g_str_equal (name, "classDecl"))
        return ROLE_CLASS;
      return ROLE_SKIP;

    case ROLE_APP_INFO:
      if (g_str_equal (name, "application") &&
          attribute_equals (attributes, "ident", TESSERA_TEI_APPLICATION))
        self->context->tessera = TRUE;
      return ROLE_SKIP;

    case ROLE_CLASS:
      if (!g_str_equal (name, "taxonomy"))
        {
          frame->key = get_xml_attribute (attributes, "id");
          if (g_str_equal (name, "category") && frame->key != NULL &&
              g_str_has_prefix (frame->key, TESSERA_TEI_CATEGORY_PREFIX) &&
              frame->key[strlen (TESSERA_TEI_CATEGORY_PREFIX)] != '\0')
            add_category (self, parent, frame->key, attributes);
        }
      return ROLE_CLASS;

    case ROLE_CORPUS_STAND_OFF:
      if (is_entity_list (name))
        return ROLE_ENTITY_LIST;
      return unexpected (self, name, parent_name);

    case ROLE_STAND_OFF:
      if (is_entity_list (name))
        return ROLE_ENTITY_LIST;
      if (g_str_equal (name, "join"))
        {
          TesseraTeiCarrier *join = carrier_new (TESSERA_TEI_CARRIER_JOIN, name, attributes,
                                                 current_line (self));
          g_auto(GStrv) pointers = join->target ? g_strsplit_set (join->target, " \t\n\r", -1)
                                                : NULL;

          for (guint i = 0; pointers != NULL && pointers[i] != NULL; i++)
            {
              const char *id = local_target (pointers[i]);

              if (id != NULL)
                g_hash_table_add (self->join_targets, g_string_chunk_insert (self->strings, id));
            }
          g_ptr_array_add (self->joins, join);
          return ROLE_EMPTY;
        }
      if (g_str_equal (name, "spanGrp"))
        {
          frame->key = get_attribute (attributes, "type");
          return ROLE_SPAN_GROUP;
        }
      if (g_str_equal (name, "listAnnotation"))
        return ROLE_LIST_ANNOTATION;
      if (g_str_equal (name, "listRelation"))
        return ROLE_LIST_RELATION;
      return unexpected (self, name, parent_name);

    case ROLE_ENTITY_LIST:
      if (is_entity_record (name))
        {
          EntityRecord *record = g_new0 (EntityRecord, 1);
          g_autofree char *ana = get_attribute (attributes, "ana");

          record->identifier = _tessera_tei_entity_new ();
          record->entity = _tessera_tei_entity_new ();
          record->entity->id = get_xml_attribute (attributes, "id");
          record->entity->list = g_strdup (name);
          record->entity->type_key = g_strdup (_tessera_tei_category_key (self->context, ana));
          frame->data = record;
          if (record->entity->id == NULL)
            fail (self, TESSERA_TEI_ERROR_MALFORMED, _("an entity record has no xml:id"));
          else if (ana != NULL && record->entity->type_key == NULL)
            fail (self, TESSERA_TEI_ERROR_BROKEN_POINTER,
                  _("@ana “%s” points to no category of the taxonomy"), ana);
          return ROLE_ENTITY;
        }
      return unexpected (self, name, parent_name);

    case ROLE_ENTITY:
      {
        EntityRecord *record = parent->data;

        if (g_str_equal (name, "objectIdentifier") && first (parent, SEEN_1))
          {
            record->has_identifier = TRUE;
            return ROLE_OBJECT_IDENTIFIER;
          }
        if (is_name_element (name) && record->name == NULL)
          return field (frame, &record->name);
        if (g_str_equal (name, "idno"))
          {
            frame->links = record->entity;
            frame->key = get_attribute (attributes, "n");
            if (frame->key == NULL)
              frame->key = get_attribute (attributes, "type");
            return ROLE_IDNO;
          }
        if (g_str_equal (name, "note"))
          {
            g_autofree char *type = get_attribute (attributes, "type");

            if (g_strcmp0 (type, "description") == 0 && first (parent, SEEN_2))
              return field (frame, &record->entity->description);
            if (g_strcmp0 (type, "attribute") == 0)
              return attribute_note (frame, &record->entity->attributes, attributes);
          }
        return ROLE_SKIP;
      }

    case ROLE_OBJECT_IDENTIFIER:
      {
        /* The frame below objectIdentifier's is its record's. */
        EntityRecord *record = parent[-1].data;

        if (is_name_element (name) && record->identifier_name == NULL)
          return field (frame, &record->identifier_name);
        if (g_str_equal (name, "idno"))
          {
            frame->links = record->identifier;
            frame->key = get_attribute (attributes, "n");
            if (frame->key == NULL)
              frame->key = get_attribute (attributes, "type");
            return ROLE_IDNO;
          }
        return ROLE_SKIP;
      }

    case ROLE_SPAN_GROUP:
      if (g_str_equal (name, "span"))
        {
          TesseraTeiCarrier *span = carrier_new (TESSERA_TEI_CARRIER_SPAN, name, attributes,
                                                 current_line (self));

          span->in_group = TRUE;
          span->group_type = g_strdup (parent->key);
          g_ptr_array_add (self->spans, span);
          if (span->id != NULL)
            g_hash_table_insert (self->span_of_id, span->id, span);
          return ROLE_EMPTY;
        }
      return unexpected (self, name, parent_name);

    case ROLE_LIST_ANNOTATION:
      if (g_str_equal (name, "annotation"))
        {
          frame->data = _tessera_tei_record_new (get_attribute (attributes, "target"),
                                                 current_line (self));
          return ROLE_RECORD;
        }
      return unexpected (self, name, parent_name);

    case ROLE_RECORD:
      {
        TesseraTeiRecord *record = parent->data;

        if (g_str_equal (name, "ptr"))
          {
            _tessera_tei_record_add_item (record, TRUE, get_attribute (attributes, "type"),
                                          get_attribute (attributes, "target"),
                                          current_line (self));
            return ROLE_EMPTY;
          }
        if (g_str_equal (name, "note"))
          {
            RecordNote *note;
            char *type = get_attribute (attributes, "type");

            if (g_strcmp0 (type, "attribute") == 0)
              {
                g_free (type);
                return attribute_note (frame, &record->attributes, attributes);
              }
            note = g_new0 (RecordNote, 1);
            note->type = type;
            frame->data = note;
            frame->target = &note->text;
            return ROLE_RECORD_NOTE;
          }
        return ROLE_SKIP;
      }

    case ROLE_RECORD_NOTE:
      {
        RecordNote *note = parent->data;

        if (g_str_equal (name, "date") && !note->has_date)
          {
            note->has_date = TRUE;
            note->date_when = get_attribute (attributes, "when");
            return field (frame, &note->date_text);
          }
        return ROLE_SKIP;
      }

    case ROLE_LIST_RELATION:
      if (g_str_equal (name, "relation"))
        {
          TesseraTeiRelationRecord *relation = g_new0 (TesseraTeiRelationRecord, 1);

          relation->id = get_xml_attribute (attributes, "id");
          relation->name = get_attribute (attributes, "name");
          relation->n = get_attribute (attributes, "n");
          relation->active = get_attribute (attributes, "active");
          relation->passive = get_attribute (attributes, "passive");
          relation->mutual = get_attribute (attributes, "mutual");
          relation->resp = get_attribute (attributes, "resp");
          relation->line = current_line (self);
          frame->data = relation;
          return ROLE_RELATION;
        }
      return unexpected (self, name, parent_name);

    case ROLE_RELATION:
      if (g_str_equal (name, "desc") && first (parent, SEEN_1))
        return field (frame, &((TesseraTeiRelationRecord *) parent->data)->desc);
      return ROLE_SKIP;

    case ROLE_TEXT:
      if (g_str_equal (name, "front"))
        return ROLE_SKIP;
      if (g_str_equal (name, "body") && first (parent, SEEN_1))
        {
          if (!frame->preserve)
            fail (self, TESSERA_TEI_ERROR_MALFORMED,
                  _("the body does not preserve white space (xml:space)"));
          return ROLE_BODY;
        }
      return unexpected (self, name, parent_name);

    case ROLE_BODY:
      if (g_str_equal (name, "div"))
        return ROLE_DIV;
      return unexpected (self, name, parent_name);

    case ROLE_DIV:
      if (g_str_equal (name, "p") || g_str_equal (name, "head"))
        {
          begin_paragraph (self, attributes);
          return ROLE_PARAGRAPH;
        }
      return unexpected (self, name, parent_name);

    case ROLE_PARAGRAPH:
    case ROLE_INLINE:
      if (!frame->preserve)
        {
          fail (self, TESSERA_TEI_ERROR_MALFORMED,
                _("the text does not preserve white space (xml:space)"));
          return ROLE_SKIP;
        }
      if (g_str_equal (name, "anchor"))
        {
          add_anchor (self, attributes);
          return ROLE_EMPTY;
        }
      if (_tessera_tei_element_is_mappable (name))
        {
          TesseraTeiCarrier *carrier = carrier_new (TESSERA_TEI_CARRIER_TEXT, name, attributes,
                                                    current_line (self));

          carrier->candidate = TRUE;
          carrier->start = self->length;
          frame->data = carrier;
          return ROLE_INLINE;
        }
      return unexpected (self, name, parent_name);

    case ROLE_EMPTY:
      return unexpected (self, name, parent_name);

    case ROLE_SKIP:
    case ROLE_FIELD:
    case ROLE_ATTRIBUTE_NOTE:
    case ROLE_IDNO:
      return ROLE_SKIP;

    default:
      g_assert_not_reached ();
    }
  return ROLE_SKIP;
}

static gboolean
collects_text (Role role)
{
  return role == ROLE_FIELD || role == ROLE_ATTRIBUTE_NOTE || role == ROLE_IDNO ||
         role == ROLE_RECORD_NOTE;
}

/* SAX2 callbacks -------------------------------------------------------------------------- */

static void
on_start_element (void           *data,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             n_namespaces,
                  const xmlChar **namespaces,
                  int             n_attributes,
                  int             n_defaulted,
                  const xmlChar **values)
{
  ReadBack *self = data;
  const char *name = (const char *) localname;
  Attributes attributes = { values, n_attributes };
  Frame *parent = &self->frames[self->depth - 1];
  Frame *frame;
  g_autofree char *space = NULL;
  g_autofree char *id = NULL;

  if (self->error != NULL)
    return;
  flush_run (self);
  self->node_length = 0;
  if (g_strcmp0 ((const char *) uri, TESSERA_TEI_NS) != 0)
    {
      fail (self, TESSERA_TEI_ERROR_MALFORMED, _("<%s> is not in the TEI namespace"), name);
      return;
    }
  /* The importer converts a file in another encoding, or fails to; libxml2's push parser
   * does either depending on how the bytes arrive. The exporter writes UTF-8. */
  if (self->depth == 1 &&
      (self->parser->input->encoding != NULL ||
       (self->parser->input->buf != NULL && self->parser->input->buf->encoder != NULL)))
    {
      fail (self, TESSERA_TEI_ERROR_MALFORMED, _("the file is not declared as UTF-8"));
      return;
    }
  if (self->depth - 1 > xmlParserMaxDepth || self->depth == MAX_DEPTH)
    {
      fail (self, TESSERA_TEI_ERROR_MALFORMED, _("elements are nested too deep"));
      return;
    }

  frame = &self->frames[self->depth++];
  memset (frame, 0, sizeof *frame);
  frame->name = name;
  frame->preserve = parent->preserve;
  /* Another value says nothing, as for xmlNodeGetSpacePreserve(). */
  space = get_xml_attribute (&attributes, "space");
  if (g_strcmp0 (space, "preserve") == 0)
    frame->preserve = TRUE;
  else if (g_strcmp0 (space, "default") == 0)
    frame->preserve = FALSE;
  frame->role = role_of (self, parent, name, &attributes, frame);
  if (self->error != NULL)
    return;

  id = get_xml_attribute (&attributes, "id");
  if (id != NULL)
    check_id (self, id, frame->role);
  if (collects_text (frame->role))
    {
      frame->text_start = self->field->len;
      self->collecting++;
    }
}

static void
on_end_element (void          *data,
                const xmlChar *localname,
                const xmlChar *prefix,
                const xmlChar *uri)
{
  ReadBack *self = data;
  Frame *frame = &self->frames[self->depth - 1];
  Frame *parent = &self->frames[self->depth - 2];

  if (self->error != NULL)
    return;
  flush_run (self);
  self->node_length = 0;

  switch (frame->role)
    {
    case ROLE_FIELD:
      g_free (*frame->target);
      *frame->target = field_value (self, frame);
      break;

    case ROLE_ATTRIBUTE_NOTE:
      {
        const char *text = self->field->str + frame->text_start;

        if (*frame->attributes == NULL)
          *frame->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
        g_hash_table_replace (*frame->attributes, g_steal_pointer (&frame->key),
                              frame->preserve ? g_strdup (text)
                                              : _tessera_tei_collapse_space (text));
      }
      break;

    case ROLE_IDNO:
      end_authority (frame, field_value (self, frame));
      break;

    case ROLE_RESP_STMT:
      if (frame->value != NULL)
        g_hash_table_replace (self->context->annotators, g_steal_pointer (&frame->key),
                              g_steal_pointer (&frame->value));
      break;

    case ROLE_RECORD_NOTE:
      {
        RecordNote *note = frame->data;
        TesseraTeiRecord *record = parent->data;
        char *value;

        note->text = field_value (self, frame);
        if (g_strcmp0 (note->type, "statement-date") == 0 && note->has_date)
          value = note->date_text ? g_steal_pointer (&note->date_text)
                                  : g_steal_pointer (&note->date_when);
        else
          value = g_steal_pointer (&note->text);
        _tessera_tei_record_add_item (record, FALSE, g_steal_pointer (&note->type), value,
                                      current_line (self));
      }
      break;

    case ROLE_RECORD:
      g_ptr_array_add (self->records, g_steal_pointer (&frame->data));
      break;

    case ROLE_RELATION:
      g_ptr_array_add (self->relations, g_steal_pointer (&frame->data));
      break;

    case ROLE_ENTITY:
      end_entity (self, frame->data);
      break;

    case ROLE_HEADER:
      if (self->document != NULL)
        end_document_header (self);
      break;

    case ROLE_PARAGRAPH:
      g_array_index (self->paragraphs, TesseraRange, self->paragraphs->len - 1).end =
        self->length;
      break;

    case ROLE_INLINE:
      {
        TesseraTeiCarrier *carrier = g_steal_pointer (&frame->data);

        carrier->end = self->length;
        end_carrier (self, carrier);
      }
      break;

    case ROLE_TEXT:
      if (!(frame->seen & SEEN_1))
        fail (self, TESSERA_TEI_ERROR_EMPTY, _("a TEI document has no body"));
      break;

    case ROLE_TEI:
      if (!(frame->seen & SEEN_3))
        fail (self, TESSERA_TEI_ERROR_EMPTY, _("this TEI document has no text element"));
      else
        end_document (self);
      break;

    default:
      break;
    }

  if (collects_text (frame->role) && --self->collecting == 0)
    g_string_truncate (self->field, 0);
  frame_clear (frame);
  self->depth--;
}

static void
on_characters (void          *data,
               const xmlChar *characters,
               int            length)
{
  ReadBack *self = data;
  Role role = self->frames[self->depth - 1].role;

  if (self->error != NULL)
    return;
  /* libxml2's tree builder refuses longer text nodes without XML_PARSE_HUGE. */
  self->node_length += length;
  if (self->node_length > XML_MAX_TEXT_LENGTH)
    {
      fail (self, TESSERA_TEI_ERROR_MALFORMED,
            _("a stretch of text without markup is longer than %d bytes, more than "
              "libxml2 reads"),
            XML_MAX_TEXT_LENGTH);
      return;
    }
  if (self->collecting > 0)
    g_string_append_len (self->field, (const char *) characters, length);
  else if (role == ROLE_PARAGRAPH || role == ROLE_INLINE)
    g_string_append_len (self->run, (const char *) characters, length);
  else if ((role == ROLE_BODY || role == ROLE_DIV) &&
           !all_space ((const char *) characters, length))
    fail (self, TESSERA_TEI_ERROR_MALFORMED, _("the body has text outside paragraphs"));
}

/* Comments and processing instructions end a text node, as in a tree. */
static void
on_comment (void          *data,
            const xmlChar *value)
{
  ReadBack *self = data;

  flush_run (self);
  self->node_length = 0;
}

static void
on_processing_instruction (void          *data,
                           const xmlChar *target,
                           const xmlChar *value)
{
  ReadBack *self = data;

  flush_run (self);
  self->node_length = 0;
}

static void
on_subset (void          *data,
           const xmlChar *name,
           const xmlChar *external_id,
           const xmlChar *system_id)
{
  fail ((ReadBack *) data, TESSERA_TEI_ERROR_UNSAFE,
        _("the file has a document type declaration, which the exporter does not write"));
}

static void
on_reference (void          *data,
              const xmlChar *name)
{
  fail ((ReadBack *) data, TESSERA_TEI_ERROR_UNSAFE,
        _("the file refers to the entity “%s”, which the exporter does not write"),
        (const char *) name);
}

static void
on_xml_error (void     *data,
              xmlError *error)
{
  ReadBack *self = data;
  g_autofree char *message = NULL;

  if (error->level < XML_ERR_ERROR || self->error != NULL)
    return;
  message = _tessera_tei_error_message (error);
  g_set_error (&self->error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_MALFORMED,
               _("not well-formed XML: %s"), message);
  if (self->parser != NULL)
    xmlStopParser (self->parser);
}

/* The reading --------------------------------------------------------------------------- */

#define BUFFER_SIZE (64 * 1024)

/**
 * _tessera_tei_read_back_new:
 * @path: a file the exporter is writing
 * @corpus: whether it is a teiCorpus (else one TEI)
 * @tagset: the project's types, for elements without @ana
 * @func: called with each document read, which it takes
 *
 * Starts reading back a file the exporter writes: _tessera_tei_read_back_step() reads
 * what the file holds so far, _tessera_tei_read_back_finish() the rest. Memory holds one
 * document's model at a time, whatever the size of the corpus.
 *
 * Returns: (transfer full): the reading, or %NULL with @error set
 */
TesseraTeiReadBack *
_tessera_tei_read_back_new (const char              *path,
                            gboolean                 corpus,
                            GListModel              *tagset,
                            TesseraTeiDocumentFunc   func,
                            gpointer                 user_data,
                            GError                 **error)
{
  static xmlSAXHandler sax = {
    .initialized = XML_SAX2_MAGIC,
    .startElementNs = on_start_element,
    .endElementNs = on_end_element,
    .characters = on_characters,
    .ignorableWhitespace = on_characters,
    .cdataBlock = on_characters,
    .comment = on_comment,
    .processingInstruction = on_processing_instruction,
    .internalSubset = on_subset,
    .externalSubset = on_subset,
    .reference = on_reference,
    .serror = (xmlStructuredErrorFunc) on_xml_error,
  };
  ReadBack *self;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), "%s",
                   g_strerror (saved_errno));
      return NULL;
    }

  xmlInitParser ();
  self = g_new0 (ReadBack, 1);
  self->fd = fd;
  self->buffer = g_malloc (BUFFER_SIZE);
  self->tagset = g_object_ref (tagset);
  self->corpus = corpus;
  self->func = func;
  self->user_data = user_data;
  self->context = _tessera_tei_context_new ();
  self->field = g_string_new (NULL);
  self->corpus_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->text = g_string_new (NULL);
  self->run = g_string_new (NULL);
  self->newlines = g_array_new (FALSE, FALSE, sizeof (guint));
  self->paragraphs = g_array_new (FALSE, FALSE, sizeof (TesseraRange));
  self->strings = g_string_chunk_new (64 * 1024);
  self->ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->paragraph_of_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->anchor_of_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->joins = g_ptr_array_new_with_free_func ((GDestroyNotify) _tessera_tei_carrier_free);
  self->anchors = g_array_new (FALSE, FALSE, sizeof (TesseraRange));
  self->join_targets = g_hash_table_new (g_str_hash, g_str_equal);
  self->texts = g_ptr_array_new_with_free_func ((GDestroyNotify) _tessera_tei_carrier_free);
  self->text_of_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->spans = g_ptr_array_new_with_free_func ((GDestroyNotify) _tessera_tei_carrier_free);
  self->span_of_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->records = g_ptr_array_new_with_free_func ((GDestroyNotify) _tessera_tei_record_free);
  self->relations = g_ptr_array_new_with_free_func ((GDestroyNotify) _tessera_tei_relation_record_free);
  self->frames[0].role = ROLE_ROOT;
  self->frames[0].name = "document";
  self->depth = 1;

  /* No network, no DTD loaded, entities not substituted (and refused, see on_reference). */
  self->parser = xmlCreatePushParserCtxt (&sax, self, NULL, 0, NULL);
  if (self->parser == NULL)
    {
      g_set_error (error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_FAILED,
                   _("The XML parser could not start"));
      _tessera_tei_read_back_free (self);
      return NULL;
    }
  xmlCtxtUseOptions (self->parser, XML_PARSE_NONET);
  return self;
}

void
_tessera_tei_read_back_free (TesseraTeiReadBack *self)
{
  if (self == NULL)
    return;
  while (self->depth > 0)
    frame_clear (&self->frames[--self->depth]);
  clear_document (self);
  g_clear_pointer (&self->parser, xmlFreeParserCtxt);
  if (self->fd >= 0)
    g_close (self->fd, NULL);
  g_free (self->buffer);
  g_object_unref (self->tagset);
  g_clear_pointer (&self->context, _tessera_tei_context_free);
  g_clear_error (&self->error);
  g_string_free (self->field, TRUE);
  g_hash_table_unref (self->corpus_ids);
  g_string_free (self->text, TRUE);
  g_string_free (self->run, TRUE);
  g_array_unref (self->newlines);
  g_array_unref (self->paragraphs);
  g_hash_table_unref (self->ids);
  g_hash_table_unref (self->paragraph_of_id);
  g_hash_table_unref (self->anchor_of_id);
  g_string_chunk_free (self->strings);
  g_ptr_array_unref (self->joins);
  g_array_unref (self->anchors);
  g_hash_table_unref (self->join_targets);
  g_ptr_array_unref (self->texts);
  g_hash_table_unref (self->text_of_id);
  g_ptr_array_unref (self->spans);
  g_hash_table_unref (self->span_of_id);
  g_ptr_array_unref (self->records);
  g_ptr_array_unref (self->relations);
  g_free (self);
}

/* Feeds the parser what the file holds beyond what it has read; with @terminate, that
 * is the end of the file. */
static gboolean
read_more (ReadBack      *self,
           gboolean       terminate,
           GCancellable  *cancellable,
           GError       **error)
{
  TesseraXmlErrorScope scope;

  if (self->error != NULL)
    goto failed;
  _tessera_xml_error_scope_begin (&scope, (xmlStructuredErrorFunc) on_xml_error, self);
  while (self->error == NULL)
    {
      gssize n = read (self->fd, self->buffer, BUFFER_SIZE);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (&self->error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), "%s",
                       g_strerror (saved_errno));
          break;
        }
      if (n == 0)
        break;
      if (g_cancellable_set_error_if_cancelled (cancellable, &self->error))
        break;
      xmlParseChunk (self->parser, self->buffer, (int) n, 0);
    }
  if (terminate && self->error == NULL)
    xmlParseChunk (self->parser, NULL, 0, 1);
  _tessera_xml_error_scope_end (&scope);

  if (self->error == NULL && !self->parser->wellFormed)
    g_set_error (&self->error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_MALFORMED,
                 _("not well-formed XML"));
  if (self->error == NULL)
    return TRUE;

failed:
  g_propagate_error (error, g_error_copy (self->error));
  return FALSE;
}

/**
 * _tessera_tei_read_back_step:
 *
 * Reads what has been written to the file since the last step: each document it
 * completes goes to the reading's function.
 *
 * Returns: %FALSE with @error set when the file cannot be read, is not well-formed or
 *   holds what the exporter does not write (%TESSERA_TEI_ERROR), or the function failed
 */
gboolean
_tessera_tei_read_back_step (TesseraTeiReadBack  *self,
                             GCancellable        *cancellable,
                             GError             **error)
{
  return read_more (self, FALSE, cancellable, error);
}

/**
 * _tessera_tei_read_back_finish:
 *
 * Reads the rest of the file, which is complete.
 *
 * Returns: (transfer full): what the file declares for all its documents, or %NULL with
 *   @error set, as for _tessera_tei_read_back_step()
 */
TesseraTeiContext *
_tessera_tei_read_back_finish (TesseraTeiReadBack  *self,
                               GCancellable        *cancellable,
                               GError             **error)
{
  if (!read_more (self, TRUE, cancellable, error))
    return NULL;
  if (self->n_documents == 0)
    {
      g_set_error (error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_EMPTY, _("no TEI document"));
      return NULL;
    }
  return g_steal_pointer (&self->context);
}
