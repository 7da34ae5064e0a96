/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dash-core.h"

G_BEGIN_DECLS

/* Small helpers the pages share. */

/* "Mar 2025" for a bucket starting at @start (Unix seconds UTC). */
char       *dash_format_month             (gint64                start);
/* The story's date in the user's locale, "(estimated)" added when it was guessed. */
char       *dash_format_article_date      (DashArticle          *article,
                                           gboolean             *out_estimated);
/* "Person", "Organization"…, translated. */
const char *dash_entity_type_label        (DashEntityType        type);
/* "entity-person"…: the CSS class that colours mentions of that type. */
const char *dash_entity_type_css_class    (DashEntityType        type);
/* Pango markup for a search snippet where "**" marks the matches; the text is escaped. */
char       *dash_snippet_to_markup        (const char           *snippet);
/* A row for a boxed list: the entity's name, type and story count. The name is kept as
 * the row's "entity-name" data. */
GtkWidget  *dash_entity_row_new           (const DashEntityStat *stat);
/* Empties @list_box. */
void        dash_list_box_remove_all      (GtkListBox           *list_box);
/* A plain row with @title and a dimmed @suffix (may be NULL). */
GtkWidget  *dash_count_row_new            (const char           *title,
                                           const char           *suffix);

/* A weak reference to @object, as the user data of an asynchronous call that must not
 * keep it alive; the callback takes it back with dash_weak_ref_steal(). */
GWeakRef   *dash_weak_ref_new             (gpointer              object);
/* Frees @ref; returns a strong reference to its object, or NULL when that is gone. */
gpointer    dash_weak_ref_steal           (GWeakRef             *ref);

/* Shows @text (plain text, not markup) in a toast of the AdwToastOverlay around @widget,
 * or logs it when there is none. */
void        dash_widget_show_toast        (GtkWidget            *widget,
                                           const char           *text);

/* Called when dash_list_box_fill_entities() is done: with the number of rows added, or
 * with @error (never a cancellation, which calls nothing). */
typedef void (*DashEntitiesFilled) (gpointer      owner,
                                    guint         n_entities,
                                    const GError *error);

/* Appends to @list_box a row (dash_entity_row_new()) for each of the @limit entities
 * @filter's stories name most (NULL: every story), or, when @entity_id is not 0, the
 * entities named most with that one. They are counted in a worker (dash_corpus_job_run())
 * and added on the main context, then @done is called with @owner (kept alive until
 * then). Nothing is added once @cancellable is cancelled. */
void        dash_list_box_fill_entities   (GtkListBox           *list_box,
                                           DashCorpus           *corpus,
                                           const DashFilter     *filter,
                                           gint64                entity_id,
                                           guint                 limit,
                                           GCancellable         *cancellable,
                                           DashEntitiesFilled    done,
                                           gpointer              owner);

/* A dialog that asks for a name, over @widget's window: @heading, @body (may be NULL), an
 * entry holding @initial (selected) and named @entry_label for screen readers, Cancel
 * and @accept_label. Its "accept" response is enabled while the entry holds more than
 * blanks, and Enter gives it. Present it after connecting to ::response. */
AdwMessageDialog *dash_name_dialog_new    (GtkWidget            *widget,
                                           const char           *heading,
                                           const char           *body,
                                           const char           *initial,
                                           const char           *entry_label,
                                           const char           *accept_label);
/* The name typed into @dialog, without surrounding blanks. */
char       *dash_name_dialog_dup_name     (AdwMessageDialog     *dialog);

/* A query that may take long on a big corpus, run in a worker thread on a connection
 * of its own to @corpus's database (a connection is not shared between threads). @job
 * gets that connection and @data and returns a GPtrArray (or NULL with @error). */
typedef GPtrArray *(*DashCorpusJob) (DashCorpus  *corpus,
                                     gpointer     data,
                                     GError     **error);

void        dash_corpus_job_run           (DashCorpus           *corpus,
                                           DashCorpusJob         job,
                                           gpointer              data,
                                           GDestroyNotify        data_free,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
/* The job's array (transfer full); NULL with @error, G_IO_ERROR_CANCELLED included. */
GPtrArray  *dash_corpus_job_finish        (GAsyncResult         *result,
                                           GError              **error);

G_END_DECLS
