/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void tessera_import_filters_add (GtkFileChooser *chooser);

G_END_DECLS
