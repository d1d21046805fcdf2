// The JavaScript face of the neuron core: `const snn = await loadSnn()`, then snnTorch-shaped classes
// (Leaky, Synaptic, ...), spike encoders, Linear, Network and runScenario. Works in browsers and Node 20.
//
// Memory: arrays handed out (Trace arrays, step() results, encoder outputs) are copies owned by JS. They
// never dangle when the WebAssembly memory grows, and they stay valid after dispose(). Objects that own
// core memory (neuron populations, Linear, Network) must be released with dispose(); using one afterwards
// throws. A FinalizationRegistry frees what is forgotten, but nothing relies on it.
//
// Errors are real JS errors with the core's message: RangeError for values out of range (and size limits),
// TypeError for wrong types, shapes or unknown fields. Each carries `.field` (e.g. "constructor.beta") and
// `.kind` ("Range", "Type", "Limit", "Invalid"). The module stays usable after any error.

function isNode() {
  return typeof process !== 'undefined' && !!(process.versions && process.versions.node);
}

// Loads the Emscripten factory that suits where we run.
async function defaultFactory() {
  if (typeof globalThis.createSnnCore === 'function') return globalThis.createSnnCore; // single-file page
  if (isNode()) {
    const { createRequire } = await import(/* webpackIgnore: true */ 'node:module');
    const require = createRequire(import.meta.url);
    return require('../build/wasm/dist/snn.node.cjs');
  }
  const mod = await import('../build/wasm/dist/snn.min.mjs');
  return mod.default;
}

/**
 * Loads the WebAssembly core. Options: { factory } — an Emscripten factory to use instead of the default
 * (the single-file page passes the one it inlined).
 */
export async function loadSnn(options = {}) {
  const factory = options.factory || (await defaultFactory());
  const core = await factory();
  return createApi(core);
}

// JSON text for the core, as JSON.stringify writes it except for numbers: −0 keeps its sign ("-0.0"; a
// bare "-0" reads back as the integer 0), and NaN and infinities become the strings the core names in its
// messages. Typed arrays become arrays.
function toJson(value) {
  const parts = [];
  const write = (v) => {
    if (typeof v === 'number') {
      parts.push(Number.isFinite(v) ? (Object.is(v, -0) ? '-0.0' : String(v)) : JSON.stringify(String(v)));
    } else if (Array.isArray(v) || ArrayBuffer.isView(v)) {
      parts.push('[');
      for (let i = 0; i < v.length; i++) {
        if (i) parts.push(',');
        if (v[i] === undefined || typeof v[i] === 'function' || typeof v[i] === 'symbol') parts.push('null');
        else write(v[i]);
      }
      parts.push(']');
    } else if (v !== null && typeof v === 'object' && typeof v.toJSON !== 'function') {
      parts.push('{');
      let first = true;
      for (const [key, item] of Object.entries(v)) {
        if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
        parts.push(first ? '' : ',', JSON.stringify(key), ':');
        first = false;
        write(item);
      }
      parts.push('}');
    } else {
      parts.push(JSON.stringify(v) ?? 'null');
    }
  };
  write(value);
  return parts.join('');
}

// A model name usable as a JS class name (not "Lapicque(v0.2.11)").
const isIdentifier = (name) => /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);

function snakeCase(key) {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

// snnTorch keyword names from the camelCase options ("resetMechanism" -> "reset_mechanism"); R and C keep
// their case.
function toKwargs(options, skip) {
  const kw = {};
  for (const [key, value] of Object.entries(options)) {
    if (skip.includes(key) || value === undefined) continue;
    kw[key === 'R' || key === 'C' ? key : snakeCase(key)] = value;
  }
  return kw;
}

function flatten(values, what) {
  if (typeof values === 'number') return [values];
  if (ArrayBuffer.isView(values)) return values;
  if (!Array.isArray(values)) throw new TypeError(`${what} must be a number, an array or a typed array, got ${typeof values}`);
  return values.flat(Infinity);
}

function deepFreeze(value) {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function createApi(core) {
  const registry = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry((h) => h.delete()) : null;

  function heapF32() {
    return core.HEAPF32; // re-read on every use: memory growth replaces the buffer
  }

  function raise() {
    const kind = core.lastErrorKind() || 'Internal';
    const message = core.lastErrorMessage();
    const field = core.lastErrorField();
    const ErrorClass = kind === 'Range' || kind === 'Limit' ? RangeError : kind === 'Type' || kind === 'Invalid' ? TypeError : Error;
    const error = new ErrorClass(message);
    error.kind = kind;
    error.field = field;
    throw error;
  }

  // A core call that returns null / false on error.
  function check(result) {
    if (result === null || result === false || result === undefined) raise();
    return result;
  }

  function copyOut(ptr, length) {
    return heapF32().slice(ptr >>> 2, (ptr >>> 2) + length);
  }

  // Hands values to a handle that keeps room for them (inputFor); the call that uses them checks their
  // number. A count the handle will refuse gets no room, and nothing is written.
  function handValues(handle, values, what) {
    const flat = flatten(values, what);
    const ptr = handle.inputFor(flat.length);
    if (ptr) heapF32().set(flat, ptr >>> 2);
  }

  function withBuffer(buffer, fn) {
    try {
      return fn(buffer);
    } finally {
      buffer.delete();
    }
  }

  function bufferFrom(values, what) {
    const flat = flatten(values, what);
    const buffer = check(core.makeBuffer(flat.length));
    heapF32().set(flat, buffer.ptr() >>> 2);
    return buffer;
  }

  function takeBuffer(buffer) {
    return withBuffer(buffer, (b) => copyOut(b.ptr(), b.length()));
  }

  // ----------------------------------------------------------------------------------------- Trace
  class Trace {
    constructor(handle, options = {}, arrayCount = handle.arrayCount()) {
      this.numSteps = handle.numSteps();
      this.arrays = {};
      this.spikeArrays = new Set();
      this.input = null;
      // Non-zero: the input's values came from the core's scenario cache entry of this serial.
      this.inputSerial = handle.inputSerial();
      const previous = options.previous instanceof Trace ? options.previous : null;
      // The core's table of where every array lies (see TraceHandle in bindings.cpp): per array the
      // address and length of its name, spike 0|1, the address and length of its data, its dimensions.
      const u32 = core.HEAPU32;
      const bytes = core.HEAPU8;
      let at = handle.layoutPtr() >>> 2;
      for (let k = arrayCount; k > 0; k--) {
        const [nameAt, nameLength, spike, address, length, dims] = u32.subarray(at, at + 6);
        const shape = Array.from(u32.subarray(at + 6, at + 6 + dims));
        at += 6 + dims;
        const name = String.fromCharCode(...bytes.subarray(nameAt, nameAt + nameLength));
        if (name === '') {
          if (options.keepInput === false) continue;
          // The previous trace's input has the same values when it came from the same cache entry: that
          // object is shared instead of copying the values again (a network's input is 627 KB).
          const same = previous && previous.input && this.inputSerial !== 0 && previous.inputSerial === this.inputSerial &&
            previous.input.shape.length === shape.length && previous.input.shape.every((d, i) => d === shape[i]);
          this.input = same ? previous.input : { data: copyOut(address, length), shape };
          continue;
        }
        this.arrays[name] = { data: copyOut(address, length), shape };
        if (spike === 1) this.spikeArrays.add(name);
      }
      this.hashHex = null; // computed on the first hash() call: most traces are only drawn
    }

    get names() {
      return Object.keys(this.arrays);
    }

    get(name) {
      return this.arrays[name];
    }

    // 64-bit FNV-1a of every array's name, shape and float32 bits (`snn hash` prints the same).
    hash() {
      if (this.hashHex === null) this.hashHex = traceHash(this);
      return this.hashHex;
    }

    // The golden files' `output` layout: { spk: [[0], ...], mem: [[0.0], ...] }, spikes as whole numbers.
    toJSON() {
      const out = {};
      for (const [name, { data, shape }] of Object.entries(this.arrays)) out[name] = nest(data, shape);
      return out;
    }
  }

  // The core's traceHash (core/src/trace.cpp) in JS, over the copies JS holds: FNV-1a 64 on each array's
  // name bytes, its shape as little-endian uint64s, and its float32 bits in little-endian order. 64-bit
  // arithmetic in two 32-bit halves: h * (2^40 + 0x1b3) = h * 0x1b3 + (h << 40), modulo 2^64.
  function traceHash(trace) {
    let hi = 0xcbf29ce4;
    let lo = 0x84222325;
    const mix = (byte) => {
      lo = (lo ^ byte) >>> 0;
      const carry = Math.floor((lo * 0x1b3) / 4294967296);
      hi = (Math.imul(hi, 0x1b3) + carry + ((lo << 8) >>> 0)) >>> 0;
      lo = Math.imul(lo, 0x1b3) >>> 0;
    };
    const le = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
    for (const [name, { data, shape }] of Object.entries(trace.arrays)) {
      for (let i = 0; i < name.length; i++) mix(name.charCodeAt(i));
      for (const d of shape) {
        for (let b = 0; b < 4; b++) mix((d >>> (8 * b)) & 0xff);
        for (let b = 0; b < 4; b++) mix(Math.floor(d / 4294967296) >>> (8 * b) & 0xff);
      }
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      if (le) for (let i = 0; i < bytes.length; i++) mix(bytes[i]);
      else for (let i = 0; i < bytes.length; i += 4) for (let b = 3; b >= 0; b--) mix(bytes[i + b]);
    }
    return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
  }

  function nest(data, shape) {
    const build = (offset, dim) => {
      if (dim === shape.length - 1) return Array.from(data.subarray(offset, offset + shape[dim]));
      const stride = shape.slice(dim + 1).reduce((a, b) => a * b, 1);
      const rows = [];
      for (let i = 0; i < shape[dim]; i++) rows.push(build(offset + i * stride, dim + 1));
      return rows;
    };
    return build(0, 0);
  }

  // ----------------------------------------------------------------------------------- SweepResult
  // What runScenario returns for a scenario with a "sweep" (the core's sweep.hpp): for each swept value and
  // each counted neuron (a population's, or a network's last layer's in every batch row), the steps with a
  // non-zero spike and the first of them (-1: none). Copies owned by JS.
  class SweepResult {
    constructor(handle) {
      // The core's table (TraceHandle's sweep layout in bindings.cpp): path and array name (address,
      // length), num_steps, values (address of doubles, count), counts and first spikes (addresses of
      // int32s), dimensions, the dimensions.
      const u32 = core.HEAPU32;
      const at = handle.layoutPtr() >>> 2;
      const [pathAt, pathLength, arrayAt, arrayLength, numSteps, valuesAt, valueCount, countsAt, firstAt, dims] = u32.subarray(at, at + 10);
      const text = (address, length) => String.fromCharCode(...core.HEAPU8.subarray(address, address + length));
      this.path = text(pathAt, pathLength);
      this.array = text(arrayAt, arrayLength);
      this.numSteps = numSteps;
      this.shape = Array.from(u32.subarray(at + 10, at + 10 + dims));
      this.values = core.HEAPF64.slice(valuesAt >>> 3, (valuesAt >>> 3) + valueCount);
      const total = this.shape.reduce((a, b) => a * b, 1);
      this.spikeCount = core.HEAP32.slice(countsAt >>> 2, (countsAt >>> 2) + total);
      this.firstSpike = core.HEAP32.slice(firstAt >>> 2, (firstAt >>> 2) + total);
    }

    // Counted neurons per value: shape[1] (a population) or shape[1] x shape[2] (a network's batch rows).
    get neurons() {
      return this.shape.slice(1).reduce((a, b) => a * b, 1);
    }

    // Value i's counts and first spikes (views onto this result's arrays).
    at(i) {
      const n = this.neurons;
      return { value: this.values[i], spikeCount: this.spikeCount.subarray(i * n, (i + 1) * n), firstSpike: this.firstSpike.subarray(i * n, (i + 1) * n) };
    }

    // What `snn run` prints for the sweep: { path, array, num_steps, values, spike_count, first_spike }, nested by shape.
    toJSON() {
      return {
        path: this.path, array: this.array, num_steps: this.numSteps, values: Array.from(this.values),
        spike_count: nest(this.spikeCount, this.shape), first_spike: nest(this.firstSpike, this.shape),
      };
    }
  }

  // A handle's Trace, or (only runScenario's can be one) its SweepResult: arrayCount() is then -1, so telling
  // them apart costs no call into the module.
  function traceFrom(handle, options) {
    try {
      const count = check(handle).arrayCount();
      return count < 0 ? new SweepResult(handle) : new Trace(handle, options, count);
    } finally {
      if (handle) handle.delete();
    }
  }

  function scenarioText(scenario) {
    if (typeof scenario === 'string') return scenario;
    if (scenario === null || typeof scenario !== 'object') throw new TypeError(`scenario must be an object or JSON text, got ${scenario === null ? 'null' : typeof scenario}`);
    return toJson(scenario);
  }

  // The `record` option of run() for the core: JSON text of the names, or nothing for all of them.
  function recordOption(options) {
    const record = options && options.record;
    return record === undefined || record === null ? '' : toJson(record);
  }

  // Feeds rows of inputs to a population or network handle and records the Trace; `steps` undefined: as
  // many as the inputs hold.
  function runRows(handle, inputs, steps, options) {
    const record = recordOption(options);
    const flat = flatten(inputs, 'inputs');
    return withBuffer(check(handle.runBuffer(flat.length, steps === undefined ? 0 : Number(steps))), (buffer) => {
      heapF32().set(flat, buffer.ptr() >>> 2);
      return traceFrom(handle.run(buffer, record), { keepInput: false });
    });
  }

  // ------------------------------------------------------------------------------ owned core objects
  class Owned {
    constructor(handle, label) {
      this._handle = handle;
      this._label = label;
      if (registry) registry.register(this, handle, this);
    }

    get handle() {
      if (!this._handle) throw new Error(`this ${this._label} has been disposed`);
      return this._handle;
    }

    get disposed() {
      return this._handle === null;
    }

    dispose() {
      if (!this._handle) return;
      if (registry) registry.unregister(this);
      this._handle.delete();
      this._handle = null;
    }
  }

  // ----------------------------------------------------------------------------- neuron populations
  class NeuronPopulation extends Owned {
    constructor(model, options = {}) {
      if (options === null || typeof options !== 'object') throw new TypeError(`${model} options must be an object`);
      const { numNeurons = 1, batchSize = 1, init } = options;
      const kwargs = toKwargs(options, ['numNeurons', 'batchSize', 'init']);
      const handle = check(core.PopulationHandle.create(model, toJson(kwargs), Number(numNeurons), Number(batchSize)));
      super(handle, model);
      this.model = model;
      this.numNeurons = handle.neurons();
      this.batchSize = handle.size() / handle.neurons();
      this.stateNames = Array.from({ length: handle.stateCount() }, (_, i) => handle.stateName(i));
      if (init) this.setInitialState(init);
    }

    get size() {
      return this.numNeurons * this.batchSize;
    }

    // init: { mem: 0.5 } or { mem: [...one per neuron], syn: ... }. The population resets to it.
    setInitialState(init) {
      const h = this.handle;
      for (const [name, values] of Object.entries(init)) {
        handValues(h, values, `init.${name}`);
        check(h.setInitialState(name));
      }
      h.reset();
    }

    // One forward call; input has numNeurons x batchSize values (or one number for all).
    // Returns copies: { spk, mem, ... } as Float32Arrays.
    step(input) {
      const h = this.handle;
      handValues(h, input, 'input');
      check(h.step());
      const out = { spk: copyOut(h.spkPtr(), this.size) };
      this.stateNames.forEach((name, i) => {
        out[name] = copyOut(h.statePtr(i), this.size);
      });
      return out;
    }

    // `steps` forward calls on one input held constant (numNeurons x batchSize values, or one number),
    // recording nothing: the fast way to move a large population forward. Returns copies of the final
    // states and, unless { countSpikes: false }, spikeCounts: how many steps each neuron spiked in.
    advance(input, steps, options = {}) {
      const h = this.handle;
      const count = !(options && options.countSpikes === false);
      handValues(h, input, 'input');
      check(h.advance(Number(steps), count));
      const out = count ? { spikeCounts: copyOut(h.countsPtr(), this.size) } : {};
      this.stateNames.forEach((name, i) => {
        out[name] = copyOut(h.statePtr(i), this.size);
      });
      return out;
    }

    // Runs `steps` forward calls on inputs [steps][numNeurons] (nested, flat or typed) and records a Trace.
    // options.record: the arrays to keep, e.g. ['spk'] (default: spk and every state).
    run(inputs, steps, options) {
      return runRows(this.handle, inputs, steps, options);
    }

    reset() {
      this.handle.reset();
    }
  }

  // The model catalogue of the core (every model, keyword, generator and field), parsed once.
  let catalogueCache = null;
  function catalogue() {
    if (!catalogueCache) catalogueCache = deepFreeze(JSON.parse(core.catalogue()));
    return catalogueCache;
  }

  // One class per model name and old name that is a JS identifier: Leaky, Synaptic, Stein, ...
  const neuronClasses = {};
  const modelNames = catalogue().models.flatMap((m) => [m.name, ...m.aliases]).filter(isIdentifier);
  for (const model of modelNames) {
    neuronClasses[model] = {
      [model]: class extends NeuronPopulation {
        constructor(options) {
          super(model, options);
        }
      },
    }[model];
  }

  // ---------------------------------------------------------------------------------------- Linear
  class Linear extends Owned {
    // { inFeatures, outFeatures, bias = true, seed = 0, weight ([out][in]), biasValues }
    constructor(options = {}) {
      const { inFeatures, outFeatures, bias = true, seed = 0, weight, biasValues } = options;
      const handle = check(core.LinearHandle.create(Number(inFeatures), Number(outFeatures), !!bias, Number(seed)));
      super(handle, 'Linear');
      this.inFeatures = handle.in();
      this.outFeatures = handle.out();
      if (weight !== undefined || biasValues !== undefined) this.load(weight ?? this.weight, biasValues ?? this.bias);
    }

    load(weight, bias) {
      const h = this.handle;
      withBuffer(bufferFrom(weight, 'weight'), (w) => withBuffer(bufferFrom(bias ?? [], 'bias'), (b) => check(h.load(w, b))));
    }

    get weight() {
      return takeBuffer(this.handle.weights());
    }

    get bias() {
      return takeBuffer(this.handle.bias());
    }

    // y = x·Wᵀ + b for x of batch x inFeatures values.
    forward(x) {
      const h = this.handle;
      return withBuffer(bufferFrom(x, 'x'), (buffer) => takeBuffer(check(h.forward(buffer))));
    }
  }

  // --------------------------------------------------------------------------------------- Network
  class Network extends Owned {
    // { layers: [...as in a Scenario...], batchSize = 1, seed = 0 }
    constructor(options = {}) {
      const { layers, batchSize = 1, seed = 0 } = options;
      const handle = check(core.NetworkHandle.create(toJson(layers), Number(batchSize), Number(seed)));
      super(handle, 'Network');
      this.depth = handle.depth();
      this.batchSize = handle.batch();
      this.inputSize = handle.inputSize();
      this.layerSizes = Array.from({ length: this.depth }, (_, k) => handle.layerSize(k));
    }

    step(input) {
      const h = this.handle;
      handValues(h, input, 'input');
      check(h.step());
      const out = {};
      for (let k = 0; k < this.depth; k++) {
        const n = this.batchSize * this.layerSizes[k];
        out[`cur${k + 1}`] = copyOut(h.currentPtr(k), n);
        out[`spk${k + 1}`] = copyOut(h.spikesPtr(k), n);
        for (let i = 0; i < h.stateCount(k); i++) out[`${h.stateName(k, i)}${k + 1}`] = copyOut(h.statePtr(k, i), n);
      }
      return out;
    }

    // options.record: the arrays to keep, e.g. ['spk1', 'spk2'] (default: cur, spk and states of every layer).
    run(inputs, steps, options) {
      return runRows(this.handle, inputs, steps, options);
    }

    weight(k) {
      return takeBuffer(this.handle.weights(k));
    }

    bias(k) {
      return takeBuffer(this.handle.bias(k));
    }

    reset() {
      this.handle.reset();
    }
  }

  // -------------------------------------------------------------------------------------- spikegen
  // Each encoder runs the core's generator of the same name on `data` (a flat list of elements, nested
  // arrays are flattened) and returns { data: Float32Array, shape: [numSteps, elements] }.
  function encode(kind, body, steps, width, seed) {
    const buffer = check(core.generateInput(toJson({ [kind]: body }), Number(steps), Number(width), 1, Number(seed)));
    return { data: takeBuffer(buffer), shape: [Number(steps), Number(width)] };
  }

  const spikegen = {
    // rate(data, { numSteps, gain, offset, firstSpikeTime, seed })
    rate(data, options = {}) {
      const { numSteps, seed = 0, ...rest } = options;
      const values = Array.from(flatten(data, 'data'));
      return encode('rate', { values, ...toKwargs(rest, []) }, numSteps, values.length, seed);
    },
    // latency(data, { numSteps, tau, threshold, linear, normalize, clip, firstSpikeTime, onTarget, offTarget, bypass })
    latency(data, options = {}) {
      const { numSteps, ...rest } = options;
      const values = Array.from(flatten(data, 'data'));
      return encode('latency', { values, ...toKwargs(rest, []) }, numSteps, values.length, 0);
    },
    // delta(data [T][elements], { threshold, padding, offSpike })
    delta(data, options = {}) {
      if (!Array.isArray(data) || !Array.isArray(data[0])) throw new TypeError('delta data must be rows [T][elements]');
      return encode('delta', { of: data, ...toKwargs(options, []) }, data.length, data[0].length, 0);
    },
  };

  return {
    ...neuronClasses,
    Linear,
    Network,
    Trace,
    SweepResult,
    spikegen,
    // Runs a Scenario (object or JSON text) and returns its Trace, or for a scenario with a "sweep" a
    // SweepResult. With { previous: trace } (a Trace of an earlier run), an input with the same values as
    // previous.input is that same object, not a new copy.
    runScenario(scenario, { previous = null } = {}) {
      return traceFrom(core.runScenario(scenarioText(scenario)), { previous });
    },
    // Throws the error a Scenario would raise; returns nothing when it is valid.
    validateScenario(scenario) {
      check(core.validateScenario(scenarioText(scenario)) === 'ok' ? true : null);
    },
    // The Scenario with every default written out (see `snn resolve`), as an object.
    resolveScenario(scenario) {
      const text = core.resolveScenario(scenarioText(scenario));
      return JSON.parse(check(text === '' ? null : text));
    },
    // Every model, keyword, default, range and generator the core knows (see `snn models --json`).
    catalogue,
    // Bytes of the WebAssembly heap in use (for leak tests) and the size of the whole memory.
    heapInUse() {
      return core.heapInUse();
    },
    memoryBytes() {
      return core.HEAPU8.length;
    },
  };
}
