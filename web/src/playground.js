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

// Every model, keyword, default, range, label and state name comes from the core's catalogue
// (snn.catalogue(), see wasm/index.d.ts): the page only chooses which of them the playground shows.
const slider = (key, path, label, min, max, step) => ({ key, path, label, min, max, step });
const choice = (key, path, label, options) => ({ key, path, label, options });
const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);

export const STEPS = { min: 10, max: 1000, default: 200 };
export const NEURONS = { min: 1, max: 100, default: 1 };
export const DEFAULTS = { model: 'Leaky', params: 'RC', input: 'step', neurons: NEURONS.default, steps: STEPS.default };

// A catalogue field's typical range as a slider's bounds ("num_steps" follows the number of steps).
function typicalMax(typical, steps) {
  if (typical.max === 'num_steps') return steps;
  if (typical.max === 'num_steps-1') return steps - 1;
  return typical.max;
}

// The value a control starts at: the field's example (a value that shows it well), else its default when
// that lies in the typical range, else the middle of the range.
function startValue(field, steps) {
  if (field.example !== undefined) return field.example;
  const t = field.typical;
  const inRange = (v) => typeof v !== 'number' || !t || (v >= t.min && v <= typicalMax(t, steps));
  if (field.default !== undefined && field.default !== null && inRange(field.default)) return field.default;
  return t ? (t.min + typicalMax(t, steps)) / 2 : field.default;
}

// A control for a catalogue field at `path`: a slider over its typical range, or its choices (the
// starting value first).
function controlFor(field, key, path, steps, label = field.label) {
  const text = capital(label || field.name);
  const start = startValue(field, steps);
  if (field.type === 'bool') return choice(key, path, text, [start, !start]);
  if (field.choices) return choice(key, path, text, [start, ...field.choices.filter((c) => c !== start)]);
  const t = field.typical;
  return slider(key, path, text, t.min, typicalMax(t, steps), t.step);
}

// Keywords a control is made for: those that change forward values and have a range or choices.
const controllable = (k) => k.forward && (k.typical || k.choices || k.type === 'bool');

// A parameterisation's name (Lapicque: "beta", "RC", "betaR", "betaC") and label, from its keywords.
const formName = (form) => form.join('');
function formLabel(model, form) {
  const labels = form.map((name) => model.keywords.find((k) => k.name === name).label || name);
  return capital(form.length === 1 ? `${labels[0]} alone` : labels.join(' and '));
}

// Inputs: the catalogue's generator, the fields the playground exposes as controls, how to plot it, and
// whether several neurons make sense (each then gets its own value or random draws).
const INPUTS = {
  constant: { generator: 'constant', label: 'constant current', raster: false, perNeuron: false, fields: ['value'] },
  step: { generator: 'step', label: 'step current', raster: false, perNeuron: false, fields: ['amplitude', 'start'] },
  pulse: { generator: 'pulses', label: 'one current pulse', raster: false, perNeuron: false, fields: ['amplitude', 'start', 'width'] },
  periodic: { generator: 'periodic', label: 'periodic spikes', raster: true, perNeuron: false, fields: ['period', 'amplitude', 'start'] },
  sine: { generator: 'sine', label: 'sine current', raster: false, perNeuron: false, fields: ['amplitude', 'period', 'phase', 'offset', 'start'] },
  ramp: { generator: 'ramp', label: 'ramp current', raster: false, perNeuron: false, fields: ['from', 'to', 'start'] },
  noise: { generator: 'noise', label: 'noise current', raster: false, perNeuron: true, fields: ['low', 'high'], seeded: true },
  rate: {
    generator: 'rate', label: 'rate-coded spikes (spikegen.rate)', raster: true, perNeuron: true, seeded: true,
    fields: ({ neurons }) => [...(neurons > 1 ? [] : ['p']), 'gain', 'offset', 'first_spike_time', 'amplitude'],
  },
  latency: {
    generator: 'latency', label: 'latency-coded spikes (spikegen.latency)', raster: true, perNeuron: true,
    fields: ({ neurons }) => [...(neurons > 1 ? [] : ['values']), 'tau', 'threshold', 'linear', 'normalize', 'clip', 'bypass', 'first_spike_time', 'on_target'],
  },
  delta: {
    // One neuron: a line, which shows the sign of the off spikes (−1); several: a raster of them all.
    generator: 'delta', label: 'delta-modulated spikes (spikegen.delta)', raster: ({ neurons }) => neurons > 1, perNeuron: true, seeded: true,
    fields: ['threshold', 'off_spike', 'padding'],
  },
};

// Values for an encoder over several neurons: an even spread, so the raster reads from weak to strong.
// (Input data, not neuron arithmetic: the core encodes them.)
const spread = (n, from) => Array.from({ length: n }, (_, i) => Math.round(1000 * (from === 0 ? (n === 1 ? 0.5 : i / (n - 1)) : (i + 1) / n)) / 1000);

// What the playground feeds beyond the exposed fields' starting values: several neurons get a spread of
// values; delta encodes a signal that rises, falls and carries some noise.
function inputExtras(name, { steps, neurons }) {
  if (name === 'rate' && neurons > 1) return { values: spread(neurons, 0) };
  if (name === 'latency' && neurons > 1) return { values: spread(neurons, 1), normalize: true };
  if (name === 'delta') {
    return { of: { sum: [
      { step: { amplitude: 0.5, start: Math.round(steps * 0.2) } },
      { step: { amplitude: -0.8, start: Math.round(steps * 0.6) } },
      { noise: { low: 0, high: 0.05 } },
    ] } };
  }
  return {};
}

// The delta signal's own controls (the parts of the signal above).
const DELTA_SIGNAL = [
  slider('rise', 'input.delta.of.sum.0.step.amplitude', 'Signal rise', 0, 1, 0.01), slider('riseAt', 'input.delta.of.sum.0.step.start', 'Rises at step', 0, 'steps', 1),
  slider('fall', 'input.delta.of.sum.1.step.amplitude', 'Signal fall', -1, 0, 0.01), slider('fallAt', 'input.delta.of.sum.1.step.start', 'Falls at step', 0, 'steps', 1),
  slider('noise', 'input.delta.of.sum.2.noise.high', 'Signal noise', 0, 0.5, 0.005),
];

const modelsOf = (catalogue) => catalogue.models.filter((m) => m.version !== '0.2.11');

/** The choices the playground offers, from the catalogue: models, Lapicque's parameterisations, inputs. */
export function playgroundChoices(catalogue) {
  const lapicque = catalogue.models.find((m) => m.name === 'Lapicque');
  return { models: modelsOf(catalogue).map((m) => m.name), params: lapicque.forms.map(formName), inputs: Object.keys(INPUTS) };
}

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
export function playgroundSpec(choices, catalogue) {
  const { model, input, steps } = { ...DEFAULTS, ...choices };
  const params = choices.params || DEFAULTS.params;
  const neurons = neuronsFor({ ...DEFAULTS, ...choices });
  const m = catalogue.models.find((x) => x.name === model);
  const i = INPUTS[input];
  const ctx = { steps, neurons, params };

  // The model's keywords: a parameterisation's (for a model of several) and the rest.
  const form = m.forms.length ? m.forms.find((f) => formName(f) === params) || m.forms[0] : null;
  const alternatives = new Set(m.forms.flat());
  const keywords = m.keywords.filter((k) => controllable(k) && (!alternatives.has(k.name) || form.includes(k.name)));
  const constructor = Object.fromEntries(keywords.map((k) => [k.name, startValue(k, steps)]));
  const modelControls = keywords.map((k) => controlFor(k, k.name, `constructor.${k.name}`, steps));

  // The input: the generator's exposed fields at their starting values, and the playground's extras.
  const generator = catalogue.generators.find((g) => g.name === i.generator);
  const exposed = typeof i.fields === 'function' ? i.fields(ctx) : i.fields;
  const body = {};
  const inputControls = [];
  for (const name of exposed) {
    const field = generator.fields.find((f) => f.name === name);
    body[name] = startValue(field, steps);
    const path = i.generator === 'pulses' ? `input.pulses.0.${name}` : `input.${i.generator}.${name}`;
    inputControls.push(controlFor(field, `${i.generator}_${name}`, path, steps));
  }
  Object.assign(body, inputExtras(input, ctx));
  if (input === 'delta') inputControls.push(...DELTA_SIGNAL);
  const seed = catalogue.scenario.find((f) => f.name === 'seed');
  if (i.seeded) inputControls.push(controlFor(seed, 'seed', 'seed', steps));

  const timing = catalogue.scenario.find((f) => f.name === 'spike_timing');
  const scenario = {
    model, constructor, num_steps: steps, num_neurons: neurons, seed: 1,
    spike_timing: timing.choices[0], init: { mem: 0 }, input: { [i.generator]: i.generator === 'pulses' ? [body] : body },
  };
  const raster = typeof i.raster === 'function' ? i.raster(ctx) : i.raster;
  const rasterHeight = neurons > 1 ? Math.min(240, 80 + 2 * neurons) : undefined;
  const what = neurons > 1 ? `${neurons} ${model} neurons` : `${model} neuron`;
  const initial = slider('u0', 'init.mem', 'Initial membrane U0', -1, 2, 0.05);
  return {
    id: `pg-${model}-${input}`.toLowerCase(),
    title: `${what}, ${i.label}, ${steps} steps`,
    caption: `${capital(m.summary)}: ${m.update}.`,
    scenario,
    panels: [
      { type: raster ? 'input-raster' : 'input', yLabel: 'input', ...(raster && rasterHeight ? { height: rasterHeight } : {}) },
      ...m.states.filter((s) => s !== 'mem').map((s) => ({ type: 'state', array: s, yLabel: s })),
      { type: 'membrane' },
      { type: 'spikes', yLabel: 'spikes', ...(rasterHeight ? { height: rasterHeight } : {}) },
    ],
    controls: [...modelControls, initial, controlFor(timing, 'timing', 'spike_timing', steps), ...inputControls]
      .map((c) => (c.options ? { ...c } : { ...c, max: resolveMax(c.max, steps) })),
  };
}

// ------------------------------------------------------------------------------------------ URL

const whole = (text) => (typeof text === 'string' && /^\d{1,7}$/.test(text) ? Number(text) : NaN);

/**
 * Reads the choices from the hash's page parts. Unknown or out-of-range choices give the defaults and a
 * line in `problems` (shown to the reader; never inserted as HTML).
 */
export function choicesFromHash(hash, catalogue) {
  const CHOICES = playgroundChoices(catalogue);
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

const hasForms = (model, catalogue) => catalogue.models.find((m) => m.name === model).forms.length > 0;

// The page parts for a set of choices: only the ones that apply (Lapicque's parameters, neurons for
// inputs that have several).
export function choicesToParts(choices, catalogue) {
  const parts = [`playground.model=${choices.model}`];
  if (hasForms(choices.model, catalogue)) parts.push(`playground.params=${choices.params}`);
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

export async function mountPlayground(root) {
  const snn = await getSnn();
  const catalogue = snn.catalogue();
  const lapicque = catalogue.models.find((m) => m.name === 'Lapicque');
  const start = choicesFromHash(location.hash, catalogue);
  let state = start.choices;

  const form = document.createElement('form');
  form.className = 'playground-choices';
  form.setAttribute('aria-label', 'Playground choices');
  const model = select('model', modelsOf(catalogue).map((m) => [m.name, m.title]), state.model);
  const params = select('params', lapicque.forms.map((f) => [formName(f), formLabel(lapicque, f)]), state.params);
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
    paramsLabel.hidden = !hasForms(state.model, catalogue);
    neuronsLabel.hidden = !INPUTS[state.input].perNeuron;
  };

  const figureFor = (spec) => {
    const figure = document.createElement('snn-figure');
    figure.setAttribute('spec', JSON.stringify(spec));
    figure.setAttribute('sync-url', '');
    return figure;
  };

  // A choice changed in the form: a new figure, carrying the settings that still apply, and the URL now.
  const remount = async () => {
    const spec = playgroundSpec(state, catalogue);
    const old = slot.querySelector('snn-figure');
    const carried = carriedValues(old, spec, snn);
    const controls = spec.controls.map((c) => ({ ...c, default: getPath(spec.scenario, c.path) }));
    const standIn = { figureId: spec.id, controls, values: { ...Object.fromEntries(controls.map((c) => [c.key, c.default])), ...carried } };
    slot.replaceChildren();
    setPageParts(choicesToParts(state, catalogue));
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
    const link = choicesFromHash(`#${parsed.keep.join('&')}`, catalogue);
    if (!link.named) return;
    const same = Object.keys(link.choices).every((k) => link.choices[k] === state[k]);
    showNotice(link.problems);
    if (same) return;
    state = link.choices;
    syncForm();
    queue = queue.then(() => slot.replaceChildren(figureFor(playgroundSpec(state, catalogue))));
  });

  syncForm();
  showNotice(start.problems);
  setPageParts(choicesToParts(state, catalogue)); // written with the next change: a bad choice from the link is dropped
  slot.append(figureFor(playgroundSpec(state, catalogue)));
}
