/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dash-types.h"

G_BEGIN_DECLS

#define DASH_TYPE_ANALYZER (dash_analyzer_get_type ())
G_DECLARE_FINAL_TYPE (DashAnalyzer, dash_analyzer, DASH, ANALYZER, GObject)

/* Finds a story's entities and topics, with the gazetteer and rules built into the
 * library. Immutable once made: one analyzer serves several threads. */
DashAnalyzer *dash_analyzer_new_default (GError        **error);

/* The same, taught the names that lead to other entities in @corpus (renames, merges,
 * and the names users added), as imports into @corpus use it. */
DashAnalyzer *dash_analyzer_new_for_corpus (DashCorpus  *corpus,
                                           GError     **error);
/* Adds @alias as another name of @entity_id (see dash_corpus_add_entity_alias()), and
 * analyses again the stored stories that hold it, so that the name counts everywhere
 * now; @n_stories (may be NULL) is how many were looked at. Teaches this analyzer the
 * name too: not while it serves other threads. */
gboolean      dash_analyzer_add_entity_alias (DashAnalyzer  *self,
                                              DashCorpus    *corpus,
                                              gint64         entity_id,
                                              const char    *alias,
                                              GCancellable  *cancellable,
                                              guint         *n_stories,
                                              GError       **error);
/* Sets @article's mentions and topics. */
void          dash_analyzer_analyze     (DashAnalyzer   *self,
                                         DashArticle    *article);

/* A fingerprint of the gazetteer and the rules: stored stories analysed under another
 * one are analysed again. */
const char   *dash_analyzer_get_version (DashAnalyzer   *self);

/* Analyses every stored story again, in batches, keeping the user's own topics, and
 * records this analyzer's version. */
gboolean      dash_analyzer_reanalyze   (DashAnalyzer   *self,
                                         DashCorpus     *corpus,
                                         GCancellable   *cancellable,
                                         GError        **error);

/* TRUE when @corpus holds stories analysed under another version (or none). */
gboolean      dash_analyzer_is_stale    (DashAnalyzer   *self,
                                         DashCorpus     *corpus);

G_END_DECLS
