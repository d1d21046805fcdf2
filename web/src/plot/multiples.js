// Small multiples: a grid of small line charts with shared scales (the hidden layer's first nine membranes).
import { bottomMargin, clipToPlot, drawAxes, drawGrid, drawYLabel, topMargin } from './axes.js';
import { drawHeader, layoutHeader } from './header.js';
import { GHOST_ALPHA } from './lines.js';
import { EDGE, LABEL_GAP, MIN_PLOT, TICK, TICK_GAP } from './metrics.js';
import { fitsHorizontally, fitsVertically, isNum, linearAxis, maxLabelWidth } from './scale.js';
import { drawMarker, drawThresholdLabel, drawThresholdLine, lineDomains, normaliseSeries, sampleRange, traceSeries } from './series.js';
import { begin, measureSurface } from './surface.js';
import { fitText, measure } from './text.js';

// A pinned run's lines under the cells' own.
const UNDERLAY_ALPHA = 0.5;
const UNDERLAY_DASH = [4, 3];

// The shared y axis of the cells. With a threshold, its ticks are the bottom of the range, 0 and the
// threshold itself (the level every membrane is read against), as many of them as fit.
function cellYAxis(g, yDomain, yGiven, plotH, threshold) {
  const { lh } = g;
  const axis = linearAxis({ domain: yDomain, range: [plotH, 0], nice: !yGiven, count: plotH / 30, fits: fitsVertically(lh) });
  if (threshold === null) return axis;
  const [d0, d1] = axis.scale.domain();
  const lo = Math.min(d0, d1);
  const hi = Math.max(d0, d1);
  // Most important first: the threshold, then 0, then the bottom of the range.
  const wanted = [threshold, 0, lo].filter((v, i, all) => v >= lo && v <= hi && all.indexOf(v) === i);
  const ticks = [];
  for (const v of wanted) if (ticks.every((t) => Math.abs(axis.scale(t) - axis.scale(v)) >= lh + 2)) ticks.push(v);
  ticks.sort((a, b) => a - b);
  const format = axis.scale.tickFormat(10);
  const labels = ticks.map((t) => (t === threshold ? String(t) : format(t)));
  return { ...axis, ticks, labels, positions: ticks.map((t) => axis.scale(t)) };
}

// Everything but the drawing: series, scales, the cells' rectangles, and the margins the grid needs.
function multiplesLayout(g, options) {
  const { ctx, theme, lh, width, height } = g;
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
  const yLabel = options.yLabel;

  const header = layoutHeader(g, options.title, null);
  const gridTop = topMargin(g, header);
  const gridBottom = height - bottomMargin(g, options.xLabel);
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
  const yAxis = cellYAxis(g, yDomain, yGiven, plotH, threshold);
  let left = EDGE + (yLabel ? lh + LABEL_GAP : 0) + maxLabelWidth(ctx, yAxis.labels, theme.font) + TICK_GAP + TICK;
  // Gaps between columns must hold the last x label of one cell and the first of the next.
  let hgap = 14;
  let right = EDGE;
  const needs = { left, right };
  if (options.margins) {
    left = Math.max(left, options.margins.left || 0);
    right = Math.max(right, options.margins.right || 0);
  }
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
    needs.right = Math.max(needs.right, needRight);
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
  return { series, count, columns, gridRows, threshold, header, gridTop, cellH, vgap, plotH, cellW, xAxis, yAxis, cells, gridPlot, needs };
}

/** The left and right margins (CSS px from each edge) the grid of small multiples needs. */
export function multiplesMargins(canvas, options = {}) {
  return multiplesLayout(measureSurface(canvas, options), options).needs;
}

/**
 * A grid of small line charts with shared x and y scales (e.g. 9 membrane traces, 3 × 3).
 * options: { series: Array<values | { values, label?, color? }>, columns = 3, threshold?, labels?, yDomain?,
 *            xDomain?, title?, xLabel?, yLabel?, color?, marker?: { index }, visibleSteps?, ghost?,
 *            underlay?: Array<values>, margins?: { left, right }, theme?, size? }
 * `underlay`: one more series per cell, drawn pale and dashed under the cell's own (a pinned run).
 * `margins` are the least the grid keeps from the canvas's edges: its outer edges then line up with the
 * plots of the other panels of the figure. `ghost`: steps past visibleSteps are drawn faintly.
 */
export function drawSmallMultiples(canvas, options = {}) {
  const g = begin(canvas, options);
  const { ctx, theme, dpr, width, height } = g;
  const m = multiplesLayout(g, options);
  const { series, count, columns, gridRows, threshold, header, gridTop, cellH, vgap, plotH, cellW, xAxis, yAxis, cells, gridPlot } = m;
  const layout = { kind: 'multiples', plot: gridPlot, cells, columns, xScale: xAxis.scale, yScale: yAxis.scale, yTicks: yAxis.ticks, width, height };
  if (cellW < MIN_PLOT || plotH < MIN_PLOT) return layout;

  const xLabel = options.xLabel;
  const yLabel = options.yLabel;
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
    const under = options.underlay && options.underlay[i];
    if (under && under.length) {
      ctx.globalAlpha = UNDERLAY_ALPHA;
      ctx.setLineDash(UNDERLAY_DASH);
      traceSeries(ctx, under, xScale, yScale, dpr, ...sampleRange(under.length, xScale));
      ctx.globalAlpha = 1;
    }
    ctx.setLineDash(s.dash || []);
    if (options.ghost && isNum(options.visibleSteps)) {
      const [g0, g1] = sampleRange(s.values.length, xScale);
      const from = Math.max(g0, Math.floor(options.visibleSteps) - 1);
      if (from < g1) {
        ctx.globalAlpha = GHOST_ALPHA;
        traceSeries(ctx, s.values, xScale, yScale, dpr, from, g1);
        ctx.globalAlpha = 1;
      }
    }
    const [i0, i1] = sampleRange(s.values.length, xScale, options.visibleSteps);
    traceSeries(ctx, s.values, xScale, yScale, dpr, i0, i1);
    ctx.setLineDash([]);
    if (threshold !== null && i === 0) cell.thresholdLabel = drawThresholdLabel(g, plot, yScale, threshold, { aboveOnly: true });
    if (isNum(marker) && marker >= 0 && marker < s.values.length) drawMarker(g, plot, xScale, yScale, [s], Math.round(marker));
    ctx.restore();
    if (s.label) {
      ctx.font = theme.font;
      ctx.textAlign = 'left';
      // A label too long for a narrow cell keeps its last word ("neuron 4" becomes "4").
      const short = measure(ctx, s.label, theme.font) > plot.width - 8 ? s.label.split(' ').pop() : s.label;
      const text = fitText(ctx, short, plot.width - 8, theme.font);
      if (cellH - plotH > 0) {
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
