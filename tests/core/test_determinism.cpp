// Determinism (the Box2D idea): hash the traces of a fixed set of scenarios. Within one build every run
// must give the same hash; across builds (release, sanitizer, WASM) the hashes must be equal, which
// scripts/test.sh and the WASM tests check by comparing the files this test writes.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include "snn/scenario.hpp"
#include "support.hpp"

using Json = nlohmann::json;

namespace {

// Every golden scenario plus generator-driven ones that use the RNG (rate, uniform, noise, seeded init).
std::vector<std::string> determinismSet() {
  std::vector<std::string> set;
  for (const char* f : {"lapicque.json", "leaky.json", "synaptic.json", "alpha.json", "legacy_v0_2.json"})
    for (const auto& e : snn::test::goldenFile(f).at("scenarios")) set.push_back(e.dump());
  for (const auto& e : snn::test::goldenFile("network.json").at("networks")) set.push_back(e.dump());
  set.push_back(R"({"model":"Leaky","constructor":{"beta":0.9},"num_steps":300,"num_neurons":50,"seed":1,
                    "input":{"rate":{"values":{"uniform":[0,0.6]}}}})");
  set.push_back(R"({"model":"Synaptic","constructor":{"alpha":0.9,"beta":0.8,"reset_mechanism":"zero"},
                    "num_steps":300,"num_neurons":20,"seed":2,"input":{"noise":{"low":-0.1,"high":0.4}}})");
  set.push_back(R"({"model":"Alpha","constructor":{"alpha":0.9,"beta":0.85,"reset_mechanism":"subtract"},
                    "num_steps":300,"num_neurons":8,"seed":3,"input":{"rate":{"p":0.2,"amplitude":0.7}}})");
  set.push_back(R"({"model":"Lapicque","constructor":{"beta":0.9,"threshold":0.5},"num_steps":300,
                    "num_neurons":8,"seed":4,"input":{"latency":{"values":{"uniform":[0,1]},"tau":20}}})");
  set.push_back(R"({"layers":[{"type":"Linear","in":784,"out":100},{"type":"Leaky","beta":0.99},
                              {"type":"Linear","in":100,"out":10},{"type":"Leaky","beta":0.99}],
                    "num_steps":50,"batch_size":1,"seed":5,"input":{"rate":{"values":{"uniform":[0,0.1]}}}})");
  set.push_back(R"({"layers":[{"type":"Linear","in":30,"out":20},{"type":"Synaptic","alpha":0.9,"beta":0.8},
                              {"type":"Linear","in":20,"out":5},{"type":"Alpha","alpha":0.9,"beta":0.8}],
                    "num_steps":60,"batch_size":3,"seed":6,"input":{"noise":{"low":0,"high":1}}})");
  return set;
}

std::uint64_t hashSet(const std::vector<std::string>& set) {
  std::uint64_t h = 0;
  for (const auto& s : set) h = h * 0x100000001b3ULL ^ snn::traceHash(snn::runScenarioJson(s));
  return h;
}

}  // namespace

TEST_CASE("determinism: the fixed scenario set hashes the same on every run", "[determinism]") {
  const auto set = determinismSet();
  REQUIRE(set.size() > 90);
  const std::uint64_t first = hashSet(set);
  CHECK(hashSet(set) == first);
  if (const char* out = std::getenv("SNN_HASH_OUT"); out && *out) {
    std::ofstream f(out);
    f << snn::hashHex(first) << "\n";
    for (const auto& s : set) f << snn::hashHex(snn::traceHash(snn::runScenarioJson(s))) << "\n";
  }
}
