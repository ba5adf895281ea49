/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-tei"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/entities.h>
#include <libxml/xmlreader.h>

#include "tessera-tei-import.h"

#include "tessera-import.h"
#include "tessera-importer-private.h"
#include "tessera-project-files-private.h"
#include "tessera-util-private.h"
#include "tessera-tei-private.h"
#include "tessera-text.h"

/*
 * TEI P5 import. The file is read with xmlTextReader, one TEI element (one document) at a
 * time, without network, without loading a DTD and without substituting entities: an
 * external entity is refused, never read, and libxml2's limits refuse entity bombs.
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
 * pointing with string-range() are all reassembled. Nothing is written to the project
 * unless every document of the file was read.
 */

#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlTextReader, xmlFreeTextReader)

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

static gboolean
in_list (xmlNode            *node,
         const char * const *names)
{
  return is_tei (node) && g_strv_contains (names, local_name (node));
}

static char *
get_attr (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetProp (node, BAD_CAST name);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

static char *
get_xml_id (xmlNode *node)
{
  xmlChar *value = xmlGetNsProp (node, BAD_CAST "id", XML_XML_NAMESPACE);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

static char *
get_xml_attr (xmlNode    *node,
              const char *name)
{
  xmlChar *value = xmlGetNsProp (node, BAD_CAST name, XML_XML_NAMESPACE);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
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

/* Reading ------------------------------------------------------------------------------------- */

typedef struct
{
  xmlNode  *node;
  guint     start;
  guint     end;
  gboolean  start_pending;
  gboolean  has_id;
} Mark;

typedef struct
{
  GListModel             *tagset;
  TesseraTeiDocumentFunc  func;
  gpointer                user_data;
  GCancellable           *cancellable;
  TesseraTeiContext      *context;
  const char             *display_name;
  GError                 *error;          /* the first error met */
  char                   *xml_message;    /* the parser's first error */
  gboolean                xml_unsafe;     /* …and it was an entity bomb */
  gboolean                xml_too_deep;   /* …or elements nested beyond the parser's limit */
  GHashTable             *repeated_ids;   /* xml:id → GString of the lines repeating it */
  GPtrArray              *repeated_order; /* the same xml:ids (borrowed), as met */
  GPtrArray              *unresolved;     /* char *: spans pointing nowhere */
  GPtrArray              *moved;          /* char *: annotations whose boundaries moved */

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
  GHashTable             *mark_of_node;   /* xmlNode → index + 1 */
  GHashTable             *mark_of_id;     /* xml:id → index + 1 */
} Reader;

static gboolean
fail (Reader     *self,
      xmlNode    *node,
      int         code,
      const char *format,
      ...) G_GNUC_PRINTF (4, 5);

/* Records the first error, prefixed with the line it is on. */
static gboolean
fail (Reader     *self,
      xmlNode    *node,
      int         code,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (self->error != NULL)
    return FALSE;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (node != NULL && xmlGetLineNo (node) > 0)
    g_set_error (&self->error, TESSERA_TEI_ERROR, code, _("%s, line %ld: %s"),
                 self->display_name, xmlGetLineNo (node), message);
  else
    g_set_error (&self->error, TESSERA_TEI_ERROR, code, "%s: %s", self->display_name, message);
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
  g_hash_table_remove_all (self->mark_of_node);
  g_hash_table_remove_all (self->mark_of_id);
}

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
             gboolean    preserve)
{
  const char *p;

  /* Normalised once the whole text is read (normalize_text()): a character may be
   * composed across elements, and pointers count the text as written. */
  if (content == NULL || *content == '\0')
    return;

  if (preserve)
    {
      ensure_paragraph (self);
      self->length += _tessera_tei_append_preserved (self->text, content, strlen (content));
      self->last_was_space = FALSE;
      return;
    }

  p = content;
  while (*p)
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
      for (; *p && !is_xml_space (*p); p++)
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
add_mark (Reader   *self,
          xmlNode  *node,
          gboolean  block)
{
  g_autofree char *id = get_xml_id (node);
  Mark mark = { node, self->length, self->length, FALSE, id != NULL };
  guint index = self->marks->len;

  if (block)
    {
      mark.start_pending = TRUE;
      g_array_append_val (self->marks, mark);
      g_array_append_val (self->pending, index);
    }
  else
    g_array_append_val (self->marks, mark);
  g_hash_table_insert (self->mark_of_node, node, GUINT_TO_POINTER (index + 1));
  /* A repeated xml:id (see on_xml_error()) names its first element. */
  if (id != NULL && !g_hash_table_contains (self->mark_of_id, id))
    g_hash_table_insert (self->mark_of_id, g_steal_pointer (&id), GUINT_TO_POINTER (index + 1));
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
                     node->parent != NULL && xmlNodeGetSpacePreserve (node->parent) == 1);
      return TRUE;
    }
  return fail (self, node, TESSERA_TEI_ERROR_UNSAFE,
               _("the entity “%s” holds markup, which Tessera does not expand"),
               (const char *) node->name);
}

static gboolean
walk_element (Reader   *self,
              xmlNode  *node,
              gboolean  block)
{
  guint mark;

  if (in_list (node, break_elements))
    {
      g_autofree char *brk = get_attr (node, "break");

      if (g_strcmp0 (brk, "no") == 0)
        {
          /* The word goes on: neither the white space around the break nor the break
           * itself is a space. */
          self->pending_space = FALSE;
          self->in_word = self->in_paragraph && xmlNodeGetSpacePreserve (node) != 1;
          return TRUE;
        }
    }
  if (in_list (node, skipped_elements) || in_list (node, nothing_elements))
    return TRUE;
  /* A span that points (@from, @target) holds an interpretation of what it points to; one
   * that does not holds running text (Recogito's <span>my heart bleeds</span>). */
  if (is_element (node, "span") &&
      (xmlHasProp (node, BAD_CAST "from") != NULL || xmlHasProp (node, BAD_CAST "target") != NULL))
    return TRUE;
  if (is_element (node, "lb"))
    {
      if (self->in_paragraph && !self->last_was_space && xmlNodeGetSpacePreserve (node) != 1)
        self->pending_space = TRUE;
      return TRUE;
    }
  if (is_element (node, "anchor"))
    {
      if (!block)
        flush_space (self);
      add_mark (self, node, block || !self->in_paragraph);
      return TRUE;
    }
  if (is_element (node, "choice"))
    {
      xmlNode *alternative = chosen_alternative (node);

      if (alternative == NULL)
        return TRUE;
      if (block)
        return walk_element (self, alternative, block);
      return walk (self, alternative, FALSE);
    }

  if (block || in_list (node, block_elements))
    {
      end_paragraph (self);
      if (in_list (node, container_elements) || has_block_child (node))
        {
          mark = add_mark (self, node, TRUE);
          if (!walk (self, node, TRUE))
            return FALSE;
          end_paragraph (self);
        }
      else
        {
          /* A paragraph, even an empty one: it is a line of the text. */
          ensure_paragraph (self);
          mark = add_mark (self, node, FALSE);
          if (!walk (self, node, FALSE))
            return FALSE;
          end_paragraph (self);
        }
      end_mark (self, mark);
      return TRUE;
    }

  ensure_paragraph (self);
  flush_space (self);
  mark = add_mark (self, node, FALSE);
  if (!walk (self, node, FALSE))
    return FALSE;
  end_mark (self, mark);
  return TRUE;
}

static gboolean
walk (Reader   *self,
      xmlNode  *parent,
      gboolean  block)
{
  /* libxml2 answers for elements only: text takes its parent's xml:space. */
  gboolean preserve = xmlNodeGetSpacePreserve (parent) == 1;

  for (xmlNode *child = parent->children; child != NULL && self->error == NULL;
       child = child->next)
    {
      switch (child->type)
        {
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
          if ((block || in_list (parent, element_only_elements)) &&
              all_space ((const char *) child->content))
            break;
          append_text (self, (const char *) child->content, preserve);
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

/* The bodies of a text, and of the texts of its group (groups nest). */
static gboolean
walk_text (Reader  *self,
           xmlNode *text)
{
  for (xmlNode *child = text->children; child != NULL; child = child->next)
    {
      if (is_element (child, "body"))
        {
          if (!walk (self, child, TRUE))
            return FALSE;
          end_paragraph (self);
        }
      else if ((is_element (child, "group") || (is_element (text, "group") &&
                                                is_element (child, "text"))) &&
               !walk_text (self, child))
        return FALSE;
    }
  return TRUE;
}

/* Header -------------------------------------------------------------------------------------- */

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
      if (id != NULL && g_str_has_prefix (id, TESSERA_TEI_CATEGORY_PREFIX) &&
          id[strlen (TESSERA_TEI_CATEGORY_PREFIX)] != '\0')
        {
          const char *key = id + strlen (TESSERA_TEI_CATEGORY_PREFIX);
          TesseraTeiCategory *category = _tessera_tei_category_new (key);
          g_autofree char *style = get_attr (child, "style");
          g_autofree char *ana = get_attr (child, "ana");
          g_autofree char *parent_id = parent_category ? get_xml_id (parent_category) : NULL;

          _tessera_tei_category_set_kind (category, ana, parent_id);
          if (style != NULL && g_str_has_prefix (style, "color: #") && strlen (style) == 14 &&
              strspn (style + strlen ("color: #"), "0123456789abcdefABCDEF") == 6)
            category->color = g_strdup (style + strlen ("color: "));
          for (xmlNode *label = child->children; label != NULL; label = label->next)
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
  TesseraDocumentInfo *info = &document->info;

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
      read_attribute_notes (notes, &document->attributes);
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

      tessera_progress_from_string (status, &document->progress);
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
  for (xmlNode *child = names->children; child != NULL && entity->name == NULL;
       child = child->next)
    {
      if (in_list (child, record_name_elements))
        entity->name = node_text (child);
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

  entity->description = node_text (first_child_typed (record, "note", "description"));
  read_attribute_notes (record, &entity->attributes);
  if (entity->name == NULL)
    entity->name = g_strdup (entity->id);
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

static TesseraTeiCarrier *
carrier_from_node (xmlNode               *node,
                   TesseraTeiCarrierKind  kind)
{
  TesseraTeiCarrier *carrier = _tessera_tei_carrier_new (kind, line_of (node));
  xmlDoc *doc = node->doc;

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
  else
    {
      g_autoptr(GHashTable) seen = NULL;

      /* The first attribute of a name, whatever its namespace, as xmlGetProp() finds it;
       * xml:id by its namespace. */
      for (xmlAttr *attribute = node->properties; attribute != NULL;
           attribute = attribute->next)
        {
          const char *name = (const char *) attribute->name;
          gboolean is_id = attribute->ns != NULL && g_str_equal (name, "id") &&
                           xmlStrEqual (attribute->ns->href, XML_XML_NAMESPACE);
          xmlChar *value;

          if (!is_id && !g_strv_contains (carrier_attributes, name))
            continue;
          if (seen == NULL)
            seen = g_hash_table_new (g_str_hash, g_str_equal);
          if (!g_hash_table_add (seen, is_id ? (gpointer) "xml:id" : (gpointer) name))
            continue;
          value = xmlNodeListGetString (doc, attribute->children, 1);
          _tessera_tei_carrier_set (carrier, name, is_id, g_strdup (value ? (const char *) value
                                                                           : ""));
          xmlFree (value);
        }
    }
  if (kind == TESSERA_TEI_CARRIER_JOIN)
    carrier->element = get_attr (node, "result");
  else if (kind == TESSERA_TEI_CARRIER_TEXT)
    carrier->element = g_strdup (local_name (node));
  else if (node->parent != NULL && is_element (node->parent, "spanGrp"))
    {
      carrier->in_group = TRUE;
      carrier->group_type = get_attr (node->parent, "type");
    }
  return carrier;
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
  g_ptr_array_unref (found->texts);
  g_hash_table_unref (found->text_of_id);
  g_ptr_array_unref (found->joins);
  g_ptr_array_unref (found->spans);
  g_hash_table_unref (found->span_of_id);
  g_ptr_array_unref (found->records);
  g_ptr_array_unref (found->relations);
}

static void
collect_stand_off (Reader             *self,
                   xmlNode            *node,
                   TesseraTeiAssembly *found)
{
  for (xmlNode *child = node->children; child != NULL && self->error == NULL;
       child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE || !is_tei (child))
        continue;
      if (in_list (child, record_elements))
        {
          xmlNode *parent = child->parent;

          if (parent != NULL && g_str_has_prefix (local_name (parent), "list"))
            read_entity (self, child);
          continue;
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
        continue;
      collect_stand_off (self, child, found);
    }
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
      xmlNode *node = mark->node;
      TesseraRange range = { mark->start, mark->end };
      TesseraTeiCarrier *carrier;
      gboolean candidate;

      g_array_append_val (spots, range);
      candidate = is_tei (node) && !is_element (node, "anchor") &&
                  ((self->context->tessera && xmlHasProp (node, BAD_CAST "ana") != NULL) ||
                   _tessera_tei_element_is_mappable (local_name (node)));
      if (!candidate && !mark->has_id)
        continue;
      carrier = carrier_from_node (node, TESSERA_TEI_CARRIER_TEXT);
      carrier->candidate = candidate;
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
      GArray *ranges = annotation->ranges;
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

/* One TEI element: a document. */
static gboolean
read_document (Reader  *self,
               xmlNode *tei)
{
  g_autoptr(TesseraTeiDocument) document = _tessera_tei_document_new ();
  g_autoptr(GArray) composed = g_array_new (FALSE, FALSE, sizeof (Composed));
  TesseraTeiAssembly found;
  xmlNode *header = first_child (tei, "teiHeader");
  xmlNode *text = first_child (tei, "text");
  gboolean ok = FALSE;

  assembly_init (self, &found);
  reset_document_state (self);
  document->id = get_xml_id (tei);
  document->line = (guint) xmlGetLineNo (tei);
  if (header != NULL)
    {
      read_context_header (self, header);
      read_document_header (self, tei, header, document);
    }
  collect_stand_off (self, tei, &found);
  if (self->error != NULL)
    goto out;

  if (text == NULL)
    {
      fail (self, tei, TESSERA_TEI_ERROR_EMPTY, _("this TEI document has no text element"));
      goto out;
    }
  if (!walk_text (self, text))
    goto out;
  document->text = normalize_text (self->text->str, self->text->len, composed);

  /* Pointers count the text as read; the annotations are then moved to the stored text. */
  collect_text (self, &found);
  if (!_tessera_tei_assemble (&found, document, &self->error))
    goto out;
  if (composed->len > 0)
    map_annotations (self, document, composed);

  ok = self->func (self->context, g_steal_pointer (&document), self->user_data, &self->error);

out:
  assembly_clear (&found);
  return ok && self->error == NULL;
}

/* The stream ------------------------------------------------------------------------------ */

static void
on_xml_error (void           *data,
              const xmlError *error)
{
  Reader *self = data;

  if (error->code == XML_DTD_ID_REDEFINED && error->str1 != NULL)
    {
      /* Well-formed XML, not valid TEI, and common (Recogito Studio repeats the annotator's
       * respStmt in every annotation): read, with a warning. */
      GString *lines = g_hash_table_lookup (self->repeated_ids, error->str1);
      guint n_lines;

      if (lines == NULL)
        {
          char *id = g_strdup (error->str1);

          lines = g_string_new (NULL);
          g_hash_table_insert (self->repeated_ids, id, lines);
          g_ptr_array_add (self->repeated_order, id);
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
      g_string_append_printf (lines, "%d", error->line);
      return;
    }
  if (error->level < XML_ERR_ERROR || self->xml_message != NULL)
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
}

static gboolean
tei_namespace_ok (xmlTextReader *reader)
{
  const char *uri = (const char *) xmlTextReaderConstNamespaceUri (reader);

  return uri == NULL || g_str_equal (uri, TESSERA_TEI_NS);
}

static gboolean
read_stream (Reader         *self,
             xmlTextReader  *reader)
{
  gboolean root_seen = FALSE;
  guint n_documents = 0;
  int ret = xmlTextReaderRead (reader);

  while (ret == 1 && self->error == NULL)
    {
      const char *name;
      xmlNode *node;

      if (xmlTextReaderNodeType (reader) != XML_READER_TYPE_ELEMENT)
        {
          ret = xmlTextReaderRead (reader);
          continue;
        }
      name = (const char *) xmlTextReaderConstLocalName (reader);

      if (!root_seen)
        {
          root_seen = TRUE;
          if (!tei_namespace_ok (reader) ||
              (!g_str_equal (name, "TEI") && !g_str_equal (name, "teiCorpus")))
            {
              const char *uri = (const char *) xmlTextReaderConstNamespaceUri (reader);

              if (uri != NULL && !g_str_equal (uri, TESSERA_TEI_NS))
                g_set_error (&self->error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_NOT_TEI,
                             _("%s is XML but not TEI: its root element is <%s> in the "
                               "namespace %s"), self->display_name, name, uri);
              else
                g_set_error (&self->error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_NOT_TEI,
                             _("%s is XML but not TEI: its root element is <%s>, not <TEI> "
                               "or <teiCorpus>"), self->display_name, name);
              return FALSE;
            }
        }
      if (!tei_namespace_ok (reader))
        {
          ret = xmlTextReaderNext (reader);
          continue;
        }
      if (g_str_equal (name, "teiCorpus"))
        {
          ret = xmlTextReaderRead (reader);
          continue;
        }
      if (!g_str_equal (name, "TEI") && !g_str_equal (name, "teiHeader") &&
          !g_str_equal (name, "standOff"))
        {
          ret = xmlTextReaderNext (reader);
          continue;
        }

      node = xmlTextReaderExpand (reader);
      if (node == NULL)
        {
          ret = -1;
          break;
        }
      if (g_str_equal (name, "TEI"))
        {
          if (!read_document (self, node))
            return FALSE;
          n_documents++;
          if (g_cancellable_set_error_if_cancelled (self->cancellable, &self->error))
            return FALSE;
        }
      else if (g_str_equal (name, "teiHeader"))
        read_context_header (self, node);
      else
        {
          TesseraTeiAssembly found;

          /* Corpus-level records: the entities every document may point to. */
          assembly_init (self, &found);
          collect_stand_off (self, node, &found);
          assembly_clear (&found);
        }
      ret = xmlTextReaderNext (reader);
    }

  if (self->error != NULL)
    return FALSE;
  if (self->xml_too_deep)
    {
      g_set_error (&self->error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_FAILED, "%s, %s",
                   self->display_name, self->xml_message);
      return FALSE;
    }
  if (ret < 0 || self->xml_message != NULL)
    {
      g_set_error (&self->error, TESSERA_TEI_ERROR,
                   self->xml_unsafe ? TESSERA_TEI_ERROR_UNSAFE : TESSERA_TEI_ERROR_MALFORMED,
                   _("%s is not well-formed XML: %s"), self->display_name,
                   self->xml_message ? self->xml_message : _("the parser stopped"));
      return FALSE;
    }
  if (!root_seen)
    {
      g_set_error (&self->error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_MALFORMED,
                   _("%s holds no XML element"), self->display_name);
      return FALSE;
    }
  if (n_documents == 0)
    {
      g_set_error (&self->error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_EMPTY,
                   _("%s holds no TEI document"), self->display_name);
      return FALSE;
    }
  return TRUE;
}

static void
free_lines (gpointer lines)
{
  g_string_free (lines, TRUE);
}

/* "a, b, c, d, e…": the first few of @names. */
static char *
first_few (GPtrArray *names)
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
      g_autofree char *names = first_few (self->unresolved);

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
      g_autofree char *names = first_few (self->moved);

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

/**
 * _tessera_tei_read_file:
 * @tagset: the types that elements without @ana are mapped to
 * @func: called with each document read, which it takes
 *
 * Reads a TEI or teiCorpus file into the model, one document at a time.
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
  g_autofree char *display_name = g_filename_display_basename (file);
  g_autoptr(xmlTextReader) reader = NULL;
  g_autoptr(TesseraTeiContext) context = _tessera_tei_context_new ();
  Reader self = { 0 };
  TesseraXmlErrorScope scope;
  gboolean ok;
  FILE *probe;

  /* A project is not a document; and this process may have it open (its locks). */
  if (!_tessera_project_files_check_readable (file, error))
    return NULL;

  /* Say why a file cannot be read before the parser says it less clearly. */
  probe = g_fopen (file, "rb");
  if (probe == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", display_name, g_strerror (saved_errno));
      return NULL;
    }
  fclose (probe);

  /* Streamed from the file: one TEI element in memory at a time. */
  xmlInitParser ();
  reader = xmlReaderForFile (file, NULL, PARSE_OPTIONS);
  if (reader == NULL)
    {
      g_set_error (error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_FAILED,
                   _("Could not read %s"), display_name);
      return NULL;
    }

  self.tagset = tagset;
  self.func = func;
  self.user_data = user_data;
  self.cancellable = cancellable;
  self.context = context;
  self.display_name = display_name;
  self.text = g_string_new (NULL);
  self.newlines = g_array_new (FALSE, FALSE, sizeof (guint));
  self.marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  self.pending = g_array_new (FALSE, FALSE, sizeof (guint));
  self.mark_of_node = g_hash_table_new (NULL, NULL);
  self.mark_of_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self.repeated_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             free_lines);
  self.repeated_order = g_ptr_array_new ();
  self.unresolved = g_ptr_array_new_with_free_func (g_free);
  self.moved = g_ptr_array_new_with_free_func (g_free);
  xmlTextReaderSetStructuredErrorHandler (reader, (xmlStructuredErrorFunc) on_xml_error, &self);

  _tessera_xml_error_scope_begin (&scope, (xmlStructuredErrorFunc) on_xml_error, &self);
  ok = read_stream (&self, reader);
  _tessera_xml_error_scope_end (&scope);
  if (ok)
    add_warnings (&self);

  g_string_free (self.text, TRUE);
  g_array_unref (self.newlines);
  g_array_unref (self.marks);
  g_array_unref (self.pending);
  g_hash_table_unref (self.mark_of_node);
  g_hash_table_unref (self.mark_of_id);
  g_hash_table_unref (self.repeated_ids);
  g_ptr_array_unref (self.repeated_order);
  g_ptr_array_unref (self.unresolved);
  g_ptr_array_unref (self.moved);
  g_free (self.xml_message);
  if (!ok)
    {
      g_propagate_error (error, self.error);
      return NULL;
    }
  return g_steal_pointer (&context);
}

/* Importing into a project ------------------------------------------------------------------ */

/* Skips "<?…?>", "<!--…-->" and "<!DOCTYPE …>" (with its internal subset). */
static const char *
skip_prolog (const char *p,
             const char *end)
{
  for (;;)
    {
      while (p < end && is_xml_space (*p))
        p++;
      if (end - p >= 2 && p[0] == '<' && p[1] == '?')
        {
          const char *close = g_strstr_len (p, end - p, "?>");

          if (close == NULL)
            return NULL;
          p = close + 2;
        }
      else if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
        {
          const char *close = g_strstr_len (p + 4, end - p - 4, "-->");

          if (close == NULL)
            return NULL;
          p = close + 3;
        }
      else if (end - p >= 9 && memcmp (p, "<!DOCTYPE", 9) == 0)
        {
          int depth = 0;

          for (p += 9; p < end; p++)
            {
              if (*p == '[')
                depth++;
              else if (*p == ']')
                depth--;
              else if (*p == '>' && depth <= 0)
                break;
            }
          if (p >= end)
            return NULL;
          p++;
        }
      else
        return p;
    }
}

/**
 * tessera_tei_file_is_tei:
 * @path: a file
 *
 * Whether the file's root element is TEI or teiCorpus, looking past a byte-order mark, the
 * XML declaration, processing instructions, comments and a document type declaration.
 *
 * Returns: %TRUE for a TEI file (well-formed or not)
 */
gboolean
tessera_tei_file_is_tei (const char *path)
{
  char buffer[64 * 1024];
  const char *p, *end, *name;
  gsize n;
  gboolean is_open;
  int saved_errno;

  g_return_val_if_fail (path != NULL, FALSE);

  /* Read through the registry of open projects: a project is not TEI, and this process
   * may have it open. */
  if (!_tessera_project_files_read_header (path, (guint8 *) buffer, sizeof buffer, &n, &is_open,
                                           &saved_errno) || is_open)
    return FALSE;

  p = buffer;
  end = buffer + n;
  if (n >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  p = skip_prolog (p, end);
  if (p == NULL || p >= end || *p != '<')
    return FALSE;
  p++;
  name = p;
  while (p < end && (g_ascii_isalnum (*p) || *p == '_' || *p == '-' || *p == '.' || *p == ':'))
    {
      if (*p == ':')
        name = p + 1;
      p++;
    }
  if (p >= end || !(is_xml_space (*p) || *p == '>' || *p == '/'))
    return FALSE;
  return (p - name == 3 && memcmp (name, "TEI", 3) == 0) ||
         (p - name == 9 && memcmp (name, "teiCorpus", 9) == 0);
}

/* The importer writes nothing before every document is read: it keeps them all. */
static gboolean
collect_document (TesseraTeiContext   *context,
                  TesseraTeiDocument  *document,
                  gpointer             user_data,
                  GError             **error)
{
  GPtrArray *documents = user_data;

  g_ptr_array_add (documents, document);
  return TRUE;
}

static TesseraAnnotationType *
find_type_by_key (GListModel *tagset,
                  const char *key)
{
  for (guint i = 0; key != NULL && i < g_list_model_get_n_items (tagset); i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (tagset, i);

      if (g_str_equal (tessera_annotation_type_get_key (type), key))
        return g_steal_pointer (&type);
    }
  return NULL;
}

/* A category of the file the project lacks, as a new type. */
static TesseraAnnotationType *
type_from_category (TesseraTeiCategory *category)
{
  const char *label = g_hash_table_lookup (category->labels, "en");
  TesseraKind kind = TESSERA_KIND_ENTITY;
  TesseraAnnotationType *type;
  GHashTableIter iter;
  gpointer language, text;
  const char *element = category->element;
  g_autofree char *key = NULL;

  if (category->has_kind)
    kind = category->kind;
  else if (g_strcmp0 (element, "said") == 0 || g_strcmp0 (element, "q") == 0 ||
           g_strcmp0 (element, "quote") == 0)
    kind = TESSERA_KIND_CLAIM;
  if (element == NULL || !_tessera_tei_element_is_mappable (element))
    element = kind == TESSERA_KIND_CLAIM ? "said" : kind == TESSERA_KIND_CUE ? "seg" : "rs";

  /* Keys are letters, digits, "-" and "_" (an xml:id may hold more). */
  key = g_strdup (category->key);
  for (char *c = key; *c; c++)
    {
      if (!g_ascii_isalnum (*c) && *c != '-' && *c != '_')
        *c = '-';
    }
  type = tessera_annotation_type_new (key, label ? label : key, kind);
  g_hash_table_iter_init (&iter, category->labels);
  while (g_hash_table_iter_next (&iter, &language, &text))
    tessera_annotation_type_set_label_for (type, language, text);
  tessera_annotation_type_set_tei (type, element,
                                   category->element ? category->element_type
                                                     : kind == TESSERA_KIND_CUE ? "cue" : NULL);
  if (category->color != NULL)
    tessera_annotation_type_set_color (type, category->color);
  return type;
}

static TesseraAnnotationType *
default_entity_type (GListModel *tagset,
                     const char *list)
{
  if (g_strcmp0 (list, "person") == 0)
    return _tessera_tei_find_type_for_element (tagset, "persName", NULL);
  if (g_strcmp0 (list, "org") == 0)
    return _tessera_tei_find_type_for_element (tagset, "orgName", NULL);
  if (g_strcmp0 (list, "place") == 0)
    return _tessera_tei_find_type_for_element (tagset, "placeName", NULL);
  if (g_strcmp0 (list, "event") == 0)
    return _tessera_tei_find_type_for_element (tagset, "name", "event");
  return NULL;
}

static gboolean
code_or_null (const char * const *codes,
              const char         *value)
{
  return value == NULL || g_strv_contains (codes, value);
}

static char *
first_line_title (const char *text)
{
  const char *end = strchr (text, '\n');
  g_autofree char *line = end ? g_strndup (text, end - text) : g_strdup (text);
  g_autofree char *stripped = g_strstrip (g_strdup (line));

  if (g_utf8_strlen (stripped, -1) > 200)
    {
      g_autofree char *cut = g_utf8_substring (stripped, 0, 199);

      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&stripped);
}

typedef struct
{
  TesseraStore      *store;
  GListModel        *tagset;
  TesseraTeiContext *context;
  GHashTable        *types;            /* key → TesseraAnnotationType (owned) */
  GPtrArray         *new_types;
  GPtrArray         *entities;         /* TesseraEntityRecord */
  GHashTable        *entity_of_id;     /* xml:id → TesseraEntityRecord */
  GHashTable        *entity_of_uri;    /* authority URI → TesseraEntityRecord */
  GHashTable        *project_uris;     /* URI → gint64 id of an entity of the project */
  GPtrArray         *refused_links;    /* the mentions whose entity their type cannot name */
} Conversion;

static TesseraAnnotationType *
conversion_type (Conversion *self,
                 const char *key)
{
  TesseraAnnotationType *type;
  TesseraTeiCategory *category;

  if (key == NULL)
    return NULL;
  type = g_hash_table_lookup (self->types, key);
  if (type != NULL)
    return type;
  type = find_type_by_key (self->tagset, key);
  if (type == NULL)
    {
      category = g_hash_table_lookup (self->context->categories, key);
      if (category == NULL)
        return NULL;
      type = type_from_category (category);
      g_ptr_array_add (self->new_types, g_object_ref (type));
    }
  g_hash_table_insert (self->types, g_strdup (key), type);
  return type;
}

static TesseraEntityRecord *
entity_record_for_uri (Conversion            *self,
                     const char            *uri,
                     const char            *name,
                     TesseraAnnotationType *type)
{
  TesseraEntityRecord *entity = g_hash_table_lookup (self->entity_of_uri, uri);
  gint64 *existing;
  TesseraAuthority authority;

  if (entity != NULL)
    return entity;
  entity = tessera_entity_record_new ();
  existing = g_hash_table_lookup (self->project_uris, uri);
  if (existing != NULL)
    entity->id = *existing;
  entity->name = g_strdup (name);
  entity->type = g_object_ref (type);
  authority.scheme = g_strdup (tessera_authority_guess_scheme (uri));
  authority.uri = g_strdup (uri);
  g_array_append_val (entity->authorities, authority);
  g_ptr_array_add (self->entities, entity);
  g_hash_table_insert (self->entity_of_uri, g_strdup (uri), entity);
  return entity;
}

static void
convert_entities (Conversion *self)
{
  for (guint i = 0; i < self->context->entity_order->len; i++)
    {
      TesseraTeiEntity *model = g_ptr_array_index (self->context->entity_order, i);
      TesseraEntityRecord *entity;
      TesseraAnnotationType *type = conversion_type (self, model->type_key);
      g_autoptr(TesseraAnnotationType) fallback = NULL;

      if (g_hash_table_lookup (self->entity_of_id, model->id) != NULL)
        continue;
      if (type == NULL)
        type = fallback = default_entity_type (self->tagset, model->list);

      entity = tessera_entity_record_new ();
      entity->name = g_strdup (model->name);
      entity->description = g_strdup (model->description);
      if (type != NULL && tessera_annotation_type_get_kind (type) == TESSERA_KIND_ENTITY)
        entity->type = g_object_ref (type);
      if (model->attributes != NULL)
        entity->attributes = g_hash_table_ref (model->attributes);
      for (guint a = 0; a < model->authorities->len; a++)
        {
          TesseraAuthority *source = &g_array_index (model->authorities, TesseraAuthority, a);
          TesseraAuthority copy = { g_strdup (source->scheme), g_strdup (source->uri) };
          gint64 *existing = g_hash_table_lookup (self->project_uris, source->uri);

          /* One authority link in common is the same entity. */
          if (existing != NULL && entity->id == 0)
            entity->id = *existing;
          g_array_append_val (entity->authorities, copy);
          g_hash_table_insert (self->entity_of_uri, g_strdup (source->uri), entity);
        }
      g_ptr_array_add (self->entities, entity);
      g_hash_table_insert (self->entity_of_id, g_strdup (model->id), entity);
    }
}

/* The type an entity will have in the project: its own when the project has it already. */
static TesseraAnnotationType *
dup_entity_type (Conversion        *self,
                 TesseraEntityRecord *entity)
{
  g_autoptr(TesseraEntity) stored = NULL;

  if (entity->id > 0)
    stored = tessera_store_dup_entity (self->store, entity->id, NULL);
  if (stored != NULL)
    return tessera_store_dup_annotation_type (self->store, tessera_entity_get_type_id (stored));
  return entity->type != NULL ? g_object_ref (entity->type) : NULL;
}

static TesseraDocumentRecord *
convert_document (Conversion          *self,
                  TesseraTeiDocument  *model,
                  const char          *source_path,
                  GError             **error)
{
  g_autoptr(TesseraDocumentRecord) document = tessera_document_record_new ();
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) pairs = g_ptr_array_new ();

  document->info = model->info;
  memset (&model->info, 0, sizeof model->info);
  g_free (document->info.source_path);
  document->info.source_path = g_strdup (source_path);
  document->text = g_steal_pointer (&model->text);
  if (document->info.title == NULL || *document->info.title == '\0')
    {
      g_free (document->info.title);
      document->info.title = first_line_title (document->text);
    }
  document->progress = model->progress;
  document->attributes = model->attributes ? g_hash_table_ref (model->attributes) : NULL;

  for (guint i = 0; i < model->annotations->len; i++)
    {
      TesseraTeiAnnotation *a = g_ptr_array_index (model->annotations, i);
      TesseraAnnotationType *type = conversion_type (self, a->type_key);
      TesseraAnnotationRecord *annotation;

      if (type == NULL)
        continue;
      annotation = tessera_annotation_record_new ();
      annotation->type = g_object_ref (type);
      g_array_append_vals (annotation->ranges, a->ranges->data, a->ranges->len);
      annotation->annotator = g_strdup (a->annotator);
      annotation->certainty = a->certainty;
      annotation->status = a->status;
      annotation->note = g_strdup (a->note);
      annotation->normalized = g_strdup (a->normalized);
      if (a->attributes != NULL)
        annotation->attributes = g_hash_table_ref (a->attributes);
      if (tessera_annotation_type_get_kind (type) == TESSERA_KIND_ENTITY)
        {
          if (a->entity != NULL)
            annotation->entity = g_hash_table_lookup (self->entity_of_id, a->entity);
          else if (a->entity_uri != NULL)
            {
              const TesseraRange *ranges = (TesseraRange *) (gpointer) a->ranges->data;
              g_autofree char *name = tessera_text_slice_ranges (document->text, ranges,
                                                                 a->ranges->len, " ");

              annotation->entity = entity_record_for_uri (self, a->entity_uri, name, type);
            }
          /* The store's rule, for files written before it: the mention stays, unlinked. */
          if (annotation->entity != NULL)
            {
              g_autoptr(TesseraAnnotationType) entity_type =
                dup_entity_type (self, annotation->entity);

              if (!tessera_annotation_type_can_name (type, entity_type))
                {
                  annotation->entity = NULL;
                  g_ptr_array_add (self->refused_links,
                                   a->id != NULL ? g_strdup (a->id)
                                                 : g_strdup_printf (_("line %d"),
                                                                    (int) a->line));
                }
            }
        }
      g_ptr_array_add (document->annotations, annotation);
      g_ptr_array_add (pairs, a);
      if (a->id != NULL)
        g_hash_table_insert (by_id, a->id, annotation);
    }

  for (guint i = 0; i < document->annotations->len; i++)
    {
      TesseraAnnotationRecord *annotation = g_ptr_array_index (document->annotations, i);
      TesseraTeiAnnotation *a = g_ptr_array_index (pairs, i);
      TesseraTeiClaim *c = a->claim;
      TesseraClaimRecord *claim;

      if (c == NULL || tessera_annotation_type_get_kind (annotation->type) != TESSERA_KIND_CLAIM)
        continue;
      claim = annotation->claim = g_new0 (TesseraClaimRecord, 1);
      claim->source_entity = c->source_entity ? g_hash_table_lookup (self->entity_of_id,
                                                                     c->source_entity) : NULL;
      claim->source_annotation = c->source_annotation ? g_hash_table_lookup (by_id,
                                                                             c->source_annotation)
                                                      : NULL;
      claim->cue = c->cue ? g_hash_table_lookup (by_id, c->cue) : NULL;
      claim->parent = c->parent ? g_hash_table_lookup (by_id, c->parent) : NULL;
      if (code_or_null (tessera_claim_source_kinds (), c->source_kind))
        claim->source_kind = g_strdup (c->source_kind);
      if (code_or_null (tessera_claim_quote_types (), c->quote_type))
        claim->quote_type = g_strdup (c->quote_type);
      if (code_or_null (tessera_claim_polarities (), c->polarity))
        claim->polarity = g_strdup (c->polarity);
      if (code_or_null (tessera_claim_factualities (), c->factuality))
        claim->factuality = g_strdup (c->factuality);
      if (code_or_null (tessera_claim_writer_distances (), c->writer_distance))
        claim->writer_distance = g_strdup (c->writer_distance);
      claim->statement_date = g_strdup (c->statement_date);
      claim->topic = g_strdup (c->topic);
    }

  for (guint i = 0; i < model->relations->len; i++)
    {
      TesseraTeiRelation *r = g_ptr_array_index (model->relations, i);
      TesseraAnnotationRecord *source = r->source ? g_hash_table_lookup (by_id, r->source) : NULL;
      TesseraAnnotationRecord *target = r->target ? g_hash_table_lookup (by_id, r->target) : NULL;
      TesseraRelationRecord *relation;

      if (source == NULL || target == NULL || source == target)
        continue;
      relation = g_new0 (TesseraRelationRecord, 1);
      relation->type = g_strdup (r->type);
      relation->source = source;
      relation->target = target;
      relation->note = g_strdup (r->note);
      relation->annotator = g_strdup (r->annotator);
      g_ptr_array_add (document->relations, relation);
    }

  return g_steal_pointer (&document);
}

/**
 * tessera_tei_read_batch:
 * @store: the project the file is read for: its tagset and entities, which it does not change
 * @path: a TEI P5 file: one `TEI` or a `teiCorpus`
 *
 * Reads every document of a TEI file with its metadata, its text (see the comment at the
 * top of this file for what becomes text) and the annotations, entities (with their
 * authority links), claims and relations it holds, as records to write. Categories of a
 * Tessera export the project lacks become new types; entities sharing an authority link
 * with one of the project's are that entity.
 *
 * Returns: (transfer full): the records, or %NULL with @error set if any document cannot
 *   be read
 */
TesseraImportBatch *
tessera_tei_read_batch (TesseraStore  *store,
                        const char    *path,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GPtrArray) models =
    g_ptr_array_new_with_free_func ((GDestroyNotify) _tessera_tei_document_free);
  g_autoptr(TesseraImportBatch) batch = tessera_import_batch_new ();
  g_autoptr(TesseraTeiContext) context = NULL;
  g_autofree char *display_name = g_filename_display_basename (path);
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);
  /* A text column holds text: a name that is not UTF-8 is stored as it is shown. */
  g_autofree char *absolute = g_filename_display_name (canonical);
  Conversion conversion = { 0 };
  GListModel *entities;
  GStatBuf st;

  g_return_val_if_fail (TESSERA_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Refused before it is read, as plain-text files are. */
  if (g_stat (path, &st) == 0 && st.st_size > TESSERA_IMPORT_MAX_BYTES)
    {
      g_autofree char *size = g_format_size_full (st.st_size, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *limit = g_format_size_full (TESSERA_IMPORT_MAX_BYTES,
                                                   G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_TOO_LARGE,
                   _("%s is %s; Tessera imports files of at most %s"), display_name, size,
                   limit);
      return NULL;
    }

  context = _tessera_tei_read_file (path, tessera_store_get_tagset (store), collect_document,
                                    models, cancellable, error);
  if (context == NULL)
    return NULL;

  for (guint i = 0; i < models->len; i++)
    {
      TesseraTeiDocument *model = g_ptr_array_index (models, i);

      if (model->text == NULL || *model->text == '\0')
        {
          g_set_error (error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_EMPTY,
                       _("%s: the document at line %u has no text to annotate; nothing was "
                         "imported"), display_name, model->line);
          return NULL;
        }
    }

  conversion.store = store;
  conversion.tagset = tessera_store_get_tagset (store);
  conversion.context = context;
  conversion.types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  conversion.new_types = g_ptr_array_ref (batch->new_types);
  conversion.entities = g_ptr_array_ref (batch->entities);
  conversion.entity_of_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  conversion.entity_of_uri = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  conversion.project_uris = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  conversion.refused_links = g_ptr_array_new_with_free_func (g_free);

  entities = tessera_store_get_entities (store);
  for (guint i = 0; i < g_list_model_get_n_items (entities); i++)
    {
      g_autoptr(TesseraEntity) entity = g_list_model_get_item (entities, i);
      const TesseraAuthority *authorities;
      guint n;
      gint64 id = tessera_entity_get_id (entity);

      authorities = tessera_entity_get_authorities (entity, &n);
      for (guint a = 0; a < n; a++)
        g_hash_table_insert (conversion.project_uris, g_strdup (authorities[a].uri),
                             g_memdup2 (&id, 8));
    }

  /* The whole tagset of a Tessera export comes along, in its order. */
  for (guint i = 0; i < context->category_order->len; i++)
    conversion_type (&conversion,
                     ((TesseraTeiCategory *) g_ptr_array_index (context->category_order, i))->key);
  convert_entities (&conversion);
  for (guint i = 0; i < models->len; i++)
    g_ptr_array_add (batch->documents,
                     convert_document (&conversion, g_ptr_array_index (models, i), absolute,
                                       error));

  for (guint i = 0; i < context->warnings->len; i++)
    g_ptr_array_add (batch->warnings, g_strdup (g_ptr_array_index (context->warnings, i)));
  if (conversion.refused_links->len > 0)
    {
      g_autofree char *names = first_few (conversion.refused_links);
      guint n = conversion.refused_links->len;

      g_ptr_array_add (batch->warnings,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%s: %u mention refers to an entity of "
                                                     "another type, which it cannot name (a "
                                                     "date does not name an organisation); it "
                                                     "was imported without that link: %s",
                                                     "%s: %u mentions refer to an entity of "
                                                     "another type, which they cannot name (a "
                                                     "date does not name an organisation); "
                                                     "they were imported without that link: %s",
                                                     n),
                                        display_name, n, names));
    }

  g_hash_table_unref (conversion.types);
  g_ptr_array_unref (conversion.new_types);
  g_ptr_array_unref (conversion.entities);
  g_hash_table_unref (conversion.entity_of_id);
  g_hash_table_unref (conversion.entity_of_uri);
  g_hash_table_unref (conversion.project_uris);
  g_ptr_array_unref (conversion.refused_links);
  return g_steal_pointer (&batch);
}

/**
 * tessera_tei_import_file:
 * @store: the project to import into
 * @path: a TEI P5 file: one `TEI` or a `teiCorpus`
 *
 * Imports every document of a TEI file as tessera_tei_read_batch() reads them. A text the
 * project already has is not imported again.
 *
 * All or nothing: if any document cannot be read, nothing is written.
 *
 * Returns: (transfer container) (element-type TesseraImportResult): one result per document
 *   of the file, or %NULL with @error set
 */
GPtrArray *
tessera_tei_import_file (TesseraStore  *store,
                         const char    *path,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(TesseraImportBatch) batch = tessera_tei_read_batch (store, path, cancellable,
                                                                error);

  if (batch == NULL)
    return NULL;
  return _tessera_import_batch_insert (batch, store, path, cancellable, error);
}
