#!/usr/bin/env node
// WASM in Node: the shipped module (build/wasm/dist/snn.node.cjs) through the JS API (wasm/index.js) and
// its raw Embind handles, and the plain-JS baselines (js-baseline.mjs), in this one process: W1 and W3
// interleaved with their baselines sample by sample, W2 in back-to-back blocks (see w2()). Prints raw
// samples (ms) and checksums as one JSON object on stdout; bench/run.mjs summarises them. Every timed
// workload runs after a warm-up.
//
//   node bench/node-bench.mjs [--quick]
//   node bench/node-bench.mjs --w3-pair N   only N timed runs of W3 through Leaky.advance(), for run.mjs
//   SNN_BENCH_NODE_MODULE=/path/to/snn.node.cjs node bench/node-bench.mjs   (a candidate build instead)
import { createRequire } from 'node:module';
import { loadSnn } from '../wasm/index.js';
import { W1, W2, W2_LAYERS, W2_RECORD, W3, fnvHex, w2Scenario } from './workloads.mjs';
import { timeW1, timeW2 } from './api-runs.mjs';
import * as baseline from './js-baseline.mjs';
import { timeMs } from './stats.mjs';

const { leakySteps, sameBits } = baseline;

const quick = process.argv.includes('--quick');
const require = createRequire(import.meta.url);
const modulePath = process.env.SNN_BENCH_NODE_MODULE || '../build/wasm/dist/snn.node.cjs';
const factory = require(modulePath);

// One module instance: the API objects and the raw handles share it.
let core = null;
const snn = await loadSnn({ factory: async (...args) => (core = await factory(...args)) });

function w1() {
  const inner = quick ? 100 : 500;
  const samples = quick ? 5 : 15;
  const r = timeW1(snn, baseline, { options: W1.options, input: W1.input() }, { samples, inner, warmup: 2000 });
  // The figure's path: runScenario(object) — JSON text, parse, validate, generate, run, copy out.
  for (let i = 0; i < 500; i++) snn.runScenario(W1.scenario);
  const scenario = [];
  for (let s = 0; s < samples; s++) scenario.push(timeMs(() => { for (let i = 0; i < inner; i++) snn.runScenario(W1.scenario); }) / inner);
  return { run_ms: r.ms, js_ms: r.js_ms, scenario_ms: scenario, hash: r.first.hash(), js_matches_wasm: r.js_matches_wasm };
}

function w2(kind) {
  const layers = W2_LAYERS[kind];
  const scenario = w2Scenario(layers);
  const input = snn.runScenario(scenario).input.data; // [200][1][784], the core's rate encoding, seed 7
  const r = timeW2(snn, baseline, { layers, seed: W2.seed, input, steps: W2.steps, record: W2_RECORD }, { samples: quick ? 5 : 21 });
  const scen = [];
  for (let s = 0; s < (quick ? 3 : 7); s++) scen.push(timeMs(() => snn.runScenario(scenario)));
  return { run_ms: r.ms, js_ms: r.js_ms, scenario_ms: scen, hash: r.first.hash(), js_matches_wasm: r.js_matches_wasm, js_mismatched: r.js_mismatched };
}

function w3() {
  const input = snn.runScenario(W3.inputScenario).input.data; // 100,000 values U(0, 0.2), seed 3
  const n = W3.neurons;

  // (a) Raw Embind handle: the input is written once into the population's input buffer, then
  //     PopulationHandle.step() 1000 times. Each call is one core step() plus what the binding adds to
  //     every step (checkInputValues over the 100,000 inputs); nothing is recorded or copied.
  const h = core.PopulationHandle.create('Leaky', JSON.stringify({ ...W3.kwargs, num_neurons: n }));
  if (!h) throw new Error(`PopulationHandle.create failed: ${core.lastErrorMessage()}`);
  core.HEAPF32.set(input, h.inputFor(input.length) >>> 2);
  for (let t = 0; t < 100; t++) h.step();
  const steps = () => {
    h.reset();
    for (let t = 0; t < W3.steps; t++) h.step();
  };

  // (b) Plain JS: the same update on Float32Arrays.
  const mem = new Float32Array(n);
  const spk = new Float32Array(n);
  leakySteps(mem, spk, input, W3.beta, W3.threshold, 100);
  const jsSteps = () => {
    mem.fill(0);
    leakySteps(mem, spk, input, W3.beta, W3.threshold, W3.steps);
  };

  const samples = quick ? 3 : 7;
  const wasm = [];
  const js = [];
  let memHash = null;
  let jsMatches = null;
  let spikesLast = 0;
  for (let s = 0; s < samples; s++) {
    wasm.push(timeMs(steps));
    if (s === 0) {
      const wasmMem = core.HEAPF32.slice(h.statePtr(0) >>> 2, (h.statePtr(0) >>> 2) + n);
      memHash = fnvHex(wasmMem);
      const wasmSpk = core.HEAPF32.subarray(h.spkPtr() >>> 2, (h.spkPtr() >>> 2) + n);
      for (let i = 0; i < n; i++) spikesLast += wasmSpk[i];
      js.push(timeMs(jsSteps));
      jsMatches = sameBits(wasmMem, mem);
    } else {
      js.push(timeMs(jsSteps));
    }
  }
  h.delete();

  // (c) The public JS API as a page would use it: Leaky({numNeurons: 100000}).run(rows, 100). run() records
  //     spk and mem of every step, copies them out and hashes them, so this measures the API's recording
  //     path, not the neuron update alone. Each sample is two calls (200 steps); reported per update.
  // (d) The public API's way to hold one input for many steps: Leaky.advance(input, 1000) — one call, the
  //     core advances the population block by block, counting spikes; final states and counts copied out.
  //     This is W3 as the API offers it, and what w3.wasm_updates_per_s reports.
  const pop = new snn.Leaky(W3.options);
  pop.advance(input, 100);
  const advance = [];
  let advanceHash = null;
  let advanceSpikes = 0;
  for (let s = 0; s < samples; s++) {
    pop.reset();
    let out;
    advance.push(timeMs(() => (out = pop.advance(input, W3.steps))));
    if (s === 0) {
      advanceHash = fnvHex(out.mem);
      for (let i = 0; i < n; i++) advanceSpikes += out.spikeCounts[i];
    }
  }
  const batch = W3.apiBatchSteps;
  const rows = new Float32Array(batch * n);
  for (let t = 0; t < batch; t++) rows.set(input, t * n);
  pop.run(rows, batch);
  const api = [];
  for (let s = 0; s < (quick ? 1 : 3); s++) {
    api.push(timeMs(() => {
      pop.reset();
      for (let k = 0; k < W3.apiCalls; k++) pop.run(rows, batch);
    }));
  }
  pop.dispose();
  return { neurons: n, steps: W3.steps, ms: wasm, advance_ms: advance, advance_mem_hash: advanceHash, advance_spikes: advanceSpikes, js_ms: js, api_run_ms: api, api_run_steps: batch * W3.apiCalls, mem_hash: memHash, js_matches_wasm: jsMatches, spikes_last_step: spikesLast };
}

// One side of a paired W3 round (bench/run.mjs): N timed runs of Leaky.advance(input, 1000) after one
// warm-up run, nothing else.
function w3Pair(samples) {
  const input = snn.runScenario(W3.inputScenario).input.data;
  const pop = new snn.Leaky(W3.options);
  pop.advance(input, W3.steps);
  const ms = [];
  for (let s = 0; s < samples; s++) {
    pop.reset();
    ms.push(timeMs(() => pop.advance(input, W3.steps)));
  }
  pop.dispose();
  return ms;
}

const pair = process.argv.indexOf('--w3-pair');
if (pair >= 0) {
  process.stdout.write(`${JSON.stringify({ w3_advance_ms: w3Pair(Number(process.argv[pair + 1])) })}\n`);
  process.exit(0);
}

const out = {
  target: 'wasm-node',
  module: modulePath,
  node: process.version,
  w1: w1(),
  w2: w2('leaky'),
  w2_synaptic: w2('synaptic'),
  w3: w3(),
  heap_bytes: snn.memoryBytes(),
};
process.stdout.write(`${JSON.stringify(out)}\n`);
