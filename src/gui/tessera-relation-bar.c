/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-inspector-section.h"
#include "tessera-relation-bar.h"

/*
 * Making a relation from the selected annotation, by keyboard or mouse: the bar above the
 * article says what is awaited. First the target: Tab and Shift+Tab walk the annotations
 * of the document, nearest first; typing narrows them to those whose text holds what is
 * typed; a click on an annotation in the article takes it at once. Enter takes the one
 * shown. Then the type, from the tagset: its key (1–9), or the arrows and Enter. The
 * relation is then one store call, one step of undo. Esc cancels at any point.
 *
 * From a claim, the search also finds the claims of the other articles (after the
 * document's own annotations): the same claim repeated elsewhere. Such a target offers
 * only the types that cross documents.
 */

#define MAX_TYPE_KEYS   9
#define MAX_TEXT_LENGTH 60

struct _TesseraRelationBar
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkRevealer     *revealer;
  GtkLabel        *hint_label;
  GtkSearchEntry  *search_entry;
  GtkLabel        *target_label;
  GtkListBox      *type_list;

  TesseraStore    *store;
  TesseraTextView *text_view;
  gulong           view_handlers[2];
  gint64           source_id;
  char            *source_text;
  GArray          *candidates;  /* gint64: annotations of the document, nearest first */
  GArray          *shown;       /* gint64: the candidates the search lets through */
  char            *filtered;    /* the search they were filtered with */
  guint            position;    /* in shown; G_MAXUINT for none yet */
  gint64           target_id;   /* chosen, while the type is chosen */
  GPtrArray       *types;       /* TesseraRelationType, as listed */
  GHashTable      *elsewhere;   /* id → TesseraClaimRow of another document's claims, once
                                 * a search from a claim asks; NULL before */
  gboolean         from_claim;
};

G_DEFINE_FINAL_TYPE (TesseraRelationBar, tessera_relation_bar, GTK_TYPE_WIDGET)

/* All the words of an annotation the article shows. */
static char *
dup_covered_text (TesseraRelationBar *self,
                  gint64              annotation_id)
{
  TesseraAnnotationList *list = tessera_text_view_get_annotations (self->text_view);
  TesseraAnnotation *annotation = list != NULL ? tessera_annotation_list_lookup (list,
                                                                                 annotation_id)
                                               : NULL;
  const TesseraRange *ranges;
  guint n;

  if (annotation == NULL)
    return g_strdup ("");
  ranges = tessera_annotation_get_ranges (annotation, &n);
  return tessera_text_view_dup_covered_text (self->text_view, ranges, n, " … ");
}

/* A claim of another article, if @annotation_id is one the search found. */
static const TesseraClaimRow *
lookup_elsewhere (TesseraRelationBar *self,
                  gint64              annotation_id)
{
  return self->elsewhere != NULL ? g_hash_table_lookup (self->elsewhere, &annotation_id)
                                 : NULL;
}

/* The same, on one line and shortened, to be shown; with its article's title when it is
 * in another one. */
static char *
dup_text_of (TesseraRelationBar *self,
             gint64              annotation_id)
{
  const TesseraClaimRow *row = lookup_elsewhere (self, annotation_id);
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;

  if (row == NULL)
    {
      text = dup_covered_text (self, annotation_id);
      return tessera_inspector_section_shorten (text, MAX_TEXT_LENGTH);
    }
  shown = tessera_inspector_section_shorten (row->text, MAX_TEXT_LENGTH);
  /* Translators: a claim of another article, then that article's title */
  return g_strdup_printf (_("%s” in “%s"), shown, row->document_title);
}

static void
show_target (TesseraRelationBar *self)
{
  g_autofree char *text = NULL;
  gint64 id;

  if (self->shown->len == 0)
    {
      gtk_label_set_label (self->target_label, self->candidates->len == 0
                           ? _("No other annotation in this document")
                           : _("No annotation holds this text"));
      tessera_text_view_set_highlighted (self->text_view, NULL, 0);
      return;
    }
  if (self->position == G_MAXUINT)
    {
      gtk_label_set_label (self->target_label, "");
      tessera_text_view_set_highlighted (self->text_view, NULL, 0);
      return;
    }

  id = g_array_index (self->shown, gint64, self->position);
  {
    g_autofree char *covered = dup_text_of (self, id);

    /* Translators: the annotation a relation would go to, then its place among the
     * candidates: "Target: “Bamako” (2 of 14)" */
    text = g_strdup_printf (_("Target: “%s” (%u of %u)"), covered, self->position + 1,
                            self->shown->len);
  }
  gtk_label_set_label (self->target_label, text);
  /* Outlined in the article, and scrolled to. */
  tessera_text_view_set_highlighted (self->text_view, &id, 1);
}

static void
show_hint (TesseraRelationBar *self)
{
  g_autofree char *hint = NULL;

  if (self->target_id == 0)
    /* Translators: %s is the text of the annotation the relation starts from. */
    hint = g_strdup_printf (_("Relation from “%s”: click the target, or press Tab for the "
                              "nearest annotation, or type its words; then Enter. Esc cancels."),
                            self->source_text);
  else
    {
      g_autofree char *target = dup_text_of (self, self->target_id);

      /* Translators: the two ends of the relation being made. */
      hint = g_strdup_printf (_("“%s” → “%s”: choose the type with its key or the arrows "
                                "and Enter. Esc cancels."),
                              self->source_text, target);
    }
  gtk_label_set_label (self->hint_label, hint);
}

/* Shown at once, so that the keys typed right after R reach the search entry; hidden, it
 * takes no room (a revealer without transition keeps its child's height). */
static void
show_bar (TesseraRelationBar *self,
          gboolean            shown)
{
  gtk_widget_set_visible (GTK_WIDGET (self->revealer), shown);
  gtk_revealer_set_reveal_child (self->revealer, shown);
}

/* Candidates ----------------------------------------------------------------------------- */

typedef struct
{
  gint64 id;
  guint  distance;
  guint  start;
} Candidate;

static int
compare_ids (const gint64 *a,
             const gint64 *b)
{
  return *a < *b ? -1 : *a > *b;
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a, *cb = b;

  if (ca->distance != cb->distance)
    return ca->distance < cb->distance ? -1 : 1;
  return ca->start < cb->start ? -1 : ca->start > cb->start;
}

/* The annotations of the document but the source, nearest to it first; not those of the
 * types hidden from the article. */
static void
collect_candidates (TesseraRelationBar *self,
                    TesseraAnnotation  *source)
{
  TesseraAnnotationList *list = tessera_text_view_get_annotations (self->text_view);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  guint from = tessera_annotation_get_start (source);
  g_autoptr(GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (Candidate), n);

  for (guint i = 0; i < n; i++)
    {
      TesseraAnnotation *annotation = tessera_annotation_list_peek (list, i);
      Candidate candidate;

      candidate.id = tessera_annotation_get_id (annotation);
      if (candidate.id == self->source_id ||
          tessera_text_view_is_type_hidden (self->text_view,
                                            tessera_annotation_get_type_id (annotation)))
        continue;
      candidate.start = tessera_annotation_get_start (annotation);
      candidate.distance = candidate.start > from ? candidate.start - from
                                                  : from - candidate.start;
      g_array_append_val (sorted, candidate);
    }
  g_array_sort (sorted, compare_candidates);

  g_array_set_size (self->candidates, 0);
  for (guint i = 0; i < sorted->len; i++)
    g_array_append_val (self->candidates, g_array_index (sorted, Candidate, i).id);
}

/* The claims of the other documents, read once per relation, when a search asks. */
static void
ensure_elsewhere (TesseraRelationBar *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  gint64 document_id = tessera_text_view_get_document_id (self->text_view);

  if (self->elsewhere != NULL)
    return;
  self->elsewhere = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                           (GDestroyNotify) tessera_claim_row_free);
  rows = tessera_store_dup_claim_rows (self->store, NULL);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      TesseraClaimRow *row = g_ptr_array_index (rows, i);

      if (row->document_id != document_id)
        g_hash_table_insert (self->elsewhere, &row->annotation_id,
                             g_ptr_array_steal_index_fast (rows, i--));
    }
}

/* The other articles' claims whose words hold @needle, after the document's. */
static void
add_elsewhere (TesseraRelationBar *self,
               const char         *needle)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer value;

  ensure_elsewhere (self);
  g_hash_table_iter_init (&iter, self->elsewhere);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      TesseraClaimRow *row = value;
      g_autofree char *folded = tessera_text_fold (row->text ? row->text : "");

      if (strstr (folded, needle) != NULL)
        g_array_append_val (found, row->annotation_id);
    }
  /* In a stable order: the oldest claim first. */
  g_array_sort (found, (GCompareFunc) compare_ids);
  g_array_append_vals (self->shown, found->data, found->len);
}

/* The candidates whose text holds what is typed, case and accents aside. */
static void
filter_candidates (TesseraRelationBar *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *needle = tessera_text_fold (search);

  g_free (self->filtered);
  self->filtered = g_strdup (search);
  g_array_set_size (self->shown, 0);
  for (guint i = 0; i < self->candidates->len; i++)
    {
      gint64 id = g_array_index (self->candidates, gint64, i);

      if (*needle != '\0')
        {
          g_autofree char *text = dup_covered_text (self, id);
          g_autofree char *folded = tessera_text_fold (text);

          if (strstr (folded, needle) == NULL)
            continue;
        }
      g_array_append_val (self->shown, id);
    }
  if (*needle != '\0' && self->from_claim)
    add_elsewhere (self, needle);
  /* While searching, the best match is shown at once; before, Tab shows the first. */
  self->position = *needle != '\0' && self->shown->len > 0 ? 0 : G_MAXUINT;
  show_target (self);
}

static void
on_search_changed (TesseraRelationBar *self)
{
  if (self->source_id != 0 && self->target_id == 0 &&
      g_strcmp0 (self->filtered, gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) != 0)
    filter_candidates (self);
}

static void
step (TesseraRelationBar *self,
      int                 direction)
{
  guint n = self->shown->len;

  if (n == 0)
    return;
  if (self->position == G_MAXUINT)
    self->position = direction > 0 ? 0 : n - 1;
  else
    self->position = (self->position + n + (direction > 0 ? 1 : n - 1)) % n;
  show_target (self);
}

/* Types ---------------------------------------------------------------------------------- */

static GtkWidget *
type_row_new (TesseraRelationType *type,
              guint                index)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new (tessera_relation_type_get_label (type));
  GtkWidget *key;

  if (index < MAX_TYPE_KEYS)
    {
      g_autofree char *digit = g_strdup_printf ("%u", index + 1);

      key = gtk_label_new (digit);
      gtk_widget_add_css_class (key, "tessera-key");
    }
  else
    key = gtk_label_new ("");
  gtk_widget_set_size_request (key, 18, -1);
  gtk_box_append (GTK_BOX (box), key);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tessera_relation_type_get_label (type), -1);
  if (tessera_relation_type_get_description (type) != NULL)
    gtk_widget_set_tooltip_text (row, tessera_relation_type_get_description (type));
  return row;
}

static void
fill_types (TesseraRelationBar *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->type_list))) != NULL)
    gtk_list_box_remove (self->type_list, child);
  g_clear_pointer (&self->types, g_ptr_array_unref);

  self->types = tessera_store_dup_relation_types (self->store, &error);
  if (self->types == NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "s", error->message);
      return;
    }
  /* A claim of another article: only the types that may join two documents. */
  for (guint i = 0; lookup_elsewhere (self, self->target_id) != NULL && i < self->types->len; i++)
    {
      if (!tessera_relation_type_get_crosses_documents (g_ptr_array_index (self->types, i)))
        g_ptr_array_remove_index (self->types, i--);
    }
  for (guint i = 0; i < self->types->len; i++)
    gtk_list_box_append (self->type_list, type_row_new (g_ptr_array_index (self->types, i), i));
}

/* The target is chosen: now its type. */
static void
choose_target (TesseraRelationBar *self,
               gint64              target_id)
{
  if (target_id == 0 || target_id == self->source_id)
    return;
  self->target_id = target_id;
  tessera_text_view_set_highlighted (self->text_view, &target_id, 1);
  fill_types (self);
  if (self->types == NULL || self->types->len == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "s",
                                  _("The tagset has no relation type: add one in the "
                                    "preferences"));
      tessera_relation_bar_cancel (self);
      return;
    }
  show_hint (self);
  gtk_widget_set_visible (GTK_WIDGET (self->search_entry), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->target_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->type_list), TRUE);
  gtk_list_box_select_row (self->type_list, gtk_list_box_get_row_at_index (self->type_list, 0));
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (self->type_list, 0)));
}

static void
on_search_activate (TesseraRelationBar *self)
{
  /* Enter typed right after the words, before the search entry says they changed. */
  if (g_strcmp0 (self->filtered, gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) != 0)
    filter_candidates (self);
  if (self->position != G_MAXUINT && self->position < self->shown->len)
    choose_target (self, g_array_index (self->shown, gint64, self->position));
}

static gboolean
on_search_key_pressed (TesseraRelationBar    *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_ISO_Left_Tab || keyval == GDK_KEY_KP_Tab)
    {
      step (self, keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK) ? -1 : 1);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

/* One store call, one step of undo. */
static void
relate (TesseraRelationBar  *self,
        TesseraRelationType *type)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *target = dup_text_of (self, self->target_id);
  TesseraStore *store = g_object_ref (self->store);
  TesseraTextView *text_view = g_object_ref (self->text_view);
  gint64 source_id = self->source_id;

  if (tessera_store_add_relation (store, tessera_relation_type_get_key (type), source_id,
                                  self->target_id, NULL, &error) == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "s", error->message);
  else
    {
      /* Translators: the relation just made: “source” type “target” */
      message = g_strdup_printf (_("Related: “%s” %s “%s”"), self->source_text,
                                 tessera_relation_type_get_label (type), target);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-message", "s", message);
    }
  tessera_relation_bar_cancel (self);
  /* Back to the annotation the relation starts from. */
  tessera_text_view_select (text_view, source_id, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (text_view));
  g_object_unref (text_view);
  g_object_unref (store);
}

static void
on_type_activated (TesseraRelationBar *self,
                   GtkListBoxRow      *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (self->types != NULL && index >= 0 && (guint) index < self->types->len)
    relate (self, g_ptr_array_index (self->types, index));
}

static gboolean
on_type_key_pressed (TesseraRelationBar    *self,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  guint index;

  if (keyval == GDK_KEY_Escape)
    {
      tessera_relation_bar_cancel (self);
      return GDK_EVENT_STOP;
    }
  if (keyval >= GDK_KEY_1 && keyval <= GDK_KEY_9)
    index = keyval - GDK_KEY_1;
  else if (keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_9)
    index = keyval - GDK_KEY_KP_1;
  else
    return GDK_EVENT_PROPAGATE;

  if (self->types != NULL && index < self->types->len)
    relate (self, g_ptr_array_index (self->types, index));
  return GDK_EVENT_STOP;
}

/* The text view -------------------------------------------------------------------------- */

static void
on_annotation_picked (TesseraRelationBar *self,
                      gint64              annotation_id)
{
  if (self->target_id == 0)
    choose_target (self, annotation_id);
}

/* Another annotation selected, another document: the relation is given up. */
static void
on_view_selection_changed (TesseraRelationBar *self)
{
  if (tessera_text_view_get_selected (self->text_view) != self->source_id)
    tessera_relation_bar_cancel (self);
}

/**
 * tessera_relation_bar_start:
 * @source_id: an annotation @text_view shows
 *
 * Shows the bar and waits for the target of a relation from @source_id, then its type.
 */
void
tessera_relation_bar_start (TesseraRelationBar *self,
                            TesseraStore       *store,
                            TesseraTextView    *text_view,
                            gint64              source_id)
{
  TesseraAnnotationList *list;
  TesseraAnnotation *source;

  g_return_if_fail (TESSERA_IS_RELATION_BAR (self));
  g_return_if_fail (TESSERA_IS_STORE (store));
  g_return_if_fail (TESSERA_IS_TEXT_VIEW (text_view));

  list = tessera_text_view_get_annotations (text_view);
  source = list != NULL ? tessera_annotation_list_lookup (list, source_id) : NULL;
  if (source == NULL)
    return;

  tessera_relation_bar_cancel (self);
  g_set_object (&self->store, store);
  g_set_object (&self->text_view, text_view);
  self->source_id = source_id;
  self->target_id = 0;
  self->source_text = dup_text_of (self, source_id);
  {
    g_autoptr(TesseraAnnotationType) type =
      tessera_store_dup_annotation_type (store, tessera_annotation_get_type_id (source));

    self->from_claim = type != NULL && tessera_annotation_type_carries_claim (type);
  }
  collect_candidates (self, source);

  self->view_handlers[0] = g_signal_connect_swapped (text_view, "annotation-picked",
                                                     G_CALLBACK (on_annotation_picked), self);
  self->view_handlers[1] = g_signal_connect_swapped (text_view, "selection-changed",
                                                     G_CALLBACK (on_view_selection_changed),
                                                     self);
  tessera_text_view_set_pick_mode (text_view, TRUE);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_set_visible (GTK_WIDGET (self->search_entry), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->target_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->type_list), FALSE);
  filter_candidates (self);
  show_hint (self);
  show_bar (self, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * tessera_relation_bar_cancel:
 *
 * Leaves the relation mode, if it is on, without changing the project.
 */
void
tessera_relation_bar_cancel (TesseraRelationBar *self)
{
  gboolean focused;

  g_return_if_fail (TESSERA_IS_RELATION_BAR (self));

  if (self->source_id == 0)
    return;
  focused = gtk_widget_get_state_flags (GTK_WIDGET (self)) & GTK_STATE_FLAG_FOCUS_WITHIN;
  self->source_id = 0;
  self->target_id = 0;
  g_clear_pointer (&self->source_text, g_free);
  g_clear_pointer (&self->filtered, g_free);
  g_array_set_size (self->candidates, 0);
  g_array_set_size (self->shown, 0);
  g_clear_pointer (&self->types, g_ptr_array_unref);
  g_clear_pointer (&self->elsewhere, g_hash_table_unref);
  show_bar (self, FALSE);

  if (self->text_view != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (self->view_handlers); i++)
        g_clear_signal_handler (&self->view_handlers[i], self->text_view);
      tessera_text_view_set_pick_mode (self->text_view, FALSE);
      tessera_text_view_set_highlighted (self->text_view, NULL, 0);
      if (focused)
        gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
    }
  g_clear_object (&self->text_view);
  g_clear_object (&self->store);
}

/**
 * tessera_relation_bar_is_active:
 *
 * Returns: whether a relation is being made
 */
gboolean
tessera_relation_bar_is_active (TesseraRelationBar *self)
{
  g_return_val_if_fail (TESSERA_IS_RELATION_BAR (self), FALSE);
  return self->source_id != 0;
}

/* GObject -------------------------------------------------------------------------------- */

static void
tessera_relation_bar_dispose (GObject *object)
{
  TesseraRelationBar *self = TESSERA_RELATION_BAR (object);

  tessera_relation_bar_cancel (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_RELATION_BAR);

  G_OBJECT_CLASS (tessera_relation_bar_parent_class)->dispose (object);
}

static void
tessera_relation_bar_finalize (GObject *object)
{
  TesseraRelationBar *self = TESSERA_RELATION_BAR (object);

  g_array_unref (self->candidates);
  g_array_unref (self->shown);

  G_OBJECT_CLASS (tessera_relation_bar_parent_class)->finalize (object);
}

static void
tessera_relation_bar_class_init (TesseraRelationBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_relation_bar_dispose;
  object_class->finalize = tessera_relation_bar_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/tessera/Tessera/tessera-relation-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraRelationBar, revealer);
  gtk_widget_class_bind_template_child (widget_class, TesseraRelationBar, hint_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraRelationBar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TesseraRelationBar, target_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraRelationBar, type_list);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_key_pressed);
  gtk_widget_class_bind_template_callback (widget_class, on_type_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_type_key_pressed);
  gtk_widget_class_bind_template_callback (widget_class, tessera_relation_bar_cancel);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tessera_relation_bar_init (TesseraRelationBar *self)
{
  self->candidates = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->shown = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->position = G_MAXUINT;
  gtk_widget_init_template (GTK_WIDGET (self));
}
