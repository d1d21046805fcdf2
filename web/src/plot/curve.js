// The curve chart: one or more series of (x, y) points over a value that is not time — a sweep's spike count
// against the swept current (an F–I curve). Each series is drawn as a line through its points, in x order,
// with a dot at every point (the points are all there is: the sweep ran nothing in between). Vertical dashed
// markers (a rheobase) carry their value as a label at the top of the plot. No shared time axis: its margins
// are its own.
import { clipToPlot, drawAxes, drawGrid, frame } from './axes.js';
import { drawHeader } from './header.js';
import { dataDomain, fitsHorizontally, fitsVertically, isNum, linearAxis, validDomain } from './scale.js';
import { normaliseSeries } from './series.js';
import { begin } from './surface.js';
import { measure } from './text.js';

const LINE_WIDTH = 1.75;
const DOT = 2.25;

// Indices of xs in increasing x (ties in their given order): the order the points are joined and visited.
function orderOf(xs) {
  return Array.from(xs, (_, i) => i).sort((a, b) => xs[a] - xs[b] || a - b);
}

/**
 * Curve chart of points sharing one list of x values.
 * options: { x: numbers, series: [{ values (one y per x), label, color? }], markers?: [{ x, label, color? }],
 *            xLabel, yLabel, title?, xDomain?, yDomain?, integer? (whole-number y ticks), xName?, yUnit?:
 *            { one, other } (what the read-out calls an x and a y: "current 0.42: 17 spikes"), theme?, size? }
 * Returns the layout { kind: 'curve', plot, xScale, yScale, xs, order, series, length, markers, ... }.
 */
export function drawCurve(canvas, options = {}) {
  const g = begin(canvas, options);
  const { ctx, theme, lh } = g;
  const xs = Array.from(options.x || [], Number);
  const series = normaliseSeries(options.series, theme).map((s) => ({ ...s, values: Array.from(s.values, Number) }));
  const order = orderOf(xs);
  const xGiven = validDomain(options.xDomain);
  const yGiven = validDomain(options.yDomain);
  const xDomain = xGiven || dataDomain([xs], []);
  const yDomain = yGiven || dataDomain(series.map((s) => s.values), [0]);
  const integer = options.integer !== false && series.every((s) => s.values.every((v) => !isNum(v) || Number.isInteger(v)));
  const markers = (options.markers || []).filter((m) => m && isNum(m.x)).map((m, i) => ({ x: m.x, label: String(m.label ?? m.x), color: m.color || theme.series[i % theme.series.length] }));
  // A line of text above the data for the markers' labels (when the domain is the data's own).
  const room = lh + 4;
  const headroom = (height) => (yGiven || !markers.length || height <= 2 * room ? undefined : ([lo, hi]) => [lo, hi + ((hi - lo) * room) / (height - room)]);
  const f = frame(g, {
    title: options.title,
    legend: series.length > 1 ? series : null,
    xLabel: options.xLabel,
    yLabel: options.yLabel,
    makeY: (range) => {
      const height = Math.abs(range[0] - range[1]);
      return linearAxis({ domain: yDomain, range, nice: !yGiven, integer, extend: headroom(height), count: height / 40, fits: fitsVertically(lh) });
    },
    makeX: (range) => linearAxis({ domain: xDomain, range, nice: !xGiven, count: Math.abs(range[1] - range[0]) / 70, fits: fitsHorizontally(ctx, theme.font) }),
  });
  const { plot, xAxis, yAxis } = f;
  const layout = {
    kind: 'curve', plot, xScale: xAxis.scale, yScale: yAxis.scale, xs, order, series, length: xs.length, markers, thresholdLabel: null,
    xName: options.xName || 'x', yUnit: options.yUnit || null, width: g.width, height: g.height,
  };
  if (!f.drawable) return layout;

  drawGrid(g, plot, xAxis.positions, yAxis.positions);
  drawAxes(g, plot, xAxis, yAxis, { xLabel: f.xLabel, yLabel: options.yLabel });
  clipToPlot(ctx, plot);
  drawMarkerLines(g, plot, xAxis.scale, markers);
  ctx.lineWidth = LINE_WIDTH;
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  for (const s of series) {
    ctx.strokeStyle = s.color;
    ctx.setLineDash(s.dash || []);
    ctx.beginPath();
    let pen = false;
    for (const i of order) {
      const v = s.values[i];
      if (!isNum(v) || !isNum(xs[i])) {
        pen = false;
        continue;
      }
      const x = xAxis.scale(xs[i]);
      const y = yAxis.scale(v);
      if (pen) ctx.lineTo(x, y);
      else ctx.moveTo(x, y);
      pen = true;
    }
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = s.color;
    for (const i of order) {
      const v = s.values[i];
      if (!isNum(v) || !isNum(xs[i])) continue;
      ctx.beginPath();
      ctx.arc(xAxis.scale(xs[i]), yAxis.scale(v), DOT, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
  ctx.restore();
  layout.thresholdLabel = drawMarkerLabels(g, plot, xAxis.scale, markers);
  drawHeader(g, f.header);
  return layout;
}

function drawMarkerLines(g, plot, xScale, markers) {
  const { ctx } = g;
  const device = Math.max(1, Math.round(1.5 * g.dpr));
  ctx.lineWidth = device / g.dpr;
  ctx.setLineDash([5, 4]);
  for (const m of markers) {
    const p = xScale(m.x);
    if (!(p >= plot.x - 0.5 && p <= plot.x + plot.width + 0.5)) continue;
    const x = g.line(p, device);
    ctx.strokeStyle = m.color;
    ctx.beginPath();
    ctx.moveTo(x, plot.y);
    ctx.lineTo(x, plot.y + plot.height);
    ctx.stroke();
  }
  ctx.setLineDash([]);
}

// Each marker's label just right of its line at the top of the plot (left of it when it would leave the
// plot), a line lower when it would overlap one already placed. Returns the box the labels cover (CSS px of
// the canvas), or null: the read-out keeps off it.
function drawMarkerLabels(g, plot, xScale, markers) {
  const { ctx, theme, lh } = g;
  ctx.font = theme.font;
  ctx.textBaseline = 'top';
  const placed = [];
  for (const m of [...markers].sort((a, b) => a.x - b.x)) {
    const p = xScale(m.x);
    if (!(p >= plot.x - 0.5 && p <= plot.x + plot.width + 0.5)) continue;
    const w = measure(ctx, m.label, theme.font);
    const x = p + 3 + w <= plot.x + plot.width ? p + 3 : p - 3 - w;
    let row = 0;
    while (placed.some((b) => b.row === row && x < b.x + b.width + 4 && b.x < x + w + 4)) row++;
    const box = { x, y: plot.y + 2 + row * lh, width: w, height: lh, row };
    if (box.y + lh > plot.y + plot.height) continue;
    ctx.strokeStyle = theme.background;
    ctx.lineWidth = 3;
    ctx.textAlign = 'left';
    ctx.strokeText(m.label, x, box.y);
    ctx.fillStyle = m.color;
    ctx.fillText(m.label, x, box.y);
    placed.push(box);
  }
  if (!placed.length) return null;
  const x0 = Math.min(...placed.map((b) => b.x));
  const y0 = Math.min(...placed.map((b) => b.y));
  const x1 = Math.max(...placed.map((b) => b.x + b.width));
  const y1 = Math.max(...placed.map((b) => b.y + b.height));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
