/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void        tessera_locale_init       (void);
const char *tessera_locale_pick_label (GHashTable *labels,
                                       const char *fallback);

/* Labels of a type, language → label (tessera_labels_new ()). */
GHashTable *tessera_labels_new        (void);
const char *tessera_labels_lookup     (GHashTable *labels,
                                       const char *language,
                                       const char *fallback);
void        tessera_labels_set        (GHashTable *labels,
                                       const char *language,
                                       const char *label);
void        tessera_labels_copy       (GHashTable *dest,
                                       GHashTable *labels);

G_END_DECLS
