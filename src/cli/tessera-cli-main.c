/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-cli"

#include "config.h"

#include "tessera-cli.h"
#include "tessera-core.h"

/* The commands are in tessera-cli.c, a library the tests link too. */
int
main (int    argc,
      char **argv)
{
  tessera_locale_init ();

  return tessera_cli_run (argc, argv);
}
