#include "snn/rng.hpp"

namespace snn {

Pcg32::Pcg32(std::uint64_t seed, std::uint64_t stream) : inc_((stream << 1u) | 1u) {
  nextU32();
  state_ += seed;
  nextU32();
}

std::uint32_t Pcg32::nextU32() {
  const std::uint64_t old = state_;
  state_ = old * 6364136223846793005ULL + inc_;
  const auto xorshifted = static_cast<std::uint32_t>(((old >> 18u) ^ old) >> 27u);
  const auto rot = static_cast<std::uint32_t>(old >> 59u);
  return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
}

float Pcg32::nextFloat() { return static_cast<float>(nextU32() >> 8) * 0x1p-24f; }

float Pcg32::uniform(float low, float high) { return low + nextFloat() * (high - low); }

}  // namespace snn
