// The bar chart: one value per category, e.g. the spike counts of the 10 output neurons.
import { scaleBand } from 'd3-scale';
import { clipToPlot, drawAxes, drawGrid, frame } from './axes.js';
import { drawHeader } from './header.js';
import { dataDomain, fitsHorizontally, fitsVertically, isNum, linearAxis, validDomain } from './scale.js';
import { begin } from './surface.js';
import { measure } from './text.js';

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
