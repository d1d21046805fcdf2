// The tutorial's exercises, as data: a figure (a tutorial figure by ref, or a spec of its own), a goal in
// plain words, a goal the page checks on the figure's traces, the controls a solution may move, and hints.
// A goal is checked on what the core computed — spike rows, spike counts, recorded values — never against a
// stored answer; "show a solution" searches the controls' own positions with the core for one that meets it.
//
// Goal kinds (all read traces, none computes a neuron value):
//   first-spike       { array = 'spk', neuron = 0, variant = 0, step }: the first row with a spike is `step`
//   spike-count       { array = 'spk', variant = 0, min, max }: spikes of every neuron together, in [min, max]
//   same-spike-count  { array = 'spk', atLeast = 1 }: every variant spikes as often (and at least atLeast times)
//   value             { array = 'mem', step, neuron = 0, target, tolerance }: |value at `step` − target| ≤ tolerance
//   rheobase          { control }: spikes now, and none with that control one step lower
//   match             { arrays = ['spk', 'mem'] }: variant 0 equals variant 1, bit for bit
import { figures } from './figures.js';
import { clone, setPath } from './paths.js';

// Rows of `array` in `trace` where neuron `neuron` (of the row's values) spiked.
function spikeRows(trace, array, neuron) {
  const arr = array === 'input' ? trace.input : trace.get(array);
  const steps = arr.shape[0];
  const width = arr.data.length / steps;
  const rows = [];
  for (let t = 0; t < steps; t++) if (arr.data[t * width + neuron] !== 0) rows.push(t);
  return rows;
}

function spikeCount(trace, array) {
  const { data } = array === 'input' ? trace.input : trace.get(array);
  let n = 0;
  for (let i = 0; i < data.length; i++) if (data[i] !== 0) n++;
  return n;
}

// The goal's state for the traces of a figure: { met, status } (status: what the learner has now, in words).
// `rerun(values)`: the figure's first variant's trace with other control values (for goals that compare
// with a nearby setting).
export function checkGoal(goal, traces, { rerun, controls, values }) {
  const g = { array: 'spk', neuron: 0, variant: 0, ...goal };
  const trace = traces[g.variant];
  switch (g.kind) {
    case 'first-spike': {
      const [first] = spikeRows(trace, g.array, g.neuron);
      return { met: first === g.step, status: first === undefined ? 'no spike yet' : `first spike at step ${first}` };
    }
    case 'spike-count': {
      const n = spikeCount(trace, g.array);
      return { met: n >= g.min && n <= g.max, status: `${n} spike${n === 1 ? '' : 's'}` };
    }
    case 'same-spike-count': {
      const counts = traces.map((t) => spikeCount(t, g.array));
      return { met: counts.every((c) => c === counts[0]) && counts[0] >= (g.atLeast ?? 1), status: `spike counts ${counts.join(' and ')}` };
    }
    case 'value': {
      const arr = trace.get(g.array);
      const width = arr.data.length / arr.shape[0];
      const v = arr.data[g.step * width + g.neuron];
      return { met: Math.abs(v - g.target) <= g.tolerance, status: `${g.array} at step ${g.step} is ${v.toPrecision(4)}` };
    }
    case 'rheobase': {
      const fires = spikeCount(trace, g.array) > 0;
      if (!fires) return { met: false, status: 'no spike at this current' };
      const c = controls.find((x) => x.key === g.control);
      const lower = Number((values[g.control] - c.step).toFixed(12));
      const below = lower >= c.min ? spikeCount(rerun({ ...values, [g.control]: lower }), g.array) > 0 : false;
      return { met: !below, status: below ? `it fires, and still fires at ${lower}` : 'it fires, and one step lower it does not' };
    }
    case 'match': {
      const same = (g.arrays || ['spk', 'mem']).every((name) => {
        const a = traces[0].get(name).data;
        const b = traces[1].get(name).data;
        return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
      });
      const mine = spikeRows(traces[0], 'spk', 0);
      const theirs = spikeRows(traces[1], 'spk', 0);
      const shared = mine.filter((t) => theirs.includes(t)).length;
      return { met: same, status: same ? 'the two traces are the same' : `${shared} of the mystery neuron's ${theirs.length} spikes matched` };
    }
    default:
      throw new TypeError(`unknown goal kind ${JSON.stringify(g.kind)}`);
  }
}

// A small deterministic choice from a seed (not a random number the core draws): the mystery neuron's
// parameters, so that each learner gets one of their own that stays across visits.
function pick(seed, count) {
  let x = (seed >>> 0) || 1;
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  return (x >>> 0) % count;
}

const positions = (c) => Array.from({ length: Math.round((c.max - c.min) / c.step) + 1 }, (_, i) => Number((c.min + i * c.step).toFixed(12)));

// The mystery neuron: a Leaky neuron whose β and threshold the learner finds from its trace, drawn beside
// theirs. Its parameters are positions of the learner's own sliders.
function mysterySpec(seed) {
  const controls = [
    { key: 'beta', path: 'constructor.beta', min: 0.5, max: 0.98, step: 0.02 },
    { key: 'thr', path: 'constructor.threshold', min: 0.5, max: 2, step: 0.1 },
  ];
  const beta = positions(controls[0])[pick(seed, positions(controls[0]).length)];
  const thr = positions(controls[1])[pick(seed * 7 + 3, positions(controls[1]).length)];
  return {
    id: 'mystery',
    title: 'Your neuron and the mystery neuron, fed the same current',
    scenario: { model: 'Leaky', constructor: { beta: 0.8, threshold: 1 }, num_steps: 150, input: { step: { amplitude: 0.3, start: 10 } } },
    variants: [
      { label: 'yours', set: {} },
      { label: 'mystery', set: { 'constructor.beta': beta, 'constructor.threshold': thr } },
    ],
    panels: [{ type: 'membrane' }, { type: 'spikes', yLabel: 'spikes' }],
    controls,
  };
}

export const exercises = {
  'first-spike-50': {
    lesson: 'lapicque',
    title: 'Fire first at step 50',
    goal: 'Set the current (and, if you like, the threshold) so that the neuron\'s first spike is at step 50.',
    figure: { ref: 'lapicque-fire' },
    check: { kind: 'first-spike', step: 50 },
    solve: ['amp', 'thr'],
    hints: [
      'A larger current charges the membrane faster, so the first spike comes earlier.',
      'The current switches on at step 10: the membrane needs 40 steps to climb past the threshold.',
      'A higher threshold takes longer to reach: you can trade current against threshold.',
    ],
  },
  rheobase: {
    lesson: 'lapicque',
    title: 'The smallest current that fires',
    goal: 'Find the smallest current, to two decimals, that makes this neuron fire at all (the rheobase).',
    figure: { ref: 'lapicque-step' },
    check: { kind: 'rheobase', control: 'amp' },
    solve: ['amp'],
    hints: [
      'Without reset the membrane settles at I·R. It fires only if that lies above the threshold.',
      'The threshold is 1 and R is 5 here. What current makes I·R exactly 1, and is exactly 1 enough?',
    ],
  },
  'halve-in-5': {
    lesson: 'leaky',
    title: 'Half after five steps',
    goal: 'Choose β so that, with no input, the membrane has fallen to half its starting value after five steps (within 0.005).',
    figure: {
      spec: {
        id: 'halve',
        title: 'A Leaky membrane left alone',
        scenario: { model: 'Leaky', constructor: { beta: 0.8 }, init: { mem: 1 }, num_steps: 20, input: { constant: { value: 0 } } },
        panels: [{ type: 'membrane', threshold: false }],
        controls: [{ key: 'beta', path: 'constructor.beta', min: 0.5, max: 0.99, step: 0.001 }],
      },
    },
    // Row k is what step k + 1 left: five steps is row 4.
    check: { kind: 'value', array: 'mem', step: 4, target: 0.5, tolerance: 0.005 },
    solve: ['beta'],
    hints: ['Each step multiplies the membrane by β.', 'Five steps multiply it by β⁵. Which β has β⁵ = ½?'],
  },
  'same-count': {
    lesson: 'lapicque',
    title: 'Two resets, one count',
    goal: 'Find an input spike probability for which subtract and zero reset give the same number of spikes (at least one).',
    figure: { ref: 'reset-compare' },
    check: { kind: 'same-spike-count', atLeast: 1 },
    solve: ['p'],
    hints: ['Zero reset forgets how far past the threshold the membrane went; subtract keeps it.', 'When the input is sparse, the membrane rarely overshoots by much.'],
  },
  mystery: {
    lesson: 'leaky',
    title: 'The mystery neuron',
    goal: 'Find the β and the threshold of the mystery neuron, so that your neuron\'s trace is the same as its trace.',
    figure: { spec: (seed) => mysterySpec(seed) },
    check: { kind: 'match' },
    solve: ['beta', 'thr'],
    hints: [
      'The threshold is the membrane value at which a spike happens: read it off the mystery trace.',
      'β sets how fast the membrane rises towards its resting level between spikes.',
    ],
  },
  'latency-10': {
    lesson: 'encoders',
    title: 'A spike at step 10',
    goal: 'Choose τ and the encoder threshold so that the value 0.5 (the sixth row) spikes at step 10.',
    figure: { ref: 'latency-code' },
    check: { kind: 'first-spike', array: 'input', neuron: 5, step: 10 },
    solve: ['tau', 'thr'],
    hints: ['The spike time grows with τ.', 'It also grows as the threshold approaches the value: t = τ·ln(x / (x − threshold)).'],
  },
  'network-count': {
    lesson: 'network',
    title: 'Quiet the output layer',
    goal: 'Set the layers\' β so that the ten output neurons fire no more than 5 spikes in all.',
    figure: { ref: 'network' },
    check: { kind: 'spike-count', array: 'spk2', min: 0, max: 5 },
    solve: ['beta'],
    hints: ['A smaller β makes every membrane forget its input faster.', 'Fewer hidden spikes reach the output layer, so it fires less.'],
  },
  'five-spikes': {
    lesson: 'lapicque',
    title: 'Exactly five spikes',
    goal: 'Set the current so that the hand-written neuron fires exactly five times in its 200 steps.',
    figure: { ref: 'lif-reset' },
    check: { kind: 'spike-count', min: 5, max: 5 },
    solve: ['amp'],
    hints: ['More current, more spikes.', 'After a reset the membrane climbs again from close to zero: the time between spikes is the climb.'],
  },
};

/** The figure spec an exercise uses (`seed`: the learner's, for specs drawn per learner). */
export function exerciseSpec(exercise, seed = 1) {
  const { ref, spec } = exercise.figure;
  return clone(ref ? figures[ref] : typeof spec === 'function' ? spec(seed) : spec);
}

// The Scenario of one variant of a spec with the controls at `values`.
export function scenarioWith(spec, variant, values) {
  const scenario = clone(spec.scenario);
  for (const c of spec.controls || []) if (Object.hasOwn(values, c.key)) setPath(scenario, c.path, values[c.key]);
  for (const [path, value] of Object.entries(variant?.set || {})) setPath(scenario, path, clone(value));
  return scenario;
}

// Every combination of the positions of `exercise.solve`'s controls, the other controls at `start`, and a
// check of each: yields { values, met }.
function* attempts(snn, exercise, spec, start) {
  const controls = exercise.solve.map((key) => spec.controls.find((c) => c.key === key));
  const values = Object.fromEntries(spec.controls.map((c) => [c.key, start[c.key] ?? defaultOf(spec, c)]));
  const variants = spec.variants && spec.variants.length ? spec.variants : [null];
  const rerun = (v) => snn.runScenario(scenarioWith(spec, variants[0], v));
  const grids = controls.map(positions);
  const index = grids.map(() => 0);
  for (;;) {
    controls.forEach((c, k) => (values[c.key] = grids[k][index[k]]));
    let met = false;
    try {
      const traces = variants.map((v) => snn.runScenario(scenarioWith(spec, v, values)));
      met = checkGoal(exercise.check, traces, { rerun, controls: spec.controls, values }).met;
    } catch {
      // a combination the core refuses: not a solution
    }
    yield { values: { ...values }, met };
    let k = controls.length - 1;
    while (k >= 0 && ++index[k] === grids[k].length) index[k--] = 0;
    if (k < 0) return;
  }
}

/**
 * A solution: control values (of `exercise.solve`, the others at `start`) for which the goal is met, found by
 * running the core over the controls' positions; null when none is. `snn`: the core's API. With `budgetMs`,
 * a promise: the search gives the page back its main thread every `budgetMs` milliseconds.
 */
export function findSolution(snn, exercise, spec, start = {}, budgetMs = 0) {
  const it = attempts(snn, exercise, spec, start);
  if (!budgetMs) {
    for (const a of it) if (a.met) return a.values;
    return null;
  }
  return new Promise((resolve) => {
    const slice = () => {
      const until = performance.now() + budgetMs;
      while (performance.now() < until) {
        const { value, done } = it.next();
        if (done) return resolve(null);
        if (value.met) return resolve(value.values);
      }
      setTimeout(slice, 0);
    };
    slice();
  });
}

function defaultOf(spec, control) {
  return control.path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), spec.scenario);
}
