/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-window-private.h"

/*
 * Claims in three keystrokes: once a claim is marked, the window asks who says it, then with
 * which words (tessera-attribution-bar.c shows the question). The speaker's words selected
 * and Enter (or a type's key) mark them and make them the source in one undoable change; a
 * cue found next to the claim is selected, so that Enter accepts it. On a selected claim,
 * s and c ask for its source and cue again, q and f step through its quote type and
 * factuality. The inspector's claim section holds what is being picked.
 */

static TesseraClaimSection *
claim_section (TesseraWindow *self)
{
  return tessera_inspector_get_claim_section (self->inspector);
}

static gboolean
is_writable (TesseraWindow *self)
{
  return self->store != NULL && !tessera_store_is_read_only (self->store);
}

/* The kind of an annotation of the document shown, through its type. */
static gboolean
annotation_kind (TesseraWindow *self,
                 gint64         annotation_id,
                 TesseraKind   *out_kind)
{
  TesseraAnnotationList *annotations = tessera_text_view_get_annotations (self->text_view);
  TesseraAnnotation *annotation = NULL;
  g_autoptr(TesseraAnnotationType) type = NULL;

  if (annotations != NULL && annotation_id != 0)
    annotation = tessera_annotation_list_lookup (annotations, annotation_id);
  if (annotation != NULL)
    type = tessera_store_dup_annotation_type (self->store,
                                              tessera_annotation_get_type_id (annotation));
  if (type == NULL)
    return FALSE;
  *out_kind = tessera_annotation_type_get_kind (type);
  return TRUE;
}

/* The selected annotation, if it is a claim; else 0. */
static gint64
selected_claim (TesseraWindow *self)
{
  gint64 id = tessera_text_view_get_selected (self->text_view);
  TesseraKind kind;

  if (self->store == NULL || !annotation_kind (self, id, &kind) ||
      !tessera_kind_carries_claim (kind))
    return 0;
  return id;
}

/* Whether an annotation of @type can be what is picked: a mention for the source, a cue for
 * the cue. */
static gboolean
fits (TesseraAnnotationType *type,
      TesseraPickTarget      pick)
{
  if (pick == TESSERA_PICK_SOURCE)
    return tessera_annotation_type_links_entity (type);
  return pick == TESSERA_PICK_CUE &&
         tessera_kind_can_be_cue (tessera_annotation_type_get_kind (type));
}

/* What Enter marks: a person for the source (the first type of entities if the tagset has
 * no "person"), the cue type for the cue. */
static TesseraAnnotationType *
dup_enter_type (TesseraWindow     *self,
                TesseraPickTarget  pick)
{
  GListModel *tagset = tessera_store_get_tagset (self->store);
  TesseraAnnotationType *found = NULL;

  if (pick == TESSERA_PICK_SOURCE)
    {
      found = tessera_store_find_annotation_type (self->store, "person");
      if (found != NULL && fits (found, pick))
        return found;
      g_clear_object (&found);
    }
  for (guint i = 0; found == NULL && i < g_list_model_get_n_items (tagset); i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (tagset, i);

      if (fits (type, pick))
        found = g_steal_pointer (&type);
    }
  return found;
}

/**
 * _tessera_window_claims_mark:
 * @type: the type whose key was pressed
 * @range: (nullable): the words selected, or %NULL
 *
 * While a claim's source or cue is awaited, words marked with a type that fits become it,
 * in one undoable change.
 *
 * Returns: %TRUE if the key was taken for the claim
 */
gboolean
_tessera_window_claims_mark (TesseraWindow         *self,
                             TesseraAnnotationType *type,
                             const TesseraRange    *range)
{
  TesseraClaimSection *section = claim_section (self);
  TesseraPickTarget pick = tessera_claim_section_get_pick (section);
  TesseraClaim *claim = tessera_claim_section_get_claim (section);
  g_autoptr(GError) error = NULL;

  if (pick == TESSERA_PICK_NONE || claim == NULL || !fits (type, pick))
    return FALSE;
  if (range == NULL)
    {
      /* Not a retype of the claim, which is the annotation selected. */
      _tessera_window_toast (self, pick == TESSERA_PICK_SOURCE
                                   ? _("Select the speaker’s words first")
                                   : _("Select the words that attribute the claim first"),
                             FALSE);
      return TRUE;
    }
  if (tessera_store_add_claim_mention (self->store, tessera_claim_get_annotation_id (claim),
                                       pick == TESSERA_PICK_SOURCE ? TESSERA_CLAIM_ROLE_SOURCE
                                                                   : TESSERA_CLAIM_ROLE_CUE,
                                       tessera_annotation_type_get_id (type), range, 1,
                                       &error) == 0)
    {
      tessera_window_show_error (self, error->message);
      return TRUE;
    }
  tessera_claim_section_pick_done (section);
  return TRUE;
}

/**
 * _tessera_window_claims_marked:
 * @id: an annotation just marked
 * @existing: whether it was there already
 *
 * A new claim: its source is asked for at once, then its cue.
 */
void
_tessera_window_claims_marked (TesseraWindow         *self,
                               gint64                 id,
                               TesseraAnnotationType *type,
                               gboolean               existing)
{
  if (existing || !tessera_annotation_type_carries_claim (type) ||
      tessera_text_view_get_selected (self->text_view) != id)
    return;
  tessera_claim_section_start_attribution (claim_section (self));
}

/* Enter while a source or cue is awaited: the words selected, marked as a person or a cue. */
static gboolean
enter_pressed (GtkWidget *widget,
               GVariant  *args,
               gpointer   data)
{
  TesseraWindow *self = data;
  TesseraPickTarget pick = tessera_claim_section_get_pick (claim_section (self));
  g_autoptr(TesseraAnnotationType) type = NULL;
  TesseraRange range;

  if (pick == TESSERA_PICK_NONE || !is_writable (self))
    return FALSE;
  type = dup_enter_type (self, pick);
  if (type == NULL)
    return FALSE;
  return _tessera_window_claims_mark (self, type,
                                      tessera_text_view_get_marked_range (self->text_view,
                                                                          self->snap_to_words,
                                                                          &range)
                                      ? &range : NULL);
}

/* Actions -------------------------------------------------------------------------------- */

static void
pick_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);

  if (selected_claim (self) == 0)
    return;
  if (g_str_equal (action_name, "win.pick-source"))
    tessera_claim_section_start_attribution (claim_section (self));
  else
    tessera_claim_section_set_pick (claim_section (self), TESSERA_PICK_CUE);
}

/* win.set-claim-source, win.set-claim-cue: an annotation of the document made the selected
 * claim's source or cue, as the claim section does with a click while picking. */
static void
set_claim_role_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  gboolean for_source = g_str_equal (action_name, "win.set-claim-source");
  TesseraClaimSection *section = claim_section (self);
  TesseraPickTarget waited = for_source ? TESSERA_PICK_SOURCE : TESSERA_PICK_CUE;
  gint64 id = g_variant_get_int64 (parameter);
  TesseraKind kind;

  if (selected_claim (self) == 0)
    return;
  /* Menus offer only what fits; anything else is a caller's slip, answered with the bell. */
  if (!annotation_kind (self, id, &kind) ||
      !(for_source ? tessera_kind_links_entity (kind) : tessera_kind_can_be_cue (kind)))
    {
      gtk_widget_error_bell (widget);
      return;
    }
  if (tessera_claim_section_get_pick (section) != waited)
    tessera_claim_section_set_pick (section, waited);
  tessera_claim_section_pick_annotation (section, id);
}

/* q, Shift+Q, f, Shift+F: the next or previous value of the selected claim's quote type or
 * factuality, round its vocabulary; from "not set", the first or the last. */
static void
cycle_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  gboolean quote = g_str_equal (action_name, "win.cycle-quote-type");
  TesseraVocabulary vocabulary = quote ? TESSERA_VOCABULARY_QUOTE_TYPE
                                       : TESSERA_VOCABULARY_FACTUALITY;
  int step = g_variant_get_int32 (parameter) < 0 ? -1 : 1;
  guint n = tessera_vocabulary_get_n_terms (vocabulary);
  g_autoptr(TesseraClaim) claim = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *code, *next;
  guint position;
  gint64 id = selected_claim (self);

  if (id == 0 || n == 0)
    return;
  claim = tessera_store_dup_claim (self->store, id, &error);
  if (claim == NULL)
    {
      tessera_window_show_error (self, error->message);
      return;
    }
  code = quote ? tessera_claim_get_quote_type (claim) : tessera_claim_get_factuality (claim);
  if (code != NULL && tessera_vocabulary_lookup (vocabulary, code, &position))
    position = (position + n + (guint) step) % n;
  else
    position = step > 0 ? 0 : n - 1;
  next = tessera_vocabulary_get_code (vocabulary, position);

  if (!tessera_store_set_claim_field (self->store, id, tessera_vocabulary_get_name (vocabulary),
                                      next, &error))
    {
      tessera_window_show_error (self, error->message);
      return;
    }
  /* TRANSLATORS: a field of a claim and its new value, e.g. "Quote type: Direct quote" */
  message = g_strdup_printf (_("%s: %s"), tessera_vocabulary_get_title (vocabulary),
                             tessera_vocabulary_get_label (vocabulary, position));
  adw_window_title_set_subtitle (self->window_title, message);
}

/* The bar above the article follows what the claim section waits for. */
static void
on_inspector_picking_changed (TesseraWindow *self)
{
  tessera_attribution_bar_set_pick (self->attribution_bar,
                                    tessera_claim_section_get_pick (claim_section (self)));
}

void
_tessera_window_claims_update_actions (TesseraWindow *self)
{
  gboolean claim = is_writable (self) && selected_claim (self) != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.pick-source", claim);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.pick-cue", claim);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.set-claim-source", claim);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.set-claim-cue", claim);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cycle-quote-type", claim);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cycle-factuality", claim);
}

/* The keys of a selected claim and Enter, in the article's shortcut controller. */
void
_tessera_window_claims_add_shortcuts (TesseraWindow         *self,
                                      GtkShortcutController *controller)
{
  static const struct {
    guint            keyval;
    GdkModifierType  modifiers;
    const char      *action;
    int              step;
  } keys[] = {
    { GDK_KEY_s, 0, "win.pick-source", 0 },
    { GDK_KEY_c, 0, "win.pick-cue", 0 },
    { GDK_KEY_Q, GDK_SHIFT_MASK, "win.cycle-quote-type", -1 },
    { GDK_KEY_q, 0, "win.cycle-quote-type", 1 },
    { GDK_KEY_F, GDK_SHIFT_MASK, "win.cycle-factuality", -1 },
    { GDK_KEY_f, 0, "win.cycle-factuality", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkShortcut *shortcut =
        gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].keyval, keys[i].modifiers),
                          gtk_named_action_new (keys[i].action));

      if (keys[i].step != 0)
        gtk_shortcut_set_arguments (shortcut, g_variant_new_int32 (keys[i].step));
      gtk_shortcut_controller_add_shortcut (controller, shortcut);
    }
  gtk_shortcut_controller_add_shortcut (controller,
    gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Return, 0),
                                                   gtk_keyval_trigger_new (GDK_KEY_KP_Enter, 0)),
                      gtk_callback_action_new (enter_pressed, self, NULL)));
}

void
_tessera_window_class_claims_init (TesseraWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (TESSERA_TYPE_ATTRIBUTION_BAR);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, attribution_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_inspector_picking_changed);

  gtk_widget_class_install_action (widget_class, "win.pick-source", NULL, pick_action);
  gtk_widget_class_install_action (widget_class, "win.pick-cue", NULL, pick_action);
  gtk_widget_class_install_action (widget_class, "win.set-claim-source", "x",
                                   set_claim_role_action);
  gtk_widget_class_install_action (widget_class, "win.set-claim-cue", "x", set_claim_role_action);
  gtk_widget_class_install_action (widget_class, "win.cycle-quote-type", "i", cycle_action);
  gtk_widget_class_install_action (widget_class, "win.cycle-factuality", "i", cycle_action);
}
