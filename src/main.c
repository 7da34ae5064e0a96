/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "dash-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DashApplication) app = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");
  /* DASH_LOCALEDIR points at catalogs that are not installed, such as the build's po/
   * folder in the tests; otherwise the catalogs are where `meson install` put them. */
  localedir = g_getenv ("DASH_LOCALEDIR");
  if (localedir == NULL || localedir[0] == '\0')
    localedir = LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = dash_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
