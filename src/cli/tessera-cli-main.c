/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-cli"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "tessera-cli.h"

/* The commands are in tessera-cli.c, a library the tests link too. */
int
main (int    argc,
      char **argv)
{
  /* Set by `meson devenv` to the build tree's compiled translations. */
  const char *localedir = g_getenv ("TESSERA_LOCALEDIR");

  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return tessera_cli_run (argc, argv);
}
