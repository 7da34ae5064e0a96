/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "test-html"

#include <glib.h>
#include <glib/gstdio.h>
#include <libxml/xmlerror.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dash-html.h"

typedef struct {
  const char *input;
  const char *expected;
} Case;

/* Checks what every output of dash_text_clean() and dash_html_to_text() promises: valid
 * UTF-8, paragraphs separated by exactly one blank line, one space between words, no
 * control characters, no space that is not a plain space, no bullet left at the start of
 * a paragraph. */
static void
assert_clean_text (const char *text)
{
  gboolean paragraph_start = TRUE;

  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));

  if (*text == '\0')
    return;

  g_assert_cmpint (text[0], !=, ' ');
  g_assert_cmpint (text[0], !=, '\n');
  g_assert_cmpint (text[strlen (text) - 1], !=, ' ');
  g_assert_cmpint (text[strlen (text) - 1], !=, '\n');
  g_assert_null (strstr (text, "  "));
  g_assert_null (strstr (text, " \n"));
  g_assert_null (strstr (text, "\n "));
  g_assert_null (strstr (text, "\n\n\n"));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
        {
          /* Newlines only come in pairs. */
          g_assert_true (p[1] == '\n' || (p > text && p[-1] == '\n'));
          paragraph_start = TRUE;
          continue;
        }

      g_assert_false (g_unichar_iscntrl (c));
      g_assert_true (c == ' ' || !g_unichar_isspace (c));
      g_assert_cmpuint (c, !=, 0x200B);
      g_assert_cmpuint (c, !=, 0xFEFF);

      if (paragraph_start)
        g_assert_cmpuint (c, !=, 0x2022);
      paragraph_start = FALSE;
    }
}

/* Runs @cases through @convert and checks the results, their invariants and that
 * cleaning them again changes nothing. */
static void
check_cases (const Case  *cases,
             gsize        n_cases,
             char      *(*convert) (const char *input))
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autofree char *result = convert (cases[i].input);
      g_autofree char *escaped = g_strescape (cases[i].input, NULL);
      g_autofree char *again = NULL;

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, escaped);
      g_assert_cmpstr (result, ==, cases[i].expected);
      assert_clean_text (result);

      again = dash_text_clean (result);
      g_assert_cmpstr (again, ==, result);
    }
}

static char *
html_to_text (const char *input)
{
  return dash_html_to_text (input, -1);
}

static void
check_html_cases (const Case *cases,
                  gsize       n_cases)
{
  check_cases (cases, n_cases, html_to_text);
}

static void
check_clean_cases (const Case *cases,
                   gsize       n_cases)
{
  check_cases (cases, n_cases, dash_text_clean);
}

/* dash_html_to_text() */

static void
test_html_paragraphs (void)
{
  static const Case cases[] = {
    { "<p>One</p><p>Two</p>", "One\n\nTwo" },
    { "<p>One<p>Two", "One\n\nTwo" },
    { "<div>A</div><div>B</div>", "A\n\nB" },
    { "<h1>Title</h1><p>Body text.</p>", "Title\n\nBody text." },
    { "<h2>a</h2><h3>b</h3><h4>c</h4><h5>d</h5><h6>e</h6>", "a\n\nb\n\nc\n\nd\n\ne" },
    { "<p>\n  Indented\n  source text\n</p>", "Indented source text" },
    { "<blockquote>Quote</blockquote>after", "Quote\n\nafter" },
    { "<p>a</p>\n\n\n<p>b</p>", "a\n\nb" },
    { "<section><article><header>H</header><p>P</p><footer>F</footer></article></section>",
      "H\n\nP\n\nF" },
    { "<figure><img src=\"x.jpg\" alt=\"alt text\"><figcaption>Caption</figcaption></figure>",
      "Caption" },
    { "before<hr>after", "before\n\nafter" },
    { "<dl><dt>Term</dt><dd>Definition</dd></dl>", "Term\n\nDefinition" },
    { "<table><tr><td>a</td><td>b</td></tr><tr><th>c</th><td>d</td></tr></table>",
      "a b\n\nc d" },
    { "<pre>first\n\nsecond</pre>", "first\n\nsecond" },
    { "Plain first paragraph.\n\nSecond &amp; last.", "Plain first paragraph.\n\nSecond & last." },
    { "<p> </p><p>&nbsp;</p><p>Real</p><div></div>", "Real" },
    { "<div><div><div>deep</div></div>shallow</div>", "deep\n\nshallow" },
    { "text<div>block</div>text", "text\n\nblock\n\ntext" },
  };

  check_html_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_html_entities (void)
{
  static const Case cases[] = {
    { "Tom &amp; Jerry", "Tom & Jerry" },
    { "a&nbsp;b", "a b" },
    { "x&nbsp;&nbsp;&nbsp;y", "x y" },
    { "it&#8217;s", "it\u2019s" },
    { "it&rsquo;s", "it\u2019s" },
    { "it&#x2019;s", "it\u2019s" },
    { "&ldquo;quoted&rdquo;", "\u201cquoted\u201d" },
    { "a &#x2014; b &mdash; c", "a \u2014 b \u2014 c" },
    { "&lt;p&gt; is a tag", "<p> is a tag" },
    { "&quot;q&quot; &#39;s&#39;", "\"q\" 's'" },
    { "caf&eacute; na&iuml;ve", "caf\u00e9 na\u00efve" },
    { "&euro;5 &pound;3", "\u20ac5 \u00a33" },
    { "lone & ampersand", "lone & ampersand" },
    { "&", "&" },
    { "AT&T", "AT&T" },
    { "&unknownentity; text", "&unknownentity; text" },
    { "&#0; zero", "zero" },
    { "&#xD800; surrogate", "surrogate" },
    { "&amp;amp;", "&amp;" },
    { "zero&#8203;width", "zerowidth" },
    { "narrow&#8239;space", "narrow space" },
  };

  check_html_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_html_inline (void)
{
  static const Case cases[] = {
    { "<b>Trade</b>war", "Tradewar" },
    { "<b>Trade</b> war", "Trade war" },
    { "<b>Trade </b>war", "Trade war" },
    { "Trade<b> war</b>", "Trade war" },
    { "<a href=\"/x\">link</a>, then", "link, then" },
    { "E=mc<sup>2</sup>", "E=mc2" },
    { "<span>a</span><span>b</span>", "ab" },
    { "<em>one</em>\n<strong>two</strong>", "one two" },
    { "<p>Hello <b>big <i>wide</i></b> world</p>", "Hello big wide world" },
    { "un<wbr>breakable", "unbreakable" },
    { "a<img src=\"x.png\">b", "ab" },
    { "<p><a href=\"u\"><span><b>deep</b></span></a>inline</p>", "deepinline" },
    { "<font face=\"Arial\">old</font> <center>school</center>", "old\n\nschool" },
  };

  check_html_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_html_breaks (void)
{
  static const Case cases[] = {
    { "line one<br>line two", "line one line two" },
    { "line one<br/><br/>line two", "line one\n\nline two" },
    { "line one<br>\n<br>line two", "line one\n\nline two" },
    { "a<br><br><br><br>b", "a\n\nb" },
    { "<br>leading", "leading" },
    { "trailing<br>", "trailing" },
    { "<p>a<br></p><p>b</p>", "a\n\nb" },
    { "<p>Intro:<br>\u2022 one<br>\u2022 two</p>", "Intro:\n\none\n\ntwo" },
    { "a<br><b></b><br>b", "a\n\nb" },
  };

  check_html_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_html_lists (void)
{
  static const Case cases[] = {
    { "<ul><li>One</li><li>Two</li></ul>", "One\n\nTwo" },
    { "<ol><li>First<li>Second</ol>", "First\n\nSecond" },
    { "<ul><li>\u2022 Bullet text</li></ul>", "Bullet text" },
    { "<ul><li><p>Nested para</p></li></ul>", "Nested para" },
    { "Before<ul><li>item</li></ul>After", "Before\n\nitem\n\nAfter" },
    { "<ul><li><b>Bold</b> start</li><li>plain</li></ul>", "Bold start\n\nplain" },
    { "<ul><li></li><li>\u2022</li><li>only</li></ul>", "only" },
  };

  check_html_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_html_dropped (void)
{
  static const Case cases[] = {
    { "a<script>var x = '<p>no</p>';</script>b", "ab" },
    { "<style>p { color: red }</style>Text", "Text" },
    { "<noscript>Enable JavaScript</noscript>Text", "Text" },
    { "<iframe src=\"x\">fallback</iframe>Text", "Text" },
    { "<svg><text>label</text></svg>Text", "Text" },
    { "<form><label>Name</label><input name=\"n\"></form>Text", "Text" },
    { "<button>Share</button>Text", "Text" },
    { "<video><p>Your browser cannot play this.</p></video>Text", "Text" },
    { "<select><option>One</option></select>Text", "Text" },
    { "a<!-- comment -->b", "ab" },
    { "a<!-- <p>hidden</p> -->b", "ab" },
    { "<p>Keep</p><script>unclosed script", "Keep" },
    { "<p>Keep</p><!-- unclosed comment", "Keep" },
    { "<template><p>Later</p></template>Now", "Now" },
  };

  check_html_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_html_documents (void)
{
  static const Case cases[] = {
    { "<!DOCTYPE html><html><head><title>Page</title><meta charset=\"utf-8\">"
      "<style>x</style></head><body><p>Body</p></body></html>",
      "Body" },
    /* The declared charset is ignored: input is UTF-8. */
    { "<html><head><meta http-equiv=\"Content-Type\" "
      "content=\"text/html; charset=iso-8859-1\"></head><body>caf\u00e9</body></html>",
      "caf\u00e9" },
    { "<meta charset=\"windows-1252\"><p>na\u00efve</p>", "na\u00efve" },
    { "<HTML><BODY><P>Upper</P><P>Case</BODY></HTML>", "Upper\n\nCase" },
    { "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body>"
      "<p>XHTML</p></body></html>",
      "XHTML" },
    { "<html><body><p>x</p></body></html><p>after the end</p>", "x\n\nafter the end" },
  };

  check_html_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_html_broken (void)
{
  static const Case cases[] = {
    { "<p>unclosed <b>bold <i>italic", "unclosed bold italic" },
    { "</p>stray</div> closes", "stray closes" },
    { "<div><p>a</div>b", "a\n\nb" },
    { "text <", "text <" },
    { "a < b and c > d", "a < b and c > d" },
    { "<p class=>x", "x" },
    { "<div", "" },
    /* libxml2 drops a "<" that starts the input, and a paragraph of nothing but an
     * arrow is dropped as decoration. */
    { "<", "" },
    { "< x", "x" },
    { ">", "" },
    { "> quoted", "> quoted" },
    { "</", "" },
    { "<p>a</p></p></p>b", "a\n\nb" },
    { "<b><i>crossed</b></i> tags", "crossed tags" },
    { "<unknown-element>custom</unknown-element> tag", "custom tag" },
    { "<p>x</p\n>y", "x\n\ny" },
  };

  check_html_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_html_cdata (void)
{
  static const Case cases[] = {
    { "<![CDATA[<p>Hello</p>]]>", "Hello" },
    { "<![CDATA[<p>One</p><p>Two</p>]]>", "One\n\nTwo" },
    { "<p>Text</p>]]>", "Text" },
    { "&lt;![CDATA[Escaped]]&gt;", "Escaped" },
    { "<p>The end.]]&gt;</p>", "The end." },
    { "<p>Story</p>\n]]&gt;\n<p>Next</p>", "Story\n\nNext" },
  };

  check_html_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_html_boilerplate (void)
{
  static const Case cases[] = {
    { "<p>Body.</p><p>The post <a href=\"u\">Title</a> appeared first on "
      "<a href=\"s\">Site</a>.</p>",
      "Body." },
    { "<p>Summary [&#8230;]</p><p><a href=\"x\">Continue reading <span>Title</span> "
      "&rarr;</a></p>",
      "Summary [\u2026]" },
    { "<p>Summary. <a href=\"x\">Read more</a></p>", "Summary." },
    { "<p>Text</p><p><a href=\"x\">Read More &raquo;</a></p>", "Text" },
    { "<p>Text</p><p><a href=\"x\">Continue Reading</a></p>", "Text" },
    { "<p>We should read more.</p>", "We should read more." },
  };

  check_html_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_html_empty (void)
{
  static const char * const inputs[] = {
    "", " ", "\n\n\t", "<p></p>", "<!-- only a comment -->", "<script>x()</script>",
    "<html><head><title>Only a title</title></head></html>", "<br><br>", "&nbsp;",
    "<![CDATA[]]>", "]]>", "<div><span> </span></div>",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *text = dash_html_to_text (inputs[i], -1);

      g_assert_cmpstr (text, ==, "");
    }

  {
    g_autofree char *text = dash_html_to_text (NULL, -1);
    g_autofree char *zero_length = dash_html_to_text ("<p>ignored</p>", 0);

    g_assert_cmpstr (text, ==, "");
    g_assert_cmpstr (zero_length, ==, "");
  }
}

static void
test_html_length (void)
{
  static const char html[] = "<p>abc</p>XYZ";
  static const char with_nul[] = "<p>a\0b</p>";
  g_autofree char *prefix = dash_html_to_text (html, 10);
  g_autofree char *whole = dash_html_to_text (html, strlen (html));
  g_autofree char *nul = dash_html_to_text (with_nul, sizeof with_nul - 1);

  g_assert_cmpstr (prefix, ==, "abc");
  g_assert_cmpstr (whole, ==, "abc\n\nXYZ");

  /* An embedded NUL is repaired like any invalid byte, and the text after it is kept. */
  g_assert_cmpstr (nul, ==, "a\357\277\275b");
}

static void
test_html_invalid_utf8 (void)
{
  static const Case cases[] = {
    { "<p>caf\xe9</p>", "caf\357\277\275" },
    { "<p>ok</p>\xff\xfe<p>after</p>", "ok\n\n\357\277\275\357\277\275\n\nafter" },
    { "<p>cut \xc3</p>", "cut \357\277\275" },
    { "<b>\xe2\x80</b>x", "\357\277\275\357\277\275x" },
  };

  check_html_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_html_control_characters (void)
{
  static const Case cases[] = {
    { "<p>a\x01" "b\x1f" "c\x7f</p>", "abc" },
    { "<p>form\x0c" "feed</p>", "form feed" },
    { "<p>vertical\x0b" "tab</p>", "vertical tab" },
    { "<p>tab\tinside</p>", "tab inside" },
    { "<p>crlf\r\nline\r\n\r\nnext</p>", "crlf line\n\nnext" },
  };

  check_html_cases (cases, G_N_ELEMENTS (cases));
}

/* A realistic article body as a feed sends it in content:encoded. */
static const char article_html[] =
  "<div class=\"entry\">\n"
  "  <ul class=\"summary\">\n"
  "    <li>Ministers met in Vienna for a second round of talks.</li>\n"
  "    <li>The delegations agreed on a timetable &ndash; but not on sanctions.</li>\n"
  "  </ul>\n"
  "  <figure><img src=\"/img/a.jpg\" alt=\"\"><figcaption>Delegates arrive on Monday. "
  "Photo: Agency</figcaption></figure>\n"
  "  <p>The talks, which began on <time datetime=\"2025-03-10\">Monday</time>, were the "
  "first since the ceasefire. &ldquo;We are closer than we were,&rdquo; one envoy "
  "said.</p>\n"
  "  <script type=\"text/javascript\">window.ads.push({slot: 'mid'});</script>\n"
  "  <h2>What comes next</h2>\n"
  "  <p>A third round is planned for April.<br>\n"
  "  Observers expect a <a href=\"/topic/grain\">grain</a>-export deal.</p>\n"
  "  <div class=\"share\"><button>Share</button><a href=\"#\">Tweet</a></div>\n"
  "  <p>The post <a href=\"https://example.org/talks\">Talks resume in Vienna</a> "
  "appeared first on <a href=\"https://example.org\">Example News</a>.</p>\n"
  "</div>\n";

static const char article_text[] =
  "Ministers met in Vienna for a second round of talks.\n\n"
  "The delegations agreed on a timetable \u2013 but not on sanctions.\n\n"
  "Delegates arrive on Monday. Photo: Agency\n\n"
  "The talks, which began on Monday, were the first since the ceasefire. "
  "\u201cWe are closer than we were,\u201d one envoy said.\n\n"
  "What comes next\n\n"
  "A third round is planned for April. Observers expect a grain-export deal.\n\n"
  "Tweet";

static void
test_html_article (void)
{
  g_autofree char *text = dash_html_to_text (article_html, -1);

  g_assert_cmpstr (text, ==, article_text);
  assert_clean_text (text);
}

/* Broken markup makes libxml2 complain on stderr unless it is told not to. */
static void
test_html_quiet (void)
{
  static const char * const inputs[] = {
    "</p>stray</div> closes", "<p>a <b>b</p> c</b>", "<a href=\"x>broken", "&#0; &#xD800;",
    "<unknown>tag</unknown>", "<p>\xef\xbf\xbe</p>", "<!DOCTYPE", "<![CDATA[x", "<?php x ?>",
  };

  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *captured = NULL;
  int fd;
  int saved_stderr;

  /* Catch what goes to stderr in a file. A test subprocess would do as well, but GLib's
   * child watch thread then shows up in valgrind's leak report. */
  fd = g_file_open_tmp ("test-html-XXXXXX", &path, &error);
  g_assert_no_error (error);
  fflush (stderr);
  saved_stderr = dup (STDERR_FILENO);
  g_assert_cmpint (saved_stderr, >=, 0);
  g_assert_cmpint (dup2 (fd, STDERR_FILENO), ==, STDERR_FILENO);

  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    g_free (dash_html_to_text (inputs[i], -1));

  fflush (stderr);
  dup2 (saved_stderr, STDERR_FILENO);
  close (saved_stderr);
  close (fd);

  g_file_get_contents (path, &captured, NULL, &error);
  g_unlink (path);
  g_assert_no_error (error);
  g_assert_cmpstr (captured, ==, "");
}

static void
count_errors_cb (void     *user_data,
                 xmlError *error)
{
  int *n_errors = user_data;

  (*n_errors)++;
}

/* A handler that a caller installed is neither called for our parse nor lost. */
static void
test_html_error_handlers (void)
{
  int n_errors = 0;
  g_autofree char *text = NULL;

  xmlSetStructuredErrorFunc (&n_errors, count_errors_cb);
  text = dash_html_to_text ("</p>stray</div> <unknown>closes", -1);
  g_assert_cmpstr (text, ==, "stray closes");
  g_assert_cmpint (n_errors, ==, 0);
  g_assert_true (xmlStructuredError == count_errors_cb);
  g_assert_true (xmlStructuredErrorContext == &n_errors);
  xmlSetStructuredErrorFunc (NULL, NULL);
}

static gpointer
convert_article_thread (gpointer user_data)
{
  for (int i = 0; i < 200; i++)
    {
      g_autofree char *text = dash_html_to_text (article_html, -1);

      if (g_strcmp0 (text, article_text) != 0)
        return GINT_TO_POINTER (FALSE);
    }

  return GINT_TO_POINTER (TRUE);
}

/* Import jobs convert in worker threads. */
static void
test_html_threads (void)
{
  GThread *threads[4];

  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("convert", convert_article_thread, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[i])));
}

/* Hostile input. */

static void
test_html_deep_nesting (void)
{
  const gsize size = 5 * 1024 * 1024;
  g_autoptr(GString) divs = g_string_sized_new (size + 16);
  g_autoptr(GString) text_divs = g_string_sized_new (size + 16);
  g_autoptr(GString) bolds = g_string_sized_new (size + 16);
  g_autofree char *divs_text = NULL;
  g_autofree char *text_divs_text = NULL;
  g_autofree char *bolds_text = NULL;

  g_string_append (divs, "<p>Top</p>");
  while (divs->len < size)
    g_string_append (divs, "<div>");
  g_string_append (divs, "bottom");

  while (text_divs->len < size)
    g_string_append (text_divs, "<div>x");

  while (bolds->len < size)
    g_string_append (bolds, "<b>w ");

  /* libxml2 stops at its nesting limit; what comes before must survive. */
  divs_text = dash_html_to_text (divs->str, divs->len);
  assert_clean_text (divs_text);
  g_assert_true (g_str_has_prefix (divs_text, "Top"));

  text_divs_text = dash_html_to_text (text_divs->str, text_divs->len);
  assert_clean_text (text_divs_text);
  g_assert_true (g_str_has_prefix (text_divs_text, "x\n\nx\n\nx"));

  bolds_text = dash_html_to_text (bolds->str, bolds->len);
  assert_clean_text (bolds_text);
  g_assert_true (g_str_has_prefix (bolds_text, "w w w"));
}

static void
test_html_huge (void)
{
  const guint n_paragraphs = 40000;
  g_autoptr(GString) html = g_string_new ("<html><body>");
  g_autoptr(GString) words = g_string_new ("<p>");
  g_autofree char *text = NULL;
  g_autofree char *words_text = NULL;
  g_auto(GStrv) paragraphs = NULL;

  for (guint i = 0; i < n_paragraphs; i++)
    g_string_append_printf (html, "<p>Paragraph %u &amp; some <b>bold</b> text.</p>\n"
                                  "<!-- c --><script>x()</script>", i);
  g_string_append (html, "</body></html>");

  text = dash_html_to_text (html->str, html->len);
  assert_clean_text (text);
  paragraphs = g_strsplit (text, "\n\n", -1);
  g_assert_cmpuint (g_strv_length (paragraphs), ==, n_paragraphs);
  g_assert_cmpstr (paragraphs[0], ==, "Paragraph 0 & some bold text.");
  g_assert_cmpstr (paragraphs[n_paragraphs - 1], ==,
                   "Paragraph 39999 & some bold text.");

  /* One text node of 5 MB. */
  while (words->len < 5 * 1024 * 1024)
    g_string_append (words, "word \t\n ");
  words_text = dash_html_to_text (words->str, words->len);
  assert_clean_text (words_text);
  g_assert_cmpuint (strlen (words_text), ==, (words->len - 3) / 8 * 5 - 1);
}

static void
test_html_flat_unclosed (void)
{
  g_autoptr(GString) html = g_string_new (NULL);
  g_autofree char *text = NULL;
  guint n = 0;

  /* Unclosed paragraphs and list items close each other: no nesting, nothing lost. */
  while (html->len < 2 * 1024 * 1024)
    {
      g_string_append (html, n % 2 == 0 ? "<p>para" : "<li>item");
      n++;
    }

  text = dash_html_to_text (html->str, html->len);
  assert_clean_text (text);
  g_assert_true (g_str_has_suffix (text, n % 2 == 0 ? "item" : "para"));
}

/* Pieces that make for tricky markup when shuffled together. */
static const char * const soup_pieces[] = {
  "<p>", "</p>", "<div>", "</div>", "<br>", "<b>", "</b>", "<li>", "<ul>", "<script>",
  "</script>", "<style>", "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&", "&#", "&#x",
  ";", "&nbsp;", "<", ">", "</", "\"", "'", "=", " ", "\n", "\n\n", "\t", "\r", "word",
  "\u2022 ", "* ", "\u00a0", "\u200b", "\xff", "\xc3", "\x01", "Read more", "The post ",
  " appeared first on ", "Continue reading", "<a href=\"", "<!DOCTYPE html>", "<svg>",
  "</svg>", "<table><tr><td>", "<pre>", "\u2026", "\u2192",
};

static void
test_html_soup (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20250314);

  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr(GString) soup = g_string_new (NULL);
      g_autofree char *text = NULL;
      g_autofree char *clean = NULL;
      g_autofree char *again = NULL;
      int n_pieces = g_rand_int_range (rand, 0, 60);

      for (int i = 0; i < n_pieces; i++)
        g_string_append (soup, soup_pieces[g_rand_int_range (rand, 0,
                                                             G_N_ELEMENTS (soup_pieces))]);

      text = dash_html_to_text (soup->str, soup->len);
      assert_clean_text (text);
      again = dash_text_clean (text);
      g_assert_cmpstr (again, ==, text);

      clean = dash_text_clean (soup->str);
      assert_clean_text (clean);
    }
}

static void
test_html_random_bytes (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint round = 0; round < 500; round++)
    {
      gsize len = g_rand_int_range (rand, 0, 4096);
      g_autofree char *bytes = g_malloc (len + 1);
      g_autofree char *with_nuls = NULL;
      g_autofree char *without_nuls = NULL;
      g_autofree char *clean = NULL;

      for (gsize i = 0; i < len; i++)
        bytes[i] = (char)g_rand_int_range (rand, 0, 256);
      bytes[len] = '\0';

      /* With an explicit length, NUL bytes are part of the input. */
      with_nuls = dash_html_to_text (bytes, len);
      assert_clean_text (with_nuls);

      /* NUL-free: every byte is 1 to 255. */
      for (gsize i = 0; i < len; i++)
        if (bytes[i] == '\0')
          bytes[i] = (char)(1 + round % 255);
      without_nuls = dash_html_to_text (bytes, -1);
      assert_clean_text (without_nuls);

      clean = dash_text_clean (bytes);
      assert_clean_text (clean);
    }
}

static void
test_html_hostile_short (void)
{
  static const char * const inputs[] = {
    "&", "&&&&", "&#", "&#x", "&#x;", "&#99999999999;", "&#x110000;", "&amp", "<!", "<!-",
    "<!--", "<![CDATA[", "<?", "<?xml", "</>", "<a", "<a href=\"", "<a href='>", "\"",
    "<<<<>>>>", "<p <p <p>", "<p>\xef\xbf\xbe\xef\xbf\xbf</p>", "<\xff>", "<p\xc3>",
    "<!DOCTYPE", "<html><html><body><body>", "<head><p>x", "<title>x", "<svg>",
    "<table><td><td><tr><tr>",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *text = dash_html_to_text (inputs[i], -1);
      g_autofree char *escaped = g_strescape (inputs[i], NULL);

      g_test_message ("input: %s", escaped);
      assert_clean_text (text);
    }
}

/* dash_text_clean() */

static void
test_clean_paragraphs (void)
{
  static const Case cases[] = {
    { "One\n\nTwo", "One\n\nTwo" },
    { "One\n\n\n\nTwo", "One\n\nTwo" },
    { "Line one\nline two", "Line one line two" },
    { "  padded  \n\n  ", "padded" },
    { "\n\n\nA\n\n\n", "A" },
    { "A\n \t \nB", "A\n\nB" },
    { "A\n\u00a0\nB", "A\n\nB" },
    { "    Indented\n    continuation\n\n    Next", "Indented continuation\n\nNext" },
    { "Title \u2013 Site\n\nFirst.\nStill first.\n\nSecond.",
      "Title \u2013 Site\n\nFirst. Still first.\n\nSecond." },
  };

  check_clean_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_clean_whitespace (void)
{
  static const Case cases[] = {
    { "a  b\t\tc", "a b c" },
    { "a\u00a0b", "a b" },
    { "a\u202fb", "a b" },
    { "a \u00a0 \u2009 b", "a b" },
    { "a\u3000b", "a b" },
    { "a\u2002\u2003\u200ab", "a b" },
    { "a \u200b b", "a b" },
    { "zero\u200bwidth", "zerowidth" },
    { "\ufeffBOM", "BOM" },
    { "soft\u00adhyphen", "softhyphen" },
    { "\u00a0\u00a0lead and trail\u00a0 ", "lead and trail" },
    { "keep\u200djoiner", "keep\u200djoiner" },
  };

  check_clean_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_clean_newlines (void)
{
  static const Case cases[] = {
    { "a\r\nb\r\n\r\nc", "a b\n\nc" },
    { "a\rb\r\rc", "a b\n\nc" },
    { "a\r\n\rb", "a\n\nb" },
    { "a\u2028b\u2029c", "a b\n\nc" },
    { "a\xc2\x85" "b", "a b" },
  };

  check_clean_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_clean_controls (void)
{
  static const Case cases[] = {
    { "a\x01" "b\x1f" "c\x7f", "abc" },
    { "a\x0b" "b", "a b" },
    { "a\x0c" "b", "a b" },
    { "a\xc2\x90" "b", "ab" },
    { "tab\tinside", "tab inside" },
    { "\x1b[31mred\x1b[0m", "[31mred[0m" },
    { "\x01\x02\x03", "" },
  };

  check_clean_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_clean_invalid_utf8 (void)
{
  static const Case cases[] = {
    { "caf\xe9", "caf\357\277\275" },
    { "\xff\xfe", "\357\277\275\357\277\275" },
    { "ok\xc3", "ok\357\277\275" },
    { "\xc3\xa9t\xc3\xa9", "\u00e9t\u00e9" },
  };

  check_clean_cases (cases, G_N_ELEMENTS (cases));

  /* An encoded surrogate or an overlong form is invalid too. */
  {
    g_autofree char *surrogate = dash_text_clean ("a\xed\xa0\x80z");
    g_autofree char *overlong = dash_text_clean ("a\xc0\xafz");

    assert_clean_text (surrogate);
    assert_clean_text (overlong);
    g_assert_true (g_str_has_prefix (surrogate, "a\357\277\275"));
    g_assert_true (g_str_has_suffix (overlong, "\357\277\275z"));
  }
}

static void
test_clean_boilerplate (void)
{
  static const Case cases[] = {
    { "Text.\n\nThe post Title appeared first on Site.", "Text." },
    { "Text.\nThe post Title appeared first on Site.", "Text." },
    { "Text.\n\nThe post A rather long title\nappeared first on Site.", "Text." },
    { "Text. The post Title appeared first on Site.", "Text." },
    { "The post Title appeared first on Site.", "" },
    { "Text.\n\nContinue Reading", "Text." },
    { "Text.\n\nContinue reading", "Text." },
    { "Text.\n\nRead more", "Text." },
    { "Text.\n\nRead More \u00bb", "Text." },
    { "Text.\n\nRead more\u2026", "Text." },
    { "Text.\n\n[Read more]", "Text." },
    { "Text.\n\nRead the full story \u2192", "Text." },
    { "Text.\n\nContinue reading \u201cTitle\u201d \u2192", "Text." },
    { "Text.\nContinue Reading\nNext story", "Text.\n\nNext story" },
    { "Summary. Read more \u00bb", "Summary." },
    { "Summary\u2026 Continue reading", "Summary\u2026" },
    { "Summary [\u2026] [Read more]", "Summary [\u2026]" },
    { "\u2026", "" },
    { "[\u2026]", "" },
    { "Text.\n]]>\nMore.", "Text.\n\nMore." },
    { "]]>", "" },
    { "Text.\n\n    ]]>\n    Next", "Text.\n\nNext" },
    { "Text.]]>", "Text." },
    { "<![CDATA[Hello]]>", "Hello" },
    /* Look-alikes that are real text. */
    { "We should read more books.", "We should read more books." },
    { "Read more books, he said.", "Read more books, he said." },
    { "Students read more", "Students read more" },
    { "The post of envoy was vacant.", "The post of envoy was vacant." },
    { "The post office appeared first on the list. Then more text followed, said the mayor.",
      "The post office appeared first on the list. Then more text followed, said the mayor." },
    { "Continue reading the report, the minister said.",
      "Continue reading the report, the minister said." },
    { "a > b", "a > b" },
  };

  check_clean_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_clean_bullets (void)
{
  static const Case cases[] = {
    { "\u2022 Talks resumed in Geneva.", "Talks resumed in Geneva." },
    { "  \u2022 One\n  \u2022 Two\n  \u2022 Three", "One\n\nTwo\n\nThree" },
    { "Intro\n\u2022 One\n\u2022 Two\nOutro", "Intro\n\nOne\n\nTwo\n\nOutro" },
    { "\u2022\nText", "Text" },
    { "* * *", "" },
    { "\u2022 \u2022 \u2022", "" },
    { "Text\n\n\u2022\n\nMore", "Text\n\nMore" },
    { "* Footnote one.\n* Footnote two.", "Footnote one.\n\nFootnote two." },
    { "*Emphasis* stays", "*Emphasis* stays" },
    { "\u2022Tight bullet", "Tight bullet" },
    { "\u2022 \u2022 Double", "Double" },
    { "\u25aa Square \u25e6 and hollow", "Square \u25e6 and hollow" },
    { "Inline \u2022 bullet stays", "Inline \u2022 bullet stays" },
    { "2 * 3 = 6", "2 * 3 = 6" },
    { "\u2022\u00a0Bullet after a no-break space", "Bullet after a no-break space" },
    { "\u2022 Read more", "" },
  };

  check_clean_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_clean_empty (void)
{
  static const char * const inputs[] = {
    "", " ", "\n", "\r\n\r\n", "\t \u00a0\u200b", "\u2022", "]]>\n]]>",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *text = dash_text_clean (inputs[i]);

      g_assert_cmpstr (text, ==, "");
    }

  {
    g_autofree char *text = dash_text_clean (NULL);

    g_assert_cmpstr (text, ==, "");
  }
}

/* HTML and plain text must agree when the text has no markup at all. */
static void
test_clean_matches_html (void)
{
  static const char * const inputs[] = {
    "One\n\nTwo", "Line one\nline two", "  padded  ", "a\u00a0b", "\u2022 One\n\u2022 Two",
    "Text.\n\nThe post Title appeared first on Site.", "Text.\n]]>\nMore.",
    "a\r\nb\r\n\r\nc", "Intro\n\u2022 One\nOutro", "Summary. Read more \u00bb",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *from_html = dash_html_to_text (inputs[i], -1);
      g_autofree char *clean = dash_text_clean (inputs[i]);
      g_autofree char *escaped = g_strescape (inputs[i], NULL);

      g_test_message ("input: %s", escaped);
      g_assert_cmpstr (from_html, ==, clean);
    }
}

static void
test_clean_huge (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *clean = NULL;
  g_auto(GStrv) paragraphs = NULL;
  const guint n = 100000;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "  Paragraph %u\r\n  wrapped\u00a0line.\r\n\r\n\r\n", i);

  clean = dash_text_clean (text->str);
  assert_clean_text (clean);
  paragraphs = g_strsplit (clean, "\n\n", -1);
  g_assert_cmpuint (g_strv_length (paragraphs), ==, n);
  g_assert_cmpstr (paragraphs[n - 1], ==, "Paragraph 99999 wrapped line.");
}

/* dash_text_looks_like_html() */

static void
test_looks_like_html (void)
{
  static const struct {
    const char *text;
    gboolean    expected;
  } cases[] = {
    { "<p>x</p>", TRUE },
    { "a<br>b", TRUE },
    { "a<br/>b", TRUE },
    { "a<br />b", TRUE },
    { "<div class=\"x\">", TRUE },
    { "see <a href=\"u\">here</a>", TRUE },
    { "text</span>", TRUE },
    { "<P>UPPER", TRUE },
    { "<img src=x>", TRUE },
    { "<!-- comment -->", TRUE },
    { "<!DOCTYPE html>", TRUE },
    { "<![CDATA[x]]>", TRUE },
    { "Tom &amp; Jerry", TRUE },
    { "it&#39;s", TRUE },
    { "it&#x2019;s", TRUE },
    { "a&nbsp;b", TRUE },
    { "&rsquo;", TRUE },
    { "a < b", FALSE },
    { "a<b", FALSE },
    { "if x<y then", FALSE },
    { "i<3 you", FALSE },
    { "</3", FALSE },
    { "1 </ 2", FALSE },
    { "email <someone@example.org>", FALSE },
    { "AT&T", FALSE },
    { "Q&A;", FALSE },
    { "R&D", FALSE },
    { "fish & chips; peas", FALSE },
    { "&#;", FALSE },
    { "&", FALSE },
    { "<", FALSE },
    { "", FALSE },
    { "5 > 3", FALSE },
    { "<<>>", FALSE },
    { "a <= b", FALSE },
    { "Plain text with \u2022 bullets and \u201cquotes\u201d.", FALSE },
    { NULL, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = cases[i].text ? g_strescape (cases[i].text, NULL) : NULL;

      g_test_message ("text: %s", escaped);
      g_assert_cmpint (dash_text_looks_like_html (cases[i].text), ==, cases[i].expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/html/to-text/paragraphs", test_html_paragraphs);
  g_test_add_func ("/html/to-text/entities", test_html_entities);
  g_test_add_func ("/html/to-text/inline", test_html_inline);
  g_test_add_func ("/html/to-text/breaks", test_html_breaks);
  g_test_add_func ("/html/to-text/lists", test_html_lists);
  g_test_add_func ("/html/to-text/dropped", test_html_dropped);
  g_test_add_func ("/html/to-text/documents", test_html_documents);
  g_test_add_func ("/html/to-text/broken", test_html_broken);
  g_test_add_func ("/html/to-text/cdata", test_html_cdata);
  g_test_add_func ("/html/to-text/boilerplate", test_html_boilerplate);
  g_test_add_func ("/html/to-text/empty", test_html_empty);
  g_test_add_func ("/html/to-text/length", test_html_length);
  g_test_add_func ("/html/to-text/invalid-utf8", test_html_invalid_utf8);
  g_test_add_func ("/html/to-text/control-characters", test_html_control_characters);
  g_test_add_func ("/html/to-text/article", test_html_article);
  g_test_add_func ("/html/to-text/quiet", test_html_quiet);
  g_test_add_func ("/html/to-text/error-handlers", test_html_error_handlers);
  g_test_add_func ("/html/to-text/threads", test_html_threads);
  g_test_add_func ("/html/hostile/deep-nesting", test_html_deep_nesting);
  g_test_add_func ("/html/hostile/huge", test_html_huge);
  g_test_add_func ("/html/hostile/flat-unclosed", test_html_flat_unclosed);
  g_test_add_func ("/html/hostile/soup", test_html_soup);
  g_test_add_func ("/html/hostile/random-bytes", test_html_random_bytes);
  g_test_add_func ("/html/hostile/short", test_html_hostile_short);
  g_test_add_func ("/text/clean/paragraphs", test_clean_paragraphs);
  g_test_add_func ("/text/clean/whitespace", test_clean_whitespace);
  g_test_add_func ("/text/clean/newlines", test_clean_newlines);
  g_test_add_func ("/text/clean/controls", test_clean_controls);
  g_test_add_func ("/text/clean/invalid-utf8", test_clean_invalid_utf8);
  g_test_add_func ("/text/clean/boilerplate", test_clean_boilerplate);
  g_test_add_func ("/text/clean/bullets", test_clean_bullets);
  g_test_add_func ("/text/clean/empty", test_clean_empty);
  g_test_add_func ("/text/clean/matches-html", test_clean_matches_html);
  g_test_add_func ("/text/clean/huge", test_clean_huge);
  g_test_add_func ("/text/looks-like-html", test_looks_like_html);

  return g_test_run ();
}
