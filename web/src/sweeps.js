// Reading a sweep's result (wasm/index.d.ts SweepResult: runScenario of a Scenario with a "sweep"): for each
// swept value and each counted neuron, the steps whose spike was non-zero and the first of them. Only its
// documented fields are read — values, spikeCount, firstSpike, shape, numSteps — so that a result that came
// from a worker as plain data reads the same. Nothing here runs the core or computes a neuron value: the
// rheobase is the first swept value whose count the core reported as non-zero.
import { shortNumber } from './plot/text.js';

/** Whether a run's result is a sweep's (spike counts per value) rather than a trace. */
export function isSweep(result) {
  return Boolean(result) && ArrayBuffer.isView(result.spikeCount) && ArrayBuffer.isView(result.values);
}

// Counted neurons per value (shape after its first entry).
function width(result) {
  return result.spikeCount.length / result.values.length;
}

/** Neuron `neuron`'s spike count at every swept value, in the sweep's order (an Int32Array). */
export function countsOf(result, neuron = 0) {
  const n = width(result);
  const out = new Int32Array(result.values.length);
  for (let i = 0; i < out.length; i++) out[i] = result.spikeCount[i * n + neuron];
  return out;
}

/**
 * Where neuron `neuron` first fires along the swept values, taken in increasing order: { value, index,
 * below } — the smallest swept value whose count is non-zero, its index in the sweep, and the largest swept
 * value under it that stays silent (null when there is none) — or null when no swept value fires. The true
 * rheobase lies above `below` and at most at `value`: the sweep's grid is its resolution.
 */
export function rheobase(result, neuron = 0) {
  const counts = countsOf(result, neuron);
  let index = -1;
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0 && (index < 0 || result.values[i] < result.values[index])) index = i;
  if (index < 0) return null;
  const value = result.values[index];
  let below = null;
  for (let i = 0; i < counts.length; i++) if (counts[i] === 0 && result.values[i] < value && (below === null || result.values[i] > below)) below = result.values[i];
  return { value, index, below };
}

/** A swept value as text: its shortest form to 6 significant digits (0.42, not 0.42000000000000004). */
export const valueText = shortNumber;

/** "17 spikes", "1 spike". */
export function spikesText(count) {
  return `${count} spike${count === 1 ? '' : 's'}`;
}

/**
 * One sentence for a screen reader: where the neuron starts to fire and how often it fires at the largest
 * swept value. `name`: what the sweep swept, in words ("current").
 */
export function describeSweep(result, { label = '', name = 'value' } = {}) {
  const counts = countsOf(result);
  let top = 0;
  for (let i = 1; i < counts.length; i++) if (result.values[i] > result.values[top]) top = i;
  const lead = label ? `${label}: ` : '';
  const at = `${spikesText(counts[top])} in ${result.numSteps} steps at ${name} ${valueText(result.values[top])}`;
  const r = rheobase(result);
  if (!r) return `${lead}no spike at any swept ${name} up to ${valueText(result.values[top])}.`;
  const from = r.below === null
    ? `fires already at the smallest swept ${name}, ${valueText(r.value)}`
    : `first fires at ${name} ${valueText(r.value)} (silent at ${valueText(r.below)}: the rheobase lies between)`;
  return `${lead}${from}; ${at}.`;
}
