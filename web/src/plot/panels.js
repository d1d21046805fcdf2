// Canvas panels for the tutorial's figures. They only draw the arrays they are given: no neuron value is
// ever computed here (the core computes; the page shows). Every draw function takes (canvas, options),
// repaints the whole canvas and returns a layout — the scales and the plot rectangle in CSS pixels of the
// canvas — which hitTest(layout, x, y) uses to map a pointer back to a data index. drawRaster also takes
// the options of the draw its canvas shows: when only the spikes or the cursor differ, it repaints only the
// columns of the steps that changed.
//
// Canvas text is not accessible: whoever calls these must also give the figure a text alternative.
import { scaleBand, scaleLinear } from 'd3-scale';
import { fitCanvas } from './canvas.js';
import { resolveTheme } from './theme.js';
import { same } from './same.js';

const EDGE = 6; // clearance between any text and the canvas edge
const PAD_TOP = 8;
const TICK = 4;
const TICK_GAP = 3; // tick mark to tick label
const LABEL_GAP = 4; // tick labels to axis title
const MIN_PLOT = 8; // below this a plot area is not worth drawing
const SWATCH = 16;
const SWATCH_GAP = 5;
const LEGEND_GAP = 14;
const LINE_WIDTH = 1.75;

// ---------------------------------------------------------------------------------------------------------
// Shared machinery

// The drawing state every panel starts from (a canvas keeps its state between draws).
function resetState(ctx) {
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
  ctx.globalCompositeOperation = 'source-over';
  ctx.lineJoin = 'round';
  ctx.lineCap = 'butt';
  // With the default direction ('inherit') every fillText and measureText asks the browser for the
  // canvas's computed style, which can mean a style recalculation per label; our labels are left to right.
  ctx.direction = 'ltr';
}

function begin(canvas, options) {
  const theme = resolveTheme(options.theme, canvas);
  const { ctx, width, height, dpr } = fitCanvas(canvas, options.size);
  resetState(ctx);
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, height);
  ctx.font = theme.font;
  // Hairlines are a whole number of device pixels wide and centred so they cover whole pixels: a 1 CSS px
  // line at DPR 1.5 would otherwise smear over 3 device pixels, and at DPR 1 over 2.
  const deviceLine = Math.max(1, Math.round(dpr));
  return {
    ctx,
    theme,
    width,
    height,
    dpr,
    lh: Math.round(theme.fontSize * 1.3),
    hair: deviceLine / dpr,
    // Centre of a line `device` pixels wide: on a pixel centre for odd widths, on a pixel edge for even.
    line: (v, device = deviceLine) => {
      const offset = device % 2 ? 0.5 : 0;
      return (Math.round(v * dpr - offset) + offset) / dpr;
    },
    edge: (v) => Math.round(v * dpr) / dpr,
  };
}

const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

function validDomain(d) {
  if (!d || d.length !== 2 || !isNum(d[0]) || !isNum(d[1])) return null;
  if (d[0] === d[1]) return [d[0] - 0.5, d[1] + 0.5];
  return [d[0], d[1]];
}

// The axes of line plots: the given domains, or the steps of the longest series and the extent of the values,
// 0 and the threshold.
function lineDomains(series, options) {
  const length = series.reduce((m, s) => Math.max(m, s.values.length), 0);
  const threshold = isNum(options.threshold) ? options.threshold : null;
  const xGiven = validDomain(options.xDomain);
  const yGiven = validDomain(options.yDomain);
  const xDomain = xGiven || [0, Math.max(1, length - 1)];
  const yDomain = yGiven || dataDomain(series.map((s) => s.values), [0, threshold]);
  return { length, threshold, xGiven, yGiven, xDomain, yDomain };
}

// Extent of every finite value of the arrays and of the extras (0, the threshold...).
function dataDomain(arrays, extras) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (v < lo) lo = v;
      if (v > hi) hi = v; // NaN fails both comparisons, ±Infinity is filtered below
    }
  }
  for (const v of extras) {
    if (isNum(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!isNum(lo) || !isNum(hi)) {
    // Only infinities or no data: fall back to the finite extras, else the unit interval.
    const finite = [];
    for (const a of arrays) for (let i = 0; i < a.length; i++) if (isNum(a[i])) finite.push(a[i]);
    for (const v of extras) if (isNum(v)) finite.push(v);
    if (!finite.length) return [0, 1];
    lo = Math.min(...finite);
    hi = Math.max(...finite);
  }
  if (lo === hi) return lo === 0 ? [0, 1] : [Math.min(0, lo), Math.max(0, hi) || 1];
  return [lo, hi];
}

// Text widths by font and text: tick labels repeat on every redraw of every panel. The font is passed in
// (the one the caller has set on ctx) rather than read back: the ctx.font getter serialises the font, ~2 µs
// a call, and a redraw measures a few hundred labels.
const widths = new Map();
function measure(ctx, text, font) {
  if (!text) return 0;
  const key = `${font}\n${text}`;
  let width = widths.get(key);
  if (width === undefined) {
    if (widths.size > 4000) widths.clear();
    const current = ctx.font;
    if (current !== font) ctx.font = font;
    width = ctx.measureText(text).width;
    if (current !== font) ctx.font = current;
    widths.set(key, width);
  }
  return width;
}

// Shortens text with an ellipsis rather than let it run past the canvas edge.
function fitText(ctx, text, maxWidth, font) {
  if (!text || maxWidth <= 0) return '';
  if (measure(ctx, text, font) <= maxWidth) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (measure(ctx, `${text.slice(0, mid)}…`, font) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return lo ? `${text.slice(0, lo)}…` : '';
}

// A linear axis with d3's nice ticks. It starts from a tick count suited to the pixel length and lowers it
// until `fits` accepts the labels, so labels never overlap however small the canvas. `integer` keeps only
// whole-number ticks (time steps, neuron indices, counts): no "2.5" step.
// `extend` may widen the domain after nicing (headroom for a label): re-nicing that at a low tick count
// could double the range, so the extension stays as it is, past the last tick.
function linearAxis({ domain, range, nice, integer, count, fits, extend }) {
  for (let c = Math.max(1, Math.floor(count)); ; c--) {
    const scale = scaleLinear().domain(domain).range(range);
    // Nicing at a low tick count rounds to a coarse step ([-0.3, 1.5] → [-2, 2] at 2 ticks): round the
    // domain at a finer step and let the ticks be coarser than that.
    if (nice) scale.nice(Math.max(c, 5));
    if (extend) scale.domain(extend(scale.domain()));
    let ticks = scale.ticks(c);
    if (integer) ticks = ticks.filter(Number.isInteger);
    // d3 picks the precision from the tick step, so labels read 0.2, 0.4 — never 0.20000000298023224.
    // Far from 1, fixed notation gets long (0.00000010, 1,500,000,000): use exponents there.
    const [d0, d1] = scale.domain();
    const magnitude = Math.max(Math.abs(d0), Math.abs(d1));
    const exponent = integer ? magnitude >= 1e7 : magnitude >= 1e6 || (magnitude > 0 && magnitude < 1e-3);
    const base = scale.tickFormat(c, exponent ? '~e' : integer ? ',d' : undefined);
    const labels = ticks.map((t) => (exponent && t === 0 ? '0' : base(t)));
    const positions = ticks.map((t) => scale(t));
    if (c <= 1 || fits(positions, labels)) return { scale, ticks, labels, positions };
  }
}

const fitsVertically = (lh) => (positions) => positions.length < 2 || Math.abs(positions[1] - positions[0]) >= lh + 2;

const fitsHorizontally = (ctx, font, gap = 10) => (positions, labels) => {
  let prevRight = -Infinity;
  for (let i = 0; i < labels.length; i++) {
    const half = measure(ctx, labels[i], font) / 2;
    if (positions[i] - half < prevRight + gap) return false;
    prevRight = positions[i] + half;
  }
  return true;
};

function maxLabelWidth(ctx, labels, font) {
  let w = 0;
  for (const l of labels) w = Math.max(w, measure(ctx, l, font));
  return w;
}

// Title (left) and legend (right-aligned, wrapping) above the plot. The legend shares the title's row when
// it fits there, to save vertical space on short panels.
function layoutHeader(g, title, legendItems) {
  const { ctx, theme, width, lh } = g;
  const avail = width - 2 * EDGE;
  ctx.font = theme.titleFont;
  const titleText = fitText(ctx, title || '', avail, theme.titleFont);
  const titleWidth = measure(ctx, titleText, theme.titleFont);
  ctx.font = theme.font;
  const rows = [];
  if (legendItems && legendItems.length) {
    let row = { items: [], width: 0 };
    for (const item of legendItems) {
      const label = fitText(ctx, item.label, avail - SWATCH - SWATCH_GAP, theme.font);
      const w = SWATCH + SWATCH_GAP + measure(ctx, label, theme.font);
      const needed = row.items.length ? row.width + LEGEND_GAP + w : w;
      if (row.items.length && needed > avail) {
        rows.push(row);
        row = { items: [], width: 0 };
      }
      row.width = row.items.length ? row.width + LEGEND_GAP + w : w;
      row.items.push({ ...item, label, w });
    }
    rows.push(row);
  }
  const shareRow = Boolean(titleText) && rows.length === 1 && titleWidth + 24 + rows[0].width <= avail;
  const lineCount = (titleText ? 1 : 0) + rows.length - (shareRow ? 1 : 0);
  return { titleText, rows, shareRow, height: lineCount * lh };
}

function drawHeader(g, header) {
  const { ctx, theme, width, lh } = g;
  let y = PAD_TOP + lh / 2;
  ctx.textBaseline = 'middle';
  if (header.titleText) {
    ctx.font = theme.titleFont;
    ctx.fillStyle = theme.text;
    ctx.textAlign = 'left';
    ctx.fillText(header.titleText, EDGE, y);
    ctx.font = theme.font;
    if (!header.shareRow) y += lh;
  }
  for (const row of header.rows) {
    let x = Math.max(EDGE, width - EDGE - row.width);
    for (const item of row.items) {
      ctx.strokeStyle = item.color;
      ctx.lineWidth = 2;
      ctx.setLineDash(item.dash || []);
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.lineTo(x + SWATCH, y);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = theme.text;
      ctx.textAlign = 'left';
      ctx.fillText(item.label, x + SWATCH + SWATCH_GAP, y);
      x += item.w + LEGEND_GAP;
    }
    y += lh;
  }
}

function topMargin(g, header) {
  // The topmost y tick label is centred on the plot's top edge: half a line must fit above it.
  const half = Math.ceil(g.lh / 2);
  return header.height ? PAD_TOP + header.height + half : Math.max(PAD_TOP, half + 2);
}

function bottomMargin(g, xLabel) {
  return TICK + TICK_GAP + g.lh + (xLabel ? LABEL_GAP + g.lh : 0) + EDGE / 2;
}

// Plot rectangle and both axes. makeY/makeX build an axis for a pixel range: y first, because the width of
// its labels sets the left margin and hence the x range. The right margin grows until the last x label fits.
function frame(g, { title, legend, xLabel, yLabel, makeX, makeY }) {
  const { ctx, theme, width, height, lh } = g;
  const header = layoutHeader(g, title, legend);
  ctx.font = theme.font;
  const plotTop = g.edge(topMargin(g, header));
  const plotBottom = g.edge(height - bottomMargin(g, xLabel));
  const yAxis = makeY([plotBottom, plotTop]);
  let left = EDGE + (yLabel ? lh + LABEL_GAP : 0) + maxLabelWidth(ctx, yAxis.labels, theme.font) + TICK_GAP + TICK;
  let right = EDGE;
  let plotLeft;
  let plotRight;
  let xAxis;
  // x labels are centred on their ticks: the margins grow until the first and last fit on the canvas.
  for (let pass = 0; pass < 3; pass++) {
    plotLeft = g.edge(left);
    plotRight = g.edge(width - right);
    xAxis = makeX([plotLeft, plotRight]);
    const k = xAxis.labels.length - 1;
    if (k < 0) break;
    const overRight = xAxis.positions[k] + measure(ctx, xAxis.labels[k], theme.font) / 2 - (width - EDGE / 2);
    const overLeft = EDGE / 2 - (xAxis.positions[0] - measure(ctx, xAxis.labels[0], theme.font) / 2);
    if (overRight <= 0.5 && overLeft <= 0.5) break;
    if (overRight > 0.5) right += overRight;
    if (overLeft > 0.5) left += overLeft;
  }
  const plot = { x: plotLeft, y: plotTop, width: plotRight - plotLeft, height: plotBottom - plotTop };
  return { header, plot, xAxis, yAxis, xLabel, yLabel, drawable: plot.width >= MIN_PLOT && plot.height >= MIN_PLOT };
}

function drawGrid(g, plot, xPositions, yPositions) {
  const { ctx, theme } = g;
  ctx.strokeStyle = theme.grid;
  ctx.lineWidth = g.hair;
  ctx.beginPath();
  const right = plot.x + plot.width;
  const bottom = plot.y + plot.height;
  for (const p of yPositions) {
    if (Math.abs(p - bottom) < 1) continue; // the axis line is there
    const y = g.line(p);
    ctx.moveTo(plot.x, y);
    ctx.lineTo(right, y);
  }
  for (const p of xPositions) {
    if (Math.abs(p - plot.x) < 1) continue;
    const x = g.line(p);
    ctx.moveTo(x, plot.y);
    ctx.lineTo(x, bottom);
  }
  ctx.stroke();
}

// Axis lines, tick marks, tick labels and axis titles; small-multiple cells turn tick labels off.
function drawAxes(g, plot, xAxis, yAxis, { xLabel, yLabel, xTickLabels = true, yTickLabels = true } = {}) {
  const { ctx, theme, lh } = g;
  strokeAxes(g, plot, xAxis, yAxis);

  ctx.font = theme.font;
  ctx.fillStyle = theme.mutedText;
  if (yTickLabels) {
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    yAxis.labels.forEach((label, i) => ctx.fillText(label, plot.x - TICK - TICK_GAP, yAxis.positions[i]));
  }
  const labelTop = plot.y + plot.height + TICK + TICK_GAP;
  if (xTickLabels) {
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    xAxis.labels.forEach((label, i) => ctx.fillText(label, xAxis.positions[i], labelTop));
  }
  ctx.fillStyle = theme.text;
  if (xLabel) {
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    const text = fitText(ctx, xLabel, g.width - 2 * EDGE, theme.font);
    const centre = Math.min(Math.max(plot.x + plot.width / 2, EDGE + measure(ctx, text, theme.font) / 2), g.width - EDGE - measure(ctx, text, theme.font) / 2);
    ctx.fillText(text, centre, labelTop + lh + LABEL_GAP);
  }
  // Kept level with the plot: the header (title, legend) above it may reach the left edge.
  if (yLabel) drawYLabel(g, yLabel, plot);
}

// The axis lines and tick marks, one path.
function strokeAxes(g, plot, xAxis, yAxis) {
  const { ctx, theme } = g;
  const left = g.line(plot.x);
  const bottom = g.line(plot.y + plot.height);
  ctx.strokeStyle = theme.axis;
  ctx.lineWidth = g.hair;
  ctx.lineJoin = 'miter';
  ctx.beginPath();
  ctx.moveTo(left, plot.y);
  ctx.lineTo(left, bottom);
  ctx.lineTo(plot.x + plot.width, bottom);
  for (const p of yAxis.positions) {
    const y = g.line(p);
    ctx.moveTo(left - TICK, y);
    ctx.lineTo(left, y);
  }
  for (const p of xAxis.positions) {
    const x = g.line(p);
    ctx.moveTo(x, bottom);
    ctx.lineTo(x, bottom + TICK);
  }
  ctx.stroke();
  ctx.lineJoin = 'round';
}

// A y-axis label turned a quarter, centred on `box` vertically and kept inside the canvas.
function drawYLabel(g, yLabel, box) {
  const { ctx, theme, lh } = g;
  const text = fitText(ctx, yLabel, g.height - EDGE - box.y, theme.font);
  const w = measure(ctx, text, theme.font);
  const centre = Math.min(Math.max(box.y + box.height / 2, box.y + w / 2), g.height - EDGE - w / 2);
  ctx.save();
  ctx.translate(EDGE + lh / 2, centre);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, 0, 0);
  ctx.restore();
}

// Lets lines that sit exactly on the domain edge (a membrane at 0) show their full width.
function clipToPlot(ctx, plot, outset = 2) {
  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.x - outset, plot.y - outset, plot.width + 2 * outset, plot.height + 2 * outset);
  ctx.clip();
}

function drawThresholdLine(g, plot, yScale, threshold) {
  const { ctx, theme } = g;
  const p = yScale(threshold);
  if (!(p >= plot.y - 0.5 && p <= plot.y + plot.height + 0.5)) return;
  const device = Math.max(1, Math.round(1.5 * g.dpr));
  const y = g.line(p, device);
  ctx.strokeStyle = theme.threshold;
  ctx.lineWidth = device / g.dpr;
  ctx.setLineDash([6, 4]);
  ctx.beginPath();
  ctx.moveTo(plot.x, y);
  ctx.lineTo(plot.x + plot.width, y);
  ctx.stroke();
  ctx.setLineDash([]);
}

// Drawn after the traces so it stays legible; above the line when there is room (drawLines leaves room),
// else below it, or not at all when `aboveOnly` (small cells, where below would sit on the trace).
function drawThresholdLabel(g, plot, yScale, threshold, { aboveOnly = false } = {}) {
  const { ctx, theme, lh } = g;
  const p = yScale(threshold);
  if (!(p >= plot.y - 0.5 && p <= plot.y + plot.height + 0.5) || plot.width < 90) return;
  const above = p - 3 - lh >= plot.y - 2;
  if (!above && (aboveOnly || p + 3 + lh > plot.y + plot.height)) return;
  ctx.font = theme.font;
  ctx.textAlign = 'right';
  ctx.textBaseline = above ? 'bottom' : 'top';
  const ty = above ? p - 3 : p + 3;
  const tx = plot.x + plot.width - 4;
  // A halo in the background colour keeps the label legible where a trace crosses it.
  ctx.strokeStyle = theme.background;
  ctx.lineWidth = 3;
  ctx.strokeText('threshold', tx, ty);
  ctx.fillStyle = theme.threshold;
  ctx.fillText('threshold', tx, ty);
}

// With a default y domain, a threshold at the top of the data would lie on the plot's top edge with its
// label on the traces: extend the domain so a line of text fits between the threshold and the top.
function withThresholdRoom(domain, threshold, plotHeight, lh) {
  const room = lh + 4;
  if (threshold === null || plotHeight <= 2 * room) return domain;
  const [lo, hi] = domain;
  if (threshold <= lo) return domain;
  const needed = threshold + ((threshold - lo) * room) / (plotHeight - room);
  return hi >= needed ? domain : [lo, needed];
}

// One path per series. When several samples share a device pixel column, each column becomes one vertical
// min–max stroke: the path stays as long as the canvas is wide, and no spike or reset is lost to aliasing.
function traceSeries(ctx, values, xScale, yScale, dpr, i0, i1) {
  const x0 = xScale(0);
  const dx = xScale(1) - x0;
  ctx.beginPath();
  let pen = false;
  if (Math.abs(dx) * dpr >= 0.5) {
    for (let i = i0; i <= i1; i++) {
      const v = values[i];
      if (!isNum(v)) {
        pen = false; // a gap, not a line to 0, where the data has none
        continue;
      }
      const x = x0 + i * dx;
      const y = yScale(v);
      if (pen) ctx.lineTo(x, y);
      else {
        ctx.moveTo(x, y);
        // Canvas drops zero-length segments; this near-zero one, with round caps, shows an isolated sample
        // (a single step, or NaN on both sides) as a dot.
        ctx.lineTo(x + 0.01, y);
      }
      pen = true;
    }
  } else {
    let col = null;
    let first = 0;
    let lo = 0;
    let hi = 0;
    let last = 0;
    const flush = () => {
      if (col === null) return;
      const x = (col + 0.5) / dpr;
      for (const v of [first, lo, hi, last]) {
        if (pen) ctx.lineTo(x, yScale(v));
        else ctx.moveTo(x, yScale(v));
        pen = true;
      }
      col = null;
    };
    for (let i = i0; i <= i1; i++) {
      const v = values[i];
      if (!isNum(v)) {
        flush();
        pen = false;
        continue;
      }
      const c = Math.floor((x0 + i * dx) * dpr);
      if (c !== col) {
        flush();
        col = c;
        first = lo = hi = last = v;
      } else {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
        last = v;
      }
    }
    flush();
  }
  ctx.stroke();
}

// Visible sample range: the x domain (plus one sample either side, so lines run into the edges) and
// `visibleSteps` (an animation's cursor).
function sampleRange(length, xScale, visibleSteps) {
  const [d0, d1] = xScale.domain();
  const i0 = Math.max(0, Math.floor(Math.min(d0, d1)) - 1);
  let i1 = Math.min(length - 1, Math.ceil(Math.max(d0, d1)) + 1);
  if (isNum(visibleSteps)) i1 = Math.min(i1, Math.floor(visibleSteps) - 1);
  return [i0, i1];
}

function drawMarker(g, plot, xScale, yScale, series, index) {
  const { ctx, theme } = g;
  const p = xScale(index);
  if (!(p >= plot.x - 0.5 && p <= plot.x + plot.width + 0.5)) return;
  const x = g.line(p);
  ctx.lineCap = 'butt';
  ctx.strokeStyle = theme.marker;
  ctx.lineWidth = g.hair;
  ctx.beginPath();
  ctx.moveTo(x, plot.y);
  ctx.lineTo(x, plot.y + plot.height);
  ctx.stroke();
  for (const s of series) {
    const v = s.values[index];
    if (!isNum(v)) continue;
    const y = yScale(v);
    if (y < plot.y - 3 || y > plot.y + plot.height + 3) continue;
    ctx.beginPath();
    ctx.arc(xScale(index), y, 3.5, 0, 2 * Math.PI);
    ctx.fillStyle = s.color;
    ctx.fill();
    ctx.strokeStyle = theme.background;
    ctx.lineWidth = 1.5;
    ctx.stroke();
  }
}

function normaliseSeries(series, theme) {
  return (series || []).map((s, i) => {
    const plain = !s || typeof s.length === 'number';
    const values = (plain ? s : s.values) || [];
    return {
      values,
      label: (!plain && s.label) || `series ${i + 1}`,
      color: (!plain && s.color) || theme.series[i % theme.series.length],
      dash: plain ? undefined : s.dash,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Panels

/**
 * Line chart of one or more series over integer steps.
 * options: { series: [{ values, label, color?, dash? }], xLabel, yLabel, title?, xDomain?, yDomain?,
 *            threshold?, marker?: { index }, visibleSteps?, theme?, size? }
 */
export function drawLines(canvas, options = {}) {
  const g = begin(canvas, options);
  const { ctx, theme, lh, dpr } = g;
  const series = normaliseSeries(options.series, theme);
  const { length, threshold, xGiven, yGiven, xDomain, yDomain } = lineDomains(series, options);

  const f = frame(g, {
    title: options.title,
    legend: series.length > 1 ? series : null,
    xLabel: options.xLabel,
    yLabel: options.yLabel,
    makeY: (range) => {
      const height = Math.abs(range[0] - range[1]);
      const extend = yGiven ? undefined : (d) => withThresholdRoom(d, threshold, height, lh);
      return linearAxis({ domain: yDomain, range, nice: !yGiven, extend, count: height / 40, fits: fitsVertically(lh) });
    },
    makeX: (range) =>
      linearAxis({ domain: xDomain, range, nice: !xGiven, integer: true, count: Math.abs(range[1] - range[0]) / 70, fits: fitsHorizontally(ctx, theme.font) }),
  });
  const { plot, xAxis, yAxis } = f;
  const visibleSteps = isNum(options.visibleSteps) ? Math.floor(options.visibleSteps) : length;
  const layout = { kind: 'lines', plot, xScale: xAxis.scale, yScale: yAxis.scale, series, length, visibleSteps, threshold, width: g.width, height: g.height };
  if (!f.drawable) return layout;

  drawGrid(g, plot, xAxis.positions, yAxis.positions);
  drawAxes(g, plot, xAxis, yAxis, { xLabel: options.xLabel, yLabel: options.yLabel });
  clipToPlot(ctx, plot);
  if (threshold !== null) drawThresholdLine(g, plot, yAxis.scale, threshold);
  ctx.lineWidth = LINE_WIDTH;
  ctx.lineCap = 'round';
  for (const s of series) {
    const [i0, i1] = sampleRange(s.values.length, xAxis.scale, options.visibleSteps);
    ctx.strokeStyle = s.color;
    ctx.setLineDash(s.dash || []);
    traceSeries(ctx, s.values, xAxis.scale, yAxis.scale, dpr, i0, i1);
  }
  ctx.setLineDash([]);
  const marker = options.marker && options.marker.index;
  if (threshold !== null) drawThresholdLabel(g, plot, yAxis.scale, threshold);
  if (isNum(marker) && marker >= 0 && marker < length) drawMarker(g, plot, xAxis.scale, yAxis.scale, series, Math.round(marker));
  ctx.restore();
  drawHeader(g, f.header);
  return layout;
}

// Neuron rows: a few rows get one centred tick each (labelled by index or rowLabels); many rows get nice
// ticks on the row boundaries 0…N, like a matplotlib raster's y axis.
function rowAxis(rows, range, rowLabels, lh) {
  const scale = scaleLinear().domain([0, rows]).range(range);
  const rowHeight = Math.abs(range[0] - range[1]) / rows;
  if (rowLabels || rows <= 16) {
    if (rows === 1 && !rowLabels) return { scale, ticks: [], labels: [], positions: [] };
    const stride = Math.max(1, Math.ceil((lh + 2) / Math.max(rowHeight, 1e-9)));
    const ticks = [];
    for (let n = 0; n < rows; n += stride) ticks.push(n + 0.5);
    const labels = ticks.map((t) => String(rowLabels && rowLabels[t - 0.5] != null ? rowLabels[t - 0.5] : t - 0.5));
    return { scale, ticks, labels, positions: ticks.map((t) => scale(t)) };
  }
  return linearAxis({ domain: [0, rows], range, integer: true, count: Math.abs(range[0] - range[1]) / 40, fits: fitsVertically(lh) });
}

// RGBA of `colour` painted over `background`, read back from a 1×1 canvas so that any CSS colour syntax
// works and a translucent colour is pre-blended (putImageData replaces pixels, it does not composite).
const pixelCache = new Map();
let scratch = null;
function packedPixel(colour, background) {
  const key = `${colour}|${background}`;
  if (pixelCache.has(key)) return pixelCache.get(key);
  if (!scratch) {
    scratch = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1) : document.createElement('canvas');
    scratch.width = scratch.height = 1;
  }
  const c = scratch.getContext('2d', { willReadFrequently: true });
  c.clearRect(0, 0, 1, 1);
  if (background) {
    c.fillStyle = background;
    c.fillRect(0, 0, 1, 1);
  }
  if (colour) {
    c.fillStyle = colour;
    c.fillRect(0, 0, 1, 1);
  }
  const bytes = new Uint8ClampedArray(4);
  bytes.set(c.getImageData(0, 0, 1, 1).data);
  const packed = new Uint32Array(bytes.buffer)[0]; // same byte order as the ImageData view below
  pixelCache.set(key, packed);
  return packed;
}

// The plot's ImageData is kept per canvas and reused while its size holds: at DPR 2 it is ~5 MB, and
// allocating that on every animation frame costs more than drawing the spikes (and feeds the GC).
const rasterBuffers = new WeakMap();
function rasterBuffer(canvas, ctx, width, height) {
  const cached = rasterBuffers.get(canvas);
  if (cached && cached.image.width === width && cached.image.height === height) return cached;
  const image = ctx.createImageData(width, height);
  const entry = { image, pixels: new Uint32Array(image.data.buffer) };
  rasterBuffers.set(canvas, entry);
  return entry;
}

// Cell edges in device pixels: every step (or row) gets at least one pixel, and a one-pixel gap once cells
// are 4 px or more, so consecutive spikes stay countable instead of merging into a bar.
function cellEdges(count, pixels, reverse) {
  const start = new Int32Array(count);
  const end = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const k = reverse ? count - 1 - i : i;
    let a = Math.floor((k * pixels) / count);
    let b = Math.floor(((k + 1) * pixels) / count);
    if (b - a >= 4) b -= 1;
    if (a >= pixels) a = pixels - 1;
    start[i] = a;
    end[i] = Math.min(pixels, Math.max(b, a + 1));
  }
  return { start, end };
}

// Each raster canvas's last draw: its options, the frame (axes, plot rectangle, scales) and where the
// spikes go, for a next draw that changes only the spikes or the cursor.
const rasterDraws = new WeakMap();

// Everything a raster's frame depends on: its options but the spikes and the cursor.
const frameOptions = (options) => ({ ...options, spikes: null, visibleSteps: null });

/**
 * Spike raster: spikes[t * rows + n] !== 0 means neuron n spiked at step t. Neuron 0 is at the bottom.
 * options: { spikes, steps, rows, xLabel?, yLabel?, title?, color?, rowLabels?, visibleSteps?, theme?, size? }
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
  const { ctx, theme, lh, dpr } = g;
  const xLabel = options.xLabel !== undefined ? options.xLabel : 'time step';
  const yLabel = options.yLabel !== undefined ? options.yLabel : 'neuron';

  const f = frame(g, {
    title: options.title,
    xLabel,
    yLabel,
    makeY: (range) => rowAxis(rows, range, options.rowLabels, lh),
    makeX: (range) =>
      linearAxis({ domain: [0, steps], range, integer: true, count: Math.abs(range[1] - range[0]) / 70, fits: fitsHorizontally(ctx, theme.font) }),
  });
  const { plot, xAxis, yAxis } = f;
  const layout = { kind: 'raster', plot, xScale: xAxis.scale, yScale: yAxis.scale, spikes, steps, rows, visibleSteps: visible, width: g.width, height: g.height };
  const draw = { options, layout, g, f, backing: [canvas.width, canvas.height] };
  rasterDraws.set(canvas, draw);
  if (!f.drawable) return layout;

  // One ImageData for the whole plot area, written through a Uint32 view: no per-spike canvas calls.
  const pw = Math.max(1, Math.round(plot.width * dpr));
  const ph = Math.max(1, Math.round(plot.height * dpr));
  Object.assign(draw, {
    px: Math.round(plot.x * dpr),
    py: Math.round(plot.y * dpr),
    pw,
    ph,
    cols: cellEdges(steps, pw, false),
    rowEdges: cellEdges(rows, ph, true),
    background: packedPixel(null, theme.background),
    ink: packedPixel(options.color || theme.ink, theme.background),
  });
  putSpikes(canvas, ctx, draw, spikes, rows, visible, [0, steps]);

  drawAxes(g, plot, xAxis, yAxis, { xLabel, yLabel });
  drawHeader(g, f.header);
  return layout;
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
  const steps = changedSteps(before.spikes, options.spikes, options.rows, before.visibleSteps, visible);
  if (!steps) return layout;
  const [x0, x1] = putSpikes(canvas, ctx, last, options.spikes, options.rows, visible, steps);
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
// from both ends, Float32Arrays as Uint32 bits (different bits can still draw the same: 1 and 2, 0 and -0).
function changedSteps(before, after, rows, visibleBefore, visibleAfter) {
  const bits = before instanceof Float32Array && after instanceof Float32Array;
  const a = bits ? new Uint32Array(before.buffer, before.byteOffset, before.length) : before;
  const b = bits ? new Uint32Array(after.buffer, after.byteOffset, after.length) : after;
  const shown = Math.min(visibleBefore, visibleAfter) * rows;
  let i = 0;
  while (i < shown && (a[i] === b[i] || !before[i] === !after[i])) i++;
  const first = Math.floor(i / rows);
  let end = Math.max(visibleBefore, visibleAfter);
  if (end * rows === shown) {
    let j = shown - 1;
    while (j >= i && (a[j] === b[j] || !before[j] === !after[j])) j--;
    end = j < i ? first : Math.floor(j / rows) + 1;
  }
  return end > first ? [first, end] : null;
}

// The spikes of steps [first, end) into the plot area's ImageData (kept per canvas) and those device-pixel
// columns onto the canvas (all of the plot area for every step). Returns the columns written.
function putSpikes(canvas, ctx, draw, spikes, rows, visible, [first, end]) {
  const { pw, ph, cols, rowEdges, ink, background } = draw;
  const { image, pixels } = rasterBuffer(canvas, ctx, pw, ph);
  const whole = first === 0 && end >= cols.start.length; // every step: the whole plot area
  const x0 = whole ? 0 : cols.start[first];
  const x1 = whole ? pw : cols.end[end - 1];
  if (whole) pixels.fill(background);
  else for (let y = 0; y < ph; y++) pixels.fill(background, y * pw + x0, y * pw + x1);
  // Cells can share a pixel column (more steps than pixels): every step reaching into the columns is drawn.
  let t0 = first;
  while (t0 > 0 && cols.end[t0 - 1] > x0) t0--;
  let t1 = Math.min(end, visible);
  while (t1 < visible && cols.start[t1] < x1) t1++;
  const rowStart = rowEdges.start;
  const rowEnd = rowEdges.end;
  // Most entries are 0. A Float32Array is scanned through a Uint32 view of its bits, an integer compare per
  // entry instead of a float load and test (the 784 × 200 input raster, one draw per frame: 0.8 -> 0.6 ms);
  // a non-zero word is then tested as a float, so -0 and NaN stay no spike.
  const bits = spikes instanceof Float32Array ? new Uint32Array(spikes.buffer, spikes.byteOffset, spikes.length) : null;
  for (let t = t0; t < t1; t++) {
    const base = t * rows;
    const c0 = cols.start[t];
    const c1 = cols.end[t];
    for (let n = 0; n < rows; n++) {
      if (bits !== null && bits[base + n] === 0) continue;
      if (!spikes[base + n]) continue; // 0, -0, NaN (and false, for a plain array) are no spike
      for (let y = rowStart[n]; y < rowEnd[n]; y++) {
        const o = y * pw;
        for (let x = c0; x < c1; x++) pixels[o + x] = ink;
      }
    }
  }
  ctx.putImageData(image, draw.px, draw.py, x0, 0, x1 - x0, ph);
  return [x0, x1];
}

/**
 * Bar chart, e.g. spike counts of the 10 output neurons.
 * options: { values, labels, xLabel?, yLabel?, title?, yDomain?, color?, colors?, valueLabels? (default true),
 *            theme?, size? }
 */
export function drawBars(canvas, options = {}) {
  const g = begin(canvas, options);
  const { ctx, theme, lh } = g;
  const values = Array.from(options.values || [], Number);
  const labels = values.map((_, i) => (options.labels && options.labels[i] != null ? String(options.labels[i]) : String(i)));
  const integer = values.every((v) => !isNum(v) || Number.isInteger(v));
  const yGiven = validDomain(options.yDomain);
  let yDomain = yGiven || dataDomain([values], [0]);
  const showValues = options.valueLabels !== false;
  // Headroom for the value printed above the tallest bar.
  if (!yGiven && showValues && yDomain[1] > 0) yDomain = [yDomain[0], yDomain[1] * 1.12];

  const f = frame(g, {
    title: options.title,
    xLabel: options.xLabel,
    yLabel: options.yLabel,
    makeY: (range) =>
      linearAxis({ domain: yDomain, range, nice: !yGiven, integer, count: Math.abs(range[0] - range[1]) / 40, fits: fitsVertically(lh) }),
    makeX: (range) => {
      const scale = scaleBand()
        .domain(values.map((_, i) => i))
        .range(range)
        .paddingInner(0.25)
        .paddingOuter(0.15);
      const centres = values.map((_, i) => scale(i) + scale.bandwidth() / 2);
      // Thin out category labels (every 2nd, 5th...) rather than let them collide.
      let stride = 1;
      const fits = fitsHorizontally(ctx, theme.font, 6);
      while (stride < values.length) {
        const idx = values.map((_, i) => i).filter((i) => i % stride === 0);
        if (fits(idx.map((i) => centres[i]), idx.map((i) => labels[i]))) break;
        stride = stride === 1 ? 2 : stride === 2 ? 5 : stride * 2;
      }
      const idx = values.map((_, i) => i).filter((i) => i % stride === 0);
      return { scale, ticks: idx, labels: idx.map((i) => labels[i]), positions: idx.map((i) => centres[i]) };
    },
  });
  const { plot, xAxis, yAxis } = f;
  const layout = { kind: 'bars', plot, xScale: xAxis.scale, yScale: yAxis.scale, values, labels, width: g.width, height: g.height };
  if (!f.drawable) return layout;

  drawGrid(g, plot, [], yAxis.positions);
  const band = xAxis.scale;
  const y0 = yAxis.scale(0);
  const bottom = plot.y + plot.height;
  const zero = Math.min(bottom, Math.max(plot.y, isNum(y0) ? y0 : bottom));
  clipToPlot(ctx, plot, 0);
  values.forEach((v, i) => {
    if (!isNum(v)) return;
    const x0 = g.edge(band(i));
    const x1 = g.edge(band(i) + band.bandwidth());
    const yv = g.edge(yAxis.scale(v));
    const top = Math.min(yv, g.edge(zero));
    const h = Math.abs(yv - g.edge(zero));
    ctx.fillStyle = (options.colors && options.colors[i]) || options.color || theme.series[0];
    ctx.fillRect(x0, top, Math.max(x1 - x0, 1 / g.dpr), h);
  });
  ctx.restore();
  drawAxes(g, plot, xAxis, yAxis, { xLabel: options.xLabel, yLabel: options.yLabel });

  if (showValues) {
    ctx.font = theme.font;
    ctx.fillStyle = theme.text;
    ctx.textAlign = 'center';
    const fmt = integer ? String : yAxis.scale.tickFormat(10, '.3~g');
    values.forEach((v, i) => {
      if (!isNum(v)) return;
      const text = fmt(v);
      if (measure(ctx, text, theme.font) > band.step()) return;
      const yv = yAxis.scale(v);
      const below = v < 0;
      ctx.textBaseline = below ? 'top' : 'bottom';
      const y = below ? yv + 2 : yv - 2;
      if (y < plot.y - lh / 2 || y > bottom + lh / 2) return;
      ctx.fillText(text, band(i) + band.bandwidth() / 2, y);
    });
  }
  drawHeader(g, f.header);
  return layout;
}

/**
 * A grid of small line charts with shared x and y scales (e.g. 9 membrane traces, 3 × 3).
 * options: { series: Array<values | { values, label?, color? }>, columns = 3, threshold?, labels?, yDomain?,
 *            xDomain?, title?, xLabel?, yLabel?, color?, marker?: { index }, visibleSteps?, theme?, size? }
 */
export function drawSmallMultiples(canvas, options = {}) {
  const g = begin(canvas, options);
  const { ctx, theme, lh, dpr, width, height } = g;
  const series = normaliseSeries(options.series, theme).map((s, i) => ({
    ...s,
    label: options.labels && options.labels[i] != null ? String(options.labels[i]) : options.series[i] && options.series[i].label,
    color: (options.series[i] && options.series[i].color) || options.color || theme.series[0],
  }));
  const count = series.length;
  const columns = Math.max(1, Math.floor(options.columns) || 3);
  const gridRows = Math.max(1, Math.ceil(count / columns));
  const { threshold, xGiven, yGiven, xDomain, yDomain } = lineDomains(series, options);
  const hasLabels = series.some((s) => s.label);
  const xLabel = options.xLabel;
  const yLabel = options.yLabel;

  const header = layoutHeader(g, options.title, null);
  const gridTop = topMargin(g, header);
  const gridBottom = height - bottomMargin(g, xLabel);
  // Short cells put their label inside the plot (top left, haloed) instead of spending a line on it.
  let labelLine = hasLabels ? lh : 0;
  const vgapFor = (labelH) => Math.max(6, lh + 2 - labelH); // keeps y labels of adjacent rows apart
  let cellH = (gridBottom - gridTop - (gridRows - 1) * vgapFor(labelLine)) / gridRows;
  if (labelLine && cellH - labelLine < 2.5 * lh) {
    labelLine = 0;
    cellH = (gridBottom - gridTop - (gridRows - 1) * vgapFor(0)) / gridRows;
  }
  const vgap = vgapFor(labelLine);
  const plotH = cellH - labelLine;

  ctx.font = theme.font;
  const yAxis = linearAxis({ domain: yDomain, range: [plotH, 0], nice: !yGiven, count: plotH / 30, fits: fitsVertically(lh) });
  const left = EDGE + (yLabel ? lh + LABEL_GAP : 0) + maxLabelWidth(ctx, yAxis.labels, theme.font) + TICK_GAP + TICK;
  // Gaps between columns must hold the last x label of one cell and the first of the next.
  let hgap = 14;
  let right = EDGE;
  let cellW;
  let xAxis;
  for (let pass = 0; pass < 3; pass++) {
    cellW = (width - left - right - (columns - 1) * hgap) / columns;
    xAxis = linearAxis({ domain: xDomain, range: [0, cellW], nice: !xGiven, integer: true, count: cellW / 55, fits: fitsHorizontally(ctx, theme.font) });
    const k = xAxis.labels.length - 1;
    if (k < 0) break;
    const lastOver = Math.max(0, xAxis.positions[k] + measure(ctx, xAxis.labels[k], theme.font) / 2 - cellW);
    const firstOver = Math.max(0, measure(ctx, xAxis.labels[0], theme.font) / 2 - xAxis.positions[0]);
    const needGap = Math.max(14, lastOver + firstOver + 18);
    const needRight = EDGE / 2 + lastOver;
    if (needGap <= hgap + 0.5 && needRight <= right + 0.5) break;
    hgap = Math.max(hgap, needGap);
    right = Math.max(right, needRight);
  }

  const cells = [];
  for (let i = 0; i < count; i++) {
    const r = Math.floor(i / columns);
    const c = i % columns;
    const cx = left + c * (cellW + hgap);
    const cy = gridTop + r * (cellH + vgap) + labelLine;
    const x0 = g.edge(cx);
    const y0 = g.edge(cy);
    const plot = { x: x0, y: y0, width: g.edge(cx + cellW) - x0, height: g.edge(cy + plotH) - y0 };
    const xScale = xAxis.scale.copy().range([plot.x, plot.x + plot.width]);
    const yScale = yAxis.scale.copy().range([plot.y + plot.height, plot.y]);
    const cellLength = series[i].values.length;
    const visibleSteps = isNum(options.visibleSteps) ? Math.floor(options.visibleSteps) : cellLength;
    cells.push({ kind: 'lines', plot, xScale, yScale, series: [series[i]], length: cellLength, visibleSteps, threshold, row: r, column: c });
  }
  const gridPlot = cells.length
    ? { x: cells[0].plot.x, y: g.edge(gridTop), width: g.edge(left + columns * cellW + (columns - 1) * hgap) - cells[0].plot.x, height: g.edge(gridBottom) - g.edge(gridTop) }
    : { x: left, y: gridTop, width: 0, height: 0 };
  const layout = { kind: 'multiples', plot: gridPlot, cells, columns, xScale: xAxis.scale, yScale: yAxis.scale, width, height };
  if (cellW < MIN_PLOT || plotH < MIN_PLOT) return layout;

  const marker = options.marker && options.marker.index;
  cells.forEach((cell, i) => {
    const { plot, xScale, yScale } = cell;
    const xa = { ...xAxis, positions: xAxis.ticks.map((t) => xScale(t)) };
    const ya = { ...yAxis, positions: yAxis.ticks.map((t) => yScale(t)) };
    drawGrid(g, plot, [], ya.positions);
    // x labels under the lowest cell of each column only (the last row may be incomplete).
    drawAxes(g, plot, xa, ya, { xTickLabels: i + columns >= count, yTickLabels: cell.column === 0 });
    clipToPlot(ctx, plot);
    if (threshold !== null) drawThresholdLine(g, plot, yScale, threshold);
    const s = series[i];
    // One device pixel, as the grid: a cell is small, and a stroke this thin is also the one a software
    // rasteriser draws fastest (a wider one costs ~0.35 ms per 200-sample cell in headless Chromium).
    ctx.lineWidth = g.hair;
    ctx.lineCap = 'round';
    ctx.strokeStyle = s.color;
    ctx.setLineDash(s.dash || []);
    const [i0, i1] = sampleRange(s.values.length, xScale, options.visibleSteps);
    traceSeries(ctx, s.values, xScale, yScale, dpr, i0, i1);
    ctx.setLineDash([]);
    if (threshold !== null && i === 0) drawThresholdLabel(g, plot, yScale, threshold, { aboveOnly: true });
    if (isNum(marker) && marker >= 0 && marker < s.values.length) drawMarker(g, plot, xScale, yScale, [s], Math.round(marker));
    ctx.restore();
    if (s.label) {
      ctx.font = theme.font;
      ctx.textAlign = 'left';
      const text = fitText(ctx, s.label, plot.width - 8, theme.font);
      if (labelLine) {
        ctx.textBaseline = 'bottom';
        ctx.fillStyle = theme.text;
        ctx.fillText(text, plot.x, plot.y - 2);
      } else {
        ctx.textBaseline = 'top';
        ctx.strokeStyle = theme.background;
        ctx.lineWidth = 3;
        ctx.strokeText(text, plot.x + 4, plot.y + 2);
        ctx.fillStyle = theme.text;
        ctx.fillText(text, plot.x + 4, plot.y + 2);
      }
    }
  });
  // Axis titles once for the whole grid, centred on its bounding box.
  if (xLabel || yLabel) {
    const box = { x: gridPlot.x, y: g.edge(gridTop), width: gridPlot.width, height: g.edge(gridTop + gridRows * cellH + (gridRows - 1) * vgap) - g.edge(gridTop) };
    drawAxesTitlesOnly(g, box, xLabel, yLabel);
  }
  drawHeader(g, header);
  return layout;
}

function drawAxesTitlesOnly(g, box, xLabel, yLabel) {
  const { ctx, theme, lh } = g;
  ctx.font = theme.font;
  ctx.fillStyle = theme.text;
  if (xLabel) {
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.fillText(fitText(ctx, xLabel, g.width - 2 * EDGE, theme.font), box.x + box.width / 2, box.y + box.height + TICK + TICK_GAP + lh + LABEL_GAP);
  }
  if (yLabel) drawYLabel(g, yLabel, box);
}

// ---------------------------------------------------------------------------------------------------------
// Hover

function inside(plot, x, y) {
  return plot && x >= plot.x && x <= plot.x + plot.width && y >= plot.y && y <= plot.y + plot.height;
}

/**
 * Maps a pointer position (CSS px from the canvas's top-left corner, e.g. event.clientX - rect.left) to the
 * data under it, or null outside the plot area.
 *   lines:     { index, value (first series), values (every series) }   nearest step
 *   raster:    { index (step), row (neuron), value (the spikes entry) }
 *   bars:      { index, value, label }
 *   multiples: { index, value, values, cell }                             cell = which small plot
 */
export function hitTest(layout, x, y) {
  if (!layout || !isNum(x) || !isNum(y)) return null;
  if (layout.kind === 'multiples') {
    for (let i = 0; i < layout.cells.length; i++) {
      const hit = hitTest(layout.cells[i], x, y);
      if (hit) return { ...hit, cell: i };
    }
    return null;
  }
  if (!inside(layout.plot, x, y)) return null;
  if (layout.kind === 'lines') {
    if (!layout.length) return null;
    const [d0, d1] = layout.xScale.domain();
    const lo = Math.max(0, Math.ceil(Math.min(d0, d1)));
    // Nearest drawn sample: never one past an animation's cursor.
    const hi = Math.min(layout.length - 1, layout.visibleSteps - 1, Math.floor(Math.max(d0, d1)));
    if (lo > hi) return null;
    const index = Math.min(hi, Math.max(lo, Math.round(layout.xScale.invert(x))));
    const values = layout.series.map((s) => (index < s.values.length ? s.values[index] : null));
    return { index, value: values[0], values };
  }
  if (layout.kind === 'raster') {
    const index = Math.min(layout.steps - 1, Math.max(0, Math.floor(layout.xScale.invert(x))));
    if (index >= layout.visibleSteps) return null; // not drawn yet: reveal nothing
    const row = Math.min(layout.rows - 1, Math.max(0, Math.floor(layout.yScale.invert(y))));
    return { index, row, value: layout.spikes[index * layout.rows + row] };
  }
  if (layout.kind === 'bars') {
    const band = layout.xScale;
    if (!layout.values.length) return null;
    const first = band(0) + band.bandwidth() / 2;
    const index = Math.min(layout.values.length - 1, Math.max(0, Math.round((x - first) / band.step())));
    return { index, value: layout.values[index], label: layout.labels[index] };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Keyboard cursor

/** How many steps (bars, for a bar chart) a cursor can visit on this layout: the drawn ones only. */
export function cursorSteps(layout) {
  if (!layout) return 0;
  if (layout.kind === 'lines') return Math.max(0, Math.min(layout.length, layout.visibleSteps));
  if (layout.kind === 'raster') return Math.max(0, Math.min(layout.steps, layout.visibleSteps));
  if (layout.kind === 'bars') return layout.values.length;
  if (layout.kind === 'multiples') return layout.cells.reduce((m, c) => Math.max(m, cursorSteps(c)), 0);
  return 0;
}

/** How many series (lines), rows (raster) or cells (small multiples) a cursor can pick from. */
export function cursorSeries(layout) {
  if (!layout) return 0;
  if (layout.kind === 'lines') return layout.series.length;
  if (layout.kind === 'raster') return layout.rows;
  if (layout.kind === 'multiples') return layout.cells.length;
  return layout.kind === 'bars' ? 1 : 0;
}

/**
 * The data at a step, by index: hitTest's counterpart for a keyboard cursor. `series` picks the line
 * (lines), the neuron row (raster) or the cell (multiples); for bars `step` is the bar. Returns null for a
 * step that is not drawn (past an animation's cursor, or past the data), else what hitTest returns plus
 *   x, plot:  where to draw the cursor (CSS px of the canvas) and the plot rectangle it spans
 *   series:   the series (row, cell) the value is from, and for a raster `active`: the rows spiking there.
 */
export function valueAt(layout, step, series = 0) {
  if (!layout || !Number.isInteger(step) || step < 0 || step >= cursorSteps(layout)) return null;
  const pick = Number.isInteger(series) ? Math.max(0, Math.min(cursorSeries(layout) - 1, series)) : 0;
  if (layout.kind === 'multiples') {
    const hit = valueAt(layout.cells[pick], step, 0);
    return hit && { ...hit, series: pick, cell: pick };
  }
  if (layout.kind === 'lines') {
    const values = layout.series.map((s) => (step < s.values.length ? s.values[step] : null));
    return { index: step, value: values[pick], values, series: pick, label: layout.series[pick] && layout.series[pick].label, x: layout.xScale(step), plot: layout.plot };
  }
  if (layout.kind === 'raster') {
    const base = step * layout.rows;
    const active = [];
    for (let n = 0; n < layout.rows; n++) if (layout.spikes[base + n]) active.push(n);
    // A step covers [step, step + 1) on the raster's axis: the cursor sits in the middle of its column.
    return { index: step, row: pick, value: layout.spikes[base + pick], active, series: pick, x: layout.xScale(step + 0.5), plot: layout.plot };
  }
  if (layout.kind === 'bars') {
    const band = layout.xScale;
    return { index: step, value: layout.values[step], label: layout.labels[step], series: 0, x: band(step) + band.bandwidth() / 2, plot: layout.plot };
  }
  return null;
}
