// A network's layers: alternating Linear and neuron entries. Sizes and limits are checked before any
// weight is allocated; weights are given, or drawn as PyTorch's default init from a seed (and, in a
// session, shared with its cache).
#include "fields.hpp"
#include "parse.hpp"
#include "snn/error.hpp"
#include "snn/limits.hpp"
#include "snn/session.hpp"

namespace snn::detail {

NetworkDef readLayers(const json& layers, std::size_t batch, std::uint64_t seed, std::size_t num_steps,
                      const ParseOptions& options, std::uint64_t* first_layer_serial) {
  NetworkDef net;
  if (!layers.is_array() || layers.size() < 2 || layers.size() % 2 != 0 || layers.size() > limits::kMaxLayers)
    fail(Kind::Type, "layers",
         "layers must be an array of Linear / neuron pairs (2.." + std::to_string(limits::kMaxLayers) + " entries), got " + describe(layers));

  // Sizes first, so that the weight and work limits are checked before any weight is allocated.
  double total_weights = 0, work_per_step = 0, other_values = 0;
  for (std::size_t k = 0; k < layers.size(); k += 2) {
    const json& lin = layers[k];
    if (!lin.is_object() || !lin.contains("in") || !lin.contains("out")) continue;  // reported below
    const double n_in = static_cast<double>(readCount(lin.at("in"), join(index("layers", k), "in"), 1, limits::kMaxNeurons));
    const double n_out = static_cast<double>(readCount(lin.at("out"), join(index("layers", k), "out"), 1, limits::kMaxNeurons));
    total_weights += n_in * n_out;
    work_per_step += static_cast<double>(batch) * (n_out + n_in * n_out);
    // Its bias, and the currents, spikes and (at most three) states of every batch row, with their initial
    // values.
    other_values += n_out + 8 * static_cast<double>(batch) * n_out;
  }
  if (total_weights > static_cast<double>(limits::kMaxWeights))
    fail(Kind::Limit, "layers",
         "the network has " + formatNumber(total_weights) + " weights in all, over the limit of " + std::to_string(limits::kMaxWeights));
  checkNetworkWork(work_per_step, num_steps);
  checkMemory(4 * (total_weights + other_values), "layers", "this network");

  json* resolved_layers = options.resolved;
  if (resolved_layers) *resolved_layers = json::array();
  std::size_t prev_out = 0;
  for (std::size_t k = 0; k < layers.size(); k += 2) {
    const std::string lpath = index("layers", k), npath = index("layers", k + 1);
    json resolved_lin = json::object(), resolved_neu = json::object();
    Fields f(layers[k], lpath, linearFields(), resolved_layers ? &resolved_lin : nullptr);
    if (!f.given("type") || f.get("type") != "Linear")
      fail(Kind::Invalid, f.at("type"),
           f.at("type") + " must be \"Linear\" (layers alternate Linear and neurons), got " + (f.given("type") ? describe(f.get("type")) : "nothing"));
    if (!f.given("in") || !f.given("out")) fail(Kind::Invalid, lpath, lpath + " needs in and out (its sizes)");
    const std::size_t n_in = readCount(f.get("in"), f.at("in"), 1, limits::kMaxNeurons);
    const std::size_t n_out = readCount(f.get("out"), f.at("out"), 1, limits::kMaxNeurons);
    if (k > 0 && n_in != prev_out)
      fail(Kind::Invalid, f.at("in"), f.at("in") + " must equal the previous layer's out (" + std::to_string(prev_out) + "), got " + std::to_string(n_in));
    if (static_cast<double>(n_in) * static_cast<double>(n_out) > static_cast<double>(limits::kMaxWeights))
      fail(Kind::Limit, lpath, lpath + " has " + std::to_string(n_in) + " x " + std::to_string(n_out) + " weights, over the limit of " + std::to_string(limits::kMaxWeights));
    if (static_cast<double>(n_out) * static_cast<double>(batch) > static_cast<double>(limits::kMaxNeurons))
      fail(Kind::Limit, f.at("out"),
           f.at("out") + " x batch_size = " + std::to_string(n_out) + " x " + std::to_string(batch) + " exceeds the limit of " +
               std::to_string(limits::kMaxNeurons) + " neurons");
    prev_out = n_out;

    const json& bias = f.get("bias");
    if (!bias.is_boolean() && !bias.is_array())
      fail(Kind::Type, f.at("bias"), f.at("bias") + " must be an array of out values, true (default init) or false (no bias), got " + describe(bias));
    const bool has_bias = !(bias.is_boolean() && !bias.get<bool>());
    const bool bias_given = bias.is_array();
    const bool weight_given = f.given("weight");
    // Weights: given [out][in], or PyTorch's default init from a seed, one stream per layer (layers do not
    // shift each other's draws). The draws depend on nothing else, so a session's cache may keep them.
    const ScenarioCache::Entry* drawn = nullptr;
    std::string key;
    const bool draws = !weight_given || (has_bias && !bias_given);
    const std::uint64_t layer_seed = f.given("seed") ? readSeed(f.get("seed"), f.at("seed")) : seed;
    const std::uint64_t stream = f.given("stream") ? readSeed(f.get("stream"), f.at("stream")) : Linear::defaultStream(k);
    if (draws) {
      f.resolveAs("seed", layer_seed);
      f.resolveAs("stream", stream);
      key = "linear seed " + std::to_string(layer_seed) + " stream " + std::to_string(stream) + " in " + std::to_string(n_in) +
            " out " + std::to_string(n_out) + (has_bias ? " bias" : "");
      if (options.cache) drawn = options.cache->find(key);
    } else {
      f.unresolve("seed");
      f.unresolve("stream");
    }
    // Weights drawn before are shared with the cache, not copied (the layer copies them only if it writes:
    // given weights below).
    Linear layer = drawn ? Linear(n_in, n_out, has_bias, drawn->values) : Linear(n_in, n_out, has_bias);
    std::uint64_t serial = drawn ? drawn->serial : 0;
    // Only checking (validate, resolve): drawn weights cannot be wrong, and are not drawn.
    if (draws && !drawn && !options.check_only) {
      Pcg32 rng(layer_seed, stream);
      layer.initDefault(rng);
      if (options.cache) serial = options.cache->put({key, layer.sharedParameters()});
    }
    if (k == 0 && !weight_given && !bias_given && first_layer_serial) *first_layer_serial = serial;
    if (weight_given) {
      const json& w = f.get("weight");
      const std::string wpath = f.at("weight");
      if (!w.is_array() || w.size() != n_out)
        fail(Kind::Type, wpath, wpath + " must be [out][in] = [" + std::to_string(n_out) + "][" + std::to_string(n_in) + "], got " + describe(w));
      for (std::size_t o = 0; o < n_out; ++o) {
        const std::string rpath = index(wpath, o);
        if (!w[o].is_array() || w[o].size() != n_in)
          fail(Kind::Type, rpath, rpath + " must have " + std::to_string(n_in) + " values, got " + describe(w[o]));
        for (std::size_t i = 0; i < n_in; ++i)
          layer.weight()(static_cast<Eigen::Index>(o), static_cast<Eigen::Index>(i)) = readFloat(w[o][i], index(rpath, i));
      }
    }
    if (bias_given) {
      const std::string bpath = f.at("bias");
      if (bias.size() != n_out)
        fail(Kind::Type, bpath, bpath + " has " + std::to_string(bias.size()) + " values, expected " + std::to_string(n_out) + " (out)");
      for (std::size_t o = 0; o < n_out; ++o) layer.bias()(static_cast<Eigen::Index>(o)) = readFloat(bias[o], index(bpath, o));
    }

    const json& neu = layers[k + 1];
    requireObject(neu, npath);
    if (!neu.contains("type") || !neu.at("type").is_string())
      fail(Kind::Invalid, join(npath, "type"),
           join(npath, "type") + " must name a neuron model (Leaky, Synaptic, Alpha, Lapicque, ...), got " +
               (neu.contains("type") ? describe(neu.at("type")) : std::string("nothing")));
    const std::string model_name = neu.at("type").get<std::string>();
    const ModelInfo& model = parseModelName(model_name, join(npath, "type"));
    net.populations.push_back(
        neuronDefFromKwargs(model, model_name, neu, npath, n_out, resolved_layers ? &resolved_neu : nullptr, /*in_layers=*/true));
    net.linears.push_back(std::move(layer));
    if (resolved_layers) {
      resolved_neu["type"] = model.name;
      resolved_layers->push_back(std::move(resolved_lin));
      resolved_layers->push_back(std::move(resolved_neu));
    }
  }
  return net;
}

}  // namespace snn::detail

namespace snn {

NetworkDef parseNetworkDef(std::string_view layers_json, std::size_t batch, std::uint64_t seed) {
  using Kind = ScenarioError::Kind;
  if (batch < 1 || batch > limits::kMaxBatch)
    detail::fail(Kind::Range, "batch_size", "batch_size must be 1.." + std::to_string(limits::kMaxBatch) + ", got " + std::to_string(batch));
  const detail::json layers = detail::parseJson(layers_json.data(), layers_json.data() + layers_json.size(), "layers");
  return detail::readLayers(layers, batch, seed, 1, {}, nullptr);
}

}  // namespace snn
