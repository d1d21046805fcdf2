// Parsing and validation of Scenarios: the one place where the rules live. The CLI, the WASM API, URL
// hashes and embed attributes all come through here and get the same checks and the same messages.
#include "snn/scenario.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "generators.hpp"
#include "json_read.hpp"
#include "snn/error.hpp"
#include "snn/limits.hpp"

namespace snn {

using detail::describe;
using detail::fail;
using detail::index;
using detail::join;
using detail::json;
using Kind = ScenarioError::Kind;

namespace {

// ------------------------------------------------------------------------------------ model names
struct ModelChoice {
  ModelKind kind;
  SpikeTiming timing;
  bool v02;  // snnTorch v0.2.11 semantics requested by name
};

ModelChoice parseModelName(const std::string& name, const std::string& path) {
  if (name == "Leaky") return {ModelKind::Leaky, SpikeTiming::AfterUpdate, false};
  if (name == "Lapicque") return {ModelKind::Lapicque, SpikeTiming::AfterUpdate, false};
  if (name == "Synaptic" || name == "Stein") return {ModelKind::Synaptic, SpikeTiming::AfterUpdate, false};
  if (name == "Alpha" || name == "SRM0") return {ModelKind::Alpha, SpikeTiming::AfterUpdate, false};
  if (name == "EulerLIF") return {ModelKind::EulerLIF, SpikeTiming::BeforeUpdate, false};
  // snnTorch v0.2.11 (the original notebook): same states, spike from the membrane passed in.
  if (name == "Lapicque(v0.2.11)") return {ModelKind::Lapicque, SpikeTiming::BeforeUpdate, true};
  if (name == "Stein(v0.2.11)") return {ModelKind::Synaptic, SpikeTiming::BeforeUpdate, true};
  if (name == "SRM0(v0.2.11)") return {ModelKind::Srm0V02, SpikeTiming::BeforeUpdate, true};
  fail(Kind::Invalid, path,
       "unknown model '" + name +
           "' (accepted: Lapicque, Leaky, Synaptic or its old name Stein, Alpha or its old name SRM0, EulerLIF, "
           "Lapicque(v0.2.11), Stein(v0.2.11), SRM0(v0.2.11))");
}

bool absent(const json& kw, const char* key) {
  // snnTorch's defaults for optional numbers are False or None.
  return !kw.contains(key) || kw.at(key).is_null() || (kw.at(key).is_boolean() && !kw.at(key).get<bool>());
}

std::vector<float> perNeuronList(const json& kw, const char* key, const std::string& path, std::size_t neurons) {
  const std::string kpath = join(path, key);
  std::vector<float> v = detail::readFloatList(kw.at(key), kpath);
  if (v.size() != 1 && v.size() != neurons)
    fail(Kind::Type, kpath,
         kpath + " has " + std::to_string(v.size()) + " values, expected 1 or " + std::to_string(neurons) +
             " (one per neuron)");
  return v;
}

ResetMechanism readReset(const json& j, const std::string& path) {
  const std::string s = detail::readString(j, path);
  if (s == "subtract") return ResetMechanism::Subtract;
  if (s == "zero") return ResetMechanism::Zero;
  if (s == "none") return ResetMechanism::None;
  fail(Kind::Invalid, path, path + " must be \"subtract\", \"zero\" or \"none\", got \"" + s + "\"");
}

// Keywords of snnTorch that do not change forward numbers (gradients, learnability, return style).
void checkInertKeywords(const json& kw, const std::string& path) {
  for (const char* key : {"surrogate_disable", "init_hidden", "output", "learn_alpha", "learn_beta",
                          "learn_threshold", "learn_graded_spikes_factor"})
    if (kw.contains(key)) detail::readBool(kw.at(key), join(path, key));
  if (kw.contains("spike_grad") && !kw.at("spike_grad").is_null() && !kw.at("spike_grad").is_string())
    fail(Kind::Type, join(path, "spike_grad"),
         join(path, "spike_grad") + " must be null or the name of a surrogate (it does not change forward values), got " +
             describe(kw.at("spike_grad")));
  for (const char* key : {"inhibition", "state_quant"})
    if (kw.contains(key) && !(kw.at(key).is_boolean() && !kw.at(key).get<bool>()))
      fail(Kind::Invalid, join(path, key), join(path, key) + " is not supported by this core (only false), got " + describe(kw.at(key)));
}

void checkFiniteDerived(float value, const std::string& path, const std::string& what, const std::string& given = "") {
  if (!std::isfinite(value))
    fail(Kind::Range, path, what + " is not finite (" + formatNumber(value) + ")" + given + "; choose other parameters");
}

}  // namespace

// ------------------------------------------------------------------------------------- neuron kwargs
// `in_layers`: the keywords sit in a network's layer entry, beside its "type".
static NeuronDef neuronDefFromKwargs(const ModelChoice& choice, const std::string& model_name, const json& layer_or_kw,
                                     const std::string& path, std::size_t neurons, bool in_layers = false) {
  detail::requireObject(layer_or_kw, path);
  json trimmed;
  if (in_layers) {  // a shallow copy without "type" (depth is bounded by parseJson)
    trimmed = layer_or_kw;
    trimmed.erase("type");
  }
  const json& kw = in_layers ? trimmed : layer_or_kw;
  NeuronDef def;
  def.model = choice.kind;
  def.spike_timing = choice.timing;
  def.v02_arithmetic = choice.v02;
  const std::string who = model_name;  // "Alpha: alpha (0.7) must be greater than beta (0.8)"

  switch (choice.kind) {
    case ModelKind::Leaky:
      detail::checkKeys(kw, path, {"beta", "threshold", "reset_mechanism", "reset_delay", "graded_spikes_factor",
                                   "spike_grad", "surrogate_disable", "init_hidden", "inhibition", "learn_beta",
                                   "learn_threshold", "learn_graded_spikes_factor", "state_quant", "output"});
      break;
    case ModelKind::Synaptic:
      if (choice.v02)
        detail::checkKeys(kw, path, {"alpha", "beta", "threshold", "reset_mechanism", "spike_grad", "inhibition"});
      else
        detail::checkKeys(kw, path, {"alpha", "beta", "threshold", "reset_mechanism", "reset_delay", "spike_grad",
                                     "surrogate_disable", "init_hidden", "inhibition", "learn_alpha", "learn_beta",
                                     "learn_threshold", "state_quant", "output"});
      break;
    case ModelKind::Alpha:
      detail::checkKeys(kw, path, {"alpha", "beta", "threshold", "reset_mechanism", "spike_grad", "surrogate_disable",
                                   "init_hidden", "inhibition", "learn_alpha", "learn_beta", "learn_threshold",
                                   "state_quant", "output"});
      def.reset = ResetMechanism::Zero;  // Alpha's default, unlike every other model
      break;
    case ModelKind::Lapicque:
      detail::checkKeys(kw, path, {"beta", "R", "C", "time_step", "threshold", "reset_mechanism", "spike_grad",
                                   "surrogate_disable", "init_hidden", "inhibition", "learn_beta", "learn_threshold",
                                   "state_quant", "output"});
      break;
    case ModelKind::EulerLIF:
      detail::checkKeys(kw, path, {"R", "C", "time_step", "threshold", "reset_mechanism"});
      def.reset = ResetMechanism::None;  // the notebook's first version has no reset
      break;
    case ModelKind::Srm0V02:
      detail::checkKeys(kw, path, {"alpha", "beta", "threshold", "reset_mechanism", "spike_grad", "inhibition"});
      break;
  }
  checkInertKeywords(kw, path);

  if (kw.contains("threshold")) def.threshold = perNeuronList(kw, "threshold", path, neurons);
  if (kw.contains("reset_mechanism")) def.reset = readReset(kw.at("reset_mechanism"), join(path, "reset_mechanism"));
  if (kw.contains("reset_delay")) def.reset_delay = detail::readBool(kw.at("reset_delay"), join(path, "reset_delay"));
  if (kw.contains("graded_spikes_factor")) {
    const std::string gpath = join(path, "graded_spikes_factor");
    def.graded_spikes_factor = detail::readFloat(kw.at("graded_spikes_factor"), gpath);
    if (def.graded_spikes_factor == 0.0f)
      fail(Kind::Range, gpath,
           who + ": graded_spikes_factor must be non-zero in float32 (spikes are divided by it), got " +
               formatNumber(kw.at("graded_spikes_factor").get<double>()));
  }

  const bool needs_alpha = choice.kind == ModelKind::Synaptic || choice.kind == ModelKind::Alpha ||
                           choice.kind == ModelKind::Srm0V02;
  const bool needs_beta = needs_alpha || choice.kind == ModelKind::Leaky;
  if (needs_alpha) {
    if (!kw.contains("alpha")) fail(Kind::Invalid, join(path, "alpha"), who + ": alpha is required");
    def.alpha = perNeuronList(kw, "alpha", path, neurons);
  }
  if (needs_beta) {
    if (!kw.contains("beta")) fail(Kind::Invalid, join(path, "beta"), who + ": beta is required");
    def.beta = perNeuronList(kw, "beta", path, neurons);
  }

  if (choice.kind == ModelKind::Alpha || choice.kind == ModelKind::Srm0V02) {
    const std::size_t n = std::max(def.alpha.size(), def.beta.size());
    for (std::size_t i = 0; i < n; ++i) {
      const float a_raw = def.alpha[def.alpha.size() == 1 ? 0 : i];
      const float b = def.beta[def.beta.size() == 1 ? 0 : i];
      const float a = choice.kind == ModelKind::Alpha ? std::min(std::max(a_raw, 0.0f), 1.0f) : a_raw;
      const std::string which = n > 1 ? " (neuron " + std::to_string(i) + ")" : "";
      if (!(a > b))
        fail(Kind::Range, join(path, "alpha"),
             who + ": alpha (" + formatFloat32(a_raw) + (a != a_raw ? ", clamped to " + formatFloat32(a) : "") +
                 ") must be greater than beta (" + formatFloat32(b) + ")" + which);
      if (b == 1.0f)
        fail(Kind::Range, join(path, "beta"), who + ": beta must not be 1 (tau_alpha would divide by zero), got 1" + which);
      if (choice.kind == ModelKind::Srm0V02 && !(b > 0.0f && a <= 1.0f))
        fail(Kind::Range, join(path, b > 0.0f ? "alpha" : "beta"),
             who + ": needs 0 < beta < alpha <= 1 (it takes logarithms without clamping), got alpha " +
                 formatFloat32(a_raw) + ", beta " + formatFloat32(b) + which);
      if (choice.kind == ModelKind::Alpha)
        checkFiniteDerived(alphaTau(a_raw, b), join(path, "alpha"),
                           who + ": tau_alpha = ln(alpha)/(ln(beta) - ln(alpha)) + 1 (alpha, beta clamped to [0, 1])",
                           " with alpha " + formatFloat32(a_raw) + ", beta " + formatFloat32(b) + which);
    }
    if (choice.kind == ModelKind::Srm0V02 && def.reset == ResetMechanism::None)
      fail(Kind::Invalid, join(path, "reset_mechanism"), who + ": reset_mechanism must be \"subtract\" or \"zero\" (v0.2.11 had no \"none\")");
  }

  if (choice.kind == ModelKind::Lapicque || choice.kind == ModelKind::EulerLIF) {
    auto positive = [&](const char* key) -> double {
      const std::string kpath = join(path, key);
      const float f = detail::readFloat(kw.at(key), kpath);  // must fit float32; keep the double as typed
      const double v = detail::readDouble(kw.at(key), kpath);
      if (!(v > 0)) fail(Kind::Range, kpath, who + ": " + key + " must be > 0, got " + formatNumber(v));
      if (!(f > 0.0f))
        fail(Kind::Range, kpath, who + ": " + key + " must not round to 0 in float32, got " + formatNumber(v));
      return v;
    };
    if (!absent(kw, "time_step")) def.time_step = positive("time_step");
    if (!absent(kw, "R")) def.R = positive("R");
    if (!absent(kw, "C")) def.C = positive("C");
    if (choice.kind == ModelKind::EulerLIF) {
      if (def.R <= 0 || def.C <= 0)
        fail(Kind::Invalid, join(path, def.R <= 0 ? "R" : "C"),
             who + ": needs both R and C (got " + (def.R > 0 ? "R only" : def.C > 0 ? "C only" : "neither") + ")");
      const float dt_over_tau = static_cast<float>(def.time_step / (def.R * def.C));
      if (!std::isfinite(dt_over_tau) || !(dt_over_tau > 0.0f))
        fail(Kind::Range, path,
             who + ": time_step/(R*C) must be a finite positive float32, got " + formatNumber(def.time_step / (def.R * def.C)) +
                 " (R " + formatNumber(def.R) + ", C " + formatNumber(def.C) + ", time_step " + formatNumber(def.time_step) + ")");
    } else {
      const bool has_beta = !absent(kw, "beta");
      if (has_beta) {
        const std::string bpath = join(path, "beta");
        const float b = detail::readFloat(kw.at("beta"), bpath);
        if (!(b > 0.0f && b < 1.0f))
          fail(Kind::Range, bpath, who + ": beta must be in (0, 1) exclusive (C = time_step / ln(1/beta)), got " + formatFloat32(b));
        def.beta = {b};
      }
      const bool r = def.R > 0, c = def.C > 0;
      if (has_beta && r && c)
        fail(Kind::Invalid, path, who + ": give beta, or R and C, or beta with one of R and C — not all three");
      if (!has_beta && !(r && c))
        fail(Kind::Invalid, path, who + ": needs beta, or both R and C (got " + (r ? "R only" : c ? "C only" : "neither") + ")");
      const LapicqueConstants k = lapicqueConstants(def);
      const std::string given = " with R = " + formatFloat32(k.R) + ", C = " + formatFloat32(k.C) + " in float32";
      checkFiniteDerived(k.R * k.C, path, who + ": R*C", given);
      checkFiniteDerived(k.inv_RC, path, who + ": 1/(R*C)", given);
      checkFiniteDerived(k.one_minus_dt_over_RC, path, who + ": 1 - time_step/(R*C)", given);
    }
  }
  return def;
}

NeuronDef parseNeuronDef(std::string_view model, std::string_view kwargs_json, std::size_t neurons) {
  if (neurons < 1 || neurons > limits::kMaxNeurons)
    fail(Kind::Range, "num_neurons",
         "num_neurons must be 1.." + std::to_string(limits::kMaxNeurons) + ", got " + std::to_string(neurons));
  const json kw = detail::parseJson(kwargs_json.data(), kwargs_json.data() + kwargs_json.size(), "constructor");
  const std::string name(model);
  return neuronDefFromKwargs(parseModelName(name, "model"), name, kw, "constructor", neurons);
}

// ------------------------------------------------------------------------------------------ network
// Reads a network's layers (alternating Linear and neuron entries) for `batch` rows and `num_steps` steps:
// sizes and limits first, then weights (given, or PyTorch's default init from `seed`) and neuron defs.
const ScenarioCache::Entry* ScenarioCache::find(const std::string& key) {
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i].key != key) continue;
    std::rotate(entries_.begin() + static_cast<std::ptrdiff_t>(i), entries_.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                entries_.end());
    return &entries_.back();
  }
  return nullptr;
}

std::uint64_t ScenarioCache::put(Entry entry) {
  const std::size_t size = entry.values->size() * sizeof(float);
  if (size > budget_) return 0;
  while (!entries_.empty() && bytes_ + size > budget_) {
    bytes_ -= entries_.front().values->size() * sizeof(float);
    entries_.erase(entries_.begin());
  }
  bytes_ += size;
  entry.serial = ++last_serial_;
  entries_.push_back(std::move(entry));
  return last_serial_;
}

// A text that equals another's exactly when the two JSON values are the same (numbers by their bits),
// for the cache's keys. Much smaller code than the JSON library's own writer.
static void appendKey(const json& j, std::string& out) {
  if (j.is_object()) {
    out += '{';
    for (auto it = j.begin(); it != j.end(); ++it) {
      out += std::to_string(it.key().size()) + ':' + it.key();
      appendKey(it.value(), out);
    }
    out += '}';
  } else if (j.is_array()) {
    out += '[';
    for (const json& v : j) appendKey(v, out);
    out += ']';
  } else if (j.is_number()) {
    const double v = j.get<double>();
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    out += (j.is_number_float() ? 'f' : 'i') + std::to_string(bits) + ',';
  } else if (j.is_string()) {
    const std::string& text = j.get_ref<const std::string&>();
    out += 's' + std::to_string(text.size()) + ':' + text;
  } else {
    out += j.is_boolean() ? (j.get<bool>() ? 'T' : 'F') : 'N';
  }
}

static NetworkDef readLayers(const json& layers, std::size_t batch, std::uint64_t seed, std::size_t num_steps,
                             ScenarioCache* cache = nullptr) {
  NetworkDef net;
  if (!layers.is_array() || layers.size() < 2 || layers.size() % 2 != 0 || layers.size() > limits::kMaxLayers)
    fail(Kind::Type, "layers",
         "layers must be an array of Linear / neuron pairs (2.." + std::to_string(limits::kMaxLayers) + " entries), got " + describe(layers));

  // Sizes first, so that the weight and work limits are checked before any weight is allocated.
  double total_weights = 0, work_per_step = 0;
  for (std::size_t k = 0; k < layers.size(); k += 2) {
    const json& lin = layers[k];
    if (!lin.is_object() || !lin.contains("in") || !lin.contains("out")) continue;  // reported below
    const double n_in = static_cast<double>(detail::readCount(lin.at("in"), join(index("layers", k), "in"), 1, limits::kMaxNeurons));
    const double n_out = static_cast<double>(detail::readCount(lin.at("out"), join(index("layers", k), "out"), 1, limits::kMaxNeurons));
    total_weights += n_in * n_out;
    work_per_step += static_cast<double>(batch) * (n_out + n_in * n_out);
  }
  if (total_weights > static_cast<double>(limits::kMaxWeights))
    fail(Kind::Limit, "layers",
         "the network has " + formatNumber(total_weights) + " weights in all, over the limit of " +
             std::to_string(limits::kMaxWeights));
  if (static_cast<double>(num_steps) * work_per_step > limits::kMaxWork)
    fail(Kind::Limit, "num_steps",
         "scenario too large: " + formatNumber(static_cast<double>(num_steps) * work_per_step) +
             " neuron and synapse updates, over the limit of " + formatNumber(limits::kMaxWork) +
             "; use fewer steps, neurons or batch rows");

  std::size_t prev_out = 0;
  for (std::size_t k = 0; k < layers.size(); k += 2) {
    const std::string lpath = index("layers", k), npath = index("layers", k + 1);
    const json& lin = layers[k];
    detail::requireObject(lin, lpath);
    detail::checkKeys(lin, lpath, {"type", "in", "out", "weight", "bias"});
    if (!lin.contains("type") || lin.at("type") != "Linear")
      fail(Kind::Invalid, join(lpath, "type"), join(lpath, "type") + " must be \"Linear\" (layers alternate Linear and neurons), got " + (lin.contains("type") ? describe(lin.at("type")) : "nothing"));
    if (!lin.contains("in") || !lin.contains("out"))
      fail(Kind::Invalid, lpath, lpath + " needs in and out (its sizes)");
    const std::size_t n_in = detail::readCount(lin.at("in"), join(lpath, "in"), 1, limits::kMaxNeurons);
    const std::size_t n_out = detail::readCount(lin.at("out"), join(lpath, "out"), 1, limits::kMaxNeurons);
    if (k > 0 && n_in != prev_out)
      fail(Kind::Invalid, join(lpath, "in"), join(lpath, "in") + " must equal the previous layer's out (" + std::to_string(prev_out) + "), got " + std::to_string(n_in));
    if (static_cast<double>(n_in) * static_cast<double>(n_out) > static_cast<double>(limits::kMaxWeights))
      fail(Kind::Limit, lpath, lpath + " has " + std::to_string(n_in) + " x " + std::to_string(n_out) + " weights, over the limit of " + std::to_string(limits::kMaxWeights));
    if (static_cast<double>(n_out) * static_cast<double>(batch) > static_cast<double>(limits::kMaxNeurons))
      fail(Kind::Limit, join(lpath, "out"),
           join(lpath, "out") + " x batch_size = " + std::to_string(n_out) + " x " + std::to_string(batch) +
               " exceeds the limit of " + std::to_string(limits::kMaxNeurons) + " neurons");
    prev_out = n_out;

    // Weights: given [out][in], or PyTorch's default init from the seed (one stream per layer).
    const bool has_bias = !(lin.contains("bias") && lin.at("bias").is_boolean() && !lin.at("bias").get<bool>());
    const bool bias_given = lin.contains("bias") && lin.at("bias").is_array();
    const ScenarioCache::Entry* drawn = nullptr;
    std::string key;
    if (!lin.contains("weight") || (has_bias && !bias_given)) {
      // One stream per layer: layers do not shift each other's draws. The draws depend on nothing else.
      key = "linear seed " + std::to_string(seed) + " layer " + std::to_string(k) + " in " + std::to_string(n_in) +
            " out " + std::to_string(n_out) + (has_bias ? " bias" : "");
      if (cache) drawn = cache->find(key);
    }
    // Weights drawn before are shared with the cache, not copied (the layer copies them only if it writes:
    // given weights below).
    Linear layer = drawn ? Linear(n_in, n_out, has_bias, drawn->values) : Linear(n_in, n_out, has_bias);
    std::uint64_t serial = drawn ? drawn->serial : 0;
    if (!key.empty() && !drawn) {
      Pcg32 rng(seed, 1000 + k);
      layer.initDefault(rng);
      if (cache) serial = cache->put({key, layer.sharedParameters()});
    }
    if (k == 0 && !lin.contains("weight") && !bias_given) net.first_layer_serial = serial;
    if (lin.contains("weight")) {
      const json& w = lin.at("weight");
      const std::string wpath = join(lpath, "weight");
      if (!w.is_array() || w.size() != n_out)
        fail(Kind::Type, wpath, wpath + " must be [out][in] = [" + std::to_string(n_out) + "][" + std::to_string(n_in) + "], got " + describe(w));
      for (std::size_t o = 0; o < n_out; ++o) {
        const std::string rpath = index(wpath, o);
        if (!w[o].is_array() || w[o].size() != n_in)
          fail(Kind::Type, rpath, rpath + " must have " + std::to_string(n_in) + " values, got " + describe(w[o]));
        for (std::size_t i = 0; i < n_in; ++i)
          layer.weight()(static_cast<Eigen::Index>(o), static_cast<Eigen::Index>(i)) = detail::readFloat(w[o][i], index(rpath, i));
      }
    }
    if (lin.contains("bias") && lin.at("bias").is_array()) {
      const json& b = lin.at("bias");
      const std::string bpath = join(lpath, "bias");
      if (b.size() != n_out)
        fail(Kind::Type, bpath, bpath + " has " + std::to_string(b.size()) + " values, expected " + std::to_string(n_out) + " (out)");
      for (std::size_t o = 0; o < n_out; ++o) layer.bias()(static_cast<Eigen::Index>(o)) = detail::readFloat(b[o], index(bpath, o));
    } else if (lin.contains("bias") && !lin.at("bias").is_boolean()) {
      fail(Kind::Type, join(lpath, "bias"), join(lpath, "bias") + " must be an array of out values, true (default init) or false (no bias), got " + describe(lin.at("bias")));
    }

    const json& neu = layers[k + 1];
    detail::requireObject(neu, npath);
    if (!neu.contains("type") || !neu.at("type").is_string())
      fail(Kind::Invalid, join(npath, "type"),
           join(npath, "type") + " must name a neuron model (Leaky, Synaptic, Alpha, Lapicque, ...), got " +
               (neu.contains("type") ? describe(neu.at("type")) : std::string("nothing")));
    const std::string model = neu.at("type").get<std::string>();
    const ModelChoice choice = parseModelName(model, join(npath, "type"));
    net.populations.push_back(neuronDefFromKwargs(choice, model, neu, npath, n_out, /*in_layers=*/true));
    net.linears.push_back(std::move(layer));

  }
  return net;
}

void checkInputValues(const float* values, std::size_t n, const std::string& field) {
  const std::size_t bad = firstNonFinite(values, n);
  if (bad < n)
    fail(Kind::Range, index(field, bad), index(field, bad) + " must be a finite number, got " + formatNumber(values[bad]));
}

void checkPopulationSize(double neurons, double batch) {
  if (!(neurons >= 1 && neurons <= static_cast<double>(limits::kMaxNeurons) && neurons == std::floor(neurons)))
    fail(Kind::Range, "num_neurons", "num_neurons must be 1.." + std::to_string(limits::kMaxNeurons) + ", got " + formatNumber(neurons));
  if (!(batch >= 1 && batch <= static_cast<double>(limits::kMaxBatch) && batch == std::floor(batch)))
    fail(Kind::Range, "batch_size", "batch_size must be 1.." + std::to_string(limits::kMaxBatch) + ", got " + formatNumber(batch));
  if (neurons * batch > static_cast<double>(limits::kMaxNeurons))
    fail(Kind::Limit, "num_neurons",
         "num_neurons x batch_size = " + formatNumber(neurons) + " x " + formatNumber(batch) + " exceeds the limit of " +
             std::to_string(limits::kMaxNeurons) + " neurons");
}

void checkRunSize(double steps, double values_per_step) {
  if (!(steps >= 1 && steps <= static_cast<double>(limits::kMaxSteps) && steps == std::floor(steps)))
    fail(Kind::Range, "num_steps", "num_steps must be 1.." + std::to_string(limits::kMaxSteps) + ", got " + formatNumber(steps));
  if (steps * values_per_step > static_cast<double>(limits::kMaxTraceValues))
    fail(Kind::Limit, "num_steps",
         "a run of " + formatNumber(steps) + " steps would keep " + formatNumber(steps * values_per_step) +
             " values, over the limit of " + std::to_string(limits::kMaxTraceValues) + " (128 MiB)");
}

std::vector<RecordedRange> checkRecord(const std::vector<std::string>& record,
                                       const std::vector<TraceArrayInfo>& produced) {
  std::vector<RecordedRange> kept(produced.size());
  if (record.empty()) {
    for (std::size_t k = 0; k < produced.size(); ++k) kept[k] = {0, produced[k].neurons};
    return kept;
  }
  for (std::size_t i = 0; i < record.size(); ++i) {
    const std::string& entry = record[i];
    const std::string path = index("record", i);
    const std::size_t open = entry.find('[');
    const std::string name = entry.substr(0, open);
    std::size_t k = 0;
    while (k < produced.size() && produced[k].name != name) ++k;
    if (k == produced.size()) {
      std::string list;
      for (const auto& a : produced) list += (list.empty() ? "" : ", ") + a.name;
      fail(Kind::Invalid, path, "record names '" + name + "', which this scenario does not produce (it produces: " + list + ")");
    }
    if (kept[k].count > 0) fail(Kind::Invalid, path, "record names '" + name + "' twice");
    const std::size_t n = produced[k].neurons;
    std::size_t first = 0, end = n;
    if (open != std::string::npos) {
      // [first:end], each bound optional, decimal digits only.
      const std::size_t colon = entry.find(':', open);
      auto bound = [&](std::size_t from, std::size_t to, std::size_t& value) {
        if (from == to) return true;
        if (to - from > 9) return false;
        value = 0;
        for (std::size_t c = from; c < to; ++c) {
          if (entry[c] < '0' || entry[c] > '9') return false;
          value = value * 10 + static_cast<std::size_t>(entry[c] - '0');
        }
        return true;
      };
      const bool ok = colon != std::string::npos && entry.back() == ']' && colon < entry.size() - 1 &&
                      bound(open + 1, colon, first) && bound(colon + 1, entry.size() - 1, end) && first < end && end <= n;
      if (!ok)
        fail(Kind::Invalid, path,
             path + " '" + entry + "' must keep a range of neurons as " + name + "[first:end], 0 <= first < end <= " +
                 std::to_string(n) + " (" + name + " has " + std::to_string(n) + (n == 1 ? " neuron)" : " neurons)"));
    }
    kept[k] = {first, end - first};
  }
  return kept;
}

void checkAdvanceSize(double steps, double population_size) {
  if (!(steps >= 1 && steps <= static_cast<double>(limits::kMaxSteps) && steps == std::floor(steps)))
    fail(Kind::Range, "steps", "steps must be 1.." + std::to_string(limits::kMaxSteps) + ", got " + formatNumber(steps));
  if (steps * population_size > limits::kMaxWork)
    fail(Kind::Limit, "steps",
         "advancing " + formatNumber(population_size) + " neurons by " + formatNumber(steps) + " steps is " +
             formatNumber(steps * population_size) + " neuron updates, over the limit of " +
             formatNumber(limits::kMaxWork) + "; use fewer steps or neurons");
}

void checkLinearSize(double in, double out) {
  for (auto [v, name] : {std::pair<double, const char*>{in, "in_features"}, {out, "out_features"}})
    if (!(v >= 1 && v <= static_cast<double>(limits::kMaxNeurons) && v == std::floor(v)))
      fail(Kind::Range, name, std::string(name) + " must be 1.." + std::to_string(limits::kMaxNeurons) + ", got " + formatNumber(v));
  if (in * out > static_cast<double>(limits::kMaxWeights))
    fail(Kind::Limit, "in_features", "in_features x out_features = " + formatNumber(in) + " x " + formatNumber(out) +
                                         " weights, over the limit of " + std::to_string(limits::kMaxWeights));
}

std::vector<float> generateInput(std::string_view input_json, std::size_t steps, std::size_t width, std::size_t batch,
                                 std::uint64_t seed) {
  if (steps < 1 || steps > limits::kMaxSteps)
    fail(Kind::Range, "num_steps", "num_steps must be 1.." + std::to_string(limits::kMaxSteps) + ", got " + std::to_string(steps));
  if (width < 1 || batch < 1 || static_cast<double>(width) * batch > static_cast<double>(limits::kMaxNeurons))
    fail(Kind::Range, "input", "input width must be 1.." + std::to_string(limits::kMaxNeurons) + " values per step, got " +
                                   std::to_string(width) + " x batch " + std::to_string(batch));
  if (static_cast<double>(width) * batch * steps > static_cast<double>(limits::kMaxTraceValues))
    fail(Kind::Limit, "input", "the input would hold " + formatNumber(static_cast<double>(width) * batch * steps) +
                                   " values, over the limit of " + std::to_string(limits::kMaxTraceValues));
  const json spec = detail::parseJson(input_json.data(), input_json.data() + input_json.size(), "input");
  detail::InputShape shape;
  shape.steps = steps;
  shape.batch = batch;
  shape.width = width;
  shape.network = batch > 1;
  detail::MaterialisedInput in = detail::materialiseInput(spec, "input", shape, seed);
  if (in.constant) {
    std::vector<float> full(steps * in.data.size());
    for (std::size_t t = 0; t < steps; ++t) std::copy(in.data.begin(), in.data.end(), full.begin() + t * in.data.size());
    return full;
  }
  return std::move(in.data);
}

NetworkDef parseNetworkDef(std::string_view layers_json, std::size_t batch, std::uint64_t seed) {
  if (batch < 1 || batch > limits::kMaxBatch)
    fail(Kind::Range, "batch_size", "batch_size must be 1.." + std::to_string(limits::kMaxBatch) + ", got " + std::to_string(batch));
  const json layers = detail::parseJson(layers_json.data(), layers_json.data() + layers_json.size(), "layers");
  return readLayers(layers, batch, seed, 1);
}

// ------------------------------------------------------------------------------------------ scenario
namespace {

// Fields of golden scenario entries that describe them but do not change a run.
constexpr const char* kTopLevelKeys[] = {
    "model", "constructor", "init", "num_steps", "num_neurons", "input", "layers", "batch_size", "seed",
    "record", "spike_timing", "name", "description", "tutorial_source", "derived", "output", "spike_rows",
    "spike_counts", "min_abs_mem_minus_thr", "weights_dyadic_exact_sums", "input_shape", "note"};

void checkTopLevelKeys(const json& j) {
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (std::find_if(std::begin(kTopLevelKeys), std::end(kTopLevelKeys),
                     [&](const char* k) { return it.key() == k; }) != std::end(kTopLevelKeys))
      continue;
    std::string list;
    for (const char* k : kTopLevelKeys) {
      if (std::string(k) == "name") break;  // the rest are descriptive fields of the goldens
      list += (list.empty() ? "" : ", ") + std::string(k);
    }
    fail(Kind::Invalid, it.key(), "unknown field '" + it.key() + "' in the scenario (accepted: " + list + ", name, description)");
  }
}

// Widest per-neuron list among the kwargs and init, to infer num_neurons when nothing else gives it.
std::size_t widestList(const json& j) {
  std::size_t n = 1;
  if (j.is_object())
    for (const auto& v : j)
      if (v.is_array()) n = std::max<std::size_t>(n, v.size());
  return n;
}

void checkLimits(const Scenario& s, std::size_t recorded_row_values, double neuron_updates_per_step) {
  const double T = static_cast<double>(s.num_steps);
  const double input_values = static_cast<double>(s.input_size * s.batch) * (s.input_is_constant ? 1.0 : T);
  const double trace_values = T * static_cast<double>(recorded_row_values) + input_values;
  if (trace_values > static_cast<double>(limits::kMaxTraceValues))
    fail(Kind::Limit, "num_steps",
         "scenario too large: it would keep " + formatNumber(trace_values) + " values (" + std::to_string(s.num_steps) +
             " steps x " + std::to_string(recorded_row_values) + " recorded values per step, plus the input), over the limit of " +
             std::to_string(limits::kMaxTraceValues) + " (128 MiB); record fewer arrays (\"record\") or run fewer steps");
  const double work = T * neuron_updates_per_step;
  if (work > limits::kMaxWork)
    fail(Kind::Limit, "num_steps",
         "scenario too large: " + formatNumber(work) + " neuron and synapse updates, over the limit of " +
             formatNumber(limits::kMaxWork) + "; use fewer steps, neurons or batch rows");
}

}  // namespace

Scenario parseScenario(std::string_view text, ScenarioCache* cache) {
  const json j = detail::parseJson(text.data(), text.data() + text.size(), "");
  detail::requireObject(j, "");
  checkTopLevelKeys(j);

  Scenario s;
  if (j.contains("name")) s.name = detail::readString(j.at("name"), "name");
  if (j.contains("seed")) s.seed = detail::readSeed(j.at("seed"), "seed");

  const bool network = j.contains("layers");
  if (network && j.contains("model"))
    fail(Kind::Invalid, "model", "a scenario has either model (one population) or layers (a network), not both");
  if (!network && !j.contains("model"))
    fail(Kind::Invalid, "model", "model is required (Lapicque, Leaky, Synaptic, Alpha, ...), or layers for a network");
  if (!j.contains("input")) fail(Kind::Invalid, "input", "input is required: explicit rows or a generator");
  const json& input = j.at("input");

  // num_steps, and the extent of an explicit input.
  std::size_t in_steps = 0, in_batch = 1, in_width = 0;
  const bool explicit_input = detail::explicitInputExtent(input, network, in_steps, in_batch, in_width);
  if (j.contains("num_steps") && !j.at("num_steps").is_null()) {
    s.num_steps = detail::readCount(j.at("num_steps"), "num_steps", 1, limits::kMaxSteps);
  } else if (explicit_input) {
    s.num_steps = in_steps;
    if (in_steps < 1 || in_steps > limits::kMaxSteps)
      fail(Kind::Range, "input", "input must have 1.." + std::to_string(limits::kMaxSteps) + " rows, got " + std::to_string(in_steps));
  } else {
    fail(Kind::Invalid, "num_steps", "num_steps is required when input is a generator");
  }

  double updates_per_step = 0;
  detail::InputShape shape;
  shape.steps = s.num_steps;

  if (!network) {
    const std::string model = detail::readString(j.at("model"), "model");
    const ModelChoice choice = parseModelName(model, "model");
    const json empty = json::object();
    const json& kw = j.contains("constructor") ? j.at("constructor") : empty;
    const json& init = j.contains("init") && !j.at("init").is_null() ? j.at("init") : empty;
    detail::requireObject(kw, "constructor");
    detail::requireObject(init, "init");
    if (j.contains("batch_size")) fail(Kind::Invalid, "batch_size", "batch_size applies to networks (layers) only");

    // num_neurons: given, or from the explicit input, the init arrays or per-neuron parameters.
    if (j.contains("num_neurons") && !j.at("num_neurons").is_null()) {
      s.num_neurons = detail::readCount(j.at("num_neurons"), "num_neurons", 1, limits::kMaxNeurons);
    } else if (explicit_input && in_width > 0) {
      s.num_neurons = in_width;
    } else {
      s.num_neurons = std::max(widestList(kw), widestList(init));
    }
    if (s.num_neurons < 1 || s.num_neurons > limits::kMaxNeurons)
      fail(Kind::Range, "num_neurons",
           "num_neurons must be 1.." + std::to_string(limits::kMaxNeurons) + ", got " + std::to_string(s.num_neurons));

    s.neuron = neuronDefFromKwargs(choice, model, kw, "constructor", s.num_neurons);
    if (j.contains("spike_timing")) {
      const std::string t = detail::readString(j.at("spike_timing"), "spike_timing");
      if (t == "after_update") s.neuron.spike_timing = SpikeTiming::AfterUpdate;
      else if (t == "before_update") s.neuron.spike_timing = SpikeTiming::BeforeUpdate;
      else fail(Kind::Invalid, "spike_timing", "spike_timing must be \"after_update\" (snnTorch >= 0.4.4) or \"before_update\" (v0.2 and the notebooks' hand-written neurons), got \"" + t + "\"");
    }

    // The states this model has, to check init against.
    const auto probe = makeNeuronLayer(s.neuron, 1, 1);
    for (auto it = init.begin(); it != init.end(); ++it) {
      const std::string ipath = join("init", it.key());
      if (probe->stateIndex(it.key()) < 0) {
        std::string names;
        for (const auto& n : probe->stateNames()) names += (names.empty() ? "" : ", ") + n;
        fail(Kind::Invalid, ipath, "init has no state '" + it.key() + "' for " + model + " (its states: " + names + ")");
      }
      std::vector<float> v = detail::readFloatList(it.value(), ipath);
      if (v.size() != 1 && v.size() != s.num_neurons)
        fail(Kind::Type, ipath,
             ipath + " has " + std::to_string(v.size()) + " values, expected 1 or " + std::to_string(s.num_neurons) +
                 " (one per neuron)");
      if (v.size() == 1) v = std::vector<float>(s.num_neurons, v[0]);  // not assign(): v[0] would dangle
      s.init.emplace_back(it.key(), std::move(v));
    }
    s.input_size = s.num_neurons;
    shape.width = s.num_neurons;
    s.flat_rows = explicit_input && s.num_neurons == 1 && !input.empty() && input[0].is_number();
    updates_per_step = static_cast<double>(s.num_neurons);
  } else {
    if (j.contains("constructor") || j.contains("init") || j.contains("num_neurons") || j.contains("spike_timing"))
      fail(Kind::Invalid, "layers",
           "a network takes its parameters in layers; constructor, init, num_neurons and spike_timing apply to a single population");
    if (j.contains("batch_size")) s.batch = detail::readCount(j.at("batch_size"), "batch_size", 1, limits::kMaxBatch);
    else if (explicit_input) {
      if (in_batch < 1 || in_batch > limits::kMaxBatch)
        fail(Kind::Limit, "input", "input rows have " + std::to_string(in_batch) + " batch rows; batch_size must be 1.." + std::to_string(limits::kMaxBatch));
      s.batch = in_batch;
    }
    if (explicit_input && in_batch != s.batch && in_width > 0 && input.size() > 0 && input[0].is_array() &&
        !input[0].empty() && input[0][0].is_array())
      fail(Kind::Type, "input", "input rows have " + std::to_string(in_batch) + " batch rows, but batch_size is " + std::to_string(s.batch));
    NetworkDef net = readLayers(j.at("layers"), s.batch, s.seed, s.num_steps, cache);
    s.linears = std::move(net.linears);
    s.populations = std::move(net.populations);
    s.first_layer_serial = net.first_layer_serial;
    for (std::size_t k = 0; k < s.linears.size(); ++k) {
      const std::size_t n_in = s.linears[k].in(), n_out = s.linears[k].out();
      updates_per_step += static_cast<double>(s.batch) * (static_cast<double>(n_out) + static_cast<double>(n_in) * n_out);
    }
    s.input_size = s.linears.front().in();
    shape.batch = s.batch;
    shape.width = s.input_size;
    shape.network = true;
  }

  // record: which arrays (and neurons) to keep.
  const std::vector<TraceArrayInfo> arrays = traceArrays(s);
  if (j.contains("record")) {
    const json& r = j.at("record");
    if (!r.is_array() || r.empty())
      fail(Kind::Type, "record", "record must be a non-empty array of array names (omit it to keep all), got " + describe(r));
    for (std::size_t i = 0; i < r.size(); ++i) s.record.push_back(detail::readString(r[i], index("record", i)));
  }
  const std::vector<RecordedRange> kept = checkRecord(s.record, arrays);
  std::size_t recorded = 0;
  for (std::size_t k = 0; k < arrays.size(); ++k) recorded += arrays[k].rows * kept[k].count;

  if (static_cast<double>(shape.rowSize()) * static_cast<double>(s.num_steps) > static_cast<double>(limits::kMaxTraceValues))
    fail(Kind::Limit, "input",
         "scenario too large: the input alone would hold " + formatNumber(static_cast<double>(shape.rowSize()) * s.num_steps) +
             " values, over the limit of " + std::to_string(limits::kMaxTraceValues));
  s.input_is_constant = false;
  checkLimits(s, recorded, updates_per_step);

  // A generator's values depend on its spec, the seed and the shape; explicit rows are read every time.
  std::string key;
  if (cache && input.is_object()) {
    key = "input ";
    appendKey(input, key);
    key += " seed " + std::to_string(s.seed) + " steps " + std::to_string(shape.steps) + " batch " +
           std::to_string(shape.batch) + " width " + std::to_string(shape.width) + (shape.network ? " network" : "");
  }
  if (const ScenarioCache::Entry* made = key.empty() ? nullptr : cache->find(key)) {
    s.input = *made->values;
    s.input_is_constant = made->flag;
    s.input_serial = made->serial;
    return s;
  }
  detail::MaterialisedInput in = detail::materialiseInput(input, "input", shape, s.seed);
  if (!key.empty()) s.input_serial = cache->put({key, std::make_shared<std::vector<float>>(in.data), in.constant});
  s.input = std::move(in.data);
  s.input_is_constant = in.constant;
  return s;
}

}  // namespace snn
