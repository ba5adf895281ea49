/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-text-view"

#include "config.h"

#include "tessera-text-view-labels.h"
#include "tessera-core.h"

#include <adwaita.h>

/*
 * A type's label, small, in its colour, above the start of each annotation's first line
 * (as brat and INCEpTION show them). The article draws them for the annotations of the
 * visible lines only; each type's layout is made once and kept until the tagset or the
 * article's font changes, so a frame only places and paints them.
 */

#define LABEL_SCALE   0.62
#define LABEL_PADDING 2

struct _TesseraTypeLabels
{
  GHashTable *names;          /* type id → its label, in the user's language */
  GHashTable *layouts;        /* type id → PangoLayout */
  GtkWidget  *widget;         /* the view being drawn, during a frame */
  guint       serial;         /* of the Pango context the layouts were made with */
  gboolean    dark;
  guint       n_drawn;
  float       last_y;         /* the last label drawn, so the next one on its line */
  float       last_right;     /* starts after it instead of over it */
};

TesseraTypeLabels *
_tessera_type_labels_new (void)
{
  TesseraTypeLabels *labels = g_new0 (TesseraTypeLabels, 1);

  labels->names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  labels->layouts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  return labels;
}

void
_tessera_type_labels_free (TesseraTypeLabels *labels)
{
  g_hash_table_unref (labels->names);
  g_hash_table_unref (labels->layouts);
  g_free (labels);
}

/* The tagset, as it changes: the labels are made again when next drawn. */
void
_tessera_type_labels_set_tagset (TesseraTypeLabels *labels,
                                 GListModel        *tagset)
{
  guint n = tagset != NULL ? g_list_model_get_n_items (tagset) : 0;

  g_hash_table_remove_all (labels->names);
  g_hash_table_remove_all (labels->layouts);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (tagset, i);
      gint64 id = tessera_annotation_type_get_id (type);

      g_hash_table_insert (labels->names, g_memdup2 (&id, sizeof id),
                           g_strdup (tessera_annotation_type_get_label_localized (type)));
    }
}

/* Before the labels of a frame. */
void
_tessera_type_labels_begin (TesseraTypeLabels *labels,
                            GtkWidget         *widget)
{
  guint serial = pango_context_get_serial (gtk_widget_get_pango_context (widget));

  /* Another font or size for the article: another size for its labels. */
  if (serial != labels->serial)
    {
      g_hash_table_remove_all (labels->layouts);
      labels->serial = serial;
    }
  labels->widget = widget;
  labels->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  labels->n_drawn = 0;
  labels->last_y = -G_MAXFLOAT;
  labels->last_right = -G_MAXFLOAT;
}

static PangoLayout *
layout_for (TesseraTypeLabels *labels,
            gint64             type_id)
{
  PangoLayout *layout = g_hash_table_lookup (labels->layouts, &type_id);
  const char *name = g_hash_table_lookup (labels->names, &type_id);
  PangoAttrList *attributes;

  if (layout != NULL || name == NULL)
    return layout;

  layout = gtk_widget_create_pango_layout (labels->widget, name);
  attributes = pango_attr_list_new ();
  pango_attr_list_insert (attributes, pango_attr_scale_new (LABEL_SCALE));
  pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attributes);
  pango_attr_list_unref (attributes);
  g_hash_table_insert (labels->layouts, g_memdup2 (&type_id, sizeof type_id), layout);
  return layout;
}

static void
mix (const GdkRGBA *color,
     float          with,
     float          amount,
     GdkRGBA       *out_color)
{
  out_color->red = color->red + (with - color->red) * amount;
  out_color->green = color->green + (with - color->green) * amount;
  out_color->blue = color->blue + (with - color->blue) * amount;
  out_color->alpha = 1;
}

/*
 * The label of @type_id above @first_rect (buffer coordinates, the annotation's first line),
 * starting at its start: the type's colour, darkened on a light background and lightened on
 * a dark one so that the small letters stay readable, on a pale pill of the same colour.
 */
void
_tessera_type_labels_draw (TesseraTypeLabels     *labels,
                           GtkSnapshot           *snapshot,
                           gint64                 type_id,
                           const GdkRGBA         *color,
                           const graphene_rect_t *first_rect)
{
  PangoLayout *layout;
  PangoRectangle ink, logical;
  GskRoundedRect pill;
  GdkRGBA ink_color, pill_color;
  float x, y;

  g_return_if_fail (labels->widget != NULL);

  layout = layout_for (labels, type_id);
  if (layout == NULL)
    return;
  pango_layout_get_pixel_extents (layout, &ink, &logical);

  /* Over the space between the lines, down to the top of the capitals' space. */
  x = first_rect->origin.x;
  y = first_rect->origin.y - (ink.y + ink.height);
  if (y == labels->last_y && x < labels->last_right + LABEL_PADDING)
    x = labels->last_right + LABEL_PADDING;

  mix (color, labels->dark ? 1 : 0, labels->dark ? 0.45 : 0.35, &ink_color);
  pill_color = *color;
  pill_color.alpha = labels->dark ? 0.28 : 0.14;
  gsk_rounded_rect_init_from_rect (&pill,
                                   &GRAPHENE_RECT_INIT (x, y + ink.y - 1,
                                                        logical.width + 2 * LABEL_PADDING,
                                                        ink.height + 2),
                                   2);
  gtk_snapshot_push_rounded_clip (snapshot, &pill);
  gtk_snapshot_append_color (snapshot, &pill_color, &pill.bounds);
  gtk_snapshot_pop (snapshot);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + LABEL_PADDING, y));
  gtk_snapshot_append_layout (snapshot, layout, &ink_color);
  gtk_snapshot_restore (snapshot);

  labels->last_y = y;
  labels->last_right = x + logical.width + 2 * LABEL_PADDING;
  labels->n_drawn++;
}

/* How many labels the last frame drew. */
guint
_tessera_type_labels_get_n_drawn (TesseraTypeLabels *labels)
{
  return labels->n_drawn;
}
