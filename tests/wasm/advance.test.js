// Population.advance(input, steps): the fast path for holding one input for many steps. It must leave every
// state exactly where the same number of step() calls leaves it, and count the spikes those calls report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSnn } from '../../wasm/index.js';
import { firstBitMismatch } from './helpers.js';

const snn = await loadSnn();

// 1100 neurons: more than two of the core's 512-neuron blocks, the last one partial; two batch rows.
const N = 1100;
const BATCH = 2;
const populations = {
  'Leaky, per-neuron beta': () => new snn.Leaky({ numNeurons: N, batchSize: BATCH, beta: Float32Array.from({ length: N }, (_, i) => 0.5 + 0.07 * (i % 7)) }),
  'Leaky, zero reset, graded spikes': () => new snn.Leaky({ numNeurons: N, batchSize: BATCH, beta: 0.9, resetMechanism: 'zero', gradedSpikesFactor: 0.5 }),
  Synaptic: () => new snn.Synaptic({ numNeurons: N, batchSize: BATCH, alpha: 0.8, beta: 0.9 }),
  Alpha: () => new snn.Alpha({ numNeurons: N, batchSize: BATCH, alpha: 0.9, beta: 0.8, threshold: 0.5 }),
  Lapicque: () => new snn.Lapicque({ numNeurons: N, batchSize: BATCH, R: 5.1, C: 5e-3, timeStep: 1e-3 }),
};

// An input without our RNG: a fixed pattern of currents in [-0.3, 1.2).
const input = Float32Array.from({ length: N * BATCH }, (_, i) => ((i * 7919) % 1500) / 1000 - 0.3);

for (const [name, make] of Object.entries(populations)) {
  test(`advance equals repeated step(): ${name}`, () => {
    const stepped = make();
    const advanced = make();
    try {
      const steps = 57;
      const counted = new Float32Array(stepped.size);
      let last;
      for (let t = 0; t < steps; t++) {
        last = stepped.step(input);
        for (let i = 0; i < counted.length; i++) counted[i] += last.spk[i] !== 0 ? 1 : 0;
      }
      const out = advanced.advance(input, steps);
      assert.deepEqual(Array.from(out.spikeCounts), Array.from(counted));
      assert.ok(counted.some((c) => c > 0) && counted.some((c) => c === 0), 'some neurons fire and some do not');
      for (const state of stepped.stateNames) assert.equal(firstBitMismatch(out[state], last[state]), -1, state);

      // Without counting, continuing from there: still the same as stepping.
      const more = advanced.advance(input, 9, { countSpikes: false });
      assert.equal(more.spikeCounts, undefined);
      for (let t = 0; t < 9; t++) last = stepped.step(input);
      for (const state of stepped.stateNames) assert.equal(firstBitMismatch(more[state], last[state]), -1, state);
    } finally {
      stepped.dispose();
      advanced.dispose();
    }
  });
}

test('advance takes one number for every neuron, and allocates nothing per call', () => {
  const pop = new snn.Leaky({ numNeurons: 3000, beta: 0.95 });
  try {
    const a = pop.advance(0.08, 200);
    // mem after k steps of constant x with beta 0.95 from 0 approaches 1.6 > 1: every neuron fires.
    assert.ok(a.spikeCounts.every((c) => c === a.spikeCounts[0] && c > 0));
    const before = snn.heapInUse();
    for (let k = 0; k < 50; k++) pop.advance(0.08, 20);
    assert.equal(snn.heapInUse(), before);
  } finally {
    pop.dispose();
  }
});
