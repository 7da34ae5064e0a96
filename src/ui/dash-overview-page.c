/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "dash-overview-page.h"
#include "dash-story-row.h"
#include "dash-timeline-view.h"
#include "dash-ui-util.h"

#define N_MONTHS   12
#define SECONDS_PER_YEAR (365 * 86400)
#define N_ENTITIES 10
#define N_LATEST   10
/* Bursts shown, among those of the topics and of this many top entities, that end in
 * the last weeks of the corpus. */
#define N_MOVING            5
#define N_BURST_ENTITIES    30
#define MOVING_WEEKS        8
#define SECONDS_PER_WEEK    (7 * 86400)

struct _DashOverviewPage
{
  GtkWidget   parent_instance;

  /* Template children. */
  GtkLabel   *stories_label;
  GtkLabel   *stories_caption;
  GtkLabel   *sources_label;
  GtkLabel   *sources_caption;
  GtkLabel   *span_label;
  GtkLabel   *span_caption;
  GtkFlowBox *topics_box;
  GtkListBox *entities_list;
  GtkListBox *latest_list;
  GtkLabel   *moving_heading;
  GtkListBox *moving_list;
  GtkLabel   *recent_heading;
  GtkListBox *recent_list;
  /* The counts being made in workers for the page shown. */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (DashOverviewPage, dash_overview_page, GTK_TYPE_WIDGET)

enum {
  TOPIC_ACTIVATED,
  ENTITY_ACTIVATED,
  ARTICLE_ACTIVATED,
  FILTER_ACTIVATED,
  SEARCH_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
dash_overview_page_new (void)
{
  return g_object_new (DASH_TYPE_OVERVIEW_PAGE, NULL);
}

static void
show_stats (DashOverviewPage *self,
            DashCorpus       *corpus)
{
  DashCorpusStats stats = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *stories = NULL;
  g_autofree char *sources = NULL;
  g_autofree char *span = NULL;

  if (!dash_corpus_get_stats (corpus, &stats, &error))
    g_warning ("Cannot count the stories: %s", error->message);

  stories = g_strdup_printf ("%'u", stats.articles);
  gtk_label_set_label (self->stories_label, stories);
  gtk_label_set_label (self->stories_caption,
                       ngettext ("Story", "Stories", stats.articles));
  sources = g_strdup_printf ("%'u", stats.sources);
  gtk_label_set_label (self->sources_label, sources);
  gtk_label_set_label (self->sources_caption,
                       ngettext ("Source", "Sources", stats.sources));

  if (stats.first != 0 && stats.last != 0)
    {
      g_autofree char *first = dash_format_month (stats.first);
      g_autofree char *last = dash_format_month (stats.last);

      /* Translators: the months of the first and the last story. */
      span = g_strcmp0 (first, last) == 0 ? g_strdup (first)
                                          : g_strdup_printf (_("%s – %s"), first, last);
    }
  else
    span = g_strdup (_("No dates"));
  gtk_label_set_label (self->span_label, span);
  gtk_label_set_label (self->span_caption, _("Date Span"));
}

/* @points' counts laid on @axis (the buckets of the whole corpus), zero where @points
 * has none, so that the topics line up bucket by bucket. */
static GArray *
align_points (GArray *points,
              GArray *axis)
{
  GArray *aligned = g_array_sized_new (FALSE, TRUE, sizeof (DashTimelinePoint), axis->len);
  guint j = 0;

  for (guint i = 0; i < axis->len; i++)
    {
      DashTimelinePoint point = { g_array_index (axis, DashTimelinePoint, i).start, 0 };

      while (points != NULL && j < points->len &&
             g_array_index (points, DashTimelinePoint, j).start < point.start)
        j++;
      if (points != NULL && j < points->len &&
          g_array_index (points, DashTimelinePoint, j).start == point.start)
        point.count = g_array_index (points, DashTimelinePoint, j).count;
      g_array_append_val (aligned, point);
    }
  return aligned;
}

/* The buckets the topic cards share: the last twelve months of the corpus, or its whole
 * span by quarter or year when it covers more than two years. */
static GArray *
card_axis (DashCorpus *corpus,
           DashBucket *bucket)
{
  DashCorpusStats stats = { 0, };
  g_autoptr(GArray) all = NULL;
  GArray *axis;

  if (!dash_corpus_get_stats (corpus, &stats, NULL) || stats.last == 0)
    return NULL;

  *bucket = DASH_BUCKET_MONTH;
  if (stats.last - stats.first > 2 * SECONDS_PER_YEAR)
    *bucket = MAX (DASH_BUCKET_QUARTER, dash_bucket_for_span (stats.first, stats.last));
  all = dash_corpus_timeline (corpus, NULL, *bucket, NULL);
  if (all == NULL || all->len == 0)
    return NULL;

  axis = g_array_new (FALSE, TRUE, sizeof (DashTimelinePoint));
  if (*bucket != DASH_BUCKET_MONTH)
    {
      /* Every bucket from the first to the last, empty ones included. */
      gint64 last = g_array_index (all, DashTimelinePoint, all->len - 1).start;

      for (gint64 t = g_array_index (all, DashTimelinePoint, 0).start; t <= last;
           t = dash_bucket_next (*bucket, t))
        {
          DashTimelinePoint point = { t, 0 };
          g_array_append_val (axis, point);
        }
      return axis;
    }

  {
    g_autoptr(GDateTime) last_date = g_date_time_new_from_unix_utc (stats.last);
    g_autoptr(GDateTime) first_day = g_date_time_new_utc (g_date_time_get_year (last_date),
                                                          g_date_time_get_month (last_date),
                                                          1, 0, 0, 0);

    for (int i = N_MONTHS - 1; i >= 0; i--)
      {
        g_autoptr(GDateTime) month = g_date_time_add_months (first_day, -i);
        DashTimelinePoint point = { g_date_time_to_unix (month), 0 };

        g_array_append_val (axis, point);
      }
  }
  return axis;
}

static void
topic_clicked_cb (DashOverviewPage *self,
                  GtkButton        *button)
{
  g_signal_emit (self, signals[TOPIC_ACTIVATED], 0,
                 g_object_get_data (G_OBJECT (button), "topic-id"));
}

static GtkWidget *
topic_card_new (DashOverviewPage    *self,
                DashCorpus          *corpus,
                const DashTopicStat *topic,
                GArray              *axis,
                DashBucket           bucket)
{
  g_autoptr(DashFilter) filter = dash_filter_new ();
  g_autoptr(GArray) points = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  GtkWidget *button;
  GtkWidget *box;
  GtkWidget *name;
  GtkWidget *count_label;
  GtkWidget *timeline;

  dash_filter_set_topic (filter, topic->id);
  points = dash_corpus_timeline (corpus, filter, bucket, &error);
  if (points == NULL)
    g_warning ("Cannot count the stories of %s over time: %s", topic->id, error->message);
  else if (axis != NULL)
    {
      GArray *aligned = align_points (points, axis);

      g_array_unref (points);
      points = aligned;
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  name = gtk_label_new (topic->name);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_add_css_class (name, "title-4");
  gtk_box_append (GTK_BOX (box), name);

  count = g_strdup_printf (ngettext ("%'u story", "%'u stories", topic->articles), topic->articles);
  count_label = gtk_label_new (count);
  gtk_label_set_xalign (GTK_LABEL (count_label), 0);
  gtk_widget_add_css_class (count_label, "dim-label");
  gtk_box_append (GTK_BOX (box), count_label);

  timeline = dash_timeline_view_new ();
  gtk_widget_add_css_class (timeline, "compact");
  dash_timeline_view_set_points (DASH_TIMELINE_VIEW (timeline),
                                 bucket == DASH_BUCKET_YEAR ? _("Stories per year")
                                 : bucket == DASH_BUCKET_QUARTER ? _("Stories per quarter")
                                 : _("Stories per month"),
                                 bucket, points);
  gtk_box_append (GTK_BOX (box), timeline);

  /* The whole card opens the topic. */
  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "card");
  gtk_widget_add_css_class (button, "topic-card");
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, topic->name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, count,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "topic-id", g_strdup (topic->id), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (topic_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  return button;
}

static void
show_topics (DashOverviewPage *self,
             DashCorpus       *corpus)
{
  g_autoptr(GPtrArray) topics = NULL;
  g_autoptr(GArray) axis = NULL;
  g_autoptr(GError) error = NULL;
  DashBucket bucket = DASH_BUCKET_MONTH;
  GtkWidget *child;

  /* The same buckets for every topic. */
  axis = card_axis (corpus, &bucket);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->topics_box))) != NULL)
    gtk_flow_box_remove (self->topics_box, child);

  topics = dash_corpus_list_topics (corpus, &error);
  if (topics == NULL)
    {
      g_warning ("Cannot list the topics: %s", error->message);
      return;
    }

  /* The built-in topics come first. */
  for (guint i = 0; i < topics->len; i++)
    {
      const DashTopicStat *topic = g_ptr_array_index (topics, i);

      if (topic->builtin)
        gtk_flow_box_append (self->topics_box,
                             topic_card_new (self, corpus, topic, axis, bucket));
    }
}

static void
entities_filled_cb (gpointer      owner,
                    guint         n_entities,
                    const GError *error)
{
  DashOverviewPage *self = owner;

  if (error != NULL)
    g_warning ("Cannot list the entities: %s", error->message);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->entities_list)),
                          n_entities > 0);
}

/* Counted in a worker: on a big corpus this takes a while. */
static void
show_entities (DashOverviewPage *self,
               DashCorpus       *corpus)
{
  dash_list_box_remove_all (self->entities_list);
  dash_list_box_fill_entities (self->entities_list, corpus, NULL, 0, N_ENTITIES,
                               self->cancellable, entities_filled_cb, self);
}

static void
show_latest (DashOverviewPage *self,
             DashCorpus       *corpus)
{
  g_autoptr(DashFilter) filter = dash_filter_new ();
  g_autoptr(GListModel) stories = NULL;
  g_autoptr(GError) error = NULL;
  guint n_stories;

  dash_list_box_remove_all (self->latest_list);
  filter->limit = N_LATEST;
  filter->sort = DASH_SORT_DATE_DESC;
  stories = dash_corpus_query (corpus, filter, &error);
  if (stories == NULL)
    {
      g_warning ("Cannot list the latest stories: %s", error->message);
      return;
    }

  n_stories = g_list_model_get_n_items (stories);
  for (guint i = 0; i < n_stories && i < N_LATEST; i++)
    {
      g_autoptr(DashArticle) article = g_list_model_get_item (stories, i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *story = dash_story_row_new ();

      dash_story_row_set_corpus (DASH_STORY_ROW (story), corpus);
      dash_story_row_set_article (DASH_STORY_ROW (story), article);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), story);
      g_object_set_data_full (G_OBJECT (row), "article", g_object_ref (article), g_object_unref);
      gtk_list_box_append (self->latest_list, row);
    }
}

/* A burst found for what @filter selects (a topic or an entity) named @name. */
typedef struct {
  char       *name;
  DashFilter *filter;
  DashBurst  *burst;
} Moving;

static void
moving_free (Moving *moving)
{
  g_free (moving->name);
  dash_filter_free (moving->filter);
  dash_burst_free (moving->burst);
  g_free (moving);
}

static int
compare_moving (gconstpointer a,
                gconstpointer b)
{
  const Moving *x = *(const Moving * const *) a;
  const Moving *y = *(const Moving * const *) b;

  if (x->burst->ratio != y->burst->ratio)
    return x->burst->ratio < y->burst->ratio ? 1 : -1;
  return (int) y->burst->count - (int) x->burst->count;
}

/* Adds the bursts of @filter's stories that end after @since. */
static void
collect_bursts (GPtrArray        *moving,
                DashCorpus       *corpus,
                const DashFilter *filter,
                const char       *name,
                gint64            since)
{
  g_autoptr(GPtrArray) bursts = NULL;
  g_autoptr(GError) error = NULL;

  bursts = dash_corpus_bursts (corpus, filter, &error);
  if (bursts == NULL)
    {
      g_warning ("Cannot find the bursts of %s: %s", name, error->message);
      return;
    }
  for (guint i = 0; i < bursts->len; i++)
    {
      DashBurst *burst = g_ptr_array_index (bursts, i);
      Moving *item;

      if (burst->end <= since)
        continue;
      item = g_new0 (Moving, 1);
      item->name = g_strdup (name);
      item->filter = dash_filter_copy (filter);
      item->filter->from = burst->start;
      item->filter->to = burst->end;
      item->burst = g_ptr_array_steal_index (bursts, i--);
      g_ptr_array_add (moving, item);
    }
}

static GtkWidget *
moving_row_new (const Moving *moving)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GDateTime) week = g_date_time_new_from_unix_utc (moving->burst->start);
  /* Translators: the week a burst starts, as in "week of 27 Jan 2025". */
  g_autofree char *day = g_date_time_format (week, _("week of %-d %b %Y"));
  g_autofree char *ratio = g_strdup_printf ("%.0f", moving->burst->ratio);
  g_autofree char *subtitle = NULL;
  g_autofree char *title = g_markup_escape_text (moving->name, -1);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  /* Translators: a burst: "12× its usual volume, week of 27 Jan 2025 · 9 stories". */
  subtitle = g_strdup_printf (ngettext ("%s× its usual volume, %s · %'u story",
                                        "%s× its usual volume, %s · %'u stories",
                                        moving->burst->count),
                              ratio, day, moving->burst->count);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "filter", dash_filter_copy (moving->filter),
                          (GDestroyNotify) dash_filter_free);
  return row;
}

/* What rose far above its usual volume in the last weeks of the corpus: the topics and
 * the top entities, steepest first (element-type Moving). Run in a worker. */
static GPtrArray *
moving_job (DashCorpus  *corpus,
            gpointer     data,
            GError     **error)
{
  g_autoptr(GPtrArray) moving = g_ptr_array_new_with_free_func ((GDestroyNotify) moving_free);
  g_autoptr(GPtrArray) topics = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  DashCorpusStats stats = { 0, };
  gint64 since;

  if (!dash_corpus_get_stats (corpus, &stats, error))
    return NULL;
  if (stats.last == 0)
    return g_steal_pointer (&moving);
  since = stats.last - MOVING_WEEKS * SECONDS_PER_WEEK;

  topics = dash_corpus_list_topics (corpus, NULL);
  for (guint i = 0; topics != NULL && i < topics->len; i++)
    {
      const DashTopicStat *topic = g_ptr_array_index (topics, i);
      g_autoptr(DashFilter) filter = dash_filter_new ();

      dash_filter_set_topic (filter, topic->id);
      collect_bursts (moving, corpus, filter, topic->name, since);
    }
  entities = dash_corpus_list_entities (corpus, NULL, -1, N_BURST_ENTITIES, NULL);
  for (guint i = 0; entities != NULL && i < entities->len; i++)
    {
      const DashEntityStat *entity = g_ptr_array_index (entities, i);
      g_autoptr(DashFilter) filter = dash_filter_new ();

      dash_filter_set_entity (filter, entity->name);
      collect_bursts (moving, corpus, filter, entity->name, since);
    }

  g_ptr_array_sort (moving, compare_moving);
  return g_steal_pointer (&moving);
}

static void
moving_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DashOverviewPage) self = user_data;
  g_autoptr(GPtrArray) moving = NULL;
  g_autoptr(GError) error = NULL;

  moving = dash_corpus_job_finish (result, &error);
  if (moving == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot find what is moving: %s", error->message);
      return;
    }

  for (guint i = 0; i < moving->len && i < N_MOVING; i++)
    gtk_list_box_append (self->moving_list, moving_row_new (g_ptr_array_index (moving, i)));
  if (moving->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("Nothing rose far above its usual volume in the "
                                       "latest weeks"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->moving_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->moving_heading), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->moving_list), TRUE);
}

static void
show_moving (DashOverviewPage *self,
             DashCorpus       *corpus)
{
  dash_list_box_remove_all (self->moving_list);
  gtk_widget_set_visible (GTK_WIDGET (self->moving_heading), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->moving_list), FALSE);
  dash_corpus_job_run (corpus, moving_job, NULL, NULL, self->cancellable, moving_done_cb,
                       g_object_ref (self));
}

void
dash_overview_page_set_recent_searches (DashOverviewPage   *self,
                                        const char * const *searches)
{
  guint n = searches != NULL ? g_strv_length ((char **) searches) : 0;

  g_return_if_fail (DASH_IS_OVERVIEW_PAGE (self));

  dash_list_box_remove_all (self->recent_list);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_markup_escape_text (searches[i], -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("edit-find-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "query", g_strdup (searches[i]), g_free);
      gtk_list_box_append (self->recent_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recent_heading), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->recent_list), n > 0);
}

void
dash_overview_page_reload (DashOverviewPage *self,
                           DashCorpus       *corpus)
{
  g_return_if_fail (DASH_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (DASH_IS_CORPUS (corpus));

  /* What a previous reload still counts is of no use now. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  show_stats (self, corpus);
  show_topics (self, corpus);
  show_moving (self, corpus);
  show_entities (self, corpus);
  show_latest (self, corpus);
}

static void
moving_row_activated_cb (DashOverviewPage *self,
                         GtkListBoxRow    *row,
                         GtkListBox       *list_box)
{
  const DashFilter *filter = g_object_get_data (G_OBJECT (row), "filter");

  if (filter != NULL)
    g_signal_emit (self, signals[FILTER_ACTIVATED], 0, filter);
}

static void
recent_row_activated_cb (DashOverviewPage *self,
                         GtkListBoxRow    *row,
                         GtkListBox       *list_box)
{
  const char *query = g_object_get_data (G_OBJECT (row), "query");

  if (query != NULL)
    g_signal_emit (self, signals[SEARCH_ACTIVATED], 0, query);
}

static void
entities_row_activated_cb (DashOverviewPage *self,
                           GtkListBoxRow    *row,
                           GtkListBox       *list_box)
{
  const char *name = g_object_get_data (G_OBJECT (row), "entity-name");

  if (name != NULL)
    g_signal_emit (self, signals[ENTITY_ACTIVATED], 0, name);
}

static void
latest_row_activated_cb (DashOverviewPage *self,
                         GtkListBoxRow    *row,
                         GtkListBox       *list_box)
{
  DashArticle *article = g_object_get_data (G_OBJECT (row), "article");

  if (article != NULL)
    g_signal_emit (self, signals[ARTICLE_ACTIVATED], 0, article);
}

static void
dash_overview_page_dispose (GObject *object)
{
  DashOverviewPage *self = DASH_OVERVIEW_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), DASH_TYPE_OVERVIEW_PAGE);
  /* The template's root is not bound to a field: unparent it too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (dash_overview_page_parent_class)->dispose (object);
}

static void
dash_overview_page_class_init (DashOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dash_overview_page_dispose;

  signals[TOPIC_ACTIVATED] =
    g_signal_new ("topic-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[ENTITY_ACTIVATED] =
    g_signal_new ("entity-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[ARTICLE_ACTIVATED] =
    g_signal_new ("article-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, DASH_TYPE_ARTICLE);
  /* Stories a burst row leads to: its topic or entity in the weeks of the burst. */
  signals[FILTER_ACTIVATED] =
    g_signal_new ("filter-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  DASH_TYPE_FILTER | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[SEARCH_ACTIVATED] =
    g_signal_new ("search-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Dashboard/dash-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DashOverviewPage, stories_label);
  gtk_widget_class_bind_template_child (widget_class, DashOverviewPage, stories_caption);
  gtk_widget_class_bind_template_child (widget_class, DashOverviewPage, sources_label);
  gtk_widget_class_bind_template_child (widget_class, DashOverviewPage, sources_caption);
  gtk_widget_class_bind_template_child (widget_class, DashOverviewPage, span_label);
  gtk_widget_class_bind_template_child (widget_class, DashOverviewPage, span_caption);
  gtk_widget_class_bind_template_child (widget_class, DashOverviewPage, topics_box);
  gtk_widget_class_bind_template_child (widget_class, DashOverviewPage, entities_list);
  gtk_widget_class_bind_template_child (widget_class, DashOverviewPage, latest_list);
  gtk_widget_class_bind_template_callback (widget_class, entities_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, latest_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, moving_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, recent_row_activated_cb);
  gtk_widget_class_bind_template_child (widget_class, DashOverviewPage, moving_heading);
  gtk_widget_class_bind_template_child (widget_class, DashOverviewPage, moving_list);
  gtk_widget_class_bind_template_child (widget_class, DashOverviewPage, recent_heading);
  gtk_widget_class_bind_template_child (widget_class, DashOverviewPage, recent_list);
  gtk_widget_class_set_css_name (widget_class, "overviewpage");
}

static void
dash_overview_page_init (DashOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
