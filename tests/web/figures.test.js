// The tutorial's figures in Debian's Chromium, against the built dist/ (`npm run build:web`) on loopback:
//  1. every figure on index.html draws non-blank canvases, with no console errors and no failed requests
//  2. at the tutorial's settings a figure's data is the golden snnTorch trace, float32 bit for bit
//  3. a slider moved with the KEYBOARD re-simulates to exactly what runScenario (Node) gives
//  4. the URL hash keeps that state, and a reload brings back the same controls and the same trace
//  5. hostile or malformed hashes: a friendly notice, the defaults, no injected code, no console errors
//  6. embed.html (a figure, its state, a bad figure name) and a plain HTML page with an inline JSON spec
//  7. the exports (PNG, CSV, Scenario JSON → `snn run`, snnTorch Python), through real downloads
//  8. a screenshot of each lesson section in test-output/screenshots/
// One server and one browser for the whole file; each test opens its own context.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { loadSnn } from '../../wasm/index.js';
import { flatFloats, golden, nativeCli } from '../wasm/helpers.js';
import { distDir, frames, screenshotDir, serverAndBrowser, settle, watchPage } from './harness.js';
import { assertSameAsCore, runExports } from './exports.js';

const TIMEOUT = 60_000;

// Figures whose default Scenario is a golden scenario (one golden entry per variant, in order).
const GOLDEN_FIGURES = [
  ['lapicque-rest', 'lapicque.json', ['t2_no_stimulus']],
  ['lapicque-step', 'lapicque.json', ['t2_step_0p1']],
  ['lapicque-pulses', 'lapicque.json', ['t2_pulse_0p1_w20', 't2_pulse_0p111_w10', 't2_pulse_0p147_w5', 't2_spike_0p5_w1']],
  ['lapicque-fire', 'lapicque.json', ['t2_fire_0p2']],
  ['leaky', 'leaky.json', ['t3_leaky_beta0p8_step_0p21']],
  ['synaptic', 'synaptic.json', ['tutorial_a0p9_b0p8_periodic0p2_subtract']],
  ['alpha', 'alpha.json', ['tutorial_a0p8_b0p7_thr0p5_default_zero']],
];

// Sliders moved by the keyboard: figure, control, key, presses.
const KEYBOARD = [
  ['lapicque-fire', 'amp', 'ArrowRight', 3],
  ['lapicque-pulses', 'C', 'ArrowRight', 2],
  ['synaptic', 'alpha', 'ArrowLeft', 4],
  ['leaky', 'beta', 'ArrowRight', 5],
  ['alpha', 'beta', 'ArrowLeft', 2],
  ['network', 'beta', 'ArrowLeft', 3],
];

const HOSTILE = [
  // [hash, { figure that must show a notice: what its notice says }]
  ['#lapicque-fire.amp=<img src=x onerror=window.__pwned=1>', { 'lapicque-fire': /not a number/ }],
  ['#lapicque-fire.amp=1e999', { 'lapicque-fire': /must be/ }],
  ['#lapicque-fire.amp=NaN', { 'lapicque-fire': /not a number/ }],
  ['#lapicque-fire.thr=-5', { 'lapicque-fire': /must be/ }],
  ['#lapicque-fire.nosuch=1', { 'lapicque-fire': /no setting "nosuch"/ }],
  ['#lapicque-fire.amp=%E0%A4%A', { 'lapicque-fire': /malformed/ }],
  ['#lapicque-fire.reset=<svg onload=window.__pwned=1>', { 'lapicque-fire': /not one of/ }],
  ['#lapicque-fire.__proto__=1&synaptic.constructor=1&hide=lapicque-fire.__proto__', { 'lapicque-fire': /no setting/, synaptic: /no setting/ }],
  ['#%E0%A4%A', {}],
  ['#%E0%A4%A=1&hide=%E0%A4%A&figure=%E0%A4%A', {}],
  // 100 KB: a number that never ends (a quadratic regex backtrack froze the page for ~40 s on this).
  [`#lapicque-fire.amp=${'1'.repeat(100_000)}x`, { 'lapicque-fire': /too long/ }],
  [`#lapicque-fire.amp=${'9'.repeat(100_000)}`, { 'lapicque-fire': /too long/ }],
  [`#${'junk.k=v&'.repeat(10_000)}`, {}],
];

const env = serverAndBrowser();
let snn;

before(async () => {
  snn = await loadSnn();
});

// ------------------------------------------------------------------------------------------- helpers

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const bitsOf = (x) => ((f32[0] = x), u32[0]);
const bitsArray = (values) => Array.from(values, bitsOf);

// Index of the first differing element, or -1.
function firstDiff(got, want) {
  if (got.length !== want.length) return `length ${got.length} != ${want.length}`;
  for (let i = 0; i < got.length; i++) if (got[i] !== want[i]) return i;
  return -1;
}

async function newContext(options = {}) {
  return env.browser.newContext({ viewport: { width: 1100, height: 900 }, ...options });
}

// Resolves when every <snn-figure> has started (drawn, or shown why it could not).
async function waitFigures(page) {
  await page.waitForFunction(() => {
    const all = [...document.querySelectorAll('snn-figure')];
    return all.every((f) => f.ready);
  }, null, { timeout: 20_000 });
  await page.evaluate(() => Promise.all([...document.querySelectorAll('snn-figure')].map((f) => f.ready)));
  await frames(page);
}

async function open(context, path) {
  const page = await context.newPage();
  const watch = watchPage(page);
  await page.goto(env.server.url + path, { waitUntil: 'load' });
  await settle(page);
  await waitFigures(page);
  return { page, watch };
}

const figureSelector = (ref) => `snn-figure[ref="${ref}"]`;

// A run's result as one string: a trace's hash, or a sweep's values, spike counts and first spikes.
function resultKey(r) {
  return r.spikeCount ? JSON.stringify([Array.from(r.values), Array.from(r.spikeCount), Array.from(r.firstSpike)]) : r.hash();
}

// What a figure shows: every variant's hash (resultKey), scenario, and (optionally) its arrays' float32 bits.
function figureState(page, ref, withBits = false) {
  return page.evaluate(([sel, withBits]) => {
    const fig = document.querySelector(sel);
    const bits = (a) => Array.from(new Uint32Array(Float32Array.from(a.data).buffer));
    // resultKey, in the page (its CSP allows no eval of resultKey's text).
    const resultKey = (r) => (r.spikeCount ? JSON.stringify([Array.from(r.values), Array.from(r.spikeCount), Array.from(r.firstSpike)]) : r.hash());
    return {
      values: { ...fig.values },
      scenarios: fig.variants().map((v) => fig.scenarioFor(v)),
      current: fig.currentScenario(),
      hashes: (fig.traces || []).map(resultKey),
      notice: fig.notice && !fig.notice.hidden ? fig.notice.textContent : null,
      arrays: withBits ? fig.traces.map((t) => ({ numSteps: t.numSteps, input: t.input && bits(t.input), out: Object.fromEntries(t.names.map((n) => [n, bits(t.get(n))])) })) : null,
    };
  }, [figureSelector(ref), withBits]);
}

// Every variant re-run in Node: the figure must show exactly these traces.
const hashCache = new Map();
function nodeHashes(scenarios) {
  return scenarios.map((s) => {
    const key = JSON.stringify(s);
    if (!hashCache.has(key)) hashCache.set(key, resultKey(snn.runScenario(s)));
    return hashCache.get(key);
  });
}

// What a figure must show at its spec's defaults (whatever the page's controls now say), run in Node.
async function defaultHashes(page, ref) {
  const scenarios = await page.evaluate((sel) => {
    const fig = document.querySelector(sel);
    const defaults = Object.fromEntries(fig.controls.map((c) => [c.key, c.default]));
    return fig.variants().map((v) => fig.scenarioFor(v, defaults));
  }, figureSelector(ref));
  return nodeHashes(scenarios);
}

// Canvases of one figure: size and number of distinct colours, sampled over the whole backing store.
function canvasReport(page, ref) {
  return page.evaluate((sel) => [...document.querySelector(sel).shadowRoot.querySelectorAll('canvas')].map((c) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    const colours = new Set();
    let checksum = 0;
    for (let i = 0; i < data.length; i += 4) {
      const px = (data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3];
      if (colours.size < 64) colours.add(px);
      checksum = (Math.imul(checksum, 31) + px) | 0;
    }
    return { label: c.getAttribute('aria-label'), width: c.width, height: c.height, colours: colours.size, checksum };
  }), figureSelector(ref));
}

async function figureRefs(page) {
  return page.evaluate(() => [...document.querySelectorAll('snn-figure[ref]')].map((f) => f.getAttribute('ref')));
}

// ------------------------------------------------------------------------------------------- tests

describe('index.html at the tutorial settings', { timeout: TIMEOUT * 2 }, () => {
  let context;
  let page;
  let watch;
  before(async () => {
    context = await newContext();
    ({ page, watch } = await open(context, 'index.html'));
  });
  after(() => context?.close());

  test('every figure draws non-blank canvases; no notices, console errors or failed requests', async () => {
    const refs = await figureRefs(page);
    assert.ok(refs.length >= 10, `only ${refs.length} figures on index.html`);
    const problems = [];
    for (const ref of refs) {
      const state = await figureState(page, ref);
      if (state.notice !== null) problems.push(`${ref}: shows a notice at its defaults: ${state.notice}`);
      if (!state.hashes.length) {
        problems.push(`${ref}: no trace`);
        continue;
      }
      assert.deepEqual(state.hashes, await defaultHashes(page, ref), `${ref}: the page's traces differ from Node's at the defaults`);
      const canvases = await canvasReport(page, ref);
      if (!canvases.length) problems.push(`${ref}: no canvas`);
      for (const c of canvases) {
        if (c.width < 50 || c.height < 30) problems.push(`${ref}/${c.label}: canvas is ${c.width}x${c.height}`);
        else if (c.colours < 2) problems.push(`${ref}/${c.label}: canvas is blank (one colour)`);
      }
    }
    assert.deepEqual(problems, [], problems.join('\n'));
    assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
  });

  test('element ids are unique (a figure must not take the id of its section)', async () => {
    const dupes = await page.evaluate(() => {
      const seen = new Map();
      for (const e of document.querySelectorAll('[id]')) seen.set(e.id, (seen.get(e.id) || 0) + 1);
      return [...seen].filter(([, n]) => n > 1).map(([id, n]) => `${id} x${n}`);
    });
    assert.deepEqual(dupes, []);
  });

  for (const [ref, file, names] of GOLDEN_FIGURES) {
    test(`${ref} equals golden ${file}: ${names.join(', ')}`, async () => {
      const state = await figureState(page, ref, true);
      assert.equal(state.arrays.length, names.length, `${ref}: ${state.arrays.length} traces for ${names.length} golden scenarios`);
      names.forEach((name, v) => {
        const entry = golden(file).scenarios.find((s) => s.name === name);
        assert.ok(entry, `${file} has no scenario ${name}`);
        const got = state.arrays[v];
        assert.equal(got.numSteps, entry.num_steps, `${ref}[${v}] vs ${name}: num_steps`);
        assert.equal(firstDiff(got.input, bitsArray(flatFloats(entry.input))), -1, `${ref}[${v}] vs ${name}: input`);
        assert.deepEqual(Object.keys(got.out).sort(), Object.keys(entry.output).sort(), `${ref}[${v}] vs ${name}: arrays`);
        for (const [array, want] of Object.entries(entry.output)) {
          const bad = firstDiff(got.out[array], bitsArray(flatFloats(want)));
          assert.equal(bad, -1, `${ref}[${v}] vs ${name}.${array}: first float32 mismatch at ${bad}`);
        }
      });
    });
  }

  test('screenshots of every lesson section', async () => {
    mkdirSync(screenshotDir, { recursive: true });
    const ids = await page.evaluate(() => [...document.querySelectorAll('main section')].map((s, i) => s.id || String(i)));
    assert.ok(ids.length >= 5);
    for (const [i, id] of ids.entries()) {
      const section = page.locator('main section').nth(i);
      await section.scrollIntoViewIfNeeded();
      await frames(page);
      await section.screenshot({ path: join(screenshotDir, `section-${id}.png`) });
    }
  });
});

describe('keyboard and URL state', { timeout: TIMEOUT * 2 }, () => {
  test('arrow keys on sliders and a select re-simulate exactly; the hash keeps it; a reload restores it', { timeout: TIMEOUT }, async () => {
    const context = await newContext();
    try {
      const { page, watch } = await open(context, 'index.html');
      const expectedHash = [];
      const after = {};
      for (const [ref, key, press, times] of KEYBOARD) {
        const before = await figureState(page, ref);
        const canvasBefore = await canvasReport(page, ref);
        const range = page.locator(`${figureSelector(ref)} .control[data-key="${key}"] input[type=range]`);
        const step = Number(await range.getAttribute('step'));
        await range.focus();
        for (let i = 0; i < times; i++) await page.keyboard.press(press);
        await frames(page);
        const state = await figureState(page, ref);
        const value = Number(await range.inputValue());
        const moved = (press === 'ArrowRight' ? 1 : -1) * times * step;
        assert.ok(Math.abs(value - (before.values[key] + moved)) < 1e-9, `${ref}.${key}: slider at ${value}, expected ${before.values[key]} + ${moved}`);
        assert.equal(state.values[key], value, `${ref}.${key}: figure value`);
        assert.equal(Number(await page.locator(`${figureSelector(ref)} .control[data-key="${key}"] input[type=number]`).inputValue()), value, `${ref}.${key}: number box`);
        assert.notDeepEqual(state.hashes, before.hashes, `${ref}.${key}: the trace did not change`);
        assert.deepEqual(state.hashes, nodeHashes(state.scenarios), `${ref}.${key}: the page's traces differ from runScenario`);
        assert.notEqual((await canvasReport(page, ref)).map((c) => c.checksum).join(), canvasBefore.map((c) => c.checksum).join(), `${ref}: the canvases were not redrawn`);
        expectedHash.push(`${ref}.${key}=${value}`);
        after[ref] = state;
      }
      // A <select> by keyboard: the reset mechanism of lapicque-fire.
      const select = page.locator(`${figureSelector('lapicque-fire')} .control[data-key="reset"] select`);
      await select.focus();
      await page.keyboard.press('ArrowDown');
      await frames(page);
      const fire = await figureState(page, 'lapicque-fire');
      assert.equal(fire.values.reset, 'zero');
      assert.deepEqual(fire.hashes, nodeHashes(fire.scenarios), 'lapicque-fire after the select: differs from runScenario');
      expectedHash.push('lapicque-fire.reset=zero');
      after['lapicque-fire'] = fire;

      // The hash (written after a short debounce) holds every change.
      await page.waitForFunction((parts) => parts.every((p) => location.hash.includes(p)), expectedHash, { timeout: 5000 });
      const hash = await page.evaluate(() => location.hash);
      for (const part of expectedHash) assert.ok(hash.includes(part), `hash ${hash} lacks ${part}`);

      await page.reload({ waitUntil: 'load' });
      await settle(page);
      await waitFigures(page);
      assert.equal(await page.evaluate(() => location.hash), hash, 'the reload changed the hash');
      for (const [ref, key] of KEYBOARD) {
        const state = await figureState(page, ref);
        assert.equal(state.notice, null, `${ref}: a notice after reload: ${state.notice}`);
        assert.deepEqual(state.values, after[ref].values, `${ref}: values after reload`);
        assert.deepEqual(state.hashes, after[ref].hashes, `${ref}: trace after reload`);
        const shown = Number(await page.locator(`${figureSelector(ref)} .control[data-key="${key}"] input[type=range]`).inputValue());
        assert.equal(shown, after[ref].values[key], `${ref}.${key}: the slider after reload`);
      }
      assert.equal(await select.inputValue(), '1', 'the reset select after reload');

      // A link opened in the same tab changes only the hash: the figure it names follows it (others keep
      // their settings), a #section anchor changes nothing, and a bad value gives the defaults and a notice.
      const synaptic = await figureState(page, 'synaptic');
      await page.evaluate(() => { location.hash = '#lapicque-fire.amp=0.3'; });
      await page.waitForFunction(() => document.querySelector('snn-figure[ref="lapicque-fire"]').values.amp === 0.3, null, { timeout: 5000 });
      await frames(page);
      let linked = await figureState(page, 'lapicque-fire');
      assert.deepEqual(linked.values, { amp: 0.3, thr: 1, reset: 'subtract' }, 'the other settings of a followed link are the defaults');
      assert.deepEqual(linked.hashes, nodeHashes(linked.scenarios));
      assert.equal(Number(await page.locator(`${figureSelector('lapicque-fire')} .control[data-key="amp"] input[type=range]`).inputValue()), 0.3);
      assert.deepEqual((await figureState(page, 'synaptic')).hashes, synaptic.hashes, 'a figure the link does not name changed');
      await page.evaluate(() => { location.hash = '#synaptic'; });
      await frames(page);
      assert.deepEqual((await figureState(page, 'lapicque-fire')).hashes, linked.hashes, 'a section anchor changed a figure');
      await page.evaluate(() => { location.hash = '#lapicque-fire.amp=NaN'; });
      await frames(page);
      linked = await figureState(page, 'lapicque-fire');
      assert.match(linked.notice || '', /not a number/);
      assert.deepEqual(linked.hashes, await defaultHashes(page, 'lapicque-fire'));
      assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
    } finally {
      await context.close();
    }
  });

  test('the playground keeps its choices in the hash beside the figure\'s settings', { timeout: TIMEOUT }, async () => {
    const context = await newContext();
    try {
      const { page, watch } = await open(context, 'playground.html#playground.model=Synaptic&playground.input=periodic&playground.steps=150');
      const ref = await page.evaluate(() => document.querySelector('snn-figure').figureId);
      assert.equal(ref, 'pg-synaptic-periodic');
      const fig = 'snn-figure';
      const range = page.locator(`${fig} .control[data-key="beta"] input[type=range]`);
      await range.focus();
      await page.keyboard.press('ArrowLeft');
      await frames(page);
      const state = await page.evaluate(() => {
        const f = document.querySelector('snn-figure');
        return { values: { ...f.values }, scenario: f.currentScenario(), hash: f.trace.hash() };
      });
      assert.equal(state.scenario.num_steps, 150);
      assert.equal(state.hash, snn.runScenario(state.scenario).hash());
      await page.waitForFunction((r) => location.hash.includes(`${r}.beta=`), ref, { timeout: 5000 });
      const hash = await page.evaluate(() => location.hash);
      for (const part of ['playground.model=Synaptic', 'playground.input=periodic', 'playground.steps=150', `${ref}.beta=${state.values.beta}`])
        assert.ok(hash.includes(part), `playground hash ${hash} lacks ${part}`);
      await page.reload({ waitUntil: 'load' });
      await settle(page);
      await waitFigures(page);
      const reloaded = await page.evaluate(() => {
        const f = document.querySelector('snn-figure');
        return { id: f.figureId, values: { ...f.values }, hash: f.trace.hash() };
      });
      assert.deepEqual(reloaded, { id: ref, values: state.values, hash: state.hash });
      assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
    } finally {
      await context.close();
    }
  });

  test('typing into the number box re-simulates too; an out-of-range number is refused', { timeout: TIMEOUT }, async () => {
    const context = await newContext();
    try {
      const { page, watch } = await open(context, 'index.html');
      const box = page.locator(`${figureSelector('leaky')} .control[data-key="amp"] input[type=number]`);
      await box.fill('0.3');
      await box.press('Enter');
      await frames(page);
      let state = await figureState(page, 'leaky');
      assert.equal(state.values.amp, 0.3);
      assert.deepEqual(state.hashes, nodeHashes(state.scenarios));
      await box.fill('7');
      await box.press('Enter');
      await frames(page);
      state = await figureState(page, 'leaky');
      assert.equal(state.values.amp, 0.3, 'a value above max was taken');
      assert.equal(await box.inputValue(), '0.3', 'the box was not put back');
      // A figure with one number box: Enter there would submit its controls' form; it only commits the value.
      await page.evaluate(() => (window.stillHere = true));
      const only = page.locator(`${figureSelector('lif-reset')} .control[data-key="amp"] input[type=number]`);
      await only.fill('0.25');
      await only.press('Enter');
      await frames(page);
      assert.equal(await page.evaluate(() => window.stillHere), true, 'Enter in the number box reloaded the page');
      assert.equal((await figureState(page, 'lif-reset')).values.amp, 0.25);
      assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
    } finally {
      await context.close();
    }
  });
});

describe('hostile and malformed hashes', { timeout: TIMEOUT * 3 }, () => {
  test('each gives the defaults and a notice, never runs injected code, logs no errors', { timeout: TIMEOUT * 2 }, async () => {
    const context = await newContext();
    await context.addInitScript(() => {
      window.__created = [];
      // Figures draw in shadow roots: each is watched as the document is.
      const attach = Element.prototype.attachShadow;
      Element.prototype.attachShadow = function attachShadow(...args) {
        const root = attach.apply(this, args);
        window.__watch?.(root);
        return root;
      };
      const create = Document.prototype.createElement;
      Document.prototype.createElement = function createElement(tag, ...rest) {
        if (/^(img|iframe|object|embed|svg)$/i.test(String(tag))) window.__created.push(`createElement(${tag})`);
        return create.call(this, tag, ...rest);
      };
      const observer = new MutationObserver((records) => {
        for (const r of records) {
          for (const n of r.addedNodes) {
            if (n.nodeType !== 1) continue;
            const nodes = [n, ...n.querySelectorAll('*')];
            for (const e of nodes) {
              const tag = e.nodeName.toLowerCase();
              if (['img', 'iframe', 'object', 'embed', 'svg'].includes(tag)) window.__created.push(tag);
              if (tag === 'script' && !/assets\/app\.js$/.test(e.getAttribute('src') || '') && e.type !== 'application/json') window.__created.push('script');
              for (const a of e.attributes || []) if (/^on/i.test(a.name)) window.__created.push(`${tag}[${a.name}]`);
            }
          }
        }
      });
      window.__watch = (root) => observer.observe(root, { childList: true, subtree: true });
      window.__watch(document);
    });
    try {
      const page = await context.newPage();
      const watch = watchPage(page);
      const requested = [];
      page.on('request', (r) => requested.push(new URL(r.url()).pathname));
      for (const [hash, noticed] of HOSTILE) {
        const label = hash.length > 80 ? `${hash.slice(0, 40)}…(${hash.length} chars)` : hash;
        watch.errors.length = 0;
        watch.failed.length = 0;
        requested.length = 0;
        await page.goto('about:blank');
        const started = Date.now();
        await page.goto(env.server.url + 'index.html' + hash, { waitUntil: 'load' });
        await settle(page);
        await waitFigures(page);
        assert.ok(Date.now() - started < 10_000, `${label}: the page took ${Date.now() - started} ms`);
        const refs = await figureRefs(page);
        for (const ref of refs) {
          const state = await figureState(page, ref);
          if (Object.hasOwn(noticed, ref)) {
            assert.ok(state.notice, `${label}: ${ref} shows no notice`);
            assert.match(state.notice, noticed[ref], `${label}: ${ref}'s notice`);
            assert.match(state.notice, /showing the defaults/, `${label}: ${ref}'s notice`);
            assert.ok(await page.locator(`${figureSelector(ref)} .figure-notice`).isVisible(), `${label}: the notice is not visible`);
            assert.ok(state.notice.length < 400, `${label}: notice of ${state.notice.length} chars`);
          } else {
            assert.equal(state.notice, null, `${label}: ${ref} shows a notice: ${state.notice}`);
          }
          assert.deepEqual(state.hashes, await defaultHashes(page, ref), `${label}: ${ref} is not at its defaults`);
        }
        const pwned = await page.evaluate(() => ({ pwned: window.__pwned, created: window.__created, imgs: [document, ...[...document.querySelectorAll('snn-figure')].map((f) => f.shadowRoot)].reduce((n, root) => n + root.querySelectorAll('img, iframe, object, embed').length, 0) }));
        assert.equal(pwned.pwned, undefined, `${label}: injected code ran`);
        assert.deepEqual(pwned.created, [], `${label}: elements were created from the hash`);
        assert.equal(pwned.imgs, 0, `${label}: an <img> is in the document`);
        assert.ok(!requested.includes('/x'), `${label}: the injected <img src=x> was requested`);

        // The page still works: a keyboard step takes effect, clears the link's notice and cleans the URL.
        const range = page.locator(`${figureSelector('lapicque-fire')} .control[data-key="amp"] input[type=range]`);
        await range.focus();
        await page.keyboard.press('ArrowRight');
        await frames(page);
        const fire = await figureState(page, 'lapicque-fire');
        assert.equal(fire.values.amp, 0.21, `${label}: the slider did not move from the default`);
        assert.deepEqual(fire.hashes, nodeHashes(fire.scenarios), `${label}: trace after a keyboard step`);
        assert.equal(fire.notice, null, `${label}: the link's notice stayed after a change`);
        assert.notDeepEqual(fire.hashes, await defaultHashes(page, 'lapicque-fire'));
        // The URL is rewritten from the figures' values: only the new value (and the page's own hide= and
        // figure= parts, which are never rendered as values) remain of the link.
        await page.waitForFunction(() => location.hash.includes('lapicque-fire.amp=0.21'), null, { timeout: 5000 })
          .catch(async () => assert.fail(`${label}: the URL became ${(await page.evaluate(() => location.hash)).slice(0, 200)}`));
        const rewritten = (await page.evaluate(() => location.hash)).slice(1).split('&');
        assert.deepEqual(rewritten.filter((p) => !/^(hide|figure)=/.test(p)), ['lapicque-fire.amp=0.21'], `${label}: URL after a change`);
        assert.deepEqual(watch.problems(), [], `${label}:\n${watch.problems().join('\n')}`);
      }
    } finally {
      await context.close();
    }
  });
});

describe('embedding', { timeout: TIMEOUT * 2 }, () => {
  test('embed.html#figure=lapicque-fire draws the default; its state survives a change and a reload', { timeout: TIMEOUT }, async () => {
    const context = await newContext({ viewport: { width: 800, height: 700 } });
    try {
      const { page, watch } = await open(context, 'embed.html#figure=lapicque-fire');
      assert.deepEqual(await figureRefs(page), ['lapicque-fire']);
      const state = await figureState(page, 'lapicque-fire');
      assert.equal(state.notice, null);
      assert.deepEqual(state.hashes, nodeHashes(state.scenarios));
      assert.deepEqual(state.hashes, await defaultHashes(page, 'lapicque-fire'), 'embed is not at the defaults');
      const index = await context.newPage();
      await index.goto(`${env.server.url}index.html`, { waitUntil: 'load' });
      await settle(index);
      await waitFigures(index);
      assert.deepEqual(state.hashes, (await figureState(index, 'lapicque-fire')).hashes, 'embed differs from the figure on index.html');
      await index.close();
      for (const c of await canvasReport(page, 'lapicque-fire')) assert.ok(c.colours >= 2, `${c.label} is blank`);

      const range = page.locator(`${figureSelector('lapicque-fire')} .control[data-key="amp"] input[type=range]`);
      await range.focus();
      await page.keyboard.press('ArrowRight');
      await frames(page);
      const moved = await figureState(page, 'lapicque-fire');
      assert.equal(moved.values.amp, 0.21);
      await page.waitForFunction(() => location.hash.includes('lapicque-fire.amp=0.21'), null, { timeout: 5000 });
      const hash = await page.evaluate(() => location.hash);
      assert.match(hash, /(^#|&)figure=lapicque-fire(&|$)/, `embed's hash lost the figure: ${hash}`);
      await page.reload({ waitUntil: 'load' });
      await settle(page);
      await waitFigures(page);
      assert.deepEqual(await figureRefs(page), ['lapicque-fire'], 'the reloaded embed lost its figure');
      const reloaded = await figureState(page, 'lapicque-fire');
      assert.deepEqual(reloaded.values, moved.values);
      assert.deepEqual(reloaded.hashes, moved.hashes);
      assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));

      // State and hidden controls from the embed link.
      await page.goto('about:blank');
      await page.goto(`${env.server.url}embed.html#figure=lapicque-fire&lapicque-fire.thr=0.5&hide=lapicque-fire.reset`, { waitUntil: 'load' });
      await settle(page);
      await waitFigures(page);
      const linked = await figureState(page, 'lapicque-fire');
      assert.equal(linked.values.thr, 0.5);
      assert.deepEqual(linked.hashes, nodeHashes(linked.scenarios));
      assert.equal(await page.locator(`${figureSelector('lapicque-fire')} .control[data-key="reset"]`).isVisible(), false, 'hide= did not hide the control');
      assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
    } finally {
      await context.close();
    }
  });

  test('embed.html with an unknown or hostile figure name says so, safely', { timeout: TIMEOUT }, async () => {
    const context = await newContext({ viewport: { width: 800, height: 700 } });
    try {
      const page = await context.newPage();
      const watch = watchPage(page);
      for (const name of ['<script>', '<img src=x onerror=window.__pwned=1>', 'constructor', '__proto__', '']) {
        await page.goto('about:blank');
        await page.goto(`${env.server.url}embed.html#figure=${name}`, { waitUntil: 'load' });
        await settle(page);
        const result = await page.evaluate(() => ({
          text: document.querySelector('main').textContent,
          elements: [...document.querySelector('main').querySelectorAll('*')].map((e) => e.nodeName.toLowerCase()),
          pwned: window.__pwned,
        }));
        assert.match(result.text, /no figure called/, `#figure=${name}: no message`);
        if (name) assert.ok(result.text.includes(`"${name.slice(0, 60)}"`), `#figure=${name}: the message does not quote the name as text`);
        assert.deepEqual(result.elements, ['p'], `#figure=${name}: elements in main`);
        assert.equal(result.pwned, undefined);
        assert.ok(await page.locator('main .figure-notice').isVisible());
      }
      assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
    } finally {
      await context.close();
    }
  });

  test('a plain HTML page with an inline JSON spec works', { timeout: TIMEOUT }, async () => {
    const scenario = { model: 'Leaky', constructor: { beta: 0.9, threshold: 0.8 }, num_steps: 120, input: { step: { amplitude: 0.15, start: 5 } } };
    const spec = {
      id: 'plain-demo',
      title: 'My own Leaky neuron',
      scenario,
      panels: [{ type: 'input' }, { type: 'membrane' }, { type: 'spikes' }],
      controls: [{ key: 'beta', path: 'constructor.beta', label: 'Decay β', min: 0, max: 0.99, step: 0.01 }],
    };
    const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>plain</title>
<link rel=stylesheet href="assets/style.css"><script type=module src="assets/app.js"></script></head>
<body><snn-figure><script type="application/json">${JSON.stringify(spec).replace(/</g, '\\u003c')}</script></snn-figure></body></html>
`;
    const name = `test-plain-${process.pid}.html`;
    const file = join(distDir, name);
    const context = await newContext({ viewport: { width: 900, height: 800 } });
    try {
      writeFileSync(file, html);
      let page;
      let watch;
      try {
        ({ page, watch } = await open(context, name));
      } finally {
        rmSync(file, { force: true }); // out of dist/ as soon as it has been served
      }
      const state = await page.evaluate(() => {
        const fig = document.querySelector('snn-figure');
        return { hash: fig.trace?.hash(), scenario: fig.currentScenario(), notice: fig.notice && !fig.notice.hidden ? fig.notice.textContent : null, canvases: fig.shadowRoot.querySelectorAll('canvas').length };
      });
      assert.equal(state.notice, null);
      assert.deepEqual(state.scenario, scenario);
      assert.equal(state.hash, snn.runScenario(scenario).hash());
      assert.equal(state.canvases, 3);
      const canvases = await page.evaluate(() => [...document.querySelectorAll('canvas')].map((c) => {
        const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
        const colours = new Set();
        for (let i = 0; i < data.length && colours.size < 3; i += 4) colours.add(data.slice(i, i + 4).join());
        return colours.size;
      }));
      assert.ok(canvases.every((n) => n >= 2), `blank canvases: ${canvases}`);
      const range = page.locator('snn-figure input[type=range]');
      await range.focus();
      await page.keyboard.press('ArrowLeft');
      await frames(page);
      const moved = await page.evaluate(() => {
        const fig = document.querySelector('snn-figure');
        return { hash: fig.trace.hash(), scenario: fig.currentScenario() };
      });
      assert.equal(moved.scenario.constructor.beta, 0.89);
      assert.equal(moved.hash, snn.runScenario(moved.scenario).hash());
      await page.screenshot({ path: join(screenshotDir, 'plain-inline-spec.png') });
      assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
    } finally {
      rmSync(file, { force: true });
      await context.close();
    }
  });
});

// ------------------------------------------------------------------------------------------- exports

function parsePng(buffer) {
  assert.equal(buffer.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat = [];
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.subarray(offset + 4, offset + 8).toString('latin1');
    const body = buffer.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
    }
    if (type === 'IDAT') idat.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  return { width, height, distinctBytes: new Set(raw).size };
}

describe('exports', { timeout: TIMEOUT * 2 }, () => {
  test('PNG, CSV, Scenario JSON, snnTorch code and notebook download and are right', { timeout: TIMEOUT * 2 }, async () => {
    const context = await newContext({ acceptDownloads: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.server.url).origin });
    const dir = mkdtempSync(join(tmpdir(), 'snn-exports-'));
    try {
      const { page, watch } = await open(context, 'index.html');
      // Exports reflect the current settings: move lapicque-fire first.
      const range = page.locator(`${figureSelector('lapicque-fire')} .control[data-key="amp"] input[type=range]`);
      await range.focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await frames(page);

      // Downloads a few hundred ms apart: Chromium drops one that follows another too closely (seen at the
      // eleventh of a burst), which no reader clicking a menu ever meets.
      let lastDownload = 0;
      const download = async (ref, label) => {
        await page.waitForTimeout(Math.max(0, lastDownload + 500 - Date.now()));
        lastDownload = Date.now();
        const box = page.locator(`${figureSelector(ref)} details.figure-export`);
        if (!(await box.evaluate((d) => d.open))) await box.locator('summary').click();
        const [dl] = await Promise.all([
          page.waitForEvent('download', { timeout: 15_000 }).catch(async (e) => {
            const notice = await page.evaluate((sel) => {
              const f = document.querySelector(sel);
              const d = f.shadowRoot.querySelector('details.figure-export');
              return `${f.notice.textContent} | open ${d.open} | ${f.shadowRoot.querySelectorAll('details.figure-export').length} menus | trace ${!!f.trace}`;
            }, figureSelector(ref)).catch((x) => x.message);
            throw new Error(`${ref}: no download for "${label}" (${e.message.split('\n')[0]}); notice: ${notice}`);
          }),
          box.getByRole('button', { name: label, exact: true }).click(),
        ]);
        const path = join(dir, `${ref}-${dl.suggestedFilename()}`);
        await dl.saveAs(path);
        return { path, name: dl.suggestedFilename() };
      };

      // PNG: every panel drawn again at twice its CSS size, under the title and above the settings.
      const png = await download('lapicque-fire', 'PNG image');
      assert.equal(png.name, 'lapicque-fire.png');
      const image = parsePng(readFileSync(png.path));
      const boxes = await page.evaluate((sel) => [...document.querySelector(sel).shadowRoot.querySelectorAll('canvas')].map((c) => c.getBoundingClientRect()).map((r) => [r.width, r.height]), figureSelector('lapicque-fire'));
      assert.equal(image.width, Math.round(2 * Math.max(...boxes.map((b) => b[0]))));
      assert.ok(image.height > 2 * boxes.reduce((h, b) => h + b[1], 0), 'room for the title and the settings');
      assert.ok(image.distinctBytes > 8, 'the PNG is blank');

      const runner = [];
      for (const ref of ['lapicque-fire', 'synaptic', 'alpha', 'network', 'lif-reset', 'reset-compare', 'latency-code']) {
        const state = await figureState(page, ref, ref !== 'network');
        const references = state.scenarios.map((sc) => snn.runScenario(sc));
        assert.deepEqual(references.map((r) => r.hash()), state.hashes, `${ref}: the page's traces are not runScenario's`);

        // CSV: step, then the input and the arrays the panels show, for every variant; the trace's float32 values.
        const csv = await download(ref, 'CSV of the traces');
        assert.equal(csv.name, `${ref}.csv`);
        const lines = readFileSync(csv.path, 'utf8').trimEnd().split('\n');
        const header = lines[0].split(',');
        assert.equal(header[0], 'step');
        assert.equal(lines.length, references[0].numSteps + 1, `${ref}: CSV rows`);
        const spec = await page.evaluate((sel) => document.querySelector(sel).spec, figureSelector(ref));
        const labels = spec.variants?.length ? spec.variants.map((v) => `${v.label}:`) : [''];
        const shown = new Set(spec.panels.flatMap((p) => (p.type === 'input' || p.type === 'input-raster' ? ['input'] : p.type === 'membrane' ? ['mem'] : p.type === 'spikes' ? ['spk'] : [p.array])));
        const columns = new Map();
        references.forEach((reference, v) => {
          for (const name of shown) {
            const { data, shape } = name === 'input' ? reference.input : reference.get(name);
            const width = data.length / shape[0];
            const inner = shape[shape.length - 1];
            const batched = shape.length === 3 && shape[1] > 1;
            for (let j = 0; j < width; j++) columns.set(`${labels[v]}${name}${batched ? `_b${Math.floor(j / inner)}` : ''}_${j % inner}`, { data, width, j });
          }
        });
        if (shown.has('input')) assert.ok(header.includes(`${labels[0]}input_0`), `${ref}: the CSV lacks the input the figure draws`);
        assert.equal(header.length - 1, columns.size, `${ref}: CSV columns ${header.slice(1, 6)}...`);
        const rows = lines.slice(1).map((l) => l.split(','));
        header.slice(1).forEach((h, c) => {
          const col = columns.get(h);
          assert.ok(col, `${ref}: unexpected CSV column ${h}`);
          for (let t = 0; t < rows.length; t++) {
            const cell = rows[t][c + 1];
            if (bitsOf(Number(cell)) !== bitsOf(col.data[t * col.width + col.j]) || Number(cell) !== Math.fround(Number(cell)))
              assert.fail(`${ref}: CSV ${h} row ${t} is ${cell}, the trace has ${col.data[t * col.width + col.j]}`);
          }
        });
        rows.forEach((r, t) => assert.equal(r[0], String(t)));

        // Scenario JSON: replays natively to the page's trace.
        const json = await download(ref, 'Scenario JSON');
        assert.equal(json.name, `${ref}.json`);
        assert.deepEqual(JSON.parse(readFileSync(json.path, 'utf8')), state.scenarios[0]);
        const hashed = spawnSync(nativeCli, ['hash', json.path], { encoding: 'utf8' });
        assert.equal(hashed.status, 0, hashed.stderr);
        assert.equal(hashed.stdout.trim(), state.hashes[0], `${ref}: snn hash of the exported Scenario`);

        // snnTorch code and notebook: run below with the real snnTorch, every variant against the page's traces.
        const py = await download(ref, 'snnTorch code');
        assert.equal(py.name, `${ref}.py`);
        const nb = await download(ref, 'Jupyter notebook (Colab)');
        assert.equal(nb.name, `${ref}.ipynb`);
        const runs = (spec.variants?.length ? spec.variants : [null]).map((v) => ({ label: v ? v.label : ref }));
        runner.push({ ref, runs, references, py: py.path, nb: nb.path });
        if (ref === 'lapicque-fire') {
          const source = readFileSync(py.path, 'utf8');
          assert.match(source, /0\.22\b/, 'lapicque-fire.py does not use the moved current 0.22');
          await page.locator(`${figureSelector(ref)} details.figure-export`).getByRole('button', { name: 'Copy snnTorch code', exact: true }).click();
          assert.equal(await page.evaluate(() => navigator.clipboard.readText()), source, 'the copied code differs from the downloaded file');
        }
      }
      const results = runExports(runner.flatMap((r) => [{ script: r.py, main: true }, { notebook: r.nb }]));
      runner.forEach((r, i) => {
        assertSameAsCore(results[2 * i], r.runs, r.references, `${r.ref}.py`);
        assertSameAsCore(results[2 * i + 1], r.runs, r.references, `${r.ref}.ipynb`);
      });
      assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await context.close();
    }
  });
});
