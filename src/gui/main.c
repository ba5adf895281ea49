/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "tessera-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TesseraApplication) application = NULL;
  /* Set by `meson devenv` to the build tree's compiled translations. */
  const char *localedir = g_getenv ("TESSERA_LOCALEDIR");

  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = tessera_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
