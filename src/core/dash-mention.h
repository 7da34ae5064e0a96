/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

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
  gboolean       located;    /* Whether @unit is set. */
  guint32        unit;       /* Paragraph << 16 | sentence of a body mention, counted from
                              * 0; 0xffffffff in the title (see dash-corpus-private.h). */
  guint          entity;     /* With @unit: which of the story's entities (same name and
                              * type) this is, counted from 0 in order of first mention. */
} DashMention;

void        dash_mention_clear (DashMention *mention);

G_END_DECLS
