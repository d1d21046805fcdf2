// Our own small seeded generator (PCG32, O'Neill 2014), so a seed gives the same spikes natively, in
// Node and in every browser. Only integer arithmetic: no platform can disagree on it.
#pragma once

#include <cstdint>

namespace snn {

class Pcg32 {
 public:
  explicit Pcg32(std::uint64_t seed, std::uint64_t stream = 0x5851f42d4c957f2dULL);

  std::uint32_t nextU32();
  // Uniform in [0, 1) with 24 random bits: every value is an exact float32.
  float nextFloat();
  // Uniform in [low, high), computed in float32 as low + u*(high-low).
  float uniform(float low, float high);

 private:
  std::uint64_t state_ = 0;
  std::uint64_t inc_ = 0;
};

}  // namespace snn
