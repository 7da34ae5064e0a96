/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The topic classifier: its mechanics on small rule sets and short texts written here,
 * the built-in rules on the reference corpus (../shared/corpus, named by
 * DASH_REFERENCE_CORPUS) against a labelling of our own (tests/data/topics-gold.json),
 * thread safety and speed. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "dash-article.h"
#include "dash-mention.h"
#include "dash-parser.h"
#include "dash-topic-classifier.h"

/* A small rule set whose scores the tests can work out by hand. */
static const char test_rules[] =
  "{\"scoring\": {\"title_weight\": 2, \"reference_length\": 10},"
  " \"topics\": ["
  "  {\"id\": \"fruit\", \"name\": \"Fruit\", \"threshold\": 4,"
  "   \"terms\": {\"apple\": 2, \"pear\": 2},"
  "   \"phrases\": {\"fruit salad\": 3},"
  "   \"entities\": {\"Granny Smith\": 2},"
  "   \"negative\": {\"apple computer\": 3}},"
  "  {\"id\": \"sport\", \"name\": \"Sport\", \"threshold\": 4,"
  "   \"terms\": {\"match\": 2, \"goal\": 2}}"
  " ]}";

static DashTopicClassifier *
new_test_classifier (void)
{
  g_autoptr(GBytes) rules = g_bytes_new_static (test_rules, strlen (test_rules));
  g_autoptr(GError) error = NULL;
  DashTopicClassifier *classifier = dash_topic_classifier_new (rules, &error);

  g_assert_no_error (error);
  g_assert_nonnull (classifier);
  return classifier;
}

static DashTopicClassifier *
new_default_classifier (void)
{
  g_autoptr(GError) error = NULL;
  DashTopicClassifier *classifier = dash_topic_classifier_new_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (classifier);
  return classifier;
}

/* The score of @id in @scores, or 0 when the story is not in that topic. */
static double
score_of (GArray     *scores,
          const char *id)
{
  for (guint i = 0; i < scores->len; i++)
    if (g_str_equal (g_array_index (scores, DashTopicScore, i).id, id))
      return g_array_index (scores, DashTopicScore, i).score;
  return 0;
}

static gboolean
has_topic (GArray     *scores,
           const char *id)
{
  return score_of (scores, id) > 0;
}

static void
test_rules_default (void)
{
  g_autoptr(DashTopicClassifier) classifier = new_default_classifier ();
  const char *ids[] = { "trade_war", "ai", "defense" };
  const char *names[] = { "Trade war", "AI", "Defense" };

  g_assert_cmpuint (dash_topic_classifier_get_n_topics (classifier), ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_assert_cmpstr (dash_topic_classifier_get_id (classifier, i), ==, ids[i]);
      /* The tests run untranslated. */
      g_assert_cmpstr (dash_topic_classifier_get_name (classifier, i), ==, names[i]);
    }
}

static void
test_rules_malformed (void)
{
  const char *broken[] = {
    "",
    "[]",
    "{\"topics\": 3}",
    "{\"topics\": [{\"name\": \"No id\"}]}",
    "{\"topics\": [{\"id\": \"a\", \"terms\": {\"x\": \"heavy\"}}]}",
    "{\"topics\": [{\"id\": \"a\", \"terms\": {\"x\": -1}}]}",
    "{\"topics\": [{\"id\": \"a\", \"terms\": {\"...\": 1}}]}",
    "{\"topics\": [{\"id\": \"a\", \"terms\": [\"x\"]}]}",
    "{\"topics\": [{\"id\": \"a\"}, {\"id\": \"a\"}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(GBytes) rules = g_bytes_new_static (broken[i], strlen (broken[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(DashTopicClassifier) classifier = dash_topic_classifier_new (rules, &error);

      g_assert_null (classifier);
      g_assert_nonnull (error);
    }
}

static void
test_stems (void)
{
  g_autoptr(DashTopicClassifier) classifier = new_default_classifier ();
  const char *forms[] = {
    "The US sanctions chip makers, raises tariffs and threatens an embargo. Beijing "
    "promises retaliation.",
    "The US sanctioned chip makers, raised tariffs and threatened an embargo. Beijing "
    "promised to retaliate.",
    "The US is sanctioning chip makers, raising a tariff and threatening embargoes. Beijing "
    "is promising retaliation.",
  };
  g_autoptr(GArray) first = dash_topic_classifier_classify (classifier, NULL, NULL, forms[0],
                                                            NULL);

  g_assert_cmpfloat (score_of (first, "trade_war"), >, 0);
  for (guint i = 1; i < G_N_ELEMENTS (forms); i++)
    {
      g_autoptr(GArray) other = dash_topic_classifier_classify (classifier, NULL, NULL,
                                                                forms[i], NULL);

      g_assert_cmpfloat_with_epsilon (score_of (other, "trade_war"),
                                      score_of (first, "trade_war"), 1e-9);
    }
}

static void
test_mechanics (void)
{
  g_autoptr(DashTopicClassifier) classifier = new_test_classifier ();
  g_autoptr(GArray) one = NULL;
  g_autoptr(GArray) two = NULL;
  g_autoptr(GArray) phrase = NULL;
  g_autoptr(GArray) split = NULL;
  g_autoptr(GArray) title = NULL;
  g_autoptr(GArray) negative = NULL;
  g_autoptr(GArray) repeated = NULL;
  g_autoptr(GArray) unicode = NULL;

  /* One term: 2, under the threshold. Two: 4. */
  one = dash_topic_classifier_classify (classifier, NULL, NULL, "An apple.", NULL);
  g_assert_cmpuint (one->len, ==, 0);
  two = dash_topic_classifier_classify (classifier, NULL, NULL, "Apples and pears.", NULL);
  g_assert_cmpuint (two->len, ==, 1);
  g_assert_cmpfloat_with_epsilon (score_of (two, "fruit"), 4, 1e-9);

  /* A phrase matches its stems in a row, not apart, and not across summary and body. */
  phrase = dash_topic_classifier_classify (classifier, NULL, NULL, "Fruit salads.", NULL);
  g_assert_cmpfloat_with_epsilon (score_of (phrase, "fruit"), 0, 1e-9);
  g_clear_pointer (&phrase, g_array_unref);
  phrase = dash_topic_classifier_classify (classifier, NULL, NULL, "Fruit salads, pear.",
                                           NULL);
  g_assert_cmpfloat_with_epsilon (score_of (phrase, "fruit"), 5, 1e-9);
  split = dash_topic_classifier_classify (classifier, NULL, "Fresh fruit", "Salad, pear.",
                                          NULL);
  g_assert_cmpuint (split->len, ==, 0);

  /* The title weighs twice as much here, and is not divided by length. */
  title = dash_topic_classifier_classify (classifier, "Apple", NULL, NULL, NULL);
  g_assert_cmpfloat_with_epsilon (score_of (title, "fruit"), 4, 1e-9);

  /* Negative terms subtract. */
  negative = dash_topic_classifier_classify (classifier, NULL, NULL,
                                             "Apple Computer sells pears.", NULL);
  g_assert_cmpuint (negative->len, ==, 0);

  /* Repeats count less and less: 2 × (1 + ln 3) + 2 for the pear. */
  repeated = dash_topic_classifier_classify (classifier, NULL, NULL,
                                             "Apple, apple, apple, pear.", NULL);
  g_assert_cmpfloat_with_epsilon (score_of (repeated, "fruit"), 2 * (1 + log (3)) + 2, 1e-9);

  /* Words are lower-cased beyond ASCII, and a typographic apostrophe is an apostrophe. */
  unicode = dash_topic_classifier_classify (classifier, NULL, NULL,
                                            "APPLE’S PEARS, Ünïcode ÄPFEL.", NULL);
  g_assert_cmpfloat_with_epsilon (score_of (unicode, "fruit"), 4, 1e-9);
}

static void
test_length (void)
{
  g_autoptr(DashTopicClassifier) classifier = new_test_classifier ();
  g_autoptr(GString) text = g_string_new ("Apples and pears. ");
  g_autoptr(GArray) scores = NULL;

  /* 13 words: 1.3 times the reference length, so the score, 4, is divided by sqrt (1.3)
   * and falls under the threshold. */
  for (guint i = 0; i < 10; i++)
    g_string_append (text, "word ");
  scores = dash_topic_classifier_classify (classifier, NULL, NULL, text->str, NULL);
  g_assert_cmpuint (scores->len, ==, 0);

  g_clear_pointer (&scores, g_array_unref);
  g_string_append (text, "A fruit salad.");
  scores = dash_topic_classifier_classify (classifier, NULL, NULL, text->str, NULL);
  g_assert_cmpfloat_with_epsilon (score_of (scores, "fruit"), 7 / sqrt (16 / 10.0), 1e-9);
}

static void
test_entities (void)
{
  g_autoptr(DashTopicClassifier) classifier = new_test_classifier ();
  g_autoptr(GArray) mentions = g_array_new (FALSE, TRUE, sizeof (DashMention));
  g_autoptr(GArray) without = NULL;
  g_autoptr(GArray) with = NULL;
  DashMention mention = { NULL, DASH_ENTITY_ORG, DASH_FIELD_BODY, 10, 22, FALSE };
  DashMention other = { NULL, DASH_ENTITY_PERSON, DASH_FIELD_BODY, 0, 5, FALSE };

  g_array_set_clear_func (mentions, (GDestroyNotify) dash_mention_clear);
  mention.name = g_strdup ("Granny Smith");
  g_array_append_val (mentions, mention);
  other.name = g_strdup ("Someone Else");
  g_array_append_val (mentions, other);

  /* The entity cue is a bonus: 2 for the pear, 2 for Granny Smith. */
  without = dash_topic_classifier_classify (classifier, NULL, NULL, "A granny smith pear.",
                                            NULL);
  g_assert_cmpuint (without->len, ==, 0);
  with = dash_topic_classifier_classify (classifier, NULL, NULL, "A granny smith pear.",
                                         mentions);
  g_assert_cmpfloat_with_epsilon (score_of (with, "fruit"), 4, 1e-9);
}

static void
test_empty (void)
{
  g_autoptr(DashTopicClassifier) classifier = new_default_classifier ();
  g_autoptr(GArray) mentions = g_array_new (FALSE, TRUE, sizeof (DashMention));
  const char *texts[] = { NULL, "", " ", "...", "’", "\xff\xfe invalid \xc3", "'''" };
  g_autoptr(GString) long_word = g_string_new (NULL);

  for (guint i = 0; i < 1000; i++)
    g_string_append (long_word, "tariff");

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    for (guint j = 0; j < G_N_ELEMENTS (texts); j++)
      {
        GArray *with = i % 2 ? mentions : NULL;
        g_autoptr(GArray) scores = dash_topic_classifier_classify (classifier, texts[i], texts[j],
                                                                   texts[i], with);

        g_assert_nonnull (scores);
        g_assert_cmpuint (scores->len, ==, 0);
      }

  {
    g_autoptr(GArray) scores = dash_topic_classifier_classify (classifier, long_word->str, NULL,
                                                               long_word->str, NULL);

    g_assert_cmpuint (scores->len, ==, 0);
  }
}

/* Short stories written for these tests. */

static const char trade_story[] =
  "Beijing announced retaliatory tariffs on American farm goods on Tuesday, hours after "
  "Washington widened export controls on advanced semiconductors and added a dozen Chinese "
  "firms to its entity list. The Commerce Ministry said the countermeasures were a "
  "proportionate response and urged the United States to return to trade talks. Analysts "
  "said the escalation put the truce reached last year at risk and could push both sides "
  "further into a trade war that has already disrupted supply chains.";

static const char ai_story[] =
  "The startup released a new large language model that it says matches the best American "
  "chatbots at a fraction of the training cost. The model, trained on a cluster of GPUs in "
  "its own data centre, is open source, and developers have already fine-tuned it for coding "
  "and reasoning tasks. Investors see it as a sign that artificial intelligence is no longer "
  "the preserve of a few companies.";

static const char defense_story[] =
  "The navy held live-fire drills near the strait on Monday, a day after the defence ministry "
  "reported that two missile launchers had been moved to the coast. Troops from three allied "
  "armies joined the exercise, which officials described as a test of deterrence. The "
  "ministry said its air defense units remained on high alert and that fighter jets had "
  "escorted a foreign bomber out of the area.";

static const char passing_story[] =
  "The city council approved a new budget for parks and libraries on Thursday after months "
  "of debate. Council members agreed to extend opening hours at the central library and to "
  "plant two thousand trees along the river. The mayor said the plan would cost less than "
  "expected because the price of steel, which some had feared would rise with tariffs, had "
  "stayed flat. Residents will be able to comment on the plan at meetings next month, and "
  "the first works are expected to start in the spring. The council also discussed the bus "
  "network, parking fees in the old town, and the renovation of two swimming pools that "
  "have been closed since the floods. A decision on the pools was postponed until the "
  "summer, when the engineers' report is due.";

static void
test_builtin_single (void)
{
  g_autoptr(DashTopicClassifier) classifier = new_default_classifier ();
  struct {
    const char *text;
    const char *topic;
  } cases[] = {
    { trade_story, "trade_war" },
    { ai_story, "ai" },
    { defense_story, "defense" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) scores = dash_topic_classifier_classify (classifier, NULL, NULL,
                                                                 cases[i].text, NULL);

      g_assert_cmpuint (scores->len, ==, 1);
      g_assert_cmpstr (g_array_index (scores, DashTopicScore, 0).id, ==, cases[i].topic);
    }
}

static void
test_builtin_threshold (void)
{
  g_autoptr(DashTopicClassifier) classifier = new_default_classifier ();
  g_autoptr(GArray) scores = NULL;
  g_autoptr(GArray) sentence = NULL;

  /* A passing mention of tariffs does not make a trade-war story, nor does one word. */
  scores = dash_topic_classifier_classify (classifier, "City approves budget", NULL,
                                           passing_story, NULL);
  g_assert_cmpuint (scores->len, ==, 0);
  sentence = dash_topic_classifier_classify (classifier, NULL, NULL,
                                             "They talked about tariffs.", NULL);
  g_assert_cmpuint (sentence->len, ==, 0);
}

static void
test_builtin_negative (void)
{
  g_autoptr(DashTopicClassifier) classifier = new_default_classifier ();
  g_autofree char *war = g_strconcat (defense_story, " The war goes on.", NULL);
  g_autofree char *trade_war = g_strconcat (defense_story, " The trade war goes on.", NULL);
  g_autoptr(GArray) plain = dash_topic_classifier_classify (classifier, NULL, NULL, war, NULL);
  g_autoptr(GArray) trade = dash_topic_classifier_classify (classifier, NULL, NULL, trade_war,
                                                            NULL);
  g_autoptr(GArray) with_title = dash_topic_classifier_classify (classifier,
                                                                 "The trade war goes on",
                                                                 NULL, trade_story, NULL);

  /* "trade war" does not count as a war. */
  g_assert_cmpfloat (score_of (trade, "defense"), >, 0);
  g_assert_cmpfloat (score_of (trade, "defense"), <, score_of (plain, "defense"));
  g_assert_false (has_topic (with_title, "defense"));
  g_assert_true (has_topic (with_title, "trade_war"));
}

static void
test_builtin_several (void)
{
  g_autoptr(DashTopicClassifier) classifier = new_default_classifier ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) scores = NULL;

  g_string_append_printf (text, "%s %s %s", trade_story, ai_story, defense_story);
  scores = dash_topic_classifier_classify (classifier, "Tariffs, AI chips and missiles", NULL,
                                           text->str, NULL);
  g_assert_cmpuint (scores->len, ==, 3);
  for (guint i = 1; i < scores->len; i++)
    g_assert_cmpfloat (g_array_index (scores, DashTopicScore, i - 1).score, >=,
                       g_array_index (scores, DashTopicScore, i).score);
}

static void
test_builtin_title (void)
{
  g_autoptr(DashTopicClassifier) classifier = new_default_classifier ();
  g_autoptr(GArray) body_only = NULL;
  g_autoptr(GArray) with_title = NULL;
  const char *body = "Officials met on Monday. They discussed tariffs, sanctions and other "
                     "matters.";

  /* The same words weigh more in the title. */
  body_only = dash_topic_classifier_classify (classifier, "Officials meet", NULL, body, NULL);
  with_title = dash_topic_classifier_classify (classifier, "Tariffs loom as officials meet",
                                               NULL, body, NULL);
  g_assert_false (has_topic (body_only, "trade_war"));
  g_assert_true (has_topic (with_title, "trade_war"));
}

static void
test_builtin_entities (void)
{
  g_autoptr(DashTopicClassifier) classifier = new_default_classifier ();
  g_autoptr(GArray) mentions = g_array_new (FALSE, TRUE, sizeof (DashMention));
  const char *names[] = { "NATO", "Pentagon" };
  const char *text = "Officials from the alliance and the Pentagon met in Brussels to discuss "
                     "troops and the budget.";
  g_autoptr(GArray) without = NULL;
  g_autoptr(GArray) with = NULL;

  g_array_set_clear_func (mentions, (GDestroyNotify) dash_mention_clear);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      DashMention mention = { g_strdup (names[i]), DASH_ENTITY_ORG, DASH_FIELD_BODY, 0, 0, FALSE };

      g_array_append_val (mentions, mention);
    }

  without = dash_topic_classifier_classify (classifier, NULL, NULL, text, NULL);
  with = dash_topic_classifier_classify (classifier, NULL, NULL, text, mentions);
  /* The text alone falls short; the entities found in it tip the balance. */
  g_assert_false (has_topic (without, "defense"));
  g_assert_true (has_topic (with, "defense"));
}

/* The reference corpus. */

static const char *
corpus_dir (void)
{
  const char *dir = g_getenv ("DASH_REFERENCE_CORPUS");

  if (dir == NULL)
    return NULL;
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    g_error ("DASH_REFERENCE_CORPUS is set to %s, which is not a folder", dir);
  return dir;
}

/* Every story of the reference corpus, (element-type DashArticle). */
static GPtrArray *
load_corpus (void)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (corpus_dir (), 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, (gpointer) name);
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (corpus_dir (), g_ptr_array_index (names, i), NULL);
      g_autoptr(GPtrArray) parsed = dash_parser_parse_file (path, NULL, NULL, NULL, &error);

      g_assert_no_error (error);
      for (guint j = 0; j < parsed->len; j++)
        g_ptr_array_add (articles, g_object_ref (g_ptr_array_index (parsed, j)));
    }
  g_assert_cmpuint (articles->len, >, 0);
  return g_steal_pointer (&articles);
}

static GArray *
classify_article (DashTopicClassifier *classifier,
                  DashArticle         *article)
{
  return dash_topic_classifier_classify (classifier,
                                         dash_article_get_title (article),
                                         dash_article_get_summary (article),
                                         dash_article_get_body (article),
                                         NULL);
}

static void
test_reference_gold (void)
{
  g_autoptr(DashTopicClassifier) classifier = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) gold = NULL;
  g_autofree char *gold_path = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *entries;
  guint matched = 0;

  if (corpus_dir () == NULL)
    {
      g_test_skip ("DASH_REFERENCE_CORPUS is not set");
      return;
    }

  classifier = new_default_classifier ();
  articles = load_corpus ();

  gold_path = g_test_build_filename (G_TEST_DIST, "data", "topics-gold.json", NULL);
  json_parser_load_from_file (parser, gold_path, &error);
  g_assert_no_error (error);
  entries = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "articles");
  gold = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);

      g_hash_table_insert (gold, (gpointer) json_object_get_string_member (entry, "title"),
                           json_object_get_array_member (entry, "topics"));
    }

  for (guint t = 0; t < dash_topic_classifier_get_n_topics (classifier); t++)
    {
      const char *id = dash_topic_classifier_get_id (classifier, t);
      guint true_positives = 0;
      guint false_positives = 0;
      guint false_negatives = 0;
      double precision;
      double recall;

      matched = 0;
      for (guint i = 0; i < articles->len; i++)
        {
          DashArticle *article = g_ptr_array_index (articles, i);
          JsonArray *labels = g_hash_table_lookup (gold, dash_article_get_title (article));
          g_autoptr(GArray) scores = NULL;
          gboolean expected = FALSE;
          gboolean found;

          if (labels == NULL)
            {
              g_test_message ("not in the gold labelling: “%s”",
                              dash_article_get_title (article));
              continue;
            }
          matched++;
          for (guint k = 0; k < json_array_get_length (labels); k++)
            if (g_str_equal (json_array_get_string_element (labels, k), id))
              expected = TRUE;

          scores = classify_article (classifier, article);
          found = has_topic (scores, id);
          if (found && expected)
            true_positives++;
          else if (found)
            {
              false_positives++;
              g_test_message ("%s: wrongly found in “%s” (%.2f)", id,
                              dash_article_get_title (article), score_of (scores, id));
            }
          else if (expected)
            {
              false_negatives++;
              g_test_message ("%s: missed “%s”", id, dash_article_get_title (article));
            }
        }

      precision = true_positives + false_positives > 0
                  ? (double) true_positives / (true_positives + false_positives) : 1;
      recall = true_positives + false_negatives > 0
               ? (double) true_positives / (true_positives + false_negatives) : 1;
      g_test_message ("%s: precision %.2f, recall %.2f (%u true, %u false positives, "
                      "%u missed)", id, precision, recall, true_positives, false_positives,
                      false_negatives);
      g_assert_cmpfloat (precision, >=, 0.85);
      g_assert_cmpfloat (recall, >=, 0.85);
    }

  /* Every labelled story was found in the corpus. */
  g_assert_cmpuint (matched, ==, g_hash_table_size (gold));
}

static void
test_reference_cases (void)
{
  g_autoptr(DashTopicClassifier) classifier = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  gboolean seen_trade_war = FALSE;
  gboolean seen_sentinel = FALSE;
  guint seen_deepseek = 0;

  if (corpus_dir () == NULL)
    {
      g_test_skip ("DASH_REFERENCE_CORPUS is not set");
      return;
    }

  classifier = new_default_classifier ();
  articles = load_corpus ();
  for (guint i = 0; i < articles->len; i++)
    {
      DashArticle *article = g_ptr_array_index (articles, i);
      const char *title = dash_article_get_title (article);
      g_autoptr(GArray) scores = classify_article (classifier, article);

      if (g_str_has_prefix (title, "Trade War 2.0: China strikes back at US with tech and "
                                   "metal sanctions"))
        {
          g_assert_true (has_topic (scores, "trade_war"));
          seen_trade_war = TRUE;
        }
      if (strstr (title, "Sentinel missile") != NULL)
        {
          g_assert_true (has_topic (scores, "defense"));
          seen_sentinel = TRUE;
        }
      if (strstr (title, "DeepSeek") != NULL)
        {
          g_assert_true (has_topic (scores, "ai"));
          seen_deepseek++;
        }
    }
  g_assert_true (seen_trade_war);
  g_assert_true (seen_sentinel);
  g_assert_cmpuint (seen_deepseek, >, 0);
}

/* Threads and speed. */

typedef struct {
  DashTopicClassifier *classifier;
  GPtrArray           *texts;     /* (element-type utf8) */
  GPtrArray           *expected;  /* (element-type GArray) */
  guint                rounds;
  gboolean             ok;
} ThreadWork;

static gboolean
same_scores (GArray *a,
             GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const DashTopicScore *sa = &g_array_index (a, DashTopicScore, i);
      const DashTopicScore *sb = &g_array_index (b, DashTopicScore, i);

      if (sa->id != sb->id || sa->score != sb->score)
        return FALSE;
    }
  return TRUE;
}

static gpointer
classify_thread (gpointer data)
{
  ThreadWork *work = data;

  work->ok = TRUE;
  for (guint round = 0; round < work->rounds; round++)
    for (guint i = 0; i < work->texts->len; i++)
      {
        const char *text = g_ptr_array_index (work->texts, i);
        g_autoptr(GArray) scores = dash_topic_classifier_classify (work->classifier, NULL, NULL,
                                                                   text, NULL);

        if (!same_scores (scores, g_ptr_array_index (work->expected, i)))
          work->ok = FALSE;
      }
  return NULL;
}

static void
test_threads (void)
{
  g_autoptr(DashTopicClassifier) classifier = new_default_classifier ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  ThreadWork work[4];
  GThread *threads[G_N_ELEMENTS (work)];

  g_ptr_array_add (texts, (gpointer) trade_story);
  g_ptr_array_add (texts, (gpointer) ai_story);
  g_ptr_array_add (texts, (gpointer) defense_story);
  g_ptr_array_add (texts, (gpointer) passing_story);
  for (guint i = 0; i < texts->len; i++)
    g_ptr_array_add (expected, dash_topic_classifier_classify (classifier, NULL, NULL,
                                                               g_ptr_array_index (texts, i),
                                                               NULL));

  for (guint i = 0; i < G_N_ELEMENTS (work); i++)
    {
      work[i] = (ThreadWork) { classifier, texts, expected, 200, FALSE };
      threads[i] = g_thread_new ("classify", classify_thread, &work[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (work); i++)
    {
      g_thread_join (threads[i]);
      g_assert_true (work[i].ok);
    }
}

/* Stories of about 5 KB: the reference corpus cut into pieces when it is there, the short
 * stories of these tests repeated otherwise. */
static GPtrArray *
make_speed_texts (void)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) all = g_string_new (NULL);
  const gsize size = 5000;

  if (corpus_dir () != NULL)
    {
      g_autoptr(GPtrArray) articles = load_corpus ();

      for (guint i = 0; i < articles->len; i++)
        {
          DashArticle *article = g_ptr_array_index (articles, i);

          g_string_append_printf (all, "%s\n\n", dash_article_get_body (article));
        }
    }
  else
    {
      while (all->len < 20 * size)
        g_string_append_printf (all, "%s\n%s\n%s\n%s\n", trade_story, ai_story, defense_story,
                                passing_story);
    }

  for (gsize start = 0; start + size <= all->len;)
    {
      const char *end = g_utf8_find_prev_char (all->str, all->str + start + size);

      g_ptr_array_add (texts, g_strndup (all->str + start, end - (all->str + start)));
      start = end - all->str;
    }
  return texts;
}

/* Each thread remembers the stems of the words it has seen, and starts over once it
 * has seen 65,536 different ones: scores stay the same before, across and after. */
static void
test_word_cache (void)
{
  g_autoptr(DashTopicClassifier) classifier = new_test_classifier ();
  g_autoptr(GString) many = g_string_new ("Pears and apples.");
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) across = NULL;
  g_autoptr(GArray) after = NULL;

  before = dash_topic_classifier_classify (classifier, NULL, NULL, "Apples and pears.", NULL);
  g_assert_cmpfloat_with_epsilon (score_of (before, "fruit"), 4, 1e-9);

  /* Words that are in no rule ("zq0x", "zq1x", ...): the cache starts over among them. */
  for (guint i = 0; i < 70000; i++)
    g_string_append_printf (many, " zq%ux", i);
  across = dash_topic_classifier_classify (classifier, NULL, NULL, many->str, NULL);
  g_assert_cmpuint (across->len, ==, 0);

  /* The rule words are stemmed again, then found in the cache. */
  for (guint i = 0; i < 2; i++)
    {
      g_clear_pointer (&after, g_array_unref);
      after = dash_topic_classifier_classify (classifier, NULL, NULL, "Apples and pears.",
                                              NULL);
      g_assert_cmpfloat_with_epsilon (score_of (after, "fruit"), 4, 1e-9);
    }
}

static void
test_speed (void)
{
  g_autoptr(DashTopicClassifier) classifier = new_default_classifier ();
  g_autoptr(GPtrArray) texts = make_speed_texts ();
  g_autoptr(GTimer) timer = g_timer_new ();
  guint n = 0;
  guint target = g_test_perf () ? 50000 : 5000;
  double elapsed;

  g_assert_cmpuint (texts->len, >, 0);
  g_timer_start (timer);
  while (n < target)
    for (guint i = 0; i < texts->len && n < target; i++, n++)
      {
        g_autoptr(GArray) scores = dash_topic_classifier_classify (classifier, "A title", NULL,
                                                                   g_ptr_array_index (texts, i),
                                                                   NULL);
      }
  elapsed = g_timer_elapsed (timer, NULL);
  g_test_message ("classified %u stories of 5 KB in %.3f s: %.0f stories/s on one thread",
                  n, elapsed, n / elapsed);
  if (g_test_perf ())
    g_test_minimized_result (elapsed / n, "%.0f stories/s", n / elapsed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/topics/rules/default", test_rules_default);
  g_test_add_func ("/topics/rules/malformed", test_rules_malformed);
  g_test_add_func ("/topics/mechanics/scores", test_mechanics);
  g_test_add_func ("/topics/mechanics/length", test_length);
  g_test_add_func ("/topics/mechanics/entities", test_entities);
  g_test_add_func ("/topics/mechanics/empty", test_empty);
  g_test_add_func ("/topics/builtin/stems", test_stems);
  g_test_add_func ("/topics/builtin/single", test_builtin_single);
  g_test_add_func ("/topics/builtin/threshold", test_builtin_threshold);
  g_test_add_func ("/topics/builtin/negative", test_builtin_negative);
  g_test_add_func ("/topics/builtin/several", test_builtin_several);
  g_test_add_func ("/topics/builtin/title", test_builtin_title);
  g_test_add_func ("/topics/builtin/entities", test_builtin_entities);
  g_test_add_func ("/topics/reference/gold", test_reference_gold);
  g_test_add_func ("/topics/reference/cases", test_reference_cases);
  g_test_add_func ("/topics/threads", test_threads);
  g_test_add_func ("/topics/word-cache", test_word_cache);
  g_test_add_func ("/topics/speed", test_speed);

  return g_test_run ();
}
