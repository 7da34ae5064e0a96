/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The Flatpak manifest agrees with what the build installs: one app id everywhere, a GNOME
 * runtime, the installed binary as the command, a small sandbox, well-formed modules. */

#include "config.h"

#include <glib.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* Paths and names the build passes in (see meson.build). */
static const char *source_root;
static const char *build_root;
static const char *app_id;

/* The app id of the release profile: what the manifest, the schema and the icons in the
 * source tree are named after. A development build appends ".Devel" to the installed files. */
static char *
base_app_id (void)
{
  if (g_str_has_suffix (app_id, ".Devel"))
    return g_strndup (app_id, strlen (app_id) - strlen (".Devel"));
  return g_strdup (app_id);
}

static JsonObject *
load_manifest (JsonParser **parser_out)
{
  g_autofree char *path = g_build_filename (source_root, "org.example.Dashboard.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  *parser_out = g_steal_pointer (&parser);
  return json_node_get_object (root);
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

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* The text of every element named @element in an XML file, or the value of its @attribute
 * when one is given. The files are small, so a GMarkup pass is enough. */
typedef struct {
  const char *element;
  const char *attribute;
  GPtrArray  *values;
  GString    *text;
  gboolean    inside;
} Collect;

static void
collect_start_cb (GMarkupParseContext  *context,
                  const char           *name,
                  const char          **attribute_names,
                  const char          **attribute_values,
                  gpointer              user_data,
                  GError              **error)
{
  Collect *c = user_data;

  if (!g_str_equal (name, c->element))
    return;
  if (c->attribute == NULL)
    {
      c->inside = TRUE;
      g_string_truncate (c->text, 0);
      return;
    }
  for (guint i = 0; attribute_names[i] != NULL; i++)
    if (g_str_equal (attribute_names[i], c->attribute))
      g_ptr_array_add (c->values, g_strdup (attribute_values[i]));
}

static void
collect_end_cb (GMarkupParseContext  *context,
                const char           *name,
                gpointer              user_data,
                GError              **error)
{
  Collect *c = user_data;

  if (c->inside && g_str_equal (name, c->element))
    {
      g_ptr_array_add (c->values, g_strstrip (g_strdup (c->text->str)));
      c->inside = FALSE;
    }
}

static void
collect_text_cb (GMarkupParseContext  *context,
                 const char           *text,
                 gsize                 len,
                 gpointer              user_data,
                 GError              **error)
{
  Collect *c = user_data;

  if (c->inside)
    g_string_append_len (c->text, text, len);
}

static GPtrArray *
xml_values (const char *path,
            const char *element,
            const char *attribute)
{
  static const GMarkupParser parser = {
    collect_start_cb, collect_end_cb, collect_text_cb, NULL, NULL,
  };
  g_autofree char *text = read_text (path);
  g_autoptr(GString) buffer = g_string_new (NULL);
  Collect c = { element, attribute, g_ptr_array_new_with_free_func (g_free), buffer, FALSE };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;

  context = g_markup_parse_context_new (&parser, 0, &c, NULL);
  g_markup_parse_context_parse (context, text, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  return c.values;
}

static gboolean
values_contain (GPtrArray  *values,
                const char *value)
{
  for (guint i = 0; i < values->len; i++)
    if (g_str_equal (g_ptr_array_index (values, i), value))
      return TRUE;
  return FALSE;
}

static void
test_manifest_app_id (void)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *manifest = load_manifest (&parser);
  g_autofree char *base = base_app_id ();
  const char *id = member_string (manifest, "id");
  g_autofree char *desktop_in = NULL;
  g_autofree char *desktop = NULL;
  g_autofree char *metainfo = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *launchable = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) launchables = NULL;
  g_autoptr(GPtrArray) schema_ids = NULL;
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *icon = NULL;

  if (id == NULL)
    id = member_string (manifest, "app-id");
  g_assert_cmpstr (id, ==, base);
  g_assert_true (g_application_id_is_valid (id));

  /* The desktop file: named after the app id, in the source tree and in the build. */
  desktop_in = g_strdup_printf ("%s/data/%s.desktop.in", source_root, id);
  g_assert_true (g_file_test (desktop_in, G_FILE_TEST_IS_REGULAR));
  desktop = g_strdup_printf ("%s/data/%s.desktop", build_root, app_id);
  g_key_file_load_from_file (keys, desktop, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  icon = g_key_file_get_string (keys, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_ICON,
                                &error);
  g_assert_no_error (error);
  g_assert_cmpstr (icon, ==, app_id);

  /* The metainfo: its component id and its launchable. */
  metainfo = g_strdup_printf ("%s/data/%s.metainfo.xml", build_root, app_id);
  ids = xml_values (metainfo, "id", NULL);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (ids, 0), ==, app_id);
  launchables = xml_values (metainfo, "launchable", NULL);
  launchable = g_strdup_printf ("%s.desktop", app_id);
  g_assert_true (values_contain (launchables, launchable));

  /* The GSettings schema. */
  schema = g_strdup_printf ("%s/data/%s.gschema.xml", source_root, id);
  schema_ids = xml_values (schema, "schema", "id");
  g_assert_true (values_contain (schema_ids, id));
}

static void
test_manifest_icons (void)
{
  g_autofree char *base = base_app_id ();
  g_autofree char *scalable = g_strdup_printf ("%s/data/icons/hicolor/scalable/apps/%s.svg",
                                               source_root, base);
  g_autofree char *symbolic = g_strdup_printf ("%s/data/icons/hicolor/symbolic/apps/"
                                               "%s-symbolic.svg", source_root, base);

  g_assert_true (g_file_test (scalable, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (symbolic, G_FILE_TEST_IS_REGULAR));
}

static void
test_manifest_runtime (void)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *manifest = load_manifest (&parser);
  const char *runtime = member_string (manifest, "runtime");
  const char *sdk = member_string (manifest, "sdk");
  const char *version = member_string (manifest, "runtime-version");
  guint64 branch = 0;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (runtime, ==, "org.gnome.Platform");
  g_assert_cmpstr (sdk, ==, "org.gnome.Sdk");
  /* A stable GNOME branch is a plain number ("51"), never "master" or "nightly". */
  g_assert_nonnull (version);
  g_ascii_string_to_unsigned (version, 10, 49, G_MAXUINT, &branch, &error);
  g_assert_no_error (error);
}

static void
test_manifest_command (void)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *manifest = load_manifest (&parser);
  const char *command = member_string (manifest, "command");
  g_autofree char *metainfo = g_strdup_printf ("%s/data/%s.metainfo.xml", build_root, app_id);
  g_autofree char *binary = NULL;
  g_autofree char *service = NULL;
  g_autofree char *exec = NULL;
  g_autoptr(GPtrArray) binaries = xml_values (metainfo, "binary", NULL);
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  /* The command is the app's executable as the build makes and installs it (the install test
   * checks bin/dashboard in the installed tree), and the metainfo says it provides it. */
  g_assert_cmpstr (command, ==, "dashboard");
  binary = g_build_filename (build_root, "src", "ui", command, NULL);
  g_assert_true (g_file_test (binary, G_FILE_TEST_IS_EXECUTABLE));
  g_assert_true (values_contain (binaries, command));

  /* D-Bus activation starts the same binary. */
  service = g_strdup_printf ("%s/data/%s.service", build_root, app_id);
  g_key_file_load_from_file (keys, service, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  exec = g_key_file_get_string (keys, "D-BUS Service", "Exec", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (exec, "/"));
  g_assert_nonnull (strstr (exec, "/dashboard --gapplication-service"));
}

static gboolean
strv_has (JsonArray  *array,
          const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;
  return FALSE;
}

static void
test_manifest_finish_args (void)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *manifest = load_manifest (&parser);
  JsonArray *args = json_object_get_array_member (manifest, "finish-args");

  g_assert_nonnull (args);
  g_assert_true (strv_has (args, "--socket=wayland"));
  g_assert_true (strv_has (args, "--socket=fallback-x11"));
  g_assert_true (strv_has (args, "--device=dri"));
  /* The app fetches the feeds the user subscribes to. */
  g_assert_true (strv_has (args, "--share=network"));

  /* Files come through the portal: no access to the home folder or the host. */
  for (guint i = 0; i < json_array_get_length (args); i++)
    {
      const char *arg = json_array_get_string_element (args, i);

      g_assert_nonnull (arg);
      g_assert_false (g_str_has_prefix (arg, "--filesystem=home"));
      g_assert_false (g_str_has_prefix (arg, "--filesystem=host"));
      g_assert_cmpstr (arg, !=, "--socket=x11");
      g_assert_cmpstr (arg, !=, "--device=all");
    }
}

static void
test_manifest_modules (void)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *manifest = load_manifest (&parser);
  JsonArray *modules = json_object_get_array_member (manifest, "modules");
  JsonObject *app;
  JsonObject *source;
  guint n;

  g_assert_nonnull (modules);
  n = json_array_get_length (modules);
  g_assert_cmpuint (n, >, 0);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *module = json_array_get_object_element (modules, i);
      JsonArray *sources;

      g_assert_nonnull (module);
      g_assert_nonnull (member_string (module, "name"));
      g_assert_nonnull (member_string (module, "buildsystem"));
      g_assert_true (json_object_has_member (module, "sources"));
      sources = json_object_get_array_member (module, "sources");
      g_assert_nonnull (sources);
      g_assert_cmpuint (json_array_get_length (sources), >, 0);

      for (guint j = 0; j < json_array_get_length (sources); j++)
        {
          JsonObject *s = json_array_get_object_element (sources, j);
          const char *type;
          const char *sha256;

          g_assert_nonnull (s);
          type = member_string (s, "type");
          g_assert_nonnull (type);
          if (!json_object_has_member (s, "url"))
            continue;

          /* Everything downloaded is pinned: an https URL and its sha256. */
          g_test_message ("%s: %s", member_string (module, "name"), member_string (s, "url"));
          g_assert_true (g_str_has_prefix (member_string (s, "url"), "https://"));
          g_assert_true (g_str_equal (type, "archive") || g_str_equal (type, "file"));
          sha256 = member_string (s, "sha256");
          g_assert_nonnull (sha256);
          g_assert_cmpuint (strlen (sha256), ==, 64);
          for (const char *c = sha256; *c != '\0'; c++)
            g_assert_true (g_ascii_isxdigit (*c) && !g_ascii_isupper (*c));
        }
    }

  /* The app itself comes last, built with meson from this checkout. */
  app = json_array_get_object_element (modules, n - 1);
  g_assert_cmpstr (member_string (app, "name"), ==, "dashboard");
  g_assert_cmpstr (member_string (app, "buildsystem"), ==, "meson");
  source = json_array_get_object_element (json_object_get_array_member (app, "sources"), 0);
  g_assert_cmpstr (member_string (source, "type"), ==, "dir");
  g_assert_cmpstr (member_string (source, "path"), ==, ".");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  source_root = g_getenv ("DASH_TEST_SOURCE_ROOT");
  build_root = g_getenv ("DASH_TEST_BUILD_ROOT");
  app_id = g_getenv ("DASH_TEST_APP_ID");
  g_assert_nonnull (source_root);
  g_assert_nonnull (build_root);
  g_assert_nonnull (app_id);

  g_test_add_func ("/packaging/manifest/app-id", test_manifest_app_id);
  g_test_add_func ("/packaging/manifest/icons", test_manifest_icons);
  g_test_add_func ("/packaging/manifest/runtime", test_manifest_runtime);
  g_test_add_func ("/packaging/manifest/command", test_manifest_command);
  g_test_add_func ("/packaging/manifest/finish-args", test_manifest_finish_args);
  g_test_add_func ("/packaging/manifest/modules", test_manifest_modules);

  return g_test_run ();
}
