/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

G_BEGIN_DECLS

/* A file as the kernel knows it, whatever the name (links, symbolic links). */
typedef struct
{
  guint64 dev;
  guint64 ino;
} TesseraFileId;

void      _tessera_project_files_add          (const char     *path,
                                               TesseraFileId  *out_id);
void      _tessera_project_files_remove       (const TesseraFileId *id);
void      _tessera_project_files_hold_locks   (const TesseraFileId *id);
void      _tessera_project_files_release_locks (const TesseraFileId *id);
gboolean  _tessera_project_files_read_header  (const char     *path,
                                               guint8         *header,
                                               gsize           size,
                                               gsize          *out_read,
                                               gboolean       *out_open,
                                               int            *out_errno);
gboolean  _tessera_project_files_is_project   (const char     *path);
char     *_tessera_project_files_describe     (const char     *path);
gboolean  _tessera_project_files_check_readable (const char   *path,
                                                 GError      **error);

/* A big-endian number of an SQLite header. */
static inline guint32
_tessera_read_be32 (const guint8 *bytes)
{
  return ((guint32) bytes[0] << 24) | ((guint32) bytes[1] << 16) |
         ((guint32) bytes[2] << 8) | (guint32) bytes[3];
}

G_END_DECLS
