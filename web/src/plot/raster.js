// The spike raster: one row per neuron, one column per step, written as pixels into one ImageData. A draw
// that changes only the spikes or the cursor repaints only the columns of the steps that changed.
import { scaleLinear } from 'd3-scale';
import { drawAxes, frame, strokeAxes } from './axes.js';
import { fitCanvas } from './canvas.js';
import { drawHeader } from './header.js';
import { GHOST_ALPHA } from './lines.js';
import { EDGE, TICK, TICK_GAP } from './metrics.js';
import { blendPixel, cellEdges, cellEnd, cellStart, packedPixel, rasterBuffer } from './pixels.js';
import { same } from './same.js';
import { coarserSpikes, powerAtMost, summaryOf } from './summary.js';
import { fitsHorizontally, fitsVertically, isNum, linearAxis } from './scale.js';
import { begin, measureSurface, resetState } from './surface.js';
import { resolveTheme } from './theme.js';
import { fitText } from './text.js';

// Width of the value bars beside the rows (options.rowValues), CSS px, and the gap before them.
const GUTTER = 64;
const GUTTER_GAP = 22;
// How strongly an underlay (a pinned run) is drawn.
const UNDERLAY_ALPHA = 0.45;

// Neuron rows: a few rows get one centred tick each (labelled by index or rowLabels); many rows get nice
// ticks on the row boundaries 0…N, like a matplotlib raster's y axis. With rowLabels every row is labelled
// (they name what a row is: a variant, a value), however short the rows.
function rowAxis(rows, range, rowLabels, rowColors, lh) {
  const scale = scaleLinear().domain([0, rows]).range(range);
  const rowHeight = Math.abs(range[0] - range[1]) / rows;
  if (rowLabels || rows <= 16) {
    if (rows === 1 && !rowLabels) return { scale, ticks: [], labels: [], positions: [] };
    const stride = rowLabels ? 1 : Math.max(1, Math.ceil((lh + 2) / Math.max(rowHeight, 1e-9)));
    const ticks = [];
    for (let n = 0; n < rows; n += stride) ticks.push(n + 0.5);
    const labels = ticks.map((t) => String(rowLabels && rowLabels[t - 0.5] != null ? rowLabels[t - 0.5] : t - 0.5));
    const colors = rowColors ? ticks.map((t) => rowColors[t - 0.5]) : undefined;
    return { scale, ticks, labels, colors, positions: ticks.map((t) => scale(t)) };
  }
  return linearAxis({ domain: [0, rows], range, integer: true, count: Math.abs(range[0] - range[1]) / 40, fits: fitsVertically(lh) });
}

// The steps the time axis shows: all of them, or the first `xSteps` (a zoom onto early spikes).
const shownSteps = (options) => (Number.isInteger(options.xSteps) && options.xSteps >= 1 ? Math.min(options.xSteps, options.steps) : options.steps);

// Legend entries: the given ones, or for spikes of both signs the two kinds.
function legendOf(options, theme) {
  if (options.legend) return options.legend;
  if (options.negativeColor) {
    return [
      { label: '+1 (on)', color: options.color || theme.ink },
      { label: '−1 (off)', color: options.negativeColor },
    ];
  }
  return null;
}

function rasterFrame(g, options) {
  const { ctx, theme, lh } = g;
  const xLabel = options.xLabel !== undefined ? options.xLabel : 'time step';
  const yLabel = options.yLabel !== undefined ? options.yLabel : 'neuron';
  const xSteps = shownSteps(options);
  const f = frame(g, {
    title: options.title,
    legend: legendOf(options, theme),
    xLabel,
    yLabel,
    margins: options.margins,
    xTickLabels: options.xTickLabels !== false,
    gutter: options.rowValues ? GUTTER + GUTTER_GAP : 0,
    makeY: (range) => rowAxis(options.rows, range, options.rowLabels, options.rowColors, lh),
    makeX: (range) =>
      linearAxis({ domain: [0, xSteps], range, integer: true, count: Math.abs(range[1] - range[0]) / 70, fits: fitsHorizontally(ctx, theme.font) }),
  });
  return { f, xLabel, yLabel, xSteps };
}

/** The left and right margins (CSS px from each edge) a raster with these options needs. */
export function rasterMargins(canvas, options = {}) {
  return rasterFrame(measureSurface(canvas, options), options).f.needs;
}

// Each raster canvas's last draw: its options, the frame (axes, plot rectangle, scales) and where the
// spikes go, for a next draw that changes only the spikes or the cursor.
const rasterDraws = new WeakMap();

// Everything a raster's frame depends on: its options but the spikes and the cursor.
const frameOptions = (options) => ({ ...options, spikes: null, visibleSteps: null });

/**
 * Spike raster: spikes[t * rows + n] !== 0 means neuron n spiked at step t. Neuron 0 is at the bottom.
 * options: { spikes, steps, rows, xLabel?, yLabel?, title?, color?, rowLabels?, rowColors?, negativeColor?,
 *            legend?: [{ label, color }], rowValues?: { values, label }, xSteps?, visibleSteps?, ghost?,
 *            underlay?, underlayColor?,
 *            margins?: { left, right }, xTickLabels?, theme?, size? }
 *   (a long run's `spikes` with a summary.js summary are drawn bucket by bucket where a bucket fits a pixel)
 *   rowColors      one colour per row, for its spikes and its label (rows that are series of a line panel)
 *   negativeColor  spikes below zero in this colour (delta modulation's off spikes), with a legend
 *   rowValues      the value each row encodes, drawn as a bar beside the row
 *   xSteps         show only the first xSteps steps (the rest of the raster has no spikes to see)
 *   ghost          steps past visibleSteps are drawn faintly instead of left out
 *   underlay       spikes of the same shape drawn beneath, pale, in underlayColor (a pinned run): a cell
 *                  where both have a spike shows this raster's
 * previous: the options of the draw this canvas shows (the caller vouches that nothing else has drawn on it
 * since). When they differ from `options` only in the spikes and the cursor, with a known size, only the
 * columns of the steps that changed are written again: the same pixels, without redrawing the axes, labels
 * and background (the network figure's 1000-row raster: 1.9 ms drawn whole, ~0.8 ms for a beta move).
 */
export function drawRaster(canvas, options = {}, previous = null) {
  const { spikes } = options;
  const steps = options.steps;
  const rows = options.rows;
  if (!Number.isInteger(steps) || steps < 1 || !Number.isInteger(rows) || rows < 1) {
    throw new RangeError(`drawRaster: steps and rows must be positive integers (got ${steps}, ${rows})`);
  }
  if (!spikes || spikes.length < steps * rows) {
    throw new RangeError(`drawRaster: spikes has ${spikes ? spikes.length : 0} values, steps × rows needs ${steps * rows}`);
  }
  const visible = isNum(options.visibleSteps) ? Math.max(0, Math.min(steps, Math.floor(options.visibleSteps))) : steps;
  const last = rasterDraws.get(canvas);
  if (previous && last && last.options === previous && options.size && same(frameOptions(previous), frameOptions(options))) {
    const layout = redrawSpikes(canvas, last, options, visible);
    if (layout) return layout;
  }

  const g = begin(canvas, options);
  const { theme, dpr } = g;
  const { f, xLabel, yLabel, xSteps } = rasterFrame(g, options);
  const { plot, xAxis, yAxis } = f;
  const layout = { kind: 'raster', plot, xScale: xAxis.scale, yScale: yAxis.scale, spikes, steps, xSteps, rows, rowLabels: options.rowLabels, visibleSteps: visible, width: g.width, height: g.height };
  const draw = { options, layout, g, f, backing: [canvas.width, canvas.height] };
  rasterDraws.set(canvas, draw);
  if (!f.drawable) return layout;

  // One ImageData for the whole plot area, written through a Uint32 view: no per-spike canvas calls.
  const pw = Math.max(1, Math.round(plot.width * dpr));
  const ph = Math.max(1, Math.round(plot.height * dpr));
  const background = packedPixel(null, theme.background);
  const inkOf = (colour) => packedPixel(colour, theme.background);
  // The ghost of a colour: the colour at GHOST_ALPHA over the background, as the lines' ghosts.
  const ghostOf = (colour) => blendPixel(inkOf(colour), background, GHOST_ALPHA);
  const base = options.color || theme.ink;
  // Each colour's ink and ghost once (a population has thousands of rows in one colour).
  const inks = new Map();
  const inkPair = (n) => {
    const colour = (options.rowColors && options.rowColors[n]) || base;
    if (!inks.has(colour)) inks.set(colour, [inkOf(colour), ghostOf(colour)]);
    return inks.get(colour);
  };
  const rowInk = Uint32Array.from({ length: rows }, (_, n) => inkPair(n)[0]);
  const rowGhost = Uint32Array.from({ length: rows }, (_, n) => inkPair(n)[1]);
  Object.assign(draw, {
    px: Math.round(plot.x * dpr),
    py: Math.round(plot.y * dpr),
    pw,
    ph,
    xSteps,
    // The steps' pixel columns, worked out where they are needed (a raster may have a million steps).
    cols: { start: (t) => cellStart(t, xSteps, pw), end: (t) => cellEnd(t, xSteps, pw), count: xSteps },
    rowEdges: cellEdges(rows, ph, true),
    background,
    rowInk,
    rowGhost,
    negativeInk: options.negativeColor ? inkOf(options.negativeColor) : null,
    negativeGhost: options.negativeColor ? ghostOf(options.negativeColor) : null,
    ghost: Boolean(options.ghost),
    underlay: options.underlay && options.underlay.length >= steps * rows ? options.underlay : null,
    underInk: blendPixel(inkOf(options.underlayColor || base), background, UNDERLAY_ALPHA),
  });
  putSpikes(canvas, g.ctx, draw, spikes, rows, visible, [0, xSteps], summaryOf(spikes));

  drawAxes(g, plot, xAxis, yAxis, { xLabel: f.xLabel, yLabel, xTickLabels: f.xTickLabels });
  if (options.rowValues) drawRowValues(g, plot, yAxis.scale, options.rowValues, rowInk.length, options.rowColors);
  drawHeader(g, f.header);
  return layout;
}

// A bar per row right of the plot, as long as the value the row encodes (0 at the bar's left end, the
// largest magnitude at its right), with the bars' title under them where the time axis has its numbers.
function drawRowValues(g, plot, yScale, { values, label }, rows, rowColors) {
  const { ctx, theme, lh } = g;
  const x0 = plot.x + plot.width + GUTTER_GAP;
  const top = Math.max(0, ...Array.from(values, (v) => Math.abs(v)).filter(Number.isFinite)) || 1;
  const rowHeight = plot.height / rows;
  const barHeight = Math.max(1, Math.min(lh, rowHeight * 0.6));
  for (let n = 0; n < rows && n < values.length; n++) {
    const v = values[n];
    if (!isNum(v)) continue;
    const w = (Math.abs(v) / top) * (GUTTER - 2);
    const y = yScale(n + 0.5) - barHeight / 2;
    ctx.fillStyle = (rowColors && rowColors[n]) || theme.series[0];
    ctx.fillRect(g.edge(x0), g.edge(y), Math.max(w, v !== 0 ? 1 / g.dpr : 0), g.edge(barHeight));
  }
  // The baseline the bars grow from (not an axis of the raster: the grid's colour).
  ctx.strokeStyle = theme.grid;
  ctx.lineWidth = g.hair;
  ctx.beginPath();
  ctx.moveTo(g.line(x0), plot.y);
  ctx.lineTo(g.line(x0), plot.y + plot.height);
  ctx.stroke();
  if (label) {
    ctx.font = theme.font;
    ctx.fillStyle = theme.text;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillText(fitText(ctx, label, g.width - EDGE - x0, theme.font), x0, plot.y + plot.height + TICK + TICK_GAP);
  }
}

// The plot area of a raster whose frame is as `last` drew it: the columns of the steps whose spikes or
// visibility changed are written again, then the axis line and tick marks that lie on the plot's edge
// pixels, clipped to those columns (the rest of the frame — labels, title — lies outside the plot area and
// stays). A drag that moves a few hidden spikes rewrites a few columns. Returns null when the canvas is
// not as `last` left it.
function redrawSpikes(canvas, last, options, visible) {
  const { ctx, dpr } = fitCanvas(canvas, options.size);
  const { g, f } = last;
  if (dpr !== g.dpr || canvas.width !== last.backing[0] || canvas.height !== last.backing[1]) return null;
  if (!same(resolveTheme(options.theme, canvas), g.theme)) return null;
  const before = last.layout;
  const layout = { ...before, spikes: options.spikes, visibleSteps: visible };
  last.options = options;
  last.layout = layout;
  if (!f.drawable) return layout;
  const changed = changedSteps(before.spikes, options.spikes, options.rows, before.visibleSteps, visible);
  if (!changed) return layout;
  const steps = [Math.min(changed[0], last.xSteps), Math.min(changed[1], last.xSteps)];
  if (steps[1] <= steps[0]) return layout;
  const [x0, x1] = putSpikes(canvas, ctx, last, options.spikes, options.rows, visible, steps, summaryOf(options.spikes));
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.beginPath();
  ctx.rect(last.px + x0, last.py, x1 - x0, last.ph);
  ctx.clip();
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  resetState(ctx);
  strokeAxes(g, f.plot, f.xAxis, f.yAxis);
  ctx.restore();
  return layout;
}

// The steps [first, end) whose raster column differs between two draws: a neuron that spikes in one and not
// in the other at a step both show, and the steps between the two cursors. Null when there are none. Looks
// from both ends, Float32Arrays as Uint32 bits (different bits can still draw the same: 1 and 2, 0 and -0;
// a spike of the other sign draws in another colour only with negativeColor, which a redraw then catches
// as a changed step too, since its bits differ).
function changedSteps(before, after, rows, visibleBefore, visibleAfter) {
  const bits = before instanceof Float32Array && after instanceof Float32Array;
  const a = bits ? new Uint32Array(before.buffer, before.byteOffset, before.length) : before;
  const b = bits ? new Uint32Array(after.buffer, after.byteOffset, after.length) : after;
  const shown = Math.min(visibleBefore, visibleAfter) * rows;
  const alike = (k) => a[k] === b[k] || (!before[k] === !after[k] && before[k] < 0 === after[k] < 0);
  let i = 0;
  while (i < shown && alike(i)) i++;
  const first = Math.floor(i / rows);
  let end = Math.max(visibleBefore, visibleAfter);
  if (end * rows === shown) {
    let j = shown - 1;
    while (j >= i && alike(j)) j--;
    end = j < i ? first : Math.floor(j / rows) + 1;
  }
  return end > first ? [first, end] : null;
}

// The spikes of steps [first, end) into the plot area's ImageData (kept per canvas) and those device-pixel
// columns onto the canvas (all of the plot area for every step). Steps at or past `visible` are left out,
// or drawn in the ghost inks when the raster has a ghost. Returns the columns written.
function putSpikes(canvas, ctx, draw, spikes, rows, visible, [first, end], summary = null) {
  const { pw, ph, cols, rowEdges, background, rowInk, rowGhost, negativeInk, negativeGhost, ghost, xSteps } = draw;
  const { image, pixels } = rasterBuffer(canvas, ctx, pw, ph);
  const whole = first === 0 && end >= cols.count; // every step: the whole plot area
  const x0 = whole ? 0 : cols.start(first);
  const x1 = whole ? pw : cols.end(end - 1);
  if (whole) pixels.fill(background);
  else for (let y = 0; y < ph; y++) pixels.fill(background, y * pw + x0, y * pw + x1);
  // Cells can share a pixel column (more steps than pixels): every step reaching into the columns is drawn.
  const last = ghost ? xSteps : Math.min(xSteps, visible);
  let t0 = first;
  while (t0 > 0 && cols.end(t0 - 1) > x0) t0--;
  let t1 = Math.min(end, last);
  while (t1 < last && cols.start(t1) < x1) t1++;
  const rowStart = rowEdges.start;
  const rowEnd = rowEdges.end;
  // Most entries are 0. A Float32Array is scanned through a Uint32 view of its bits, an integer compare per
  // entry instead of a float load and test (the 784 × 200 input raster, one draw per frame: 0.8 -> 0.6 ms);
  // a non-zero word is then tested as a float, so -0 and NaN stay no spike.
  const bits = spikes instanceof Float32Array ? new Uint32Array(spikes.buffer, spikes.byteOffset, spikes.length) : null;
  const paint = (y0, y1, c0, c1, ink) => {
    for (let y = y0; y < y1; y++) {
      const o = y * pw;
      for (let x = c0; x < c1; x++) pixels[o + x] = ink;
    }
  };
  // A pinned run's spikes first, at every step (it is drawn whole): this raster's go over them.
  if (draw.underlay) {
    const under = draw.underlay;
    let u1 = Math.min(end, xSteps);
    while (u1 < xSteps && cols.start(u1) < x1) u1++;
    for (let t = t0; t < u1; t++) {
      for (let n = 0; n < rows; n++) if (under[t * rows + n]) paint(rowStart[n], rowEnd[n], cols.start(t), cols.end(t), draw.underInk);
    }
  }
  const inkOf = (negative, shown, n) => (shown ? (negative ? negativeInk : rowInk[n]) : negative ? negativeGhost : rowGhost[n]);
  const step = (t) => {
    const base = t * rows;
    const c0 = cols.start(t);
    const c1 = cols.end(t);
    const shown = t < visible;
    for (let n = 0; n < rows; n++) {
      if (bits !== null && bits[base + n] === 0) continue;
      const v = spikes[base + n];
      if (!v) continue; // 0, -0, NaN (and false, for a plain array) are no spike
      const negative = negativeInk !== null && v < 0;
      paint(rowStart[n], rowEnd[n], c0, c1, inkOf(negative, shown, n));
    }
  };
  // Steps [t0, t1) in buckets of `size` (0: one at a time): cell(k, c0, c1, shown) draws bucket k, whose steps
  // cover pixel columns [c0, c1); a bucket cut by the range's ends or by the cursor goes step by step.
  const byBuckets = (size, cell) => {
    let t = t0;
    while (t < t1) {
      const stop = t + size;
      if (size === 0 || t % size !== 0 || stop > t1 || (t < visible && stop > visible)) {
        step(t++);
        continue;
      }
      cell(t / size, cols.start(t), cols.end(stop - 1), t < visible);
      t = stop;
    }
  };
  // Many neurons to a pixel row and many steps to a pixel column, all rows in one colour (summary.js's
  // spike summary): a group of neurons over a bucket of steps is one cell.
  const fine = summary && summary.spikes;
  const uniform = rowInk.every((ink) => ink === rowInk[0]);
  if (fine && fine.width === rows && uniform && xSteps / pw >= fine.bucket && rows / ph >= fine.rows) {
    const { bucket, rows: R, groups, sign } = coarserSpikes(fine, powerAtMost(xSteps / pw, fine.bucket), powerAtMost(rows / ph, fine.rows));
    byBuckets(bucket, (k, c0, c1, shown) => {
      for (let j = 0; j < groups; j++) {
        const v = sign[k * groups + j];
        if (v === 0) continue;
        const lastRow = Math.min(rows, (j + 1) * R) - 1;
        const y0 = Math.min(rowStart[j * R], rowStart[lastRow]);
        const y1 = Math.max(rowEnd[j * R], rowEnd[lastRow]);
        paint(y0, y1, c0, c1, inkOf(negativeInk !== null && v < 0, shown, 0));
      }
    });
  } else {
    // With more steps to a pixel column than a summary's bucket (summary.js: a run at the limits), a whole
    // bucket is one cell per row: a spike anywhere in it inks the columns its steps cover.
    const B = summary && summary.width === rows && xSteps / pw >= summary.bucket ? summary.bucket : 0;
    byBuckets(B, (k, c0, c1, shown) => {
      for (let n = 0; n < rows; n++) {
        const lo = summary.min[k * rows + n];
        const hi = summary.max[k * rows + n];
        if (!(hi > 0 || lo < 0)) continue; // no spike of either sign (or only NaN)
        paint(rowStart[n], rowEnd[n], c0, c1, inkOf(negativeInk !== null && !(hi > 0), shown, n));
      }
    });
  }
  ctx.putImageData(image, draw.px, draw.py, x0, 0, x1 - x0, ph);
  return [x0, x1];
}
