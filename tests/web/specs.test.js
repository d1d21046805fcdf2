// Every figure spec of the tutorial (web/src/figures.js) is valid for the core: its Scenario, each variant,
// and each control at its minimum and maximum. Runs in Node against the built WASM module (no browser).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSnn } from '../../wasm/index.js';
import { toPython } from '../../web/src/python.js';
import { assertSameAsCore, figureExport, runExports } from './exports.js';
import { figures } from '../../web/src/figures.js';
import { clone, getPath, setPath } from '../../web/src/paths.js';
import { NEURONS, STEPS, choicesFromHash, choicesToParts, neuronsFor, playgroundChoices, playgroundSpec as specFor } from '../../web/src/playground.js';

const snn = await loadSnn();
const catalogue = snn.catalogue();
const CHOICES = playgroundChoices(catalogue);
const playgroundSpec = (choices) => specFor(choices, catalogue);

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

// Every playground choice: model (and Lapicque's parameterisation) x input x neurons (where the input
// has several) x steps.
function allChoices(stepsList) {
  const all = [];
  for (const model of CHOICES.models)
    for (const params of model === 'Lapicque' ? CHOICES.params : [undefined])
      for (const input of CHOICES.inputs)
        for (const neurons of [1, 7, NEURONS.max])
          for (const steps of stepsList) {
            const choices = { model, params, input, neurons, steps };
            if (neurons !== 1 && neuronsFor(choices) === 1) continue;
            all.push(choices);
          }
  return all;
}

test('every playground combination is a valid figure, every control at its extremes', () => {
  const combos = allChoices([STEPS.default]);
  assert.ok(combos.length >= 5 * 8 + 2 * 8, `${combos.length} combinations`);
  for (const choices of combos) {
    const spec = playgroundSpec(choices);
    try {
      check(spec);
    } catch (e) {
      throw new Error(`${JSON.stringify(choices)}: ${e.message}`);
    }
  }
});

test('the fewest and the most steps work at the defaults of every combination', () => {
  for (const choices of allChoices([STEPS.min, STEPS.max])) {
    const spec = playgroundSpec(choices);
    const trace = snn.runScenario(spec.scenario);
    assert.equal(trace.numSteps, choices.steps);
    for (const c of spec.controls) if (!c.options) assert.ok(c.max >= c.min, `${spec.id}: ${c.key} range ${c.min}..${c.max} at ${choices.steps} steps`);
  }
});

// Leaves of a Scenario object: [path, value].
function leaves(value, path, out = []) {
  if (value && typeof value === 'object' && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, out);
  else if (Array.isArray(value) && value.some((v) => v && typeof v === 'object')) value.forEach((v, i) => leaves(v, `${path}.${i}`, out));
  else out.push([path, value]);
  return out;
}

test('every parameter of the chosen model and input has a control', () => {
  // Not controls on purpose: the values spread over several neurons (fixed by the number of neurons) and
  // the floor of the delta signal's noise (its spread has a control).
  const fixed = new Set(['input.rate.values', 'input.latency.values', 'input.delta.of.sum.2.noise.low']);
  for (const choices of allChoices([STEPS.default])) {
    const spec = playgroundSpec(choices);
    const controlled = new Set(spec.controls.map((c) => c.path));
    const keys = new Set();
    for (const c of spec.controls) {
      assert.ok(!keys.has(c.key), `${spec.id}: two controls called ${c.key}`);
      keys.add(c.key);
    }
    // Lapicque given β: Δt cancels out of the update (C is derived from it), so it stays snnTorch's 1e-3.
    const lapicqueBeta = choices.model === 'Lapicque' && 'beta' in spec.scenario.constructor;
    for (const [path] of leaves({ constructor: spec.scenario.constructor, input: spec.scenario.input, init: spec.scenario.init }))
      assert.ok(controlled.has(path) || fixed.has(path) || (lapicqueBeta && path === 'constructor.time_step'), `${JSON.stringify(choices)}: ${path} has no control`);
    for (const path of ['seed', 'spike_timing'])
      if (path === 'spike_timing' || /noise|rate/.test(JSON.stringify(spec.scenario.input))) assert.ok(controlled.has(path), `${spec.id}: ${path} has no control`);
    assert.equal(spec.scenario.num_neurons, neuronsFor(choices));
  }
  // The ones a student looks for, by model.
  const paths = (choices) => playgroundSpec(choices).controls.map((c) => c.path);
  assert.ok(['constructor.beta', 'constructor.threshold', 'constructor.reset_mechanism', 'constructor.reset_delay', 'constructor.graded_spikes_factor'].every((p) => paths({ model: 'Leaky', input: 'step' }).includes(p)));
  assert.ok(['constructor.alpha', 'constructor.beta', 'constructor.reset_delay'].every((p) => paths({ model: 'Synaptic', input: 'step' }).includes(p)));
  assert.ok(['constructor.R', 'constructor.C', 'constructor.time_step'].every((p) => paths({ model: 'Lapicque', params: 'RC', input: 'step' }).includes(p)));
  assert.deepEqual(paths({ model: 'Lapicque', params: 'beta', input: 'step' }).filter((p) => /\.(R|C|beta)$/.test(p)), ['constructor.beta']);
  assert.ok(['input.latency.tau', 'input.latency.threshold', 'input.latency.linear', 'input.latency.normalize'].every((p) => paths({ model: 'Leaky', input: 'latency' }).includes(p)));
  assert.ok(['input.rate.gain', 'input.rate.p'].every((p) => paths({ model: 'Leaky', input: 'rate' }).includes(p)));
  assert.ok(['input.delta.threshold', 'input.delta.off_spike', 'input.delta.padding'].every((p) => paths({ model: 'Leaky', input: 'delta' }).includes(p)));
});

test('several neurons: an encoder over spread values draws one raster row per neuron', () => {
  for (const input of ['rate', 'latency', 'delta', 'noise']) {
    const spec = playgroundSpec({ model: 'Leaky', input, neurons: 12, steps: 200 });
    const trace = snn.runScenario(spec.scenario);
    assert.equal(trace.input.data.length, 200 * 12, `${input}: input width`);
    assert.equal(trace.get('spk').data.length, 200 * 12, `${input}: spikes width`);
  }
  // Rate: values spread from 0 to 1, so the first neuron never gets a spike and the last one always does.
  const rate = snn.runScenario(playgroundSpec({ model: 'Leaky', input: 'rate', neurons: 5, steps: 100 }).scenario).input.data;
  const column = (n) => Array.from({ length: 100 }, (_, t) => rate[t * 5 + n]);
  assert.ok(column(0).every((v) => v === 0));
  assert.ok(column(4).every((v) => v !== 0));
});

test('playground choices round-trip through the hash; bad ones are named and replaced by defaults', () => {
  for (const choices of allChoices([STEPS.min, 150, STEPS.max])) {
    const full = { params: 'RC', ...choices };
    const back = choicesFromHash(`#${choicesToParts(full, catalogue).join('&')}&pg-x.beta=0.5&section=top`, catalogue);
    assert.deepEqual(back.problems, []);
    assert.equal(back.choices.model, full.model);
    assert.equal(back.choices.input, full.input);
    assert.equal(back.choices.steps, full.steps);
    assert.equal(neuronsFor(back.choices), neuronsFor(full));
    if (full.model === 'Lapicque') assert.equal(back.choices.params, full.params);
  }
  const bad = choicesFromHash('#playground.model=%3Cimg%20src%3Dx%3E&playground.input=__proto__&playground.steps=1e3&playground.neurons=0&playground.params=constructor', catalogue);
  assert.deepEqual(bad.choices, { model: 'Leaky', params: 'RC', input: 'step', neurons: NEURONS.min, steps: STEPS.default });
  assert.equal(bad.problems.length, 5, bad.problems.join('\n'));
  assert.ok(bad.problems.some((p) => p.includes('<img src=x>')), 'the problem quotes the bad value as text');
  assert.deepEqual(choicesFromHash('#playground.steps=99999999&playground.neurons=101', catalogue).problems.length, 2);
  assert.deepEqual(choicesFromHash('', catalogue).choices, choicesFromHash('#lapicque-fire.amp=0.3', catalogue).choices);
});

test('every playground combination exports snnTorch code that computes the core\'s numbers with snnTorch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'snn-playground-py-'));
  try {
    const cases = allChoices([60]).map((choices) => {
      const spec = playgroundSpec(choices);
      const exported = figureExport(snn, spec);
      const script = join(dir, `${spec.id}-${choices.params || ''}-${choices.neurons}.py`.replace(/[^\w.-]/g, '_'));
      writeFileSync(script, toPython(exported));
      return { name: `${spec.id} ${JSON.stringify(choices)}`, exported, script };
    });
    const results = runExports(cases.map((c) => ({ script: c.script })));
    cases.forEach((c, i) => assertSameAsCore(results[i], c.exported.runs, c.exported.runs.map((r) => snn.runScenario(r.original)), c.name));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
