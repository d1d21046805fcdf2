// Internal: four floats (or four int32 lane masks) in one vector register, with GCC's and Clang's vector
// extensions — g++ compiles them to SSE, em++ -msimd128 to WebAssembly SIMD. Every operation is the
// element-wise IEEE operation, so vector code gives the scalar code's bits; a comparison gives all ones
// (-1 as an integer) or zero per lane.
#pragma once

#include <cstdint>
#include <cstring>

namespace snn::detail {

using F4 = float __attribute__((vector_size(16)));
using I4 = std::int32_t __attribute__((vector_size(16)));

// Unaligned load and store (a std::vector<float> is only float-aligned).
inline F4 loadF4(const float* p) {
  F4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void storeF4(float* p, F4 v) { std::memcpy(p, &v, sizeof v); }

// Bit k (k = 0..3) set where lane k of a comparison result is all ones: one instruction with SSE
// (movmskps) and WebAssembly SIMD (i32x4.bitmask), four lane reads elsewhere.
inline unsigned laneBits(I4 mask) {
#if defined(__wasm_simd128__)
  return static_cast<unsigned>(__builtin_wasm_bitmask_i32x4(mask));
#elif defined(__SSE2__)
  return static_cast<unsigned>(__builtin_ia32_movmskps(reinterpret_cast<F4>(mask)));
#else
  return (mask[0] & 1u) | (mask[1] & 2u) | (mask[2] & 4u) | (mask[3] & 8u);
#endif
}

}  // namespace snn::detail
