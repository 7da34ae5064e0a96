/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-application"

#include "config.h"

#include <glib/gi18n.h>

#include "dash-application.h"
#include "dash-core.h"
#include "dash-window.h"

struct _DashApplication
{
  AdwApplication  parent_instance;

  /* From --db, already made absolute; NULL for the configured or default database. */
  char           *db_path;
};

G_DEFINE_FINAL_TYPE (DashApplication, dash_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the database at PATH instead of the default one"), N_("PATH") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and quit"), NULL },
  { NULL }
};

DashApplication *
dash_application_new (void)
{
  return g_object_new (DASH_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       /* The development profile has another id, but the same resources. */
                       "resource-base-path", "/org/example/Dashboard",
                       NULL);
}

/* The database this instance works on: --db, else the one set in the settings, else
 * the default one in the user's data folder. */
const char *
dash_application_get_database_path (DashApplication *self)
{
  g_return_val_if_fail (DASH_IS_APPLICATION (self), NULL);

  if (self->db_path == NULL)
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;
      g_autofree char *configured = NULL;

      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, "org.example.Dashboard", TRUE);
      if (schema != NULL && g_settings_schema_has_key (schema, "database-path"))
        {
          g_autoptr(GSettings) settings = g_settings_new_full (schema, NULL, NULL);

          configured = g_settings_get_string (settings, "database-path");
        }

      if (configured != NULL && configured[0] != '\0')
        self->db_path = g_canonicalize_filename (configured, NULL);
      else
        self->db_path = dash_corpus_get_default_path ();
    }

  return self->db_path;
}

/* The main window, made on first use. */
static DashWindow *
get_main_window (DashApplication *self)
{
  DashWindow *window;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (DASH_IS_WINDOW (l->data))
      return l->data;

  window = dash_window_new (GTK_APPLICATION (self), dash_application_get_database_path (self));
  return window;
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  DashApplication *self = user_data;
  g_autolist(GtkWindow) copy = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    copy = g_list_prepend (copy, g_object_ref (l->data));

  /* Destroying the windows cancels a running import; finished batches stay stored. */
  for (GList *l = copy; l != NULL; l = l->next)
    gtk_window_destroy (l->data);

  g_application_quit (G_APPLICATION (self));
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  DashApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_application_name (about, _("Dashboard"));
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("Dashboard developers"));
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_website (about, "https://example.org/dashboard");
  /* Translators: replace with your names, one per line. */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  adw_about_window_set_comments (about,
                                 _("Explore a collection of news stories on your own computer."));

  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_present (GTK_WINDOW (about));
}

static void
import_files_action_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  DashApplication *self = user_data;
  DashWindow *window = get_main_window (self);

  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-files", NULL);
}

/* A saved search's notification: its stories, in the window. */
static void
show_saved_search_action_cb (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  DashApplication *self = user_data;
  DashWindow *window = get_main_window (self);

  gtk_window_present (GTK_WINDOW (window));
  dash_window_show_saved_search (window, g_variant_get_int64 (parameter));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action_cb },
  { "show-saved-search", show_saved_search_action_cb, "x" },
  { "about", about_action_cb },
  { "import-files", import_files_action_cb },
};

static int
dash_application_handle_local_options (GApplication *app,
                                       GVariantDict *options)
{
  DashApplication *self = DASH_APPLICATION (app);
  g_autofree char *db = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "dashboard", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_lookup (options, "db", "^ay", &db) && db[0] != '\0')
    {
      g_free (self->db_path);
      self->db_path = g_canonicalize_filename (db, NULL);
      /* A running instance may have another database open: this one runs on its own
       * rather than handing its work over. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  return G_APPLICATION_CLASS (dash_application_parent_class)->handle_local_options (app, options);
}

static void
dash_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *import_files_accels[] = { "<Control>o", NULL };
  static const char *import_folder_accels[] = { "<Control><Shift>o", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (dash_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.import-files",
                                         import_files_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.import-folder",
                                         import_folder_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
}

static void
dash_application_activate (GApplication *app)
{
  DashApplication *self = DASH_APPLICATION (app);

  gtk_window_present (GTK_WINDOW (get_main_window (self)));
}

static void
dash_application_open (GApplication  *app,
                       GFile        **files,
                       int            n_files,
                       const char    *hint)
{
  DashApplication *self = DASH_APPLICATION (app);
  DashWindow *window = get_main_window (self);

  gtk_window_present (GTK_WINDOW (window));
  dash_window_import_files (window, files, n_files);
}

static void
dash_application_finalize (GObject *object)
{
  DashApplication *self = (DashApplication *)object;

  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (dash_application_parent_class)->finalize (object);
}

static void
dash_application_class_init (DashApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = dash_application_finalize;

  app_class->handle_local_options = dash_application_handle_local_options;
  app_class->startup = dash_application_startup;
  app_class->activate = dash_application_activate;
  app_class->open = dash_application_open;
}

static void
dash_application_init (DashApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Import news files and explore them."));
}
