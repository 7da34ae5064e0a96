/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dash-types.h"

G_BEGIN_DECLS

#define DASH_TYPE_IMPORT_JOB (dash_import_job_get_type ())
G_DECLARE_FINAL_TYPE (DashImportJob, dash_import_job, DASH, IMPORT_JOB, GObject)

/* Articles stored per transaction: a crash or cancel keeps every finished batch. Each
 * commit writes the pages it changed to the log: 1000 write half as much as 500. */
#define DASH_IMPORT_BATCH_SIZE 1000

typedef struct {
  char     *path;
  char     *message;
  gboolean  partial;   /* The file imported, but parts of it were skipped. */
} DashImportFailure;

/* Imports files and folders (recursively, every regular file) into the database at
 * @db_path, on its own connection. Progress properties (files-done, files-total,
 * imported, duplicates, failed, fraction, current-file) are notified on the thread
 * default main context of the caller of dash_import_job_run_async(). */
DashImportJob *dash_import_job_new            (const char          *db_path,
                                               const char * const  *paths);

/* Whether stories are analysed (entities, topics) as they are imported: TRUE unless
 * set otherwise, for benchmarks that time parsing and indexing alone. */
void           dash_import_job_set_analyze    (DashImportJob       *self,
                                               gboolean             analyze);

void           dash_import_job_run_async      (DashImportJob       *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean       dash_import_job_run_finish     (DashImportJob       *self,
                                               GAsyncResult        *result,
                                               GError             **error);
/* Runs in the calling thread. Returns FALSE only when the database itself fails or the
 * import is cancelled; unreadable files are listed in get_failures(). */
gboolean       dash_import_job_run            (DashImportJob       *self,
                                               GCancellable        *cancellable,
                                               GError             **error);

guint          dash_import_job_get_imported   (DashImportJob       *self);
guint          dash_import_job_get_duplicates (DashImportJob       *self);
guint          dash_import_job_get_failed     (DashImportJob       *self);
guint          dash_import_job_get_files_done (DashImportJob       *self);
guint          dash_import_job_get_files_total (DashImportJob      *self);
double         dash_import_job_get_fraction   (DashImportJob       *self);
/* Bytes of the files read so far. */
guint64        dash_import_job_get_bytes_read (DashImportJob       *self);
/* (element-type DashImportFailure) The job's own list: read it once the job is over. */
GPtrArray     *dash_import_job_get_failures   (DashImportJob       *self);

G_END_DECLS
