/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-inspector"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "tessera-entity-chooser.h"
#include "tessera-inspector-section.h"

/*
 * The project's entities to choose from: searched by name or authority, limited to those a
 * mention can name, most mentioned first, a screenful at most. Activating one (or Enter in
 * the search) emits ::entity-activated; what it means is up to the section around it.
 */

#define ENTITY_LIST_LIMIT 30

struct _TesseraEntityChooser
{
  GtkWidget              parent_instance;

  /* Template widgets */
  GtkSearchEntry        *entity_search;
  GtkListBox            *entity_list;
  GtkLabel              *entity_more_label;

  TesseraStore          *store;

  /* The store's list → filter → sort → the first ENTITY_LIST_LIMIT */
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
};

G_DEFINE_FINAL_TYPE (TesseraEntityChooser, tessera_entity_chooser, GTK_TYPE_WIDGET)

enum {
  ENTITY_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
entity_visible (gpointer item,
                gpointer data)
{
  TesseraEntityChooser *self = data;
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

static const char *
type_label_for (TesseraEntityChooser *self,
                gint64                type_id)
{
  GListModel *types = tessera_store_get_tagset (self->store);

  for (guint i = 0; i < g_list_model_get_n_items (types); i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (types, i);

      if (tessera_annotation_type_get_id (type) == type_id)
        return tessera_annotation_type_get_label_localized (type);
    }
  return NULL;
}

static GtkWidget *
create_entity_row (gpointer item,
                   gpointer data)
{
  TesseraEntityChooser *self = data;
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
    g_string_append_printf (subtitle, " · %s",
                            tessera_inspector_section_scheme_label (authorities[i].scheme));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tessera_entity_get_name (entity));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "tessera-entity-id", g_memdup2 (&id, sizeof id), g_free);
  return row;
}

static void
update_entity_more_label (TesseraEntityChooser *self)
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

/**
 * tessera_entity_chooser_set_filter:
 * @store: (nullable): the project whose entities are listed; %NULL lists none
 * @mention_type_id: the type of the mention to link, 0 for any entity
 * @exclude_id: an entity not to list (the one linked already), or 0
 */
void
tessera_entity_chooser_set_filter (TesseraEntityChooser *self,
                                   TesseraStore         *store,
                                   gint64                mention_type_id,
                                   gint64                exclude_id)
{
  g_return_if_fail (TESSERA_IS_ENTITY_CHOOSER (self));

  if (g_set_object (&self->store, store))
    {
      self->filter_stale = TRUE;
      gtk_filter_list_model_set_model (self->entity_filtered,
                                       store != NULL ? tessera_store_get_entities (store) : NULL);
    }
  if (self->filter_type_id == mention_type_id && self->filter_exclude_id == exclude_id &&
      !self->filter_stale)
    return;
  self->filter_stale = FALSE;
  self->filter_type_id = mention_type_id;
  self->filter_exclude_id = exclude_id;
  g_hash_table_remove_all (self->filter_entity_types);
  if (mention_type_id != 0 && store != NULL)
    {
      g_autoptr(TesseraAnnotationType) mention_type =
        tessera_store_dup_annotation_type (store, mention_type_id);
      GListModel *tagset = tessera_store_get_tagset (store);

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

/* The tagset changed: a type's TEI mapping decides which entities its mentions can name. */
void
tessera_entity_chooser_invalidate (TesseraEntityChooser *self)
{
  g_return_if_fail (TESSERA_IS_ENTITY_CHOOSER (self));

  self->filter_stale = TRUE;
}

void
tessera_entity_chooser_clear_search (TesseraEntityChooser *self)
{
  g_return_if_fail (TESSERA_IS_ENTITY_CHOOSER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entity_search), "");
}

static void
on_search_changed (TesseraEntityChooser *self,
                   GtkSearchEntry       *entry)
{
  g_autofree char *text = tessera_inspector_section_dup_text (GTK_EDITABLE (entry));

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

static void
on_row_activated (TesseraEntityChooser *self,
                  GtkListBoxRow        *row,
                  GtkListBox           *list)
{
  gint64 *entity_id = g_object_get_data (G_OBJECT (row), "tessera-entity-id");

  if (entity_id != NULL)
    g_signal_emit (self, signals[ENTITY_ACTIVATED], 0, *entity_id);
}

/* Enter in the search takes the first entity listed. */
static void
on_search_activate (TesseraEntityChooser *self,
                    GtkSearchEntry       *entry)
{
  g_autoptr(TesseraEntity) entity = NULL;

  /* The search may not have run yet after the last key. */
  on_search_changed (self, entry);
  entity = g_list_model_get_item (G_LIST_MODEL (self->entity_shown), 0);
  if (entity != NULL)
    g_signal_emit (self, signals[ENTITY_ACTIVATED], 0, tessera_entity_get_id (entity));
}

static void
tessera_entity_chooser_dispose (GObject *object)
{
  TesseraEntityChooser *self = TESSERA_ENTITY_CHOOSER (object);

  tessera_inspector_section_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_ENTITY_CHOOSER);
  g_clear_object (&self->entity_shown);
  g_clear_object (&self->entity_sorted);
  g_clear_object (&self->entity_filtered);
  g_clear_object (&self->entity_filter);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tessera_entity_chooser_parent_class)->dispose (object);
}

static void
tessera_entity_chooser_finalize (GObject *object)
{
  TesseraEntityChooser *self = TESSERA_ENTITY_CHOOSER (object);

  g_free (self->search_text);
  g_free (self->search_key);
  g_hash_table_unref (self->filter_entity_types);

  G_OBJECT_CLASS (tessera_entity_chooser_parent_class)->finalize (object);
}

static void
tessera_entity_chooser_class_init (TesseraEntityChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_entity_chooser_dispose;
  object_class->finalize = tessera_entity_chooser_finalize;

  /**
   * TesseraEntityChooser::entity-activated:
   * @entity_id: the entity chosen
   */
  signals[ENTITY_ACTIVATED] =
    g_signal_new ("entity-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/tessera/Tessera/tessera-entity-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraEntityChooser, entity_search);
  gtk_widget_class_bind_template_child (widget_class, TesseraEntityChooser, entity_list);
  gtk_widget_class_bind_template_child (widget_class, TesseraEntityChooser, entity_more_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
tessera_entity_chooser_init (TesseraEntityChooser *self)
{
  GtkWidget *placeholder;

  self->filter_entity_types = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

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
}
