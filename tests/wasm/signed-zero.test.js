// A decay factor of -0.0 stays -0.0 after snnTorch's clamp(0, 1), so -0.0 * U is -0.0 for U > 0. The WASM
// build once clamped with f32.max, which gives +0.0 (clang's lowering of std::max(v, 0.0f)); these are the
// cases the snnTorch sweep (tests/reference) found, with snnTorch 0.9.4's signs. Scenarios go in as text:
// a JS object would lose -0.0 in JSON.stringify.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSnn } from 'snn-tutorial';
import { nativeHash } from './helpers.js';

const snn = await loadSnn();
const list = (n, v) => (n === 1 ? v : `[${Array(n).fill(v).join(',')}]`);
const row = (n, v) => `[[${Array(n).fill(v).join(',')}]]`;

// [name, scenario text, array, what snnTorch 0.9.4 returns there (every neuron)]
const cases = [1, 9].flatMap((n) => [
  // mem = clamp(-0.0)*0.5 + (-0.0) = -0.0 + -0.0
  [`Leaky beta -0.0, ${n} neuron(s)`, `{"model":"Leaky","constructor":{"beta":${list(n, '-0.0')}},"num_neurons":${n},"init":{"mem":0.5},"input":${row(n, '-0.0')}}`, 'mem', -0],
  // syn = clamp(-0.0)*0.5 + (-0.0)
  [`Synaptic alpha -0.0, ${n} neuron(s)`, `{"model":"Synaptic","constructor":{"alpha":${list(n, '-0.0')},"beta":0.5},"num_neurons":${n},"init":{"syn":0.5},"input":${row(n, '-0.0')}}`, 'syn', -0],
  // syn_inh = clamp(-0.0)*0.5 - 0.0
  [`Alpha beta -0.0, ${n} neuron(s)`, `{"model":"Alpha","constructor":{"alpha":0.5,"beta":${list(n, '-0.0')},"reset_mechanism":"none"},"num_neurons":${n},"init":{"syn_inh":0.5},"input":${row(n, '0.0')}}`, 'syn_inh', -0],
]);

for (const [name, text, array, want] of cases) {
  test(`signed zero: ${name} gives snnTorch's ${Object.is(want, -0) ? '-0.0' : want} in ${array}, as natively`, () => {
    const trace = snn.runScenario(text);
    for (const v of trace.get(array).data) assert.ok(Object.is(v, want), `${array} is ${Object.is(v, -0) ? '-0' : v}`);
    assert.equal(trace.hash(), nativeHash(text));
  });
}
