/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-parser"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "dash-date.h"
#include "dash-html.h"
#include "dash-parser-private.h"

const char *
dash_format_to_string (DashFormat format)
{
  switch (format)
    {
    case DASH_FORMAT_RSS:        return "rss";
    case DASH_FORMAT_RDF:        return "rdf";
    case DASH_FORMAT_ATOM:       return "atom";
    case DASH_FORMAT_JSON:       return "json";
    case DASH_FORMAT_JSON_LINES: return "jsonl";
    case DASH_FORMAT_TEXT_DUMP:  return "text";
    case DASH_FORMAT_TEXT_FEED:  return "text-feed";
    case DASH_FORMAT_UNKNOWN:
    default:                     return "unknown";
    }
}

void
_dash_parse_state_skip (DashParseState *state,
                        const char     *format,
                        ...)
{
  state->n_skipped++;
  if (state->first_skip_reason == NULL)
    {
      va_list args;

      va_start (args, format);
      state->first_skip_reason = g_strdup_vprintf (format, args);
      va_end (args);
    }
}

char *
_dash_clean_field (const char *text,
                   gboolean    one_line)
{
  g_autofree char *clean = NULL;

  if (text == NULL)
    return NULL;

  if (dash_text_looks_like_html (text))
    clean = dash_html_to_text (text, -1);
  else
    clean = dash_text_clean (text);

  if (one_line)
    {
      /* Paragraph breaks inside a title are folded to a space. */
      g_autoptr(GString) line = g_string_new (NULL);
      g_auto(GStrv) parts = g_strsplit (clean, "\n\n", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          if (line->len > 0)
            g_string_append_c (line, ' ');
          g_string_append (line, parts[i]);
        }
      g_free (clean);
      clean = g_string_free (g_steal_pointer (&line), FALSE);
    }

  if (*clean == '\0')
    return NULL;
  return g_steal_pointer (&clean);
}

static const char *
skip_bom_and_space (const char *data,
                    gsize       len)
{
  const char *p = data;
  const char *end = data + len;

  if (len >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  while (p < end && g_ascii_isspace (*p))
    p++;
  return p;
}

static gboolean
has_continue_reading_line (const char *data,
                           gsize       len)
{
  const char *needle = "Continue Reading";
  const char *p = data;
  const char *end = data + len;

  while ((p = g_strstr_len (p, end - p, needle)) != NULL)
    {
      const char *after = p + strlen (needle);
      gboolean line_start = (p == data || p[-1] == '\n' || p[-1] == ' ');

      while (after < end && (*after == ' ' || *after == '\r'))
        after++;
      if (line_start && (after == end || *after == '\n'))
        return TRUE;
      p = after;
    }
  return FALSE;
}

static gboolean
looks_like_json_lines (const char *start,
                       const char *end)
{
  const char *nl = memchr (start, '\n', end - start);

  /* A second line that opens another object. */
  while (nl != NULL && nl + 1 < end)
    {
      const char *q = nl + 1;

      while (q < end && (*q == ' ' || *q == '\t' || *q == '\r'))
        q++;
      if (q < end && *q == '\n')
        {
          nl = q;
          continue;
        }
      return q < end && *q == '{';
    }
  return FALSE;
}

static gboolean
looks_like_html_page (const char *data,
                      gsize       len)
{
  g_autofree char *lower = g_ascii_strdown (data, MIN (len, 4096));

  return strstr (lower, "<html") != NULL || strstr (lower, "<!doctype html") != NULL;
}

DashFormat
dash_parser_detect (const char *data,
                    gsize       len,
                    const char *name)
{
  const char *p;
  const char *end = data + len;

  g_return_val_if_fail (data != NULL || len == 0, DASH_FORMAT_UNKNOWN);

  if (len == 0)
    return DASH_FORMAT_UNKNOWN;

  p = skip_bom_and_space (data, len);
  if (p == end)
    return DASH_FORMAT_UNKNOWN;

  if (*p == '<')
    {
      /* The XML parser tells RSS, RDF and Atom apart from the root element. */
      gsize head = MIN ((gsize)(end - p), 4096);
      g_autofree char *lower = g_ascii_strdown (p, head);

      if (strstr (lower, "<feed") != NULL)
        return DASH_FORMAT_ATOM;
      if (strstr (lower, "<rdf:rdf") != NULL || strstr (lower, "purl.org/rss/1.0") != NULL)
        return DASH_FORMAT_RDF;
      if (strstr (lower, "<rss") != NULL || strstr (lower, "<channel") != NULL)
        return DASH_FORMAT_RSS;
      if (strstr (lower, "<?xml") != NULL)
        return DASH_FORMAT_RSS;
      return DASH_FORMAT_UNKNOWN;
    }

  if (*p == '[')
    return DASH_FORMAT_JSON;
  if (*p == '{')
    return looks_like_json_lines (p, end) ? DASH_FORMAT_JSON_LINES : DASH_FORMAT_JSON;

  if (memchr (data, '\0', len) != NULL)
    return DASH_FORMAT_UNKNOWN;

  if (_dash_text_feed_detect (data, len))
    return DASH_FORMAT_TEXT_FEED;
  if (has_continue_reading_line (data, len))
    return DASH_FORMAT_TEXT_DUMP;

  /* A plain text file: one story, or a dump without separators. */
  if (name != NULL && (g_str_has_suffix (name, ".txt") || g_str_has_suffix (name, ".text")))
    return DASH_FORMAT_TEXT_DUMP;
  if (g_utf8_validate (data, MIN (len, 65536), NULL))
    return DASH_FORMAT_TEXT_DUMP;
  return DASH_FORMAT_UNKNOWN;
}

static gboolean
has_utf16_bom (const char *data,
               gsize       len)
{
  return len >= 2 && (((guchar)data[0] == 0xFF && (guchar)data[1] == 0xFE) ||
                      ((guchar)data[0] == 0xFE && (guchar)data[1] == 0xFF));
}

/* Gives text formats valid UTF-8: UTF-16 with a byte order mark is converted, other
 * invalid UTF-8 is taken as Windows-1252, the usual encoding of such exports. Binary
 * data is refused. */
static char *
to_utf8 (const char  *data,
         gsize        len,
         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *converted;
  gsize written = 0;

  if (len >= 2 && ((guchar)data[0] == 0xFF && (guchar)data[1] == 0xFE))
    converted = g_convert (data + 2, len - 2, "UTF-8", "UTF-16LE", NULL, &written, &local_error);
  else if (len >= 2 && ((guchar)data[0] == 0xFE && (guchar)data[1] == 0xFF))
    converted = g_convert (data + 2, len - 2, "UTF-8", "UTF-16BE", NULL, &written, &local_error);
  else if (g_utf8_validate_len (data, len, NULL))
    return g_strndup (data, len);
  else if (memchr (data, '\0', len) != NULL)
    {
      g_set_error_literal (error, DASH_ERROR, DASH_ERROR_FORMAT,
                           _("binary data, not a news file"));
      return NULL;
    }
  else
    converted = g_convert (data, len, "UTF-8", "WINDOWS-1252", NULL, &written, &local_error);

  if (converted == NULL)
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_FORMAT,
                   _("text in an unknown encoding: %s"), local_error->message);
      return NULL;
    }
  return converted;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *)a;
  gint64 y = *(const gint64 *)b;

  return (x > y) - (x < y);
}

/* Fills what every story needs whatever its format: clean fields, a content hash and,
 * when the source gave no date, an estimate from its text. */
static void
finish_articles (GPtrArray  *articles,
                 const char *origin,
                 GDateTime  *now)
{
  g_autoptr(GArray) dated = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) undated = g_ptr_array_new ();
  g_autoptr(GPtrArray) year_only = g_ptr_array_new ();
  g_autofree char *fallback_source = NULL;

  if (origin != NULL)
    {
      g_autofree char *base = g_path_get_basename (origin);
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      fallback_source = g_steal_pointer (&base);
    }

  for (guint i = 0; i < articles->len; i++)
    {
      DashArticle *article = g_ptr_array_index (articles, i);

      if (dash_article_get_source (article) == NULL)
        dash_article_set_source (article, fallback_source);
      dash_article_set_origin (article, origin);
      if (dash_article_get_body (article) == NULL)
        dash_article_set_body (article, dash_article_get_summary (article));
      dash_article_update_content_hash (article);

      if (dash_article_get_published (article) != 0)
        {
          gint64 t = dash_article_get_published (article);
          g_array_append_val (dated, t);
          continue;
        }

      {
        g_autofree char *text = g_strjoin ("\n\n",
                                           dash_article_get_title (article) ?: "",
                                           dash_article_get_summary (article) ?: "",
                                           dash_article_get_body (article) ?: "",
                                           NULL);
        gboolean only_year = FALSE;
        g_autoptr(GDateTime) estimate = dash_date_estimate_from_text_full (text, now,
                                                                           &only_year);

        if (estimate != NULL)
          {
            gint64 t = g_date_time_to_unix (estimate);

            dash_article_set_published (article, t);
            dash_article_set_date_estimated (article, TRUE);
            if (only_year)
              g_ptr_array_add (year_only, article);
            else
              g_array_append_val (dated, t);
          }
        else
          g_ptr_array_add (undated, article);
      }
    }

  /* A story that names only a year ("since 2019") was most likely written when the
   * stories around it were: when at least three of its neighbours in the file have
   * a firmer date and their median is more than a year later, that median wins. */
  if (year_only->len > 0 && dated->len >= 3)
    {
      g_autoptr(GArray) sorted = g_array_copy (dated);
      gint64 median;

      g_array_sort (sorted, compare_int64);
      median = g_array_index (sorted, gint64, sorted->len / 2);
      median -= median % 86400;
      for (guint i = 0; i < year_only->len; i++)
        {
          DashArticle *article = g_ptr_array_index (year_only, i);

          if (median > dash_article_get_published (article) + 366 * 86400)
            dash_article_set_published (article, median);
        }
    }

  /* Stories whose text names no date at all were collected together with the others
   * in the same file: the median date of their neighbours is the best estimate. */
  if (undated->len > 0 && dated->len > 0)
    {
      gint64 median;

      g_array_sort (dated, compare_int64);
      median = g_array_index (dated, gint64, dated->len / 2);
      median -= median % 86400;
      for (guint i = 0; i < undated->len; i++)
        {
          DashArticle *article = g_ptr_array_index (undated, i);

          dash_article_set_published (article, median);
          dash_article_set_date_estimated (article, TRUE);
        }
    }
}

GPtrArray *
dash_parser_parse (const char  *data,
                   gsize        len,
                   const char  *origin,
                   GDateTime   *now,
                   DashFormat  *out_format,
                   char       **out_warning,
                   GError     **error)
{
  DashParseState state = { origin, NULL, 0, NULL };
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = NULL;
  g_autofree char *skip_reason = NULL;
  DashFormat format;
  gboolean ok;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  state.articles = articles;

  if (len == 0 || skip_bom_and_space (data, len) == data + len)
    {
      g_set_error_literal (error, DASH_ERROR, DASH_ERROR_FORMAT, _("the file is empty"));
      return NULL;
    }

  /* XML declares its own encoding and goes to libxml2 as it is (UTF-16 with a byte
   * order mark included); everything else is made UTF-8 first, then recognised. */
  format = DASH_FORMAT_UNKNOWN;
  if (*skip_bom_and_space (data, len) == '<')
    format = dash_parser_detect (data, len, origin);
  else if (has_utf16_bom (data, len))
    {
      g_autofree char *peek = to_utf8 (data, len, NULL);

      if (peek != NULL && *skip_bom_and_space (peek, strlen (peek)) == '<')
        format = dash_parser_detect (peek, strlen (peek), origin);
    }

  if (format == DASH_FORMAT_RSS || format == DASH_FORMAT_RDF || format == DASH_FORMAT_ATOM)
    ok = _dash_parse_xml_feed (&state, data, len, &format, error);
  else
    {
      if (*skip_bom_and_space (data, len) == '<' && looks_like_html_page (data, len))
        {
          g_set_error_literal (error, DASH_ERROR, DASH_ERROR_FORMAT,
                               _("an HTML page, not a feed"));
          return NULL;
        }

      text = to_utf8 (data, len, error);
      if (text == NULL)
        return NULL;
      len = strlen (text);
      format = dash_parser_detect (text, len, origin);

      switch (format)
        {
        case DASH_FORMAT_JSON:
          ok = _dash_parse_json (&state, text, len, error);
          break;
        case DASH_FORMAT_JSON_LINES:
          ok = _dash_parse_json_lines (&state, text, len, error);
          break;
        case DASH_FORMAT_TEXT_FEED:
          ok = _dash_parse_text_feed (&state, text, len, error);
          break;
        case DASH_FORMAT_TEXT_DUMP:
          ok = _dash_parse_text_dump (&state, text, len, error);
          break;
        default:
          if (looks_like_html_page (text, len))
            g_set_error_literal (error, DASH_ERROR, DASH_ERROR_FORMAT,
                                 _("an HTML page, not a feed"));
          else
            g_set_error_literal (error, DASH_ERROR, DASH_ERROR_FORMAT,
                                 _("not a news format Dashboard can read "
                                   "(RSS, Atom, JSON, JSON Lines or a text dump)"));
          return NULL;
        }
    }

  skip_reason = g_steal_pointer (&state.first_skip_reason);
  if (!ok)
    return NULL;

  if (articles->len == 0)
    {
      if (skip_reason != NULL)
        g_set_error (error, DASH_ERROR, DASH_ERROR_MALFORMED,
                     _("no story could be read: %s"), skip_reason);
      else
        g_set_error_literal (error, DASH_ERROR, DASH_ERROR_MALFORMED,
                             _("no stories found in the file"));
      return NULL;
    }

  if (out_warning != NULL && state.n_skipped > 0)
    *out_warning = g_strdup_printf (ngettext ("%u item skipped: %s", "%u items skipped: %s",
                                              state.n_skipped),
                                    state.n_skipped, skip_reason);

  if (out_format != NULL)
    *out_format = format;

  {
    g_autoptr(GDateTime) local_now = now != NULL ? g_date_time_ref (now)
                                                 : g_date_time_new_now_utc ();
    finish_articles (articles, origin, local_now);
  }

  return g_steal_pointer (&articles);
}

GPtrArray *
dash_parser_parse_file (const char  *path,
                        GDateTime   *now,
                        DashFormat  *out_format,
                        char       **out_warning,
                        GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;
  GStatBuf st;
  GPtrArray *articles;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "%s: %s", path, g_strerror (saved));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, DASH_ERROR, DASH_ERROR_FORMAT, _("%s: not a regular file"), path);
      return NULL;
    }
  if (st.st_size > DASH_PARSER_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size (st.st_size);
      g_autofree char *max = g_format_size (DASH_PARSER_MAX_FILE_SIZE);

      g_set_error (error, DASH_ERROR, DASH_ERROR_TOO_LARGE,
                   _("%s: the file is too large (%s; at most %s)"), path, size, max);
      return NULL;
    }

  /* Read, not mapped: a file that shrinks while we read it must not kill the process. */
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code, "%s", local_error->message);
      return NULL;
    }
  articles = dash_parser_parse (contents, length, path, now, out_format, out_warning,
                                &local_error);

  if (articles == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   "%s: %s", path, local_error->message);
      return NULL;
    }
  return articles;
}
