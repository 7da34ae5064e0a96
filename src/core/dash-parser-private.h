/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dash-article.h"
#include "dash-parser.h"

G_BEGIN_DECLS

/* What one format's parser fills in: the articles it found, and how many items it had
 * to skip, with the first reason, for the warning. */
typedef struct {
  const char *origin;
  GPtrArray  *articles;
  guint       n_skipped;
  char       *first_skip_reason;
} DashParseState;

void      _dash_parse_state_skip (DashParseState *state,
                                  const char     *format,
                                  ...) G_GNUC_PRINTF (2, 3);

/* Each takes valid UTF-8 (the XML parser takes raw bytes and honours the prolog). */
gboolean  _dash_parse_xml_feed   (DashParseState *state,
                                  const char     *data,
                                  gsize           len,
                                  DashFormat     *format,
                                  GError        **error);
gboolean  _dash_parse_json       (DashParseState *state,
                                  const char     *data,
                                  gsize           len,
                                  GError        **error);
gboolean  _dash_parse_json_lines (DashParseState *state,
                                  const char     *data,
                                  gsize           len,
                                  GError        **error);
gboolean  _dash_parse_text_dump  (DashParseState *state,
                                  const char     *data,
                                  gsize           len,
                                  GError        **error);
gboolean  _dash_parse_text_feed  (DashParseState *state,
                                  const char     *data,
                                  gsize           len,
                                  GError        **error);

/* TRUE if @data has an item header line of a feed whose tags were stripped. */
gboolean  _dash_text_feed_detect (const char     *data,
                                  gsize           len);

/* Turns a field that may hold HTML into clean text; a title becomes one line. */
char     *_dash_clean_field      (const char     *text,
                                  gboolean        one_line);

G_END_DECLS
