# Runs exported snnTorch code with the real snnTorch 0.9.4 (../shared/reference, never copied here) and
# Debian's PyTorch, and reports what it computed: for each script or notebook named on stdin (one JSON
# object per line: {"script": path, "main": bool} or {"notebook": path}), one JSON line on stdout with the
# `traces` the code left behind — per run, per array, its shape and its float32 bytes (base64, little
# endian) — or the error it raised. One process for many exports: torch is imported once.
#
# Plots go to matplotlib's Agg backend (nothing is shown). A script runs as __main__ (it plots) or as a
# module (it does not) as the request says; a notebook's code cells run in order in one namespace, its
# shell lines (%pip ...) skipped. What the code prints is kept apart from the answers and sent with them
# (`stdout`).
import base64, contextlib, io, json, os, sys, traceback, runpy

os.environ.setdefault("MPLBACKEND", "Agg")
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.abspath(os.path.join(here, "..", "..", "..", "shared", "reference", "snntorch-0.9.4")))

import torch  # noqa: E402
import snntorch  # noqa: E402,F401
import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

assert snntorch.__version__ == "0.9.4", snntorch.__version__


def encode(traces):
    out = {}
    for label, arrays in traces.items():
        out[label] = {}
        for name, tensor in arrays.items():
            t = tensor.detach().to(torch.float32).contiguous()
            out[label][name] = {"shape": list(t.shape), "b64": base64.b64encode(t.numpy().astype("<f4").tobytes()).decode()}
    return out


def run_notebook(path):
    with open(path) as f:
        nb = json.load(f)
    namespace = {"__name__": "__main__"}
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        source = "\n".join(line for line in source.split("\n") if not line.lstrip().startswith(("%", "!")))
        exec(compile(source, path, "exec"), namespace)
    return namespace


for line in sys.stdin:
    line = line.strip()
    if not line:
        continue
    request = json.loads(line)
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            if "notebook" in request:
                namespace = run_notebook(request["notebook"])
            else:
                namespace = runpy.run_path(request["script"], run_name="__main__" if request.get("main") else "snn_export_check")
        plt.close("all")
        print(json.dumps({"ok": True, "traces": encode(namespace["traces"]), "stdout": printed.getvalue()}), flush=True)
    except Exception:
        print(json.dumps({"ok": False, "error": traceback.format_exc()}), flush=True)
