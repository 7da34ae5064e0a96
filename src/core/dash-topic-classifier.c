/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-topic-classifier"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "dash-data.h"
#include "dash-mention.h"
#include "dash-topic-classifier.h"
#include "dash-word-table.h"

#include <libstemmer.h>

/* How a story is scored against a topic (the rules are in data/topics.json):
 *
 * Title, summary and body are split into words, lower-cased and reduced to their Snowball
 * English stems, so that "sanction", "sanctions" and "sanctioned" are one term. Every rule
 * (a term, a phrase of several stems, an entity cue or a negative term) is counted in the
 * title and in the text (summary and body). A rule found n times in the text adds
 * weight × (1 + ln n): repeating a word is evidence, but less and less. That sum is divided
 * by sqrt (length / reference length) for texts longer than the reference length, so that
 * a long story mentioning "tariff" once does not count as a trade-war story. A rule found
 * in the title adds weight × title weight, undivided. Negative terms subtract in the same
 * way. A story is in every topic whose score reaches the topic's threshold. */

/* The built-in topics' names, for xgettext: data/topics.json holds the same English
 * strings and dash_topic_classifier_get_name() translates them at run time. */
static const char *const builtin_names[] G_GNUC_UNUSED = {
  N_("Trade war"),
  N_("AI"),
  N_("Defense"),
};

/* Words longer than this (in bytes) are not terms: they are skipped. */
#define MAX_WORD_LEN 64

/* The per-thread cache of words starts again when it holds this many. */
#define MAX_CACHED_WORDS 65536

/* A token that is in no rule. */
#define NO_STEM (-1)
/* Between summary and body, so that no phrase spans the two. */
#define BREAK (-2)

typedef struct {
  const char *id;     /* Interned. */
  char       *name;   /* English: translated by dash_topic_classifier_get_name(). */
  double      threshold;
} Topic;

typedef struct {
  guint   topic;
  double  weight;     /* Negative for negative terms. */
  int    *stems;      /* Vocabulary ids; NULL for an entity cue. */
  guint   n_stems;
} Rule;

typedef struct {
  GArray *term_rules;    /* (element-type guint): one-stem rules made of this stem. */
  GArray *phrase_rules;  /* (element-type guint): longer rules starting with this stem. */
} Stem;

struct _DashTopicClassifier {
  GObject     parent_instance;

  guint       serial;
  double      title_weight;
  double      reference_length;

  GArray     *topics;        /* (element-type Topic) */
  GArray     *rules;         /* (element-type Rule) */
  GArray     *stems;         /* (element-type Stem), indexed by vocabulary id */
  GHashTable *vocabulary;    /* stem → vocabulary id + 1 */
  GHashTable *cues;          /* entity name → (element-type guint) GArray of rules */
};

G_DEFINE_FINAL_TYPE (DashTopicClassifier, dash_topic_classifier, G_TYPE_OBJECT)

/* A Snowball stemmer is not thread-safe, so each thread has its own, together with a cache
 * of the words it has seen and their vocabulary ids in the classifier it last served. News
 * reuses its words, so most tokens cost one hash lookup and no stemming. A thread that
 * switches between two classifiers empties its cache at each switch: correct, only slower. */
typedef struct {
  struct sb_stemmer *stemmer;
  guint              serial;   /* Of the classifier the cache holds ids for. */
  DashWordTable     *words;    /* lower-cased word → vocabulary id, or NO_STEM */
} ThreadState;

static void
thread_state_free (gpointer data)
{
  ThreadState *state = data;

  sb_stemmer_delete (state->stemmer);
  dash_word_table_free (state->words);
  g_free (state);
}

static GPrivate thread_state_key = G_PRIVATE_INIT (thread_state_free);

static ThreadState *
get_thread_state (void)
{
  ThreadState *state = g_private_get (&thread_state_key);

  if (state == NULL)
    {
      state = g_new0 (ThreadState, 1);
      state->stemmer = sb_stemmer_new ("english", NULL);
      g_assert (state->stemmer != NULL);
      state->words = dash_word_table_new ();
      g_private_set (&thread_state_key, state);
    }
  return state;
}

static void
clear_topic (gpointer data)
{
  Topic *topic = data;

  g_clear_pointer (&topic->name, g_free);
}

static void
clear_rule (gpointer data)
{
  Rule *rule = data;

  g_clear_pointer (&rule->stems, g_free);
}

static void
clear_stem (gpointer data)
{
  Stem *stem = data;

  g_clear_pointer (&stem->term_rules, g_array_unref);
  g_clear_pointer (&stem->phrase_rules, g_array_unref);
}

static void
dash_topic_classifier_finalize (GObject *object)
{
  DashTopicClassifier *self = DASH_TOPIC_CLASSIFIER (object);

  g_clear_pointer (&self->topics, g_array_unref);
  g_clear_pointer (&self->rules, g_array_unref);
  g_clear_pointer (&self->stems, g_array_unref);
  g_clear_pointer (&self->vocabulary, g_hash_table_unref);
  g_clear_pointer (&self->cues, g_hash_table_unref);

  G_OBJECT_CLASS (dash_topic_classifier_parent_class)->finalize (object);
}

static void
dash_topic_classifier_class_init (DashTopicClassifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dash_topic_classifier_finalize;
}

static void
dash_topic_classifier_init (DashTopicClassifier *self)
{
  static int last_serial;

  self->serial = g_atomic_int_add (&last_serial, 1) + 1;
  self->title_weight = 2.0;
  self->reference_length = 300.0;

  self->topics = g_array_new (FALSE, TRUE, sizeof (Topic));
  g_array_set_clear_func (self->topics, clear_topic);
  self->rules = g_array_new (FALSE, TRUE, sizeof (Rule));
  g_array_set_clear_func (self->rules, clear_rule);
  self->stems = g_array_new (FALSE, TRUE, sizeof (Stem));
  g_array_set_clear_func (self->stems, clear_stem);
  self->vocabulary = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_array_unref);
}

/* Tokenising. */

static inline gboolean
is_ascii_word_char (guchar c)
{
  return g_ascii_isalnum (c);
}

/* Calls @func with every lower-cased word of @text (NUL-terminated, at most MAX_WORD_LEN
 * bytes; longer words are passed as "" so that phrases do not match across them). A word is
 * a run of letters and digits; an apostrophe inside a word ("China's") is kept, as ASCII,
 * for the stemmer to remove. */
typedef void (*WordFunc) (const char *word,
                          gsize       len,
                          gpointer    user_data);

static void
for_each_word (const char *text,
               WordFunc    func,
               gpointer    user_data)
{
  char word[MAX_WORD_LEN + 8];
  gsize len = 0;
  gboolean too_long = FALSE;
  const char *p = text;

  if (text == NULL)
    return;

  while (TRUE)
    {
      guchar c = (guchar) *p;
      gboolean in_word = FALSE;
      gunichar ch = 0;
      gsize step = 1;

      if (c < 0x80)
        {
          if (is_ascii_word_char (c))
            {
              ch = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
              in_word = TRUE;
            }
          else if (c == '\'' && len > 0 && is_ascii_word_char ((guchar) p[1]))
            {
              ch = '\'';
              in_word = TRUE;
            }
        }
      else
        {
          const char *next = g_utf8_next_char (p);
          gunichar u = g_utf8_get_char_validated (p, -1);

          if (u == (gunichar) -1 || u == (gunichar) -2)
            next = p + 1;
          else if (g_unichar_isalnum (u))
            {
              ch = g_unichar_tolower (u);
              in_word = TRUE;
            }
          else if (u == 0x2019 && len > 0 && is_ascii_word_char ((guchar) *next))
            {
              ch = '\'';
              in_word = TRUE;
            }
          step = next - p;
        }

      if (in_word)
        {
          if (ch < 0x80)
            {
              if (len < MAX_WORD_LEN)
                word[len++] = (char) ch;
              else
                too_long = TRUE;
            }
          else
            {
              char buf[8];
              int n = g_unichar_to_utf8 (ch, buf);

              if (len + n <= MAX_WORD_LEN)
                {
                  memcpy (word + len, buf, n);
                  len += n;
                }
              else
                too_long = TRUE;
            }
        }
      else if (len > 0 || too_long)
        {
          word[too_long ? 0 : len] = '\0';
          func (word, too_long ? 0 : len, user_data);
          len = 0;
          too_long = FALSE;
        }

      if (c == '\0')
        break;
      p += step;
    }
}

static char *
stem_word (struct sb_stemmer *stemmer,
           const char        *word,
           gsize              len)
{
  const sb_symbol *stem = sb_stemmer_stem (stemmer, (const sb_symbol *) word, len);

  if (stem == NULL)
    return g_strndup (word, len);
  return g_strndup ((const char *) stem, sb_stemmer_length (stemmer));
}

/* Loading. */

typedef struct {
  struct sb_stemmer *stemmer;
  GPtrArray         *stems;   /* (element-type utf8) */
} RuleWords;

static void
collect_rule_word_cb (const char *word,
                      gsize       len,
                      gpointer    user_data)
{
  RuleWords *words = user_data;

  g_ptr_array_add (words->stems, stem_word (words->stemmer, word, len));
}

static int
intern_stem (DashTopicClassifier *self,
             const char          *stem)
{
  gpointer value = g_hash_table_lookup (self->vocabulary, stem);
  Stem entry = { NULL, NULL };

  if (value != NULL)
    return GPOINTER_TO_INT (value) - 1;

  g_array_append_val (self->stems, entry);
  g_hash_table_insert (self->vocabulary, g_strdup (stem), GINT_TO_POINTER (self->stems->len));
  return self->stems->len - 1;
}

static void
add_to_list (GArray **list,
             guint    rule)
{
  if (*list == NULL)
    *list = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (*list, rule);
}

static gboolean
add_text_rule (DashTopicClassifier *self,
               struct sb_stemmer   *stemmer,
               guint                topic,
               const char          *text,
               double               weight,
               GError             **error)
{
  g_autoptr(GPtrArray) stems = g_ptr_array_new_with_free_func (g_free);
  RuleWords words = { stemmer, stems };
  Rule rule = { topic, weight, NULL, 0 };
  Stem *first;

  for_each_word (text, collect_rule_word_cb, &words);
  if (stems->len == 0)
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_MALFORMED,
                   "Topic rule “%s” has no words", text);
      return FALSE;
    }

  rule.n_stems = stems->len;
  rule.stems = g_new (int, stems->len);
  for (guint i = 0; i < stems->len; i++)
    rule.stems[i] = intern_stem (self, g_ptr_array_index (stems, i));
  g_array_append_val (self->rules, rule);

  first = &g_array_index (self->stems, Stem, rule.stems[0]);
  if (rule.n_stems == 1)
    add_to_list (&first->term_rules, self->rules->len - 1);
  else
    add_to_list (&first->phrase_rules, self->rules->len - 1);
  return TRUE;
}

static void
add_cue_rule (DashTopicClassifier *self,
              guint                topic,
              const char          *name,
              double               weight)
{
  GArray *list = g_hash_table_lookup (self->cues, name);
  Rule rule = { topic, weight, NULL, 0 };

  g_array_append_val (self->rules, rule);
  if (list == NULL)
    {
      list = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (self->cues, g_strdup (name), list);
    }
  g_array_append_vals (list, &(guint) { self->rules->len - 1 }, 1);
}

static gboolean
get_weight (JsonNode    *node,
            const char  *topic,
            const char  *key,
            double      *weight,
            GError     **error)
{
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_DOUBLE || type == G_TYPE_INT64)
        {
          *weight = json_node_get_double (node);
          if (isfinite (*weight) && *weight >= 0)
            return TRUE;
        }
    }
  g_set_error (error, DASH_ERROR, DASH_ERROR_MALFORMED,
               "Topic “%s”: the weight of “%s” is not a number of zero or more",
               topic, key);
  return FALSE;
}

static gboolean
load_rule_set (DashTopicClassifier *self,
               struct sb_stemmer   *stemmer,
               guint                topic,
               JsonObject          *object,
               const char          *member,
               double               sign,
               gboolean             cues,
               GError             **error)
{
  const char *topic_id = g_array_index (self->topics, Topic, topic).id;
  JsonNode *node = json_object_get_member (object, member);
  JsonObjectIter iter;
  const char *key;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_MALFORMED,
                   "Topic “%s”: “%s” is not an object of weights", topic_id, member);
      return FALSE;
    }

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &key, &node))
    {
      double weight;

      if (!get_weight (node, topic_id, key, &weight, error))
        return FALSE;
      if (cues)
        add_cue_rule (self, topic, key, sign * weight);
      else if (!add_text_rule (self, stemmer, topic, key, sign * weight, error))
        return FALSE;
    }
  return TRUE;
}

static double
get_number (JsonObject *object,
            const char *member,
            double      fallback)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      (json_node_get_value_type (node) == G_TYPE_DOUBLE ||
       json_node_get_value_type (node) == G_TYPE_INT64))
    return json_node_get_double (node);
  return fallback;
}

static gboolean
load_rules (DashTopicClassifier *self,
            GBytes              *rules,
            GError             **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  struct sb_stemmer *stemmer;
  JsonObject *root;
  JsonArray *topics;
  JsonNode *node;
  gboolean ok = TRUE;
  gsize len;
  const char *data = g_bytes_get_data (rules, &len);

  if (!json_parser_load_from_data (parser, data, len, error))
    return FALSE;

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, DASH_ERROR, DASH_ERROR_MALFORMED,
                           "Topic rules are not a JSON object");
      return FALSE;
    }
  root = json_node_get_object (node);
  node = json_object_get_member (root, "topics");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, DASH_ERROR, DASH_ERROR_MALFORMED,
                           "Topic rules have no “topics” array");
      return FALSE;
    }
  topics = json_node_get_array (node);

  node = json_object_get_member (root, "scoring");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *scoring = json_node_get_object (node);

      self->title_weight = MAX (0, get_number (scoring, "title_weight", self->title_weight));
      self->reference_length = MAX (1, get_number (scoring, "reference_length",
                                                   self->reference_length));
    }

  stemmer = sb_stemmer_new ("english", NULL);
  g_assert (stemmer != NULL);

  for (guint i = 0; ok && i < json_array_get_length (topics); i++)
    {
      JsonNode *topic_node = json_array_get_element (topics, i);
      JsonObject *object;
      const char *id;
      const char *name;
      Topic topic = { NULL, NULL, 0 };
      guint index;

      if (!JSON_NODE_HOLDS_OBJECT (topic_node))
        {
          g_set_error (error, DASH_ERROR, DASH_ERROR_MALFORMED,
                       "Topic %u is not a JSON object", i);
          ok = FALSE;
          break;
        }
      object = json_node_get_object (topic_node);
      id = json_object_get_string_member_with_default (object, "id", NULL);
      name = json_object_get_string_member_with_default (object, "name", id);
      if (id == NULL || *id == '\0')
        {
          g_set_error (error, DASH_ERROR, DASH_ERROR_MALFORMED, "Topic %u has no id", i);
          ok = FALSE;
          break;
        }
      for (guint j = 0; j < self->topics->len; j++)
        if (g_str_equal (g_array_index (self->topics, Topic, j).id, id))
          {
            g_set_error (error, DASH_ERROR, DASH_ERROR_MALFORMED,
                         "Topic “%s” is defined twice", id);
            ok = FALSE;
          }
      if (!ok)
        break;

      topic.id = g_intern_string (id);
      topic.name = g_strdup (name);
      topic.threshold = get_number (object, "threshold", 1.0);
      g_array_append_val (self->topics, topic);
      index = self->topics->len - 1;

      ok = load_rule_set (self, stemmer, index, object, "terms", 1, FALSE, error) &&
           load_rule_set (self, stemmer, index, object, "phrases", 1, FALSE, error) &&
           load_rule_set (self, stemmer, index, object, "entities", 1, TRUE, error) &&
           load_rule_set (self, stemmer, index, object, "negative", -1, FALSE, error);
    }

  sb_stemmer_delete (stemmer);
  return ok;
}

/**
 * dash_topic_classifier_new:
 * @rules: the JSON of data/topics.json
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a classifier, or %NULL when the rules are broken
 */
DashTopicClassifier *
dash_topic_classifier_new (GBytes  *rules,
                           GError **error)
{
  g_autoptr(DashTopicClassifier) self = NULL;

  g_return_val_if_fail (rules != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (DASH_TYPE_TOPIC_CLASSIFIER, NULL);
  if (!load_rules (self, rules, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * dash_topic_classifier_new_default:
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a classifier with the rules built into the library
 */
DashTopicClassifier *
dash_topic_classifier_new_default (GError **error)
{
  g_autoptr(GBytes) rules = dash_data_lookup ("topics.json", error);

  if (rules == NULL)
    return NULL;
  return dash_topic_classifier_new (rules, error);
}

guint
dash_topic_classifier_get_n_topics (DashTopicClassifier *self)
{
  g_return_val_if_fail (DASH_IS_TOPIC_CLASSIFIER (self), 0);

  return self->topics->len;
}

const char *
dash_topic_classifier_get_id (DashTopicClassifier *self,
                              guint                index)
{
  g_return_val_if_fail (DASH_IS_TOPIC_CLASSIFIER (self), NULL);
  g_return_val_if_fail (index < self->topics->len, NULL);

  return g_array_index (self->topics, Topic, index).id;
}

const char *
dash_topic_classifier_get_name (DashTopicClassifier *self,
                                guint                index)
{
  g_return_val_if_fail (DASH_IS_TOPIC_CLASSIFIER (self), NULL);
  g_return_val_if_fail (index < self->topics->len, NULL);

  return g_dgettext (GETTEXT_PACKAGE, g_array_index (self->topics, Topic, index).name);
}

/* Classifying. */

typedef struct {
  DashTopicClassifier *self;
  ThreadState         *state;
  GArray              *tokens;   /* (element-type int): vocabulary ids, NO_STEM or BREAK */
} Tokens;

static void
add_token_cb (const char *word,
              gsize       len,
              gpointer    user_data)
{
  Tokens *tokens = user_data;
  DashWordTable *cache = tokens->state->words;
  int id = NO_STEM;

  if (len == 0)
    {
      /* A word too long to be a term. */
    }
  else if (!dash_word_table_lookup (cache, word, len, &id))
    {
      g_autofree char *stem = stem_word (tokens->state->stemmer, word, len);
      gpointer found = g_hash_table_lookup (tokens->self->vocabulary, stem);

      id = found != NULL ? GPOINTER_TO_INT (found) - 1 : NO_STEM;
      if (dash_word_table_size (cache) >= MAX_CACHED_WORDS)
        dash_word_table_clear (cache);
      dash_word_table_insert (cache, word, len, id);
    }
  g_array_append_val (tokens->tokens, id);
}

/* Counts every rule in @tokens into @counts (indexed by rule). */
static void
count_rules (DashTopicClassifier *self,
             GArray              *tokens,
             double              *counts)
{
  const int *ids = (const int *) (gpointer) tokens->data;

  for (guint i = 0; i < tokens->len; i++)
    {
      const Stem *stem;

      if (ids[i] < 0)
        continue;
      stem = &g_array_index (self->stems, Stem, ids[i]);

      if (stem->term_rules != NULL)
        for (guint j = 0; j < stem->term_rules->len; j++)
          counts[g_array_index (stem->term_rules, guint, j)] += 1;

      if (stem->phrase_rules != NULL)
        for (guint j = 0; j < stem->phrase_rules->len; j++)
          {
            guint r = g_array_index (stem->phrase_rules, guint, j);
            const Rule *rule = &g_array_index (self->rules, Rule, r);
            guint k;

            if (i + rule->n_stems > tokens->len)
              continue;
            for (k = 1; k < rule->n_stems; k++)
              if (ids[i + k] != rule->stems[k])
                break;
            if (k == rule->n_stems)
              counts[r] += 1;
          }
    }
}

static int
compare_scores (gconstpointer a,
                gconstpointer b)
{
  const DashTopicScore *sa = a;
  const DashTopicScore *sb = b;

  if (sa->score != sb->score)
    return sa->score < sb->score ? 1 : -1;
  return strcmp (sa->id, sb->id);
}

/**
 * dash_topic_classifier_classify:
 * @self: a #DashTopicClassifier
 * @title: (nullable): the story's title
 * @summary: (nullable): its summary
 * @body: (nullable): its text
 * @mentions: (nullable) (element-type DashMention): its entities
 *
 * Thread-safe: several threads may classify with one classifier at once.
 *
 * Returns: (transfer full) (element-type DashTopicScore): the topics the story belongs
 *   to, best first; empty when none
 */
GArray *
dash_topic_classifier_classify (DashTopicClassifier *self,
                                const char          *title,
                                const char          *summary,
                                const char          *body,
                                GArray              *mentions)
{
  g_autoptr(GArray) title_tokens = NULL;
  g_autoptr(GArray) text_tokens = NULL;
  g_autofree double *title_counts = NULL;
  g_autofree double *text_counts = NULL;
  g_autofree double *sums = NULL;
  GArray *result;
  Tokens tokens;
  double norm;
  guint text_length;
  guint n_breaks;

  g_return_val_if_fail (DASH_IS_TOPIC_CLASSIFIER (self), NULL);

  result = g_array_new (FALSE, FALSE, sizeof (DashTopicScore));
  if (self->topics->len == 0)
    return result;

  tokens.self = self;
  tokens.state = get_thread_state ();
  if (tokens.state->serial != self->serial)
    {
      /* The cached ids belong to another classifier. */
      dash_word_table_clear (tokens.state->words);
      tokens.state->serial = self->serial;
    }

  title_tokens = tokens.tokens = g_array_sized_new (FALSE, FALSE, sizeof (int), 32);
  for_each_word (title, add_token_cb, &tokens);

  text_tokens = tokens.tokens = g_array_sized_new (FALSE, FALSE, sizeof (int), 1024);
  for_each_word (summary, add_token_cb, &tokens);
  n_breaks = 0;
  if (text_tokens->len > 0)
    {
      g_array_append_val (text_tokens, (int) { BREAK });
      n_breaks++;
    }
  for_each_word (body, add_token_cb, &tokens);
  text_length = text_tokens->len - n_breaks;

  title_counts = g_new0 (double, self->rules->len);
  text_counts = g_new0 (double, self->rules->len);
  count_rules (self, title_tokens, title_counts);
  count_rules (self, text_tokens, text_counts);

  for (guint i = 0; mentions != NULL && i < mentions->len; i++)
    {
      const DashMention *mention = &g_array_index (mentions, DashMention, i);
      GArray *list;

      if (mention->name == NULL || (list = g_hash_table_lookup (self->cues, mention->name)) == NULL)
        continue;
      for (guint j = 0; j < list->len; j++)
        {
          guint r = g_array_index (list, guint, j);

          if (mention->field == DASH_FIELD_TITLE)
            title_counts[r] += 1;
          else
            text_counts[r] += 1;
        }
    }

  /* Text evidence is divided by the square root of how many times longer than the
   * reference length the text is; title evidence is not divided. */
  norm = sqrt (MAX (1.0, text_length / self->reference_length));
  sums = g_new0 (double, self->topics->len);
  for (guint r = 0; r < self->rules->len; r++)
    {
      const Rule *rule = &g_array_index (self->rules, Rule, r);

      if (text_counts[r] > 0)
        sums[rule->topic] += rule->weight * (1 + log (text_counts[r])) / norm;
      if (title_counts[r] > 0)
        sums[rule->topic] += rule->weight * self->title_weight;
    }

  for (guint t = 0; t < self->topics->len; t++)
    {
      const Topic *topic = &g_array_index (self->topics, Topic, t);

      if (sums[t] > 0 && sums[t] >= topic->threshold)
        g_array_append_val (result, ((DashTopicScore) { topic->id, sums[t] }));
    }
  g_array_sort (result, compare_scores);
  return result;
}
