// The frame of a plot: its margins, the plot rectangle, the grid, the axes with their ticks and titles, and
// the clip to the plot area.
import { EDGE, LABEL_GAP, MIN_PLOT, PAD_TOP, TICK, TICK_GAP } from './metrics.js';
import { layoutHeader } from './header.js';
import { maxLabelWidth } from './scale.js';
import { fitText, measure } from './text.js';

export function topMargin(g, header) {
  // The topmost y tick label is centred on the plot's top edge: half a line must fit above it.
  const half = Math.ceil(g.lh / 2);
  return header.height ? PAD_TOP + header.height + half : Math.max(PAD_TOP, half + 2);
}

// Without tick labels (a panel whose time axis is labelled under the panel below it) only the ticks.
export function bottomMargin(g, xLabel, xTickLabels = true) {
  if (!xTickLabels) return TICK + EDGE / 2;
  return TICK + TICK_GAP + g.lh + (xLabel ? LABEL_GAP + g.lh : 0) + EDGE / 2;
}

// Plot rectangle and both axes. makeY/makeX build an axis for a pixel range: y first, because the width of
// its labels sets the left margin and hence the x range. The right margin grows until the last x label fits.
// `margins` ({ left, right }, CSS px from the canvas's left and right edges) are the least the plot keeps:
// the panels of one figure pass the widest of their own needs, so that their plot areas share both edges
// (matplotlib's sharex). `gutter` is room kept right of the plot (a raster's value bars).
// `xTickLabels: false` leaves the x axis unlabelled (ticks only), as matplotlib's sharex does for every panel
// but the lowest.
export function frame(g, { title, legend, xLabel, yLabel, makeX, makeY, margins, gutter = 0, xTickLabels = true }) {
  const { ctx, theme, width, height, lh } = g;
  const header = layoutHeader(g, title, legend);
  ctx.font = theme.font;
  const plotTop = g.edge(topMargin(g, header));
  const plotBottom = g.edge(height - bottomMargin(g, xTickLabels ? xLabel : '', xTickLabels));
  const yAxis = makeY([plotBottom, plotTop]);
  let left = EDGE + (yLabel ? lh + LABEL_GAP : 0) + maxLabelWidth(ctx, yAxis.labels, theme.font) + TICK_GAP + TICK;
  let right = EDGE + gutter;
  if (margins) {
    left = Math.max(left, margins.left || 0);
    right = Math.max(right, margins.right || 0);
  }
  let plotLeft;
  let plotRight;
  let xAxis;
  // x labels are centred on their ticks: the margins grow until the first and last fit on the canvas.
  for (let pass = 0; pass < 3; pass++) {
    plotLeft = g.edge(left);
    plotRight = g.edge(width - right);
    xAxis = makeX([plotLeft, plotRight]);
    const k = xAxis.labels.length - 1;
    if (k < 0 || !xTickLabels) break;
    const overRight = xAxis.positions[k] + measure(ctx, xAxis.labels[k], theme.font) / 2 - (width - EDGE / 2);
    const overLeft = EDGE / 2 - (xAxis.positions[0] - measure(ctx, xAxis.labels[0], theme.font) / 2);
    if (overRight <= 0.5 && overLeft <= 0.5) break;
    if (overRight > 0.5) right += overRight;
    if (overLeft > 0.5) left += overLeft;
  }
  const plot = { x: plotLeft, y: plotTop, width: plotRight - plotLeft, height: plotBottom - plotTop };
  // What this panel needs (before any shared margins): the figure aligns its panels with these.
  const needs = { left, right };
  return { header, plot, xAxis, yAxis, xLabel: xTickLabels ? xLabel : '', yLabel, xTickLabels, needs, drawable: plot.width >= MIN_PLOT && plot.height >= MIN_PLOT };
}

export function drawGrid(g, plot, xPositions, yPositions) {
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
// `yAxis.colors` (one per tick, optional) colours its tick labels: a raster's rows in their series' colours.
export function drawAxes(g, plot, xAxis, yAxis, { xLabel, yLabel, xTickLabels = true, yTickLabels = true } = {}) {
  const { ctx, theme, lh } = g;
  strokeAxes(g, plot, xAxis, yAxis);

  ctx.font = theme.font;
  ctx.fillStyle = theme.mutedText;
  if (yTickLabels) {
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    yAxis.labels.forEach((label, i) => {
      ctx.fillStyle = (yAxis.colors && yAxis.colors[i]) || theme.mutedText;
      ctx.fillText(label, plot.x - TICK - TICK_GAP, yAxis.positions[i]);
    });
  }
  const labelTop = plot.y + plot.height + TICK + TICK_GAP;
  if (xTickLabels) {
    ctx.fillStyle = theme.mutedText;
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
export function strokeAxes(g, plot, xAxis, yAxis) {
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
export function drawYLabel(g, yLabel, box) {
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
export function clipToPlot(ctx, plot, outset = 2) {
  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.x - outset, plot.y - outset, plot.width + 2 * outset, plot.height + 2 * outset);
  ctx.clip();
}
