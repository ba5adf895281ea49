/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-store.h"

G_BEGIN_DECLS

char         *tessera_default_project_path      (void);
const char   *tessera_default_project_seeds_dir (void);
TesseraStore *tessera_default_project_open      (GPtrArray **out_import_results,
                                                 GError    **error);

G_END_DECLS
