/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dash-chart.h"
#include "dash-chart-export.h"
#include "dash-force-layout.h"
#include "dash-graph-chart.h"
#include "dash-timeline-chart.h"
