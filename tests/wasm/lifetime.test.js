// Lifetime: dispose() frees; using a disposed object throws a clear error; 10,000 create/step/dispose
// cycles leave the heap in use unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSnn } from 'snn-tutorial';

const snn = await loadSnn();

function cycle(i) {
  const model = ['Leaky', 'Synaptic', 'Alpha', 'Lapicque'][i % 4];
  const options = { Leaky: { beta: 0.9 }, Synaptic: { alpha: 0.9, beta: 0.8 }, Alpha: { alpha: 0.9, beta: 0.8 }, Lapicque: { R: 5.1, C: 5e-3, timeStep: 1e-3 } }[model];
  const pop = new snn[model]({ ...options, numNeurons: 16 });
  pop.step(new Float32Array(16).fill(0.4));
  pop.run(new Float32Array(16 * 5).fill(0.2));
  pop.dispose();
  const lin = new snn.Linear({ inFeatures: 8, outFeatures: 4, seed: i });
  lin.forward(new Float32Array(8).fill(1));
  lin.dispose();
  if (i % 10 === 0) {
    const net = new snn.Network({ layers: [{ type: 'Linear', in: 8, out: 6 }, { type: 'Leaky', beta: 0.9 }], seed: i });
    net.run(new Float32Array(8 * 3).fill(1));
    net.dispose();
    snn.runScenario({ model: 'Leaky', constructor: { beta: 0.8 }, num_steps: 10, input: { rate: { p: 0.5 } } });
    try {
      new snn.Alpha({ alpha: 0.1, beta: 0.5 });
    } catch {
      // an error path must not leak either
    }
  }
}

test('10,000 create/step/dispose cycles leave the WASM heap in use unchanged', () => {
  for (let i = 0; i < 100; i++) cycle(i); // warm-up: first-time allocations of the runtime
  const before = snn.heapInUse();
  const memory = snn.memoryBytes();
  for (let i = 0; i < 10000; i++) cycle(i);
  assert.equal(snn.heapInUse(), before);
  assert.equal(snn.memoryBytes(), memory);
  // The measure can see a leak: an object not disposed shows up in it.
  const kept = new snn.Leaky({ beta: 0.9, numNeurons: 1000 });
  assert.ok(snn.heapInUse() >= before + 3 * 4 * 1000);
  kept.dispose();
  assert.equal(snn.heapInUse(), before);
});

test('a disposed object throws a clear error, and dispose twice is harmless', () => {
  const pop = new snn.Leaky({ beta: 0.5 });
  pop.dispose();
  pop.dispose();
  assert.equal(pop.disposed, true);
  assert.throws(() => pop.step([1]), /this Leaky has been disposed/);
  assert.throws(() => pop.reset(), /disposed/);
  const net = new snn.Network({ layers: [{ type: 'Linear', in: 2, out: 2 }, { type: 'Leaky', beta: 0.5 }] });
  net.dispose();
  assert.throws(() => net.step([1, 0]), /this Network has been disposed/);
});

test('arrays handed out are copies that survive memory growth and dispose', () => {
  const pop = new snn.Leaky({ beta: 0.9, numNeurons: 4 });
  const out = pop.step([0.5, 0.6, 1.5, 0.1]);
  const trace = pop.run(new Float32Array(4 * 10).fill(0.3));
  pop.dispose();
  // Grow the heap well past its initial size.
  const big = snn.runScenario({ model: 'Leaky', constructor: { beta: 0.9 }, num_steps: 1000, num_neurons: 5000, input: { constant: { value: 0.1 } } });
  assert.ok(snn.memoryBytes() > 16 * 1024 * 1024);
  assert.equal(out.mem.length, 4);
  assert.equal(out.mem[2], Math.fround(1.5));
  assert.equal(trace.get('mem').data.length, 40);
  assert.equal(big.get('mem').data.length, 5000 * 1000);
});

test('reset returns a population to its initial state', () => {
  const pop = new snn.Synaptic({ alpha: 0.9, beta: 0.8, numNeurons: 2, init: { mem: [0.5, 0.2], syn: 0.1 } });
  const first = pop.run(new Float32Array(2 * 20).fill(0.2));
  pop.reset();
  const again = pop.run(new Float32Array(2 * 20).fill(0.2));
  assert.equal(first.hash(), again.hash());
  assert.equal(first.get('mem').data[0], Math.fround(Math.fround(0.8 * 0.5) + Math.fround(Math.fround(0.9 * 0.1) + 0.2)));
  pop.dispose();
});
