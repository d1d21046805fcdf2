// run(inputs, steps, { record }) keeps only the named arrays, with the same values a full recording has;
// names the run does not produce are refused with the Scenario's message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSnn } from '../../wasm/index.js';
import { firstBitMismatch } from './helpers.js';

const snn = await loadSnn();

test('Network.run and Leaky.run keep only the recorded arrays, bit for bit as a full run', () => {
  const layers = [{ type: 'Linear', in: 30, out: 20 }, { type: 'Synaptic', alpha: 0.8, beta: 0.9 }, { type: 'Linear', in: 20, out: 4 }, { type: 'Leaky', beta: 0.9 }];
  const net = new snn.Network({ layers, seed: 3 });
  const pop = new snn.Leaky({ numNeurons: 5, beta: 0.7 });
  try {
    const input = Float32Array.from({ length: 60 * 30 }, (_, i) => ((i * 37) % 11 === 0 ? 1 : 0));
    const all = net.run(input);
    net.reset();
    const some = net.run(input, undefined, { record: ['spk2', 'syn1'] });
    assert.deepEqual(some.names, ['syn1', 'spk2'].filter((n) => all.names.includes(n)).sort((a, b) => all.names.indexOf(a) - all.names.indexOf(b)));
    for (const name of some.names) assert.equal(firstBitMismatch(some.get(name).data, all.get(name).data), -1, name);
    assert.ok(all.get('spk2').data.some((v) => v !== 0), 'the output layer fires');

    const rows = Float32Array.from({ length: 40 * 5 }, (_, i) => (i % 7) / 10);
    const full = pop.run(rows);
    pop.reset();
    const spikes = pop.run(rows, undefined, { record: ['spk'] });
    assert.deepEqual(spikes.names, ['spk']);
    assert.equal(firstBitMismatch(spikes.get('spk').data, full.get('spk').data), -1);

    assert.throws(() => net.run(input, undefined, { record: ['mem9'] }), (e) => e instanceof TypeError && /record names 'mem9', which this scenario does not produce/.test(e.message) && e.field === 'record[0]');
    assert.throws(() => pop.run(rows, undefined, { record: ['spk', 'spk'] }), /record names 'spk' twice/);
    assert.throws(() => pop.run(rows, undefined, { record: [] }), TypeError);
    assert.throws(() => pop.run(rows, undefined, { record: 'spk' }), TypeError);
  } finally {
    net.dispose();
    pop.dispose();
  }
});

test('record ranges keep a slice of neurons: run() and runScenario() equal the full array cut by hand', () => {
  const layers = [{ type: 'Linear', in: 12, out: 40 }, { type: 'Leaky', beta: 0.95 }, { type: 'Linear', in: 40, out: 3 }, { type: 'Leaky', beta: 0.9 }];
  const scenario = { layers, num_steps: 30, batch_size: 2, seed: 5, input: { rate: { values: { uniform: [0, 0.6] } } } };
  const all = snn.runScenario(scenario);
  const cut = snn.runScenario({ ...scenario, record: ['mem1[31:40]', 'spk1[:9]'] });
  assert.deepEqual(cut.names, ['spk1', 'mem1']);
  const slice = (name, first, count) => {
    const out = [];
    for (let r = 0; r < 30 * 2; r++) for (let i = first; i < first + count; i++) out.push(all.get(name).data[r * 40 + i]);
    return Float32Array.from(out);
  };
  assert.deepEqual(cut.get('mem1').shape, [30, 2, 9]);
  assert.equal(firstBitMismatch(cut.get('mem1').data, slice('mem1', 31, 9)), -1);
  assert.equal(firstBitMismatch(cut.get('spk1').data, slice('spk1', 0, 9)), -1);
  assert.ok(cut.get('spk1').data.some((v) => v !== 0), 'the sliced neurons fire');

  const pop = new snn.Leaky({ numNeurons: 6, beta: 0.7 });
  try {
    const rows = Float32Array.from({ length: 25 * 6 }, (_, i) => (i % 5) / 4);
    const full = pop.run(rows);
    pop.reset();
    const some = pop.run(rows, undefined, { record: ['mem[2:5]'] });
    assert.deepEqual(some.get('mem').shape, [25, 3]);
    for (let t = 0; t < 25; t++) for (let i = 0; i < 3; i++) assert.equal(some.get('mem').data[t * 3 + i], full.get('mem').data[t * 6 + 2 + i]);
    assert.throws(() => pop.run(rows, undefined, { record: ['mem[4:9]'] }), (e) => e instanceof TypeError && /0 <= first < end <= 6 \(mem has 6 neurons\)/.test(e.message) && e.field === 'record[0]');
  } finally {
    pop.dispose();
  }
});
