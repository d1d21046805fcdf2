// How a page's worker runs the core: runScenario's onProgress hears a long run in order and changes nothing
// in it; toMessage / fromMessage carry a Trace or SweepResult across postMessage (arrays transferred) and give
// back the same values and methods; an input sent as the previous one is the receiver's same object.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSnn } from 'snn-tutorial';

const snn = await loadSnn();

const long = {
  model: 'Leaky', constructor: { beta: 0.9 }, num_steps: 2000, num_neurons: 3000,
  input: { constant: { value: { uniform: [0, 0.3], seed: 5 } } }, record: ['spk', 'mem'],
};

// What postMessage does to a message: a structured clone, the listed buffers moved.
const post = ({ message, transfer }) => structuredClone(message, { transfer });

test('onProgress: fractions in [0, 1], in order, many for a long run; the trace is the same as without', () => {
  const quiet = snn.runScenario(long).hash();
  const heard = [];
  const trace = snn.runScenario(long, { onProgress: (f) => heard.push(f) });
  assert.equal(trace.hash(), quiet);
  assert.ok(heard.length >= 4, `${heard.length} reports`);
  heard.forEach((f, i) => {
    assert.ok(f >= 0 && f <= 1, `report ${f}`);
    if (i) assert.ok(f >= heard[i - 1], `report ${i} went back: ${heard[i - 1]} -> ${f}`);
  });
  assert.ok(heard.at(-1) > 0.5);
});

test('onProgress: a sweep ends each value at its share, a listener that throws changes nothing, a non-function is refused', () => {
  const sweep = { ...long, record: undefined, num_steps: 300, sweep: { path: 'constructor.beta', values: [0.5, 0.8, 0.9, 0.95] } };
  delete sweep.record;
  const heard = [];
  const result = snn.runScenario(sweep, { onProgress: (f) => heard.push(f) });
  for (const end of [0.25, 0.5, 0.75, 1]) assert.ok(heard.includes(end), `no report of ${end} in ${heard}`);
  assert.deepEqual(result.toJSON(), snn.runScenario(sweep).toJSON());

  const before = snn.heapInUse();
  const trace = snn.runScenario(long, { onProgress: () => { throw new Error('listener'); } });
  assert.equal(trace.hash(), snn.runScenario(long).hash());
  assert.equal(snn.heapInUse(), before);
  for (const bad of [1, 'x', {}]) {
    assert.throws(() => snn.runScenario(long, { onProgress: bad }), (e) => e instanceof TypeError && e.field === 'options.onProgress' && e.kind === 'Type');
  }
});

test('toMessage / fromMessage: a trace arrives with the same bits, names, shapes, input and methods; its buffers move', () => {
  const trace = snn.runScenario({ ...long, num_steps: 50, num_neurons: 4 });
  const hash = trace.hash();
  const json = JSON.stringify(trace.toJSON());
  const input = Array.from(trace.input.data);
  const sent = snn.toMessage(trace);
  const got = snn.fromMessage(post(sent));
  assert.equal(got.hash(), hash);
  assert.equal(JSON.stringify(got.toJSON()), json);
  assert.deepEqual(got.names, ['spk', 'mem']);
  assert.deepEqual(got.get('mem').shape, [50, 4]);
  assert.equal(got.numSteps, 50);
  assert.deepEqual(Array.from(got.input.data), input);
  assert.ok(got instanceof snn.Trace);
  // Moved, not copied: the sender's arrays are empty now.
  assert.equal(trace.get('mem').data.length, 0);
});

test('toMessage / fromMessage: an input the same as the previous trace\'s is not sent and comes back as the receiver\'s object', () => {
  const scenario = { ...long, num_steps: 40, num_neurons: 3 };
  const first = snn.runScenario(scenario);
  const second = snn.runScenario({ ...scenario, constructor: { beta: 0.5 } }, { previous: first });
  assert.equal(second.input, first.input);
  const receivedFirst = snn.fromMessage(post(snn.toMessage(first)));
  const message = snn.toMessage(second, { previous: first });
  assert.equal(message.message.input, 'previous');
  const receivedSecond = snn.fromMessage(post(message), { previous: receivedFirst });
  assert.equal(receivedSecond.input, receivedFirst.input);
  assert.throws(() => snn.fromMessage(post(snn.toMessage(snn.runScenario({ ...scenario, constructor: { beta: 0.4 } }, { previous: second }), { previous: second }))),
    (e) => e instanceof TypeError && e.field === 'previous');
  // A new input is sent.
  const third = snn.runScenario({ ...scenario, input: { constant: { value: 0.2 } } }, { previous: second });
  assert.notEqual(snn.toMessage(third, { previous: second }).message.input, 'previous');
});

test('toMessage / fromMessage: a sweep result arrives whole; anything else is refused', () => {
  const sweep = { model: 'Leaky', constructor: { beta: 0.8 }, num_steps: 100, input: { constant: { value: 0 } }, sweep: { path: 'input.constant.value', values: [0, 0.3, 0.6, 1.2] } };
  const result = snn.runScenario(sweep);
  const want = result.toJSON();
  const got = snn.fromMessage(post(snn.toMessage(result)));
  assert.ok(got instanceof snn.SweepResult);
  assert.deepEqual(got.toJSON(), want);
  assert.deepEqual(Array.from(got.at(3).spikeCount), want.spike_count[3]);
  assert.equal(got.neurons, 1);
  assert.throws(() => snn.toMessage({}), TypeError);
  assert.throws(() => snn.fromMessage({ kind: 'x' }), TypeError);
});
