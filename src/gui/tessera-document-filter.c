/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-document-filter"

#include "config.h"

#include <string.h>

#include "tessera-document-filter.h"

#include "tessera-core.h"

/*
 * The document list's filter: documents whose title contains the search, ignoring case,
 * accents and the other differences tessera_text_fold() leaves out.
 *
 * Folding a title costs far more than looking for the search in it, and a project may hold
 * ten thousand documents: each document's folded title is kept on the document itself.
 * That is safe because a TesseraDocument never changes: the store replaces the object in
 * its list when a document is renamed or recounted, so a new title is a new object, folded
 * when it is first matched.
 */

/* Documents folded per main loop iteration while preparing: about a millisecond. */
#define PREPARE_CHUNK 256

struct _TesseraDocumentFilter
{
  GtkFilter   parent_instance;

  char       *search;
  char       *folded_search;  /* NULL when the search matches every document */

  GListModel *preparing;
  guint       prepared;
  guint       prepare_source;
};

G_DEFINE_FINAL_TYPE (TesseraDocumentFilter, tessera_document_filter, GTK_TYPE_FILTER)

enum {
  PROP_0,
  PROP_SEARCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static GQuark folded_title_quark;

static const char *
folded_title (TesseraDocument *document)
{
  char *folded = g_object_get_qdata (G_OBJECT (document), folded_title_quark);

  if (folded == NULL)
    {
      const char *title = tessera_document_get_title (document);

      folded = tessera_text_fold (title != NULL ? title : "");
      g_object_set_qdata_full (G_OBJECT (document), folded_title_quark, folded, g_free);
    }
  return folded;
}

static gboolean
tessera_document_filter_match (GtkFilter *filter,
                               gpointer   item)
{
  TesseraDocumentFilter *self = TESSERA_DOCUMENT_FILTER (filter);

  if (self->folded_search == NULL)
    return TRUE;
  return strstr (folded_title (item), self->folded_search) != NULL;
}

static GtkFilterMatch
tessera_document_filter_get_strictness (GtkFilter *filter)
{
  TesseraDocumentFilter *self = TESSERA_DOCUMENT_FILTER (filter);

  return self->folded_search == NULL ? GTK_FILTER_MATCH_ALL : GTK_FILTER_MATCH_SOME;
}

static void
stop_preparing (TesseraDocumentFilter *self)
{
  g_clear_handle_id (&self->prepare_source, g_source_remove);
  g_clear_object (&self->preparing);
}

static void
tessera_document_filter_dispose (GObject *object)
{
  stop_preparing (TESSERA_DOCUMENT_FILTER (object));

  G_OBJECT_CLASS (tessera_document_filter_parent_class)->dispose (object);
}

static void
tessera_document_filter_finalize (GObject *object)
{
  TesseraDocumentFilter *self = TESSERA_DOCUMENT_FILTER (object);

  g_free (self->search);
  g_free (self->folded_search);

  G_OBJECT_CLASS (tessera_document_filter_parent_class)->finalize (object);
}

static void
tessera_document_filter_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  TesseraDocumentFilter *self = TESSERA_DOCUMENT_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_document_filter_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  TesseraDocumentFilter *self = TESSERA_DOCUMENT_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      tessera_document_filter_set_search (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_document_filter_class_init (TesseraDocumentFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkFilterClass *filter_class = GTK_FILTER_CLASS (klass);

  object_class->dispose = tessera_document_filter_dispose;
  object_class->finalize = tessera_document_filter_finalize;
  object_class->get_property = tessera_document_filter_get_property;
  object_class->set_property = tessera_document_filter_set_property;

  filter_class->match = tessera_document_filter_match;
  filter_class->get_strictness = tessera_document_filter_get_strictness;

  /**
   * TesseraDocumentFilter:search:
   *
   * What the titles of the documents shown contain; %NULL or empty shows every document.
   */
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  folded_title_quark = g_quark_from_static_string ("tessera-document-folded-title");
}

static void
tessera_document_filter_init (TesseraDocumentFilter *self)
{
}

TesseraDocumentFilter *
tessera_document_filter_new (void)
{
  return g_object_new (TESSERA_TYPE_DOCUMENT_FILTER, NULL);
}

const char *
tessera_document_filter_get_search (TesseraDocumentFilter *self)
{
  g_return_val_if_fail (TESSERA_IS_DOCUMENT_FILTER (self), NULL);
  return self->search;
}

/**
 * tessera_document_filter_set_search:
 * @search: (nullable): what the titles shown contain
 *
 * Tells the filter list model how the new search relates to the old, so that a longer
 * search only checks the documents still shown, and a shorter one only those hidden.
 */
void
tessera_document_filter_set_search (TesseraDocumentFilter *self,
                                    const char            *search)
{
  g_autofree char *folded = NULL;
  GtkFilterChange change;

  g_return_if_fail (TESSERA_IS_DOCUMENT_FILTER (self));

  if (g_strcmp0 (self->search, search) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (search);

  if (search != NULL)
    folded = tessera_text_fold (search);
  if (folded != NULL && *folded == '\0')
    g_clear_pointer (&folded, g_free);

  if (g_strcmp0 (folded, self->folded_search) == 0)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
      return;
    }

  if (folded == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (self->folded_search == NULL || strstr (folded, self->folded_search) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (self->folded_search, folded) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  g_free (self->folded_search);
  self->folded_search = g_steal_pointer (&folded);

  gtk_filter_changed (GTK_FILTER (self), change);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

static gboolean
prepare_some (gpointer data)
{
  TesseraDocumentFilter *self = data;
  guint n_items = g_list_model_get_n_items (self->preparing);
  guint end = MIN (n_items, self->prepared + PREPARE_CHUNK);

  for (; self->prepared < end; self->prepared++)
    {
      g_autoptr(TesseraDocument) document = g_list_model_get_item (self->preparing,
                                                                   self->prepared);

      folded_title (document);
    }
  if (self->prepared < n_items)
    return G_SOURCE_CONTINUE;

  self->prepare_source = 0;
  g_clear_object (&self->preparing);
  return G_SOURCE_REMOVE;
}

/**
 * tessera_document_filter_prepare:
 * @documents: a list of #TesseraDocument
 *
 * Folds the titles of @documents a few at a time while the application is idle, so that
 * the first search does not wait for them. Documents added later are folded as they are
 * first matched.
 */
void
tessera_document_filter_prepare (TesseraDocumentFilter *self,
                                 GListModel            *documents)
{
  g_return_if_fail (TESSERA_IS_DOCUMENT_FILTER (self));
  g_return_if_fail (G_IS_LIST_MODEL (documents));

  stop_preparing (self);
  self->preparing = g_object_ref (documents);
  self->prepared = 0;
  self->prepare_source = g_idle_add_full (G_PRIORITY_LOW, prepare_some, self, NULL);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->prepare_source),
                            "[tessera] fold document titles");
}
