/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-timeline-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "dash-timeline-view.h"
#include "dash-ui-util.h"

/* Where one bar stands in the cached picture. */
typedef struct {
  guint         series;
  guint         index;
  DashChartRect rect;
  double        center;
  double        half;     /* half the width of its column, for hit tests */
} Bar;

struct _DashTimelineView
{
  GtkWidget          parent_instance;

  DashTimelineChart *chart;
  guint              total;
  guint              n_points;

  /* The static picture, as drawn for the size, colour, palette and font below. */
  GskRenderNode     *cache;
  int                cache_width;
  int                cache_height;
  GdkRGBA            cache_color;
  gboolean           cache_dark;
  double             cache_font_size;
  char              *cache_font_family;
  GArray            *bars;        /* Bar, left to right */
  double             plot_top;
  double             baseline;

  int                hover;       /* in bars, -1 for none */
  int                selected;    /* chosen with the keyboard, -1 for none */
};

G_DEFINE_FINAL_TYPE (DashTimelineView, dash_timeline_view, GTK_TYPE_WIDGET)

GtkWidget *
dash_timeline_view_new (void)
{
  return g_object_new (DASH_TYPE_TIMELINE_VIEW, NULL);
}

/* "Mar 2025", "Q1 2025"…: the bucket starting at @start. */
static char *
format_bucket (DashBucket bucket,
               gint64     start)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (start);

  if (date == NULL)
    return g_strdup ("");
  switch (bucket)
    {
    case DASH_BUCKET_DAY:
      /* Translators: a day in a chart's tooltip, see strftime(3). */
      return g_date_time_format (date, _("%-d %b %Y"));
    case DASH_BUCKET_WEEK:
      {
        /* Translators: the first day of a week in a chart's tooltip, see strftime(3). */
        g_autofree char *day = g_date_time_format (date, _("%-d %b %Y"));

        /* Translators: %s is the week's first day, "3 Mar 2025". */
        return g_strdup_printf (_("Week of %s"), day);
      }
    case DASH_BUCKET_QUARTER:
      /* Translators: a quarter of a year, "Q1 2025". */
      return g_strdup_printf (_("Q%d %d"), (g_date_time_get_month (date) - 1) / 3 + 1,
                              g_date_time_get_year (date));
    case DASH_BUCKET_YEAR:
      return g_date_time_format (date, "%Y");
    case DASH_BUCKET_MONTH:
    default:
      return dash_format_month (start);
    }
}

static const char *
bucket_heading (DashBucket bucket)
{
  switch (bucket)
    {
    case DASH_BUCKET_DAY:
      return _("Stories per day");
    case DASH_BUCKET_WEEK:
      return _("Stories per week");
    case DASH_BUCKET_QUARTER:
      return _("Stories per quarter");
    case DASH_BUCKET_YEAR:
      return _("Stories per year");
    case DASH_BUCKET_MONTH:
    default:
      return _("Stories per month");
    }
}

static char *
format_count (guint count)
{
  return g_strdup_printf (ngettext ("%'u story", "%'u stories", count), count);
}

/* The bars keep their order when redrawn, so the highlight stays. */
static void
drop_cache (DashTimelineView *self)
{
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  g_array_set_size (self->bars, 0);
}

/* The accessible label sums up each series; the description lists every bucket. */
static void
update_accessible (DashTimelineView *self)
{
  g_autoptr(GString) label = g_string_new (NULL);
  g_autoptr(GString) description = g_string_new (NULL);
  const DashTimelineChart *chart = self->chart;

  if (chart == NULL || self->n_points == 0)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline: no stories"),
                                      -1);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  g_string_append (label, chart->title != NULL ? chart->title : bucket_heading (chart->bucket));
  for (guint s = 0; s < chart->series->len; s++)
    {
      const DashTimelineSeries *series = g_ptr_array_index (chart->series, s);
      const DashTimelinePoint *most = NULL;
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;
      g_autofree char *summary = NULL;
      guint total = 0;

      if (series->points->len == 0)
        continue;
      for (guint i = 0; i < series->points->len; i++)
        {
          const DashTimelinePoint *p = &g_array_index (series->points, DashTimelinePoint, i);
          g_autofree char *bucket = format_bucket (chart->bucket, p->start);

          total += p->count;
          if (most == NULL || p->count > most->count)
            most = p;
          if (description->len > 0)
            g_string_append (description, ", ");
          if (chart->series->len > 1 && i == 0)
            g_string_append_printf (description, "%s: ", series->name);
          /* Translators: a bucket of a timeline ("Mar 2025") and its story count. */
          g_string_append_printf (description, _("%s: %'u"), bucket, p->count);
        }
      first = format_bucket (chart->bucket,
                             g_array_index (series->points, DashTimelinePoint, 0).start);
      last = format_bucket (chart->bucket,
                            g_array_index (series->points, DashTimelinePoint,
                                           series->points->len - 1).start);
      /* Translators: a series of a timeline, its story count, its first and last bucket. */
      summary = g_strdup_printf (ngettext ("%s: %'u story from %s to %s",
                                           "%s: %'u stories from %s to %s", total),
                                 series->name, total, first, last);
      g_string_append_printf (label, s == 0 ? ". %s" : "; %s", summary);
      if (most != NULL && most->count > 0)
        {
          g_autofree char *bucket = format_bucket (chart->bucket, most->start);

          /* Translators: the bucket with the most stories ("Jan 2025") and their count. */
          g_string_append_printf (label, _(", most in %s (%'u)"), bucket, most->count);
        }
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label->str,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
}

void
dash_timeline_view_set_chart (DashTimelineView  *self,
                              DashTimelineChart *chart)
{
  g_return_if_fail (DASH_IS_TIMELINE_VIEW (self));

  g_clear_pointer (&self->chart, dash_timeline_chart_free);
  self->chart = chart;
  self->total = 0;
  self->n_points = 0;
  for (guint s = 0; chart != NULL && s < chart->series->len; s++)
    {
      const DashTimelineSeries *series = g_ptr_array_index (chart->series, s);

      self->n_points += series->points->len;
      for (guint i = 0; i < series->points->len; i++)
        self->total += g_array_index (series->points, DashTimelinePoint, i).count;
    }

  drop_cache (self);
  self->hover = -1;
  self->selected = -1;
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
dash_timeline_view_set_points (DashTimelineView *self,
                               const char       *name,
                               DashBucket        bucket,
                               GArray           *points)
{
  DashTimelineChart *chart;

  g_return_if_fail (DASH_IS_TIMELINE_VIEW (self));

  chart = dash_timeline_chart_new (NULL, bucket);
  if (points != NULL && points->len > 0)
    dash_timeline_chart_add_series (chart, name != NULL ? name : _("Stories"), points);
  dash_timeline_view_set_chart (self, chart);
}

const DashTimelineChart *
dash_timeline_view_get_chart (DashTimelineView *self)
{
  g_return_val_if_fail (DASH_IS_TIMELINE_VIEW (self), NULL);
  return self->chart;
}

guint
dash_timeline_view_get_total (DashTimelineView *self)
{
  g_return_val_if_fail (DASH_IS_TIMELINE_VIEW (self), 0);
  return self->total;
}

/* The chart's style from the theme: the widget's colour and font, the dark palette when
 * the style manager says so, a clear background. */
static void
get_style (DashTimelineView *self,
           DashChartStyle   *style,
           GdkRGBA          *color,
           double           *font_size,
           const char      **font_family)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *desc = pango_context_get_font_description (context);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  double size = 0;

  /* GTK 4.8 has no gtk_widget_get_color (4.10): the style context is the way. */
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), color);

  if (desc != NULL)
    {
      size = pango_font_description_get_size (desc) / (double)PANGO_SCALE;
      if (!pango_font_description_get_size_is_absolute (desc))
        {
          double dpi = pango_cairo_context_get_resolution (context);

          size *= (dpi > 0 ? dpi : 96) / 72.0;
        }
      *font_family = pango_font_description_get_family (desc);
    }
  else
    *font_family = NULL;
  *font_size = size > 0 ? size : 12;

  dash_chart_style_init (style, dark);
  style->foreground = (DashChartColor) { color->red, color->green, color->blue, color->alpha };
  style->background.alpha = 0;
  style->font_size = *font_size;
  style->show_footer = FALSE;
}

static double
get_font_size (DashTimelineView *self)
{
  DashChartStyle style;
  GdkRGBA color;
  double size;
  const char *family;

  get_style (self, &style, &color, &size, &family);
  return size;
}

static int
compare_bars (gconstpointer a,
              gconstpointer b)
{
  const Bar *bar_a = a;
  const Bar *bar_b = b;

  return (bar_a->center > bar_b->center) - (bar_a->center < bar_b->center);
}

/* Where the bars stand, from the same geometry as the drawing. */
static void
compute_bars (DashTimelineView     *self,
              cairo_t              *cr,
              double                width,
              double                height,
              const DashChartStyle *style)
{
  const DashTimelineChart *chart = self->chart;

  g_array_set_size (self->bars, 0);
  self->plot_top = G_MAXDOUBLE;
  self->baseline = 0;
  for (guint s = 0; s < chart->series->len; s++)
    {
      const DashTimelineSeries *series = g_ptr_array_index (chart->series, s);
      guint first = self->bars->len;

      for (guint i = 0; i < series->points->len; i++)
        {
          Bar bar = { s, i, { 0, }, 0, 0 };

          if (!dash_timeline_chart_get_bar (cr, width, height, chart, style, s, i, &bar.rect))
            continue;
          bar.center = bar.rect.x + bar.rect.width / 2;
          bar.half = bar.rect.width / 2;
          self->plot_top = MIN (self->plot_top, bar.rect.y);
          self->baseline = MAX (self->baseline, bar.rect.y + bar.rect.height);
          g_array_append_val (self->bars, bar);
        }
      /* A column reaches halfway to the next bar of the same series. */
      for (guint j = first; j < self->bars->len; j++)
        {
          Bar *bar = &g_array_index (self->bars, Bar, j);
          double gap = G_MAXDOUBLE;

          if (j > first)
            gap = MIN (gap, bar->center - g_array_index (self->bars, Bar, j - 1).center);
          if (j + 1 < self->bars->len)
            gap = MIN (gap, g_array_index (self->bars, Bar, j + 1).center - bar->center);
          if (gap < G_MAXDOUBLE)
            bar->half = MAX (bar->half, gap / 2);
        }
    }
  g_array_sort (self->bars, compare_bars);
}

static gboolean
ensure_cache (DashTimelineView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GtkSnapshot) snapshot = NULL;
  DashChartStyle style;
  GdkRGBA color;
  double font_size;
  const char *font_family;
  cairo_t *cr;

  if (self->chart == NULL || self->n_points == 0 || width <= 0 || height <= 0)
    return FALSE;

  get_style (self, &style, &color, &font_size, &font_family);
  if (self->cache != NULL &&
      self->cache_width == width && self->cache_height == height &&
      gdk_rgba_equal (&self->cache_color, &color) &&
      self->cache_dark == style.dark &&
      self->cache_font_size == font_size &&
      g_strcmp0 (self->cache_font_family, font_family) == 0)
    return TRUE;

  drop_cache (self);
  self->cache_width = width;
  self->cache_height = height;
  self->cache_color = color;
  self->cache_dark = style.dark;
  self->cache_font_size = font_size;
  g_free (self->cache_font_family);
  self->cache_font_family = g_strdup (font_family);
  style.font_family = self->cache_font_family;

  snapshot = gtk_snapshot_new ();
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  dash_timeline_chart_draw (cr, width, height, self->chart, &style);
  compute_bars (self, cr, width, height, &style);
  cairo_destroy (cr);
  self->cache = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  return self->cache != NULL;
}

/* "Mar 2025", @separator, "3 stories", with the series' name when there are several. */
static char *
describe_bar (DashTimelineView *self,
              const Bar        *bar,
              const char       *separator)
{
  const DashTimelineSeries *series = g_ptr_array_index (self->chart->series, bar->series);
  const DashTimelinePoint *point = &g_array_index (series->points, DashTimelinePoint, bar->index);
  g_autofree char *bucket = format_bucket (self->chart->bucket, point->start);
  g_autofree char *count = format_count (point->count);

  if (self->chart->series->len > 1)
    {
      /* Translators: a series' name and its story count in a bucket, "China: 3 stories". */
      g_autofree char *named = g_strdup_printf (_("%s: %s"), series->name, count);

      return g_strdup_printf ("%s%s%s", bucket, separator, named);
    }
  return g_strdup_printf ("%s%s%s", bucket, separator, count);
}

static void
dash_timeline_view_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  DashTimelineView *self = DASH_TIMELINE_VIEW (widget);
  int highlight;

  if (self->chart == NULL || self->n_points == 0)
    {
      /* Text of our own, so that it is translated. */
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, _("No stories"));
      GdkRGBA color;
      int w, h;

      gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
      color.alpha *= 0.55;
      pango_layout_get_pixel_size (layout, &w, &h);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT ((gtk_widget_get_width (widget) - w) / 2,
                                                    (gtk_widget_get_height (widget) - h) / 2));
      gtk_snapshot_append_layout (snapshot, layout, &color);
      gtk_snapshot_restore (snapshot);
      return;
    }

  if (!ensure_cache (self))
    return;
  gtk_snapshot_append_node (snapshot, self->cache);

  /* Only the highlight changes from frame to frame. */
  highlight = self->selected >= 0 ? self->selected : self->hover;
  if (highlight >= 0 && (guint)highlight < self->bars->len)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, highlight);
      GdkRGBA color = self->cache_color;
      double top = self->plot_top - self->cache_font_size * 0.3;

      color.alpha *= 0.12;
      gtk_snapshot_append_color (snapshot, &color,
                                 &GRAPHENE_RECT_INIT (bar->rect.x - 2, top, bar->rect.width + 4,
                                                      self->baseline - top));
    }

  /* GTK 4 has no keyboard tooltips: the chosen bar's count goes at the top right. */
  if (self->selected >= 0 && (guint)self->selected < self->bars->len)
    {
      g_autofree char *text = describe_bar (self, &g_array_index (self->bars, Bar,
                                                                  self->selected), ": ");
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (MAX (0, self->cache_width - w -
                                                               1.5 * self->cache_font_size),
                                                    self->cache_font_size));
      gtk_snapshot_append_layout (snapshot, layout, &self->cache_color);
      gtk_snapshot_restore (snapshot);
    }
}

static int
bar_at (DashTimelineView *self,
        double            x,
        double            y)
{
  int found = -1;
  double best = G_MAXDOUBLE;

  if (self->bars->len == 0)
    return -1;
  if (y < self->plot_top - self->cache_font_size || y > self->baseline + 2 * self->cache_font_size)
    return -1;
  for (guint i = 0; i < self->bars->len; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);
      double distance = fabs (x - bar->center);

      if (distance <= bar->half && distance < best)
        {
          best = distance;
          found = i;
        }
    }
  return found;
}

gboolean
dash_timeline_view_get_bar_at (DashTimelineView *self,
                               double            x,
                               double            y,
                               guint            *series,
                               guint            *index)
{
  int i;

  g_return_val_if_fail (DASH_IS_TIMELINE_VIEW (self), FALSE);

  i = bar_at (self, x, y);
  if (i < 0)
    return FALSE;
  if (series != NULL)
    *series = g_array_index (self->bars, Bar, i).series;
  if (index != NULL)
    *index = g_array_index (self->bars, Bar, i).index;
  return TRUE;
}

static gboolean
dash_timeline_view_query_tooltip (GtkWidget  *widget,
                                  int         x,
                                  int         y,
                                  gboolean    keyboard_mode,
                                  GtkTooltip *tooltip)
{
  DashTimelineView *self = DASH_TIMELINE_VIEW (widget);
  g_autofree char *text = NULL;
  const Bar *bar;
  int i;

  i = keyboard_mode ? self->selected : bar_at (self, x, y);
  if (i < 0 || (guint)i >= self->bars->len)
    return FALSE;

  bar = &g_array_index (self->bars, Bar, i);
  text = describe_bar (self, bar, "\n");
  gtk_tooltip_set_text (tooltip, text);
  /* Moving onto another bar asks again. */
  gtk_tooltip_set_tip_area (tooltip,
                            &(GdkRectangle) { floor (bar->center - bar->half), 0,
                                              ceil (2 * bar->half), gtk_widget_get_height (widget) });
  return TRUE;
}

static void
set_hover (DashTimelineView *self,
           int               hover)
{
  if (self->hover == hover)
    return;
  self->hover = hover;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (DashTimelineView         *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *motion)
{
  set_hover (self, bar_at (self, x, y));
}

static void
leave_cb (DashTimelineView         *self,
          GtkEventControllerMotion *motion)
{
  set_hover (self, -1);
}

static void
pressed_cb (DashTimelineView *self,
            int               n_press,
            double            x,
            double            y,
            GtkGestureClick  *click)
{
  if (!gtk_widget_get_focusable (GTK_WIDGET (self)))
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->selected = bar_at (self, x, y);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
focus_leave_cb (DashTimelineView        *self,
                GtkEventControllerFocus *focus)
{
  if (self->selected < 0)
    return;
  self->selected = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Left and Right step through the bars as drawn, Home and End go to the ends. */
static gboolean
move_cb (GtkWidget *widget,
         GVariant  *args,
         gpointer   user_data)
{
  DashTimelineView *self = DASH_TIMELINE_VIEW (widget);
  int step = g_variant_get_int32 (args);
  int n = self->bars->len;
  int selected;

  if (n == 0)
    return FALSE;
  if (step == G_MININT32)
    selected = 0;
  else if (step == G_MAXINT32)
    selected = n - 1;
  else if (self->selected < 0)
    selected = self->hover >= 0 ? self->hover : step > 0 ? 0 : n - 1;
  else
    selected = CLAMP (self->selected + step, 0, n - 1);

  self->selected = selected;
  gtk_widget_queue_draw (widget);
  gtk_widget_trigger_tooltip_query (widget);
  return TRUE;
}

static void
dash_timeline_view_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  DashTimelineView *self = DASH_TIMELINE_VIEW (widget);
  double size = get_font_size (self);

  if (self->chart == NULL || self->n_points == 0)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, _("No stories"));
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? w : h + (int)size;
      return;
    }

  /* Around the plot go about seven lines: the padding, the legend and the two lines of
   * the time axis; the plot gets about as much. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = ceil (10 * size);
      *natural = ceil (24 * size);
    }
  else
    {
      /* Containers such as GtkFlowBox hand out the minimum height: ask for the whole
       * height the bars need to read, there is no use in a flatter chart. */
      *minimum = *natural = ceil (12 * size);
    }
}

static void
dash_timeline_view_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  DashTimelineView *self = DASH_TIMELINE_VIEW (widget);

  if (width != self->cache_width || height != self->cache_height)
    drop_cache (self);
}

static void
style_changed_cb (DashTimelineView *self)
{
  drop_cache (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
dash_timeline_view_dispose (GObject *object)
{
  DashTimelineView *self = (DashTimelineView *)object;

  g_clear_pointer (&self->cache, gsk_render_node_unref);
  g_clear_pointer (&self->chart, dash_timeline_chart_free);

  G_OBJECT_CLASS (dash_timeline_view_parent_class)->dispose (object);
}

static void
dash_timeline_view_finalize (GObject *object)
{
  DashTimelineView *self = (DashTimelineView *)object;

  g_clear_pointer (&self->bars, g_array_unref);
  g_clear_pointer (&self->cache_font_family, g_free);

  G_OBJECT_CLASS (dash_timeline_view_parent_class)->finalize (object);
}

static void
dash_timeline_view_class_init (DashTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dash_timeline_view_dispose;
  object_class->finalize = dash_timeline_view_finalize;

  widget_class->measure = dash_timeline_view_measure;
  widget_class->size_allocate = dash_timeline_view_size_allocate;
  widget_class->snapshot = dash_timeline_view_snapshot;
  widget_class->query_tooltip = dash_timeline_view_query_tooltip;

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, 0, move_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Left, 0, move_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, 0, move_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Right, 0, move_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Home, 0, move_cb, "i", G_MININT32);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_End, 0, move_cb, "i", G_MAXINT32);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dash_timeline_view_init (DashTimelineView *self)
{
  GtkEventController *controller;
  GtkGesture *click;
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  self->hover = -1;
  self->selected = -1;

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  /* Only where the page makes it focusable (not inside a button). */
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  click = gtk_gesture_click_new ();
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect_object (style_manager, "notify::dark", G_CALLBACK (style_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (style_manager, "notify::high-contrast",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);

  update_accessible (self);
}
