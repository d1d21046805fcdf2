// Runs a parsed Scenario and records its Trace. The step loops here only move data: every number comes
// from the populations and layers.
#include <algorithm>
#include <cstring>

#include "snn/network.hpp"
#include "snn/scenario.hpp"

namespace snn {

std::vector<TraceArrayInfo> traceArrays(const Scenario& s) {
  std::vector<TraceArrayInfo> arrays;
  if (!s.isNetwork()) {
    const auto probe = makeNeuronLayer(s.neuron, 1, 1);  // keep it alive while its names are read
    arrays.push_back({"spk", s.num_neurons});
    for (const auto& n : probe->stateNames()) arrays.push_back({n, s.num_neurons});
    return arrays;
  }
  for (std::size_t k = 0; k < s.linears.size(); ++k) {
    const std::string suffix = std::to_string(k + 1);
    const std::size_t width = s.batch * s.linears[k].out();
    arrays.push_back({"cur" + suffix, width});
    arrays.push_back({"spk" + suffix, width});
    const auto probe = makeNeuronLayer(s.populations[k], 1, 1);
    for (const auto& n : probe->stateNames()) arrays.push_back({n + suffix, width});
  }
  return arrays;
}

std::vector<std::string> traceArrayNames(const Scenario& s) {
  std::vector<std::string> names;
  for (const auto& a : traceArrays(s)) names.push_back(a.name);
  return names;
}

namespace {

bool wanted(const std::vector<std::string>& record, const std::string& name) {
  return record.empty() || std::find(record.begin(), record.end(), name) != record.end();
}

// Where one recorded array copies its row from at each step.
struct Recorder {
  TraceArray* array;
  const float* source;
  std::size_t width;  // values per step

};

// Step t's values of every recorder into the trace: plain pointers, because this file is compiled for size
// in WASM, where std::vector's iterators would stay calls inside the step loop. One neuron is one
// assignment: a memcpy is a memory.copy, which V8 runs as a call costing ~10 ns however small the copy
// (W1 records 400 single values).
void recordStep(const Recorder* r, std::size_t count, std::size_t t) {
  for (const Recorder* end = r + count; r != end; ++r) {
    float* row = r->array->data.data() + t * r->width;
    if (r->width == 1)
      *row = *r->source;
    else
      std::memcpy(row, r->source, r->width * sizeof(float));
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

TraceArray recordedInput(const Scenario& s) {
  std::vector<std::size_t> shape{s.num_steps};
  if (s.isNetwork()) shape.push_back(s.batch);
  if (!s.flat_rows) shape.push_back(s.input_size);
  TraceArray input = makeArray("input", shape, false);
  const std::size_t row = s.batch * s.input_size;
  if (!s.input_is_constant)  // the rows lie one after the other
    std::memcpy(input.data.data(), s.inputRow(0), s.num_steps * row * sizeof(float));
  else
    for (std::size_t t = 0; t < s.num_steps; ++t) std::memcpy(input.data.data() + t * row, s.inputRow(0), row * sizeof(float));
  return input;
}

}  // namespace

Trace runPopulation(NeuronLayer& layer, const float* inputs, std::size_t input_stride, std::size_t steps,
                    const std::vector<std::string>& record, bool flat_rows) {
  Trace trace;
  trace.num_steps = steps;
  const std::size_t n = layer.size();
  const std::vector<std::size_t> shape =
      flat_rows && n == 1 ? std::vector<std::size_t>{steps}
      : layer.batch() > 1 ? std::vector<std::size_t>{steps, layer.batch(), layer.neurons()}
                          : std::vector<std::size_t>{steps, n};
  std::vector<std::string> produced{"spk"};
  for (const auto& name : layer.stateNames()) produced.push_back(name);
  checkRecord(record, produced);
  std::vector<float> spk(n, 0.0f);
  std::vector<Recorder> recorders;
  trace.arrays.reserve(1 + layer.stateCount());  // pointers into trace.arrays must stay valid
  auto add = [&](const std::string& name, const float* src, bool spike) {
    if (!wanted(record, name)) return;
    trace.arrays.push_back(makeArray(name, shape, spike));
    recorders.push_back({&trace.arrays.back(), src, n});
  };
  add("spk", spk.data(), true);
  for (std::size_t i = 0; i < layer.stateCount(); ++i) add(layer.stateNames()[i], layer.state(i), false);
  for (std::size_t t = 0; t < steps; ++t) {
    layer.step(inputs + t * input_stride, spk.data());
    recordStep(recorders.data(), recorders.size(), t);
  }
  return trace;
}

Trace runNetwork(Network& net, const float* inputs, std::size_t input_stride, std::size_t steps,
                 const std::vector<std::string>& record) {
  Trace trace;
  trace.num_steps = steps;
  std::vector<std::string> produced;
  for (std::size_t k = 0; k < net.depth(); ++k) {
    const std::string suffix = std::to_string(k + 1);
    produced.push_back("cur" + suffix);
    produced.push_back("spk" + suffix);
    for (const auto& name : net.population(k).stateNames()) produced.push_back(name + suffix);
  }
  checkRecord(record, produced);
  trace.arrays.reserve(produced.size());
  std::vector<Recorder> recorders;
  for (std::size_t k = 0; k < net.depth(); ++k) {
    const std::string suffix = std::to_string(k + 1);
    const std::size_t n = net.linear(k).out();
    const std::vector<std::size_t> shape{steps, net.batch(), n};
    auto add = [&](const std::string& name, const float* src, bool spike) {
      if (!wanted(record, name)) return;
      trace.arrays.push_back(makeArray(name, shape, spike));
      recorders.push_back({&trace.arrays.back(), src, net.batch() * n});
    };
    add("cur" + suffix, net.current(k), false);
    add("spk" + suffix, net.spikes(k), true);
    for (std::size_t i = 0; i < net.population(k).stateCount(); ++i)
      add(net.population(k).stateNames()[i] + suffix, net.population(k).state(i), false);
  }
  for (std::size_t t = 0; t < steps; ++t) {
    net.step(inputs + t * input_stride);
    recordStep(recorders.data(), recorders.size(), t);
  }
  return trace;
}

Trace runScenario(Scenario s) {
  const std::size_t stride = s.input_is_constant ? 0 : s.batch * s.input_size;
  TraceArray input = recordedInput(s);  // before the layers move out of s
  Trace trace;
  if (!s.isNetwork()) {
    auto layer = makeNeuronLayer(s.neuron, s.num_neurons, 1);
    for (const auto& [name, values] : s.init)
      layer->setInitialState(static_cast<std::size_t>(layer->stateIndex(name)), values);
    trace = runPopulation(*layer, s.input.data(), stride, s.num_steps, s.record, s.flat_rows);
  } else {
    Network net(std::move(s.linears), s.populations, s.batch);
    trace = runNetwork(net, s.input.data(), stride, s.num_steps, s.record);
  }
  trace.input = std::move(input);
  return trace;
}

Trace runScenarioJson(std::string_view json_text, ScenarioCache* cache) { return runScenario(parseScenario(json_text, cache)); }

}  // namespace snn
