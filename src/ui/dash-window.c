/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dash-export-dialog.h"
#include "dash-feeds-page.h"
#include "dash-timeline-view.h"
#include "dash-graph-page.h"
#include "dash-location.h"
#include "dash-preferences-window.h"
#include "dash-refresher.h"
#include "dash-overview-page.h"
#include "dash-reader.h"
#include "dash-stories-page.h"
#include "dash-ui-util.h"
#include "dash-window.h"

/* Failures listed one by one in the dialog; the rest are counted. */
#define MAX_LISTED_FAILURES 10
/* Entities on the Entities page. */
#define N_LISTED_ENTITIES 200
/* Places Back can return to. */
#define MAX_HISTORY 100
/* The stories of the demo library, written by the project, in the core's resources. */
#define DEMO_RESOURCE "/org/example/Dashboard/core/demo/demo-library.json"
/* Searches kept in the recent-searches setting. */
#define MAX_RECENT_SEARCHES 8

struct _DashWindow
{
  AdwApplicationWindow  parent_instance;

  char                 *database_path;
  DashCorpus           *corpus;
  /* Set while the window shows the demo library instead of the user's database. */
  gboolean              demo;
  /* The demo stories written out for their import, removed after it. */
  char                 *demo_source;
  GSettings            *settings;   /* NULL when the schema is not installed. */

  /* Live feeds, refreshed in the background; when the last refresh started. */
  DashSubscriptions    *subscriptions;
  DashRefresher        *refresher;
  gint64                refresh_started;

  /* The running import, if any. */
  DashImportJob        *job;
  GCancellable         *cancellable;
  GBinding             *fraction_binding;

#if GTK_CHECK_VERSION (4, 10, 0)
  /* Set while a file dialog is open. */
  gboolean              choosing;
#else
  GtkFileChooserNative *chooser;
#endif
  /* The entities being counted for the Entities page. */
  GCancellable         *list_cancellable;

  /* Navigation: where we are, where Back leads (oldest first) and where Forward leads
   * (nearest last). */
  DashLocation         *location;
  GPtrArray            *history;
  GPtrArray            *forward;
  /* The date range the user chose on a timeline: it stays on as they move around,
   * until they remove it. 0 for no bound. */
  gint64                range_from;
  gint64                range_to;
  /* Topic id → name, from the sidebar. */
  GHashTable           *topic_names;
  /* Set while the sidebar follows the content, so that it does not navigate. */
  gboolean              syncing_sidebar;

  /* Template children. */
  AdwToastOverlay      *toast_overlay;
  GtkButton            *import_button;
  GtkLabel             *import_label;
  GtkProgressBar       *import_progress;
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  GtkRevealer          *demo_revealer;
  AdwWindowTitle       *window_title;
  GtkButton            *back_button;
  GtkButton            *forward_button;
  GtkSearchEntry       *search_entry;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkWidget            *sidebar_separator;
  GtkListBox           *sidebar_list;
  GtkStack             *content_stack;
  DashOverviewPage     *overview_page;
  DashStoriesPage      *stories_page;
  GtkLabel             *list_title;
  GtkListBox           *list_box;
  DashReader           *reader;
  DashFeedsPage        *feeds_page;
  DashGraphPage        *graph_page;
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
  static const char *keys[] = {
    "window-width", "window-height", "window-maximized", "last-import-folder",
    "sidebar-visible", "last-view", "recent-searches",
  };
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, "org.example.Dashboard", TRUE);
  if (schema == NULL)
    return NULL;
  /* An older schema installed elsewhere would abort on a missing key. */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (!g_settings_schema_has_key (schema, keys[i]))
      return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

/* Shows @title (text, not markup) for a few seconds; with @action_name, an Undo button
 * activates that action with @target (consumed when floating). */
static void
show_undo_toast (DashWindow *self,
                 const char *title,
                 const char *action_name,
                 GVariant   *target)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 5);
  if (action_name != NULL)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, action_name);
      adw_toast_set_action_target_value (toast, target);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_toast (DashWindow *self,
            const char *title)
{
  show_undo_toast (self, title, NULL, NULL);
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-demo",
                                 !self->demo && self->job == NULL && self->database_path != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-demo", self->demo);
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

static void
update_back_button (DashWindow *self)
{
  gboolean folded_on_content = adw_leaflet_get_folded (self->leaflet) &&
                               adw_leaflet_get_visible_child (self->leaflet) != self->sidebar;
  gboolean can_go_back = self->history->len > 0 || folded_on_content;
  gboolean can_go_forward = self->forward->len > 0;
  gboolean browsing = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "browse") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), can_go_back && browsing);
  gtk_widget_set_visible (GTK_WIDGET (self->forward_button), can_go_forward && browsing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", can_go_back);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.forward", can_go_forward);
}

/* Whether the sidebar row that leads to @row_location stands for @location: a topic's
 * row still does when a date range narrows the topic. */
static gboolean
row_matches (const DashLocation *row_location,
             const DashLocation *location)
{
  const DashFilter *a = row_location->filter;
  const DashFilter *b = location->filter;

  if (row_location->kind != location->kind)
    return FALSE;
  if (row_location->kind != DASH_LOCATION_STORIES)
    return TRUE;
  if (row_location->saved_search != 0 || location->saved_search != 0)
    return row_location->saved_search == location->saved_search;
  return g_strcmp0 (a->topic, b->topic) == 0 && g_strcmp0 (a->entity, b->entity) == 0 &&
         g_strcmp0 (a->source, b->source) == 0 && g_strcmp0 (a->query, b->query) == 0;
}

/* Selects the sidebar row of @location, or none when it has no row. */
static void
sync_sidebar (DashWindow         *self,
              const DashLocation *location)
{
  GtkListBoxRow *row;

  self->syncing_sidebar = TRUE;
  gtk_list_box_unselect_all (self->sidebar_list);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->sidebar_list, i)) != NULL; i++)
    {
      const DashLocation *row_location = g_object_get_data (G_OBJECT (row), "location");

      if (row_location != NULL && row_matches (row_location, location))
        {
          gtk_list_box_select_row (self->sidebar_list, row);
          break;
        }
    }
  self->syncing_sidebar = FALSE;
}

static void
listed_entities_filled_cb (gpointer      owner,
                           guint         n_entities,
                           const GError *error)
{
  if (error != NULL)
    show_toast (owner, error->message);
}

/* The entities named most, counted in a worker: on a big corpus that takes a while. */
static void
show_entities_list (DashWindow *self)
{
  gtk_label_set_label (self->list_title, _("Entities"));
  dash_list_box_remove_all (self->list_box);
  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  self->list_cancellable = g_cancellable_new ();
  dash_list_box_fill_entities (self->list_box, self->corpus, NULL, 0, N_LISTED_ENTITIES,
                               self->list_cancellable, listed_entities_filled_cb, self);
}

static void
show_sources_list (DashWindow *self)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;

  /* The entities still being counted are not wanted here. */
  g_cancellable_cancel (self->list_cancellable);

  gtk_label_set_label (self->list_title, _("Sources"));
  dash_list_box_remove_all (self->list_box);
  sources = dash_corpus_list_sources (self->corpus, &error);
  if (sources == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  /* Most stories first. */
  for (guint i = 0; i < sources->len; i++)
    {
      const char *name = g_ptr_array_index (sources, i);
      GtkWidget *row = dash_count_row_new (name, NULL);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "source-name", g_strdup (name), g_free);
      gtk_list_box_append (self->list_box, row);
    }
}

/* Shows the stories of @location, titled after what selects them: a saved search's
 * name, else the entity, topic, source or search, in that order. */
static void
show_stories (DashWindow   *self,
              DashLocation *location)
{
  g_autoptr(DashSavedSearch) saved = NULL;
  g_autoptr(DashEntityStat) entity = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  const char *subtitle = NULL;
  DashFilter *filter;

  if (location->saved_search != 0)
    {
      saved = dash_corpus_get_saved_search (self->corpus, location->saved_search, &error);
      if (saved == NULL)
        show_toast (self, error->message);
      else
        {
          /* A search restored from the settings holds nothing but its id. */
          if (dash_filter_is_empty (location->filter))
            {
              dash_filter_free (location->filter);
              location->filter = dash_filter_copy (saved->filter);
            }
          /* Its stories are no longer new once shown. */
          if (!dash_corpus_get_read_only (self->corpus))
            dash_corpus_mark_saved_search_seen (self->corpus, saved->id,
                                                g_get_real_time () / G_USEC_PER_SEC, NULL);
        }
    }

  filter = location->filter;
  if (filter->entity != NULL)
    entity = dash_corpus_find_entity (self->corpus, filter->entity, NULL);

  if (saved != NULL)
    {
      title = g_strdup (saved->name);
      subtitle = _("Saved Search");
    }
  else if (filter->entity != NULL)
    {
      title = g_strdup (entity != NULL ? entity->name : filter->entity);
      subtitle = entity != NULL ? dash_entity_type_label (entity->type) : NULL;
    }
  else if (filter->topic != NULL)
    {
      const char *name = g_hash_table_lookup (self->topic_names, filter->topic);

      title = g_strdup (name != NULL ? name : filter->topic);
      subtitle = _("Topic");
    }
  else if (filter->source != NULL)
    {
      title = g_strdup (filter->source);
      subtitle = _("Source");
    }
  else if (filter->query != NULL)
    /* Translators: the title of the search results; %s is what was typed. */
    title = g_strdup_printf (_("Results for “%s”"), filter->query);
  else
    title = g_strdup (_("All Stories"));

  dash_stories_page_show (self->stories_page, self->corpus, title, subtitle, filter, entity);
  dash_stories_page_set_saved_search (self->stories_page, saved);
  gtk_stack_set_visible_child_name (self->content_stack, "stories");
}

static void fill_sidebar (DashWindow *self);
static gboolean open_database (DashWindow *self,
                               const char *path,
                               gboolean    demo);
static void corpus_changed_cb (DashWindow *self,
                               DashCorpus *corpus);

static void
show_recent_searches (DashWindow *self)
{
  g_auto(GStrv) recent = NULL;

  if (self->settings != NULL)
    recent = g_settings_get_strv (self->settings, "recent-searches");
  dash_overview_page_set_recent_searches (self->overview_page, (const char * const *) recent);
}

/* The saved search @id was seen: its row no longer counts new stories. */
static void
clear_new_count (DashWindow *self,
                 gint64      id)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->sidebar_list, i)) != NULL; i++)
    {
      const DashLocation *location = g_object_get_data (G_OBJECT (row), "location");
      GtkWidget *count = g_object_get_data (G_OBJECT (row), "count-label");

      if (location != NULL && location->saved_search == id && count != NULL)
        {
          gtk_widget_set_visible (count, FALSE);
          gtk_widget_remove_css_class (GTK_WIDGET (row), "has-new");
          gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Saved search"),
                                          -1);
        }
    }
}

/* Shows @location in the content area. */
static void
show_location (DashWindow   *self,
               DashLocation *location)
{
  switch (location->kind)
    {
    case DASH_LOCATION_OVERVIEW:
      dash_overview_page_reload (self->overview_page, self->corpus);
      show_recent_searches (self);
      gtk_stack_set_visible_child_name (self->content_stack, "overview");
      break;

    case DASH_LOCATION_STORIES:
      show_stories (self, location);
      /* The range the user chose stays on as they move from here. */
      self->range_from = location->filter->from;
      self->range_to = location->filter->to;
      if (location->saved_search != 0)
        clear_new_count (self, location->saved_search);
      break;

    case DASH_LOCATION_ENTITIES:
      show_entities_list (self);
      gtk_stack_set_visible_child_name (self->content_stack, "list");
      break;

    case DASH_LOCATION_SOURCES:
      show_sources_list (self);
      gtk_stack_set_visible_child_name (self->content_stack, "list");
      break;

    case DASH_LOCATION_ARTICLE:
      /* The words of the search that led to the story stand out in it. */
      dash_reader_set_query (self->reader,
                             location->filter != NULL ? location->filter->query : NULL);
      dash_reader_set_article (self->reader, self->corpus, location->article);
      gtk_stack_set_visible_child_name (self->content_stack, "reader");
      gtk_widget_grab_focus (GTK_WIDGET (self->reader));
      break;

    case DASH_LOCATION_FEEDS:
      dash_feeds_page_reload (self->feeds_page);
      gtk_stack_set_visible_child_name (self->content_stack, "feeds");
      break;

    case DASH_LOCATION_GRAPH:
      dash_graph_page_show (self->graph_page, self->corpus, location->filter);
      gtk_stack_set_visible_child_name (self->content_stack, "graph");
      self->range_from = location->filter->from;
      self->range_to = location->filter->to;
      break;

    default:
      g_assert_not_reached ();
    }

  sync_sidebar (self, location);

  if (self->settings != NULL)
    {
      g_autofree char *text = dash_location_to_string (location);

      if (text != NULL)
        g_settings_set_string (self->settings, "last-view", text);
    }
}

static void
push_location (GPtrArray    *stack,
               DashLocation *location)
{
  g_ptr_array_add (stack, location);
  if (stack->len > MAX_HISTORY)
    g_ptr_array_remove_index (stack, 0);
}

/* Goes to @location (owned). With @record, Back returns to where we were and Forward
 * is forgotten; @reset forgets the way here, as a choice in the sidebar does. */
static void
navigate (DashWindow   *self,
          DashLocation *location,
          gboolean      record,
          gboolean      reset)
{
  g_autoptr(DashLocation) owned = location;

  if (self->corpus == NULL)
    return;

  if (reset)
    {
      g_ptr_array_set_size (self->history, 0);
      g_ptr_array_set_size (self->forward, 0);
    }
  if (self->location != NULL && !dash_location_equal (self->location, location) && record)
    {
      push_location (self->history, g_steal_pointer (&self->location));
      g_ptr_array_set_size (self->forward, 0);
    }
  g_clear_pointer (&self->location, dash_location_free);
  self->location = g_steal_pointer (&owned);

  show_location (self, self->location);

  /* On a narrow window, the content replaces the sidebar. */
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
  update_back_button (self);
}

/* A filter for stories of one topic, entity, source or search, within the date range
 * the user chose. */
static DashFilter *
new_filter (DashWindow *self)
{
  DashFilter *filter = dash_filter_new ();

  filter->from = self->range_from;
  filter->to = self->range_to;
  return filter;
}

static void
navigate_to_filter (DashWindow *self,
                    DashFilter *filter)
{
  g_autoptr(DashFilter) owned = filter;

  navigate (self, dash_location_new_stories (filter, 0), TRUE, FALSE);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DashWindow *self = DASH_WINDOW (widget);

  if (self->history->len > 0)
    {
      DashLocation *previous = g_ptr_array_steal_index (self->history, self->history->len - 1);

      if (self->location != NULL)
        push_location (self->forward, g_steal_pointer (&self->location));
      navigate (self, previous, FALSE, FALSE);
    }
  else if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);

  update_back_button (self);
}

static void
forward_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DashWindow *self = DASH_WINDOW (widget);
  DashLocation *next;

  if (self->forward->len == 0)
    return;

  next = g_ptr_array_steal_index (self->forward, self->forward->len - 1);
  if (self->location != NULL)
    push_location (self->history, g_steal_pointer (&self->location));
  navigate (self, next, FALSE, FALSE);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DashWindow *self = DASH_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* F9: shows or hides the sidebar; on a narrow window, goes to it or back. */
static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DashWindow *self = DASH_WINDOW (widget);
  gboolean visible;

  if (adw_leaflet_get_folded (self->leaflet))
    {
      gboolean on_sidebar = adw_leaflet_get_visible_child (self->leaflet) == self->sidebar;

      gtk_widget_set_visible (self->sidebar, TRUE);
      adw_leaflet_set_visible_child (self->leaflet,
                                     on_sidebar ? GTK_WIDGET (self->content_stack) : self->sidebar);
      return;
    }

  visible = !gtk_widget_get_visible (self->sidebar);
  gtk_widget_set_visible (self->sidebar, visible);
  gtk_widget_set_visible (self->sidebar_separator, visible);
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "sidebar-visible", visible);
}

static gboolean
is_searching (DashWindow *self)
{
  const DashLocation *location = self->location;

  return location != NULL && location->kind == DASH_LOCATION_STORIES &&
         location->saved_search == 0 && location->filter->query != NULL &&
         location->filter->topic == NULL && location->filter->entity == NULL &&
         location->filter->source == NULL;
}

/* Keeps @query first in the recent searches. */
static void
remember_search (DashWindow *self,
                 const char *query)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) recent = NULL;
  guint n = 1;

  if (self->settings == NULL || query == NULL || query[0] == '\0')
    return;

  old = g_settings_get_strv (self->settings, "recent-searches");
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, query);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT_SEARCHES; i++)
    if (g_strcmp0 (old[i], query) != 0)
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  recent = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-searches", (const char * const *) recent);
}

static void
search_changed_cb (DashWindow     *self,
                   GtkSearchEntry *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  gboolean searching = is_searching (self);
  DashFilter *filter;

  if (text[0] == '\0')
    {
      /* Leave the results for where we were before the search. */
      if (searching)
        gtk_widget_activate_action (GTK_WIDGET (self), "win.back", NULL);
      return;
    }

  /* Typing refines the search in place; Back leaves it. */
  filter = new_filter (self);
  dash_filter_set_query (filter, text);
  filter->sort = DASH_SORT_RELEVANCE;
  navigate (self, dash_location_new_stories (filter, 0), !searching, FALSE);
  dash_filter_free (filter);
}

/* Enter: the search is one the user meant, worth remembering. */
static void
search_activate_cb (DashWindow     *self,
                    GtkSearchEntry *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  remember_search (self, text);
}

static void
stop_search_cb (DashWindow     *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
sidebar_row_selected_cb (DashWindow    *self,
                         GtkListBoxRow *row,
                         GtkListBox    *list_box)
{
  const DashLocation *location;

  if (row == NULL || self->syncing_sidebar)
    return;

  location = g_object_get_data (G_OBJECT (row), "location");
  if (location == NULL)
    return;
  if (location->kind == DASH_LOCATION_GRAPH)
    {
      /* Who appears with whom, within the date range the user chose. */
      g_autoptr(DashFilter) filter = new_filter (self);

      navigate (self, dash_location_new_graph (filter), FALSE, TRUE);
      return;
    }
  if (location->kind == DASH_LOCATION_STORIES && location->saved_search == 0)
    {
      /* A topic, within the date range the user chose. */
      g_autoptr(DashFilter) filter = new_filter (self);

      dash_filter_set_topic (filter, location->filter->topic);
      navigate (self, dash_location_new_stories (filter, 0), FALSE, TRUE);
      return;
    }
  navigate (self, dash_location_copy (location), FALSE, TRUE);
}

static void
sidebar_row_activated_cb (DashWindow    *self,
                          GtkListBoxRow *row,
                          GtkListBox    *list_box)
{
  /* The row is already shown when selected; on a narrow window, show it again. */
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
}

static void
topic_activated_cb (DashWindow *self,
                    const char *topic_id,
                    GtkWidget  *page)
{
  DashFilter *filter = new_filter (self);

  dash_filter_set_topic (filter, topic_id);
  navigate_to_filter (self, filter);
}

static void
entity_activated_cb (DashWindow *self,
                     const char *name,
                     GtkWidget  *page)
{
  DashFilter *filter = new_filter (self);

  dash_filter_set_entity (filter, name);
  navigate_to_filter (self, filter);
}

static void
article_activated_cb (DashWindow  *self,
                      DashArticle *article,
                      GtkWidget   *page)
{
  /* Opening a result means the search found something worth keeping. */
  DashLocation *location = dash_location_new_article (article);

  if (is_searching (self))
    remember_search (self, self->location->filter->query);
  if (self->location != NULL && self->location->filter != NULL)
    location->filter = dash_filter_copy (self->location->filter);
  navigate (self, location, TRUE, FALSE);
}

/* A page asks for other stories: a chip removed, a filter added, a range chosen. */
static void
filter_changed_cb (DashWindow       *self,
                   const DashFilter *filter,
                   GtkWidget        *page)
{
  navigate (self, dash_location_new_stories (filter, 0), TRUE, FALSE);
}

/* The overview asks for stories in a period, as a burst's row does. */
static void
filter_activated_cb (DashWindow       *self,
                     const DashFilter *filter,
                     GtkWidget        *page)
{
  navigate (self, dash_location_new_stories (filter, 0), TRUE, FALSE);
}

static void
search_activated_cb (DashWindow *self,
                     const char *query,
                     GtkWidget  *page)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query);
  remember_search (self, query);
}

static void
saved_searches_changed_cb (DashWindow *self,
                           GtkWidget  *page)
{
  fill_sidebar (self);
  /* A saved search renamed while shown is retitled. */
  if (self->location != NULL && self->location->saved_search != 0)
    show_location (self, self->location);
  else if (self->location != NULL)
    sync_sidebar (self, self->location);
}

/* The saved search shown was deleted: leave its page. */
static void
saved_search_deleted_cb (DashWindow *self,
                         gint64      id,
                         GtkWidget  *page)
{
  for (guint i = self->history->len; i > 0; i--)
    if (((DashLocation *) g_ptr_array_index (self->history, i - 1))->saved_search == id)
      g_ptr_array_remove_index (self->history, i - 1);
  g_ptr_array_set_size (self->forward, 0);
  fill_sidebar (self);
  if (self->history->len > 0)
    navigate (self, g_ptr_array_steal_index (self->history, self->history->len - 1), FALSE, FALSE);
  else
    navigate (self, dash_location_new (DASH_LOCATION_OVERVIEW), FALSE, TRUE);
}

/* A feed's row leads to its stories. */
static void
feed_activated_cb (DashWindow *self,
                   const char *source,
                   GtkWidget  *page)
{
  DashFilter *filter = new_filter (self);

  dash_filter_set_source (filter, source);
  navigate_to_filter (self, filter);
}

/* The entity graph of the stories shown (their topic, source, search and dates). */
static void
show_graph_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DashWindow *self = DASH_WINDOW (widget);
  g_autoptr(DashFilter) filter = NULL;

  if (self->location != NULL && self->location->kind == DASH_LOCATION_STORIES)
    {
      filter = dash_filter_copy (self->location->filter);
      /* The graph of one entity's stories is its ego network, which the page shows
       * around the entity itself. */
      filter->limit = 0;
    }
  else
    filter = new_filter (self);
  navigate (self, dash_location_new_graph (filter), TRUE, FALSE);
}

/* Ctrl+E: the chart shown, as an image or as data. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DashWindow *self = DASH_WINDOW (widget);
  const char *shown = gtk_stack_get_visible_child_name (self->content_stack);
  DashExportDialog *dialog = NULL;

  if (self->corpus != NULL && g_strcmp0 (shown, "stories") == 0)
    {
      DashTimelineView *timeline =
        DASH_TIMELINE_VIEW (dash_stories_page_get_timeline (self->stories_page));
      const DashTimelineChart *chart = dash_timeline_view_get_chart (timeline);
      g_autoptr(DashChartProvenance) provenance = NULL;
      g_autofree char *title = NULL;

      if (chart != NULL && self->location != NULL && self->location->filter != NULL)
        {
          /* Translators: a chart's title: what it counts, then how, as in
           * "Trade war: Stories per Month". */
          title = g_strdup_printf (_("%s: %s"), dash_stories_page_get_title (self->stories_page),
                                   dash_stories_page_get_timeline_heading (self->stories_page));
          provenance = dash_chart_provenance_new_for_corpus (self->corpus,
                                                             self->location->filter, title,
                                                             NULL);
          dialog = dash_export_dialog_new_for_timeline (GTK_WINDOW (self), chart, title,
                                                        provenance);
        }
    }
  else if (g_strcmp0 (shown, "graph") == 0 &&
           dash_graph_page_get_chart (self->graph_page) != NULL)
    dialog = dash_export_dialog_new_for_graph (GTK_WINDOW (self), GTK_WIDGET (self->graph_page));

  if (dialog == NULL)
    {
      show_toast (self, _("Open a topic, an entity, a search or the entity graph to export "
                          "its chart"));
      return;
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
refresh_feeds_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DashWindow *self = DASH_WINDOW (widget);

  if (self->refresher != NULL)
    dash_refresher_refresh_now (self->refresher);
}

static void
refreshing_changed_cb (DashWindow    *self,
                       GParamSpec    *pspec,
                       DashRefresher *refresher)
{
  /* Stories stored from now on came with this refresh. */
  if (dash_refresher_get_refreshing (refresher))
    self->refresh_started = g_get_real_time () / G_USEC_PER_SEC - 1;
}

/* Tells the user of the saved searches that asked for it which gained stories with the
 * refresh that just ended. */
static void
notify_saved_searches (DashWindow *self)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GArray) counts = NULL;

  if (app == NULL || self->corpus == NULL || self->refresh_started == 0)
    return;
  /* Counted from the start of this refresh, not from when the user last looked. */
  alerts = dash_corpus_saved_searches_to_notify (self->corpus, self->refresh_started, &counts,
                                                 NULL);
  for (guint i = 0; alerts != NULL && i < alerts->len; i++)
    {
      const DashSavedSearch *search = g_ptr_array_index (alerts, i);
      guint n_new = g_array_index (counts, guint, i);
      g_autoptr(GNotification) notification = NULL;
      g_autofree char *id = NULL;
      g_autofree char *title = NULL;
      g_autofree char *body = NULL;

      /* Translators: a notification's title; %s is a saved search's name. */
      title = g_strdup_printf (_("New Stories for “%s”"), search->name);
      body = g_strdup_printf (ngettext ("%'u new story matches your saved search",
                                        "%'u new stories match your saved search", n_new),
                              n_new);
      notification = g_notification_new (title);
      g_notification_set_body (notification, body);
      g_notification_set_default_action_and_target (notification, "app.show-saved-search",
                                                    "x", search->id);
      id = g_strdup_printf ("saved-search-%" G_GINT64_FORMAT, search->id);
      g_application_send_notification (app, id, notification);
    }
}

static void
feeds_refreshed_cb (DashWindow    *self,
                    guint          n_new,
                    GPtrArray     *results,
                    DashRefresher *refresher)
{
  g_autofree char *title = NULL;

  if (n_new == 0)
    return;
  title = g_strdup_printf (ngettext ("%'u new story", "%'u new stories", n_new), n_new);
  show_toast (self, title);
  notify_saved_searches (self);
}

void
dash_window_show_saved_search (DashWindow *self,
                               gint64      id)
{
  g_autoptr(DashSavedSearch) saved = NULL;

  g_return_if_fail (DASH_IS_WINDOW (self));

  if (self->corpus == NULL)
    return;
  saved = dash_corpus_get_saved_search (self->corpus, id, NULL);
  if (saved != NULL)
    navigate (self, dash_location_new_stories (saved->filter, saved->id), TRUE, FALSE);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DashWindow *self = DASH_WINDOW (widget);

  if (self->settings == NULL)
    {
      show_toast (self, _("Preferences are not available: the settings schema is not installed"));
      return;
    }
  gtk_window_present (GTK_WINDOW (dash_preferences_window_new (GTK_WINDOW (self),
                                                                self->settings)));
}

static void
list_row_activated_cb (DashWindow    *self,
                       GtkListBoxRow *row,
                       GtkListBox    *list_box)
{
  const char *entity = g_object_get_data (G_OBJECT (row), "entity-name");
  const char *source = g_object_get_data (G_OBJECT (row), "source-name");
  DashFilter *filter;

  if (entity != NULL)
    entity_activated_cb (self, entity, NULL);
  else if (source != NULL)
    {
      filter = new_filter (self);
      dash_filter_set_source (filter, source);
      navigate_to_filter (self, filter);
    }
}

static gboolean
is_entity_location (const DashLocation *location,
                    const char         *name)
{
  return location->kind == DASH_LOCATION_STORIES &&
         g_strcmp0 (location->filter->entity, name) == 0;
}

static void
rename_in (GPtrArray  *locations,
           const char *old_name,
           const char *new_name)
{
  for (guint i = 0; i < locations->len; i++)
    {
      DashLocation *location = g_ptr_array_index (locations, i);

      if (is_entity_location (location, old_name))
        dash_filter_set_entity (location->filter, new_name);
    }
}

/* Points the places that show the entity @old_name at @new_name, as after a rename or a
 * merge, so that the page, Back and Forward follow it. */
static void
follow_entity (DashWindow *self,
               const char *old_name,
               const char *new_name)
{
  rename_in (self->history, old_name, new_name);
  rename_in (self->forward, old_name, new_name);
  if (self->location != NULL && is_entity_location (self->location, old_name))
    dash_filter_set_entity (self->location->filter, new_name);

  /* Back no longer leads to the page we are on. */
  while (self->history->len > 0 && self->location != NULL &&
         dash_location_equal (g_ptr_array_index (self->history, self->history->len - 1),
                              self->location))
    g_ptr_array_remove_index (self->history, self->history->len - 1);
}
/* The corpus emits ::changed right after these, and the window shows its new location. */
static void
entity_renamed_cb (DashWindow      *self,
                   gint64           id,
                   const char      *old_name,
                   const char      *new_name,
                   gboolean         merged,
                   DashStoriesPage *page)
{
  g_autofree char *title = NULL;

  follow_entity (self, old_name, new_name);
  if (merged)
    {
      /* Translators: after renaming an entity to the name of another one. */
      title = g_strdup_printf (_("“%s” merged into “%s”"), old_name, new_name);
      show_undo_toast (self, title, "win.undo-merge", NULL);
      return;
    }

  /* Translators: after renaming an entity; an Undo button follows. */
  title = g_strdup_printf (_("Renamed to “%s”"), new_name);
  show_undo_toast (self, title, "win.rename-entity",
                   g_variant_new ("(xss)", id, new_name, old_name));
}

static void
entity_merged_cb (DashWindow      *self,
                  const char      *source_name,
                  const char      *target_name,
                  DashStoriesPage *page)
{
  g_autofree char *title = NULL;

  /* The target's page takes the place of the source's. */
  follow_entity (self, source_name, target_name);
  /* Translators: after merging an entity into another one. */
  title = g_strdup_printf (_("“%s” merged into “%s”"), source_name, target_name);
  show_undo_toast (self, title, "win.undo-merge", NULL);
}

/* Undo of a merge: the entity merged away comes back, and so does its page. */
static void
undo_merge_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DashWindow *self = DASH_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!dash_stories_page_undo_merge (self->stories_page, &error))
    show_toast (self, error->message);
}

static void
entity_hidden_cb (DashWindow      *self,
                  gint64           id,
                  const char      *name,
                  DashStoriesPage *page)
{
  g_autofree char *title = NULL;

  /* Back and Forward no longer lead to it; leave its page for the one before. */
  for (guint i = self->history->len; i > 0; i--)
    if (is_entity_location (g_ptr_array_index (self->history, i - 1), name))
      g_ptr_array_remove_index (self->history, i - 1);
  for (guint i = self->forward->len; i > 0; i--)
    if (is_entity_location (g_ptr_array_index (self->forward, i - 1), name))
      g_ptr_array_remove_index (self->forward, i - 1);
  if (self->location != NULL && is_entity_location (self->location, name))
    {
      g_clear_pointer (&self->location, dash_location_free);
      if (self->history->len > 0)
        self->location = g_ptr_array_steal_index (self->history, self->history->len - 1);
      else
        self->location = dash_location_new (DASH_LOCATION_OVERVIEW);
    }

  /* Translators: after hiding an entity; an Undo button follows. */
  title = g_strdup_printf (_("“%s” hidden"), name);
  show_undo_toast (self, title, "win.unhide-entity", g_variant_new_int64 (id));
}

/* Undo of a rename: (id, current name, name to give). */
static void
rename_entity_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DashWindow *self = DASH_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  const char *from, *to;
  gint64 id;

  if (self->corpus == NULL)
    return;
  g_variant_get (parameter, "(x&s&s)", &id, &from, &to);
  if (!dash_corpus_rename_entity (self->corpus, id, to, &error))
    {
      show_toast (self, error->message);
      return;
    }
  follow_entity (self, from, to);
  dash_corpus_notify_changed (self->corpus);
}

/* Undo of Hide. */
static void
unhide_entity_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DashWindow *self = DASH_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->corpus == NULL)
    return;
  if (!dash_corpus_set_entity_hidden (self->corpus, g_variant_get_int64 (parameter), FALSE,
                                      &error))
    {
      show_toast (self, error->message);
      return;
    }
  dash_corpus_notify_changed (self->corpus);
}


/* A sidebar row leading to @location (owned), with @count beside its title. */
static GtkWidget *
sidebar_row_new (const char   *title,
                 const char   *count,
                 DashLocation *location)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  if (count != NULL)
    {
      GtkWidget *count_label = gtk_label_new (count);

      gtk_widget_add_css_class (count_label, "dim-label");
      gtk_widget_add_css_class (count_label, "numeric");
      gtk_box_append (GTK_BOX (box), count_label);
      g_object_set_data (G_OBJECT (row), "count-label", count_label);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "location", location,
                          (GDestroyNotify) dash_location_free);
  return row;
}

static GtkWidget *
topic_row_new (const DashTopicStat *topic)
{
  g_autoptr(DashFilter) filter = dash_filter_new ();
  g_autofree char *count = g_strdup_printf ("%'u", topic->articles);
  g_autofree char *description = g_strdup_printf (ngettext ("%'u story", "%'u stories",
                                                            topic->articles),
                                                  topic->articles);
  GtkWidget *row;

  dash_filter_set_topic (filter, topic->id);
  row = sidebar_row_new (topic->name, count, dash_location_new_stories (filter, 0));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, topic->name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  return row;
}

/* A saved search's row, with the number of stories imported since it was last seen. */
static GtkWidget *
saved_search_row_new (DashWindow            *self,
                      const DashSavedSearch *search)
{
  g_autofree char *count = NULL;
  g_autofree char *description = NULL;
  GtkWidget *row;
  guint n_new = 0;

  if (dash_corpus_count_new_stories (self->corpus, search, &n_new, NULL) && n_new > 0)
    {
      /* Translators: beside a saved search in the sidebar. */
      count = g_strdup_printf (ngettext ("%'u new", "%'u new", n_new), n_new);
      description = g_strdup_printf (ngettext ("%'u new story", "%'u new stories", n_new), n_new);
    }

  row = sidebar_row_new (search->name, count,
                         dash_location_new_stories (search->filter, search->id));
  gtk_widget_add_css_class (row, "saved-search");
  if (n_new > 0)
    gtk_widget_add_css_class (row, "has-new");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, search->name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : _("Saved search"),
                                  -1);
  return row;
}

/* Overview, the topics with their story counts (built-in ones first), the saved
 * searches, Entities, Sources. */
static void
fill_sidebar (DashWindow *self)
{
  g_autoptr(GPtrArray) topics = NULL;
  g_autoptr(GPtrArray) searches = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row;

  self->syncing_sidebar = TRUE;
  dash_list_box_remove_all (self->sidebar_list);
  g_hash_table_remove_all (self->topic_names);

  gtk_list_box_append (self->sidebar_list,
                       sidebar_row_new (_("Overview"), NULL,
                                        dash_location_new (DASH_LOCATION_OVERVIEW)));

  topics = dash_corpus_list_topics (self->corpus, &error);
  if (topics == NULL)
    show_toast (self, error->message);
  for (guint i = 0; topics != NULL && i < topics->len; i++)
    {
      const DashTopicStat *topic = g_ptr_array_index (topics, i);

      row = topic_row_new (topic);
      /* Built-in topics come first; a line sets the user's own apart. */
      if (i > 0 && !topic->builtin &&
          ((const DashTopicStat *)g_ptr_array_index (topics, i - 1))->builtin)
        gtk_widget_add_css_class (row, "first-user-topic");
      gtk_list_box_append (self->sidebar_list, row);
      g_hash_table_insert (self->topic_names, g_strdup (topic->id), g_strdup (topic->name));
    }

  searches = dash_corpus_list_saved_searches (self->corpus, NULL);
  for (guint i = 0; searches != NULL && i < searches->len; i++)
    {
      row = saved_search_row_new (self, g_ptr_array_index (searches, i));
      if (i == 0)
        gtk_widget_add_css_class (row, "first-saved-search");
      gtk_list_box_append (self->sidebar_list, row);
    }

  row = sidebar_row_new (_("Entity Graph"), NULL, dash_location_new (DASH_LOCATION_GRAPH));
  gtk_widget_add_css_class (row, "first-section-row");
  gtk_list_box_append (self->sidebar_list, row);
  gtk_list_box_append (self->sidebar_list,
                       sidebar_row_new (_("Entities"), NULL,
                                        dash_location_new (DASH_LOCATION_ENTITIES)));
  gtk_list_box_append (self->sidebar_list,
                       sidebar_row_new (_("Sources"), NULL,
                                        dash_location_new (DASH_LOCATION_SOURCES)));
  gtk_list_box_append (self->sidebar_list,
                       sidebar_row_new (_("Feeds"), NULL,
                                        dash_location_new (DASH_LOCATION_FEEDS)));
  self->syncing_sidebar = FALSE;
}

/* Where the window opens: the place it showed last, when it still exists. */
static DashLocation *
restore_location (DashWindow *self)
{
  g_autoptr(DashLocation) location = NULL;
  g_autofree char *text = NULL;

  if (self->settings == NULL)
    return dash_location_new (DASH_LOCATION_OVERVIEW);

  text = g_settings_get_string (self->settings, "last-view");
  location = dash_location_new_from_string (text);
  if (location == NULL)
    return dash_location_new (DASH_LOCATION_OVERVIEW);
  if (location->saved_search != 0)
    {
      g_autoptr(DashSavedSearch) saved = dash_corpus_get_saved_search (self->corpus,
                                                                       location->saved_search,
                                                                       NULL);

      if (saved == NULL)
        return dash_location_new (DASH_LOCATION_OVERVIEW);
    }
  return g_steal_pointer (&location);
}

/* Reads the corpus again and shows it, or the empty state when there are no stories. */
static void
reload (DashWindow *self)
{
  DashCorpusStats stats = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;

  if (self->corpus == NULL)
    return;

  if (!dash_corpus_get_stats (self->corpus, &stats, &error))
    {
      show_error (self, error);
      return;
    }

  if (stats.articles > 0)
    count = g_strdup_printf (ngettext ("%'u story", "%'u stories", stats.articles), stats.articles);
  if (self->demo)
    {
      /* Translators: the window's subtitle in the demo library; %s is "N stories". */
      g_autofree char *demo = count != NULL ? g_strdup_printf (_("Demo Library · %s"), count)
                                            : g_strdup (_("Demo Library"));

      adw_window_title_set_subtitle (self->window_title, demo);
    }
  else
    adw_window_title_set_subtitle (self->window_title, count != NULL ? count : "");
  gtk_revealer_set_reveal_child (self->demo_revealer, self->demo);

  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), stats.articles > 0);
  if (stats.articles == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_back_button (self);
      return;
    }

  fill_sidebar (self);
  gtk_stack_set_visible_child_name (self->stack, "browse");

  /* Show the same place with the new stories. */
  if (self->location == NULL)
    self->location = restore_location (self);
  show_location (self, self->location);
  update_back_button (self);
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
    text = g_strdup_printf (ngettext ("Importing file %'u of %'u…",
                                      "Importing file %'u of %'u…", total),
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
      g_string_append_printf (body, ngettext ("…and %'u more problem", "…and %'u more problems",
                                              more),
                              more);
    }

  /* The list also holds files that were read in part, with what was skipped. */
  if (n_failed > 0)
    heading = g_strdup_printf (ngettext ("%'u File Could Not Be Imported",
                                         "%'u Files Could Not Be Imported", n_failed),
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
    return g_strdup_printf (ngettext ("No new stories (%'u duplicate skipped)",
                                      "No new stories (%'u duplicates skipped)", duplicates),
                            duplicates);

  stories = g_strdup_printf (ngettext ("Imported %'u story", "Imported %'u stories", imported),
                             imported);
  if (duplicates == 0)
    return g_steal_pointer (&stories);

  /* Translators: the first %s is "Imported N stories". */
  return g_strdup_printf (ngettext ("%s (%'u duplicate skipped)", "%s (%'u duplicates skipped)",
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

  if (self->demo_source != NULL)
    {
      g_remove (self->demo_source);
      g_clear_pointer (&self->demo_source, g_free);
    }

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
  /* The user's own files go to their own database, not to the demo library. */
  if (self->demo && self->demo_source == NULL &&
      !open_database (self, self->database_path, FALSE))
    return;

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

/* Imports what the user chose, and starts the next choice in the same folder. */
static void
import_chosen (DashWindow *self,
               GListModel *files)
{
  g_autoptr(GPtrArray) array = NULL;
  guint n_files = g_list_model_get_n_items (files);

  array = g_ptr_array_new_full (n_files, g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (array, g_list_model_get_item (files, i));
  if (n_files > 0)
    remember_folder (self, g_ptr_array_index (array, 0));
  dash_window_import_files (self, (GFile **)array->pdata, array->len);
}

static GtkFileFilter *
new_file_filter (const char         *name,
                 const char * const *mime_types,
                 const char * const *patterns)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; mime_types != NULL && mime_types[i] != NULL; i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);
  for (guint i = 0; patterns != NULL && patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  return filter;
}

/* The filters of the file chooser, the first (every kind the importer reads) being the
 * default. */
static GListStore *
import_filters (void)
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
  const char * const *types[] = { feed_types, json_types, text_types };
  const char * const *patterns[] = { feed_patterns, json_patterns, text_patterns };
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) news = gtk_file_filter_new ();
  GtkFileFilter *filter;

  gtk_file_filter_set_name (news, _("News Files"));
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      for (const char * const *t = types[i]; *t != NULL; t++)
        gtk_file_filter_add_mime_type (news, *t);
      for (const char * const *t = patterns[i]; *t != NULL; t++)
        gtk_file_filter_add_pattern (news, *t);
    }
  g_list_store_append (filters, news);

  filter = new_file_filter (_("Feeds (RSS, Atom)"), feed_types, feed_patterns);
  g_list_store_append (filters, filter);
  g_object_unref (filter);
  filter = new_file_filter (_("JSON Exports"), json_types, json_patterns);
  g_list_store_append (filters, filter);
  g_object_unref (filter);
  filter = new_file_filter (_("Text Files"), text_types, text_patterns);
  g_list_store_append (filters, filter);
  g_object_unref (filter);
  filter = new_file_filter (_("All Files"), NULL, all_patterns);
  g_list_store_append (filters, filter);
  g_object_unref (filter);
  return filters;
}

/* The folder of the last import, when it is still there. */
static GFile *
last_import_folder (DashWindow *self)
{
  g_autofree char *uri = NULL;
  g_autoptr(GFile) folder = NULL;

  if (self->settings == NULL)
    return NULL;
  uri = g_settings_get_string (self->settings, "last-import-folder");
  if (uri[0] == '\0')
    return NULL;
  folder = g_file_new_for_uri (uri);
  if (g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_DIRECTORY)
    return NULL;
  return g_steal_pointer (&folder);
}

#if GTK_CHECK_VERSION (4, 10, 0)
/* GTK 4.10 and later: GtkFileDialog, which goes through the portal itself. It is newer
 * than the GTK 4.8 this code is written against, hence the silenced availability
 * warnings. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
file_dialog_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GtkFileDialog *dialog = GTK_FILE_DIALOG (object);
  g_autoptr(DashWindow) self = user_data;
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GError) error = NULL;

  if (g_object_get_data (object, "folders") != NULL)
    files = gtk_file_dialog_select_multiple_folders_finish (dialog, result, &error);
  else
    files = gtk_file_dialog_open_multiple_finish (dialog, result, &error);
  self->choosing = FALSE;
  /* Dismissed: nothing to do. */
  if (files != NULL && gtk_widget_get_realized (GTK_WIDGET (self)))
    import_chosen (self, files);
}

static void
open_chooser (DashWindow *self,
              gboolean    folders)
{
  g_autoptr(GtkFileDialog) dialog = NULL;
  g_autoptr(GListStore) filters = NULL;
  g_autoptr(GFile) folder = NULL;

  if (self->choosing)
    return;
  self->choosing = TRUE;

  dialog = gtk_file_dialog_new ();
  gtk_file_dialog_set_title (dialog, folders ? _("Import Folders") : _("Import Files"));
  gtk_file_dialog_set_accept_label (dialog, _("_Import"));
  gtk_file_dialog_set_modal (dialog, TRUE);
  if (!folders)
    {
      g_autoptr(GtkFileFilter) news = NULL;

      filters = import_filters ();
      news = g_list_model_get_item (G_LIST_MODEL (filters), 0);
      gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
      gtk_file_dialog_set_default_filter (dialog, news);
    }
  folder = last_import_folder (self);
  if (folder != NULL)
    gtk_file_dialog_set_initial_folder (dialog, folder);

  if (folders)
    {
      g_object_set_data (G_OBJECT (dialog), "folders", GINT_TO_POINTER (TRUE));
      gtk_file_dialog_select_multiple_folders (dialog, GTK_WINDOW (self), NULL,
                                               file_dialog_done_cb, g_object_ref (self));
    }
  else
    gtk_file_dialog_open_multiple (dialog, GTK_WINDOW (self), NULL, file_dialog_done_cb,
                                   g_object_ref (self));
}

G_GNUC_END_IGNORE_DEPRECATIONS
#else
/* GTK 4.8: GtkFileChooserNative, portal-friendly too. */

static void
chooser_response_cb (DashWindow           *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      import_chosen (self, files);
    }
  if (self->chooser == chooser)
    g_clear_object (&self->chooser);
}

static void
open_chooser (DashWindow *self,
              gboolean    folders)
{
  g_autoptr(GFile) folder = NULL;
  GtkFileChooser *chooser;

  /* One chooser at a time: a second click brings the open one back. */
  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  self->chooser = gtk_file_chooser_native_new (folders ? _("Import Folders") : _("Import Files"),
                                               GTK_WINDOW (self),
                                               folders ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                       : GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Import"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (self->chooser);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (chooser, TRUE);

  if (!folders)
    {
      g_autoptr(GListStore) filters = import_filters ();
      guint n = g_list_model_get_n_items (G_LIST_MODEL (filters));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GtkFileFilter) filter = g_list_model_get_item (G_LIST_MODEL (filters), i);

          gtk_file_chooser_add_filter (chooser, filter);
          if (i == 0)
            gtk_file_chooser_set_filter (chooser, filter);
        }
    }

  folder = last_import_folder (self);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (chooser, folder, NULL);

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}
#endif

static void
import_files_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  open_chooser (DASH_WINDOW (widget), FALSE);
}

static void
import_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  open_chooser (DASH_WINDOW (widget), TRUE);
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

/* Shows the database at @path (the demo library's with @demo) instead of the one
 * shown, from its overview; when it cannot be opened, the window says why. */
static gboolean
open_database (DashWindow *self,
               const char *path,
               gboolean    demo)
{
  g_autoptr(DashCorpus) corpus = NULL;
  g_autoptr(GError) error = NULL;

  corpus = dash_corpus_open (path, &error);
  if (corpus == NULL)
    {
      if (self->corpus == NULL)
        show_error (self, error);
      else
        show_toast (self, error->message);
      return FALSE;
    }

  if (self->corpus != NULL)
    g_signal_handlers_disconnect_by_func (self->corpus, corpus_changed_cb, self);
  g_set_object (&self->corpus, corpus);
  g_signal_connect_object (self->corpus, "changed", G_CALLBACK (corpus_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->demo = demo;

  /* The feeds of this database, refreshed as the preferences say (never the demo's). */
  g_clear_object (&self->refresher);
  g_clear_object (&self->subscriptions);
  self->subscriptions = dash_subscriptions_new (self->corpus);
  self->refresher = dash_refresher_new (self->subscriptions, NULL);
  if (self->settings != NULL && !demo && !dash_corpus_get_read_only (self->corpus))
    dash_refresher_bind_settings (self->refresher, self->settings);
  g_signal_connect_object (self->refresher, "refreshed", G_CALLBACK (feeds_refreshed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->refresher, "notify::refreshing",
                           G_CALLBACK (refreshing_changed_cb), self, G_CONNECT_SWAPPED);
  dash_feeds_page_set_refresher (self->feeds_page, self->refresher);
  dash_feeds_page_set_subscriptions (self->feeds_page, self->subscriptions);

  /* Nothing of the other database's places applies here. */
  g_clear_pointer (&self->location, dash_location_free);
  g_ptr_array_set_size (self->history, 0);
  g_ptr_array_set_size (self->forward, 0);
  self->range_from = self->range_to = 0;
  if (demo)
    self->location = dash_location_new (DASH_LOCATION_OVERVIEW);

  reload (self);
  update_actions (self);
  return TRUE;
}

/* The demo library lives beside the user's database, in a database of its own. */
static char *
demo_database_path (DashWindow *self)
{
  g_autofree char *folder = g_path_get_dirname (self->database_path);

  return g_build_filename (folder, "demo-library.db", NULL);
}

static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DashWindow *self = DASH_WINDOW (widget);
  g_autofree char *path = NULL;
  g_autoptr(GBytes) stories = NULL;
  g_autoptr(GFile) source = NULL;
  g_autoptr(GError) error = NULL;
  DashCorpusStats stats = { 0, };

  if (self->job != NULL)
    {
      show_toast (self, _("Wait for the running import to finish"));
      return;
    }

  path = demo_database_path (self);
  if (!open_database (self, path, TRUE))
    return;
  if (!dash_corpus_get_stats (self->corpus, &stats, &error))
    {
      show_toast (self, error->message);
      return;
    }
  if (stats.articles > 0)
    return;

  /* First time: import the demo stories through the same path as any file. */
  stories = g_resources_lookup_data (DEMO_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_clear_pointer (&self->demo_source, g_free);
  self->demo_source = g_build_filename (g_get_tmp_dir (), "dashboard-demo-library.json", NULL);
  if (stories == NULL ||
      !g_file_set_contents (self->demo_source, g_bytes_get_data (stories, NULL),
                            g_bytes_get_size (stories), &error))
    {
      show_toast (self, error->message);
      return;
    }
  source = g_file_new_for_path (self->demo_source);
  dash_window_import_files (self, &source, 1);
}

static void
leave_demo_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DashWindow *self = DASH_WINDOW (widget);

  if (!self->demo)
    return;
  if (self->job != NULL && self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  open_database (self, self->database_path, FALSE);
}

gboolean
dash_window_get_demo (DashWindow *self)
{
  g_return_val_if_fail (DASH_IS_WINDOW (self), FALSE);
  return self->demo;
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

  G_OBJECT_CLASS (dash_window_parent_class)->constructed (object);

  if (self->database_path != NULL)
    open_database (self, self->database_path, FALSE);

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

#if !GTK_CHECK_VERSION (4, 10, 0)
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
#endif

  gtk_widget_dispose_template (GTK_WIDGET (self), DASH_TYPE_WINDOW);

  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  /* Stops a running refresh; what it stored stays. */
  g_clear_object (&self->refresher);
  g_clear_object (&self->subscriptions);
  g_clear_object (&self->corpus);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->location, dash_location_free);
  if (self->history != NULL)
    g_ptr_array_set_size (self->history, 0);
  if (self->forward != NULL)
    g_ptr_array_set_size (self->forward, 0);

  G_OBJECT_CLASS (dash_window_parent_class)->dispose (object);
}

static void
dash_window_finalize (GObject *object)
{
  DashWindow *self = (DashWindow *)object;

  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->demo_source, g_free);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->forward, g_ptr_array_unref);
  g_clear_pointer (&self->topic_names, g_hash_table_unref);

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
  gtk_widget_class_bind_template_child (widget_class, DashWindow, demo_revealer);
  gtk_widget_class_bind_template_child (widget_class, DashWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, DashWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, DashWindow, forward_button);
  gtk_widget_class_bind_template_child (widget_class, DashWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DashWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, DashWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, DashWindow, sidebar_separator);
  gtk_widget_class_bind_template_child (widget_class, DashWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, DashWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, DashWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, DashWindow, stories_page);
  gtk_widget_class_bind_template_child (widget_class, DashWindow, list_title);
  gtk_widget_class_bind_template_child (widget_class, DashWindow, list_box);
  gtk_widget_class_bind_template_child (widget_class, DashWindow, reader);
  gtk_widget_class_bind_template_child (widget_class, DashWindow, feeds_page);
  gtk_widget_class_bind_template_child (widget_class, DashWindow, graph_page);
  gtk_widget_class_bind_template_callback (widget_class, update_back_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, feed_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, saved_searches_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, saved_search_deleted_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, topic_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, entity_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, article_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, entity_renamed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entity_merged_cb);
  gtk_widget_class_bind_template_callback (widget_class, entity_hidden_cb);

  gtk_widget_class_install_action (widget_class, "win.import-files", NULL, import_files_action);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, import_folder_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-import", NULL, cancel_import_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.forward", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.refresh-feeds", NULL, refresh_feeds_action);
  gtk_widget_class_install_action (widget_class, "win.show-graph", NULL, show_graph_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.leave-demo", NULL, leave_demo_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.rename-entity", "(xss)",
                                   rename_entity_action);
  gtk_widget_class_install_action (widget_class, "win.unhide-entity", "x", unhide_entity_action);
  gtk_widget_class_install_action (widget_class, "win.undo-merge", NULL, undo_merge_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Back, 0, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "win.forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Forward, 0, "win.forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.refresh-feeds", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);

  g_type_ensure (DASH_TYPE_OVERVIEW_PAGE);
  g_type_ensure (DASH_TYPE_STORIES_PAGE);
  g_type_ensure (DASH_TYPE_READER);
  g_type_ensure (DASH_TYPE_FEEDS_PAGE);
  g_type_ensure (DASH_TYPE_GRAPH_PAGE);
}

static void
dash_window_init (DashWindow *self)
{
  GtkDropTarget *drop_target;

  self->history = g_ptr_array_new_with_free_func ((GDestroyNotify)dash_location_free);
  self->forward = g_ptr_array_new_with_free_func ((GDestroyNotify)dash_location_free);
  self->topic_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

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
      g_signal_connect_object (self->settings, "changed::recent-searches",
                               G_CALLBACK (show_recent_searches), self, G_CONNECT_SWAPPED);
      if (!g_settings_get_boolean (self->settings, "sidebar-visible"))
        {
          gtk_widget_set_visible (self->sidebar, FALSE);
          gtk_widget_set_visible (self->sidebar_separator, FALSE);
        }
    }

  update_actions (self);
}
