// Sweeps through the JS API: runScenario of a scenario with a "sweep" returns a SweepResult whose counts and
// first spikes are those of independent runs of each value, equal to what the native `snn run` prints;
// errors are the core's; validateScenario and resolveScenario take sweeps; nothing leaks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { loadSnn } from 'snn-tutorial';
import { nativeCli } from './helpers.js';

const snn = await loadSnn();

// The scenario with `value` at a dotted path, written here (not by the core).
function withValue(scenario, path, value) {
  const copy = structuredClone(scenario);
  const steps = path.split('.');
  let at = copy;
  for (const step of steps.slice(0, -1)) at = at[Array.isArray(at) ? Number(step) : step] ??= {};
  at[steps.at(-1)] = value;
  return copy;
}

// Each value's counts and first spikes from an independent run: the last spike array of its trace.
function independent(scenario) {
  const { sweep, ...base } = scenario;
  return sweep.values.map((value) => {
    const trace = snn.runScenario(withValue(base, sweep.path, value));
    const name = [...trace.spikeArrays].at(-1);
    const { data, shape } = trace.get(name);
    const row = data.length / shape[0];
    const count = new Int32Array(row);
    const first = new Int32Array(row).fill(-1);
    for (let t = 0; t < shape[0]; t++)
      for (let i = 0; i < row; i++) if (data[t * row + i] !== 0 && count[i]++ === 0) first[i] = t;
    return { name, count, first };
  });
}

const LEAKY = { model: 'Leaky', constructor: { beta: 0.9 }, num_steps: 200 };
const CASES = {
  'F-I curve of a constant current': { ...LEAKY, input: { constant: { value: 0 } }, sweep: { path: 'input.constant.value', values: [0, 0.1, 0.12, 0.2, 0.5, 1, 1.5] } },
  'threshold of three neurons on noise': {
    ...LEAKY, num_neurons: 3, seed: 4, input: { noise: { high: 0.3 } }, sweep: { path: 'constructor.threshold', values: [0.2, 0.5, 0.8, 1.1] },
  },
  'a sine period': { ...LEAKY, input: { sine: { amplitude: 0.4, period: 10, offset: 0.05 } }, sweep: { path: 'input.sine.period', values: [3, 7.5, 20, 60] } },
  'a network output layer, batch 2': {
    layers: [{ type: 'Linear', in: 5, out: 7 }, { type: 'Leaky', beta: 0.9 }, { type: 'Linear', in: 7, out: 3 }, { type: 'Synaptic', alpha: 0.8, beta: 0.85 }],
    num_steps: 80, batch_size: 2, seed: 3, input: { rate: { values: { uniform: [0.2, 0.9] } } },
    sweep: { path: 'layers.3.beta', values: [0.2, 0.5, 0.8, 0.95] },
  },
};

test('a sweep result is independent runs of each value, in its layout', () => {
  for (const [what, scenario] of Object.entries(CASES)) {
    const r = snn.runScenario(scenario);
    assert.ok(r instanceof snn.SweepResult, what);
    assert.equal(r.path, scenario.sweep.path, what);
    assert.deepEqual(Array.from(r.values), scenario.sweep.values, what);
    assert.equal(r.numSteps, scenario.num_steps, what);
    const runs = independent(scenario);
    assert.equal(r.array, runs[0].name, what);
    assert.equal(r.shape[0], scenario.sweep.values.length, what);
    assert.equal(r.neurons, runs[0].count.length, what);
    let spikes = 0;
    runs.forEach((run, i) => {
      const got = r.at(i);
      assert.equal(got.value, scenario.sweep.values[i]);
      assert.deepEqual(Array.from(got.spikeCount), Array.from(run.count), `${what}, value ${i}`);
      assert.deepEqual(Array.from(got.firstSpike), Array.from(run.first), `${what}, value ${i}`);
      spikes += run.count.reduce((a, b) => a + b, 0);
    });
    assert.ok(spikes > 0, `${what}: some value spikes (a silent sweep would agree with anything)`);
  }
  const net = snn.runScenario(CASES['a network output layer, batch 2']);
  assert.deepEqual(net.shape, [4, 2, 3]);
  assert.equal(net.array, 'spk2');
});

test('the same sweep natively: snn run prints what toJSON gives, and JSON text runs as the object does', () => {
  for (const [what, scenario] of Object.entries(CASES)) {
    const text = JSON.stringify(scenario);
    const r = spawnSync(nativeCli, ['run', '-'], { input: text, encoding: 'utf8' });
    assert.equal(r.status, 0, `${what}: ${r.stderr}`);
    const fromObject = snn.runScenario(scenario);
    assert.deepEqual(JSON.parse(JSON.stringify(fromObject)), JSON.parse(r.stdout), what);
    assert.deepEqual(snn.runScenario(text).toJSON(), fromObject.toJSON(), what);
  }
});

test('sweep errors are the core\'s, with their field and kind; validate and resolve take sweeps', () => {
  const base = CASES['F-I curve of a constant current'];
  const bad = [
    [{ ...base, sweep: { path: 'constructor.reset_mechanism', values: [1] } }, TypeError, 'sweep.path', 'is not a number field'],
    [{ ...base, sweep: { path: 'num_steps', values: [10] } }, TypeError, 'sweep.path', 'stays fixed in a sweep'],
    [{ ...base, sweep: { path: 'input.constant.value', values: [] } }, RangeError, 'sweep.values', 'sweep.values has 0 values'],
    [{ ...base, sweep: { path: 'input.constant.value', values: [0.1, NaN] } }, RangeError, 'sweep.values[1]', 'must be a finite number, got NaN'],
    [{ ...base, sweep: { path: 'constructor.beta', values: [0.5, 2e39] } }, RangeError, 'constructor.beta', 'sweep.values[1] (2e+39): constructor.beta must fit in float32'],
    [{ ...base, record: ['spk'], sweep: { path: 'constructor.beta', values: [0.5] } }, TypeError, 'record', 'record does not apply to a sweep'],
  ];
  for (const [scenario, ErrorClass, field, text] of bad) {
    for (const call of [() => snn.runScenario(scenario), () => snn.validateScenario(scenario), () => snn.resolveScenario(scenario)]) {
      assert.throws(call, (e) => e instanceof ErrorClass && e.field === field && e.message.includes(text), `${field}: ${text}`);
    }
  }
  assert.equal(snn.validateScenario(base), undefined);
  const resolved = snn.resolveScenario(base);
  assert.deepEqual(resolved.sweep, base.sweep);
  assert.equal(resolved.input.constant.value, 0);
  assert.equal(resolved.record, undefined);
  assert.deepEqual(snn.runScenario(resolved).toJSON(), snn.runScenario(base).toJSON());
  // The module is still fine, and a plain scenario still gives a Trace.
  const { sweep, ...plain } = base;
  assert.ok(snn.runScenario(plain) instanceof snn.Trace);
});

test('sweeps leak nothing (results are copies; the core frees its own)', () => {
  const scenario = CASES['threshold of three neurons on noise'];
  for (let i = 0; i < 20; i++) snn.runScenario(scenario);
  const before = snn.heapInUse();
  for (let i = 0; i < 200; i++) snn.runScenario(scenario);
  assert.ok(snn.heapInUse() - before < 64 * 1024, `heap grew by ${snn.heapInUse() - before} bytes`);
});
