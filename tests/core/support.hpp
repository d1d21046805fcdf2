// Helpers shared by the native tests: reading the goldens and comparing float32 arrays.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace snn::test {

// Directory of ../shared/golden (env SNN_GOLDEN_DIR overrides the path baked in at configure time).
std::string goldenDir();
// Parsed golden file, e.g. goldenFile("leaky.json"); cached.
const nlohmann::json& goldenFile(const std::string& name);

inline std::uint32_t bitsOf(float f) {
  std::uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  return u;
}

// Flattens nested JSON number arrays into float32 (each value parsed as double, then cast: exact bits).
std::vector<float> flatFloats(const nlohmann::json& nested);

// First index where two arrays differ in their float32 bits, or -1. Sizes must match.
long firstBitMismatch(const std::vector<float>& got, const std::vector<float>& want);
// First index where |got - want| > abs_tol + rel_tol*|want|, or -1.
long firstTolMismatch(const std::vector<float>& got, const std::vector<float>& want, double abs_tol, double rel_tol);

// The test program's operator new counts allocations and the bytes they hold (not under AddressSanitizer,
// which owns operator new itself: there countingAllocations is false and the counts stay 0).
extern const bool countingAllocations;
long allocationCount();
// Bytes allocated with operator new at the peak of f(), beyond what was live before it.
std::size_t peakBytesDuring(const std::function<void()>& f);

}  // namespace snn::test
