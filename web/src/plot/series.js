// Lines over time steps, for the line chart and the small multiples: the series with their colours, their
// domains, one path per series, the visible samples, the threshold line and the animation's marker.
import { dataDomain, isNum, validDomain } from './scale.js';
import { extentOf, summaryOf } from './summary.js';
import { measure } from './text.js';

export function normaliseSeries(series, theme) {
  return (series || []).map((s, i) => {
    const plain = !s || typeof s.length === 'number';
    const values = (plain ? s : s.values) || [];
    return {
      values,
      // summary.js's buckets of the values (a long run), or none.
      summary: summaryOf(values),
      label: (!plain && s.label) || `series ${i + 1}`,
      color: (!plain && s.color) || theme.series[i % theme.series.length],
      dash: plain ? undefined : s.dash,
      alpha: plain || !(s.alpha >= 0 && s.alpha <= 1) ? 1 : s.alpha,
    };
  });
}

// The axes of line plots: the given domains, or the steps of the longest series and the extent of the values,
// 0 and the threshold.
export function lineDomains(series, options) {
  const length = series.reduce((m, s) => Math.max(m, s.values.length), 0);
  const threshold = isNum(options.threshold) ? options.threshold : null;
  const xGiven = validDomain(options.xDomain);
  const yGiven = validDomain(options.yDomain);
  const xDomain = xGiven || [0, Math.max(1, length - 1)];
  const yDomain = yGiven || dataDomain(series.map((s) => extentOf(s.summary) || s.values), [0, threshold]);
  return { length, threshold, xGiven, yGiven, xDomain, yDomain };
}

// One path per series. When several samples share a device pixel column, each column becomes one vertical
// min–max stroke: the path stays as long as the canvas is wide, and no spike or reset is lost to aliasing.
// With `summary` (summary.js, a long run), a whole bucket of samples that falls in one column is taken at
// once: its first and last sample and its least and greatest value.
export function traceSeries(ctx, values, xScale, yScale, dpr, i0, i1, summary = null) {
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
    const B = summary && 1 / (Math.abs(dx) * dpr) >= summary.bucket ? summary.bucket : 0;
    for (let i = i0; i <= i1; ) {
      const end = i + B - 1;
      if (B && i % B === 0 && end <= i1) {
        const k = (i / B) * summary.width + summary.column;
        const bl = summary.min[k];
        const bh = summary.max[k];
        const a = values[i];
        const z = values[end];
        if (isNum(bl) && isNum(bh) && isNum(a) && isNum(z)) {
          const c = Math.floor((x0 + i * dx) * dpr);
          if (c !== col) {
            flush();
            col = c;
            first = a;
            lo = bl;
            hi = bh;
          } else {
            if (bl < lo) lo = bl;
            if (bh > hi) hi = bh;
          }
          last = z;
          i = end + 1;
          continue;
        }
      }
      const v = values[i++];
      if (!isNum(v)) {
        flush();
        pen = false;
        continue;
      }
      const c = Math.floor((x0 + (i - 1) * dx) * dpr);
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
export function sampleRange(length, xScale, visibleSteps) {
  const [d0, d1] = xScale.domain();
  const i0 = Math.max(0, Math.floor(Math.min(d0, d1)) - 1);
  let i1 = Math.min(length - 1, Math.ceil(Math.max(d0, d1)) + 1);
  if (isNum(visibleSteps)) i1 = Math.min(i1, Math.floor(visibleSteps) - 1);
  return [i0, i1];
}

export function drawThresholdLine(g, plot, yScale, threshold) {
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
// Returns the label's box (CSS px of the canvas), or null when it is not drawn: a read-out keeps off it.
export function drawThresholdLabel(g, plot, yScale, threshold, { aboveOnly = false } = {}) {
  const { ctx, theme, lh } = g;
  const p = yScale(threshold);
  if (!(p >= plot.y - 0.5 && p <= plot.y + plot.height + 0.5) || plot.width < 90) return null;
  const above = p - 3 - lh >= plot.y - 2;
  if (!above && (aboveOnly || p + 3 + lh > plot.y + plot.height)) return null;
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
  const width = measure(ctx, 'threshold', theme.font);
  return { x: tx - width, y: above ? ty - lh : ty, width, height: lh };
}

export function drawMarker(g, plot, xScale, yScale, series, index) {
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
