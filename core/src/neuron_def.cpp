// A population's constructor keywords -> NeuronDef: the model rules of every neuron class. The keywords,
// their defaults and their kinds come from the catalogue (core/src/catalogue.cpp); the rules between
// keywords (alpha > beta, Lapicque's parameterisations) are here.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "fields.hpp"
#include "parse.hpp"
#include "snn/error.hpp"
#include "snn/limits.hpp"

namespace snn::detail {

namespace {

// snnTorch's defaults for optional numbers are False or None: either means "not given".
bool absent(const json& v) { return v.is_null() || (v.is_boolean() && !v.get<bool>()); }

std::vector<float> perNeuronList(const json& v, const std::string& path, std::size_t neurons) {
  std::vector<float> out = readFloatList(v, path);
  if (out.size() != 1 && out.size() != neurons)
    fail(Kind::Type, path,
         path + " has " + std::to_string(out.size()) + " values, expected 1 or " + std::to_string(neurons) + " (one per neuron)");
  return out;
}

ResetMechanism readReset(const json& j, const std::string& path) {
  const std::string s = readString(j, path);
  if (s == "subtract") return ResetMechanism::Subtract;
  if (s == "zero") return ResetMechanism::Zero;
  if (s == "none") return ResetMechanism::None;
  fail(Kind::Invalid, path, path + " must be \"subtract\", \"zero\" or \"none\", got \"" + s + "\"");
}

// Keywords that change no forward value, and the ones only `false` of which is supported: their types.
void checkInertKeywords(Fields& f, const ModelInfo& model) {
  for (const FieldInfo& k : model.keywords) {
    if (k.forward || !f.given(k.name)) continue;
    const json& v = f.get(k.name);
    const std::string path = f.at(k.name);
    if (k.type == FieldType::Surrogate) {
      if (!v.is_null() && !v.is_string())
        fail(Kind::Type, path, path + " must be null or the name of a surrogate (it does not change forward values), got " + describe(v));
    } else if (!k.choices.empty()) {  // only false
      if (!(v.is_boolean() && !v.get<bool>()))
        fail(Kind::Invalid, path, path + " is not supported by this core (only false), got " + describe(v));
    } else {
      readBool(v, path);
    }
  }
}

void checkFiniteDerived(float value, const std::string& path, const std::string& what, const std::string& given = "") {
  if (!std::isfinite(value))
    fail(Kind::Range, path, what + " is not finite (" + formatNumber(value) + ")" + given + "; choose other parameters");
}

void alphaRules(NeuronDef& def, const std::string& who, const std::string& path) {
  const bool v02 = def.model == ModelKind::Srm0V02;
  const std::size_t n = std::max(def.alpha.size(), def.beta.size());
  for (std::size_t i = 0; i < n; ++i) {
    const float a_raw = def.alpha[def.alpha.size() == 1 ? 0 : i];
    const float b = def.beta[def.beta.size() == 1 ? 0 : i];
    const float a = v02 ? a_raw : std::min(std::max(a_raw, 0.0f), 1.0f);
    const std::string which = n > 1 ? " (neuron " + std::to_string(i) + ")" : "";
    if (!(a > b))
      fail(Kind::Range, join(path, "alpha"),
           who + ": alpha (" + formatFloat32(a_raw) + (a != a_raw ? ", clamped to " + formatFloat32(a) : "") +
               ") must be greater than beta (" + formatFloat32(b) + ")" + which);
    if (b == 1.0f)
      fail(Kind::Range, join(path, "beta"), who + ": beta must not be 1 (tau_alpha would divide by zero), got 1" + which);
    if (v02 && !(b > 0.0f && a <= 1.0f))
      fail(Kind::Range, join(path, b > 0.0f ? "alpha" : "beta"),
           who + ": needs 0 < beta < alpha <= 1 (it takes logarithms without clamping), got alpha " + formatFloat32(a_raw) +
               ", beta " + formatFloat32(b) + which);
    if (!v02)
      checkFiniteDerived(alphaTau(a_raw, b), join(path, "alpha"),
                         who + ": tau_alpha = ln(alpha)/(ln(beta) - ln(alpha)) + 1 (alpha, beta clamped to [0, 1])",
                         " with alpha " + formatFloat32(a_raw) + ", beta " + formatFloat32(b) + which);
  }
  if (v02 && def.reset == ResetMechanism::None)
    fail(Kind::Invalid, join(path, "reset_mechanism"), who + ": reset_mechanism must be \"subtract\" or \"zero\" (v0.2.11 had no \"none\")");
}

// Lapicque and the notebooks' Euler neuron: R, C and time_step as typed (doubles), and beta for Lapicque.
void circuitRules(NeuronDef& def, Fields& f, const std::string& who) {
  auto positive = [&](const char* key) -> double {
    const std::string kpath = f.at(key);
    const json& v = f.get(key);
    const float single = readFloat(v, kpath);  // must fit float32; keep the double as typed
    const double d = readDouble(v, kpath);
    if (!(d > 0)) fail(Kind::Range, kpath, who + ": " + key + " must be > 0, got " + formatNumber(d));
    if (!(single > 0.0f)) fail(Kind::Range, kpath, who + ": " + key + " must not round to 0 in float32, got " + formatNumber(d));
    return d;
  };
  // A keyword set to snnTorch's "not given" (False or None) is left out of the resolved scenario.
  auto present = [&](const char* key) {
    if (!f.given(key)) return false;
    if (!absent(f.get(key))) return true;
    f.unresolve(key);
    return false;
  };
  const std::string path = f.path();
  if (present("time_step")) def.time_step = positive("time_step");
  else f.resolveAs("time_step", def.time_step);
  if (present("R")) def.R = positive("R");
  if (present("C")) def.C = positive("C");
  if (def.model == ModelKind::EulerLIF) {
    if (def.R <= 0 || def.C <= 0)
      fail(Kind::Invalid, f.at(def.R <= 0 ? "R" : "C"),
           who + ": needs both R and C (got " + (def.R > 0 ? "R only" : def.C > 0 ? "C only" : "neither") + ")");
    const float dt_over_tau = static_cast<float>(def.time_step / (def.R * def.C));
    if (!std::isfinite(dt_over_tau) || !(dt_over_tau > 0.0f))
      fail(Kind::Range, path,
           who + ": time_step/(R*C) must be a finite positive float32, got " + formatNumber(def.time_step / (def.R * def.C)) +
               " (R " + formatNumber(def.R) + ", C " + formatNumber(def.C) + ", time_step " + formatNumber(def.time_step) + ")");
    return;
  }
  const bool has_beta = present("beta");
  if (has_beta) {
    const std::string bpath = f.at("beta");
    const float b = readFloat(f.get("beta"), bpath);
    // beta = 1 makes C infinite (the membrane holds its value) and beta > 1 makes it negative (the membrane
    // grows): snnTorch computes both. At beta <= 0 its logarithm has no value.
    if (!(b > 0.0f))
      fail(Kind::Range, bpath, who + ": beta must be > 0 (C = time_step / (R ln(1/beta)) needs a logarithm), got " + formatFloat32(b));
    def.beta = {b};
  }
  const bool r = def.R > 0, c = def.C > 0;
  if ((r || c) && f.given("learn_beta") && f.get("learn_beta") == true)
    fail(Kind::Invalid, f.at("learn_beta"),
         who + ": learn_beta must be false when R or C is given (snnTorch 0.9.4 cannot build that Lapicque)");
  if (has_beta && r && c) fail(Kind::Invalid, path, who + ": give beta, or R and C, or beta with one of R and C — not all three");
  if (!has_beta && !(r && c))
    fail(Kind::Invalid, path, who + ": needs beta, or both R and C (got " + (r ? "R only" : c ? "C only" : "neither") + ")");
  const LapicqueConstants k = lapicqueConstants(def);
  const std::string given = " with R = " + formatFloat32(k.R) + ", C = " + formatFloat32(k.C) + " in float32";
  checkFiniteDerived(k.R, path, who + ": R", given);
  // beta = 1 makes C infinite on purpose (the membrane holds); otherwise an infinite R*C is an overflow.
  if (!(has_beta && def.beta[0] == 1.0f)) checkFiniteDerived(k.R * k.C, path, who + ": R*C", given);
  checkFiniteDerived(k.inv_RC, path, who + ": 1/(R*C)", given);
  checkFiniteDerived(k.one_minus_dt_over_RC, path, who + ": 1 - time_step/(R*C)", given);
  // What one unit of input adds to the membrane, ((1*R)*(1/(R*C)))*time_step in the update's order.
  checkFiniteDerived((k.R * k.inv_RC) * k.time_step, path, who + ": R*(1/(R*C))*time_step (the input's weight)", given);
}

}  // namespace

const ModelInfo& parseModelName(const std::string& name, const std::string& path) {
  if (const ModelInfo* m = findModel(name)) return *m;
  std::string list;
  for (const ModelInfo& m : models()) {
    list += (list.empty() ? "" : ", ") + std::string(m.name);
    for (const char* alias : m.aliases) list += std::string(" or its old name ") + alias;
  }
  fail(Kind::Invalid, path, "unknown model '" + name + "' (accepted: " + list + ")");
}

NeuronDef neuronDefFromKwargs(const ModelInfo& model, const std::string& model_name, const json& kw,
                              const std::string& path, std::size_t neurons, json* resolved, bool in_layers) {
  Fields f(kw, path, model.keywords, resolved, in_layers ? "type" : nullptr);
  NeuronDef def;
  def.model = model.kind;
  def.spike_timing = model.timing;
  def.v02_arithmetic = model.v02;
  const std::string& who = model_name;  // "Alpha: alpha (0.7) must be greater than beta (0.8)"
  checkInertKeywords(f, model);

  for (const FieldInfo& k : model.keywords)
    if (k.absent_kind == Absent::Required && k.type == FieldType::PerNeuron && !f.given(k.name))
      fail(Kind::Invalid, f.at(k.name), who + ": " + k.name + " is required");

  def.threshold = perNeuronList(f.get("threshold"), f.at("threshold"), neurons);
  def.reset = readReset(f.get("reset_mechanism"), f.at("reset_mechanism"));
  const bool leaky_family = model.kind == ModelKind::Leaky || (model.kind == ModelKind::Synaptic && !model.v02);
  if (leaky_family) def.reset_delay = readBool(f.get("reset_delay"), f.at("reset_delay"));
  if (model.kind == ModelKind::Leaky) {
    const std::string gpath = f.at("graded_spikes_factor");
    const json& g = f.get("graded_spikes_factor");
    def.graded_spikes_factor = perNeuronList(g, gpath, neurons);
    // Only the reset on the spike's own step divides by the factor (S/g): with reset_delay a zero factor
    // just makes every spike 0, as in snnTorch.
    for (std::size_t i = 0; i < def.graded_spikes_factor.size() && !def.reset_delay; ++i)
      if (def.graded_spikes_factor[i] == 0.0f)
        fail(Kind::Range, g.is_array() ? index(gpath, i) : gpath,
             who + ": graded_spikes_factor must be non-zero in float32 when reset_delay is false (spikes are divided by it), got " +
                 formatNumber((g.is_array() ? g[i] : g).get<double>()));
  }

  switch (model.kind) {
    case ModelKind::Synaptic:
    case ModelKind::Alpha:
    case ModelKind::Srm0V02:
      def.alpha = perNeuronList(f.get("alpha"), f.at("alpha"), neurons);
      [[fallthrough]];
    case ModelKind::Leaky:
      def.beta = perNeuronList(f.get("beta"), f.at("beta"), neurons);
      break;
    case ModelKind::Lapicque:
    case ModelKind::EulerLIF:
      circuitRules(def, f, who);
      break;
  }
  if (model.kind == ModelKind::Alpha || model.kind == ModelKind::Srm0V02) alphaRules(def, who, path);
  return def;
}

// Four significant digits: a ratio in a message, not a value to type back.
std::string approx(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

std::string overflowCause(const NeuronDef& def, const std::string& path, std::string& field) {
  // A forward-Euler membrane grows |1 - time_step/(R*C)|-fold a step once that exceeds 1.
  auto unstable = [&](double ratio, double growth, const char* model) -> std::string {
    field = join(path, "time_step");
    return std::string(model) + "'s time_step/(R*C) = " + approx(ratio) +
           " > 2 makes its forward-Euler update unstable (the membrane grows " + approx(growth) +
           "-fold a step); use a smaller time_step or a larger R*C";
  };
  if (def.model == ModelKind::Lapicque) {
    const LapicqueConstants k = lapicqueConstants(def);
    const float m = k.one_minus_dt_over_RC;
    if (m > 1.0f) {
      field = join(path, "beta");
      return "Lapicque's beta " + formatFloat32(def.beta.empty() ? 0.0f : def.beta[0]) +
             " > 1 makes the membrane grow " + approx(m) + "-fold a step (C = time_step/(R ln(1/beta)) < 0)";
    }
    if (m < -1.0f) return unstable(static_cast<double>(k.time_step) / (static_cast<double>(k.R) * k.C), -static_cast<double>(m), "Lapicque");
  }
  if (def.model == ModelKind::EulerLIF) {
    const double ratio = def.time_step / (def.R * def.C);
    if (ratio > 2) return unstable(ratio, ratio - 1, "EulerLIF");
  }
  field = "input";
  return path.compare(0, 6, "layers") == 0
             ? "the input, weights or initial states are too large for float32 over this many steps; use smaller values or fewer steps"
             : "the input or initial state is too large for float32 over this many steps; use smaller values or fewer steps";
}

}  // namespace snn::detail

namespace snn {

NeuronDef parseNeuronDef(std::string_view model, std::string_view kwargs_json, std::size_t neurons) {
  using detail::fail;
  using detail::json;
  using Kind = ScenarioError::Kind;
  if (neurons < 1 || neurons > limits::kMaxNeurons)
    fail(Kind::Range, "num_neurons", "num_neurons must be 1.." + std::to_string(limits::kMaxNeurons) + ", got " + std::to_string(neurons));
  const json kw = detail::parseJson(kwargs_json.data(), kwargs_json.data() + kwargs_json.size(), "constructor");
  const std::string name(model);
  return detail::neuronDefFromKwargs(detail::parseModelName(name, "model"), name, kw, "constructor", neurons, nullptr);
}

}  // namespace snn
