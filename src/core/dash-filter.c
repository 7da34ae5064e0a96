/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "dash-filter.h"

G_DEFINE_BOXED_TYPE (DashFilter, dash_filter, dash_filter_copy, dash_filter_free)

DashFilter *
dash_filter_new (void)
{
  return g_new0 (DashFilter, 1);
}

DashFilter *
dash_filter_copy (const DashFilter *self)
{
  DashFilter *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->query = g_strdup (self->query);
  copy->source = g_strdup (self->source);
  copy->topic = g_strdup (self->topic);
  copy->entity = g_strdup (self->entity);
  return copy;
}

void
dash_filter_free (DashFilter *self)
{
  if (self == NULL)
    return;
  g_free (self->query);
  g_free (self->source);
  g_free (self->topic);
  g_free (self->entity);
  g_free (self);
}

void
dash_filter_set_query (DashFilter *self,
                       const char *query)
{
  g_return_if_fail (self != NULL);
  g_free (self->query);
  self->query = g_strdup (query);
}

void
dash_filter_set_source (DashFilter *self,
                        const char *source)
{
  g_return_if_fail (self != NULL);
  g_free (self->source);
  self->source = g_strdup (source);
}

void
dash_filter_set_topic (DashFilter *self,
                       const char *topic)
{
  g_return_if_fail (self != NULL);
  g_free (self->topic);
  self->topic = g_strdup (topic);
}

void
dash_filter_set_entity (DashFilter *self,
                        const char *entity)
{
  g_return_if_fail (self != NULL);
  g_free (self->entity);
  self->entity = g_strdup (entity);
}
