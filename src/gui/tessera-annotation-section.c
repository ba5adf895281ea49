/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-annotation-section.h"
#include "tessera-range-list.h"

/* The inspector's header and first group: what is selected, its type and its boundaries. */

struct _TesseraAnnotationSection
{
  GtkWidget              parent_instance;

  /* Template widgets */
  GtkDrawingArea        *type_dot;
  GtkLabel              *type_label;
  GtkWidget             *suggested_label;
  GtkLabel              *covered_label;
  GtkWidget             *incomplete_box;
  AdwPreferencesGroup   *annotation_group;
  AdwComboRow           *type_row;
  GtkWidget             *start_left_button;
  GtkWidget             *start_right_button;
  GtkWidget             *end_left_button;
  GtkWidget             *end_right_button;
  TesseraRangeList      *range_list;

  TesseraStore          *store;
  TesseraAnnotation     *annotation;
  guint                  syncing;

  /* The tagset, copied so that a tagset reload never moves the type row's selection. */
  GListStore            *types;
};

static void section_iface_init (TesseraInspectorSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TesseraAnnotationSection, tessera_annotation_section,
                               GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (TESSERA_TYPE_INSPECTOR_SECTION,
                                                      section_iface_init))

/* Colour dots ----------------------------------------------------------------------------- */

static void
draw_dot (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        data)
{
  GdkRGBA *color = g_object_get_data (G_OBJECT (area), "tessera-color");

  if (color == NULL)
    return;
  gdk_cairo_set_source_rgba (cr, color);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
set_dot_color (GtkWidget  *dot,
               const char *spec)
{
  GdkRGBA color;

  if (spec == NULL || !gdk_rgba_parse (&color, spec))
    gdk_rgba_parse (&color, "#888888");
  g_object_set_data_full (G_OBJECT (dot), "tessera-color", gdk_rgba_copy (&color),
                          (GDestroyNotify) gdk_rgba_free);
  gtk_widget_queue_draw (dot);
}

static GtkWidget *
dot_new (void)
{
  GtkWidget *dot = g_object_new (GTK_TYPE_DRAWING_AREA,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                 "content-width", 10,
                                 "content-height", 10,
                                 "valign", GTK_ALIGN_CENTER,
                                 NULL);

  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot), draw_dot, NULL, NULL);
  return dot;
}

/* Type row ------------------------------------------------------------------------------- */

static void
type_item_setup (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  gtk_box_append (GTK_BOX (box), dot_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new (NULL));
  gtk_list_item_set_child (item, box);
}

static void
type_item_bind (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  data)
{
  TesseraAnnotationType *type = gtk_list_item_get_item (item);
  GtkWidget *dot = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *label = gtk_widget_get_next_sibling (dot);

  set_dot_color (dot, tessera_annotation_type_get_color (type));
  gtk_label_set_text (GTK_LABEL (label), tessera_annotation_type_get_label_localized (type));
}

/* In the popover, the selected type carries a check mark, like every other combo row's. */
static void
type_list_item_setup (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      AdwComboRow              *row)
{
  GtkWidget *box;

  type_item_setup (factory, item, NULL);
  box = gtk_list_item_get_child (item);
  gtk_widget_set_hexpand (gtk_widget_get_last_child (box), TRUE);
  gtk_label_set_xalign (GTK_LABEL (gtk_widget_get_last_child (box)), 0);
  gtk_box_append (GTK_BOX (box), tessera_inspector_section_check_new (item, row));
}

static void
type_list_item_bind (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     AdwComboRow              *row)
{
  type_item_bind (factory, item, NULL);
  tessera_inspector_section_bind_check (item, row);
}

static void
sync_types (TesseraAnnotationSection *self)
{
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->store != NULL)
    {
      GListModel *tagset = tessera_store_get_tagset (self->store);

      for (guint i = 0; i < g_list_model_get_n_items (tagset); i++)
        g_ptr_array_add (types, g_list_model_get_item (tagset, i));
    }

  self->syncing++;
  g_list_store_splice (self->types, 0, g_list_model_get_n_items (G_LIST_MODEL (self->types)),
                       types->pdata, types->len);
  self->syncing--;
}

/* Showing the annotation ---------------------------------------------------------------- */

static void
sync_header (TesseraAnnotationSection *self,
             TesseraAnnotationType    *type)
{
  TesseraInspectorSection *section = TESSERA_INSPECTOR_SECTION (self);
  g_autofree char *covered =
    tessera_inspector_section_dup_covered_text (section, self->annotation, " … ");
  g_autofree char *quoted = g_strdup_printf (C_("quoted text", "«%s»"), covered);
  g_autoptr(TesseraClaim) claim = NULL;
  const char *tooltip;

  if (type != NULL && tessera_annotation_type_carries_claim (type))
    claim = tessera_store_dup_claim (self->store, tessera_annotation_get_id (self->annotation),
                                     NULL);

  gtk_label_set_text (self->type_label,
                      type != NULL ? tessera_annotation_type_get_label_localized (type)
                                   : _("Unknown type"));
  set_dot_color (GTK_WIDGET (self->type_dot),
                 type != NULL ? tessera_annotation_type_get_color (type) : NULL);
  gtk_widget_set_visible (self->suggested_label,
                          tessera_annotation_get_status (self->annotation) ==
                          TESSERA_STATUS_SUGGESTED);
  gtk_label_set_text (self->covered_label, quoted);
  /* The whole span, when three lines are not enough. Setting a tooltip, even none, costs
   * GTK 4.8 a round trip to the display server (where the pointer is): only on a change. */
  tooltip = g_utf8_strlen (covered, -1) > 120 ? quoted : NULL;
  if (g_strcmp0 (tooltip, gtk_widget_get_tooltip_text (GTK_WIDGET (self->covered_label))) != 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->covered_label), tooltip);
  gtk_widget_set_visible (self->incomplete_box,
                          claim != NULL && !tessera_claim_is_complete (claim));
}

/* Where a word's move takes a boundary of the range at the caret (or of the last range);
 * FALSE if nowhere (never an empty range). */
static gboolean
boundary_target (TesseraAnnotationSection *self,
                 const char               *which,
                 guint                    *out_index,
                 guint                    *out_offset)
{
  TesseraTextView *text_view =
    tessera_inspector_section_get_text_view (TESSERA_INSPECTOR_SECTION (self));
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  const TesseraRange *ranges;
  const TesseraRange *first, *last;
  guint n, offset;
  int index;

  if (self->annotation == NULL || text_view == NULL ||
      tessera_text_view_get_document_id (text_view) !=
      tessera_annotation_get_document_id (self->annotation))
    return FALSE;

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
  ranges = tessera_annotation_get_ranges (self->annotation, &n);
  if (n == 0 || ranges[n - 1].end > (guint) gtk_text_buffer_get_char_count (buffer))
    return FALSE;
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  index = tessera_ranges_find (ranges, n, (guint) gtk_text_iter_get_offset (&iter));
  if (index < 0)
    index = (int) n - 1;
  /* The same range for both of its boundaries. */
  first = last = &ranges[index];

  if (g_str_equal (which, "start-left"))
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) first->start);
      gtk_text_iter_backward_word_start (&iter);
      offset = (guint) gtk_text_iter_get_offset (&iter);
      if (offset >= first->start)
        return FALSE;
    }
  else if (g_str_equal (which, "start-right"))
    {
      /* To the start of the next word. */
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) first->start);
      gtk_text_iter_forward_word_end (&iter);
      offset = (guint) gtk_text_iter_get_offset (&iter);
      gtk_text_iter_forward_word_end (&iter);
      if ((guint) gtk_text_iter_get_offset (&iter) == offset)
        return FALSE;
      gtk_text_iter_backward_word_start (&iter);
      offset = (guint) gtk_text_iter_get_offset (&iter);
      if (offset <= first->start || offset >= first->end)
        return FALSE;
    }
  else if (g_str_equal (which, "end-left"))
    {
      /* To the end of the word before the last one. */
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) last->end);
      gtk_text_iter_backward_word_start (&iter);
      if (!gtk_text_iter_backward_word_start (&iter))
        return FALSE;
      gtk_text_iter_forward_word_end (&iter);
      offset = (guint) gtk_text_iter_get_offset (&iter);
      if (offset >= last->end || offset <= last->start)
        return FALSE;
    }
  else if (g_str_equal (which, "end-right"))
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) last->end);
      gtk_text_iter_forward_word_end (&iter);
      offset = (guint) gtk_text_iter_get_offset (&iter);
      if (offset <= last->end)
        return FALSE;
    }
  else
    return FALSE;

  *out_index = (guint) index;
  *out_offset = offset;
  return TRUE;
}

static void
sync_annotation_group (TesseraAnnotationSection *self)
{
  GListModel *types = G_LIST_MODEL (self->types);
  gint64 type_id = tessera_annotation_get_type_id (self->annotation);
  guint position = GTK_INVALID_LIST_POSITION;
  guint index, offset;

  for (guint i = 0; i < g_list_model_get_n_items (types); i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (types, i);

      if (tessera_annotation_type_get_id (type) == type_id)
        position = i;
    }
  adw_combo_row_set_selected (self->type_row, position);

  gtk_widget_set_sensitive (self->start_left_button,
                            boundary_target (self, "start-left", &index, &offset));
  gtk_widget_set_sensitive (self->start_right_button,
                            boundary_target (self, "start-right", &index, &offset));
  gtk_widget_set_sensitive (self->end_left_button,
                            boundary_target (self, "end-left", &index, &offset));
  gtk_widget_set_sensitive (self->end_right_button,
                            boundary_target (self, "end-right", &index, &offset));
}

static void
tessera_annotation_section_set_annotation (TesseraInspectorSection *section,
                                           TesseraStore            *store,
                                           TesseraAnnotation       *annotation)
{
  TesseraAnnotationSection *self = TESSERA_ANNOTATION_SECTION (section);
  g_autoptr(TesseraAnnotationType) type = NULL;

  if (g_set_object (&self->store, store))
    sync_types (self);
  g_set_object (&self->annotation, annotation);
  tessera_range_list_set_annotation (self->range_list,
                                     tessera_inspector_section_get_text_view (section), annotation);
  if (annotation == NULL)
    return;

  type = tessera_store_dup_annotation_type (store, tessera_annotation_get_type_id (annotation));
  self->syncing++;
  sync_header (self, type);
  sync_annotation_group (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->annotation_group),
                            !tessera_store_is_read_only (store));
  self->syncing--;
}

static void
tessera_annotation_section_tagset_changed (TesseraInspectorSection *section)
{
  sync_types (TESSERA_ANNOTATION_SECTION (section));
}

static void
section_iface_init (TesseraInspectorSectionInterface *iface)
{
  iface->set_annotation = tessera_annotation_section_set_annotation;
  iface->tagset_changed = tessera_annotation_section_tagset_changed;
}

/* Edits ---------------------------------------------------------------------------------- */

static void
on_type_selected (TesseraAnnotationSection *self,
                  GParamSpec               *pspec,
                  AdwComboRow              *row)
{
  g_autoptr(GError) error = NULL;
  TesseraAnnotationType *type;

  if (self->syncing || self->annotation == NULL)
    return;
  type = adw_combo_row_get_selected_item (row);
  if (type == NULL ||
      tessera_annotation_type_get_id (type) == tessera_annotation_get_type_id (self->annotation))
    return;

  if (!tessera_store_set_annotation_type (self->store, tessera_annotation_get_id (self->annotation),
                                          tessera_annotation_type_get_id (type), &error))
    {
      tessera_inspector_section_show_error (TESSERA_INSPECTOR_SECTION (self), error->message);
      tessera_inspector_section_reload (TESSERA_INSPECTOR_SECTION (self));
    }
}

/**
 * tessera_annotation_section_move_boundary:
 * @which: "start-left", "start-right", "end-left" or "end-right"
 *
 * Moves a boundary of the annotation shown by a word, as one change: of the range at the
 * caret, or of the last range. A range that comes to touch or overlap another joins it.
 *
 * Returns: %FALSE if the boundary cannot move that way
 */
gboolean
tessera_annotation_section_move_boundary (TesseraAnnotationSection *self,
                                          const char               *which)
{
  g_autoptr(GError) error = NULL;
  g_autofree TesseraRange *ranges = NULL;
  g_autoptr(GArray) merged = NULL;
  const TesseraRange *current;
  guint n, index, offset;

  g_return_val_if_fail (TESSERA_IS_ANNOTATION_SECTION (self), FALSE);

  if (self->annotation == NULL || self->syncing)
    return TRUE;
  if (!boundary_target (self, which, &index, &offset))
    return FALSE;

  current = tessera_annotation_get_ranges (self->annotation, &n);
  ranges = g_memdup2 (current, n * sizeof *ranges);
  if (g_str_has_prefix (which, "start"))
    ranges[index].start = offset;
  else
    ranges[index].end = offset;
  merged = tessera_ranges_merge (ranges, n, NULL);

  if (!tessera_store_set_annotation_ranges (self->store,
                                            tessera_annotation_get_id (self->annotation),
                                            (const TesseraRange *) (gpointer) merged->data,
                                            merged->len, &error))
    tessera_inspector_section_show_error (TESSERA_INSPECTOR_SECTION (self), error->message);
  return TRUE;
}

/* GObject -------------------------------------------------------------------------------- */

static void
tessera_annotation_section_dispose (GObject *object)
{
  TesseraAnnotationSection *self = TESSERA_ANNOTATION_SECTION (object);

  tessera_inspector_section_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_ANNOTATION_SECTION);
  g_clear_object (&self->annotation);
  g_clear_object (&self->store);
  g_clear_object (&self->types);

  G_OBJECT_CLASS (tessera_annotation_section_parent_class)->dispose (object);
}

static void
tessera_annotation_section_class_init (TesseraAnnotationSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_annotation_section_dispose;

  g_type_ensure (TESSERA_TYPE_RANGE_LIST);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/org/tessera/Tessera/tessera-annotation-section.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationSection, type_dot);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationSection, type_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationSection, suggested_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationSection, covered_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationSection, incomplete_box);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationSection, annotation_group);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationSection, type_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationSection, start_left_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationSection,
                                        start_right_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationSection, end_left_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationSection, end_right_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationSection, range_list);
  gtk_widget_class_bind_template_callback (widget_class, on_type_selected);
}

static void
tessera_annotation_section_init (TesseraAnnotationSection *self)
{
  GtkListItemFactory *factory;

  self->types = g_list_store_new (TESSERA_TYPE_ANNOTATION_TYPE);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The first group has no title (the header above it names the annotation), so its list
   * would be labelled by an empty title: name it. */
  {
    GtkAccessible *list = GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self->type_row)));

    gtk_accessible_reset_relation (list, GTK_ACCESSIBLE_RELATION_LABELLED_BY);
    gtk_accessible_update_property (list, GTK_ACCESSIBLE_PROPERTY_LABEL, _("Type and boundaries"),
                                    -1);
  }

  self->syncing++;
  gtk_drawing_area_set_draw_func (self->type_dot, draw_dot, NULL, NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (type_item_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (type_item_bind), NULL);
  adw_combo_row_set_factory (self->type_row, factory);
  g_object_unref (factory);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (type_list_item_setup), self->type_row);
  g_signal_connect (factory, "bind", G_CALLBACK (type_list_item_bind), self->type_row);
  g_signal_connect (factory, "unbind", G_CALLBACK (tessera_inspector_section_unbind_check),
                    self->type_row);
  adw_combo_row_set_list_factory (self->type_row, factory);
  g_object_unref (factory);
  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (self->types));
  self->syncing--;
}
