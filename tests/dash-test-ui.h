/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* What the display tests share: run them under Xvfb (xvfb-run -a). Without a display
 * their tests are skipped, or the program fails when DASH_REQUIRE_DISPLAY is set. */

/* Sets up GTK and libadwaita, after g_test_init(); returns whether there is a display.
 * Without a session bus (plain Xvfb) the accessibility bridge would warn, and warnings
 * are fatal in tests: GTK_A11Y is "none" unless already set. */
gboolean dash_test_init_display (void);

/* Adds a test as g_test_add() does, or, without a display, one that is skipped. */
#define dash_test_add_display(path, Fixture, tdata, fsetup, ftest, fteardown)     \
  G_STMT_START {                                                                  \
    void (*display_setup) (Fixture *, gconstpointer) = fsetup;                    \
    void (*display_test) (Fixture *, gconstpointer) = ftest;                      \
    void (*display_teardown) (Fixture *, gconstpointer) = fteardown;              \
                                                                                  \
    dash_test_add_display_vtable (path, sizeof (Fixture), tdata,                  \
                                  (GTestFixtureFunc)(GCallback)display_setup,     \
                                  (GTestFixtureFunc)(GCallback)display_test,      \
                                  (GTestFixtureFunc)(GCallback)display_teardown); \
  } G_STMT_END

void     dash_test_add_display_vtable (const char       *path,
                                       gsize             fixture_size,
                                       gconstpointer     data,
                                       GTestFixtureFunc  setup,
                                       GTestFixtureFunc  test,
                                       GTestFixtureFunc  teardown);

/* Adds a test without a fixture, as g_test_add_data_func() does, or, without a display,
 * one that is skipped. */
void     dash_test_add_display_func   (const char       *path,
                                       gconstpointer     data,
                                       GTestDataFunc     test);

/* Runs the main context until @done (@data) says so; the test fails after @seconds. */
void     dash_test_spin_until         (gboolean        (*done) (gpointer data),
                                       gpointer          data,
                                       guint             seconds);

/* Runs the main context for @ms milliseconds, e.g. for the next frame to be drawn. */
void     dash_test_spin_for           (guint             ms);

/* Destroys @window, which the test holds the last reference to, lets GTK drop what it
 * holds until the next frame, and checks that the window is freed. */
void     dash_test_destroy_window     (gpointer          window);

/* A press of @accel ("Return", "<Control>0") through the widget's own key bindings; the
 * test fails if there is none. */
void     dash_test_press_key          (gpointer          widget,
                                       const char       *accel);

/* Whether the widget @data is mapped: for dash_test_spin_until(). */
gboolean dash_test_is_mapped          (gpointer          data);

G_END_DECLS
