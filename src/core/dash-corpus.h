/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dash-types.h"
#include "dash-filter.h"
#include "dash-mention.h"

G_BEGIN_DECLS

#define DASH_TYPE_CORPUS (dash_corpus_get_type ())
G_DECLARE_FINAL_TYPE (DashCorpus, dash_corpus, DASH, CORPUS, GObject)

#define DASH_CORPUS_SCHEMA_VERSION 6

typedef struct {
  guint  articles;
  guint  sources;
  gint64 first;   /* Earliest publication time, 0 when there is none. */
  gint64 last;
} DashCorpusStats;

/* The default database: $XDG_DATA_HOME/org.example.Dashboard/corpus.db. */
char        *dash_corpus_get_default_path (void);

/* Opens or creates the database at @path (creating parent folders), migrating its
 * schema. A corrupt file, a newer schema or an unwritable place gives an error that
 * names the file; the file is never overwritten. */
DashCorpus  *dash_corpus_open          (const char       *path,
                                        GError          **error);
const char  *dash_corpus_get_path      (DashCorpus       *self);
gboolean     dash_corpus_get_read_only (DashCorpus       *self);

gboolean     dash_corpus_get_stats     (DashCorpus       *self,
                                        DashCorpusStats  *stats,
                                        GError          **error);

/* Stories matching @filter (NULL for all), newest first, as a lazy GListModel of
 * DashArticle: only the ids are kept, rows are loaded when asked for. With a query,
 * each item also carries a snippet ("**" marks the matches) and its bm25 rank. An
 * empty or unusable query gives DASH_ERROR_QUERY. */
GListModel  *dash_corpus_query         (DashCorpus       *self,
                                        const DashFilter *filter,
                                        GError          **error);
DashArticle *dash_corpus_get_article   (DashCorpus       *self,
                                        gint64            id,
                                        GError          **error);

/* Names of the sources, with their article counts, most articles first. */
GPtrArray   *dash_corpus_list_sources  (DashCorpus       *self,
                                        GError          **error);

/* Stores @articles in one transaction, skipping stories already stored (same GUID,
 * URL or content hash). Sets each stored article's id. Used by imports. */
gboolean     dash_corpus_add_articles  (DashCorpus       *self,
                                        GPtrArray        *articles,
                                        guint            *n_added,
                                        guint            *n_duplicates,
                                        GError          **error);

/* Tells views that the stored stories changed (emits ::changed). */
void         dash_corpus_notify_changed (DashCorpus      *self);

/* Analysis: entities, topics, timelines, bursts and the co-occurrence graph. */

typedef enum {
  DASH_BUCKET_DAY,
  DASH_BUCKET_WEEK,      /* starting on Monday */
  DASH_BUCKET_MONTH,
  DASH_BUCKET_QUARTER,
  DASH_BUCKET_YEAR,
} DashBucket;

/* "day", "week", "month", "quarter", "year"; -1 when unknown. */
int          dash_bucket_from_string   (const char       *name);

typedef struct {
  gint64 start;    /* Unix seconds UTC of the bucket's first day */
  guint  count;
} DashTimelinePoint;

/* Stories per bucket, for @filter's topic, entity, query, source and date range (NULL for
 * everything), from the first to the last bucket that has stories, empty buckets
 * included. (element-type DashTimelinePoint) */
GArray      *dash_corpus_timeline      (DashCorpus       *self,
                                        const DashFilter *filter,
                                        DashBucket        bucket,
                                        GError          **error);

typedef struct {
  gint64          id;
  char           *name;
  DashEntityType  type;
  guint           articles;   /* Stories that name it (or, for co-occurrence, share it). */
  guint           mentions;
} DashEntityStat;

void         dash_entity_stat_free     (DashEntityStat   *stat);

/* Entities named in the stories @filter selects (NULL for all), most stories first;
 * @type is a DashEntityType or -1 for all. (element-type DashEntityStat) */
GPtrArray   *dash_corpus_list_entities (DashCorpus       *self,
                                        const DashFilter *filter,
                                        int               type,
                                        guint             limit,
                                        GError          **error);
/* The entity called @name (any case; the one in most stories when several types share
 * the name), or NULL with DASH_ERROR_NOT_FOUND. */
DashEntityStat *dash_corpus_find_entity (DashCorpus      *self,
                                        const char       *name,
                                        GError          **error);
/* The entity @entity_id, or NULL with DASH_ERROR_NOT_FOUND. */
DashEntityStat *dash_corpus_get_entity  (DashCorpus      *self,
                                        gint64            entity_id,
                                        GError          **error);
/* The entities that share most stories with @entity_id. (element-type DashEntityStat) */
GPtrArray   *dash_corpus_list_cooccurring (DashCorpus    *self,
                                        gint64            entity_id,
                                        guint             limit,
                                        GError          **error);

/* Clean-up of entities by the user. Every view sees the change at once, and later
 * imports and analyses keep it: the names renamed or merged away lead to the entity
 * they now belong to. */
gboolean     dash_corpus_rename_entity  (DashCorpus      *self,
                                         gint64           entity_id,
                                         const char      *name,
                                         GError         **error);
gboolean     dash_corpus_merge_entities (DashCorpus      *self,
                                         gint64           source_id,
                                         gint64           target_id,
                                         GError         **error);
/* What a merge changed, to undo it. */
typedef struct _DashMergeRecord DashMergeRecord;

void         dash_merge_record_free     (DashMergeRecord *record);
/* The name of the entity merged away. */
const char  *dash_merge_record_get_name (const DashMergeRecord *record);
/* As dash_corpus_merge_entities(), keeping in @record (may be NULL) what it changed. */
gboolean     dash_corpus_merge_entities_full (DashCorpus       *self,
                                         gint64           source_id,
                                         gint64           target_id,
                                         DashMergeRecord **record,
                                         GError         **error);
/* Splits the two again, as they were before the merge @record kept: the entity comes
 * back with its id, its names, its stories and its mentions; the target keeps only its
 * own. Stories imported since then keep what their analysis found. */
gboolean     dash_corpus_undo_merge     (DashCorpus      *self,
                                         const DashMergeRecord *record,
                                         GError         **error);
gboolean     dash_corpus_set_entity_hidden (DashCorpus   *self,
                                         gint64           entity_id,
                                         gboolean         hidden,
                                         GError         **error);
/* Adds @alias as another name of @entity_id, for every later analysis: see
 * dash_analyzer_add_entity_alias(), which also finds it in the stories stored. The name
 * of another entity of that type gives DASH_ERROR_QUERY (merge them instead). */
gboolean     dash_corpus_add_entity_alias (DashCorpus    *self,
                                         gint64           entity_id,
                                         const char      *alias,
                                         GError         **error);

/* A name that leads to another entity's: renamed, merged or added by the user. */
typedef struct {
  char           *alias;
  char           *name;
  DashEntityType  type;
} DashNameAlias;

void         dash_name_alias_free       (DashNameAlias   *alias);
/* Every such name (element-type DashNameAlias), for the extractor. */
GPtrArray   *dash_corpus_list_name_aliases (DashCorpus   *self,
                                         GError         **error);
/* The other names that lead to @entity_id. (element-type utf8) */
GPtrArray   *dash_corpus_entity_aliases (DashCorpus      *self,
                                         gint64           entity_id,
                                         GError         **error);

typedef struct {
  char     *id;
  char     *name;
  char     *query;      /* A user topic's full-text query; NULL for built-in ones. */
  gboolean  builtin;
  guint     articles;
  double    score;      /* Only for a story's topics: how strongly it belongs. */
} DashTopicStat;

void         dash_topic_stat_free      (DashTopicStat    *stat);
/* (element-type DashTopicStat) built-in topics first. */
GPtrArray   *dash_corpus_list_topics   (DashCorpus       *self,
                                        GError          **error);
/* Adds a user topic: every stored story matching @query is put in it now, new ones as
 * they are imported. Returns the topic's id. */
char        *dash_corpus_add_topic     (DashCorpus       *self,
                                        const char       *name,
                                        const char       *query,
                                        GError          **error);

/* A search the user saved: a filter under a name, with the time its stories were last
 * looked at (Unix seconds), so that those imported since count as new. */
typedef struct {
  gint64      id;
  char       *name;
  DashFilter *filter;
  gint64      created;
  gint64      seen;
  gboolean    notify;   /* Tell the user when a refresh brings new stories for it. */
} DashSavedSearch;

void         dash_saved_search_free    (DashSavedSearch  *search);
/* (element-type DashSavedSearch) by name. */
GPtrArray   *dash_corpus_list_saved_searches  (DashCorpus        *self,
                                               GError           **error);
DashSavedSearch *dash_corpus_get_saved_search (DashCorpus        *self,
                                               gint64             id,
                                               GError           **error);
/* Saves @filter (its limit and imported_after aside) as @name, seen now; a search of
 * that name gets the new filter. An empty name gives DASH_ERROR_QUERY. */
DashSavedSearch *dash_corpus_save_search      (DashCorpus        *self,
                                               const char        *name,
                                               const DashFilter  *filter,
                                               GError           **error);
gboolean     dash_corpus_delete_saved_search  (DashCorpus        *self,
                                               gint64             id,
                                               GError           **error);
gboolean     dash_corpus_rename_saved_search  (DashCorpus        *self,
                                               gint64             id,
                                               const char        *name,
                                               GError           **error);
/* Records that the user looked at the search's stories at @when (Unix seconds). */
gboolean     dash_corpus_mark_saved_search_seen (DashCorpus      *self,
                                               gint64             id,
                                               gint64             when,
                                               GError           **error);
gboolean     dash_corpus_set_saved_search_notify (DashCorpus     *self,
                                               gint64             id,
                                               gboolean           notify,
                                               GError           **error);
/* Stories of @search imported after it was last seen; FALSE with @error on failure. */
gboolean     dash_corpus_count_new_stories    (DashCorpus            *self,
                                               const DashSavedSearch *search,
                                               guint                 *count,
                                               GError               **error);

/* The saved searches set to notify that gained stories imported after @since (Unix
 * seconds) and after they were last seen (element-type DashSavedSearch), with their
 * counts of such stories in @counts (element-type guint, may be NULL), in the same order:
 * what to tell the user after a refresh. */
GPtrArray   *dash_corpus_saved_searches_to_notify (DashCorpus   *self,
                                                   gint64        since,
                                                   GArray      **counts,
                                                   GError      **error);

/* A story's topics (element-type DashTopicStat, with score, best first) and its
 * distinct entities (element-type DashEntityStat) with their mentions' offsets
 * (element-type DashMention) in the same order. */
GPtrArray   *dash_corpus_article_topics   (DashCorpus    *self,
                                           gint64         article_id,
                                           GError       **error);
GPtrArray   *dash_corpus_article_mentions (DashCorpus    *self,
                                           gint64         article_id,
                                           GError       **error);

typedef struct {
  gint64  start;       /* first day of the first week */
  gint64  end;         /* first day after the last week */
  guint   count;       /* stories in the burst */
  double  baseline;    /* usual stories per week before it */
  double  ratio;       /* weekly peak over baseline */
  GArray *article_ids; /* gint64: the stories that drive it, best first */
} DashBurst;

void         dash_burst_free           (DashBurst        *burst);
/* Periods where the weekly volume of @filter's stories rises far above its own baseline
 * (element-type DashBurst), oldest first. */
GPtrArray   *dash_corpus_bursts        (DashCorpus       *self,
                                        const DashFilter *filter,
                                        GError          **error);

typedef struct {
  gint64          id;
  char           *name;
  DashEntityType  type;
  guint           articles;
  guint           mentions;
  int             community;
  double          pagerank;
  double          betweenness;  /* on distances 1/weight: strong links are short */
  guint           degree;
} DashGraphNode;

typedef struct {
  guint  source;      /* index into nodes */
  guint  target;
  guint  weight;      /* stories naming both */
  double pmi;         /* log of observed over expected co-occurrence */
} DashGraphEdge;

typedef struct {
  GPtrArray *nodes;   /* DashGraphNode */
  GArray    *edges;   /* DashGraphEdge */
  guint      n_communities;
  guint      n_articles;
} DashGraph;

/* Where two entities must stand to count as appearing together. */
typedef enum {
  DASH_COOCCURRENCE_STORY,
  DASH_COOCCURRENCE_PARAGRAPH,
  DASH_COOCCURRENCE_SENTENCE,
} DashCooccurrence;

/* "story", "paragraph", "sentence"; -1 when unknown. */
int          dash_cooccurrence_from_string   (const char       *name);

void         dash_graph_free           (DashGraph        *graph);
/* Adds the members "articles", "communities", "nodes" and "edges" to the JSON object
 * @json_builder has open; @positions (x, y per node) may be NULL. */
void         dash_graph_to_json        (const DashGraph  *graph,
                                        gpointer          json_builder,
                                        const double     *positions);
/* The co-occurrence graph of the @limit entities in most of @filter's stories, with the
 * edges of at least @min_weight stories where the two stand within @window of each
 * other, communities (Louvain), PageRank and betweenness. With @filter's entity set,
 * this is that entity's ego network. */
DashGraph   *dash_corpus_graph         (DashCorpus       *self,
                                        const DashFilter *filter,
                                        guint             limit,
                                        guint             min_weight,
                                        DashCooccurrence        window,
                                        GError          **error);

typedef struct {
  gint64  article_id;
  char   *title;
  char   *text;        /* the sentence or paragraph where both stand (the title for a
                        * story window when both are in it, else the first paragraph) */
} DashEvidence;

void         dash_evidence_free        (DashEvidence     *evidence);
/* Why @a and @b are linked: the passages where both appear within @window, newest
 * stories first. (element-type DashEvidence) */
GPtrArray   *dash_corpus_edge_evidence (DashCorpus       *self,
                                        const char       *a,
                                        const char       *b,
                                        DashCooccurrence        window,
                                        guint             limit,
                                        GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DashEntityStat, dash_entity_stat_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DashTopicStat, dash_topic_stat_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DashGraph, dash_graph_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DashSavedSearch, dash_saved_search_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DashMergeRecord, dash_merge_record_free)

/* Internal, for DashAnalyzer: key/value pairs kept in the database; replacing the
 * analysis of stored stories; rebuilding the per-day counts after it. */
char        *_dash_corpus_get_meta     (DashCorpus       *self,
                                        const char       *key);
gboolean     _dash_corpus_set_meta     (DashCorpus       *self,
                                        const char       *key,
                                        const char       *value,
                                        GError          **error);
gboolean     _dash_corpus_replace_analysis (DashCorpus   *self,
                                        GPtrArray        *articles,
                                        GError          **error);
gboolean     _dash_corpus_finish_reanalysis (DashCorpus  *self,
                                        const char       *version,
                                        GError          **error);

/* Internal, for DashImportJob: a corpus that only the calling thread will ever use (a
 * DashCorpus may otherwise pass from thread to thread), and settings for a long run of
 * inserts. */
DashCorpus  *_dash_corpus_open_unshared (const char      *path,
                                        GError          **error);
void         _dash_corpus_begin_bulk   (DashCorpus       *self);

/* Internal, for the analysis and DashArticleList. */
/* The ids of @filter's stories (and their ranks, may be NULL), in @filter's order; the
 * FTS5 expression used, if any, in @out_match. */
gboolean     _dash_corpus_collect_ids  (DashCorpus       *self,
                                        const DashFilter *filter,
                                        GArray           *ids,
                                        GArray           *ranks,
                                        char            **out_match,
                                        GError          **error);
DashArticle *_dash_corpus_load_article (DashCorpus       *self,
                                        gint64            id,
                                        const char       *match,
                                        GError          **error);

G_END_DECLS
