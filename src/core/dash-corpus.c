/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-corpus"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "dash-article.h"
#include "dash-article-list.h"
#include "dash-corpus.h"
#include "dash-corpus-private.h"
#include "dash-mention.h"
#include "dash-topic-classifier.h"

G_DEFINE_FINAL_TYPE (DashCorpus, dash_corpus, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Each entry brings the schema from version i to i + 1; never edit a released one,
 * append a new one instead.
 *
 * New rows reach the full-text index from dash_corpus_add_articles(), one statement per
 * batch, rather than from an insert trigger: FTS5 flushes its pending terms at every
 * statement savepoint, and a per-row trigger made a tiny index segment per story, which
 * halved import speed. Deletes and edits go through triggers. */
static const char *migrations[] = {
  /* 1: articles, sources and the full-text index. */
  "CREATE TABLE sources ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE"
  ");"
  "CREATE TABLE articles ("
  "  id INTEGER PRIMARY KEY,"
  "  source_id INTEGER REFERENCES sources (id) ON DELETE SET NULL,"
  "  title TEXT NOT NULL,"
  "  url TEXT,"
  "  guid TEXT,"
  "  author TEXT,"
  "  published INTEGER,"                      /* Unix seconds UTC; NULL when unknown. */
  "  date_estimated INTEGER NOT NULL DEFAULT 0,"
  "  summary TEXT,"
  "  body TEXT NOT NULL DEFAULT '',"
  "  language TEXT,"
  "  content_hash TEXT NOT NULL,"
  "  imported INTEGER NOT NULL,"
  "  origin TEXT"
  ");"
  "CREATE UNIQUE INDEX articles_content_hash ON articles (content_hash);"
  /* A GUID is only unique within its feed: two feeds may both number their items 1. */
  "CREATE UNIQUE INDEX articles_guid ON articles (source_id, guid) WHERE guid IS NOT NULL;"
  "CREATE UNIQUE INDEX articles_url ON articles (url) WHERE url IS NOT NULL;"
  "CREATE INDEX articles_published ON articles (published);"
  "CREATE INDEX articles_source ON articles (source_id, published);"
  "CREATE VIRTUAL TABLE articles_fts USING fts5 ("
  "  title, summary, body,"
  "  content = 'articles', content_rowid = 'id',"
  "  tokenize = 'porter unicode61 remove_diacritics 2'"
  ");"
  /* Titles weigh most, then summaries, then bodies. */
  "INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0)');"
  "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
  "  INSERT INTO articles_fts (articles_fts, rowid, title, summary, body)"
  "    VALUES ('delete', old.id, old.title, old.summary, old.body);"
  "END;"
  "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, summary, body ON articles BEGIN"
  "  INSERT INTO articles_fts (articles_fts, rowid, title, summary, body)"
  "    VALUES ('delete', old.id, old.title, old.summary, old.body);"
  "  INSERT INTO articles_fts (rowid, title, summary, body)"
  "    VALUES (new.id, new.title, new.summary, new.body);"
  "END;",

  /* 2: what the analysis finds: entities and their mentions, topics, and per-day counts
   * so that timelines draw from a few thousand rows whatever the corpus size. */
  "CREATE TABLE entities ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  type TEXT NOT NULL,"
  "  hidden INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (name, type)"
  ");"
  /* One row an entity a story names; its mentions' places are packed in spans (see
   * dash-corpus-private.h). */
  "CREATE TABLE article_entities ("
  "  entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,"
  "  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
  "  mentions INTEGER NOT NULL,"
  "  spans BLOB NOT NULL,"
  "  PRIMARY KEY (entity_id, article_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX article_entities_article ON article_entities (article_id, entity_id);"
  "CREATE TABLE topics ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  query TEXT,"                               /* FTS5 query of a user topic */
  "  builtin INTEGER NOT NULL DEFAULT 0"
  ");"
  "INSERT INTO topics (id, name, builtin) VALUES"
  "  ('trade_war', 'Trade war', 1), ('ai', 'AI', 1), ('defense', 'Defense', 1);"
  "CREATE TABLE article_topics ("
  "  topic_id TEXT NOT NULL REFERENCES topics (id) ON DELETE CASCADE,"
  "  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
  "  score REAL NOT NULL,"
  "  PRIMARY KEY (topic_id, article_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX article_topics_article ON article_topics (article_id);"
  "CREATE TABLE days (day INTEGER PRIMARY KEY, count INTEGER NOT NULL);"
  "CREATE TABLE topic_days ("
  "  topic_id TEXT NOT NULL, day INTEGER NOT NULL, count INTEGER NOT NULL,"
  "  PRIMARY KEY (topic_id, day)"
  ") WITHOUT ROWID;"
  "CREATE TABLE entity_days ("
  "  entity_id INTEGER NOT NULL, day INTEGER NOT NULL, count INTEGER NOT NULL,"
  "  PRIMARY KEY (entity_id, day)"
  ") WITHOUT ROWID;"
  /* Stories stored before this version have no analysis yet: see analysis_version. */
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
  "INSERT INTO days (day, count) SELECT published / 86400, count(*) FROM articles"
  "  WHERE published IS NOT NULL GROUP BY 1;",

  /* 3: the user's clean-up of entities. A name the analysis finds (with its type) that
   * the user renamed or merged away is stored under the entity it now belongs to, in
   * every later import and analysis. */
  "CREATE TABLE entity_aliases ("
  "  name TEXT NOT NULL,"
  "  type TEXT NOT NULL,"
  "  entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (name, type)"
  ") WITHOUT ROWID;"
  "CREATE INDEX entity_aliases_entity ON entity_aliases (entity_id);",

  /* 4: subscriptions to live feeds and what their last fetches gave. Times are Unix
   * seconds UTC, 0 when it never happened; last_error is NULL after a success. */
  "CREATE TABLE feeds ("
  "  id INTEGER PRIMARY KEY,"
  "  url TEXT NOT NULL UNIQUE,"
  "  title TEXT,"
  "  paused INTEGER NOT NULL DEFAULT 0,"
  "  etag TEXT,"
  "  last_modified TEXT,"
  "  last_fetch INTEGER NOT NULL DEFAULT 0,"
  "  last_success INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT,"
  "  items_added INTEGER NOT NULL DEFAULT 0,"
  "  next_fetch INTEGER NOT NULL DEFAULT 0,"
  "  failures INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX articles_origin ON articles (origin);",

  /* 5: searches the user saved (a filter as JSON, see dash_filter_to_json()), with the
   * time they were last looked at, so that the stories imported since count as new. */
  "CREATE TABLE saved_searches ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  filter TEXT NOT NULL,"
  "  created INTEGER NOT NULL,"
  "  seen INTEGER NOT NULL,"
  "  notify INTEGER NOT NULL DEFAULT 0"
  ");",

  /* 6: the seconds a feed asks to be left alone between fetches (RSS <ttl>), 0 for none. */
  "ALTER TABLE feeds ADD COLUMN ttl INTEGER NOT NULL DEFAULT 0;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == DASH_CORPUS_SCHEMA_VERSION);

#define ARTICLE_COLUMNS \
  "a.id, s.name, a.title, a.url, a.guid, a.author, a.published, a.date_estimated, " \
  "a.summary, a.body, a.language, a.content_hash, a.imported, a.origin"

static void
dash_corpus_finalize (GObject *object)
{
  DashCorpus *self = (DashCorpus *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->source_ids, g_hash_table_unref);
  g_clear_pointer (&self->entity_ids, g_hash_table_unref);
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (dash_corpus_parent_class)->finalize (object);
}

static void
dash_corpus_class_init (DashCorpusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dash_corpus_finalize;

  /**
   * DashCorpus::changed:
   *
   * Stories were added or removed: views should query again.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
statement_free (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
dash_corpus_init (DashCorpus *self)
{
  /* Keyed by the address of the SQL literal: each call site has its own. */
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, statement_free);
  self->source_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->entity_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

char *
dash_corpus_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), APP_ID, "corpus.db", NULL);
}

/* Sets @error from the connection's last error, naming the database file. */
gboolean
_dash_corpus_set_error (DashCorpus  *self,
              GError     **error,
              const char  *what)
{
  int code = sqlite3_extended_errcode (self->db);
  const char *message = sqlite3_errmsg (self->db);

  switch (code & 0xff)
    {
    case SQLITE_READONLY:
      g_set_error (error, DASH_ERROR, DASH_ERROR_DATABASE,
                   _("%s: the database is read-only (%s)"), self->path, message);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, DASH_ERROR, DASH_ERROR_DATABASE,
                   _("%s: the database is damaged or not a database (%s)"), self->path, message);
      break;
    case SQLITE_FULL:
      g_set_error (error, DASH_ERROR, DASH_ERROR_DATABASE,
                   _("%s: the disk is full"), self->path);
      break;
    default:
      g_set_error (error, DASH_ERROR, DASH_ERROR_DATABASE,
                   "%s: %s: %s", self->path, what, message);
      break;
    }
  return FALSE;
}

/* A prepared statement for @sql, kept for the life of the connection; @sql must be a
 * string literal (its address is the key). */
sqlite3_stmt *
_dash_corpus_get_statement (DashCorpus  *self,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      _dash_corpus_set_error (self, error, _("cannot prepare a query"));
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer)sql, stmt);
  return stmt;
}

gboolean
_dash_corpus_exec (DashCorpus  *self,
      const char  *sql,
      GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return _dash_corpus_set_error (self, error, sql);
  return TRUE;
}

static gint64
query_int64 (DashCorpus  *self,
             const char  *sql,
             GError     **error)
{
  sqlite3_stmt *stmt = _dash_corpus_get_statement (self, sql, error);
  gint64 value = -1;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  else
    _dash_corpus_set_error (self, error, sql);
  sqlite3_reset (stmt);
  return value;
}

static int
query_int (DashCorpus  *self,
           const char  *sql,
           GError     **error)
{
  return (int)query_int64 (self, sql, error);
}

static gboolean
migrate (DashCorpus  *self,
         GError     **error)
{
  int version = query_int (self, "PRAGMA user_version", error);

  if (version < 0)
    return FALSE;
  if (version > DASH_CORPUS_SCHEMA_VERSION)
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_DATABASE,
                   _("%s: the database was made by a newer version of Dashboard "
                     "(schema %d; this version reads up to %d)"),
                   self->path, version, DASH_CORPUS_SCHEMA_VERSION);
      return FALSE;
    }
  if (version == DASH_CORPUS_SCHEMA_VERSION)
    return TRUE;

  if (self->read_only)
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_DATABASE,
                   _("%s: the database is read-only and needs an upgrade"), self->path);
      return FALSE;
    }

  if (!_dash_corpus_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  /* Another process may have migrated while we waited for the lock. */
  version = query_int (self, "PRAGMA user_version", error);
  if (version < 0)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  for (int v = version; v < DASH_CORPUS_SCHEMA_VERSION; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", v + 1);

      if (sqlite3_exec (self->db, migrations[v], NULL, NULL, NULL) != SQLITE_OK ||
          sqlite3_exec (self->db, set_version, NULL, NULL, NULL) != SQLITE_OK)
        {
          g_autofree char *what = g_strdup_printf (_("cannot upgrade the database to "
                                                     "version %d"), v + 1);

          _dash_corpus_set_error (self, error, what);
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }
  return _dash_corpus_exec (self, "COMMIT", error);
}

static gboolean
open_connection (DashCorpus  *self,
                 const char  *filename,
                 int          flags,
                 GError     **error)
{
  int rc = sqlite3_open_v2 (filename, &self->db, flags, NULL);

  if (rc != SQLITE_OK)
    {
      if (self->db != NULL)
        {
          _dash_corpus_set_error (self, error, _("cannot open the database"));
          sqlite3_close_v2 (self->db);
          self->db = NULL;
        }
      else
        g_set_error (error, DASH_ERROR, DASH_ERROR_DATABASE,
                     _("%s: cannot open the database"), self->path);
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 10000);
  return TRUE;
}

/* @thread_flags: SQLITE_OPEN_NOMUTEX for a connection only one thread ever uses, 0
 * otherwise */
static DashCorpus *
corpus_open (const char  *path,
             int          thread_flags,
             GError     **error)
{
  g_autoptr(DashCorpus) self = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GError) rw_error = NULL;
  int n_tables;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (DASH_TYPE_CORPUS, NULL);
  self->path = g_strdup (path);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0 && !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      int saved = errno;
      g_set_error (error, DASH_ERROR, DASH_ERROR_DATABASE,
                   _("%s: cannot create the folder %s: %s"), path, dir, g_strerror (saved));
      return NULL;
    }

  if (!open_connection (self, self->path,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | thread_flags, &rw_error))
    {
      /* A database the user may read but not write is still worth exploring. */
      if (!g_file_test (path, G_FILE_TEST_EXISTS) ||
          !open_connection (self, self->path, SQLITE_OPEN_READONLY | thread_flags, NULL))
        {
          g_propagate_error (error, g_steal_pointer (&rw_error));
          return NULL;
        }
      self->read_only = TRUE;
    }
  else if (sqlite3_db_readonly (self->db, "main") == 1)
    self->read_only = TRUE;

  if (self->read_only && query_int (self, "SELECT count(*) FROM sqlite_master", NULL) < 0)
    {
      /* A WAL database in a folder we cannot write to cannot get its shared-memory
       * file: read it as immutable, since nobody writes to it through us anyway. */
      g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
      g_autofree char *immutable = g_strconcat (uri, "?immutable=1", NULL);

      /* Statements belong to the connection they were prepared on. */
      g_hash_table_remove_all (self->statements);
      sqlite3_close_v2 (self->db);
      self->db = NULL;
      if (uri == NULL ||
          !open_connection (self, immutable,
                            SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | thread_flags, error))
        return NULL;
    }

  /* The first read tells a damaged file or a file that is no database; then a database
   * that is somebody else's is left exactly as it is. */
  n_tables = query_int (self, "SELECT count(*) FROM sqlite_master", error);
  if (n_tables < 0)
    return NULL;
  if (n_tables > 0 && query_int (self, "PRAGMA user_version", NULL) == 0)
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_DATABASE,
                   _("%s: this SQLite database was not made by Dashboard; "
                     "it is left untouched"), self->path);
      return NULL;
    }

  if (!self->read_only)
    {
      sqlite3_exec (self->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
      /* A database in a read-only folder opens, but cannot keep a journal. The probe
       * does not wait: a database busy with another writer is writable, just busy. */
      sqlite3_busy_timeout (self->db, 0);
      if (query_int (self, "PRAGMA user_version", NULL) >= 0 &&
          sqlite3_exec (self->db, "BEGIN IMMEDIATE; COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        {
          int code = sqlite3_extended_errcode (self->db) & 0xff;

          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_PERM)
            self->read_only = TRUE;
        }
      sqlite3_busy_timeout (self->db, 10000);
    }
  if (!_dash_corpus_exec (self, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; "
                   "PRAGMA cache_size = -32000; PRAGMA temp_store = MEMORY", error))
    return NULL;

  if (!migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

DashCorpus *
dash_corpus_open (const char  *path,
                  GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return corpus_open (path, 0, error);
}

DashCorpus *
_dash_corpus_open_unshared (const char  *path,
                            GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  /* SQLite's own locks, taken and released on every call, are left out. */
  return corpus_open (path, SQLITE_OPEN_NOMUTEX, error);
}

const char *
dash_corpus_get_path (DashCorpus *self)
{
  g_return_val_if_fail (DASH_IS_CORPUS (self), NULL);
  return self->path;
}

gboolean
dash_corpus_get_read_only (DashCorpus *self)
{
  g_return_val_if_fail (DASH_IS_CORPUS (self), TRUE);
  return self->read_only;
}

void
dash_corpus_notify_changed (DashCorpus *self)
{
  g_return_if_fail (DASH_IS_CORPUS (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
dash_corpus_get_stats (DashCorpus       *self,
                       DashCorpusStats  *stats,
                       GError          **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DASH_IS_CORPUS (self), FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);

  memset (stats, 0, sizeof *stats);
  stmt = _dash_corpus_get_statement (self,
                        "SELECT count(*), count(DISTINCT source_id), min(published), "
                        "max(published) FROM articles", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _dash_corpus_set_error (self, error, _("cannot count the stories"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  stats->articles = sqlite3_column_int (stmt, 0);
  stats->sources = sqlite3_column_int (stmt, 1);
  stats->first = sqlite3_column_int64 (stmt, 2);
  stats->last = sqlite3_column_int64 (stmt, 3);
  sqlite3_reset (stmt);
  return TRUE;
}

GPtrArray *
dash_corpus_list_sources (DashCorpus  *self,
                          GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DASH_IS_CORPUS (self), NULL);

  stmt = _dash_corpus_get_statement (self,
                        "SELECT s.name FROM sources s JOIN articles a ON a.source_id = s.id "
                        "GROUP BY s.id ORDER BY count(*) DESC, s.name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _dash_corpus_set_error (self, error, _("cannot list the sources"));
      return NULL;
    }
  return g_steal_pointer (&names);
}

const char *
_dash_corpus_column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *)sqlite3_column_text (stmt, column);
}

static DashArticle *
article_from_row (sqlite3_stmt *stmt)
{
  DashArticle *article = dash_article_new ();

  dash_article_set_id (article, sqlite3_column_int64 (stmt, 0));
  dash_article_set_source (article, _dash_corpus_column_text (stmt, 1));
  dash_article_set_title (article, _dash_corpus_column_text (stmt, 2));
  dash_article_set_url (article, _dash_corpus_column_text (stmt, 3));
  dash_article_set_guid (article, _dash_corpus_column_text (stmt, 4));
  dash_article_set_author (article, _dash_corpus_column_text (stmt, 5));
  dash_article_set_published (article, sqlite3_column_int64 (stmt, 6));
  dash_article_set_date_estimated (article, sqlite3_column_int (stmt, 7));
  dash_article_set_summary (article, _dash_corpus_column_text (stmt, 8));
  dash_article_set_body (article, _dash_corpus_column_text (stmt, 9));
  dash_article_set_language (article, _dash_corpus_column_text (stmt, 10));
  dash_article_set_content_hash (article, _dash_corpus_column_text (stmt, 11));
  dash_article_set_imported (article, sqlite3_column_int64 (stmt, 12));
  dash_article_set_origin (article, _dash_corpus_column_text (stmt, 13));
  return article;
}

DashArticle *
_dash_corpus_load_article (DashCorpus  *self,
                           gint64       id,
                           const char  *match,
                           GError     **error)
{
  sqlite3_stmt *stmt;
  DashArticle *article;
  int rc;

  if (match != NULL)
    stmt = _dash_corpus_get_statement (self,
                          "SELECT " ARTICLE_COLUMNS ", "
                          "snippet (articles_fts, -1, '**', '**', '\u2026', 24) "
                          "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                          "LEFT JOIN sources s ON s.id = a.source_id "
                          "WHERE articles_fts MATCH ?1 AND articles_fts.rowid = ?2", error);
  else
    stmt = _dash_corpus_get_statement (self,
                          "SELECT " ARTICLE_COLUMNS " FROM articles a "
                          "LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = ?2", error);
  if (stmt == NULL)
    return NULL;

  if (match != NULL)
    sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      g_set_error (error, DASH_ERROR, DASH_ERROR_NOT_FOUND,
                   _("no story with id %" PRId64), (int64_t)id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _dash_corpus_set_error (self, error, _("cannot read a story"));
      sqlite3_reset (stmt);
      return NULL;
    }

  article = article_from_row (stmt);
  if (match != NULL)
    dash_article_set_snippet (article, _dash_corpus_column_text (stmt, 14));
  sqlite3_reset (stmt);
  return article;
}

DashArticle *
dash_corpus_get_article (DashCorpus  *self,
                         gint64       id,
                         GError     **error)
{
  g_return_val_if_fail (DASH_IS_CORPUS (self), NULL);
  return _dash_corpus_load_article (self, id, NULL, error);
}

/* Turns what the user typed into an FTS5 expression that cannot fail: every
 * whitespace-separated word becomes a quoted string (so "US-China" is the phrase
 * "us china"), words without a letter or digit are dropped. NULL if none is left. */
static char *
quote_query (const char *text)
{
  g_autoptr(GString) expr = g_string_new (NULL);
  g_auto(GStrv) words = g_strsplit_set (text, " \t\r\n", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      gboolean has_alnum = FALSE;

      for (const char *p = words[i]; *p; p = g_utf8_next_char (p))
        if (g_unichar_isalnum (g_utf8_get_char (p)))
          has_alnum = TRUE;
      if (!has_alnum)
        continue;

      if (expr->len > 0)
        g_string_append_c (expr, ' ');
      g_string_append_c (expr, '"');
      for (const char *p = words[i]; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (expr, '"');
          g_string_append_c (expr, *p);
        }
      g_string_append_c (expr, '"');
    }
  if (expr->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&expr), FALSE);
}

/* Runs the id query for @filter with @match as the FTS5 expression. Returns FALSE with
 * @is_syntax set when FTS5 rejects the expression. */
static gboolean
run_ids_query (DashCorpus        *self,
             const DashFilter  *filter,
             const char        *match,
             GArray            *ids,
             GArray            *ranks,
             gboolean          *is_syntax,
             GError           **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  DashSort sort = filter != NULL ? filter->sort : DASH_SORT_DATE_DESC;
  gboolean filtered = filter != NULL && (filter->from != 0 || filter->to != 0 ||
                                         filter->source != NULL || filter->topic != NULL ||
                                         filter->entity != NULL ||
                                         filter->imported_after != 0);
  int rc;
  int n = 1;

  *is_syntax = FALSE;

  if (match != NULL && !filtered && sort == DASH_SORT_RELEVANCE)
    {
      /* The common case, best matches first, needs nothing but the index. */
      g_string_append (sql, "SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ?1 "
                            "ORDER BY rank");
      if (filter != NULL && filter->limit > 0)
        g_string_append (sql, " LIMIT ?5");
    }
  else if (match != NULL)
    g_string_append (sql, "SELECT a.id, articles_fts.rank AS rank "
                          "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                          "WHERE articles_fts MATCH ?1");
  else
    g_string_append (sql, "SELECT a.id, 0.0 AS rank FROM articles a WHERE 1");

  if (match == NULL || filtered || sort != DASH_SORT_RELEVANCE)
    {
      if (filter != NULL && filter->from != 0)
        g_string_append (sql, " AND a.published >= ?2");
      if (filter != NULL && filter->to != 0)
        g_string_append (sql, " AND a.published < ?3");
      if (filter != NULL && filter->source != NULL)
        g_string_append (sql, " AND a.source_id = (SELECT id FROM sources WHERE name = ?4)");
      if (filter != NULL && filter->topic != NULL)
        g_string_append (sql, " AND a.id IN (SELECT article_id FROM article_topics "
                              "WHERE topic_id = ?6)");
      if (filter != NULL && filter->entity != NULL)
        g_string_append (sql, " AND a.id IN (SELECT ae.article_id FROM article_entities ae "
                              "JOIN entities e ON e.id = ae.entity_id WHERE e.name = ?7)");
      if (filter != NULL && filter->imported_after != 0)
        g_string_append (sql, " AND a.imported > ?8");

      if (sort == DASH_SORT_RELEVANCE && match != NULL)
        g_string_append (sql, " ORDER BY rank, a.published DESC");
      else if (sort == DASH_SORT_DATE_ASC)
        g_string_append (sql, " ORDER BY a.published IS NULL, a.published, a.id");
      else
        g_string_append (sql, " ORDER BY a.published IS NULL, a.published DESC, a.id DESC");

      if (filter != NULL && filter->limit > 0)
        g_string_append (sql, " LIMIT ?5");
    }

  if (sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return _dash_corpus_set_error (self, error, _("cannot prepare the search"));

  if (match != NULL)
    sqlite3_bind_text (stmt, n, match, -1, SQLITE_TRANSIENT);
  if (filter != NULL)
    {
      if (filter->from != 0)
        sqlite3_bind_int64 (stmt, 2, filter->from);
      if (filter->to != 0)
        sqlite3_bind_int64 (stmt, 3, filter->to);
      if (filter->source != NULL)
        sqlite3_bind_text (stmt, 4, filter->source, -1, SQLITE_TRANSIENT);
      if (filter->limit > 0)
        sqlite3_bind_int64 (stmt, 5, filter->limit);
      if (filter->topic != NULL)
        sqlite3_bind_text (stmt, 6, filter->topic, -1, SQLITE_TRANSIENT);
      if (filter->entity != NULL)
        sqlite3_bind_text (stmt, 7, filter->entity, -1, SQLITE_TRANSIENT);
      if (filter->imported_after != 0)
        sqlite3_bind_int64 (stmt, 8, filter->imported_after);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      double rank = sqlite3_column_double (stmt, 1);

      g_array_append_val (ids, id);
      g_array_append_val (ranks, rank);
    }

  if (rc != SQLITE_DONE)
    {
      const char *message = sqlite3_errmsg (self->db);

      /* FTS5 reports every problem with the expression as a plain SQLITE_ERROR
       * ("fts5: syntax error…", "unterminated string", "no such column"); damage and
       * I/O problems have codes of their own. */
      *is_syntax = match != NULL && (sqlite3_extended_errcode (self->db) == SQLITE_ERROR ||
                                     g_str_has_prefix (message, "fts5:"));
      if (!*is_syntax)
        _dash_corpus_set_error (self, error, _("the search failed"));
      sqlite3_finalize (stmt);
      return FALSE;
    }

  sqlite3_finalize (stmt);
  return TRUE;
}

gboolean
_dash_corpus_collect_ids (DashCorpus        *self,
                          const DashFilter  *filter,
                          GArray            *ids,
                          GArray            *ranks,
                          char             **out_match,
                          GError           **error)
{
  g_autoptr(GArray) local_ranks = NULL;
  g_autofree char *match = NULL;
  gboolean is_syntax = FALSE;

  if (ranks == NULL)
    ranks = local_ranks = g_array_new (FALSE, FALSE, sizeof (double));

  if (filter != NULL && filter->query != NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (filter->query));

      if (*trimmed == '\0')
        {
          g_set_error_literal (error, DASH_ERROR, DASH_ERROR_QUERY, _("the search is empty"));
          return FALSE;
        }
      if (!g_utf8_validate (trimmed, -1, NULL))
        {
          g_set_error_literal (error, DASH_ERROR, DASH_ERROR_QUERY,
                               _("the search is not valid UTF-8 text"));
          return FALSE;
        }

      /* The query syntax (AND, OR, NOT, "phrases", prefix*, NEAR) works as typed;
       * anything FTS5 cannot parse is searched for as plain words. */
      match = g_steal_pointer (&trimmed);
      if (!run_ids_query (self, filter, match, ids, ranks, &is_syntax, error))
        {
          if (!is_syntax)
            return FALSE;
          g_free (match);
          match = quote_query (filter->query);
          if (match == NULL)
            {
              g_set_error (error, DASH_ERROR, DASH_ERROR_QUERY,
                           _("nothing to search for in \u201c%s\u201d: "
                             "type words or names"), filter->query);
              return FALSE;
            }
          g_array_set_size (ids, 0);
          g_array_set_size (ranks, 0);
          if (!run_ids_query (self, filter, match, ids, ranks, &is_syntax, error))
            {
              if (is_syntax)
                g_set_error (error, DASH_ERROR, DASH_ERROR_QUERY,
                             _("cannot search for \u201c%s\u201d"), filter->query);
              return FALSE;
            }
        }
    }
  else if (!run_ids_query (self, filter, NULL, ids, ranks, &is_syntax, error))
    return FALSE;

  if (out_match != NULL)
    *out_match = g_steal_pointer (&match);
  return TRUE;
}

GListModel *
dash_corpus_query (DashCorpus        *self,
                   const DashFilter  *filter,
                   GError           **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ranks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *match = NULL;

  g_return_val_if_fail (DASH_IS_CORPUS (self), NULL);

  if (!_dash_corpus_collect_ids (self, filter, ids, ranks, &match, error))
    return NULL;

  return G_LIST_MODEL (dash_article_list_new (self, g_steal_pointer (&ids),
                                              match != NULL ? g_steal_pointer (&ranks) : NULL,
                                              match));
}

static gint64
source_id (DashCorpus  *self,
           const char  *name,
           GError     **error)
{
  gpointer cached;
  sqlite3_stmt *stmt;
  gint64 id;

  if (name == NULL)
    return 0;
  if (g_hash_table_lookup_extended (self->source_ids, name, NULL, &cached))
    return GPOINTER_TO_SIZE (cached);

  stmt = _dash_corpus_get_statement (self, "INSERT INTO sources (name) VALUES (?1) "
                              "ON CONFLICT (name) DO UPDATE SET name = excluded.name "
                              "RETURNING id", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _dash_corpus_set_error (self, error, _("cannot store a source"));
      sqlite3_reset (stmt);
      return -1;
    }
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  g_hash_table_insert (self->source_ids, g_strdup (name), GSIZE_TO_POINTER ((gsize)id));
  return id;
}

static gint64
entity_id (DashCorpus      *self,
           const char      *name,
           DashEntityType   type,
           GError         **error)
{
  char buffer[256];
  g_autofree char *long_key = NULL;
  const char *key = buffer;
  gpointer cached;
  sqlite3_stmt *stmt;
  gint64 id;

  /* Looked up for every mention: no allocation unless the name is new. */
  if (g_snprintf (buffer, sizeof buffer, "%d\t%s", type, name) >= (int)sizeof buffer)
    key = long_key = g_strdup_printf ("%d\t%s", type, name);
  if (g_hash_table_lookup_extended (self->entity_ids, key, NULL, &cached))
    return GPOINTER_TO_SIZE (cached);

  /* A name the user renamed or merged into another entity. */
  stmt = _dash_corpus_get_statement (self, "SELECT entity_id FROM entity_aliases "
                                           "WHERE name = ?1 AND type = ?2", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, dash_entity_type_to_string (type), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      g_hash_table_insert (self->entity_ids, g_strdup (key), GSIZE_TO_POINTER ((gsize)id));
      return id;
    }
  sqlite3_reset (stmt);

  stmt = _dash_corpus_get_statement (self, "INSERT INTO entities (name, type) VALUES (?1, ?2) "
                              "ON CONFLICT (name, type) DO UPDATE SET name = excluded.name "
                              "RETURNING id", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, dash_entity_type_to_string (type), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _dash_corpus_set_error (self, error, _("cannot store an entity"));
      sqlite3_reset (stmt);
      return -1;
    }
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  g_hash_table_insert (self->entity_ids, g_strdup (key), GSIZE_TO_POINTER ((gsize)id));
  return id;
}

gboolean
_dash_corpus_step_done (DashCorpus    *self,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _dash_corpus_set_error (self, error, what);
  return TRUE;
}

/* Packs @mention's place in a story as DASH_SPAN_WORDS words. */
static void
pack_span (const DashMention *mention,
           guint32           *span)
{
  span[0] = GUINT32_TO_LE ((mention->start & DASH_SPAN_OFFSET_MASK) |
                           (mention->field == DASH_FIELD_TITLE ? DASH_SPAN_TITLE : 0) |
                           (mention->adjective ? DASH_SPAN_ADJECTIVE : 0));
  span[1] = GUINT32_TO_LE (mention->end);
  span[2] = GUINT32_TO_LE (mention->unit);
}

static gboolean
insert_article_entity (DashCorpus     *self,
                       gint64          entity_id,
                       gint64          article_id,
                       const guint32  *spans,
                       guint           n_mentions,
                       GError        **error)
{
  sqlite3_stmt *stmt = _dash_corpus_get_statement (self,
                                                   "INSERT INTO article_entities "
                                                   "(entity_id, article_id, mentions, spans) "
                                                   "VALUES (?1, ?2, ?3, ?4)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entity_id);
  sqlite3_bind_int64 (stmt, 2, article_id);
  sqlite3_bind_int (stmt, 3, n_mentions);
  sqlite3_bind_blob (stmt, 4, spans, n_mentions * DASH_SPAN_WORDS * sizeof (guint32),
                     SQLITE_STATIC);
  return _dash_corpus_step_done (self, stmt, _("cannot store an entity of a story"), error);
}

typedef struct {
  gint64 id;
  guint  entity;
} EntityId;

static int
compare_entity_ids (gconstpointer a,
                    gconstpointer b)
{
  const EntityId *x = a;
  const EntityId *y = b;

  if (x->id != y->id)
    return x->id < y->id ? -1 : 1;
  return x->entity < y->entity ? -1 : x->entity > y->entity;
}

/* Stores one row an entity for @mentions, located and numbered by entity (see
 * _dash_mentions_place()): one id looked up an entity, the spans of each in the order
 * of the text, the rows in order of first mention. Names that are one entity here
 * (merged by the user since the analysis) make one row. */
static gboolean
store_mentions (DashCorpus  *self,
                gint64       article_id,
                GArray      *mentions,
                GError     **error)
{
  guint n_entities = 0;
  g_autofree EntityId *ids = NULL;
  g_autofree guint *row = NULL;      /* entity → the first entity with its id */
  g_autofree guint *starts = NULL;   /* entity → where its row's spans start */
  g_autofree guint *filled = NULL;
  g_autofree guint32 *spans = NULL;

  for (guint i = 0; i < mentions->len; i++)
    n_entities = MAX (n_entities, g_array_index (mentions, DashMention, i).entity + 1);
  ids = g_new0 (EntityId, n_entities);
  row = g_new (guint, n_entities);
  starts = g_new0 (guint, n_entities + 1);

  /* Each entity's id, from its first mention, and its number of mentions. */
  for (guint i = 0; i < mentions->len; i++)
    {
      const DashMention *mention = &g_array_index (mentions, DashMention, i);

      if (starts[mention->entity + 1]++ == 0)
        {
          ids[mention->entity].id = entity_id (self, mention->name, mention->type, error);
          ids[mention->entity].entity = mention->entity;
          if (ids[mention->entity].id < 0)
            return FALSE;
        }
    }

  /* Entities with one id share the row of the first. */
  {
    g_autofree EntityId *sorted = g_memdup2 (ids, n_entities * sizeof *ids);

    qsort (sorted, n_entities, sizeof *sorted, compare_entity_ids);
    for (guint k = 0; k < n_entities; k++)
      row[sorted[k].entity] = k > 0 && sorted[k].id == sorted[k - 1].id
                              ? row[sorted[k - 1].entity] : sorted[k].entity;
  }
  for (guint e = 0; e < n_entities; e++)
    if (row[e] != e)
      {
        starts[row[e] + 1] += starts[e + 1];
        starts[e + 1] = 0;
      }

  /* Where each row's spans start, then the spans, in the order of the mentions. */
  for (guint e = 0; e < n_entities; e++)
    starts[e + 1] += starts[e];
  spans = g_new (guint32, mentions->len * DASH_SPAN_WORDS);
  filled = g_memdup2 (starts, n_entities * sizeof (guint));
  for (guint i = 0; i < mentions->len; i++)
    {
      const DashMention *mention = &g_array_index (mentions, DashMention, i);

      pack_span (mention, spans + filled[row[mention->entity]]++ * DASH_SPAN_WORDS);
    }

  for (guint e = 0; e < n_entities; e++)
    if (row[e] == e &&
        !insert_article_entity (self, ids[e].id, article_id,
                                spans + starts[e] * DASH_SPAN_WORDS,
                                starts[e + 1] - starts[e], error))
      return FALSE;
  return TRUE;
}

/* Stores what the analysis found in @article, just inserted. */
static gboolean
store_analysis (DashCorpus   *self,
                DashArticle  *article,
                GError      **error)
{
  gint64 article_id = dash_article_get_id (article);
  GArray *topics = dash_article_get_topics (article);
  GArray *mentions = dash_article_get_mentions (article);

  for (guint i = 0; topics != NULL && i < topics->len; i++)
    {
      const DashTopicScore *topic = &g_array_index (topics, DashTopicScore, i);
      sqlite3_stmt *stmt = _dash_corpus_get_statement (self,
                                          "INSERT OR IGNORE INTO article_topics "
                                          "(topic_id, article_id, score) "
                                          "SELECT ?1, ?2, ?3 WHERE EXISTS "
                                          "(SELECT 1 FROM topics WHERE id = ?1)", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, topic->id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, article_id);
      sqlite3_bind_double (stmt, 3, topic->score);
      if (!_dash_corpus_step_done (self, stmt, _("cannot store a topic"), error))
        return FALSE;
    }

  if (mentions != NULL && mentions->len > 0)
    {
      gboolean located = TRUE;

      /* The analyzer places mentions in the parser threads; stories analysed elsewhere
       * are placed here. */
      for (guint i = 0; i < mentions->len && located; i++)
        located = g_array_index (mentions, DashMention, i).located;
      if (!located)
        _dash_mentions_place (mentions, dash_article_get_body (article));
      return store_mentions (self, article_id, mentions, error);
    }
  return TRUE;
}

/* Puts stories from @first_id on into the user's topics and adds them to the per-day
 * counts that timelines read. */
static gboolean
update_derived (DashCorpus  *self,
                gint64       first_id,
                GError     **error)
{
  static const char *counts[] = {
    "INSERT INTO days (day, count) SELECT published / 86400, count(*) FROM articles "
    "WHERE id >= ?1 AND published IS NOT NULL GROUP BY 1 "
    "ON CONFLICT (day) DO UPDATE SET count = count + excluded.count",
    "INSERT INTO topic_days (topic_id, day, count) "
    "SELECT t.topic_id, a.published / 86400, count(*) FROM article_topics t "
    "JOIN articles a ON a.id = t.article_id WHERE t.article_id >= ?1 "
    "AND a.published IS NOT NULL GROUP BY 1, 2 "
    "ON CONFLICT (topic_id, day) DO UPDATE SET count = count + excluded.count",
    "INSERT INTO entity_days (entity_id, day, count) "
    "SELECT e.entity_id, a.published / 86400, count(*) FROM article_entities e "
    "JOIN articles a ON a.id = e.article_id WHERE e.article_id >= ?1 "
    "AND a.published IS NOT NULL GROUP BY 1, 2 "
    "ON CONFLICT (entity_id, day) DO UPDATE SET count = count + excluded.count",
  };
  sqlite3_stmt *topics;
  int rc;

  topics = _dash_corpus_get_statement (self, "SELECT id, query FROM topics WHERE query IS NOT NULL", error);
  if (topics == NULL)
    return FALSE;
  while ((rc = sqlite3_step (topics)) == SQLITE_ROW)
    {
      sqlite3_stmt *stmt = _dash_corpus_get_statement (self,
                                          "INSERT OR IGNORE INTO article_topics "
                                          "(topic_id, article_id, score) "
                                          "SELECT ?1, rowid, -rank FROM articles_fts "
                                          "WHERE articles_fts MATCH ?2 AND rowid >= ?3", error);

      if (stmt == NULL)
        break;
      sqlite3_bind_text (stmt, 1, _dash_corpus_column_text (topics, 0), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, _dash_corpus_column_text (topics, 1), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, first_id);
      if (!_dash_corpus_step_done (self, stmt, _("cannot apply a topic"), error))
        {
          sqlite3_reset (topics);
          return FALSE;
        }
    }
  sqlite3_reset (topics);
  if (rc != SQLITE_DONE)
    return _dash_corpus_set_error (self, error, _("cannot read the topics"));

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      sqlite3_stmt *stmt = _dash_corpus_get_statement (self, counts[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, first_id);
      if (!_dash_corpus_step_done (self, stmt, _("cannot count the stories by day"), error))
        return FALSE;
    }
  return TRUE;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, column);
}

gboolean
dash_corpus_add_articles (DashCorpus  *self,
                          GPtrArray   *articles,
                          guint       *n_added,
                          guint       *n_duplicates,
                          GError     **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 first_id = 0;
  gint64 last_id = 0;
  gint64 max_before;
  guint added = 0;
  guint duplicates = 0;

  g_return_val_if_fail (DASH_IS_CORPUS (self), FALSE);
  g_return_val_if_fail (articles != NULL, FALSE);

  if (self->read_only)
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_DATABASE,
                   _("%s: the database is read-only"), self->path);
      return FALSE;
    }

  if (!_dash_corpus_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  max_before = query_int64 (self, "SELECT coalesce (max (id), 0) FROM articles", error);
  if (max_before < 0)
    goto failed;

  for (guint i = 0; i < articles->len; i++)
    {
      DashArticle *article = g_ptr_array_index (articles, i);
      sqlite3_stmt *stmt;
      gint64 source;
      int rc;

      if (dash_article_get_content_hash (article) == NULL)
        dash_article_update_content_hash (article);

      source = source_id (self, dash_article_get_source (article), error);
      if (source < 0)
        goto failed;

      stmt = _dash_corpus_get_statement (self,
                            "INSERT OR IGNORE INTO articles (source_id, title, url, guid, author, "
                            "published, date_estimated, summary, body, language, content_hash, "
                            "imported, origin) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                            error);
      if (stmt == NULL)
        goto failed;

      if (source > 0)
        sqlite3_bind_int64 (stmt, 1, source);
      else
        sqlite3_bind_null (stmt, 1);
      bind_text_or_null (stmt, 2, dash_article_get_title (article) ?: "");
      bind_text_or_null (stmt, 3, dash_article_get_url (article));
      bind_text_or_null (stmt, 4, dash_article_get_guid (article));
      bind_text_or_null (stmt, 5, dash_article_get_author (article));
      if (dash_article_get_published (article) != 0)
        sqlite3_bind_int64 (stmt, 6, dash_article_get_published (article));
      else
        sqlite3_bind_null (stmt, 6);
      sqlite3_bind_int (stmt, 7, dash_article_get_date_estimated (article));
      bind_text_or_null (stmt, 8, dash_article_get_summary (article));
      bind_text_or_null (stmt, 9, dash_article_get_body (article) ?: "");
      bind_text_or_null (stmt, 10, dash_article_get_language (article));
      bind_text_or_null (stmt, 11, dash_article_get_content_hash (article));
      sqlite3_bind_int64 (stmt, 12, now);
      bind_text_or_null (stmt, 13, dash_article_get_origin (article));

      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          _dash_corpus_set_error (self, error, _("cannot store a story"));
          sqlite3_reset (stmt);
          goto failed;
        }
      if (sqlite3_changes (self->db) > 0)
        {
          gint64 id = sqlite3_last_insert_rowid (self->db);

          /* The full-text index and the derived tables take this batch's rows by
           * their ids, which only grow; SQLite hands out random ones only after the
           * largest id ever, which a hand-edited database could reach. */
          if ((added > 0 && id <= last_id) || id <= max_before)
            {
              g_set_error (error, DASH_ERROR, DASH_ERROR_DATABASE,
                           _("%s: story ids no longer grow (was the database edited by "
                             "hand?)"), self->path);
              sqlite3_reset (stmt);
              goto failed;
            }
          if (added == 0)
            first_id = id;
          last_id = id;
          dash_article_set_id (article, id);
          dash_article_set_imported (article, now);
          added++;
          sqlite3_reset (stmt);
          if (!store_analysis (self, article, error))
            goto failed;
        }
      else
        {
          duplicates++;
          sqlite3_reset (stmt);
        }
      sqlite3_clear_bindings (stmt);
    }

  if (added > 0)
    {
      sqlite3_stmt *index = _dash_corpus_get_statement (self,
                                           "INSERT INTO articles_fts (rowid, title, summary, body) "
                                           "SELECT id, title, summary, body FROM articles "
                                           "WHERE id >= ?1", error);

      /* Rows inserted in this transaction have the highest ids: rowids only grow. */
      if (index == NULL)
        goto failed;
      sqlite3_bind_int64 (index, 1, first_id);
      if (sqlite3_step (index) != SQLITE_DONE)
        {
          _dash_corpus_set_error (self, error, _("cannot index the stories"));
          sqlite3_reset (index);
          goto failed;
        }
      sqlite3_reset (index);

      if (!update_derived (self, first_id, error))
        goto failed;
    }

  if (!_dash_corpus_exec (self, "COMMIT", error))
    goto failed;

  if (n_added != NULL)
    *n_added = added;
  if (n_duplicates != NULL)
    *n_duplicates = duplicates;
  return TRUE;

failed:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  /* Ids cached during the failed transaction were rolled back too. */
  g_hash_table_remove_all (self->source_ids);
  g_hash_table_remove_all (self->entity_ids);
  return FALSE;
}

char *
_dash_corpus_get_meta (DashCorpus *self,
                       const char *key)
{
  sqlite3_stmt *stmt = _dash_corpus_get_statement (self, "SELECT value FROM meta WHERE key = ?1",
                                                   NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup (_dash_corpus_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

gboolean
_dash_corpus_set_meta (DashCorpus  *self,
                       const char  *key,
                       const char  *value,
                       GError     **error)
{
  sqlite3_stmt *stmt = _dash_corpus_get_statement (self,
                                                   "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                                                   "ON CONFLICT (key) DO UPDATE SET "
                                                   "value = excluded.value", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return _dash_corpus_step_done (self, stmt, _("cannot store a setting"), error);
}

gboolean
_dash_corpus_replace_analysis (DashCorpus  *self,
                               GPtrArray   *articles,
                               GError     **error)
{
  static const char *forget[] = {
    "DELETE FROM article_entities WHERE article_id = ?1",
    /* The user's own topics come from their queries, not from the analysis. */
    "DELETE FROM article_topics WHERE article_id = ?1 AND topic_id IN "
    "(SELECT id FROM topics WHERE builtin)",
  };

  if (self->read_only)
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_DATABASE,
                   _("%s: the database is read-only"), self->path);
      return FALSE;
    }
  if (!_dash_corpus_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (guint i = 0; i < articles->len; i++)
    {
      DashArticle *article = g_ptr_array_index (articles, i);

      for (guint k = 0; k < G_N_ELEMENTS (forget); k++)
        {
          sqlite3_stmt *stmt = _dash_corpus_get_statement (self, forget[k], error);

          if (stmt == NULL)
            goto failed;
          sqlite3_bind_int64 (stmt, 1, dash_article_get_id (article));
          if (!_dash_corpus_step_done (self, stmt, _("cannot analyse the stories again"), error))
            goto failed;
        }
      if (!store_analysis (self, article, error))
        goto failed;
    }

  if (!_dash_corpus_exec (self, "COMMIT", error))
    goto failed;
  return TRUE;

failed:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  g_hash_table_remove_all (self->entity_ids);
  return FALSE;
}

gboolean
_dash_corpus_finish_reanalysis (DashCorpus  *self,
                                const char  *version,
                                GError     **error)
{
  if (!_dash_corpus_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  /* Entities no story names any more go, and the per-day counts are counted anew. */
  if (!_dash_corpus_exec (self,
             "DELETE FROM entities WHERE id NOT IN (SELECT entity_id FROM article_entities);"
             "DELETE FROM days; DELETE FROM topic_days; DELETE FROM entity_days;"
             "INSERT INTO days (day, count) SELECT published / 86400, count(*) FROM articles "
             "  WHERE published IS NOT NULL GROUP BY 1;"
             "INSERT INTO topic_days (topic_id, day, count) "
             "  SELECT t.topic_id, a.published / 86400, count(*) FROM article_topics t "
             "  JOIN articles a ON a.id = t.article_id WHERE a.published IS NOT NULL "
             "  GROUP BY 1, 2;"
             "INSERT INTO entity_days (entity_id, day, count) "
             "  SELECT e.entity_id, a.published / 86400, count(*) FROM article_entities e "
             "  JOIN articles a ON a.id = e.article_id WHERE a.published IS NOT NULL "
             "  GROUP BY 1, 2;", error) ||
      !_dash_corpus_set_meta (self, "analysis_version", version, error) ||
      !_dash_corpus_exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      g_hash_table_remove_all (self->entity_ids);
      return FALSE;
    }
  g_hash_table_remove_all (self->entity_ids);
  return TRUE;
}

void
_dash_corpus_begin_bulk (DashCorpus *self)
{
  /* Checkpoints copy the log into the database and sync it: during a long import,
   * fewer and larger ones (every 128 MB instead of 4 MB) cost less, as pages changed
   * batch after batch are copied once instead of each time (-11 % at 100k stories). */
  sqlite3_exec (self->db, "PRAGMA wal_autocheckpoint = 32768", NULL, NULL, NULL);
}
