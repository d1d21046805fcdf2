// plot/summary.js against a brute-force reading of the same arrays: each bucket's least and greatest value
// (NaN left out, infinities kept), a line's extent, the spike map and its coarser levels; small arrays get
// no summary. Pure functions: run in Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coarserSpikes, extentOf, powerAtMost, summarise, summariseSpikes } from '../../web/src/plot/summary.js';

// A seeded generator (mulberry32), so that a failure can be replayed.
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('summarise: every bucket\'s least and greatest, as a scan of its steps finds them', () => {
  const rand = random(1);
  for (const [steps, width] of [[70000, 1], [9000, 16], [3000, 700]]) {
    const data = Float32Array.from({ length: steps * width }, () => (rand() < 0.001 ? NaN : rand() < 0.0005 ? Infinity : rand() * 4 - 2));
    const s = summarise(data, [steps, width]);
    assert.ok(s, `${steps} x ${width}: no summary`);
    assert.equal(s.width, width);
    assert.equal(s.buckets, Math.ceil(steps / s.bucket));
    assert.ok(s.buckets <= 4096 && s.buckets * width <= 1 << 22 && (s.bucket & (s.bucket - 1)) === 0);
    for (let check = 0; check < 300; check++) {
      const k = Math.floor(rand() * s.buckets);
      const j = Math.floor(rand() * width);
      const values = [];
      for (let t = k * s.bucket; t < Math.min(steps, (k + 1) * s.bucket); t++) values.push(data[t * width + j]);
      const numbers = values.filter((v) => !Number.isNaN(v));
      assert.equal(s.min[k * width + j], numbers.length ? Math.fround(Math.min(...numbers)) : Infinity);
      assert.equal(s.max[k * width + j], numbers.length ? Math.fround(Math.max(...numbers)) : -Infinity);
    }
  }
});

test('summarise: short or small arrays are drawn from their values', () => {
  assert.equal(summarise(new Float32Array(2000), [2000, 1]), null);
  assert.equal(summarise(new Float32Array(4000 * 2), [4000, 2]), null);
  assert.ok(summarise(new Float32Array(4000 * 20), [4000, 20]));
});

test('extentOf: a column\'s extent equals its values\' when they are finite, and gives way otherwise', () => {
  const rand = random(2);
  const steps = 50000;
  const width = 3;
  const data = Float32Array.from({ length: steps * width }, () => rand() * 10 - 5);
  const s = summarise(data, [steps, width]);
  for (let j = 0; j < width; j++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let t = 0; t < steps; t++) {
      lo = Math.min(lo, data[t * width + j]);
      hi = Math.max(hi, data[t * width + j]);
    }
    assert.deepEqual(extentOf({ ...s, column: j }), [lo, hi]);
  }
  data[7 * width + 1] = -Infinity;
  assert.equal(extentOf({ ...summarise(data, [steps, width]), column: 1 }), null);
  assert.equal(extentOf(null), null);
});

test('summariseSpikes and coarserSpikes: a cell is 1 when a neuron of it spiked, -1 for only negative spikes, 0 for none', () => {
  const rand = random(3);
  const steps = 4096;
  const width = 600;
  const data = new Float32Array(steps * width);
  for (let i = 0; i < data.length; i++) data[i] = rand() < 0.002 ? 1 : rand() < 0.001 ? -1 : 0;
  const fine = summariseSpikes(data, [steps, width]);
  assert.ok(fine);
  assert.equal(summariseSpikes(new Float32Array(4096 * 100), [4096, 100]), null);
  const truth = (bucket, rows, k, j) => {
    let sign = 0;
    for (let t = k * bucket; t < Math.min(steps, (k + 1) * bucket); t++) {
      for (let n = j * rows; n < Math.min(width, (j + 1) * rows); n++) {
        const v = data[t * width + n];
        if (v > 0) sign = 1;
        else if (v < 0 && sign === 0) sign = -1;
      }
    }
    return sign;
  };
  for (const [bucket, rows] of [[fine.bucket, fine.rows], [8, 2], [16, 8], [64, 32]]) {
    const c = coarserSpikes(fine, bucket, rows);
    assert.equal(c.bucket, bucket);
    assert.equal(c.rows, rows);
    assert.equal(coarserSpikes(fine, bucket, rows), c, 'a level is made once');
    for (let check = 0; check < 400; check++) {
      const k = Math.floor(rand() * c.buckets);
      const j = Math.floor(rand() * c.groups);
      assert.equal(c.sign[k * c.groups + j], truth(bucket, rows, k, j), `cell ${k}, ${j} of ${bucket} x ${rows}`);
    }
  }
  assert.equal(powerAtMost(9.3, 2), 8);
  assert.equal(powerAtMost(1.5, 2), 2);
});
