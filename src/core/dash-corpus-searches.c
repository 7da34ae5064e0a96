/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The searches the user saved, and how many stories each gained since last seen. */

#define G_LOG_DOMAIN "dash-corpus"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "dash-corpus-private.h"

#define SAVED_SEARCH_COLUMNS "id, name, filter, created, seen, notify"

void
dash_saved_search_free (DashSavedSearch *search)
{
  if (search == NULL)
    return;
  g_free (search->name);
  g_clear_pointer (&search->filter, dash_filter_free);
  g_free (search);
}

static gboolean
check_writable (DashCorpus  *self,
                GError     **error)
{
  if (!self->read_only)
    return TRUE;
  g_set_error (error, DASH_ERROR, DASH_ERROR_DATABASE,
               _("%s: the database is read-only"), self->path);
  return FALSE;
}

/* A row of SAVED_SEARCH_COLUMNS; a filter that no longer parses selects nothing rather
 * than everything, and keeps its name so that the user can delete it. */
static DashSavedSearch *
saved_search_from_row (sqlite3_stmt *stmt)
{
  DashSavedSearch *search = g_new0 (DashSavedSearch, 1);
  const char *json = _dash_corpus_column_text (stmt, 2);

  search->id = sqlite3_column_int64 (stmt, 0);
  search->name = g_strdup (_dash_corpus_column_text (stmt, 1));
  search->filter = dash_filter_new_from_json (json != NULL ? json : "", NULL);
  if (search->filter == NULL)
    {
      search->filter = dash_filter_new ();
      search->filter->query = g_strdup ("\"\"");
    }
  search->created = sqlite3_column_int64 (stmt, 3);
  search->seen = sqlite3_column_int64 (stmt, 4);
  search->notify = sqlite3_column_int (stmt, 5) != 0;
  return search;
}

GPtrArray *
dash_corpus_list_saved_searches (DashCorpus  *self,
                                 GError     **error)
{
  g_autoptr(GPtrArray) searches = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DASH_IS_CORPUS (self), NULL);

  stmt = _dash_corpus_get_statement (self, "SELECT " SAVED_SEARCH_COLUMNS " FROM saved_searches "
                                           "ORDER BY name COLLATE NOCASE, id", error);
  if (stmt == NULL)
    return NULL;

  searches = g_ptr_array_new_with_free_func ((GDestroyNotify) dash_saved_search_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (searches, saved_search_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _dash_corpus_set_error (self, error, _("cannot read the saved searches"));
      return NULL;
    }
  return g_steal_pointer (&searches);
}

DashSavedSearch *
dash_corpus_get_saved_search (DashCorpus  *self,
                              gint64       id,
                              GError     **error)
{
  DashSavedSearch *search = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DASH_IS_CORPUS (self), NULL);

  stmt = _dash_corpus_get_statement (self, "SELECT " SAVED_SEARCH_COLUMNS " FROM saved_searches "
                                           "WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    search = saved_search_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return search;
  if (rc == SQLITE_DONE)
    g_set_error (error, DASH_ERROR, DASH_ERROR_NOT_FOUND,
                 _("No saved search with the id %" PRId64), (int64_t) id);
  else
    _dash_corpus_set_error (self, error, _("cannot read the saved searches"));
  return NULL;
}

DashSavedSearch *
dash_corpus_save_search (DashCorpus        *self,
                         const char        *name,
                         const DashFilter  *filter,
                         GError           **error)
{
  g_autoptr(DashFilter) stored = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *json = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (DASH_IS_CORPUS (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  clean = g_strstrip (g_strdup (name));
  if (clean[0] == '\0')
    {
      g_set_error_literal (error, DASH_ERROR, DASH_ERROR_QUERY, _("A saved search needs a name"));
      return NULL;
    }
  if (!check_writable (self, error))
    return NULL;

  stored = dash_filter_copy (filter);
  stored->limit = 0;
  stored->imported_after = 0;
  json = dash_filter_to_json (stored);

  stmt = _dash_corpus_get_statement (self,
                                     "INSERT INTO saved_searches (name, filter, created, seen) "
                                     "VALUES (?1, ?2, ?3, ?3) "
                                     "ON CONFLICT (name) DO UPDATE SET filter = excluded.filter, "
                                     "seen = excluded.seen RETURNING id",
                                     error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      _dash_corpus_set_error (self, error, _("cannot save the search"));
      return NULL;
    }
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);

  return dash_corpus_get_saved_search (self, id, error);
}

/* Runs @sql, which changes the saved search @id (bound as ?1) and maybe binds ?2 with
 * @text or @value, and says when there is no such search. */
static gboolean
change_saved_search (DashCorpus  *self,
                     const char  *sql,
                     gint64       id,
                     const char  *text,
                     gint64       value,
                     GError     **error)
{
  sqlite3_stmt *stmt;

  if (!check_writable (self, error))
    return FALSE;
  stmt = _dash_corpus_get_statement (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (text != NULL)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  else if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, value);
  if (!_dash_corpus_step_done (self, stmt, _("cannot change the saved search"), error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_NOT_FOUND,
                   _("No saved search with the id %" PRId64), (int64_t) id);
      return FALSE;
    }
  return TRUE;
}

gboolean
dash_corpus_delete_saved_search (DashCorpus  *self,
                                 gint64       id,
                                 GError     **error)
{
  g_return_val_if_fail (DASH_IS_CORPUS (self), FALSE);
  return change_saved_search (self, "DELETE FROM saved_searches WHERE id = ?1",
                              id, NULL, 0, error);
}

gboolean
dash_corpus_rename_saved_search (DashCorpus  *self,
                                 gint64       id,
                                 const char  *name,
                                 GError     **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (DASH_IS_CORPUS (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  clean = g_strstrip (g_strdup (name));
  if (clean[0] == '\0')
    {
      g_set_error_literal (error, DASH_ERROR, DASH_ERROR_QUERY, _("A saved search needs a name"));
      return FALSE;
    }
  if (!change_saved_search (self, "UPDATE OR IGNORE saved_searches SET name = ?2 WHERE id = ?1",
                            id, clean, 0, error))
    {
      /* OR IGNORE: a clash with another search's name changes nothing. */
      if (g_error_matches (*error, DASH_ERROR, DASH_ERROR_NOT_FOUND))
        {
          g_autoptr(DashSavedSearch) existing = dash_corpus_get_saved_search (self, id, NULL);

          if (existing != NULL)
            {
              g_clear_error (error);
              g_set_error (error, DASH_ERROR, DASH_ERROR_QUERY,
                           _("A saved search is already called “%s”"), clean);
            }
        }
      return FALSE;
    }
  return TRUE;
}

gboolean
dash_corpus_mark_saved_search_seen (DashCorpus  *self,
                                    gint64       id,
                                    gint64       when,
                                    GError     **error)
{
  g_return_val_if_fail (DASH_IS_CORPUS (self), FALSE);
  return change_saved_search (self, "UPDATE saved_searches SET seen = ?2 WHERE id = ?1",
                              id, NULL, when, error);
}

gboolean
dash_corpus_set_saved_search_notify (DashCorpus  *self,
                                     gint64       id,
                                     gboolean     notify,
                                     GError     **error)
{
  g_return_val_if_fail (DASH_IS_CORPUS (self), FALSE);
  return change_saved_search (self, "UPDATE saved_searches SET notify = ?2 WHERE id = ?1",
                              id, NULL, notify ? 1 : 0, error);
}

gboolean
dash_corpus_count_new_stories (DashCorpus            *self,
                               const DashSavedSearch *search,
                               guint                 *count,
                               GError               **error)
{
  g_autoptr(DashFilter) filter = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (DASH_IS_CORPUS (self), FALSE);
  g_return_val_if_fail (search != NULL, FALSE);
  g_return_val_if_fail (count != NULL, FALSE);

  filter = dash_filter_copy (search->filter);
  /* 0 would mean no bound. */
  filter->imported_after = MAX (search->seen, 1);
  filter->limit = 0;
  model = dash_corpus_query (self, filter, &local_error);
  if (model == NULL)
    {
      /* A query that no longer parses has no new stories rather than an error. */
      if (g_error_matches (local_error, DASH_ERROR, DASH_ERROR_QUERY))
        {
          *count = 0;
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *count = g_list_model_get_n_items (model);
  return TRUE;
}

GPtrArray *
dash_corpus_saved_searches_to_notify (DashCorpus  *self,
                                      gint64       since,
                                      GArray     **counts,
                                      GError     **error)
{
  g_autoptr(GPtrArray) searches = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GArray) n_new = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_val_if_fail (DASH_IS_CORPUS (self), NULL);

  searches = dash_corpus_list_saved_searches (self, error);
  if (searches == NULL)
    return NULL;
  alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) dash_saved_search_free);
  for (guint i = 0; i < searches->len; i++)
    {
      DashSavedSearch *search = g_ptr_array_index (searches, i);
      guint count = 0;

      if (!search->notify)
        continue;
      /* What came since @since, and the user has not seen yet. */
      search->seen = MAX (search->seen, since);
      if (!dash_corpus_count_new_stories (self, search, &count, error))
        return NULL;
      if (count == 0)
        continue;
      g_ptr_array_add (alerts, g_ptr_array_steal_index (searches, i--));
      g_array_append_val (n_new, count);
    }
  if (counts != NULL)
    *counts = g_steal_pointer (&n_new);
  return g_steal_pointer (&alerts);
}
