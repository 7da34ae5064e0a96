/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-entity-extractor"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "dash-data.h"
#include "dash-entity-extractor.h"
#include "dash-word-table.h"

/* How entities are found (rule-based, one pass over the words of a story):
 *
 * 1. The title and the body are split into tokens: words (runs of letters and digits,
 *    with inner apostrophes and dotted acronyms such as "U.S.") and single punctuation
 *    characters. A possessive "'s" ends its word. Each token keeps its byte and character
 *    offsets, whether it starts a sentence, and whether it is in a headline (the title
 *    or a short body line in Title Case), where capitals say nothing.
 * 2. Known names (the gazetteer and the ISO 3166 countries) are matched longest first.
 *    A capital used as a metonym ("Beijing said") is its country unless the context marks
 *    a place ("in Beijing", "Beijing-based"); demonyms are adjective mentions.
 * 3. Other capitalised sequences (joined by "of", "for", "and", "de", "bin"...) are names
 *    when they do not start with a stop word or, at a sentence start or in a headline,
 *    with a word that the story also uses in lower case. They are typed by cues: titles
 *    before them ("President", "Ambassador", "engineer") or verbs after them ("said") make
 *    a PERSON, like a common given name in front; words such as "University", "Agency"
 *    or "Holdings" make an ORG; "Sea", "Province" or "Strait" a PLACE. A sequence with no
 *    cue is dropped, and so is a lone unknown word: precision first.
 * 4. A later (or earlier) short form of a name found in the story, such as a surname or an
 *    acronym given in brackets, is linked to the full name. In headlines, unknown
 *    sequences count only when they are such a known name. */

/* Longest alias, in tokens. */
#define MAX_ALIAS_TOKENS 12

typedef struct {
  char           *name;
  DashEntityType  type;
  int             metonym_of;   /* Entity index, or -1. */
} Entity;

typedef struct {
  guint    entity;
  guint    n_tokens;
  gboolean adjective;
  char   **tokens;
} Alias;

struct _DashEntityExtractor
{
  GObject     parent_instance;

  GArray     *entities;      /* Entity */
  GHashTable *entity_index;  /* "TYPE\x1fname" → index + 1 */
  GHashTable *aliases;       /* first token → GPtrArray of Alias, longest first */
  GHashTable *given_names;   /* set */
};

G_DEFINE_FINAL_TYPE (DashEntityExtractor, dash_entity_extractor, G_TYPE_OBJECT)

/* Words that never start a name, even when capitalised. */
static const char *const stop_words[] = {
  "A", "An", "The", "This", "That", "These", "Those", "It", "Its", "In", "On", "At", "Of",
  "For", "From", "With", "By", "To", "As", "And", "But", "Or", "Nor", "If", "When", "While",
  "Where", "Why", "How", "What", "Who", "Which", "Whether", "However", "Meanwhile", "Although",
  "Though", "After", "Before", "Since", "Until", "Despite", "During", "Under", "Over", "Also",
  "Still", "Yet", "So", "Then", "Thus", "There", "Here", "We", "I", "He", "She", "They", "You",
  "Our", "My", "His", "Her", "Their", "Your", "Some", "Many", "Most", "All", "Any", "Each",
  "Every", "No", "Not", "Now", "Today", "Yesterday", "Tomorrow", "According", "Like",
  "Unlike", "Instead", "Other", "Another", "Such", "Both", "Neither", "Either", "More",
  "Less", "One", "Two", "Three", "First", "Second", "Last", "Next", "New", "Is", "Are", "Was",
  "Were", "Will", "Would", "Can", "Could", "Should", "May", "Might", "Must", "Do", "Does",
  "Did", "Has", "Have", "Had", "Let", "Let’s", "Let's", "Even", "Just", "Only", "Already",
  "Further", "Furthermore", "Moreover", "Additionally", "Indeed", "Overall", "Similarly",
  "Nevertheless", "Nonetheless", "Therefore", "Hence", "Because", "Why", "Please", "Read",
  "See", "Click", "Continue", "Photo", "Image", "Source", "Via", "Mr", "Mrs", "Ms",
  "January", "February", "March", "April", "June", "July", "August", "September",
  "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
  "Sept", "Oct", "Nov", "Dec", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
  "Saturday", "Sunday", "AI", "CEO", "CEOs", "GDP", "US$", "OK", "TV", "Internet", "Web",
  "Covid", "COVID", "Christmas", "Easter", "Ramadan", "God", "Western", "Eastern", "Northern",
  "Southern", "West", "East", "North", "South", "Global", "International", "National",
  "Federal", "State", "Government", "Ministry", "Party", "Army", "Group", "Company",
  NULL
};

/* Stop words that may still be inside a name ("Alibaba Group", "Bank of the West"). */
static const char *const name_inner_words[] = {
  "Global", "International", "National", "Federal", "State", "Government", "Ministry",
  "Party", "Army", "Group", "Company", "Western", "Eastern", "Northern", "Southern", "West",
  "East", "North", "South", "New", "First", "Second", "One", "Two", "Three", "Internet",
  "Web", "AI", "TV", NULL
};

/* Titles and roles written before a name: they make a PERSON and are not part of it. */
static const char *const person_titles[] = {
  "President", "Vice", "Prime", "Minister", "Secretary", "Dr", "Mr", "Mrs", "Ms", "Miss",
  "General", "Gen", "Lieutenant", "Lt", "Colonel", "Col", "Admiral", "Adm", "Major", "Captain",
  "Chairman", "Chairwoman", "Chair", "CEO", "Ambassador", "Senator", "Sen", "Rep",
  "Representative", "Governor", "Gov", "Mayor", "Judge", "Justice", "King", "Queen", "Prince",
  "Princess", "Pope", "Chancellor", "Director", "Envoy", "Premier", "Deputy", "Commissioner",
  "Spokesman", "Spokeswoman", "Spokesperson", "Professor", "Prof", "Sir", "Lord", "Dame",
  "Sheikh", "Emir", "Crown", "Speaker", "Chief", "Founder", "Co-founder", "Advisor",
  "Adviser", "Commander", "Marshal", "Sergeant", "Ayatollah", "Foreign", "Defense",
  "Defence", "Finance", "Trade", "Commerce", "Interior", "Economy", "Special", "Former",
  "Retired", "Senior", "Executive", "Officer", "Attorney", "Counselor", "Councillor",
  "Lawmaker", "Treasurer", "Presidential", "Analyst", "Economist", "Reporter", "Author",
  NULL
};

/* Lower-case words written just before a name that make it a PERSON. */
static const char *const person_prefixes[] = {
  "president", "minister", "secretary", "ambassador", "senator", "governor", "spokesman",
  "spokeswoman", "spokesperson", "engineer", "analyst", "economist", "professor", "lecturer",
  "researcher", "scientist", "journalist", "reporter", "author", "writer", "editor",
  "investor", "billionaire", "entrepreneur", "founder", "co-founder", "capitalist", "official",
  "lawmaker", "director", "chairman", "executive", "envoy", "diplomat", "leader", "general",
  "colonel", "commander", "activist", "expert", "fellow", "strategist", "adviser", "advisor",
  "wrote", "said", "says", "told", "added", "mogul", "tycoon", "premier", "chancellor",
  "mayor", "judge", "candidate", "opponent", "rival", "successor", "predecessor", "colleague",
  "counterpart", "prosecutor", "lawyer", "attorney", "businessman", "businesswoman",
  "singer", "actor", "actress", "star", "chief", NULL
};

/* Lower-case words written just after a name that make it a PERSON. */
static const char *const person_verbs[] = {
  "said", "says", "told", "wrote", "argues", "argued", "added", "noted", "stated",
  "explained", "believes", "believed", "thinks", "claims", "claimed", "contends",
  "contended", "points", "pointed", "warned", "acknowledged", "insisted", "urged",
  "tweeted", "posted", "announced", "admitted", "recalled", "suggested", "asserted",
  "emphasised", "emphasized", "stressed", "replied", "declined", "resigned", "met",
  "visited", "who", NULL
};

/* Roles named in an apposition after a name (", co-founder of", ", the CEO"). */
static const char *const person_roles[] = {
  "co", "co-founder", "founder", "chief", "CEO", "head", "director", "president", "chairman",
  "professor", "lecturer", "analyst", "economist", "researcher", "scientist", "spokesman",
  "spokeswoman", "spokesperson", "minister", "secretary", "ambassador", "author", "editor",
  "reporter", "correspondent", "senior", "former", "executive", "partner", "manager",
  "adviser", "advisor", "fellow", "vice", "deputy", "general", "senator", "governor",
  "founding", NULL
};

/* Last (or first) words that make an ORG. */
static const char *const org_cues[] = {
  "Inc", "Ltd", "Corp", "Corporation", "Co", "Group", "Holdings", "Holding", "University",
  "College", "School", "Academy", "Ministry", "Department", "Agency", "Army", "Navy",
  "Force", "Forces", "Guard", "Command", "Bank", "Party", "Council", "Institute",
  "Institution", "Association", "Company", "Technologies", "Technology", "Network",
  "Networks", "Office", "Service", "Services", "Commission", "Committee", "Foundation",
  "Fund", "Review", "Post", "Times", "News", "Center", "Centre", "Organization",
  "Organisation", "Federation", "Union", "Alliance", "Front", "Media", "Labs", "Systems",
  "Motors", "Airlines", "Airways", "Energy", "Partners", "Press", "Court", "Parliament",
  "Assembly", "Senate", "Bureau", "Authority", "Administration", "Board", "Society",
  "Exchange", "Club", "Movement", "Brigade", "Brigades", "Journal", "Bulletin", "Herald",
  "Tribune", "Gazette", "Daily", "Broadcasting", "Industries", "Electronics", "Pharma",
  "Pharmaceuticals", "Capital", "Ventures", "Securities", "Insurance", "Consulting",
  "Research", "Studies", "Trust", "Coalition", "League", "Congress", "Cabinet", "Police",
  "Intelligence", "Semiconductor", "Semiconductors", "Robotics", "Software", "Solutions",
  "Enterprises", "Newsletter", "Podcast", "Magazine", "Inc.", "Ltd.", "Corp.", "Co.", "LLC", "PLC", "plc", "AG", "SA", "GmbH",
  NULL
};

/* Last (or first) words that make a PLACE. */
static const char *const place_cues[] = {
  "City", "Province", "Island", "Islands", "Sea", "Strait", "Straits", "Mountains",
  "Mountain", "Mount", "River", "Lake", "Bay", "Valley", "Region", "County", "Peninsula",
  "Desert", "Ocean", "Base", "Airport", "Port", "Pole", "Canal", "District", "Square",
  "Prefecture", "Oblast", "Plateau", "Basin", "Coast", "Harbour", "Harbor", "Village",
  "Town", "Street", "Avenue", "Highway", "Park", NULL
};

/* Words joining the parts of a name. */
static const char *const connectors[] = {
  "of", "for", "and", "&", "de", "da", "del", "della", "di", "du", "la", "le", "bin", "bint",
  "al", "el", "van", "von", "der", "den", "the", "on", "a", NULL
};

/* Lower-case words before a capital that make it a place rather than its government. */
static const char *const place_prepositions[] = {
  "in", "at", "to", "from", "near", "outside", "around", "across", "via", "into", "visit",
  "visited", "visiting", "visits", "inside", "throughout", "through", "toward", "towards",
  "between", NULL
};

/* Words after a capital that make it a place. */
static const char *const place_followers[] = {
  "based", "born", "listed", "headquartered", "airport", "residents", "streets", "suburbs",
  "skyline", "district", "city", "municipal", "resident", "hotel", "office", "campus",
  "marathon", "summit", NULL
};

typedef enum {
  KIND_WORD,
  KIND_PUNCT,
} TokenKind;

typedef struct {
  const char *text;        /* Into the field. */
  guint       len;         /* Bytes. */
  guint       start;       /* Characters. */
  guint       end;
  guint       kind : 1;
  guint       cap : 1;     /* Starts with an upper-case letter. */
  guint       lower : 1;   /* Starts with a lower-case letter. */
  guint       sentence_start : 1;
  guint       headline : 1;
  guint       space_before : 1;
  guint       newline_before : 1;
  guint       possessive : 1;
  guint       used : 1;    /* Part of a mention already. */
  gunichar    ch;          /* For punctuation. */
} Token;

typedef struct {
  DashField field;
  GArray   *tokens;        /* Token */
} Field;

/* A name found in the story, before it becomes mentions. */
typedef struct {
  guint           field;
  guint           first;   /* Token indices, inclusive. */
  guint           last;
  char           *name;
  int             type;    /* DashEntityType, or -1 when unknown yet. */
  gboolean        adjective;
  gboolean        known;   /* From the gazetteer or a link. */
} Candidate;

/* The word lists are static: each gets a hash set the first time it is asked, kept
 * for the life of the process, so a lookup costs a hash instead of a scan. The sets are
 * published once made and never change, so the parser threads read them without a lock
 * (a lookup is made for nearly every word of every story). */
#define MAX_WORD_LISTS 16

static struct {
  const char *const *list;
  DashWordTable     *set;
} word_sets[MAX_WORD_LISTS];
static int n_word_sets;

static gboolean
in_list (const char *const *list,
         const char        *word)
{
  static GMutex lock;
  DashWordTable *set = NULL;
  int n = g_atomic_int_get (&n_word_sets);
  gsize len = strlen (word);

  for (int i = 0; i < n; i++)
    if (word_sets[i].list == list)
      return dash_word_table_lookup (word_sets[i].set, word, len, NULL);

  g_mutex_lock (&lock);
  n = n_word_sets;
  for (int i = 0; i < n && set == NULL; i++)
    if (word_sets[i].list == list)
      set = word_sets[i].set;
  if (set == NULL)
    {
      g_assert (n < MAX_WORD_LISTS);
      set = dash_word_table_new ();
      for (guint i = 0; list[i] != NULL; i++)
        dash_word_table_insert (set, list[i], strlen (list[i]), 0);
      word_sets[n].list = list;
      word_sets[n].set = set;
      /* Published after it is complete. */
      g_atomic_int_set (&n_word_sets, n + 1);
    }
  g_mutex_unlock (&lock);

  return dash_word_table_lookup (set, word, len, NULL);
}

/* The token as a NUL-terminated key, with typographic apostrophes made plain. */
static const char *
token_key (const Token *token,
           char        *buf,
           gsize        size)
{
  gsize j = 0;

  for (guint i = 0; i < token->len && j + 1 < size; i++)
    {
      if ((guchar)token->text[i] == 0xe2 && i + 2 < token->len &&
          (guchar)token->text[i + 1] == 0x80 && (guchar)token->text[i + 2] == 0x99)
        {
          buf[j++] = '\'';
          i += 2;
        }
      else
        buf[j++] = token->text[i];
    }
  buf[j] = '\0';
  return buf;
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

/* ASCII first: most of any news text, and the Unicode tables cost a lookup each. */
static inline gboolean
is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c);
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static inline gunichar
get_char (const char *p)
{
  return (guchar)*p < 0x80 ? (gunichar)*p : g_utf8_get_char (p);
}

/* Splits @text into tokens; see the comment at the top. */
static GArray *
tokenize (const char *text)
{
  GArray *tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  const char *p = text;
  guint pos = 0;
  gboolean sentence_start = TRUE;
  gboolean space = TRUE;
  gboolean newline = TRUE;

  if (text == NULL)
    return tokens;

  while (*p != '\0')
    {
      gunichar c = get_char (p);
      Token token = { 0 };

      if (c < 0x80 ? g_ascii_isspace (c) : (g_unichar_isspace (c) || c == 0xa0))
        {
          if (c == '\n')
            {
              newline = TRUE;
              sentence_start = TRUE;
            }
          space = TRUE;
          p = g_utf8_next_char (p);
          pos++;
          continue;
        }

      token.text = p;
      token.start = pos;
      token.space_before = space;
      token.newline_before = newline;

      if (is_word_char (c))
        {
          const char *q = p;
          guint n = 0;
          guint letters_since_dot = 0;
          gboolean dotted = FALSE;

          token.kind = KIND_WORD;
          token.cap = c < 0x80 ? g_ascii_isupper (c) : (g_unichar_isupper (c) ||
                                                         g_unichar_istitle (c));
          token.lower = c < 0x80 ? g_ascii_islower (c) : g_unichar_islower (c);
          token.sentence_start = sentence_start;

          while (*q != '\0')
            {
              gunichar d = get_char (q);
              const char *next = g_utf8_next_char (q);

              if (is_word_char (d))
                {
                  letters_since_dot++;
                  q = next;
                  n++;
                  continue;
                }
              if (is_apostrophe (d) && is_word_char (g_utf8_get_char (next)))
                {
                  const char *after = g_utf8_next_char (next);

                  /* "Musk's": the possessive ends the word. */
                  if ((*next == 's' || *next == 'S') && !is_word_char (g_utf8_get_char (after)))
                    {
                      token.possessive = TRUE;
                      break;
                    }
                  q = next;
                  n++;
                  continue;
                }
              /* "U.S.", "U.K.": single capitals joined by dots. */
              if (d == '.' && letters_since_dot == 1 && g_ascii_isupper (q[-1]) &&
                  g_ascii_isupper (*next) && next[1] == '.')
                {
                  dotted = TRUE;
                  letters_since_dot = 0;
                  q = next;
                  n++;
                  continue;
                }
              if (d == '.' && dotted && letters_since_dot == 1)
                {
                  q = next;
                  n++;
                }
              break;
            }

          token.len = q - p;
          token.end = pos + n;
          pos += n;
          p = q;
          g_array_append_val (tokens, token);
          sentence_start = FALSE;
          space = FALSE;
          newline = FALSE;

          /* Skip the possessive suffix. */
          if (token.possessive)
            {
              p = g_utf8_next_char (p);
              p = g_utf8_next_char (p);
              pos += 2;
            }
          continue;
        }

      token.kind = KIND_PUNCT;
      token.ch = c;
      p = g_utf8_next_char (p);
      token.len = p - token.text;
      token.end = ++pos;
      g_array_append_val (tokens, token);
      space = FALSE;
      newline = FALSE;
      if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == 0x2022 ||
          c == '*' || c == 0x2013 || c == 0x2014 || c == '|')
        sentence_start = TRUE;
    }

  return tokens;
}

/* Marks as headline the tokens of lines written in Title Case. */
static void
mark_headlines (GArray   *tokens,
                gboolean  whole)
{
  guint line_start = 0;

  for (guint i = 0; i <= tokens->len; i++)
    {
      guint words = 0, long_words = 0, capped = 0;
      gboolean ends_sentence;

      if (i < tokens->len && !(i > line_start && g_array_index (tokens, Token, i).newline_before))
        continue;
      if (i == line_start)
        continue;

      for (guint j = line_start; j < i; j++)
        {
          Token *t = &g_array_index (tokens, Token, j);

          if (t->kind != KIND_WORD)
            continue;
          words++;
          if (t->len >= 4)
            {
              long_words++;
              capped += t->cap;
            }
        }
      ends_sentence = g_array_index (tokens, Token, i - 1).kind == KIND_PUNCT &&
                      g_array_index (tokens, Token, i - 1).ch == '.';
      if ((whole || (words <= 14 && !ends_sentence)) && long_words >= 2 &&
          capped * 10 >= long_words * 6)
        for (guint j = line_start; j < i; j++)
          g_array_index (tokens, Token, j).headline = TRUE;
      line_start = i;
    }
}

static void
dash_entity_extractor_finalize (GObject *object)
{
  DashEntityExtractor *self = (DashEntityExtractor *)object;

  for (guint i = 0; self->entities != NULL && i < self->entities->len; i++)
    g_free (g_array_index (self->entities, Entity, i).name);
  g_clear_pointer (&self->entities, g_array_unref);
  g_clear_pointer (&self->entity_index, g_hash_table_unref);
  g_clear_pointer (&self->aliases, g_hash_table_unref);
  g_clear_pointer (&self->given_names, g_hash_table_unref);

  G_OBJECT_CLASS (dash_entity_extractor_parent_class)->finalize (object);
}

static void
dash_entity_extractor_class_init (DashEntityExtractorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dash_entity_extractor_finalize;
}

static void
alias_free (gpointer data)
{
  Alias *alias = data;

  g_strfreev (alias->tokens);
  g_free (alias);
}

static void
dash_entity_extractor_init (DashEntityExtractor *self)
{
  self->entities = g_array_new (FALSE, TRUE, sizeof (Entity));
  self->entity_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)g_ptr_array_unref);
  self->given_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static int
find_entity (DashEntityExtractor *self,
             DashEntityType       type,
             const char          *name)
{
  g_autofree char *key = g_strdup_printf ("%d\x1f%s", type, name);

  return GPOINTER_TO_INT (g_hash_table_lookup (self->entity_index, key)) - 1;
}

static guint
add_entity (DashEntityExtractor *self,
            DashEntityType       type,
            const char          *name)
{
  int found = find_entity (self, type, name);
  Entity entity = { NULL, type, -1 };

  if (found >= 0)
    return found;
  entity.name = g_strdup (name);
  g_array_append_val (self->entities, entity);
  g_hash_table_insert (self->entity_index, g_strdup_printf ("%d\x1f%s", type, name),
                       GINT_TO_POINTER (self->entities->len));
  return self->entities->len - 1;
}

static int
compare_aliases (gconstpointer a,
                 gconstpointer b)
{
  const Alias *x = *(const Alias **)a;
  const Alias *y = *(const Alias **)b;

  return (int)y->n_tokens - (int)x->n_tokens;
}

static void
add_alias (DashEntityExtractor *self,
           guint                entity,
           const char          *surface,
           gboolean             adjective)
{
  g_autoptr(GArray) tokens = NULL;
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *list;
  Alias *alias;
  char buf[256];

  if (g_str_has_prefix (surface, "the "))
    surface += 4;
  if (strchr (surface, ',') != NULL || strchr (surface, '(') != NULL)
    return;
  tokens = tokenize (surface);
  if (tokens->len == 0 || tokens->len > MAX_ALIAS_TOKENS)
    return;

  for (guint i = 0; i < tokens->len; i++)
    g_ptr_array_add (words, g_strdup (token_key (&g_array_index (tokens, Token, i),
                                                 buf, sizeof buf)));
  /* Possessives are not tokens: "People's Liberation Army" keeps its "'s". */
  for (guint i = 0; i < tokens->len; i++)
    if (g_array_index (tokens, Token, i).possessive)
      {
        char *w = g_ptr_array_index (words, i);

        g_ptr_array_index (words, i) = g_strconcat (w, "\x1fs", NULL);
        g_free (w);
      }
  g_ptr_array_add (words, NULL);

  list = g_hash_table_lookup (self->aliases, g_ptr_array_index (words, 0));
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      Alias *other = g_ptr_array_index (list, i);

      if (g_strv_equal ((const char *const *)other->tokens,
                        (const char *const *)words->pdata))
        {
          /* The first definition wins. */
          return;
        }
    }

  alias = g_new0 (Alias, 1);
  alias->entity = entity;
  alias->adjective = adjective;
  alias->n_tokens = words->len - 1;
  alias->tokens = (char **)g_ptr_array_free (g_steal_pointer (&words), FALSE);
  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func (alias_free);
      g_hash_table_insert (self->aliases, g_strdup (alias->tokens[0]), list);
    }
  g_ptr_array_add (list, alias);
  g_ptr_array_sort (list, compare_aliases);
}

static void
add_aliases_from (DashEntityExtractor *self,
                  guint                entity,
                  JsonObject          *object,
                  const char          *member,
                  gboolean             adjective)
{
  JsonArray *array;

  if (!json_object_has_member (object, member))
    return;
  array = json_object_get_array_member (object, member);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *alias = json_array_get_string_element (array, i);

      if (alias != NULL && *alias != '\0')
        add_alias (self, entity, alias, adjective);
    }
}

static gboolean
load_iso3166 (DashEntityExtractor *self,
              const char          *path,
              GHashTable          *renamed,
              GError             **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *countries;

  if (!json_parser_load_from_file (parser, path, error))
    return FALSE;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "3166-1"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s is not an ISO 3166-1 file"), path);
      return FALSE;
    }

  countries = json_object_get_array_member (json_node_get_object (root), "3166-1");
  for (guint i = 0; countries != NULL && i < json_array_get_length (countries); i++)
    {
      JsonObject *country = json_array_get_object_element (countries, i);
      const char *code, *name, *common, *official, *canonical;
      guint entity;

      if (country == NULL)
        continue;
      code = json_object_get_string_member_with_default (country, "alpha_2", NULL);
      name = json_object_get_string_member_with_default (country, "name", NULL);
      common = json_object_get_string_member_with_default (country, "common_name", NULL);
      official = json_object_get_string_member_with_default (country, "official_name", NULL);
      if (code == NULL || name == NULL)
        continue;

      canonical = g_hash_table_lookup (renamed, code);
      if (canonical == NULL)
        canonical = common != NULL ? common : name;
      entity = add_entity (self, DASH_ENTITY_COUNTRY, canonical);
      add_alias (self, entity, canonical, FALSE);
      add_alias (self, entity, name, FALSE);
      if (common != NULL)
        add_alias (self, entity, common, FALSE);
      if (official != NULL)
        add_alias (self, entity, official, FALSE);
    }

  return TRUE;
}

DashEntityExtractor *
dash_entity_extractor_new (GBytes      *gazetteer,
                           const char  *iso3166_path,
                           GError     **error)
{
  g_autoptr(DashEntityExtractor) self = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) renamed = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *root;
  JsonArray *entities, *given;
  gconstpointer data;
  gsize len;

  g_return_val_if_fail (gazetteer != NULL, NULL);
  g_return_val_if_fail (iso3166_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (gazetteer, &len);
  if (!json_parser_load_from_data (parser, data, len, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The gazetteer is not a JSON object"));
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  entities = json_object_has_member (root, "entities") ?
             json_object_get_array_member (root, "entities") : NULL;
  if (entities == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The gazetteer has no entities"));
      return NULL;
    }

  self = g_object_new (DASH_TYPE_ENTITY_EXTRACTOR, NULL);

  given = json_object_has_member (root, "given_names") ?
          json_object_get_array_member (root, "given_names") : NULL;
  for (guint i = 0; given != NULL && i < json_array_get_length (given); i++)
    {
      const char *name = json_array_get_string_element (given, i);

      if (name != NULL)
        g_hash_table_add (self->given_names, g_strdup (name));
    }

  /* Countries the gazetteer renames come first, so that their names win. */
  for (guint i = 0; i < json_array_get_length (entities); i++)
    {
      JsonObject *object = json_array_get_object_element (entities, i);
      const char *code;

      if (object == NULL)
        continue;
      code = json_object_get_string_member_with_default (object, "code", NULL);
      if (code != NULL)
        g_hash_table_insert (renamed, (gpointer)code,
                             (gpointer)json_object_get_string_member_with_default (object,
                                                                                   "name", ""));
    }

  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < json_array_get_length (entities); i++)
        {
          JsonObject *object = json_array_get_object_element (entities, i);
          const char *name, *type_name, *metonym_of;
          int type;
          guint entity;

          if (object == NULL)
            continue;
          name = json_object_get_string_member_with_default (object, "name", NULL);
          type_name = json_object_get_string_member_with_default (object, "type", NULL);
          type = dash_entity_type_from_string (type_name);
          if (name == NULL || *name == '\0' || type < 0)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Gazetteer entry %u has no name or no valid type"), i);
              return NULL;
            }
          metonym_of = json_object_get_string_member_with_default (object, "metonym_of", NULL);

          /* Metonyms point at entities that the first pass made. */
          if ((pass == 0) != (metonym_of == NULL))
            continue;

          entity = add_entity (self, type, name);
          add_alias (self, entity, name, FALSE);
          add_aliases_from (self, entity, object, "aliases", FALSE);
          add_aliases_from (self, entity, object, "demonyms", TRUE);
          if (metonym_of != NULL)
            {
              int target = find_entity (self, DASH_ENTITY_COUNTRY, metonym_of);

              if (target < 0)
                target = find_entity (self, DASH_ENTITY_ORG, metonym_of);
              g_array_index (self->entities, Entity, entity).metonym_of = target;
            }
        }

      /* ISO 3166 after the gazetteer's countries: their aliases come first. */
      if (pass == 0 && !load_iso3166 (self, iso3166_path, renamed, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

void
dash_entity_extractor_add_alias (DashEntityExtractor *self,
                                 const char          *alias,
                                 const char          *name,
                                 DashEntityType       type)
{
  g_return_if_fail (DASH_IS_ENTITY_EXTRACTOR (self));
  g_return_if_fail (alias != NULL);
  g_return_if_fail (name != NULL);

  add_alias (self, add_entity (self, type, name), alias, FALSE);
}

DashEntityExtractor *
dash_entity_extractor_new_default (GError **error)
{
  g_autoptr(GBytes) gazetteer = dash_data_lookup ("gazetteer.json", error);

  if (gazetteer == NULL)
    return NULL;
  return dash_entity_extractor_new (gazetteer, dash_data_get_iso3166_path (), error);
}

/* Per-story state. */
typedef struct {
  DashEntityExtractor *self;
  Field                fields[2];
  DashWordTable       *lower_words;  /* Words the story writes in lower case. */
  GArray              *candidates;   /* Candidate */
  GHashTable          *names;        /* Unknown full name → DashEntityType + 1 */
  GHashTable          *short_forms;  /* Short form → full name (NULL when ambiguous) */
  GHashTable          *short_types;  /* Short form → DashEntityType + 1 */
} Story;

static Token *
get_token (Story *story,
           guint  field,
           int    i)
{
  GArray *tokens = story->fields[field].tokens;

  if (i < 0 || (guint)i >= tokens->len)
    return NULL;
  return &g_array_index (tokens, Token, i);
}

static gboolean
token_is (const Token *token,
          const char  *word)
{
  return token != NULL && token->kind == KIND_WORD && token->len == strlen (word) &&
         memcmp (token->text, word, token->len) == 0;
}

static gboolean
token_in (const Token       *token,
          const char *const *list)
{
  char buf[64];

  if (token == NULL || token->kind != KIND_WORD || token->len >= sizeof buf)
    return FALSE;
  return in_list (list, token_key (token, buf, sizeof buf));
}

/* @token's key in lower case, in @buf when it is ASCII (most are), else allocated in
 * @out_lower. */
static const char *
token_key_lower (const Token  *token,
                 char         *buf,
                 gsize         size,
                 char        **out_lower)
{
  gboolean ascii = TRUE;

  token_key (token, buf, size);
  for (char *p = buf; *p != '\0'; p++)
    {
      if ((guchar)*p >= 0x80)
        ascii = FALSE;
      else if (*p >= 'A' && *p <= 'Z')
        *p += 'a' - 'A';
    }
  if (ascii)
    return buf;
  return *out_lower = g_utf8_strdown (buf, -1);
}

static gboolean
token_in_lower (const Token       *token,
                const char *const *list)
{
  char buf[64];
  g_autofree char *lower = NULL;

  if (token == NULL || token->kind != KIND_WORD || token->len >= sizeof buf)
    return FALSE;
  return in_list (list, token_key_lower (token, buf, sizeof buf, &lower));
}

/* Whether the story writes this capitalised word in lower case elsewhere. */
static gboolean
is_common_word (Story       *story,
                const Token *token)
{
  char buf[64];
  g_autofree char *allocated = NULL;
  const char *lower;

  if (token->len >= sizeof buf)
    return FALSE;
  lower = token_key_lower (token, buf, sizeof buf, &allocated);
  return dash_word_table_lookup (story->lower_words, lower, strlen (lower), NULL);
}

static void
candidate_clear (Candidate *candidate)
{
  g_clear_pointer (&candidate->name, g_free);
}

static void
add_candidate (Story          *story,
               guint           field,
               guint           first,
               guint           last,
               const char     *name,
               int             type,
               gboolean        adjective,
               gboolean        known)
{
  Candidate candidate = { field, first, last, g_strdup (name), type, adjective, known };

  for (guint i = first; i <= last; i++)
    get_token (story, field, i)->used = TRUE;
  g_array_append_val (story->candidates, candidate);
}

/* Whether the context around a capital's tokens makes it a place. */
static gboolean
capital_is_place (Story *story,
                  guint  field,
                  guint  first,
                  guint  last)
{
  Token *before = get_token (story, field, first - 1);
  Token *after = get_token (story, field, last + 1);
  Token *after2 = get_token (story, field, last + 2);

  /* "in Beijing", and "in Amsterdam, California, and London". */
  for (int i = (int)first - 1, n = 0; i >= 0 && n < 12; i--, n++)
    {
      Token *t = get_token (story, field, i);

      if (t->kind == KIND_WORD && t->lower && token_in_lower (t, place_prepositions))
        return TRUE;
      if (t->kind == KIND_PUNCT && t->ch == ',')
        continue;
      if (t->kind == KIND_WORD && (t->cap || token_is (t, "and") || token_is (t, "or")) &&
          (i != (int)first - 1 || !t->cap))
        continue;
      break;
    }
  (void)before;
  if (get_token (story, field, last)->possessive)
    {
      /* "Beijing's airport" is the city; "Beijing's response" the government. */
      return after != NULL && token_in_lower (after, place_followers);
    }
  if (after != NULL && after->kind == KIND_PUNCT && (after->ch == '-' || after->ch == 0x2010) &&
      !after->space_before && after2 != NULL && token_in_lower (after2, place_followers))
    return TRUE;
  if (after != NULL && after->kind == KIND_WORD && after->lower &&
      token_in_lower (after, place_followers))
    return TRUE;
  return FALSE;
}

/* The longest alias that matches at token @i, or NULL; @last is where it ends. */
static Alias *
match_alias (Story *story,
             guint  field,
             guint  i,
             guint *last_out)
{
  DashEntityExtractor *self = story->self;
  GArray *tokens = story->fields[field].tokens;
  Token *token = &g_array_index (tokens, Token, i);
  GPtrArray *list;
  char buf[256];

  if (token->kind != KIND_WORD || token->lower || token->used)
    return NULL;
  list = g_hash_table_lookup (self->aliases, token_key (token, buf, sizeof buf));
  if (list == NULL && token->possessive)
    {
      g_strlcat (buf, "\x1fs", sizeof buf);
      list = g_hash_table_lookup (self->aliases, buf);
    }
  for (guint a = 0; list != NULL && a < list->len; a++)
    {
      Alias *alias = g_ptr_array_index (list, a);
      gboolean matched = TRUE;
      guint last = i + alias->n_tokens - 1;
      Token *next, *next2;

      if (last >= tokens->len)
        continue;
      for (guint k = 0; k < alias->n_tokens && matched; k++)
        {
          Token *t = &g_array_index (tokens, Token, i + k);
          const char *want = alias->tokens[k];
          const char *mark = strstr (want, "\x1fs");
          gsize want_len = mark != NULL ? (gsize)(mark - want) : strlen (want);

          token_key (t, buf, sizeof buf);
          matched = strlen (buf) == want_len && memcmp (buf, want, want_len) == 0 &&
                    !t->used && (k == 0 || !t->newline_before) &&
                    (mark == NULL || t->possessive) &&
                    (k + 1 == alias->n_tokens || !t->possessive || mark != NULL);
        }
      if (!matched)
        continue;

      /* A person's name does not end before a hyphen and a capital: "Wang Yi-ming" is
       * not Wang Yi. */
      next = get_token (story, field, last + 1);
      next2 = get_token (story, field, last + 2);
      if (next != NULL && next->kind == KIND_PUNCT && next->ch == '-' && !next->space_before &&
          next2 != NULL && next2->kind == KIND_WORD && next2->cap && !next2->space_before &&
          g_array_index (self->entities, Entity, alias->entity).type == DASH_ENTITY_PERSON)
        continue;

      *last_out = last;
      return alias;
    }
  return NULL;
}

/* Step 2: the gazetteer, longest match first. */
static void
match_gazetteer (Story *story,
                 guint  field)
{
  DashEntityExtractor *self = story->self;
  GArray *tokens = story->fields[field].tokens;

  for (guint i = 0; i < tokens->len; i++)
    {
      Alias *alias;
      const Entity *entity;
      DashEntityType type;
      const char *name;
      guint last = i, last2 = i;

      alias = match_alias (story, field, i, &last);
      if (alias == NULL)
        continue;

      /* "President Xi Jinping": a title alias gives way to a longer name after it. */
      if (token_in (get_token (story, field, i), person_titles) &&
          match_alias (story, field, i + 1, &last2) != NULL && last2 > last)
        continue;

      entity = &g_array_index (self->entities, Entity, alias->entity);
      type = entity->type;
      name = entity->name;

      /* "Space Force" in "Vandenberg Space Force Base" is part of a longer name. */
      if ((type == DASH_ENTITY_ORG || type == DASH_ENTITY_PLACE) && entity->metonym_of < 0)
        {
          Token *next = get_token (story, field, last + 1);

          if (next != NULL && next->kind == KIND_WORD && next->cap && !next->possessive &&
              !next->newline_before && (token_in (next, place_cues) || token_in (next, org_cues)))
            continue;
        }
      if (entity->metonym_of >= 0 && !capital_is_place (story, field, i, last))
        {
          const Entity *target = &g_array_index (self->entities, Entity, entity->metonym_of);

          type = target->type;
          name = target->name;
        }
      add_candidate (story, field, i, last, name, type, alias->adjective, TRUE);
      i = last;
    }
}

static gboolean
can_start_name (Story       *story,
                const Token *token)
{
  if (token->kind != KIND_WORD || !token->cap || token->used)
    return FALSE;
  if (token_in (token, stop_words))
    return FALSE;
  if ((token->sentence_start || token->headline) && is_common_word (story, token))
    return FALSE;
  return TRUE;
}

static gboolean
is_hyphen_join (Story *story,
                guint  field,
                guint  i)
{
  Token *t = get_token (story, field, i);
  Token *next = get_token (story, field, i + 1);

  return t != NULL && t->kind == KIND_PUNCT && (t->ch == '-' || t->ch == 0x2010) &&
         !t->space_before && next != NULL && next->kind == KIND_WORD && next->cap &&
         !next->space_before && !next->used;
}

static char *
surface (Story *story,
         guint  field,
         guint  first,
         guint  last)
{
  Token *a = get_token (story, field, first);
  Token *b = get_token (story, field, last);

  return g_strndup (a->text, b->text + b->len - a->text);
}

/* Words of an apposition after a name that make it an ORG (", a brand that"). */
static const char *const org_appositions[] = {
  "owner", "maker", "parent", "operator", "developer", "company", "firm", "startup",
  "subsidiary", "brand", "retailer", "chain", "platform", "outlet", "bank", "carrier",
  "manufacturer", "supplier", "giant", "group", "publisher", "broadcaster", "newspaper",
  "agency", "lender", "insurer", "producer", "unit", "affiliate", "consultancy", NULL
};

/* The type that an apposition after token @last gives a name (", co-founder of",
 * ", a brand"), or -1. */
static int
apposition_type (Story *story,
                 guint  field,
                 guint  last)
{
  Token *after = get_token (story, field, last + 1);
  Token *w;

  if (after == NULL || after->kind != KIND_PUNCT || after->ch != ',')
    return -1;
  w = get_token (story, field, last + 2);
  if (w != NULL && (token_is (w, "the") || token_is (w, "a") || token_is (w, "an")))
    w = get_token (story, field, last + 3);
  if (token_in (w, person_roles))
    return DASH_ENTITY_PERSON;
  if (token_in (w, org_appositions))
    return DASH_ENTITY_ORG;
  return -1;
}

/* The type that the words of a run and its context give it, or -1. */
static int
type_run (Story *story,
          guint  field,
          guint *first,
          guint  last)
{
  Token *before = get_token (story, field, *first - 1);
  Token *after = get_token (story, field, last + 1);
  Token *head = get_token (story, field, *first);
  Token *tail = get_token (story, field, last);
  guint words = 0;
  gboolean titled = FALSE;

  /* Titles in front make a person: keep what follows the last of them. */
  for (guint i = *first; i < last; i++)
    {
      Token *t = get_token (story, field, i);

      if (token_in (t, person_titles) && !token_in (t, org_cues))
        {
          *first = i + 1;
          titled = TRUE;
        }
      else if (titled && token_in (t, connectors))
        continue;
      else if (titled && i + 1 < last && token_in (get_token (story, field, i + 1), connectors))
        continue;
    }
  if (titled)
    {
      /* Skip "of Defense" in "Secretary of Defense Pete Hegseth". */
      while (*first < last && token_in (get_token (story, field, *first), connectors))
        *first += 2;
      if (*first > last || token_in (get_token (story, field, *first), person_titles))
        return -1;
      head = get_token (story, field, *first);
      for (guint i = *first; i <= last; i++)
        if (token_in (get_token (story, field, i), org_cues) ||
            token_in (get_token (story, field, i), connectors))
          return -1;
      return DASH_ENTITY_PERSON;
    }

  if (token_in (tail, org_cues))
    return DASH_ENTITY_ORG;
  if (token_in (tail, place_cues))
    return DASH_ENTITY_PLACE;
  if (*first != last && token_in (head, org_cues))
    return DASH_ENTITY_ORG;
  if (*first != last && token_in (head, place_cues))
    return DASH_ENTITY_PLACE;
  for (guint i = *first; i <= last; i++)
    {
      Token *t = get_token (story, field, i);

      if (t->kind == KIND_WORD)
        words++;
      if (token_in (t, org_cues))
        return DASH_ENTITY_ORG;
    }

  {
    int type = apposition_type (story, field, last);

    if (type >= 0)
      return type;
  }

  /* Names have no digits and no all-capital words. */
  for (guint i = *first; i <= last; i++)
    {
      Token *t = get_token (story, field, i);

      if (t->kind == KIND_WORD && (g_ascii_isdigit (t->text[0]) ||
                                   (t->len > 1 && g_ascii_isupper (t->text[1]))))
        return -1;
      if (t->kind == KIND_WORD && !t->cap)
        return -1;
    }

  if (before != NULL && before->kind == KIND_WORD && before->lower &&
      token_in (before, person_prefixes))
    return DASH_ENTITY_PERSON;
  if (after != NULL && after->kind == KIND_WORD && token_in (after, person_verbs) &&
      words >= 2)
    return DASH_ENTITY_PERSON;
  if (after != NULL && (token_is (after, "is") || token_is (after, "was")))
    {
      Token *w = get_token (story, field, last + 2);

      if (w != NULL && (token_is (w, "a") || token_is (w, "an") || token_is (w, "the")))
        w = get_token (story, field, last + 3);
      if (token_in (w, person_roles) || token_in_lower (w, person_prefixes))
        return DASH_ENTITY_PERSON;
    }
  if (words >= 2 && words <= 4 && head->kind == KIND_WORD)
    {
      char buf[64];

      if (head->len < sizeof buf &&
          g_hash_table_contains (story->self->given_names, token_key (head, buf, sizeof buf)))
        return DASH_ENTITY_PERSON;
    }
  return -1;
}

typedef struct {
  guint field;
  guint first;
  guint last;
} Run;

/* Whether the connectors between tokens @j and @k may join two parts of one name:
 * "of", "of the", "for a", "bin", but not "and the" nor "and" after a complete name
 * ("Tesla Group and Ford"). */
static gboolean
connectors_join (Story *story,
                 guint  field,
                 guint  j,
                 guint  k)
{
  Token *first = get_token (story, field, j + 1);
  Token *before = get_token (story, field, j);

  if (token_is (first, "and") || token_is (first, "&"))
    return k == j + 2 && !token_in (before, org_cues) && !token_in (before, place_cues);
  if (token_is (first, "the") || token_is (first, "a"))
    return FALSE;
  if (k == j + 3)
    {
      Token *second = get_token (story, field, j + 2);

      return (token_is (first, "of") || token_is (first, "for") || token_is (first, "on")) &&
             (token_is (second, "the") || token_is (second, "a"));
    }
  return TRUE;
}

/* Step 3: capitalised sequences not known to the gazetteer. */
static void
find_runs (Story  *story,
           guint   field,
           GArray *runs)
{
  GArray *tokens = story->fields[field].tokens;

  for (guint i = 0; i < tokens->len; i++)
    {
      Token *token = &g_array_index (tokens, Token, i);
      Run run = { field, i, i };
      guint j;

      if (!can_start_name (story, token))
        continue;

      j = i;
      while (TRUE)
        {
          Token *t = &g_array_index (tokens, Token, j);
          Token *next = get_token (story, field, j + 1);
          guint k;

          if (t->possessive)
            break;
          if (is_hyphen_join (story, field, j + 1))
            {
              j += 2;
              continue;
            }
          if (next != NULL && next->kind == KIND_WORD && next->cap && !next->used &&
              !next->newline_before &&
              (!token_in (next, stop_words) || token_in (next, name_inner_words)))
            {
              j++;
              continue;
            }
          /* Connectors, then a capital. */
          k = j + 1;
          while (k < tokens->len && k < j + 3 && token_in (get_token (story, field, k), connectors)
                 && get_token (story, field, k)->lower)
            k++;
          if (k > j + 1 && k < tokens->len && connectors_join (story, field, j, k))
            {
              Token *c = get_token (story, field, k);

              if (c->kind == KIND_WORD && c->cap && !token_in (c, stop_words) &&
                  (!c->used || TRUE))
                {
                  /* A known country or place after "of" belongs to the name
                   * ("Federation of American Scientists") when a cue says so. */
                  if (c->used)
                    break;
                  j = k;
                  continue;
                }
            }
          break;
        }
      run.last = j;
      g_array_append_val (runs, run);
      i = j;
    }
}

/* Absorbs known countries and demonyms into a run that continues after them with an
 * organisation cue: "Federation of American Scientists". */
static void
absorb_known (Story *story,
              Run   *run)
{
  guint field = run->field;
  Token *next = get_token (story, field, run->last + 1);
  Token *after = get_token (story, field, run->last + 2);
  guint end, k;

  if (next == NULL || !token_in (next, connectors) || after == NULL || !after->used)
    return;

  /* Find the candidate that covers @after. */
  for (k = 0; k < story->candidates->len; k++)
    {
      Candidate *c = &g_array_index (story->candidates, Candidate, k);

      if (c->field == field && c->first == run->last + 2)
        break;
    }
  if (k == story->candidates->len)
    return;
  if (g_array_index (story->candidates, Candidate, k).type != DASH_ENTITY_COUNTRY)
    return;

  end = g_array_index (story->candidates, Candidate, k).last;
  while (TRUE)
    {
      Token *t = get_token (story, field, end + 1);

      if (t != NULL && t->kind == KIND_WORD && t->cap && !t->used && !t->possessive)
        end++;
      else
        break;
    }
  if (end == g_array_index (story->candidates, Candidate, k).last ||
      !token_in (get_token (story, field, end), org_cues))
    return;

  candidate_clear (&g_array_index (story->candidates, Candidate, k));
  g_array_remove_index (story->candidates, k);
  run->last = end;
}

static void
add_short_form (Story          *story,
                const char     *short_form,
                const char     *full,
                DashEntityType  type)
{
  gpointer old;

  if (g_hash_table_lookup_extended (story->short_forms, short_form, NULL, &old))
    {
      if (g_strcmp0 (old, full) != 0)
        g_hash_table_insert (story->short_forms, g_strdup (short_form), NULL);
      return;
    }
  g_hash_table_insert (story->short_forms, g_strdup (short_form), g_strdup (full));
  g_hash_table_insert (story->short_types, g_strdup (short_form), GINT_TO_POINTER (type + 1));
}

/* Registers the parts of a full name as short forms of it. */
static void
register_name (Story          *story,
               guint           field,
               guint           first,
               guint           last,
               const char     *full,
               DashEntityType  type)
{
  Token *after = get_token (story, field, last + 1);
  Token *acronym = get_token (story, field, last + 2);
  Token *close = get_token (story, field, last + 3);
  char buf[64];

  /* "Congressional Research Service (CRS)". */
  if (after != NULL && after->kind == KIND_PUNCT && after->ch == '(' && acronym != NULL &&
      acronym->kind == KIND_WORD && acronym->cap && close != NULL &&
      close->kind == KIND_PUNCT && close->ch == ')' && acronym->len < sizeof buf &&
      type != DASH_ENTITY_PERSON)
    add_short_form (story, token_key (acronym, buf, sizeof buf), full, type);

  if (first == last)
    return;
  for (guint i = first; i <= last; i++)
    {
      Token *t = get_token (story, field, i);

      if (t->kind != KIND_WORD || !t->cap || t->len < 2 || t->len >= sizeof buf)
        continue;
      token_key (t, buf, sizeof buf);
      if (token_in (t, stop_words) || token_in (t, person_titles))
        continue;
      if (type == DASH_ENTITY_PERSON)
        {
          if (i == first && g_hash_table_contains (story->self->given_names, buf))
            continue;
        }
      else if (type == DASH_ENTITY_ORG)
        {
          /* "Northrop" for "Northrop Grumman", not "Capital" for "Capital Economics". */
          if (i != first || is_common_word (story, t) || token_in (t, org_cues) ||
              g_hash_table_contains (story->self->given_names, buf))
            continue;
        }
      else
        continue;
      add_short_form (story, buf, full, type);
    }
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a;
  const Candidate *y = b;

  if (x->field != y->field)
    return (int)x->field - (int)y->field;
  return (int)x->first - (int)y->first;
}

GArray *
dash_entity_extractor_extract (DashEntityExtractor *self,
                               const char          *title,
                               const char          *body)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (Run));
  g_autoptr(GArray) types = g_array_new (FALSE, FALSE, sizeof (int));
  GArray *mentions;
  Story story = { 0 };

  g_return_val_if_fail (DASH_IS_ENTITY_EXTRACTOR (self), NULL);

  mentions = g_array_new (FALSE, TRUE, sizeof (DashMention));
  g_array_set_clear_func (mentions, (GDestroyNotify)dash_mention_clear);

  story.self = self;
  story.fields[0].field = DASH_FIELD_TITLE;
  story.fields[0].tokens = tokenize (title);
  story.fields[1].field = DASH_FIELD_BODY;
  story.fields[1].tokens = tokenize (body);
  story.lower_words = dash_word_table_new ();
  story.candidates = g_array_new (FALSE, TRUE, sizeof (Candidate));
  g_array_set_clear_func (story.candidates, (GDestroyNotify)candidate_clear);
  story.names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  story.short_forms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  story.short_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  mark_headlines (story.fields[0].tokens, TRUE);
  mark_headlines (story.fields[1].tokens, FALSE);

  for (guint f = 0; f < 2; f++)
    for (guint i = 0; i < story.fields[f].tokens->len; i++)
      {
        Token *t = &g_array_index (story.fields[f].tokens, Token, i);
        char buf[64];

        if (t->kind == KIND_WORD && t->lower && t->len < sizeof buf)
          {
            const char *key = token_key (t, buf, sizeof buf);

            dash_word_table_insert (story.lower_words, key, strlen (key), 0);
          }
      }

  /* Body first: the title's names are usually explained there. */
  match_gazetteer (&story, 1);
  match_gazetteer (&story, 0);
  for (guint i = 0; i < story.candidates->len; i++)
    {
      Candidate *c = &g_array_index (story.candidates, Candidate, i);

      if (c->type == DASH_ENTITY_PERSON || c->type == DASH_ENTITY_ORG)
        register_name (&story, c->field, c->first, c->last, c->name, c->type);
    }

  find_runs (&story, 1, runs);
  find_runs (&story, 0, runs);

  /* Type the runs outside headlines; remember the names they give. */
  for (guint r = 0; r < runs->len; r++)
    {
      Run *run = &g_array_index (runs, Run, r);
      Token *head = get_token (&story, run->field, run->first);
      int type = -1;

      if (!head->headline)
        {
          guint first;

          absorb_known (&story, run);
          first = run->first;
          type = type_run (&story, run->field, &first, run->last);
          if (type >= 0)
            run->first = first;
        }
      g_array_append_val (types, type);
      if (type >= 0)
        {
          g_autofree char *name = surface (&story, run->field, run->first, run->last);

          if (run->first == run->last && type != DASH_ENTITY_PERSON &&
              apposition_type (&story, run->field, run->last) != type)
            continue;
          if (!g_hash_table_contains (story.names, name))
            g_hash_table_insert (story.names, g_strdup (name), GINT_TO_POINTER (type + 1));
          register_name (&story, run->field, run->first, run->last, name, type);
        }
    }

  /* Emit the runs: typed ones, known full names, or short forms of them. */
  for (guint r = 0; r < runs->len; r++)
    {
      Run *run = &g_array_index (runs, Run, r);
      g_autofree char *name = surface (&story, run->field, run->first, run->last);
      int type = g_array_index (types, int, r);
      gpointer value;

      if (type < 0 && g_hash_table_lookup_extended (story.names, name, NULL, &value))
        type = GPOINTER_TO_INT (value) - 1;
      if (type >= 0 && (run->first != run->last || type == DASH_ENTITY_PERSON ||
                        (g_array_index (types, int, r) >= 0 &&
                         apposition_type (&story, run->field, run->last) == (int)type)))
        {
          /* A single titled surname ("Ambassador Khorev") is the full name if known. */
          if (run->first == run->last)
            {
              const char *full = g_hash_table_lookup (story.short_forms, name);

              if (full != NULL)
                {
                  g_free (name);
                  name = g_strdup (full);
                }
            }
          add_candidate (&story, run->field, run->first, run->last, name, type, FALSE, FALSE);
          continue;
        }

      /* Short forms, word by word ("Musk" in "Musk Tesla" headlines). */
      for (guint i = run->first; i <= run->last; i++)
        {
          Token *t = get_token (&story, run->field, i);
          char buf[64];
          const char *full;

          if (t->kind != KIND_WORD || t->len >= sizeof buf || t->used)
            continue;
          full = g_hash_table_lookup (story.short_forms, token_key (t, buf, sizeof buf));
          if (full != NULL)
            add_candidate (&story, run->field, i, i, full,
                           GPOINTER_TO_INT (g_hash_table_lookup (story.short_types, buf)) - 1,
                           FALSE, FALSE);
        }
    }

  g_array_sort (story.candidates, compare_candidates);
  for (guint i = 0; i < story.candidates->len; i++)
    {
      Candidate *c = &g_array_index (story.candidates, Candidate, i);
      DashMention mention = { 0 };

      if (c->type < 0)
        continue;
      mention.name = g_steal_pointer (&c->name);
      mention.type = c->type;
      mention.field = story.fields[c->field].field;
      mention.start = get_token (&story, c->field, c->first)->start;
      mention.end = get_token (&story, c->field, c->last)->end;
      mention.adjective = c->adjective;
      g_array_append_val (mentions, mention);
    }

  g_array_unref (story.fields[0].tokens);
  g_array_unref (story.fields[1].tokens);
  dash_word_table_free (story.lower_words);
  g_array_unref (story.candidates);
  g_hash_table_unref (story.names);
  g_hash_table_unref (story.short_forms);
  g_hash_table_unref (story.short_types);

  return mentions;
}
