// The line chart: one or more series over integer steps (input current, membrane, synaptic current).
import { clipToPlot, drawAxes, drawGrid, frame } from './axes.js';
import { drawHeader } from './header.js';
import { fitsHorizontally, fitsVertically, isNum, linearAxis } from './scale.js';
import { drawMarker, drawThresholdLabel, drawThresholdLine, lineDomains, normaliseSeries, sampleRange, traceSeries } from './series.js';
import { begin, measureSurface } from './surface.js';

const LINE_WIDTH = 1.75;
// How strongly the steps an animation has not reached yet are drawn (options.ghost).
export const GHOST_ALPHA = 0.22;

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

// The series, domains and frame of a line chart on surface `g`: what drawing and measuring share.
function linesFrame(g, options) {
  const { ctx, theme, lh } = g;
  const series = normaliseSeries(options.series, theme);
  const domains = lineDomains(series, options);
  const { threshold, xGiven, yGiven, xDomain, yDomain } = domains;
  const f = frame(g, {
    title: options.title,
    legend: series.length > 1 ? series : null,
    xLabel: options.xLabel,
    yLabel: options.yLabel,
    margins: options.margins,
    xTickLabels: options.xTickLabels !== false,
    makeY: (range) => {
      const height = Math.abs(range[0] - range[1]);
      const extend = yGiven ? undefined : (d) => withThresholdRoom(d, threshold, height, lh);
      return linearAxis({ domain: yDomain, range, nice: !yGiven, extend, count: height / 40, fits: fitsVertically(lh) });
    },
    makeX: (range) =>
      linearAxis({ domain: xDomain, range, nice: !xGiven, integer: true, count: Math.abs(range[1] - range[0]) / 70, fits: fitsHorizontally(ctx, theme.font) }),
  });
  return { series, domains, f };
}

/** The left and right margins (CSS px from each edge) a line chart with these options needs. */
export function linesMargins(canvas, options = {}) {
  return linesFrame(measureSurface(canvas, options), options).f.needs;
}

/**
 * Line chart of one or more series over integer steps.
 * options: { series: [{ values, label, color?, dash?, alpha? }], xLabel, yLabel, title?, xDomain?, yDomain?,
 *            threshold?, marker?: { index }, visibleSteps?, ghost?, margins?: { left, right }, xTickLabels?,
 *            theme?, size? }
 * `visibleSteps` cuts the lines at an animation's cursor; with `ghost` the rest is drawn faintly instead.
 */
export function drawLines(canvas, options = {}) {
  const g = begin(canvas, options);
  const { ctx, dpr } = g;
  const { series, domains, f } = linesFrame(g, options);
  const { length, threshold } = domains;
  const { plot, xAxis, yAxis } = f;
  const visibleSteps = isNum(options.visibleSteps) ? Math.floor(options.visibleSteps) : length;
  const layout = { kind: 'lines', plot, xScale: xAxis.scale, yScale: yAxis.scale, series, length, visibleSteps, threshold, thresholdLabel: null, width: g.width, height: g.height };
  if (!f.drawable) return layout;

  drawGrid(g, plot, xAxis.positions, yAxis.positions);
  drawAxes(g, plot, xAxis, yAxis, { xLabel: f.xLabel, yLabel: options.yLabel, xTickLabels: f.xTickLabels });
  clipToPlot(ctx, plot);
  if (threshold !== null) drawThresholdLine(g, plot, yAxis.scale, threshold);
  ctx.lineWidth = LINE_WIDTH;
  ctx.lineCap = 'round';
  for (const s of series) {
    ctx.strokeStyle = s.color;
    ctx.setLineDash(s.dash || []);
    if (options.ghost && isNum(options.visibleSteps)) {
      const [g0, g1] = sampleRange(s.values.length, xAxis.scale);
      const from = Math.max(g0, Math.floor(options.visibleSteps) - 1);
      if (from < g1) {
        ctx.globalAlpha = GHOST_ALPHA * s.alpha;
        traceSeries(ctx, s.values, xAxis.scale, yAxis.scale, dpr, from, g1, s.summary);
      }
    }
    ctx.globalAlpha = s.alpha; // a series drawn pale (a pinned run under the live one)
    const [i0, i1] = sampleRange(s.values.length, xAxis.scale, options.visibleSteps);
    traceSeries(ctx, s.values, xAxis.scale, yAxis.scale, dpr, i0, i1, s.summary);
    ctx.globalAlpha = 1;
  }
  ctx.setLineDash([]);
  const marker = options.marker && options.marker.index;
  if (threshold !== null) layout.thresholdLabel = drawThresholdLabel(g, plot, yAxis.scale, threshold);
  if (isNum(marker) && marker >= 0 && marker < length) drawMarker(g, plot, xAxis.scale, yAxis.scale, series, Math.round(marker));
  ctx.restore();
  drawHeader(g, f.header);
  return layout;
}
