/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-annotation-list-view.h"
#include "tessera-attribution-bar.h"
#include "tessera-claims-view.h"
#include "tessera-document-filter.h"
#include "tessera-entity-list.h"
#include "tessera-import-queue.h"
#include "tessera-inspector.h"
#include "tessera-palette.h"
#include "tessera-relation-bar.h"
#include "tessera-text-view.h"
#include "tessera-window.h"

G_BEGIN_DECLS

struct _TesseraWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkToggleButton      *sidebar_button;
  GtkMenuButton        *menu_button;
  GtkRevealer          *read_only_revealer;
  GtkLabel             *read_only_label;
  GtkPaned             *outer_paned;
  GtkPaned             *inner_paned;
  GtkPaned             *inspector_paned;
  GtkStack             *sidebar_stack;
  GtkSearchEntry       *document_filter;
  GtkListView          *document_list;
  GtkSingleSelection   *document_selection;
  TesseraImportQueue   *import_queue;
  TesseraEntityList    *entity_list;
  GtkStack             *content_stack;
  AdwStatusPage        *empty_page;
  TesseraPalette       *palette;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkLabel             *search_label;
  TesseraRelationBar   *relation_bar;
  GtkCheckButton       *search_exact_case;
  TesseraRange          find_match;     /* the occurrence Find selected last */
  GtkLabel             *document_heading;
  GtkLabel             *document_source;
  TesseraAttributionBar *attribution_bar;
  TesseraTextView      *text_view;
  TesseraInspector     *inspector;
  TesseraAnnotationListView *annotation_list;
  GtkStack             *view_stack;     /* "article" or "claims" */
  AdwBin               *claims_page;
  TesseraClaimsView    *claims_view;    /* made when first shown, in claims_page */
  gboolean              fitting_inspector;
  GMenu                *recent_menu;

  /* State */
  GSettings            *settings;
  gboolean              snap_to_words;
  TesseraStore         *store;
  GtkFilterListModel   *documents;
  TesseraDocumentFilter *document_title_filter;
  gint64                document_id;
  guint                 poll_source;
  gboolean              syncing_selection;
  gboolean              import_shows_next; /* tessera_window_open_articles () */
};

void     _tessera_window_class_actions_init (TesseraWindowClass     *klass);
void     _tessera_window_types_class_init   (TesseraWindowClass     *klass);
void     _tessera_window_types_init         (TesseraWindow          *self);
void     _tessera_window_types_update_actions (TesseraWindow        *self);
void     _tessera_window_update_actions     (TesseraWindow          *self);
void     _tessera_window_toast              (TesseraWindow          *self,
                                             const char             *message,
                                             gboolean                with_undo);
void     _tessera_window_find               (TesseraWindow          *self,
                                             int                     direction);
/* tessera-window-claims.c */
void     _tessera_window_class_claims_init  (TesseraWindowClass     *klass);
void     _tessera_window_claims_update_actions (TesseraWindow       *self);
void     _tessera_window_claims_add_shortcuts (TesseraWindow        *self,
                                               GtkShortcutController *controller);
gboolean _tessera_window_claims_mark        (TesseraWindow          *self,
                                             TesseraAnnotationType  *type,
                                             const TesseraRange     *range);
void     _tessera_window_claims_marked      (TesseraWindow          *self,
                                             gint64                  id,
                                             TesseraAnnotationType  *type,
                                             gboolean                existing);
/* tessera-window-views.c */
void     _tessera_window_views_class_init   (TesseraWindowClass     *klass);
void     _tessera_window_views_update_actions (TesseraWindow        *self);
void     _tessera_window_views_init         (TesseraWindow          *self);

gboolean _tessera_window_open_store         (TesseraWindow          *self,
                                             const char             *path,
                                             TesseraStoreOpenFlags   flags,
                                             GError                **error);

/* tessera-window-same-claim.c */
void     _tessera_window_class_same_claim_init (TesseraWindowClass  *klass);
void     _tessera_window_same_claim_update_actions (TesseraWindow   *self);
/* tessera-window-ranges.c */
void     _tessera_window_class_ranges_init  (TesseraWindowClass     *klass);
void     _tessera_window_add_range_shortcuts (TesseraWindow         *self,
                                              GtkShortcutController *controller);

G_END_DECLS
