// The step inspector: a disclosure under a figure's plots that shows the model's update at one step — the
// catalogue's equations (equations.js) in snnTorch's and the tutorial's notation and again with that step's
// numbers, which reset applied and why, and the spike decision — for the step under the pointer, the
// keyboard's cursor or the animation, and the neuron (raster row, line, small plot) or layer it points at.
// It reads the figure's traces and the resolved Scenarios of the last run (figure.resolved, which the run
// makes while the inspector is open) and never calls the core: what it shows is what the core computed.
// Closed, it costs nothing: it is left alone until it opens.
import { el } from './dom.js';
import { modelEntry } from './catalogue.js';
import { numberText, stepEquations } from './equations.js';

// "mem1[0:9]" in a Scenario's record: the neurons an array keeps.
function recordedRange(record, name) {
  for (const entry of Array.isArray(record) ? record : []) {
    const m = /^(\w+)\[(\d*):(\d*)\]$/.exec(entry);
    if (m && m[1] === name) return { first: m[2] ? Number(m[2]) : 0, end: m[3] ? Number(m[3]) : Infinity };
  }
  return { first: 0, end: Infinity };
}

// The array a panel shows, by the names of the trace ('input' for the input rasters).
function panelArray(panel) {
  if (panel.type === 'membrane') return 'mem';
  if (panel.type === 'spikes') return 'spk';
  if (panel.type === 'input' || panel.type === 'input-raster') return 'input';
  return panel.array || '';
}

// Whether the figure shows a neuron (an encoder's figure shows only the spikes it made).
export function showsNeurons(spec) {
  return (spec.panels || []).some((p) => ['membrane', 'spikes', 'state', 'multiples'].includes(p.type) || (p.type === 'raster' && /^(spk|mem|syn)/.test(p.array || '')));
}

/**
 * The run behind one variant of the figure, as equations.js reads it, for neuron layer `layer` of a network
 * (1, 2, ...; a population has none). Null until the figure has resolved its Scenarios.
 */
function runOf(figure, catalogue, variant, layer, neuron) {
  const scenario = figure.resolved && figure.resolved[variant];
  const trace = figure.traces && figure.traces[variant];
  if (!scenario || !trace) return null;
  const network = Array.isArray(scenario.layers);
  const neuronLayers = network ? scenario.layers.filter((l) => l.type !== 'Linear') : [];
  const k = network ? Math.min(Math.max(1, layer || 1), neuronLayers.length) : 0;
  const keywords = network ? neuronLayers[k - 1] : scenario.constructor;
  const model = modelEntry(catalogue, network ? keywords.type : scenario.model);
  const suffix = network ? String(k) : '';
  const at = (name, t) => {
    const arr = name === 'input' ? trace.input : trace.get(name);
    if (!arr) return `${name} is not recorded by this figure`;
    const { first, end } = name === 'input' ? { first: 0, end: Infinity } : recordedRange(scenario.record, name);
    if (neuron < first || neuron >= end) return `this figure records ${name} of neurons ${first}–${end - 1} only`;
    const steps = arr.shape[0];
    const width = arr.data.length / steps;
    if (neuron - first >= width) return `${name} has no neuron ${neuron}`;
    return arr.data[t * width + neuron - first];
  };
  return {
    model,
    network,
    layer: k,
    layers: neuronLayers.length,
    trace,
    keywords,
    init: network ? {} : scenario.init,
    timing: network ? model.spike_timing : scenario.spike_timing,
    arrays: Object.fromEntries(model.states.map((s) => [s, s + suffix])),
    input: network ? `cur${k}` : 'input',
    spike: `spk${suffix}`,
    at,
  };
}

// A line's segments as spans: values carry data-term (the catalogue's term) so that a test can check them.
function lineElement(segments, className) {
  const code = el('code', { class: className });
  for (const s of segments) {
    if (!s.term) code.append(s.text);
    else code.append(el('span', { class: 'value' in s ? 'eq-value' : 'eq-term', 'data-term': s.term, text: s.text }));
  }
  return code;
}

const stepOf = (at) => (typeof at === 'number' ? at : null);

export function stepInspector(figure) {
  const catalogue = figure.snn.catalogue();
  const element = el('details', { class: 'figure-inspector', part: 'inspector' }, el('summary', { text: 'Step inspector: the update equation at the cursor' }));
  const body = el('div', { class: 'inspector-body' });
  element.append(body);
  // Where to look: the step and what it belongs to (variant, network layer, neuron or small plot).
  const target = { step: null, variant: 0, layer: 0, neuron: 0 };
  // What the body shows: the place and the trace it was filled in from.
  let shown = '';
  let shownTrace = null;
  let lastCursor = null;

  const render = () => {
    if (!element.open || !figure.traces) return;
    const numSteps = figure.trace.numSteps;
    const run = runOf(figure, catalogue, target.variant, target.layer, target.neuron);
    if (!run) {
      if (shown !== 'waiting') body.replaceChildren(el('p', { text: 'Waiting for the next run…' }));
      shown = 'waiting';
      return;
    }
    let step = target.step;
    if (step === null) {
      // Nothing pointed at yet: the neuron's first spike, else the first step.
      step = 0;
      for (let t = 0; t < numSteps; t++) if (stepOf(run.at(run.spike, t))) { step = t; break; }
    }
    step = Math.max(0, Math.min(numSteps - 1, step));
    const key = `${step}/${target.variant}/${run.layer}/${target.neuron}`;
    if (shown === key && shownTrace === run.trace) return;
    shown = key;
    shownTrace = run.trace;
    body.replaceChildren(...describe(figure, run, step, target));
    Object.assign(body.dataset, { step: String(step), variant: String(target.variant), layer: String(run.layer), neuron: String(target.neuron) });
  };

  element.addEventListener('toggle', () => {
    shown = '';
    // The resolved Scenarios come with a run: run once now (the next runs make them while it is open).
    if (element.open) figure.simulate();
  });

  return {
    element,
    get open() {
      return element.open;
    },
    // The pointer or the keyboard's cursor is at `hit` on `panel`.
    follow(panel, hit) {
      // Only a time axis has steps (not a bar chart of counts, nor a sweep's curve).
      if (!hit || typeof hit.index !== 'number' || !panel.layout || !['lines', 'raster', 'multiples'].includes(panel.layout.kind)) return;
      target.step = hit.index;
      const array = panelArray(panel);
      const layer = /(\d+)$/.exec(array);
      const options = panel.drawn ? panel.drawn.options : {};
      const kind = panel.layout.kind;
      if (array === 'input' && Array.isArray(figure.spec.scenario.layers)) {
        // A network's input rows are not neurons: only the step moves.
      } else if (kind === 'lines') {
        const source = (options.series && options.series[hit.series || 0] && options.series[hit.series || 0].source) || {};
        target.variant = source.variant || 0;
        target.neuron = source.neuron || 0;
      } else if (kind === 'raster' && array !== 'input') {
        if (options.rowsAre === 'variants') target.variant = hit.row;
        else target.neuron = hit.row;
      } else if (kind === 'multiples') {
        const scenario = figure.resolved ? figure.resolved[0] : null;
        target.neuron = recordedRange(scenario && scenario.record, array).first + hit.cell;
      }
      if (layer) target.layer = Number(layer[1]);
      render();
    },
    // After every draw: the animation's step (while it moves), and a new run's numbers.
    drawn() {
      if (!element.open) return;
      if (figure.spec.animate && figure.cursor !== lastCursor) {
        lastCursor = figure.cursor;
        target.step = Math.max(0, figure.cursor - 1);
      }
      render();
    },
  };
}

// The inspector's content for one step of one run.
function describe(figure, run, step, target) {
  const { model } = run;
  const filled = stepEquations(model, run, step, target.neuron);
  const symbol = (name) => filled.terms.get(name).tutorial;
  const number = (name) => {
    const v = filled.values.get(name);
    return v && 'value' in v ? numberText(v.value) : null;
  };
  const variant = figure.variants()[target.variant];
  const where = [`Step ${step} (trace row ${step}; ${symbol(filled.reset.previous || 'mem_prev')} is ${step > 0 ? `row ${step - 1}` : 'the initial state'})`];
  if (run.network) where.push(`layer ${run.layer} of ${run.layers} (${model.title})`);
  else where.push(model.title);
  where.push(`neuron ${target.neuron}`);
  if (variant) where.push(variant.label);
  const parts = [el('p', { class: 'inspector-where', text: `${where.join(' · ')}.` })];
  const code = model.snntorch_class ? 'snnTorch' : 'the notebook';
  const grid = el('div', { class: 'inspector-lines' });
  for (const line of filled.lines) {
    grid.append(
      el('span', { class: 'inspector-label', text: code }), lineElement(line.snntorch, 'eq-snntorch'),
      el('span', { class: 'inspector-label', text: 'tutorial' }), lineElement(line.tutorial, 'eq-tutorial'),
      el('span', { class: 'inspector-label', text: `step ${step}` }), lineElement(line.numbers, 'eq-numbers'),
    );
  }
  parts.push(grid);
  // Which reset applied, and why: the flag is H(U − θ) of the membrane the step began with.
  const reset = filled.reset.value;
  const previous = filled.reset.previous;
  const threshold = `${symbol('threshold')} = ${number('threshold')}`;
  let resetText;
  if (!('value' in reset)) resetText = `Reset: not known (${reset.missing}).`;
  else if (reset.value === 1) {
    const spiked = step > 0 && stepOf(run.at(run.spike, step - 1)) ? `; step ${step - 1} spiked` : step === 0 ? ' (its initial state)' : '';
    resetText = `Reset on: the membrane the step began with, ${symbol(previous)} = ${number(previous)}, is above ${threshold}${spiked}. So ${filled.branch}.`;
  } else {
    resetText = `Reset off: ${symbol(previous)} = ${number(previous)} is not above ${threshold}, so nothing is reset this step.`;
  }
  parts.push(el('p', { class: 'inspector-reset', 'data-reset': 'value' in reset ? String(reset.value) : '', text: resetText }));
  // The spike decision, as the trace has it.
  const spike = filled.spike.value;
  if ('value' in spike) {
    const fired = spike.value !== 0;
    const from = filled.spike.from;
    const value = number(from);
    parts.push(el('p', {
      class: 'inspector-spike',
      'data-spike': String(spike.value),
      text: `Spike: ${symbol('spk')} = ${numberText(spike.value)}: ${symbol(from)}${value === null ? '' : ` = ${value}`} is ${fired ? 'above' : 'not above'} ${threshold}${value === null ? ' (the trace keeps only the value after the reset)' : ''}.`,
    }));
  } else {
    parts.push(el('p', { class: 'inspector-spike', text: `Spike: not known (${spike.missing}).` }));
  }
  if (filled.missing.length) {
    parts.push(el('p', { class: 'inspector-missing', text: `Shown as symbols: ${filled.missing.map((m) => `${m.symbol} (${m.why})`).join('; ')}.` }));
  }
  parts.push(el('p', { class: 'inspector-hint', text: 'Point at a plot, or focus one and use the arrow keys, to choose the step and the neuron.' }));
  return parts;
}
