/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dash-types.h"

G_BEGIN_DECLS

typedef enum {
  DASH_FORMAT_UNKNOWN,
  DASH_FORMAT_RSS,         /* RSS 0.91/0.92/2.0 */
  DASH_FORMAT_RDF,         /* RSS 1.0 */
  DASH_FORMAT_ATOM,
  DASH_FORMAT_JSON,        /* An array of articles or {"articles": [...]} */
  DASH_FORMAT_JSON_LINES,
  DASH_FORMAT_TEXT_DUMP,   /* "Title – Publication", paragraphs, "Continue Reading" */
  DASH_FORMAT_TEXT_FEED,   /* An RSS feed whose tags were stripped */
} DashFormat;

/* Largest file we read whole: larger ones are refused with DASH_ERROR_TOO_LARGE. */
#define DASH_PARSER_MAX_FILE_SIZE (G_GINT64_CONSTANT (1) << 30)

/* Tells the format from the content (and, when the content is ambiguous, the name). */
DashFormat  dash_parser_detect     (const char *data,
                                    gsize       len,
                                    const char *name);
const char *dash_format_to_string  (DashFormat  format);

/* Parses @data into a GPtrArray of DashArticle (not stored yet: id 0). @origin is the
 * file path, used for messages and as a fallback source name. Articles without a
 * publication date get one estimated from their text (marked estimated), relative to
 * @now. On error nothing is returned and @error says what is wrong. When part of the
 * input had to be skipped (a broken line of JSON Lines, an item without text), the
 * rest is returned and @out_warning (may be NULL) says what was skipped. */
GPtrArray  *dash_parser_parse      (const char  *data,
                                    gsize        len,
                                    const char  *origin,
                                    GDateTime   *now,
                                    DashFormat  *out_format,
                                    char       **out_warning,
                                    GError     **error);

/* Reads and parses a file; errors and warnings name the file. */
GPtrArray  *dash_parser_parse_file (const char  *path,
                                    GDateTime   *now,
                                    DashFormat  *out_format,
                                    char       **out_warning,
                                    GError     **error);

G_END_DECLS
