/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "tessera-application.h"
#include "tessera-core.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TesseraApplication) application = NULL;

  tessera_locale_init ();

  application = tessera_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
