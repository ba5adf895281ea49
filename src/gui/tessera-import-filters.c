/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-import-filters"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-import-filters.h"

#include "tessera-core.h"

/*
 * The import file chooser's filters, from the registry (tessera-formats.c): first every
 * format Tessera reads, then one filter per format, named with its extensions. A format
 * registered later is offered without a change here.
 */

static void
add_format (GtkFileFilter   *filter,
            GString         *patterns,
            TesseraImporter *importer)
{
  const char * const *extensions = tessera_importer_get_extensions (importer);
  const char *mime_type = tessera_importer_get_mime_type (importer);

  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  for (guint i = 0; extensions != NULL && extensions[i] != NULL; i++)
    {
      gtk_file_filter_add_suffix (filter, extensions[i]);
      if (patterns != NULL)
        g_string_append_printf (patterns, "%s*.%s", patterns->len > 0 ? " " : "",
                                extensions[i]);
    }
}

/**
 * tessera_import_filters_add:
 * @chooser: the chooser of the files to import
 *
 * Adds "All supported files", selected, and a filter per import format.
 */
void
tessera_import_filters_add (GtkFileChooser *chooser)
{
  g_autoptr(GPtrArray) importers = tessera_formats_list_importers ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (all, _("All supported files"));
  for (guint i = 0; i < importers->len; i++)
    add_format (all, NULL, g_ptr_array_index (importers, i));
  gtk_file_chooser_add_filter (chooser, all);

  for (guint i = 0; i < importers->len; i++)
    {
      TesseraImporter *importer = g_ptr_array_index (importers, i);
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
      g_autoptr(GString) patterns = g_string_new (NULL);
      g_autofree char *name = NULL;

      add_format (filter, patterns, importer);
      /* Translators: a format's name and its file name patterns, "TEI P5 (*.xml *.tei)" */
      name = g_strdup_printf (_("%s (%s)"), tessera_importer_get_name (importer), patterns->str);
      gtk_file_filter_set_name (filter, name);
      gtk_file_chooser_add_filter (chooser, filter);
    }
  gtk_file_chooser_set_filter (chooser, all);
}
