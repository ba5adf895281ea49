/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tessera-core.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_WINDOW (tessera_window_get_type ())
G_DECLARE_FINAL_TYPE (TesseraWindow, tessera_window, TESSERA, WINDOW, AdwApplicationWindow)

TesseraWindow *tessera_window_new                 (GtkApplication *application);
gboolean       tessera_window_open_project        (TesseraWindow  *self,
                                                   const char     *path,
                                                   GError        **error);
gboolean       tessera_window_open_default_project (TesseraWindow *self,
                                                   GError        **error);
TesseraStore  *tessera_window_get_store           (TesseraWindow  *self);
gboolean       tessera_window_show_document       (TesseraWindow  *self,
                                                   gint64          document_id);
gint64         tessera_window_get_document_id     (TesseraWindow  *self);
GtkWidget     *tessera_window_get_text_view       (TesseraWindow  *self);
GtkWidget     *tessera_window_get_inspector       (TesseraWindow  *self);
void           tessera_window_import_files        (TesseraWindow  *self,
                                                   GFile         **files,
                                                   guint           n_files);
void           tessera_window_open_articles       (TesseraWindow  *self,
                                                   GFile         **files,
                                                   guint           n_files);
void           tessera_window_show_error          (TesseraWindow  *self,
                                                   const char     *message);

G_END_DECLS
