/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-article"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "dash-article.h"
#include "dash-date.h"

struct _DashArticle
{
  GObject parent_instance;

  gint64  id;
  char   *source;
  char   *title;
  char   *url;
  char   *guid;
  char   *author;
  gint64  published;
  char   *summary;
  char   *body;
  char   *language;
  char   *content_hash;
  gint64  imported;
  char   *origin;
  char   *snippet;
  double  rank;
  GArray *mentions;
  GArray *topics;
  guint   date_estimated : 1;
};

G_DEFINE_FINAL_TYPE (DashArticle, dash_article, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SOURCE,
  PROP_TITLE,
  PROP_URL,
  PROP_AUTHOR,
  PROP_PUBLISHED,
  PROP_DATE_ESTIMATED,
  PROP_SUMMARY,
  PROP_SNIPPET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dash_article_finalize (GObject *object)
{
  DashArticle *self = (DashArticle *)object;

  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->guid, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->content_hash, g_free);
  g_clear_pointer (&self->origin, g_free);
  g_clear_pointer (&self->snippet, g_free);
  g_clear_pointer (&self->mentions, g_array_unref);
  g_clear_pointer (&self->topics, g_array_unref);

  G_OBJECT_CLASS (dash_article_parent_class)->finalize (object);
}

static void
dash_article_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DashArticle *self = DASH_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;
    case PROP_PUBLISHED:
      g_value_set_int64 (value, self->published);
      break;
    case PROP_DATE_ESTIMATED:
      g_value_set_boolean (value, self->date_estimated);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_SNIPPET:
      g_value_set_string (value, self->snippet);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dash_article_class_init (DashArticleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dash_article_finalize;
  object_class->get_property = dash_article_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, flags);
  properties[PROP_AUTHOR] = g_param_spec_string ("author", NULL, NULL, NULL, flags);
  properties[PROP_PUBLISHED] = g_param_spec_int64 ("published", NULL, NULL,
                                                   G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_DATE_ESTIMATED] = g_param_spec_boolean ("date-estimated", NULL, NULL,
                                                          FALSE, flags);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  properties[PROP_SNIPPET] = g_param_spec_string ("snippet", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dash_article_init (DashArticle *self)
{
}

DashArticle *
dash_article_new (void)
{
  return g_object_new (DASH_TYPE_ARTICLE, NULL);
}

/* Stores a copy of @value, or NULL for an empty string, and notifies @prop. */
static void
set_string (DashArticle  *self,
            char        **field,
            const char   *value,
            guint         prop)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  if (prop != PROP_0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

#define STRING_ACCESSORS(name, prop)                                         \
  const char *                                                               \
  dash_article_get_##name (DashArticle *self)                                \
  {                                                                          \
    g_return_val_if_fail (DASH_IS_ARTICLE (self), NULL);                     \
    return self->name;                                                       \
  }                                                                          \
  void                                                                       \
  dash_article_set_##name (DashArticle *self, const char *value)             \
  {                                                                          \
    g_return_if_fail (DASH_IS_ARTICLE (self));                               \
    set_string (self, &self->name, value, prop);                             \
  }

STRING_ACCESSORS (source, PROP_SOURCE)
STRING_ACCESSORS (title, PROP_TITLE)
STRING_ACCESSORS (url, PROP_URL)
STRING_ACCESSORS (guid, PROP_0)
STRING_ACCESSORS (author, PROP_AUTHOR)
STRING_ACCESSORS (summary, PROP_SUMMARY)
STRING_ACCESSORS (body, PROP_0)
STRING_ACCESSORS (language, PROP_0)
STRING_ACCESSORS (content_hash, PROP_0)
STRING_ACCESSORS (origin, PROP_0)
STRING_ACCESSORS (snippet, PROP_SNIPPET)

gint64
dash_article_get_id (DashArticle *self)
{
  g_return_val_if_fail (DASH_IS_ARTICLE (self), 0);
  return self->id;
}

void
dash_article_set_id (DashArticle *self,
                     gint64       id)
{
  g_return_if_fail (DASH_IS_ARTICLE (self));
  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
dash_article_get_published (DashArticle *self)
{
  g_return_val_if_fail (DASH_IS_ARTICLE (self), 0);
  return self->published;
}

void
dash_article_set_published (DashArticle *self,
                            gint64       published)
{
  g_return_if_fail (DASH_IS_ARTICLE (self));
  if (self->published == published)
    return;
  self->published = published;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUBLISHED]);
}

gboolean
dash_article_get_date_estimated (DashArticle *self)
{
  g_return_val_if_fail (DASH_IS_ARTICLE (self), FALSE);
  return self->date_estimated;
}

void
dash_article_set_date_estimated (DashArticle *self,
                                 gboolean     estimated)
{
  g_return_if_fail (DASH_IS_ARTICLE (self));
  estimated = !!estimated;
  if (self->date_estimated == (guint)estimated)
    return;
  self->date_estimated = estimated;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE_ESTIMATED]);
}

gint64
dash_article_get_imported (DashArticle *self)
{
  g_return_val_if_fail (DASH_IS_ARTICLE (self), 0);
  return self->imported;
}

void
dash_article_set_imported (DashArticle *self,
                           gint64       imported)
{
  g_return_if_fail (DASH_IS_ARTICLE (self));
  self->imported = imported;
}

double
dash_article_get_rank (DashArticle *self)
{
  g_return_val_if_fail (DASH_IS_ARTICLE (self), 0.0);
  return self->rank;
}

void
dash_article_set_rank (DashArticle *self,
                       double       rank)
{
  g_return_if_fail (DASH_IS_ARTICLE (self));
  self->rank = rank;
}

GArray *
dash_article_get_mentions (DashArticle *self)
{
  g_return_val_if_fail (DASH_IS_ARTICLE (self), NULL);
  return self->mentions;
}

void
dash_article_set_mentions (DashArticle *self,
                           GArray      *mentions)
{
  g_return_if_fail (DASH_IS_ARTICLE (self));
  if (mentions != NULL)
    g_array_ref (mentions);
  g_clear_pointer (&self->mentions, g_array_unref);
  self->mentions = mentions;
}

GArray *
dash_article_get_topics (DashArticle *self)
{
  g_return_val_if_fail (DASH_IS_ARTICLE (self), NULL);
  return self->topics;
}

void
dash_article_set_topics (DashArticle *self,
                         GArray      *topics)
{
  g_return_if_fail (DASH_IS_ARTICLE (self));
  if (topics != NULL)
    g_array_ref (topics);
  g_clear_pointer (&self->topics, g_array_unref);
  self->topics = topics;
}

/* Appends @text to @hash with case folded and every run of non-alphanumerics reduced
 * to one space, so that spacing and punctuation differences do not matter. The folded
 * text goes through a buffer on the stack: this runs on every story imported. */
static void
hash_folded (GChecksum  *hash,
             const char *text)
{
  guchar buf[4096];
  gsize len = 0;
  gboolean gap = FALSE;
  gboolean empty = TRUE;

  if (text == NULL)
    return;

  for (const char *p = text; *p; )
    {
      gunichar c;

      /* Room for a space and the longest character. */
      if (len + 1 + 6 > sizeof buf)
        {
          g_checksum_update (hash, buf, len);
          len = 0;
        }

      /* ASCII, most of any news text, without decoding. */
      if ((guchar)*p < 0x80)
        {
          if (g_ascii_isalnum (*p))
            {
              if (gap && !empty)
                buf[len++] = ' ';
              buf[len++] = *p >= 'A' && *p <= 'Z' ? *p + ('a' - 'A') : *p;
              gap = FALSE;
              empty = FALSE;
            }
          else
            gap = TRUE;
          p++;
          continue;
        }

      c = g_utf8_get_char (p);
      if (g_unichar_isalnum (c))
        {
          if (gap && !empty)
            buf[len++] = ' ';
          len += g_unichar_to_utf8 (g_unichar_tolower (c), (char *)buf + len);
          gap = FALSE;
          empty = FALSE;
        }
      else
        gap = TRUE;
      p = g_utf8_next_char (p);
    }
  g_checksum_update (hash, buf, len);
  g_checksum_update (hash, (const guchar *)"\n", 1);
}

void
dash_article_update_content_hash (DashArticle *self)
{
  g_autoptr(GChecksum) hash = NULL;
  const char *digest;
  const char *text;

  g_return_if_fail (DASH_IS_ARTICLE (self));

  text = self->body != NULL ? self->body : self->summary;
  hash = g_checksum_new (G_CHECKSUM_SHA256);
  hash_folded (hash, self->title);
  hash_folded (hash, text);
  /* With little or no text ("Live updates"), the title alone does not make a story
   * the same as another: its address tells them apart. */
  if ((text == NULL || strlen (text) < 200) && self->url != NULL)
    hash_folded (hash, self->url);
  digest = g_checksum_get_string (hash);
  /* 128 bits are plenty to tell stories apart and keep the index small. */
  g_free (self->content_hash);
  self->content_hash = g_strndup (digest, 32);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_time (JsonBuilder *builder,
          const char  *name,
          gint64       time)
{
  json_builder_set_member_name (builder, name);
  if (time != 0)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time);
      g_autofree char *iso = dt != NULL ? dash_date_to_iso8601 (dt) : NULL;

      if (iso != NULL)
        {
          json_builder_add_string_value (builder, iso);
          return;
        }
    }
  json_builder_add_null_value (builder);
}

void
dash_article_to_json (DashArticle *self,
                      gpointer     json_builder,
                      gboolean     full)
{
  JsonBuilder *builder = json_builder;

  g_return_if_fail (DASH_IS_ARTICLE (self));
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);
  add_string (builder, "title", self->title);
  add_string (builder, "url", self->url);
  add_string (builder, "source", self->source);
  add_time (builder, "published", self->published);
  json_builder_set_member_name (builder, "date_estimated");
  json_builder_add_boolean_value (builder, self->date_estimated);
  if (full)
    {
      add_string (builder, "guid", self->guid);
      add_string (builder, "author", self->author);
      add_string (builder, "summary", self->summary);
      add_string (builder, "body", self->body);
      add_string (builder, "language", self->language);
      add_string (builder, "content_hash", self->content_hash);
      add_time (builder, "imported", self->imported);
      add_string (builder, "origin", self->origin);
    }
  json_builder_end_object (builder);
}
