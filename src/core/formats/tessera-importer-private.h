/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tessera-importer.h"

G_BEGIN_DECLS

gboolean   _tessera_importer_check_file    (const char          *path,
                                            const char          *display_name,
                                            GError             **error);
void       _tessera_importer_set_too_large (GError             **error,
                                            const char          *display_name,
                                            guint64              size);
gboolean   _tessera_importer_has_suffix    (const char          *name,
                                            const char          *extension);
void       _tessera_import_set_line_error (GError            **error,
                                           int                 code,
                                           const char         *display_name,
                                           guint               line,
                                           const char         *format,
                                           ...) G_GNUC_PRINTF (5, 6);
GPtrArray *_tessera_import_batch_insert    (TesseraImportBatch  *batch,
                                            TesseraStore        *store,
                                            const char          *path,
                                            GCancellable        *cancellable,
                                            GError             **error);

/* The entities a file names by their authority URIs: the project's own (matched by one
 * URI in common), or new records added to @entities, one per URI. */
typedef struct
{
  GPtrArray  *entities;       /* TesseraEntityRecord: where new records go */
  GHashTable *entity_of_uri;  /* URI → TesseraEntityRecord of the file */
  GHashTable *project_uris;   /* URI → gint64 id of an entity of the project */
} TesseraImportEntities;

void                 _tessera_import_entities_init       (TesseraImportEntities *self,
                                                          TesseraStore          *store,
                                                          GPtrArray             *entities);
void                 _tessera_import_entities_clear      (TesseraImportEntities *self);
gint64               _tessera_import_entities_project_id (TesseraImportEntities *self,
                                                          const char            *uri);
TesseraEntityRecord *_tessera_import_entities_for_uri    (TesseraImportEntities *self,
                                                          const char            *uri,
                                                          const char            *name,
                                                          TesseraAnnotationType *type);

G_END_DECLS
