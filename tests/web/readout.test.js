// The keyboard read-out of canvas panels (web/src/plot/readout.js) in Debian's Chromium, on
// tests/web/readout.html served from the repository root (the modules unbundled; no dist/ needed):
//  1. a panel is reached with Tab; the arrow keys, Home, End, Page Up and Page Down move a step cursor; the
//     read-out shows "step N: value" and the live region says it, with the trace's value (run again in Node)
//  2. Up/Down pick the line, raster row or small plot; bars read the counts; the keys never scroll the page
//  3. the cursor line sits on the step; leaving the panel hides it and clears the read-out
//  4. the real <snn-figure>, with the read-out attached to its panels as figure.js will: the figure's trace
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSnn } from '../../wasm/index.js';
import { serve } from '../../scripts/serve.mjs';
import { launchBrowser, repoRoot, watchPage } from './harness.js';

const TIMEOUT = 60_000;

let server;
let browser;
let snn;

before(async () => {
  const started = await serve({ root: repoRoot, port: 0 });
  server = { url: started.url.replace('localhost', '127.0.0.1'), close: started.close };
  [browser, snn] = await Promise.all([launchBrowser(), loadSnn()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const fmt = (v) => Number(v).toPrecision(5);

async function open(context) {
  const page = await context.newPage();
  const watch = watchPage(page);
  await page.goto(`${server.url}tests/web/readout.html`, { waitUntil: 'load' });
  try {
    await page.waitForFunction(() => window.readoutReady === true, null, { timeout: 30_000 });
  } catch (e) {
    const where = await page.evaluate(() => ({ panels: Boolean(window.readoutPanels), figure: document.querySelector('snn-figure')?.innerHTML.slice(0, 200) })).catch(() => null);
    throw new Error(`the test page did not get ready (${JSON.stringify(where)}): ${[e.message, ...watch.problems()].join('\n')}`);
  }
  return { page, watch };
}

// The read-out and the live region of the panel at `index` (the figure's panels with figure: true).
function panelText(page, index, figure = false) {
  return page.evaluate(([i, fig]) => {
    const p = fig ? document.querySelector('snn-figure').panels[i] : window.readoutPanels[i];
    const wrap = p.canvas.parentElement;
    const cursor = wrap.querySelector('.panel-cursor');
    const live = wrap.querySelector('[aria-live]');
    const c = p.canvas.getBoundingClientRect();
    const k = cursor.getBoundingClientRect();
    return {
      readout: p.readout.textContent,
      live: live.textContent,
      cursorHidden: cursor.hidden,
      cursorX: k.left - c.left,
      cursorTop: k.top - c.top,
      cursorHeight: k.height,
      plot: p.layout.plot,
      focused: document.activeElement === p.canvas,
    };
  }, [index, figure]);
}

async function press(page, key, times = 1) {
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

describe('keyboard read-out', { timeout: TIMEOUT * 2 }, () => {
  test('arrow keys, Home/End and Page Up/Down move a step cursor that reads the trace', { timeout: TIMEOUT }, async () => {
    const context = await browser.newContext({ viewport: { width: 900, height: 700 } });
    try {
      const { page, watch } = await open(context);
      const info = await page.evaluate(() => window.readoutTrace);
      const trace = snn.runScenario(info.scenario);
      const T = info.steps;
      const N = info.neurons;
      const mem = trace.get('mem').data;
      const spk = trace.get('spk').data;
      const input = trace.input.data;

      // Tab from the top of the page reaches the first panel: it is focusable, in document order.
      await page.keyboard.press('Tab');
      let state = await panelText(page, 0);
      assert.ok(state.focused, 'Tab did not reach the first panel');
      assert.equal(state.readout, `step 0: ${fmt(mem[0])} (neuron 0)`, 'focus shows the cursor at step 0');
      assert.equal(state.live, '', 'focus alone announces nothing');
      const scrollBefore = await page.evaluate(() => window.scrollY);

      // [key, presses, expected step]
      const moves = [['ArrowRight', 5, 5], ['PageUp', 2, 25], ['ArrowLeft', 1, 24], ['PageDown', 1, 14], ['End', 1, T - 1], ['ArrowRight', 3, T - 1],
        ['PageUp', 1, T - 1], ['Home', 1, 0], ['ArrowLeft', 2, 0], ['PageDown', 1, 0], ['PageUp', 4, 40]];
      for (const [key, times, step] of moves) {
        await press(page, key, times);
        state = await panelText(page, 0);
        const text = `step ${step}: ${fmt(mem[step * N])} (neuron 0)`;
        assert.equal(state.readout, text, `after ${key} ×${times}`);
        if (!(key === 'ArrowLeft' && step === 0 && times === 2)) assert.equal(state.live, `membrane, ${text}`, `live region after ${key} ×${times}`);
        assert.ok(!state.cursorHidden, 'no cursor line');
        assert.ok(state.cursorX > state.plot.x - 1 && state.cursorX < state.plot.x + state.plot.width + 1, `cursor at ${state.cursorX}, outside the plot`);
        assert.ok(Math.abs(state.cursorTop - state.plot.y) < 1 && Math.abs(state.cursorHeight - state.plot.height) < 1.5, 'cursor does not span the plot');
      }
      // The cursor moves right as the step grows.
      const x40 = state.cursorX;
      await press(page, 'ArrowRight', 10);
      assert.ok((await panelText(page, 0)).cursorX > x40);
      // Up and Down: the other neurons at the same step.
      await press(page, 'ArrowUp', 2);
      state = await panelText(page, 0);
      assert.equal(state.readout, `step 50: ${fmt(mem[50 * N + 2])} (neuron 2)`);
      await press(page, 'ArrowUp');
      assert.equal((await panelText(page, 0)).readout, `step 50: ${fmt(mem[50 * N + 2])} (neuron 2)`, 'Up past the last neuron');
      await press(page, 'ArrowDown');
      assert.equal((await panelText(page, 0)).live, `membrane, step 50: ${fmt(mem[50 * N + 1])} (neuron 1)`);
      assert.equal(await page.evaluate(() => window.scrollY), scrollBefore, 'the keys scrolled the page');

      // The input raster: the first input spike of neuron 2, reached from Home.
      await page.keyboard.press('Tab');
      assert.ok((await panelText(page, 1)).focused);
      assert.ok((await panelText(page, 0)).cursorHidden, 'the first panel kept its cursor after Tab');
      assert.equal((await panelText(page, 0)).readout, '', 'the first panel kept its read-out after Tab');
      const first = Array.from({ length: T }, (_, t) => t).find((t) => input[t * N + 2] !== 0);
      await press(page, 'ArrowUp', 2);
      await press(page, 'PageUp', Math.floor(first / 10));
      await press(page, 'ArrowRight', first % 10);
      state = await panelText(page, 1);
      assert.equal(state.readout, `step ${first}: ${fmt(input[first * N + 2])} (neuron 2)`);
      assert.equal(state.live, `input spikes, step ${first}: ${fmt(input[first * N + 2])} (neuron 2)`);
      assert.notEqual(input[first * N + 2], 0);

      // The output raster: every step of neuron 1 reads the spike or its absence.
      await page.keyboard.press('Tab');
      await press(page, 'ArrowUp');
      for (let t = 0; t < 30; t++) {
        state = await panelText(page, 2);
        assert.equal(state.readout, `step ${t}: ${fmt(spk[t * N + 1])} (neuron 1)`, `output raster, step ${t}`);
        await press(page, 'ArrowRight');
      }

      // Bars: one per neuron, the spike counts.
      await page.keyboard.press('Tab');
      for (let n = 0; n < N; n++) {
        if (n) await press(page, 'ArrowRight');
        state = await panelText(page, 3);
        assert.equal(state.readout, `step ${n}: ${fmt(info.counts[n])}`);
        assert.equal(state.live, n ? `spike counts, step ${n}: ${fmt(info.counts[n])}` : '');
      }
      await press(page, 'End');
      assert.equal((await panelText(page, 3)).readout, `step ${N - 1}: ${fmt(info.counts[N - 1])}`);

      // Small multiples: Up picks the next small plot.
      await page.keyboard.press('Tab');
      const scrollThere = await page.evaluate(() => window.scrollY); // focus scrolls a panel into view
      await press(page, 'PageUp', 7);
      await press(page, 'ArrowUp');
      state = await panelText(page, 4);
      assert.equal(state.readout, `step 70: ${fmt(mem[70 * N + 1])} (neuron 1)`);
      assert.ok(state.cursorX > state.plot.x + state.plot.width / 3, 'the cursor is not in the second small plot');
      await press(page, 'PageDown');
      await press(page, 'End');
      assert.equal(await page.evaluate(() => window.scrollY), scrollThere, 'Page Down or End scrolled the page');

      // Leaving the panel hides the cursor and clears the read-out.
      await page.keyboard.press('Shift+Tab');
      state = await panelText(page, 4);
      assert.ok(state.cursorHidden);
      assert.equal(state.readout, '');
      assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
    } finally {
      await context.close();
    }
  });

  test('on a real <snn-figure>: the figure\'s own trace, after a slider change too', { timeout: TIMEOUT }, async () => {
    const context = await browser.newContext({ viewport: { width: 900, height: 700 } });
    try {
      const { page, watch } = await open(context);
      const kinds = await page.evaluate(() => document.querySelector('snn-figure').panels.map((p) => p.type));
      assert.deepEqual(kinds, ['input', 'membrane', 'spikes']);
      const canvas = (i) => page.locator('snn-figure canvas.panel').nth(i);
      const figureArray = (name) => page.evaluate((n) => {
        const f = document.querySelector('snn-figure');
        return Array.from(n === 'input' ? f.trace.input.data : f.trace.get(n).data);
      }, name);

      await canvas(1).focus();
      await press(page, 'PageUp', 12);
      await press(page, 'ArrowRight', 3);
      let mem = await figureArray('mem');
      let state = await panelText(page, 1, true);
      assert.equal(state.readout, `step 123: ${fmt(mem[123])}`);
      assert.equal(state.live, `membrane, step 123: ${fmt(mem[123])}`);
      const expected = snn.runScenario(await page.evaluate(() => document.querySelector('snn-figure').currentScenario())).get('mem').data;
      assert.equal(mem[123], expected[123], 'the figure is not the core\'s trace');

      // The first output spike, read on the spikes panel.
      const spk = await figureArray('spk');
      const first = spk.findIndex((v) => v !== 0);
      assert.ok(first > 0);
      await canvas(2).focus();
      await press(page, 'PageUp', Math.floor(first / 10));
      await press(page, 'ArrowRight', first % 10);
      assert.equal((await panelText(page, 2, true)).readout, `step ${first}: ${fmt(1)}`);

      // A slider moves: the panel re-reads the new trace at its cursor.
      const range = page.locator('snn-figure .control[data-key="amp"] input[type=range]');
      await range.focus();
      await press(page, 'ArrowRight', 5);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await canvas(1).focus();
      mem = await figureArray('mem');
      state = await panelText(page, 1, true);
      assert.equal(state.readout, `step 123: ${fmt(mem[123])}`, 'the cursor kept its step and reads the new trace');
      await press(page, 'ArrowLeft');
      assert.equal((await panelText(page, 1, true)).live, `membrane, step 122: ${fmt(mem[122])}`);
      assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
    } finally {
      await context.close();
    }
  });
});
