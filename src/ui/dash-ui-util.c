/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-ui-util"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dash-ui-util.h"

char *
dash_format_month (gint64 start)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (start);

  if (date == NULL)
    return g_strdup ("");
  /* Translators: a month in a list of counts per month, see strftime(3). */
  return g_date_time_format (date, _("%b %Y"));
}

char *
dash_format_article_date (DashArticle *article,
                          gboolean    *out_estimated)
{
  gint64 published;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *formatted = NULL;

  g_return_val_if_fail (DASH_IS_ARTICLE (article), NULL);

  if (out_estimated != NULL)
    *out_estimated = FALSE;

  published = dash_article_get_published (article);
  if (published == 0)
    return NULL;
  local = g_date_time_new_from_unix_local (published);
  if (local == NULL)
    return NULL;
  formatted = g_date_time_format (local, "%x");
  if (formatted == NULL || !dash_article_get_date_estimated (article))
    return g_steal_pointer (&formatted);

  if (out_estimated != NULL)
    *out_estimated = TRUE;
  /* Translators: a date that was guessed from the story's text. */
  return g_strdup_printf (_("%s (estimated)"), formatted);
}

const char *
dash_entity_type_label (DashEntityType type)
{
  switch (type)
    {
    case DASH_ENTITY_PERSON:
      return _("Person");
    case DASH_ENTITY_ORG:
      return _("Organization");
    case DASH_ENTITY_COUNTRY:
      return _("Country");
    case DASH_ENTITY_PLACE:
      return _("Place");
    case DASH_N_ENTITY_TYPES:
    default:
      return _("Entity");
    }
}

const char *
dash_entity_type_css_class (DashEntityType type)
{
  switch (type)
    {
    case DASH_ENTITY_PERSON:
      return "entity-person";
    case DASH_ENTITY_COUNTRY:
      return "entity-country";
    case DASH_ENTITY_PLACE:
      return "entity-place";
    case DASH_ENTITY_ORG:
    case DASH_N_ENTITY_TYPES:
    default:
      return "entity-org";
    }
}

char *
dash_snippet_to_markup (const char *snippet)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  gboolean bold = FALSE;
  const char *p = snippet;

  if (snippet == NULL)
    return NULL;

  while (*p != '\0')
    {
      const char *mark = strstr (p, "**");
      g_autofree char *escaped = NULL;

      escaped = g_markup_escape_text (p, mark != NULL ? mark - p : -1);
      g_string_append (markup, escaped);
      if (mark == NULL)
        break;
      g_string_append (markup, bold ? "</b>" : "<b>");
      bold = !bold;
      p = mark + 2;
    }
  if (bold)
    g_string_append (markup, "</b>");

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

GtkWidget *
dash_count_row_new (const char *title,
                    const char *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  /* Names come from the corpus: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (suffix != NULL)
    {
      GtkWidget *label = gtk_label_new (suffix);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  return row;
}

GtkWidget *
dash_entity_row_new (const DashEntityStat *stat)
{
  g_autofree char *count = NULL;
  GtkWidget *row;
  GtkWidget *dot;

  g_return_val_if_fail (stat != NULL, NULL);

  count = g_strdup_printf (ngettext ("%'u story", "%'u stories", stat->articles), stat->articles);
  row = dash_count_row_new (stat->name, count);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dash_entity_type_label (stat->type));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  /* The colour its mentions have in the reader. */
  dot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (dot, "entity-dot");
  gtk_widget_add_css_class (dot, dash_entity_type_css_class (stat->type));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), dot);

  g_object_set_data_full (G_OBJECT (row), "entity-name", g_strdup (stat->name), g_free);
  return row;
}

void
dash_list_box_remove_all (GtkListBox *list_box)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list_box, 0)) != NULL)
    gtk_list_box_remove (list_box, GTK_WIDGET (row));
}

char *
dash_name_dialog_dup_name (AdwMessageDialog *dialog)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  return g_strstrip (g_strdup (gtk_editable_get_text (entry)));
}

static void
name_changed_cb (AdwMessageDialog *dialog)
{
  g_autofree char *name = dash_name_dialog_dup_name (dialog);

  adw_message_dialog_set_response_enabled (dialog, "accept", name[0] != '\0');
}

AdwMessageDialog *
dash_name_dialog_new (GtkWidget  *widget,
                      const char *heading,
                      const char *body,
                      const char *initial,
                      const char *entry_label,
                      const char *accept_label)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry = gtk_entry_new ();

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "accept", accept_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "accept", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "accept");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);

  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  entry_label, -1);
  gtk_editable_set_text (GTK_EDITABLE (entry), initial != NULL ? initial : "");
  adw_message_dialog_set_extra_child (dialog, entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (name_changed_cb), dialog,
                           G_CONNECT_SWAPPED);
  name_changed_cb (dialog);
  /* The entry takes the focus, its text selected, when the dialog shows. */
  gtk_window_set_focus (GTK_WINDOW (dialog), entry);
  gtk_editable_select_region (GTK_EDITABLE (entry), 0, -1);
  return dialog;
}

typedef struct {
  char           *path;
  DashCorpusJob   job;
  gpointer        data;
  GDestroyNotify  data_free;
} CorpusJob;

static void
corpus_job_free (CorpusJob *job)
{
  g_free (job->path);
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job);
}

static void
corpus_job_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  CorpusJob *job = task_data;
  g_autoptr(DashCorpus) corpus = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *result;

  corpus = dash_corpus_open (job->path, &error);
  if (corpus == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  result = job->job (corpus, job->data, &error);
  if (g_task_return_error_if_cancelled (task))
    g_clear_pointer (&result, g_ptr_array_unref);
  else if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, (GDestroyNotify) g_ptr_array_unref);
}

void
dash_corpus_job_run (DashCorpus          *corpus,
                     DashCorpusJob        job,
                     gpointer             data,
                     GDestroyNotify       data_free,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CorpusJob *state = g_new0 (CorpusJob, 1);

  g_return_if_fail (DASH_IS_CORPUS (corpus));
  g_return_if_fail (job != NULL);

  state->path = g_strdup (dash_corpus_get_path (corpus));
  state->job = job;
  state->data = data;
  state->data_free = data_free;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dash_corpus_job_run);
  g_task_set_task_data (task, state, (GDestroyNotify) corpus_job_free);
  g_task_run_in_thread (task, corpus_job_thread);
}

GPtrArray *
dash_corpus_job_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

GWeakRef *
dash_weak_ref_new (gpointer object)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, object);
  return ref;
}

gpointer
dash_weak_ref_steal (GWeakRef *ref)
{
  gpointer object = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return object;
}

void
dash_widget_show_toast (GtkWidget  *widget,
                        const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = NULL;

  if (overlay == NULL)
    {
      g_message ("%s", text);
      return;
    }
  /* A toast's title is markup; the text may quote a name from the corpus. */
  escaped = g_markup_escape_text (text, -1);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
}

typedef struct {
  DashFilter *filter;
  gint64      entity_id;
  guint       limit;
} EntitiesQuery;

static void
entities_query_free (EntitiesQuery *query)
{
  g_clear_pointer (&query->filter, dash_filter_free);
  g_free (query);
}

static GPtrArray *
entities_job (DashCorpus  *corpus,
              gpointer     data,
              GError     **error)
{
  EntitiesQuery *query = data;

  if (query->entity_id != 0)
    return dash_corpus_list_cooccurring (corpus, query->entity_id, query->limit, error);
  return dash_corpus_list_entities (corpus, query->filter, -1, query->limit, error);
}

typedef struct {
  GtkListBox         *list_box;
  GObject            *owner;
  DashEntitiesFilled  done;
} EntitiesFill;

static void
entities_filled_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  EntitiesFill *fill = user_data;
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GError) error = NULL;

  entities = dash_corpus_job_finish (result, &error);
  if (entities != NULL)
    for (guint i = 0; i < entities->len; i++)
      gtk_list_box_append (fill->list_box, dash_entity_row_new (g_ptr_array_index (entities, i)));
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && fill->done != NULL)
    fill->done (fill->owner, entities != NULL ? entities->len : 0, error);

  g_object_unref (fill->list_box);
  g_clear_object (&fill->owner);
  g_free (fill);
}

void
dash_list_box_fill_entities (GtkListBox         *list_box,
                             DashCorpus         *corpus,
                             const DashFilter   *filter,
                             gint64              entity_id,
                             guint               limit,
                             GCancellable       *cancellable,
                             DashEntitiesFilled  done,
                             gpointer            owner)
{
  EntitiesQuery *query = g_new0 (EntitiesQuery, 1);
  EntitiesFill *fill = g_new0 (EntitiesFill, 1);

  g_return_if_fail (GTK_IS_LIST_BOX (list_box));
  g_return_if_fail (owner == NULL || G_IS_OBJECT (owner));

  query->filter = filter != NULL ? dash_filter_copy (filter) : NULL;
  query->entity_id = entity_id;
  query->limit = limit;
  fill->list_box = g_object_ref (list_box);
  fill->owner = owner != NULL ? g_object_ref (owner) : NULL;
  fill->done = done;
  dash_corpus_job_run (corpus, entities_job, query, (GDestroyNotify) entities_query_free,
                       cancellable, entities_filled_cb, fill);
}
