// Small statistics helpers shared by the bench scripts.

export function quantile(values, q) {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return null;
  // Nearest rank, so p95 of 60 samples is the 57th smallest: a value that was really measured.
  const rank = Math.min(v.length, Math.max(1, Math.ceil(q * v.length)));
  return v[rank - 1];
}

export function median(values) {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

// { median, min, max, n } of a list of samples.
export function summary(values) {
  if (!values || values.length === 0) return { median: null, min: null, max: null, n: 0 };
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), n: values.length };
}

// Rounds to `digits` significant digits (keeps the JSON readable).
export function sig(x, digits = 4) {
  if (x === null || x === undefined || !Number.isFinite(x)) return x ?? null;
  if (x === 0) return 0;
  return Number(x.toPrecision(digits));
}

export function roundSummary(s, digits = 4) {
  return { median: sig(s.median, digits), min: sig(s.min, digits), max: sig(s.max, digits), n: s.n };
}

export function timeMs(fn) {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

// Wall-clock phases of a run: lap('name') records the seconds since the previous lap (or the start).
export function phaseTimer() {
  const phases = {};
  let t = performance.now();
  const lap = (name) => {
    phases[name] = Math.round(performance.now() - t) / 1000;
    t = performance.now();
  };
  return { phases, lap };
}
