/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Converts an HTML fragment or document to clean text with libxml2's HTML parser:
 * tags stripped, entities decoded, scripts/styles/comments dropped, block elements
 * (p, div, li, h1-h6, br, blockquote, tr...) become paragraph breaks, list items keep
 * their text, whitespace normalised, boilerplate paragraphs removed (see
 * dash_text_clean()). Paragraphs are separated by "\n\n". Never returns %NULL; an
 * empty or unparsable input gives "". @len may be -1 for a NUL-terminated string. */
char *dash_html_to_text (const char *html,
                         gssize      len);

/* Normalises plain text: paragraphs are separated by one blank line ("\n\n"), runs of
 * spaces/tabs/NBSP inside a paragraph fold to one space, lines of one paragraph are
 * joined with a space, leading/trailing space is trimmed, and boilerplate paragraphs
 * are dropped: "The post … appeared first on …", "Continue Reading", "Read more",
 * "]]>" left-overs. Invalid UTF-8 is repaired. Never returns %NULL. */
char *dash_text_clean (const char *text);

/* TRUE when @text looks like HTML markup rather than plain text (has tags or entities). */
gboolean dash_text_looks_like_html (const char *text);

G_END_DECLS
