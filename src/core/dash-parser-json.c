/* SPDX-License-Identifier: GPL-3.0-or-later */

/* JSON exports: an array of articles, an object with an "articles" (or "items",
 * "data", "results") array as news APIs return, a single article object, and JSON
 * Lines with one article per line. Field names vary between tools; the usual ones
 * are all understood. */

#define G_LOG_DOMAIN "dash-parser"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "dash-date.h"
#include "dash-parser-private.h"

static const char *title_keys[] = { "title", "headline", "name", NULL };
static const char *body_keys[] = { "content", "text", "maintext", "body", "article",
                                   "full_text", "fulltext", "article_text", NULL };
static const char *summary_keys[] = { "description", "summary", "excerpt", "abstract",
                                      "lead", NULL };
static const char *url_keys[] = { "url", "link", "href", "permalink", NULL };
static const char *guid_keys[] = { "guid", "id", "uuid", NULL };
static const char *date_keys[] = { "publishedAt", "published", "date_publish", "pubDate",
                                   "published_at", "publish_date", "date", "datetime",
                                   "created_at", "timestamp", "time", "updated", NULL };
static const char *source_keys[] = { "source", "source_name", "source_domain", "site",
                                     "publisher", "outlet", "domain", NULL };
static const char *author_keys[] = { "author", "authors", "byline", "creator", NULL };
static const char *language_keys[] = { "language", "lang", NULL };

/* The string value of the first of @keys that @object has. Numbers become strings;
 * arrays of strings are joined with ", "; objects give their "name". */
static char *
lookup (JsonObject  *object,
        const char **keys)
{
  for (guint i = 0; keys[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (object, keys[i]);

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;

      if (JSON_NODE_HOLDS_VALUE (node))
        {
          GType type = json_node_get_value_type (node);

          if (type == G_TYPE_STRING)
            {
              const char *s = json_node_get_string (node);
              if (s != NULL && *s != '\0')
                return g_strdup (s);
            }
          else if (type == G_TYPE_INT64)
            return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
          else if (type == G_TYPE_DOUBLE)
            return g_strdup_printf ("%.0f", json_node_get_double (node));
        }
      else if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *inner = json_node_get_object (node);
          const char *name_keys[] = { "name", "title", "id", NULL };
          char *name = lookup (inner, name_keys);

          if (name != NULL)
            return name;
        }
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          g_autoptr(GString) joined = g_string_new (NULL);

          for (guint j = 0; j < json_array_get_length (array); j++)
            {
              JsonNode *element = json_array_get_element (array, j);
              g_autofree char *part = NULL;

              if (JSON_NODE_HOLDS_VALUE (element) &&
                  json_node_get_value_type (element) == G_TYPE_STRING)
                part = g_strdup (json_node_get_string (element));
              else if (JSON_NODE_HOLDS_OBJECT (element))
                {
                  const char *name_keys[] = { "name", NULL };
                  part = lookup (json_node_get_object (element), name_keys);
                }
              if (part != NULL && *part != '\0')
                {
                  if (joined->len > 0)
                    g_string_append (joined, ", ");
                  g_string_append (joined, part);
                }
            }
          if (joined->len > 0)
            return g_string_free (g_steal_pointer (&joined), FALSE);
        }
    }
  return NULL;
}

/* json-glib parses recursively: a few hundred kilobytes of "[[[[" would overflow the
 * stack. No article export nests deeper than a handful of levels. */
#define MAX_JSON_DEPTH 256

static gboolean
check_depth (const char  *data,
             gsize        len,
             GError     **error)
{
  gboolean in_string = FALSE;
  int depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_JSON_DEPTH)
            {
              g_set_error (error, DASH_ERROR, DASH_ERROR_MALFORMED,
                           _("broken JSON: nested more than %d levels deep"), MAX_JSON_DEPTH);
              return FALSE;
            }
        }
      else if (c == ']' || c == '}')
        depth--;
    }
  return TRUE;
}

static gint64
parse_json_time (JsonObject *object)
{
  for (guint i = 0; date_keys[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (object, date_keys[i]);
      g_autoptr(GDateTime) dt = NULL;

      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
        continue;

      if (json_node_get_value_type (node) == G_TYPE_STRING)
        dt = dash_date_parse (json_node_get_string (node));
      else if (json_node_get_value_type (node) == G_TYPE_INT64 ||
               json_node_get_value_type (node) == G_TYPE_DOUBLE)
        {
          double d = json_node_get_value_type (node) == G_TYPE_INT64
                     ? (double)json_node_get_int (node)
                     : json_node_get_double (node);
          gint64 t;

          /* Out of any plausible range (and of what a cast can hold): not a date. */
          if (!(d > -9e15 && d < 9e15))
            continue;
          t = (gint64)d;

          /* Milliseconds since the epoch are as common as seconds. */
          if (t > G_GINT64_CONSTANT (100000000000))
            t /= 1000;
          if (t > 0)
            dt = g_date_time_new_from_unix_utc (t);
        }
      if (dt != NULL)
        return g_date_time_to_unix (dt);
    }
  return 0;
}

/* News APIs truncate "content" and end it with "… [+1234 chars]". */
static void
strip_truncation_marker (char *text)
{
  char *mark;

  if (text == NULL)
    return;
  mark = strstr (text, " [+");
  if (mark == NULL)
    mark = strstr (text, "[+");
  if (mark != NULL && g_str_has_suffix (mark, " chars]"))
    *mark = '\0';
}

static void
parse_object (DashParseState *state,
              JsonNode       *node,
              guint           index)
{
  JsonObject *object;
  g_autoptr(DashArticle) article = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *author = NULL;
  g_autofree char *url = NULL;
  g_autofree char *guid = NULL;
  g_autofree char *source = NULL;
  g_autofree char *language = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      _dash_parse_state_skip (state, _("entry %u is not an object"), index + 1);
      return;
    }
  object = json_node_get_object (node);

  {
    g_autofree char *raw = lookup (object, title_keys);
    title = _dash_clean_field (raw, TRUE);
  }
  {
    g_autofree char *raw = lookup (object, body_keys);
    strip_truncation_marker (raw);
    body = _dash_clean_field (raw, FALSE);
  }
  {
    g_autofree char *raw = lookup (object, summary_keys);
    summary = _dash_clean_field (raw, FALSE);
  }
  {
    g_autofree char *raw = lookup (object, author_keys);
    author = _dash_clean_field (raw, TRUE);
  }

  if (title == NULL && body == NULL && summary == NULL)
    {
      _dash_parse_state_skip (state, _("entry %u has neither title nor text"), index + 1);
      return;
    }

  url = lookup (object, url_keys);
  guid = lookup (object, guid_keys);
  source = lookup (object, source_keys);
  language = lookup (object, language_keys);

  article = dash_article_new ();
  if (title == NULL)
    {
      const char *text = summary != NULL ? summary : body;
      title = g_utf8_substring (text, 0, MIN (g_utf8_strlen (text, -1), 80));
    }
  dash_article_set_title (article, title);
  dash_article_set_body (article, body);
  dash_article_set_summary (article, summary);
  dash_article_set_author (article, author);
  dash_article_set_url (article, url);
  /* A bare number as id is a row number in somebody's export, not a story's identity. */
  if (guid != NULL && !g_ascii_isdigit (guid[0]))
    dash_article_set_guid (article, guid);
  else
    dash_article_set_guid (article, url);
  dash_article_set_source (article, source);
  dash_article_set_language (article, language);
  dash_article_set_published (article, parse_json_time (object));

  g_ptr_array_add (state->articles, g_steal_pointer (&article));
}

static void
parse_array (DashParseState *state,
             JsonArray      *array)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    parse_object (state, json_array_get_element (array, i), i);
}

gboolean
_dash_parse_json (DashParseState *state,
                  const char     *data,
                  gsize           len,
                  GError        **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!check_depth (data, len, error))
    return FALSE;
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_MALFORMED,
                   _("broken JSON: %s"), local_error->message);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      parse_array (state, json_node_get_array (root));
      return TRUE;
    }
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      const char *list_keys[] = { "articles", "items", "data", "results", "stories",
                                  "entries", "news", NULL };

      for (guint i = 0; list_keys[i] != NULL; i++)
        {
          JsonNode *member = json_object_get_member (object, list_keys[i]);

          if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
            {
              parse_array (state, json_node_get_array (member));
              return TRUE;
            }
        }
      /* A single article. */
      if (json_object_has_member (object, "title"))
        {
          parse_object (state, root, 0);
          return TRUE;
        }
    }

  g_set_error_literal (error, DASH_ERROR, DASH_ERROR_FORMAT,
                       _("JSON, but neither a list of articles nor an object with an "
                         "\"articles\" list"));
  return FALSE;
}

gboolean
_dash_parse_json_lines (DashParseState *state,
                        const char     *data,
                        gsize           len,
                        GError        **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  const char *p = data;
  const char *end = data + len;
  guint line_no = 0;
  guint n_lines = 0;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl != NULL ? nl : end;
      const char *q = p;
      g_autoptr(GError) local_error = NULL;

      line_no++;
      while (q < line_end && g_ascii_isspace (*q))
        q++;
      if (q < line_end)
        {
          n_lines++;
          if (!check_depth (q, line_end - q, &local_error) ||
              !json_parser_load_from_data (parser, q, line_end - q, &local_error))
            _dash_parse_state_skip (state, _("line %u is not valid JSON: %s"),
                                    line_no, local_error->message);
          else
            {
              guint before = state->n_skipped;

              parse_object (state, json_parser_get_root (parser), line_no - 1);
              if (state->n_skipped > before && state->n_skipped == 1)
                {
                  g_free (state->first_skip_reason);
                  state->first_skip_reason =
                    g_strdup_printf (_("line %u is not an article"), line_no);
                }
            }
        }
      p = line_end + 1;
    }

  if (n_lines == 0)
    {
      g_set_error_literal (error, DASH_ERROR, DASH_ERROR_MALFORMED, _("the file is empty"));
      return FALSE;
    }
  return TRUE;
}
