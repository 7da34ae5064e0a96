/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dash-core.h"
#include "dash-filter-bar.h"

G_BEGIN_DECLS

#define DASH_TYPE_STORIES_PAGE (dash_stories_page_get_type ())
G_DECLARE_FINAL_TYPE (DashStoriesPage, dash_stories_page, DASH, STORIES_PAGE, GtkWidget)

/* The stories a filter selects (a topic, an entity, a source or a search), beside their
 * count per month and the entities named in them. Emits ::article-activated and
 * ::entity-activated when the user picks one. */
GtkWidget  *dash_stories_page_new        (void);

/* Shows @filter's stories from @corpus under @title. With @entity (may be NULL), the
 * side lists the entities named with it; otherwise the top entities of the stories.
 * A query that cannot be run is said on the page. */
void        dash_stories_page_show       (DashStoriesPage      *self,
                                          DashCorpus           *corpus,
                                          const char           *title,
                                          const char           *subtitle,
                                          const DashFilter     *filter,
                                          const DashEntityStat *entity);
/* Marks the page as showing @saved (NULL for none), after dash_stories_page_show(). */
void        dash_stories_page_set_saved_search (DashStoriesPage       *self,
                                                const DashSavedSearch *saved);
DashFilterBar *dash_stories_page_get_filter_bar (DashStoriesPage     *self);
/* The timeline beside the stories, and what its heading says ("Stories per Month"). */
GtkWidget  *dash_stories_page_get_timeline (DashStoriesPage      *self);
const char *dash_stories_page_get_timeline_heading (DashStoriesPage *self);
/* The stories shown, or NULL. */
GListModel *dash_stories_page_get_model  (DashStoriesPage      *self);
const char *dash_stories_page_get_title  (DashStoriesPage      *self);
/* The entity shown, or NULL when the page shows a topic, a source or a search. */
const DashEntityStat *dash_stories_page_get_entity (DashStoriesPage *self);

/* Clean-up of the entity shown, as its menu's dialogs do: each emits ::entity-renamed,
 * ::entity-merged or ::entity-hidden, then dash_corpus_notify_changed(). Renaming to
 * the name of another entity of its type merges the two. */
gboolean    dash_stories_page_rename_entity (DashStoriesPage      *self,
                                             const char           *name,
                                             GError              **error);
gboolean    dash_stories_page_merge_entity  (DashStoriesPage      *self,
                                             const DashEntityStat *target,
                                             GError              **error);
/* Adds @alias as another name of the entity shown, found from now on in every story
 * (the Add Another Name dialog). */
gboolean    dash_stories_page_add_entity_alias (DashStoriesPage   *self,
                                                const char        *alias,
                                                GError           **error);
/* Undoes the last merge made on this page (Undo in the toast that follows one). */
gboolean    dash_stories_page_undo_merge    (DashStoriesPage      *self,
                                             GError              **error);
gboolean    dash_stories_page_hide_entity   (DashStoriesPage      *self,
                                             GError              **error);

G_END_DECLS
