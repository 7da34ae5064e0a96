/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dash-types.h"

G_BEGIN_DECLS

typedef struct {
  const char *id;      /* "trade_war", "ai", "defense": owned by the classifier */
  double      score;
} DashTopicScore;

#define DASH_TYPE_TOPIC_CLASSIFIER (dash_topic_classifier_get_type ())
G_DECLARE_FINAL_TYPE (DashTopicClassifier, dash_topic_classifier, DASH, TOPIC_CLASSIFIER, GObject)

/* @rules is the JSON of data/topics.json. Immutable once made: thread-safe to use. */
DashTopicClassifier *dash_topic_classifier_new         (GBytes              *rules,
                                                        GError             **error);
/* With the rules built into the library. */
DashTopicClassifier *dash_topic_classifier_new_default (GError             **error);

guint                dash_topic_classifier_get_n_topics (DashTopicClassifier *self);
const char          *dash_topic_classifier_get_id       (DashTopicClassifier *self,
                                                         guint                index);
/* The topic's name for people ("Trade war"), translated. */
const char          *dash_topic_classifier_get_name     (DashTopicClassifier *self,
                                                         guint                index);

/* The topics a story belongs to, best first: (element-type DashTopicScore). @mentions
 * (element-type DashMention, may be NULL) are the story's entities, for entity cues. */
GArray              *dash_topic_classifier_classify     (DashTopicClassifier *self,
                                                         const char          *title,
                                                         const char          *summary,
                                                         const char          *body,
                                                         GArray              *mentions);

G_END_DECLS
