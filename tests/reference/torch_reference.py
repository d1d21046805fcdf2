#!/usr/bin/python3
"""Live reference values from torch and snnTorch, for tests/reference/reference.test.js.

Usage: /usr/bin/python3 tests/reference/torch_reference.py OUT_DIR

Writes into OUT_DIR:
  log_args.bin    float32 arguments (little-endian bit patterns, uint32)
  log_torch.bin   torch.log of them, computed on one long float32 tensor
  scenarios.json  snnTorch 0.9.4 Alpha and Lapicque traces (golden-file layout) whose constants come
                  from torch.log, with (alpha, beta) / beta chosen where torch's log and the correctly
                  rounded one give different constants
  meta.json       versions, counts, and whether short and 0-d tensors use the same log as long ones

snnTorch is imported from SNN_SNNTORCH_DIR (default ../shared/reference/snntorch-0.9.4 beside the
repository). Deterministic: every argument comes from a fixed numpy seed.
"""
import json
import os
import sys

import numpy as np
import torch

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SNNTORCH_DIR = os.environ.get("SNN_SNNTORCH_DIR", os.path.join(REPO, "..", "shared", "reference", "snntorch-0.9.4"))

F32_MAX_BITS = 0x7F7FFFFF


def as_f32(bits):
    return np.asarray(bits, dtype=np.uint32).view(np.float32)


def bits_around(centre_bits, radius):
    """Bit patterns centre-radius .. centre+radius for every centre, kept inside the positive finites."""
    offsets = np.arange(-radius, radius + 1, dtype=np.int64)
    b = (np.asarray(centre_bits, dtype=np.int64)[:, None] + offsets[None, :]).ravel()
    return b[(b >= 0) & (b <= F32_MAX_BITS)].astype(np.uint32)


def log_arguments(rng):
    parts = []
    # Every positive finite float, uniformly by bit pattern (so every binade is equally likely).
    parts.append(rng.integers(1, F32_MAX_BITS + 1, size=400_000, dtype=np.uint32))
    # Subnormals: SLEEF scales them by 2^64 first.
    parts.append(rng.integers(1, 0x00800000, size=60_000, dtype=np.uint32))
    # What alpha and beta take: uniform floats in [0, 1), and values with few significant bits (0.8, 0.95).
    parts.append(rng.random(300_000, dtype=np.float32).view(np.uint32))
    parts.append(np.round(np.linspace(0, 1, 100_001), 5).astype(np.float32).view(np.uint32))
    # What Lapicque's 1/beta and the latency encoder's d/(d - threshold) take: floats above 1.
    u = rng.random(60_000, dtype=np.float32)
    parts.append((np.float32(1) / u[u > 0]).view(np.uint32))
    # Near 1, where log is tiny and the reduction's m - 1 cancels: 20,000 ulps either side.
    parts.append(bits_around([0x3F800000], 20_000))
    # Powers of two and their neighbours, and the edges of the reduction m in [0.75, 1.5) in every binade.
    exps = np.arange(-149, 128)
    pow2 = np.ldexp(np.float32(1), exps).astype(np.float32).view(np.uint32)
    parts.append(bits_around(pow2, 40))
    parts.append(bits_around(np.ldexp(np.float32(0.75), exps[1:]).astype(np.float32).view(np.uint32), 40))
    parts.append(bits_around(np.ldexp(np.float32(1.5), exps[:-1]).astype(np.float32).view(np.uint32), 40))
    # Negative numbers (NaN), and every special value torch distinguishes.
    parts.append(rng.integers(0x80000001, 0xFF800000, size=20_000, dtype=np.uint32))
    specials = [0x00000000, 0x80000000, 0x7F800000, 0xFF800000, 0x7FC00000, 0xFFC00000, 0x7F800001,
                0x7FBFFFFF, 0xFFFFFFFF, 0x00000001, 0x00800000, 0x007FFFFF, F32_MAX_BITS, 0x3F800000, 0xBF800000]
    parts.append(np.array(specials, dtype=np.uint32))
    return np.concatenate(parts)


def correctly_rounded_log(x):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log(x.astype(np.float64)).astype(np.float32)


def same_bits(a, b):
    return np.asarray(a, dtype=np.float32).view(np.uint32) == np.asarray(b, dtype=np.float32).view(np.uint32)


def f32_list(a):
    return [float(v) for v in np.asarray(a, dtype=np.float32).ravel()]


def nested(a):
    """A float32 array as nested lists of doubles that hold the float32 values exactly."""
    a = np.asarray(a, dtype=np.float32)
    return np.vectorize(float, otypes=[object])(a).tolist() if a.ndim else float(a)


def tau_f32(log_fn, a, b):
    """Alpha's tau = ln(a) / (ln(b) - ln(a)) + 1, one float32 rounding per operation."""
    la, lb = log_fn(a), log_fn(b)
    return (la / (lb - la) + np.float32(1)).astype(np.float32)


def torch_log_np(x):
    return torch.log(torch.from_numpy(np.ascontiguousarray(x, dtype=np.float32))).numpy()


def alpha_scenarios(rng, snn):
    # Pairs alpha > beta in (0, 1) whose tau differs when computed with the correctly rounded log.
    a = rng.random(200_000, dtype=np.float32)
    b = rng.random(200_000, dtype=np.float32)
    a, b = np.maximum(a, b), np.minimum(a, b)
    keep = (a > b) & (b > 0) & (a < 1)
    a, b = a[keep], b[keep]
    differs = ~same_bits(tau_f32(torch_log_np, a, b), tau_f32(correctly_rounded_log, a, b))
    a, b = a[differs][:40], b[differs][:40]
    # And the tutorial's pairs, whose tau both logs agree on.
    a = np.concatenate([a, np.array([0.8, 0.9], dtype=np.float32)])
    b = np.concatenate([b, np.array([0.7, 0.8], dtype=np.float32)])
    tau_differs = int((~same_bits(tau_f32(torch_log_np, a, b), tau_f32(correctly_rounded_log, a, b))).sum())
    n, steps = len(a), 120
    x = (rng.random((steps, n), dtype=np.float32) * np.float32(0.25)).astype(np.float32)
    x[rng.random((steps, n)) < 0.7] = 0  # sparse input: membranes rise and decay
    out = []
    for reset in ("zero", "subtract", "none"):
        neuron = snn.Alpha(alpha=torch.from_numpy(a.copy()), beta=torch.from_numpy(b.copy()), threshold=0.5,
                           reset_mechanism=reset)
        syn_exc, syn_inh, mem = (torch.zeros(n) for _ in range(3))
        rows = {"spk": [], "syn_exc": [], "syn_inh": [], "mem": []}
        with torch.no_grad():
            for t in range(steps):
                spk, syn_exc, syn_inh, mem = neuron(torch.from_numpy(x[t].copy()), syn_exc, syn_inh, mem)
                for name, v in (("spk", spk), ("syn_exc", syn_exc), ("syn_inh", syn_inh), ("mem", mem)):
                    rows[name].append(v.numpy().copy())
        out.append({
            "name": f"alpha_{n}_pairs_{reset}",
            "model": "Alpha",
            "constructor": {"alpha": f32_list(a), "beta": f32_list(b), "threshold": 0.5, "reset_mechanism": reset},
            "num_steps": steps,
            "num_neurons": n,
            "init": {"syn_exc": 0.0, "syn_inh": 0.0, "mem": 0.0},
            "input": nested(x),
            "output": {k: nested(np.stack(v)) for k, v in rows.items()},
        })
    return out, tau_differs


def lapicque_constants(log_fn, beta, R=None, C=None, dt=np.float32(1)):
    """(1/(R*C), 1 - dt/(R*C)) as snnTorch derives them from beta, in float32."""
    ln = log_fn(np.float32(1) / beta)
    if R is None and C is None:
        R, C = np.float32(1), dt / ln
    elif C is None:
        C = dt / (R * ln)
    else:
        R = dt / (C * ln)
    rc = np.float32(R * C)
    return np.float32(1) / rc, np.float32(1) - dt / rc


def lapicque_scenarios(rng, snn):
    out = []
    cases = [("beta", {}), ("beta_R", {"R": 5.1}), ("beta_C", {"C": 0.05})]
    for label, extra in cases:
        R = np.float32(extra["R"]) if "R" in extra else None
        C = np.float32(extra["C"]) if "C" in extra else None
        found = []
        while len(found) < 6:
            beta = np.float32(rng.uniform(0.05, 0.999))
            want = lapicque_constants(lambda v: torch_log_np(np.array([v]))[0], beta, R, C)
            cr = lapicque_constants(lambda v: correctly_rounded_log(np.array([v]))[0], beta, R, C)
            if not (same_bits(want[0], cr[0]) and same_bits(want[1], cr[1])):
                found.append(beta)
        for beta in found:
            steps = 80
            x = (rng.random((steps, 1), dtype=np.float32) * np.float32(0.6)).astype(np.float32)
            kwargs = {"beta": float(beta), "threshold": 1.0, **extra}
            neuron = snn.Lapicque(**kwargs)
            mem = torch.zeros(1)
            spk_rows, mem_rows = [], []
            with torch.no_grad():
                for t in range(steps):
                    spk, mem = neuron(torch.from_numpy(x[t].copy()), mem)
                    spk_rows.append(spk.numpy().copy())
                    mem_rows.append(mem.numpy().copy())
            out.append({
                "name": f"lapicque_{label}_{float(beta):.9g}",
                "model": "Lapicque",
                "constructor": kwargs,
                "num_steps": steps,
                "num_neurons": 1,
                "init": {"mem": 0.0},
                "input": nested(x),
                "output": {"spk": nested(np.stack(spk_rows)), "mem": nested(np.stack(mem_rows))},
            })
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out_dir = sys.argv[1]
    torch.set_num_threads(1)
    rng = np.random.default_rng(20240917)

    bits = log_arguments(rng)
    x = as_f32(bits)
    y = torch_log_np(x)
    bits.tofile(os.path.join(out_dir, "log_args.bin"))
    y.view(np.uint32).tofile(os.path.join(out_dir, "log_torch.bin"))

    # Does torch use the same routine for 0-d tensors and for short tensors (a vector's tail)?
    sample = np.concatenate([x[np.flatnonzero(~same_bits(y, correctly_rounded_log(x)))[:3000]], x[:1000]])
    sample_long = torch_log_np(sample)
    zero_d = np.array([torch.log(torch.tensor(v, dtype=torch.float32)).item() for v in sample], dtype=np.float32)
    short_ok = all(
        same_bits(torch_log_np(sample[i:i + n]), sample_long[i:i + n]).all()
        for n in (1, 2, 3, 5, 7, 9, 15, 17) for i in range(0, len(sample) - n, 97))

    sys.path.insert(0, SNNTORCH_DIR)
    import snntorch as snn

    alpha, alpha_tau_differs = alpha_scenarios(rng, snn)
    scenarios = alpha + lapicque_scenarios(rng, snn)
    with open(os.path.join(out_dir, "scenarios.json"), "w") as f:
        json.dump({"scenarios": scenarios}, f)

    meta = {
        "torch": torch.__version__,
        "snntorch": snn.__version__,
        "cpu_capability": torch.__config__.show().split("CPU capability usage: ")[1].split("\n")[0],
        "log_arguments": int(len(x)),
        "torch_differs_from_correctly_rounded": int((~same_bits(y, correctly_rounded_log(x))).sum()),
        "alpha_pairs_whose_tau_differs_from_correct_rounding": alpha_tau_differs,
        "zero_d_same_as_long": bool(same_bits(zero_d, sample_long).all()),
        "short_same_as_long": bool(short_ok),
    }
    with open(os.path.join(out_dir, "meta.json"), "w") as f:
        json.dump(meta, f, indent=1)
    print(json.dumps(meta))


if __name__ == "__main__":
    main()
