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

#include "snn/catalogue.hpp"
#include "snn/error.hpp"
#include "snn/network.hpp"
#include "snn/rng.hpp"
#include "snn/scenario.hpp"
#include "snn/session.hpp"
#include "snn/sweep.hpp"

namespace {

// The last error: its kind's name (snn::errorKinds(), empty for none), field and message.
struct LastError {
  std::string kind;
  std::string field;
  std::string message;
} g_error;

// Keeps what the exception being handled says; called from a catch block only. One copy of the sorting
// for every binding (each guarded() instantiation has a single catch-all), which keeps the module small.
[[gnu::noinline]] void rememberError() {
  try {
    throw;
  } catch (const snn::ScenarioError& e) {
    g_error = {snn::kindName(e.kind()), e.field(), e.what()};
  } catch (const std::bad_alloc&) {
    g_error = {snn::errorKinds()[snn::kOutOfMemoryKind].name, "", "out of memory: the WebAssembly heap cannot grow further"};
  } catch (const std::exception& e) {
    g_error = {snn::errorKinds()[snn::kInternalKind].name, "", e.what()};
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



// ------------------------------------------------------------------------------------------- Trace
class TraceHandle {
 public:
  TraceHandle(snn::Trace t, std::uint64_t input_serial) : trace_(std::move(t)), input_serial_(input_serial) {
    // Where every array lies, as numbers JS reads in one go from the heap (each call into WASM costs about
    // a microsecond, and a short run would otherwise spend more on them than on its steps). Per array:
    // name address, name length, spike 0|1, data address, length, dimensions, then the dimensions. The
    // input (if kept) comes last, with an empty name.
    const auto add = [&](const std::string& name, const snn::TraceArray& a) {
      for (std::uint32_t v : {static_cast<std::uint32_t>(addressOf(name.data())), static_cast<std::uint32_t>(name.size()),
                              std::uint32_t{a.is_spike}, static_cast<std::uint32_t>(addressOf(a.data.data())),
                              static_cast<std::uint32_t>(a.data.size()), static_cast<std::uint32_t>(a.shape.size())})
        layout_.push_back(v);
      for (std::size_t d : a.shape) layout_.push_back(static_cast<std::uint32_t>(d));
    };
    for (const auto& a : trace_.arrays) add(a.name, a);
    if (!trace_.input.data.empty()) add(empty_, trace_.input);
  }
  // A sweep's result instead of a trace (runScenario of a scenario with a "sweep"). Its layout: path
  // address and length, array name address and length, num_steps, values address (doubles) and count,
  // spike counts address, first spikes address (int32 each), dimensions, then the dimensions.
  explicit TraceHandle(std::unique_ptr<snn::SweepResult> sweep) : sweep_(std::move(sweep)), input_serial_(0) {
    const snn::SweepResult& r = *sweep_;
    const std::uint32_t head[] = {static_cast<std::uint32_t>(addressOf(r.path.data())), static_cast<std::uint32_t>(r.path.size()),
                                  static_cast<std::uint32_t>(addressOf(r.array.data())), static_cast<std::uint32_t>(r.array.size()),
                                  static_cast<std::uint32_t>(r.num_steps), static_cast<std::uint32_t>(addressOf(r.values.data())),
                                  static_cast<std::uint32_t>(r.values.size()), static_cast<std::uint32_t>(addressOf(r.spike_count.data())),
                                  static_cast<std::uint32_t>(addressOf(r.first_spike.data())), static_cast<std::uint32_t>(r.shape.size())};
    for (std::uint32_t v : head) layout_.push_back(v);
    for (std::size_t d : r.shape) layout_.push_back(static_cast<std::uint32_t>(d));
  }
  int numSteps() const { return static_cast<int>(trace_.num_steps); }
  // Non-zero: the input's values are those of every trace with this serial (they came from one cache entry).
  double inputSerial() const { return static_cast<double>(input_serial_); }
  // -1: the handle holds a sweep's result (read with the sweep layout), not a trace.
  int arrayCount() const { return sweep_ ? -1 : static_cast<int>(trace_.arrays.size() + (trace_.input.data.empty() ? 0 : 1)); }
  std::uintptr_t layoutPtr() const { return reinterpret_cast<std::uintptr_t>(layout_.data()); }

 private:
  static std::uintptr_t addressOf(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }
  snn::Trace trace_;
  std::unique_ptr<snn::SweepResult> sweep_;
  std::uint64_t input_serial_;
  std::string empty_;
  std::vector<std::uint32_t> layout_;
};

// The page's session: seeded weights and generated inputs of recent scenarios (32 MB at most), so that a
// figure whose slider changes a neuron parameter re-runs without drawing its weights and input again.
snn::Session& session() {
  static snn::Session s;
  return s;
}

// A trace, or for a scenario with a "sweep" its result (TraceHandle::arrayCount() is then -1).
TraceHandle* runScenario(const std::string& json) {
  return guarded([&]() -> TraceHandle* {
    snn::Session::Outcome out = session().runAny(json);
    if (out.sweep) return new TraceHandle(std::move(out.sweep));
    return new TraceHandle(std::move(out.run.trace), out.run.input_serial);
  });
}

std::string validateScenario(const std::string& json) {
  return guarded([&]() -> std::string {
    session().validate(json);
    return "ok";
  });
}

std::string resolveScenario(const std::string& json) {
  return guarded([&]() -> std::string { return snn::resolveScenario(json); });
}

std::string catalogue() { return snn::catalogueJson(); }

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

// Values JS hands in one call at a time (a step's input, an initial state): it asks for room for n values,
// writes them, and the call that uses them has the core check their number. Room is only made for
// plausible counts (up to 4x what the object takes), so a wrong length gets the core's message, not an
// allocation of whatever size was asked.
class Values {
 public:
  explicit Values(std::size_t expected) : limit_(4 * std::max<std::size_t>(expected, 1)), values_(expected) {}
  // Where JS writes n values, or 0 (nothing to write: the use will report the count).
  std::uintptr_t reserveFor(double n) {
    given_ = n;
    if (!(n >= 0 && n <= static_cast<double>(limit_) && n == static_cast<double>(static_cast<std::size_t>(n)))) return 0;
    values_.resize(static_cast<std::size_t>(n));
    return addressOf(values_.data());
  }
  // The values, exactly `expected` of them (one value is held for all), each finite.
  const std::vector<float>& take(std::size_t expected, const std::string& field) {
    if (given_ == 1 && expected > 1) values_.assign(expected, values_[0]), given_ = static_cast<double>(expected);
    snn::checkValueCount(given_, static_cast<double>(expected), field);
    snn::checkInputValues(values_.data(), values_.size(), field);
    return values_;
  }
  // The values as they were written, for a use that checks their number itself.
  const float* data() const { return values_.data(); }
  double given() const { return given_; }

 private:
  std::size_t limit_;
  std::vector<float> values_;
  double given_ = 0;
};

// -------------------------------------------------------------------------------------- Population
class PopulationHandle {
 public:
  static PopulationHandle* create(const std::string& model, const std::string& kwargs, double neurons, double batch) {
    return guarded([&]() -> PopulationHandle* {
      snn::checkPopulationSize(neurons, batch);
      const snn::NeuronDef def = snn::parseNeuronDef(model, kwargs, static_cast<std::size_t>(neurons));
      return new PopulationHandle(model, def, static_cast<std::size_t>(neurons), static_cast<std::size_t>(batch));
    });
  }

  int size() const { return static_cast<int>(layer_->size()); }
  int neurons() const { return static_cast<int>(layer_->neurons()); }
  int stateCount() const { return static_cast<int>(layer_->stateCount()); }
  std::string stateName(int i) const { return layer_->stateNames().at(i); }
  std::uintptr_t statePtr(int i) const { return addressOf(layer_->state(static_cast<std::size_t>(i))); }
  // Room for n input values, which JS then writes; step() and advance() check how many there are.
  std::uintptr_t inputFor(double n) { return input_.reserveFor(n); }
  std::uintptr_t spkPtr() const { return addressOf(spk_.data()); }

  // One forward call on the values JS wrote at inputFor(). A single value is held for every neuron.
  bool step() {
    return guarded([&] {
      const std::vector<float>& x = input_.take(layer_->size(), "input");
      layer_->step(x.data(), spk_.data());
      return true;
    });
  }

  // `steps` forward calls on the values written at inputFor(), held for every step; nothing recorded. With `count`,
  // countsPtr() then holds each neuron's number of spiking steps in this call.
  bool advance(double steps, bool count) {
    return guarded([&] {
      const std::vector<float>& x = input_.take(layer_->size(), "input");
      snn::checkAdvanceSize(steps, static_cast<double>(layer_->size()));
      if (count) counts_.assign(layer_->size(), 0.0f);
      layer_->advance(x.data(), static_cast<std::size_t>(steps), count ? counts_.data() : nullptr);
      return true;
    });
  }
  std::uintptr_t countsPtr() const { return addressOf(counts_.data()); }

  // Sets the state `name` from the values JS wrote at inputFor() (1, one per neuron, or one per neuron and
  // batch row) and resets the population to its initial state.
  bool setInitialState(const std::string& name) {
    return guarded([&] {
      snn::setInitialState(*layer_, model_, name, input_.data(), input_.given());
      return true;
    });
  }

  void reset() { layer_->reset(); }

  // A buffer for `values` input values (rows of size() values; `steps` of them, or 0: as many as fit),
  // which run() then consumes.
  Buffer* runBuffer(double values, double steps) {
    return guarded([&]() -> Buffer* {
      const std::size_t n = snn::stepsOfRows(values, steps, static_cast<double>(layer_->size()), "inputs");
      snn::checkRunSize(static_cast<double>(n), static_cast<double>(layer_->size()) * (2 + layer_->stateCount()));
      return new Buffer(std::vector<float>(n * layer_->size()));
    });
  }

  // Steps once per row of `inputs` (a runBuffer this population made) and records the arrays named in
  // `record` (JSON text of a list of names; empty: all of them).
  TraceHandle* run(Buffer& inputs, const std::string& record) {
    return guarded([&]() -> TraceHandle* {
      const std::vector<std::string> names = snn::parseRecordNames(record);
      snn::checkInputValues(inputs.values().data(), inputs.values().size(), "inputs");
      return new TraceHandle(snn::runPopulation(*layer_, inputs.values().data(), layer_->size(),
                                                inputs.values().size() / layer_->size(), names),
                             0);
    });
  }

 private:
  PopulationHandle(const std::string& model, const snn::NeuronDef& def, std::size_t neurons, std::size_t batch)
      : model_(model), layer_(snn::makeNeuronLayer(def, neurons, batch)), spk_(layer_->size()), input_(layer_->size()) {}

  std::string model_;
  std::unique_ptr<snn::NeuronLayer> layer_;
  std::vector<float> spk_, counts_;
  Values input_;
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
  // Room for n input values, which JS then writes; step() checks how many there are.
  std::uintptr_t inputFor(double n) { return input_.reserveFor(n); }
  std::uintptr_t currentPtr(int k) const { return addressOf(net_.current(k)); }
  std::uintptr_t spikesPtr(int k) const { return addressOf(net_.spikes(k)); }
  int stateCount(int k) const { return static_cast<int>(net_.population(k).stateCount()); }
  std::string stateName(int k, int i) const { return net_.population(k).stateNames().at(i); }
  std::uintptr_t statePtr(int k, int i) const { return addressOf(net_.population(k).state(i)); }

  // Row-major [out][in] copy of layer k's weights, and its bias, for inspection and export.
  Buffer* weights(int k) const { return new Buffer(net_.linear(k).rowMajorWeights()); }
  Buffer* bias(int k) const {
    const auto& b = net_.linear(k).bias();
    return new Buffer(std::vector<float>(b.data(), b.data() + b.size()));
  }

  bool step() {
    return guarded([&] {
      net_.step(input_.take(expected(), "input").data());
      return true;
    });
  }
  void reset() { net_.reset(); }

  Buffer* runBuffer(double values, double steps) {
    return guarded([&]() -> Buffer* {
      const std::size_t n = snn::stepsOfRows(values, steps, static_cast<double>(expected()), "inputs");
      double per_step = static_cast<double>(expected());
      for (std::size_t k = 0; k < net_.depth(); ++k)
        per_step += static_cast<double>(net_.batch() * net_.linear(k).out()) * (2 + net_.population(k).stateCount());
      snn::checkRunSize(static_cast<double>(n), per_step);
      return new Buffer(std::vector<float>(n * expected()));
    });
  }

  TraceHandle* run(Buffer& inputs, const std::string& record) {
    return guarded([&]() -> TraceHandle* {
      const std::vector<std::string> names = snn::parseRecordNames(record);
      snn::checkInputValues(inputs.values().data(), inputs.values().size(), "inputs");
      return new TraceHandle(
          snn::runNetwork(net_, inputs.values().data(), expected(), inputs.values().size() / expected(), names), 0);
    });
  }

 private:
  NetworkHandle(snn::NetworkDef def, std::size_t batch)
      : net_(std::move(def.linears), def.populations, batch), input_(batch * net_.inputSize()) {}
  std::size_t expected() const { return net_.batch() * net_.inputSize(); }

  snn::Network net_;
  Values input_;
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
      snn::checkValueCount(static_cast<double>(weight.values().size()), static_cast<double>(linear_.in() * linear_.out()), "weight");
      if (!bias.values().empty() || linear_.hasBias())
        snn::checkValueCount(static_cast<double>(bias.values().size()), linear_.hasBias() ? static_cast<double>(linear_.out()) : 0.0, "bias");
      snn::checkInputValues(weight.values().data(), weight.values().size(), "weight");
      snn::checkInputValues(bias.values().data(), bias.values().size(), "bias");
      linear_ = snn::Linear::fromRowMajor(linear_.in(), linear_.out(), weight.values(), bias.values());
      return true;
    });
  }
  Buffer* weights() const { return new Buffer(linear_.rowMajorWeights()); }
  Buffer* bias() const {
    const auto& b = linear_.bias();
    return new Buffer(linear_.hasBias() ? std::vector<float>(b.data(), b.data() + b.size()) : std::vector<float>{});
  }
  // y = x·Wᵀ + b for the rows JS wrote into x (a Buffer of batch x in values).
  Buffer* forward(Buffer& x) {
    return guarded([&]() -> Buffer* {
      const std::size_t batch = snn::stepsOfRows(static_cast<double>(x.values().size()), 0, static_cast<double>(linear_.in()), "x");
      snn::checkInputValues(x.values().data(), x.values().size(), "input");
      std::vector<float> y(batch * linear_.out());
      linear_.forward(x.values().data(), batch, y.data());
      return new Buffer(std::move(y));
    });
  }

 private:
  LinearHandle(std::size_t in, std::size_t out, bool bias, std::uint64_t seed) : linear_(in, out, bias) {
    snn::Pcg32 rng(seed, snn::Linear::defaultStream(0));
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

std::string lastErrorKind() { return g_error.kind; }
std::string lastErrorField() { return g_error.field; }
std::string lastErrorMessage() { return g_error.message; }

}  // namespace

EMSCRIPTEN_BINDINGS(snn_core) {
  using namespace emscripten;
  function("runScenario", &runScenario, allow_raw_pointers());
  function("validateScenario", &validateScenario);
  function("resolveScenario", &resolveScenario);
  function("catalogue", &catalogue);
  function("generateInput", &generateInput, allow_raw_pointers());
  function("makeBuffer", &makeBuffer, allow_raw_pointers());
  function("heapInUse", &heapInUse);
  function("lastErrorKind", &lastErrorKind);
  function("lastErrorField", &lastErrorField);
  function("lastErrorMessage", &lastErrorMessage);

  class_<TraceHandle>("TraceHandle")
      .function("numSteps", &TraceHandle::numSteps)
      .function("inputSerial", &TraceHandle::inputSerial)
      .function("arrayCount", &TraceHandle::arrayCount)
      .function("layoutPtr", &TraceHandle::layoutPtr);

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
      .function("inputFor", &PopulationHandle::inputFor)
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
      .function("inputFor", &NetworkHandle::inputFor)
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
