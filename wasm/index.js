// The JavaScript face of the neuron core: `const snn = await loadSnn()`, then snnTorch-shaped classes
// (Leaky, Synaptic, ...), spike encoders, Linear, Network and runScenario. Works in browsers and Node 20.
//
// Memory: arrays handed out (Trace arrays, step() results, encoder outputs) are copies owned by JS. They
// never dangle when the WebAssembly memory grows, and they stay valid after dispose(). Objects that own
// core memory (neuron populations, Linear, Network) must be released with dispose(); using one afterwards
// throws. A FinalizationRegistry frees what is forgotten, but nothing relies on it.
//
// Errors are real JS errors with the core's message: RangeError for values out of range (and size and
// memory limits), TypeError for wrong types, shapes or unknown fields. Each carries `.field` (e.g.
// "constructor.beta") and `.kind` ("Range", "Type", "Limit", "Invalid", ...). Every argument the core
// must judge (sizes, indices, seeds, options, values) goes to it as it was given (JSON of the value, so
// that "3", true or NaN where a count belongs gets the core's own message); this file converts and never
// decides a rule. Nothing from Emscripten (a BindingError, a WebAssembly exception or trap) reaches a
// caller, no error path leaks core memory, and the module stays usable after any error.

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
  const factory = (options && options.factory) || (await defaultFactory());
  if (typeof factory !== 'function') throw new TypeError(`loadSnn: options.factory must be an Emscripten factory function, got ${typeof factory}`);
  const core = await factory();
  return createApi(core);
}

// JSON text for the core, as JSON.stringify writes it except for numbers: −0 keeps its sign ("-0.0"; a
// bare "-0" reads back as the integer 0), NaN and infinities become the strings the core names in its
// messages, a BigInt the string "3n" (no number of the core takes one). Typed arrays become arrays.
// Nesting deeper than the core reads (64) stops in an empty array one level further, so that a cyclic
// value gets the core's nesting error instead of exhausting the stack.
const MAX_DEPTH = 66;
function toJson(value) {
  const parts = [];
  const write = (v, depth) => {
    if (typeof v === 'number') {
      parts.push(Number.isFinite(v) ? (Object.is(v, -0) ? '-0.0' : String(v)) : JSON.stringify(String(v)));
    } else if (typeof v === 'bigint') {
      parts.push(JSON.stringify(`${v}n`));
    } else if (depth > MAX_DEPTH && v !== null && typeof v === 'object') {
      parts.push('[]');
    } else if (Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView))) {
      parts.push('[');
      for (let i = 0; i < v.length; i++) {
        if (i) parts.push(',');
        if (v[i] === undefined || typeof v[i] === 'function' || typeof v[i] === 'symbol') parts.push('null');
        else write(v[i], depth + 1);
      }
      parts.push(']');
    } else if (v !== null && typeof v === 'object' && typeof v.toJSON !== 'function') {
      parts.push('{');
      let first = true;
      for (const [key, item] of Object.entries(v)) {
        if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
        parts.push(first ? '' : ',', JSON.stringify(key), ':');
        first = false;
        write(item, depth + 1);
      }
      parts.push('}');
    } else {
      parts.push(JSON.stringify(v) ?? 'null');
    }
  };
  write(value, 0);
  return parts.join('');
}

// Typed arrays whose items are numbers (not a DataView, not the BigInt arrays).
const isNumberView = (v) =>
  ArrayBuffer.isView(v) && !(v instanceof DataView) && !(v instanceof BigInt64Array) && !(v instanceof BigUint64Array);
// What JSON writes as an object (a DataView, a Date, a Map included); typed arrays are values.
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && !(ArrayBuffer.isView(v) && !(v instanceof DataView));

// A model name usable as a JS class name (not "Lapicque(v0.2.11)").
const isIdentifier = (name) => /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);

function snakeCase(key) {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

// snnTorch keyword names from the camelCase options ("resetMechanism" -> "reset_mechanism"); R and C keep
// their case. Keys in `skip` are left out.
function toKwargs(options, skip = []) {
  const kw = {};
  for (const [key, value] of Object.entries(options)) {
    if (skip.includes(key) || value === undefined) continue;
    kw[key === 'R' || key === 'C' ? key : snakeCase(key)] = value;
  }
  return kw;
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
    const message = core.lastErrorMessage() || 'the core failed without saying why';
    const field = core.lastErrorField();
    core.clearLastError(); // the heap holds no message once it is read
    const ErrorClass =
      kind === 'Range' || kind === 'Limit' || kind === 'OutOfMemory' ? RangeError : kind === 'Type' || kind === 'Invalid' ? TypeError : Error;
    const error = new ErrorClass(message);
    error.kind = kind;
    error.field = field;
    throw error;
  }

  // A core call that returns null / false / 0 on error.
  function check(result) {
    if (result === null || result === false || result === undefined || result === 0) raise();
    return result;
  }

  // The core's error for an argument that is not what it should be ('object' or 'values'), as given. Values
  // that are objects are described as one (an object's toJSON could make it look like a number).
  function refuse(what, field, value) {
    check(core.checkArgument(what, field, what === 'values' && isObject(value) ? '{}' : toJson(value)));
    // The core found nothing wrong with it after all: say so rather than go on with a wrong value.
    throw Object.assign(new Error(`${field}: a value the API could not hand to the core`), { kind: 'Internal', field });
  }

  // An options object as given (undefined: none), or the core's error for anything else.
  function optionsOf(options, field = 'options') {
    if (options === undefined) return {};
    if (!isObject(options)) refuse('object', field, options);
    return options;
  }

  // JSON text for a core call. A long one is first checked against the core's memory budget: Embind copies
  // a string into the heap before any core code runs, and could not report a failed allocation.
  function text(value, field) {
    const json = typeof value === 'string' ? value : toJson(value);
    if (json.length > 1 << 19) check(core.checkText(field, 3 * json.length));
    return json;
  }

  function copyOut(ptr, length) {
    return heapF32().slice(ptr >>> 2, (ptr >>> 2) + length);
  }

  // Numbers from values (a number, a typed array, nested arrays of numbers or typed arrays): a typed array
  // as it is, anything else flattened. Anything that is not a number gets the core's error, naming where it
  // is ("input[2][1] must be a number or an array of numbers, got the string \"x\"").
  function flatten(values, what) {
    if (typeof values === 'number') return [values];
    if (isNumberView(values)) return values;
    const out = [];
    if (Array.isArray(values) && collect(values, out, 0)) return out;
    const [path, item] = firstNonNumber(values, what, 0) || [what, values];
    return refuse('values', path, item);
  }

  function collect(array, out, depth) {
    if (depth > MAX_DEPTH) return false;
    for (let i = 0; i < array.length; i++) {
      const v = array[i];
      if (typeof v === 'number') out.push(v);
      else if (isNumberView(v)) for (let j = 0; j < v.length; j++) out.push(v[j]);
      else if (!Array.isArray(v) || !collect(v, out, depth + 1)) return false;
    }
    return true;
  }

  // Where the first item that is not a number lies, and what it is (null: nowhere).
  function firstNonNumber(v, path, depth) {
    if (!Array.isArray(v) || depth > MAX_DEPTH) return [path, v];
    for (let i = 0; i < v.length; i++) {
      const item = v[i];
      if (typeof item === 'number' || isNumberView(item)) continue;
      const found = firstNonNumber(item, `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
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

  // The values of a buffer the core made (or its error), copied out; the buffer is freed.
  function takeBuffer(buffer) {
    return withBuffer(check(buffer), (b) => copyOut(b.ptr(), b.length()));
  }

  // Only this file makes Traces: a token no caller holds.
  const fromCore = Symbol('from the core');
  const invalid = (message) => Object.assign(new TypeError(message), { kind: 'Invalid', field: '' });

  // ----------------------------------------------------------------------------------------- Trace
  class Trace {
    constructor(handle, options = {}, token = undefined, arrayCount = undefined) {
      if (token !== fromCore) throw invalid('a Trace comes from run() or runScenario(); it cannot be made with new');
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
      for (let k = arrayCount ?? handle.arrayCount(); k > 0; k--) {
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
      return typeof name === 'string' && Object.hasOwn(this.arrays, name) ? this.arrays[name] : undefined;
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
    constructor(handle, token = undefined) {
      if (token !== fromCore) throw invalid('a SweepResult comes from runScenario(); it cannot be made with new');
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
      const count = this.values.length;
      if (typeof i !== 'number') throw Object.assign(new TypeError(`index must be a whole number 0..${count - 1}, got ${typeof i}`), { kind: 'Type', field: 'index' });
      if (!Number.isInteger(i) || i < 0 || i >= count) throw Object.assign(new RangeError(`index must be a whole number 0..${count - 1}, got ${i}`), { kind: 'Range', field: 'index' });
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

  // ------------------------------------------------------------------------------- messages
  // Traces and sweep results cross to another thread (a page's simulation worker) as plain objects whose
  // typed arrays are transferred, and become the same classes there.
  const SAME_INPUT = 'previous';
  function resultMessage(result, previous) {
    const transfer = [];
    const own = (a) => {
      if (!transfer.includes(a.data.buffer)) transfer.push(a.data.buffer);
      return { data: a.data, shape: a.shape.slice() };
    };
    if (result instanceof SweepResult) {
      const { path, array, numSteps, values, shape, spikeCount, firstSpike } = result;
      for (const a of [values, spikeCount, firstSpike]) if (!transfer.includes(a.buffer)) transfer.push(a.buffer);
      return { message: { kind: 'sweep', path, array, numSteps, values, shape: shape.slice(), spikeCount, firstSpike }, transfer };
    }
    if (!(result instanceof Trace)) throw Object.assign(new TypeError('toMessage takes a Trace or a SweepResult'), { kind: 'Type', field: 'result' });
    const arrays = {};
    for (const [name, a] of Object.entries(result.arrays)) arrays[name] = own(a);
    let input = null;
    if (result.input) input = previous && previous.input === result.input ? SAME_INPUT : own(result.input);
    return {
      message: { kind: 'trace', numSteps: result.numSteps, inputSerial: result.inputSerial, arrays, spikes: [...result.spikeArrays], input },
      transfer,
    };
  }

  function resultFromMessage(message, previous) {
    if (!isObject(message) || (message.kind !== 'trace' && message.kind !== 'sweep')) {
      throw Object.assign(new TypeError('fromMessage takes what toMessage made'), { kind: 'Type', field: 'message' });
    }
    if (message.kind === 'sweep') return Object.assign(Object.create(SweepResult.prototype), {
      path: message.path, array: message.array, numSteps: message.numSteps, values: message.values,
      shape: message.shape, spikeCount: message.spikeCount, firstSpike: message.firstSpike,
    });
    const trace = Object.create(Trace.prototype);
    let input = message.input;
    if (input === SAME_INPUT) {
      if (!previous || !previous.input) throw Object.assign(new TypeError('fromMessage: the message reuses a previous input, and no previous trace with one was given'), { kind: 'Invalid', field: 'previous' });
      input = previous.input;
    }
    return Object.assign(trace, {
      numSteps: message.numSteps, arrays: message.arrays, spikeArrays: new Set(message.spikes), input,
      inputSerial: message.inputSerial, hashHex: null,
    });
  }

  // A handle's Trace, or (only runScenario's can be one) its SweepResult: arrayCount() is then -1, so telling
  // them apart costs no call into the module.
  function traceFrom(handle, options) {
    try {
      const count = check(handle).arrayCount();
      return count < 0 ? new SweepResult(handle, fromCore) : new Trace(handle, options, fromCore, count);
    } finally {
      if (handle) handle.delete();
    }
  }

  // Feeds rows of inputs to a population or network handle and records the Trace; `steps` undefined: as
  // many as the inputs hold. options ({ record }) go to the core as given.
  function runRows(handle, inputs, steps, options) {
    const run = options === undefined ? '' : text(toKwargs(optionsOf(options)), 'options'); // '': none
    const flat = flatten(inputs, 'inputs');
    return withBuffer(check(handle.runBuffer(flat.length, steps === undefined ? '' : toJson(steps))), (buffer) => {
      heapF32().set(flat, buffer.ptr() >>> 2);
      return traceFrom(handle.run(buffer, run), { keepInput: false });
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
      if (!this._handle) throw invalid(`this ${this._label} has been disposed`);
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
    constructor(model, options) {
      // Everything the core reads: the keywords (snake_case), num_neurons, batch_size and init.
      const handle = check(core.PopulationHandle.create(model, text(toKwargs(optionsOf(options)), 'options')));
      super(handle, model);
      this.model = model;
      this.numNeurons = handle.neurons();
      this.batchSize = handle.size() / handle.neurons();
      this.stateNames = Array.from({ length: handle.stateCount() }, (_, i) => handle.stateName(i));
    }

    get size() {
      return this.numNeurons * this.batchSize;
    }

    // init: { mem: 0.5 } or { mem: [...one per neuron], syn: ... }. The population resets to it.
    setInitialState(init) {
      check(this.handle.setInitialStates(text(init === undefined ? null : init, 'init')));
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
    advance(input, steps, options) {
      const h = this.handle;
      const advance = options === undefined ? '' : text(toKwargs(optionsOf(options)), 'options'); // '': none
      handValues(h, input, 'input');
      check(h.advance(toJson(steps), advance));
      const counted = h.countsLength();
      const out = counted ? { spikeCounts: copyOut(h.countsPtr(), counted) } : {};
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
    if (!catalogueCache) catalogueCache = deepFreeze(JSON.parse(check(core.catalogue() || null)));
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
    constructor(options) {
      const o = optionsOf(options);
      const handle = check(core.LinearHandle.create(text(toKwargs(o, ['weight', 'biasValues']), 'options')));
      super(handle, 'Linear');
      this.inFeatures = handle.in();
      this.outFeatures = handle.out();
      try {
        if (o.weight !== undefined || o.biasValues !== undefined) this.load(o.weight ?? this.weight, o.biasValues ?? this.bias);
      } catch (e) {
        this.dispose();
        throw e;
      }
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
      return withBuffer(bufferFrom(x, 'x'), (buffer) => takeBuffer(h.forward(buffer)));
    }
  }

  // --------------------------------------------------------------------------------------- Network
  class Network extends Owned {
    // { layers: [...as in a Scenario...], batchSize = 1, seed = 0 }
    constructor(options) {
      const handle = check(core.NetworkHandle.create(text(toKwargs(optionsOf(options)), 'options')));
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

    // Layer k's weights [out][in] row-major, and its bias (k from 0, as the core reads it).
    weight(k) {
      return takeBuffer(this.handle.weights(toJson(k)));
    }

    bias(k) {
      return takeBuffer(this.handle.bias(toJson(k)));
    }

    reset() {
      this.handle.reset();
    }
  }

  // -------------------------------------------------------------------------------------- spikegen
  // Each encoder runs the core's generator of the same name on `data` (a flat list of elements, nested
  // arrays are flattened) and returns { data: Float32Array, shape: [numSteps, elements] }. The core reads
  // num_steps and seed as given; delta's rows give its shape.
  function encode(kind, body, request) {
    const buffer = check(core.generate(text({ input: { [kind]: body }, ...request }, 'options')));
    const steps = buffer.steps();
    const length = buffer.length();
    return { data: takeBuffer(buffer), shape: [steps, steps ? length / steps : 0] };
  }

  const spikegen = {
    // rate(data, { numSteps, gain, offset, firstSpikeTime, seed })
    rate(data, options) {
      const { numSteps = null, seed, ...rest } = optionsOf(options);
      const values = Array.from(flatten(data, 'data'));
      return encode('rate', { values, ...toKwargs(rest) }, { num_steps: numSteps, num_neurons: values.length, seed });
    },
    // latency(data, { numSteps, tau, threshold, linear, normalize, clip, firstSpikeTime, onTarget, offTarget, bypass })
    latency(data, options) {
      const { numSteps = null, ...rest } = optionsOf(options);
      const values = Array.from(flatten(data, 'data'));
      return encode('latency', { values, ...toKwargs(rest) }, { num_steps: numSteps, num_neurons: values.length });
    },
    // delta(data [T][elements], { threshold, padding, offSpike })
    delta(data, options) {
      return encode('delta', { of: data, ...toKwargs(optionsOf(options)) }, {});
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
    // With { onProgress(fraction) }, the core says how far a long run has got while it runs (fractions in
    // [0, 1], in order, every million or so neuron updates; an error thrown there is ignored).
    runScenario(scenario, options) {
      const { previous = null, onProgress = null } = optionsOf(options);
      if (onProgress !== null && typeof onProgress !== 'function') {
        throw Object.assign(new TypeError(`options.onProgress must be a function, got ${typeof onProgress}`), { kind: 'Type', field: 'options.onProgress' });
      }
      const json = text(scenario, 'scenario');
      if (!onProgress) return traceFrom(core.runScenario(json), { previous });
      const report = (fraction) => {
        try {
          onProgress(fraction);
        } catch {
          // a listener's error must not unwind through the core
        }
      };
      return traceFrom(core.runScenarioReporting(json, report), { previous });
    },
    // A Trace or SweepResult as a message for postMessage: { message, transfer } (transfer lists the
    // arrays' buffers, which then belong to the receiver). With { previous } (the trace of the same figure
    // sent before), an input that is that trace's same object is not sent again: fromMessage takes it from
    // the receiver's previous trace.
    toMessage(result, options) {
      return resultMessage(result, optionsOf(options).previous || null);
    },
    // The Trace or SweepResult a toMessage message describes, with the same methods (get, hash, toJSON,
    // at, ...). { previous }: the receiver's last trace of the same figure, for an input sent as the same.
    fromMessage(message, options) {
      return resultFromMessage(message, optionsOf(options).previous || null);
    },
    // Throws the error a Scenario would raise; returns nothing when it is valid.
    validateScenario(scenario) {
      check(core.validateScenario(text(scenario, 'scenario')) === 'ok' ? true : null);
    },
    // The Scenario with every default written out (see `snn resolve`), as an object.
    resolveScenario(scenario) {
      const resolved = core.resolveScenario(text(scenario, 'scenario'));
      return JSON.parse(check(resolved === '' ? null : resolved));
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
