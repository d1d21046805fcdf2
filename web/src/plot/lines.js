// The line chart: one or more series over integer steps (input current, membrane, synaptic current).
import { clipToPlot, drawAxes, drawGrid, frame } from './axes.js';
import { drawHeader } from './header.js';
import { fitsHorizontally, fitsVertically, isNum, linearAxis } from './scale.js';
import { drawMarker, drawThresholdLabel, drawThresholdLine, lineDomains, normaliseSeries, sampleRange, traceSeries } from './series.js';
import { begin } from './surface.js';

const LINE_WIDTH = 1.75;

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
