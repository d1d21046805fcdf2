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

// tests/determinism.json: every scenario of some golden files plus generator-driven ones that use the
// RNG (rate, uniform, noise, seeded init). The WASM tests read the same file.
std::vector<std::string> determinismSet() {
  std::ifstream in(std::string(SNN_TESTS_DIR) + "/determinism.json");
  REQUIRE(in.good());
  const Json doc = Json::parse(in);
  std::vector<std::string> set;
  for (const auto& f : doc.at("golden_files")) {
    const Json& file = snn::test::goldenFile(f.get<std::string>());
    for (const auto& e : file.contains("networks") ? file.at("networks") : file.at("scenarios")) set.push_back(e.dump());
  }
  for (const auto& e : doc.at("extra")) set.push_back(e.dump());
  return set;
}

std::uint64_t hashSet(const std::vector<std::string>& set) {
  std::uint64_t h = 0;
  for (const auto& s : set) h = h * 0x100000001b3ULL ^ snn::traceHash(snn::runScenarioJson(s));
  return h;
}

}  // namespace

// tests/determinism.hashes: the hash pinned for each scenario of the set, in order ("<hash> <what>").
std::vector<std::string> pinnedHashes() {
  std::ifstream in(std::string(SNN_TESTS_DIR) + "/determinism.hashes");
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') out.push_back(line.substr(0, line.find(' ')));
  return out;
}

TEST_CASE("determinism: the fixed scenario set hashes the same on every run, to the pinned hashes", "[determinism]") {
  const auto set = determinismSet();
  REQUIRE(set.size() > 90);
  const std::uint64_t first = hashSet(set);
  CHECK(hashSet(set) == first);
  std::vector<std::string> hashes;
  for (const auto& s : set) hashes.push_back(snn::hashHex(snn::traceHash(snn::runScenarioJson(s))));
  if (const char* update = std::getenv("SNN_UPDATE_HASHES"); update && std::string(update) == "1") {
    std::ofstream f(std::string(SNN_TESTS_DIR) + "/determinism.hashes");
    f << "# The trace hash of each scenario of tests/determinism.json, in order (native and WASM are checked against it).\n";
    for (std::size_t i = 0; i < set.size(); ++i) {
      const Json s = Json::parse(set[i]);
      f << hashes[i] << " " << (s.contains("name") ? s.at("name").get<std::string>() : "scenario " + std::to_string(i)) << "\n";
    }
  }
  const std::vector<std::string> pinned = pinnedHashes();
  REQUIRE(pinned.size() == set.size());
  for (std::size_t i = 0; i < set.size(); ++i) {
    INFO("scenario " << i << ": " << set[i].substr(0, 120));
    CHECK(hashes[i] == pinned[i]);
  }
  if (const char* out = std::getenv("SNN_HASH_OUT"); out && *out) {
    std::ofstream f(out);
    f << snn::hashHex(first) << "\n";
    for (const auto& h : hashes) f << h << "\n";
  }
}
