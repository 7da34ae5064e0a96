/* SPDX-License-Identifier: GPL-3.0-or-later */

/* dashboard-cli as a user or a script drives it: exit codes, JSON shapes, messages. */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "dash-core.h"
#include "dash-test-util.h"

typedef struct {
  char *dir;
  char *db;
} Fixture;

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
cli (Run        *run,
     Fixture    *f,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int wait_status = 0;

  g_ptr_array_add (argv, (char *)g_getenv ("DASH_CLI"));
  if (f != NULL)
    {
      g_ptr_array_add (argv, "--db");
      g_ptr_array_add (argv, f->db);
    }
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = dash_test_make_tmp_dir ("dash-cli");
  f->db = g_build_filename (f->dir, "corpus.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  dash_test_remove_tree (f->dir);
  g_free (f->db);
  g_free (f->dir);
}

static gboolean
skip_without_cli (void)
{
  if (g_getenv ("DASH_CLI") == NULL)
    {
      g_test_skip ("DASH_CLI is not set");
      return TRUE;
    }
  return FALSE;
}

static void
import_fixtures (Fixture *f)
{
  g_auto(Run) run = { 0 };
  g_autofree char *rss = g_test_build_filename (G_TEST_DIST, "data", "rss2.xml", NULL);
  g_autofree char *atom = g_test_build_filename (G_TEST_DIST, "data", "atom.xml", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;

  cli (&run, f, "import", "--json", rss, atom, NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse (run.out);
  o = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (o, "imported"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (o, "duplicates"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (o, "failed"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "errors")), ==, 0);
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Run) again = { 0 };
  g_auto(Run) junk = { 0 };
  g_autofree char *rss = g_test_build_filename (G_TEST_DIST, "data", "rss2.xml", NULL);
  g_autofree char *bin = g_test_build_filename (G_TEST_DIST, "data", "junk.bin", NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) junk_root = NULL;
  JsonObject *error;

  if (skip_without_cli ())
    return;

  import_fixtures (f);

  cli (&again, f, "import", "--json", rss, NULL);
  g_assert_cmpint (again.status, ==, 0);
  root = parse (again.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "imported"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "duplicates"), ==, 3);

  /* A junk file: reported with its path and reason, exit 2, JSON still printed. */
  cli (&junk, f, "import", "--json", bin, NULL);
  g_assert_cmpint (junk.status, ==, 2);
  junk_root = parse (junk.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (junk_root), "failed"), ==, 1);
  error = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (junk_root), "errors"), 0);
  g_assert_cmpstr (json_object_get_string_member (error, "path"), ==, bin);
  g_assert_nonnull (strstr (json_object_get_string_member (error, "error"), "binary"));
  /* One line on stderr. */
  g_assert_true (g_str_has_prefix (junk.err, "dashboard-cli: "));
  g_assert_cmpuint (strlen (junk.err), ==, (gsize)(strchr (junk.err, '\n') - junk.err) + 1);
}

static void
test_stats (Fixture       *f,
            gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;

  if (skip_without_cli ())
    return;

  import_fixtures (f);
  cli (&run, f, "stats", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse (run.out);
  o = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (o, "articles"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (o, "sources"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (o, "first"), ==, "2024-04-05T00:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (o, "last"), ==, "2025-01-10T07:00:00Z");
}

static void
test_articles (Fixture       *f,
               gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) one = { 0 };
  g_auto(Run) missing = { 0 };
  g_auto(Run) bad_id = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) article = NULL;
  JsonArray *array;
  JsonObject *first;
  g_autofree char *id = NULL;

  if (skip_without_cli ())
    return;

  import_fixtures (f);
  cli (&run, f, "articles", "--json", "--limit", "2", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse (run.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  first = json_array_get_object_element (array, 0);
  /* Newest first, every documented member present. */
  g_assert_cmpstr (json_object_get_string_member (first, "title"), ==, "Naval exercise concludes");
  g_assert_cmpstr (json_object_get_string_member (first, "published"), ==, "2025-01-10T07:00:00Z");
  g_assert_false (json_object_get_boolean_member (first, "date_estimated"));
  g_assert_true (json_object_has_member (first, "url"));
  g_assert_true (json_object_has_member (first, "source"));
  g_assert_true (json_object_has_member (first, "id"));

  id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (first, "id"));
  cli (&one, f, "article", id, "--json", NULL);
  g_assert_cmpint (one.status, ==, 0);
  article = parse (one.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (article), "body"), ==,
                   "Ten ships took part.\n\nThe exercise ended on Friday.");
  g_assert_true (json_object_has_member (json_node_get_object (article), "content_hash"));
  g_assert_true (json_object_has_member (json_node_get_object (article), "imported"));

  cli (&missing, f, "article", "999999", "--json", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_cmpstr (missing.out, ==, "");
  cli (&bad_id, f, "article", "twelve", NULL);
  g_assert_cmpint (bad_id.status, ==, 1);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *hit;
  const char *hostile[] = { "\"unbalanced", "AND OR NOT", "(((", "'; DROP TABLE articles; --",
                            "NEAR(", "*", "", "^", "title:" };

  if (skip_without_cli ())
    return;

  import_fixtures (f);
  cli (&run, f, "search", "drone", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  hit = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_cmpstr (json_object_get_string_member (hit, "title"), ==, "Drone procurement review");
  g_assert_cmpstr (json_object_get_string_member (hit, "url"), ==,
                   "https://atom.example.com/blog/posts/drone-review");
  g_assert_cmpstr (json_object_get_string_member (hit, "published"), ==, "2025-01-08T14:15:00Z");
  {
    g_autofree char *snippet = g_utf8_strdown (json_object_get_string_member (hit, "snippet"), -1);
    g_assert_nonnull (strstr (snippet, "**drone**"));
  }
  g_assert_true (json_object_has_member (hit, "id"));

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_auto(Run) h = { 0 };

      cli (&h, f, "search", hostile[i], "--json", NULL);
      /* Results (0) or a clear message (1), never a failure or a crash. */
      g_assert_cmpint (h.status, <=, 1);
      if (h.status == 0)
        {
          g_autoptr(JsonNode) node = parse (h.out);
          g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
        }
      else
        g_assert_true (g_str_has_prefix (h.err, "dashboard-cli: "));
    }

  /* Date and source filters. */
  {
    g_auto(Run) ranged = { 0 };
    g_autoptr(JsonNode) node = NULL;

    cli (&ranged, f, "search", "ships OR drone OR fees", "--from", "2025-01-09", "--to",
         "2025-01-10", "--json", NULL);
    g_assert_cmpint (ranged.status, ==, 0);
    node = parse (ranged.out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 1);
  }
}

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  g_auto(Run) unknown = { 0 };
  g_auto(Run) none = { 0 };
  g_auto(Run) option = { 0 };
  g_auto(Run) help = { 0 };
  g_auto(Run) bad_date = { 0 };

  if (skip_without_cli ())
    return;

  cli (&unknown, f, "nosuchcommand", NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_nonnull (strstr (unknown.err, "nosuchcommand"));
  cli (&none, f, NULL, NULL);
  g_assert_cmpint (none.status, ==, 1);
  cli (&option, f, "stats", "--bogus", NULL);
  g_assert_cmpint (option.status, ==, 1);
  cli (&bad_date, f, "search", "x", "--from", "yesterday-ish", NULL);
  g_assert_cmpint (bad_date.status, ==, 1);
  cli (&help, NULL, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "import PATH"));
}

static void
test_corrupt_db (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  if (skip_without_cli ())
    return;

  g_assert_true (g_file_set_contents (f->db, "not a database at all, sorry", -1, NULL));
  cli (&run, f, "stats", "--json", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, f->db));
  g_assert_nonnull (strstr (run.err, "not a database"));
}

static void
test_entity_cleanup (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "people.json", NULL);
  g_auto(Run) imported = { 0 };
  g_auto(Run) merged = { 0 };
  g_auto(Run) hidden = { 0 };
  g_auto(Run) listed = { 0 };
  g_auto(Run) both = { 0 };
  g_autoptr(JsonNode) entity = NULL;
  g_autoptr(JsonNode) entities = NULL;
  JsonArray *aliases;

  if (skip_without_cli ())
    return;

  g_assert_true (g_file_set_contents (path,
    "[{\"title\": \"Summit in Moscow\", \"text\": \"Xi Jinping met Vladimir Putin in "
    "Moscow on Tuesday. The two leaders spoke for hours.\", \"url\": "
    "\"https://people.example.org/1\", \"published\": \"2025-03-01\"},"
    " {\"title\": \"Election rally\", \"text\": \"Joe Biden spoke to supporters in "
    "Pennsylvania on Monday. He said the campaign would go on.\", \"url\": "
    "\"https://people.example.org/2\", \"published\": \"2025-03-02\"}]", -1, NULL));
  cli (&imported, f, "import", path, NULL);
  g_assert_cmpint (imported.status, ==, 0);

  /* Merged: one entity in both stories, the other name listed as an alias. */
  cli (&merged, f, "entity", "Joe Biden", "--merge-into", "Xi Jinping", "--json", NULL);
  g_assert_cmpint (merged.status, ==, 0);
  entity = parse (merged.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (entity), "name"), ==,
                   "Xi Jinping");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (entity), "articles"), ==, 2);
  aliases = json_object_get_array_member (json_node_get_object (entity), "aliases");
  g_assert_cmpuint (json_array_get_length (aliases), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (aliases, 0), ==, "Joe Biden");

  /* Hidden: out of the entity list. */
  cli (&hidden, f, "entity", "Xi Jinping", "--hide", NULL);
  g_assert_cmpint (hidden.status, ==, 0);
  cli (&listed, f, "entities", "--json", NULL);
  entities = parse (listed.out);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (entities)); i++)
    g_assert_cmpstr (json_object_get_string_member (
                       json_array_get_object_element (json_node_get_array (entities), i), "name"),
                     !=, "Xi Jinping");

  cli (&both, f, "entity", "Xi Jinping", "--hide", "--rename", "X", NULL);
  g_assert_cmpint (both.status, ==, 1);
}

/* Feeds from an OPML file (nothing fetched) renamed, paused and resumed by id. */
static void
test_feed_manage (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "feeds.opml", NULL);
  g_auto(Run) imported = { 0 };
  g_auto(Run) listed = { 0 };
  g_auto(Run) renamed = { 0 };
  g_auto(Run) paused = { 0 };
  g_auto(Run) resumed = { 0 };
  g_auto(Run) missing = { 0 };
  g_auto(Run) usage = { 0 };
  g_autoptr(JsonNode) feeds = NULL;
  g_autoptr(JsonNode) feed = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autofree char *id = NULL;

  if (skip_without_cli ())
    return;

  g_assert_true (g_file_set_contents (path,
    "<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>Mine</title></head><body>"
    "<outline type=\"rss\" text=\"Harbour Wire\" xmlUrl=\"http://127.0.0.1:9/wire.xml\"/>"
    "</body></opml>", -1, NULL));
  cli (&imported, f, "opml", "import", path, NULL);
  g_assert_cmpint (imported.status, ==, 0);
  cli (&listed, f, "feed", "list", "--json", NULL);
  g_assert_cmpint (listed.status, ==, 0);
  feeds = parse (listed.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (feeds)), ==, 1);
  id = g_strdup_printf ("%" G_GINT64_FORMAT,
                        json_object_get_int_member (json_array_get_object_element (
                                                      json_node_get_array (feeds), 0), "id"));

  cli (&renamed, f, "feed", "rename", id, "Harbour Desk", "--json", NULL);
  g_assert_cmpint (renamed.status, ==, 0);
  feed = parse (renamed.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (feed), "title"), ==,
                   "Harbour Desk");

  cli (&paused, f, "feed", "pause", id, "--json", NULL);
  g_assert_cmpint (paused.status, ==, 0);
  g_clear_pointer (&feed, json_node_unref);
  feed = parse (paused.out);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (feed), "paused"));

  cli (&resumed, f, "feed", "resume", id, "--json", NULL);
  g_assert_cmpint (resumed.status, ==, 0);
  again = parse (resumed.out);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (again), "paused"));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (again), "title"), ==,
                   "Harbour Desk");

  /* No such feed; and a rename needs its title. */
  cli (&missing, f, "feed", "pause", "4242", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "4242"));
  cli (&usage, f, "feed", "rename", id, NULL);
  g_assert_cmpint (usage.status, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cli/import", test_import);
  ADD ("/cli/feed/manage", test_feed_manage);
  ADD ("/cli/stats", test_stats);
  ADD ("/cli/articles", test_articles);
  ADD ("/cli/search", test_search);
  ADD ("/cli/usage", test_usage);
  ADD ("/cli/corrupt-database", test_corrupt_db);
  ADD ("/cli/entity-cleanup", test_entity_cleanup);

  return g_test_run ();
}
