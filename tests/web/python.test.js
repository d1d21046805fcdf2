// The "snnTorch code" export (web/src/python.js), run with the real snnTorch 0.9.4 and Debian's PyTorch
// (tests/web/run_export.py): for every figure, every variant and every control at its minimum, maximum and
// each of its options, the script computes what runScenario computes, bit for bit — the input (random
// spike trains, noise and a network's default weights regenerated from the page's PCG32), every state and
// every spike; for a sweep (the F-I figure, and sweeps of other fields) every value's spike counts and first
// spikes. The Jupyter notebook runs to the same numbers. No browser.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSnn } from '../../wasm/index.js';
import { figures } from '../../web/src/figures.js';
import { toNotebook, toPython } from '../../web/src/python.js';
import { assertSameAsCore, figureExport, runExports } from './exports.js';

const snn = await loadSnn();
const catalogue = snn.catalogue();
const dir = mkdtempSync(join(tmpdir(), 'snn-python-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let count = 0;
function file(text, ext) {
  const path = join(dir, `export-${count++}.${ext}`);
  writeFileSync(path, text);
  return path;
}

// Each control of a spec at its minimum, maximum and each option (one at a time), and the defaults.
function settings(spec) {
  const out = [{}];
  for (const c of spec.controls || []) {
    if (c.options) for (const o of c.options) out.push({ [c.key]: o });
    else out.push({ [c.key]: c.min }, { [c.key]: c.max });
  }
  return out;
}

// Exports each case as a script, runs them all with the real snnTorch, and compares every run with the core.
function checkExports(cases) {
  const prepared = [];
  for (const { name, exported, main } of cases) {
    let traces;
    try {
      traces = exported.runs.map((r) => snn.runScenario(r.original ?? r.scenario));
    } catch {
      continue; // settings the core refuses together (the page shows its message): nothing to export
    }
    prepared.push({ name, exported, traces, request: { script: file(toPython(exported), 'py'), main } });
  }
  const results = runExports(prepared.map((p) => p.request));
  prepared.forEach((p, i) => assertSameAsCore(results[i], p.exported.runs, p.traces, p.name));
  return prepared.length;
}

test('every figure, variant and control extreme: the exported script computes the core\'s numbers with snnTorch', () => {
  const cases = [];
  for (const spec of Object.values(figures)) {
    settings(spec).forEach((values, k) => {
      // The network draws 794k weights in pure Python, and the F-I figure runs 78 neurons in torch (2-3 s):
      // their defaults and the extremes of their first control suffice.
      if ((spec.id === 'network' || spec.id === 'fi-curve') && k > 2) return;
      cases.push({ name: `${spec.id} ${JSON.stringify(values)}`, exported: figureExport(snn, spec, values), main: k === 0 });
    });
  }
  const ran = checkExports(cases);
  assert.ok(ran > 90, `${ran} exports ran`);
});

// Generators and weights no figure uses today, and the order in which they take their streams.
const LEAKY = { model: 'Leaky', constructor: { beta: 0.9 } };
const GENERATED = {
  'noise, three neurons': { ...LEAKY, num_steps: 50, num_neurons: 3, seed: 11, input: { noise: { low: -0.5, high: 0.25 } } },
  'noise with its own seed, a large one': { ...LEAKY, num_steps: 20, num_neurons: 2, seed: 3, input: { noise: { seed: 2 ** 53 - 1 } } },
  'rate: gain, offset, first_spike_time, amplitude, a value per neuron': {
    ...LEAKY, num_steps: 60, num_neurons: 4, seed: 5,
    input: { rate: { values: [0.1, 0.5, 0.9, 1.3], gain: 0.7, offset: 0.05, first_spike_time: 7, amplitude: -0.25 } },
  },
  'a sum of uniform amplitudes, noise and two rates': {
    model: 'Synaptic', constructor: { alpha: 0.9, beta: 0.8 }, num_steps: 80, num_neurons: 5, seed: 21,
    input: { sum: [
      { step: { amplitude: { uniform: [0.05, 0.2] }, start: 10, stop: 70 } },
      { noise: { low: 0, high: 0.05, seed: 8 } },
      { rate: { p: { uniform: [0, 0.3], seed: 9 }, amplitude: 0.5 } },
      { pulses: [{ start: 3, width: 4, amplitude: { uniform: [-1, 1] } }, { start: 30 }] },
      { rate: { values: 0.2, seed: 1 } },
    ] },
  },
  'constant and periodic uniform values': {
    ...LEAKY, num_steps: 40, num_neurons: 3, seed: 2,
    input: { sum: [{ constant: { value: { uniform: [0, 0.1] } } }, { periodic: { period: 5, amplitude: { uniform: [0.2, 0.4], seed: 77 } } }] },
  },
  'rate of a time series, first_spike_time': {
    ...LEAKY, num_steps: 50, num_neurons: 3, seed: 13,
    input: { rate: { of: { sum: [{ step: { amplitude: 0.6, start: 10 } }, { noise: { low: -0.2, high: 0.5 } }] }, first_spike_time: 4 } },
  },
  'rate of explicit rows': { ...LEAKY, num_steps: 4, num_neurons: 2, seed: 6, input: { rate: { of: [[0.2, 0.9], [0.5, 0.5], [1, 0], [0.7, 0.3]] } } },
  'latency over uniform values, linear and normalized': {
    ...LEAKY, num_steps: 30, num_neurons: 6, seed: 3,
    input: { latency: { values: { uniform: [0, 1] }, tau: 4, linear: true, normalize: true, on_target: 0.8 } },
  },
  'delta of noise with off spikes, and padding': {
    ...LEAKY, num_steps: 40, num_neurons: 3, seed: 9, input: { delta: { of: { noise: { low: -1, high: 1 } }, threshold: 0.3, off_spike: true, padding: true } },
  },
  'sine: per-neuron amplitude and offset, fractional period, negative phase, start and stop': {
    ...LEAKY, num_steps: 400, num_neurons: 3,
    input: { sine: { amplitude: [0.9, 1.7, -0.4], offset: [0.05, 0, 0.3], period: 37.3, phase: -0.17, start: 4, stop: 390 } },
  },
  'sine of uniform amplitude, a thousand rows of a short period, phase past a turn': {
    model: 'Synaptic', constructor: { alpha: 0.8, beta: 0.9 }, num_steps: 1000, num_neurons: 4, seed: 12,
    input: { sine: { amplitude: { uniform: [0.2, 1.2] }, period: 2.7, phase: 3.6, offset: { uniform: [-0.1, 0.1], seed: 4 } } },
  },
  'ramp: falling, per neuron, start == stop (a step), and the default that ends at the last row': {
    ...LEAKY, num_steps: 120, num_neurons: 2, seed: 7,
    input: { sum: [
      { ramp: { from: [1.2, 0.4], to: -0.3, start: 10, stop: 90 } },
      { ramp: { from: 0, to: 0.25, start: 60, stop: 60 } },
      { ramp: { to: { uniform: [0.1, 0.9] } } },
      { sine: { amplitude: 0.2, period: 12 } },
    ] },
  },
  'network, batch 2: a sine and a ramp of [batch][width] values into a Linear layer': {
    layers: [{ type: 'Linear', in: 3, out: 4 }, { type: 'Leaky', beta: 0.9 }],
    num_steps: 50, batch_size: 2, seed: 5,
    input: { sum: [
      { sine: { amplitude: [[1, 0.5, 0.2], [0.3, 0.6, 0.9]], period: 9.5, phase: 0.1 } },
      { ramp: { from: [0, 0.1, 0.2], to: [[1, 1, 1], [2, 0, -1]], start: 5, stop: 40 } },
    ] },
  },
  'Alpha with per-neuron parameters, init and subtract reset': {
    model: 'Alpha', constructor: { alpha: [0.9, 0.85, 0.95], beta: [0.8, 0.7, 0.6], threshold: [0.5, 1, 0.3], reset_mechanism: 'subtract' },
    num_steps: 60, init: { syn_exc: 0.1, mem: [0, 0.2, -0.1] }, input: { periodic: { period: 7, amplitude: 0.9 } },
  },
  'Leaky with graded spikes per neuron, no reset delay, spike before the update': {
    model: 'Leaky', constructor: { beta: [0.9, 0.8], graded_spikes_factor: [2.5, -1], reset_delay: false }, spike_timing: 'before_update',
    num_steps: 50, input: { constant: { value: [0.4, 0.6] } },
  },
  'Lapicque derived from beta and C; beta 1 holds the membrane': {
    model: 'Lapicque', constructor: { beta: 0.9, C: 0.02, time_step: 0.01 }, num_steps: 40, input: { step: { amplitude: 0.7, start: 5 } },
  },
  'inert keywords the class would be called differently with (init_hidden, spike_grad, learn_*)': {
    model: 'Synaptic', constructor: { alpha: 0.8, beta: 0.9, init_hidden: true, spike_grad: 'atan', learn_alpha: true, output: true },
    num_steps: 30, input: { constant: { value: 0.4 } },
  },
  'Lapicque with beta 1': { model: 'Lapicque', constructor: { beta: 1 }, num_steps: 10, init: { mem: 0.5 }, input: { constant: { value: 0.3 } } },
  'EulerLIF with no reset (its default) and a zero reset': {
    model: 'EulerLIF', constructor: { R: 5.1, C: 0.005, time_step: 0.001 }, num_steps: 100, input: { step: { amplitude: 0.3, start: 10 } },
  },
  'network, batch 2: [batch][width] rates, given weights with a drawn bias, no bias': {
    layers: [
      { type: 'Linear', in: 3, out: 4, weight: [[0.5, -0.25, 1], [0, 0.125, -1], [0.75, 0.5, 0.25], [-0.5, 1, 0]] },
      { type: 'Leaky', beta: 0.8 },
      { type: 'Linear', in: 4, out: 2, bias: false },
      { type: 'Synaptic', alpha: 0.7, beta: 0.6 },
    ],
    num_steps: 30, batch_size: 2, seed: 17,
    input: { rate: { values: [[0.1, 0.5, 0.9], [0.3, 0.6, 0.2]], first_spike_time: 2 } },
  },
  'network, batch 3: one rate per input, repeated per batch row; given bias; Alpha and Lapicque layers': {
    layers: [{ type: 'Linear', in: 5, out: 6, bias: [0.1, 0.2, 0.3, -0.1, -0.2, 0] }, { type: 'Alpha', alpha: 0.9, beta: 0.8 },
      { type: 'Linear', in: 6, out: 3 }, { type: 'Lapicque', beta: 0.8 }],
    num_steps: 25, batch_size: 3, seed: 4,
    input: { sum: [{ rate: { values: [0.2, 0.4, 0.6, 0.8, 1] } }, { noise: { low: 0, high: 0.1 } }] },
  },
};

// Sweeps of other fields than the F-I figure's current, and the counted layer of a network.
const SWEEPS = {
  'Lapicque given beta and R: a sweep of beta': {
    model: 'Lapicque', constructor: { beta: 0.9, R: 5.1, time_step: 0.001 }, num_steps: 120, input: { step: { amplitude: 0.3, start: 10 } },
    sweep: { path: 'constructor.beta', values: [0.5, 0.8, 0.9, 0.95, 0.99] },
  },
  'three Synaptic neurons on noise: a sweep of the threshold, counted per neuron': {
    model: 'Synaptic', constructor: { alpha: 0.8, beta: 0.7 }, num_steps: 80, num_neurons: 3, seed: 4, input: { noise: { low: 0, high: 0.3 } },
    sweep: { path: 'constructor.threshold', values: [0.25, 0.5, 1, 2] },
  },
  'a step that starts later and later': {
    model: 'Leaky', constructor: { beta: 0.8 }, num_steps: 60, input: { step: { amplitude: 0.5, start: 0 } },
    sweep: { path: 'input.step.start', values: [0, 10, 25, 59, 60] },
  },
  'a sine\'s period': {
    model: 'Leaky', constructor: { beta: 0.9 }, num_steps: 100, input: { sine: { amplitude: 0.4, offset: 0.1, period: 20 } },
    sweep: { path: 'input.sine.period', values: [3.5, 10, 20, 40.25] },
  },
  'network, batch 2: its last layer counted, a sweep of the hidden layer\'s beta': {
    layers: [{ type: 'Linear', in: 3, out: 5 }, { type: 'Leaky', beta: 0.9 }, { type: 'Linear', in: 5, out: 2 }, { type: 'Leaky', beta: 0.8, threshold: 0.2 }],
    num_steps: 40, batch_size: 2, seed: 9, input: { rate: { values: [[0.9, 0.5, 0.2], [0.3, 0.8, 0.6]] } },
    sweep: { path: 'layers.1.beta', values: [0.5, 0.9, 0.99] },
  },
};

const single = (name, scenario) => ({
  name,
  exported: { title: name, catalogue, runs: [{ label: 'run', title: name, scenario: snn.resolveScenario(scenario), original: scenario }] },
  main: false,
});

test('other generators, encoders, models and layer weights: the script computes the core\'s numbers with snnTorch', () => {
  assert.equal(checkExports(Object.entries(GENERATED).map(([name, s]) => single(name, s))), Object.keys(GENERATED).length);
});

test('sweeps: the script loops the values through snnTorch and counts the core\'s spikes and first spikes', () => {
  assert.equal(checkExports(Object.entries(SWEEPS).map(([name, s]) => single(name, s))), Object.keys(SWEEPS).length);
});

test('the comparison notices a sweep counted otherwise; a sweep the code cannot take as one number is refused', () => {
  const { exported } = single('beta', SWEEPS['Lapicque given beta and R: a sweep of beta']);
  const source = toPython(exported);
  assert.match(source, /snn\.Lapicque\(R=5\.1, beta=value,/);
  const broken = [
    source.replace('fired = (spikes != 0)', 'fired = (spikes > 1)'),
    source.replace('first = fired.to(torch.float32).argmax(0)', 'first = fired.to(torch.float32).flip(0).argmax(0)'),
  ];
  const results = runExports(broken.map((text) => ({ script: file(text, 'py') })));
  const swept = snn.runScenario(exported.runs[0].original);
  assert.throws(() => assertSameAsCore(results[0], exported.runs, [swept], 'counted'), /spike_count\[\d+\] \(value [\d.]+\) is 0 with snnTorch/);
  assert.throws(() => assertSameAsCore(results[1], exported.runs, [swept], 'first'), /first_spike\[\d+\]/);
  // A pulse's start is also its end's: the code would need start + width worked out from the value.
  const pulses = single('pulses', { ...LEAKY, num_steps: 20, input: { pulses: [{ start: 2, width: 3 }] }, sweep: { path: 'input.pulses.0.start', values: [2, 5] } });
  assert.throws(() => toPython(pulses.exported), /no snnTorch code for a sweep of input\.pulses\.0\.start: numbers of the code would be worked out from the value/);
});

test('the comparison notices a script that draws from another stream', () => {
  const { exported } = single('rate', GENERATED['rate: gain, offset, first_spike_time, amplitude, a value per neuron']);
  const source = toPython(exported);
  assert.match(source, /stream=1\b/);
  const [result] = runExports([{ script: file(source.replace(/stream=1\b/, 'stream=3'), 'py') }]);
  const trace = snn.runScenario(exported.runs[0].original);
  assert.throws(() => assertSameAsCore(result, exported.runs, [trace], 'rate'), /input\[\d+\] is/);
});

test('the comparison notices a sine whose float32 multiply and add are rounded once, or whose polynomial stops at degree 9', () => {
  const { exported } = single('sine', GENERATED['sine: per-neuron amplitude and offset, fractional period, negative phase, start and stop']);
  const source = toPython(exported);
  const fused = 'rows += f32([x + o for x, o in zip(f32([a * s for a in amplitude]), offset)])';
  assert.ok(source.includes(fused));
  const coefficients = /SIN_TURNS = \[(.*)\]/.exec(source)[1].split(', ');
  assert.equal(coefficients.length, catalogue.sin_turns.coefficients.length);
  const broken = [
    source.replace(fused, 'rows += f32([a * s + o for a, o in zip(amplitude, offset)])'),
    source.replace(/SIN_TURNS = \[.*\]/, `SIN_TURNS = [${coefficients.slice(0, 5).join(', ')}]`),
  ];
  const results = runExports(broken.map((text) => ({ script: file(text, 'py') })));
  const trace = snn.runScenario(exported.runs[0].original);
  for (const result of results) assert.throws(() => assertSameAsCore(result, exported.runs, [trace], 'sine'), /input\[\d+\] is/);
});

test('the Jupyter notebook runs to the same numbers, an install cell first; the script states its versions', () => {
  const cases = ['reset-compare', 'latency-code', 'alpha', 'lif-reset'].map((id) => figureExport(snn, figures[id]));
  const requests = cases.map((exported) => ({ notebook: file(toNotebook(exported), 'ipynb') }));
  const results = runExports(requests);
  cases.forEach((exported, i) => {
    const nb = JSON.parse(toNotebook(exported));
    assert.equal(nb.nbformat, 4);
    assert.match(nb.cells.find((c) => c.cell_type === 'code').source.join(''), /pip install -q snntorch==0\.9\.4/);
    assertSameAsCore(results[i], exported.runs, exported.runs.map((r) => snn.runScenario(r.original)), `${exported.title} (notebook)`);
    const source = toPython(exported);
    assert.match(source, /snntorch==0\.9\.4/);
    assert.match(source, /@torch\.no_grad\(\)/);
    assert.match(source, /import matplotlib\.pyplot as plt/);
  });
  // Encoders the figure uses are snntorch.spikegen's own calls.
  assert.match(toPython(cases[1]), /spikegen\.latency\(/);
  assert.match(toPython(figureExport(snn, figures['delta-code'])), /spikegen\.delta\(/);
});
