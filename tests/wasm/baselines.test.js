// The benchmark's plain-JS baselines (bench/js-baseline.mjs) are written independently of the core from
// snnTorch's update equations; `npm run bench` only reports their times when they give the module's
// numbers bit for bit. Here the same comparison runs on small cases, so a drift in either shows up in
// `npm test` and not first in a bench run. Every case must spike, or the reset paths would go unchecked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSnn } from 'snn-tutorial';
import { lapicqueRun, leakySteps, makeJsNetwork, sameBits } from '../../bench/js-baseline.mjs';

const snn = await loadSnn();
const count = (a) => a.reduce((n, v) => n + v, 0);

test('plain-JS Lapicque equals Lapicque.run bit for bit (W1 and two other neurons)', () => {
  const cases = [
    { R: 5.1, C: 5e-3, timeStep: 1e-3, amp: 0.2, start: 10, steps: 200 }, // W1
    { R: 1, C: 1e-2, timeStep: 5e-4, amp: 3.7, start: 0, steps: 300 },
    { R: 50, C: 1e-4, timeStep: 1e-3, amp: 0.05, start: 25, steps: 120 },
  ];
  for (const { amp, start, steps, ...options } of cases) {
    const input = new Float32Array(steps).fill(amp, start);
    const pop = new snn.Lapicque(options);
    const trace = pop.run(input, steps);
    pop.dispose();
    const js = lapicqueRun(input, options.R, options.C, options.timeStep, 1);
    assert.ok(count(js.spk) > 0, `R=${options.R}: no spikes, the reset path goes unchecked`);
    assert.ok(sameBits(trace.get('mem').data, js.mem), `R=${options.R}: membranes differ`);
    assert.ok(sameBits(trace.get('spk').data, js.spk), `R=${options.R}: spikes differ`);
  }
});

test('plain-JS Leaky steps equal Leaky.advance bit for bit (W3 scaled down)', () => {
  const n = 2000;
  const steps = 150;
  const input = snn.runScenario({
    model: 'Leaky', constructor: { beta: 0.9, threshold: 1.0, reset_mechanism: 'subtract' }, num_neurons: n,
    num_steps: 1, seed: 11, input: { constant: { value: { uniform: [0, 0.2] } } }, record: ['spk'],
  }).input.data;
  const pop = new snn.Leaky({ beta: 0.9, threshold: 1.0, resetMechanism: 'subtract', numNeurons: n });
  const out = pop.advance(input, steps);
  pop.dispose();
  const mem = new Float32Array(n);
  const spk = new Float32Array(n);
  leakySteps(mem, spk, input, 0.9, 1, steps);
  assert.ok(count(out.spikeCounts) > 0, 'no neuron spiked');
  assert.ok(sameBits(out.mem, mem), 'final membranes differ');
});

for (const neuron of [{ type: 'Leaky', beta: 0.95 }, { type: 'Synaptic', alpha: 0.9, beta: 0.8 }]) {
  test(`plain-JS network equals Network.run bit for bit (${neuron.type}, every recorded array)`, () => {
    const layers = [{ type: 'Linear', in: 60, out: 40 }, neuron, { type: 'Linear', in: 40, out: 6 }, neuron];
    const steps = 80;
    const input = snn.runScenario({
      layers, num_steps: steps, batch_size: 1, seed: 5, input: { rate: { values: { uniform: [0, 0.6] } } }, record: ['spk2'],
    }).input.data;
    const net = new snn.Network({ layers, batchSize: 1, seed: 9 });
    const trace = net.run(input, steps);
    const js = makeJsNetwork(layers, [net.weight(0), net.weight(1)], [net.bias(0), net.bias(1)]).run(input, steps);
    net.dispose();
    assert.deepEqual(Object.keys(js).sort(), [...trace.names].sort());
    assert.ok(count(trace.get('spk1').data) > 0 && count(trace.get('spk2').data) > 0, 'a layer never spiked');
    for (const name of trace.names) assert.ok(sameBits(trace.get(name).data, js[name]), `${name} differs`);
  });
}
