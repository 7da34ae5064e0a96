// SPDX-License-Identifier: GPL-3.0-or-later
//
// The d3-force side of bench/layout-compare: lays out the graph of an edge-list file
// (the format of bench/layout-bench.c: "SOURCE TARGET [WEIGHT]", '#' comments,
// "# nodes N") with d3-force's defaults — forceLink (distance 30, strength
// 1 / min degree), forceManyBody (strength -30, Barnes–Hut theta 0.9), forceCenter,
// the phyllotaxis start — and ticks it by hand, each tick timed, until it has
// converged the way d3's own timer decides: alpha < alphaMin (0.001), 300 ticks with
// the default alphaDecay. Prints the same "layout.name: value" lines as layout-bench.
//
//   node bench/layout-d3.mjs [--positions OUT] [--max-iterations N] EDGES
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { forceCenter, forceLink, forceManyBody, forceSimulation } from 'd3-force';

function usage() {
  process.stderr.write('usage: node layout-d3.mjs [--positions OUT] [--max-iterations N] EDGES\n');
  process.exit(1);
}

let positions = null;
let maxIterations = 10000;
let path = null;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--positions' && i + 1 < args.length)
    positions = args[++i];
  else if (args[i] === '--max-iterations' && i + 1 < args.length)
    maxIterations = Number.parseInt(args[++i], 10);
  else if (path === null && !args[i].startsWith('-'))
    path = args[i];
  else
    usage();
}
if (path === null || !(maxIterations > 0))
  usage();

let nNodes = 0;
let header = false;
const links = [];
readFileSync(path, 'utf8').split('\n').forEach((raw, lineNo) => {
  const line = raw.trim();
  if (line === '')
    return;
  const fields = line.split(/\s+/);
  if (line.startsWith('#')) {
    if (fields[1] === 'nodes' && /^\d+$/.test(fields[2] ?? '')) {
      nNodes = Number(fields[2]);
      header = true;
    }
    return;
  }
  if (fields.length < 2 || !/^\d+$/.test(fields[0]) || !/^\d+$/.test(fields[1])) {
    process.stderr.write(`layout-d3: ${path}:${lineNo + 1}: expected "SOURCE TARGET [WEIGHT]"\n`);
    process.exit(2);
  }
  const source = Number(fields[0]);
  const target = Number(fields[1]);
  if (header && (source >= nNodes || target >= nNodes)) {
    process.stderr.write(`layout-d3: ${path}:${lineNo + 1}: node index beyond the header's ${nNodes}\n`);
    process.exit(2);
  }
  if (!header)
    nNodes = Math.max(nNodes, source + 1, target + 1);
  // Self-loops are dropped, as dash_force_layout_new() does.
  if (source !== target)
    links.push({ source, target });
});

// Timed: building the simulation (node and link initialisation) and every tick.
const start = performance.now();
const nodes = Array.from({ length: nNodes }, (_, index) => ({ index }));
const simulation = forceSimulation(nodes)
  .force('link', forceLink(links))
  .force('charge', forceManyBody())
  .force('center', forceCenter())
  .stop();
const setupMs = performance.now() - start;

const times = [];
while (simulation.alpha() >= simulation.alphaMin() && times.length < maxIterations) {
  const tickStart = performance.now();
  simulation.tick();
  times.push(performance.now() - tickStart);
}
const totalMs = performance.now() - start;
const settled = simulation.alpha() < simulation.alphaMin();

if (positions !== null)
  writeFileSync(positions, nodes.map((n, i) => `${i} ${n.x.toFixed(6)} ${n.y.toFixed(6)}\n`).join(''));

const sum = times.reduce((a, b) => a + b, 0);
const sorted = [...times].sort((a, b) => a - b);
const out = [
  ['tool', 'd3-force'],
  ['nodes', nNodes],
  ['edges', links.length],
  ['iterations', times.length],
  ['settled', settled ? 'yes' : 'no'],
  ['setup_ms', setupMs.toFixed(3)],
  ['ms_per_iteration', (times.length ? sum / times.length : 0).toFixed(3)],
  ['median_iteration_ms', (sorted.length ? sorted[sorted.length >> 1] : 0).toFixed(3)],
  ['total_ms', totalMs.toFixed(3)],
  ['peak_rss_mib', (process.resourceUsage().maxRSS / 1024).toFixed(1)],
];
process.stdout.write(out.map(([k, v]) => `layout.${k}: ${v}\n`).join(''));
