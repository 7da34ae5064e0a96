/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "dash-location.h"

G_DEFINE_BOXED_TYPE (DashLocation, dash_location, dash_location_copy, dash_location_free)

static const char *kind_names[] = {
  [DASH_LOCATION_OVERVIEW] = "overview",
  [DASH_LOCATION_STORIES] = "stories",
  [DASH_LOCATION_ENTITIES] = "entities",
  [DASH_LOCATION_SOURCES] = "sources",
  [DASH_LOCATION_GRAPH] = "graph",
  [DASH_LOCATION_FEEDS] = "feeds",
  [DASH_LOCATION_ARTICLE] = "article",
};

static gboolean
has_filter (DashLocationKind kind)
{
  return kind == DASH_LOCATION_STORIES || kind == DASH_LOCATION_GRAPH;
}

DashLocation *
dash_location_new (DashLocationKind kind)
{
  DashLocation *self = g_new0 (DashLocation, 1);

  self->kind = kind;
  if (has_filter (kind))
    self->filter = dash_filter_new ();
  return self;
}

DashLocation *
dash_location_new_stories (const DashFilter *filter,
                           gint64            saved_search)
{
  DashLocation *self = g_new0 (DashLocation, 1);

  self->kind = DASH_LOCATION_STORIES;
  self->filter = filter != NULL ? dash_filter_copy (filter) : dash_filter_new ();
  self->saved_search = saved_search;
  return self;
}

DashLocation *
dash_location_new_graph (const DashFilter *filter)
{
  DashLocation *self = dash_location_new_stories (filter, 0);

  self->kind = DASH_LOCATION_GRAPH;
  return self;
}

DashLocation *
dash_location_new_article (DashArticle *article)
{
  DashLocation *self = g_new0 (DashLocation, 1);

  g_return_val_if_fail (DASH_IS_ARTICLE (article), NULL);

  self->kind = DASH_LOCATION_ARTICLE;
  self->article = g_object_ref (article);
  return self;
}

DashLocation *
dash_location_copy (const DashLocation *self)
{
  DashLocation *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->filter = self->filter != NULL ? dash_filter_copy (self->filter) : NULL;
  copy->article = self->article != NULL ? g_object_ref (self->article) : NULL;
  return copy;
}

void
dash_location_free (DashLocation *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->filter, dash_filter_free);
  g_clear_object (&self->article);
  g_free (self);
}

gboolean
dash_location_equal (const DashLocation *a,
                     const DashLocation *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->kind != b->kind || a->saved_search != b->saved_search)
    return FALSE;
  if (a->kind == DASH_LOCATION_ARTICLE)
    return dash_article_get_id (a->article) == dash_article_get_id (b->article);
  return dash_filter_equal (a->filter, b->filter);
}

char *
dash_location_to_string (const DashLocation *self)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->kind == DASH_LOCATION_ARTICLE)
    return NULL;
  if (self->saved_search != 0)
    return g_strdup_printf ("saved:%" G_GINT64_FORMAT, self->saved_search);
  if (!has_filter (self->kind))
    return g_strdup (kind_names[self->kind]);
  json = dash_filter_to_json (self->filter);
  return g_strconcat (kind_names[self->kind], ":", json, NULL);
}

DashLocation *
dash_location_new_from_string (const char *text)
{
  const char *colon;
  gsize length;

  if (text == NULL)
    return NULL;

  if (g_str_has_prefix (text, "saved:"))
    {
      g_autoptr(DashLocation) location = dash_location_new (DASH_LOCATION_STORIES);
      char *end = NULL;

      location->saved_search = g_ascii_strtoll (text + strlen ("saved:"), &end, 10);
      if (location->saved_search <= 0 || end == NULL || *end != '\0')
        return NULL;
      return g_steal_pointer (&location);
    }

  colon = strchr (text, ':');
  length = colon != NULL ? (gsize) (colon - text) : strlen (text);
  for (guint kind = 0; kind < G_N_ELEMENTS (kind_names); kind++)
    {
      g_autoptr(DashLocation) location = NULL;

      if (kind == DASH_LOCATION_ARTICLE || strlen (kind_names[kind]) != length ||
          strncmp (text, kind_names[kind], length) != 0)
        continue;
      if (has_filter (kind) != (colon != NULL))
        return NULL;

      location = dash_location_new (kind);
      if (colon != NULL)
        {
          g_clear_pointer (&location->filter, dash_filter_free);
          location->filter = dash_filter_new_from_json (colon + 1, NULL);
          if (location->filter == NULL)
            return NULL;
        }
      return g_steal_pointer (&location);
    }
  return NULL;
}
