/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The data files the model layer ships (data/gazetteer.json, data/topics.json), built
 * into the library so that the app, the CLI, the tests and the benchmarks find them
 * wherever they run. */
GBytes     *dash_data_lookup          (const char  *name,
                                       GError     **error);

/* iso-codes' ISO 3166-1 JSON file. */
const char *dash_data_get_iso3166_path (void);

G_END_DECLS
