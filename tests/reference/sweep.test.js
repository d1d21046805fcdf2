// The real snnTorch 0.9.4 against the core: sweep.py draws about 1200 Scenarios from a fixed seed and runs
// each through snnTorch; this file runs the same Scenario texts through the core four ways and compares the
// float32 bits of every recorded array (and of the encoders' input) with snnTorch's:
//   native       the native core's bits: `snn hash` (FNV-1a of every array's bits) against the same hash of
//                snnTorch's arrays; only when they differ is `snn run` read to say where (its -0.0 spikes
//                printed as 0 and its nulls settled by hashing the candidates)
//   snn run      what `snn run --with-input` prints, read as it stands (a null agrees with inf or NaN)
//   wasm         runScenario with the JSON text
//   wasm object  runScenario with the parsed object, as a page passes a Scenario
// Every difference fails the test; the report says which are the known ones (README.md here).
//
// Environment: SNN_PYTHON (default /usr/bin/python3), SNN_REFERENCE_DIR (default
// ../shared/reference/snntorch-0.9.4 beside the checkout), SNN_SWEEP_SEED, SNN_SWEEP_ENABLE (see
// sweep.py's PENDING). The full report goes to test-output/reference-sweep.txt.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSnn } from 'snn-tutorial';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');
const cli = join(repoRoot, 'build/native/snn');
const python = process.env.SNN_PYTHON || '/usr/bin/python3';
const referenceDir = process.env.SNN_REFERENCE_DIR || resolve(repoRoot, '../shared/reference/snntorch-0.9.4');
const reportPath = join(repoRoot, 'test-output/reference-sweep.txt');
const DETAIL_PER_ARRAY = 3; // elements listed for each differing array (the count says how many differ)

// ------------------------------------------------------------------------------------------- bits
const hex = (u) => '0x' + (u >>> 0).toString(16).padStart(8, '0');
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const valueOf = (bits) => {
  u32[0] = bits;
  return Object.is(f32[0], -0) ? '-0' : String(f32[0]);
};
const bitsOf = (x) => {
  f32[0] = x;
  return u32[0];
};
const bitsView = (floats) => new Uint32Array(floats.buffer, floats.byteOffset, floats.length);
function decode(b64) {
  const bytes = Buffer.from(b64, 'base64');
  const out = new Uint32Array(bytes.length / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

// FNV-1a 64 over every array's name, shape (u64 little-endian) and float32 bits: the core's traceHash,
// in two 32-bit halves (prime 2^40 + 0x1b3: h*P = h*0x1b3 + (h << 40)).
function traceHash(arrays) {
  let hi = 0xcbf29ce4, lo = 0x84222325;
  const byte = (b) => {
    lo = (lo ^ b) >>> 0;
    const low = lo * 0x1b3;
    const carry = Math.floor(low / 4294967296);
    hi = (Math.imul(hi, 0x1b3) + carry + ((lo << 8) >>> 0)) >>> 0;
    lo = low >>> 0;
  };
  for (const { name, shape, bits } of arrays) {
    for (const c of Buffer.from(name, 'utf8')) byte(c);
    for (const d of shape) for (let k = 0; k < 8; k++) byte(k < 4 ? (d >>> (8 * k)) & 0xff : 0); // sizes < 2^32
    for (let i = 0; i < bits.length; i++) {
      const u = bits[i];
      byte(u & 0xff);
      byte((u >>> 8) & 0xff);
      byte((u >>> 16) & 0xff);
      byte(u >>> 24);
    }
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

// "step 5 neuron 2" or "step 5 batch 1 neuron 2" for flat index i of an array of this shape.
function where(shape, i) {
  const row = shape.slice(1).reduce((a, b) => a * b, 1);
  const step = Math.floor(i / row), rest = i % row;
  if (shape.length === 3) return `step ${step} batch ${Math.floor(rest / shape[2])} neuron ${rest % shape[2]}`;
  return shape.length === 1 ? `step ${step}` : `step ${step} neuron ${rest}`;
}

// Differences between snnTorch's arrays and a build's: [{array, count, first: [{at, want, got}]}].
function diffArrays(expected, got) {
  const out = [];
  for (const e of expected) {
    const g = got.get(e.name);
    if (!g) {
      out.push({ array: e.name, problem: 'missing from the core trace' });
      continue;
    }
    if (g.shape.join() !== e.shape.join()) {
      out.push({ array: e.name, problem: `shape [${g.shape}] in the core, [${e.shape}] in snnTorch` });
      continue;
    }
    const all = [];
    for (let i = 0; i < e.bits.length; i++) if (e.bits[i] !== g.bits[i]) all.push({ i, want: e.bits[i], got: g.bits[i] });
    const first = all.slice(0, DETAIL_PER_ARRAY).map((f) => ({ at: where(e.shape, f.i), ...f }));
    if (all.length) out.push({ array: e.name, count: all.length, of: e.bits.length, first, all });
  }
  for (const name of got.keys()) {
    if (name !== 'input' && !expected.some((e) => e.name === name)) out.push({ array: name, problem: 'recorded by the core, not by snnTorch' });
  }
  return out;
}

// ------------------------------------------------------------------------------------------ builds
// Four ways to get a trace, each compared with snnTorch: "native" (the native core's bits, through
// `snn hash`), "snn run" (what `snn run` prints, read as it stands), "wasm" (runScenario with the JSON
// text) and "wasm object" (runScenario with the parsed object, as a page passes a Scenario).
const PATHS = ['native', 'snn run', 'wasm', 'wasm object'];
let nonFinitePrinted = 0; // values snn run printed as null where snnTorch has inf or NaN
let overflowsRefused = 0; // scenarios whose snnTorch values overflow float32: the core refuses them

function traceArrays(trace) {
  const got = new Map();
  for (const name of trace.names) {
    const a = trace.get(name);
    got.set(name, { shape: a.shape, bits: bitsView(a.data) });
  }
  if (trace.input) got.set('input', { shape: trace.input.shape, bits: bitsView(trace.input.data) });
  return got;
}

function runCli(args, text) {
  return spawnSync(cli, args, { input: text, encoding: 'utf8', maxBuffer: 1 << 30 });
}

// `snn run --with-input` as arrays of bits. It prints a spike of -0.0 as 0 and a non-finite value as
// null (read here as NaN): those positions are listed as `ambiguous`, to be settled with `snn hash`.
const isZero = (u) => (u & 0x7fffffff) === 0;
const isNonFinite = (u) => (u & 0x7f800000) === 0x7f800000;
function snnRun(text) {
  const r = runCli(['run', '--with-input', '-'], text);
  if (r.status !== 0) throw new Error(`snn run exited ${r.status}: ${r.stderr.trim()}`);
  const got = new Map();
  for (const [name, nested] of Object.entries(JSON.parse(r.stdout))) {
    const shape = [];
    for (let v = nested; Array.isArray(v); v = v[0]) shape.push(v.length);
    const flat = [nested].flat(Infinity);
    const bits = new Uint32Array(flat.length);
    const ambiguous = [];
    for (let i = 0; i < flat.length; i++) {
      bits[i] = flat[i] === null ? 0x7fc00000 : bitsOf(flat[i]);
      if (flat[i] === null || (name.startsWith('spk') && bits[i] === 0)) ambiguous.push(i);
    }
    got.set(name, { shape, bits, ambiguous });
  }
  return got;
}

// The native core's arrays. `snn hash` equal to the hash of snnTorch's arrays: they are snnTorch's (got
// null, nothing else to read). Otherwise those `snn run` printed, each ambiguous value settled as the WASM
// trace or snnTorch has it, whichever makes the hash the native one.
function nativeArrays(text, expected, printed, wasmGot) {
  const h = runCli(['hash', '-'], text);
  if (h.status !== 0) throw new Error(`snn hash exited ${h.status}: ${h.stderr.trim()}`);
  const nativeHash = h.stdout.trim();
  if (nativeHash === traceHash(expected)) return { got: null };
  if (!printed) throw new Error('snn hash differs from snnTorch\'s and snn run failed, so where is unknown');
  const arrays = [...printed].filter(([n]) => n !== 'input').map(([name, a]) => ({ name, ...a }));
  const candidates = [arrays];
  for (const ref of [wasmGot, new Map(expected.map((e) => [e.name, e]))]) {
    if (!ref || !arrays.some((a) => a.ambiguous.length)) continue;
    candidates.push(arrays.map((a) => {
      const r = ref.get(a.name);
      const bits = Uint32Array.from(a.bits);
      if (r && r.bits.length === bits.length)
        for (const i of a.ambiguous) if (isZero(bits[i]) ? isZero(r.bits[i]) : isNonFinite(r.bits[i])) bits[i] = r.bits[i];
      return { ...a, bits };
    }));
  }
  const found = candidates.find((c) => traceHash(c) === nativeHash);
  const got = new Map(printed);
  if (found) for (const a of found) got.set(a.name, a);
  return { got, unsettled: found ? null : 'snn hash differs from the bits snn run printed, however its printed spike zeros and nulls are read' };
}

// ----------------------------------------------------------------------------------------- checks
// Why a difference is there, when it is one being fixed elsewhere (see README.md next to this file).
const CAUSES = {
  logf: 'known (1): torch.log and a correctly rounded logf disagree on a derived constant',
  object: 'known (2): runScenario with a JS object loses -0.0 (JSON.stringify)',
  cli: 'known (3): snn run prints a -0.0 spike as 0',
  none: 'not explained',
};

function causeOf(entry, path, diff, byPath) {
  if (path === 'snn run' && diff.first && diff.array.startsWith('spk') && diff.all.every((f) => f.want === 0x80000000 && f.got === 0)) return 'cli';
  if (path === 'wasm object' && entry.text.includes('-0.0') && !byPath.wasm.some((d) => d.array === diff.array)) return 'object';
  if (entry.known_causes.length && !diff.problem) return 'logf';
  return 'none';
}

// The first step at which snnTorch's recorded arrays hold an infinity or NaN (spikes aside), or -1.
function firstNonFiniteStep(expected) {
  let first = -1;
  for (const e of expected) {
    if (e.name.startsWith('spk') || e.name === 'input') continue;
    const row = e.shape.slice(1).reduce((a, b) => a * b, 1);
    const i = e.bits.findIndex(isNonFinite);
    if (i >= 0 && (first < 0 || Math.floor(i / row) < first)) first = Math.floor(i / row);
  }
  return first;
}

// snnTorch's run left float32's range: the core refuses it (no output is ever infinite or NaN), in every
// path, at the step where snnTorch's values first overflowed.
function checkOverflowRefused(snn, entry, step) {
  const problems = [];
  const message = new RegExp(`overflows float32 at step ${step} `);
  for (const [path, run] of [['wasm', () => snn.runScenario(entry.text)], ['wasm object', () => snn.runScenario(JSON.parse(entry.text))]]) {
    try {
      run();
      problems.push({ path, problem: `runScenario accepted it, but snnTorch's values overflow float32 at step ${step}` });
    } catch (e) {
      if (!(e instanceof RangeError) || !message.test(e.message)) problems.push({ path, problem: `not refused for the overflow at step ${step}: ${e.name}: ${e.message}` });
    }
  }
  for (const [path, args] of [['snn run', ['run', '-']], ['native', ['hash', '-']]]) {
    const r = runCli(args, entry.text);
    if (r.status !== 2 || !message.test(r.stderr) || r.stdout !== '')
      problems.push({ path, problem: `snn ${args[0]} exited ${r.status} (${r.stderr.trim().slice(0, 200)}), but snnTorch's values overflow float32 at step ${step}` });
  }
  overflowsRefused++;
  return problems.map((p) => ({ cause: 'none', ...p }));
}

function checkBits(snn, entry) {
  const expected = entry.expected.map((e) => ({ ...e, bits: decode(e.b64) }));
  const overflow = firstNonFiniteStep(expected);
  if (overflow >= 0) return checkOverflowRefused(snn, entry, overflow);
  const compared = entry.expected_input ? [...expected, { name: 'input', ...entry.expected_input, bits: decode(entry.expected_input.b64) }] : expected;
  const byPath = Object.fromEntries(PATHS.map((p) => [p, []]));
  const attempt = (path, produce) => {
    try {
      const got = produce();
      if (got) byPath[path].push(...diffArrays(compared, got));
      return got;
    } catch (e) {
      byPath[path].push({ problem: `${e.name}: ${e.message}` });
      return null;
    }
  };
  const wasmGot = attempt('wasm', () => traceArrays(snn.runScenario(entry.text)));
  attempt('wasm object', () => traceArrays(snn.runScenario(JSON.parse(entry.text))));
  let printed = null;
  try {
    printed = snnRun(entry.text);
    // A null stands for a non-finite value: it agrees where snnTorch has one (JSON cannot say which).
    const seen = new Map([...printed].map(([name, a]) => {
      const e = compared.find((x) => x.name === name);
      const bits = Uint32Array.from(a.bits);
      let nulls = 0;
      if (e && e.bits.length === bits.length)
        for (const i of a.ambiguous) if (bits[i] === 0x7fc00000 && isNonFinite(e.bits[i])) (bits[i] = e.bits[i]), nulls++;
      nonFinitePrinted += nulls;
      return [name, { ...a, bits }];
    }));
    byPath['snn run'].push(...diffArrays(compared, seen));
  } catch (e) {
    byPath['snn run'].push({ problem: `${e.name}: ${e.message}` });
  }
  attempt('native', () => {
    const n = nativeArrays(entry.text, expected, printed, wasmGot);
    if (n.unsettled) byPath.native.push({ problem: n.unsettled });
    if (n.got) return n.got;
    // The hash covers the recorded arrays, not the input: the encoders' input is read from snn run.
    if (entry.expected_input) return new Map([['input', printed.get('input')], ...expected.map((e) => [e.name, e])]);
    return null;
  });
  const problems = [];
  for (const path of PATHS) for (const d of byPath[path]) problems.push({ path, cause: causeOf(entry, path, d, byPath), ...d });
  return problems;
}

// Both builds must refuse the Scenario (snnTorch raises for it): exit status 2 and a thrown error.
function checkRejected(snn, entry) {
  const problems = [];
  const r = runCli(['validate', '-'], entry.text);
  if (r.status !== 2) problems.push({ path: 'native', problem: `snn validate exited ${r.status} (${r.stdout.trim()}), but ${entry.note}` });
  try {
    snn.runScenario(entry.text);
    problems.push({ path: 'wasm', problem: `runScenario accepted it, but ${entry.note}` });
  } catch (e) {
    if (!e.kind) problems.push({ path: 'wasm', problem: `runScenario threw ${e.name} without a kind: ${e.message}` });
  }
  return problems.map((p) => ({ cause: 'none', ...p }));
}

// Rate coding: spike counts of each element within 5 standard deviations of its probability, exact for
// p = 0 and 1, silent rows before first_spike_time, values +0 or 1 only; the same rows natively and in WASM.
function checkRate(snn, entry) {
  const problems = [];
  const { segments, first_spike_time: fst, torch_counts: torchCounts, torch_silent_ok: torchSilent } = entry.rate;
  const wasm = traceArrays(snn.runScenario(entry.text)).get('input');
  const native = snnRun(entry.text).get('input');
  if (traceHash([{ name: 'x', ...wasm }]) !== traceHash([{ name: 'x', ...native }]))
    problems.push({ path: 'native', problem: 'rate-coded input differs from the WASM build\'s (same seed)' });
  const width = wasm.shape[1];
  const bound = (n, p) => 5 * Math.sqrt(n * p * (1 - p));
  const within = (count, n, p) => (p === 0 || p === 1 ? count === n * p : Math.abs(count - n * p) <= bound(n, p));
  for (let i = 0; i < wasm.bits.length; i++) {
    const u = wasm.bits[i];
    if (u !== 0 && u !== 0x3f800000) {
      problems.push({ path: 'wasm', problem: `rate value ${hex(u)} (${valueOf(u)}) at ${where(wasm.shape, i)} is neither +0 nor 1` });
      break;
    }
    if (Math.floor(i / width) < fst && u !== 0) {
      problems.push({ path: 'wasm', problem: `spike before first_spike_time ${fst} at ${where(wasm.shape, i)}` });
      break;
    }
  }
  if (!torchSilent) problems.push({ path: 'snnTorch', problem: 'snnTorch spiked before first_spike_time (sweep.py is wrong)' });
  segments.forEach((seg, s) => {
    const n = seg.to - seg.from;
    for (let j = 0; j < width; j++) {
      let count = 0;
      for (let t = seg.from; t < seg.to; t++) count += wasm.bits[t * width + j] === 0x3f800000 ? 1 : 0;
      const p = seg.p[j];
      if (!within(count, n, p))
        problems.push({ path: 'wasm', problem: `rows ${seg.from}-${seg.to - 1}, element ${j}: ${count} spikes in ${n} rows, p = ${p} expects ${(n * p).toFixed(1)} ± ${bound(n, p).toFixed(1)}` });
      if (!within(torchCounts[s][j], n, p))
        problems.push({ path: 'snnTorch', problem: `rows ${seg.from}-${seg.to - 1}, element ${j}: snnTorch ${torchCounts[s][j]} spikes, p = ${p} (the bound is too tight)` });
    }
  });
  return problems.map((p) => ({ cause: 'none', ...p }));
}

// ----------------------------------------------------------------------------------------- report
function describeProblem(p) {
  if (p.problem) return [`${p.array ? p.array + ': ' : ''}${p.problem}`];
  const lines = [`${p.array}: ${p.count} of ${p.of} values differ [${p.cause === 'none' ? 'NOT EXPLAINED' : p.cause === 'logf' ? 'known (1) logf' : p.cause === 'object' ? 'known (2) object -0.0' : 'known (3) printed -0.0 spike'}]`];
  for (const f of p.first) lines.push(`  ${f.at}: snnTorch ${hex(f.want)} (${valueOf(f.want)})  core ${hex(f.got)} (${valueOf(f.got)})`);
  return lines;
}

// Paths whose differences read the same are listed together ("native, snn run, wasm: ...").
function describeScenario(r) {
  const head = `${r.entry.id} (${r.entry.category})${r.entry.known_causes.length ? ' — ' + r.entry.known_causes.join('; ') : ''}${r.entry.note ? ' — ' + r.entry.note : ''}`;
  const blocks = new Map();
  const paths = [...new Set(r.problems.map((p) => p.path))];
  for (const path of paths) {
    const text = r.problems.filter((p) => p.path === path).flatMap(describeProblem).join('\n');
    blocks.set(text, [...(blocks.get(text) || []), path]);
  }
  const lines = [head];
  for (const [text, ps] of blocks) {
    lines.push(`  ${ps.join(', ')}:`);
    lines.push(...text.split('\n').map((l) => '    ' + l));
  }
  if (r.entry.check === 'bits') {
    const agree = PATHS.filter((p) => !paths.includes(p));
    if (agree.length) lines.push(`  ${agree.join(', ')}: agree with snnTorch bit for bit`);
  }
  return lines.join('\n');
}

// ------------------------------------------------------------------------------------------- suite
let sweep, snn, results, workDir;
const categories = ['Leaky', 'Synaptic', 'Alpha', 'Lapicque', 'long', 'network', 'latency', 'latency-raises', 'delta', 'rate'];
const explained = (r) => r.problems.every((p) => p.cause !== 'none');

function check(entry) {
  const fn = entry.check === 'rate' ? checkRate : entry.check === 'rejects' ? checkRejected : checkBits;
  try {
    return { entry, problems: fn(snn, entry) };
  } catch (e) {
    return { entry, problems: [{ path: 'test', cause: 'none', problem: `${e.name}: ${e.message}` }] };
  }
}

before(async () => {
  assert.ok(existsSync(cli), `${cli} is missing: build it first (cmake --build --preset native)`);
  assert.ok(existsSync(join(referenceDir, 'snntorch/__init__.py')), `snnTorch 0.9.4 is not at ${referenceDir}`);
  workDir = mkdtempSync(join(tmpdir(), 'snn-sweep-'));
  const out = join(workDir, 'sweep.json');
  const args = [join(here, 'sweep.py'), '--out', out];
  if (process.env.SNN_SWEEP_SEED) args.push('--seed', process.env.SNN_SWEEP_SEED);
  const started = Date.now();
  const py = spawnSync(python, args, { env: { ...process.env, PYTHONPATH: referenceDir }, encoding: 'utf8' });
  assert.equal(py.status, 0, `sweep.py failed (${py.status}):\n${py.stderr}`);
  sweep = JSON.parse(readFileSync(out, 'utf8'));
  const pythonSeconds = (Date.now() - started) / 1000;

  snn = await loadSnn();
  const t0 = Date.now();
  results = sweep.scenarios.map(check);
  // PENDING cases: the core refuses them today; say so when it stops refusing one.
  const notes = [];
  for (const entry of sweep.probes) {
    if (runCli(['validate', '-'], entry.text).status === 2) continue;
    const r = check(entry);
    notes.push(`NOTE ${entry.id}: the core now accepts pending case '${entry.pending}' and ${r.problems.length ? 'differs from' : 'matches'} snnTorch; switch it on in sweep.py's PENDING`);
  }
  const coreSeconds = (Date.now() - t0) / 1000;

  const failed = results.filter((r) => r.problems.length);
  const tagged = results.filter((r) => r.entry.known_causes.length);
  const per = (rs) => Object.keys(CAUSES).map((c) => [c, rs.filter((r) => r.problems.some((p) => p.cause === c)).length]).filter(([, n]) => n);
  const lines = [
    `snnTorch sweep: ${sweep.scenarios.length} scenarios (${categories.map((c) => `${c} ${sweep.scenarios.filter((e) => e.category === c).length}`).join(', ')})`,
    `  seed ${sweep.meta.seed}; snnTorch ${sweep.meta.snntorch}, torch ${sweep.meta.torch}; snnTorch ${pythonSeconds.toFixed(1)} s, core (native + WASM) ${coreSeconds.toFixed(1)} s`,
    `  ${results.length - failed.length} agree with snnTorch in every path (${PATHS.join(', ')}); ${failed.length} differ, ${failed.filter((r) => !explained(r)).length} of them for a reason not explained below`,
    ...per(failed).map(([c, n]) => `    ${String(n).padStart(4)} scenarios with differences ${CAUSES[c]}`),
    `  ${overflowsRefused} scenarios overflow float32 in snnTorch (infinities, NaN): the core refuses each, in every path, at the step snnTorch overflowed`,
    `  snn run printed ${nonFinitePrinted} values as null where snnTorch has an infinity or NaN (JSON has neither; the native hash checks their bits)`,
    `  ${tagged.length} scenarios have a constant on which torch.log and a correctly rounded logf disagree; ${tagged.filter((r) => r.problems.length).length} of them differ`,
    `  pending cases the core refuses today: ${sweep.probes.length} probed (${Object.entries(sweep.meta.pending).map(([k, v]) => `${k} ${v ? 'on' : 'off'}`).join(', ')})`,
    ...notes.map((n) => '  ' + n),
  ];
  const byCategory = categories
    .map((c) => [c, failed.filter((r) => r.entry.category === c)])
    .filter(([, rs]) => rs.length)
    .map(([c, rs]) => `  ${c}: ${rs.length} differ (${per(rs).map(([k, n]) => `${n} ${k === 'none' ? 'NOT EXPLAINED' : 'known ' + k}`).join(', ')})`);
  // Unexplained differences first.
  const ordered = [...failed.filter((r) => !explained(r)), ...failed.filter(explained)];
  mkdirSync(dirname(reportPath), { recursive: true });
  writeFileSync(reportPath, [...lines, ...byCategory, '', ...ordered.map((r) => describeScenario(r) + '\n  scenario: ' + r.entry.text)].join('\n') + '\n');
  const shown = ordered.slice(0, 20).map(describeScenario);
  console.log([...lines, ...byCategory, ...(shown.length ? ['', ...shown] : []), ...(failed.length > shown.length ? [`  ... ${failed.length - shown.length} more`] : []), `  full report: ${reportPath}`].join('\n'));
});

after(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

// One test per category; each fails on any difference, known cause or not (the report says which).
for (const category of categories) {
  test(`snnTorch sweep: ${category}`, () => {
    const mine = results.filter((r) => r.entry.category === category);
    assert.ok(mine.length > 0, `no ${category} scenarios were generated`);
    const failed = mine.filter((r) => r.problems.length);
    assert.equal(failed.length, 0, `${failed.length} of ${mine.length} ${category} scenarios differ from snnTorch:\n${failed.slice(0, 6).map(describeScenario).join('\n')}`);
  });
}

// This file's FNV-1a is the core's: a trace hashed here gives what `snn hash` prints for it.
test('snnTorch sweep: the hash computed here is snn hash\'s', () => {
  const entry = sweep.scenarios.find((e) => e.category === 'network');
  const trace = snn.runScenario(entry.text);
  const arrays = trace.names.map((name) => ({ name, shape: trace.get(name).shape, bits: bitsView(trace.get(name).data) }));
  assert.equal(traceHash(arrays), runCli(['hash', '-'], entry.text).stdout.trim());
  assert.equal(traceHash(arrays), trace.hash());
});

// The comparison itself: a one-bit change in one expected value is seen by every path, at its place.
test('snnTorch sweep: a one-bit change in an expected value is caught in every path', () => {
  const good = results.find((r) => !r.problems.length && r.entry.check === 'bits' && r.entry.category === 'Synaptic');
  assert.ok(good, 'no Synaptic scenario that agrees, to perturb');
  const entry = structuredClone(good.entry);
  const mem = entry.expected.find((e) => e.name === 'mem');
  const bits = decode(mem.b64);
  const i = bits.length - 1;
  bits[i] ^= 1;
  mem.b64 = Buffer.from(bits.buffer).toString('base64');
  const problems = checkBits(snn, entry);
  assert.deepEqual(problems.map((p) => [p.path, p.array, p.count]).sort(), PATHS.map((p) => [p, 'mem', 1]).sort());
  for (const p of problems) assert.equal(p.first[0].want, bits[i]);
});

// The native path sees the -0.0 spikes `snn run` prints as 0: with one flipped to +0.0 in snnTorch's
// arrays the hash differs, and the settled native arrays show exactly that element.
test('snnTorch sweep: the native path tells a -0.0 spike from +0.0', () => {
  const r = results.find((x) => x.entry.check === 'bits' && x.entry.category === 'Leaky' && x.entry.text.includes('"graded_spikes_factor":-') &&
    decode(x.entry.expected[0].b64).includes(0x80000000) && !x.problems.some((p) => p.path !== 'snn run'));
  assert.ok(r, 'no Leaky scenario with -0.0 spikes that agrees natively');
  const entry = structuredClone(r.entry);
  const spk = entry.expected.find((e) => e.name === 'spk');
  const bits = decode(spk.b64);
  const i = bits.indexOf(0x80000000);
  bits[i] = 0;
  spk.b64 = Buffer.from(bits.buffer).toString('base64');
  const native = checkBits(snn, entry).filter((p) => p.path === 'native');
  assert.deepEqual(native.map((p) => [p.array, p.count, p.first[0].want, p.first[0].got]), [['spk', 1, 0, 0x80000000]]);
});
