/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-range"

#include "config.h"

#include "tessera-range.h"

/**
 * tessera_range_compare:
 *
 * Orders ranges by start, then longest first, so that enclosing spans come before the
 * spans they contain.
 */
int
tessera_range_compare (const TesseraRange *a,
                       const TesseraRange *b)
{
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end > b->end ? -1 : 1;
  return 0;
}

/**
 * tessera_ranges_merge:
 * @ranges: (array length=n_ranges): the ranges of one annotation, in any order
 * @added: (nullable): one more range
 *
 * The ranges of a discontinuous span as a user means them: in reading order, with those
 * that overlap or touch made one, and empty ones left out. "Alliance" added to "l’" of
 * "l’Alliance" gives one range, not two.
 *
 * Returns: (transfer full) (element-type TesseraRange): the ranges
 */
GArray *
tessera_ranges_merge (const TesseraRange *ranges,
                      guint               n_ranges,
                      const TesseraRange *added)
{
  g_autoptr(GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (TesseraRange),
                                                n_ranges + 1);
  GArray *merged = g_array_sized_new (FALSE, FALSE, sizeof (TesseraRange), n_ranges + 1);

  g_return_val_if_fail (ranges != NULL || n_ranges == 0, merged);

  for (guint i = 0; i < n_ranges; i++)
    {
      if (ranges[i].start < ranges[i].end)
        g_array_append_val (sorted, ranges[i]);
    }
  if (added != NULL && added->start < added->end)
    g_array_append_vals (sorted, added, 1);
  g_array_sort (sorted, (GCompareFunc) tessera_range_compare);

  for (guint i = 0; i < sorted->len; i++)
    {
      const TesseraRange *range = &g_array_index (sorted, TesseraRange, i);
      TesseraRange *last = merged->len > 0
                           ? &g_array_index (merged, TesseraRange, merged->len - 1) : NULL;

      if (last != NULL && range->start <= last->end)
        last->end = MAX (last->end, range->end);
      else
        g_array_append_val (merged, *range);
    }
  return merged;
}

/**
 * tessera_ranges_find:
 * @ranges: (array length=n_ranges): ranges in reading order
 * @offset: a place in the text, such as the caret
 *
 * Returns: the index of the first range holding @offset, its end included (a caret just
 *   after a word is at that word), or -1 if none does
 */
int
tessera_ranges_find (const TesseraRange *ranges,
                     guint               n_ranges,
                     guint               offset)
{
  g_return_val_if_fail (ranges != NULL || n_ranges == 0, -1);

  for (guint i = 0; i < n_ranges; i++)
    {
      if (ranges[i].start <= offset && offset <= ranges[i].end)
        return (int) i;
    }
  return -1;
}
