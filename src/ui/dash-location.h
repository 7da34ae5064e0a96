/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dash-core.h"

G_BEGIN_DECLS

/* A place the window can show, as Back and Forward remember it. */
typedef enum {
  DASH_LOCATION_OVERVIEW,
  DASH_LOCATION_STORIES,    /* the stories a filter selects */
  DASH_LOCATION_ENTITIES,
  DASH_LOCATION_SOURCES,
  DASH_LOCATION_GRAPH,      /* the entity graph of a filter's stories */
  DASH_LOCATION_FEEDS,
  DASH_LOCATION_ARTICLE,
} DashLocationKind;

typedef struct {
  DashLocationKind  kind;
  DashFilter       *filter;        /* STORIES and GRAPH: never NULL; ARTICLE: the list it
                                    * was opened from, or NULL */
  gint64            saved_search;  /* STORIES opened from a saved search, else 0 */
  DashArticle      *article;       /* ARTICLE */
} DashLocation;

#define DASH_TYPE_LOCATION (dash_location_get_type ())
GType         dash_location_get_type    (void) G_GNUC_CONST;
DashLocation *dash_location_new         (DashLocationKind    kind);
/* Copies @filter (NULL for every story). */
DashLocation *dash_location_new_stories (const DashFilter   *filter,
                                         gint64              saved_search);
DashLocation *dash_location_new_graph   (const DashFilter   *filter);
DashLocation *dash_location_new_article (DashArticle        *article);
DashLocation *dash_location_copy        (const DashLocation *self);
void          dash_location_free        (DashLocation       *self);
gboolean      dash_location_equal       (const DashLocation *a,
                                         const DashLocation *b);

/* A text for GSettings ("overview", "stories:{…}", …); NULL for a story, which is not
 * kept. dash_location_new_from_string() gives NULL for a text it cannot read. */
char         *dash_location_to_string   (const DashLocation *self);
DashLocation *dash_location_new_from_string (const char     *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DashLocation, dash_location_free)

G_END_DECLS
