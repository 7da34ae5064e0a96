/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-refresher"

#include "config.h"

#include <glib/gi18n.h>

#include "dash-refresher.h"
#include "dash-ui-util.h"

/* One refresh asked for: feed @id, or every due feed when @id is 0. */
typedef struct {
  gint64   id;
  gboolean manual;   /* asked by the user, not by the timer */
} Request;

struct _DashRefresher
{
  GObject            parent_instance;

  DashSubscriptions *subscriptions;
  GNetworkMonitor   *monitor;
  /* The subscriptions the worker thread uses, on a database connection of their own:
   * the main one is the UI's, and a connection is used by one thread at a time. Made on
   * the first refresh. */
  DashSubscriptions *worker;

  guint              interval;       /* minutes; 0 for manual refreshes only */
  gboolean           allow_metered;
  gboolean           refreshing;
  char              *state_message;

  GArray            *queue;          /* Request, oldest first */
  GCancellable      *cancellable;    /* of the running refresh */
  guint              timer_id;
};

G_DEFINE_FINAL_TYPE (DashRefresher, dash_refresher, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SUBSCRIPTIONS,
  PROP_NETWORK_MONITOR,
  PROP_INTERVAL,
  PROP_ALLOW_METERED,
  PROP_REFRESHING,
  PROP_STATE_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REFRESHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void try_next   (DashRefresher *self);
static void reschedule (DashRefresher *self);

DashRefresher *
dash_refresher_new (DashSubscriptions *subscriptions,
                    GNetworkMonitor   *monitor)
{
  g_return_val_if_fail (DASH_IS_SUBSCRIPTIONS (subscriptions), NULL);
  g_return_val_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor), NULL);

  return g_object_new (DASH_TYPE_REFRESHER,
                       "subscriptions", subscriptions,
                       "network-monitor", monitor,
                       NULL);
}

void
dash_refresher_bind_settings (DashRefresher *self,
                              GSettings     *settings)
{
  g_return_if_fail (DASH_IS_REFRESHER (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_settings_bind (settings, "refresh-interval", self, "interval", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "refresh-on-metered", self, "allow-metered", G_SETTINGS_BIND_GET);
}

DashSubscriptions *
dash_refresher_get_subscriptions (DashRefresher *self)
{
  g_return_val_if_fail (DASH_IS_REFRESHER (self), NULL);
  return self->subscriptions;
}

guint
dash_refresher_get_interval (DashRefresher *self)
{
  g_return_val_if_fail (DASH_IS_REFRESHER (self), 0);
  return self->interval;
}

void
dash_refresher_set_interval (DashRefresher *self,
                             guint          minutes)
{
  g_return_if_fail (DASH_IS_REFRESHER (self));

  if (self->interval == minutes)
    return;
  self->interval = minutes;
  /* Manual only now: an automatic refresh waiting for the network is dropped. */
  for (guint i = self->queue->len; minutes == 0 && i > 0; i--)
    if (!g_array_index (self->queue, Request, i - 1).manual)
      g_array_remove_index (self->queue, i - 1);
  reschedule (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

gboolean
dash_refresher_get_allow_metered (DashRefresher *self)
{
  g_return_val_if_fail (DASH_IS_REFRESHER (self), FALSE);
  return self->allow_metered;
}

void
dash_refresher_set_allow_metered (DashRefresher *self,
                                  gboolean       allow)
{
  g_return_if_fail (DASH_IS_REFRESHER (self));

  allow = !!allow;
  if (self->allow_metered == allow)
    return;
  self->allow_metered = allow;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALLOW_METERED]);
  /* A refresh that waited for this may run now. */
  try_next (self);
}

gboolean
dash_refresher_get_refreshing (DashRefresher *self)
{
  g_return_val_if_fail (DASH_IS_REFRESHER (self), FALSE);
  return self->refreshing;
}

const char *
dash_refresher_get_state_message (DashRefresher *self)
{
  g_return_val_if_fail (DASH_IS_REFRESHER (self), NULL);
  return self->state_message != NULL ? self->state_message : "";
}

static void
set_state_message (DashRefresher *self,
                   const char    *message)
{
  if (g_strcmp0 (self->state_message, message) == 0)
    return;
  g_free (self->state_message);
  self->state_message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_MESSAGE]);
}

static void
set_refreshing (DashRefresher *self,
                gboolean       refreshing)
{
  if (self->refreshing == refreshing)
    return;
  self->refreshing = refreshing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHING]);
}

/* Adds a request, unless the same one waits already (then it only becomes manual). */
static void
enqueue (DashRefresher *self,
         gint64         id,
         gboolean       manual)
{
  Request request = { id, manual };

  for (guint i = 0; i < self->queue->len; i++)
    {
      Request *queued = &g_array_index (self->queue, Request, i);

      if (queued->id == id)
        {
          queued->manual |= manual;
          return;
        }
    }
  g_array_append_val (self->queue, request);
}

/* Whether the network lets @request run now; otherwise says why. */
static gboolean
network_allows (DashRefresher *self,
                const Request *request)
{
  if (!g_network_monitor_get_network_available (self->monitor))
    {
      set_state_message (self, _("Offline: the feeds will be refreshed when the network is "
                                 "back"));
      return FALSE;
    }
  if (!request->manual && !self->allow_metered &&
      g_network_monitor_get_network_metered (self->monitor))
    {
      set_state_message (self, _("Metered connection: the feeds are not refreshed "
                                 "automatically"));
      return FALSE;
    }
  return TRUE;
}

static char *
summary_message (GPtrArray *results)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  /* Translators: the time of day of the last refresh, as a strftime() format. */
  g_autofree char *time = g_date_time_format (now, C_("refresh time", "%H:%M"));
  guint n_failed = 0;

  for (guint i = 0; i < results->len; i++)
    {
      const DashFeedResult *result = g_ptr_array_index (results, i);

      if (!result->ok && !result->skipped)
        n_failed++;
    }

  if (n_failed > 0)
    /* Translators: %s is a time of day; then how many feeds failed. */
    return g_strdup_printf (ngettext ("Refreshed at %s · %u feed could not be refreshed",
                                      "Refreshed at %s · %u feeds could not be refreshed",
                                      n_failed), time, n_failed);
  /* Translators: %s is a time of day. */
  return g_strdup_printf (_("Refreshed at %s"), time);
}

static void
refresh_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DashRefresher) self = dash_weak_ref_steal (user_data);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  guint n_new = 0;

  results = dash_subscriptions_refresh_finish (DASH_SUBSCRIPTIONS (object), result, &error);
  if (self == NULL)
    return;

  g_clear_object (&self->cancellable);
  set_refreshing (self, FALSE);

  if (results == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: %s says what went wrong. */
          g_autofree char *message = g_strdup_printf (_("Cannot refresh the feeds: %s"),
                                                      error->message);

          set_state_message (self, message);
        }
    }
  else
    {
      g_autofree char *message = summary_message (results);

      for (guint i = 0; i < results->len; i++)
        n_new += ((const DashFeedResult *)g_ptr_array_index (results, i))->added;
      set_state_message (self, message);
      /* The worker wrote through its own connection: the views read through this one. */
      if (n_new > 0)
        dash_corpus_notify_changed (dash_subscriptions_get_corpus (self->subscriptions));
      g_signal_emit (self, signals[REFRESHED], 0, n_new, results);
    }

  reschedule (self);
  try_next (self);
}

static DashSubscriptions *
get_worker (DashRefresher  *self,
            GError        **error)
{
  if (self->worker == NULL)
    {
      DashCorpus *corpus = dash_subscriptions_get_corpus (self->subscriptions);
      g_autoptr(DashCorpus) own = dash_corpus_open (dash_corpus_get_path (corpus), error);

      if (own == NULL)
        return NULL;
      self->worker = dash_subscriptions_new (own);
    }
  return self->worker;
}

/* Runs the oldest request, when none runs and the network allows it. */
static void
try_next (DashRefresher *self)
{
  g_autoptr(GError) error = NULL;
  DashSubscriptions *worker;
  Request request;

  /* Nothing runs once disposed. */
  if (self->refreshing || self->queue->len == 0 || self->subscriptions == NULL)
    return;

  request = g_array_index (self->queue, Request, 0);
  if (!network_allows (self, &request))
    return;
  g_array_remove_index (self->queue, 0);

  worker = get_worker (self, &error);
  if (worker == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Cannot refresh the feeds: %s"),
                                                  error->message);

      set_state_message (self, message);
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_refreshing (self, TRUE);
  set_state_message (self, _("Refreshing the feeds…"));
  dash_subscriptions_refresh_async (worker, request.id, self->cancellable, refresh_done_cb,
                                    dash_weak_ref_new (self));
}

static gboolean
timer_cb (gpointer user_data)
{
  DashRefresher *self = user_data;

  self->timer_id = 0;
  enqueue (self, 0, FALSE);
  try_next (self);
  return G_SOURCE_REMOVE;
}

/* Seconds until the next feed is due: a healthy feed an interval after its last fetch,
 * a failing one when its back-off ends; at most one interval. */
static guint
seconds_until_due (DashRefresher *self)
{
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;
  gint64 period = (gint64)self->interval * 60;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 due = now + period;

  feeds = dash_subscriptions_list (self->subscriptions, &error);
  if (feeds == NULL)
    {
      g_warning ("Cannot list the feeds: %s", error->message);
      return period;
    }
  for (guint i = 0; i < feeds->len; i++)
    {
      const DashFeed *feed = g_ptr_array_index (feeds, i);

      if (feed->paused)
        continue;
      due = MIN (due, feed->failures > 0 ? feed->next_fetch : feed->last_fetch + period);
    }
  return (guint)CLAMP (due - now, 0, period);
}

/* Sets the timer for the next automatic refresh, if any. */
static void
reschedule (DashRefresher *self)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->interval == 0 || self->subscriptions == NULL)
    return;

  self->timer_id = g_timeout_add_seconds_full (G_PRIORITY_LOW, seconds_until_due (self),
                                               timer_cb, self, NULL);
}

void
dash_refresher_refresh_now (DashRefresher *self)
{
  g_return_if_fail (DASH_IS_REFRESHER (self));

  enqueue (self, 0, TRUE);
  try_next (self);
}

void
dash_refresher_refresh_feed (DashRefresher *self,
                             gint64         id)
{
  g_return_if_fail (DASH_IS_REFRESHER (self));
  g_return_if_fail (id > 0);

  enqueue (self, id, TRUE);
  try_next (self);
}

static void
network_changed_cb (DashRefresher   *self,
                    gboolean         available,
                    GNetworkMonitor *monitor)
{
  try_next (self);
}

static void
metered_changed_cb (DashRefresher   *self,
                    GParamSpec      *pspec,
                    GNetworkMonitor *monitor)
{
  try_next (self);
}

static void
dash_refresher_constructed (GObject *object)
{
  DashRefresher *self = (DashRefresher *)object;

  G_OBJECT_CLASS (dash_refresher_parent_class)->constructed (object);

  g_assert (self->subscriptions != NULL);
  if (self->monitor == NULL)
    self->monitor = g_object_ref (g_network_monitor_get_default ());
  g_signal_connect_object (self->monitor, "network-changed", G_CALLBACK (network_changed_cb),
                           self, G_CONNECT_SWAPPED);
  /* Metered is a property of its own, and changes without ::network-changed. */
  g_signal_connect_object (self->monitor, "notify::network-metered",
                           G_CALLBACK (metered_changed_cb), self, G_CONNECT_SWAPPED);
  reschedule (self);
}

static void
dash_refresher_dispose (GObject *object)
{
  DashRefresher *self = (DashRefresher *)object;

  /* A running refresh stops at its next feed; what it stored stays. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_object (&self->worker);
  g_clear_object (&self->monitor);
  g_clear_object (&self->subscriptions);

  G_OBJECT_CLASS (dash_refresher_parent_class)->dispose (object);
}

static void
dash_refresher_finalize (GObject *object)
{
  DashRefresher *self = (DashRefresher *)object;

  g_clear_pointer (&self->state_message, g_free);
  g_clear_pointer (&self->queue, g_array_unref);

  G_OBJECT_CLASS (dash_refresher_parent_class)->finalize (object);
}

static void
dash_refresher_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DashRefresher *self = DASH_REFRESHER (object);

  switch (prop_id)
    {
    case PROP_SUBSCRIPTIONS:
      g_value_set_object (value, self->subscriptions);
      break;
    case PROP_NETWORK_MONITOR:
      g_value_set_object (value, self->monitor);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    case PROP_ALLOW_METERED:
      g_value_set_boolean (value, self->allow_metered);
      break;
    case PROP_REFRESHING:
      g_value_set_boolean (value, self->refreshing);
      break;
    case PROP_STATE_MESSAGE:
      g_value_set_string (value, dash_refresher_get_state_message (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dash_refresher_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DashRefresher *self = DASH_REFRESHER (object);

  switch (prop_id)
    {
    case PROP_SUBSCRIPTIONS:
      self->subscriptions = g_value_dup_object (value);
      break;
    case PROP_NETWORK_MONITOR:
      self->monitor = g_value_dup_object (value);
      break;
    case PROP_INTERVAL:
      dash_refresher_set_interval (self, g_value_get_uint (value));
      break;
    case PROP_ALLOW_METERED:
      dash_refresher_set_allow_metered (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dash_refresher_class_init (DashRefresherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = dash_refresher_constructed;
  object_class->dispose = dash_refresher_dispose;
  object_class->finalize = dash_refresher_finalize;
  object_class->get_property = dash_refresher_get_property;
  object_class->set_property = dash_refresher_set_property;

  properties[PROP_SUBSCRIPTIONS] =
    g_param_spec_object ("subscriptions", NULL, NULL, DASH_TYPE_SUBSCRIPTIONS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* NULL at construction: g_network_monitor_get_default(). Tests pass their own. */
  properties[PROP_NETWORK_MONITOR] =
    g_param_spec_object ("network-monitor", NULL, NULL, G_TYPE_NETWORK_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 0, G_MAXUINT / 60, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ALLOW_METERED] =
    g_param_spec_boolean ("allow-metered", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REFRESHING] =
    g_param_spec_boolean ("refreshing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE_MESSAGE] =
    g_param_spec_string ("state-message", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The number of new stories, and the result of each feed (element-type
   * DashFeedResult). */
  signals[REFRESHED] =
    g_signal_new ("refreshed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_PTR_ARRAY);
}

static void
dash_refresher_init (DashRefresher *self)
{
  self->queue = g_array_new (FALSE, FALSE, sizeof (Request));
}
