/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dash-charts.h"

G_BEGIN_DECLS

#define DASH_TYPE_EXPORT_DIALOG (dash_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DashExportDialog, dash_export_dialog, DASH, EXPORT_DIALOG, AdwWindow)

/* Export of the chart a user sees: as a PNG (size and scale chosen), SVG or PDF image
 * drawn by the same code as on screen, with the title, the legend and the provenance
 * written under it and into the file's metadata; or the data behind it as CSV or JSON,
 * and a graph as GEXF or GraphML too. Copy Image puts the PNG on the clipboard.
 *
 * The dialog keeps its own copy of a timeline; a graph is asked of @graph_source (a
 * DashGraphPage) when the user exports, so that its layout is the one on screen. */
DashExportDialog *dash_export_dialog_new_for_timeline (GtkWindow               *parent,
                                                       const DashTimelineChart *chart,
                                                       const char              *title,
                                                       const DashChartProvenance *provenance);
DashExportDialog *dash_export_dialog_new_for_graph    (GtkWindow               *parent,
                                                       GtkWidget               *graph_source);

/* The bytes of the file as Export would write it, in the format chosen: for tests and
 * for the clipboard. NULL with @error when the chart cannot be rendered. */
GBytes           *dash_export_dialog_render           (DashExportDialog        *self,
                                                       GError                 **error);
/* Chooses a format by its name ("png", "svg", "pdf", "csv", "json", "gexf", "graphml");
 * FALSE when the dialog does not offer it. */
gboolean          dash_export_dialog_set_format       (DashExportDialog        *self,
                                                       const char              *name);
/* Writes the chosen format to @file, as the file chooser's answer does. */
gboolean          dash_export_dialog_save             (DashExportDialog        *self,
                                                       GFile                   *file,
                                                       GError                 **error);

G_END_DECLS
