// Replays every scenario of every golden file through the Scenario runner, exactly as the entries stand in
// the files, and compares with what snnTorch computed: float32 bits where golden/README.md promises
// bit-exactness, its stated tolerance elsewhere; spikes always exactly.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "snn/scenario.hpp"
#include "support.hpp"

using snn::test::firstBitMismatch;
using snn::test::firstTolMismatch;
using snn::test::flatFloats;
using snn::test::goldenFile;
using Json = nlohmann::json;

namespace {

struct Tolerance {
  bool exact = true;
  double abs = 0, rel = 0;
};

// Runs one golden entry and compares each output array it lists.
void replay(const Json& entry, const Tolerance& states_tol, bool spikes_exact = true) {
  const std::string name = entry.value("name", "?");
  INFO("scenario " << name);
  const snn::Trace trace = snn::runScenarioJson(entry.dump());
  const Json& output = entry.at("output");
  REQUIRE(output.size() == trace.arrays.size());
  for (auto it = output.begin(); it != output.end(); ++it) {
    INFO("array " << it.key());
    const snn::TraceArray* got = trace.find(it.key());
    REQUIRE(got != nullptr);
    const std::vector<float> want = flatFloats(it.value());
    REQUIRE(got->data.size() == want.size());
    const bool is_spike = got->is_spike;
    long bad = -1;
    if (is_spike ? spikes_exact : states_tol.exact) {
      bad = firstBitMismatch(got->data, want);
    } else {
      bad = firstTolMismatch(got->data, want, states_tol.abs, states_tol.rel);
    }
    if (bad >= 0) {
      const std::size_t row = got->rowSize();
      INFO("first mismatch at row " << bad / static_cast<long>(row) << " index " << bad % static_cast<long>(row)
                                    << ": got " << got->data[bad] << " want " << want[bad]);
      CHECK(bad == -1);
    }
  }
}

void replayFile(const std::string& file, const Tolerance& tol) {
  const Json& doc = goldenFile(file);
  const Json& scenarios = doc.at("scenarios");
  REQUIRE(scenarios.size() > 0);
  for (const auto& entry : scenarios) {
    DYNAMIC_SECTION(entry.value("name", "?")) { replay(entry, tol); }
  }
}

}  // namespace

TEST_CASE("golden lapicque.json: every scenario bit for bit", "[golden]") { replayFile("lapicque.json", {}); }
TEST_CASE("golden leaky.json: every scenario bit for bit", "[golden]") { replayFile("leaky.json", {}); }
TEST_CASE("golden synaptic.json: every scenario bit for bit", "[golden]") { replayFile("synaptic.json", {}); }
TEST_CASE("golden alpha.json: every scenario bit for bit", "[golden]") { replayFile("alpha.json", {}); }

TEST_CASE("golden network.json: dyadic nets bit for bit, float net within 1e-6", "[golden]") {
  const Json& nets = goldenFile("network.json").at("networks");
  REQUIRE(nets.size() == 3);
  for (const auto& net : nets) {
    const bool exact = net.at("weights_dyadic_exact_sums").get<bool>();
    DYNAMIC_SECTION(net.at("name").get<std::string>()) {
      // The float net's matmul sums in BLAS order; ours sums in index order: ~1 ulp per sum, which the
      // membranes carry forward over 25 steps. Spike margins are >= 2e-3, so spikes must still match.
      replay(net, exact ? Tolerance{} : Tolerance{false, 1e-5, 1e-5});
    }
  }
}

TEST_CASE("golden derived constants: Lapicque's R, C, 1/RC, 1-dt/RC and Alpha's tau in float32", "[golden]") {
  for (const auto& entry : goldenFile("lapicque.json").at("scenarios")) {
    INFO(entry.at("name").get<std::string>());
    const snn::Scenario s = snn::parseScenario(entry.dump());
    const snn::LapicqueConstants k = snn::lapicqueConstants(s.neuron);
    const Json& d = entry.at("derived");
    CHECK(snn::test::bitsOf(k.R) == snn::test::bitsOf(d.at("R").get<float>()));
    CHECK(snn::test::bitsOf(k.C) == snn::test::bitsOf(d.at("C").get<float>()));
    CHECK(snn::test::bitsOf(k.inv_RC) == snn::test::bitsOf(d.at("inv_RC_f32").get<float>()));
    CHECK(snn::test::bitsOf(k.one_minus_dt_over_RC) ==
          snn::test::bitsOf(d.at("k_mem_f32_one_minus_dt_over_RC").get<float>()));
  }
  for (const auto& entry : goldenFile("alpha.json").at("scenarios")) {
    INFO(entry.at("name").get<std::string>());
    const Json& d = entry.at("derived");
    const float tau = snn::alphaTau(d.at("alpha_clamped").get<float>(), d.at("beta_clamped").get<float>());
    CHECK(snn::test::bitsOf(tau) == snn::test::bitsOf(d.at("tau_alpha_f32").get<float>()));
  }
}

TEST_CASE("golden legacy_v0_2.json: v0.2.11 spike timing", "[golden]") {
  const Json& scenarios = goldenFile("legacy_v0_2.json").at("scenarios");
  REQUIRE(scenarios.size() == 9);
  for (const auto& entry : scenarios) {
    const std::string name = entry.at("name").get<std::string>();
    const std::string model = entry.at("model").get<std::string>();
    DYNAMIC_SECTION(name) {
      // Lapicque and Stein: states equal today's models bit for bit. SRM0 applies tau in double
      // (Python) to float32 tensors, so it is compared within a relative 1e-6.
      const bool srm0 = model.rfind("SRM0", 0) == 0;
      replay(entry, srm0 ? Tolerance{false, 1e-6, 1e-6} : Tolerance{});
    }
  }
}

TEST_CASE("golden legacy: spikes come exactly one row later than in 0.9.4", "[golden]") {
  // Property: the same Lapicque run under both conventions; v0.2's spike row k+1 equals 0.9.4's row k.
  const Json& entry = goldenFile("legacy_v0_2.json").at("scenarios").at(2);  // R5 C10 step 0.21
  Json now = entry;
  now["model"] = "Lapicque";
  const snn::Trace legacy = snn::runScenarioJson(entry.dump());
  const snn::Trace current = snn::runScenarioJson(now.dump());
  const auto& a = legacy.find("spk")->data;
  const auto& b = current.find("spk")->data;
  REQUIRE(a.size() == b.size());
  int spikes = 0;
  for (std::size_t k = 0; k + 1 < a.size(); ++k) {
    CHECK(a[k + 1] == b[k]);
    spikes += b[k] > 0;
  }
  CHECK(a[0] == 0.0f);
  CHECK(spikes > 0);
  CHECK(legacy.find("mem")->data == current.find("mem")->data);
}
