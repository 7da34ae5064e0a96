/* SPDX-License-Identifier: GPL-3.0-or-later */

/* dashboard-cli: the indexed corpus from the command line.
 *
 * Exit status: 0 on success, 1 on a usage error (including a search that cannot be
 * understood), 2 on a failure (a file that could not be imported, a database error).
 * With --json, standard output holds JSON only and messages go to standard error. */

#define G_LOG_DOMAIN "dashboard-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <inttypes.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dash-core.h"
#include "dash-charts.h"

enum {
  EXIT_OK = 0,
  EXIT_USAGE = 1,
  EXIT_FAILURE_ = 2,
};

typedef struct {
  char     *db;
  gboolean  json;
  int       limit;
  char     *from;
  char     *to;
  char     *source;
  char     *topic;
  char     *entity;
  char     *query;
  char     *type;
  char     *by;
  char     *window;
  char     *with;
  char     *rename;
  char     *merge_into;
  char     *add_alias;
  gboolean  hide;
  gboolean  unhide;
  gboolean  delete_stories;
  int       min_weight;
  char     *format;
  char     *output;
  double    width;
  double    height;
  double    scale;
  int       seed;
  gboolean  dark;
  char     *color_by;
  gboolean  version;
  GStrv     args;
} Options;

static void
options_clear (Options *options)
{
  g_clear_pointer (&options->db, g_free);
  g_clear_pointer (&options->from, g_free);
  g_clear_pointer (&options->to, g_free);
  g_clear_pointer (&options->source, g_free);
  g_clear_pointer (&options->topic, g_free);
  g_clear_pointer (&options->entity, g_free);
  g_clear_pointer (&options->query, g_free);
  g_clear_pointer (&options->type, g_free);
  g_clear_pointer (&options->by, g_free);
  g_clear_pointer (&options->window, g_free);
  g_clear_pointer (&options->with, g_free);
  g_clear_pointer (&options->rename, g_free);
  g_clear_pointer (&options->merge_into, g_free);
  g_clear_pointer (&options->add_alias, g_free);
  g_clear_pointer (&options->format, g_free);
  g_clear_pointer (&options->output, g_free);
  g_clear_pointer (&options->color_by, g_free);
  g_clear_pointer (&options->args, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static int
fail (int         status,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static int
fail (int         status,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* One line, whatever the message holds. */
  g_strdelimit (message, "\n\r", ' ');
  fprintf (stderr, "dashboard-cli: %s\n", message);
  return status;
}

/* A query the user typed that cannot run is a usage error; anything else a failure. */
static int
fail_error (const GError *error)
{
  return fail (g_error_matches (error, DASH_ERROR, DASH_ERROR_QUERY) ? EXIT_USAGE
                                                                     : EXIT_FAILURE_,
               "%s", error->message);
}

static void
print_node (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  print_node (root);
}

static char *
format_time (gint64 time)
{
  g_autoptr(GDateTime) dt = NULL;

  if (time == 0)
    return NULL;
  dt = g_date_time_new_from_unix_utc (time);
  return dt != NULL ? dash_date_to_iso8601 (dt) : NULL;
}

static void
add_time_member (JsonBuilder *builder,
                 const char  *name,
                 gint64       time)
{
  g_autofree char *iso = format_time (time);

  json_builder_set_member_name (builder, name);
  if (iso != NULL)
    json_builder_add_string_value (builder, iso);
  else
    json_builder_add_null_value (builder);
}

static DashCorpus *
open_corpus (Options  *options,
             GError  **error)
{
  g_autofree char *path = options->db != NULL ? g_strdup (options->db)
                                              : dash_corpus_get_default_path ();
  return dash_corpus_open (path, error);
}

/* Reads --from/--to. A bare date in --to includes that whole day. */
static gboolean
parse_range (Options     *options,
             DashFilter  *filter,
             int         *status)
{
  if (options->from != NULL)
    {
      g_autoptr(GDateTime) dt = dash_date_parse (options->from);

      if (dt == NULL)
        {
          *status = fail (EXIT_USAGE, _("--from: not a date: %s"), options->from);
          return FALSE;
        }
      filter->from = g_date_time_to_unix (dt);
    }
  if (options->to != NULL)
    {
      g_autoptr(GDateTime) dt = dash_date_parse (options->to);

      if (dt == NULL)
        {
          *status = fail (EXIT_USAGE, _("--to: not a date: %s"), options->to);
          return FALSE;
        }
      filter->to = g_date_time_to_unix (dt);
      if (strlen (options->to) <= 10)
        filter->to += 24 * 60 * 60;
    }
  if (filter->from != 0 && filter->to != 0 && filter->from >= filter->to)
    {
      *status = fail (EXIT_USAGE, _("--from must come before --to"));
      return FALSE;
    }
  return TRUE;
}

/* Applies --limit (or @default_limit), --source, --topic, --entity, --query, --from and
 * --to to @filter. */
static gboolean
apply_options (Options    *options,
               DashFilter *filter,
               guint       default_limit,
               int        *status)
{
  filter->limit = options->limit > 0 ? (guint)options->limit : default_limit;
  dash_filter_set_source (filter, options->source);
  dash_filter_set_topic (filter, options->topic);
  dash_filter_set_entity (filter, options->entity);
  if (options->query != NULL)
    dash_filter_set_query (filter, options->query);
  return parse_range (options, filter, status);
}

static int
cmd_import (Options *options)
{
  g_autoptr(DashImportJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GPtrArray *failures;
  gboolean ok;

  if (g_strv_length (options->args) < 2)
    return fail (EXIT_USAGE, _("import: name at least one file or folder"));

  path = options->db != NULL ? g_strdup (options->db) : dash_corpus_get_default_path ();
  job = dash_import_job_new (path, (const char * const *)options->args + 1);
  ok = dash_import_job_run (job, NULL, &error);
  failures = dash_import_job_get_failures (job);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "imported");
      json_builder_add_int_value (builder, dash_import_job_get_imported (job));
      json_builder_set_member_name (builder, "duplicates");
      json_builder_add_int_value (builder, dash_import_job_get_duplicates (job));
      json_builder_set_member_name (builder, "failed");
      json_builder_add_int_value (builder, dash_import_job_get_failed (job));
      json_builder_set_member_name (builder, "errors");
      json_builder_begin_array (builder);
      for (guint i = 0; i < failures->len; i++)
        {
          DashImportFailure *failure = g_ptr_array_index (failures, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "path");
          json_builder_add_string_value (builder, failure->path);
          json_builder_set_member_name (builder, "error");
          json_builder_add_string_value (builder, failure->message);
          json_builder_set_member_name (builder, "partial");
          json_builder_add_boolean_value (builder, failure->partial);
          json_builder_end_object (builder);
        }
      if (!ok)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "path");
          json_builder_add_string_value (builder, path);
          json_builder_set_member_name (builder, "error");
          json_builder_add_string_value (builder, error->message);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
    }
  else
    {
      guint imported = dash_import_job_get_imported (job);
      guint duplicates = dash_import_job_get_duplicates (job);

      printf (ngettext ("Imported %u story", "Imported %u stories", imported), imported);
      printf (ngettext (", %u duplicate skipped", ", %u duplicates skipped", duplicates),
              duplicates);
      printf ("\n");
      for (guint i = 0; i < failures->len; i++)
        {
          DashImportFailure *failure = g_ptr_array_index (failures, i);
          fprintf (stderr, "%s: %s\n", failure->path, failure->message);
        }
    }

  if (!ok)
    return fail (EXIT_FAILURE_, "%s", error->message);
  if (dash_import_job_get_failed (job) > 0)
    return fail (EXIT_FAILURE_,
                 ngettext ("%u file could not be imported", "%u files could not be imported",
                           dash_import_job_get_failed (job)),
                 dash_import_job_get_failed (job));
  return EXIT_OK;
}

static int
cmd_stats (Options *options)
{
  g_autoptr(DashCorpus) corpus = NULL;
  g_autoptr(GError) error = NULL;
  DashCorpusStats stats;

  if (g_strv_length (options->args) != 1)
    return fail (EXIT_USAGE, _("stats takes no arguments"));

  corpus = open_corpus (options, &error);
  if (corpus == NULL || !dash_corpus_get_stats (corpus, &stats, &error))
    return fail (EXIT_FAILURE_, "%s", error->message);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "articles");
      json_builder_add_int_value (builder, stats.articles);
      json_builder_set_member_name (builder, "sources");
      json_builder_add_int_value (builder, stats.sources);
      add_time_member (builder, "first", stats.first);
      add_time_member (builder, "last", stats.last);
      json_builder_end_object (builder);
      print_json (builder);
    }
  else
    {
      g_autofree char *first = format_time (stats.first);
      g_autofree char *last = format_time (stats.last);

      printf (_("Database: %s\n"), dash_corpus_get_path (corpus));
      printf (_("Stories:  %u\n"), stats.articles);
      printf (_("Sources:  %u\n"), stats.sources);
      printf (_("First:    %s\n"), first ? first : "—");
      printf (_("Last:     %s\n"), last ? last : "—");
    }
  return EXIT_OK;
}

static int
list_articles (Options    *options,
               DashFilter *filter,
               gboolean    with_snippet)
{
  g_autoptr(DashCorpus) corpus = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  corpus = open_corpus (options, &error);
  if (corpus == NULL)
    return fail (EXIT_FAILURE_, "%s", error->message);

  list = dash_corpus_query (corpus, filter, &error);
  if (list == NULL)
    {
      if (g_error_matches (error, DASH_ERROR, DASH_ERROR_QUERY))
        return fail (EXIT_USAGE, "%s", error->message);
      return fail (EXIT_FAILURE_, "%s", error->message);
    }

  n = g_list_model_get_n_items (list);
  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DashArticle) article = g_list_model_get_item (list, i);

          if (with_snippet)
            {
              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "id");
              json_builder_add_int_value (builder, dash_article_get_id (article));
              json_builder_set_member_name (builder, "title");
              json_builder_add_string_value (builder, dash_article_get_title (article));
              json_builder_set_member_name (builder, "url");
              json_builder_add_string_value (builder, dash_article_get_url (article));
              json_builder_set_member_name (builder, "source");
              json_builder_add_string_value (builder, dash_article_get_source (article));
              add_time_member (builder, "published", dash_article_get_published (article));
              json_builder_set_member_name (builder, "date_estimated");
              json_builder_add_boolean_value (builder,
                                              dash_article_get_date_estimated (article));
              json_builder_set_member_name (builder, "snippet");
              json_builder_add_string_value (builder, dash_article_get_snippet (article));
              json_builder_set_member_name (builder, "rank");
              json_builder_add_double_value (builder, dash_article_get_rank (article));
              json_builder_end_object (builder);
            }
          else
            dash_article_to_json (article, builder, FALSE);
        }
      json_builder_end_array (builder);
      print_json (builder);
    }
  else
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DashArticle) article = g_list_model_get_item (list, i);
          g_autofree char *when = format_time (dash_article_get_published (article));

          printf ("%6" G_GINT64_FORMAT "  %-10.10s%s  %s\n",
                  dash_article_get_id (article),
                  when != NULL ? when : "—",
                  dash_article_get_date_estimated (article) ? "~" : " ",
                  dash_article_get_title (article) ?: "");
          if (with_snippet && dash_article_get_snippet (article) != NULL)
            printf ("        %s\n", dash_article_get_snippet (article));
        }
      if (n == 0)
        fprintf (stderr, "%s\n", _("No stories found."));
    }
  return EXIT_OK;
}

static int
cmd_search (Options *options)
{
  g_autoptr(DashFilter) filter = dash_filter_new ();
  int status = EXIT_OK;

  if (g_strv_length (options->args) < 2)
    return fail (EXIT_USAGE, _("search: type what to search for"));

  {
    g_autofree char *query = g_strjoinv (" ", options->args + 1);
    dash_filter_set_query (filter, query);
  }
  filter->sort = DASH_SORT_RELEVANCE;
  if (!apply_options (options, filter, 20, &status))
    return status;

  return list_articles (options, filter, TRUE);
}

static int
cmd_articles (Options *options)
{
  g_autoptr(DashFilter) filter = dash_filter_new ();
  int status = EXIT_OK;

  if (g_strv_length (options->args) != 1)
    return fail (EXIT_USAGE, _("articles takes no arguments (use search to find stories)"));

  if (!apply_options (options, filter, 50, &status))
    return status;

  return list_articles (options, filter, FALSE);
}

static int
cmd_article (Options *options)
{
  g_autoptr(DashCorpus) corpus = NULL;
  g_autoptr(DashArticle) article = NULL;
  g_autoptr(GPtrArray) topics = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GError) error = NULL;
  char *end = NULL;
  gint64 id;

  if (g_strv_length (options->args) != 2)
    return fail (EXIT_USAGE, _("article: give one story id"));

  id = g_ascii_strtoll (options->args[1], &end, 10);
  if (end == options->args[1] || *end != '\0' || id <= 0)
    return fail (EXIT_USAGE, _("article: not a story id: %s"), options->args[1]);

  corpus = open_corpus (options, &error);
  if (corpus == NULL)
    return fail (EXIT_FAILURE_, "%s", error->message);

  article = dash_corpus_get_article (corpus, id, &error);
  if (article == NULL)
    return fail (EXIT_FAILURE_, "%s", error->message);

  topics = dash_corpus_article_topics (corpus, id, &error);
  groups = topics != NULL ? dash_corpus_article_mentions (corpus, id, &error) : NULL;
  if (groups == NULL)
    return fail (EXIT_FAILURE_, "%s", error->message);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;
      JsonObject *object;

      dash_article_to_json (article, builder, TRUE);
      node = json_builder_get_root (builder);
      object = json_node_get_object (node);

      {
        JsonArray *array = json_array_new ();

        for (guint i = 0; i < topics->len; i++)
          {
            DashTopicStat *topic = g_ptr_array_index (topics, i);
            JsonObject *o = json_object_new ();

            json_object_set_string_member (o, "id", topic->id);
            json_object_set_string_member (o, "name", topic->name);
            json_object_set_double_member (o, "score", topic->score);
            json_array_add_object_element (array, o);
          }
        json_object_set_array_member (object, "topics", array);
      }
      {
        JsonArray *array = json_array_new ();

        for (guint i = 0; i < groups->len; i++)
          {
            GArray *group = g_ptr_array_index (groups, i);
            const DashMention *first = &g_array_index (group, DashMention, 0);
            JsonObject *o = json_object_new ();
            JsonArray *mentions = json_array_new ();

            json_object_set_string_member (o, "name", first->name);
            json_object_set_string_member (o, "type", dash_entity_type_to_string (first->type));
            for (guint k = 0; k < group->len; k++)
              {
                const DashMention *m = &g_array_index (group, DashMention, k);
                JsonArray *span = json_array_new ();

                /* Offsets are in characters of the body; title mentions are apart. */
                if (m->field != DASH_FIELD_BODY)
                  {
                    json_array_unref (span);
                    continue;
                  }
                json_array_add_int_element (span, m->start);
                json_array_add_int_element (span, m->end);
                json_array_add_array_element (mentions, span);
              }
            json_object_set_array_member (o, "mentions", mentions);
            json_array_add_object_element (array, o);
          }
        json_object_set_array_member (object, "entities", array);
      }
      print_node (node);
    }
  else
    {
      g_autofree char *when = format_time (dash_article_get_published (article));

      printf ("%s\n", dash_article_get_title (article));
      printf ("%s · %s%s\n", dash_article_get_source (article) ?: "—", when ? when : "—",
              dash_article_get_date_estimated (article) ? _(" (estimated)") : "");
      if (dash_article_get_url (article) != NULL)
        printf ("%s\n", dash_article_get_url (article));
      printf ("\n%s\n", dash_article_get_body (article) ?: "");
    }
  return EXIT_OK;
}

static void
add_entity_stat (JsonBuilder          *builder,
                 const DashEntityStat *stat)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, stat->name);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, dash_entity_type_to_string (stat->type));
  json_builder_set_member_name (builder, "articles");
  json_builder_add_int_value (builder, stat->articles);
  json_builder_set_member_name (builder, "mentions");
  json_builder_add_int_value (builder, stat->mentions);
  json_builder_end_object (builder);
}

static void
print_entity_stats (GPtrArray *stats)
{
  for (guint i = 0; i < stats->len; i++)
    {
      DashEntityStat *stat = g_ptr_array_index (stats, i);

      printf ("%6u  %-8s %s\n", stat->articles, dash_entity_type_to_string (stat->type),
              stat->name);
    }
}

static int
cmd_entities (Options *options)
{
  g_autoptr(DashCorpus) corpus = NULL;
  g_autoptr(DashFilter) filter = dash_filter_new ();
  g_autoptr(GPtrArray) stats = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_OK;
  int type = -1;

  if (g_strv_length (options->args) != 1)
    return fail (EXIT_USAGE, _("entities takes no arguments"));
  if (options->type != NULL && (type = dash_entity_type_from_string (options->type)) < 0)
    return fail (EXIT_USAGE, _("--type: not an entity type: %s (PERSON, ORG, COUNTRY, PLACE)"),
                 options->type);
  if (!apply_options (options, filter, 50, &status))
    return status;

  corpus = open_corpus (options, &error);
  if (corpus == NULL)
    return fail (EXIT_FAILURE_, "%s", error->message);
  stats = dash_corpus_list_entities (corpus, filter, type, filter->limit, &error);
  if (stats == NULL)
    return fail_error (error);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < stats->len; i++)
        add_entity_stat (builder, g_ptr_array_index (stats, i));
      json_builder_end_array (builder);
      print_json (builder);
    }
  else
    print_entity_stats (stats);
  return EXIT_OK;
}

static int
cmd_entity (Options *options)
{
  g_autoptr(DashCorpus) corpus = NULL;
  g_autoptr(DashEntityStat) entity = NULL;
  g_autoptr(GPtrArray) related = NULL;
  g_autoptr(GPtrArray) aliases = NULL;
  g_autoptr(GListModel) articles = NULL;
  g_autoptr(DashFilter) filter = dash_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  guint limit = options->limit > 0 ? (guint)options->limit : 20;

  if (g_strv_length (options->args) < 2)
    return fail (EXIT_USAGE, _("entity: give the entity's name"));
  name = g_strjoinv (" ", options->args + 1);

  corpus = open_corpus (options, &error);
  if (corpus == NULL)
    return fail (EXIT_FAILURE_, "%s", error->message);
  entity = dash_corpus_find_entity (corpus, name, &error);
  if (entity == NULL)
    return fail (EXIT_FAILURE_, "%s", error->message);

  /* Clean-up first; what is printed after is the entity as it now is. */
  if ((options->rename != NULL) + (options->merge_into != NULL) + options->hide +
      options->unhide + (options->add_alias != NULL) > 1)
    return fail (EXIT_USAGE, _("entity: one of --rename, --merge-into, --add-alias, --hide, "
                               "--unhide"));
  if (options->add_alias != NULL)
    {
      g_autoptr(DashAnalyzer) analyzer = dash_analyzer_new_for_corpus (corpus, &error);

      if (analyzer == NULL ||
          !dash_analyzer_add_entity_alias (analyzer, corpus, entity->id, options->add_alias,
                                           NULL, NULL, &error))
        return fail_error (error);
      g_clear_pointer (&entity, dash_entity_stat_free);
      entity = dash_corpus_find_entity (corpus, name, &error);
      if (entity == NULL)
        return fail (EXIT_FAILURE_, "%s", error->message);
    }
  if (options->rename != NULL || options->merge_into != NULL)
    {
      const char *target_name = options->rename != NULL ? options->rename : options->merge_into;
      gboolean ok;

      if (options->rename != NULL)
        ok = dash_corpus_rename_entity (corpus, entity->id, options->rename, &error);
      else
        {
          g_autoptr(DashEntityStat) target = dash_corpus_find_entity (corpus, options->merge_into,
                                                                      &error);

          ok = target != NULL &&
               dash_corpus_merge_entities (corpus, entity->id, target->id, &error);
        }
      if (!ok)
        return fail_error (error);
      g_clear_pointer (&entity, dash_entity_stat_free);
      entity = dash_corpus_find_entity (corpus, target_name, &error);
      if (entity == NULL)
        return fail (EXIT_FAILURE_, "%s", error->message);
    }
  else if ((options->hide || options->unhide) &&
           !dash_corpus_set_entity_hidden (corpus, entity->id, options->hide, &error))
    return fail (EXIT_FAILURE_, "%s", error->message);

  aliases = dash_corpus_entity_aliases (corpus, entity->id, &error);
  if (aliases == NULL)
    return fail (EXIT_FAILURE_, "%s", error->message);
  related = dash_corpus_list_cooccurring (corpus, entity->id, limit, &error);
  dash_filter_set_entity (filter, entity->name);
  filter->limit = limit;
  articles = related != NULL ? dash_corpus_query (corpus, filter, &error) : NULL;
  if (articles == NULL)
    return fail (EXIT_FAILURE_, "%s", error->message);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, entity->name);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, dash_entity_type_to_string (entity->type));
      json_builder_set_member_name (builder, "articles");
      json_builder_add_int_value (builder, entity->articles);
      json_builder_set_member_name (builder, "mentions");
      json_builder_add_int_value (builder, entity->mentions);
      json_builder_set_member_name (builder, "aliases");
      json_builder_begin_array (builder);
      for (guint i = 0; i < aliases->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (aliases, i));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "cooccurring");
      json_builder_begin_array (builder);
      for (guint i = 0; i < related->len; i++)
        add_entity_stat (builder, g_ptr_array_index (related, i));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "stories");
      json_builder_begin_array (builder);
      for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
        {
          g_autoptr(DashArticle) article = g_list_model_get_item (articles, i);
          dash_article_to_json (article, builder, FALSE);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
    }
  else
    {
      printf ("%s (%s): %u stories, %u mentions\n\n", entity->name,
              dash_entity_type_to_string (entity->type), entity->articles, entity->mentions);
      print_entity_stats (related);
    }
  return EXIT_OK;
}

static int
cmd_topics (Options *options)
{
  g_autoptr(DashCorpus) corpus = NULL;
  g_autoptr(GPtrArray) topics = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strv_length (options->args) != 1)
    return fail (EXIT_USAGE, _("topics takes no arguments"));

  corpus = open_corpus (options, &error);
  if (corpus == NULL)
    return fail (EXIT_FAILURE_, "%s", error->message);
  topics = dash_corpus_list_topics (corpus, &error);
  if (topics == NULL)
    return fail (EXIT_FAILURE_, "%s", error->message);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < topics->len; i++)
        {
          DashTopicStat *topic = g_ptr_array_index (topics, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, topic->id);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, topic->name);
          json_builder_set_member_name (builder, "articles");
          json_builder_add_int_value (builder, topic->articles);
          json_builder_set_member_name (builder, "builtin");
          json_builder_add_boolean_value (builder, topic->builtin);
          json_builder_set_member_name (builder, "query");
          if (topic->query != NULL)
            json_builder_add_string_value (builder, topic->query);
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_json (builder);
    }
  else
    for (guint i = 0; i < topics->len; i++)
      {
        DashTopicStat *topic = g_ptr_array_index (topics, i);
        printf ("%6u  %-12s %s\n", topic->articles, topic->id, topic->name);
      }
  return EXIT_OK;
}

static int
cmd_topic (Options *options)
{
  g_autoptr(DashCorpus) corpus = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;

  if (g_strv_length (options->args) < 3 || !g_str_equal (options->args[1], "add"))
    return fail (EXIT_USAGE, _("usage: topic add NAME --query QUERY"));
  if (options->query == NULL)
    return fail (EXIT_USAGE, _("topic add: --query QUERY says which stories belong"));
  name = g_strjoinv (" ", options->args + 2);

  corpus = open_corpus (options, &error);
  if (corpus == NULL)
    return fail (EXIT_FAILURE_, "%s", error->message);
  id = dash_corpus_add_topic (corpus, name, options->query, &error);
  if (id == NULL)
    return fail_error (error);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, name);
      json_builder_end_object (builder);
      print_json (builder);
    }
  else
    printf (_("Added topic %s\n"), id);
  return EXIT_OK;
}

static char *
format_day (gint64 time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("?");
}

static int
cmd_timeline (Options *options)
{
  g_autoptr(DashCorpus) corpus = NULL;
  g_autoptr(DashFilter) filter = dash_filter_new ();
  g_autoptr(GArray) points = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_OK;
  int bucket = DASH_BUCKET_MONTH;

  if (g_strv_length (options->args) != 1)
    return fail (EXIT_USAGE, _("timeline takes no arguments (use --topic, --entity or --query)"));
  if (options->by != NULL && (bucket = dash_bucket_from_string (options->by)) < 0)
    return fail (EXIT_USAGE, _("--by: day, week, month, quarter or year, not %s"), options->by);
  if (!apply_options (options, filter, 0, &status))
    return status;

  corpus = open_corpus (options, &error);
  if (corpus == NULL)
    return fail (EXIT_FAILURE_, "%s", error->message);
  points = dash_corpus_timeline (corpus, filter, bucket, &error);
  if (points == NULL)
    return fail_error (error);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < points->len; i++)
        {
          const DashTimelinePoint *point = &g_array_index (points, DashTimelinePoint, i);
          g_autofree char *day = format_day (point->start);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "start");
          json_builder_add_string_value (builder, day);
          json_builder_set_member_name (builder, "count");
          json_builder_add_int_value (builder, point->count);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_json (builder);
    }
  else
    for (guint i = 0; i < points->len; i++)
      {
        const DashTimelinePoint *point = &g_array_index (points, DashTimelinePoint, i);
        g_autofree char *day = format_day (point->start);

        printf ("%s  %6u\n", day, point->count);
      }
  return EXIT_OK;
}

static int
cmd_bursts (Options *options)
{
  g_autoptr(DashCorpus) corpus = NULL;
  g_autoptr(DashFilter) filter = dash_filter_new ();
  g_autoptr(GPtrArray) bursts = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_OK;

  if (g_strv_length (options->args) != 1)
    return fail (EXIT_USAGE, _("bursts takes no arguments (use --topic, --entity or --query)"));
  if (!apply_options (options, filter, 0, &status))
    return status;

  corpus = open_corpus (options, &error);
  if (corpus == NULL)
    return fail (EXIT_FAILURE_, "%s", error->message);
  bursts = dash_corpus_bursts (corpus, filter, &error);
  if (bursts == NULL)
    return fail_error (error);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < bursts->len; i++)
        {
          DashBurst *burst = g_ptr_array_index (bursts, i);
          g_autofree char *start = format_day (burst->start);
          g_autofree char *end = format_day (burst->end);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "start");
          json_builder_add_string_value (builder, start);
          json_builder_set_member_name (builder, "end");
          json_builder_add_string_value (builder, end);
          json_builder_set_member_name (builder, "count");
          json_builder_add_int_value (builder, burst->count);
          json_builder_set_member_name (builder, "baseline");
          json_builder_add_double_value (builder, burst->baseline);
          json_builder_set_member_name (builder, "ratio");
          json_builder_add_double_value (builder, burst->ratio);
          json_builder_set_member_name (builder, "articles");
          json_builder_begin_array (builder);
          for (guint k = 0; k < burst->article_ids->len; k++)
            json_builder_add_int_value (builder, g_array_index (burst->article_ids, gint64, k));
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_json (builder);
    }
  else
    for (guint i = 0; i < bursts->len; i++)
      {
        DashBurst *burst = g_ptr_array_index (bursts, i);
        g_autofree char *start = format_day (burst->start);

        /* Translators: a burst: "week of 2025-01-27: 12 stories, 6.0× the usual volume". */
        printf (_("week of %s: %u stories, %.1f\u00d7 the usual volume\n"), start, burst->count,
                burst->ratio);
      }
  return EXIT_OK;
}

static int
cmd_graph (Options *options)
{
  g_autoptr(DashCorpus) corpus = NULL;
  g_autoptr(DashFilter) filter = dash_filter_new ();
  g_autoptr(DashGraph) graph = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_OK;
  int window = DASH_COOCCURRENCE_STORY;

  if (g_strv_length (options->args) != 1)
    return fail (EXIT_USAGE, _("graph takes no arguments (use --topic, --from, --to, --limit)"));
  if (options->window != NULL && (window = dash_cooccurrence_from_string (options->window)) < 0)
    return fail (EXIT_USAGE, _("--window: story, paragraph or sentence, not %s"), options->window);
  if (!apply_options (options, filter, 50, &status))
    return status;

  corpus = open_corpus (options, &error);
  if (corpus == NULL)
    return fail (EXIT_FAILURE_, "%s", error->message);
  graph = dash_corpus_graph (corpus, filter, filter->limit, MAX (options->min_weight, 1), window,
                             &error);
  if (graph == NULL)
    return fail_error (error);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      dash_graph_to_json (graph, builder, NULL);
      json_builder_end_object (builder);
      print_json (builder);
    }
  else
    {
      for (guint i = 0; i < graph->edges->len; i++)
        {
          const DashGraphEdge *edge = &g_array_index (graph->edges, DashGraphEdge, i);
          DashGraphNode *a = g_ptr_array_index (graph->nodes, edge->source);
          DashGraphNode *b = g_ptr_array_index (graph->nodes, edge->target);

          printf ("%5u  %s \u2014 %s\n", edge->weight, a->name, b->name);
        }
    }
  return EXIT_OK;
}

static int
cmd_evidence (Options *options)
{
  g_autoptr(DashCorpus) corpus = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  int window = DASH_COOCCURRENCE_SENTENCE;

  if (g_strv_length (options->args) < 2 || options->with == NULL)
    return fail (EXIT_USAGE, _("usage: evidence NAME --with OTHER [--window sentence]"));
  if (options->window != NULL && (window = dash_cooccurrence_from_string (options->window)) < 0)
    return fail (EXIT_USAGE, _("--window: story, paragraph or sentence, not %s"), options->window);
  name = g_strjoinv (" ", options->args + 1);

  corpus = open_corpus (options, &error);
  if (corpus == NULL)
    return fail (EXIT_FAILURE_, "%s", error->message);
  evidence = dash_corpus_edge_evidence (corpus, name, options->with, window,
                                        options->limit > 0 ? (guint)options->limit : 10, &error);
  if (evidence == NULL)
    return fail (EXIT_FAILURE_, "%s", error->message);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < evidence->len; i++)
        {
          DashEvidence *item = g_ptr_array_index (evidence, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "article");
          json_builder_add_int_value (builder, item->article_id);
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, item->title);
          json_builder_set_member_name (builder, "text");
          json_builder_add_string_value (builder, item->text);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_json (builder);
    }
  else
    for (guint i = 0; i < evidence->len; i++)
      {
        DashEvidence *item = g_ptr_array_index (evidence, i);

        printf ("%6" G_GINT64_FORMAT "  %s\n        %s\n", item->article_id, item->title,
                item->text);
      }
  return EXIT_OK;
}

/* Charts and their data: export-chart and export-data. */

/* The display name of topic @id, or @id itself. */
static char *
topic_name (DashCorpus *corpus,
            const char *id)
{
  g_autoptr(GPtrArray) topics = dash_corpus_list_topics (corpus, NULL);

  for (guint i = 0; topics != NULL && i < topics->len; i++)
    {
      DashTopicStat *topic = g_ptr_array_index (topics, i);

      if (g_strcmp0 (topic->id, id) == 0 && topic->name != NULL)
        return g_strdup (topic->name);
    }
  return g_strdup (id);
}

/* One series per topic in --topic (a comma-separated list draws several), with the
 * other filters applied to each; bursts marked on the chart. */
/* The chart's title, whole sentences so that translators see them whole. */
static const char *
stories_per (DashBucket bucket)
{
  switch (bucket)
    {
    case DASH_BUCKET_DAY:     return _("Stories per day");
    case DASH_BUCKET_WEEK:    return _("Stories per week");
    case DASH_BUCKET_QUARTER: return _("Stories per quarter");
    case DASH_BUCKET_YEAR:    return _("Stories per year");
    case DASH_BUCKET_MONTH:
    default:                  return _("Stories per month");
    }
}

static DashTimelineChart *
build_timeline_chart (Options     *options,
                      DashCorpus  *corpus,
                      DashFilter  *filter,
                      int         *status)
{
  g_autoptr(DashTimelineChart) chart = NULL;
  g_autoptr(DashChartProvenance) provenance = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) topics = NULL;
  g_autofree char *title = NULL;
  g_autofree char *label = NULL;
  int bucket = DASH_BUCKET_MONTH;
  guint n_topics;

  if (options->by != NULL && (bucket = dash_bucket_from_string (options->by)) < 0)
    {
      *status = fail (EXIT_USAGE, _("--by: day, week, month, quarter or year, not %s"),
                      options->by);
      return NULL;
    }
  topics = options->topic != NULL ? g_strsplit (options->topic, ",", -1) : g_new0 (char *, 1);
  n_topics = g_strv_length (topics);

  if (options->by == NULL)
    {
      /* Choose the bucket from the span the stories cover. */
      g_autoptr(GArray) days = dash_corpus_timeline (corpus, filter, DASH_BUCKET_DAY, &error);

      if (days == NULL)
        {
          *status = fail_error (error);
          return NULL;
        }
      bucket = days->len > 0
               ? (int)dash_bucket_for_span (g_array_index (days, DashTimelinePoint, 0).start,
                                            g_array_index (days, DashTimelinePoint,
                                                           days->len - 1).start)
               : DASH_BUCKET_MONTH;
    }

  if (n_topics == 1)
    label = topic_name (corpus, topics[0]);
  else if (n_topics == 0)
    label = g_strdup (options->entity ?: options->query ?: _("All stories"));
  title = n_topics == 1 ? g_strdup_printf ("%s: %s", stories_per (bucket), label)
                        : g_strdup (stories_per (bucket));
  chart = dash_timeline_chart_new (title, bucket);

  for (guint i = 0; i < MAX (n_topics, 1); i++)
    {
      g_autoptr(DashFilter) series_filter = dash_filter_copy (filter);
      g_autoptr(GArray) points = NULL;
      g_autoptr(GPtrArray) bursts = NULL;
      g_autofree char *name = NULL;

      if (n_topics > 0)
        {
          g_strstrip (topics[i]);
          dash_filter_set_topic (series_filter, topics[i]);
          name = topic_name (corpus, topics[i]);
        }
      else
        name = g_strdup (label);

      points = dash_corpus_timeline (corpus, series_filter, bucket, &error);
      bursts = points != NULL ? dash_corpus_bursts (corpus, series_filter, &error) : NULL;
      if (bursts == NULL)
        {
          *status = fail_error (error);
          return NULL;
        }
      dash_timeline_chart_add_series (chart, name, points);
      for (guint k = 0; k < bursts->len; k++)
        {
          DashBurst *burst = g_ptr_array_index (bursts, k);
          g_autofree char *mark = n_topics > 1
                                  ? g_strdup_printf (_("%s: burst \u00d7%.1f"), name, burst->ratio)
                                  : g_strdup_printf (_("Burst \u00d7%.1f"), burst->ratio);

          dash_timeline_chart_add_mark (chart, burst->start, burst->end, mark);
        }
    }

  provenance = dash_chart_provenance_new_for_corpus (corpus, filter, title, &error);
  if (provenance == NULL)
    {
      *status = fail (EXIT_FAILURE_, "%s", error->message);
      return NULL;
    }
  dash_timeline_chart_set_provenance (chart, provenance);
  return g_steal_pointer (&chart);
}

/* The graph of --limit entities (50), laid out with --seed. */
static DashGraphChart *
build_graph_chart (Options     *options,
                   DashCorpus  *corpus,
                   DashFilter  *filter,
                   DashGraph  **out_graph,
                   int         *status)
{
  g_autoptr(DashGraph) graph = NULL;
  g_autoptr(DashForceLayout) layout = NULL;
  g_autoptr(DashChartProvenance) provenance = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  DashGraphChart *chart;
  int window = DASH_COOCCURRENCE_STORY;

  if (options->window != NULL && (window = dash_cooccurrence_from_string (options->window)) < 0)
    {
      *status = fail (EXIT_USAGE, _("--window: story, paragraph or sentence, not %s"),
                      options->window);
      return NULL;
    }
  graph = dash_corpus_graph (corpus, filter, filter->limit, MAX (options->min_weight, 1), window,
                             &error);
  if (graph == NULL)
    {
      *status = fail_error (error);
      return NULL;
    }

  layout = dash_force_layout_new_for_graph (graph, (guint32)options->seed);
  dash_force_layout_run (layout, 1000);

  if (filter->topic != NULL)
    {
      g_autofree char *name = topic_name (corpus, filter->topic);
      title = g_strdup_printf (_("Who appears with whom: %s"), name);
    }
  else
    title = g_strdup (_("Who appears with whom"));
  provenance = dash_chart_provenance_new_for_corpus (corpus, filter, title, &error);
  if (provenance == NULL)
    {
      *status = fail (EXIT_FAILURE_, "%s", error->message);
      return NULL;
    }

  chart = dash_graph_chart_new (title, graph, dash_force_layout_get_positions (layout));
  dash_graph_chart_set_provenance (chart, provenance);
  if (options->color_by != NULL && g_str_equal (options->color_by, "type"))
    chart->color_by = DASH_GRAPH_COLOR_TYPE;
  *out_graph = g_steal_pointer (&graph);
  return chart;
}

static int
write_output (Options    *options,
              const void *data,
              gsize       length)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (options->output, "-"))
    {
      if (fwrite (data, 1, length, stdout) != length || fflush (stdout) != 0)
        return fail (EXIT_FAILURE_, _("could not write to standard output"));
      return EXIT_OK;
    }
  if (!g_file_set_contents (options->output, data, length, &error))
    return fail (EXIT_FAILURE_, "%s", error->message);
  return EXIT_OK;
}

static int
check_export_usage (Options    *options,
                    const char *command,
                    gboolean   *is_graph)
{
  if (g_strv_length (options->args) != 2 ||
      !(g_str_equal (options->args[1], "timeline") || g_str_equal (options->args[1], "graph")))
    return fail (EXIT_USAGE, _("usage: %s timeline|graph --format F --output FILE"), command);
  if (options->output == NULL)
    return fail (EXIT_USAGE, _("%s: --output FILE says where to write"), command);
  if (options->format == NULL)
    return fail (EXIT_USAGE, _("%s: --format is required"), command);
  if (options->color_by != NULL && !g_str_equal (options->color_by, "type") &&
      !g_str_equal (options->color_by, "community"))
    return fail (EXIT_USAGE, _("--color-by: community or type, not %s"), options->color_by);
  *is_graph = g_str_equal (options->args[1], "graph");
  return EXIT_OK;
}

static int
cmd_export_chart (Options *options)
{
  g_autoptr(DashCorpus) corpus = NULL;
  g_autoptr(DashFilter) filter = dash_filter_new ();
  g_autoptr(DashTimelineChart) timeline = NULL;
  g_autoptr(DashGraphChart) graph_chart = NULL;
  g_autoptr(DashGraph) graph = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  DashChartStyle style;
  gboolean is_graph = FALSE;
  int status;
  int format;
  double width, height;

  if ((status = check_export_usage (options, "export-chart", &is_graph)) != EXIT_OK)
    return status;
  if ((format = dash_chart_format_from_string (options->format)) < 0)
    return fail (EXIT_USAGE, _("--format: png, svg or pdf, not %s"), options->format);
  width = options->width > 0 ? options->width : is_graph ? 1000 : 1200;
  height = options->height > 0 ? options->height : is_graph ? 800 : 600;
  if (options->width < 0 || options->height < 0 || options->scale < 0 ||
      width < 16 || height < 16 || width > 20000 || height > 20000 ||
      width * MAX (options->scale, 1) > 32000 || height * MAX (options->scale, 1) > 32000)
    return fail (EXIT_USAGE, _("--width and --height: 16 to 20000; --scale: positive"));
  if (!apply_options (options, filter, is_graph ? 50 : 0, &status))
    return status;

  corpus = open_corpus (options, &error);
  if (corpus == NULL)
    return fail (EXIT_FAILURE_, "%s", error->message);

  dash_chart_style_init (&style, options->dark);
  status = EXIT_OK;
  if (is_graph)
    {
      graph_chart = build_graph_chart (options, corpus, filter, &graph, &status);
      if (graph_chart == NULL)
        return status;
      bytes = dash_graph_chart_render (graph_chart, format, width, height,
                                       options->scale > 0 ? options->scale : 1, &style, &error);
    }
  else
    {
      filter->limit = 0;
      timeline = build_timeline_chart (options, corpus, filter, &status);
      if (timeline == NULL)
        return status;
      bytes = dash_timeline_chart_render (timeline, format, width, height,
                                          options->scale > 0 ? options->scale : 1, &style,
                                          &error);
    }
  if (bytes == NULL)
    return fail (EXIT_FAILURE_, "%s", error->message);

  return write_output (options, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static int
cmd_export_data (Options *options)
{
  g_autoptr(DashCorpus) corpus = NULL;
  g_autoptr(DashFilter) filter = dash_filter_new ();
  g_autoptr(DashTimelineChart) timeline = NULL;
  g_autoptr(DashGraphChart) graph_chart = NULL;
  g_autoptr(DashGraph) graph = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean is_graph = FALSE;
  int status;
  int format;

  if ((status = check_export_usage (options, "export-data", &is_graph)) != EXIT_OK)
    return status;
  if ((format = dash_data_format_from_string (options->format)) < 0)
    return fail (EXIT_USAGE, _("--format: csv, json, gexf or graphml, not %s"), options->format);
  if (!is_graph && (format == DASH_DATA_FORMAT_GEXF || format == DASH_DATA_FORMAT_GRAPHML))
    return fail (EXIT_USAGE, _("--format: a timeline exports to csv or json"));
  if (!apply_options (options, filter, is_graph ? 50 : 0, &status))
    return status;

  corpus = open_corpus (options, &error);
  if (corpus == NULL)
    return fail (EXIT_FAILURE_, "%s", error->message);

  status = EXIT_OK;
  if (is_graph)
    {
      graph_chart = build_graph_chart (options, corpus, filter, &graph, &status);
      if (graph_chart == NULL)
        return status;
      text = dash_graph_chart_to_data (graph_chart, format, &error);
    }
  else
    {
      filter->limit = 0;
      timeline = build_timeline_chart (options, corpus, filter, &status);
      if (timeline == NULL)
        return status;
      text = dash_timeline_chart_to_data (timeline, format, &error);
    }
  if (text == NULL)
    return fail (EXIT_FAILURE_, "%s", error->message);

  return write_output (options, text, strlen (text));
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_feed_json (JsonBuilder    *builder,
               const DashFeed *feed)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, feed->id);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, feed->url);
  add_string_member (builder, "title", feed->title);
  json_builder_set_member_name (builder, "paused");
  json_builder_add_boolean_value (builder, feed->paused);
  add_time_member (builder, "last_fetch", feed->last_fetch);
  add_time_member (builder, "last_success", feed->last_success);
  add_string_member (builder, "last_error", feed->last_error);
  json_builder_set_member_name (builder, "items_added");
  json_builder_add_int_value (builder, feed->items_added);
  add_time_member (builder, "next_fetch", feed->next_fetch);
  json_builder_set_member_name (builder, "failures");
  json_builder_add_int_value (builder, feed->failures);
  json_builder_end_object (builder);
}

static void
print_feed (const DashFeed *feed)
{
  g_autofree char *success = format_time (feed->last_success);

  printf ("%" G_GINT64_FORMAT "\t%s\t%s%s\n", feed->id, feed->title ? feed->title : "—",
          feed->url, feed->paused ? _(" (paused)") : "");
  if (feed->last_error != NULL)
    printf (_("\tlast error: %s\n"), feed->last_error);
  printf (ngettext ("\tlast success: %s, %u story added\n",
                    "\tlast success: %s, %u stories added\n", feed->items_added),
          success != NULL ? success : _("never"), feed->items_added);
}

static gboolean
parse_feed_id (const char *text,
               gint64     *id)
{
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64)value;
  return TRUE;
}

static int
cmd_feed (Options *options)
{
  g_autoptr(DashCorpus) corpus = NULL;
  g_autoptr(DashSubscriptions) subs = NULL;
  g_autoptr(GError) error = NULL;
  guint argc = g_strv_length (options->args);
  const char *verb = argc >= 2 ? options->args[1] : NULL;
  gint64 id = 0;

  if (verb == NULL)
    return fail (EXIT_USAGE, _("usage: feed add URL | list | remove ID | refresh [ID] | "
                               "rename ID TITLE | pause ID | resume ID"));
  if (g_str_equal (verb, "add") && argc != 3)
    return fail (EXIT_USAGE, _("usage: feed add URL"));
  if (g_str_equal (verb, "list") && argc != 2)
    return fail (EXIT_USAGE, _("feed list takes no arguments"));
  if (g_str_equal (verb, "remove") && (argc != 3 || !parse_feed_id (options->args[2], &id)))
    return fail (EXIT_USAGE, _("usage: feed remove ID [--delete-stories]"));
  if (g_str_equal (verb, "refresh") &&
      (argc > 3 || (argc == 3 && !parse_feed_id (options->args[2], &id))))
    return fail (EXIT_USAGE, _("usage: feed refresh [ID]"));
  if (g_str_equal (verb, "rename") && (argc != 4 || !parse_feed_id (options->args[2], &id)))
    return fail (EXIT_USAGE, _("usage: feed rename ID TITLE"));
  if ((g_str_equal (verb, "pause") || g_str_equal (verb, "resume")) &&
      (argc != 3 || !parse_feed_id (options->args[2], &id)))
    return fail (EXIT_USAGE, _("usage: feed pause ID, feed resume ID"));
  if (!g_str_equal (verb, "add") && !g_str_equal (verb, "list") &&
      !g_str_equal (verb, "remove") && !g_str_equal (verb, "refresh") &&
      !g_str_equal (verb, "rename") && !g_str_equal (verb, "pause") &&
      !g_str_equal (verb, "resume"))
    return fail (EXIT_USAGE, _("feed: add, list, remove, refresh, rename, pause or resume, "
                               "not %s"), verb);

  corpus = open_corpus (options, &error);
  if (corpus == NULL)
    return fail (EXIT_FAILURE_, "%s", error->message);
  subs = dash_subscriptions_new (corpus);

  if (g_str_equal (verb, "add"))
    {
      g_autoptr(DashFeed) feed = dash_subscriptions_add (subs, options->args[2], NULL, &error);

      if (feed == NULL)
        return fail (EXIT_FAILURE_, "%s", error->message);
      if (options->json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();

          add_feed_json (builder, feed);
          print_json (builder);
        }
      else
        printf (_("Subscribed to %s (id %" PRId64 ")\n"), feed->url, (int64_t)feed->id);
      return EXIT_OK;
    }

  if (g_str_equal (verb, "list"))
    {
      g_autoptr(GPtrArray) feeds = dash_subscriptions_list (subs, &error);

      if (feeds == NULL)
        return fail (EXIT_FAILURE_, "%s", error->message);
      if (options->json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();

          json_builder_begin_array (builder);
          for (guint i = 0; i < feeds->len; i++)
            add_feed_json (builder, g_ptr_array_index (feeds, i));
          json_builder_end_array (builder);
          print_json (builder);
        }
      else
        for (guint i = 0; i < feeds->len; i++)
          print_feed (g_ptr_array_index (feeds, i));
      return EXIT_OK;
    }

  if (g_str_equal (verb, "rename") || g_str_equal (verb, "pause") ||
      g_str_equal (verb, "resume"))
    {
      g_autoptr(DashFeed) feed = NULL;
      gboolean ok;

      if (g_str_equal (verb, "rename"))
        ok = dash_subscriptions_rename (subs, id, options->args[3], &error);
      else
        ok = dash_subscriptions_set_paused (subs, id, g_str_equal (verb, "pause"), &error);
      if (ok)
        feed = dash_subscriptions_get (subs, id, &error);
      if (feed == NULL)
        return fail (g_error_matches (error, DASH_ERROR, DASH_ERROR_NOT_FOUND) ? EXIT_USAGE
                                                                               : EXIT_FAILURE_,
                     "%s", error->message);
      if (options->json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();

          add_feed_json (builder, feed);
          print_json (builder);
        }
      else
        print_feed (feed);
      return EXIT_OK;
    }

  if (g_str_equal (verb, "remove"))
    {
      guint deleted = 0;

      if (!dash_subscriptions_remove (subs, id, options->delete_stories, &deleted, &error))
        return fail (g_error_matches (error, DASH_ERROR, DASH_ERROR_NOT_FOUND) ? EXIT_USAGE
                                                                               : EXIT_FAILURE_,
                     "%s", error->message);
      if (options->json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "removed");
          json_builder_add_int_value (builder, id);
          json_builder_set_member_name (builder, "deleted_stories");
          json_builder_add_int_value (builder, deleted);
          json_builder_end_object (builder);
          print_json (builder);
        }
      else
        printf (ngettext ("Removed feed %" PRId64 ", %u story deleted\n",
                          "Removed feed %" PRId64 ", %u stories deleted\n", deleted),
                (int64_t)id, deleted);
      return EXIT_OK;
    }

  /* refresh */
  {
    g_autoptr(GPtrArray) results = dash_subscriptions_refresh (subs, id, NULL, &error);
    g_autoptr(JsonBuilder) builder = json_builder_new ();
    guint failed = 0;
    guint added = 0;

    if (results == NULL)
      return fail (g_error_matches (error, DASH_ERROR, DASH_ERROR_NOT_FOUND) ? EXIT_USAGE
                                                                             : EXIT_FAILURE_,
                   "%s", error->message);
    json_builder_begin_array (builder);
    for (guint i = 0; i < results->len; i++)
      {
        DashFeedResult *result = g_ptr_array_index (results, i);
        const char *state = result->skipped ? "skipped" : result->not_modified ? "not-modified"
                            : result->ok ? "ok" : "failed";

        failed += !result->ok && !result->skipped;
        added += result->added;
        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "id");
        json_builder_add_int_value (builder, result->feed_id);
        json_builder_set_member_name (builder, "url");
        json_builder_add_string_value (builder, result->url);
        json_builder_set_member_name (builder, "state");
        json_builder_add_string_value (builder, state);
        json_builder_set_member_name (builder, "added");
        json_builder_add_int_value (builder, result->added);
        json_builder_set_member_name (builder, "duplicates");
        json_builder_add_int_value (builder, result->duplicates);
        add_string_member (builder, "error", result->error);
        json_builder_end_object (builder);

        if (options->json)
          continue;
        if (result->skipped)
          printf (_("%s: waiting after an error (%s)\n"), result->url,
                  result->error != NULL ? result->error : "");
        else if (!result->ok)
          fprintf (stderr, "%s: %s\n", result->url, result->error);
        else if (result->not_modified)
          printf (_("%s: nothing new\n"), result->url);
        else
          printf (ngettext ("%s: %u new story\n", "%s: %u new stories\n", result->added),
                  result->url, result->added);
      }
    json_builder_end_array (builder);
    if (options->json)
      print_json (builder);
    else
      printf (ngettext ("%u new story in all\n", "%u new stories in all\n", added), added);
    if (failed > 0)
      return fail (EXIT_FAILURE_,
                   ngettext ("%u feed could not be refreshed", "%u feeds could not be refreshed",
                             failed), failed);
    return EXIT_OK;
  }
}

static int
cmd_opml (Options *options)
{
  g_autoptr(DashCorpus) corpus = NULL;
  g_autoptr(DashSubscriptions) subs = NULL;
  g_autoptr(GError) error = NULL;
  const char *verb;
  const char *path;

  if (g_strv_length (options->args) != 3 ||
      (!g_str_equal (options->args[1], "import") && !g_str_equal (options->args[1], "export")))
    return fail (EXIT_USAGE, _("usage: opml import FILE | opml export FILE"));
  verb = options->args[1];
  path = options->args[2];

  corpus = open_corpus (options, &error);
  if (corpus == NULL)
    return fail (EXIT_FAILURE_, "%s", error->message);
  subs = dash_subscriptions_new (corpus);

  if (g_str_equal (verb, "import"))
    {
      guint added = 0;
      guint skipped = 0;

      if (!dash_subscriptions_import_opml (subs, path, &added, &skipped, &error))
        return fail (EXIT_FAILURE_, "%s", error->message);
      if (options->json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "added");
          json_builder_add_int_value (builder, added);
          json_builder_set_member_name (builder, "skipped");
          json_builder_add_int_value (builder, skipped);
          json_builder_end_object (builder);
          print_json (builder);
        }
      else
        {
          printf (ngettext ("Subscribed to %u feed", "Subscribed to %u feeds", added), added);
          printf (ngettext (", %u skipped (already there or not a web address)\n",
                            ", %u skipped (already there or not a web address)\n", skipped),
                  skipped);
        }
      return EXIT_OK;
    }

  if (!dash_subscriptions_export_opml (subs, path, &error))
    return fail (EXIT_FAILURE_, "%s", error->message);
  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "output");
      json_builder_add_string_value (builder, path);
      json_builder_end_object (builder);
      print_json (builder);
    }
  else
    printf (_("Wrote %s\n"), path);
  return EXIT_OK;
}

static const char *
summary_text (void)
{
  return _("Commands:\n"
           "  import PATH...           Import files and folders of news\n"
           "  stats                    Count stories and sources\n"
           "  search QUERY             Full-text search, best matches first (default 20)\n"
           "  articles                 The newest stories (default 50)\n"
           "  article ID               One story with every stored field, topics and entities\n"
           "  entities [--type T]      The entities named most (--topic, --limit)\n"
           "  entity NAME              One entity: stories, who appears with it;\n"
           "                           --rename NEW, --merge-into OTHER, --add-alias NAME,\n"
           "                           --hide, --unhide\n"
           "  topics                   Topics and their story counts\n"
           "  topic add NAME --query Q Add a topic of your own\n"
           "  timeline [--by BUCKET]   Stories over time (--topic, --entity, --query)\n"
           "  bursts                   Weeks far above the usual volume (--topic, --entity)\n"
           "  graph                    Who appears with whom (--topic, --from, --to, --limit,\n"
           "                           --window story|paragraph|sentence, --min-weight)\n"
           "  evidence NAME --with B   The passages where two entities appear together\n"
           "  export-chart timeline|graph --format png|svg|pdf --output FILE\n"
           "                           Draw a chart (--width, --height, --scale, --dark,\n"
           "                           --topic A,B for several series, --color-by type)\n"
           "  export-data timeline|graph --format csv|json|gexf|graphml --output FILE\n"
           "                           The data behind a chart (gexf, graphml: graph only)\n"
           "\n"
           "Exit status: 0 on success, 1 on a usage error, 2 on a failure.");
}

/* The live sources' commands, in a string of their own so that the translations of the
 * others stay whole. */
static const char *
feeds_summary_text (void)
{
  return _("Feeds:\n"
           "  feed add URL             Subscribe to a feed (or the feed a web page names)\n"
           "  feed list                Subscriptions and the state of their last fetch\n"
           "  feed remove ID           Unsubscribe (--delete-stories: its stories go too)\n"
           "  feed refresh [ID]        Fetch the feeds (not the paused ones, nor those waiting\n"
           "                           after errors), or feed ID now\n"
           "  opml import FILE         Subscribe to the feeds of an OPML file\n"
           "  opml export FILE         Write the subscriptions as OPML");
}

int
main (int   argc,
      char *argv[])
{
  g_auto(Options) options = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &options.db,
      N_("Database file (default: the user data folder)"), N_("PATH") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json,
      N_("Print machine-readable JSON only"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &options.limit,
      N_("Print at most N stories"), N_("N") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &options.from,
      N_("Only stories published on or after DATE"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &options.to,
      N_("Only stories published on or before DATE"), N_("DATE") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &options.source,
      N_("Only stories from this source"), N_("NAME") },
    { "topic", 0, 0, G_OPTION_ARG_STRING, &options.topic,
      N_("Only stories in this topic (trade_war, ai, defense or your own)"), N_("ID") },
    { "entity", 0, 0, G_OPTION_ARG_STRING, &options.entity,
      N_("Only stories naming this entity"), N_("NAME") },
    { "query", 0, 0, G_OPTION_ARG_STRING, &options.query,
      N_("Only stories matching this full-text query"), N_("QUERY") },
    { "type", 0, 0, G_OPTION_ARG_STRING, &options.type,
      N_("Only entities of this type (PERSON, ORG, COUNTRY, PLACE)"), N_("TYPE") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &options.by,
      N_("Timeline buckets: day, week, month, quarter or year (default month)"), N_("BUCKET") },
    { "window", 0, 0, G_OPTION_ARG_STRING, &options.window,
      N_("Graph: entities count together in the same story, paragraph or sentence"),
      N_("WINDOW") },
    { "rename", 0, 0, G_OPTION_ARG_STRING, &options.rename,
      N_("Entity: give it this name (merging with an entity that has it)"), N_("NAME") },
    { "merge-into", 0, 0, G_OPTION_ARG_STRING, &options.merge_into,
      N_("Entity: merge it into this other entity"), N_("NAME") },
    { "add-alias", 0, 0, G_OPTION_ARG_STRING, &options.add_alias,
      N_("Entity: find it under this other name too, in every story"), N_("NAME") },
    { "hide", 0, 0, G_OPTION_ARG_NONE, &options.hide,
      N_("Entity: hide it from every list"), NULL },
    { "unhide", 0, 0, G_OPTION_ARG_NONE, &options.unhide,
      N_("Entity: show it again"), NULL },
    { "delete-stories", 0, 0, G_OPTION_ARG_NONE, &options.delete_stories,
      N_("Feed remove: delete the stories the feed brought too"), NULL },
    { "with", 0, 0, G_OPTION_ARG_STRING, &options.with,
      N_("Evidence: the other entity of the link"), N_("NAME") },
    { "min-weight", 0, 0, G_OPTION_ARG_INT, &options.min_weight,
      N_("Graph edges of at least N shared stories (default 1)"), N_("N") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &options.format,
      N_("Export: png, svg or pdf for a chart; csv, json, gexf or graphml for data"),
      N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output,
      N_("Export: the file to write (- for standard output)"), N_("FILE") },
    { "width", 0, 0, G_OPTION_ARG_DOUBLE, &options.width,
      N_("Export: chart width in pixels (PNG) or points (SVG, PDF)"), N_("W") },
    { "height", 0, 0, G_OPTION_ARG_DOUBLE, &options.height,
      N_("Export: chart height"), N_("H") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &options.scale,
      N_("Export: PNG pixels per unit, 2 for high-density screens (default 1)"), N_("S") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &options.dark,
      N_("Export: light text on a dark background"), NULL },
    { "seed", 0, 0, G_OPTION_ARG_INT, &options.seed,
      N_("Export: seed of the graph layout (default 0)"), N_("N") },
    { "color-by", 0, 0, G_OPTION_ARG_STRING, &options.color_by,
      N_("Export: colour graph nodes by community or type"), N_("WHAT") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &options.version,
      N_("Print the version and exit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.args, NULL,
      N_("COMMAND [ARGUMENTS…]") },
    { NULL }
  };
  g_autofree char *description = NULL;
  const char *command;
  const char *localedir;

  setlocale (LC_ALL, "");
  /* DASH_LOCALEDIR points at catalogs that are not installed, such as the build's po/
   * folder in the tests; otherwise the catalogs are where `meson install` put them. */
  localedir = g_getenv ("DASH_LOCALEDIR");
  if (localedir == NULL || localedir[0] == '\0')
    localedir = LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Explore an indexed corpus of news."));
  description = g_strconcat (summary_text (), "\n\n", feeds_summary_text (), NULL);
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (EXIT_USAGE, "%s", error->message);

  if (options.version)
    {
      printf ("dashboard-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }
  if (options.limit < 0)
    return fail (EXIT_USAGE, _("--limit must be a positive number"));
  if (options.args == NULL || options.args[0] == NULL)
    return fail (EXIT_USAGE, _("no command given; see --help"));

  command = options.args[0];
  if (g_str_equal (command, "import"))
    return cmd_import (&options);
  if (g_str_equal (command, "stats"))
    return cmd_stats (&options);
  if (g_str_equal (command, "search"))
    return cmd_search (&options);
  if (g_str_equal (command, "articles"))
    return cmd_articles (&options);
  if (g_str_equal (command, "article"))
    return cmd_article (&options);
  if (g_str_equal (command, "entities"))
    return cmd_entities (&options);
  if (g_str_equal (command, "entity"))
    return cmd_entity (&options);
  if (g_str_equal (command, "topics"))
    return cmd_topics (&options);
  if (g_str_equal (command, "topic"))
    return cmd_topic (&options);
  if (g_str_equal (command, "timeline"))
    return cmd_timeline (&options);
  if (g_str_equal (command, "bursts"))
    return cmd_bursts (&options);
  if (g_str_equal (command, "graph"))
    return cmd_graph (&options);
  if (g_str_equal (command, "evidence"))
    return cmd_evidence (&options);
  if (g_str_equal (command, "export-chart"))
    return cmd_export_chart (&options);
  if (g_str_equal (command, "export-data"))
    return cmd_export_data (&options);
  if (g_str_equal (command, "feed"))
    return cmd_feed (&options);
  if (g_str_equal (command, "opml"))
    return cmd_opml (&options);

  return fail (EXIT_USAGE, _("unknown command \u201c%s\u201d; see --help"), command);
}
