// The real snnTorch 0.9.4's F-I curves (fi_curves.py) for sweep Scenario files: used by fi.test.js here and
// by tests/web/fi.test.js, which checks the page's F-I figure against them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const python = process.env.SNN_PYTHON || '/usr/bin/python3';
export const referenceDir = process.env.SNN_REFERENCE_DIR || resolve(here, '../../../shared/reference/snntorch-0.9.4');

/** snnTorch's curves for these scenario files: { file name: { values, spike_count, first_spike } }. */
export function snntorchCurves(paths) {
  const env = { ...process.env, PYTHONPATH: referenceDir };
  delete env.ATEN_CPU_CAPABILITY;
  const r = spawnSync(python, [join(here, 'fi_curves.py'), ...paths], { encoding: 'utf8', env, maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, `fi_curves.py failed (python3-torch? snnTorch at ${referenceDir}?): ${r.error || ''}${r.stderr}`);
  return JSON.parse(r.stdout);
}
