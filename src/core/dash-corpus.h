/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dash-types.h"
#include "dash-filter.h"

G_BEGIN_DECLS

#define DASH_TYPE_CORPUS (dash_corpus_get_type ())
G_DECLARE_FINAL_TYPE (DashCorpus, dash_corpus, DASH, CORPUS, GObject)

#define DASH_CORPUS_SCHEMA_VERSION 1

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

/* Internal, for DashArticleList. */
DashArticle *_dash_corpus_load_article (DashCorpus       *self,
                                        gint64            id,
                                        const char       *match,
                                        GError          **error);

G_END_DECLS
