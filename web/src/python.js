// "Export snnTorch code": a figure's runs as a Python script (or a Jupyter notebook) that reproduces them
// with snnTorch 0.9.4, bit for bit. It is written from each run's resolved Scenario (snn.resolveScenario:
// every default, seed and random stream written out) and the core's catalogue (the snnTorch class and the
// states of each model): nothing here restates a model's keywords or defaults.
//
// Deterministic inputs become the same torch expressions, latency and delta codes snntorch.spikegen calls.
// Random inputs (rate-coded spikes, noise, {"uniform"} values) and a network's default weights come from
// the page's own seeded PCG32, which torch cannot reproduce, so the script carries a short pure-Python
// copy of that generator and of the core's float32 formulas and regenerates exactly the values the figure
// used, from the seeds and streams the resolved Scenario names. Sine and ramp currents are redone the same
// way, with the core's float32 formulas (the sine with the core's own polynomial, from the catalogue).
//
// A sweep (a Scenario with "sweep": one run per value of one number field) becomes the same run as a
// function of the swept value, called once per value, and a loop that counts each counted neuron's spikes
// and finds its first, as the core's SweepResult does; the script prints the counts and plots them.
import { clone, setPath } from './paths.js';

// Python literal of a JSON value.
function py(value) {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') {
    if (Object.is(value, -0)) return '-0.0';
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

// The page's random generator and its float32 formulas in plain Python, one piece per use, emitted only
// when the script needs it. They mirror core/src/rng.cpp, generators.cpp, encoders.cpp (rate),
// linear.cpp (initDefault) and float_math.cpp (sinTurns, whose coefficients come from the catalogue); the
// tests run them and compare their values with the core's, bit for bit.
const PY_PARTS = {
  f32: () => `# The page computes in float32. These lines redo its arithmetic in plain Python, so what they
# return is, bit for bit, what the figure used: a float32 operation is done in double (exact enough for
# one +, -, * or /) and then rounded to float32.
from array import array
from itertools import islice
import math

MASK64 = (1 << 64) - 1


def f32(values):
    """Each number rounded to the nearest float32."""
    return array('f', values).tolist()
`,
  pcg32: () => `

# The page does not use torch's random numbers: its random spike trains, noise and default weights come
# from its own seeded generator (PCG32), so that a seed gives the same values in every browser. Integers
# are kept to 64 bits by masking.
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
  uniform: () => `

def uniform(n, low, high, seed, stream):
    """n draws of low + u*(high - low), every operation in float32."""
    low, high = f32([low, high])
    span = f32([high - low])[0]
    scaled = f32([u * span for u in islice(pcg32_floats(seed, stream), n)])
    return f32([low + s for s in scaled])
`,
  rate_spikes: () => `

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
  rate_spikes_of: () => `

def rate_spikes_of(series, width, seed, stream, first_spike_time=0):
    """Rate coding of a time series: one draw per value, a spike when it is below clamp(value, 0, 1).
    first_spike_time silent rows of width values go first; the length stays the series' length."""
    draws = pcg32_floats((seed * 0x9E3779B97F4A7C15 + stream) & MASK64)
    spikes = [1.0 if u < min(max(v, 0.0), 1.0) else 0.0 for v, u in zip(f32(series), draws)]
    return ([0.0] * (first_spike_time * width) + spikes)[:len(series)]
`,
  linear_init: () => `

def linear_init(n_in, n_out, seed, stream):
    """nn.Linear's default init, U(-1/sqrt(in), 1/sqrt(in)), drawn from the page's generator: the weights
    row by row in torch's [out][in] order, then the bias."""
    bound = f32([1.0 / math.sqrt(n_in)])[0]
    values = uniform(n_out * n_in + n_out, -bound, bound, seed, stream)
    return values[:n_out * n_in], values[n_out * n_in:]
`,
  sin_turns: (catalogue) => `

# sin(2*pi*turns) as the page computes it, not with a library's sine (no two of them promise the same
# last bit): its Taylor series to degree 23 after an exact reduction, every operation in double.
SIN_TURNS = [${catalogue.sin_turns.coefficients.map(py).join(', ')}]


def sin_turns(turns):
    if turns <= 0:
        return 0.0 if turns == 0 else 0.0 - sin_turns(0.0 - turns)
    r = turns - math.floor(turns)  # exact, in [0, 1)
    negative = r >= 0.5
    if negative:
        r = r - 0.5  # exact: sin(2*pi*(r + 1/2)) = -sin(2*pi*r)
    if r > 0.25:
        r = 0.5 - r  # exact: sin(2*pi*(1/2 - r)) = sin(2*pi*r)
    z = r * r
    p = SIN_TURNS[-1]
    for c in reversed(SIN_TURNS[:-1]):
        p = p * z + c
    s = r * p
    return 0.0 - s if negative else s
`,
  sine_rows: () => `

def sine_rows(num_steps, amplitude, offset, period, phase, start, stop):
    """offset + amplitude*sin(2*pi*((t - start)/period + phase)) on rows start <= t < stop, 0 elsewhere:
    the sine in double, rounded to float32, then one float32 multiply and add per element."""
    amplitude, offset = f32(amplitude), f32(offset)
    period, phase = f32([period, phase])
    rows = []
    for t in range(num_steps):
        if start <= t < stop:
            s = f32([sin_turns((t - start) / period + phase)])[0]
            rows += f32([x + o for x, o in zip(f32([a * s for a in amplitude]), offset)])
        else:
            rows += [0.0] * len(amplitude)
    return rows
`,
  ramp_rows: () => `

def ramp_rows(num_steps, low, high, start, stop):
    """low*(1 - f) + high*f with f = 0 before start, (t - start)/(stop - start) up to stop and 1 from stop
    on, every operation in float32."""
    low, high = f32(low), f32(high)
    rows = []
    for t in range(num_steps):
        f = 0.0 if t < start else 1.0 if t >= stop else f32([(t - start) / (stop - start)])[0]
        g = f32([1.0 - f])[0]
        rows += f32([x + y for x, y in zip(f32([v * g for v in low]), f32([v * f for v in high]))])
    return rows
`,
};

// What each piece needs before it.
const PY_NEEDS = { uniform: ['pcg32'], rate_spikes: ['pcg32'], rate_spikes_of: ['pcg32'], linear_init: ['uniform'], sine_rows: ['sin_turns'] };

/** The Python of the named helpers (and of what they need), as an exported script carries them. */
export function pythonHelpers(names, catalogue) {
  return helperLines(new Set(names), catalogue).join('\n');
}

function helperLines(used, catalogue) {
  if (!used.size) return [];
  const all = new Set(['f32']);
  const add = (part) => {
    for (const need of PY_NEEDS[part] || []) add(need);
    all.add(part);
  };
  used.forEach(add);
  const parts = Object.keys(PY_PARTS).filter((p) => all.has(p));
  return [...parts.map((p) => PY_PARTS[p](catalogue)).join('').split('\n'), ''];
}

// Walks a resolved input the way core/src/generators.cpp does and writes Python that leaves a float32
// tensor [steps][W] in `name` (W = batch x width values per step). Every random generator names its seed
// and stream (the resolved Scenario wrote them out).
function buildInput(spec, name, ctx) {
  const { lines } = ctx;
  const T = ctx.steps;
  const W = ctx.batch * ctx.width;
  if (Array.isArray(spec)) {
    lines.push(`${name} = ${tensor(spec)}.reshape(${T}, ${W})`);
    return;
  }
  const [kind] = Object.keys(spec);
  const g = spec[kind];
  if (kind === 'constant') {
    lines.push(`${name} = torch.ones(${T}, ${W}) * ${valueText(g.value, `${name}_value`, ctx)}`);
  } else if (kind === 'step' || kind === 'periodic') {
    const amp = valueText(g.amplitude, `${name}_amplitude`, ctx);
    lines.push(`${name} = torch.zeros(${T}, ${W})`, `${name}[${g.start}:${g.stop}${kind === 'periodic' ? `:${g.period}` : ''}] = ${amp}`);
  } else if (kind === 'pulses') {
    const amps = g.map((p, i) => valueText(p.amplitude, `${name}_amplitude_${i}`, ctx));
    lines.push(`${name} = torch.zeros(${T}, ${W})`);
    g.forEach((p, i) => lines.push(`${name}[${p.start}:${p.start + p.width}] += ${amps[i]}`));
  } else if (kind === 'sine') {
    ctx.used.add('sine_rows');
    const amplitude = valueList(g.amplitude, `${name}_amplitude`, ctx);
    const offset = valueList(g.offset, `${name}_offset`, ctx);
    lines.push(`${name} = ${floatTensor(`sine_rows(${T}, ${amplitude}, ${offset}, period=${py(g.period)}, phase=${py(g.phase)}, start=${g.start}, stop=${g.stop})`)}.reshape(${T}, ${W})`);
  } else if (kind === 'ramp') {
    ctx.used.add('ramp_rows');
    const from = valueList(g.from, `${name}_from`, ctx);
    const to = valueList(g.to, `${name}_to`, ctx);
    lines.push(`${name} = ${floatTensor(`ramp_rows(${T}, ${from}, ${to}, start=${g.start}, stop=${g.stop})`)}.reshape(${T}, ${W})`);
  } else if (kind === 'noise') {
    ctx.used.add('uniform');
    lines.push(`${name} = ${floatTensor(`uniform(${T} * ${W}, ${py(g.low)}, ${py(g.high)}, seed=${g.seed}, stream=${g.stream})`)}.reshape(${T}, ${W})`);
  } else if (kind === 'rate') {
    const first = g.first_spike_time ? `, first_spike_time=${g.first_spike_time}` : '';
    lines.push('# Rate coding as snntorch.spikegen.rate does it, with the page\'s random numbers instead of torch\'s.');
    if (g.of !== undefined) {
      buildInput(g.of, `${name}_of`, ctx);
      ctx.used.add('rate_spikes_of');
      lines.push(`${name} = ${floatTensor(`rate_spikes_of(${name}_of.flatten().tolist(), ${W}, seed=${g.seed}, stream=${g.stream}${first})`)}.reshape(${T}, ${W})`);
    } else {
      const p = valueList(g.p ?? g.values, `${name}_p`, ctx);
      ctx.used.add('rate_spikes');
      lines.push(`${name} = ${floatTensor(`rate_spikes(${p}, ${T}, seed=${g.seed}, stream=${g.stream}, gain=${py(g.gain)}, offset=${py(g.offset)}${first})`)}.reshape(${T}, ${W})`);
    }
    if (g.amplitude !== 1) lines.push(`${name} = ${name} * ${py(g.amplitude)}`);
  } else if (kind === 'latency') {
    ctx.imports.add('spikegen');
    const values = valueList(g.values, `${name}_values`, ctx);
    const options = ['tau', 'threshold', 'first_spike_time', 'on_target', 'off_target', 'clip', 'normalize', 'linear', 'bypass', 'epsilon']
      .map((k) => `${k}=${py(g[k])}`).join(', ');
    lines.push(`${name} = spikegen.latency(${floatTensor(values)}, num_steps=${T}, ${options})`);
  } else if (kind === 'delta') {
    ctx.imports.add('spikegen');
    buildInput(g.of, `${name}_of`, ctx);
    lines.push(`${name} = spikegen.delta(${name}_of, threshold=${py(g.threshold)}, padding=${py(g.padding)}, off_spike=${py(g.off_spike)})`);
  } else if (kind === 'sum') {
    g.forEach((part, i) => buildInput(part, `${name}_${i}`, ctx));
    lines.push(`${name} = ${g.map((_, i) => `${name}_${i}`).join(' + ')}`);
  } else {
    throw new Error(`no Python for the input generator ${JSON.stringify(kind)}`);
  }
}

// A per-element value as the core reads it: a number, one per input, [batch][width], or
// {"uniform": [low, high], "seed", "stream"} drawn once per element. valueList gives a Python list of W
// values; valueText a number or a float32 tensor of W values.
function valueList(v, name, ctx) {
  const W = ctx.batch * ctx.width;
  if (typeof v === 'number') return W === 1 ? `[${py(v)}]` : `[${py(v)}] * ${W}`;
  if (Array.isArray(v)) return Array.isArray(v[0]) ? py(v.flat()) : ctx.batch > 1 ? `${py(v)} * ${ctx.batch}` : py(v);
  ctx.used.add('uniform');
  ctx.lines.push(`${name} = uniform(${W}, ${py(v.uniform[0])}, ${py(v.uniform[1])}, seed=${v.seed}, stream=${v.stream})`);
  return name;
}

function valueText(v, name, ctx) {
  return typeof v === 'number' ? py(v) : floatTensor(valueList(v, name, ctx));
}

// The arrays a resolved Scenario records: names, and a Python slice of neurons where the entry keeps a
// range ("mem1[0:9]").
function recorded(record) {
  return record.map((entry) => {
    const m = /^([A-Za-z_0-9]+)(?:\[(\d*):(\d*)\])?$/.exec(entry);
    return { name: m[1], slice: m[2] !== undefined ? `${m[2]}:${m[3]}` : '' };
  });
}

// The keywords a model's class is given: those that change forward values. The others the page accepts for
// snnTorch's sake (spike_grad, init_hidden, learn_*, ...) would change how the class is called or what it
// returns, not its numbers; a comment names them.
function forwardKeywords(model, kw) {
  const forward = new Set(model.keywords.filter((k) => k.forward).map((k) => k.name));
  const kept = Object.fromEntries(Object.entries(kw).filter(([k]) => forward.has(k)));
  const dropped = Object.keys(kw).filter((k) => !forward.has(k));
  return { kept, note: dropped.length ? [`# Left out (no effect on the numbers): ${dropped.map((k) => `${k}=${py(kw[k])}`).join(', ')}`] : [] };
}

// `snntorch.Leaky` -> `snn.Leaky`.
const pyClass = (model) => `snn.${model.snntorch_class.replace(/^snntorch\./, '')}`;
const ident = (text) => text.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, '_$1');

// One run (a resolved Scenario and its trace) as a function that returns what the figure plots: the input
// and every recorded array, as torch tensors named as in the trace.
function runFunction(run, index, catalogue, ctx) {
  const s = run.scenario;
  const fn = `run_${index}`;
  const out = [`@torch.no_grad()`, `def ${fn}():`];
  const body = [];
  const steps = s.num_steps;
  if (s.layers) {
    const batch = s.batch_size;
    const width = s.layers[0].in;
    const input = { ...ctx, steps, batch, width, lines: body };
    buildInput(s.input, 'x', input);
    body.push(`x = x.reshape(${steps}, ${batch}, ${width})`);
    const layers = [];
    for (let k = 0; k < s.layers.length; k += 2) {
      const lin = s.layers[k];
      const { type, ...kw } = s.layers[k + 1];
      const model = catalogue.models.find((m) => m.name === type);
      const i = k / 2 + 1;
      const hasBias = lin.bias !== false;
      body.push(`fc${i} = nn.Linear(${lin.in}, ${lin.out}${hasBias ? '' : ', bias=False'})`);
      if (lin.seed !== undefined) {
        ctx.used.add('linear_init');
        body.push(`# nn.Linear's default init, drawn from the page's generator (seed ${lin.seed}, stream ${lin.stream}), not torch's.`);
        body.push(`fc${i}_weight, fc${i}_bias = linear_init(${lin.in}, ${lin.out}, seed=${lin.seed}, stream=${lin.stream})`);
      }
      body.push(`fc${i}.weight.copy_(${lin.weight ? tensor(lin.weight) : `${floatTensor(`fc${i}_weight`)}.reshape(${lin.out}, ${lin.in})`})`);
      if (hasBias) body.push(`fc${i}.bias.copy_(${Array.isArray(lin.bias) ? tensor(lin.bias) : floatTensor(`fc${i}_bias`)})`);
      const { kept, note } = forwardKeywords(model, kw);
      body.push(...note, `lif${i} = ${pyClass(model)}(${kwargs(kept)})`);
      layers.push({ i, model, out: lin.out });
    }
    for (const { i, model, out: n } of layers) for (const st of model.states) body.push(`${st}${i} = torch.zeros(${batch}, ${n})`);
    const names = recorded(s.record);
    body.push(`rec = {${names.map(({ name }) => `${JSON.stringify(name)}: []`).join(', ')}}`);
    body.push('for step in range(x.shape[0]):', '    spk0 = x[step]');
    for (const { i, model } of layers) {
      const st = model.states.map((n) => `${n}${i}`).join(', ');
      body.push(`    cur${i} = fc${i}(spk${i - 1})`, `    spk${i}, ${st} = lif${i}(cur${i}, ${st})`);
    }
    for (const { name, slice } of names) body.push(`    rec[${JSON.stringify(name)}].append(${name}${slice ? `[:, ${slice}]` : ''})`);
    body.push(`return {"input": x, **{name: torch.stack(values) for name, values in rec.items()}}`);
    return [...out, ...body.map((l) => `    ${l}`)];
  }
  const model = catalogue.models.find((m) => m.name === s.model);
  const width = s.num_neurons;
  buildInput(s.input, 'x', { ...ctx, steps, batch: 1, width, lines: body });
  const before = s.spike_timing === 'before_update';
  const init = (st) => {
    const v = s.init[st];
    return Array.isArray(v) ? tensor(v) : `torch.full((${width},), ${py(v)})`;
  };
  if (model.name === 'EulerLIF') {
    const k = s.constructor;
    const update = {
      subtract: ['mem = mem + (time_step / (R * C)) * (-mem + cur * R) - spk * threshold'],
      zero: ['mem = mem + (time_step / (R * C)) * (-mem + cur * R)', 'mem = mem - spk * mem'],
      none: ['mem = mem + (time_step / (R * C)) * (-mem + cur * R)'],
    }[k.reset_mechanism];
    body.push(
      "# The tutorial's hand-written leaky integrate-and-fire neuron (forward Euler), not an snnTorch class.",
      `R, C, time_step, threshold = ${py(k.R)}, ${py(k.C)}, ${py(k.time_step)}, ${kw1(k.threshold)}`,
      `mem = ${init('mem')}`,
      'spk_rec, mem_rec = [], []',
      'for cur in x:',
      '    spk = (mem > threshold).float()  # from the membrane the step starts with',
      ...update.map((l) => `    ${l}`),
      ...(before ? [] : ['    spk = (mem > threshold).float()  # this figure reads the spike from the new membrane']),
      '    spk_rec.append(spk)',
      '    mem_rec.append(mem)',
      'return {"input": x, "spk": torch.stack(spk_rec), "mem": torch.stack(mem_rec)}',
    );
    return [...out, ...body.map((l) => `    ${l}`)];
  }
  const states = model.states;
  const given = forwardKeywords(model, s.constructor);
  body.push(...given.note, `neuron = ${pyClass(model)}(${kwargs(given.kept)})`);
  if (model.version !== '0.9.4') body.push(`# ${model.name} ${model.summary}; snnTorch 0.9.4 runs today's class, which may differ in the last bits.`);
  for (const st of states) body.push(`${st} = ${init(st)}`);
  body.push(`spk_rec, ${states.map((st) => `${st}_rec`).join(', ')} = [], ${states.map(() => '[]').join(', ')}`);
  body.push('for step in range(x.shape[0]):');
  if (before) body.push('    mem_before = mem');
  body.push(`    spk, ${states.join(', ')} = neuron(x[step], ${states.join(', ')})`);
  if (before) {
    body.push(
      '    # This figure reads each spike from the membrane the step started with (snnTorch <= 0.4.3 and the',
      "    # notebooks' hand-written neurons): the same states, every spike one row later.",
      '    spk = (mem_before > neuron.threshold).float() * neuron.graded_spikes_factor',
    );
  }
  body.push('    spk_rec.append(spk)');
  for (const st of states) body.push(`    ${st}_rec.append(${st})`);
  const kept = recorded(s.record).map(({ name, slice }) => `${JSON.stringify(name)}: torch.stack(${name}_rec)${slice ? `[:, ${slice}]` : ''}`);
  body.push(`return {"input": x, ${kept.join(', ')}}`);
  return [...out, ...body.map((l) => `    ${l}`)];
}

// A threshold as Python: one number, or a tensor of one per neuron.
function kw1(v) {
  return Array.isArray(v) ? tensor(v) : py(v);
}

// The plots: per run, the input, each state (the membrane with its threshold) and a spike raster, as the
// tutorial draws them. `define`: the plotting function; `show`: the calls.
function plotLines(runs) {
  const define = [
    'def plot(trace, title, threshold=None):',
    '    names = [n for n in trace if n != "input" and not n.startswith("spk") and not n.startswith("cur")]',
    '    spikes = [n for n in trace if n.startswith("spk")]',
    '    rows = 1 + len(names) + len(spikes)',
    '    fig, axes = plt.subplots(rows, 1, sharex=True, figsize=(8, 1.6 * rows))',
    '',
    '    def first(t):  # at most nine neurons of the first batch row',
    '        return t.reshape(t.shape[0], -1)[:, :9]',
    '',
    '    axes[0].plot(first(trace["input"]))',
    '    axes[0].set_ylabel("input")',
    '    for ax, name in zip(axes[1:], names):',
    '        ax.plot(first(trace[name]))',
    '        if name.startswith("mem") and threshold is not None:',
    '            ax.axhline(threshold, linestyle="--", color="gray")',
    '        ax.set_ylabel(name)',
    '    for ax, name in zip(axes[1 + len(names):], spikes):',
    '        steps, neurons = torch.nonzero(first(trace[name]), as_tuple=True)',
    '        ax.scatter(steps, neurons, marker="|", s=60, color="black")',
    '        ax.set_ylabel(name)',
    '    axes[-1].set_xlabel("time step")',
    '    fig.suptitle(title)',
    '    fig.tight_layout()',
  ];
  const show = runs.map((run) => {
    const s = run.scenario;
    const threshold = s.constructor && typeof s.constructor.threshold === 'number' ? py(s.constructor.threshold) : 'None';
    return `plot(traces[${JSON.stringify(run.label)}], ${JSON.stringify(run.title)}, threshold=${threshold})`;
  });
  return { define, show: [...show, 'plt.show()'] };
}

// Stand for the swept value while the code of a sweep's run is written: numbers no scenario is likely to
// hold, so that where their text lands in the code is where the value goes.
const SWEPT = [0.7315926535897932, 0.2718281828459045];

// The spikes a sweep counts: a population's spk, a network's last layer's (as the core's SweepResult).
const countedArray = (s) => (s.layers ? `spk${s.layers.length / 2}` : 'spk');

// A sweep's run (its resolved Scenario: the first value's, with the sweep) as a function of the swept value.
// The run's code is written twice, with each stand-in at the sweep's path, and each stand-in replaced by the
// parameter: the two must agree (no other number of the code was worked out from the value) and hold it
// once (the value enters as one number).
function sweepFunction(run, index, catalogue, ctx) {
  const { path } = run.scenario.sweep;
  const [first, second] = SWEPT.map((stand) => {
    const one = clone(run.scenario);
    delete one.sweep;
    setPath(one, path, stand);
    one.record = [countedArray(one)];
    const text = py(stand);
    const lines = runFunction({ ...run, scenario: one }, index, catalogue, ctx);
    return { found: lines.reduce((n, l) => n + l.split(text).length - 1, 0), lines: lines.map((l) => l.split(text).join('value')) };
  });
  if (first.found !== 1 || first.lines.join('\n') !== second.lines.join('\n')) {
    const why = first.found === 0 ? 'the value would enter the code only through numbers worked out from it'
      : first.found > 1 ? 'the value would enter the code in several places' : 'numbers of the code would be worked out from the value';
    throw new Error(`no snnTorch code for a sweep of ${path}: ${why}, and the code takes a swept value as one number`);
  }
  return first.lines.map((l) => l.replace(/^def (run_\d+)\(\):$/, 'def $1(value):'));
}

// The loop that runs a sweep and counts its spikes.
const SWEEP_LOOP = [
  'def sweep(run, values, array):',
  '    """run(value) for each value; for every counted neuron the number of steps whose spike is non-zero and',
  '    the first of them (-1: none), [values][neurons], as the page\'s sweep reports them."""',
  '    counts, firsts = [], []',
  '    for value in values:',
  '        spikes = run(value)[array]',
  '        fired = (spikes != 0).reshape(spikes.shape[0], -1)',
  '        first = fired.to(torch.float32).argmax(0)  # argmax gives the first of the largest: the first spike',
  '        counts.append(fired.sum(0))',
  '        firsts.append(torch.where(fired.any(0), first, torch.full_like(first, -1)))',
  '    return {"spike_count": torch.stack(counts), "first_spike": torch.stack(firsts)}',
];

// A sweep's counts printed and plotted: each run's first counted neuron against the values, its smallest
// value that fires marked. `valuesName(i)`: the Python list of run i's values.
function sweepPlots(runs, valuesName) {
  const s = runs[0].scenario;
  const define = [
    'def show_sweep(values, curve, label, ax):',
    '    """Prints the first counted neuron\'s spike count at each value and plots it, with a dashed line at the',
    '    smallest value that fires."""',
    '    counts = curve["spike_count"].reshape(len(values), -1)[:, 0].tolist()',
    '    fired = [v for v, c in zip(values, counts) if c > 0]',
    '    print(f"{label}: fires from {min(fired)}" if fired else f"{label}: no swept value fires")',
    '    for value, count in zip(values, counts):',
    '        print(f"  {value}: {count} spikes")',
    '    (line,) = ax.plot(values, counts, marker=".", label=label)',
    '    if fired:',
    '        ax.axvline(min(fired), linestyle="--", color=line.get_color())',
  ];
  const show = [
    'fig, ax = plt.subplots(figsize=(8, 4))',
    ...runs.map((run, i) => `show_sweep(${valuesName(i)}, traces[${JSON.stringify(run.label)}], ${JSON.stringify(run.label)}, ax)`),
    `ax.set_xlabel(${JSON.stringify(s.sweep.path)})`,
    `ax.set_ylabel(${JSON.stringify(`spikes in ${s.num_steps} steps`)})`,
    'ax.legend()',
    'fig.tight_layout()',
    'plt.show()',
  ];
  return { define, show };
}

// The calls that make `traces` of a sweep figure: the values (one list when every run sweeps the same ones)
// and each run's counts. Returns them and the name of run i's list of values.
function sweepCalls(runs) {
  const shared = runs.every((r) => JSON.stringify(r.scenario.sweep.values) === JSON.stringify(runs[0].scenario.sweep.values));
  const valuesName = (i) => (shared ? 'values' : `values_${i}`);
  const calls = [
    ...SWEEP_LOOP,
    '',
    '',
    ...(shared ? runs.slice(0, 1) : runs).map((r, i) => `${valuesName(i)} = ${py(r.scenario.sweep.values)}  # ${r.scenario.sweep.path}`),
    'traces = {}',
    ...runs.map((run, i) => `traces[${JSON.stringify(run.label)}] = sweep(run_${i}, ${valuesName(i)}, ${JSON.stringify(countedArray(run.scenario))})`),
  ];
  return { calls, valuesName };
}

/**
 * The sections of the exported code: [{ kind: 'markdown' | 'code', text }]. `figure`: { title, runs:
 * [{ label, scenario (resolved), trace }], catalogue }.
 */
export function pythonSections({ title, runs, catalogue }) {
  const ctx = { used: new Set(), imports: new Set() };
  const sweeps = runs.filter((r) => r.scenario.sweep !== undefined).length;
  if (sweeps && sweeps < runs.length) throw new Error('no snnTorch code for a figure whose runs are sweeps and traces at once');
  const functions = runs.map((run, i) => (sweeps ? sweepFunction : runFunction)(run, i, catalogue, ctx));
  const usesNetwork = runs.some((r) => r.scenario.layers);
  const imports = [
    'import torch',
    ...(usesNetwork ? ['import torch.nn as nn'] : []),
    'import snntorch as snn',
    ...(ctx.imports.has('spikegen') ? ['from snntorch import spikegen'] : []),
    'import matplotlib.pyplot as plt',
  ];
  const swept = sweeps ? sweepCalls(runs) : null;
  const plots = swept ? sweepPlots(runs, swept.valuesName) : plotLines(runs);
  const calls = swept ? swept.calls : ['traces = {}', ...runs.map((run, i) => `traces[${JSON.stringify(run.label)}] = run_${i}()`)];
  const reading = swept
    ? `For each value of \`${runs[0].scenario.sweep.path}\` the neuron runs once, and its spikes are counted as the figure counts them.`
    : 'Row *k* of each recorded tensor is what the *k*-th call returned, as in the figure.';
  return [
    { kind: 'markdown', text: `# ${title}\n\nsnnTorch code for this figure, generated by snn-tutorial. It needs snnTorch 0.9.4 and PyTorch (CPU): \`pip install snntorch==0.9.4 matplotlib\`. ${reading}` },
    { kind: 'code', text: ['# Requires: snntorch==0.9.4, torch, matplotlib', ...imports].join('\n') },
    ...(ctx.used.size ? [{ kind: 'code', text: helperLines(ctx.used, catalogue).join('\n').trim() }] : []),
    ...functions.map((lines, i) => ({ kind: 'code', text: [`# ${runs[i].title}`, ...lines].join('\n') })),
    { kind: 'code', text: calls.join('\n') },
    { kind: 'code', text: plots.define.join('\n') },
    { kind: 'code', text: plots.show.join('\n'), main: true },
  ];
}

/** The figure's runs as a Python script. */
export function toPython(figure) {
  const sections = pythonSections(figure);
  const text = sections.map((s) => {
    if (s.kind === 'markdown') return s.text.split('\n').map((l) => (l ? `# ${l.replace(/^# /, '')}` : '#')).join('\n');
    // What a notebook runs at the end, a script only when it is run (not imported).
    return s.main ? ['if __name__ == "__main__":', ...s.text.split('\n').map((l) => `    ${l}`)].join('\n') : s.text;
  });
  return `# -*- coding: utf-8 -*-\n${text.join('\n\n\n')}\n`;
}

/** The same as a Jupyter notebook (nbformat 4), for Colab: an install cell first. */
export function toNotebook(figure) {
  const sections = pythonSections(figure);
  const source = (text) => text.split('\n').map((l, i, all) => (i < all.length - 1 ? `${l}\n` : l));
  const cells = [
    sections[0],
    { kind: 'code', text: '%pip install -q snntorch==0.9.4 matplotlib' },
    ...sections.slice(1),
  ].map((s) => (s.kind === 'markdown'
    ? { cell_type: 'markdown', metadata: {}, source: source(s.text) }
    : { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: source(s.text) }));
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' }, language_info: { name: 'python' } },
    cells,
  };
  return `${JSON.stringify(notebook, null, 1)}\n`;
}
