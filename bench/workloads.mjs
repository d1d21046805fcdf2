// The benchmark's workloads, as Scenario pieces and JS API options. bench/native_bench.cpp spells the
// same definitions in C++: keep the two in step (the checksums compared in bench/run.mjs catch a drift).

// W1: one Lapicque neuron, R = 5.1, C = 5e-3, time_step = 1e-3, 200 steps, step current 0.2 from step 10.
export const W1 = {
  steps: 200,
  options: { R: 5.1, C: 0.005, timeStep: 0.001 },
  input() {
    const x = new Float32Array(200);
    x.fill(0.2, 10);
    return x;
  },
  scenario: {
    model: 'Lapicque', constructor: { R: 5.1, C: 0.005, time_step: 0.001 }, num_steps: 200,
    input: { step: { amplitude: 0.2, start: 10 } }, record: ['mem'],
  },
};

// W2: 784 -> 1000 -> 10, batch 1, 200 steps, input rate-coded with p = U(0, 1) * 0.1 per element (drawn by
// the core's generator from seed 7, the same bits natively and in WASM). Spikes and membranes recorded.
const linear = (inF, outF) => ({ type: 'Linear', in: inF, out: outF });
export const W2_LAYERS = {
  leaky: [linear(784, 1000), { type: 'Leaky', beta: 0.99 }, linear(1000, 10), { type: 'Leaky', beta: 0.99 }],
  synaptic: [
    linear(784, 1000), { type: 'Synaptic', alpha: 0.9, beta: 0.8 },
    linear(1000, 10), { type: 'Synaptic', alpha: 0.9, beta: 0.8 },
  ],
};
export const W2 = { steps: 200, inputs: 784, hidden: 1000, outputs: 10, seed: 7 };
// "Spikes and membranes of both layers recorded" (the brief): what every W2 measurement keeps.
export const W2_RECORD = ['spk1', 'mem1', 'spk2', 'mem2'];
export function w2Scenario(layers) {
  return {
    layers, num_steps: 200, batch_size: 1, seed: 7,
    input: { rate: { values: { uniform: [0, 0.1] } } },
    record: ['spk1', 'mem1', 'spk2', 'mem2'],
  };
}

// W3: 100,000 Leaky neurons (beta 0.9, threshold 1, subtract), 1000 steps, constant input U(0, 0.2) drawn
// once per neuron by the core's generator (seed 3).
export const W3 = {
  neurons: 100000,
  steps: 1000,
  beta: 0.9,
  threshold: 1,
  kwargs: { beta: 0.9, threshold: 1.0, reset_mechanism: 'subtract' },
  options: { beta: 0.9, threshold: 1.0, resetMechanism: 'subtract', numNeurons: 100000 },
  // One step of the Scenario gives the 100,000 input values (trace.input).
  inputScenario: {
    model: 'Leaky', constructor: { beta: 0.9, threshold: 1.0, reset_mechanism: 'subtract' }, num_neurons: 100000,
    num_steps: 1, seed: 3, input: { constant: { value: { uniform: [0, 0.2] } } }, record: ['spk'],
  },
  // The JS API's run() records spk and mem for every step; 100 steps of 100,000 neurons per call keeps a
  // call within the core's trace limit (32M values). Its samples are 2 calls (200 steps): it is ~100x
  // slower than stepping, and 1000 steps would take seconds per sample.
  apiBatchSteps: 100,
  apiCalls: 2,
};

// FNV-1a (64 bit) over the bits of a Float32Array, as 16 hex digits (native_bench.cpp's fnvHex).
export function fnvHex(f32) {
  const bytes = new Uint8Array(f32.buffer, f32.byteOffset, f32.byteLength);
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  // BigInt per byte is slow; 400 KB takes ~50 ms, which is only paid outside timed regions.
  for (let i = 0; i < bytes.length; i++) {
    h ^= BigInt(bytes[i]);
    h = (h * prime) & mask;
  }
  return h.toString(16).padStart(16, '0');
}

// Figures at the core's limits (a million steps; 2,000 pulses of 100,000 rows, 2e8 generator writes; a
// trace of 32 million values): what the page must show without freezing. tests/web/responsive.test.js
// checks it never does; bench/browser.mjs reports how long the page's main thread was held.
export const HEAVY_FIGURES = {
  long: {
    title: 'A million steps',
    scenario: { model: 'Leaky', constructor: { beta: 0.999, threshold: 1 }, num_steps: 1000000, input: { step: { amplitude: 0.0012, start: 10 } } },
    panels: [{ type: 'input' }, { type: 'membrane' }, { type: 'spikes' }],
    controls: [{ key: 'beta', path: 'constructor.beta', min: 0.99, max: 0.9999, step: 0.0001 }],
  },
  pulses: {
    title: '2000 wide pulses',
    scenario: {
      model: 'Leaky', constructor: { beta: 0.9 }, num_steps: 200000,
      input: { pulses: Array.from({ length: 2000 }, (_, k) => ({ start: k * 50, width: 100000, amplitude: 0.0005 })) },
    },
    panels: [{ type: 'membrane' }, { type: 'spikes' }],
    controls: [{ key: 'beta', path: 'constructor.beta', min: 0.5, max: 0.99, step: 0.01 }],
  },
  wide: {
    title: 'A trace of 32 million values',
    scenario: { model: 'Leaky', constructor: { beta: 0.9 }, num_steps: 8000, num_neurons: 2000, input: { constant: { value: { uniform: [0, 0.25], seed: 3 } } }, record: ['spk'] },
    panels: [{ type: 'raster', array: 'spk' }],
    controls: [{ key: 'beta', path: 'constructor.beta', min: 0.5, max: 0.99, step: 0.01 }],
  },
};

// A page of the given figure specs (id -> spec) as inline <snn-figure>s, with a button to click, loading
// the site's module from beside it.
export function heavyPage(figures) {
  const element = (id, spec) => `<snn-figure id="${id}"><script type="application/json">${JSON.stringify({ id, ...spec })}</script></snn-figure>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Heavy figures</title></head>
<body>
<button id="poke" type="button">Poke</button>
${Object.entries(figures).map(([id, spec]) => element(id, spec)).join('\n')}
<script type="module" src="assets/app.js"></script>
</body></html>`;
}

// Runs in the page before anything else (page.addInitScript): records in window.mainThread every long
// script of the page's code (the Long Animation Frames API names the script behind a long frame; the
// browser's own rendering in the same frame is not a scenario's and varies with the machine's load), every
// long task, and how late each click on #poke was handled (ms after the click happened).
export function watchMainThread() {
  const seen = { scripts: [], tasks: [], clicks: [] };
  window.mainThread = seen;
  new PerformanceObserver((list) => {
    for (const frame of list.getEntries()) {
      for (const s of frame.scripts || []) {
        if (/(assets\/app|snn-figure)\.js/.test(s.sourceURL || '')) {
          // `loading`: the script's own first run (its code evaluated as the page loads), before any scenario.
          seen.scripts.push({ duration: s.duration, invoker: s.invoker, at: `${s.sourceFunctionName} @${s.sourceCharPosition}`, loading: /^(classic|module)-script$/.test(s.invokerType || '') });
        }
      }
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) seen.tasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
  document.addEventListener('click', (e) => {
    if (e.target && e.target.id === 'poke') seen.clicks.push(performance.now() - e.timeStamp);
  }, true);
}
