// Hostile calls: every function, constructor, method and getter of the JS API (found by enumerating the
// API object and its classes' prototypes, so that a new one without an entry here fails the test) is
// called with hostile arguments — wrong types, numeric strings, booleans, NaN, ±∞, -0, huge and
// fractional numbers, BigInts, symbols, functions, typed arrays of every kind, cyclic and deeply nested
// values, prototype keys — at the top level and inside otherwise valid options and scenarios. Every call
// must return or throw a RangeError / TypeError carrying the core's kind and field (never an Emscripten
// BindingError, a WebAssembly exception or trap, a bare number, or an error of kind Internal); the second
// of two identical passes must end with the WebAssembly heap exactly where the first ended (no error path
// leaks), and the results of a fixed set of calls must be what they were before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSnn } from 'snn-tutorial';

const snn = await loadSnn();
const kinds = new Set(snn.catalogue().error_kinds.map((k) => k.name));
const rangeKinds = new Set(['Range', 'Limit', 'OutOfMemory']);
const typeKinds = new Set(['Type', 'Invalid']);

// ------------------------------------------------------------------------------------ hostile values
const cyclicArray = [1, 2];
cyclicArray.push(cyclicArray);
const cyclicObject = { beta: 0.5 };
cyclicObject.self = cyclicObject;
let deep = [0.5];
for (let i = 0; i < 200; i++) deep = [deep];
const protoKey = JSON.parse('{"__proto__": {"beta": 0.5}, "constructor": 1, "prototype": 2}');

const HOSTILE = [
  undefined, null, true, false, 0, -0, 1, -1, 0.5, 2.5, 3, 7, NaN, Infinity, -Infinity, 2 ** 31, 2 ** 32, 2 ** 53, 2 ** 64,
  1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2, 4000001, 1e7, '', 'x', '3', '1e3', ' 1', '0x10', 'NaN', 'Infinity',
  '__proto__', 'constructor', 'prototype', 'mem', 'spk', '\u0000\u001b[31m', '\ud800', 'a'.repeat(2000), 1n, 2n ** 70n, -1n,
  Symbol('s'), () => 1, {}, [], [1], [[1]], [[[1]]], [NaN], [1, 'x'], [null], [undefined], [1, , 3], [true], ['3'],
  [1n], [{}], new Float32Array(3), new Float32Array([NaN, 1, 2]), new Float64Array([1, Infinity]), new Int32Array(4),
  new Uint8Array(5), new BigInt64Array(2), new BigUint64Array(1), new DataView(new ArrayBuffer(8)), new ArrayBuffer(8),
  { valueOf: () => 3 }, { toString: () => '3' }, { toJSON: () => 3 }, new Date(0), /x/, new Map([[1, 2]]), new Set([1]),
  Object.create(null), { length: 3 }, { 0: 1, length: 1 }, new Number(3), new String('3'), new Boolean(true), cyclicArray,
  cyclicObject, deep, protoKey, { beta: 0.5 }, { model: 'Leaky' }, new Error('x'), Promise.resolve(1),
];

// A deterministic stream of choices (xorshift32), so that both passes make the same calls.
function chooser(seed) {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  return { int: (n) => next() % n, pick: (list) => list[next() % list.length] };
}

// ------------------------------------------------------------------------------ valid starting points
const LEAKY = { beta: 0.8, numNeurons: 3 };
const LAYERS = [{ type: 'Linear', in: 3, out: 4 }, { type: 'Leaky', beta: 0.9 }];
const SCENARIO = { model: 'Leaky', constructor: { beta: 0.8 }, num_steps: 20, input: { step: { amplitude: 0.3, start: 2 } } };
const NETWORK_SCENARIO = { layers: LAYERS, num_steps: 10, seed: 3, input: { rate: { p: 0.4 } } };
const MODEL_OPTIONS = {
  Leaky: { beta: 0.8 }, Synaptic: { alpha: 0.9, beta: 0.8 }, Stein: { alpha: 0.9, beta: 0.8 }, Alpha: { alpha: 0.9, beta: 0.8 },
  SRM0: { alpha: 0.9, beta: 0.8 }, Lapicque: { R: 5.1, C: 5e-3, timeStep: 1e-3 }, EulerLIF: { R: 5.1, C: 5e-3, timeStep: 1e-3 },
};

// A copy of `value` with the thing at `path` (keys, last one set) replaced by `h`.
function withAt(value, path, h) {
  const copy = structuredClone(value);
  let o = copy;
  for (const key of path.slice(0, -1)) {
    if (o[key] === null || typeof o[key] !== 'object') o[key] = {};
    o = o[key];
  }
  o[path[path.length - 1]] = h;
  return copy;
}

// Paths inside a valid object where a hostile value goes.
const SCENARIO_PATHS = [['model'], ['constructor'], ['constructor', 'beta'], ['constructor', 'threshold'], ['constructor', 'reset_mechanism'],
  ['num_steps'], ['num_neurons'], ['seed'], ['record'], ['init'], ['input'], ['input', 'step'], ['input', 'step', 'amplitude'],
  ['input', 'step', 'start'], ['name'], ['spike_timing'], ['__proto__'], ['constructor', '__proto__']];
const NETWORK_PATHS = [['layers'], ['layers', 0], ['layers', 0, 'in'], ['layers', 0, 'out'], ['layers', 0, 'weight'], ['layers', 0, 'bias'],
  ['layers', 1, 'beta'], ['layers', 1, 'type'], ['batch_size'], ['seed'], ['num_steps'], ['input', 'rate', 'p'], ['record']];
const LEAKY_PATHS = [['beta'], ['threshold'], ['numNeurons'], ['batchSize'], ['init'], ['init', 'mem'], ['resetMechanism'], ['gradedSpikesFactor'],
  ['spikeGrad'], ['__proto__']];

// ----------------------------------------------------------------------------------- the surface
// Every callable of the API: how to call it with hostile arguments `h` (a list) and choices `c`. `own` takes
// the objects a call made, to be disposed of.
const SURFACE = {
  // Neuron classes: hostile options, or valid ones with one field hostile.
  ...Object.fromEntries(Object.keys(MODEL_OPTIONS).map((name) => [name, (h, c) => {
    if (c.int(2)) return new snn[name](h[0]);
    return new snn[name](withAt({ ...MODEL_OPTIONS[name], numNeurons: 3 }, c.pick(LEAKY_PATHS), h[0]));
  }])),
  Linear: (h, c) => {
    const paths = [['inFeatures'], ['outFeatures'], ['bias'], ['seed'], ['weight'], ['biasValues'], ['extra']];
    return c.int(3) ? new snn.Linear(withAt({ inFeatures: 3, outFeatures: 2 }, c.pick(paths), h[0])) : new snn.Linear(h[0]);
  },
  Network: (h, c) => {
    const paths = [['layers'], ['layers', 0], ['layers', 0, 'in'], ['layers', 0, 'out'], ['layers', 1], ['layers', 1, 'beta'], ['batchSize'], ['seed'], ['other']];
    return c.int(3) ? new snn.Network(withAt({ layers: LAYERS, seed: 1 }, c.pick(paths), h[0])) : new snn.Network(h[0]);
  },
  Trace: (h) => new snn.Trace(h[0], h[1], h[2]),
  SweepResult: (h) => new snn.SweepResult(h[0], h[1]),
  runScenario: (h, c) => {
    const r = c.int(4);
    if (r === 0) return snn.runScenario(h[0], h[1]);
    if (r === 1) return snn.runScenario(withAt(NETWORK_SCENARIO, c.pick(NETWORK_PATHS), h[0]));
    if (r === 2) return snn.runScenario(SCENARIO, h[0]);
    return snn.runScenario(withAt(SCENARIO, c.pick(SCENARIO_PATHS), h[0]));
  },
  toMessage: (h, c) => snn.toMessage(c.int(2) ? h[0] : snn.runScenario(SCENARIO), c.int(2) ? h[1] : { previous: h[0] }),
  fromMessage: (h, c) => {
    const sent = snn.toMessage(snn.runScenario(SCENARIO)).message;
    return snn.fromMessage(c.int(2) ? h[0] : { ...sent, kind: h[0] }, c.int(2) ? h[1] : { previous: h[0] });
  },
  validateScenario: (h, c) => snn.validateScenario(c.int(2) ? h[0] : withAt(SCENARIO, c.pick(SCENARIO_PATHS), h[0])),
  resolveScenario: (h, c) => snn.resolveScenario(c.int(2) ? h[0] : withAt(NETWORK_SCENARIO, c.pick(NETWORK_PATHS), h[0])),
  catalogue: (h) => snn.catalogue(h[0]),
  heapInUse: (h) => snn.heapInUse(h[0]),
  memoryBytes: (h) => snn.memoryBytes(h[0]),
  'spikegen.rate': (h, c) => {
    const paths = [['numSteps'], ['seed'], ['gain'], ['offset'], ['firstSpikeTime'], ['other']];
    return c.int(2) ? snn.spikegen.rate(h[0], h[1]) : snn.spikegen.rate([0.2, 0.7], withAt({ numSteps: 10 }, c.pick(paths), h[0]));
  },
  'spikegen.latency': (h, c) => {
    const paths = [['numSteps'], ['tau'], ['threshold'], ['linear'], ['normalize'], ['clip'], ['bypass'], ['firstSpikeTime'], ['onTarget']];
    return c.int(2) ? snn.spikegen.latency(h[0], h[1]) : snn.spikegen.latency([0.2, 0.7], withAt({ numSteps: 10 }, c.pick(paths), h[0]));
  },
  'spikegen.delta': (h, c) => {
    const paths = [['threshold'], ['padding'], ['offSpike'], ['other']];
    if (c.int(2)) return snn.spikegen.delta(h[0], h[1]);
    return c.int(2) ? snn.spikegen.delta([[0, 1], [1, 0]], withAt({}, c.pick(paths), h[0])) : snn.spikegen.delta([[0, 1], [h[0], 0]]);
  },
};
// Methods and getters of the objects the API makes, called on a fresh valid object.
const MAKERS = {
  NeuronPopulation: () => new snn.Leaky(LEAKY),
  Linear: () => new snn.Linear({ inFeatures: 3, outFeatures: 2, seed: 1 }),
  Network: () => new snn.Network({ layers: LAYERS, seed: 1 }),
  Trace: () => snn.runScenario(SCENARIO),
  SweepResult: () => snn.runScenario({ ...SCENARIO, sweep: { path: 'constructor.beta', values: [0.5, 0.9] } }),
};
const METHODS = {
  NeuronPopulation: {
    step: (o, h) => o.step(h[0]),
    advance: (o, h, c) => (c.int(2) ? o.advance(h[0], h[1], h[2]) : o.advance(0.5, c.pick([10, h[0]]), c.pick([undefined, h[1], { countSpikes: h[1] }]))),
    run: (o, h, c) => (c.int(2) ? o.run(h[0], h[1], h[2]) : o.run(new Float32Array(6), c.pick([2, h[0]]), c.pick([{ record: h[1] }, { record: ['spk', h[1]] }, h[1]]))),
    reset: (o, h) => o.reset(h[0]),
    setInitialState: (o, h, c) => o.setInitialState(c.int(2) ? h[0] : { [c.pick(['mem', 'syn', '__proto__', 'x'])]: h[0] }),
    size: (o) => o.size,
  },
  Linear: {
    load: (o, h, c) => (c.int(2) ? o.load(h[0], h[1]) : o.load([1, 2, 3, 4, 5, 6], h[0])),
    weight: (o) => o.weight,
    bias: (o) => o.bias,
    forward: (o, h) => o.forward(h[0]),
  },
  Network: {
    step: (o, h) => o.step(h[0]),
    run: (o, h, c) => (c.int(2) ? o.run(h[0], h[1], h[2]) : o.run(new Float32Array(9), c.pick([3, h[0]]), { record: h[1] })),
    weight: (o, h) => o.weight(h[0]),
    bias: (o, h) => o.bias(h[0]),
    reset: (o, h) => o.reset(h[0]),
  },
  Owned: {
    handle: (o) => o.handle,
    disposed: (o) => o.disposed,
    dispose: (o, h) => o.dispose(h[0]),
  },
  SweepResult: {
    neurons: (o) => o.neurons,
    at: (o, h) => o.at(h[0]),
    toJSON: (o, h) => o.toJSON(h[0]),
  },
  Trace: {
    names: (o) => o.names,
    get: (o, h) => o.get(h[0]),
    hash: (o, h) => o.hash(h[0]),
    toJSON: (o, h) => o.toJSON(h[0]),
  },
};

// Every own method or accessor of a class's prototype chain, up to Object.prototype.
function members(cls) {
  const names = new Map();
  for (let p = cls.prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p))
    for (const name of Object.getOwnPropertyNames(p)) if (name !== 'constructor' && !names.has(name)) names.set(name, p.constructor.name);
  return names;
}

test('the table covers the whole API: every export, class method and getter', () => {
  const exported = [];
  for (const [name, value] of Object.entries(snn)) {
    if (name === 'spikegen') for (const fn of Object.keys(value)) exported.push(`spikegen.${fn}`);
    else exported.push(name);
  }
  assert.deepEqual(exported.filter((n) => !(n in SURFACE)), [], 'exports with no hostile calls in SURFACE');
  assert.deepEqual(Object.keys(SURFACE).filter((n) => !exported.includes(n)), [], 'SURFACE entries the API does not export');
  const seen = new Set();
  for (const [label, make] of Object.entries(MAKERS)) {
    const object = make();
    for (const [name, owner] of members(object.constructor)) {
      const table = METHODS[owner === 'Owned' ? 'Owned' : label];
      assert.ok(table && name in table, `${label}'s ${name} (from ${owner}) has no hostile calls in METHODS`);
      seen.add(`${owner === 'Owned' ? 'Owned' : label}.${name}`);
    }
    if (object.dispose) object.dispose();
  }
  for (const [label, table] of Object.entries(METHODS)) for (const name of Object.keys(table)) assert.ok(seen.has(`${label}.${name}`), `METHODS.${label}.${name} is not on the API`);
});

// ----------------------------------------------------------------------------------------- checks
// What a call may end with: a value, or a RangeError / TypeError of the core's kinds with a field and a
// message. Returns a description of what is wrong, or null.
function judge(error) {
  if (!(error instanceof Error)) return `threw a non-Error: ${typeof error} ${String(error).slice(0, 80)}`;
  if (!(error instanceof RangeError || error instanceof TypeError)) return `threw ${error.constructor.name} (${error.name}): ${error.message.slice(0, 160)}`;
  if (!kinds.has(error.kind)) return `${error.name} without a core kind (${String(error.kind)}): ${error.message.slice(0, 160)}`;
  if (error.kind === 'Internal') return `an Internal error: ${error.message.slice(0, 160)}`;
  if (typeof error.field !== 'string') return `${error.name} without a field: ${error.message.slice(0, 160)}`;
  if (rangeKinds.has(error.kind) !== (error instanceof RangeError) || typeKinds.has(error.kind) !== (error instanceof TypeError))
    return `${error.name} of kind ${error.kind}: ${error.message.slice(0, 160)}`;
  if (!error.message || /\[object |undefined is|is not a function|Cannot read prop/.test(error.message)) return `a message that is not the core's: ${error.message.slice(0, 160)}`;
  return null;
}

// Objects a call returned that own core memory: disposed of after the call.
function release(result) {
  if (result && typeof result.dispose === 'function') result.dispose();
}

// One pass of `count` hostile calls, the same for the same seed. Returns what went wrong.
function pass(seed, count) {
  const c = chooser(seed);
  const problems = [];
  const entries = [
    ...Object.entries(SURFACE).map(([name, call]) => [name, (h) => release(call(h, c))]),
    ...Object.entries(METHODS).flatMap(([label, table]) => Object.entries(table).map(([name, call]) => [`${label}.${name}`, (h) => {
      const object = (MAKERS[label] || MAKERS[c.pick(['NeuronPopulation', 'Linear', 'Network'])])();
      try {
        return call(object, h, c);
      } finally {
        release(object);
      }
    }])),
  ];
  const counts = { calls: 0, errors: 0 };
  for (let i = 0; i < count; i++) {
    const [name, call] = entries[i % entries.length];
    const h = [c.pick(HOSTILE), c.pick(HOSTILE), c.pick(HOSTILE)];
    counts.calls++;
    try {
      call(h);
    } catch (e) {
      counts.errors++;
      const wrong = judge(e);
      if (wrong && problems.length < 20) problems.push(`${name}(${h.map(show).join(', ')}): ${wrong}`);
    }
  }
  return { problems, ...counts };
}

function show(v) {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'symbol' || typeof v === 'function') return String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 12 ? `${v.slice(0, 12)}…` : v);
  if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return `${v.constructor.name}(${v.byteLength})`;
  if (Array.isArray(v)) return v === cyclicArray ? '[cyclic]' : v === deep ? '[deep]' : `[${v.length} items]`;
  if (v && typeof v === 'object') return v === cyclicObject ? '{cyclic}' : `${v.constructor ? v.constructor.name : 'null-proto'}`;
  return String(v);
}

// Calls whose results are fixed: the same before and after the hostile passes.
function reference() {
  const out = {};
  out.scenario = snn.runScenario(SCENARIO).hash();
  out.network = snn.runScenario(NETWORK_SCENARIO).hash();
  const lif = new snn.Leaky(LEAKY);
  out.step = Array.from(lif.step([0.5, 1.2, 2.5]).mem);
  out.advance = Array.from(lif.advance([0.3, 0.2, 0.1], 50).spikeCounts);
  lif.dispose();
  const lin = new snn.Linear({ inFeatures: 3, outFeatures: 2, seed: 4 });
  out.forward = Array.from(lin.forward([1, 2, 3]));
  lin.dispose();
  const net = new snn.Network({ layers: LAYERS, seed: 5 });
  out.run = net.run(new Float32Array(9).fill(1)).hash();
  out.weight = Array.from(net.weight(0));
  net.dispose();
  out.rate = Array.from(snn.spikegen.rate([0.3, 0.6], { numSteps: 20, seed: 9 }).data);
  return out;
}

test('hostile calls: core errors only, no leak, the same results afterwards', () => {
  const before = reference();
  const CALLS = 8000;
  const first = pass(20251202, CALLS);
  const heap = snn.heapInUse();
  const memory = snn.memoryBytes();
  const second = pass(20251202, CALLS);
  assert.deepEqual(first.problems, []);
  assert.deepEqual(second.problems, []);
  assert.ok(first.calls + second.calls >= 10000, `${first.calls + second.calls} calls`);
  assert.ok(first.errors > first.calls / 2, `most hostile calls are refused (${first.errors} of ${first.calls})`);
  // The second pass made the same calls as the first: it leaves the heap as the first left it.
  assert.equal(snn.heapInUse(), heap, 'the heap in use after the second pass (a leak on some error path)');
  assert.equal(snn.memoryBytes(), memory, 'the WebAssembly memory grew in the second pass');
  assert.deepEqual(reference(), before);
  console.log(`# ${first.calls + second.calls} hostile calls, ${first.errors + second.errors} refused; heap ${heap} B, memory ${memory} B`);
});

// ------------------------------------------------------------------------- the hostile run's findings
function refused(call, ErrorClass, field, text) {
  assert.throws(call, (e) => {
    assert.equal(judge(e), null, String(e && e.message));
    if (ErrorClass) assert.ok(e instanceof ErrorClass, `${e.name}: ${e.message}`);
    if (field !== undefined) assert.equal(e.field, field, e.message);
    if (text) assert.ok(e.message.includes(text), `"${e.message}" lacks "${text}"`);
    return true;
  });
}

test('Network.weight(k) and bias(k) check k: no other memory, no trap, no layer 0 for "x"', () => {
  const net = new snn.Network({ layers: LAYERS, seed: 1 });
  try {
    let heap = 0;
    for (let i = 0; i < 200; i++) {
      if (i === 1) heap = snn.heapInUse(); // after one round: the first error of a kind makes the core's tables
      refused(() => net.weight(1), RangeError, 'layer', 'layer must be a whole number 0..0 (layers: 1), got 1');
      refused(() => net.bias(-1), RangeError, 'layer', 'got -1');
      refused(() => net.weight(2 ** 31), RangeError, 'layer');
      refused(() => net.weight(0.5), RangeError, 'layer');
      refused(() => net.weight('x'), TypeError, 'layer', 'got the string "x"');
      refused(() => net.weight(NaN), RangeError, 'layer', 'got NaN');
      refused(() => net.weight(null), TypeError, 'layer', 'got null');
      refused(() => net.weight(), TypeError, 'layer', 'got null');
      refused(() => net.bias('0'), TypeError, 'layer', 'got the string "0"');
      refused(() => net.weight(true), TypeError, 'layer', 'got true');
    }
    assert.equal(snn.heapInUse(), heap);
    assert.equal(net.weight(0).length, 12);
    assert.equal(net.bias(0).length, 4);
  } finally {
    net.dispose();
  }
});

test('seeds, sizes and counts: NaN, -1, ∞, "x", numeric strings and booleans are refused, not read as 0 or 1', () => {
  for (const seed of [NaN, -1, Infinity, 'x', '3', true, 0.5, 2 ** 53, 1n]) {
    refused(() => new snn.Linear({ inFeatures: 2, outFeatures: 2, seed }), seed === 'x' || seed === '3' || seed === true || seed === 1n ? TypeError : RangeError, 'seed');
    refused(() => new snn.Network({ layers: LAYERS, seed }), undefined, 'seed');
    refused(() => snn.spikegen.rate([0.5], { numSteps: 5, seed }), undefined, 'seed');
  }
  refused(() => new snn.Leaky({ beta: 0.5, numNeurons: '3' }), TypeError, 'num_neurons', 'got the string "3"');
  refused(() => new snn.Leaky({ beta: 0.5, numNeurons: true }), TypeError, 'num_neurons', 'got true');
  refused(() => new snn.Leaky({ beta: 0.5, batchSize: '2' }), TypeError, 'batch_size');
  refused(() => new snn.Linear({ inFeatures: '3', outFeatures: 2 }), TypeError, 'in_features');
  refused(() => new snn.Linear({ inFeatures: 3, outFeatures: 2, bias: 'no' }), TypeError, 'bias', 'must be true or false');
  refused(() => new snn.Network({ layers: LAYERS, batchSize: false }), TypeError, 'batch_size');
  const lif = new snn.Leaky({ beta: 0.5 });
  try {
    refused(() => lif.advance(0.3, '10'), TypeError, 'steps', 'got the string "10"');
    refused(() => lif.advance(0.3, true), TypeError, 'steps');
    refused(() => lif.advance(0.3, 10, { countSpikes: 'yes' }), TypeError, 'count_spikes');
    refused(() => lif.run([0.1, 0.2], '2'), TypeError, 'steps');
    refused(() => lif.step(['0.5']), TypeError, 'input[0]', 'got the string "0.5"');
    refused(() => lif.step([true]), TypeError, 'input[0]', 'got true');
    refused(() => lif.step(null), TypeError, 'input', 'got null');
    refused(() => lif.run([[0.1], ['x']]), TypeError, 'inputs[1][0]', 'got the string "x"');
    refused(() => snn.spikegen.rate([0.5], { numSteps: '5' }), TypeError, 'num_steps');
  } finally {
    lif.dispose();
  }
});

test('a Lapicque time_step of 2^64 gives an error, not NaN; no accepted parameters give a non-finite output', () => {
  const lap = new snn.Lapicque({ R: 5.1, C: 5e-3, timeStep: 2 ** 64 });
  try {
    refused(() => lap.run(new Float32Array(4).fill(0.5)), RangeError, 'constructor.time_step', 'makes its forward-Euler update unstable');
  } finally {
    lap.dispose();
  }
  refused(() => snn.runScenario({ model: 'Lapicque', constructor: { R: 5.1, C: 5e-3, time_step: 2 ** 64 }, num_steps: 4, input: { constant: { value: 0.5 } } }),
    RangeError, 'constructor.time_step');
  // Stepped from JS: the step that overflows is refused, and the population is back at its initial state.
  const lif = new snn.Leaky({ beta: 1, resetMechanism: 'none' });
  try {
    lif.step(3e38);
    refused(() => lif.step(3e38), RangeError, 'input', 'mem overflows float32 by step 1');
    assert.equal(lif.step(0.25).mem[0], 0.25);
    refused(() => lif.advance(3e38, 3), RangeError, 'input');
  } finally {
    lif.dispose();
  }
  const lin = new snn.Linear({ inFeatures: 2, outFeatures: 1, weight: [3e38, 3e38], biasValues: [0] });
  try {
    refused(() => lin.forward([1, 1]), RangeError, 'x', 'overflows float32');
  } finally {
    lin.dispose();
  }
});

test('no Emscripten error reaches a caller: a Trace cannot be made by hand, a disposed object says so', () => {
  refused(() => new snn.Trace({}), TypeError, '', 'a Trace comes from run() or runScenario()');
  const lif = new snn.Leaky({ beta: 0.5 });
  lif.dispose();
  refused(() => lif.step([1]), TypeError, '', 'this Leaky has been disposed');
  refused(() => snn.runScenario(SCENARIO, null), TypeError, 'options', 'options must be a JSON object, got null');
  refused(() => snn.runScenario(cyclicObject), RangeError, '', 'more than 64 levels deep');
  refused(() => snn.validateScenario(Symbol('s')), TypeError, '', 'the scenario must be a JSON object, got null');
});

test('the memory budget counts what is alive, and refuses what would not fit with the numbers', () => {
  // Linear(4000 -> 4000) holds 64 MB: the eighth or so does not fit in the 512 MiB budget with the others.
  const fill = () => {
    const layers = [];
    let error = null;
    try {
      for (let i = 0; i < 12 && !error; i++) {
        try {
          layers.push(new snn.Linear({ inFeatures: 4000, outFeatures: 4000, seed: i }));
        } catch (e) {
          error = e;
        }
      }
      return { error, fitted: layers.length };
    } finally {
      for (const l of layers) l.dispose();
    }
  };
  fill();
  const heap = snn.heapInUse();
  const { error, fitted } = fill();
  assert.ok(error, 'twelve 64 MB layers fitted in the budget');
  assert.equal(judge(error), null, error.message);
  assert.ok(error instanceof RangeError && error.kind === 'Limit' && error.field === 'in_features', error.message);
  assert.match(error.message, /^this Linear needs 122 MiB of memory, and \d+ MiB of the page's budget of 512 MiB are in use/);
  assert.ok(fitted >= 5 && fitted <= 8, `${fitted} layers fitted`);
  assert.equal(snn.heapInUse(), heap, 'the layers, disposed, left the heap where it was');
  // A text too long for the budget is refused before Embind copies it into the heap.
  const long = ' '.repeat(180e6);
  refused(() => snn.validateScenario(long), RangeError, 'scenario', 'scenario needs 515 MiB of memory, over the page');
  refused(() => snn.runScenario(long), RangeError, 'scenario');
  assert.equal(snn.heapInUse(), heap);
});
