// index.d.ts type-checks a usage example (tsc --noEmit, from the npm package typescript), and a wrong
// usage is rejected (so the check can fail).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './helpers.js';

const tsc = join(repoRoot, 'node_modules/.bin/tsc');

test('tsc --noEmit accepts the usage example', () => {
  const r = spawnSync(tsc, ['--noEmit', '-p', join(repoRoot, 'tests/wasm/tsconfig.json')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('tsc rejects a wrong usage', () => {
  const dir = mkdtempSync(join(repoRoot, 'tests/wasm/.tsc-'));
  const bad = readFileSync(join(repoRoot, 'tests/wasm/usage.ts'), 'utf8').replace("resetMechanism: 'zero'", "resetMechanism: 'sideways'");
  writeFileSync(join(dir, 'usage.ts'), bad);
  writeFileSync(join(dir, 'tsconfig.json'), readFileSync(join(repoRoot, 'tests/wasm/tsconfig.json'), 'utf8'));
  const r = spawnSync(tsc, ['--noEmit', '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
  spawnSync('rm', ['-rf', dir]);
  assert.notEqual(r.status, 0);
  assert.match(r.stdout, /sideways/);
});
