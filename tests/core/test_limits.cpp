// Limits that count everything a call does: the work of an input's generators, the memory a run holds
// (the session's cache included), and values that leave float32's range during a run.
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <new>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "snn/error.hpp"
#include "snn/limits.hpp"
#include "snn/network.hpp"
#include "snn/scenario.hpp"
#include "snn/session.hpp"
#include "support.hpp"

namespace {

using Json = nlohmann::json;
using Kind = snn::ScenarioError::Kind;

// The error a scenario is refused with; fails the test when it runs.
snn::ScenarioError refusal(const Json& scenario) {
  try {
    (void)snn::runScenarioJson(scenario.dump());
  } catch (const snn::ScenarioError& e) {
    return e;
  }
  FAIL("accepted: " << scenario.dump().substr(0, 200));
  throw;  // not reached
}

Json pulses(int count, int width, int steps) {
  Json list = Json::array();
  for (int k = 0; k < count; ++k) list.push_back({{"start", k % steps}, {"width", width}, {"amplitude", 0.01}});
  return {{"model", "Leaky"}, {"constructor", {{"beta", 0.5}}}, {"num_steps", steps}, {"record", {"spk"}}, {"input", {{"pulses", list}}}};
}

// A fake heap for the memory budget: `g_in_use` bytes in use, plus what a session's cache holds.
std::size_t g_in_use = 0;
const snn::Session* g_session = nullptr;
std::size_t fakeInUse() { return g_in_use + (g_session ? g_session->cache().bytes() : 0); }

struct FakeMeter {
  explicit FakeMeter(std::size_t in_use, const snn::Session* session = nullptr) {
    g_in_use = in_use;
    g_session = session;
    snn::setMemoryMeter({&fakeInUse, "the page's"});
  }
  ~FakeMeter() {
    snn::setMemoryMeter({});
    g_session = nullptr;
  }
};

constexpr std::size_t kMiB = std::size_t{1} << 20;

// Bytes f() held at its peak (0 under AddressSanitizer, where nothing is counted).
template <class F>
std::size_t peakOf(F f) {
  return snn::test::peakBytesDuring(f);
}

}  // namespace

TEST_CASE("limits: generator work counts every pulse's rows", "[limits]") {
  // 2,000 pulses 10^6 rows wide over 10^6 steps: 2e9 writes (the hostile run's 5.7 s tab freeze).
  const snn::ScenarioError e = refusal(pulses(2000, 1000000, 1000000));
  CHECK(e.kind() == Kind::Limit);
  CHECK_THAT(e.field(), Catch::StartsWith("input.pulses["));
  CHECK_THAT(e.what(), Catch::Contains("value operations in all") && Catch::Contains("over the budget of 268435456") &&
                           Catch::Contains("fewer or narrower pulses"));
  // The work is what the pulses write, not their nominal width: wide pulses near the end write little.
  CHECK_NOTHROW(snn::runScenarioJson(pulses(2000, 1000000, 2000).dump()));
  // Many narrow pulses are fine.
  CHECK_NOTHROW(snn::runScenarioJson(pulses(20000, 5, 100000).dump()));
}

TEST_CASE("limits: generator work counts sums, encoders and fills", "[limits]") {
  // A sum of 1,000 constants over a 1000 x 1000 input: each part adds 10^6 values (10^9 in all).
  Json parts = Json::array();
  for (int k = 0; k < 1000; ++k) parts.push_back({{"constant", {{"value", 0.001}}}});
  Json s = {{"model", "Leaky"}, {"constructor", {{"beta", 0.5}}}, {"num_steps", 1000}, {"num_neurons", 1000},
            {"record", {"spk[0:1]"}}, {"input", {{"sum", parts}}}};
  const snn::ScenarioError e = refusal(s);
  CHECK(e.kind() == Kind::Limit);
  CHECK_THAT(e.field(), Catch::StartsWith("input.sum["));
  CHECK_THAT(e.what(), Catch::Contains("value operations in all"));
  s["input"]["sum"] = Json::array({parts[0], parts[1], parts[2]});
  CHECK_NOTHROW(snn::runScenarioJson(s.dump()));
  // The encoders as the JS API calls them (spikegen) count the same way.
  CHECK_THROWS_AS(snn::generateInput(Json({{"sum", parts}}).dump(), 1000, 1000), snn::ScenarioError);
  // Encoders' outputs count as the buffers they are: 16 rate encoders of 2000 x 2000 summed.
  Json rates = Json::array();
  for (int k = 0; k < 16; ++k) rates.push_back({{"rate", {{"p", 0.1}}}});
  s["num_steps"] = 2000;
  s["num_neurons"] = 2000;
  s["input"]["sum"] = rates;
  CHECK(refusal(s).kind() == Kind::Limit);
}

TEST_CASE("limits: a network's first-layer currents are kept only when they fit in the cache", "[limits]") {
  // Linear(1 -> 4000) over 20,000 steps: 8e7 currents, 320 MB, ten times the cache (the hostile run took
  // the WebAssembly memory to 1.5 GB this way).
  const Json s = {{"layers", {{{"type", "Linear"}, {"in", 1}, {"out", 4000}}, {{"type", "Leaky"}, {"beta", 0.9}}}},
                  {"num_steps", 20000}, {"seed", 1}, {"record", {"spk1[0:1]"}},
                  {"input", {{"rate", {{"p", 0.5}}}}}};
  snn::Session session;
  const std::size_t peak = peakOf([&] { (void)session.run(s.dump()); });
  CHECK(peak < 64 * kMiB);
  CHECK(session.cache().bytes() <= session.cache().budget());
  // Small enough, they are kept, and the next run takes them: same trace.
  Json small = s;
  small["num_steps"] = 200;
  const std::uint64_t first = snn::traceHash(session.run(small.dump()).trace);
  const std::size_t kept = session.cache().bytes();
  CHECK(kept >= 200 * 4000 * sizeof(float));
  small["layers"][1]["beta"] = 0.5;
  (void)session.run(small.dump());
  small["layers"][1]["beta"] = 0.9;
  CHECK(snn::traceHash(session.run(small.dump()).trace) == first);
}

TEST_CASE("limits: the memory budget counts what is in use and what a call needs", "[limits]") {
  const Json s = {{"model", "Leaky"}, {"constructor", {{"beta", 0.5}}}, {"num_steps", 100000}, {"num_neurons", 10},
                  {"input", {{"noise", {{"high", 0.3}}}}}};
  CHECK_NOTHROW(snn::runScenarioJson(s.dump()));
  {
    FakeMeter meter(510 * kMiB);
    const snn::ScenarioError e = refusal(s);
    CHECK(e.kind() == Kind::Limit);
    CHECK_THAT(e.what(), Catch::StartsWith("this scenario needs ") && Catch::Contains(" MiB of memory, and 510 MiB of the page's budget of 512 MiB are in use"));
  }
  // JSON whose parsed document alone would not fit is refused before it is built: 40 million numbers. A
  // need over the whole budget says so, whatever is in use.
  {
    FakeMeter meter(0);
    std::string text = "{\"model\": \"Leaky\", \"constructor\": {\"beta\": 0.5}, \"input\": [";
    text.reserve(text.size() + 80000010);
    for (int i = 0; i < 40000000; ++i) text += "0,";
    text += "0]}";
    const std::size_t peak = peakOf([&] {
      try {
        (void)snn::parseScenario(text);
        FAIL("accepted");
      } catch (const snn::ScenarioError& e) {
        CHECK(e.kind() == Kind::Limit);
        CHECK_THAT(e.what(), Catch::StartsWith("reading the scenario needs ") && Catch::Contains("over the page's budget of 512 MiB"));
      }
    });
    CHECK(peak < kMiB);
  }
}

TEST_CASE("limits: a session drops its cache before it refuses a scenario for memory", "[limits]") {
  snn::Session session;
  const Json network = {{"layers", {{{"type", "Linear"}, {"in", 784}, {"out", 1000}}, {{"type", "Leaky"}, {"beta", 0.9}}}},
                        {"num_steps", 20}, {"seed", 7}, {"input", {{"rate", {{"p", 0.1}}}}}};
  (void)session.run(network.dump());
  REQUIRE(session.cache().bytes() > 3 * kMiB);
  const std::size_t cached = session.cache().bytes();
  // About 3 MiB: the input twice (its trace keeps a copy) and spk and mem.
  const Json s = {{"model", "Leaky"}, {"constructor", {{"beta", 0.5}}}, {"num_steps", 20000}, {"num_neurons", 10},
                  {"input", {{"noise", {{"high", 0.3}}}}}};
  {
    // 507 MiB and the cache are in use: with the cache the scenario is over the budget, without it not.
    FakeMeter meter(507 * kMiB, &session);
    CHECK_NOTHROW(session.run(s.dump()));
  }
  CHECK(session.cache().bytes() < cached);
  CHECK(session.cache().bytes() <= 20000 * 10 * sizeof(float));  // only the new input
  {
    FakeMeter meter(511 * kMiB, &session);
    CHECK_THROWS_AS(session.run(s.dump()), snn::MemoryLimitError);
  }
}

TEST_CASE("limits: a run whose values leave float32 is refused, naming the cause", "[limits]") {
  const auto lapicque = [](Json kw, int steps) {
    return Json{{"model", "Lapicque"}, {"constructor", kw}, {"num_steps", steps}, {"input", {{"constant", {{"value", 0.5}}}}}};
  };
  SECTION("Lapicque's default time step with the tutorial's R and C: an unstable Euler step") {
    const snn::ScenarioError e = refusal(lapicque({{"R", 5.1}, {"C", 5e-3}}, 200));
    CHECK(e.kind() == Kind::Range);
    CHECK(e.field() == "constructor.time_step");
    CHECK_THAT(e.what(), Catch::StartsWith("mem overflows float32 at step 24 (neuron 0: ") &&
                             Catch::Contains("Lapicque's time_step/(R*C) = 39.22 > 2 makes its forward-Euler update unstable (the membrane grows 38.22-fold a step)"));
    // The hostile run's time step of 2^64.
    CHECK(refusal(lapicque({{"R", 5.1}, {"C", 5e-3}, {"time_step", 18446744073709551616.0}}, 4)).field() == "constructor.time_step");
    // Stable at the tutorial's time step; beta alone with 2^64 is stable too (the decay is beta's).
    CHECK_NOTHROW(snn::runScenarioJson(lapicque({{"R", 5.1}, {"C", 5e-3}, {"time_step", 1e-3}}, 200).dump()));
    CHECK_NOTHROW(snn::runScenarioJson(lapicque({{"beta", 0.8}, {"time_step", 18446744073709551616.0}}, 200).dump()));
  }
  SECTION("Lapicque beta > 1 grows until it overflows; beta = 1 holds") {
    const snn::ScenarioError e = refusal(lapicque({{"beta", 1.1}}, 1000));
    CHECK(e.field() == "constructor.beta");
    CHECK_THAT(e.what(), Catch::Contains("Lapicque's beta 1.1 > 1 makes the membrane grow 1.095-fold a step"));
    CHECK_NOTHROW(snn::runScenarioJson(lapicque({{"beta", 1.1}}, 200).dump()));
    CHECK_NOTHROW(snn::runScenarioJson(lapicque({{"beta", 1.0}}, 100000).dump()));
  }
  SECTION("EulerLIF's unstable step") {
    const Json s = {{"model", "EulerLIF"}, {"constructor", {{"R", 5.1}, {"C", 5e-3}}}, {"num_steps", 200},
                    {"input", {{"step", {{"amplitude", 0.3}, {"start", 10}}}}}};
    const snn::ScenarioError e = refusal(s);
    CHECK(e.field() == "constructor.time_step");
    CHECK_THAT(e.what(), Catch::Contains("EulerLIF's time_step/(R*C) = 39.22 > 2"));
  }
  SECTION("inputs too large for the steps: every model") {
    for (const char* model : {"Leaky", "Synaptic", "Alpha", "Lapicque", "EulerLIF", "SRM0(v0.2.11)"}) {
      INFO(model);
      // Each settles at 10x its input or more (Leaky with beta 1 never settles), so 2e38 cannot last.
      Json kw = std::string(model) == "Leaky" ? Json{{"beta", 1}}
                : std::string(model) == "Lapicque" ? Json{{"R", 10}, {"C", 0.1}, {"time_step", 1}}
                : std::string(model) == "EulerLIF" ? Json{{"R", 10}, {"C", 1}, {"time_step", 0.5}}
                                                   : Json{{"alpha", 0.9}, {"beta", 0.8}};
      const Json s = {{"model", model}, {"constructor", kw}, {"num_steps", 50}, {"input", {{"constant", {{"value", 2e38}}}}}};
      const snn::ScenarioError e = refusal(s);
      CHECK(e.kind() == Kind::Range);
      CHECK(e.field() == "input");
      CHECK_THAT(e.what(), Catch::Contains(" overflows float32 ") && Catch::Contains("too large for float32 over this many steps"));
    }
  }
  SECTION("an unrecorded state that overflowed is found in the final state") {
    const Json s = {{"model", "Synaptic"}, {"constructor", {{"alpha", 1}, {"beta", 1}, {"reset_mechanism", "none"}}}, {"num_steps", 40},
                    {"record", {"spk"}}, {"input", {{"constant", {{"value", 3e37}}}}}};
    const snn::ScenarioError e = refusal(s);
    CHECK_THAT(e.what(), Catch::StartsWith("syn overflows float32 by step 39") || Catch::StartsWith("mem overflows float32 by step 39"));
  }
  SECTION("a network: the layer and its currents") {
    const Json s = {{"layers", {{{"type", "Linear"}, {"in", 2}, {"out", 2}, {"weight", {{3e38, 3e38}, {1, 1}}}, {"bias", false}},
                                {{"type", "Leaky"}, {"beta", 0.5}}}},
                    {"num_steps", 3}, {"input", {{3, 3}, {1, 1}, {0.5, 0.5}}}};
    const snn::ScenarioError e = refusal(s);
    CHECK(e.field() == "input");
    CHECK_THAT(e.what(), Catch::StartsWith("cur1 overflows float32 at step 0 (batch row 0, neuron 0: Infinity): the input, weights or initial states"));
  }
  SECTION("JS-style stepping: checked after each call, and the population goes back to its initial state") {
    auto layer = snn::makeNeuronLayer(snn::parseNeuronDef("Leaky", R"({"beta": 1, "reset_mechanism": "none"})", 2), 2, 1);
    float x[2] = {3e38f, 1.0f}, spk[2];
    layer->step(x, spk);
    CHECK_NOTHROW(snn::checkPopulationFinite(*layer, 0));
    layer->step(x, spk);
    try {
      snn::checkPopulationFinite(*layer, 1);
      FAIL("no error");
    } catch (const snn::ScenarioError& e) {
      CHECK(e.field() == "input");
      CHECK_THAT(e.what(), Catch::StartsWith("mem overflows float32 by step 1 (neuron 0: Infinity)"));
    }
    CHECK(layer->state(0)[0] == 0.0f);
    CHECK(layer->state(0)[1] == 0.0f);
  }
  SECTION("Lapicque's input weight R*(1/(R*C))*time_step must be finite") {
    try {
      (void)snn::parseNeuronDef("Lapicque", R"({"R": 1e20, "C": 1e-20, "time_step": 1e30})", 1);
      FAIL("accepted");
    } catch (const snn::ScenarioError& e) {
      CHECK(e.kind() == Kind::Range);
      CHECK_THAT(e.what(), Catch::Contains("R*(1/(R*C))*time_step (the input's weight) is not finite"));
    }
  }
}

TEST_CASE("limits: validate checks an input without generating it, and refuses what the run refuses", "[limits]") {
  // 20 pulses 10^6 rows wide over 10^6 steps of 4 neurons: 8e7 writes into a 16 MB input, accepted.
  Json big = pulses(20, 1000000, 1000000);
  big["num_neurons"] = 4;
  const std::string heavy = big.dump();
  snn::Session session;
  const std::size_t checking = peakOf([&] { session.validate(heavy); });
  CHECK(session.cache().size() == 0);  // nothing generated, nothing kept
  const std::size_t running = peakOf([&] { (void)snn::runScenarioJson(heavy); });
  // Under AddressSanitizer nothing is counted (both 0).
  if (running > 0) CHECK(checking * 4 < running);

  // Over the work budget: the same refusal from both.
  for (const Json& refused : {pulses(2000, 1000000, 1000000),
                              Json{{"model", "Leaky"}, {"constructor", {{"beta", 0.5}}}, {"num_steps", 1000000}, {"num_neurons", 400},
                                   {"record", {"spk"}}, {"input", {{"noise", {{"low", 0}, {"high", 1}}}}}}}) {
    snn::ScenarioError run = refusal(refused);
    try {
      session.validate(refused.dump());
      FAIL("validate accepted what the run refuses: " << run.what());
    } catch (const snn::ScenarioError& e) {
      CHECK(e.kind() == run.kind());
      CHECK(e.field() == run.field());
      CHECK(std::string(e.what()) == run.what());
    }
  }

  // Only the values show an overflow: validate accepts it, the run refuses it.
  Json overflow = pulses(2, 10, 20);
  overflow["input"]["pulses"][0]["amplitude"] = 3e38;
  overflow["input"]["pulses"][1]["amplitude"] = 3e38;
  overflow["input"]["pulses"][1]["start"] = 0;
  CHECK_NOTHROW(session.validate(overflow.dump()));
  CHECK_THAT(refusal(overflow).what(), Catch::Contains("overflows float32"));
}
