/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Tests for dash-date: parsing date fields, formatting them, and estimating the date of
 * undated text.
 *
 * The estimation tests use short sentences written for them. When DASH_REFERENCE_CORPUS
 * names a directory, /date/estimate/corpus also checks the estimate on real articles of
 * the reference corpus; the corpus itself is never copied into the project. */

#define G_LOG_DOMAIN "test-date"

#include "dash-date.h"

#include <string.h>

typedef struct
{
  const char *input;
  const char *expected; /* ISO 8601 UTC, or NULL when the input is not a date. */
} ParseCase;

typedef struct
{
  const char *text;
  const char *not_after; /* ISO 8601. */
  const char *expected;  /* "YYYY-MM-DD", or NULL when nothing is usable. */
} EstimateCase;

/* Helpers. */

static char *
parse_to_iso (const char *input)
{
  g_autoptr(GDateTime) dt = dash_date_parse (input);

  return dt != NULL ? dash_date_to_iso8601 (dt) : NULL;
}

/* Compares "input -> result" strings, so that a failure names the input. */
static void
check_parse_cases (const ParseCase *cases,
                   size_t           n_cases)
{
  for (size_t i = 0; i < n_cases; i++)
    {
      g_autofree char *escaped = g_strescape (cases[i].input, NULL);
      g_autofree char *iso = parse_to_iso (cases[i].input);
      g_autofree char *got = g_strdup_printf ("\"%s\" -> %s", escaped, iso ? iso : "NULL");
      g_autofree char *want = g_strdup_printf ("\"%s\" -> %s", escaped,
                                               cases[i].expected ? cases[i].expected : "NULL");

      g_assert_cmpstr (got, ==, want);
    }
}

static GDateTime *
iso (const char *text)
{
  GDateTime *dt = dash_date_parse (text);

  g_assert_nonnull (dt);
  return dt;
}

static char *
estimate_to_day (const char *text,
                 GDateTime  *not_after)
{
  g_autoptr(GDateTime) dt = dash_date_estimate_from_text (text, not_after);

  if (dt == NULL)
    return NULL;

  /* Estimates are always at midnight UTC. */
  g_assert_cmpint (g_date_time_get_utc_offset (dt), ==, 0);
  g_assert_cmpint (g_date_time_get_hour (dt), ==, 0);
  g_assert_cmpint (g_date_time_get_minute (dt), ==, 0);
  g_assert_cmpint (g_date_time_get_second (dt), ==, 0);
  g_assert_cmpint (g_date_time_get_microsecond (dt), ==, 0);
  return g_date_time_format (dt, "%Y-%m-%d");
}

static void
check_estimate_cases (const EstimateCase *cases,
                      size_t              n_cases)
{
  for (size_t i = 0; i < n_cases; i++)
    {
      g_autoptr(GDateTime) not_after = iso (cases[i].not_after);
      g_autofree char *day = estimate_to_day (cases[i].text, not_after);
      g_autofree char *got = g_strdup_printf ("\"%s\" -> %s", cases[i].text,
                                              day ? day : "NULL");
      g_autofree char *want = g_strdup_printf ("\"%s\" -> %s", cases[i].text,
                                               cases[i].expected ? cases[i].expected : "NULL");

      g_assert_cmpstr (got, ==, want);
    }
}

/* Parsing. */

static const ParseCase rfc822_cases[] = {
  { "Fri, 14 Mar 2025 09:35:52 +0000", "2025-03-14T09:35:52Z" },
  { "14 Mar 2025 09:35:52 +0000", "2025-03-14T09:35:52Z" },
  { "Fri, 14 Mar 2025 09:35 +0000", "2025-03-14T09:35:00Z" },
  { "Fri,14 Mar 2025 09:35:52 +0000", "2025-03-14T09:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52", "2025-03-14T09:35:52Z" },
  { "14 Mar 2025", "2025-03-14T00:00:00Z" },
  { "4 Mar 2025 09:35:52 +0000", "2025-03-04T09:35:52Z" },
  { "Mon, 14 Mar 2025 09:35:52 +0000", "2025-03-14T09:35:52Z" },
  { "Sat, 31 Dec 2016 23:59:60 +0000", "2016-12-31T23:59:59Z" },
  { "Tue, 31 Dec 2024 23:30:00 -0100", "2025-01-01T00:30:00Z" },
  { "Sat, 29 Feb 2024 12:00:00 GMT", "2024-02-29T12:00:00Z" },

  /* Two- and three-digit years. */
  { "Fri, 14 Mar 25 09:35:52 +0000", "2025-03-14T09:35:52Z" },
  { "Sun, 14 Mar 99 09:35:52 GMT", "1999-03-14T09:35:52Z" },
  { "Thu, 01 Jan 70 00:00:00 GMT", "1970-01-01T00:00:00Z" },
  { "Sat, 01 Jan 00 00:00:00 GMT", "2000-01-01T00:00:00Z" },
  { "Mon, 14 Mar 69 09:35:52 GMT", "2069-03-14T09:35:52Z" },
  { "Fri, 14 Mar 125 09:35:52 GMT", "2025-03-14T09:35:52Z" },

  /* Numeric zones. */
  { "Fri, 14 Mar 2025 09:35:52 -0500", "2025-03-14T14:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 +0530", "2025-03-14T04:05:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 +05:30", "2025-03-14T04:05:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 -0000", "2025-03-14T09:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 +1400", "2025-03-13T19:35:52Z" },

  /* Named zones. */
  { "Fri, 14 Mar 2025 09:35:52 GMT", "2025-03-14T09:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 UT", "2025-03-14T09:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 UTC", "2025-03-14T09:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 Z", "2025-03-14T09:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 EST", "2025-03-14T14:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 EDT", "2025-03-14T13:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 CST", "2025-03-14T15:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 CDT", "2025-03-14T14:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 MST", "2025-03-14T16:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 MDT", "2025-03-14T15:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 PST", "2025-03-14T17:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 PDT", "2025-03-14T16:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 CET", "2025-03-14T08:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 CEST", "2025-03-14T07:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 BST", "2025-03-14T08:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 IST", "2025-03-14T04:05:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 JST", "2025-03-14T00:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 HKT", "2025-03-14T01:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 SGT", "2025-03-14T01:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 AEST", "2025-03-13T23:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 AEDT", "2025-03-13T22:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 gmt", "2025-03-14T09:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 GMT+8", "2025-03-14T01:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 UTC-05:00", "2025-03-14T14:35:52Z" },

  /* Military letters count as +0000, as RFC 2822 recommends; J is not a zone. */
  { "Fri, 14 Mar 2025 09:35:52 A", "2025-03-14T09:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 M", "2025-03-14T09:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 N", "2025-03-14T09:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 Y", "2025-03-14T09:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 z", "2025-03-14T09:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 J", NULL },

  /* Spacing, case, full names, comments. */
  { "  Fri,   14  Mar   2025   09:35:52    +0000  ", "2025-03-14T09:35:52Z" },
  { "Fri,\t14 Mar 2025\n09:35:52\r\n+0000", "2025-03-14T09:35:52Z" },
  { "fri, 14 mar 2025 09:35:52 +0000", "2025-03-14T09:35:52Z" },
  { "FRI, 14 MAR 2025 09:35:52 GMT", "2025-03-14T09:35:52Z" },
  { "Friday, 14 March 2025 09:35:52 +0000", "2025-03-14T09:35:52Z" },
  { "14 March 2025", "2025-03-14T00:00:00Z" },
  { "Fri, 14 Mar 2025 09:35:52 +0000 (UTC)", "2025-03-14T09:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 -0500 (EST)", "2025-03-14T14:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 -0500 EST", "2025-03-14T14:35:52Z" },
  { "Fri, 14 Mar 2025 09:35:52 GMT (Coordinated (Universal) Time)", "2025-03-14T09:35:52Z" },
  { "14-Mar-2025 09:35:52 +0000", "2025-03-14T09:35:52Z" },
  { "14-Mar-25", "2025-03-14T00:00:00Z" },

  /* asctime and date(1). */
  { "Fri Mar 14 09:35:52 2025", "2025-03-14T09:35:52Z" },
  { "Fri Mar 14 09:35:52 UTC 2025", "2025-03-14T09:35:52Z" },
  { "Fri Mar 14 09:35:52 CET 2025", "2025-03-14T08:35:52Z" },

  /* Not dates. */
  { "Fri, 30 Feb 2025 09:35:52 +0000", NULL },
  { "Fri, 29 Feb 2023 09:35:52 +0000", NULL },
  { "Fri, 32 Mar 2025 09:35:52 +0000", NULL },
  { "Fri, 0 Mar 2025 09:35:52 +0000", NULL },
  { "Fri, 14 Foo 2025 09:35:52 +0000", NULL },
  { "Fri, 14 Mar 2025 25:00:00 +0000", NULL },
  { "Fri, 14 Mar 2025 24:00:00 +0000", NULL },
  { "Fri, 14 Mar 2025 09:60:00 +0000", NULL },
  { "Fri, 14 Mar 2025 09:35:61 +0000", NULL },
  { "Fri, 14 Mar 2025 09:35:52 +2500", NULL },
  { "Fri, 14 Mar 2025 09:35:52 +0060", NULL },
  { "Fri, 14 Mar 2025 09:35:52 +000", NULL },
  { "Fri, 14 Mar 2025 09:35:52 XYZ", NULL },
  { "Fri, 14 Mar 2025 09:35:52 +0000 trailing words", NULL },
  { "Fri, 14 Mar 2025 09:35:52 +0000 (unclosed", NULL },
  { "Fri, 14 Mar 2025 09:35:52 +0000 (a))", NULL },
  { "Fri, 14 Mar 2025 9", NULL },
  { "Fri, 14 Mar 2025 09:3", NULL },
  { "Fri, 14 Mar", NULL },
  { "Fri, 14 Mar 5", NULL },
  { "Fri, 14 Mar 12345", NULL },
  { "Fri,", NULL },
  { "Fri Mar 14 09:35:52", NULL },
  { "Fri Mar 14 09:35:52 25", NULL },
};

static void
test_parse_rfc822 (void)
{
  check_parse_cases (rfc822_cases, G_N_ELEMENTS (rfc822_cases));
}

static const ParseCase iso8601_cases[] = {
  { "2025-02-11", "2025-02-11T00:00:00Z" },
  { "2025-02", "2025-02-01T00:00:00Z" },
  { "2025", "2025-01-01T00:00:00Z" },
  { "2025-02-11T16:00:32Z", "2025-02-11T16:00:32Z" },
  { "2025-02-11t16:00:32z", "2025-02-11T16:00:32Z" },
  { "2025-02-11T16:00:32.123+08:00", "2025-02-11T08:00:32Z" },
  { "2025-02-11T16:00:32.999999999Z", "2025-02-11T16:00:32Z" },
  { "2025-02-11T16:00:32,5Z", "2025-02-11T16:00:32Z" },
  { "2025-02-11 16:00:32", "2025-02-11T16:00:32Z" },
  { "2025-02-11T16:00:32", "2025-02-11T16:00:32Z" },
  { "2025-02-11T16:00:32+0800", "2025-02-11T08:00:32Z" },
  { "2025-02-11T16:00:32+08", "2025-02-11T08:00:32Z" },
  { "2025-02-11T16:00:32-05:00", "2025-02-11T21:00:32Z" },
  { "2025-02-11T16:00:32-0330", "2025-02-11T19:30:32Z" },
  { "2025-02-11T16:00Z", "2025-02-11T16:00:00Z" },
  { "2025-02-11T16:00+01:00", "2025-02-11T15:00:00Z" },
  { "2025-02-11 16:00:32 UTC", "2025-02-11T16:00:32Z" },
  { "2025-02-11 16:00:32 +0000", "2025-02-11T16:00:32Z" },
  { "2025-02-11T16:00:32Z (UTC)", "2025-02-11T16:00:32Z" },
  { "2025-02-11T00:30:00+01:00", "2025-02-10T23:30:00Z" },
  { "2024-12-31T23:30:00-01:00", "2025-01-01T00:30:00Z" },
  { "  2025-02-11T16:00:32Z\n", "2025-02-11T16:00:32Z" },
  { "20250211T160032Z", "2025-02-11T16:00:32Z" },
  { "20250211T1600Z", "2025-02-11T16:00:00Z" },
  { "20250211T160032+0100", "2025-02-11T15:00:32Z" },
  { "20250211", "2025-02-11T00:00:00Z" },
  { "2024-02-29", "2024-02-29T00:00:00Z" },
  { "2000-02-29", "2000-02-29T00:00:00Z" },
  { "9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z" },
  { "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z" },

  /* Not dates. */
  { "2023-02-29", NULL },
  { "1900-02-29", NULL },
  { "2025-02-30", NULL },
  { "2025-04-31", NULL },
  { "2025-13-01", NULL },
  { "2025-00-10", NULL },
  { "2025-02-00", NULL },
  { "2025-13", NULL },
  { "0000-01-01", NULL },
  { "2025-02-11T25:00:00Z", NULL },
  { "2025-02-11T24:00:00Z", NULL },
  { "2025-02-11T16:61:00Z", NULL },
  { "2025-02-11T16:00:32+25:00", NULL },
  { "2025-02-11T16:00:32+08:0", NULL },
  { "2025-2-11", NULL },
  { "2025-02-1", NULL },
  { "2025-02-11T", NULL },
  { "2025-02-11T16", NULL },
  { "2025-02-11T16:", NULL },
  { "2025-02-11X", NULL },
  { "2025-02-11T16:00:32Z garbage", NULL },
  { "2025-", NULL },
  { "2025-02-", NULL },
  { "20251311", NULL },
  { "20250211T16Z", NULL },
  { "2025/02/11", NULL },
  { "9999-12-31T23:59:59-01:00", NULL },
  { "0001-01-01T00:00:00+01:00", NULL },
};

static void
test_parse_iso8601 (void)
{
  check_parse_cases (iso8601_cases, G_N_ELEMENTS (iso8601_cases));
}

static const ParseCase epoch_cases[] = {
  { "1739289632", "2025-02-11T16:00:32Z" },
  { "1000000000", "2001-09-09T01:46:40Z" },
  { "123456789", "1973-11-29T21:33:09Z" },
  { "99999999999", "5138-11-16T09:46:39Z" },
  { " 1739289632 ", "2025-02-11T16:00:32Z" },
  { "000000000", "1970-01-01T00:00:00Z" },

  /* Too short or too long to be epoch seconds. */
  { "12345678", NULL },
  { "1234567", NULL },
  { "123456789012", NULL },
  { "1739289632000", NULL },
  { "99999999999999999999", NULL },
  { "-1739289632", NULL },
  { "+1739289632", NULL },
  { "1739289632.5", NULL },
  { "1739289632 UTC", NULL },
};

static void
test_parse_epoch (void)
{
  check_parse_cases (epoch_cases, G_N_ELEMENTS (epoch_cases));
}

static const ParseCase written_cases[] = {
  { "February 11, 2025", "2025-02-11T00:00:00Z" },
  { "Feb 11, 2025", "2025-02-11T00:00:00Z" },
  { "Feb. 11 2025", "2025-02-11T00:00:00Z" },
  { "Feb. 11, 2025", "2025-02-11T00:00:00Z" },
  { "11 February 2025", "2025-02-11T00:00:00Z" },
  { "11th February 2025", "2025-02-11T00:00:00Z" },
  { "11th of February 2025", "2025-02-11T00:00:00Z" },
  { "11 February, 2025", "2025-02-11T00:00:00Z" },
  { "February 11th, 2025", "2025-02-11T00:00:00Z" },
  { "Tuesday, February 11, 2025", "2025-02-11T00:00:00Z" },
  { "Tue. Feb. 11, 2025", "2025-02-11T00:00:00Z" },
  { "february 11 2025", "2025-02-11T00:00:00Z" },
  { "FEBRUARY 11, 2025", "2025-02-11T00:00:00Z" },
  { "Sept. 1, 2024", "2024-09-01T00:00:00Z" },
  { "1st September 2024", "2024-09-01T00:00:00Z" },
  { "2nd September 2024", "2024-09-02T00:00:00Z" },
  { "September 3rd, 2024", "2024-09-03T00:00:00Z" },
  { "February 2025", "2025-02-01T00:00:00Z" },
  { "Feb 11, 2025.", "2025-02-11T00:00:00Z" },
  { "February 11, 2025 16:00", "2025-02-11T16:00:00Z" },
  { "February 11, 2025 at 9:35 am", "2025-02-11T09:35:00Z" },
  { "February 11, 2025, 4:00 PM EST", "2025-02-11T21:00:00Z" },
  { "February 11, 2025 12:00 a.m.", "2025-02-11T00:00:00Z" },
  { "February 11, 2025 12:30 pm", "2025-02-11T12:30:00Z" },
  { "February\u00a011,\u00a02025", "2025-02-11T00:00:00Z" },
  { "\u2009February 11, 2025\u202f", "2025-02-11T00:00:00Z" },

  /* Not dates. */
  { "February 11", NULL },
  { "11 February", NULL },
  { "February", NULL },
  { "Tuesday", NULL },
  { "February 30, 2025", NULL },
  { "February 11, 2025 13:00 pm", NULL },
  { "February 11, 2025 0:30 am", NULL },
  { "Febtember 11, 2025", NULL },
  { "Fe 11, 2025", NULL },
  { "February 11, 2025 and more", NULL },
  { "February 11 2025 2026", NULL },
  { "11 2025", NULL },
  { "11/02/2025", NULL },
  { "02/11/2025", NULL },
  { "yesterday", NULL },
  { "in February 2025", NULL },
};

static void
test_parse_written (void)
{
  check_parse_cases (written_cases, G_N_ELEMENTS (written_cases));
}

static const ParseCase hostile_cases[] = {
  { "", NULL },
  { " ", NULL },
  { "\t\r\n", NULL },
  { "\u00a0", NULL },
  { "garbage", NULL },
  { "(UTC)", NULL },
  { "()", NULL },
  { "((((((((", NULL },
  { "-", NULL },
  { "+0000", NULL },
  { "GMT", NULL },
  { ":", NULL },
  { "T", NULL },
  { "Z", NULL },
  { ",,,,", NULL },
  { "0", NULL },
  { "-0", NULL },
  { "%s%s%s%n", NULL },
  { "2025-02-11T16:00:32Z\xff", NULL },
  { "\xff\xfe", NULL },
  { "Feb\xc3 11, 2025", NULL },
  { "2025\xe2\x80", NULL },
  { "\xc0\xaf", NULL },
  { "\xed\xa0\x80", NULL },
  { "Fri, 14 Mar 2025 09:35:52 +0000\x80", NULL },
  { "Fri, 14 Mar 2025 09:35:52 +0000 (\xff)", NULL },
  { "Fri, 14 Mar 2025 09:35:52 +0000 (\xe2\x80)", NULL },
  { "99999999999999999999", NULL },
  { "-99999999999", NULL },
  { "9999999999999999999999999999999-01-01", NULL },
  { "2025-99999999999999999999-01", NULL },
  { "Fri, 99999999999999999999 Mar 2025", NULL },
  { "Fri, 14 Mar 99999999999999999999", NULL },
  { "Fri, 14 Mar 2025 99999999999999999999:00", NULL },
  { "Fri, 14 Mar 2025 09:35:52 +99999999999999999999", NULL },
  { "2025-02-11T16:00:32.99999999999999999999999999999Z", "2025-02-11T16:00:32Z" },
  { "日本語", NULL },
  { "2025年2月11日", NULL },
};

static void
test_parse_hostile (void)
{
  check_parse_cases (hostile_cases, G_N_ELEMENTS (hostile_cases));

  /* A missing field is not a date either, and says so quietly. */
  g_assert_null (dash_date_parse (NULL));
}

static void
test_parse_long (void)
{
  const size_t len = 1024 * 1024;
  g_autofree char *digits = g_malloc (len + 1);
  g_autofree char *letters = g_malloc (len + 1);
  g_autofree char *padded = NULL;
  g_autofree char *padded_iso = NULL;
  g_autofree char *trailing = NULL;
  g_autofree char *long_comment = NULL;
  g_autofree char *long_spaces = NULL;
  GString *repeated = g_string_new (NULL);
  g_autoptr(GDateTime) dt = NULL;

  memset (digits, '9', len);
  digits[len] = '\0';
  g_assert_null (dash_date_parse (digits));

  memset (letters, 'a', len);
  letters[len] = '\0';
  g_assert_null (dash_date_parse (letters));

  /* Whitespace around a date does not count against the length limit. */
  padded = g_strdup_printf ("%*s2025-02-11T16:00:32Z%*s", 100000, "", 100000, "");
  padded_iso = parse_to_iso (padded);
  g_assert_cmpstr (padded_iso, ==, "2025-02-11T16:00:32Z");

  /* A date followed by a lot of anything is not a date field. */
  trailing = g_strconcat ("2025-02-11", letters, NULL);
  g_assert_null (dash_date_parse (trailing));
  long_comment = g_strdup_printf ("14 Mar 2025 (%s)", letters);
  g_assert_null (dash_date_parse (long_comment));

  /* Inner spaces count. */
  long_spaces = g_strdup_printf ("14%*sMar 2025", 1000, "");
  g_assert_null (dash_date_parse (long_spaces));

  for (int i = 0; i < 10000; i++)
    g_string_append (repeated, "Fri, 14 Mar 2025 ");
  g_assert_null (dash_date_parse (repeated->str));
  g_string_free (repeated, TRUE);

  /* The limit is on the trimmed text, not on the buffer. */
  dt = dash_date_parse ("Fri, 14 Mar 2025 09:35:52 +0000 (a comment that is long, but not too "
                        "long, for a date field that some feed has decorated)");
  g_assert_nonnull (dt);
}

/* Random bytes, and valid dates with random damage: never a crash or a warning, and
 * whatever comes out must be a real instant that survives formatting and parsing again. */
static void
check_round_trip (const char *input)
{
  g_autoptr(GDateTime) dt = dash_date_parse (input);
  g_autoptr(GDateTime) again = NULL;
  g_autofree char *text = NULL;

  if (dt == NULL)
    return;

  g_assert_cmpint (g_date_time_get_utc_offset (dt), ==, 0);
  text = dash_date_to_iso8601 (dt);
  g_assert_nonnull (text);
  g_assert_cmpuint (strlen (text), ==, strlen ("2025-02-11T16:00:32Z"));
  again = dash_date_parse (text);
  g_assert_nonnull (again);
  g_assert_true (g_date_time_equal (dt, again));
}

static void
test_parse_fuzz (void)
{
  static const char alphabet[] = "0123456789-:+.,() TtZz\t\xc2\xa0\xff"
                                 "JanFebMarAprMayJunJulAugSepOctNovDecGMTESTUTCamp";
  static const char * const seeds[] = {
    "Fri, 14 Mar 2025 09:35:52 +0000 (UTC)",
    "2025-02-11T16:00:32.123+08:00",
    "20250211T160032Z",
    "Tuesday, February 11th, 2025 at 4:00 p.m. EST",
    "1739289632",
    "Fri Mar 14 09:35:52 UTC 2025",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20250211);
  int n_dates = 0;

  for (int i = 0; i < 20000; i++)
    {
      int len = g_rand_int_range (rand, 0, 48);
      g_autofree char *bytes = g_malloc (len + 1);
      g_autofree char *chars = g_malloc (len + 1);

      for (int k = 0; k < len; k++)
        {
          bytes[k] = (char) g_rand_int_range (rand, 1, 256);
          chars[k] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
        }
      bytes[len] = '\0';
      chars[len] = '\0';

      check_round_trip (bytes);
      check_round_trip (chars);
    }

  for (int i = 0; i < 20000; i++)
    {
      const char *seed = seeds[g_rand_int_range (rand, 0, G_N_ELEMENTS (seeds))];
      g_autofree char *damaged = g_strdup (seed);
      size_t len = strlen (damaged);
      int n_changes = g_rand_int_range (rand, 1, 4);
      g_autoptr(GDateTime) dt = NULL;

      for (int k = 0; k < n_changes; k++)
        {
          size_t at = g_rand_int_range (rand, 0, len);

          if (g_rand_boolean (rand))
            damaged[at] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
          else
            damaged[at] = (char) g_rand_int_range (rand, 1, 256);
        }

      check_round_trip (damaged);
      dt = dash_date_parse (damaged);
      if (dt != NULL)
        n_dates++;
    }

  /* Damage sometimes leaves a valid date (a digit for a digit), often not. */
  g_assert_cmpint (n_dates, >, 0);
  g_assert_cmpint (n_dates, <, 20000);
}

/* Every second of the calendar that feeds use formats and parses back to itself, in
 * each of the main formats and with any offset. */
static void
test_parse_round_trip (void)
{
  static const char * const months[] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (int i = 0; i < 5000; i++)
    {
      /* 1900-01-01 to 2100-01-01. */
      gint64 t = g_rand_double_range (rand, -2208988800.0, 4102444800.0);
      int offset_minutes = g_rand_int_range (rand, -12 * 4, 14 * 4 + 1) * 15;
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
      g_autoptr(GTimeZone) tz = g_time_zone_new_offset (offset_minutes * 60);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
      g_autofree char *expected = dash_date_to_iso8601 (utc);
      g_autofree char *rfc = NULL;
      g_autofree char *iso_text = NULL;
      g_autofree char *rfc_parsed = NULL;
      g_autofree char *iso_parsed = NULL;
      int year, month, day;
      int abs_offset = ABS (offset_minutes);

      g_date_time_get_ymd (local, &year, &month, &day);
      rfc = g_strdup_printf ("%02d %s %04d %02d:%02d:%02d %c%02d%02d",
                             day, months[month - 1], year,
                             g_date_time_get_hour (local), g_date_time_get_minute (local),
                             g_date_time_get_second (local),
                             offset_minutes < 0 ? '-' : '+', abs_offset / 60, abs_offset % 60);
      iso_text = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
                                  year, month, day,
                                  g_date_time_get_hour (local), g_date_time_get_minute (local),
                                  g_date_time_get_second (local),
                                  offset_minutes < 0 ? '-' : '+',
                                  abs_offset / 60, abs_offset % 60);

      rfc_parsed = parse_to_iso (rfc);
      iso_parsed = parse_to_iso (iso_text);
      g_assert_cmpstr (rfc_parsed, ==, expected);
      g_assert_cmpstr (iso_parsed, ==, expected);
    }
}

/* Formatting. */

static void
test_format (void)
{
  g_autoptr(GTimeZone) plus8 = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GTimeZone) minus5 = g_time_zone_new_offset (-5 * 3600);
  g_autoptr(GDateTime) utc = g_date_time_new_utc (2025, 2, 11, 16, 0, 32);
  g_autoptr(GDateTime) fraction = g_date_time_new_utc (2025, 2, 11, 16, 0, 32.999);
  g_autoptr(GDateTime) east = g_date_time_new (plus8, 2025, 2, 12, 0, 0, 32);
  g_autoptr(GDateTime) west = g_date_time_new (minus5, 2025, 2, 11, 11, 0, 32);
  g_autoptr(GDateTime) first = g_date_time_new_utc (1, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) last = g_date_time_new_utc (9999, 12, 31, 23, 59, 59);
  g_autoptr(GDateTime) early = g_date_time_new_utc (999, 3, 4, 5, 6, 7);
  g_autofree char *utc_text = dash_date_to_iso8601 (utc);
  g_autofree char *fraction_text = dash_date_to_iso8601 (fraction);
  g_autofree char *east_text = dash_date_to_iso8601 (east);
  g_autofree char *west_text = dash_date_to_iso8601 (west);
  g_autofree char *first_text = dash_date_to_iso8601 (first);
  g_autofree char *last_text = dash_date_to_iso8601 (last);
  g_autofree char *early_text = dash_date_to_iso8601 (early);

  g_assert_cmpstr (utc_text, ==, "2025-02-11T16:00:32Z");
  g_assert_cmpstr (fraction_text, ==, "2025-02-11T16:00:32Z");
  g_assert_cmpstr (east_text, ==, "2025-02-11T16:00:32Z");
  g_assert_cmpstr (west_text, ==, "2025-02-11T16:00:32Z");
  g_assert_cmpstr (first_text, ==, "0001-01-01T00:00:00Z");
  g_assert_cmpstr (last_text, ==, "9999-12-31T23:59:59Z");
  g_assert_cmpstr (early_text, ==, "0999-03-04T05:06:07Z");
}

/* Estimating. */

static const EstimateCase full_date_cases[] = {
  { "The summit opened on February 11, 2025 in Paris.", "2026-01-01", "2025-02-11" },
  { "Ministers met on Feb. 11, 2025, and again later.", "2026-01-01", "2025-02-11" },
  { "Talks resumed on 11 February 2025 after a pause.", "2026-01-01", "2025-02-11" },
  { "Talks resumed on the 11th of February 2025.", "2026-01-01", "2025-02-11" },
  { "Signed on Tuesday, February 11th, 2025.", "2026-01-01", "2025-02-11" },
  { "The decree (dated 2025-02-11) was published.", "2026-01-01", "2025-02-11" },
  { "Sent Fri, 14 Mar 2025 09:35:52 +0000 by the agency.", "2026-01-01", "2025-03-14" },
  { "Earlier, on March 3, 2024, and later on January 5, 2025.", "2026-01-01", "2025-01-05" },
  { "On January 5, 2025 and on March 3, 2024.", "2026-01-01", "2025-01-05" },
  /* Not real days. */
  { "A meeting on February 30, 2025 never happened.", "2026-01-01", NULL },
  { "Nothing happened on 31 April 2024.", "2026-01-01", NULL },
  /* Lower-case month names are words, not months. */
  { "They may 5 times try to march 3 miles in 2,000 steps.", "2026-01-01", NULL },
  { "In 2023 they may 5 times march 3 miles.", "2026-01-01", "2023-01-01" },
  { "In 2023 they march 2024 metres.", "2026-01-01", "2023-01-01" },
};

static void
test_estimate_full_dates (void)
{
  check_estimate_cases (full_date_cases, G_N_ELEMENTS (full_date_cases));
}

static const EstimateCase month_year_cases[] = {
  { "The visit took place in mid-January 2025 and was widely covered.", "2026-01-01",
    "2025-01-15" },
  { "The visit took place in mid January 2025.", "2026-01-01", "2025-01-15" },
  { "Fighting resumed in early March 2024.", "2026-01-01", "2024-03-05" },
  { "The group spoke in late November 2024.", "2026-01-01", "2024-11-25" },
  { "Assad fell in December 2024.", "2026-01-01", "2024-12-01" },
  { "Assad fell in December, 2024.", "2026-01-01", "2024-12-01" },
  { "The deal was agreed at the end of May 2024.", "2026-01-01", "2024-05-25" },
  { "The deal was agreed at the beginning of May 2024.", "2026-01-01", "2024-05-05" },
  { "An uprising was crushed in August-September 1988.", "2026-01-01", "1988-09-01" },
  { "A Gallup poll from April 2024 and a survey in Sept 2023.", "2026-01-01", "2024-04-01" },
  { "The summit of mid-January 2025 followed the April 2024 poll.", "2026-01-01",
    "2025-01-15" },
};

static void
test_estimate_month_year (void)
{
  check_estimate_cases (month_year_cases, G_N_ELEMENTS (month_year_cases));
}

static const EstimateCase year_cases[] = {
  { "The survey was conducted in 2023.", "2026-01-01", "2023-01-01" },
  { "The 2024 report found little change.", "2026-01-01", "2024-01-01" },
  { "The talks came under Malaysia\u2019s 2025 rotational chairmanship.", "2026-01-01",
    "2025-01-01" },
  { "Prices peaked in late-2024.", "2026-01-01", "2024-01-01" },
  { "Prices peaked in mid-2024.", "2026-01-01", "2024-01-01" },
  { "The 2023-2024 season ended.", "2026-01-01", "2024-01-01" },
  { "It was set up in 2012 and expanded in 2019.", "2026-01-01", "2019-01-01" },
  /* Counts, amounts, labels and decades are not years. */
  { "In the 1990s and 2000s the region grew.", "2026-01-01", NULL },
  { "Some 2000 troops and 1500 people were moved.", "2026-01-01", NULL },
  { "The bill came to $2025 and 2024% more.", "2026-01-01", NULL },
  { "Prices rose \u20ac2020 on average.", "2026-01-01", NULL },
  { "The fleet has 1,2024 ships and 3.2024 ratios.", "2026-01-01", NULL },
  { "Security Council Resolution 2334 and flight 1999 were cited.", "3000-01-01", NULL },
  { "The RS-2024 launcher was shown.", "2026-01-01", NULL },
  { "Call 555-2024-1234 for details.", "2026-01-01", NULL },
  { "Costs of 20250 and 202 were noted.", "2026-01-01", NULL },
  /* Too old to be the date of a story. */
  { "The treaty of 1815 and the war of 1870.", "2026-01-01", NULL },
  { "The Cold War began after 1945.", "2026-01-01", "1945-01-01" },
};

static void
test_estimate_years (void)
{
  check_estimate_cases (year_cases, G_N_ELEMENTS (year_cases));
}

static const EstimateCase target_cases[] = {
  { "The country aims for carbon neutrality by 2030.", "2035-01-01", NULL },
  { "By 2029, the air force intends to replace them.", "2035-01-01", NULL },
  { "The ceasefire holds until March 2026.", "2027-01-01", NULL },
  { "The law stays in force till 2026.", "2027-01-01", NULL },
  { "Funding runs through 2026.", "2027-01-01", NULL },
  { "Prices were lower before 2014.", "2027-01-01", NULL },
  { "The port should be ready by the end of 2026.", "2027-01-01", NULL },
  { "The port should be ready by mid-2026.", "2027-01-01", NULL },
  { "The port should be ready by early March 2026.", "2027-01-01", NULL },
  { "The vote is scheduled for October 2026.", "2027-01-01", NULL },
  { "The vote is scheduled for February 11, 2026.", "2027-01-01", NULL },
  { "The first flight is expected in 2026.", "2027-01-01", NULL },
  { "The payment is due in 2026.", "2027-01-01", NULL },
  { "The kingdom's Vision 2030 plan.", "2035-01-01", NULL },
  { "A target of 2026 was set.", "2027-01-01", NULL },
  { "No later than 2026, it said.", "2027-01-01", NULL },
  { "Reforms are planned for 2026.", "2027-01-01", NULL },
  /* A target does not hide the past dates around it. */
  { "In 2023 the ministry set a target of 2026.", "2027-01-01", "2023-01-01" },
  { "After a report in November 2024, the service said by 2029 the fleet would change.",
    "2030-01-01", "2024-11-01" },
};

static void
test_estimate_targets (void)
{
  check_estimate_cases (target_cases, G_N_ELEMENTS (target_cases));
}

static const EstimateCase not_after_cases[] = {
  { "Delivery could come between October 2028 and February 2029.", "2026-11-24", NULL },
  { "Delivery could come between October 2028 and February 2029.", "2028-12-01",
    "2028-10-01" },
  { "Delivery could come between October 2028 and February 2029.", "2030-01-01",
    "2029-02-01" },
  { "Published in November 2024; launch in October 2028.", "2026-11-24", "2024-11-01" },
  /* The limit's own day is allowed. */
  { "It happened on February 11, 2025.", "2025-02-11T08:00:00Z", "2025-02-11" },
  { "It happened on February 12, 2025.", "2025-02-11T23:59:59Z", NULL },
  { "It happened on February 12, 2025.", "2025-02-11T23:00:00-05:00", "2025-02-12" },
  { "It happened in 2025.", "2024-12-31", NULL },
};

static void
test_estimate_not_after (void)
{
  g_autoptr(GDateTime) past = NULL;
  g_autoptr(GDateTime) future = NULL;

  check_estimate_cases (not_after_cases, G_N_ELEMENTS (not_after_cases));

  /* Without a limit, now is the limit. */
  past = dash_date_estimate_from_text ("The survey was conducted in 2023.", NULL);
  g_assert_nonnull (past);
  g_assert_cmpint (g_date_time_get_year (past), ==, 2023);
  future = dash_date_estimate_from_text ("The colony was founded in 9000.", NULL);
  g_assert_null (future);
}

static const EstimateCase refine_cases[] = {
  /* A year-less day refines a month, not a bare year: which year it belongs to is a guess. */
  { "The summit, held in 2025 on February 10 and 11, drew leaders.", "2026-01-01",
    "2025-01-01" },
  { "A poll from April 2024 came out on April 20.", "2026-01-01", "2024-04-20" },
  { "In December 2024 talks began; on 3 December and 29 December they met.", "2026-01-01",
    "2024-12-29" },
  { "In 2025 the summit met; on 3rd March it closed.", "2026-01-01", "2025-01-01" },
  /* But only within its period. */
  { "The visit in mid-January 2025 ended on March 3.", "2026-01-01", "2025-01-15" },
  /* And never a full date. */
  { "On February 11, 2025 the phase ending on March 1 was discussed.", "2026-01-01",
    "2025-02-11" },
  /* Nor after the limit. */
  { "In 2025 the vote was held; it ends December 29.", "2025-06-01", "2025-01-01" },
  /* Nor on a day the year lacks. */
  { "The 2023 leap day, February 29, never came.", "2026-01-01", "2023-01-01" },
  /* On a tie the finer candidate wins, so a full date is not refined. */
  { "In December 2024, on December 1, 2024, and again on December 20.", "2026-01-01",
    "2024-12-01" },
  /* A year-less day alone says nothing. */
  { "The deadline is March 1.", "2026-01-01", NULL },
  { "Talks on January 20 and February 4.", "2026-01-01", NULL },
  /* Targets do not refine. */
  { "In 2025 the plan was set; it must be done by December 29.", "2026-01-01", "2025-01-01" },
};

static void
test_estimate_refine (void)
{
  check_estimate_cases (refine_cases, G_N_ELEMENTS (refine_cases));
}

static void
test_estimate_hostile (void)
{
  g_autoptr(GDateTime) not_after = iso ("2026-01-01");
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *day = NULL;
  GString *text;

  g_assert_null (dash_date_estimate_from_text (NULL, not_after));
  g_assert_null (dash_date_estimate_from_text ("", not_after));
  g_assert_null (dash_date_estimate_from_text ("No dates at all here.", not_after));
  g_assert_null (dash_date_estimate_from_text ("99999999999999999999 9999 0000 1899",
                                               not_after));

  /* Invalid UTF-8 around a date does not hide it. */
  day = estimate_to_day ("\xff\xfe On February 11, 2025\xc3 the \xed\xa0\x80 talks.",
                         not_after);
  g_assert_cmpstr (day, ==, "2025-02-11");
  g_clear_pointer (&day, g_free);

  /* Random bytes: whatever comes out is a real day, not after the limit. */
  for (int i = 0; i < 2000; i++)
    {
      int len = g_rand_int_range (rand, 0, 400);
      g_autofree char *bytes = g_malloc (len + 1);
      g_autoptr(GDateTime) dt = NULL;

      for (int k = 0; k < len; k++)
        {
          if (g_rand_int_range (rand, 0, 4) == 0)
            bytes[k] = "2019 January 11, -2025 mid by"[g_rand_int_range (rand, 0, 29)];
          else
            bytes[k] = (char) g_rand_int_range (rand, 1, 256);
        }
      bytes[len] = '\0';

      dt = dash_date_estimate_from_text (bytes, not_after);
      if (dt != NULL)
        {
          g_assert_cmpint (g_date_time_compare (dt, not_after), <=, 0);
          g_assert_cmpint (g_date_time_get_year (dt), >=, 1900);
        }
    }

  /* A long text: a date at the very end still counts, and targets and counts repeated
   * many times cost little. */
  text = g_string_new (NULL);
  for (int i = 0; i < 100000; i++)
    g_string_append (text, "By 2030, some 2000 troops and ");
  g_string_append (text, "then, in mid-January 2025, a visit.");
  day = estimate_to_day (text->str, not_after);
  g_assert_cmpstr (day, ==, "2025-01-15");
  g_clear_pointer (&day, g_free);
  g_string_free (text, TRUE);
}

/* The reference corpus: articles separated by "Continue Reading" lines. */
static char **
read_corpus_articles (const char *name)
{
  const char *dir = g_getenv ("DASH_REFERENCE_CORPUS");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) separator = NULL;

  if (dir == NULL)
    return NULL;

  path = g_build_filename (dir, name, NULL);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  separator = g_regex_new ("^Continue Reading\\s*$", G_REGEX_MULTILINE, 0, &error);
  g_assert_no_error (error);
  return g_regex_split (separator, contents, 0);
}

static void
test_estimate_corpus (void)
{
  static const struct
  {
    int         article; /* 0-based. */
    const char *not_after;
    const char *expected;
  } cases[] = {
    /* "mid-January 2025" beats "April 2024"; "by 2023" is a target. */
    { 0, "2026-11-24", "2025-01-15" },
    /* "February 11, 2025" is a full date: the year-less "March 1" does not refine it. */
    { 1, "2026-11-24", "2025-02-11" },
    /* "October 2028" and "February 2029" are plans after the limit; "By 2029" and "By 2030"
     * are targets; "November 2024" is the latest date left. */
    { 7, "2026-11-24", "2024-11-01" },
    /* With a later limit the plans count: "in 2030" is the 1st of January 2030, which the
     * limit still allows. The estimate is wrong then, which is why the limit matters. */
    { 7, "2030-01-01", "2030-01-01" },
    { 7, "2029-12-31", "2029-02-01" },
    /* "December 2024", twice. */
    { 9, "2026-11-24", "2024-12-01" },
  };
  g_auto(GStrv) articles = NULL;

  if (g_getenv ("DASH_REFERENCE_CORPUS") == NULL)
    {
      g_test_skip ("DASH_REFERENCE_CORPUS is not set");
      return;
    }

  articles = read_corpus_articles ("000_18a12d2ffd3250a3.txt");
  g_assert_nonnull (articles);
  g_assert_cmpuint (g_strv_length (articles), >=, 10);

  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) not_after = iso (cases[i].not_after);
      g_autofree char *day = estimate_to_day (articles[cases[i].article], not_after);
      g_autofree char *got = g_strdup_printf ("article %d, not after %s -> %s",
                                              cases[i].article + 1, cases[i].not_after,
                                              day ? day : "NULL");
      g_autofree char *want = g_strdup_printf ("article %d, not after %s -> %s",
                                               cases[i].article + 1, cases[i].not_after,
                                               cases[i].expected);

      g_assert_cmpstr (got, ==, want);
    }

  /* Every article, whatever its estimate, gives a day within the limit. */
  for (guint i = 0; articles[i] != NULL; i++)
    {
      g_autoptr(GDateTime) not_after = iso ("2026-11-24");
      g_autoptr(GDateTime) dt = dash_date_estimate_from_text (articles[i], not_after);

      if (dt != NULL)
        g_assert_cmpint (g_date_time_compare (dt, not_after), <=, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/parse/rfc822", test_parse_rfc822);
  g_test_add_func ("/date/parse/iso8601", test_parse_iso8601);
  g_test_add_func ("/date/parse/epoch", test_parse_epoch);
  g_test_add_func ("/date/parse/written", test_parse_written);
  g_test_add_func ("/date/parse/hostile", test_parse_hostile);
  g_test_add_func ("/date/parse/long", test_parse_long);
  g_test_add_func ("/date/parse/fuzz", test_parse_fuzz);
  g_test_add_func ("/date/parse/round-trip", test_parse_round_trip);
  g_test_add_func ("/date/format/iso8601", test_format);
  g_test_add_func ("/date/estimate/full-dates", test_estimate_full_dates);
  g_test_add_func ("/date/estimate/month-year", test_estimate_month_year);
  g_test_add_func ("/date/estimate/years", test_estimate_years);
  g_test_add_func ("/date/estimate/targets", test_estimate_targets);
  g_test_add_func ("/date/estimate/not-after", test_estimate_not_after);
  g_test_add_func ("/date/estimate/refine", test_estimate_refine);
  g_test_add_func ("/date/estimate/hostile", test_estimate_hostile);
  g_test_add_func ("/date/estimate/corpus", test_estimate_corpus);

  return g_test_run ();
}
