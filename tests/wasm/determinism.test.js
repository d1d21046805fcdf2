// The determinism set hashes to the same values in WASM as in the native build (`snn hash`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSnn } from 'snn-tutorial';
import { determinismSet, nativeHash } from './helpers.js';

const snn = await loadSnn();

test('WASM traces hash exactly as native ones, scenario by scenario', () => {
  const set = determinismSet();
  assert.ok(set.length > 90);
  for (const scenario of set) {
    const text = JSON.stringify(scenario);
    assert.equal(snn.runScenario(text).hash(), nativeHash(text), scenario.name || text.slice(0, 80));
  }
});
