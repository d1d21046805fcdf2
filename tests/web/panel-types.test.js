// The panel types a figure spec can name (web/src/panel-types.js), in Debian's Chromium against dist/:
//  1. a spec that names a type there is not, or none, shows an error in the figure that names the panel,
//     the type given and the types there are, instead of a blank canvas
//  2. every type there is draws, with no error: those of a trace on one figure of inline JSON, those of a
//     sweep's spike counts on another; a panel that cannot draw what its figure's Scenario gives (a trace, or
//     a sweep) is refused at the start, with a message that says why
// The pages are plain HTML with <snn-figure> elements and inline specs, handed to the browser by a route
// (nothing is written into dist/).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { figuresReady, serverAndBrowser, watchPage } from './harness.js';

const TIMEOUT = 60_000;
const TYPES = 'input, membrane, state, signal, spikes, input-raster, raster, bars, multiples, fi-curve';

const env = serverAndBrowser();

const scenario = {
  model: 'Leaky',
  constructor: { beta: 0.8, threshold: 1 },
  num_steps: 60,
  num_neurons: 3,
  seed: 5,
  input: { rate: { p: [0.2, 0.5, 0.9], amplitude: 0.6 } },
};

// A sweep of the same neurons' current: spike counts per value instead of a trace.
const sweep = { ...scenario, input: { constant: { value: 0 } }, sweep: { path: 'input.constant.value', values: [0, 0.25, 0.5, 1, 2] } };

const figureHtml = (spec) => `<snn-figure><script type="application/json">${JSON.stringify(spec).replace(/</g, '\\u003c')}</script></snn-figure>`;

// A page of `specs` (one figure each) at a path of the dist/ server, once every figure has started: `check`
// gets it, then the page must have logged no error and failed no request.
async function withSpecs(name, specs, viewport, check) {
  const context = await env.browser.newContext({ viewport });
  try {
    const page = await context.newPage();
    const watch = watchPage(page);
    const url = `${env.server.url}${name}.html`;
    await page.route(url, (route) => route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${name}</title><link rel="icon" href="data:,">
<link rel=stylesheet href="assets/style.css"><script type=module src="assets/app.js"></script></head>
<body><main>${specs.map(figureHtml).join('\n')}</main></body></html>
`,
    }));
    await page.goto(url, { waitUntil: 'load' });
    await figuresReady(page);
    await check(page);
    assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
  } finally {
    await context.close();
  }
}

describe('panel types', { timeout: TIMEOUT * 3 }, () => {
  test('a panel type there is not: the figure says which panel, what type and which types there are', { timeout: TIMEOUT }, async () => {
    const specs = [
      { id: 'misspelt', scenario, panels: [{ type: 'input' }, { type: 'membrain' }, { type: 'spikes' }] },
      { id: 'untyped', scenario, panels: [{ yLabel: 'membrane' }] },
      // A name every object answers to is no panel type either.
      { id: 'inherited', scenario, panels: [{ type: 'membrane' }, { type: 'toString' }] },
    ];
    const messages = [
      `This figure could not start: panel 2 of 3 has the type "membrain", which is not a panel type; the panel types are ${TYPES}.`,
      `This figure could not start: panel 1 of 1 has no type; the panel types are ${TYPES}.`,
      `This figure could not start: panel 2 of 2 has the type "toString", which is not a panel type; the panel types are ${TYPES}.`,
    ];
    await withSpecs('panel-type-unknown', specs, { width: 900, height: 900 }, async (page) => {
      const figures = await page.evaluate(() => [...document.querySelectorAll('snn-figure')].map((f) => ({
        alert: f.shadowRoot.querySelector('[role=alert]')?.textContent ?? null,
        canvases: f.shadowRoot.querySelectorAll('canvas').length,
      })));
      assert.deepEqual(figures, messages.map((alert) => ({ alert, canvases: 0 })));
      for (const alert of await page.locator('snn-figure [role=alert]').all()) assert.ok(await alert.isVisible());
    });
  });

  test('a panel that cannot draw what its figure runs: the figure says which panel and why', { timeout: TIMEOUT }, async () => {
    const specs = [
      { id: 'curve-of-a-trace', scenario, panels: [{ type: 'membrane' }, { type: 'fi-curve' }] },
      { id: 'trace-of-a-sweep', scenario: sweep, panels: [{ type: 'fi-curve' }, { type: 'spikes' }] },
    ];
    const messages = [
      'This figure could not start: panel 2 of 2 (fi-curve) draws the spike counts of a sweep, and this figure\'s Scenario has no "sweep".',
      'This figure could not start: panel 2 of 2 (spikes) draws a trace over time, and this figure\'s Scenario is a sweep, which gives spike counts per value instead (its panel types: fi-curve).',
    ];
    await withSpecs('panel-type-mismatch', specs, { width: 900, height: 900 }, async (page) => {
      const alerts = await page.evaluate(() => [...document.querySelectorAll('snn-figure')].map((f) => f.shadowRoot.querySelector('[role=alert]')?.textContent ?? null));
      assert.deepEqual(alerts, messages);
    });
  });

  test('every panel type there is draws', { timeout: TIMEOUT }, async () => {
    const sweepPanels = [{ type: 'fi-curve' }];
    const panels = [
      { type: 'input' },
      { type: 'membrane' },
      { type: 'state', array: 'mem' },
      { type: 'signal', of: 'input' },
      { type: 'spikes' },
      { type: 'input-raster' },
      { type: 'raster', array: 'spk' },
      { type: 'bars', array: 'spk' },
      { type: 'multiples', array: 'mem' },
    ];
    assert.equal([...panels, ...sweepPanels].map((p) => p.type).join(', '), TYPES);
    const specs = [{ id: 'every-type', scenario, panels }, { id: 'every-sweep-type', scenario: sweep, panels: sweepPanels }];
    await withSpecs('panel-type-all', specs, { width: 900, height: 1900 }, async (page) => {
      const states = await page.evaluate(() => [...document.querySelectorAll('snn-figure')].map((f) => ({
        alert: f.shadowRoot.querySelector('[role=alert]')?.textContent ?? null,
        notice: f.notice && !f.notice.hidden ? f.notice.textContent : null,
        // Colours in each canvas (a blank one has its background alone) and whether it has a layout.
        drawn: f.panels.map((p) => {
          const { data } = p.canvas.getContext('2d').getImageData(0, 0, p.canvas.width, p.canvas.height);
          const colours = new Set();
          for (let i = 0; i < data.length && colours.size < 3; i += 4) colours.add(data.slice(i, i + 4).join());
          return { type: p.type, colours: colours.size, layout: Boolean(p.layout) };
        }),
      })));
      specs.forEach((spec, i) => {
        assert.equal(states[i].alert, null, spec.id);
        assert.equal(states[i].notice, null, spec.id);
        assert.deepEqual(states[i].drawn, spec.panels.map((p) => ({ type: p.type, colours: 3, layout: true })), spec.id);
      });
    });
  });
});
