/* SPDX-License-Identifier: GPL-3.0-or-later */

/* DashCorpus, continued: what the analysis stored, as timelines, entity and topic
 * lists, bursts and the co-occurrence graph. */

#define G_LOG_DOMAIN "dash-corpus"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <igraph/igraph.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "dash-article.h"
#include "dash-corpus-private.h"
#include "dash-word-table.h"

#define SECONDS_PER_DAY 86400

/* Sentence ends: ".", "?" or "!" (maybe closed by a quote or bracket), then a space and
 * a capital, a digit or an opening quote. Paragraphs are separated by a blank line. */
void
_dash_units_init (DashUnits  *units,
                  const char *body)
{
  guint32 index = 0;
  gboolean sentence_end = FALSE;
  gboolean after_space = FALSE;
  guint32 zero = 0;

  units->sentences = g_array_new (FALSE, FALSE, sizeof (guint32));
  units->paragraphs = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_array_append_val (units->sentences, zero);
  g_array_append_val (units->paragraphs, zero);
  if (body == NULL)
    return;

  for (const char *p = body; *p; p = g_utf8_next_char (p), index++)
    {
      /* ASCII, most of any news text, without decoding. */
      gunichar c = (guchar)*p < 0x80 ? (gunichar)*p : g_utf8_get_char (p);

      if (c == '\n' && p[1] == '\n')
        {
          guint32 start = index + 2;

          g_array_append_val (units->paragraphs, start);
          g_array_append_val (units->sentences, start);
          sentence_end = after_space = FALSE;
          continue;
        }
      if (c == '.' || c == '?' || c == '!')
        {
          sentence_end = TRUE;
          after_space = FALSE;
        }
      else if (sentence_end && !after_space &&
               (c == '"' || c == 0x201D || c == 0x2019 || c == ')' || c == '\''))
        ;
      else if (sentence_end && (c == ' ' || c == '\n'))
        after_space = TRUE;
      else if (sentence_end && after_space)
        {
          if ((c < 0x80 ? g_ascii_isupper (c) || g_ascii_isdigit (c) : g_unichar_isupper (c) ||
               g_unichar_isdigit (c)) || c == '"' || c == 0x201C)
            g_array_append_val (units->sentences, index);
          sentence_end = after_space = FALSE;
        }
      else
        sentence_end = after_space = FALSE;
    }
}

void
_dash_units_clear (DashUnits *units)
{
  g_clear_pointer (&units->sentences, g_array_unref);
  g_clear_pointer (&units->paragraphs, g_array_unref);
}

/* The last start at or before @offset in a sorted array of starts. */
static guint
find_start (GArray  *starts,
            guint32  offset)
{
  guint lo = 0;
  guint hi = starts->len;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (starts, guint32, mid) <= offset)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

guint32
_dash_units_locate (DashUnits *units,
                    guint32    offset)
{
  guint paragraph = MIN (find_start (units->paragraphs, offset), 0xfffe);
  guint sentence = MIN (find_start (units->sentences, offset), 0xfffe);

  return (paragraph << 16) | sentence;
}

void
_dash_mentions_place (GArray     *mentions,
                      const char *body)
{
  g_autoptr(DashWordTable) entities = NULL;
  DashUnits units;

  if (mentions->len == 0)
    return;

  entities = dash_word_table_new ();
  _dash_units_init (&units, body);
  for (guint i = 0; i < mentions->len; i++)
    {
      DashMention *mention = &g_array_index (mentions, DashMention, i);
      /* The name, then the type in one byte. */
      gsize len = strlen (mention->name);
      char stack[256];
      g_autofree char *heap = NULL;
      char *key = len < sizeof stack ? stack : (heap = g_malloc (len + 1));
      int entity;

      memcpy (key, mention->name, len);
      key[len] = (char)(1 + mention->type);
      if (!dash_word_table_lookup (entities, key, len + 1, &entity))
        {
          entity = dash_word_table_size (entities);
          dash_word_table_insert (entities, key, len + 1, entity);
        }
      mention->entity = entity;
      mention->unit = mention->field == DASH_FIELD_TITLE
                      ? DASH_SPAN_TITLE_UNIT
                      : _dash_units_locate (&units, mention->start);
      mention->located = TRUE;
    }
  _dash_units_clear (&units);
}

static const char *bucket_names[] = { "day", "week", "month", "quarter", "year" };

int
dash_bucket_from_string (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (bucket_names); i++)
    if (g_ascii_strcasecmp (name, bucket_names[i]) == 0)
      return i;
  return -1;
}

static gboolean
filter_is_plain (const DashFilter *filter)
{
  return filter == NULL || (filter->query == NULL && filter->from == 0 && filter->to == 0 &&
                            filter->source == NULL && filter->imported_after == 0);
}

/* The first day (in days since the epoch) of the bucket holding @day. */
static gint64
bucket_start (gint64     day,
              DashBucket bucket)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (day * SECONDS_PER_DAY);
  g_autoptr(GDateTime) start = NULL;
  int month;

  if (dt == NULL)
    return day;

  switch (bucket)
    {
    case DASH_BUCKET_WEEK:
      return day - (g_date_time_get_day_of_week (dt) - 1);
    case DASH_BUCKET_MONTH:
      start = g_date_time_new_utc (g_date_time_get_year (dt), g_date_time_get_month (dt), 1,
                                   0, 0, 0);
      break;
    case DASH_BUCKET_QUARTER:
      month = g_date_time_get_month (dt);
      start = g_date_time_new_utc (g_date_time_get_year (dt), month - (month - 1) % 3, 1,
                                   0, 0, 0);
      break;
    case DASH_BUCKET_YEAR:
      start = g_date_time_new_utc (g_date_time_get_year (dt), 1, 1, 0, 0, 0);
      break;
    case DASH_BUCKET_DAY:
    default:
      return day;
    }
  return g_date_time_to_unix (start) / SECONDS_PER_DAY;
}

/* The first day of the bucket after the one starting on @start. */
static gint64
bucket_next (gint64     start,
             DashBucket bucket)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (start * SECONDS_PER_DAY);
  g_autoptr(GDateTime) next = NULL;

  switch (bucket)
    {
    case DASH_BUCKET_WEEK:
      return start + 7;
    case DASH_BUCKET_MONTH:
      next = g_date_time_add_months (dt, 1);
      break;
    case DASH_BUCKET_QUARTER:
      next = g_date_time_add_months (dt, 3);
      break;
    case DASH_BUCKET_YEAR:
      next = g_date_time_add_years (dt, 1);
      break;
    case DASH_BUCKET_DAY:
    default:
      return start + 1;
    }
  return g_date_time_to_unix (next) / SECONDS_PER_DAY;
}

/* Restricts the analysis to @filter's stories through the temporary table
 * scope_ids; FALSE with no error when every story counts. */
static gboolean
fill_scope (DashCorpus        *self,
            const DashFilter  *filter,
            guint             *n_articles,
            GError           **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(DashFilter) all = NULL;
  sqlite3_stmt *insert;

  if (filter == NULL || (filter_is_plain (filter) && filter->topic == NULL &&
                         filter->entity == NULL))
    return FALSE;

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  all = dash_filter_copy (filter);
  all->limit = 0;
  all->sort = DASH_SORT_DATE_ASC;
  if (!_dash_corpus_collect_ids (self, all, ids, NULL, NULL, error))
    return FALSE;

  if (sqlite3_exec (self->db, "CREATE TEMP TABLE IF NOT EXISTS scope_ids "
                              "(id INTEGER PRIMARY KEY); DELETE FROM scope_ids",
                    NULL, NULL, NULL) != SQLITE_OK)
    return _dash_corpus_set_error (self, error, _("cannot select the stories"));
  insert = _dash_corpus_get_statement (self, "INSERT OR IGNORE INTO scope_ids VALUES (?1)",
                                       error);
  if (insert == NULL)
    return FALSE;
  sqlite3_exec (self->db, "SAVEPOINT scope", NULL, NULL, NULL);
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_bind_int64 (insert, 1, g_array_index (ids, gint64, i));
      sqlite3_step (insert);
      sqlite3_reset (insert);
    }
  sqlite3_exec (self->db, "RELEASE scope", NULL, NULL, NULL);
  if (n_articles != NULL)
    *n_articles = ids->len;
  return TRUE;
}

/* Per-day counts (day → count) of @filter's stories: from the kept per-day tables when
 * only a topic or an entity is asked, else counted from the matching stories. */
static GArray *
day_counts (DashCorpus        *self,
            const DashFilter  *filter,
            GError           **error)
{
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (filter_is_plain (filter) && (filter == NULL || filter->entity == NULL ||
                                   filter->topic == NULL))
    {
      if (filter != NULL && filter->topic != NULL)
        {
          stmt = _dash_corpus_get_statement (self, "SELECT day, count FROM topic_days "
                                                   "WHERE topic_id = ?1 ORDER BY day", error);
          if (stmt != NULL)
            sqlite3_bind_text (stmt, 1, filter->topic, -1, SQLITE_TRANSIENT);
        }
      else if (filter != NULL && filter->entity != NULL)
        {
          stmt = _dash_corpus_get_statement (self, "SELECT day, sum(count) FROM entity_days "
                                                   "WHERE entity_id IN (SELECT id FROM entities "
                                                   "WHERE name = ?1) GROUP BY day ORDER BY day",
                                             error);
          if (stmt != NULL)
            sqlite3_bind_text (stmt, 1, filter->entity, -1, SQLITE_TRANSIENT);
        }
      else
        stmt = _dash_corpus_get_statement (self, "SELECT day, count FROM days ORDER BY day",
                                           error);
      if (stmt == NULL)
        return NULL;
    }
  else
    {
      /* Counted from the matching stories themselves, through the scope table. */
      if (!fill_scope (self, filter, NULL, error))
        return NULL;
      stmt = _dash_corpus_get_statement (self,
                                         "SELECT a.published / 86400, count(*) FROM scope_ids s "
                                         "JOIN articles a ON a.id = s.id "
                                         "WHERE a.published IS NOT NULL GROUP BY 1 ORDER BY 1",
                                         error);
      if (stmt == NULL)
        return NULL;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 pair[2] = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };
      g_array_append_vals (days, pair, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _dash_corpus_set_error (self, error, _("cannot count the stories"));
      return NULL;
    }
  return g_steal_pointer (&days);
}

GArray *
dash_corpus_timeline (DashCorpus        *self,
                      const DashFilter  *filter,
                      DashBucket         bucket,
                      GError           **error)
{
  g_autoptr(GArray) days = NULL;
  g_autoptr(GArray) points = g_array_new (FALSE, TRUE, sizeof (DashTimelinePoint));
  gint64 current = 0;

  g_return_val_if_fail (DASH_IS_CORPUS (self), NULL);

  days = day_counts (self, filter, error);
  if (days == NULL)
    return NULL;

  for (guint i = 0; i < days->len; i++)
    {
      gint64 *pair = &g_array_index (days, gint64, 2 * i);
      gint64 start = bucket_start (pair[0], bucket);

      if (points->len == 0)
        {
          DashTimelinePoint point = { start * SECONDS_PER_DAY, 0 };
          g_array_append_val (points, point);
          current = start;
        }
      /* Empty buckets in between are part of the timeline. */
      while (current < start)
        {
          DashTimelinePoint point;

          current = bucket_next (current, bucket);
          point.start = current * SECONDS_PER_DAY;
          point.count = 0;
          g_array_append_val (points, point);
        }
      g_array_index (points, DashTimelinePoint, points->len - 1).count += pair[1];
    }
  return g_steal_pointer (&points);
}

void
dash_entity_stat_free (DashEntityStat *stat)
{
  if (stat == NULL)
    return;
  g_free (stat->name);
  g_free (stat);
}

static DashEntityStat *
entity_stat_from_row (sqlite3_stmt *stmt)
{
  DashEntityStat *stat = g_new0 (DashEntityStat, 1);
  int type = dash_entity_type_from_string (_dash_corpus_column_text (stmt, 2));

  stat->id = sqlite3_column_int64 (stmt, 0);
  stat->name = g_strdup (_dash_corpus_column_text (stmt, 1));
  stat->type = type >= 0 ? type : DASH_ENTITY_ORG;
  stat->articles = sqlite3_column_int (stmt, 3);
  stat->mentions = sqlite3_column_int (stmt, 4);
  return stat;
}

static GPtrArray *
collect_entity_stats (DashCorpus    *self,
                      sqlite3_stmt  *stmt,
                      gboolean       owned,
                      GError       **error)
{
  g_autoptr(GPtrArray) stats = g_ptr_array_new_with_free_func ((GDestroyNotify)dash_entity_stat_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (stats, entity_stat_from_row (stmt));
  if (owned)
    sqlite3_finalize (stmt);
  else
    sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _dash_corpus_set_error (self, error, _("cannot list the entities"));
      return NULL;
    }
  return g_steal_pointer (&stats);
}

GPtrArray *
dash_corpus_list_entities (DashCorpus        *self,
                           const DashFilter  *filter,
                           int                type,
                           guint              limit,
                           GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean scoped;
  sqlite3_stmt *stmt = NULL;
  const char *sql;

  g_return_val_if_fail (DASH_IS_CORPUS (self), NULL);

  scoped = fill_scope (self, filter, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (scoped)
    sql = "SELECT e.id, e.name, e.type, count(*) AS n, sum(ae.mentions) AS m "
          "FROM scope_ids s JOIN article_entities ae ON ae.article_id = s.id "
          "JOIN entities e ON e.id = ae.entity_id "
          "WHERE e.hidden = 0 AND (?1 IS NULL OR e.type = ?1) "
          "GROUP BY e.id ORDER BY n DESC, m DESC, e.name LIMIT ?2";
  else
    sql = "SELECT e.id, e.name, e.type, count(*) AS n, sum(ae.mentions) AS m "
          "FROM article_entities ae JOIN entities e ON e.id = ae.entity_id "
          "WHERE e.hidden = 0 AND (?1 IS NULL OR e.type = ?1) "
          "GROUP BY e.id ORDER BY n DESC, m DESC, e.name LIMIT ?2";

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _dash_corpus_set_error (self, error, _("cannot list the entities"));
      return NULL;
    }
  if (type >= 0 && type < DASH_N_ENTITY_TYPES)
    sqlite3_bind_text (stmt, 1, dash_entity_type_to_string (type), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64)limit : -1);
  return collect_entity_stats (self, stmt, TRUE, error);
}

DashEntityStat *
dash_corpus_find_entity (DashCorpus  *self,
                         const char  *name,
                         GError     **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (DASH_IS_CORPUS (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stmt = _dash_corpus_get_statement (self,
                                     "SELECT e.id, e.name, e.type, count(ae.article_id) AS n, "
                                     "coalesce (sum(ae.mentions), 0) FROM entities e "
                                     "LEFT JOIN article_entities ae ON ae.entity_id = e.id "
                                     "WHERE e.name = ?1 COLLATE NOCASE GROUP BY e.id "
                                     "ORDER BY n DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  found = collect_entity_stats (self, stmt, FALSE, error);
  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_NOT_FOUND,
                   _("no entity called \u201c%s\u201d"), name);
      return NULL;
    }
  return g_ptr_array_steal_index (found, 0);
}

DashEntityStat *
dash_corpus_get_entity (DashCorpus  *self,
                        gint64       entity_id,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (DASH_IS_CORPUS (self), NULL);

  stmt = _dash_corpus_get_statement (self,
                                     "SELECT e.id, e.name, e.type, count(ae.article_id), "
                                     "coalesce (sum(ae.mentions), 0) FROM entities e "
                                     "LEFT JOIN article_entities ae ON ae.entity_id = e.id "
                                     "WHERE e.id = ?1 GROUP BY e.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, entity_id);
  found = collect_entity_stats (self, stmt, FALSE, error);
  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_NOT_FOUND,
                   _("no entity with id %" PRId64), (int64_t) entity_id);
      return NULL;
    }
  return g_ptr_array_steal_index (found, 0);
}

GPtrArray *
dash_corpus_list_cooccurring (DashCorpus  *self,
                              gint64       entity_id,
                              guint        limit,
                              GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DASH_IS_CORPUS (self), NULL);

  stmt = _dash_corpus_get_statement (self,
                                     "SELECT e.id, e.name, e.type, count(*) AS n, "
                                     "sum(b.mentions) AS m FROM article_entities a "
                                     "JOIN article_entities b ON b.article_id = a.article_id "
                                     "AND b.entity_id != a.entity_id "
                                     "JOIN entities e ON e.id = b.entity_id "
                                     "WHERE a.entity_id = ?1 AND e.hidden = 0 "
                                     "GROUP BY e.id ORDER BY n DESC, m DESC, e.name LIMIT ?2",
                                     error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, entity_id);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64)limit : -1);
  return collect_entity_stats (self, stmt, FALSE, error);
}

void
dash_topic_stat_free (DashTopicStat *stat)
{
  if (stat == NULL)
    return;
  g_free (stat->id);
  g_free (stat->name);
  g_free (stat->query);
  g_free (stat);
}

static GPtrArray *
collect_topic_stats (DashCorpus    *self,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  g_autoptr(GPtrArray) stats = g_ptr_array_new_with_free_func ((GDestroyNotify)dash_topic_stat_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DashTopicStat *stat = g_new0 (DashTopicStat, 1);
      gboolean builtin = sqlite3_column_int (stmt, 3);
      const char *name = _dash_corpus_column_text (stmt, 1);

      stat->id = g_strdup (_dash_corpus_column_text (stmt, 0));
      /* Built-in topic names are translated; the user's own are theirs. */
      stat->name = g_strdup (builtin ? g_dgettext (GETTEXT_PACKAGE, name) : name);
      stat->query = g_strdup (_dash_corpus_column_text (stmt, 2));
      stat->builtin = builtin;
      stat->articles = sqlite3_column_int (stmt, 4);
      if (sqlite3_column_count (stmt) > 5)
        stat->score = sqlite3_column_double (stmt, 5);
      g_ptr_array_add (stats, stat);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _dash_corpus_set_error (self, error, _("cannot list the topics"));
      return NULL;
    }
  return g_steal_pointer (&stats);
}

GPtrArray *
dash_corpus_list_topics (DashCorpus  *self,
                         GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DASH_IS_CORPUS (self), NULL);

  /* Translators: the names of the built-in topics, stored in English. */
  (void)N_("Trade war");
  (void)N_("AI");
  (void)N_("Defense");

  stmt = _dash_corpus_get_statement (self,
                                     "SELECT t.id, t.name, t.query, t.builtin, "
                                     "(SELECT count(*) FROM article_topics a "
                                     "WHERE a.topic_id = t.id) FROM topics t "
                                     "ORDER BY t.builtin DESC, t.rowid", error);
  if (stmt == NULL)
    return NULL;
  return collect_topic_stats (self, stmt, error);
}

/* "US tariffs (2025)" → "us_tariffs_2025". */
static char *
topic_id_from_name (const char *name)
{
  g_autoptr(GString) id = g_string_new (NULL);
  g_autofree char *lower = g_utf8_strdown (name, -1);
  gboolean gap = FALSE;

  for (const char *p = lower; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        {
          if (gap && id->len > 0)
            g_string_append_c (id, '_');
          g_string_append_unichar (id, c);
          gap = FALSE;
        }
      else
        gap = TRUE;
    }
  return g_string_free (g_steal_pointer (&id), FALSE);
}

char *
dash_corpus_add_topic (DashCorpus  *self,
                       const char  *name,
                       const char  *query,
                       GError     **error)
{
  g_autoptr(DashFilter) filter = dash_filter_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *match = NULL;
  g_autofree char *id = NULL;
  g_autofree char *trimmed = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DASH_IS_CORPUS (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);

  trimmed = g_strstrip (g_strdup (name));
  id = topic_id_from_name (trimmed);
  if (*id == '\0')
    {
      g_set_error_literal (error, DASH_ERROR, DASH_ERROR_QUERY,
                           _("a topic needs a name with letters or digits"));
      return NULL;
    }
  if (self->read_only)
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_DATABASE,
                   _("%s: the database is read-only"), self->path);
      return NULL;
    }

  /* The query is checked, and made safe, the way a search is. */
  dash_filter_set_query (filter, query);
  filter->limit = 1;
  if (!_dash_corpus_collect_ids (self, filter, ids, NULL, &match, error))
    return NULL;

  if (sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    {
      _dash_corpus_set_error (self, error, _("cannot add the topic"));
      return NULL;
    }

  stmt = _dash_corpus_get_statement (self, "INSERT INTO topics (id, name, query) "
                                           "VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, trimmed, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, match, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if ((sqlite3_extended_errcode (self->db) & 0xff) == SQLITE_CONSTRAINT)
        g_set_error (error, DASH_ERROR, DASH_ERROR_QUERY,
                     _("there is already a topic \u201c%s\u201d"), id);
      else
        _dash_corpus_set_error (self, error, _("cannot add the topic"));
      sqlite3_reset (stmt);
      goto failed;
    }
  sqlite3_reset (stmt);

  stmt = _dash_corpus_get_statement (self,
                                     "INSERT OR IGNORE INTO article_topics "
                                     "(topic_id, article_id, score) "
                                     "SELECT ?1, rowid, -rank FROM articles_fts "
                                     "WHERE articles_fts MATCH ?2", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, match, -1, SQLITE_STATIC);
  if (!_dash_corpus_step_done (self, stmt, _("cannot apply the topic"), error))
    goto failed;

  stmt = _dash_corpus_get_statement (self,
                                     "INSERT INTO topic_days (topic_id, day, count) "
                                     "SELECT ?1, a.published / 86400, count(*) "
                                     "FROM article_topics t JOIN articles a "
                                     "ON a.id = t.article_id WHERE t.topic_id = ?1 "
                                     "AND a.published IS NOT NULL GROUP BY 2", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (!_dash_corpus_step_done (self, stmt, _("cannot apply the topic"), error))
    goto failed;

  if (sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      _dash_corpus_set_error (self, error, _("cannot add the topic"));
      goto failed;
    }
  return g_steal_pointer (&id);

failed:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return NULL;
}

GPtrArray *
dash_corpus_article_topics (DashCorpus  *self,
                            gint64       article_id,
                            GError     **error)
{
  g_autoptr(GPtrArray) stats = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DASH_IS_CORPUS (self), NULL);

  stmt = _dash_corpus_get_statement (self,
                                     "SELECT t.id, t.name, t.query, t.builtin, 0, a.score "
                                     "FROM article_topics a JOIN topics t ON t.id = a.topic_id "
                                     "WHERE a.article_id = ?1 ORDER BY a.score DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, article_id);
  stats = collect_topic_stats (self, stmt, error);
  return g_steal_pointer (&stats);
}

static int
compare_first_mention (gconstpointer a,
                       gconstpointer b)
{
  const DashMention *x = &g_array_index (*(GArray * const *)a, DashMention, 0);
  const DashMention *y = &g_array_index (*(GArray * const *)b, DashMention, 0);

  if (x->field != y->field)
    return x->field == DASH_FIELD_TITLE ? -1 : 1;
  return (x->start > y->start) - (x->start < y->start);
}

GPtrArray *
dash_corpus_article_mentions (DashCorpus  *self,
                              gint64       article_id,
                              GError     **error)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DASH_IS_CORPUS (self), NULL);

  stmt = _dash_corpus_get_statement (self,
                                     "SELECT e.name, e.type, ae.spans FROM article_entities ae "
                                     "JOIN entities e ON e.id = ae.entity_id "
                                     "WHERE ae.article_id = ?1 AND e.hidden = 0", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, article_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int type = dash_entity_type_from_string (_dash_corpus_column_text (stmt, 1));
      const guint32 *spans = sqlite3_column_blob (stmt, 2);
      guint n = sqlite3_column_bytes (stmt, 2) / (DASH_SPAN_WORDS * sizeof (guint32));
      GArray *group;

      if (n == 0)
        continue;
      group = g_array_sized_new (FALSE, TRUE, sizeof (DashMention), n);
      g_array_set_clear_func (group, (GDestroyNotify)dash_mention_clear);
      for (guint i = 0; i < n; i++)
        {
          guint32 start = GUINT32_FROM_LE (spans[DASH_SPAN_WORDS * i]);
          DashMention mention = { 0 };

          mention.name = g_strdup (_dash_corpus_column_text (stmt, 0));
          mention.type = type >= 0 ? type : DASH_ENTITY_ORG;
          mention.field = (start & DASH_SPAN_TITLE) ? DASH_FIELD_TITLE : DASH_FIELD_BODY;
          mention.adjective = (start & DASH_SPAN_ADJECTIVE) != 0;
          mention.start = start & DASH_SPAN_OFFSET_MASK;
          mention.end = GUINT32_FROM_LE (spans[DASH_SPAN_WORDS * i + 1]);
          g_array_append_val (group, mention);
        }
      g_ptr_array_add (groups, group);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _dash_corpus_set_error (self, error, _("cannot read the entities of a story"));
      return NULL;
    }
  /* In the order a reader meets them. */
  g_ptr_array_sort (groups, compare_first_mention);
  return g_steal_pointer (&groups);
}

void
dash_burst_free (DashBurst *burst)
{
  if (burst == NULL)
    return;
  g_clear_pointer (&burst->article_ids, g_array_unref);
  g_free (burst);
}

/* Weeks before a week that make its baseline, and how far above it a burst stands. */
#define BURST_HISTORY 8
#define BURST_RATIO 3.0
#define BURST_MIN_STORIES 3

GPtrArray *
dash_corpus_bursts (DashCorpus        *self,
                    const DashFilter  *filter,
                    GError           **error)
{
  g_autoptr(GPtrArray) bursts = g_ptr_array_new_with_free_func ((GDestroyNotify)dash_burst_free);
  g_autoptr(GArray) weeks = NULL;
  DashBurst *open = NULL;

  g_return_val_if_fail (DASH_IS_CORPUS (self), NULL);

  weeks = dash_corpus_timeline (self, filter, DASH_BUCKET_WEEK, error);
  if (weeks == NULL)
    return NULL;

  for (guint i = 0; i < weeks->len; i++)
    {
      const DashTimelinePoint *week = &g_array_index (weeks, DashTimelinePoint, i);
      guint first = i >= BURST_HISTORY ? i - BURST_HISTORY : 0;
      double baseline = 0.0;
      double ratio;

      /* The usual weekly volume before this week; a topic's first weeks have no
       * history, and count against a baseline of one story a week. */
      for (guint k = first; k < i; k++)
        baseline += g_array_index (weeks, DashTimelinePoint, k).count;
      baseline = i > first ? baseline / (i - first) : 0.0;
      baseline = MAX (baseline, 1.0);
      ratio = week->count / baseline;

      if (week->count >= BURST_MIN_STORIES && ratio >= BURST_RATIO && i >= 2)
        {
          if (open == NULL)
            {
              open = g_new0 (DashBurst, 1);
              open->start = week->start;
              open->baseline = baseline;
              g_ptr_array_add (bursts, open);
            }
          open->end = week->start + 7 * SECONDS_PER_DAY;
          open->count += week->count;
          open->ratio = MAX (open->ratio, week->count / open->baseline);
        }
      else
        open = NULL;
    }

  /* The stories that drive each burst: the most relevant of its weeks. */
  for (guint i = 0; i < bursts->len; i++)
    {
      DashBurst *burst = g_ptr_array_index (bursts, i);
      g_autoptr(DashFilter) within = filter != NULL ? dash_filter_copy (filter) : dash_filter_new ();

      within->from = MAX (within->from, burst->start);
      within->to = within->to != 0 ? MIN (within->to, burst->end) : burst->end;
      within->limit = 5;
      within->sort = within->query != NULL ? DASH_SORT_RELEVANCE : DASH_SORT_DATE_DESC;
      burst->article_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      if (!_dash_corpus_collect_ids (self, within, burst->article_ids, NULL, NULL, error))
        return NULL;
    }

  return g_steal_pointer (&bursts);
}

void
dash_graph_free (DashGraph *graph)
{
  if (graph == NULL)
    return;
  g_clear_pointer (&graph->nodes, g_ptr_array_unref);
  g_clear_pointer (&graph->edges, g_array_unref);
  g_free (graph);
}

void
dash_graph_to_json (const DashGraph *graph,
                    gpointer         json_builder,
                    const double    *positions)
{
  JsonBuilder *builder = json_builder;

  g_return_if_fail (graph != NULL);
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_set_member_name (builder, "articles");
  json_builder_add_int_value (builder, graph->n_articles);
  json_builder_set_member_name (builder, "communities");
  json_builder_add_int_value (builder, graph->n_communities);
  json_builder_set_member_name (builder, "nodes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      DashGraphNode *node = g_ptr_array_index (graph->nodes, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, i);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, node->name);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, dash_entity_type_to_string (node->type));
      json_builder_set_member_name (builder, "articles");
      json_builder_add_int_value (builder, node->articles);
      json_builder_set_member_name (builder, "mentions");
      json_builder_add_int_value (builder, node->mentions);
      json_builder_set_member_name (builder, "degree");
      json_builder_add_int_value (builder, node->degree);
      json_builder_set_member_name (builder, "pagerank");
      json_builder_add_double_value (builder, node->pagerank);
      json_builder_set_member_name (builder, "betweenness");
      json_builder_add_double_value (builder, node->betweenness);
      json_builder_set_member_name (builder, "community");
      json_builder_add_int_value (builder, node->community);
      if (positions != NULL)
        {
          json_builder_set_member_name (builder, "x");
          json_builder_add_double_value (builder, positions[2 * i]);
          json_builder_set_member_name (builder, "y");
          json_builder_add_double_value (builder, positions[2 * i + 1]);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "edges");
  json_builder_begin_array (builder);
  for (guint i = 0; i < graph->edges->len; i++)
    {
      const DashGraphEdge *edge = &g_array_index (graph->edges, DashGraphEdge, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "source");
      json_builder_add_int_value (builder, edge->source);
      json_builder_set_member_name (builder, "target");
      json_builder_add_int_value (builder, edge->target);
      json_builder_set_member_name (builder, "weight");
      json_builder_add_int_value (builder, edge->weight);
      json_builder_set_member_name (builder, "pmi");
      json_builder_add_double_value (builder, edge->pmi);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
graph_node_free (DashGraphNode *node)
{
  g_free (node->name);
  g_free (node);
}

/* Communities (Louvain, weighted) and PageRank with igraph. */
static void
analyse_graph (DashGraph *graph)
{
  igraph_t g;
  igraph_vector_int_t edges;
  igraph_vector_t weights;
  igraph_vector_int_t membership;
  igraph_vector_t rank;
  guint n = graph->nodes->len;

  if (n == 0)
    return;

  igraph_vector_int_init (&edges, 2 * graph->edges->len);
  igraph_vector_init (&weights, graph->edges->len);
  for (guint i = 0; i < graph->edges->len; i++)
    {
      const DashGraphEdge *edge = &g_array_index (graph->edges, DashGraphEdge, i);

      VECTOR (edges)[2 * i] = edge->source;
      VECTOR (edges)[2 * i + 1] = edge->target;
      VECTOR (weights)[i] = edge->weight;
    }
  igraph_create (&g, &edges, n, IGRAPH_UNDIRECTED);

  igraph_vector_int_init (&membership, n);
  /* Louvain visits nodes in a random order: a fixed seed gives the same communities, and
   * so the same colours, every time. */
  igraph_rng_seed (igraph_rng_default (), 1);
  if (graph->edges->len > 0 &&
      igraph_community_multilevel (&g, &weights, 1.0, &membership, NULL, NULL) == IGRAPH_SUCCESS)
    {
      int max = -1;

      for (guint i = 0; i < n; i++)
        {
          DashGraphNode *node = g_ptr_array_index (graph->nodes, i);

          node->community = VECTOR (membership)[i];
          max = MAX (max, node->community);
        }
      graph->n_communities = max + 1;
    }
  else
    {
      /* Without edges every node is its own community. */
      for (guint i = 0; i < n; i++)
        ((DashGraphNode *)g_ptr_array_index (graph->nodes, i))->community = i;
      graph->n_communities = n;
    }

  igraph_vector_init (&rank, n);
  if (igraph_pagerank (&g, IGRAPH_PAGERANK_ALGO_PRPACK, &rank, NULL, igraph_vss_all (),
                       IGRAPH_UNDIRECTED, 0.85,
                       graph->edges->len > 0 ? &weights : NULL, NULL) == IGRAPH_SUCCESS)
    for (guint i = 0; i < n; i++)
      ((DashGraphNode *)g_ptr_array_index (graph->nodes, i))->pagerank = VECTOR (rank)[i];

  /* Betweenness counts shortest paths: a link shared by many stories is a short one. */
  {
    igraph_vector_t lengths;
    igraph_vector_t between;

    igraph_vector_init (&lengths, graph->edges->len);
    for (guint i = 0; i < graph->edges->len; i++)
      VECTOR (lengths)[i] = 1.0 / MAX (g_array_index (graph->edges, DashGraphEdge, i).weight, 1);
    igraph_vector_init (&between, n);
    if (igraph_betweenness (&g, &between, igraph_vss_all (), IGRAPH_UNDIRECTED,
                            graph->edges->len > 0 ? &lengths : NULL) == IGRAPH_SUCCESS)
      for (guint i = 0; i < n; i++)
        ((DashGraphNode *)g_ptr_array_index (graph->nodes, i))->betweenness = VECTOR (between)[i];
    igraph_vector_destroy (&between);
    igraph_vector_destroy (&lengths);
  }

  igraph_vector_destroy (&rank);
  igraph_vector_int_destroy (&membership);
  igraph_destroy (&g);
  igraph_vector_destroy (&weights);
  igraph_vector_int_destroy (&edges);
}

int
dash_cooccurrence_from_string (const char *name)
{
  const char *names[] = { "story", "paragraph", "sentence" };

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return i;
  return -1;
}

static int
compare_guint32 (gconstpointer a,
                 gconstpointer b)
{
  guint32 x = *(const guint32 *)a;
  guint32 y = *(const guint32 *)b;

  return (x > y) - (x < y);
}

static int
compare_int64_first (gconstpointer a,
                     gconstpointer b)
{
  gint64 x = *(const gint64 *)a;
  gint64 y = *(const gint64 *)b;

  return (x > y) - (x < y);
}

/* The units (paragraphs or sentences) a span list stands in, as a sorted set. */
static GArray *
span_units (const guint32 *spans,
            guint          n,
            DashCooccurrence     window)
{
  GArray *units = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n);

  for (guint i = 0; i < n; i++)
    {
      guint32 unit = GUINT32_FROM_LE (spans[DASH_SPAN_WORDS * i + 2]);

      if (unit != DASH_SPAN_TITLE_UNIT && window == DASH_COOCCURRENCE_PARAGRAPH)
        unit >>= 16;
      else if (unit != DASH_SPAN_TITLE_UNIT)
        unit &= 0xffff;
      g_array_append_val (units, unit);
    }
  g_array_sort (units, compare_guint32);
  return units;
}

/* The first unit both sorted sets hold, or G_MAXUINT32. */
static guint32
common_unit (GArray *a,
             GArray *b)
{
  guint i = 0, k = 0;

  while (i < a->len && k < b->len)
    {
      guint32 x = g_array_index (a, guint32, i);
      guint32 y = g_array_index (b, guint32, k);

      if (x == y)
        return x;
      if (x < y)
        i++;
      else
        k++;
    }
  return G_MAXUINT32;
}

typedef struct {
  gint64  entity_id;
  GArray *units;
} EntityUnits;

static void
entity_units_clear (EntityUnits *e)
{
  g_clear_pointer (&e->units, g_array_unref);
}

static void
add_edge (DashGraph *graph,
          guint      source,
          guint      target,
          guint      weight)
{
  DashGraphNode *a = g_ptr_array_index (graph->nodes, source);
  DashGraphNode *b = g_ptr_array_index (graph->nodes, target);
  DashGraphEdge edge;

  edge.source = source;
  edge.target = target;
  edge.weight = weight;
  /* Pointwise mutual information: how much more often the two share a story than
   * chance would have them. */
  edge.pmi = log (((double)weight * MAX (graph->n_articles, 1)) /
                  ((double)MAX (a->articles, 1) * MAX (b->articles, 1)));
  a->degree++;
  b->degree++;
  g_array_append_val (graph->edges, edge);
}

/* Counts, for each pair of entities of one story, whether they share a unit. */
static void
count_story_pairs (GArray     *in_article,
                   GHashTable *index,
                   GHashTable *weights)
{
  for (guint i = 0; i < in_article->len; i++)
    for (guint k = i + 1; k < in_article->len; k++)
      {
        EntityUnits *x = &g_array_index (in_article, EntityUnits, i);
        EntityUnits *y = &g_array_index (in_article, EntityUnits, k);
        guint a, b;
        gint64 key;

        if (common_unit (x->units, y->units) == G_MAXUINT32)
          continue;
        a = GPOINTER_TO_UINT (g_hash_table_lookup (index, &x->entity_id));
        b = GPOINTER_TO_UINT (g_hash_table_lookup (index, &y->entity_id));
        key = ((gint64)MIN (a, b) << 32) | MAX (a, b);
        g_hash_table_insert (weights, g_memdup2 (&key, sizeof key),
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (weights,
                                                                                      &key)) + 1));
      }
}

/* Edges counted story by story, for paragraph and sentence windows. */
static gboolean
window_edges (DashCorpus   *self,
              DashGraph    *graph,
              GHashTable   *index,
              gboolean      scoped,
              guint         min_weight,
              DashCooccurrence    window,
              GError      **error)
{
  g_autoptr(GHashTable) weights = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                         g_free, NULL);
  g_autoptr(GArray) in_article = g_array_new (FALSE, TRUE, sizeof (EntityUnits));
  g_autoptr(GArray) sorted = NULL;
  sqlite3_stmt *stmt = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gint64 current = -1;
  int rc;

  g_array_set_clear_func (in_article, (GDestroyNotify)entity_units_clear);

  if (sqlite3_prepare_v2 (self->db,
                          scoped
                          ? "SELECT ae.article_id, ae.entity_id, ae.spans FROM scope_ids s "
                            "JOIN article_entities ae ON ae.article_id = s.id "
                            "WHERE ae.entity_id IN graph_nodes ORDER BY ae.article_id"
                          : "SELECT ae.article_id, ae.entity_id, ae.spans "
                            "FROM article_entities ae WHERE ae.entity_id IN graph_nodes "
                            "ORDER BY ae.article_id",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _dash_corpus_set_error (self, error, _("cannot build the graph"));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 article = sqlite3_column_int64 (stmt, 0);
      guint n = sqlite3_column_bytes (stmt, 2) / (DASH_SPAN_WORDS * sizeof (guint32));
      EntityUnits e;

      if (article != current)
        {
          count_story_pairs (in_article, index, weights);
          g_array_set_size (in_article, 0);
          current = article;
        }
      e.entity_id = sqlite3_column_int64 (stmt, 1);
      e.units = span_units (sqlite3_column_blob (stmt, 2), n, window);
      g_array_append_val (in_article, e);
    }
  count_story_pairs (in_article, index, weights);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _dash_corpus_set_error (self, error, _("cannot build the graph"));

  /* In a stable order: by pair. */
  sorted = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  g_hash_table_iter_init (&iter, weights);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) >= min_weight)
      {
        gint64 pair[2] = { *(gint64 *)key, GPOINTER_TO_UINT (value) };
        g_array_append_vals (sorted, pair, 1);
      }
  g_array_sort (sorted, compare_int64_first);
  for (guint i = 0; i < sorted->len; i++)
    {
      gint64 *pair = &g_array_index (sorted, gint64, 2 * i);

      add_edge (graph, pair[0] >> 32, pair[0] & 0xffffffff, pair[1]);
    }
  return TRUE;
}

DashGraph *
dash_corpus_graph (DashCorpus        *self,
                   const DashFilter  *filter,
                   guint              limit,
                   guint              min_weight,
                   DashCooccurrence         window,
                   GError           **error)
{
  g_autoptr(DashGraph) graph = g_new0 (DashGraph, 1);
  g_autoptr(GPtrArray) top = NULL;
  g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean scoped;
  guint n_articles = 0;
  int rc;

  g_return_val_if_fail (DASH_IS_CORPUS (self), NULL);

  graph->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify)graph_node_free);
  graph->edges = g_array_new (FALSE, FALSE, sizeof (DashGraphEdge));

  top = dash_corpus_list_entities (self, filter, -1, limit > 0 ? limit : 50, error);
  if (top == NULL)
    return NULL;
  scoped = fill_scope (self, filter, &n_articles, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!scoped)
    {
      DashCorpusStats stats;

      if (!dash_corpus_get_stats (self, &stats, error))
        return NULL;
      n_articles = stats.articles;
    }
  graph->n_articles = n_articles;

  if (sqlite3_exec (self->db, "CREATE TEMP TABLE IF NOT EXISTS graph_nodes "
                              "(id INTEGER PRIMARY KEY); DELETE FROM graph_nodes",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      _dash_corpus_set_error (self, error, _("cannot build the graph"));
      return NULL;
    }
  for (guint i = 0; i < top->len; i++)
    {
      DashEntityStat *stat = g_ptr_array_index (top, i);
      DashGraphNode *node = g_new0 (DashGraphNode, 1);
      g_autofree char *sql = g_strdup_printf ("INSERT INTO graph_nodes VALUES (%" G_GINT64_FORMAT ")",
                                              stat->id);

      node->id = stat->id;
      node->name = g_strdup (stat->name);
      node->type = stat->type;
      node->articles = stat->articles;
      node->mentions = stat->mentions;
      g_ptr_array_add (graph->nodes, node);
      g_hash_table_insert (index, &node->id, GUINT_TO_POINTER (i));
      sqlite3_exec (self->db, sql, NULL, NULL, NULL);
    }

  if (window != DASH_COOCCURRENCE_STORY)
    {
      if (!window_edges (self, graph, index, scoped, MAX (min_weight, 1), window, error))
        return NULL;
      analyse_graph (graph);
      return g_steal_pointer (&graph);
    }

  if (sqlite3_prepare_v2 (self->db,
                          scoped
                          ? "SELECT a.entity_id, b.entity_id, count(*) FROM scope_ids s "
                            "JOIN article_entities a ON a.article_id = s.id "
                            "JOIN article_entities b ON b.article_id = s.id "
                            "AND b.entity_id > a.entity_id "
                            "WHERE a.entity_id IN graph_nodes AND b.entity_id IN graph_nodes "
                            "GROUP BY 1, 2 HAVING count(*) >= ?1"
                          : "SELECT a.entity_id, b.entity_id, count(*) FROM graph_nodes n "
                            "JOIN article_entities a ON a.entity_id = n.id "
                            "JOIN article_entities b ON b.article_id = a.article_id "
                            "AND b.entity_id > a.entity_id "
                            "WHERE b.entity_id IN graph_nodes "
                            "GROUP BY 1, 2 HAVING count(*) >= ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _dash_corpus_set_error (self, error, _("cannot build the graph"));
      return NULL;
    }
  sqlite3_bind_int (stmt, 1, MAX (min_weight, 1));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 a = sqlite3_column_int64 (stmt, 0);
      gint64 b = sqlite3_column_int64 (stmt, 1);

      add_edge (graph, GPOINTER_TO_UINT (g_hash_table_lookup (index, &a)),
                GPOINTER_TO_UINT (g_hash_table_lookup (index, &b)),
                sqlite3_column_int (stmt, 2));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _dash_corpus_set_error (self, error, _("cannot build the graph"));
      return NULL;
    }

  analyse_graph (graph);
  return g_steal_pointer (&graph);
}

void
dash_evidence_free (DashEvidence *evidence)
{
  if (evidence == NULL)
    return;
  g_free (evidence->title);
  g_free (evidence->text);
  g_free (evidence);
}

/* The text of unit @index (of @starts) in @body, trimmed. */
static char *
unit_text (const char *body,
           GArray     *starts,
           guint       index)
{
  glong len = g_utf8_strlen (body, -1);
  glong start = g_array_index (starts, guint32, MIN (index, starts->len - 1));
  glong end = index + 1 < starts->len ? (glong)g_array_index (starts, guint32, index + 1) : len;
  g_autofree char *text = g_utf8_substring (body, MIN (start, len), MIN (end, len));

  return g_strstrip (g_steal_pointer (&text));
}

GPtrArray *
dash_corpus_edge_evidence (DashCorpus  *self,
                           const char  *a,
                           const char  *b,
                           DashCooccurrence   window,
                           guint        limit,
                           GError     **error)
{
  g_autoptr(GPtrArray) evidence = g_ptr_array_new_with_free_func ((GDestroyNotify)dash_evidence_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DASH_IS_CORPUS (self), NULL);
  g_return_val_if_fail (a != NULL && b != NULL, NULL);

  stmt = _dash_corpus_get_statement (self,
                                     "SELECT x.article_id, x.spans, y.spans "
                                     "FROM entities ex JOIN article_entities x "
                                     "ON x.entity_id = ex.id "
                                     "JOIN article_entities y ON y.article_id = x.article_id "
                                     "JOIN entities ey ON ey.id = y.entity_id AND ey.id != ex.id "
                                     "JOIN articles art ON art.id = x.article_id "
                                     "WHERE ex.name = ?1 COLLATE NOCASE "
                                     "AND ey.name = ?2 COLLATE NOCASE "
                                     "ORDER BY art.published DESC, art.id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);

  while ((limit == 0 || evidence->len < limit) && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint nx = sqlite3_column_bytes (stmt, 1) / (DASH_SPAN_WORDS * sizeof (guint32));
      guint ny = sqlite3_column_bytes (stmt, 2) / (DASH_SPAN_WORDS * sizeof (guint32));
      DashCooccurrence unit_window = window == DASH_COOCCURRENCE_STORY ? DASH_COOCCURRENCE_PARAGRAPH : window;
      g_autoptr(GArray) ux = span_units (sqlite3_column_blob (stmt, 1), nx, unit_window);
      g_autoptr(GArray) uy = span_units (sqlite3_column_blob (stmt, 2), ny, unit_window);
      guint32 unit = common_unit (ux, uy);
      g_autoptr(DashArticle) article = NULL;
      DashEvidence *item;

      /* In a story window, any two mentions do; show where the first one stands. */
      if (unit == G_MAXUINT32 && window == DASH_COOCCURRENCE_STORY)
        unit = g_array_index (ux, guint32, 0);
      if (unit == G_MAXUINT32)
        continue;

      article = _dash_corpus_load_article (self, sqlite3_column_int64 (stmt, 0), NULL, NULL);
      if (article == NULL)
        continue;

      item = g_new0 (DashEvidence, 1);
      item->article_id = dash_article_get_id (article);
      item->title = g_strdup (dash_article_get_title (article));
      if (unit == DASH_SPAN_TITLE_UNIT || dash_article_get_body (article) == NULL)
        item->text = g_strdup (dash_article_get_title (article));
      else
        {
          DashUnits units;

          _dash_units_init (&units, dash_article_get_body (article));
          item->text = unit_text (dash_article_get_body (article),
                                  unit_window == DASH_COOCCURRENCE_SENTENCE ? units.sentences
                                                                      : units.paragraphs,
                                  unit);
          _dash_units_clear (&units);
        }
      g_ptr_array_add (evidence, item);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&evidence);
}

static gboolean
entity_name_type (DashCorpus  *self,
                  gint64       id,
                  char       **name,
                  char       **type,
                  GError     **error)
{
  sqlite3_stmt *stmt = _dash_corpus_get_statement (self, "SELECT name, type FROM entities "
                                                         "WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, DASH_ERROR, DASH_ERROR_NOT_FOUND,
                   _("no entity with id %" PRId64), (int64_t)id);
      return FALSE;
    }
  *name = g_strdup (_dash_corpus_column_text (stmt, 0));
  *type = g_strdup (_dash_corpus_column_text (stmt, 1));
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
begin_edit (DashCorpus  *self,
            GError     **error)
{
  if (self->read_only)
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_DATABASE,
                   _("%s: the database is read-only"), self->path);
      return FALSE;
    }
  return _dash_corpus_exec (self, "BEGIN IMMEDIATE", error);
}

static gboolean
end_edit (DashCorpus  *self,
          gboolean     ok,
          GError     **error)
{
  /* Cached name → id pairs may have changed. */
  g_hash_table_remove_all (self->entity_ids);
  if (ok && _dash_corpus_exec (self, "COMMIT", error))
    return TRUE;
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* Points @name/@type at @entity_id from now on. */
static gboolean
set_alias (DashCorpus  *self,
           const char  *name,
           const char  *type,
           gint64       entity_id,
           GError     **error)
{
  sqlite3_stmt *stmt = _dash_corpus_get_statement (self,
                                                   "INSERT OR REPLACE INTO entity_aliases "
                                                   "(name, type, entity_id) "
                                                   "VALUES (?1, ?2, ?3)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, type, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, entity_id);
  return _dash_corpus_step_done (self, stmt, _("cannot store a name"), error);
}

static gboolean
merge_locked (DashCorpus  *self,
              gint64       source_id,
              gint64       target_id,
              GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *type = NULL;
  g_autoptr(GArray) articles = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  sqlite3_stmt *stmt;
  int rc;

  if (!entity_name_type (self, source_id, &name, &type, error))
    return FALSE;

  /* The source's names lead to the target from now on. */
  if (!set_alias (self, name, type, target_id, error))
    return FALSE;
  stmt = _dash_corpus_get_statement (self, "UPDATE entity_aliases SET entity_id = ?2 "
                                           "WHERE entity_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_int64 (stmt, 2, target_id);
  if (!_dash_corpus_step_done (self, stmt, _("cannot merge the entities"), error))
    return FALSE;

  /* Its mentions join the target's, story by story. */
  stmt = _dash_corpus_get_statement (self, "SELECT article_id, spans FROM article_entities "
                                           "WHERE entity_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 article = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (articles, article);
      g_ptr_array_add (spans, g_bytes_new (sqlite3_column_blob (stmt, 1),
                                           sqlite3_column_bytes (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _dash_corpus_set_error (self, error, _("cannot merge the entities"));

  for (guint i = 0; i < articles->len; i++)
    {
      gint64 article = g_array_index (articles, gint64, i);
      GBytes *more = g_ptr_array_index (spans, i);
      g_autoptr(GByteArray) joined = g_byte_array_new ();
      gsize len;
      const guint8 *data;

      stmt = _dash_corpus_get_statement (self, "SELECT spans FROM article_entities "
                                               "WHERE entity_id = ?1 AND article_id = ?2", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, target_id);
      sqlite3_bind_int64 (stmt, 2, article);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        g_byte_array_append (joined, sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
      sqlite3_reset (stmt);
      data = g_bytes_get_data (more, &len);
      g_byte_array_append (joined, data, len);

      stmt = _dash_corpus_get_statement (self,
                                         "INSERT OR REPLACE INTO article_entities "
                                         "(entity_id, article_id, mentions, spans) "
                                         "VALUES (?1, ?2, ?3, ?4)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, target_id);
      sqlite3_bind_int64 (stmt, 2, article);
      sqlite3_bind_int (stmt, 3, joined->len / (DASH_SPAN_WORDS * sizeof (guint32)));
      sqlite3_bind_blob (stmt, 4, joined->data, joined->len, SQLITE_STATIC);
      if (!_dash_corpus_step_done (self, stmt, _("cannot merge the entities"), error))
        return FALSE;
    }

  /* The source goes (with its rows); the target's days are counted anew. */
  stmt = _dash_corpus_get_statement (self, "DELETE FROM entities WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source_id);
  if (!_dash_corpus_step_done (self, stmt, _("cannot merge the entities"), error))
    return FALSE;
  stmt = _dash_corpus_get_statement (self, "DELETE FROM entity_days WHERE entity_id IN (?1, ?2)",
                                     error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_int64 (stmt, 2, target_id);
  if (!_dash_corpus_step_done (self, stmt, _("cannot merge the entities"), error))
    return FALSE;
  stmt = _dash_corpus_get_statement (self,
                                     "INSERT INTO entity_days (entity_id, day, count) "
                                     "SELECT ?1, a.published / 86400, count(*) "
                                     "FROM article_entities e JOIN articles a "
                                     "ON a.id = e.article_id WHERE e.entity_id = ?1 "
                                     "AND a.published IS NOT NULL GROUP BY 2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, target_id);
  return _dash_corpus_step_done (self, stmt, _("cannot merge the entities"), error);
}

/* One story's rows before a merge: the source's, and the target's (NULL when the story
 * did not name the target). */
typedef struct {
  gint64  article_id;
  guint   source_mentions;
  GBytes *source_spans;
  guint   target_mentions;
  GBytes *target_spans;
} MergedStory;

struct _DashMergeRecord {
  gint64  source_id;
  gint64  target_id;
  char   *name;
  char   *type;
  gboolean hidden;
  GPtrArray *aliases;      /* char *: the names that led to the source */
  GArray  *stories;        /* MergedStory */
};

static void
merged_story_clear (MergedStory *story)
{
  g_clear_pointer (&story->source_spans, g_bytes_unref);
  g_clear_pointer (&story->target_spans, g_bytes_unref);
}

void
dash_merge_record_free (DashMergeRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->name);
  g_free (record->type);
  g_clear_pointer (&record->aliases, g_ptr_array_unref);
  g_clear_pointer (&record->stories, g_array_unref);
  g_free (record);
}

const char *
dash_merge_record_get_name (const DashMergeRecord *record)
{
  g_return_val_if_fail (record != NULL, NULL);
  return record->name;
}

static GBytes *
column_bytes (sqlite3_stmt *stmt,
              int           column)
{
  return g_bytes_new (sqlite3_column_blob (stmt, column), sqlite3_column_bytes (stmt, column));
}

/* What merging @source_id into @target_id is about to change. */
static DashMergeRecord *
record_merge (DashCorpus  *self,
              gint64       source_id,
              gint64       target_id,
              GError     **error)
{
  g_autoptr(DashMergeRecord) record = g_new0 (DashMergeRecord, 1);
  sqlite3_stmt *stmt;
  int rc;

  record->source_id = source_id;
  record->target_id = target_id;
  record->aliases = g_ptr_array_new_with_free_func (g_free);
  record->stories = g_array_new (FALSE, TRUE, sizeof (MergedStory));
  g_array_set_clear_func (record->stories, (GDestroyNotify) merged_story_clear);
  if (!entity_name_type (self, source_id, &record->name, &record->type, error))
    return NULL;

  stmt = _dash_corpus_get_statement (self, "SELECT hidden FROM entities WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, source_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    record->hidden = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);

  stmt = _dash_corpus_get_statement (self, "SELECT name FROM entity_aliases WHERE entity_id = ?1",
                                     error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, source_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (record->aliases, g_strdup (_dash_corpus_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _dash_corpus_set_error (self, error, _("cannot merge the entities"));
      return NULL;
    }

  stmt = _dash_corpus_get_statement (self,
                                     "SELECT s.article_id, s.mentions, s.spans, t.mentions, t.spans "
                                     "FROM article_entities s LEFT JOIN article_entities t "
                                     "ON t.article_id = s.article_id AND t.entity_id = ?2 "
                                     "WHERE s.entity_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_int64 (stmt, 2, target_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MergedStory story = { 0, };

      story.article_id = sqlite3_column_int64 (stmt, 0);
      story.source_mentions = sqlite3_column_int (stmt, 1);
      story.source_spans = column_bytes (stmt, 2);
      if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
        {
          story.target_mentions = sqlite3_column_int (stmt, 3);
          story.target_spans = column_bytes (stmt, 4);
        }
      g_array_append_val (record->stories, story);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _dash_corpus_set_error (self, error, _("cannot merge the entities"));
      return NULL;
    }
  return g_steal_pointer (&record);
}

gboolean
dash_corpus_merge_entities_full (DashCorpus        *self,
                                 gint64             source_id,
                                 gint64             target_id,
                                 DashMergeRecord  **record,
                                 GError           **error)
{
  g_autoptr(DashMergeRecord) recorded = NULL;

  g_return_val_if_fail (DASH_IS_CORPUS (self), FALSE);

  if (source_id == target_id)
    {
      g_set_error_literal (error, DASH_ERROR, DASH_ERROR_QUERY,
                           _("an entity cannot be merged into itself"));
      return FALSE;
    }
  if (!begin_edit (self, error))
    return FALSE;
  if (record != NULL && (recorded = record_merge (self, source_id, target_id, error)) == NULL)
    return end_edit (self, FALSE, error);
  if (!end_edit (self, merge_locked (self, source_id, target_id, error), error))
    return FALSE;
  if (record != NULL)
    *record = g_steal_pointer (&recorded);
  return TRUE;
}

gboolean
dash_corpus_merge_entities (DashCorpus  *self,
                            gint64       source_id,
                            gint64       target_id,
                            GError     **error)
{
  return dash_corpus_merge_entities_full (self, source_id, target_id, NULL, error);
}

/* Runs @sql with ?1 and ?2 bound to @a and @b (and ?3 to @c when not NULL). */
static gboolean
run_ids (DashCorpus  *self,
         const char  *sql,
         gint64       a,
         gint64       b,
         const char  *c,
         GError     **error)
{
  sqlite3_stmt *stmt = _dash_corpus_get_statement (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  if (c != NULL)
    sqlite3_bind_text (stmt, 3, c, -1, SQLITE_STATIC);
  return _dash_corpus_step_done (self, stmt, _("cannot undo the merge"), error);
}

static gboolean
put_rows (DashCorpus  *self,
          gint64       entity_id,
          gint64       article_id,
          guint        mentions,
          GBytes      *spans,
          GError     **error)
{
  sqlite3_stmt *stmt = _dash_corpus_get_statement (self,
                                                   "INSERT OR REPLACE INTO article_entities "
                                                   "(entity_id, article_id, mentions, spans) "
                                                   "VALUES (?1, ?2, ?3, ?4)", error);
  gsize len;
  gconstpointer data = g_bytes_get_data (spans, &len);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entity_id);
  sqlite3_bind_int64 (stmt, 2, article_id);
  sqlite3_bind_int (stmt, 3, mentions);
  sqlite3_bind_blob (stmt, 4, data, len, SQLITE_STATIC);
  return _dash_corpus_step_done (self, stmt, _("cannot undo the merge"), error);
}

static gboolean
undo_locked (DashCorpus             *self,
             const DashMergeRecord  *record,
             GError                **error)
{
  sqlite3_stmt *stmt;

  /* The entity comes back under its own id, so that nothing else needs to change. */
  stmt = _dash_corpus_get_statement (self, "INSERT INTO entities (id, name, type, hidden) "
                                           "VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, record->source_id);
  sqlite3_bind_text (stmt, 2, record->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, record->type, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, record->hidden);
  if (!_dash_corpus_step_done (self, stmt, _("cannot undo the merge"), error))
    return FALSE;

  for (guint i = 0; i < record->stories->len; i++)
    {
      const MergedStory *story = &g_array_index (record->stories, MergedStory, i);

      if (!put_rows (self, record->source_id, story->article_id, story->source_mentions,
                     story->source_spans, error))
        return FALSE;
      if (story->target_spans != NULL)
        {
          if (!put_rows (self, record->target_id, story->article_id, story->target_mentions,
                         story->target_spans, error))
            return FALSE;
        }
      else if (!run_ids (self, "DELETE FROM article_entities WHERE entity_id = ?1 "
                               "AND article_id = ?2",
                         record->target_id, story->article_id, NULL, error))
        return FALSE;
    }

  /* Its names lead to it again. */
  if (!run_ids (self, "DELETE FROM entity_aliases WHERE entity_id = ?2 AND name = ?3 "
                      "AND type = (SELECT type FROM entities WHERE id = ?1)",
                record->source_id, record->target_id, record->name, error))
    return FALSE;
  for (guint i = 0; i < record->aliases->len; i++)
    if (!run_ids (self, "UPDATE entity_aliases SET entity_id = ?1 WHERE entity_id = ?2 "
                        "AND name = ?3", record->source_id, record->target_id,
                  g_ptr_array_index (record->aliases, i), error))
      return FALSE;

  /* Both entities' days are counted anew. */
  if (!run_ids (self, "DELETE FROM entity_days WHERE entity_id IN (?1, ?2)",
                record->source_id, record->target_id, NULL, error))
    return FALSE;
  return run_ids (self, "INSERT INTO entity_days (entity_id, day, count) "
                        "SELECT e.entity_id, a.published / 86400, count(*) "
                        "FROM article_entities e JOIN articles a ON a.id = e.article_id "
                        "WHERE e.entity_id IN (?1, ?2) AND a.published IS NOT NULL "
                        "GROUP BY 1, 2", record->source_id, record->target_id, NULL, error);
}

gboolean
dash_corpus_undo_merge (DashCorpus             *self,
                        const DashMergeRecord  *record,
                        GError                **error)
{
  g_return_val_if_fail (DASH_IS_CORPUS (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (!begin_edit (self, error))
    return FALSE;
  return end_edit (self, undo_locked (self, record, error), error);
}

gboolean
dash_corpus_rename_entity (DashCorpus  *self,
                           gint64       entity_id,
                           const char  *name,
                           GError     **error)
{
  g_autofree char *old_name = NULL;
  g_autofree char *type = NULL;
  g_autofree char *new_name = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (DASH_IS_CORPUS (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  new_name = g_strstrip (g_strdup (name));
  if (*new_name == '\0')
    {
      g_set_error_literal (error, DASH_ERROR, DASH_ERROR_QUERY, _("an entity needs a name"));
      return FALSE;
    }
  if (!begin_edit (self, error))
    return FALSE;
  if (!entity_name_type (self, entity_id, &old_name, &type, error))
    return end_edit (self, FALSE, error);

  /* Another entity of that type already has the name: the two are one. */
  stmt = _dash_corpus_get_statement (self, "SELECT id FROM entities WHERE name = ?1 "
                                           "AND type = ?2 AND id != ?3", error);
  if (stmt == NULL)
    return end_edit (self, FALSE, error);
  sqlite3_bind_text (stmt, 1, new_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, type, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, entity_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 other = sqlite3_column_int64 (stmt, 0);

      sqlite3_reset (stmt);
      return end_edit (self, merge_locked (self, entity_id, other, error), error);
    }
  sqlite3_reset (stmt);

  stmt = _dash_corpus_get_statement (self, "UPDATE entities SET name = ?2 WHERE id = ?1", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, entity_id);
      sqlite3_bind_text (stmt, 2, new_name, -1, SQLITE_STATIC);
      ok = _dash_corpus_step_done (self, stmt, _("cannot rename the entity"), error) &&
           (g_str_equal (old_name, new_name) ||
            set_alias (self, old_name, type, entity_id, error));
    }
  return end_edit (self, ok, error);
}

gboolean
dash_corpus_add_entity_alias (DashCorpus  *self,
                              gint64       entity_id,
                              const char  *alias,
                              GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *type = NULL;
  g_autofree char *clean = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DASH_IS_CORPUS (self), FALSE);
  g_return_val_if_fail (alias != NULL, FALSE);

  clean = g_strstrip (g_strdup (alias));
  if (*clean == '\0')
    {
      g_set_error_literal (error, DASH_ERROR, DASH_ERROR_QUERY, _("a name cannot be empty"));
      return FALSE;
    }
  if (!begin_edit (self, error))
    return FALSE;
  if (!entity_name_type (self, entity_id, &name, &type, error))
    return end_edit (self, FALSE, error);
  if (g_str_equal (clean, name))
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_QUERY, _("“%s” is already its name"), clean);
      return end_edit (self, FALSE, error);
    }

  /* A name that is an entity of its own, or another's alias, calls for a merge. */
  stmt = _dash_corpus_get_statement (self, "SELECT 1 FROM entities WHERE name = ?1 AND type = ?2 "
                                           "UNION ALL SELECT 1 FROM entity_aliases "
                                           "WHERE name = ?1 AND type = ?2 AND entity_id != ?3",
                                     error);
  if (stmt == NULL)
    return end_edit (self, FALSE, error);
  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, type, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, entity_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_QUERY,
                   _("“%s” is the name of another entity: merge the two instead"), clean);
      return end_edit (self, FALSE, error);
    }

  return end_edit (self, set_alias (self, clean, type, entity_id, error), error);
}

void
dash_name_alias_free (DashNameAlias *alias)
{
  if (alias == NULL)
    return;
  g_free (alias->alias);
  g_free (alias->name);
  g_free (alias);
}

GPtrArray *
dash_corpus_list_name_aliases (DashCorpus  *self,
                               GError     **error)
{
  g_autoptr(GPtrArray) aliases = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DASH_IS_CORPUS (self), NULL);

  stmt = _dash_corpus_get_statement (self, "SELECT a.name, e.name, e.type FROM entity_aliases a "
                                           "JOIN entities e ON e.id = a.entity_id "
                                           "WHERE a.name != e.name ORDER BY a.name", error);
  if (stmt == NULL)
    return NULL;
  aliases = g_ptr_array_new_with_free_func ((GDestroyNotify) dash_name_alias_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int type = dash_entity_type_from_string (_dash_corpus_column_text (stmt, 2));
      DashNameAlias *alias;

      if (type < 0)
        continue;
      alias = g_new0 (DashNameAlias, 1);
      alias->alias = g_strdup (_dash_corpus_column_text (stmt, 0));
      alias->name = g_strdup (_dash_corpus_column_text (stmt, 1));
      alias->type = (DashEntityType) type;
      g_ptr_array_add (aliases, alias);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _dash_corpus_set_error (self, error, _("cannot list the names"));
      return NULL;
    }
  return g_steal_pointer (&aliases);
}

gboolean
dash_corpus_set_entity_hidden (DashCorpus  *self,
                               gint64       entity_id,
                               gboolean     hidden,
                               GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (DASH_IS_CORPUS (self), FALSE);

  if (!begin_edit (self, error))
    return FALSE;
  stmt = _dash_corpus_get_statement (self, "UPDATE entities SET hidden = ?2 WHERE id = ?1",
                                     error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, entity_id);
      sqlite3_bind_int (stmt, 2, !!hidden);
      ok = _dash_corpus_step_done (self, stmt, _("cannot hide the entity"), error);
    }
  return end_edit (self, ok, error);
}

GPtrArray *
dash_corpus_entity_aliases (DashCorpus  *self,
                            gint64       entity_id,
                            GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DASH_IS_CORPUS (self), NULL);

  stmt = _dash_corpus_get_statement (self, "SELECT a.name FROM entity_aliases a "
                                           "JOIN entities e ON e.id = a.entity_id "
                                           "WHERE a.entity_id = ?1 AND a.name != e.name "
                                           "ORDER BY a.name", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, entity_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup (_dash_corpus_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _dash_corpus_set_error (self, error, _("cannot list the names"));
      return NULL;
    }
  return g_steal_pointer (&names);
}
