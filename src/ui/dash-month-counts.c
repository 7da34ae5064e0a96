/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-month-counts"

#include "config.h"

#include <glib/gi18n.h>

#include "dash-core.h"
#include "dash-month-counts.h"
#include "dash-ui-util.h"

struct _DashMonthCounts
{
  GtkWidget  parent_instance;

  GtkGrid   *grid;
  GtkLabel  *empty_label;
  guint      n_rows;
};

G_DEFINE_FINAL_TYPE (DashMonthCounts, dash_month_counts, GTK_TYPE_WIDGET)

GtkWidget *
dash_month_counts_new (void)
{
  return g_object_new (DASH_TYPE_MONTH_COUNTS, NULL);
}

guint
dash_month_counts_get_n_rows (DashMonthCounts *self)
{
  g_return_val_if_fail (DASH_IS_MONTH_COUNTS (self), 0);
  return self->n_rows;
}

void
dash_month_counts_set_points (DashMonthCounts *self,
                              GArray          *points,
                              guint            n_last)
{
  GtkWidget *child;
  guint first = 0;
  guint max = 0;

  g_return_if_fail (DASH_IS_MONTH_COUNTS (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  self->n_rows = 0;

  if (points != NULL && points->len > n_last)
    first = points->len - n_last;
  for (guint i = first; points != NULL && i < points->len; i++)
    max = MAX (max, g_array_index (points, DashTimelinePoint, i).count);

  for (guint i = first; points != NULL && i < points->len; i++)
    {
      const DashTimelinePoint *point = &g_array_index (points, DashTimelinePoint, i);
      g_autofree char *month = dash_format_month (point->start);
      g_autofree char *count = g_strdup_printf ("%u", point->count);
      GtkWidget *month_label = gtk_label_new (month);
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, MAX (max, 1));
      GtkWidget *count_label = gtk_label_new (count);
      g_autofree char *description = NULL;

      gtk_label_set_xalign (GTK_LABEL (month_label), 0);
      gtk_widget_add_css_class (month_label, "caption");
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), point->count);
      /* Plain bars: no low/high colours, the length says it all. */
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
      gtk_widget_set_hexpand (bar, TRUE);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      /* Translators: a month, then the number of stories in it. */
      description = g_strdup_printf (ngettext ("%s: %u story", "%s: %u stories", point->count),
                                     month, point->count);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                      -1);
      gtk_label_set_xalign (GTK_LABEL (count_label), 1);
      gtk_widget_add_css_class (count_label, "caption");
      gtk_widget_add_css_class (count_label, "numeric");

      gtk_grid_attach (self->grid, month_label, 0, self->n_rows, 1, 1);
      gtk_grid_attach (self->grid, bar, 1, self->n_rows, 1, 1);
      gtk_grid_attach (self->grid, count_label, 2, self->n_rows, 1, 1);
      self->n_rows++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), self->n_rows == 0);
}

static void
dash_month_counts_dispose (GObject *object)
{
  DashMonthCounts *self = (DashMonthCounts *)object;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->grid = NULL;
  self->empty_label = NULL;

  G_OBJECT_CLASS (dash_month_counts_parent_class)->dispose (object);
}

static void
dash_month_counts_class_init (DashMonthCountsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dash_month_counts_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "monthcounts");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dash_month_counts_init (DashMonthCounts *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);

  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->grid, 9);
  gtk_grid_set_row_spacing (self->grid, 3);
  gtk_widget_set_parent (GTK_WIDGET (self->grid), GTK_WIDGET (self));

  self->empty_label = GTK_LABEL (gtk_label_new (_("No stories")));
  gtk_label_set_xalign (self->empty_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->empty_label), "dim-label");
  gtk_widget_set_parent (GTK_WIDGET (self->empty_label), GTK_WIDGET (self));
}
