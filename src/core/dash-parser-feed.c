/* SPDX-License-Identifier: GPL-3.0-or-later */

/* RSS 0.91/0.92/2.0, RSS 1.0 (RDF) and Atom 1.0, read with libxml2. The network and
 * external entities are off; undeclared HTML entities (&nbsp; in a feed that forgot its
 * DTD) are resolved by name, any other well-formedness error fails the file with its
 * line number. */

#define G_LOG_DOMAIN "dash-parser"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>
#include <libxml/globals.h>
#include <string.h>

#include "dash-date.h"
#include "dash-parser-private.h"

#define NS_ATOM    "http://www.w3.org/2005/Atom"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_DC      "http://purl.org/dc/elements/1.1/"
#define NS_RDF     "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_RSS1    "http://purl.org/rss/1.0/"
#define NS_RSS09   "http://my.netscape.com/rdf/simple/0.9/"

typedef struct {
  int   line;
  char *message;
  guint fatal : 1;
  guint entity_problem : 1;
} XmlErrors;

static void
structured_error_cb (void     *user_data,
                     xmlError *err)
{
  XmlErrors *errors = user_data;

  if (err == NULL || err->level < XML_ERR_ERROR)
    return;
  /* Undeclared HTML entities (see collect_text()) and bare ampersands ("AT&T") are
   * the mistakes feeds make most; the recovering parser reads them as meant. */
  if (err->code == XML_ERR_UNDECLARED_ENTITY || err->code == XML_WAR_UNDECLARED_ENTITY ||
      err->code == XML_ERR_NAME_REQUIRED || err->code == XML_ERR_ENTITYREF_SEMICOL_MISSING)
    {
      errors->entity_problem = TRUE;
      return;
    }
  if (errors->message == NULL)
    {
      errors->message = g_strstrip (g_strdup (err->message != NULL ? err->message : ""));
      errors->line = err->line;
    }
  errors->fatal = TRUE;
}

/* Appends the text below @node, resolving undeclared HTML entities by name. */
static void
collect_text (xmlNode *node,
              GString *out)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      switch (child->type)
        {
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
          if (child->content != NULL)
            g_string_append (out, (const char *)child->content);
          break;
        case XML_ENTITY_REF_NODE:
          {
            const htmlEntityDesc *desc = htmlEntityLookup (child->name);
            xmlEntity *entity = xmlGetDocEntity (child->doc, child->name);

            /* An entity the document declares itself is used as written, unexpanded
             * inside: no external entity is ever read, no entity bomb goes off. */
            if (entity != NULL && entity->etype == XML_INTERNAL_GENERAL_ENTITY &&
                entity->content != NULL)
              g_string_append (out, (const char *)entity->content);
            else if (desc != NULL)
              g_string_append_unichar (out, desc->value);
          }
          break;
        case XML_ELEMENT_NODE:
          /* Inline XHTML (Atom type="xhtml"): keep the markup for the HTML cleaner. */
          {
            g_autoptr(GString) inner = g_string_new (NULL);

            collect_text (child, inner);
            g_string_append_printf (out, "<%s>%s</%s>", child->name, inner->str, child->name);
          }
          break;
        default:
          break;
        }
    }
}

static char *
node_text (xmlNode *node)
{
  g_autoptr(GString) out = g_string_new (NULL);

  collect_text (node, out);
  g_strstrip (out->str);
  out->len = strlen (out->str);
  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
is_element (xmlNode    *node,
            const char *ns,
            const char *name)
{
  if (node->type != XML_ELEMENT_NODE || strcmp ((const char *)node->name, name) != 0)
    return FALSE;
  /* RSS 0.9x and 2.0 elements have no namespace, RSS 1.0's have their own: an
   * <atom:link> or <media:title> is not the item's link or title. */
  if (ns == NULL)
    return node->ns == NULL || node->ns->href == NULL ||
           strcmp ((const char *)node->ns->href, NS_RSS1) == 0 ||
           strcmp ((const char *)node->ns->href, NS_RSS09) == 0;
  return node->ns != NULL && node->ns->href != NULL &&
         strcmp ((const char *)node->ns->href, ns) == 0;
}

static xmlNode *
find_child (xmlNode    *parent,
            const char *ns,
            const char *name)
{
  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    if (is_element (child, ns, name))
      return child;
  return NULL;
}

static char *
child_text (xmlNode    *parent,
            const char *ns,
            const char *name)
{
  xmlNode *child = find_child (parent, ns, name);

  return child != NULL ? node_text (child) : NULL;
}

static char *
resolve_link (const char *link,
              xmlNode    *node,
              const char *base)
{
  g_autofree char *node_base = NULL;
  xmlChar *resolved;
  char *result;

  if (link == NULL)
    return NULL;
  if (node != NULL)
    {
      xmlChar *b = xmlNodeGetBase (node->doc, node);

      node_base = g_strdup ((const char *)b);
      xmlFree (b);
    }
  if (node_base == NULL || strstr (node_base, "://") == NULL)
    {
      g_free (node_base);
      node_base = g_strdup (base);
    }
  if (node_base == NULL)
    return g_strdup (link);

  resolved = xmlBuildURI ((const xmlChar *)link, (const xmlChar *)node_base);
  result = g_strdup (resolved != NULL ? (const char *)resolved : link);
  xmlFree (resolved);
  return result;
}

static gint64
parse_time (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL)
    return 0;
  dt = dash_date_parse (text);
  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

static void
set_clean (DashArticle *article,
           void       (*setter) (DashArticle *, const char *),
           char        *raw,
           gboolean     one_line)
{
  g_autofree char *owned = raw;
  g_autofree char *clean = _dash_clean_field (owned, one_line);

  setter (article, clean);
}

/* Adds @article if it has something to read, else counts it as skipped. */
static void
keep_article (DashParseState *state,
              DashArticle    *article,
              guint           index)
{
  if (dash_article_get_title (article) == NULL && dash_article_get_body (article) == NULL &&
      dash_article_get_summary (article) == NULL)
    {
      _dash_parse_state_skip (state, _("item %u has neither title nor text"), index + 1);
      g_object_unref (article);
      return;
    }
  if (dash_article_get_title (article) == NULL)
    {
      /* Untitled items exist (RSS allows them): use the first words of the text. */
      const char *text = dash_article_get_summary (article) ?: dash_article_get_body (article);
      g_autofree char *head = g_utf8_substring (text, 0, MIN (g_utf8_strlen (text, -1), 80));
      char *nl = strchr (head, '\n');

      if (nl != NULL)
        *nl = '\0';
      dash_article_set_title (article, head);
    }
  g_ptr_array_add (state->articles, article);
}

static void
parse_rss_item (DashParseState *state,
                xmlNode        *item,
                const char     *source,
                const char     *base,
                const char     *language,
                guint           index)
{
  DashArticle *article = dash_article_new ();
  g_autofree char *link = child_text (item, NULL, "link");
  g_autofree char *guid = child_text (item, NULL, "guid");
  g_autofree char *date = child_text (item, NULL, "pubDate");
  g_autofree char *author = child_text (item, NS_DC, "creator");
  g_autofree char *lang = child_text (item, NS_DC, "language");
  g_autofree char *url = NULL;
  xmlNode *guid_node = find_child (item, NULL, "guid");

  if (link == NULL && guid_node != NULL)
    {
      /* A guid is a permalink unless it says otherwise. */
      xmlChar *perma = xmlGetProp (guid_node, (const xmlChar *)"isPermaLink");

      if ((perma == NULL || g_ascii_strcasecmp ((const char *)perma, "false") != 0) &&
          guid != NULL && strstr (guid, "://") != NULL)
        link = g_strdup (guid);
      xmlFree (perma);
    }
  if (link == NULL)
    {
      xmlNode *rdf_item = item;
      xmlChar *about = xmlGetNsProp (rdf_item, (const xmlChar *)"about", (const xmlChar *)NS_RDF);

      link = g_strdup ((const char *)about);
      xmlFree (about);
    }
  url = resolve_link (link, find_child (item, NULL, "link"), base);

  if (date == NULL)
    date = child_text (item, NS_DC, "date");
  if (author == NULL)
    author = child_text (item, NULL, "author");

  set_clean (article, dash_article_set_title, child_text (item, NULL, "title"), TRUE);
  set_clean (article, dash_article_set_summary, child_text (item, NULL, "description"), FALSE);
  set_clean (article, dash_article_set_body, child_text (item, NS_CONTENT, "encoded"), FALSE);
  set_clean (article, dash_article_set_author, g_steal_pointer (&author), TRUE);
  dash_article_set_url (article, url);
  dash_article_set_guid (article, guid != NULL ? guid : url);
  dash_article_set_published (article, parse_time (date));
  dash_article_set_source (article, source);
  dash_article_set_language (article, lang != NULL ? lang : language);

  keep_article (state, article, index);
}

/* The text of an Atom text construct (title, summary, content) of any type. */
static char *
atom_text (xmlNode *parent,
           const char *name)
{
  xmlNode *node = find_child (parent, NS_ATOM, name);

  return node != NULL ? node_text (node) : NULL;
}

static char *
atom_link (xmlNode    *entry,
           const char *base)
{
  xmlNode *best = NULL;

  for (xmlNode *child = entry->children; child != NULL; child = child->next)
    {
      xmlChar *rel;
      gboolean alternate;

      if (!is_element (child, NS_ATOM, "link"))
        continue;
      rel = xmlGetProp (child, (const xmlChar *)"rel");
      alternate = rel == NULL || strcmp ((const char *)rel, "alternate") == 0;
      xmlFree (rel);
      if (alternate)
        {
          best = child;
          break;
        }
    }
  if (best != NULL)
    {
      xmlChar *href = xmlGetProp (best, (const xmlChar *)"href");
      char *url = resolve_link ((const char *)href, best, base);

      xmlFree (href);
      return url;
    }
  return NULL;
}

static char *
xml_lang (xmlNode *node)
{
  xmlChar *lang = xmlNodeGetLang (node);
  char *result = g_strdup ((const char *)lang);

  xmlFree (lang);
  return result;
}

static void
parse_atom_entry (DashParseState *state,
                  xmlNode        *entry,
                  const char     *source,
                  const char     *base,
                  guint           index)
{
  DashArticle *article = dash_article_new ();
  g_autofree char *url = atom_link (entry, base);
  g_autofree char *id = atom_text (entry, "id");
  g_autofree char *published = atom_text (entry, "published");
  g_autofree char *lang = xml_lang (entry);
  xmlNode *author = find_child (entry, NS_ATOM, "author");
  g_autofree char *author_name = author != NULL ? child_text (author, NS_ATOM, "name") : NULL;
  gint64 when;

  when = parse_time (published);
  if (when == 0)
    {
      g_autofree char *updated = atom_text (entry, "updated");
      when = parse_time (updated);
    }

  set_clean (article, dash_article_set_title, atom_text (entry, "title"), TRUE);
  set_clean (article, dash_article_set_summary, atom_text (entry, "summary"), FALSE);
  set_clean (article, dash_article_set_body, atom_text (entry, "content"), FALSE);
  set_clean (article, dash_article_set_author, g_steal_pointer (&author_name), TRUE);
  dash_article_set_url (article, url);
  dash_article_set_guid (article, id != NULL ? id : url);
  dash_article_set_published (article, when);
  dash_article_set_source (article, source);
  dash_article_set_language (article, lang);

  keep_article (state, article, index);
}

/* Rewrites what feeds get wrong about entities so that the XML parser reads them as
 * their authors meant: an HTML entity the document never declared ("&nbsp;") becomes
 * its character reference, a bare ampersand ("AT&T") becomes "&amp;". Inside CDATA this
 * changes nothing that matters: that text goes through the HTML cleaner, which decodes
 * both forms alike. */
static GString *
repair_entities (const char *data,
                 gsize       len)
{
  GString *out = g_string_sized_new (len + 64);
  const char *end = data + len;
  const char *p = data;

  while (p < end)
    {
      const char *amp = memchr (p, '&', end - p);
      const char *q;

      if (amp == NULL)
        {
          g_string_append_len (out, p, end - p);
          break;
        }
      g_string_append_len (out, p, amp - p);
      p = amp + 1;

      /* A character reference, or a name followed by ';'. */
      q = p;
      if (q < end && *q == '#')
        {
          q++;
          if (q < end && (*q == 'x' || *q == 'X'))
            q++;
          while (q < end && g_ascii_isxdigit (*q))
            q++;
          if (q < end && *q == ';' && q > p + 1)
            {
              g_string_append_c (out, '&');
              continue;
            }
        }
      else
        {
          while (q < end && q - p < 32 && (g_ascii_isalnum (*q) || *q == '_' || *q == '-' ||
                                           *q == '.' || *q == ':'))
            q++;
          if (q < end && *q == ';' && q > p)
            {
              g_autofree char *name = g_strndup (p, q - p);
              const htmlEntityDesc *desc;

              if (g_str_equal (name, "amp") || g_str_equal (name, "lt") ||
                  g_str_equal (name, "gt") || g_str_equal (name, "quot") ||
                  g_str_equal (name, "apos") || (desc = htmlEntityLookup ((xmlChar *)name)) == NULL)
                {
                  /* XML's own entities, and names we do not know (perhaps declared in
                   * the document), are left for the parser. */
                  g_string_append_c (out, '&');
                  continue;
                }
              g_string_append_printf (out, "&#%u;", desc->value);
              p = q + 1;
              continue;
            }
        }
      g_string_append (out, "&amp;");
    }
  return out;
}

static xmlDoc *
read_xml (const char *data,
          gsize       len,
          const char *encoding,
          XmlErrors  *errors)
{
  int options = XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR |
                XML_PARSE_NOWARNING | XML_PARSE_HUGE | XML_PARSE_NOCDATA;
  xmlParserCtxt *ctxt;
  xmlDoc *doc;

  xmlStructuredErrorFunc saved_func = xmlStructuredError;
  void *saved_context = xmlStructuredErrorContext;

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    return NULL;
  /* The handler is per thread in libxml2; the caller's is put back after. */
  xmlSetStructuredErrorFunc (errors, structured_error_cb);
  doc = xmlCtxtReadMemory (ctxt, data, (int)len, NULL, encoding, options);
  xmlSetStructuredErrorFunc (saved_context, saved_func);
  xmlFreeParserCtxt (ctxt);
  return doc;
}

gboolean
_dash_parse_xml_feed (DashParseState *state,
                      const char     *data,
                      gsize           len,
                      DashFormat     *format,
                      GError        **error)
{
  XmlErrors errors = { 0, NULL, FALSE, FALSE };
  g_autofree char *utf8 = NULL;
  const char *encoding = NULL;
  g_autofree char *source = NULL;
  g_autofree char *base = NULL;
  g_autofree char *language = NULL;
  xmlDoc *doc;
  xmlNode *root;
  guint index = 0;

  if (len > G_MAXINT)
    {
      g_set_error_literal (error, DASH_ERROR, DASH_ERROR_TOO_LARGE, _("the feed is too large"));
      return FALSE;
    }

  /* UTF-16 is made UTF-8 first, so that the entity repair below can work on bytes; the
   * declaration in the prolog is then overridden. Other encodings are ASCII-based. */
  if (len >= 2 && (((guchar)data[0] == 0xFF && (guchar)data[1] == 0xFE) ||
                   ((guchar)data[0] == 0xFE && (guchar)data[1] == 0xFF)))
    {
      gsize written = 0;

      utf8 = g_convert (data + 2, len - 2, "UTF-8",
                        (guchar)data[0] == 0xFF ? "UTF-16LE" : "UTF-16BE", NULL, &written, NULL);
      if (utf8 == NULL)
        {
          g_set_error_literal (error, DASH_ERROR, DASH_ERROR_MALFORMED,
                               _("broken UTF-16 text"));
          return FALSE;
        }
      data = utf8;
      len = written;
      encoding = "UTF-8";
    }

  doc = read_xml (data, len, encoding, &errors);
  if (errors.entity_problem)
    {
      g_autoptr(GString) repaired = repair_entities (data, len);

      if (doc != NULL)
        xmlFreeDoc (doc);
      g_clear_pointer (&errors.message, g_free);
      errors.fatal = FALSE;
      if (repaired->len > G_MAXINT)
        {
          g_set_error_literal (error, DASH_ERROR, DASH_ERROR_TOO_LARGE, _("the feed is too large"));
          return FALSE;
        }
      doc = read_xml (repaired->str, repaired->len, encoding, &errors);
    }

  if (doc == NULL || errors.fatal)
    {
      if (errors.message != NULL)
        g_set_error (error, DASH_ERROR, DASH_ERROR_MALFORMED,
                     _("broken XML at line %d: %s"), errors.line, errors.message);
      else
        g_set_error_literal (error, DASH_ERROR, DASH_ERROR_MALFORMED, _("broken XML"));
      g_free (errors.message);
      if (doc != NULL)
        xmlFreeDoc (doc);
      return FALSE;
    }

  root = xmlDocGetRootElement (doc);
  if (root == NULL)
    {
      xmlFreeDoc (doc);
      g_set_error_literal (error, DASH_ERROR, DASH_ERROR_MALFORMED, _("empty XML document"));
      return FALSE;
    }

  if (is_element (root, NS_ATOM, "feed"))
    {
      *format = DASH_FORMAT_ATOM;
      source = atom_text (root, "title");
      base = atom_link (root, NULL);
      for (xmlNode *child = root->children; child != NULL; child = child->next)
        if (is_element (child, NS_ATOM, "entry"))
          parse_atom_entry (state, child, source, base, index++);
    }
  else if (strcmp ((const char *)root->name, "rss") == 0 ||
           strcmp ((const char *)root->name, "RDF") == 0)
    {
      xmlNode *channel = NULL;
      gboolean rdf = strcmp ((const char *)root->name, "RDF") == 0;

      *format = rdf ? DASH_FORMAT_RDF : DASH_FORMAT_RSS;
      for (xmlNode *child = root->children; child != NULL; child = child->next)
        if (child->type == XML_ELEMENT_NODE && strcmp ((const char *)child->name, "channel") == 0)
          {
            channel = child;
            break;
          }
      if (channel == NULL)
        {
          xmlFreeDoc (doc);
          g_set_error_literal (error, DASH_ERROR, DASH_ERROR_MALFORMED,
                               _("an RSS document without a channel"));
          return FALSE;
        }
      {
        g_autofree char *raw_title = child_text (channel, NULL, "title");
        g_autofree char *link = child_text (channel, NULL, "link");

        source = _dash_clean_field (raw_title, TRUE);
        base = g_strdup (link);
        language = child_text (channel, NULL, "language");
        if (language == NULL)
          language = child_text (channel, NS_DC, "language");
      }
      /* RSS 2.0 items live in the channel, RSS 1.0 items beside it. */
      for (xmlNode *child = rdf ? root->children : channel->children; child != NULL;
           child = child->next)
        if (child->type == XML_ELEMENT_NODE && strcmp ((const char *)child->name, "item") == 0)
          parse_rss_item (state, child, source, base, language, index++);
    }
  else
    {
      g_autofree char *name = g_strdup ((const char *)root->name);

      xmlFreeDoc (doc);
      if (g_ascii_strcasecmp (name, "html") == 0)
        g_set_error_literal (error, DASH_ERROR, DASH_ERROR_FORMAT,
                             _("an HTML page, not a feed"));
      else
        g_set_error (error, DASH_ERROR, DASH_ERROR_FORMAT,
                     _("XML, but not RSS or Atom (the root element is <%s>)"), name);
      return FALSE;
    }

  xmlFreeDoc (doc);
  return TRUE;
}
