#include "support.hpp"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <stdexcept>

namespace snn::test {

std::string goldenDir() {
  if (const char* env = std::getenv("SNN_GOLDEN_DIR"); env && *env) return env;
  return SNN_GOLDEN_DIR;
}

const nlohmann::json& goldenFile(const std::string& name) {
  static std::map<std::string, nlohmann::json> cache;
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  const std::string path = goldenDir() + "/" + name;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open golden file " + path);
  return cache.emplace(name, nlohmann::json::parse(in)).first->second;
}

static void flattenInto(const nlohmann::json& j, std::vector<float>& out) {
  if (j.is_array()) {
    for (const auto& v : j) flattenInto(v, out);
  } else {
    out.push_back(static_cast<float>(j.get<double>()));
  }
}

std::vector<float> flatFloats(const nlohmann::json& nested) {
  std::vector<float> out;
  flattenInto(nested, out);
  return out;
}

long firstBitMismatch(const std::vector<float>& got, const std::vector<float>& want) {
  if (got.size() != want.size()) return 0;
  for (std::size_t i = 0; i < got.size(); ++i)
    if (bitsOf(got[i]) != bitsOf(want[i])) return static_cast<long>(i);
  return -1;
}

long firstTolMismatch(const std::vector<float>& got, const std::vector<float>& want, double abs_tol, double rel_tol) {
  if (got.size() != want.size()) return 0;
  for (std::size_t i = 0; i < got.size(); ++i) {
    const double g = got[i], w = want[i];
    if (!(std::fabs(g - w) <= abs_tol + rel_tol * std::fabs(w))) return static_cast<long>(i);
  }
  return -1;
}

}  // namespace snn::test
