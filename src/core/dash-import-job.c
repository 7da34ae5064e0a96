/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-import-job"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "dash-analyzer.h"
#include "dash-article.h"
#include "dash-corpus.h"
#include "dash-import-job.h"
#include "dash-parser.h"

struct _DashImportJob
{
  GObject       parent_instance;

  char         *db_path;
  GStrv         paths;

  /* Written by the worker, read by anyone: under @lock. */
  GMutex        lock;
  guint         imported;
  guint         duplicates;
  guint         failed;
  guint         files_done;
  guint         files_total;
  guint64       bytes_read;
  char         *current_file;
  GPtrArray    *failures;

  /* Where progress is notified, and whether a notification is already on its way. */
  GMainContext *context;
  gboolean      notify_pending;
  gboolean      skip_analysis;
};

G_DEFINE_FINAL_TYPE (DashImportJob, dash_import_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_IMPORTED,
  PROP_DUPLICATES,
  PROP_FAILED,
  PROP_FILES_DONE,
  PROP_FILES_TOTAL,
  PROP_FRACTION,
  PROP_CURRENT_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
failure_free (DashImportFailure *failure)
{
  g_free (failure->path);
  g_free (failure->message);
  g_free (failure);
}

static void
dash_import_job_finalize (GObject *object)
{
  DashImportJob *self = (DashImportJob *)object;

  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->paths, g_strfreev);
  g_clear_pointer (&self->current_file, g_free);
  g_clear_pointer (&self->failures, g_ptr_array_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (dash_import_job_parent_class)->finalize (object);
}

static void
dash_import_job_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DashImportJob *self = DASH_IMPORT_JOB (object);

  switch (prop_id)
    {
    case PROP_IMPORTED:
      g_value_set_uint (value, dash_import_job_get_imported (self));
      break;
    case PROP_DUPLICATES:
      g_value_set_uint (value, dash_import_job_get_duplicates (self));
      break;
    case PROP_FAILED:
      g_value_set_uint (value, dash_import_job_get_failed (self));
      break;
    case PROP_FILES_DONE:
      g_value_set_uint (value, dash_import_job_get_files_done (self));
      break;
    case PROP_FILES_TOTAL:
      g_value_set_uint (value, dash_import_job_get_files_total (self));
      break;
    case PROP_FRACTION:
      g_value_set_double (value, dash_import_job_get_fraction (self));
      break;
    case PROP_CURRENT_FILE:
      g_mutex_lock (&self->lock);
      g_value_set_string (value, self->current_file);
      g_mutex_unlock (&self->lock);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dash_import_job_class_init (DashImportJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dash_import_job_finalize;
  object_class->get_property = dash_import_job_get_property;

  properties[PROP_IMPORTED] = g_param_spec_uint ("imported", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_DUPLICATES] = g_param_spec_uint ("duplicates", NULL, NULL, 0, G_MAXUINT, 0,
                                                   flags);
  properties[PROP_FAILED] = g_param_spec_uint ("failed", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_FILES_DONE] = g_param_spec_uint ("files-done", NULL, NULL, 0, G_MAXUINT, 0,
                                                   flags);
  properties[PROP_FILES_TOTAL] = g_param_spec_uint ("files-total", NULL, NULL, 0, G_MAXUINT, 0,
                                                    flags);
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0, flags);
  properties[PROP_CURRENT_FILE] = g_param_spec_string ("current-file", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dash_import_job_init (DashImportJob *self)
{
  g_mutex_init (&self->lock);
  self->failures = g_ptr_array_new_with_free_func ((GDestroyNotify)failure_free);
}

DashImportJob *
dash_import_job_new (const char         *db_path,
                     const char * const *paths)
{
  DashImportJob *self;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (paths != NULL, NULL);

  self = g_object_new (DASH_TYPE_IMPORT_JOB, NULL);
  self->db_path = g_strdup (db_path);
  self->paths = g_strdupv ((char **)paths);
  return self;
}

void
dash_import_job_set_analyze (DashImportJob *self,
                             gboolean       analyze)
{
  g_return_if_fail (DASH_IS_IMPORT_JOB (self));
  self->skip_analysis = !analyze;
}

static gboolean
notify_progress_cb (gpointer user_data)
{
  DashImportJob *self = user_data;

  g_mutex_lock (&self->lock);
  self->notify_pending = FALSE;
  g_mutex_unlock (&self->lock);

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = PROP_0 + 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));

  return G_SOURCE_REMOVE;
}

/* Called with @lock held: schedules at most one notification on the caller's
 * context, at a priority below redrawing so that a fast import never floods it. */
static void
queue_notify_locked (DashImportJob *self)
{
  if (self->context == NULL || self->notify_pending)
    return;
  self->notify_pending = TRUE;
  {
    g_autoptr(GSource) source = g_idle_source_new ();

    g_source_set_priority (source, G_PRIORITY_LOW);
    g_source_set_callback (source, notify_progress_cb, g_object_ref (self), g_object_unref);
    g_source_set_static_name (source, "[dash] import progress");
    g_source_attach (source, self->context);
  }
}

static void
add_failure (DashImportJob *self,
             const char    *path,
             const char    *message,
             gboolean       file_failed)
{
  DashImportFailure *failure = g_new0 (DashImportFailure, 1);

  failure->path = g_strdup (path);
  failure->message = g_strdup (message);
  failure->partial = !file_failed;

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->failures, failure);
  if (file_failed)
    self->failed++;
  queue_notify_locked (self);
  g_mutex_unlock (&self->lock);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *)a, *(char * const *)b);
}

/* Adds the regular files below @path (or @path itself) to @files, in name order. */
static void
collect_files (DashImportJob *self,
               const char    *path,
               GPtrArray     *files,
               GCancellable  *cancellable,
               guint          depth)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) children = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      add_failure (self, path, _("no such file or folder"), TRUE);
      return;
    }
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (files, g_strdup (path));
      return;
    }
  if (depth > 32)
    {
      add_failure (self, path, _("folder nested too deep, not read"), FALSE);
      return;
    }

  dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    {
      add_failure (self, path, error->message, TRUE);
      return;
    }

  children = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (children, g_build_filename (path, name, NULL));
  g_ptr_array_sort (children, compare_paths);

  for (guint i = 0; i < children->len; i++)
    {
      const char *child = g_ptr_array_index (children, i);

      if (g_cancellable_is_cancelled (cancellable))
        return;
      /* Symbolic links to folders could loop; files behind links are fine. */
      if (g_file_test (child, G_FILE_TEST_IS_SYMLINK) && g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          add_failure (self, child, _("a link to a folder, not followed"), FALSE);
          continue;
        }
      collect_files (self, child, files, cancellable, depth + 1);
    }
}

/* One file, parsed by the parser thread and handed to the writer. */
typedef struct {
  char      *path;
  guint      index;     /* in the list of files: stories are stored in that order */
  GPtrArray *articles;
  char      *warning;
  GError    *error;
  gboolean   last;
} Parsed;

static void
parsed_free (Parsed *parsed)
{
  g_free (parsed->path);
  g_clear_pointer (&parsed->articles, g_ptr_array_unref);
  g_free (parsed->warning);
  g_clear_error (&parsed->error);
  g_free (parsed);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Parsed, parsed_free)

/* Files parsed ahead of the writer, at most: enough to keep both cores busy without
 * holding a large import in memory. */
#define PARSE_AHEAD 4

/* Parsing and analysing a story costs about twice what storing it does: two threads
 * do it while the caller's thread stores, and the three share the machine's cores. */
#define N_PARSERS 2

/* How much less the parser threads weigh than others: when the cores are all busy,
 * the writer (which must store in order) and the application's main thread go
 * first, and the parsers take what is left. Three threads on two cores otherwise
 * share them evenly and the writer falls behind (-7 % import time at 10k stories). */
#define PARSER_NICENESS 5

typedef struct {
  GPtrArray    *files;
  DashAnalyzer *analyzer;
  GDateTime    *now;
  GCancellable *cancellable;
  GAsyncQueue  *parsed;   /* Parsed, to the writer */
  GAsyncQueue  *slots;    /* tokens, back to the parsers */
  GAsyncQueue  *stored;   /* Parsed the writer is done with, then FINISH: to free */
  guint         next;     /* the next file to claim, atomically */
  gint          stop;
} Pipeline;

/* Ends the queue of stored files. */
static char finish;
#define FINISH ((gpointer)&finish)

/* Frees the files the writer has stored: freeing thousands of stories would cost the
 * writer time, and the parsers have it to spare. */
static void
free_stored (Pipeline *pipeline)
{
  Parsed *parsed;

  while ((parsed = g_async_queue_try_pop (pipeline->stored)) != NULL)
    parsed_free (parsed);
}

static gpointer
parse_thread (gpointer user_data)
{
  Pipeline *pipeline = user_data;

#ifdef __linux__
  /* On Linux a thread has a niceness of its own; a failure only costs speed. */
  if (setpriority (PRIO_PROCESS, (id_t)syscall (SYS_gettid), PARSER_NICENESS) != 0)
    g_debug ("cannot lower the priority of a parser thread: %s", g_strerror (errno));
#endif

  for (;;)
    {
      Parsed *parsed;
      guint i;

      g_async_queue_pop (pipeline->slots);
      free_stored (pipeline);
      if (g_atomic_int_get (&pipeline->stop) || g_cancellable_is_cancelled (pipeline->cancellable))
        break;
      /* Files are claimed in order, so the one the writer waits for is always taken. */
      i = (guint)g_atomic_int_add ((gint *)&pipeline->next, 1);
      if (i >= pipeline->files->len)
        break;

      parsed = g_new0 (Parsed, 1);
      parsed->index = i;
      parsed->path = g_strdup (g_ptr_array_index (pipeline->files, i));
      parsed->articles = dash_parser_parse_file (parsed->path, pipeline->now, NULL,
                                                 &parsed->warning, &parsed->error);
      /* Entities and topics are found here too, off the writer's thread. */
      for (guint k = 0; pipeline->analyzer != NULL && parsed->articles != NULL &&
                        k < parsed->articles->len; k++)
        dash_analyzer_analyze (pipeline->analyzer, g_ptr_array_index (parsed->articles, k));
      g_async_queue_push (pipeline->parsed, parsed);
    }

  /* Tells the writer this parser is done; the slot it took goes back for the others. */
  {
    Parsed *last = g_new0 (Parsed, 1);
    gpointer token;

    last->last = TRUE;
    g_async_queue_push (pipeline->slots, GUINT_TO_POINTER (1));
    g_async_queue_push (pipeline->parsed, last);

    /* Then frees what the writer stores, until it is done. */
    while ((token = g_async_queue_pop (pipeline->stored)) != FINISH)
      parsed_free (token);
  }
  return NULL;
}

static gboolean
store_parsed (DashImportJob  *self,
              DashCorpus     *corpus,
              Parsed         *parsed,
              GCancellable   *cancellable,
              GError        **error)
{
  GStatBuf st;

  if (parsed->articles == NULL)
    {
      /* The error already names the file; the failure list shows the path apart. */
      const char *message = parsed->error->message;
      gsize len = strlen (parsed->path);

      if (strncmp (message, parsed->path, len) == 0 && strncmp (message + len, ": ", 2) == 0)
        message += len + 2;
      add_failure (self, parsed->path, message, TRUE);
    }
  else
    {
      GPtrArray *articles = parsed->articles;

      if (parsed->warning != NULL)
        add_failure (self, parsed->path, parsed->warning, FALSE);

      for (guint start = 0; start < articles->len; start += DASH_IMPORT_BATCH_SIZE)
        {
          guint n = MIN (DASH_IMPORT_BATCH_SIZE, articles->len - start);
          g_autoptr(GPtrArray) batch = g_ptr_array_new_full (n, NULL);
          guint added = 0;
          guint duplicates = 0;

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;

          for (guint k = 0; k < n; k++)
            g_ptr_array_add (batch, g_ptr_array_index (articles, start + k));
          if (!dash_corpus_add_articles (corpus, batch, &added, &duplicates, error))
            return FALSE;

          g_mutex_lock (&self->lock);
          self->imported += added;
          self->duplicates += duplicates;
          queue_notify_locked (self);
          g_mutex_unlock (&self->lock);
        }
    }

  g_mutex_lock (&self->lock);
  self->files_done++;
  if (g_stat (parsed->path, &st) == 0)
    self->bytes_read += st.st_size;
  queue_notify_locked (self);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

gboolean
dash_import_job_run (DashImportJob  *self,
                     GCancellable   *cancellable,
                     GError        **error)
{
  g_autoptr(DashCorpus) corpus = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GAsyncQueue) parsed_queue = NULL;
  g_autoptr(GAsyncQueue) slots = NULL;
  g_autoptr(GAsyncQueue) stored = NULL;
  g_autoptr(DashAnalyzer) analyzer = NULL;
  g_autoptr(GHashTable) pending = NULL;
  Pipeline pipeline = { 0 };
  GThread *parsers[N_PARSERS];
  guint n_done = 0;
  guint next = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (DASH_IS_IMPORT_JOB (self), FALSE);

  corpus = _dash_corpus_open_unshared (self->db_path, error);
  if (corpus == NULL)
    return FALSE;
  if (dash_corpus_get_read_only (corpus))
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_DATABASE,
                   _("%s: the database is read-only"), self->db_path);
      return FALSE;
    }

  _dash_corpus_begin_bulk (corpus);
  if (!self->skip_analysis)
    {
      analyzer = dash_analyzer_new_for_corpus (corpus, error);
      if (analyzer == NULL)
        return FALSE;
      /* Stories stored by an older analysis (or before there was one) are brought up
       * to date first, so that every view agrees. */
      if (dash_analyzer_is_stale (analyzer, corpus) &&
          !dash_analyzer_reanalyze (analyzer, corpus, cancellable, error))
        return FALSE;
    }

  for (guint i = 0; self->paths[i] != NULL; i++)
    collect_files (self, self->paths[i], files, cancellable, 0);

  g_mutex_lock (&self->lock);
  self->files_total = files->len;
  queue_notify_locked (self);
  g_mutex_unlock (&self->lock);

  parsed_queue = g_async_queue_new_full ((GDestroyNotify)parsed_free);
  slots = g_async_queue_new ();
  stored = g_async_queue_new ();
  for (guint i = 0; i < PARSE_AHEAD; i++)
    g_async_queue_push (slots, GUINT_TO_POINTER (1));
  pipeline.files = files;
  pipeline.analyzer = analyzer;
  pipeline.now = now;
  pipeline.cancellable = cancellable;
  pipeline.parsed = parsed_queue;
  pipeline.slots = slots;
  pipeline.stored = stored;
  for (guint i = 0; i < N_PARSERS; i++)
    parsers[i] = g_thread_new ("dash-parse", parse_thread, &pipeline);

  /* Files arrive in any order and are stored in the order of the list. */
  pending = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)parsed_free);
  while (n_done < N_PARSERS)
    {
      Parsed *arrived = g_async_queue_pop (parsed_queue);
      Parsed *parsed;

      if (arrived->last)
        {
          parsed_free (arrived);
          n_done++;
          continue;
        }
      g_hash_table_insert (pending, GUINT_TO_POINTER (arrived->index), arrived);

      while ((parsed = g_hash_table_lookup (pending, GUINT_TO_POINTER (next))) != NULL)
        {
          if (ok)
            {
              g_mutex_lock (&self->lock);
              g_free (self->current_file);
              self->current_file = g_strdup (parsed->path);
              queue_notify_locked (self);
              g_mutex_unlock (&self->lock);

              ok = store_parsed (self, corpus, parsed, cancellable, error);
              if (!ok)
                g_atomic_int_set (&pipeline.stop, TRUE);
            }
          g_hash_table_steal (pending, GUINT_TO_POINTER (next));
          next++;
          g_async_queue_push (stored, parsed);
          g_async_queue_push (slots, GUINT_TO_POINTER (1));
        }
    }
  for (guint i = 0; i < N_PARSERS; i++)
    g_async_queue_push (stored, FINISH);
  for (guint i = 0; i < N_PARSERS; i++)
    g_thread_join (parsers[i]);

  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  if (ok && analyzer != NULL &&
      !_dash_corpus_set_meta (corpus, "analysis_version",
                              dash_analyzer_get_version (analyzer), error))
    ok = FALSE;

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->current_file, g_free);
  queue_notify_locked (self);
  g_mutex_unlock (&self->lock);

  return ok;
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  DashImportJob *self = source_object;
  GError *error = NULL;

  if (dash_import_job_run (self, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
dash_import_job_run_async (DashImportJob       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DASH_IS_IMPORT_JOB (self));

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();
  g_mutex_unlock (&self->lock);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dash_import_job_run_async);
  g_task_set_name (task, "[dash] import");
  g_task_run_in_thread (task, run_thread);
}

gboolean
dash_import_job_run_finish (DashImportJob  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (DASH_IS_IMPORT_JOB (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  /* Views read the final counts right after: make sure they are notified. */
  notify_progress_cb (g_object_ref (self));
  g_object_unref (self);

  return g_task_propagate_boolean (G_TASK (result), error);
}

#define LOCKED_GETTER(type, name, expr)                 \
  type                                                  \
  dash_import_job_get_##name (DashImportJob *self)      \
  {                                                     \
    type value;                                         \
    g_return_val_if_fail (DASH_IS_IMPORT_JOB (self), 0); \
    g_mutex_lock (&self->lock);                         \
    value = (expr);                                     \
    g_mutex_unlock (&self->lock);                       \
    return value;                                       \
  }

LOCKED_GETTER (guint, imported, self->imported)
LOCKED_GETTER (guint, duplicates, self->duplicates)
LOCKED_GETTER (guint, failed, self->failed)
LOCKED_GETTER (guint, files_done, self->files_done)
LOCKED_GETTER (guint, files_total, self->files_total)
LOCKED_GETTER (guint64, bytes_read, self->bytes_read)
LOCKED_GETTER (double, fraction,
               self->files_total > 0 ? (double)self->files_done / self->files_total : 0.0)

GPtrArray *
dash_import_job_get_failures (DashImportJob *self)
{
  g_return_val_if_fail (DASH_IS_IMPORT_JOB (self), NULL);
  return self->failures;
}
