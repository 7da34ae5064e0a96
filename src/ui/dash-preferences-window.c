/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dash-preferences-window.h"

/* The refresh intervals the combo row offers, in minutes, in its order. */
static const guint interval_choices[] = { 0, 15, 60, 3 * 60, 24 * 60 };

struct _DashPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* Template children. */
  AdwComboRow          *interval_row;
  GtkSwitch            *metered_switch;
};

G_DEFINE_FINAL_TYPE (DashPreferencesWindow, dash_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
dash_preferences_window_new (GtkWindow *parent,
                             GSettings *settings)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (DASH_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       "settings", settings,
                       NULL);
}

/* Minutes → the row's position. An interval set elsewhere shows as the nearest choice. */
static gboolean
interval_to_position (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  guint minutes = g_variant_get_uint32 (variant);
  guint best = 0;

  for (guint i = 1; i < G_N_ELEMENTS (interval_choices); i++)
    {
      guint distance = minutes > interval_choices[i] ? minutes - interval_choices[i]
                                                     : interval_choices[i] - minutes;
      guint best_distance = minutes > interval_choices[best] ? minutes - interval_choices[best]
                                                             : interval_choices[best] - minutes;

      if (distance < best_distance)
        best = i;
    }
  g_value_set_uint (value, best);
  return TRUE;
}

static GVariant *
position_to_interval (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= G_N_ELEMENTS (interval_choices))
    return NULL;
  return g_variant_new_uint32 (interval_choices[position]);
}

static void
dash_preferences_window_constructed (GObject *object)
{
  DashPreferencesWindow *self = (DashPreferencesWindow *)object;

  G_OBJECT_CLASS (dash_preferences_window_parent_class)->constructed (object);

  g_assert (self->settings != NULL);
  g_settings_bind_with_mapping (self->settings, "refresh-interval",
                                self->interval_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                interval_to_position, position_to_interval, NULL, NULL);
  g_settings_bind (self->settings, "refresh-on-metered",
                   self->metered_switch, "active", G_SETTINGS_BIND_DEFAULT);
}

static void
dash_preferences_window_dispose (GObject *object)
{
  DashPreferencesWindow *self = (DashPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DASH_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dash_preferences_window_parent_class)->dispose (object);
}

static void
dash_preferences_window_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  DashPreferencesWindow *self = DASH_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dash_preferences_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  DashPreferencesWindow *self = DASH_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dash_preferences_window_class_init (DashPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dash_preferences_window_constructed;
  object_class->dispose = dash_preferences_window_dispose;
  object_class->get_property = dash_preferences_window_get_property;
  object_class->set_property = dash_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Dashboard/dash-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DashPreferencesWindow, interval_row);
  gtk_widget_class_bind_template_child (widget_class, DashPreferencesWindow, metered_switch);
}

static void
dash_preferences_window_init (DashPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
