/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A small streaming JSON writer (RFC 8259) for machine-readable output and exports. */
typedef struct _TesseraJson TesseraJson;

TesseraJson *tessera_json_new          (gboolean     pretty);
void         tessera_json_free         (TesseraJson *self);
char        *tessera_json_steal        (TesseraJson *self);
void         tessera_json_begin_object (TesseraJson *self);
void         tessera_json_end_object   (TesseraJson *self);
void         tessera_json_begin_array  (TesseraJson *self);
void         tessera_json_end_array    (TesseraJson *self);
void         tessera_json_key          (TesseraJson *self,
                                        const char  *key);
void         tessera_json_string       (TesseraJson *self,
                                        const char  *value);
void         tessera_json_int          (TesseraJson *self,
                                        gint64       value);
void         tessera_json_boolean      (TesseraJson *self,
                                        gboolean     value);
void         tessera_json_null         (TesseraJson *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraJson, tessera_json_free)

G_END_DECLS
