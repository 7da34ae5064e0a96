/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A new temporary folder named after @prefix; the test fails if it cannot be made. */
char *dash_test_make_tmp_dir (const char *prefix);

/* Removes @path and everything below it, making folders writable first. */
void  dash_test_remove_tree  (const char *path);

G_END_DECLS
