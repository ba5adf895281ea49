/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-inspector"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "tessera-inspector.h"

/*
 * The pane that edits the annotation selected in the text view. The store is the one place
 * state lives: every edit is one store call, and the pane reads the annotation back when
 * the store says it changed. Filling the controls from the store happens with @syncing
 * raised, so that a control set by the program never writes back.
 */

#define ENTITY_LIST_LIMIT 30
#define SHOWN_TEXT_LENGTH 60

typedef enum
{
  PICK_NONE,
  PICK_SOURCE,
  PICK_CUE,
} PickTarget;

typedef struct
{
  const char *code;
  const char *label;
} VocabularyLabel;

struct _TesseraInspector
{
  GtkWidget              parent_instance;

  /* Template widgets */
  GtkStack              *stack;
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
  AdwPreferencesGroup   *linked_group;
  GtkListBox            *linked_list;
  AdwActionRow          *linked_row;
  AdwEntryRow           *authority_row;
  GtkLabel              *authority_scheme_label;
  AdwPreferencesGroup   *attribution_group;
  AdwActionRow          *source_row;
  GtkToggleButton       *source_pick_button;
  GtkWidget             *source_clear_button;
  AdwActionRow          *cue_row;
  GtkToggleButton       *cue_pick_button;
  GtkWidget             *cue_clear_button;
  GtkLabel              *pick_hint_label;
  GtkLabel              *pick_error_label;
  AdwPreferencesGroup   *chooser_group;
  GtkToggleButton       *new_entity_button;
  AdwEntryRow           *new_name_row;
  AdwEntryRow           *new_uri_row;
  GtkLabel              *new_uri_scheme_label;
  GtkSearchEntry        *entity_search;
  GtkListBox            *entity_list;
  GtkLabel              *entity_more_label;
  AdwPreferencesGroup   *reporting_group;
  AdwComboRow           *source_kind_row;
  AdwComboRow           *quote_type_row;
  AdwComboRow           *polarity_row;
  AdwComboRow           *factuality_row;
  AdwComboRow           *writer_distance_row;
  AdwEntryRow           *date_row;
  AdwEntryRow           *topic_row;
  AdwPreferencesGroup   *details_group;
  AdwComboRow           *certainty_row;
  AdwComboRow           *status_row;
  AdwEntryRow           *note_row;
  AdwEntryRow           *normalized_row;

  /* What is shown, as last read from the store */
  TesseraStore          *store;
  TesseraTextView       *text_view;
  gint64                 annotation_id;
  TesseraAnnotation     *annotation;
  TesseraAnnotationType *type;
  TesseraClaim          *claim;
  TesseraEntity         *entity;
  char                  *authority_key;
  PickTarget             pick;
  guint                  syncing;

  /* The tagset, copied so that a tagset reload never moves the type row's selection. */
  GListStore            *types;

  /* Entities: the store's list → filter → sort → the first ENTITY_LIST_LIMIT */
  GtkCustomFilter       *entity_filter;
  GtkFilterListModel    *entity_filtered;
  GtkSortListModel      *entity_sorted;
  GtkSliceListModel     *entity_shown;
  GtkLabel              *entity_placeholder;
  gint64                 filter_type_id;
  GHashTable            *filter_entity_types; /* type ids (0: none) the mention can name */
  gboolean               filter_stale;        /* the tagset changed since it was computed */
  gint64                 filter_exclude_id;
  char                  *search_text;
  char                  *search_key;

  gulong                 store_handlers[4];
  gulong                 view_handlers[2];
};

G_DEFINE_FINAL_TYPE (TesseraInspector, tessera_inspector, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PICKING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (TesseraInspector *self);

/* Vocabularies ------------------------------------------------------------------------- */

static const VocabularyLabel source_kind_labels[] = {
  { "named", N_("Named source") },
  { "anonymous", N_("Anonymous source") },
  { "collective", N_("Collective (“experts”, “the police”)") },
  { "document", N_("Document or report") },
  { "writer", N_("The writer") },
};

static const VocabularyLabel quote_type_labels[] = {
  { "direct", N_("Direct quote") },
  { "indirect", N_("Indirect (reported speech)") },
  { "mixed", N_("Mixed") },
  { "according-to", N_("“According to”") },
};

static const VocabularyLabel polarity_labels[] = {
  { "positive", N_("Positive") },
  { "negative", N_("Negative") },
  { "neutral", N_("Neutral") },
  { "underspecified", N_("Underspecified") },
};

/* FactBank values; the code stays visible, annotators know them by it. */
static const VocabularyLabel factuality_labels[] = {
  { "CT+", N_("certain, positive") },
  { "CT-", N_("certain, negative") },
  { "PR+", N_("probable, positive") },
  { "PR-", N_("probable, negative") },
  { "PS+", N_("possible, positive") },
  { "PS-", N_("possible, negative") },
  { "CTu", N_("certain, polarity unknown") },
  { "Uu", N_("uncommitted") },
};

static const VocabularyLabel writer_distance_labels[] = {
  { "endorsed", N_("Endorsed by the writer") },
  { "neutral", N_("Neutral (reported as is)") },
  { "distanced", N_("Distanced (e.g. reporting conditional)") },
};

static const char *
vocabulary_label (const VocabularyLabel *labels,
                  guint                  n_labels,
                  const char            *code)
{
  for (guint i = 0; i < n_labels; i++)
    {
      if (g_str_equal (labels[i].code, code))
        return _(labels[i].label);
    }
  return code;
}

/* The popover's items wrap: French labels are long and the pane sits at the screen edge. */
static void
update_check (GtkListItem *item)
{
  AdwComboRow *row = g_object_get_data (G_OBJECT (item), "tessera-row");
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));

  gtk_widget_set_opacity (check,
                          adw_combo_row_get_selected (row) == gtk_list_item_get_position (item));
}

static void
vocabulary_item_setup (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       AdwComboRow              *row)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
  g_object_set_data (G_OBJECT (item), "tessera-row", row);
}

static void
vocabulary_item_bind (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      AdwComboRow              *row)
{
  GtkWidget *label = gtk_widget_get_first_child (gtk_list_item_get_child (item));

  gtk_label_set_text (GTK_LABEL (label),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
  g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (update_check), item);
  update_check (item);
}

static void
vocabulary_item_unbind (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        AdwComboRow              *row)
{
  g_signal_handlers_disconnect_by_func (row, update_check, item);
}

/* Item 0 is "Not set"; item i + 1 is codes[i]. The row remembers its codes. */
static void
setup_vocabulary_row (AdwComboRow           *row,
                      const char * const    *codes,
                      const VocabularyLabel *labels,
                      guint                  n_labels,
                      gboolean               show_code)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_string_list_append (list, _("Not set"));
  for (guint i = 0; codes[i] != NULL; i++)
    {
      const char *label = vocabulary_label (labels, n_labels, codes[i]);
      g_autofree char *text = NULL;

      /* TRANSLATORS: a FactBank code and its meaning, e.g. "CT+ — certain, positive" */
      text = show_code ? g_strdup_printf (_("%s — %s"), codes[i], label) : g_strdup (label);
      gtk_string_list_append (list, text);
    }

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (vocabulary_item_setup), row);
  g_signal_connect (factory, "bind", G_CALLBACK (vocabulary_item_bind), row);
  g_signal_connect (factory, "unbind", G_CALLBACK (vocabulary_item_unbind), row);
  adw_combo_row_set_list_factory (row, factory);

  g_object_set_data (G_OBJECT (row), "tessera-codes", (gpointer) codes);
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
}

static void
select_code (AdwComboRow *row,
             const char  *code)
{
  const char * const *codes = g_object_get_data (G_OBJECT (row), "tessera-codes");
  guint position = 0;

  for (guint i = 0; code != NULL && codes[i] != NULL; i++)
    {
      if (g_str_equal (codes[i], code))
        position = i + 1;
    }
  adw_combo_row_set_selected (row, position);
}

static const char *
selected_code (AdwComboRow *row)
{
  const char * const *codes = g_object_get_data (G_OBJECT (row), "tessera-codes");
  guint position = adw_combo_row_get_selected (row);

  if (position == 0 || position == GTK_INVALID_LIST_POSITION)
    return NULL;
  return codes[position - 1];
}

static const char *
scheme_label (const char *scheme)
{
  if (g_strcmp0 (scheme, "wikidata") == 0)
    return "Wikidata";
  if (g_strcmp0 (scheme, "geonames") == 0)
    return "GeoNames";
  if (g_strcmp0 (scheme, "viaf") == 0)
    return "VIAF";
  if (g_strcmp0 (scheme, "idref") == 0)
    return "IdRef";
  return _("Web address");
}

/* Small helpers ------------------------------------------------------------------------- */

static void
show_error_message (TesseraInspector *self,
                    const char       *message)
{
  /* The window shows it as a toast. */
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "s", message))
    g_debug ("No win.show-error action for: %s", message);
}

static void
show_error (TesseraInspector *self,
            const GError     *error)
{
  show_error_message (self, error->message);
}

static TesseraKind
current_kind (TesseraInspector *self)
{
  return self->type != NULL ? tessera_annotation_type_get_kind (self->type) : TESSERA_KIND_ENTITY;
}

static gboolean
is_web_address (const char *uri)
{
  return (g_str_has_prefix (uri, "http://") || g_str_has_prefix (uri, "https://")) &&
         g_uri_is_valid (uri, G_URI_FLAGS_NONE, NULL);
}

/* The text an annotation covers, if it is in the document the text view shows. */
static char *
dup_covered_text (TesseraInspector  *self,
                  TesseraAnnotation *annotation,
                  const char        *separator)
{
  const TesseraRange *ranges;
  guint n;

  if (self->text_view == NULL ||
      tessera_text_view_get_document_id (self->text_view) !=
      tessera_annotation_get_document_id (annotation) ||
      tessera_text_view_get_text (self->text_view) == NULL)
    return g_strdup ("");
  ranges = tessera_annotation_get_ranges (annotation, &n);
  return tessera_text_view_dup_covered_text (self->text_view, ranges, n, separator);
}

/* One line, at most @max_length characters. */
static char *
shorten (const char *text,
         guint       max_length)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\r", -1);
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (line->len > 0)
        g_string_append_c (line, ' ');
      g_string_append (line, words[i]);
    }

  if (g_utf8_strlen (line->str, -1) > max_length)
    {
      g_autofree char *head = g_utf8_substring (line->str, 0, max_length - 1);
      return g_strconcat (head, "…", NULL);
    }
  return g_string_free (g_steal_pointer (&line), FALSE);
}

/* «text» of another annotation of the document, shortened; NULL if it is gone. */
static char *
dup_quoted_annotation (TesseraInspector *self,
                       gint64            annotation_id)
{
  g_autoptr(TesseraAnnotation) annotation = NULL;
  g_autofree char *covered = NULL;
  g_autofree char *shown = NULL;

  if (annotation_id == 0 || self->store == NULL)
    return NULL;
  annotation = tessera_store_dup_annotation (self->store, annotation_id, NULL);
  if (annotation == NULL)
    return NULL;
  covered = dup_covered_text (self, annotation, " … ");
  shown = shorten (covered, SHOWN_TEXT_LENGTH);
  return g_strdup_printf (C_("quoted text", "«%s»"), shown);
}

/* Sets an entry row's text without revealing its apply button. */
static void
set_entry_row_text (AdwEntryRow *row,
                    const char  *text)
{
  gboolean apply = adw_entry_row_get_show_apply_button (row);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  if (apply)
    {
      adw_entry_row_set_show_apply_button (row, FALSE);
      adw_entry_row_set_show_apply_button (row, TRUE);
    }
}

/* Fills an entry from the store unless the user is typing in it. */
static void
sync_entry_row (AdwEntryRow *row,
                const char  *text,
                gboolean     fresh)
{
  if (!fresh && gtk_widget_has_focus (GTK_WIDGET (row)))
    return;
  if (!fresh && (gtk_widget_get_state_flags (GTK_WIDGET (row)) & GTK_STATE_FLAG_FOCUS_WITHIN))
    return;
  set_entry_row_text (row, text);
}

static char *
strip_dup (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

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
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  type_item_setup (factory, item, NULL);
  box = gtk_list_item_get_child (item);
  gtk_widget_set_hexpand (gtk_widget_get_last_child (box), TRUE);
  gtk_label_set_xalign (GTK_LABEL (gtk_widget_get_last_child (box)), 0);
  gtk_accessible_update_state (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_append (GTK_BOX (box), check);
  g_object_set_data (G_OBJECT (item), "tessera-row", row);
}

static void
type_list_item_bind (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     AdwComboRow              *row)
{
  type_item_bind (factory, item, NULL);
  g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (update_check), item);
  update_check (item);
}

static void
sync_types (TesseraInspector *self)
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

static const char *
type_label_for (TesseraInspector *self,
                gint64            type_id)
{
  GListModel *types = G_LIST_MODEL (self->types);

  for (guint i = 0; i < g_list_model_get_n_items (types); i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (types, i);

      if (tessera_annotation_type_get_id (type) == type_id)
        return tessera_annotation_type_get_label_localized (type);
    }
  return NULL;
}

/* Entities to choose from --------------------------------------------------------------- */

static gboolean
entity_visible (gpointer item,
                gpointer data)
{
  TesseraInspector *self = data;
  TesseraEntity *entity = item;
  const char *name = tessera_entity_get_name (entity);
  g_autofree char *folded = NULL;
  const TesseraAuthority *authorities;
  guint n_authorities;

  if (tessera_entity_get_id (entity) == self->filter_exclude_id)
    return FALSE;
  if (self->filter_type_id != 0 &&
      !g_hash_table_contains (self->filter_entity_types,
                              &(gint64) { tessera_entity_get_type_id (entity) }))
    return FALSE;
  if (self->search_key == NULL)
    return TRUE;

  if (g_str_match_string (self->search_text, name, TRUE))
    return TRUE;
  folded = tessera_text_fold (name);
  if (strstr (folded, self->search_key) != NULL)
    return TRUE;

  /* A Wikidata or GeoNames identifier finds its entity too. */
  authorities = tessera_entity_get_authorities (entity, &n_authorities);
  for (guint i = 0; i < n_authorities; i++)
    {
      if (strstr (authorities[i].uri, self->search_text) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Most mentioned first: the entity one wants is usually a frequent one. */
static int
compare_entities (gconstpointer a,
                  gconstpointer b,
                  gpointer      data)
{
  guint count_a = tessera_entity_get_mention_count ((TesseraEntity *) a);
  guint count_b = tessera_entity_get_mention_count ((TesseraEntity *) b);
  int order;

  if (count_a != count_b)
    return count_a > count_b ? -1 : 1;
  order = g_utf8_collate (tessera_entity_get_name ((TesseraEntity *) a),
                          tessera_entity_get_name ((TesseraEntity *) b));
  return order < 0 ? -1 : order > 0 ? 1 : 0;
}

static GtkWidget *
create_entity_row (gpointer item,
                   gpointer data)
{
  TesseraInspector *self = data;
  TesseraEntity *entity = item;
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GString) subtitle = g_string_new (NULL);
  guint mentions = tessera_entity_get_mention_count (entity);
  const char *type_label = type_label_for (self, tessera_entity_get_type_id (entity));
  const TesseraAuthority *authorities;
  guint n_authorities;
  gint64 id = tessera_entity_get_id (entity);

  if (type_label != NULL)
    g_string_append (subtitle, type_label);
  if (subtitle->len > 0)
    g_string_append (subtitle, " · ");
  g_string_append_printf (subtitle, ngettext ("%u mention", "%u mentions", mentions), mentions);
  authorities = tessera_entity_get_authorities (entity, &n_authorities);
  for (guint i = 0; i < n_authorities; i++)
    g_string_append_printf (subtitle, " · %s", scheme_label (authorities[i].scheme));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tessera_entity_get_name (entity));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "tessera-entity-id", g_memdup2 (&id, sizeof id), g_free);
  return row;
}

static void
update_entity_more_label (TesseraInspector *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entity_filtered));

  if (n == 0)
    gtk_label_set_text (self->entity_placeholder,
                        self->search_key != NULL ? _("No matching entity")
                        : self->filter_type_id != 0 ? _("No other entity this mention can name yet")
                        : _("No entity in the project yet"));

  if (n > ENTITY_LIST_LIMIT)
    {
      g_autofree char *text =
        g_strdup_printf (ngettext ("The first %u of %u entities: type to narrow the list",
                                   "The first %u of %u entities: type to narrow the list", n),
                         ENTITY_LIST_LIMIT, n);

      gtk_label_set_text (self->entity_more_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->entity_more_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->entity_more_label), FALSE);
}

static void
set_entity_filter (TesseraInspector *self,
                   gint64            type_id,
                   gint64            exclude_id)
{
  if (self->filter_type_id == type_id && self->filter_exclude_id == exclude_id &&
      !self->filter_stale)
    return;
  self->filter_stale = FALSE;
  self->filter_type_id = type_id;
  self->filter_exclude_id = exclude_id;
  g_hash_table_remove_all (self->filter_entity_types);
  if (type_id != 0 && self->store != NULL)
    {
      g_autoptr(TesseraAnnotationType) mention_type =
        tessera_store_dup_annotation_type (self->store, type_id);
      GListModel *tagset = tessera_store_get_tagset (self->store);

      /* The store's rule, asked once per type rather than once per entity. */
      if (mention_type != NULL && tessera_annotation_type_can_name (mention_type, NULL))
        g_hash_table_add (self->filter_entity_types, g_memdup2 (&(gint64) { 0 }, 8));
      for (guint i = 0; mention_type != NULL && i < g_list_model_get_n_items (tagset); i++)
        {
          g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (tagset, i);
          gint64 id = tessera_annotation_type_get_id (type);

          if (tessera_annotation_type_can_name (mention_type, type))
            g_hash_table_add (self->filter_entity_types, g_memdup2 (&id, 8));
        }
    }
  gtk_filter_changed (GTK_FILTER (self->entity_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_entity_more_label (self);
}

static void
on_search_changed (TesseraInspector *self,
                   GtkSearchEntry   *entry)
{
  g_autofree char *text = strip_dup (gtk_editable_get_text (GTK_EDITABLE (entry)));

  if (g_strcmp0 (text, self->search_text ? self->search_text : "") == 0)
    return;

  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->search_key, g_free);
  if (*text != '\0')
    {
      self->search_key = tessera_text_fold (text);
      self->search_text = g_steal_pointer (&text);
    }
  gtk_filter_changed (GTK_FILTER (self->entity_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_entity_more_label (self);
}

/* The chooser links a mention, or names a claim's source while the source is picked. */
static void
sync_chooser (TesseraInspector *self)
{
  TesseraKind kind = current_kind (self);
  gboolean for_mention = self->annotation != NULL && kind == TESSERA_KIND_ENTITY;
  gboolean for_source = self->claim != NULL && self->pick == PICK_SOURCE;

  gtk_widget_set_visible (GTK_WIDGET (self->chooser_group), for_mention || for_source);
  gtk_widget_set_visible (GTK_WIDGET (self->new_entity_button), for_mention);

  if (for_mention)
    {
      adw_preferences_group_set_title (self->chooser_group,
                                       self->entity != NULL ? _("Link to Another Entity")
                                                            : _("Link to an Entity"));
      adw_preferences_group_set_description (self->chooser_group, NULL);
      set_entity_filter (self, tessera_annotation_get_type_id (self->annotation),
                         self->entity != NULL ? tessera_entity_get_id (self->entity) : 0);
    }
  else if (for_source)
    {
      adw_preferences_group_set_title (self->chooser_group, _("Or Choose the Source"));
      adw_preferences_group_set_description (self->chooser_group, NULL);
      set_entity_filter (self, 0, tessera_claim_get_source_entity_id (self->claim));
    }
}

/* Picking a claim's source or cue in the text -------------------------------------------- */

static void
show_pick_error (TesseraInspector *self,
                 const char       *message)
{
  gtk_label_set_text (self->pick_error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->pick_error_label), message != NULL);
}

static void
set_pick (TesseraInspector *self,
          PickTarget        pick)
{
  gboolean was_picking = self->pick != PICK_NONE;

  self->pick = pick;
  if (self->text_view != NULL)
    tessera_text_view_set_pick_mode (self->text_view, pick != PICK_NONE);

  self->syncing++;
  gtk_toggle_button_set_active (self->source_pick_button, pick == PICK_SOURCE);
  gtk_toggle_button_set_active (self->cue_pick_button, pick == PICK_CUE);
  self->syncing--;

  switch (pick)
    {
    case PICK_SOURCE:
      gtk_label_set_text (self->pick_hint_label,
                          _("Click the source’s mention in the text, or choose an entity "
                            "below or in the sidebar. Escape cancels."));
      break;
    case PICK_CUE:
      gtk_label_set_text (self->pick_hint_label,
                          _("Click the cue in the text («selon», «a souligné»…). "
                            "Escape cancels."));
      break;
    case PICK_NONE:
    default:
      break;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->pick_hint_label), pick != PICK_NONE);
  show_pick_error (self, NULL);
  sync_chooser (self);

  if (was_picking != (pick != PICK_NONE))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PICKING]);
}

static TesseraClaim *
dup_claim (TesseraInspector *self)
{
  g_autoptr(GError) error = NULL;
  TesseraClaim *claim;

  if (self->claim == NULL || self->store == NULL)
    return NULL;
  claim = tessera_store_dup_claim (self->store, self->annotation_id, &error);
  if (claim == NULL)
    show_error (self, error);
  return claim;
}

/* One undoable change; on failure the controls go back to what the store holds. */
static gboolean
commit_claim (TesseraInspector *self,
              TesseraClaim     *claim)
{
  g_autoptr(GError) error = NULL;

  if (tessera_store_update_claim (self->store, claim, &error))
    return TRUE;
  show_error (self, error);
  reload (self);
  return FALSE;
}

static void
pick_source_mention (TesseraInspector  *self,
                     TesseraAnnotation *mention)
{
  g_autoptr(TesseraClaim) claim = dup_claim (self);
  gint64 entity_id = tessera_annotation_get_entity_id (mention);

  if (claim == NULL)
    return;
  tessera_claim_set_source_annotation_id (claim, tessera_annotation_get_id (mention));
  if (entity_id != 0)
    tessera_claim_set_source_entity_id (claim, entity_id);
  if (tessera_claim_get_source_kind (claim) == NULL)
    tessera_claim_set_source_kind (claim, "named");
  if (commit_claim (self, claim))
    set_pick (self, PICK_NONE);
}

static void
pick_source_entity (TesseraInspector *self,
                    gint64            entity_id)
{
  g_autoptr(TesseraClaim) claim = dup_claim (self);
  gint64 mention_id;

  if (claim == NULL)
    return;

  /* A mention linked to someone else no longer names the source. */
  mention_id = tessera_claim_get_source_annotation_id (claim);
  if (mention_id != 0)
    {
      g_autoptr(TesseraAnnotation) mention =
        tessera_store_dup_annotation (self->store, mention_id, NULL);

      if (mention == NULL ||
          (tessera_annotation_get_entity_id (mention) != 0 &&
           tessera_annotation_get_entity_id (mention) != entity_id))
        tessera_claim_set_source_annotation_id (claim, 0);
    }
  tessera_claim_set_source_entity_id (claim, entity_id);
  if (tessera_claim_get_source_kind (claim) == NULL)
    tessera_claim_set_source_kind (claim, "named");
  if (commit_claim (self, claim))
    set_pick (self, PICK_NONE);
}

static void
pick_cue (TesseraInspector  *self,
          TesseraAnnotation *cue)
{
  g_autoptr(TesseraClaim) claim = dup_claim (self);

  if (claim == NULL)
    return;
  tessera_claim_set_cue_annotation_id (claim, tessera_annotation_get_id (cue));
  if (commit_claim (self, claim))
    set_pick (self, PICK_NONE);
}

static void
on_annotation_picked (TesseraInspector *self,
                      gint64            annotation_id,
                      TesseraTextView  *text_view)
{
  g_autoptr(TesseraAnnotation) picked = NULL;
  g_autoptr(TesseraAnnotationType) type = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *described = NULL;
  g_autofree char *message = NULL;
  TesseraKind kind;

  if (self->pick == PICK_NONE || self->claim == NULL || self->store == NULL)
    return;

  if (annotation_id == self->annotation_id)
    {
      show_pick_error (self,
                       self->pick == PICK_SOURCE
                       ? _("A claim cannot be its own source: click the mention of who says it.")
                       : _("A claim cannot be its own cue: click the words that attribute it."));
      return;
    }

  picked = tessera_store_dup_annotation (self->store, annotation_id, &error);
  if (picked == NULL)
    {
      show_error (self, error);
      return;
    }
  type = tessera_store_dup_annotation_type (self->store, tessera_annotation_get_type_id (picked));
  kind = type != NULL ? tessera_annotation_type_get_kind (type) : TESSERA_KIND_ENTITY;
  described = tessera_text_view_describe (self->text_view, picked);

  if (self->pick == PICK_SOURCE)
    {
      if (kind == TESSERA_KIND_ENTITY)
        pick_source_mention (self, picked);
      else
        {
          /* TRANSLATORS: %s is an annotation, e.g. Cue «selon» */
          message = g_strdup_printf (_("%s is not a mention. Click the name of the person or "
                                       "organisation who says it."), described);
          show_pick_error (self, message);
        }
    }
  else if (self->pick == PICK_CUE)
    {
      if (kind == TESSERA_KIND_CUE)
        pick_cue (self, picked);
      else
        {
          /* TRANSLATORS: %s is an annotation, e.g. Person «Oumar Diarra» */
          message = g_strdup_printf (_("%s is not a cue. Mark the words that attribute the "
                                       "claim («selon», «a souligné»…) as a cue first."),
                                     described);
          show_pick_error (self, message);
        }
    }
}

static void
on_pick_toggled (TesseraInspector *self,
                 GtkToggleButton  *button)
{
  PickTarget target = button == self->source_pick_button ? PICK_SOURCE : PICK_CUE;

  if (self->syncing)
    return;

  if (gtk_toggle_button_get_active (button))
    set_pick (self, target);
  else if (self->pick == target)
    set_pick (self, PICK_NONE);
}

static void
on_source_clear_clicked (TesseraInspector *self)
{
  g_autoptr(TesseraClaim) claim = dup_claim (self);

  if (claim == NULL)
    return;
  tessera_claim_set_source_annotation_id (claim, 0);
  tessera_claim_set_source_entity_id (claim, 0);
  commit_claim (self, claim);
}

static void
on_cue_clear_clicked (TesseraInspector *self)
{
  g_autoptr(TesseraClaim) claim = dup_claim (self);

  if (claim == NULL)
    return;
  tessera_claim_set_cue_annotation_id (claim, 0);
  commit_claim (self, claim);
}

static gboolean
escape_pressed (GtkWidget *widget,
                GVariant  *args,
                gpointer   data)
{
  TesseraInspector *self = TESSERA_INSPECTOR (widget);

  if (self->pick != PICK_NONE)
    {
      set_pick (self, PICK_NONE);
      return TRUE;
    }
  if (gtk_toggle_button_get_active (self->new_entity_button))
    {
      gtk_toggle_button_set_active (self->new_entity_button, FALSE);
      return TRUE;
    }
  return FALSE;
}

/* Showing the annotation ---------------------------------------------------------------- */

static void
sync_header (TesseraInspector *self)
{
  g_autofree char *covered = dup_covered_text (self, self->annotation, " … ");
  g_autofree char *quoted = g_strdup_printf (C_("quoted text", "«%s»"), covered);

  gtk_label_set_text (self->type_label,
                      self->type != NULL ? tessera_annotation_type_get_label_localized (self->type)
                                         : _("Unknown type"));
  set_dot_color (GTK_WIDGET (self->type_dot),
                 self->type != NULL ? tessera_annotation_type_get_color (self->type) : NULL);
  gtk_widget_set_visible (self->suggested_label,
                          tessera_annotation_get_status (self->annotation) ==
                          TESSERA_STATUS_SUGGESTED);
  gtk_label_set_text (self->covered_label, quoted);
  /* The whole span, when three lines are not enough. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->covered_label),
                               g_utf8_strlen (covered, -1) > 120 ? quoted : NULL);
  gtk_widget_set_visible (self->incomplete_box,
                          self->claim != NULL && !tessera_claim_is_complete (self->claim));
}

static gboolean
boundary_target (TesseraInspector *self,
                 const char       *which,
                 guint            *out_offset)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  const TesseraRange *ranges;
  const TesseraRange *first, *last;
  guint n, offset;

  if (self->annotation == NULL || self->text_view == NULL ||
      tessera_text_view_get_document_id (self->text_view) !=
      tessera_annotation_get_document_id (self->annotation))
    return FALSE;

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
  ranges = tessera_annotation_get_ranges (self->annotation, &n);
  if (n == 0 || ranges[n - 1].end > (guint) gtk_text_buffer_get_char_count (buffer))
    return FALSE;
  first = &ranges[0];
  last = &ranges[n - 1];

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

  *out_offset = offset;
  return TRUE;
}

static void
sync_annotation_group (TesseraInspector *self)
{
  GListModel *types = G_LIST_MODEL (self->types);
  gint64 type_id = tessera_annotation_get_type_id (self->annotation);
  guint position = GTK_INVALID_LIST_POSITION;
  guint offset;

  for (guint i = 0; i < g_list_model_get_n_items (types); i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (types, i);

      if (tessera_annotation_type_get_id (type) == type_id)
        position = i;
    }
  adw_combo_row_set_selected (self->type_row, position);

  gtk_widget_set_sensitive (self->start_left_button, boundary_target (self, "start-left", &offset));
  gtk_widget_set_sensitive (self->start_right_button,
                            boundary_target (self, "start-right", &offset));
  gtk_widget_set_sensitive (self->end_left_button, boundary_target (self, "end-left", &offset));
  gtk_widget_set_sensitive (self->end_right_button, boundary_target (self, "end-right", &offset));
}

static void
on_authority_remove_clicked (TesseraInspector *self,
                             GtkButton        *button)
{
  const char *uri = g_object_get_data (G_OBJECT (button), "tessera-uri");
  g_autoptr(GError) error = NULL;

  if (self->entity == NULL || uri == NULL)
    return;
  if (!tessera_store_remove_entity_authority (self->store, tessera_entity_get_id (self->entity),
                                              uri, &error))
    show_error (self, error);
}

static void
sync_authorities (TesseraInspector *self)
{
  g_autoptr(GString) key = g_string_new (NULL);
  const TesseraAuthority *authorities;
  guint n = 0;
  GtkWidget *child;

  authorities = self->entity ? tessera_entity_get_authorities (self->entity, &n) : NULL;
  for (guint i = 0; i < n; i++)
    g_string_append_printf (key, "%s\n%s\n", authorities[i].scheme, authorities[i].uri);

  /* Rebuilding would lose the focus of a row the user is on. */
  if (g_strcmp0 (key->str, self->authority_key) == 0)
    return;
  g_free (self->authority_key);
  self->authority_key = g_string_free (g_steal_pointer (&key), FALSE);

  child = gtk_widget_get_first_child (GTK_WIDGET (self->linked_list));
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (g_object_get_data (G_OBJECT (child), "tessera-authority") != NULL)
        gtk_list_box_remove (self->linked_list, child);
      child = next;
    }

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");
      g_autofree char *label = g_strdup_printf (_("Remove the link to %s"), authorities[i].uri);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     scheme_label (authorities[i].scheme));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), authorities[i].uri);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Remove Authority Link"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data_full (G_OBJECT (button), "tessera-uri", g_strdup (authorities[i].uri),
                              g_free);
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_authority_remove_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      g_object_set_data (G_OBJECT (row), "tessera-authority", GINT_TO_POINTER (TRUE));
      /* After the entity's own row, before the entry that adds one. */
      gtk_list_box_insert (self->linked_list, row, (int) i + 1);
    }
}

static void
sync_entity (TesseraInspector *self,
             gboolean          fresh)
{
  gboolean mention = current_kind (self) == TESSERA_KIND_ENTITY;

  gtk_widget_set_visible (GTK_WIDGET (self->linked_group), mention && self->entity != NULL);

  if (mention && self->entity != NULL)
    {
      const char *description = tessera_entity_get_description (self->entity);
      guint mentions = tessera_entity_get_mention_count (self->entity);
      g_autofree char *subtitle = NULL;

      if (description != NULL && *description != '\0')
        subtitle = g_strdup (description);
      else
        subtitle = g_strdup_printf (ngettext ("%u mention in the project",
                                              "%u mentions in the project", mentions), mentions);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->linked_row),
                                     tessera_entity_get_name (self->entity));
      adw_action_row_set_subtitle (self->linked_row, subtitle);
    }
  sync_authorities (self);
  if (fresh)
    set_entry_row_text (self->authority_row, NULL);

  if (fresh || !mention)
    gtk_toggle_button_set_active (self->new_entity_button, FALSE);
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
sync_claim (TesseraInspector *self,
            gboolean          fresh)
{
  g_autofree char *source_mention = NULL;
  g_autofree char *cue = NULL;
  g_autofree char *source = NULL;
  g_autoptr(TesseraEntity) source_entity = NULL;
  gboolean has_source;

  gtk_widget_set_visible (GTK_WIDGET (self->attribution_group), self->claim != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->reporting_group), self->claim != NULL);
  if (self->claim == NULL)
    return;

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

  select_code (self->source_kind_row, tessera_claim_get_source_kind (self->claim));
  select_code (self->quote_type_row, tessera_claim_get_quote_type (self->claim));
  select_code (self->polarity_row, tessera_claim_get_polarity (self->claim));
  select_code (self->factuality_row, tessera_claim_get_factuality (self->claim));
  select_code (self->writer_distance_row, tessera_claim_get_writer_distance (self->claim));
  sync_entry_row (self->date_row, tessera_claim_get_statement_date (self->claim), fresh);
  sync_entry_row (self->topic_row, tessera_claim_get_topic (self->claim), fresh);
  if (fresh)
    gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
}

static void
sync_details (TesseraInspector *self,
              gboolean          fresh)
{
  adw_combo_row_set_selected (self->certainty_row,
                              (guint) tessera_annotation_get_certainty (self->annotation));
  adw_combo_row_set_selected (self->status_row,
                              (guint) tessera_annotation_get_status (self->annotation));
  sync_entry_row (self->note_row, tessera_annotation_get_note (self->annotation), fresh);
  sync_entry_row (self->normalized_row, tessera_annotation_get_normalized (self->annotation),
                  fresh);
  gtk_widget_set_visible (GTK_WIDGET (self->normalized_row),
                          current_kind (self) == TESSERA_KIND_ENTITY);
}

/* Reads the selected annotation again and shows it. */
static void
reload (TesseraInspector *self)
{
  gint64 id = 0;
  gboolean fresh;
  gboolean writable;

  if (self->text_view != NULL && self->store != NULL)
    id = tessera_text_view_get_selected (self->text_view);
  fresh = id != self->annotation_id;
  self->annotation_id = id;

  g_clear_object (&self->annotation);
  g_clear_object (&self->type);
  g_clear_object (&self->claim);
  g_clear_object (&self->entity);

  if (id != 0)
    self->annotation = tessera_store_dup_annotation (self->store, id, NULL);
  if (self->annotation == NULL)
    {
      if (self->pick != PICK_NONE)
        set_pick (self, PICK_NONE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.new-entity", FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _("No annotation selected"), -1);
      return;
    }

  self->type =
    tessera_store_dup_annotation_type (self->store,
                                       tessera_annotation_get_type_id (self->annotation));
  if (current_kind (self) == TESSERA_KIND_CLAIM)
    self->claim = tessera_store_dup_claim (self->store, id, NULL);
  if (tessera_annotation_get_entity_id (self->annotation) != 0)
    self->entity = tessera_store_dup_entity (self->store,
                                             tessera_annotation_get_entity_id (self->annotation),
                                             NULL);

  self->syncing++;

  if (self->pick != PICK_NONE && (fresh || self->claim == NULL))
    set_pick (self, PICK_NONE);
  if (fresh)
    {
      show_pick_error (self, NULL);
      gtk_editable_set_text (GTK_EDITABLE (self->entity_search), "");
    }

  sync_header (self);
  sync_annotation_group (self);
  sync_entity (self, fresh);
  sync_claim (self, fresh);
  sync_chooser (self);
  sync_details (self, fresh);

  writable = !tessera_store_is_read_only (self->store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.new-entity",
                                 writable && current_kind (self) == TESSERA_KIND_ENTITY);
  gtk_widget_set_sensitive (GTK_WIDGET (self->annotation_group), writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->linked_group), writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->attribution_group), writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->chooser_group), writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reporting_group), writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->details_group), writable);

  self->syncing--;

  gtk_stack_set_visible_child_name (self->stack, "annotation");

  /* What a screen reader says of the inspector: the annotation it shows (GTK 4.8 sends the
   * change to AT-SPI; it has no way to announce it unasked). */
  {
    g_autofree char *description = tessera_text_view_describe (self->text_view, self->annotation);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    description, -1);
  }
}

/* Edits ---------------------------------------------------------------------------------- */

static void
on_type_selected (TesseraInspector *self,
                  GParamSpec       *pspec,
                  AdwComboRow      *row)
{
  g_autoptr(GError) error = NULL;
  TesseraAnnotationType *type;

  if (self->syncing || self->annotation == NULL)
    return;
  type = adw_combo_row_get_selected_item (row);
  if (type == NULL ||
      tessera_annotation_type_get_id (type) == tessera_annotation_get_type_id (self->annotation))
    return;

  if (!tessera_store_set_annotation_type (self->store, self->annotation_id,
                                          tessera_annotation_type_get_id (type), &error))
    {
      show_error (self, error);
      reload (self);
    }
}

static void
move_boundary_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TesseraInspector *self = TESSERA_INSPECTOR (widget);
  const char *which = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree TesseraRange *ranges = NULL;
  const TesseraRange *current;
  guint n, offset;

  if (self->annotation == NULL || self->syncing)
    return;
  if (!boundary_target (self, which, &offset))
    {
      /* Never an empty span, never past the text. */
      gtk_widget_error_bell (widget);
      return;
    }

  current = tessera_annotation_get_ranges (self->annotation, &n);
  ranges = g_memdup2 (current, n * sizeof *ranges);
  if (g_str_has_prefix (which, "start"))
    ranges[0].start = offset;
  else
    ranges[n - 1].end = offset;

  if (!tessera_store_set_annotation_ranges (self->store, self->annotation_id, ranges, n, &error))
    show_error (self, error);
}

static void
on_certainty_selected (TesseraInspector *self,
                       GParamSpec       *pspec,
                       AdwComboRow      *row)
{
  g_autoptr(GError) error = NULL;
  guint position = adw_combo_row_get_selected (row);

  if (self->syncing || self->annotation == NULL || position > TESSERA_CERTAINTY_HIGH ||
      position == (guint) tessera_annotation_get_certainty (self->annotation))
    return;
  if (!tessera_store_set_annotation_certainty (self->store, self->annotation_id,
                                               (TesseraCertainty) position, &error))
    {
      show_error (self, error);
      reload (self);
    }
}

static void
on_status_selected (TesseraInspector *self,
                    GParamSpec       *pspec,
                    AdwComboRow      *row)
{
  g_autoptr(GError) error = NULL;
  guint position = adw_combo_row_get_selected (row);

  if (self->syncing || self->annotation == NULL || position > TESSERA_STATUS_SUGGESTED ||
      position == (guint) tessera_annotation_get_status (self->annotation))
    return;
  if (!tessera_store_set_annotation_status (self->store, self->annotation_id,
                                            (TesseraStatus) position, &error))
    {
      show_error (self, error);
      reload (self);
    }
}

static void
on_note_apply (TesseraInspector *self,
               AdwEntryRow      *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = strip_dup (gtk_editable_get_text (GTK_EDITABLE (row)));
  const char *value = *note != '\0' ? note : NULL;

  if (self->annotation == NULL ||
      g_strcmp0 (value, tessera_annotation_get_note (self->annotation)) == 0)
    return;
  if (!tessera_store_set_annotation_note (self->store, self->annotation_id, value, &error))
    show_error (self, error);
}

static void
on_normalized_apply (TesseraInspector *self,
                     AdwEntryRow      *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = strip_dup (gtk_editable_get_text (GTK_EDITABLE (row)));
  const char *value = *normalized != '\0' ? normalized : NULL;

  if (self->annotation == NULL ||
      g_strcmp0 (value, tessera_annotation_get_normalized (self->annotation)) == 0)
    return;
  if (!tessera_store_set_annotation_normalized (self->store, self->annotation_id, value, &error))
    show_error (self, error);
}

/* Linking a mention ---------------------------------------------------------------------- */

static void
link_entity (TesseraInspector *self,
             gint64            entity_id)
{
  g_autoptr(GError) error = NULL;

  if (!tessera_store_link_annotation (self->store, self->annotation_id, entity_id, &error))
    show_error (self, error);
}

static void
activate_entity (TesseraInspector *self,
                 gint64            entity_id)
{
  if (self->annotation == NULL || entity_id == 0)
    return;
  if (self->claim != NULL && self->pick == PICK_SOURCE)
    pick_source_entity (self, entity_id);
  else if (current_kind (self) == TESSERA_KIND_ENTITY)
    link_entity (self, entity_id);
}

static void
on_entity_activated (TesseraInspector *self,
                     GtkListBoxRow    *row,
                     GtkListBox       *list)
{
  gint64 *entity_id = g_object_get_data (G_OBJECT (row), "tessera-entity-id");

  if (entity_id != NULL)
    activate_entity (self, *entity_id);
}

/* Enter in the search takes the first entity listed. */
static void
on_search_activate (TesseraInspector *self,
                    GtkSearchEntry   *entry)
{
  g_autoptr(TesseraEntity) entity = NULL;

  /* The search may not have run yet after the last key. */
  on_search_changed (self, entry);
  entity = g_list_model_get_item (G_LIST_MODEL (self->entity_shown), 0);
  if (entity != NULL)
    activate_entity (self, tessera_entity_get_id (entity));
}

static void
on_unlink_clicked (TesseraInspector *self)
{
  if (self->annotation != NULL)
    link_entity (self, 0);
}

static void
on_uri_changed (TesseraInspector *self,
                GtkEditable      *editable)
{
  GtkLabel *label = editable == GTK_EDITABLE (self->authority_row)
                    ? self->authority_scheme_label : self->new_uri_scheme_label;
  g_autofree char *uri = strip_dup (gtk_editable_get_text (editable));

  gtk_label_set_text (label, *uri != '\0' ? scheme_label (tessera_authority_guess_scheme (uri))
                                          : "");
}

static void
on_authority_apply (TesseraInspector *self,
                    AdwEntryRow      *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = strip_dup (gtk_editable_get_text (GTK_EDITABLE (row)));

  if (*uri == '\0' || self->entity == NULL)
    return;
  if (!tessera_store_add_entity_authority (self->store, tessera_entity_get_id (self->entity),
                                           tessera_authority_guess_scheme (uri), uri, &error))
    {
      show_error (self, error);
      return;
    }
  set_entry_row_text (row, NULL);
}

/* The first words of @annotation's text that another annotation marks as a role (a title,
 * "général" of "général Assimi Goïta"): where the name of its entity starts. */
static guint
leading_role_end (TesseraInspector  *self,
                  TesseraAnnotation *annotation)
{
  g_autoptr(GPtrArray) covering = NULL;
  guint start = tessera_annotation_get_start (annotation);
  guint end = tessera_annotation_get_end (annotation);
  guint role_end = start;

  if (self->text_view == NULL)
    return start;
  covering = tessera_text_view_dup_annotations_at (self->text_view, start);
  for (guint i = 0; i < covering->len; i++)
    {
      TesseraAnnotation *other = g_ptr_array_index (covering, i);
      g_autoptr(TesseraAnnotationType) type =
        tessera_store_dup_annotation_type (self->store, tessera_annotation_get_type_id (other));

      if (other != annotation && type != NULL &&
          g_strcmp0 (tessera_annotation_type_get_tei_element (type), "roleName") == 0 &&
          tessera_annotation_get_start (other) == start && tessera_annotation_get_end (other) < end)
        role_end = MAX (role_end, tessera_annotation_get_end (other));
    }
  return role_end;
}

/* The name a new entity for the mention starts with: its words, without a leading role. */
static char *
dup_new_entity_name (TesseraInspector  *self,
                     TesseraAnnotation *annotation)
{
  g_autofree char *covered = dup_covered_text (self, annotation, " ");
  guint skip = leading_role_end (self, annotation) - tessera_annotation_get_start (annotation);
  const char *name = g_utf8_offset_to_pointer (covered, MIN (skip, g_utf8_strlen (covered, -1)));

  /* The role is only stripped when words follow it. */
  while (g_unichar_isspace (g_utf8_get_char (name)))
    name = g_utf8_next_char (name);
  if (*name == '\0')
    name = covered;
  return shorten (name, 200);
}

static void
on_new_entity_toggled (TesseraInspector *self,
                       GtkToggleButton  *button)
{
  g_autofree char *name = NULL;

  if (!gtk_toggle_button_get_active (button) || self->annotation == NULL)
    return;

  /* The canonical name starts as the mention's words, selected: typing replaces them. */
  name = dup_new_entity_name (self, self->annotation);
  gtk_editable_set_text (GTK_EDITABLE (self->new_name_row), name);
  gtk_editable_set_text (GTK_EDITABLE (self->new_uri_row), "");
  if (!self->syncing)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->new_name_row));
      gtk_editable_select_region (GTK_EDITABLE (self->new_name_row), 0, -1);
    }
}

static void
on_cancel_entity (TesseraInspector *self)
{
  gtk_toggle_button_set_active (self->new_entity_button, FALSE);
}

/*
 * Creates the entity, links the mention and adds the authority: the store has no single
 * call for it, so it is two or three undoable changes; a failed link leaves no orphan.
 */
static gboolean
create_and_link_entity (TesseraInspector *self,
                        const char       *name,
                        const char       *uri)
{
  g_autoptr(GError) error = NULL;
  gint64 annotation_id = self->annotation_id;
  gint64 entity_id;

  if (self->annotation == NULL || current_kind (self) != TESSERA_KIND_ENTITY)
    return FALSE;
  if (*name == '\0')
    {
      show_error_message (self, _("The new entity needs a name"));
      return FALSE;
    }
  if (*uri != '\0' && !is_web_address (uri))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a web address (http:// or https://)"), uri);

      show_error_message (self, message);
      return FALSE;
    }

  /* One change: undo takes back the entity, its authority link and the link at once. */
  entity_id = tessera_store_add_entity_for_mention (self->store, annotation_id, name,
                                                    *uri != '\0' ? uri : NULL, &error);
  if (entity_id == 0)
    {
      show_error (self, error);
      return FALSE;
    }
  return TRUE;
}

static void
on_create_entity (TesseraInspector *self)
{
  g_autofree char *name = strip_dup (gtk_editable_get_text (GTK_EDITABLE (self->new_name_row)));
  g_autofree char *uri = strip_dup (gtk_editable_get_text (GTK_EDITABLE (self->new_uri_row)));

  if (create_and_link_entity (self, name, uri))
    gtk_toggle_button_set_active (self->new_entity_button, FALSE);
  else if (*name == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->new_name_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->new_uri_row));
}

/* The form's values when it is open; otherwise the mention's words, in one go. */
static void
new_entity_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TesseraInspector *self = TESSERA_INSPECTOR (widget);
  g_autofree char *name = NULL;

  if (gtk_toggle_button_get_active (self->new_entity_button))
    {
      on_create_entity (self);
      return;
    }
  if (self->annotation == NULL)
    return;
  name = dup_new_entity_name (self, self->annotation);
  create_and_link_entity (self, name, "");
}

/* Claim fields --------------------------------------------------------------------------- */

static void
on_claim_code_selected (TesseraInspector *self,
                        GParamSpec       *pspec,
                        AdwComboRow      *row)
{
  g_autoptr(TesseraClaim) claim = NULL;
  const char *code = selected_code (row);

  if (self->syncing || self->claim == NULL)
    return;
  claim = dup_claim (self);
  if (claim == NULL)
    return;

  if (row == self->source_kind_row)
    tessera_claim_set_source_kind (claim, code);
  else if (row == self->quote_type_row)
    tessera_claim_set_quote_type (claim, code);
  else if (row == self->polarity_row)
    tessera_claim_set_polarity (claim, code);
  else if (row == self->factuality_row)
    tessera_claim_set_factuality (claim, code);
  else if (row == self->writer_distance_row)
    tessera_claim_set_writer_distance (claim, code);
  else
    g_assert_not_reached ();

  commit_claim (self, claim);
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
on_date_changed (TesseraInspector *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
}

static void
on_date_apply (TesseraInspector *self,
               AdwEntryRow      *row)
{
  g_autoptr(TesseraClaim) claim = NULL;
  g_autofree char *date = strip_dup (gtk_editable_get_text (GTK_EDITABLE (row)));

  if (self->claim == NULL ||
      g_strcmp0 (*date ? date : NULL, tessera_claim_get_statement_date (self->claim)) == 0)
    return;
  if (*date != '\0' && !is_iso_date (date))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not an ISO 8601 date: write 2024, 2024-03 or 2024-03-18"),
                         date);

      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      show_error_message (self, message);
      return;
    }

  claim = dup_claim (self);
  if (claim == NULL)
    return;
  tessera_claim_set_statement_date (claim, date);
  commit_claim (self, claim);
}

static void
on_topic_apply (TesseraInspector *self,
                AdwEntryRow      *row)
{
  g_autoptr(TesseraClaim) claim = NULL;
  g_autofree char *topic = strip_dup (gtk_editable_get_text (GTK_EDITABLE (row)));

  if (self->claim == NULL ||
      g_strcmp0 (*topic ? topic : NULL, tessera_claim_get_topic (self->claim)) == 0)
    return;
  claim = dup_claim (self);
  if (claim == NULL)
    return;
  tessera_claim_set_topic (claim, topic);
  commit_claim (self, claim);
}

/* Store and text view -------------------------------------------------------------------- */

static void
on_selection_changed (TesseraInspector *self)
{
  reload (self);
}

static void
on_store_annotation_changed (TesseraInspector *self,
                             gint64            document_id,
                             gint64            annotation_id,
                             int               change,
                             TesseraStore     *store)
{
  if (self->annotation_id == 0)
    return;
  /* A claim shows the words of its source and cue too. */
  if (annotation_id == self->annotation_id ||
      (self->claim != NULL &&
       (annotation_id == tessera_claim_get_source_annotation_id (self->claim) ||
        annotation_id == tessera_claim_get_cue_annotation_id (self->claim))))
    reload (self);
}

static void
on_store_entity_changed (TesseraInspector *self,
                         gint64            entity_id,
                         int               change,
                         TesseraStore     *store)
{
  if ((self->entity != NULL && tessera_entity_get_id (self->entity) == entity_id) ||
      (self->claim != NULL && tessera_claim_get_source_entity_id (self->claim) == entity_id))
    reload (self);
}

static void
on_store_tagset_changed (TesseraInspector *self)
{
  /* A type's TEI mapping decides which entities its mentions can name. */
  self->filter_stale = TRUE;
  sync_types (self);
  reload (self);
}

static void
disconnect_text_view (TesseraInspector *self)
{
  if (self->text_view == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (self->view_handlers); i++)
    g_clear_signal_handler (&self->view_handlers[i], self->text_view);
  g_clear_object (&self->text_view);
}

static void
disconnect_store (TesseraInspector *self)
{
  if (self->store == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (self->store_handlers); i++)
    g_clear_signal_handler (&self->store_handlers[i], self->store);
  g_clear_object (&self->store);
}

/**
 * tessera_inspector_set_text_view:
 * @text_view: (nullable): the view whose selected annotation is shown
 */
void
tessera_inspector_set_text_view (TesseraInspector *self,
                                 TesseraTextView  *text_view)
{
  g_return_if_fail (TESSERA_IS_INSPECTOR (self));
  g_return_if_fail (text_view == NULL || TESSERA_IS_TEXT_VIEW (text_view));

  if (self->text_view == text_view)
    return;

  if (self->pick != PICK_NONE)
    set_pick (self, PICK_NONE);
  disconnect_text_view (self);

  if (text_view != NULL)
    {
      self->text_view = g_object_ref (text_view);
      self->view_handlers[0] = g_signal_connect_swapped (text_view, "selection-changed",
                                                         G_CALLBACK (on_selection_changed), self);
      self->view_handlers[1] = g_signal_connect_swapped (text_view, "annotation-picked",
                                                         G_CALLBACK (on_annotation_picked), self);
    }

  reload (self);
}

/**
 * tessera_inspector_set_store:
 * @store: (nullable): the open project
 */
void
tessera_inspector_set_store (TesseraInspector *self,
                             TesseraStore     *store)
{
  g_return_if_fail (TESSERA_IS_INSPECTOR (self));
  g_return_if_fail (store == NULL || TESSERA_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->pick != PICK_NONE)
    set_pick (self, PICK_NONE);
  disconnect_store (self);

  self->filter_stale = TRUE;
  if (store != NULL)
    {
      self->store = g_object_ref (store);
      self->store_handlers[0] = g_signal_connect_swapped (store, "annotation-changed",
                                                          G_CALLBACK (on_store_annotation_changed),
                                                          self);
      self->store_handlers[1] = g_signal_connect_swapped (store, "entity-changed",
                                                          G_CALLBACK (on_store_entity_changed),
                                                          self);
      self->store_handlers[2] = g_signal_connect_swapped (store, "tagset-changed",
                                                          G_CALLBACK (on_store_tagset_changed),
                                                          self);
      self->store_handlers[3] = g_signal_connect_swapped (store, "reloaded",
                                                          G_CALLBACK (on_store_tagset_changed),
                                                          self);
    }

  gtk_filter_list_model_set_model (self->entity_filtered,
                                   store != NULL ? tessera_store_get_entities (store) : NULL);
  sync_types (self);
  /* Whatever was shown belonged to another project. */
  self->annotation_id = -1;
  reload (self);
}

/**
 * tessera_inspector_get_annotation:
 *
 * Returns: the id of the annotation shown, or 0
 */
gint64
tessera_inspector_get_annotation (TesseraInspector *self)
{
  g_return_val_if_fail (TESSERA_IS_INSPECTOR (self), 0);
  return self->annotation != NULL ? self->annotation_id : 0;
}

/**
 * tessera_inspector_is_picking:
 *
 * Returns: %TRUE while a click in the text (or an entity activated in the sidebar) is
 *   awaited as a claim's source or cue
 */
gboolean
tessera_inspector_is_picking (TesseraInspector *self)
{
  g_return_val_if_fail (TESSERA_IS_INSPECTOR (self), FALSE);
  return self->pick != PICK_NONE;
}

/**
 * tessera_inspector_pick_entity:
 * @entity_id: an entity the user chose elsewhere (the sidebar)
 *
 * While the source of a claim is picked, makes @entity_id its source. Does nothing
 * otherwise.
 */
void
tessera_inspector_pick_entity (TesseraInspector *self,
                               gint64            entity_id)
{
  g_return_if_fail (TESSERA_IS_INSPECTOR (self));

  if (self->pick != PICK_SOURCE || self->claim == NULL || entity_id == 0)
    return;
  pick_source_entity (self, entity_id);
}

void
tessera_inspector_cancel_pick (TesseraInspector *self)
{
  g_return_if_fail (TESSERA_IS_INSPECTOR (self));

  if (self->pick != PICK_NONE)
    set_pick (self, PICK_NONE);
}

/**
 * tessera_inspector_pick_source:
 *
 * Waits for the source of the claim shown to be clicked in the text. Does nothing when
 * the annotation shown is not a claim.
 */
void
tessera_inspector_pick_source (TesseraInspector *self)
{
  g_return_if_fail (TESSERA_IS_INSPECTOR (self));

  if (self->claim != NULL)
    set_pick (self, PICK_SOURCE);
}

/**
 * tessera_inspector_pick_cue:
 *
 * Waits for the cue of the claim shown to be clicked in the text.
 */
void
tessera_inspector_pick_cue (TesseraInspector *self)
{
  g_return_if_fail (TESSERA_IS_INSPECTOR (self));

  if (self->claim != NULL)
    set_pick (self, PICK_CUE);
}

/* GObject -------------------------------------------------------------------------------- */

static void
tessera_inspector_dispose (GObject *object)
{
  TesseraInspector *self = (TesseraInspector *)object;

  if (self->pick != PICK_NONE)
    set_pick (self, PICK_NONE);
  disconnect_text_view (self);
  disconnect_store (self);
  g_clear_object (&self->annotation);
  g_clear_object (&self->type);
  g_clear_object (&self->claim);
  g_clear_object (&self->entity);

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_INSPECTOR);

  g_clear_object (&self->entity_shown);
  g_clear_object (&self->entity_sorted);
  g_clear_object (&self->entity_filtered);
  g_clear_object (&self->entity_filter);
  g_clear_object (&self->types);

  G_OBJECT_CLASS (tessera_inspector_parent_class)->dispose (object);
}

static void
tessera_inspector_finalize (GObject *object)
{
  TesseraInspector *self = (TesseraInspector *)object;

  g_free (self->authority_key);
  g_free (self->search_text);
  g_free (self->search_key);
  g_hash_table_unref (self->filter_entity_types);

  G_OBJECT_CLASS (tessera_inspector_parent_class)->finalize (object);
}

static void
tessera_inspector_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TesseraInspector *self = TESSERA_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_PICKING:
      g_value_set_boolean (value, self->pick != PICK_NONE);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_inspector_class_init (TesseraInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_inspector_dispose;
  object_class->finalize = tessera_inspector_finalize;
  object_class->get_property = tessera_inspector_get_property;

  /**
   * TesseraInspector:picking:
   *
   * Whether a claim's source or cue is being picked in the text.
   */
  properties[PROP_PICKING] =
    g_param_spec_boolean ("picking", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/tessera/Tessera/tessera-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, type_dot);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, type_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, suggested_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, covered_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, incomplete_box);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, annotation_group);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, type_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, start_left_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, start_right_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, end_left_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, end_right_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, linked_group);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, linked_list);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, linked_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, authority_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, authority_scheme_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, attribution_group);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, source_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, source_pick_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, source_clear_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, cue_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, cue_pick_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, cue_clear_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, pick_hint_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, pick_error_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, chooser_group);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, new_entity_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, new_name_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, new_uri_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, new_uri_scheme_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, entity_search);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, entity_list);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, entity_more_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, reporting_group);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, source_kind_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, quote_type_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, polarity_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, factuality_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, writer_distance_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, date_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, topic_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, details_group);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, certainty_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, status_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, note_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, normalized_row);

  gtk_widget_class_bind_template_callback (widget_class, on_type_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_unlink_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_authority_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_uri_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_pick_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_source_clear_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cue_clear_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_new_entity_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_create_entity);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_entity);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_entity_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_claim_code_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_date_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_topic_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_certainty_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_status_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_note_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_normalized_apply);

  /* Same parameter and keys as win.move-boundary, which can hand its work over to this. */
  gtk_widget_class_install_action (widget_class, "inspector.move-boundary", "s",
                                   move_boundary_action);
  gtk_widget_class_install_action (widget_class, "inspector.new-entity", NULL,
                                   new_entity_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_pressed, NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tessera_inspector_init (TesseraInspector *self)
{
  GtkListItemFactory *factory;
  GtkWidget *placeholder;

  self->types = g_list_store_new (TESSERA_TYPE_ANNOTATION_TYPE);
  self->filter_entity_types = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

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
  g_signal_connect (factory, "unbind", G_CALLBACK (vocabulary_item_unbind), self->type_row);
  adw_combo_row_set_list_factory (self->type_row, factory);
  g_object_unref (factory);
  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (self->types));

  setup_vocabulary_row (self->source_kind_row, tessera_claim_source_kinds (),
                        source_kind_labels, G_N_ELEMENTS (source_kind_labels), FALSE);
  setup_vocabulary_row (self->quote_type_row, tessera_claim_quote_types (),
                        quote_type_labels, G_N_ELEMENTS (quote_type_labels), FALSE);
  setup_vocabulary_row (self->polarity_row, tessera_claim_polarities (),
                        polarity_labels, G_N_ELEMENTS (polarity_labels), FALSE);
  setup_vocabulary_row (self->factuality_row, tessera_claim_factualities (),
                        factuality_labels, G_N_ELEMENTS (factuality_labels), TRUE);
  setup_vocabulary_row (self->writer_distance_row, tessera_claim_writer_distances (),
                        writer_distance_labels, G_N_ELEMENTS (writer_distance_labels), FALSE);

  /* Entities: filtered by type and search, most mentioned first, a screenful at most. */
  self->entity_filter = gtk_custom_filter_new (entity_visible, self, NULL);
  self->entity_filtered =
    gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->entity_filter)));
  self->entity_sorted =
    gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->entity_filtered)),
                             GTK_SORTER (gtk_custom_sorter_new (compare_entities, NULL, NULL)));
  self->entity_shown = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->entity_sorted)),
                                                 0, ENTITY_LIST_LIMIT);
  gtk_list_box_bind_model (self->entity_list, G_LIST_MODEL (self->entity_shown),
                           create_entity_row, self, NULL);
  g_signal_connect_object (self->entity_filtered, "items-changed",
                           G_CALLBACK (update_entity_more_label), self, G_CONNECT_SWAPPED);

  placeholder = gtk_label_new (NULL);
  self->entity_placeholder = GTK_LABEL (placeholder);
  gtk_label_set_wrap (self->entity_placeholder, TRUE);
  gtk_label_set_justify (self->entity_placeholder, GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->entity_list, placeholder);

  self->syncing--;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.new-entity", FALSE);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
tessera_inspector_new (void)
{
  return g_object_new (TESSERA_TYPE_INSPECTOR, NULL);
}
