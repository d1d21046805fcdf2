# Runs an exported snnTorch script against stand-ins for torch and snntorch (neither is installed here):
# float32 tensors of the few operations the generated code uses, nn.Linear layers whose weight and bias
# take torch's shapes ([out, in] and [out]) and keep what the script copies into them, and neuron classes
# that check snnTorch 0.9.4's constructor keywords and forward() arguments and record every input row
# they are fed. Prints one JSON object: the classes made, the input fed, the Linear weights (float32 bits).
# Used by tests/web/figures.test.js (downloaded exports) and tests/web/python.test.js.
import contextlib, io, json, struct, sys, types, runpy

def f32(x):
    return struct.unpack('f', struct.pack('f', float(x)))[0]

def bits(x):
    return struct.unpack('I', struct.pack('f', float(x)))[0]

class Tensor:
    def __init__(self, data, shape):
        self.data, self.shape = [f32(v) for v in data], tuple(shape)
    @staticmethod
    def of(value):
        if isinstance(value, Tensor):
            return value
        if isinstance(value, (int, float)):
            return Tensor([value], ())
        if isinstance(value, list) and (not value or isinstance(value[0], (int, float))):
            return Tensor(value, [len(value)])  # a flat list: the common case, and a long one for weights
        flat, shape, level = [], [], value
        while isinstance(level, (list, tuple)):
            shape.append(len(level)); level = level[0] if level else None
        def walk(v):
            if isinstance(v, (list, tuple)):
                for e in v: walk(e)
            else:
                flat.append(v)
        walk(value)
        return Tensor(flat, shape)
    def _row(self):
        n = 1
        for d in self.shape[1:]: n *= d
        return n
    def _rows(self, key):
        return range(*key.indices(self.shape[0])) if isinstance(key, slice) else [key % self.shape[0]]
    def __getitem__(self, key):
        n = self._row(); rows = list(self._rows(key))
        data = [self.data[r * n + j] for r in rows for j in range(n)]
        return Tensor(data, (len(rows),) + self.shape[1:] if isinstance(key, slice) else self.shape[1:])
    def __setitem__(self, key, value):
        n = self._row(); value = Tensor.of(value); rows = list(self._rows(key))
        for i, r in enumerate(rows):
            for j in range(n):
                self.data[r * n + j] = value._at(i * n + j, len(rows) * n)
    def _at(self, i, size):
        return self.data[i % len(self.data)]  # broadcast: a scalar, a row, or the same size
    def _op(self, other, fn):
        other = Tensor.of(other)
        big, size = (self, len(self.data)) if len(self.data) >= len(other.data) else (other, len(other.data))
        return Tensor([fn(self._at(i, size), other._at(i, size)) for i in range(size)], big.shape)
    def __add__(self, o): return self._op(o, lambda a, b: a + b)
    __radd__ = __add__
    def __sub__(self, o): return self._op(o, lambda a, b: a - b)
    def __rsub__(self, o): return self._op(o, lambda a, b: b - a)
    def __mul__(self, o): return self._op(o, lambda a, b: a * b)
    __rmul__ = __mul__
    def __neg__(self): return Tensor([-v for v in self.data], self.shape)
    def __gt__(self, o): return self._op(o, lambda a, b: 1.0 if a > b else 0.0)
    def float(self): return self
    def clone(self): return Tensor(self.data, self.shape)
    def unsqueeze(self, dim):
        assert dim == 0
        return Tensor(self.data, (1,) + self.shape)
    def reshape(self, *shape):
        assert len(self.data) == eval('*'.join(map(str, shape)) or '1'), 'reshape size'
        return Tensor(self.data, shape)
    def flatten(self):
        return Tensor(self.data, (len(self.data),))
    def tolist(self):
        assert len(self.shape) == 1, 'tolist of a nested tensor'
        return list(self.data)
    def sum(self, dim=None):
        return Tensor([sum(self.data)], ())
    def __repr__(self):
        return f'Tensor{self.shape}'

torch = types.ModuleType('torch')
torch.float32 = 'float32'
torch.Tensor = Tensor
def _dtype(d):
    assert d in (None, 'float32'), f'dtype {d}'
def _full(v, shape):
    n = 1
    for d in shape: n *= d
    return Tensor([v] * n, shape)
torch.zeros = lambda *shape, dtype=None: (_dtype(dtype), _full(0, shape))[1]
torch.ones = lambda *shape, dtype=None: (_dtype(dtype), _full(1, shape))[1]
def tensor(value, dtype=None):
    assert dtype == 'float32', 'torch.tensor without dtype=torch.float32 makes int64 from whole numbers'
    return Tensor.of(value)
torch.tensor = tensor
torch.stack = lambda ts: Tensor([v for t in ts for v in t.data], (len(ts),) + ts[0].shape)
def cat(ts):
    assert all(t.shape[1:] == ts[0].shape[1:] for t in ts), 'torch.cat shapes'
    return Tensor([v for t in ts for v in t.data], (sum(t.shape[0] for t in ts),) + ts[0].shape[1:])
torch.cat = cat
torch.manual_seed = lambda seed: None
grad_enabled = [True]
@contextlib.contextmanager
def no_grad():
    grad_enabled.append(False)
    try:
        yield
    finally:
        grad_enabled.pop()
torch.no_grad = no_grad
class Parameter:
    def __init__(self, shape):
        self.shape, self.data = tuple(shape), None
    def copy_(self, value):
        assert not grad_enabled[-1], 'copy_ into a parameter outside torch.no_grad()'
        value = Tensor.of(value)
        assert value.shape == self.shape, f'copy_ of a {value.shape} tensor into a {self.shape} parameter'
        self.data = list(value.data)
        return self
linears = []
nn = types.ModuleType('torch.nn')
class Linear:
    def __init__(self, in_features, out_features, bias=True):
        self.shape = (in_features, out_features)
        self.weight = Parameter((out_features, in_features))
        self.bias = Parameter((out_features,)) if bias else None
        linears.append(self)
    def __call__(self, x):
        assert x.shape[-1] == self.shape[0], f'Linear{self.shape} fed {x.shape}'
        return _full(0, x.shape[:-1] + (self.shape[1],))
nn.Linear = Linear
torch.nn = nn

COMMON = {'threshold', 'spike_grad', 'surrogate_disable', 'init_hidden', 'inhibition', 'learn_beta', 'learn_threshold',
          'reset_mechanism', 'state_quant', 'output'}
CLASSES = {  # keywords and forward() states of snnTorch 0.9.4
    'Leaky': ({'beta', 'graded_spikes_factor', 'learn_graded_spikes_factor', 'reset_delay'}, {'beta'}, ['mem']),
    'Synaptic': ({'alpha', 'beta', 'learn_alpha', 'reset_delay'}, {'alpha', 'beta'}, ['syn', 'mem']),
    'Alpha': ({'alpha', 'beta', 'learn_alpha'}, {'alpha', 'beta'}, ['syn_exc', 'syn_inh', 'mem']),
    'Lapicque': ({'beta', 'R', 'C', 'time_step'}, set(), ['mem']),
}
made = []
snntorch = types.ModuleType('snntorch')
def neuron_class(name):
    allowed, required, states = CLASSES[name]
    class Neuron:
        def __init__(self, **kw):
            bad = set(kw) - allowed - COMMON
            assert not bad, f'snn.{name} has no keyword {bad}'
            assert required <= set(kw), f'snn.{name} needs {required}'
            self.threshold = Tensor([kw.get('threshold', 1.0)], ())
            self.fed = []; made.append((name, kw, self))
        def __call__(self, x, *args):
            assert len(args) == len(states), f'snn.{name}.forward takes {states}, got {len(args)} states'
            for s in args: assert s.shape == x.shape, f'snn.{name}: state shape {s.shape} != input {x.shape} (snnTorch would zero it)'
            self.fed.append(x)
            return (_full(0, x.shape),) + tuple(args)
    Neuron.__name__ = name
    return Neuron
for name in CLASSES: setattr(snntorch, name, neuron_class(name))
sys.modules.update({'torch': torch, 'torch.nn': nn, 'snntorch': snntorch})

with contextlib.redirect_stdout(io.StringIO()):
    g = runpy.run_path(sys.argv[1], run_name='__main__')
fed = made[0][2].fed if made else [g['cur_in'][t] for t in range(g['num_steps'])]
print(json.dumps({
    'classes': [[n, kw] for n, kw, _ in made],
    'steps': len(fed),
    # What the first neuron layer was fed (for a network: the input spikes x, as the script built them).
    'input': [bits(v) for v in (g['x'].data if 'x' in g else [v for t in fed for v in t.data])],
    'mem': [bits(v) for v in g['mem_rec'].data] if 'mem_rec' in g else None,
    'spk': [bits(v) for v in g['spk_rec'].data] if 'spk_rec' in g else None,
    # Each nn.Linear as [in, out] with the weight ([out][in], row by row) and bias the script copied in.
    'linears': [{'shape': list(fc.shape),
                 'weight': None if fc.weight.data is None else [bits(v) for v in fc.weight.data],
                 'bias': None if fc.bias is None or fc.bias.data is None else [bits(v) for v in fc.bias.data]}
                for fc in linears],
}))
