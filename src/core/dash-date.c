/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Dates as feeds, exports and articles write them.
 *
 * dash_date_parse() reads one date field. It first trims the text, bounds its length,
 * checks that it is UTF-8 and turns Unicode spaces into ASCII ones; then it reads the text
 * with a small cursor-based reader for each family of formats (Unix epoch seconds, ISO
 * 8601, and the written forms that RFC 822 shares with English prose). Each reader accepts
 * the whole text or nothing, so garbage never yields half a date.
 *
 * dash_date_estimate_from_text() reads running text. It cuts the text into words, numbers
 * and punctuation, collects every date it can recognise, and keeps the latest plausible
 * one; the rules are spelled out above the function. Only ASCII matters to both readers,
 * so any other byte, valid UTF-8 or not, is just something that is not part of a date. */

#define G_LOG_DOMAIN "dash-date"

#include "config.h"

#include "dash-date.h"

#include <string.h>

/* dash_date_parse() gives up on longer text: a date field is short, and the bound keeps
 * hostile input cheap. */
#define MAX_DATE_LENGTH 256

/* Years before this are never taken as the date of a news story. */
#define MIN_STORY_YEAR 1900

typedef struct
{
  int year;
  int month;
  int day;
  int hour;
  int minute;
  int second;
  int offset; /* Seconds east of UTC. */
} DateFields;

typedef struct
{
  const char *name;
  int         offset; /* Minutes east of UTC. */
} ZoneName;

/* The zones of RFC 822 and the abbreviations feeds use anyway. Some abbreviations are
 * ambiguous (IST, CST, BST); each takes the meaning it most often has in English-language
 * news feeds. */
static const ZoneName zone_names[] = {
  { "GMT", 0 },
  { "UT", 0 },
  { "UTC", 0 },
  { "WET", 0 },
  { "WEST", 60 },
  { "EST", -5 * 60 },
  { "EDT", -4 * 60 },
  { "CST", -6 * 60 },
  { "CDT", -5 * 60 },
  { "MST", -7 * 60 },
  { "MDT", -6 * 60 },
  { "PST", -8 * 60 },
  { "PDT", -7 * 60 },
  { "AKST", -9 * 60 },
  { "AKDT", -8 * 60 },
  { "HST", -10 * 60 },
  { "CET", 60 },
  { "CEST", 2 * 60 },
  { "BST", 60 },
  { "EET", 2 * 60 },
  { "EEST", 3 * 60 },
  { "MSK", 3 * 60 },
  { "PKT", 5 * 60 },
  { "IST", 5 * 60 + 30 },
  { "ICT", 7 * 60 },
  { "WIB", 7 * 60 },
  { "HKT", 8 * 60 },
  { "SGT", 8 * 60 },
  { "AWST", 8 * 60 },
  { "KST", 9 * 60 },
  { "JST", 9 * 60 },
  { "ACST", 9 * 60 + 30 },
  { "ACDT", 10 * 60 + 30 },
  { "AEST", 10 * 60 },
  { "AEDT", 11 * 60 },
  { "NZST", 12 * 60 },
  { "NZDT", 13 * 60 },
};

static const char * const month_names[] = {
  "january", "february", "march", "april", "may", "june",
  "july", "august", "september", "october", "november", "december",
};

static const char * const weekday_names[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

/* Calendar. */

static gboolean
is_leap_year (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_month (int year,
               int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  g_assert (month >= 1 && month <= 12);

  if (month == 2 && is_leap_year (year))
    return 29;
  return days[month - 1];
}

/* The range is the one GDateTime supports. */
static gboolean
date_is_valid (int year,
               int month,
               int day)
{
  return year >= 1 && year <= 9999 &&
         month >= 1 && month <= 12 &&
         day >= 1 && day <= days_in_month (year, month);
}

static int
compare_dates (int year_a,
               int month_a,
               int day_a,
               int year_b,
               int month_b,
               int day_b)
{
  if (year_a != year_b)
    return year_a < year_b ? -1 : 1;
  if (month_a != month_b)
    return month_a < month_b ? -1 : 1;
  if (day_a != day_b)
    return day_a < day_b ? -1 : 1;
  return 0;
}

/* Names. */

/* Whether @word, @len bytes long, is @name or a prefix of it at least @min_len long,
 * ignoring case. */
static gboolean
is_name_prefix (const char *word,
                size_t      len,
                const char *name,
                size_t      min_len)
{
  return len >= min_len && len <= strlen (name) && g_ascii_strncasecmp (word, name, len) == 0;
}

/* Returns 1 to 12 for a month name or its abbreviation ("Feb", "Sept"), else 0. */
static int
lookup_month (const char *word,
              size_t      len)
{
  for (guint i = 0; i < G_N_ELEMENTS (month_names); i++)
    {
      if (is_name_prefix (word, len, month_names[i], 3))
        return i + 1;
    }
  return 0;
}

static gboolean
is_weekday (const char *word,
            size_t      len)
{
  for (guint i = 0; i < G_N_ELEMENTS (weekday_names); i++)
    {
      if (is_name_prefix (word, len, weekday_names[i], 3))
        return TRUE;
    }
  return FALSE;
}

/* Looks up a zone name or a military letter. RFC 2822 says the military letters other
 * than Z carry no reliable meaning (RFC 822 got their signs backwards) and should be taken
 * as +0000; J is not a zone at all. */
static gboolean
lookup_zone (const char *word,
             size_t      len,
             int        *offset)
{
  if (len == 1)
    {
      char c = g_ascii_toupper (word[0]);

      if (c < 'A' || c > 'Z' || c == 'J')
        return FALSE;
      *offset = 0;
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (zone_names); i++)
    {
      if (strlen (zone_names[i].name) == len &&
          g_ascii_strncasecmp (word, zone_names[i].name, len) == 0)
        {
          *offset = zone_names[i].offset * 60;
          return TRUE;
        }
    }
  return FALSE;
}

/* Reading one date field.
 *
 * The readers below walk a NUL-terminated copy of the field in which every space is an
 * ASCII space. Each takes the cursor by reference and moves it only on success. */

static void
skip_chars (const char **pp,
            const char  *set)
{
  while (**pp != '\0' && strchr (set, **pp) != NULL)
    (*pp)++;
}

static size_t
count_digits (const char *p)
{
  size_t n = 0;

  while (g_ascii_isdigit (p[n]))
    n++;
  return n;
}

static size_t
count_letters (const char *p)
{
  size_t n = 0;

  while (g_ascii_isalpha (p[n]))
    n++;
  return n;
}

/* Reads @n digits, at most nine so that the value fits in an int. */
static int
digits_value (const char *p,
              size_t      n)
{
  int value = 0;

  g_assert (n <= 9);

  for (size_t i = 0; i < n; i++)
    value = value * 10 + (p[i] - '0');
  return value;
}

/* Reads "+0800", "-05:00", "+08" or "+8". */
static gboolean
read_numeric_offset (const char **pp,
                     int         *offset)
{
  const char *p = *pp;
  int sign;
  int hours;
  int minutes = 0;
  size_t n;

  if (*p != '+' && *p != '-')
    return FALSE;
  sign = *p == '-' ? -1 : 1;
  p++;

  n = count_digits (p);
  if (n == 4)
    {
      hours = digits_value (p, 2);
      minutes = digits_value (p + 2, 2);
      p += 4;
    }
  else if (n == 1 || n == 2)
    {
      hours = digits_value (p, n);
      p += n;
      if (*p == ':')
        {
          if (count_digits (p + 1) != 2)
            return FALSE;
          minutes = digits_value (p + 1, 2);
          p += 3;
        }
    }
  else
    return FALSE;

  if (hours > 23 || minutes > 59)
    return FALSE;

  *offset = sign * (hours * 3600 + minutes * 60);
  *pp = p;
  return TRUE;
}

/* Reads a zone: "Z", a numeric offset, a name, a military letter, "GMT+8". A numeric
 * offset may be followed by the zone's name, as in "-0500 EST"; the name is then only a
 * comment. */
static gboolean
read_zone (const char **pp,
           int         *offset)
{
  const char *p = *pp;
  size_t n;

  if (*p == '+' || *p == '-')
    {
      const char *q;
      int ignored;

      if (!read_numeric_offset (&p, offset))
        return FALSE;

      q = p;
      skip_chars (&q, " ");
      n = count_letters (q);
      if (n > 1 && lookup_zone (q, n, &ignored))
        p = q + n;

      *pp = p;
      return TRUE;
    }

  n = count_letters (p);
  if (n == 0 || !lookup_zone (p, n, offset))
    return FALSE;

  if (*offset == 0 && n > 1 && (p[n] == '+' || p[n] == '-'))
    {
      const char *q = p + n;

      if (!read_numeric_offset (&q, offset))
        return FALSE;
      *pp = q;
      return TRUE;
    }

  *pp = p + n;
  return TRUE;
}

/* Reads "hh:mm", "hh:mm:ss" and, with @allow_basic, ISO 8601's "hhmm" and "hhmmss".
 * A fraction after the seconds is read and dropped: no source needs it, and whole seconds
 * keep dates comparable. Ranges are checked later, with the date. */
static gboolean
read_time (const char **pp,
           gboolean     allow_basic,
           DateFields  *fields)
{
  const char *p = *pp;
  size_t n = count_digits (p);
  gboolean have_seconds = FALSE;

  if ((n == 1 || n == 2) && p[n] == ':')
    {
      fields->hour = digits_value (p, n);
      p += n + 1;
      if (count_digits (p) != 2)
        return FALSE;
      fields->minute = digits_value (p, 2);
      p += 2;
      if (*p == ':')
        {
          p++;
          if (count_digits (p) != 2)
            return FALSE;
          fields->second = digits_value (p, 2);
          p += 2;
          have_seconds = TRUE;
        }
    }
  else if (allow_basic && (n == 4 || n == 6))
    {
      fields->hour = digits_value (p, 2);
      fields->minute = digits_value (p + 2, 2);
      if (n == 6)
        {
          fields->second = digits_value (p + 4, 2);
          have_seconds = TRUE;
        }
      p += n;
    }
  else
    return FALSE;

  if (have_seconds && (*p == '.' || *p == ',') && g_ascii_isdigit (p[1]))
    {
      p++;
      while (g_ascii_isdigit (*p))
        p++;
    }

  *pp = p;
  return TRUE;
}

/* Reads an optional "am", "pm", "a.m." or "p.m." after a time and applies it. Returns
 * FALSE only when the hour cannot be on a 12-hour clock. */
static gboolean
read_meridiem (const char **pp,
               DateFields  *fields)
{
  const char *p = *pp;
  char c;
  size_t len;

  skip_chars (&p, " ");
  c = g_ascii_tolower (p[0]);
  if (c != 'a' && c != 'p')
    return TRUE;

  if (g_ascii_tolower (p[1]) == 'm' && !g_ascii_isalpha (p[2]))
    len = 2;
  else if (p[1] == '.' && g_ascii_tolower (p[2]) == 'm' && p[3] == '.')
    len = 4;
  else
    return TRUE;

  if (fields->hour < 1 || fields->hour > 12)
    return FALSE;
  if (c == 'a')
    fields->hour = fields->hour % 12;
  else
    fields->hour = fields->hour % 12 + 12;

  *pp = p + len;
  return TRUE;
}

/* Reads a year. Two-digit years follow RFC 822 usage (70 to 99 are 19xx, the others
 * 20xx) and three-digit ones RFC 2822 (add 1900). */
static gboolean
read_year (const char **pp,
           int         *year)
{
  size_t n = count_digits (*pp);
  int value;

  if (n < 2 || n > 4)
    return FALSE;

  value = digits_value (*pp, n);
  if (n == 2)
    value += value < 70 ? 2000 : 1900;
  else if (n == 3)
    value += 1900;

  *year = value;
  *pp += n;
  return TRUE;
}

/* Reads a day of the month with an optional ordinal suffix: "11", "11th", "1st". */
static gboolean
read_day (const char **pp,
          int         *day)
{
  const char *p = *pp;
  size_t n = count_digits (p);

  if (n < 1 || n > 2)
    return FALSE;
  *day = digits_value (p, n);
  p += n;

  n = count_letters (p);
  if (n == 2 &&
      (g_ascii_strncasecmp (p, "st", 2) == 0 || g_ascii_strncasecmp (p, "nd", 2) == 0 ||
       g_ascii_strncasecmp (p, "rd", 2) == 0 || g_ascii_strncasecmp (p, "th", 2) == 0))
    p += 2;

  *pp = p;
  return TRUE;
}

static gboolean
read_month (const char **pp,
            int         *month)
{
  size_t n = count_letters (*pp);

  *month = lookup_month (*pp, n);
  if (*month == 0)
    return FALSE;
  *pp += n;
  if (**pp == '.')
    (*pp)++;
  return TRUE;
}

/* What may follow a date: spaces, a final full stop, and one comment in parentheses, such
 * as "(UTC)". Anything else means the text is not just a date. */
static gboolean
is_tail (const char *p)
{
  skip_chars (&p, " ");
  if (*p == '.')
    {
      p++;
      skip_chars (&p, " ");
    }
  if (*p == '(')
    {
      int depth = 0;

      for (; *p != '\0'; p++)
        {
          if (*p == '(')
            depth++;
          else if (*p == ')' && --depth == 0)
            break;
        }
      if (*p != ')')
        return FALSE;
      p++;
      skip_chars (&p, " ");
    }
  return *p == '\0';
}

/* ISO 8601 and W3CDTF: "2025", "2025-02", "2025-02-11", "2025-02-11T16:00:32Z",
 * "2025-02-11 16:00:32.123 +08:00", basic "20250211T160032Z". */
static gboolean
parse_iso8601 (const char *p,
               DateFields *fields)
{
  size_t n = count_digits (p);
  gboolean have_day = FALSE;

  fields->month = 1;
  fields->day = 1;

  if (n == 8)
    {
      fields->year = digits_value (p, 4);
      fields->month = digits_value (p + 4, 2);
      fields->day = digits_value (p + 6, 2);
      p += 8;
      have_day = TRUE;
    }
  else if (n == 4)
    {
      fields->year = digits_value (p, 4);
      p += 4;
      if (*p == '-')
        {
          p++;
          if (count_digits (p) != 2)
            return FALSE;
          fields->month = digits_value (p, 2);
          p += 2;
          if (*p == '-')
            {
              p++;
              if (count_digits (p) != 2)
                return FALSE;
              fields->day = digits_value (p, 2);
              p += 2;
              have_day = TRUE;
            }
        }
    }
  else
    return FALSE;

  if (have_day && (*p == 'T' || *p == 't' || (*p == ' ' && g_ascii_isdigit (p[1]))))
    {
      const char *q;

      p++;
      if (!read_time (&p, TRUE, fields))
        return FALSE;
      q = p;
      skip_chars (&q, " ");
      if (read_zone (&q, &fields->offset))
        p = q;
    }

  return is_tail (p);
}

/* RFC 822 / RFC 2822 and written English, which share their shape: an optional weekday,
 * then "14 Mar 2025", "11th of February 2025", "14-Mar-25", "February 11, 2025",
 * "Feb. 11 2025" or "February 2025", then an optional time ("09:35:52", ", 9:35 am",
 * "at 9:35") and zone. asctime's "Tue Feb 11 16:00:32 2025", where the year comes last, is
 * read too. The weekday is never checked against the date: feeds get it wrong. */
static gboolean
parse_written (const char *p,
               DateFields *fields)
{
  gboolean have_year = FALSE;
  const char *q;
  size_t n;

  n = count_letters (p);
  if (n > 0 && is_weekday (p, n))
    {
      p += n;
      if (*p == '.')
        p++;
      skip_chars (&p, " ,");
    }

  if (g_ascii_isdigit (*p))
    {
      if (!read_day (&p, &fields->day))
        return FALSE;
      skip_chars (&p, " -");
      if (count_letters (p) == 2 && g_ascii_strncasecmp (p, "of", 2) == 0)
        {
          p += 2;
          skip_chars (&p, " ");
        }
      if (!read_month (&p, &fields->month))
        return FALSE;
      skip_chars (&p, " ,-");
      if (!read_year (&p, &fields->year))
        return FALSE;
      have_year = TRUE;
    }
  else
    {
      if (!read_month (&p, &fields->month))
        return FALSE;
      skip_chars (&p, " -");
      n = count_digits (p);
      if (n == 4)
        {
          /* Month and year only: the first of the month. */
          fields->year = digits_value (p, 4);
          fields->day = 1;
          p += 4;
          have_year = TRUE;
        }
      else
        {
          if (!read_day (&p, &fields->day))
            return FALSE;
          skip_chars (&p, " ,-");
          n = count_digits (p);
          if (n > 0 && p[n] != ':')
            {
              if (!read_year (&p, &fields->year))
                return FALSE;
              have_year = TRUE;
            }
        }
    }

  q = p;
  skip_chars (&q, " ,");
  if (count_letters (q) == 2 && g_ascii_strncasecmp (q, "at", 2) == 0)
    {
      q += 2;
      skip_chars (&q, " ");
    }
  if (g_ascii_isdigit (*q))
    {
      p = q;
      if (!read_time (&p, FALSE, fields) || !read_meridiem (&p, fields))
        return FALSE;
      q = p;
      skip_chars (&q, " ");
      if (read_zone (&q, &fields->offset))
        p = q;

      if (!have_year)
        {
          skip_chars (&p, " ");
          if (count_digits (p) != 4)
            return FALSE;
          fields->year = digits_value (p, 4);
          p += 4;
          have_year = TRUE;
        }
    }

  return have_year && is_tail (p);
}

static GDateTime *
date_time_from_fields (const DateFields *fields)
{
  g_autoptr(GDateTime) utc = NULL;

  if (!date_is_valid (fields->year, fields->month, fields->day) ||
      fields->hour < 0 || fields->hour > 23 ||
      fields->minute < 0 || fields->minute > 59 ||
      fields->second < 0 || fields->second > 60)
    return NULL;

  /* A leap second becomes the last whole second of its minute. */
  utc = g_date_time_new_utc (fields->year, fields->month, fields->day,
                             fields->hour, fields->minute, MIN (fields->second, 59));
  if (utc == NULL || fields->offset == 0)
    return g_steal_pointer (&utc);

  /* This is NULL when the offset takes the instant out of GDateTime's range. */
  return g_date_time_add_seconds (utc, -fields->offset);
}

/* Copies @len bytes of valid UTF-8 from @text to @buffer, turning every Unicode space
 * (tab, new line, no-break space, thin space...) into an ASCII space, then trims. */
static void
normalize_spaces (char       *buffer,
                  const char *text,
                  size_t      len)
{
  const char *p = text;
  const char *end = text + len;
  char *out = buffer;

  while (p < end)
    {
      const char *next = g_utf8_next_char (p);

      if (g_unichar_isspace (g_utf8_get_char (p)))
        *out++ = ' ';
      else
        {
          memcpy (out, p, next - p);
          out += next - p;
        }
      p = next;
    }
  *out = '\0';

  g_strstrip (buffer);
}

GDateTime *
dash_date_parse (const char *text)
{
  char buffer[MAX_DATE_LENGTH + 1];
  DateFields fields = { 0, };
  const char *start;
  const char *end;
  const char *p;
  size_t n;

  /* A missing field is as much "not a date" as an empty one. */
  if (text == NULL)
    return NULL;

  start = text;
  while (g_ascii_isspace (*start))
    start++;
  end = start + strlen (start);
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  if (end == start || end - start > MAX_DATE_LENGTH)
    return NULL;
  if (!g_utf8_validate_len (start, end - start, NULL))
    return NULL;

  normalize_spaces (buffer, start, end - start);
  p = buffer;
  n = count_digits (p);

  /* Unix epoch seconds: 9 to 11 digits cover 1973 to 5138. */
  if (p[n] == '\0' && n >= 9 && n <= 11)
    return g_date_time_new_from_unix_utc (g_ascii_strtoll (p, NULL, 10));

  if (n == 4 || n == 8)
    {
      if (!parse_iso8601 (p, &fields))
        return NULL;
    }
  else if (!parse_written (p, &fields))
    return NULL;

  return date_time_from_fields (&fields);
}

char *
dash_date_to_iso8601 (GDateTime *dt)
{
  g_autoptr(GDateTime) utc = NULL;
  int year;
  int month;
  int day;

  g_return_val_if_fail (dt != NULL, NULL);

  utc = g_date_time_to_utc (dt);
  if (utc == NULL)
    return NULL;

  g_date_time_get_ymd (utc, &year, &month, &day);
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ",
                          year, month, day,
                          g_date_time_get_hour (utc),
                          g_date_time_get_minute (utc),
                          g_date_time_get_second (utc));
}

/* Estimating the date of running text. */

typedef enum {
  TOKEN_WORD,
  TOKEN_NUMBER,
  TOKEN_PUNCT,
} TokenKind;

typedef struct
{
  const char *start;
  size_t      len;
  TokenKind   kind;
  gboolean    space_before;
  /* A number's value (-1 past nine digits), or a punctuation's character (a Unicode
   * character for anything outside ASCII, -1 for a byte that is not UTF-8). */
  int         value;
} Token;

typedef enum {
  PRECISION_YEAR,
  PRECISION_MONTH,
  PRECISION_DAY,
} Precision;

typedef struct
{
  const Token *tokens;
  gssize       n_tokens;

  /* The latest date allowed. */
  int          limit_year;
  int          limit_month;
  int          limit_day;

  gboolean     have_best;
  int          best_year;
  int          best_month;
  int          best_day;
  Precision    best_precision;

  /* Year-less "Month Day" mentions, as pairs of ints. */
  GArray      *month_days;
} Estimate;

/* Words that, right before a date, make it a target rather than a past event: "by 2030",
 * "until March 2026", "Vision 2030". */
static const char * const target_words[] = {
  "by", "until", "till", "til", "through", "thru", "before", "toward", "towards", "ahead",
  "target", "targets", "targeted", "goal", "goals", "deadline", "vision", "agenda", "horizon",
};

/* Phrases with the same effect, up to three words each. */
static const char * const target_phrases[][3] = {
  { "in", "the", "next" },
  { "in", "the", "coming" },
  { "no", "later", "than" },
  { "not", "later", "than" },
  { "scheduled", "for", NULL },
  { "scheduled", "in", NULL },
  { "planned", "for", NULL },
  { "slated", "for", NULL },
  { "set", "for", NULL },
  { "expected", "in", NULL },
  { "due", "in", NULL },
  { "due", "for", NULL },
  { "aims", "for", NULL },
  { "aiming", "for", NULL },
  { "prior", "to", NULL },
  { "up", "to", NULL },
};

/* Words that may stand between a target word and its date: "by the end of 2025",
 * "until mid-2026", "by early March 2026". */
static const char * const filler_words[] = {
  "the", "end", "beginning", "start", "middle", "early", "mid", "late", "of", "year",
  "fiscal", "calendar",
};

/* Words after a four-digit number that make it a count, not a year: "2000 troops". */
static const char * const unit_words[] = {
  "people", "persons", "troops", "soldiers", "men", "women", "children", "residents",
  "refugees", "civilians", "deaths", "casualties", "km", "kilometers", "kilometres", "miles",
  "meters", "metres", "feet", "tons", "tonnes", "barrels", "dollars", "euros", "yuan", "units",
  "hours", "hrs", "gmt", "utc", "times", "percent", "per", "million", "billion", "trillion",
  "mw", "gw", "kg", "votes", "seats", "cases", "jobs", "workers", "companies", "missiles",
  "warheads", "aircraft", "vehicles", "ships", "points",
};

/* Words before a four-digit number that make it a label, not a year: "Resolution 2334". */
static const char * const label_words[] = {
  "no", "number", "resolution", "article", "flight", "route", "model", "type", "class",
  "room", "page", "pages", "chapter", "section", "code", "id",
};

static gboolean
word_is (const Token *token,
         const char  *word)
{
  return token != NULL &&
         token->kind == TOKEN_WORD &&
         token->len == strlen (word) &&
         g_ascii_strncasecmp (token->start, word, token->len) == 0;
}

static gboolean
word_in (const Token        *token,
         const char * const *words,
         size_t              n_words)
{
  for (size_t i = 0; i < n_words; i++)
    {
      if (word_is (token, words[i]))
        return TRUE;
    }
  return FALSE;
}

#define WORD_IN(token, words) word_in ((token), (words), G_N_ELEMENTS (words))

static GArray *
tokenize (const char *text)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  const char *p = text;
  gboolean space = TRUE;

  while (*p != '\0')
    {
      Token token = { .start = p, .space_before = space };
      guchar c = *p;

      if (g_ascii_isspace (c))
        {
          space = TRUE;
          p++;
          continue;
        }

      if (g_ascii_isdigit (c))
        {
          token.kind = TOKEN_NUMBER;
          token.len = count_digits (p);
          token.value = token.len <= 9 ? digits_value (p, token.len) : -1;
        }
      else if (g_ascii_isalpha (c))
        {
          token.kind = TOKEN_WORD;
          token.len = count_letters (p);
        }
      else if (c < 0x80)
        {
          token.kind = TOKEN_PUNCT;
          token.len = 1;
          token.value = c;
        }
      else
        {
          gunichar u = g_utf8_get_char_validated (p, -1);

          token.kind = TOKEN_PUNCT;
          if (u == (gunichar) -1 || u == (gunichar) -2)
            {
              token.len = 1;
              token.value = -1;
            }
          else
            {
              token.len = g_utf8_next_char (p) - p;
              token.value = u;
              if (g_unichar_isspace (u))
                {
                  space = TRUE;
                  p += token.len;
                  continue;
                }
            }
        }

      g_array_append_val (tokens, token);
      space = FALSE;
      p += token.len;
    }

  return tokens;
}

static const Token *
token_at (const Estimate *estimate,
          gssize          i)
{
  if (i < 0 || i >= estimate->n_tokens)
    return NULL;
  return &estimate->tokens[i];
}

static gboolean
is_punct (const Token *token,
          int          c)
{
  return token != NULL && token->kind == TOKEN_PUNCT && token->value == c;
}

/* A punctuation character glued to the token before it. */
static gboolean
is_glued_punct (const Token *token,
                int          c)
{
  return is_punct (token, c) && !token->space_before;
}

/* In running text a month must be capitalised: "may", "march" and "august" are words. */
static int
token_month (const Token *token)
{
  if (token == NULL || token->kind != TOKEN_WORD || !g_ascii_isupper (token->start[0]))
    return 0;
  return lookup_month (token->start, token->len);
}

/* A number of exactly @len digits glued to the token before it. */
static gboolean
is_glued_number (const Token *token,
                 size_t       len)
{
  return token != NULL && token->kind == TOKEN_NUMBER && token->len == len &&
         !token->space_before;
}

static gboolean
is_year_token (const Token *token)
{
  return token != NULL && token->kind == TOKEN_NUMBER && token->len == 4;
}

static gboolean
is_day_token (const Token *token)
{
  return token != NULL &&
         token->kind == TOKEN_NUMBER &&
         token->len <= 2 &&
         token->value >= 1 && token->value <= 31;
}

/* The index after a day number and its ordinal suffix ("11th"). */
static gssize
skip_ordinal (const Estimate *estimate,
              gssize          i)
{
  const Token *next = token_at (estimate, i + 1);

  if (next != NULL && !next->space_before &&
      (word_is (next, "st") || word_is (next, "nd") || word_is (next, "rd") ||
       word_is (next, "th")))
    return i + 2;
  return i + 1;
}

/* Whether the words ending at token @last spell @phrase. */
static gboolean
phrase_ends_at (const Estimate     *estimate,
                gssize              last,
                const char * const *phrase)
{
  gssize n = 0;

  while (n < 3 && phrase[n] != NULL)
    n++;

  for (gssize k = 0; k < n; k++)
    {
      if (!word_is (token_at (estimate, last - k), phrase[n - 1 - k]))
        return FALSE;
    }
  return TRUE;
}

/* Whether the date whose first token is @first is a target: a target word or phrase comes
 * before it, possibly across filler words ("by the end of", "until mid-"). */
static gboolean
is_target (const Estimate *estimate,
           gssize          first)
{
  gssize i = first - 1;

  for (int steps = 0; steps < 6 && i >= 0; steps++, i--)
    {
      const Token *token = token_at (estimate, i);

      if (is_punct (token, '-'))
        continue;
      if (token->kind != TOKEN_WORD)
        return FALSE;
      if (WORD_IN (token, target_words))
        return TRUE;
      for (size_t k = 0; k < G_N_ELEMENTS (target_phrases); k++)
        {
          if (phrase_ends_at (estimate, i, target_phrases[k]))
            return TRUE;
        }
      if (!WORD_IN (token, filler_words))
        return FALSE;
    }
  return FALSE;
}

/* The day that a modifier before a month gives it: "early March" the 5th, "mid-January"
 * the 15th, "late November" and "the end of May" the 25th, a plain month the 1st. */
static int
month_modifier_day (const Estimate *estimate,
                    gssize          month_index)
{
  const Token *month = token_at (estimate, month_index);
  gssize i = month_index - 1;
  const Token *token = token_at (estimate, i);

  if (is_punct (token, '-') && !month->space_before)
    token = token_at (estimate, --i);

  if (word_is (token, "early"))
    return 5;
  if (word_is (token, "mid") || word_is (token, "middle"))
    return 15;
  if (word_is (token, "late"))
    return 25;

  if (word_is (token, "of"))
    {
      token = token_at (estimate, i - 1);
      if (word_is (token, "beginning") || word_is (token, "start"))
        return 5;
      if (word_is (token, "middle"))
        return 15;
      if (word_is (token, "end"))
        return 25;
    }
  return 1;
}

/* Whether the four-digit number at @i reads as a year rather than a count, an amount, a
 * label or part of a longer number. */
static gboolean
is_bare_year (const Estimate *estimate,
              gssize          i)
{
  const Token *token = token_at (estimate, i);
  const Token *prev = token_at (estimate, i - 1);
  const Token *next = token_at (estimate, i + 1);
  const Token *after_next = token_at (estimate, i + 2);

  if (!is_year_token (token))
    return FALSE;

  /* Glued to letters: "1990s", "FY2024", "A2025". */
  if (next != NULL && !next->space_before && next->kind == TOKEN_WORD)
    return FALSE;
  if (prev != NULL && !token->space_before && prev->kind == TOKEN_WORD)
    return FALSE;

  /* Part of a longer number, a time or a numeric date: "1,2025", "2025.5", "11/02/2025". */
  if (prev != NULL && !token->space_before && prev->kind == TOKEN_PUNCT &&
      (prev->value == ',' || prev->value == '.' || prev->value == '/' || prev->value == ':'))
    return FALSE;
  if (next != NULL && !next->space_before && next->kind == TOKEN_PUNCT &&
      (next->value == ',' || next->value == '.' || next->value == '/' || next->value == ':') &&
      after_next != NULL && !after_next->space_before && after_next->kind == TOKEN_NUMBER)
    return FALSE;

  /* A model number such as "RS-2024"; but "2023-2024" and "mid-2024" are years. */
  if (prev != NULL && !token->space_before && is_punct (prev, '-'))
    {
      const Token *before = token_at (estimate, i - 2);

      if (before != NULL && !prev->space_before &&
          !is_year_token (before) &&
          !word_is (before, "early") && !word_is (before, "mid") && !word_is (before, "late"))
        return FALSE;
    }

  /* Amounts, shares, counts and labels. */
  if (prev != NULL && prev->kind == TOKEN_PUNCT &&
      (prev->value == '$' || prev->value == '#' || prev->value == 0x20AC /* € */ ||
       prev->value == 0x00A3 /* £ */ || prev->value == 0x00A5 /* ¥ */ ||
       prev->value == 0x20B9 /* ₹ */))
    return FALSE;
  if (is_punct (next, '%') || WORD_IN (next, unit_words) || WORD_IN (prev, label_words))
    return FALSE;

  return TRUE;
}

static void
consider_date (Estimate  *estimate,
               int        year,
               int        month,
               int        day,
               Precision  precision)
{
  int order;

  if (year < MIN_STORY_YEAR || !date_is_valid (year, month, day))
    return;
  if (compare_dates (year, month, day,
                     estimate->limit_year, estimate->limit_month, estimate->limit_day) > 0)
    return;

  if (estimate->have_best)
    {
      order = compare_dates (year, month, day,
                             estimate->best_year, estimate->best_month, estimate->best_day);
      if (order < 0 || (order == 0 && precision <= estimate->best_precision))
        return;
    }

  estimate->have_best = TRUE;
  estimate->best_year = year;
  estimate->best_month = month;
  estimate->best_day = day;
  estimate->best_precision = precision;
}

/* Looks for a date starting at token @i. Returns how many tokens it spans, 0 if none. */
static gssize
match_date (Estimate *estimate,
            gssize    i)
{
  const Token *token = token_at (estimate, i);
  int month;
  gssize j;

  /* ISO 8601 in text: "2025-02-11". */
  if (is_year_token (token) &&
      is_glued_punct (token_at (estimate, i + 1), '-') &&
      is_glued_number (token_at (estimate, i + 2), 2) &&
      is_glued_punct (token_at (estimate, i + 3), '-') &&
      is_glued_number (token_at (estimate, i + 4), 2))
    {
      if (!is_target (estimate, i))
        consider_date (estimate, token->value, token_at (estimate, i + 2)->value,
                       token_at (estimate, i + 4)->value, PRECISION_DAY);
      return 5;
    }

  /* Month first: "February 11, 2025", "Feb. 11th 2025", "March 1", "December 2024". */
  month = token_month (token);
  if (month != 0)
    {
      j = i + 1;
      if (is_glued_punct (token_at (estimate, j), '.'))
        j++;

      if (is_day_token (token_at (estimate, j)))
        {
          gssize day_index = j;
          gssize k = skip_ordinal (estimate, j);
          const Token *after = token_at (estimate, k);

          /* "March 1:30" is a time, "June 12%" a share. */
          if (is_glued_punct (after, ':') || is_punct (after, '%'))
            return 0;

          if (is_punct (after, ','))
            k++;
          if (is_year_token (token_at (estimate, k)))
            {
              if (!is_target (estimate, i))
                consider_date (estimate, token_at (estimate, k)->value, month,
                               token_at (estimate, day_index)->value, PRECISION_DAY);
              return k + 1 - i;
            }

          if (!is_target (estimate, i))
            {
              int pair[2] = { month, token_at (estimate, day_index)->value };

              g_array_append_vals (estimate->month_days, pair, 2);
            }
          return day_index + 1 - i;
        }

      if (is_punct (token_at (estimate, j), ','))
        j++;
      if (is_year_token (token_at (estimate, j)))
        {
          if (!is_target (estimate, i))
            consider_date (estimate, token_at (estimate, j)->value, month,
                           month_modifier_day (estimate, i), PRECISION_MONTH);
          return j + 1 - i;
        }
      return 0;
    }

  /* Day first: "11 February 2025", "11th of February 2025", "3 December". */
  if (is_day_token (token) && !is_glued_punct (token_at (estimate, i + 1), ':'))
    {
      j = skip_ordinal (estimate, i);
      if (word_is (token_at (estimate, j), "of"))
        j++;
      month = token_month (token_at (estimate, j));
      if (month == 0)
        return 0;

      j++;
      if (is_glued_punct (token_at (estimate, j), '.'))
        j++;
      if (is_punct (token_at (estimate, j), ','))
        j++;
      if (is_year_token (token_at (estimate, j)))
        {
          if (!is_target (estimate, i))
            consider_date (estimate, token_at (estimate, j)->value, month, token->value,
                           PRECISION_DAY);
          return j + 1 - i;
        }

      if (!is_target (estimate, i))
        {
          int pair[2] = { month, token->value };

          g_array_append_vals (estimate->month_days, pair, 2);
        }
      return j - i;
    }

  /* A bare year: "in 2023", "2024 report", "mid-2024". */
  if (is_bare_year (estimate, i))
    {
      if (!is_target (estimate, i))
        consider_date (estimate, token->value, 1, 1, PRECISION_YEAR);
      return 1;
    }

  return 0;
}

/* Refines a month estimate with the latest year-less "Month Day" that falls in that month
 * and not after the limit: "in December 2024 ... on December 3" gives 2024-12-03. A bare
 * year is not refined: which year a year-less day belongs to is a guess ("Malaysia's 2025
 * chairmanship ... on December 29" is about the December before), and the 1st of January
 * of the year named is the safer estimate. */
static void
refine_with_month_days (Estimate *estimate)
{
  gboolean found = FALSE;
  int month = 0;
  int day = 0;

  if (!estimate->have_best || estimate->best_precision != PRECISION_MONTH)
    return;

  for (guint i = 0; i + 1 < estimate->month_days->len; i += 2)
    {
      int m = g_array_index (estimate->month_days, int, i);
      int d = g_array_index (estimate->month_days, int, i + 1);

      if (estimate->best_precision == PRECISION_MONTH && m != estimate->best_month)
        continue;
      if (!date_is_valid (estimate->best_year, m, d))
        continue;
      if (compare_dates (estimate->best_year, m, d,
                         estimate->limit_year, estimate->limit_month, estimate->limit_day) > 0)
        continue;
      if (found && compare_dates (0, m, d, 0, month, day) <= 0)
        continue;

      found = TRUE;
      month = m;
      day = d;
    }

  if (found)
    {
      estimate->best_month = month;
      estimate->best_day = day;
      estimate->best_precision = PRECISION_DAY;
    }
}

/* How the estimate works.
 *
 * Candidates, found in the text with their precision:
 *  - full dates, to the day: "February 11, 2025", "Feb. 11th, 2025", "11 February 2025",
 *    "11th of February 2025", "2025-02-11";
 *  - months of a year: "December 2024" (the 1st), "early March 2024" (the 5th),
 *    "mid-January 2025" (the 15th), "late November 2024" and "the end of May 2024" (the
 *    25th); in a range such as "August-September 1988" the last month counts;
 *  - bare years, as the 1st of January: "in 2023", "2024 report", "Malaysia's 2025
 *    rotational", "mid-2024"; but not "1990s", "2000 troops", "$2025", "2,025",
 *    "Resolution 2334" or "RS-2024";
 *  - year-less days: "February 10", "3 December". They never stand on their own.
 * Month names must be capitalised, so that "may" and "march" stay words.
 *
 * A candidate is dropped when it is before 1900, after @not_after, not a real day
 * (February 30), or a target: preceded, possibly across "the end of", "early", "mid-" and
 * the like, by "by", "until", "till", "through", "before", "toward", "ahead of", "target",
 * "goal", "deadline", "Vision", "Agenda", "in the next", "in the coming", "scheduled for",
 * "planned for", "slated for", "set for", "expected in", "due in", "no later than", "prior
 * to" or "up to".
 *
 * The estimate is the latest remaining candidate; on a tie the finer one wins. When it is
 * a month, the latest year-less day that falls within that month, and not after
 * @not_after, makes it a full date. */
GDateTime *
dash_date_estimate_from_text (const char *text,
                              GDateTime  *not_after)
{
  return dash_date_estimate_from_text_full (text, not_after, NULL);
}

GDateTime *
dash_date_estimate_from_text_full (const char   *text,
                                   GDateTime    *not_after,
                                   gboolean     *only_year)
{
  g_autoptr(GArray) tokens = NULL;
  g_autoptr(GArray) month_days = NULL;
  g_autoptr(GDateTime) limit = NULL;
  Estimate estimate = { 0, };

  if (text == NULL || *text == '\0')
    return NULL;

  limit = not_after != NULL ? g_date_time_to_utc (not_after) : g_date_time_new_now_utc ();
  if (limit == NULL)
    return NULL;

  tokens = tokenize (text);
  month_days = g_array_new (FALSE, FALSE, sizeof (int));

  estimate.tokens = (const Token *) tokens->data;
  estimate.n_tokens = tokens->len;
  estimate.month_days = month_days;
  g_date_time_get_ymd (limit, &estimate.limit_year, &estimate.limit_month,
                       &estimate.limit_day);

  for (gssize i = 0; i < estimate.n_tokens;)
    {
      gssize span = match_date (&estimate, i);

      i += span > 0 ? span : 1;
    }

  refine_with_month_days (&estimate);

  if (!estimate.have_best)
    return NULL;
  if (only_year != NULL)
    *only_year = estimate.best_precision == PRECISION_YEAR;
  return g_date_time_new_utc (estimate.best_year, estimate.best_month, estimate.best_day,
                              0, 0, 0);
}
