// Embind bindings: handles that own core objects and expose their buffers to JavaScript. No model logic
// lives here: every number, rule and message comes from the core. C++ exceptions never cross into JS (they
// would arrive as bare numbers): each entry point catches them, records the error, and returns a neutral
// value; the JS loader (index.js) turns the recorded error into a RangeError / TypeError.
#include <emscripten/bind.h>
#include <emscripten/emmalloc.h>

#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "snn/error.hpp"
#include "snn/network.hpp"
#include "snn/rng.hpp"
#include "snn/scenario.hpp"

namespace {

// 0 none; 1 Range; 2 Type; 3 Limit; 4 Invalid; 5 out of memory; 6 other.
struct LastError {
  int kind = 0;
  std::string field;
  std::string message;
} g_error;

// Keeps what the exception being handled says; called from a catch block only. One copy of the sorting
// for every binding (each guarded() instantiation has a single catch-all), which keeps the module small.
[[gnu::noinline]] void rememberError() {
  try {
    throw;
  } catch (const snn::ScenarioError& e) {
    g_error = {1 + static_cast<int>(e.kind()), e.field(), e.what()};
  } catch (const std::bad_alloc&) {
    g_error = {5, "", "out of memory: the WebAssembly heap cannot grow further"};
  } catch (const std::exception& e) {
    g_error = {6, "", e.what()};
  }
}

[[gnu::noinline]] void clearError() { g_error = LastError{}; }

// Runs a binding's body: a core error becomes g_error (read by JS through lastError*) and an empty result.
template <class F>
auto guarded(F f) -> decltype(f()) {
  clearError();
  try {
    return f();
  } catch (...) {
    rememberError();
  }
  return decltype(f()){};
}

std::uintptr_t addressOf(const float* p) { return reinterpret_cast<std::uintptr_t>(p); }

// The names in a comma-separated `record` list (JS joins its array); the run checks them.
std::vector<std::string> recordList(const std::string& record) {
  std::vector<std::string> names;
  for (std::size_t start = 0; start < record.size();) {
    const std::size_t comma = std::min(record.find(',', start), record.size());
    names.push_back(record.substr(start, comma - start));
    start = comma + 1;
  }
  return names;
}


// ------------------------------------------------------------------------------------------- Trace
class TraceHandle {
 public:
  explicit TraceHandle(snn::Trace t) : trace_(std::move(t)) {}
  int numSteps() const { return static_cast<int>(trace_.num_steps); }
  // Non-zero: the input's values are those of every trace with this serial (they came from one cache entry).
  double inputSerial() const { return static_cast<double>(trace_.input_serial); }

  // Where every array lies, in one call (each call into WASM costs about a microsecond, and a short run
  // would otherwise spend more on them than on its steps): a line per array,
  // "name<TAB>spike 0|1<TAB>address<TAB>length<TAB>d0,d1,...", then the input (if kept) named "".
  std::string layout() const {
    std::string out;
    const auto line = [&](const std::string& name, const snn::TraceArray& a) {
      out += name + '\t' + (a.is_spike ? '1' : '0') + '\t' + std::to_string(addressOf(a.data.data())) + '\t' +
             std::to_string(a.data.size()) + '\t';
      for (std::size_t d = 0; d < a.shape.size(); ++d) out += (d ? "," : "") + std::to_string(a.shape[d]);
      out += '\n';
    };
    for (const auto& a : trace_.arrays) line(a.name, a);
    if (!trace_.input.data.empty()) line("", trace_.input);
    return out;
  }

 private:
  snn::Trace trace_;
};

// Seeded weights and generated inputs of recent scenarios (32 MB at most): a figure whose slider changes a
// neuron parameter re-runs without drawing its weights and input again. Same values either way.
snn::ScenarioCache& scenarioCache() {
  static snn::ScenarioCache cache;
  return cache;
}

TraceHandle* runScenario(const std::string& json) {
  return guarded([&]() -> TraceHandle* { return new TraceHandle(snn::runScenarioJson(json, &scenarioCache())); });
}

std::string validateScenario(const std::string& json) {
  return guarded([&]() -> std::string {
    (void)snn::parseScenario(json, &scenarioCache());
    return "ok";
  });
}

// ------------------------------------------------------------------------------------------- Buffer
// A float array owned by C++ that JS fills or reads (inputs for run(), encoder outputs).
class Buffer {
 public:
  explicit Buffer(std::vector<float> v) : data_(std::move(v)) {}
  std::uintptr_t ptr() const { return addressOf(data_.data()); }
  int length() const { return static_cast<int>(data_.size()); }
  std::vector<float>& values() { return data_; }

 private:
  std::vector<float> data_;
};

Buffer* generateInput(const std::string& json, double steps, double width, double batch, double seed) {
  return guarded([&]() -> Buffer* {
    snn::checkRunSize(steps, 0);
    snn::checkPopulationSize(width, batch);
    return new Buffer(snn::generateInput(json, static_cast<std::size_t>(steps), static_cast<std::size_t>(width),
                                         static_cast<std::size_t>(batch), static_cast<std::uint64_t>(seed)));
  });
}

// -------------------------------------------------------------------------------------- Population
class PopulationHandle {
 public:
  static PopulationHandle* create(const std::string& model, const std::string& kwargs, double neurons, double batch) {
    return guarded([&]() -> PopulationHandle* {
      snn::checkPopulationSize(neurons, batch);
      const snn::NeuronDef def = snn::parseNeuronDef(model, kwargs, static_cast<std::size_t>(neurons));
      return new PopulationHandle(def, static_cast<std::size_t>(neurons), static_cast<std::size_t>(batch));
    });
  }

  int size() const { return static_cast<int>(layer_->size()); }
  int neurons() const { return static_cast<int>(layer_->neurons()); }
  int stateCount() const { return static_cast<int>(layer_->stateCount()); }
  std::string stateName(int i) const { return layer_->stateNames().at(i); }
  std::uintptr_t statePtr(int i) const { return addressOf(layer_->state(static_cast<std::size_t>(i))); }
  std::uintptr_t inputPtr() const { return addressOf(input_.data()); }
  std::uintptr_t spkPtr() const { return addressOf(spk_.data()); }

  // One forward call on the values JS wrote at inputPtr().
  bool step() {
    return guarded([&] {
      snn::checkInputValues(input_.data(), input_.size(), "input");
      layer_->step(input_.data(), spk_.data());
      return true;
    });
  }

  // `steps` forward calls on the values at inputPtr(), held for every step; nothing recorded. With `count`,
  // countsPtr() then holds each neuron's number of spiking steps in this call.
  bool advance(double steps, bool count) {
    return guarded([&] {
      snn::checkAdvanceSize(steps, static_cast<double>(layer_->size()));
      snn::checkInputValues(input_.data(), input_.size(), "input");
      if (count) counts_.assign(layer_->size(), 0.0f);
      layer_->advance(input_.data(), static_cast<std::size_t>(steps), count ? counts_.data() : nullptr);
      return true;
    });
  }
  std::uintptr_t countsPtr() const { return addressOf(counts_.data()); }

  // Sets the initial state `index` from the first N (or size()) values at inputPtr(), and resets to it.
  bool setInitialState(int index, int count) {
    return guarded([&] {
      snn::checkInputValues(input_.data(), static_cast<std::size_t>(count), layer_->stateNames().at(index));
      layer_->setInitialState(static_cast<std::size_t>(index),
                              std::vector<float>(input_.begin(), input_.begin() + count));
      return true;
    });
  }

  void reset() { layer_->reset(); }

  // A buffer for `steps` rows of input, which run() then consumes.
  Buffer* runBuffer(double steps) {
    return guarded([&]() -> Buffer* {
      snn::checkRunSize(steps, static_cast<double>(layer_->size()) * (2 + layer_->stateCount()));
      return new Buffer(std::vector<float>(static_cast<std::size_t>(steps) * layer_->size()));
    });
  }

  // Steps once per row of `inputs` (a runBuffer this population made) and records the arrays named in
  // `record` (comma-separated; empty: all of them).
  TraceHandle* run(Buffer& inputs, const std::string& record) {
    return guarded([&]() -> TraceHandle* {
      const std::vector<std::string> names = recordList(record);
      snn::checkInputValues(inputs.values().data(), inputs.values().size(), "inputs");
      return new TraceHandle(snn::runPopulation(*layer_, inputs.values().data(), layer_->size(),
                                                inputs.values().size() / layer_->size(), names));
    });
  }

 private:
  PopulationHandle(const snn::NeuronDef& def, std::size_t neurons, std::size_t batch)
      : layer_(snn::makeNeuronLayer(def, neurons, batch)), input_(layer_->size()), spk_(layer_->size()) {}

  std::unique_ptr<snn::NeuronLayer> layer_;
  std::vector<float> input_, spk_, counts_;
};

// ----------------------------------------------------------------------------------------- Network
class NetworkHandle {
 public:
  static NetworkHandle* create(const std::string& layers, double batch, double seed) {
    return guarded([&]() -> NetworkHandle* {
      snn::checkPopulationSize(1, batch);
      snn::NetworkDef def = snn::parseNetworkDef(layers, static_cast<std::size_t>(batch), static_cast<std::uint64_t>(seed));
      return new NetworkHandle(std::move(def), static_cast<std::size_t>(batch));
    });
  }

  int depth() const { return static_cast<int>(net_.depth()); }
  int inputSize() const { return static_cast<int>(net_.inputSize()); }
  int batch() const { return static_cast<int>(net_.batch()); }
  int layerSize(int k) const { return static_cast<int>(net_.linear(k).out()); }
  std::uintptr_t inputPtr() const { return addressOf(input_.data()); }
  std::uintptr_t currentPtr(int k) const { return addressOf(net_.current(k)); }
  std::uintptr_t spikesPtr(int k) const { return addressOf(net_.spikes(k)); }
  int stateCount(int k) const { return static_cast<int>(net_.population(k).stateCount()); }
  std::string stateName(int k, int i) const { return net_.population(k).stateNames().at(i); }
  std::uintptr_t statePtr(int k, int i) const { return addressOf(net_.population(k).state(i)); }

  // Row-major [out][in] copy of layer k's weights, and its bias, for inspection and export.
  Buffer* weights(int k) const {
    const auto& W = net_.linear(k).weight();
    std::vector<float> out(static_cast<std::size_t>(W.size()));
    for (Eigen::Index o = 0; o < W.rows(); ++o)
      for (Eigen::Index i = 0; i < W.cols(); ++i) out[static_cast<std::size_t>(o * W.cols() + i)] = W(o, i);
    return new Buffer(std::move(out));
  }
  Buffer* bias(int k) const {
    const auto& b = net_.linear(k).bias();
    return new Buffer(std::vector<float>(b.data(), b.data() + b.size()));
  }

  bool step() {
    return guarded([&] {
      snn::checkInputValues(input_.data(), input_.size(), "input");
      net_.step(input_.data());
      return true;
    });
  }
  void reset() { net_.reset(); }

  Buffer* runBuffer(double steps) {
    return guarded([&]() -> Buffer* {
      double per_step = static_cast<double>(input_.size());
      for (std::size_t k = 0; k < net_.depth(); ++k)
        per_step += static_cast<double>(net_.batch() * net_.linear(k).out()) * (2 + net_.population(k).stateCount());
      snn::checkRunSize(steps, per_step);
      return new Buffer(std::vector<float>(static_cast<std::size_t>(steps) * input_.size()));
    });
  }

  TraceHandle* run(Buffer& inputs, const std::string& record) {
    return guarded([&]() -> TraceHandle* {
      const std::vector<std::string> names = recordList(record);
      snn::checkInputValues(inputs.values().data(), inputs.values().size(), "inputs");
      return new TraceHandle(
          snn::runNetwork(net_, inputs.values().data(), input_.size(), inputs.values().size() / input_.size(), names));
    });
  }

 private:
  NetworkHandle(snn::NetworkDef def, std::size_t batch)
      : net_(std::move(def.linears), def.populations, batch), input_(batch * net_.inputSize()) {}

  snn::Network net_;
  std::vector<float> input_;
};

// ------------------------------------------------------------------------------------------ Linear
class LinearHandle {
 public:
  static LinearHandle* create(double in, double out, bool bias, double seed) {
    return guarded([&]() -> LinearHandle* {
      snn::checkLinearSize(in, out);
      return new LinearHandle(static_cast<std::size_t>(in), static_cast<std::size_t>(out), bias,
                              static_cast<std::uint64_t>(seed));
    });
  }
  int in() const { return static_cast<int>(linear_.in()); }
  int out() const { return static_cast<int>(linear_.out()); }
  // JS writes weights [out][in] (row-major) and bias into these buffers, then calls load().
  Buffer* weightBuffer() { return new Buffer(std::vector<float>(linear_.in() * linear_.out())); }
  bool load(Buffer& weight, Buffer& bias) {
    return guarded([&] {
      snn::checkInputValues(weight.values().data(), weight.values().size(), "weight");
      snn::checkInputValues(bias.values().data(), bias.values().size(), "bias");
      linear_ = snn::Linear::fromRowMajor(linear_.in(), linear_.out(), weight.values(), bias.values());
      return true;
    });
  }
  Buffer* weights() const {
    std::vector<float> out(linear_.in() * linear_.out());
    for (std::size_t o = 0; o < linear_.out(); ++o)
      for (std::size_t i = 0; i < linear_.in(); ++i)
        out[o * linear_.in() + i] = linear_.weight()(static_cast<Eigen::Index>(o), static_cast<Eigen::Index>(i));
    return new Buffer(std::move(out));
  }
  Buffer* bias() const {
    const auto& b = linear_.bias();
    return new Buffer(linear_.hasBias() ? std::vector<float>(b.data(), b.data() + b.size()) : std::vector<float>{});
  }
  // y = x·Wᵀ + b for the rows JS wrote into x (a Buffer of batch x in values).
  Buffer* forward(Buffer& x) {
    return guarded([&]() -> Buffer* {
      snn::checkInputValues(x.values().data(), x.values().size(), "input");
      const std::size_t batch = x.values().size() / linear_.in();
      std::vector<float> y(batch * linear_.out());
      linear_.forward(x.values().data(), batch, y.data());
      return new Buffer(std::move(y));
    });
  }

 private:
  LinearHandle(std::size_t in, std::size_t out, bool bias, std::uint64_t seed) : linear_(in, out, bias) {
    snn::Pcg32 rng(seed, 1000);
    linear_.initDefault(rng);
  }
  snn::Linear linear_;
};

Buffer* makeBuffer(double n) {
  return guarded([&]() -> Buffer* {
    snn::checkRunSize(1, n);
    return new Buffer(std::vector<float>(static_cast<std::size_t>(n)));
  });
}

// Bytes malloc has handed out and not taken back: what a leak would grow.
double heapInUse() {
  return static_cast<double>(emmalloc_dynamic_heap_size()) - static_cast<double>(emmalloc_free_dynamic_memory());
}

int lastErrorKind() { return g_error.kind; }
std::string lastErrorField() { return g_error.field; }
std::string lastErrorMessage() { return g_error.message; }

}  // namespace

EMSCRIPTEN_BINDINGS(snn_core) {
  using namespace emscripten;
  function("runScenario", &runScenario, allow_raw_pointers());
  function("validateScenario", &validateScenario);
  function("generateInput", &generateInput, allow_raw_pointers());
  function("makeBuffer", &makeBuffer, allow_raw_pointers());
  function("heapInUse", &heapInUse);
  function("lastErrorKind", &lastErrorKind);
  function("lastErrorField", &lastErrorField);
  function("lastErrorMessage", &lastErrorMessage);

  class_<TraceHandle>("TraceHandle")
      .function("numSteps", &TraceHandle::numSteps)
      .function("inputSerial", &TraceHandle::inputSerial)
      .function("layout", &TraceHandle::layout);

  class_<Buffer>("Buffer").function("ptr", &Buffer::ptr).function("length", &Buffer::length);

  class_<LinearHandle>("LinearHandle")
      .class_function("create", &LinearHandle::create, allow_raw_pointers())
      .function("in", &LinearHandle::in)
      .function("out", &LinearHandle::out)
      .function("weightBuffer", &LinearHandle::weightBuffer, allow_raw_pointers())
      .function("load", &LinearHandle::load)
      .function("weights", &LinearHandle::weights, allow_raw_pointers())
      .function("bias", &LinearHandle::bias, allow_raw_pointers())
      .function("forward", &LinearHandle::forward, allow_raw_pointers());

  class_<PopulationHandle>("PopulationHandle")
      .class_function("create", &PopulationHandle::create, allow_raw_pointers())
      .function("size", &PopulationHandle::size)
      .function("neurons", &PopulationHandle::neurons)
      .function("stateCount", &PopulationHandle::stateCount)
      .function("stateName", &PopulationHandle::stateName)
      .function("statePtr", &PopulationHandle::statePtr)
      .function("inputPtr", &PopulationHandle::inputPtr)
      .function("spkPtr", &PopulationHandle::spkPtr)
      .function("step", &PopulationHandle::step)
      .function("advance", &PopulationHandle::advance)
      .function("countsPtr", &PopulationHandle::countsPtr)
      .function("setInitialState", &PopulationHandle::setInitialState)
      .function("reset", &PopulationHandle::reset)
      .function("runBuffer", &PopulationHandle::runBuffer, allow_raw_pointers())
      .function("run", &PopulationHandle::run, allow_raw_pointers());

  class_<NetworkHandle>("NetworkHandle")
      .class_function("create", &NetworkHandle::create, allow_raw_pointers())
      .function("depth", &NetworkHandle::depth)
      .function("inputSize", &NetworkHandle::inputSize)
      .function("batch", &NetworkHandle::batch)
      .function("layerSize", &NetworkHandle::layerSize)
      .function("inputPtr", &NetworkHandle::inputPtr)
      .function("currentPtr", &NetworkHandle::currentPtr)
      .function("spikesPtr", &NetworkHandle::spikesPtr)
      .function("stateCount", &NetworkHandle::stateCount)
      .function("stateName", &NetworkHandle::stateName)
      .function("statePtr", &NetworkHandle::statePtr)
      .function("weights", &NetworkHandle::weights, allow_raw_pointers())
      .function("bias", &NetworkHandle::bias, allow_raw_pointers())
      .function("step", &NetworkHandle::step)
      .function("reset", &NetworkHandle::reset)
      .function("runBuffer", &NetworkHandle::runBuffer, allow_raw_pointers())
      .function("run", &NetworkHandle::run, allow_raw_pointers());
}
