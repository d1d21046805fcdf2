// runScenario keeps the weights it drew from a seed and the inputs it generated (core ScenarioCache), so a
// figure's slider does not redraw them. A run served from the cache must equal a fresh native run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSnn } from '../../wasm/index.js';
import { nativeHash } from './helpers.js';

const snn = await loadSnn();

const network = (beta, seed) => JSON.stringify({
  layers: [
    { type: 'Linear', in: 60, out: 40 }, { type: 'Leaky', beta },
    { type: 'Linear', in: 40, out: 6 }, { type: 'Leaky', beta },
  ],
  num_steps: 40,
  seed,
  input: { rate: { values: { uniform: [0, 0.4] } } },
});

test('network scenarios re-run with other neuron parameters or seeds equal native runs', () => {
  const seen = new Map();
  // Back and forth, as a slider moves: the later runs of each setting come from the cache.
  for (const [beta, seed] of [[0.9, 1], [0.5, 1], [0.9, 1], [0.95, 1], [0.9, 2], [0.5, 1], [0.9, 2]]) {
    const text = network(beta, seed);
    const hash = snn.runScenario(text).hash();
    if (!seen.has(text)) seen.set(text, nativeHash(text));
    assert.equal(hash, seen.get(text), `beta ${beta}, seed ${seed}`);
  }
  assert.notEqual(seen.get(network(0.9, 1)), seen.get(network(0.9, 2)), 'the seed changes the weights');
});

test('generated single-population inputs from the cache equal native runs', () => {
  for (const p of [0.2, 0.6, 0.2]) {
    for (const seed of [3, 4, 3]) {
      const text = JSON.stringify({ model: 'Leaky', constructor: { beta: 0.8 }, num_neurons: 5, num_steps: 50, seed, input: { rate: { p, amplitude: 0.7 } } });
      assert.equal(snn.runScenario(text).hash(), nativeHash(text), `p ${p}, seed ${seed}`);
    }
  }
});

test('with previous, an unchanged input is the previous trace\'s object; a changed one is a fresh copy', () => {
  const a = snn.runScenario(network(0.9, 1));
  const b = snn.runScenario(network(0.5, 1), { previous: a });
  assert.equal(b.input, a.input, 'beta alone changed: the input object is shared');
  // Its values are what a run without `previous` copies out.
  const fresh = snn.runScenario(network(0.5, 1));
  assert.notEqual(fresh.input, a.input);
  assert.deepEqual(fresh.input.shape, b.input.shape);
  assert.deepEqual(Array.from(fresh.input.data), Array.from(b.input.data));
  assert.equal(b.hash(), fresh.hash());
  // Another seed draws another input: not shared, and different values.
  const c = snn.runScenario(network(0.5, 2), { previous: b });
  assert.notEqual(c.input, b.input);
  assert.notDeepEqual(Array.from(c.input.data), Array.from(b.input.data));
  assert.deepEqual(Array.from(c.input.data), Array.from(snn.runScenario(network(0.5, 2)).input.data));
  // Explicit rows are not cached: never shared, even when equal.
  const rows = (beta) => ({ model: 'Leaky', constructor: { beta }, num_steps: 3, input: [[0.5], [0.5], [0.5]] });
  const d = snn.runScenario(rows(0.9));
  const e = snn.runScenario(rows(0.8), { previous: d });
  assert.notEqual(e.input, d.input);
  assert.deepEqual(Array.from(e.input.data), [0.5, 0.5, 0.5]);
  // Anything but a Trace as previous is ignored.
  assert.notEqual(snn.runScenario(network(0.9, 1), { previous: { input: a.input, inputSerial: a.inputSerial } }).input, a.input);
});
