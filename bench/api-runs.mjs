// W1 and W2 through the JS API, each beside its plain-JS baseline: the one way node-bench.mjs (Node) and
// browser.mjs (the page's own module instance) time them. Self-contained, no imports: the page imports
// this file from its text. The caller passes the API (`snn`), the baselines (js-baseline.mjs's exports)
// and the workload. Each returns the first trace, the samples (ms) of both, and whether the baseline gave
// the module's numbers bit for bit (checked before anything is timed).

const timeMs = (fn) => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};

// W1: one Lapicque neuron, `input` one value per step. Sample by sample, `inner` runs of the module then as
// many of the plain-JS neuron; a sample is the mean of its runs.
export function timeW1(snn, base, { options, input }, { samples, inner, warmup }) {
  const pop = new snn.Lapicque(options);
  try {
    const once = () => {
      pop.reset();
      return pop.run(input, input.length);
    };
    const jsOnce = () => base.lapicqueRun(input, options.R, options.C, options.timeStep, 1);
    const first = once();
    const jsFirst = jsOnce();
    const mismatched = ['spk', 'mem'].filter((name) => !base.sameBits(first.get(name).data, jsFirst[name]));
    for (let i = 0; i < warmup; i++) {
      once();
      jsOnce();
    }
    const ms = [];
    const js = [];
    for (let s = 0; s < samples; s++) {
      ms.push(timeMs(() => { for (let i = 0; i < inner; i++) once(); }) / inner);
      js.push(timeMs(() => { for (let i = 0; i < inner; i++) jsOnce(); }) / inner);
    }
    return { first, ms, js_ms: js, js_matches_wasm: mismatched.length === 0, js_mismatched: mismatched };
  } finally {
    pop.dispose();
  }
}

// W2: `Network.run(input, steps, { record })` on a network of `layers` seeded with `seed`. Back to back,
// all of the module's samples then all of the baseline's: sample by sample, each module run followed the
// baseline's 30 ms of allocation and its own copy of the 3 MB of weights, and started with those in the
// caches instead of its own (+0.5 ms a run, measured in Node: 2.8-3.0 vs 1.9-2.5 ms).
export function timeW2(snn, base, { layers, seed, input, steps, record }, { samples }) {
  const net = new snn.Network({ layers, batchSize: 1, seed });
  try {
    const jsNet = base.makeJsNetwork(layers, [net.weight(0), net.weight(1)], [net.bias(0), net.bias(1)]);
    const once = () => {
      net.reset();
      return net.run(input, steps, { record });
    };
    const first = once();
    const jsFirst = jsNet.run(input, steps, record);
    const mismatched = first.names.filter((name) => !base.sameBits(first.get(name).data, jsFirst[name]));
    for (let i = 0; i < 3; i++) {
      once();
      jsNet.run(input, steps, record);
    }
    const ms = [];
    const js = [];
    for (let s = 0; s < samples; s++) ms.push(timeMs(once));
    for (let s = 0; s < samples; s++) js.push(timeMs(() => jsNet.run(input, steps, record)));
    return { first, ms, js_ms: js, js_matches_wasm: mismatched.length === 0, js_mismatched: mismatched };
  } finally {
    net.dispose();
  }
}
