/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dash-core.h"

G_BEGIN_DECLS

#define DASH_TYPE_STORY_ROW (dash_story_row_get_type ())
G_DECLARE_FINAL_TYPE (DashStoryRow, dash_story_row, DASH, STORY_ROW, GtkWidget)

GtkWidget   *dash_story_row_new         (void);
DashArticle *dash_story_row_get_article (DashStoryRow *self);
void         dash_story_row_set_article (DashStoryRow *self,
                                         DashArticle  *article);
/* The corpus the story's topics are read from (NULL: no topic tags). */
void         dash_story_row_set_corpus  (DashStoryRow *self,
                                         DashCorpus   *corpus);

G_END_DECLS
