/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-exporter.h"
#include "tessera-importer.h"

G_BEGIN_DECLS

void             tessera_formats_register_importer (GType        importer_type);
void             tessera_formats_register_exporter (GType        exporter_type);
GPtrArray       *tessera_formats_list_importers    (void);
GPtrArray       *tessera_formats_list_exporters    (void);
TesseraImporter *tessera_formats_new_importer      (const char  *id,
                                                    GError     **error);
TesseraExporter *tessera_formats_new_exporter      (const char  *id,
                                                    GError     **error);
TesseraImporter *tessera_formats_sniff_importer    (const char  *path,
                                                    GError     **error);
gboolean         tessera_formats_is_importable_name (const char *name);

gboolean         tessera_format_set_option         (GObject     *format,
                                                    const char  *name,
                                                    const char  *value,
                                                    GError     **error);
char            *tessera_format_describe_value     (GParamSpec  *pspec);

G_END_DECLS
