/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Words (any bytes, with their length) and an int for each: what the analysis looks up
 * for every word of every story. Open addressing keyed by FNV-1a, the words end to end
 * in one buffer: no allocation a word, no function called through a pointer. Lookups
 * may run on several threads at once; changes may not. */
typedef struct _DashWordTable DashWordTable;

DashWordTable *dash_word_table_new    (void);
void           dash_word_table_free   (DashWordTable *self);

/* Whether @word (@len bytes) is in the table; its value goes to @value (may be NULL). */
gboolean       dash_word_table_lookup (const DashWordTable *self,
                                       const char          *word,
                                       gsize                len,
                                       int                 *value);
/* Adds @word with @value, or sets its value when it is there. */
void           dash_word_table_insert (DashWordTable       *self,
                                       const char          *word,
                                       gsize                len,
                                       int                  value);
guint          dash_word_table_size   (const DashWordTable *self);
void           dash_word_table_clear  (DashWordTable       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DashWordTable, dash_word_table_free)

G_END_DECLS
