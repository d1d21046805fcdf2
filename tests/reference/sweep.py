#!/usr/bin/env python3
"""A seeded sweep of random Scenarios, each run through the real snnTorch 0.9.4.

Writes one JSON document: for every scenario the exact Scenario text to hand to the core and the arrays
snnTorch recorded (float32 bits, base64), in the core's order and shapes. sweep.test.js runs the same
texts through `build/native/snn` and the WebAssembly module and compares the bits.

Run with Debian's python3 and the reference checkout on PYTHONPATH:
    PYTHONPATH=../shared/reference/snntorch-0.9.4 /usr/bin/python3 tests/reference/sweep.py --out sweep.json

Nothing here is random at run time: one random.Random(seed) draws every parameter and input, and rate
coding (the only torch RNG used) runs under torch.manual_seed.
"""
import argparse
import base64
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch
import snntorch
from snntorch import spikegen

# ------------------------------------------------------------------------------------------------------
# CASES THE CORE REJECTS TODAY. snnTorch runs them (see the README next to this file for what it computes).
# Each is generated every time; while its flag is False it is only probed (the test expects the core to
# refuse it and prints a note if it no longer does). Set a flag to True, or list its name in the
# environment variable SNN_SWEEP_ENABLE (comma separated), once the core accepts the case: its scenarios
# then join the bit-for-bit sweep.
PENDING = {
    # Leaky(graded_spikes_factor=[g0, g1, ...]): one factor per neuron (spk = H(U - thr) * g elementwise).
    "leaky_per_neuron_graded": True,
    # Leaky(graded_spikes_factor=0) with the default reset_delay=True: spikes are all 0, the membrane is
    # that of g = 1 (only reset_delay=False divides by g and gives NaN).
    "leaky_graded_zero_delayed": True,
    # Lapicque(beta=1) alone or with R: C = inf, so the input term is 0 and the decay factor is 1.
    "lapicque_beta_one": True,
    # Lapicque(beta > 1) alone, with R or with C: negative C (or R), a membrane that grows by 1 + ln(beta).
    "lapicque_beta_above_one": True,
}
for _name in filter(None, os.environ.get("SNN_SWEEP_ENABLE", "").split(",")):
    if _name not in PENDING:
        sys.exit(f"sweep.py: SNN_SWEEP_ENABLE names an unknown case '{_name}' (known: {', '.join(PENDING)})")
    PENDING[_name] = True
# ------------------------------------------------------------------------------------------------------

STATES = {
    "Leaky": ["mem"],
    "Synaptic": ["syn", "mem"],
    "Alpha": ["syn_exc", "syn_inh", "mem"],
    "Lapicque": ["mem"],
}


def f32(x):
    """The float32 nearest x, as a Python float (exact, so JSON carries it without loss)."""
    return float(np.float32(x))


def b64(a):
    return base64.b64encode(np.ascontiguousarray(a, dtype="<f4").tobytes()).decode("ascii")


def logf_cr(x):
    """The core's logF32: the double log of the float32, rounded once to float32."""
    x = float(np.float32(x))
    if x == 0.0:
        return -math.inf
    if x < 0.0:
        return math.nan
    return f32(math.log(x))


def as_param(v):
    """A keyword value for snnTorch: a list becomes a float32 tensor (one per neuron), numbers stay Python's."""
    if isinstance(v, list):
        return torch.tensor(v, dtype=torch.float32)
    return v


def make_neuron(model, kw):
    cls = {"Leaky": snntorch.Leaky, "Synaptic": snntorch.Synaptic, "Alpha": snntorch.Alpha,
           "Lapicque": snntorch.Lapicque}[model]
    return cls(**{k: as_param(v) for k, v in kw.items()})


def initial_states(model, neuron):
    made = getattr(neuron, {"Leaky": "init_leaky", "Synaptic": "init_synaptic", "Alpha": "init_alpha",
                            "Lapicque": "init_lapicque"}[model])()
    return list(made) if isinstance(made, tuple) else [made]


def known_log_causes(model, neuron, kw):
    """Names of derived constants where torch's log and a correctly rounded logf disagree (issue 1)."""
    causes = []
    if model == "Alpha":
        a = neuron.alpha.clamp(0, 1)
        b = neuron.beta.clamp(0, 1)
        la, lb = torch.log(a).reshape(-1).tolist(), torch.log(b).reshape(-1).tolist()
        ca = [logf_cr(v) for v in a.reshape(-1).tolist()]
        cb = [logf_cr(v) for v in b.reshape(-1).tolist()]
        if la != ca or lb != cb:
            causes.append("logf: Alpha tau_alpha (torch.log of alpha or beta differs from a correctly rounded logf)")
    if model == "Lapicque" and "beta" in kw and kw["beta"] is not False:
        inv = 1 / torch.as_tensor(kw["beta"])  # as snnTorch's _lapicque_cases computes it
        if float(torch.log(inv)) != logf_cr(float(inv)) and not math.isnan(float(torch.log(inv))):
            causes.append("logf: Lapicque R/C from beta (torch.log(1/beta) differs from a correctly rounded logf)")
    return causes


def run_population(model, kw, init, x):
    """Loops the forward calls as a snnTorch user does; returns [(name, array)] in the core's order."""
    neuron = make_neuron(model, kw)
    states = initial_states(model, neuron)
    names = STATES[model]
    shape = x.shape[1:]
    for i, name in enumerate(names):
        if name in init:
            v = init[name]
            states[i] = torch.tensor(v if isinstance(v, list) else np.full(shape, v, dtype=np.float32).tolist(),
                                     dtype=torch.float32)
    X = torch.from_numpy(x)
    rec = [[] for _ in range(len(names) + 1)]
    for t in range(x.shape[0]):
        out = neuron(X[t], *states)
        states = list(out[1:])
        for i, v in enumerate(out):
            rec[i].append(v.numpy().copy())
    causes = known_log_causes(model, neuron, kw)
    arrays = [(n, np.stack(r).astype(np.float32)) for n, r in zip(["spk"] + names, rec)]
    return arrays, causes


def run_network(layers, x):
    """layers: the Scenario's layer list; x: [T][B][in]. Returns the arrays cur1, spk1, <states>1, ..."""
    fcs, neurons, models, causes = [], [], [], []
    for k in range(0, len(layers), 2):
        lin, neu = layers[k], layers[k + 1]
        fc = torch.nn.Linear(lin["in"], lin["out"], bias=lin["bias"] is not False)
        fc.weight.copy_(torch.tensor(lin["weight"], dtype=torch.float32))
        if lin["bias"] is not False:
            fc.bias.copy_(torch.tensor(lin["bias"], dtype=torch.float32))
        model = neu["type"]
        kw = {key: v for key, v in neu.items() if key != "type"}
        neuron = make_neuron(model, kw)
        fcs.append(fc)
        neurons.append(neuron)
        models.append(model)
        causes += known_log_causes(model, neuron, kw)
    states = [initial_states(m, n) for m, n in zip(models, neurons)]
    names = []
    for k, m in enumerate(models):
        names += [f"cur{k + 1}", f"spk{k + 1}"] + [f"{s}{k + 1}" for s in STATES[m]]
    rec = {n: [] for n in names}
    X = torch.from_numpy(x)
    for t in range(x.shape[0]):
        h = X[t]
        for k, (fc, neuron) in enumerate(zip(fcs, neurons)):
            cur = fc(h)
            out = neuron(cur, *states[k])
            states[k] = list(out[1:])
            rec[f"cur{k + 1}"].append(cur.numpy().copy())
            for s, v in zip(["spk"] + STATES[models[k]], out):
                rec[f"{s}{k + 1}"].append(v.numpy().copy())
            h = out[0]
    return [(n, np.stack(rec[n]).astype(np.float32)) for n in names], sorted(set(causes))


# ---------------------------------------------------------------------------------------- random values
class Draw:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def u(self, lo, hi):
        return self.r.uniform(lo, hi)

    def i(self, lo, hi):
        return self.r.randint(lo, hi)

    def p(self, prob):
        return self.r.random() < prob

    def pick(self, seq):
        return self.r.choice(seq)

    def short(self, lo, hi, digits=3):
        """A short decimal in [lo, hi] (the way a user writes one): float32 and Python agree on its text."""
        return float(f"{self.u(lo, hi):.{digits}g}")

    def unit_decay(self):
        """beta or alpha: mostly in (0, 1), sometimes an edge or a value snnTorch clamps."""
        c = self.r.random()
        if c < 0.72:
            return f32(self.u(0.0, 1.0))
        if c < 0.84:
            return f32(1.0 - 10 ** self.u(-4, -1))
        if c < 0.92:
            return self.pick([0.0, 1.0, 0.5, 0.25, -0.0])
        return self.pick([1.5, -0.5, 2.0, -3.0, 1.0000001])

    def threshold(self):
        c = self.r.random()
        if c < 0.7:
            return f32(self.u(0.1, 2.0))
        if c < 0.82:
            return 1.0
        if c < 0.9:
            return f32(self.u(0.005, 0.1))
        if c < 0.95:
            return f32(self.u(2.0, 10.0))
        return self.pick([0.0, -0.25, -1.0, -0.0])

    def per_neuron(self, n, one, prob=0.3):
        """One value for all neurons, or (with probability prob) a list of n."""
        if self.p(prob):
            return [one() for _ in range(n)]
        return one()


def mean_of(v):
    return float(np.mean(np.clip(np.array(v, dtype=np.float64), 0, 1))) if isinstance(v, list) else min(max(v, 0.0), 1.0)


def thr_of(v):
    t = float(np.mean(np.abs(np.array(v)))) if isinstance(v, list) else abs(v)
    return t if t > 0.05 else 0.5


def input_rows(d, T, N, scale, thr):
    """[T][N] float32 currents whose size suits the neuron (scale: a current that holds it near threshold)."""
    kind = d.pick(["gauss", "gauss", "uniform", "spikes", "sparse", "negative", "dyadic", "walk"])
    if kind == "gauss":
        x = np.array([[d.r.gauss(scale * d.u(0.3, 2.5), scale * d.u(0.0, 2.0)) for _ in range(N)] for _ in range(T)])
    elif kind == "uniform":
        lo, hi = -scale * d.u(0.0, 2.0), scale * d.u(0.5, 4.0)
        x = np.array([[d.u(lo, hi) for _ in range(N)] for _ in range(T)])
    elif kind == "spikes":
        p = d.u(0.05, 0.6)
        a = scale * d.u(0.5, 3.0) / p
        x = np.array([[a if d.p(p) else 0.0 for _ in range(N)] for _ in range(T)])
    elif kind == "sparse":
        x = np.array([[d.pick([-1, 1, 1, 2]) * scale * d.u(2, 30) if d.p(0.08) else 0.0 for _ in range(N)]
                      for _ in range(T)])
    elif kind == "negative":
        x = np.array([[scale * (d.u(0.5, 4.0) if d.p(0.3) else -d.u(0.0, 3.0)) for _ in range(N)] for _ in range(T)])
    elif kind == "dyadic":
        q = 2.0 ** -d.i(2, 8)
        x = np.array([[round(d.r.gauss(scale * 1.2, scale) / q) * q for _ in range(N)] for _ in range(T)])
    else:  # a random walk: slowly varying, sometimes held
        x = np.zeros((T, N))
        v = [scale * d.u(0, 2) for _ in range(N)]
        for t in range(T):
            for j in range(N):
                if d.p(0.7):
                    v[j] += d.r.gauss(0, scale * 0.3)
                x[t, j] = v[j]
    x = x.astype(np.float32)
    # Exact zeros of both signs, the threshold itself (ties: U == thr does not spike) and its negative.
    for t in range(T):
        for j in range(N):
            c = d.r.random()
            if c < 0.03:
                x[t, j] = -0.0
            elif c < 0.06:
                x[t, j] = 0.0
            elif c < 0.07:
                x[t, j] = np.float32(thr)
            elif c < 0.075:
                x[t, j] = -np.float32(thr)
    return x


def generator_input(d, T, N, scale):
    """A deterministic input generator of the core and the same rows built the way the core builds them."""
    def amp():
        if d.p(0.3):
            return [f32(scale * d.u(-1, 3)) for _ in range(N)]
        return f32(scale * d.u(-1, 3))

    def row(a):
        return np.array(a if isinstance(a, list) else [a] * N, dtype=np.float32)

    x = np.zeros((T, N), dtype=np.float32)
    kind = d.pick(["constant", "step", "periodic", "pulses"])
    if kind == "constant":
        a = amp()
        x[:] = row(a)
        return {"constant": {"value": a}}, x
    if kind == "step":
        a, start = amp(), d.i(0, T // 2)
        stop = d.i(start, T)
        x[start:stop] += row(a)
        return {"step": {"amplitude": a, "start": start, "stop": stop}}, x
    if kind == "periodic":
        a, period, start = amp(), d.i(1, 12), d.i(0, T // 3)
        x[start::period] += row(a)
        return {"periodic": {"period": period, "amplitude": a, "start": start}}, x
    pulses = []
    for _ in range(d.i(1, 5)):
        p = {"start": d.i(0, T - 1), "width": d.i(1, max(1, T // 4)), "amplitude": amp()}
        x[p["start"]:p["start"] + p["width"]] += row(p["amplitude"])
        pulses.append(p)
    return {"pulses": pulses}, x


# ------------------------------------------------------------------------------------- neuron keywords
def leaky_kw(d, N):
    kw = {"beta": d.per_neuron(N, d.unit_decay)}
    if d.p(0.7):
        kw["threshold"] = d.per_neuron(N, d.threshold)
    if d.p(0.75):
        kw["reset_mechanism"] = d.pick(["subtract", "zero", "none"])
    if d.p(0.4):
        kw["reset_delay"] = d.p(0.5)
    if d.p(0.35):
        kw["graded_spikes_factor"] = d.pick([2.5, -1.0, -2.5, 0.5, 3.0, f32(d.u(-4, 4)) or 1.0, -0.001])
    return kw


def synaptic_kw(d, N):
    kw = {"alpha": d.per_neuron(N, d.unit_decay), "beta": d.per_neuron(N, d.unit_decay)}
    if d.p(0.7):
        kw["threshold"] = d.per_neuron(N, d.threshold)
    if d.p(0.75):
        kw["reset_mechanism"] = d.pick(["subtract", "zero", "none"])
    if d.p(0.4):
        kw["reset_delay"] = d.p(0.5)
    return kw


def alpha_pair(d):
    """(alpha, beta) that snnTorch and the core accept: clamp(alpha) > beta, beta != 1."""
    c = d.r.random()
    if c < 0.8:
        a = f32(d.u(0.05, 1.0))
        b = f32(d.u(0.0, a))
        if b >= a:
            b = f32(a / 2)
        return a, b
    return d.pick([(1.0, 0.5), (1.5, 0.9), (0.9, 0.0), (0.8, -0.5), (0.999, 0.998), (0.5, -0.0), (0.3, 0.1)])


def alpha_kw(d, N):
    if d.p(0.3):
        pairs = [alpha_pair(d) for _ in range(N)]
        kw = {"alpha": [a for a, _ in pairs], "beta": [b for _, b in pairs]}
    elif d.p(0.15):
        a, b = alpha_pair(d)
        kw = {"alpha": a, "beta": [f32(d.u(min(b, 0.0), b)) for _ in range(N)]}
    else:
        a, b = alpha_pair(d)
        kw = {"alpha": a, "beta": b}
    if d.p(0.7):
        kw["threshold"] = d.per_neuron(N, d.threshold)
    if d.p(0.75):
        kw["reset_mechanism"] = d.pick(["subtract", "zero", "none"])
    return kw


def lapicque_kw(d, N, how):
    """how: beta, RC, betaR, betaC. time_step: default 1, or given (an int or a float)."""
    kw = {}
    dt = 1
    if d.p(0.6):
        dt = d.pick([1, 2, 1e-3, 0.5, f32(d.u(1e-4, 2.0)), 1.0])
        kw["time_step"] = dt
    # dt/(R*C) in (0, 1.6): the decay factor 1 - dt/RC stays in (-0.6, 1) and the membrane finite.
    ratio = d.pick([d.u(0.001, 0.3), d.u(0.001, 1.0), d.u(0.3, 1.6), 10 ** d.u(-5, -2)])
    if how == "beta":
        kw["beta"] = f32(math.exp(-ratio)) if d.p(0.8) else d.pick([0.8187, 0.5, 0.95, 0.1])
    elif how == "RC":
        R = d.pick([f32(10 ** d.u(-1, 2)), d.i(1, 20), 5.1, 5])
        C = f32(dt / (R * ratio)) if d.p(0.8) else d.pick([5e-3, 1e-3, 10, 1])
        kw["R"], kw["C"] = R, C
    elif how == "betaR":
        kw["beta"] = f32(math.exp(-ratio))
        kw["R"] = d.pick([f32(10 ** d.u(-1, 2)), d.i(1, 20), 5.1])
    else:
        kw["beta"] = f32(math.exp(-ratio))
        kw["C"] = d.pick([f32(10 ** d.u(-4, 1)), 5e-3, 1, 2])
    if d.p(0.7):
        kw["threshold"] = d.per_neuron(N, d.threshold)
    if d.p(0.75):
        kw["reset_mechanism"] = d.pick(["subtract", "zero", "none"])
    return kw


# Keywords that change no forward value, as snnTorch 0.9.4 can construct them. Left out because snnTorch
# raises on them although the core accepts them: Alpha(learn_alpha=True) (TypeError: it assigns the clamped
# alpha, a plain tensor, over the nn.Parameter) and Lapicque(learn_beta=True) with R or C (KeyError or
# RuntimeError).
INERT = {
    "Leaky": ["learn_beta", "learn_threshold", "surrogate_disable", "learn_graded_spikes_factor"],
    "Synaptic": ["learn_alpha", "learn_beta", "learn_threshold", "surrogate_disable"],
    "Alpha": ["learn_beta", "learn_threshold", "surrogate_disable"],
    "Lapicque": ["learn_threshold", "surrogate_disable"],
}


def with_inert(d, model, kw):
    """Sometimes one keyword that changes nothing forward: both sides must accept it and agree."""
    if d.p(0.1):
        kw[d.pick(INERT[model])] = True
    return kw


def drive_scale(model, kw):
    """A constant current that holds the neuron near its threshold, to size random inputs."""
    thr = thr_of(kw.get("threshold", 1.0))
    if model == "Leaky":
        return thr * max(1.0 - mean_of(kw["beta"]), 0.02)
    if model == "Synaptic":
        return thr * max(1.0 - mean_of(kw["beta"]), 0.05) * max(1.0 - mean_of(kw["alpha"]), 0.05)
    if model == "Alpha":
        a = min(max(mean_of(kw["alpha"]), 0.05), 0.98)
        b = min(mean_of(kw["beta"]), a * 0.99)
        gain = 1.0 / (1 - a) - 1.0 / (1 - b)
        tau = (math.log(a) / (math.log(b) - math.log(a)) + 1) if b > 0 else 1.0
        return thr / max(gain * tau, 0.05)
    R = kw.get("R") or 1.0
    return thr / (R if isinstance(R, (int, float)) and R > 0 else 1.0)


def init_for(d, model, N, thr):
    init = {}
    for name in STATES[model]:
        if d.p(0.35):
            init[name] = d.per_neuron(
                N, lambda: d.pick([f32(d.u(-1.0, 2.0) * thr), -0.0, 0.0, f32(thr), f32(thr * 1.5)]), prob=0.5)
    return init


KW_FOR = {
    "Leaky": lambda d, N: with_inert(d, "Leaky", leaky_kw(d, N)),
    "Synaptic": lambda d, N: with_inert(d, "Synaptic", synaptic_kw(d, N)),
    "Alpha": lambda d, N: with_inert(d, "Alpha", alpha_kw(d, N)),
    "Lapicque": lambda d, N: with_inert(d, "Lapicque", lapicque_kw(d, N, d.pick(["beta", "RC", "betaR", "betaC"]))),
}


# ------------------------------------------------------------------------------------------ scenarios
class Sweep:
    def __init__(self, seed):
        self.d = Draw(seed)
        self.entries = []
        self.probes = []

    def add(self, category, scenario, arrays, causes=(), input_expected=None, probe=None, note="", **extra):
        """One scenario: its text for the core and what snnTorch recorded. probe: a PENDING case's name."""
        entry = {
            "id": f"{category}-{len(self.entries) + len(self.probes):04d}",
            "category": category,
            "text": None,
            "check": "bits",
            "expected": [{"name": n, "shape": list(a.shape), "b64": b64(a)} for n, a in arrays],
            "known_causes": list(causes),
            "note": note,
            **extra,
        }
        if input_expected is not None:
            entry["expected_input"] = {"shape": list(input_expected.shape), "b64": b64(input_expected)}
        entry["text"] = json.dumps({"name": entry["id"], **scenario}, separators=(",", ":"))
        if probe:
            entry["pending"] = probe
            self.probes.append(entry)
        else:
            self.entries.append(entry)

    def population(self, category, model, kw, T, N, flat=False, probe=None, note=""):
        """flat: one neuron fed a [T] list (0-d tensors in snnTorch): per-neuron lists become numbers."""
        d = self.d
        if flat:
            kw = {k: (v[0] if isinstance(v, list) else v) for k, v in kw.items()}
        init = init_for(d, model, N, thr_of(kw.get("threshold", 1.0)))
        if flat:
            init = {k: (v[0] if isinstance(v, list) else v) for k, v in init.items()}
        scenario = {"model": model, "constructor": kw, "num_steps": T}
        if init:
            scenario["init"] = init
        if not flat and d.p(0.12):
            spec, x = generator_input(d, T, N, drive_scale(model, kw))
            scenario["num_neurons"] = N
            scenario["input"] = spec
        else:
            x = input_rows(d, T, N, drive_scale(model, kw), thr_of(kw.get("threshold", 1.0)))
            if flat:
                x = x.reshape(T)
            scenario["input"] = x.tolist()
        arrays, causes = run_population(model, kw, init, x)
        self.add(category, scenario, arrays, causes, probe=probe, note=note)

    # --- single populations
    def populations(self, counts):
        d = self.d
        for model, count in counts.items():
            for _ in range(count):
                N = d.pick([1, 1, 2, 3, 4, 5, 8, 9, 16])
                T = d.pick([d.i(1, 20), d.i(20, 200), d.i(100, 400)])
                self.population(model, model, KW_FOR[model](d, N), T, N, flat=N == 1 and d.p(0.25))

    def long_runs(self, per_model):
        d = self.d
        for model in ["Leaky", "Synaptic", "Alpha", "Lapicque"]:
            for _ in range(per_model):
                N = d.pick([1, 2, 4])
                T = d.i(2000, 5000)
                self.population("long", model, KW_FOR[model](d, N), T, N)

    # --- networks
    def networks(self, count):
        d = self.d
        for _ in range(count):
            depth = d.i(2, 4)
            sizes = [d.i(1, 12) for _ in range(depth + 1)]
            batch = d.pick([2, 2, 3, 4, 1])
            T = d.pick([d.i(5, 60), d.i(60, 200)])
            layers = []
            for k in range(depth):
                n_in, n_out = sizes[k], sizes[k + 1]
                q = 2.0 ** -d.i(3, 6)
                span = d.i(8, 64)
                weight = [[d.i(-span, span) * q for _ in range(n_in)] for _ in range(n_out)]
                bias = False if d.p(0.25) else [d.i(-span, span) * q / 4 for _ in range(n_out)]
                layers.append({"type": "Linear", "in": n_in, "out": n_out, "weight": weight, "bias": bias})
                model = d.pick(["Leaky", "Leaky", "Synaptic", "Alpha", "Lapicque"])
                kw = KW_FOR[model](d, n_out)
                if model == "Leaky" and "graded_spikes_factor" in kw:
                    kw["graded_spikes_factor"] = d.pick([2.5, -1.5, 0.5, -2.0, 1.25])  # dyadic: exact sums
                layers.append({"type": model, **kw})
            if d.p(0.5):
                x = np.array([[[d.i(-24, 40) / 16 for _ in range(sizes[0])] for _ in range(batch)]
                              for _ in range(T)], dtype=np.float32)
            else:
                p = d.u(0.1, 0.7)
                x = np.array([[[1.0 if d.p(p) else 0.0 for _ in range(sizes[0])] for _ in range(batch)]
                              for _ in range(T)], dtype=np.float32)
            x[(x == 0) & (np.vectorize(lambda _: d.p(0.1))(x))] = -0.0
            arrays, causes = run_network(layers, x)
            self.add("network", {"layers": layers, "num_steps": T, "batch_size": batch, "input": x.tolist()},
                     arrays, causes)

    # --- encoders
    def encoder_neuron(self, N):
        d = self.d
        model = d.pick(["Leaky", "Leaky", "Synaptic"])
        kw = KW_FOR[model](d, N)
        return model, kw

    def latency(self, count):
        d = self.d
        made = raised = 0
        while made < count:
            N = d.i(1, 12)
            T = d.i(3, 120)
            vals = [d.pick([f32(d.u(0, 1)), f32(d.u(0, 1)), f32(d.u(0, 0.05)), 0.0, 1.0]) for _ in range(N)]
            opts = {}
            if d.p(0.5):
                opts["threshold"] = d.pick([d.short(0.001, 0.5), 0.01, 0.1, 0.25, 0.5])
            thr = opts.get("threshold", 0.01)
            if d.p(0.3):
                vals[d.i(0, N - 1)] = thr  # exactly at the threshold
            if d.p(0.6):
                opts["tau"] = d.pick([d.short(0.1, 30, 3), 5, 1, 2, 10, 0.5])
            if d.p(0.3):
                opts["first_spike_time"] = d.pick([d.i(0, max(0, T // 4)), 2.5, 1])
            for key in ["clip", "normalize", "linear", "bypass"]:
                if d.p(0.35):
                    opts[key] = True
            if d.p(0.25):
                opts["on_target"] = d.pick([2.5, -1.0, 0.5, -0.5, 3])
            if d.p(0.25):
                opts["off_target"] = d.pick([-1.0, 0.25, -0.0, -0.5])
            if d.p(0.15):
                opts["epsilon"] = d.pick([1e-4, 1e-3, 1e-6])
            if raised < count // 8 and d.p(0.2):
                # Keywords snnTorch refuses: a spike time past the last row without bypass or normalize,
                # a threshold outside (0, 1), data outside [0, 1], a first spike time past the end.
                how = d.pick(["late", "threshold", "data", "fst"])
                if how == "late":
                    opts.update(tau=d.pick([50, 200, 1000]), bypass=False, normalize=False, linear=False)
                elif how == "threshold":
                    opts["threshold"] = d.pick([1.5, -0.1, 1.0, 0.0])
                elif how == "data":
                    vals[d.i(0, N - 1)] = d.pick([1.5, -0.25])
                else:
                    opts["first_spike_time"] = T + d.i(0, 3)
            fst = opts.get("first_spike_time", 0)
            data = torch.tensor(vals, dtype=torch.float32)
            torch_kw = dict(opts)
            try:
                enc = spikegen.latency(data, num_steps=T, **torch_kw).numpy().astype(np.float32)
            except Exception as e:  # snnTorch refuses these keywords: the core must refuse them too
                if raised < count // 8:
                    model, kw = self.encoder_neuron(N)
                    self.add("latency-raises", {"model": model, "constructor": kw, "num_steps": T, "num_neurons": N,
                                                "input": {"latency": {"values": vals, **opts}}}, [],
                             check="rejects", note=f"snnTorch raises: {str(e).splitlines()[0][:160]}")
                    raised += 1
                continue
            causes = []
            if not opts.get("linear"):
                d_clamped = torch.clamp(data, opts.get("threshold", 0.01) + opts.get("epsilon", 1e-7))
                ratio = d_clamped / (d_clamped - opts.get("threshold", 0.01))
                if torch.log(ratio).tolist() != [logf_cr(v) for v in ratio.tolist()]:
                    causes.append("logf: latency spike time (torch.log differs from a correctly rounded logf)")
            model, kw = self.encoder_neuron(N)
            arrays, _ = run_population(model, kw, {}, enc)
            self.add("latency", {"model": model, "constructor": kw, "num_steps": T, "num_neurons": N,
                                 "input": {"latency": {"values": vals, **opts}}}, arrays, causes, enc)
            made += 1

    def delta(self, count):
        d = self.d
        for _ in range(count):
            N = d.i(1, 10)
            T = d.i(2, 150)
            thr = d.pick([0.1, f32(d.u(0.0, 1.0)), 0.25, f32(d.u(-0.5, 0.0)), 0.0, -0.0])
            if d.p(0.8):
                series = input_rows(d, T, N, d.u(0.1, 1.0), abs(thr) or 0.1)
                spec = series.tolist()
                if d.p(0.3):  # exact steps of the threshold: diff == thr must spike (>=)
                    series = (np.floor(series / np.float32(0.25)) * np.float32(0.25)).astype(np.float32)
                    spec = series.tolist()
            else:
                spec, series = generator_input(d, T, N, d.u(0.1, 1.0))
            opts = {"of": spec}
            if d.p(0.8):
                opts["threshold"] = thr
            if d.p(0.5):
                opts["padding"] = True
            if d.p(0.5):
                opts["off_spike"] = True
            enc = spikegen.delta(torch.from_numpy(series), threshold=opts.get("threshold", 0.1),
                                 padding=opts.get("padding", False),
                                 off_spike=opts.get("off_spike", False)).numpy().astype(np.float32)
            model, kw = self.encoder_neuron(N)
            arrays, _ = run_population(model, kw, {}, enc)
            self.add("delta", {"model": model, "constructor": kw, "num_steps": T, "num_neurons": N,
                               "input": {"delta": opts}}, arrays, [], enc)

    def rate(self, count):
        """Rate coding: torch's RNG is not ours, so the test compares spike frequencies, not bits."""
        d = self.d
        for k in range(count):
            N = d.i(4, 12)
            T = d.pick([3000, 4000])
            time_varying = k % 3 == 2
            opts, fst = {}, 0
            if d.p(0.6):
                fst = d.i(1, 200)
                opts["first_spike_time"] = fst
            torch.manual_seed(1000 + k)
            if time_varying:
                # T rows whose p changes half-way; snnTorch puts first_spike_time silent rows before them
                # (the core keeps num_steps rows), so the two halves are counted apart, shifted by fst.
                p0 = [f32(d.u(-0.2, 1.2)) for _ in range(N)]
                p1 = [f32(d.u(0, 1)) for _ in range(N)]
                half = T // 2
                data = np.array([p0] * half + [p1] * (T - half), dtype=np.float32)
                enc = spikegen.rate(torch.from_numpy(data), time_var_input=True, first_spike_time=fst).numpy()
                spec = {"of": data.tolist(), **opts}
                segments = [[fst, fst + half, torch.clamp(torch.tensor(p0), 0, 1).tolist()],
                            [fst + half, T, torch.clamp(torch.tensor(p1), 0, 1).tolist()]]
            else:
                p = [d.pick([f32(d.u(0, 1)), f32(d.u(0, 1)), 0.0, 1.0, f32(d.u(-0.5, 1.5)), 0.001, 0.999])
                     for _ in range(N)]
                if d.p(0.5):
                    opts["gain"] = d.pick([0.5, 2, d.short(0.1, 3)])
                if d.p(0.5):
                    opts["offset"] = d.pick([0.1, -0.2, d.short(-0.5, 0.5)])
                data = torch.tensor(p, dtype=torch.float32)
                enc = spikegen.rate(data, num_steps=T, gain=opts.get("gain", 1), offset=opts.get("offset", 0),
                                    first_spike_time=fst).numpy()
                spec = {"p": p, **opts}
                probs = torch.clamp(data * opts.get("gain", 1) + opts.get("offset", 0), 0, 1)
                segments = [[fst, T, probs.tolist()]]
            scenario = {"model": "Leaky", "constructor": {"beta": 0.5}, "num_steps": T, "num_neurons": N, "seed": 77 + k,
                        "input": {"rate": spec}, "record": ["spk"]}
            self.add("rate", scenario, [], check="rate", rate={
                "first_spike_time": fst,
                "segments": [{"from": a, "to": b, "p": pr} for a, b, pr in segments],
                "torch_counts": [[int(enc[a:b, j].sum()) for j in range(N)] for a, b, _ in segments],
                "torch_silent_ok": bool((enc[:fst] == 0).all()),
            })

    # --- what the core rejects today (PENDING)
    def pending(self, per_case):
        d = self.d
        for _ in range(per_case):
            N = d.i(2, 6)
            T = d.i(20, 200)
            kw = leaky_kw(d, N)
            kw["graded_spikes_factor"] = [d.pick([2.5, -1.0, 0.5, f32(d.u(-3, 3)) or 1.0]) for _ in range(N)]
            self.pending_population("leaky_per_neuron_graded", "Leaky", kw, T, N)
        for _ in range(per_case):
            N = d.i(1, 4)
            kw = leaky_kw(d, N)
            kw["graded_spikes_factor"] = 0.0
            kw["reset_delay"] = True
            self.pending_population("leaky_graded_zero_delayed", "Leaky", kw, d.i(20, 200), N)
        for k in range(per_case):
            N = d.i(1, 4)
            kw = lapicque_kw(d, N, "beta" if k % 2 == 0 else "betaR")
            kw["beta"] = 1.0
            self.pending_population("lapicque_beta_one", "Lapicque", kw, d.i(20, 200), N)
        for k in range(per_case):
            N = d.i(1, 4)
            kw = lapicque_kw(d, N, ["beta", "betaR", "betaC"][k % 3])
            kw["beta"] = f32(d.u(1.0001, 1.3))
            self.pending_population("lapicque_beta_above_one", "Lapicque", kw, d.i(20, 120), N)

    def pending_population(self, case, model, kw, T, N):
        if PENDING[case]:
            self.population(model, model, kw, T, N, note=f"pending case {case}, switched on")
        else:
            self.population(model, model, kw, T, N, probe=case)


COUNTS = {"Leaky": 260, "Synaptic": 170, "Alpha": 200, "Lapicque": 200}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=20250917)
    ap.add_argument("--out", required=True, help="where to write the JSON document ('-' for stdout)")
    args = ap.parse_args()
    torch.set_num_threads(1)
    torch.set_grad_enabled(False)
    started = time.time()
    s = Sweep(args.seed)
    s.populations(COUNTS)
    s.long_runs(8)
    s.networks(150)
    s.latency(90)
    s.delta(70)
    s.rate(12)
    s.pending(4)
    snntorch.SpikingNeuron.instances.clear()
    doc = {
        "meta": {"seed": args.seed, "snntorch": snntorch.__version__, "torch": torch.__version__,
                 "seconds": round(time.time() - started, 2), "pending": PENDING},
        "scenarios": s.entries,
        "probes": s.probes,
    }
    text = json.dumps(doc, separators=(",", ":"))
    if args.out == "-":
        sys.stdout.write(text)
    else:
        with open(args.out, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
