/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-document-row"

#include "config.h"

#include <adwaita.h>

#include "tessera-document-row.h"

/*
 * A row of the document list: the title on up to two lines, then the details (annotation
 * count, progress) in small dim text, drawn by this one widget.
 *
 * GtkListView (GTK 4.8) keeps about two hundred rows alive and builds them anew whenever
 * the filter changes which documents are listed. A box and two labels were four widgets a
 * row to create, style and destroy, and a label measures itself by laying its text out,
 * several times. This row's height comes from its font alone, and only rows on screen lay
 * out their text, when drawn. One widget takes one style from CSS: the details follow
 * libadwaita's .caption and .dim-label.
 */

#define TITLE_LINES               2
#define LINE_SPACING              2
#define DETAILS_POINTS            9
#define DIM_OPACITY               0.55
#define DIM_OPACITY_HIGH_CONTRAST 0.9

struct _TesseraDocumentRow
{
  GtkWidget             parent_instance;

  char                 *title;
  char                 *details;

  /* What the heights were measured for; NULL until measured. */
  PangoFontDescription *font;
  int                   title_line_height;
  int                   details_line_height;

  /* NULL until drawn. */
  PangoLayout          *title_layout;
  PangoLayout          *details_layout;
};

G_DEFINE_FINAL_TYPE (TesseraDocumentRow, tessera_document_row, GTK_TYPE_WIDGET)

static PangoFontDescription *
dup_details_font (const PangoFontDescription *font)
{
  PangoFontDescription *details = pango_font_description_copy (font);

  pango_font_description_set_size (details, DETAILS_POINTS * PANGO_SCALE);
  pango_font_description_set_weight (details, PANGO_WEIGHT_NORMAL);
  return details;
}

/* From the font's metrics, which Pango keeps: nothing is laid out. */
static int
line_height (PangoContext               *context,
             const PangoFontDescription *font)
{
  PangoFont *loaded = pango_context_load_font (context, font);
  PangoFontMetrics *metrics;
  int height;

  if (loaded == NULL)
    return 0;
  metrics = pango_font_get_metrics (loaded, pango_context_get_language (context));
  height = pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics);
  pango_font_metrics_unref (metrics);
  g_object_unref (loaded);
  return height;
}

static void
forget_layouts (TesseraDocumentRow *self)
{
  g_clear_object (&self->title_layout);
  g_clear_object (&self->details_layout);
}

/* Returns %TRUE if the heights changed. */
static gboolean
update_line_heights (TesseraDocumentRow *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);
  g_autoptr(PangoFontDescription) details_font = NULL;

  if (self->font != NULL && pango_font_description_equal (self->font, font))
    return FALSE;

  g_clear_pointer (&self->font, pango_font_description_free);
  self->font = pango_font_description_copy (font);
  details_font = dup_details_font (font);
  self->title_line_height = line_height (context, font);
  self->details_line_height = line_height (context, details_font);
  forget_layouts (self);
  return TRUE;
}

static int
details_y (TesseraDocumentRow *self)
{
  return PANGO_PIXELS_CEIL (TITLE_LINES * self->title_line_height) + LINE_SPACING;
}

static void
tessera_document_row_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  TesseraDocumentRow *self = TESSERA_DOCUMENT_ROW (widget);

  /* The list gives its rows their width; the text is ellipsized to it. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = 0;
      return;
    }

  update_line_heights (self);
  *minimum = *natural = details_y (self) + PANGO_PIXELS_CEIL (self->details_line_height);
}

static void
tessera_document_row_css_changed (GtkWidget         *widget,
                                  GtkCssStyleChange *change)
{
  TesseraDocumentRow *self = TESSERA_DOCUMENT_ROW (widget);

  GTK_WIDGET_CLASS (tessera_document_row_parent_class)->css_changed (widget, change);

  /* Most changes are of colour (hover, selection): the font and heights stay. */
  if (self->font != NULL && update_line_heights (self))
    gtk_widget_queue_resize (widget);
}

static void
tessera_document_row_system_setting_changed (GtkWidget        *widget,
                                             GtkSystemSetting  setting)
{
  TesseraDocumentRow *self = TESSERA_DOCUMENT_ROW (widget);

  GTK_WIDGET_CLASS (tessera_document_row_parent_class)->system_setting_changed (widget, setting);

  /* Resolution or font rendering: the same font description, other pixels. */
  g_clear_pointer (&self->font, pango_font_description_free);
  forget_layouts (self);
  gtk_widget_queue_resize (widget);
}

static void
tessera_document_row_direction_changed (GtkWidget        *widget,
                                        GtkTextDirection  previous_direction)
{
  GTK_WIDGET_CLASS (tessera_document_row_parent_class)->direction_changed (widget,
                                                                           previous_direction);
  forget_layouts (TESSERA_DOCUMENT_ROW (widget));
  gtk_widget_queue_draw (widget);
}

static PangoLayout *
layout_new (TesseraDocumentRow *self,
            const char         *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  /* Text starts where the row starts; a paragraph in another direction than the row's
   * keeps to the same side (Pango swaps left and right for it). */
  pango_layout_set_alignment (layout,
                              gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL
                                ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return layout;
}

static void
ensure_layouts (TesseraDocumentRow *self)
{
  g_autoptr(PangoFontDescription) details_font = NULL;

  update_line_heights (self);
  if (self->title_layout != NULL)
    return;

  self->title_layout = layout_new (self, self->title);
  pango_layout_set_wrap (self->title_layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (self->title_layout, -TITLE_LINES);

  details_font = dup_details_font (self->font);
  self->details_layout = layout_new (self, self->details);
  pango_layout_set_font_description (self->details_layout, details_font);
}

static double
dim_opacity (void)
{
  return adw_style_manager_get_high_contrast (adw_style_manager_get_default ())
           ? DIM_OPACITY_HIGH_CONTRAST : DIM_OPACITY;
}

static void
tessera_document_row_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  TesseraDocumentRow *self = TESSERA_DOCUMENT_ROW (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoRectangle title;
  int y;

  ensure_layouts (self);
  pango_layout_set_width (self->title_layout, width * PANGO_SCALE);
  pango_layout_set_width (self->details_layout, width * PANGO_SCALE);

  /* A title of one line leaves room: the two lines are centred in the row. */
  pango_layout_get_pixel_extents (self->title_layout, NULL, &title);
  y = MAX (0, (height - title.height - LINE_SPACING -
               PANGO_PIXELS_CEIL (self->details_line_height)) / 2);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_render_layout (snapshot, style, 0, y, self->title_layout);
  gtk_snapshot_push_opacity (snapshot, dim_opacity ());
  gtk_snapshot_render_layout (snapshot, style, 0, y + title.height + LINE_SPACING,
                              self->details_layout);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_pop (snapshot);
}

static void
tessera_document_row_finalize (GObject *object)
{
  TesseraDocumentRow *self = TESSERA_DOCUMENT_ROW (object);

  g_free (self->title);
  g_free (self->details);
  g_clear_pointer (&self->font, pango_font_description_free);
  forget_layouts (self);

  G_OBJECT_CLASS (tessera_document_row_parent_class)->finalize (object);
}

/* The title, which two lines may not hold, as the tooltip, on demand. Setting one while
 * binding costs GTK 4.8 a round trip to the display server (to learn whether the pointer is
 * over the row), and a list can rebind a hundred rows after one change. */
static gboolean
tessera_document_row_query_tooltip (GtkWidget  *widget,
                                    int         x,
                                    int         y,
                                    gboolean    keyboard,
                                    GtkTooltip *tooltip)
{
  TesseraDocumentRow *self = TESSERA_DOCUMENT_ROW (widget);

  if (self->title == NULL || *self->title == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->title);
  return TRUE;
}

static void
tessera_document_row_class_init (TesseraDocumentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = tessera_document_row_finalize;

  widget_class->measure = tessera_document_row_measure;
  widget_class->snapshot = tessera_document_row_snapshot;
  widget_class->css_changed = tessera_document_row_css_changed;
  widget_class->system_setting_changed = tessera_document_row_system_setting_changed;
  widget_class->direction_changed = tessera_document_row_direction_changed;
  widget_class->query_tooltip = tessera_document_row_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "documentrow");
  /* Read as a label: the title its name, the details its description. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
tessera_document_row_init (TesseraDocumentRow *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
tessera_document_row_new (void)
{
  return g_object_new (TESSERA_TYPE_DOCUMENT_ROW, NULL);
}

const char *
tessera_document_row_get_title (TesseraDocumentRow *self)
{
  g_return_val_if_fail (TESSERA_IS_DOCUMENT_ROW (self), NULL);
  return self->title;
}

const char *
tessera_document_row_get_details (TesseraDocumentRow *self)
{
  g_return_val_if_fail (TESSERA_IS_DOCUMENT_ROW (self), NULL);
  return self->details;
}

/**
 * tessera_document_row_set_text:
 * @title: (nullable): the document's title
 * @details: (nullable): what the row says of it below the title
 *
 * The row keeps its height: only its drawing changes.
 */
void
tessera_document_row_set_text (TesseraDocumentRow *self,
                               const char         *title,
                               const char         *details)
{
  g_return_if_fail (TESSERA_IS_DOCUMENT_ROW (self));

  if (g_strcmp0 (self->title, title) != 0)
    {
      g_free (self->title);
      self->title = g_strdup (title);
      if (self->title_layout != NULL)
        pango_layout_set_text (self->title_layout, title != NULL ? title : "", -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title != NULL ? title : "",
                                      -1);
    }
  if (g_strcmp0 (self->details, details) != 0)
    {
      g_free (self->details);
      self->details = g_strdup (details);
      if (self->details_layout != NULL)
        pango_layout_set_text (self->details_layout, details != NULL ? details : "", -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      details != NULL ? details : "",
                                      -1);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
