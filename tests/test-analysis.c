/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What the corpus stores of the analysis and answers from it: timelines, entity and
 * topic lists, user topics, bursts and the co-occurrence graph. The stories here carry
 * mentions and topics set by hand, so these tests do not depend on the extractor's or
 * the classifier's judgement. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "dash-core.h"
#include "dash-test-stories.h"
#include "dash-test-util.h"

typedef struct {
  char       *dir;
  DashCorpus *corpus;
  guint       n;
} Fixture;

/* A story on @date in @topic (may be NULL) naming the entities that follow, as pairs
 * of name and DashEntityType, ended by NULL (see dash_test_story_valist()). */
static DashArticle *
story (Fixture    *f,
       const char *date,
       const char *topic,
       ...)
{
  DashArticle *a;
  va_list args;

  va_start (args, topic);
  a = dash_test_story_valist (++f->n, date, topic, args);
  va_end (args);
  return a;
}

static void
store (Fixture   *f,
       GPtrArray *articles)
{
  g_autoptr(GError) error = NULL;
  guint added = 0;

  g_assert_true (dash_corpus_add_articles (f->corpus, articles, &added, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, articles->len);
}

#define C DASH_ENTITY_COUNTRY
#define P DASH_ENTITY_PERSON
#define O DASH_ENTITY_ORG

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *path = NULL;

  f->dir = dash_test_make_tmp_dir ("dash-analysis");
  path = g_build_filename (f->dir, "corpus.db", NULL);
  f->corpus = dash_corpus_open (path, &error);
  g_assert_no_error (error);

  dash_test_add_sample_stories (articles, &f->n);
  store (f, articles);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->corpus);
  dash_test_remove_tree (f->dir);
  g_free (f->dir);
}

static GArray *
timeline (Fixture    *f,
          const char *topic,
          const char *entity,
          const char *query,
          DashBucket  bucket)
{
  g_autoptr(DashFilter) filter = dash_filter_new ();
  g_autoptr(GError) error = NULL;
  GArray *points;

  dash_filter_set_topic (filter, topic);
  dash_filter_set_entity (filter, entity);
  if (query != NULL)
    dash_filter_set_query (filter, query);
  points = dash_corpus_timeline (f->corpus, filter, bucket, &error);
  g_assert_no_error (error);
  g_assert_nonnull (points);
  return points;
}

static char *
day_of (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);
  return g_date_time_format (dt, "%Y-%m-%d");
}

static void
assert_point (GArray     *points,
              guint       i,
              const char *start,
              guint       count)
{
  const DashTimelinePoint *point;
  g_autofree char *day = NULL;

  g_assert_cmpuint (i, <, points->len);
  point = &g_array_index (points, DashTimelinePoint, i);
  day = day_of (point->start);
  g_assert_cmpstr (day, ==, start);
  g_assert_cmpuint (point->count, ==, count);
}

static void
test_timeline (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GArray) months = timeline (f, NULL, NULL, NULL, DASH_BUCKET_MONTH);
  g_autoptr(GArray) weeks = timeline (f, "trade_war", NULL, NULL, DASH_BUCKET_WEEK);
  g_autoptr(GArray) quarters = timeline (f, NULL, "China", NULL, DASH_BUCKET_QUARTER);
  g_autoptr(GArray) years = timeline (f, "ai", NULL, NULL, DASH_BUCKET_YEAR);
  g_autoptr(GArray) days = timeline (f, "defense", NULL, NULL, DASH_BUCKET_DAY);

  /* Every month from the first story to the last, the empty one included. */
  g_assert_cmpuint (months->len, ==, 3);
  assert_point (months, 0, "2025-01-01", 2);
  assert_point (months, 1, "2025-02-01", 0);
  assert_point (months, 2, "2025-03-01", 4);

  /* Weeks start on Monday. */
  g_assert_cmpuint (weeks->len, ==, 3);
  assert_point (weeks, 0, "2025-01-06", 1);
  assert_point (weeks, 1, "2025-01-13", 0);
  assert_point (weeks, 2, "2025-01-20", 1);

  g_assert_cmpuint (quarters->len, ==, 1);
  assert_point (quarters, 0, "2025-01-01", 3);
  assert_point (years, 0, "2025-01-01", 2);
  g_assert_cmpuint (days->len, ==, 1);
  assert_point (days, 0, "2025-03-05", 1);
}

static void
test_timeline_filtered (Fixture       *f,
                        gconstpointer  data)
{
  /* Counted from the stories themselves: a query, and a topic with an entity. */
  g_autoptr(GArray) query = timeline (f, NULL, NULL, "\"number 3\" OR \"number 5\"",
                                      DASH_BUCKET_MONTH);
  g_autoptr(GArray) both = timeline (f, "ai", "Liang Wenfeng", NULL, DASH_BUCKET_MONTH);
  g_autoptr(GArray) none = timeline (f, "trade_war", "NATO", NULL, DASH_BUCKET_MONTH);

  g_assert_cmpuint (query->len, ==, 1);
  assert_point (query, 0, "2025-03-01", 2);
  g_assert_cmpuint (both->len, ==, 1);
  assert_point (both, 0, "2025-03-01", 2);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_entities (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = dash_corpus_list_entities (f->corpus, NULL, -1, 0, &error);
  g_autoptr(GPtrArray) people = dash_corpus_list_entities (f->corpus, NULL, P, 0, &error);
  g_autoptr(DashFilter) trade = dash_filter_new ();
  g_autoptr(GPtrArray) in_trade = NULL;
  DashEntityStat *first;

  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 8);
  first = g_ptr_array_index (all, 0);
  g_assert_cmpstr (first->name, ==, "China");
  g_assert_cmpint (first->type, ==, DASH_ENTITY_COUNTRY);
  g_assert_cmpuint (first->articles, ==, 3);
  g_assert_cmpuint (first->mentions, ==, 3);

  g_assert_cmpuint (people->len, ==, 1);
  g_assert_cmpstr (((DashEntityStat *)g_ptr_array_index (people, 0))->name, ==, "Liang Wenfeng");

  dash_filter_set_topic (trade, "trade_war");
  in_trade = dash_corpus_list_entities (f->corpus, trade, -1, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (in_trade->len, ==, 2);
  g_assert_cmpuint (((DashEntityStat *)g_ptr_array_index (in_trade, 0))->articles, ==, 2);
}

static void
test_entity (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DashEntityStat) deepseek = dash_corpus_find_entity (f->corpus, "deepseek", &error);
  g_autoptr(GPtrArray) related = NULL;
  g_autoptr(DashEntityStat) missing = NULL;
  DashEntityStat *top;

  g_assert_no_error (error);
  g_assert_cmpstr (deepseek->name, ==, "DeepSeek");
  g_assert_cmpuint (deepseek->articles, ==, 2);

  related = dash_corpus_list_cooccurring (f->corpus, deepseek->id, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (related->len, ==, 2);
  top = g_ptr_array_index (related, 0);
  g_assert_cmpstr (top->name, ==, "Liang Wenfeng");
  g_assert_cmpuint (top->articles, ==, 2);

  missing = dash_corpus_find_entity (f->corpus, "Nobody Atall", &error);
  g_assert_null (missing);
  g_assert_error (error, DASH_ERROR, DASH_ERROR_NOT_FOUND);
}

static DashTopicStat *
find_topic (GPtrArray  *topics,
            const char *id)
{
  for (guint i = 0; i < topics->len; i++)
    if (g_str_equal (((DashTopicStat *)g_ptr_array_index (topics, i))->id, id))
      return g_ptr_array_index (topics, i);
  return NULL;
}

static void
test_topics (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) topics = dash_corpus_list_topics (f->corpus, &error);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) weeks = NULL;
  g_autofree char *id = NULL;
  g_autofree char *again = NULL;
  DashTopicStat *mine;

  g_assert_no_error (error);
  g_assert_cmpuint (topics->len, ==, 3);
  g_assert_cmpuint (find_topic (topics, "trade_war")->articles, ==, 2);
  g_assert_cmpuint (find_topic (topics, "ai")->articles, ==, 2);
  g_assert_cmpuint (find_topic (topics, "defense")->articles, ==, 1);
  g_assert_true (find_topic (topics, "defense")->builtin);

  /* A user topic takes the stored stories that match its query... */
  id = dash_corpus_add_topic (f->corpus, "Numbers 1 & 2!", "\"number 1\" OR \"number 2\"", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, "numbers_1_2");
  again = dash_corpus_add_topic (f->corpus, "numbers 1 2", "x", &error);
  g_assert_null (again);
  g_assert_error (error, DASH_ERROR, DASH_ERROR_QUERY);
  g_clear_error (&error);

  /* ...and new ones as they come. */
  g_ptr_array_add (more, story (f, "2025-04-01", NULL, "China", C, NULL));
  g_ptr_array_add (more, story (f, "2025-04-02", NULL, NULL));
  store (f, more);
  {
    g_autoptr(DashFilter) filter = dash_filter_new ();
    g_autoptr(GListModel) numbered = NULL;

    dash_filter_set_query (filter, "number");
    numbered = dash_corpus_query (f->corpus, filter, &error);
    g_assert_cmpuint (g_list_model_get_n_items (numbered), ==, 8);
  }

  after = dash_corpus_list_topics (f->corpus, &error);
  mine = find_topic (after, "numbers_1_2");
  g_assert_nonnull (mine);
  g_assert_false (mine->builtin);
  g_assert_cmpstr (mine->name, ==, "Numbers 1 & 2!");
  /* Stories 1 and 2, not 7 or 8 ("number 7" does not match). */
  g_assert_cmpuint (mine->articles, ==, 2);
  weeks = timeline (f, "numbers_1_2", NULL, NULL, DASH_BUCKET_MONTH);
  assert_point (weeks, 0, "2025-01-01", 2);

  /* Hostile query text is made safe, as in a search. */
  {
    g_autofree char *odd = dash_corpus_add_topic (f->corpus, "Odd", "\"unbalanced (", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (odd, ==, "odd");
  }
}

static void
test_article_analysis (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DashFilter) filter = dash_filter_new ();
  g_autoptr(GListModel) list = NULL;
  g_autoptr(DashArticle) row = NULL;
  g_autoptr(DashArticle) article = NULL;
  g_autoptr(GPtrArray) topics = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  GArray *group;
  const DashMention *mention;
  g_autofree char *surface = NULL;

  dash_filter_set_query (filter, "\"number 3\"");
  list = dash_corpus_query (f->corpus, filter, &error);
  row = g_list_model_get_item (list, 0);
  article = dash_corpus_get_article (f->corpus, dash_article_get_id (row), &error);
  g_assert_no_error (error);

  topics = dash_corpus_article_topics (f->corpus, dash_article_get_id (article), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (topics->len, ==, 1);
  g_assert_cmpstr (((DashTopicStat *)g_ptr_array_index (topics, 0))->id, ==, "ai");
  g_assert_cmpfloat (((DashTopicStat *)g_ptr_array_index (topics, 0))->score, ==, 2.5);

  groups = dash_corpus_article_mentions (f->corpus, dash_article_get_id (article), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 3);
  group = g_ptr_array_index (groups, 1);
  mention = &g_array_index (group, DashMention, 0);
  g_assert_cmpstr (mention->name, ==, "DeepSeek");
  g_assert_cmpint (mention->type, ==, DASH_ENTITY_ORG);
  /* The offsets cut the name out of the stored body. */
  surface = g_utf8_substring (dash_article_get_body (article), mention->start, mention->end);
  g_assert_cmpstr (surface, ==, "DeepSeek");
}

static void
test_bursts (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(DashFilter) filter = dash_filter_new ();
  g_autoptr(GPtrArray) bursts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) monday = g_date_time_new_utc (2024, 6, 3, 9, 0, 0);
  DashBurst *burst;
  g_autofree char *start = NULL;

  /* One story a week for ten weeks, then eight in one week. */
  for (guint week = 0; week < 11; week++)
    for (guint k = 0; k < (week == 10 ? 8u : 1u); k++)
      {
        g_autoptr(GDateTime) when = g_date_time_add_days (monday, week * 7 + k % 5);
        g_autofree char *date = g_date_time_format_iso8601 (when);

        g_ptr_array_add (articles, story (f, date, "defense", "Gaza", DASH_ENTITY_PLACE, NULL));
      }
  store (f, articles);

  dash_filter_set_entity (filter, "Gaza");
  bursts = dash_corpus_bursts (f->corpus, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bursts->len, ==, 1);
  burst = g_ptr_array_index (bursts, 0);
  start = day_of (burst->start);
  g_assert_cmpstr (start, ==, "2024-08-12");
  g_assert_cmpuint (burst->count, ==, 8);
  g_assert_cmpfloat (burst->baseline, ==, 1.0);
  g_assert_cmpfloat (burst->ratio, >=, 8.0);
  g_assert_cmpuint (burst->article_ids->len, ==, 5);
}

static void
test_graph (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DashGraph) graph = dash_corpus_graph (f->corpus, NULL, 50, 1,
                                                  DASH_COOCCURRENCE_STORY, &error);
  g_autoptr(DashGraph) strong = dash_corpus_graph (f->corpus, NULL, 50, 2,
                                                   DASH_COOCCURRENCE_STORY, &error);
  g_autoptr(DashFilter) filter = dash_filter_new ();
  g_autoptr(DashGraph) march = NULL;
  double total = 0.0;
  gboolean found = FALSE;

  g_assert_no_error (error);
  g_assert_cmpuint (graph->nodes->len, ==, 8);
  g_assert_cmpuint (graph->n_articles, ==, 6);
  /* China–US (1, 2), China–Huawei, US–Huawei, China–DeepSeek, China–Liang,
   * DeepSeek–Liang (3, 4), Russia–Ukraine (5, 6), Russia–NATO, Ukraine–NATO. */
  g_assert_cmpuint (graph->edges->len, ==, 9);
  for (guint i = 0; i < graph->edges->len; i++)
    {
      const DashGraphEdge *edge = &g_array_index (graph->edges, DashGraphEdge, i);
      DashGraphNode *a = g_ptr_array_index (graph->nodes, edge->source);
      DashGraphNode *b = g_ptr_array_index (graph->nodes, edge->target);

      if ((g_str_equal (a->name, "Russia") && g_str_equal (b->name, "Ukraine")) ||
          (g_str_equal (b->name, "Russia") && g_str_equal (a->name, "Ukraine")))
        {
          found = TRUE;
          g_assert_cmpuint (edge->weight, ==, 2);
          /* Always together: log (2 * 6 / (2 * 2)). */
          g_assert_cmpfloat_with_epsilon (edge->pmi, log (3.0), 1e-9);
          /* Always together, so in the same community. */
          g_assert_cmpint (a->community, ==, b->community);
        }
    }
  g_assert_true (found);
  g_assert_cmpuint (graph->n_communities, >=, 2);
  for (guint i = 0; i < graph->nodes->len; i++)
    total += ((DashGraphNode *)g_ptr_array_index (graph->nodes, i))->pagerank;
  g_assert_cmpfloat_with_epsilon (total, 1.0, 1e-6);
  /* China bridges the trade and AI stories: it lies on their shortest paths. */
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      DashGraphNode *node = g_ptr_array_index (graph->nodes, i);

      if (g_str_equal (node->name, "China"))
        g_assert_cmpfloat (node->betweenness, >, 0.0);
      if (g_str_equal (node->name, "Huawei") || g_str_equal (node->name, "NATO"))
        g_assert_cmpfloat (node->betweenness, ==, 0.0);
    }

  g_assert_cmpuint (strong->edges->len, ==, 3);

  filter->from = 1740787200;  /* 2025-03-01 */
  march = dash_corpus_graph (f->corpus, filter, 50, 1, DASH_COOCCURRENCE_STORY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (march->n_articles, ==, 4);
  g_assert_cmpuint (march->nodes->len, ==, 6);
}

/* A story whose two leaders share a sentence, and one where they only share the story. */
static DashArticle *
summit_story (Fixture    *f,
              const char *body,
              guint       xi,
              guint       biden)
{
  DashArticle *a = story (f, "2024-11-16", NULL, NULL);
  g_autoptr(GArray) mentions = g_array_new (FALSE, TRUE, sizeof (DashMention));
  DashMention m1 = { g_strdup ("Xi Jinping"), DASH_ENTITY_PERSON, DASH_FIELD_BODY, xi, xi + 10,
                     FALSE };
  DashMention m2 = { g_strdup ("Joe Biden"), DASH_ENTITY_PERSON, DASH_FIELD_BODY, biden,
                     biden + 9, FALSE };

  g_array_set_clear_func (mentions, (GDestroyNotify)dash_mention_clear);
  g_array_append_val (mentions, m1);
  g_array_append_val (mentions, m2);
  dash_article_set_body (a, body);
  dash_article_set_mentions (a, mentions);
  dash_article_update_content_hash (a);
  return a;
}

static void
test_graph_windows (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(DashFilter) filter = dash_filter_new ();
  g_autoptr(DashGraph) by_story = NULL;
  g_autoptr(DashGraph) by_paragraph = NULL;
  g_autoptr(DashGraph) by_sentence = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  DashEvidence *item;

  /* "Xi Jinping" at 0 and "Joe Biden" at 15 share the first sentence. */
  g_ptr_array_add (articles, summit_story (f, "Xi Jinping met Joe Biden in Lima. They spoke of "
                                              "chips.\n\nLater the talks ended.", 0, 15));
  /* Here they are two paragraphs apart. */
  g_ptr_array_add (articles, summit_story (f, "Xi Jinping flew home.\n\nJoe Biden stayed on "
                                              "for a day.", 0, 23));
  store (f, articles);

  filter->from = 1731715200;  /* 2024-11-16 */
  filter->to = 1731801600;
  by_story = dash_corpus_graph (f->corpus, filter, 10, 1, DASH_COOCCURRENCE_STORY, &error);
  by_paragraph = dash_corpus_graph (f->corpus, filter, 10, 1, DASH_COOCCURRENCE_PARAGRAPH, &error);
  by_sentence = dash_corpus_graph (f->corpus, filter, 10, 1, DASH_COOCCURRENCE_SENTENCE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_story->edges->len, ==, 1);
  g_assert_cmpuint (g_array_index (by_story->edges, DashGraphEdge, 0).weight, ==, 2);
  g_assert_cmpuint (by_paragraph->edges->len, ==, 1);
  g_assert_cmpuint (g_array_index (by_paragraph->edges, DashGraphEdge, 0).weight, ==, 1);
  g_assert_cmpuint (by_sentence->edges->len, ==, 1);
  g_assert_cmpuint (g_array_index (by_sentence->edges, DashGraphEdge, 0).weight, ==, 1);

  /* The evidence is the sentence where both stand. */
  evidence = dash_corpus_edge_evidence (f->corpus, "Xi Jinping", "joe biden",
                                        DASH_COOCCURRENCE_SENTENCE, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (evidence->len, ==, 1);
  item = g_ptr_array_index (evidence, 0);
  g_assert_cmpstr (item->text, ==, "Xi Jinping met Joe Biden in Lima.");
  g_clear_pointer (&evidence, g_ptr_array_unref);

  evidence = dash_corpus_edge_evidence (f->corpus, "Xi Jinping", "Joe Biden",
                                        DASH_COOCCURRENCE_STORY, 10, &error);
  g_assert_cmpuint (evidence->len, ==, 2);
}

static guint
entity_articles (Fixture    *f,
                 const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DashEntityStat) stat = dash_corpus_find_entity (f->corpus, name, &error);

  if (stat == NULL)
    {
      g_assert_error (error, DASH_ERROR, DASH_ERROR_NOT_FOUND);
      return 0;
    }
  return stat->articles;
}

static gboolean
listed (Fixture    *f,
        const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = dash_corpus_list_entities (f->corpus, NULL, -1, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    if (g_str_equal (((DashEntityStat *)g_ptr_array_index (all, i))->name, name))
      return TRUE;
  return FALSE;
}

static void
test_entity_cleanup (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) later = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(DashEntityStat) us = NULL;
  g_autoptr(DashEntityStat) short_us = NULL;
  g_autoptr(DashEntityStat) nato = NULL;
  g_autoptr(DashEntityStat) liang = NULL;
  g_autoptr(GPtrArray) aliases = NULL;
  g_autoptr(GArray) months = NULL;
  g_autoptr(DashFilter) filter = dash_filter_new ();

  /* "U.S." found as an organisation in two stories, one of them also naming the
   * United States. */
  g_ptr_array_add (more, story (f, "2025-03-10", NULL, "U.S.", O, "United States", C, NULL));
  g_ptr_array_add (more, story (f, "2025-03-11", NULL, "U.S.", O, NULL));
  store (f, more);
  us = dash_corpus_find_entity (f->corpus, "United States", &error);
  short_us = dash_corpus_find_entity (f->corpus, "U.S.", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (us->articles, ==, 3);

  /* Merged: one entity, in every story either named, under the target's name. */
  g_assert_true (dash_corpus_merge_entities (f->corpus, short_us->id, us->id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (entity_articles (f, "United States"), ==, 4);
  g_assert_cmpuint (entity_articles (f, "U.S."), ==, 0);
  aliases = dash_corpus_entity_aliases (f->corpus, us->id, &error);
  g_assert_cmpuint (aliases->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (aliases, 0), ==, "U.S.");
  dash_filter_set_entity (filter, "United States");
  months = timeline (f, NULL, "United States", NULL, DASH_BUCKET_MONTH);
  assert_point (months, 2, "2025-03-01", 2);

  /* Renamed: the new name everywhere, and the old one still leads to it. */
  liang = dash_corpus_find_entity (f->corpus, "Liang Wenfeng", &error);
  g_assert_true (dash_corpus_rename_entity (f->corpus, liang->id, "Liang Wen-feng", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (entity_articles (f, "Liang Wen-feng"), ==, 2);
  g_assert_false (listed (f, "Liang Wenfeng"));

  /* What later imports find under the old names lands on the entities they now are. */
  g_ptr_array_add (later, story (f, "2025-04-01", NULL, "U.S.", O, "Liang Wenfeng", P, NULL));
  store (f, later);
  g_assert_cmpuint (entity_articles (f, "United States"), ==, 5);
  g_assert_cmpuint (entity_articles (f, "Liang Wen-feng"), ==, 3);
  g_assert_false (listed (f, "U.S."));

  /* Renaming to a name another entity has merges the two. */
  g_assert_true (dash_corpus_rename_entity (f->corpus, us->id, "China", &error));
  g_assert_false (listed (f, "United States"));

  /* Hidden: gone from the lists, back when shown. */
  nato = dash_corpus_find_entity (f->corpus, "NATO", &error);
  g_assert_true (dash_corpus_set_entity_hidden (f->corpus, nato->id, TRUE, &error));
  g_assert_false (listed (f, "NATO"));
  g_assert_true (dash_corpus_set_entity_hidden (f->corpus, nato->id, FALSE, &error));
  g_assert_true (listed (f, "NATO"));

  g_assert_false (dash_corpus_merge_entities (f->corpus, nato->id, nato->id, &error));
  g_assert_error (error, DASH_ERROR, DASH_ERROR_QUERY);
}

/* A merge undone leaves both entities as they were: stories, mentions, names, days. */
static void
test_entity_merge_undo (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(DashEntityStat) us = NULL;
  g_autoptr(DashEntityStat) short_us = NULL;
  g_autoptr(DashEntityStat) us_after = NULL;
  g_autoptr(DashEntityStat) short_after = NULL;
  g_autoptr(DashMergeRecord) record = NULL;
  g_autoptr(GPtrArray) aliases = NULL;
  g_autoptr(GPtrArray) short_aliases = NULL;
  g_autoptr(GArray) short_days = NULL;

  g_ptr_array_add (more, story (f, "2025-03-10", NULL, "U.S.", O, "United States", C, NULL));
  g_ptr_array_add (more, story (f, "2025-03-11", NULL, "U.S.", O, NULL));
  store (f, more);
  us = dash_corpus_find_entity (f->corpus, "United States", &error);
  short_us = dash_corpus_find_entity (f->corpus, "U.S.", &error);
  /* A name that led to "U.S." before the merge. */
  g_assert_true (dash_corpus_rename_entity (f->corpus, short_us->id, "US", &error));
  g_assert_no_error (error);

  g_assert_true (dash_corpus_merge_entities_full (f->corpus, short_us->id, us->id, &record,
                                                  &error));
  g_assert_no_error (error);
  g_assert_cmpstr (dash_merge_record_get_name (record), ==, "US");
  g_assert_cmpuint (entity_articles (f, "United States"), ==, 4);
  g_assert_cmpuint (entity_articles (f, "US"), ==, 0);

  g_assert_true (dash_corpus_undo_merge (f->corpus, record, &error));
  g_assert_no_error (error);
  us_after = dash_corpus_find_entity (f->corpus, "United States", &error);
  short_after = dash_corpus_find_entity (f->corpus, "US", &error);
  g_assert_no_error (error);
  g_assert_cmpint (short_after->id, ==, short_us->id);
  g_assert_cmpint (short_after->type, ==, DASH_ENTITY_ORG);
  g_assert_cmpuint (us_after->articles, ==, us->articles);
  g_assert_cmpuint (us_after->mentions, ==, us->mentions);
  g_assert_cmpuint (short_after->articles, ==, short_us->articles);
  g_assert_cmpuint (short_after->mentions, ==, short_us->mentions);
  aliases = dash_corpus_entity_aliases (f->corpus, us->id, &error);
  g_assert_cmpuint (aliases->len, ==, 0);
  short_aliases = dash_corpus_entity_aliases (f->corpus, short_us->id, &error);
  g_assert_cmpuint (short_aliases->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (short_aliases, 0), ==, "U.S.");
  short_days = timeline (f, NULL, "US", NULL, DASH_BUCKET_MONTH);
  g_assert_cmpuint (short_days->len, ==, 1);
  g_assert_cmpuint (g_array_index (short_days, DashTimelinePoint, 0).count, ==, 2);

  /* Later stories naming "U.S." find the entity again, not the United States. */
  {
    g_autoptr(GPtrArray) later = g_ptr_array_new_with_free_func (g_object_unref);

    g_ptr_array_add (later, story (f, "2025-04-01", NULL, "U.S.", O, NULL));
    store (f, later);
    g_assert_cmpuint (entity_articles (f, "US"), ==, 3);
    g_assert_cmpuint (entity_articles (f, "United States"), ==, 3);
  }
}

/* A story with this text, analysed by @analyzer as an import does. */
static DashArticle *
analysed (Fixture      *f,
          DashAnalyzer *analyzer,
          const char   *body)
{
  DashArticle *a = dash_article_new ();
  guint n = ++f->n;
  g_autofree char *title = g_strdup_printf ("Story %u", n);
  g_autofree char *url = g_strdup_printf ("https://example.org/%u", n);

  dash_article_set_title (a, title);
  dash_article_set_url (a, url);
  dash_article_set_source (a, "Test Wire");
  dash_article_set_body (a, body);
  dash_article_set_published (a, 1740787200 + n * 86400);
  dash_article_update_content_hash (a);
  dash_analyzer_analyze (analyzer, a);
  return a;
}

/* A name the user adds to an entity is found in the stories stored (and nowhere it is
 * not), in later imports, and counted in the entity's timeline; a name that belongs to
 * another entity is refused. */
static void
test_entity_alias (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DashAnalyzer) analyzer = dash_analyzer_new_for_corpus (f->corpus, &error);
  g_autoptr(DashAnalyzer) later_analyzer = NULL;
  g_autoptr(GPtrArray) stories = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) later = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(DashEntityStat) huawei = NULL;
  g_autoptr(DashEntityStat) after = NULL;
  g_autoptr(GPtrArray) aliases = NULL;
  g_autoptr(GArray) days = NULL;
  guint looked_at = 0;

  g_assert_no_error (error);
  g_ptr_array_add (stories, analysed (f, analyzer,
                                      "Huawei unveiled a folding phone on Monday in Shenzhen."));
  g_ptr_array_add (stories, analysed (f, analyzer,
                                      "Shoppers queued outside HW stores in Paris. The HW "
                                      "phones sold out by noon."));
  g_ptr_array_add (stories, analysed (f, analyzer,
                                      "Farmers in Ohio said the harvest was late this year."));
  store (f, stories);
  huawei = dash_corpus_find_entity (f->corpus, "Huawei", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (huawei->articles, ==, 2);   /* the fixture's story and the first here */

  /* A name that is already another organisation's is refused. */
  g_assert_false (dash_analyzer_add_entity_alias (analyzer, f->corpus, huawei->id, "NATO", NULL,
                                                  NULL, &error));
  g_assert_error (error, DASH_ERROR, DASH_ERROR_QUERY);
  g_clear_error (&error);
  g_assert_false (dash_analyzer_add_entity_alias (analyzer, f->corpus, huawei->id, " ", NULL,
                                                  NULL, &error));
  g_assert_error (error, DASH_ERROR, DASH_ERROR_QUERY);
  g_clear_error (&error);

  g_assert_true (dash_analyzer_add_entity_alias (analyzer, f->corpus, huawei->id, "HW", NULL,
                                                 &looked_at, &error));
  g_assert_no_error (error);
  /* Only the story that holds the name was analysed again. */
  g_assert_cmpuint (looked_at, ==, 1);
  after = dash_corpus_find_entity (f->corpus, "Huawei", &error);
  g_assert_cmpuint (after->articles, ==, 3);
  g_assert_cmpuint (after->mentions, ==, huawei->mentions + 2);
  g_assert_false (listed (f, "HW"));
  aliases = dash_corpus_entity_aliases (f->corpus, huawei->id, &error);
  g_assert_cmpuint (aliases->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (aliases, 0), ==, "HW");
  /* The per-day counts follow. */
  days = timeline (f, NULL, "Huawei", NULL, DASH_BUCKET_YEAR);
  g_assert_cmpuint (days->len, ==, 1);
  g_assert_cmpuint (g_array_index (days, DashTimelinePoint, 0).count, ==, 3);

  /* Later imports know the name. */
  later_analyzer = dash_analyzer_new_for_corpus (f->corpus, &error);
  g_ptr_array_add (later, analysed (f, later_analyzer, "HW said its profits rose in March."));
  store (f, later);
  g_assert_cmpuint (entity_articles (f, "Huawei"), ==, 4);
}

/* Two names the analysis tells apart, which the user merged since: a story naming both,
 * analysed with what the analysis knew before, stores one entity with the mentions of
 * both, in the order of the text. */
static void
test_merged_names (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DashAnalyzer) analyzer = dash_analyzer_new_for_corpus (f->corpus, &error);
  g_autoptr(GPtrArray) stories = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) later = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(DashEntityStat) huawei = NULL;
  g_autoptr(DashEntityStat) alibaba = NULL;
  const char *body = "Huawei and Alibaba opened offices in Paris. Alibaba said Huawei had "
                     "helped.";
  DashArticle *article;
  guint64 huawei_rows = 0;

  g_assert_no_error (error);
  g_ptr_array_add (stories, analysed (f, analyzer, "Alibaba opened an office in Paris."));
  store (f, stories);
  huawei = dash_corpus_find_entity (f->corpus, "Huawei", &error);
  alibaba = dash_corpus_find_entity (f->corpus, "Alibaba", &error);
  g_assert_no_error (error);
  g_assert_true (dash_corpus_merge_entities (f->corpus, alibaba->id, huawei->id, &error));
  g_assert_no_error (error);

  article = analysed (f, analyzer, body);
  g_ptr_array_add (later, article);
  store (f, later);

  groups = dash_corpus_article_mentions (f->corpus, dash_article_get_id (article), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < groups->len; i++)
    {
      GArray *group = g_ptr_array_index (groups, i);
      const DashMention *first = &g_array_index (group, DashMention, 0);
      guint last_start = 0;

      g_assert_cmpstr (first->name, !=, "Alibaba");
      if (g_strcmp0 (first->name, "Huawei") != 0)
        continue;
      huawei_rows++;
      /* "Huawei", "Alibaba", "Alibaba", "Huawei": all four, in order. */
      g_assert_cmpuint (group->len, ==, 4);
      for (guint k = 0; k < group->len; k++)
        {
          const DashMention *mention = &g_array_index (group, DashMention, k);
          g_autofree char *surface = g_utf8_substring (body, mention->start, mention->end);

          g_assert_cmpstr (surface, ==, (k == 0 || k == 3) ? "Huawei" : "Alibaba");
          g_assert_cmpuint (mention->start, >=, last_start);
          last_start = mention->start;
        }
    }
  g_assert_cmpuint (huawei_rows, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/analysis/timeline/buckets", test_timeline);
  ADD ("/analysis/timeline/filtered", test_timeline_filtered);
  ADD ("/analysis/entities", test_entities);
  ADD ("/analysis/entities/merged-names", test_merged_names);
  ADD ("/analysis/entity", test_entity);
  ADD ("/analysis/topics", test_topics);
  ADD ("/analysis/article", test_article_analysis);
  ADD ("/analysis/bursts", test_bursts);
  ADD ("/analysis/graph", test_graph);
  ADD ("/analysis/graph/windows", test_graph_windows);
  ADD ("/analysis/entity-cleanup", test_entity_cleanup);
  ADD ("/analysis/entity-alias", test_entity_alias);
  ADD ("/analysis/entity-merge-undo", test_entity_merge_undo);

  return g_test_run ();
}
