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
