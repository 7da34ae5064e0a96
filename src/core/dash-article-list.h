/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dash-types.h"

G_BEGIN_DECLS

#define DASH_TYPE_ARTICLE_LIST (dash_article_list_get_type ())
G_DECLARE_FINAL_TYPE (DashArticleList, dash_article_list, DASH, ARTICLE_LIST, GObject)

/* A GListModel of DashArticle over a list of ids: rows are loaded from @corpus when
 * get_item() asks for them, and a few recent ones are cached. @match, when set, is the
 * FTS5 expression used for snippets. Takes the ids. */
DashArticleList *dash_article_list_new     (DashCorpus *corpus,
                                            GArray     *ids,
                                            GArray     *ranks,
                                            const char *match);
gint64           dash_article_list_get_id  (DashArticleList *self,
                                            guint            position);

G_END_DECLS
