/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-text-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "tessera-text-view-private.h"
#include "tessera-text-view-connectors.h"

/*
 * The article with its annotations. Nothing of an annotation is in the buffer: its tint,
 * its underline (one lane per overlapping annotation) and the outline of the selected one
 * are drawn in snapshot_layer for the visible lines only. Marking or deleting never
 * touches the buffer's tags, so GTK never lays a paragraph out again for it, and a novel
 * with tens of thousands of annotations is fully painted in its first frame.
 */

/* Characters between two entries of the index from character offsets to bytes. */
#define INDEX_STEP        128
#define MAX_LANES         4

G_DEFINE_FINAL_TYPE (TesseraTextView, tessera_text_view, GTK_TYPE_TEXT_VIEW)

enum {
  SELECTION_CHANGED,
  ANNOTATION_PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_HIDDEN_TYPES,
  PROP_SHOW_TYPE_LABELS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
iter_at (TesseraTextView *self,
         GtkTextIter     *iter,
         guint            offset)
{
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self)), iter,
                                      (int) offset);
}

/* Types --------------------------------------------------------------------------------- */

static void
sync_tagset (TesseraTextView *self)
{
  GListModel *tagset = tessera_store_get_tagset (self->store);
  guint n = g_list_model_get_n_items (tagset);

  g_hash_table_remove_all (self->colors);
  g_hash_table_remove_all (self->kinds);
  g_hash_table_remove_all (self->hidden);
  _tessera_type_labels_set_tagset (self->type_labels, tagset);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (tagset, i);
      gint64 id = tessera_annotation_type_get_id (type);
      GdkRGBA *color = g_new0 (GdkRGBA, 1);

      if (!gdk_rgba_parse (color, tessera_annotation_type_get_color (type)))
        gdk_rgba_parse (color, "#888888");
      g_hash_table_insert (self->colors, g_memdup2 (&id, sizeof id), color);
      g_hash_table_insert (self->kinds, g_memdup2 (&id, sizeof id),
                           GINT_TO_POINTER (tessera_annotation_type_get_kind (type)));
      if (self->hidden_types != NULL &&
          g_strv_contains ((const char * const *) self->hidden_types,
                           tessera_annotation_type_get_key (type)))
        g_hash_table_add (self->hidden, g_memdup2 (&id, sizeof id));
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
is_hidden (TesseraTextView   *self,
           TesseraAnnotation *annotation)
{
  gint64 type_id = tessera_annotation_get_type_id (annotation);

  return g_hash_table_contains (self->hidden, &type_id);
}

static TesseraKind
kind_of (TesseraTextView *self,
         gint64           type_id)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (self->kinds, &type_id));
}

/* The tint of a type's text: its colour, translucent. */
static gboolean
tint_of (TesseraTextView *self,
         gint64           type_id,
         GdkRGBA         *out_tint)
{
  GdkRGBA *color = g_hash_table_lookup (self->colors, &type_id);
  gboolean dark = is_dark ();

  if (color == NULL)
    return FALSE;
  *out_tint = *color;
  /* Claims are long: a faint tint, their underline says the rest. */
  if (tessera_kind_carries_claim (kind_of (self, type_id)))
    out_tint->alpha = dark ? 0.16 : 0.09;
  else
    out_tint->alpha = dark ? 0.38 : 0.22;
  return TRUE;
}

/* Calls @func on every annotation of the list whose extent meets [start, end). */
static void
foreach_in_range (TesseraTextView *self,
                  guint            start,
                  guint            end,
                  void           (*func) (TesseraTextView *, TesseraAnnotation *, gpointer),
                  gpointer         data)
{
  guint max_length;
  guint position;

  if (self->annotations == NULL)
    return;

  max_length = tessera_annotation_list_get_max_length (self->annotations);
  position = tessera_annotation_list_bisect (self->annotations, end);

  while (position > 0)
    {
      TesseraAnnotation *annotation = tessera_annotation_list_peek (self->annotations,
                                                                    --position);
      guint a_start = tessera_annotation_get_start (annotation);

      if (a_start + max_length < start)
        break;
      if (tessera_annotation_get_end (annotation) > start)
        func (self, annotation, data);
    }
}

static void update_accessible_description (TesseraTextView *self);

/* The source and cue of the claim @claim_id, if it is one, appended to @ids. */
static void
append_claim_links (TesseraTextView *self,
                    gint64           claim_id,
                    GArray          *ids)
{
  g_autoptr(TesseraClaim) claim = tessera_store_dup_claim (self->store, claim_id, NULL);
  gint64 source, cue;

  if (claim == NULL)
    return;
  source = tessera_claim_get_source_annotation_id (claim);
  cue = tessera_claim_get_cue_annotation_id (claim);
  if (source != 0)
    g_array_append_val (ids, source);
  if (cue != 0)
    g_array_append_val (ids, cue);
}

/* The selected claim's source and cue, drawn joined to it. */
static void
sync_connected (TesseraTextView *self)
{
  TesseraAnnotation *annotation = NULL;

  g_array_set_size (self->connected, 0);
  if (self->selected_id != 0 && self->annotations != NULL)
    annotation = tessera_annotation_list_lookup (self->annotations, self->selected_id);
  if (annotation != NULL &&
      tessera_kind_carries_claim (kind_of (self, tessera_annotation_get_type_id (annotation))))
    append_claim_links (self, self->selected_id, self->connected);
}

static void
on_annotation_changed (TesseraTextView *self,
                       gint64           document_id,
                       gint64           annotation_id,
                       int              change,
                       TesseraStore    *store)
{
  if (document_id != self->document_id || self->annotations == NULL)
    return;

  /* The list model has already taken the change; the next frame draws it. */
  if (annotation_id == self->selected_id &&
      tessera_annotation_list_lookup (self->annotations, annotation_id) == NULL)
    {
      self->selected_id = 0;
      g_array_set_size (self->connected, 0);
      g_signal_emit (self, signals[SELECTION_CHANGED], 0);
    }
  else if (annotation_id == self->selected_id)
    sync_connected (self);

  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_accessible_description (self);
}

static void
on_reloaded (TesseraTextView *self,
             TesseraStore    *store)
{
  sync_tagset (self);
  update_accessible_description (self);
}

static void
on_tagset_changed (TesseraTextView *self,
                   TesseraStore    *store)
{
  sync_tagset (self);
  update_accessible_description (self);
}

/* Loading ------------------------------------------------------------------------------- */

void
tessera_text_view_clear (TesseraTextView *self)
{
  GtkTextBuffer *buffer;

  g_return_if_fail (TESSERA_IS_TEXT_VIEW (self));

  if (self->store != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (self->store_handlers); i++)
        g_clear_signal_handler (&self->store_handlers[i], self->store);
    }
  g_clear_object (&self->annotations);
  g_clear_object (&self->store);
  g_clear_pointer (&self->text, g_free);
  g_array_set_size (self->byte_index, 0);
  self->n_chars = 0;
  g_hash_table_remove_all (self->highlighted);
  g_hash_table_remove_all (self->placed);
  g_array_set_size (self->related, 0);
  g_array_set_size (self->connected, 0);
  _tessera_text_view_arcs_clear (self);
  _tessera_text_view_scroll_stop (self);
  self->document_id = 0;
  self->selected_id = 0;

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gtk_text_buffer_set_text (buffer, "", 0);
  update_accessible_description (self);
}

/**
 * tessera_text_view_load:
 *
 * Shows a document with its annotations.
 */
gboolean
tessera_text_view_load (TesseraTextView  *self,
                        TesseraStore     *store,
                        gint64            document_id,
                        GError          **error)
{
  g_autoptr(TesseraAnnotationList) annotations = NULL;
  g_autofree char *text = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start;

  g_return_val_if_fail (TESSERA_IS_TEXT_VIEW (self), FALSE);
  g_return_val_if_fail (TESSERA_IS_STORE (store), FALSE);

  text = tessera_store_dup_document_text (store, document_id, error);
  if (text == NULL)
    return FALSE;
  annotations = tessera_annotation_list_new (store, document_id, error);
  if (annotations == NULL)
    return FALSE;

  tessera_text_view_clear (self);

  self->store = g_object_ref (store);
  self->document_id = document_id;
  self->text = g_steal_pointer (&text);
  self->annotations = g_steal_pointer (&annotations);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gtk_text_buffer_set_text (buffer, self->text, -1);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);

  sync_tagset (self);

  /* After the list model's own handler (connected in tessera_annotation_list_new). */
  self->store_handlers[0] = g_signal_connect_swapped (store, "annotation-changed",
                                                      G_CALLBACK (on_annotation_changed), self);
  self->store_handlers[1] = g_signal_connect_swapped (store, "reloaded",
                                                      G_CALLBACK (on_reloaded), self);
  self->store_handlers[2] = g_signal_connect_swapped (store, "tagset-changed",
                                                      G_CALLBACK (on_tagset_changed), self);
  _tessera_text_view_arcs_load (self, store, document_id);

  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
  return TRUE;
}

/**
 * tessera_text_view_is_loading:
 *
 * Returns: whether some annotations are still to be painted after the next frame. Each
 *   frame draws those of the lines it shows, so never; kept for the programs that wait on it
 */
gboolean
tessera_text_view_is_loading (TesseraTextView *self)
{
  g_return_val_if_fail (TESSERA_IS_TEXT_VIEW (self), FALSE);
  return FALSE;
}

gint64
tessera_text_view_get_document_id (TesseraTextView *self)
{
  g_return_val_if_fail (TESSERA_IS_TEXT_VIEW (self), 0);
  return self->document_id;
}

TesseraAnnotationList *
tessera_text_view_get_annotations (TesseraTextView *self)
{
  g_return_val_if_fail (TESSERA_IS_TEXT_VIEW (self), NULL);
  return self->annotations;
}

const char *
tessera_text_view_get_text (TesseraTextView *self)
{
  g_return_val_if_fail (TESSERA_IS_TEXT_VIEW (self), NULL);
  return self->text;
}

/* Finding annotations -------------------------------------------------------------------- */

static void
collect_at (TesseraTextView   *self,
            TesseraAnnotation *annotation,
            gpointer           data)
{
  GPtrArray *found = data;
  guint offset = GPOINTER_TO_UINT (g_ptr_array_index (found, 0));
  guint n;
  const TesseraRange *ranges = tessera_annotation_get_ranges (annotation, &n);

  for (guint i = 0; i < n; i++)
    {
      if (ranges[i].start <= offset && offset < ranges[i].end)
        {
          g_ptr_array_add (found, g_object_ref (annotation));
          return;
        }
    }
}

static int
compare_innermost_first (gconstpointer a,
                         gconstpointer b)
{
  TesseraAnnotation *x = *(TesseraAnnotation **) a;
  TesseraAnnotation *y = *(TesseraAnnotation **) b;
  guint lx = tessera_annotation_get_end (x) - tessera_annotation_get_start (x);
  guint ly = tessera_annotation_get_end (y) - tessera_annotation_get_start (y);

  if (lx != ly)
    return lx < ly ? -1 : 1;
  return tessera_annotation_compare (x, y);
}

/**
 * tessera_text_view_dup_annotations_at:
 *
 * Returns: (transfer full) (element-type TesseraAnnotation): the annotations covering the
 *   character at @offset, innermost first
 */
GPtrArray *
tessera_text_view_dup_annotations_at (TesseraTextView *self,
                                      guint            offset)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  GPtrArray *result;

  g_return_val_if_fail (TESSERA_IS_TEXT_VIEW (self), NULL);

  /* The first slot carries the offset through the callback. */
  g_ptr_array_add (found, GUINT_TO_POINTER (offset));
  foreach_in_range (self, offset, offset + 1, collect_at, found);
  g_ptr_array_remove_index (found, 0);

  result = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (result, g_ptr_array_index (found, i));
  g_ptr_array_sort (result, compare_innermost_first);
  return result;
}

/* Selection of an annotation ------------------------------------------------------------- */

gint64
tessera_text_view_get_selected (TesseraTextView *self)
{
  g_return_val_if_fail (TESSERA_IS_TEXT_VIEW (self), 0);
  return self->selected_id;
}

/**
 * tessera_text_view_select:
 * @annotation_id: an annotation of the document, or 0 for none
 */
void
tessera_text_view_select (TesseraTextView *self,
                          gint64           annotation_id,
                          gboolean         scroll)
{
  TesseraAnnotation *annotation = NULL;

  g_return_if_fail (TESSERA_IS_TEXT_VIEW (self));

  if (annotation_id != 0 && self->annotations != NULL)
    annotation = tessera_annotation_list_lookup (self->annotations, annotation_id);
  if (annotation == NULL)
    annotation_id = 0;

  if (annotation != NULL)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
      GtkTextIter iter;
      guint n;
      const TesseraRange *ranges = tessera_annotation_get_ranges (annotation, &n);
      int at;

      /* The caret goes to the annotation, so keyboard work continues from there; one
       * already inside a range of it stays, so the keys of ranges work on that one. */
      gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
      at = tessera_ranges_find (ranges, n, (guint) gtk_text_iter_get_offset (&iter));
      if (at < 0 || (guint) gtk_text_iter_get_offset (&iter) == ranges[at].end)
        iter_at (self, &iter, tessera_annotation_get_start (annotation));
      gtk_text_buffer_place_cursor (buffer, &iter);
      if (scroll)
        _tessera_text_view_scroll_to_offset (self, tessera_annotation_get_start (annotation));
    }

  if (self->selected_id == annotation_id)
    return;

  self->selected_id = annotation_id;
  sync_connected (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

/**
 * tessera_text_view_select_next:
 * @direction: 1 for the next annotation in reading order, -1 for the previous
 */
void
tessera_text_view_select_next (TesseraTextView *self,
                               int              direction)
{
  GListModel *model;
  guint n, position = 0;

  g_return_if_fail (TESSERA_IS_TEXT_VIEW (self));

  if (self->annotations == NULL)
    return;
  model = G_LIST_MODEL (self->annotations);
  n = g_list_model_get_n_items (model);
  if (n == 0)
    return;

  if (self->selected_id != 0 &&
      tessera_annotation_list_find (self->annotations, self->selected_id, &position))
    position = (position + n + (guint) (direction > 0 ? 1 : -1)) % n;
  else
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
      GtkTextIter cursor;

      gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
      position = tessera_annotation_list_bisect (self->annotations,
                                                 (guint) gtk_text_iter_get_offset (&cursor));
      if (direction < 0)
        position = position == 0 ? n - 1 : position - 1;
      else if (position >= n)
        position = 0;
    }

  /* The annotations of hidden types are passed over. */
  for (guint tried = 0;
       tried < n && is_hidden (self, tessera_annotation_list_peek (self->annotations, position));
       tried++)
    position = (position + n + (guint) (direction > 0 ? 1 : -1)) % n;
  if (is_hidden (self, tessera_annotation_list_peek (self->annotations, position)))
    return;

  tessera_text_view_select (self,
                            tessera_annotation_get_id (tessera_annotation_list_peek (self->annotations,
                                                                                     position)),
                            TRUE);
}

/**
 * tessera_text_view_set_highlighted:
 *
 * Outlines these annotations (an entity's mentions), besides the selected one.
 */
void
tessera_text_view_set_highlighted (TesseraTextView *self,
                                   const gint64    *ids,
                                   guint            n_ids)
{
  g_return_if_fail (TESSERA_IS_TEXT_VIEW (self));

  g_hash_table_remove_all (self->highlighted);
  for (guint i = 0; i < n_ids; i++)
    g_hash_table_add (self->highlighted, g_memdup2 (&ids[i], sizeof ids[i]));
  gtk_widget_queue_draw (GTK_WIDGET (self));

  for (guint i = 0; i < n_ids; i++)
    {
      TesseraAnnotation *annotation = self->annotations
        ? tessera_annotation_list_lookup (self->annotations, ids[i]) : NULL;

      if (annotation != NULL)
        {
          _tessera_text_view_scroll_to_offset (self, tessera_annotation_get_start (annotation));
          break;
        }
    }
}

void
tessera_text_view_set_pick_mode (TesseraTextView *self,
                                 gboolean         pick_mode)
{
  g_return_if_fail (TESSERA_IS_TEXT_VIEW (self));

  self->pick_mode = pick_mode;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), pick_mode ? "crosshair" : NULL);
}

gboolean
tessera_text_view_get_pick_mode (TesseraTextView *self)
{
  g_return_val_if_fail (TESSERA_IS_TEXT_VIEW (self), FALSE);
  return self->pick_mode;
}

/* Types shown ---------------------------------------------------------------------------- */

static void
set_hidden_types (TesseraTextView    *self,
                  const char * const *keys)
{
  if (self->hidden_types != NULL && keys != NULL &&
      g_strv_equal ((const char * const *) self->hidden_types, keys))
    return;
  g_strfreev (self->hidden_types);
  self->hidden_types = g_strdupv ((char **) keys);
  if (self->store != NULL)
    sync_tagset (self);

  /* What is not drawn is not selected either. */
  if (self->selected_id != 0 && self->annotations != NULL)
    {
      TesseraAnnotation *selected = tessera_annotation_list_lookup (self->annotations,
                                                                    self->selected_id);

      if (selected != NULL && is_hidden (self, selected))
        tessera_text_view_select (self, 0, FALSE);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN_TYPES]);
}

/**
 * tessera_text_view_is_type_hidden:
 *
 * Returns: whether the annotations of this type are hidden (the hidden-types property)
 */
gboolean
tessera_text_view_is_type_hidden (TesseraTextView *self,
                                  gint64           type_id)
{
  g_return_val_if_fail (TESSERA_IS_TEXT_VIEW (self), FALSE);
  return g_hash_table_contains (self->hidden, &type_id);
}

/**
 * tessera_text_view_get_n_drawn_labels:
 *
 * Returns: how many type labels the last frame drew (none unless show-type-labels is set)
 */
guint
tessera_text_view_get_n_drawn_labels (TesseraTextView *self)
{
  g_return_val_if_fail (TESSERA_IS_TEXT_VIEW (self), 0);
  return _tessera_type_labels_get_n_drawn (self->type_labels);
}

/**
 * tessera_text_view_get_store:
 *
 * Returns: (transfer none) (nullable): the project of the document shown
 */
TesseraStore *
tessera_text_view_get_store (TesseraTextView *self)
{
  g_return_val_if_fail (TESSERA_IS_TEXT_VIEW (self), NULL);
  return self->store;
}

/* A closed menu gives the keyboard back to the article, unless what it did took it. */
static void
on_menu_closed (TesseraTextView *self,
                GtkPopover      *popover)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || focus == GTK_WIDGET (popover) ||
      gtk_widget_is_ancestor (focus, GTK_WIDGET (popover)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

/**
 * tessera_text_view_popup_menu:
 * @popover: (transfer full): a menu for what is at @pointing_to
 * @pointing_to: where it points, in widget coordinates
 *
 * Shows @popover as the article's menu, in place of the one shown before.
 */
void
tessera_text_view_popup_menu (TesseraTextView    *self,
                              GtkPopover         *popover,
                              const GdkRectangle *pointing_to)
{
  g_return_if_fail (TESSERA_IS_TEXT_VIEW (self));
  g_return_if_fail (GTK_IS_POPOVER (popover));

  g_clear_pointer (&self->menu, gtk_widget_unparent);
  self->menu = GTK_WIDGET (popover);
  gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
  g_signal_connect_object (popover, "closed", G_CALLBACK (on_menu_closed), self,
                           G_CONNECT_SWAPPED);
  gtk_popover_set_pointing_to (popover, pointing_to);
  gtk_popover_popup (popover);
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

/**
 * tessera_text_view_get_menu:
 *
 * Returns: (transfer none) (nullable): the popover tessera_text_view_popup_menu () showed
 *   last, if it is open
 */
GtkPopover *
tessera_text_view_get_menu (TesseraTextView *self)
{
  g_return_val_if_fail (TESSERA_IS_TEXT_VIEW (self), NULL);
  if (self->menu == NULL || !gtk_widget_get_visible (self->menu))
    return NULL;
  return GTK_POPOVER (self->menu);
}

/* Text selection ------------------------------------------------------------------------ */

static gboolean
is_space_or_punct (gunichar c)
{
  return g_unichar_isspace (c) || (g_unichar_ispunct (c) && c != 0x2019 && c != '\'' &&
                                   c != '-');
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == 0x2019 || c == '\'' || c == 0x02BC;
}

static gsize byte_at (TesseraTextView *self,
                      guint            offset);

/* The elided word whose end lies strictly between @from and @to (the offset of the "A" of
 * "l’Alliance"): the first one going forward, the last one going backward. GTK's words,
 * Pango's, make one word of "l’Alliance", or end one before its apostrophe. */
static gboolean
find_elision (TesseraTextView *self,
              guint            from,
              guint            to,
              gboolean         forward,
              guint           *out_start,
              guint           *out_end)
{
  guint low = MIN (from, to);
  guint high = MAX (from, to);
  guint first = low > TESSERA_TEXT_ELISION_MAX_LENGTH
                ? low - TESSERA_TEXT_ELISION_MAX_LENGTH : 0;
  gboolean found = FALSE;
  const char *p;

  if (self->text == NULL)
    return FALSE;

  p = self->text + byte_at (self, first);
  for (guint word = first; word < high && *p != '\0'; word++, p = g_utf8_next_char (p))
    {
      guint length = tessera_text_elision_length (self->text, p);

      if (length > 0 && word + length > low && word + length < high)
        {
          *out_start = word;
          *out_end = word + length;
          found = TRUE;
          if (forward)
            break;
        }
    }
  return found;
}

/* The end of the elided word found as find_elision() does, or G_MAXUINT. */
static guint
elision_between (TesseraTextView *self,
                 guint            from,
                 guint            to,
                 gboolean         forward)
{
  guint start, end;

  return find_elision (self, from, to, forward, &start, &end) ? end : G_MAXUINT;
}

/* Whether @offset lies inside an elided word with its apostrophe, as in "l|’Alliance"; if so
 * @out_end is the offset after the apostrophe. Elided words never overlap: the first one
 * ending after @offset is the one holding it, if any does. */
static gboolean
inside_elision (TesseraTextView *self,
                guint            offset,
                guint           *out_end)
{
  guint start;

  return find_elision (self, offset, offset + TESSERA_TEXT_ELISION_MAX_LENGTH + 1, TRUE, &start,
                       out_end) &&
         start < offset;
}

static int
offset_of (const GtkTextIter *iter)
{
  return gtk_text_iter_get_offset (iter);
}

/* Moving by words stops after an elided word, as it does after any other. */
static void
tessera_text_view_move_cursor (GtkTextView     *view,
                               GtkMovementStep  step,
                               int              count,
                               gboolean         extend_selection)
{
  TesseraTextView *self = TESSERA_TEXT_VIEW (view);
  GtkTextViewClass *parent_class = GTK_TEXT_VIEW_CLASS (tessera_text_view_parent_class);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextMark *insert = gtk_text_buffer_get_insert (buffer);

  _tessera_text_view_scroll_stop (self);
  if (step != GTK_MOVEMENT_WORDS || self->text == NULL)
    {
      parent_class->move_cursor (view, step, count, extend_selection);
      return;
    }

  for (int i = 0; i < ABS (count); i++)
    {
      GtkTextIter before, after;
      guint stop;

      gtk_text_buffer_get_iter_at_mark (buffer, &before, insert);
      parent_class->move_cursor (view, step, count > 0 ? 1 : -1, extend_selection);
      gtk_text_buffer_get_iter_at_mark (buffer, &after, insert);

      stop = elision_between (self, (guint) offset_of (&before), (guint) offset_of (&after),
                              count > 0);
      /* Pango ends a word before the apostrophe: the elided word ends after it. */
      if (stop == G_MAXUINT &&
          (count < 0 || !inside_elision (self, (guint) offset_of (&after), &stop)))
        continue;
      iter_at (self, &after, stop);
      if (extend_selection)
        gtk_text_buffer_move_mark (buffer, insert, &after);
      else
        gtk_text_buffer_place_cursor (buffer, &after);
      gtk_text_view_scroll_mark_onscreen (view, insert);
    }
}

/**
 * tessera_text_view_get_marked_range:
 * @snap_to_words: widen the selection to whole words (unless Alt was held while selecting)
 *
 * Returns: %TRUE if some text is selected; @out_range is then the span to annotate
 */
gboolean
tessera_text_view_get_marked_range (TesseraTextView *self,
                                    gboolean         snap_to_words,
                                    TesseraRange    *out_range)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (TESSERA_IS_TEXT_VIEW (self), FALSE);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return FALSE;

  if (snap_to_words && !self->exact_selection)
    {
      /* Never start or end on a blank or on punctuation the user swept up by accident, nor
       * start on the apostrophe of an elided word. */
      while (gtk_text_iter_compare (&start, &end) < 0 &&
             (is_space_or_punct (gtk_text_iter_get_char (&start)) ||
              is_apostrophe (gtk_text_iter_get_char (&start))))
        gtk_text_iter_forward_char (&start);
      while (gtk_text_iter_compare (&start, &end) < 0)
        {
          GtkTextIter last = end;

          gtk_text_iter_backward_char (&last);
          if (!is_space_or_punct (gtk_text_iter_get_char (&last)))
            break;
          end = last;
        }
      /* Out to whole words, an elided word being one ("l’" of "l’Alliance"). */
      if (gtk_text_iter_inside_word (&start) && !gtk_text_iter_starts_word (&start))
        {
          GtkTextIter word = start;
          guint stop;

          gtk_text_iter_backward_word_start (&word);
          stop = elision_between (self, (guint) offset_of (&word), (guint) offset_of (&start) + 1,
                                  FALSE);
          if (stop != G_MAXUINT)
            iter_at (self, &start, stop);
          else
            start = word;
        }
      if (gtk_text_iter_inside_word (&end) && !gtk_text_iter_starts_word (&end))
        {
          GtkTextIter word = end;
          guint stop;

          gtk_text_iter_forward_word_end (&word);
          stop = elision_between (self, (guint) offset_of (&end) - 1, (guint) offset_of (&word),
                                  TRUE);
          if (stop != G_MAXUINT)
            iter_at (self, &end, stop);
          else
            end = word;
        }
      else
        {
          guint stop;

          /* Pango ends "l" before the apostrophe of "l’Alliance". */
          if (inside_elision (self, (guint) offset_of (&end), &stop))
            iter_at (self, &end, stop);
        }
    }

  if (gtk_text_iter_compare (&start, &end) >= 0)
    return FALSE;

  out_range->start = (guint) gtk_text_iter_get_offset (&start);
  out_range->end = (guint) gtk_text_iter_get_offset (&end);
  return TRUE;
}

void
tessera_text_view_select_text (TesseraTextView *self,
                               guint            start,
                               guint            end)
{
  GtkTextBuffer *buffer;
  GtkTextIter a, b;

  g_return_if_fail (TESSERA_IS_TEXT_VIEW (self));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  iter_at (self, &a, start);
  iter_at (self, &b, end);
  gtk_text_buffer_select_range (buffer, &b, &a);
  self->exact_selection = FALSE;
  _tessera_text_view_scroll_to_offset (self, start);
}

/* The byte where the character at @offset starts in the text (its end for an offset past it). */
static gsize
byte_at (TesseraTextView *self,
         guint            offset)
{
  const char *indexed;
  guint entry;

  if (self->text == NULL)
    return 0;

  /* Built on first use: one pass over the text, counting the bytes that start a character. */
  if (self->byte_index->len == 0)
    {
      guint chars = 0;

      for (const char *p = self->text; *p != '\0'; p++)
        {
          if ((*p & 0xc0) == 0x80)
            continue;
          if (chars % INDEX_STEP == 0)
            {
              guint32 byte = (guint32) (p - self->text);

              g_array_append_val (self->byte_index, byte);
            }
          chars++;
        }
      self->n_chars = chars;
      if (self->byte_index->len == 0)
        return 0;
    }

  offset = MIN (offset, self->n_chars);
  entry = MIN (offset / INDEX_STEP, self->byte_index->len - 1);
  indexed = self->text + g_array_index (self->byte_index, guint32, entry);
  return (gsize) (g_utf8_offset_to_pointer (indexed, offset - entry * INDEX_STEP) - self->text);
}

/**
 * tessera_text_view_dup_covered_text:
 * @ranges: (array length=n_ranges): ranges of the document shown
 * @separator: (nullable): what goes between two ranges, such as " … "
 *
 * Like tessera_text_slice_ranges() on the document's text, but through an index from
 * character offsets to bytes: slicing the text walks it from its start, which in a novel
 * costs milliseconds for every row of the annotation list.
 *
 * Returns: (transfer full): the text of the ranges
 */
char *
tessera_text_view_dup_covered_text (TesseraTextView    *self,
                                    const TesseraRange *ranges,
                                    guint               n_ranges,
                                    const char         *separator)
{
  GString *covered;

  g_return_val_if_fail (TESSERA_IS_TEXT_VIEW (self), NULL);
  g_return_val_if_fail (ranges != NULL || n_ranges == 0, NULL);

  covered = g_string_new (NULL);
  for (guint i = 0; i < n_ranges; i++)
    {
      gsize start = byte_at (self, MIN (ranges[i].start, ranges[i].end));
      gsize end = byte_at (self, MAX (ranges[i].start, ranges[i].end));

      if (i > 0 && separator != NULL)
        g_string_append (covered, separator);
      if (self->text != NULL)
        g_string_append_len (covered, self->text + start, (gssize) (end - start));
    }
  return g_string_free (covered, FALSE);
}

/**
 * tessera_text_view_describe:
 *
 * Returns: (transfer full): "Person «Oumar Diarra»" in the user's language
 */
char *
tessera_text_view_describe (TesseraTextView   *self,
                            TesseraAnnotation *annotation)
{
  TesseraAnnotationType *type = NULL;
  g_autofree char *covered = NULL;
  g_autofree char *shown = NULL;
  guint n;
  const TesseraRange *ranges;

  g_return_val_if_fail (TESSERA_IS_TEXT_VIEW (self), NULL);

  /* The tagset's own item, not a copy: every row of the annotation list is described. */
  if (self->store != NULL)
    type = tessera_store_get_annotation_type (self->store,
                                              tessera_annotation_get_type_id (annotation));

  ranges = tessera_annotation_get_ranges (annotation, &n);
  covered = tessera_text_view_dup_covered_text (self, ranges, n, " … ");
  if (g_utf8_strlen (covered, -1) > 60)
    {
      g_autofree char *head = g_utf8_substring (covered, 0, 59);
      shown = g_strconcat (head, "…", NULL);
    }
  else
    shown = g_steal_pointer (&covered);

  /* TRANSLATORS: an annotation: its type, then the text it covers, e.g. Person «Oumar
   * Diarra». French: "%s «\u00a0%s\u00a0»". */
  return g_strdup_printf (_("%s «%s»"), type ? tessera_annotation_type_get_label_localized (type) : "?",
                          shown);
}

/* Drawing ------------------------------------------------------------------------------- */

static void
collect_drawn (TesseraTextView   *self,
               TesseraAnnotation *annotation,
               gpointer           data)
{
  Drawn item = { annotation, 0, 0, 0 };

  /* Of a hidden type, only the selected one, for its outline. */
  if (is_hidden (self, annotation) && tessera_annotation_get_id (annotation) != self->selected_id)
    return;
  g_object_ref (annotation);
  g_array_append_val (self->frame, item);
}

static int
compare_drawn (gconstpointer a,
               gconstpointer b)
{
  return tessera_annotation_compare (((Drawn *) a)->annotation, ((Drawn *) b)->annotation);
}

static void
clear_drawn (gpointer data)
{
  g_object_unref (((Drawn *) data)->annotation);
}

static void
append_placed (TesseraTextView   *self,
               const GtkTextIter *line_start,
               const GdkRectangle *a,
               const GdkRectangle *b,
               GArray            *placed)
{
  Placed item;
  int top;

  if (b->x + b->width <= a->x)
    return;
  gtk_text_view_get_line_yrange (GTK_TEXT_VIEW (self), line_start, &top, NULL);
  graphene_rect_init (&item.rect, a->x, a->y - top, (b->x + b->width) - a->x, a->height);
  item.line = gtk_text_iter_get_line (line_start);
  g_array_append_val (placed, item);
}

/* Rectangles of the display lines a range covers. */
static void
range_rects (TesseraTextView *self,
             guint            start,
             guint            end,
             GArray          *placed)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextIter iter, stop, last;

  iter_at (self, &iter, start);
  iter_at (self, &stop, end);

  /* Most spans lie on one display line, which the locations of their two ends tell without
   * walking the lines: each location costs a search through the paragraph's layout. */
  last = stop;
  gtk_text_iter_backward_char (&last);
  if (gtk_text_iter_get_char (&last) == '\n' && gtk_text_iter_compare (&last, &iter) > 0)
    gtk_text_iter_backward_char (&last);
  if (gtk_text_iter_compare (&last, &iter) >= 0 && gtk_text_iter_get_char (&last) != '\n')
    {
      GdkRectangle a, b;

      gtk_text_view_get_iter_location (view, &iter, &a);
      gtk_text_view_get_iter_location (view, &last, &b);
      if (a.y == b.y)
        {
          append_placed (self, &iter, &a, &b, placed);
          return;
        }
    }

  while (gtk_text_iter_compare (&iter, &stop) < 0)
    {
      GtkTextIter line_end = iter;

      if (!gtk_text_view_forward_display_line (view, &line_end) ||
          gtk_text_iter_compare (&line_end, &stop) > 0)
        line_end = stop;

      last = line_end;
      gtk_text_iter_backward_char (&last);
      /* A segment made only of the newline has nothing to draw. */
      if (gtk_text_iter_compare (&last, &iter) >= 0)
        {
          if (gtk_text_iter_get_char (&last) == '\n' && gtk_text_iter_compare (&last, &iter) > 0)
            gtk_text_iter_backward_char (&last);
          if (gtk_text_iter_get_char (&last) != '\n')
            {
              GdkRectangle a, b;

              gtk_text_view_get_iter_location (view, &iter, &a);
              gtk_text_view_get_iter_location (view, &last, &b);
              append_placed (self, &iter, &a, &b, placed);
            }
        }

      if (gtk_text_iter_equal (&line_end, &iter))
        break;
      iter = line_end;
    }
}

static GArray *
measure (TesseraTextView   *self,
         TesseraAnnotation *annotation)
{
  GArray *placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  guint n;
  const TesseraRange *ranges = tessera_annotation_get_ranges (annotation, &n);

  for (guint r = 0; r < n; r++)
    {
      guint first = placed->len;

      range_rects (self, ranges[r].start, ranges[r].end, placed);
      for (guint i = first; i < placed->len; i++)
        g_array_index (placed, Placed, i).range = r;
    }
  return placed;
}

static void
get_layout_key (TesseraTextView *self,
                LayoutKey       *key)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);

  key->ltr_context = gtk_text_view_get_ltr_context (view);
  key->rtl_context = gtk_text_view_get_rtl_context (view);
  key->ltr_serial = pango_context_get_serial (key->ltr_context);
  key->rtl_serial = pango_context_get_serial (key->rtl_context);
  key->width = gtk_widget_get_width (GTK_WIDGET (self));
  key->left_margin = gtk_text_view_get_left_margin (view);
  key->right_margin = gtk_text_view_get_right_margin (view);
}

static gboolean
layout_key_equal (const LayoutKey *a,
                  const LayoutKey *b)
{
  return a->ltr_context == b->ltr_context && a->rtl_context == b->rtl_context &&
         a->ltr_serial == b->ltr_serial && a->rtl_serial == b->rtl_serial &&
         a->width == b->width && a->left_margin == b->left_margin &&
         a->right_margin == b->right_margin;
}

/* The rectangles kept from the last frame hold while the paragraphs are laid out the same. */
static void
forget_stale_placed (TesseraTextView *self)
{
  LayoutKey key;

  get_layout_key (self, &key);
  if (!layout_key_equal (&key, &self->placed_layout))
    {
      g_hash_table_remove_all (self->placed);
      self->placed_layout = key;
    }
}

typedef struct
{
  int line;
  int top;
} LineTop;

/* The top of a paragraph in buffer coordinates, looked up once per frame. */
static int
line_top (TesseraTextView *self,
          GArray          *tops,
          int              line)
{
  GtkTextIter iter;
  LineTop found;

  for (guint i = 0; i < tops->len; i++)
    {
      if (g_array_index (tops, LineTop, i).line == line)
        return g_array_index (tops, LineTop, i).top;
    }
  gtk_text_buffer_get_iter_at_line (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self)), &iter, line);
  found.line = line;
  gtk_text_view_get_line_yrange (GTK_TEXT_VIEW (self), &iter, &found.top, NULL);
  g_array_append_val (tops, found);
  return found.top;
}

static GskRenderNode *
outline_new (const graphene_rect_t  *rect,
             const GdkRGBA          *color,
             float                   width)
{
  GskRoundedRect outline;
  GdkRGBA colors[4] = { *color, *color, *color, *color };
  float widths[4] = { width, width, width, width };
  graphene_rect_t grown;

  graphene_rect_inset_r (rect, -2, -1, &grown);
  gsk_rounded_rect_init_from_rect (&outline, &grown, 3);
  return gsk_border_node_new (&outline, widths, colors);
}

/*
 * An annotation's nodes, appended as one group placed at its first rectangle. GTK compares
 * a frame's nodes with the last frame's to find what to paint again, pairing them in order
 * among those that can be compared; any two colours can, so one tint added before the
 * others paired each with its neighbour's, every pair differed, and GTK painted the whole
 * view again. Groups placed at different points cannot be compared: a mark or a delete
 * repaints its own annotation, not those after it.
 */
static void
append_group (GtkSnapshot           *snapshot,
              GPtrArray             *nodes,
              const graphene_rect_t *first)
{
  graphene_point_t origin = GRAPHENE_POINT_INIT (floorf (first->origin.x),
                                                 floorf (first->origin.y));
  g_autoptr(GskTransform) transform = gsk_transform_translate (NULL, &origin);
  g_autoptr(GskRenderNode) group = NULL;
  g_autoptr(GskRenderNode) placed = NULL;

  if (nodes->len == 0)
    return;
  group = gsk_container_node_new ((GskRenderNode **) nodes->pdata, nodes->len);
  placed = gsk_transform_node_new (group, transform);
  gtk_snapshot_append_node (snapshot, placed);
  g_ptr_array_set_size (nodes, 0);
}

/* @rect, from the point where append_group() places a group starting at @first. */
static void
group_rect (const graphene_rect_t *rect,
            const graphene_rect_t *first,
            graphene_rect_t       *out_rect)
{
  *out_rect = *rect;
  out_rect->origin.x -= floorf (first->origin.x);
  out_rect->origin.y -= floorf (first->origin.y);
}

/*
 * The annotations of the visible lines, their lanes and their rectangles. Locating a
 * character costs a search through its paragraph's layout, so the rectangles of the last
 * frame's annotations are kept, from the top of their paragraph, as long as the paragraphs
 * are laid out the same: a frame after a mark locates only the new annotation.
 */
static void
collect_frame (TesseraTextView *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  g_autoptr(GArray) lanes = g_array_new (FALSE, TRUE, sizeof (guint));
  g_autoptr(GArray) tops = g_array_new (FALSE, FALSE, sizeof (LineTop));
  g_autoptr(GHashTable) placed = NULL;
  GdkRectangle area;
  GtkTextIter top, bottom;

  g_array_set_size (self->frame, 0);
  g_array_set_size (self->frame_rects, 0);
  self->frame_ready = TRUE;
  if (self->annotations == NULL)
    {
      g_hash_table_remove_all (self->placed);
      return;
    }

  forget_stale_placed (self);

  gtk_text_view_get_visible_rect (view, &area);
  gtk_text_view_get_iter_at_location (view, &top, area.x, area.y);
  gtk_text_view_get_iter_at_location (view, &bottom, area.x + area.width, area.y + area.height);
  gtk_text_iter_forward_line (&bottom);

  foreach_in_range (self, (guint) gtk_text_iter_get_offset (&top),
                    (guint) gtk_text_iter_get_offset (&bottom) + 1, collect_drawn, NULL);
  g_array_sort (self->frame, compare_drawn);

  placed = g_hash_table_new_full (NULL, NULL, g_object_unref, (GDestroyNotify) g_array_unref);
  for (guint i = 0; i < self->frame->len; i++)
    {
      Drawn *item = &g_array_index (self->frame, Drawn, i);
      guint start = tessera_annotation_get_start (item->annotation);
      gpointer annotation, rects;
      guint lane;

      /* Greedy lanes: an annotation takes the first lane free at its start. */
      for (lane = 0; lane < lanes->len; lane++)
        {
          if (g_array_index (lanes, guint, lane) <= start)
            break;
        }
      if (lane == lanes->len)
        g_array_set_size (lanes, lanes->len + 1);
      g_array_index (lanes, guint, lane) = tessera_annotation_get_end (item->annotation);
      item->lane = MIN (lane, MAX_LANES - 1);

      if (!g_hash_table_steal_extended (self->placed, item->annotation, &annotation, &rects))
        {
          annotation = g_object_ref (item->annotation);
          rects = measure (self, item->annotation);
        }
      g_hash_table_insert (placed, annotation, rects);

      item->first_rect = self->frame_rects->len;
      item->n_rects = ((GArray *) rects)->len;
      for (guint r = 0; r < item->n_rects; r++)
        {
          Placed *one = &g_array_index ((GArray *) rects, Placed, r);
          graphene_rect_t rect = one->rect;

          rect.origin.y += line_top (self, tops, one->line);
          g_array_append_val (self->frame_rects, rect);
        }
    }

  /* Only what this frame shows is kept. */
  g_hash_table_unref (self->placed);
  self->placed = g_steal_pointer (&placed);
}

/* What the tint of one line of an annotation covers: its characters' boxes, down to the
 * first underline, as GTK rounds a tag's background. */
static void
tint_area (const graphene_rect_t *rect,
           graphene_rect_t       *out_area)
{
  *out_area = *rect;
  out_area->size.height += 1;
}

/* How far below a line of text the lowest underline reaches. */
#define HIT_DEPTH (1 + (MAX_LANES - 1) * LANE_SPACING + UNDERLINE_HEIGHT)

/* Where the pointer finds one line of an annotation: every pixel of its tint, and below
 * it the lanes of the underlines. */
static void
hit_area (const graphene_rect_t *rect,
          graphene_rect_t       *out_area)
{
  tint_area (rect, out_area);
  out_area->size.height = rect->size.height + HIT_DEPTH;
}

/* Under the text, so the glyphs and the text selection stay above: claims and cues first,
 * then the mentions, translucent, so that overlaps add up and show. */
static void
snapshot_tints (TesseraTextView *self,
                GtkSnapshot     *snapshot)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) gsk_render_node_unref);
  const graphene_rect_t *first;

  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < self->frame->len; i++)
        {
          Drawn *item = &g_array_index (self->frame, Drawn, i);
          gint64 type_id = tessera_annotation_get_type_id (item->annotation);
          GdkRGBA tint;

          if ((pass == 0) != !tessera_kind_links_entity (kind_of (self, type_id)) ||
              is_hidden (self, item->annotation) || !tint_of (self, type_id, &tint))
            continue;
          first = &g_array_index (self->frame_rects, graphene_rect_t, item->first_rect);
          for (guint r = 0; r < item->n_rects; r++)
            {
              graphene_rect_t rect;

              tint_area (&first[r], &rect);
              group_rect (&rect, first, &rect);
              g_ptr_array_add (nodes, gsk_color_node_new (&tint, &rect));
            }
          append_group (snapshot, nodes, first);
        }
    }
}

static void
snapshot_marks (TesseraTextView *self,
                GtkSnapshot     *snapshot)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) gsk_render_node_unref);
  const graphene_rect_t *first;
  GdkRGBA accent;
  GdkRGBA related_color = { 0.9, 0.45, 0.0, 1.0 };

  gdk_rgba_parse (&accent, is_dark () ? "#78aeed" : "#1c71d8");

  for (guint i = 0; i < self->frame->len; i++)
    {
      Drawn *item = &g_array_index (self->frame, Drawn, i);
      gint64 type_id = tessera_annotation_get_type_id (item->annotation);
      gint64 id = tessera_annotation_get_id (item->annotation);
      GdkRGBA *color = is_hidden (self, item->annotation) ? NULL
                       : g_hash_table_lookup (self->colors, &type_id);
      gboolean selected = id == self->selected_id;
      gboolean highlighted = g_hash_table_contains (self->highlighted, &id);
      gboolean related = FALSE;

      for (guint r = 0; r < self->related->len; r++)
        related |= g_array_index (self->related, gint64, r) == id;

      first = &g_array_index (self->frame_rects, graphene_rect_t, item->first_rect);
      for (guint r = 0; r < item->n_rects; r++)
        {
          graphene_rect_t rect, line;

          group_rect (&first[r], first, &rect);
          graphene_rect_init (&line, rect.origin.x,
                              rect.origin.y + rect.size.height + 1 + item->lane * LANE_SPACING,
                              rect.size.width, UNDERLINE_HEIGHT);
          if (color != NULL)
            g_ptr_array_add (nodes, gsk_color_node_new (color, &line));

          if (selected)
            g_ptr_array_add (nodes, outline_new (&rect, &accent, 2));
          else if (related)
            g_ptr_array_add (nodes, outline_new (&rect, &related_color, 2));
          else if (highlighted && color != NULL)
            g_ptr_array_add (nodes, outline_new (&rect, color, 2));
        }
      append_group (snapshot, nodes, first);
    }
}

/* The first rectangle this frame draws of the annotation @id, if it is on a visible line
 * and its type is shown. */
static const graphene_rect_t *
frame_rect_of (TesseraTextView *self,
               gint64           id)
{
  for (guint i = 0; i < self->frame->len; i++)
    {
      Drawn *item = &g_array_index (self->frame, Drawn, i);

      if (tessera_annotation_get_id (item->annotation) == id)
        return item->n_rects > 0 && !is_hidden (self, item->annotation)
               ? &g_array_index (self->frame_rects, graphene_rect_t, item->first_rect) : NULL;
    }
  return NULL;
}

/* The selected claim joined to its source and cue, when both ends are on visible lines. */
static void
snapshot_connectors (TesseraTextView *self,
                     GtkSnapshot     *snapshot)
{
  const graphene_rect_t *claim = frame_rect_of (self, self->selected_id);

  for (guint i = 0; claim != NULL && i < self->connected->len; i++)
    {
      const graphene_rect_t *other = frame_rect_of (self,
                                                    g_array_index (self->connected, gint64, i));

      if (other != NULL)
        _tessera_text_view_draw_connector (snapshot, claim, other, is_dark ());
    }
}

/* The type's label above the start of each annotation (not of a hidden type). */
static void
snapshot_labels (TesseraTextView *self,
                 GtkSnapshot     *snapshot)
{
  _tessera_type_labels_begin (self->type_labels, GTK_WIDGET (self));
  for (guint i = 0; self->show_type_labels && i < self->frame->len; i++)
    {
      Drawn *item = &g_array_index (self->frame, Drawn, i);
      gint64 type_id = tessera_annotation_get_type_id (item->annotation);
      GdkRGBA *color = g_hash_table_lookup (self->colors, &type_id);

      if (item->n_rects == 0 || color == NULL || is_hidden (self, item->annotation))
        continue;
      _tessera_type_labels_draw (self->type_labels, snapshot, type_id, color,
                                 &g_array_index (self->frame_rects, graphene_rect_t,
                                                 item->first_rect));
    }
}

/* The relations between the annotations drawn, from the first rectangle of each. */
static void
snapshot_arcs (TesseraTextView *self,
               GtkSnapshot     *snapshot)
{
  if (!_tessera_text_view_arcs_begin (self))
    return;
  for (guint i = 0; i < self->frame->len; i++)
    {
      Drawn *item = &g_array_index (self->frame, Drawn, i);

      if (item->n_rects > 0)
        _tessera_text_view_arcs_add_end (self, item->annotation,
                                         &g_array_index (self->frame_rects, graphene_rect_t,
                                                         item->first_rect));
    }
  _tessera_text_view_arcs_snapshot (self, snapshot, self->selected_id);
}

static void
tessera_text_view_snapshot_layer (GtkTextView      *view,
                                  GtkTextViewLayer  layer,
                                  GtkSnapshot      *snapshot)
{
  TesseraTextView *self = TESSERA_TEXT_VIEW (view);

  /* Both layers of a frame draw what the one below the text collected. */
  if (layer == GTK_TEXT_VIEW_LAYER_BELOW_TEXT)
    {
      collect_frame (self);
      snapshot_tints (self, snapshot);
    }
  else if (layer == GTK_TEXT_VIEW_LAYER_ABOVE_TEXT)
    {
      if (!self->frame_ready)
        collect_frame (self);
      snapshot_marks (self, snapshot);
      if (self->connected->len > 0)
        snapshot_connectors (self, snapshot);
      _tessera_text_view_snapshot_range_joins (self, snapshot);
      snapshot_labels (self, snapshot);
      snapshot_arcs (self, snapshot);
      g_array_set_size (self->frame, 0);
      g_array_set_size (self->frame_rects, 0);
      self->frame_ready = FALSE;
    }
}

/* Pointer ------------------------------------------------------------------------------- */

typedef struct
{
  GPtrArray *found;
  GArray    *tops;
  double     x;
  double     y;
} HitTest;

static void
collect_hit (TesseraTextView   *self,
             TesseraAnnotation *annotation,
             gpointer           data)
{
  HitTest *hit = data;
  GArray *placed = g_hash_table_lookup (self->placed, annotation);

  if (is_hidden (self, annotation))
    return;

  /* The rectangles the last frame drew, or those the next one will draw. */
  if (placed == NULL)
    {
      placed = measure (self, annotation);
      g_hash_table_insert (self->placed, g_object_ref (annotation), placed);
    }

  for (guint r = 0; r < placed->len; r++)
    {
      Placed *one = &g_array_index (placed, Placed, r);
      graphene_rect_t rect = one->rect;
      graphene_rect_t area;

      rect.origin.y += line_top (self, hit->tops, one->line);
      hit_area (&rect, &area);
      /* A pixel is the unit square right and below its coordinates. */
      if (hit->x >= area.origin.x && hit->x < area.origin.x + area.size.width &&
          hit->y >= area.origin.y && hit->y < area.origin.y + area.size.height)
        {
          g_ptr_array_add (hit->found, g_object_ref (annotation));
          return;
        }
    }
}

/*
 * The annotations whose marks hold the point (@x, @y) of the widget, innermost first, and
 * in @out_offset the character nearest to it. The very rectangles the tints are drawn from
 * decide, so the pointer finds an annotation on every pixel it is painted on: the
 * character under the point cannot, as GTK gives the next one past the middle of a glyph.
 */
static GPtrArray *
annotations_at_point (TesseraTextView *self,
                      double           x,
                      double           y,
                      guint           *out_offset)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  g_autoptr(GArray) tops = g_array_new (FALSE, FALSE, sizeof (LineTop));
  HitTest hit = { g_ptr_array_new_with_free_func (g_object_unref), tops, 0, 0 };
  GtkTextIter under, above;
  guint first, last;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, (int) floor (x),
                                         (int) floor (y), &bx, &by);
  hit.x = bx;
  hit.y = by;
  gtk_text_view_get_iter_at_position (view, &under, NULL, bx, by);
  if (out_offset != NULL)
    *out_offset = (guint) gtk_text_iter_get_offset (&under);
  if (self->annotations == NULL)
    return hit.found;

  /* An area holding the point covers the character under it or a neighbour, on the line
   * of the point or, in the underlines, on the line above. */
  gtk_text_view_get_iter_at_position (view, &above, NULL, bx, by - HIT_DEPTH);
  first = (guint) MIN (gtk_text_iter_get_offset (&under), gtk_text_iter_get_offset (&above));
  last = (guint) MAX (gtk_text_iter_get_offset (&under), gtk_text_iter_get_offset (&above));
  forget_stale_placed (self);
  foreach_in_range (self, first > 0 ? first - 1 : 0, last + 2, collect_hit, &hit);
  g_ptr_array_sort (hit.found, compare_innermost_first);
  return hit.found;
}

/**
 * tessera_text_view_dup_annotations_at_point:
 * @x: a point of the widget
 * @y: a point of the widget
 *
 * What a click or the pointer at (@x, @y) finds: the annotations painted there.
 *
 * Returns: (transfer full) (element-type TesseraAnnotation): the annotations, innermost first
 */
GPtrArray *
tessera_text_view_dup_annotations_at_point (TesseraTextView *self,
                                            double           x,
                                            double           y)
{
  g_return_val_if_fail (TESSERA_IS_TEXT_VIEW (self), NULL);

  return annotations_at_point (self, x, y, NULL);
}

static void
on_click_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  TesseraTextView *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  /* Alt while selecting keeps the exact characters. */
  self->exact_selection = (state & GDK_ALT_MASK) != 0;

  /* While picking, a press leaves the words proposed: on them, GTK would begin a drag of
   * the selection, and the click would never be seen as one. */
  if (self->pick_mode)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
      GtkTextIter cursor;

      gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
      gtk_text_buffer_place_cursor (buffer, &cursor);
    }
}

static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   TesseraTextView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  g_autoptr(GPtrArray) found = NULL;
  guint offset;

  /* Ctrl selects more text for the selected annotation (tessera-text-view-ranges.c). */
  if (gtk_text_buffer_get_has_selection (buffer) || self->annotations == NULL ||
      (gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture)) &
       GDK_CONTROL_MASK) != 0)
    return;

  found = annotations_at_point (self, x, y, &offset);
  if (self->pick_mode)
    {
      if (found->len > 0)
        g_signal_emit (self, signals[ANNOTATION_PICKED], 0,
                       tessera_annotation_get_id (g_ptr_array_index (found, 0)));
      return;
    }

  if (found->len == 0)
    {
      tessera_text_view_select (self, 0, FALSE);
      return;
    }

  /* Clicking again at the same place walks out through the nested annotations. */
  if (offset == self->last_click_offset && self->selected_id != 0)
    self->click_cycle = (self->click_cycle + 1) % found->len;
  else
    self->click_cycle = 0;
  self->last_click_offset = offset;

  tessera_text_view_select (self,
                            tessera_annotation_get_id (g_ptr_array_index (found, self->click_cycle)),
                            FALSE);
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           TesseraTextView          *self)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GArray) related = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (self->annotations != NULL)
    {
      found = annotations_at_point (self, x, y, NULL);
      for (guint i = 0; i < found->len; i++)
        {
          TesseraAnnotation *annotation = g_ptr_array_index (found, i);
          gint64 type_id = tessera_annotation_get_type_id (annotation);

          if (!tessera_kind_carries_claim (kind_of (self, type_id)))
            continue;
          append_claim_links (self, tessera_annotation_get_id (annotation), related);
          break;
        }
    }

  /* An empty GArray's data may be NULL, which memcmp() must not be given. */
  if (related->len != self->related->len ||
      (related->len > 0 &&
       memcmp (related->data, self->related->data, related->len * sizeof (gint64)) != 0))
    {
      g_array_set_size (self->related, 0);
      g_array_append_vals (self->related, related->data, related->len);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
on_query_tooltip (TesseraTextView *self,
                  int              x,
                  int              y,
                  gboolean         keyboard,
                  GtkTooltip      *tooltip)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GString) markup = NULL;

  /* Not over the annotation's menu. */
  if (keyboard || self->annotations == NULL ||
      (self->menu != NULL && gtk_widget_get_visible (self->menu)))
    return FALSE;

  found = annotations_at_point (self, x, y, NULL);
  if (found->len == 0)
    return FALSE;

  markup = g_string_new (NULL);
  for (guint i = 0; i < found->len; i++)
    {
      TesseraAnnotation *annotation = g_ptr_array_index (found, i);
      g_autoptr(TesseraAnnotationType) type =
        tessera_store_dup_annotation_type (self->store, tessera_annotation_get_type_id (annotation));
      g_autofree char *label = NULL;

      if (type == NULL)
        continue;
      label = g_markup_escape_text (tessera_annotation_type_get_label_localized (type), -1);
      if (markup->len > 0)
        g_string_append_c (markup, '\n');
      g_string_append_printf (markup, "<b>%s</b>", label);

      if (tessera_annotation_get_entity_id (annotation) != 0)
        {
          g_autoptr(TesseraEntity) entity =
            tessera_store_dup_entity (self->store, tessera_annotation_get_entity_id (annotation), NULL);

          if (entity != NULL)
            {
              g_autofree char *name = g_markup_escape_text (tessera_entity_get_name (entity), -1);
              g_string_append_printf (markup, " → %s", name);
            }
        }
      if (tessera_annotation_type_carries_claim (type))
        {
          g_autoptr(TesseraClaim) claim =
            tessera_store_dup_claim (self->store, tessera_annotation_get_id (annotation), NULL);

          if (claim != NULL && tessera_claim_get_source_entity_id (claim) != 0)
            {
              g_autoptr(TesseraEntity) source =
                tessera_store_dup_entity (self->store, tessera_claim_get_source_entity_id (claim), NULL);
              g_autofree char *name = source ? g_markup_escape_text (tessera_entity_get_name (source), -1)
                                             : g_strdup ("?");

              g_string_append_printf (markup, " — %s %s", _("source:"), name);
            }
          else if (claim != NULL && tessera_claim_get_source_annotation_id (claim) != 0)
            {
              g_autoptr(TesseraAnnotation) source =
                tessera_store_dup_annotation (self->store, tessera_claim_get_source_annotation_id (claim), NULL);
              g_autofree char *text = NULL;
              g_autofree char *escaped = NULL;

              if (source != NULL)
                {
                  guint n;
                  const TesseraRange *ranges = tessera_annotation_get_ranges (source, &n);

                  text = tessera_text_view_dup_covered_text (self, ranges, n, " … ");
                }
              escaped = g_markup_escape_text (text ? text : "?", -1);
              g_string_append (markup, " — ");
              /* TRANSLATORS: in a claim's tooltip, the text of its source */
              g_string_append_printf (markup, _("source: «%s»"), escaped);
            }
          else if (claim != NULL && !tessera_claim_is_complete (claim))
            g_string_append_printf (markup, " — <i>%s</i>", _("no source yet"));
        }
    }

  gtk_tooltip_set_markup (tooltip, markup->str);
  return TRUE;
}

/* Accessibility and reading comfort ------------------------------------------------------ */

/*
 * Screen readers read the article through GtkTextView's AT-SPI Text interface: GTK 4.8
 * exposes the text, the caret and the selection, but nothing says what our tags mean. So
 * what is annotated at the caret becomes the view's accessible description — "Person «Oumar
 * Diarra»", innermost first — which GTK 4.8 sends to AT-SPI as an accessible-description
 * change of the focused text; Orca reads it with the object and on "where am I". GTK 4.8
 * cannot make a screen reader speak a message of ours (gtk_accessible_announce() came in
 * 4.14), so the type is always there to be read, never a live announcement.
 */
static void
update_accessible_description (TesseraTextView *self)
{
  g_autoptr(GString) description = g_string_new (NULL);

  if (self->store != NULL && self->annotations != NULL && self->text != NULL)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
      g_autoptr(GPtrArray) found = NULL;
      GtkTextIter caret;

      gtk_text_buffer_get_iter_at_mark (buffer, &caret, gtk_text_buffer_get_insert (buffer));
      found = tessera_text_view_dup_annotations_at (self, (guint) gtk_text_iter_get_offset (&caret));
      for (guint i = 0; i < found->len; i++)
        {
          g_autofree char *text = tessera_text_view_describe (self, g_ptr_array_index (found, i));

          if (description->len > 0)
            g_string_append (description, "; ");
          g_string_append (description, text);
        }
    }

  if (g_strcmp0 (description->str, self->caret_description ? self->caret_description : "") == 0)
    return;
  g_free (self->caret_description);
  self->caret_description = g_strdup (description->str);
  if (description->len > 0)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    description->str, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
append_css_string (GString    *css,
                   const char *text)
{
  g_string_append_c (css, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (css, '\\');
      g_string_append_c (css, *p);
    }
  g_string_append_c (css, '"');
}

/**
 * tessera_text_view_set_font:
 * @font: (nullable): a Pango font description ("Serif Bold"); its size is ignored. %NULL
 *   or "" is the desktop's font
 * @scale: the text size, relative to the normal size (0.7 to 2.0)
 *
 * Sets the article's font, for this view only.
 */
void
tessera_text_view_set_font (TesseraTextView *self,
                            const char      *font,
                            double           scale)
{
  g_autoptr(GString) css = g_string_new ("textview {");
  char size[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (TESSERA_IS_TEXT_VIEW (self));

  if (font != NULL && *font != '\0')
    {
      PangoFontDescription *desc = pango_font_description_from_string (font);
      PangoFontMask set = pango_font_description_get_set_fields (desc);

      if ((set & PANGO_FONT_MASK_FAMILY) && pango_font_description_get_family (desc) != NULL)
        {
          g_auto(GStrv) families = g_strsplit (pango_font_description_get_family (desc), ",", -1);

          g_string_append (css, " font-family: ");
          for (guint i = 0; families[i] != NULL; i++)
            {
              if (i > 0)
                g_string_append (css, ", ");
              append_css_string (css, g_strstrip (families[i]));
            }
          g_string_append (css, ";");
        }
      if (set & PANGO_FONT_MASK_STYLE)
        g_string_append_printf (css, " font-style: %s;",
                                pango_font_description_get_style (desc) == PANGO_STYLE_ITALIC ? "italic"
                                : pango_font_description_get_style (desc) == PANGO_STYLE_OBLIQUE ? "oblique"
                                : "normal");
      if (set & PANGO_FONT_MASK_WEIGHT)
        g_string_append_printf (css, " font-weight: %d;", (int) pango_font_description_get_weight (desc));
      pango_font_description_free (desc);
    }
  /* 1.12em is the article's normal size (style.css); C locale for the decimal point. */
  g_ascii_formatd (size, sizeof size, "%.3f", 1.12 * CLAMP (scale, 0.7, 2.0));
  g_string_append_printf (css, " font-size: %sem; }", size);
  gtk_css_provider_load_from_data (self->font_provider, css->str, -1);
}

/* GObject ------------------------------------------------------------------------------- */

static void
on_dark_changed (TesseraTextView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
tessera_text_view_dispose (GObject *object)
{
  TesseraTextView *self = (TesseraTextView *)object;

  if (self->colors != NULL)
    tessera_text_view_clear (self);
  g_clear_pointer (&self->menu, gtk_widget_unparent);

  G_OBJECT_CLASS (tessera_text_view_parent_class)->dispose (object);
}

static void
tessera_text_view_finalize (GObject *object)
{
  TesseraTextView *self = (TesseraTextView *)object;

  g_hash_table_unref (self->colors);
  g_hash_table_unref (self->kinds);
  g_hash_table_unref (self->hidden);
  g_strfreev (self->hidden_types);
  _tessera_type_labels_free (self->type_labels);
  g_hash_table_unref (self->highlighted);
  g_array_unref (self->related);
  g_array_unref (self->connected);
  g_array_unref (self->byte_index);
  g_array_unref (self->frame);
  g_array_unref (self->frame_rects);
  g_hash_table_unref (self->placed);
  g_free (self->caret_description);
  g_clear_object (&self->font_provider);

  G_OBJECT_CLASS (tessera_text_view_parent_class)->finalize (object);
}

/* A comfortable reading column: about 80 characters, centred in wide windows. */
#define READING_WIDTH 760
#define MIN_MARGIN    24

static void
tessera_text_view_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  GtkTextView *view = GTK_TEXT_VIEW (widget);
  int margin = MAX (MIN_MARGIN, (width - READING_WIDTH) / 2);

  if (gtk_text_view_get_left_margin (view) != margin)
    {
      gtk_text_view_set_left_margin (view, margin);
      gtk_text_view_set_right_margin (view, margin);
    }

  GTK_WIDGET_CLASS (tessera_text_view_parent_class)->size_allocate (widget, width, height, baseline);
  if (TESSERA_TEXT_VIEW (widget)->menu != NULL)
    gtk_popover_present (GTK_POPOVER (TESSERA_TEXT_VIEW (widget)->menu));
}

static void
tessera_text_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TesseraTextView *self = TESSERA_TEXT_VIEW (object);

  switch (prop_id)
    {
    case PROP_HIDDEN_TYPES:
      g_value_set_boxed (value, self->hidden_types);
      break;
    case PROP_SHOW_TYPE_LABELS:
      g_value_set_boolean (value, self->show_type_labels);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_text_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TesseraTextView *self = TESSERA_TEXT_VIEW (object);

  switch (prop_id)
    {
    case PROP_HIDDEN_TYPES:
      set_hidden_types (self, g_value_get_boxed (value));
      break;
    case PROP_SHOW_TYPE_LABELS:
      if (self->show_type_labels != g_value_get_boolean (value))
        {
          self->show_type_labels = g_value_get_boolean (value);
          gtk_widget_queue_draw (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_text_view_class_init (TesseraTextViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkTextViewClass *text_view_class = GTK_TEXT_VIEW_CLASS (klass);

  GTK_WIDGET_CLASS (klass)->size_allocate = tessera_text_view_size_allocate;

  object_class->dispose = tessera_text_view_dispose;
  object_class->finalize = tessera_text_view_finalize;
  object_class->get_property = tessera_text_view_get_property;
  object_class->set_property = tessera_text_view_set_property;
  text_view_class->snapshot_layer = tessera_text_view_snapshot_layer;
  text_view_class->move_cursor = tessera_text_view_move_cursor;

  /**
   * TesseraTextView::selection-changed:
   *
   * The selected annotation changed (see tessera_text_view_get_selected()).
   */
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * TesseraTextView::annotation-picked:
   * @annotation_id: the annotation clicked in pick mode
   */
  signals[ANNOTATION_PICKED] =
    g_signal_new ("annotation-picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /* The keys of the types whose annotations are not drawn, nor found by Tab or the pointer. */
  properties[PROP_HIDDEN_TYPES] =
    g_param_spec_boxed ("hidden-types", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether each annotation shows its type's label above its start. */
  properties[PROP_SHOW_TYPE_LABELS] =
    g_param_spec_boolean ("show-type-labels", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "textview");
}

static void
tessera_text_view_init (TesseraTextView *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkGesture *click;
  GtkEventController *motion;

  self->colors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->kinds = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->hidden = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->type_labels = _tessera_type_labels_new ();
  self->highlighted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->related = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->connected = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->byte_index = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->frame = g_array_new (FALSE, FALSE, sizeof (Drawn));
  g_array_set_clear_func (self->frame, clear_drawn);
  self->frame_rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  self->placed = g_hash_table_new_full (NULL, NULL, g_object_unref,
                                        (GDestroyNotify) g_array_unref);
  self->last_click_offset = G_MAXUINT;

  gtk_text_view_set_editable (view, FALSE);
  gtk_text_view_set_cursor_visible (view, TRUE);
  gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_pixels_below_lines (view, 24);
  gtk_text_view_set_pixels_inside_wrap (view, 12);
  gtk_text_view_set_left_margin (view, 24);
  gtk_text_view_set_right_margin (view, 24);
  gtk_text_view_set_top_margin (view, 18);
  gtk_text_view_set_bottom_margin (view, 48);
  _tessera_text_view_arcs_init (self);
  gtk_widget_add_css_class (GTK_WIDGET (self), "tessera-article");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Article text"), -1);
  g_signal_connect_object (gtk_text_view_get_buffer (view), "notify::cursor-position",
                           G_CALLBACK (update_accessible_description), self, G_CONNECT_SWAPPED);

  /* Above style.css: the font and size chosen in the preferences. */
  self->font_provider = gtk_css_provider_new ();
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                  GTK_STYLE_PROVIDER (self->font_provider),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed), self);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);

  _tessera_text_view_init_ranges (self);
  _tessera_text_view_init_scroll (self);
}

GtkWidget *
tessera_text_view_new (void)
{
  return g_object_new (TESSERA_TYPE_TEXT_VIEW, NULL);
}
