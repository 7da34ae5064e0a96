/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "dash-word-table.h"

typedef struct {
  guint32 hash;
  guint32 offset;     /* in DashWordTable.text */
  guint32 len;
  int     value;
} Slot;

struct _DashWordTable {
  Slot    *slots;     /* n_slots, a power of two; len 0 marks an empty slot */
  guint    n_slots;
  guint    n_words;
  GString *text;
};

/* Few enough words per slot that a lookup rarely looks at more than two. */
#define MIN_SLOTS 64

DashWordTable *
dash_word_table_new (void)
{
  DashWordTable *self = g_new0 (DashWordTable, 1);

  self->n_slots = MIN_SLOTS;
  self->slots = g_new0 (Slot, self->n_slots);
  self->text = g_string_new (NULL);
  return self;
}

void
dash_word_table_free (DashWordTable *self)
{
  if (self == NULL)
    return;
  g_free (self->slots);
  g_string_free (self->text, TRUE);
  g_free (self);
}

/* FNV-1a of @word's @len bytes. */
static inline guint32
word_hash (const char *word,
           gsize       len)
{
  guint32 hash = 2166136261u;

  for (gsize i = 0; i < len; i++)
    hash = (hash ^ (guchar)word[i]) * 16777619u;
  return hash;
}

/* The first slot to look at: the high bits of the hash, mixed (FNV's low bits alone
 * cluster on words that differ in their last letter). */
static inline guint
first_slot (const DashWordTable *self,
            guint32              hash)
{
  return (hash * 0x9e3779b1u) >> (32 - g_bit_storage (self->n_slots - 1));
}

/* The slot that holds @word, or the empty one where it would go. */
static Slot *
find_slot (const DashWordTable *self,
           const char          *word,
           gsize                len,
           guint32              hash)
{
  guint mask = self->n_slots - 1;

  for (guint i = first_slot (self, hash);; i = (i + 1) & mask)
    {
      Slot *slot = &self->slots[i];

      if (slot->len == 0 ||
          (slot->hash == hash && slot->len == len &&
           memcmp (self->text->str + slot->offset, word, len) == 0))
        return slot;
    }
}

gboolean
dash_word_table_lookup (const DashWordTable *self,
                        const char          *word,
                        gsize                len,
                        int                 *value)
{
  const Slot *slot;

  if (len == 0)
    return FALSE;
  slot = find_slot (self, word, len, word_hash (word, len));
  if (slot->len == 0)
    return FALSE;
  if (value != NULL)
    *value = slot->value;
  return TRUE;
}

static void
grow (DashWordTable *self)
{
  Slot *old = self->slots;
  guint n_old = self->n_slots;

  self->n_slots *= 2;
  self->slots = g_new0 (Slot, self->n_slots);
  for (guint i = 0; i < n_old; i++)
    if (old[i].len != 0)
      {
        guint mask = self->n_slots - 1;
        guint k = first_slot (self, old[i].hash);

        while (self->slots[k].len != 0)
          k = (k + 1) & mask;
        self->slots[k] = old[i];
      }
  g_free (old);
}

void
dash_word_table_insert (DashWordTable *self,
                        const char    *word,
                        gsize          len,
                        int            value)
{
  guint32 hash;
  Slot *slot;

  g_return_if_fail (len > 0 && len <= G_MAXUINT32);

  hash = word_hash (word, len);
  slot = find_slot (self, word, len, hash);
  if (slot->len != 0)
    {
      slot->value = value;
      return;
    }
  /* At most half full. */
  if ((self->n_words + 1) * 2 > self->n_slots)
    {
      grow (self);
      slot = find_slot (self, word, len, hash);
    }
  *slot = (Slot) { hash, self->text->len, len, value };
  g_string_append_len (self->text, word, len);
  self->n_words++;
}

guint
dash_word_table_size (const DashWordTable *self)
{
  return self->n_words;
}

/* Empties the table; it keeps its size, so that refilling it does not grow it again. */
void
dash_word_table_clear (DashWordTable *self)
{
  memset (self->slots, 0, sizeof (Slot) * self->n_slots);
  g_string_truncate (self->text, 0);
  self->n_words = 0;
}
