/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-feeds-page"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "dash-feeds-page.h"
#include "dash-ui-util.h"

#define SUGGESTIONS_RESOURCE "/org/example/Dashboard/feeds-suggestions.json"
/* How often the "Updated 5 minutes ago" lines are said anew. */
#define TICK_SECONDS 60

typedef struct {
  char *group;
  char *name;
  char *url;
  char *description;
} Suggestion;

static void
suggestion_free (Suggestion *suggestion)
{
  g_free (suggestion->group);
  g_free (suggestion->name);
  g_free (suggestion->url);
  g_free (suggestion->description);
  g_free (suggestion);
}

struct _DashFeedsPage
{
  GtkWidget             parent_instance;

  DashSubscriptions    *subscriptions;
  DashRefresher        *refresher;
  /* Feed id → stories its last refresh seen by this page brought (GUINT_TO_POINTER). */
  GHashTable           *last_added;
  /* Suggestion, in the order shown; the check button of each is in check_buttons. */
  GPtrArray            *suggestions;
  GPtrArray            *check_buttons;

  GtkFileChooserNative *chooser;
  GtkWindow            *add_dialog;     /* weak: the Add Feed dialog while it is open */
  GCancellable         *add_cancellable;
  guint                 tick_id;

  /* Template children. */
  GtkLabel             *state_label;
  GtkSpinner           *spinner;
  GtkStack             *stack;
  GtkListBox           *feeds_list;
  GtkBox               *suggestions_box;
};

G_DEFINE_FINAL_TYPE (DashFeedsPage, dash_feeds_page, GTK_TYPE_WIDGET)

enum {
  FEED_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
dash_feeds_page_new (void)
{
  return g_object_new (DASH_TYPE_FEEDS_PAGE, NULL);
}

/* Says @message (text) in the window's toast overlay. */
static DashFeed *
get_feed (DashFeedsPage *self,
          gint64         id)
{
  g_autoptr(GError) error = NULL;
  DashFeed *feed;

  if (self->subscriptions == NULL)
    return NULL;
  feed = dash_subscriptions_get (self->subscriptions, id, &error);
  if (feed == NULL)
    dash_widget_show_toast (GTK_WIDGET (self), error->message);
  return feed;
}

/* The name a feed goes by: its title, else (before its first fetch) the name of the site
 * it comes from. */
static char *
feed_name (const DashFeed *feed)
{
  g_autoptr(GUri) uri = NULL;

  if (feed->title != NULL && feed->title[0] != '\0')
    return g_strdup (feed->title);
  uri = g_uri_parse (feed->url, G_URI_FLAGS_NONE, NULL);
  if (uri != NULL && g_uri_get_host (uri) != NULL && g_uri_get_host (uri)[0] != '\0')
    return g_strdup (g_uri_get_host (uri));
  return g_strdup (feed->url);
}

/* "5 minutes ago", for @then (Unix seconds) before @now. */
static char *
format_ago (gint64 then,
            gint64 now)
{
  gint64 seconds = MAX (now - then, 0);
  guint n;

  if (seconds < 60)
    return g_strdup (_("just now"));
  if (seconds < 60 * 60)
    {
      n = seconds / 60;
      return g_strdup_printf (ngettext ("%u minute ago", "%u minutes ago", n), n);
    }
  if (seconds < 24 * 60 * 60)
    {
      n = seconds / (60 * 60);
      return g_strdup_printf (ngettext ("%u hour ago", "%u hours ago", n), n);
    }
  n = MIN (seconds / (24 * 60 * 60), G_MAXUINT);
  return g_strdup_printf (ngettext ("%u day ago", "%u days ago", n), n);
}

/* The state line of a feed; @is_error says whether it is an error. */
static char *
format_state (DashFeedsPage  *self,
              const DashFeed *feed,
              gboolean       *is_error)
{
  g_autofree char *ago = NULL;
  g_autofree char *count = NULL;
  gpointer added;

  *is_error = FALSE;
  if (feed->paused)
    return g_strdup (_("Paused"));
  if (feed->last_error != NULL)
    {
      *is_error = TRUE;
      return g_strdup (feed->last_error);
    }
  if (feed->last_success == 0)
    return g_strdup (_("Not refreshed yet"));

  ago = format_ago (feed->last_success, g_get_real_time () / G_USEC_PER_SEC);
  if (g_hash_table_lookup_extended (self->last_added, &feed->id, NULL, &added))
    {
      guint n = GPOINTER_TO_UINT (added);

      if (n == 0)
        count = g_strdup (_("no new stories"));
      else
        count = g_strdup_printf (ngettext ("%u new story", "%u new stories", n), n);
    }
  else
    count = g_strdup_printf (ngettext ("%u story in all", "%u stories in all",
                                       feed->items_added), feed->items_added);
  /* Translators: when a feed was last fetched ("5 minutes ago"), then what it brought. */
  return g_strdup_printf (_("Updated %s · %s"), ago, count);
}

static GMenuModel *
feed_menu_new (const DashFeed *feed)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) danger = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;

  item = g_menu_item_new (_("_Refresh"), NULL);
  g_menu_item_set_action_and_target (item, "feed.refresh", "x", feed->id);
  g_menu_append_item (edit, item);
  g_clear_object (&item);

  item = g_menu_item_new (_("Re_name…"), NULL);
  g_menu_item_set_action_and_target (item, "feed.rename", "x", feed->id);
  g_menu_append_item (edit, item);
  g_clear_object (&item);

  if (feed->paused)
    {
      item = g_menu_item_new (_("Re_sume"), NULL);
      g_menu_item_set_action_and_target (item, "feed.resume", "x", feed->id);
    }
  else
    {
      item = g_menu_item_new (_("_Pause"), NULL);
      g_menu_item_set_action_and_target (item, "feed.pause", "x", feed->id);
    }
  g_menu_append_item (edit, item);
  g_clear_object (&item);

  item = g_menu_item_new (_("Re_move…"), NULL);
  g_menu_item_set_action_and_target (item, "feed.remove", "x", feed->id);
  g_menu_append_item (danger, item);

  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (danger));
  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static GtkWidget *
feed_row_new (DashFeedsPage  *self,
              const DashFeed *feed)
{
  g_autoptr(GMenuModel) menu = feed_menu_new (feed);
  g_autofree char *name = feed_name (feed);
  g_autofree char *state = NULL;
  g_autofree char *menu_label = NULL;
  gint64 *id;
  gboolean is_error;
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *labels;
  GtkWidget *title;
  GtkWidget *url;
  GtkWidget *state_label;
  GtkWidget *button;

  row = gtk_list_box_row_new ();
  id = g_new (gint64, 1);
  *id = feed->id;
  g_object_set_data_full (G_OBJECT (row), "feed-id", id, g_free);
  g_object_set_data_full (G_OBJECT (row), "source-name", g_strdup (name), g_free);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (box), labels);

  /* Plain text: titles and errors come from the feeds. */
  title = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (labels), title);

  url = gtk_label_new (feed->url);
  gtk_label_set_xalign (GTK_LABEL (url), 0);
  gtk_label_set_ellipsize (GTK_LABEL (url), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (url, "dim-label");
  gtk_widget_add_css_class (url, "caption");
  gtk_box_append (GTK_BOX (labels), url);

  state = format_state (self, feed, &is_error);
  state_label = gtk_label_new (state);
  gtk_label_set_xalign (GTK_LABEL (state_label), 0);
  gtk_label_set_wrap (GTK_LABEL (state_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (state_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (state_label, "caption");
  gtk_widget_add_css_class (state_label, is_error ? "error" : "dim-label");
  gtk_box_append (GTK_BOX (labels), state_label);
  g_object_set_data (G_OBJECT (row), "state-label", state_label);

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Feed Menu"));
  /* Translators: the accessible name of a feed's menu button; %s is the feed. */
  menu_label = g_strdup_printf (_("Menu of %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label, -1);
  gtk_box_append (GTK_BOX (box), button);

  gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, state_label, NULL,
                                  -1);
  return row;
}

static void
update_actions (DashFeedsPage *self)
{
  gboolean writable = self->subscriptions != NULL &&
                      !dash_corpus_get_read_only (dash_subscriptions_get_corpus (self->subscriptions));
  gboolean any = gtk_list_box_get_row_at_index (self->feeds_list, 0) != NULL;
  gboolean refreshing = self->refresher != NULL && dash_refresher_get_refreshing (self->refresher);
  gboolean ticked = FALSE;

  for (guint i = 0; i < self->check_buttons->len && !ticked; i++)
    ticked = gtk_check_button_get_active (g_ptr_array_index (self->check_buttons, i));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feeds.add", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feeds.refresh-all",
                                 writable && any && !refreshing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feeds.import-opml", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feeds.export-opml", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feeds.subscribe-suggestions",
                                 writable && ticked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feed.refresh", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feed.rename", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feed.pause", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feed.resume", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feed.remove", writable);
}

/* The line under the title: what the refresher says, else how many feeds there are. */
static void
update_state_label (DashFeedsPage *self,
                    guint          n_feeds)
{
  const char *message = self->refresher != NULL ?
                        dash_refresher_get_state_message (self->refresher) : "";
  g_autofree char *count = g_strdup_printf (ngettext ("%u feed", "%u feeds", n_feeds), n_feeds);

  if (message[0] != '\0')
    {
      /* Translators: the number of feeds, then what the refresher did last. */
      g_autofree char *both = g_strdup_printf (C_("feeds state", "%s · %s"), count, message);

      gtk_label_set_label (self->state_label, both);
    }
  else
    gtk_label_set_label (self->state_label, count);
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), n_feeds > 0 || message[0] != '\0');
}

void
dash_feeds_page_reload (DashFeedsPage *self)
{
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DASH_IS_FEEDS_PAGE (self));

  dash_list_box_remove_all (self->feeds_list);
  if (self->subscriptions != NULL)
    {
      feeds = dash_subscriptions_list (self->subscriptions, &error);
      if (feeds == NULL)
        dash_widget_show_toast (GTK_WIDGET (self), error->message);
    }

  for (guint i = 0; feeds != NULL && i < feeds->len; i++)
    gtk_list_box_append (self->feeds_list, feed_row_new (self, g_ptr_array_index (feeds, i)));
  gtk_stack_set_visible_child_name (self->stack,
                                    feeds != NULL && feeds->len > 0 ? "list" : "empty");
  update_state_label (self, feeds != NULL ? feeds->len : 0);
  update_actions (self);
}

/* Suggestions. */

static void
check_toggled_cb (DashFeedsPage  *self,
                  GtkCheckButton *check)
{
  update_actions (self);
}

static void
fill_suggestions (DashFeedsPage *self)
{
  GtkWidget *child;
  GtkWidget *list = NULL;
  const char *group = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->suggestions_box))) != NULL)
    gtk_box_remove (self->suggestions_box, child);
  g_ptr_array_set_size (self->check_buttons, 0);

  for (guint i = 0; i < self->suggestions->len; i++)
    {
      const Suggestion *suggestion = g_ptr_array_index (self->suggestions, i);
      GtkWidget *row;
      GtkWidget *check;

      if (list == NULL || g_strcmp0 (group, suggestion->group) != 0)
        {
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
          GtkWidget *heading = gtk_label_new (suggestion->group);

          group = suggestion->group;
          gtk_label_set_xalign (GTK_LABEL (heading), 0);
          gtk_widget_add_css_class (heading, "heading");
          gtk_box_append (GTK_BOX (box), heading);

          list = gtk_list_box_new ();
          gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
          gtk_widget_add_css_class (list, "boxed-list");
          gtk_accessible_update_relation (GTK_ACCESSIBLE (list),
                                          GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL,
                                          -1);
          gtk_box_append (GTK_BOX (box), list);
          gtk_box_append (self->suggestions_box, box);
        }

      row = adw_action_row_new ();
      /* The names come from a file: text, not markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), suggestion->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), suggestion->description);
      gtk_widget_set_tooltip_text (row, suggestion->url);

      check = gtk_check_button_new ();
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, suggestion->name, -1);
      g_signal_connect_object (check, "toggled", G_CALLBACK (check_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_ptr_array_add (self->check_buttons, check);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->suggestions_box), self->suggestions->len > 0);
  update_actions (self);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static GPtrArray *
parse_suggestions (GBytes  *json,
                   GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) suggestions = NULL;
  JsonNode *root;
  JsonNode *groups;
  gsize len;
  const char *data = g_bytes_get_data (json, &len);

  if (!json_parser_load_from_data (parser, data, len, error))
    return NULL;

  root = json_parser_get_root (parser);
  groups = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ?
           json_object_get_member (json_node_get_object (root), "groups") : NULL;
  if (groups == NULL || !JSON_NODE_HOLDS_ARRAY (groups))
    {
      g_set_error_literal (error, DASH_ERROR, DASH_ERROR_FORMAT,
                           _("the suggested feeds have no list of groups"));
      return NULL;
    }

  suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify)suggestion_free);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (groups)); i++)
    {
      JsonNode *group = json_array_get_element (json_node_get_array (groups), i);
      JsonNode *feeds;
      const char *group_name;

      if (!JSON_NODE_HOLDS_OBJECT (group))
        continue;
      group_name = member_string (json_node_get_object (group), "name");
      feeds = json_object_get_member (json_node_get_object (group), "feeds");
      if (group_name == NULL || feeds == NULL || !JSON_NODE_HOLDS_ARRAY (feeds))
        continue;

      for (guint j = 0; j < json_array_get_length (json_node_get_array (feeds)); j++)
        {
          JsonNode *feed = json_array_get_element (json_node_get_array (feeds), j);
          Suggestion *suggestion;
          const char *name;
          const char *url;

          if (!JSON_NODE_HOLDS_OBJECT (feed))
            continue;
          name = member_string (json_node_get_object (feed), "name");
          url = member_string (json_node_get_object (feed), "url");
          if (name == NULL || url == NULL)
            continue;
          suggestion = g_new0 (Suggestion, 1);
          suggestion->group = g_strdup (group_name);
          suggestion->name = g_strdup (name);
          suggestion->url = g_strdup (url);
          suggestion->description = g_strdup (member_string (json_node_get_object (feed),
                                                             "description"));
          g_ptr_array_add (suggestions, suggestion);
        }
    }
  return g_steal_pointer (&suggestions);
}

gboolean
dash_feeds_page_set_suggestions (DashFeedsPage  *self,
                                 GBytes         *json,
                                 GError        **error)
{
  GPtrArray *suggestions;

  g_return_val_if_fail (DASH_IS_FEEDS_PAGE (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  suggestions = parse_suggestions (json, error);
  if (suggestions == NULL)
    return FALSE;
  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
  self->suggestions = suggestions;
  fill_suggestions (self);
  return TRUE;
}

/* Subscribes to the ticked suggestions, without asking the network: they are feeds
 * already. Their titles come with the first refresh, from the feeds themselves. */
static void
subscribe_suggestions_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  DashFeedsPage *self = DASH_FEEDS_PAGE (widget);
  guint added = 0;

  if (self->subscriptions == NULL)
    return;

  for (guint i = 0; i < self->check_buttons->len; i++)
    {
      const Suggestion *suggestion = g_ptr_array_index (self->suggestions, i);
      g_autoptr(DashFeed) feed = NULL;
      g_autoptr(GError) error = NULL;

      if (!gtk_check_button_get_active (g_ptr_array_index (self->check_buttons, i)))
        continue;
      feed = dash_subscriptions_add_url (self->subscriptions, suggestion->url, NULL, &error);
      if (feed == NULL)
        dash_widget_show_toast (GTK_WIDGET (self), error->message);
      else
        added++;
    }
  for (guint i = 0; i < self->check_buttons->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->check_buttons, i), FALSE);

  dash_feeds_page_reload (self);
  if (added > 0 && self->refresher != NULL)
    dash_refresher_refresh_now (self->refresher);
}

/* The refresher. */

static void
refresher_state_cb (DashFeedsPage *self)
{
  gboolean refreshing = dash_refresher_get_refreshing (self->refresher);
  GtkListBoxRow *row;
  guint n_feeds = 0;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), refreshing);
  gtk_spinner_set_spinning (self->spinner, refreshing);
  while ((row = gtk_list_box_get_row_at_index (self->feeds_list, n_feeds)) != NULL)
    n_feeds++;
  update_state_label (self, n_feeds);
  update_actions (self);
}

static void
refreshed_cb (DashFeedsPage *self,
              guint          n_new,
              GPtrArray     *results)
{
  for (guint i = 0; i < results->len; i++)
    {
      const DashFeedResult *result = g_ptr_array_index (results, i);
      gint64 *id;

      if (result->skipped || !result->ok)
        continue;
      id = g_new (gint64, 1);
      *id = result->feed_id;
      g_hash_table_replace (self->last_added, id, GUINT_TO_POINTER (result->added));
    }
  dash_feeds_page_reload (self);
}

void
dash_feeds_page_set_refresher (DashFeedsPage *self,
                               DashRefresher *refresher)
{
  g_return_if_fail (DASH_IS_FEEDS_PAGE (self));
  g_return_if_fail (refresher == NULL || DASH_IS_REFRESHER (refresher));

  if (self->refresher == refresher)
    return;
  if (self->refresher != NULL)
    g_signal_handlers_disconnect_by_data (self->refresher, self);
  g_set_object (&self->refresher, refresher);
  if (refresher != NULL)
    {
      g_signal_connect_object (refresher, "refreshed", G_CALLBACK (refreshed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (refresher, "notify::refreshing", G_CALLBACK (refresher_state_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (refresher, "notify::state-message",
                               G_CALLBACK (refresher_state_cb), self, G_CONNECT_SWAPPED);
      refresher_state_cb (self);
    }
}

static void
corpus_changed_cb (DashFeedsPage *self)
{
  dash_feeds_page_reload (self);
}

void
dash_feeds_page_set_subscriptions (DashFeedsPage     *self,
                                   DashSubscriptions *subscriptions)
{
  g_return_if_fail (DASH_IS_FEEDS_PAGE (self));
  g_return_if_fail (subscriptions == NULL || DASH_IS_SUBSCRIPTIONS (subscriptions));

  if (self->subscriptions != NULL)
    g_signal_handlers_disconnect_by_data (dash_subscriptions_get_corpus (self->subscriptions),
                                          self);
  g_set_object (&self->subscriptions, subscriptions);
  g_hash_table_remove_all (self->last_added);

  if (subscriptions != NULL)
    {
      /* Stories removed or added elsewhere change the counts. */
      g_signal_connect_object (dash_subscriptions_get_corpus (subscriptions), "changed",
                               G_CALLBACK (corpus_changed_cb), self, G_CONNECT_SWAPPED);
      /* A page on its own refreshes only when asked. */
      if (self->refresher == NULL ||
          dash_refresher_get_subscriptions (self->refresher) != subscriptions)
        {
          g_autoptr(DashRefresher) own = dash_refresher_new (subscriptions, NULL);

          dash_feeds_page_set_refresher (self, own);
        }
    }
  else
    dash_feeds_page_set_refresher (self, NULL);

  dash_feeds_page_reload (self);
}

static void
refresh_all_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DashFeedsPage *self = DASH_FEEDS_PAGE (widget);

  if (self->refresher != NULL)
    dash_refresher_refresh_now (self->refresher);
}

/* Each feed's menu. */

static void
refresh_feed_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DashFeedsPage *self = DASH_FEEDS_PAGE (widget);

  if (self->refresher != NULL)
    dash_refresher_refresh_feed (self->refresher, g_variant_get_int64 (parameter));
}

static void
set_paused (DashFeedsPage *self,
            gint64         id,
            gboolean       paused)
{
  g_autoptr(GError) error = NULL;

  if (self->subscriptions == NULL)
    return;
  if (!dash_subscriptions_set_paused (self->subscriptions, id, paused, &error))
    dash_widget_show_toast (GTK_WIDGET (self), error->message);
  dash_feeds_page_reload (self);
}

static void
pause_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  set_paused (DASH_FEEDS_PAGE (widget), g_variant_get_int64 (parameter), TRUE);
}

static void
resume_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  set_paused (DASH_FEEDS_PAGE (widget), g_variant_get_int64 (parameter), FALSE);
}

static gint64
dialog_feed_id (AdwMessageDialog *dialog)
{
  gint64 *id = g_object_get_data (G_OBJECT (dialog), "feed-id");

  return id != NULL ? *id : 0;
}

static void
set_dialog_feed_id (AdwMessageDialog *dialog,
                    gint64            id)
{
  gint64 *copy = g_new (gint64, 1);

  *copy = id;
  g_object_set_data_full (G_OBJECT (dialog), "feed-id", copy, g_free);
}

static void
rename_response_cb (DashFeedsPage    *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  g_autofree char *title = dash_name_dialog_dup_name (dialog);
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "accept") || title[0] == '\0' || self->subscriptions == NULL)
    return;
  if (!dash_subscriptions_rename (self->subscriptions, dialog_feed_id (dialog), title, &error))
    dash_widget_show_toast (GTK_WIDGET (self), error->message);
  dash_feeds_page_reload (self);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DashFeedsPage *self = DASH_FEEDS_PAGE (widget);
  g_autoptr(DashFeed) feed = get_feed (self, g_variant_get_int64 (parameter));
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;

  if (feed == NULL)
    return;

  name = feed_name (feed);
  dialog = dash_name_dialog_new (widget, _("Rename Feed"),
                                 _("The name the feed goes by in this list."), name,
                                 _("Feed Name"), _("_Rename"));
  set_dialog_feed_id (dialog, feed->id);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_response_cb (DashFeedsPage    *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;
  gboolean delete_stories = g_str_equal (response, "delete");
  guint n_deleted = 0;

  if ((!delete_stories && !g_str_equal (response, "keep")) || self->subscriptions == NULL)
    return;
  if (!dash_subscriptions_remove (self->subscriptions, dialog_feed_id (dialog), delete_stories,
                                  &n_deleted, &error))
    dash_widget_show_toast (GTK_WIDGET (self), error->message);
  else if (delete_stories)
    {
      g_autofree char *message = g_strdup_printf (ngettext ("Feed removed, with its story",
                                                            "Feed removed, with its %u stories",
                                                            n_deleted), n_deleted);

      dash_widget_show_toast (GTK_WIDGET (self), message);
    }
  else
    dash_widget_show_toast (GTK_WIDGET (self), _("Feed removed; its stories stay"));
  dash_feeds_page_reload (self);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DashFeedsPage *self = DASH_FEEDS_PAGE (widget);
  g_autoptr(DashFeed) feed = get_feed (self, g_variant_get_int64 (parameter));
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;

  if (feed == NULL)
    return;
  name = feed_name (feed);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       NULL, NULL));
  /* Translators: %s is the feed's name. */
  adw_message_dialog_format_heading (dialog, _("Remove “%s”?"), name);
  adw_message_dialog_format_body (dialog,
                                  ngettext ("No new stories will come from this feed. The story "
                                            "it brought can stay in your collection, or go with "
                                            "it.",
                                            "No new stories will come from this feed. The %u "
                                            "stories it brought can stay in your collection, or "
                                            "go with it.", feed->items_added),
                                  feed->items_added);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "keep", _("_Keep Its Stories"),
                                    "delete", _("_Delete Its Stories"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  set_dialog_feed_id (dialog, feed->id);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
feeds_row_activated_cb (DashFeedsPage *self,
                        GtkListBoxRow *row,
                        GtkListBox    *list_box)
{
  const gint64 *id = g_object_get_data (G_OBJECT (row), "feed-id");
  const char *title = g_object_get_data (G_OBJECT (row), "source-name");
  g_autofree char *source = NULL;

  /* The stories carry the source name the feed gave them, whatever the row is called. */
  if (id != NULL && self->subscriptions != NULL)
    source = dash_subscriptions_get_source_name (self->subscriptions, *id, NULL);
  if (source != NULL)
    g_signal_emit (self, signals[FEED_ACTIVATED], 0, source);
  else if (title != NULL)
    g_signal_emit (self, signals[FEED_ACTIVATED], 0, title);
}

/* Add Feed: the address is fetched, and a web page searched for its feed, in a worker
 * thread with a database connection of its own. */

typedef struct {
  char *db_path;
  char *url;
} AddData;

static void
add_data_free (AddData *data)
{
  g_free (data->db_path);
  g_free (data->url);
  g_free (data);
}

static void
add_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  AddData *data = task_data;
  g_autoptr(DashCorpus) corpus = NULL;
  g_autoptr(DashSubscriptions) subscriptions = NULL;
  GError *error = NULL;
  DashFeed *feed;

  corpus = dash_corpus_open (data->db_path, &error);
  if (corpus == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  subscriptions = dash_subscriptions_new (corpus);
  feed = dash_subscriptions_add (subscriptions, data->url, cancellable, &error);
  if (feed == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, feed, (GDestroyNotify)dash_feed_free);
}

/* The widgets of the Add Feed dialog. */
typedef struct {
  GtkEntry   *entry;
  GtkButton  *add_button;
  GtkSpinner *spinner;
  GtkLabel   *status;
  gboolean    busy;
} AddDialog;

static AddDialog *
get_add_dialog (GtkWindow *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "add-dialog");
}

static void
add_dialog_update (GtkWindow *dialog)
{
  AddDialog *widgets = get_add_dialog (dialog);
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (widgets->entry))));

  gtk_widget_set_sensitive (GTK_WIDGET (widgets->add_button), !widgets->busy && url[0] != '\0');
  /* Not insensitive: that would take the focus away from under the entry's cursor. */
  gtk_editable_set_editable (GTK_EDITABLE (widgets->entry), !widgets->busy);
  gtk_widget_set_visible (GTK_WIDGET (widgets->spinner), widgets->busy);
  gtk_spinner_set_spinning (widgets->spinner, widgets->busy);
}

static void
add_dialog_say (GtkWindow  *dialog,
                const char *message,
                gboolean    is_error)
{
  AddDialog *widgets = get_add_dialog (dialog);

  gtk_label_set_label (widgets->status, message);
  gtk_widget_set_visible (GTK_WIDGET (widgets->status), message != NULL && message[0] != '\0');
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (widgets->status), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (widgets->status), "error");
}

static void
add_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  DashFeedsPage *self = DASH_FEEDS_PAGE (object);
  g_autoptr(GtkWindow) dialog = user_data;
  g_autoptr(DashFeed) feed = NULL;
  g_autoptr(GError) error = NULL;

  feed = g_task_propagate_pointer (G_TASK (result), &error);
  if (feed == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (self->add_dialog == dialog)
    g_clear_object (&self->add_cancellable);

  if (feed == NULL)
    {
      if (self->add_dialog == dialog)
        {
          get_add_dialog (dialog)->busy = FALSE;
          add_dialog_update (dialog);
          add_dialog_say (dialog, error->message, TRUE);
          gtk_widget_grab_focus (GTK_WIDGET (get_add_dialog (dialog)->entry));
        }
      else
        dash_widget_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  if (self->add_dialog == dialog)
    gtk_window_destroy (dialog);
  {
    /* Translators: %s is the feed's name. */
    g_autofree char *name = feed_name (feed);
    g_autofree char *message = g_strdup_printf (_("Subscribed to %s"), name);

    dash_widget_show_toast (GTK_WIDGET (self), message);
  }
  dash_feeds_page_reload (self);
  /* Its stories come with its first refresh. */
  if (self->refresher != NULL)
    dash_refresher_refresh_feed (self->refresher, feed->id);
}

static void
add_clicked_cb (GtkWindow *dialog)
{
  DashFeedsPage *self = g_object_get_data (G_OBJECT (dialog), "page");
  AddDialog *widgets = get_add_dialog (dialog);
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (widgets->entry))));
  g_autoptr(GTask) task = NULL;
  AddData *data;

  if (widgets->busy || url[0] == '\0' || self->subscriptions == NULL)
    return;

  widgets->busy = TRUE;
  add_dialog_update (dialog);
  add_dialog_say (dialog, _("Looking for the feed…"), FALSE);

  g_clear_object (&self->add_cancellable);
  self->add_cancellable = g_cancellable_new ();
  data = g_new0 (AddData, 1);
  data->db_path = g_strdup (dash_corpus_get_path (dash_subscriptions_get_corpus (self->subscriptions)));
  data->url = g_steal_pointer (&url);
  task = g_task_new (self, self->add_cancellable, add_done_cb, g_object_ref (dialog));
  g_task_set_source_tag (task, add_clicked_cb);
  g_task_set_name (task, "[dash] add feed");
  g_task_set_task_data (task, data, (GDestroyNotify)add_data_free);
  g_task_run_in_thread (task, add_thread);
}

static void
add_dialog_destroy_cb (DashFeedsPage *self,
                       GtkWindow     *dialog)
{
  if (self->add_dialog != dialog)
    return;
  /* Closing the dialog gives up the search. */
  if (self->add_cancellable != NULL)
    g_cancellable_cancel (self->add_cancellable);
  g_clear_object (&self->add_cancellable);
  self->add_dialog = NULL;
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  DashFeedsPage *self = DASH_FEEDS_PAGE (widget);
  GtkEventController *shortcuts;
  AddDialog *widgets;
  GtkWidget *dialog;
  GtkWidget *header;
  GtkWidget *cancel;
  GtkWidget *box;
  GtkWidget *intro;
  GtkWidget *status_box;
  GtkWidget *content;

  if (self->add_dialog != NULL)
    {
      gtk_window_present (self->add_dialog);
      return;
    }

  dialog = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (dialog), _("Add Feed"));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 440, -1);
  gtk_window_set_resizable (GTK_WINDOW (dialog), FALSE);

  widgets = g_new0 (AddDialog, 1);
  g_object_set_data_full (G_OBJECT (dialog), "add-dialog", widgets, g_free);
  g_object_set_data (G_OBJECT (dialog), "page", self);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  widgets->add_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Add")));
  gtk_widget_add_css_class (GTK_WIDGET (widgets->add_button), "suggested-action");
  g_signal_connect_object (widgets->add_button, "clicked", G_CALLBACK (add_clicked_cb), dialog,
                           G_CONNECT_SWAPPED);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (widgets->add_button));
  gtk_box_append (GTK_BOX (content), header);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_box_append (GTK_BOX (content), box);

  intro = gtk_label_new (_("The address of a feed, or of a web page that names its feed."));
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_box_append (GTK_BOX (box), intro);

  widgets->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_input_purpose (widgets->entry, GTK_INPUT_PURPOSE_URL);
  gtk_entry_set_placeholder_text (widgets->entry, "https://example.org/feed.xml");
  gtk_entry_set_activates_default (widgets->entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widgets->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Feed Address"), -1);
  g_signal_connect_object (widgets->entry, "changed", G_CALLBACK (add_dialog_update), dialog,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (widgets->entry));

  status_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  widgets->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_valign (GTK_WIDGET (widgets->spinner), GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (status_box), GTK_WIDGET (widgets->spinner));
  widgets->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (widgets->status, TRUE);
  gtk_label_set_wrap_mode (widgets->status, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (widgets->status, 0);
  gtk_label_set_selectable (widgets->status, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (widgets->status), TRUE);
  gtk_box_append (GTK_BOX (status_box), GTK_WIDGET (widgets->status));
  gtk_box_append (GTK_BOX (box), status_box);

  adw_window_set_content (ADW_WINDOW (dialog), content);
  gtk_window_set_default_widget (GTK_WINDOW (dialog), GTK_WIDGET (widgets->add_button));

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (dialog, shortcuts);

  add_dialog_say (GTK_WINDOW (dialog), NULL, FALSE);
  add_dialog_update (GTK_WINDOW (dialog));
  self->add_dialog = GTK_WINDOW (dialog);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (add_dialog_destroy_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (widgets->entry));
}

/* OPML. */

static void
add_opml_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) opml = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (opml, _("OPML Files"));
  gtk_file_filter_add_mime_type (opml, "text/x-opml+xml");
  gtk_file_filter_add_mime_type (opml, "text/x-opml");
  gtk_file_filter_add_pattern (opml, "*.opml");
  gtk_file_filter_add_pattern (opml, "*.OPML");
  gtk_file_filter_add_pattern (opml, "*.xml");
  gtk_file_chooser_add_filter (chooser, opml);

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);
  gtk_file_chooser_set_filter (chooser, opml);
}

static void
import_opml (DashFeedsPage *self,
             GFile         *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint added = 0;
  guint skipped = 0;

  if (path == NULL)
    {
      dash_widget_show_toast (GTK_WIDGET (self), _("Only files on this computer can be imported"));
      return;
    }
  if (!dash_subscriptions_import_opml (self->subscriptions, path, &added, &skipped, &error))
    {
      dash_widget_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  if (skipped > 0)
    /* Translators: the feeds subscribed to, then those skipped. */
    message = g_strdup_printf (ngettext ("Subscribed to %u feed; %u skipped",
                                         "Subscribed to %u feeds; %u skipped", added),
                               added, skipped);
  else
    message = g_strdup_printf (ngettext ("Subscribed to %u feed", "Subscribed to %u feeds",
                                         added), added);
  dash_widget_show_toast (GTK_WIDGET (self), message);
  dash_feeds_page_reload (self);
  if (added > 0 && self->refresher != NULL)
    dash_refresher_refresh_now (self->refresher);
}

static void
export_opml (DashFeedsPage *self,
             GFile         *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    dash_widget_show_toast (GTK_WIDGET (self), _("Only files on this computer can be written"));
  else if (!dash_subscriptions_export_opml (self->subscriptions, path, &error))
    dash_widget_show_toast (GTK_WIDGET (self), error->message);
  else
    dash_widget_show_toast (GTK_WIDGET (self), _("Feeds exported"));
}

static void
chooser_response_cb (DashFeedsPage        *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  gboolean save = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) ==
                  GTK_FILE_CHOOSER_ACTION_SAVE;

  if (response == GTK_RESPONSE_ACCEPT && self->subscriptions != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (file != NULL && save)
        export_opml (self, file);
      else if (file != NULL)
        import_opml (self, file);
    }

  if (self->chooser == chooser)
    g_clear_object (&self->chooser);
}

static void
open_chooser (DashFeedsPage        *self,
              GtkFileChooserAction  action)
{
  gboolean save = action == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  self->chooser = gtk_file_chooser_native_new (save ? _("Export Feeds") : _("Import Feeds"),
                                               GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                               action,
                                               save ? _("_Export") : _("_Import"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  add_opml_filters (GTK_FILE_CHOOSER (self->chooser));
  if (save)
    /* Translators: the file name offered when exporting the subscriptions. */
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("Feeds.opml"));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
import_opml_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_chooser (DASH_FEEDS_PAGE (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
export_opml_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_chooser (DASH_FEEDS_PAGE (widget), GTK_FILE_CHOOSER_ACTION_SAVE);
}

/* While the page shows, "5 minutes ago" keeps true. Only the state lines change, so that
 * an open menu stays open. */

static gboolean
tick_cb (gpointer user_data)
{
  DashFeedsPage *self = user_data;
  g_autoptr(GPtrArray) feeds = NULL;
  GtkListBoxRow *row;
  guint i;

  if (self->subscriptions == NULL ||
      (feeds = dash_subscriptions_list (self->subscriptions, NULL)) == NULL)
    return G_SOURCE_CONTINUE;

  for (i = 0; (row = gtk_list_box_get_row_at_index (self->feeds_list, i)) != NULL; i++)
    {
      const DashFeed *feed = i < feeds->len ? g_ptr_array_index (feeds, i) : NULL;
      const gint64 *id = g_object_get_data (G_OBJECT (row), "feed-id");
      GtkWidget *label = g_object_get_data (G_OBJECT (row), "state-label");
      g_autofree char *state = NULL;
      gboolean is_error;

      /* The list changed behind our back: show it anew. */
      if (feed == NULL || feed->id != *id)
        {
          dash_feeds_page_reload (self);
          return G_SOURCE_CONTINUE;
        }
      state = format_state (self, feed, &is_error);
      gtk_label_set_label (GTK_LABEL (label), state);
      gtk_widget_remove_css_class (label, is_error ? "dim-label" : "error");
      gtk_widget_add_css_class (label, is_error ? "error" : "dim-label");
    }
  if (i != feeds->len)
    dash_feeds_page_reload (self);
  return G_SOURCE_CONTINUE;
}

static void
dash_feeds_page_map (GtkWidget *widget)
{
  DashFeedsPage *self = DASH_FEEDS_PAGE (widget);

  GTK_WIDGET_CLASS (dash_feeds_page_parent_class)->map (widget);
  dash_feeds_page_reload (self);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (TICK_SECONDS, tick_cb, self);
}

static void
dash_feeds_page_unmap (GtkWidget *widget)
{
  DashFeedsPage *self = DASH_FEEDS_PAGE (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  GTK_WIDGET_CLASS (dash_feeds_page_parent_class)->unmap (widget);
}

static void
dash_feeds_page_dispose (GObject *object)
{
  DashFeedsPage *self = (DashFeedsPage *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->add_cancellable != NULL)
    g_cancellable_cancel (self->add_cancellable);
  g_clear_object (&self->add_cancellable);
  if (self->add_dialog != NULL)
    gtk_window_destroy (self->add_dialog);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  dash_feeds_page_set_refresher (self, NULL);
  if (self->subscriptions != NULL)
    g_signal_handlers_disconnect_by_data (dash_subscriptions_get_corpus (self->subscriptions),
                                          self);
  g_clear_object (&self->subscriptions);

  gtk_widget_dispose_template (GTK_WIDGET (self), DASH_TYPE_FEEDS_PAGE);
  /* The template's root is not bound to a field: unparent it too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (dash_feeds_page_parent_class)->dispose (object);
}

static void
dash_feeds_page_finalize (GObject *object)
{
  DashFeedsPage *self = (DashFeedsPage *)object;

  g_clear_pointer (&self->last_added, g_hash_table_unref);
  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
  g_clear_pointer (&self->check_buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (dash_feeds_page_parent_class)->finalize (object);
}

static void
dash_feeds_page_class_init (DashFeedsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dash_feeds_page_dispose;
  object_class->finalize = dash_feeds_page_finalize;
  widget_class->map = dash_feeds_page_map;
  widget_class->unmap = dash_feeds_page_unmap;

  /* The source name of the feed's stories. */
  signals[FEED_ACTIVATED] =
    g_signal_new ("feed-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Dashboard/dash-feeds-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DashFeedsPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, DashFeedsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, DashFeedsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DashFeedsPage, feeds_list);
  gtk_widget_class_bind_template_child (widget_class, DashFeedsPage, suggestions_box);
  gtk_widget_class_bind_template_callback (widget_class, feeds_row_activated_cb);
  gtk_widget_class_set_css_name (widget_class, "feedspage");

  gtk_widget_class_install_action (widget_class, "feeds.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "feeds.refresh-all", NULL, refresh_all_action);
  gtk_widget_class_install_action (widget_class, "feeds.import-opml", NULL, import_opml_action);
  gtk_widget_class_install_action (widget_class, "feeds.export-opml", NULL, export_opml_action);
  gtk_widget_class_install_action (widget_class, "feeds.subscribe-suggestions", NULL,
                                   subscribe_suggestions_action);
  gtk_widget_class_install_action (widget_class, "feed.refresh", "x", refresh_feed_action);
  gtk_widget_class_install_action (widget_class, "feed.rename", "x", rename_action);
  gtk_widget_class_install_action (widget_class, "feed.pause", "x", pause_action);
  gtk_widget_class_install_action (widget_class, "feed.resume", "x", resume_action);
  gtk_widget_class_install_action (widget_class, "feed.remove", "x", remove_action);
}

static void
dash_feeds_page_init (DashFeedsPage *self)
{
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GError) error = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->last_added = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->check_buttons = g_ptr_array_new ();
  self->suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify)suggestion_free);

  json = g_resources_lookup_data (SUGGESTIONS_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (json == NULL || !dash_feeds_page_set_suggestions (self, json, &error))
    g_critical ("Cannot read the suggested feeds: %s", error->message);

  dash_feeds_page_reload (self);
}
