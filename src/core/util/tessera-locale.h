/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void        tessera_locale_init       (void);
const char *tessera_locale_pick_label (GHashTable *labels,
                                       const char *fallback);

G_END_DECLS
