// <snn-figure> on someone else's page, with nothing of the site but dist/snn-figure.js (`node
// scripts/build-web.mjs --quiet` first), in Debian's Chromium:
//  1. a course page opened from file:// — its own stylesheet, a dark scheme, a strict Content-Security-Policy
//     (no 'unsafe-eval', no inline styles), an AMD loader as Jupyter's RequireJS leaves it, the network
//     blocked — shows live figures with the core's numbers, and keeps its styles, its URL and its history
//  2. attribute changes re-render: param-<key>, hide, theme, ref
//  3. snn-change and snn-trace reach a listener on document; values, set() and reset(); errors in the element
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadSnn } from '../../wasm/index.js';
import { distDir, fileOnly, frames, launchBrowser, watchPage } from './harness.js';

const TIMEOUT = 60_000;

// What a strict host allows: its own files, WebAssembly compiled from bytes, nothing inline, nothing else.
// and the simulation worker started from the script's own text (blob:).
const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; worker-src blob:";

const HOST_CSS = `:root { color-scheme: dark; }
body { margin: 48px; background: rgb(20, 20, 30); color: rgb(230, 230, 230); font-family: Georgia, serif; }
p { margin: 40px 0; }
button, input, select { background: rgb(255, 0, 255); }
canvas { display: none; }
h3 { color: rgb(255, 0, 0); }
`;

// An AMD loader's global, as Jupyter's classic notebook has it: the script must not hand itself to it.
const AMD_JS = `window.define = function define() { window.amdCalls = (window.amdCalls || 0) + 1; };
window.define.amd = {};
`;

// Records what the page's CSP refused, before anything else runs (a file the CSP allows).
const WATCH_JS = `window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
window.heard = [];
for (const type of ['snn-change', 'snn-trace', 'snn-error']) {
  document.addEventListener(type, (e) => window.heard.push({ type, target: e.target.getAttribute('ref') || e.target.id, detail: type === 'snn-change' ? e.detail : type === 'snn-error' ? e.detail : { traces: e.detail.traces.length } }));
}
`;

const SPEC = {
  id: 'my-neuron',
  title: 'A neuron of my own',
  scenario: { model: 'Leaky', constructor: { beta: 0.9, threshold: 1 }, num_steps: 60, input: { step: { amplitude: 0.3, start: 5 } } },
  panels: [{ type: 'membrane' }, { type: 'spikes' }],
  // A key no tutorial figure has: the element watches it with a MutationObserver of its own.
  controls: [{ key: 'decay', path: 'constructor.beta', min: 0.5, max: 0.99, step: 0.01 }],
};

function page(body) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>Week 3: neurons</title>
<link rel="stylesheet" href="host.css">
<script src="watch.js"></script>
<script src="amd.js"></script>
</head>
<body>
<h1>Week 3</h1>
<p class="lead">Read section 2, then try the figure.</p>
${body}
<script src="snn-figure.js"></script>
</body>
</html>
`;
}

// The script in <head>: the element is defined before the parser reaches what is inside it.
const HEAD = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>Week 4</title>
<script src="snn-figure.js"></script>
</head>
<body>
<snn-figure id="mine"><script type="application/json">${JSON.stringify(SPEC)}</script></snn-figure>
<snn-figure ref="leaky" theme="dark"></snn-figure>
</body>
</html>
`;

const COURSE = page(`<snn-figure ref="lapicque-fire" param-amp="0.3"></snn-figure>
<snn-figure id="mine"><script type="application/json">${JSON.stringify(SPEC)}</script></snn-figure>
<snn-figure ref="no-such-figure"></snn-figure>`);

let dir;
let browser;
let snn;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'snn-host-'));
  copyFileSync(join(distDir, 'snn-figure.js'), join(dir, 'snn-figure.js'));
  writeFileSync(join(dir, 'host.css'), HOST_CSS);
  writeFileSync(join(dir, 'amd.js'), AMD_JS);
  writeFileSync(join(dir, 'watch.js'), WATCH_JS);
  writeFileSync(join(dir, 'course.html'), COURSE);
  writeFileSync(join(dir, 'head.html'), HEAD);
  [browser, snn] = await Promise.all([launchBrowser(), loadSnn()]);
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// A context where only file:// URLs load: anything else is aborted and recorded (harness.js).
async function offlineContext() {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  return { context, network: await fileOnly(context) };
}

async function openCourse(context, name = 'course.html') {
  const tab = await context.newPage();
  const watch = watchPage(tab);
  await tab.goto(pathToFileURL(join(dir, name)).href, { waitUntil: 'load' });
  await tab.waitForFunction(() => [...document.querySelectorAll('snn-figure')].every((f) => f.ready), null, { timeout: 20_000 });
  await tab.evaluate(() => Promise.all([...document.querySelectorAll('snn-figure')].map((f) => f.ready)));
  await frames(tab);
  return { tab, watch };
}

// A figure's state: its values, the hash of each trace, the Scenario it ran and the theme it drew with.
function state(tab, selector) {
  return tab.evaluate((sel) => {
    const f = document.querySelector(sel);
    return {
      values: f.values,
      hashes: (f.traces || []).map((t) => t.hash()),
      scenario: f.currentScenario(),
      scenarios: f.controls ? f.variants().map((v) => f.scenarioFor(v)) : [],
      theme: f.panels ? f.panels[0].drawn?.options.theme.name : null,
      notice: f.notice && !f.notice.hidden ? f.notice.textContent : null,
    };
  }, selector);
}

const nodeHash = (scenario) => snn.runScenario(scenario).hash();

describe('a course page that loads only snn-figure.js, from file://', { timeout: TIMEOUT * 4 }, () => {
  test('strict CSP, dark scheme, no network: live figures, and the page keeps its styles, URL and history', { timeout: TIMEOUT }, async () => {
    const { context, network } = await offlineContext();
    try {
      const { tab, watch } = await openCourse(context);
      const before = await tab.evaluate(() => ({ href: location.href, history: history.length, state: history.state }));
      // (A new tab's about:blank is an entry of its history too.)
      assert.deepEqual({ ...before, history: undefined }, { href: pathToFileURL(join(dir, 'course.html')).href, history: undefined, state: null }, 'loading the script changed the URL or history');

      // Live: each figure ran the core and shows its numbers; the attribute's current was taken.
      const fire = await state(tab, 'snn-figure[ref="lapicque-fire"]');
      assert.equal(fire.values.amp, 0.3, 'param-amp was not used');
      assert.equal(fire.notice, null);
      assert.deepEqual(fire.hashes, [nodeHash(fire.scenario)], 'the figure does not show the core\'s trace');
      const mine = await state(tab, '#mine');
      assert.deepEqual(mine.hashes, [nodeHash(mine.scenario)], 'the inline spec\'s figure');
      // Drawn: each canvas has more than its background, and is not hidden by the page's canvas rule.
      const drawn = await tab.evaluate(() => [...document.querySelectorAll('snn-figure')].slice(0, 2).flatMap((f) => [...f.shadowRoot.querySelectorAll('canvas')].map((c) => {
        const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
        const colours = new Set();
        for (let i = 0; i < data.length && colours.size < 3; i += 4) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
        return { colours: colours.size, width: c.getBoundingClientRect().width, display: getComputedStyle(c).display };
      })));
      assert.ok(drawn.length >= 4, `${drawn.length} canvases`);
      for (const c of drawn) {
        assert.ok(c.colours > 1 && c.width > 100 && c.display === 'block', `a canvas is blank or hidden: ${JSON.stringify(c)}`);
      }

      // A slider moved by keyboard re-runs the core; the page's URL and history stay as they were.
      const range = tab.locator('snn-figure[ref="lapicque-fire"] .control[data-key="amp"] input[type=range]');
      await range.focus();
      await tab.keyboard.press('ArrowRight');
      await frames(tab);
      const moved = await state(tab, 'snn-figure[ref="lapicque-fire"]');
      assert.notEqual(moved.values.amp, 0.3, 'the slider did not move');
      assert.deepEqual(moved.hashes, [nodeHash(moved.scenario)]);
      // page-state.js would write the URL 150 ms after a move: give it twice that (no timing is asserted).
      await tab.waitForTimeout(400);
      assert.deepEqual(await tab.evaluate(() => ({ href: location.href, history: history.length, state: history.state })), before, 'the figure changed the page\'s URL or history');

      // The page's own styles hold; the figure's do not leak out, and the page's do not leak in.
      const styles = await tab.evaluate(() => {
        const fire = document.querySelector('snn-figure[ref="lapicque-fire"]');
        const css = (e, p) => getComputedStyle(e)[p];
        return {
          bodyMargin: css(document.body, 'marginTop'),
          bodyBackground: css(document.body, 'backgroundColor'),
          bodyFont: css(document.body, 'fontFamily'),
          lead: css(document.querySelector('p.lead'), 'marginTop'),
          sheets: document.styleSheets.length,
          adopted: document.adoptedStyleSheets.length,
          styleElements: document.querySelectorAll('style').length,
          headChildren: document.head.children.length,
          figureBackground: css(fire, 'backgroundColor'),
          buttonBackground: css(fire.shadowRoot.querySelector('button'), 'backgroundColor'),
          titleColour: css(fire.shadowRoot.querySelector('.figure-title'), 'color'),
          globals: ['createSnnCore', 'Module', '__snnCore', 'snnReady', 'snnLanded'].filter((k) => k in window),
          amdCalls: window.amdCalls || 0,
          violations: window.cspViolations,
          worker: Boolean(navigator.serviceWorker && navigator.serviceWorker.controller),
        };
      });
      assert.deepEqual(
        { bodyMargin: styles.bodyMargin, bodyBackground: styles.bodyBackground, bodyFont: styles.bodyFont, lead: styles.lead },
        { bodyMargin: '48px', bodyBackground: 'rgb(20, 20, 30)', bodyFont: 'Georgia, serif', lead: '40px' },
        'the page\'s own styles changed',
      );
      assert.deepEqual({ sheets: styles.sheets, adopted: styles.adopted, styleElements: styles.styleElements, headChildren: styles.headChildren },
        { sheets: 1, adopted: 0, styleElements: 0, headChildren: 6 }, 'the figure added styles or elements to the page');
      assert.notEqual(styles.buttonBackground, 'rgb(255, 0, 255)', 'the page\'s button rule reached into the figure');
      assert.notEqual(styles.titleColour, 'rgb(255, 0, 0)', 'the page\'s h3 rule reached into the figure');
      // Dark, as the page is: the figure's box and its plots.
      assert.equal(styles.figureBackground, 'rgb(31, 34, 38)', 'the figure is not in the dark scheme');
      assert.equal(moved.theme, 'dark', 'the plots are not drawn in the dark theme');
      assert.deepEqual(styles.globals, [], 'the script left globals in the page');
      assert.equal(styles.amdCalls, 0, 'the script handed itself to the page\'s AMD loader');
      assert.deepEqual(styles.violations, [], 'the page\'s Content-Security-Policy refused something');
      assert.equal(styles.worker, false);
      // The figures simulate in one worker of their own.
      assert.equal(tab.workers().length, 1, 'no simulation worker (or more than one)');

      // The unknown figure says so, in the element.
      const bad = await tab.evaluate(() => document.querySelector('snn-figure[ref="no-such-figure"]').shadowRoot.querySelector('[role=alert]')?.textContent);
      assert.match(bad || '', /no figure called "no-such-figure".*lapicque-fire/);

      assert.deepEqual([...new Set(network)], [], 'the page tried the network');
      assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
    } finally {
      await context.close();
    }
  });
});

// Waits until the figure has drawn a trace for what it now shows (after an attribute or set()).
function settled(tab, selector) {
  return tab.evaluate(async (sel) => {
    const f = document.querySelector(sel);
    await f.ready;
    await f.updated;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  }, selector);
}

const attr = (tab, selector, name, value) => tab.evaluate(([sel, n, v]) => {
  const f = document.querySelector(sel);
  if (v === null) f.removeAttribute(n);
  else f.setAttribute(n, v);
}, [selector, name, value]);

describe('the script in the page\'s <head>', { timeout: TIMEOUT }, () => {
  test('figures with an inline spec and with attributes start once the page is parsed', { timeout: TIMEOUT }, async () => {
    const { context, network } = await offlineContext();
    try {
      const { tab, watch } = await openCourse(context, 'head.html');
      for (const selector of ['#mine', 'snn-figure[ref="leaky"]']) {
        const now = await state(tab, selector);
        assert.ok(now.hashes.length, `${selector} did not start: ${await tab.evaluate((sel) => document.querySelector(sel).shadowRoot.textContent.slice(0, 200), selector)}`);
        assert.deepEqual(now.hashes, now.scenarios.map(nodeHash), `${selector} does not show the core's traces`);
      }
      assert.equal((await state(tab, 'snn-figure[ref="leaky"]')).theme, 'dark');
      assert.deepEqual([...new Set(network)], []);
      assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
    } finally {
      await context.close();
    }
  });
});

describe('a real custom element', { timeout: TIMEOUT * 4 }, () => {
  test('attribute changes re-render: param-<key>, hide, theme, ref and spec', { timeout: TIMEOUT }, async () => {
    const { context, network } = await offlineContext();
    try {
      const { tab, watch } = await openCourse(context);
      const fire = 'snn-figure[ref="lapicque-fire"]';
      await attr(tab, fire, 'param-amp', '0.25');
      await settled(tab, fire);
      let now = await state(tab, fire);
      assert.equal(now.values.amp, 0.25);
      assert.deepEqual(now.hashes, [nodeHash(now.scenario)], 'param-amp did not re-run the figure');
      // A value the figure cannot take: a notice, and the setting stays at the spec's.
      await attr(tab, fire, 'param-thr', 'abc');
      await settled(tab, fire);
      now = await state(tab, fire);
      assert.equal(now.values.thr, 1);
      assert.match(now.notice || '', /param-thr: .*"abc" is not a number/);
      await attr(tab, fire, 'param-thr', null);
      await attr(tab, fire, 'param-amp', null);
      await settled(tab, fire);
      now = await state(tab, fire);
      assert.deepEqual([now.values.amp, now.notice], [0.2, null], 'removing param-amp did not give the default back');

      // hide: parts go and come back.
      const shown = () => tab.evaluate((sel) => {
        const root = document.querySelector(sel).shadowRoot;
        const visible = (e) => Boolean(e && e.getClientRects().length);
        return { title: visible(root.querySelector('.figure-title')), reset: visible(root.querySelector('.control[data-key="reset"]')), amp: visible(root.querySelector('.control[data-key="amp"]')), classroom: visible(root.querySelector('.figure-classroom')) };
      }, fire);
      await attr(tab, fire, 'hide', 'title reset, classroom');
      assert.deepEqual(await shown(), { title: false, reset: false, amp: true, classroom: false });
      await attr(tab, fire, 'hide', '');
      assert.deepEqual(await shown(), { title: true, reset: true, amp: true, classroom: true });

      // theme: the box and the plots follow the attribute, then the page again.
      const look = () => tab.evaluate((sel) => {
        const f = document.querySelector(sel);
        return { box: getComputedStyle(f).backgroundColor, plots: f.panels.map((p) => p.drawn.options.theme.name) };
      }, fire);
      await attr(tab, fire, 'theme', 'light');
      await settled(tab, fire);
      assert.deepEqual(await look(), { box: 'rgb(246, 247, 249)', plots: ['light', 'light', 'light'] });
      await attr(tab, fire, 'theme', null);
      await settled(tab, fire);
      assert.deepEqual(await look(), { box: 'rgb(31, 34, 38)', plots: ['dark', 'dark', 'dark'] });

      // A spec's own control key, watched by the figure's MutationObserver.
      await attr(tab, '#mine', 'param-decay', '0.8');
      await settled(tab, '#mine');
      now = await state(tab, '#mine');
      assert.equal(now.values.decay, 0.8);
      assert.equal(now.scenario.constructor.beta, 0.8);
      assert.deepEqual(now.hashes, [nodeHash(now.scenario)]);

      // ref: another figure altogether.
      await attr(tab, fire, 'ref', 'leaky');
      await settled(tab, 'snn-figure[ref="leaky"]');
      const leaky = await tab.evaluate(() => {
        const f = document.querySelector('snn-figure[ref="leaky"]');
        return { id: f.figureId, title: f.shadowRoot.querySelector('.figure-title').textContent, hashes: f.traces.map((t) => t.hash()), scenarios: f.variants().map((v) => f.scenarioFor(v)), titles: f.shadowRoot.querySelectorAll('.figure-title').length };
      });
      assert.equal(leaky.id, 'leaky');
      assert.equal(leaky.titles, 1, 'the old figure is still drawn');
      assert.deepEqual(leaky.hashes, leaky.scenarios.map(nodeHash));

      // spec: a new spec replaces the figure; a broken one says what is wrong, in the element.
      await tab.evaluate((spec) => {
        const f = document.createElement('snn-figure');
        f.id = 'attr-spec';
        f.setAttribute('spec', JSON.stringify(spec));
        document.body.append(f);
      }, SPEC);
      await settled(tab, '#attr-spec');
      const stepped = { ...SPEC, scenario: { ...SPEC.scenario, num_steps: 90 } };
      await attr(tab, '#attr-spec', 'spec', JSON.stringify(stepped));
      await settled(tab, '#attr-spec');
      now = await state(tab, '#attr-spec');
      assert.equal(now.scenario.num_steps, 90);
      assert.deepEqual(now.hashes, [nodeHash(now.scenario)]);
      await attr(tab, '#attr-spec', 'spec', '{"scenario": ');
      await settled(tab, '#attr-spec');
      const alert = await tab.evaluate(() => document.querySelector('#attr-spec').shadowRoot.querySelector('[role=alert]')?.textContent);
      assert.match(alert || '', /could not start: its spec attribute is not JSON/);

      assert.deepEqual([...new Set(network)], []);
      assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
    } finally {
      await context.close();
    }
  });

  test('events reach a listener on document; values, set() and reset()', { timeout: TIMEOUT }, async () => {
    const { context, network } = await offlineContext();
    try {
      const { tab, watch } = await openCourse(context);
      const fire = 'snn-figure[ref="lapicque-fire"]';
      const heard = () => tab.evaluate(() => window.heard.splice(0));
      // Every figure's first trace, and the unknown figure's error, were heard on document.
      const start = await heard();
      assert.ok(start.some((e) => e.type === 'snn-trace' && e.target === 'lapicque-fire'), JSON.stringify(start));
      assert.ok(start.some((e) => e.type === 'snn-trace' && e.target === 'mine'));
      const error = start.find((e) => e.type === 'snn-error');
      assert.equal(error && error.target, 'no-such-figure');
      assert.match(error.detail.message, /no figure called/);

      // A control moved by the reader.
      const range = tab.locator(`${fire} .control[data-key="thr"] input[type=range]`);
      await range.focus();
      await tab.keyboard.press('ArrowLeft');
      await frames(tab);
      let events = await heard();
      const change = events.find((e) => e.type === 'snn-change');
      assert.ok(change, `no snn-change: ${JSON.stringify(events)}`);
      assert.deepEqual({ key: change.detail.key, source: change.detail.source, amp: change.detail.values.amp }, { key: 'thr', source: 'control', amp: 0.3 });
      assert.ok(change.detail.values.thr < 1);
      assert.ok(events.some((e) => e.type === 'snn-trace' && e.target === 'lapicque-fire'), 'no snn-trace after the move');

      // The API.
      const api = await tab.evaluate(async (sel) => {
        const f = document.querySelector(sel);
        const out = {};
        const copy = f.values;
        copy.amp = 0.9;
        out.copyIsACopy = f.values.amp === 0.3;
        const error = (fn) => {
          try {
            fn();
            return null;
          } catch (e) {
            return `${e.name}: ${e.message}`;
          }
        };
        out.tooBig = error(() => f.set('amp', 5));
        out.noSuch = error(() => f.set('nope', 1));
        out.badOption = error(() => f.set('reset', 'sideways'));
        out.unchanged = f.values;
        f.set({ amp: 0.35, reset: 'zero' });
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        out.afterSet = f.values;
        out.afterSetScenario = f.currentScenario();
        out.afterSetHash = f.trace.hash();
        f.values = { thr: 0.7 };
        out.assigned = f.values.thr;
        f.reset();
        out.afterReset = f.values;
        return out;
      }, fire);
      assert.equal(api.copyIsACopy, true, 'values is not a copy');
      assert.match(api.tooBig, /^RangeError: Input current must be a number in 0..0.5, got 5$/);
      assert.match(api.noSuch, /^TypeError: this figure has no setting "nope" \(it has amp, thr, reset\)/);
      assert.match(api.badOption, /^TypeError: .*"sideways" is not one of "subtract", "zero", "none"/);
      assert.equal(api.unchanged.amp, 0.3, 'a refused set() changed something');
      assert.deepEqual({ amp: api.afterSet.amp, reset: api.afterSet.reset }, { amp: 0.35, reset: 'zero' });
      assert.equal(api.afterSetHash, nodeHash(api.afterSetScenario));
      assert.equal(api.assigned, 0.7);
      // reset() goes back to where the page started the figure: param-amp="0.3", the spec's others.
      assert.deepEqual(api.afterReset, { amp: 0.3, thr: 1, reset: 'subtract' });
      events = await heard();
      assert.deepEqual(events.filter((e) => e.type === 'snn-change').map((e) => [e.detail.source, e.detail.key]),
        [['api', null], ['api', 'thr'], ['reset', null]]);

      assert.deepEqual([...new Set(network)], []);
      assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
    } finally {
      await context.close();
    }
  });
});
