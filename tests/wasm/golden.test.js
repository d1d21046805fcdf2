// Every golden scenario through runScenario, with the native suite's comparisons: float32 bits where
// golden/README.md promises them, its tolerance elsewhere, spikes exactly; and JSON.stringify(trace) has the
// golden `output` structure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSnn } from 'snn-tutorial';
import { golden, flatFloats, firstBitMismatch, firstTolMismatch } from './helpers.js';

const snn = await loadSnn();

function replay(entry, tol) {
  const trace = snn.runScenario(entry);
  const json = JSON.parse(JSON.stringify(trace));
  assert.deepEqual(Object.keys(json).sort(), Object.keys(entry.output).sort(), `${entry.name}: array names`);
  for (const [name, want] of Object.entries(entry.output)) {
    const { data, shape } = trace.get(name);
    const expected = flatFloats(want);
    assert.equal(data.length, expected.length, `${entry.name}.${name}: length`);
    // Same nesting as the golden array.
    let level = want;
    for (const d of shape) {
      assert.ok(Array.isArray(level) && level.length === d, `${entry.name}.${name}: shape ${shape}`);
      level = level[0];
    }
    const spike = name.startsWith('spk');
    const bad = spike || !tol ? firstBitMismatch(data, expected) : firstTolMismatch(data, expected, tol, tol);
    assert.equal(bad, -1, `${entry.name}.${name}: first mismatch at ${bad}: got ${data[bad]}, want ${expected[bad]}`);
  }
}

for (const file of ['lapicque.json', 'leaky.json', 'synaptic.json', 'alpha.json']) {
  test(`golden ${file}: every scenario bit for bit`, () => {
    const { scenarios } = golden(file);
    assert.ok(scenarios.length > 0);
    for (const entry of scenarios) replay(entry, 0);
  });
}

test('golden network.json: dyadic nets bit for bit, float net within 1e-5', () => {
  const { networks } = golden('network.json');
  assert.equal(networks.length, 3);
  for (const net of networks) replay(net, net.weights_dyadic_exact_sums ? 0 : 1e-5);
});

test('golden legacy_v0_2.json: v0.2.11 (SRM0 within 1e-6)', () => {
  const { scenarios } = golden('legacy_v0_2.json');
  assert.equal(scenarios.length, 9);
  for (const entry of scenarios) replay(entry, entry.model.startsWith('SRM0') ? 1e-6 : 0);
});

test('the classes give the golden traces too (Leaky, Synaptic, Alpha with their init)', () => {
  const cases = [
    ['leaky.json', 'Leaky', 't3_leaky_beta0p8_step_0p21'],
    ['synaptic.json', 'Synaptic', 'init_state_nonzero'],
    ['alpha.json', 'Alpha', 'tutorial_a0p8_b0p7_thr0p5_default_zero'],
    ['leaky.json', 'Leaky', 'per_neuron_beta_4neurons'],
  ];
  for (const [file, cls, name] of cases) {
    const entry = golden(file).scenarios.find((s) => s.name === name);
    const options = { numNeurons: entry.num_neurons, init: entry.init };
    for (const [k, v] of Object.entries(entry.constructor)) options[k.replace(/_([a-z])/g, (_, c) => c.toUpperCase())] = v;
    const pop = new snn[cls](options);
    try {
      const trace = pop.run(entry.input);
      for (const [state, want] of Object.entries(entry.output))
        assert.equal(firstBitMismatch(trace.get(state).data, flatFloats(want)), -1, `${name}.${state}`);
    } finally {
      pop.dispose();
    }
  }
});
