// Plain-JavaScript implementations of W1, W2 and W3: the baseline a page could write without the core. They do
// the core's float32 operations in the core's order (Float32Array storage, Math.fround after every
// operation whose double result could differ from float32's), so their output is compared bit for bit with
// the WASM module's before any time is reported.
//
// Float32 in doubles: a product of two float32 values is exact in a double, and a sum of two float32
// values rounded to float32 gives the float32 sum; so one Math.fround per operation (or the store into a
// Float32Array) reproduces float32 arithmetic exactly. H(u - thr) > 0 is u > thr for finite floats.
//
// The file imports nothing: bench/browser.mjs sends its text to the page, which imports it from there.

// W3: `steps` Leaky updates (subtract reset, reset_delay, spike after the update) of every neuron.
export function leakySteps(mem, spk, input, beta, thr, steps) {
  const n = mem.length;
  const b = Math.fround(beta);
  const th = Math.fround(thr);
  for (let t = 0; t < steps; t++) {
    for (let i = 0; i < n; i++) {
      const u0 = mem[i];
      let u = Math.fround(Math.fround(b * u0) + input[i]);
      if (u0 > th) u = Math.fround(u - th);
      mem[i] = u;
      spk[i] = u > th ? 1 : 0;
    }
  }
}

// W1: one Lapicque neuron (subtract reset, spike after the update) over `input` (one value per step), from
// a zero membrane; returns the spikes and membranes in fresh arrays, as the JS API's run() hands them out.
// The constants are the core's (float32 R, C and time_step; 1/(RC) and 1 - dt/(RC) in float32), and each
// step is base = ((x*R)*(1/RC))*dt + (1 - dt/RC)*u, minus the threshold when the last membrane was over it.
export function lapicqueRun(input, R, C, timeStep, thr) {
  const f = Math.fround;
  const r = f(R);
  const dt = f(timeStep);
  const rc = f(r * f(C));
  const invRc = f(1 / rc);
  const m = f(1 - f(dt / rc));
  const th = f(thr);
  const steps = input.length;
  const spk = new Float32Array(steps);
  const mem = new Float32Array(steps);
  let u = 0;
  for (let t = 0; t < steps; t++) {
    const u0 = u;
    u = f(f(f(f(input[t] * r) * invRc) * dt) + f(m * u0));
    if (u0 > th) u = f(u - th);
    mem[t] = u;
    spk[t] = u > th ? 1 : 0;
  }
  return { spk, mem };
}

// W2: a two-layer network with weights in the core's layout (column-major [out][in]: the weights leaving
// input i are contiguous) and the core's summation order (inputs in index order, bias last).
function linearForward(x, wt, bias, y, nIn, nOut) {
  y.fill(0);
  for (let i = 0; i < nIn; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    const off = i * nOut;
    if (xi === 1) {
      for (let o = 0; o < nOut; o++) y[o] += wt[off + o];
    } else {
      for (let o = 0; o < nOut; o++) y[o] += Math.fround(xi * wt[off + o]);
    }
  }
  if (bias) for (let o = 0; o < nOut; o++) y[o] += bias[o];
}

function leakyLayer(beta) {
  const b = Math.fround(beta);
  return {
    states: ['mem'],
    step(x, spk, st) {
      const mem = st.mem;
      for (let i = 0; i < x.length; i++) {
        const u0 = mem[i];
        let u = Math.fround(Math.fround(b * u0) + x[i]);
        if (u0 > 1) u = Math.fround(u - 1);
        mem[i] = u;
        spk[i] = u > 1 ? 1 : 0;
      }
    },
  };
}

function synapticLayer(alpha, beta) {
  const a = Math.fround(alpha);
  const b = Math.fround(beta);
  return {
    states: ['syn', 'mem'],
    step(x, spk, st) {
      const { syn, mem } = st;
      for (let i = 0; i < x.length; i++) {
        const u0 = mem[i];
        const cur = Math.fround(Math.fround(a * syn[i]) + x[i]);
        let u = Math.fround(Math.fround(b * u0) + cur);
        if (u0 > 1) u = Math.fround(u - 1);
        syn[i] = cur;
        mem[i] = u;
        spk[i] = u > 1 ? 1 : 0;
      }
    },
  };
}

// layers: the Scenario's layer list (Linear, Leaky | Synaptic, Linear, ...); weights[k] row-major [out][in]
// as the JS API's Network.weight(k) gives them, biases[k] likewise.
export function makeJsNetwork(layers, weights, biases) {
  const stages = [];
  for (let k = 0; k < layers.length; k += 2) {
    const lin = layers[k];
    const neuron = layers[k + 1];
    const nIn = lin.in;
    const nOut = lin.out;
    const w = weights[k / 2];
    const wt = new Float32Array(nIn * nOut);
    for (let o = 0; o < nOut; o++) for (let i = 0; i < nIn; i++) wt[i * nOut + o] = w[o * nIn + i];
    const model = neuron.type === 'Leaky' ? leakyLayer(neuron.beta) : synapticLayer(neuron.alpha, neuron.beta);
    stages.push({ nIn, nOut, wt, bias: biases[k / 2] && biases[k / 2].length ? biases[k / 2] : null, model });
  }
  return {
    // Runs `steps` steps from the zero state and records cur, spk and every state of every layer
    // (what the core's runNetwork records), in fresh arrays as a Trace would hold them; with `record`,
    // only the arrays it names.
    run(input, steps, record = null) {
      const all = {};
      const live = stages.map((s, k) => {
        const st = {};
        for (const name of s.model.states) st[name] = new Float32Array(s.nOut);
        const suffix = k + 1;
        for (const name of ['cur', 'spk', ...s.model.states]) {
          if (!record || record.includes(`${name}${suffix}`)) all[`${name}${suffix}`] = new Float32Array(steps * s.nOut);
        }
        return { st, cur: new Float32Array(s.nOut), spk: new Float32Array(s.nOut), suffix };
      });
      const nIn0 = stages[0].nIn;
      for (let t = 0; t < steps; t++) {
        let x = input.subarray(t * nIn0, (t + 1) * nIn0);
        stages.forEach((s, k) => {
          const l = live[k];
          linearForward(x, s.wt, s.bias, l.cur, s.nIn, s.nOut);
          s.model.step(l.cur, l.spk, l.st);
          const keep = (name, values) => {
            const row = all[`${name}${l.suffix}`];
            if (row) row.set(values, t * s.nOut);
          };
          keep('cur', l.cur);
          keep('spk', l.spk);
          for (const name of s.model.states) keep(name, l.st[name]);
          x = l.spk;
        });
      }
      return all;
    },
  };
}

// True when two Float32Arrays hold the same bits.
export function sameBits(a, b) {
  if (!a || !b || a.length !== b.length) return false;
  const ua = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const ub = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < ua.length; i++) if (ua[i] !== ub[i]) return false;
  return true;
}
