/* SPDX-License-Identifier: GPL-3.0-or-later */

/* po/POTFILES.in lists every file with a translatable string, only files that exist, in
 * sorted order: a string in a file missing from it never reaches translators. */

#include "config.h"

#include <glib.h>
#include <string.h>

static const char *source_root;

/* The entries of POTFILES.in, in file order, without comments and blank lines. */
static GPtrArray *
load_potfiles (void)
{
  g_autofree char *path = g_build_filename (source_root, "po", "POTFILES.in", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = g_ptr_array_new_with_free_func (g_free);

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (line[0] == '\0' || line[0] == '#')
        continue;
      g_ptr_array_add (entries, g_strdup (line));
    }
  return entries;
}

static gboolean
is_identifier_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* Whether @text calls one of the gettext macros or functions, as a whole identifier
 * ("N_(" but not "DASH_N_("), or marks a .ui property translatable. */
static gboolean
has_translatable_string (const char *text)
{
  static const char *calls[] = {
    "_(", "N_(", "C_(", "NC_(", "Q_(", "ngettext", "dngettext", "dgettext", "dpgettext",
    "g_dngettext", "g_dpgettext", "g_dpgettext2", "g_dgettext",
  };

  if (strstr (text, "translatable=\"yes\"") != NULL)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    for (const char *p = strstr (text, calls[i]); p != NULL; p = strstr (p + 1, calls[i]))
      {
        const char *after = p + strlen (calls[i]);

        if (p > text && is_identifier_char (p[-1]))
          continue;
        /* Function names may be followed by spaces before the parenthesis. */
        while (*after == ' ')
          after++;
        if (after[-1] == '(' || *after == '(')
          return TRUE;
      }
  return FALSE;
}

static void
scan (const char *relative,
      GPtrArray  *found)
{
  g_autofree char *path = g_build_filename (source_root, relative, NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *text = NULL;

      if (!g_str_has_suffix (path, ".c") && !g_str_has_suffix (path, ".h") &&
          !g_str_has_suffix (path, ".ui"))
        return;
      g_file_get_contents (path, &text, NULL, &error);
      g_assert_no_error (error);
      if (has_translatable_string (text))
        g_ptr_array_add (found, g_strdup (relative));
      return;
    }

  dir = g_dir_open (path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (relative, name, NULL);

      scan (child, found);
    }
}

static gboolean
entries_contain (GPtrArray  *entries,
                 const char *path)
{
  for (guint i = 0; i < entries->len; i++)
    if (g_str_equal (g_ptr_array_index (entries, i), path))
      return TRUE;
  return FALSE;
}

static void
test_potfiles_complete (void)
{
  g_autoptr(GPtrArray) entries = load_potfiles ();
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) missing = g_string_new (NULL);
  static const char *data_files[] = {
    "data/org.example.Dashboard.desktop.in",
    "data/org.example.Dashboard.gschema.xml",
    "data/org.example.Dashboard.metainfo.xml.in",
  };

  scan ("src", found);
  g_assert_cmpuint (found->len, >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (data_files); i++)
    g_ptr_array_add (found, g_strdup (data_files[i]));

  for (guint i = 0; i < found->len; i++)
    if (!entries_contain (entries, g_ptr_array_index (found, i)))
      g_string_append_printf (missing, " %s", (char *)g_ptr_array_index (found, i));
  if (missing->len > 0)
    g_error ("files with translatable strings missing from po/POTFILES.in:%s", missing->str);
}

static void
test_potfiles_exist (void)
{
  g_autoptr(GPtrArray) entries = load_potfiles ();

  for (guint i = 0; i < entries->len; i++)
    {
      g_autofree char *path = g_build_filename (source_root, g_ptr_array_index (entries, i),
                                                NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_error ("po/POTFILES.in lists %s, which does not exist",
                 (char *)g_ptr_array_index (entries, i));
    }
}

static void
test_potfiles_sorted (void)
{
  g_autoptr(GPtrArray) entries = load_potfiles ();

  for (guint i = 1; i < entries->len; i++)
    {
      const char *before = g_ptr_array_index (entries, i - 1);
      const char *after = g_ptr_array_index (entries, i);

      /* Byte order, as `LC_ALL=C sort` gives; each file once. */
      if (strcmp (before, after) >= 0)
        g_error ("po/POTFILES.in is not sorted: %s comes before %s", before, after);
    }
}

static void
test_potfiles_detects (void)
{
  /* The scanner itself: what counts as a translatable string and what does not. */
  g_assert_true (has_translatable_string ("x = _(\"Hello\");"));
  g_assert_true (has_translatable_string ("{ N_(\"Hello\") }"));
  g_assert_true (has_translatable_string ("g_dngettext (NULL, \"a\", \"b\", n)"));
  g_assert_true (has_translatable_string ("ngettext (\"a\", \"b\", n)"));
  g_assert_true (has_translatable_string ("<property name=\"title\" translatable=\"yes\">"));
  g_assert_false (has_translatable_string ("g_autoptr(GError) error = NULL;"));
  g_assert_false (has_translatable_string ("DASH_N_(x) MY_C_(y) foo_(z)"));
  g_assert_false (has_translatable_string ("<property name=\"title\">Hello</property>"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  source_root = g_getenv ("DASH_TEST_SOURCE_ROOT");
  g_assert_nonnull (source_root);

  g_test_add_func ("/packaging/potfiles/detects", test_potfiles_detects);
  g_test_add_func ("/packaging/potfiles/complete", test_potfiles_complete);
  g_test_add_func ("/packaging/potfiles/exist", test_potfiles_exist);
  g_test_add_func ("/packaging/potfiles/sorted", test_potfiles_sorted);

  return g_test_run ();
}
