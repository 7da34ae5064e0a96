/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-article-list"

#include "config.h"

#include "dash-article.h"
#include "dash-article-list.h"
#include "dash-corpus.h"

/* Rows a list view shows at once, with room to scroll back and forth. */
#define CACHE_SIZE 256

struct _DashArticleList
{
  GObject     parent_instance;

  DashCorpus *corpus;
  GArray     *ids;      /* gint64 */
  GArray     *ranks;    /* double, or NULL without a query */
  char       *match;
  /* A direct-mapped cache: position % CACHE_SIZE. */
  DashArticle *cache[CACHE_SIZE];
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DashArticleList, dash_article_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
dash_article_list_dispose (GObject *object)
{
  DashArticleList *self = (DashArticleList *)object;

  for (guint i = 0; i < CACHE_SIZE; i++)
    g_clear_object (&self->cache[i]);
  g_clear_object (&self->corpus);

  G_OBJECT_CLASS (dash_article_list_parent_class)->dispose (object);
}

static void
dash_article_list_finalize (GObject *object)
{
  DashArticleList *self = (DashArticleList *)object;

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->ranks, g_array_unref);
  g_clear_pointer (&self->match, g_free);

  G_OBJECT_CLASS (dash_article_list_parent_class)->finalize (object);
}

static void
dash_article_list_class_init (DashArticleListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dash_article_list_dispose;
  object_class->finalize = dash_article_list_finalize;
}

static void
dash_article_list_init (DashArticleList *self)
{
}

static GType
dash_article_list_get_item_type (GListModel *model)
{
  return DASH_TYPE_ARTICLE;
}

static guint
dash_article_list_get_n_items (GListModel *model)
{
  return DASH_ARTICLE_LIST (model)->ids->len;
}

static gpointer
dash_article_list_get_item (GListModel *model,
                            guint       position)
{
  DashArticleList *self = DASH_ARTICLE_LIST (model);
  g_autoptr(GError) error = NULL;
  DashArticle **slot;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  slot = &self->cache[position % CACHE_SIZE];
  if (*slot != NULL && dash_article_get_id (*slot) == id)
    return g_object_ref (*slot);

  g_clear_object (slot);
  *slot = _dash_corpus_load_article (self->corpus, id, self->match, &error);
  if (*slot == NULL)
    {
      /* The story went away (or the disk did) after the list was made: show an empty
       * row rather than break the model's contract. */
      g_debug ("Cannot load story %" G_GINT64_FORMAT ": %s", id, error->message);
      *slot = dash_article_new ();
      dash_article_set_id (*slot, id);
    }
  if (self->ranks != NULL)
    dash_article_set_rank (*slot, g_array_index (self->ranks, double, position));
  return g_object_ref (*slot);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = dash_article_list_get_item_type;
  iface->get_n_items = dash_article_list_get_n_items;
  iface->get_item = dash_article_list_get_item;
}

DashArticleList *
dash_article_list_new (DashCorpus *corpus,
                       GArray     *ids,
                       GArray     *ranks,
                       const char *match)
{
  DashArticleList *self;

  g_return_val_if_fail (DASH_IS_CORPUS (corpus), NULL);
  g_return_val_if_fail (ids != NULL, NULL);

  self = g_object_new (DASH_TYPE_ARTICLE_LIST, NULL);
  self->corpus = g_object_ref (corpus);
  self->ids = ids;
  self->ranks = ranks;
  self->match = g_strdup (match);
  return self;
}

gint64
dash_article_list_get_id (DashArticleList *self,
                          guint            position)
{
  g_return_val_if_fail (DASH_IS_ARTICLE_LIST (self), 0);
  g_return_val_if_fail (position < self->ids->len, 0);

  return g_array_index (self->ids, gint64, position);
}
