// Embind bindings: handles that own core objects and expose their buffers to JavaScript. No model logic
// lives here: every number, rule and message comes from the core. Every entry point that takes what a
// caller gave, or allocates, is guarded: C++ exceptions never cross into JS (they would arrive as bare
// WebAssembly exceptions, and unwinding past JS frames leaks): each catches them, records the error and
// returns a neutral value, and the JS loader (index.js) turns the recorded error into a RangeError /
// TypeError. Sizes, indices, seeds and options arrive as JSON text of what the caller passed and are read
// by the core (snn/api.hpp); accessors that index take only what index.js computed from the handle, and
// still answer 0 or "" out of range instead of reading past an array.
#include <emscripten/bind.h>
#include <emscripten/val.h>
#include <emscripten/emmalloc.h>

#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "snn/api.hpp"
#include "snn/catalogue.hpp"
#include "snn/error.hpp"
#include "snn/limits.hpp"
#include "snn/network.hpp"
#include "snn/progress.hpp"
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
  } catch (const std::exception& e) {  // the core throws nothing else
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

// Bytes malloc has handed out and not taken back: what a leak would grow, and what the core's memory
// budget counts as in use.
std::size_t heapBytesInUse() { return emmalloc_dynamic_heap_size() - emmalloc_free_dynamic_memory(); }
[[maybe_unused]] const bool g_meter_set = (snn::setMemoryMeter({&heapBytesInUse, "the page's"}), true);

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

// runScenario, telling `report` (a JS function that never throws: index.js wraps the caller's) how far the
// run has got, as the core's progress reports say (snn/progress.hpp).
TraceHandle* runScenarioReporting(const std::string& json, emscripten::val report) {
  snn::ReportProgress listen([](void* fn, double fraction) { (*static_cast<emscripten::val*>(fn))(fraction); }, &report);
  return runScenario(json);
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

std::string catalogue() {
  return guarded([&]() -> std::string { return snn::catalogueJson(); });
}

// The core's error for an argument that should have been an object or values and is not (JSON text of
// what was given); true when it is one after all.
bool checkArgument(const std::string& what, const std::string& field, const std::string& json) {
  return guarded([&] {
    if (what == "object") snn::api::checkObject(json, field);
    else snn::api::checkValues(json, field);
    return true;
  });
}

// Whether a text of `bytes` bytes may be handed in (index.js asks before passing a long one: Embind copies
// a string into the heap before any core code runs, and could not report a failed allocation).
bool checkText(const std::string& field, double bytes) {
  return guarded([&] {
    snn::checkMemory(bytes, field, field);
    return true;
  });
}

// ------------------------------------------------------------------------------------------- Buffer
// A float array owned by C++ that JS fills or reads (inputs for run(), encoder outputs).
class Buffer {
 public:
  explicit Buffer(std::vector<float> v, std::size_t steps = 0) : data_(std::move(v)), steps_(steps) {}
  std::uintptr_t ptr() const { return addressOf(data_.data()); }
  int length() const { return static_cast<int>(data_.size()); }
  // Rows of an encoder's output.
  int steps() const { return static_cast<int>(steps_); }
  std::vector<float>& values() { return data_; }

 private:
  std::vector<float> data_;
  std::size_t steps_;
};

// An encoder's output (snn::api::generate): [steps][width] values.
Buffer* generate(const std::string& json) {
  return guarded([&]() -> Buffer* {
    snn::api::Generated g = snn::api::generate(json);
    return new Buffer(std::move(g.values), g.steps);
  });
}

// Room for n values that JS then writes (Linear weights, inputs for forward()).
Buffer* makeBuffer(double n) {
  return guarded([&]() -> Buffer* {
    snn::checkRunSize(1, n);
    snn::checkMemory(4 * n, "values", "these values");
    return new Buffer(std::vector<float>(static_cast<std::size_t>(n)));
  });
}

// Values JS hands in one call at a time (a step's input): it asks for room for n values, writes them, and
// the call that uses them has the core check their number. Room is only made for plausible counts (up to
// 4x what the object takes), so a wrong length gets the core's message, not an allocation of whatever
// size was asked.
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
    magnitude_ = snn::checkInputValues(values_.data(), values_.size(), field);
    return values_;
  }
  // The largest |value| of the last take().
  float magnitude() const { return magnitude_; }

 private:
  std::size_t limit_;
  std::vector<float> values_;
  double given_ = 0;
  float magnitude_ = 0;
};

// -------------------------------------------------------------------------------------- Population
class PopulationHandle {
 public:
  // options: JSON of the constructor keywords (snake_case), num_neurons, batch_size and init.
  static PopulationHandle* create(const std::string& model, const std::string& options) {
    return guarded([&]() -> PopulationHandle* {
      return new PopulationHandle(model, snn::api::makePopulation(model, options));
    });
  }

  int size() const { return static_cast<int>(layer_->size()); }
  int neurons() const { return static_cast<int>(layer_->neurons()); }
  int stateCount() const { return static_cast<int>(layer_->stateCount()); }
  std::string stateName(int i) const { return valid(i) ? layer_->stateNames()[static_cast<std::size_t>(i)] : std::string(); }
  std::uintptr_t statePtr(int i) const { return valid(i) ? addressOf(layer_->state(static_cast<std::size_t>(i))) : 0; }
  // Room for n input values, which JS then writes; step() and advance() check how many there are.
  std::uintptr_t inputFor(double n) { return input_.reserveFor(n); }
  std::uintptr_t spkPtr() const { return addressOf(spk_.data()); }

  // One forward call on the values JS wrote at inputFor(). A single value is held for every neuron.
  bool step() {
    return guarded([&] {
      const std::vector<float>& x = input_.take(layer_->size(), "input");
      layer_->step(x.data(), spk_.data());
      finite(1);
      return true;
    });
  }

  // `steps` (JSON) forward calls on the values at inputFor(), held for every step; nothing recorded.
  // options (JSON {count_spikes}): unless false, countsPtr() then holds each neuron's number of spiking
  // steps in this call.
  bool advance(const std::string& steps_json, const std::string& options) {
    return guarded([&] {
      const bool count = snn::api::readAdvanceCountSpikes(options);
      const std::size_t steps = snn::api::advanceSteps(steps_json, layer_->size());
      const std::vector<float>& x = input_.take(layer_->size(), "input");
      counts_.assign(count ? layer_->size() : 0, 0.0f);
      layer_->advance(x.data(), steps, count ? counts_.data() : nullptr);
      finite(steps);
      return true;
    });
  }
  std::uintptr_t countsPtr() const { return addressOf(counts_.data()); }
  int countsLength() const { return static_cast<int>(counts_.size()); }

  // Sets initial states from JSON {state: values} and resets the population to its initial state.
  bool setInitialStates(const std::string& init) {
    return guarded([&] {
      snn::api::setInitialStates(*layer_, model_, init);
      steps_ = 0;
      guard_.forget();
      return true;
    });
  }

  void reset() {
    layer_->reset();
    steps_ = 0;
    guard_.forget();
  }

  // A buffer for `values` input values (rows of size() values; `steps` (JSON) of them, or null: as many as
  // fit), which run() then consumes.
  Buffer* runBuffer(double values, const std::string& steps) {
    return guarded([&]() -> Buffer* {
      const double row = static_cast<double>(layer_->size());
      const std::size_t n = snn::api::runSteps(values, steps, row, row * (1 + static_cast<double>(layer_->stateCount())));
      return new Buffer(std::vector<float>(n * layer_->size()));
    });
  }

  // Steps once per row of `inputs` (a runBuffer this population made) and records the arrays named in
  // options (JSON {record: [...]}; none: all of them).
  TraceHandle* run(Buffer& inputs, const std::string& options) {
    return guarded([&]() -> TraceHandle* {
      const std::vector<std::string> names = snn::api::readRunOptions(options);
      snn::checkInputValues(inputs.values().data(), inputs.values().size(), "inputs");
      const std::size_t steps = inputs.values().size() / layer_->size(), before = steps_;
      steps_ = 0;  // runPopulation resets the population itself if its values overflow
      guard_.forget();
      auto* trace = new TraceHandle(snn::runPopulation(*layer_, inputs.values().data(), layer_->size(), steps, names), 0);
      steps_ = before + steps;
      return trace;
    });
  }

 private:
  PopulationHandle(const std::string& model, std::unique_ptr<snn::NeuronLayer> layer)
      : model_(model), layer_(std::move(layer)), spk_(layer_->size()), input_(layer_->size()) {}
  bool valid(int i) const { return i >= 0 && static_cast<std::size_t>(i) < layer_->stateCount(); }
  // The states after `steps` more steps: finite, or the core's error (and the population back at its
  // initial state).
  void finite(std::size_t steps) {
    const std::size_t done = steps_ + steps;
    steps_ = 0;
    guard_.after(*layer_, input_.magnitude(), steps, done - 1);
    steps_ = done;
  }

  std::string model_;
  std::unique_ptr<snn::NeuronLayer> layer_;
  std::vector<float> spk_, counts_;
  Values input_;
  std::size_t steps_ = 0;  // since the last reset: where an overflow happened, for its message
  snn::FiniteGuard guard_;
};

// ----------------------------------------------------------------------------------------- Network
class NetworkHandle {
 public:
  // options: JSON {layers, batch_size, seed}.
  static NetworkHandle* create(const std::string& options) {
    return guarded([&]() -> NetworkHandle* {
      return new NetworkHandle(snn::api::makeNetwork(options));
    });
  }

  int depth() const { return static_cast<int>(net_.depth()); }
  int inputSize() const { return static_cast<int>(net_.inputSize()); }
  int batch() const { return static_cast<int>(net_.batch()); }
  int layerSize(int k) const { return valid(k) ? static_cast<int>(net_.linear(static_cast<std::size_t>(k)).out()) : 0; }
  // Room for n input values, which JS then writes; step() checks how many there are.
  std::uintptr_t inputFor(double n) { return input_.reserveFor(n); }
  std::uintptr_t currentPtr(int k) const { return valid(k) ? addressOf(net_.current(static_cast<std::size_t>(k))) : 0; }
  std::uintptr_t spikesPtr(int k) const { return valid(k) ? addressOf(net_.spikes(static_cast<std::size_t>(k))) : 0; }
  int stateCount(int k) const { return valid(k) ? static_cast<int>(net_.population(static_cast<std::size_t>(k)).stateCount()) : 0; }
  std::string stateName(int k, int i) const {
    return valid(k, i) ? net_.population(static_cast<std::size_t>(k)).stateNames()[static_cast<std::size_t>(i)] : std::string();
  }
  std::uintptr_t statePtr(int k, int i) const {
    return valid(k, i) ? addressOf(net_.population(static_cast<std::size_t>(k)).state(static_cast<std::size_t>(i))) : 0;
  }

  // Row-major [out][in] copy of the weights of layer `k` (JSON: what the caller passed), and its bias.
  Buffer* weights(const std::string& k) {
    return guarded([&]() -> Buffer* { return new Buffer(net_.linear(layer(k)).rowMajorWeights()); });
  }
  Buffer* bias(const std::string& k) {
    return guarded([&]() -> Buffer* {
      const auto& b = net_.linear(layer(k)).bias();
      return new Buffer(std::vector<float>(b.data(), b.data() + b.size()));
    });
  }

  bool step() {
    return guarded([&] {
      net_.step(input_.take(expected(), "input").data());
      ++steps_;
      const std::size_t done = steps_;
      steps_ = 0;
      snn::checkNetworkFinite(net_, done - 1);
      steps_ = done;
      return true;
    });
  }
  void reset() {
    net_.reset();
    steps_ = 0;
  }

  Buffer* runBuffer(double values, const std::string& steps) {
    return guarded([&]() -> Buffer* {
      double per_step = 0;
      for (std::size_t k = 0; k < net_.depth(); ++k)
        per_step += static_cast<double>(net_.batch() * net_.linear(k).out()) * (2 + net_.population(k).stateCount());
      const std::size_t n = snn::api::runSteps(values, steps, static_cast<double>(expected()), per_step);
      return new Buffer(std::vector<float>(n * expected()));
    });
  }

  TraceHandle* run(Buffer& inputs, const std::string& options) {
    return guarded([&]() -> TraceHandle* {
      const std::vector<std::string> names = snn::api::readRunOptions(options);
      snn::checkInputValues(inputs.values().data(), inputs.values().size(), "inputs");
      const std::size_t steps = inputs.values().size() / expected(), before = steps_;
      steps_ = 0;  // runNetwork resets the network itself if its values overflow
      auto* trace = new TraceHandle(snn::runNetwork(net_, inputs.values().data(), expected(), steps, names), 0);
      steps_ = before + steps;
      return trace;
    });
  }

 private:
  explicit NetworkHandle(snn::Network net) : net_(std::move(net)), input_(net_.batch() * net_.inputSize()) {}
  std::size_t expected() const { return net_.batch() * net_.inputSize(); }
  bool valid(int k) const { return k >= 0 && static_cast<std::size_t>(k) < net_.depth(); }
  bool valid(int k, int i) const {
    return valid(k) && i >= 0 && static_cast<std::size_t>(i) < net_.population(static_cast<std::size_t>(k)).stateCount();
  }
  std::size_t layer(const std::string& k) const { return snn::api::readIndex(k, "layer", net_.depth(), "layers"); }

  snn::Network net_;
  Values input_;
  std::size_t steps_ = 0;
};

// ------------------------------------------------------------------------------------------ Linear
class LinearHandle {
 public:
  // options: JSON {in_features, out_features, bias, seed}.
  static LinearHandle* create(const std::string& options) {
    return guarded([&]() -> LinearHandle* {
      return new LinearHandle(snn::api::makeLinear(options));
    });
  }
  int in() const { return static_cast<int>(linear_.in()); }
  int out() const { return static_cast<int>(linear_.out()); }
  // Loads weights [out][in] (row-major) and bias from buffers JS filled (makeBuffer).
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
  Buffer* weights() const {
    return guarded([&]() -> Buffer* { return new Buffer(linear_.rowMajorWeights()); });
  }
  Buffer* bias() const {
    return guarded([&]() -> Buffer* {
      const auto& b = linear_.bias();
      return new Buffer(linear_.hasBias() ? std::vector<float>(b.data(), b.data() + b.size()) : std::vector<float>{});
    });
  }
  // y = x·Wᵀ + b for the rows JS wrote into x (a Buffer of batch x in values).
  Buffer* forward(Buffer& x) {
    return guarded([&]() -> Buffer* {
      const std::size_t batch = snn::stepsOfRows(static_cast<double>(x.values().size()), 0, static_cast<double>(linear_.in()), "x");
      snn::checkInputValues(x.values().data(), x.values().size(), "x");
      snn::checkMemory(4 * static_cast<double>(batch) * static_cast<double>(linear_.out()), "x", "this forward call");
      std::vector<float> y(batch * linear_.out());
      linear_.forward(x.values().data(), batch, y.data());
      snn::api::checkForwardOutput(y, linear_.out());
      return new Buffer(std::move(y));
    });
  }

 private:
  explicit LinearHandle(snn::Linear linear) : linear_(std::move(linear)) {}
  snn::Linear linear_;
};

double heapInUse() { return static_cast<double>(heapBytesInUse()); }

std::string lastErrorKind() { return g_error.kind; }
std::string lastErrorField() { return g_error.field; }
std::string lastErrorMessage() { return g_error.message; }

}  // namespace

EMSCRIPTEN_BINDINGS(snn_core) {
  using namespace emscripten;
  function("runScenario", &runScenario, allow_raw_pointers());
  function("runScenarioReporting", &runScenarioReporting, allow_raw_pointers());
  function("validateScenario", &validateScenario);
  function("resolveScenario", &resolveScenario);
  function("catalogue", &catalogue);
  function("checkArgument", &checkArgument);
  function("checkText", &checkText);
  function("generate", &generate, allow_raw_pointers());
  function("makeBuffer", &makeBuffer, allow_raw_pointers());
  function("heapInUse", &heapInUse);
  function("lastErrorKind", &lastErrorKind);
  function("lastErrorField", &lastErrorField);
  function("lastErrorMessage", &lastErrorMessage);
  function("clearLastError", &clearError);

  class_<TraceHandle>("TraceHandle")
      .function("numSteps", &TraceHandle::numSteps)
      .function("inputSerial", &TraceHandle::inputSerial)
      .function("arrayCount", &TraceHandle::arrayCount)
      .function("layoutPtr", &TraceHandle::layoutPtr);

  class_<Buffer>("Buffer").function("ptr", &Buffer::ptr).function("length", &Buffer::length).function("steps", &Buffer::steps);

  class_<LinearHandle>("LinearHandle")
      .class_function("create", &LinearHandle::create, allow_raw_pointers())
      .function("in", &LinearHandle::in)
      .function("out", &LinearHandle::out)
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
      .function("countsLength", &PopulationHandle::countsLength)
      .function("setInitialStates", &PopulationHandle::setInitialStates)
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
