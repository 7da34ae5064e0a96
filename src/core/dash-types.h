/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _DashArticle     DashArticle;
typedef struct _DashArticleList DashArticleList;
typedef struct _DashCorpus      DashCorpus;
typedef struct _DashFilter      DashFilter;
typedef struct _DashImportJob   DashImportJob;

#define DASH_ERROR (dash_error_quark ())

typedef enum {
  DASH_ERROR_FAILED,
  DASH_ERROR_FORMAT,      /* The file is not in a format we can read. */
  DASH_ERROR_MALFORMED,   /* The file is in a known format but broken. */
  DASH_ERROR_TOO_LARGE,   /* The file is larger than we agree to read. */
  DASH_ERROR_DATABASE,    /* SQLite refused: corrupt, read-only, full... */
  DASH_ERROR_QUERY,       /* A search query that cannot be run. */
  DASH_ERROR_NOT_FOUND,
} DashError;

GQuark dash_error_quark (void);

G_END_DECLS
