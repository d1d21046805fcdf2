// A table of bad calls: each throws the right JS error class with a message naming the field, and the
// module keeps working afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSnn } from 'snn-tutorial';

const snn = await loadSnn();
const good = { model: 'Leaky', constructor: { beta: 0.8 }, num_steps: 20, input: { step: { amplitude: 0.3, start: 2 } } };
const goodHash = snn.runScenario(good).hash();

const cases = [
  // [what, call, error class, text the message must contain]
  ['NaN beta', () => new snn.Leaky({ beta: NaN }), RangeError, 'constructor.beta must be a finite number, got NaN'],
  ['Infinity threshold', () => new snn.Leaky({ beta: 0.5, threshold: Infinity }), RangeError, 'constructor.threshold'],
  ['-Infinity in a scenario input', () => snn.runScenario({ ...good, input: [[-Infinity]], num_steps: 1 }), RangeError, 'input[0][0]'],
  ['NaN in step input', () => { const p = new snn.Leaky({ beta: 0.5 }); try { p.step([NaN]); } finally { p.dispose(); } }, RangeError, 'input[0] must be a finite number, got NaN'],
  ['negative numNeurons', () => new snn.Leaky({ beta: 0.5, numNeurons: -3 }), RangeError, 'num_neurons must be 1..'],
  ['fractional numNeurons', () => new snn.Leaky({ beta: 0.5, numNeurons: 2.5 }), RangeError, 'num_neurons'],
  ['absurd size', () => new snn.Leaky({ beta: 0.5, numNeurons: 1e9 }), RangeError, 'num_neurons must be 1..4000000'],
  ['absurd batch', () => new snn.Leaky({ beta: 0.5, numNeurons: 4000, batchSize: 4000 }), RangeError, 'batch_size'],
  ['beta 0 for Lapicque', () => new snn.Lapicque({ beta: 0 }), RangeError, 'Lapicque: beta must be > 0'],
  ['Alpha alpha <= beta', () => new snn.Alpha({ alpha: 0.7, beta: 0.8 }), RangeError, 'Alpha: alpha (0.7) must be greater than beta (0.8)'],
  ['SRM0 (old name) alpha == beta', () => new snn.SRM0({ alpha: 0.8, beta: 0.8 }), RangeError, 'alpha (0.8) must be greater than beta (0.8)'],
  ['wrong type for beta', () => new snn.Leaky({ beta: 'fast' }), TypeError, 'constructor.beta must be a number'],
  ['wrong type for resetMechanism', () => new snn.Leaky({ beta: 0.5, resetMechanism: 3 }), TypeError, 'constructor.reset_mechanism must be a string'],
  ['unknown option', () => new snn.Leaky({ beta: 0.5, betta: 0.4 }), TypeError, "unknown field 'betta'"],
  ['options not an object', () => new snn.Leaky(5), TypeError, 'options must be a JSON object, got 5'],
  ['wrong per-neuron length', () => new snn.Leaky({ beta: [0.1, 0.2, 0.3], numNeurons: 2 }), TypeError, 'constructor.beta has 3 values, expected 1 or 2'],
  ['wrong step input length', () => { const p = new snn.Leaky({ beta: 0.5, numNeurons: 4 }); try { p.step([1, 2]); } finally { p.dispose(); } }, TypeError, 'input has 2 values, expected 4'],
  ['advance 0 steps', () => { const p = new snn.Leaky({ beta: 0.5 }); try { p.advance([1], 0); } finally { p.dispose(); } }, RangeError, 'steps must be 1..1000000, got 0'],
  ['advance fractional steps', () => { const p = new snn.Leaky({ beta: 0.5 }); try { p.advance([1], 2.5); } finally { p.dispose(); } }, RangeError, 'steps must be 1..1000000, got 2.5'],
  ['advance too much work', () => { const p = new snn.Leaky({ beta: 0.5, numNeurons: 10000 }); try { p.advance(0.1, 1000000); } finally { p.dispose(); } }, RangeError, '10000000000 neuron updates, over the limit of 4000000000'],
  ['NaN in advance input', () => { const p = new snn.Leaky({ beta: 0.5, numNeurons: 2 }); try { p.advance([0.1, NaN], 10); } finally { p.dispose(); } }, RangeError, 'input[1] must be a finite number, got NaN'],
  ['wrong run input shape', () => { const p = new snn.Leaky({ beta: 0.5, numNeurons: 3 }); try { p.run([1, 2, 3, 4]); } finally { p.dispose(); } }, TypeError, 'not a whole number of steps'],
  ['scenario row length', () => snn.runScenario({ ...good, num_steps: 2, num_neurons: 2, input: [[1, 2], [3]] }), TypeError, 'input row 1 has 1 values, expected 2'],
  ['num_steps 0', () => snn.runScenario({ ...good, num_steps: 0 }), RangeError, 'num_steps must be 1..1000000, got 0'],
  ['huge scenario', () => snn.runScenario({ ...good, num_steps: 1000000, num_neurons: 100000 }), RangeError, 'over the limit'],
  ['scenario not JSON', () => snn.runScenario('{"model":'), TypeError, 'not valid JSON'],
  ['scenario null', () => snn.runScenario(null), TypeError, 'the scenario must be a JSON object, got null'],
  ['latency out of bounds', () => snn.spikegen.latency([0.01], { numSteps: 5, tau: 100 }), RangeError, 'num_steps'],
  ['rate without numSteps', () => snn.spikegen.rate([0.5], {}), TypeError, 'num_steps must be a whole number 1..1000000, got null'],
  ['Linear zero size', () => new snn.Linear({ inFeatures: 0, outFeatures: 3 }), RangeError, 'in_features must be 1..'],
  ['Linear weight shape', () => new snn.Linear({ inFeatures: 2, outFeatures: 2, weight: [1, 2, 3] }), TypeError, 'weight has 3 values, expected 4'],
  ['Network bad layer', () => new snn.Network({ layers: [{ type: 'Linear', in: 2, out: 2 }, { type: 'Leaky' }] }), TypeError, 'Leaky: beta is required'],
  ['Network absurd', () => new snn.Network({ layers: [{ type: 'Linear', in: 100000, out: 100000 }, { type: 'Leaky', beta: 0.5 }] }), RangeError, 'over the limit'],
];

for (const [what, call, ErrorClass, text] of cases) {
  test(`bad call: ${what} -> ${ErrorClass.name}`, () => {
    assert.throws(call, (e) => {
      assert.ok(e instanceof ErrorClass, `${what}: got ${e.constructor.name}: ${e.message}`);
      assert.ok(e.message.includes(text), `${what}: message "${e.message}" lacks "${text}"`);
      return true;
    });
    // Still usable, and still right.
    assert.equal(snn.runScenario(good).hash(), goodHash);
  });
}

test('errors carry field and kind', () => {
  try {
    new snn.Alpha({ alpha: 0.7, beta: 0.8 });
    assert.fail('no error');
  } catch (e) {
    assert.equal(e.field, 'constructor.alpha');
    assert.equal(e.kind, 'Range');
  }
});
