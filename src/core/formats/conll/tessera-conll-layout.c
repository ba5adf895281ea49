/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-conll"

#include "config.h"

#include "tessera-conll-private.h"

#include "tessera-annotation-type.h"
#include "tessera-tokenizer.h"

/*
 * How a document goes into CoNLL columns: the tokeniser's tokens, cut at the spaces some
 * hold ("3 500": every reader splits a line at spaces, no-break ones included for Python's
 * split()), its sentences, and for each tag column the annotations it holds. Annotations
 * of a column cannot overlap: the longest wins, then the first. An annotation covers the
 * tokens it touches. A sentence never ends inside an annotation of a column, so that each
 * is one chunk.
 */

typedef struct
{
  TesseraConllSpan span;
  guint            start;    /* extent, code points */
  guint            end;
  guint            index;    /* in the document, to keep the sort stable */
} Candidate;

static gboolean
is_space_in_token (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x85 || c == 0x200B || c == 0xFEFF;
}

/* Appends the pieces of the token [@start, @end) between its spaces; @p is its first byte,
 * and is left after it. */
static void
add_pieces (GArray      *tokens,
            const char **p,
            guint        start,
            guint        end)
{
  TesseraToken piece = { start, start };

  for (guint offset = start; offset < end; offset++)
    {
      gunichar c = g_utf8_get_char (*p);

      *p = g_utf8_next_char (*p);
      if (!is_space_in_token (c))
        {
          piece.end = offset + 1;
          continue;
        }
      if (piece.end > piece.start)
        g_array_append_val (tokens, piece);
      piece.start = piece.end = offset + 1;
    }
  if (piece.end > piece.start)
    g_array_append_val (tokens, piece);
}

static void
add_tokens (TesseraConllLayout *layout,
            const char         *text)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (TesseraToken));
  g_autoptr(GArray) sentences = g_array_new (FALSE, FALSE, sizeof (TesseraSentence));
  const char *p = text;
  guint offset = 0;

  tessera_tokenize (text, tokens, sentences);
  for (guint s = 0; s < sentences->len; s++)
    {
      const TesseraSentence *sentence = &g_array_index (sentences, TesseraSentence, s);

      for (guint i = sentence->first_token; i < sentence->first_token + sentence->n_tokens; i++)
        {
          const TesseraToken *token = &g_array_index (tokens, TesseraToken, i);

          for (; offset < token->start; offset++)
            p = g_utf8_next_char (p);
          add_pieces (layout->tokens, &p, token->start, token->end);
          offset = token->end;
        }
      if (layout->tokens->len > 0)
        g_array_append_val (layout->sentence_ends, layout->tokens->len);
    }
}

/* The first token that ends after @offset (binary search). */
static guint
first_token_after (GArray *tokens,
                   guint   offset)
{
  guint low = 0, high = tokens->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (g_array_index (tokens, TesseraToken, middle).end <= offset)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a;
  const Candidate *cb = b;
  guint length_a = ca->end - ca->start;
  guint length_b = cb->end - cb->start;

  if (length_a != length_b)
    return length_a > length_b ? -1 : 1;
  if (ca->start != cb->start)
    return ca->start < cb->start ? -1 : 1;
  return ca->index < cb->index ? -1 : ca->index > cb->index;
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const TesseraConllSpan *sa = a;
  const TesseraConllSpan *sb = b;

  return sa->first < sb->first ? -1 : sa->first > sb->first;
}

/* The annotations of @candidates that go in a column: the longest first, those that would
 * overlap one already in left out. */
static void
choose_spans (TesseraConllLayout *layout,
              GArray             *candidates,
              GArray             *spans,
              guint8             *joined)
{
  g_autofree guint8 *taken = g_malloc0 (layout->tokens->len);

  g_array_sort (candidates, compare_candidates);
  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *candidate = &g_array_index (candidates, Candidate, i);
      const TesseraConllSpan *span = &candidate->span;
      const TesseraToken *first = &g_array_index (layout->tokens, TesseraToken, span->first);
      const TesseraToken *last = &g_array_index (layout->tokens, TesseraToken, span->last);
      gboolean free = TRUE;

      for (guint t = span->first; t <= span->last && free; t++)
        free = !taken[t];
      if (!free)
        {
          layout->n_left_out++;
          continue;
        }
      for (guint t = span->first; t <= span->last; t++)
        {
          taken[t] = TRUE;
          joined[t] |= t > span->first;
        }
      layout->n_flattened += span->annotation->ranges->len > 1;
      layout->n_inside += candidate->start > first->start || candidate->end < last->end;
      g_array_append_val (spans, *span);
    }
  g_array_sort (spans, compare_spans);
}

/* Removes the ends of sentences inside an annotation of a column. */
static void
join_sentences (TesseraConllLayout *layout,
                const guint8       *joined)
{
  guint kept = 0;

  for (guint s = 0; s < layout->sentence_ends->len; s++)
    {
      guint end = g_array_index (layout->sentence_ends, guint, s);

      if (end == layout->tokens->len || !joined[end])
        g_array_index (layout->sentence_ends, guint, kept++) = end;
    }
  g_array_set_size (layout->sentence_ends, kept);
}

/**
 * _tessera_conll_layout_new:
 * @document: a document of the project
 * @layers: which tag columns
 *
 * Returns: (transfer full): its tokens, sentences and tag columns; the spans point at the
 *   annotations of @document
 */
TesseraConllLayout *
_tessera_conll_layout_new (const TesseraDocumentRecord *document,
                           TesseraConllLayers           layers)
{
  TesseraConllLayout *layout = g_new0 (TesseraConllLayout, 1);
  GArray *candidates[TESSERA_CONLL_MAX_TAG_COLUMNS] = { NULL };
  g_autofree guint8 *joined = NULL;

  layout->tokens = g_array_new (FALSE, FALSE, sizeof (TesseraToken));
  layout->sentence_ends = g_array_new (FALSE, FALSE, sizeof (guint));
  layout->n_columns = layers == TESSERA_CONLL_LAYERS_KINDS ? TESSERA_N_KINDS : 1;
  add_tokens (layout, document->text);

  for (guint c = 0; c < layout->n_columns; c++)
    {
      layout->spans[c] = g_array_new (FALSE, FALSE, sizeof (TesseraConllSpan));
      candidates[c] = g_array_new (FALSE, FALSE, sizeof (Candidate));
    }
  for (guint i = 0; i < document->annotations->len; i++)
    {
      TesseraAnnotationRecord *annotation = g_ptr_array_index (document->annotations, i);
      Candidate candidate = { { 0, 0, annotation }, G_MAXUINT, 0, i };
      guint column = 0;

      if (annotation->type == NULL || annotation->ranges->len == 0)
        continue;
      if (layout->n_columns > 1)
        column = tessera_annotation_type_get_kind (annotation->type);
      for (guint r = 0; r < annotation->ranges->len; r++)
        {
          const TesseraRange *range = &g_array_index (annotation->ranges, TesseraRange, r);

          candidate.start = MIN (candidate.start, range->start);
          candidate.end = MAX (candidate.end, range->end);
        }
      candidate.span.first = first_token_after (layout->tokens, candidate.start);
      if (candidate.span.first == layout->tokens->len ||
          g_array_index (layout->tokens, TesseraToken, candidate.span.first).start >= candidate.end)
        {
          layout->n_no_token++;
          continue;
        }
      candidate.span.last = first_token_after (layout->tokens, candidate.end - 1);
      if (candidate.span.last == layout->tokens->len ||
          g_array_index (layout->tokens, TesseraToken, candidate.span.last).start >= candidate.end)
        candidate.span.last--;
      g_array_append_val (candidates[column], candidate);
    }

  joined = g_malloc0 (layout->tokens->len + 1);
  for (guint c = 0; c < layout->n_columns; c++)
    {
      choose_spans (layout, candidates[c], layout->spans[c], joined);
      g_array_unref (candidates[c]);
    }
  join_sentences (layout, joined);
  return layout;
}

void
_tessera_conll_layout_free (TesseraConllLayout *layout)
{
  if (layout == NULL)
    return;
  g_array_unref (layout->tokens);
  g_array_unref (layout->sentence_ends);
  for (guint c = 0; c < TESSERA_CONLL_MAX_TAG_COLUMNS; c++)
    g_clear_pointer (&layout->spans[c], g_array_unref);
  g_free (layout);
}
