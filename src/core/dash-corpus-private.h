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

G_END_DECLS
