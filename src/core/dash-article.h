/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dash-types.h"

G_BEGIN_DECLS

#define DASH_TYPE_ARTICLE (dash_article_get_type ())
G_DECLARE_FINAL_TYPE (DashArticle, dash_article, DASH, ARTICLE, GObject)

/* One story. Times are Unix seconds in UTC; 0 means unknown. */
DashArticle *dash_article_new               (void);

gint64       dash_article_get_id            (DashArticle *self);
void         dash_article_set_id            (DashArticle *self, gint64 id);
const char  *dash_article_get_source        (DashArticle *self);
void         dash_article_set_source        (DashArticle *self, const char *source);
const char  *dash_article_get_title         (DashArticle *self);
void         dash_article_set_title         (DashArticle *self, const char *title);
const char  *dash_article_get_url           (DashArticle *self);
void         dash_article_set_url           (DashArticle *self, const char *url);
const char  *dash_article_get_guid          (DashArticle *self);
void         dash_article_set_guid          (DashArticle *self, const char *guid);
const char  *dash_article_get_author        (DashArticle *self);
void         dash_article_set_author        (DashArticle *self, const char *author);
gint64       dash_article_get_published     (DashArticle *self);
void         dash_article_set_published     (DashArticle *self, gint64 published);
gboolean     dash_article_get_date_estimated (DashArticle *self);
void         dash_article_set_date_estimated (DashArticle *self, gboolean estimated);
const char  *dash_article_get_summary       (DashArticle *self);
void         dash_article_set_summary       (DashArticle *self, const char *summary);
const char  *dash_article_get_body          (DashArticle *self);
void         dash_article_set_body          (DashArticle *self, const char *body);
const char  *dash_article_get_language      (DashArticle *self);
void         dash_article_set_language      (DashArticle *self, const char *language);
const char  *dash_article_get_content_hash  (DashArticle *self);
void         dash_article_set_content_hash  (DashArticle *self, const char *hash);
gint64       dash_article_get_imported      (DashArticle *self);
void         dash_article_set_imported      (DashArticle *self, gint64 imported);
const char  *dash_article_get_origin        (DashArticle *self);
void         dash_article_set_origin        (DashArticle *self, const char *origin);
const char  *dash_article_get_snippet       (DashArticle *self);
void         dash_article_set_snippet       (DashArticle *self, const char *snippet);
double       dash_article_get_rank          (DashArticle *self);
void         dash_article_set_rank          (DashArticle *self, double rank);

/* What the analysis found: (element-type DashMention) and (element-type DashTopicScore,
 * ids interned). Either may be NULL when the story was not analysed. Takes a reference. */
GArray      *dash_article_get_mentions      (DashArticle *self);
void         dash_article_set_mentions      (DashArticle *self, GArray *mentions);
GArray      *dash_article_get_topics        (DashArticle *self);
void         dash_article_set_topics        (DashArticle *self, GArray *topics);

/* Computes the content hash from the title and body (case and spacing folded) and
 * stores it; the same story imported from two places gets the same hash. */
void         dash_article_update_content_hash (DashArticle *self);

/* Serialises every stored field as a JSON object (dates in ISO 8601 UTC). */
void         dash_article_to_json           (DashArticle *self,
                                             gpointer     json_builder,
                                             gboolean     full);

G_END_DECLS
