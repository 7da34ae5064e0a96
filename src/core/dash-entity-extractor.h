/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dash-types.h"

G_BEGIN_DECLS

typedef enum {
  DASH_ENTITY_PERSON,
  DASH_ENTITY_ORG,       /* companies, agencies, parties, armed groups, media, universities,
                          * international bodies */
  DASH_ENTITY_COUNTRY,
  DASH_ENTITY_PLACE,     /* cities, regions, other places */
  DASH_N_ENTITY_TYPES
} DashEntityType;

/* "PERSON", "ORG", "COUNTRY", "PLACE"; and back (-1 when unknown). */
const char *dash_entity_type_to_string   (DashEntityType  type);
int         dash_entity_type_from_string (const char     *name);

typedef enum {
  DASH_FIELD_TITLE,
  DASH_FIELD_BODY,
} DashField;

/* One mention of an entity in a story. */
typedef struct {
  char          *name;       /* Canonical name: "China", "Xi Jinping", "Tencent Holdings". */
  DashEntityType type;
  DashField      field;      /* Where the mention is. */
  guint          start;      /* Offsets in Unicode characters (not bytes) into that field. */
  guint          end;        /* Exclusive. */
  gboolean       adjective;  /* "Chinese" standing for China, kept apart from "China". */
} DashMention;

#define DASH_TYPE_ENTITY_EXTRACTOR (dash_entity_extractor_get_type ())
G_DECLARE_FINAL_TYPE (DashEntityExtractor, dash_entity_extractor, DASH, ENTITY_EXTRACTOR, GObject)

/* @gazetteer is the JSON of data/gazetteer.json; @iso3166_path the iso-codes file
 * iso_3166-1.json. Immutable once made: one extractor may serve several threads. */
DashEntityExtractor *dash_entity_extractor_new         (GBytes       *gazetteer,
                                                        const char   *iso3166_path,
                                                        GError      **error);
/* With the gazetteer built into the library and the system's iso-codes. */
DashEntityExtractor *dash_entity_extractor_new_default (GError      **error);

/* Every mention in a story's title and body (either may be NULL), in order of field and
 * offset. (element-type DashMention) with a clear function set. */
GArray              *dash_entity_extractor_extract     (DashEntityExtractor *self,
                                                        const char          *title,
                                                        const char          *body);

void                 dash_mention_clear                (DashMention *mention);

G_END_DECLS
