/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

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

gboolean
dash_filter_equal (const DashFilter *a,
                   const DashFilter *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strcmp0 (a->query, b->query) == 0 &&
         a->from == b->from && a->to == b->to &&
         g_strcmp0 (a->source, b->source) == 0 &&
         g_strcmp0 (a->topic, b->topic) == 0 &&
         g_strcmp0 (a->entity, b->entity) == 0 &&
         a->imported_after == b->imported_after &&
         a->limit == b->limit && a->sort == b->sort;
}

gboolean
dash_filter_is_empty (const DashFilter *self)
{
  return self == NULL ||
         (self->query == NULL && self->from == 0 && self->to == 0 && self->source == NULL &&
          self->topic == NULL && self->entity == NULL && self->imported_after == 0);
}

static const char *sort_names[] = { "date", "date-ascending", "relevance" };

char *
dash_filter_to_json (const DashFilter *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const struct { const char *name; const char *value; } strings[] = {
    { "query", self->query },
    { "source", self->source },
    { "topic", self->topic },
    { "entity", self->entity },
  };
  const struct { const char *name; gint64 value; } numbers[] = {
    { "from", self->from },
    { "to", self->to },
    { "imported_after", self->imported_after },
    { "limit", self->limit },
  };

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    if (strings[i].value != NULL)
      {
        json_builder_set_member_name (builder, strings[i].name);
        json_builder_add_string_value (builder, strings[i].value);
      }
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    if (numbers[i].value != 0)
      {
        json_builder_set_member_name (builder, numbers[i].name);
        json_builder_add_int_value (builder, numbers[i].value);
      }
  if (self->sort != DASH_SORT_DATE_DESC && (guint) self->sort < G_N_ELEMENTS (sort_names))
    {
      json_builder_set_member_name (builder, "sort");
      json_builder_add_string_value (builder, sort_names[self->sort]);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static gint64
member_int (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

DashFilter *
dash_filter_new_from_json (const char  *json,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(DashFilter) filter = dash_filter_new ();
  g_autofree char *sort = NULL;
  JsonObject *object;
  JsonNode *root;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_QUERY, _("not a stored filter: %s"), json);
      return NULL;
    }

  object = json_node_get_object (root);
  filter->query = member_string (object, "query");
  filter->source = member_string (object, "source");
  filter->topic = member_string (object, "topic");
  filter->entity = member_string (object, "entity");
  filter->from = member_int (object, "from");
  filter->to = member_int (object, "to");
  filter->imported_after = member_int (object, "imported_after");
  filter->limit = (guint) CLAMP (member_int (object, "limit"), 0, G_MAXUINT);
  sort = member_string (object, "sort");
  for (guint i = 0; sort != NULL && i < G_N_ELEMENTS (sort_names); i++)
    if (g_str_equal (sort, sort_names[i]))
      filter->sort = (DashSort) i;
  return g_steal_pointer (&filter);
}
