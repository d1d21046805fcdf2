// A figure repaints a panel only when what the panel shows has changed (figure.js paint(), plot/same.js):
// its data, compared by content, and its drawing options (size, device pixel ratio, theme, labels, the
// animation's cursor). Checked on the network figure (embed.html) through the canvases' pixels:
//  - a magenta mark is painted into a corner of every canvas; a panel that is drawn again paints over it
//    (every draw fills the whole canvas first), a panel left alone keeps it;
//  - whatever was kept or redrawn, every canvas then equals the same figure opened fresh with the same
//    settings (the marked corner left out of the comparison).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frames, openReady, serverAndBrowser } from './harness.js';

const env = serverAndBrowser();
const PANELS = ['input raster', 'hidden raster', 'output raster', 'output bars', 'membrane multiples'];
const MARK = 3; // device pixels, in the top-left corner

const HELPERS = (mark) => {
  const canvases = () => [...document.querySelector('snn-figure').querySelectorAll('canvas')];
  window.__redraw = {
    mark() {
      for (const c of canvases()) {
        const ctx = c.getContext('2d');
        ctx.save();
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.fillStyle = '#ff00ff';
        ctx.fillRect(0, 0, mark, mark);
        ctx.restore();
      }
    },
    marked() {
      return canvases().map((c) => {
        const d = c.getContext('2d').getImageData(1, 1, 1, 1).data;
        return d[0] === 255 && d[1] === 0 && d[2] === 255 && d[3] === 255;
      });
    },
    // Size and a hash of every pixel outside the marked corner.
    pixels() {
      return canvases().map((c) => {
        const data = new Uint32Array(c.getContext('2d').getImageData(0, 0, c.width, c.height).data.buffer);
        let h = 0x811c9dc5;
        for (let y = 0; y < c.height; y++) {
          for (let x = y < mark ? mark : 0; x < c.width; x++) {
            h ^= data[y * c.width + x];
            h = Math.imul(h, 16777619) >>> 0;
          }
        }
        return `${c.width}x${c.height} ${h.toString(16)}`;
      });
    },
    sizes: () => canvases().map((c) => `${c.width}x${c.height}`),
  };
};

async function open(context, hash) {
  const { page, watch } = await openReady(context, `${env.server.url}embed.html#figure=network${hash}`);
  await page.evaluate(HELPERS, MARK);
  return { page, watch };
}

// Marks every canvas, runs `change` and waits for the figure to draw; returns which panels kept the mark.
async function kept(page, change) {
  await page.evaluate(() => window.__redraw.mark());
  await change();
  await frames(page);
  const marked = await page.evaluate(() => window.__redraw.marked());
  return Object.fromEntries(PANELS.map((name, i) => [name, marked[i]]));
}

const set = (page, key, value) => page.evaluate(([k, v]) => document.querySelector('snn-figure').set(k, v), [key, value]);

// The same figure opened fresh in its own context with these settings: its canvases' pixels.
async function fresh(hash, options = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1100, height: 900 }, ...options });
  try {
    const { page, watch } = await open(context, hash);
    assert.deepEqual(watch.problems(), []);
    return await page.evaluate(() => window.__redraw.pixels());
  } finally {
    await context.close();
  }
}

const all = (value) => Object.fromEntries(PANELS.map((name) => [name, value]));

test('network figure: a panel is redrawn when its data or options change, and only then', { timeout: 120_000 }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 1100, height: 900 } });
  try {
    const { page, watch } = await open(context, '');

    // The same settings again: the core runs, every array comes back equal, nothing is repainted.
    assert.deepEqual(await kept(page, () => set(page, 'beta', 0.99)), all(true), 'a run with unchanged settings');

    // The hidden layer's decay: the input spikes are the same, so the input raster stays as it is.
    const beta = await kept(page, () => set(page, 'beta', 0.95));
    assert.equal(beta['input raster'], true, 'a beta change keeps the input raster');
    assert.equal(beta['hidden raster'], false, 'a beta change redraws the hidden raster');
    assert.equal(beta['membrane multiples'], false, 'a beta change redraws the membranes');
    assert.deepEqual(await page.evaluate(() => window.__redraw.pixels()), await fresh('&network.beta=0.95'), 'kept and redrawn panels equal a fresh figure');

    // The kept panel's keyboard read-out reads the new trace's values.
    const canvas = page.locator('snn-figure canvas').first();
    await canvas.focus();
    await page.keyboard.press('End');
    const readout = await page.evaluate(() => {
      const figure = document.querySelector('snn-figure');
      const input = figure.trace.input;
      const rows = input.data.length / input.shape[0];
      const step = input.shape[0] - 1;
      return { got: figure.panels[0].readout.textContent, want: `step ${step}: ${Number(input.data[step * rows]).toPrecision(5)} (neuron 0)` };
    });
    assert.equal(readout.got, readout.want, 'read-out of the kept input raster');
    await canvas.blur();

    // The seed draws new input spikes and weights: everything is redrawn.
    assert.deepEqual(await kept(page, () => set(page, 'seed', 12)), all(false), 'a seed change redraws every panel');
    assert.deepEqual(await page.evaluate(() => window.__redraw.pixels()), await fresh('&network.beta=0.95&network.seed=12'));

    // A theme change redraws everything, in the theme a fresh dark page draws.
    assert.deepEqual(await kept(page, () => page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'))), all(false), 'a theme change redraws every panel');
    const dark = await page.evaluate(() => window.__redraw.pixels());
    assert.deepEqual(dark, await fresh('&network.beta=0.95&network.seed=12', { colorScheme: 'dark' }));

    // A width change redraws everything at the new size.
    const before = await page.evaluate(() => window.__redraw.sizes());
    assert.deepEqual(await kept(page, async () => {
      await page.setViewportSize({ width: 800, height: 900 });
      await page.waitForFunction((old) => window.__redraw.sizes().every((s, i) => s !== old[i]), before);
    }), all(false), 'a resize redraws every panel');
    assert.deepEqual(await page.evaluate(() => window.__redraw.pixels()), await fresh('&network.beta=0.95&network.seed=12', { colorScheme: 'dark', viewport: { width: 800, height: 900 } }));

    // The animation: the rasters and the bars follow the cursor, the membranes are drawn whole (kept).
    const reset = await kept(page, () => page.locator('.figure-player button', { hasText: 'Reset' }).click());
    assert.deepEqual(reset, { ...all(false), 'membrane multiples': true }, 'Reset redraws what follows the cursor');
    const step = await kept(page, () => page.locator('.figure-player button', { hasText: 'Step' }).click());
    assert.equal(step['input raster'], false, 'Step shows one more column of input');
    assert.equal(step['membrane multiples'], true, 'Step keeps the membranes');
    // A slider move in mid-animation keeps the cursor where it is.
    await set(page, 'beta', 0.9);
    await frames(page);
    assert.equal(await page.evaluate(() => document.querySelector('snn-figure').cursor), 1);

    assert.deepEqual(watch.problems(), []);
  } finally {
    await context.close();
  }
});
