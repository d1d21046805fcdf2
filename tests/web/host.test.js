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
import { distDir, frames, launchBrowser, watchPage } from './harness.js';

const TIMEOUT = 60_000;

// What a strict host allows: its own files, WebAssembly compiled from bytes, nothing inline, nothing else.
const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

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
  controls: [{ key: 'beta', path: 'constructor.beta', min: 0.5, max: 0.99, step: 0.01 }],
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
  [browser, snn] = await Promise.all([launchBrowser(), loadSnn()]);
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// A context where only file:// URLs load: anything else is aborted and recorded.
async function offlineContext() {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  const network = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    network.push(url);
    return route.abort();
  });
  return { context, network };
}

async function openCourse(context, network) {
  const tab = await context.newPage();
  const watch = watchPage(tab);
  tab.on('request', (r) => {
    if (!/^(file|data|blob):/.test(r.url())) network.push(r.url());
  });
  await tab.goto(pathToFileURL(join(dir, 'course.html')).href, { waitUntil: 'load' });
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
      const { tab, watch } = await openCourse(context, network);
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
