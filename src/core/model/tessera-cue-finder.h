/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tessera-range.h"

G_BEGIN_DECLS

gboolean tessera_propose_cue (const char         *text,
                              const TesseraRange *claim,
                              guint               n_ranges,
                              guint              *out_start,
                              guint              *out_end);

G_END_DECLS
