// The determinism set hashes to the values pinned in tests/determinism.hashes in WASM, scenario by
// scenario, as it does natively (tests/core/test_determinism.cpp checks the same file). The scenarios go in
// as objects: the −0.0 of the set must survive the API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSnn } from 'snn-tutorial';
import { determinismSet, repoRoot } from './helpers.js';

const snn = await loadSnn();
const pinned = readFileSync(join(repoRoot, 'tests/determinism.hashes'), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => l.split(' ')[0]);

test('WASM traces hash to the pinned hashes, scenario by scenario', () => {
  const set = determinismSet();
  assert.ok(set.length > 90);
  assert.equal(pinned.length, set.length, 'tests/determinism.hashes has one hash per scenario');
  assert.ok(set.some((s) => JSON.stringify(s).includes('graded_spikes_factor') && Object.is(s.init?.mem?.[0], -0)), 'the set keeps a −0.0');
  set.forEach((scenario, i) => {
    assert.equal(snn.runScenario(scenario).hash(), pinned[i], scenario.name || JSON.stringify(scenario).slice(0, 80));
  });
});
