// The browser half of the benchmark, in Debian's headless Chromium (/usr/bin/chromium, or $SNN_CHROMIUM)
// driven by playwright-core; dist/ is served on loopback by scripts/serve.mjs. Never downloads a browser.
//
//  1. W3 in the page (http://127.0.0.1:<port>/index.html): after window.snnReady, the page imports the same
//     assets/snn.min.mjs the app uses and steps a raw PopulationHandle 1000 times (as bench/node-bench.mjs
//     does in Node); also the public API (window.snnReady's Leaky.run() in 100-step batches) and the
//     plain-JS update. Then W1 and W2 (Leaky and Synaptic) through window.snnReady's Lapicque.run() and
//     Network.run(), each beside its plain-JS baseline. The page imports js-baseline.mjs and api-runs.mjs
//     from their text.
//  2. Slider -> repaint for every <snn-figure> of index.html, on its first range control:
//     - drag: real pointer drags (CDP mouse events through Chromium's input pipeline, which delivers
//       pointer-driven `input` events aligned to animation frames, as a person's drag is). Latency = from
//       the `input` event's timeStamp to the first task after the frame that repainted the figure (a
//       MessageChannel message posted from the figure's 'snn-trace' handler, which runs inside that frame's
//       requestAnimationFrame callback, is delivered once the frame's style/layout/paint are done).
//     - synthetic: `input` events dispatched from timers at a random phase of the frame (the figure waits for
//       the next animation frame, so up to one frame of waiting is included), measured the same way.
//     For each change we also keep the work done inside the frame (snn-trace time minus the frame's
//     requestAnimationFrame start) and the time to the next requestAnimationFrame after 'snn-trace'.
//  3. First interactive figure: dist/snn-tutorial.html opened from file:// in a fresh browser context; time
//     from navigation start (performance.timeOrigin) to the end of the frame in which the first figure had
//     drawn (its first 'snn-trace', then the next frame's paint).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';
import { HEAVY_FIGURES, W1, W2, W2_LAYERS, W2_RECORD, W3, heavyPage, w2Scenario, watchMainThread } from './workloads.mjs';
import { phaseTimer, quantile } from './stats.mjs';

export const chromiumPath = process.env.SNN_CHROMIUM || '/usr/bin/chromium';

export async function launch() {
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} not found (apt-get install chromium; never download a browser)`);
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-renderer-backgrounding', '--disable-background-timer-throttling'],
  });
}

// Bench files the page imports: the site serves only dist/, so each is sent as text and imported from a
// blob URL, once per page, into window.benchModules (js-baseline.mjs: the plain-JS baselines; api-runs.mjs:
// how W1 and W2 are timed, as in Node).
async function importIntoPage(page) {
  const sources = Object.fromEntries(['js-baseline', 'api-runs'].map((name) => [name, readFileSync(new URL(`./${name}.mjs`, import.meta.url), 'utf8')]));
  await page.evaluate(async (sources) => {
    if (window.benchModules) return;
    const modules = {};
    for (const [name, src] of Object.entries(sources)) {
      const url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
      try {
        modules[name] = await import(url);
      } finally {
        URL.revokeObjectURL(url);
      }
    }
    window.benchModules = modules;
  }, sources);
}

// ----------------------------------------------------------------------------------------------- W3
export async function w3InPage(page, quick) {
  await importIntoPage(page);
  return page.evaluate(async ({ w3, samples, apiSamples }) => {
    const snn = await window.snnReady;
    const { leakySteps } = window.benchModules['js-baseline'];
    const mod = await import(new URL('assets/snn.min.mjs', location.href).href);
    const core = await mod.default();
    const input = snn.runScenario(w3.inputScenario).input.data;
    const n = w3.neurons;
    const time = (fn) => {
      const t0 = performance.now();
      fn();
      return performance.now() - t0;
    };
    // Raw handle, as in Node.
    const h = core.PopulationHandle.create('Leaky', JSON.stringify({ ...w3.kwargs, num_neurons: n }));
    core.HEAPF32.set(input, h.inputFor(input.length) >>> 2);
    for (let t = 0; t < 100; t++) h.step();
    const mem = new Float32Array(n);
    const spk = new Float32Array(n);
    leakySteps(mem, spk, input, w3.beta, w3.threshold, 100);
    const wasm = [];
    const js = [];
    let jsMatches = null;
    for (let s = 0; s < samples; s++) {
      wasm.push(time(() => {
        h.reset();
        for (let t = 0; t < w3.steps; t++) h.step();
      }));
      js.push(time(() => {
        mem.fill(0);
        leakySteps(mem, spk, input, w3.beta, w3.threshold, w3.steps);
      }));
      if (s === 0) {
        const p = h.statePtr(0) >>> 2;
        const a = new Uint32Array(core.HEAPF32.buffer, p * 4, n);
        const b = new Uint32Array(mem.buffer);
        jsMatches = a.every((v, i) => v === b[i]);
      }
    }
    h.delete();
    // The public API of the page's own core instance (window.snnReady).
    const pop = new snn.Leaky(w3.options);
    // Leaky.advance(input, 1000): the API's one-call way to hold an input for many steps.
    pop.advance(input, 100);
    const advance = [];
    for (let s = 0; s < samples; s++) {
      advance.push(time(() => {
        pop.reset();
        pop.advance(input, w3.steps);
      }));
    }
    const batch = w3.apiBatchSteps;
    const rows = new Float32Array(batch * n);
    for (let t = 0; t < batch; t++) rows.set(input, t * n);
    pop.run(rows, batch);
    const api = [];
    for (let s = 0; s < apiSamples; s++) {
      api.push(time(() => {
        pop.reset();
        for (let k = 0; k < w3.apiCalls; k++) pop.run(rows, batch);
      }));
    }
    pop.dispose();
    return { ms: wasm, advance_ms: advance, js_ms: js, api_run_ms: api, api_run_steps: batch * w3.apiCalls, js_matches_wasm: jsMatches, user_agent: navigator.userAgent };
  }, { w3: W3, samples: quick ? 3 : 5, apiSamples: quick ? 1 : 3 });
}

// ------------------------------------------------------------------------------------------ W1, W2
// W1 and W2 through the page's own API (window.snnReady), each beside its plain-JS baseline, timed by
// api-runs.mjs as in Node.
export async function w1w2InPage(page, quick) {
  await importIntoPage(page);
  const w2 = Object.fromEntries(Object.entries(W2_LAYERS).map(([kind, layers]) => [kind, { layers, scenario: w2Scenario(layers) }]));
  return page.evaluate(async ({ w1, w2, w2Def, record, quick }) => {
    const snn = await window.snnReady;
    const base = window.benchModules['js-baseline'];
    const { timeW1, timeW2 } = window.benchModules['api-runs'];
    const plain = ({ ms, js_ms, js_matches_wasm }) => ({ ms, js_ms, js_matches_wasm });
    const out = { w1: plain(timeW1(snn, base, { options: w1.options, input: Float32Array.from(w1.input) }, quick ? { samples: 5, inner: 100, warmup: 1000 } : { samples: 11, inner: 300, warmup: 1000 })) };
    for (const [kind, { layers, scenario }] of Object.entries(w2)) {
      const input = snn.runScenario(scenario).input.data;
      out[kind] = plain(timeW2(snn, base, { layers, seed: w2Def.seed, input, steps: w2Def.steps, record }, { samples: quick ? 5 : 21 }));
    }
    return out;
  }, { w1: { options: W1.options, input: Array.from(W1.input()) }, w2, w2Def: W2, record: W2_RECORD, quick });
}

// ---------------------------------------------------------------------------------- slider latency
// Installed once per page: records, for every `input` event inside the figure under test, when it was
// created (timeStamp), handled, when its animation frame started, when the figure's 'snn-trace' fired,
// when that frame was done (paint) and the next requestAnimationFrame.
const INSTRUMENT = () => {
  const bench = { fig: null, recs: [], pending: null };
  window.__bench = bench;
  window.addEventListener('input', (e) => {
    if (!bench.fig || !bench.fig.contains(e.target)) return;
    const rec = { tEvent: e.timeStamp, tHandler: performance.now(), value: e.target.value };
    requestAnimationFrame(() => {
      if (rec.tRaf === undefined) rec.tRaf = performance.now();
    });
    bench.recs.push(rec);
    bench.pending = rec;
  }, true);
  bench.onTrace = () => {
    const rec = bench.pending;
    if (!rec || rec.tTrace !== undefined) return;
    rec.tTrace = performance.now();
    bench.pending = null;
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      rec.tPaint = performance.now();
    };
    ch.port2.postMessage(0);
    requestAnimationFrame(() => {
      rec.tNextRaf = performance.now();
    });
  };
  bench.select = (fig) => {
    if (bench.fig) bench.fig.removeEventListener('snn-trace', bench.onTrace);
    bench.fig = fig;
    bench.recs = [];
    bench.pending = null;
    fig.addEventListener('snn-trace', bench.onTrace);
  };
  // Resolves when every recorded change has been painted (or after ~1 s).
  bench.settle = () => new Promise((resolve) => {
    let frames = 0;
    const tick = () => {
      frames++;
      const open = bench.recs.some((r) => r.tTrace !== undefined ? r.tNextRaf === undefined || r.tPaint === undefined : bench.pending === r);
      if ((!open && frames >= 2) || frames > 60) resolve(bench.recs.length);
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
};

function latencies(recs) {
  const done = recs.filter((r) => r.tPaint !== undefined && r.tTrace !== undefined);
  return {
    total: done.map((r) => r.tPaint - r.tEvent),
    work: done.map((r) => r.tTrace - (r.tRaf ?? r.tHandler)),
    wait: done.map((r) => (r.tRaf ?? r.tHandler) - r.tEvent),
    nextRaf: done.filter((r) => r.tNextRaf !== undefined).map((r) => r.tNextRaf - r.tEvent),
    coalesced: recs.length - done.length,
  };
}

const r2 = (x) => (x === null || x === undefined ? null : Math.round(x * 100) / 100);

function pct(list) {
  return { p50: r2(quantile(list, 0.5)), p95: r2(quantile(list, 0.95)), max: r2(list.length ? Math.max(...list) : null) };
}

// Real pointer drags over the figure's first range input, back and forth, until `changes` input events.
async function dragFigure(page, figIndex, changes) {
  const range = page.locator('snn-figure').nth(figIndex).locator('.figure-controls input[type=range]').first();
  if ((await range.count()) === 0) return null;
  await range.scrollIntoViewIfNeeded();
  await page.evaluate((i) => window.__bench.select(document.querySelectorAll('snn-figure')[i]), figIndex);
  await page.evaluate(() => window.__bench.settle());
  const box = await range.boundingBox();
  const { min, max, step } = await range.evaluate((el) => ({ min: Number(el.min), max: Number(el.max), step: Number(el.step) || 1 }));
  const slots = Math.max(2, Math.round((max - min) / step) + 1);
  const y = box.y + box.height / 2;
  const inset = Math.min(8, box.width / 10); // about half a thumb: the track's ends
  const usable = box.width - 2 * inset;
  const px = Math.max(2, usable / (slots - 1)); // one value per move where the track is wide enough
  const xs = [];
  for (let x = box.x + inset; x <= box.x + inset + usable + 0.01; x += px) xs.push(x);
  let pos = Math.floor(xs.length / 3);
  let dir = 1;
  await page.mouse.move(xs[pos], y);
  await page.mouse.down();
  let count = await page.evaluate(() => window.__bench.settle());
  let moves = 0;
  while (count < changes && moves < changes * 4) {
    if (pos + dir < 0 || pos + dir >= xs.length) dir = -dir;
    pos += dir;
    await page.mouse.move(xs[pos], y);
    count = await page.evaluate(() => window.__bench.settle());
    moves++;
  }
  await page.mouse.up();
  await page.evaluate(() => window.__bench.settle());
  return page.evaluate(() => window.__bench.recs.map((r) => ({ ...r })));
}

// Synthetic `input` events from timers at a random phase of the frame, one change at a time.
async function syntheticFigure(page, figIndex, changes) {
  return page.evaluate(async ({ i, changes }) => {
    const fig = document.querySelectorAll('snn-figure')[i];
    const range = fig.shadowRoot.querySelector('.figure-controls input[type=range]');
    if (!range) return null;
    window.__bench.select(fig);
    const min = Number(range.min);
    const max = Number(range.max);
    const step = Number(range.step) || 1;
    const slots = Math.round((max - min) / step) + 1;
    let k = Math.round((Number(range.value) - min) / step);
    let dir = 1;
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let c = 0; c < changes; c++) {
      await new Promise((r) => setTimeout(r, rand() * 17));
      if (k + dir < 0 || k + dir >= slots) dir = -dir;
      k += dir;
      range.value = String(min + k * step);
      range.dispatchEvent(new Event('input', { bubbles: true, composed: true })); // out of the figure's shadow root, as a reader's is
      await window.__bench.settle();
    }
    return window.__bench.recs.map((r) => ({ ...r }));
  }, { i: figIndex, changes });
}

// `only`: measure just these figure ids (all when omitted).
export async function sliderLatency(page, quick, log, only = null) {
  await page.evaluate(INSTRUMENT);
  const ids = await page.$$eval('snn-figure', (els) => els.map((e) => e.id || e.getAttribute('ref')));
  const changes = quick ? 12 : 55;
  const synthChanges = quick ? 8 : 20;
  const figures = [];
  for (let i = 0; i < ids.length; i++) {
    if (only && !only.includes(ids[i])) continue;
    const drag = await dragFigure(page, i, changes);
    if (drag === null) {
      figures.push({ id: ids[i], p50_ms: null, p95_ms: null, note: 'no range control' });
      continue;
    }
    const synth = await syntheticFigure(page, i, synthChanges);
    const d = latencies(drag);
    const s = latencies(synth || []);
    const control = await page.evaluate((k) => {
      const r = document.querySelectorAll('snn-figure')[k].shadowRoot.querySelector('.figure-controls input[type=range]');
      return r ? r.id : null;
    }, i);
    const entry = {
      id: ids[i],
      control,
      p50_ms: pct(d.total).p50,
      p95_ms: pct(d.total).p95,
      max_ms: pct(d.total).max,
      changes: d.total.length,
      work_p50_ms: pct(d.work).p50,
      work_p95_ms: pct(d.work).p95,
      wait_p50_ms: pct(d.wait).p50,
      next_raf_p95_ms: pct(d.nextRaf).p95,
      synthetic: { p50_ms: pct(s.total).p50, p95_ms: pct(s.total).p95, changes: s.total.length, work_p95_ms: pct(s.work).p95, wait_p95_ms: pct(s.wait).p95, next_raf_p95_ms: pct(s.nextRaf).p95 },
    };
    figures.push(entry);
    log(`  ${ids[i].padEnd(16)} drag p50 ${entry.p50_ms} ms p95 ${entry.p95_ms} ms (work p95 ${entry.work_p95_ms} ms, ${entry.changes} changes); synthetic p95 ${entry.synthetic.p95_ms} ms`);
  }
  return figures;
}

// ------------------------------------------------------------------------------ first interactive figure
const FIRST_FIGURE = () => {
  window.__first = null;
  window.addEventListener('snn-trace', (e) => {
    if (window.__first) return;
    const first = document.querySelector('snn-figure');
    if (e.target !== first) return;
    const rec = { trace: performance.now() };
    window.__first = rec;
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        rec.paint = performance.now();
      };
      ch.port2.postMessage(0);
    });
  }, true);
};

async function firstFigure(browser, file, runs) {
  const url = pathToFileURL(file).href;
  const samples = [];
  let detail = null;
  for (let r = 0; r < runs; r++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // file:// with no network at all, as a reader opening the downloaded file offline.
    await context.route(/^(https?|wss?):/, (route) => route.abort());
    const page = await context.newPage();
    await page.addInitScript(FIRST_FIGURE);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__first && window.__first.paint !== undefined, null, { timeout: 20000 });
    const m = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return { ...window.__first, dcl: nav ? nav.domContentLoadedEventEnd : null, load: nav ? nav.loadEventEnd : null };
    });
    samples.push(m.paint);
    if (r === 0) detail = m;
    await context.close();
  }
  return { samples, detail };
}

// index.html of the site served at `base`, in a fresh 1280x900 context, once every figure has drawn its first
// trace (20 s at most). `before(page)` runs before the navigation (to attach listeners).
export async function openTutorial(browser, base, before = () => {}) {
  // bypassCSP: importIntoPage loads the baselines as blob: modules, which the pages' policy refuses.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block', bypassCSP: true });
  const page = await context.newPage();
  before(page);
  await page.goto(`${base}index.html`, { waitUntil: 'load' });
  await page.evaluate(async () => {
    await window.snnReady;
    await customElements.whenDefined('snn-figure');
    const figs = [...document.querySelectorAll('snn-figure')];
    const t0 = performance.now();
    while (figs.some((f) => !f.traces) && performance.now() - t0 < 20000) await new Promise((r) => setTimeout(r, 50));
  });
  return { context, page };
}

// ---------------------------------------------------------------------------------------------- main
// ------------------------------------------------------------------------------ main-thread blocking
// The page of HEAVY_FIGURES (figures at the core's limits): while they start and each re-runs with a new
// value, with clicks in between, the longest script of the page's code, the longest task (the browser's
// own rendering included), how late the clicks were answered, and how long each re-run took from set() to
// drawn: what it would have held the page for had it run on the main thread.
async function heavyBlocking(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  try {
    await context.route(`${base}/heavy.html`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: heavyPage(HEAVY_FIGURES) }));
    const page = await context.newPage();
    await page.addInitScript(watchMainThread);
    await page.goto(`${base}/heavy.html`, { waitUntil: 'load' });
    for (let k = 0; k < 4; k++) {
      await page.click('#poke');
      await page.waitForTimeout(150);
    }
    await page.evaluate(() => Promise.all([...document.querySelectorAll('snn-figure')].map((f) => f.ready)));
    const rerun_ms = {};
    for (const id of Object.keys(HEAVY_FIGURES)) {
      await page.evaluate((i) => {
        const f = document.getElementById(i);
        const t = performance.now();
        f.set(f.controls[0].key, f.controls[0].min);
        window.heavyRun = f.updated.then(() => performance.now() - t);
      }, id);
      for (let k = 0; k < 2; k++) {
        await page.click('#poke');
        await page.waitForTimeout(100);
      }
      rerun_ms[id] = r2(await page.evaluate(() => window.heavyRun));
    }
    const seen = await page.evaluate(() => window.mainThread);
    const longest = seen.scripts.reduce((a, s) => (s.duration > a.duration ? s : a), { duration: 0, at: '' });
    return {
      longest_script_ms: r2(longest.duration),
      longest_script: longest.at,
      longest_task_ms: r2(seen.tasks.length ? Math.max(...seen.tasks) : 0),
      click_max_ms: r2(seen.clicks.length ? Math.max(...seen.clicks) : null),
      clicks: seen.clicks.length,
      rerun_ms,
    };
  } finally {
    await context.close();
  }
}

export async function runBrowser({ distDir, quick = false, log = () => {} }) {
  if (!existsSync(join(distDir, 'index.html'))) throw new Error('dist/ is not built: run `npm run build` first');
  const server = await serve({ root: distDir, port: 0 });
  const base = server.url.replace('localhost', '127.0.0.1');
  const browser = await launch();
  try {
    const errors = [];
    const { context, page } = await openTutorial(browser, base, (page) => page.on('pageerror', (e) => errors.push(e.message)));
    const { phases, lap } = phaseTimer();
    lap('load_s');
    log('browser: W3 in the page');
    const w3 = await w3InPage(page, quick);
    lap('w3_s');
    log('browser: W1 and W2 in the page');
    const w1w2 = await w1w2InPage(page, quick);
    lap('w1_w2_s');
    log('browser: slider -> repaint, every figure of index.html');
    const figures = await sliderLatency(page, quick, log);
    lap('sliders_s');
    await context.close();
    log('browser: main-thread blocking, a page of figures at the limits');
    const heavy = await heavyBlocking(browser, base);
    lap('heavy_s');
    log('browser: first interactive figure from file://');
    const first = await firstFigure(browser, join(distDir, 'snn-tutorial.html'), quick ? 2 : 5);
    lap('first_figure_s');
    return { version: browser.version(), w3, w1: w1w2.w1, w2: w1w2.leaky, w2_synaptic: w1w2.synaptic, figures, first, heavy, errors, phases };
  } finally {
    await browser.close();
    await server.close();
  }
}
