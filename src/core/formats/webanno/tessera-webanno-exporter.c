/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-webanno-exporter.h"

#include "tessera-format-compare.h"
#include "tessera-text.h"
#include "tessera-tokenizer.h"
#include "tessera-webanno-private.h"

/*
 * WebAnno TSV 3.3, one file per document, as INCEpTION reads it: entities on DKPro Core's
 * NamedEntity layer (value = the type's key, identifier = the entity's authority URI),
 * claims and cues on a custom layer "webanno.custom.Claim" with their fields, and the
 * relations of the tagset as relation layers. A WebAnno relation joins two annotations of
 * one layer: a claim's source that is an entity mention is therefore also written on the
 * claim layer (kind "source"), which the importer folds back into the mention.
 *
 * Sentences and tokens are the core tokeniser's; each sentence's "#Text=" runs to the
 * next sentence, so that the text reads back character for character. An annotation that
 * starts or ends inside a token is written on a sub-token line ("1-3.1"); a discontinuous
 * one is written as its extent, from its first start to its last end (WebAnno has no
 * discontinuous spans), and counted in the export's notes.
 */

enum
{
  LAYER_ENTITY,
  LAYER_CLAIM,
  LAYER_CLAIM_SOURCE,
  LAYER_CLAIM_CUE,
  LAYER_ENTITY_RELATION,
  LAYER_CLAIM_RELATION,
  N_LAYERS
};

/* The header, one line per layer in the order above. */
static const char * const layer_headers[N_LAYERS] = {
  "#T_SP=" TESSERA_WEBANNO_NAMED_ENTITY "|identifier|value",
  "#T_SP=" TESSERA_WEBANNO_CLAIM "|kind|value|quoteType|polarity|factuality|writerDistance"
    "|sourceKind|statementDate|topic",
  "#T_RL=" TESSERA_WEBANNO_CLAIM_SOURCE "|BT_" TESSERA_WEBANNO_CLAIM,
  "#T_RL=" TESSERA_WEBANNO_CLAIM_CUE "|BT_" TESSERA_WEBANNO_CLAIM,
  "#T_RL=" TESSERA_WEBANNO_ENTITY_RELATION "|value|BT_" TESSERA_WEBANNO_NAMED_ENTITY,
  "#T_RL=" TESSERA_WEBANNO_CLAIM_RELATION "|value|BT_" TESSERA_WEBANNO_CLAIM,
};

/* What the file holds of an annotation: one span of one layer. */
typedef struct
{
  guint                    layer;
  guint                    begin;      /* code points: the extent */
  guint                    end;
  TesseraAnnotationRecord *annotation; /* for a claim's source: the mention */
  const char              *kind;       /* on the claim layer */
  int                      ref;        /* its number in brackets, 0 for none */
  guint                    n_units;
  gboolean                 stacked;
  guint                    token;      /* its first unit */
  guint                    unit_begin;
  guint                    unit_end;
} Item;

typedef struct
{
  guint       layer;
  Item       *source;
  Item       *target;
  const char *value;
} Link;

typedef struct
{
  GPtrArray  *items;       /* Item, in the order written */
  GPtrArray  *links;       /* Link */
  GHashTable *item_of;     /* TesseraAnnotationRecord → Item (not the anchors) */
} Plan;

/* What the format does not carry, counted over the export. */
typedef struct
{
  guint discontinuous;
  guint relations;
  guint source_entities;
  guint unlinked_entities;
  guint extra_authorities;
  guint notes;
  guint leading_space;
} Counts;

/* One token or sub-token line's annotation. */
typedef struct
{
  guint  begin;
  guint  end;
  guint  layer;
  Item  *item;             /* a span, or the target of @link */
  Link  *link;
} Entry;

struct _TesseraWebannoExporter
{
  TesseraExporter  parent_instance;

  TesseraStore    *store;          /* between prepare and finish */
  TesseraDocumentRecord *written;  /* the document of the file being written, for check() */
  Counts           counts;
};

G_DEFINE_FINAL_TYPE (TesseraWebannoExporter, tessera_webanno_exporter, TESSERA_TYPE_EXPORTER)

static const char * const webanno_extensions[] = { "tsv", NULL };

/* The plan -------------------------------------------------------------------------------- */

static void
plan_clear (Plan *plan)
{
  g_clear_pointer (&plan->items, g_ptr_array_unref);
  g_clear_pointer (&plan->links, g_ptr_array_unref);
  g_clear_pointer (&plan->item_of, g_hash_table_unref);
}

static Item *
add_item (Plan                    *plan,
          guint                    layer,
          TesseraAnnotationRecord *annotation,
          const char              *kind)
{
  Item *item = g_new0 (Item, 1);
  GArray *ranges = annotation->ranges;

  item->layer = layer;
  item->annotation = annotation;
  item->kind = kind;
  item->begin = g_array_index (ranges, TesseraRange, 0).start;
  item->end = g_array_index (ranges, TesseraRange, ranges->len - 1).end;
  g_ptr_array_add (plan->items, item);
  return item;
}

static void
add_link (Plan       *plan,
          guint       layer,
          Item       *source,
          Item       *target,
          const char *value)
{
  Link *link = g_new0 (Link, 1);

  link->layer = layer;
  link->source = source;
  link->target = target;
  link->value = value;
  g_ptr_array_add (plan->links, link);
}

/* The claim layer's item that stands for @source: itself, or an anchor of its extent. */
static Item *
source_item (Plan                    *plan,
             GHashTable              *anchors,
             TesseraAnnotationRecord *source)
{
  Item *item = g_hash_table_lookup (plan->item_of, source);

  if (item == NULL)
    return NULL;
  if (item->layer == LAYER_CLAIM)
    return item;
  if ((item = g_hash_table_lookup (anchors, source)) == NULL)
    {
      item = add_item (plan, LAYER_CLAIM, source, TESSERA_WEBANNO_KIND_SOURCE);
      g_hash_table_insert (anchors, source, item);
    }
  return item;
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const Item *ia = *(const Item * const *) a;
  const Item *ib = *(const Item * const *) b;

  if (ia->begin != ib->begin)
    return ia->begin < ib->begin ? -1 : 1;
  if (ia->end != ib->end)
    return ia->end > ib->end ? -1 : 1;
  return (int) ia->layer - (int) ib->layer;
}

/* What of @document goes in the file, counting in @counts (if given) what does not. */
static void
plan_document (Plan                  *plan,
               TesseraDocumentRecord *document,
               Counts                *counts)
{
  g_autoptr(GHashTable) anchors = g_hash_table_new (NULL, NULL);
  Counts ignored = { 0 };

  if (counts == NULL)
    counts = &ignored;
  plan->items = g_ptr_array_new_with_free_func (g_free);
  plan->links = g_ptr_array_new_with_free_func (g_free);
  plan->item_of = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < document->annotations->len; i++)
    {
      TesseraAnnotationRecord *annotation = g_ptr_array_index (document->annotations, i);
      TesseraKind kind = tessera_annotation_type_get_kind (annotation->type);
      Item *item;

      if (annotation->ranges->len == 0)
        continue;
      if (kind == TESSERA_KIND_ENTITY)
        item = add_item (plan, LAYER_ENTITY, annotation, NULL);
      else
        item = add_item (plan, LAYER_CLAIM, annotation, kind == TESSERA_KIND_CLAIM
                                                         ? TESSERA_WEBANNO_KIND_CLAIM
                                                         : TESSERA_WEBANNO_KIND_CUE);
      g_hash_table_insert (plan->item_of, annotation, item);
      counts->discontinuous += annotation->ranges->len > 1;
      counts->notes += annotation->note != NULL && *annotation->note != '\0';
      if (annotation->entity != NULL)
        {
          guint n = annotation->entity->authorities->len;

          counts->unlinked_entities += n == 0;
          counts->extra_authorities += n > 1;
        }
    }

  for (guint i = 0; i < document->annotations->len; i++)
    {
      TesseraAnnotationRecord *annotation = g_ptr_array_index (document->annotations, i);
      TesseraClaimRecord *claim = annotation->claim;
      Item *item = g_hash_table_lookup (plan->item_of, annotation);
      Item *other;

      if (item == NULL || claim == NULL || item->layer != LAYER_CLAIM)
        continue;
      if (claim->source_annotation != NULL &&
          (other = source_item (plan, anchors, claim->source_annotation)) != NULL)
        add_link (plan, LAYER_CLAIM_SOURCE, item, other, NULL);
      else if (claim->source_entity != NULL)
        counts->source_entities++;
      if (claim->cue != NULL && (other = g_hash_table_lookup (plan->item_of, claim->cue)) != NULL)
        {
          if (other->layer == LAYER_CLAIM)
            add_link (plan, LAYER_CLAIM_CUE, item, other, NULL);
          else
            counts->relations++;
        }
    }

  for (guint i = 0; document->relations != NULL && i < document->relations->len; i++)
    {
      TesseraRelationRecord *relation = g_ptr_array_index (document->relations, i);
      Item *source = g_hash_table_lookup (plan->item_of, relation->source);
      Item *target = g_hash_table_lookup (plan->item_of, relation->target);

      /* A WebAnno relation joins two annotations of one layer. */
      if (source == NULL || target == NULL || source->layer != target->layer)
        {
          counts->relations++;
          continue;
        }
      add_link (plan, source->layer == LAYER_ENTITY ? LAYER_ENTITY_RELATION
                                                    : LAYER_CLAIM_RELATION,
                source, target, relation->type);
    }
  g_ptr_array_sort (plan->items, compare_items);
}

/* Writing ------------------------------------------------------------------------------ */

typedef struct
{
  const char *text;
  GArray     *tokens;      /* TesseraToken */
  GArray     *sentences;   /* TesseraSentence */
  guint      *u16;         /* UTF-16 offset of each code point, and of the end */
  guint      *bytes;       /* byte offset of each code point, and of the end */
  GArray    **entries;     /* per token: Entry, or NULL */
  GArray    **subs;        /* per token: its sub-token units (TesseraRange), sorted */
  guint      *sentence_of; /* per token: its sentence */
  gboolean    used[N_LAYERS];  /* the layers the document has annotations of */
} Layout;

static void
layout_clear (Layout *layout)
{
  for (guint i = 0; layout->tokens != NULL && i < layout->tokens->len; i++)
    {
      if (layout->entries[i] != NULL)
        g_array_unref (layout->entries[i]);
      if (layout->subs[i] != NULL)
        g_array_unref (layout->subs[i]);
    }
  g_clear_pointer (&layout->tokens, g_array_unref);
  g_clear_pointer (&layout->sentences, g_array_unref);
  g_clear_pointer (&layout->u16, g_free);
  g_clear_pointer (&layout->bytes, g_free);
  g_clear_pointer (&layout->entries, g_free);
  g_clear_pointer (&layout->subs, g_free);
  g_clear_pointer (&layout->sentence_of, g_free);
}

static const TesseraToken *
token_at (Layout *layout,
          guint   i)
{
  return &g_array_index (layout->tokens, TesseraToken, i);
}

/* The first token that ends after @offset (the number of tokens if none). */
static guint
find_token (Layout *layout,
            guint   offset)
{
  guint low = 0, high = layout->tokens->len;

  while (low < high)
    {
      guint middle = (low + high) / 2;

      if (token_at (layout, middle)->end <= offset)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

static void
add_entry (Layout *layout,
           guint   token,
           guint   begin,
           guint   end,
           guint   layer,
           Item   *item,
           Link   *link)
{
  Entry entry = { begin, end, layer, item, link };

  if (layout->entries[token] == NULL)
    layout->entries[token] = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_append_val (layout->entries[token], entry);
}

/* Puts @item on the tokens it covers: whole tokens, or sub-tokens where it starts or ends
 * inside one (or in the space between two). */
static void
place_item (Layout *layout,
            Item   *item)
{
  guint first = find_token (layout, item->begin);
  guint last = first;

  while (last + 1 < layout->tokens->len && token_at (layout, last + 1)->start < item->end)
    last++;
  if (first >= layout->tokens->len)
    first = last = layout->tokens->len - 1;
  if (token_at (layout, first)->start >= item->end && first > 0)
    first = last = first - 1;
  for (guint k = first; k <= last; k++)
    {
      guint begin = k == first ? item->begin : token_at (layout, k)->start;
      guint end = k == last ? item->end : token_at (layout, k)->end;

      if (k == first)
        {
          item->token = k;
          item->unit_begin = begin;
          item->unit_end = end;
        }
      add_entry (layout, k, begin, end, item->layer, item, NULL);
      item->n_units++;
    }
}

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const TesseraRange *ra = a, *rb = b;

  if (ra->start != rb->start)
    return ra->start < rb->start ? -1 : 1;
  return ra->end < rb->end ? -1 : ra->end > rb->end;
}

/* Sub-token units per token, and which items are stacked with others of their layer. */
static void
index_units (Layout *layout)
{
  for (guint t = 0; t < layout->tokens->len; t++)
    {
      GArray *entries = layout->entries[t];
      const TesseraToken *token = token_at (layout, t);

      for (guint i = 0; entries != NULL && i < entries->len; i++)
        {
          Entry *entry = &g_array_index (entries, Entry, i);
          TesseraRange range = { entry->begin, entry->end };
          gboolean found = FALSE;

          for (guint j = 0; j < entries->len && entry->link == NULL; j++)
            {
              Entry *other = &g_array_index (entries, Entry, j);

              if (j != i && other->link == NULL && other->layer == entry->layer &&
                  other->begin == entry->begin && other->end == entry->end)
                entry->item->stacked = TRUE;
            }
          if (entry->begin == token->start && entry->end == token->end)
            continue;
          if (layout->subs[t] == NULL)
            layout->subs[t] = g_array_new (FALSE, FALSE, sizeof (TesseraRange));
          for (guint j = 0; j < layout->subs[t]->len && !found; j++)
            found = compare_ranges (&g_array_index (layout->subs[t], TesseraRange, j),
                                    &range) == 0;
          if (!found)
            g_array_append_val (layout->subs[t], range);
        }
      if (layout->subs[t] != NULL)
        g_array_sort (layout->subs[t], compare_ranges);
    }
}

/* Decimal, without printf(): a novel has a million numbers to write. */
static void
append_uint (GString *out,
             guint    number)
{
  char digits[16];
  guint n = 0;

  do
    digits[n++] = '0' + number % 10;
  while ((number /= 10) > 0);
  while (n > 0)
    g_string_append_c (out, digits[--n]);
}

/* "s-t" or "s-t.n": the line of @token's unit @begin-@end. */
static void
append_unit_id (GString *line,
                Layout  *layout,
                guint    token,
                guint    begin,
                guint    end)
{
  const TesseraSentence *sentence = &g_array_index (layout->sentences, TesseraSentence,
                                                    layout->sentence_of[token]);

  append_uint (line, layout->sentence_of[token] + 1);
  g_string_append_c (line, '-');
  append_uint (line, token - sentence->first_token + 1);
  if (begin == token_at (layout, token)->start && end == token_at (layout, token)->end)
    return;
  for (guint j = 0; j < layout->subs[token]->len; j++)
    {
      TesseraRange *range = &g_array_index (layout->subs[token], TesseraRange, j);

      if (range->start == begin && range->end == end)
        {
          g_string_append_c (line, '.');
          append_uint (line, j + 1);
          return;
        }
    }
  g_assert_not_reached ();
}

static void
append_value (GString    *line,
              const char *value)
{
  if (value == NULL || *value == '\0')
    g_string_append_c (line, '*');
  else
    _tessera_webanno_escape_value (line, value);
}

static const char *
first_authority (TesseraAnnotationRecord *annotation)
{
  TesseraEntityRecord *entity = annotation->entity;

  if (entity == NULL || entity->authorities->len == 0)
    return NULL;
  return g_array_index (entity->authorities, TesseraAuthority, 0).uri;
}

/* The value of column @column of @layer for @entry. */
static void
append_feature (GString *line,
                Layout  *layout,
                Entry   *entry,
                guint    column)
{
  TesseraAnnotationRecord *annotation = entry->item->annotation;
  TesseraClaimRecord *claim = annotation->claim;
  gboolean claim_fields = claim != NULL && g_strcmp0 (entry->item->kind,
                                                      TESSERA_WEBANNO_KIND_CLAIM) == 0;
  const char *claim_values[7];

  if (entry->link != NULL)
    {
      Link *link = entry->link;
      gboolean has_value = link->layer == LAYER_ENTITY_RELATION ||
                           link->layer == LAYER_CLAIM_RELATION;

      if (has_value && column == 0)
        {
          append_value (line, link->value);
          return;
        }
      append_unit_id (line, layout, link->source->token, link->source->unit_begin,
                      link->source->unit_end);
      if (link->source->ref != 0 || link->target->ref != 0)
        g_string_append_printf (line, "[%d_%d]", link->source->ref, link->target->ref);
      return;
    }

  if (entry->layer == LAYER_ENTITY)
    append_value (line, column == 0 ? first_authority (annotation)
                                    : tessera_annotation_type_get_key (annotation->type));
  else if (column == 0)
    append_value (line, entry->item->kind);
  else if (column == 1)
    append_value (line, tessera_annotation_type_get_key (annotation->type));
  else
    {
      claim_values[0] = claim_fields ? claim->quote_type : NULL;
      claim_values[1] = claim_fields ? claim->polarity : NULL;
      claim_values[2] = claim_fields ? claim->factuality : NULL;
      claim_values[3] = claim_fields ? claim->writer_distance : NULL;
      claim_values[4] = claim_fields ? claim->source_kind : NULL;
      claim_values[5] = claim_fields ? claim->statement_date : NULL;
      claim_values[6] = claim_fields ? claim->topic : NULL;
      append_value (line, claim_values[column - 2]);
    }
  if (entry->item->ref != 0)
    g_string_append_printf (line, "[%d]", entry->item->ref);
}

static guint
n_columns (guint layer)
{
  static const guint columns[N_LAYERS] = { 2, 9, 1, 1, 2, 2 };

  return columns[layer];
}

/* The annotation fields of the unit @begin-@end of @token. */
static void
append_columns (GString *line,
                Layout  *layout,
                guint    token,
                guint    begin,
                guint    end)
{
  GArray *entries = layout->entries[token];

  for (guint layer = 0; layer < N_LAYERS; layer++)
    {
      for (guint column = 0; layout->used[layer] && column < n_columns (layer); column++)
        {
          gsize length = line->len;

          /* Most tokens carry nothing. */
          for (guint i = 0; entries != NULL && i < entries->len; i++)
            {
              Entry *entry = &g_array_index (entries, Entry, i);

              if (entry->layer != layer || entry->begin != begin || entry->end != end)
                continue;
              if (line->len > length)
                g_string_append_c (line, '|');
              append_feature (line, layout, entry, column);
            }
          if (line->len == length)
            g_string_append_c (line, '_');
          g_string_append_c (line, '\t');
        }
    }
}

static void
append_unit (GString *line,
             Layout  *layout,
             guint    token,
             guint    begin,
             guint    end)
{
  append_unit_id (line, layout, token, begin, end);
  g_string_append_c (line, '\t');
  append_uint (line, layout->u16[begin]);
  g_string_append_c (line, '-');
  append_uint (line, layout->u16[end]);
  g_string_append_c (line, '\t');
  _tessera_webanno_escape_text (line, layout->text + layout->bytes[begin],
                                layout->bytes[end] - layout->bytes[begin]);
  g_string_append_c (line, '\t');
  append_columns (line, layout, token, begin, end);
  g_string_append_c (line, '\n');
}

/* "#Text=" lines from the sentence's first token to the next sentence's. */
static void
append_sentence_text (GString *out,
                      Layout  *layout,
                      guint    s)
{
  const TesseraSentence *sentence = &g_array_index (layout->sentences, TesseraSentence, s);
  guint begin = token_at (layout, sentence->first_token)->start;
  guint end = s + 1 < layout->sentences->len
    ? token_at (layout, g_array_index (layout->sentences, TesseraSentence,
                                       s + 1).first_token)->start
    : tessera_text_length (layout->text);
  const char *c = layout->text + layout->bytes[begin];
  const char *stop = layout->text + layout->bytes[end];

  while (TRUE)
    {
      const char *newline = memchr (c, '\n', stop - c);
      const char *line_end = newline != NULL ? newline : stop;

      g_string_append (out, "#Text=");
      _tessera_webanno_escape_text (out, c, line_end - c);
      g_string_append_c (out, '\n');
      if (newline == NULL)
        break;
      c = newline + 1;
    }
}

static void
build_layout (Layout     *layout,
              const char *text,
              Plan       *plan)
{
  guint length = tessera_text_length (text);
  guint u16 = 0, i = 0;
  const char *c;

  layout->text = text;
  layout->tokens = g_array_new (FALSE, FALSE, sizeof (TesseraToken));
  layout->sentences = g_array_new (FALSE, FALSE, sizeof (TesseraSentence));
  tessera_tokenize (text, layout->tokens, layout->sentences);
  layout->u16 = g_new (guint, length + 1);
  layout->bytes = g_new (guint, length + 1);
  for (c = text; *c; c = g_utf8_next_char (c), i++)
    {
      layout->u16[i] = u16;
      layout->bytes[i] = c - text;
      /* Four bytes in UTF-8, two units in UTF-16. */
      u16 += (guchar) *c >= 0xF0 ? 2 : 1;
    }
  layout->u16[i] = u16;
  layout->bytes[i] = c - text;

  layout->entries = g_new0 (GArray *, layout->tokens->len);
  layout->subs = g_new0 (GArray *, layout->tokens->len);
  layout->sentence_of = g_new (guint, layout->tokens->len);
  for (guint s = 0; s < layout->sentences->len; s++)
    {
      const TesseraSentence *sentence = &g_array_index (layout->sentences, TesseraSentence, s);

      for (guint t = 0; t < sentence->n_tokens; t++)
        layout->sentence_of[sentence->first_token + t] = s;
    }
  if (layout->tokens->len == 0)
    return;

  for (guint k = 0; k < plan->items->len; k++)
    {
      Item *item = g_ptr_array_index (plan->items, k);

      place_item (layout, item);
      layout->used[item->layer] = TRUE;
    }
  /* A relation is written on its target's first unit, naming its source's. */
  for (guint k = 0; k < plan->links->len; k++)
    {
      Link *link = g_ptr_array_index (plan->links, k);

      add_entry (layout, link->target->token, link->target->unit_begin, link->target->unit_end,
                 link->layer, link->target, link);
      layout->used[link->layer] = TRUE;
    }
  index_units (layout);

  /* Numbers for the annotations on several units or stacked on one. */
  {
    int ref = 0;

    for (guint k = 0; k < plan->items->len; k++)
      {
        Item *item = g_ptr_array_index (plan->items, k);

        if (item->n_units > 1 || item->stacked)
          item->ref = ++ref;
      }
  }
}

static gboolean
flush (GOutputStream  *stream,
       GString        *out,
       GError        **error)
{
  gboolean ok = g_output_stream_write_all (stream, out->str, out->len, NULL, NULL, error);

  g_string_truncate (out, 0);
  return ok;
}

static gboolean
tessera_webanno_exporter_write_document (TesseraExporter        *exporter,
                                         GOutputStream          *stream,
                                         TesseraDocumentRecord  *document,
                                         GError                **error)
{
  TesseraWebannoExporter *self = TESSERA_WEBANNO_EXPORTER (exporter);
  g_autoptr(GString) out = g_string_sized_new (64 * 1024);
  Plan plan = { 0 };
  Layout layout = { 0 };
  gboolean ok = TRUE;

  /* One document at a time, kept for the check rather than read from the project again. */
  g_clear_pointer (&self->written, tessera_document_record_free);
  self->written = tessera_document_record_steal (document);
  document = self->written;
  plan_document (&plan, document, &self->counts);
  build_layout (&layout, document->text, &plan);

  g_string_append (out, TESSERA_WEBANNO_FORMAT_HEADER "\n");
  /* The layers it has annotations of, as INCEpTION writes them. */
  for (guint layer = 0; layer < N_LAYERS; layer++)
    {
      if (layout.used[layer])
        g_string_append_printf (out, "%s\n", layer_headers[layer]);
    }
  g_string_append (out, "\n\n");

  for (guint s = 0; s < layout.sentences->len && ok; s++)
    {
      const TesseraSentence *sentence = &g_array_index (layout.sentences, TesseraSentence, s);

      if (s > 0)
        g_string_append_c (out, '\n');
      append_sentence_text (out, &layout, s);
      for (guint t = sentence->first_token; t < sentence->first_token + sentence->n_tokens; t++)
        {
          const TesseraToken *token = token_at (&layout, t);

          append_unit (out, &layout, t, token->start, token->end);
          for (guint j = 0; layout.subs[t] != NULL && j < layout.subs[t]->len; j++)
            {
              TesseraRange *range = &g_array_index (layout.subs[t], TesseraRange, j);

              append_unit (out, &layout, t, range->start, range->end);
            }
        }
      if (out->len >= 60 * 1024)
        ok = flush (stream, out, error);
    }
  if (ok)
    ok = flush (stream, out, error);

  layout_clear (&layout);
  plan_clear (&plan);
  return ok;
}

/* The check ---------------------------------------------------------------------------- */

/* The annotations as the file holds them: extents, claims with the roles written. */
static GPtrArray *
dup_written (Plan      *plan,
             GPtrArray *relations)
{
  GPtrArray *views = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_annotation_record_free);
  g_autoptr(GHashTable) view_of = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < plan->items->len; i++)
    {
      Item *item = g_ptr_array_index (plan->items, i);
      TesseraAnnotationRecord *view;
      TesseraRange range = { item->begin, item->end };

      if (g_strcmp0 (item->kind, TESSERA_WEBANNO_KIND_SOURCE) == 0)
        continue;
      view = tessera_annotation_record_new ();
      view->type = g_object_ref (item->annotation->type);
      g_array_append_val (view->ranges, range);
      if (g_strcmp0 (item->kind, TESSERA_WEBANNO_KIND_CLAIM) == 0)
        {
          TesseraClaimRecord *claim = item->annotation->claim;

          view->claim = g_new0 (TesseraClaimRecord, 1);
          if (claim != NULL)
            {
              view->claim->quote_type = g_strdup (claim->quote_type);
              view->claim->polarity = g_strdup (claim->polarity);
              view->claim->factuality = g_strdup (claim->factuality);
              view->claim->writer_distance = g_strdup (claim->writer_distance);
              view->claim->source_kind = g_strdup (claim->source_kind);
              view->claim->statement_date = g_strdup (claim->statement_date);
              view->claim->topic = g_strdup (claim->topic);
            }
        }
      g_hash_table_insert (view_of, item, view);
      g_ptr_array_add (views, view);
    }

  for (guint i = 0; i < plan->links->len; i++)
    {
      Link *link = g_ptr_array_index (plan->links, i);
      TesseraAnnotationRecord *source = g_hash_table_lookup (view_of, link->source);
      TesseraAnnotationRecord *target = g_hash_table_lookup (view_of, link->target);
      TesseraRelationRecord *relation;

      if (link->layer == LAYER_CLAIM_SOURCE)
        source->claim->source_annotation = g_hash_table_lookup (view_of,
          g_hash_table_lookup (plan->item_of, link->target->annotation));
      else if (link->layer == LAYER_CLAIM_CUE)
        source->claim->cue = target;
      else
        {
          relation = g_new0 (TesseraRelationRecord, 1);
          relation->type = g_strdup (link->value);
          relation->source = source;
          relation->target = target;
          g_ptr_array_add (relations, relation);
        }
    }
  return views;
}

/* "type start-end URI" when @annotation names an entity with an authority record. */
static void
add_identifier (GPtrArray               *lines,
                TesseraAnnotationRecord *annotation,
                guint                    begin,
                guint                    end)
{
  const char *uri = first_authority (annotation);

  if (uri != NULL)
    g_ptr_array_add (lines, g_strdup_printf ("%s %u-%u %s",
                                             tessera_annotation_type_get_key (annotation->type),
                                             begin, end, uri));
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
join_sorted (GPtrArray *lines)
{
  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

/* Whether each mention reads back with the authority URI it was written with. */
static gboolean
check_identifiers (const char             *display_name,
                   Plan                   *plan,
                   TesseraDocumentRecord  *read,
                   GError                **error)
{
  g_autoptr(GPtrArray) written_lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) read_lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *written_ids = NULL;
  g_autofree char *read_ids = NULL;

  for (guint i = 0; i < plan->items->len; i++)
    {
      Item *item = g_ptr_array_index (plan->items, i);

      if (item->layer == LAYER_ENTITY)
        add_identifier (written_lines, item->annotation, item->begin, item->end);
    }
  for (guint i = 0; i < read->annotations->len; i++)
    {
      TesseraAnnotationRecord *annotation = g_ptr_array_index (read->annotations, i);
      TesseraRange *range = &g_array_index (annotation->ranges, TesseraRange, 0);

      add_identifier (read_lines, annotation, range->start, range->end);
    }
  written_ids = join_sorted (written_lines);
  read_ids = join_sorted (read_lines);
  if (g_str_equal (written_ids, read_ids))
    return TRUE;
  g_set_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK,
               _("%s: the entities' authority records do not read back as written"),
               display_name);
  return FALSE;
}

/* Whether @read is @written. WebAnno keeps no text before the first sentence, only its
 * length: INCEpTION reads it as spaces, and so it may come back. */
static gboolean
same_text (const char *written,
           const char *read,
           Counts     *counts)
{
  const char *w = written;
  const char *r = read;

  if (g_str_equal (written, read))
    return TRUE;
  while (*r == ' ' && g_unichar_isspace (g_utf8_get_char (w)))
    {
      w = g_utf8_next_char (w);
      r++;
    }
  if (!g_str_equal (w, r))
    return FALSE;
  counts->leading_space++;
  return TRUE;
}

static gboolean
tessera_webanno_exporter_check (TesseraExporter  *exporter,
                                const char       *path,
                                GCancellable     *cancellable,
                                GError          **error)
{
  TesseraWebannoExporter *self = TESSERA_WEBANNO_EXPORTER (exporter);
  g_autofree char *display_name = g_filename_display_basename (path);
  g_autoptr(TesseraDocumentRecord) written = g_steal_pointer (&self->written);
  g_autoptr(TesseraDocumentRecord) read = NULL;
  g_autoptr(TesseraWebannoTypes) types = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) relations = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_relation_record_free);
  g_autoptr(GPtrArray) views = NULL;
  g_autofree char *data = NULL;
  gsize length;
  Plan plan = { 0 };
  gboolean ok;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  g_return_val_if_fail (written != NULL, FALSE);
  if (!g_file_get_contents (path, &data, &length, error))
    return FALSE;
  types = _tessera_webanno_types_new (self->store, NULL);
  read = _tessera_webanno_read (types, display_name, data, length, warnings, error);
  if (read == NULL)
    return FALSE;

  if (!same_text (written->text, read->text, &self->counts))
    {
      g_set_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK,
                   _("%s: the text does not read back as it was written"), display_name);
      return FALSE;
    }
  /* The entity of a claim's source is its mention's, which the mention carries. */
  for (guint i = 0; i < read->annotations->len; i++)
    {
      TesseraAnnotationRecord *annotation = g_ptr_array_index (read->annotations, i);

      if (annotation->claim != NULL)
        annotation->claim->source_entity = NULL;
    }
  plan_document (&plan, written, NULL);
  views = dup_written (&plan, relations);
  ok = tessera_format_compare_annotations (display_name, written->text, views,
                                           read->annotations,
                                           TESSERA_CARRIES_CLAIM_FIELDS |
                                           TESSERA_CARRIES_CLAIM_ROLES, error) &&
       tessera_format_compare_relations (display_name, relations, read->relations, error) &&
       check_identifiers (display_name, &plan, read, error);
  plan_clear (&plan);
  return ok;
}

/* The class ---------------------------------------------------------------------------- */

static gboolean
tessera_webanno_exporter_writes_folder (TesseraExporter *exporter)
{
  return TRUE;
}

static gboolean
tessera_webanno_exporter_prepare (TesseraExporter  *exporter,
                                  TesseraStore     *store,
                                  const gint64     *document_ids,
                                  guint             n_documents,
                                  GCancellable     *cancellable,
                                  GError          **error)
{
  TesseraWebannoExporter *self = TESSERA_WEBANNO_EXPORTER (exporter);

  g_set_object (&self->store, store);
  memset (&self->counts, 0, sizeof self->counts);
  return TRUE;
}

/* What the files do not hold, for the export's summary. */
static void
tessera_webanno_exporter_finish (TesseraExporter *exporter)
{
  TesseraWebannoExporter *self = TESSERA_WEBANNO_EXPORTER (exporter);
  Counts *counts = &self->counts;
  const struct
  {
    guint       count;
    const char *message;
  } notes[] = {
    { counts->discontinuous,
      ngettext ("%u discontinuous annotation is written as one span, from its first start to "
                "its last end",
                "%u discontinuous annotations are written as one span, from their first start "
                "to their last end", counts->discontinuous) },
    { counts->relations,
      ngettext ("%u relation between an entity and a claim or cue is not in the files: a "
                "WebAnno relation joins two annotations of one layer",
                "%u relations between an entity and a claim or cue are not in the files: a "
                "WebAnno relation joins two annotations of one layer", counts->relations) },
    { counts->source_entities,
      ngettext ("%u claim whose source is an entity, not a mention, is written without its "
                "source",
                "%u claims whose source is an entity, not a mention, are written without "
                "their source", counts->source_entities) },
    { counts->unlinked_entities,
      ngettext ("%u mention of an entity without an authority record is written without its "
                "entity",
                "%u mentions of entities without an authority record are written without "
                "their entity", counts->unlinked_entities) },
    { counts->extra_authorities,
      ngettext ("%u mention names an entity with several authority records: only the first "
                "is its identifier",
                "%u mentions name entities with several authority records: only the first is "
                "their identifier", counts->extra_authorities) },
    { counts->notes,
      ngettext ("%u annotation note is not in the files",
                "%u annotation notes are not in the files", counts->notes) },
    { counts->leading_space,
      ngettext ("%u document starts with line breaks or tabs, which WebAnno writes as spaces",
                "%u documents start with line breaks or tabs, which WebAnno writes as spaces",
                counts->leading_space) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      /* Each message is one of ngettext()'s above, with one %u. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      if (notes[i].count > 0)
        tessera_exporter_add_note (exporter, notes[i].message, notes[i].count);
#pragma GCC diagnostic pop
    }
  g_clear_object (&self->store);
  g_clear_pointer (&self->written, tessera_document_record_free);
}

static void
tessera_webanno_exporter_finalize (GObject *object)
{
  TesseraWebannoExporter *self = TESSERA_WEBANNO_EXPORTER (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->written, tessera_document_record_free);
  G_OBJECT_CLASS (tessera_webanno_exporter_parent_class)->finalize (object);
}

static void
tessera_webanno_exporter_class_init (TesseraWebannoExporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TesseraExporterClass *exporter_class = TESSERA_EXPORTER_CLASS (klass);

  object_class->finalize = tessera_webanno_exporter_finalize;

  exporter_class->id = "webanno";
  exporter_class->name = N_("WebAnno TSV 3.3");
  exporter_class->extensions = webanno_extensions;
  exporter_class->mime_type = "text/tab-separated-values";
  exporter_class->writes_folder = tessera_webanno_exporter_writes_folder;
  exporter_class->prepare = tessera_webanno_exporter_prepare;
  exporter_class->finish = tessera_webanno_exporter_finish;
  exporter_class->write_document = tessera_webanno_exporter_write_document;
  exporter_class->check = tessera_webanno_exporter_check;
}

static void
tessera_webanno_exporter_init (TesseraWebannoExporter *self)
{
}
