// The playground: choose a neuron model (and, for Lapicque, how it is parameterised), an input generator or
// spike encoder, the number of neurons and of steps; the page builds a figure spec (a Scenario with panels
// and controls) and mounts an <snn-figure> for it, with a control for every parameter the core takes for
// that model and input. The core checks every value; the page only builds the Scenario.
//
// URL: the choices are page parts of the hash (playground.model=Leaky&playground.input=rate&...), the
// figure's own settings sit beside them as on any page (pg-leaky-rate.beta=0.9). A changed choice keeps the
// settings that still mean the same thing (same control, same Scenario path, in range, accepted by the core).
import { getSnn } from './core.js';
import { clone, getPath, setPath } from './paths.js';
import { parseHash } from './state.js';
import { onLinkFollowed, setPageParts, writeState } from './page-state.js';

// A slider: [key, path, label, min, max, step]; a max of 'steps' (or 'steps-1') follows the number of steps.
const slider = (key, path, label, min, max, step) => ({ key, path, label, min, max, step });
const choice = (key, path, label, options) => ({ key, path, label, options });

const THRESHOLD = slider('thr', 'constructor.threshold', 'Threshold', 0.05, 5, 0.05);
const RESET = (first) => choice('reset', 'constructor.reset_mechanism', 'Reset mechanism', [first, ...['subtract', 'zero', 'none'].filter((r) => r !== first)]);
const RESET_DELAY = choice('delay', 'constructor.reset_delay', 'Reset delayed to the next step', [true, false]);
const U0 = slider('u0', 'init.mem', 'Initial membrane U0', -1, 2, 0.05);
const TIMING = choice('timing', 'spike_timing', 'Spike read from the membrane', ['after_update', 'before_update']);
// Lapicque and the hand-written Euler neuron: ranges with time_step/(R·C) ≤ 2, where forward Euler stays bounded.
const R = slider('R', 'constructor.R', 'Resistance R', 1, 20, 0.1);
const C = slider('C', 'constructor.C', 'Capacitance C', 0.001, 0.02, 0.0005);
const DT = slider('dt', 'constructor.time_step', 'Time step Δt', 0.0001, 0.002, 0.0001);

// Lapicque takes β alone, R and C, or β with R (snnTorch derives the rest): each way has its own controls.
const LAPICQUE_PARAMS = {
  RC: { label: 'R and C', constructor: { R: 5.1, C: 0.005, time_step: 0.001 }, controls: [R, C, DT] },
  beta: { label: 'β alone', constructor: { beta: 0.819, time_step: 0.001 }, controls: [slider('beta', 'constructor.beta', 'Decay β', 0.001, 0.999, 0.001)] },
  betaR: { label: 'β and R', constructor: { beta: 0.819, R: 5.1, time_step: 0.001 }, controls: [slider('beta', 'constructor.beta', 'Decay β', 0.001, 0.999, 0.001), R] },
};

const MODELS = {
  Leaky: {
    label: 'Leaky (first order)',
    about: 'U[t] = βU[t−1] + X[t] − S·θ: the membrane decays by β each step.',
    constructor: { beta: 0.8, threshold: 1, reset_mechanism: 'subtract', reset_delay: true, graded_spikes_factor: 1 },
    states: [],
    controls: () => [slider('beta', 'constructor.beta', 'Decay β', 0, 1, 0.001), THRESHOLD, RESET('subtract'), RESET_DELAY,
      slider('gsf', 'constructor.graded_spikes_factor', 'Spike height (graded spikes factor)', 0.1, 5, 0.1)],
  },
  Synaptic: {
    label: 'Synaptic (Stein, second order)',
    about: 'A synaptic current I[t] = αI[t−1] + X[t] feeds a leaky membrane U[t] = βU[t−1] + I[t] − S·θ.',
    constructor: { alpha: 0.9, beta: 0.8, threshold: 1, reset_mechanism: 'subtract', reset_delay: true },
    states: ['syn'],
    controls: () => [slider('alpha', 'constructor.alpha', 'Synaptic decay α', 0, 1, 0.001), slider('beta', 'constructor.beta', 'Membrane decay β', 0, 1, 0.001),
      THRESHOLD, RESET('subtract'), RESET_DELAY],
  },
  Alpha: {
    label: 'Alpha (SRM0)',
    about: 'Excitatory (α) and inhibitory (β) currents make an alpha-shaped response; α must stay above β.',
    constructor: { alpha: 0.8, beta: 0.7, threshold: 0.5, reset_mechanism: 'zero' },
    states: ['syn_exc', 'syn_inh'],
    // alpha > beta is required: these ranges never meet, so no pair of slider positions is refused.
    controls: () => [slider('alpha', 'constructor.alpha', 'Excitatory decay α', 0.71, 0.999, 0.001), slider('beta', 'constructor.beta', 'Inhibitory decay β', 0, 0.7, 0.001),
      THRESHOLD, RESET('zero')],
  },
  Lapicque: {
    label: 'Lapicque (RC circuit)',
    about: 'The RC circuit stepped with forward Euler: U[t+1] = U[t] + Δt/(RC)·(−U[t] + I[t]R).',
    constructor: { threshold: 1, reset_mechanism: 'subtract' },
    states: [],
    controls: (params) => [...LAPICQUE_PARAMS[params].controls, THRESHOLD, RESET('subtract')],
  },
  EulerLIF: {
    label: 'Hand-written LIF (the notebook\'s)',
    about: 'The tutorial\'s own forward-Euler neuron, with R, C and Δt as given.',
    constructor: { R: 5.1, C: 0.005, time_step: 0.001, threshold: 1, reset_mechanism: 'subtract' },
    states: [],
    controls: () => [R, C, DT, THRESHOLD, RESET('subtract')],
  },
};

const SEED = slider('seed', 'seed', 'Random seed', 0, 999, 1);

// Values for an encoder over several neurons: an even spread, so the raster reads from weak to strong.
// (Input data, not neuron arithmetic: the core encodes them.)
const spread = (n, from) => Array.from({ length: n }, (_, i) => Math.round(1000 * (from === 0 ? (n === 1 ? 0.5 : i / (n - 1)) : (i + 1) / n)) / 1000);

// Inputs: `input(ctx)` gives the generator, `controls(ctx)` its controls; raster (or raster(ctx)) says how
// to plot it, perNeuron whether several neurons make sense (each then gets its own value or random draws).
const INPUTS = {
  constant: {
    label: 'constant current', raster: false, perNeuron: false,
    input: () => ({ constant: { value: 0.3 } }),
    controls: () => [slider('value', 'input.constant.value', 'Current', -1, 2, 0.01)],
  },
  step: {
    label: 'step current', raster: false, perNeuron: false,
    input: () => ({ step: { amplitude: 0.3, start: 10 } }),
    controls: () => [slider('amp', 'input.step.amplitude', 'Current', -1, 2, 0.01), slider('start', 'input.step.start', 'Starts at step', 0, 'steps', 1)],
  },
  pulse: {
    label: 'one current pulse', raster: false, perNeuron: false,
    input: () => ({ pulses: [{ start: 10, width: 5, amplitude: 0.5 }] }),
    controls: () => [slider('amp', 'input.pulses.0.amplitude', 'Pulse height', -1, 3, 0.01), slider('start', 'input.pulses.0.start', 'Starts at step', 0, 'steps', 1),
      slider('width', 'input.pulses.0.width', 'Pulse width (steps)', 1, 'steps', 1)],
  },
  periodic: {
    label: 'periodic spikes', raster: true, perNeuron: false,
    input: () => ({ periodic: { period: 10, amplitude: 0.5, start: 0 } }),
    controls: () => [slider('period', 'input.periodic.period', 'Period (steps)', 1, 100, 1), slider('amp', 'input.periodic.amplitude', 'Spike weight', -1, 3, 0.01),
      slider('start', 'input.periodic.start', 'First spike at step', 0, 'steps', 1)],
  },
  noise: {
    label: 'noise current', raster: false, perNeuron: true,
    input: () => ({ noise: { low: 0, high: 0.5 } }),
    // low ≤ high is required: the ranges meet only at 0.
    controls: () => [slider('low', 'input.noise.low', 'Noise from', -1, 0, 0.01), slider('high', 'input.noise.high', 'Noise up to', 0, 2, 0.01), SEED],
  },
  rate: {
    label: 'rate-coded spikes (spikegen.rate)', raster: true, perNeuron: true,
    input: ({ neurons }) => ({ rate: { ...(neurons > 1 ? { values: spread(neurons, 0) } : { p: 0.3 }), gain: 1, offset: 0, first_spike_time: 0, amplitude: 0.5 } }),
    controls: ({ neurons }) => [
      ...(neurons > 1 ? [] : [slider('p', 'input.rate.p', 'Spike probability p', 0, 1, 0.01)]),
      slider('gain', 'input.rate.gain', 'Gain', 0, 4, 0.05), slider('offset', 'input.rate.offset', 'Offset', -1, 1, 0.01),
      slider('fst', 'input.rate.first_spike_time', 'Silent until step', 0, 'steps-1', 1), slider('weight', 'input.rate.amplitude', 'Spike weight', -1, 3, 0.01), SEED],
  },
  latency: {
    label: 'latency-coded spikes (spikegen.latency)', raster: true, perNeuron: true,
    // Several values start normalized (spread over the steps): the smallest would otherwise spike late.
    input: ({ neurons }) => ({ latency: { values: neurons > 1 ? spread(neurons, 1) : 0.5, tau: 5, threshold: 0.01, linear: false, normalize: neurons > 1, clip: false, bypass: false, first_spike_time: 0, on_target: 1 } }),
    controls: ({ neurons }) => [
      ...(neurons > 1 ? [] : [slider('value', 'input.latency.values', 'Encoded value', 0, 1, 0.01)]),
      slider('tau', 'input.latency.tau', 'Time constant τ', 0.5, 50, 0.5), slider('lthr', 'input.latency.threshold', 'Encoder threshold', 0.005, 0.9, 0.005),
      choice('linear', 'input.latency.linear', 'Linear code', [false, true]), choice('normalize', 'input.latency.normalize', 'Normalize to the steps', [false, true]),
      choice('clip', 'input.latency.clip', 'Clip values below the threshold', [false, true]), choice('bypass', 'input.latency.bypass', 'Drop spikes past the last step', [false, true]),
      slider('fst', 'input.latency.first_spike_time', 'Earliest spike at step', 0, 'steps-1', 1), slider('weight', 'input.latency.on_target', 'Spike weight (on_target)', -1, 3, 0.01)],
  },
  delta: {
    // One neuron: a line, which shows the sign of the off spikes (−1); several: a raster of them all.
    label: 'delta-modulated spikes (spikegen.delta)', raster: ({ neurons }) => neurons > 1, perNeuron: true,
    // The signal: a rise, a fall and some noise; delta spikes where it changes by the threshold or more.
    input: ({ steps }) => ({ delta: { threshold: 0.1, off_spike: true, padding: false, of: { sum: [
      { step: { amplitude: 0.5, start: Math.round(steps * 0.2) } },
      { step: { amplitude: -0.8, start: Math.round(steps * 0.6) } },
      { noise: { low: 0, high: 0.05 } },
    ] } } }),
    controls: () => [slider('dthr', 'input.delta.threshold', 'Change threshold', 0.01, 1, 0.01), choice('off', 'input.delta.off_spike', 'Off spikes (−1) too', [true, false]),
      choice('pad', 'input.delta.padding', 'Padding (no spike at step 0)', [false, true]),
      slider('rise', 'input.delta.of.sum.0.step.amplitude', 'Signal rise', 0, 1, 0.01), slider('riseAt', 'input.delta.of.sum.0.step.start', 'Rises at step', 0, 'steps', 1),
      slider('fall', 'input.delta.of.sum.1.step.amplitude', 'Signal fall', -1, 0, 0.01), slider('fallAt', 'input.delta.of.sum.1.step.start', 'Falls at step', 0, 'steps', 1),
      slider('noise', 'input.delta.of.sum.2.noise.high', 'Signal noise', 0, 0.5, 0.005), SEED],
  },
};

export const STEPS = { min: 10, max: 1000, default: 200 };
export const NEURONS = { min: 1, max: 100, default: 1 };
export const DEFAULTS = { model: 'Leaky', params: 'RC', input: 'step', neurons: NEURONS.default, steps: STEPS.default };
export const CHOICES = { models: Object.keys(MODELS), params: Object.keys(LAPICQUE_PARAMS), inputs: Object.keys(INPUTS) };

function resolveMax(max, steps) {
  if (max === 'steps') return steps;
  if (max === 'steps-1') return steps - 1;
  return max;
}

// The neurons a choice really has (one unless the input gives each neuron its own values or draws).
export function neuronsFor(choices) {
  return INPUTS[choices.input].perNeuron ? choices.neurons : 1;
}

/** The figure spec for a set of choices ({ model, params, input, neurons, steps }; see DEFAULTS). */
export function playgroundSpec(choices) {
  const { model, input, steps } = { ...DEFAULTS, ...choices };
  const params = choices.params || DEFAULTS.params;
  const neurons = neuronsFor({ ...DEFAULTS, ...choices });
  const m = MODELS[model];
  const i = INPUTS[input];
  const ctx = { steps, neurons, params };
  const constructor = { ...(model === 'Lapicque' ? LAPICQUE_PARAMS[params].constructor : {}), ...m.constructor };
  const scenario = {
    model, constructor, num_steps: steps, num_neurons: neurons, seed: 1,
    spike_timing: 'after_update', init: { mem: 0 }, input: i.input(ctx),
  };
  const raster = typeof i.raster === 'function' ? i.raster(ctx) : i.raster;
  const rasterHeight = neurons > 1 ? Math.min(240, 80 + 2 * neurons) : undefined;
  const what = neurons > 1 ? `${neurons} ${model} neurons` : `${model} neuron`;
  return {
    id: `pg-${model}-${input}`.toLowerCase(),
    title: `${what}, ${i.label}, ${steps} steps`,
    caption: m.about,
    scenario,
    panels: [
      { type: raster ? 'input-raster' : 'input', yLabel: 'input', ...(raster && rasterHeight ? { height: rasterHeight } : {}) },
      ...m.states.map((s) => ({ type: 'state', array: s, yLabel: s })),
      { type: 'membrane' },
      { type: 'spikes', yLabel: 'spikes', ...(rasterHeight ? { height: rasterHeight } : {}) },
    ],
    controls: [...m.controls(params), U0, TIMING, ...i.controls(ctx)].map((c) => (c.options ? { ...c } : { ...c, max: resolveMax(c.max, steps) })),
  };
}

// ------------------------------------------------------------------------------------------ URL

const whole = (text) => (typeof text === 'string' && /^\d{1,7}$/.test(text) ? Number(text) : NaN);

/**
 * Reads the choices from the hash's page parts. Unknown or out-of-range choices give the defaults and a
 * line in `problems` (shown to the reader; never inserted as HTML).
 */
export function choicesFromHash(hash) {
  const params = new URLSearchParams(parseHash(hash).keep.join('&'));
  const problems = [];
  const pick = (name, allowed, fallback) => {
    const v = params.get(`playground.${name}`);
    if (v === null) return fallback;
    if (allowed.includes(v)) return v;
    problems.push(`${name} "${v.slice(0, 40)}" is not one of ${allowed.join(', ')}`);
    return fallback;
  };
  const count = (name, range) => {
    const raw = params.get(`playground.${name}`);
    if (raw === null) return range.default;
    const v = whole(raw);
    if (v >= range.min && v <= range.max) return v;
    problems.push(`${name} must be a whole number ${range.min}..${range.max}, got "${raw.slice(0, 40)}"`);
    return range.default;
  };
  const choices = {
    model: pick('model', CHOICES.models, DEFAULTS.model),
    params: pick('params', CHOICES.params, DEFAULTS.params),
    input: pick('input', CHOICES.inputs, DEFAULTS.input),
    neurons: count('neurons', NEURONS),
    steps: count('steps', STEPS),
  };
  return { choices, problems, named: [...params.keys()].some((k) => k.startsWith('playground.')) };
}

// The page parts for a set of choices: only the ones that apply (Lapicque's parameters, neurons for
// inputs that have several).
export function choicesToParts(choices) {
  const parts = [`playground.model=${choices.model}`];
  if (choices.model === 'Lapicque') parts.push(`playground.params=${choices.params}`);
  parts.push(`playground.input=${choices.input}`);
  if (INPUTS[choices.input].perNeuron) parts.push(`playground.neurons=${choices.neurons}`);
  parts.push(`playground.steps=${choices.steps}`);
  return parts;
}

// Settings of the figure being replaced that mean the same in the new spec: changed from their default,
// the same control at the same Scenario path, within the new range; then the core must accept them together.
function carriedValues(old, spec, snn) {
  if (!old || !old.controls || !old.values) return {};
  const carried = {};
  for (const c of old.controls) {
    const value = old.values[c.key];
    if (value === c.default) continue;
    const next = spec.controls.find((n) => n.key === c.key && n.path === c.path);
    if (!next) continue;
    if (next.options ? next.options.includes(value) : value >= next.min && value <= next.max) carried[c.key] = value;
  }
  if (!Object.keys(carried).length) return carried;
  const scenario = clone(spec.scenario);
  for (const c of spec.controls) if (Object.hasOwn(carried, c.key)) setPath(scenario, c.path, carried[c.key]);
  try {
    snn.validateScenario(scenario);
  } catch {
    return {};
  }
  return carried;
}

// ------------------------------------------------------------------------------------------ page

function labelled(text, control) {
  const wrap = document.createElement('label');
  wrap.append(`${text} `, control);
  return wrap;
}

function select(name, options, selected) {
  const s = document.createElement('select');
  s.name = name;
  for (const [value, text] of options) s.append(new Option(text, value, false, value === selected));
  return s;
}

function numberBox(name, range, value) {
  return Object.assign(document.createElement('input'), { type: 'number', name, min: range.min, max: range.max, step: 1, value });
}

export function mountPlayground(root) {
  const start = choicesFromHash(location.hash);
  let state = start.choices;

  const form = document.createElement('form');
  form.className = 'playground-choices';
  form.setAttribute('aria-label', 'Playground choices');
  const model = select('model', Object.entries(MODELS).map(([k, m]) => [k, m.label]), state.model);
  const params = select('params', Object.entries(LAPICQUE_PARAMS).map(([k, p]) => [k, p.label]), state.params);
  const input = select('input', Object.entries(INPUTS).map(([k, i]) => [k, i.label]), state.input);
  const neurons = numberBox('neurons', NEURONS, state.neurons);
  const steps = numberBox('steps', STEPS, state.steps);
  steps.step = 10;
  const paramsLabel = labelled('Parameters', params);
  const neuronsLabel = labelled('Neurons', neurons);
  form.append(labelled('Model', model), paramsLabel, labelled('Input', input), neuronsLabel, labelled('Steps', steps));
  const notice = document.createElement('p');
  notice.className = 'figure-notice playground-notice';
  notice.setAttribute('role', 'status');
  const slot = document.createElement('div');
  root.append(form, notice, slot);

  const showNotice = (problems) => {
    notice.textContent = problems.length ? `The link's playground choices were not all valid (${problems.join('; ')}); using the defaults for those.` : '';
    notice.hidden = !problems.length;
  };

  // The form shows `state`; parts that do not apply are hidden.
  const syncForm = () => {
    model.value = state.model;
    params.value = state.params;
    input.value = state.input;
    neurons.value = state.neurons;
    steps.value = state.steps;
    paramsLabel.hidden = state.model !== 'Lapicque';
    neuronsLabel.hidden = !INPUTS[state.input].perNeuron;
  };

  const figureFor = (spec) => {
    const figure = document.createElement('snn-figure');
    figure.setAttribute('spec', JSON.stringify(spec));
    return figure;
  };

  // A choice changed in the form: a new figure, carrying the settings that still apply, and the URL now.
  const remount = async () => {
    const snn = await getSnn();
    const spec = playgroundSpec(state);
    const old = slot.querySelector('snn-figure');
    const carried = carriedValues(old, spec, snn);
    const controls = spec.controls.map((c) => ({ ...c, default: getPath(spec.scenario, c.path) }));
    const standIn = { figureId: spec.id, controls, values: { ...Object.fromEntries(controls.map((c) => [c.key, c.default])), ...carried } };
    slot.replaceChildren();
    setPageParts(choicesToParts(state));
    writeState([standIn]); // the new figure reads its settings from the hash as it starts
    slot.append(figureFor(spec));
  };

  const clamp = (box, range, fallback) => {
    const v = Math.round(Number(box.value));
    return Number.isFinite(v) ? Math.min(range.max, Math.max(range.min, v)) : fallback;
  };
  let queue = Promise.resolve();
  form.addEventListener('change', () => {
    const next = {
      model: model.value,
      params: params.value,
      input: input.value,
      neurons: clamp(neurons, NEURONS, state.neurons),
      steps: clamp(steps, STEPS, state.steps),
    };
    const changed = Object.keys(next).some((k) => next[k] !== state[k]);
    state = next;
    syncForm();
    showNotice([]);
    if (changed) queue = queue.then(remount);
  });
  form.addEventListener('submit', (e) => e.preventDefault());

  // A playground link opened in this tab: its choices replace the page's (its figure settings come with it).
  onLinkFollowed((parsed) => {
    const link = choicesFromHash(`#${parsed.keep.join('&')}`);
    if (!link.named) return;
    const same = Object.keys(link.choices).every((k) => link.choices[k] === state[k]);
    showNotice(link.problems);
    if (same) return;
    state = link.choices;
    syncForm();
    queue = queue.then(() => slot.replaceChildren(figureFor(playgroundSpec(state))));
  });

  syncForm();
  showNotice(start.problems);
  setPageParts(choicesToParts(state)); // written with the next change: a bad choice from the link is dropped
  slot.append(figureFor(playgroundSpec(state)));
}
