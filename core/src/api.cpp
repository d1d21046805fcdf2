// The JS API's arguments (see snn/api.hpp): each is JSON text of what the caller passed, read with the
// readers and messages of a Scenario's fields.
#include "snn/api.hpp"

#include "generators.hpp"
#include "parse.hpp"
#include "snn/error.hpp"
#include "snn/limits.hpp"
#include "snn/rng.hpp"

namespace snn::api {

using detail::fail;
using detail::json;
using Kind = ScenarioError::Kind;

namespace {

// An empty text is an argument not given (null), as index.js passes it for the common case.
json parse(std::string_view text, const std::string& field) {
  return text.empty() ? json() : detail::parseJson(text.data(), text.data() + text.size(), field);
}

// An options object's member, or null.
const json& member(const json& object, const char* key) {
  static const json kNull;
  const auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

json options(std::string_view text, std::initializer_list<const char*> keys) {
  json j = parse(text, "options");
  if (j.is_null()) return json::object();
  detail::requireObject(j, "options");
  detail::checkKeys(j, "options", keys);
  return j;
}

std::size_t count(const json& j, const std::string& field, std::size_t lo, std::size_t hi, std::size_t absent) {
  return j.is_null() && absent != kRequired ? absent : detail::readCount(j, field, lo, hi);
}

}  // namespace

std::size_t readCount(std::string_view text, const std::string& field, std::size_t lo, std::size_t hi, std::size_t absent) {
  return count(parse(text, field), field, lo, hi, absent);
}

std::size_t readIndex(std::string_view text, const std::string& field, std::size_t n, const std::string& things) {
  const json j = parse(text, field);
  const bool whole = j.is_number() && j.get<double>() >= 0 && j.get<double>() < static_cast<double>(n) &&
                     j.get<double>() == static_cast<double>(static_cast<std::size_t>(j.get<double>()));
  if (!whole)
    fail(j.is_number() || detail::nonFiniteText(j) ? Kind::Range : Kind::Type, field,
         field + " must be a whole number 0.." + std::to_string(n - 1) + " (" + things + ": " + std::to_string(n) + "), got " +
             (detail::nonFiniteText(j) ? j.get<std::string>() : detail::describe(j)));
  return static_cast<std::size_t>(j.get<double>());
}

std::uint64_t readSeed(std::string_view text, const std::string& field) {
  const json j = parse(text, field);
  return j.is_null() ? 0 : detail::readSeed(j, field);
}

bool readBool(std::string_view text, const std::string& field, bool absent) {
  const json j = parse(text, field);
  return j.is_null() ? absent : detail::readBool(j, field);
}

void checkObject(std::string_view text, const std::string& field) { detail::requireObject(parse(text, field), field); }

void checkValues(std::string_view text, const std::string& field) {
  const json j = parse(text, field);
  if (j.is_array())
    for (std::size_t i = 0; i < j.size(); ++i) (void)detail::readFloat(j[i], detail::index(field, i));
  else
    (void)detail::readFloatList(j, field);
}

PopulationOptions readPopulationOptions(std::string_view model, std::string_view text) {
  const json j = parse(text, "options");
  detail::requireObject(j, "options");
  PopulationOptions out;
  json kwargs = json::object();
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it.key() != "num_neurons" && it.key() != "batch_size" && it.key() != "init") kwargs[it.key()] = it.value();
  out.neurons = count(member(j, "num_neurons"), "num_neurons", 1, limits::kMaxNeurons, 1);
  out.batch = count(member(j, "batch_size"), "batch_size", 1, limits::kMaxBatch, 1);
  checkPopulationSize(static_cast<double>(out.neurons), static_cast<double>(out.batch));
  const std::string name(model);
  out.def = detail::neuronDefFromKwargs(detail::parseModelName(name, "model"), name, kwargs, "constructor", out.neurons, nullptr);
  // Every state, its initial values, the input and the spikes: a dozen values a neuron at most.
  checkMemory(48.0 * static_cast<double>(out.neurons * out.batch), "num_neurons", "this population");
  const json& init = member(j, "init");
  if (!init.is_null()) {
    detail::requireObject(init, "init");
    for (auto it = init.begin(); it != init.end(); ++it)
      out.init.emplace_back(it.key(), detail::readFloatList(it.value(), detail::join("init", it.key())));
  }
  return out;
}

std::unique_ptr<NeuronLayer> makePopulation(std::string_view model, std::string_view text) {
  const PopulationOptions o = readPopulationOptions(model, text);
  std::unique_ptr<NeuronLayer> layer = makeNeuronLayer(o.def, o.neurons, o.batch);
  const std::string name(model);
  for (const auto& [state, values] : o.init) setInitialState(*layer, name, state, values.data(), static_cast<double>(values.size()));
  layer->reset();
  return layer;
}

void setInitialStates(NeuronLayer& layer, const std::string& model, std::string_view text) {
  const json j = parse(text, "init");
  detail::requireObject(j, "init");
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::vector<float> values = detail::readFloatList(it.value(), detail::join("init", it.key()));
    setInitialState(layer, model, it.key(), values.data(), static_cast<double>(values.size()));
  }
  layer.reset();
}

NetworkOptions readNetworkOptions(std::string_view text) {
  const json j = parse(text, "options");
  detail::requireObject(j, "options");
  detail::checkKeys(j, "options", {"layers", "batch_size", "seed"});
  NetworkOptions out;
  out.batch = count(member(j, "batch_size"), "batch_size", 1, limits::kMaxBatch, 1);
  const json& seed = member(j, "seed");
  const std::uint64_t s = seed.is_null() ? 0 : detail::readSeed(seed, "seed");
  if (!j.contains("layers") || j.at("layers").is_null()) fail(Kind::Invalid, "layers", "layers is required: Linear / neuron pairs");
  out.def = detail::readLayers(j.at("layers"), out.batch, s, 1, {}, nullptr);
  return out;
}

Network makeNetwork(std::string_view text) {
  NetworkOptions o = readNetworkOptions(text);
  return Network(std::move(o.def.linears), o.def.populations, o.batch);
}

Linear makeLinear(std::string_view text) {
  const LinearOptions o = readLinearOptions(text);
  Linear linear(o.in, o.out, o.bias);
  Pcg32 rng(o.seed, Linear::defaultStream(0));
  linear.initDefault(rng);
  return linear;
}

std::size_t runSteps(double values, std::string_view steps_json, double row, double kept_per_step) {
  const std::size_t steps = readCount(steps_json, "steps", 1, limits::kMaxSteps, 0);
  const std::size_t n = stepsOfRows(values, static_cast<double>(steps), row, "inputs");
  checkRunSize(static_cast<double>(n), kept_per_step);
  checkMemory(4 * static_cast<double>(n) * (row + kept_per_step), "inputs", "this run");
  return n;
}

std::size_t advanceSteps(std::string_view steps_json, std::size_t size) {
  const std::size_t steps = readCount(steps_json, "steps", 1, limits::kMaxSteps, kRequired);
  checkAdvanceSize(static_cast<double>(steps), static_cast<double>(size));
  return steps;
}

LinearOptions readLinearOptions(std::string_view text) {
  const json j = parse(text, "options");
  detail::requireObject(j, "options");
  // weight and bias_values are loaded afterwards, as values (wasm/index.js's Linear.load).
  detail::checkKeys(j, "options", {"in_features", "out_features", "bias", "seed", "weight", "bias_values"});
  LinearOptions out;
  out.in = detail::readCount(member(j, "in_features"), "in_features", 1, limits::kMaxNeurons);
  out.out = detail::readCount(member(j, "out_features"), "out_features", 1, limits::kMaxNeurons);
  checkLinearSize(static_cast<double>(out.in), static_cast<double>(out.out));
  const json& bias = member(j, "bias");
  out.bias = bias.is_null() || detail::readBool(bias, "bias");
  const json& seed = member(j, "seed");
  out.seed = seed.is_null() ? 0 : detail::readSeed(seed, "seed");
  checkMemory(8.0 * (static_cast<double>(out.in) * static_cast<double>(out.out) + static_cast<double>(out.out)), "in_features",
              "this Linear");
  return out;
}

std::vector<std::string> readRunOptions(std::string_view text) {
  if (text.empty()) return {};
  const json j = options(text, {"record"});
  const json& record = member(j, "record");
  return record.is_null() ? std::vector<std::string>{} : detail::readRecordNames(record);
}

bool readAdvanceCountSpikes(std::string_view text) {
  if (text.empty()) return true;
  const json j = options(text, {"count_spikes"});
  const json& c = member(j, "count_spikes");
  return c.is_null() || detail::readBool(c, "count_spikes");
}

void checkForwardOutput(const std::vector<float>& y, std::size_t out) {
  const std::size_t i = firstNonFinite(y.data(), y.size());
  if (i == y.size()) return;
  fail(Kind::Range, "x",
       "y[" + std::to_string(i / out) + "][" + std::to_string(i % out) + "] = x·Wᵀ + b overflows float32 (" + formatNumber(y[i]) +
           "): the input or the weights are too large; use smaller values");
}

Generated generate(std::string_view text) {
  const json j = parse(text, "options");
  detail::requireObject(j, "options");
  detail::checkKeys(j, "options", {"input", "num_steps", "num_neurons", "seed"});
  const json& input = member(j, "input");
  Generated out;
  const json& steps = member(j, "num_steps");
  const json& width = member(j, "num_neurons");
  const bool delta = input.is_object() && input.size() == 1 && input.begin().key() == "delta" && input.begin().value().is_object();
  if (delta && steps.is_null() && width.is_null()) {
    // The rows delta's `of` holds give them (spikegen.delta).
    const auto it = input.begin().value().find("of");
    const json* of = it == input.begin().value().end() ? nullptr : &*it;
    const std::string path = "input.delta.of";
    std::size_t t = 0, b = 1, w = 0;
    if (!of || !detail::explicitInputExtent(*of, false, t, b, w) || of->empty() || !(*of)[0].is_array())
      fail(Kind::Type, path, path + " must be rows [T][elements] (an array of arrays of numbers), got " + (of ? detail::describe(*of) : "nothing"));
    out.steps = t;
    out.width = w;
  }
  if (!delta || !steps.is_null() || !width.is_null()) {
    out.steps = detail::readCount(steps, "num_steps", 1, limits::kMaxSteps);
    out.width = detail::readCount(width, "num_neurons", 1, limits::kMaxNeurons);
  }
  const json& seed = member(j, "seed");
  const std::uint64_t s = seed.is_null() ? 0 : detail::readSeed(seed, "seed");
  out.values = detail::generateRows(input, out.steps, out.width, 1, s);
  return out;
}

}  // namespace snn::api
