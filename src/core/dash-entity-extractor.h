/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dash-mention.h"
#include "dash-types.h"

G_BEGIN_DECLS

#define DASH_TYPE_ENTITY_EXTRACTOR (dash_entity_extractor_get_type ())
G_DECLARE_FINAL_TYPE (DashEntityExtractor, dash_entity_extractor, DASH, ENTITY_EXTRACTOR, GObject)

/* @gazetteer is the JSON of data/gazetteer.json; @iso3166_path the iso-codes file
 * iso_3166-1.json. Immutable once made: one extractor may serve several threads. */
DashEntityExtractor *dash_entity_extractor_new         (GBytes       *gazetteer,
                                                        const char   *iso3166_path,
                                                        GError      **error);
/* With the gazetteer built into the library and the system's iso-codes. */
DashEntityExtractor *dash_entity_extractor_new_default (GError      **error);

/* Teaches the extractor @alias as another name of the entity @name of @type (known from
 * then on if it was not): the names users add. Call it before sharing the extractor
 * between threads. A name the gazetteer already gives to an entity keeps it. */
void                 dash_entity_extractor_add_alias   (DashEntityExtractor *self,
                                                        const char          *alias,
                                                        const char          *name,
                                                        DashEntityType       type);
/* DashMention, DashEntityType, dash_mention_clear() and the type names are in
 * dash-mention.h (shared with the storage code).
 *
 * Every mention in a story's title and body (either may be NULL), in order of field and
 * offset. (element-type DashMention) with a clear function set. */
GArray              *dash_entity_extractor_extract     (DashEntityExtractor *self,
                                                        const char          *title,
                                                        const char          *body);

G_END_DECLS
