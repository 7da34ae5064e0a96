/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parses one date as written in a feed or an export: RFC 822 / RFC 2822 (with named,
 * military and odd zones, with or without weekday and seconds), ISO 8601 / W3CDTF
 * (date only, date-time, fractional seconds, Z or offsets, space instead of T), Unix
 * epoch seconds, and written English dates ("February 11, 2025", "11 February 2025",
 * "Feb. 11, 2025"). Returns the instant in UTC, or %NULL when @text is not a date. */
GDateTime *dash_date_parse (const char *text);

/* Estimates when an undated story was written from the dates written in its text:
 * the latest plausible explicit date ("February 11, 2025", "mid-January 2025",
 * "December 2024"...), ignoring dates after @not_after (the import time) and targets
 * such as "by 2030". Returns a UTC date at midnight, or %NULL when the text names no
 * usable date. */
GDateTime *dash_date_estimate_from_text (const char *text,
                                         GDateTime  *not_after);

/* The same, and whether the text only named a year ("in 2019"): weak evidence that the
 * story's neighbours may overrule. */
GDateTime *dash_date_estimate_from_text_full (const char *text,
                                              GDateTime  *not_after,
                                              gboolean   *only_year);

/* Formats @dt as ISO 8601 UTC, "2025-02-11T16:00:32Z". */
char *dash_date_to_iso8601 (GDateTime *dt);

G_END_DECLS
