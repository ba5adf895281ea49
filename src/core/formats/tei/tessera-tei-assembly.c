/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-tei"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-tei-private.h"

#include "tessera-entity.h"
#include "tessera-text.h"
#include "tessera-util-private.h"
#include "tessera-vocabulary.h"

/*
 * The TEI reader (tessera-tei-reader.c), for the importer and for the exporter's
 * self-check, reads a document's elements into carriers, records and relations; what they
 * mean is decided here, once. Fragments chained by @next, joins of
 * fragments and spans, spans over anchors or string-range() pointers, the range(s) each
 * covers, the annotation's type from @ana or from the element, its annotator, entity and
 * claim, then the annotation records and the relations.
 *
 * The order of the annotations is the order they are written to a project in: joins,
 * spans that no join takes, elements of the text in document order, chains of fragments
 * without a join.
 */

typedef struct
{
  TesseraTeiAssembly *assembly;
  TesseraTeiContext  *context;
  GError             *error;
} Assembler;

static void
fail (Assembler  *self,
      int         line,
      const char *format,
      ...) G_GNUC_PRINTF (3, 4);

/* Records the first error, with the line it is on. */
static void
fail (Assembler  *self,
      int         line,
      const char *format,
      ...)
{
  const char *display_name = self->assembly->display_name;
  g_autofree char *message = NULL;
  va_list args;

  if (self->error != NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (display_name != NULL && line > 0)
    g_set_error (&self->error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_BROKEN_POINTER,
                 _("%s, line %ld: %s"), display_name, (long) line, message);
  else if (display_name != NULL)
    g_set_error (&self->error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_BROKEN_POINTER,
                 "%s: %s", display_name, message);
  else if (line > 0)
    g_set_error (&self->error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_BROKEN_POINTER,
                 _("line %d: %s"), line, message);
  else
    g_set_error_literal (&self->error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_BROKEN_POINTER,
                         message);
}

/* Pieces ------------------------------------------------------------------------------- */

TesseraTeiCarrier *
_tessera_tei_carrier_new (TesseraTeiCarrierKind kind,
                          int                   line)
{
  TesseraTeiCarrier *carrier = g_new0 (TesseraTeiCarrier, 1);

  carrier->kind = kind;
  carrier->line = line;
  return carrier;
}

/**
 * _tessera_tei_carrier_set:
 * @value: (transfer full): the attribute's value
 *
 * Keeps the value of the attribute @name if it may say something of an annotation.
 *
 * Returns: whether it was kept (else @value is freed)
 */
gboolean
_tessera_tei_carrier_set (TesseraTeiCarrier *carrier,
                          const char        *name,
                          gboolean           in_xml_namespace,
                          char              *value)
{
  char **slot = NULL;

  if (in_xml_namespace)
    {
      if (g_str_equal (name, "id"))
        slot = &carrier->id;
    }
  else if (g_str_equal (name, "type"))
    slot = &carrier->type;
  else if (g_str_equal (name, "subtype"))
    slot = &carrier->subtype;
  else if (g_str_equal (name, "ana"))
    slot = &carrier->ana;
  else if (g_str_equal (name, "resp"))
    slot = &carrier->resp;
  else if (g_str_equal (name, "cert"))
    slot = &carrier->cert;
  else if (g_str_equal (name, "ref"))
    slot = &carrier->ref;
  else if (g_str_equal (name, "when"))
    slot = &carrier->when;
  else if (g_str_equal (name, "next"))
    slot = &carrier->next;
  else if (g_str_equal (name, "prev"))
    slot = &carrier->prev;
  else if (g_str_equal (name, "from"))
    slot = &carrier->from;
  else if (g_str_equal (name, "to"))
    slot = &carrier->to;
  else if (g_str_equal (name, "target"))
    slot = &carrier->target;
  else if (g_str_equal (name, "who"))
    slot = &carrier->who;
  else if (g_str_equal (name, "direct"))
    slot = &carrier->direct;
  else if (g_str_equal (name, "result") && carrier->kind == TESSERA_TEI_CARRIER_JOIN)
    slot = &carrier->element;
  if (slot == NULL)
    {
      g_free (value);
      return FALSE;
    }
  g_free (*slot);
  *slot = value;
  return TRUE;
}

/**
 * _tessera_tei_carrier_reset:
 *
 * Empties @carrier for another element, as _tessera_tei_carrier_new() makes it: a reader
 * may reuse the carriers of the elements it has read.
 */
void
_tessera_tei_carrier_reset (TesseraTeiCarrier     *carrier,
                            TesseraTeiCarrierKind  kind,
                            int                    line)
{
  g_free (carrier->id);
  g_free (carrier->element);
  g_free (carrier->type);
  g_free (carrier->subtype);
  g_free (carrier->group_type);
  g_free (carrier->ana);
  g_free (carrier->resp);
  g_free (carrier->cert);
  g_free (carrier->ref);
  g_free (carrier->when);
  g_free (carrier->next);
  g_free (carrier->prev);
  g_free (carrier->from);
  g_free (carrier->to);
  g_free (carrier->target);
  g_free (carrier->who);
  g_free (carrier->direct);
  memset (carrier, 0, sizeof *carrier);
  carrier->kind = kind;
  carrier->line = line;
}

void
_tessera_tei_carrier_free (TesseraTeiCarrier *carrier)
{
  if (carrier == NULL)
    return;
  _tessera_tei_carrier_reset (carrier, TESSERA_TEI_CARRIER_TEXT, 0);
  g_free (carrier);
}

static void
record_item_clear (gpointer data)
{
  TesseraTeiRecordItem *item = data;

  g_free (item->type);
  g_free (item->value);
}

TesseraTeiRecord *
_tessera_tei_record_new (char *target,
                         int   line)
{
  TesseraTeiRecord *record = g_new0 (TesseraTeiRecord, 1);

  record->target = target;
  record->line = line;
  record->items = g_array_new (FALSE, FALSE, sizeof (TesseraTeiRecordItem));
  g_array_set_clear_func (record->items, record_item_clear);
  return record;
}

/* @type and @value: (transfer full) */
void
_tessera_tei_record_add_item (TesseraTeiRecord *record,
                              gboolean          is_ptr,
                              char             *type,
                              char             *value,
                              int               line)
{
  TesseraTeiRecordItem item = { is_ptr, type, value, line };

  g_array_append_val (record->items, item);
}

void
_tessera_tei_record_free (TesseraTeiRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->target);
  g_array_unref (record->items);
  g_clear_pointer (&record->attributes, g_hash_table_unref);
  g_free (record);
}

void
_tessera_tei_relation_record_free (TesseraTeiRelationRecord *relation)
{
  if (relation == NULL)
    return;
  g_free (relation->id);
  g_free (relation->name);
  g_free (relation->n);
  g_free (relation->active);
  g_free (relation->passive);
  g_free (relation->mutual);
  g_free (relation->resp);
  g_free (relation->desc);
  g_free (relation->ana);
  g_free (relation);
}

/* Values ------------------------------------------------------------------------------- */

/* "#id" → "id"; anything else (an external URI) → NULL. */
const char *
_tessera_tei_local_target (const char *pointer)
{
  if (pointer == NULL || pointer[0] != '#' || pointer[1] == '\0')
    return NULL;
  return pointer + 1;
}

#define local_target _tessera_tei_local_target

gboolean
_tessera_tei_is_http (const char *uri)
{
  return uri != NULL && (g_str_has_prefix (uri, "http://") || g_str_has_prefix (uri, "https://"));
}

#define POINTER_SEPARATORS " \t\n\r"

/* The pointers of @list: in @split when there are several, else @list itself in @one (a
 * list most often holds one pointer). */
static const char * const *
pointers_of (const char  *list,
             GStrv       *split,
             const char **one)
{
  if (strpbrk (list, POINTER_SEPARATORS) != NULL)
    return (const char * const *) (*split = g_strsplit_set (list, POINTER_SEPARATORS, -1));
  one[0] = list;
  one[1] = NULL;
  return one;
}

/* The key of the category of @categories (by xml:id after @prefix) @ana first points to. */
static const char *
find_category (GHashTable        *categories,
               const char        *prefix,
               TesseraTeiContext *context,
               const char        *ana)
{
  g_auto(GStrv) split = NULL;
  const char *one[2];
  const char * const *pointers;

  if (ana == NULL || !context->tessera)
    return NULL;
  pointers = pointers_of (ana, &split, one);
  for (guint i = 0; pointers[i] != NULL; i++)
    {
      const char *id = local_target (pointers[i]);
      TesseraTeiCategory *category = NULL;

      if (id != NULL && g_str_has_prefix (id, prefix))
        category = g_hash_table_lookup (categories, id + strlen (prefix));
      if (category != NULL)
        return category->key;
    }
  return NULL;
}

const char *
_tessera_tei_category_key (TesseraTeiContext *context,
                           const char        *ana)
{
  return find_category (context->categories, TESSERA_TEI_CATEGORY_PREFIX, context, ana);
}

/* A category's kind: @ana to a kind category, or a kind category around it. */
void
_tessera_tei_category_set_kind (TesseraTeiCategory *category,
                                const char         *ana,
                                const char         *parent_id)
{
  const char *kind = NULL;

  if (local_target (ana) && g_str_has_prefix (local_target (ana), TESSERA_TEI_KIND_PREFIX))
    kind = local_target (ana) + strlen (TESSERA_TEI_KIND_PREFIX);
  else if (parent_id != NULL && g_str_has_prefix (parent_id, TESSERA_TEI_KIND_PREFIX))
    kind = parent_id + strlen (TESSERA_TEI_KIND_PREFIX);
  if (kind != NULL)
    category->has_kind = tessera_kind_from_string (kind, &category->kind);
}

/* An idno of an entity record: a link to an authority when it is a web address. */
void
_tessera_tei_entity_add_link (TesseraTeiEntity *entity,
                              const char       *scheme,
                              const char       *uri)
{
  if (!_tessera_tei_is_http (uri))
    return;
  if (scheme == NULL || *scheme == '\0')
    scheme = tessera_authority_guess_scheme (uri);
  tessera_authorities_append (entity->record->authorities, scheme, uri);
}

/**
 * _tessera_tei_append_preserved:
 *
 * Appends text whose white space is preserved to a paragraph, a newline (which would
 * start another paragraph) standing for a space. Not normalised: pointers count the text
 * as written, and the importer normalises the whole text once it is read.
 *
 * Returns: the code points appended
 */
guint
_tessera_tei_append_preserved (GString    *text,
                               const char *content,
                               gsize       length)
{
  guint n_characters = 0;
  gsize from;

  from = text->len;
  g_string_append_len (text, content, length);
  for (char *p = text->str + from; *p; p++)
    {
      if (*p == '\n')
        *p = ' ';
      n_characters += ((guchar) *p & 0xC0) != 0x80;
    }
  return n_characters;
}

/* Ranges ------------------------------------------------------------------------------- */

static guint
newlines_before (GArray *newlines,
                 guint   offset)
{
  guint lo = 0, hi = newlines->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (newlines, guint, mid) < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static gboolean
only_newlines_between (Assembler *self,
                       guint      from,
                       guint      to)
{
  GArray *newlines = self->assembly->newlines;

  return from <= to && newlines_before (newlines, to) - newlines_before (newlines, from) ==
                       to - from;
}

/* Sorted, empty ranges dropped, overlapping ones merged (in files not written by Tessera,
 * fragments of one annotation may overlap). */
static void
normalize_ranges (GArray *ranges)
{
  guint kept = 0;

  g_array_sort (ranges, (GCompareFunc) tessera_range_compare);
  for (guint i = 0; i < ranges->len; i++)
    {
      TesseraRange range = g_array_index (ranges, TesseraRange, i);

      if (range.end <= range.start)
        continue;
      if (kept > 0 && g_array_index (ranges, TesseraRange, kept - 1).end > range.start)
        {
          TesseraRange *last = &g_array_index (ranges, TesseraRange, kept - 1);

          last->end = MAX (last->end, range.end);
          continue;
        }
      g_array_index (ranges, TesseraRange, kept++) = range;
    }
  g_array_set_size (ranges, kept);
}

/* Consecutive fragments of a chain separated by nothing but paragraph breaks are one
 * range; a gap of text makes a discontinuous annotation. */
static void
add_chain (Assembler *self,
           GArray    *pieces,
           GArray    *ranges)
{
  TesseraRange current;

  if (pieces->len == 0)
    return;
  current = g_array_index (pieces, TesseraRange, 0);
  for (guint i = 1; i < pieces->len; i++)
    {
      TesseraRange next = g_array_index (pieces, TesseraRange, i);

      if (only_newlines_between (self, current.end, next.start))
        current.end = MAX (current.end, next.end);
      else
        {
          g_array_append_val (ranges, current);
          current = next;
        }
    }
  g_array_append_val (ranges, current);
}

static TesseraRange *
spot (TesseraTeiSpots *spots,
      const char      *id)
{
  guint index = id ? GPOINTER_TO_UINT (g_hash_table_lookup (spots->index_of_id, id)) : 0;

  return index ? &g_array_index (spots->ranges, TesseraRange, index - 1) : NULL;
}

/* "string-range(ID,OFFSET,LENGTH)" → absolute offsets; advances *p. */
static gboolean
parse_string_range (Assembler   *self,
                    const char **p,
                    guint       *out_start,
                    guint       *out_end)
{
  const char *s = *p;
  const char *comma;
  g_autofree char *id = NULL;
  guint64 offset, length;
  TesseraRange *base;
  char *end;

  if (!g_str_has_prefix (s, "string-range("))
    return FALSE;
  s += strlen ("string-range(");
  comma = strchr (s, ',');
  if (comma == NULL)
    return FALSE;
  id = g_strndup (s, comma - s);
  if (id[0] == '#')
    memmove (id, id + 1, strlen (id));
  s = comma + 1;
  offset = g_ascii_strtoull (s, &end, 10);
  if (end == s || *end != ',')
    return FALSE;
  s = end + 1;
  length = g_ascii_strtoull (s, &end, 10);
  if (end == s || *end != ')')
    return FALSE;
  base = spot (&self->assembly->bases, id);
  if (base == NULL || offset + length > base->end - base->start)
    return FALSE;
  *out_start = base->start + (guint) offset;
  *out_end = *out_start + (guint) length;
  *p = end + 1;
  return TRUE;
}

/* A span of a file not written by Tessera that covers nothing it points to: the importer
 * says which, by xml:id or line. */
static void
note_unresolved (Assembler         *self,
                 TesseraTeiCarrier *span)
{
  GPtrArray *unresolved = self->assembly->unresolved;
  g_autofree char *name = NULL;

  if (unresolved == NULL)
    return;
  name = span->id != NULL ? g_strdup (span->id) : g_strdup_printf (_("line %d"), span->line);
  if (unresolved->len > 0 &&
      g_str_equal (g_ptr_array_index (unresolved, unresolved->len - 1), name))
    return;
  g_ptr_array_add (unresolved, g_steal_pointer (&name));
}

/* FALSE without an error: a pointer of a file not written by Tessera that leads nowhere. */
static gboolean
parse_pointer_range (Assembler         *self,
                     TesseraTeiCarrier *span,
                     const char        *pointer,
                     TesseraRange      *out_range)
{
  const char *p = pointer;
  guint start, end, start2, end2;

  if (*p++ != '#')
    goto broken;
  if (g_str_has_prefix (p, "range("))
    {
      p += strlen ("range(");
      if (!parse_string_range (self, &p, &start, &end) || *p++ != ',' ||
          !parse_string_range (self, &p, &start2, &end2) || strcmp (p, ")") != 0)
        goto broken;
      if (start > end2)
        {
          if (self->context->tessera)
            fail (self, span->line, _("the pointer “%s” runs backwards"), pointer);
          else
            note_unresolved (self, span);
          return FALSE;
        }
      out_range->start = start;
      out_range->end = end2;
      return TRUE;
    }
  if (parse_string_range (self, &p, &start, &end) && *p == '\0')
    {
      out_range->start = start;
      out_range->end = end;
      return TRUE;
    }

broken:
  if (self->context->tessera)
    fail (self, span->line, _("the pointer “%s” points to nothing in the text"), pointer);
  else
    note_unresolved (self, span);
  return FALSE;
}

/* The range(s) a span covers: @from/@to, or string-range() pointers in @target. */
static gboolean
span_ranges (Assembler         *self,
             TesseraTeiCarrier *span,
             GArray            *ranges)
{
  if (span->from != NULL)
    {
      TesseraTeiSpots *anchors = &self->assembly->anchors;
      TesseraRange *start = spot (anchors, local_target (span->from));
      TesseraRange *end = span->to != NULL ? spot (anchors, local_target (span->to)) : start;
      TesseraRange range;

      if (start == NULL || end == NULL)
        {
          if (!self->context->tessera)
            {
              note_unresolved (self, span);
              return TRUE;
            }
          fail (self, span->line, _("the span’s @from or @to points to nothing in the text"));
          return FALSE;
        }
      range.start = start->start;
      range.end = end->end;
      if (range.end < range.start)
        {
          /* @to before @from. */
          if (self->context->tessera)
            {
              fail (self, span->line, _("the span’s @to comes before its @from"));
              return FALSE;
            }
          note_unresolved (self, span);
          return TRUE;
        }
      g_array_append_val (ranges, range);
      return TRUE;
    }
  if (span->target != NULL)
    {
      g_auto(GStrv) pointers = g_strsplit_set (span->target, " \t\n\r", -1);

      for (guint i = 0; pointers[i] != NULL; i++)
        {
          TesseraRange range;

          if (*pointers[i] == '\0')
            continue;
          if (!parse_pointer_range (self, span, pointers[i], &range))
            {
              if (self->error != NULL)
                return FALSE;
              continue;
            }
          g_array_append_val (ranges, range);
        }
      return TRUE;
    }
  /* Neither @from nor @target. */
  note_unresolved (self, span);
  return TRUE;
}

/* Chains ------------------------------------------------------------------------------- */

/* Parts, in the order given, as chains by @next. */
static GPtrArray *
chains_of (GPtrArray *parts)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) has_prev = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  GPtrArray *chains = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < parts->len; i++)
    {
      TesseraTeiCarrier *part = g_ptr_array_index (parts, i);

      if (part->id != NULL)
        g_hash_table_insert (by_id, part->id, part);
    }
  for (guint i = 0; i < parts->len; i++)
    {
      TesseraTeiCarrier *part = g_ptr_array_index (parts, i);
      const char *next = local_target (part->next);
      TesseraTeiCarrier *following = next ? g_hash_table_lookup (by_id, next) : NULL;

      if (following != NULL)
        g_hash_table_add (has_prev, following);
    }
  for (guint i = 0; i < parts->len; i++)
    {
      TesseraTeiCarrier *part = g_ptr_array_index (parts, i);
      GPtrArray *chain;

      if (g_hash_table_contains (has_prev, part) || g_hash_table_contains (used, part))
        continue;
      chain = g_ptr_array_new ();
      while (part != NULL && !g_hash_table_contains (used, part))
        {
          const char *next = local_target (part->next);

          g_hash_table_add (used, part);
          g_ptr_array_add (chain, part);
          part = next ? g_hash_table_lookup (by_id, next) : NULL;
        }
      g_ptr_array_add (chains, chain);
    }
  /* Cycles: whatever was not reached from a head is a chain of its own. */
  for (guint i = 0; i < parts->len; i++)
    {
      TesseraTeiCarrier *part = g_ptr_array_index (parts, i);

      if (!g_hash_table_contains (used, part))
        {
          GPtrArray *chain = g_ptr_array_new ();

          g_hash_table_add (used, part);
          g_ptr_array_add (chain, part);
          g_ptr_array_add (chains, chain);
        }
    }
  return chains;
}

static gboolean
ranges_of_chain (Assembler *self,
                 GPtrArray *chain,
                 GArray    *ranges)
{
  g_autoptr(GArray) pieces = g_array_new (FALSE, FALSE, sizeof (TesseraRange));

  for (guint i = 0; i < chain->len; i++)
    {
      TesseraTeiCarrier *part = g_ptr_array_index (chain, i);

      if (part->kind == TESSERA_TEI_CARRIER_SPAN)
        {
          if (!span_ranges (self, part, ranges))
            return FALSE;
        }
      else
        {
          TesseraRange piece = { part->start, part->end };

          g_array_append_val (pieces, piece);
        }
    }
  add_chain (self, pieces, ranges);
  return TRUE;
}

/* Annotations -------------------------------------------------------------------------- */

static TesseraAnnotationType *
type_by_key (GListModel *tagset,
             const char *key)
{
  for (guint i = 0; i < g_list_model_get_n_items (tagset); i++)
    {
      g_autoptr(TesseraAnnotationType) candidate = g_list_model_get_item (tagset, i);

      if (g_str_equal (tessera_annotation_type_get_key (candidate), key))
        return g_steal_pointer (&candidate);
    }
  return NULL;
}

/* A string of a carrier for an annotation: taken when the carrier goes once it is read. */
static char *
carrier_string (char     **value,
                gboolean   take)
{
  return take ? g_steal_pointer (value) : g_strdup (*value);
}

/* An annotation from what carries its identity (@ana, @resp, @cert) and the element whose
 * @ref and @when say more; with @take, the strings of the carriers it uses are taken.
 * NULL without an error: not an annotation. */
static TesseraTeiAnnotation *
annotation_from (Assembler         *self,
                 TesseraTeiCarrier *identity,
                 TesseraTeiCarrier *content,
                 GArray            *ranges,
                 gboolean           take)
{
  g_autoptr(TesseraTeiAnnotation) annotation = _tessera_tei_annotation_new ();
  g_autoptr(TesseraAnnotationType) type = NULL;
  TesseraTeiContext *context = self->context;
  TesseraTeiCategory *category = NULL;
  gboolean content_is_text = content != NULL && content->kind == TESSERA_TEI_CARRIER_TEXT;
  gboolean is_claim = FALSE;

  annotation->id = carrier_string (&identity->id, take);
  annotation->line = (guint) identity->line;
  g_array_append_vals (annotation->record->ranges, ranges->data, ranges->len);
  normalize_ranges (annotation->record->ranges);

  if (identity->kind == TESSERA_TEI_CARRIER_JOIN)
    annotation->element = g_strdup (identity->element);
  else if (identity->kind == TESSERA_TEI_CARRIER_SPAN)
    {
      annotation->element = g_strdup (identity->type);
      annotation->element_type = g_strdup (identity->subtype);
      if (annotation->element == NULL && identity->in_group)
        {
          /* An untyped span is typed by its group, as a seg would be. */
          annotation->element = g_strdup ("seg");
          annotation->element_type = g_strdup (identity->group_type);
        }
    }
  if (content_is_text && content != identity)
    {
      g_free (annotation->element);
      annotation->element = g_strdup (content->element);
    }
  else if (annotation->element == NULL && identity->kind == TESSERA_TEI_CARRIER_TEXT)
    annotation->element = carrier_string (&identity->element, take);
  else if (annotation->element == NULL)
    annotation->element = g_strdup (identity->kind == TESSERA_TEI_CARRIER_JOIN ? "join"
                                                                              : "span");
  if (content_is_text && annotation->element_type == NULL)
    annotation->element_type = carrier_string (&content->type, take);

  annotation->type_key = g_strdup (_tessera_tei_category_key (context, identity->ana));
  if (annotation->type_key != NULL)
    category = g_hash_table_lookup (context->categories, annotation->type_key);
  else if (identity->ana != NULL && context->tessera)
    {
      fail (self, identity->line, _("@ana “%s” points to no category of the taxonomy"),
            identity->ana);
      return NULL;
    }
  else
    {
      type = _tessera_tei_find_type_for_element (self->assembly->tagset, annotation->element,
                                                 annotation->element_type);
      if (type == NULL)
        return NULL;
      annotation->type_key = g_strdup (tessera_annotation_type_get_key (type));
    }

  /* The mapping of a type the project lacks: the element it was written as (a span of
   * Tessera's says it in @type and @subtype). */
  if (category != NULL && category->element == NULL && annotation->element != NULL &&
      _tessera_tei_element_is_mappable (annotation->element))
    {
      category->element = g_strdup (annotation->element);
      category->element_type = g_strdup (annotation->element_type);
    }

  if (category != NULL && category->has_kind)
    is_claim = tessera_kind_carries_claim (category->kind);
  else
    {
      if (type == NULL)
        type = type_by_key (self->assembly->tagset, annotation->type_key);
      is_claim = type != NULL && tessera_annotation_type_carries_claim (type);
    }
  if (is_claim)
    annotation->record->claim = g_new0 (TesseraClaimRecord, 1);

  if (identity->resp != NULL)
    {
      const char *id = local_target (identity->resp);
      const char *name = id ? g_hash_table_lookup (context->annotators, id) : NULL;

      if (name == NULL && context->tessera)
        {
          fail (self, identity->line, _("@resp “%s” points to no respStmt of the header"),
                identity->resp);
          return NULL;
        }
      annotation->record->annotator = g_strdup (name);
    }
  if (identity->cert != NULL)
    tessera_certainty_from_string (identity->cert, &annotation->record->certainty);

  if (content != NULL && content->ref != NULL)
    {
      g_auto(GStrv) split = NULL;
      const char *one[2];
      const char * const *pointers = pointers_of (content->ref, &split, one);

      for (guint i = 0; pointers[i] != NULL && annotation->entity == NULL; i++)
        {
          const char *id = local_target (pointers[i]);

          if (id != NULL && g_hash_table_contains (context->entities, id))
            annotation->entity = g_strdup (id);
          else if (id != NULL && context->tessera)
            {
              fail (self, content->line, _("@ref “%s” points to no entity record"),
                    pointers[i]);
              return NULL;
            }
          else if (annotation->entity_uri == NULL && _tessera_tei_is_http (pointers[i]))
            annotation->entity_uri = g_strdup (pointers[i]);
        }
    }

  /* (The element of the text, which may be taken.) */
  if (content_is_text &&
      (g_str_equal (annotation->element, "date") || g_str_equal (annotation->element, "time")))
    annotation->record->normalized = carrier_string (&content->when, take);

  /* Who says what, in a file not written by Tessera. */
  if (annotation->record->claim != NULL && content_is_text && !context->tessera &&
      g_str_equal (annotation->element, "said"))
    {
      const char *id = local_target (content->who);

      if (id != NULL && g_hash_table_contains (context->entities, id))
        annotation->claim.source_entity = g_strdup (id);
      else if (id != NULL)
        annotation->claim.source_annotation = g_strdup (id);
      if (g_strcmp0 (content->direct, "true") == 0)
        annotation->record->claim->quote_type = g_strdup ("direct");
      else if (g_strcmp0 (content->direct, "false") == 0)
        annotation->record->claim->quote_type = g_strdup ("indirect");
    }

  return g_steal_pointer (&annotation);
}

static void
add_annotation (TesseraTeiDocument   *document,
                GHashTable           *by_id,
                TesseraTeiAnnotation *annotation)
{
  if (annotation == NULL)
    return;
  if (annotation->record->ranges->len == 0)
    {
      _tessera_tei_annotation_free (annotation);
      return;
    }
  if (annotation->id != NULL)
    g_hash_table_insert (by_id, annotation->id, annotation);
  g_ptr_array_add (document->annotations, annotation);
}

/* Whether an element of the text is an annotation of its own. */
static gboolean
is_candidate (Assembler         *self,
              TesseraTeiCarrier *carrier)
{
  g_autoptr(TesseraAnnotationType) mapped = NULL;

  if (!carrier->candidate)
    return FALSE;
  if (carrier->ana != NULL && self->context->tessera)
    {
      if (_tessera_tei_category_key (self->context, carrier->ana) != NULL)
        return TRUE;
      fail (self, carrier->line, _("@ana “%s” points to no category of the taxonomy"),
            carrier->ana);
      return FALSE;
    }
  if (!_tessera_tei_element_is_mappable (carrier->element))
    return FALSE;
  mapped = _tessera_tei_find_type_for_element (self->assembly->tagset, carrier->element,
                                               carrier->type);
  return mapped != NULL;
}

/* Records and relations ---------------------------------------------------------------- */

static void
apply_record (Assembler            *self,
              TesseraTeiRecord     *record,
              TesseraTeiAnnotation *annotation,
              GHashTable           *by_id)
{
  TesseraAnnotationRecord *fields = annotation->record;
  TesseraClaimRecord *claim = fields->claim;

  for (guint i = 0; i < record->items->len && self->error == NULL; i++)
    {
      TesseraTeiRecordItem *item = &g_array_index (record->items, TesseraTeiRecordItem, i);
      const char *type = item->type;

      if (item->is_ptr)
        {
          const char *id = local_target (item->value);
          gboolean is_entity = id && g_hash_table_contains (self->context->entities, id);
          gboolean is_annotation = id && g_hash_table_contains (by_id, id);

          if (!is_entity && !is_annotation)
            {
              if (self->context->tessera)
                fail (self, item->line, _("the pointer “%s” leads to no entity or annotation"),
                      item->value ? item->value : "");
              continue;
            }
          if (g_strcmp0 (type, "entity") == 0 && is_entity)
            tessera_set_str (&annotation->entity, id);
          else if (claim != NULL && g_strcmp0 (type, "source") == 0)
            tessera_set_str (is_entity ? &annotation->claim.source_entity
                                       : &annotation->claim.source_annotation, id);
          else if (claim != NULL && g_strcmp0 (type, "cue") == 0 && is_annotation)
            tessera_set_str (&annotation->claim.cue, id);
          else if (claim != NULL && g_strcmp0 (type, "parent") == 0 && is_annotation)
            tessera_set_str (&annotation->claim.parent, id);
        }
      else
        {
          char **field = NULL;

          if (g_strcmp0 (type, "comment") == 0)
            field = &fields->note;
          else if (g_strcmp0 (type, "normalized") == 0)
            field = &fields->normalized;
          else if (g_strcmp0 (type, "status") == 0)
            tessera_status_from_string (item->value, &fields->status);
          else if (claim != NULL)
            {
              if (g_strcmp0 (type, "source-kind") == 0)
                field = &claim->source_kind;
              else if (g_strcmp0 (type, "quote-type") == 0)
                field = &claim->quote_type;
              else if (g_strcmp0 (type, "polarity") == 0)
                field = &claim->polarity;
              else if (g_strcmp0 (type, "factuality") == 0)
                field = &claim->factuality;
              else if (g_strcmp0 (type, "writer-distance") == 0)
                field = &claim->writer_distance;
              else if (g_strcmp0 (type, "topic") == 0)
                field = &claim->topic;
              else if (g_strcmp0 (type, "statement-date") == 0)
                field = &claim->statement_date;
            }
          if (field != NULL)
            {
              g_free (*field);
              *field = g_strdup (item->value);
            }
        }
    }

  if (record->attributes != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      if (fields->attributes == NULL)
        fields->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_iter_init (&iter, record->attributes);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_replace (fields->attributes, g_strdup (key), g_strdup (value));
    }
}

static TesseraTeiRelation *
relation_from (Assembler                *self,
               TesseraTeiRelationRecord *read,
               GHashTable               *by_id)
{
  g_autoptr(GPtrArray) ends = g_ptr_array_new_with_free_func (g_free);
  const char *values[] = { read->active, read->passive, read->mutual };
  const char *resp = local_target (read->resp);
  const char *relation_key;
  TesseraTeiRelation *relation;

  for (guint a = 0; a < G_N_ELEMENTS (values); a++)
    {
      g_auto(GStrv) pointers = values[a] ? g_strsplit_set (values[a], " \t\n\r", -1) : NULL;

      for (guint i = 0; pointers != NULL && pointers[i] != NULL; i++)
        {
          const char *id = local_target (pointers[i]);

          if (id != NULL && g_hash_table_contains (by_id, id))
            g_ptr_array_add (ends, g_strdup (id));
        }
    }
  if (ends->len != 2)
    {
      if (self->context->tessera)
        fail (self, read->line, _("the relation does not link two annotations of its document"));
      return NULL;
    }

  relation = g_new0 (TesseraTeiRelation, 1);
  relation->record = g_new0 (TesseraRelationRecord, 1);
  relation->id = g_strdup (read->id);
  relation->name = g_strdup (read->name ? read->name : read->n);
  relation_key = find_category (self->context->relation_categories,
                                TESSERA_TEI_RELATION_PREFIX, self->context, read->ana);
  relation->source = g_strdup (g_ptr_array_index (ends, 0));
  relation->target = g_strdup (g_ptr_array_index (ends, 1));
  relation->record->type = g_strdup (relation_key ? relation_key
                                                  : relation->name ? relation->name : "related");
  relation->record->note = g_strdup (read->desc);
  if (read->resp != NULL)
    relation->record->annotator = g_strdup (g_hash_table_lookup (self->context->annotators,
                                                                 resp ? resp : ""));
  return relation;
}

/**
 * _tessera_tei_relation_between:
 * @display_name: (nullable): the file's, to start messages
 * @read: a relation a teiCorpus declares for its documents
 * @annotation_ids: (element-type utf8 gpointer): the xml:ids of the annotations of every
 *   document of the corpus
 *
 * The relation between annotations of two documents, as a document's relations are read.
 *
 * Returns: (transfer full) (nullable): the relation; %NULL when it does not link two
 *   annotations, with @error set if the file is Tessera's
 */
TesseraTeiRelation *
_tessera_tei_relation_between (TesseraTeiContext         *context,
                               const char                *display_name,
                               TesseraTeiRelationRecord  *read,
                               GHashTable                *annotation_ids,
                               GError                   **error)
{
  TesseraTeiAssembly assembly = { .context = context, .display_name = display_name };
  Assembler self = { &assembly, context, NULL };
  TesseraTeiRelation *relation = relation_from (&self, read, annotation_ids);

  if (self.error != NULL)
    g_propagate_error (error, self.error);
  return relation;
}

/* The document ------------------------------------------------------------------------- */

static gboolean
assemble (Assembler          *self,
          TesseraTeiDocument *document)
{
  TesseraTeiAssembly *assembly = self->assembly;
  g_autoptr(GHashTable) consumed = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) loose = g_ptr_array_new ();

  /* Those settled already, see _tessera_tei_assemble_text(). */
  for (guint i = 0; i < document->annotations->len; i++)
    {
      TesseraTeiAnnotation *annotation = g_ptr_array_index (document->annotations, i);

      if (annotation->id != NULL)
        g_hash_table_insert (by_id, annotation->id, annotation);
    }

  /* Joins: fragments or spans that make one annotation. */
  for (guint j = 0; j < assembly->joins->len && self->error == NULL; j++)
    {
      TesseraTeiCarrier *join = g_ptr_array_index (assembly->joins, j);
      g_auto(GStrv) pointers = join->target ? g_strsplit_set (join->target, " \t\n\r", -1)
                                            : NULL;
      g_autoptr(GPtrArray) parts = g_ptr_array_new ();
      g_autoptr(GPtrArray) chains = NULL;
      g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (TesseraRange));
      TesseraTeiCarrier *content = NULL;

      for (guint i = 0; pointers != NULL && pointers[i] != NULL; i++)
        {
          const char *id = local_target (pointers[i]);
          TesseraTeiCarrier *part = id ? g_hash_table_lookup (assembly->text_of_id, id) : NULL;

          if (part == NULL && id != NULL)
            part = g_hash_table_lookup (assembly->span_of_id, id);
          if (part == NULL)
            {
              if (*pointers[i] != '\0' && self->context->tessera)
                {
                  fail (self, join->line, _("the join’s target “%s” points to nothing"),
                        pointers[i]);
                  return FALSE;
                }
              continue;
            }
          g_hash_table_add (consumed, part);
          g_ptr_array_add (parts, part);
          if (content == NULL && part->kind == TESSERA_TEI_CARRIER_TEXT)
            content = part;
        }
      if (parts->len == 0)
        continue;
      chains = chains_of (parts);
      for (guint c = 0; c < chains->len; c++)
        {
          if (!ranges_of_chain (self, g_ptr_array_index (chains, c), ranges))
            return FALSE;
        }
      add_annotation (document, by_id,
                      annotation_from (self, join,
                                       content ? content : g_ptr_array_index (parts, 0),
                                       ranges, FALSE));
    }

  /* Spans not joined: one annotation each. */
  for (guint s = 0; s < assembly->spans->len && self->error == NULL; s++)
    {
      TesseraTeiCarrier *span = g_ptr_array_index (assembly->spans, s);
      g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (TesseraRange));

      if (g_hash_table_contains (consumed, span))
        continue;
      if (!span_ranges (self, span, ranges))
        return FALSE;
      if (ranges->len > 0)
        add_annotation (document, by_id, annotation_from (self, span, span, ranges, FALSE));
    }

  /* Elements of the text, in reading order; chained fragments without a join together. */
  for (guint t = 0; t < assembly->texts->len && self->error == NULL; t++)
    {
      TesseraTeiCarrier *carrier = g_ptr_array_index (assembly->texts, t);
      g_autoptr(GArray) ranges = NULL;
      TesseraRange range = { carrier->start, carrier->end };

      if (g_hash_table_contains (consumed, carrier) || !is_candidate (self, carrier))
        continue;
      if (carrier->next != NULL || carrier->prev != NULL)
        {
          g_ptr_array_add (loose, carrier);
          continue;
        }
      ranges = g_array_sized_new (FALSE, FALSE, sizeof (TesseraRange), 1);
      g_array_append_val (ranges, range);
      add_annotation (document, by_id,
                      annotation_from (self, carrier, carrier, ranges, FALSE));
    }
  if (loose->len > 0 && self->error == NULL)
    {
      g_autoptr(GPtrArray) chains = chains_of (loose);

      for (guint c = 0; c < chains->len && self->error == NULL; c++)
        {
          GPtrArray *chain = g_ptr_array_index (chains, c);
          TesseraTeiCarrier *head = g_ptr_array_index (chain, 0);
          g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (TesseraRange));

          if (!ranges_of_chain (self, chain, ranges))
            return FALSE;
          add_annotation (document, by_id, annotation_from (self, head, head, ranges, FALSE));
        }
    }
  if (self->error != NULL)
    return FALSE;

  for (guint r = 0; r < assembly->records->len && self->error == NULL; r++)
    {
      TesseraTeiRecord *record = g_ptr_array_index (assembly->records, r);
      const char *target = local_target (record->target);
      TesseraTeiAnnotation *annotation = target ? g_hash_table_lookup (by_id, target) : NULL;

      if (annotation == NULL)
        {
          if (!self->context->tessera)
            continue;
          fail (self, record->line,
                _("the annotation record points to “%s”, which is no annotation"),
                record->target ? record->target : "");
          return FALSE;
        }
      apply_record (self, record, annotation, by_id);
    }

  for (guint r = 0; r < assembly->relations->len && self->error == NULL; r++)
    {
      TesseraTeiRelation *relation = relation_from (self,
                                                    g_ptr_array_index (assembly->relations, r),
                                                    by_id);

      if (relation != NULL)
        g_ptr_array_add (document->relations, relation);
    }

  /* Claims' pointers must lead to annotations of the document. */
  for (guint i = 0; i < document->annotations->len && self->error == NULL; i++)
    {
      TesseraTeiAnnotation *annotation = g_ptr_array_index (document->annotations, i);
      TesseraTeiClaim *claim = &annotation->claim;

      if (annotation->record->claim == NULL)
        continue;
      if (claim->source_annotation != NULL &&
          !g_hash_table_contains (by_id, claim->source_annotation))
        g_clear_pointer (&claim->source_annotation, g_free);
      if (claim->source_entity != NULL &&
          !g_hash_table_contains (self->context->entities, claim->source_entity))
        g_clear_pointer (&claim->source_entity, g_free);
    }
  return self->error == NULL;
}

/**
 * _tessera_tei_assemble_text:
 * @carrier: an element of the text that no join takes and that has no @next or @prev; its
 *   strings may be taken, as the reader frees it once it is read
 *
 * Adds to @document the annotation @carrier is, if it is one, as _tessera_tei_assemble()
 * would: a reader that knows the joins before the text need not keep the element.
 *
 * Returns: %FALSE with @error set, as _tessera_tei_assemble()
 */
gboolean
_tessera_tei_assemble_text (TesseraTeiAssembly  *assembly,
                            TesseraTeiDocument  *document,
                            TesseraTeiCarrier   *carrier,
                            GError             **error)
{
  Assembler self = { assembly, assembly->context, NULL };
  g_autoptr(GArray) ranges = NULL;
  TesseraRange range = { carrier->start, carrier->end };
  TesseraTeiAnnotation *annotation;

  g_return_val_if_fail (carrier->next == NULL && carrier->prev == NULL, FALSE);

  if (is_candidate (&self, carrier))
    {
      ranges = g_array_sized_new (FALSE, FALSE, sizeof (TesseraRange), 1);
      g_array_append_val (ranges, range);
      annotation = annotation_from (&self, carrier, carrier, ranges, TRUE);
      if (annotation != NULL && annotation->record->ranges->len > 0)
        g_ptr_array_add (document->annotations, annotation);
      else
        g_clear_pointer (&annotation, _tessera_tei_annotation_free);
    }
  if (self.error == NULL)
    return TRUE;
  g_propagate_error (error, self.error);
  return FALSE;
}

/**
 * _tessera_tei_assemble:
 * @assembly: what was read of @document
 *
 * Adds to @document the annotations and relations of what was read.
 *
 * Returns: %FALSE with @error set (%TESSERA_TEI_ERROR_BROKEN_POINTER) when a pointer of a
 *   file written by Tessera leads nowhere
 */
gboolean
_tessera_tei_assemble (TesseraTeiAssembly  *assembly,
                       TesseraTeiDocument  *document,
                       GError             **error)
{
  Assembler self = { assembly, assembly->context, NULL };

  if (assemble (&self, document))
    return TRUE;
  g_propagate_error (error, self.error);
  return FALSE;
}
