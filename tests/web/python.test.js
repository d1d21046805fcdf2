// The "snnTorch code" export (web/src/python.js) regenerates the page's random numbers: its pure-Python
// copy of our PCG32 and of the core's float32 formulas must give, bit for bit, the random inputs and the
// default network weights the core used. Each exported script is run by python3 against stand-ins for
// torch and snntorch (run_with_stubs.py, which reports what the script fed and copied into its layers),
// and compared with the core: the built WASM module in Node (runScenario, Network) and the native CLI
// (`snn run --with-input`). No browser.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSnn } from '../../wasm/index.js';
import { figures } from '../../web/src/figures.js';
import { clone, setPath } from '../../web/src/paths.js';
import { toPython } from '../../web/src/python.js';
import { flatFloats, nativeCli } from '../wasm/helpers.js';

const snn = await loadSnn();
const runner = fileURLToPath(new URL('./run_with_stubs.py', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'snn-python-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const bitsOf = (x) => ((f32[0] = x), u32[0]);
const bitsArray = (values) => Array.from(values, bitsOf);
const fromBits = (bits) => new Float32Array(Uint32Array.from(bits).buffer);

// Asserts two arrays of float32 bits are equal, naming the first difference.
function sameBits(got, want, what) {
  assert.ok(Array.isArray(got), `${what}: the script gave nothing`);
  assert.equal(got.length, want.length, `${what}: ${got.length} values, the core has ${want.length}`);
  const i = got.findIndex((b, k) => b !== want[k]);
  if (i >= 0) assert.fail(`${what}: value ${i} is ${fromBits([got[i]])[0]}, the core used ${fromBits([want[i]])[0]}`);
}

let count = 0;
function runScript(source) {
  const path = join(dir, `export-${count++}.py`);
  writeFileSync(path, source);
  const start = performance.now();
  const r = spawnSync('python3', [runner, path], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - start) / 1000;
  assert.equal(r.status, 0, `the exported script does not run:\n${r.stderr}\n--- script ---\n${source.slice(0, 4000)}`);
  return { result: JSON.parse(r.stdout), seconds };
}

// Exports a Scenario as the page does (toPython of the Scenario and its trace) and runs the script.
function exportAndRun(scenario) {
  const trace = snn.runScenario(scenario);
  const source = toPython(scenario, trace);
  return { trace, source, ...runScript(source) };
}

const WRITTEN_OUT = 'The input as the core generated it';

test('spike-input: the script regenerates the rate-coded spike train the core drew, bit for bit', () => {
  const base = figures['spike-input'].scenario;
  for (const [seed, p] of [[base.seed, base.input.rate.p], [0, 0.4], [99, 0.05], [2 ** 53 - 1, 0.7]]) {
    const scenario = { ...clone(base), seed, input: { rate: { p } } };
    const { trace, source, result } = exportAndRun(scenario);
    assert.ok(source.includes('def pcg32_floats(') && !source.includes(WRITTEN_OUT), 'the input is regenerated, not written out');
    const want = bitsArray(trace.input.data);
    sameBits(result.input, want, `seed ${seed}, p ${p}: input vs runScenario`);
    // The native core draws the same train (and prints it with --with-input).
    const native = spawnSync(nativeCli, ['run', '--with-input', '-'], { input: JSON.stringify(scenario), encoding: 'utf8' });
    assert.equal(native.status, 0, native.stderr);
    sameBits(result.input, bitsArray(flatFloats(JSON.parse(native.stdout).input)), `seed ${seed}, p ${p}: input vs snn run`);
    const spikes = want.filter((b) => b === bitsOf(1)).length;
    assert.ok(spikes > 0 && spikes < want.length, `seed ${seed}, p ${p}: a train with spikes and gaps (${spikes})`);
  }
});

test('the comparison notices a script that draws from another stream', () => {
  const scenario = figures['spike-input'].scenario;
  const { trace, source } = exportAndRun(scenario);
  assert.match(source, /stream=1\)/);
  const { result } = runScript(source.replace('stream=1)', 'stream=3)'));
  assert.throws(() => sameBits(result.input, bitsArray(trace.input.data), 'input'), /value \d+ is/);
});

test('network: the script regenerates the input spikes and every weight and bias, bit for bit', (t) => {
  const scenario = figures.network.scenario;
  const { trace, source, result, seconds } = exportAndRun(scenario);
  t.diagnostic(`network export: the stub run (generation, tensors, JSON out) took ${seconds.toFixed(2)} s`);
  assert.ok(!source.includes(WRITTEN_OUT), 'the input is regenerated, not written out');
  assert.ok(source.length < 20_000, `the script stays short (${source.length} characters)`);
  sameBits(result.input, bitsArray(trace.input.data), 'input');

  // The weights the core draws for these layers and this seed.
  const net = new snn.Network({ layers: scenario.layers, batchSize: scenario.batch_size, seed: scenario.seed });
  try {
    assert.deepEqual(result.linears.map((l) => l.shape), [[784, 1000], [1000, 10]]);
    result.linears.forEach((l, k) => {
      sameBits(l.weight, bitsArray(net.weight(k)), `fc${k + 1}.weight`);
      sameBits(l.bias, bitsArray(net.bias(k)), `fc${k + 1}.bias`);
    });
  } finally {
    net.dispose();
  }

  // And they are the figure's whole network: the same Scenario with the script's weights and input
  // written out runs to the figure's trace.
  const rows = (bits, width) => {
    const values = Array.from(fromBits(bits));
    return Array.from({ length: values.length / width }, (_, r) => values.slice(r * width, (r + 1) * width));
  };
  const layers = scenario.layers.map((layer, k) => {
    if (k % 2) return layer;
    const l = result.linears[k / 2];
    return { ...layer, weight: rows(l.weight, layer.in), bias: Array.from(fromBits(l.bias)) };
  });
  const replay = snn.runScenario({ layers, num_steps: scenario.num_steps, batch_size: 1, record: scenario.record, input: rows(result.input, 784).map((r) => [r]) });
  for (const name of trace.names) sameBits(bitsArray(replay.get(name).data), bitsArray(trace.get(name).data), `replay ${name}`);
  assert.ok(trace.get('spk2').data.some((v) => v === 1), 'the figure has output spikes');
  assert.ok(seconds < 30, `generation takes ${seconds.toFixed(1)} s`);
});

test('every figure and variant: the exported input is the core\'s, bit for bit', () => {
  const cases = [];
  for (const spec of Object.values(figures)) {
    if (spec.id === 'network') continue; // its own test above
    for (const v of spec.variants?.length ? spec.variants : [{ label: 'default', set: {} }]) {
      const scenario = clone(spec.scenario);
      for (const [path, value] of Object.entries(v.set || {})) setPath(scenario, path, clone(value));
      cases.push([`${spec.id} (${v.label})`, scenario]);
    }
  }
  const regenerated = new Set();
  for (const [name, scenario] of cases) {
    const trace = snn.runScenario(scenario);
    const source = toPython(scenario, trace);
    assert.match(source, /^num_steps = /m, `${name}: the export is a script`);
    if (source.includes('def pcg32_floats(')) regenerated.add(name.split(' ')[0]);
    sameBits(runScript(source).result.input, bitsArray(trace.input.data), `${name}: input`);
  }
  // The figures with random spike trains regenerate them (the others have none, or a delta code).
  for (const id of ['spike-input', 'reset-compare', 'rate-code']) assert.ok(regenerated.has(id), `${id}: its random input is regenerated`);
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
  'network, batch 3: one rate per input, repeated per batch row; given bias': {
    layers: [{ type: 'Linear', in: 5, out: 6, bias: [0.1, 0.2, 0.3, -0.1, -0.2, 0] }, { type: 'Leaky', beta: 0.95 }],
    num_steps: 25, batch_size: 3, seed: 4,
    input: { sum: [{ rate: { values: [0.2, 0.4, 0.6, 0.8, 1] } }, { noise: { low: 0, high: 0.1 } }] },
  },
};

test('other generators, seeds and layer weights: regenerated bit for bit', () => {
  for (const [name, scenario] of Object.entries(GENERATED)) {
    const { trace, source, result } = exportAndRun(scenario);
    assert.ok(!source.includes(WRITTEN_OUT), `${name}: the input is regenerated, not written out`);
    sameBits(result.input, bitsArray(trace.input.data), `${name}: input`);
    if (!scenario.layers) continue;
    const net = new snn.Network({ layers: scenario.layers, batchSize: scenario.batch_size, seed: scenario.seed });
    try {
      result.linears.forEach((l, k) => {
        const layer = scenario.layers[2 * k];
        assert.deepEqual(l.shape, [layer.in, layer.out], `${name}: fc${k + 1} shape`);
        sameBits(l.weight, bitsArray(net.weight(k)), `${name}: fc${k + 1}.weight`);
        if (layer.bias === false) assert.equal(l.bias, null, `${name}: fc${k + 1} has no bias`);
        else sameBits(l.bias, bitsArray(net.bias(k)), `${name}: fc${k + 1}.bias`);
      });
    } finally {
      net.dispose();
    }
  }
});
