// A figure repaints a panel only when what the panel shows has changed (figure.js paint(), plot/same.js):
// its data, compared by content, and its drawing options (size, device pixel ratio, theme, labels, the
// animation's cursor). A raster whose spikes or cursor alone changed repaints only the columns of the steps
// that changed (plot/raster.js drawRaster with `previous`). Checked on the network figure (embed.html) through
// the pixels:
//  - magenta marks go into every canvas: a square in the top-left corner (outside the plot) and a line
//    one device pixel high across the middle of the plot area. A panel drawn again paints over both (every
//    draw fills the whole canvas first), a raster's repaint over the line where its columns were written,
//    a panel left alone keeps both;
//  - a raster's repainted columns are those of the steps whose spikes (or visibility) changed;
//  - whatever was kept or redrawn, every canvas then equals the same figure opened fresh with the same
//    settings (the marked pixels left out of the comparison).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frames, openReady, serverAndBrowser } from './harness.js';

const env = serverAndBrowser();
const PANELS = ['input raster', 'hidden raster', 'output raster', 'output bars', 'membrane multiples'];
const RASTERS = 3; // the first three panels
const MARK = 3; // the corner square, device pixels

const HELPERS = (mark) => {
  const figure = () => document.querySelector('snn-figure');
  const scaleOf = (canvas) => canvas.width / canvas.getBoundingClientRect().width;
  // The marked line of each canvas: its row and columns in device pixels.
  const lineOf = ({ canvas, layout }) => {
    const scale = scaleOf(canvas);
    const { plot } = layout;
    return { y: Math.round((plot.y + plot.height / 2) * scale), x0: Math.round(plot.x * scale) + 1, x1: Math.round((plot.x + plot.width) * scale) - 1 };
  };
  const isMark = (d, i = 0) => d[i] === 255 && d[i + 1] === 0 && d[i + 2] === 255 && d[i + 3] === 255;
  window.__redraw = {
    mark() {
      window.__redraw.before = { trace: figure().trace, cursor: figure().cursor, lines: figure().panels.map(lineOf) };
      figure().panels.forEach((panel) => {
        const ctx = panel.canvas.getContext('2d');
        const line = lineOf(panel);
        ctx.save();
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.fillStyle = '#ff00ff';
        ctx.fillRect(0, 0, mark, mark);
        ctx.fillRect(line.x0, line.y, line.x1 - line.x0, 1);
        ctx.restore();
      });
    },
    // Per panel: 'kept' (every mark there), 'all' (none) or the device-pixel columns of the line painted
    // over, as [from, to) ranges.
    state() {
      const { lines } = window.__redraw.before;
      return figure().panels.map(({ canvas }, i) => {
        const ctx = canvas.getContext('2d');
        const corner = isMark(ctx.getImageData(1, 1, 1, 1).data);
        const { y, x0, x1 } = lines[i];
        const row = ctx.getImageData(x0, y, x1 - x0, 1).data;
        const ranges = [];
        for (let x = 0; x < x1 - x0; x++) {
          if (isMark(row, 4 * x)) continue;
          const last = ranges[ranges.length - 1];
          if (last && last[1] === x0 + x) last[1]++;
          else ranges.push([x0 + x, x0 + x + 1]);
        }
        if (corner && !ranges.length) return 'kept';
        if (!corner && ranges.length === 1 && ranges[0][0] === x0 && ranges[0][1] === x1) return 'all';
        return ranges;
      });
    },
    // For each raster: the device-pixel column at the middle of every step whose column should have been
    // written since mark() (a neuron spikes in one trace and not in the other at a step both show, or the
    // step is between the two cursors), and the columns those steps span.
    changedColumns() {
      const { trace: old, cursor: oldCursor } = window.__redraw.before;
      const f = figure();
      return f.panels.slice(0, 3).map((panel) => {
        const pick = (trace) => (panel.type === 'input-raster' ? trace.input.data : trace.get(panel.array).data);
        const a = pick(old);
        const b = pick(f.trace);
        const steps = f.trace.numSteps;
        const rows = b.length / steps;
        const scale = scaleOf(panel.canvas);
        const changed = [];
        for (let t = 0; t < Math.max(oldCursor, f.cursor); t++) {
          let differs = t >= Math.min(oldCursor, f.cursor);
          for (let n = 0; n < rows && !differs; n++) differs = !a[t * rows + n] !== !b[t * rows + n];
          if (differs) changed.push(t);
        }
        const x = panel.layout.xScale;
        return {
          centres: changed.map((t) => Math.floor(x(t + 0.5) * scale)),
          span: changed.length ? [Math.floor(x(changed[0]) * scale) - 1, Math.ceil(x(changed[changed.length - 1] + 1) * scale) + 1] : null,
        };
      });
    },
    // Size and a hash of every pixel outside the marks (where they are for the current layout: a panel whose
    // layout changed was drawn again whole).
    pixels() {
      return figure().panels.map((panel) => {
        const { width, height } = panel.canvas;
        const data = new Uint32Array(panel.canvas.getContext('2d').getImageData(0, 0, width, height).data.buffer);
        const line = lineOf(panel);
        let h = 0x811c9dc5;
        for (let y = 0; y < height; y++) {
          for (let x = 0; x < width; x++) {
            if ((x < mark && y < mark) || (y === line.y && x >= line.x0 && x < line.x1)) continue;
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

// Marks every canvas, runs `change` and waits for the figure to draw. Returns what each panel repainted:
// 'kept', 'all' or, for a raster, 'columns' — after checking that those are the columns of the steps that
// changed.
async function repainted(page, change) {
  await page.evaluate(() => window.__redraw.mark());
  await change();
  await frames(page);
  const { state, columns } = await page.evaluate(() => ({ state: window.__redraw.state(), columns: window.__redraw.changedColumns() }));
  return Object.fromEntries(PANELS.map((name, i) => {
    if (typeof state[i] === 'string' || i >= RASTERS) return [name, state[i]];
    const { centres, span } = columns[i];
    const written = (x) => state[i].some(([a, b]) => x >= a && x < b);
    for (const x of centres) assert.ok(written(x), `${name}: the column of a changed step (x = ${x}) was written (${JSON.stringify(state[i])})`);
    assert.ok(span && state[i].every(([a, b]) => a >= span[0] && b <= span[1]), `${name}: columns ${JSON.stringify(state[i])} were written, the changed steps span ${JSON.stringify(span)}`);
    return [name, 'columns'];
  }));
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
      // hidden raster's frame is the same, so only the columns of the steps whose spikes changed are written.
      const beta = await repainted(page, () => set(page, 'beta', 0.95));
      assert.equal(beta['input raster'], 'kept', 'a beta change keeps the input raster');
      assert.equal(beta['hidden raster'], 'columns', 'a beta change repaints the hidden raster\'s changed columns');
      // A small step near the first hidden spikes moves a few of them.
      await set(page, 'beta', 0.751);
      await frames(page);
      const few = await repainted(page, () => set(page, 'beta', 0.755));
      assert.deepEqual(few, { ...few, 'input raster': 'kept', 'hidden raster': 'columns' }, 'a few hidden spikes moved');
      await set(page, 'beta', 0.95);
      await frames(page);
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
      assert.deepEqual(seed, { ...all('columns'), 'output bars': 'all', 'membrane multiples': 'all' }, 'a seed change repaints every panel');
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

      // The animation: every panel follows the cursor (the rasters repaint the columns whose steps went from
      // shown to faint or back; the bars and the membranes are drawn again).
      const button = (label) => page.locator('.figure-player button', { hasText: label });
      const rewind = await repainted(page, () => button('Rewind').click());
      assert.deepEqual(rewind, { ...all('columns'), 'output bars': 'all', 'membrane multiples': 'all' }, 'Rewind repaints what follows the cursor');
      const step = await repainted(page, () => button('Step').click());
      assert.equal(step['input raster'], 'columns', 'Step shows one more column of input');
      assert.equal(step['membrane multiples'], 'all', 'Step moves the membranes on');
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
