/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dash-types.h"

G_BEGIN_DECLS

typedef enum {
  DASH_SORT_DATE_DESC,
  DASH_SORT_DATE_ASC,
  DASH_SORT_RELEVANCE,   /* Only meaningful with a query; falls back to date otherwise. */
} DashSort;

/* What a list of stories is restricted to. Zero/NULL fields do not filter. */
struct _DashFilter {
  char    *query;    /* Full-text query as the user typed it. */
  gint64   from;     /* Inclusive, Unix seconds UTC; 0 for no bound. */
  gint64   to;       /* Exclusive, Unix seconds UTC; 0 for no bound. */
  char    *source;   /* Source name, exact. */
  char    *topic;    /* Topic id: "trade_war", or a user topic's. */
  char    *entity;   /* Entity name, exact (any type). */
  gint64   imported_after; /* Only stories imported after this Unix time; 0 for all. */
  guint    limit;    /* 0 for no limit. */
  DashSort sort;
};

#define DASH_TYPE_FILTER (dash_filter_get_type ())
GType       dash_filter_get_type (void) G_GNUC_CONST;
DashFilter *dash_filter_new      (void);
DashFilter *dash_filter_copy     (const DashFilter *self);
void        dash_filter_free     (DashFilter *self);
void        dash_filter_set_query  (DashFilter *self, const char *query);
void        dash_filter_set_source (DashFilter *self, const char *source);
void        dash_filter_set_topic  (DashFilter *self, const char *topic);
void        dash_filter_set_entity (DashFilter *self, const char *entity);

/* Whether @a and @b select the same stories in the same order (the limit included). */
gboolean    dash_filter_equal      (const DashFilter *a, const DashFilter *b);
/* Whether @self selects every story (its sort and limit aside). */
gboolean    dash_filter_is_empty   (const DashFilter *self);
/* A JSON object holding the fields that are set, to store a filter; and back. A text
 * that is not such an object gives DASH_ERROR_QUERY. */
char       *dash_filter_to_json    (const DashFilter *self);
DashFilter *dash_filter_new_from_json (const char  *json,
                                       GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DashFilter, dash_filter_free)

G_END_DECLS
