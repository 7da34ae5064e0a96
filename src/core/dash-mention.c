/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "dash-mention.h"

static const char *type_names[DASH_N_ENTITY_TYPES] = {
  [DASH_ENTITY_PERSON] = "PERSON",
  [DASH_ENTITY_ORG] = "ORG",
  [DASH_ENTITY_COUNTRY] = "COUNTRY",
  [DASH_ENTITY_PLACE] = "PLACE",
};

const char *
dash_entity_type_to_string (DashEntityType type)
{
  g_return_val_if_fail (type < DASH_N_ENTITY_TYPES, NULL);
  return type_names[type];
}

int
dash_entity_type_from_string (const char *name)
{
  for (guint i = 0; name != NULL && i < DASH_N_ENTITY_TYPES; i++)
    if (g_ascii_strcasecmp (name, type_names[i]) == 0)
      return i;
  return -1;
}

void
dash_mention_clear (DashMention *mention)
{
  g_clear_pointer (&mention->name, g_free);
}
