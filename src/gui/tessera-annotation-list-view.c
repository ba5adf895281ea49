/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-annotation-list-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-annotation-list-view.h"

/*
 * The annotations of the document shown, in the article's order, with how many there are:
 * a row each with its type's colour, its text, and the entity it names or ⚠ for a claim
 * not yet complete; under it, dimmed, where it is (its paragraph, a few words around it),
 * so that rows that read alike can be told apart. The row of the annotation selected in the
 * article is selected; a row chosen selects its annotation in the article.
 */

/* Words of context shown on each side of an annotation. */
#define CONTEXT_WORDS 4

struct _TesseraAnnotationListView
{
  GtkWidget           parent_instance;

  /* Template */
  GtkWidget          *box;
  GtkLabel           *count;
  GtkListView        *list;
  GtkSingleSelection *selection;

  /* State */
  TesseraStore       *store;
  TesseraTextView    *text_view;
  guint               scroll_source;
  /* Changes when what a row shows beside its annotation (entities, types) may have changed. */
  guint               generation;
};

G_DEFINE_FINAL_TYPE (TesseraAnnotationListView, tessera_annotation_list_view, GTK_TYPE_WIDGET)

/* Rows show their tooltip on demand. Setting one while binding costs GTK 4.8 a round trip
 * to the display server (to learn whether the pointer is over the row), and a list can
 * rebind a hundred rows after one change. */
static gboolean
on_row_query_tooltip (GtkWidget  *row,
                      int         x,
                      int         y,
                      gboolean    keyboard,
                      GtkTooltip *tooltip,
                      gpointer    data)
{
  const char *text = g_object_get_data (G_OBJECT (row), "tessera-tooltip");

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
annotation_row_setup (GtkSignalListItemFactory  *factory,
                      GtkListItem               *item,
                      TesseraAnnotationListView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *context = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (on_row_query_tooltip), NULL);
  gtk_label_set_xalign (GTK_LABEL (context), 0);
  gtk_label_set_ellipsize (GTK_LABEL (context), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_single_line_mode (GTK_LABEL (context), TRUE);
  gtk_widget_add_css_class (context, "dim-label");
  gtk_widget_add_css_class (context, "caption");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), context);
  gtk_list_item_set_child (item, box);
}

/* The text from @start to @end on one line: the article's line breaks as spaces. */
static char *
dup_one_line (const GtkTextIter *start,
              const GtkTextIter *end)
{
  char *text = gtk_text_iter_get_slice (start, end);

  g_strdelimit (text, "\n\t", ' ');
  return g_strstrip (text);
}

/*
 * Where @annotation is: "¶ 4 · …words before […] words after…". Read from the article's
 * buffer when the row is bound (only the rows on screen are): finding a paragraph and a few
 * words there costs no walk through the text.
 */
static char *
dup_context (TesseraAnnotationListView *self,
             TesseraAnnotation         *annotation)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const TesseraRange *ranges;
  GtkTextIter start, end, line_start, line_end;
  guint n;

  ranges = tessera_annotation_get_ranges (annotation, &n);
  if (n == 0)
    return g_strdup ("");
  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) ranges[0].start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) ranges[n - 1].end);

  /* The words around it, in its paragraph. */
  line_start = start;
  gtk_text_iter_set_line_offset (&line_start, 0);
  line_end = end;
  if (!gtk_text_iter_ends_line (&line_end))
    gtk_text_iter_forward_to_line_end (&line_end);
  {
    GtkTextIter from = start, to = end;

    gtk_text_iter_backward_word_starts (&from, CONTEXT_WORDS);
    if (gtk_text_iter_compare (&from, &line_start) < 0)
      from = line_start;
    gtk_text_iter_forward_word_ends (&to, CONTEXT_WORDS);
    if (gtk_text_iter_compare (&to, &line_end) > 0)
      to = line_end;
    before = dup_one_line (&from, &start);
    after = dup_one_line (&end, &to);
    /* "…" where the paragraph goes on. */
    if (!gtk_text_iter_equal (&from, &line_start))
      {
        g_autofree char *cut = g_steal_pointer (&before);

        before = g_strconcat ("…", cut, NULL);
      }
    if (!gtk_text_iter_equal (&to, &line_end))
      {
        g_autofree char *cut = g_steal_pointer (&after);

        after = g_strconcat (cut, "…", NULL);
      }
  }

  /* TRANSLATORS: where an annotation is: its paragraph, the words before it, the words
   * after it; "[…]" stands for the annotation itself. */
  return g_strdup_printf (_("¶ %d · %s […] %s"), gtk_text_iter_get_line (&start) + 1,
                          before, after);
}

/*
 * GTK 4.8 binds a row again whenever its position changes, so a mark or a delete rebinds
 * every row below it. A row that already shows this very annotation (the list holds a new
 * object after each change of one) since the last change of entities or types is left as
 * it is.
 */
static gboolean
row_shows (TesseraAnnotationListView *self,
           GtkWidget                 *label,
           TesseraAnnotation         *annotation)
{
  if (g_object_get_data (G_OBJECT (label), "tessera-annotation") == annotation &&
      GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (label), "tessera-generation")) ==
      self->generation)
    return TRUE;

  /* The row's reference keeps the address from being reused by another annotation. */
  g_object_set_data_full (G_OBJECT (label), "tessera-annotation", g_object_ref (annotation),
                          g_object_unref);
  g_object_set_data (G_OBJECT (label), "tessera-generation",
                     GUINT_TO_POINTER (self->generation));
  return FALSE;
}

static void
annotation_row_bind (GtkSignalListItemFactory  *factory,
                     GtkListItem               *item,
                     TesseraAnnotationListView *self)
{
  TesseraAnnotation *annotation = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *label = gtk_widget_get_first_child (box);
  TesseraAnnotationType *type;
  g_autofree char *context = NULL;
  g_autofree char *description = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *linked = NULL;
  const char *marker = "";

  if (row_shows (self, label, annotation))
    return;

  type = tessera_store_get_annotation_type (self->store,
                                            tessera_annotation_get_type_id (annotation));
  description = tessera_text_view_describe (self->text_view, annotation);
  escaped = g_markup_escape_text (description, -1);
  context = dup_context (self, annotation);

  if (type != NULL && tessera_annotation_type_carries_claim (type))
    {
      g_autoptr(TesseraClaim) claim =
        tessera_store_dup_claim (self->store, tessera_annotation_get_id (annotation), NULL);

      if (claim != NULL && !tessera_claim_is_complete (claim))
        marker = " ⚠";
    }
  else if (tessera_annotation_get_entity_id (annotation) != 0)
    {
      g_autoptr(TesseraEntity) entity =
        tessera_store_dup_entity (self->store, tessera_annotation_get_entity_id (annotation), NULL);

      if (entity != NULL)
        {
          g_autofree char *name = g_markup_escape_text (tessera_entity_get_name (entity), -1);

          linked = g_strdup_printf (" <span alpha=\"55%%\">→ %s</span>", name);
          marker = linked;
        }
    }

  markup = g_strdup_printf ("<span foreground=\"%s\">●</span> %s%s",
                            type ? tessera_annotation_type_get_color (type) : "#888888",
                            escaped, marker);
  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_last_child (box)), context);
  g_object_set_data_full (G_OBJECT (label), "tessera-tooltip", g_steal_pointer (&description),
                          g_free);
  /* Of a type the article hides: listed, dimmed. */
  if (tessera_text_view_is_type_hidden (self->text_view,
                                        tessera_annotation_get_type_id (annotation)))
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
}

/* Other types hidden: the rows shown are bound again, with a factory made anew. */
static void
on_hidden_types_changed (TesseraAnnotationListView *self)
{
  g_autoptr(GtkListItemFactory) factory = g_object_ref (gtk_list_view_get_factory (self->list));

  gtk_list_view_set_factory (self->list, NULL);
  gtk_list_view_set_factory (self->list, factory);
}

static void
update_count (TesseraAnnotationListView *self)
{
  GListModel *model = gtk_single_selection_get_model (self->selection);
  guint n = model ? g_list_model_get_n_items (model) : 0;
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u annotation",
                                                        "%u annotations", n), n);

  gtk_label_set_label (self->count, text);
}

static void
on_annotation_activated (TesseraAnnotationListView *self,
                         guint                      position)
{
  GListModel *model = gtk_single_selection_get_model (self->selection);
  g_autoptr(TesseraAnnotation) annotation = g_list_model_get_item (model, position);

  if (annotation != NULL)
    tessera_text_view_select (self->text_view, tessera_annotation_get_id (annotation), TRUE);
}

/* Brings the selected annotation's row into view, after the frame that shows the change:
 * GTK 4.8's list view rebinds its rows when it scrolls, which should not delay that frame. */
static gboolean
scroll_to_selected (gpointer data)
{
  TesseraAnnotationListView *self = data;
  guint position = gtk_single_selection_get_selected (self->selection);

  self->scroll_source = 0;
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list), "list.scroll-to-item", "u", position);
  return G_SOURCE_REMOVE;
}

static void
on_text_view_selection_changed (TesseraAnnotationListView *self)
{
  gint64 selected = tessera_text_view_get_selected (self->text_view);
  TesseraAnnotationList *list = tessera_text_view_get_annotations (self->text_view);
  guint position;

  if (selected != 0 && list != NULL && tessera_annotation_list_find (list, selected, &position))
    {
      gtk_single_selection_set_selected (self->selection, position);
      if (self->scroll_source == 0)
        self->scroll_source = g_idle_add_full (G_PRIORITY_LOW, scroll_to_selected, self, NULL);
    }
  else
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

/* Rows name their entity and show their type's colour: rows bound again show the change. */
static void
on_rows_outdated (TesseraAnnotationListView *self)
{
  self->generation++;
}

void
tessera_annotation_list_view_set_store (TesseraAnnotationListView *self,
                                        TesseraStore              *store)
{
  g_return_if_fail (TESSERA_IS_ANNOTATION_LIST_VIEW (self));
  g_return_if_fail (store == NULL || TESSERA_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_rows_outdated, self);
  g_set_object (&self->store, store);
  on_rows_outdated (self);
  if (store == NULL)
    return;
  g_signal_connect_object (store, "entity-changed", G_CALLBACK (on_rows_outdated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "tagset-changed", G_CALLBACK (on_rows_outdated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "reloaded", G_CALLBACK (on_rows_outdated), self,
                           G_CONNECT_SWAPPED);
}

/* The article whose annotations are listed, and whose selection the list follows. */
void
tessera_annotation_list_view_set_text_view (TesseraAnnotationListView *self,
                                            TesseraTextView           *text_view)
{
  g_return_if_fail (TESSERA_IS_ANNOTATION_LIST_VIEW (self));
  g_return_if_fail (TESSERA_IS_TEXT_VIEW (text_view));
  g_return_if_fail (self->text_view == NULL);

  self->text_view = text_view;
  g_signal_connect_object (text_view, "selection-changed",
                           G_CALLBACK (on_text_view_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (text_view, "notify::hidden-types",
                           G_CALLBACK (on_hidden_types_changed), self, G_CONNECT_SWAPPED);
}

/* The annotations of the document the article now shows. */
void
tessera_annotation_list_view_set_annotations (TesseraAnnotationListView *self,
                                              TesseraAnnotationList     *annotations)
{
  g_return_if_fail (TESSERA_IS_ANNOTATION_LIST_VIEW (self));

  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (annotations));
}

static void
tessera_annotation_list_view_dispose (GObject *object)
{
  TesseraAnnotationListView *self = (TesseraAnnotationListView *)object;

  g_clear_handle_id (&self->scroll_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_ANNOTATION_LIST_VIEW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tessera_annotation_list_view_parent_class)->dispose (object);
}

static void
tessera_annotation_list_view_class_init (TesseraAnnotationListViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_annotation_list_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/tessera/Tessera/tessera-annotation-list-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationListView, box);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationListView, count);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationListView, list);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationListView, selection);
  gtk_widget_class_bind_template_callback (widget_class, annotation_row_setup);
  gtk_widget_class_bind_template_callback (widget_class, annotation_row_bind);
  gtk_widget_class_bind_template_callback (widget_class, update_count);
  gtk_widget_class_bind_template_callback (widget_class, on_annotation_activated);
}

static void
tessera_annotation_list_view_init (TesseraAnnotationListView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_count (self);
}
