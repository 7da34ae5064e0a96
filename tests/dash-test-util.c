/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>

#include "dash-test-stories.h"
#include "dash-test-util.h"

char *
dash_test_make_tmp_dir (const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpl = g_strconcat (prefix, "-XXXXXX", NULL);
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

void
dash_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        dash_test_remove_tree (child);
      }
  g_remove (path);
}

DashArticle *
dash_test_story_valist (guint        n,
                        const char  *date,
                        const char  *topic,
                        va_list      args)
{
  DashArticle *a = dash_article_new ();
  g_autofree char *title = g_strdup_printf ("Story %u", n);
  g_autofree char *url = g_strdup_printf ("https://example.org/%u", n);
  g_autoptr(GDateTime) dt = dash_date_parse (date);
  g_autoptr(GArray) mentions = g_array_new (FALSE, TRUE, sizeof (DashMention));
  g_autoptr(GArray) topics = g_array_new (FALSE, TRUE, sizeof (DashTopicScore));
  g_autoptr(GString) body = g_string_new (NULL);
  const char *name;

  g_assert_nonnull (dt);
  g_array_set_clear_func (mentions, (GDestroyNotify)dash_mention_clear);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      DashMention mention = { 0 };

      mention.name = g_strdup (name);
      mention.type = va_arg (args, int);
      mention.field = DASH_FIELD_BODY;
      mention.start = g_utf8_strlen (body->str, -1);
      mention.end = mention.start + g_utf8_strlen (name, -1);
      g_array_append_val (mentions, mention);
      g_string_append_printf (body, "%s spoke. ", name);
    }
  if (topic != NULL)
    {
      DashTopicScore score = { g_intern_string (topic), 2.5 };
      g_array_append_val (topics, score);
    }
  g_string_append_printf (body, "This is story number %u about tariffs.", n);

  dash_article_set_title (a, title);
  dash_article_set_url (a, url);
  dash_article_set_source (a, "Test Wire");
  dash_article_set_body (a, body->str);
  dash_article_set_published (a, g_date_time_to_unix (dt));
  dash_article_set_mentions (a, mentions);
  dash_article_set_topics (a, topics);
  dash_article_update_content_hash (a);
  return a;
}

static DashArticle *
sample (guint      *n,
        const char *date,
        const char *topic,
        ...)
{
  DashArticle *a;
  va_list args;

  va_start (args, topic);
  a = dash_test_story_valist (++*n, date, topic, args);
  va_end (args);
  return a;
}

void
dash_test_add_sample_stories (GPtrArray *articles,
                              guint     *n)
{
  const int C = DASH_ENTITY_COUNTRY, P = DASH_ENTITY_PERSON, O = DASH_ENTITY_ORG;

  g_ptr_array_add (articles, sample (n, "2025-01-06", "trade_war", "China", C, "United States", C,
                                     "Huawei", O, NULL));
  g_ptr_array_add (articles, sample (n, "2025-01-20", "trade_war", "China", C, "United States", C,
                                     NULL));
  g_ptr_array_add (articles, sample (n, "2025-03-03", "ai", "China", C, "DeepSeek", O,
                                     "Liang Wenfeng", P, NULL));
  g_ptr_array_add (articles, sample (n, "2025-03-04", "ai", "DeepSeek", O, "Liang Wenfeng", P,
                                     NULL));
  g_ptr_array_add (articles, sample (n, "2025-03-05", "defense", "Russia", C, "Ukraine", C,
                                     "NATO", O, NULL));
  g_ptr_array_add (articles, sample (n, "2025-03-20", NULL, "Russia", C, "Ukraine", C, NULL));
}
