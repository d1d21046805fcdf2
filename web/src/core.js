// The one place the page gets the neuron core from. Every number a figure shows comes from here.
import { loadSnn } from '../../wasm/index.js';

let ready = null;

// Resolves to the snn API (see wasm/index.d.ts). Loaded once, shared by every figure on the page.
export function getSnn() {
  if (!ready) ready = loadSnn();
  return ready;
}
