// The catalogue in JS: the module's catalogue() and resolveScenario() are the native CLI's `snn models
// --json` and `snn resolve`; the API has a class for every model name that is an identifier; index.d.ts
// declares exactly the catalogue's keywords for each (checked with the TypeScript compiler's own reading
// of the file); −0.0 survives the trip into the core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadSnn } from 'snn-tutorial';
import { nativeCli, nativeHash, repoRoot } from './helpers.js';

const snn = await loadSnn();
const catalogue = snn.catalogue();

function native(args, input) {
  const r = spawnSync(nativeCli, args, { input, encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

const camel = (name) => (name === 'R' || name === 'C' ? name : name.replace(/_([a-z])/g, (_, c) => c.toUpperCase()));
const isIdentifier = (name) => /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);

test('catalogue() is the native `snn models --json`', () => {
  assert.deepEqual(catalogue, JSON.parse(native(['models', '--json'])));
  assert.ok(Object.isFrozen(catalogue) && Object.isFrozen(catalogue.models[0].keywords));
});

test('resolveScenario() is the native `snn resolve`, and runs to the same hash', () => {
  const scenarios = [
    { model: 'Leaky', constructor: { beta: 0.8 }, num_steps: 20, input: { step: { amplitude: 0.3, start: 2 } } },
    { model: 'Stein', constructor: { alpha: 0.9, beta: 0.8 }, num_steps: 20, seed: 4, input: { rate: { p: { uniform: [0, 1] } } } },
    { layers: [{ type: 'Linear', in: 6, out: 4 }, { type: 'Alpha', alpha: 0.9, beta: 0.8 }], num_steps: 12, seed: 2, input: { noise: {} } },
  ];
  for (const s of scenarios) {
    const text = JSON.stringify(s);
    const resolved = snn.resolveScenario(s);
    assert.deepEqual(resolved, JSON.parse(native(['resolve', '-'], text)));
    assert.equal(snn.runScenario(resolved).hash(), snn.runScenario(s).hash());
  }
  assert.throws(() => snn.resolveScenario({ model: 'Leaky', num_steps: 3, input: [[1]] }), /Leaky: beta is required/);
});

test('a class for every model name and old name that is an identifier, and no other', () => {
  const names = catalogue.models.flatMap((m) => [m.name, ...m.aliases]);
  for (const name of names.filter(isIdentifier)) {
    assert.equal(typeof snn[name], 'function', name);
    const model = catalogue.models.find((m) => m.name === name || m.aliases.includes(name));
    // Its required keywords, and its first parameterisation's, from the catalogue's examples.
    const options = {};
    const given = new Set([...model.keywords.filter((k) => k.required).map((k) => k.name), ...(model.forms[0] ?? [])]);
    for (const k of model.keywords) if (given.has(k.name)) options[camel(k.name)] = k.example ?? 0.5;
    const population = new snn[name](options);
    try {
      assert.deepEqual(population.stateNames, model.states, name);
    } finally {
      population.dispose();
    }
  }
  assert.equal(snn['Lapicque(v0.2.11)'], undefined);
});

// index.d.ts, as the TypeScript compiler reads it: the options type of each NeuronClass<...> in Snn.
function declaredOptions() {
  const ts = createRequire(import.meta.url)(join(repoRoot, 'node_modules/typescript'));
  const file = join(repoRoot, 'wasm/index.d.ts');
  const program = ts.createProgram([file], { noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(source));
  const declared = (name) => checker.getDeclaredTypeOfSymbol(exported.find((s) => s.name === name));
  const out = {};
  for (const property of checker.getPropertiesOfType(declared('Snn'))) {
    const type = checker.getTypeOfSymbolAtLocation(property, source);
    if (type.symbol?.name !== 'NeuronClass') continue;
    const [options] = checker.getTypeArguments(type);
    out[property.name] = Object.fromEntries(checker.getPropertiesOfType(options).map((p) => [p.name, (p.flags & ts.SymbolFlags.Optional) === 0]));
  }
  const kinds = declared('ErrorKind');
  return { classes: out, errorKinds: kinds.types.map((t) => t.value).sort() };
}

test('index.d.ts declares each class with exactly the catalogue\'s keywords (required where the catalogue requires them)', () => {
  const { classes, errorKinds } = declaredOptions();
  const names = catalogue.models.flatMap((m) => [m.name, ...m.aliases]).filter(isIdentifier);
  assert.deepEqual(Object.keys(classes).sort(), [...names].sort());
  for (const name of names) {
    const model = catalogue.models.find((m) => m.name === name || m.aliases.includes(name));
    const want = { numNeurons: false, batchSize: false, init: false };
    for (const k of model.keywords) want[camel(k.name)] = k.required === true;
    assert.deepEqual(classes[name], want, `${name}Options in index.d.ts`);
  }
  assert.deepEqual(errorKinds, catalogue.error_kinds.map((k) => k.name).sort());
});

test('−0.0 in an input or init keeps its sign into the core: WASM hashes as native', () => {
  const s = { model: 'Leaky', constructor: { beta: 0.5, graded_spikes_factor: -2, reset_mechanism: 'none' }, num_steps: 3, init: { mem: -0 }, input: [[-0], [-0], [0.5]] };
  const trace = snn.runScenario(s);
  assert.ok(Object.is(trace.get('mem').data[0], -0));
  assert.ok(Object.is(trace.get('spk').data[0], -0));
  assert.ok(Object.is(trace.input.data[0], -0));
  // JSON.stringify writes −0 as 0: the text for the CLI is written out by hand.
  const text = '{"model": "Leaky", "constructor": {"beta": 0.5, "graded_spikes_factor": -2, "reset_mechanism": "none"}, ' +
    '"num_steps": 3, "init": {"mem": -0.0}, "input": [[-0.0], [-0.0], [0.5]]}';
  assert.equal(trace.hash(), nativeHash(text));
  assert.notEqual(trace.hash(), snn.runScenario(JSON.stringify(s)).hash()); // +0 there: another trace
  // And through the step API.
  const p = new snn.Leaky({ beta: 0.5, init: { mem: -0 } });
  try {
    assert.ok(Object.is(p.step(-0).mem[0], -0));
  } finally {
    p.dispose();
  }
});

// The update equations a step inspector fills in (catalogue.hpp, ModelEquations; the Catch2 suite replays
// them on the core's traces): every model has them, with the fields index.d.ts declares, a case for every
// reset mechanism it takes, and every {term} of a line one of its terms.
test('every model has equation templates: terms, the reset and spike lines, a case per reset mechanism', () => {
  const sources = new Set(['state', 'previous', 'input', 'spike', 'keyword', 'reset', 'derived', 'inside']);
  for (const model of catalogue.models) {
    const e = model.equations;
    assert.ok(e && typeof e === 'object', `${model.name} has no equations`);
    const names = new Set(e.terms.map((t) => t.name));
    for (const t of e.terms) {
      assert.ok(sources.has(t.source), `${model.name}.${t.name}: source ${t.source}`);
      assert.equal(typeof t.snntorch, 'string');
      assert.equal(typeof t.tutorial, 'string');
      if (t.source === 'keyword') assert.ok(model.keywords.some((k) => k.name === t.of), `${model.name}.${t.name} names keyword ${t.of}`);
      if (['state', 'previous', 'reset'].includes(t.source)) assert.ok(model.states.includes(t.of), `${model.name}.${t.name} names state ${t.of}`);
    }
    const lines = [e.reset, ...e.common, ...e.cases.flatMap((c) => [...c.lines, ...(c.spike ? [c.spike] : [])]), e.spike.after_update, e.spike.before_update];
    for (const line of lines) {
      for (const text of [line.snntorch, line.tutorial]) {
        assert.match(text, /^\{\w+\} = /, `${model.name}: ${text}`);
        for (const [, name] of text.matchAll(/\{(\w+)\}/g)) assert.ok(names.has(name), `${model.name}: {${name}} in ${text}`);
      }
    }
    const resets = model.keywords.find((k) => k.name === 'reset_mechanism').choices;
    for (const r of resets) assert.ok(e.cases.some((c) => c.reset_mechanism === r && c.reset_delay === undefined), `${model.name}: no case for ${r}`);
  }
});
