/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-data"

#include "config.h"

#include "dash-core-resources.h"
#include "dash-data.h"

GBytes *
dash_data_lookup (const char  *name,
                  GError     **error)
{
  g_autofree char *path = g_strconcat ("/org/example/Dashboard/core/", name, NULL);

  g_return_val_if_fail (name != NULL, NULL);

  return g_resource_lookup_data (dash_core_get_resource (), path,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

const char *
dash_data_get_iso3166_path (void)
{
  const char *env = g_getenv ("DASH_ISO_CODES_DIR");
  static char *path;

  if (env != NULL)
    {
      /* For tests only: read once per process. */
      if (path == NULL)
        path = g_build_filename (env, "iso_3166-1.json", NULL);
      return path;
    }
  return ISO_CODES_JSON_DIR "/iso_3166-1.json";
}
