// Sweeps (sweep.hpp): each value is set at the path and the scenario parsed by the normal rules (the first
// parse also checks that the parser reads the path as a number) and run without a trace, counting spikes.
#include "snn/sweep.hpp"

#include <cstring>
#include <initializer_list>
#include <string_view>

#include "fields.hpp"
#include "json_write.hpp"
#include "parse.hpp"
#include "snn/error.hpp"
#include "snn/limits.hpp"
#include "snn/network.hpp"
#include "snn/progress.hpp"
#include "runner.hpp"
#include "snn/session.hpp"

namespace snn {

std::size_t SweepResult::rowSize() const {
  std::size_t n = 1;
  for (std::size_t d = 1; d < shape.size(); ++d) n *= shape[d];
  return n;
}

namespace detail {

namespace {

// A network's first-layer currents are kept between values up to this many (32 MiB).
constexpr std::size_t kKeptCurrents = std::size_t{8} << 20;

// The parts joined: messages are built this way here, not with chains of std::string +, whose
// temporaries (and their clean-up when an exception passes) cost the WebAssembly module kilobytes.
std::string cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) out.append(p.data(), p.size());
  return out;
}

bool isIndex(const std::string& step, std::size_t& i) {
  if (step.empty() || step.size() > 9 || (step.size() > 1 && step[0] == '0')) return false;
  for (char c : step)
    if (c < '0' || c > '9') return false;
  i = 0;
  for (char c : step) i = i * 10 + static_cast<std::size_t>(c - '0');
  return true;
}

// Where a path leads in the scenario. A path is valid when the parser reads the value it names as a number
// (json_read.hpp's NumberWatch says whether it did): the catalogue, through the parser, decides what a
// number field is, so the sweep cannot disagree with it. Here only what the parse cannot tell is checked:
// that every step but the last exists (constructor and init are made when absent; the last step is made
// by the first value), that lists are indexed within them, and that the path names no size and not the
// scenario's seed.
struct Located {
  std::vector<std::string> steps;
  std::string field;  // the path as the parser names fields: layers[1].beta, input.sum[0].sine.period
  json* at = nullptr;
};

[[noreturn]] void badPath(const std::string& path, std::initializer_list<std::string_view> why) {
  std::string message = cat({"sweep.path '", path, "': "});
  for (std::string_view part : why) message.append(part.data(), part.size());
  fail(Kind::Invalid, "sweep.path", message);
}

Located locate(json& scenario, const std::string& path) {
  Located out;
  for (std::size_t start = 0;;) {
    const std::size_t dot = path.find('.', start);
    out.steps.push_back(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (out.steps.back().empty()) badPath(path, {"it has an empty step (a path is names and indices joined by dots: constructor.beta)"});
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  const std::vector<std::string>& steps = out.steps;
  const std::string& top = steps[0];
  if ((steps.size() == 1 && (top == "num_steps" || top == "num_neurons" || top == "batch_size" || top == "seed")) ||
      (top == "layers" && steps.size() == 3 && (steps[2] == "in" || steps[2] == "out")))
    badPath(path, {path, " stays fixed in a sweep: sizes do, and the scenario's seed is written into every generator and drawn "
                   "layer when it is resolved (sweep input.noise.seed or layers.0.seed instead)"});
  json* at = &scenario;
  for (std::size_t k = 0; k < steps.size(); ++k) {
    const std::string& step = steps[k];
    std::size_t i = 0;
    if (at->is_array()) {
      if (!isIndex(step, i) || i >= at->size())
        badPath(path, {out.field, " is a list of ", std::to_string(at->size()), ": the next step is an index 0..",
                       std::to_string(at->size() - 1), ", not '", step, "'"});
      at = &(*at)[i];
      out.field += cat({"[", step, "]"});
      continue;
    }
    const bool made = k == 0 && (step == "constructor" || step == "init");  // an object the scenario may leave out
    if (!at->is_object() || (k + 1 < steps.size() && !at->contains(step) && !made))
      badPath(path, {"the scenario has no ", out.field, out.field.empty() ? "" : ".", step});
    at = &(*at)[step.c_str()];
    if (made && at->is_null()) *at = json::object();
    out.field += cat({out.field.empty() ? "" : ".", step});
  }
  out.at = at;
  return out;
}

// A sweep read and checked: the scenario (its sweep moved out; each value is written into it in turn), where
// the path leads in it, and the values.
struct Plan {
  json base;
  json sweep;  // {"path", "values"}
  std::string path;
  Located target;  // in base
  const json& values() const { return sweep.at("values"); }
};

Plan readPlan(json scenario) {
  requireObject(scenario, "");
  Plan p;
  p.sweep = std::move(scenario.at("sweep"));  // leaves null there, which the values' runs do not read
  Fields f(p.sweep, "sweep", sweepFields(), nullptr);
  for (const FieldInfo& field : sweepFields())  // both required
    if (!f.given(field.name)) fail(Kind::Invalid, f.at(field.name), cat({f.at(field.name), " is required (", field.meaning, ")"}));
  p.path = readString(f.get("path"), "sweep.path");
  const json& values = f.get("values");
  if (!values.is_array()) fail(Kind::Type, "sweep.values", cat({"sweep.values must be a list of numbers, got ", describe(values)}));
  if (values.empty() || values.size() > limits::kMaxSweepValues)
    fail(values.empty() ? Kind::Range : Kind::Limit, "sweep.values",
         cat({"sweep.values has ", std::to_string(values.size()), " values: give 1..", std::to_string(limits::kMaxSweepValues)}));
  for (std::size_t i = 0; i < values.size(); ++i) (void)readDouble(values[i], index("sweep.values", i));
  p.base = std::move(scenario);
  p.target = locate(p.base, p.path);
  return p;
}

// The scenario of value i (written into plan.base), parsed; an error names the value. The first value's
// parse (without the cache: a cached input is not read) checks the path: the parser must read it as a
// number, and an error at the path itself means it names no number field.
Scenario parseValue(Plan& p, std::size_t i, ParseOptions options, Provenance* provenance) {
  *p.target.at = p.values()[i];
  if (i == 0) options.cache = nullptr;
  NumberWatch& watch = numberWatch();
  const bool watching = i == 0;
  watch = {watching ? p.target.at : nullptr, false};
  try {
    Scenario s = parseScenario(p.base, options, provenance);
    if (!watching || watch.read) {
      watch = {};
      return s;
    }
  } catch (const ScenarioError& e) {
    const bool read = watch.read;
    watch = {};
    if (watching && !read && e.field() == p.target.field) badPath(p.path, {p.target.field, " is not a number field: ", e.what()});
    throw ScenarioError(e.kind(), e.field(),
                        cat({"sweep.values[", std::to_string(i), "] (", formatNumber(p.values()[i].get<double>()), "): ", e.what()}));
  }
  watch = {};
  badPath(p.path, {p.target.field, " is not a number field this scenario reads"});
}

std::size_t countedNeurons(const Scenario& s) {
  return s.isNetwork() ? s.batch * s.linears.back().out() : s.num_neurons;
}

void checkSweepLimits(const Plan& p, const Scenario& s) {
  const double n = static_cast<double>(p.values().size());
  const double per_run = static_cast<double>(s.num_steps) * updatesPerStep(s);
  const double counted = static_cast<double>(countedNeurons(s));
  const bool work = n * per_run > limits::kMaxWork;
  if (work || 2 * n * counted > static_cast<double>(limits::kMaxTraceValues))
    fail(Kind::Limit, "sweep.values",
         cat({"sweep too large: ", formatNumber(n), " values x ", formatNumber(work ? per_run : counted),
              work ? " neuron and synapse updates per run = " : " counted neurons = ", formatNumber(n * (work ? per_run : counted)),
              ", over the limit of ", formatNumber(work ? limits::kMaxWork : static_cast<double>(limits::kMaxTraceValues / 2)),
              "; use fewer values, steps or neurons"}));
}

// What a sweep of these values over this (first) scenario gives, but its counts; its limits checked.
void describe(const Plan& p, const Scenario& s, SweepResult& out) {
  checkSweepLimits(p, s);
  out.path = p.path;
  for (const json& v : p.values()) out.values.push_back(v.get<double>());
  out.num_steps = s.num_steps;
  out.array = s.isNetwork() ? "spk" + std::to_string(s.linears.size()) : "spk";
  out.shape = s.isNetwork() ? std::vector<std::size_t>{out.values.size(), s.batch, s.linears.back().out()}
                            : std::vector<std::size_t>{out.values.size(), s.num_neurons};
}

// Runs a parsed scenario recording nothing, and adds up for each counted neuron the steps with a non-zero
// spike and the first of them. A network counts its last layer; `currents` are its first layer's for every
// step (from an earlier value: that layer is not computed), or `keep` receives them.
void countSpikes(Scenario s, std::int32_t* count, std::int32_t* first, const float* currents, std::vector<float>* keep) {
  const std::size_t T = s.num_steps;
  const auto tally = [&](const float* spk, std::size_t n, std::size_t t) {
    for (std::size_t i = 0; i < n; ++i)
      if (spk[i] != 0.0f && count[i]++ == 0) first[i] = static_cast<std::int32_t>(t);
  };
  if (!s.isNetwork()) {
    auto layer = makeNeuronLayer(s.neuron, s.num_neurons, 1);
    for (const auto& [name, values] : s.init) layer->setInitialState(static_cast<std::size_t>(layer->stateIndex(name)), values);
    std::vector<float> spk(s.num_neurons, 0.0f);
    StepProgress progress(T, static_cast<double>(layer->size()));
    for (std::size_t t = 0; t < T; ++t) {
      progress.at(t);
      layer->step(s.inputRow(t), spk.data());
      tally(spk.data(), spk.size(), t);
    }
    return;
  }
  const std::size_t n = countedNeurons(s);
  Network net(std::move(s.linears), s.populations, s.batch);
  const std::size_t row = s.batch * net.linear(0).out();
  if (keep) keep->resize(T * row);
  const float* spk = net.spikes(net.depth() - 1);
  StepProgress progress(T, networkWorkPerStep(net));
  for (std::size_t t = 0; t < T; ++t) {
    progress.at(t);
    if (currents)
      net.stepFromFirstCurrent(currents + t * row);
    else
      net.step(s.inputRow(t));
    if (keep) std::memcpy(keep->data() + t * row, net.current(0), row * sizeof(float));
    tally(spk, n, t);
  }
}

}  // namespace

bool hasSweep(const json& scenario) { return scenario.is_object() && scenario.contains("sweep"); }

SweepResult runSweep(json scenario, ScenarioCache* cache) {
  Plan p = readPlan(std::move(scenario));
  ScenarioCache own;
  ParseOptions options;
  options.cache = cache ? cache : &own;
  options.sweep_run = true;
  // A network's first layer sees the same input with the same weights for every value unless the path
  // is in the input or in that layer (layers.0): its currents are computed once.
  const bool same_first_currents = p.target.steps[0] == "layers" && p.target.steps[1] != "0";
  std::vector<float> currents;
  SweepResult out;
  const double n_values = static_cast<double>(p.values().size());
  for (std::size_t i = 0; i < p.values().size(); ++i) {
    ProgressPart part(static_cast<double>(i) / n_values, static_cast<double>(i + 1) / n_values);
    Scenario s = parseValue(p, i, options, nullptr);
    if (i == 0) {
      describe(p, s, out);
      out.spike_count.assign(p.values().size() * out.rowSize(), 0);
      out.first_spike.assign(out.spike_count.size(), -1);
    }
    const bool reuse = same_first_currents && !currents.empty();
    const bool keep = same_first_currents && currents.empty() && i + 1 < p.values().size() &&
                      static_cast<double>(s.num_steps) * static_cast<double>(s.batch * s.linears.front().out()) <=
                          static_cast<double>(kKeptCurrents);
    const std::size_t at = i * out.rowSize();
    countSpikes(std::move(s), out.spike_count.data() + at, out.first_spike.data() + at, reuse ? currents.data() : nullptr,
                keep ? &currents : nullptr);
    reportProgress(1.0);
  }
  return out;
}

SweepResult checkSweep(json scenario, ScenarioCache* cache, json* resolved) {
  Plan p = readPlan(std::move(scenario));
  ScenarioCache own;
  ParseOptions options;
  options.cache = cache ? cache : &own;
  options.sweep_run = true;
  options.check_only = true;
  SweepResult out;
  for (std::size_t i = 0; i < p.values().size(); ++i) {
    ParseOptions o = options;
    o.resolved = i == 0 ? resolved : nullptr;
    const Scenario s = parseValue(p, i, o, nullptr);
    if (i == 0) describe(p, s, out);
  }
  if (resolved) (*resolved)["sweep"] = std::move(p.sweep);
  return out;
}

}  // namespace detail

bool isSweepScenario(std::string_view json_text) {
  try {
    return detail::hasSweep(detail::parseJson(json_text.data(), json_text.data() + json_text.size(), ""));
  } catch (const ScenarioError&) {
    return false;
  }
}

namespace {

detail::json sweepJson(std::string_view json_text) {
  detail::json j = detail::parseJson(json_text.data(), json_text.data() + json_text.size(), "");
  if (!detail::hasSweep(j))
    detail::fail(ScenarioError::Kind::Invalid, "sweep", "this scenario has no sweep: it runs once and gives a trace (runScenario)");
  return j;
}

}  // namespace

SweepResult runSweep(std::string_view json_text) { return detail::runSweep(sweepJson(json_text), nullptr); }

SweepResult checkSweep(std::string_view json_text) { return detail::checkSweep(sweepJson(json_text), nullptr, nullptr); }

namespace {

void writeNested(detail::JsonWriter& w, const std::vector<std::int32_t>& data, const std::vector<std::size_t>& shape,
                 std::size_t dim, std::size_t& at) {
  w.beginArray();
  for (std::size_t i = 0; i < shape[dim]; ++i) {
    if (dim + 1 == shape.size())
      w.number(data[at++]);
    else
      writeNested(w, data, shape, dim + 1, at);
  }
  w.endArray();
}

}  // namespace

std::string sweepToJson(const SweepResult& r) {
  detail::JsonWriter w;
  w.beginObject().key("path").string(r.path).key("array").string(r.array).key("num_steps").number(static_cast<double>(r.num_steps));
  w.key("values").beginArray();
  for (double v : r.values) w.number(v);
  w.endArray();
  std::size_t at = 0;
  w.key("spike_count");
  writeNested(w, r.spike_count, r.shape, 0, at);
  at = 0;
  w.key("first_spike");
  writeNested(w, r.first_spike, r.shape, 0, at);
  w.endObject();
  return w.take() + "\n";
}

std::string sweepToCsv(const SweepResult& r) {
  const std::size_t row = r.rowSize();
  const bool batched = r.shape.size() == 3 && r.shape[1] > 1;
  const auto name = [&](const char* what, std::size_t i) {
    return std::string(what) + (batched ? "_b" + std::to_string(i / r.shape[2]) + "_" + std::to_string(i % r.shape[2]) : "_" + std::to_string(i));
  };
  std::string out = "value";
  for (const char* what : {"count", "first"})
    for (std::size_t i = 0; i < row; ++i) out += "," + name(what, i);
  out += "\n";
  for (std::size_t v = 0; v < r.values.size(); ++v) {
    out += detail::jsonNumber(r.values[v]);
    for (const auto* data : {&r.spike_count, &r.first_spike})
      for (std::size_t i = 0; i < row; ++i) out += "," + std::to_string((*data)[v * row + i]);
    out += "\n";
  }
  return out;
}

}  // namespace snn
