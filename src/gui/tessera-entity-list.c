/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-entity-list"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tessera-entity-list.h"

/*
 * The sidebar's list of the project's entities, each with its type and how often it is
 * mentioned, and a filter on their names. Choosing one activates win.show-entity with it.
 */

struct _TesseraEntityList
{
  GtkWidget           parent_instance;

  /* Template */
  GtkWidget          *box;
  GtkSearchEntry     *filter;
  GtkListView        *list;

  /* State */
  TesseraStore       *store;
  GtkFilterListModel *entities;
  GtkCustomFilter    *name_filter;
  char               *search_key;  /* the filter's text, folded */
};

G_DEFINE_FINAL_TYPE (TesseraEntityList, tessera_entity_list, GTK_TYPE_WIDGET)

/* A row of two lines: the name and dim details. */
static void
entity_row_setup (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  TesseraEntityList        *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_widget_add_css_class (details, "caption");
  gtk_widget_add_css_class (details, "dim-label");
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), details);
  gtk_list_item_set_child (item, box);
}

static void
entity_row_bind (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 TesseraEntityList        *self)
{
  TesseraEntity *entity = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *details = gtk_widget_get_next_sibling (name);
  g_autoptr(TesseraAnnotationType) type =
    tessera_store_dup_annotation_type (self->store, tessera_entity_get_type_id (entity));
  guint count = tessera_entity_get_mention_count (entity);
  g_autofree char *mentions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u mention",
                                                            "%u mentions", count), count);
  g_autofree char *markup = NULL;
  g_autofree char *escaped = g_markup_escape_text (tessera_entity_get_name (entity), -1);

  markup = g_strdup_printf ("<span foreground=\"%s\">●</span> %s",
                            type ? tessera_annotation_type_get_color (type) : "#888888", escaped);
  gtk_label_set_markup (GTK_LABEL (name), markup);
  if (type != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s · %s",
                                               tessera_annotation_type_get_label_localized (type),
                                               mentions);
      gtk_label_set_label (GTK_LABEL (details), text);
    }
  else
    gtk_label_set_label (GTK_LABEL (details), mentions);
}

static gboolean
entity_matches (gpointer item,
                gpointer data)
{
  TesseraEntityList *self = data;
  g_autofree char *name = NULL;

  if (self->search_key == NULL)
    return TRUE;
  /* As the document list: case, accents and apostrophes aside, anywhere in the name. */
  name = tessera_text_fold (tessera_entity_get_name (item));
  return strstr (name, self->search_key) != NULL;
}

static void
on_filter_changed (TesseraEntityList *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->filter));

  g_clear_pointer (&self->search_key, g_free);
  if (search != NULL && *search != '\0')
    self->search_key = tessera_text_fold (search);
  gtk_filter_changed (GTK_FILTER (self->name_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_entity_activated (TesseraEntityList *self,
                     guint              position)
{
  g_autoptr(TesseraEntity) entity = g_list_model_get_item (G_LIST_MODEL (self->entities),
                                                           position);

  if (entity != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-entity", "x",
                                tessera_entity_get_id (entity));
}

void
tessera_entity_list_set_store (TesseraEntityList *self,
                               TesseraStore      *store)
{
  g_return_if_fail (TESSERA_IS_ENTITY_LIST (self));
  g_return_if_fail (TESSERA_IS_STORE (store));

  g_set_object (&self->store, store);
  gtk_filter_list_model_set_model (self->entities, tessera_store_get_entities (store));
}

/* The filter takes the focus: Alt+4 goes to it. */
static gboolean
tessera_entity_list_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (TESSERA_ENTITY_LIST (widget)->filter));
}

static void
tessera_entity_list_dispose (GObject *object)
{
  TesseraEntityList *self = (TesseraEntityList *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_ENTITY_LIST);
  g_clear_object (&self->entities);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tessera_entity_list_parent_class)->dispose (object);
}

static void
tessera_entity_list_finalize (GObject *object)
{
  TesseraEntityList *self = (TesseraEntityList *)object;

  g_free (self->search_key);

  G_OBJECT_CLASS (tessera_entity_list_parent_class)->finalize (object);
}

static void
tessera_entity_list_class_init (TesseraEntityListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_entity_list_dispose;
  object_class->finalize = tessera_entity_list_finalize;
  widget_class->grab_focus = tessera_entity_list_grab_focus;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/tessera/Tessera/tessera-entity-list.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraEntityList, box);
  gtk_widget_class_bind_template_child (widget_class, TesseraEntityList, filter);
  gtk_widget_class_bind_template_child (widget_class, TesseraEntityList, list);
  gtk_widget_class_bind_template_callback (widget_class, entity_row_setup);
  gtk_widget_class_bind_template_callback (widget_class, entity_row_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entity_activated);
}

static void
tessera_entity_list_init (TesseraEntityList *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->name_filter = gtk_custom_filter_new (entity_matches, self, NULL);
  self->entities = gtk_filter_list_model_new (NULL, GTK_FILTER (self->name_filter));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->entities)));
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (selection));
}
