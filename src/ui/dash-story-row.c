/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-story-row"

#include "config.h"

#include <glib/gi18n.h>

#include "dash-story-row.h"
#include "dash-ui-util.h"

/* One story in a list: its title, then where and when it was published and its
 * topics. */
struct _DashStoryRow
{
  GtkWidget    parent_instance;

  DashArticle *article;
  /* Where the story's topics are read from, when set. */
  DashCorpus  *corpus;

  GtkLabel    *title_label;
  GtkLabel    *meta_label;
  GtkLabel    *snippet_label;
  GtkBox      *tags_box;
};

G_DEFINE_FINAL_TYPE (DashStoryRow, dash_story_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ARTICLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "Source · date" in the user's locale; an estimated date says so. */
static char *
format_meta (DashArticle *article,
             gboolean    *out_estimated)
{
  const char *source = dash_article_get_source (article);
  g_autofree char *date = dash_format_article_date (article, out_estimated);

  if (source == NULL || source[0] == '\0')
    source = _("Unknown source");

  if (date == NULL)
    return g_strdup (source);

  /* Translators: the source of a story, then its date. */
  return g_strdup_printf (C_("story row", "%s · %s"), source, date);
}

/* The story's topics as small tags, strongest first. */
static void
update_tags (DashStoryRow *self)
{
  g_autoptr(GPtrArray) topics = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box))) != NULL)
    gtk_box_remove (self->tags_box, child);

  if (self->article != NULL && self->corpus != NULL)
    topics = dash_corpus_article_topics (self->corpus, dash_article_get_id (self->article), NULL);
  for (guint i = 0; topics != NULL && i < topics->len; i++)
    {
      const DashTopicStat *topic = g_ptr_array_index (topics, i);
      GtkWidget *tag = gtk_label_new (topic->name);

      gtk_widget_add_css_class (tag, "story-tag");
      gtk_box_append (self->tags_box, tag);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->tags_box), topics != NULL && topics->len > 0);
}

static void
update (DashStoryRow *self)
{
  const char *title = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *snippet = NULL;
  gboolean estimated = FALSE;

  if (self->article != NULL)
    {
      title = dash_article_get_title (self->article);
      if (title == NULL || title[0] == '\0')
        title = _("Untitled Story");
      meta = format_meta (self->article, &estimated);
      /* Search results carry the passage that matched, matches marked with "**". */
      snippet = dash_snippet_to_markup (dash_article_get_snippet (self->article));
    }

  gtk_label_set_markup (self->snippet_label, snippet != NULL ? snippet : "");
  gtk_widget_set_visible (GTK_WIDGET (self->snippet_label), snippet != NULL && snippet[0] != '\0');

  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->meta_label, meta);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->meta_label),
                               estimated ? _("The story is not dated: this date was "
                                             "estimated from its text")
                                         : NULL);
  update_tags (self);
}

void
dash_story_row_set_corpus (DashStoryRow *self,
                           DashCorpus   *corpus)
{
  g_return_if_fail (DASH_IS_STORY_ROW (self));
  g_return_if_fail (corpus == NULL || DASH_IS_CORPUS (corpus));

  if (g_set_object (&self->corpus, corpus))
    update_tags (self);
}

GtkWidget *
dash_story_row_new (void)
{
  return g_object_new (DASH_TYPE_STORY_ROW, NULL);
}

DashArticle *
dash_story_row_get_article (DashStoryRow *self)
{
  g_return_val_if_fail (DASH_IS_STORY_ROW (self), NULL);
  return self->article;
}

void
dash_story_row_set_article (DashStoryRow *self,
                            DashArticle  *article)
{
  g_return_if_fail (DASH_IS_STORY_ROW (self));
  g_return_if_fail (article == NULL || DASH_IS_ARTICLE (article));

  if (g_set_object (&self->article, article))
    {
      update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
    }
}

static void
dash_story_row_dispose (GObject *object)
{
  DashStoryRow *self = (DashStoryRow *)object;

  g_clear_object (&self->article);
  g_clear_object (&self->corpus);
  gtk_widget_dispose_template (GTK_WIDGET (self), DASH_TYPE_STORY_ROW);
  /* The box around the meta line is not bound to a field: unparent it too. */
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }

  G_OBJECT_CLASS (dash_story_row_parent_class)->dispose (object);
}

static void
dash_story_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DashStoryRow *self = DASH_STORY_ROW (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      g_value_set_object (value, self->article);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dash_story_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DashStoryRow *self = DASH_STORY_ROW (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      dash_story_row_set_article (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dash_story_row_class_init (DashStoryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dash_story_row_dispose;
  object_class->get_property = dash_story_row_get_property;
  object_class->set_property = dash_story_row_set_property;

  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL,
                         DASH_TYPE_ARTICLE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Dashboard/dash-story-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DashStoryRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, DashStoryRow, meta_label);
  gtk_widget_class_bind_template_child (widget_class, DashStoryRow, snippet_label);
  gtk_widget_class_bind_template_child (widget_class, DashStoryRow, tags_box);
  gtk_widget_class_set_css_name (widget_class, "storyrow");
}

static void
dash_story_row_init (DashStoryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
