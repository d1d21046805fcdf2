// Every figure spec of the tutorial (web/src/figures.js) is valid for the core: its Scenario, each variant,
// and each control at its minimum and maximum. Runs in Node against the built WASM module (no browser).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSnn } from '../../wasm/index.js';
import { figures } from '../../web/src/figures.js';
import { clone, getPath, setPath } from '../../web/src/paths.js';
import { playgroundSpec } from '../../web/src/playground.js';

const snn = await loadSnn();

function variants(spec) {
  return spec.variants && spec.variants.length ? spec.variants : [null];
}

function check(spec) {
  assert.ok(spec.id && spec.scenario && Array.isArray(spec.panels) && spec.panels.length > 0, 'spec shape');
  for (const c of spec.controls || []) {
    const value = getPath(spec.scenario, c.path);
    assert.notEqual(value, undefined, `${spec.id}: control ${c.key} points at ${c.path}, which the scenario lacks`);
    if (c.options) assert.ok(c.options.includes(value), `${spec.id}: default of ${c.key} is one of its options`);
    else assert.ok(value >= c.min && value <= c.max, `${spec.id}: default of ${c.key} (${value}) within ${c.min}..${c.max}`);
  }
  const settings = [{}];
  for (const c of spec.controls || []) {
    if (c.options) for (const o of c.options) settings.push({ [c.path]: o });
    else settings.push({ [c.path]: c.min }, { [c.path]: c.max });
  }
  for (const v of variants(spec)) {
    for (const setting of settings) {
      const scenario = clone(spec.scenario);
      for (const [path, value] of Object.entries(setting)) setPath(scenario, path, value);
      if (v) for (const [path, value] of Object.entries(v.set || {})) setPath(scenario, path, value);
      const trace = snn.runScenario(scenario);
      for (const p of spec.panels) {
        const name = p.type === 'membrane' ? 'mem' : p.type === 'spikes' ? 'spk' : p.array;
        if (name) assert.ok(trace.get(name), `${spec.id}: panel ${p.type} needs array ${name}`);
      }
    }
  }
}

test('every tutorial figure runs at its defaults, in every variant, and at every control extreme', () => {
  assert.ok(Object.keys(figures).length >= 17);
  for (const spec of Object.values(figures)) check(spec);
});

test('every playground combination is a valid figure', () => {
  for (const model of ['Leaky', 'Synaptic', 'Alpha', 'Lapicque'])
    for (const input of ['step', 'pulse', 'periodic', 'rate', 'latency', 'noise']) check(playgroundSpec(model, input, 200));
});
