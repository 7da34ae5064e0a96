/* SPDX-License-Identifier: GPL-3.0-or-later */

/* `meson install` of a build configured with --prefix=/app, as the Flatpak builds it, into
 * a staging folder puts every file where the desktop, GSettings, D-Bus, gettext and Flatpak
 * look for it, and the installed programs run. (DASH_TEST_SAME_PREFIX=1 checks the
 * current build's own prefix instead.) */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "dash-test-util.h"

typedef struct {
  char *destdir;
} Fixture;

/* The build configured with --prefix=/app for these tests, and its folder. */
static char *app_build_dir;
static char *app_build_for_tests;

/* Paths and names the build passes in (see meson.build). */
static const char *build_root;
static const char *app_id;
static const char *bindir;
static const char *datadir;
static const char *localedir;

static char *
run (const char * const *argv,
     const char * const *env,
     int                *status)
{
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int wait_status = 0;

  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    envp = g_environ_setenv (envp, env[i], env[i + 1], TRUE);

  g_spawn_sync (NULL, (char **)argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &wait_status, &error);
  g_assert_no_error (error);
  if (err != NULL && err[0] != '\0')
    g_test_message ("%s: %s", argv[0], err);
  *status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  return out;
}

/* A path of the installed tree: @dir is one of the absolute install folders, which the
 * staging folder takes in front of it. */
static char *
staged (Fixture    *f,
        const char *dir,
        const char *first,
        ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (parts, f->destdir);
  g_ptr_array_add (parts, (char *)dir);
  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (char *)part);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **)parts->pdata);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *meson = g_getenv ("DASH_TEST_MESON");
  const char *argv[] = {
    meson != NULL ? meson : "meson", "install", "-C", build_root, "--destdir", NULL,
    "--no-rebuild", "--quiet", NULL,
  };
  g_autofree char *out = NULL;
  int status;

  f->destdir = dash_test_make_tmp_dir ("dash-install");
  argv[5] = f->destdir;
  out = run (argv, NULL, &status);
  g_assert_cmpint (status, ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  dash_test_remove_tree (f->destdir);
  g_free (f->destdir);
}

static void
assert_file (const char *path)
{
  g_test_message ("installed: %s", path);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    g_error ("not installed: %s", path);
}

static void
test_install_programs (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *app = staged (f, bindir, "dashboard", NULL);
  g_autofree char *cli = staged (f, bindir, "dashboard-cli", NULL);
  g_autofree char *out = NULL;
  int status;

  assert_file (app);
  assert_file (cli);
  g_assert_true (g_file_test (app, G_FILE_TEST_IS_EXECUTABLE));
  g_assert_true (g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE));

  /* The installed programs run from where they are, build paths stripped. */
  out = run ((const char *[]) { cli, "--version", NULL }, NULL, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "dashboard-cli "));
  g_clear_pointer (&out, g_free);
  out = run ((const char *[]) { app, "--version", NULL }, NULL, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "dashboard "));
}

static void
test_install_desktop (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *name = g_strdup_printf ("%s.desktop", app_id);
  g_autofree char *desktop = staged (f, datadir, "applications", name, NULL);
  g_autofree char *service_name = g_strdup_printf ("%s.service", app_id);
  g_autofree char *service = staged (f, datadir, "dbus-1", "services", service_name, NULL);
  g_autofree char *exec = NULL;
  g_autofree char *comment_fr = NULL;
  g_autofree char *expected_exec = NULL;
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  assert_file (desktop);
  g_key_file_load_from_file (keys, desktop, G_KEY_FILE_KEEP_TRANSLATIONS, &error);
  g_assert_no_error (error);
  exec = g_key_file_get_string (keys, G_KEY_FILE_DESKTOP_GROUP, "Exec", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (exec, "dashboard "));
  g_assert_true (g_key_file_get_boolean (keys, G_KEY_FILE_DESKTOP_GROUP, "DBusActivatable",
                                         &error));
  g_assert_no_error (error);
  /* Translations were merged in. */
  comment_fr = g_key_file_get_locale_string (keys, G_KEY_FILE_DESKTOP_GROUP, "Comment", "fr",
                                             &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (comment_fr, "Rechercher et explorer"));

  /* D-Bus activation starts the installed binary. */
  assert_file (service);
  g_clear_pointer (&keys, g_key_file_unref);
  keys = g_key_file_new ();
  g_key_file_load_from_file (keys, service, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&exec, g_free);
  exec = g_key_file_get_string (keys, "D-BUS Service", "Exec", &error);
  g_assert_no_error (error);
  expected_exec = g_strdup_printf ("%s/dashboard --gapplication-service", bindir);
  g_assert_cmpstr (exec, ==, expected_exec);
}

static void
test_install_metainfo (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *name = g_strdup_printf ("%s.metainfo.xml", app_id);
  g_autofree char *metainfo = staged (f, datadir, "metainfo", name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  assert_file (metainfo);
  g_file_get_contents (metainfo, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "xml:lang=\"fr\""));
  g_assert_nonnull (strstr (text, "xml:lang=\"zh_CN\""));
}

static void
test_install_icons (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *scalable_name = g_strdup_printf ("%s.svg", app_id);
  g_autofree char *symbolic_name = g_strdup_printf ("%s-symbolic.svg", app_id);
  g_autofree char *scalable = staged (f, datadir, "icons", "hicolor", "scalable", "apps",
                                      scalable_name, NULL);
  g_autofree char *symbolic = staged (f, datadir, "icons", "hicolor", "symbolic", "apps",
                                      symbolic_name, NULL);

  assert_file (scalable);
  assert_file (symbolic);
}

static void
test_install_schema (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *dir = staged (f, datadir, "glib-2.0", "schemas", NULL);
  g_autofree char *schema = g_build_filename (dir, "org.example.Dashboard.gschema.xml", NULL);
  g_autofree char *compiled = g_build_filename (dir, "gschemas.compiled", NULL);
  g_autofree char *out = NULL;
  int status;

  assert_file (schema);
  /* `meson install` leaves compiling to the system (gnome.post_install skips a DESTDIR
   * install; flatpak-builder compiles them in /app). Compile what was installed, strictly. */
  out = run ((const char *[]) { "glib-compile-schemas", "--strict", dir, NULL }, NULL, &status);
  g_assert_cmpint (status, ==, 0);
  assert_file (compiled);
}

static void
test_install_translations (Fixture       *f,
                           gconstpointer  data)
{
  static const char *languages[] = { "fr", "zh_CN" };

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *mo = staged (f, localedir, languages[i], "LC_MESSAGES", "dashboard.mo",
                                    NULL);

      assert_file (mo);
    }
}

static void
test_install_translations_run (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *cli = staged (f, bindir, "dashboard-cli", NULL);
  g_autofree char *locale = staged (f, localedir, NULL);
  const char *env[] = {
    "LC_ALL", "C.UTF-8", "LANGUAGE", "fr", "DASH_LOCALEDIR", locale, NULL,
  };
  g_autofree char *out = NULL;
  int status;

  /* The installed CLI, pointed at the installed catalogs, speaks French. */
  out = run ((const char *[]) { cli, "--help", NULL }, env, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Afficher la version et quitter"));
}

static void
test_install_runtime_data (Fixture       *f,
                           gconstpointer  data)
{
  const char *iso_codes = g_getenv ("DASH_TEST_ISO_CODES_JSON_DIR");
  g_autofree char *countries = g_build_filename (iso_codes, "iso_3166-1.json", NULL);
  g_autofree char *pkgdata = staged (f, datadir, "dashboard", NULL);

  /* The gazetteer and topic rules are resources inside the binaries; the one file read at
   * run time is iso-codes' country list, from the system (or the GNOME runtime). */
  assert_file (countries);
  g_assert_false (g_file_test (pkgdata, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  build_root = g_getenv ("DASH_TEST_BUILD_ROOT");
  app_id = g_getenv ("DASH_TEST_APP_ID");
  bindir = g_getenv ("DASH_TEST_BINDIR");
  datadir = g_getenv ("DASH_TEST_DATADIR");
  localedir = g_getenv ("DASH_TEST_LOCALEDIR");

  /* The layout is checked as the Flatpak has it: a build of its own, configured with
   * --prefix=/app, installed into the staging folder. */
  if (g_getenv ("DASH_TEST_SOURCE_ROOT") != NULL && g_getenv ("DASH_TEST_SAME_PREFIX") == NULL)
    {
      const char *meson = g_getenv ("DASH_TEST_MESON");
      const char *source_root = g_getenv ("DASH_TEST_SOURCE_ROOT");
      g_autofree char *app_build = NULL;
      g_autofree char *out = NULL;
      int status;

      app_build_dir = dash_test_make_tmp_dir ("dash-app-build");
      app_build = g_build_filename (app_build_dir, "build", NULL);
      {
        const char *setup[] = { meson != NULL ? meson : "meson", "setup", "--prefix=/app",
                                "--buildtype=plain", app_build, source_root, NULL };
        out = run (setup, NULL, &status);
        g_assert_cmpint (status, ==, 0);
        g_clear_pointer (&out, g_free);
      }
      {
        const char *compile[] = { meson != NULL ? meson : "meson", "compile", "-C", app_build,
                                  NULL };
        out = run (compile, NULL, &status);
        g_assert_cmpint (status, ==, 0);
      }
      build_root = app_build_for_tests = g_steal_pointer (&app_build);
      bindir = "/app/bin";
      datadir = "/app/share";
      localedir = "/app/share/locale";
    }
  g_assert_nonnull (build_root);
  g_assert_nonnull (app_id);
  g_assert_true (bindir != NULL && g_path_is_absolute (bindir));
  g_assert_true (datadir != NULL && g_path_is_absolute (datadir));
  g_assert_true (localedir != NULL && g_path_is_absolute (localedir));

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/packaging/install/programs", test_install_programs);
  ADD ("/packaging/install/desktop", test_install_desktop);
  ADD ("/packaging/install/metainfo", test_install_metainfo);
  ADD ("/packaging/install/icons", test_install_icons);
  ADD ("/packaging/install/schema", test_install_schema);
  ADD ("/packaging/install/translations", test_install_translations);
  ADD ("/packaging/install/translations-run", test_install_translations_run);
  ADD ("/packaging/install/runtime-data", test_install_runtime_data);
#undef ADD

  {
    int result = g_test_run ();

    if (app_build_dir != NULL)
      dash_test_remove_tree (app_build_dir);
    return result;
  }
}
