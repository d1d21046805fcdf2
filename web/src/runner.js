// Where the page's figures run their Scenarios: in a Worker (sim-worker.js), so that no run, however long
// the core's limits let it be, holds up the page. One worker serves every figure of the page, one batch
// at a time (a figure's variants and signals together); a figure that asks again before its batch was sent
// replaces it, and one whose batch has run for a while and is superseded (or stopped) gets the worker
// stopped and a fresh one started. Results come back as the core's own Trace and SweepResult objects
// (wasm/index.js fromMessage), their arrays moved, not copied, and an input that did not change comes back
// as the object the figure already has.
//
// Where no worker can start (a host page's Content-Security-Policy refuses blob: workers, a browser without
// them), the runs happen in the page itself, as before: the figures still work, a long run then blocks.
/* global __SNN_CLASSIC__, __snnCoreSource, __snnWorkerSource */
import { getSnn } from './core.js';
import { describe } from './plot/summary.js';

const CLASSIC = typeof __SNN_CLASSIC__ === 'boolean' && __SNN_CLASSIC__;

// A superseded batch that has run this long is stopped rather than waited for (a fresh worker costs a
// compile of the core: ~10-30 ms).
const STOP_AFTER_MS = 120;
// A worker that has not said it is ready by then is taken as one that cannot start.
const START_TIMEOUT_MS = 10000;

export class Cancelled extends Error {
  constructor(message = 'the run was superseded') {
    super(message);
    this.name = 'Cancelled';
  }
}

// The error the core raised in the worker, as the class it had.
function errorFrom({ name, message, field, kind }) {
  const Type = name === 'RangeError' ? RangeError : name === 'TypeError' ? TypeError : Error;
  return Object.assign(new Type(message), { field, kind });
}

function createWorker() {
  if (typeof Worker !== 'function') throw new Error('this browser has no Worker');
  if (CLASSIC) {
    // The worker's source is this script's own: the core's function and the worker's, as written.
    const source = `var __snnCore = (${__snnCoreSource.toString()})();\n(${__snnWorkerSource.toString()})();\n`;
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    try {
      return new Worker(url);
    } finally {
      // The worker has fetched its script once it runs; a URL kept until then is enough.
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    }
  }
  return new Worker(new URL('./sim-worker.js', import.meta.url), { type: 'module' });
}

class Runner {
  constructor() {
    this.worker = null;
    this.state = 'none'; // none | starting | ready | page (no worker: runs in the page)
    this.queue = []; // batches not sent yet: { owner, jobs, resolve, reject, onProgress }
    this.current = null; // the batch the worker is running
    this.received = new Map(); // slot -> the last trace received for it (fromMessage's previous)
    this.nextId = 1;
    this.epoch = 0;
    this.snn = null; // the page's core: fromMessage, and the runs where no worker can start
    this.loadingCore = null;
  }

  // Runs `jobs` ([{ slot, scenario }]) for `owner` (a figure): resolves to one result per job, each a Trace,
  // a SweepResult or { error }. A newer run() of the same owner supersedes this one: its promise rejects
  // with Cancelled. onProgress(fraction) hears a long batch.
  run(owner, jobs, { onProgress = null } = {}) {
    return new Promise((resolve, reject) => {
      for (const queued of this.queue.filter((b) => b.owner === owner)) {
        this.queue.splice(this.queue.indexOf(queued), 1);
        queued.reject(new Cancelled());
      }
      const batch = { owner, jobs, resolve, reject, onProgress };
      this.queue.push(batch);
      const running = this.current;
      if (running && running.owner === owner && performance.now() - running.sent >= STOP_AFTER_MS) this.restart(new Cancelled());
      else if (running && running.owner === owner) running.superseded = true;
      this.pump();
    });
  }

  // Stops what `owner` has asked for: its batch waiting or running (the worker is then stopped).
  stop(owner) {
    for (const queued of this.queue.filter((b) => b.owner === owner)) {
      this.queue.splice(this.queue.indexOf(queued), 1);
      queued.reject(new Cancelled('stopped'));
    }
    if (this.current && this.current.owner === owner) this.restart(new Cancelled('stopped'));
  }

  // Ends the worker (its messages are then ignored), entering `state`; returns the batch it was running.
  drop(state) {
    const running = this.current;
    this.current = null;
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.state = state;
    this.epoch++;
    this.received.clear(); // a new worker, or the page, sends every input again
    return running;
  }

  restart(reason) {
    const running = this.drop('none');
    if (running) running.reject(reason);
    this.pump();
  }

  start() {
    let worker;
    try {
      worker = createWorker();
    } catch {
      this.state = 'page';
      return;
    }
    this.worker = worker;
    this.state = 'starting';
    const epoch = this.epoch;
    const timer = setTimeout(() => {
      if (epoch === this.epoch && this.state === 'starting') this.fallBack();
    }, START_TIMEOUT_MS);
    worker.onmessage = (event) => {
      if (epoch !== this.epoch) return;
      const data = event.data || {};
      if (data.type === 'ready') {
        clearTimeout(timer);
        this.state = 'ready';
        this.pump();
      } else if (data.type === 'failed') {
        clearTimeout(timer);
        this.fallBack();
      } else if (data.type === 'progress' && this.current && this.current.id === data.id) {
        if (this.current.onProgress) this.current.onProgress(data.fraction);
      } else if (data.type === 'result' && this.current && this.current.id === data.id) {
        this.finish(data.results);
      }
    };
    // A worker that fails to load (a policy refuses it) or dies: the page runs the figures itself.
    worker.onerror = (event) => {
      if (event && typeof event.preventDefault === 'function') event.preventDefault();
      if (epoch === this.epoch) this.fallBack();
    };
  }

  // No worker: what was sent to one runs in the page.
  fallBack() {
    const running = this.drop('page');
    if (running) this.queue.unshift(running);
    this.pump();
  }

  finish(messages) {
    const batch = this.current;
    this.current = null;
    const snn = this.snn;
    const results = messages.map((m, i) => {
      if (m && m.error) return { error: errorFrom(m.error) };
      const slot = batch.jobs[i].slot;
      try {
        const result = snn.fromMessage(m, { previous: this.received.get(slot) || null });
        if (result instanceof snn.Trace) this.received.set(slot, result);
        // Long arrays' summaries (plot/summary.js) go with the arrays they describe.
        for (const [name, summary] of Object.entries(m.summaries || {})) {
          const array = name === '' ? result.input : result.get(name);
          if (array) describe(array.data, summary);
        }
        return result;
      } catch (e) {
        this.received.delete(slot);
        return { error: e };
      }
    });
    if (batch.superseded) batch.reject(new Cancelled());
    else batch.resolve(results);
    this.pump();
  }

  async pump() {
    if (this.current || !this.queue.length) return;
    if (!this.snn) {
      if (this.loadingCore) return;
      this.loadingCore = getSnn().then((snn) => {
        this.snn = snn;
        this.pump();
      }, (e) => {
        for (const b of this.queue.splice(0)) b.reject(e);
      });
      return;
    }
    if (this.state === 'none') this.start();
    if (this.state === 'starting') return;
    const batch = this.queue.shift();
    if (this.state === 'page') {
      this.runInPage(batch);
      return;
    }
    batch.id = this.nextId++;
    batch.sent = performance.now();
    this.current = batch;
    try {
      this.worker.postMessage({ type: 'run', id: batch.id, jobs: batch.jobs });
    } catch (e) {
      // A Scenario that cannot be cloned (it holds a function, say): the core would refuse it anyway.
      this.current = null;
      batch.resolve(batch.jobs.map(() => ({ error: e })));
      this.pump();
    }
  }

  runInPage(batch) {
    const snn = this.snn;
    const results = batch.jobs.map((job) => {
      try {
        const result = snn.runScenario(job.scenario, { previous: this.received.get(job.slot) || null });
        if (result instanceof snn.Trace) this.received.set(job.slot, result);
        return result;
      } catch (e) {
        this.received.delete(job.slot);
        return { error: e };
      }
    });
    batch.resolve(results);
    // The next batch in a task of its own: the page gets to paint between figures.
    setTimeout(() => this.pump(), 0);
  }

}

let shared = null;

// The page's one runner.
export function runner() {
  if (!shared) shared = new Runner();
  return shared;
}
