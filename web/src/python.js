// "Export snnTorch code": turns a Scenario into a Python script that reproduces the figure with snnTorch
// 0.9.4. Deterministic inputs become the same torch expressions. Random inputs (rate-coded spikes, noise,
// {"uniform"} values) and a network's default weights come from the page's own seeded PCG32, which torch
// cannot reproduce, so the script carries a short pure-Python copy of that generator and of the core's
// float32 formulas and regenerates exactly the values the figure used. Only inputs with nothing to
// regenerate here (explicit rows, latency and delta codes) are written out, from the trace.
const CLASS = {
  Lapicque: 'Lapicque', 'Lapicque(v0.2.11)': 'Lapicque',
  Leaky: 'Leaky',
  Synaptic: 'Synaptic', Stein: 'Synaptic', 'Stein(v0.2.11)': 'Synaptic',
  Alpha: 'Alpha', SRM0: 'Alpha',
};
const STATES = { Lapicque: ['mem'], Leaky: ['mem'], Synaptic: ['syn', 'mem'], Alpha: ['syn_exc', 'syn_inh', 'mem'] };

// Python literal of a JSON value.
function py(value) {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return "float('nan')";
    if (!Number.isFinite(value)) return value > 0 ? "float('inf')" : "-float('inf')";
    return String(value); // JavaScript's shortest round-trip text is also a valid Python literal
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return `[${Array.from(value, py).join(', ')}]`;
  return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${py(v)}`).join(', ')}}`;
}

const PY_KEYWORDS = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass',
  'raise', 'return', 'try', 'while', 'with', 'yield']);

// Keyword arguments; a key that is not a Python identifier goes through **{...} so the code stays valid.
function kwargs(object) {
  const plain = [];
  const other = [];
  for (const [k, v] of Object.entries(object || {})) {
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) && !PY_KEYWORDS.has(k)) plain.push(`${k}=${py(v)}`);
    else other.push(`${JSON.stringify(k)}: ${py(v)}`);
  }
  if (other.length) plain.push(`**{${other.join(', ')}}`);
  return plain.join(', ');
}

// A float32 tensor from a Python list expression, or from a value (torch.tensor of whole numbers would
// otherwise be int64).
function floatTensor(expr) {
  return `torch.tensor(${expr}, dtype=torch.float32)`;
}
function tensor(value) {
  return floatTensor(py(value));
}

// The page's random generator in plain Python, one piece per use, emitted only when the script needs it.
// It mirrors core/src/rng.cpp, generators.cpp, encoders.cpp (rate) and linear.cpp (initDefault); the
// tests run it and compare its values with the core's, bit for bit.
const RNG_PARTS = {
  base: `# The page does not use torch's random numbers: its random spike trains, noise and default weights
# come from its own seeded generator (PCG32), so that a seed gives the same values in every browser.
# These lines redo that generator and the page's float32 arithmetic in plain Python, so what they
# return is, bit for bit, what the figure used. Integers are kept to 64 bits by masking; a float32
# operation is done in double (exact enough for one +, -, * or /) and then rounded to float32.
from array import array
from itertools import islice
import math

MASK64 = (1 << 64) - 1


def f32(values):
    """Each number rounded to the nearest float32."""
    return array('f', values).tolist()


def pcg32_floats(seed, stream=0x5851F42D4C957F2D):
    """Endless draws in [0, 1): the top 24 bits of each 32-bit PCG32 output, divided by 2**24."""
    mult = 6364136223846793005
    inc = ((stream << 1) | 1) & MASK64
    state = ((inc + seed) * mult + inc) & MASK64  # from 0: one step, add the seed, one more step
    while True:
        old = state
        state = (old * mult + inc) & MASK64
        xorshifted = (((old >> 18) ^ old) >> 27) & 0xFFFFFFFF
        rot = old >> 59
        word = ((xorshifted >> rot) | (xorshifted << (32 - rot))) & 0xFFFFFFFF
        yield (word >> 8) / 16777216.0
`,
  uniform: `

def uniform(n, low, high, seed, stream):
    """n draws of low + u*(high - low), every operation in float32."""
    low, high = f32([low, high])
    span = f32([high - low])[0]
    scaled = f32([u * span for u in islice(pcg32_floats(seed, stream), n)])
    return f32([low + s for s in scaled])
`,
  rate_spikes: `

def rate_spikes(p, num_steps, seed, stream, gain=1.0, offset=0.0, first_spike_time=0):
    """Rate coding: at each step element e spikes (1.0) when its draw is below clamp(p[e]*gain + offset,
    0, 1). Rows before first_spike_time are drawn too, then silenced."""
    gain, offset = f32([gain, offset])
    prob = [min(max(q, 0.0), 1.0) for q in f32([s + offset for s in f32([v * gain for v in f32(p)])])]
    draws = pcg32_floats((seed * 0x9E3779B97F4A7C15 + stream) & MASK64)  # the stream is folded into the seed
    spikes = []
    for step in range(num_steps):
        row = [1.0 if u < q else 0.0 for q, u in zip(prob, draws)]  # prob first: no draw is wasted at the end
        spikes += row if step >= first_spike_time else [0.0] * len(row)
    return spikes
`,
  rate_spikes_of: `

def rate_spikes_of(series, width, seed, stream, first_spike_time=0):
    """Rate coding of a time series: one draw per value, a spike when it is below clamp(value, 0, 1).
    first_spike_time silent rows of width values go first; the length stays the series' length."""
    draws = pcg32_floats((seed * 0x9E3779B97F4A7C15 + stream) & MASK64)
    spikes = [1.0 if u < min(max(v, 0.0), 1.0) else 0.0 for v, u in zip(f32(series), draws)]
    return ([0.0] * (first_spike_time * width) + spikes)[:len(series)]
`,
  linear_init: `

def linear_init(n_in, n_out, seed, stream):
    """nn.Linear's default init, U(-1/sqrt(in), 1/sqrt(in)), drawn from the page's generator: the weights
    row by row in torch's [out][in] order, then the bias."""
    bound = f32([1.0 / math.sqrt(n_in)])[0]
    values = uniform(n_out * n_in + n_out, -bound, bound, seed, stream)
    return values[:n_out * n_in], values[n_out * n_in:]
`,
};

function rngLines(used) {
  if (!used.size) return [];
  if (used.has('linear_init')) used.add('uniform');
  const parts = ['base', 'uniform', 'rate_spikes', 'rate_spikes_of', 'linear_init'].filter((p) => p === 'base' || used.has(p));
  return [...parts.map((p) => RNG_PARTS[p]).join('').split('\n'), ''];
}

// Walks an input spec the way core/src/generators.cpp does and writes Python that leaves a float32
// tensor [steps][W] in `name` (W = batch x width values per step). Random streams are handed out as the
// core hands them out: one per noise, rate and {"uniform"} value, numbered from 1 in the order met.
// Returns false for an input with nothing to regenerate here (latency, delta).
function buildInput(spec, name, ctx) {
  const { lines } = ctx;
  const T = ctx.steps;
  const W = ctx.batch * ctx.width;
  if (Array.isArray(spec)) {
    lines.push(`${name} = ${tensor(spec)}.reshape(${T}, ${W})`);
    return true;
  }
  if (!spec || typeof spec !== 'object') return false;
  const [kind] = Object.keys(spec);
  const g = spec[kind];
  const amplitude = (v, sub) => (v === undefined ? '1.0' : valueText(v, sub, ctx));
  if (kind === 'constant') {
    lines.push(`${name} = torch.ones(${T}, ${W}) * ${amplitude(g.value, `${name}_value`)}`);
  } else if (kind === 'step' || kind === 'periodic') {
    const amp = amplitude(g.amplitude, `${name}_amplitude`);
    lines.push(`${name} = torch.zeros(${T}, ${W})`, `${name}[${g.start ?? 0}:${g.stop ?? T}${kind === 'periodic' ? `:${g.period}` : ''}] = ${amp}`);
  } else if (kind === 'pulses') {
    const amps = g.map((p, i) => amplitude(p.amplitude, `${name}_amplitude_${i}`));
    lines.push(`${name} = torch.zeros(${T}, ${W})`);
    g.forEach((p, i) => lines.push(`${name}[${p.start}:${p.start + (p.width ?? 1)}] += ${amps[i]}`));
  } else if (kind === 'noise') {
    ctx.used.add('uniform');
    lines.push(`${name} = ${floatTensor(`uniform(${T} * ${W}, ${py(g.low ?? 0)}, ${py(g.high ?? 1)}, seed=${g.seed ?? ctx.seed}, stream=${ctx.nextStream++})`)}.reshape(${T}, ${W})`);
  } else if (kind === 'rate') {
    const seed = g.seed ?? ctx.seed;
    const stream = ctx.nextStream++; // taken before any stream of its values or series
    const first = g.first_spike_time ? `, first_spike_time=${g.first_spike_time}` : '';
    if (g.of !== undefined) {
      if (!buildInput(g.of, `${name}_of`, ctx)) return false;
      ctx.used.add('rate_spikes_of');
      lines.push(`${name} = ${floatTensor(`rate_spikes_of(${name}_of.flatten().tolist(), ${W}, seed=${seed}, stream=${stream}${first})`)}.reshape(${T}, ${W})`);
    } else {
      const p = valueList(g.p ?? g.values, `${name}_p`, ctx);
      const opts = `${g.gain !== undefined ? `, gain=${py(g.gain)}` : ''}${g.offset !== undefined ? `, offset=${py(g.offset)}` : ''}${first}`;
      ctx.used.add('rate_spikes');
      lines.push(`${name} = ${floatTensor(`rate_spikes(${p}, ${T}, seed=${seed}, stream=${stream}${opts})`)}.reshape(${T}, ${W})`);
    }
    if (g.amplitude !== undefined) lines.push(`${name} = ${name} * ${py(g.amplitude)}`);
  } else if (kind === 'sum' && Array.isArray(g)) {
    for (let i = 0; i < g.length; i++) if (!buildInput(g[i], `${name}_${i}`, ctx)) return false;
    lines.push(`${name} = ${g.map((_, i) => `${name}_${i}`).join(' + ')}`);
  } else {
    return false;
  }
  return true;
}

// A per-element value as the core reads it: a number, one per input, [batch][width], or
// {"uniform": [low, high], "seed"?} drawn once per element (which takes the next stream).
// valueList gives a Python list of W values; valueText a number or a float32 tensor of W values.
function valueList(v, name, ctx) {
  const W = ctx.batch * ctx.width;
  if (typeof v === 'number') return W === 1 ? `[${py(v)}]` : `[${py(v)}] * ${W}`;
  if (Array.isArray(v)) return Array.isArray(v[0]) ? py(v.flat()) : ctx.batch > 1 ? `${py(v)} * ${ctx.batch}` : py(v);
  ctx.used.add('uniform');
  ctx.lines.push(`${name} = uniform(${W}, ${py(v.uniform[0])}, ${py(v.uniform[1])}, seed=${v.seed ?? ctx.seed}, stream=${ctx.nextStream++})`);
  return name;
}

function valueText(v, name, ctx) {
  return typeof v === 'number' ? py(v) : floatTensor(valueList(v, name, ctx));
}

// Python lines that build the input in `name` ([steps][W]), and the generator pieces they call; for an
// input with no generator to redo, the values the core used, from the trace.
function inputLines(scenario, trace, shape, name) {
  const ctx = { ...shape, seed: scenario.seed ?? 0, nextStream: 1, lines: [], used: new Set() };
  if (!Array.isArray(scenario.input) && buildInput(scenario.input, name, ctx)) return { lines: ctx.lines, used: ctx.used };
  const row = shape.batch * shape.width;
  const rows = [];
  for (let t = 0; t < shape.steps; t++) rows.push(Array.from(trace.input.data.subarray(t * row, (t + 1) * row)));
  return { lines: ['# The input as the core generated it (exact float32 values).', `${name} = ${tensor(rows)}`], used: new Set() };
}

export function toPython(scenario, trace) {
  const header = [
    '# snnTorch code for this figure, generated by snn-tutorial. Runs with snnTorch 0.9.4 and PyTorch (CPU).',
    '# Row k of each *_rec tensor is what the k-th call returned, as in the figure.',
    'import torch',
    'import torch.nn as nn',
    'import snntorch as snn',
    '',
  ];
  if (scenario.layers) return networkPython(scenario, trace, header);
  if (scenario.model === 'EulerLIF') return eulerPython(scenario, trace, header);
  const cls = CLASS[scenario.model];
  if (!cls) return `${header.join('\n')}# The model ${JSON.stringify(scenario.model)} is the tutorial's hand-written neuron, not an snnTorch class.\n`;
  const steps = trace.numSteps;
  const width = trace.input.data.length / steps;
  const states = STATES[cls];
  const kw = Object.hasOwn(scenario, 'constructor') ? scenario.constructor : {};
  const legacy = /\(v0\.2\.11\)$/.test(scenario.model);
  const before = scenario.spike_timing === 'before_update' || legacy;
  const input = inputLines(scenario, trace, { steps, batch: 1, width }, 'cur_in');
  const lines = [...header, ...rngLines(input.used), `num_steps = ${steps}`, `neuron = snn.${cls}(${kwargs(kw)})`];
  if (scenario.model === 'SRM0(v0.2.11)') lines.push('# SRM0 of snnTorch v0.2.11 is close to, but not the same model as, today\'s snn.Alpha.');
  else if (scenario.model !== cls) lines.push(`# ${scenario.model} is the old name of snn.${cls}.`);
  lines.push(...input.lines);
  lines.push(...initLines(scenario, states, width));
  if (before) lines.push('mem0 = mem.clone()');
  lines.push(...loopLines(states, `neuron(cur_in[step], ${states.join(', ')})`));
  if (before) {
    lines.push(
      '# The figure reports each spike from the membrane a step starts with (snnTorch <= 0.4.3 and the',
      '# notebooks\' hand-written neurons): the same states, every spike one row later.',
      'spk_rec = torch.cat([(mem0 > neuron.threshold).float().unsqueeze(0), spk_rec[:-1]])',
    );
  }
  lines.push('print(spk_rec.sum(0), mem_rec[-1])', '');
  return lines.join('\n');
}

function initLines(scenario, states, width) {
  return states.map((s) => {
    const init = scenario.init && scenario.init[s];
    return init === undefined ? `${s} = torch.zeros(${width})` : `${s} = ${tensor(Array.isArray(init) ? init : new Array(width).fill(init))}`;
  });
}

function loopLines(states, call) {
  const lines = [`spk_rec, ${states.map((s) => `${s}_rec`).join(', ')} = [], ${states.map(() => '[]').join(', ')}`];
  lines.push('for step in range(num_steps):');
  lines.push(`    spk, ${states.join(', ')} = ${call}`);
  lines.push('    spk_rec.append(spk)');
  for (const s of states) lines.push(`    ${s}_rec.append(${s})`);
  lines.push(`spk_rec = torch.stack(spk_rec)`);
  for (const s of states) lines.push(`${s}_rec = torch.stack(${s}_rec)`);
  return lines;
}

// EulerLIF is the tutorial's own hand-written neuron (forward Euler), not an snnTorch class: the code is
// the tutorial's function, with the figure's constants and reset.
function eulerPython(scenario, trace, header) {
  const steps = trace.numSteps;
  const width = trace.input.data.length / steps;
  const kw = Object.hasOwn(scenario, 'constructor') ? scenario.constructor : {};
  const missing = ['R', 'C', 'time_step'].filter((k) => typeof kw[k] !== 'number');
  if (missing.length) return `${header.join('\n')}# The model "EulerLIF" is the tutorial's hand-written neuron; this Scenario leaves ${missing.join(', ')} to the core's defaults.\n`;
  const threshold = kw.threshold ?? 1;
  const reset = kw.reset_mechanism ?? 'subtract';
  const after = scenario.spike_timing === 'after_update';
  const update = {
    subtract: ['    mem = mem + (time_step / tau_mem) * (-mem + cur * R) - spk * threshold'],
    zero: ['    mem = mem + (time_step / tau_mem) * (-mem + cur * R)', '    mem = mem - spk * mem'],
    none: ['    mem = mem + (time_step / tau_mem) * (-mem + cur * R)'],
  }[reset];
  if (!update) return `${header.join('\n')}# The reset mechanism ${JSON.stringify(String(reset))} is not one the tutorial's neuron knows.\n`;
  const input = inputLines(scenario, trace, { steps, batch: 1, width }, 'cur_in');
  const lines = [
    ...header.filter((l) => l !== 'import snntorch as snn' && l !== 'import torch.nn as nn'),
    ...rngLines(input.used),
    `num_steps = ${steps}`,
    '',
    "# The tutorial's hand-written leaky integrate-and-fire neuron (forward Euler), not an snnTorch class.",
    after ? '# This figure takes the spike from the updated membrane.' : '# The spike comes from the membrane the step starts with.',
    `def leaky_integrate_and_fire(mem, cur, threshold=${py(threshold)}, time_step=${py(kw.time_step)}, R=${py(kw.R)}, C=${py(kw.C)}):`,
    '    tau_mem = R * C',
    '    spk = (mem > threshold).float()',
    ...update,
    ...(after ? ['    spk = (mem > threshold).float()'] : []),
    '    return spk, mem',
    '',
    ...input.lines,
    ...initLines(scenario, ['mem'], width),
    ...loopLines(['mem'], 'leaky_integrate_and_fire(mem, cur_in[step])'),
    'print(spk_rec.sum(0), mem_rec[-1])',
    '',
  ];
  return lines.join('\n');
}

// A network: the Linear layers get the weights the figure used, given in the Scenario or drawn like the
// core's default init (one PCG32 stream per layer, 1000 + its index in `layers`), then the same loop.
function networkPython(scenario, trace, header) {
  const steps = trace.numSteps;
  const seed = scenario.seed ?? 0;
  const batch = trace.input.shape.length === 3 ? trace.input.shape[1] : 1;
  const width = trace.input.shape[trace.input.shape.length - 1];
  const input = inputLines(scenario, trace, { steps, batch, width }, 'x');
  const used = new Set(input.used);
  const lines = [`num_steps = ${steps}`];
  for (let k = 0; k < scenario.layers.length; k += 2) {
    const lin = scenario.layers[k];
    const { type, ...kw } = scenario.layers[k + 1];
    const fc = `fc${k / 2 + 1}`;
    const hasBias = lin.bias !== false;
    lines.push('', `${fc} = nn.Linear(${lin.in}, ${lin.out}${hasBias ? '' : ', bias=False'})`);
    if (!lin.weight || (hasBias && !Array.isArray(lin.bias))) {
      used.add('linear_init');
      lines.push(
        `# ${lin.weight ? 'The bias' : 'The weights'} the figure drew (nn.Linear's default init from the page's generator, not torch's).`,
        `${fc}_weight, ${fc}_bias = linear_init(${lin.in}, ${lin.out}, seed=${seed}, stream=${1000 + k})`,
      );
    }
    lines.push('with torch.no_grad():', `    ${fc}.weight.copy_(${lin.weight ? tensor(lin.weight) : `${floatTensor(`${fc}_weight`)}.reshape(${lin.out}, ${lin.in})`})`);
    if (hasBias) lines.push(`    ${fc}.bias.copy_(${Array.isArray(lin.bias) ? tensor(lin.bias) : floatTensor(`${fc}_bias`)})`);
    lines.push(`lif${k / 2 + 1} = snn.${CLASS[type]}(${kwargs(kw)})`);
  }
  const pairs = scenario.layers.filter((_, k) => k % 2 === 1).map((neu) => ({ cls: CLASS[neu.type] }));
  lines.unshift(...header, ...rngLines(used));
  lines.push('', ...input.lines, `x = x.reshape(${steps}, ${batch}, ${width})`);
  pairs.forEach(({ cls }, i) => lines.push(...STATES[cls].map((s) => `${s}${i + 1} = torch.zeros(${batch}, ${scenario.layers[2 * i].out})`)));
  lines.push('spk_out = []', 'for step in range(num_steps):', '    h = x[step]');
  pairs.forEach(({ cls }, i) => {
    const st = STATES[cls].map((s) => `${s}${i + 1}`).join(', ');
    lines.push(`    spk${i + 1}, ${st} = lif${i + 1}(fc${i + 1}(h), ${st})`, `    h = spk${i + 1}`);
  });
  lines.push('    spk_out.append(h)', 'print(torch.stack(spk_out).sum(0))', '');
  return lines.join('\n');
}
