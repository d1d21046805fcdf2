// Runs a parsed Scenario and records its Trace. The step loops here only move data: every number comes
// from the populations and layers.
#include <algorithm>
#include <cstring>

#include "snn/network.hpp"
#include "snn/scenario.hpp"

namespace snn {

std::vector<std::string> traceArrayNames(const Scenario& s) {
  std::vector<std::string> names;
  if (!s.isNetwork()) {
    names.push_back("spk");
    const auto probe = makeNeuronLayer(s.neuron, 1, 1);  // keep it alive while its names are read
    for (const auto& n : probe->stateNames()) names.push_back(n);
    return names;
  }
  for (std::size_t k = 0; k < s.linears.size(); ++k) {
    const std::string suffix = std::to_string(k + 1);
    names.push_back("cur" + suffix);
    names.push_back("spk" + suffix);
    const auto probe = makeNeuronLayer(s.populations[k], 1, 1);
    for (const auto& n : probe->stateNames()) names.push_back(n + suffix);
  }
  return names;
}

namespace {

bool wanted(const Scenario& s, const std::string& name) {
  return s.record.empty() || std::find(s.record.begin(), s.record.end(), name) != s.record.end();
}

// Where one recorded array copies its row from at each step.
struct Recorder {
  TraceArray* array;
  const float* source;
};

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

void recordInput(const Scenario& s, Trace& trace) {
  std::vector<std::size_t> shape{s.num_steps};
  if (s.isNetwork()) shape.push_back(s.batch);
  if (!s.flat_rows) shape.push_back(s.input_size);
  trace.input = makeArray("input", shape, false);
  const std::size_t row = s.batch * s.input_size;
  for (std::size_t t = 0; t < s.num_steps; ++t) std::memcpy(trace.input.data.data() + t * row, s.inputRow(t), row * sizeof(float));
}

}  // namespace

Trace runScenario(const Scenario& s) {
  Trace trace;
  trace.num_steps = s.num_steps;
  recordInput(s, trace);
  const std::size_t T = s.num_steps;
  std::vector<Recorder> recorders;

  if (!s.isNetwork()) {
    auto layer = makeNeuronLayer(s.neuron, s.num_neurons, 1);
    for (const auto& [name, values] : s.init) layer->setInitialState(static_cast<std::size_t>(layer->stateIndex(name)), values);
    const std::size_t n = s.num_neurons;
    const std::vector<std::size_t> shape = s.flat_rows ? std::vector<std::size_t>{T} : std::vector<std::size_t>{T, n};
    std::vector<float> spk(n, 0.0f);
    // Reserve first so that pointers into trace.arrays stay valid.
    trace.arrays.reserve(1 + layer->stateCount());
    if (wanted(s, "spk")) {
      trace.arrays.push_back(makeArray("spk", shape, true));
      recorders.push_back({&trace.arrays.back(), spk.data()});
    }
    for (std::size_t i = 0; i < layer->stateCount(); ++i) {
      const std::string& name = layer->stateNames()[i];
      if (!wanted(s, name)) continue;
      trace.arrays.push_back(makeArray(name, shape, false));
      recorders.push_back({&trace.arrays.back(), layer->state(i)});
    }
    for (std::size_t t = 0; t < T; ++t) {
      layer->step(s.inputRow(t), spk.data());
      for (auto& r : recorders) std::memcpy(r.array->data.data() + t * n, r.source, n * sizeof(float));
    }
    return trace;
  }

  Network net(s.linears, s.populations, s.batch);
  std::size_t total = 0;
  for (std::size_t k = 0; k < net.depth(); ++k) total += 2 + net.population(k).stateCount();
  trace.arrays.reserve(total);
  std::vector<std::size_t> widths;
  for (std::size_t k = 0; k < net.depth(); ++k) {
    const std::string suffix = std::to_string(k + 1);
    const std::size_t n = net.linear(k).out();
    const std::vector<std::size_t> shape{T, s.batch, n};
    auto add = [&](const std::string& name, const float* src, bool spike) {
      if (!wanted(s, name)) return;
      trace.arrays.push_back(makeArray(name, shape, spike));
      recorders.push_back({&trace.arrays.back(), src});
      widths.push_back(s.batch * n);
    };
    add("cur" + suffix, net.current(k), false);
    add("spk" + suffix, net.spikes(k), true);
    for (std::size_t i = 0; i < net.population(k).stateCount(); ++i)
      add(net.population(k).stateNames()[i] + suffix, net.population(k).state(i), false);
  }
  for (std::size_t t = 0; t < T; ++t) {
    net.step(s.inputRow(t));
    for (std::size_t r = 0; r < recorders.size(); ++r)
      std::memcpy(recorders[r].array->data.data() + t * widths[r], recorders[r].source, widths[r] * sizeof(float));
  }
  return trace;
}

Trace runScenarioJson(std::string_view json_text) { return runScenario(parseScenario(json_text)); }

}  // namespace snn
