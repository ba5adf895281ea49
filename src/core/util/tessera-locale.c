/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-locale"

#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "tessera-locale.h"

/**
 * tessera_locale_init:
 *
 * Sets the locale from the environment and binds Tessera's translations, as each program
 * does first: from `$TESSERA_LOCALEDIR` when set (`meson devenv` points it at the build
 * tree's compiled translations), else from the installed ones.
 */
void
tessera_locale_init (void)
{
  const char *localedir = g_getenv ("TESSERA_LOCALEDIR");

  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
