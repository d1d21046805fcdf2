// Runs a parsed Scenario and records its Trace. The step loops here only move data: every number comes
// from the populations and layers.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "runner.hpp"
#include "parse.hpp"
#include "snn/error.hpp"
#include "snn/network.hpp"
#include "snn/progress.hpp"
#include "snn/scenario.hpp"

namespace snn {

namespace {

// The arrays one population records, in order: its current (a network layer's, named with its suffix),
// its spikes, then its states.
void appendLayerArrays(std::vector<TraceArrayInfo>& arrays, const std::vector<std::string>& states,
                       const std::string& suffix, std::size_t rows, std::size_t neurons, bool with_current) {
  if (with_current) arrays.push_back({"cur" + suffix, rows, neurons});
  arrays.push_back({"spk" + suffix, rows, neurons, true});
  for (const auto& name : states) arrays.push_back({name + suffix, rows, neurons});
}

// Where one recorded array copies its values from at each step: neurons [first, first + count) of each of
// `rows` batch rows of `stride` neurons.
struct Recorder {
  TraceArray* array;
  const float* source;
  std::size_t rows, stride, first, count;
};

// Step t's values of every recorder into the trace: plain pointers, because this file is compiled for size
// in WASM, where std::vector's iterators would stay calls inside the step loop. One value is one
// assignment: a memcpy is a memory.copy, which V8 runs as a call costing ~10 ns however small the copy
// (W1 records 400 single values).
void recordStep(const Recorder* r, std::size_t count, std::size_t t) {
  for (const Recorder* end = r + count; r != end; ++r) {
    float* out = r->array->data.data() + t * r->rows * r->count;
    const std::size_t whole = r->count == r->stride ? r->rows * r->count : r->count;  // all neurons: one copy
    for (std::size_t b = 0; b < r->rows; b += whole / r->count, out += whole) {
      const float* in = r->source + b * r->stride + r->first;
      if (whole == 1)
        *out = *in;
      else
        std::memcpy(out, in, whole * sizeof(float));
    }
  }
}

TraceArray makeArray(const std::string& name, std::vector<std::size_t> shape, bool is_spike) {
  TraceArray a;
  a.name = name;
  a.shape = std::move(shape);
  a.is_spike = is_spike;
  std::size_t n = 1;
  for (auto d : a.shape) n *= d;
  a.data.assign(n, 0.0f);
  return a;
}

// Recorders for the produced arrays (sources[k] is where array k's values are after each step), keeping what
// `kept` says of each; the trace's arrays are created here, shape(count) giving their shape.
template <class Shape>
void addRecorders(Trace& trace, std::vector<Recorder>& recorders, const std::vector<TraceArrayInfo>& produced,
                  const std::vector<const float*>& sources, const std::vector<RecordedRange>& kept, std::size_t rows,
                  Shape shape) {
  trace.arrays.reserve(produced.size());  // pointers into trace.arrays must stay valid
  for (std::size_t k = 0; k < produced.size(); ++k) {
    if (kept[k].count == 0) continue;
    trace.arrays.push_back(makeArray(produced[k].name, shape(kept[k].count), produced[k].spike));
    recorders.push_back({&trace.arrays.back(), sources[k], rows, produced[k].neurons, kept[k].first, kept[k].count});
  }
}

// The input as the trace keeps it, [T](batch)(width): its shape is taken before the run (a network's layers
// move out of s), its values after. Rows generated for every step already lie one after the other and
// move into the trace as they are; a constant row is written out once per step.
std::vector<std::size_t> inputShape(const Scenario& s) {
  std::vector<std::size_t> shape{s.num_steps};
  if (s.isNetwork()) shape.push_back(s.batch);
  if (!s.flat_rows) shape.push_back(s.input_size);
  return shape;
}

TraceArray recordedInput(Scenario& s, std::vector<std::size_t> shape) {
  TraceArray input;
  input.name = "input";
  input.shape = std::move(shape);
  if (!s.input_is_constant) {
    input.data = std::move(s.input);
    return input;
  }
  const std::size_t row = s.batch * s.input_size;
  input.data.resize(s.num_steps * row);
  for (std::size_t t = 0; t < s.num_steps; ++t) std::memcpy(input.data.data() + t * row, s.inputRow(0), row * sizeof(float));
  return input;
}

// Where a run first left float32's range, if it did.
struct NonFinite {
  std::string array;       // its name ("mem", "syn2", "cur1")
  std::size_t step = 0;    // the step it happened at (or by, when only the final state shows it)
  bool by = false;         // only the final state shows it
  std::size_t row = 0, neuron = 0;
  float value = 0;
  std::size_t layer = 0;   // a network's layer (0-based)
  bool found = false;
};

// The earliest non-finite value of the recorded arrays that can hold one (spikes are 0 or the finite
// spike height), else of the final states (an unrecorded state that overflowed stays non-finite: every
// update multiplies it by a finite decay and adds finite terms, so inf or NaN never turn finite again).
// `state_names[k]` / `states[k]`: the arrays of layer k's population as `rows` rows of `neurons` values.
void findInRecorded(const Trace& trace, std::size_t rows, NonFinite& where) {
  for (const TraceArray& a : trace.arrays) {
    if (a.is_spike) continue;
    const std::size_t i = firstNonFinite(a.data.data(), a.data.size());
    if (i == a.data.size()) continue;
    const std::size_t per_step = a.rowSize() == 0 ? 1 : a.rowSize();
    const std::size_t step = i / per_step;
    if (where.found && (where.by ? step > where.step : step >= where.step)) continue;
    const std::size_t per_row = std::max<std::size_t>(1, per_step / rows);
    where = {a.name, step, false, (i % per_step) / per_row, i % per_row, a.data[i], 0, true};
  }
}

// Whether a model's recorded states can hold inf or NaN for a step and be finite again later: Alpha's and
// SRM0's membranes are computed afresh from their synaptic currents each step. Every other state, once
// non-finite, stays so (it is multiplied by a finite decay and finite terms are added), and a current that
// overflowed makes the state it feeds non-finite: for those the final states tell whether a run overflowed.
bool transient(const NeuronDef& def) { return def.model == ModelKind::Alpha || def.model == ModelKind::Srm0V02; }

// `name` and `suffix` are joined only when the state is not finite: the check runs after every run.
void findInState(const std::string& name, const char* suffix, const float* values, std::size_t rows, std::size_t neurons,
                 std::size_t last_step, std::size_t layer, NonFinite& where) {
  if (where.found) return;
  const std::size_t i = firstNonFinite(values, rows * neurons);
  if (i < rows * neurons) where = {name + suffix, last_step, true, i / neurons, i % neurons, values[i], layer, true};
}

// The final states of a network's layers (and their currents).
void findInNetwork(const Network& net, std::size_t last_step, NonFinite& where) {
  const std::size_t rows = net.batch();
  for (std::size_t k = 0; k < net.depth() && !where.found; ++k) {
    const NeuronLayer& p = net.population(k);
    char suffix[24];
    std::snprintf(suffix, sizeof suffix, "%zu", k + 1);
    static const std::string kCur = "cur";
    findInState(kCur, suffix, net.current(k), rows, p.neurons(), last_step, k, where);
    for (std::size_t i = 0; i < p.stateCount(); ++i) findInState(p.stateNames()[i], suffix, p.state(i), rows, p.neurons(), last_step, k, where);
  }
}

// The layer (0-based) an array name with a layer suffix belongs to ("mem2" -> 1); 0 without one.
std::size_t layerOf(const std::string& name) {
  std::size_t layer = 0, scale = 1;
  for (std::size_t i = name.size(); i > 0 && name[i - 1] >= '0' && name[i - 1] <= '9'; --i, scale *= 10)
    layer += static_cast<std::size_t>(name[i - 1] - '0') * scale;
  return layer == 0 ? 0 : layer - 1;
}

[[noreturn]] void overflowed(const NonFinite& w, const NeuronDef& def, const std::string& path, bool batched) {
  std::string field = "input";
  const std::string cause = detail::overflowCause(def, path, field);
  const std::string at = w.by ? "by step " + std::to_string(w.step) : "at step " + std::to_string(w.step);
  throw ScenarioError(ScenarioError::Kind::Range, field,
                      w.array + " overflows float32 " + at + " (" + (batched ? "batch row " + std::to_string(w.row) + ", " : "") +
                          "neuron " + std::to_string(w.neuron) + ": " + formatNumber(w.value) + "): " + cause);
}

}  // namespace

void checkPopulationFinite(NeuronLayer& layer, std::size_t step) {
  NonFinite where;
  for (std::size_t i = 0; i < layer.stateCount(); ++i)
    findInState(layer.stateNames()[i], "", layer.state(i), layer.batch(), layer.neurons(), step, 0, where);
  if (!where.found) return;
  layer.reset();
  overflowed(where, layer.def(), "constructor", layer.batch() > 1);
}

void FiniteGuard::after(NeuronLayer& layer, double input, std::size_t steps, std::size_t last_step) {
  bound_ = layer.magnitudeAfter(bound_, input, steps);
  if (bound_ <= 1e38) return;  // below float32's largest, 3.4e38, with room
  double most = 0;
  for (std::size_t i = 0; i < layer.stateCount(); ++i)
    most = std::max(most, static_cast<double>(maxMagnitude(layer.state(i), layer.size())));
  bound_ = std::isfinite(most) ? most : INFINITY;
  if (!std::isfinite(most)) checkPopulationFinite(layer, last_step);
}

void checkNetworkFinite(Network& net, std::size_t step) {
  NonFinite where;
  findInNetwork(net, step, where);
  if (!where.found) return;
  net.reset();
  overflowed(where, net.population(where.layer).def(), detail::index("layers", 2 * where.layer + 1), true);
}

std::vector<TraceArrayInfo> traceArrays(const Scenario& s) {
  std::vector<TraceArrayInfo> arrays;
  if (!s.isNetwork()) {
    appendLayerArrays(arrays, makeNeuronLayer(s.neuron, 1, 1)->stateNames(), "", 1, s.num_neurons, false);
    return arrays;
  }
  for (std::size_t k = 0; k < s.linears.size(); ++k)
    appendLayerArrays(arrays, makeNeuronLayer(s.populations[k], 1, 1)->stateNames(), std::to_string(k + 1), s.batch,
                      s.linears[k].out(), true);
  return arrays;
}

Trace runPopulation(NeuronLayer& layer, const float* inputs, std::size_t input_stride, std::size_t steps,
                    const std::vector<std::string>& record, bool flat_rows) {
  Trace trace;
  trace.num_steps = steps;
  const std::size_t n = layer.neurons(), rows = layer.batch();
  std::vector<float> spk(layer.size(), 0.0f);
  std::vector<TraceArrayInfo> produced;
  appendLayerArrays(produced, layer.stateNames(), "", rows, n, false);
  std::vector<const float*> sources{spk.data()};  // in produced's order
  for (std::size_t i = 0; i < layer.stateCount(); ++i) sources.push_back(layer.state(i));
  std::vector<Recorder> recorders;
  addRecorders(trace, recorders, produced, sources, checkRecord(record, produced), rows, [&](std::size_t count) {
    return flat_rows && rows * n == 1 ? std::vector<std::size_t>{steps}
           : rows > 1                 ? std::vector<std::size_t>{steps, rows, count}
                                      : std::vector<std::size_t>{steps, count};
  });
  detail::StepProgress progress(steps, static_cast<double>(layer.size()));
  for (std::size_t t = 0; t < steps; ++t) {
    progress.at(t);
    layer.step(inputs + t * input_stride, spk.data());
    recordStep(recorders.data(), recorders.size(), t);
  }
  NonFinite where;
  if (transient(layer.def())) findInRecorded(trace, rows, where);
  for (std::size_t i = 0; i < layer.stateCount(); ++i) findInState(layer.stateNames()[i], "", layer.state(i), rows, n, steps - 1, 0, where);
  if (where.found) {
    findInRecorded(trace, rows, where);  // the step it happened at, when it was recorded
    layer.reset();
    overflowed(where, layer.def(), "constructor", rows > 1);
  }
  return trace;
}

double detail::networkWorkPerStep(const Network& net) {
  double work = 0.0;
  for (std::size_t k = 0; k < net.depth(); ++k) work += static_cast<double>(net.linear(k).in() * net.linear(k).out() + net.linear(k).out());
  return work * static_cast<double>(net.batch());
}

Trace runNetwork(Network& net, const float* inputs, std::size_t input_stride, std::size_t steps,
                 const std::vector<std::string>& record) {
  return detail::runNetworkWith(net, inputs, input_stride, steps, record, nullptr, nullptr);
}

Trace detail::runNetworkWith(Network& net, const float* inputs, std::size_t input_stride, std::size_t steps,
                             const std::vector<std::string>& record, const float* first_currents,
                             std::vector<float>* keep_first_currents) {
  Trace trace;
  trace.num_steps = steps;
  const std::size_t rows = net.batch();
  std::vector<TraceArrayInfo> produced;
  std::vector<const float*> sources;
  for (std::size_t k = 0; k < net.depth(); ++k) {
    appendLayerArrays(produced, net.population(k).stateNames(), std::to_string(k + 1), rows, net.linear(k).out(), true);
    sources.push_back(net.current(k));  // in produced's order
    sources.push_back(net.spikes(k));
    for (std::size_t i = 0; i < net.population(k).stateCount(); ++i) sources.push_back(net.population(k).state(i));
  }
  std::vector<Recorder> recorders;
  addRecorders(trace, recorders, produced, sources, checkRecord(record, produced), rows,
               [&](std::size_t count) { return std::vector<std::size_t>{steps, rows, count}; });
  const std::size_t row = rows * net.linear(0).out();
  if (keep_first_currents) keep_first_currents->resize(steps * row);
  detail::StepProgress progress(steps, networkWorkPerStep(net));
  for (std::size_t t = 0; t < steps; ++t) {
    progress.at(t);
    if (first_currents)
      net.stepFromFirstCurrent(first_currents + t * row);
    else
      net.step(inputs + t * input_stride);
    if (keep_first_currents) std::memcpy(keep_first_currents->data() + t * row, net.current(0), row * sizeof(float));
    recordStep(recorders.data(), recorders.size(), t);
  }
  NonFinite where;
  bool any_transient = false;
  for (std::size_t k = 0; k < net.depth(); ++k) any_transient = any_transient || transient(net.population(k).def());
  if (any_transient) findInRecorded(trace, rows, where);
  findInNetwork(net, steps - 1, where);
  if (where.found) {
    findInRecorded(trace, rows, where);  // the step it happened at, when it was recorded
    where.layer = layerOf(where.array);
    if (keep_first_currents) keep_first_currents->clear();
    net.reset();
    overflowed(where, net.population(where.layer).def(), detail::index("layers", 2 * where.layer + 1), true);
  }
  return trace;
}

Trace detail::runScenarioWith(Scenario s, const float* first_currents, std::vector<float>* keep_first_currents) {
  const std::size_t stride = s.input_is_constant ? 0 : s.batch * s.input_size;
  std::vector<std::size_t> input_shape = inputShape(s);
  Trace trace;
  if (!s.isNetwork()) {
    auto layer = makeNeuronLayer(s.neuron, s.num_neurons, 1);
    for (const auto& [name, values] : s.init)
      layer->setInitialState(static_cast<std::size_t>(layer->stateIndex(name)), values);
    trace = runPopulation(*layer, s.input.data(), stride, s.num_steps, s.record, s.flat_rows);
  } else {
    Network net(std::move(s.linears), s.populations, s.batch);
    trace = runNetworkWith(net, s.input.data(), stride, s.num_steps, s.record, first_currents, keep_first_currents);
  }
  trace.input = recordedInput(s, std::move(input_shape));
  return trace;
}

Trace runScenario(Scenario s) { return detail::runScenarioWith(std::move(s), nullptr, nullptr); }

Trace runScenarioJson(std::string_view json_text) { return runScenario(parseScenario(json_text)); }

}  // namespace snn
