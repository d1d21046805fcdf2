#!/usr/bin/python3
"""F-I curves with the real snnTorch 0.9.4, for fi.test.js: each Scenario file named on the command line
sweeps a constant current (sweep.path "input.constant.value") into one neuron of its model; for every
value this builds the snnTorch class with the Scenario's keywords, starts from its init_* state and calls
it once per step under torch.no_grad(), as a user does, counting the steps whose spike is non-zero and the
first of them (-1: none). Prints one JSON object: file name -> {"values", "spike_count", "first_spike"},
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


def curve(scenario):
    sweep = scenario["sweep"]
    assert sweep["path"] == "input.constant.value", sweep["path"]
    cls, init = CLASSES[scenario["model"]]
    counts, firsts = [], []
    for value in sweep["values"]:
        neuron = cls(**scenario["constructor"])
        made = getattr(neuron, init)()
        states = list(made) if isinstance(made, tuple) else [made]
        current = torch.tensor([value], dtype=torch.float32)
        count, first = 0, -1
        with torch.no_grad():
            for step in range(scenario["num_steps"]):
                out = neuron(current, *states)
                states = list(out[1:])
                if float(out[0][0]) != 0.0:
                    count += 1
                    first = step if first < 0 else first
        counts.append([count])
        firsts.append([first])
    return {"values": sweep["values"], "spike_count": counts, "first_spike": firsts}


print(json.dumps({os.path.basename(path): curve(json.load(open(path))) for path in sys.argv[1:]}))
