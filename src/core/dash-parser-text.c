/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Plain-text layouts seen in scraped collections:
 *
 * - the article dump: a title line "Title – Publication", the paragraphs, and a line
 *   "Continue Reading" between articles (a file without such lines is one article);
 * - the feed whose XML tags were stripped: each item starts with a header line holding
 *   its title, URL, RFC 822 date, GUID and description, then the text of its
 *   description and content:encoded, each closed by a "]]>" line; WordPress feeds add
 *   "The post TITLE appeared first on SITE." which gives the exact title and the site.
 */

#define G_LOG_DOMAIN "dash-parser"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dash-date.h"
#include "dash-html.h"
#include "dash-parser-private.h"

#define RFC822_DATE \
  "(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\\d{1,2} [A-Z][a-z]{2} \\d{4} " \
  "\\d{2}:\\d{2}(?::\\d{2})? (?:[+-]\\d{4}|[A-Z]{1,5})"

static GRegex *
header_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      GRegex *r = g_regex_new ("^[ \\t]*(.*?)[ \\t](https?://\\S+)[ \\t]+(" RFC822_DATE ")"
                               "[ \\t]+(\\S+)(?:[ \\t]+(.*))?$",
                               G_REGEX_MULTILINE | G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&regex, r);
    }
  return regex;
}

static GRegex *
post_footer_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      GRegex *r = g_regex_new ("^[ \\t]*The post (.+) appeared first on (.+?)\\.?[ \\t]*$",
                               G_REGEX_MULTILINE | G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&regex, r);
    }
  return regex;
}

gboolean
_dash_text_feed_detect (const char *data,
                        gsize       len)
{
  return g_regex_match_full (header_regex (), data, MIN (len, 1 << 20), 0, 0, NULL, NULL);
}

static gboolean
is_marker_line (const char *line,
                const char *marker)
{
  while (*line == ' ' || *line == '\t')
    line++;
  if (!g_str_has_prefix (line, marker))
    return FALSE;
  line += strlen (marker);
  while (*line == ' ' || *line == '\t' || *line == '\r')
    line++;
  return *line == '\0';
}

/* Where "Title – Publication" would split: the separator's offset and the name after
 * it, when what follows is short enough to be a name. */
static const char *
publication_suffix (const char *line,
                    gsize      *title_len,
                    gboolean   *strong)
{
  const char *seps[] = { " \u2013 ", " \u2014 ", " | ", " - ", NULL };

  for (guint i = 0; seps[i] != NULL; i++)
    {
      const char *sep = g_strrstr (line, seps[i]);

      if (sep != NULL && sep != line)
        {
          const char *name = sep + strlen (seps[i]);
          glong name_len = g_utf8_strlen (name, -1);

          if (name_len > 0 && name_len <= 60)
            {
              *title_len = sep - line;
              /* An en or em dash is how such dumps separate the publication; a hyphen
               * or a bar is as often part of the title. */
              *strong = i < 2;
              return name;
            }
        }
    }
  return NULL;
}

typedef struct {
  char *title_line;
  char *body;
} DumpChunk;

static void
dump_chunk_free (DumpChunk *chunk)
{
  g_free (chunk->title_line);
  g_free (chunk->body);
  g_free (chunk);
}

static void
collect_dump_chunk (DashParseState *state,
                    GPtrArray      *chunks,
                    const char     *chunk,
                    gsize           len)
{
  g_autofree char *text = g_strndup (chunk, len);
  g_autofree char *clean = dash_text_clean (text);
  DumpChunk *dump;
  char *brk;

  if (*clean == '\0')
    return;

  /* The title is the first line of the first paragraph. */
  brk = strstr (clean, "\n\n");
  if (brk == NULL)
    {
      _dash_parse_state_skip (state, _("article %u has a title but no text"), chunks->len + 1);
      return;
    }
  *brk = '\0';
  dump = g_new0 (DumpChunk, 1);
  dump->title_line = g_strstrip (g_strdup (clean));
  dump->body = g_strdup (brk + 2);
  g_ptr_array_add (chunks, dump);
}

/* Stories from the chunks: a title line's tail is taken for the publication when the
 * file's other titles end the same way, or when an en dash sets it apart; otherwise
 * "Ceasefire talks - what we know" stays the title, whole. */
static void
add_dump_articles (DashParseState *state,
                   GPtrArray      *chunks)
{
  g_autoptr(GHashTable) suffixes = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < chunks->len; i++)
    {
      DumpChunk *chunk = g_ptr_array_index (chunks, i);
      gsize title_len;
      gboolean strong;
      const char *name = publication_suffix (chunk->title_line, &title_len, &strong);

      if (name != NULL)
        g_hash_table_insert (suffixes, (gpointer)name,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (suffixes,
                                                                                       name)) + 1));
    }

  for (guint i = 0; i < chunks->len; i++)
    {
      DumpChunk *chunk = g_ptr_array_index (chunks, i);
      DashArticle *article = dash_article_new ();
      gsize title_len;
      gboolean strong;
      const char *name = publication_suffix (chunk->title_line, &title_len, &strong);
      guint seen = name != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (suffixes, name)) : 0;

      if (name != NULL && (seen >= 2 || (strong && chunks->len == 1)))
        {
          g_autofree char *title = g_strstrip (g_strndup (chunk->title_line, title_len));
          g_autofree char *source = g_strstrip (g_strdup (name));

          dash_article_set_title (article, title);
          dash_article_set_source (article, source);
        }
      else
        dash_article_set_title (article, chunk->title_line);
      dash_article_set_body (article, chunk->body);
      g_ptr_array_add (state->articles, article);
    }
}

gboolean
_dash_parse_text_dump (DashParseState *state,
                       const char     *data,
                       gsize           len,
                       GError        **error)
{
  g_autoptr(GPtrArray) chunks = g_ptr_array_new_with_free_func ((GDestroyNotify)dump_chunk_free);
  const char *chunk = data;
  const char *p = data;
  const char *end = data + len;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl != NULL ? nl : end;
      g_autofree char *line = g_strndup (p, line_end - p);

      if (is_marker_line (line, "Continue Reading") || is_marker_line (line, "Continue reading"))
        {
          collect_dump_chunk (state, chunks, chunk, p - chunk);
          chunk = line_end;
        }
      p = line_end + (nl != NULL ? 1 : 0);
    }
  if (chunk < end)
    collect_dump_chunk (state, chunks, chunk, end - chunk);

  add_dump_articles (state, chunks);
  return TRUE;
}

/* The exact title and site from "The post TITLE appeared first on SITE." in @tail. */
static gboolean
find_post_footer (const char  *tail,
                  gsize        len,
                  char       **title,
                  char       **site)
{
  g_autoptr(GMatchInfo) match = NULL;

  if (!g_regex_match_full (post_footer_regex (), tail, len, 0, 0, &match, NULL))
    return FALSE;
  *title = g_match_info_fetch (match, 1);
  *site = g_match_info_fetch (match, 2);
  return TRUE;
}

/* The title is what stands before the URL; on the first item the channel's own fields
 * come first ("Feed title URL description date language ... 32 32 Item title"). */
static char *
title_from_prefix (const char *prefix,
                   const char *exact)
{
  const char *start = prefix;
  const char *url;

  if (exact != NULL && g_str_has_suffix (prefix, exact))
    return g_strdup (exact);

  while ((url = strstr (start, "://")) != NULL)
    {
      const char *after = strpbrk (url, " \t");

      if (after == NULL)
        break;
      start = after;
    }
  /* Image width and height of the channel. */
  for (;;)
    {
      const char *q = start;

      while (*q == ' ' || *q == '\t')
        q++;
      if (!g_ascii_isdigit (*q))
        break;
      while (g_ascii_isdigit (*q))
        q++;
      if (*q != ' ' && *q != '\t')
        break;
      start = q;
    }
  return g_strstrip (g_strdup (start));
}

/* The channel's language, "en-GB" after its date on the first line, if any. */
static char *
channel_language (const char *prefix)
{
  g_autoptr(GRegex) regex = g_regex_new (RFC822_DATE " ([a-z]{2,3}(?:-[A-Za-z]{2,4})?) ",
                                         0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (regex != NULL && g_regex_match (regex, prefix, 0, &match))
    return g_match_info_fetch (match, 1);
  return NULL;
}

/* The text between the first "]]>" line (end of the description) and the next one
 * (end of content:encoded). */
static char *
content_from_tail (const char *tail,
                   gsize       len)
{
  const char *p = tail;
  const char *end = tail + len;
  const char *start = NULL;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl != NULL ? nl : end;
      g_autofree char *line = g_strndup (p, line_end - p);

      if (is_marker_line (line, "]]>"))
        {
          if (start == NULL)
            start = line_end;
          else
            return g_strndup (start, p - start);
        }
      p = line_end + (nl != NULL ? 1 : 0);
    }
  if (start != NULL)
    return g_strndup (start, end - start);
  return g_strndup (tail, len);
}

gboolean
_dash_parse_text_feed (DashParseState *state,
                       const char     *data,
                       gsize           len,
                       GError        **error)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree char *channel_prefix = NULL;
  g_autofree char *language = NULL;
  guint index = 0;

  g_regex_match_full (header_regex (), data, len, 0, 0, &match, NULL);
  while (g_match_info_matches (match))
    {
      int start, stop;

      g_match_info_fetch_pos (match, 0, &start, &stop);
      g_array_append_val (starts, start);
      g_match_info_next (match, NULL);
    }
  g_clear_pointer (&match, g_match_info_free);

  for (guint i = 0; i < starts->len; i++)
    {
      int start = g_array_index (starts, int, i);
      int next = i + 1 < starts->len ? g_array_index (starts, int, i + 1) : (int)len;
      const char *line_end = memchr (data + start, '\n', next - start);
      int header_end = line_end != NULL ? line_end - data : next;
      g_autofree char *prefix = NULL;
      g_autofree char *url = NULL;
      g_autofree char *date = NULL;
      g_autofree char *guid = NULL;
      g_autofree char *description = NULL;
      g_autofree char *exact_title = NULL;
      g_autofree char *site = NULL;
      g_autofree char *title = NULL;
      g_autofree char *summary = NULL;
      g_autofree char *content = NULL;
      g_autofree char *body = NULL;
      g_autoptr(GDateTime) when = NULL;
      DashArticle *article;

      if (!g_regex_match_full (header_regex (), data, header_end, start, 0, &match, NULL))
        continue;
      prefix = g_match_info_fetch (match, 1);
      url = g_match_info_fetch (match, 2);
      date = g_match_info_fetch (match, 3);
      guid = g_match_info_fetch (match, 4);
      description = g_match_info_fetch (match, 5);
      g_clear_pointer (&match, g_match_info_free);

      if (i == 0)
        {
          channel_prefix = g_strdup (prefix);
          language = channel_language (prefix);
        }

      find_post_footer (data + header_end, next - header_end, &exact_title, &site);
      title = title_from_prefix (prefix, exact_title);
      if (*title == '\0')
        {
          _dash_parse_state_skip (state, _("item %u has no title"), index + 1);
          index++;
          continue;
        }

      content = content_from_tail (data + header_end, next - header_end);
      body = dash_text_clean (content);
      summary = _dash_clean_field (description, FALSE);
      if (summary != NULL && g_str_has_suffix (summary, "[\u2026]"))
        {
          /* WordPress cuts the description with " […]": keep a plain ellipsis. */
          char *cut = g_strrstr (summary, "[\u2026]");
          g_autofree char *head = NULL;

          *cut = '\0';
          head = g_strchomp (g_strdup (summary));
          g_free (summary);
          summary = g_strconcat (head, "\u2026", NULL);
        }

      when = dash_date_parse (date);

      article = dash_article_new ();
      dash_article_set_title (article, title);
      dash_article_set_url (article, url);
      dash_article_set_guid (article, guid);
      dash_article_set_summary (article, summary);
      dash_article_set_body (article, *body != '\0' ? body : summary);
      dash_article_set_published (article, when != NULL ? g_date_time_to_unix (when) : 0);
      dash_article_set_language (article, language);
      if (site != NULL)
        dash_article_set_source (article, site);
      else if (channel_prefix != NULL)
        {
          /* The channel title is what stands before its link. */
          const char *link = strstr (channel_prefix, " http");
          g_autofree char *name = g_strndup (channel_prefix,
                                             link != NULL ? (gsize)(link - channel_prefix)
                                                          : strlen (channel_prefix));
          if (link != NULL)
            dash_article_set_source (article, g_strstrip (name));
        }
      g_ptr_array_add (state->articles, article);
      index++;
    }

  return TRUE;
}
