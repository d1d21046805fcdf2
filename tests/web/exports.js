// Shared by the export tests (Node only): a figure's runs as the page exports them, and the exported code
// run by the real snnTorch 0.9.4 (run_export.py), compared with the core bit for bit.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { clone, setPath } from '../../web/src/paths.js';

const runner = fileURLToPath(new URL('./run_export.py', import.meta.url));

// The Scenario a figure runs for a variant (null: none) with its controls at `values` (key -> value).
export function scenarioFor(spec, variant, values = {}) {
  const scenario = clone(spec.scenario);
  for (const c of spec.controls || []) if (Object.hasOwn(values, c.key)) setPath(scenario, c.path, values[c.key]);
  if (variant) for (const [path, value] of Object.entries(variant.set || {})) setPath(scenario, path, clone(value));
  return scenario;
}

// What web/src/export.js hands to toPython: every variant's run, its Scenario resolved by the core.
export function figureExport(snn, spec, values = {}) {
  const variants = spec.variants && spec.variants.length ? spec.variants : [null];
  const runs = variants.map((v) => {
    const scenario = scenarioFor(spec, v, values);
    return {
      label: v ? v.label : spec.id,
      title: v ? `${spec.title}: ${v.label}` : spec.title,
      scenario: snn.resolveScenario(scenario),
      original: scenario,
    };
  });
  return { title: spec.title, runs, catalogue: snn.catalogue() };
}

// Runs requests ({ script, main } or { notebook }) in one Python process; one result per request.
export function runExports(requests) {
  const input = requests.map((r) => JSON.stringify(r)).join('\n');
  const r = spawnSync('/usr/bin/python3', [runner], { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  assert.equal(r.status, 0, `run_export.py failed:\n${r.stderr}`);
  const results = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(results.length, requests.length, r.stderr);
  return results;
}

export function decode({ b64 }) {
  const bytes = Buffer.from(b64, 'base64');
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
export const bitsOf = (x) => ((f32[0] = x), u32[0]);

// The first index where two float32 arrays differ in their bits, or -1.
export function firstBitDiff(got, want) {
  if (got.length !== want.length) return 0;
  for (let i = 0; i < got.length; i++) if (bitsOf(got[i]) !== bitsOf(want[i])) return i;
  return -1;
}

// A sweep's counts as the exported code computed them: [values][counted neurons] numbers.
function assertSameSweep(got, result, what) {
  for (const [name, want] of [['spike_count', result.spikeCount], ['first_spike', result.firstSpike]]) {
    assert.ok(got[name], `${what}: the script gives no ${name} (it gives ${Object.keys(got)})`);
    assert.deepEqual(got[name].shape, [result.values.length, want.length / result.values.length], `${what}: ${name}'s shape`);
    const values = decode(got[name]);
    const at = values.findIndex((v, k) => v !== want[k]);
    if (at >= 0) {
      const row = Math.floor(at / (want.length / result.values.length));
      assert.fail(`${what}: ${name}[${at}] (value ${result.values[row]}) is ${values[at]} with snnTorch, ${want[at]} in the core`);
    }
  }
}

// Asserts that what the exported code computed for each run equals the core's trace of that run: the input
// and every array the trace holds, bit for bit (−0.0 included); for a sweep, every spike count and first
// spike of its SweepResult.
export function assertSameAsCore(result, runs, traces, what) {
  assert.ok(result.ok, `${what}: the exported code fails with the real snnTorch:\n${result.error}`);
  runs.forEach((run, i) => {
    const got = result.traces[run.label];
    assert.ok(got, `${what}: no traces[${JSON.stringify(run.label)}]`);
    const trace = traces[i];
    if (trace.spikeCount) {
      assertSameSweep(got, trace, `${what} (${run.label})`);
      return;
    }
    const want = { input: trace.input, ...Object.fromEntries(trace.names.map((n) => [n, trace.get(n)])) };
    for (const [name, arr] of Object.entries(want)) {
      assert.ok(got[name], `${what} (${run.label}): the script gives no ${name} (it gives ${Object.keys(got)})`);
      const values = decode(got[name]);
      const at = firstBitDiff(values, arr.data);
      if (at >= 0)
        assert.fail(`${what} (${run.label}): ${name}[${at}] is ${values[at]} with snnTorch, ${arr.data[at]} in the core (${values.length} vs ${arr.data.length} values)`);
    }
  });
}
