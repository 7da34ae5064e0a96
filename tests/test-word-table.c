/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The table of words the analysis looks up for every word of every story. */

#include <string.h>

#include "dash-word-table.h"

static gboolean
lookup (DashWordTable *table,
        const char    *word,
        int           *value)
{
  return dash_word_table_lookup (table, word, strlen (word), value);
}

static void
insert (DashWordTable *table,
        const char    *word,
        int            value)
{
  dash_word_table_insert (table, word, strlen (word), value);
}

static void
test_basics (void)
{
  g_autoptr(DashWordTable) table = dash_word_table_new ();
  int value = 42;

  g_assert_false (lookup (table, "tariff", &value));
  g_assert_cmpint (value, ==, 42);
  insert (table, "tariff", 7);
  insert (table, "tariffs", -1);
  g_assert_cmpuint (dash_word_table_size (table), ==, 2);
  g_assert_true (lookup (table, "tariff", &value));
  g_assert_cmpint (value, ==, 7);
  g_assert_true (lookup (table, "tariffs", &value));
  g_assert_cmpint (value, ==, -1);
  /* A prefix, a longer word and the empty word are other words. */
  g_assert_false (lookup (table, "tarif", NULL));
  g_assert_false (lookup (table, "tariffed", NULL));
  g_assert_false (lookup (table, "", NULL));

  /* Inserting again sets the value. */
  insert (table, "tariff", 8);
  g_assert_cmpuint (dash_word_table_size (table), ==, 2);
  g_assert_true (lookup (table, "tariff", &value));
  g_assert_cmpint (value, ==, 8);

  /* Words are bytes with a length: no terminator needed, any byte allowed. */
  g_assert_true (dash_word_table_lookup (table, "tariffXYZ", 6, NULL));
  insert (table, "Gdańsk", 3);
  g_assert_true (lookup (table, "Gdańsk", &value));
  g_assert_cmpint (value, ==, 3);
  g_assert_false (lookup (table, "Gdansk", NULL));
}

/* Past its first size the table grows and keeps every word; cleared, it holds none and
 * takes new ones. */
static void
test_growth (void)
{
  g_autoptr(DashWordTable) table = dash_word_table_new ();
  const guint n = 50000;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *word = g_strdup_printf ("w%u", i);

      insert (table, word, (int)i);
    }
  g_assert_cmpuint (dash_word_table_size (table), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *word = g_strdup_printf ("w%u", i);
      int value = -1;

      g_assert_true (lookup (table, word, &value));
      g_assert_cmpint (value, ==, (int)i);
    }
  g_assert_false (lookup (table, "w50000", NULL));

  dash_word_table_clear (table);
  g_assert_cmpuint (dash_word_table_size (table), ==, 0);
  g_assert_false (lookup (table, "w1", NULL));
  insert (table, "w1", 1);
  g_assert_true (lookup (table, "w1", NULL));
  g_assert_false (lookup (table, "w2", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/word-table/basics", test_basics);
  g_test_add_func ("/word-table/growth", test_growth);

  return g_test_run ();
}
