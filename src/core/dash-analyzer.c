/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-analyzer"

#include "config.h"

#include <glib/gi18n.h>

#include "dash-analyzer.h"
#include "dash-article.h"
#include "dash-article-list.h"
#include "dash-corpus.h"
#include "dash-corpus-private.h"
#include "dash-data.h"
#include "dash-entity-extractor.h"
#include "dash-topic-classifier.h"

struct _DashAnalyzer
{
  GObject              parent_instance;

  DashEntityExtractor *extractor;
  DashTopicClassifier *classifier;
  char                *version;
};

G_DEFINE_FINAL_TYPE (DashAnalyzer, dash_analyzer, G_TYPE_OBJECT)

/* Stories analysed again per transaction. */
#define REANALYZE_BATCH 500

static void
dash_analyzer_dispose (GObject *object)
{
  DashAnalyzer *self = (DashAnalyzer *)object;

  g_clear_object (&self->extractor);
  g_clear_object (&self->classifier);

  G_OBJECT_CLASS (dash_analyzer_parent_class)->dispose (object);
}

static void
dash_analyzer_finalize (GObject *object)
{
  DashAnalyzer *self = (DashAnalyzer *)object;

  g_clear_pointer (&self->version, g_free);

  G_OBJECT_CLASS (dash_analyzer_parent_class)->finalize (object);
}

static void
dash_analyzer_class_init (DashAnalyzerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dash_analyzer_dispose;
  object_class->finalize = dash_analyzer_finalize;
}

static void
dash_analyzer_init (DashAnalyzer *self)
{
}

DashAnalyzer *
dash_analyzer_new_default (GError **error)
{
  g_autoptr(DashAnalyzer) self = g_object_new (DASH_TYPE_ANALYZER, NULL);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *names[] = { "gazetteer.json", "topics.json" };

  self->extractor = dash_entity_extractor_new_default (error);
  if (self->extractor == NULL)
    return NULL;
  self->classifier = dash_topic_classifier_new_default (error);
  if (self->classifier == NULL)
    return NULL;

  /* The data and the code's version together decide what an analysis finds. */
  g_checksum_update (checksum, (const guchar *)PACKAGE_VERSION, -1);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GBytes) bytes = dash_data_lookup (names[i], error);
      gsize len;
      const guchar *data;

      if (bytes == NULL)
        return NULL;
      data = g_bytes_get_data (bytes, &len);
      g_checksum_update (checksum, data, len);
    }
  self->version = g_strndup (g_checksum_get_string (checksum), 16);

  return g_steal_pointer (&self);
}

DashAnalyzer *
dash_analyzer_new_for_corpus (DashCorpus  *corpus,
                              GError     **error)
{
  g_autoptr(DashAnalyzer) self = NULL;
  g_autoptr(GPtrArray) aliases = NULL;

  g_return_val_if_fail (DASH_IS_CORPUS (corpus), NULL);

  self = dash_analyzer_new_default (error);
  if (self == NULL)
    return NULL;
  aliases = dash_corpus_list_name_aliases (corpus, error);
  if (aliases == NULL)
    return NULL;
  for (guint i = 0; i < aliases->len; i++)
    {
      const DashNameAlias *alias = g_ptr_array_index (aliases, i);

      dash_entity_extractor_add_alias (self->extractor, alias->alias, alias->name, alias->type);
    }
  return g_steal_pointer (&self);
}

/* A full-text query for the stories that hold @text as a phrase. */
static char *
phrase_query (const char *text)
{
  GString *query = g_string_new ("\"");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (query, '"');
      g_string_append_c (query, *p);
    }
  g_string_append_c (query, '"');
  return g_string_free (query, FALSE);
}

gboolean
dash_analyzer_add_entity_alias (DashAnalyzer  *self,
                                DashCorpus    *corpus,
                                gint64         entity_id,
                                const char    *alias,
                                GCancellable  *cancellable,
                                guint         *n_stories,
                                GError       **error)
{
  g_autoptr(DashEntityStat) entity = NULL;
  g_autoptr(DashFilter) filter = dash_filter_new ();
  g_autoptr(GListModel) matching = NULL;
  g_autoptr(GPtrArray) batch = NULL;
  g_autofree char *clean = NULL;
  guint n;

  g_return_val_if_fail (DASH_IS_ANALYZER (self), FALSE);
  g_return_val_if_fail (DASH_IS_CORPUS (corpus), FALSE);
  g_return_val_if_fail (alias != NULL, FALSE);

  if (!dash_corpus_add_entity_alias (corpus, entity_id, alias, error))
    return FALSE;
  entity = dash_corpus_get_entity (corpus, entity_id, error);
  if (entity == NULL)
    return FALSE;
  clean = g_strstrip (g_strdup (alias));
  dash_entity_extractor_add_alias (self->extractor, clean, entity->name, entity->type);

  /* Only the stories that hold the name can change. */
  filter->query = phrase_query (clean);
  filter->sort = DASH_SORT_DATE_ASC;
  matching = dash_corpus_query (corpus, filter, error);
  if (matching == NULL)
    return FALSE;
  n = g_list_model_get_n_items (matching);
  batch = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      gint64 id = dash_article_list_get_id (DASH_ARTICLE_LIST (matching), i);
      DashArticle *article;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      article = dash_corpus_get_article (corpus, id, error);
      if (article == NULL)
        return FALSE;
      dash_analyzer_analyze (self, article);
      g_ptr_array_add (batch, article);
      if (batch->len == REANALYZE_BATCH || i + 1 == n)
        {
          if (!_dash_corpus_replace_analysis (corpus, batch, error))
            return FALSE;
          g_ptr_array_set_size (batch, 0);
        }
    }
  if (n_stories != NULL)
    *n_stories = n;
  return n == 0 || _dash_corpus_finish_reanalysis (corpus, self->version, error);
}

const char *
dash_analyzer_get_version (DashAnalyzer *self)
{
  g_return_val_if_fail (DASH_IS_ANALYZER (self), NULL);
  return self->version;
}

void
dash_analyzer_analyze (DashAnalyzer *self,
                       DashArticle  *article)
{
  g_autoptr(GArray) mentions = NULL;
  g_autoptr(GArray) topics = NULL;

  g_return_if_fail (DASH_IS_ANALYZER (self));
  g_return_if_fail (DASH_IS_ARTICLE (article));

  mentions = dash_entity_extractor_extract (self->extractor,
                                            dash_article_get_title (article),
                                            dash_article_get_body (article));
  /* Where each mention stands (sentence, paragraph) and which entity it is, here in
   * the parser threads rather than in the one thread that stores. */
  _dash_mentions_place (mentions, dash_article_get_body (article));
  topics = dash_topic_classifier_classify (self->classifier,
                                           dash_article_get_title (article),
                                           dash_article_get_summary (article),
                                           dash_article_get_body (article),
                                           mentions);
  dash_article_set_mentions (article, mentions);
  dash_article_set_topics (article, topics);
}

gboolean
dash_analyzer_is_stale (DashAnalyzer *self,
                        DashCorpus   *corpus)
{
  g_autofree char *stored = NULL;
  DashCorpusStats stats;

  g_return_val_if_fail (DASH_IS_ANALYZER (self), FALSE);
  g_return_val_if_fail (DASH_IS_CORPUS (corpus), FALSE);

  if (!dash_corpus_get_stats (corpus, &stats, NULL) || stats.articles == 0)
    return FALSE;
  stored = _dash_corpus_get_meta (corpus, "analysis_version");
  return g_strcmp0 (stored, self->version) != 0;
}

gboolean
dash_analyzer_reanalyze (DashAnalyzer  *self,
                         DashCorpus    *corpus,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GListModel) all = NULL;
  g_autoptr(DashFilter) filter = dash_filter_new ();
  guint n;

  g_return_val_if_fail (DASH_IS_ANALYZER (self), FALSE);
  g_return_val_if_fail (DASH_IS_CORPUS (corpus), FALSE);

  filter->sort = DASH_SORT_DATE_ASC;
  all = dash_corpus_query (corpus, filter, error);
  if (all == NULL)
    return FALSE;
  n = g_list_model_get_n_items (all);

  for (guint start = 0; start < n; start += REANALYZE_BATCH)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      for (guint i = start; i < MIN (n, start + REANALYZE_BATCH); i++)
        {
          gint64 id = dash_article_list_get_id (DASH_ARTICLE_LIST (all), i);
          DashArticle *article = dash_corpus_get_article (corpus, id, error);

          if (article == NULL)
            return FALSE;
          dash_analyzer_analyze (self, article);
          g_ptr_array_add (batch, article);
        }
      if (!_dash_corpus_replace_analysis (corpus, batch, error))
        return FALSE;
    }

  return _dash_corpus_finish_reanalysis (corpus, self->version, error);
}
