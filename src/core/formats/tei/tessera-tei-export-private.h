/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-tei-private.h"
#include "tessera-tei-reader-private.h"

G_BEGIN_DECLS

/* Tests only: @func is called each time the exporter is about to read back what it has
 * written so far of the temporary file @path (after each document, and at the end). */
typedef void (*TesseraTeiExportWrittenFunc) (const char *path,
                                             gpointer    user_data);

void                  _tessera_tei_export_set_written_func (TesseraTeiExportWrittenFunc func,
                                                            gpointer              user_data);

G_END_DECLS
