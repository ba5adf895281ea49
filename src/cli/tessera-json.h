/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The command line's --json: built with a JsonBuilder, written by a JsonGenerator. */
void  tessera_json_add_string (JsonBuilder *builder,
                               const char  *value);
char *tessera_json_to_text    (JsonBuilder *builder);

G_END_DECLS
