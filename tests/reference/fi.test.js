// F-I curves (core/examples/fi-*.json: a constant current swept over 31 values into a Lapicque, a Leaky and a
// Synaptic neuron, 200 steps) through the core as sweeps — native `snn run` and the WASM runScenario, with
// the object and with the text — against the real snnTorch 0.9.4 run value by value (fi_curves.py): every
// spike count and first spike equal.
//
// Needs build/native and build/wasm, python3-torch, and snnTorch beside the repository
// (../shared/reference/snntorch-0.9.4, or SNN_REFERENCE_DIR). Run: node --test tests/reference/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSnn } from 'snn-tutorial';
import { snntorchCurves } from './snntorch-curves.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');
const cli = join(repoRoot, 'build/native/snn');
const files = ['fi-lapicque.json', 'fi-leaky.json', 'fi-synaptic.json'].map((f) => join(repoRoot, 'core/examples', f));

const snn = await loadSnn();
let dir;

const curveOf = (result) => ({ values: result.values, spike_count: result.spike_count, first_spike: result.first_spike });

let reference;
before(() => {
  assert.ok(existsSync(cli), `${cli} is missing: cmake --build --preset native`);
  dir = mkdtempSync(join(tmpdir(), 'snn-fi-'));
  reference = snntorchCurves(files);
});
after(() => dir && rmSync(dir, { recursive: true, force: true }));

test('F-I curves of Lapicque, Leaky and Synaptic: the core\'s sweeps are snnTorch\'s counts and first spikes', () => {
  for (const file of files) {
    const name = file.split('/').at(-1);
    const want = reference[name];
    const text = readFileSync(file, 'utf8');
    const native = JSON.parse(spawnSync(cli, ['run', file], { encoding: 'utf8' }).stdout);
    assert.equal(native.path, 'input.constant.value', name);
    assert.equal(native.array, 'spk', name);
    assert.deepEqual(curveOf(native), want, `${name}: native snn run`);
    assert.deepEqual(curveOf(snn.runScenario(JSON.parse(text)).toJSON()), want, `${name}: wasm (object)`);
    assert.deepEqual(curveOf(snn.runScenario(text).toJSON()), want, `${name}: wasm (text)`);
    // The curve says something: silent at 0, firing at the top, many different rates in between.
    const counts = want.spike_count.map(([c]) => c);
    assert.equal(counts[0], 0, name);
    assert.ok(counts.at(-1) > 0, name);
    assert.ok(new Set(counts).size >= 10, `${name}: ${counts}`);
  }
});

test('the comparison tells curves apart: a membrane decay one hundredth off changes snnTorch\'s curve', () => {
  const leaky = JSON.parse(readFileSync(files[1], 'utf8'));
  leaky.constructor.beta = 0.81;
  const path = join(dir, 'fi-leaky-0.81.json');
  writeFileSync(path, JSON.stringify(leaky));
  const off = snntorchCurves([path])['fi-leaky-0.81.json'];
  assert.notDeepEqual(off, reference['fi-leaky.json']);
  assert.deepEqual(curveOf(snn.runScenario(leaky).toJSON()), off);
});
