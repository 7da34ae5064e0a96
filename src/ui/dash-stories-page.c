/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-stories-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dash-filter-bar.h"
#include "dash-stories-page.h"
#include "dash-story-row.h"
#include "dash-timeline-view.h"
#include "dash-ui-util.h"

/* Entities shown beside the stories. */
#define N_ENTITIES 10
/* Entities listed at once in the Merge Into dialog; typing narrows them down. */
#define N_MERGE_CHOICES 100

struct _DashStoriesPage
{
  GtkWidget        parent_instance;

  char            *title;
  DashCorpus      *corpus;
  /* The entity shown (a copy), or NULL on a topic, source or search page. */
  DashEntityStat  *entity;
  /* The filter shown (a copy). */
  DashFilter      *filter;
  /* The last merge made here, for Undo. */
  DashMergeRecord *merge_record;
  /* The entities being counted for the side list. */
  GCancellable    *entities_cancellable;

  /* Template children. */
  AdwFlap         *flap;
  GtkLabel        *title_label;
  GtkLabel        *subtitle_label;
  GtkLabel        *aliases_label;
  GtkMenuButton   *entity_button;
  DashFilterBar   *filter_bar;
  GtkStack        *list_stack;
  GtkListView     *list_view;
  GtkNoSelection  *selection;
  AdwStatusPage   *none_page;
  GtkLabel        *timeline_heading;
  DashTimelineView *timeline;
  GtkLabel        *entities_heading;
  GtkListBox      *entities_list;
};

G_DEFINE_FINAL_TYPE (DashStoriesPage, dash_stories_page, GTK_TYPE_WIDGET)

enum {
  ARTICLE_ACTIVATED,
  ENTITY_ACTIVATED,
  ENTITY_RENAMED,
  ENTITY_MERGED,
  ENTITY_HIDDEN,
  FILTER_CHANGED,
  SAVED_SEARCHES_CHANGED,
  SAVED_SEARCH_DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
dash_stories_page_new (void)
{
  return g_object_new (DASH_TYPE_STORIES_PAGE, NULL);
}

GListModel *
dash_stories_page_get_model (DashStoriesPage *self)
{
  g_return_val_if_fail (DASH_IS_STORIES_PAGE (self), NULL);
  return gtk_no_selection_get_model (self->selection);
}

const char *
dash_stories_page_get_title (DashStoriesPage *self)
{
  g_return_val_if_fail (DASH_IS_STORIES_PAGE (self), NULL);
  return self->title;
}

const DashEntityStat *
dash_stories_page_get_entity (DashStoriesPage *self)
{
  g_return_val_if_fail (DASH_IS_STORIES_PAGE (self), NULL);
  return self->entity;
}

static DashEntityStat *
entity_stat_copy (const DashEntityStat *stat)
{
  DashEntityStat *copy = g_new0 (DashEntityStat, 1);

  *copy = *stat;
  copy->name = g_strdup (stat->name);
  return copy;
}

/* The entity shown and its other names; its clean-up actions. */
static void
show_entity (DashStoriesPage      *self,
             DashCorpus           *corpus,
             const DashEntityStat *entity)
{
  g_autoptr(GPtrArray) aliases = NULL;
  g_autoptr(GError) error = NULL;
  gboolean editable;

  g_clear_pointer (&self->entity, dash_entity_stat_free);
  if (entity != NULL)
    self->entity = entity_stat_copy (entity);

  editable = entity != NULL && !dash_corpus_get_read_only (corpus);
  gtk_widget_set_visible (GTK_WIDGET (self->entity_button), entity != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "entity.rename", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "entity.add-alias", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "entity.merge", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "entity.hide", editable);

  if (entity != NULL)
    {
      aliases = dash_corpus_entity_aliases (corpus, entity->id, &error);
      if (aliases == NULL)
        g_warning ("Cannot list the other names of %s: %s", entity->name, error->message);
    }
  if (aliases != NULL && aliases->len > 0)
    {
      g_autofree char *joined = NULL;
      g_autofree char *text = NULL;

      g_ptr_array_add (aliases, NULL);
      /* Translators: between the names of a list, as in "U.S., America". */
      joined = g_strjoinv (C_("list separator", ", "), (char **)aliases->pdata);
      /* Translators: the other names that lead to an entity, as in "Also called: U.S.". */
      text = g_strdup_printf (_("Also called: %s"), joined);
      gtk_label_set_label (self->aliases_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->aliases_label), TRUE);
    }
  else
    {
      gtk_label_set_label (self->aliases_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->aliases_label), FALSE);
    }
}

static void
entities_filled_cb (gpointer      owner,
                    guint         n_entities,
                    const GError *error)
{
  DashStoriesPage *self = owner;

  if (error != NULL)
    g_warning ("Cannot list the entities: %s", error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->entities_list), n_entities > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->entities_heading), n_entities > 0);
}

/* The entities beside the stories, counted in a worker: on a big corpus that takes a
 * while, and the stories show at once. */
static void
show_entities (DashStoriesPage      *self,
               DashCorpus           *corpus,
               const DashFilter     *filter,
               const DashEntityStat *entity)
{
  g_cancellable_cancel (self->entities_cancellable);
  g_clear_object (&self->entities_cancellable);
  self->entities_cancellable = g_cancellable_new ();
  dash_list_box_remove_all (self->entities_list);
  gtk_widget_set_visible (GTK_WIDGET (self->entities_list), FALSE);
  gtk_label_set_label (self->entities_heading,
                       entity != NULL ? _("Often Named With") : _("Top Entities"));

  dash_list_box_fill_entities (self->entities_list, corpus, filter,
                               entity != NULL ? entity->id : 0, N_ENTITIES,
                               self->entities_cancellable, entities_filled_cb, self);
}

/* The heading says what a bar counts, as the widget picks its bucket from the span. */
static void
shown_bucket_cb (DashStoriesPage *self)
{
  switch (dash_timeline_view_get_shown_bucket (self->timeline))
    {
    case DASH_BUCKET_DAY:
      gtk_label_set_label (self->timeline_heading, _("Stories per Day"));
      break;
    case DASH_BUCKET_WEEK:
      gtk_label_set_label (self->timeline_heading, _("Stories per Week"));
      break;
    case DASH_BUCKET_QUARTER:
      gtk_label_set_label (self->timeline_heading, _("Stories per Quarter"));
      break;
    case DASH_BUCKET_YEAR:
      gtk_label_set_label (self->timeline_heading, _("Stories per Year"));
      break;
    case DASH_BUCKET_MONTH:
    default:
      gtk_label_set_label (self->timeline_heading, _("Stories per Month"));
      break;
    }
}

/* A bar clicked or a period dragged across: the stories of those days. */
static void
range_chosen_cb (DashStoriesPage  *self,
                 gint64            start,
                 gint64            end,
                 DashTimelineView *timeline)
{
  g_autoptr(DashFilter) filter = NULL;

  if (self->filter == NULL || start >= end)
    return;
  filter = dash_filter_copy (self->filter);
  filter->from = start;
  filter->to = end;
  filter->limit = 0;
  g_signal_emit (self, signals[FILTER_CHANGED], 0, filter);
}

static void
areas_toggled_cb (DashStoriesPage *self,
                  GtkToggleButton *button)
{
  dash_timeline_view_set_style (self->timeline, gtk_toggle_button_get_active (button)
                                                  ? DASH_TIMELINE_STYLE_AREAS
                                                  : DASH_TIMELINE_STYLE_BARS);
}

void
dash_stories_page_show (DashStoriesPage      *self,
                        DashCorpus           *corpus,
                        const char           *title,
                        const char           *subtitle,
                        const DashFilter     *filter,
                        const DashEntityStat *entity)
{
  g_autoptr(GListModel) stories = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  guint n_stories;

  g_return_if_fail (DASH_IS_STORIES_PAGE (self));
  g_return_if_fail (DASH_IS_CORPUS (corpus));
  g_return_if_fail (title != NULL);

  g_free (self->title);
  self->title = g_strdup (title);
  gtk_label_set_label (self->title_label, title);
  g_set_object (&self->corpus, corpus);
  g_clear_pointer (&self->filter, dash_filter_free);
  self->filter = filter != NULL ? dash_filter_copy (filter) : dash_filter_new ();
  show_entity (self, corpus, entity);
  dash_filter_bar_set_filter (self->filter_bar, corpus, filter, NULL);

  stories = dash_corpus_query (corpus, filter, &error);
  if (stories == NULL)
    {
      gtk_no_selection_set_model (self->selection, NULL);
      gtk_label_set_label (self->subtitle_label, subtitle);
      adw_status_page_set_title (self->none_page, _("Cannot Search"));
      adw_status_page_set_description (self->none_page, NULL);
      /* The message may quote what the user typed: it is text, not markup. */
      {
        g_autofree char *escaped = g_markup_escape_text (error->message, -1);

        adw_status_page_set_description (self->none_page, escaped);
      }
      gtk_stack_set_visible_child_name (self->list_stack, "none");
      dash_timeline_view_set_source (self->timeline, NULL, NULL, NULL);
      g_cancellable_cancel (self->entities_cancellable);
      dash_list_box_remove_all (self->entities_list);
      gtk_widget_set_visible (GTK_WIDGET (self->entities_heading), FALSE);
      return;
    }

  /* The model is lazy: only the ids are kept, rows load as they scroll into view. */
  n_stories = g_list_model_get_n_items (stories);
  gtk_no_selection_set_model (self->selection, stories);
  count = g_strdup_printf (ngettext ("%'u story", "%'u stories", n_stories), n_stories);
  if (subtitle != NULL && subtitle[0] != '\0')
    {
      /* Translators: what the page shows (an entity's type…), then its story count. */
      g_autofree char *both = g_strdup_printf (C_("page subtitle", "%s · %s"), subtitle, count);

      gtk_label_set_label (self->subtitle_label, both);
    }
  else
    gtk_label_set_label (self->subtitle_label, count);

  adw_status_page_set_title (self->none_page, _("No Stories Found"));
  adw_status_page_set_description (self->none_page, NULL);
  gtk_stack_set_visible_child_name (self->list_stack, n_stories > 0 ? "list" : "none");
  if (n_stories > 0)
    gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view)),
                              0);

  /* The widget counts the stories itself, by the bucket that suits the span shown; its
   * one series is named after the page. */
  {
    g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func (
      (GDestroyNotify) dash_timeline_series_filter_free);
    g_autoptr(DashFilter) same = dash_filter_new ();

    g_ptr_array_add (series, dash_timeline_series_filter_new (title, same));
    dash_timeline_view_set_source (self->timeline, corpus, filter, series);
  }

  show_entities (self, corpus, filter, entity);
}

void
dash_stories_page_set_saved_search (DashStoriesPage       *self,
                                    const DashSavedSearch *saved)
{
  g_return_if_fail (DASH_IS_STORIES_PAGE (self));
  g_return_if_fail (self->corpus != NULL);

  dash_filter_bar_set_filter (self->filter_bar, self->corpus,
                              dash_filter_bar_get_filter (self->filter_bar), saved);
}

GtkWidget *
dash_stories_page_get_timeline (DashStoriesPage *self)
{
  g_return_val_if_fail (DASH_IS_STORIES_PAGE (self), NULL);
  return GTK_WIDGET (self->timeline);
}

const char *
dash_stories_page_get_timeline_heading (DashStoriesPage *self)
{
  g_return_val_if_fail (DASH_IS_STORIES_PAGE (self), NULL);
  return gtk_label_get_label (self->timeline_heading);
}

DashFilterBar *
dash_stories_page_get_filter_bar (DashStoriesPage *self)
{
  g_return_val_if_fail (DASH_IS_STORIES_PAGE (self), NULL);
  return self->filter_bar;
}

static void
filter_changed_cb (DashStoriesPage  *self,
                   const DashFilter *filter)
{
  g_signal_emit (self, signals[FILTER_CHANGED], 0, filter);
}

static void
saved_searches_changed_cb (DashStoriesPage *self)
{
  g_signal_emit (self, signals[SAVED_SEARCHES_CHANGED], 0);
}

static void
saved_search_deleted_cb (DashStoriesPage *self,
                         gint64           id)
{
  g_signal_emit (self, signals[SAVED_SEARCH_DELETED], 0, id);
}

/* Clean-up of the entity shown. Each edit tells the window first (so that it can follow
 * the entity to its new name), then every view through the corpus. */

/* The entity other than @self's own that @name would merge with on a rename, or NULL. */
static DashEntityStat *
find_namesake (DashStoriesPage *self,
               const char      *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  g_autoptr(DashEntityStat) other = NULL;

  other = dash_corpus_find_entity (self->corpus, stripped, NULL);
  if (other == NULL || other->id == self->entity->id || other->type != self->entity->type ||
      !g_str_equal (other->name, stripped))
    return NULL;
  return g_steal_pointer (&other);
}

gboolean
dash_stories_page_rename_entity (DashStoriesPage  *self,
                                 const char       *name,
                                 GError          **error)
{
  g_autoptr(DashEntityStat) namesake = NULL;
  g_autoptr(DashEntityStat) entity = NULL;
  g_autofree char *new_name = NULL;

  g_return_val_if_fail (DASH_IS_STORIES_PAGE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (self->entity != NULL, FALSE);

  entity = entity_stat_copy (self->entity);
  new_name = g_strstrip (g_strdup (name));
  if (g_str_equal (new_name, entity->name))
    return TRUE;

  /* Renaming to the name of another entity of its type makes the two one: a merge,
   * which can be undone. */
  namesake = find_namesake (self, new_name);
  if (namesake != NULL)
    {
      g_clear_pointer (&self->merge_record, dash_merge_record_free);
      if (!dash_corpus_merge_entities_full (self->corpus, entity->id, namesake->id,
                                            &self->merge_record, error))
        return FALSE;
    }
  else if (!dash_corpus_rename_entity (self->corpus, entity->id, new_name, error))
    return FALSE;

  g_signal_emit (self, signals[ENTITY_RENAMED], 0, entity->id, entity->name, new_name,
                 namesake != NULL);
  dash_corpus_notify_changed (self->corpus);
  return TRUE;
}

gboolean
dash_stories_page_merge_entity (DashStoriesPage       *self,
                                const DashEntityStat  *target,
                                GError               **error)
{
  g_autoptr(DashEntityStat) entity = NULL;
  g_autofree char *target_name = NULL;

  g_return_val_if_fail (DASH_IS_STORIES_PAGE (self), FALSE);
  g_return_val_if_fail (target != NULL, FALSE);
  g_return_val_if_fail (self->entity != NULL, FALSE);

  entity = entity_stat_copy (self->entity);
  target_name = g_strdup (target->name);
  g_clear_pointer (&self->merge_record, dash_merge_record_free);
  if (!dash_corpus_merge_entities_full (self->corpus, entity->id, target->id,
                                        &self->merge_record, error))
    return FALSE;

  g_signal_emit (self, signals[ENTITY_MERGED], 0, entity->name, target_name);
  dash_corpus_notify_changed (self->corpus);
  return TRUE;
}

gboolean
dash_stories_page_undo_merge (DashStoriesPage  *self,
                              GError          **error)
{
  g_autoptr(DashMergeRecord) record = NULL;

  g_return_val_if_fail (DASH_IS_STORIES_PAGE (self), FALSE);

  if (self->merge_record == NULL || self->corpus == NULL)
    {
      g_set_error_literal (error, DASH_ERROR, DASH_ERROR_NOT_FOUND, _("Nothing to undo"));
      return FALSE;
    }
  record = g_steal_pointer (&self->merge_record);
  if (!dash_corpus_undo_merge (self->corpus, record, error))
    return FALSE;
  dash_corpus_notify_changed (self->corpus);
  return TRUE;
}

gboolean
dash_stories_page_hide_entity (DashStoriesPage  *self,
                               GError          **error)
{
  g_autoptr(DashEntityStat) entity = NULL;

  g_return_val_if_fail (DASH_IS_STORIES_PAGE (self), FALSE);
  g_return_val_if_fail (self->entity != NULL, FALSE);

  entity = entity_stat_copy (self->entity);
  if (!dash_corpus_set_entity_hidden (self->corpus, entity->id, TRUE, error))
    return FALSE;

  g_signal_emit (self, signals[ENTITY_HIDDEN], 0, entity->id, entity->name);
  dash_corpus_notify_changed (self->corpus);
  return TRUE;
}

static void
rename_entry_changed_cb (AdwMessageDialog *dialog,
                         GtkEditable      *entry)
{
  DashStoriesPage *self = g_object_get_data (G_OBJECT (dialog), "page");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr(DashEntityStat) namesake = NULL;
  g_autofree char *body = NULL;

  if (self->entity == NULL)
    return;

  adw_message_dialog_set_response_enabled (dialog, "rename",
                                           name[0] != '\0' &&
                                           !g_str_equal (name, self->entity->name));

  namesake = name[0] != '\0' ? find_namesake (self, name) : NULL;
  if (namesake != NULL)
    {
      /* Translators: said in the Rename dialog when the new name is taken. */
      body = g_strdup_printf (_("“%s” already exists. Renaming merges the two."),
                              namesake->name);
      adw_message_dialog_set_response_label (dialog, "rename", _("_Merge"));
      adw_message_dialog_set_response_appearance (dialog, "rename", ADW_RESPONSE_DESTRUCTIVE);
    }
  else
    {
      body = g_strdup_printf (_("Stories that name “%s” will show the new name. The old "
                                "name still leads here."), self->entity->name);
      adw_message_dialog_set_response_label (dialog, "rename", _("_Rename"));
      adw_message_dialog_set_response_appearance (dialog, "rename", ADW_RESPONSE_SUGGESTED);
    }
  adw_message_dialog_set_body (dialog, body);
}

static void
rename_response_cb (DashStoriesPage  *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "rename") || self->entity == NULL)
    return;
  if (!dash_stories_page_rename_entity (self, gtk_editable_get_text (entry), &error))
    dash_widget_show_toast (GTK_WIDGET (self), error->message);
}

gboolean
dash_stories_page_add_entity_alias (DashStoriesPage  *self,
                                    const char       *alias,
                                    GError          **error)
{
  g_autoptr(DashAnalyzer) analyzer = NULL;
  g_autofree char *message = NULL;
  g_autofree char *clean = NULL;
  guint n_stories = 0;

  g_return_val_if_fail (DASH_IS_STORIES_PAGE (self), FALSE);
  g_return_val_if_fail (alias != NULL, FALSE);
  g_return_val_if_fail (self->entity != NULL, FALSE);

  /* The stories that hold the name are analysed again, so it counts at once. */
  analyzer = dash_analyzer_new_for_corpus (self->corpus, error);
  if (analyzer == NULL ||
      !dash_analyzer_add_entity_alias (analyzer, self->corpus, self->entity->id, alias, NULL,
                                       &n_stories, error))
    return FALSE;

  clean = g_strstrip (g_strdup (alias));
  /* Translators: after adding another name to an entity: the name, the entity. */
  message = g_strdup_printf (_("“%s” now leads to %s"), clean, self->entity->name);
  dash_widget_show_toast (GTK_WIDGET (self), message);
  dash_corpus_notify_changed (self->corpus);
  return TRUE;
}

static void
alias_response_cb (DashStoriesPage  *self,
                   const char       *response,
                   AdwMessageDialog *dialog)
{
  g_autofree char *name = dash_name_dialog_dup_name (dialog);
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "accept") || self->entity == NULL)
    return;
  if (!dash_stories_page_add_entity_alias (self, name, &error))
    dash_widget_show_toast (GTK_WIDGET (self), error->message);
}

static void
add_alias_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DashStoriesPage *self = DASH_STORIES_PAGE (widget);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (self->entity == NULL)
    return;

  /* Translators: %s is the entity's name. */
  body = g_strdup_printf (_("Stories that use this name will count as naming %s: those "
                            "already imported and those to come."), self->entity->name);
  dialog = dash_name_dialog_new (widget, _("Add Another Name"), body, NULL, _("Other Name"),
                                 _("_Add"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (alias_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DashStoriesPage *self = DASH_STORIES_PAGE (widget);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (self->entity == NULL)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       _("Rename Entity"), NULL));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_default_response (dialog, "rename");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);

  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New Name"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);

  g_object_set_data (G_OBJECT (dialog), "page", self);
  gtk_editable_set_text (GTK_EDITABLE (entry), self->entity->name);
  rename_entry_changed_cb (dialog, GTK_EDITABLE (entry));
  g_signal_connect_object (entry, "changed", G_CALLBACK (rename_entry_changed_cb), dialog,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
  gtk_editable_select_region (GTK_EDITABLE (entry), 0, -1);
}

typedef struct {
  GPtrArray      *entities;   /* DashEntityStat: every other entity, most stories first */
  GtkListBox     *list;
  GtkSearchEntry *search;
} MergeDialog;

static void
merge_dialog_free (MergeDialog *data)
{
  g_clear_pointer (&data->entities, g_ptr_array_unref);
  g_free (data);
}

/* Lists the entities whose name holds what was typed, most stories first. */
static void
merge_search_changed_cb (AdwMessageDialog *dialog)
{
  MergeDialog *data = g_object_get_data (G_OBJECT (dialog), "merge");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (data->search));
  g_autofree char *needle = g_strstrip (g_utf8_casefold (text, -1));
  guint n_shown = 0;

  dash_list_box_remove_all (data->list);
  adw_message_dialog_set_response_enabled (dialog, "merge", FALSE);

  for (guint i = 0; i < data->entities->len && n_shown < N_MERGE_CHOICES; i++)
    {
      const DashEntityStat *stat = g_ptr_array_index (data->entities, i);
      g_autofree char *name = g_utf8_casefold (stat->name, -1);
      GtkWidget *row;

      if (strstr (name, needle) == NULL)
        continue;
      row = dash_entity_row_new (stat);
      g_object_set_data (G_OBJECT (row), "entity-stat", (gpointer)stat);
      gtk_list_box_append (data->list, row);
      n_shown++;
    }
}

static void
merge_row_selected_cb (AdwMessageDialog *dialog,
                       GtkListBoxRow    *row,
                       GtkListBox       *list)
{
  /* The list empties itself after it left the dialog, as the dialog goes. */
  if (gtk_widget_get_root (GTK_WIDGET (list)) == GTK_ROOT (dialog))
    adw_message_dialog_set_response_enabled (dialog, "merge", row != NULL);
}

/* Enter in the search picks the first match. */
static void
merge_search_activate_cb (AdwMessageDialog *dialog)
{
  MergeDialog *data = g_object_get_data (G_OBJECT (dialog), "merge");
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (data->list, 0);

  if (first != NULL && gtk_list_box_get_selected_row (data->list) == NULL)
    {
      gtk_list_box_select_row (data->list, first);
      gtk_widget_grab_focus (GTK_WIDGET (first));
    }
}

static void
merge_response_cb (DashStoriesPage  *self,
                   const char       *response,
                   AdwMessageDialog *dialog)
{
  MergeDialog *data = g_object_get_data (G_OBJECT (dialog), "merge");
  GtkListBoxRow *row = gtk_list_box_get_selected_row (data->list);
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "merge") || row == NULL || self->entity == NULL)
    return;
  if (!dash_stories_page_merge_entity (self, g_object_get_data (G_OBJECT (row), "entity-stat"),
                                       &error))
    dash_widget_show_toast (GTK_WIDGET (self), error->message);
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DashStoriesPage *self = DASH_STORIES_PAGE (widget);
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  MergeDialog *data;
  GtkWidget *box;
  GtkWidget *scrolled;
  GtkWidget *placeholder;

  if (self->entity == NULL)
    return;

  entities = dash_corpus_list_entities (self->corpus, NULL, -1, 0, &error);
  if (entities == NULL)
    {
      dash_widget_show_toast (GTK_WIDGET (self), error->message);
      return;
    }
  for (guint i = 0; i < entities->len; i++)
    if (((DashEntityStat *)g_ptr_array_index (entities, i))->id == self->entity->id)
      {
        g_ptr_array_remove_index (entities, i);
        break;
      }

  /* Translators: %s is the entity shown, that goes into the one picked. */
  body = g_strdup_printf (_("Stories that name “%s” will name the entity you pick, and so "
                            "will later imports. This cannot be undone."), self->entity->name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       _("Merge Entity"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "merge", _("_Merge"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "merge", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "merge", FALSE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);

  data = g_new0 (MergeDialog, 1);
  data->entities = g_steal_pointer (&entities);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  data->search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (data->search, "placeholder-text", _("Search entities"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->search),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search entities"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (data->search));

  data->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (data->list, GTK_SELECTION_SINGLE);
  /* A few matches take their own height, not the whole scrolled area. */
  gtk_widget_set_valign (GTK_WIDGET (data->list), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (data->list), "boxed-list");
  gtk_widget_add_css_class (GTK_WIDGET (data->list), "merge-choices");
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Entities"), -1);
  placeholder = gtk_label_new (_("No matching entities"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_list_box_set_placeholder (data->list, placeholder);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (data->list));
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_message_dialog_set_extra_child (dialog, box);

  g_object_set_data_full (G_OBJECT (dialog), "merge", data, (GDestroyNotify)merge_dialog_free);
  merge_search_changed_cb (dialog);
  g_signal_connect_object (data->search, "search-changed", G_CALLBACK (merge_search_changed_cb),
                           dialog, G_CONNECT_SWAPPED);
  g_signal_connect_object (data->search, "activate", G_CALLBACK (merge_search_activate_cb),
                           dialog, G_CONNECT_SWAPPED);
  g_signal_connect_object (data->list, "row-selected", G_CALLBACK (merge_row_selected_cb),
                           dialog, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (merge_response_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (data->search));
}

static void
hide_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DashStoriesPage *self = DASH_STORIES_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->entity != NULL && !dash_stories_page_hide_entity (self, &error))
    dash_widget_show_toast (GTK_WIDGET (self), error->message);
}

static void
list_view_activate_cb (DashStoriesPage *self,
                       guint            position,
                       GtkListView     *list_view)
{
  g_autoptr(DashArticle) article = NULL;

  article = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (article != NULL)
    g_signal_emit (self, signals[ARTICLE_ACTIVATED], 0, article);
}

static void
entities_row_activated_cb (DashStoriesPage *self,
                           GtkListBoxRow   *row,
                           GtkListBox      *list_box)
{
  const char *name = g_object_get_data (G_OBJECT (row), "entity-name");

  if (name != NULL)
    g_signal_emit (self, signals[ENTITY_ACTIVATED], 0, name);
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
  DashStoriesPage *self = user_data;
  DashStoryRow *row = DASH_STORY_ROW (gtk_list_item_get_child (item));

  dash_story_row_set_corpus (row, self->corpus);
  dash_story_row_set_article (row, gtk_list_item_get_item (item));
}

static void
factory_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  dash_story_row_set_article (DASH_STORY_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
dash_stories_page_dispose (GObject *object)
{
  DashStoriesPage *self = (DashStoriesPage *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->entities_cancellable);
  g_clear_object (&self->entities_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DASH_TYPE_STORIES_PAGE);
  g_clear_object (&self->corpus);
  /* The template's root is not bound to a field: unparent it too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (dash_stories_page_parent_class)->dispose (object);
}

static void
dash_stories_page_finalize (GObject *object)
{
  DashStoriesPage *self = (DashStoriesPage *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->entity, dash_entity_stat_free);
  g_clear_pointer (&self->filter, dash_filter_free);
  g_clear_pointer (&self->merge_record, dash_merge_record_free);

  G_OBJECT_CLASS (dash_stories_page_parent_class)->finalize (object);
}

static void
dash_stories_page_class_init (DashStoriesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dash_stories_page_dispose;
  object_class->finalize = dash_stories_page_finalize;

  signals[ARTICLE_ACTIVATED] =
    g_signal_new ("article-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, DASH_TYPE_ARTICLE);
  signals[ENTITY_ACTIVATED] =
    g_signal_new ("entity-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The entity's id, its old and new names, and whether it went into another one. */
  signals[ENTITY_RENAMED] =
    g_signal_new ("entity-renamed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                  G_TYPE_INT64, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_BOOLEAN);
  /* The names of the entity merged away and of the one it went into. */
  signals[ENTITY_MERGED] =
    g_signal_new ("entity-merged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /* The id and name of the entity hidden. */
  signals[ENTITY_HIDDEN] =
    g_signal_new ("entity-hidden", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  /* The filter the user asks for instead, from the chips or the Filter popover. */
  signals[FILTER_CHANGED] =
    g_signal_new ("filter-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  DASH_TYPE_FILTER | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[SAVED_SEARCHES_CHANGED] =
    g_signal_new ("saved-searches-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SAVED_SEARCH_DELETED] =
    g_signal_new ("saved-search-deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (DASH_TYPE_TIMELINE_VIEW);
  g_type_ensure (DASH_TYPE_FILTER_BAR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Dashboard/dash-stories-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DashStoriesPage, flap);
  gtk_widget_class_bind_template_child (widget_class, DashStoriesPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, DashStoriesPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, DashStoriesPage, aliases_label);
  gtk_widget_class_bind_template_child (widget_class, DashStoriesPage, entity_button);
  gtk_widget_class_bind_template_child (widget_class, DashStoriesPage, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, DashStoriesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, DashStoriesPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, DashStoriesPage, selection);
  gtk_widget_class_bind_template_child (widget_class, DashStoriesPage, none_page);
  gtk_widget_class_bind_template_child (widget_class, DashStoriesPage, timeline_heading);
  gtk_widget_class_bind_template_child (widget_class, DashStoriesPage, timeline);
  gtk_widget_class_bind_template_child (widget_class, DashStoriesPage, entities_heading);
  gtk_widget_class_bind_template_child (widget_class, DashStoriesPage, entities_list);
  gtk_widget_class_bind_template_callback (widget_class, list_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, entities_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, shown_bucket_cb);
  gtk_widget_class_bind_template_callback (widget_class, range_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, areas_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, saved_searches_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, saved_search_deleted_cb);
  gtk_widget_class_set_css_name (widget_class, "storiespage");

  gtk_widget_class_install_action (widget_class, "entity.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "entity.add-alias", NULL, add_alias_action);
  gtk_widget_class_install_action (widget_class, "entity.merge", NULL, merge_action);
  gtk_widget_class_install_action (widget_class, "entity.hide", NULL, hide_action);
}

static void
dash_stories_page_init (DashStoriesPage *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (factory_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (factory_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (factory_unbind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "entity.rename", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "entity.merge", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "entity.hide", FALSE);
}
