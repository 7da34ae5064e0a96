/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "dash-corpus.h"

G_BEGIN_DECLS

struct _DashCorpus
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;   /* SQL literal → sqlite3_stmt */
  GHashTable *source_ids;   /* source name → id, for imports */
  GHashTable *entity_ids;   /* "TYPE\tname" → id, for imports */
  guint       read_only : 1;
};

/* article_entities.spans holds three little-endian 32-bit words a mention: its start
 * (with flags in the top bits), its end, and its unit: the paragraph (high 16 bits) and
 * the sentence (low 16 bits) of the body it stands in, counted from 0; a title
 * mention's unit is DASH_SPAN_TITLE_UNIT. */
#define DASH_SPAN_TITLE       0x80000000u
#define DASH_SPAN_ADJECTIVE   0x40000000u
#define DASH_SPAN_OFFSET_MASK 0x3fffffffu
#define DASH_SPAN_WORDS       3
#define DASH_SPAN_TITLE_UNIT  0xffffffffu

/* Where the sentences and paragraphs of @body start, in characters: a mention's unit. */
typedef struct {
  GArray *sentences;    /* guint32 start offsets */
  GArray *paragraphs;   /* guint32 start offsets */
} DashUnits;

void          _dash_units_init         (DashUnits     *units,
                                        const char    *body);
void          _dash_units_clear        (DashUnits     *units);
guint32       _dash_units_locate       (DashUnits     *units,
                                        guint32        offset);

/* Sets each mention's unit in @body (the story's), and which of the story's entities
 * (same name and type) it is, counted in order of first mention; marks it located. */
void          _dash_mentions_place     (GArray        *mentions,
                                        const char    *body);

/* A prepared statement for @sql, kept for the life of the connection, reset and with
 * its bindings cleared; @sql must be a string literal (its address is the key). */
sqlite3_stmt *_dash_corpus_get_statement (DashCorpus    *self,
                                          const char    *sql,
                                          GError       **error);
/* Sets @error from the connection's last error, naming the database. Returns FALSE. */
gboolean      _dash_corpus_set_error     (DashCorpus    *self,
                                          GError       **error,
                                          const char    *what);
const char   *_dash_corpus_column_text   (sqlite3_stmt  *stmt,
                                          int            column);
/* Steps a statement that returns no row and resets it; sets @error on failure. */
gboolean      _dash_corpus_step_done     (DashCorpus    *self,
                                          sqlite3_stmt  *stmt,
                                          const char    *what,
                                          GError       **error);
gboolean      _dash_corpus_exec          (DashCorpus    *self,
                                          const char    *sql,
                                          GError       **error);

G_END_DECLS
