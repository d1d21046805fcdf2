#!/usr/bin/env node
// `npm run bench`: W1-W3 natively, in WASM (Node and headless Chromium) and in plain JS, the figures'
// slider -> repaint latency, the time to the first interactive figure, and the sizes of what a reader
// downloads. Prints one JSON document and then a readable table; with --json, only the JSON (stdout).
// See bench/README.md for what every number means.
//
//   npm run bench                      JSON + table (progress on stderr)
//   npm run --silent bench -- --json   the JSON alone
//   options: --quick (few samples, for trying the bench itself), --no-browser, --no-wasm-core
//
// Needs `npm run build` first (build/native, build/wasm, dist/). Speed is measured here, never asserted.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildNative, buildWasmCore } from './build.mjs';
import { phaseTimer, summary, roundSummary, sig } from './stats.mjs';
import { W3 } from './workloads.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const jsonOnly = args.includes('--json');
const quick = args.includes('--quick');
const noBrowser = args.includes('--no-browser');
const noWasmCore = args.includes('--no-wasm-core');
const started = performance.now();
const log = (msg) => {
  if (!jsonOnly) process.stderr.write(`${msg}\n`);
};

// Reference numbers (snnTorch 0.9.4 on PyTorch CPU, one thread, a machine like this one; Brian2 on W3) and
// the targets, from the benchmark's brief.
const REFERENCE = {
  snntorch_0_9_4: { w1_ms: 13.6, w2_ms: 159, w2_synaptic_ms: 165, w3_updates_per_s: 3.1e8 },
  brian2: { w3_updates_per_s: 7.3e8 },
};

function runJson(cmd, cmdArgs, what) {
  const out = execFileSync(cmd, cmdArgs, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    return JSON.parse(out);
  } catch (e) {
    throw new Error(`${what} did not print JSON: ${out.slice(0, 200)}`);
  }
}

const med = (list) => summary(list).median;
const updatesPerS = (msList, updates) => msList.map((ms) => updates / (ms / 1000));

function fileSize(rel) {
  const file = join(root, rel);
  if (!existsSync(file)) return { bytes: null, gzip_bytes: null };
  const data = readFileSync(file);
  return { bytes: data.length, gzip_bytes: gzipSync(data, { level: 9 }).length };
}

function sizes() {
  const wasm = fileSize('dist/assets/snn.wasm');
  const core = fileSize('dist/assets/snn.min.mjs');
  const app = fileSize('dist/assets/app.js');
  const css = fileSize('dist/assets/style.css');
  const single = fileSize('dist/snn-tutorial.html');
  const jsBytes = core.bytes !== null && app.bytes !== null ? core.bytes + app.bytes : null;
  const jsGzip = core.gzip_bytes !== null && app.gzip_bytes !== null ? core.gzip_bytes + app.gzip_bytes : null;
  return {
    wasm_bytes: wasm.bytes,
    wasm_gzip_bytes: wasm.gzip_bytes,
    js_bytes: jsBytes,
    js_gzip_bytes: jsGzip,
    single_file_bytes: single.bytes,
    single_file_gzip_bytes: single.gzip_bytes,
    parts: { 'snn.wasm': wasm, 'snn.min.mjs': core, 'app.js': app, 'style.css': css, 'snn-tutorial.html': single },
    gzip: 'node:zlib gzip level 9',
  };
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0] ? cpus[0].model : 'unknown',
    cores: cpus.length,
    memory_gib: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    // Other work on the machine skews every number: the 1/5/15-minute load averages when the run started.
    loadavg_start: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

async function main() {
  const result = { date: new Date().toISOString(), machine: machine(), quick, reference: REFERENCE };

  // --------------------------------------------------------------------------------- build + native
  const native = buildNative(root, log);
  let wasmCore = null;
  if (!noWasmCore) {
    try {
      wasmCore = buildWasmCore(root, log);
    } catch (e) {
      // The wasm-core column is a diagnostic: without em++ (or if it fails) the rest still runs.
      log(`bench: wasm-core skipped: ${String(e.message || e).split('\n')[0]}`);
      result.wasm_core_skipped = String(e.message || e).split('\n')[0];
    }
  }
  for (const f of ['build/wasm/dist/snn.node.cjs']) {
    if (!existsSync(join(root, f))) throw new Error(`${f} is missing: run \`npm run build\` first`);
  }
  const qa = quick ? ['--quick'] : [];
  const { phases, lap } = phaseTimer();
  lap('build_s');
  // Back to back: native, the same loops compiled to WASM, then the shipped module in Node.
  log('native: W1, W2, W3');
  const n = runJson(native.binary, qa, 'native_bench');
  lap('native_s');
  let c = null;
  if (wasmCore) {
    log('wasm-core (the same C++ bench compiled by em++): W1, W2, W3');
    // --no-liftoff: TurboFan code from the start. Node 20's V8 leaves some long-running loops of this
    // program (timed from one long main()) in its baseline tier for seconds, which measured the baseline
    // compiler, not the core; the shipped module in Node measured the same with and without the flag.
    c = runJson(process.execPath, ['--no-liftoff', wasmCore.script, ...qa], 'wasm_core_bench');
  }
  lap('wasm_core_s');
  log('WASM module in Node + plain JS: W1, W2, W3');
  const w = runJson(process.execPath, [join(root, 'bench/node-bench.mjs'), ...qa], 'node-bench');
  lap('node_s');
  // W3's WASM/native ratio in paired rounds: a fresh native process and a fresh Node process, one right
  // after the other (order alternating), each timing advance() alone. The single pass above runs native
  // and Node half a minute apart, and on this VM native swings 4.2-5.6e9 from run to run, in one process
  // as between processes: the median of the rounds' ratios leans on no single run.
  const pairRounds = [];
  for (let r = 0; r < (quick ? 2 : 5); r++) {
    const side = {};
    const sides = [
      ['native', () => runJson(native.binary, ['--w3-pair', quick ? '3' : '5'], 'native_bench --w3-pair')],
      ['wasm', () => runJson(process.execPath, [join(root, 'bench/node-bench.mjs'), '--w3-pair', quick ? '3' : '5'], 'node-bench --w3-pair')],
    ];
    if (r % 2 === 1) sides.reverse();
    for (const [name, run] of sides) side[name] = med(updatesPerS(run().w3_advance_ms, W3.neurons * W3.steps));
    pairRounds.push({ native_updates_per_s: sig(side.native, 3), wasm_updates_per_s: sig(side.wasm, 3), wasm_over_native: sig(side.native / side.wasm, 3) });
  }
  lap('w3_pairs_s');
  result.toolchain = { native: native.command, native_compiler: native.compiler, wasm_core: wasmCore ? wasmCore.command : null, wasm_core_compiler: wasmCore ? wasmCore.compiler : null, wasm_core_node_flags: ['--no-liftoff'] };

  // ------------------------------------------------------------------------------------------- W1
  const s = {};
  s.w1 = {
    native_ms: summary(n.w1.run_ms),
    wasm_ms: summary(w.w1.run_ms),
    js_ms: summary(w.w1.js_ms),
    wasm_core_ms: c ? summary(c.w1.run_ms) : null,
    native_scenario_ms: summary(n.w1.scenario_ms),
    wasm_scenario_ms: summary(w.w1.scenario_ms),
  };
  result.w1 = {
    native_ms: sig(s.w1.native_ms.median),
    wasm_ms: sig(s.w1.wasm_ms.median),
    js_ms: sig(s.w1.js_ms.median),
    wasm_core_ms: c ? sig(s.w1.wasm_core_ms.median) : null,
    native_scenario_ms: sig(s.w1.native_scenario_ms.median),
    wasm_scenario_ms: sig(s.w1.wasm_scenario_ms.median),
    wasm_over_native: sig(s.w1.wasm_ms.median / s.w1.native_ms.median, 3),
    js_over_wasm: sig(s.w1.js_ms.median / s.w1.wasm_ms.median, 3),
    speedup_vs_snntorch: sig(REFERENCE.snntorch_0_9_4.w1_ms / s.w1.wasm_ms.median, 3),
    js_matches_wasm: w.w1.js_matches_wasm,
    same_trace_everywhere: n.w1.hash === w.w1.hash && (!c || c.w1.hash === n.w1.hash),
    trace_hash: w.w1.hash,
  };

  // ------------------------------------------------------------------------------------------- W2
  for (const key of ['w2', 'w2_synaptic']) {
    s[key] = {
      native_ms: summary(n[key].run_ms),
      wasm_ms: summary(w[key].run_ms),
      js_ms: summary(w[key].js_ms),
      wasm_core_ms: c ? summary(c[key].run_ms) : null,
      native_scenario_ms: summary(n[key].scenario_ms),
      wasm_scenario_ms: summary(w[key].scenario_ms),
    };
    const ref = key === 'w2' ? REFERENCE.snntorch_0_9_4.w2_ms : REFERENCE.snntorch_0_9_4.w2_synaptic_ms;
    result[key] = {
      native_ms: sig(s[key].native_ms.median),
      wasm_ms: sig(s[key].wasm_ms.median),
      js_ms: sig(s[key].js_ms.median),
      wasm_core_ms: c ? sig(s[key].wasm_core_ms.median) : null,
      native_scenario_ms: sig(s[key].native_scenario_ms.median),
      wasm_scenario_ms: sig(s[key].wasm_scenario_ms.median),
      wasm_over_native: sig(s[key].wasm_ms.median / s[key].native_ms.median, 3),
      wasm_core_over_native: c ? sig(s[key].wasm_core_ms.median / s[key].native_ms.median, 3) : null,
      js_over_wasm: sig(s[key].js_ms.median / s[key].wasm_ms.median, 3),
      speedup_vs_snntorch: sig(ref / s[key].wasm_ms.median, 3),
      js_matches_wasm: w[key].js_matches_wasm,
      same_trace_everywhere: n[key].hash === w[key].hash && (!c || c[key].hash === n[key].hash),
      trace_hash: w[key].hash,
    };
  }

  // ------------------------------------------------------------------------------------------- W3
  const updates = W3.neurons * W3.steps;
  s.w3 = {
    // The headline numbers: the population advanced 1000 steps in one call (NeuronLayer::advance natively,
    // Leaky.advance() through the JS API), spikes counted.
    native_updates_per_s: summary(updatesPerS(n.w3.advance_ms, updates)),
    wasm_updates_per_s: summary(updatesPerS(w.w3.advance_ms, updates)),
    // Step by step: 1000 calls of step() (native) or of the raw handle's step() (WASM).
    native_step_updates_per_s: summary(updatesPerS(n.w3.ms, updates)),
    wasm_step_updates_per_s: summary(updatesPerS(w.w3.ms, updates)),
    js_updates_per_s: summary(updatesPerS(w.w3.js_ms, updates)),
    wasm_core_updates_per_s: c ? summary(updatesPerS(c.w3.advance_ms || c.w3.ms, updates)) : null,
    wasm_api_run_updates_per_s: summary(updatesPerS(w.w3.api_run_ms, W3.neurons * w.w3.api_run_steps)),
    native_check_input_ms: summary(n.w3.check_input_ms),
    wasm_core_check_input_ms: c ? summary(c.w3.check_input_ms) : null,
  };
  const m = (k) => s.w3[k] && s.w3[k].median;
  result.w3 = {
    neurons: W3.neurons,
    steps: W3.steps,
    native_updates_per_s: sig(m('native_updates_per_s'), 3),
    wasm_updates_per_s: sig(m('wasm_updates_per_s'), 3),
    native_step_updates_per_s: sig(m('native_step_updates_per_s'), 3),
    wasm_step_updates_per_s: sig(m('wasm_step_updates_per_s'), 3),
    js_updates_per_s: sig(m('js_updates_per_s'), 3),
    wasm_core_updates_per_s: c ? sig(m('wasm_core_updates_per_s'), 3) : null,
    wasm_api_run_updates_per_s: sig(m('wasm_api_run_updates_per_s'), 3),
    // Time ratios: > 1 means the first is slower. WASM/native: the median of the paired rounds' ratios
    // (wasm_over_native_pairs); wasm_over_native_single_pass divides the two medians above.
    wasm_over_native: sig(med(pairRounds.map((p) => p.wasm_over_native)), 3),
    wasm_over_native_single_pass: sig(m('native_updates_per_s') / m('wasm_updates_per_s'), 3),
    wasm_over_native_pairs: pairRounds,
    wasm_core_over_native: c ? sig(m('native_updates_per_s') / m('wasm_core_updates_per_s'), 3) : null,
    js_over_wasm: sig(m('wasm_updates_per_s') / m('js_updates_per_s'), 3),
    speedup_vs_snntorch: sig(m('wasm_updates_per_s') / REFERENCE.snntorch_0_9_4.w3_updates_per_s, 3),
    // What the binding's per-step input check (checkInputValues over 100,000 values) costs, per 1000 steps.
    check_input_ms_per_1000_steps: { native: sig(m('native_check_input_ms')), wasm_core: c ? sig(m('wasm_core_check_input_ms')) : null },
    js_matches_wasm: w.w3.js_matches_wasm,
    // Stepped and advanced, native and WASM: the same final membranes; and the same spike counts.
    same_state_everywhere: n.w3.mem_hash === w.w3.mem_hash && n.w3.advance_mem_hash === n.w3.mem_hash &&
      w.w3.advance_mem_hash === n.w3.mem_hash && (!c || c.w3.mem_hash === n.w3.mem_hash),
    same_spike_counts: n.w3.advance_spikes === w.w3.advance_spikes,
    spikes_in_1000_steps: w.w3.advance_spikes,
    mem_hash: w.w3.mem_hash,
    spikes_last_step: w.w3.spikes_last_step,
  };

  // -------------------------------------------------------------------------------------- browser
  if (!noBrowser) {
    const { runBrowser } = await import('./browser.mjs');
    const b = await runBrowser({ distDir: join(root, 'dist'), quick, log });
    lap('browser_s');
    Object.assign(phases, Object.fromEntries(Object.entries(b.phases).map(([k, v]) => [`browser_${k}`, v])));
    s.browser = {
      w3_updates_per_s: summary(updatesPerS(b.w3.advance_ms, updates)),
      w3_step_updates_per_s: summary(updatesPerS(b.w3.ms, updates)),
      w3_js_updates_per_s: summary(updatesPerS(b.w3.js_ms, updates)),
      w3_api_run_updates_per_s: summary(updatesPerS(b.w3.api_run_ms, W3.neurons * b.w3.api_run_steps)),
      first_figure_ms: summary(b.first.samples),
      w1_ms: summary(b.w1.ms),
      w1_js_ms: summary(b.w1.js_ms),
      w2_ms: summary(b.w2.ms),
      w2_js_ms: summary(b.w2.js_ms),
      w2_synaptic_ms: summary(b.w2_synaptic.ms),
      w2_synaptic_js_ms: summary(b.w2_synaptic.js_ms),
    };
    const fig = b.figures.filter((f) => f.p95_ms !== null);
    result.browser = {
      chromium: b.version,
      w3_updates_per_s: sig(s.browser.w3_updates_per_s.median, 3),
      w3_step_updates_per_s: sig(s.browser.w3_step_updates_per_s.median, 3),
      w3_js_updates_per_s: sig(s.browser.w3_js_updates_per_s.median, 3),
      w3_api_run_updates_per_s: sig(s.browser.w3_api_run_updates_per_s.median, 3),
      w3_js_matches_wasm: b.w3.js_matches_wasm,
      // W1 and W2 through the page's own API (Lapicque.run, Network.run) and their plain-JS baselines.
      w1_ms: sig(s.browser.w1_ms.median),
      w1_js_ms: sig(s.browser.w1_js_ms.median),
      w2_ms: sig(s.browser.w2_ms.median),
      w2_js_ms: sig(s.browser.w2_js_ms.median),
      w2_synaptic_ms: sig(s.browser.w2_synaptic_ms.median),
      w2_synaptic_js_ms: sig(s.browser.w2_synaptic_js_ms.median),
      w1_js_matches_wasm: b.w1.js_matches_wasm,
      w2_js_matches_wasm: b.w2.js_matches_wasm,
      w2_synaptic_js_matches_wasm: b.w2_synaptic.js_matches_wasm,
      figures: b.figures,
      figures_worst_p95_ms: fig.length ? Math.max(...fig.map((f) => f.p95_ms)) : null,
      first_figure_ms: sig(s.browser.first_figure_ms.median),
      first_figure: { ...roundSummary(s.browser.first_figure_ms), first_run: b.first.detail },
      // A page of figures at the core's limits (workloads.mjs HEAVY_FIGURES), simulated in the worker.
      heavy: b.heavy,
      page_errors: b.errors,
    };
  }

  result.sizes = sizes();

  // -------------------------------------------------------------------------------------- targets
  const t = [];
  const target = (name, value, op, limit, unit) => t.push({ name, value, target: `${op} ${limit}${unit ? ` ${unit}` : ''}`, met: value === null || value === undefined ? null : op === '<=' ? value <= limit : value >= limit });
  target('W3 WASM neuron updates/s (Node, shipped module)', result.w3.wasm_updates_per_s, '>=', 2.5e9, '/s');
  target('W3 WASM/native time ratio', result.w3.wasm_over_native, '<=', 1.3, '');
  target('W2 WASM ms (Node, JS API Network.run)', result.w2.wasm_ms, '<=', 3, 'ms');
  target('W1 WASM ms (Node, JS API Lapicque.run)', result.w1.wasm_ms, '<=', 0.05, 'ms');
  if (result.browser) {
    target('slider -> repaint p95, worst figure (drag)', result.browser.figures_worst_p95_ms, '<=', 16, 'ms');
    target('first interactive figure (file://)', result.browser.first_figure_ms, '<=', 500, 'ms');
    target('longest script, page of figures at the limits', result.browser.heavy.longest_script_ms, '<=', 50, 'ms');
  }
  target('single file bytes', result.sizes.single_file_bytes, '<=', 1e6, 'bytes');
  result.targets = t;
  result.stats = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Object.fromEntries(Object.entries(v).filter(([, x]) => x).map(([kk, x]) => [kk, roundSummary(x)]))]));
  result.elapsed_s = Math.round((performance.now() - started) / 100) / 10;
  result.phases = phases;
  result.machine.loadavg_end = os.loadavg().map((x) => Math.round(x * 100) / 100);

  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  if (!jsonOnly) process.stdout.write(`\n${table(result)}\n`);
}

// ------------------------------------------------------------------------------------------- table
function fmt(x, unit = '') {
  if (x === null || x === undefined) return '-';
  if (typeof x === 'boolean') return x ? 'yes' : 'NO';
  if (Math.abs(x) >= 1e6) return `${x.toExponential(2)}${unit}`;
  return `${Number(x.toPrecision(3))}${unit}`;
}

function table(r) {
  const rows = [];
  const line = (cells, widths) => cells.map((cell, i) => String(cell).padEnd(widths[i])).join('  ').trimEnd();
  const section = (title, header, body) => {
    const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => String(b[i]).length)));
    rows.push('', title, line(header, widths), widths.map((w) => '-'.repeat(w)).join('  '));
    for (const b of body) rows.push(line(b, widths));
  };
  const b = r.browser || {};
  section('Workloads (medians; time ratios > 1 mean slower)', ['workload', 'native', 'wasm (Node)', 'wasm (Chromium)', 'wasm-core', 'plain JS (Node)', 'plain JS (Chromium)', 'wasm/native', 'JS/wasm', 'snnTorch 0.9.4'], [
    ['W1 Lapicque 200 steps (ms)', fmt(r.w1.native_ms), fmt(r.w1.wasm_ms), fmt(b.w1_ms), fmt(r.w1.wasm_core_ms), fmt(r.w1.js_ms), fmt(b.w1_js_ms), fmt(r.w1.wasm_over_native), fmt(r.w1.js_over_wasm), REFERENCE.snntorch_0_9_4.w1_ms],
    ['W1 via runScenario (ms)', fmt(r.w1.native_scenario_ms), fmt(r.w1.wasm_scenario_ms), '-', '-', '-', '-', '-', '-', '-'],
    ['W2 Leaky 784-1000-10 (ms)', fmt(r.w2.native_ms), fmt(r.w2.wasm_ms), fmt(b.w2_ms), fmt(r.w2.wasm_core_ms), fmt(r.w2.js_ms), fmt(b.w2_js_ms), fmt(r.w2.wasm_over_native), fmt(r.w2.js_over_wasm), REFERENCE.snntorch_0_9_4.w2_ms],
    ['W2 Synaptic (ms)', fmt(r.w2_synaptic.native_ms), fmt(r.w2_synaptic.wasm_ms), fmt(b.w2_synaptic_ms), fmt(r.w2_synaptic.wasm_core_ms), fmt(r.w2_synaptic.js_ms), fmt(b.w2_synaptic_js_ms), fmt(r.w2_synaptic.wasm_over_native), fmt(r.w2_synaptic.js_over_wasm), REFERENCE.snntorch_0_9_4.w2_synaptic_ms],
    ['W2 via runScenario (ms)', fmt(r.w2.native_scenario_ms), fmt(r.w2.wasm_scenario_ms), '-', '-', '-', '-', '-', '-', '-'],
    ['W3 100k Leaky x 1000, advance (updates/s)', fmt(r.w3.native_updates_per_s), fmt(r.w3.wasm_updates_per_s), fmt(b.w3_updates_per_s), fmt(r.w3.wasm_core_updates_per_s), fmt(r.w3.js_updates_per_s), fmt(b.w3_js_updates_per_s), fmt(r.w3.wasm_over_native), fmt(r.w3.js_over_wasm), '3.1e8 (Brian2 7.3e8)'],
    ['W3 step by step (updates/s)', fmt(r.w3.native_step_updates_per_s), fmt(r.w3.wasm_step_updates_per_s), fmt(b.w3_step_updates_per_s), '-', '-', '-', fmt(r.w3.native_step_updates_per_s / r.w3.wasm_step_updates_per_s), '-', '-'],
    ['W3 via Leaky.run() API (updates/s)', '-', fmt(r.w3.wasm_api_run_updates_per_s), fmt(b.w3_api_run_updates_per_s), '-', '-', '-', '-', '-', '-'],
  ]);
  rows.push(`checks: same traces native/WASM: W1 ${fmt(r.w1.same_trace_everywhere)}, W2 ${fmt(r.w2.same_trace_everywhere)}, W2 Synaptic ${fmt(r.w2_synaptic.same_trace_everywhere)}, W3 ${fmt(r.w3.same_state_everywhere)}; plain JS = WASM bit for bit: W1 ${fmt(r.w1.js_matches_wasm)}, W2 ${fmt(r.w2.js_matches_wasm)}, W2 Synaptic ${fmt(r.w2_synaptic.js_matches_wasm)}, W3 ${fmt(r.w3.js_matches_wasm)}${r.browser ? `; in Chromium: W1 ${fmt(b.w1_js_matches_wasm)}, W2 ${fmt(b.w2_js_matches_wasm)}, W2 Synaptic ${fmt(b.w2_synaptic_js_matches_wasm)}, W3 ${fmt(b.w3_js_matches_wasm)}` : ''}`);
  rows.push(`W3 WASM/native (the table's ratio): median of ${r.w3.wasm_over_native_pairs.length} paired rounds ${r.w3.wasm_over_native_pairs.map((p) => fmt(p.wasm_over_native)).join(', ')}; the single pass's medians give ${fmt(r.w3.wasm_over_native_single_pass)}`);
  if (r.browser) {
    rows.push('', `Chromium ${b.chromium} (its column above: the page's window.snnReady API, and the page's own copy of the module for W3 step by step); first interactive figure (file://) ${fmt(b.first_figure_ms)} ms`);
    section('Slider -> repaint (ms), first range control of each figure', ['figure', 'control', 'drag p50', 'drag p95', 'work p95', 'changes', 'synthetic p50', 'synthetic p95'],
      b.figures.map((f) => [f.id, f.control || '-', fmt(f.p50_ms), fmt(f.p95_ms), fmt(f.work_p95_ms), f.changes ?? '-', fmt(f.synthetic && f.synthetic.p50_ms), fmt(f.synthetic && f.synthetic.p95_ms)]));
    const h = b.heavy;
    rows.push('', `Figures at the limits (bench/workloads.mjs HEAVY_FIGURES), simulated in the worker: longest script of the page ${fmt(h.longest_script_ms)} ms (${h.longest_script || '-'}), longest task ${fmt(h.longest_task_ms)} ms (rendering included), latest click ${fmt(h.click_max_ms)} ms of ${h.clicks}; set() to drawn, the time the page would have been held on its main thread: ${Object.entries(h.rerun_ms).map(([id, ms]) => `${id} ${fmt(ms)} ms`).join(', ')}`);
  }
  const z = r.sizes;
  section('Sizes', ['file', 'bytes', 'gzip'], [
    ['snn.wasm', z.wasm_bytes, z.wasm_gzip_bytes],
    ['JS (snn.min.mjs + app.js)', z.js_bytes, z.js_gzip_bytes],
    ['dist/snn-tutorial.html', z.single_file_bytes, z.single_file_gzip_bytes],
  ]);
  section('Targets', ['target', 'measured', 'goal', 'met'], r.targets.map((x) => [x.name, fmt(x.value), x.target, x.met === null ? '-' : x.met ? 'yes' : 'no']));
  rows.push('', `${r.date}, ${r.machine.cpu}, ${r.machine.cores} cores, load average ${r.machine.loadavg_start[0]} at start and ${r.machine.loadavg_end[0]} at end; ${r.elapsed_s} s${r.quick ? ' (--quick: few samples)' : ''}`);
  return rows.join('\n');
}

main().catch((e) => {
  process.stderr.write(`bench: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
