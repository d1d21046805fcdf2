// The top level of a Scenario: one population or a network, its sizes, input and record. The rules of the
// parts live beside it: neuron_def.cpp (constructor keywords), layers.cpp (a network's layers),
// generators.cpp (inputs), record.cpp, sizes.cpp (limits), with every field described in catalogue.cpp.
#include "snn/scenario.hpp"

#include <algorithm>

#include "fields.hpp"
#include "generators.hpp"
#include "json_write.hpp"
#include "parse.hpp"
#include "snn/error.hpp"
#include "snn/limits.hpp"
#include "snn/session.hpp"

namespace snn {

using detail::describe;
using detail::fail;
using detail::index;
using detail::json;
using Kind = ScenarioError::Kind;

namespace {

// Widest per-neuron list among the kwargs and init, to infer num_neurons when nothing else gives it.
std::size_t widestList(const json& j) {
  std::size_t n = 1;
  if (j.is_object())
    for (const auto& v : j)
      if (v.is_array()) n = std::max<std::size_t>(n, v.size());
  return n;
}

const char* timingName(SpikeTiming t) { return t == SpikeTiming::AfterUpdate ? "after_update" : "before_update"; }

// A population's sizes, model, timing and initial state.
void readPopulation(Scenario& s, detail::Fields& top, const json& input, bool explicit_input, std::size_t in_width,
                      json* resolved) {
  const std::string model_name = detail::readString(top.get("model"), "model");
  const ModelInfo& model = detail::parseModelName(model_name, "model");
  const json& kw = top.get("constructor");
  static const json kNoInit = json::object();
  const json& init_given = top.get("init");
  const json& init = init_given.is_null() ? kNoInit : init_given;  // null: none
  detail::requireObject(kw, "constructor");
  detail::requireObject(init, "init");
  if (top.given("batch_size")) fail(Kind::Invalid, "batch_size", "batch_size applies to networks (layers) only");

  // num_neurons: given, or from the explicit input, the init arrays or per-neuron parameters.
  const json& n_given = top.get("num_neurons");
  if (!n_given.is_null()) {
    s.num_neurons = detail::readCount(n_given, "num_neurons", 1, limits::kMaxNeurons);
  } else if (explicit_input && in_width > 0) {
    s.num_neurons = in_width;
  } else {
    s.num_neurons = std::max(widestList(kw), widestList(init));
  }
  if (s.num_neurons < 1 || s.num_neurons > limits::kMaxNeurons)
    fail(Kind::Range, "num_neurons",
         "num_neurons must be 1.." + std::to_string(limits::kMaxNeurons) + ", got " + std::to_string(s.num_neurons));
  top.resolveAs("num_neurons", s.num_neurons);

  json* resolved_kw = resolved ? &(*resolved)["constructor"] : nullptr;
  if (resolved_kw) *resolved_kw = json::object();
  s.neuron = detail::neuronDefFromKwargs(model, model_name, kw, "constructor", s.num_neurons, resolved_kw);
  if (resolved) (*resolved)["model"] = model.name;
  const json& timing = top.get("spike_timing");
  if (!timing.is_null()) {
    const std::string t = detail::readString(timing, "spike_timing");
    if (t == "after_update") s.neuron.spike_timing = SpikeTiming::AfterUpdate;
    else if (t == "before_update") s.neuron.spike_timing = SpikeTiming::BeforeUpdate;
    else fail(Kind::Invalid, "spike_timing", "spike_timing must be \"after_update\" (snnTorch >= 0.4.4) or \"before_update\" (v0.2 and the notebooks' hand-written neurons), got \"" + t + "\"");
  }
  top.resolveAs("spike_timing", timingName(s.neuron.spike_timing));

  // init against the model's states (from the catalogue); the resolved scenario names every state.
  json resolved_init = json::object();
  for (auto it = init.begin(); it != init.end(); ++it) {
    const std::string ipath = detail::join("init", it.key());
    if (std::find(model.states.begin(), model.states.end(), it.key()) == model.states.end()) {
      std::string names;
      for (const char* n : model.states) names += (names.empty() ? "" : ", ") + std::string(n);
      fail(Kind::Invalid, ipath, "init has no state '" + it.key() + "' for " + model_name + " (its states: " + names + ")");
    }
    std::vector<float> v = detail::readFloatList(it.value(), ipath);
    if (v.size() != 1 && v.size() != s.num_neurons)
      fail(Kind::Type, ipath,
           ipath + " has " + std::to_string(v.size()) + " values, expected 1 or " + std::to_string(s.num_neurons) + " (one per neuron)");
    if (v.size() == 1) v = std::vector<float>(s.num_neurons, v[0]);  // not assign(): v[0] would dangle
    s.init.emplace_back(it.key(), std::move(v));
    resolved_init[it.key()] = it.value();
  }
  for (const char* state : model.states)
    if (!resolved_init.contains(state)) resolved_init[state] = 0;
  top.resolveAs("init", std::move(resolved_init));

  s.input_size = s.num_neurons;
  s.flat_rows = explicit_input && s.num_neurons == 1 && !input.empty() && input[0].is_number();
}

// A network's batch and layers.
void readNetwork(Scenario& s, detail::Fields& top, const json& input, bool explicit_input, std::size_t in_batch,
                   std::size_t in_width, const detail::ParseOptions& options, detail::Provenance* provenance) {
  for (const char* key : {"constructor", "init", "num_neurons", "spike_timing"})
    if (top.given(key))
      fail(Kind::Invalid, "layers",
           "a network takes its parameters in layers; constructor, init, num_neurons and spike_timing apply to a single population");
  const json& batch = top.get("batch_size");
  if (!batch.is_null()) {
    s.batch = detail::readCount(batch, "batch_size", 1, limits::kMaxBatch);
  } else if (explicit_input) {
    if (in_batch < 1 || in_batch > limits::kMaxBatch)
      fail(Kind::Limit, "input", "input rows have " + std::to_string(in_batch) + " batch rows; batch_size must be 1.." + std::to_string(limits::kMaxBatch));
    s.batch = in_batch;
  }
  top.resolveAs("batch_size", s.batch);
  if (explicit_input && in_batch != s.batch && in_width > 0 && input.size() > 0 && input[0].is_array() &&
      !input[0].empty() && input[0][0].is_array())
    fail(Kind::Type, "input", "input rows have " + std::to_string(in_batch) + " batch rows, but batch_size is " + std::to_string(s.batch));
  detail::ParseOptions layer_options = options;
  json resolved_layers;
  layer_options.resolved = options.resolved ? &resolved_layers : nullptr;
  NetworkDef net = detail::readLayers(top.get("layers"), s.batch, s.seed, s.num_steps, layer_options,
                                      provenance ? &provenance->first_layer_serial : nullptr);
  if (options.resolved) top.resolveAs("layers", std::move(resolved_layers));
  s.linears = std::move(net.linears);
  s.populations = std::move(net.populations);
  s.input_size = s.linears.front().in();
}

}  // namespace

namespace detail {

Scenario parseScenario(std::string_view text, const ParseOptions& options, Provenance* provenance) {
  return parseScenario(parseJson(text.data(), text.data() + text.size(), ""), options, provenance);
}

Scenario parseScenario(const json& j, const ParseOptions& options, Provenance* provenance) {
  json* resolved = options.resolved;
  if (resolved) *resolved = json::object();
  Fields top(j, "", scenarioFields(), resolved);

  if (top.given("sweep") && !options.sweep_run)  // a sweep's own runs leave its sweep where it was
    fail(Kind::Invalid, "sweep",
         "this scenario is a sweep (one run per value of sweep.path): it gives spike counts, not a trace; run it with "
         "snn run or runScenario, which return them");
  Scenario s;
  if (top.given("name")) s.name = readString(top.get("name"), "name");
  if (top.given("description")) (void)top.get("description");
  s.seed = readSeed(top.get("seed"), "seed");

  const bool network = top.given("layers");
  if (network && top.given("model"))
    fail(Kind::Invalid, "model", "a scenario has either model (one population) or layers (a network), not both");
  if (!network && !top.given("model"))
    fail(Kind::Invalid, "model", "model is required (Lapicque, Leaky, Synaptic, Alpha, ...), or layers for a network");
  if (!top.given("input")) fail(Kind::Invalid, "input", "input is required: explicit rows or a generator");
  const json& input = j.at("input");

  // num_steps, and the extent of an explicit input.
  std::size_t in_steps = 0, in_batch = 1, in_width = 0;
  const bool explicit_input = explicitInputExtent(input, network, in_steps, in_batch, in_width);
  const json& steps = top.get("num_steps");
  if (!steps.is_null()) {
    s.num_steps = readCount(steps, "num_steps", 1, limits::kMaxSteps);
  } else if (explicit_input) {
    s.num_steps = in_steps;
    if (in_steps < 1 || in_steps > limits::kMaxSteps)
      fail(Kind::Range, "input", "input must have 1.." + std::to_string(limits::kMaxSteps) + " rows, got " + std::to_string(in_steps));
  } else {
    fail(Kind::Invalid, "num_steps", "num_steps is required when input is a generator");
  }
  top.resolveAs("num_steps", s.num_steps);

  if (network)
    readNetwork(s, top, input, explicit_input, in_batch, in_width, options, provenance);
  else
    readPopulation(s, top, input, explicit_input, in_width, resolved);
  InputShape shape;
  shape.steps = s.num_steps;
  shape.batch = s.batch;
  shape.width = s.input_size;
  shape.network = network;

  // record: which arrays (and neurons) to keep; a sweep's runs keep none.
  std::size_t recorded = 0;
  if (options.sweep_run) {
    if (top.given("record"))
      fail(Kind::Invalid, "record",
           "record does not apply to a sweep: it records nothing and counts the spikes of spk (a network's last layer's)");
  } else {
    const std::vector<TraceArrayInfo> arrays = traceArrays(s);
    if (top.given("record")) {
      s.record = readRecordNames(top.get("record"));
    } else {
      json all = json::array();
      for (const auto& a : arrays) all.push_back(a.name);
      top.resolveAs("record", std::move(all));
    }
    const std::vector<RecordedRange> kept = checkRecord(s.record, arrays);
    for (std::size_t k = 0; k < arrays.size(); ++k) recorded += arrays[k].rows * kept[k].count;
  }

  if (static_cast<double>(shape.rowSize()) * static_cast<double>(s.num_steps) > static_cast<double>(limits::kMaxTraceValues))
    fail(Kind::Limit, "input",
         "scenario too large: the input alone would hold " + formatNumber(static_cast<double>(shape.rowSize()) * s.num_steps) +
             " values, over the limit of " + std::to_string(limits::kMaxTraceValues));
  s.input_is_constant = false;
  checkScenarioLimits(s, recorded, updatesPerStep(s));
  // What the run will hold besides what is in use now (the parsed JSON, the weights, the cache): the input
  // (and the copy of it the trace keeps), the recorded arrays, a network's first-layer currents kept for
  // the next run. The generators count their own buffers as they make them.
  {
    const double T = static_cast<double>(s.num_steps), row = static_cast<double>(shape.rowSize());
    double values = 2 * T * row + T * static_cast<double>(recorded);
    if (network && options.cache) {
      const double currents = T * static_cast<double>(s.batch * s.linears.front().out());
      if (options.cache->fits(static_cast<std::size_t>(currents))) values += currents;
    }
    checkMemory(4 * values, "num_steps", "this scenario");
  }

  // A generator's values depend on its spec, the seed and the shape; explicit rows are read every time.
  std::string key;
  if (options.cache && input.is_object()) {
    key = "input ";
    appendKey(input, key);
    key += " seed " + std::to_string(s.seed) + " steps " + std::to_string(shape.steps) + " batch " +
           std::to_string(shape.batch) + " width " + std::to_string(shape.width) + (shape.network ? " network" : "");
  }
  json* resolved_input = resolved ? &(*resolved)["input"] : nullptr;
  if (options.check_only) {
    MaterialisedInput in = materialiseInput(input, "input", shape, s.seed, resolved_input, true);
    s.input = std::move(in.data);
    s.input_is_constant = in.constant;
    return s;
  }
  const ScenarioCache::Entry* made = key.empty() || resolved ? nullptr : options.cache->find(key);
  if (made) {
    s.input = *made->values;
    s.input_is_constant = made->flag;
    if (provenance) provenance->input_serial = made->serial;
    return s;
  }
  MaterialisedInput in = materialiseInput(input, "input", shape, s.seed, resolved_input);
  if (!key.empty() && options.cache->fits(in.data.size())) {
    const std::uint64_t serial = options.cache->put({key, std::make_shared<std::vector<float>>(in.data), in.constant});
    if (provenance) provenance->input_serial = serial;
  }
  s.input = std::move(in.data);
  s.input_is_constant = in.constant;
  return s;
}

}  // namespace detail

Scenario parseScenario(std::string_view json_text) { return detail::parseScenario(json_text, {}, nullptr); }

std::string resolveScenario(std::string_view json_text) {
  detail::json j = detail::parseJson(json_text.data(), json_text.data() + json_text.size(), "");
  detail::json resolved;
  if (detail::hasSweep(j)) {
    (void)detail::checkSweep(std::move(j), nullptr, &resolved);
  } else {
    detail::ParseOptions options;
    options.resolved = &resolved;
    options.check_only = true;
    (void)detail::parseScenario(j, options, nullptr);
  }
  detail::JsonWriter w;
  w.value(resolved);
  return w.take();
}

}  // namespace snn
