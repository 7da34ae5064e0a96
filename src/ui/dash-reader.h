/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dash-core.h"

G_BEGIN_DECLS

#define DASH_TYPE_READER (dash_reader_get_type ())
G_DECLARE_FINAL_TYPE (DashReader, dash_reader, DASH, READER, GtkWidget)

/* One story: its title, source, date, topics and clean body, with the entities it names
 * highlighted by type. Clicking one emits ::entity-activated with its name; clicking a
 * topic emits ::topic-activated with the topic's id. */
GtkWidget   *dash_reader_new         (void);
void         dash_reader_set_article (DashReader  *self,
                                      DashCorpus  *corpus,
                                      DashArticle *article);
DashArticle *dash_reader_get_article (DashReader  *self);

/* Highlights the words of @query (a search as typed; NULL for none) in the stories
 * shown from now on. */
void         dash_reader_set_query   (DashReader  *self,
                                      const char  *query);

/* Pango markup for @text (one field of a story) with @mentions (element-type
 * DashMention, offsets in characters) of @field as links "entity:NAME", and the words
 * that start with one of @terms (casefolded; may be NULL) highlighted. Every piece of
 * @text is escaped; mentions outside the text or overlapping an earlier one are
 * skipped. */
char        *dash_reader_build_markup (const char         *text,
                                       GPtrArray          *mention_groups,
                                       DashField           field,
                                       const char * const *terms);

G_END_DECLS
