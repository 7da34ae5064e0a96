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
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dash-core.h"

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

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
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

/* Applies --limit (or @default_limit), --source, --from and --to to @filter. */
static gboolean
apply_options (Options    *options,
               DashFilter *filter,
               guint       default_limit,
               int        *status)
{
  filter->limit = options->limit > 0 ? (guint)options->limit : default_limit;
  dash_filter_set_source (filter, options->source);
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

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      dash_article_to_json (article, builder, TRUE);
      print_json (builder);
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

static const char *
summary_text (void)
{
  return _("Commands:\n"
           "  import PATH...           Import files and folders of news\n"
           "  stats                    Count stories and sources\n"
           "  search QUERY             Full-text search, best matches first (default 20)\n"
           "  articles                 The newest stories (default 50)\n"
           "  article ID               One story with every stored field\n"
           "\n"
           "Exit status: 0 on success, 1 on a usage error, 2 on a failure.");
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
    { "version", 0, 0, G_OPTION_ARG_NONE, &options.version,
      N_("Print the version and exit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.args, NULL,
      N_("COMMAND [ARGUMENTS…]") },
    { NULL }
  };
  const char *command;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Explore an indexed corpus of news."));
  g_option_context_set_description (context, summary_text ());
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

  return fail (EXIT_USAGE, _("unknown command \u201c%s\u201d; see --help"), command);
}
