/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A file an export writes: beside its destination, then renamed over it. */
typedef struct _TesseraOutputFile TesseraOutputFile;

gboolean           _tessera_output_file_check_destination (const char         *path,
                                                           GError            **error);
void               _tessera_output_file_clean_stale       (const char         *folder,
                                                           const char         *name_pattern);
TesseraOutputFile *_tessera_output_file_new               (const char         *path,
                                                           GError            **error);
const char        *_tessera_output_file_get_temporary     (TesseraOutputFile  *self);
int                _tessera_output_file_steal_fd          (TesseraOutputFile  *self);
gboolean           _tessera_output_file_commit            (TesseraOutputFile  *self,
                                                           GError            **error);
void               _tessera_output_file_free              (TesseraOutputFile  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraOutputFile, _tessera_output_file_free)

G_END_DECLS
