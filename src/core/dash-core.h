/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dash-types.h"
#include "dash-analyzer.h"
#include "dash-article.h"
#include "dash-article-list.h"
#include "dash-corpus.h"
#include "dash-data.h"
#include "dash-date.h"
#include "dash-entity-extractor.h"
#include "dash-filter.h"
#include "dash-html.h"
#include "dash-import-job.h"
#include "dash-mention.h"
#include "dash-parser.h"
#include "dash-subscriptions.h"
#include "dash-topic-classifier.h"
