/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "dash-types.h"

G_DEFINE_QUARK (dash-error-quark, dash_error)
