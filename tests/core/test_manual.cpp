// The tutorial notebooks' hand-written neurons (tutorial_manual.json). They take the spike from the
// membrane before the update and mix Python doubles with float32 tensors: compare within ~1e-6.
#include <catch2/catch.hpp>

#include "snn/scenario.hpp"
#include "support.hpp"

using snn::test::firstTolMismatch;
using snn::test::flatFloats;
using snn::test::goldenFile;
using Json = nlohmann::json;

namespace {

snn::Trace runEuler(const Json& params, const std::vector<float>& input, const char* reset, double U0) {
  Json s;
  s["model"] = "EulerLIF";
  s["constructor"] = {{"R", params.at("R")}, {"C", params.at("C")}, {"time_step", params.at("time_step")},
                      {"reset_mechanism", reset}};
  if (params.contains("threshold")) s["constructor"]["threshold"] = params.at("threshold");
  s["init"] = {{"mem", U0}};
  Json rows = Json::array();
  for (float v : input) rows.push_back({v});
  s["input"] = rows;
  return snn::runScenarioJson(s.dump());
}

}  // namespace

TEST_CASE("manual: tutorial 2 passive membrane (Euler, recorded before each update)", "[golden][manual]") {
  const Json& g = goldenFile("tutorial_manual.json").at("t2_leaky_integrate_neuron");
  const std::vector<float> want = flatFloats(g.at("U_trace"));
  const Json& p = g.at("params");
  const std::vector<float> zeros(want.size(), 0.0f);
  const snn::Trace t = runEuler(p, zeros, "none", p.at("U0").get<double>());
  // U_trace[0] is U0; U_trace[k] is what call k-1 returned.
  std::vector<float> got{static_cast<float>(p.at("U0").get<double>())};
  const auto& mem = t.find("mem")->data;
  got.insert(got.end(), mem.begin(), mem.end() - 1);
  CHECK(firstTolMismatch(got, want, 1e-7, 1e-5) == -1);
}

TEST_CASE("manual: tutorial 2 LIF without and with reset", "[golden][manual]") {
  for (const char* key : {"t2_lif_uncontrolled", "t2_lif_with_reset"}) {
    INFO(key);
    const Json& g = goldenFile("tutorial_manual.json").at(key);
    const bool reset = std::string(key) == "t2_lif_with_reset";
    const snn::Trace t = runEuler(g.at("params"), flatFloats(g.at("input")), reset ? "subtract" : "none", 0.0);
    CHECK(firstTolMismatch(t.find("mem")->data, flatFloats(g.at("mem")), 1e-6, 1e-6) == -1);
    CHECK(t.find("spk")->data == flatFloats(g.at("spk")));
  }
}

TEST_CASE("manual: tutorial 3 hand-written LIF equals Leaky with the spike taken before the update", "[golden][manual]") {
  const Json& g = goldenFile("tutorial_manual.json").at("t3_manual_lif");
  const Json& p = g.at("params");
  const float w = p.at("w").get<float>();
  Json s;
  s["model"] = "Leaky";
  s["constructor"] = {{"beta", p.at("beta")}, {"threshold", p.at("threshold")}};
  s["spike_timing"] = "before_update";
  Json rows = Json::array();
  for (float x : flatFloats(g.at("input_x"))) rows.push_back({w * x});
  s["input"] = rows;
  const snn::Trace t = snn::runScenarioJson(s.dump());
  CHECK(firstTolMismatch(t.find("mem")->data, flatFloats(g.at("mem")), 1e-6, 1e-6) == -1);
  CHECK(t.find("spk")->data == flatFloats(g.at("spk")));
}
