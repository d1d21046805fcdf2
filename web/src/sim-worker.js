// The simulation worker: the page's figures send it their Scenarios, it runs them in its own copy of the
// core and sends the traces back, their arrays moved rather than copied (runner.js is the page's side).
// Built twice like the page (scripts/build-web.mjs): assets/sim-worker.js, a module worker beside the
// core, and inside snn-figure.js, where it starts from a blob of its own source with the core inlined.
//
// Messages in:  { type: 'run', id, jobs: [{ slot, scenario }] }   (one figure's runs, in order)
// Messages out: { type: 'ready' } once the core is loaded, or { type: 'failed', message }
//               (a trace's message carries `summaries`: { array name ('' the input): summary.js's })
//               { type: 'progress', id, fraction }                 (a long batch, at most every 100 ms)
//               { type: 'result', id, results: [message | { error }] } (toMessage's messages, one per job)
import { loadSnn } from '../../wasm/index.js';
import { summarise, summariseSpikes } from './plot/summary.js';

const PROGRESS_EVERY_MS = 100;

// Per slot (a figure's variant or signal), the last trace sent: its input is not sent again when the next
// run's is the same (the page keeps the one it received).
const previous = new Map();

function errorOf(e) {
  return {
    name: e && e.name === 'RangeError' ? 'RangeError' : e && e.name === 'TypeError' ? 'TypeError' : 'Error',
    message: e && e.message ? String(e.message) : String(e),
    field: e && typeof e.field === 'string' ? e.field : '',
    kind: e && typeof e.kind === 'string' ? e.kind : 'Internal',
  };
}

function run(snn, { id, jobs }) {
  const results = [];
  const transfer = [];
  let last = 0;
  jobs.forEach((job, k) => {
    // The batch's fraction: job k of n covers [k/n, (k+1)/n).
    const onProgress = (f) => {
      const now = performance.now();
      if (now - last < PROGRESS_EVERY_MS) return;
      last = now;
      self.postMessage({ type: 'progress', id, fraction: (k + f) / jobs.length });
    };
    try {
      const before = previous.get(job.slot) || null;
      const result = snn.runScenario(job.scenario, { previous: before, onProgress });
      const sent = snn.toMessage(result, { previous: before });
      if (result instanceof snn.Trace) previous.set(job.slot, result);
      else previous.delete(job.slot);
      // Long arrays travel with their summaries (plot/summary.js): the page draws them from those.
      if (sent.message.kind === 'trace') {
        const summaries = {};
        const arrays = Object.entries(sent.message.arrays);
        if (sent.message.input && typeof sent.message.input === 'object') arrays.push(['', sent.message.input]);
        const spikes = new Set(sent.message.spikes);
        for (const [name, a] of arrays) {
          const summary = summarise(a.data, a.shape);
          if (!summary) continue;
          summaries[name] = summary;
          transfer.push(summary.min.buffer, summary.max.buffer);
          summary.spikes = spikes.has(name) ? summariseSpikes(a.data, a.shape) : null;
          if (summary.spikes) transfer.push(summary.spikes.sign.buffer);
        }
        sent.message.summaries = summaries;
      }
      results.push(sent.message);
      transfer.push(...sent.transfer);
    } catch (e) {
      previous.delete(job.slot);
      results.push({ error: errorOf(e) });
    }
  });
  self.postMessage({ type: 'result', id, results }, transfer);
}

export function startWorker(options = {}) {
  const loading = loadSnn(options);
  const queue = [];
  let snn = null;
  self.onmessage = (event) => {
    const data = event.data;
    if (!data || data.type !== 'run') return;
    if (snn) run(snn, data);
    else queue.push(data);
  };
  loading.then(
    (core) => {
      snn = core;
      self.postMessage({ type: 'ready' });
      for (const data of queue.splice(0)) run(snn, data);
    },
    (e) => self.postMessage({ type: 'failed', message: errorOf(e).message }),
  );
}
