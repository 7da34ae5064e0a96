/* SPDX-License-Identifier: GPL-3.0-or-later */

/* HTML to text and plain-text clean-up.
 *
 * dash_html_to_text() parses with libxml2's forgiving HTML parser and walks the tree
 * without recursion, so broken and deeply nested markup costs neither stack nor
 * quadratic time. The walk only decides where words, lines and paragraphs meet; every
 * other rule (whitespace folding, bullets, boilerplate) lives in dash_text_clean(), so
 * feed text that arrives as HTML and as plain text ends up looking the same. */

#define G_LOG_DOMAIN "dash-html"

#include "config.h"

#include "dash-html.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <string.h>

/* Ordered from weakest to strongest, so that the strongest pending one wins. */
typedef enum {
  SEPARATOR_NONE,
  SEPARATOR_SPACE,
  SEPARATOR_LINE,
  SEPARATOR_PARAGRAPH,
} Separator;

/* Text clean-up. */

/* Characters that never carry meaning in an article's text: zero-width space, word
 * joiner, byte order mark and soft hyphen. They are dropped, not turned into spaces, so
 * that a word broken up with them for line wrapping stays one word. */
static inline gboolean
is_invisible (gunichar c)
{
  return c == 0x200B || c == 0x2060 || c == 0xFEFF || c == 0x00AD;
}

/* Bullet characters that may start a list line. The asterisk is handled apart because
 * it only counts as a bullet when a space follows. */
static inline gboolean
is_bullet (gunichar c)
{
  switch (c)
    {
    case 0x00B7: /* · */
    case 0x2022: /* • */
    case 0x2023: /* ‣ */
    case 0x2043: /* ⁃ */
    case 0x2219: /* ∙ */
    case 0x25A0: /* ■ */
    case 0x25AA: /* ▪ */
    case 0x25CB: /* ○ */
    case 0x25CF: /* ● */
    case 0x25E6: /* ◦ */
      return TRUE;
    default:
      return FALSE;
    }
}

/* Punctuation and arrows that decorate "Read more" links. */
static inline gboolean
is_decoration (gunichar c)
{
  switch (c)
    {
    case ' ':
    case '.':
    case ':':
    case '!':
    case '>':
    case '[':
    case ']':
    case '(':
    case ')':
    case '-':
    case 0x00BB: /* » */
    case 0x2013: /* – */
    case 0x2014: /* — */
    case 0x2026: /* … */
    case 0x203A: /* › */
    case 0x2192: /* → */
    case 0x25B8: /* ▸ */
    case 0x25BA: /* ► */
    case 0x27A1: /* ➡ */
      return TRUE;
    default:
      return FALSE;
    }
}

static inline gboolean
is_arrow (gunichar c)
{
  return c == 0x00BB || c == 0x203A || c == 0x2192 || c == 0x25B8 || c == 0x25BA ||
         c == 0x27A1 || c == '>';
}

/* Link texts that only lead to the rest of an article, compared after the decoration
 * around them is trimmed and without regard to ASCII case. */
static const char * const read_more_phrases[] = {
  "continue reading",
  "keep reading",
  "read full article",
  "read full story",
  "read more",
  "read the full article",
  "read the full story",
  "read the rest",
};

/* Narrows @s/@len to leave out decoration at both ends. */
static void
trim_decoration (const char **s,
                 gsize       *len)
{
  const char *start = *s;
  const char *end = *s + *len;

  while (start < end && is_decoration (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);

  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);

      if (prev == NULL || !is_decoration (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  *s = start;
  *len = end - start;
}

static gboolean
is_read_more (const char *s,
              gsize       len)
{
  trim_decoration (&s, &len);

  for (gsize i = 0; i < G_N_ELEMENTS (read_more_phrases); i++)
    if (len == strlen (read_more_phrases[i]) &&
        g_ascii_strncasecmp (s, read_more_phrases[i], len) == 0)
      return TRUE;

  return FALSE;
}

static const char *
find_in (const char *haystack,
         gsize       len,
         const char *needle)
{
  gsize needle_len = strlen (needle);

  if (needle_len > len)
    return NULL;

  for (const char *p = haystack; p + needle_len <= haystack + len; p++)
    {
      p = memchr (p, needle[0], haystack + len - p);
      if (p == NULL || p + needle_len > haystack + len)
        return NULL;
      if (memcmp (p, needle, needle_len) == 0)
        return p;
    }

  return NULL;
}

static const char *
rfind_in (const char *haystack,
          gsize       len,
          const char *needle)
{
  gsize needle_len = strlen (needle);

  if (needle_len > len)
    return NULL;

  for (gsize i = len - needle_len + 1; i > 0; i--)
    if (haystack[i - 1] == needle[0] && memcmp (haystack + i - 1, needle, needle_len) == 0)
      return haystack + i - 1;

  return NULL;
}

/* The last @needle in the NUL-terminated @s: glibc's strstr() skips ahead far faster
 * than a loop that stops at every space would. */
static const char *
rfind_str (const char *s,
           const char *needle)
{
  const char *last = NULL;

  for (const char *p = strstr (s, needle); p != NULL; p = strstr (p + 1, needle))
    last = p;
  return last;
}

/* The WordPress feed footer, "The post <title> appeared first on <site>.", is one
 * sentence: whatever follows "appeared first on" is short and has no sentence end. */
#define FOOTER_START  "The post "
#define FOOTER_MIDDLE " appeared first on "
#define FOOTER_MAX_TITLE 400
#define FOOTER_MAX_SITE  160

static gboolean
is_footer_tail (const char *s,
                gsize       len)
{
  const char *middle;
  const char *site;
  gsize site_len;

  if (len < strlen (FOOTER_START) + strlen (FOOTER_MIDDLE) ||
      strncmp (s, FOOTER_START, strlen (FOOTER_START)) != 0)
    return FALSE;

  middle = rfind_in (s, len, FOOTER_MIDDLE);
  if (middle == NULL || (gsize)(middle - s) > strlen (FOOTER_START) + FOOTER_MAX_TITLE)
    return FALSE;

  site = middle + strlen (FOOTER_MIDDLE);
  site_len = s + len - site;
  return site_len <= FOOTER_MAX_SITE && find_in (site, site_len, ". ") == NULL;
}

/* A whole paragraph (or line) that is boilerplate. @s has no leading or trailing space. */
static gboolean
is_boilerplate (const char *s,
                gsize       len)
{
  const char *trimmed = s;
  gsize trimmed_len = len;

  if (is_footer_tail (s, len))
    return TRUE;

  /* Only decoration left: "…", "[…]", "»", "—". */
  trim_decoration (&trimmed, &trimmed_len);
  if (trimmed_len == 0)
    return TRUE;

  if (is_read_more (s, len))
    return TRUE;

  /* WordPress' "Continue reading <title> →". */
  if (len < 400 && g_ascii_strncasecmp (trimmed, "continue reading ", 17) == 0)
    {
      const char *last = g_utf8_find_prev_char (s, s + len);

      if (last != NULL && is_arrow (g_utf8_get_char (last)))
        return TRUE;
    }

  return FALSE;
}

static gboolean
ends_sentence (const char *s,
               gsize       len)
{
  const char *last;
  gunichar c;

  while (len > 0 && s[len - 1] == ' ')
    len--;
  if (len == 0)
    return TRUE;

  last = g_utf8_find_prev_char (s, s + len);
  if (last == NULL)
    return FALSE;

  c = g_utf8_get_char (last);
  return c == '.' || c == '!' || c == '?' || c == ']' || c == ')' || c == '"' ||
         c == 0x2026 || c == 0x201D || c == 0x2019;
}

/* Removes a footer or a "Read more" link that ends a longer paragraph, as when an
 * excerpt and its links were joined on one line. Returns whether @para changed. */
static gboolean
strip_trailing_boilerplate (GString *para)
{
  const char *s = para->str;
  const char *middle;
  gsize end = para->len;
  gsize start;

  /* "… [the text]. The post <title> appeared first on <site>." */
  middle = rfind_str (s, FOOTER_MIDDLE);
  if (middle != NULL)
    {
      gsize limit = middle - s;
      const char *from = limit > FOOTER_MAX_TITLE ? s + limit - FOOTER_MAX_TITLE : s;
      const char *post = rfind_in (from, middle - from, FOOTER_START);

      if (post != NULL && post > s && post[-1] == ' ' &&
          is_footer_tail (post, s + para->len - post))
        {
          g_string_truncate (para, post - s - 1);
          return TRUE;
        }
    }

  /* "… the text. Read more »". The link text is capitalised and follows the end of a
   * sentence, so that "we should read more" is left alone. */
  while (end > 0)
    {
      const char *prev = g_utf8_find_prev_char (s, s + end);

      if (prev == NULL || !is_decoration (g_utf8_get_char (prev)))
        break;
      end = prev - s;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (read_more_phrases); i++)
    {
      gsize phrase_len = strlen (read_more_phrases[i]);
      gsize cut;

      if (end <= phrase_len)
        continue;
      start = end - phrase_len;
      if (!g_ascii_isupper (s[start]) ||
          g_ascii_strncasecmp (s + start, read_more_phrases[i], phrase_len) != 0 ||
          (s[start - 1] != ' ' && s[start - 1] != '[' && s[start - 1] != '('))
        continue;

      for (cut = start; cut > 0 && strchr (" [(", s[cut - 1]) != NULL; cut--)
        ;
      if (ends_sentence (s, cut))
        {
          g_string_truncate (para, cut);
          return TRUE;
        }
    }

  return FALSE;
}

typedef struct {
  GString *out;
  GString *para;
  GString *line;
} Cleaner;

static void
cleaner_end_paragraph (Cleaner *self)
{
  GString *para = self->para;

  for (int i = 0; i < 4 && para->len > 0 && strip_trailing_boilerplate (para); i++)
    ;

  if (para->len > 0 && !is_boilerplate (para->str, para->len))
    {
      if (self->out->len > 0)
        g_string_append (self->out, "\n\n");
      g_string_append_len (self->out, para->str, para->len);
    }

  g_string_truncate (para, 0);
}

/* Takes the bullets and the spaces after them off the start of @s. Returns the number of
 * bytes to skip, 0 when @s does not start with a bullet. */
static gsize
skip_bullets (const char *s,
              gsize       len)
{
  const char *p = s;
  const char *end = s + len;

  for (;;)
    {
      if (p < end && *p == '*' && (p + 1 == end || p[1] == ' '))
        p++;
      else if (p < end && is_bullet (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      else
        break;

      while (p < end && *p == ' ')
        p++;
    }

  return p - s;
}

/* Files one line, already folded and trimmed, into the current paragraph. */
static void
cleaner_end_line (Cleaner *self)
{
  const char *s = self->line->str;
  gsize len = self->line->len;
  gsize bullets;
  gboolean changed = TRUE;

  /* Leftovers of a CDATA section that was escaped twice or cut in half. */
  while (changed)
    {
      gsize skip = 0;

      if (len >= 9 && strncmp (s, "<![CDATA[", 9) == 0)
        skip = 9;
      else if (len >= 8 && strncmp (s, "![CDATA[", 8) == 0)
        skip = 8;
      s += skip;
      len -= skip;

      changed = skip > 0;
      if (len >= 3 && strncmp (s + len - 3, "]]>", 3) == 0)
        {
          len -= 3;
          changed = TRUE;
        }

      while (len > 0 && *s == ' ')
        {
          s++;
          len--;
        }
      while (len > 0 && s[len - 1] == ' ')
        len--;
    }

  bullets = skip_bullets (s, len);

  if (len == 0 || bullets > 0 || is_boilerplate (s, len))
    {
      /* A blank line, a bullet line or a boilerplate line ends the paragraph. */
      cleaner_end_paragraph (self);
      if (len > bullets && !is_boilerplate (s + bullets, len - bullets))
        {
          g_string_append_len (self->para, s + bullets, len - bullets);
          cleaner_end_paragraph (self);
        }
    }
  else
    {
      if (self->para->len > 0)
        g_string_append_c (self->para, ' ');
      g_string_append_len (self->para, s, len);
    }

  g_string_truncate (self->line, 0);
}

char *
dash_text_clean (const char *text)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) out = NULL;
  g_autoptr(GString) para = NULL;
  g_autoptr(GString) line = NULL;
  Cleaner cleaner;
  gboolean space = FALSE;
  const char *p;

  if (text == NULL || *text == '\0')
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid) + 1);
  para = g_string_new (NULL);
  line = g_string_new (NULL);
  cleaner = (Cleaner) { out, para, line };

  for (p = valid; *p != '\0';)
    {
      gunichar c;
      const char *next;

      if (*p == ' ')
        {
          space = TRUE;
          p++;
          continue;
        }

      /* Plain ASCII words go in one piece. */
      if ((guchar)*p > ' ' && (guchar)*p < 0x7F)
        {
          const char *start = p;

          while ((guchar)*p > ' ' && (guchar)*p < 0x7F)
            p++;
          if (space && line->len > 0)
            g_string_append_c (line, ' ');
          space = FALSE;
          g_string_append_len (line, start, p - start);
          continue;
        }

      c = g_utf8_get_char (p);
      next = g_utf8_next_char (p);

      if (c == '\r' || c == '\n' || c == 0x0085 || c == 0x2028)
        {
          if (c == '\r' && *next == '\n')
            next++;
          cleaner_end_line (&cleaner);
          space = FALSE;
        }
      else if (c == 0x2029)
        {
          cleaner_end_line (&cleaner);
          cleaner_end_line (&cleaner);
          space = FALSE;
        }
      else if (c == '\t' || c == '\v' || g_unichar_isspace (c))
        {
          /* Vertical tab included: word processors use it for a line break. */
          space = TRUE;
        }
      else if (g_unichar_iscntrl (c) || is_invisible (c))
        {
          /* Control characters and invisible ones are dropped. */
        }
      else
        {
          if (space && line->len > 0)
            g_string_append_c (line, ' ');
          space = FALSE;
          g_string_append_len (line, p, next - p);
        }

      p = next;
    }

  cleaner_end_line (&cleaner);
  cleaner_end_paragraph (&cleaner);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* HTML detection. */

/* Element names that mark a text as HTML when they appear as "<name>", "<name " or
 * "<name/". Kept short: only tags that show up in feed content. */
static const char * const html_tags[] = {
  "a", "abbr", "article", "aside", "b", "blockquote", "body", "br", "caption", "center",
  "cite", "code", "dd", "div", "dl", "dt", "em", "figcaption", "figure", "font", "footer",
  "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "i", "iframe",
  "img", "li", "link", "main", "meta", "nav", "noscript", "ol", "p", "picture", "pre", "q",
  "s", "script", "section", "small", "source", "span", "strong", "style", "sub", "sup",
  "svg", "table", "tbody", "td", "th", "thead", "time", "title", "tr", "u", "ul", "video",
};

static gboolean
looks_like_tag (const char *p)
{
  const char *name;
  gsize len = 0;
  char after;

  g_assert (*p == '<');
  p++;

  if (*p == '/')
    return g_ascii_isalpha (p[1]);
  if (*p == '!')
    return strncmp (p, "!--", 3) == 0 || strncmp (p, "![CDATA[", 8) == 0 ||
           g_ascii_strncasecmp (p, "!doctype", 8) == 0;

  name = p;
  while (len < 12 && g_ascii_isalnum (name[len]))
    len++;
  if (len == 0)
    return FALSE;

  after = name[len];
  if (after != '>' && after != '/' && !g_ascii_isspace (after))
    return FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (html_tags); i++)
    if (strlen (html_tags[i]) == len && g_ascii_strncasecmp (name, html_tags[i], len) == 0)
      return TRUE;

  return FALSE;
}

/* "&#39;", "&#x2019;" or "&name;" with a name of two letters or more (so that "AT&T;"
 * is not taken for an entity). */
static gboolean
looks_like_entity (const char *p)
{
  gsize len = 0;

  g_assert (*p == '&');
  p++;

  if (*p == '#')
    {
      p++;
      if (*p == 'x' || *p == 'X')
        {
          p++;
          while (len < 8 && g_ascii_isxdigit (p[len]))
            len++;
        }
      else
        {
          while (len < 8 && g_ascii_isdigit (p[len]))
            len++;
        }
      return len > 0 && p[len] == ';';
    }

  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (len < 32 && g_ascii_isalnum (p[len]))
    len++;
  return len >= 2 && p[len] == ';';
}

gboolean
dash_text_looks_like_html (const char *text)
{
  if (text == NULL)
    return FALSE;

  for (const char *p = strpbrk (text, "<&"); p != NULL; p = strpbrk (p + 1, "<&"))
    {
      if (*p == '<' ? looks_like_tag (p) : looks_like_entity (p))
        return TRUE;
    }

  return FALSE;
}

/* HTML to text. */

typedef enum {
  ELEMENT_INLINE,
  ELEMENT_BLOCK,
  ELEMENT_CELL,
  ELEMENT_BREAK,
  ELEMENT_SKIP,
} ElementKind;

typedef struct {
  const char  *name;
  ElementKind  kind;
} ElementInfo;

/* Sorted by name for bsearch(). Elements not listed are inline: their text joins the
 * text around them without a space. */
static const ElementInfo elements[] = {
  { "address",    ELEMENT_BLOCK },
  { "applet",     ELEMENT_SKIP },
  { "article",    ELEMENT_BLOCK },
  { "aside",      ELEMENT_BLOCK },
  { "audio",      ELEMENT_SKIP },
  { "blockquote", ELEMENT_BLOCK },
  { "body",       ELEMENT_BLOCK },
  { "br",         ELEMENT_BREAK },
  { "button",     ELEMENT_SKIP },
  { "canvas",     ELEMENT_SKIP },
  { "caption",    ELEMENT_BLOCK },
  { "center",     ELEMENT_BLOCK },
  { "datalist",   ELEMENT_SKIP },
  { "dd",         ELEMENT_BLOCK },
  { "details",    ELEMENT_BLOCK },
  { "dialog",     ELEMENT_BLOCK },
  { "dir",        ELEMENT_BLOCK },
  { "div",        ELEMENT_BLOCK },
  { "dl",         ELEMENT_BLOCK },
  { "dt",         ELEMENT_BLOCK },
  { "embed",      ELEMENT_SKIP },
  { "fieldset",   ELEMENT_BLOCK },
  { "figcaption", ELEMENT_BLOCK },
  { "figure",     ELEMENT_BLOCK },
  { "footer",     ELEMENT_BLOCK },
  { "form",       ELEMENT_SKIP },
  { "frameset",   ELEMENT_SKIP },
  { "h1",         ELEMENT_BLOCK },
  { "h2",         ELEMENT_BLOCK },
  { "h3",         ELEMENT_BLOCK },
  { "h4",         ELEMENT_BLOCK },
  { "h5",         ELEMENT_BLOCK },
  { "h6",         ELEMENT_BLOCK },
  { "head",       ELEMENT_SKIP },
  { "header",     ELEMENT_BLOCK },
  { "hgroup",     ELEMENT_BLOCK },
  { "hr",         ELEMENT_BLOCK },
  { "html",       ELEMENT_BLOCK },
  { "iframe",     ELEMENT_SKIP },
  { "legend",     ELEMENT_BLOCK },
  { "li",         ELEMENT_BLOCK },
  { "main",       ELEMENT_BLOCK },
  { "menu",       ELEMENT_BLOCK },
  { "nav",        ELEMENT_BLOCK },
  { "noembed",    ELEMENT_SKIP },
  { "noframes",   ELEMENT_SKIP },
  { "noscript",   ELEMENT_SKIP },
  { "object",     ELEMENT_SKIP },
  { "ol",         ELEMENT_BLOCK },
  { "p",          ELEMENT_BLOCK },
  { "pre",        ELEMENT_BLOCK },
  { "script",     ELEMENT_SKIP },
  { "section",    ELEMENT_BLOCK },
  { "select",     ELEMENT_SKIP },
  { "style",      ELEMENT_SKIP },
  { "summary",    ELEMENT_BLOCK },
  { "svg",        ELEMENT_SKIP },
  { "table",      ELEMENT_BLOCK },
  { "tbody",      ELEMENT_BLOCK },
  { "td",         ELEMENT_CELL },
  { "template",   ELEMENT_SKIP },
  { "textarea",   ELEMENT_SKIP },
  { "tfoot",      ELEMENT_BLOCK },
  { "th",         ELEMENT_CELL },
  { "thead",      ELEMENT_BLOCK },
  { "title",      ELEMENT_SKIP },
  { "tr",         ELEMENT_BLOCK },
  { "ul",         ELEMENT_BLOCK },
  { "video",      ELEMENT_SKIP },
};

static int
compare_element_cb (const void *key,
                    const void *member)
{
  const ElementInfo *info = member;

  return strcmp (key, info->name);
}

static ElementKind
element_kind (const xmlNode *node)
{
  const ElementInfo *info;

  if (node->name == NULL)
    return ELEMENT_INLINE;

  /* libxml2's HTML parser gives element names in lower case. */
  info = bsearch (node->name, elements, G_N_ELEMENTS (elements), sizeof elements[0],
                  compare_element_cb);
  return info != NULL ? info->kind : ELEMENT_INLINE;
}

typedef struct {
  GString   *out;
  Separator  pending;
  int        n_breaks;
} Walker;

static inline void
walker_separate (Walker    *self,
                 Separator  separator)
{
  self->pending = MAX (self->pending, separator);
}

/* Writes the pending separator before the next piece of text. */
static inline void
walker_flush (Walker *self)
{
  if (self->out->len > 0)
    {
      switch (self->pending)
        {
        case SEPARATOR_PARAGRAPH:
          g_string_append (self->out, "\n\n");
          break;
        case SEPARATOR_LINE:
          g_string_append_c (self->out, '\n');
          break;
        case SEPARATOR_SPACE:
          g_string_append_c (self->out, ' ');
          break;
        case SEPARATOR_NONE:
        default:
          break;
        }
    }

  self->pending = SEPARATOR_NONE;
  self->n_breaks = 0;
}

static inline gboolean
is_html_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Appends a text node. A run of white space becomes a space, a newline stays a line
 * break for dash_text_clean() to fold or to read as the end of a bullet line, and a
 * blank line becomes a paragraph break: feeds often send plain-text paragraphs with a
 * stray entity or tag in them. */
static void
walker_append_text (Walker     *self,
                    const char *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      if (is_html_space (*p))
        {
          int newlines = 0;

          for (; is_html_space (*p); p++)
            if (*p == '\n' || (*p == '\r' && p[1] != '\n'))
              newlines++;

          walker_separate (self, newlines >= 2 ? SEPARATOR_PARAGRAPH :
                                 newlines == 1 ? SEPARATOR_LINE : SEPARATOR_SPACE);
        }
      else
        {
          const char *start = p;

          while (*p != '\0' && !is_html_space (*p))
            p++;
          walker_flush (self);
          g_string_append_len (self->out, start, p - start);
        }
    }
}

/* Called when the walk enters @node. Returns whether to walk its children. */
static gboolean
walker_enter (Walker        *self,
              const xmlNode *node)
{
  switch ((int)node->type)
    {
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
      if (node->content != NULL)
        walker_append_text (self, (const char *)node->content);
      return FALSE;

    case XML_ELEMENT_NODE:
      switch (element_kind (node))
        {
        case ELEMENT_BLOCK:
          walker_separate (self, SEPARATOR_PARAGRAPH);
          return TRUE;
        case ELEMENT_CELL:
          walker_separate (self, SEPARATOR_SPACE);
          return TRUE;
        case ELEMENT_BREAK:
          /* One <br> breaks the line, two in a row end the paragraph. */
          self->n_breaks++;
          walker_separate (self, self->n_breaks >= 2 ? SEPARATOR_PARAGRAPH : SEPARATOR_LINE);
          return FALSE;
        case ELEMENT_SKIP:
          return FALSE;
        case ELEMENT_INLINE:
        default:
          return TRUE;
        }

    default:
      /* Comments, processing instructions, DTDs. */
      return FALSE;
    }
}

static void
walker_leave (Walker        *self,
              const xmlNode *node)
{
  if (node->type != XML_ELEMENT_NODE)
    return;

  switch (element_kind (node))
    {
    case ELEMENT_BLOCK:
      walker_separate (self, SEPARATOR_PARAGRAPH);
      break;
    case ELEMENT_CELL:
      walker_separate (self, SEPARATOR_SPACE);
      break;
    case ELEMENT_INLINE:
    case ELEMENT_BREAK:
    case ELEMENT_SKIP:
    default:
      break;
    }
}

/* Walks the tree in document order with the parent and sibling links instead of
 * recursion, so that depth costs no stack. */
static void
walker_walk (Walker *self,
             xmlDoc *doc)
{
  xmlNode *node = doc->children;

  while (node != NULL)
    {
      if (walker_enter (self, node))
        {
          if (node->children != NULL)
            {
              node = node->children;
              continue;
            }
          walker_leave (self, node);
        }

      while (node->next == NULL)
        {
          node = node->parent;
          if (node == NULL || node == (xmlNode *)doc)
            return;
          walker_leave (self, node);
        }
      node = node->next;
    }
}

/* Prepares the input in place: drops the markers of CDATA sections (their content is
 * the HTML we want) and control characters, which libxml2 rejects. Returns the new
 * length. */
static gsize
prepare_input (char  *s,
               gsize  len)
{
  gsize r = 0;
  gsize w = 0;

  while (r < len)
    {
      guchar c = s[r];

      if (c == '<' && len - r >= 9 && memcmp (s + r, "<![CDATA[", 9) == 0)
        r += 9;
      else if (c == ']' && len - r >= 3 && memcmp (s + r, "]]>", 3) == 0)
        r += 3;
      else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
        {
          if (c == '\f' || c == '\v')
            s[w++] = ' ';
          r++;
        }
      else
        s[w++] = s[r++];
    }

  s[w] = '\0';
  return w;
}

static void
silent_generic_error_cb (void       *user_data,
                         const char *message,
                         ...)
{
}

static void
silent_structured_error_cb (void     *user_data,
                            xmlError *error)
{
}

char *
dash_html_to_text (const char *html,
                   gssize      len)
{
  static gsize initialized = 0;
  g_autofree char *input = NULL;
  g_autoptr(GString) out = NULL;
  xmlGenericErrorFunc old_generic;
  xmlStructuredErrorFunc old_structured;
  void *old_generic_data;
  void *old_structured_data;
  xmlDoc *doc;
  Walker walker;
  gsize input_len;
  int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;

  if (html == NULL || len == 0 || (len < 0 && *html == '\0'))
    return g_strdup ("");

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }

  /* libxml2 reads bytes; give it valid UTF-8 and tell it so, whatever a <meta> says. */
  input = g_utf8_make_valid (html, len);
  input_len = prepare_input (input, strlen (input));
  if (input_len == 0)
    return g_strdup ("");
  if (input_len > G_MAXINT)
    input_len = g_utf8_find_prev_char (input, input + G_MAXINT) - input;

  /* NOERROR and NOWARNING keep the parser quiet; the handlers, swapped for this thread
   * only, also keep quiet what libxml2 reports outside the parser context. */
  old_generic = xmlGenericError;
  old_generic_data = xmlGenericErrorContext;
  old_structured = xmlStructuredError;
  old_structured_data = xmlStructuredErrorContext;
  xmlSetGenericErrorFunc (NULL, silent_generic_error_cb);
  xmlSetStructuredErrorFunc (NULL, silent_structured_error_cb);

  doc = htmlReadMemory (input, (int)input_len, NULL, "UTF-8", options);

  xmlSetStructuredErrorFunc (old_structured_data, old_structured);
  xmlSetGenericErrorFunc (old_generic_data, old_generic);

  if (doc == NULL)
    return g_strdup ("");

  out = g_string_sized_new (input_len / 2 + 16);
  walker = (Walker) { out, SEPARATOR_NONE, 0 };
  walker_walk (&walker, doc);
  xmlFreeDoc (doc);

  return dash_text_clean (out->str);
}
