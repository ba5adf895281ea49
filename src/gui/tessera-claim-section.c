/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-claim-section.h"
#include "tessera-entity-chooser.h"

/* A claim's attribution: who says it (picked in the text or chosen among the entities), with
 * which words, and how it is reported. */

#define SHOWN_TEXT_LENGTH 60

struct _TesseraClaimSection
{
  GtkWidget              parent_instance;

  /* Template widgets */
  AdwPreferencesGroup   *attribution_group;
  AdwActionRow          *source_row;
  GtkToggleButton       *source_pick_button;
  GtkWidget             *source_clear_button;
  AdwActionRow          *cue_row;
  GtkToggleButton       *cue_pick_button;
  GtkWidget             *cue_clear_button;
  GtkLabel              *pick_error_label;
  AdwPreferencesGroup   *source_chooser_group;
  TesseraEntityChooser  *source_chooser;
  AdwPreferencesGroup   *reporting_group;
  AdwComboRow           *source_kind_row;
  AdwComboRow           *quote_type_row;
  AdwComboRow           *polarity_row;
  AdwComboRow           *factuality_row;
  AdwComboRow           *writer_distance_row;
  AdwEntryRow           *date_row;
  AdwEntryRow           *topic_row;

  TesseraStore          *store;
  TesseraClaim          *claim;       /* of the annotation shown, or NULL */
  TesseraPickTarget      pick;
  gboolean               then_cue;    /* the source picked, the cue is asked for */
  TesseraRange           proposed;    /* the cue proposed, selected in the text */
  guint                  syncing;
};

static void section_iface_init (TesseraInspectorSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TesseraClaimSection, tessera_claim_section, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (TESSERA_TYPE_INSPECTOR_SECTION,
                                                      section_iface_init))

enum {
  PROP_0,
  PROP_PICKING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Vocabularies ------------------------------------------------------------------------- */

/* The claim's drop-downs: each a field of the claim, filled from its vocabulary
 * (tessera-vocabulary.h), whose name is the field's for tessera_store_set_claim_field(). */
typedef struct
{
  TesseraVocabulary      vocabulary;
  gsize                  row_offset; /* of its AdwComboRow in the section */
  const char          *(*get)        (TesseraClaim *claim);
} ClaimVocabulary;

static const ClaimVocabulary claim_vocabularies[] = {
  { TESSERA_VOCABULARY_SOURCE_KIND, G_STRUCT_OFFSET (TesseraClaimSection, source_kind_row),
    tessera_claim_get_source_kind },
  { TESSERA_VOCABULARY_QUOTE_TYPE, G_STRUCT_OFFSET (TesseraClaimSection, quote_type_row),
    tessera_claim_get_quote_type },
  { TESSERA_VOCABULARY_POLARITY, G_STRUCT_OFFSET (TesseraClaimSection, polarity_row),
    tessera_claim_get_polarity },
  { TESSERA_VOCABULARY_FACTUALITY, G_STRUCT_OFFSET (TesseraClaimSection, factuality_row),
    tessera_claim_get_factuality },
  { TESSERA_VOCABULARY_WRITER_DISTANCE,
    G_STRUCT_OFFSET (TesseraClaimSection, writer_distance_row),
    tessera_claim_get_writer_distance },
};

static AdwComboRow *
vocabulary_row (TesseraClaimSection   *self,
                const ClaimVocabulary *vocabulary)
{
  return G_STRUCT_MEMBER (AdwComboRow *, self, vocabulary->row_offset);
}

/* The popover's items wrap: French labels are long and the pane sits at the screen edge. */
static void
vocabulary_item_setup (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       AdwComboRow              *row)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), tessera_inspector_section_check_new (item, row));
  gtk_list_item_set_child (item, box);
}

static void
vocabulary_item_bind (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      AdwComboRow              *row)
{
  GtkWidget *label = gtk_widget_get_first_child (gtk_list_item_get_child (item));

  gtk_label_set_text (GTK_LABEL (label),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
  tessera_inspector_section_bind_check (item, row);
}

/* Fills every drop-down from claim_vocabularies: item 0 is "Not set", item i + 1 is the
 * i-th code. Each row remembers its vocabulary. */
static void
setup_vocabulary_rows (TesseraClaimSection *self)
{
  for (guint v = 0; v < G_N_ELEMENTS (claim_vocabularies); v++)
    {
      const ClaimVocabulary *vocabulary = &claim_vocabularies[v];
      TesseraVocabulary terms = vocabulary->vocabulary;
      AdwComboRow *row = vocabulary_row (self, vocabulary);
      g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      gtk_string_list_append (list, _("Not set"));
      for (guint i = 0; i < tessera_vocabulary_get_n_terms (terms); i++)
        {
          const char *code = tessera_vocabulary_get_code (terms, i);
          const char *label = tessera_vocabulary_get_label (terms, i);
          g_autofree char *text = NULL;

          /* TRANSLATORS: a FactBank code and its meaning, e.g. "CT+ — certain, positive" */
          text = tessera_vocabulary_shows_code (terms) ? g_strdup_printf (_("%s — %s"), code, label)
                                                       : g_strdup (label);
          gtk_string_list_append (list, text);
        }

      g_signal_connect (factory, "setup", G_CALLBACK (vocabulary_item_setup), row);
      g_signal_connect (factory, "bind", G_CALLBACK (vocabulary_item_bind), row);
      g_signal_connect (factory, "unbind", G_CALLBACK (tessera_inspector_section_unbind_check),
                        row);
      adw_combo_row_set_list_factory (row, factory);

      g_object_set_data (G_OBJECT (row), "tessera-vocabulary", (gpointer) vocabulary);
      adw_combo_row_set_model (row, G_LIST_MODEL (list));
    }
}

static void
select_code (AdwComboRow *row,
             const char  *code)
{
  const ClaimVocabulary *vocabulary = g_object_get_data (G_OBJECT (row), "tessera-vocabulary");
  guint position = 0;

  if (tessera_vocabulary_lookup (vocabulary->vocabulary, code, &position))
    position++;
  adw_combo_row_set_selected (row, position);
}

static const char *
selected_code (AdwComboRow *row)
{
  const ClaimVocabulary *vocabulary = g_object_get_data (G_OBJECT (row), "tessera-vocabulary");
  guint position = adw_combo_row_get_selected (row);

  if (position == 0 || position == GTK_INVALID_LIST_POSITION)
    return NULL;
  return tessera_vocabulary_get_code (vocabulary->vocabulary, position - 1);
}

/* Edits ---------------------------------------------------------------------------------- */

static gint64
claim_id (TesseraClaimSection *self)
{
  return tessera_claim_get_annotation_id (self->claim);
}

/* After one store call: on failure the controls go back to what the store holds. */
static gboolean
committed (TesseraClaimSection *self,
           gboolean             done,
           const GError        *error)
{
  if (done)
    return TRUE;
  tessera_inspector_section_show_error (TESSERA_INSPECTOR_SECTION (self), error->message);
  tessera_inspector_section_reload (TESSERA_INSPECTOR_SECTION (self));
  return FALSE;
}

static gboolean
set_field (TesseraClaimSection *self,
           const char          *field,
           const char          *value)
{
  g_autoptr(GError) error = NULL;

  return committed (self, tessera_store_set_claim_field (self->store, claim_id (self), field,
                                                         value, &error), error);
}

static gboolean
set_source (TesseraClaimSection *self,
            gint64               mention_id,
            gint64               entity_id)
{
  g_autoptr(GError) error = NULL;

  return committed (self, tessera_store_set_claim_source (self->store, claim_id (self),
                                                          mention_id, entity_id, &error), error);
}

static gboolean
set_cue (TesseraClaimSection *self,
         gint64               cue_id)
{
  g_autoptr(GError) error = NULL;

  return committed (self, tessera_store_set_claim_cue (self->store, claim_id (self), cue_id,
                                                       &error), error);
}

static void
on_claim_code_selected (TesseraClaimSection *self,
                        GParamSpec          *pspec,
                        AdwComboRow         *row)
{
  const ClaimVocabulary *vocabulary = g_object_get_data (G_OBJECT (row), "tessera-vocabulary");

  if (self->syncing || self->claim == NULL || vocabulary == NULL)
    return;
  set_field (self, tessera_vocabulary_get_name (vocabulary->vocabulary), selected_code (row));
}

static gboolean
is_iso_date (const char *text)
{
  static const char *pattern =
    "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01])"
    "(T[0-2][0-9]:[0-5][0-9](:[0-5][0-9](\\.[0-9]+)?)?(Z|[+-][0-2][0-9]:?[0-5][0-9])?)?)?)?$";
  g_auto(GStrv) parts = g_strsplit (text, "/", 3);
  guint n = g_strv_length (parts);

  /* A date, or an interval of two. */
  if (n == 0 || n > 2)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      if (!g_regex_match_simple (pattern, parts[i], 0, 0))
        return FALSE;
    }
  return TRUE;
}

static void
on_date_changed (TesseraClaimSection *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
}

static void
on_date_apply (TesseraClaimSection *self,
               AdwEntryRow         *row)
{
  g_autofree char *date = tessera_inspector_section_dup_text (GTK_EDITABLE (row));

  if (self->claim == NULL ||
      g_strcmp0 (*date ? date : NULL, tessera_claim_get_statement_date (self->claim)) == 0)
    return;
  if (*date != '\0' && !is_iso_date (date))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not an ISO 8601 date: write 2024, 2024-03 or 2024-03-18"),
                         date);

      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      tessera_inspector_section_show_error (TESSERA_INSPECTOR_SECTION (self), message);
      return;
    }
  set_field (self, "statement-date", date);
}

static void
on_topic_apply (TesseraClaimSection *self,
                AdwEntryRow         *row)
{
  g_autofree char *topic = tessera_inspector_section_dup_text (GTK_EDITABLE (row));

  if (self->claim == NULL ||
      g_strcmp0 (*topic ? topic : NULL, tessera_claim_get_topic (self->claim)) == 0)
    return;
  set_field (self, "topic", topic);
}

static void
on_source_clear_clicked (TesseraClaimSection *self)
{
  if (self->claim != NULL)
    set_source (self, 0, 0);
}

static void
on_cue_clear_clicked (TesseraClaimSection *self)
{
  if (self->claim != NULL)
    set_cue (self, 0);
}

/* Picking a claim's source or cue in the text -------------------------------------------- */

static void
show_pick_error (TesseraClaimSection *self,
                 const char          *message)
{
  gtk_label_set_text (self->pick_error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->pick_error_label), message != NULL);
}

/* The words that most likely attribute the claim, selected in the text so that Enter
 * accepts them; with none, no selection, so that Enter does not take the source's words. */
static void
propose_cue (TesseraClaimSection *self,
             TesseraTextView     *text_view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
  TesseraAnnotationList *annotations = tessera_text_view_get_annotations (text_view);
  TesseraAnnotation *annotation = annotations != NULL
    ? tessera_annotation_list_lookup (annotations, claim_id (self)) : NULL;
  const char *text = tessera_text_view_get_text (text_view);
  const TesseraRange *ranges;
  guint n, start, end;
  GtkTextIter cursor;

  if (annotation == NULL || text == NULL)
    return;
  ranges = tessera_annotation_get_ranges (annotation, &n);
  if (tessera_claim_get_cue_annotation_id (self->claim) == 0 &&
      tessera_propose_cue (text, ranges, n, &start, &end))
    {
      tessera_text_view_select_text (text_view, start, end);
      self->proposed.start = start;
      self->proposed.end = end;
      return;
    }
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  gtk_text_buffer_place_cursor (buffer, &cursor);
}

/* The cue step over: the words proposed, if still selected as they were, are let go. */
static void
forget_proposal (TesseraClaimSection *self,
                 TesseraTextView     *text_view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
  GtkTextIter start, end;

  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end) &&
      (guint) gtk_text_iter_get_offset (&start) == self->proposed.start &&
      (guint) gtk_text_iter_get_offset (&end) == self->proposed.end)
    gtk_text_buffer_place_cursor (buffer, &end);
  self->proposed.start = self->proposed.end = 0;
}

/**
 * tessera_claim_section_set_pick:
 * @pick: what a click in the text is now awaited as
 */
void
tessera_claim_section_set_pick (TesseraClaimSection *self,
                                TesseraPickTarget    pick)
{
  TesseraTextView *text_view;
  TesseraPickTarget was_picking;
  gboolean for_source;

  g_return_if_fail (TESSERA_IS_CLAIM_SECTION (self));

  if (self->claim == NULL)
    pick = TESSERA_PICK_NONE;
  was_picking = self->pick;
  self->pick = pick;
  self->then_cue = FALSE;
  text_view = tessera_inspector_section_get_text_view (TESSERA_INSPECTOR_SECTION (self));
  if (text_view != NULL)
    tessera_text_view_set_pick_mode (text_view, pick != TESSERA_PICK_NONE);

  self->syncing++;
  gtk_toggle_button_set_active (self->source_pick_button, pick == TESSERA_PICK_SOURCE);
  gtk_toggle_button_set_active (self->cue_pick_button, pick == TESSERA_PICK_CUE);
  self->syncing--;

  /* What to do is said above the article (tessera-attribution-bar.c). */
  show_pick_error (self, NULL);

  /* The project's entities are listed only while one may be chosen. */
  for_source = pick == TESSERA_PICK_SOURCE;
  gtk_widget_set_visible (GTK_WIDGET (self->source_chooser_group), for_source);
  tessera_entity_chooser_set_filter (self->source_chooser, for_source ? self->store : NULL, 0,
                                     for_source ? tessera_claim_get_source_entity_id (self->claim)
                                                : 0);

  if (pick == TESSERA_PICK_CUE && text_view != NULL && was_picking != TESSERA_PICK_CUE)
    propose_cue (self, text_view);
  else if (was_picking == TESSERA_PICK_CUE && pick != TESSERA_PICK_CUE && text_view != NULL)
    forget_proposal (self, text_view);
  if (was_picking != pick)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PICKING]);
}

/**
 * tessera_claim_section_start_attribution:
 *
 * Asks for the claim's source, then for its cue: what follows marking a claim.
 */
void
tessera_claim_section_start_attribution (TesseraClaimSection *self)
{
  g_return_if_fail (TESSERA_IS_CLAIM_SECTION (self));

  tessera_claim_section_set_pick (self, TESSERA_PICK_SOURCE);
  self->then_cue = self->pick == TESSERA_PICK_SOURCE;
}

/**
 * tessera_claim_section_pick_done:
 *
 * The source or cue awaited is set, or skipped: the next step, the cue after the source
 * when the whole attribution was asked for, or none.
 */
void
tessera_claim_section_pick_done (TesseraClaimSection *self)
{
  g_return_if_fail (TESSERA_IS_CLAIM_SECTION (self));

  tessera_claim_section_set_pick (self, self->pick == TESSERA_PICK_SOURCE && self->then_cue &&
                                        self->claim != NULL &&
                                        tessera_claim_get_cue_annotation_id (self->claim) == 0
                                        ? TESSERA_PICK_CUE : TESSERA_PICK_NONE);
}

TesseraPickTarget
tessera_claim_section_get_pick (TesseraClaimSection *self)
{
  g_return_val_if_fail (TESSERA_IS_CLAIM_SECTION (self), TESSERA_PICK_NONE);
  return self->pick;
}

static void
on_pick_toggled (TesseraClaimSection *self,
                 GtkToggleButton     *button)
{
  TesseraPickTarget target = button == self->source_pick_button ? TESSERA_PICK_SOURCE
                                                                : TESSERA_PICK_CUE;

  if (self->syncing)
    return;

  if (gtk_toggle_button_get_active (button))
    tessera_claim_section_set_pick (self, target);
  else if (self->pick == target)
    tessera_claim_section_set_pick (self, TESSERA_PICK_NONE);
}

/**
 * tessera_claim_section_pick_entity:
 * @entity_id: an entity the user chose (here or in the sidebar)
 *
 * While the source is picked, makes @entity_id the claim's source. Does nothing otherwise.
 */
void
tessera_claim_section_pick_entity (TesseraClaimSection *self,
                                   gint64               entity_id)
{
  g_return_if_fail (TESSERA_IS_CLAIM_SECTION (self));

  if (self->pick != TESSERA_PICK_SOURCE || self->claim == NULL || entity_id == 0)
    return;
  if (set_source (self, 0, entity_id))
    tessera_claim_section_pick_done (self);
}

static void
on_source_chosen (TesseraClaimSection *self,
                  gint64               entity_id)
{
  tessera_claim_section_pick_entity (self, entity_id);
}

/**
 * tessera_claim_section_pick_annotation:
 * @annotation_id: the annotation clicked in the text while picking
 *
 * Makes it the claim's source or cue, or says why it cannot be.
 */
void
tessera_claim_section_pick_annotation (TesseraClaimSection *self,
                                       gint64               annotation_id)
{
  TesseraInspectorSection *section = TESSERA_INSPECTOR_SECTION (self);
  g_autoptr(TesseraAnnotation) picked = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *described = NULL;
  g_autofree char *message = NULL;
  TesseraKind kind;

  g_return_if_fail (TESSERA_IS_CLAIM_SECTION (self));

  if (self->pick == TESSERA_PICK_NONE || self->claim == NULL || self->store == NULL)
    return;

  if (annotation_id == claim_id (self))
    {
      show_pick_error (self,
                       self->pick == TESSERA_PICK_SOURCE
                       ? _("A claim cannot be its own source: click the mention of who says it.")
                       : _("A claim cannot be its own cue: click the words that attribute it."));
      return;
    }

  picked = tessera_store_dup_annotation (self->store, annotation_id, &error);
  if (picked == NULL)
    {
      tessera_inspector_section_show_error (section, error->message);
      return;
    }
  kind = tessera_inspector_section_get_kind (self->store, picked);
  described = tessera_text_view_describe (tessera_inspector_section_get_text_view (section),
                                          picked);

  if (self->pick == TESSERA_PICK_SOURCE)
    {
      if (tessera_kind_links_entity (kind))
        {
          if (set_source (self, annotation_id, 0))
            tessera_claim_section_pick_done (self);
          return;
        }
      /* TRANSLATORS: %s is an annotation, e.g. Cue «selon» */
      message = g_strdup_printf (_("%s is not a mention. Click the name of the person or "
                                   "organisation who says it."), described);
    }
  else
    {
      if (tessera_kind_can_be_cue (kind))
        {
          if (set_cue (self, annotation_id))
            tessera_claim_section_pick_done (self);
          return;
        }
      /* TRANSLATORS: %s is an annotation, e.g. Person «Oumar Diarra» */
      message = g_strdup_printf (_("%s is not a cue. Mark the words that attribute the "
                                   "claim («selon», «a souligné»…) as a cue first."),
                                 described);
    }
  show_pick_error (self, message);
}

/* Showing the claim ---------------------------------------------------------------------- */

/* «text» of another annotation of the document, shortened; NULL if it is gone. */
static char *
dup_quoted_annotation (TesseraClaimSection *self,
                       gint64               annotation_id)
{
  g_autoptr(TesseraAnnotation) annotation = NULL;
  g_autofree char *covered = NULL;
  g_autofree char *shown = NULL;

  if (annotation_id == 0)
    return NULL;
  annotation = tessera_store_dup_annotation (self->store, annotation_id, NULL);
  if (annotation == NULL)
    return NULL;
  covered = tessera_inspector_section_dup_covered_text (TESSERA_INSPECTOR_SECTION (self),
                                                        annotation, " … ");
  shown = tessera_inspector_section_shorten (covered, SHOWN_TEXT_LENGTH);
  return g_strdup_printf (C_("quoted text", "«%s»"), shown);
}

/* Whether «quoted» is the entity's name already, so that it need not be repeated. */
static gboolean
names_entity (const char *quoted,
              const char *name)
{
  g_autofree char *expected = g_strdup_printf (C_("quoted text", "«%s»"), name);
  g_autofree char *a = tessera_text_fold (quoted);
  g_autofree char *b = tessera_text_fold (expected);

  return g_str_equal (a, b);
}

static void
sync_claim (TesseraClaimSection *self,
            gboolean             fresh)
{
  g_autofree char *source_mention = NULL;
  g_autofree char *cue = NULL;
  g_autofree char *source = NULL;
  g_autoptr(TesseraEntity) source_entity = NULL;
  gboolean has_source;

  source_mention = dup_quoted_annotation (self,
                                          tessera_claim_get_source_annotation_id (self->claim));
  if (tessera_claim_get_source_entity_id (self->claim) != 0)
    source_entity = tessera_store_dup_entity (self->store,
                                              tessera_claim_get_source_entity_id (self->claim),
                                              NULL);
  if (source_mention != NULL && source_entity != NULL &&
      !names_entity (source_mention, tessera_entity_get_name (source_entity)))
    source = g_strdup_printf ("%s · %s", source_mention, tessera_entity_get_name (source_entity));
  else if (source_mention != NULL)
    source = g_steal_pointer (&source_mention);
  else if (source_entity != NULL)
    source = g_strdup (tessera_entity_get_name (source_entity));
  has_source = source != NULL;
  adw_action_row_set_subtitle (self->source_row, has_source ? source : _("Not set"));
  gtk_widget_set_visible (self->source_clear_button, has_source);

  cue = dup_quoted_annotation (self, tessera_claim_get_cue_annotation_id (self->claim));
  adw_action_row_set_subtitle (self->cue_row, cue != NULL ? cue : _("Not marked"));
  gtk_widget_set_visible (self->cue_clear_button, cue != NULL);

  for (guint v = 0; v < G_N_ELEMENTS (claim_vocabularies); v++)
    select_code (vocabulary_row (self, &claim_vocabularies[v]),
                 claim_vocabularies[v].get (self->claim));
  tessera_inspector_section_sync_entry (self->date_row,
                                        tessera_claim_get_statement_date (self->claim), fresh);
  tessera_inspector_section_sync_entry (self->topic_row, tessera_claim_get_topic (self->claim),
                                        fresh);
  if (fresh)
    gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
}

static void
tessera_claim_section_set_annotation (TesseraInspectorSection *section,
                                      TesseraStore            *store,
                                      TesseraAnnotation       *annotation)
{
  TesseraClaimSection *self = TESSERA_CLAIM_SECTION (section);
  gint64 shown_id = self->claim != NULL ? claim_id (self) : 0;
  gboolean fresh;
  gboolean writable;

  fresh = store != self->store || annotation == NULL ||
          tessera_annotation_get_id (annotation) != shown_id;
  g_set_object (&self->store, store);
  g_clear_object (&self->claim);
  if (annotation != NULL &&
      tessera_kind_carries_claim (tessera_inspector_section_get_kind (store, annotation)))
    self->claim = tessera_store_dup_claim (store, tessera_annotation_get_id (annotation), NULL);

  gtk_widget_set_visible (GTK_WIDGET (self), self->claim != NULL);
  if (self->pick != TESSERA_PICK_NONE && (fresh || self->claim == NULL))
    tessera_claim_section_set_pick (self, TESSERA_PICK_NONE);
  if (self->claim == NULL)
    return;

  self->syncing++;
  if (fresh)
    show_pick_error (self, NULL);
  sync_claim (self, fresh);
  writable = !tessera_store_is_read_only (store);
  gtk_widget_set_sensitive (GTK_WIDGET (self->attribution_group), writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->source_chooser_group), writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reporting_group), writable);
  self->syncing--;
}

static void
section_iface_init (TesseraInspectorSectionInterface *iface)
{
  iface->set_annotation = tessera_claim_section_set_annotation;
}

/**
 * tessera_claim_section_get_claim:
 *
 * Returns: (transfer none) (nullable): the claim shown
 */
TesseraClaim *
tessera_claim_section_get_claim (TesseraClaimSection *self)
{
  g_return_val_if_fail (TESSERA_IS_CLAIM_SECTION (self), NULL);
  return self->claim;
}

/**
 * tessera_claim_section_refers_to:
 * @annotation_id: an annotation, or 0
 * @entity_id: an entity, or 0
 *
 * Returns: whether the claim shown names @annotation_id as its source or cue, or
 *   @entity_id as its source: a change to them changes what the section shows
 */
gboolean
tessera_claim_section_refers_to (TesseraClaimSection *self,
                                 gint64               annotation_id,
                                 gint64               entity_id)
{
  g_return_val_if_fail (TESSERA_IS_CLAIM_SECTION (self), FALSE);

  if (self->claim == NULL)
    return FALSE;
  return (annotation_id != 0 &&
          (annotation_id == tessera_claim_get_source_annotation_id (self->claim) ||
           annotation_id == tessera_claim_get_cue_annotation_id (self->claim))) ||
         (entity_id != 0 && entity_id == tessera_claim_get_source_entity_id (self->claim));
}

/* GObject -------------------------------------------------------------------------------- */

static void
tessera_claim_section_dispose (GObject *object)
{
  TesseraClaimSection *self = TESSERA_CLAIM_SECTION (object);

  tessera_inspector_section_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_CLAIM_SECTION);
  g_clear_object (&self->claim);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tessera_claim_section_parent_class)->dispose (object);
}

static void
tessera_claim_section_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TesseraClaimSection *self = TESSERA_CLAIM_SECTION (object);

  switch (prop_id)
    {
    case PROP_PICKING:
      g_value_set_boolean (value, self->pick != TESSERA_PICK_NONE);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_claim_section_class_init (TesseraClaimSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_claim_section_dispose;
  object_class->get_property = tessera_claim_section_get_property;

  /**
   * TesseraClaimSection:picking:
   *
   * Whether the claim's source or cue is being picked in the text; notified at each
   * step, from the source to the cue too (tessera_claim_section_get_pick()).
   */
  properties[PROP_PICKING] =
    g_param_spec_boolean ("picking", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TESSERA_TYPE_ENTITY_CHOOSER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/tessera/Tessera/tessera-claim-section.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraClaimSection, attribution_group);
  gtk_widget_class_bind_template_child (widget_class, TesseraClaimSection, source_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraClaimSection, source_pick_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraClaimSection, source_clear_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraClaimSection, cue_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraClaimSection, cue_pick_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraClaimSection, cue_clear_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraClaimSection, pick_error_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraClaimSection, source_chooser_group);
  gtk_widget_class_bind_template_child (widget_class, TesseraClaimSection, source_chooser);
  gtk_widget_class_bind_template_child (widget_class, TesseraClaimSection, reporting_group);
  gtk_widget_class_bind_template_child (widget_class, TesseraClaimSection, source_kind_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraClaimSection, quote_type_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraClaimSection, polarity_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraClaimSection, factuality_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraClaimSection, writer_distance_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraClaimSection, date_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraClaimSection, topic_row);
  gtk_widget_class_bind_template_callback (widget_class, on_pick_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_source_clear_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cue_clear_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_source_chosen);
  gtk_widget_class_bind_template_callback (widget_class, on_claim_code_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_date_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_topic_apply);
}

static void
tessera_claim_section_init (TesseraClaimSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->syncing++;
  setup_vocabulary_rows (self);
  self->syncing--;
}
