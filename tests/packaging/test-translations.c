/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The translations work for real: dashboard-cli speaks French and Chinese when asked, with
 * the catalogs this build compiled, and the plural forms pick the right sentence. */

#include "config.h"

#include <glib.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>
#include <sys/wait.h>

/* The catalogs of this build: po/LANG/LC_MESSAGES/dashboard.mo under the build root, the
 * layout gettext looks for under a locale folder. */
static char *locale_dir;

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

/* Runs dashboard-cli with @args in @language. glibc ignores LANGUAGE in the "C" locale, but
 * not in C.UTF-8, which every glibc system has: no French locale needs to be installed. */
static void
cli (Run                *run,
     const char         *language,
     const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, (char *)g_getenv ("DASH_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "LANG");
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", language, TRUE);
  envp = g_environ_setenv (envp, "DASH_LOCALEDIR", locale_dir, TRUE);

  g_spawn_sync (NULL, (char **)argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

static void
test_translations_catalogs (void)
{
  static const char *languages[] = { "fr", "zh_CN" };

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *mo = g_build_filename (locale_dir, languages[i], "LC_MESSAGES",
                                              "dashboard.mo", NULL);

      g_assert_true (g_file_test (mo, G_FILE_TEST_IS_REGULAR));
    }
}

static void
test_translations_cli_help_fr (void)
{
  g_auto(Run) run = { 0 };

  cli (&run, "fr", (const char *[]) { "--help", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Afficher la version et quitter"));
  g_assert_nonnull (strstr (run.out, "Explorer un corpus d’actualités indexé."));
  g_assert_nonnull (strstr (run.out, "Commandes\u00a0:"));
}

static void
test_translations_cli_error_fr (void)
{
  g_auto(Run) run = { 0 };

  cli (&run, "fr", (const char *[]) { "frobnicate", NULL });
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "commande «\u00a0frobnicate\u00a0» inconnue"));
}

static void
test_translations_cli_help_zh_cn (void)
{
  g_auto(Run) run = { 0 };

  cli (&run, "zh_CN", (const char *[]) { "--help", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "显示版本并退出"));
}

static void
test_translations_cli_english (void)
{
  g_auto(Run) run = { 0 };

  /* A language without a catalog falls back to the original strings. */
  cli (&run, "xx", (const char *[]) { "--help", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Print the version and exit"));
}

static const char *
plural (const char *language,
        gulong      n)
{
  g_setenv ("LANGUAGE", language, TRUE);
  /* gettext caches translations per locale, not per LANGUAGE; textdomain() tells it that
   * the catalogs changed. */
  textdomain (GETTEXT_PACKAGE);
  return g_dngettext (GETTEXT_PACKAGE, "%'u story", "%'u stories", n);
}

static void
test_translations_plural_forms (void)
{
  /* French uses the singular for 0 and 1; Chinese has one form. */
  g_assert_cmpstr (plural ("fr", 0), ==, "%'u article");
  g_assert_cmpstr (plural ("fr", 1), ==, "%'u article");
  g_assert_cmpstr (plural ("fr", 2), ==, "%'u articles");
  g_assert_cmpstr (plural ("zh_CN", 1), ==, "%'u 篇报道");
  g_assert_cmpstr (plural ("zh_CN", 7), ==, "%'u 篇报道");
  g_assert_cmpstr (plural ("xx", 7), ==, "%'u stories");
}

int
main (int   argc,
      char *argv[])
{
  const char *build_root;

  g_test_init (&argc, &argv, NULL);

  build_root = g_getenv ("DASH_TEST_BUILD_ROOT");
  g_assert_nonnull (build_root);
  g_assert_nonnull (g_getenv ("DASH_CLI"));
  locale_dir = g_build_filename (build_root, "po", NULL);

  /* For the in-process plural checks. */
  g_unsetenv ("LANG");
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add_func ("/packaging/translations/catalogs", test_translations_catalogs);
  g_test_add_func ("/packaging/translations/cli-help-fr", test_translations_cli_help_fr);
  g_test_add_func ("/packaging/translations/cli-error-fr", test_translations_cli_error_fr);
  g_test_add_func ("/packaging/translations/cli-help-zh-cn", test_translations_cli_help_zh_cn);
  g_test_add_func ("/packaging/translations/cli-english", test_translations_cli_english);
  g_test_add_func ("/packaging/translations/plural-forms", test_translations_plural_forms);

  return g_test_run ();
}
