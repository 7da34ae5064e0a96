/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dash-reader.h"
#include "dash-ui-util.h"

#define ENTITY_SCHEME "entity:"

struct _DashReader
{
  GtkWidget    parent_instance;

  DashArticle *article;
  /* The words of the search that led here, casefolded, to highlight; or NULL. */
  GStrv        terms;

  /* Template children. */
  GtkScrolledWindow *scroller;
  GtkLabel    *title_label;
  GtkLabel    *meta_label;
  GtkButton   *open_button;
  GtkFlowBox  *topics_box;
  GtkLabel    *body_label;
  GtkBox      *legend_box;
};

G_DEFINE_FINAL_TYPE (DashReader, dash_reader, GTK_TYPE_WIDGET)

enum {
  ENTITY_ACTIVATED,
  TOPIC_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Colours that read on light and dark backgrounds alike: a translucent background under
 * the theme's own text colour, and an underline of the same hue. The legend and the
 * entity rows use the same hues from style.css. */
static const char * const type_colours[DASH_N_ENTITY_TYPES] = {
  [DASH_ENTITY_PERSON] = "#9141ac",
  [DASH_ENTITY_ORG] = "#1c71d8",
  [DASH_ENTITY_COUNTRY] = "#26a269",
  [DASH_ENTITY_PLACE] = "#c64600",
};

GtkWidget *
dash_reader_new (void)
{
  return g_object_new (DASH_TYPE_READER, NULL);
}

DashArticle *
dash_reader_get_article (DashReader *self)
{
  g_return_val_if_fail (DASH_IS_READER (self), NULL);
  return self->article;
}

static int
compare_mentions (gconstpointer a,
                  gconstpointer b)
{
  const DashMention *ma = *(const DashMention **)a;
  const DashMention *mb = *(const DashMention **)b;

  if (ma->start != mb->start)
    return ma->start < mb->start ? -1 : 1;
  /* The longer one first, so that it wins over one it contains. */
  return ma->end > mb->end ? -1 : ma->end < mb->end ? 1 : 0;
}

static void
append_escaped (GString    *markup,
                const char *start,
                const char *end)
{
  g_autofree char *escaped = g_markup_escape_text (start, end - start);

  g_string_append (markup, escaped);
}

/* Whether @word starts with one of @terms: "tariff" finds "tariffs", as the search's
 * stemming does. */
static gboolean
is_search_term (const char         *word,
                gsize               length,
                const char * const *terms)
{
  g_autofree char *folded = g_utf8_casefold (word, length);

  for (guint i = 0; terms[i] != NULL; i++)
    if (g_str_has_prefix (folded, terms[i]))
      return TRUE;
  return FALSE;
}

/* Appends [@start, @end) escaped, with the words that match @terms (may be NULL)
 * highlighted. */
static void
append_text (GString            *markup,
             const char         *start,
             const char         *end,
             const char * const *terms)
{
  const char *p = start;
  const char *plain = start;

  if (terms == NULL || terms[0] == NULL)
    {
      append_escaped (markup, start, end);
      return;
    }

  while (p < end)
    {
      const char *word = p;

      while (p < end && g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > word && is_search_term (word, p - word, terms))
        {
          append_escaped (markup, plain, word);
          g_string_append (markup, "<span background=\"#f6d32d\" bgalpha=\"55%\" "
                                   "weight=\"bold\">");
          append_escaped (markup, word, p);
          g_string_append (markup, "</span>");
          plain = p;
        }
      if (p < end && p == word)
        p = g_utf8_next_char (p);
    }
  append_escaped (markup, plain, end);
}

void
dash_reader_set_query (DashReader *self,
                       const char *query)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  static const char *operators[] = { "AND", "OR", "NOT", "NEAR" };
  const char *p = query;

  g_return_if_fail (DASH_IS_READER (self));

  g_clear_pointer (&self->terms, g_strfreev);
  if (query == NULL || !g_utf8_validate (query, -1, NULL))
    return;

  /* The words of the query; its operators and column names are not looked for. */
  while (*p != '\0')
    {
      const char *word = p;
      gboolean is_operator = FALSE;

      while (*p != '\0' && g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > word)
        {
          g_autofree char *text = g_strndup (word, p - word);

          for (guint i = 0; i < G_N_ELEMENTS (operators); i++)
            is_operator |= g_str_equal (text, operators[i]);
          if (!is_operator && *p != ':' && g_utf8_strlen (text, -1) >= 2)
            {
              g_autofree char *folded = g_utf8_casefold (text, -1);

              g_strv_builder_add (builder, folded);
            }
        }
      if (*p != '\0' && p == word)
        p = g_utf8_next_char (p);
    }
  self->terms = g_strv_builder_end (builder);
}

char *
dash_reader_build_markup (const char         *text,
                          GPtrArray          *mention_groups,
                          DashField           field,
                          const char * const *terms)
{
  g_autoptr(GString) markup = NULL;
  g_autoptr(GPtrArray) mentions = NULL;
  const char *done;
  glong done_offset = 0;
  glong length;

  if (text == NULL)
    return g_strdup ("");
  if (!g_utf8_validate (text, -1, NULL))
    {
      /* Offsets would be meaningless: show the text, repaired, without mentions. */
      g_autofree char *valid = g_utf8_make_valid (text, -1);

      return g_markup_escape_text (valid, -1);
    }

  markup = g_string_new (NULL);
  mentions = g_ptr_array_new ();
  length = g_utf8_strlen (text, -1);

  for (guint i = 0; mention_groups != NULL && i < mention_groups->len; i++)
    {
      GArray *group = g_ptr_array_index (mention_groups, i);

      for (guint j = 0; j < group->len; j++)
        {
          DashMention *mention = &g_array_index (group, DashMention, j);

          if (mention->field == field && mention->name != NULL &&
              mention->start < mention->end && mention->end <= (guint)length)
            g_ptr_array_add (mentions, mention);
        }
    }
  g_ptr_array_sort (mentions, compare_mentions);

  /* Walk the text once; offsets are in characters, so advance pointers from the last
   * place rather than from the start. */
  done = text;
  for (guint i = 0; i < mentions->len; i++)
    {
      const DashMention *mention = g_ptr_array_index (mentions, i);
      DashEntityType type = mention->type < DASH_N_ENTITY_TYPES ? mention->type
                                                                : DASH_ENTITY_ORG;
      g_autofree char *uri_name = NULL;
      g_autofree char *href = NULL;
      g_autofree char *tip = NULL;
      g_autofree char *escaped_tip = NULL;
      const char *start;
      const char *end;

      if (mention->start < (guint)done_offset)
        continue;   /* Overlaps the previous mention. */

      start = g_utf8_offset_to_pointer (done, mention->start - done_offset);
      end = g_utf8_offset_to_pointer (start, mention->end - mention->start);
      append_text (markup, done, start, terms);

      uri_name = g_uri_escape_string (mention->name, NULL, FALSE);
      href = g_markup_escape_text (uri_name, -1);
      /* Translators: the tooltip of a name in a story: the entity, then its type. */
      tip = g_strdup_printf (_("%s (%s)"), mention->name, dash_entity_type_label (type));
      escaped_tip = g_markup_escape_text (tip, -1);
      g_string_append_printf (markup,
                              "<a href=\"" ENTITY_SCHEME "%s\" title=\"%s\">"
                              "<span background=\"%s\" bgalpha=\"22%%\" underline=\"single\" "
                              "underline_color=\"%s\">",
                              href, escaped_tip, type_colours[type], type_colours[type]);
      append_text (markup, start, end, terms);
      g_string_append (markup, "</span></a>");

      done = end;
      done_offset = mention->end;
    }
  append_text (markup, done, done + strlen (done), terms);

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static gboolean
activate_link_cb (DashReader *self,
                  const char *uri,
                  GtkLabel   *label)
{
  g_autofree char *name = NULL;

  if (!g_str_has_prefix (uri, ENTITY_SCHEME))
    return TRUE;   /* Nothing else is linked: never hand corpus text to a browser here. */

  name = g_uri_unescape_string (uri + strlen (ENTITY_SCHEME), NULL);
  if (name != NULL)
    g_signal_emit (self, signals[ENTITY_ACTIVATED], 0, name);
  return TRUE;
}

static gboolean
is_web_address (const char *url)
{
  const char *scheme = url != NULL ? g_uri_peek_scheme (url) : NULL;

  return scheme != NULL && (g_str_equal (scheme, "http") || g_str_equal (scheme, "https"));
}

static void
open_original_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DashReader *self = DASH_READER (widget);
  const char *url;

  if (self->article == NULL)
    return;

  /* Links come from imported files: only ever hand web addresses to the browser. */
  url = dash_article_get_url (self->article);
  if (is_web_address (url))
    gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (widget)), url, GDK_CURRENT_TIME);
}

static void
topic_clicked_cb (DashReader *self,
                  GtkButton  *button)
{
  const char *id = g_object_get_data (G_OBJECT (button), "topic-id");

  g_signal_emit (self, signals[TOPIC_ACTIVATED], 0, id);
}

static void
show_topics (DashReader *self,
             DashCorpus *corpus)
{
  g_autoptr(GPtrArray) topics = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->topics_box))) != NULL)
    gtk_flow_box_remove (self->topics_box, child);

  topics = dash_corpus_article_topics (corpus, dash_article_get_id (self->article), &error);
  if (topics == NULL)
    {
      g_warning ("Cannot read the topics of a story: %s", error->message);
      return;
    }

  for (guint i = 0; i < topics->len; i++)
    {
      const DashTopicStat *topic = g_ptr_array_index (topics, i);
      GtkWidget *button = gtk_button_new_with_label (topic->name);
      g_autofree char *tooltip = g_strdup_printf (_("Show the stories on “%s”"), topic->name);

      gtk_widget_add_css_class (button, "pill");
      gtk_widget_add_css_class (button, "topic-tag");
      gtk_widget_set_tooltip_text (button, tooltip);
      g_object_set_data_full (G_OBJECT (button), "topic-id", g_strdup (topic->id), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (topic_clicked_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_flow_box_append (self->topics_box, button);
      gtk_widget_set_halign (gtk_widget_get_parent (button), GTK_ALIGN_START);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->topics_box), topics->len > 0);
}

static void
show_legend (DashReader *self,
             GPtrArray  *groups)
{
  gboolean seen[DASH_N_ENTITY_TYPES] = { FALSE, };
  GtkWidget *child;
  gboolean any = FALSE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->legend_box))) != NULL)
    gtk_box_remove (self->legend_box, child);

  for (guint i = 0; groups != NULL && i < groups->len; i++)
    {
      GArray *group = g_ptr_array_index (groups, i);

      if (group->len > 0 && g_array_index (group, DashMention, 0).type < DASH_N_ENTITY_TYPES)
        seen[g_array_index (group, DashMention, 0).type] = TRUE;
    }

  for (int type = 0; type < DASH_N_ENTITY_TYPES; type++)
    {
      GtkWidget *dot;
      GtkWidget *label;

      if (!seen[type])
        continue;
      dot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (dot, "entity-dot");
      gtk_widget_add_css_class (dot, dash_entity_type_css_class (type));
      label = gtk_label_new (dash_entity_type_label (type));
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_start (label, 6);
      gtk_box_append (self->legend_box, dot);
      gtk_box_append (self->legend_box, label);
      any = TRUE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->legend_box), any);
}

void
dash_reader_set_article (DashReader  *self,
                         DashCorpus  *corpus,
                         DashArticle *article)
{
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title_markup = NULL;
  g_autofree char *body_markup = NULL;
  g_autofree char *date = NULL;
  g_autofree char *meta = NULL;
  const char *title;
  const char *body;
  const char *source;
  const char *url;
  gboolean estimated = FALSE;

  g_return_if_fail (DASH_IS_READER (self));
  g_return_if_fail (DASH_IS_CORPUS (corpus));
  g_return_if_fail (DASH_IS_ARTICLE (article));

  g_set_object (&self->article, article);

  groups = dash_corpus_article_mentions (corpus, dash_article_get_id (article), &error);
  if (groups == NULL)
    {
      g_warning ("Cannot read the entities of a story: %s", error->message);
      g_clear_error (&error);
    }

  title = dash_article_get_title (article);
  if (title == NULL || title[0] == '\0')
    title_markup = g_markup_escape_text (_("Untitled Story"), -1);
  else
    title_markup = dash_reader_build_markup (title, groups, DASH_FIELD_TITLE,
                                             (const char * const *) self->terms);
  gtk_label_set_markup (self->title_label, title_markup);

  /* Mentions point into the body; a story without one shows its summary, plain. */
  body = dash_article_get_body (article);
  if (body != NULL && body[0] != '\0')
    body_markup = dash_reader_build_markup (body, groups, DASH_FIELD_BODY,
                                            (const char * const *) self->terms);
  else
    body_markup = dash_reader_build_markup (dash_article_get_summary (article), NULL,
                                            DASH_FIELD_BODY, (const char * const *) self->terms);
  gtk_label_set_markup (self->body_label, body_markup);

  source = dash_article_get_source (article);
  if (source == NULL || source[0] == '\0')
    source = _("Unknown source");
  date = dash_format_article_date (article, &estimated);
  /* Translators: the source of a story, then its date. */
  meta = date != NULL ? g_strdup_printf (C_("story row", "%s · %s"), source, date)
                      : g_strdup (source);
  gtk_label_set_label (self->meta_label, meta);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->meta_label),
                               estimated ? _("The story is not dated: this date was "
                                             "estimated from its text")
                                         : NULL);

  url = dash_article_get_url (article);
  gtk_widget_set_visible (GTK_WIDGET (self->open_button), is_web_address (url));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->open_button), url);

  show_topics (self, corpus);
  show_legend (self, groups);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

/* Focus goes to the button, or to the body without selecting all of it. */
static gboolean
dash_reader_grab_focus (GtkWidget *widget)
{
  DashReader *self = DASH_READER (widget);

  if (gtk_widget_get_visible (GTK_WIDGET (self->open_button)) &&
      gtk_widget_grab_focus (GTK_WIDGET (self->open_button)))
    return TRUE;
  if (gtk_widget_grab_focus (GTK_WIDGET (self->body_label)))
    {
      gtk_label_select_region (self->body_label, 0, 0);
      return TRUE;
    }
  return FALSE;
}

static void
dash_reader_dispose (GObject *object)
{
  DashReader *self = (DashReader *)object;
  GtkWidget *child;

  g_clear_object (&self->article);
  g_clear_pointer (&self->terms, g_strfreev);
  gtk_widget_dispose_template (GTK_WIDGET (self), DASH_TYPE_READER);
  /* The template's root is not bound to a field: unparent it too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (dash_reader_parent_class)->dispose (object);
}

static void
dash_reader_class_init (DashReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dash_reader_dispose;

  widget_class->grab_focus = dash_reader_grab_focus;

  signals[ENTITY_ACTIVATED] =
    g_signal_new ("entity-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[TOPIC_ACTIVATED] =
    g_signal_new ("topic-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Dashboard/dash-reader.ui");
  gtk_widget_class_bind_template_child (widget_class, DashReader, scroller);
  gtk_widget_class_bind_template_child (widget_class, DashReader, title_label);
  gtk_widget_class_bind_template_child (widget_class, DashReader, meta_label);
  gtk_widget_class_bind_template_child (widget_class, DashReader, open_button);
  gtk_widget_class_bind_template_child (widget_class, DashReader, topics_box);
  gtk_widget_class_bind_template_child (widget_class, DashReader, body_label);
  gtk_widget_class_bind_template_child (widget_class, DashReader, legend_box);
  gtk_widget_class_bind_template_callback (widget_class, activate_link_cb);

  gtk_widget_class_install_action (widget_class, "reader.open-original", NULL,
                                   open_original_action);
  gtk_widget_class_set_css_name (widget_class, "reader");
}

static void
dash_reader_init (DashReader *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
