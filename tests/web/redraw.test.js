// A figure repaints a panel only when what the panel shows has changed (figure.js paint(), plot/same.js):
// its data, compared by content, and its drawing options (size, device pixel ratio, theme, labels, the
// animation's cursor). A raster whose spikes or cursor alone changed repaints only its plot area
// (panels.js drawRaster with `previous`). Checked on the network figure (embed.html) through the pixels:
//  - two magenta marks go into every canvas, one in the top-left corner (outside the plot) and one in the
//    middle of the plot area. A panel drawn again paints over both (every draw fills the whole canvas), a
//    plot-area repaint over the second only, a panel left alone keeps both;
//  - whatever was kept or redrawn, every canvas then equals the same figure opened fresh with the same
//    settings (the two marked squares left out of the comparison).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frames, openReady, serverAndBrowser } from './harness.js';

const env = serverAndBrowser();
const PANELS = ['input raster', 'hidden raster', 'output raster', 'output bars', 'membrane multiples'];
const MARK = 3; // device pixels square

const HELPERS = (mark) => {
  const figure = () => document.querySelector('snn-figure');
  // Top-left corners of the two marks of each canvas, in device pixels.
  const spots = () => figure().panels.map(({ canvas, layout }) => {
    const scale = canvas.width / canvas.getBoundingClientRect().width;
    const plot = layout.plot;
    return [[0, 0], [Math.round((plot.x + plot.width / 2) * scale), Math.round((plot.y + plot.height / 2) * scale)]];
  });
  const isMark = (d) => d[0] === 255 && d[1] === 0 && d[2] === 255 && d[3] === 255;
  window.__redraw = {
    mark() {
      const where = spots();
      figure().panels.forEach(({ canvas }, i) => {
        const ctx = canvas.getContext('2d');
        ctx.save();
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.fillStyle = '#ff00ff';
        for (const [x, y] of where[i]) ctx.fillRect(x, y, mark, mark);
        ctx.restore();
      });
    },
    // Per panel: 'kept' (both marks there), 'plot' (the plot's mark painted over) or 'all' (both).
    state() {
      const where = spots();
      return figure().panels.map(({ canvas }, i) => {
        const [corner, plot] = where[i].map(([x, y]) => isMark(canvas.getContext('2d').getImageData(x + 1, y + 1, 1, 1).data));
        if (corner && plot) return 'kept';
        if (corner) return 'plot';
        return plot ? 'corner only?' : 'all';
      });
    },
    // Size and a hash of every pixel outside the two marks.
    pixels() {
      const where = spots();
      return figure().panels.map(({ canvas }, i) => {
        const { width, height } = canvas;
        const data = new Uint32Array(canvas.getContext('2d').getImageData(0, 0, width, height).data.buffer);
        const marked = (x, y) => where[i].some(([mx, my]) => x >= mx && x < mx + mark && y >= my && y < my + mark);
        let h = 0x811c9dc5;
        for (let y = 0; y < height; y++) {
          for (let x = 0; x < width; x++) {
            if (marked(x, y)) continue;
            h ^= data[y * width + x];
            h = Math.imul(h, 16777619) >>> 0;
          }
        }
        return `${width}x${height} ${h.toString(16)}`;
      });
    },
    sizes: () => figure().panels.map(({ canvas }) => `${canvas.width}x${canvas.height}`),
  };
};

async function open(context, hash) {
  const { page, watch } = await openReady(context, `${env.server.url}embed.html#figure=network${hash}`);
  await page.evaluate(HELPERS, MARK);
  return { page, watch };
}

// Marks every canvas, runs `change` and waits for the figure to draw; returns what each panel repainted.
async function repainted(page, change) {
  await page.evaluate(() => window.__redraw.mark());
  await change();
  await frames(page);
  const state = await page.evaluate(() => window.__redraw.state());
  return Object.fromEntries(PANELS.map((name, i) => [name, state[i]]));
}

const set = (page, key, value) => page.evaluate(([k, v]) => document.querySelector('snn-figure').set(k, v), [key, value]);
const pixels = (page) => page.evaluate(() => window.__redraw.pixels());
const all = (value) => Object.fromEntries(PANELS.map((name) => [name, value]));

for (const scale of [1, 1.5]) {
  test(`network figure at DPR ${scale}: a panel is repainted when its data or options change, and only then`, { timeout: 120_000 }, async () => {
    const options = { viewport: { width: 1100, height: 900 }, deviceScaleFactor: scale };
    // The same figure opened fresh in its own context with these settings: its canvases' pixels.
    const fresh = async (hash, more = {}) => {
      const context = await env.browser.newContext({ ...options, ...more });
      try {
        const { page, watch } = await open(context, hash);
        assert.deepEqual(watch.problems(), []);
        return await pixels(page);
      } finally {
        await context.close();
      }
    };
    const context = await env.browser.newContext(options);
    try {
      const { page, watch } = await open(context, '');

      // The same settings again: the core runs, every array comes back equal, nothing is repainted.
      assert.deepEqual(await repainted(page, () => set(page, 'beta', 0.99)), all('kept'), 'a run with unchanged settings');

      // The hidden layer's decay: the input spikes are the same, so the input raster stays as it is; the
      // hidden raster's frame is the same, so only its plot area is written.
      const beta = await repainted(page, () => set(page, 'beta', 0.95));
      assert.equal(beta['input raster'], 'kept', 'a beta change keeps the input raster');
      assert.equal(beta['hidden raster'], 'plot', 'a beta change repaints the hidden raster\'s plot area');
      assert.equal(beta['membrane multiples'], 'all', 'a beta change redraws the membranes');
      assert.deepEqual(await pixels(page), await fresh('&network.beta=0.95'), 'kept and redrawn panels equal a fresh figure');

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

      // The seed draws new input spikes and weights: every panel is repainted, the rasters' plot areas.
      const seed = await repainted(page, () => set(page, 'seed', 12));
      assert.deepEqual(seed, { ...all('plot'), 'output bars': 'all', 'membrane multiples': 'all' }, 'a seed change repaints every panel');
      assert.deepEqual(await pixels(page), await fresh('&network.beta=0.95&network.seed=12'));

      // A theme change redraws everything, in the theme a fresh dark page draws.
      const theme = await repainted(page, () => page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark')));
      assert.deepEqual(theme, all('all'), 'a theme change redraws every panel');
      assert.deepEqual(await pixels(page), await fresh('&network.beta=0.95&network.seed=12', { colorScheme: 'dark' }));

      // A width change redraws everything at the new size.
      const before = await page.evaluate(() => window.__redraw.sizes());
      const resize = await repainted(page, async () => {
        await page.setViewportSize({ width: 800, height: 900 });
        await page.waitForFunction((old) => window.__redraw.sizes().every((s, i) => s !== old[i]), before);
      });
      assert.deepEqual(resize, all('all'), 'a resize redraws every panel');
      assert.deepEqual(await pixels(page), await fresh('&network.beta=0.95&network.seed=12', { colorScheme: 'dark', viewport: { width: 800, height: 900 } }));

      // The animation: the rasters and the bars follow the cursor, the membranes are drawn whole (kept).
      const button = (label) => page.locator('.figure-player button', { hasText: label });
      const reset = await repainted(page, () => button('Reset').click());
      assert.deepEqual(reset, { ...all('plot'), 'output bars': 'all', 'membrane multiples': 'kept' }, 'Reset repaints what follows the cursor');
      const step = await repainted(page, () => button('Step').click());
      assert.equal(step['input raster'], 'plot', 'Step shows one more column of input');
      assert.equal(step['membrane multiples'], 'kept', 'Step keeps the membranes');
      // A slider move in mid-animation keeps the cursor where it is; played to the end, the figure is the
      // fresh one again.
      await set(page, 'beta', 0.9);
      await frames(page);
      assert.equal(await page.evaluate(() => document.querySelector('snn-figure').cursor), 1);
      await button('Play').click();
      await page.waitForFunction(() => !document.querySelector('snn-figure').playing, null, { timeout: 20_000 });
      await frames(page);
      assert.deepEqual(await pixels(page), await fresh('&network.beta=0.9&network.seed=12', { colorScheme: 'dark', viewport: { width: 800, height: 900 } }));

      assert.deepEqual(watch.problems(), []);
    } finally {
      await context.close();
    }
  });
}
