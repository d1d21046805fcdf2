// Summaries of long recorded arrays, so that a plot of a run at the core's limits (a million steps, a
// raster of 32 million values) draws in a few milliseconds: for buckets of B consecutive steps (B a power
// of two), each column's (neuron's) least and greatest value. A plot uses them only where a pixel column
// holds at least B steps, so that a bucket never spans more than the pixel it is drawn in and the next: the
// picture keeps every peak, trough and spike. They are computed where the trace is made (the simulation
// worker, sim-worker.js), beside the page's main thread, and travel with it; the values are the core's,
// only compared, never computed.
//
// A summary is kept beside the array it describes (describe / summaryOf), not in a plot's options: two
// draws of the same values then compare as the same without comparing their summaries too.
//
// NaN is neither least nor greatest (a bucket of NaN only has its least above its greatest); ±Infinity is
// kept.

// Arrays with fewer steps, or fewer values (steps × columns), are drawn from their values.
const MIN_STEPS = 2048;
const MIN_VALUES = 1 << 16;
// Buckets per column: enough for a plot 4096 device pixels wide (a bucket is then never wider than a
// pixel column), and at most about MAX_BUCKETS buckets × columns in all.
const BUCKETS = 4096;
const MAX_BUCKETS = 1 << 22;

const described = new WeakMap();

/** Keeps `summary` as the one of `values` (column `column` of the array it was made from). */
export function describe(values, summary, column = 0) {
  if (values && summary) described.set(values, { ...summary, column });
}

/** The summary kept for `values` ({ ...summary, column }), or null. */
export function summaryOf(values) {
  return (values && described.get(values)) || null;
}

/** { bucket, buckets, width, min, max } for an array of `shape` [T, ...] (row-major), or null when small. */
export function summarise(data, shape) {
  const steps = shape[0];
  const width = steps > 0 ? data.length / steps : 0;
  if (!(steps >= MIN_STEPS && data.length >= MIN_VALUES && Number.isInteger(width))) return null;
  let bucket = 2;
  while (Math.ceil(steps / bucket) > BUCKETS || Math.ceil(steps / bucket) * width > MAX_BUCKETS) bucket *= 2;
  const buckets = Math.ceil(steps / bucket);
  // +Infinity and -Infinity to start: a bucket whose least stays above its greatest held only NaN.
  const min = new Float32Array(buckets * width).fill(Infinity);
  const max = new Float32Array(buckets * width).fill(-Infinity);
  for (let k = 0; k < buckets; k++) {
    const at = k * width;
    const end = Math.min(steps, (k + 1) * bucket);
    for (let t = k * bucket; t < end; t++) {
      const row = t * width;
      for (let j = 0; j < width; j++) {
        const v = data[row + j];
        if (v < min[at + j]) min[at + j] = v; // NaN fails both tests
        if (v > max[at + j]) max[at + j] = v;
      }
    }
  }
  return { bucket, buckets, width, min, max };
}

/**
 * A line's least and greatest value from its summary ({ ...summary, column }), as [lo, hi], or null (no
 * summary, or values that are not all finite: then the values themselves are looked at).
 */
export function extentOf(summary) {
  if (!summary) return null;
  const { min, max, width, column, buckets } = summary;
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < buckets; k++) {
    const a = min[k * width + column];
    const b = max[k * width + column];
    if (a < lo) lo = a;
    if (b > hi) hi = b;
  }
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : null;
}

// A spike raster with many rows (a population at the limits) is drawn from a coarser summary still: for
// buckets of B steps and groups of R neighbouring neurons, whether any spiked (1), only negative spikes
// (-1: delta modulation's off spikes) or none (0). The worker makes the finest; a plot takes the
// coarsest whose cells are no larger than its pixels (coarserSpikes), so the picture is the one the spikes
// would give.
const MIN_ROWS = 512;
// The finest spike map: buckets of steps and groups of neurons as small as a plot 2048 device pixels wide
// and 512 high needs (the plots' cells are pixels), so that its cells stay few.
const SPIKE_BUCKETS = 2048;
const GROUPS = 512;

/** { bucket, rows, buckets, groups, width, sign: Int8Array } for a spike array of `shape`, or null. */
export function summariseSpikes(data, shape) {
  const steps = shape[0];
  const width = steps > 0 ? data.length / steps : 0;
  if (!(steps >= MIN_STEPS && width >= MIN_ROWS && Number.isInteger(width))) return null;
  let bucket = 2;
  while (Math.ceil(steps / bucket) > SPIKE_BUCKETS) bucket *= 2;
  let shift = 1;
  while (Math.ceil(width / (1 << shift)) > GROUPS) shift++;
  const rows = 1 << shift;
  const buckets = Math.ceil(steps / bucket);
  const groups = Math.ceil(width / rows);
  const sign = new Int8Array(buckets * groups);
  for (let t = 0; t < steps; t++) {
    const at = Math.floor(t / bucket) * groups;
    const row = t * width;
    for (let n = 0; n < width; n++) {
      const v = data[row + n];
      if (v > 0) sign[at + (n >> shift)] = 1;
      else if (v < 0 && sign[at + (n >> shift)] === 0) sign[at + (n >> shift)] = -1;
    }
  }
  return { bucket, rows, buckets, groups, width, sign };
}

const coarser = new WeakMap();

/**
 * The spike summary in cells of `bucket` steps × `rows` neurons (powers of two, each at least the finest's),
 * made from the finest once and kept.
 */
export function coarserSpikes(fine, bucket, rows) {
  if (bucket === fine.bucket && rows === fine.rows) return fine;
  let made = coarser.get(fine);
  if (!made) coarser.set(fine, (made = new Map()));
  const key = `${bucket} ${rows}`;
  if (made.has(key)) return made.get(key);
  const bs = bucket / fine.bucket;
  const rs = rows / fine.rows;
  const buckets = Math.ceil(fine.buckets / bs);
  const groups = Math.ceil(fine.groups / rs);
  const sign = new Int8Array(buckets * groups);
  for (let k = 0; k < fine.buckets; k++) {
    const from = k * fine.groups;
    const to = Math.floor(k / bs) * groups;
    for (let j = 0; j < fine.groups; j++) {
      const v = fine.sign[from + j];
      if (v === 0) continue;
      const at = to + Math.floor(j / rs);
      if (v > 0) sign[at] = 1;
      else if (sign[at] === 0) sign[at] = -1;
    }
  }
  const out = { bucket, rows, buckets, groups, width: fine.width, sign };
  made.set(key, out);
  return out;
}

// The largest power of two that is at most x and at least `least`.
export function powerAtMost(x, least) {
  let p = least;
  while (p * 2 <= x) p *= 2;
  return p;
}
