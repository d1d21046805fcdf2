// Sweeps (core/include/snn/sweep.hpp): each value's counts equal an independent run of the scenario with
// that value written in by hand; what the values do not change is made once; every refusal names the
// path or the value; resolve writes the sweep.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "snn/error.hpp"
#include "snn/limits.hpp"
#include "snn/scenario.hpp"
#include "snn/session.hpp"
#include "snn/sweep.hpp"

using Json = nlohmann::json;
using Kind = snn::ScenarioError::Kind;
using Catch::Matchers::Contains;

namespace {

// The scenario with `value` at a dotted path (indices for lists), written here independently of the core.
Json withValue(Json scenario, const std::string& path, const Json& value) {
  Json* at = &scenario;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = path.find('.', start);
    const std::string step = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    at = at->is_array() ? &(*at)[std::stoul(step)] : &(*at)[step];
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  *at = value;
  return scenario;
}

// Counts and first spikes of an independent run: the scenario without its sweep, `value` at `path`, its
// spikes (a network's last layer) counted from the recorded trace.
void independent(const Json& sweep_scenario, const Json& value, std::vector<std::int32_t>& count, std::vector<std::int32_t>& first) {
  Json s = sweep_scenario;
  const std::string path = s["sweep"]["path"];
  s.erase("sweep");
  const snn::Trace t = snn::runScenarioJson(withValue(s, path, value).dump());
  const snn::TraceArray* spk = nullptr;
  for (const auto& a : t.arrays)
    if (a.is_spike) spk = &a;  // the last spike array: a network's output layer
  REQUIRE(spk != nullptr);
  const std::size_t row = spk->rowSize();
  count.assign(row, 0);
  first.assign(row, -1);
  for (std::size_t step = 0; step < t.num_steps; ++step)
    for (std::size_t i = 0; i < row; ++i)
      if (spk->data[step * row + i] != 0.0f && count[i]++ == 0) first[i] = static_cast<std::int32_t>(step);
}

void checkAgainstIndependentRuns(const Json& scenario) {
  INFO(scenario.dump().substr(0, 300));
  const snn::SweepResult r = snn::runSweep(scenario.dump());
  const Json& values = scenario["sweep"]["values"];
  REQUIRE(r.values.size() == values.size());
  REQUIRE(r.shape[0] == values.size());
  bool any_spike = false;
  for (std::size_t v = 0; v < values.size(); ++v) {
    INFO("value " << v << ": " << values[v]);
    std::vector<std::int32_t> count, first;
    independent(scenario, values[v], count, first);
    REQUIRE(count.size() == r.rowSize());
    const std::vector<std::int32_t> got_count(r.spike_count.begin() + v * r.rowSize(), r.spike_count.begin() + (v + 1) * r.rowSize());
    const std::vector<std::int32_t> got_first(r.first_spike.begin() + v * r.rowSize(), r.first_spike.begin() + (v + 1) * r.rowSize());
    CHECK(got_count == count);
    CHECK(got_first == first);
    for (std::int32_t c : count) any_spike = any_spike || c > 0;
  }
  CHECK(any_spike);  // a sweep that never spikes would agree with anything
}

Json leaky(const Json& input, const Json& sweep) {
  return Json{{"model", "Leaky"}, {"constructor", {{"beta", 0.9}}}, {"num_steps", 200}, {"input", input}, {"sweep", sweep}};
}

Json network(const Json& sweep, int batch = 1) {
  return Json{{"layers", Json::parse(R"([{"type": "Linear", "in": 6, "out": 8}, {"type": "Leaky", "beta": 0.9},
                                         {"type": "Linear", "in": 8, "out": 3}, {"type": "Synaptic", "alpha": 0.8, "beta": 0.85}])")},
              {"num_steps", 120}, {"batch_size", batch}, {"seed", 4},
              {"input", {{"rate", {{"values", {{"uniform", {0.2, 0.9}}}}}}}}, {"sweep", sweep}};
}

void rejects(const Json& scenario, Kind kind, const std::string& field, std::initializer_list<const char*> parts) {
  INFO(scenario.dump().substr(0, 300));
  try {
    (void)snn::runSweep(scenario.dump());
  } catch (const snn::ScenarioError& e) {
    INFO("what(): " << e.what());
    CHECK(std::string(snn::kindName(e.kind())) == snn::kindName(kind));
    CHECK(e.field() == field);
    for (const char* p : parts) CHECK_THAT(std::string(e.what()), Contains(p));
    // validate (checkSweep) and resolve refuse it the same way.
    CHECK_THROWS_WITH(snn::checkSweep(scenario.dump()), e.what());
    CHECK_THROWS_WITH(snn::resolveScenario(scenario.dump()), e.what());
    return;
  }
  FAIL_CHECK("accepted");
}

Json values(double from, double step, int n) {
  Json v = Json::array();
  for (int i = 0; i < n; ++i) v.push_back(from + step * i);
  return v;
}

}  // namespace

TEST_CASE("sweep: each value's counts and first spikes are an independent run's", "[sweep]") {
  // A constant current (an F-I curve), a neuron parameter, one neuron of a list, an initial state, a
  // nested generator's field, a whole number (a step's start), a Lapicque R.
  checkAgainstIndependentRuns(leaky({{"constant", {{"value", 0}}}}, {{"path", "input.constant.value"}, {"values", values(0, 0.05, 31)}}));
  checkAgainstIndependentRuns(leaky({{"step", {{"amplitude", 0.3}, {"start", 20}}}}, {{"path", "constructor.beta"}, {"values", values(0.5, 0.05, 10)}}));
  Json three = leaky({{"constant", {{"value", {0.15, 0.3, 0.6}}}}}, {{"path", "constructor.threshold.1"}, {"values", values(0.2, 0.2, 8)}});
  three["constructor"]["threshold"] = {1, 1, 1};
  checkAgainstIndependentRuns(three);
  checkAgainstIndependentRuns(leaky({{"constant", {{"value", 0.11}}}}, {{"path", "init.mem"}, {"values", values(-1, 0.25, 12)}}));
  checkAgainstIndependentRuns(leaky({{"sum", Json::array({{{"constant", {{"value", 0.1}}}}, {{"sine", {{"amplitude", 0.2}, {"period", 20}}}}})}},
                                    {{"path", "input.sum.1.sine.period"}, {"values", values(4, 7.5, 9)}}));
  checkAgainstIndependentRuns(leaky({{"step", {{"amplitude", 0.5}, {"start", 0}}}}, {{"path", "input.step.start"}, {"values", {0, 10, 50, 199}}}));
  checkAgainstIndependentRuns(Json{{"model", "Lapicque"}, {"constructor", {{"R", 5.1}, {"C", 5e-3}, {"time_step", 1e-3}}}, {"num_steps", 300},
                                   {"input", {{"step", {{"amplitude", 0.25}, {"start", 10}}}}}, {"sweep", {{"path", "constructor.R"}, {"values", values(2, 0.5, 12)}}}});
  // Random inputs keep their draws across the values (the seed and streams do not depend on them).
  checkAgainstIndependentRuns(leaky({{"noise", {{"low", 0}, {"high", 0.3}}}}, {{"path", "constructor.threshold"}, {"values", values(0.3, 0.1, 10)}}));
  checkAgainstIndependentRuns(leaky({{"noise", {{"low", 0}, {"high", 0.3}}}}, {{"path", "input.noise.seed"}, {"values", {1, 2, 3, 4, 5}}}));
}

TEST_CASE("sweep: networks count their last layer, every batch row; the first layer's currents are shared", "[sweep]") {
  // layers.3: the output layer's keyword (the first layer's currents are computed once and reused), layers.1:
  // the first neuron layer, layers.0.weight / bias: the first Linear itself (recomputed every value), the input.
  checkAgainstIndependentRuns(network({{"path", "layers.3.beta"}, {"values", values(0.1, 0.1, 9)}}));
  checkAgainstIndependentRuns(network({{"path", "layers.1.threshold"}, {"values", values(0.2, 0.15, 8)}}, 3));
  Json weighted = network({{"path", "layers.0.bias.2"}, {"values", values(-1, 0.5, 6)}});
  weighted["layers"][0]["bias"] = {0.1, 0.2, 0.3, 0.1, 0.2, 0.3, 0.1, 0.2};
  checkAgainstIndependentRuns(weighted);
  checkAgainstIndependentRuns(network({{"path", "layers.0.seed"}, {"values", {1, 2, 3}}}));
  checkAgainstIndependentRuns(network({{"path", "input.rate.values.uniform.1"}, {"values", values(0.3, 0.2, 4)}}, 2));
  const snn::SweepResult r = snn::runSweep(network({{"path", "layers.3.beta"}, {"values", {0.5, 0.9}}}, 2).dump());
  CHECK(r.array == "spk2");
  CHECK(r.shape == std::vector<std::size_t>{2, 2, 3});
}

TEST_CASE("sweep: what the values do not change is generated once", "[sweep]") {
  snn::Session session;
  const Json beta = leaky({{"noise", {{"high", 0.3}}}}, {{"path", "constructor.beta"}, {"values", values(0.5, 0.05, 10)}});
  const snn::Session::Outcome a = session.runAny(beta.dump());
  REQUIRE(a.sweep != nullptr);
  CHECK(session.cache().size() == 1);  // one input for ten values (put by the second)
  const Json high = leaky({{"noise", {{"high", 0.3}}}}, {{"path", "input.noise.high"}, {"values", values(0.5, 0.05, 10)}});
  const snn::Session::Outcome b = session.runAny(high.dump());
  // The first sweep's input, and one for each value but the first (whose parse checks the path, so it
  // reads the scenario itself rather than the cache).
  CHECK(session.cache().size() == 10);
  // The session's results are runSweep's.
  for (const auto& [scenario, outcome] : {std::pair{beta, &a}, std::pair{high, &b}}) {
    const snn::SweepResult alone = snn::runSweep(scenario.dump());
    CHECK(outcome->sweep->spike_count == alone.spike_count);
    CHECK(outcome->sweep->first_spike == alone.first_spike);
  }
  // A scenario without a sweep still gives its trace through runAny.
  Json plain = beta;
  plain.erase("sweep");
  const snn::Session::Outcome c = session.runAny(plain.dump());
  CHECK(c.sweep == nullptr);
  CHECK(snn::traceHash(c.run.trace) == snn::traceHash(snn::runScenarioJson(plain.dump())));
}

TEST_CASE("sweep: the JSON and CSV results", "[sweep]") {
  Json two = leaky({{"constant", {{"value", {0.05, 0.5}}}}}, {{"path", "constructor.beta"}, {"values", {0.5, -0.0, 0.95}}});
  two["num_neurons"] = 2;
  const snn::SweepResult r = snn::runSweep(two.dump());
  const Json j = Json::parse(snn::sweepToJson(r));
  CHECK(j["path"] == "constructor.beta");
  CHECK(j["array"] == "spk");
  CHECK(j["num_steps"] == 200);
  CHECK(j["values"] == Json::parse("[0.5, -0.0, 0.95]"));
  CHECK(std::signbit(j["values"][1].get<double>()));
  REQUIRE(j["spike_count"].size() == 3);
  CHECK(j["spike_count"][2].size() == 2);
  CHECK(j["spike_count"][0][0] == 0);
  CHECK(j["first_spike"][0][0] == -1);
  CHECK(j["spike_count"][2][1].get<int>() > 0);
  CHECK(snn::sweepToCsv(r).substr(0, 42) == "value,count_0,count_1,first_0,first_1\n0.5,");
  const snn::SweepResult n = snn::runSweep(network({{"path", "layers.3.beta"}, {"values", {0.5}}}, 2).dump());
  CHECK_THAT(snn::sweepToCsv(n), Contains("value,count_b0_0,count_b0_1,count_b0_2,count_b1_0,"));
}

TEST_CASE("sweep: resolve writes the sweep and the scenario as its first value runs it", "[sweep]") {
  const Json s = leaky({{"ramp", {{"to", 1.2}}}}, {{"path", "input.ramp.to"}, {"values", values(0.4, 0.2, 6)}});
  const std::string resolved = snn::resolveScenario(s.dump());
  const Json r = Json::parse(resolved);
  CHECK(r["sweep"] == s["sweep"]);
  CHECK(r["input"]["ramp"]["to"] == 0.4);
  CHECK(r["input"]["ramp"]["stop"] == 199);
  CHECK(r["constructor"]["threshold"] == 1);
  CHECK_FALSE(r.contains("record"));
  CHECK(snn::resolveScenario(resolved) == resolved);
  CHECK(snn::runSweep(resolved).spike_count == snn::runSweep(s.dump()).spike_count);
}

TEST_CASE("sweep: paths that name no number field are refused, saying why", "[sweep]") {
  const Json input = {{"step", {{"amplitude", 0.3}}}};
  const auto path = [&](const char* p) { return leaky(input, {{"path", p}, {"values", {1}}}); };
  // What a number field is, the parser says (through the catalogue): a path whose value it does not read as
  // a number, or refuses at that very field, names none.
  rejects(path("constructor.gamma"), Kind::Invalid, "sweep.path",
          {"sweep.path 'constructor.gamma': constructor.gamma is not a number field: unknown field 'gamma' in constructor (accepted: beta, threshold,"});
  rejects(path("constructor.reset_mechanism"), Kind::Invalid, "sweep.path",
          {"constructor.reset_mechanism is not a number field: constructor.reset_mechanism must be a string, got 1"});
  rejects(path("constructor.reset_delay"), Kind::Invalid, "sweep.path", {"constructor.reset_delay is not a number field: ", "must be true or false"});
  rejects(path("constructor.learn_beta"), Kind::Invalid, "sweep.path", {"constructor.learn_beta is not a number field: ", "must be true or false"});
  rejects(path("constructor"), Kind::Invalid, "sweep.path", {"constructor is not a number field: constructor must be a JSON object, got 1"});
  rejects(path("input.step.height"), Kind::Invalid, "sweep.path",
          {"input.step.height is not a number field: unknown field 'height' in input.step (accepted: amplitude, start, stop)"});
  rejects(path("input.step"), Kind::Invalid, "sweep.path", {"input.step is not a number field: input.step must be a JSON object, got 1"});
  rejects(path("input"), Kind::Invalid, "sweep.path", {"input is not a number field: input must be an array of rows or a generator object"});
  rejects(path("init.syn"), Kind::Invalid, "sweep.path", {"init.syn is not a number field: init has no state 'syn' for Leaky (its states: mem)"});
  rejects(path("spike_timing"), Kind::Invalid, "sweep.path", {"spike_timing is not a number field: spike_timing must be a string"});
  rejects(path("volume"), Kind::Invalid, "sweep.path", {"volume is not a number field: unknown field 'volume' in the scenario"});
  rejects(path("note"), Kind::Invalid, "sweep.path", {"sweep.path 'note': note is not a number field this scenario reads"});  // described, never read
  CHECK_THROWS_WITH(snn::runSweep(path("note").dump()), "sweep.path 'note': note is not a number field this scenario reads");
  // What the parse cannot tell: a step before the last that the scenario does not have, a list's index,
  // the sizes and the scenario's seed, an empty step.
  rejects(path("constructor.beta.0"), Kind::Invalid, "sweep.path", {"sweep.path 'constructor.beta.0': the scenario has no constructor.beta.0"});
  rejects(path("input.constant.value"), Kind::Invalid, "sweep.path", {"the scenario has no input.constant"});
  rejects(path("layers.1.beta"), Kind::Invalid, "sweep.path", {"the scenario has no layers"});
  rejects(path("num_steps"), Kind::Invalid, "sweep.path", {"num_steps stays fixed in a sweep: sizes do"});
  rejects(path("seed"), Kind::Invalid, "sweep.path", {"seed stays fixed in a sweep", "the scenario's seed is written into every generator", "input.noise.seed"});
  rejects(path("constructor..beta"), Kind::Invalid, "sweep.path", {"it has an empty step"});
  rejects(leaky({{"sum", Json::array({{{"constant", {{"value", 0.1}}}}})}}, {{"path", "input.sum.1.constant.value"}, {"values", {1}}}),
          Kind::Invalid, "sweep.path", {"input.sum is a list of 1: the next step is an index 0..0, not '1'"});
  rejects(leaky({{"sum", Json::array({{{"constant", {{"value", 0.1}}}}})}}, {{"path", "input.sum.first.constant.value"}, {"values", {1}}}),
          Kind::Invalid, "sweep.path", {"input.sum is a list of 1: the next step is an index 0..0, not 'first'"});
  // The pair of a {"uniform"} value is not one number: the value's own scenario says so.
  rejects(leaky({{"constant", {{"value", {{"uniform", {0, 1}}}}}}}, {{"path", "input.constant.value.uniform"}, {"values", {1}}}),
          Kind::Invalid, "sweep.path", {"input.constant.value.uniform is not a number field: input.constant.value.uniform must be [low, high], got 1"});
  rejects(network({{"path", "layers.2.out"}, {"values", {4}}}), Kind::Invalid, "sweep.path", {"layers.2.out stays fixed in a sweep: sizes do"});
  rejects(network({{"path", "layers.0.weight.1.1"}, {"values", {1}}}), Kind::Invalid, "sweep.path", {"the scenario has no layers[0].weight"});
  rejects(network({{"path", "layers.7.beta"}, {"values", {1}}}), Kind::Invalid, "sweep.path", {"layers is a list of 4: the next step is an index 0..3, not '7'"});
  rejects(network({{"path", "layers.1.alpha"}, {"values", {1}}}), Kind::Invalid, "sweep.path",
          {"layers[1].alpha is not a number field: unknown field 'alpha' in layers[1] (accepted: "});
  rejects(network({{"path", "layers.0.bias"}, {"values", {1}}}), Kind::Invalid, "sweep.path", {"layers[0].bias is not a number field: "});
  // Explicit rows are numbers the parser reads: one element of them can be swept.
  checkAgainstIndependentRuns(Json{{"model", "Leaky"}, {"constructor", {{"beta", 0.5}}}, {"input", Json::parse("[[0.6], [0.6], [0.1], [0.6], [0.6]]")},
                                   {"sweep", {{"path", "input.2.0"}, {"values", {0, 0.5, 1, 2}}}}});
}

TEST_CASE("sweep: values, limits and each value's own errors", "[sweep]") {
  const Json input = {{"constant", {{"value", 0.3}}}};
  rejects(leaky(input, {{"path", "constructor.beta"}, {"values", Json::array()}}), Kind::Range, "sweep.values", {"sweep.values has 0 values: give 1..10000"});
  rejects(leaky(input, {{"path", "constructor.beta"}, {"values", 0.5}}), Kind::Type, "sweep.values", {"sweep.values must be a list of numbers, got 0.5"});
  rejects(leaky(input, {{"path", "constructor.beta"}, {"values", {0.5, "NaN"}}}), Kind::Range, "sweep.values[1]", {"sweep.values[1] must be a finite number, got NaN"});
  rejects(leaky(input, {{"path", "constructor.beta"}, {"values", {0.5, true}}}), Kind::Type, "sweep.values[1]", {"must be a number"});
  rejects(leaky(input, {{"path", "constructor.beta"}}), Kind::Invalid, "sweep.values", {"sweep.values is required"});
  rejects(leaky(input, {{"values", {1}}}), Kind::Invalid, "sweep.path", {"sweep.path is required"});
  rejects(leaky(input, {{"path", "constructor.beta"}, {"values", {1}}, {"step", 1}}), Kind::Invalid, "sweep.step", {"unknown field 'step' in sweep", "accepted: path, values"});
  rejects(leaky(input, {{"path", "constructor.beta"}, {"values", values(0, 1e-4, snn::limits::kMaxSweepValues + 1)}}), Kind::Limit, "sweep.values",
          {"sweep.values has 10001 values: give 1..10000"});
  // The work: values x steps x neurons (and synapses) within the limit of one run.
  Json big = leaky(input, {{"path", "constructor.beta"}, {"values", values(0, 1e-4, 5000)}});
  big["num_steps"] = 1000;
  big["num_neurons"] = 1000;
  rejects(big, Kind::Limit, "sweep.values", {"sweep too large: 5000 values x 1000000 neuron and synapse updates per run = 5000000000, over the limit of 4000000000"});
  big["num_steps"] = 1;
  big["num_neurons"] = 4000;
  rejects(big, Kind::Limit, "sweep.values", {"sweep too large: 5000 values x 4000 counted neurons = 20000000, over the limit of 16777216"});
  // Each value's scenario by the normal rules; the error says which value and keeps its own field.
  rejects(Json{{"model", "Alpha"}, {"constructor", {{"alpha", 0.8}, {"beta", 0.5}}}, {"num_steps", 10}, {"input", input},
               {"sweep", {{"path", "constructor.beta"}, {"values", {0.3, 0.6, 0.9}}}}},
          Kind::Range, "constructor.alpha", {"sweep.values[2] (0.9): Alpha: alpha (0.8) must be greater than beta (0.9)"});
  rejects(leaky({{"step", {{"amplitude", 0.3}}}}, {{"path", "input.step.start"}, {"values", {2, 2.5}}}), Kind::Range, "input.step.start",
          {"sweep.values[1] (2.5): input.step.start must be 0..1000000, got 2.5"});
  // A base scenario broken elsewhere fails at the first value.
  Json broken = leaky(input, {{"path", "constructor.beta"}, {"values", {0.5}}});
  broken["num_steps"] = 0;
  rejects(broken, Kind::Range, "num_steps", {"sweep.values[0] (0.5): num_steps must be 1..1000000, got 0"});
  // A sweep records nothing; record is refused. A scenario with a sweep has no trace.
  Json recorded = leaky(input, {{"path", "constructor.beta"}, {"values", {0.5}}});
  recorded["record"] = {"mem"};
  rejects(recorded, Kind::Invalid, "record", {"record does not apply to a sweep"});
  CHECK_THROWS_WITH(snn::parseScenario(leaky(input, {{"path", "constructor.beta"}, {"values", {0.5}}}).dump()),
                    Contains("this scenario is a sweep"));
  Json plain = leaky(input, {});
  plain.erase("sweep");
  CHECK_THROWS_WITH(snn::runSweep(plain.dump()), Contains("this scenario has no sweep"));
  CHECK(snn::isSweepScenario(leaky(input, {{"path", "constructor.beta"}}).dump()));
  CHECK_FALSE(snn::isSweepScenario(plain.dump()));
  CHECK_FALSE(snn::isSweepScenario("{not json"));
}
