/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dash-story-row.h"
#include "dash-window.h"

/* Failures listed one by one in the dialog; the rest are counted. */
#define MAX_LISTED_FAILURES 10

struct _DashWindow
{
  AdwApplicationWindow  parent_instance;

  char                 *database_path;
  DashCorpus           *corpus;
  GSettings            *settings;   /* NULL when the schema is not installed. */

  /* The running import, if any. */
  DashImportJob        *job;
  GCancellable         *cancellable;
  GBinding             *fraction_binding;

  GtkFileChooserNative *chooser;

  /* Template children. */
  AdwToastOverlay      *toast_overlay;
  GtkButton            *import_button;
  GtkLabel             *import_label;
  GtkProgressBar       *import_progress;
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  AdwWindowTitle       *window_title;
  GtkListView          *list_view;
  GtkNoSelection       *selection;
};

G_DEFINE_FINAL_TYPE (DashWindow, dash_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  PROP_IMPORTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GSettings *
lookup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, "org.example.Dashboard", TRUE);
  if (schema == NULL ||
      !g_settings_schema_has_key (schema, "window-width") ||
      !g_settings_schema_has_key (schema, "window-height") ||
      !g_settings_schema_has_key (schema, "window-maximized") ||
      !g_settings_schema_has_key (schema, "last-import-folder"))
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

static void
show_toast (DashWindow *self,
            const char *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
update_actions (DashWindow *self)
{
  gboolean can_import = self->corpus != NULL &&
                        !dash_corpus_get_read_only (self->corpus) &&
                        self->job == NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-files", can_import);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-folder", can_import);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", self->job != NULL);
}

static void
show_error (DashWindow   *self,
            const GError *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  /* The description is markup; the message names the file and may hold anything. */
  adw_status_page_set_description (self->error_page, escaped);
  adw_window_title_set_subtitle (self->window_title, "");
  gtk_stack_set_visible_child_name (self->stack, "error");
}

/* Queries the stories again and shows them, or the empty state when there are none. */
static void
reload (DashWindow *self)
{
  g_autoptr(GListModel) stories = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  guint n_stories;

  if (self->corpus == NULL)
    return;

  stories = dash_corpus_query (self->corpus, NULL, &error);
  if (stories == NULL)
    {
      gtk_no_selection_set_model (self->selection, NULL);
      show_error (self, error);
      return;
    }

  n_stories = g_list_model_get_n_items (stories);
  gtk_no_selection_set_model (self->selection, stories);

  if (n_stories > 0)
    count = g_strdup_printf (ngettext ("%u story", "%u stories", n_stories), n_stories);
  adw_window_title_set_subtitle (self->window_title, count != NULL ? count : "");

  gtk_stack_set_visible_child_name (self->stack, n_stories > 0 ? "stories" : "empty");
}

static void
corpus_changed_cb (DashWindow *self,
                   DashCorpus *corpus)
{
  reload (self);
}

static void
update_progress_cb (DashWindow *self)
{
  guint done, total;
  g_autofree char *text = NULL;

  if (self->job == NULL)
    return;

  done = dash_import_job_get_files_done (self->job);
  total = dash_import_job_get_files_total (self->job);

  if (total == 0)
    text = g_strdup (_("Looking for files…"));
  else
    text = g_strdup_printf (ngettext ("Importing file %u of %u…", "Importing file %u of %u…",
                                      total),
                            MIN (done + 1, total), total);

  gtk_label_set_label (self->import_label, text);
}

static void
set_job (DashWindow    *self,
         DashImportJob *job)
{
  if (self->job == job)
    return;

  if (self->job != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->job, update_progress_cb, self);
      g_clear_pointer (&self->fraction_binding, g_binding_unbind);
      g_clear_object (&self->job);
      g_clear_object (&self->cancellable);
    }

  if (job != NULL)
    {
      self->job = g_object_ref (job);
      self->cancellable = g_cancellable_new ();
      g_signal_connect_swapped (job, "notify::files-done", G_CALLBACK (update_progress_cb), self);
      g_signal_connect_swapped (job, "notify::files-total", G_CALLBACK (update_progress_cb), self);
      self->fraction_binding = g_object_bind_property (job, "fraction",
                                                       self->import_progress, "fraction",
                                                       G_BINDING_SYNC_CREATE);
      update_progress_cb (self);
    }

  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORTING]);
}

static void
show_failures (DashWindow *self,
               GPtrArray  *failures,
               guint       n_failed)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  for (guint i = 0; i < failures->len && i < MAX_LISTED_FAILURES; i++)
    {
      const DashImportFailure *failure = g_ptr_array_index (failures, i);
      g_autofree char *name = g_filename_display_basename (failure->path);

      if (body->len > 0)
        g_string_append_c (body, '\n');
      /* Translators: a file name, then what is wrong with it. */
      g_string_append_printf (body, _("%s: %s"), name, failure->message);
    }
  if (failures->len > MAX_LISTED_FAILURES)
    {
      guint more = failures->len - MAX_LISTED_FAILURES;

      g_string_append_c (body, '\n');
      g_string_append_printf (body, ngettext ("…and %u more problem", "…and %u more problems",
                                              more),
                              more);
    }

  /* The list also holds files that were read in part, with what was skipped. */
  if (n_failed > 0)
    heading = g_strdup_printf (ngettext ("%u File Could Not Be Imported",
                                         "%u Files Could Not Be Imported", n_failed),
                               n_failed);
  else
    heading = g_strdup (_("Some Stories Were Skipped"));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body->str));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_import_error (DashWindow   *self,
                   const GError *error)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Import Failed"),
                                                       error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "Imported 3 stories (1 duplicate skipped)". */
static char *
format_summary (guint imported,
                guint duplicates)
{
  g_autofree char *stories = NULL;

  if (imported == 0 && duplicates > 0)
    return g_strdup_printf (ngettext ("No new stories (%u duplicate skipped)",
                                      "No new stories (%u duplicates skipped)", duplicates),
                            duplicates);

  stories = g_strdup_printf (ngettext ("Imported %u story", "Imported %u stories", imported),
                             imported);
  if (duplicates == 0)
    return g_steal_pointer (&stories);

  /* Translators: the first %s is "Imported N stories". */
  return g_strdup_printf (ngettext ("%s (%u duplicate skipped)", "%s (%u duplicates skipped)",
                                    duplicates),
                          stories, duplicates);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  DashImportJob *job = DASH_IMPORT_JOB (object);
  g_autoptr(DashWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  GPtrArray *failures;
  gboolean ok;

  ok = dash_import_job_run_finish (job, result, &error);

  /* The window was closed meanwhile. */
  if (self->job != job || self->corpus == NULL)
    return;

  set_job (self, NULL);

  /* Finished batches are stored even when the import stopped early. */
  dash_corpus_notify_changed (self->corpus);

  summary = format_summary (dash_import_job_get_imported (job),
                            dash_import_job_get_duplicates (job));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *cancelled = NULL;

      /* Translators: %s is "Imported N stories". */
      cancelled = g_strdup_printf (_("Import cancelled. %s"), summary);
      show_toast (self, cancelled);
      return;
    }

  if (!ok)
    {
      show_import_error (self, error);
      return;
    }

  show_toast (self, summary);

  failures = dash_import_job_get_failures (job);
  if (failures != NULL && failures->len > 0)
    show_failures (self, failures, dash_import_job_get_failed (job));
}

void
dash_window_import_files (DashWindow  *self,
                          GFile      **files,
                          guint        n_files)
{
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(DashImportJob) job = NULL;
  guint n_remote = 0;

  g_return_if_fail (DASH_IS_WINDOW (self));
  g_return_if_fail (files != NULL || n_files == 0);

  if (n_files == 0)
    return;

  if (self->corpus == NULL)
    {
      show_toast (self, _("Cannot import: the database is not open"));
      return;
    }
  if (dash_corpus_get_read_only (self->corpus))
    {
      show_toast (self, _("Cannot import: the database is read-only"));
      return;
    }
  if (self->job != NULL)
    {
      show_toast (self, _("Wait for the running import to finish"));
      return;
    }

  paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_files; i++)
    {
      char *path = g_file_get_path (files[i]);

      if (path != NULL)
        g_ptr_array_add (paths, path);
      else
        n_remote++;
    }

  if (n_remote > 0)
    show_toast (self, ngettext ("A file that is not on this computer was skipped",
                                "Files that are not on this computer were skipped", n_remote));
  if (paths->len == 0)
    return;
  g_ptr_array_add (paths, NULL);

  job = dash_import_job_new (dash_corpus_get_path (self->corpus),
                             (const char * const *)paths->pdata);
  set_job (self, job);
  dash_import_job_run_async (job, self->cancellable, import_done_cb, g_object_ref (self));
}

static void
remember_folder (DashWindow *self,
                 GFile      *file)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *uri = NULL;

  if (self->settings == NULL || file == NULL)
    return;

  parent = g_file_get_parent (file);
  if (parent == NULL)
    return;
  uri = g_file_get_uri (parent);
  g_settings_set_string (self->settings, "last-import-folder", uri);
}

static void
chooser_response_cb (DashWindow           *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) array = NULL;
  guint n_files;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      n_files = g_list_model_get_n_items (files);
      array = g_ptr_array_new_full (n_files, g_object_unref);
      for (guint i = 0; i < n_files; i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));

      if (n_files > 0)
        remember_folder (self, g_ptr_array_index (array, 0));
      dash_window_import_files (self, (GFile **)array->pdata, array->len);
    }

  if (self->chooser == chooser)
    g_clear_object (&self->chooser);
}

static void
add_filter (GtkFileChooser     *chooser,
            const char         *name,
            const char * const *mime_types,
            const char * const *patterns)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; mime_types != NULL && mime_types[i] != NULL; i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);
  for (guint i = 0; patterns != NULL && patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
open_chooser (DashWindow           *self,
              GtkFileChooserAction  action)
{
  static const char * const feed_types[] = {
    "application/rss+xml", "application/atom+xml", "application/rdf+xml",
    "application/xml", "text/xml", NULL
  };
  static const char * const feed_patterns[] = {
    "*.xml", "*.rss", "*.atom", "*.rdf", "*.XML", "*.RSS", NULL
  };
  static const char * const json_types[] = {
    "application/json", "application/x-ndjson", "application/jsonl", NULL
  };
  static const char * const json_patterns[] = {
    "*.json", "*.jsonl", "*.ndjson", "*.JSON", NULL
  };
  static const char * const text_types[] = { "text/plain", NULL };
  static const char * const text_patterns[] = { "*.txt", "*.TXT", NULL };
  static const char * const all_patterns[] = { "*", NULL };
  g_autoptr(GtkFileFilter) news = NULL;
  GtkFileChooser *chooser;
  gboolean folders = action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;

  /* One chooser at a time: a second click brings the open one back. */
  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  self->chooser = gtk_file_chooser_native_new (folders ? _("Import Folders") : _("Import Files"),
                                               GTK_WINDOW (self), action,
                                               _("_Import"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (self->chooser);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (chooser, TRUE);

  if (!folders)
    {
      /* Every kind the importer reads, first, as the default. */
      news = gtk_file_filter_new ();
      gtk_file_filter_set_name (news, _("News Files"));
      for (const char * const *t = feed_types; *t != NULL; t++)
        gtk_file_filter_add_mime_type (news, *t);
      for (const char * const *t = json_types; *t != NULL; t++)
        gtk_file_filter_add_mime_type (news, *t);
      for (const char * const *t = text_types; *t != NULL; t++)
        gtk_file_filter_add_mime_type (news, *t);
      for (const char * const *t = feed_patterns; *t != NULL; t++)
        gtk_file_filter_add_pattern (news, *t);
      for (const char * const *t = json_patterns; *t != NULL; t++)
        gtk_file_filter_add_pattern (news, *t);
      for (const char * const *t = text_patterns; *t != NULL; t++)
        gtk_file_filter_add_pattern (news, *t);
      gtk_file_chooser_add_filter (chooser, news);

      add_filter (chooser, _("Feeds (RSS, Atom)"), feed_types, feed_patterns);
      add_filter (chooser, _("JSON Exports"), json_types, json_patterns);
      add_filter (chooser, _("Text Files"), text_types, text_patterns);
      add_filter (chooser, _("All Files"), NULL, all_patterns);
      gtk_file_chooser_set_filter (chooser, news);
    }

  if (self->settings != NULL)
    {
      g_autofree char *uri = g_settings_get_string (self->settings, "last-import-folder");

      if (uri[0] != '\0')
        {
          g_autoptr(GFile) folder = g_file_new_for_uri (uri);

          if (g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
            gtk_file_chooser_set_current_folder (chooser, folder, NULL);
        }
    }

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
import_files_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  open_chooser (DASH_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
import_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  open_chooser (DASH_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

static void
cancel_import_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DashWindow *self = DASH_WINDOW (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static gboolean
drop_cb (DashWindow    *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  GdkFileList *list;
  g_autoptr(GSList) files = NULL;
  g_autoptr(GPtrArray) array = NULL;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  list = g_value_get_boxed (value);
  files = gdk_file_list_get_files (list);
  array = g_ptr_array_new ();
  for (GSList *l = files; l != NULL; l = l->next)
    g_ptr_array_add (array, l->data);

  if (array->len == 0 || self->corpus == NULL)
    return FALSE;

  dash_window_import_files (self, (GFile **)array->pdata, array->len);
  return TRUE;
}

static void
list_view_activate_cb (DashWindow  *self,
                       guint        position,
                       GtkListView *list_view)
{
  g_autoptr(DashArticle) article = NULL;
  const char *url;
  const char *scheme;

  article = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (article == NULL)
    return;

  url = dash_article_get_url (article);
  scheme = url != NULL ? g_uri_peek_scheme (url) : NULL;
  /* Links come from imported files: only ever hand web addresses to the browser. */
  if (scheme != NULL && (g_str_equal (scheme, "http") || g_str_equal (scheme, "https")))
    gtk_show_uri (GTK_WINDOW (self), url, GDK_CURRENT_TIME);
}

static void
factory_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  gtk_list_item_set_child (item, dash_story_row_new ());
}

static void
factory_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  DashArticle *article = gtk_list_item_get_item (item);
  const char *url = dash_article_get_url (article);

  dash_story_row_set_article (DASH_STORY_ROW (gtk_list_item_get_child (item)), article);
  gtk_list_item_set_activatable (item, url != NULL && url[0] != '\0');
}

static void
factory_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  dash_story_row_set_article (DASH_STORY_ROW (gtk_list_item_get_child (item)), NULL);
}

DashWindow *
dash_window_new (GtkApplication *application,
                 const char     *database_path)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (database_path != NULL, NULL);

  return g_object_new (DASH_TYPE_WINDOW,
                       "application", application,
                       "database-path", database_path,
                       NULL);
}

DashCorpus *
dash_window_get_corpus (DashWindow *self)
{
  g_return_val_if_fail (DASH_IS_WINDOW (self), NULL);
  return self->corpus;
}

gboolean
dash_window_get_importing (DashWindow *self)
{
  g_return_val_if_fail (DASH_IS_WINDOW (self), FALSE);
  return self->job != NULL;
}

static gboolean
dash_window_close_request (GtkWindow *window)
{
  DashWindow *self = DASH_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;
      gboolean maximized = gtk_window_is_maximized (window);

      /* The default size follows the size the window has when it is not maximized. */
      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      if (width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
      g_settings_set_boolean (self->settings, "window-maximized", maximized);
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (dash_window_parent_class)->close_request (window);
}

static void
dash_window_constructed (GObject *object)
{
  DashWindow *self = (DashWindow *)object;
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (dash_window_parent_class)->constructed (object);

  if (self->database_path != NULL)
    {
      self->corpus = dash_corpus_open (self->database_path, &error);
      if (self->corpus == NULL)
        show_error (self, error);
      else
        {
          g_signal_connect_object (self->corpus, "changed", G_CALLBACK (corpus_changed_cb), self,
                                   G_CONNECT_SWAPPED);
          reload (self);
        }
    }

  update_actions (self);
}

static void
dash_window_dispose (GObject *object)
{
  DashWindow *self = (DashWindow *)object;

  /* A running import stops at its next file or batch; what it stored stays. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  set_job (self, NULL);

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), DASH_TYPE_WINDOW);

  g_clear_object (&self->corpus);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dash_window_parent_class)->dispose (object);
}

static void
dash_window_finalize (GObject *object)
{
  DashWindow *self = (DashWindow *)object;

  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (dash_window_parent_class)->finalize (object);
}

static void
dash_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DashWindow *self = DASH_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;
    case PROP_IMPORTING:
      g_value_set_boolean (value, dash_window_get_importing (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dash_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DashWindow *self = DASH_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_free (self->database_path);
      self->database_path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dash_window_class_init (DashWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = dash_window_constructed;
  object_class->dispose = dash_window_dispose;
  object_class->finalize = dash_window_finalize;
  object_class->get_property = dash_window_get_property;
  object_class->set_property = dash_window_set_property;

  window_class->close_request = dash_window_close_request;

  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IMPORTING] =
    g_param_spec_boolean ("importing", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Dashboard/dash-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DashWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DashWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, DashWindow, import_label);
  gtk_widget_class_bind_template_child (widget_class, DashWindow, import_progress);
  gtk_widget_class_bind_template_child (widget_class, DashWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DashWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, DashWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, DashWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, DashWindow, selection);
  gtk_widget_class_bind_template_callback (widget_class, list_view_activate_cb);

  gtk_widget_class_install_action (widget_class, "win.import-files", NULL, import_files_action);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, import_folder_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-import", NULL, cancel_import_action);
}

static void
dash_window_init (DashWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkDropTarget *drop_target;

  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (factory_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (factory_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (factory_unbind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop_target, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  self->settings = lookup_settings ();
  if (self->settings != NULL)
    {
      int width = g_settings_get_int (self->settings, "window-width");
      int height = g_settings_get_int (self->settings, "window-height");

      if (width > 0 && height > 0)
        gtk_window_set_default_size (GTK_WINDOW (self), width, height);
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  update_actions (self);
}
