/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "dash-export-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dash-export-dialog.h"
#include "dash-graph-page.h"

typedef struct {
  const char *name;        /* as the CLI's --format */
  const char *label;
  const char *mime_type;
  gboolean    image;
  gboolean    graph_only;
} Format;

static const Format formats[] = {
  { "png", N_("PNG Image"), "image/png", TRUE, FALSE },
  { "svg", N_("SVG Image"), "image/svg+xml", TRUE, FALSE },
  { "pdf", N_("PDF Document"), "application/pdf", TRUE, FALSE },
  { "csv", N_("CSV Data"), "text/csv", FALSE, FALSE },
  { "json", N_("JSON Data"), "application/json", FALSE, FALSE },
  { "gexf", N_("GEXF Graph (Gephi)"), "application/xml", FALSE, TRUE },
  { "graphml", N_("GraphML Graph"), "application/xml", FALSE, TRUE },
};

struct _DashExportDialog
{
  AdwWindow             parent_instance;

  DashTimelineChart    *timeline;       /* owned copy, or NULL for a graph */
  GtkWidget            *graph_source;   /* DashGraphPage, or NULL for a timeline */
  char                 *basename;       /* file name without extension */
  GArray               *offered;        /* guint indexes into formats[] */
  GtkFileChooserNative *chooser;

  /* Template children. */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  AdwComboRow          *format_row;
  AdwActionRow         *width_row;
  AdwActionRow         *height_row;
  GtkSpinButton        *width_spin;
  GtkSpinButton        *height_spin;
  AdwComboRow          *scale_row;
};

G_DEFINE_FINAL_TYPE (DashExportDialog, dash_export_dialog, ADW_TYPE_WINDOW)

static const Format *
chosen_format (DashExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->format_row);

  if (selected >= self->offered->len)
    return &formats[0];
  return &formats[g_array_index (self->offered, guint, selected)];
}

static void
show_toast (DashExportDialog *self,
            const char       *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static void
format_changed_cb (DashExportDialog *self)
{
  const Format *format = chosen_format (self);

  /* Data has no size; a scale only means something for pixels. */
  gtk_widget_set_visible (GTK_WIDGET (self->width_row), format->image);
  gtk_widget_set_visible (GTK_WIDGET (self->height_row), format->image);
  gtk_widget_set_visible (GTK_WIDGET (self->scale_row), g_str_equal (format->name, "png"));
}

gboolean
dash_export_dialog_set_format (DashExportDialog *self,
                               const char       *name)
{
  g_return_val_if_fail (DASH_IS_EXPORT_DIALOG (self), FALSE);

  for (guint i = 0; i < self->offered->len; i++)
    if (g_str_equal (formats[g_array_index (self->offered, guint, i)].name, name))
      {
        adw_combo_row_set_selected (self->format_row, i);
        return TRUE;
      }
  return FALSE;
}

/* The graph as shown, but whole and with nothing singled out. */
static const DashGraphChart *
current_graph (DashExportDialog *self,
               DashGraphChart   *copy,
               GError          **error)
{
  const DashGraphChart *chart = NULL;

  if (self->graph_source != NULL)
    chart = dash_graph_page_get_chart (DASH_GRAPH_PAGE (self->graph_source));
  if (chart == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The graph is not ready yet"));
      return NULL;
    }
  *copy = *chart;
  copy->zoom = 1;
  copy->pan_x = copy->pan_y = 0;
  copy->highlight = -1;
  copy->selected = -1;
  copy->raster_scale = 0;
  return copy;
}

GBytes *
dash_export_dialog_render (DashExportDialog  *self,
                           GError           **error)
{
  const Format *format;
  DashChartStyle style;
  DashGraphChart graph_copy;
  const DashGraphChart *graph = NULL;
  double width, height, scale;
  g_autofree char *text = NULL;

  g_return_val_if_fail (DASH_IS_EXPORT_DIALOG (self), NULL);

  format = chosen_format (self);
  width = gtk_spin_button_get_value (self->width_spin);
  height = gtk_spin_button_get_value (self->height_spin);
  scale = adw_combo_row_get_selected (self->scale_row) + 1;
  /* Published charts stand on white, whatever the desktop's style. */
  dash_chart_style_init (&style, FALSE);

  if (self->timeline == NULL && (graph = current_graph (self, &graph_copy, error)) == NULL)
    return NULL;

  if (format->image)
    {
      DashChartFormat chart_format = dash_chart_format_from_string (format->name);

      if (graph != NULL)
        return dash_graph_chart_render (graph, chart_format, width, height, scale, &style,
                                        error);
      return dash_timeline_chart_render (self->timeline, chart_format, width, height, scale,
                                         &style, error);
    }

  if (graph != NULL)
    text = dash_graph_chart_to_data (graph, dash_data_format_from_string (format->name), error);
  else
    text = dash_timeline_chart_to_data (self->timeline,
                                        dash_data_format_from_string (format->name), error);
  if (text == NULL)
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&text), strlen (text));
}

gboolean
dash_export_dialog_save (DashExportDialog  *self,
                         GFile             *file,
                         GError           **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (DASH_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = dash_export_dialog_render (self, error);
  if (bytes == NULL)
    return FALSE;
  return g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL,
                                  error);
}

static void
chooser_response_cb (DashExportDialog     *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = NULL;

      if (dash_export_dialog_save (self, file, &error))
        /* Translators: after an export; %s is the file's name. */
        message = g_strdup_printf (_("Saved as “%s”"), name);
      else
        /* Translators: %s is the file's name, then what went wrong. */
        message = g_strdup_printf (_("Cannot save “%s”: %s"), name, error->message);
      show_toast (self, message);
    }
  if (self->chooser == chooser)
    g_clear_object (&self->chooser);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DashExportDialog *self = DASH_EXPORT_DIALOG (widget);
  const Format *format = chosen_format (self);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = g_strdup_printf ("%s.%s", self->basename, format->name);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export Chart"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _(format->label));
  gtk_file_filter_add_mime_type (filter, format->mime_type);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DashExportDialog *self = DASH_EXPORT_DIALOG (widget);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (self->format_row);

  /* The clipboard takes the chart as a PNG image, whatever format is chosen. */
  dash_export_dialog_set_format (self, "png");
  png = dash_export_dialog_render (self, &error);
  adw_combo_row_set_selected (self->format_row, selected);
  if (png != NULL)
    texture = gdk_texture_new_from_bytes (png, &error);
  if (texture == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
  show_toast (self, _("Chart copied as an image"));
}

/* Offers the formats that suit the chart, and names the file after its title. */
static void
setup (DashExportDialog *self,
       const char       *title,
       gboolean          graph)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GString) name = g_string_new (NULL);
  gboolean dash = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (graph || !formats[i].graph_only)
      {
        g_array_append_val (self->offered, i);
        gtk_string_list_append (labels, _(formats[i].label));
      }
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->format_row, 0);
  format_changed_cb (self);

  if (title != NULL)
    adw_window_title_set_subtitle (self->window_title, title);

  /* "Trade war: stories per month" → "trade-war-stories-per-month". */
  for (const char *p = title != NULL ? title : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        {
          if (dash && name->len > 0)
            g_string_append_c (name, '-');
          g_string_append_unichar (name, g_unichar_tolower (c));
          dash = FALSE;
        }
      else
        dash = TRUE;
    }
  self->basename = name->len > 0 ? g_strndup (name->str, 80)
                                 : g_strdup (graph ? "entity-graph" : "timeline");
  if (graph)
    {
      gtk_spin_button_set_value (self->width_spin, 1000);
      gtk_spin_button_set_value (self->height_spin, 800);
    }
}

DashExportDialog *
dash_export_dialog_new_for_timeline (GtkWindow                 *parent,
                                     const DashTimelineChart   *chart,
                                     const char                *title,
                                     const DashChartProvenance *provenance)
{
  DashExportDialog *self;

  g_return_val_if_fail (chart != NULL, NULL);

  self = g_object_new (DASH_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->timeline = dash_timeline_chart_new (title, chart->bucket);
  for (guint i = 0; i < chart->series->len; i++)
    {
      const DashTimelineSeries *series = g_ptr_array_index (chart->series, i);

      dash_timeline_chart_add_series (self->timeline, series->name, series->points);
    }
  for (guint i = 0; chart->marks != NULL && i < chart->marks->len; i++)
    {
      const DashTimelineMark *mark = &g_array_index (chart->marks, DashTimelineMark, i);

      dash_timeline_chart_add_mark (self->timeline, mark->start, mark->end, mark->label);
    }
  dash_timeline_chart_set_style (self->timeline, chart->style);
  /* What is shown on screen, zoomed or not. */
  dash_timeline_chart_set_range (self->timeline, chart->range_start, chart->range_end);
  if (provenance != NULL)
    dash_timeline_chart_set_provenance (self->timeline, provenance);
  setup (self, title, FALSE);
  return self;
}

DashExportDialog *
dash_export_dialog_new_for_graph (GtkWindow *parent,
                                  GtkWidget *graph_source)
{
  DashExportDialog *self;
  const DashGraphChart *chart;

  g_return_val_if_fail (DASH_IS_GRAPH_PAGE (graph_source), NULL);

  self = g_object_new (DASH_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->graph_source = g_object_ref (graph_source);
  chart = dash_graph_page_get_chart (DASH_GRAPH_PAGE (graph_source));
  setup (self, chart != NULL ? chart->title : NULL, TRUE);
  return self;
}

static void
dash_export_dialog_dispose (GObject *object)
{
  DashExportDialog *self = (DashExportDialog *)object;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_clear_object (&self->graph_source);

  G_OBJECT_CLASS (dash_export_dialog_parent_class)->dispose (object);
}

static void
dash_export_dialog_finalize (GObject *object)
{
  DashExportDialog *self = (DashExportDialog *)object;

  g_clear_pointer (&self->timeline, dash_timeline_chart_free);
  g_clear_pointer (&self->basename, g_free);
  g_clear_pointer (&self->offered, g_array_unref);

  G_OBJECT_CLASS (dash_export_dialog_parent_class)->finalize (object);
}

static void
dash_export_dialog_class_init (DashExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dash_export_dialog_dispose;
  object_class->finalize = dash_export_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Dashboard/dash-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DashExportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DashExportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, DashExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, DashExportDialog, width_row);
  gtk_widget_class_bind_template_child (widget_class, DashExportDialog, height_row);
  gtk_widget_class_bind_template_child (widget_class, DashExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, DashExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, DashExportDialog, scale_row);
  gtk_widget_class_bind_template_callback (widget_class, format_changed_cb);

  gtk_widget_class_install_action (widget_class, "export.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "export.copy", NULL, copy_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dash_export_dialog_init (DashExportDialog *self)
{
  self->offered = g_array_new (FALSE, FALSE, sizeof (guint));
  gtk_widget_init_template (GTK_WIDGET (self));
}
