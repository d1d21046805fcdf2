// The playground: choose a model, an input and the number of steps; the page builds a figure spec (a
// Scenario with panels and controls) and mounts an <snn-figure> for it. Choices live in the URL hash
// (playground.model=..., playground.input=..., playground.steps=...) beside the figure's own settings.
const MODELS = {
  Leaky: { constructor: { beta: 0.8, threshold: 1, reset_mechanism: 'subtract' }, states: [],
    controls: [['beta', 'constructor.beta', 'Decay β', 0, 0.999, 0.001]] },
  Synaptic: { constructor: { alpha: 0.9, beta: 0.8, threshold: 1, reset_mechanism: 'subtract' }, states: ['syn'],
    controls: [['alpha', 'constructor.alpha', 'Synaptic decay α', 0, 0.999, 0.001], ['beta', 'constructor.beta', 'Membrane decay β', 0, 0.999, 0.001]] },
  Alpha: { constructor: { alpha: 0.9, beta: 0.8, threshold: 0.5, reset_mechanism: 'zero' }, states: ['syn_exc', 'syn_inh'],
    // alpha > beta is required; these ranges never meet, so no slider position is invalid.
    controls: [['alpha', 'constructor.alpha', 'Excitatory decay α', 0.81, 0.999, 0.001], ['beta', 'constructor.beta', 'Inhibitory decay β', 0, 0.8, 0.001]] },
  Lapicque: { constructor: { R: 5.1, C: 0.005, time_step: 0.001, threshold: 1, reset_mechanism: 'subtract' }, states: [],
    controls: [['R', 'constructor.R', 'Resistance R', 0.5, 20, 0.1], ['C', 'constructor.C', 'Capacitance C', 0.0005, 0.02, 0.0005]] },
};

const INPUTS = {
  step: { input: { step: { amplitude: 0.3, start: 10 } }, raster: false,
    controls: [['amp', 'input.step.amplitude', 'Current', 0, 2, 0.01], ['start', 'input.step.start', 'Starts at step', 0, 'steps', 1]] },
  pulse: { input: { pulses: [{ start: 10, width: 5, amplitude: 0.5 }] }, raster: false,
    controls: [['amp', 'input.pulses.0.amplitude', 'Pulse height', 0, 3, 0.01], ['width', 'input.pulses.0.width', 'Pulse width', 1, 100, 1]] },
  periodic: { input: { periodic: { period: 10, amplitude: 0.5 } }, raster: true,
    controls: [['period', 'input.periodic.period', 'Period', 1, 100, 1], ['amp', 'input.periodic.amplitude', 'Spike weight', 0, 3, 0.01]] },
  rate: { input: { rate: { p: 0.3, amplitude: 0.5 } }, raster: true,
    controls: [['p', 'input.rate.p', 'Spike probability', 0, 1, 0.01], ['amp', 'input.rate.amplitude', 'Spike weight', 0, 3, 0.01], ['seed', 'seed', 'Seed', 0, 999, 1]] },
  latency: { input: { latency: { values: 0.5, tau: 5, threshold: 0.01 } }, raster: true,
    controls: [['value', 'input.latency.values', 'Encoded value', 0, 1, 0.01], ['tau', 'input.latency.tau', 'Latency τ', 0.5, 50, 0.5]] },
  noise: { input: { noise: { low: 0, high: 0.5 } }, raster: false,
    controls: [['high', 'input.noise.high', 'Noise up to', 0, 2, 0.01], ['seed', 'seed', 'Seed', 0, 999, 1]] },
};

// A max of 'steps' follows the chosen number of steps.
const control = ([key, path, label, min, max, step], steps) => ({ key, path, label, min, max: max === 'steps' ? steps : max, step });

export function playgroundSpec(model, input, steps) {
  const m = MODELS[model];
  const i = INPUTS[input];
  const scenario = { model, constructor: { ...m.constructor }, num_steps: steps, seed: 1, input: structuredClone(i.input) };
  return {
    id: `pg-${model}-${input}`.toLowerCase(),
    title: `${model} neuron, ${input} input, ${steps} steps`,
    scenario,
    panels: [
      { type: i.raster ? 'input-raster' : 'input', yLabel: 'input' },
      ...m.states.map((s) => ({ type: 'state', array: s, yLabel: s })),
      { type: 'membrane' },
      { type: 'spikes', yLabel: 'spikes' },
    ],
    controls: [
      ...m.controls.map((c) => control(c, steps)),
      control(['thr', 'constructor.threshold', 'Threshold', 0.05, 3, 0.05], steps),
      { key: 'reset', path: 'constructor.reset_mechanism', label: 'Reset mechanism', options: ['subtract', 'zero', 'none'] },
      ...i.controls.map((c) => control(c, steps)),
    ],
  };
}

function choice(params, name, allowed, fallback) {
  const v = params.get(`playground.${name}`);
  return allowed.includes(v) ? v : fallback;
}

export function mountPlayground(root) {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const state = {
    model: choice(params, 'model', Object.keys(MODELS), 'Leaky'),
    input: choice(params, 'input', Object.keys(INPUTS), 'step'),
    steps: Math.min(1000, Math.max(10, Math.round(Number(params.get('playground.steps')) || 200))),
  };
  const form = document.createElement('form');
  form.className = 'playground-choices';
  const select = (name, label, options) => {
    const wrap = document.createElement('label');
    wrap.textContent = `${label} `;
    const s = document.createElement('select');
    s.name = name;
    for (const o of options) s.append(new Option(o, o, false, o === state[name]));
    wrap.append(s);
    form.append(wrap);
    return s;
  };
  select('model', 'Model', Object.keys(MODELS));
  select('input', 'Input', Object.keys(INPUTS));
  const stepsLabel = document.createElement('label');
  stepsLabel.textContent = 'Steps ';
  const steps = Object.assign(document.createElement('input'), { type: 'number', min: 10, max: 1000, step: 10, value: state.steps, name: 'steps' });
  stepsLabel.append(steps);
  form.append(stepsLabel);
  const slot = document.createElement('div');
  root.append(form, slot);

  const mount = () => {
    const figure = document.createElement('snn-figure');
    figure.setAttribute('spec', JSON.stringify(playgroundSpec(state.model, state.input, state.steps)));
    slot.replaceChildren(figure);
  };
  form.addEventListener('change', () => {
    state.model = form.elements.model.value;
    state.input = form.elements.input.value;
    state.steps = Math.min(1000, Math.max(10, Math.round(Number(steps.value)) || 200));
    steps.value = state.steps;
    history.replaceState(null, '', `#playground.model=${state.model}&playground.input=${state.input}&playground.steps=${state.steps}`);
    mount();
  });
  form.addEventListener('submit', (e) => e.preventDefault());
  mount();
}
