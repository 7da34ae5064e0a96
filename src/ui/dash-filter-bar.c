/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-filter-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "dash-filter-bar.h"
#include "dash-ui-util.h"

#define SECONDS_PER_DAY 86400

/* What a chip stands for: the part of the filter that its close button removes. */
typedef enum {
  CHIP_QUERY,
  CHIP_TOPIC,
  CHIP_ENTITY,
  CHIP_SOURCE,
  CHIP_DATES,
} ChipKind;

struct _DashFilterBar
{
  GtkWidget        parent_instance;

  DashCorpus      *corpus;
  DashFilter      *filter;
  DashSavedSearch *saved;
  GArray          *chip_kinds;   /* ChipKind, in the order shown */
  GPtrArray       *chip_texts;   /* char * */
  /* Topic ids and source names, as offered by the drop-downs (index 0 is "Any"). */
  GPtrArray       *topic_ids;
  GPtrArray       *source_names;

  /* Template children. */
  GtkFlowBox      *chips;
  GtkMenuButton   *add_button;
  GtkDropDown     *topic_choice;
  GtkDropDown     *source_choice;
  GtkEntry        *entity_entry;
  GtkEntry        *from_entry;
  GtkEntry        *to_entry;
  GtkLabel        *problem_label;
  GtkButton       *apply_button;
  GtkButton       *save_button;
  GtkMenuButton   *saved_button;
  GtkDropDown     *sort_choice;
  /* Set while the sort choice follows the filter, so that it does not emit. */
  gboolean         setting_sort;
};

G_DEFINE_FINAL_TYPE (DashFilterBar, dash_filter_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NOTIFY_NEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FILTER_CHANGED,
  SAVED_SEARCHES_CHANGED,
  SAVED_SEARCH_DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
dash_filter_bar_new (void)
{
  return g_object_new (DASH_TYPE_FILTER_BAR, NULL);
}

const DashFilter *
dash_filter_bar_get_filter (DashFilterBar *self)
{
  g_return_val_if_fail (DASH_IS_FILTER_BAR (self), NULL);
  return self->filter;
}

char **
dash_filter_bar_dup_chips (DashFilterBar *self)
{
  GStrvBuilder *builder;
  char **chips;

  g_return_val_if_fail (DASH_IS_FILTER_BAR (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->chip_texts->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->chip_texts, i));
  chips = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return chips;
}

static void
emit_filter (DashFilterBar *self,
             DashFilter    *filter)
{
  g_autoptr(DashFilter) owned = filter;

  /* A new filter is a new list: it starts from the top, in date order. */
  owned->limit = 0;
  if (owned->query == NULL && owned->sort == DASH_SORT_RELEVANCE)
    owned->sort = DASH_SORT_DATE_DESC;
  g_signal_emit (self, signals[FILTER_CHANGED], 0, owned);
}

void
dash_filter_bar_remove_chip (DashFilterBar *self,
                             guint          index)
{
  DashFilter *filter;

  g_return_if_fail (DASH_IS_FILTER_BAR (self));
  g_return_if_fail (index < self->chip_kinds->len);

  filter = dash_filter_copy (self->filter);
  switch (g_array_index (self->chip_kinds, ChipKind, index))
    {
    case CHIP_QUERY:
      dash_filter_set_query (filter, NULL);
      break;
    case CHIP_TOPIC:
      dash_filter_set_topic (filter, NULL);
      break;
    case CHIP_ENTITY:
      dash_filter_set_entity (filter, NULL);
      break;
    case CHIP_SOURCE:
      dash_filter_set_source (filter, NULL);
      break;
    case CHIP_DATES:
      filter->from = filter->to = 0;
      break;
    default:
      g_assert_not_reached ();
    }
  emit_filter (self, filter);
}

static void
chip_close_clicked_cb (GtkButton     *button,
                       DashFilterBar *self)
{
  GtkWidget *child = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_FLOW_BOX_CHILD);

  dash_filter_bar_remove_chip (self, gtk_flow_box_child_get_index (GTK_FLOW_BOX_CHILD (child)));
}

static void
add_chip (DashFilterBar *self,
          ChipKind       kind,
          const char    *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic");
  /* Translators: the accessible name of a filter chip's close button; %s is the chip. */
  g_autofree char *close_name = g_strdup_printf (_("Remove Filter “%s”"), text);

  gtk_widget_add_css_class (box, "filter-chip");
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (close, "flat");
  gtk_widget_add_css_class (close, "circular");
  gtk_widget_set_tooltip_text (close, _("Remove Filter"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (close), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  close_name, -1);
  g_signal_connect_object (close, "clicked", G_CALLBACK (chip_close_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (box), close);

  gtk_flow_box_append (self->chips, box);
  /* Tab goes to the close buttons, not to the chips around them. */
  gtk_widget_set_focusable (gtk_widget_get_parent (box), FALSE);
  g_array_append_val (self->chip_kinds, kind);
  g_ptr_array_add (self->chip_texts, g_strdup (text));
}

/* "3 Jan 2025", in UTC as the stories' dates are stored. */
static char *
format_day (gint64 time)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (time);

  /* Translators: a day as in "3 Jan 2025"; see g_date_time_format() for the codes. */
  return g_date_time_format (date, _("%-d %b %Y"));
}

static char *
describe_dates (const DashFilter *filter)
{
  g_autofree char *from = filter->from != 0 ? format_day (filter->from) : NULL;
  /* The end is exclusive: show the last day that counts. */
  g_autofree char *to = filter->to != 0 ? format_day (filter->to - 1) : NULL;

  if (from != NULL && to != NULL && g_strcmp0 (from, to) == 0)
    return g_steal_pointer (&from);
  if (from != NULL && to != NULL)
    /* Translators: a date range, as in "3 Jan 2025 – 9 Feb 2025". */
    return g_strdup_printf (_("%s – %s"), from, to);
  if (from != NULL)
    /* Translators: a date range with no end. */
    return g_strdup_printf (_("Since %s"), from);
  /* Translators: a date range with no start. */
  return g_strdup_printf (_("Until %s"), to);
}

static const char *
topic_name (DashFilterBar *self,
            const char    *id)
{
  g_autoptr(GPtrArray) topics = NULL;

  topics = dash_corpus_list_topics (self->corpus, NULL);
  for (guint i = 0; topics != NULL && i < topics->len; i++)
    {
      const DashTopicStat *topic = g_ptr_array_index (topics, i);

      if (g_strcmp0 (topic->id, id) == 0)
        return g_intern_string (topic->name);
    }
  return id;
}

static void
fill_chips (DashFilterBar *self)
{
  const DashFilter *filter = self->filter;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips))) != NULL)
    gtk_flow_box_remove (self->chips, child);
  g_array_set_size (self->chip_kinds, 0);
  g_ptr_array_set_size (self->chip_texts, 0);

  if (filter->query != NULL)
    {
      /* Translators: a filter chip; %s is what the user searched for. */
      g_autofree char *text = g_strdup_printf (_("Search: %s"), filter->query);
      add_chip (self, CHIP_QUERY, text);
    }
  if (filter->topic != NULL)
    {
      /* Translators: a filter chip; %s is a topic's name. */
      g_autofree char *text = g_strdup_printf (_("Topic: %s"), topic_name (self, filter->topic));
      add_chip (self, CHIP_TOPIC, text);
    }
  if (filter->entity != NULL)
    {
      /* Translators: a filter chip; %s is an entity's name. */
      g_autofree char *text = g_strdup_printf (_("Entity: %s"), filter->entity);
      add_chip (self, CHIP_ENTITY, text);
    }
  if (filter->source != NULL)
    {
      /* Translators: a filter chip; %s is a source's name. */
      g_autofree char *text = g_strdup_printf (_("Source: %s"), filter->source);
      add_chip (self, CHIP_SOURCE, text);
    }
  if (filter->from != 0 || filter->to != 0)
    {
      g_autofree char *dates = describe_dates (filter);
      /* Translators: a filter chip; %s is a date range. */
      g_autofree char *text = g_strdup_printf (_("Date: %s"), dates);
      add_chip (self, CHIP_DATES, text);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->chips), self->chip_kinds->len > 0);
}

static char *
format_entry_day (gint64 time)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (time);

  return g_date_time_format (date, "%Y-%m-%d");
}

/* Fills the popover's choices from the corpus, showing the current filter. */
static void
fill_choices (DashFilterBar *self)
{
  g_autoptr(GtkStringList) topics = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) sources = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) topic_stats = NULL;
  g_autoptr(GPtrArray) source_names = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  guint topic_index = 0;
  guint source_index = 0;

  g_ptr_array_set_size (self->topic_ids, 0);
  g_ptr_array_set_size (self->source_names, 0);
  /* Translators: in the topic and source choices of the filter popover. */
  gtk_string_list_append (topics, C_("topic", "Any"));
  g_ptr_array_add (self->topic_ids, NULL);
  gtk_string_list_append (sources, C_("source", "Any"));
  g_ptr_array_add (self->source_names, NULL);

  topic_stats = dash_corpus_list_topics (self->corpus, NULL);
  for (guint i = 0; topic_stats != NULL && i < topic_stats->len; i++)
    {
      const DashTopicStat *topic = g_ptr_array_index (topic_stats, i);

      gtk_string_list_append (topics, topic->name);
      g_ptr_array_add (self->topic_ids, g_strdup (topic->id));
      if (g_strcmp0 (topic->id, self->filter->topic) == 0)
        topic_index = i + 1;
    }
  source_names = dash_corpus_list_sources (self->corpus, NULL);
  for (guint i = 0; source_names != NULL && i < source_names->len; i++)
    {
      const char *name = g_ptr_array_index (source_names, i);

      gtk_string_list_append (sources, name);
      g_ptr_array_add (self->source_names, g_strdup (name));
      if (g_strcmp0 (name, self->filter->source) == 0)
        source_index = i + 1;
    }

  gtk_drop_down_set_model (self->topic_choice, G_LIST_MODEL (topics));
  gtk_drop_down_set_selected (self->topic_choice, topic_index);
  gtk_drop_down_set_model (self->source_choice, G_LIST_MODEL (sources));
  gtk_drop_down_set_selected (self->source_choice, source_index);

  gtk_editable_set_text (GTK_EDITABLE (self->entity_entry),
                         self->filter->entity != NULL ? self->filter->entity : "");
  from = self->filter->from != 0 ? format_entry_day (self->filter->from) : g_strdup ("");
  to = self->filter->to != 0 ? format_entry_day (self->filter->to - 1) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->entity_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->from_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->to_entry), "error");
}

static void
add_button_activate_cb (DashFilterBar *self)
{
  fill_choices (self);
}

/* The first second of the day written in @entry (kept when empty), or FALSE after
 * marking the entry and saying what is wrong. */
static gboolean
read_day (DashFilterBar *self,
          GtkEntry      *entry,
          gint64        *day)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *message = NULL;

  *day = 0;
  if (text[0] == '\0')
    return TRUE;

  date = dash_date_parse (text);
  if (date != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (date);

      *day = g_date_time_to_unix (utc) / SECONDS_PER_DAY * SECONDS_PER_DAY;
      return TRUE;
    }

  gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  /* Translators: under the date fields of the filter popover. */
  message = g_strdup_printf (_("“%s” is not a date: write it as 2025-01-31"), text);
  gtk_label_set_label (self->problem_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
  return FALSE;
}

static void
apply_clicked_cb (DashFilterBar *self)
{
  g_autoptr(DashFilter) filter = dash_filter_copy (self->filter);
  g_autofree char *entity = NULL;
  guint topic = gtk_drop_down_get_selected (self->topic_choice);
  guint source = gtk_drop_down_get_selected (self->source_choice);
  gint64 from, to;

  gtk_widget_remove_css_class (GTK_WIDGET (self->entity_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->from_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->to_entry), "error");
  if (!read_day (self, self->from_entry, &from) || !read_day (self, self->to_entry, &to))
    return;
  if (from != 0 && to != 0 && to < from)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->to_entry), "error");
      gtk_label_set_label (self->problem_label, _("The end comes before the start"));
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
      return;
    }

  entity = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entity_entry))));
  if (entity[0] != '\0')
    {
      g_autoptr(DashEntityStat) found = dash_corpus_find_entity (self->corpus, entity, NULL);
      g_autofree char *message = NULL;

      if (found == NULL)
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->entity_entry), "error");
          /* Translators: under the entity field of the filter popover. */
          message = g_strdup_printf (_("No entity is called “%s”"), entity);
          gtk_label_set_label (self->problem_label, message);
          gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
          return;
        }
      dash_filter_set_entity (filter, found->name);
    }
  else
    dash_filter_set_entity (filter, NULL);

  if (topic < self->topic_ids->len)
    dash_filter_set_topic (filter, g_ptr_array_index (self->topic_ids, topic));
  if (source < self->source_names->len)
    dash_filter_set_source (filter, g_ptr_array_index (self->source_names, source));
  filter->from = from;
  /* The last day counts: the stored end is exclusive. */
  filter->to = to != 0 ? to + SECONDS_PER_DAY : 0;

  gtk_menu_button_popdown (self->add_button);
  if (!dash_filter_equal (filter, self->filter))
    emit_filter (self, g_steal_pointer (&filter));
}

/* The orders the sort choice offers, as DashSort; best match only for a search. */
static const DashSort sorts[] = { DASH_SORT_DATE_DESC, DASH_SORT_DATE_ASC, DASH_SORT_RELEVANCE };

static void
fill_sort (DashFilterBar *self)
{
  GListModel *model = gtk_drop_down_get_model (self->sort_choice);
  guint selected = 0;
  guint n = self->filter->query != NULL ? 3 : 2;

  for (guint i = 0; i < n; i++)
    if (sorts[i] == self->filter->sort)
      selected = i;

  self->setting_sort = TRUE;
  /* The model stays when it can: this may run while the drop-down tells of a choice. */
  if (model == NULL || g_list_model_get_n_items (model) != n)
    {
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

      gtk_string_list_append (names, _("Newest First"));
      gtk_string_list_append (names, _("Oldest First"));
      if (n == 3)
        gtk_string_list_append (names, _("Best Match"));
      gtk_drop_down_set_model (self->sort_choice, G_LIST_MODEL (names));
    }
  gtk_drop_down_set_selected (self->sort_choice, selected);
  self->setting_sort = FALSE;
}

static void
sort_selected_cb (DashFilterBar *self)
{
  guint selected = gtk_drop_down_get_selected (self->sort_choice);
  DashFilter *filter;

  if (self->setting_sort || selected >= G_N_ELEMENTS (sorts) ||
      sorts[selected] == self->filter->sort)
    return;
  filter = dash_filter_copy (self->filter);
  filter->sort = sorts[selected];
  g_signal_emit (self, signals[FILTER_CHANGED], 0, filter);
  dash_filter_free (filter);
}

void
dash_filter_bar_set_filter (DashFilterBar         *self,
                            DashCorpus            *corpus,
                            const DashFilter      *filter,
                            const DashSavedSearch *saved)
{
  DashFilter *copy;
  gboolean writable;

  g_return_if_fail (DASH_IS_FILTER_BAR (self));
  g_return_if_fail (DASH_IS_CORPUS (corpus));

  g_set_object (&self->corpus, corpus);
  /* @filter may be our own. */
  copy = filter != NULL ? dash_filter_copy (filter) : dash_filter_new ();
  g_clear_pointer (&self->filter, dash_filter_free);
  self->filter = copy;
  g_clear_pointer (&self->saved, dash_saved_search_free);
  if (saved != NULL)
    {
      self->saved = g_new0 (DashSavedSearch, 1);
      *self->saved = *saved;
      self->saved->name = g_strdup (saved->name);
      self->saved->filter = dash_filter_copy (saved->filter);
    }

  fill_chips (self);
  fill_sort (self);

  writable = !dash_corpus_get_read_only (corpus);
  gtk_widget_set_visible (GTK_WIDGET (self->save_button),
                          saved == NULL && !dash_filter_is_empty (self->filter));
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), writable);
  gtk_widget_set_visible (GTK_WIDGET (self->saved_button), saved != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->saved_button), writable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTIFY_NEW]);
}

gboolean
dash_filter_bar_save (DashFilterBar  *self,
                      const char     *name,
                      GError        **error)
{
  g_autoptr(DashSavedSearch) saved = NULL;

  g_return_val_if_fail (DASH_IS_FILTER_BAR (self), FALSE);
  g_return_val_if_fail (self->corpus != NULL, FALSE);

  saved = dash_corpus_save_search (self->corpus, name, self->filter, error);
  if (saved == NULL)
    return FALSE;
  g_signal_emit (self, signals[SAVED_SEARCHES_CHANGED], 0);
  return TRUE;
}

static void
save_response_cb (DashFilterBar    *self,
                  const char       *response,
                  AdwMessageDialog *dialog)
{
  g_autofree char *name = dash_name_dialog_dup_name (dialog);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "accept") != 0)
    return;

  if (self->saved != NULL)
    {
      if (!dash_corpus_rename_saved_search (self->corpus, self->saved->id, name, &error))
        dash_widget_show_toast (GTK_WIDGET (self), error->message);
      else
        g_signal_emit (self, signals[SAVED_SEARCHES_CHANGED], 0);
      return;
    }

  if (!dash_filter_bar_save (self, name, &error))
    dash_widget_show_toast (GTK_WIDGET (self), error->message);
  else
    {
      /* Translators: after saving a search; %s is its name. */
      g_autofree char *done = g_strdup_printf (_("Saved “%s” in the sidebar"), name);
      dash_widget_show_toast (GTK_WIDGET (self), done);
    }
}

/* Asks for a name: to save the filter, or to rename the saved search. */
static void
ask_name (DashFilterBar *self,
          const char    *heading,
          const char    *body,
          const char    *initial,
          const char    *button)
{
  AdwMessageDialog *dialog = dash_name_dialog_new (GTK_WIDGET (self), heading, body, initial,
                                                   _("Name"), button);

  g_signal_connect_object (dialog, "response", G_CALLBACK (save_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The name Save Search offers: what the chips say. */
static char *
suggest_name (DashFilterBar *self)
{
  GString *name = g_string_new (NULL);
  const DashFilter *filter = self->filter;
  const char *parts[] = {
    filter->entity,
    filter->topic != NULL ? topic_name (self, filter->topic) : NULL,
    filter->source,
    filter->query,
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL)
      {
        if (name->len > 0)
          /* Translators: between the parts of a saved search's suggested name. */
          g_string_append (name, C_("saved search name", ", "));
        g_string_append (name, parts[i]);
      }
  return g_string_free (name, FALSE);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DashFilterBar *self = DASH_FILTER_BAR (widget);
  g_autofree char *suggestion = suggest_name (self);

  ask_name (self, _("Save Search"),
            _("The search will stay in the sidebar, with a count of the new stories that "
              "match it."),
            suggestion, _("_Save"));
}

static void
rename_saved_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DashFilterBar *self = DASH_FILTER_BAR (widget);

  if (self->saved != NULL)
    ask_name (self, _("Rename Saved Search"), NULL, self->saved->name, _("_Rename"));
}

static void
delete_saved_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DashFilterBar *self = DASH_FILTER_BAR (widget);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->saved == NULL)
    return;
  id = self->saved->id;
  if (!dash_corpus_delete_saved_search (self->corpus, id, &error))
    {
      dash_widget_show_toast (GTK_WIDGET (self), error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED_SEARCH_DELETED], 0, id);
}

static void
set_notify_new (DashFilterBar *self,
                gboolean       notify)
{
  g_autoptr(GError) error = NULL;

  if (self->saved == NULL || self->saved->notify == notify)
    return;
  if (!dash_corpus_set_saved_search_notify (self->corpus, self->saved->id, notify, &error))
    {
      dash_widget_show_toast (GTK_WIDGET (self), error->message);
      return;
    }
  self->saved->notify = notify;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTIFY_NEW]);
}

static void
dash_filter_bar_dispose (GObject *object)
{
  DashFilterBar *self = (DashFilterBar *)object;

  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), DASH_TYPE_FILTER_BAR);
  /* The box of buttons is not bound to a field: unparent it too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->corpus);

  G_OBJECT_CLASS (dash_filter_bar_parent_class)->dispose (object);
}

static void
dash_filter_bar_finalize (GObject *object)
{
  DashFilterBar *self = (DashFilterBar *)object;

  g_clear_pointer (&self->filter, dash_filter_free);
  g_clear_pointer (&self->saved, dash_saved_search_free);
  g_clear_pointer (&self->chip_kinds, g_array_unref);
  g_clear_pointer (&self->chip_texts, g_ptr_array_unref);
  g_clear_pointer (&self->topic_ids, g_ptr_array_unref);
  g_clear_pointer (&self->source_names, g_ptr_array_unref);

  G_OBJECT_CLASS (dash_filter_bar_parent_class)->finalize (object);
}

static void
dash_filter_bar_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DashFilterBar *self = DASH_FILTER_BAR (object);

  switch (prop_id)
    {
    case PROP_NOTIFY_NEW:
      g_value_set_boolean (value, self->saved != NULL && self->saved->notify);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dash_filter_bar_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DashFilterBar *self = DASH_FILTER_BAR (object);

  switch (prop_id)
    {
    case PROP_NOTIFY_NEW:
      set_notify_new (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dash_filter_bar_class_init (DashFilterBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dash_filter_bar_dispose;
  object_class->finalize = dash_filter_bar_finalize;
  object_class->get_property = dash_filter_bar_get_property;
  object_class->set_property = dash_filter_bar_set_property;

  /* Whether the saved search shown tells the user of new stories after a refresh. */
  properties[PROP_NOTIFY_NEW] =
    g_param_spec_boolean ("notify-new", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FILTER_CHANGED] =
    g_signal_new ("filter-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, DASH_TYPE_FILTER | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[SAVED_SEARCHES_CHANGED] =
    g_signal_new ("saved-searches-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[SAVED_SEARCH_DELETED] =
    g_signal_new ("saved-search-deleted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Dashboard/dash-filter-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, DashFilterBar, chips);
  gtk_widget_class_bind_template_child (widget_class, DashFilterBar, add_button);
  gtk_widget_class_bind_template_child (widget_class, DashFilterBar, topic_choice);
  gtk_widget_class_bind_template_child (widget_class, DashFilterBar, source_choice);
  gtk_widget_class_bind_template_child (widget_class, DashFilterBar, entity_entry);
  gtk_widget_class_bind_template_child (widget_class, DashFilterBar, from_entry);
  gtk_widget_class_bind_template_child (widget_class, DashFilterBar, to_entry);
  gtk_widget_class_bind_template_child (widget_class, DashFilterBar, problem_label);
  gtk_widget_class_bind_template_child (widget_class, DashFilterBar, apply_button);
  gtk_widget_class_bind_template_child (widget_class, DashFilterBar, save_button);
  gtk_widget_class_bind_template_child (widget_class, DashFilterBar, saved_button);
  gtk_widget_class_bind_template_child (widget_class, DashFilterBar, sort_choice);
  gtk_widget_class_bind_template_callback (widget_class, sort_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_button_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);

  gtk_widget_class_install_action (widget_class, "bar.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "bar.rename-saved", NULL, rename_saved_action);
  gtk_widget_class_install_action (widget_class, "bar.delete-saved", NULL, delete_saved_action);
  gtk_widget_class_install_property_action (widget_class, "bar.notify-new", "notify-new");

  gtk_widget_class_set_css_name (widget_class, "filterbar");
}

static void
dash_filter_bar_init (DashFilterBar *self)
{
  self->filter = dash_filter_new ();
  self->chip_kinds = g_array_new (FALSE, FALSE, sizeof (ChipKind));
  self->chip_texts = g_ptr_array_new_with_free_func (g_free);
  self->topic_ids = g_ptr_array_new_with_free_func (g_free);
  self->source_names = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
}
