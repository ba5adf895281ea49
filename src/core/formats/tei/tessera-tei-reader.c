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
#include <libxml/entities.h>
#include <libxml/parserInternals.h>

#include "tessera-tei-reader-private.h"

#include "tessera-project-files-private.h"
#include "tessera-util-private.h"
#include "tessera-text.h"

/*
 * The one TEI reader: the importer reads files from elsewhere with it, and the exporter's
 * self-check reads back what it writes, so that both give a file the same meaning.
 *
 * The file is streamed through libxml2's SAX2 interface, into libxml2's tree builder, one
 * element of the corpus at a time: a TEI element (one document), or the teiHeader and
 * standOff that a teiCorpus declares for all its documents; each is turned into the model
 * (tessera-tei-private.h) as soon as it ends, then freed. No network, no DTD loaded, no
 * entity substituted: an external entity is refused, never read, and libxml2's limits
 * refuse entity bombs, elements nested too deep and text nodes too long. libxml2 keeps no
 * table of xml:ids (see check_id()). The file may be read as it is written: each step
 * reads what it holds so far.
 *
 * Text comes from text/body (and the bodies of a text/group): every head, p, ab, l, item
 * and the like is a paragraph, that is a line; containers (div, lg, list, sp, a quote made
 * of paragraphs…) only hold paragraphs; loose text between them is a paragraph of its own.
 * Notes, forme work (fw) and figure descriptions are left out; page, column and line breaks
 * and milestones add nothing (a line break is a space); of a choice, the correction, the
 * regularisation or the expansion is kept. White space is collapsed as XML says, unless
 * xml:space="preserve" says otherwise, as in Tessera's own files.
 *
 * Annotations come from the elements the tagset maps (persName, orgName, placeName,
 * geogName, date, name, rs, said, q, quote…), or from @ana in Tessera's files; fragments
 * chained by @next/@prev or joined by a join, anchors with a span @from @to, and spans
 * pointing with string-range() are all reassembled.
 *
 * With TESSERA_TEI_READER_STRICT (the self-check), the file must be as Tessera writes it:
 * UTF-8, every element in the TEI namespace, no document type declaration, no entity
 * reference, every xml:id once, each document with an xml:id that prefixes those of its
 * elements in a corpus, no choice in the text and no paragraph in a paragraph. What the
 * bodies hold is then read straight from the parser's callbacks, without the tree builder
 * (start_in_text()), by the rules the walk of the tree follows (text_role()): those two
 * constructs are the ones that need the whole element before its text can be read. A file
 * Tessera wrote (its appInfo says so) has its pointers resolved strictly in both modes.
 */

#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA)

int
_tessera_tei_parse_options (void)
{
  return PARSE_OPTIONS;
}

/* Element classes --------------------------------------------------------------------------- */

/* Elements that make a paragraph, or hold paragraphs, wherever they are. */
static const char * const block_elements[] = {
  "p", "ab", "head", "l", "lg", "div", "div1", "div2", "div3", "div4", "div5", "div6", "div7",
  "list", "item", "sp", "speaker", "trailer", "byline", "dateline", "opener", "closer",
  "salute", "signed", "argument", "epigraph", "floatingText", "table", "row", "cell",
  "castList", "castItem", "postscript", "docTitle", "titlePart", "docAuthor", "docDate",
  "docEdition", "docImprint", "titlePage", "front", "body", "back", "group", "text", "cit",
  NULL
};

/* Elements that only hold paragraphs. */
static const char * const container_elements[] = {
  "div", "div1", "div2", "div3", "div4", "div5", "div6", "div7", "lg", "list", "sp", "table",
  "row", "floatingText", "body", "group", "text", "front", "back", "titlePage", "castList",
  "opener", "closer", "epigraph", "argument", "postscript", "cit", "docTitle",
  NULL
};

/* Not part of the running text. */
static const char * const skipped_elements[] = {
  "note", "fw", "figDesc", "teiHeader", "standOff", "interpGrp", "interp", "join", "joinGrp",
  "spanGrp", "link", "linkGrp", "certainty", "listAnnotation", "listRelation", "index",
  "listPerson", "listOrg", "listPlace", "listEvent", "listObject", "listBibl", "del",
  "surplus", "metamark", "noteGrp",
  NULL
};

static const char * const nothing_elements[] = {
  "pb", "cb", "gb", "milestone", "gap", "space", "caesura",
  NULL
};

/* Elements whose content is elements only: white space between their children is the
 * file's indentation, never text. */
static const char * const element_only_elements[] = {
  "subst", "choice", "app",
  NULL
};

/* Breaks that may fall inside a word (@break="no"). */
static const char * const break_elements[] = {
  "lb", "pb", "cb", "gb",
  NULL
};

static const char *
local_name (xmlNode *node)
{
  return (const char *) node->name;
}

static gboolean
is_tei (xmlNode *node)
{
  return node->type == XML_ELEMENT_NODE &&
         (node->ns == NULL || g_strcmp0 ((const char *) node->ns->href, TESSERA_TEI_NS) == 0);
}

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return is_tei (node) && g_str_equal (local_name (node), name);
}

/* The classes above as bits of an element's name, found with one lookup: the walk of the
 * text asks several of them of every element of a novel. */
static const char * const * const element_classes[] = {
  block_elements, container_elements, skipped_elements, nothing_elements,
  element_only_elements, break_elements,
};

/* The bits of element_classes. */
enum {
  CLASS_BLOCK        = 1u << 0,
  CLASS_CONTAINER    = 1u << 1,
  CLASS_SKIPPED      = 1u << 2,
  CLASS_NOTHING      = 1u << 3,
  CLASS_ELEMENT_ONLY = 1u << 4,
  CLASS_BREAK        = 1u << 5,
};

static guint
class_bits (const char *name)
{
  static GHashTable *classes;

  if (g_once_init_enter (&classes))
    {
      GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < G_N_ELEMENTS (element_classes); i++)
        {
          for (guint j = 0; element_classes[i][j] != NULL; j++)
            {
              const char *member = element_classes[i][j];
              guint bits = GPOINTER_TO_UINT (g_hash_table_lookup (table, member));

              g_hash_table_insert (table, (gpointer) member, GUINT_TO_POINTER (bits | 1u << i));
            }
        }
      g_once_init_leave (&classes, table);
    }
  return GPOINTER_TO_UINT (g_hash_table_lookup (classes, name));
}

static gboolean
name_in_list (const char         *name,
              const char * const *names)
{
  for (guint i = 0; i < G_N_ELEMENTS (element_classes); i++)
    {
      if (element_classes[i] == names)
        return (class_bits (name) & (1u << i)) != 0;
    }
  return g_strv_contains (names, name);
}

static gboolean
in_list (xmlNode            *node,
         const char * const *names)
{
  return is_tei (node) && name_in_list (local_name (node), names);
}

/* Takes @value, from libxml2's allocator, and gives it back from GLib's. */
static char *
steal_xml_string (xmlChar *value)
{
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

static char *
get_attr (xmlNode    *node,
          const char *name)
{
  return steal_xml_string (xmlGetProp (node, BAD_CAST name));
}

static char *
get_xml_attr (xmlNode    *node,
              const char *name)
{
  return steal_xml_string (xmlGetNsProp (node, BAD_CAST name, XML_XML_NAMESPACE));
}

static char *
get_xml_id (xmlNode *node)
{
  return get_xml_attr (node, "id");
}

/* @content of @node, its white space collapsed unless it is preserved; NULL when empty. */
static char *
element_text (xmlNode    *node,
              const char *content)
{
  char *text;

  if (xmlNodeGetSpacePreserve (node) == 1)
    text = g_strdup (content);
  else
    text = _tessera_tei_collapse_space (content);
  if (text != NULL && *text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* The text of an element, its white space collapsed unless it is preserved. */
static char *
node_text (xmlNode *node)
{
  xmlChar *content;
  char *text;

  if (node == NULL)
    return NULL;
  content = xmlNodeGetContent (node);
  if (content == NULL)
    return NULL;
  text = element_text (node, (const char *) content);
  xmlFree (content);
  return text;
}

static void
gather_text (xmlNode    *node,
             const char *except,
             GString    *out)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        g_string_append (out, (const char *) child->content);
      else if (child->type == XML_ELEMENT_NODE && !is_element (child, except))
        gather_text (child, except, out);
      else if (child->type == XML_ENTITY_REF_NODE)
        {
          xmlChar *content = xmlNodeGetContent (child);

          g_string_append (out, content ? (const char *) content : "");
          xmlFree (content);
        }
    }
}

/* The name an element gives, as node_text() reads it, without the identifiers (idno)
 * that may stand beside the name: <author><idno>Q371905</idno>Alphonse Allais</author>. */
static char *
name_text (xmlNode *node)
{
  g_autoptr(GString) content = NULL;

  if (node == NULL)
    return NULL;
  content = g_string_new (NULL);
  gather_text (node, "idno", content);
  return element_text (node, content->str);
}

static xmlNode *
first_child (xmlNode    *node,
             const char *name)
{
  for (xmlNode *child = node ? node->children : NULL; child != NULL; child = child->next)
    {
      if (is_element (child, name))
        return child;
    }
  return NULL;
}

static xmlNode *
first_child_typed (xmlNode    *node,
                   const char *name,
                   const char *type)
{
  for (xmlNode *child = node ? node->children : NULL; child != NULL; child = child->next)
    {
      if (is_element (child, name))
        {
          g_autofree char *value = get_attr (child, "type");

          if (g_strcmp0 (value, type) == 0)
            return child;
        }
    }
  return NULL;
}

static xmlNode *
path (xmlNode *node,
      ...)
{
  va_list args;
  const char *name;

  va_start (args, node);
  while (node != NULL && (name = va_arg (args, const char *)) != NULL)
    node = first_child (node, name);
  va_end (args);
  return node;
}

#define local_target _tessera_tei_local_target

/* An element of the text as the walks see it: a node of libxml2's tree, or, in a file read
 * strictly, the element the parser has just started (see start_in_text()). */
typedef struct
{
  xmlNode        *node;           /* or NULL, and then: */
  xmlParserCtxt  *parser;
  int             n_attributes;   /* SAX2's: (local name, prefix, URI, value, end) each */
  const xmlChar **attributes;
  gboolean        preserve;       /* xml:space, its own or inherited */
  gboolean        tei;
  const char     *name;
} Element;

static void
element_init (Element *element,
              xmlNode *node)
{
  memset (element, 0, sizeof *element);
  element->node = node;
  element->tei = is_tei (node);
  element->name = local_name (node);
}

/* The first attribute @name, in whatever namespace (as xmlHasProp() finds it), or in the
 * XML namespace: SAX2's five pointers, or NULL. */
static const xmlChar **
element_attribute (const Element *element,
                   const char    *name,
                   gboolean       in_xml_namespace)
{
  for (int i = 0; i < element->n_attributes; i++)
    {
      const xmlChar **attribute = element->attributes + 5 * i;

      if (in_xml_namespace && (attribute[2] == NULL ||
                               !xmlStrEqual (attribute[2], XML_XML_NAMESPACE)))
        continue;
      if (g_str_equal ((const char *) attribute[0], name))
        return attribute;
    }
  return NULL;
}

static gboolean
element_has (const Element *element,
             const char    *name)
{
  if (element->node != NULL)
    return xmlHasProp (element->node, BAD_CAST name) != NULL;
  return element_attribute (element, name, FALSE) != NULL;
}

static gboolean
element_has_id (const Element *element)
{
  if (element->node != NULL)
    return xmlHasNsProp (element->node, BAD_CAST "id", XML_XML_NAMESPACE) != NULL;
  return element_attribute (element, "id", TRUE) != NULL;
}

/* A value as the tree builder would give it: SAX2 leaves character references to it. */
static char *
attribute_value (const Element  *element,
                 const xmlChar **attribute)
{
  xmlChar *decoded;

  if (memchr (attribute[3], '&', attribute[4] - attribute[3]) == NULL)
    return g_strndup ((const char *) attribute[3], attribute[4] - attribute[3]);
  decoded = xmlStringLenDecodeEntities (element->parser, attribute[3],
                                        attribute[4] - attribute[3], XML_SUBSTITUTE_REF,
                                        0, 0, 0);
  return steal_xml_string (decoded != NULL ? decoded : xmlStrdup (BAD_CAST ""));
}

static char *
element_get (const Element *element,
             const char    *name)
{
  const xmlChar **attribute;

  if (element->node != NULL)
    return get_attr (element->node, name);
  attribute = element_attribute (element, name, FALSE);
  return attribute != NULL ? attribute_value (element, attribute) : NULL;
}

static gboolean
is_named (const Element *element,
          const char    *name)
{
  return element->tei && g_str_equal (element->name, name);
}

static gboolean
element_preserve (const Element *element)
{
  if (element->node != NULL)
    return xmlNodeGetSpacePreserve (element->node) == 1;
  return element->preserve;
}

/* Reading ------------------------------------------------------------------------------------- */

/* An element of the text, with where it starts and ends in the text; what may carry an
 * annotation or be pointed to is read from it as it is met, since the text's elements are
 * freed as soon as they are read. */
typedef struct
{
  guint              start;
  guint              end;
  gboolean           start_pending;
  TesseraTeiCarrier *carrier;      /* nullable: neither an annotation nor pointed to */
} Mark;

/* How the text's elements are read as they end (see on_end_element()). */
typedef enum
{
  STREAM_NONE,       /* read with its parent, or not at all */
  STREAM_TEXT,       /* text or group: holds bodies */
  STREAM_BODY,       /* body: its children read as they end */
  STREAM_CONTAINER,  /* an element that only holds paragraphs: the same, with a mark */
  STREAM_STAND_OFF,  /* standOff, and what in it only holds records: the same */
  /* Strict: the elements of the bodies, read from the parser as they come (no tree). */
  STREAM_PARAGRAPH,  /* a paragraph, with a mark */
  STREAM_INLINE,     /* an element within one, with a mark */
  STREAM_LEFT_OUT,   /* what the text leaves out, and all it holds */
} Stream;

typedef struct
{
  Stream   stream;
  guint    mark;
  gboolean preserve;        /* strict, in a body: xml:space, its own or inherited */
  gboolean space_ignored;   /* …and white space between its children is no text */
} OpenElement;

struct _TesseraTeiReader
{
  TesseraTeiReaderFlags   flags;
  char                   *path;
  int                     fd;
  char                   *buffer;
  xmlParserCtxt          *parser;         /* once the file's first bytes are read */
  GListModel             *tagset;
  TesseraTeiDocumentFunc  func;
  gpointer                user_data;
  GCancellable           *cancellable;
  TesseraTeiContext      *context;
  char                   *display_name;   /* starts messages; NULL for the self-check */
  GError                 *error;          /* the first error met */
  char                   *xml_message;    /* the parser's first error */
  gboolean                xml_unsafe;     /* …and it was an entity bomb */
  gboolean                xml_too_deep;   /* …or elements nested beyond the parser's limit */
  GHashTable             *repeated_ids;   /* xml:id → GString of the lines repeating it */
  GPtrArray              *repeated_order; /* the same xml:ids (borrowed), as met */
  GPtrArray              *unresolved;     /* char *: spans pointing nowhere */
  GPtrArray              *moved;          /* char *: annotations whose boundaries moved */

  /* Where the parser is. */
  guint                   depth;          /* elements open */
  guint                   corpus_depth;   /* of them, the teiCorpus elements around all */
  gboolean                root_seen;
  guint                   n_documents;
  GStringChunk           *strings;        /* the keys of the tables of xml:ids */
  GHashTable             *file_ids;       /* xml:ids of the file (strict: outside documents) */
  GHashTable             *document_ids;   /* strict: those of the document being read */
  GStringChunk           *document_strings; /* …their keys, and those of mark_of_id */
  char                   *document_id;    /* strict: the xml:id of the TEI being read */

  /* The document being read. */
  GString                *text;
  guint                   length;
  guint                   n_paragraphs;
  gboolean                in_paragraph;
  gboolean                pending_space;
  gboolean                last_was_space;
  gboolean                in_word;        /* after a break inside a word: no space */
  GArray                 *newlines;       /* guint offsets of the newlines */
  GArray                 *marks;          /* Mark */
  GArray                 *pending;        /* indices of marks waiting for a paragraph */
  GHashTable             *mark_of_id;     /* xml:id → index + 1 */
  GArray                 *open;           /* OpenElement, one per element open */
  GString                *characters;     /* strict: text of a body not read yet */
  xmlNode                *tei;            /* the TEI element being read, or NULL */
  TesseraTeiDocument     *document;       /* …its model */
  TesseraTeiAssembly      found;          /* …and what its annotations are made of */
  gboolean                header_read;
  gboolean                text_seen;
  gboolean                early;          /* strict: its joins known before its text */
  GHashTable             *join_targets;   /* …the xml:ids they take */
  TesseraTeiCarrier      *spare_carrier;  /* one the text has done with, to reuse */
};

typedef struct _TesseraTeiReader Reader;

static gboolean fail_at (Reader     *self,
                         long        line,
                         int         code,
                         const char *format,
                         ...) G_GNUC_PRINTF (4, 5);

static gboolean fail_valist (Reader     *self,
                             long        line,
                             int         code,
                             const char *format,
                             va_list     args) G_GNUC_PRINTF (4, 0);

/* Records the first error, prefixed with the file's name and the line it is on, and stops
 * the parser. */
static gboolean
fail_valist (Reader     *self,
             long        line,
             int         code,
             const char *format,
             va_list     args)
{
  g_autofree char *message = NULL;

  if (self->error != NULL)
    return FALSE;
  message = g_strdup_vprintf (format, args);
  if (self->display_name != NULL && line > 0)
    g_set_error (&self->error, TESSERA_TEI_ERROR, code, _("%s, line %ld: %s"),
                 self->display_name, line, message);
  else if (self->display_name != NULL)
    g_set_error (&self->error, TESSERA_TEI_ERROR, code, "%s: %s", self->display_name, message);
  else if (line > 0)
    g_set_error (&self->error, TESSERA_TEI_ERROR, code, _("line %d: %s"), (int) line, message);
  else
    g_set_error_literal (&self->error, TESSERA_TEI_ERROR, code, message);
  if (self->parser != NULL)
    xmlStopParser (self->parser);
  return FALSE;
}

static gboolean
fail_at (Reader     *self,
         long        line,
         int         code,
         const char *format,
         ...)
{
  va_list args;

  va_start (args, format);
  fail_valist (self, line, code, format, args);
  va_end (args);
  return FALSE;
}

static gboolean
fail (Reader     *self,
      xmlNode    *node,
      int         code,
      const char *format,
      ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail (Reader     *self,
      xmlNode    *node,
      int         code,
      const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  fail_valist (self, node != NULL ? xmlGetLineNo (node) : 0, code, format, args);
  va_end (args);
  return FALSE;
}

static void
reset_document_state (Reader *self)
{
  g_string_truncate (self->text, 0);
  self->length = 0;
  self->n_paragraphs = 0;
  self->in_paragraph = FALSE;
  self->pending_space = FALSE;
  self->last_was_space = TRUE;
  self->in_word = FALSE;
  g_array_set_size (self->newlines, 0);
  g_array_set_size (self->marks, 0);
  g_array_set_size (self->pending, 0);
  g_hash_table_remove_all (self->mark_of_id);
  /* (document_ids was emptied as the document started, see on_start_element().) */
  g_string_chunk_clear (self->document_strings);
  self->early = FALSE;
  g_hash_table_remove_all (self->join_targets);
}

static void
clear_mark (Mark *mark)
{
  g_clear_pointer (&mark->carrier, _tessera_tei_carrier_free);
}

static TesseraTeiCarrier *carrier_from_element (const Element         *element,
                                                TesseraTeiCarrierKind  kind,
                                                int                    line,
                                                TesseraTeiCarrier     *spare);

static Mark *
mark_at (Reader *self,
         guint   index)
{
  return &g_array_index (self->marks, Mark, index);
}

/* Text building ------------------------------------------------------------------------- */

static void
ensure_paragraph (Reader *self)
{
  if (self->in_paragraph)
    return;
  if (self->n_paragraphs > 0)
    {
      g_array_append_val (self->newlines, self->length);
      g_string_append_c (self->text, '\n');
      self->length++;
    }
  self->n_paragraphs++;
  self->in_paragraph = TRUE;
  self->pending_space = FALSE;
  self->last_was_space = TRUE;
  for (guint i = 0; i < self->pending->len; i++)
    {
      Mark *mark = mark_at (self, g_array_index (self->pending, guint, i));

      mark->start = self->length;
      mark->start_pending = FALSE;
    }
  g_array_set_size (self->pending, 0);
}

static void
end_paragraph (Reader *self)
{
  self->in_paragraph = FALSE;
  self->pending_space = FALSE;
  self->in_word = FALSE;
}

static void
flush_space (Reader *self)
{
  if (self->pending_space)
    {
      g_string_append_c (self->text, ' ');
      self->length++;
      self->pending_space = FALSE;
      self->last_was_space = TRUE;
    }
}

static gboolean
is_xml_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gboolean
all_space (const char *text)
{
  for (; *text; text++)
    {
      if (!is_xml_space (*text))
        return FALSE;
    }
  return TRUE;
}

static void
append_text (Reader     *self,
             const char *content,
             gsize       length,
             gboolean    preserve)
{
  const char *p, *end;

  /* Normalised once the whole text is read (normalize_text()): a character may be
   * composed across elements, and pointers count the text as written. */
  if (content == NULL || length == 0)
    return;

  if (preserve)
    {
      ensure_paragraph (self);
      self->length += _tessera_tei_append_preserved (self->text, content, length);
      self->last_was_space = FALSE;
      return;
    }

  p = content;
  end = content + length;
  while (p < end)
    {
      const char *run = p;
      guint n_characters = 0;

      if (is_xml_space (*p))
        {
          if (self->in_paragraph && !self->last_was_space && !self->in_word)
            self->pending_space = TRUE;
          p++;
          continue;
        }
      /* A run of non-space: the code points are the bytes that start one. */
      for (; p < end && !is_xml_space (*p); p++)
        n_characters += ((guchar) *p & 0xC0) != 0x80;
      ensure_paragraph (self);
      flush_space (self);
      g_string_append_len (self->text, run, p - run);
      self->length += n_characters;
      self->last_was_space = FALSE;
      self->in_word = FALSE;
    }
}

/* Marks --------------------------------------------------------------------------------- */

static guint
add_mark (Reader        *self,
          const Element *element,
          gboolean       block)
{
  Mark mark = { self->length, self->length, FALSE, NULL };
  guint index = self->marks->len;
  gboolean candidate = element->tei && !is_named (element, "anchor") &&
                       ((self->context->tessera && element_has (element, "ana")) ||
                        _tessera_tei_element_is_mappable (element->name));
  const char *id = NULL;

  /* An element with an xml:id has a carrier, which holds its value as get_xml_id() reads
   * it: read once. */
  if (candidate || element_has_id (element))
    {
      mark.carrier = carrier_from_element (element, TESSERA_TEI_CARRIER_TEXT,
                                           element->node != NULL ? 0
                                           : xmlSAX2GetLineNumber (element->parser),
                                           g_steal_pointer (&self->spare_carrier));
      mark.carrier->candidate = candidate;
      id = mark.carrier->id;
    }

  if (block)
    {
      mark.start_pending = TRUE;
      g_array_append_val (self->marks, mark);
      g_array_append_val (self->pending, index);
    }
  else
    g_array_append_val (self->marks, mark);
  /* A repeated xml:id (see check_id()) names its first element. */
  if (id != NULL && !g_hash_table_contains (self->mark_of_id, id))
    g_hash_table_insert (self->mark_of_id, g_string_chunk_insert (self->document_strings, id),
                         GUINT_TO_POINTER (index + 1));
  return index;
}

static void
end_mark (Reader *self,
          guint   index)
{
  Mark *mark = mark_at (self, index);

  if (mark->start_pending)
    {
      /* No paragraph inside: an empty mark where it stands. */
      for (guint i = 0; i < self->pending->len; i++)
        {
          if (g_array_index (self->pending, guint, i) == index)
            {
              g_array_remove_index (self->pending, i);
              break;
            }
        }
      mark->start_pending = FALSE;
      mark->start = self->length;
    }
  mark->end = self->length;

  /* In a file Tessera wrote, whose joins come before the text, an element that no join
   * takes and that no chain continues is an annotation already: the model of a novel
   * need not hold every element's carrier too. */
  if (self->early && mark->carrier != NULL && mark->carrier->next == NULL &&
      mark->carrier->prev == NULL &&
      (mark->carrier->id == NULL || !g_hash_table_contains (self->join_targets,
                                                             mark->carrier->id)))
    {
      g_autoptr(TesseraTeiCarrier) carrier = g_steal_pointer (&mark->carrier);

      carrier->start = mark->start;
      carrier->end = mark->end;
      if (self->error == NULL)
        _tessera_tei_assemble_text (&self->found, self->document, carrier, &self->error);
      /* The next element's, most often. */
      if (self->spare_carrier == NULL)
        self->spare_carrier = g_steal_pointer (&carrier);
    }
}

/* Walking the body ------------------------------------------------------------------------ */

static gboolean walk (Reader  *self,
                      xmlNode *parent,
                      gboolean block);

static gboolean
has_block_child (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (in_list (child, block_elements))
        return TRUE;
    }
  return FALSE;
}

static xmlNode *
chosen_alternative (xmlNode *choice)
{
  static const char * const preferred[] = { "corr", "reg", "expan", NULL };

  for (guint i = 0; preferred[i] != NULL; i++)
    {
      xmlNode *child = first_child (choice, preferred[i]);

      if (child != NULL)
        return child;
    }
  for (xmlNode *child = choice->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE)
        return child;
    }
  return NULL;
}

static gboolean
walk_entity (Reader   *self,
             xmlNode  *node,
             gboolean  block)
{
  xmlEntity *entity = xmlGetDocEntity (node->doc, node->name);

  if (entity == NULL || entity->etype != XML_INTERNAL_GENERAL_ENTITY)
    return fail (self, node, TESSERA_TEI_ERROR_UNSAFE,
                 _("the file refers to the external entity “%s”; Tessera does not read other "
                   "files named in an XML file, and refused it"), (const char *) node->name);
  if (entity->children != NULL)
    return walk (self, (xmlNode *) entity, block);
  if (entity->content != NULL && strpbrk ((const char *) entity->content, "<&") == NULL)
    {
      if (!block || !all_space ((const char *) entity->content))
        append_text (self, (const char *) entity->content,
                     strlen ((const char *) entity->content),
                     node->parent != NULL && xmlNodeGetSpacePreserve (node->parent) == 1);
      return TRUE;
    }
  return fail (self, node, TESSERA_TEI_ERROR_UNSAFE,
               _("the entity “%s” holds markup, which Tessera does not expand"),
               (const char *) node->name);
}

/* What an element of the text is to the walks (the tree's, walk_element(), and the
 * parser's, start_in_text()), decided as it starts, with what it does to the white space
 * around it. */
typedef enum
{
  TEXT_LEFT_OUT,     /* none of it is text */
  TEXT_ANCHOR,       /* a point of the text, a mark */
  TEXT_CHOICE,       /* one of its children is the text */
  TEXT_BLOCK,        /* a paragraph, or what holds paragraphs */
  TEXT_INLINE,       /* within a paragraph */
} TextRole;

static TextRole
text_role (Reader        *self,
           const Element *element,
           gboolean       block)
{
  /* The classes of the element, asked of every element of the text: found once. */
  guint classes = element->tei ? class_bits (element->name) : 0;

  if (classes & CLASS_BREAK)
    {
      g_autofree char *brk = element_get (element, "break");

      if (g_strcmp0 (brk, "no") == 0)
        {
          /* The word goes on: neither the white space around the break nor the break
           * itself is a space. */
          self->pending_space = FALSE;
          self->in_word = self->in_paragraph && !element_preserve (element);
          return TEXT_LEFT_OUT;
        }
    }
  if (classes & (CLASS_SKIPPED | CLASS_NOTHING))
    return TEXT_LEFT_OUT;
  /* A span that points (@from, @target) holds an interpretation of what it points to; one
   * that does not holds running text (Recogito's <span>my heart bleeds</span>). */
  if (is_named (element, "span") &&
      (element_has (element, "from") || element_has (element, "target")))
    return TEXT_LEFT_OUT;
  if (is_named (element, "lb"))
    {
      if (self->in_paragraph && !self->last_was_space && !element_preserve (element))
        self->pending_space = TRUE;
      return TEXT_LEFT_OUT;
    }
  if (is_named (element, "anchor"))
    {
      if (!block)
        flush_space (self);
      return TEXT_ANCHOR;
    }
  if (is_named (element, "choice"))
    return TEXT_CHOICE;

  if (block || (classes & CLASS_BLOCK))
    {
      end_paragraph (self);
      return TEXT_BLOCK;
    }
  ensure_paragraph (self);
  flush_space (self);
  return TEXT_INLINE;
}

static gboolean
walk_element (Reader   *self,
              xmlNode  *node,
              gboolean  block)
{
  Element element;
  guint mark;

  element_init (&element, node);
  switch (text_role (self, &element, block))
    {
    case TEXT_LEFT_OUT:
      return TRUE;
    case TEXT_ANCHOR:
      add_mark (self, &element, block || !self->in_paragraph);
      return TRUE;
    case TEXT_CHOICE:
      {
        xmlNode *alternative = chosen_alternative (node);

        if (alternative == NULL)
          return TRUE;
        if (block)
          return walk_element (self, alternative, block);
        return walk (self, alternative, FALSE);
      }
    case TEXT_BLOCK:
      if (in_list (node, container_elements) || has_block_child (node))
        {
          mark = add_mark (self, &element, TRUE);
          if (!walk (self, node, TRUE))
            return FALSE;
          end_paragraph (self);
        }
      else
        {
          /* A paragraph, even an empty one: it is a line of the text. */
          ensure_paragraph (self);
          mark = add_mark (self, &element, FALSE);
          if (!walk (self, node, FALSE))
            return FALSE;
          end_paragraph (self);
        }
      end_mark (self, mark);
      return TRUE;
    case TEXT_INLINE:
    default:
      mark = add_mark (self, &element, FALSE);
      if (!walk (self, node, FALSE))
        return FALSE;
      end_mark (self, mark);
      return TRUE;
    }
}

static gboolean
walk (Reader   *self,
      xmlNode  *parent,
      gboolean  block)
{
  /* libxml2 answers for elements only: text takes its parent's xml:space. */
  gboolean preserve = xmlNodeGetSpacePreserve (parent) == 1;
  /* Where white space between elements is no text. */
  gboolean space_ignored = block || in_list (parent, element_only_elements);

  for (xmlNode *child = parent->children; child != NULL && self->error == NULL;
       child = child->next)
    {
      switch (child->type)
        {
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
          if (space_ignored && all_space ((const char *) child->content))
            break;
          append_text (self, (const char *) child->content,
                       strlen ((const char *) child->content), preserve);
          break;
        case XML_ENTITY_REF_NODE:
          if (!walk_entity (self, child, block))
            return FALSE;
          break;
        case XML_ELEMENT_NODE:
          if (child->ns != NULL && !is_tei (child))
            {
              /* Another vocabulary: keep its text. */
              if (!walk (self, child, block))
                return FALSE;
              break;
            }
          if (!walk_element (self, child, block))
            return FALSE;
          break;
        default:
          break;
        }
    }
  return self->error == NULL;
}

/* Header -------------------------------------------------------------------------------------- */

/* The colour (@style) and the labels (catDesc by language) of a category. */
static void
read_category_details (xmlNode            *node,
                       TesseraTeiCategory *category)
{
  g_autofree char *style = get_attr (node, "style");

  if (style != NULL && g_str_has_prefix (style, "color: #") && strlen (style) == 14 &&
      strspn (style + strlen ("color: #"), "0123456789abcdefABCDEF") == 6)
    category->color = g_strdup (style + strlen ("color: "));
  for (xmlNode *label = node->children; label != NULL; label = label->next)
    {
      g_autofree char *language = NULL;
      char *text;

      if (!is_element (label, "catDesc"))
        continue;
      language = get_xml_attr (label, "lang");
      text = node_text (label);
      if (language != NULL && text != NULL)
        g_hash_table_insert (category->labels, g_steal_pointer (&language), text);
      else
        g_free (text);
    }
}

/* A relation type's category: its key is @n, any text. */
static void
read_relation_category (Reader     *self,
                        xmlNode    *node,
                        const char *suffix)
{
  g_autofree char *key = get_attr (node, "n");
  TesseraTeiCategory *category;

  if (key == NULL || *key == '\0' ||
      g_hash_table_contains (self->context->relation_categories, suffix))
    return;
  category = _tessera_tei_category_new (key);
  read_category_details (node, category);
  g_ptr_array_add (self->context->relation_category_order, category);
  g_hash_table_insert (self->context->relation_categories, g_strdup (suffix), category);
}

static void
read_categories (Reader  *self,
                 xmlNode *node,
                 xmlNode *parent_category)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      g_autofree char *id = NULL;

      if (is_element (child, "taxonomy"))
        {
          read_categories (self, child, NULL);
          continue;
        }
      if (!is_element (child, "category"))
        continue;
      id = get_xml_id (child);
      if (id != NULL && g_str_has_prefix (id, TESSERA_TEI_RELATION_PREFIX) &&
          id[strlen (TESSERA_TEI_RELATION_PREFIX)] != '\0')
        read_relation_category (self, child, id + strlen (TESSERA_TEI_RELATION_PREFIX));
      else if (id != NULL && g_str_has_prefix (id, TESSERA_TEI_CATEGORY_PREFIX) &&
               id[strlen (TESSERA_TEI_CATEGORY_PREFIX)] != '\0')
        {
          const char *key = id + strlen (TESSERA_TEI_CATEGORY_PREFIX);
          TesseraTeiCategory *category = _tessera_tei_category_new (key);
          g_autofree char *ana = get_attr (child, "ana");
          g_autofree char *parent_id = parent_category ? get_xml_id (parent_category) : NULL;

          _tessera_tei_category_set_kind (category, ana, parent_id);
          read_category_details (child, category);
          if (!g_hash_table_contains (self->context->categories, category->key))
            {
              g_ptr_array_add (self->context->category_order, category);
              g_hash_table_insert (self->context->categories, category->key, category);
            }
          else
            _tessera_tei_category_free (category);
        }
      read_categories (self, child, child);
    }
}

static void
read_context_header (Reader  *self,
                     xmlNode *header)
{
  xmlNode *encoding = first_child (header, "encodingDesc");
  xmlNode *title_stmt = path (header, "fileDesc", "titleStmt", NULL);

  for (xmlNode *child = encoding ? encoding->children : NULL; child != NULL; child = child->next)
    {
      if (is_element (child, "appInfo"))
        {
          for (xmlNode *application = child->children; application != NULL;
               application = application->next)
            {
              g_autofree char *ident = NULL;

              if (!is_element (application, "application"))
                continue;
              ident = get_attr (application, "ident");
              if (g_strcmp0 (ident, TESSERA_TEI_APPLICATION) == 0)
                self->context->tessera = TRUE;
            }
        }
      else if (is_element (child, "classDecl"))
        read_categories (self, child, NULL);
    }

  for (xmlNode *child = title_stmt ? title_stmt->children : NULL; child != NULL;
       child = child->next)
    {
      g_autofree char *id = NULL;

      if (!is_element (child, "respStmt") || (id = get_xml_id (child)) == NULL)
        continue;
      for (xmlNode *name = child->children; name != NULL; name = name->next)
        {
          if (is_tei (name) && (g_str_equal (local_name (name), "name") ||
                                g_str_equal (local_name (name), "persName") ||
                                g_str_equal (local_name (name), "orgName")))
            {
              char *text = node_text (name);

              if (text != NULL && !g_hash_table_contains (self->context->annotators, id))
                g_hash_table_insert (self->context->annotators, g_steal_pointer (&id), text);
              else
                g_free (text);
              break;
            }
        }
    }
}

static xmlNode *
chosen_bibl (xmlNode *source_desc)
{
  static const char * const preferred[] = { "article", "firstEdition", "printSource", NULL };

  for (guint i = 0; preferred[i] != NULL; i++)
    {
      xmlNode *bibl = first_child_typed (source_desc, "bibl", preferred[i]);

      if (bibl != NULL)
        return bibl;
    }
  return first_child (source_desc, "bibl");
}

static char *
licence_of (xmlNode *availability)
{
  xmlNode *licence = first_child (availability, "licence");
  char *text;

  if (licence == NULL)
    return NULL;
  text = node_text (licence);
  if (text == NULL)
    text = get_attr (licence, "target");
  return text;
}

static char *
first_http_target (xmlNode *source_desc)
{
  for (xmlNode *bibl = source_desc ? source_desc->children : NULL; bibl != NULL; bibl = bibl->next)
    {
      if (!is_element (bibl, "bibl"))
        continue;
      for (xmlNode *child = bibl->children; child != NULL; child = child->next)
        {
          g_autofree char *target = NULL;

          if (!is_element (child, "ref") && !is_element (child, "ptr"))
            continue;
          target = get_attr (child, "target");
          if (target != NULL && (g_str_has_prefix (target, "http://") ||
                                 g_str_has_prefix (target, "https://")))
            return g_steal_pointer (&target);
        }
    }
  return NULL;
}

static void
read_attribute_notes (xmlNode     *parent,
                      GHashTable **attributes)
{
  for (xmlNode *note = parent ? parent->children : NULL; note != NULL; note = note->next)
    {
      g_autofree char *type = NULL;
      g_autofree char *key = NULL;
      xmlChar *content;

      if (!is_element (note, "note"))
        continue;
      type = get_attr (note, "type");
      key = get_attr (note, "n");
      if (g_strcmp0 (type, "attribute") != 0 || key == NULL)
        continue;
      if (*attributes == NULL)
        *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      content = xmlNodeGetContent (note);
      g_hash_table_replace (*attributes, g_steal_pointer (&key),
                            xmlNodeGetSpacePreserve (note) == 1
                            ? g_strdup ((const char *) content)
                            : _tessera_tei_collapse_space ((const char *) content));
      xmlFree (content);
    }
}

static void
read_document_header (Reader             *self,
                      xmlNode            *tei,
                      xmlNode            *header,
                      TesseraTeiDocument *document)
{
  xmlNode *file_desc = first_child (header, "fileDesc");
  xmlNode *title_stmt = first_child (file_desc, "titleStmt");
  xmlNode *source_desc = first_child (file_desc, "sourceDesc");
  xmlNode *bibl = chosen_bibl (source_desc);
  xmlNode *notes = first_child (file_desc, "notesStmt");
  xmlNode *language = path (header, "profileDesc", "langUsage", "language", NULL);
  xmlNode *revision = first_child (header, "revisionDesc");
  TesseraDocumentInfo *info = &document->record->info;

  info->title = node_text (first_child (title_stmt, "title"));
  info->author = name_text (first_child (title_stmt, "author"));
  if (info->author == NULL)
    info->author = name_text (first_child (bibl, "author"));
  info->publisher = node_text (first_child (bibl, "publisher"));

  {
    xmlNode *date = first_child (bibl, "date");

    info->publication_date = node_text (date);
    if (info->publication_date == NULL && date != NULL)
      info->publication_date = get_attr (date, "when");
  }

  info->source_url = node_text (first_child_typed (bibl, "idno", "URI"));
  if (info->source_url == NULL && !self->context->tessera)
    info->source_url = first_http_target (source_desc);

  info->licence = licence_of (first_child (bibl, "availability"));
  if (info->licence == NULL && !self->context->tessera)
    info->licence = licence_of (path (file_desc, "publicationStmt", "availability", NULL));

  if (notes != NULL)
    {
      xmlNode *own = first_child_typed (notes, "note", "notes");

      info->notes = node_text (own);
      if (info->notes == NULL && !self->context->tessera)
        info->notes = node_text (first_child (notes, "note"));
      read_attribute_notes (notes, &document->record->attributes);
    }

  if (language != NULL)
    {
      g_autofree char *ident = get_attr (language, "ident");

      if (ident != NULL && g_strcmp0 (ident, "und") != 0)
        info->language = g_steal_pointer (&ident);
      else
        info->language = node_text (language);
    }
  if (info->language == NULL)
    info->language = get_xml_attr (tei, "lang");

  if (revision != NULL)
    {
      g_autofree char *status = get_attr (revision, "status");

      tessera_progress_from_string (status, &document->record->progress);
    }
}

/* Entity records ------------------------------------------------------------------------ */

static const char * const record_elements[] = {
  "person", "org", "place", "event", "object", "personGrp", NULL
};

static const char * const record_name_elements[] = {
  "persName", "orgName", "placeName", "geogName", "eventName", "objectName", "name", "label",
  NULL
};

static void
read_entity (Reader  *self,
             xmlNode *record)
{
  g_autoptr(TesseraTeiEntity) entity = _tessera_tei_entity_new ();
  TesseraEntityRecord *fields = entity->record;
  g_autofree char *ana = get_attr (record, "ana");
  xmlNode *names = record;

  entity->id = get_xml_id (record);
  if (entity->id == NULL)
    return;
  entity->list = g_strdup (local_name (record));
  entity->type_key = g_strdup (_tessera_tei_category_key (self->context, ana));
  if (ana != NULL && entity->type_key == NULL && self->context->tessera)
    {
      fail (self, record, TESSERA_TEI_ERROR_BROKEN_POINTER,
            _("@ana “%s” points to no category of the taxonomy"), ana);
      return;
    }

  if (first_child (record, "objectIdentifier") != NULL)
    names = first_child (record, "objectIdentifier");
  for (xmlNode *child = names->children; child != NULL && fields->name == NULL;
       child = child->next)
    {
      if (in_list (child, record_name_elements))
        fields->name = node_text (child);
    }

  for (guint pass = 0; pass < 2; pass++)
    {
      xmlNode *parent = pass == 0 ? record : (names != record ? names : NULL);

      for (xmlNode *child = parent ? parent->children : NULL; child != NULL; child = child->next)
        {
          g_autofree char *uri = NULL;
          g_autofree char *scheme = NULL;

          if (!is_element (child, "idno"))
            continue;
          uri = node_text (child);
          scheme = get_attr (child, "n");
          if (scheme == NULL)
            scheme = get_attr (child, "type");
          _tessera_tei_entity_add_link (entity, scheme, uri);
        }
    }

  fields->description = node_text (first_child_typed (record, "note", "description"));
  read_attribute_notes (record, &fields->attributes);
  if (fields->name == NULL)
    fields->name = g_strdup (entity->id);
  _tessera_tei_context_add_entity (self->context, g_steal_pointer (&entity));
}

/* Standoff elements: collected from anywhere in a TEI but its header and the running text. */

static const char * const carrier_attributes[] = {
  "type", "subtype", "ana", "resp", "cert", "ref", "when", "next", "prev", "from", "to",
  "target", "who", "direct", NULL
};

static int
line_of (xmlNode *node)
{
  return (int) xmlGetLineNo (node);
}

/* Whether @carrier keeps the attribute @name (the first of that name, in whatever
 * namespace, as xmlGetProp() finds it; xml:id by its namespace): @seen has bit i once
 * carrier_attributes[i] was met, the last bit once xml:id was. */
static gboolean
carrier_wants (guint      *seen,
               const char *name,
               gboolean    is_id)
{
  guint bit = G_N_ELEMENTS (carrier_attributes) - 1;

  if (!is_id)
    {
      for (bit = 0; carrier_attributes[bit] != NULL; bit++)
        {
          if (g_str_equal (carrier_attributes[bit], name))
            break;
        }
      if (carrier_attributes[bit] == NULL)
        return FALSE;
    }
  if (*seen & (1u << bit))
    return FALSE;
  *seen |= 1u << bit;
  return TRUE;
}

/* What an element says of the annotation it may carry. @line: where the parser is, for an
 * element read from the parser (a node knows its own). @spare: a carrier to reuse, or NULL. */
static TesseraTeiCarrier *
carrier_from_element (const Element         *element,
                      TesseraTeiCarrierKind  kind,
                      int                    line,
                      TesseraTeiCarrier     *spare)
{
  xmlNode *node = element->node;
  xmlDoc *doc = node != NULL ? node->doc : NULL;
  TesseraTeiCarrier *carrier = spare;
  guint seen = 0;

  if (node != NULL)
    line = line_of (node);
  if (carrier != NULL)
    _tessera_tei_carrier_reset (carrier, kind, line);
  else
    carrier = _tessera_tei_carrier_new (kind, line);

  if (doc != NULL && (doc->intSubset != NULL || doc->extSubset != NULL))
    {
      /* Attributes the DTD gives a default count too: as xmlGetProp() finds them. */
      char *id = get_xml_id (node);

      if (id != NULL)
        _tessera_tei_carrier_set (carrier, "id", TRUE, id);
      for (guint i = 0; carrier_attributes[i] != NULL; i++)
        {
          char *value = get_attr (node, carrier_attributes[i]);

          if (value != NULL)
            _tessera_tei_carrier_set (carrier, carrier_attributes[i], FALSE, value);
        }
    }
  else if (node != NULL)
    {
      for (xmlAttr *attribute = node->properties; attribute != NULL;
           attribute = attribute->next)
        {
          const char *name = (const char *) attribute->name;
          gboolean is_id = attribute->ns != NULL && g_str_equal (name, "id") &&
                           xmlStrEqual (attribute->ns->href, XML_XML_NAMESPACE);
          xmlChar *value;

          if (!carrier_wants (&seen, name, is_id))
            continue;
          /* A value is most often one text node: read in place, as
           * xmlNodeListGetString() would copy it. */
          if (attribute->children == NULL)
            _tessera_tei_carrier_set (carrier, name, is_id, g_strdup (""));
          else if (attribute->children->next == NULL &&
                   attribute->children->type == XML_TEXT_NODE)
            _tessera_tei_carrier_set (carrier, name, is_id,
                                      g_strdup ((const char *) attribute->children->content));
          else
            {
              value = xmlNodeListGetString (doc, attribute->children, 1);
              _tessera_tei_carrier_set (carrier, name, is_id,
                                        g_strdup (value ? (const char *) value : ""));
              xmlFree (value);
            }
        }
    }
  else
    {
      for (int i = 0; i < element->n_attributes; i++)
        {
          const xmlChar **attribute = element->attributes + 5 * i;
          const char *name = (const char *) attribute[0];
          gboolean is_id = attribute[2] != NULL && g_str_equal (name, "id") &&
                           xmlStrEqual (attribute[2], XML_XML_NAMESPACE);

          if (carrier_wants (&seen, name, is_id))
            _tessera_tei_carrier_set (carrier, name, is_id,
                                      attribute_value (element, attribute));
        }
    }
  if (kind == TESSERA_TEI_CARRIER_JOIN)
    carrier->element = get_attr (node, "result");
  else if (kind == TESSERA_TEI_CARRIER_TEXT)
    carrier->element = g_strdup (element->name);
  else if (node->parent != NULL && is_element (node->parent, "spanGrp"))
    {
      carrier->in_group = TRUE;
      carrier->group_type = get_attr (node->parent, "type");
    }
  return carrier;
}

/* A carrier of the stand-off: a join or a span. */
static TesseraTeiCarrier *
carrier_from_node (xmlNode               *node,
                   TesseraTeiCarrierKind  kind)
{
  Element element;

  element_init (&element, node);
  return carrier_from_element (&element, kind, 0, NULL);
}

static TesseraTeiRecord *
record_from_node (xmlNode *node)
{
  TesseraTeiRecord *record = _tessera_tei_record_new (get_attr (node, "target"), line_of (node));

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (is_element (child, "ptr"))
        _tessera_tei_record_add_item (record, TRUE, get_attr (child, "type"),
                                      get_attr (child, "target"), line_of (child));
      else if (is_element (child, "note"))
        {
          char *type = get_attr (child, "type");
          char *value;

          if (g_strcmp0 (type, "statement-date") == 0)
            {
              xmlNode *date = first_child (child, "date");

              value = node_text (date ? date : child);
              if (value == NULL && date != NULL)
                value = get_attr (date, "when");
            }
          else
            value = node_text (child);
          _tessera_tei_record_add_item (record, FALSE, type, value, line_of (child));
        }
    }
  read_attribute_notes (node, &record->attributes);
  return record;
}

static TesseraTeiRelationRecord *
relation_from_node (xmlNode *node)
{
  TesseraTeiRelationRecord *relation = g_new0 (TesseraTeiRelationRecord, 1);

  relation->id = get_xml_id (node);
  relation->name = get_attr (node, "name");
  relation->n = get_attr (node, "n");
  relation->active = get_attr (node, "active");
  relation->passive = get_attr (node, "passive");
  relation->mutual = get_attr (node, "mutual");
  relation->resp = get_attr (node, "resp");
  relation->desc = node_text (first_child (node, "desc"));
  relation->ana = get_attr (node, "ana");
  relation->line = line_of (node);
  return relation;
}

static void
assembly_init (Reader             *self,
               TesseraTeiAssembly *found)
{
  memset (found, 0, sizeof *found);
  found->context = self->context;
  found->tagset = self->tagset;
  found->display_name = self->display_name;
  found->newlines = self->newlines;
  found->texts = g_ptr_array_new_with_free_func ((GDestroyNotify) _tessera_tei_carrier_free);
  found->text_of_id = g_hash_table_new (g_str_hash, g_str_equal);
  found->joins = g_ptr_array_new_with_free_func ((GDestroyNotify) _tessera_tei_carrier_free);
  found->spans = g_ptr_array_new_with_free_func ((GDestroyNotify) _tessera_tei_carrier_free);
  found->span_of_id = g_hash_table_new (g_str_hash, g_str_equal);
  found->records = g_ptr_array_new_with_free_func ((GDestroyNotify) _tessera_tei_record_free);
  found->relations =
    g_ptr_array_new_with_free_func ((GDestroyNotify) _tessera_tei_relation_record_free);
  found->unresolved = self->unresolved;
}

static void
assembly_clear (TesseraTeiAssembly *found)
{
  g_clear_pointer (&found->anchors.ranges, g_array_unref);
  g_clear_pointer (&found->texts, g_ptr_array_unref);
  g_clear_pointer (&found->text_of_id, g_hash_table_unref);
  g_clear_pointer (&found->joins, g_ptr_array_unref);
  g_clear_pointer (&found->spans, g_ptr_array_unref);
  g_clear_pointer (&found->span_of_id, g_hash_table_unref);
  g_clear_pointer (&found->records, g_ptr_array_unref);
  g_clear_pointer (&found->relations, g_ptr_array_unref);
}

static void collect_stand_off (Reader             *self,
                               xmlNode            *node,
                               TesseraTeiAssembly *found);

/* What @child, an element of @found's document outside its bodies, says of annotations
 * and entities. */
static void
collect_element (Reader             *self,
                 xmlNode            *child,
                 TesseraTeiAssembly *found)
{
  if (child->type != XML_ELEMENT_NODE || !is_tei (child))
    return;
  if (in_list (child, record_elements))
    {
      xmlNode *parent = child->parent;

      if (parent != NULL && g_str_has_prefix (local_name (parent), "list"))
        read_entity (self, child);
      return;
    }
  if (is_element (child, "join"))
    g_ptr_array_add (found->joins, carrier_from_node (child, TESSERA_TEI_CARRIER_JOIN));
  else if (is_element (child, "span"))
    {
      TesseraTeiCarrier *span = carrier_from_node (child, TESSERA_TEI_CARRIER_SPAN);

      g_ptr_array_add (found->spans, span);
      if (span->id != NULL && !g_hash_table_contains (found->span_of_id, span->id))
        g_hash_table_insert (found->span_of_id, span->id, span);
    }
  else if (is_element (child, "annotation"))
    g_ptr_array_add (found->records, record_from_node (child));
  else if (is_element (child, "relation"))
    g_ptr_array_add (found->relations, relation_from_node (child));
  else if (is_element (child, "body"))
    return;
  collect_stand_off (self, child, found);
}

static void
collect_stand_off (Reader             *self,
                   xmlNode            *node,
                   TesseraTeiAssembly *found)
{
  for (xmlNode *child = node->children; child != NULL && self->error == NULL;
       child = child->next)
    collect_element (self, child, found);
}

/* The elements of the text that may carry annotations, and what pointers may name. */
static void
collect_text (Reader             *self,
              TesseraTeiAssembly *found)
{
  GArray *spots = g_array_sized_new (FALSE, FALSE, sizeof (TesseraRange), self->marks->len);

  for (guint m = 0; m < self->marks->len; m++)
    {
      Mark *mark = mark_at (self, m);
      TesseraRange range = { mark->start, mark->end };
      TesseraTeiCarrier *carrier = g_steal_pointer (&mark->carrier);

      g_array_append_val (spots, range);
      if (carrier == NULL)
        continue;
      carrier->start = mark->start;
      carrier->end = mark->end;
      g_ptr_array_add (found->texts, carrier);
      if (carrier->id != NULL && !g_hash_table_contains (found->text_of_id, carrier->id))
        g_hash_table_insert (found->text_of_id, carrier->id, carrier);
    }
  /* Any element with an xml:id: a span's @from and @to, a string-range(). */
  found->anchors.ranges = spots;
  found->anchors.index_of_id = self->mark_of_id;
  found->bases = found->anchors;
}


/* NFC ------------------------------------------------------------------------------------- */

/* A run of the text that NFC changed: where it was in the text as read, and is in the
 * text as stored (code points). */
typedef struct
{
  guint from;
  guint to;
  guint new_from;
  guint new_to;
} Composed;

/* Whether NFC may compose @c with what precedes it: combining marks, Hangul vowel and
 * final jamo. */
static gboolean
continues_cluster (gunichar c)
{
  return g_unichar_combining_class (c) != 0 || (c >= 0x1161 && c <= 0x1175) ||
         (c >= 0x11A8 && c <= 0x11C2);
}

/* The text in NFC, as the store keeps it, normalised one cluster (a character and the
 * marks or jamo after it) at a time so that every offset of the text as read has its
 * place in the stored one; @composed gets the clusters that changed. */
static char *
normalize_text (const char *text,
                gsize       length,
                GArray     *composed)
{
  const char *p = text;
  const char *end = text + length;
  GString *out;
  guint offset = 0;
  guint new_offset = 0;

  if (!_tessera_text_may_change_under_nfc (text, length))
    return g_strndup (text, length);
  out = g_string_sized_new (length);
  while (p < end)
    {
      const char *start = p;
      guint n = 0;
      g_autofree char *nfc = NULL;

      do
        {
          p = g_utf8_next_char (p);
          n++;
        }
      while (p < end && continues_cluster (g_utf8_get_char (p)));
      if (_tessera_text_may_change_under_nfc (start, p - start))
        nfc = g_utf8_normalize (start, p - start, G_NORMALIZE_NFC);
      if (nfc != NULL && (strlen (nfc) != (gsize) (p - start) ||
                          memcmp (nfc, start, p - start) != 0))
        {
          Composed run = { offset, offset + n, new_offset, new_offset + g_utf8_strlen (nfc, -1) };

          g_array_append_val (composed, run);
          g_string_append (out, nfc);
          new_offset = run.new_to;
        }
      else
        {
          g_string_append_len (out, start, p - start);
          new_offset += n;
        }
      offset += n;
    }
  return g_string_free (out, FALSE);
}

/* An offset of the text as read in the stored text; inside a composed character, a start
 * goes to its start and an end to its end, so that an annotation keeps what it covered. */
static guint
map_offset (GArray   *composed,
            guint     offset,
            gboolean  is_end,
            gboolean *moved)
{
  guint lo = 0, hi = composed->len;
  Composed *run;

  /* The last run starting at or before @offset. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (composed, Composed, mid).from <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == 0)
    return offset;
  run = &g_array_index (composed, Composed, lo - 1);
  if (offset >= run->to)
    return offset - run->to + run->new_to;
  if (offset == run->from)
    return run->new_from;
  *moved = TRUE;
  return is_end ? run->new_to : run->new_from;
}

static void
map_annotations (Reader             *self,
                 TesseraTeiDocument *document,
                 GArray             *composed)
{
  for (guint i = 0; i < document->annotations->len; i++)
    {
      TesseraTeiAnnotation *annotation = g_ptr_array_index (document->annotations, i);
      GArray *ranges = annotation->record->ranges;
      gboolean moved = FALSE;
      guint kept = 0;

      for (guint r = 0; r < ranges->len; r++)
        {
          TesseraRange range = g_array_index (ranges, TesseraRange, r);

          range.start = map_offset (composed, range.start, FALSE, &moved);
          range.end = map_offset (composed, range.end, TRUE, &moved);
          /* Two ranges may now touch inside one character. */
          if (kept > 0 && g_array_index (ranges, TesseraRange, kept - 1).end > range.start)
            g_array_index (ranges, TesseraRange, kept - 1).end = range.end;
          else
            g_array_index (ranges, TesseraRange, kept++) = range;
        }
      g_array_set_size (ranges, kept);
      if (moved)
        g_ptr_array_add (self->moved, annotation->id != NULL
                                      ? g_strdup (annotation->id)
                                      : g_strdup_printf (_("line %d"), (int) annotation->line));
    }
}

/* Documents ---------------------------------------------------------------------------------- */

static void
clear_document (Reader *self)
{
  self->tei = NULL;
  g_clear_pointer (&self->document, _tessera_tei_document_free);
  assembly_clear (&self->found);
}

/* A TEI element starts: a document. */
static void
begin_document (Reader  *self,
                xmlNode *tei)
{
  clear_document (self);
  reset_document_state (self);
  assembly_init (self, &self->found);
  self->tei = tei;
  self->document = _tessera_tei_document_new ();
  self->document->id = get_xml_id (tei);
  self->document->line = (guint) xmlGetLineNo (tei);
  self->header_read = FALSE;
  self->text_seen = FALSE;
}

/* Its header, read as soon as it ends: what the text's elements mean depends on it (a
 * file Tessera wrote). */
static void
read_header (Reader  *self,
             xmlNode *header)
{
  self->header_read = TRUE;
  read_context_header (self, header);
  read_document_header (self, self->tei, header, self->document);
}

/* The TEI element ends; its elements were read as they came (see on_end_element()). */
static gboolean
read_document (Reader  *self,
               xmlNode *tei)
{
  g_autoptr(GArray) composed = g_array_new (FALSE, FALSE, sizeof (Composed));
  TesseraTeiDocument *document = self->document;
  gboolean ok = FALSE;

  if (!self->text_seen)
    {
      fail (self, tei, TESSERA_TEI_ERROR_EMPTY, _("this TEI document has no text element"));
      goto out;
    }
  document->record->text = normalize_text (self->text->str, self->text->len, composed);

  /* Pointers count the text as read; the annotations are then moved to the stored text. */
  collect_text (self, &self->found);
  if (!_tessera_tei_assemble (&self->found, document, &self->error))
    goto out;
  if (composed->len > 0)
    map_annotations (self, document, composed);

  self->document = NULL;
  ok = self->func (self->context, document, self->user_data, &self->error);

out:
  clear_document (self);
  return ok && self->error == NULL;
}

/* The stream ------------------------------------------------------------------------------ */

static void
record_xml_error (Reader         *self,
                  const xmlError *error)
{
  if (error->level < XML_ERR_ERROR || self->xml_message != NULL || self->error != NULL)
    return;
  self->xml_unsafe = error->code == XML_ERR_ENTITY_LOOP;
  /* libxml2 follows 256 levels unless told XML_PARSE_HUGE, which would also lift its
   * limits on entity expansion: not for files from elsewhere. */
  self->xml_too_deep = error->code == XML_ERR_INTERNAL_ERROR && error->message != NULL &&
                       strstr (error->message, "Excessive depth") != NULL;
  if (self->xml_too_deep)
    self->xml_message = g_strdup_printf (_("line %d: its elements nest more than %d levels "
                                           "deep, more than Tessera reads; nothing was "
                                           "imported"), error->line, error->int1);
  else if (self->xml_unsafe)
    self->xml_message = g_strdup_printf (_("line %d: the file defines entities that expand "
                                           "without bound (a “billion laughs” attack), and was "
                                           "refused"), error->line);
  else if (error->domain == XML_FROM_I18N)
    {
      /* Raised by the converter, which reads ahead of the parser: no line to give, but
       * libxml2 names the bytes ("…, bytes 0x6C 0x1B"). */
      const char *bytes = error->message != NULL ? strstr (error->message, "bytes ") : NULL;

      if (bytes != NULL)
        {
          g_autofree char *stripped = g_strstrip (g_strdup (bytes + strlen ("bytes ")));

          self->xml_message = g_strdup_printf (_("the text is not valid in the encoding the "
                                                 "file declares (bytes %s)"), stripped);
        }
      else
        self->xml_message = g_strdup (_("the text is not valid in the encoding the file "
                                        "declares"));
    }
  else
    self->xml_message = _tessera_tei_error_message (error);
  /* Not stopped here: libxml2 may still be using its input (see stopped()). */
}

/* The parser's errors: its data is the parser, which the tree builder needs. */
static void
on_xml_error (void           *data,
              const xmlError *error)
{
  record_xml_error (((xmlParserCtxt *) data)->_private, error);
}

/* Whether the reading has failed; the parser is then stopped, from a SAX callback, where
 * libxml2 allows it. */
static gboolean
stopped (Reader *self)
{
  if (self->error == NULL && self->xml_message == NULL)
    return FALSE;
  xmlStopParser (self->parser);
  return TRUE;
}

static gboolean
is_tei_namespace (const xmlChar *uri)
{
  return uri == NULL || g_str_equal ((const char *) uri, TESSERA_TEI_NS);
}

/* libxml2's SAX2 attributes: (local name, prefix, URI, value, end of value) each. */
static char *
xml_attribute (int             n_attributes,
               const xmlChar **attributes,
               const char     *name)
{
  for (int i = 0; i < n_attributes; i++)
    {
      const xmlChar **attribute = attributes + 5 * i;

      if (attribute[2] != NULL && xmlStrEqual (attribute[2], XML_XML_NAMESPACE) &&
          g_str_equal ((const char *) attribute[0], name))
        return g_strndup ((const char *) attribute[3], attribute[4] - attribute[3]);
    }
  return NULL;
}

/* Every xml:id once. libxml2 keeps no table of them (XML_SKIP_IDS): its table would hold
 * every xml:id of a corpus, and slow down as it grows. In a file from elsewhere, a
 * repeated xml:id is read with a warning (Recogito Studio repeats the annotator's
 * respStmt in every annotation); in a file Tessera wrote, it is an error, and the ids of
 * a corpus's document start with the document's own ("d12.…"), so that one document's
 * ids at a time need be kept. */
static void
check_id (Reader     *self,
          const char *id,
          gboolean    is_document)
{
  int line = xmlSAX2GetLineNumber (self->parser);
  GHashTable *ids = self->file_ids;
  GString *lines;
  guint n_lines;

  /* As libxml2's tree builder checks (white space around allowed). */
  if (xmlValidateNCName ((const xmlChar *) id, 1) != 0)
    {
      fail_at (self, line, TESSERA_TEI_ERROR_MALFORMED,
               _("the xml:id “%s” is not an NCName"), id);
      return;
    }
  if (self->flags & TESSERA_TEI_READER_STRICT)
    {
      if (self->document_id != NULL && !is_document)
        {
          gsize length = strlen (self->document_id);

          if ((self->flags & TESSERA_TEI_READER_CORPUS) &&
              (strncmp (id, self->document_id, length) != 0 || id[length] != '.'))
            {
              fail_at (self, line, TESSERA_TEI_ERROR_MALFORMED,
                       _("the xml:id “%s” is not one of the document “%s”"), id,
                       self->document_id);
              return;
            }
          if (g_hash_table_contains (self->file_ids, id))
            {
              fail_at (self, line, TESSERA_TEI_ERROR_MALFORMED,
                       _("the xml:id “%s” is used twice"), id);
              return;
            }
          ids = self->document_ids;
        }
      if (!g_hash_table_add (ids, g_string_chunk_insert (ids == self->document_ids
                                                         ? self->document_strings
                                                         : self->strings, id)))
        fail_at (self, line, TESSERA_TEI_ERROR_MALFORMED, _("the xml:id “%s” is used twice"),
                 id);
      return;
    }

  if (g_hash_table_add (ids, g_string_chunk_insert (self->strings, id)))
    return;
  lines = g_hash_table_lookup (self->repeated_ids, id);
  if (lines == NULL)
    {
      char *copy = g_strdup (id);

      lines = g_string_new (NULL);
      g_hash_table_insert (self->repeated_ids, copy, lines);
      g_ptr_array_add (self->repeated_order, copy);
    }
  n_lines = lines->len > 0 ? 1 : 0;
  for (const char *c = lines->str; *c != '\0'; c++)
    n_lines += *c == ',';
  /* The first few: a file may repeat it in every annotation. */
  if (n_lines >= 5)
    {
      if (!g_str_has_suffix (lines->str, "…"))
        g_string_append (lines, "…");
      return;
    }
  if (lines->len > 0)
    g_string_append (lines, ", ");
  g_string_append_printf (lines, "%d", line);
}

/* The root element: TEI or teiCorpus (in a file Tessera wrote, the one it wrote). */
static void
check_root (Reader        *self,
            const char    *name,
            const xmlChar *uri)
{
  gboolean corpus = g_str_equal (name, "teiCorpus");

  self->root_seen = TRUE;
  if (!is_tei_namespace (uri))
    {
      if (self->display_name != NULL)
        g_set_error (&self->error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_NOT_TEI,
                     _("%s is XML but not TEI: its root element is <%s> in the "
                       "namespace %s"), self->display_name, name, (const char *) uri);
      else
        fail_at (self, 0, TESSERA_TEI_ERROR_MALFORMED, _("<%s> is not in the TEI namespace"),
                 name);
    }
  else if (!corpus && !g_str_equal (name, "TEI"))
    {
      if (self->display_name != NULL)
        g_set_error (&self->error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_NOT_TEI,
                     _("%s is XML but not TEI: its root element is <%s>, not <TEI> "
                       "or <teiCorpus>"), self->display_name, name);
      else
        fail_at (self, 0, TESSERA_TEI_ERROR_NOT_TEI, _("the root element is <%s>"), name);
    }
  else if ((self->flags & TESSERA_TEI_READER_STRICT) &&
           corpus != ((self->flags & TESSERA_TEI_READER_CORPUS) != 0))
    fail_at (self, 0, TESSERA_TEI_ERROR_NOT_TEI, _("the root element is <%s>"), name);
  if (self->error != NULL)
    xmlStopParser (self->parser);
}

/* What a file Tessera wrote never holds, checked as each element starts. */
static void
check_strict (Reader        *self,
              const char    *name,
              const xmlChar *uri)
{
  int line = xmlSAX2GetLineNumber (self->parser);

  if (uri == NULL || !g_str_equal ((const char *) uri, TESSERA_TEI_NS))
    fail_at (self, line, TESSERA_TEI_ERROR_MALFORMED, _("<%s> is not in the TEI namespace"),
             name);
  /* The importer converts a file in another encoding, or fails to; libxml2's push parser
   * does either depending on how the bytes arrive. The exporter writes UTF-8. */
  else if (self->depth == 0 &&
           (self->parser->input->encoding != NULL ||
            (self->parser->input->buf != NULL && self->parser->input->buf->encoder != NULL)))
    fail_at (self, line, TESSERA_TEI_ERROR_MALFORMED, _("the file is not declared as UTF-8"));
}

/* Tessera writes a document's standOff, and its joins, before its text (were one after,
 * a join would point to nothing, an error): see end_mark(). */
static void
begin_early_assembly (Reader *self)
{
  self->early = TRUE;
  for (guint i = 0; i < self->found.joins->len; i++)
    {
      TesseraTeiCarrier *join = g_ptr_array_index (self->found.joins, i);
      g_auto(GStrv) pointers = join->target ? g_strsplit_set (join->target, " \t\n\r", -1)
                                            : NULL;

      for (guint j = 0; pointers != NULL && pointers[j] != NULL; j++)
        {
          const char *id = local_target (pointers[j]);

          if (id != NULL)
            g_hash_table_add (self->join_targets, g_strdup (id));
        }
    }
}

/* How an element that starts in the document's text is read (see on_end_element()):
 * as read_document() would walk the whole text, its bodies, and in them, the elements
 * that only hold paragraphs. */
static Stream
stream_of (Reader        *self,
           const char    *name,
           const xmlChar *uri)
{
  xmlNode *parent = self->parser->node;
  Stream parent_stream = STREAM_NONE;

  if (self->tei == NULL || parent == NULL || !is_tei_namespace (uri))
    return STREAM_NONE;
  if (parent == self->tei)
    {
      if (g_str_equal (name, "standOff"))
        return STREAM_STAND_OFF;
      /* The first text of the document. */
      if (!g_str_equal (name, "text") || self->text_seen)
        return STREAM_NONE;
      self->text_seen = TRUE;
      if (self->flags & TESSERA_TEI_READER_STRICT)
        begin_early_assembly (self);
      return STREAM_TEXT;
    }
  if (self->open->len > 0)
    parent_stream = g_array_index (self->open, OpenElement, self->open->len - 1).stream;
  switch (parent_stream)
    {
    case STREAM_TEXT:
      /* The bodies of a text, and of the texts of its group (groups nest). */
      if (g_str_equal (name, "body"))
        return STREAM_BODY;
      if (g_str_equal (name, "group") ||
          (g_str_equal (name, "text") && is_element (parent, "group")))
        return STREAM_TEXT;
      return STREAM_NONE;
    case STREAM_BODY:
    case STREAM_CONTAINER:
      return name_in_list (name, container_elements) ? STREAM_CONTAINER : STREAM_NONE;
    case STREAM_STAND_OFF:
      /* What collect_element() only looks into. */
      if (g_strv_contains (record_elements, name) || g_str_equal (name, "join") ||
          g_str_equal (name, "span") || g_str_equal (name, "annotation") ||
          g_str_equal (name, "relation") || g_str_equal (name, "body"))
        return STREAM_NONE;
      return STREAM_STAND_OFF;
    case STREAM_NONE:
    default:
      return STREAM_NONE;
    }
}

/* Frees the children of @node. Were some white space kept, the tree builder would append
 * the text that comes next to it, as if it were the last text node it made. */
static void
free_children (xmlNode *node)
{
  while (node->children != NULL)
    {
      xmlNode *child = node->children;

      xmlUnlinkNode (child);
      xmlFreeNode (child);
    }
}

/* Walks what @node holds so far, in a body or an element that only holds paragraphs,
 * and frees it. */
static void
read_children (Reader  *self,
               xmlNode *node)
{
  if (self->error == NULL)
    walk (self, node, TRUE);
  free_children (node);
}

/* Strict: what a body holds is read straight from the parser, as walk() would read it from
 * the tree: Tessera's files have no lookahead to do (no choice, no paragraph holding
 * paragraphs), and what would need one is an error. */
static gboolean
reads_text (Reader *self,
            Stream  stream)
{
  return (self->flags & TESSERA_TEI_READER_STRICT) &&
         (stream == STREAM_BODY || stream == STREAM_CONTAINER || stream == STREAM_PARAGRAPH ||
          stream == STREAM_INLINE || stream == STREAM_LEFT_OUT);
}

static OpenElement *
open_element (Reader *self)
{
  return self->open->len > 0 ? &g_array_index (self->open, OpenElement, self->open->len - 1)
                             : NULL;
}

/* The text of @open since its last child, as one text node of the tree would be read. */
static void
flush_characters (Reader      *self,
                  OpenElement *open)
{
  GString *characters = self->characters;
  gboolean space_ignored = open->space_ignored || open->stream == STREAM_BODY ||
                           open->stream == STREAM_CONTAINER;

  if (characters->len == 0)
    return;
  if (open->stream != STREAM_LEFT_OUT && !(space_ignored && all_space (characters->str)))
    append_text (self, characters->str, characters->len, open->preserve);
  g_string_truncate (characters, 0);
}

static void
on_characters (void          *data,
               const xmlChar *characters,
               int            length)
{
  Reader *self = ((xmlParserCtxt *) data)->_private;
  OpenElement *open = open_element (self);

  if (open == NULL || !reads_text (self, open->stream))
    xmlSAX2Characters (data, characters, length);
  else if (open->stream != STREAM_LEFT_OUT)
    g_string_append_len (self->characters, (const char *) characters, length);
}

static void
never_written (Reader     *self,
               const char *name)
{
  fail_at (self, xmlSAX2GetLineNumber (self->parser), TESSERA_TEI_ERROR_MALFORMED,
           _("<%s> stands in the text where the exporter never writes it"), name);
}

/* An element of a body starts (strict), in the element open: as walk_element() reads it,
 * and @open says how the rest of it is read. */
static void
start_in_text (Reader         *self,
               OpenElement    *open,
               const char     *name,
               int             n_attributes,
               const xmlChar **attributes)
{
  const OpenElement *parent = open_element (self);
  gboolean block = parent->stream == STREAM_BODY || parent->stream == STREAM_CONTAINER;
  Element element = {
    .parser = self->parser, .n_attributes = n_attributes, .attributes = attributes,
    .preserve = parent->preserve, .tei = TRUE, .name = name,
  };
  const xmlChar **space = element_attribute (&element, "space", TRUE);

  open->stream = STREAM_LEFT_OUT;
  if (parent->stream == STREAM_LEFT_OUT)
    return;
  if (space != NULL)
    {
      g_autofree char *value = attribute_value (&element, space);

      if (g_str_equal (value, "preserve"))
        element.preserve = TRUE;
      else if (g_str_equal (value, "default"))
        element.preserve = FALSE;
    }
  open->preserve = element.preserve;
  open->space_ignored = name_in_list (name, element_only_elements);
  switch (text_role (self, &element, block))
    {
    case TEXT_LEFT_OUT:
      break;
    case TEXT_ANCHOR:
      add_mark (self, &element, block || !self->in_paragraph);
      break;
    case TEXT_CHOICE:
      never_written (self, name);
      break;
    case TEXT_BLOCK:
      /* A paragraph: one holding paragraphs is never written. */
      if (!block)
        {
          never_written (self, name);
          break;
        }
      ensure_paragraph (self);
      open->stream = STREAM_PARAGRAPH;
      open->mark = add_mark (self, &element, FALSE);
      break;
    case TEXT_INLINE:
    default:
      open->stream = STREAM_INLINE;
      open->mark = add_mark (self, &element, FALSE);
      break;
    }
}

/* An element start_in_text() read ends. */
static void
end_in_text (Reader      *self,
             OpenElement *closed)
{
  flush_characters (self, closed);
  if (closed->stream == STREAM_PARAGRAPH)
    end_paragraph (self);
  if (closed->stream != STREAM_LEFT_OUT)
    end_mark (self, closed->mark);
}

static void
on_start_element (void           *data,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             n_namespaces,
                  const xmlChar **namespaces,
                  int             n_attributes,
                  int             n_defaulted,
                  const xmlChar **attributes)
{
  Reader *self = ((xmlParserCtxt *) data)->_private;
  const char *name = (const char *) localname;
  gboolean top = self->depth == self->corpus_depth;
  gboolean is_document = top && is_tei_namespace (uri) && g_str_equal (name, "TEI");
  OpenElement open = { STREAM_NONE, 0, FALSE, FALSE };
  OpenElement *parent;
  g_autofree char *id = NULL;

  if (stopped (self))
    return;
  if (self->depth == 0)
    check_root (self, name, uri);
  if (self->error == NULL && (self->flags & TESSERA_TEI_READER_STRICT))
    check_strict (self, name, uri);
  if (self->error != NULL)
    return;

  id = xml_attribute (n_attributes, attributes, "id");
  if (is_document && (self->flags & TESSERA_TEI_READER_STRICT))
    {
      if (id == NULL)
        {
          fail_at (self, xmlSAX2GetLineNumber (self->parser), TESSERA_TEI_ERROR_MALFORMED,
                   _("a TEI document has no xml:id"));
          return;
        }
      g_hash_table_remove_all (self->document_ids);
      g_free (self->document_id);
      self->document_id = g_strdup (id);
    }
  if (id != NULL)
    check_id (self, id, is_document);
  if (self->error != NULL)
    return;

  if (top && is_tei_namespace (uri) && g_str_equal (name, "teiCorpus"))
    self->corpus_depth++;
  self->depth++;
  open.stream = stream_of (self, name, uri);
  parent = open_element (self);
  if (parent != NULL && reads_text (self, parent->stream))
    {
      /* What comes before an element read as it goes is read first, in order. */
      flush_characters (self, parent);
      if (open.stream != STREAM_CONTAINER)
        {
          start_in_text (self, &open, name, n_attributes, attributes);
          g_array_append_val (self->open, open);
          return;
        }
    }
  if (open.stream == STREAM_CONTAINER)
    read_children (self, self->parser->node);
  xmlSAX2StartElementNs (data, localname, prefix, uri, n_namespaces, namespaces,
                         n_attributes, n_defaulted, attributes);
  if (is_document)
    begin_document (self, self->parser->node);
  else if (open.stream == STREAM_CONTAINER)
    {
      Element element;

      element_init (&element, self->parser->node);
      end_paragraph (self);
      open.mark = add_mark (self, &element, TRUE);
    }
  if (reads_text (self, open.stream))
    open.preserve = xmlNodeGetSpacePreserve (self->parser->node) == 1;
  g_array_append_val (self->open, open);
}

/* An element of the corpus, complete: a document, or what the corpus declares for all. */
static void
read_top_element (Reader  *self,
                  xmlNode *node)
{
  const char *name = local_name (node);

  if (!is_tei (node))
    return;
  if (g_str_equal (name, "TEI"))
    {
      g_clear_pointer (&self->document_id, g_free);
      if (read_document (self, node))
        self->n_documents++;
      if (self->error == NULL)
        g_cancellable_set_error_if_cancelled (self->cancellable, &self->error);
    }
  else if (g_str_equal (name, "teiHeader"))
    read_context_header (self, node);
  else if (g_str_equal (name, "standOff"))
    {
      TesseraTeiAssembly found;

      /* Corpus-level records: the entities every document may point to, and the relations
       * between documents, resolved once every document is read. */
      assembly_init (self, &found);
      collect_stand_off (self, node, &found);
      g_ptr_array_extend_and_steal (self->context->relations,
                                    g_steal_pointer (&found.relations));
      found.relations =
        g_ptr_array_new_with_free_func ((GDestroyNotify) _tessera_tei_relation_record_free);
      assembly_clear (&found);
    }
  if (self->error != NULL)
    xmlStopParser (self->parser);
}

static void
on_end_element (void          *data,
                const xmlChar *localname,
                const xmlChar *prefix,
                const xmlChar *uri)
{
  xmlParserCtxt *parser = data;
  Reader *self = parser->_private;
  xmlNode *node = parser->node;
  OpenElement closed;

  if (stopped (self))
    return;
  closed = *open_element (self);
  g_array_set_size (self->open, self->open->len - 1);
  self->depth--;
  if (closed.stream == STREAM_PARAGRAPH || closed.stream == STREAM_INLINE ||
      closed.stream == STREAM_LEFT_OUT)
    {
      end_in_text (self, &closed);
      if (self->error != NULL)
        xmlStopParser (self->parser);
      return;
    }
  xmlSAX2EndElementNs (data, localname, prefix, uri);
  if (node == NULL)
    return;

  /* The text is read as its elements end, and freed: in memory, one paragraph at a time
   * rather than the whole text. */
  if (closed.stream == STREAM_BODY || closed.stream == STREAM_CONTAINER)
    {
      flush_characters (self, &closed);
      read_children (self, node);
      end_paragraph (self);
      if (closed.stream == STREAM_CONTAINER)
        end_mark (self, closed.mark);
    }
  if (self->open->len > 0)
    {
      Stream parent = g_array_index (self->open, OpenElement, self->open->len - 1).stream;
      gboolean freed = TRUE;

      /* An element read as it went was read; what came before it too. */
      if ((parent == STREAM_BODY || parent == STREAM_CONTAINER) &&
          closed.stream == STREAM_CONTAINER)
        free_children (node->parent);
      else if (parent == STREAM_BODY || parent == STREAM_CONTAINER)
        read_children (self, node->parent);
      else if (parent == STREAM_STAND_OFF)
        {
          if (self->error == NULL)
            collect_element (self, node, &self->found);
          free_children (node->parent);
        }
      else
        freed = FALSE;
      if (freed)
        node = NULL;
    }
  /* The document's header, stand-off annotations, text…: read, then freed. */
  if (node != NULL && self->tei != NULL && node->parent == self->tei)
    {
      if (!self->header_read && is_element (node, "teiHeader"))
        read_header (self, node);
      if (self->error == NULL)
        collect_element (self, node, &self->found);
      free_children (self->tei);
      node = NULL;
    }
  if (self->error != NULL)
    {
      xmlStopParser (self->parser);
      return;
    }

  if (self->depth < self->corpus_depth)
    self->corpus_depth = self->depth;
  if (self->depth != self->corpus_depth || node == NULL)
    return;

  /* One element of the corpus in memory at a time: read, then freed with the white space
   * before it (see free_children()). */
  read_top_element (self, node);
  if (node->parent != NULL && node->parent->type == XML_ELEMENT_NODE)
    free_children (node->parent);
}

/* A file Tessera wrote has neither a document type declaration nor entity references; a
 * file from elsewhere may, but no DTD is loaded and no entity substituted. */
static gboolean
refuse_subset (Reader *self)
{
  if (!(self->flags & TESSERA_TEI_READER_STRICT))
    return FALSE;
  fail_at (self, xmlSAX2GetLineNumber (self->parser), TESSERA_TEI_ERROR_UNSAFE,
           _("the file has a document type declaration, which the exporter does not write"));
  return TRUE;
}

static void
on_internal_subset (void          *data,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  if (!refuse_subset (((xmlParserCtxt *) data)->_private))
    xmlSAX2InternalSubset (data, name, external_id, system_id);
}

/* Never read: libxml2's own handler would load the DTD, since the parser's loadsubset is
 * not 0 (XML_SKIP_IDS). */
static void
on_external_subset (void          *data,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  refuse_subset (((xmlParserCtxt *) data)->_private);
}

static void
on_reference (void          *data,
              const xmlChar *name)
{
  Reader *self = ((xmlParserCtxt *) data)->_private;

  if (self->flags & TESSERA_TEI_READER_STRICT)
    fail_at (self, xmlSAX2GetLineNumber (self->parser), TESSERA_TEI_ERROR_UNSAFE,
             _("the file refers to the entity “%s”, which the exporter does not write"),
             (const char *) name);
  else
    xmlSAX2Reference (data, name);
}

static void
free_lines (gpointer lines)
{
  g_string_free (lines, TRUE);
}

/* "a, b, c, d, e…": the first few of @names. */
char *
_tessera_tei_first_few (GPtrArray *names)
{
  const guint few = 5;
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < names->len && i < few; i++)
    {
      if (i > 0)
        g_string_append (list, ", ");
      g_string_append (list, g_ptr_array_index (names, i));
    }
  if (names->len > few)
    g_string_append (list, "…");
  return g_string_free (g_steal_pointer (&list), FALSE);
}

/* What was read otherwise than written, for the user: one warning per kind, per file. */
static void
add_warnings (Reader *self)
{
  GPtrArray *warnings = self->context->warnings;

  for (guint i = 0; i < self->repeated_order->len; i++)
    {
      const char *id = g_ptr_array_index (self->repeated_order, i);
      GString *lines = g_hash_table_lookup (self->repeated_ids, id);

      g_ptr_array_add (warnings,
                       g_strdup_printf (_("%s: the xml:id “%s” is given to more than one "
                                          "element (again on line %s); what points to it "
                                          "was read as pointing to the first"),
                                        self->display_name, id, lines->str));
    }
  if (self->unresolved->len > 0)
    {
      g_autofree char *names = _tessera_tei_first_few (self->unresolved);

      g_ptr_array_add (warnings,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%s: %u span points to nothing in the "
                                                     "text (its @from, @to or @target is "
                                                     "missing, reversed or out of range) and "
                                                     "was left out: %s",
                                                     "%s: %u spans point to nothing in the "
                                                     "text (their @from, @to or @target is "
                                                     "missing, reversed or out of range) and "
                                                     "were left out: %s",
                                                     self->unresolved->len),
                                        self->display_name, self->unresolved->len, names));
    }
  if (self->moved->len > 0)
    {
      g_autofree char *names = _tessera_tei_first_few (self->moved);

      g_ptr_array_add (warnings,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%s: %u annotation began or ended "
                                                     "inside a character that Unicode "
                                                     "normalisation (NFC) composes; it now "
                                                     "covers the whole character: %s",
                                                     "%s: %u annotations began or ended "
                                                     "inside a character that Unicode "
                                                     "normalisation (NFC) composes; they now "
                                                     "cover the whole character: %s",
                                                     self->moved->len),
                                        self->display_name, self->moved->len, names));
    }
}

#define BUFFER_SIZE (64 * 1024)

/**
 * _tessera_tei_reader_new:
 * @path: a TEI or teiCorpus file
 * @flags: how the file is read
 * @tagset: the types that elements without @ana are mapped to
 * @func: called with each document read, which it takes
 *
 * Starts reading a file into the model, streamed through libxml2's SAX2 interface: no
 * network, no DTD loaded, no entity substituted; one element of the corpus (a document,
 * or what the corpus declares) is in memory at a time. _tessera_tei_reader_step() reads
 * what the file holds so far (a file being written), _tessera_tei_reader_finish() the
 * rest.
 *
 * Returns: (transfer full): the reading, or %NULL with @error set
 */
TesseraTeiReader *
_tessera_tei_reader_new (const char              *path,
                         TesseraTeiReaderFlags    flags,
                         GListModel              *tagset,
                         TesseraTeiDocumentFunc   func,
                         gpointer                 user_data,
                         GError                 **error)
{
  Reader *self;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (flags & TESSERA_TEI_READER_STRICT)
        g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), "%s",
                     g_strerror (saved_errno));
      else
        {
          g_autofree char *display_name = g_filename_display_basename (path);

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       "%s: %s", display_name, g_strerror (saved_errno));
        }
      return NULL;
    }

  xmlInitParser ();
  self = g_new0 (Reader, 1);
  self->flags = flags;
  self->fd = fd;
  self->buffer = g_malloc (BUFFER_SIZE);
  self->tagset = g_object_ref (tagset);
  self->func = func;
  self->user_data = user_data;
  self->context = _tessera_tei_context_new ();
  if (!(flags & TESSERA_TEI_READER_STRICT))
    self->display_name = g_filename_display_basename (path);
  self->text = g_string_new (NULL);
  self->newlines = g_array_new (FALSE, FALSE, sizeof (guint));
  self->marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  g_array_set_clear_func (self->marks, (GDestroyNotify) clear_mark);
  self->pending = g_array_new (FALSE, FALSE, sizeof (guint));
  self->open = g_array_new (FALSE, FALSE, sizeof (OpenElement));
  self->characters = g_string_new (NULL);
  self->join_targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->mark_of_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->repeated_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              free_lines);
  self->repeated_order = g_ptr_array_new ();
  self->unresolved = g_ptr_array_new_with_free_func (g_free);
  self->moved = g_ptr_array_new_with_free_func (g_free);
  self->strings = g_string_chunk_new (64 * 1024);
  self->document_strings = g_string_chunk_new (64 * 1024);
  self->file_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->document_ids = g_hash_table_new (g_str_hash, g_str_equal);

  self->path = g_strdup (path);
  return self;
}

void
_tessera_tei_reader_free (TesseraTeiReader *self)
{
  if (self == NULL)
    return;
  clear_document (self);
  if (self->parser != NULL)
    {
      g_clear_pointer (&self->parser->myDoc, xmlFreeDoc);
      xmlFreeParserCtxt (self->parser);
    }
  g_close (self->fd, NULL);
  g_free (self->path);
  g_free (self->buffer);
  g_object_unref (self->tagset);
  g_clear_pointer (&self->context, _tessera_tei_context_free);
  g_free (self->display_name);
  g_clear_error (&self->error);
  g_free (self->xml_message);
  g_string_free (self->text, TRUE);
  g_array_unref (self->newlines);
  g_array_unref (self->marks);
  g_array_unref (self->pending);
  g_array_unref (self->open);
  g_string_free (self->characters, TRUE);
  g_clear_pointer (&self->spare_carrier, _tessera_tei_carrier_free);
  g_hash_table_unref (self->join_targets);
  g_hash_table_unref (self->mark_of_id);
  g_hash_table_unref (self->repeated_ids);
  g_ptr_array_unref (self->repeated_order);
  g_ptr_array_unref (self->unresolved);
  g_ptr_array_unref (self->moved);
  g_hash_table_unref (self->file_ids);
  g_hash_table_unref (self->document_ids);
  g_string_chunk_free (self->strings);
  g_string_chunk_free (self->document_strings);
  g_free (self->document_id);
  g_free (self);
}

/* The parser's error, once it has stopped or reached the end. */
static void
set_xml_error (Reader *self)
{
  if (self->display_name == NULL)
    g_set_error (&self->error, TESSERA_TEI_ERROR,
                 self->xml_unsafe ? TESSERA_TEI_ERROR_UNSAFE : TESSERA_TEI_ERROR_MALFORMED,
                 _("not well-formed XML: %s"),
                 self->xml_message ? self->xml_message : _("the parser stopped"));
  else if (self->xml_too_deep)
    g_set_error (&self->error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_FAILED, "%s, %s",
                 self->display_name, self->xml_message);
  else
    g_set_error (&self->error, TESSERA_TEI_ERROR,
                 self->xml_unsafe ? TESSERA_TEI_ERROR_UNSAFE : TESSERA_TEI_ERROR_MALFORMED,
                 _("%s is not well-formed XML: %s"), self->display_name,
                 self->xml_message ? self->xml_message : _("the parser stopped"));
}

/* The parser, given the file's first bytes (at most four), from which libxml2 guesses the
 * encoding before it reads the XML declaration. */
static gboolean
start_parser (Reader     *self,
              const char *bytes,
              int         size)
{
  xmlSAXHandler sax;

  /* libxml2's tree builder, with the checks above around it. */
  memset (&sax, 0, sizeof sax);
  xmlSAXVersion (&sax, 2);
  sax.startElementNs = on_start_element;
  sax.endElementNs = on_end_element;
  sax.characters = on_characters;
  sax.ignorableWhitespace = on_characters;
  sax.internalSubset = on_internal_subset;
  sax.externalSubset = on_external_subset;
  sax.reference = on_reference;
  sax.serror = (xmlStructuredErrorFunc) on_xml_error;
  self->parser = xmlCreatePushParserCtxt (&sax, NULL, bytes, size, self->path);
  if (self->parser == NULL)
    {
      g_set_error (&self->error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_FAILED,
                   _("The XML parser could not start"));
      return FALSE;
    }
  self->parser->_private = self;
  /* Small text nodes kept in the node itself: the tree is only read, and freed. */
  xmlCtxtUseOptions (self->parser, PARSE_OPTIONS | XML_PARSE_COMPACT);
  self->parser->loadsubset |= XML_SKIP_IDS;
  return TRUE;
}

/* Feeds the parser what the file holds beyond what it has read; with @terminate, that
 * is the end of the file. */
static gboolean
read_more (Reader        *self,
           gboolean       terminate,
           GCancellable  *cancellable,
           GError       **error)
{
  TesseraXmlErrorScope scope;

  self->cancellable = cancellable;
  _tessera_xml_error_scope_begin (&scope, (xmlStructuredErrorFunc) record_xml_error, self);
  while (self->error == NULL && self->xml_message == NULL)
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
      if (self->parser == NULL)
        {
          int first = MIN ((int) n, 4);

          if (!start_parser (self, self->buffer, first))
            break;
          xmlParseChunk (self->parser, self->buffer + first, (int) n - first, 0);
        }
      else
        xmlParseChunk (self->parser, self->buffer, (int) n, 0);
    }
  if (terminate && self->parser == NULL && self->error == NULL)
    start_parser (self, NULL, 0);
  if (terminate && self->error == NULL && self->xml_message == NULL)
    xmlParseChunk (self->parser, NULL, 0, 1);
  _tessera_xml_error_scope_end (&scope);
  self->cancellable = NULL;

  if (self->error == NULL && self->parser != NULL &&
      (self->xml_message != NULL || !self->parser->wellFormed))
    set_xml_error (self);
  if (self->error == NULL)
    return TRUE;
  g_propagate_error (error, g_error_copy (self->error));
  return FALSE;
}

/**
 * _tessera_tei_reader_step:
 *
 * Reads what has been written to the file since the last step: each document it
 * completes goes to the reading's function.
 *
 * Returns: %FALSE with @error set when the file cannot be read, is not well-formed XML,
 *   not TEI, or not as @flags want it (%TESSERA_TEI_ERROR), or the function failed
 */
gboolean
_tessera_tei_reader_step (TesseraTeiReader  *self,
                          GCancellable      *cancellable,
                          GError           **error)
{
  return read_more (self, FALSE, cancellable, error);
}

/**
 * _tessera_tei_reader_finish:
 *
 * Reads the rest of the file, which is complete.
 *
 * Returns: (transfer full): what the file declares for all its documents (categories,
 *   entity records, annotators), or %NULL with @error set, as for
 *   _tessera_tei_reader_step()
 */
TesseraTeiContext *
_tessera_tei_reader_finish (TesseraTeiReader  *self,
                            GCancellable      *cancellable,
                            GError           **error)
{
  if (!read_more (self, TRUE, cancellable, error))
    return NULL;
  if (!self->root_seen && self->display_name != NULL)
    {
      g_set_error (error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_MALFORMED,
                   _("%s holds no XML element"), self->display_name);
      return NULL;
    }
  if (self->n_documents == 0)
    {
      if (self->display_name != NULL)
        g_set_error (error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_EMPTY,
                     _("%s holds no TEI document"), self->display_name);
      else
        g_set_error (error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_EMPTY, _("no TEI document"));
      return NULL;
    }
  if (self->display_name != NULL)
    add_warnings (self);
  return g_steal_pointer (&self->context);
}

/**
 * _tessera_tei_read_file:
 * @tagset: the types that elements without @ana are mapped to
 * @func: called with each document read, which it takes
 *
 * Reads a TEI or teiCorpus file from elsewhere into the model, one document at a time.
 *
 * Returns: (transfer full): what the file declares for all its documents (categories,
 *   entity records, annotators), or %NULL with @error set
 */
TesseraTeiContext *
_tessera_tei_read_file (const char              *file,
                        GListModel              *tagset,
                        TesseraTeiDocumentFunc   func,
                        gpointer                 user_data,
                        GCancellable            *cancellable,
                        GError                 **error)
{
  g_autoptr(TesseraTeiReader) reader = NULL;

  /* A project is not a document; and this process may have it open (its locks). */
  if (!_tessera_project_files_check_readable (file, error))
    return NULL;
  reader = _tessera_tei_reader_new (file, 0, tagset, func, user_data, error);
  if (reader == NULL)
    return NULL;
  return _tessera_tei_reader_finish (reader, cancellable, error);
}
