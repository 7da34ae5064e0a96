/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "dash-test-ui.h"

#include <stdlib.h>

static gboolean have_display;

gboolean
dash_test_init_display (void)
{
  g_setenv ("GTK_A11Y", "none", FALSE);

  have_display = gtk_init_check ();
  if (!have_display && g_getenv ("DASH_REQUIRE_DISPLAY") != NULL)
    {
      g_printerr ("No display, and DASH_REQUIRE_DISPLAY is set: run under Xvfb\n");
      exit (EXIT_FAILURE);
    }
  if (have_display)
    adw_init ();
  return have_display;
}

static void
skip_test (gconstpointer data)
{
  g_test_skip ("No display: run under Xvfb (xvfb-run -a)");
}

void
dash_test_add_display_vtable (const char       *path,
                              gsize             fixture_size,
                              gconstpointer     data,
                              GTestFixtureFunc  setup,
                              GTestFixtureFunc  test,
                              GTestFixtureFunc  teardown)
{
  if (have_display)
    g_test_add_vtable (path, fixture_size, data, setup, test, teardown);
  else
    g_test_add_data_func (path, NULL, skip_test);
}

void
dash_test_add_display_func (const char    *path,
                            gconstpointer  data,
                            GTestDataFunc  test)
{
  g_test_add_data_func (path, data, have_display ? test : skip_test);
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

void
dash_test_spin_until (gboolean (*done) (gpointer data),
                      gpointer   data,
                      guint      seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, timeout_cb, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (id);
}

void
dash_test_spin_for (guint ms)
{
  gboolean timed_out = FALSE;

  g_timeout_add (ms, timeout_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

void
dash_test_destroy_window (gpointer window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (window);
}

void
dash_test_press_key (gpointer    widget,
                     const char *accel)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger =
            gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_str_equal (trigger, accel))
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                           GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                           widget,
                                                           gtk_shortcut_get_arguments (shortcut)));
              return;
            }
        }
    }
  g_error ("No key binding for %s", accel);
}

gboolean
dash_test_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}
