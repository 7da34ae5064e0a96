/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-stories-page"

#include "config.h"

#include <glib/gi18n.h>

#include "dash-stories-page.h"
#include "dash-story-row.h"
#include "dash-timeline-view.h"
#include "dash-ui-util.h"

/* Entities shown beside the stories; past this many months, the timeline beside them
 * counts per quarter or per year. */
#define N_ENTITIES 10
#define MAX_MONTHS 36

struct _DashStoriesPage
{
  GtkWidget        parent_instance;

  char            *title;

  /* Template children. */
  AdwFlap         *flap;
  GtkLabel        *title_label;
  GtkLabel        *subtitle_label;
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

static void
show_entities (DashStoriesPage      *self,
               DashCorpus           *corpus,
               const DashFilter     *filter,
               const DashEntityStat *entity)
{
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GError) error = NULL;

  dash_list_box_remove_all (self->entities_list);

  if (entity != NULL)
    {
      gtk_label_set_label (self->entities_heading, _("Often Named With"));
      entities = dash_corpus_list_cooccurring (corpus, entity->id, N_ENTITIES, &error);
    }
  else
    {
      gtk_label_set_label (self->entities_heading, _("Top Entities"));
      entities = dash_corpus_list_entities (corpus, filter, -1, N_ENTITIES, &error);
    }

  if (entities == NULL)
    {
      g_warning ("Cannot list the entities: %s", error->message);
      return;
    }

  for (guint i = 0; i < entities->len; i++)
    gtk_list_box_append (self->entities_list, dash_entity_row_new (g_ptr_array_index (entities, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->entities_list), entities->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->entities_heading), entities->len > 0);
}

static void
show_timeline (DashStoriesPage  *self,
               DashCorpus       *corpus,
               const DashFilter *filter,
               const char       *title)
{
  g_autoptr(GArray) points = NULL;
  g_autoptr(GError) error = NULL;
  DashBucket bucket = DASH_BUCKET_MONTH;

  points = dash_corpus_timeline (corpus, filter, bucket, &error);
  if (points != NULL && points->len > MAX_MONTHS)
    {
      gint64 from = g_array_index (points, DashTimelinePoint, 0).start;
      gint64 to = dash_bucket_next (DASH_BUCKET_MONTH,
                                    g_array_index (points, DashTimelinePoint,
                                                   points->len - 1).start);

      bucket = MAX (DASH_BUCKET_QUARTER, dash_bucket_for_span (from, to));
      g_clear_pointer (&points, g_array_unref);
      points = dash_corpus_timeline (corpus, filter, bucket, &error);
    }
  if (points == NULL)
    g_warning ("Cannot count the stories over time: %s", error->message);

  switch (bucket)
    {
    case DASH_BUCKET_QUARTER:
      gtk_label_set_label (self->timeline_heading, _("Stories per Quarter"));
      break;
    case DASH_BUCKET_YEAR:
      gtk_label_set_label (self->timeline_heading, _("Stories per Year"));
      break;
    case DASH_BUCKET_DAY:
    case DASH_BUCKET_WEEK:
    case DASH_BUCKET_MONTH:
    default:
      gtk_label_set_label (self->timeline_heading, _("Stories per Month"));
      break;
    }
  dash_timeline_view_set_points (self->timeline, title, bucket, points);
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
      dash_timeline_view_set_points (self->timeline, NULL, DASH_BUCKET_MONTH, NULL);
      dash_list_box_remove_all (self->entities_list);
      gtk_widget_set_visible (GTK_WIDGET (self->entities_heading), FALSE);
      return;
    }

  /* The model is lazy: only the ids are kept, rows load as they scroll into view. */
  n_stories = g_list_model_get_n_items (stories);
  gtk_no_selection_set_model (self->selection, stories);
  count = g_strdup_printf (ngettext ("%u story", "%u stories", n_stories), n_stories);
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

  show_timeline (self, corpus, filter, title);

  show_entities (self, corpus, filter, entity);
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
  dash_story_row_set_article (DASH_STORY_ROW (gtk_list_item_get_child (item)),
                              gtk_list_item_get_item (item));
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

  gtk_widget_dispose_template (GTK_WIDGET (self), DASH_TYPE_STORIES_PAGE);
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

  g_type_ensure (DASH_TYPE_TIMELINE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Dashboard/dash-stories-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DashStoriesPage, flap);
  gtk_widget_class_bind_template_child (widget_class, DashStoriesPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, DashStoriesPage, subtitle_label);
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
  gtk_widget_class_set_css_name (widget_class, "storiespage");
}

static void
dash_stories_page_init (DashStoriesPage *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (factory_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (factory_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (factory_unbind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
}
