/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dash-core.h"

G_BEGIN_DECLS

/* Story number @n, published on @date (ISO 8601), in @topic (may be NULL), naming the
 * entities in @args, pairs of a name and a DashEntityType ended by NULL. Its mentions and
 * topics are set by hand, so tests of what is stored do not depend on the analysis. */
DashArticle *dash_test_story_valist    (guint        n,
                                        const char  *date,
                                        const char  *topic,
                                        va_list      args);
/* Appends six such stories (numbered from *@n + 1; *@n is updated): two in the trade
 * war, two in AI, one in defense, one in no topic, January to March 2025, naming China,
 * the United States, Huawei, DeepSeek, Liang Wenfeng, Russia, Ukraine and NATO. */
void         dash_test_add_sample_stories (GPtrArray *articles,
                                           guint     *n);

G_END_DECLS
