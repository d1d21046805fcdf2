// "Pin this run" (web/src/pin.js) in Debian's Chromium, on index.html:
//  1. after Pin and a slider move, the membrane panel draws the pinned trace (the one the snn-trace event
//     carried when it was pinned) under the live one (the new event's), labelled "pinned" and "this run";
//     the spike raster draws the pinned spikes under the live ones; the pinned settings are listed
//  2. Unpin with the slider back where it was: every canvas is, pixel for pixel, what it was before Pin
//  3. the network: its small plots and rasters carry the pinned run while its beta moves
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frames, openReady, serverAndBrowser, withContext } from './harness.js';

const TIMEOUT = 90_000;
const env = serverAndBrowser();

const DESKTOP = { viewport: { width: 1280, height: 900 } };

// index.html, with every snn-trace event kept in window.traceEvents.
const open = (context) => openReady(context, `${env.server.url}index.html`, () => {
  window.traceEvents = [];
  document.addEventListener('snn-trace', (e) => window.traceEvents.push({ ref: e.target.getAttribute('ref'), traces: e.detail.traces, scenarios: e.detail.scenarios }));
});

// The last trace figure `ref` announced, and how many it has announced.
const lastTrace = (page, ref) => page.evaluate((r) => window.traceEvents.filter((e) => e.ref === r).length, ref);
async function waitForRun(page, ref, count) {
  await page.waitForFunction(([r, n]) => window.traceEvents.filter((e) => e.ref === r).length > n, [ref, count]);
  await frames(page);
}

// Until the last run of the figure has this step amplitude (the keyboard's presses may come as one run or three).
async function waitForAmplitude(page, ref, amplitude) {
  await page.waitForFunction(([r, a]) => {
    const events = window.traceEvents.filter((e) => e.ref === r);
    return events.length && events[events.length - 1].scenarios[0].input.step.amplitude === a;
  }, [ref, amplitude]);
  await frames(page);
}

// What a figure's panels were last drawn with, compared in the page with the traces of its snn-trace
// events number `pinnedAt` (when it was pinned) and the last one: for each panel, whether its pinned and
// live data are those traces' arrays.
function drawnAgainst(page, ref, pinnedAt) {
  return page.evaluate(([r, at]) => {
    const f = document.querySelector(`snn-figure[ref="${r}"]`);
    const events = window.traceEvents.filter((e) => e.ref === r);
    const pinned = events[at].traces[0];
    const live = events[events.length - 1].traces[0];
    const column = (arr, n = 0) => {
      const w = arr.data.length / arr.shape[0];
      return Array.from({ length: arr.shape[0] }, (_, t) => arr.data[t * w + n]);
    };
    const same = (a, b) => a && b && a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));
    return f.panels.map((p) => {
      const o = p.drawn.options;
      if (p.type === 'membrane') {
        const pin = o.series.find((s) => s.label === 'pinned');
        const now = o.series.find((s) => s.label === 'this run');
        return { type: p.type, labels: o.series.map((s) => s.label), pinned: Boolean(pin) && same(pin.values, column(pinned.get('mem'))), live: Boolean(now) && same(now.values, column(live.get('mem'))), differ: !same(column(pinned.get('mem')), column(live.get('mem'))) };
      }
      if (p.type === 'spikes') return { type: p.type, pinned: same(o.underlay, pinned.get('spk').data), live: same(o.spikes, live.get('spk').data), legend: (o.legend || []).map((l) => l.label) };
      if (p.type === 'multiples') return { type: p.type, pinned: Boolean(o.underlay) && o.underlay.every((u, n) => same(u, column(pinned.get(p.array), n))), live: o.series.every((s, n) => same(s, column(live.get(p.array), n))) };
      if (p.type === 'raster') return { type: p.type, pinned: same(o.underlay, pinned.get(p.array).data), live: same(o.spikes, live.get(p.array).data) };
      return { type: p.type };
    });
  }, [ref, pinnedAt]);
}

// Every canvas of a figure as pixels (a data URL each).
const pixels = (page, ref) => page.evaluate((r) => document.querySelector(`snn-figure[ref="${r}"]`).panels.map((p) => p.canvas.toDataURL()), ref);

test('pinned: the traces of the run pinned stay under the live ones while a slider moves; Unpin restores every pixel', { timeout: TIMEOUT }, () => withContext(env.browser, DESKTOP, async (context) => {
  const { page, watch } = await open(context);
  const ref = 'lapicque-fire';
  const figure = page.locator(`snn-figure[ref="${ref}"]`);
  await figure.scrollIntoViewIfNeeded();
  await frames(page);
  const before = await pixels(page, ref);
  const pinnedAt = (await lastTrace(page, ref)) - 1;
  await figure.getByRole('button', { name: 'Pin this run' }).click();
  await frames(page);
  const pinnedLine = await figure.locator('.figure-pinned').textContent();
  assert.match(pinnedLine, /Pinned run.*Input current: 0\.2;/);
  // Three steps of the current slider to the right.
  const range = figure.locator('.control[data-key="amp"] input[type=range]');
  await range.focus();
  for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowRight');
  await waitForAmplitude(page, ref, 0.23);
  const drawn = await drawnAgainst(page, ref, pinnedAt);
  const membrane = drawn.find((d) => d.type === 'membrane');
  assert.deepEqual(membrane.labels, ['pinned', 'this run']);
  assert.ok(membrane.differ, 'the slider move changed nothing');
  assert.ok(membrane.pinned, 'the pinned line is not the pinned trace');
  assert.ok(membrane.live, 'the live line is not the new trace');
  const spikes = drawn.find((d) => d.type === 'spikes');
  assert.deepEqual(spikes.legend, ['this run', 'pinned']);
  assert.ok(spikes.pinned && spikes.live, JSON.stringify(spikes));
  assert.match(await figure.locator('.figure-pinned').textContent(), /Input current: 0\.2;/, 'the pinned settings changed with the slider');
  const moved = await pixels(page, ref);
  assert.ok(moved.every((p, i) => p !== before[i]), 'a panel still shows the picture from before');
  // Back to 0.2, then Unpin: the figure is as it was before Pin, pixel for pixel.
  await range.focus();
  for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowLeft');
  await waitForAmplitude(page, ref, 0.2);
  await figure.getByRole('button', { name: 'Unpin' }).click();
  await frames(page);
  assert.deepEqual(await pixels(page, ref), before, 'Unpin did not restore the figure');
  assert.ok(await figure.locator('.figure-pinned').isHidden());
  assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
}));

test('the network: its small plots and rasters keep the pinned run under the live one', { timeout: TIMEOUT }, () => withContext(env.browser, DESKTOP, async (context) => {
  const { page, watch } = await open(context);
  const ref = 'network';
  const figure = page.locator(`snn-figure[ref="${ref}"]`);
  await figure.scrollIntoViewIfNeeded();
  const pinnedAt = (await lastTrace(page, ref)) - 1;
  await figure.getByRole('button', { name: 'Pin this run' }).click();
  const count = await lastTrace(page, ref);
  await page.evaluate(() => document.querySelector('snn-figure[ref="network"]').set('beta', 0.9));
  await waitForRun(page, ref, count);
  const drawn = await drawnAgainst(page, ref, pinnedAt);
  for (const d of drawn.filter((x) => x.type === 'multiples' || x.type === 'raster')) assert.ok(d.pinned && d.live, JSON.stringify(d));
  assert.equal(drawn.filter((x) => x.type === 'multiples' || x.type === 'raster').length, 3);
  assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
}));
