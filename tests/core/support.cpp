#include "support.hpp"

#include <malloc.h>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <new>
#include <stdexcept>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SNN_UNDER_ASAN 1
#endif
#endif
#if !defined(__SANITIZE_ADDRESS__) && !defined(SNN_UNDER_ASAN)
#define SNN_COUNT_ALLOCATIONS 1
#endif

namespace {
std::atomic<long> g_allocations{0};
std::atomic<std::size_t> g_live{0}, g_peak{0};
}  // namespace

#ifdef SNN_COUNT_ALLOCATIONS
namespace {
void* counted(std::size_t n) {
  void* p = std::malloc(n ? n : 1);
  if (!p) throw std::bad_alloc();
  ++g_allocations;
  const std::size_t now = g_live += malloc_usable_size(p);
  for (std::size_t peak = g_peak; now > peak && !g_peak.compare_exchange_weak(peak, now);) {
  }
  return p;
}
void released(void* p) noexcept {
  if (!p) return;
  g_live -= malloc_usable_size(p);
  std::free(p);
}
}  // namespace
void* operator new(std::size_t n) { return counted(n); }
void* operator new[](std::size_t n) { return counted(n); }
void operator delete(void* p) noexcept { released(p); }
void operator delete[](void* p) noexcept { released(p); }
void operator delete(void* p, std::size_t) noexcept { released(p); }
void operator delete[](void* p, std::size_t) noexcept { released(p); }
#endif

namespace snn::test {

#ifdef SNN_COUNT_ALLOCATIONS
const bool countingAllocations = true;
#else
const bool countingAllocations = false;
#endif

long allocationCount() { return g_allocations.load(); }

std::size_t peakBytesDuring(const std::function<void()>& f) {
  const std::size_t before = g_live;
  g_peak = before;
  f();
  return g_peak - before;
}

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
