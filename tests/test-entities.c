/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "test-entities"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "dash-article.h"
#include "dash-entity-extractor.h"
#include "dash-parser.h"

static DashEntityExtractor *extractor;

static GArray *
extract (const char *title,
         const char *body)
{
  return dash_entity_extractor_extract (extractor, title, body);
}

/* The first mention of @name in @mentions, or NULL. */
static const DashMention *
find_mention (GArray     *mentions,
              const char *name)
{
  for (guint i = 0; i < mentions->len; i++)
    {
      const DashMention *m = &g_array_index (mentions, DashMention, i);

      if (g_strcmp0 (m->name, name) == 0)
        return m;
    }
  return NULL;
}

/* Every mention must cut its field exactly: no partial words, no spaces. */
static void
assert_offsets (GArray     *mentions,
                const char *title,
                const char *body)
{
  for (guint i = 0; i < mentions->len; i++)
    {
      const DashMention *m = &g_array_index (mentions, DashMention, i);
      const char *text = m->field == DASH_FIELD_TITLE ? title : body;
      g_autofree char *cut = NULL;

      g_assert_nonnull (text);
      g_assert_cmpuint (m->start, <, m->end);
      g_assert_cmpuint (m->end, <=, g_utf8_strlen (text, -1));
      cut = g_utf8_substring (text, m->start, m->end);
      g_assert_false (g_unichar_isspace (g_utf8_get_char (cut)));
      g_assert_true (g_unichar_isalnum (g_utf8_get_char (g_utf8_offset_to_pointer (cut,
                                                                                  m->end - m->start - 1))) ||
                     g_str_has_suffix (cut, "."));
    }
}

static char *
cut_mention (const DashMention *m,
             const char        *text)
{
  return g_utf8_substring (text, m->start, m->end);
}

/* Lists the mentions as test messages, to see why a test fails. */
static void
dump_mentions (GArray     *mentions,
               const char *title,
               const char *body)
{
  for (guint i = 0; i < mentions->len; i++)
    {
      const DashMention *m = &g_array_index (mentions, DashMention, i);
      g_autofree char *cut = cut_mention (m, m->field == DASH_FIELD_TITLE ? title : body);

      g_test_message ("%s %u-%u “%s” → %s %s%s", m->field == DASH_FIELD_TITLE ? "title" : "body",
                      m->start, m->end, cut, dash_entity_type_to_string (m->type), m->name,
                      m->adjective ? " (adjective)" : "");
    }
}

static void
test_entities_demonym (void)
{
  const char *body = "Chinese exporters face new tariffs, and China says it will respond.";
  g_autoptr(GArray) mentions = extract (NULL, body);
  const DashMention *m;
  g_autofree char *cut = NULL;

  g_assert_cmpuint (mentions->len, ==, 2);
  m = &g_array_index (mentions, DashMention, 0);
  g_assert_cmpstr (m->name, ==, "China");
  g_assert_cmpint (m->type, ==, DASH_ENTITY_COUNTRY);
  g_assert_true (m->adjective);
  cut = cut_mention (m, body);
  g_assert_cmpstr (cut, ==, "Chinese");
  m = &g_array_index (mentions, DashMention, 1);
  g_assert_cmpstr (m->name, ==, "China");
  g_assert_false (m->adjective);
}

static void
test_entities_metonym (void)
{
  const char *body = "Beijing said on Monday that it would retaliate. Washington's response "
                     "was swift, and the Kremlin stayed silent. Pro-Beijing lawmakers cheered. "
                     "Reporters waited in Beijing, at a Beijing-based think tank.";
  g_autoptr(GArray) mentions = extract (NULL, body);
  const DashMention *m;
  guint china = 0, city = 0;

  m = &g_array_index (mentions, DashMention, 0);
  g_assert_cmpstr (m->name, ==, "China");
  g_assert_cmpint (m->type, ==, DASH_ENTITY_COUNTRY);
  g_assert_false (m->adjective);
  m = find_mention (mentions, "United States");
  g_assert_nonnull (m);
  m = find_mention (mentions, "Kremlin");
  g_assert_nonnull (m);
  g_assert_cmpint (m->type, ==, DASH_ENTITY_ORG);

  for (guint i = 0; i < mentions->len; i++)
    {
      m = &g_array_index (mentions, DashMention, i);
      if (g_strcmp0 (m->name, "China") == 0)
        china++;
      else if (g_strcmp0 (m->name, "Beijing") == 0)
        {
          g_assert_cmpint (m->type, ==, DASH_ENTITY_PLACE);
          city++;
        }
    }
  g_assert_cmpuint (china, ==, 2);
  g_assert_cmpuint (city, ==, 2);
  assert_offsets (mentions, NULL, body);
}

static void
test_entities_short_form (void)
{
  const char *title = "Xi warns Taiwan";
  const char *body = "Chinese President Xi Jinping met officials. Xi said the talks went well. "
                     "The startup was founded by Liang Wenfeng, who studied in Zhejiang. "
                     "Liang said little. Peak Ji Yichao, co-founder of the firm, agreed. "
                     "Ji said the model was ready.";
  g_autoptr(GArray) mentions = extract (title, body);
  guint xi = 0, liang = 0, ji = 0;

  dump_mentions (mentions, title, body);

  for (guint i = 0; i < mentions->len; i++)
    {
      const DashMention *m = &g_array_index (mentions, DashMention, i);
      const char *text = m->field == DASH_FIELD_TITLE ? title : body;
      g_autofree char *cut = cut_mention (m, text);

      if (g_strcmp0 (m->name, "Xi Jinping") == 0)
        {
          g_assert_cmpint (m->type, ==, DASH_ENTITY_PERSON);
          xi++;
        }
      else if (g_strcmp0 (m->name, "Liang Wenfeng") == 0)
        liang++;
      else if (g_strcmp0 (m->name, "Peak Ji Yichao") == 0)
        {
          g_assert_cmpint (m->type, ==, DASH_ENTITY_PERSON);
          ji++;
        }
      g_assert_true (g_str_has_prefix (cut, "Xi") || g_str_has_prefix (cut, "Liang") ||
                     g_str_has_prefix (cut, "Peak") || g_str_has_prefix (cut, "Ji") ||
                     g_str_has_prefix (cut, "Chinese") || g_str_has_prefix (cut, "Taiwan") ||
                     g_str_has_prefix (cut, "Zhejiang"));
    }
  g_assert_cmpuint (xi, ==, 3);
  g_assert_cmpuint (liang, ==, 2);
  g_assert_cmpuint (ji, ==, 2);
}

static void
test_entities_headline (void)
{
  const char *title = "Why Global Markets Fear The Next Big Tariff Shock From Trump";
  const char *body = "Markets fell on Monday. The next tariff shock may come soon, "
                     "President Trump told reporters at the White House.";
  g_autoptr(GArray) mentions = extract (title, body);

  for (guint i = 0; i < mentions->len; i++)
    {
      const DashMention *m = &g_array_index (mentions, DashMention, i);

      g_assert_true (g_strcmp0 (m->name, "Donald Trump") == 0 ||
                     g_strcmp0 (m->name, "White House") == 0);
    }
  g_assert_cmpuint (mentions->len, ==, 3);
  assert_offsets (mentions, title, body);
}

static void
test_entities_cues (void)
{
  const char *body = "Secretary of State Marco Rubio met Ambassador Albert Khorev and "
                     "engineer Jane Doerfler at Bournemouth University. Engineers from the "
                     "Zhonghua Technologies Group and the Leyte Province government joined.";
  g_autoptr(GArray) mentions = extract (NULL, body);
  const DashMention *m;

  dump_mentions (mentions, NULL, body);
  m = find_mention (mentions, "Marco Rubio");
  g_assert_nonnull (m);
  m = find_mention (mentions, "Albert Khorev");
  g_assert_nonnull (m);
  g_assert_cmpint (m->type, ==, DASH_ENTITY_PERSON);
  m = find_mention (mentions, "Jane Doerfler");
  g_assert_nonnull (m);
  g_assert_cmpint (m->type, ==, DASH_ENTITY_PERSON);
  m = find_mention (mentions, "Bournemouth University");
  g_assert_nonnull (m);
  g_assert_cmpint (m->type, ==, DASH_ENTITY_ORG);
  m = find_mention (mentions, "Zhonghua Technologies Group");
  g_assert_nonnull (m);
  g_assert_cmpint (m->type, ==, DASH_ENTITY_ORG);
  m = find_mention (mentions, "Leyte Province");
  g_assert_nonnull (m);
  g_assert_cmpint (m->type, ==, DASH_ENTITY_PLACE);
  g_assert_null (find_mention (mentions, "Officials"));
  g_assert_null (find_mention (mentions, "Secretary"));
  assert_offsets (mentions, NULL, body);
}

static void
test_entities_offsets (void)
{
  /* Characters outside ASCII before the mentions shift bytes but not characters. */
  const char *title = "Türkiye’s “big” move";
  const char *body = "Über alles — naïve café owners in Kyiv’s suburbs said the U.S. and "
                     "Tencent Holdings’ partners met Elon Musk’s team (Musk declined).";
  g_autoptr(GArray) mentions = extract (title, body);
  const char *expected[] = { "Türkiye", "Kyiv", "U.S.", "Tencent Holdings", "Elon Musk",
                             "Musk" };

  g_assert_cmpuint (mentions->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < mentions->len; i++)
    {
      const DashMention *m = &g_array_index (mentions, DashMention, i);
      g_autofree char *cut = cut_mention (m, m->field == DASH_FIELD_TITLE ? title : body);

      g_assert_cmpstr (cut, ==, expected[i]);
    }
  g_assert_cmpstr (g_array_index (mentions, DashMention, 0).name, ==, "Turkey");
  g_assert_cmpstr (g_array_index (mentions, DashMention, 1).name, ==, "Kyiv");
}

static void
test_entities_hostile (void)
{
  const char *inputs[] = {
    "", " ", "\n\n", "A", "’s", "'", "U.", "U.S", "..", "( )", "-", "Mr", "Mr.",
    "The The The", "X-", "-X", "Beijing", "of of of And", "Xi-", "ÉÉÉ ÉÉÉ", "\xe2\x80\x99",
  };
  g_autoptr(GString) big = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GArray) a = extract (inputs[i], inputs[i]);

      assert_offsets (a, inputs[i], inputs[i]);
    }
  {
    g_autoptr(GArray) a = extract (NULL, NULL);

    g_assert_cmpuint (a->len, ==, 0);
  }
  /* Invalid UTF-8 is not expected, but must not crash. */
  {
    g_autoptr(GArray) a = extract ("\xff\xfe Beijing \xc3", "China \xe2\x80 \x80\x80 Xi Jinping\xf0");

    (void)a;
  }
  for (guint i = 0; i < 2000; i++)
    g_string_append (big, "Big Capitalised Words Everywhere Without End ");
  {
    g_autoptr(GArray) a = extract (NULL, big->str);

    (void)a;
  }
}

/* Reference corpus: precision and recall against tests/data/gold. */

typedef struct {
  guint tp, fp, fn;
} Counts;

static char *
normalize_name (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  if (g_str_has_prefix (folded, "the "))
    return g_strdup (folded + 4);
  return g_steal_pointer (&folded);
}

static GPtrArray *
load_reference_articles (const char *dir)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDir) d = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  d = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GPtrArray) parsed = NULL;

      if (!g_str_has_suffix (name, ".txt"))
        continue;
      parsed = dash_parser_parse_file (path, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < parsed->len; i++)
        g_ptr_array_add (articles, g_object_ref (g_ptr_array_index (parsed, i)));
    }
  g_assert_cmpuint (articles->len, >, 0);
  return g_steal_pointer (&articles);
}

static DashArticle *
find_article (GPtrArray  *articles,
              const char *title)
{
  for (guint i = 0; i < articles->len; i++)
    {
      DashArticle *article = g_ptr_array_index (articles, i);

      if (g_strcmp0 (dash_article_get_title (article), title) == 0)
        return article;
    }
  return NULL;
}

static void
test_entities_reference (void)
{
  const char *dir = g_getenv ("DASH_REFERENCE_CORPUS");
  g_autofree char *gold_dir = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GDir) d = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) gold_files = g_ptr_array_new_with_free_func (g_free);
  Counts counts[DASH_N_ENTITY_TYPES] = { 0 };
  const char *name;
  gint64 begin;
  guint rounds = 0, stories = 0;
  gsize bytes = 0;
  double seconds;

  if (dir == NULL)
    {
      g_test_skip ("DASH_REFERENCE_CORPUS is not set");
      return;
    }
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  articles = load_reference_articles (dir);

  gold_dir = g_test_build_filename (G_TEST_DIST, "data", "gold", NULL);
  d = g_dir_open (gold_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (gold_files, g_build_filename (gold_dir, name, NULL));
  g_ptr_array_sort (gold_files, (GCompareFunc)g_strcmp0);
  g_assert_cmpuint (gold_files->len, >=, 4);

  for (guint f = 0; f < gold_files->len; f++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GArray) mentions = NULL;
      JsonObject *root, *entities;
      const char *title;
      DashArticle *article;

      json_parser_load_from_file (parser, g_ptr_array_index (gold_files, f), &error);
      g_assert_no_error (error);
      root = json_node_get_object (json_parser_get_root (parser));
      title = json_object_get_string_member (root, "title");
      entities = json_object_get_object_member (root, "entities");
      article = find_article (articles, title);
      if (article == NULL)
        g_error ("No reference article is titled “%s”", title);

      mentions = extract (dash_article_get_title (article), dash_article_get_body (article));
      assert_offsets (mentions, dash_article_get_title (article), dash_article_get_body (article));
      if (g_getenv ("DASH_ENTITIES_VERBOSE") != NULL)
        dump_mentions (mentions, dash_article_get_title (article),
                       dash_article_get_body (article));

      for (guint t = 0; t < DASH_N_ENTITY_TYPES; t++)
        {
          g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                                  g_free, NULL);
          g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                               g_free, g_free);
          const char *type_name = dash_entity_type_to_string (t);
          JsonArray *list = json_object_has_member (entities, type_name) ?
                            json_object_get_array_member (entities, type_name) : NULL;
          GHashTableIter iter;
          gpointer key, value;

          for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
            g_hash_table_add (expected,
                              normalize_name (json_array_get_string_element (list, i)));
          for (guint i = 0; i < mentions->len; i++)
            {
              const DashMention *m = &g_array_index (mentions, DashMention, i);

              if (m->type == t)
                g_hash_table_insert (found, normalize_name (m->name), g_strdup (m->name));
            }

          g_hash_table_iter_init (&iter, found);
          while (g_hash_table_iter_next (&iter, &key, &value))
            if (g_hash_table_contains (expected, key))
              counts[t].tp++;
            else
              {
                counts[t].fp++;
                g_test_message ("%s: extra %s “%s”", title, type_name, (char *)value);
              }
          g_hash_table_iter_init (&iter, expected);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            if (!g_hash_table_contains (found, key))
              {
                counts[t].fn++;
                g_test_message ("%s: missed %s “%s”", title, type_name, (char *)key);
              }
        }
    }

  for (guint t = 0; t < DASH_N_ENTITY_TYPES; t++)
    {
      double p = counts[t].tp + counts[t].fp > 0 ?
                 (double)counts[t].tp / (counts[t].tp + counts[t].fp) : 1.0;
      double r = counts[t].tp + counts[t].fn > 0 ?
                 (double)counts[t].tp / (counts[t].tp + counts[t].fn) : 1.0;

      g_test_message ("%-7s precision %.3f recall %.3f (tp %u, fp %u, fn %u)",
                      dash_entity_type_to_string (t), p, r,
                      counts[t].tp, counts[t].fp, counts[t].fn);
      if (t != DASH_ENTITY_PLACE)
        {
          g_assert_cmpfloat (p, >=, 0.8);
          g_assert_cmpfloat (r, >=, 0.8);
        }
    }

  /* Speed, on the whole reference corpus. */
  begin = g_get_monotonic_time ();
  while (g_get_monotonic_time () - begin < G_USEC_PER_SEC / 2)
    {
      for (guint i = 0; i < articles->len; i++)
        {
          DashArticle *article = g_ptr_array_index (articles, i);
          g_autoptr(GArray) mentions = extract (dash_article_get_title (article),
                                                dash_article_get_body (article));

          bytes += strlen (dash_article_get_body (article));
          stories++;
        }
      rounds++;
    }
  seconds = (g_get_monotonic_time () - begin) / (double)G_USEC_PER_SEC;
  g_test_message ("speed: %.0f stories/s, %.1f MB/s (%u stories of %.1f KB on average)",
                  stories / seconds, bytes / seconds / 1e6, stories,
                  bytes / (double)stories / 1e3);
}

static void
test_entities_known (void)
{
  const char *dir = g_getenv ("DASH_REFERENCE_CORPUS");
  g_autoptr(GPtrArray) articles = NULL;
  const char *expected[][2] = {
    { "DeepSeek: The Chinese AI startup making Silicon Valley sweat", "DeepSeek" },
    { "DeepSeek: The Chinese AI startup making Silicon Valley sweat", "United States" },
    { "Trade War 2.0: China strikes back at US with tech and metal sanctions", "China" },
    { "Trade War 2.0: China strikes back at US with tech and metal sanctions", "Donald Trump" },
    { "Will Apple Intelligence launch in China through Alibaba’s Qwen AI models?", "Alibaba" },
  };

  if (dir == NULL)
    {
      g_test_skip ("DASH_REFERENCE_CORPUS is not set");
      return;
    }
  articles = load_reference_articles (dir);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      DashArticle *article = find_article (articles, expected[i][0]);
      g_autoptr(GArray) mentions = NULL;

      g_assert_nonnull (article);
      mentions = extract (dash_article_get_title (article), dash_article_get_body (article));
      g_assert_nonnull (find_mention (mentions, expected[i][1]));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  extractor = dash_entity_extractor_new_default (&error);
  g_assert_no_error (error);

  g_test_add_func ("/entities/demonym", test_entities_demonym);
  g_test_add_func ("/entities/metonym", test_entities_metonym);
  g_test_add_func ("/entities/short-form", test_entities_short_form);
  g_test_add_func ("/entities/headline", test_entities_headline);
  g_test_add_func ("/entities/cues", test_entities_cues);
  g_test_add_func ("/entities/offsets", test_entities_offsets);
  g_test_add_func ("/entities/hostile", test_entities_hostile);
  g_test_add_func ("/entities/reference/gold", test_entities_reference);
  g_test_add_func ("/entities/reference/known", test_entities_known);

  ret = g_test_run ();
  g_clear_object (&extractor);
  return ret;
}
