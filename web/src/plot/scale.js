// Domains, scales and ticks: the data's extent, a given domain checked, and linear axes whose labels fit.
import { scaleLinear } from 'd3-scale';
import { measure } from './text.js';

export const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

export function validDomain(d) {
  if (!d || d.length !== 2 || !isNum(d[0]) || !isNum(d[1])) return null;
  if (d[0] === d[1]) return [d[0] - 0.5, d[1] + 0.5];
  return [d[0], d[1]];
}

// Extent of every finite value of the arrays and of the extras (0, the threshold...).
export function dataDomain(arrays, extras) {
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

// A linear axis with d3's nice ticks. It starts from a tick count suited to the pixel length and lowers it
// until `fits` accepts the labels, so labels never overlap however small the canvas. `integer` keeps only
// whole-number ticks (time steps, neuron indices, counts): no "2.5" step.
// `extend` may widen the domain after nicing (headroom for a label): re-nicing that at a low tick count
// could double the range, so the extension stays as it is, past the last tick.
export function linearAxis({ domain, range, nice, integer, count, fits, extend }) {
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

export const fitsVertically = (lh) => (positions) => positions.length < 2 || Math.abs(positions[1] - positions[0]) >= lh + 2;

export const fitsHorizontally = (ctx, font, gap = 10) => (positions, labels) => {
  let prevRight = -Infinity;
  for (let i = 0; i < labels.length; i++) {
    const half = measure(ctx, labels[i], font) / 2;
    if (positions[i] - half < prevRight + gap) return false;
    prevRight = positions[i] + half;
  }
  return true;
};

export function maxLabelWidth(ctx, labels, font) {
  let w = 0;
  for (const l of labels) w = Math.max(w, measure(ctx, l, font));
  return w;
}
