// Shared by the WASM tests: the goldens, float32 comparisons, and the native CLI for cross-checks.
import { readFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const goldenDir = process.env.SNN_GOLDEN_DIR || resolve(repoRoot, '../shared/golden');
export const nativeCli = join(repoRoot, 'build/native/snn');

const cache = new Map();
export function golden(name) {
  if (!cache.has(name)) cache.set(name, JSON.parse(readFileSync(join(goldenDir, name), 'utf8')));
  return cache.get(name);
}

export function flatFloats(nested) {
  return Float32Array.from([nested].flat(Infinity), (v) => Math.fround(v));
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
function bits(x) {
  f32[0] = x;
  return u32[0];
}

// Index of the first element whose float32 bits differ, or -1.
export function firstBitMismatch(got, want) {
  if (got.length !== want.length) return 0;
  for (let i = 0; i < got.length; i++) if (bits(got[i]) !== bits(want[i])) return i;
  return -1;
}

export function firstTolMismatch(got, want, abs, rel) {
  if (got.length !== want.length) return 0;
  for (let i = 0; i < got.length; i++) if (!(Math.abs(got[i] - want[i]) <= abs + rel * Math.abs(want[i]))) return i;
  return -1;
}

export function nativeHash(scenarioText) {
  if (!existsSync(nativeCli)) throw new Error(`${nativeCli} is missing: run npm run build:native first`);
  const r = spawnSync(nativeCli, ['hash', '-'], { input: scenarioText, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`snn hash failed (${r.status}): ${r.stderr}`);
  return r.stdout.trim();
}

export function determinismSet() {
  const doc = JSON.parse(readFileSync(join(repoRoot, 'tests/determinism.json'), 'utf8'));
  const set = [];
  for (const file of doc.golden_files) {
    const g = golden(file);
    for (const e of g.networks || g.scenarios) set.push(e);
  }
  return set.concat(doc.extra);
}
