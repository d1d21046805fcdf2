#!/usr/bin/python3
"""F-I curves with the real snnTorch 0.9.4, for fi.test.js (and tests/web/fi.test.js, the page's F-I figure):
each Scenario file named on the command line sweeps a constant current (sweep.path "input.constant.value")
or a step current's amplitude ("input.step.amplitude": on at rows start <= t < stop, 0 elsewhere; start 0
and stop num_steps unless the step says) into one neuron of its model; for every value this builds the
snnTorch class with the Scenario's keywords, starts from its init_* state and calls it once per step under
torch.no_grad(), as a user does, counting the steps whose spike is non-zero and the first of them (-1: none). Prints one JSON object: file name -> {"values", "spike_count", "first_spike"},
in the layout `snn run` prints a sweep ([value][neuron]).

Run: PYTHONPATH=../shared/reference/snntorch-0.9.4 /usr/bin/python3 tests/reference/fi_curves.py FILE...
"""
import json
import os
import sys

import torch
import snntorch

assert snntorch.__version__ == "0.9.4", snntorch.__version__

CLASSES = {"Lapicque": (snntorch.Lapicque, "init_lapicque"), "Leaky": (snntorch.Leaky, "init_leaky"),
           "Synaptic": (snntorch.Synaptic, "init_synaptic")}


def current(scenario, value, step):
    """The current of this value at this step, as the scenario's input gives it."""
    path = scenario["sweep"]["path"]
    if path == "input.constant.value":
        return value
    assert path == "input.step.amplitude", path
    spec = scenario["input"]["step"]
    on = spec.get("start", 0) <= step < spec.get("stop", scenario["num_steps"])
    return value if on else 0.0


def curve(scenario):
    sweep = scenario["sweep"]
    cls, init = CLASSES[scenario["model"]]
    counts, firsts = [], []
    for value in sweep["values"]:
        neuron = cls(**scenario["constructor"])
        made = getattr(neuron, init)()
        states = list(made) if isinstance(made, tuple) else [made]
        count, first = 0, -1
        with torch.no_grad():
            for step in range(scenario["num_steps"]):
                out = neuron(torch.tensor([current(scenario, value, step)], dtype=torch.float32), *states)
                states = list(out[1:])
                if float(out[0][0]) != 0.0:
                    count += 1
                    first = step if first < 0 else first
        counts.append([count])
        firsts.append([first])
    return {"values": sweep["values"], "spike_count": counts, "first_spike": firsts}


print(json.dumps({os.path.basename(path): curve(json.load(open(path))) for path in sys.argv[1:]}))
